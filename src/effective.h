/* The merge: from the launch definition, daemon.json and socket units to the
 * effective listener set (semantics documented in dockerd-listeners(1)). */
#ifndef DOCKERD_SCAP_EFFECTIVE_H
#define DOCKERD_SCAP_EFFECTIVE_H

#include "model.h"

/* Add a listener to the set, merging with an equal one (same proto and
 * address/port or path); takes copies. Exposed for the unit tests. */
struct dl_listener *listener_set_add(struct dl_listener_list *set, enum dl_proto proto,
				     const char *address, unsigned port, const char *path,
				     const char *fd);
void listener_set_sort(struct dl_listener_list *set);
void listener_list_clear(struct dl_listener_list *set);

/* Split a shell variable's value the way an unquoted $VAR is split by sh
 * (IFS: space, tab, newline; no quote removal). */
void shell_split_words(struct word_list *out, const char *value, const struct dl_evidence *where,
		       const struct dl_evidence *via);

#endif
