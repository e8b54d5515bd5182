/* The whole scan: configuration -> running daemons -> cluster membership ->
 * verdicts. One direction of data flow; this file only orchestrates. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "read/cluster.h"
#include "config_scan.h"
#include "merge/effective.h"
#include "read/launchers.h"
#include "live/live.h"
#include "base/alloc.h"
#include "base/evidence.h"
#include "base/problems.h"
#include "base/rootfs.h"
#include "verdict/verdict.h"
static void cluster_fill(struct dl_cluster *out, const struct cluster_info *ci)
{
	out->swarm = ci->swarm;
	out->swarm_method = ci->swarm_method;
	out->ucp = ci->ucp;
	out->ucp_running = ci->ucp_running;
	for (size_t i = 0; i < ci->evidence.count; i++)
		evidence_list_push(&out->evidence, &ci->evidence.items[i]);
}

/* The data roots whose swarm/UCP state counts: the configured one and every
 * running daemon's. A node is a UCP member if any of them says so. */
/* Swarm's default listen address is 0.0.0.0:2377 (moby daemon/cluster). */
static void note_swarm_port(struct swarm_ports *p, const struct cluster_info *ci)
{
	if (ci->swarm != DL_SWARM_MANAGER && ci->swarm != DL_SWARM_WORKER)
		return;
	if (p->count < sizeof(p->port) / sizeof(*p->port))
		p->port[p->count++] = ci->listen.port ? ci->listen.port : 2377;
}

/* cluster_scan() fails only for a data root that is not an absolute path:
 * membership is then unknown, and the problem says why (scan() marks the
 * cluster stage's problems as membership problems). What the statuses
 * leave open is unknown, whatever the readable part says: a data root that
 * cannot be opened hides both memberships; container records that could
 * not all be read leave UCP open unless one of those read is UCP's. */
static void scan_data_root(struct cluster_info *ci, const struct rootfs *r, const char *data_root,
			   unsigned flags, struct dl_problem_list *problems)
{
	if (cluster_scan(ci, r, data_root, flags, problems) < 0) {
		problem_add(problems, NULL, 0,
			    "data root \"%s\" is not an absolute path: swarm and UCP membership "
			    "unknown", data_root);
		return;
	}
	if (ci->data_root_status == READ_UNREADABLE) {
		ci->swarm = DL_SWARM_UNKNOWN;
		ci->ucp = DL_UCP_UNKNOWN;
	}
	if (ci->ucp_status == READ_UNREADABLE && ci->ucp != DL_UCP_YES)
		ci->ucp = DL_UCP_UNKNOWN;
}

/* Fills ports with the swarm control port of every data root in a swarm. */
static void scan_cluster(struct dl_scan_result *res, const struct rootfs *r, unsigned flags,
			 struct swarm_ports *ports)
{
	struct cluster_info ci = { 0 };
	const char *data_root = res->launch.data_root ? res->launch.data_root
						      : CLUSTER_DEFAULT_DATA_ROOT;
	scan_data_root(&ci, r, data_root, flags, &res->problems);
	note_swarm_port(ports, &ci);
	for (size_t i = 0; i < res->ndaemons; i++) {
		const char *dr = res->daemons[i].data_root;
		if (!dr || !strcmp(dr, data_root) || dr[0] != '/')
			continue;
		struct cluster_info more = { 0 };
		scan_data_root(&more, r, dr, flags, &res->problems);
		note_swarm_port(ports, &more);
		/* The stronger answer wins: yes > unknown > no; manager > worker. */
		if (more.ucp == DL_UCP_YES ||
		    (more.ucp == DL_UCP_UNKNOWN && ci.ucp == DL_UCP_NO))
			ci.ucp = more.ucp;
		ci.ucp_running = ci.ucp_running || more.ucp_running;
		if (more.swarm > ci.swarm && more.swarm != DL_SWARM_UNKNOWN) {
			ci.swarm = more.swarm;
			ci.swarm_method = more.swarm_method;
		}
		for (size_t k = 0; k < more.evidence.count; k++)
			evidence_list_push(&ci.evidence, &more.evidence.items[k]);
		cluster_info_clear(&more);
	}
	cluster_fill(&res->cluster, &ci);
	cluster_info_clear(&ci);
}

/* Open the root and read its configuration: the first stage of both scans. */
static struct dl_scan_result *scan_begin(struct rootfs *r, const char *root, char *err,
					 size_t errlen, int *e)
{
	*e = rootfs_open(r, root);
	if (*e < 0) {
		snprintf(err, errlen, "cannot open scan root '%s': %s", root, rootfs_strerror(*e));
		return NULL;
	}
	struct dl_scan_result *res = xcalloc(1, sizeof(*res));
	res->root = xstrdup(root);
	effective_scan_config(res, r);
	launchers_scan(&res->other_launchers, r, res->launch.unit_path,
		       res->launch.method == DL_LAUNCH_SYSTEMD, NULL, &res->problems);
	return res;
}

int dl_scan_config(struct dl_scan_result **out, const char *root, char *err, size_t errlen)
{
	struct rootfs r;
	int e;
	*out = scan_begin(&r, root, err, errlen, &e);
	if (!*out)
		return e;
	rootfs_close(&r);
	return 0;
}

int dl_scan(struct dl_scan_result **out, const char *root, char *err, size_t errlen)
{
	struct rootfs r;
	int e;
	*out = NULL;
	struct dl_scan_result *res = scan_begin(&r, root, err, errlen, &e);
	if (!res)
		return e;
	res->live = live_scan(res, &r) > 0;
	struct swarm_ports ports = { 0 };
	size_t first = res->problems.count;
	scan_cluster(res, &r, res->live ? CLUSTER_SCAN_LIVE : 0, &ports);
	/* A container record or swarm file that cannot be read leaves the
	 * node's membership open, not its listeners. */
	for (size_t i = first; i < res->problems.count; i++)
		res->problems.items[i].scope = DL_SCOPE_MEMBERSHIP;
	live_finish(res, &ports);
	verdict_evaluate(res);
	rootfs_close(&r);
	*out = res;
	return 0;
}

static void daemon_clear(struct dl_daemon *d)
{
	for (size_t i = 0; i < d->argc; i++)
		free(d->argv[i]);
	free(d->argv);
	free(d->data_root);
	free(d->config_file);
	free(d->metrics_addr);
	listener_list_clear(&d->listeners);
	for (size_t i = 0; i < d->nother_sockets; i++) {
		free(d->other_sockets[i].address);
		free(d->other_sockets[i].role);
		free(d->other_sockets[i].reason);
		evidence_list_clear(&d->other_sockets[i].evidence);
	}
	free(d->other_sockets);
}

void dl_scan_result_free(struct dl_scan_result *r)
{
	if (!r)
		return;
	free(r->root);
	launch_clear(&r->launch);
	evidence_list_clear(&r->other_launchers);
	listener_list_clear(&r->listeners);
	problem_list_clear(&r->problems);
	for (size_t i = 0; i < r->ndaemons; i++)
		daemon_clear(&r->daemons[i]);
	free(r->daemons);
	evidence_list_clear(&r->cluster.evidence);
	verdict_clear(r);
	free(r);
}
