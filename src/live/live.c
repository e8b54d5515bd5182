/* Running dockerd processes joined with configuration (docs/dockerd-listeners.md §5).
 *
 * Each running daemon gets its own effective set from its own argv, config
 * file and working directory; the listening sockets it holds are matched
 * against that set. A bound TCP socket is an API listener only when it
 * matches a configured API host or is one of the sockets systemd passed
 * (LISTEN_FDS, fd://); everything else is named (swarm, gossip, metrics,
 * unknown) and never counted. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config_scan.h"
#include "merge/effective.h"
#include "live/live.h"
#include "live/proc_process.h"
#include "base/alloc.h"
#include "base/evidence.h"
#include "base/words.h"
#include "base/text.h"
/* Does configured listener c describe the bound socket b? */
static bool tcp_matches(const struct dl_listener *c, const struct proc_socket *b)
{
	if (c->proto != DL_PROTO_TCP)
		return false;
	/* Port 0: dockerd 20.10-22 bind a random port (host_spec note). */
	if (c->port != b->port && c->port != 0)
		return false;
	const char *ca = c->address ? c->address : "";
	const char *ba = b->address ? b->address : "";
	if (!strcmp(ca, ba))
		return true;
	/* 0.0.0.0:P and :P are one dual-stack socket, shown in tcp6 as "::". */
	bool c_any = !strcmp(ca, "0.0.0.0") || !strcmp(ca, "::") || !*ca;
	bool b_any = !strcmp(ba, "0.0.0.0") || !strcmp(ba, "::");
	if (c_any && b_any)
		return true;
	/* A host name binds one address; localhost is the loopback. */
	if (!strcmp(ca, "localhost"))
		return !strcmp(ba, "127.0.0.1") || !strcmp(ba, "::1");
	/* An IPv4 address may show as v4-mapped in tcp6. */
	if (str_startswith(ba, "::ffff:") && !strcmp(ca, ba + 7))
		return true;
	return false;
}

static bool unix_matches(const struct dl_listener *c, const struct proc_socket *b)
{
	if (c->proto != DL_PROTO_UNIX || !c->path || !b->path)
		return false;
	if (!strcmp(c->path, b->path))
		return true;
	/* /var/run is a symlink to /run on every current distribution. */
	const char *cp = str_startswith(c->path, "/var/run/") ? c->path + 4 : c->path;
	const char *bp = str_startswith(b->path, "/var/run/") ? b->path + 4 : b->path;
	return !strcmp(cp, bp);
}

static void add_bound_evidence(struct dl_listener *l, const struct proc_socket *b)
{
	if (b->where.source)
		evidence_list_push(&l->evidence, &b->where);
	if (b->fd_where.source)
		evidence_list_push(&l->evidence, &b->fd_where);
}

static void add_other(struct dl_daemon *d, const struct proc_socket *b)
{
	grow_array(&d->other_sockets, &d->other_cap, d->nother_sockets + 1,
		   sizeof(*d->other_sockets));
	struct dl_other_socket *o = &d->other_sockets[d->nother_sockets++];
	memset(o, 0, sizeof(*o));
	o->address = xstrdup(b->address);
	o->port = b->port;
	if (b->where.source)
		evidence_list_push(&o->evidence, &b->where);
	if (b->fd_where.source)
		evidence_list_push(&o->evidence, &b->fd_where);
}

static unsigned env_listen_fds(const struct proc_daemon *pd, unsigned long pid)
{
	/* sd_listen_fds(3): LISTEN_FDS counts the fds from 3; LISTEN_PID names
	 * the process they are for. The initial environ still shows them. */
	const struct env_var *n = env_get(&pd->env, "LISTEN_FDS");
	const struct env_var *p = env_get(&pd->env, "LISTEN_PID");
	unsigned long fds, lp;
	if (!n || parse_uint(n->value, 1, 65536, &fds) < 0)
		return 0;
	if (p && (parse_uint(p->value, 1, PROC_PID_MAX, &lp) < 0 || lp != pid))
		return 0;
	return (unsigned)fds;
}

/* Join one running daemon: its configured set and what it holds. */
static void join_daemon(struct dl_scan_result *res, const struct rootfs *r,
			const struct proc_daemon *pd)
{
	grow_array(&res->daemons, &res->daemons_cap, res->ndaemons + 1,
		   sizeof(*res->daemons));
	struct dl_daemon *d = &res->daemons[res->ndaemons++];
	memset(d, 0, sizeof(*d));
	d->pid = pd->pid;
	d->argc = pd->argv.count;
	d->argv = xcalloc(d->argc + 1, sizeof(char *));
	for (size_t i = 0; i < d->argc; i++)
		d->argv[i] = xstrdup(pd->argv.items[i].text);
	d->rootless = env_get(&pd->env, "ROOTLESSKIT_STATE_DIR") != NULL;
	d->listen_fds = env_listen_fds(pd, pd->pid);
	d->socket_activated = d->listen_fds > 0;

	struct dl_launch launch = { 0 };
	/* Without the environment (permission denied, reported) socket
	 * activation is unknown: resolve fd:// through the socket units, as
	 * the configuration side does. */
	_cleanup_free_ char *exe = xasprintf("/proc/%lu/exe", (unsigned long)pd->pid);
	effective_for_argv(&d->listeners, &launch, &d->tls, &d->metrics_addr, &d->diagnostic_port, r,
			   &pd->argv, pd->env_read ? &pd->env : NULL, pd->cwd,
			   d->socket_activated || !pd->env_read, exe,
			   &res->problems);
	d->data_root = xstrdup(launch.data_root);
	d->config_file = xstrdup(launch.config_file);
	launch_clear(&launch);
	for (size_t i = 0; i < d->listeners.count; i++)
		d->listeners.items[i].state |= DL_STATE_CONFIGURED;

	for (size_t i = 0; i < pd->listeners.count; i++) {
		const struct proc_socket *b = &pd->listeners.items[i];
		bool passed = d->listen_fds && b->fd >= 3 && (unsigned)(b->fd - 3) < d->listen_fds;
		struct dl_listener *match = NULL;
		for (size_t k = 0; k < d->listeners.count && !match; k++) {
			struct dl_listener *c = &d->listeners.items[k];
			if (b->proto == DL_PROTO_TCP ? tcp_matches(c, b) : unix_matches(c, b))
				match = c;
		}
		if (!match && passed) {
			/* A socket systemd handed over through fd://: the API. */
			match = b->proto == DL_PROTO_TCP
					? listener_set_add(&d->listeners, DL_PROTO_TCP, b->address,
							   b->port, NULL, "fd://")
					: listener_set_add(&d->listeners, DL_PROTO_UNIX, NULL, 0,
							   b->path, "fd://");
			match->tls = d->tls;
		}
		if (match) {
			if (match->proto == DL_PROTO_TCP && match->port == 0) {
				match->port = b->port; /* the random port it got */
				free(match->address);
				match->address = xstrdup(b->address);
			}
			match->state |= DL_STATE_BOUND;
			add_bound_evidence(match, b);
		} else if (b->proto == DL_PROTO_TCP) {
			add_other(d, b);
		}
	}
	listener_set_sort(&d->listeners);
}

