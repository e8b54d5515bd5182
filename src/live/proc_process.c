#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#ifdef SYS_openat2
#include <linux/openat2.h>
#endif
#ifdef SYS_kcmp
#include <linux/kcmp.h>
#endif

#include "live/proc_process.h"
#include "base/alloc.h"
#include "base/evidence.h"
#include "base/problems.h"
#include "base/words.h"
#include "base/text.h"
/* comm is at most 15 bytes (TASK_COMM_LEN 16, include/linux/sched.h); a
 * fixture may hold anything, so read a little more and compare. */
#define COMM_READ_MAX 4096u
/* /proc/PID/stat is one line of 52 fields, well under 4 KiB even with a
 * 15-byte comm; read a generous bound. */
#define STAT_READ_MAX 8192u
/* "socket:[18446744073709551615]", "net:[4026531840]", a cwd path. */
#define LINK_MAX_TEXT 4096u

/* Whether errno says the process (or the file) went away: the kernel
 * answers ESRCH for some reads of a task that is exiting. */
static bool is_gone(int e)
{
	return e == -ENOENT || e == -ESRCH;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* --------------------------------------------------------- small parsers */

/* Field FIELD (3..52) of a /proc/PID/stat text as a decimal number. comm
 * (field 2) can hold ')' and spaces (prctl PR_SET_NAME): the fields after it
 * start after the LAST ')' (fs/proc/array.c do_task_stat). */
static int stat_field(unsigned long long *out, const char *text, size_t len, unsigned want)
{
	const char *end = text + len, *p = NULL;
	for (const char *q = text; q < end; q++)
		if (*q == ')')
			p = q;
	if (!p || len == 0 || text[0] < '0' || text[0] > '9')
		return -EINVAL;
	p++;
	/* Fields 3..: state, ppid, ... (22) starttime. */
	for (unsigned field = 3; field <= want; field++) {
		if (p >= end || *p != ' ')
			return -EINVAL;
		p++;
		const char *w = p;
		while (p < end && *p != ' ' && *p != '\n')
			p++;
		size_t n = (size_t)(p - w);
		if (n == 0)
			return -EINVAL;
		if (field == 3 && n != 1)
			return -EINVAL;
		if (field == want) {
			unsigned long long v = 0;
			for (size_t i = 0; i < n; i++) {
				if (w[i] < '0' || w[i] > '9')
					return -EINVAL;
				unsigned d = (unsigned)(w[i] - '0');
				if (v > (ULLONG_MAX - d) / 10)
					return -ERANGE;
				v = v * 10 + d;
			}
			*out = v;
			return 0;
		}
	}
	return -EINVAL;
}

int proc_parse_stat_start_time(unsigned long long *out, const char *text, size_t len)
{
	return stat_field(out, text, len, 22);
}

int proc_parse_stat_ppid(unsigned long *out, const char *text, size_t len)
{
	unsigned long long v;
	int e = stat_field(&v, text, len, 4);
	if (e < 0)
		return e;
	/* 0 for process 1 and for kernel threads (kthreadd's children). */
	if (v > PROC_PID_MAX)
		return -ERANGE;
	*out = (unsigned long)v;
	return 0;
}

int proc_parse_socket_link(unsigned long *inode, const char *target)
{
	static const char prefix[] = "socket:[";
	if (!str_startswith(target, prefix))
		return 0;
	const char *p = target + sizeof(prefix) - 1;
	size_t n = strlen(p);
	if (n < 2 || p[n - 1] != ']' || n - 1 > 20)
		return -EINVAL;
	char digits[24];
	memcpy(digits, p, n - 1);
	digits[n - 1] = '\0';
	unsigned long v;
	if (parse_uint(digits, 1, ULONG_MAX, &v) < 0)
		return -EINVAL;
	*inode = v;
	return 1;
}

/* "net:[4026531840]" (fs/nsfs.c ns_dname). */
static bool valid_netns_link(const char *target)
{
	static const char prefix[] = "net:[";
	if (!str_startswith(target, prefix))
		return false;
	const char *p = target + sizeof(prefix) - 1;
	size_t n = strlen(p);
	if (n < 2 || p[n - 1] != ']' || n - 1 > 20)
		return false;
	char digits[24];
	memcpy(digits, p, n - 1);
	digits[n - 1] = '\0';
	unsigned long v;
	return parse_uint(digits, 1, ULONG_MAX, &v) == 0;
}

int proc_parse_pidfile(unsigned long *pid, const char *text, size_t len)
{
	/* dockerd writes "%d" without a newline (pkg/pidfile) and reads it back
	 * with strings.TrimSpace; other tools add a newline. */
	size_t b = 0, e = len;
	while (b < e && is_space(text[b]))
		b++;
	while (e > b && is_space(text[e - 1]))
		e--;
	if (b == e || e - b > 20)
		return -EINVAL;
	char digits[24];
	memcpy(digits, text + b, e - b);
	digits[e - b] = '\0';
	if (memchr(digits, '\0', e - b))
		return -EINVAL;
	return parse_uint(digits, 1, PROC_PID_MAX, pid);
}

/* Client subcommands of the docker binary (1.x to today). In the single
 * binary of Docker <= 1.12, the first of these ends the global flags: the
 * "-d" of "docker run -d" belongs to run, not to the daemon switch. */
static bool is_client_command(const char *a)
{
	static const char *const commands[] = {
		"attach", "build", "builder", "buildx", "checkpoint", "commit", "compose",
		"config", "container", "context", "cp", "create", "diff", "events", "exec",
		"export", "help", "history", "image", "images", "import", "info", "inspect",
		"kill", "load", "login", "logout", "logs", "manifest", "network", "node",
		"pause", "plugin", "port", "ps", "pull", "push", "rename", "restart", "rm",
		"rmi", "run", "save", "search", "secret", "service", "stack", "start", "stats",
		"stop", "swarm", "system", "tag", "top", "trust", "unpause", "update",
		"version", "volume", "wait",
	};
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(a, commands[i]))
			return true;
	return false;
}

