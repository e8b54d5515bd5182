/*
 * dockerd-scap: the effective dockerd listener set of a host.
 *
 * One call scans a root directory ("/" for the live host, a mounted image or
 * a test fixture otherwise) and returns every API endpoint dockerd will open
 * at its next start, each with its TLS state and the evidence that produced
 * it, plus the configuration problems found on the way.
 *
 * Conventions: functions that can fail return 0 or a negative errno value
 * (and are marked so that ignoring it warns); out-parameters come first;
 * every string in a result is owned by the result. Only dl_ symbols are
 * exported. Link with `pkg-config --cflags --libs dockerd-scap`.
 *
 * The JSON form of a result (dl_render_json) is the contract pipelines read;
 * dockerd-listeners(1) documents it.
 */
#ifndef DOCKERD_SCAP_LISTENERS_H
#define DOCKERD_SCAP_LISTENERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define DL_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define DL_WARN_UNUSED
#endif

enum dl_proto { DL_PROTO_TCP, DL_PROTO_UNIX, DL_PROTO_FD };
enum dl_tls { DL_TLS_NONE, DL_TLS_SERVER, DL_TLS_MUTUAL };

enum dl_severity {
	/* Could not be read or understood, or dockerd/systemd may refuse to
	 * start: the listener set is not known for sure. */
	DL_SEVERITY_ERROR,
	/* Understood, with a known effect (a line systemd ignores, a deprecated
	 * form): worth an assessor's attention, the set is still exact. */
	DL_SEVERITY_WARNING,
};

/* What a problem makes uncertain. */
enum dl_problem_scope {
	DL_SCOPE_LISTENERS,  /* the listener set (every rule) */
	DL_SCOPE_MEMBERSHIP, /* swarm/UCP membership only (the DISA rule's scope) */
};

/* Where a listener was seen (bits). */
enum dl_state {
	DL_STATE_CONFIGURED = 1u << 0, /* dockerd will open it at its next start */
	DL_STATE_BOUND = 1u << 1,      /* a running dockerd has it open now */
};

/* How dockerd is started on the scanned root. */
enum dl_launch_method {
	DL_LAUNCH_NONE,     /* Docker Engine is not installed */
	DL_LAUNCH_SYSTEMD,  /* docker.service */
	DL_LAUNCH_SYSVINIT, /* a System V init script (Debian, Red Hat, Upstart's default file) */
	DL_LAUNCH_OPENRC,   /* OpenRC's init script and conf.d file */
	DL_LAUNCH_MANUAL,   /* a dockerd binary and no init system that starts it */
};

/* Swarm role of the node. */
enum dl_swarm_role {
	DL_SWARM_UNKNOWN,  /* could not be decided: see the problems */
	DL_SWARM_INACTIVE,
	DL_SWARM_WORKER,
	DL_SWARM_MANAGER,
};

/* How the swarm role was decided. */
enum dl_swarm_method {
	DL_SWARM_BY_NONE,           /* no role: inactive or unknown */
	DL_SWARM_BY_CERTIFICATE,    /* node certificate subject OU (authoritative) */
	DL_SWARM_BY_RAFT_HEURISTIC, /* raft/ exists only on managers */
};

/* UCP/MKE membership. */
enum dl_ucp_state {
	DL_UCP_UNKNOWN, /* no UCP evidence found, but some records could not be read */
	DL_UCP_NO,
	DL_UCP_YES,
};

/* The result of a scan, and the things in it. The types are opaque: read
 * them with the accessors below. Every string is owned by the result and
 * lives until dl_scan_result_free(); a NULL string means "not set". */
struct dl_scan_result;
struct dl_listener;
struct dl_evidence;
struct dl_problem;
struct dl_daemon;
struct dl_other_socket;

enum dl_result { DL_RESULT_PASS, DL_RESULT_FAIL, DL_RESULT_ERROR, DL_RESULT_NOTAPPLICABLE };

/* The three rules (ids are the --rule arguments and JSON keys). */
#define DL_RULE_DISA "SV-235776r960759_rule"          /* DKER-EE-001050, UCP nodes */
#define DL_RULE_MUTUAL_TLS "dockerd_scap_tcp_mutual_tls" /* every TCP API listener: mutual TLS */
#define DL_RULE_NO_TCP "dockerd_scap_no_tcp_api"       /* no TCP API listener, any node */

