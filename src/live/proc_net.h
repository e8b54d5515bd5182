/* The socket tables of a network namespace, as Linux shows them in
 * /proc/PID/net/{tcp,tcp6,unix}: which TCP and unix sockets are listening,
 * with the inode that ties each one to a process's /proc/PID/fd/N link.
 *
 * Formats (Linux net/ipv4/tcp_ipv4.c get_tcp4_sock, net/ipv6/tcp_ipv6.c
 * get_tcp6_sock, net/unix/af_unix.c unix_seq_show):
 *   tcp:  "%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %lu ..."
 *         sl, local, remote, state, tx:rx queue, timer:when, retransmits, uid,
 *         timeout, inode, then columns that vary by socket kind.
 *         An IPv4 address is the __be32 printed as a host-order u32; an IPv6
 *         address is its four __be32 words, each printed the same way; the port
 *         is a plain number. State 0A is TCP_LISTEN.
 *   unix: "%pK: %08X %08X %08X %04X %02X %5lu[ PATH]"
 *         Num, RefCount, Protocol, Flags, Type, St, Inode, then the bound path,
 *         if any, as the rest of the line (it may contain spaces); an abstract
 *         name is shown with a leading '@'. Flags 00010000 (__SO_ACCEPTCON)
 *         means listening.
 *
 * The tables are produced by the kernel of the host that is scanned: the
 * addresses are decoded in the byte order of the machine running the probe,
 * which is the live host's own. */
#ifndef DOCKERD_SCAP_PROC_NET_H
#define DOCKERD_SCAP_PROC_NET_H

#include <stdbool.h>
#include <stddef.h>

#include "scan_result.h"
#include "base/rootfs.h"
#include "base/contract.h"
/* Evidence source of everything read from a /proc process directory. */
#ifndef SRC_PROCESS
#define SRC_PROCESS "process"
#endif

/* Bytes read from one table: about 400,000 TCP sockets. The tables are read a
 * buffer at a time (memory does not grow with them); the bound keeps the time
 * bounded. Beyond it the rest is not read and that is a problem. */
#define PROC_NET_MAX_TABLE (64u * 1024u * 1024u)
/* Lines parsed from one table before it is reported as truncated. */
#define PROC_NET_MAX_LINES 1000000u
/* Longest line parsed: a kernel line is under 300 bytes (a unix path is at
 * most 108). A longer line is a problem and is skipped. */
#define PROC_NET_MAX_LINE 4096u

/* include/net/tcp_states.h */
#define PROC_TCP_LISTEN 0x0Au
/* include/linux/net.h: set on a socket that listen() was called on. */
#define PROC_UNIX_ACCEPTCON 0x00010000u

/* One socket from a table. */
struct proc_socket {
	enum dl_proto proto;      /* DL_PROTO_TCP or DL_PROTO_UNIX */
	bool listening;           /* tcp: state LISTEN; unix: __SO_ACCEPTCON */
	unsigned tcp_state;       /* tcp: the st column (0x0A LISTEN, 0x01 ESTABLISHED, ...) */
	char *address;            /* tcp: inet_ntop text, "127.0.0.1", "::", "::ffff:10.0.0.1" */
	bool v6;                  /* tcp: from tcp6 (a dual-stack 0.0.0.0 listener shows as "::") */
	unsigned port;            /* tcp */
	char *path;               /* unix: bound path ("@name" when abstract), NULL when unbound */
	bool abstract;            /* unix: abstract name */
	unsigned unix_type;       /* unix: 1 stream, 2 datagram, 5 seqpacket */
	unsigned long inode;      /* socket inode, as in /proc/PID/fd/N -> "socket:[inode]" */
	int fd;                   /* descriptor of the owning process when matched, else -1 */
	struct dl_evidence where; /* SRC_PROCESS, the table's path, line, the line's text */
	struct dl_evidence fd_where; /* when matched: /proc/PID/fd/N, text "socket:[inode]" */
};

struct proc_socket_list {
	struct proc_socket *items;
	size_t count, cap;
};

/* The listening sockets of one network namespace. */
struct proc_net_table {
	char *netns;       /* "net:[4026531840]", or NULL when the namespace link was unreadable */
	unsigned long pid; /* the process whose /proc/PID/net tables were read */
	struct proc_socket_list listening; /* tcp, then tcp6, then unix, in table order */
};

/* Why a data line does not parse: the first column that is not what the
 * kernel prints (the formats above). A typed reason rather than a problem,
 * because the line parsers know neither the path nor the line number, and
 * the table reader runs them on up to PROC_NET_MAX_LINES lines: it turns a
 * reason into a problem naming the table and the line, at no cost for the
 * lines that parse. proc_net_reason_text() gives the message. */