/* The daemon switch of Docker <= 1.7: "-d" / "--daemon", a mflag boolean
 * that also takes "=VALUE" in strconv.ParseBool's spellings. */
static bool is_daemon_switch(const char *a)
{
	static const char *const truths[] = { "1", "t", "T", "true", "TRUE", "True" };
	const char *v;
	if (!strcmp(a, "-d") || !strcmp(a, "--daemon"))
		return true;
	if (str_startswith(a, "-d="))
		v = a + 3;
	else if (str_startswith(a, "--daemon="))
		v = a + 9;
	else
		return false;
	for (size_t i = 0; i < sizeof(truths) / sizeof(truths[0]); i++)
		if (!strcmp(v, truths[i]))
			return true;
	return false;
}

bool proc_is_docker_daemon(const char *comm, char *const *argv, size_t argc, size_t *args_start,
			   bool *legacy)
{
	*args_start = 1;
	*legacy = false;
	/* An empty command line is a kernel thread or a zombie: no program runs
	 * and no descriptor is held. */
	if (!comm || argc == 0)
		return false;
	/* dockerd-current: RHEL/CentOS 7 docker 1.12/1.13 packages. */
	if (!strcmp(comm, "dockerd") || !strcmp(comm, "dockerd-current"))
		return true;
	/* docker-current: RHEL/CentOS 7 docker 1.10 ran "docker-current daemon". */
	if (strcmp(comm, "docker") && strcmp(comm, "docker-current"))
		return false;
	for (size_t i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--"))
			return false;
		if (is_daemon_switch(a)) {
			*legacy = true;
			return true;
		}
		if (!strcmp(a, "daemon")) {
			*args_start = i + 1;
			*legacy = true;
			return true;
		}
		if (a[0] != '-' && is_client_command(a))
			return false;
		/* Anything else is a global flag or its value. */
	}
	return false;
}

/* ------------------------------------------------------------ one process */

static bool is_dockerd_comm(const char *comm)
{
	/* dockerd-current: RHEL/CentOS 7 docker 1.12/1.13 packages. */
	return !strcmp(comm, "dockerd") || !strcmp(comm, "dockerd-current");
}

static bool is_docker_comm(const char *comm)
{
	return is_dockerd_comm(comm) || !strcmp(comm, "docker") || !strcmp(comm, "docker-current");
}

static char *proc_path(unsigned long pid, const char *name)
{
	return xasprintf("/proc/%lu/%s", pid, name);
}

/* Split NUL-separated text (cmdline, environ). A last entry without its NUL
 * still counts (a process may have overwritten its argument area). */
static char **split_nul(const char *buf, size_t len, size_t *count)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	const char *p = buf, *end = buf + len;
	while (p < end) {
		const char *z = memchr(p, '\0', (size_t)(end - p));
		const char *e = z ? z : end;
		grow_array(&v, &cap, n + 1, sizeof(*v));
		v[n++] = xstrndup(p, (size_t)(e - p));
		p = z ? z + 1 : end;
	}
	*count = n;
	return v;
}

static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The command line as one evidence text, bounded. */
static char *join_words(char *const *v, size_t n)
{
	size_t cap = PROC_CMDLINE_TEXT_MAX;
	char *s = xmalloc(cap + 4), *p = s;
	bool cut = false;
	for (size_t i = 0; i < n && !cut; i++) {
		size_t l = strlen(v[i]) + (i ? 1 : 0);
		size_t room = cap - (size_t)(p - s);
		if (l > room) {
			l = room;
			cut = true;
		}
		if (i && l) {
			*p++ = ' ';
			l--;
		}
		memcpy(p, v[i], l);
		p += l;
	}
	if (cut) {
		memcpy(p, "...", 3);
		p += 3;
	}
	*p = '\0';
	return s;
}

static int read_start_time(const struct rootfs *r, unsigned long pid, unsigned long long *out)
{
	_cleanup_free_ char *path = proc_path(pid, "stat");
	_cleanup_free_ char *buf = NULL;
	size_t len;
	int e = rootfs_read_file(r, path, STAT_READ_MAX, &buf, &len);
	if (e < 0)
		return e;
	return proc_parse_stat_start_time(out, buf, len);
}

/* comm without its newline; -errno when unreadable. */
static int read_comm(const struct rootfs *r, unsigned long pid, char **comm)
{
	_cleanup_free_ char *path = proc_path(pid, "comm");
	char *buf = NULL;
	size_t len;
	*comm = NULL;
	int e = rootfs_read_file(r, path, COMM_READ_MAX, &buf, &len);
	if (e < 0)
		return e;
	if (len && buf[len - 1] == '\n')
		buf[--len] = '\0';
	if (memchr(buf, '\0', len)) {
		free(buf);
		return -EINVAL;
	}
	*comm = buf;
	return 0;
}

static int read_cmdline_raw(const struct rootfs *r, unsigned long pid, char **buf, size_t *len)
{
	_cleanup_free_ char *path = proc_path(pid, "cmdline");
	*buf = NULL;
	*len = 0;
	return rootfs_read_file(r, path, ROOTFS_MAX_FILE, buf, len);
}

static int read_cmdline(const struct rootfs *r, unsigned long pid, char ***argv, size_t *argc)
{
	_cleanup_free_ char *buf = NULL;
	size_t len;
	*argv = NULL;
	*argc = 0;
	int e = read_cmdline_raw(r, pid, &buf, &len);
	if (e < 0)
		return e;
	*argv = split_nul(buf, len, argc);
	return 0;
}