enum dl_rule_id {
	DL_RULE_ID_DISA,       /* DL_RULE_DISA */
	DL_RULE_ID_MUTUAL_TLS, /* DL_RULE_MUTUAL_TLS */
	DL_RULE_ID_NO_TCP,     /* DL_RULE_NO_TCP */
};
#define DL_NRULES 3

/* Scan the configuration under root. Returns 0 when the scan ran (problems
 * are in the result), a negative errno when the root itself is unusable; then
 * err names the reason. */
DL_WARN_UNUSED int dl_scan_config(struct dl_scan_result **out, const char *root, char *err,
				  size_t errlen);
void dl_scan_result_free(struct dl_scan_result *r);

/* Everything: configuration, running daemons from <root>/proc (when it has
 * processes), swarm/UCP membership, and the rule verdicts. */
DL_WARN_UNUSED int dl_scan(struct dl_scan_result **out, const char *root, char *err,
			   size_t errlen);

const char *dl_result_name(enum dl_result res);

/* Renderers: 0, or a negative errno when writing failed. */
DL_WARN_UNUSED int dl_render_json(FILE *out, const struct dl_scan_result *r);
DL_WARN_UNUSED int dl_render_text(FILE *out, const struct dl_scan_result *r);
/* The verdict of one rule and its reasons, then the full text report (what
 * an assessor reads in the SCE check's stdout). -ENOENT for an unknown rule. */
DL_WARN_UNUSED int dl_render_rule(FILE *out, const struct dl_scan_result *r, const char *rule_id);
/* A message (an error from dl_scan(), a path a user gave) escaped the way
 * the text report writes any string: printable UTF-8 as itself, every other
 * byte as \xHH and a backslash as \\ (reversible; a terminal never receives
 * raw control bytes). malloc'd, free() it; NULL gives "". */
char *dl_escape_text(const char *s);

/* ---- Reading a result. Index arguments must be below the matching count. */

const char *dl_scan_root(const struct dl_scan_result *r);
/* The effective listener set: configured for the next start and/or bound. */
size_t dl_scan_listener_count(const struct dl_scan_result *r);
const struct dl_listener *dl_scan_listener(const struct dl_scan_result *r, size_t i);
size_t dl_scan_problem_count(const struct dl_scan_result *r);
const struct dl_problem *dl_scan_problem(const struct dl_scan_result *r, size_t i);
/* Problems of severity DL_SEVERITY_ERROR. */
size_t dl_scan_error_count(const struct dl_scan_result *r);

/* How dockerd is started (configuration). */
enum dl_launch_method dl_scan_launch_method(const struct dl_scan_result *r);
const char *dl_scan_unit_path(const struct dl_scan_result *r);   /* unit or init script */
bool dl_scan_masked(const struct dl_scan_result *r);
bool dl_scan_refuses_start(const struct dl_scan_result *r);    /* dockerd would not start */
size_t dl_scan_argc(const struct dl_scan_result *r);            /* its command line */
const char *dl_scan_argv(const struct dl_scan_result *r, size_t i);
const char *dl_scan_config_file(const struct dl_scan_result *r);
bool dl_scan_config_file_present(const struct dl_scan_result *r);
const char *dl_scan_data_root(const struct dl_scan_result *r);
/* Lines of launchers the scan does not model that start dockerd (runit, s6,
 * supervisord, rc.local, cron, inittab, image entrypoints, boot2docker,
 * other units and init scripts); each is also an error problem. */
size_t dl_scan_other_launcher_count(const struct dl_scan_result *r);
const struct dl_evidence *dl_scan_other_launcher(const struct dl_scan_result *r, size_t i);

