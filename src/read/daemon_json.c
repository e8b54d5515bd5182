/* daemon.json, read the way dockerd reads it.
 *
 * What dockerd does with the file (moby daemon/config/config.go,
 * getConflictFreeConfiguration / configValuesSet / findConfigurationConflicts,
 * v20.10 .. 29):
 *   - os.ReadFile; a missing default file is no file, a missing file named by
 *     --config-file, or any other read error, stops dockerd
 *     (cmd/dockerd/daemon.go loadDaemonCliConfig).
 *   - v23+: a UTF-8 or UTF-16 byte order mark selects the encoding, the text
 *     must be valid UTF-8, surrounding white space is trimmed and an empty
 *     file is "{}" (v22.06+). v20.10 used json.NewDecoder: an empty file is an
 *     EOF error, a BOM is an invalid character, and text after the first JSON
 *     value is ignored.
 *   - The file is decoded into a map; object values of keys that are not
 *     "flat options" are replaced by their members (configValuesSet), and
 *     every resulting key must be a dockerd flag name, the name of a named
 *     option ("hosts" for -H, "labels" for --label, ...) or one of a few
 *     skipped keys; anything else is "the following directives don't match
 *     any configuration option" and dockerd exits.
 *   - The same map is used for the flag/file conflict check: a key that is
 *     present at all (even [] or null) conflicts with its flag.
 *   - Then the file is decoded into the Config struct: a value of the wrong
 *     JSON type for its field is an error and dockerd exits; a JSON null
 *     leaves the field unset; duplicate keys: the last one wins.
 *
 * json-c is more lenient than Go's encoding/json even in strict mode (it
 * accepts single-quoted strings, raw control characters in strings, NaN,
 * \v and \f as white space), so the syntax is checked here by a small
 * position-aware scanner with Go's grammar, which also gives each key and
 * each "hosts" entry its line number (json-c keeps no positions). json-c then
 * decodes each top-level value, one occurrence at a time, so duplicate keys
 * are all seen. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <json-c/json.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/daemon_json.h"
#include "base/text.h"
#include "base/alloc.h"
#include "base/evidence.h"
#include "base/problems.h"
/* Nesting accepted before the file is reported as unreadable. Go accepts
 * 10000 levels; real daemon.json files use 3. */
#define DAEMON_JSON_MAX_DEPTH 64
/* "hosts" entries read; more are reported. */
#define DAEMON_JSON_MAX_HOSTS 1024
/* Longest evidence text (a trimmed source line). */
#define DAEMON_JSON_MAX_TEXT 512

/* Every top-level key some dockerd from v20.10 to 29 (Linux) accepts: the
 * union of its flag names (cmd/dockerd/config*.go, options.go, docker.go;
 * daemon/command/ from 29), the names of its named options (opts.NamedOption:
 * "hosts", "labels", "log-opts", ...), and skipValidateOptions. Collected
 * from the tags v20.10.0, v20.10.27, v23.0.0, v23.0.18, v24.0.0, v24.0.9,
 * v25.0.0, v25.0.17, v26.0.0, v26.1.5, v27.0.1, v27.5.1, v28.0.0, v28.5.2,
 * the docker-29.x branch and master. A key only some versions know is
 * accepted: an older or newer engine must not be reported as refusing.
 * "help" is cobra's flag, added to the same flag set. Sorted for bsearch. */
static const char *const known_keys[] = {
	"add-runtime",
	"allow-direct-routing",
	"allow-nondistributable-artifacts",
	"api-cors-header",
	"authorization-plugin",
	"authorization-plugins",
	"bip",
	"bip6",
	"bridge",
	"bridge-accept-fwmark",
	"builder",
	"cdi-spec-dir",
	"cdi-spec-dirs",
	"cgroup-parent",
	"cluster-advertise",
	"cluster-store",
	"cluster-store-opt",
	"cluster-store-opts",
	"config-file",
	"containerd",
	"containerd-namespace",
	"containerd-plugins-namespace",
	"cpu-rt-period",
	"cpu-rt-runtime",
	"cri-containerd",
	"data-root",
	"debug",
	"default-address-pool",
	"default-address-pools",
	"default-cgroupns-mode",
	"default-gateway",
	"default-gateway-v6",
	"default-ipc-mode",
	"default-network-opt",
	"default-network-opts",
	"default-runtime",
	"default-shm-size",
	"default-stop-timeout",
	"default-ulimit",
	"default-ulimits",
	"deprecated-key-path",
	"dns",
	"dns-opt",
	"dns-opts",
	"dns-search",
	"exec-opt",
	"exec-opts",
	"exec-root",
	"experimental",
	"feature",
	"features",
	"firewall-backend",
	"fixed-cidr",
	"fixed-cidr-v6",
	"graph",
	"group",
	"help",
	"host",
	"host-gateway-ip",
	"host-gateway-ips",
	"hosts",
	"http-proxy",
	"https-proxy",
	"icc",
	"identity",
	"init",
	"init-path",
	"insecure-registries",
	"insecure-registry",
	"ip",
	"ip-forward",
	"ip-forward-no-drop",
	"ip-masq",
	"ip6tables",
	"iptables",
	"ipv6",
	"label",
	"labels",
	"live-restore",
	"log-driver",
	"log-format",
	"log-level",
	"log-opt",
	"log-opts",
	"max-concurrent-downloads",
	"max-concurrent-uploads",
	"max-download-attempts",
	"metrics-addr",
	"min-api-version",
	"mtu",
	"network-control-plane-mtu",
	"network-diagnostic-port",
	"no-new-privileges",
	"no-proxy",
	"node-generic-resource",
	"node-generic-resources",
	"nri-opts",
	"oom-score-adjust",
	"pidfile",
	"raw-logs",
	"registry-mirror",
	"registry-mirrors",
	"restart",
	"rootless",
	"runtimes",
	"seccomp-profile",
	"selinux-enabled",
	"shutdown-timeout",
	"storage-driver",
	"storage-opt",
	"storage-opts",
	"swarm-default-advertise-addr",
	"tls",
	"tlscacert",
	"tlscert",
	"tlskey",
	"tlsverify",
	"userland-proxy",
	"userland-proxy-path",
	"userns-remap",
	"validate",
	"version",
};

