#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>

#include "live/proc_net.h"
#include "base/text.h"
#include "base/alloc.h"
#include "base/evidence.h"
#include "base/problems.h"
/* Fields the probe uses (addresses, port, state, flags, type, inode) must have
 * exactly the width the kernel prints; fields it does not use only need to be
 * numbers of a plausible width, so that a kernel that widens a counter does
 * not turn every line into a problem. */

/* sun_path is 108 bytes (include/uapi/linux/un.h UNIX_PATH_MAX); the kernel
 * prints at most that many characters, '@' included for an abstract name. */
#define UNIX_PATH_TEXT_MAX 108

struct cursor {
	const char *p, *end;
};

/* The same tests as text_hex_digit and text_is_printable_ascii, visible to
 * the compiler here: every byte of a busy host's tables goes through them
 * (docs/live-scan.md). */
static inline int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static inline bool printable_byte(char c)
{
	unsigned char u = (unsigned char)c;
	return u >= 0x20 && u <= 0x7e;
}

static bool at_end(const struct cursor *c)
{
	return c->p >= c->end;
}

/* At least one space; the kernel separates columns with spaces only. */
static int take_spaces(struct cursor *c)
{
	if (at_end(c) || *c->p != ' ')
		return -EINVAL;
	while (!at_end(c) && *c->p == ' ')
		c->p++;
	return 0;
}

static int take_char(struct cursor *c, char ch)
{
	if (at_end(c) || *c->p != ch)
		return -EINVAL;
	c->p++;
	return 0;
}

/* A maximal run of hex digits whose length is in [min,max] (max <= 16). */
static int take_hex(struct cursor *c, size_t min, size_t max, unsigned long long *v)
{
	unsigned long long x = 0;
	size_t n = 0;
	int d;
	while (!at_end(c) && (d = hex_digit(*c->p)) >= 0) {
		if (++n > max)
			return -EINVAL;
		x = x << 4 | (unsigned)d;
		c->p++;
	}
	if (n < min)
		return -EINVAL;
	if (v)
		*v = x;
	return 0;
}

/* Exactly n hex digits (n <= 8), not necessarily followed by a non-digit:
 * the four words of an IPv6 address are printed back to back. */
static int take_hex_fixed(struct cursor *c, size_t n, uint32_t *v)
{
	uint32_t x = 0;
	if ((size_t)(c->end - c->p) < n)
		return -EINVAL;
	for (size_t i = 0; i < n; i++) {
		int d = hex_digit(c->p[i]);
		if (d < 0)
			return -EINVAL;
		x = x << 4 | (uint32_t)d;
	}
	c->p += n;
	*v = x;
	return 0;
}

/* A maximal run of decimal digits, value <= max. */
static int take_dec(struct cursor *c, unsigned long long max, unsigned long long *v)
{
	unsigned long long x = 0;
	size_t n = 0;
	while (!at_end(c) && *c->p >= '0' && *c->p <= '9') {
		unsigned d = (unsigned)(*c->p - '0');
		if (x > (max - d) / 10)
			return -ERANGE;
		x = x * 10 + d;
		n++;
		c->p++;
	}
	if (n == 0)
		return -EINVAL;
	if (v)
		*v = x;
	return 0;
}

static bool printable(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!printable_byte(s[i]))
			return false;
	return true;
}

/* "0100007F:0CEA" or 32 hex digits ":" port. The kernel prints the address
 * words as host-order u32 values (%08X of a __be32), so storing each parsed
 * value in host order restores the network-order bytes. */
static int take_endpoint(struct cursor *c, bool v6, unsigned char addr[16], unsigned *port)
{
	unsigned long long p;
	for (size_t i = 0; i < (v6 ? 4u : 1u); i++) {
		uint32_t w;
		if (take_hex_fixed(c, 8, &w) < 0)
			return -EINVAL;
		memcpy(&addr[4 * i], &w, 4);
	}
	if (take_char(c, ':') < 0 || take_hex(c, 4, 4, &p) < 0)
		return -EINVAL;
	*port = (unsigned)p;
	return 0;
}

static int fail(enum proc_net_reason *why, enum proc_net_reason reason)
{
	if (why)
		*why = reason;
	return -EINVAL;
}

