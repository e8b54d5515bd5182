/* The JSON contract of dockerd-listeners (see dockerd-listeners(1)). Fields
 * are only ever added, never renamed or removed. */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/alloc.h"
#include "scan_result.h"

static json_object *jstr(const char *s)
{
	return s ? json_object_new_string(s) : NULL; /* NULL is JSON null */
}

/* A string member. Text from the scanned root may hold any bytes and JSON
 * text must be UTF-8 (RFC 8259 section 8.1): a value that is not valid
 * UTF-8 has each bad byte replaced by U+FFFD, and a "<key>_hex" member next
 * to it carries the original bytes (dockerd-listeners(1), ENCODING). */
static void add_str(json_object *o, const char *key, const char *s)
{
	if (escape_utf8_valid(s)) {
		json_object_object_add(o, key, jstr(s));
		return;
	}
	char *rep = escape_utf8_replace(s), *hex = escape_hex(s);
	char *hkey = xasprintf("%s_hex", key);
	json_object_object_add(o, key, jstr(rep));
	json_object_object_add(o, hkey, jstr(hex));
	free(rep), free(hex), free(hkey);
}

/* A string array member; when an element is not valid UTF-8, a
 * "<key>_hex" array of the same length holds the original bytes of those
 * elements (null for the valid ones). */
static void add_strv(json_object *o, const char *key, char *const *v, size_t n)
{
	json_object *a = json_object_new_array();
	bool bad = false;
	for (size_t i = 0; i < n; i++) {
		if (escape_utf8_valid(v[i])) {
			json_object_array_add(a, jstr(v[i]));
			continue;
		}
		char *rep = escape_utf8_replace(v[i]);
		json_object_array_add(a, jstr(rep));
		free(rep);
		bad = true;
	}
	json_object_object_add(o, key, a);
	if (!bad)
		return;
	json_object *h = json_object_new_array();
	for (size_t i = 0; i < n; i++) {
		char *hex = escape_utf8_valid(v[i]) ? NULL : escape_hex(v[i]);
		json_object_array_add(h, jstr(hex));
		free(hex);
	}
	char *hkey = xasprintf("%s_hex", key);
	json_object_object_add(o, hkey, h);
	free(hkey);
}

static json_object *evidence_json(const struct dl_evidence_list *l)
{
	json_object *a = json_object_new_array();
	for (size_t i = 0; i < l->count; i++) {
		const struct dl_evidence *e = &l->items[i];
		json_object *o = json_object_new_object();
		add_str(o, "source", e->source);
		add_str(o, "path", e->path);
		json_object_object_add(o, "line", json_object_new_int64(e->line));
		add_str(o, "text", e->text);
		json_object_array_add(a, o);
	}
	return a;
}

static const char *state_name(unsigned state)
{
	if ((state & DL_STATE_CONFIGURED) && (state & DL_STATE_BOUND))
		return "configured+bound";
	return state & DL_STATE_BOUND ? "bound" : "configured";
}

static json_object *listener_json(const struct dl_listener *l)
{
	json_object *o = json_object_new_object();
	add_str(o, "proto", dl_proto_name(l->proto));
	add_str(o, "state", state_name(l->state));
	if (l->proto == DL_PROTO_TCP) {
		add_str(o, "address", l->address);
		json_object_object_add(o, "port", json_object_new_int64(l->port));
		add_str(o, "tls", dl_tls_name(l->tls));
	}
	if (l->proto == DL_PROTO_UNIX)
		add_str(o, "path", l->path);
	add_str(o, "fd", l->fd);
	add_str(o, "note", l->note);
	json_object_object_add(o, "evidence", evidence_json(&l->evidence));
	return o;
}

static json_object *launch_json(const struct dl_launch *l)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "method", jstr(dl_launch_method_name(l->method)));
	add_str(o, "unit", l->unit_path);
	json_object_object_add(o, "masked", json_object_new_boolean(l->masked));
	add_strv(o, "argv", l->argv, l->argc);
	add_str(o, "config_file", l->config_file);
	json_object_object_add(o, "config_file_present", json_object_new_boolean(l->config_file_present));
	add_str(o, "data_root", l->data_root);
	json_object_object_add(o, "refuses_start", json_object_new_boolean(l->refuses_start));
	json_object_object_add(o, "dockerd_version", jstr(l->dockerd_version));
	json_object_object_add(o, "dockerd_version_source", jstr(l->dockerd_version_source));
	json_object_object_add(o, "dockerd_rules", jstr(l->dockerd_rules));
	return o;
}