/* Keys whose object value is kept whole (moby flatOptions, union over the
 * versions); the object value of any other key is replaced by its members. */
static const char *const flat_keys[] = {
	"builder",       "cluster-store-opts", "default-network-opts", "default-ulimits",
	"features",      "log-opts",           "nri-opts",             "runtimes",
};

static int cmp_key(const void *a, const void *b)
{
	return strcmp((const char *)a, *(const char *const *)b);
}

static bool key_in(const char *key, const char *const *table, size_t n)
{
	return bsearch(key, table, n, sizeof(*table), cmp_key) != NULL;
}

bool daemon_json_key_is_known(const char *key)
{
	return key && key_in(key, known_keys, sizeof(known_keys) / sizeof(*known_keys));
}

/* ------------------------------------------------------------ lines */

struct text_lines {
	const char *buf;
	size_t len;
	size_t *starts; /* offset of the first byte of each line */
	size_t count;
};

static void text_lines_init(struct text_lines *t, const char *buf, size_t len)
{
	size_t cap = 0;
	t->buf = buf;
	t->len = len;
	t->starts = NULL;
	t->count = 0;
	grow_array(&t->starts, &cap, 1, sizeof(*t->starts));
	t->starts[t->count++] = 0;
	for (size_t i = 0; i < len; i++)
		if (buf[i] == '\n') {
			grow_array(&t->starts, &cap, t->count + 1, sizeof(*t->starts));
			t->starts[t->count++] = i + 1;
		}
}

static void text_lines_clear(struct text_lines *t)
{
	free(t->starts);
	t->starts = NULL;
	t->count = 0;
}

/* 1-based line of a byte offset. */
static unsigned line_of(const struct text_lines *t, size_t off)
{
	size_t lo = 0, hi = t->count; /* starts[lo] <= off < starts[hi] */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo + 1 > UINT32_MAX ? UINT32_MAX : (unsigned)(lo + 1);
}

/* The line, without surrounding white space, at most DAEMON_JSON_MAX_TEXT
 * bytes (cut at a UTF-8 character boundary). */
static char *line_text(const struct text_lines *t, unsigned line)
{
	if (line == 0 || line > t->count)
		return xstrdup("");
	size_t b = t->starts[line - 1];
	size_t e = line < t->count ? t->starts[line] : t->len;
	while (b < e && strchr(" \t\r\n\v\f", t->buf[b]) && t->buf[b])
		b++;
	while (e > b && strchr(" \t\r\n\v\f", t->buf[e - 1]) && t->buf[e - 1])
		e--;
	e = b + text_utf8_cut(t->buf + b, e - b, DAEMON_JSON_MAX_TEXT);
	/* Not xstrndup(): it stops at a NUL and allocates less than e - b,
	 * and the loop below writes every byte (heap overflow found by
	 * fuzz/fuzz-daemon-json.c). */
	char *s = xmalloc(e - b + 1);
	memcpy(s, t->buf + b, e - b);
	s[e - b] = '\0';
	/* A NUL inside the line would cut the text short: show it as '?'. */
	for (size_t i = 0; i < e - b; i++)
		if (!t->buf[b + i])
			s[i] = '?';
	return s;
}

static void where_set(struct dl_evidence *e, const struct text_lines *t, const char *path,
		      size_t off)
{
	unsigned line = line_of(t, off);
	_cleanup_free_ char *text = line_text(t, line);
	evidence_clear(e);
	evidence_set(e, SRC_DAEMON_JSON, path, line, text);
}

/* ------------------------------------------------------------ encoding */

/* UTF-16 (after the BOM) to UTF-8; unpaired surrogates and an odd trailing
 * byte become U+FFFD, as Go's x/text UTF-16 decoder does. */
static char *utf16_to_utf8(const unsigned char *in, size_t len, bool big_endian, size_t *outlen)
{
	char *out = xmalloc(len / 2 * 3 + 4);
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		if (i + 1 >= len) {
			o += text_utf8_encode(out + o, 0xFFFD);
			break;
		}
		uint32_t u = big_endian ? (uint32_t)(in[i] << 8 | in[i + 1])
					: (uint32_t)(in[i + 1] << 8 | in[i]);
		i += 2;
		if (u >= 0xD800 && u < 0xDC00 && i + 1 < len) {
			uint32_t l = big_endian ? (uint32_t)(in[i] << 8 | in[i + 1])
						: (uint32_t)(in[i + 1] << 8 | in[i]);
			if (l >= 0xDC00 && l < 0xE000) {
				i += 2;
				o += text_utf8_encode(out + o,
						      0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00));
				continue;
			}
		}
		if (u >= 0xD800 && u < 0xE000)
			u = 0xFFFD;
		o += text_utf8_encode(out + o, u);
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

/* ------------------------------------------------------------ scanner */

/* One top-level member, in file order (duplicates included). */
struct json_member {
	size_t key_start, key_end;     /* the quoted key token */
	size_t value_start, value_end; /* the value token(s) */
};

/* Why the bytes are not JSON (Go's encoding/json scanner refuses the
 * same inputs, scanner.go): a typed reason, turned into the problem by
 * daemon_json_parse(); json_scan_error_text() gives the message. */