const char *proc_net_reason_text(enum proc_net_reason why)
{
	static const char *const text[] = {
		[PROC_NET_LINE_OK] = "",
		[PROC_NET_NOT_TEXT] = "not text: control or non-ASCII bytes",
		[PROC_NET_BAD_SL] = "bad slot number (sl column)",
		[PROC_NET_BAD_LOCAL4] = "bad local address: expected 8 hex digits ':' 4 hex digits",
		[PROC_NET_BAD_LOCAL6] = "bad local address: expected 32 hex digits ':' 4 hex digits",
		[PROC_NET_BAD_REMOTE4] = "bad remote address: expected 8 hex digits ':' 4 hex digits",
		[PROC_NET_BAD_REMOTE6] = "bad remote address: expected 32 hex digits ':' 4 hex digits",
		[PROC_NET_BAD_STATE] = "bad state: expected 2 hex digits",
		[PROC_NET_BAD_QUEUES] = "bad tx_queue:rx_queue column",
		[PROC_NET_BAD_TIMER] = "bad tr:tm->when column",
		[PROC_NET_BAD_RETRNSMT] = "bad retrnsmt column",
		[PROC_NET_BAD_UID] = "bad uid column",
		[PROC_NET_BAD_TIMEOUT] = "bad timeout column",
		[PROC_NET_BAD_INODE] = "bad inode column",
		[PROC_NET_LISTEN_NO_INODE] = "listening socket without an inode",
		[PROC_NET_BAD_NUM] = "bad Num column",
		[PROC_NET_BAD_REFCOUNT] = "bad RefCount column",
		[PROC_NET_BAD_PROTOCOL] = "bad Protocol column",
		[PROC_NET_BAD_FLAGS] = "bad Flags column: expected 8 hex digits",
		[PROC_NET_BAD_TYPE] = "bad Type column: expected 4 hex digits",
		[PROC_NET_BAD_ST] = "bad St column: expected 2 hex digits",
		[PROC_NET_BAD_UNIX_INODE] = "bad Inode column",
		[PROC_NET_EMPTY_PATH] = "empty path after the inode",
		[PROC_NET_PATH_TOO_LONG] = "path longer than a unix socket address (108 bytes)",
		[PROC_NET_PATH_NUL] = "NUL byte in the path",
	};
	if ((size_t)why >= sizeof(text) / sizeof(text[0]) || !text[why])
		return "unknown reason";
	return text[why];
}

/* A data line's fields, pointing into the line: what the table reader needs
 * to decide whether to keep a row, without allocating. */
struct raw_row {
	bool listening;
	unsigned tcp_state;
	unsigned char addr[16]; /* tcp: local address, network byte order */
	unsigned port;          /* tcp */
	unsigned unix_type;     /* unix */
	const char *path;       /* unix: the bound path in the line, NULL when unbound */
	size_t path_len;
	unsigned long inode;
};

static int scan_tcp_line(struct raw_row *row, const char *line, size_t len, bool v6,
			 enum proc_net_reason *why)
{
	struct cursor c = { line, line + len };
	unsigned char remote[16];
	unsigned rport;
	unsigned long long v, inode, state;

	memset(row, 0, sizeof(*row));
	if (!printable(line, len))
		return fail(why, PROC_NET_NOT_TEXT);

	while (!at_end(&c) && *c.p == ' ')
		c.p++;
	if (take_dec(&c, UINT_MAX, NULL) < 0 || take_char(&c, ':') < 0)
		return fail(why, PROC_NET_BAD_SL);
	if (take_spaces(&c) < 0 || take_endpoint(&c, v6, row->addr, &row->port) < 0)
		return fail(why, v6 ? PROC_NET_BAD_LOCAL6 : PROC_NET_BAD_LOCAL4);
	if (take_spaces(&c) < 0 || take_endpoint(&c, v6, remote, &rport) < 0)
		return fail(why, v6 ? PROC_NET_BAD_REMOTE6 : PROC_NET_BAD_REMOTE4);
	if (take_spaces(&c) < 0 || take_hex(&c, 2, 2, &state) < 0)
		return fail(why, PROC_NET_BAD_STATE);
	if (take_spaces(&c) < 0 || take_hex(&c, 1, 16, NULL) < 0 || take_char(&c, ':') < 0 ||
	    take_hex(&c, 1, 16, NULL) < 0)
		return fail(why, PROC_NET_BAD_QUEUES);
	if (take_spaces(&c) < 0 || take_hex(&c, 1, 8, NULL) < 0 || take_char(&c, ':') < 0 ||
	    take_hex(&c, 1, 16, NULL) < 0)
		return fail(why, PROC_NET_BAD_TIMER);
	if (take_spaces(&c) < 0 || take_hex(&c, 1, 16, NULL) < 0)
		return fail(why, PROC_NET_BAD_RETRNSMT);
	if (take_spaces(&c) < 0 || take_dec(&c, UINT32_MAX, &v) < 0)
		return fail(why, PROC_NET_BAD_UID);
	if (take_spaces(&c) < 0)
		return fail(why, PROC_NET_BAD_TIMEOUT);
	if (!at_end(&c) && *c.p == '-')
		c.p++;
	if (take_dec(&c, UINT32_MAX, NULL) < 0)
		return fail(why, PROC_NET_BAD_TIMEOUT);
	if (take_spaces(&c) < 0 || take_dec(&c, ULONG_MAX, &inode) < 0)
		return fail(why, PROC_NET_BAD_INODE);
	/* Later columns (refcount, pointer, rto, ...) differ between listening,
	 * time-wait and request sockets: any printable text may follow. */
	if (!at_end(&c) && *c.p != ' ')
		return fail(why, PROC_NET_BAD_INODE);

