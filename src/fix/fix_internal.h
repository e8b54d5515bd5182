/* Shared by fix_plan.c and fix_apply.c (docs/fix.md). */
#ifndef DOCKERD_SCAP_FIX_INTERNAL_H
#define DOCKERD_SCAP_FIX_INTERNAL_H

#include "dockerd-scap/fix.h"
#include "scan_result.h"

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
	enum dl_launch_method launch_method;
	bool verified;         /* dl_fix_verify() passed */
};

/* The drop-in the fix writes for docker.service and socket units: "zz-" so
 * that it sorts after the drop-ins an administrator or a package usually
 * ships (drop-ins apply in file name order across all directories,
 * systemd.unit(5)); the scan of the copy checks that it wins. */
#define DL_FIX_DROPIN_NAME "zz-dockerd-scap-fix.conf"

/* Add "PATH:LINE: reason" to the plan's refusals (once). */
void fix_refuse(struct dl_fix_plan *p, const char *path, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* TCP API listeners of a scan. */
size_t fix_count_tcp(const struct dl_scan_result *res);

#endif
