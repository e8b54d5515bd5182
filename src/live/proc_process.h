/* Running dockerd processes under ROOT/proc: their command line, initial
 * environment, working directory, network namespace, and the listening
 * sockets they hold (fd links joined with their namespace's socket tables).
 *
 * Only processes whose comm is dockerd (or the legacy docker binary run as a
 * daemon) have their fd table read, and each network namespace's tables are
 * read once, whatever the number of processes on the host. Each process
 * costs one openat2 of PID/comm; the tables keep only the rows of sockets a
 * daemon holds (docs/live-scan.md). */
#ifndef DOCKERD_SCAP_PROC_PROCESS_H
#define DOCKERD_SCAP_PROC_PROCESS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/words.h"
#include "live/proc_net.h"
#include "base/rootfs.h"
#include "base/contract.h"
#ifndef SRC_PROCESS
#define SRC_PROCESS "process"
#endif

/* The pidfile dockerd writes by default (--pidfile, daemon/config). */
#define PROC_DOCKER_PIDFILE "/var/run/docker.pid"
/* PID_MAX_LIMIT (include/linux/threads.h): no pid is larger. */
#define PROC_PID_MAX 4194304ul
/* Descriptors read from one daemon's fd table before it is reported. */
#define PROC_MAX_FDS 65536u
/* Command line words and environment entries kept per daemon. */
#define PROC_MAX_ARGS 4096u
#define PROC_MAX_ENV 4096u
/* Longest command line text kept as the evidence of its words. */
#define PROC_CMDLINE_TEXT_MAX 2048u

/* A descriptor of a daemon that refers to a socket. */
struct proc_fd_socket {
	int fd;
	unsigned long inode;
};

struct proc_daemon {
	unsigned long pid;
	unsigned long long start_time; /* field 22 of /proc/PID/stat (clock ticks after
	                                * boot), 0 when unknown: with pid, identifies the
	                                * process across a later look (pid reuse) */
	char *comm;                    /* "dockerd", "dockerd-current", "docker" */
	struct word_list argv;         /* SRC_PROCESS /proc/PID/cmdline; where.text is the
	                                * command line joined with spaces (bounded) */
	size_t args_start;             /* index of the first daemon flag in argv: 1, or the
	                                * word after "daemon" for legacy "docker daemon" */
	bool legacy;                   /* "docker daemon ..." or "docker -d ..." */
	bool is_daemon;                /* comm and cmdline as read name a docker daemon
	                                * (proc_is_docker_daemon; comm alone when the
	                                * cmdline could not be read) */
	struct env env;                /* SRC_PROCESS /proc/PID/environ, line = entry number */
	bool env_read;                 /* false when unreadable (a problem says why) */
	char *cwd;                     /* target of /proc/PID/cwd, NULL when unknown */
	char *netns;                   /* "net:[4026531840]", NULL when unreadable */
	struct proc_fd_socket *sockets;/* every fd that is a socket, sorted by inode then fd */
	size_t socket_count;
	bool fds_read;                 /* the fd table was read completely */
	struct proc_socket_list listeners; /* listening sockets it holds (table order), each
	                                    * with fd and fd_where set */
	bool from_pidfile;             /* pid is the one PROC_DOCKER_PIDFILE names */
};

struct proc_scan {
	bool proc_present;             /* ROOT/proc exists (an offline image has none) */
	size_t processes_seen;         /* numeric entries of ROOT/proc */
	struct proc_daemon *daemons;   /* by pid */
	size_t count, cap;
	struct proc_net_table *tables; /* one per network namespace of a daemon */
	size_t table_count, table_cap;
	bool pidfile_present;
	unsigned long pidfile_pid;     /* 0 when absent or invalid */
	bool pidfile_alive;            /* ROOT/proc/<pidfile_pid> exists */
	struct dl_evidence pidfile_where;
};

/* Whether a process is a docker daemon, from its comm and argv (cmdline
 * split at NULs). dockerd and dockerd-current (RHEL/CentOS docker 1.13
 * packages) by comm; the legacy single binary "docker" when run as
 * "docker daemon" (1.8-1.12) or "docker -d"/"--daemon" (up to 1.7) before any
 * client subcommand (so "docker run -d" is not a daemon). *args_start gets the
 * index of the first daemon flag. */
bool proc_is_docker_daemon(const char *comm, char *const *argv, size_t argc, size_t *args_start,
			   bool *legacy);

/* Field 22 (starttime) of a /proc/PID/stat text. comm (field 2) may hold
 * spaces and ')', so fields are counted from the last ')'. 0 or -EINVAL. */
_must_check_ int proc_parse_stat_start_time(unsigned long long *out, const char *text, size_t len);
/* Field 4 (ppid) of a /proc/PID/stat text, 0..PROC_PID_MAX (0: process 1
 * and kernel threads). 0 or -EINVAL/-ERANGE. */
_must_check_ int proc_parse_stat_ppid(unsigned long *out, const char *text, size_t len);

/* "socket:[12345]" -> 1 and the inode; another link target -> 0; -EINVAL for
 * "socket:" with a malformed inode. */
_must_check_ int proc_parse_socket_link(unsigned long *inode, const char *target);

/* The pid in a pidfile text: decimal, optionally followed by a newline, in
 * 1..PROC_PID_MAX. 0 or -EINVAL/-ERANGE. */
_must_check_ int proc_parse_pidfile(unsigned long *pid, const char *text, size_t len);

/* Read one process: stat, comm, cmdline, environ, cwd, ns/net and the
 * sockets of its fd table (not the tables: see proc_daemon_match). Used for
 * daemons, and by tests on the probe's own pid. Problems name the file, with
 * messages such as "cannot read environment: Permission denied" (not root)
 * or "cannot read descriptor table: No such file or directory" (a fixture
 * without fd/). cmdline, environ and fd/ are needed; stat, cwd and ns/net
 * may be missing (then start_time 0, cwd and netns NULL).
 * Returns 0; -ENOENT when /proc/PID/comm cannot be read (not a process);
 * -ESRCH when the process exited, started another program (its comm
 * changed), or its pid was reused, during the read (nothing kept, no problem
 * added: the caller reports it). */
_must_check_ int proc_daemon_read(struct proc_daemon *d, const struct rootfs *r, unsigned long pid,
		     struct dl_problem_list *problems);

/* Add to d->listeners the listening sockets of t that d holds a descriptor
 * of (the lowest fd when it holds several), with fd_where evidence. */
void proc_daemon_match(struct proc_daemon *d, const struct proc_net_table *t);

void proc_daemon_clear(struct proc_daemon *d);

/* Find the docker daemons under ROOT/proc and the listeners each holds, and
 * read PROC_DOCKER_PIDFILE. A daemon's own child between fork and execve
 * (src/live/proc_process.c "a daemon's own children") is not a daemon and is
 * skipped silently, as is any other process that vanishes. When another
 * daemon exits or starts another program during the scan, the scan looks
 * again (at most PROC_SCAN_LOOKS times in all); only when every look had
 * one is it dropped with the problem "docker daemon process exited or
 * started another program during the scan". When ROOT/proc does not exist,
 * proc_present is false and there is no problem. */
#define PROC_SCAN_LOOKS 3
void proc_scan_daemons(struct proc_scan *out, const struct rootfs *r,
		       struct dl_problem_list *problems);
void proc_scan_clear(struct proc_scan *s);

#endif
