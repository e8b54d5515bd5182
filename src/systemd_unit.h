/* systemd units and drop-ins, as systemd 252 loads them (systemd.unit(5)):
 * the unit search path, masking, drop-in directories and order, ExecStart=
 * reset and multiple entries, Environment= and EnvironmentFile=, and the
 * socket units that hand listening sockets to a service. */
#ifndef DOCKERD_SCAP_SYSTEMD_UNIT_H
#define DOCKERD_SCAP_SYSTEMD_UNIT_H

#include <stdbool.h>

#include "model.h"
#include "rootfs.h"

/* The unit search path, highest priority first (spec section 4). */
extern const char *const systemd_unit_dirs[];
extern const size_t systemd_unit_dirs_count;

/* One ExecStart= entry that survived resets, with continuation lines joined. */
struct exec_entry {
	char *value;              /* the value as written (prefixes included) */
	struct dl_evidence where; /* unit or drop-in, first line of the entry */
};

/* An EnvironmentFile= entry. */
struct env_file_ref {
	char *path;
	bool optional;            /* "-" prefix */
	struct dl_evidence where;
};

struct systemd_service {
	bool found;               /* a unit file exists on the search path */
	bool masked;              /* empty file or symlink to /dev/null */
	char *unit_path;          /* in-root path of the unit file used */
	char **dropins;           /* in-root paths of drop-ins applied, in order */
	size_t ndropins;
	char *type;               /* Type=, NULL if unset */
	struct exec_entry *exec_start;
	size_t nexec_start;
	/* Environment= assignments in order (later wins), with evidence. */
	struct env environment;
	struct env_file_ref *env_files;
	size_t nenv_files;
	char *working_directory;  /* WorkingDirectory=, NULL if unset */
};

/* Load name (e.g. "docker.service") from the search path under the root,
 * with its drop-ins (name.d/ and the type-level "service.d/"). Unreadable
 * or malformed files are reported in problems (path and line); a missing
 * unit leaves found = false. Returns 0 or a negative errno on internal error. */
int systemd_service_load(struct systemd_service *out, const struct rootfs *r, const char *name,
			 struct dl_problem_list *problems);
void systemd_service_clear(struct systemd_service *s);

/* The service's environment: Environment= then each EnvironmentFile= in
 * order (files override Environment=, later files win). A missing optional
 * file is skipped; a missing required file means systemd refuses to start the
 * service: reported in problems. */
int systemd_service_environment(struct env *out, const struct rootfs *r,
				const struct systemd_service *s, struct dl_problem_list *problems);

/* Parse an environment file (systemd's rules: KEY=VALUE lines, # and ;
 * comments, shell-like quoting, backslash continuation) into env, with
 * evidence of source SRC_ENV_FILE. */
int env_file_parse(struct env *env, const char *path, const char *text,
		   struct dl_problem_list *problems);

/* A listening socket a socket unit passes to the service. */
enum socket_kind { SOCKET_TCP, SOCKET_UNIX, SOCKET_OTHER };

struct socket_listen {
	enum socket_kind kind;
	char *address;            /* TCP: "::" for a bare port (dual stack), else the host */
	unsigned port;
	char *path;               /* UNIX: path or "@abstract" */
	char *value;              /* ListenStream= value as written */
	char *unit_path;          /* the .socket unit */
	struct dl_evidence where;
};

struct socket_set {
	struct socket_listen *items; /* in fd order: items[i] is fd 3 + i */
	size_t count, cap;
	char **units;             /* socket units that feed the service */
	size_t nunits;
};

/* Every ListenStream= of every .socket unit that activates service_name
 * (Service=service_name, or the same-named .socket), drop-ins applied,
 * masked socket units skipped, in the order systemd passes them. */
int systemd_sockets_load(struct socket_set *out, const struct rootfs *r, const char *service_name,
			 struct dl_problem_list *problems);
void socket_set_clear(struct socket_set *s);

#endif
