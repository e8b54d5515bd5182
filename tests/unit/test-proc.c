/* /proc readers: socket table lines, dockerd process discovery, the join of
 * fd links with each network namespace's tables, and live checks on the
 * test's own process. */
#include "config.h"

#include <limits.h>
#include <grp.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <linux/kcmp.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include "testutil.h"
#include "live/proc_net.h"
#include "live/proc_process.h"
#define LE (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)

static void dump_problems(const struct dl_problem_list *p)
{
	for (size_t i = 0; i < p->count; i++)
		fprintf(stderr, "problem: %s:%u: %s\n", p->items[i].path ? p->items[i].path : "-",
			p->items[i].line, p->items[i].message);
}

static void assert_no_problems(const struct dl_problem_list *p)
{
	dump_problems(p);
	assert_int_equal(p->count, 0);
}

static bool has_problem(const struct dl_problem_list *p, const char *path, unsigned line,
			const char *needle)
{
	for (size_t i = 0; i < p->count; i++)
		if ((!path || (p->items[i].path && !strcmp(p->items[i].path, path))) &&
		    (line == UINT_MAX || p->items[i].line == line) &&
		    strstr(p->items[i].message, needle))
			return true;
	return false;
}

/* ------------------------------------------------------------ tcp lines */

/* Kernel-format tails after the addresses and state. */
#define TAIL_LISTEN(inode) " 00000000:00000000 00:00000000 00000000     0        0 " inode " 1 0000000000000000 100 0 0 10 0"
#define V4_ANY "00000000:0000"
#define V6_ANY "00000000000000000000000000000000:0000"

struct tcp_case {
	const char *line;
	bool v6;
	enum proc_net_reason why; /* PROC_NET_LINE_OK: the line parses */
	bool le_only;        /* expected text depends on little-endian byte order */
	unsigned state;
	const char *address;
	unsigned port;
	unsigned long inode;
};

static const struct tcp_case tcp_cases[] = {
	/* The spec's example: 0100007F:0CEA = 127.0.0.1:3306. */
	{ "   0: 0100007F:0CEA " V4_ANY " 0A" TAIL_LISTEN("12345"), false, PROC_NET_LINE_OK, true, 0x0A,
	  "127.0.0.1", 3306, 12345 },
	/* A line as this machine prints it (sshd-like listener). */
	{ "   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1677 1 00000000d5872227 100 0 0 10 0",
	  false, PROC_NET_LINE_OK, false, 0x0A, "0.0.0.0", 2024, 1677 },
	{ "   1: 1401A8C0:0947 " V4_ANY " 0A" TAIL_LISTEN("77"), false, PROC_NET_LINE_OK, true, 0x0A,
	  "192.168.1.20", 2375, 77 },
	{ "   2: 0302010A:0948 " V4_ANY " 0A" TAIL_LISTEN("78"), false, PROC_NET_LINE_OK, true, 0x0A,
	  "10.1.2.3", 2376, 78 },
	/* Byte order trap: the text 7F000001 is 1.0.0.127, not 127.0.0.1. */
	{ "   3: 7F000001:0CEA " V4_ANY " 0A" TAIL_LISTEN("79"), false, PROC_NET_LINE_OK, true, 0x0A,
	  "1.0.0.127", 3306, 79 },
	/* ESTABLISHED: parsed, not listening. */
	{ "   4: 0100007F:8F5A 0100007F:0947 01 00000000:00000000 00:00000000 00000000  1000        0 5555 1 0000000000000000 20 4 30 10 -1",
	  false, PROC_NET_LINE_OK, true, 0x01, "127.0.0.1", 36698, 5555 },
	/* TIME_WAIT: fewer columns, inode 0. */
	{ "   5: 0100007F:0947 0100007F:D4A2 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000",
	  false, PROC_NET_LINE_OK, true, 0x06, "127.0.0.1", 2375, 0 },
	/* Lower-case hex and extra columns. */
	{ "   6: 0100007f:0cea " V4_ANY " 0a" TAIL_LISTEN("80") " extra columns here", false, PROC_NET_LINE_OK,
	  true, 0x0A, "127.0.0.1", 3306, 80 },
	/* Negative timeout column. */
	{ "   7: 0100007F:0CEA " V4_ANY " 0A 00000000:00000000 00:00000000 00000000     0       -1 81",
	  false, PROC_NET_LINE_OK, true, 0x0A, "127.0.0.1", 3306, 81 },
	/* Largest inode. */
	{ "   8: 0100007F:0CEA " V4_ANY " 0A" TAIL_LISTEN("18446744073709551615"), false, PROC_NET_LINE_OK,
	  true, 0x0A, "127.0.0.1", 3306, ULONG_MAX },
	/* IPv6: "::" (dual-stack 0.0.0.0 of dockerd), ::1, v4-mapped, fe80::1, 2001:db8::2:1. */
	{ "   0: 00000000000000000000000000000000:0977 " V6_ANY " 0A" TAIL_LISTEN("4242"), true,
	  PROC_NET_LINE_OK, false, 0x0A, "::", 2423, 4242 },
	{ "   1: 00000000000000000000000001000000:0947 " V6_ANY " 0A" TAIL_LISTEN("4243"), true,
	  PROC_NET_LINE_OK, true, 0x0A, "::1", 2375, 4243 },
	{ "   2: 0000000000000000FFFF00000100007F:0CEA " V6_ANY " 0A" TAIL_LISTEN("4244"), true,
	  PROC_NET_LINE_OK, true, 0x0A, "::ffff:127.0.0.1", 3306, 4244 },
	{ "   3: 000080FE000000000000000001000000:0947 " V6_ANY " 0A" TAIL_LISTEN("4245"), true,
	  PROC_NET_LINE_OK, true, 0x0A, "fe80::1", 2375, 4245 },
	{ "   4: B80D0120000000000000000001000200:0948 " V6_ANY " 0A" TAIL_LISTEN("4246"), true,
	  PROC_NET_LINE_OK, true, 0x0A, "2001:db8::2:1", 2376, 4246 },
	/* Byte order trap in v6: 01000000 in the first word is 0:1::, not 1:: or ::1. */
	{ "   5: 01000000000000000000000000000000:0947 " V6_ANY " 0A" TAIL_LISTEN("4247"), true,
	  PROC_NET_LINE_OK, true, 0x0A, "0:1::", 2375, 4247 },

	/* Malformed: each must be rejected. */
	{ "", false, PROC_NET_BAD_SL, false, 0, NULL, 0, 0 },
	{ "   0: 0100007F:0CEA " V4_ANY " 0A", false, PROC_NET_BAD_QUEUES, false, 0, NULL, 0, 0 },
	{ "   0: 0100007F:0CEA " V4_ANY " 0A 00000000:00000000 00:00000000 00000000     0        0",
	  false, PROC_NET_BAD_INODE, false, 0, NULL, 0, 0 },
	{ "   0: 100007F:0CEA " V4_ANY " 0A" TAIL_LISTEN("1"), false, PROC_NET_BAD_LOCAL4, false, 0, NULL, 0, 0 },
	{ "   0: 00100007F:0CEA " V4_ANY " 0A" TAIL_LISTEN("1"), false, PROC_NET_BAD_LOCAL4, false, 0, NULL, 0, 0 },
	{ "   0: 0100007G:0CEA " V4_ANY " 0A" TAIL_LISTEN("1"), false, PROC_NET_BAD_LOCAL4, false, 0, NULL, 0, 0 },
	{ "   0: 0100007F:00CEA " V4_ANY " 0A" TAIL_LISTEN("1"), false, PROC_NET_BAD_LOCAL4, false, 0, NULL, 0, 0 },
	{ "   0: 0100007F:CEA " V4_ANY " 0A" TAIL_LISTEN("1"), false, PROC_NET_BAD_LOCAL4, false, 0, NULL, 0, 0 },
	{ "   0: 0100007F " V4_ANY " 0A" TAIL_LISTEN("1"), false, PROC_NET_BAD_LOCAL4, false, 0, NULL, 0, 0 },
	{ "   0: 0100007F:0CEA " V4_ANY " A" TAIL_LISTEN("1"), false, PROC_NET_BAD_STATE, false, 0, NULL, 0, 0 },
	{ "   0: 0100007F:0CEA " V4_ANY " 0AB" TAIL_LISTEN("1"), false, PROC_NET_BAD_STATE, false, 0, NULL, 0, 0 },
	{ "   0 0100007F:0CEA " V4_ANY " 0A" TAIL_LISTEN("1"), false, PROC_NET_BAD_SL, false, 0, NULL, 0, 0 },
	{ "   x: 0100007F:0CEA " V4_ANY " 0A" TAIL_LISTEN("1"), false, PROC_NET_BAD_SL, false, 0, NULL, 0, 0 },
	/* A v6 address in the v4 table and the other way round. */
	{ "   0: 00000000000000000000000001000000:0947 " V6_ANY " 0A" TAIL_LISTEN("1"), false,
	  PROC_NET_BAD_LOCAL4, false, 0, NULL, 0, 0 },
	{ "   0: 0100007F:0CEA " V4_ANY " 0A" TAIL_LISTEN("1"), true, PROC_NET_BAD_LOCAL6, false, 0, NULL, 0, 0 },
	/* Huge numbers. */
	{ "   0: 0100007F:0CEA " V4_ANY " 0A" TAIL_LISTEN("18446744073709551616"), false, PROC_NET_BAD_INODE,
	  false, 0, NULL, 0, 0 },
	{ "   0: 0100007F:0CEA " V4_ANY " 0A" TAIL_LISTEN("99999999999999999999999999"), false,
	  PROC_NET_BAD_INODE, false, 0, NULL, 0, 0 },
	{ "   0: 0100007F:0CEA " V4_ANY " 0A 00000000:00000000 00:00000000 00000000 4294967296        0 5",
	  false, PROC_NET_BAD_UID, false, 0, NULL, 0, 0 },
	{ "99999999999: 0100007F:0CEA " V4_ANY " 0A" TAIL_LISTEN("1"), false, PROC_NET_BAD_SL, false, 0, NULL,
	  0, 0 },
	{ "   0: 0100007F:0CEA " V4_ANY " 0A 00000000000000000:00000000 00:00000000 00000000 0 0 5",
	  false, PROC_NET_BAD_QUEUES, false, 0, NULL, 0, 0 },
	/* Garbage in the inode, tabs for spaces, binary bytes. */
	{ "   0: 0100007F:0CEA " V4_ANY " 0A" TAIL_LISTEN("12x"), false, PROC_NET_BAD_INODE, false, 0, NULL, 0,
	  0 },
	{ "   0:\t0100007F:0CEA " V4_ANY " 0A" TAIL_LISTEN("1"), false, PROC_NET_NOT_TEXT, false, 0, NULL, 0, 0 },
	{ "\x01\x02\xff\xfe garbage \x7f", false, PROC_NET_NOT_TEXT, false, 0, NULL, 0, 0 },
	{ "   0: 0100007F:0CEA " V4_ANY " 0A" TAIL_LISTEN("1") "\xc3\xa9", false, PROC_NET_NOT_TEXT, false, 0,
	  NULL, 0, 0 },
	/* A listening socket always has an inode. */
	{ "   0: 0100007F:0CEA " V4_ANY " 0A" TAIL_LISTEN("0"), false, PROC_NET_LISTEN_NO_INODE, false, 0, NULL, 0, 0 },
	{ "not a socket line at all", false, PROC_NET_BAD_SL, false, 0, NULL, 0, 0 },
};

