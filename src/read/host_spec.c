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
	free(h->error);
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

static int set_invalid(struct host_spec *h, const char *raw, size_t rawlen, char *error)
{
	free(h->address);
	free(h->path);
	free(h->fd);
	free(h->normalized);
	h->address = h->path = h->fd = NULL;
	h->port = 0;
	h->kind = HOST_INVALID;
	h->normalized = xstrndup(raw, rawlen);
	free(h->error);
	h->error = error;
	return -EINVAL;
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
static char *host_unescape(const char *s, size_t n, const char **why)
{
	char *out = xmalloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			int hi = i + 2 < n ? text_hex_digit(s[i + 1]) : -1;
			int lo = i + 2 < n ? text_hex_digit(s[i + 2]) : -1;
			if (hi < 0 || lo < 0) {
				*why = "invalid URL escape";
				free(out);
				return NULL;
			}
			if (hi < 8 && !(hi == 2 && lo == 5)) {
				*why = "invalid URL escape in host";
				free(out);
				return NULL;
			}
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
			continue;
		}
		if (!host_char_ok(c)) {
			*why = "invalid character in host name";
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
static int parse_tcp(struct host_spec *h, const char *rest, const char *raw, size_t rawlen,
		     enum dockerd_rules rules)
{
	size_t n = strlen(rest);
	const char *why = NULL;

	/* url.Parse refuses ASCII control characters anywhere in the URL. */
	for (size_t i = 0; i < n; i++) {
		if (text_is_control(rest[i]))
			return set_invalid(h, raw, rawlen,
					   xstrdup("invalid control character in tcp address"));
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
			if (!userinfo_ok(rest, i - 1))
				return set_invalid(h, raw, rawlen, xstrdup("invalid userinfo"));
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
		if (!close)
			return set_invalid(h, raw, rawlen, xstrdup("missing ']' in host"));
		size_t after = alen - (size_t)(close - auth) - 1;
		bracket_no_port = after == 0;
		if (!valid_optional_port(close + 1, after))
			return set_invalid(h, raw, rawlen,
					   xasprintf("invalid port \"%.*s\" after host", (int)after,
						     close + 1));
	} else {
		for (size_t i = alen; i > 0; i--)
			if (auth[i - 1] == ':') {
				if (!valid_optional_port(auth + i - 1, alen - i + 1))
					return set_invalid(h, raw, rawlen,
							   xasprintf("invalid port \"%.*s\" after host",
								     (int)(alen - i + 1), auth + i - 1));
				break;
			}
	}
	_cleanup_free_ char *host = host_unescape(auth, alen, &why);
	if (!host)
		return set_invalid(h, raw, rawlen, xstrdup(why));

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
		if (r == -ERANGE)
			/* Beyond any int: v23+ refuses it (Atoi range error), v20.10
			 * keeps it and fails at bind. No version listens. */
			return set_invalid(h, raw, rawlen,
					   xasprintf("invalid port: %s (out of range)", port_str));
		if (r < 0)
			return set_invalid(h, raw, rawlen, xasprintf("invalid port: %s", port_str));
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
	if (rules == DOCKERD_RULES_V20) {
		if (bracket_no_port)
			return set_invalid(h, raw, rawlen,
					   xstrdup("Invalid bind address format (dockerd 20.10: a "
						   "bracketed address needs a port)"));
		if (has_path)
			return set_invalid(h, raw, rawlen,
					   xstrdup("path in tcp address: dockerd 20.10 keeps it and "
						   "fails at bind (unknown port)"));
		if (port_out_of_range && !ambiguous)
			return set_invalid(h, raw, rawlen,
					   xstrdup("port out of range: dockerd fails at bind"));
		if (ambiguous && !use_old)
			return set_invalid(h, raw, rawlen,
					   xasprintf("dockerd 20.10 reads the unbracketed host \"%s\" "
						     "with port 2375 and cannot listen on it",
						     whole_host));
	} else if (rules == DOCKERD_RULES_V23 || rules == DOCKERD_RULES_V29) {
		/* v23+ ParseTCPAddr (daemon/pkg/opts/hosts.go): url.Parse,
		 * then refuse a path, port 0 and a non-number port. */
		if (has_path)
			return set_invalid(h, raw, rawlen,
					   xstrdup("path in tcp address: dockerd 23+ refuses it"));
		if (port_zero)
			return set_invalid(h, raw, rawlen, xstrdup("port 0: dockerd 23+ refuses it"));
		if (port_out_of_range)
			return set_invalid(h, raw, rawlen,
					   xstrdup("port out of range: dockerd fails at bind"));
		use_old = false;
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
		return 0;
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
	return 0;
}

static int parse_unix(struct host_spec *h, const char *rest, const struct host_parse_opts *opts,
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
			return set_invalid(h, raw, rawlen,
					   xasprintf("invalid unix address: %s", rest));
		}
	}

	if (*p == '@')
		/* Go listens in the abstract namespace for a leading '@', then
		 * dockerd's chown of the "file" fails: "can't create unix socket
		 * @x: chown @x: no such file or directory" (dockerd 20.10.24). */
		return set_invalid(h, raw, rawlen,
				   xstrdup("abstract unix socket name: dockerd fails to chown it "
					   "and refuses to start"));

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
	return 0;
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

int host_spec_parse(struct host_spec *out, const char *value, const struct host_parse_opts *opts)
{
	memset(out, 0, sizeof(*out));
	if (!value)
		value = "";

	size_t len = strnlen(value, HOST_VALUE_MAX + 1);
	if (len > HOST_VALUE_MAX)
		return set_invalid(out, value, HOST_VALUE_MAX,
				   xasprintf("host value longer than %d bytes", HOST_VALUE_MAX));

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

	if (start == end)
		/* dockerd maps an empty entry to its default host; that depends on
		 * TLS and rootless mode, so the caller (the merge) decides. */
		return set_invalid(out, value, len, xstrdup("empty host"));

	_cleanup_free_ char *v = xstrndup(value + start, end - start);
	enum dockerd_rules rules = opts ? opts->rules : DOCKERD_RULES_UNKNOWN;
	if (trimmed && rules == DOCKERD_RULES_V29)
		return set_invalid(out, value, len,
				   xstrdup("surrounding whitespace: dockerd 29 refuses it"));
	if (trimmed && rules == DOCKERD_RULES_UNKNOWN) {
		out->may_refuse = true;
		note_add(out, "dockerd 29+ refuses surrounding whitespace (v28 and older trim it)");
	}

	/* Split at the first "://"; without one the whole value is TCP.
	 * The scheme match is case-sensitive ("TCP://" is refused). */
	char *sep = strstr(v, "://");
	if (!sep)
		return parse_tcp(out, v, value, len, opts ? opts->rules : DOCKERD_RULES_UNKNOWN);

	size_t slen = (size_t)(sep - v);
	const char *rest = sep + 3;
	if (slen == 3 && !memcmp(v, "tcp", 3))
		return parse_tcp(out, rest, value, len, opts ? opts->rules : DOCKERD_RULES_UNKNOWN);
	if (slen == 4 && !memcmp(v, "unix", 4))
		return parse_unix(out, rest, opts, value, len);
	if (slen == 2 && !memcmp(v, "fd", 2)) {
		/* Kept verbatim; socket activation resolves it (docs/dockerd-listeners.md §4). */
		out->kind = HOST_FD;
		out->fd = xstrdup(v);
		out->normalized = xstrdup(v);
		return 0;
	}
	if (slen == 5 && !memcmp(v, "npipe", 5))
		return set_invalid(out, value, len, xstrdup("npipe is Windows only"));
	return set_invalid(out, value, len, xasprintf("unsupported proto '%.*s'", (int)slen, v));
}