	row->tcp_state = (unsigned)state;
	row->listening = state == PROC_TCP_LISTEN;
	row->inode = (unsigned long)inode;
	if (row->listening && row->inode == 0)
		return fail(why, PROC_NET_LISTEN_NO_INODE);
	return 0;
}

/* The socket of a TCP row: the local address as inet_ntop text. */
static void tcp_socket_from_row(struct proc_socket *out, const struct raw_row *row, bool v6)
{
	char text[INET6_ADDRSTRLEN];
	memset(out, 0, sizeof(*out));
	out->proto = DL_PROTO_TCP;
	out->fd = -1;
	out->v6 = v6;
	/* inet_ntop fails only on a short buffer, which this one is not. */
	if (!inet_ntop(v6 ? AF_INET6 : AF_INET, row->addr, text, sizeof(text)))
		text[0] = '\0';
	out->address = xstrdup(text);
	out->port = row->port;
	out->tcp_state = row->tcp_state;
	out->listening = row->listening;
	out->inode = row->inode;
}

int proc_net_parse_tcp_line(struct proc_socket *out, const char *line, size_t len, bool v6,
			    enum proc_net_reason *why)
{
	struct raw_row row;
	int e = scan_tcp_line(&row, line, len, v6, why);
	memset(out, 0, sizeof(*out));
	out->proto = DL_PROTO_TCP;
	out->fd = -1;
	out->v6 = v6;
	if (e < 0)
		return e;
	tcp_socket_from_row(out, &row, v6);
	return 0;
}

static int scan_unix_line(struct raw_row *row, const char *line, size_t len,
			  enum proc_net_reason *why)
{
	struct cursor c = { line, line + len };
	unsigned long long flags, type, inode;

	memset(row, 0, sizeof(*row));
	/* %pK: a kernel address, or zeros when kptr_restrict hides it. */
	if (take_hex(&c, 1, 16, NULL) < 0 || take_char(&c, ':') < 0)
		return fail(why, PROC_NET_BAD_NUM);
	if (take_spaces(&c) < 0 || take_hex(&c, 1, 16, NULL) < 0)
		return fail(why, PROC_NET_BAD_REFCOUNT);
	if (take_spaces(&c) < 0 || take_hex(&c, 1, 16, NULL) < 0)
		return fail(why, PROC_NET_BAD_PROTOCOL);
	if (take_spaces(&c) < 0 || take_hex(&c, 8, 8, &flags) < 0)
		return fail(why, PROC_NET_BAD_FLAGS);
	if (take_spaces(&c) < 0 || take_hex(&c, 4, 4, &type) < 0)
		return fail(why, PROC_NET_BAD_TYPE);
	if (take_spaces(&c) < 0 || take_hex(&c, 2, 2, NULL) < 0)
		return fail(why, PROC_NET_BAD_ST);
	if (take_spaces(&c) < 0 || take_dec(&c, ULONG_MAX, &inode) < 0)
		return fail(why, PROC_NET_BAD_UNIX_INODE);
	if (!at_end(&c)) {
		/* One space, then the path as the rest of the line: a path may
		 * contain (and begin with) spaces. */
		if (*c.p != ' ')
			return fail(why, PROC_NET_BAD_UNIX_INODE);
		c.p++;
		size_t n = (size_t)(c.end - c.p);
		if (n == 0)
			return fail(why, PROC_NET_EMPTY_PATH);
		if (n > UNIX_PATH_TEXT_MAX)
			return fail(why, PROC_NET_PATH_TOO_LONG);
		if (memchr(c.p, '\0', n))
			return fail(why, PROC_NET_PATH_NUL);
		row->path = c.p;
		row->path_len = n;
	}
	row->listening = (flags & PROC_UNIX_ACCEPTCON) != 0;
	row->unix_type = (unsigned)type;
	row->inode = (unsigned long)inode;
	if (row->listening && row->inode == 0)
		return fail(why, PROC_NET_LISTEN_NO_INODE);
	return 0;
}

static void unix_socket_from_row(struct proc_socket *out, const struct raw_row *row)
{
	memset(out, 0, sizeof(*out));
	out->proto = DL_PROTO_UNIX;
	out->fd = -1;
	if (row->path) {
		out->path = xstrndup(row->path, row->path_len);
		/* An abstract name starts with a NUL byte, which the kernel
		 * prints as '@' (unix_seq_show). */
		out->abstract = out->path[0] == '@';
	}
	out->listening = row->listening;
	out->unix_type = row->unix_type;
	out->inode = row->inode;
}

