/*
 * dockerd-scap: remove every TCP API listener from dockerd's configuration,
 * from the scan's own evidence, and prove the result with the same scan
 * before anything is written (docs/fix.md).
 *
 * dl_fix_plan() reads the configuration under root and plans one edit per
 * piece of evidence that produced a TCP API listener: the -H/--host words of
 * ExecStart= (or the variable they expand from), the "hosts" entries of the
 * daemon.json dockerd reads, the TCP ListenStream= of socket units feeding
 * docker.service, DOCKER_OPTS/OPTIONS of a legacy init. Vendor units are
 * never edited: a drop-in under /etc/systemd/system does the job.
 * dl_fix_verify() applies the plan to a copy of the root and scans the copy;
 * dl_fix_write() writes (atomically, with a backup) only a verified plan.
 *
 * Conventions as in listeners.h: 0 or a negative errno; err names the reason.
 */
#ifndef DOCKERD_SCAP_FIX_H
#define DOCKERD_SCAP_FIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "dockerd-scap/listeners.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Exit codes of dockerd-listeners --fix (documented in dockerd-listeners(1)). */
enum dl_fix_exit {
	DL_FIX_EXIT_NOTHING = 0,    /* no TCP API listener configured: nothing written */
	DL_FIX_EXIT_FIXED = 3,      /* written, verified; restarted and nothing bound on TCP
				     * (live root), or written under --root */
	DL_FIX_EXIT_PENDING = 4,    /* written and verified, but the restart failed or could
				     * not be done, or TCP is still bound after it */
	DL_FIX_EXIT_REFUSED = 5,    /* cannot fix safely: nothing written */
	DL_FIX_EXIT_PLANNED = 6,    /* --dry-run: a verified plan was printed, nothing written */
};

/* One file the fix writes: its new content in full. */
struct dl_fix_file {
	char *path;       /* in-root path */
	bool create;      /* a new file (drop-in) */
	char *old_text;   /* current content (NULL when created) */
	size_t old_len;
	char *new_text;
	size_t new_len;
	char *why;        /* what the edit does, for people */
	bool socket_unit; /* a socket unit changed: it must be restarted (or stopped) */
	char *unit;       /* that socket unit's name ("docker.socket"), or NULL */
	bool mask;        /* the file becomes a symlink to /dev/null (masked unit):
			   * new_text is empty */
};

struct dl_fix_plan {
	char *root;
	struct dl_fix_file *files;
	size_t nfiles, files_cap;
	/* Why the fix cannot be done safely: "FILE:LINE: reason" lines (just
	 * the reason when no file is to blame). A plan with refusals is never
	 * written. */
	char **refusals;
	size_t nrefusals, refusals_cap;
	size_t tcp_before;     /* TCP API listeners configured before */
	char *launch_method;   /* "systemd", "sysvinit", "openrc", "manual", ... */
	bool verified;         /* dl_fix_verify() passed */
};

/* Plan the fix for root. Returns 0 (the plan may hold refusals, or no files
 * when there is nothing to do), or a negative errno when the root cannot be
 * scanned (err says why). */
DL_WARN_UNUSED int dl_fix_plan(struct dl_fix_plan **out, const char *root, char *err, size_t errlen);
void dl_fix_plan_free(struct dl_fix_plan *p);

/* Apply the plan to a copy of the root (under $TMPDIR) and scan the copy:
 * sets p->verified, or adds refusals saying what would go wrong. The copy is
 * removed. Returns 0, or a negative errno when the copy cannot be made. */
DL_WARN_UNUSED int dl_fix_verify(struct dl_fix_plan *p, char *err, size_t errlen);

/* The plan as a unified diff (paths a/PATH b/PATH, in-root). */
DL_WARN_UNUSED int dl_fix_diff(FILE *out, const struct dl_fix_plan *p);

/* Write a verified plan: each file atomically (temporary file in the same
 * directory, fsync, rename), keeping mode, owner and group, with a backup
 * PATH.dockerd-scap-YYYYmmddTHHMMSSZ beside each changed file. Returns 0, or
 * a negative errno with err set; files written before a failure stay
 * written and are named in err. */
DL_WARN_UNUSED int dl_fix_write(const struct dl_fix_plan *p, time_t now, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
