/* One -H / "hosts" value, normalised the way dockerd does it (docs/dockerd-listeners.md §1).
 *
 * The reference is moby's opts.ParseDaemonHost / ParseTCPAddr (v23 .. HEAD,
 * daemon/pkg/opts/hosts.go) with the differences of v20.10 .. v22 (the
 * older ParseTCPAddr in opts/hosts.go) reported in a note. A TCP address is
 * parsed the way Go's net/url parses "tcp://" + value, because that is what
 * dockerd does: the rules for userinfo, query, fragment, host characters,
 * brackets and ports below are those of net/url.
 *
 * Fail closed: a TCP value that some supported dockerd version accepts is
 * reported as HOST_TCP (with a note), even when newer versions refuse it. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/host_spec.h"
#include "base/alloc.h"
#include "base/text.h"
/* Values longer than this are not host addresses; refuse to interpret them. */
#define HOST_VALUE_MAX 4096
/* sizeof(sockaddr_un.sun_path) on Linux; a longer path cannot be bound. */
#define UNIX_PATH_MAX_LINUX 108

void host_spec_clear(struct host_spec *h)
{
	if (!h)
		return;
	free(h->address);
	free(h->path);
	free(h->fd);
	free(h->normalized);
	free(h->note);
	free(h->refused);
	memset(h, 0, sizeof(*h));
}

/* Append one sentence to h->note, "; "-separated. */
static void note_add(struct host_spec *h, const char *text)
{
	if (!h->note) {
		h->note = xstrdup(text);
		return;
	}
	char *n = xasprintf("%s; %s", h->note, text);
	free(h->note);
	h->note = n;
}

/* Refuse the value: reason, and the part of it the message names (refused,
 * n bytes; NULL for none). */
static void set_invalid(struct host_spec *h, const char *raw, size_t rawlen, enum host_refusal reason,
			const char *refused, size_t n)
{
	free(h->address);
	free(h->path);
	free(h->fd);
	free(h->normalized);
	h->address = h->path = h->fd = NULL;
	h->port = 0;
	h->kind = HOST_INVALID;
	h->normalized = xstrndup(raw, rawlen);
	free(h->refused);
	h->refusal = reason;
	h->refused = refused ? xstrndup(refused, n) : NULL;
}

char *host_refusal_text(const struct host_spec *h)
{
	const char *r = h->refused ? h->refused : "";
	switch (h->refusal) {
	case HOST_REFUSAL_NONE:
		break;
	case HOST_REFUSAL_TOO_LONG:
		return xasprintf("host value longer than %d bytes", HOST_VALUE_MAX);
	case HOST_REFUSAL_EMPTY:
		return xstrdup("empty host");
	case HOST_REFUSAL_WHITESPACE_V29:
		return xstrdup("surrounding whitespace: dockerd 29 refuses it");
	case HOST_REFUSAL_PROTO:
		return xasprintf("unsupported proto '%s'", r);
	case HOST_REFUSAL_NPIPE:
		return xstrdup("npipe is Windows only");
	case HOST_REFUSAL_UNIX_ADDRESS:
		return xasprintf("invalid unix address: %s", r);
	case HOST_REFUSAL_UNIX_ABSTRACT:
		return xstrdup("abstract unix socket name: dockerd fails to chown it and refuses to "
			       "start");
	case HOST_REFUSAL_CONTROL_CHAR:
		return xstrdup("invalid control character in tcp address");
	case HOST_REFUSAL_USERINFO:
		return xstrdup("invalid userinfo");
	case HOST_REFUSAL_MISSING_BRACKET:
		return xstrdup("missing ']' in host");
	case HOST_REFUSAL_PORT_SUFFIX:
		return xasprintf("invalid port \"%s\" after host", r);
	case HOST_REFUSAL_ESCAPE:
		return xstrdup("invalid URL escape");
	case HOST_REFUSAL_ESCAPE_IN_HOST:
		return xstrdup("invalid URL escape in host");
	case HOST_REFUSAL_HOST_CHAR:
		return xstrdup("invalid character in host name");
	case HOST_REFUSAL_PORT_RANGE:
		return xasprintf("invalid port: %s (out of range)", r);
	case HOST_REFUSAL_PORT_NOT_NUMBER:
		return xasprintf("invalid port: %s", r);
	case HOST_REFUSAL_PORT_BIND:
		return xstrdup("port out of range: dockerd fails at bind");
	case HOST_REFUSAL_V20_BRACKET_NO_PORT:
		return xstrdup("Invalid bind address format (dockerd 20.10: a bracketed address "
			       "needs a port)");
	case HOST_REFUSAL_V20_PATH:
		return xstrdup("path in tcp address: dockerd 20.10 keeps it and fails at bind "
			       "(unknown port)");
	case HOST_REFUSAL_V20_UNBRACKETED:
		return xasprintf("dockerd 20.10 reads the unbracketed host \"%s\" with port 2375 and "
				 "cannot listen on it",
				 r);
	case HOST_REFUSAL_V23_PATH:
		return xstrdup("path in tcp address: dockerd 23+ refuses it");
	case HOST_REFUSAL_V23_PORT_ZERO:
		return xstrdup("port 0: dockerd 23+ refuses it");
	}
	return xstrdup("");
}

