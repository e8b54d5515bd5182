/* The listener set: add with merge, sort, notes, clear. */
#ifndef DOCKERD_SCAP_LISTENER_SET_H
#define DOCKERD_SCAP_LISTENER_SET_H

#include "scan_result.h"

/* Add a listener to the set, merging with an equal one (same proto and
 * address/port or path); takes copies. */
struct dl_listener *listener_set_add(struct dl_listener_list *set, enum dl_proto proto,
				     const char *address, unsigned port, const char *path,
				     const char *fd);
void listener_set_sort(struct dl_listener_list *set);
/* Append a note ("; "-separated, each note once). */
void listener_add_note(struct dl_listener *l, const char *note);
void listener_list_clear(struct dl_listener_list *set);

#endif