enum json_scan_error {
	JSON_OK = 0,
	JSON_CONTROL_IN_STRING,
	JSON_BAD_U_ESCAPE,
	JSON_BAD_ESCAPE,
	JSON_UNTERMINATED_STRING,
	JSON_BAD_NUMBER,
	JSON_BAD_LITERAL,
	JSON_EOF_IN_OBJECT,
	JSON_EXPECTED_KEY,
	JSON_EXPECTED_COLON,
	JSON_EXPECTED_OBJECT_END,
	JSON_EOF_IN_ARRAY,
	JSON_EXPECTED_ARRAY_END,
	JSON_EOF_EXPECTED_VALUE,
	JSON_TOO_DEEP,
	JSON_EXPECTED_VALUE,
};

static const char *json_scan_error_text(enum json_scan_error e)
{
	static const char *const text[] = {
		[JSON_OK] = "",
		[JSON_CONTROL_IN_STRING] = "control character inside a string",
		[JSON_BAD_U_ESCAPE] = "invalid \\u escape in a string",
		[JSON_BAD_ESCAPE] = "invalid escape in a string",
		[JSON_UNTERMINATED_STRING] = "unterminated string",
		[JSON_BAD_NUMBER] = "invalid number",
		[JSON_BAD_LITERAL] = "invalid literal (expected true, false or null)",
		[JSON_EOF_IN_OBJECT] = "unexpected end of file inside an object",
		[JSON_EXPECTED_KEY] = "expected a double-quoted key",
		[JSON_EXPECTED_COLON] = "expected ':' after an object key",
		[JSON_EXPECTED_OBJECT_END] = "expected ',' or '}' in an object",
		[JSON_EOF_IN_ARRAY] = "unexpected end of file inside an array",
		[JSON_EXPECTED_ARRAY_END] = "expected ',' or ']' in an array",
		[JSON_EOF_EXPECTED_VALUE] = "unexpected end of file, expected a value",
		[JSON_TOO_DEEP] = "nested deeper than 64 levels",
		[JSON_EXPECTED_VALUE] = "invalid character, expected a value",
	};
	return (size_t)e < sizeof(text) / sizeof(text[0]) && text[e] ? text[e] : "invalid JSON";
}

struct json_scan {
	const char *buf;
	size_t len;
	size_t pos;
	enum json_scan_error error; /* JSON_OK when fine */
	size_t error_pos;
	struct json_member *members; /* filled for the top-level object only */
	size_t nmembers, cap;
};

static int scan_fail(struct json_scan *s, size_t pos, enum json_scan_error why)
{
	if (s->error == JSON_OK) {
		s->error = why;
		s->error_pos = pos;
	}
	return -EINVAL;
}