/* unicode.IsSpace, the set strings.TrimSpace removes (Go unicode tables). */
static bool unicode_is_space(uint32_t c)
{
	switch (c) {
	case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
	case 0x85: case 0xa0: case 0x1680: case 0x2028: case 0x2029: case 0x202f:
	case 0x205f: case 0x3000:
		return true;
	default:
		return c >= 0x2000 && c <= 0x200a;
	}
}

/* Length of the whitespace rune at the start of s, 0 if none. */
static size_t space_at(const unsigned char *s, size_t n)
{
	uint32_t cp;
	if (n == 0)
		return 0;
	if (s[0] < 0x80)
		return unicode_is_space(s[0]) ? 1 : 0;
	/* An invalid sequence is RuneError to Go, not a space. */
	size_t l = text_utf8_decode((const char *)s, n, &cp);
	return l && unicode_is_space(cp) ? l : 0;
}

/* Length of the whitespace rune that ends s[0..n), 0 if none. */
static size_t space_before(const unsigned char *s, size_t n)
{
	for (size_t l = 1; l <= 3 && l <= n; l++) {
		size_t got = space_at(s + n - l, l);
		if (got == l)
			return l;
	}
	return 0;
}

/* Go's validOptionalPort: "" or ":" followed by digits only. */
static bool valid_optional_port(const char *p, size_t n)
{
	if (n == 0)
		return true;
	if (p[0] != ':')
		return false;
	for (size_t i = 1; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

/* Characters net/url allows unescaped in a host (shouldEscape, encodeHost):
 * RFC 3986 unreserved and sub-delims, plus ':' '[' ']' '<' '>' '"'. */
static bool host_char_ok(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	return c >= 0x80 || strchr("-_.~!$&'()*+,;=:[]<>\"", c) != NULL;
}

/* net/url unescape(s, encodeHost/encodeZone): validate and percent-decode.
 * In a host an escape may only encode a byte >= 0x80, except "%25" ('%'),
 * which is how an IPv6 zone is introduced. Returns a new string or NULL. */
static char *host_unescape(const char *s, size_t n, enum host_refusal *why)
{
	char *out = xmalloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			int hi = i + 2 < n ? text_hex_digit(s[i + 1]) : -1;
			int lo = i + 2 < n ? text_hex_digit(s[i + 2]) : -1;
			if (hi < 0 || lo < 0) {
				*why = HOST_REFUSAL_ESCAPE;
				free(out);
				return NULL;
			}
			if (hi < 8 && !(hi == 2 && lo == 5)) {
				*why = HOST_REFUSAL_ESCAPE_IN_HOST;
				free(out);
				return NULL;
			}
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
			continue;
		}
		if (!host_char_ok(c)) {
			*why = HOST_REFUSAL_HOST_CHAR;
			free(out);
			return NULL;
		}
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return out;
}

/* net/url's userinfo check (validUserinfo). */
static bool userinfo_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			continue;
		if (!strchr("-._:~!$&'()*+,;=%@", c))
			return false;
	}
	return true;
}

