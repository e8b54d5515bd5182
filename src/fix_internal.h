/* Shared by fix_plan.c and fix_apply.c (docs/fix.md). */
#ifndef DOCKERD_SCAP_FIX_INTERNAL_H
#define DOCKERD_SCAP_FIX_INTERNAL_H

#include "dockerd-scap/fix.h"

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
