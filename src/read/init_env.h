/* Legacy (non-systemd) init configuration: Debian sysvinit
 * /etc/default/docker DOCKER_OPTS, Red Hat /etc/sysconfig/docker OPTIONS,
 * OpenRC /etc/conf.d/docker DOCKER_OPTS; and the init script that reads
 * them. The files are shell: we never run them, we read the assignments. */
#ifndef DOCKERD_SCAP_INIT_ENV_H
#define DOCKERD_SCAP_INIT_ENV_H

#include <stdbool.h>

#include "base/words.h"
#include "base/rootfs.h"
#include "read/facts.h"
/* Parse shell variable assignments (NAME=value, NAME="...", NAME='...',
 * "export NAME=...", comments, line continuations inside quotes) from a
 * sourced file into env, evidence source SRC_INIT_FILE with line numbers.
 * Constructs we cannot evaluate without running a shell (command
 * substitution, conditionals around an assignment we need) are reported in
 * problems rather than guessed. */
void init_env_parse(struct env *env, const char *path, const char *text,
		    struct dl_problem_list *problems);

enum init_flavor { INIT_NONE, INIT_SYSVINIT_DEBIAN, INIT_SYSVINIT_REDHAT, INIT_OPENRC };

struct init_launch {
	/* The init script (or Upstart job): READ_ABSENT none; READ_OK read
	 * and its flavour known; READ_UNREADABLE it exists but could not be
	 * read, or was read but is none of the scripts we know, so what it
	 * passes to dockerd is unknown (both reported). Never READ_REFUSED:
	 * the shell runs whatever it holds. */
	enum read_status status;
	enum init_flavor flavor;
	char *script_path;        /* /etc/init.d/docker (or NULL) */
	char *env_path;           /* the file the script sources */
	char *opts_var;           /* "DOCKER_OPTS" or "OPTIONS" */
	char *program;            /* dockerd binary the script starts, default "/usr/bin/dockerd" */
	struct dl_evidence where; /* the script line that starts dockerd, if found */
	/* Added by the init_env module: the variable the script takes the
	 * program from, which the sourced env file may override: "DOCKERD"
	 * (Debian, Upstart), "exec" (Red Hat), "command" (OpenRC: its default
	 * is ${DOCKERD_BINARY:-/usr/bin/dockerd}). */
	char *program_var;
};

/* Find the init script under the root and decide which flavour it is and
 * which file/variable it reads (flavor INIT_NONE when there is no script). */
void init_launch_detect(struct init_launch *out, const struct rootfs *r,
		        struct dl_problem_list *problems);
void init_launch_clear(struct init_launch *l);

#endif