int proc_net_parse_unix_line(struct proc_socket *out, const char *line, size_t len,
			     enum proc_net_reason *why)
{
	struct raw_row row;
	int e = scan_unix_line(&row, line, len, why);
	memset(out, 0, sizeof(*out));
	out->proto = DL_PROTO_UNIX;
	out->fd = -1;
	if (e < 0)
		return e;
	unix_socket_from_row(out, &row);
	return 0;
}

void proc_socket_clear(struct proc_socket *s)
{
	free(s->address);
	free(s->path);
	evidence_clear(&s->where);
	evidence_clear(&s->fd_where);
	memset(s, 0, sizeof(*s));
	s->fd = -1;
}

void proc_socket_copy(struct proc_socket *dst, const struct proc_socket *src)
{
	*dst = *src;
	dst->address = xstrdup(src->address);
	dst->path = xstrdup(src->path);
	memset(&dst->where, 0, sizeof(dst->where));
	memset(&dst->fd_where, 0, sizeof(dst->fd_where));
	if (src->where.source)
		evidence_copy(&dst->where, &src->where);
	if (src->fd_where.source)
		evidence_copy(&dst->fd_where, &src->fd_where);
}

void proc_socket_list_clear(struct proc_socket_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		proc_socket_clear(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void proc_net_table_clear(struct proc_net_table *t)
{
	free(t->netns);
	proc_socket_list_clear(&t->listening);
	memset(t, 0, sizeof(*t));
}

/* The words of a header line, compared with what the kernel prints. */
static bool header_matches(const char *line, size_t len, const char *first, const char *second,
			   const char *last)
{
	const char *words[3] = { first, second, last };
	const char *seen[3] = { NULL, NULL, NULL };
	size_t seen_len[3] = { 0, 0, 0 }, n = 0;
	const char *p = line, *end = line + len;

	while (p < end) {
		while (p < end && *p == ' ')
			p++;
		if (p == end)
			break;
		const char *w = p;
		while (p < end && *p != ' ')
			p++;
		if (n < 2) {
			seen[n] = w;
			seen_len[n] = (size_t)(p - w);
		}
		seen[2] = w;
		seen_len[2] = (size_t)(p - w);
		n++;
	}
	if (n < 3)
		return false;
	for (size_t i = 0; i < 3; i++)
		if (seen_len[i] != strlen(words[i]) || memcmp(seen[i], words[i], seen_len[i]))
			return false;
	return true;
}

enum table_kind { TABLE_TCP, TABLE_TCP6, TABLE_UNIX };

/* One table being read, a line at a time: only the rows kept (listening,
 * and held by a daemon when there is a filter) are allocated, so memory does
 * not grow with the table (docs/live-scan.md). */
struct table_reader {
	struct proc_socket_list *out;
	const char *path;
	enum table_kind kind;
	const struct proc_net_filter *filter; /* NULL: keep every listening row */
	struct dl_problem_list *problems;
	unsigned lineno;
	bool stop; /* the line bound was reached */
};

bool proc_net_filter_has(const struct proc_net_filter *f, unsigned long inode)
{
	size_t lo = 0, hi = f->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->inodes[mid] < inode)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < f->count && f->inodes[lo] == inode;
}

/* One line (no newline). overlong: the line was longer than
 * PROC_NET_MAX_LINE and line holds only its start. */
static void table_line(struct table_reader *tr, const char *line, size_t n, bool overlong)
{
	if (++tr->lineno > PROC_NET_MAX_LINES) {
		problem_add(tr->problems, tr->path, tr->lineno,
			    "socket table has more than %u lines: the rest was not read",
			    PROC_NET_MAX_LINES);
		tr->stop = true;
		return;
	}
	if (tr->lineno == 1) {
		bool ok = !overlong &&
			  (tr->kind == TABLE_UNIX ? header_matches(line, n, "Num", "RefCount", "Path")
						  : header_matches(line, n, "sl", "local_address", "inode"));
		if (!ok)
			problem_add(tr->problems, tr->path, 1,
				    "unexpected header line: not a Linux %s socket table",
				    tr->kind == TABLE_UNIX ? "unix" : "TCP");
		return;
	}
	if (overlong) {
		problem_add(tr->problems, tr->path, tr->lineno,
			    "cannot parse socket line: longer than %u bytes", PROC_NET_MAX_LINE);
		return;
	}

	struct raw_row row;
	enum proc_net_reason why = PROC_NET_LINE_OK;
	int e = tr->kind == TABLE_UNIX ? scan_unix_line(&row, line, n, &why)
				       : scan_tcp_line(&row, line, n, tr->kind == TABLE_TCP6, &why);
	if (e < 0) {
		problem_add(tr->problems, tr->path, tr->lineno, "cannot parse socket line: %s",
			    proc_net_reason_text(why));
		return;
	}
	if (!row.listening || (tr->filter && !proc_net_filter_has(tr->filter, row.inode)))
		return;
	struct proc_socket s;
	if (tr->kind == TABLE_UNIX)
		unix_socket_from_row(&s, &row);
	else
		tcp_socket_from_row(&s, &row, tr->kind == TABLE_TCP6);
	_cleanup_free_ char *copy = xstrndup(line, n);
	evidence_set(&s.where, SRC_PROCESS, tr->path, tr->lineno, copy);
	struct proc_socket_list *out = tr->out;
	grow_array(&out->items, &out->cap, out->count + 1, sizeof(*out->items));
	out->items[out->count++] = s;
}

static void parse_table(struct proc_socket_list *out, const char *path, const char *text,
			size_t len, enum table_kind kind, struct dl_problem_list *problems)
{
	struct table_reader tr = { out, path, kind, NULL, problems, 0, false };
	const char *p = text, *end = text + len;

	if (len == 0) {
		problem_add(problems, path, 0, "empty socket table: the header line is missing");
		return;
	}
	while (p < end && !tr.stop) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		size_t n = (size_t)(eol - p);
		bool overlong = n > PROC_NET_MAX_LINE;
		table_line(&tr, p, overlong ? PROC_NET_MAX_LINE : n, overlong);
		p = nl ? nl + 1 : end;
	}
}

