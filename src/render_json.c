/* The JSON contract of dockerd-listeners (see dockerd-listeners(1)). Fields
 * are only ever added, never renamed or removed. */
#include "config.h"

#include <json-c/json.h>
#include <string.h>

#include "model.h"

static json_object *jstr(const char *s)
{
	return s ? json_object_new_string(s) : NULL; /* NULL is JSON null */
}

static json_object *evidence_json(const struct dl_evidence_list *l)
{
	json_object *a = json_object_new_array();
	for (size_t i = 0; i < l->count; i++) {
		const struct dl_evidence *e = &l->items[i];
		json_object *o = json_object_new_object();
		json_object_object_add(o, "source", jstr(e->source));
		json_object_object_add(o, "path", jstr(e->path));
		json_object_object_add(o, "line", json_object_new_int64(e->line));
		json_object_object_add(o, "text", jstr(e->text));
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *listener_json(const struct dl_listener *l)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "proto", jstr(dl_proto_name(l->proto)));
	if (l->proto == DL_PROTO_TCP) {
		json_object_object_add(o, "address", jstr(l->address));
		json_object_object_add(o, "port", json_object_new_int64(l->port));
		json_object_object_add(o, "tls", jstr(dl_tls_name(l->tls)));
	}
	if (l->proto == DL_PROTO_UNIX)
		json_object_object_add(o, "path", jstr(l->path));
	json_object_object_add(o, "fd", jstr(l->fd));
	json_object_object_add(o, "note", jstr(l->note));
	json_object_object_add(o, "evidence", evidence_json(&l->evidence));
	return o;
}

static json_object *launch_json(const struct dl_launch *l)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "method", jstr(l->method));
	json_object_object_add(o, "unit", jstr(l->unit_path));
	json_object_object_add(o, "masked", json_object_new_boolean(l->masked));
	json_object *argv = json_object_new_array();
	for (size_t i = 0; i < l->argc; i++)
		json_object_array_add(argv, jstr(l->argv[i]));
	json_object_object_add(o, "argv", argv);
	json_object_object_add(o, "config_file", jstr(l->config_file));
	json_object_object_add(o, "config_file_present", json_object_new_boolean(l->config_file_present));
	json_object_object_add(o, "data_root", jstr(l->data_root));
	json_object_object_add(o, "refuses_start", json_object_new_boolean(l->refuses_start));
	return o;
}

int dl_render_json(FILE *out, const struct dl_scan_result *r)
{
	json_object *top = json_object_new_object();
	json_object_object_add(top, "root", jstr(r->root));
	json_object_object_add(top, "launch", launch_json(&r->launch));
	json_object *ls = json_object_new_array();
	for (size_t i = 0; i < r->listeners.count; i++)
		json_object_array_add(ls, listener_json(&r->listeners.items[i]));
	json_object_object_add(top, "listeners", ls);
	json_object *ps = json_object_new_array();
	for (size_t i = 0; i < r->problems.count; i++) {
		const struct dl_problem *p = &r->problems.items[i];
		json_object *o = json_object_new_object();
		json_object_object_add(o, "path", jstr(p->path));
		json_object_object_add(o, "line", json_object_new_int64(p->line));
		json_object_object_add(o, "message", jstr(p->message));
		json_object_object_add(o, "severity", jstr(p->severity == DL_SEVERITY_WARNING
								   ? "warning"
								   : "error"));
		json_object_array_add(ps, o);
	}
	json_object_object_add(top, "problems", ps);
	const char *text = json_object_to_json_string_ext(
		top, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE);
	int rc = fputs(text, out) < 0 || fputc('\n', out) == EOF ? -1 : 0;
	json_object_put(top);
	return rc;
}
