/* Running dockerd processes joined with their configuration (docs/dockerd-listeners.md §5). */
#ifndef DOCKERD_SCAP_LIVE_H
#define DOCKERD_SCAP_LIVE_H

#include "scan_result.h"
#include "base/rootfs.h"
/* Swarm control ports of the data roots that are in a swarm. */
struct swarm_ports {
	unsigned port[16];
	size_t count;
};

/* Read <root>/proc: every running dockerd, its own effective set (from its
 * argv, config file and environment) and what it has bound, into
 * res->daemons. Returns the number of processes seen under <root>/proc (0:
 * no live view, e.g. an offline image). */
int live_scan(struct dl_scan_result *res, const struct rootfs *r);

/* Name the bound TCP sockets that match no configured API host (swarm,
 * gossip, metrics); any other one is counted as an API listener (fail
 * closed: a host removed from the configuration without a restart looks
 * exactly like that). Then fold every daemon's bound API listeners into
 * res->listeners. */
void live_finish(struct dl_scan_result *res, const struct swarm_ports *ports);

#endif