static void set_argv(struct proc_daemon *d, char **argv, size_t argc,
		     struct dl_problem_list *problems)
{
	_cleanup_free_ char *path = proc_path(d->pid, "cmdline");
	if (argc > PROC_MAX_ARGS) {
		problem_add(problems, path, 0,
			    "command line has %zu words, more than the %u read: the rest was "
			    "not read",
			    argc, PROC_MAX_ARGS);
		argc = PROC_MAX_ARGS;
	}
	_cleanup_free_ char *text = join_words(argv, argc);
	struct dl_evidence where = { (char *)SRC_PROCESS, path, 0, text };
	for (size_t i = 0; i < argc; i++)
		word_list_add(&d->argv, argv[i], &where, NULL);
}

static void set_env(struct proc_daemon *d, const char *buf, size_t len,
		    struct dl_problem_list *problems)
{
	_cleanup_free_ char *path = proc_path(d->pid, "environ");
	size_t n = 0;
	char **v = split_nul(buf, len, &n);
	if (n > PROC_MAX_ENV)
		problem_add(problems, path, 0,
			    "environment has %zu entries, more than the %u read: the rest was "
			    "not read",
			    n, PROC_MAX_ENV);
	for (size_t i = 0; i < n && i < PROC_MAX_ENV; i++) {
		char *eq = strchr(v[i], '=');
		/* execve accepts entries without '=' (or with an empty name);
		 * nothing reads them as variables. */
		if (!eq || eq == v[i])
			continue;
		struct dl_evidence where = { (char *)SRC_PROCESS, path, (unsigned)(i + 1), v[i] };
		_cleanup_free_ char *name = xstrndup(v[i], (size_t)(eq - v[i]));
		env_set(&d->env, name, eq + 1, &where);
	}
	free_strv(v, n);
}

static int cmp_fd_socket(const void *a, const void *b)
{
	const struct proc_fd_socket *x = a, *y = b;
	if (x->inode != y->inode)
		return x->inode < y->inode ? -1 : 1;
	return x->fd < y->fd ? -1 : x->fd > y->fd;
}

/* Read the socket links of /proc/PID/fd. The directory is resolved inside
 * the root once, then each link is read relative to it (readlinkat never
 * follows the final component, and a descriptor name has no '/'), instead of
 * resolving /proc/PID/fd again for each of up to PROC_MAX_FDS names.
 * Returns 0, or a negative errno (problem already added). */
static int read_fd_sockets(struct proc_daemon *d, const struct rootfs *r,
			   struct dl_problem_list *problems)
{
	_cleanup_free_ char *path = proc_path(d->pid, "fd");
	size_t cap = 0;
	int opath = rootfs_resolve(r, path, NULL);
	if (opath < 0) {
		problem_add(problems, path, 0, "cannot read descriptor table: %s",
			    rootfs_strerror(opath));
		return opath;
	}
	int dfd = openat(opath, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int e = -errno;
	close(opath);
	if (dfd < 0) {
		problem_add(problems, path, 0, "cannot read descriptor table: %s",
			    rootfs_strerror(e));
		return e;
	}
	DIR *dir = fdopendir(dfd);
	if (!dir) {
		e = -errno;
		close(dfd);
		problem_add(problems, path, 0, "cannot read descriptor table: %s",
			    rootfs_strerror(e));
		return e;
	}
	size_t seen = 0;
	struct dirent *de;
	e = 0;
	for (;;) {
		errno = 0;
		de = readdir(dir);
		if (!de) {
			if (errno)
				e = -errno;
			break;
		}
		unsigned long fd;
		if (parse_uint(de->d_name, 0, INT_MAX, &fd) < 0)
			continue; /* ".", "..", or a stray fixture file */
		if (++seen > PROC_MAX_FDS) {
			problem_add(problems, path, 0,
				    "more than %u open descriptors: the rest were not read",
				    PROC_MAX_FDS);
			e = -E2BIG;
			break;
		}
		char target[LINK_MAX_TEXT];
		ssize_t n = readlinkat(dirfd(dir), de->d_name, target, sizeof(target) - 1);
		if (n < 0) {
			int le = errno;
			/* Closed since the listing, or not a link in a fixture. */
			if (le == ENOENT || le == EINVAL)
				continue;
			_cleanup_free_ char *fdpath = rootfs_join(path, de->d_name);
			problem_add(problems, fdpath, 0, "cannot read descriptor link: %s",
				    rootfs_strerror(-le));
			continue;
		}
		target[n] = '\0';
		unsigned long inode;
		int k = proc_parse_socket_link(&inode, target);
		if (k < 0) {
			_cleanup_free_ char *fdpath = rootfs_join(path, de->d_name);
			problem_add(problems, fdpath, 0, "malformed socket link \"%s\"", target);
			continue;
		}
		if (k == 0)
			continue;
		grow_array(&d->sockets, &cap, d->socket_count + 1, sizeof(*d->sockets));
		d->sockets[d->socket_count++] = (struct proc_fd_socket){ (int)fd, inode };
	}
	closedir(dir);
	if (e < 0 && e != -E2BIG)
		problem_add(problems, path, 0, "cannot read descriptor table: %s",
			    rootfs_strerror(e));
	if (d->socket_count)
		qsort(d->sockets, d->socket_count, sizeof(*d->sockets), cmp_fd_socket);
	d->fds_read = e == 0;
	return 0;
}

void proc_daemon_clear(struct proc_daemon *d)
{
	free(d->comm);
	word_list_clear(&d->argv);
	env_clear(&d->env);
	free(d->cwd);
	free(d->netns);
	free(d->sockets);
	proc_socket_list_clear(&d->listeners);
	memset(d, 0, sizeof(*d));
}

static void move_problems(struct dl_problem_list *dst, struct dl_problem_list *src)
{
	for (size_t i = 0; i < src->count; i++)
		problem_add(dst, src->items[i].path, src->items[i].line, "%s",
			    src->items[i].message);
	problem_list_clear(src);
}

int proc_daemon_read(struct proc_daemon *d, const struct rootfs *r, unsigned long pid,
		     struct dl_problem_list *problems)
{
	/* Problems are held back until we know the process still exists: a
	 * process that exited while we read it is the caller's to report, and
	 * its missing files are not problems of their own. */
	struct dl_problem_list found = { 0 };
	unsigned long long start2 = 0;
	char link[LINK_MAX_TEXT];
	int e;

