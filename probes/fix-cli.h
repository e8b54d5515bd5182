/* dockerd-listeners --fix (probes/fix-cli.c). */
#ifndef DOCKERD_SCAP_FIX_CLI_H
#define DOCKERD_SCAP_FIX_CLI_H

#include <stdbool.h>

/* Returns the exit status (enum dl_fix_exit, 1 on error). */
int fix_main(const char *root, bool dry_run, bool json);

#endif
