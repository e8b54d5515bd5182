/* The merge: from the facts of one launch (read/launch.h, struct
 * merge_facts) to the effective listener set (semantics documented in
 * dockerd-listeners(1) and docs/dockerd-listeners.md §2-§4). Reads no file. */
#ifndef DOCKERD_SCAP_EFFECTIVE_H
#define DOCKERD_SCAP_EFFECTIVE_H

#include "merge/listener_set.h"
#include "base/words.h"

struct merge_facts;
struct daemon_json;
struct socket_set;

/* The merge of facts read by merge_facts_read_root() or
 * merge_facts_read_argv(): fills listeners (sorted; the caller sets their
 * state), launch->refuses_start and launch->data_root, *tls, and, when not
 * NULL, *metrics_addr (the flag's, else daemon.json's; malloc'd or NULL)
 * and *diagnostic_port. Decides from the statuses: a launcher or daemon.json
 * dockerd does not start with makes refuses_start; a source with status
 * READ_UNREADABLE always leaves an error problem naming it. */
void effective_merge_facts(struct dl_listener_list *listeners, struct dl_launch *launch,
			   enum dl_tls *tls, char **metrics_addr, unsigned *diagnostic_port,
			   const struct merge_facts *mf, struct dl_problem_list *problems);

/* The merge from facts given as data: a dockerd command line's words, the
 * daemon.json facts (daemon_json_parse(), or a zeroed struct for no file)
 * and the socket units passed to docker.service (NULL when dockerd is not
 * started by systemd). Fills listeners (sorted, state configured), launch
 * (argv, config file, data root, refuses_start), *tls and problems. */
void effective_merge(struct dl_listener_list *listeners, struct dl_launch *launch, enum dl_tls *tls,
		     const struct word_list *argv, const struct daemon_json *dj,
		     const struct socket_set *sockets, struct dl_problem_list *problems);

void launch_clear(struct dl_launch *l);

#endif