static void tcp_lines(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(tcp_cases) / sizeof(tcp_cases[0]); i++) {
		const struct tcp_case *c = &tcp_cases[i];
		if (c->le_only && !LE)
			continue;
		struct proc_socket s;
		enum proc_net_reason why = PROC_NET_LINE_OK;
		int e = proc_net_parse_tcp_line(&s, c->line, strlen(c->line), c->v6, &why);
		if ((e == 0) != (c->why == PROC_NET_LINE_OK) || why != c->why)
			fail_msg("case %zu \"%s\": got %d (%s)", i, c->line, e,
				 proc_net_reason_text(why));
		if (c->why == PROC_NET_LINE_OK) {
			assert_int_equal(s.proto, DL_PROTO_TCP);
			assert_int_equal(s.tcp_state, c->state);
			assert_int_equal(s.listening, c->state == 0x0A);
			assert_string_equal(s.address, c->address);
			assert_int_equal(s.port, c->port);
			assert_int_equal(s.v6, c->v6);
			assert_true(s.inode == c->inode);
			assert_int_equal(s.fd, -1);
		} else {
			assert_int_equal(e, -EINVAL);
		}
		proc_socket_clear(&s);
	}
}

/* A NUL inside a line (the length, not the NUL, ends it). */
static void tcp_line_with_nul(void **state)
{
	(void)state;
	static const char line[] = "   0: 0100007F:0CEA " V4_ANY " 0A" TAIL_LISTEN("1\0002");
	struct proc_socket s;
	enum proc_net_reason why = PROC_NET_LINE_OK;
	assert_int_equal(proc_net_parse_tcp_line(&s, line, sizeof(line) - 1, false, &why), -EINVAL);
	assert_int_equal(why, PROC_NET_NOT_TEXT);
	proc_socket_clear(&s);
}

/* ----------------------------------------------------------- unix lines */

struct unix_case {
	const char *line;
	enum proc_net_reason why; /* PROC_NET_LINE_OK: the line parses */
	bool listening;
	const char *path;
	bool abstract;
	unsigned type;
	unsigned long inode;
};

static const struct unix_case unix_cases[] = {
	{ "0000000000000000: 00000002 00000000 00010000 0001 01 23456 /run/docker.sock", PROC_NET_LINE_OK, true,
	  "/run/docker.sock", false, 1, 23456 },
	{ "0000000000000000: 00000003 00000000 00000000 0001 03 23457 /run/docker.sock", PROC_NET_LINE_OK, false,
	  "/run/docker.sock", false, 1, 23457 },
	{ "00000000c3431780: 00000002 00000000 00010000 0001 01  3333 @/containerd-shim/abc.sock",
	  PROC_NET_LINE_OK, true, "@/containerd-shim/abc.sock", true, 1, 3333 },
	/* An abstract name holding NUL bytes: the kernel prints them as '@'. */
	{ "0000000000000000: 00000002 00000000 00010000 0001 01 3334 @@x@y", PROC_NET_LINE_OK, true, "@@x@y",
	  true, 1, 3334 },
	/* The path is the rest of the line: spaces kept, even a leading one. */
	{ "0000000000000000: 00000002 00000000 00010000 0001 01 4444 /tmp/my dir/a b.sock", PROC_NET_LINE_OK,
	  true, "/tmp/my dir/a b.sock", false, 1, 4444 },
	{ "0000000000000000: 00000002 00000000 00010000 0001 01 4445  lead", PROC_NET_LINE_OK, true, " lead",
	  false, 1, 4445 },
	/* Unbound sockets have no path (the width of %5lu pads the inode). */
	{ "00000000ac9ac6e1: 00000003 00000000 00000000 0001 03  1674", PROC_NET_LINE_OK, false, NULL, false, 1,
	  1674 },
	{ "00000000ac9ac6e1: 00000003 00000000 00000000 0001 03    12", PROC_NET_LINE_OK, false, NULL, false, 1,
	  12 },
	/* seqpacket listener; a 32-bit kernel's 8-digit Num; a datagram socket. */
	{ "0000000000000000: 00000002 00000000 00010000 0005 01 5555 /run/seq.sock", PROC_NET_LINE_OK, true,
	  "/run/seq.sock", false, 5, 5555 },
	{ "c3431780: 00000002 00000000 00000000 0002 01 999 /dev/log", PROC_NET_LINE_OK, false, "/dev/log",
	  false, 2, 999 },
	/* Other flag bits besides __SO_ACCEPTCON. */
	{ "0000000000000000: 00000002 00000000 00030000 0001 01 5556 /run/x.sock", PROC_NET_LINE_OK, true,
	  "/run/x.sock", false, 1, 5556 },

	/* Malformed. */
	{ "", PROC_NET_BAD_NUM, false, NULL, false, 0, 0 },
	{ "0000000000000000 00000002 00000000 00010000 0001 01 1 /x", PROC_NET_BAD_NUM, false, NULL, false, 0, 0 },
	{ "0000000000000000: 00000002 00000000 0010000 0001 01 1 /x", PROC_NET_BAD_FLAGS, false, NULL, false, 0, 0 },
	{ "0000000000000000: 00000002 00000000 00010000 001 01 1 /x", PROC_NET_BAD_TYPE, false, NULL, false, 0, 0 },
	{ "0000000000000000: 00000002 00000000 00010000 0001 1 1 /x", PROC_NET_BAD_ST, false, NULL, false, 0, 0 },
	{ "0000000000000000: 00000002 00000000 00010000 0001 01", PROC_NET_BAD_UNIX_INODE, false, NULL, false, 0, 0 },
	{ "0000000000000000: 00000002 00000000 00010000 0001 01 1 ", PROC_NET_EMPTY_PATH, false, NULL, false, 0,
	  0 },
	{ "0000000000000000: 00000002 00000000 00010000 0001 01 12a /x", PROC_NET_BAD_UNIX_INODE, false, NULL, false, 0,
	  0 },
	{ "0000000000000000: 00000002 00000000 00010000 0001 01 99999999999999999999999 /x", PROC_NET_BAD_UNIX_INODE,
	  false, NULL, false, 0, 0 },
	{ "00000000000000000: 00000002 00000000 00010000 0001 01 1 /x", PROC_NET_BAD_NUM, false, NULL, false, 0,
	  0 },
	{ "0000000000000000: 00000002 00000000 00010000 0001 01 0 /x", PROC_NET_LISTEN_NO_INODE, false, NULL, false, 0,
	  0 },
	/* Longer than any sun_path. */
	{ "0000000000000000: 00000002 00000000 00010000 0001 01 7 /"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaaaaa",
	  PROC_NET_PATH_TOO_LONG, false, NULL, false, 0, 0 },
	{ "Num       RefCount Protocol Flags    Type St Inode Path", PROC_NET_BAD_NUM, false, NULL, false, 0, 0 },
	{ "\xff\xfe\x01", PROC_NET_BAD_NUM, false, NULL, false, 0, 0 },
};

static void unix_lines(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(unix_cases) / sizeof(unix_cases[0]); i++) {
		const struct unix_case *c = &unix_cases[i];
		struct proc_socket s;
		enum proc_net_reason why = PROC_NET_LINE_OK;
		int e = proc_net_parse_unix_line(&s, c->line, strlen(c->line), &why);
		if ((e == 0) != (c->why == PROC_NET_LINE_OK) || why != c->why)
			fail_msg("case %zu \"%s\": got %d (%s)", i, c->line, e,
				 proc_net_reason_text(why));
		if (c->why == PROC_NET_LINE_OK) {
			assert_int_equal(s.proto, DL_PROTO_UNIX);
			assert_int_equal(s.listening, c->listening);
			if (c->path)
				assert_string_equal(s.path, c->path);
			else
				assert_null(s.path);
			assert_int_equal(s.abstract, c->abstract);
			assert_int_equal(s.unix_type, c->type);
			assert_true(s.inode == c->inode);
		} else {
			assert_int_equal(e, -EINVAL);
		}
		proc_socket_clear(&s);
	}
	/* A NUL byte in the path region. */
	static const char nul[] = "0000000000000000: 00000002 00000000 00010000 0001 01 7 /a\0b";
	struct proc_socket s;
	enum proc_net_reason why = PROC_NET_LINE_OK;
	assert_int_equal(proc_net_parse_unix_line(&s, nul, sizeof(nul) - 1, &why), -EINVAL);
	assert_int_equal(why, PROC_NET_PATH_NUL);
	proc_socket_clear(&s);
}

/* ------------------------------------------------------------- tables */

#define TCP_HEADER "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode                                                     \n"
#define TCP6_HEADER "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
#define UNIX_HEADER "Num       RefCount Protocol Flags    Type St Inode Path\n"

static void tcp_table_garbage_lines(void **state)
{
	(void)state;
	static const char text[] =
		TCP_HEADER
		"   0: 0100007F:0CEA " V4_ANY " 0A" TAIL_LISTEN("11") "\n"          /* 2 */
		"   1: 0100007F:8F5A 0100007F:0947 01 00000000:00000000 00:00000000 00000000  1000        0 5555 1\n" /* 3 */
		"this line is garbage\n"                                             /* 4 */
		"   2: 0100007F:0CEA " V4_ANY " 0A\n"                                /* 5: short */
		"\n"                                                                 /* 6: empty */
		"   3: 00000000:0947 " V4_ANY " 0A" TAIL_LISTEN("12") "\n";          /* 7 */
	struct proc_socket_list l = { 0 };
	struct dl_problem_list p = { 0 };
	proc_net_parse_tcp_table(&l, "/proc/9/net/tcp", text, sizeof(text) - 1, false, &p);
	assert_int_equal(l.count, 2);
	assert_true(l.items[0].inode == 11);
	assert_string_equal(l.items[0].where.source, SRC_PROCESS);
	assert_string_equal(l.items[0].where.path, "/proc/9/net/tcp");
	assert_int_equal(l.items[0].where.line, 2);
	assert_true(str_startswith(l.items[0].where.text, "   0: 0100007F:0CEA"));
	assert_true(l.items[1].inode == 12);
	assert_string_equal(l.items[1].address, "0.0.0.0");
	assert_int_equal(l.items[1].where.line, 7);
	dump_problems(&p);
	assert_int_equal(p.count, 3);
	/* The table reader turns each line's typed reason into a problem with
	 * the path, the line and the reason's text. */
	assert_true(has_problem(&p, "/proc/9/net/tcp", 4,
				"cannot parse socket line: bad slot number (sl column)"));
	assert_true(has_problem(&p, "/proc/9/net/tcp", 5,
				"cannot parse socket line: bad tx_queue:rx_queue column"));
	assert_true(has_problem(&p, "/proc/9/net/tcp", 6,
				"cannot parse socket line: bad slot number (sl column)"));
	proc_socket_list_clear(&l);
	problem_list_clear(&p);
}

/* Every reason has its own message; the first and the last are as the
 * problem list has always shown them. */
static void reason_texts(void **state)
{
	(void)state;
	assert_string_equal(proc_net_reason_text(PROC_NET_LINE_OK), "");
	assert_string_equal(proc_net_reason_text(PROC_NET_NOT_TEXT),
			    "not text: control or non-ASCII bytes");
	assert_string_equal(proc_net_reason_text(PROC_NET_BAD_LOCAL6),
			    "bad local address: expected 32 hex digits ':' 4 hex digits");
	assert_string_equal(proc_net_reason_text(PROC_NET_PATH_NUL), "NUL byte in the path");
	for (int a = PROC_NET_NOT_TEXT; a <= PROC_NET_PATH_NUL; a++) {
		const char *ta = proc_net_reason_text((enum proc_net_reason)a);
		assert_true(ta[0] != '\0');
		assert_string_not_equal(ta, "unknown reason");
		for (int b = PROC_NET_NOT_TEXT; b < a; b++)
			assert_string_not_equal(ta, proc_net_reason_text((enum proc_net_reason)b));
	}
	assert_string_equal(proc_net_reason_text((enum proc_net_reason)(PROC_NET_PATH_NUL + 1)),
			    "unknown reason");
}

