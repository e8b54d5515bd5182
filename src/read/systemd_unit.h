/* systemd units and drop-ins, as systemd 252 loads them (systemd.unit(5)):
 * the unit search path, masking, drop-in directories and order, ExecStart=
 * reset and multiple entries, Environment= and EnvironmentFile=, and the
 * socket units that hand listening sockets to a service. */
#ifndef DOCKERD_SCAP_SYSTEMD_UNIT_H
#define DOCKERD_SCAP_SYSTEMD_UNIT_H

#include <stdbool.h>

#include "read/env_file.h"
#include "base/words.h"
#include "base/rootfs.h"
#include "read/socket_unit.h"
#include "base/contract.h"
#include "read/facts.h"
/* The unit search path, highest priority first (docs/dockerd-listeners.md §4). */
extern const char *const systemd_unit_dirs[];
extern const size_t systemd_unit_dirs_count;

/* One ExecStart= entry that survived resets, with continuation lines joined. */
struct exec_entry {
	char *value;              /* the value as written (prefixes included) */
	struct dl_evidence where; /* unit or drop-in, first line of the entry */
	size_t ncommands;         /* commands systemd appended for it (";"), at least 1 */
};

/* An EnvironmentFile= entry. */
struct env_file_ref {
	char *path;
	bool optional;            /* "-" prefix */
	struct dl_evidence where;
};

/* Host facts systemd uses when it starts the service, from the root. */
struct systemd_host {
	char *hostname;           /* /etc/hostname's name, NULL when absent or invalid */
	const char *shell;        /* %s: "/bin/bash" when it exists in the root, else "/bin/sh" */
};
void systemd_host_load(struct systemd_host *h, const struct rootfs *r);
void systemd_host_clear(struct systemd_host *h);

struct systemd_service {
	bool found;               /* a unit file was read (or is a mask) */
	bool masked;              /* empty file or symlink to /dev/null */
	char *unit_path;          /* in-root path of the unit file used */
	/* status, status_path, files: see struct unit_files. */
	enum read_status status;
	char *status_path;
	struct read_fact_list files;
	char **dropins;           /* in-root paths of drop-ins applied, in order */
	size_t ndropins;
	char *type;               /* Type=, NULL if unset */
	char *bus_name;           /* BusName=, NULL if unset */
	/* The root's host facts, for specifiers in Environment= (%H %l %s);
	 * host_used: some Environment= value took the host name. */
	struct systemd_host host;
	bool host_used;
	/* A fatal line (systemd's parser returned an error, e.g. -ENOEXEC) in
	 * the unit file itself: systemd refuses the whole unit ("bad-setting")
	 * whatever the drop-ins say (docs/differential-systemd.md). */
	bool bad_setting;
	struct dl_evidence bad_setting_where;
	struct exec_entry *exec_start;
	size_t nexec_start;
	/* Environment= assignments in order (later wins), with evidence. */
	struct env environment;
	struct env_file_ref *env_files;
	size_t nenv_files;
	/* UnsetEnvironment= entries: a NAME, or NAME=VALUE that removes the
	 * variable only with exactly that value (env_match()). */
	char **unset_environment;
	size_t nunset_environment;
	char *working_directory;  /* WorkingDirectory=, NULL if unset */
	/* Sockets= (systemd.service(5)): socket units whose fds the service
	 * also inherits, in addition to those naming it with Service=. */
	char **sockets;
	size_t nsockets;
};

/* Load name (e.g. "docker.service") from the search path under the root,
 * with its drop-ins (name.d/ and the type-level "service.d/"). Unreadable
 * or malformed files are reported in problems (path and line); a missing
 * unit leaves found = false. Returns 0 or a negative errno on internal error. */
_must_check_ int systemd_service_load(struct systemd_service *out, const struct rootfs *r, const char *name,
			 struct dl_problem_list *problems);
void systemd_service_clear(struct systemd_service *s);

/* The service's environment: Environment= then each EnvironmentFile= in
 * order (files override Environment=, later files win). A missing optional
 * file is skipped; a missing required file means systemd refuses to start the
 * service: reported in problems. files (may be NULL) gets every environment
 * file looked at with its status: READ_ABSENT (missing), READ_OK,
 * READ_UNREADABLE (exists, cannot be read: reported), READ_REFUSED (systemd
 * cannot load it: a NUL byte, invalid UTF-8; reported). Returns whether
 * systemd refuses to start the service (a required file missing or
 * refused): a fact, not a failure; an optional file systemd skips does not
 * make it refuse. */
