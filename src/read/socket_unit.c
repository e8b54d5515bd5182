/* Socket units that hand listening sockets to a service (systemd.socket(5),
 * systemd 252 src/core/socket.c and load-fragment.c): which .socket units
 * feed the service, and what each Listen*= line opens. The order of the
 * result is the fd order the service sees: items[i] is fd 3 + i. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/evidence.h"
#include "base/problems.h"
#include "base/text.h"
#include "base/rootfs.h"
#include "read/systemd_unit.h"
#include "read/socket_unit.h"
/* Socket unit files looked at while searching for Service= references. */
#define MAX_SOCKET_UNITS 512
/* sizeof(struct sockaddr_un.sun_path) - 1: systemd 252
 * socket_address_parse_unix() refuses longer paths. */
#define UNIX_PATH_MAX_LEN 107

static const char *const socket_sections[] = { "Unit", "Socket", "Install", NULL };

/* Every Listen*= setting goes into one list of ports, in file order, and
 * each port that opens is one fd passed to the service (socket.c
 * socket_collect_fds()): a ListenDatagram= before a ListenStream= shifts
 * the stream socket's fd number, so all kinds are kept. */
static const char *const listen_keys[] = {
	"ListenStream", "ListenDatagram", "ListenSequentialPacket", "ListenFIFO",
	"ListenSpecial", "ListenNetlink", "ListenMessageQueue", "ListenUSBFunction", NULL,
};

struct socket_port {
	char *key;
	char *value;
	struct dl_evidence where;
};

struct socket_unit {
	char *service;           /* Service=, NULL if unset */
	bool accept;
	struct socket_port *ports;
	size_t nports;
};

static void socket_ports_clear(struct socket_unit *u)
{
	for (size_t i = 0; i < u->nports; i++) {
		free(u->ports[i].key);
		free(u->ports[i].value);
		evidence_clear(&u->ports[i].where);
	}
	free(u->ports);
	u->ports = NULL;
	u->nports = 0;
}

static void socket_unit_clear(struct socket_unit *u)
{
	socket_ports_clear(u);
	free(u->service);
	memset(u, 0, sizeof(*u));
}

static int parse_bool(const char *v)
{
	static const char *const yes[] = { "1", "yes", "y", "true", "t", "on", NULL };
	static const char *const no[] = { "0", "no", "n", "false", "f", "off", NULL };
	for (const char *const *x = yes; *x; x++)
		if (!strcasecmp(*x, v))
			return 1;
	for (const char *const *x = no; *x; x++)
		if (!strcasecmp(*x, v))
			return 0;
	return -EINVAL;
}

static int socket_assignment(const struct unit_assignment *a, void *userdata,
			     struct dl_problem_list *problems)
{
	struct socket_unit *u = userdata;
	if (strcmp(a->section, "Socket"))
		return 0;

	for (const char *const *k = listen_keys; *k; k++) {
		if (strcmp(a->key, *k))
			continue;
		/* config_parse_socket_listen(): an empty value removes all
		 * ports of every kind. */
		if (!*a->value) {
			socket_ports_clear(u);
			return 0;
		}
		u->ports = xrealloc(u->ports, (u->nports + 1) * sizeof(*u->ports));
		struct socket_port *p = &u->ports[u->nports++];
		memset(p, 0, sizeof(*p));
		p->key = xstrdup(a->key);
		p->value = xstrdup(a->value);
		evidence_set(&p->where, SRC_SOCKET_UNIT, a->path, a->line, a->text);
		return 0;
	}
	if (!strcmp(a->key, "Service")) {
		/* config_parse_socket_service(): must name a .service unit,
		 * otherwise it is ignored; it cannot be reset. */
		_cleanup_free_ char *name = NULL;
		if (unit_specifiers_expand(&name, a->unit_name, a->value, a->path, a->line,
					   problems) < 0)
			return 0;
		if (!unit_name_is_plain(name, ".service")) {
			warning_add(problems, a->path, a->line,
				    "Service= does not name a service unit, systemd ignores it: %s",
				    a->text);
			return 0;
		}
		free(u->service);
		u->service = xstrdup(name);
	} else if (!strcmp(a->key, "Accept")) {
		int b = parse_bool(a->value);
		if (b < 0)
			warning_add(problems, a->path, a->line,
				    "invalid boolean, systemd ignores this Accept=: %s", a->text);
		else
			u->accept = b;
	}
	return 0;
}

/* ListenStream= address grammar (systemd 252 socket-netlink.c
 * socket_address_parse()): "/path" and "@abstract" are AF_UNIX; a bare
 * port binds [::]:PORT (dual stack unless BindIPv6Only=ipv6-only); IPv4
 * "ADDR:PORT"; IPv6 "[ADDR]:PORT"; "vsock:CID:PORT". Port 1..65535.
 * True when the value opens a socket (*out filled), false when systemd
 * ignores the line (a warning says why). */
