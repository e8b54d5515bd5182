/* The public API's accessors: read-only views of a scan result, so that the
 * result's layout stays private to the library (dockerd-scap/listeners.h). */
#include "config.h"

#include "base/problems.h"

const char *dl_scan_root(const struct dl_scan_result *r) { return r->root; }
size_t dl_scan_listener_count(const struct dl_scan_result *r) { return r->listeners.count; }
const struct dl_listener *dl_scan_listener(const struct dl_scan_result *r, size_t i)
{
	return i < r->listeners.count ? &r->listeners.items[i] : NULL;
}
size_t dl_scan_problem_count(const struct dl_scan_result *r) { return r->problems.count; }
const struct dl_problem *dl_scan_problem(const struct dl_scan_result *r, size_t i)
{
	return i < r->problems.count ? &r->problems.items[i] : NULL;
}
size_t dl_scan_error_count(const struct dl_scan_result *r)
{
	return problem_list_errors(&r->problems);
}

enum dl_launch_method dl_scan_launch_method(const struct dl_scan_result *r)
{
	return r->launch.method;
}
const char *dl_scan_unit_path(const struct dl_scan_result *r) { return r->launch.unit_path; }
bool dl_scan_masked(const struct dl_scan_result *r) { return r->launch.masked; }
bool dl_scan_refuses_start(const struct dl_scan_result *r) { return r->launch.refuses_start; }
size_t dl_scan_argc(const struct dl_scan_result *r) { return r->launch.argc; }
const char *dl_scan_argv(const struct dl_scan_result *r, size_t i)
{
	return i < r->launch.argc ? r->launch.argv[i] : NULL;
}
const char *dl_scan_config_file(const struct dl_scan_result *r) { return r->launch.config_file; }
bool dl_scan_config_file_present(const struct dl_scan_result *r)
{
	return r->launch.config_file_present;
}
const char *dl_scan_data_root(const struct dl_scan_result *r) { return r->launch.data_root; }

bool dl_scan_live(const struct dl_scan_result *r) { return r->live; }
size_t dl_scan_daemon_count(const struct dl_scan_result *r) { return r->ndaemons; }
const struct dl_daemon *dl_scan_daemon(const struct dl_scan_result *r, size_t i)
{
	return i < r->ndaemons ? &r->daemons[i] : NULL;
}
enum dl_swarm_role dl_scan_swarm_role(const struct dl_scan_result *r) { return r->cluster.swarm; }
enum dl_swarm_method dl_scan_swarm_method(const struct dl_scan_result *r)
{
	return r->cluster.swarm_method;
}
enum dl_ucp_state dl_scan_ucp_state(const struct dl_scan_result *r) { return r->cluster.ucp; }
bool dl_scan_has_verdicts(const struct dl_scan_result *r) { return r->nrules == DL_NRULES; }

static const struct dl_rule_result *rule_at(const struct dl_scan_result *r, enum dl_rule_id rule)
{
	return (size_t)rule < r->nrules ? &r->rules[rule] : NULL;
}
enum dl_result dl_scan_rule_result(const struct dl_scan_result *r, enum dl_rule_id rule)
{
	const struct dl_rule_result *rr = rule_at(r, rule);
	return rr ? rr->result : DL_RESULT_ERROR;
}
size_t dl_scan_rule_reason_count(const struct dl_scan_result *r, enum dl_rule_id rule)
{
	const struct dl_rule_result *rr = rule_at(r, rule);
	return rr ? rr->nreasons : 0;
}
const char *dl_scan_rule_reason(const struct dl_scan_result *r, enum dl_rule_id rule, size_t i)
{
	const struct dl_rule_result *rr = rule_at(r, rule);
	return rr && i < rr->nreasons ? rr->reasons[i] : NULL;
}

enum dl_proto dl_listener_proto(const struct dl_listener *l) { return l->proto; }
unsigned dl_listener_state(const struct dl_listener *l) { return l->state; }
const char *dl_listener_address(const struct dl_listener *l) { return l->address; }
unsigned dl_listener_port(const struct dl_listener *l) { return l->port; }
const char *dl_listener_path(const struct dl_listener *l) { return l->path; }
const char *dl_listener_fd(const struct dl_listener *l) { return l->fd; }
enum dl_tls dl_listener_tls(const struct dl_listener *l) { return l->tls; }
const char *dl_listener_note(const struct dl_listener *l) { return l->note; }
size_t dl_scan_other_launcher_count(const struct dl_scan_result *r)
{
	return r->other_launchers.count;
}
const struct dl_evidence *dl_scan_other_launcher(const struct dl_scan_result *r, size_t i)
{
	return i < r->other_launchers.count ? &r->other_launchers.items[i] : NULL;
}
size_t dl_listener_evidence_count(const struct dl_listener *l) { return l->evidence.count; }
const struct dl_evidence *dl_listener_evidence(const struct dl_listener *l, size_t i)
{
	return i < l->evidence.count ? &l->evidence.items[i] : NULL;
}

const char *dl_evidence_source(const struct dl_evidence *e) { return e->source; }
const char *dl_evidence_path(const struct dl_evidence *e) { return e->path; }
unsigned dl_evidence_line(const struct dl_evidence *e) { return e->line; }
const char *dl_evidence_text(const struct dl_evidence *e) { return e->text; }

const char *dl_problem_path(const struct dl_problem *p) { return p->path; }
unsigned dl_problem_line(const struct dl_problem *p) { return p->line; }
const char *dl_problem_message(const struct dl_problem *p) { return p->message; }
enum dl_severity dl_problem_severity(const struct dl_problem *p) { return p->severity; }
enum dl_problem_scope dl_problem_scope(const struct dl_problem *p) { return p->scope; }

unsigned long dl_daemon_pid(const struct dl_daemon *d) { return d->pid; }
size_t dl_daemon_argc(const struct dl_daemon *d) { return d->argc; }
const char *dl_daemon_argv(const struct dl_daemon *d, size_t i)
{
	return i < d->argc ? d->argv[i] : NULL;
}
bool dl_daemon_rootless(const struct dl_daemon *d) { return d->rootless; }
bool dl_daemon_socket_activated(const struct dl_daemon *d) { return d->socket_activated; }
const char *dl_daemon_data_root(const struct dl_daemon *d) { return d->data_root; }
const char *dl_daemon_config_file(const struct dl_daemon *d) { return d->config_file; }
size_t dl_daemon_listener_count(const struct dl_daemon *d) { return d->listeners.count; }
const struct dl_listener *dl_daemon_listener(const struct dl_daemon *d, size_t i)
{
	return i < d->listeners.count ? &d->listeners.items[i] : NULL;
}
size_t dl_daemon_other_socket_count(const struct dl_daemon *d) { return d->nother_sockets; }
const struct dl_other_socket *dl_daemon_other_socket(const struct dl_daemon *d, size_t i)
{
	return i < d->nother_sockets ? &d->other_sockets[i] : NULL;
}
const char *dl_other_socket_address(const struct dl_other_socket *o) { return o->address; }
unsigned dl_other_socket_port(const struct dl_other_socket *o) { return o->port; }
const char *dl_other_socket_role(const struct dl_other_socket *o) { return o->role; }
const char *dl_other_socket_reason(const struct dl_other_socket *o) { return o->reason; }
