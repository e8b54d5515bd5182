/* One -H / "hosts" value, normalised the way dockerd does it
 * (docs/dockerd-listeners.md §1; moby opts.ParseHost / parseDockerDaemonHost). */
#ifndef DOCKERD_SCAP_HOST_SPEC_H
#define DOCKERD_SCAP_HOST_SPEC_H

#include <stdbool.h>

#include "read/dockerd_version.h"
enum host_kind {
	HOST_TCP,
	HOST_UNIX,
	HOST_FD,
	HOST_INVALID, /* dockerd refuses to start with this value */
};

struct host_spec {
	enum host_kind kind;
	char *address;    /* TCP: host without brackets; "localhost" for an empty host */
	unsigned port;    /* TCP: 1..65535 normally; larger numbers are kept (fail only at bind) */
	char *path;       /* UNIX: absolute socket path */
	char *fd;         /* FD: the value verbatim ("fd://", "fd://3", "fd://" + "*") */
	char *normalized; /* "tcp://1.2.3.4:2375", "tcp://[::]:2375", "unix:///x", "fd://" */
	char *note;       /* version-dependent or ambiguous interpretation, or NULL */
	bool may_refuse;  /* some supported dockerd version refuses the value or fails to
			   * bind it (the note says which): the listener set is uncertain */
	char *error;      /* HOST_INVALID: why dockerd refuses it (e.g. "unsupported proto") */
};

struct host_parse_opts {
	const char *cwd;          /* dockerd's working directory for relative unix paths ("/") */
	const char *default_unix; /* "/var/run/docker.sock", or $XDG_RUNTIME_DIR/docker.sock rootless */
	/* Which dockerd's rules apply (docs/dockerd-versions.md). UNKNOWN (0):
	 * a value some supported version accepts is kept with may_refuse and a
	 * note (fail closed); a known version's reading is applied as is. */
	enum dockerd_rules rules;
};

/* Parse one value. Always fills *out (kind HOST_INVALID with error set when
 * dockerd would refuse it). Returns 0, or -EINVAL when the value is invalid.
 *
 * - An empty or whitespace-only value returns HOST_INVALID with error
 *   "empty host": dockerd maps such an entry to its default host, which
 *   depends on TLS and rootless mode, so the caller (the merge) decides.
 * - Fail closed: a TCP value that some supported dockerd version accepts is
 *   HOST_TCP even when other versions refuse it, with `note` saying which
 *   (a path in the address, port 0, a port > 65535, an unbracketed IPv6
 *   address, surrounding whitespace). Port 0 is HOST_TCP with port 0:
 *   v20.10-v22 listen on a random port.
 * - For HOST_INVALID, `normalized` holds the raw value (at most 4096 bytes;
 *   longer values are refused). */
int host_spec_parse(struct host_spec *out, const char *value, const struct host_parse_opts *opts);
void host_spec_clear(struct host_spec *h);

/* True for an empty or whitespace-only value (Go strings.TrimSpace == ""):
 * dockerd maps such an entry to its default host (v23-v28) or drops it
 * (29.x), in both cases without parsing it. NULL counts as blank. */
bool host_spec_is_blank(const char *value);

#endif