	memset(d, 0, sizeof(*d));
	d->pid = pid;
	d->args_start = 1;

	/* stat: optional (a fixture may omit it); it dates the process. */
	int stat_e = read_start_time(r, pid, &d->start_time);
	if (stat_e < 0)
		d->start_time = 0;

	e = read_comm(r, pid, &d->comm);
	if (e < 0) {
		proc_daemon_clear(d);
		return -ENOENT;
	}
	bool argv_read = false;

	{
		_cleanup_free_ char *path = proc_path(pid, "cmdline");
		char **argv = NULL;
		size_t argc = 0;
		e = read_cmdline(r, pid, &argv, &argc);
		if (e < 0)
			problem_add(&found, path, 0, "cannot read command line: %s",
				    rootfs_strerror(e));
		else {
			bool legacy;
			d->is_daemon = proc_is_docker_daemon(d->comm, argv, argc, &d->args_start,
							     &legacy);
			if (d->is_daemon)
				d->legacy = legacy;
			set_argv(d, argv, argc, &found);
			argv_read = true;
		}
		free_strv(argv, argc);
	}
	if (!argv_read)
		d->is_daemon = is_docker_comm(d->comm); /* as classify decides */

	{
		_cleanup_free_ char *path = proc_path(pid, "environ");
		_cleanup_free_ char *buf = NULL;
		size_t len = 0;
		e = rootfs_read_file(r, path, ROOTFS_MAX_FILE, &buf, &len);
		if (e < 0)
			problem_add(&found, path, 0, "cannot read environment: %s",
				    rootfs_strerror(e));
		else {
			set_env(d, buf, len, &found);
			d->env_read = true;
		}
	}

	{
		/* cwd: unknown when missing (a fixture may omit it, a zombie has
		 * none); an access error is reported: relative paths in argv
		 * depend on it. */
		_cleanup_free_ char *path = proc_path(pid, "cwd");
		e = rootfs_readlink(r, path, link, sizeof(link));
		if (e >= 0)
			d->cwd = xstrdup(link);
		else if (!is_gone(e))
			problem_add(&found, path, 0, "cannot read working directory: %s",
				    rootfs_strerror(e));
	}

	{
		/* The namespace only saves reading the same tables twice: when it
		 * cannot be read, the process's own tables are read instead. */
		_cleanup_free_ char *path = proc_path(pid, "ns/net");
		e = rootfs_readlink(r, path, link, sizeof(link));
		if (e >= 0 && valid_netns_link(link))
			d->netns = xstrdup(link);
	}

	read_fd_sockets(d, r, &found);

	/* Still the same process? An exited one has no comm any more; a pid
	 * reused meanwhile has another start time; one that started another
	 * program (execve) has another comm (fs/exec.c begin_new_exec sets it
	 * from the file name), and what was read may mix both programs. */
	_cleanup_free_ char *comm2 = NULL;
	bool gone = read_comm(r, pid, &comm2) < 0 || strcmp(comm2, d->comm) != 0;
	if (stat_e == 0 && (read_start_time(r, pid, &start2) < 0 || start2 != d->start_time))
		gone = true;
	if (gone) {
		problem_list_clear(&found);
		proc_daemon_clear(d);
		return -ESRCH;
	}
	move_problems(problems, &found);
	return 0;
}

void proc_daemon_match(struct proc_daemon *d, const struct proc_net_table *t)
{
	for (size_t i = 0; i < t->listening.count; i++) {
		const struct proc_socket *s = &t->listening.items[i];
		/* Lowest entry with this inode (sockets are sorted by inode, fd). */
		size_t lo = 0, hi = d->socket_count;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (d->sockets[mid].inode < s->inode)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == d->socket_count || d->sockets[lo].inode != s->inode)
			continue;
		struct proc_socket_list *l = &d->listeners;
		grow_array(&l->items, &l->cap, l->count + 1, sizeof(*l->items));
		struct proc_socket *m = &l->items[l->count++];
		proc_socket_copy(m, s);
		m->fd = d->sockets[lo].fd;
		_cleanup_free_ char *fdpath = xasprintf("/proc/%lu/fd/%d", d->pid, m->fd);
		_cleanup_free_ char *text = xasprintf("socket:[%lu]", s->inode);
		evidence_set(&m->fd_where, SRC_PROCESS, fdpath, 0, text);
	}
}

/* -------------------------------------------------------------- the scan */

