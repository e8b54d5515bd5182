/* The scan result's data structures, transparent for the library's own
 * code (the public header keeps them opaque). Lists grow with grow_array();
 * cap is the allocated length. */
#ifndef DOCKERD_SCAP_SCAN_RESULT_H
#define DOCKERD_SCAP_SCAN_RESULT_H

#include <stdbool.h>
#include <stddef.h>

#include "dockerd-scap/listeners.h"

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

struct dl_launch {
	enum dl_launch_method method;
	char *unit_path;   /* systemd unit or init script used, or NULL */
	bool masked;       /* docker.service is masked: dockerd will not start */
	char **argv;       /* the dockerd command line after expansion */
	size_t argc;
	char *config_file; /* daemon.json path dockerd reads */
	bool config_file_present;
	char *data_root;
	bool refuses_start;/* dockerd will refuse to start with this configuration */
	/* Which dockerd (docs/dockerd-versions.md): version text as found
	 * ("20.10.24+dfsg1"), where from ("dpkg /var/lib/dpkg/status docker.io",
	 * "binary /usr/sbin/dockerd"), the rule set applied ("20.10", "23-28",
	 * "29", "unknown"). */
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
	enum dl_swarm_role swarm;
	enum dl_swarm_method swarm_method;
	enum dl_ucp_state ucp;
	bool ucp_running;
	struct dl_evidence_list evidence;
};

struct dl_rule_result {
	enum dl_rule_id rule;
	const char *id;        /* dl_rule_id_name(rule) */
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


#endif
