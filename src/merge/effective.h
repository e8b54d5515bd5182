/* The merge: from the launch definition, daemon.json and socket units to the
 * effective listener set (semantics documented in dockerd-listeners(1)). */
#ifndef DOCKERD_SCAP_EFFECTIVE_H
#define DOCKERD_SCAP_EFFECTIVE_H

#include "merge/listener_set.h"
#include "base/words.h"
#include "base/rootfs.h"
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
void effective_for_argv(struct dl_listener_list *listeners, struct dl_launch *launch,
		        enum dl_tls *tls, char **metrics_addr, unsigned *diagnostic_port,
		        const struct rootfs *r,
		        const struct word_list *argv, const struct env *penv, const char *cwd,
		        bool systemd, const char *exe, struct dl_problem_list *problems);
void launch_clear(struct dl_launch *l);

/* The merge alone, from facts already read: a dockerd command line's words,
 * the daemon.json facts (daemon_json_parse(), or a zeroed struct for no
 * file) and the socket units passed to docker.service (NULL when dockerd is
 * not started by systemd). Reads no file. Fills listeners (sorted, state
 * configured), launch (argv, config file, data root, refuses_start), *tls
 * and problems. */
struct daemon_json;
struct socket_set;
void effective_merge(struct dl_listener_list *listeners, struct dl_launch *launch, enum dl_tls *tls,
		     const struct word_list *argv, const struct daemon_json *dj,
		     const struct socket_set *sockets, struct dl_problem_list *problems);

/* The configuration part of a scan: launch, listeners (state configured),
 * problems. */
void effective_scan_config(struct dl_scan_result *res, const struct rootfs *r);

#endif
