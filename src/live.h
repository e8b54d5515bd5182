/* Running dockerd processes joined with their configuration (spec section 5). */
#ifndef DOCKERD_SCAP_LIVE_H
#define DOCKERD_SCAP_LIVE_H

#include "model.h"
#include "rootfs.h"

/* Read <root>/proc: every running dockerd, its own effective set (from its
 * argv, config file and environment), what it has bound, joined into
 * res->daemons and res->listeners (state bound). Returns the number of
 * processes seen under <root>/proc (0: no live view, e.g. an offline image). */
int live_scan(struct dl_scan_result *res, const struct rootfs *r);

/* Name the bound TCP sockets that are not API listeners (swarm, gossip,
 * metrics, unknown); needs res->cluster. */
void live_name_other_sockets(struct dl_scan_result *res, unsigned swarm_port);

#endif
