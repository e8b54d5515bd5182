/* The facts stage of one launch: everything the merge needs, read into one
 * struct (docs/architecture.md, "The facts stage"). The launcher's command
 * line (docker.service and its environment, an init script and the file it
 * sources, or dockerd by hand; or a running daemon's argv), the daemon.json
 * dockerd reads, the socket units behind fd://, the TLS files dockerd loads
 * and which dockerd version runs. merge/effective.c turns a struct
 * merge_facts into the listener set without reading any file. */
#ifndef DOCKERD_SCAP_LAUNCH_H
#define DOCKERD_SCAP_LAUNCH_H

#include <stdbool.h>

#include "scan_result.h"
#include "base/rootfs.h"
#include "base/words.h"
#include "read/daemon_json.h"
#include "read/dockerd_args.h"
#include "read/dockerd_version.h"
#include "read/facts.h"
#include "read/socket_unit.h"

#define LAUNCH_DEFAULT_CONFIG_FILE "/etc/docker/daemon.json"
#define LAUNCH_DEFAULT_UNIX_SOCKET "/var/run/docker.sock"
#define LAUNCH_SERVICE_NAME "docker.service"

/* A file dockerd loads when TLS is on: certificate, key, CA. */
enum { TLS_FILE_CERT, TLS_FILE_KEY, TLS_FILE_CA, TLS_FILES };

struct tls_file_fact {
	char *path;               /* NULL: none set, or a missing default blanked */
	enum read_status status;  /* opening it in the root */
	int error;                /* the open's -errno when not READ_OK */
	char *why;                /* its message, for the merge's problem; NULL when read */
	const struct dl_evidence *where; /* where it is named (in flags or dj), or NULL */
};

struct merge_facts {
	/* The launch definition as a whole. READ_ABSENT: nothing starts
	 * dockerd (manual start assumed or none); READ_OK: read; READ_UNREADABLE:
	 * docker.service exists but its highest-priority file could not be read
	 * (what systemd starts is unknown); READ_REFUSED: systemd refuses the
	 * unit or fails to start the service (a fatal line, no ExecStart=,
	 * several commands, Type=dbus without BusName=, a required environment
	 * file missing or refused, an ExecStart= line systemd rejects, 203/EXEC).
	 * A refusal wins over an unreadable file here: dockerd does not start
	 * either way, and the unreadable file stays in files. */
	enum read_status launcher;
	char *launcher_path;      /* the unit file or init script, or NULL */
	/* Every file of the launch definition with its status: unit file
	 * candidates and drop-ins, environment files, the init script's
	 * sourced file. */
	struct read_fact_list files;

	bool systemd;             /* started by systemd: fd:// resolves through socket units */
	char *cwd;                /* dockerd's working directory */
	char *default_unix;       /* the default unix socket (rootless differs) */
	char *hostname;           /* %H/%l resolved in ExecStart= to this name, or NULL */
	bool hostname_unknown;    /* ExecStart= has %H/%l and the root has no host name */
	struct dockerd_flags flags; /* the command line(s), parsed */

	struct daemon_json dj;    /* dj.status: the daemon.json dockerd reads */
	struct socket_set sockets;/* sockets.status: read only for fd:// under systemd */
	struct dockerd_version version; /* version.status */

	/* Known only for the configuration (not a running daemon, which
	 * loaded its files when it started). */
	bool tls_files_known;
	bool tls_flags_dropped;   /* TLS not on the command line, yet TLS flags given */
	struct tls_file_fact tls[TLS_FILES];
};

/* The root's configuration: docker.service (systemd), else an init script,
 * else dockerd by hand. Fills launch (method, unit_path, masked, argv,
 * config_file, config_file_present, dockerd version) and mf. Returns false
 * when dockerd is not started at all (masked, nothing installed): there is
 * nothing to merge. */
bool merge_facts_read_root(struct merge_facts *mf, struct dl_launch *launch,
			   const struct rootfs *r, struct dl_problem_list *problems);

/* One dockerd command line, e.g. a running daemon's argv: cwd its working
 * directory; penv its environment (rootless defaults, DOCKER_CERT_PATH) or
 * NULL; systemd: fd:// resolves through socket units; exe its /proc/PID/exe
 * in the root (which version runs; TLS files are then not read), or NULL. */
void merge_facts_read_argv(struct merge_facts *mf, struct dl_launch *launch,
			   const struct rootfs *r, const struct word_list *argv,
			   const struct env *penv, const char *cwd, bool systemd, const char *exe,
			   struct dl_problem_list *problems);

void merge_facts_clear(struct merge_facts *mf);

/* Parse one command line and add its flags to acc (a later line's value
 * wins); a command that is not dockerd is a problem. No file access. */
void launch_parse_command(struct dockerd_flags *acc, const struct word_list *w,
			  struct dl_problem_list *problems);
/* launch->argv = the words' texts. */
void launch_set_argv(struct dl_launch *launch, const struct word_list *w);

/* Split a shell variable's value the way an unquoted $VAR is split by sh
 * (IFS: space, tab, newline; no quote removal). */
void shell_split_words(struct word_list *out, const char *value, const struct dl_evidence *where,
		       const struct dl_evidence *via);

#endif