enum proc_net_reason {
	PROC_NET_LINE_OK = 0,
	/* tcp, tcp6 */
	PROC_NET_NOT_TEXT,        /* control or non-ASCII bytes */
	PROC_NET_BAD_SL,
	PROC_NET_BAD_LOCAL4,      /* 8 hex digits ':' 4 hex digits expected */
	PROC_NET_BAD_LOCAL6,      /* 32 hex digits ':' 4 hex digits expected */
	PROC_NET_BAD_REMOTE4,
	PROC_NET_BAD_REMOTE6,
	PROC_NET_BAD_STATE,
	PROC_NET_BAD_QUEUES,      /* tx_queue:rx_queue */
	PROC_NET_BAD_TIMER,       /* tr:tm->when */
	PROC_NET_BAD_RETRNSMT,
	PROC_NET_BAD_UID,
	PROC_NET_BAD_TIMEOUT,
	PROC_NET_BAD_INODE,
	PROC_NET_LISTEN_NO_INODE, /* tcp and unix: a listener always has an inode */
	/* unix */
	PROC_NET_BAD_NUM,
	PROC_NET_BAD_REFCOUNT,
	PROC_NET_BAD_PROTOCOL,
	PROC_NET_BAD_FLAGS,
	PROC_NET_BAD_TYPE,
	PROC_NET_BAD_ST,
	PROC_NET_BAD_UNIX_INODE,
	PROC_NET_EMPTY_PATH,      /* a space after the inode and nothing else */
	PROC_NET_PATH_TOO_LONG,   /* longer than sun_path (108 bytes) */
	PROC_NET_PATH_NUL,
};

/* The message for a reason, e.g. "bad state: expected 2 hex digits" (static). */
const char *proc_net_reason_text(enum proc_net_reason why);

/* Parse one data line (no header, no newline) of /proc/net/tcp (v6 false) or
 * tcp6 (v6 true). Returns 0 and fills out (evidence left empty), or -EINVAL
 * with *why set. out is always safe to clear. */
_must_check_ int proc_net_parse_tcp_line(struct proc_socket *out, const char *line, size_t len,
					 bool v6, enum proc_net_reason *why);

/* Parse one data line of /proc/net/unix. Same contract. */
_must_check_ int proc_net_parse_unix_line(struct proc_socket *out, const char *line, size_t len,
					  enum proc_net_reason *why);

/* Parse a whole table text (header line, then one socket per line) read from
 * path, appending its listening sockets to out with evidence (path, line,
 * text). A line that does not parse is reported in problems with path and
 * line number and skipped; so is an unexpected header. A listening inode
 * seen twice (a unix path holding a newline can forge a line) is a problem. */
void proc_net_parse_tcp_table(struct proc_socket_list *out, const char *path, const char *text,
			      size_t len, bool v6, struct dl_problem_list *problems);
void proc_net_parse_unix_table(struct proc_socket_list *out, const char *path, const char *text,
			       size_t len, struct dl_problem_list *problems);

/* The socket inodes some daemon holds, sorted ascending, without
 * duplicates: the rows worth keeping from a table. */
struct proc_net_filter {
	const unsigned long *inodes;
	size_t count;
};

bool proc_net_filter_has(const struct proc_net_filter *f, unsigned long inode);

/* Read /proc/PID/net/{tcp,tcp6,unix} under the root into t (t->pid is set;
 * t->netns is left to the caller). A missing tcp6 is IPv6 being disabled, not
 * a problem; any other table that cannot be read is a problem naming it.
 * Returns 0, or -ENOENT (nothing added, no problem) when /proc/PID/net does
 * not exist, so the caller can tell a process that exited. */
_must_check_ int proc_net_read(struct proc_net_table *t, const struct rootfs *r, unsigned long pid,
		  struct dl_problem_list *problems);

/* The same, keeping only the listening rows whose inode is in filter (NULL:
 * every listening row). Every line is still parsed, so a malformed line is a
 * problem whichever socket it describes; the duplicate-inode check sees the
 * rows kept. Each table is read a buffer at a time (docs/live-scan.md). */
_must_check_ int proc_net_read_filtered(struct proc_net_table *t, const struct rootfs *r, unsigned long pid,
			   const struct proc_net_filter *filter, struct dl_problem_list *problems);

/* Evidence paths of sockets read through NETLINK_SOCK_DIAG (no file). */
#define PROC_NET_DIAG_TCP "sock_diag:tcp"
#define PROC_NET_DIAG_TCP6 "sock_diag:tcp6"
#define PROC_NET_DIAG_UNIX "sock_diag:unix"

/* The listening TCP (IPv4, IPv6) and unix sockets of the CALLER's network
 * namespace, asked of the kernel through NETLINK_SOCK_DIAG (inet_diag,
 * unix_diag) restricted to LISTEN, keeping those whose inode is in filter
 * (NULL: all), in the same order of kinds as the tables: tcp, tcp6, unix.
 * Each kept socket's evidence is PROC_NET_DIAG_* with the record as text.
 * For the live root only, and only for a daemon in the caller's own network
 * namespace (docs/live-scan.md). Returns 0, or -errno when the kernel does
 * not answer as expected: then nothing was added and the caller reads the
 * tables instead. t->pid is set. */
_must_check_ int proc_net_read_diag(struct proc_net_table *t, unsigned long pid,
		       const struct proc_net_filter *filter, struct dl_problem_list *problems);

void proc_socket_clear(struct proc_socket *s);
void proc_socket_copy(struct proc_socket *dst, const struct proc_socket *src);
void proc_socket_list_clear(struct proc_socket_list *l);
void proc_net_table_clear(struct proc_net_table *t);

#endif