void proc_net_parse_tcp_table(struct proc_socket_list *out, const char *path, const char *text,
			      size_t len, bool v6, struct dl_problem_list *problems)
{
	parse_table(out, path, text, len, v6 ? TABLE_TCP6 : TABLE_TCP, problems);
}

void proc_net_parse_unix_table(struct proc_socket_list *out, const char *path, const char *text,
			       size_t len, struct dl_problem_list *problems)
{
	parse_table(out, path, text, len, TABLE_UNIX, problems);
}

/* Read an open table a buffer at a time, handing each line to table_line.
 * The kernel's seq_file produces the text as it is read, so the table is
 * never held whole, neither here nor in the kernel. At most
 * PROC_NET_MAX_TABLE bytes are read. Returns 0 or -errno (a read error). */
static int stream_table(struct table_reader *tr, int fd)
{
	/* A buffer of whole lines: 64 KiB is about 430 TCP lines per read(2). */
	enum { BUF = 64 * 1024 };
	_cleanup_free_ char *buf = xmalloc(BUF);
	size_t fill = 0, total = 0;
	bool skipping = false; /* inside an overlong line, up to its newline */
	bool eof = false;

	while (!eof && !tr->stop) {
		ssize_t k = read(fd, buf + fill, BUF - fill);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (k == 0)
			eof = true;
		total += (size_t)k;
		if (total > PROC_NET_MAX_TABLE) {
			problem_add(tr->problems, tr->path, 0,
				    "cannot read socket table: larger than the %u MiB bound (the "
				    "rest was not read)",
				    PROC_NET_MAX_TABLE / (1024u * 1024u));
			return 0;
		}
		fill += (size_t)k;
		if (total == 0) {
			problem_add(tr->problems, tr->path, 0,
				    "empty socket table: the header line is missing");
			return 0;
		}
		size_t start = 0;
		for (;;) {
			char *nl = memchr(buf + start, '\n', fill - start);
			if (!nl)
				break;
			size_t n = (size_t)(nl - (buf + start));
			if (skipping)
				skipping = false; /* the end of an overlong line: already reported */
			else
				table_line(tr, buf + start, n > PROC_NET_MAX_LINE ? PROC_NET_MAX_LINE : n,
					   n > PROC_NET_MAX_LINE);
			start += n + 1;
			if (tr->stop)
				return 0;
		}
		/* A partial line stays for the next read; one longer than the
		 * bound is reported now and its rest skipped. */
		if (!skipping && fill - start > PROC_NET_MAX_LINE) {
			table_line(tr, buf + start, PROC_NET_MAX_LINE, true);
			skipping = true;
		}
		if (skipping)
			start = fill;
		if (eof && start < fill)
			table_line(tr, buf + start, fill - start, false); /* no final newline */
		memmove(buf, buf + start, fill - start);
		fill -= start;
	}
	return 0;
}

/* Open path inside the root for reading: a regular file, never a FIFO or a
 * device, with symlinks resolved inside the root (rootfs_resolve gives the
 * file and its canonical in-root path). The file is then opened by name from
 * its canonical parent with O_NOFOLLOW and checked to be the same inode, as
 * src/base/rootfs.c does for whole-file reads: no /proc of the scanner is needed.
 * Returns the descriptor or -errno (-EISDIR, -EINVAL for a non-regular file,
 * -EFBIG when its size is over the bound, -ESTALE when it changed). */