/* Fold every daemon's bound API listeners into the node's set. */
static void join_node(struct dl_scan_result *res)
{
	for (size_t i = 0; i < res->ndaemons; i++) {
		const struct dl_daemon *d = &res->daemons[i];
		for (size_t k = 0; k < d->listeners.count; k++) {
			const struct dl_listener *b = &d->listeners.items[k];
			if (!(b->state & DL_STATE_BOUND))
				continue;
			struct dl_listener *n = listener_set_add(&res->listeners, b->proto, b->address,
								 b->port, b->path, NULL);
			if (!n->state)
				n->tls = b->tls; /* new: only bound now */
			else if (b->proto == DL_PROTO_TCP && b->tls < n->tls)
				n->tls = b->tls; /* the weaker TLS of the two is what is exposed */
			if (!n->fd && b->fd)
				n->fd = xstrdup(b->fd);
			n->state |= DL_STATE_BOUND;
			for (size_t e = 0; e < b->evidence.count; e++)
				evidence_list_push(&n->evidence, &b->evidence.items[e]);
		}
	}
	listener_set_sort(&res->listeners);
}

int live_scan(struct dl_scan_result *res, const struct rootfs *r)
{
	struct proc_scan ps = { 0 };
	proc_scan_daemons(&ps, r, &res->problems);
	int seen = ps.proc_present ? (int)(ps.processes_seen > 0x7fffffff ? 0x7fffffff
									  : ps.processes_seen)
				   : 0;
	for (size_t i = 0; i < ps.count; i++)
		join_daemon(res, r, &ps.daemons[i]);
	proc_scan_clear(&ps);
	return seen;
}

static bool is_swarm_port(const struct swarm_ports *ports, unsigned port)
{
	for (size_t i = 0; i < ports->count; i++)
		if (ports->port[i] == port)
			return true;
	return false;
}

void live_finish(struct dl_scan_result *res, const struct swarm_ports *ports)
{
	for (size_t i = 0; i < res->ndaemons; i++) {
		struct dl_daemon *d = &res->daemons[i];
		unsigned long mport = 0;
		if (d->metrics_addr) {
			const char *c = strrchr(d->metrics_addr, ':');
			if (!c || parse_uint(c + 1, 1, 65535, &mport) < 0)
				mport = 0;
		}
		size_t kept = 0;
		for (size_t k = 0; k < d->nother_sockets; k++) {
			struct dl_other_socket *o = &d->other_sockets[k];
			if (is_swarm_port(ports, o->port)) {
				o->role = xstrdup("swarm");
				o->reason = xasprintf("swarm control port %u (docker-state.json "
						      "ListenAddr, default 2377)", o->port);
			} else if (o->port == 7946) {
				o->role = xstrdup("gossip");
				o->reason = xstrdup("swarm gossip (memberlist) port 7946");
			} else if (mport && o->port == mport) {
				o->role = xstrdup("metrics");
				o->reason = xasprintf("--metrics-addr %s", d->metrics_addr);
			} else if (d->diagnostic_port && o->port == d->diagnostic_port) {
				/* libnetwork's diagnostic server (daemon.json
				 * "network-diagnostic-port"), bound to 127.0.0.1. */
				o->role = xstrdup("diagnostic");
				o->reason = xasprintf("network-diagnostic-port %u", d->diagnostic_port);
			} else {
				/* Not a socket dockerd opens for anything but the API:
				 * count it (a TCP host removed from daemon.json while
				 * dockerd kept running shows exactly like this). */
				struct dl_listener *l = listener_set_add(&d->listeners, DL_PROTO_TCP,
									 o->address, o->port, NULL,
									 NULL);
				l->state |= DL_STATE_BOUND;
				l->tls = d->tls;
				listener_add_note(l, "bound by dockerd but matches no host of its current "
						     "configuration: restart pending, or a socket of "
						     "unknown purpose (counted, fail closed)");
				for (size_t e = 0; e < o->evidence.count; e++)
					evidence_list_push(&l->evidence, &o->evidence.items[e]);
				free(o->address);
				evidence_list_clear(&o->evidence);
				continue;
			}
			d->other_sockets[kept++] = *o;
		}
		d->nother_sockets = kept;
		listener_set_sort(&d->listeners);
	}
	join_node(res);
}