bool systemd_service_environment(struct env *out, const struct rootfs *r,
				 const struct systemd_service *s, struct read_fact_list *files,
				 struct dl_problem_list *problems);


/* Whether systemd 252 can execute the ExecStart= path in the root: an
 * absolute path must be an executable regular file; a plain name is looked
 * up in PID 1's PATH (/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:
 * /sbin:/bin). Otherwise the process fails with status 203/EXEC and dockerd
 * never runs. Returns 0, or -ENOENT / -EACCES (not executable) / -EISDIR. */
_must_check_ int systemd_exec_check(const struct rootfs *r, const char *path);

/* ---- Shared by systemd_unit.c and socket_unit.c ----
 *
 * The generic loader: one unit name, its unit file found on the search path
 * and its drop-ins, parsed with systemd's syntax (systemd.syntax(7)). Each
 * "Key=Value" assignment in one of the wanted sections is handed to a
 * callback, unit file first, then drop-ins in order. */

/* Drop-ins read for one unit, at most; more are reported. */
#define SYSTEMD_MAX_DROPINS 256
/* Evidence text of one assignment is cut to this many bytes. */
#define SYSTEMD_EVIDENCE_TEXT_MAX 512

struct unit_assignment {
	const char *unit_name;    /* "docker.service" */
	const char *section;      /* "Service", ... */
	const char *key;          /* whitespace-trimmed, case-sensitive */
	const char *value;        /* trimmed, continuation lines joined */
	const char *path;         /* in-root path of the unit file or drop-in */
	unsigned line;            /* first physical line of the assignment */
	const char *text;         /* the logical line, bounded */
	bool dropin;
};

/* Returns 0, or -ENOEXEC for a line systemd's own parser fails on (a
 * "fatal" setting, reported by the callback): systemd stops reading that
 * file there (conf-parser.c config_parse()); in the unit file this makes
 * the unit "bad-setting", in a drop-in only the rest of that drop-in is
 * lost (dropin.c unit_load_dropin() ignores the error). */
typedef int (*unit_assignment_fn)(const struct unit_assignment *a, void *userdata,
				  struct dl_problem_list *problems);

struct unit_files {
	bool found;               /* a unit file was read (or is a mask) */
	bool masked;              /* empty, a device node, or a symlink to /dev/null */
	char *unit_path;
	/* READ_ABSENT: no unit file on the search path. READ_OK: the unit
	 * file was read (a mask too). READ_UNREADABLE: the highest-priority
	 * unit file exists but could not be read (a dangling or escaping
	 * symlink, a directory, a FIFO, over the bound; reported in the
	 * problems), status_path names it: systemd fails to load the unit, so
	 * what it starts is unknown; a lower-priority copy is still read to
	 * fail closed (found). READ_REFUSED: a fatal line in the unit file
	 * (bad_setting): systemd refuses the unit. */
	enum read_status status;
	char *status_path;
	/* Every unit file candidate and drop-in that exists, with its status
	 * (a drop-in that cannot be read is reported and not applied). */
	struct read_fact_list files;
	char **dropins;           /* applied, in order */
	size_t ndropins;
	bool bad_setting;         /* a fatal line in the unit file */
	char *bad_path;           /* where (unit file path) */
	unsigned bad_line;
};

/* Find and parse name (unit file, then drop-ins from name.d/, an alias's .d/
 * and the type-level TYPE.d/). sections is a NULL-terminated list of the
 * section names of this unit type ("Unit", "Service", "Install").
 * Returns 0, or -EINVAL for an invalid unit name. */
_must_check_ int unit_files_load(struct unit_files *out, const struct rootfs *r, const char *name,
		    const char *const *sections, unit_assignment_fn fn, void *userdata,
		    struct dl_problem_list *problems);
void unit_files_clear(struct unit_files *u);

/* Expand systemd's unit specifiers (systemd.unit(5) "SPECIFIERS") in value
 * for a system-manager unit called unit_name: %% and the host-independent
 * ones (%n %N %p %P %i %I %j %J %t %S %C %L %E %T %V %h %u %U %g %G).
 * Host-dependent specifiers (%H, %m, %b, ...) are kept as written and
 * reported; an unknown specifier is an error (systemd ignores the setting).
 * Returns 0 with *out set, or -EINVAL with a problem at path:line. */
_must_check_ int unit_specifiers_expand(char **out, const char *unit_name, const char *value,
			   const char *path, unsigned line, struct dl_problem_list *problems);

/* A unit name this module accepts: a plain file name ending in suffix
 * (".service"), printable, not a template. */
bool unit_name_is_plain(const char *name, const char *suffix);

#endif