static int open_table(const struct rootfs *r, const char *path)
{
	struct stat st, st2;
	_cleanup_free_ char *real = NULL;
	int opath = rootfs_resolve(r, path, &real);
	if (opath < 0)
		return opath;
	int e = fstat(opath, &st) < 0 ? -errno : 0;
	close(opath);
	if (e < 0)
		return e;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	if ((unsigned long long)st.st_size > PROC_NET_MAX_TABLE)
		return -EFBIG;
	const char *slash = strrchr(real, '/');
	if (!slash || !slash[1])
		return -EINVAL;
	_cleanup_free_ char *parent = slash == real ? xstrdup("/")
						    : xstrndup(real, (size_t)(slash - real));
	int dfd = rootfs_resolve(r, parent, NULL);
	if (dfd < 0)
		return dfd;
	int fd = openat(dfd, slash + 1, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	e = -errno;
	close(dfd);
	if (fd < 0)
		return e == -ELOOP ? -ESTALE : e;
	if (fstat(fd, &st2) < 0 || st2.st_dev != st.st_dev || st2.st_ino != st.st_ino) {
		close(fd);
		return -ESTALE;
	}
	return fd;
}

struct inode_ref {
	unsigned long inode;
	size_t index;
};

static int cmp_inode_ref(const void *a, const void *b)
{
	const struct inode_ref *x = a, *y = b;
	if (x->inode != y->inode)
		return x->inode < y->inode ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* A socket inode names one socket: seeing it twice means a line was forged,
 * which a unix socket path holding a newline can do (the kernel prints the
 * path raw). Report it rather than guess which line is true. */
static void check_duplicate_inodes(const struct proc_socket_list *l,
				   struct dl_problem_list *problems)
{
	if (l->count < 2)
		return;
	_cleanup_free_ struct inode_ref *refs = xcalloc(l->count, sizeof(*refs));
	for (size_t i = 0; i < l->count; i++)
		refs[i] = (struct inode_ref){ l->items[i].inode, i };
	qsort(refs, l->count, sizeof(*refs), cmp_inode_ref);
	for (size_t i = 1; i < l->count; i++) {
		if (refs[i - 1].inode != refs[i].inode)
			continue;
		const struct proc_socket *a = &l->items[refs[i - 1].index];
		const struct proc_socket *b = &l->items[refs[i].index];
		problem_add(problems, b->where.path, b->where.line,
			    "socket inode %lu is listed twice (also %s line %u): a line may be "
			    "forged by a unix socket path holding a newline",
			    b->inode, a->where.path, a->where.line);
	}
}

int proc_net_read_filtered(struct proc_net_table *t, const struct rootfs *r, unsigned long pid,
			   const struct proc_net_filter *filter, struct dl_problem_list *problems)
{
	static const struct {
		const char *name;
		enum table_kind kind;
	} tables[] = { { "tcp", TABLE_TCP }, { "tcp6", TABLE_TCP6 }, { "unix", TABLE_UNIX } };
	_cleanup_free_ char *dir = xasprintf("/proc/%lu/net", pid);
	struct stat st;

	t->pid = pid;
	int e = rootfs_stat(r, dir, &st);
	if (e == -ENOENT || e == -ESRCH)
		return -ENOENT;
	if (e < 0) {
		problem_add(problems, dir, 0, "cannot read socket tables: %s", rootfs_strerror(e));
		return 0;
	}
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		_cleanup_free_ char *path = rootfs_join(dir, tables[i].name);
		int fd = open_table(r, path);
		if (fd == -ENOENT && tables[i].kind == TABLE_TCP6)
			continue; /* kernel without IPv6, or ipv6.disable=1 */
		if (fd == -EFBIG) {
			problem_add(problems, path, 0,
				    "cannot read socket table: larger than the %u MiB bound",
				    PROC_NET_MAX_TABLE / (1024u * 1024u));
			continue;
		}
		if (fd < 0) {
			problem_add(problems, path, 0, "cannot read socket table: %s",
				    rootfs_strerror(fd));
			continue;
		}
		struct table_reader tr = { &t->listening, path, tables[i].kind, filter, problems,
					   0, false };
		e = stream_table(&tr, fd);
		close(fd);
		if (e < 0)
			problem_add(problems, path, 0, "cannot read socket table: %s",
				    rootfs_strerror(e));
	}
	check_duplicate_inodes(&t->listening, problems);
	return 0;
}

int proc_net_read(struct proc_net_table *t, const struct rootfs *r, unsigned long pid,
		  struct dl_problem_list *problems)
{
	return proc_net_read_filtered(t, r, pid, NULL, problems);
}

/* ------------------------------------------------- NETLINK_SOCK_DIAG */

/* The kernel's own socket dump (net/core/sock_diag.c; inet_diag.c
 * inet_diag_dump_icsk walks only the listening hash when only LISTEN is
 * asked for; unix_diag.c sk_diag_dump). Binary records: no line to forge,
 * nothing to parse but fixed structures. It describes the network namespace
 * of the socket it is asked on, the caller's own. */

enum diag_kind { DIAG_TCP, DIAG_TCP6, DIAG_UNIX };

struct diag_ctx {
	struct proc_socket_list *out;
	const struct proc_net_filter *filter;
	enum diag_kind kind;
};

static const char *diag_path(enum diag_kind k)
{
	return k == DIAG_UNIX ? PROC_NET_DIAG_UNIX : k == DIAG_TCP6 ? PROC_NET_DIAG_TCP6
								     : PROC_NET_DIAG_TCP;
}

static void diag_keep(struct diag_ctx *c, struct proc_socket *s, const char *text)
{
	evidence_set(&s->where, SRC_PROCESS, diag_path(c->kind), 0, text);
	grow_array(&c->out->items, &c->out->cap, c->out->count + 1, sizeof(*c->out->items));
	c->out->items[c->out->count++] = *s;
}

/* One inet_diag_msg. -EPROTO for a record shorter than its structure. */
static int diag_tcp_row(struct diag_ctx *c, const struct nlmsghdr *h)
{
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(struct inet_diag_msg)))
		return -EPROTO;
	const struct inet_diag_msg *m = NLMSG_DATA(h);
	bool v6 = c->kind == DIAG_TCP6;
	if (m->idiag_state != PROC_TCP_LISTEN || m->idiag_family != (v6 ? AF_INET6 : AF_INET))
		return 0;
	if (c->filter && !proc_net_filter_has(c->filter, m->idiag_inode))
		return 0;
	struct raw_row row = { 0 };
	row.listening = true;
	row.tcp_state = PROC_TCP_LISTEN;
	/* idiag_src holds the address in network byte order, as the bytes
	 * the /proc table reader restores. */
	memcpy(row.addr, m->id.idiag_src, v6 ? 16 : 4);
	row.port = ntohs(m->id.idiag_sport);
	row.inode = m->idiag_inode;
	if (row.inode == 0)
		return 0; /* never for a listener; as the table reader, skip */
	struct proc_socket s;
	tcp_socket_from_row(&s, &row, v6);
	_cleanup_free_ char *text =
		xasprintf("LISTEN %s%s%s:%u uid %u inode %lu", v6 ? "[" : "", s.address,
			  v6 ? "]" : "", s.port, m->idiag_uid, s.inode);
	diag_keep(c, &s, text);
	return 0;
}

