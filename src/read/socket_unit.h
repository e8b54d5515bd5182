/* Socket units that hand listening sockets to a service (systemd.socket(5),
 * docs/dockerd-listeners.md §4). */
#ifndef DOCKERD_SCAP_SOCKET_UNIT_H
#define DOCKERD_SCAP_SOCKET_UNIT_H

#include "scan_result.h"
#include "base/rootfs.h"
#include "base/contract.h"
#include "read/facts.h"
/* A listening socket a socket unit passes to the service. */
enum socket_kind { SOCKET_TCP, SOCKET_UNIX, SOCKET_OTHER };

struct socket_listen {
	enum socket_kind kind;
	char *address;            /* TCP: "::" for a bare port (dual stack), else the host */
	unsigned port;
	char *path;               /* UNIX: path or "@abstract" */
	char *value;              /* ListenStream= value as written */
	char *unit_path;          /* the .socket unit */
	struct dl_evidence where;
};

struct socket_set {
	struct socket_listen *items; /* in fd order: items[i] is fd 3 + i */
	size_t count, cap;
	char **units;             /* socket units that feed the service */
	size_t nunits;
	/* The worst of files: READ_ABSENT no socket unit feeds the service;
	 * READ_OK every one that does was read; READ_UNREADABLE a socket
	 * unit, or a unit directory, could not be read, and it may feed the
	 * service (the sockets dockerd gets are then not known). Not
	 * READ_REFUSED today: systemd ignores a bad line of a socket unit
	 * rather than refusing it, and no line is fatal to this reader. */
	enum read_status status;
	struct read_fact_list files; /* the feeding or unreadable units, each with its status */
};

/* Every ListenStream= of every .socket unit that activates service_name
 * (Service=service_name, or the same-named .socket), drop-ins applied,
 * masked socket units skipped, in the order systemd passes them. */
_must_check_ int systemd_sockets_load(struct socket_set *out, const struct rootfs *r, const char *service_name,
			 struct dl_problem_list *problems);
void socket_set_clear(struct socket_set *s);

#endif