/* Parse the part after "tcp://" the way net/url parses "tcp://" + rest and
 * then fill h as ParseTCPAddr (v23+) does. raw/rawlen is the whole value for
 * HOST_INVALID. */
static void parse_tcp(struct host_spec *h, const char *rest, const char *raw, size_t rawlen,
		     enum dockerd_rules rules)
{
	size_t n = strlen(rest);
	enum host_refusal why = HOST_REFUSAL_NONE;

	/* url.Parse refuses ASCII control characters anywhere in the URL. */
	for (size_t i = 0; i < n; i++) {
		if (text_is_control(rest[i])) {
			set_invalid(h, raw, rawlen, HOST_REFUSAL_CONTROL_CHAR, NULL, 0);
			return;
		}
	}

	/* Fragment ('#') first, then query ('?'): both are dropped by dockerd. */
	bool dropped = false;
	const char *hash = memchr(rest, '#', n);
	if (hash) {
		n = (size_t)(hash - rest);
		dropped = true;
	}
	const char *q = memchr(rest, '?', n);
	if (q) {
		n = (size_t)(q - rest);
		dropped = true;
	}

	/* Authority ends at the first '/'; anything from there is the path. */
	const char *slash = memchr(rest, '/', n);
	size_t alen = slash ? (size_t)(slash - rest) : n;
	bool has_path = slash != NULL;

	/* Userinfo runs up to the last '@' of the authority. */
	const char *auth = rest;
	for (size_t i = alen; i > 0; i--) {
		if (rest[i - 1] == '@') {
			if (!userinfo_ok(rest, i - 1)) {
				set_invalid(h, raw, rawlen, HOST_REFUSAL_USERINFO, NULL, 0);
				return;
			}
			auth = rest + i;
			alen -= i;
			dropped = true;
			break;
		}
	}

	/* net/url parseHost: check the ":port" suffix before unescaping. */
	bool bracket_no_port = false;
	if (alen > 0 && auth[0] == '[') {
		const char *close = NULL;
		for (size_t i = alen; i > 0; i--)
			if (auth[i - 1] == ']') {
				close = auth + i - 1;
				break;
			}
		if (!close) {
			set_invalid(h, raw, rawlen, HOST_REFUSAL_MISSING_BRACKET, NULL, 0);
			return;
		}
		size_t after = alen - (size_t)(close - auth) - 1;
		bracket_no_port = after == 0;
		if (!valid_optional_port(close + 1, after)) {
			set_invalid(h, raw, rawlen, HOST_REFUSAL_PORT_SUFFIX, close + 1, after);
			return;
		}
	} else {
		for (size_t i = alen; i > 0; i--)
			if (auth[i - 1] == ':') {
				if (!valid_optional_port(auth + i - 1, alen - i + 1)) {
					set_invalid(h, raw, rawlen, HOST_REFUSAL_PORT_SUFFIX, auth + i - 1,
						    alen - i + 1);
					return;
				}
				break;
			}
	}
	_cleanup_free_ char *host = host_unescape(auth, alen, &why);
	if (!host) {
		set_invalid(h, raw, rawlen, why, NULL, 0);
		return;
	}