static void table_headers(void **state)
{
	(void)state;
	struct proc_socket_list l = { 0 };
	struct dl_problem_list p = { 0 };

	/* The real headers, tcp6's "remote_address" included, are accepted. */
	proc_net_parse_tcp_table(&l, "/t", TCP_HEADER, strlen(TCP_HEADER), false, &p);
	proc_net_parse_tcp_table(&l, "/t6", TCP6_HEADER, strlen(TCP6_HEADER), true, &p);
	proc_net_parse_unix_table(&l, "/u", UNIX_HEADER, strlen(UNIX_HEADER), &p);
	assert_no_problems(&p);
	assert_int_equal(l.count, 0);

	/* Empty table, wrong header, the other table's header. */
	proc_net_parse_tcp_table(&l, "/empty", "", 0, false, &p);
	assert_true(has_problem(&p, "/empty", 0, "header line is missing"));
	proc_net_parse_tcp_table(&l, "/bad", "hello world\n", 12, false, &p);
	assert_true(has_problem(&p, "/bad", 1, "unexpected header"));
	proc_net_parse_unix_table(&l, "/swapped", TCP_HEADER, strlen(TCP_HEADER), &p);
	assert_true(has_problem(&p, "/swapped", 1, "unexpected header"));
	/* Binary garbage: one problem per line, never a crash. */
	static const char bin[] = UNIX_HEADER "\x00\x01\x02\n\xff\xff\xff\xff\n";
	proc_net_parse_unix_table(&l, "/bin", bin, sizeof(bin) - 1, &p);
	assert_true(has_problem(&p, "/bin", 2, "cannot parse"));
	assert_true(has_problem(&p, "/bin", 3, "cannot parse"));
	assert_int_equal(l.count, 0);
	proc_socket_list_clear(&l);
	problem_list_clear(&p);
}

static void unix_table(void **state)
{
	(void)state;
	static const char text[] =
		UNIX_HEADER
		"0000000000000000: 00000002 00000000 00010000 0001 01 100 /run/docker.sock\n"
		"0000000000000000: 00000003 00000000 00000000 0001 03 101 /run/docker.sock\n"
		"0000000000000000: 00000002 00000000 00010000 0001 01 102 @abstract name\n"
		"0000000000000000: 00000003 00000000 00000000 0001 03   103\n";
	struct proc_socket_list l = { 0 };
	struct dl_problem_list p = { 0 };
	proc_net_parse_unix_table(&l, "/proc/1/net/unix", text, sizeof(text) - 1, &p);
	assert_no_problems(&p);
	assert_int_equal(l.count, 2);
	assert_string_equal(l.items[0].path, "/run/docker.sock");
	assert_int_equal(l.items[0].where.line, 2);
	assert_string_equal(l.items[1].path, "@abstract name");
	assert_true(l.items[1].abstract);
	assert_int_equal(l.items[1].where.line, 4);
	proc_socket_list_clear(&l);
	problem_list_clear(&p);
}

/* A unix path holding a newline forges a second line for a listening inode:
 * seen twice, it is a problem. */
static void forged_duplicate_inode(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	fixture_write(root, "/proc/7/net/tcp", TCP_HEADER);
	fixture_write(root, "/proc/7/net/unix",
		      UNIX_HEADER
		      "0000000000000000: 00000002 00000000 00010000 0001 01 500 /run/docker.sock\n"
		      "0000000000000000: 00000002 00000000 00010000 0001 01 600 /tmp/x\n"
		      "0000000000000000: 00000002 00000000 00010000 0001 01 500 /tmp/evil\n");
	struct rootfs r;
	assert_int_equal(rootfs_open(&r, root), 0);
	struct proc_net_table t = { 0 };
	struct dl_problem_list p = { 0 };
	assert_int_equal(proc_net_read(&t, &r, 7, &p), 0);
	dump_problems(&p);
	assert_int_equal(t.listening.count, 3);
	assert_true(has_problem(&p, "/proc/7/net/unix", 4, "listed twice"));
	assert_int_equal(p.count, 1);
	proc_net_table_clear(&t);
	problem_list_clear(&p);
	rootfs_close(&r);
	fixture_rmroot(root);
}

static void net_read_missing_tables(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	/* tcp6 missing: IPv6 disabled, no problem. unix missing: a problem. */
	fixture_write(root, "/proc/8/net/tcp", TCP_HEADER);
	struct rootfs r;
	assert_int_equal(rootfs_open(&r, root), 0);
	struct proc_net_table t = { 0 };
	struct dl_problem_list p = { 0 };
	assert_int_equal(proc_net_read(&t, &r, 8, &p), 0);
	dump_problems(&p);
	assert_int_equal(p.count, 1);
	assert_true(has_problem(&p, "/proc/8/net/unix", 0, "cannot read socket table"));
	proc_net_table_clear(&t);
	/* No net directory at all: -ENOENT, no problem. */
	problem_list_clear(&p);
	assert_int_equal(proc_net_read(&t, &r, 9, &p), -ENOENT);
	assert_int_equal(p.count, 0);
	proc_net_table_clear(&t);
	rootfs_close(&r);
	fixture_rmroot(root);
}

/* ------------------------------------------------------ small parsers */

struct stat_case {
	const char *text;
	int ret;
	unsigned long long start;
};

#define STAT_MID " S 1 100 100 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 12 0 "
#define STAT_END " 1000 200 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 3 0 0 0 0 0\n"

static const struct stat_case stat_cases[] = {
	{ "100 (dockerd)" STAT_MID "5000" STAT_END, 0, 5000 },
	{ "100 (a b c)" STAT_MID "5001" STAT_END, 0, 5001 },
	/* comm holding ") (" and ")": fields count from the last ')'. */
	{ "100 (x) (y)" STAT_MID "5002" STAT_END, 0, 5002 },
	{ "100 ())" STAT_MID "5003" STAT_END, 0, 5003 },
	{ "100 (a) S 1 2 3)" STAT_MID "5004" STAT_END, 0, 5004 },
	{ "100 (new\nline)" STAT_MID "5005" STAT_END, 0, 5005 },
	{ "100 (x)" STAT_MID "18446744073709551615" STAT_END, 0, 18446744073709551615ull },
	{ "100 (x)" STAT_MID "18446744073709551616" STAT_END, -ERANGE, 0 },
	{ "100 (x)" STAT_MID "50x0" STAT_END, -EINVAL, 0 },
	{ "100 (x) S 1 2 3", -EINVAL, 0 },
	{ "100 (dockerd S 1 100 100", -EINVAL, 0 },
	{ "(x)" STAT_MID "1" STAT_END, -EINVAL, 0 },
	{ "100 (x) SS 1 100 100 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 12 0 7" STAT_END, -EINVAL, 0 },
	{ "100 (x)  S 1 100 100 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 12 0 7" STAT_END, -EINVAL, 0 },
	{ "", -EINVAL, 0 },
};

static void stat_start_time(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(stat_cases) / sizeof(stat_cases[0]); i++) {
		unsigned long long v = 0;
		int e = proc_parse_stat_start_time(&v, stat_cases[i].text,
						   strlen(stat_cases[i].text));
		if (e != stat_cases[i].ret)
			fail_msg("case %zu: got %d", i, e);
		if (e == 0)
			assert_true(v == stat_cases[i].start);
	}
}

static void stat_ppid(void **state)
{
	(void)state;
	unsigned long v = 99;
	static const char a[] = "100 (dockerd) S 4242 100 100 0 -1 4194560 1 0 0 0";
	assert_int_equal(proc_parse_stat_ppid(&v, a, strlen(a)), 0);
	assert_true(v == 4242);
	static const char b[] = "100 (a) S 1 2 3) R 77 1 1";
	assert_int_equal(proc_parse_stat_ppid(&v, b, strlen(b)), 0);
	assert_true(v == 77);
	static const char c[] = "1 (systemd) S 0 1 1 0";
	assert_int_equal(proc_parse_stat_ppid(&v, c, strlen(c)), 0);
	assert_true(v == 0);
	static const char d[] = "100 (x) S 4194305 1 1";
	assert_int_equal(proc_parse_stat_ppid(&v, d, strlen(d)), -ERANGE);
	static const char e[] = "100 (x) S -1 1 1";
	assert_int_equal(proc_parse_stat_ppid(&v, e, strlen(e)), -EINVAL);
	static const char f[] = "100 (x) S";
	assert_int_equal(proc_parse_stat_ppid(&v, f, strlen(f)), -EINVAL);
}

struct link_case {
	const char *target;
	int ret;
	unsigned long inode;
};

static const struct link_case link_cases[] = {
	{ "socket:[123]", 1, 123 },
	{ "socket:[18446744073709551615]", 1, ULONG_MAX },
	{ "pipe:[123]", 0, 0 },
	{ "anon_inode:[eventpoll]", 0, 0 },
	{ "/dev/null", 0, 0 },
	{ "socket:[]", -EINVAL, 0 },
	{ "socket:[12", -EINVAL, 0 },
	{ "socket:[12]x", -EINVAL, 0 },
	{ "socket:[abc]", -EINVAL, 0 },
	{ "socket:[0]", -EINVAL, 0 },
	{ "socket:[-1]", -EINVAL, 0 },
	{ "socket:[18446744073709551616]", -EINVAL, 0 },
};

static void socket_links(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(link_cases) / sizeof(link_cases[0]); i++) {
		unsigned long inode = 0;
		int e = proc_parse_socket_link(&inode, link_cases[i].target);
		if (e != link_cases[i].ret)
			fail_msg("case %zu \"%s\": got %d", i, link_cases[i].target, e);
		if (e == 1)
			assert_true(inode == link_cases[i].inode);
	}
}

struct pidfile_case {
	const char *text;
	size_t len; /* 0: strlen */
	int ok;
	unsigned long pid;
};

static const struct pidfile_case pidfile_cases[] = {
	{ "1234", 0, 1, 1234 },
	{ "1234\n", 0, 1, 1234 },
	{ "  42 \r\n", 0, 1, 42 },
	{ "4194304", 0, 1, 4194304 },
	{ "", 0, 0, 0 },
	{ "\n", 0, 0, 0 },
	{ "0", 0, 0, 0 },
	{ "4194305", 0, 0, 0 },
	{ "-5", 0, 0, 0 },
	{ "12ab", 0, 0, 0 },
	{ "12 34", 0, 0, 0 },
	{ "+12", 0, 0, 0 },
	{ "99999999999999999999999", 0, 0, 0 },
	{ "12\0", 3, 0, 0 },
};

static void pidfiles(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(pidfile_cases) / sizeof(pidfile_cases[0]); i++) {
		const struct pidfile_case *c = &pidfile_cases[i];
		unsigned long pid = 0;
		int e = proc_parse_pidfile(&pid, c->text, c->len ? c->len : strlen(c->text));
		if ((e == 0) != c->ok)
			fail_msg("case %zu: got %d", i, e);
		if (c->ok)
			assert_true(pid == c->pid);
	}
}

struct daemon_case {
	const char *comm;
	const char *argv; /* words separated by '|' */
	bool daemon;
	size_t args_start;
	bool legacy;
};

