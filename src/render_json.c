/* The JSON contract of dockerd-listeners (see dockerd-listeners(1)). Fields
 * are only ever added, never renamed or removed. */
#include "config.h"

#include <errno.h>
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

static const char *state_name(unsigned state)
{
	if ((state & DL_STATE_CONFIGURED) && (state & DL_STATE_BOUND))
		return "configured+bound";
	return state & DL_STATE_BOUND ? "bound" : "configured";
}

static json_object *listener_json(const struct dl_listener *l)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "proto", jstr(dl_proto_name(l->proto)));
	json_object_object_add(o, "state", jstr(state_name(l->state)));
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
	json_object_object_add(o, "method", jstr(dl_launch_method_name(l->method)));
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

static json_object *strv_json(char *const *v, size_t n)
{
	json_object *a = json_object_new_array();
	for (size_t i = 0; i < n; i++)
		json_object_array_add(a, jstr(v[i]));
	return a;
}

static json_object *daemon_json(const struct dl_daemon *d)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "pid", json_object_new_int64((int64_t)d->pid));
	json_object_object_add(o, "argv", strv_json(d->argv, d->argc));
	json_object_object_add(o, "rootless", json_object_new_boolean(d->rootless));
	json_object_object_add(o, "data_root", jstr(d->data_root));
	json_object_object_add(o, "config_file", jstr(d->config_file));
	json_object_object_add(o, "socket_activated", json_object_new_boolean(d->socket_activated));
	json_object_object_add(o, "listeners", listeners_json(&d->listeners));
	json_object *other = json_object_new_array();
	for (size_t i = 0; i < d->nother_sockets; i++) {
		const struct dl_other_socket *s = &d->other_sockets[i];
		json_object *so = json_object_new_object();
		json_object_object_add(so, "proto", jstr("tcp"));
		json_object_object_add(so, "address", jstr(s->address));
		json_object_object_add(so, "port", json_object_new_int64(s->port));
		json_object_object_add(so, "role", jstr(s->role));
		json_object_object_add(so, "reason", jstr(s->reason));
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
		json_object_object_add(ro, "result", jstr(dl_result_name(rr->result)));
		json_object_object_add(ro, "reasons", strv_json(rr->reasons, rr->nreasons));
		json_object_object_add(o, rr->id, ro);
	}
	return o;
}

int dl_render_json(FILE *out, const struct dl_scan_result *r)
{
	json_object *top = json_object_new_object();
	json_object_object_add(top, "root", jstr(r->root));
	json_object_object_add(top, "launch", launch_json(&r->launch));
	json_object_object_add(top, "listeners", listeners_json(&r->listeners));
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
		json_object_object_add(o, "scope", jstr(p->scope == DL_SCOPE_MEMBERSHIP
								? "membership"
								: "listeners"));
		json_object_array_add(ps, o);
	}
	json_object_object_add(top, "problems", ps);
	if (r->nrules) {
		json_object_object_add(top, "live", json_object_new_boolean(r->live));
		json_object *ds = json_object_new_array();
		for (size_t i = 0; i < r->ndaemons; i++)
			json_object_array_add(ds, daemon_json(&r->daemons[i]));
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