	/* URL.Hostname() / URL.Port(): split at the last ':' when what follows
	 * is a valid optional port, then strip one pair of brackets. */
	size_t hlen = strlen(host);
	_cleanup_free_ char *whole_host = xstrdup(host);
	const char *port_str = "";
	char *colon = strrchr(host, ':');
	if (colon && valid_optional_port(colon, hlen - (size_t)(colon - host))) {
		*colon = '\0';
		port_str = colon + 1;
		hlen = (size_t)(colon - host);
	}
	bool bracketed = false;
	char *name = host;
	if (hlen >= 2 && host[0] == '[' && host[hlen - 1] == ']') {
		host[hlen - 1] = '\0';
		name = host + 1;
		bracketed = true;
	}
	bool ambiguous = !bracketed && strchr(name, ':') != NULL;

	/* Port: v23+ refuses a non-number (strconv.Atoi) and 0. */
	unsigned long port = 2375;
	bool port_zero = false, port_out_of_range = false;
	if (*port_str) {
		unsigned long v;
		int r = parse_uint(port_str, 0, UINT32_MAX, &v);
		if (r < 0) {
			/* Beyond any int: v23+ refuses it (Atoi range error), v20.10
			 * keeps it and fails at bind. No version listens. */
			set_invalid(h, raw, rawlen,
				    r == -ERANGE ? HOST_REFUSAL_PORT_RANGE : HOST_REFUSAL_PORT_NOT_NUMBER,
				    port_str, strlen(port_str));
			return;
		}
		port = v;
		port_zero = v == 0;
		port_out_of_range = v > 65535;
	}

	/* Unbracketed IPv6 ("tcp://::1"): v23+ splits at the last ':' (URL.Port),
	 * v20.10-v22 fail net.SplitHostPort ("too many colons") and append the
	 * default port to the whole host. Report the reading under which a
	 * listener can exist: v23+'s when its host is an IPv6 address, else
	 * v20.10's when the whole host is one. */
	const char *v23_port = *port_str ? port_str : "2375";
	bool use_old = false;
	if (ambiguous) {
		struct in6_addr a6;
		use_old = inet_pton(AF_INET6, name, &a6) != 1 &&
			  inet_pton(AF_INET6, whole_host, &a6) == 1;
	}

	/* A known version's reading (docs/dockerd-versions.md), checked against
	 * the real dockerd 20.10.24 by the differential test. v20.10's
	 * ParseTCPAddr (opts/hosts.go) runs net.SplitHostPort on the URL's host
	 * and, when that fails, once more with ":2375" appended (JoinHostPort):
	 * "[::1]" fails both ("Invalid bind address format"), "::1" becomes
	 * "[::1]:2375"; the path is kept and fails at bind ("unknown port"). */
	enum host_refusal refusal = HOST_REFUSAL_NONE;
	if (rules == DOCKERD_RULES_V20) {
		if (bracket_no_port)
			refusal = HOST_REFUSAL_V20_BRACKET_NO_PORT;
		else if (has_path)
			refusal = HOST_REFUSAL_V20_PATH;
		else if (port_out_of_range && !ambiguous)
			refusal = HOST_REFUSAL_PORT_BIND;
		else if (ambiguous && !use_old)
			refusal = HOST_REFUSAL_V20_UNBRACKETED;
	} else if (rules == DOCKERD_RULES_V23 || rules == DOCKERD_RULES_V29) {
		/* v23+ ParseTCPAddr (daemon/pkg/opts/hosts.go): url.Parse,
		 * then refuse a path, port 0 and a non-number port. */
		if (has_path)
			refusal = HOST_REFUSAL_V23_PATH;
		else if (port_zero)
			refusal = HOST_REFUSAL_V23_PORT_ZERO;
		else if (port_out_of_range)
			refusal = HOST_REFUSAL_PORT_BIND;
		use_old = false;
	}
	if (refusal != HOST_REFUSAL_NONE) {
		set_invalid(h, raw, rawlen, refusal, refusal == HOST_REFUSAL_V20_UNBRACKETED ? whole_host : NULL,
			    strlen(whole_host));
		return;
	}

