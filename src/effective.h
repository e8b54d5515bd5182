/* The merge: from the launch definition, daemon.json and socket units to the
 * effective listener set (semantics documented in dockerd-listeners(1)). */
#ifndef DOCKERD_SCAP_EFFECTIVE_H
#define DOCKERD_SCAP_EFFECTIVE_H

#include "model.h"
#include "rootfs.h"

/* Add a listener to the set, merging with an equal one (same proto and
 * address/port or path); takes copies. Exposed for the unit tests. */
struct dl_listener *listener_set_add(struct dl_listener_list *set, enum dl_proto proto,
				     const char *address, unsigned port, const char *path,
				     const char *fd);
void listener_set_sort(struct dl_listener_list *set);
/* Append a note ("; "-separated, each note once). */
void listener_add_note(struct dl_listener *l, const char *note);
void listener_list_clear(struct dl_listener_list *set);

/* Split a shell variable's value the way an unquoted $VAR is split by sh
 * (IFS: space, tab, newline; no quote removal). */
void shell_split_words(struct word_list *out, const char *value, const struct dl_evidence *where,
		       const struct dl_evidence *via);

/* The effective set of one dockerd command line, e.g. a running daemon's
 * argv (launch gets its config file and data root; tls the TLS of its TCP
 * listeners; metrics_addr its --metrics-addr, malloc'd or NULL). cwd: the
 * process's working directory; penv: its environment (rootless defaults),
 * or NULL; systemd: fd:// resolves through socket units; exe: its
 * /proc/PID/exe in the root (which dockerd version runs), or NULL. */
int effective_for_argv(struct dl_listener_list *listeners, struct dl_launch *launch,
		       enum dl_tls *tls, char **metrics_addr, unsigned *diagnostic_port,
		       const struct rootfs *r,
		       const struct word_list *argv, const struct env *penv, const char *cwd,
		       bool systemd, const char *exe, struct dl_problem_list *problems);
void dl_launch_clear(struct dl_launch *l);

/* The configuration part of a scan: launch, listeners (state configured),
 * problems. */
void effective_scan_config(struct dl_scan_result *res, const struct rootfs *r);

#endif