/* One unix_diag_msg with its UNIX_DIAG_NAME attribute. The name is shown as
 * /proc/net/unix shows it (net/unix/af_unix.c unix_seq_show): a filesystem
 * path without its terminating NUL, an abstract name as '@' and the rest;
 * every other NUL byte as '@'. */
static int diag_unix_row(struct diag_ctx *c, const struct nlmsghdr *h)
{
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(struct unix_diag_msg)))
		return -EPROTO;
	const struct unix_diag_msg *m = NLMSG_DATA(h);
	if (m->udiag_state != PROC_TCP_LISTEN || m->udiag_family != AF_UNIX)
		return 0;
	if (c->filter && !proc_net_filter_has(c->filter, m->udiag_ino))
		return 0;
	const unsigned char *name = NULL;
	size_t nlen = 0;
	const struct rtattr *a = (const struct rtattr *)(m + 1);
	int alen = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof(*m)));
	for (; RTA_OK(a, alen); a = RTA_NEXT(a, alen))
		if (a->rta_type == UNIX_DIAG_NAME) {
			name = RTA_DATA(a);
			nlen = RTA_PAYLOAD(a);
		}
	char path[UNIX_PATH_TEXT_MAX + 1];
	size_t plen = 0;
	if (name && nlen) {
		size_t i = 0, end = nlen;
		if (name[0]) {
			end--; /* the terminating NUL of a filesystem path */
		} else {
			path[plen++] = '@';
			i = 1;
		}
		for (; i < end && plen < UNIX_PATH_TEXT_MAX; i++)
			path[plen++] = name[i] ? (char)name[i] : '@';
	}
	path[plen] = '\0';
	struct raw_row row = { 0 };
	row.listening = true;
	row.unix_type = m->udiag_type;
	row.inode = m->udiag_ino;
	row.path = plen ? path : NULL;
	row.path_len = plen;
	if (row.inode == 0)
		return 0;
	struct proc_socket s;
	unix_socket_from_row(&s, &row);
	_cleanup_free_ char *text = xasprintf("LISTEN type %u %s inode %lu", row.unix_type,
					      plen ? path : "(unbound)", row.inode);
	diag_keep(c, &s, text);
	return 0;
}