static json_object *listeners_json(const struct dl_listener_list *l)
{
	json_object *a = json_object_new_array();
	for (size_t i = 0; i < l->count; i++)
		json_object_array_add(a, listener_json(&l->items[i]));
	return a;
}


static json_object *daemon_object(const struct dl_daemon *d)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "pid", json_object_new_int64((int64_t)d->pid));
	add_strv(o, "argv", d->argv, d->argc);
	json_object_object_add(o, "rootless", json_object_new_boolean(d->rootless));
	add_str(o, "data_root", d->data_root);
	add_str(o, "config_file", d->config_file);
	json_object_object_add(o, "socket_activated", json_object_new_boolean(d->socket_activated));
	json_object_object_add(o, "listeners", listeners_json(&d->listeners));
	json_object *other = json_object_new_array();
	for (size_t i = 0; i < d->nother_sockets; i++) {
		const struct dl_other_socket *s = &d->other_sockets[i];
		json_object *so = json_object_new_object();
		add_str(so, "proto", "tcp");
		add_str(so, "address", s->address);
		json_object_object_add(so, "port", json_object_new_int64(s->port));
		add_str(so, "role", s->role);
		add_str(so, "reason", s->reason);
		json_object_object_add(so, "evidence", evidence_json(&s->evidence));
		json_object_array_add(other, so);
	}
	json_object_object_add(o, "other_sockets", other);
	return o;
}

static json_object *cluster_json(const struct dl_cluster *c)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "swarm", jstr(dl_swarm_role_name(c->swarm)));
	json_object_object_add(o, "swarm_method", c->swarm_method == DL_SWARM_BY_NONE
					? NULL : jstr(dl_swarm_method_name(c->swarm_method)));
	/* ucp: true only when membership is established; ucp_state says
	 * "unknown" when it could not be decided (the DISA rule is then error). */
	json_object_object_add(o, "ucp", json_object_new_boolean(c->ucp == DL_UCP_YES));
	json_object_object_add(o, "ucp_state", jstr(dl_ucp_state_name(c->ucp)));
	json_object_object_add(o, "ucp_running", json_object_new_boolean(c->ucp_running));
	json_object_object_add(o, "evidence", evidence_json(&c->evidence));
	return o;
}

static json_object *rules_json(const struct dl_scan_result *r)
{
	json_object *o = json_object_new_object();
	for (size_t i = 0; i < r->nrules; i++) {
		const struct dl_rule_result *rr = &r->rules[i];
		json_object *ro = json_object_new_object();
		add_str(ro, "result", dl_result_name(rr->result));
		add_strv(ro, "reasons", rr->reasons, rr->nreasons);
		json_object_object_add(o, rr->id, ro);
	}
	return o;
}

int dl_render_json(FILE *out, const struct dl_scan_result *r)
{
	json_object *top = json_object_new_object();
	add_str(top, "root", r->root);
	json_object *launch = launch_json(&r->launch);
	json_object_object_add(launch, "other_launchers", evidence_json(&r->other_launchers));
	json_object_object_add(top, "launch", launch);
	json_object_object_add(top, "listeners", listeners_json(&r->listeners));
	json_object *ps = json_object_new_array();
	for (size_t i = 0; i < r->problems.count; i++) {
		const struct dl_problem *p = &r->problems.items[i];
		json_object *o = json_object_new_object();
		add_str(o, "path", p->path);
		json_object_object_add(o, "line", json_object_new_int64(p->line));
		add_str(o, "message", p->message);
		add_str(o, "severity", p->severity == DL_SEVERITY_WARNING
								   ? "warning"
								   : "error");
		add_str(o, "scope", p->scope == DL_SCOPE_MEMBERSHIP
								? "membership"
								: "listeners");
		json_object_array_add(ps, o);
	}
	json_object_object_add(top, "problems", ps);
	if (r->nrules) {
		json_object_object_add(top, "live", json_object_new_boolean(r->live));
		json_object *ds = json_object_new_array();
		for (size_t i = 0; i < r->ndaemons; i++)
			json_object_array_add(ds, daemon_object(&r->daemons[i]));
		json_object_object_add(top, "daemons", ds);
		json_object_object_add(top, "cluster", cluster_json(&r->cluster));
		json_object_object_add(top, "rules", rules_json(r));
	}
	const char *text = json_object_to_json_string_ext(
		top, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE);
	int rc = fputs(text, out) < 0 || fputc('\n', out) == EOF ? (errno ? -errno : -EIO) : 0;
	json_object_put(top);
	return rc;
}