	free(h->address);
	if (use_old) {
		h->address = xstrdup(whole_host);
		port = 2375;
		port_zero = port_out_of_range = false;
	} else {
		h->address = xstrdup(*name ? name : "localhost");
	}
	h->port = (unsigned)port;
	h->kind = HOST_TCP;
	free(h->normalized);
	h->normalized = strchr(h->address, ':')
		? xasprintf("tcp://[%s]:%u", h->address, h->port)
		: xasprintf("tcp://%s:%u", h->address, h->port);

	if (rules != DOCKERD_RULES_UNKNOWN) {
		if (port_zero)
			note_add(h, "port 0: dockerd 20.10 listens on a random port");
		if (dropped)
			note_add(h, "userinfo, query and fragment are ignored by dockerd");
		return;
	}
	if (bracket_no_port) {
		h->may_refuse = true;
		note_add(h, "bracketed address without a port: dockerd 20.10 refuses it "
			    "(\"Invalid bind address format\"), 23+ listens on port 2375");
	}
	if (has_path) {
		h->may_refuse = true;
		note_add(h, "path in tcp address: dockerd v23+ refuses this value; v20.10-v22 keep "
			    "the path and then fail at bind (\"unknown port\")");
	}
	if (port_zero) {
		h->may_refuse = true;
		note_add(h, "port 0: dockerd v23+ refuses it; v20.10-v22 accept it and listen on a "
			    "random port");
	}
	if (port_out_of_range) {
		h->may_refuse = true;
		note_add(h, "port out of range: dockerd accepts the value but fails at bind");
	}
	if (ambiguous) {
		char *msg = xasprintf("ambiguous address: unbracketed IPv6 or extra ':'; dockerd "
				      "v23+ reads it as host \"%s\" port %s%s, v20.10-v22 as host "
				      "\"%s\" port 2375%s",
				      name, v23_port, use_old ? "" : " (used here)", whole_host,
				      use_old ? " (used here)" : "");
		h->may_refuse = true;
		note_add(h, msg);
		free(msg);
	}
	if (dropped)
		note_add(h, "userinfo, query and fragment are ignored by dockerd");
}

static void parse_unix(struct host_spec *h, const char *rest, const struct host_parse_opts *opts,
		      const char *raw, size_t rawlen)
{
	const char *p = rest;
	/* v20.10-v22 stripped one more "unix://" prefix (parseSimpleProtoAddr);
	 * v23+ refuses any further "://". */
	if (strstr(p, "://")) {
		enum dockerd_rules rules = opts ? opts->rules : DOCKERD_RULES_UNKNOWN;
		if (str_startswith(p, "unix://") && !strstr(p + strlen("unix://"), "://") &&
		    (rules == DOCKERD_RULES_UNKNOWN || rules == DOCKERD_RULES_V20)) {
			p += strlen("unix://");
			if (rules == DOCKERD_RULES_UNKNOWN) {
				h->may_refuse = true;
				note_add(h, "doubled unix:// prefix: dockerd v23+ refuses this value; "
					    "v20.10-v22 accept it");
			}
		} else {
			set_invalid(h, raw, rawlen, HOST_REFUSAL_UNIX_ADDRESS, rest, strlen(rest));
			return;
		}
	}

	if (*p == '@') {
		/* Go listens in the abstract namespace for a leading '@', then
		 * dockerd's chown of the "file" fails: "can't create unix socket
		 * @x: chown @x: no such file or directory" (dockerd 20.10.24). */
		set_invalid(h, raw, rawlen, HOST_REFUSAL_UNIX_ABSTRACT, NULL, 0);
		return;
	}

	free(h->path);
	if (*p == '\0') {
		const char *def = opts && opts->default_unix ? opts->default_unix
							      : "/var/run/docker.sock";
		h->path = xstrdup(def);
	} else if (*p == '/') {
		h->path = xstrdup(p);
	} else {
		/* A relative path is resolved by the kernel against dockerd's
		 * working directory, "/" under systemd (WorkingDirectory= unset). */
		const char *cwd = opts && opts->cwd && *opts->cwd ? opts->cwd : "/";
		size_t cl = strlen(cwd);
		h->path = cwd[cl - 1] == '/' ? xasprintf("%s%s", cwd, p)
					     : xasprintf("%s/%s", cwd, p);
		note_add(h, "relative unix socket path, resolved against dockerd's working "
			    "directory");
	}
	if (strlen(h->path) >= UNIX_PATH_MAX_LINUX) {
		h->may_refuse = true;
		note_add(h, "unix socket path longer than 107 bytes: dockerd fails at bind");
	}
	h->kind = HOST_UNIX;
	free(h->normalized);
	h->normalized = xasprintf("unix://%s", h->path);
}

