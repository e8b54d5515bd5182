/* The configuration part of a scan: the facts stage (read/launch.c), then
 * the merge (merge/effective.c), for the scan root or for one running
 * daemon's command line. Drives two stages; knows nothing of either. */
#ifndef DOCKERD_SCAP_CONFIG_SCAN_H
#define DOCKERD_SCAP_CONFIG_SCAN_H

#include <stdbool.h>

#include "scan_result.h"
#include "base/rootfs.h"
#include "base/words.h"

/* The effective set of one dockerd command line, e.g. a running daemon's
 * argv (launch gets its config file and data root; tls the TLS of its TCP
 * listeners; metrics_addr its --metrics-addr, malloc'd or NULL). cwd: the
 * process's working directory; penv: its environment (rootless defaults),
 * or NULL; systemd: fd:// resolves through socket units; exe: its
 * /proc/PID/exe in the root (which dockerd version runs), or NULL. */
void effective_for_argv(struct dl_listener_list *listeners, struct dl_launch *launch,
		        enum dl_tls *tls, char **metrics_addr, unsigned *diagnostic_port,
		        const struct rootfs *r,
		        const struct word_list *argv, const struct env *penv, const char *cwd,
		        bool systemd, const char *exe, struct dl_problem_list *problems);

/* The configuration part of a scan: launch, listeners (state configured),
 * problems. */
void effective_scan_config(struct dl_scan_result *res, const struct rootfs *r);

#endif
