/* What happened to a source the facts stage looked at: one status type for
 * every reader (docs/architecture.md, "The facts stage").
 *
 * A status is a fact the consumers (the merge, the scan) decide from; it
 * never replaces a problem, the only diagnostics channel. Whenever a reader
 * sets READ_UNREADABLE or READ_REFUSED it has also added an error problem
 * naming the file and the reason, so a scan that could not read something
 * ends in error, never pass. Two quiet facts leave that to their consumer:
 * the dockerd version (read/dockerd_version.h) and the TLS files
 * (read/launch.h), which the merge reports when TLS is on. */
#ifndef DOCKERD_SCAP_FACTS_H
#define DOCKERD_SCAP_FACTS_H

#include <stddef.h>

enum read_status {
	/* The source does not exist. A fact, and often fine (no daemon.json,
	 * no drop-ins); whether it matters is the consumer's call (a missing
	 * --config-file stops dockerd). The zero value: a zeroed facts struct
	 * says "nothing there". */
	READ_ABSENT = 0,
	/* Read and understood. Warnings, and errors about one value that a
	 * version of the consuming program may reject, can still be problems. */
	READ_OK,
	/* Exists but could not be read: an I/O or permission error, over the
	 * size bound, not a regular file (a directory, a FIFO, a device), a
	 * symlink loop; a unit file that is a dangling symlink (systemd fails
	 * to load it); an init script we cannot tell apart. What it says is
	 * unknown. A symlink that points out of the root is resolved inside it
	 * (base/rootfs.c): it reads what the root has there, often nothing. */
	READ_UNREADABLE,
	/* Read, but the program that consumes it would refuse it: dockerd
	 * refusing its daemon.json, systemd refusing to load a unit or to
	 * start the service with an environment file. What it says is known;
	 * the program does not start with it. */
	READ_REFUSED,
};

/* "absent", "read", "unreadable", "refused": for messages and tests. */
const char *read_status_name(enum read_status s);

/* The status of a failed or successful read by rootfs (0 or -errno):
 * -ENOENT is absent, any other error unreadable, 0 read. */
enum read_status read_status_from_errno(int err);

/* The status of several files taken together: the worst one, in the order
 * unreadable > refused > read > absent (what could not be read leaves the
 * most open; a refusal is known). */
enum read_status read_status_worst(enum read_status a, enum read_status b);

/* One file a multi-file reader looked at, with its status: the per-file
 * detail behind an aggregate status. */
struct read_fact {
	char *path;               /* in-root path */
	enum read_status status;
};

struct read_fact_list {
	struct read_fact *items;
	size_t count, cap;
};

void read_fact_add(struct read_fact_list *l, const char *path, enum read_status status);
/* The status of path in l (the last entry for it), READ_ABSENT if none. */
enum read_status read_fact_status(const struct read_fact_list *l, const char *path);
/* read_status_worst() over every entry; READ_ABSENT for an empty list. */
enum read_status read_fact_worst(const struct read_fact_list *l);
void read_fact_list_clear(struct read_fact_list *l);

#endif
