/*
 * dockerd-scap: the effective dockerd listener set of a host.
 *
 * One call scans a root directory ("/" for the live host, a mounted image or
 * a test fixture otherwise) and returns every API endpoint dockerd will open
 * at its next start, each with its TLS state and the evidence that produced
 * it, plus the configuration problems found on the way.
 *
 * Conventions: functions return 0 or a negative errno value; out-parameters
 * come first; every string in a result is owned by the result.
 */
#ifndef DOCKERD_SCAP_LISTENERS_H
#define DOCKERD_SCAP_LISTENERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

enum dl_proto { DL_PROTO_TCP, DL_PROTO_UNIX, DL_PROTO_FD };
enum dl_tls { DL_TLS_NONE, DL_TLS_SERVER, DL_TLS_MUTUAL };

/* One piece of evidence: where a fact came from. */
struct dl_evidence {
	char *source;   /* "systemd-unit", "systemd-dropin", "environment-file", ... */
	char *path;     /* file inside the scan root, or NULL */
	unsigned line;  /* 1-based line, 0 when not known */
	char *text;     /* the text that produced the fact */
};

struct dl_evidence_list {
	struct dl_evidence *items;
	size_t count, cap;
};

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

/* Something found while reading the configuration. */
struct dl_problem {
	char *path;     /* file inside the scan root, or NULL */
	unsigned line;  /* 0 when not known */
	char *message;
	enum dl_severity severity;
	enum dl_problem_scope scope;
};

struct dl_problem_list {
	struct dl_problem *items;
	size_t count, cap;
};

/* Where a listener was seen (bits). */
enum dl_state {
	DL_STATE_CONFIGURED = 1u << 0, /* dockerd will open it at its next start */
	DL_STATE_BOUND = 1u << 1,      /* a running dockerd has it open now */
};

struct dl_listener {
	enum dl_proto proto;
	unsigned state;  /* enum dl_state bits */
	char *address;  /* tcp: host without brackets ("0.0.0.0", "::", "localhost") */
	unsigned port;  /* tcp */
	char *path;     /* unix: socket path; a leading '@' is an abstract name */
	char *fd;       /* the fd:// host it came through, or NULL */
	enum dl_tls tls;/* tcp only */
	char *note;     /* e.g. ambiguous address; NULL when none */
	struct dl_evidence_list evidence;
};

struct dl_listener_list {
	struct dl_listener *items;
	size_t count, cap;
};

/* How dockerd is started on the scanned root. */
struct dl_launch {
	char *method;      /* "systemd", "sysvinit", "openrc", "manual" */
	char *unit_path;   /* systemd unit or init script used, or NULL */
	bool masked;       /* docker.service is masked: dockerd will not start */
	char **argv;       /* the dockerd command line after expansion */
	size_t argc;
	char *config_file; /* daemon.json path dockerd reads */
	bool config_file_present;
	char *data_root;
	bool refuses_start;/* dockerd will refuse to start with this configuration */
	/* Which dockerd: version text as found ("20.10.24+dfsg1"), where from
	 * ("dpkg /var/lib/dpkg/status docker.io", "binary /usr/sbin/dockerd"),
	 * and the rule set applied ("20.10", "23-28", "29", "unknown"). */
	char *dockerd_version;
	char *dockerd_version_source;
	char *dockerd_rules;
};

/* A TCP socket a running dockerd has bound that is not an API listener. */
struct dl_other_socket {
	char *address;
	unsigned port;
	char *role;     /* "swarm", "gossip", "metrics", "diagnostic" */
	char *reason;   /* why it is named so */
	struct dl_evidence_list evidence; /* net table line, fd */
};

/* A running dockerd process. */
struct dl_daemon {
	unsigned long pid;
	char **argv;
	size_t argc;
	bool rootless;
	char *data_root;
	char *config_file;
	char *metrics_addr;                 /* --metrics-addr / "metrics-addr", or NULL */
	unsigned diagnostic_port;           /* "network-diagnostic-port", 0 if unset */
	bool socket_activated;              /* started with LISTEN_FDS (fd://) */
	unsigned listen_fds;                /* LISTEN_FDS: fds 3 .. 3+N-1 came from systemd */
	enum dl_tls tls;                    /* TLS of its TCP API listeners */
	struct dl_listener_list listeners;  /* its command line's set, with what it has bound */
	struct dl_other_socket *other_sockets;
	size_t nother_sockets, other_cap;
};

/* Swarm and UCP/MKE membership of the node. */
struct dl_cluster {
	char *swarm;        /* "inactive", "worker", "manager", or "unknown" (see problems) */
	char *swarm_method; /* "certificate", "raft-heuristic", or NULL */
	char *ucp;          /* "yes", "no", or "unknown" (see problems) */
	bool ucp_running;
	struct dl_evidence_list evidence;
};

enum dl_result { DL_RESULT_PASS, DL_RESULT_FAIL, DL_RESULT_ERROR, DL_RESULT_NOTAPPLICABLE };

/* The three rules (ids are the --rule arguments and JSON keys). */
#define DL_RULE_DISA "SV-235776r960759_rule"          /* DKER-EE-001050, UCP nodes */
#define DL_RULE_MUTUAL_TLS "dockerd_scap_tcp_mutual_tls" /* every TCP API listener: mutual TLS */
#define DL_RULE_NO_TCP "dockerd_scap_no_tcp_api"       /* no TCP API listener, any node */
#define DL_NRULES 3

struct dl_rule_result {
	const char *id;
	enum dl_result result;
	char **reasons;
	size_t nreasons;
};

struct dl_scan_result {
	char *root;
	struct dl_launch launch;
	struct dl_listener_list listeners;
	struct dl_problem_list problems;
	/* Filled by dl_scan() (not by dl_scan_config()): */
	bool live;                 /* <root>/proc was read */
	struct dl_daemon *daemons;
	size_t ndaemons, daemons_cap;
	struct dl_cluster cluster;
	struct dl_rule_result rules[DL_NRULES];
	size_t nrules;
};

/* Scan the configuration under root. Returns 0 when the scan ran (problems
 * are in the result), a negative errno when the root itself is unusable; then
 * err names the reason. */
int dl_scan_config(struct dl_scan_result **out, const char *root, char *err, size_t errlen);
void dl_scan_result_free(struct dl_scan_result *r);

/* Everything: configuration, running daemons from <root>/proc (when it has
 * processes), swarm/UCP membership, and the rule verdicts. */
int dl_scan(struct dl_scan_result **out, const char *root, char *err, size_t errlen);

const struct dl_rule_result *dl_rule_find(const struct dl_scan_result *r, const char *id);
const char *dl_result_name(enum dl_result res);

int dl_render_json(FILE *out, const struct dl_scan_result *r);
int dl_render_text(FILE *out, const struct dl_scan_result *r);
/* The verdict of one rule and its reasons, then the full text report (what
 * an assessor reads in the SCE check's stdout). -1 for an unknown rule. */
int dl_render_rule(FILE *out, const struct dl_scan_result *r, const char *rule_id);

const char *dl_proto_name(enum dl_proto p);
const char *dl_tls_name(enum dl_tls t);

#ifdef __cplusplus
}
#endif
#endif
