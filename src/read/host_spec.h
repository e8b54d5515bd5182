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
	HOST_INVALID, /* dockerd refuses to start with this value: refusal says why */
};

/* Why dockerd refuses a value (HOST_INVALID), each with the upstream rule it
 * follows. A TCP value is "tcp://" + rest through Go's url.Parse (net/url
 * url.go) and then moby's ParseTCPAddr (opts/hosts.go in v20.10-v22,
 * daemon/pkg/opts/hosts.go in v23+); the protocol is chosen by
 * parseDaemonHost (ParseHost's helper). host_refusal_text() gives the
 * message; `refused` holds the part of the value a message names. */
enum host_refusal {
	HOST_REFUSAL_NONE = 0,
	HOST_REFUSAL_TOO_LONG,         /* longer than 4096 bytes: not interpreted (not dockerd's rule) */
	HOST_REFUSAL_EMPTY,            /* blank: ParseHost maps it to the default host (the caller decides) */
	HOST_REFUSAL_WHITESPACE_V29,   /* 29.x daemon/command/daemon.go normalizeHosts: parses the untrimmed value */
	HOST_REFUSAL_PROTO,            /* parseDaemonHost "unsupported proto"; refused: the proto */
	HOST_REFUSAL_NPIPE,            /* parseDaemonHost: npipe:// only on Windows */
	HOST_REFUSAL_UNIX_ADDRESS,     /* parseSimpleProtoAddr: "://" in a unix address; refused: the address */
	HOST_REFUSAL_UNIX_ABSTRACT,    /* "@name": the listener's chown fails (checked on dockerd 20.10.24) */
	HOST_REFUSAL_CONTROL_CHAR,     /* url.Parse: "invalid control character in URL" */
	HOST_REFUSAL_USERINFO,         /* url.Parse parseAuthority: validUserinfo */
	HOST_REFUSAL_MISSING_BRACKET,  /* url.Parse parseHost: "missing ']' in host" */
	HOST_REFUSAL_PORT_SUFFIX,      /* url.Parse parseHost: validOptionalPort; refused: ":..." as written */
	HOST_REFUSAL_ESCAPE,           /* url.Parse unescape: "invalid URL escape" */
	HOST_REFUSAL_ESCAPE_IN_HOST,   /* url.Parse unescape(encodeHost): an escape below 0x80 */
	HOST_REFUSAL_HOST_CHAR,        /* url.Parse unescape(encodeHost): "invalid character in host name" */
	HOST_REFUSAL_PORT_RANGE,       /* ParseTCPAddr strconv.Atoi range error (no version listens); refused: the port */
	HOST_REFUSAL_PORT_NOT_NUMBER,  /* ParseTCPAddr strconv.Atoi syntax error; refused: the port */
	HOST_REFUSAL_PORT_BIND,        /* port > 65535 with a known version: net.Listen fails at bind */
	HOST_REFUSAL_V20_BRACKET_NO_PORT, /* v20.10 ParseTCPAddr net.SplitHostPort: "Invalid bind address format" */
	HOST_REFUSAL_V20_PATH,         /* v20.10 ParseTCPAddr keeps the path, bind fails ("unknown port") */
	HOST_REFUSAL_V20_UNBRACKETED,  /* v20.10 ParseTCPAddr JoinHostPort(host, 2375) is no address; refused: the host */
	HOST_REFUSAL_V23_PATH,         /* v23+ ParseTCPAddr: a path is refused */
	HOST_REFUSAL_V23_PORT_ZERO,    /* v23+ ParseTCPAddr: port 0 is refused */
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
	enum host_refusal refusal; /* HOST_INVALID: why dockerd refuses it */
	char *refused;    /* HOST_INVALID: the part of the value the refusal names
			   * (proto, port, unix address, host; see enum host_refusal), or NULL */
};

struct host_parse_opts {
	const char *cwd;          /* dockerd's working directory for relative unix paths ("/") */
	const char *default_unix; /* "/var/run/docker.sock", or $XDG_RUNTIME_DIR/docker.sock rootless */
	/* Which dockerd's rules apply (docs/dockerd-versions.md). UNKNOWN (0):
	 * a value some supported version accepts is kept with may_refuse and a
	 * note (fail closed); a known version's reading is applied as is. */
	enum dockerd_rules rules;
};

/* Parse one value into *out. It cannot fail: a value dockerd refuses is a
 * fact of the result (kind HOST_INVALID, with refusal set), not an error.
 *
 * - An empty or whitespace-only value gives HOST_INVALID with refusal
 *   HOST_REFUSAL_EMPTY: dockerd maps such an entry to its default host, which
 *   depends on TLS and rootless mode, so the caller (the merge) decides.
 * - Fail closed: a TCP value that some supported dockerd version accepts is
 *   HOST_TCP even when other versions refuse it, with `note` saying which
 *   (a path in the address, port 0, a port > 65535, an unbracketed IPv6
 *   address, surrounding whitespace). Port 0 is HOST_TCP with port 0:
 *   v20.10-v22 listen on a random port.
 * - For HOST_INVALID, `normalized` holds the raw value (at most 4096 bytes;
 *   longer values are refused). */
void host_spec_parse(struct host_spec *out, const char *value, const struct host_parse_opts *opts);
void host_spec_clear(struct host_spec *h);

/* The message for h's refusal (malloc'd; "" when it has none), e.g.
 * "unsupported proto 'ssh'": the text the problem list and the reports show. */
char *host_refusal_text(const struct host_spec *h);

/* True for an empty or whitespace-only value (Go strings.TrimSpace == ""):
 * dockerd maps such an entry to its default host (v23-v28) or drops it
 * (29.x), in both cases without parsing it. NULL counts as blank. */
bool host_spec_is_blank(const char *value);

#endif