/* JSON white space is exactly these four (RFC 8259; Go's scanner agrees). */
static bool is_json_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void scan_space(struct json_scan *s)
{
	while (s->pos < s->len && is_json_space(s->buf[s->pos]))
		s->pos++;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int scan_string(struct json_scan *s)
{
	size_t start = s->pos++; /* opening quote */
	while (s->pos < s->len) {
		unsigned char c = (unsigned char)s->buf[s->pos];
		if (c == '"') {
			s->pos++;
			return 0;
		}
		if (c < 0x20)
			return scan_fail(s, s->pos, JSON_CONTROL_IN_STRING);
		if (c == '\\') {
			if (s->pos + 1 >= s->len)
				break;
			char e = s->buf[s->pos + 1];
			if (e == 'u') {
				for (size_t k = 2; k < 6; k++)
					if (s->pos + k >= s->len || text_hex_digit(s->buf[s->pos + k]) < 0)
						return scan_fail(s, s->pos, JSON_BAD_U_ESCAPE);
				s->pos += 6;
				continue;
			}
			if (!strchr("\"\\/bfnrt", e) || !e)
				return scan_fail(s, s->pos, JSON_BAD_ESCAPE);
			s->pos += 2;
			continue;
		}
		s->pos++;
	}
	return scan_fail(s, start, JSON_UNTERMINATED_STRING);
}

static int scan_number(struct json_scan *s)
{
	size_t p = s->pos;
	if (p < s->len && s->buf[p] == '-')
		p++;
	if (p >= s->len || !is_digit(s->buf[p]))
		return scan_fail(s, s->pos, JSON_BAD_NUMBER);
	if (s->buf[p] == '0')
		p++;
	else
		while (p < s->len && is_digit(s->buf[p]))
			p++;
	if (p < s->len && s->buf[p] == '.') {
		p++;
		if (p >= s->len || !is_digit(s->buf[p]))
			return scan_fail(s, p, JSON_BAD_NUMBER);
		while (p < s->len && is_digit(s->buf[p]))
			p++;
	}
	if (p < s->len && (s->buf[p] == 'e' || s->buf[p] == 'E')) {
		p++;
		if (p < s->len && (s->buf[p] == '+' || s->buf[p] == '-'))
			p++;
		if (p >= s->len || !is_digit(s->buf[p]))
			return scan_fail(s, p, JSON_BAD_NUMBER);
		while (p < s->len && is_digit(s->buf[p]))
			p++;
	}
	s->pos = p;
	return 0;
}

static int scan_literal(struct json_scan *s, const char *word)
{
	size_t n = strlen(word);
	if (s->len - s->pos < n || memcmp(s->buf + s->pos, word, n) != 0)
		return scan_fail(s, s->pos, JSON_BAD_LITERAL);
	s->pos += n;
	return 0;
}

static int scan_value(struct json_scan *s, unsigned depth);

static int scan_object(struct json_scan *s, unsigned depth)
{
	s->pos++; /* { */
	scan_space(s);
	if (s->pos < s->len && s->buf[s->pos] == '}') {
		s->pos++;
		return 0;
	}
	for (;;) {
		scan_space(s);
		if (s->pos >= s->len)
			return scan_fail(s, s->pos, JSON_EOF_IN_OBJECT);
		if (s->buf[s->pos] != '"')
			return scan_fail(s, s->pos, JSON_EXPECTED_KEY);
		struct json_member m = { .key_start = s->pos };
		if (scan_string(s) < 0)
			return -EINVAL;
		m.key_end = s->pos;
		scan_space(s);
		if (s->pos >= s->len || s->buf[s->pos] != ':')
			return scan_fail(s, s->pos, JSON_EXPECTED_COLON);
		s->pos++;
		scan_space(s);
		m.value_start = s->pos;
		if (scan_value(s, depth + 1) < 0)
			return -EINVAL;
		m.value_end = s->pos;
		if (depth == 1) {
			grow_array(&s->members, &s->cap, s->nmembers + 1, sizeof(*s->members));
			s->members[s->nmembers++] = m;
		}
		scan_space(s);
		if (s->pos >= s->len)
			return scan_fail(s, s->pos, JSON_EOF_IN_OBJECT);
		if (s->buf[s->pos] == '}') {
			s->pos++;
			return 0;
		}
		if (s->buf[s->pos] != ',')
			return scan_fail(s, s->pos, JSON_EXPECTED_OBJECT_END);
		s->pos++;
	}
}

static int scan_array(struct json_scan *s, unsigned depth)
{
	s->pos++; /* [ */
	scan_space(s);
	if (s->pos < s->len && s->buf[s->pos] == ']') {
		s->pos++;
		return 0;
	}
	for (;;) {
		scan_space(s);
		if (scan_value(s, depth + 1) < 0)
			return -EINVAL;
		scan_space(s);
		if (s->pos >= s->len)
			return scan_fail(s, s->pos, JSON_EOF_IN_ARRAY);
		if (s->buf[s->pos] == ']') {
			s->pos++;
			return 0;
		}
		if (s->buf[s->pos] != ',')
			return scan_fail(s, s->pos, JSON_EXPECTED_ARRAY_END);
		s->pos++;
	}
}

/* depth: nesting level of the value (the top-level value is 1). */
static int scan_value(struct json_scan *s, unsigned depth)
{
	if (s->pos >= s->len)
		return scan_fail(s, s->pos, JSON_EOF_EXPECTED_VALUE);
	if (depth > DAEMON_JSON_MAX_DEPTH)
		return scan_fail(s, s->pos, JSON_TOO_DEEP);
	switch (s->buf[s->pos]) {
	case '{':
		return scan_object(s, depth);
	case '[':
		return scan_array(s, depth);
	case '"':
		return scan_string(s);
	case 't':
		return scan_literal(s, "true");
	case 'f':
		return scan_literal(s, "false");
	case 'n':
		return scan_literal(s, "null");
	default:
		if (s->buf[s->pos] == '-' || is_digit(s->buf[s->pos]))
			return scan_number(s);
		return scan_fail(s, s->pos, JSON_EXPECTED_VALUE);
	}
}

/* Offsets of the elements of the (already scanned, valid) array at start;
 * ends (may be NULL) gets where each element ends. */
static size_t array_elements(const char *buf, size_t start, size_t end, size_t *offs,
			     size_t *ends, size_t max, size_t *total)
{
	struct json_scan s = { .buf = buf, .len = end, .pos = start + 1 };
	size_t n = 0;
	*total = 0;
	scan_space(&s);
	if (s.pos < s.len && buf[s.pos] == ']')
		return 0;
	while (s.pos < s.len) {
		scan_space(&s);
		if (n < max)
			offs[n++] = s.pos;
		(*total)++;
		if (scan_value(&s, 2) < 0)
			break;
		if (ends && n <= max && n > 0 && *total == n)
			ends[n - 1] = s.pos;
		scan_space(&s);
		if (s.pos >= s.len || buf[s.pos] != ',')
			break;
		s.pos++;
	}
	free(s.members);
	return n;
}

/* ------------------------------------------------------------ decoding */

/* Decode one JSON value token with json-c. *out is NULL for JSON null.
 * Returns 0 or -EINVAL. */
static int decode_span(const char *buf, size_t start, size_t end, struct json_object **out)
{
	_cleanup_free_ char *copy = xstrndup(buf + start, end - start);
	struct json_tokener *tok = json_tokener_new_ex(DAEMON_JSON_MAX_DEPTH + 1);
	if (!tok)
		return -ENOMEM;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	/* Include the terminating NUL so that a bare literal or number ends. */
	struct json_object *o = json_tokener_parse_ex(tok, copy, (int)(end - start + 1));
	enum json_tokener_error err = json_tokener_get_error(tok);
	json_tokener_free(tok);
	if (err != json_tokener_success) {
		json_object_put(o);
		*out = NULL;
		return -EINVAL;
	}
	*out = o;
	return 0;
}

static const char *json_type_word(struct json_object *o)
{
	switch (json_object_get_type(o)) {
	case json_type_null:
		return "null";
	case json_type_boolean:
		return "a boolean";
	case json_type_double:
	case json_type_int:
		return "a number";
	case json_type_object:
		return "an object";
	case json_type_array:
		return "an array";
	case json_type_string:
		return "a string";
	}
	return "a value";
}

/* ------------------------------------------------------------ loading */

struct load_ctx {
	struct daemon_json *d;
	const char *path;
	struct text_lines lines;
	const char *buf;
	struct dl_problem_list *problems;
	bool refused; /* a reason every dockerd version refuses the file */
	unsigned nproblems;
	size_t base;  /* offset of buf in the file; SIZE_MAX when decoded (UTF-16) */
	const struct json_scan *scan; /* the top-level members */
};

/* Problems reported for one file before the rest are summarised: a hostile
 * file must not turn into a million-entry report. */
#define DAEMON_JSON_MAX_PROBLEMS 256

static void ctx_problem(struct load_ctx *c, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void ctx_problem(struct load_ctx *c, unsigned line, const char *fmt, ...)
{
	if (c->nproblems > DAEMON_JSON_MAX_PROBLEMS)
		return;
	if (c->nproblems++ == DAEMON_JSON_MAX_PROBLEMS) {
		problem_add(c->problems, c->path, line,
			    "more than %u problems in this file: the rest are not listed",
			    DAEMON_JSON_MAX_PROBLEMS);
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	problem_add(c->problems, c->path, line, "%s", msg);
	free(msg);
}

static void refuse(struct load_ctx *c)
{
	c->refused = true;
}

/* Distinct keys recorded (the set is searched linearly). */
#define DAEMON_JSON_MAX_KEYS 1024

static void key_set_add(struct daemon_json *d, const char *key)
{
	if (d->nkeys >= DAEMON_JSON_MAX_KEYS || daemon_json_has_key(d, key))
		return;
	d->keys = xrealloc(d->keys, (d->nkeys + 1) * sizeof(*d->keys));
	d->keys[d->nkeys++] = xstrdup(key);
}

bool daemon_json_has_key(const struct daemon_json *d, const char *key)
{
	if (!d || !key)
		return false;
	for (size_t i = 0; i < d->nkeys; i++)
		if (!strcmp(d->keys[i], key))
			return true;
	return false;
}

/* A key of the flattened set (configValuesSet): known, or reported. */
static void check_key(struct load_ctx *c, const char *key, size_t key_len, size_t off)
{
	struct daemon_json *d = c->d;
	unsigned line = line_of(&c->lines, off);
	if (strlen(key) != key_len) {
		/* "\u0000" inside a key: no dockerd option has one. */
		ctx_problem(c, line,
			    "dockerd will not start: the following directives don't match any "
			    "configuration option: a key containing a NUL character");
		refuse(c);
		return;
	}
	if (d->nkeys >= DAEMON_JSON_MAX_KEYS && !daemon_json_has_key(d, key))
		ctx_problem(c, line, "more than %u distinct keys: later keys are not recorded for "
			    "the flag conflict check", DAEMON_JSON_MAX_KEYS);
	key_set_add(d, key);
	if (daemon_json_key_is_known(key))
		return;
	if (d->nunknown >= DAEMON_JSON_MAX_KEYS) {
		refuse(c);
		return;
	}
	for (size_t i = 0; i < d->nunknown; i++)
		if (!strcmp(d->unknown_keys[i], key))
			goto report;
	d->unknown_keys = xrealloc(d->unknown_keys, (d->nunknown + 1) * sizeof(*d->unknown_keys));
	d->unknown_keys[d->nunknown++] = xstrdup(key);
report:
	ctx_problem(c, line,
		    "dockerd will not start: the following directives don't match any "
		    "configuration option: %s",
		    key);
	refuse(c);
}

static void load_bool(struct load_ctx *c, struct json_value_ref *ref, const char *key,
		      struct json_object *v, size_t key_off)
{
	ref->present = true;
	where_set(&ref->where, &c->lines, c->path, key_off);
	if (!v) /* null: present for the conflict check, value unset */
		return;
	if (json_object_get_type(v) != json_type_boolean) {
		ctx_problem(c, ref->where.line,
			    "dockerd will not start: \"%s\" must be a boolean, not %s", key,
			    json_type_word(v));
		refuse(c);
		return;
	}
	ref->bool_value = json_object_get_boolean(v);
}

static void load_string(struct load_ctx *c, struct json_value_ref *ref, const char *key,
			struct json_object *v, size_t key_off)
{
	ref->present = true;
	where_set(&ref->where, &c->lines, c->path, key_off);
	free(ref->value);
	ref->value = NULL;
	if (!v)
		return;
	if (json_object_get_type(v) != json_type_string) {
		ctx_problem(c, ref->where.line,
			    "dockerd will not start: \"%s\" must be a string, not %s", key,
			    json_type_word(v));
		refuse(c);
		return;
	}
	ref->value = xstrndup(json_object_get_string(v), (size_t)json_object_get_string_len(v));
}

/* An integer port (0 = unset, as dockerd's config default). */
static void load_port(struct load_ctx *c, struct json_value_ref *ref, const char *key,
		      struct json_object *v, size_t key_off)
{
	ref->present = true;
	where_set(&ref->where, &c->lines, c->path, key_off);
	free(ref->value);
	ref->value = NULL;
	if (!v)
		return;
	if (json_object_get_type(v) != json_type_int) {
		ctx_problem(c, ref->where.line, "dockerd will not start: \"%s\" must be a number, not %s",
			    key, json_type_word(v));
		refuse(c);
		return;
	}
	int64_t n = json_object_get_int64(v);
	if (n < 0 || n > 65535) {
		ctx_problem(c, ref->where.line, "\"%s\" %lld is not a port", key, (long long)n);
		return;
	}
	ref->value = xasprintf("%lld", (long long)n);
}

static void add_host(struct load_ctx *c, const char *value, size_t off, size_t end)
{
	struct daemon_json *d = c->d;
	d->hosts = xrealloc(d->hosts, (d->nhosts + 1) * sizeof(*d->hosts));
	struct json_value_ref *h = &d->hosts[d->nhosts++];
	memset(h, 0, sizeof(*h));
	h->present = true;
	h->value = xstrdup(value);
	where_set(&h->where, &c->lines, c->path, off);
	if (c->base != SIZE_MAX) {
		h->start = c->base + off;
		h->end = c->base + end;
	}
}

/* The spans a fix needs (docs/fix.md): the array, and the member with one
 * adjacent comma (the one before it, or after it for the first member). */
static void hosts_spans(struct load_ctx *c, const struct json_member *m, unsigned occurrence)
{
	struct daemon_json *d = c->d;
	if (occurrence > 1 || c->base == SIZE_MAX || !c->scan) {
		d->hosts_spans = false;
		return;
	}
	size_t i = (size_t)(m - c->scan->members);
	const struct json_member *ms = c->scan->members;
	size_t n = c->scan->nmembers;
	d->hosts_spans = true;
	d->hosts_value_start = c->base + m->value_start;
	d->hosts_value_end = c->base + m->value_end;
	if (i > 0) {
		d->hosts_cut_start = c->base + ms[i - 1].value_end;
		d->hosts_cut_end = c->base + m->value_end;
	} else if (n > 1) {
		d->hosts_cut_start = c->base + m->key_start;
		d->hosts_cut_end = c->base + ms[1].key_start;
	} else {
		d->hosts_cut_start = c->base + m->key_start;
		d->hosts_cut_end = c->base + m->value_end;
	}
}

static void load_hosts(struct load_ctx *c, const struct json_member *m, struct json_object *v,
		       unsigned occurrence)
{
	struct daemon_json *d = c->d;
	unsigned line = line_of(&c->lines, m->key_start);
	if (!d->has_hosts) {
		d->has_hosts = true;
		where_set(&d->hosts_where, &c->lines, c->path, m->key_start);
	}
	if (occurrence > 1) {
		/* Go's encoding/json keeps the last occurrence of a key; dockerd
		 * 20.10.24 listens on the last "hosts" only, without an error
		 * (the differential test, docs/dockerd-versions.md). A warning:
		 * the effect is known. */
		if (c->nproblems < DAEMON_JSON_MAX_PROBLEMS) {
			c->nproblems++;
			warning_add(c->problems, c->path, line,
				    "duplicate key \"hosts\": dockerd uses only this last "
				    "occurrence");
		}
		for (size_t i = 0; i < d->nhosts; i++) {
			free(d->hosts[i].value);
			evidence_clear(&d->hosts[i].where);
		}
		d->nhosts = 0;
	}
	hosts_spans(c, m, occurrence);
	if (v && json_object_get_type(v) != json_type_array)
		d->hosts_spans = false;
	if (!v) /* "hosts": null is "hosts" present with no entries */
		return;
	if (json_object_get_type(v) == json_type_string) {
		ctx_problem(c, line,
			    "dockerd will not start: \"hosts\" must be an array of strings, not a "
			    "string");
		refuse(c);
		add_host(c, json_object_get_string(v), m->value_start, m->value_end);
		return;
	}
	if (json_object_get_type(v) != json_type_array) {
		ctx_problem(c, line,
			    "dockerd will not start: \"hosts\" must be an array of strings, not %s",
			    json_type_word(v));
		refuse(c);
		return;
	}
	size_t n = json_object_array_length(v);
	_cleanup_free_ size_t *offs = xcalloc(DAEMON_JSON_MAX_HOSTS, sizeof(*offs));
	_cleanup_free_ size_t *ends = xcalloc(DAEMON_JSON_MAX_HOSTS, sizeof(*ends));
	size_t total = 0;
	size_t found = array_elements(c->buf, m->value_start, m->value_end, offs, ends,
				      DAEMON_JSON_MAX_HOSTS, &total);
	for (size_t i = 0; i < n && i < found; i++) {
		if (d->nhosts >= DAEMON_JSON_MAX_HOSTS) {
			ctx_problem(c, line_of(&c->lines, offs[i]),
				    "more than %u \"hosts\" entries: the rest were not read",
				    DAEMON_JSON_MAX_HOSTS);
			return;
		}
		struct json_object *e = json_object_array_get_idx(v, i);
		if (!e) {
			/* null decodes to "" in a Go []string: an empty host,
			 * which dockerd maps to its default socket. */
			add_host(c, "", offs[i], ends[i]);
			continue;
		}
		if (json_object_get_type(e) != json_type_string) {
			ctx_problem(c, line_of(&c->lines, offs[i]),
				    "dockerd will not start: \"hosts\" entries must be strings, "
				    "not %s",
				    json_type_word(e));
			refuse(c);
			continue;
		}
		_cleanup_free_ char *s =
			xstrndup(json_object_get_string(e), (size_t)json_object_get_string_len(e));
		if (strlen(s) != (size_t)json_object_get_string_len(e))
			ctx_problem(c, line_of(&c->lines, offs[i]),
				    "\"hosts\" entry contains a NUL character: shown cut at it");
		add_host(c, s, offs[i], ends[i]);
	}
	if (total > found || n > found || n != d->nhosts)
		d->hosts_spans = false;
	if (total > found || n > found)
		ctx_problem(c, line,
			    "more than %u \"hosts\" entries: the rest were not read",
			    DAEMON_JSON_MAX_HOSTS);
}

/* One top-level member, in file order. */
static void load_member(struct load_ctx *c, const struct json_member *m, unsigned occurrence)
{
	struct daemon_json *d = c->d;
	struct json_object *key_obj = NULL, *v = NULL;
	unsigned line = line_of(&c->lines, m->key_start);

	if (decode_span(c->buf, m->key_start, m->key_end, &key_obj) < 0 || !key_obj ||
	    decode_span(c->buf, m->value_start, m->value_end, &v) < 0) {
		ctx_problem(c, line, "could not decode this member with json-c");
		json_object_put(key_obj);
		return;
	}
	const char *key = json_object_get_string(key_obj);
	size_t key_len = (size_t)json_object_get_string_len(key_obj);

	/* configValuesSet: an object value of a key that is not a flat option
	 * stands for its members ("proxies": {"http-proxy": ...}). */
	if (v && json_object_get_type(v) == json_type_object && strlen(key) == key_len &&
	    !key_in(key, flat_keys, sizeof(flat_keys) / sizeof(*flat_keys))) {
		json_object_object_foreach(v, k, val)
		{
			(void)val;
			check_key(c, k, strlen(k), m->key_start);
			if (!strcmp(k, "hosts") && strcmp(key, "hosts"))
				ctx_problem(c, line,
					    "\"hosts\" inside \"%s\" is not a listener setting, but "
					    "dockerd counts it as \"hosts\" in the -H conflict check",
					    key);
		}
	} else
		check_key(c, key, key_len, m->key_start);

	if (occurrence > 1 && strcmp(key, "hosts") && c->nproblems < DAEMON_JSON_MAX_PROBLEMS) {
		c->nproblems++;
		warning_add(c->problems, c->path, line,
			    "duplicate key \"%s\": dockerd uses the last one", key);
	}

	if (!strcmp(key, "hosts"))
		load_hosts(c, m, v, occurrence);
	else if (!strcmp(key, "tls"))
		load_bool(c, &d->tls, key, v, m->key_start);
	else if (!strcmp(key, "tlsverify"))
		load_bool(c, &d->tlsverify, key, v, m->key_start);
	else if (!strcmp(key, "tlscacert"))
		load_string(c, &d->tlscacert, key, v, m->key_start);
	else if (!strcmp(key, "tlscert"))
		load_string(c, &d->tlscert, key, v, m->key_start);
	else if (!strcmp(key, "tlskey"))
		load_string(c, &d->tlskey, key, v, m->key_start);
	else if (!strcmp(key, "metrics-addr"))
		load_string(c, &d->metrics_addr, key, v, m->key_start);
	else if (!strcmp(key, "network-diagnostic-port"))
		load_port(c, &d->network_diagnostic_port, key, v, m->key_start);
	else if (!strcmp(key, "data-root"))
		load_string(c, &d->data_root, key, v, m->key_start);
	else if (!strcmp(key, "graph")) {
		/* v20.10 reads "graph" as "data-root" (with a warning, and
		 * refuses both together); v23 Validate refuses it; v24+ has no
		 * such option. */
		ctx_problem(c, line,
			    "\"graph\" is refused by dockerd 23 and later (\"data-root\" replaces "
			    "it); dockerd 20.10 reads it as \"data-root\"");
		if (!d->data_root.present || d->graph_seen)
			load_string(c, &d->data_root, key, v, m->key_start);
		d->graph_seen = true;
	}
	json_object_put(key_obj);
	json_object_put(v);
}

/* Members of the top-level object: parse every occurrence, track dupes. */
static void load_members(struct load_ctx *c, const struct json_scan *s)
{
	c->scan = s;
	/* Duplicate keys are found by comparing decoded keys ("hosts" and
	 * "ho\u0073ts" are the same key); the quadratic check is bounded. */
	bool check_dupes = s->nmembers <= 4096;
	struct json_object **keys = NULL;
	if (!check_dupes)
		ctx_problem(c, 0,
			    "more than 4096 top-level keys: duplicate keys were not checked");
	else {
		keys = xcalloc(s->nmembers, sizeof(*keys));
		for (size_t i = 0; i < s->nmembers; i++)
			if (decode_span(c->buf, s->members[i].key_start, s->members[i].key_end,
					&keys[i]) < 0)
				keys[i] = NULL;
	}
	for (size_t i = 0; i < s->nmembers; i++) {
		unsigned occurrence = 1;
		for (size_t k = 0; keys && keys[i] && k < i; k++)
			if (keys[k] &&
			    json_object_get_string_len(keys[k]) == json_object_get_string_len(keys[i]) &&
			    !memcmp(json_object_get_string(keys[k]), json_object_get_string(keys[i]),
				    (size_t)json_object_get_string_len(keys[i])))
				occurrence++;
		load_member(c, &s->members[i], occurrence);
	}
	if (keys) {
		for (size_t i = 0; i < s->nmembers; i++)
			json_object_put(keys[i]);
		free(keys);
	}
	if (c->d->graph_seen && c->d->data_root.present &&
	    daemon_json_has_key(c->d, "data-root")) {
		/* v20.10: "cannot specify both"; later versions refuse "graph". */
		ctx_problem(c, c->d->data_root.where.line,
			    "dockerd will not start: \"graph\" and \"data-root\" must not both be "
			    "set");
		refuse(c);
	}
}

/* Length of the white space at p that bytes.TrimSpace removes (v23+):
 * ASCII white space and the Latin-1 NEL and NBSP. Other Unicode spaces are
 * left to the scanner, which reports them as invalid characters. */
static size_t trim_space_len(const char *p, size_t left)
{
	if (left >= 1 && *p && strchr(" \t\n\r\v\f", *p))
		return 1;
	if (left >= 2 && (unsigned char)p[0] == 0xC2 &&
	    ((unsigned char)p[1] == 0x85 || (unsigned char)p[1] == 0xA0))
		return 2;
	return 0;
}

static size_t trim_space_len_back(const char *b, size_t end)
{
	if (end >= 1 && b[end - 1] && strchr(" \t\n\r\v\f", b[end - 1]))
		return 1;
	if (end >= 2 && (unsigned char)b[end - 2] == 0xC2 &&
	    ((unsigned char)b[end - 1] == 0x85 || (unsigned char)b[end - 1] == 0xA0))
		return 2;
	return 0;
}

static void parse_text(struct load_ctx *c, const char *buf, size_t len)
{
	struct json_scan s = { .buf = buf, .len = len };
	size_t b = 0, e = len, n;
	bool odd_space = false;
	c->buf = buf;
	text_lines_init(&c->lines, buf, len);

	while (b < e && (n = trim_space_len(buf + b, e - b)) > 0) {
		odd_space |= !is_json_space(buf[b]);
		b += n;
	}
	while (e > b && (n = trim_space_len_back(buf, e)) > 0) {
		odd_space |= !is_json_space(buf[e - 1]);
		e -= n;
	}
	if (b == e) {
		/* v22.06+ trims and treats an empty file as {}; v20.10's
		 * json.Decoder fails with EOF. */
		ctx_problem(c, 0,
			    "file is empty: dockerd 22.06 and later read it as {}, dockerd 20.10 "
			    "will not start with it (EOF)");
		goto out;
	}
	if (odd_space)
		ctx_problem(c, 0,
			    "white space JSON does not allow (\\v, \\f, NEL or NBSP) around the "
			    "object: dockerd 23 and later trim it, dockerd 20.10 will not start");

	/* Go's utf8.Valid: any scalar value, non-characters included. */
	size_t bad = text_utf8_invalid_at(buf, len, TEXT_UTF8_SCALAR);
	if (bad < len)
		ctx_problem(c, line_of(&c->lines, bad),
			    "not valid UTF-8: dockerd 23 and later will not start with it");

	s.pos = b;
	s.len = e;
	char first = buf[b];
	if (scan_value(&s, 1) < 0) {
		ctx_problem(c, line_of(&c->lines, s.error_pos),
			    "dockerd will not start: invalid JSON: %s", json_scan_error_text(s.error));
		refuse(c);
		goto out;
	}
	scan_space(&s);
	if (s.pos < e)
		/* v23+ json.Unmarshal: "invalid character after top-level
		 * value"; v20.10 json.Decoder reads only the first value. */
		ctx_problem(c, line_of(&c->lines, s.pos),
			    "text after the JSON value: dockerd 23 and later will not start, "
			    "dockerd 20.10 ignores it");

	if (first == 'n') {
		/* null decodes into an empty map and leaves Config alone. */
		goto out;
	}
	if (first != '{') {
		ctx_problem(c, line_of(&c->lines, b),
			    "dockerd will not start: the file must hold a JSON object");
		refuse(c);
		goto out;
	}
	load_members(c, &s);
out:
	free(s.members);
	text_lines_clear(&c->lines);
}

void daemon_json_load(struct daemon_json *out, const struct rootfs *r, const char *path,
		      bool explicit, struct dl_problem_list *problems)
{
	_cleanup_free_ char *raw = NULL;
	size_t len = 0;
	memset(out, 0, sizeof(*out));
	out->path = xstrdup(path);
	out->named = explicit;

	int rc = rootfs_read_file(r, path, ROOTFS_MAX_FILE, &raw, &len);
	out->status = read_status_from_errno(rc);
	if (rc == -ENOENT) {
		/* loadDaemonCliConfig ignores a missing file only when
		 * --config-file was not given. */
		if (explicit)
			problem_add(problems, path, 0,
				    "dockerd will not start: configuration file %s not found", path);
		return;
	}
	if (rc < 0) {
		out->read_error = rc;
		problem_add(problems, path, 0, "cannot read configuration file: %s",
			    rootfs_strerror(rc));
		return;
	}
	daemon_json_parse(out, path, raw, len, problems);
}

void daemon_json_parse(struct daemon_json *out, const char *path, const char *raw, size_t len,
		       struct dl_problem_list *problems)
{
	if (!out->path)
		out->path = xstrdup(path);
	struct load_ctx c = { .d = out, .path = path, .problems = problems };
	const unsigned char *u = (const unsigned char *)raw;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		/* v23+: BOMOverride skips it; v20.10: invalid character. */
		problem_add(problems, path, 1,
			    "starts with a UTF-8 byte order mark: dockerd 20.10 will not start "
			    "with it, 23 and later skip it");
		c.base = 3;
		parse_text(&c, raw + 3, len - 3);
	} else if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		bool be = u[0] == 0xFE;
		size_t ulen = 0;
		c.base = SIZE_MAX;
		_cleanup_free_ char *utf8 = utf16_to_utf8(u + 2, len - 2, be, &ulen);
		problem_add(problems, path, 1,
			    "UTF-16%s encoded (byte order mark): dockerd 20.10 will not start "
			    "with it, 23 and later decode it; line numbers are of the decoded text",
			    be ? "BE" : "LE");
		parse_text(&c, utf8, ulen);
	} else
		parse_text(&c, raw, len);
	out->status = c.refused ? READ_REFUSED : READ_OK;
}

bool daemon_json_stops_dockerd(const struct daemon_json *d)
{
	switch (d->status) {
	case READ_ABSENT:
		return d->named;
	case READ_OK:
		return false;
	case READ_UNREADABLE:
		/* Any read error other than "not found" stops dockerd too; a
		 * size over our bound or a permission problem of the scanner
		 * says nothing about dockerd. */
		return d->read_error == -EISDIR || d->read_error == -ELOOP;
	case READ_REFUSED:
		return true;
	}
	return true;
}

bool daemon_json_was_read(const struct daemon_json *d)
{
	return d->status == READ_OK || d->status == READ_REFUSED;
}

static void value_ref_clear(struct json_value_ref *v)
{
	free(v->value);
	evidence_clear(&v->where);
	memset(v, 0, sizeof(*v));
}

void daemon_json_clear(struct daemon_json *d)
{
	if (!d)
		return;
	free(d->path);
	evidence_clear(&d->hosts_where);
	for (size_t i = 0; i < d->nhosts; i++)
		value_ref_clear(&d->hosts[i]);
	free(d->hosts);
	value_ref_clear(&d->tls);
	value_ref_clear(&d->tlsverify);
	value_ref_clear(&d->tlscacert);
	value_ref_clear(&d->tlscert);
	value_ref_clear(&d->tlskey);
	value_ref_clear(&d->data_root);
	value_ref_clear(&d->metrics_addr);
	value_ref_clear(&d->network_diagnostic_port);
	for (size_t i = 0; i < d->nunknown; i++)
		free(d->unknown_keys[i]);
	free(d->unknown_keys);
	for (size_t i = 0; i < d->nkeys; i++)
		free(d->keys[i]);
	free(d->keys);
	memset(d, 0, sizeof(*d));
}