static const struct daemon_case daemon_cases[] = {
	{ "dockerd", "/usr/bin/dockerd|-H|fd://", true, 1, false },
	{ "dockerd-current", "/usr/bin/dockerd-current|--add-runtime|x=y", true, 1, false },
	{ "dockerd", "dockerd", true, 1, false },
	/* Empty cmdline: kernel thread or zombie. */
	{ "dockerd", "", false, 1, false },
	{ "docker", "docker|daemon|-H|tcp://0.0.0.0:2375", true, 2, true },
	{ "docker", "/usr/bin/docker|-d|-H|tcp://0.0.0.0:2375", true, 1, true },
	{ "docker", "docker|--daemon", true, 1, true },
	{ "docker", "docker|--daemon=true", true, 1, true },
	{ "docker", "docker|-d=1", true, 1, true },
	{ "docker", "docker|-d=false", false, 1, false },
	{ "docker", "docker|-D|daemon|--tls", true, 3, true },
	{ "docker", "docker|-H|unix:///x.sock|-d", true, 1, true },
	{ "docker-current", "/usr/bin/docker-current|daemon|--exec-opt|native.cgroupdriver=systemd",
	  true, 2, true },
	/* Client commands: "-d" belongs to them. */
	{ "docker", "docker|run|-d|nginx", false, 1, false },
	{ "docker", "docker|-H|unix:///x.sock|run|-d|busybox", false, 1, false },
	{ "docker", "docker|container|run|-d|nginx", false, 1, false },
	{ "docker", "docker|ps", false, 1, false },
	{ "docker", "docker", false, 1, false },
	{ "docker", "docker|--|-d", false, 1, false },
	/* comm decides, argv[0] does not. */
	{ "bash", "dockerd|-H|tcp://0.0.0.0:2375", false, 1, false },
	{ "containerd", "containerd", false, 1, false },
	{ "dockerd-rootless", "dockerd-rootless.sh", false, 1, false },
};

static void daemon_detection(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(daemon_cases) / sizeof(daemon_cases[0]); i++) {
		const struct daemon_case *c = &daemon_cases[i];
		char buf[256], *words[16];
		size_t n = 0;
		snprintf(buf, sizeof(buf), "%s", c->argv);
		if (*buf)
			for (char *save = NULL, *w = strtok_r(buf, "|", &save); w && n < 16;
			     w = strtok_r(NULL, "|", &save))
				words[n++] = w;
		size_t start = 99;
		bool legacy = true;
		bool yes = proc_is_docker_daemon(c->comm, words, n, &start, &legacy);
		if (yes != c->daemon || start != c->args_start || legacy != c->legacy)
			fail_msg("case %zu (%s \"%s\"): got %d start %zu legacy %d", i, c->comm,
				 c->argv, yes, start, legacy);
	}
}

/* ------------------------------------------------------- fixture /proc */

#define NETNS_A "net:[4026531992]"
#define NETNS_B "net:[4026532500]"

