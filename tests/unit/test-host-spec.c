/* host_spec_parse: one -H / "hosts" value (docs/dockerd-listeners.md §1).
 * Cases: every example of the spec, every applicable case of moby's
 * daemon/pkg/opts/hosts_test.go (TestParseHost, TestParseDockerDaemonHost,
 * TestParseTCP; their "invalid" path cases are HOST_TCP with a note here,
 * see host_spec.h), versions checked against dockerd 20.10.24, and edge
 * cases of Go's net/url host grammar. */
#include "config.h"
#include "testutil.h"

#include "read/host_spec.h"
#define SOCK "/var/run/docker.sock"
#define NO_NOTE NULL

struct host_case {
	const char *in;
	enum host_kind kind;
	const char *normalized; /* for HOST_INVALID: NULL means "the input" */
	const char *address;    /* TCP */
	unsigned port;          /* TCP */
	const char *path;       /* UNIX */
	const char *note;       /* substring of the note; NULL: no note at all */
	enum host_refusal refusal; /* INVALID: why */
	const char *refused;    /* INVALID: the part of the value the refusal names, or NULL */
	const char *cwd;        /* NULL: "/" */
	const char *default_unix; /* NULL: SOCK */
};

static const struct host_case cases[] = {
	/* docs/dockerd-listeners.md §1 examples */
	{ "tcp://", HOST_TCP, "tcp://localhost:2375", "localhost", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ ":2375", HOST_TCP, "tcp://localhost:2375", "localhost", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "0.0.0.0", HOST_TCP, "tcp://0.0.0.0:2375", "0.0.0.0", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://:2376", HOST_TCP, "tcp://localhost:2376", "localhost", 2376, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "[::]:2375", HOST_TCP, "tcp://[::]:2375", "::", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "unix://", HOST_UNIX, "unix://" SOCK, NULL, 0, SOCK, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "example.org", HOST_TCP, "tcp://example.org:2375", "example.org", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://1.2.3.4:2376/", HOST_TCP, "tcp://1.2.3.4:2376", "1.2.3.4", 2376, NULL, "v23+ refuses", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://1.2.3.4:0", HOST_TCP, "tcp://1.2.3.4:0", "1.2.3.4", 0, NULL, "random port", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://1.2.3.4:abc", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_PORT_SUFFIX, ":abc", NULL, NULL },
	{ "tcp://user:pw@1.2.3.4:99?x=1#f", HOST_TCP, "tcp://1.2.3.4:99", "1.2.3.4", 99, NULL, "userinfo, query and fragment", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "fd://", HOST_FD, "fd://", NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "fd://3", HOST_FD, "fd://3", NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "fd://*", HOST_FD, "fd://*", NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "unix:///run/docker.sock", HOST_UNIX, "unix:///run/docker.sock", NULL, 0, "/run/docker.sock", NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "unix://relative.sock", HOST_UNIX, "unix:///relative.sock", NULL, 0, "/relative.sock", "relative", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "TCP://1.2.3.4", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_PROTO, "TCP", NULL, NULL },
	{ "ssh://x", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_PROTO, "ssh", NULL, NULL },
	{ "http://1.2.3.4:2375", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_PROTO, "http", NULL, NULL },
	{ "npipe://", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_NPIPE, NULL, NULL, NULL },
	{ "npipe:////./pipe/foo", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_NPIPE, NULL, NULL, NULL },
	/* whitespace: v28 and older trim, 29.x refuses */
	{ " tcp://1.2.3.4 ", HOST_TCP, "tcp://1.2.3.4:2375", "1.2.3.4", 2375, NULL, "29+ refuses surrounding whitespace", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "\ttcp://1.2.3.4\n", HOST_TCP, "tcp://1.2.3.4:2375", "1.2.3.4", 2375, NULL, "whitespace", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "\xc2\xa0" "fd://3\xe3\x80\x80", HOST_FD, "fd://3", NULL, 0, NULL, "whitespace", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "", HOST_INVALID, "", NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_EMPTY, NULL, NULL, NULL },
	{ " ", HOST_INVALID, " ", NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_EMPTY, NULL, NULL, NULL },
	{ "  \t", HOST_INVALID, "  \t", NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_EMPTY, NULL, NULL, NULL },
	/* hosts_test.go TestParseHost */
	{ "something with spaces", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_HOST_CHAR, NULL, NULL, NULL },
	{ "://", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_PROTO, "", NULL, NULL },
	{ "unknown://", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_PROTO, "unknown", NULL, NULL },
	{ "tcp://:port", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_PORT_SUFFIX, ":port", NULL, NULL },
	{ "tcp://invalid:port", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_PORT_SUFFIX, ":port", NULL, NULL },
	{ "tcp://:5555/", HOST_TCP, "tcp://localhost:5555", "localhost", 5555, NULL, "path in tcp address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://:5555/p", HOST_TCP, "tcp://localhost:5555", "localhost", 5555, NULL, "path in tcp address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://0.0.0.0:5555/", HOST_TCP, "tcp://0.0.0.0:5555", "0.0.0.0", 5555, NULL, "path in tcp address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://0.0.0.0:5555/p", HOST_TCP, "tcp://0.0.0.0:5555", "0.0.0.0", 5555, NULL, "path in tcp address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://[::1]:/", HOST_TCP, "tcp://[::1]:2375", "::1", 2375, NULL, "path in tcp address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://[::1]:5555/", HOST_TCP, "tcp://[::1]:5555", "::1", 5555, NULL, "path in tcp address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://[::1]:5555/p", HOST_TCP, "tcp://[::1]:5555", "::1", 5555, NULL, "path in tcp address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ " tcp://:5555/path ", HOST_TCP, "tcp://localhost:5555", "localhost", 5555, NULL, "path in tcp address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "fd://something", HOST_FD, "fd://something", NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://host:", HOST_TCP, "tcp://host:2375", "host", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://:", HOST_TCP, "tcp://localhost:2375", "localhost", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://:5555", HOST_TCP, "tcp://localhost:5555", "localhost", 5555, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://[::1]", HOST_TCP, "tcp://[::1]:2375", "::1", 2375, NULL, "bracketed address without a port", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://[::1]:", HOST_TCP, "tcp://[::1]:2375", "::1", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://[::1]:5555", HOST_TCP, "tcp://[::1]:5555", "::1", 5555, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://0.0.0.0:5555", HOST_TCP, "tcp://0.0.0.0:5555", "0.0.0.0", 5555, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://192.168:5555", HOST_TCP, "tcp://192.168:5555", "192.168", 5555, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://192.168.0.1:5555", HOST_TCP, "tcp://192.168.0.1:5555", "192.168.0.1", 5555, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://0.0.0.0:1234567890", HOST_TCP, "tcp://0.0.0.0:1234567890", "0.0.0.0", 1234567890u, NULL, "fails at bind", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://docker.com:5555", HOST_TCP, "tcp://docker.com:5555", "docker.com", 5555, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "unix://path/to/socket", HOST_UNIX, "unix:///path/to/socket", NULL, 0, "/path/to/socket", "relative", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	/* hosts_test.go TestParseDockerDaemonHost / TestParseTCP */
	{ "tcp:a.b.c.d", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_PORT_SUFFIX, ":a.b.c.d", NULL, NULL },
	{ "tcp:a.b.c.d/path", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_PORT_SUFFIX, ":a.b.c.d", NULL, NULL },
	{ "tcp://127.0.0.1/", HOST_TCP, "tcp://127.0.0.1:2375", "127.0.0.1", 2375, NULL, "path in tcp address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "udp://127.0.0.1", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_PROTO, "udp", NULL, NULL },
	{ "udp://127.0.0.1:5555", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_PROTO, "udp", NULL, NULL },
	{ "tcp://unix:///run/docker.sock", HOST_TCP, "tcp://unix:2375", "unix", 2375, NULL, "path in tcp address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ ":5555/path", HOST_TCP, "tcp://localhost:5555", "localhost", 5555, NULL, "path in tcp address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "0.0.0.1:5555/path", HOST_TCP, "tcp://0.0.0.1:5555", "0.0.0.1", 5555, NULL, "path in tcp address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "[::1]:5555/path", HOST_TCP, "tcp://[::1]:5555", "::1", 5555, NULL, "path in tcp address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "[0:0:0:0:0:0:0:1]:5555/path", HOST_TCP, "tcp://[0:0:0:0:0:0:0:1]:5555", "0:0:0:0:0:0:0:1", 5555, NULL, "path in tcp address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://:5555/path", HOST_TCP, "tcp://localhost:5555", "localhost", 5555, NULL, "path in tcp address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "localhost:5555/path", HOST_TCP, "tcp://localhost:5555", "localhost", 5555, NULL, "path in tcp address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "unix://tcp://127.0.0.1", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_UNIX_ADDRESS, "tcp://127.0.0.1", NULL, NULL },
	{ "unix://unix://tcp://127.0.0.1", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_UNIX_ADDRESS, "unix://tcp://127.0.0.1", NULL, NULL },
	{ ":", HOST_TCP, "tcp://localhost:2375", "localhost", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ ":5555", HOST_TCP, "tcp://localhost:5555", "localhost", 5555, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "0.0.0.1:", HOST_TCP, "tcp://0.0.0.1:2375", "0.0.0.1", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "0.0.0.1:5555", HOST_TCP, "tcp://0.0.0.1:5555", "0.0.0.1", 5555, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "[::1]", HOST_TCP, "tcp://[::1]:2375", "::1", 2375, NULL, "bracketed address without a port", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "[::1]:", HOST_TCP, "tcp://[::1]:2375", "::1", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "[::1]:5555", HOST_TCP, "tcp://[::1]:5555", "::1", 5555, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "[0:0:0:0:0:0:0:1]", HOST_TCP, "tcp://[0:0:0:0:0:0:0:1]:2375", "0:0:0:0:0:0:0:1", 2375, NULL, "bracketed address without a port", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "[0:0:0:0:0:0:0:1]:", HOST_TCP, "tcp://[0:0:0:0:0:0:0:1]:2375", "0:0:0:0:0:0:0:1", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "[0:0:0:0:0:0:0:1]:5555", HOST_TCP, "tcp://[0:0:0:0:0:0:0:1]:5555", "0:0:0:0:0:0:0:1", 5555, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "localhost", HOST_TCP, "tcp://localhost:2375", "localhost", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "localhost:", HOST_TCP, "tcp://localhost:2375", "localhost", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "localhost:5555", HOST_TCP, "tcp://localhost:5555", "localhost", 5555, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "0.0.0.1", HOST_TCP, "tcp://0.0.0.1:2375", "0.0.0.1", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	/* unbracketed IPv6: v23+ splits at the last ':', v20.10 appends 2375 */
	/* v23+ reads "::1" as host ":" port 1 (no listener: bind fails), v20.10
	 * as [::1]:2375 (listens): the listening reading is reported. */
	{ "tcp://::1", HOST_TCP, "tcp://[::1]:2375", "::1", 2375, NULL, "v20.10-v22 as host \"::1\" port 2375 (used here)", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://::", HOST_TCP, "tcp://[::]:2375", "::", 2375, NULL, "ambiguous address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "::", HOST_TCP, "tcp://[::]:2375", "::", 2375, NULL, "ambiguous address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	/* both readings are addresses: v23+ wins */
	{ "fe80::1:2376", HOST_TCP, "tcp://[fe80::1]:2376", "fe80::1", 2376, NULL, "v23+ reads it as host \"fe80::1\" port 2376 (used here)", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://2001:db8::7:0", HOST_TCP, "tcp://[2001:db8::7]:0", "2001:db8::7", 0, NULL, "port 0", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	/* neither reading is an address: v23+ split, still a TCP listener */
	{ "1.2.3.4:5:6", HOST_TCP, "tcp://[1.2.3.4:5]:6", "1.2.3.4:5", 6, NULL, "ambiguous address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	/* Go net/url host grammar */
	{ "tcp://[fe80::1%25eth0]:2375", HOST_TCP, "tcp://[fe80::1%eth0]:2375", "fe80::1%eth0", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://[]:5555", HOST_TCP, "tcp://localhost:5555", "localhost", 5555, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://[::1", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_MISSING_BRACKET, NULL, NULL, NULL },
	{ "tcp://[::1]x", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_PORT_SUFFIX, "x", NULL, NULL },
	{ "tcp://%41:1", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_ESCAPE_IN_HOST, NULL, NULL, NULL },
	{ "tcp://a%zz", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_ESCAPE, NULL, NULL, NULL },
	{ "tcp://%c3%a9:1", HOST_TCP, "tcp://\xc3\xa9:1", "\xc3\xa9", 1, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://a{b}:1", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_HOST_CHAR, NULL, NULL, NULL },
	{ "tcp://1.2.3.4\x01", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_CONTROL_CHAR, NULL, NULL, NULL },
	{ "tcp://us er@1.2.3.4", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_USERINFO, NULL, NULL, NULL },
	{ "tcp://a@b@1.2.3.4:7", HOST_TCP, "tcp://1.2.3.4:7", "1.2.3.4", 7, NULL, "userinfo", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://1.2.3.4?", HOST_TCP, "tcp://1.2.3.4:2375", "1.2.3.4", 2375, NULL, "query", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://1.2.3.4#/x", HOST_TCP, "tcp://1.2.3.4:2375", "1.2.3.4", 2375, NULL, "fragment", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://tcp://1.2.3.4", HOST_TCP, "tcp://tcp:2375", "tcp", 2375, NULL, "path in tcp address", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://=", HOST_TCP, "tcp://=:2375", "=", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "--tls", HOST_TCP, "tcp://--tls:2375", "--tls", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	/* ports */
	{ "tcp://1.2.3.4:02375", HOST_TCP, "tcp://1.2.3.4:2375", "1.2.3.4", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://1.2.3.4:65535", HOST_TCP, "tcp://1.2.3.4:65535", "1.2.3.4", 65535, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://1.2.3.4:65536", HOST_TCP, "tcp://1.2.3.4:65536", "1.2.3.4", 65536, NULL, "fails at bind", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "tcp://1.2.3.4:99999999999999999999", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_PORT_RANGE, "99999999999999999999", NULL, NULL },
	{ "tcp://1.2.3.4:+1", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_PORT_SUFFIX, ":+1", NULL, NULL },
	{ "tcp://1.2.3.4:-1", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_PORT_SUFFIX, ":-1", NULL, NULL },
	{ "tcp://1.2.3.4:00", HOST_TCP, "tcp://1.2.3.4:0", "1.2.3.4", 0, NULL, "port 0", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	/* unix */
	{ "unix://relative.sock", HOST_UNIX, "unix:///srv/relative.sock", NULL, 0, "/srv/relative.sock", "relative", HOST_REFUSAL_NONE, NULL, "/srv", NULL },
	{ "unix://relative.sock", HOST_UNIX, "unix:///srv/relative.sock", NULL, 0, "/srv/relative.sock", "relative", HOST_REFUSAL_NONE, NULL, "/srv/", NULL },
	{ "unix://", HOST_UNIX, "unix:///run/user/1000/docker.sock", NULL, 0, "/run/user/1000/docker.sock", NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, "/run/user/1000/docker.sock" },
	{ "unix://unix:///x.sock", HOST_UNIX, "unix:///x.sock", NULL, 0, "/x.sock", "v23+ refuses", HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "unix://@abstract", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_UNIX_ABSTRACT, NULL, NULL, NULL },
	{ "Unix:///x", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_PROTO, "Unix", NULL, NULL },
	{ "fd:///x", HOST_FD, "fd:///x", NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "FD://", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_PROTO, "FD", NULL, NULL },
	/* binary: bytes >= 0x80 are allowed in a Go URL host */
	{ "\xff\xfe", HOST_TCP, "tcp://\xff\xfe:2375", "\xff\xfe", 2375, NULL, NO_NOTE, HOST_REFUSAL_NONE, NULL, NULL, NULL },
	{ "\x01\x02", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_CONTROL_CHAR, NULL, NULL, NULL },
	{ "\xff://x", HOST_INVALID, NULL, NULL, 0, NULL, NO_NOTE, HOST_REFUSAL_PROTO, "\xff", NULL, NULL },
};

static void check_case(const struct host_case *c, size_t i)
{
	struct host_spec h;
	struct host_parse_opts opts = {
		.cwd = c->cwd ? c->cwd : "/",
		.default_unix = c->default_unix ? c->default_unix : SOCK,
	};
	host_spec_parse(&h, c->in, &opts);

	print_message("case %zu: \"%s\"\n", i, c->in);
	assert_int_equal(h.kind, c->kind);
	assert_int_equal(h.refusal, c->refusal);
	if (c->refused)
		assert_string_equal(h.refused, c->refused);
	else
		assert_null(h.refused);
	assert_non_null(h.normalized);
	assert_string_equal(h.normalized, c->normalized ? c->normalized : c->in);
	if (c->note) {
		assert_non_null(h.note);
		if (!strstr(h.note, c->note))
			fail_msg("note \"%s\" lacks \"%s\"", h.note, c->note);
	} else if (h.note) {
		fail_msg("unexpected note \"%s\"", h.note);
	}
	switch (c->kind) {
	case HOST_TCP:
		assert_string_equal(h.address, c->address);
		assert_int_equal(h.port, c->port);
		assert_null(h.path);
		assert_null(h.fd);
		break;
	case HOST_UNIX:
		assert_string_equal(h.path, c->path);
		assert_null(h.address);
		break;
	case HOST_FD:
		assert_string_equal(h.fd, c->normalized);
		break;
	case HOST_INVALID:
		assert_int_not_equal(h.refusal, HOST_REFUSAL_NONE);
		assert_null(h.address);
		assert_null(h.path);
		assert_null(h.fd);
		break;
	}
	host_spec_clear(&h);
	assert_null(h.normalized);
}

static void test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_case(&cases[i], i);
}

static void test_long_values(void **state)
{
	(void)state;
	struct host_spec h;
	char *v = malloc(6001);
	assert_non_null(v);

	/* Exactly at the bound: still parsed (a very long host name). */
	memset(v, 'a', 4096);
	v[4096] = '\0';
	host_spec_parse(&h, v, NULL);
	assert_int_equal(h.kind, HOST_TCP);
	assert_int_equal(strlen(h.address), 4096);
	assert_int_equal(h.port, 2375);
	host_spec_clear(&h);

	/* Over the bound: refused, normalized keeps at most the bound. */
	memset(v, 'a', 6000);
	v[6000] = '\0';
	host_spec_parse(&h, v, NULL);
	assert_int_equal(h.kind, HOST_INVALID);
	assert_int_equal(h.refusal, HOST_REFUSAL_TOO_LONG);
	assert_int_equal(strlen(h.normalized), 4096);
	host_spec_clear(&h);

	/* A unix path that cannot fit sun_path. */
	memcpy(v, "unix:///", 8);
	memset(v + 8, 'p', 200);
	v[208] = '\0';
	host_spec_parse(&h, v, NULL);
	assert_int_equal(h.kind, HOST_UNIX);
	assert_int_equal(strlen(h.path), 201);
	assert_non_null(h.note);
	assert_non_null(strstr(h.note, "fails at bind"));
	host_spec_clear(&h);

	/* NULL value and NULL options behave like "" and the defaults. */
	host_spec_parse(&h, NULL, NULL);
	assert_int_equal(h.kind, HOST_INVALID);
	assert_int_equal(h.refusal, HOST_REFUSAL_EMPTY);
	host_spec_clear(&h);
	host_spec_parse(&h, "unix://", NULL);
	assert_string_equal(h.path, SOCK);
	host_spec_clear(&h);
	host_spec_parse(&h, "unix://x", NULL);
	assert_string_equal(h.path, "/x");
	host_spec_clear(&h);
	free(v);
}

/* Random bytes biased towards the grammar's special characters: must never
 * crash, and the result must be self-consistent. Deterministic seed. */
static void test_fuzz(void **state)
{
	(void)state;
	static const char alphabet[] = "tcpunixfd:/[]@?#%25 \t.0123456789abAZ=-_\x01\x7f\xc2\xa0\xff";
	static const char *prefixes[] = { "", "tcp://", "unix://", "fd://", "[", "tcp://[", ":" };
	unsigned long seed = 12345;
	char buf[96];

	for (int iter = 0; iter < 20000; iter++) {
		seed = seed * 6364136223846793005ul + 1442695040888963407ul;
		const char *pre = prefixes[(seed >> 33) % 7];
		size_t pl = strlen(pre), n = pl + (seed >> 40) % 40;
		memcpy(buf, pre, pl);
		for (size_t i = pl; i < n; i++) {
			seed = seed * 6364136223846793005ul + 1442695040888963407ul;
			buf[i] = alphabet[(seed >> 35) % (sizeof(alphabet) - 1)];
		}
		buf[n] = '\0';

		struct host_spec h;
		host_spec_parse(&h, buf, NULL);
		assert_non_null(h.normalized);
		assert_int_equal(h.refusal != HOST_REFUSAL_NONE, h.kind == HOST_INVALID);
		switch (h.kind) {
		case HOST_TCP:
			assert_non_null(h.address);
			assert_true(str_startswith(h.normalized, "tcp://"));
			break;
		case HOST_UNIX:
			assert_non_null(h.path);
			assert_true(h.path[0] == '/');
			break;
		case HOST_FD:
			assert_non_null(h.fd);
			break;
		case HOST_INVALID: {
			char *why = host_refusal_text(&h);
			assert_true(why[0] != '\0');
			free(why);
			break;
		}
		}
		host_spec_clear(&h);
	}
}

/* Every refusal: the typed reason, the part of the value it names, and the
 * exact message host_refusal_text() gives (the text of the problem the scan
 * reports, which the JSON and text outputs carry). */
static void test_refusal_texts(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		enum dockerd_rules rules;
		enum host_refusal refusal;
		const char *refused;
		const char *text;
	} t[] = {
		{ " ", DOCKERD_RULES_UNKNOWN, HOST_REFUSAL_EMPTY, NULL, "empty host" },
		{ " tcp://1.2.3.4", DOCKERD_RULES_V29, HOST_REFUSAL_WHITESPACE_V29, NULL,
		  "surrounding whitespace: dockerd 29 refuses it" },
		{ "ssh://x", DOCKERD_RULES_UNKNOWN, HOST_REFUSAL_PROTO, "ssh", "unsupported proto 'ssh'" },
		{ "npipe://", DOCKERD_RULES_UNKNOWN, HOST_REFUSAL_NPIPE, NULL, "npipe is Windows only" },
		{ "unix://tcp://x", DOCKERD_RULES_UNKNOWN, HOST_REFUSAL_UNIX_ADDRESS, "tcp://x",
		  "invalid unix address: tcp://x" },
		{ "unix://unix:///x", DOCKERD_RULES_V23, HOST_REFUSAL_UNIX_ADDRESS, "unix:///x",
		  "invalid unix address: unix:///x" },
		{ "unix://@x", DOCKERD_RULES_UNKNOWN, HOST_REFUSAL_UNIX_ABSTRACT, NULL,
		  "abstract unix socket name: dockerd fails to chown it and refuses to start" },
		{ "tcp://a\x7f", DOCKERD_RULES_UNKNOWN, HOST_REFUSAL_CONTROL_CHAR, NULL,
		  "invalid control character in tcp address" },
		{ "tcp://a b@c", DOCKERD_RULES_UNKNOWN, HOST_REFUSAL_USERINFO, NULL, "invalid userinfo" },
		{ "tcp://[::1", DOCKERD_RULES_UNKNOWN, HOST_REFUSAL_MISSING_BRACKET, NULL,
		  "missing ']' in host" },
		{ "tcp://h:p", DOCKERD_RULES_UNKNOWN, HOST_REFUSAL_PORT_SUFFIX, ":p",
		  "invalid port \":p\" after host" },
		{ "tcp://[::1]p", DOCKERD_RULES_UNKNOWN, HOST_REFUSAL_PORT_SUFFIX, "p",
		  "invalid port \"p\" after host" },
		{ "tcp://a%4", DOCKERD_RULES_UNKNOWN, HOST_REFUSAL_ESCAPE, NULL, "invalid URL escape" },
		{ "tcp://%41", DOCKERD_RULES_UNKNOWN, HOST_REFUSAL_ESCAPE_IN_HOST, NULL,
		  "invalid URL escape in host" },
		{ "tcp://a^b", DOCKERD_RULES_UNKNOWN, HOST_REFUSAL_HOST_CHAR, NULL,
		  "invalid character in host name" },
		{ "tcp://h:4294967296", DOCKERD_RULES_UNKNOWN, HOST_REFUSAL_PORT_RANGE, "4294967296",
		  "invalid port: 4294967296 (out of range)" },
		{ "tcp://h:99999", DOCKERD_RULES_V23, HOST_REFUSAL_PORT_BIND, NULL,
		  "port out of range: dockerd fails at bind" },
		{ "tcp://h:99999", DOCKERD_RULES_V20, HOST_REFUSAL_PORT_BIND, NULL,
		  "port out of range: dockerd fails at bind" },
		{ "tcp://[::1]", DOCKERD_RULES_V20, HOST_REFUSAL_V20_BRACKET_NO_PORT, NULL,
		  "Invalid bind address format (dockerd 20.10: a bracketed address needs a port)" },
		{ "tcp://h:1/p", DOCKERD_RULES_V20, HOST_REFUSAL_V20_PATH, NULL,
		  "path in tcp address: dockerd 20.10 keeps it and fails at bind (unknown port)" },
		{ "tcp://a:b:1", DOCKERD_RULES_V20, HOST_REFUSAL_V20_UNBRACKETED, "a:b:1",
		  "dockerd 20.10 reads the unbracketed host \"a:b:1\" with port 2375 and cannot listen "
		  "on it" },
		{ "tcp://h:1/p", DOCKERD_RULES_V29, HOST_REFUSAL_V23_PATH, NULL,
		  "path in tcp address: dockerd 23+ refuses it" },
		{ "tcp://h:0", DOCKERD_RULES_V23, HOST_REFUSAL_V23_PORT_ZERO, NULL,
		  "port 0: dockerd 23+ refuses it" },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct host_spec h;
		struct host_parse_opts o = { .cwd = "/", .default_unix = SOCK, .rules = t[i].rules };
		print_message("refusal case %zu: \"%s\"\n", i, t[i].in);
		host_spec_parse(&h, t[i].in, &o);
		assert_int_equal(h.kind, HOST_INVALID);
		assert_int_equal(h.refusal, t[i].refusal);
		if (t[i].refused)
			assert_string_equal(h.refused, t[i].refused);
		else
			assert_null(h.refused);
		char *text = host_refusal_text(&h);
		assert_string_equal(text, t[i].text);
		free(text);
		host_spec_clear(&h);
	}
	/* Too long: the bound is in the message. */
	char *v = malloc(5000);
	assert_non_null(v);
	memset(v, 'a', 4999);
	v[4999] = '\0';
	struct host_spec h;
	host_spec_parse(&h, v, NULL);
	assert_int_equal(h.refusal, HOST_REFUSAL_TOO_LONG);
	char *text = host_refusal_text(&h);
	assert_string_equal(text, "host value longer than 4096 bytes");
	free(text);
	host_spec_clear(&h);
	free(v);
	/* A value dockerd accepts has no refusal and an empty text. */
	host_spec_parse(&h, "tcp://h:1", NULL);
	assert_int_equal(h.refusal, HOST_REFUSAL_NONE);
	text = host_refusal_text(&h);
	assert_string_equal(text, "");
	free(text);
	host_spec_clear(&h);
}

static void test_is_blank(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		bool blank;
	} t[] = {
		{ "", true }, { " ", true }, { "\t\n\v\f\r ", true }, { "\xc2\xa0", true },
		{ "\xe3\x80\x80 \xc2\x85", true }, { "\xe2\x80\x8a", true },
		{ "\xe2\x80\x8b", false }, /* U+200B is not a Go space */
		{ "x", false }, { " fd:// ", false }, { "\xc2", false }, { "\xff", false },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		print_message("blank case %zu\n", i);
		assert_int_equal(host_spec_is_blank(t[i].in), t[i].blank);
	}
	assert_true(host_spec_is_blank(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_long_values),
		cmocka_unit_test(test_fuzz),
		cmocka_unit_test(test_refusal_texts),
		cmocka_unit_test(test_is_blank),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