/* ------------------------------------------------- a daemon's own children
 *
 * dockerd runs programs (runc --version, docker-init --version, iptables,
 * and itself through /proc/self/exe for libnetwork's netns-create,
 * set-ipv6, setup-resolver, redirector...) with Go's os/exec. On Linux the
 * child is made with clone(CLONE_VM|CLONE_VFORK) (Go syscall/exec_linux.go
 * forkAndExecInChild1; strace of dockerd 20.10 shows
 * "clone(child_stack=NULL, flags=CLONE_VM|CLONE_VFORK|SIGCHLD)"), so until
 * its execve the child is a process of its own that runs in dockerd's
 * memory: its comm is dockerd's, its cmdline (read from that memory) is
 * dockerd's, and its descriptor table is a copy of dockerd's (CLONE_FILES
 * is not set; Go opens every descriptor close-on-exec, so the copies close
 * at the execve). A scan that lists it there takes it for a second dockerd;
 * by the time its files are read it has become iptables or exited, and the
 * scan reported "the command runs iptables, not dockerd" or "exited during
 * the scan": an error on a host where nothing changed. About 4% of
 * back-to-back scans did while a client called `docker info` in a loop
 * (tests/live-dockerd.test, section 5, checks the swarm case, where dockerd
 * runs about 30 such children in the second after `docker swarm init`).
 *
 * Such a child is not a daemon, and nothing it holds is its own. It is
 * recognised, never guessed:
 *  - while it runs in dockerd's memory: kcmp(2) KCMP_VM says it shares its
 *    parent's address space (only a CLONE_VM child can; execve gives a
 *    process an address space of its own, never back). Asked only when the
 *    scanned /proc is the probe's own (live "/", /proc/self is the probe),
 *    where the pids are the kernel's; a kernel without kcmp (CONFIG_KCMP)
 *    or a seccomp filter that refuses it leaves the child a daemon, as
 *    before;
 *  - after it ran execve or exited, when its files are read: its parent (from
 *    its stat, read right after its comm when it was listed) is a daemon of
 *    this scan, read completely, and its command line when it was listed was
 *    byte for byte its parent's, or it was gone before its command line could
 *    be read. (One gone before its stat could be read, or whose stat shows
 *    ppid 0, vanished before it was listed, like any process; one whose comm
 *    changed between the listing's reads ran execve then, and is not listed:
 *    it is another program.)
 * Any other daemon that exits or changes program during the scan is still a
 * problem (the daemon set is changing: scan again). */

struct walk_daemon {
	unsigned long pid;
	unsigned long ppid; /* when it was listed; 0 when unknown */
	char *cmdline;      /* as read when it was listed; NULL when unreadable */
	size_t cmdline_len;
	bool cmdline_gone;  /* gone when its command line was read */
};

/* A listed daemon that is lost when read (gone, or another program) was its
 * parent's child: the parent is a daemon of the scan read completely, and
 * the child's command line when listed was the parent's, or the child was
 * already gone before its command line could be read. */
static bool was_child_of(const struct walk_daemon *c, const struct walk_daemon *p)
{
	if (c->cmdline_gone)
		return true;
	return c->cmdline && p->cmdline && c->cmdline_len == p->cmdline_len &&
	       memcmp(c->cmdline, p->cmdline, c->cmdline_len) == 0;
}

/* Decide from comm and cmdline only, without touching the fd table. Returns
 * 1 for a daemon, 0 for another process or one that vanished, -errno when
 * comm could not be read for another reason. For a daemon, *out gets its
 * parent (from stat, read right after comm: a child that exits at once
 * still has it) and its command line as read. */
static int classify(const struct rootfs *r, unsigned long pid, struct walk_daemon *out)
{
	_cleanup_free_ char *comm = NULL;
	memset(out, 0, sizeof(*out));
	out->pid = pid;
	int e = read_comm(r, pid, &comm);
	if (is_gone(e))
		return 0;
	if (e < 0)
		return e;
	if (!is_docker_comm(comm))
		return 0;
	{
		/* stat is optional in a fixture; a process that is gone here
		 * vanished before it was listed. */
		_cleanup_free_ char *path = proc_path(pid, "stat");
		_cleanup_free_ char *st = NULL;
		size_t stlen;
		e = rootfs_read_file(r, path, STAT_READ_MAX, &st, &stlen);
		if (e == -ESRCH)
			return 0;
		if (e < 0 || proc_parse_stat_ppid(&out->ppid, st, stlen) < 0) {
			/* A process being reaped can fail this read in more ways
			 * than ENOENT (seen: a dockerd child under load); when its
			 * comm cannot be read either now, it is gone. */
			out->ppid = 0;
			_cleanup_free_ char *again = NULL;
			if (read_comm(r, pid, &again) < 0)
				return 0;
		} else if (out->ppid == 0 && pid != 1) {
			/* Only a task being released shows ppid 0 (fs/proc/array.c
			 * do_task_stat reads it under lock_task_sighand, which
			 * fails once the task's signal handlers are gone): it is
			 * exiting, gone before it was listed. Seen for a dockerd
			 * child, whose command line was gone a moment later. */
			return 0;
		}
	}
	char *buf = NULL;
	size_t len = 0;
	e = read_cmdline_raw(r, pid, &buf, &len);
	if (e < 0) {
		/* A dockerd by name is read (and its exit or the unreadable
		 * command line reported) by proc_daemon_read; the docker client
		 * binary that vanished is nothing to report. */
		out->cmdline_gone = is_gone(e);
		return (is_gone(e) && !is_dockerd_comm(comm)) ? 0 : 1;
	}
	/* Its comm again: one that ran execve since the first look (a child
	 * of a daemon becoming iptables) has another name now, and the command
	 * line just read may be the new program's. It is not a daemon; one
	 * gone by now vanished before it was listed. */
	{
		_cleanup_free_ char *again = NULL;
		if (read_comm(r, pid, &again) < 0 || strcmp(again, comm) != 0) {
			free(buf);
			return 0;
		}
	}
	size_t argc = 0, start;
	bool legacy;
	char **argv = split_nul(buf, len, &argc);
	bool yes = proc_is_docker_daemon(comm, argv, argc, &start, &legacy);
	free_strv(argv, argc);
	if (yes) {
		out->cmdline = buf;
		out->cmdline_len = len;
	} else {
		free(buf);
	}
	return yes;
}

/* Is the scanned /proc the probe's own: the root is the live "/" and
 * /proc/self names the probe? Only then are its pids the kernel's own, for
 * kcmp(2). */