bool host_spec_is_blank(const char *value)
{
	if (!value)
		return true;
	const unsigned char *s = (const unsigned char *)value;
	size_t n = strnlen(value, HOST_VALUE_MAX + 1), i = 0, l;
	if (n > HOST_VALUE_MAX)
		return false;
	while ((l = space_at(s + i, n - i)) > 0)
		i += l;
	return i == n;
}

void host_spec_parse(struct host_spec *out, const char *value, const struct host_parse_opts *opts)
{
	memset(out, 0, sizeof(*out));
	if (!value)
		value = "";

	size_t len = strnlen(value, HOST_VALUE_MAX + 1);
	if (len > HOST_VALUE_MAX) {
		set_invalid(out, value, HOST_VALUE_MAX, HOST_REFUSAL_TOO_LONG, NULL, 0);
		return;
	}

	/* v28 and older: ParseHost trims (strings.TrimSpace). HEAD (29.x) trims
	 * only for validation and parses the untrimmed value, so it refuses to
	 * start (daemon/command/daemon.go normalizeHosts). */
	const unsigned char *s = (const unsigned char *)value;
	size_t start = 0, end = len, l;
	while ((l = space_at(s + start, end - start)) > 0)
		start += l;
	while (end > start && (l = space_before(s + start, end - start)) > 0)
		end -= l;
	bool trimmed = start != 0 || end != len;

	if (start == end) {
		/* dockerd maps an empty entry to its default host; that depends on
		 * TLS and rootless mode, so the caller (the merge) decides. */
		set_invalid(out, value, len, HOST_REFUSAL_EMPTY, NULL, 0);
		return;
	}

	_cleanup_free_ char *v = xstrndup(value + start, end - start);
	enum dockerd_rules rules = opts ? opts->rules : DOCKERD_RULES_UNKNOWN;
	if (trimmed && rules == DOCKERD_RULES_V29) {
		set_invalid(out, value, len, HOST_REFUSAL_WHITESPACE_V29, NULL, 0);
		return;
	}
	if (trimmed && rules == DOCKERD_RULES_UNKNOWN) {
		out->may_refuse = true;
		note_add(out, "dockerd 29+ refuses surrounding whitespace (v28 and older trim it)");
	}

	/* Split at the first "://"; without one the whole value is TCP.
	 * The scheme match is case-sensitive ("TCP://" is refused). */
	char *sep = strstr(v, "://");
	if (!sep) {
		parse_tcp(out, v, value, len, rules);
		return;
	}

	size_t slen = (size_t)(sep - v);
	const char *rest = sep + 3;
	if (slen == 3 && !memcmp(v, "tcp", 3))
		parse_tcp(out, rest, value, len, rules);
	else if (slen == 4 && !memcmp(v, "unix", 4))
		parse_unix(out, rest, opts, value, len);
	else if (slen == 2 && !memcmp(v, "fd", 2)) {
		/* Kept verbatim; socket activation resolves it (docs/dockerd-listeners.md §4). */
		out->kind = HOST_FD;
		out->fd = xstrdup(v);
		out->normalized = xstrdup(v);
	} else if (slen == 5 && !memcmp(v, "npipe", 5))
		set_invalid(out, value, len, HOST_REFUSAL_NPIPE, NULL, 0);
	else
		set_invalid(out, value, len, HOST_REFUSAL_PROTO, v, slen);
}
