/* Launchers this tool does not model (docs/launchers.md): every other place
 * on the root that can start dockerd (runit and s6 service directories,
 * supervisord programs, rc.local, cron, inittab, image entrypoint scripts,
 * boot2docker's profile, other systemd units, init scripts and Upstart
 * jobs). What such a launcher passes to dockerd is not read, so each one
 * found is an error problem: the no-TCP verdicts become error, never pass. */
#ifndef DOCKERD_SCAP_LAUNCHERS_H
#define DOCKERD_SCAP_LAUNCHERS_H

#include <stdbool.h>
#include <stddef.h>

#include "scan_result.h"
#include "base/rootfs.h"
#include "read/facts.h"
/* Evidence source of a line that starts dockerd in an unmodelled launcher. */
#define SRC_LAUNCHER "launcher"

/* How a launcher's lines say what they run. */
enum launcher_syntax {
	LAUNCHER_SHELL, /* any line; '#' comments (shell, cron, inittab, execline) */
	LAUNCHER_INI,   /* supervisord: only command= (or command:); ';' and '#' comments */
	LAUNCHER_UNIT,  /* systemd: only Exec*= lines; '#' and ';' comments */
};

/* Does this line (no newline; len bytes, may hold NULs) start dockerd?
 * True when, in the part that runs a command, it names dockerd as a
 * command word ("dockerd", a path ending in "/dockerd",
 * "dockerd-rootless.sh") or runs the pre-17.06 "docker daemon" or the
 * pre-1.8 "docker -d". Exposed for the unit tests and the fuzz target. */
bool launcher_line_starts_dockerd(const char *line, size_t len, enum launcher_syntax syntax);

/* Look in every known place under the root. Each launcher line found is
 * added to found (evidence) and reported in problems as an error; a place
 * that cannot be read is a problem too. modelled_script: the init script or
 * Upstart job the configuration scan already read (skipped), or NULL;
 * systemd_unit: true when docker.service was found (then /etc/init.d/docker
 * is not run by systemd and is skipped). files (may be NULL) gets each
 * launcher file that starts dockerd (READ_OK: read, and what it passes to
 * dockerd is not modelled) and each place that exists but could not be
 * read (READ_UNREADABLE); places that do not exist or start no dockerd are
 * not listed (READ_ABSENT). Every entry also has its error problem, which
 * is what the verdicts decide from. */
void launchers_scan(struct dl_evidence_list *found, const struct rootfs *r,
		    const char *modelled_script, bool systemd_unit, struct read_fact_list *files,
		    struct dl_problem_list *problems);

#endif