static bool proc_is_own(const struct rootfs *r, int procfd)
{
	struct stat a, b;
	if (fstat(r->fd, &a) < 0 || stat("/", &b) < 0 || a.st_dev != b.st_dev ||
	    a.st_ino != b.st_ino)
		return false;
	char link[32];
	ssize_t n = readlinkat(procfd, "self", link, sizeof(link) - 1);
	if (n <= 0)
		return false;
	link[n] = '\0';
	unsigned long self;
	return parse_uint(link, 1, PROC_PID_MAX, &self) == 0 && self == (unsigned long)getpid();
}

/* 1 when processes a and b share one address space (kcmp KCMP_VM answers
 * 0), 0 when they do not or one is gone, -1 when kcmp cannot be asked. */
static int shares_memory(unsigned long a, unsigned long b)
{
#ifdef SYS_kcmp
	long k = syscall(SYS_kcmp, (pid_t)a, (pid_t)b, KCMP_VM, 0UL, 0UL);
	if (k == 0)
		return 1;
	if (k > 0 || errno == ESRCH)
		return 0;
	return -1;
#else
	(void)a;
	(void)b;
	return -1;
#endif
}

/* The quick look at one process, made for every pid of the host: open
 * PID/comm relative to the /proc directory already open, in one openat2(2)
 * that refuses any symlink and any escape from that directory, check that it
 * is a regular file, read it into a buffer on the stack. No path is built
 * and nothing is allocated (docs/live-scan.md measures it).
 * Returns 1 when comm is read and names no docker binary: certainly not a
 * daemon, the same answer classify gives. Returns 0 whenever anything is
 * unusual (a symlink in a fixture, a missing or odd file, a comm that names
 * docker, a kernel without openat2): then classify decides, through the
 * root-confined reader, exactly as it always did. */
static int quick_not_docker(int procfd, const char *name, bool *no_openat2)
{
#ifdef SYS_openat2
	if (*no_openat2)
		return 0;
	char rel[32];
	size_t l = strlen(name);
	if (l > sizeof(rel) - sizeof("/comm"))
		return 0;
	memcpy(rel, name, l);
	memcpy(rel + l, "/comm", sizeof("/comm"));
	struct open_how how = {
		.flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
	};
	int fd = (int)syscall(SYS_openat2, procfd, rel, &how, sizeof(how));
	if (fd < 0) {
		/* ENOSYS: before Linux 5.6; EPERM: a seccomp filter that
		 * predates openat2 (container runtimes' default profiles
		 * did). Either way, ask no more in this scan. */
		if (errno == ENOSYS || errno == EPERM)
			*no_openat2 = true;
		return 0;
	}
	struct stat st;
	char buf[64];
	ssize_t n = -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		n = read(fd, buf, sizeof(buf));
	close(fd);
	/* A short read of a regular file (and of procfs comm) is the whole
	 * file; a full buffer may be cut: let classify read it. */
	if (n < 0 || (size_t)n >= sizeof(buf))
		return 0;
	size_t len = (size_t)n;
	if (len && buf[len - 1] == '\n')
		len--;
	if (memchr(buf, '\0', len))
		return 0; /* read_comm reports it */
	buf[len] = '\0';
	return is_docker_comm(buf) ? 0 : 1;
#else
	(void)procfd;
	(void)name;
	(void)no_openat2;
	return 0;
#endif
}

/* The walk over ROOT/proc: each numeric entry is looked at as it is listed
 * (nothing is kept per process), and the pids of docker daemons are
 * collected. The lowest pid seen and the lowest pid whose name could not be
 * read are what the scan reports, as a sorted listing would. */
struct pid_walk {
	size_t seen;
	unsigned long lowest;
	struct walk_daemon *daemons;
	size_t ndaemons, cap;
	size_t unidentified;
	unsigned long first_unidentified;
	int first_error;
	bool no_openat2; /* openat2 answered ENOSYS or EPERM */
	bool own_proc;   /* proc_is_own: kcmp may be asked */
};

static void pid_walk_clear(struct pid_walk *w)
{
	for (size_t i = 0; i < w->ndaemons; i++)
		free(w->daemons[i].cmdline);
	free(w->daemons);
	w->daemons = NULL;
	w->ndaemons = w->cap = 0;
}