static void write_bytes(const char *root, const char *path, const char *bytes, size_t len)
{
	char buf[4096];
	fixture_write(root, path, "");
	snprintf(buf, sizeof(buf), "%s%s", root, path);
	FILE *f = fopen(buf, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	fclose(f);
}

#define WRITE_BYTES(root, path, lit) write_bytes(root, path, lit, sizeof(lit) - 1)

static char *make_proc_fixture(void)
{
	char *root = fixture_mkroot();

	/* pid 1 (systemd) and a kernel thread. */
	fixture_write(root, "/proc/1/comm", "systemd\n");
	WRITE_BYTES(root, "/proc/1/cmdline", "/sbin/init\0");
	fixture_write(root, "/proc/2/comm", "kthreadd\n");
	fixture_write(root, "/proc/2/cmdline", "");
	fixture_symlink(root, "/proc/self", "100");
	fixture_symlink(root, "/proc/net", "self/net");

	/* dockerd 100, netns A: -H fd:// (the unix socket on fd 3, dup'ed on
	 * fd 7), dual-stack TCP 2376 (tcp6 "::"), metrics on 127.0.0.1:9323. */
	fixture_write(root, "/proc/100/comm", "dockerd\n");
	WRITE_BYTES(root, "/proc/100/cmdline",
		    "/usr/bin/dockerd\0-H\0fd://\0-H\0tcp://0.0.0.0:2376\0--tlsverify\0");
	WRITE_BYTES(root, "/proc/100/environ",
		    "PATH=/usr/bin:/bin\0LISTEN_FDS=1\0LISTEN_PID=100\0NOEQUALS\0=empty\0");
	fixture_write(root, "/proc/100/stat",
		      "100 (dockerd) S 1 100 100 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 12 0 5000 1 2\n");
	fixture_symlink(root, "/proc/100/cwd", "/");
	fixture_symlink(root, "/proc/100/ns/net", NETNS_A);
	fixture_symlink(root, "/proc/100/fd/0", "/dev/null");
	fixture_symlink(root, "/proc/100/fd/3", "socket:[1001]");
	fixture_symlink(root, "/proc/100/fd/4", "socket:[1002]");
	fixture_symlink(root, "/proc/100/fd/5", "socket:[1003]");
	fixture_symlink(root, "/proc/100/fd/6", "pipe:[77]");
	fixture_symlink(root, "/proc/100/fd/7", "socket:[1001]");
	fixture_symlink(root, "/proc/100/fd/8", "socket:[1004]");
	fixture_write(root, "/proc/100/net/tcp",
		      TCP_HEADER
		      "   0: 00000000:0016 " V4_ANY " 0A" TAIL_LISTEN("2000") "\n"
		      "   1: 0100007F:2463 " V4_ANY " 0A" TAIL_LISTEN("1004") "\n"
		      "   2: 0100007F:0949 " V4_ANY " 0A" TAIL_LISTEN("1006") "\n"
		      "   3: 0100007F:8F5A 0100007F:0948 01 00000000:00000000 00:00000000 00000000     0        0 1003 1\n");
	fixture_write(root, "/proc/100/net/tcp6",
		      TCP6_HEADER
		      "   0: 00000000000000000000000000000000:0948 " V6_ANY " 0A" TAIL_LISTEN("1002") "\n");
	fixture_write(root, "/proc/100/net/unix",
		      UNIX_HEADER
		      "0000000000000000: 00000002 00000000 00010000 0001 01 1001 /run/docker.sock\n"
		      "0000000000000000: 00000002 00000000 00010000 0001 01 2001 /run/other.sock\n"
		      "0000000000000000: 00000003 00000000 00000000 0001 03 1005 /run/docker.sock\n");

	/* dockerd 150 in the same netns: its own tables are garbage, so
	 * reading them would show; they must not be read. */
	fixture_write(root, "/proc/150/comm", "dockerd\n");
	WRITE_BYTES(root, "/proc/150/cmdline", "dockerd\0--data-root\0/var/lib/docker2\0");
	WRITE_BYTES(root, "/proc/150/environ", "");
	fixture_symlink(root, "/proc/150/ns/net", NETNS_A);
	fixture_symlink(root, "/proc/150/fd/3", "socket:[1006]");
	fixture_write(root, "/proc/150/net/tcp", "this is not a socket table\n\x01\x02\n");
	fixture_write(root, "/proc/150/net/unix", "garbage\n");

	/* dockerd 200 (rootless) in netns B, IPv6 disabled (no tcp6). */
	fixture_write(root, "/proc/200/comm", "dockerd\n");
	WRITE_BYTES(root, "/proc/200/cmdline", "dockerd\0--rootless\0-H\0tcp://127.0.0.1:2375\0");
	WRITE_BYTES(root, "/proc/200/environ", "ROOTLESSKIT_STATE_DIR=/tmp/rk\0");
	fixture_symlink(root, "/proc/200/cwd", "/home/user");
	fixture_symlink(root, "/proc/200/ns/net", NETNS_B);
	fixture_symlink(root, "/proc/200/fd/3", "socket:[3001]");
	fixture_symlink(root, "/proc/200/fd/4", "socket:[3002]");
	fixture_write(root, "/proc/200/net/tcp",
		      TCP_HEADER "   0: 0100007F:0947 " V4_ANY " 0A" TAIL_LISTEN("3001") "\n");
	fixture_write(root, "/proc/200/net/unix",
		      UNIX_HEADER
		      "0000000000000000: 00000002 00000000 00010000 0001 01 3002 /run/user/1000/docker.sock\n");

	/* An unrelated process: its fd dir and netns link are symlink loops and
	 * its tables garbage; any read of them would be a problem. */
	fixture_write(root, "/proc/300/comm", "sshd\n");
	WRITE_BYTES(root, "/proc/300/cmdline", "sshd: /usr/sbin/sshd -D\0");
	fixture_symlink(root, "/proc/300/fd", "fd");
	fixture_symlink(root, "/proc/300/ns", "ns");
	fixture_write(root, "/proc/300/net/tcp", "garbage\n");
	/* The docker client running "docker run -d": not a daemon either. */
	fixture_write(root, "/proc/310/comm", "docker\n");
	WRITE_BYTES(root, "/proc/310/cmdline", "docker\0run\0-d\0nginx\0");
	fixture_symlink(root, "/proc/310/fd", "fd");

	/* A vanished process: the directory is there, its files are not. */
	fixture_write(root, "/proc/400/.gone", "");
	/* A zombie dockerd: comm, but an empty command line and no fds. */
	fixture_write(root, "/proc/500/comm", "dockerd\n");
	fixture_write(root, "/proc/500/cmdline", "");
	fixture_symlink(root, "/proc/500/fd", "fd");

	fixture_symlink(root, "/var/run", "../run");
	fixture_write(root, "/run/docker.pid", "100\n");
	return root;
}

static const struct proc_daemon *find_daemon(const struct proc_scan *s, unsigned long pid)
{
	for (size_t i = 0; i < s->count; i++)
		if (s->daemons[i].pid == pid)
			return &s->daemons[i];
	return NULL;
}

static void fixture_scan(void **state)
{
	(void)state;
	char *root = make_proc_fixture();
	struct rootfs r;
	assert_int_equal(rootfs_open(&r, root), 0);
	struct proc_scan s;
	struct dl_problem_list p = { 0 };
	proc_scan_daemons(&s, &r, &p);
	assert_no_problems(&p);

	assert_true(s.proc_present);
	assert_int_equal(s.processes_seen, 9); /* 1 2 100 150 200 300 310 400 500 */
	assert_int_equal(s.count, 3);
	/* Two namespaces, two reads: 150 shares 100's tables. */
	assert_int_equal(s.table_count, 2);
	assert_true(s.tables[0].pid == 100);
	assert_string_equal(s.tables[0].netns, NETNS_A);
	assert_true(s.tables[1].pid == 200);
	assert_string_equal(s.tables[1].netns, NETNS_B);

	const struct proc_daemon *d = find_daemon(&s, 100);
	assert_non_null(d);
	assert_string_equal(d->comm, "dockerd");
	assert_true(d->start_time == 5000);
	assert_false(d->legacy);
	assert_int_equal(d->args_start, 1);
	assert_int_equal(d->argv.count, 6);
	assert_string_equal(d->argv.items[0].text, "/usr/bin/dockerd");
	assert_string_equal(d->argv.items[4].text, "tcp://0.0.0.0:2376");
	assert_string_equal(d->argv.items[4].where.source, SRC_PROCESS);
	assert_string_equal(d->argv.items[4].where.path, "/proc/100/cmdline");
	assert_string_equal(d->argv.items[4].where.text,
			    "/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2376 --tlsverify");
	assert_null(d->argv.items[4].via.source);
	assert_true(d->env_read);
	assert_int_equal(d->env.count, 3); /* NOEQUALS and "=empty" are not variables */
	const struct env_var *v = env_get(&d->env, "LISTEN_FDS");
	assert_non_null(v);
	assert_string_equal(v->value, "1");
	assert_string_equal(v->where.path, "/proc/100/environ");
	assert_int_equal(v->where.line, 2);
	assert_string_equal(v->where.text, "LISTEN_FDS=1");
	assert_string_equal(d->cwd, "/");
	assert_string_equal(d->netns, NETNS_A);
	assert_true(d->fds_read);
	assert_int_equal(d->socket_count, 5); /* 3 4 5 7 8 */
	assert_true(d->from_pidfile);

	/* Listeners in table order: tcp (metrics), tcp6 (::), unix. */
	assert_int_equal(d->listeners.count, 3);
	const struct proc_socket *m = &d->listeners.items[0];
	assert_int_equal(m->proto, DL_PROTO_TCP);
	assert_string_equal(m->address, "127.0.0.1");
	assert_int_equal(m->port, 9315);
	assert_int_equal(m->fd, 8);
	assert_string_equal(m->where.path, "/proc/100/net/tcp");
	assert_int_equal(m->where.line, 3);
	m = &d->listeners.items[1];
	assert_int_equal(m->proto, DL_PROTO_TCP);
	assert_true(m->v6);
	assert_string_equal(m->address, "::");
	assert_int_equal(m->port, 2376);
	assert_int_equal(m->fd, 4);
	assert_string_equal(m->where.path, "/proc/100/net/tcp6");
	assert_int_equal(m->where.line, 2);
	assert_string_equal(m->fd_where.source, SRC_PROCESS);
	assert_string_equal(m->fd_where.path, "/proc/100/fd/4");
	assert_string_equal(m->fd_where.text, "socket:[1002]");
	m = &d->listeners.items[2];
	assert_int_equal(m->proto, DL_PROTO_UNIX);
	assert_string_equal(m->path, "/run/docker.sock");
	assert_false(m->abstract);
	assert_int_equal(m->fd, 3); /* also on fd 7: the lowest */
	assert_string_equal(m->fd_where.path, "/proc/100/fd/3");

	d = find_daemon(&s, 150);
	assert_non_null(d);
	assert_int_equal(d->argv.count, 3);
	assert_true(d->env_read);
	assert_int_equal(d->env.count, 0);
	assert_null(d->cwd);
	assert_true(d->start_time == 0);
	assert_false(d->from_pidfile);
	assert_int_equal(d->listeners.count, 1);
	assert_string_equal(d->listeners.items[0].address, "127.0.0.1");
	assert_int_equal(d->listeners.items[0].port, 2377);
	/* Read once, from 100's tables. */
	assert_string_equal(d->listeners.items[0].where.path, "/proc/100/net/tcp");

	d = find_daemon(&s, 200);
	assert_non_null(d);
	assert_string_equal(d->cwd, "/home/user");
	assert_non_null(env_get(&d->env, "ROOTLESSKIT_STATE_DIR"));
	assert_int_equal(d->listeners.count, 2);
	assert_string_equal(d->listeners.items[0].address, "127.0.0.1");
	assert_int_equal(d->listeners.items[0].port, 2375);
	assert_false(d->listeners.items[0].v6);
	assert_string_equal(d->listeners.items[1].path, "/run/user/1000/docker.sock");

	assert_null(find_daemon(&s, 300));
	assert_null(find_daemon(&s, 310));
	assert_null(find_daemon(&s, 500));

	assert_true(s.pidfile_present);
	assert_true(s.pidfile_pid == 100);
	assert_true(s.pidfile_alive);
	assert_string_equal(s.pidfile_where.path, PROC_DOCKER_PIDFILE);

	proc_scan_clear(&s);
	problem_list_clear(&p);
	rootfs_close(&r);
	fixture_rmroot(root);
}

/* A dockerd whose files are partly missing, a legacy daemon, a bad pidfile,
 * and no process 1 (hidepid). */
static void fixture_faults(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	/* comm says dockerd, nothing else is there. */
	fixture_write(root, "/proc/600/comm", "dockerd\n");
	/* Legacy "docker daemon" with fds but no tables. */
	fixture_write(root, "/proc/700/comm", "docker\n");
	WRITE_BYTES(root, "/proc/700/cmdline", "/usr/bin/docker\0daemon\0-H\0tcp://0.0.0.0:2375\0");
	WRITE_BYTES(root, "/proc/700/environ", "A=1\0");
	fixture_symlink(root, "/proc/700/fd/3", "socket:[9]");
	fixture_symlink(root, "/proc/700/fd/4", "socket:[bogus]");
	fixture_write(root, "/var/run/docker.pid", "not a pid\n");
	/* A process whose name cannot be read: it could be a dockerd. */
	fixture_write(root, "/proc/800/comm/x", "");

	struct rootfs r;
	assert_int_equal(rootfs_open(&r, root), 0);
	struct proc_scan s;
	struct dl_problem_list p = { 0 };
	proc_scan_daemons(&s, &r, &p);
	dump_problems(&p);
	assert_int_equal(s.processes_seen, 3);
	assert_int_equal(s.count, 2);
	assert_true(has_problem(&p, "/proc/800/comm", 0, "1 process(es) could not be identified"));
	assert_true(has_problem(&p, "/proc", 0, "process 1 is not listed"));
	assert_true(has_problem(&p, "/proc/600/cmdline", 0, "cannot read command line"));
	assert_true(has_problem(&p, "/proc/600/environ", 0, "cannot read environment"));
	assert_true(has_problem(&p, "/proc/600/fd", 0, "cannot read descriptor table"));
	assert_true(has_problem(&p, "/proc/600/net", 0, "cannot read socket tables"));
	assert_true(has_problem(&p, "/proc/700/fd/4", 0, "malformed socket link"));
	assert_true(has_problem(&p, "/proc/700/net", 0, "cannot read socket tables"));
	assert_true(has_problem(&p, PROC_DOCKER_PIDFILE, 1, "does not hold a process id"));
	assert_int_equal(p.count, 9);
	const struct proc_daemon *d = find_daemon(&s, 700);
	assert_non_null(d);
	assert_true(d->legacy);
	assert_int_equal(d->args_start, 2);
	assert_int_equal(d->socket_count, 1);
	assert_false(find_daemon(&s, 600)->fds_read);
	assert_true(s.pidfile_present);
	assert_true(s.pidfile_pid == 0);
	proc_scan_clear(&s);
	problem_list_clear(&p);
	rootfs_close(&r);
	fixture_rmroot(root);
}

/* Command lines: the evidence text is bounded, and so is the word count. */
static void fixture_long_cmdline(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	size_t n = 0, cap = 16 + 3000 + (PROC_MAX_ARGS + 2) * 2;
	char *buf = malloc(cap);
	assert_non_null(buf);
	memcpy(buf, "dockerd", 8);
	n = 8;
	memset(buf + n, 'a', 3000);
	n += 3000;
	buf[n++] = '\0';
	for (unsigned i = 0; i < PROC_MAX_ARGS; i++) {
		buf[n++] = 'x';
		buf[n++] = '\0';
	}
	fixture_write(root, "/proc/1/comm", "dockerd\n");
	write_bytes(root, "/proc/1/cmdline", buf, n);
	free(buf);
	WRITE_BYTES(root, "/proc/1/environ", "");
	fixture_write(root, "/proc/1/fd/.keep", "");
	struct rootfs r;
	assert_int_equal(rootfs_open(&r, root), 0);
	struct proc_daemon d;
	struct dl_problem_list p = { 0 };
	assert_int_equal(proc_daemon_read(&d, &r, 1, &p), 0);
	dump_problems(&p);
	assert_int_equal(p.count, 1);
	assert_true(has_problem(&p, "/proc/1/cmdline", 0, "more than the 4096 read"));
	assert_int_equal(d.argv.count, PROC_MAX_ARGS);
	assert_int_equal(strlen(d.argv.items[1].text), 3000);
	const char *text = d.argv.items[0].where.text;
	assert_int_equal(strlen(text), PROC_CMDLINE_TEXT_MAX + 3);
	assert_true(str_endswith(text, "aaa..."));
	assert_true(str_startswith(text, "dockerd aaaa"));
	assert_true(d.fds_read);
	assert_int_equal(d.socket_count, 0);
	proc_daemon_clear(&d);
	problem_list_clear(&p);
	rootfs_close(&r);
	fixture_rmroot(root);
}

/* No /proc under the root (an offline image): nothing to report. */
static void fixture_no_proc(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	fixture_write(root, "/etc/hostname", "x\n");
	struct rootfs r;
	assert_int_equal(rootfs_open(&r, root), 0);
	struct proc_scan s;
	struct dl_problem_list p = { 0 };
	proc_scan_daemons(&s, &r, &p);
	assert_no_problems(&p);
	assert_false(s.proc_present);
	assert_int_equal(s.count, 0);
	assert_false(s.pidfile_present);
	proc_scan_clear(&s);
	rootfs_close(&r);
	fixture_rmroot(root);
}

/* A descriptor table over the bound is reported. Built sparsely: the bound
 * counts entries, so PROC_MAX_FDS + 1 links are needed. */
static void fixture_huge_fd_table(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	fixture_write(root, "/proc/1/comm", "dockerd\n");
	WRITE_BYTES(root, "/proc/1/cmdline", "dockerd\0");
	WRITE_BYTES(root, "/proc/1/environ", "");
	fixture_write(root, "/proc/1/fd/.keep", "");
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/proc/1/fd", root);
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	assert_true(dfd >= 0);
	for (unsigned i = 0; i <= PROC_MAX_FDS; i++) {
		char name[16];
		snprintf(name, sizeof(name), "%u", i);
		assert_int_equal(symlinkat("pipe:[1]", dfd, name), 0);
	}
	close(dfd);
	struct rootfs r;
	assert_int_equal(rootfs_open(&r, root), 0);
	struct proc_daemon d;
	struct dl_problem_list p = { 0 };
	assert_int_equal(proc_daemon_read(&d, &r, 1, &p), 0);
	dump_problems(&p);
	assert_true(has_problem(&p, "/proc/1/fd", 0, "more than 65536 open descriptors"));
	assert_int_equal(p.count, 1);
	assert_false(d.fds_read);
	proc_daemon_clear(&d);
	problem_list_clear(&p);
	rootfs_close(&r);
	fixture_rmroot(root);
}

/* ---------------------------------------------------------------- live */

/* /proc files report st_size 0: rootfs_read_file must read them to EOF. */
static void live_self_net_tcp(void **state)
{
	(void)state;
	struct rootfs r;
	assert_int_equal(rootfs_open(&r, "/"), 0);
	struct stat st;
	assert_int_equal(stat("/proc/self/net/tcp", &st), 0);
	assert_int_equal(st.st_size, 0);
	_cleanup_free_ char *buf = NULL;
	size_t len = 0;
	assert_int_equal(rootfs_read_file(&r, "/proc/self/net/tcp", PROC_NET_MAX_TABLE, &buf, &len),
			 0);
	assert_true(len > 0);
	assert_true(str_startswith(buf, "  sl  local_address"));

	struct proc_net_table t = { 0 };
	struct dl_problem_list p = { 0 };
	assert_int_equal(proc_net_read(&t, &r, (unsigned long)getpid(), &p), 0);
	assert_no_problems(&p);
	proc_net_table_clear(&t);
	rootfs_close(&r);
}

static void live_own_listeners(void **state)
{
	(void)state;
	/* A TCP listener on 127.0.0.1, port chosen by the kernel. */
	int tfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(tfd >= 0);
	struct sockaddr_in sin = { .sin_family = AF_INET };
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(tfd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(listen(tfd, 1), 0);
	socklen_t sl = sizeof(sin);
	assert_int_equal(getsockname(tfd, (struct sockaddr *)&sin, &sl), 0);
	unsigned port = ntohs(sin.sin_port);

	/* A listening unix socket at a path with a space, and an abstract one. */
	char *dir = fixture_mkroot();
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/d ocker.sock", dir);
	int ufd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(ufd >= 0);
	assert_int_equal(bind(ufd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	assert_int_equal(listen(ufd, 1), 0);
	struct sockaddr_un abs = { .sun_family = AF_UNIX };
	char absname[64];
	int absn = snprintf(absname, sizeof(absname), "dockerd-scap-test-%d", (int)getpid());
	memcpy(abs.sun_path + 1, absname, (size_t)absn);
	int afd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(afd >= 0);
	assert_int_equal(bind(afd, (struct sockaddr *)&abs,
			      (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)absn)),
			 0);
	assert_int_equal(listen(afd, 1), 0);

	struct rootfs r;
	assert_int_equal(rootfs_open(&r, "/"), 0);
	unsigned long pid = (unsigned long)getpid();
	struct proc_daemon d;
	struct proc_net_table t = { 0 };
	struct dl_problem_list p = { 0 };
	assert_int_equal(proc_daemon_read(&d, &r, pid, &p), 0);
	assert_int_equal(proc_net_read(&t, &r, pid, &p), 0);
	assert_no_problems(&p);
	assert_true(d.start_time > 0);
	assert_non_null(d.netns);
	assert_non_null(d.cwd);
	assert_true(d.fds_read);
	assert_true(d.argv.count >= 1);
	assert_true(d.env_read);
	proc_daemon_match(&d, &t);

	bool tcp = false, path = false, abstract = false;
	for (size_t i = 0; i < d.listeners.count; i++) {
		const struct proc_socket *m = &d.listeners.items[i];
		if (m->proto == DL_PROTO_TCP && !strcmp(m->address, "127.0.0.1") && m->port == port) {
			assert_int_equal(m->fd, tfd);
			tcp = true;
		}
		if (m->proto == DL_PROTO_UNIX && m->path && !strcmp(m->path, sun.sun_path)) {
			assert_int_equal(m->fd, ufd);
			path = true;
		}
		if (m->proto == DL_PROTO_UNIX && m->abstract && !strcmp(m->path + 1, absname)) {
			assert_int_equal(m->fd, afd);
			abstract = true;
		}
	}
	assert_true(tcp);
	assert_true(path);
	assert_true(abstract);
	/* Only our own three listening sockets are ours. */
	assert_int_equal(d.listeners.count, 3);

	proc_daemon_clear(&d);
	proc_net_table_clear(&t);
	problem_list_clear(&p);
	rootfs_close(&r);
	close(tfd);
	close(ufd);
	close(afd);
	fixture_rmroot(dir);
}

/* Not root: another user's process cannot be read, and says so. Run as
 * nobody in a child when the test runs as root. */
static void live_permission_denied(void **state)
{
	(void)state;
	struct stat st;
	if (stat("/proc/1", &st) < 0)
		skip();
	uid_t target = 65534;
	if (geteuid() != 0) {
		if (st.st_uid == geteuid())
			skip(); /* pid 1 is ours: nothing is denied */
		target = geteuid();
	}
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		if (geteuid() == 0 && (setgroups(0, NULL) < 0 || setgid(target) < 0 || setuid(target) < 0))
			_exit(2);
		struct rootfs r;
		if (rootfs_open(&r, "/") < 0)
			_exit(3);
		struct proc_daemon d;
		struct dl_problem_list p = { 0 };
		int e = proc_daemon_read(&d, &r, 1, &p);
		int ok = e == 0 &&
			 has_problem(&p, "/proc/1/environ", 0,
				     "cannot read environment: Permission denied") &&
			 has_problem(&p, "/proc/1/fd", 0,
				     "cannot read descriptor table: Permission denied") &&
			 !d.env_read && !d.fds_read;
		if (!ok)
			dump_problems(&p);
		proc_daemon_clear(&d);
		problem_list_clear(&p);
		rootfs_close(&r);
		_exit(ok ? 0 : 1);
	}
	int status = 0;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* The whole scan on the live host: runs, sees processes, no crash. */
static void live_scan(void **state)
{
	(void)state;
	struct rootfs r;
	assert_int_equal(rootfs_open(&r, "/"), 0);
	struct proc_scan s;
	struct dl_problem_list p = { 0 };
	proc_scan_daemons(&s, &r, &p);
	dump_problems(&p);
	assert_true(s.proc_present);
	assert_true(s.processes_seen > 1);
	for (size_t i = 0; i < s.count; i++)
		assert_true(s.daemons[i].argv.count > 0);
	proc_scan_clear(&s);
	problem_list_clear(&p);
	rootfs_close(&r);
}

/* ------------------------------------------- a daemon's own children
 * A process named dockerd makes children the way Go's os/exec does
 * (clone(CLONE_VM|CLONE_VFORK), src/live/proc_process.c "a daemon's own
 * children"): until execve such a child runs in its parent's memory and
 * shows its parent's comm and command line. */

struct vfork_child {
	int ready;          /* write end: the child's pid, once it runs */
	int go;             /* read end: the child waits for a byte or EOF */
	const char *exec;   /* NULL: _exit(0) when told; else execve it */
	unsigned spin;      /* sched_yield()s before execve: a wider window */
};

static int vfork_child_main(void *arg)
{
	const struct vfork_child *c = arg;
	if (c->ready >= 0) {
		pid_t me = (pid_t)syscall(SYS_getpid);
		if (write(c->ready, &me, sizeof(me)) != (ssize_t)sizeof(me))
			_exit(2);
	}
	if (!c->exec) {
		char b;
		while (read(c->go, &b, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	for (unsigned i = 0; i < c->spin; i++)
		sched_yield();
	char *const argv[] = { (char *)"true", NULL };
	char *const envp[] = { NULL };
	execve(c->exec, argv, envp);
	_exit(127);
}

/* The fake dockerd: this program run again as
 *   test-proc --fake-dockerd park|exec READY_FD GO_FD
 * It takes the name dockerd and makes one vfork child that waits for a byte
 * or EOF on GO_FD ("park"), or makes vfork children that execve /bin/true
 * until GO_FD has a byte or EOF ("exec", GO_FD non-blocking). It runs as a
 * program of its own (fork, then execve) so that under valgrind it runs
 * natively: valgrind turns CLONE_VM|CLONE_VFORK into a plain fork (checked
 * with kcmp on valgrind 3.19), and the child would not share its memory. */
static int fake_dockerd_main(const char *mode, const char *ready, const char *go)
{
	bool park = !strcmp(mode, "park");
	struct vfork_child c = { atoi(ready), atoi(go), park ? NULL : "/bin/true", 200 };
	if (prctl(PR_SET_NAME, "dockerd", 0, 0, 0) < 0)
		return 3;
	size_t size = 256 * 1024;
	char *stack = malloc(size);
	if (!stack)
		return 4;
	for (;;) {
		pid_t k = clone(vfork_child_main, stack + size, CLONE_VM | CLONE_VFORK | SIGCHLD, &c);
		if (k < 0)
			return 5;
		waitpid(k, NULL, 0);
		if (park)
			c.ready = -1;
		char b;
		if (park || read(c.go, &b, 1) >= 0 || errno != EAGAIN)
			break;
	}
	free(stack);
	return 0;
}

static char self_exe[PATH_MAX];

/* Start the fake dockerd; returns its pid, and the child's pid once it runs
 * (the first child's for "exec"). */
static pid_t start_fake_dockerd(const char *mode, int *go_write, pid_t *child, int *pids_read)
{
	int ready[2], go[2];
	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(go), 0);
	if (strcmp(mode, "park"))
		assert_int_equal(fcntl(go[0], F_SETFL, O_NONBLOCK), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(ready[0]);
		close(go[1]);
		char rs[16], gs[16];
		snprintf(rs, sizeof(rs), "%d", ready[1]);
		snprintf(gs, sizeof(gs), "%d", go[0]);
		char *const argv[] = { self_exe, (char *)"--fake-dockerd", (char *)mode, rs, gs, NULL };
		execv(self_exe, argv);
		_exit(126);
	}
	close(ready[1]);
	close(go[0]);
	*child = 0;
	ssize_t n = read(ready[0], child, sizeof(*child));
	assert_int_equal(n, (ssize_t)sizeof(*child));
	assert_true(*child > 0);
	*go_write = go[1];
	if (pids_read)
		*pids_read = ready[0]; /* every child writes its pid there */
	else
		close(ready[0]);
	return pid;
}

static void stop_fake_dockerd(pid_t pid, int go_write)
{
	assert_int_equal(write(go_write, "x", 1), 1);
	close(go_write);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

static bool has_pid(const struct proc_scan *s, unsigned long pid)
{
	for (size_t i = 0; i < s->count; i++)
		if (s->daemons[i].pid == pid)
			return true;
	return false;
}

static bool problem_names_pid(const struct dl_problem_list *p, unsigned long a, unsigned long b)
{
	char pa[32], pb[32];
	snprintf(pa, sizeof(pa), "/proc/%lu/", a);
	snprintf(pb, sizeof(pb), "/proc/%lu/", b);
	for (size_t i = 0; i < p->count; i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/", p->items[i].path ? p->items[i].path : "");
		if (str_startswith(path, pa) || str_startswith(path, pb))
			return true;
	}
	return false;
}

/* A child parked between clone(CLONE_VM|CLONE_VFORK) and execve is not a
 * second daemon: only its parent is listed. Deterministic: the child waits
 * until the scan is done. kcmp(2) must work here (Debian's kernels have
 * CONFIG_KCMP); when it does not, the test says so and fails. */
static void live_vfork_child_is_not_a_daemon(void **state)
{
	(void)state;
	if (syscall(SYS_kcmp, getpid(), getpid(), KCMP_VM, 0UL, 0UL) != 0)
		fail_msg("kcmp(2) is not available (%s): the probe cannot tell a dockerd's "
			 "vfork child from a daemon on this kernel", strerror(errno));
	int go;
	pid_t child;
	pid_t parent = start_fake_dockerd("park", &go, &child, NULL);

	struct rootfs r;
	assert_int_equal(rootfs_open(&r, "/"), 0);
	struct proc_scan s;
	struct dl_problem_list p = { 0 };
	proc_scan_daemons(&s, &r, &p);
	dump_problems(&p);
	bool parent_listed = has_pid(&s, (unsigned long)parent);
	bool child_listed = has_pid(&s, (unsigned long)child);
	bool blamed = problem_names_pid(&p, (unsigned long)parent, (unsigned long)child);
	proc_scan_clear(&s);
	problem_list_clear(&p);
	rootfs_close(&r);

	stop_fake_dockerd(parent, go); /* the child exits, then its parent */
	assert_true(parent_listed);
	assert_false(child_listed);
	assert_false(blamed);
}

/* The same dockerd making children that execve /bin/true, back to back,
 * while the host is scanned 150 times: a child is listed in any state
 * (running in its parent's memory, mid-execve, true, exited); no scan may
 * list it as a daemon or report a problem about either process. */
static void live_forking_dockerd_is_stable(void **state)
{
	(void)state;
	if (access("/bin/true", X_OK) < 0)
		fail_msg("/bin/true: %s", strerror(errno));
	int stop, pids;
	pid_t first;
	pid_t parent = start_fake_dockerd("exec", &stop, &first, &pids);
	assert_int_equal(fcntl(pids, F_SETFL, O_NONBLOCK), 0);
	/* Every child's pid (it writes it first thing), to tell a problem
	 * about one of ours from one about another dockerd on the host. */
	pid_t *kids = NULL;
	size_t nkids = 0, kcap = 0;

	struct rootfs r;
	assert_int_equal(rootfs_open(&r, "/"), 0);
	unsigned bad = 0, phantom = 0, missing = 0;
	for (int i = 0; i < 150; i++) {
		struct proc_scan s;
		struct dl_problem_list p = { 0 };
		proc_scan_daemons(&s, &r, &p);
		pid_t got;
		while (read(pids, &got, sizeof(got)) == (ssize_t)sizeof(got)) {
			if (nkids == kcap) {
				kcap = kcap ? 2 * kcap : 1024;
				kids = realloc(kids, kcap * sizeof(*kids));
				assert_non_null(kids);
			}
			kids[nkids++] = got;
		}
		for (size_t d = 0; d < s.count; d++) {
			unsigned long ppid = 0;
			char path[64], line[1024];
			snprintf(path, sizeof(path), "/proc/%lu/stat", s.daemons[d].pid);
			FILE *f = fopen(path, "r");
			size_t n = f ? fread(line, 1, sizeof(line), f) : 0;
			if (f)
				fclose(f);
			if (n && proc_parse_stat_ppid(&ppid, line, n) == 0 &&
			    ppid == (unsigned long)parent) {
				phantom++;
				fprintf(stderr, "scan %d: daemon %lu is a child of the fake dockerd\n",
					i, s.daemons[d].pid);
			}
		}
		missing += !has_pid(&s, (unsigned long)parent);
		/* Another dockerd on the host (another test's) may be reported,
		 * rightly when it exits during a scan; ours and its children
		 * never. */
		bool ours = problem_names_pid(&p, (unsigned long)parent, (unsigned long)parent);
		for (size_t k = 0; k < nkids && !ours; k++)
			ours = problem_names_pid(&p, (unsigned long)kids[k], (unsigned long)kids[k]);
		for (size_t q = 0; q < p.count && !ours; q++)
			ours = strstr(p.items[q].message, "runs \"/bin/true\"") ||
			       strstr(p.items[q].message, "runs \"true\"");
		if (ours) {
			bad++;
			dump_problems(&p);
		}
		proc_scan_clear(&s);
		problem_list_clear(&p);
	}
	rootfs_close(&r);
	stop_fake_dockerd(parent, stop);
	close(pids);
	free(kids);
	fprintf(stderr, "150 scans while the fake dockerd made %zu children\n", nkids);
	assert_int_equal(missing, 0);
	assert_int_equal(phantom, 0);
	assert_int_equal(bad, 0);
}

/* ------------------------------------------------ streaming the tables */

/* A growable text for generated tables. */
struct gen {
	char *s;
	size_t len, cap;
};

static void gen_add(struct gen *g, const char *text, size_t n)
{
	if (g->len + n + 1 > g->cap) {
		g->cap = (g->len + n + 1) * 2;
		g->s = realloc(g->s, g->cap);
		assert_non_null(g->s);
	}
	memcpy(g->s + g->len, text, n);
	g->len += n;
	g->s[g->len] = '\0';
}

static void gen_line(struct gen *g, const char *line)
{
	gen_add(g, line, strlen(line));
	gen_add(g, "\n", 1);
}

static void write_table(const char *root, const char *path, const struct gen *g)
{
	char buf[4096];
	snprintf(buf, sizeof(buf), "%s%s", root, path);
	fixture_write(root, path, "");
	FILE *f = fopen(buf, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(g->s, 1, g->len, f), g->len);
	fclose(f);
}

/* The same sockets and problems, item by item. */
static void assert_same_result(const struct proc_socket_list *a, const struct dl_problem_list *pa,
			       const struct proc_socket_list *b, const struct dl_problem_list *pb)
{
	assert_int_equal(a->count, b->count);
	for (size_t i = 0; i < a->count; i++) {
		assert_true(a->items[i].inode == b->items[i].inode);
		assert_int_equal(a->items[i].where.line, b->items[i].where.line);
		assert_string_equal(a->items[i].where.text, b->items[i].where.text);
		assert_int_equal(a->items[i].port, b->items[i].port);
	}
	assert_int_equal(pa->count, pb->count);
	for (size_t i = 0; i < pa->count; i++) {
		assert_int_equal(pa->items[i].line, pb->items[i].line);
		assert_string_equal(pa->items[i].message, pb->items[i].message);
	}
}

/* A table of several read buffers (64 KiB each), with lines that straddle
 * the buffer ends, garbage lines and no final newline: the streaming reader
 * finds what the whole-text parser finds, line numbers included. */
static void stream_matches_text_parser(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	struct gen g = { 0 };
	char line[512];
	gen_add(&g, TCP_HEADER, strlen(TCP_HEADER));
	for (unsigned i = 0; i < 6000; i++) {
		if (i % 997 == 5)
			gen_line(&g, "garbage between the sockets");
		else if (i % 2)
			snprintf(line, sizeof(line), "%5u: 0100007F:%04X " V4_ANY " 0A" TAIL_LISTEN("%u"),
				 i, (i + 1000) & 0xffff, 100000 + i), gen_line(&g, line);
		else
			snprintf(line, sizeof(line),
				 "%5u: 0100007F:%04X 0100007F:0947 01 00000000:00000000 00:00000000 "
				 "00000000  1000        0 %u 1",
				 i, (i + 1000) & 0xffff, 100000 + i), gen_line(&g, line);
	}
	g.len--; /* no final newline */
	assert_true(g.len > 3 * 64 * 1024);
	write_table(root, "/proc/5/net/tcp", &g);
	fixture_write(root, "/proc/5/net/unix", UNIX_HEADER);

	struct rootfs r;
	assert_int_equal(rootfs_open(&r, root), 0);
	struct proc_net_table t = { 0 };
	struct dl_problem_list p = { 0 };
	assert_int_equal(proc_net_read(&t, &r, 5, &p), 0);

	struct proc_socket_list l = { 0 };
	struct dl_problem_list q = { 0 };
	proc_net_parse_tcp_table(&l, "/proc/5/net/tcp", g.s, g.len, false, &q);
	assert_same_result(&t.listening, &p, &l, &q);
	/* 3000 listeners less the 4 odd lines that are garbage (i % 997 == 5). */
	assert_int_equal(t.listening.count, 2996);
	assert_int_equal(p.count, 7);
	/* The last line, without its newline, counts. */
	assert_true(t.listening.items[2995].inode == 100000 + 5999);

	/* With a filter only the rows of the held inodes are kept, with the
	 * same evidence; every garbage line is still a problem. */
	unsigned long held[] = { 100001, 100003, 105999, 200000 };
	struct proc_net_filter f = { held, 4 };
	struct proc_net_table tf = { 0 };
	struct dl_problem_list pf = { 0 };
	assert_int_equal(proc_net_read_filtered(&tf, &r, 5, &f, &pf), 0);
	assert_int_equal(tf.listening.count, 3);
	assert_int_equal(tf.listening.items[0].where.line, 3);
	assert_int_equal(tf.listening.items[2].where.line, t.listening.items[2995].where.line);
	assert_int_equal(pf.count, 7);
	assert_true(proc_net_filter_has(&f, 105999));
	assert_false(proc_net_filter_has(&f, 100002));
	assert_false(proc_net_filter_has(&f, 0));

	proc_net_table_clear(&t);
	proc_net_table_clear(&tf);
	proc_socket_list_clear(&l);
	problem_list_clear(&p);
	problem_list_clear(&q);
	problem_list_clear(&pf);
	free(g.s);
	rootfs_close(&r);
	fixture_rmroot(root);
}

/* A line longer than PROC_NET_MAX_LINE is one problem and is skipped, in the
 * middle of a table and as its unterminated last line; the lines after it
 * keep their numbers. */
static void stream_overlong_lines(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	struct gen g = { 0 };
	gen_add(&g, UNIX_HEADER, strlen(UNIX_HEADER));
	gen_line(&g, "0000000000000000: 00000002 00000000 00010000 0001 01 41 /run/a.sock");
	char *big = malloc(200000);
	assert_non_null(big);
	memset(big, 'x', 200000);
	gen_add(&g, big, 200000);
	gen_add(&g, "\n", 1);
	gen_line(&g, "0000000000000000: 00000002 00000000 00010000 0001 01 42 /run/b.sock");
	gen_add(&g, big, 5000);
	free(big);
	write_table(root, "/proc/6/net/unix", &g);
	fixture_write(root, "/proc/6/net/tcp", "");

	struct rootfs r;
	assert_int_equal(rootfs_open(&r, root), 0);
	struct proc_net_table t = { 0 };
	struct dl_problem_list p = { 0 };
	assert_int_equal(proc_net_read(&t, &r, 6, &p), 0);
	dump_problems(&p);
	assert_int_equal(t.listening.count, 2);
	assert_int_equal(t.listening.items[1].where.line, 4);
	assert_true(has_problem(&p, "/proc/6/net/unix", 3, "longer than 4096 bytes"));
	assert_true(has_problem(&p, "/proc/6/net/unix", 5, "longer than 4096 bytes"));
	assert_true(has_problem(&p, "/proc/6/net/tcp", 0, "empty socket table"));
	assert_int_equal(p.count, 3);

	/* The whole-text parser says the same. */
	struct proc_socket_list l = { 0 };
	struct dl_problem_list q = { 0 };
	proc_net_parse_unix_table(&l, "/proc/6/net/unix", g.s, g.len, &q);
	assert_int_equal(l.count, 2);
	assert_int_equal(q.count, 2);
	assert_true(has_problem(&q, "/proc/6/net/unix", 3, "longer than 4096 bytes"));
	assert_true(has_problem(&q, "/proc/6/net/unix", 5, "longer than 4096 bytes"));

	proc_net_table_clear(&t);
	proc_socket_list_clear(&l);
	problem_list_clear(&p);
	problem_list_clear(&q);
	free(g.s);
	rootfs_close(&r);
	fixture_rmroot(root);
}

/* A forged duplicate of a held inode is still seen through the filter; one
 * of an inode no daemon holds is not kept, so it cannot matter. A table that
 * is a FIFO or a directory is never read. */
static void stream_filter_duplicates_and_odd_files(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	fixture_write(root, "/proc/7/net/tcp", TCP_HEADER);
	fixture_write(root, "/proc/7/net/unix",
		      UNIX_HEADER
		      "0000000000000000: 00000002 00000000 00010000 0001 01 500 /run/docker.sock\n"
		      "0000000000000000: 00000002 00000000 00010000 0001 01 600 /tmp/x\n"
		      "0000000000000000: 00000002 00000000 00010000 0001 01 500 /tmp/evil\n");
	char fifo[4200];
	snprintf(fifo, sizeof(fifo), "%s/proc/7/net/tcp6", root);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	struct rootfs r;
	assert_int_equal(rootfs_open(&r, root), 0);

	unsigned long held[] = { 500 };
	struct proc_net_filter f = { held, 1 };
	struct proc_net_table t = { 0 };
	struct dl_problem_list p = { 0 };
	assert_int_equal(proc_net_read_filtered(&t, &r, 7, &f, &p), 0);
	dump_problems(&p);
	assert_int_equal(t.listening.count, 2);
	assert_true(has_problem(&p, "/proc/7/net/unix", 4, "listed twice"));
	assert_true(has_problem(&p, "/proc/7/net/tcp6", 0, "not a regular file"));
	assert_int_equal(p.count, 2);
	proc_net_table_clear(&t);
	problem_list_clear(&p);

	unsigned long other[] = { 600 };
	f = (struct proc_net_filter){ other, 1 };
	assert_int_equal(proc_net_read_filtered(&t, &r, 7, &f, &p), 0);
	assert_int_equal(t.listening.count, 1);
	assert_int_equal(p.count, 1); /* the FIFO */
	proc_net_table_clear(&t);
	problem_list_clear(&p);
	rootfs_close(&r);
	fixture_rmroot(root);
}

/* The quick look at PID/comm refuses symlinks and odd files; the root-confined
 * reader then decides as before: a process directory or comm that is a
 * symlink inside the root is still read, a FIFO comm is still a process that
 * could not be identified. */
static void quick_comm_falls_back(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	fixture_write(root, "/proc/1/comm", "systemd\n");
	/* 900: the directory is a symlink inside the root. */
	fixture_write(root, "/elsewhere/900/comm", "dockerd\n");
	WRITE_BYTES(root, "/elsewhere/900/cmdline", "dockerd\0");
	WRITE_BYTES(root, "/elsewhere/900/environ", "");
	fixture_symlink(root, "/proc/900", "/elsewhere/900");
	/* 901: comm is a symlink (relative, inside the root). */
	fixture_write(root, "/x/comm", "dockerd\n");
	fixture_symlink(root, "/proc/901/comm", "../../x/comm");
	WRITE_BYTES(root, "/proc/901/cmdline", "dockerd\0");
	WRITE_BYTES(root, "/proc/901/environ", "");
	/* 902: comm is a FIFO. */
	fixture_write(root, "/proc/902/cmdline", "");
	char fifo[4200];
	snprintf(fifo, sizeof(fifo), "%s/proc/902/comm", root);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	/* 903: a comm longer than the quick buffer, not docker. */
	fixture_write(root, "/proc/903/comm",
		      "a-very-long-process-name-that-no-kernel-would-print-but-a-fixture-may\n");
	/* 904: the docker client, decided from its command line. */
	fixture_write(root, "/proc/904/comm", "docker\n");
	WRITE_BYTES(root, "/proc/904/cmdline", "docker\0ps\0");

	struct rootfs r;
	assert_int_equal(rootfs_open(&r, root), 0);
	struct proc_scan s;
	struct dl_problem_list p = { 0 };
	proc_scan_daemons(&s, &r, &p);
	dump_problems(&p);
	assert_int_equal(s.processes_seen, 6);
	assert_non_null(find_daemon(&s, 900));
	assert_non_null(find_daemon(&s, 901));
	assert_null(find_daemon(&s, 903));
	assert_null(find_daemon(&s, 904));
	assert_int_equal(s.count, 2);
	assert_true(has_problem(&p, "/proc/902/comm", 0, "1 process(es) could not be identified"));
	assert_false(has_problem(&p, NULL, UINT_MAX, "process 1 is not listed"));
	proc_scan_clear(&s);
	problem_list_clear(&p);
	rootfs_close(&r);
	fixture_rmroot(root);
}

/* The kernel's socket dump and the /proc tables name the same listening
 * sockets, on this machine's kernel, for the kinds a dockerd can hold: TCP on
 * IPv4 and IPv6 (when the host has IPv6), a unix path with a space, an
 * abstract name holding a NUL byte, a seqpacket socket. Only the evidence
 * differs. Non-listening and unheld sockets are left out by both. */
static void live_diag_equals_tables(void **state)
{
	(void)state;
	int fds[8];
	size_t nfd = 0;
	int s4 = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in sin = { .sin_family = AF_INET };
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s4, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(listen(s4, 1), 0);
	fds[nfd++] = s4;
	int s6 = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s6 >= 0) {
		struct sockaddr_in6 a6 = { .sin6_family = AF_INET6 };
		if (bind(s6, (struct sockaddr *)&a6, sizeof(a6)) == 0 && listen(s6, 1) == 0)
			fds[nfd++] = s6;
		else
			close(s6);
	}
	/* Bound, not listening: in neither result. */
	int nl = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_int_equal(bind(nl, (struct sockaddr *)&sin, sizeof(sin)), 0);
	fds[nfd++] = nl;

	char *dir = fixture_mkroot();
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/d ocker.sock", dir);
	int u1 = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_int_equal(bind(u1, (struct sockaddr *)&sun, sizeof(sun)), 0);
	assert_int_equal(listen(u1, 1), 0);
	fds[nfd++] = u1;
	struct sockaddr_un abs = { .sun_family = AF_UNIX };
	int an = snprintf(abs.sun_path + 1, sizeof(abs.sun_path) - 1, "dl-diag-%d", (int)getpid());
	abs.sun_path[1 + an] = '\0'; /* a NUL inside the name, then more */
	memcpy(abs.sun_path + 2 + an, "x", 1);
	int u2 = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	assert_int_equal(bind(u2, (struct sockaddr *)&abs,
			      (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 3 + (size_t)an)),
			 0);
	assert_int_equal(listen(u2, 1), 0);
	fds[nfd++] = u2;

	struct rootfs r;
	assert_int_equal(rootfs_open(&r, "/"), 0);
	unsigned long pid = (unsigned long)getpid();
	struct proc_daemon d;
	struct dl_problem_list p = { 0 };
	assert_int_equal(proc_daemon_read(&d, &r, pid, &p), 0);
	unsigned long *inodes = calloc(d.socket_count + 1, sizeof(*inodes));
	assert_non_null(inodes);
	size_t n = 0;
	for (size_t i = 0; i < d.socket_count; i++)
		if (n == 0 || inodes[n - 1] != d.sockets[i].inode)
			inodes[n++] = d.sockets[i].inode;
	struct proc_net_filter f = { inodes, n };

	struct proc_net_table a = { 0 }, b = { 0 };
	assert_int_equal(proc_net_read_filtered(&a, &r, pid, &f, &p), 0);
	assert_int_equal(proc_net_read_diag(&b, pid, &f, &p), 0);
	assert_no_problems(&p);
	assert_int_equal(a.listening.count, nfd - 1); /* all but the bound-only one */
	assert_int_equal(b.listening.count, a.listening.count);
	for (size_t i = 0; i < a.listening.count; i++) {
		const struct proc_socket *x = &a.listening.items[i];
		const struct proc_socket *y = NULL;
		for (size_t k = 0; k < b.listening.count; k++)
			if (b.listening.items[k].inode == x->inode)
				y = &b.listening.items[k];
		assert_non_null(y);
		assert_int_equal(x->proto, y->proto);
		assert_int_equal(x->listening, y->listening);
		assert_int_equal(x->v6, y->v6);
		assert_int_equal(x->port, y->port);
		assert_int_equal(x->tcp_state, y->tcp_state);
		assert_int_equal(x->unix_type, y->unix_type);
		assert_int_equal(x->abstract, y->abstract);
		if (x->address || y->address)
			assert_string_equal(x->address, y->address);
		if (x->path || y->path)
			assert_string_equal(x->path, y->path);
		assert_true(str_startswith(x->where.path, "/proc/"));
		assert_true(str_startswith(y->where.path, "sock_diag:"));
		assert_true(strstr(y->where.text, "LISTEN") != NULL);
	}
	proc_net_table_clear(&a);
	proc_net_table_clear(&b);
	proc_daemon_clear(&d);
	problem_list_clear(&p);
	free(inodes);
	for (size_t i = 0; i < nfd; i++)
		close(fds[i]);
	rootfs_close(&r);
	fixture_rmroot(dir);
}

/* A table that is a symlink is read where it points inside the root; one
 * pointing out of the root ("/..", absolute) stays inside it too. */
static void stream_symlinked_tables(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	fixture_write(root, "/tables/tcp",
		      TCP_HEADER "   0: 0100007F:0947 " V4_ANY " 0A" TAIL_LISTEN("77") "\n");
	fixture_symlink(root, "/proc/9/net/tcp", "../../../tables/tcp");
	fixture_symlink(root, "/proc/9/net/tcp6", "/../../../../tables/tcp6-missing");
	fixture_symlink(root, "/proc/9/net/unix", "/tables/tcp");
	struct rootfs r;
	assert_int_equal(rootfs_open(&r, root), 0);
	struct proc_net_table t = { 0 };
	struct dl_problem_list p = { 0 };
	assert_int_equal(proc_net_read(&t, &r, 9, &p), 0);
	dump_problems(&p);
	assert_int_equal(t.listening.count, 1);
	assert_int_equal(t.listening.items[0].port, 2375);
	assert_string_equal(t.listening.items[0].where.path, "/proc/9/net/tcp");
	/* tcp6 missing is IPv6 disabled; unix is a TCP table: wrong header,
	 * and its socket line is no unix line. */
	assert_true(has_problem(&p, "/proc/9/net/unix", 1, "unexpected header line"));
	assert_true(has_problem(&p, "/proc/9/net/unix", 2, "cannot parse socket line"));
	assert_int_equal(p.count, 2);
	proc_net_table_clear(&t);
	problem_list_clear(&p);
	rootfs_close(&r);
	fixture_rmroot(root);
}

/* The fake dockerd of the two tests below is a process named dockerd on
 * this host: a live scan of / by another test running at the same time
 * (make check -j) would see it. They hold the lock every test that runs a
 * dockerd on the host holds (tests/live-dockerd.test), waiting up to 30
 * minutes for it like those tests do. */
static int live_lock_fd = -1;

static int take_live_lock(void **state)
{
	(void)state;
	const char *tmp = getenv("TMPDIR");
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/dockerd-scap-live-dockerd.lock", tmp && *tmp ? tmp : "/tmp");
	live_lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (live_lock_fd < 0) {
		print_error("cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (int waited = 0; flock(live_lock_fd, LOCK_EX | LOCK_NB) < 0; waited++) {
		if (errno != EWOULDBLOCK || waited == 1800) {
			print_error("cannot lock %s: %s\n", path, strerror(errno));
			close(live_lock_fd);
			live_lock_fd = -1;
			return -1;
		}
		sleep(1);
	}
	return 0;
}

static int drop_live_lock(void **state)
{
	(void)state;
	if (live_lock_fd >= 0)
		close(live_lock_fd);
	live_lock_fd = -1;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "--fake-dockerd"))
		return fake_dockerd_main(argv[2], argv[3], argv[4]);
	/* Under valgrind /proc/self/exe is this program, as the kernel has it
	 * without valgrind (valgrind answers the readlink). */
	ssize_t n = readlink("/proc/self/exe", self_exe, sizeof(self_exe) - 1);
	if (n <= 0) {
		perror("/proc/self/exe");
		return 1;
	}
	self_exe[n] = '\0';
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tcp_lines),
		cmocka_unit_test(tcp_line_with_nul),
		cmocka_unit_test(unix_lines),
		cmocka_unit_test(tcp_table_garbage_lines),
		cmocka_unit_test(reason_texts),
		cmocka_unit_test(table_headers),
		cmocka_unit_test(unix_table),
		cmocka_unit_test(forged_duplicate_inode),
		cmocka_unit_test(net_read_missing_tables),
		cmocka_unit_test(stream_matches_text_parser),
		cmocka_unit_test(stream_overlong_lines),
		cmocka_unit_test(stream_filter_duplicates_and_odd_files),
		cmocka_unit_test(stream_symlinked_tables),
		cmocka_unit_test(quick_comm_falls_back),
		cmocka_unit_test(stat_start_time),
		cmocka_unit_test(stat_ppid),
		cmocka_unit_test(socket_links),
		cmocka_unit_test(pidfiles),
		cmocka_unit_test(daemon_detection),
		cmocka_unit_test(fixture_scan),
		cmocka_unit_test(fixture_faults),
		cmocka_unit_test(fixture_long_cmdline),
		cmocka_unit_test(fixture_no_proc),
		cmocka_unit_test(fixture_huge_fd_table),
		cmocka_unit_test(live_self_net_tcp),
		cmocka_unit_test(live_own_listeners),
		cmocka_unit_test(live_diag_equals_tables),
		cmocka_unit_test(live_permission_denied),
		cmocka_unit_test(live_scan),
		cmocka_unit_test_setup_teardown(live_vfork_child_is_not_a_daemon, take_live_lock,
						drop_live_lock),
		cmocka_unit_test_setup_teardown(live_forking_dockerd_is_stable, take_live_lock,
						drop_live_lock),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