/* Send one dump request and hand every record to the row function. At most
 * PROC_NET_MAX_LINES records (-E2BIG beyond, rows so far kept). */
static int diag_dump(struct diag_ctx *c, const void *req, size_t reqlen)
{
	enum { BUF = 32 * 1024 };
	int s = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (s < 0)
		return -errno;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	if (sendto(s, req, reqlen, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0) {
		int e = -errno;
		close(s);
		return e;
	}
	_cleanup_free_ char *buf = xmalloc(BUF);
	size_t records = 0;
	int e = 0;
	bool done = false;
	while (!done) {
		struct sockaddr_nl from;
		struct iovec iov = { buf, BUF };
		struct msghdr msg = { .msg_name = &from, .msg_namelen = sizeof(from),
				      .msg_iov = &iov, .msg_iovlen = 1 };
		ssize_t n = recvmsg(s, &msg, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			e = -errno;
			break;
		}
		if (n == 0 || (msg.msg_flags & MSG_TRUNC)) {
			e = -EPROTO;
			break;
		}
		if (from.nl_pid != 0)
			continue; /* not from the kernel */
		/* The checks of NLMSG_OK/NLMSG_NEXT, written out: the macros
		 * compare a __u32 with an int. */
		for (size_t off = 0; !done && off + sizeof(struct nlmsghdr) <= (size_t)n;) {
			const struct nlmsghdr *h = (const struct nlmsghdr *)(buf + off);
			if (h->nlmsg_len < sizeof(*h) || h->nlmsg_len > (size_t)n - off) {
				e = -EPROTO;
				done = true;
				break;
			}
			off += NLMSG_ALIGN(h->nlmsg_len);
			if (h->nlmsg_type == NLMSG_DONE) {
				done = true;
				break;
			}
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *err = NLMSG_DATA(h);
				e = h->nlmsg_len >= NLMSG_LENGTH(sizeof(*err)) && err->error < 0
					    ? err->error
					    : -EPROTO;
				done = true;
				break;
			}
			if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY)
				continue;
			if (++records > PROC_NET_MAX_LINES) {
				e = -E2BIG;
				done = true;
				break;
			}
			e = c->kind == DIAG_UNIX ? diag_unix_row(c, h) : diag_tcp_row(c, h);
			if (e < 0) {
				done = true;
				break;
			}
		}
	}
	close(s);
	return e;
}

int proc_net_read_diag(struct proc_net_table *t, unsigned long pid,
		       const struct proc_net_filter *filter, struct dl_problem_list *problems)
{
	struct proc_socket_list got = { 0 };
	int e = 0;

	t->pid = pid;
	for (int k = DIAG_TCP; k <= DIAG_UNIX && e >= 0; k++) {
		struct diag_ctx c = { &got, filter, (enum diag_kind)k };
		if (k == DIAG_UNIX) {
			struct {
				struct nlmsghdr nh;
				struct unix_diag_req r;
			} req = { 0 };
			req.nh.nlmsg_len = sizeof(req);
			req.nh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
			req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
			req.r.sdiag_family = AF_UNIX;
			req.r.udiag_states = 1u << PROC_TCP_LISTEN;
			req.r.udiag_show = UDIAG_SHOW_NAME;
			e = diag_dump(&c, &req, sizeof(req));
		} else {
			struct {
				struct nlmsghdr nh;
				struct inet_diag_req_v2 r;
			} req = { 0 };
			req.nh.nlmsg_len = sizeof(req);
			req.nh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
			req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
			req.r.sdiag_family = k == DIAG_TCP6 ? AF_INET6 : AF_INET;
			req.r.sdiag_protocol = IPPROTO_TCP;
			req.r.idiag_states = 1u << PROC_TCP_LISTEN;
			e = diag_dump(&c, &req, sizeof(req));
			/* A kernel without IPv6 has no AF_INET6 handler: as a
			 * missing tcp6 table, nothing to read. */
			if (e < 0 && k == DIAG_TCP6 && (e == -ENOENT || e == -EAFNOSUPPORT))
				e = 0;
		}
		if (e == -E2BIG) {
			problem_add(problems, diag_path((enum diag_kind)k), 0,
				    "more than %u listening sockets: the rest was not read",
				    PROC_NET_MAX_LINES);
			e = 0;
		}
	}
	if (e < 0) {
		proc_socket_list_clear(&got);
		return e;
	}
	for (size_t i = 0; i < got.count; i++) {
		struct proc_socket_list *l = &t->listening;
		grow_array(&l->items, &l->cap, l->count + 1, sizeof(*l->items));
		l->items[l->count++] = got.items[i];
	}
	free(got.items);
	check_duplicate_inodes(&t->listening, problems);
	return 0;
}