static bool listen_stream_classify(struct socket_listen *out, const char *v,
				  const struct dl_evidence *w, struct dl_problem_list *problems)
{
	unsigned long port;

	if (v[0] == '/' || v[0] == '@') {
		if (strlen(v) > UNIX_PATH_MAX_LEN || (v[0] == '@' && !v[1])) {
			warning_add(problems, w->path, w->line,
				    "AF_UNIX socket path is empty or too long, systemd ignores this "
				    "ListenStream=: %s", w->text);
			return false;
		}
		out->kind = SOCKET_UNIX;
		out->path = xstrdup(v);
		return true;
	}
	if (str_startswith(v, "vsock:")) {
		problem_add(problems, w->path, w->line,
			    "AF_VSOCK socket (not a TCP or unix API listener): %s", w->text);
		out->kind = SOCKET_OTHER;
		return true;
	}
	int e = parse_uint(v, 0, ULONG_MAX, &port);
	if (e == 0 || e == -ERANGE) {
		if (e < 0 || port < 1 || port > 65535) {
			warning_add(problems, w->path, w->line,
				    "port out of range 1..65535, systemd ignores this ListenStream=: %s",
				    w->text);
			return false;
		}
		out->kind = SOCKET_TCP;
		out->address = xstrdup("::");
		out->port = (unsigned)port;
		return true;
	}

	_cleanup_free_ char *addr = NULL;
	const char *port_text;
	int family;
	if (v[0] == '[') {
		const char *close = strchr(v, ']');
		if (!close || close[1] != ':') {
			warning_add(problems, w->path, w->line,
				    "IPv6 address without a port, systemd ignores this ListenStream=: %s",
				    w->text);
			return false;
		}
		addr = xstrndup(v + 1, (size_t)(close - v - 1));
		port_text = close + 2;
		family = AF_INET6;
	} else {
		const char *colon = strrchr(v, ':');
		if (!colon || strchr(v, ':') != colon) {
			warning_add(problems, w->path, w->line,
				    "not an address and port, systemd ignores this ListenStream=: %s",
				    w->text);
			return false;
		}
		addr = xstrndup(v, (size_t)(colon - v));
		port_text = colon + 1;
		family = AF_INET;
	}
	if (strpbrk(addr, "%#") || strpbrk(port_text, "%#")) {
		/* An interface or server name suffix: systemd 252 accepts some
		 * of these forms; this probe does not read them. */
		problem_add(problems, w->path, w->line,
			    "ListenStream= with an interface or name suffix is not understood: %s",
			    w->text);
		out->kind = SOCKET_OTHER;
		return true;
	}
	unsigned char buf[16];
	if (inet_pton(family, addr, buf) != 1) {
		warning_add(problems, w->path, w->line,
			    "not a numeric IP%s address, systemd ignores this ListenStream=: %s",
			    family == AF_INET6 ? "v6" : "v4", w->text);
		return false;
	}
	if (parse_uint(port_text, 1, 65535, &port) < 0) {
		warning_add(problems, w->path, w->line,
			    "port missing or out of range 1..65535, systemd ignores this "
			    "ListenStream=: %s", w->text);
		return false;
	}
	out->kind = SOCKET_TCP;
	out->address = xstrdup(addr);
	out->port = (unsigned)port;
	return true;
}