/* Filled by dl_scan() only: running daemons, membership, verdicts. */
bool dl_scan_live(const struct dl_scan_result *r);               /* <root>/proc was read */
size_t dl_scan_daemon_count(const struct dl_scan_result *r);
const struct dl_daemon *dl_scan_daemon(const struct dl_scan_result *r, size_t i);
enum dl_swarm_role dl_scan_swarm_role(const struct dl_scan_result *r);
enum dl_swarm_method dl_scan_swarm_method(const struct dl_scan_result *r);
enum dl_ucp_state dl_scan_ucp_state(const struct dl_scan_result *r);
bool dl_scan_has_verdicts(const struct dl_scan_result *r);
/* DL_RESULT_ERROR when the result has no verdicts (dl_scan_config). */
enum dl_result dl_scan_rule_result(const struct dl_scan_result *r, enum dl_rule_id rule);
size_t dl_scan_rule_reason_count(const struct dl_scan_result *r, enum dl_rule_id rule);
const char *dl_scan_rule_reason(const struct dl_scan_result *r, enum dl_rule_id rule, size_t i);

/* A listener. */
enum dl_proto dl_listener_proto(const struct dl_listener *l);
unsigned dl_listener_state(const struct dl_listener *l);       /* enum dl_state bits */
const char *dl_listener_address(const struct dl_listener *l);  /* tcp, without brackets */
unsigned dl_listener_port(const struct dl_listener *l);        /* tcp */
const char *dl_listener_path(const struct dl_listener *l);     /* unix; '@' = abstract */
const char *dl_listener_fd(const struct dl_listener *l);       /* the fd:// host, if any */
enum dl_tls dl_listener_tls(const struct dl_listener *l);      /* tcp */
const char *dl_listener_note(const struct dl_listener *l);
size_t dl_listener_evidence_count(const struct dl_listener *l);
const struct dl_evidence *dl_listener_evidence(const struct dl_listener *l, size_t i);

/* Evidence: where a fact came from. */
const char *dl_evidence_source(const struct dl_evidence *e);   /* "systemd-unit", ... */
const char *dl_evidence_path(const struct dl_evidence *e);     /* inside the root */
unsigned dl_evidence_line(const struct dl_evidence *e);        /* 0 when not known */
const char *dl_evidence_text(const struct dl_evidence *e);

/* A problem: something not read or not understood. */
const char *dl_problem_path(const struct dl_problem *p);
unsigned dl_problem_line(const struct dl_problem *p);
const char *dl_problem_message(const struct dl_problem *p);
enum dl_severity dl_problem_severity(const struct dl_problem *p);
enum dl_problem_scope dl_problem_scope(const struct dl_problem *p);

/* A running dockerd. */
unsigned long dl_daemon_pid(const struct dl_daemon *d);
size_t dl_daemon_argc(const struct dl_daemon *d);
const char *dl_daemon_argv(const struct dl_daemon *d, size_t i);
bool dl_daemon_rootless(const struct dl_daemon *d);
bool dl_daemon_socket_activated(const struct dl_daemon *d);
const char *dl_daemon_data_root(const struct dl_daemon *d);
const char *dl_daemon_config_file(const struct dl_daemon *d);
size_t dl_daemon_listener_count(const struct dl_daemon *d);
const struct dl_listener *dl_daemon_listener(const struct dl_daemon *d, size_t i);
/* TCP sockets it holds that are not its API (swarm, gossip, metrics, ...). */
size_t dl_daemon_other_socket_count(const struct dl_daemon *d);
const struct dl_other_socket *dl_daemon_other_socket(const struct dl_daemon *d, size_t i);
const char *dl_other_socket_address(const struct dl_other_socket *o);
unsigned dl_other_socket_port(const struct dl_other_socket *o);
const char *dl_other_socket_role(const struct dl_other_socket *o);
const char *dl_other_socket_reason(const struct dl_other_socket *o);

const char *dl_proto_name(enum dl_proto p);
const char *dl_tls_name(enum dl_tls t);
const char *dl_launch_method_name(enum dl_launch_method m); /* "systemd", "none", ... */
const char *dl_swarm_role_name(enum dl_swarm_role s);       /* "inactive", "worker", ... */
const char *dl_swarm_method_name(enum dl_swarm_method m);   /* "certificate", ... */
const char *dl_ucp_state_name(enum dl_ucp_state u);         /* "yes", "no", "unknown" */
const char *dl_rule_id_name(enum dl_rule_id id);            /* the rule's XCCDF short id */
/* The rule whose short id is id: 0, or -ENOENT. */
DL_WARN_UNUSED int dl_rule_id_parse(enum dl_rule_id *out, const char *id);

#ifdef __cplusplus
}
#endif
#endif
