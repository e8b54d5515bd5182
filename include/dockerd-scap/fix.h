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

/* The plan and the files it writes are opaque: read them with the accessors
 * below. Strings belong to the plan. */
struct dl_fix_plan;
struct dl_fix_file;

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

/* ---- Reading a plan. */
const char *dl_fix_plan_root(const struct dl_fix_plan *p);
size_t dl_fix_plan_file_count(const struct dl_fix_plan *p);
const struct dl_fix_file *dl_fix_plan_file(const struct dl_fix_plan *p, size_t i);
/* Why the fix cannot be done safely: "FILE:LINE: reason" lines. A plan with
 * refusals is never written. */
size_t dl_fix_plan_refusal_count(const struct dl_fix_plan *p);
const char *dl_fix_plan_refusal(const struct dl_fix_plan *p, size_t i);
size_t dl_fix_plan_tcp_before(const struct dl_fix_plan *p);   /* TCP API listeners before */
enum dl_launch_method dl_fix_plan_launch_method(const struct dl_fix_plan *p);
bool dl_fix_plan_verified(const struct dl_fix_plan *p);       /* dl_fix_verify() passed */

/* One file the fix writes: its new content in full. */
const char *dl_fix_file_path(const struct dl_fix_file *f);     /* in the root */
bool dl_fix_file_created(const struct dl_fix_file *f);         /* a new file (a drop-in) */
bool dl_fix_file_masked(const struct dl_fix_file *f);          /* becomes a link to /dev/null */
const char *dl_fix_file_old_text(const struct dl_fix_file *f, size_t *len); /* NULL: created */
const char *dl_fix_file_new_text(const struct dl_fix_file *f, size_t *len);
const char *dl_fix_file_why(const struct dl_fix_file *f);      /* the edit, for people */
/* A socket unit changed (it must be restarted or stopped): its name, or NULL. */
const char *dl_fix_file_socket_unit(const struct dl_fix_file *f);

#ifdef __cplusplus
}
#endif
#endif