static int cmp_walk_daemon(const void *a, const void *b)
{
	const struct walk_daemon *x = a, *y = b;
	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

static const struct walk_daemon *walk_find(const struct pid_walk *w, unsigned long pid)
{
	struct walk_daemon key = { .pid = pid };
	if (!pid || !w->ndaemons)
		return NULL;
	return bsearch(&key, w->daemons, w->ndaemons, sizeof(*w->daemons), cmp_walk_daemon);
}

/* Drop the listed daemons that run in their parent daemon's memory (see "a
 * daemon's own children" above). w->daemons is sorted by pid; every
 * question is asked before the list changes. */
static void drop_vfork_children(struct pid_walk *w)
{
	if (!w->own_proc || w->ndaemons < 2)
		return;
	bool *drop = xcalloc(w->ndaemons, sizeof(*drop));
	for (size_t i = 0; i < w->ndaemons; i++) {
		const struct walk_daemon *c = &w->daemons[i];
		const struct walk_daemon *p = walk_find(w, c->ppid);
		if (!p || p == c)
			continue;
		int k = shares_memory(p->pid, c->pid);
		if (k < 0)
			break; /* ENOSYS, EPERM: not on this host; they stay daemons */
		drop[i] = k == 1;
	}
	size_t kept = 0;
	for (size_t i = 0; i < w->ndaemons; i++) {
		if (drop[i])
			free(w->daemons[i].cmdline);
		else
			w->daemons[kept++] = w->daemons[i];
	}
	w->ndaemons = kept;
	free(drop);
}

static int walk_pids(const struct rootfs *r, struct pid_walk *w)
{
	int opath = rootfs_resolve(r, "/proc", NULL);
	if (opath < 0)
		return opath;
	int dfd = openat(opath, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int e = -errno;
	close(opath);
	if (dfd < 0)
		return e;
	DIR *dir = fdopendir(dfd);
	if (!dir) {
		e = -errno;
		close(dfd);
		return e;
	}
	e = 0;
	for (;;) {
		errno = 0;
		struct dirent *de = readdir(dir);
		if (!de) {
			if (errno)
				e = -errno;
			break;
		}
		unsigned long pid;
		if (de->d_name[0] < '0' || de->d_name[0] > '9' ||
		    parse_uint(de->d_name, 1, PROC_PID_MAX, &pid) < 0)
			continue;
		if (w->seen >= PROC_PID_MAX) {
			e = -E2BIG;
			break;
		}
		w->seen++;
		if (!w->lowest || pid < w->lowest)
			w->lowest = pid;
		if (quick_not_docker(dirfd(dir), de->d_name, &w->no_openat2) == 1)
			continue;
		struct walk_daemon wd;
		int k = classify(r, pid, &wd);
		if (k < 0) {
			if (!w->unidentified++ || pid < w->first_unidentified) {
				w->first_unidentified = pid;
				w->first_error = k;
			}
			continue;
		}
		if (k == 0)
			continue;
		grow_array(&w->daemons, &w->cap, w->ndaemons + 1, sizeof(*w->daemons));
		w->daemons[w->ndaemons++] = wd;
	}
	w->own_proc = proc_is_own(r, dirfd(dir));
	closedir(dir);
	if (e == 0 && w->ndaemons)
		qsort(w->daemons, w->ndaemons, sizeof(*w->daemons), cmp_walk_daemon);
	return e;
}

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
	return x < y ? -1 : x > y;
}

/* Every socket inode any daemon holds, sorted and unique: the table rows
 * worth keeping. A row is matched to a daemon by inode only, so keeping the
 * inodes of all daemons in every namespace's read changes no match. */
static unsigned long *daemon_inodes(const struct proc_scan *s, size_t *count)
{
	size_t n = 0;
	for (size_t i = 0; i < s->count; i++)
		n += s->daemons[i].socket_count;
	*count = 0;
	if (n == 0)
		return NULL;
	unsigned long *v = xcalloc(n, sizeof(*v));
	n = 0;
	for (size_t i = 0; i < s->count; i++)
		for (size_t k = 0; k < s->daemons[i].socket_count; k++)
			v[n++] = s->daemons[i].sockets[k].inode;
	qsort(v, n, sizeof(*v), cmp_ulong);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (u == 0 || v[u - 1] != v[i])
			v[u++] = v[i];
	*count = u;
	return v;
}

/* The scanner's own network namespace ("net:[N]") when the root is the
 * live "/": then a daemon in that namespace has its sockets asked of the
 * kernel (proc_net_read_diag). NULL for any other root (a fixture, a mounted
 * image): their tables are files, and only files are read. */
static char *own_netns_when_live(const struct rootfs *r)
{
	struct stat a, b;
	if (fstat(r->fd, &a) < 0 || stat("/", &b) < 0 || a.st_dev != b.st_dev ||
	    a.st_ino != b.st_ino)
		return NULL;
	char link[LINK_MAX_TEXT];
	ssize_t n = readlink("/proc/self/ns/net", link, sizeof(link) - 1);
	if (n <= 0)
		return NULL;
	link[n] = '\0';
	return valid_netns_link(link) ? xstrdup(link) : NULL;
}

static struct proc_net_table *table_for(struct proc_scan *s, const struct rootfs *r,
					const struct proc_daemon *d,
					const struct proc_net_filter *filter, const char *own_netns,
					struct dl_problem_list *problems)
{
	for (size_t i = 0; d->netns && i < s->table_count; i++)
		if (s->tables[i].netns && !strcmp(s->tables[i].netns, d->netns))
			return &s->tables[i];
	grow_array(&s->tables, &s->table_cap, s->table_count + 1, sizeof(*s->tables));
	struct proc_net_table *t = &s->tables[s->table_count++];
	memset(t, 0, sizeof(*t));
	t->netns = xstrdup(d->netns);
	if (own_netns && d->netns && !strcmp(own_netns, d->netns)) {
		/* Same check as the table reader: the process is still there. */
		_cleanup_free_ char *dir = proc_path(d->pid, "net");
		struct stat st;
		int e = rootfs_stat(r, dir, &st);
		if (e == 0 && proc_net_read_diag(t, d->pid, filter, problems) == 0)
			return t;
	}
	if (proc_net_read_filtered(t, r, d->pid, filter, problems) == -ENOENT) {
		_cleanup_free_ char *path = proc_path(d->pid, "net");
		problem_add(problems, path, 0,
			    "cannot read socket tables: No such file or directory (did the "
			    "process exit during the scan?)");
	}
	return t;
}

static void read_pidfile(struct proc_scan *s, const struct rootfs *r,
			 struct dl_problem_list *problems)
{
	_cleanup_free_ char *buf = NULL;
	size_t len = 0;
	int e = rootfs_read_file(r, PROC_DOCKER_PIDFILE, 4096, &buf, &len);
	if (e == -ENOENT)
		return;
	if (e < 0) {
		problem_add(problems, PROC_DOCKER_PIDFILE, 0, "cannot read pidfile: %s",
			    rootfs_strerror(e));
		return;
	}
	s->pidfile_present = true;
	unsigned long pid;
	if (proc_parse_pidfile(&pid, buf, len) < 0) {
		problem_add(problems, PROC_DOCKER_PIDFILE, 1,
			    "pidfile does not hold a process id (1..%lu)", PROC_PID_MAX);
		return;
	}
	s->pidfile_pid = pid;
	_cleanup_free_ char *text = xasprintf("%lu", pid);
	evidence_set(&s->pidfile_where, SRC_PROCESS, PROC_DOCKER_PIDFILE, 1, text);
	_cleanup_free_ char *dir = xasprintf("/proc/%lu", pid);
	struct stat st;
	s->pidfile_alive = rootfs_stat(r, dir, &st) == 0;
	for (size_t i = 0; i < s->count; i++)
		if (s->daemons[i].pid == pid)
			s->daemons[i].from_pidfile = true;
}

/* One look at the processes. Returns how many listed daemons were gone or
 * another program when read, and were not a listed daemon's child. */
static size_t scan_once(struct proc_scan *out, const struct rootfs *r,
			struct dl_problem_list *problems)
{
	struct pid_walk w = { 0 };
	size_t unexplained = 0;
	_cleanup_free_ unsigned long *inodes = NULL;
	_cleanup_free_ char *own_netns = NULL;
	size_t ninodes = 0;
	struct stat st;

	memset(out, 0, sizeof(*out));
	int e = rootfs_stat(r, "/proc", &st);
	if (e == -ENOENT)
		goto pidfile;
	out->proc_present = true;
	if (e == 0 && !S_ISDIR(st.st_mode))
		e = -ENOTDIR;
	if (e == 0)
		e = walk_pids(r, &w);
	if (e < 0) {
		problem_add(problems, "/proc", 0, "cannot list processes: %s",
			    e == -E2BIG ? "more entries than the largest pid" : rootfs_strerror(e));
		goto pidfile;
	}
	out->processes_seen = w.seen;
	/* Process 1 exists in every pid namespace. When it is missing from a
	 * non-empty /proc, /proc is mounted with hidepid=2 (or "invisible") and
	 * other users' processes, a root dockerd among them, are hidden. */
	if (w.seen && w.lowest != 1)
		problem_add(problems, "/proc", 0,
			    "process 1 is not listed: /proc is mounted with hidepid or the tree "
			    "is partial, so a running dockerd may be hidden");

	drop_vfork_children(&w);
	/* Read every daemon first: whether one that is gone now was a child of
	 * another depends on that other having been read. */
	bool *lost = w.ndaemons ? xcalloc(w.ndaemons, sizeof(*lost)) : NULL;
	for (size_t i = 0; i < w.ndaemons; i++) {
		struct proc_daemon d;
		struct dl_problem_list mine = { 0 };
		e = proc_daemon_read(&d, r, w.daemons[i].pid, &mine);
		if (e == 0 && !d.is_daemon) {
			/* Listed as a daemon, another program when read: it ran
			 * execve between the two looks. */
			proc_daemon_clear(&d);
			e = -ESRCH;
		}
		if (e < 0) {
			problem_list_clear(&mine);
			lost[i] = true;
			continue;
		}
		move_problems(problems, &mine);
		grow_array(&out->daemons, &out->cap, out->count + 1, sizeof(*out->daemons));
		out->daemons[out->count++] = d;
	}
	for (size_t i = 0; i < w.ndaemons; i++) {
		if (!lost[i])
			continue;
		const struct walk_daemon *c = &w.daemons[i];
		const struct walk_daemon *p = walk_find(&w, c->ppid);
		if (p && p != c && !lost[p - w.daemons] && was_child_of(c, p))
			continue; /* its parent's child before or after execve */
		_cleanup_free_ char *dir = xasprintf("/proc/%lu", c->pid);
		problem_add(problems, dir, 0,
			    "docker daemon process exited or started another program during the "
			    "scan: its sockets were not read (scan again)");
		unexplained++;
	}
	free(lost);
	if (w.unidentified) {
		_cleanup_free_ char *path = proc_path(w.first_unidentified, "comm");
		problem_add(problems, path, 0,
			    "cannot read process name: %s (%zu process(es) could not be "
			    "identified, a dockerd may be among them)",
			    rootfs_strerror(w.first_error), w.unidentified);
	}

	/* Each namespace's tables are read once, from its lowest-pid daemon,
	 * keeping only the rows of sockets a daemon holds. */
	inodes = daemon_inodes(out, &ninodes);
	struct proc_net_filter filter = { inodes, ninodes };
	own_netns = out->count ? own_netns_when_live(r) : NULL;
	for (size_t i = 0; i < out->count; i++) {
		struct proc_net_table *t =
			table_for(out, r, &out->daemons[i], &filter, own_netns, problems);
		proc_daemon_match(&out->daemons[i], t);
	}

pidfile:
	pid_walk_clear(&w);
	read_pidfile(out, r, problems);
	return unexplained;
}

void proc_scan_daemons(struct proc_scan *out, const struct rootfs *r,
		       struct dl_problem_list *problems)
{
	/* A dockerd that exits, or a child of one that runs another program in
	 * a way the listing cannot tell from a daemon, leaves a snapshot with a
	 * daemon whose sockets were not read. Such a process is gone a moment
	 * later: look again, and report it only when every look had one (a
	 * daemon that really exited is simply not listed the next time, and
	 * what it had bound is no longer bound). */
	for (unsigned look = 1;; look++) {
		struct dl_problem_list found = { 0 };
		size_t unexplained = scan_once(out, r, &found);
		if (!unexplained || look == PROC_SCAN_LOOKS) {
			move_problems(problems, &found);
			return;
		}
		problem_list_clear(&found);
		proc_scan_clear(out);
	}
}

void proc_scan_clear(struct proc_scan *s)
{
	for (size_t i = 0; i < s->count; i++)
		proc_daemon_clear(&s->daemons[i]);
	free(s->daemons);
	for (size_t i = 0; i < s->table_count; i++)
		proc_net_table_clear(&s->tables[i]);
	free(s->tables);
	evidence_clear(&s->pidfile_where);
	memset(s, 0, sizeof(*s));
}