static void socket_set_add_unit(struct socket_set *out, const char *name, const char *unit_path,
				const struct socket_unit *u, struct dl_problem_list *problems)
{
	if (u->accept)
		problem_add(problems, unit_path, 0,
			    "Accept=yes: systemd hands connections to instances of a template "
			    "service, not to the listening sockets' service; listed anyway");
	out->units = xrealloc(out->units, (out->nunits + 1) * sizeof(*out->units));
	out->units[out->nunits++] = xstrdup(unit_path);

	for (size_t i = 0; i < u->nports; i++) {
		const struct socket_port *p = &u->ports[i];
		struct socket_listen l = { 0 };
		_cleanup_free_ char *v = NULL;
		if (unit_specifiers_expand(&v, name, p->value, p->where.path, p->where.line,
					   problems) < 0)
			continue; /* systemd ignores the line */
		if (!strcmp(p->key, "ListenStream")) {
			if (!listen_stream_classify(&l, v, &p->where, problems))
				continue;
		} else {
			l.kind = SOCKET_OTHER;
			problem_add(problems, p->where.path, p->where.line,
				    "%s= is not a stream socket but still takes an fd number: %s",
				    p->key, p->where.text);
		}
		l.value = xstrdup(v);
		l.unit_path = xstrdup(unit_path);
		evidence_copy(&l.where, &p->where);
		grow_array(&out->items, &out->cap, out->count + 1, sizeof(*out->items));
		out->items[out->count++] = l;
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool names_contain(char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return true;
	return false;
}

void socket_set_clear(struct socket_set *s)
{
	for (size_t i = 0; i < s->count; i++) {
		struct socket_listen *l = &s->items[i];
		free(l->address);
		free(l->path);
		free(l->value);
		free(l->unit_path);
		evidence_clear(&l->where);
	}
	free(s->items);
	for (size_t i = 0; i < s->nunits; i++)
		free(s->units[i]);
	free(s->units);
	read_fact_list_clear(&s->files);
	memset(s, 0, sizeof(*s));
}

int systemd_sockets_load(struct socket_set *out, const struct rootfs *r, const char *service_name,
			 struct dl_problem_list *problems)
{
	memset(out, 0, sizeof(*out));
	if (!unit_name_is_plain(service_name, ".service"))
		return -EINVAL;

	size_t plen = strlen(service_name) - strlen(".service");
	_cleanup_free_ char *same = xasprintf("%.*s.socket", (int)plen, service_name);
	char **cand = NULL, **wanted = NULL;
	size_t ncand = 0, nwanted = 0;
	bool bounded = false;

	/* Candidates: the same-named socket, the service's Sockets=, and every
	 * *.socket on the search path (one of them may say Service=NAME). */
	cand = xrealloc(cand, sizeof(*cand));
	cand[ncand++] = xstrdup(same);
	{
		struct systemd_service svc;
		struct dl_problem_list scratch = { 0 }; /* the caller loads the service itself */
		if (systemd_service_load(&svc, r, service_name, &scratch) == 0 && svc.found &&
		    !svc.masked)
			for (size_t i = 0; i < svc.nsockets; i++) {
				wanted = xrealloc(wanted, (nwanted + 1) * sizeof(*wanted));
				wanted[nwanted++] = xstrdup(svc.sockets[i]);
				if (!names_contain(cand, ncand, svc.sockets[i])) {
					cand = xrealloc(cand, (ncand + 1) * sizeof(*cand));
					cand[ncand++] = xstrdup(svc.sockets[i]);
				}
			}
		systemd_service_clear(&svc);
		problem_list_clear(&scratch);
	}
	for (size_t d = 0; d < systemd_unit_dirs_count && !bounded; d++) {
		char **names = NULL;
		size_t count = 0;
		int e = rootfs_list_dir(r, systemd_unit_dirs[d], &names, &count);
		if (e < 0 && e != -ENOENT) {
			problem_add(problems, systemd_unit_dirs[d], 0,
				    "cannot list unit directory: %s", rootfs_strerror(e));
			read_fact_add(&out->files, systemd_unit_dirs[d], READ_UNREADABLE);
		}
		for (size_t i = 0; i < count; i++) {
			if (!unit_name_is_plain(names[i], ".socket") ||
			    names_contain(cand, ncand, names[i]))
				continue;
			if (ncand >= MAX_SOCKET_UNITS) {
				problem_add(problems, systemd_unit_dirs[d], 0,
					    "more than %d socket units: the rest are not read",
					    MAX_SOCKET_UNITS);
				bounded = true;
				break;
			}
			cand = xrealloc(cand, (ncand + 1) * sizeof(*cand));
			cand[ncand++] = xstrdup(names[i]);
		}
		rootfs_free_names(names, count);
	}
	/* systemd collects the fds of all triggering socket units in the
	 * order of its dependency hash table, which is not specified; sort
	 * by unit name so the result is stable. */
	qsort(cand, ncand, sizeof(*cand), cmp_str);

	for (size_t i = 0; i < ncand; i++) {
		struct socket_unit u = { 0 };
		struct unit_files files;
		/* Parse problems of unrelated socket units are noise: keep them
		 * when the unit feeds the service. Read errors (line 0) are
		 * always kept: an unreadable unit may name the service. */
		struct dl_problem_list local = { 0 };
		int e = unit_files_load(&files, r, cand[i], socket_sections, socket_assignment, &u,
					&local);
		bool feeds = false;
		if (e == 0 && files.found && !files.masked) {
			_cleanup_free_ char *target = NULL;
			if (!u.service) {
				size_t l = strlen(cand[i]) - strlen(".socket");
				target = xasprintf("%.*s.service", (int)l, cand[i]);
			}
			feeds = !strcmp(u.service ? u.service : target, service_name) ||
				names_contain(wanted, nwanted, cand[i]);
		}
		bool related = feeds || !strcmp(cand[i], same) ||
			       names_contain(wanted, nwanted, cand[i]);
		for (size_t k = 0; k < local.count; k++)
			if (related || local.items[k].line == 0)
				problem_add(problems, local.items[k].path, local.items[k].line, "%s",
					    local.items[k].message);
		if (feeds)
			socket_set_add_unit(out, cand[i], files.unit_path, &u, problems);
		/* An unreadable socket unit may name the service: it counts
		 * whether or not the readable part says it feeds it. */
		if (e == 0 && files.status == READ_UNREADABLE)
			read_fact_add(&out->files, files.status_path, READ_UNREADABLE);
		else if (feeds)
			read_fact_add(&out->files, files.unit_path, files.status);
		problem_list_clear(&local);
		unit_files_clear(&files);
		socket_unit_clear(&u);
	}
	for (size_t i = 0; i < ncand; i++)
		free(cand[i]);
	free(cand);
	for (size_t i = 0; i < nwanted; i++)
		free(wanted[i]);
	free(wanted);
	out->status = read_fact_worst(&out->files);
	return 0;
}
