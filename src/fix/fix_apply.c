/* Checking and writing the fix (docs/fix.md).
 *
 * Verification: the parts of the root the configuration scan reads are
 * copied into a temporary directory; the copy is scanned once as is (it must
 * scan exactly like the root, or the check would prove nothing), then with
 * the plan applied. The plan is good when the second scan has no TCP API
 * listener, every unix/fd listener of the root, no error problem the root
 * did not have, and the same dockerd command line but for host words.
 *
 * Writing: inside the root through rootfs_resolve() (a symlink can never
 * send a write outside it), temporary file + fsync + rename, mode and owner
 * kept, backup beside the file. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dockerd-scap/fix.h"
#include "fix/fix_internal.h"
#include "base/alloc.h"
#include "base/text.h"
#include "scan_result.h"
#include "base/rootfs.h"
/* Bounds of the copy: a root with more under the copied trees is not
 * verified (refused), never half-copied silently. */
#define COPY_MAX_ENTRIES 100000u
#define COPY_MAX_BYTES (256u * 1024u * 1024u)
#define COPY_MAX_DEPTH 64

struct copy {
	const char *src;   /* the root */
	const char *dst;   /* the copy */
	size_t entries, bytes;
	const char *error; /* static reason when the copy is incomplete */
	char **queue;      /* symlink targets still to copy */
	size_t nqueue, qcap;
	char **done;
	size_t ndone, dcap;
};

static char *join3(const char *a, const char *b)
{
	return xasprintf("%s%s%s", a, (b[0] == '/' || (a[0] && a[strlen(a) - 1] == '/')) ? "" : "/",
			 b);
}

/* Create the parent directories of in-root path rel in the copy. */
static void mkparents(const char *dst, const char *rel)
{
	_cleanup_free_ char *p = join3(dst, rel);
	for (char *s = p + strlen(dst) + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			mkdir(p, 0755);
			*s = '/';
		}
}

static bool already(struct copy *c, const char *rel)
{
	for (size_t i = 0; i < c->ndone; i++)
		if (!strcmp(c->done[i], rel))
			return true;
	return false;
}

/* path made lexically absolute inside the root: "." and ".." resolved,
 * ".." never above "/" (as rootfs.c treats the root). */
static char *clamp_path(const char *path)
{
	size_t len = strlen(path);
	char *out = xmalloc(len + 2);
	size_t o = 0;
	const char *p = path;
	while (*p) {
		while (*p == '/')
			p++;
		const char *e = p;
		while (*e && *e != '/')
			e++;
		size_t n = (size_t)(e - p);
		if (n == 0 || (n == 1 && p[0] == '.')) {
			/* nothing */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else {
			out[o++] = '/';
			memcpy(out + o, p, n);
			o += n;
		}
		p = e;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	return out;
}

/* A symlink's target, as an in-root path. */
static char *link_target(const char *rel, const char *target)
{
	if (target[0] == '/')
		return clamp_path(target);
	const char *slash = strrchr(rel, '/');
	_cleanup_free_ char *t = xasprintf("%.*s/%s", slash ? (int)(slash - rel) : 0, rel, target);
	return clamp_path(t);
}

/* Copy a symlink's target too when it is a file (through the root: a
 * directory behind a link is not copied whole; if the scan reads into it,
 * the copy scans differently and the fix is refused). */
static void queue_target(struct copy *c, const char *rel, const char *target)
{
	char *t = link_target(rel, target);
	struct rootfs r;
	struct stat st;
	bool file = rootfs_open(&r, c->src) == 0 && rootfs_stat(&r, t, &st) == 0 &&
		    !S_ISDIR(st.st_mode);
	rootfs_close(&r);
	if (!file) {
		free(t);
		return;
	}
	grow_array(&c->queue, &c->qcap, c->nqueue + 1, sizeof(*c->queue));
	c->queue[c->nqueue++] = t;
}

static void copy_tree(struct copy *c, const char *rel, unsigned depth)
{
	if (c->error)
		return;
	if (depth > COPY_MAX_DEPTH) {
		c->error = "directories nested too deep";
		return;
	}
	if (++c->entries > COPY_MAX_ENTRIES) {
		c->error = "too many files";
		return;
	}
	_cleanup_free_ char *s = join3(c->src, rel);
	_cleanup_free_ char *d = join3(c->dst, rel);
	struct stat st;
	if (lstat(s, &st) < 0)
		return; /* absent: absent in the copy too */
	struct stat dst_st;
	if (lstat(d, &dst_st) == 0)
		return; /* copied already (a parent made by mkparents stays a dir) */
	if (S_ISLNK(st.st_mode)) {
		char target[PATH_MAX];
		ssize_t n = readlink(s, target, sizeof(target) - 1);
		if (n < 0) {
			c->error = "unreadable symbolic link";
			return;
		}
		target[n] = '\0';
		if (symlink(target, d) < 0)
			c->error = "cannot create a symbolic link in the copy";
		else
			queue_target(c, rel, target);
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		if (mkdir(d, 0700) < 0) {
			c->error = "cannot create a directory in the copy";
			return;
		}
		DIR *dir = opendir(s);
		if (dir) {
			struct dirent *de;
			while ((de = readdir(dir)) && !c->error) {
				if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
					continue;
				_cleanup_free_ char *sub = join3(rel, de->d_name);
				copy_tree(c, sub, depth + 1);
			}
			closedir(dir);
		}
		chmod(d, st.st_mode & 07777);
		return;
	}
	if (S_ISFIFO(st.st_mode)) {
		if (mkfifo(d, st.st_mode & 07777) < 0)
			c->error = "cannot create a FIFO in the copy";
		return;
	}
	if (!S_ISREG(st.st_mode))
		return; /* devices, sockets: the baseline comparison sees the difference */
	/* A file the scan cannot read anyway (over its bound: a dockerd binary
	 * it only checks for, a huge file it reports) is copied as a sparse
	 * file of the same size: same stat, no bytes. */
	bool sparse = (unsigned long long)st.st_size > ROOTFS_MAX_FILE;
	int in = sparse ? -1 : open(s, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	int out = open(d, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (out < 0) {
		if (in >= 0)
			close(in);
		c->error = "cannot create a file in the copy";
		return;
	}
	if (sparse && ftruncate(out, st.st_size) < 0)
		c->error = "cannot size a file in the copy";
	if (in >= 0) {
		char buf[65536];
		ssize_t n;
		while ((n = read(in, buf, sizeof(buf))) > 0) {
			c->bytes += (size_t)n;
			if (c->bytes > COPY_MAX_BYTES) {
				c->error = "too many bytes";
				break;
			}
			if (write(out, buf, (size_t)n) != n) {
				c->error = "cannot write the copy";
				break;
			}
		}
		close(in);
	}
	/* An unreadable file stays unreadable (same mode): the scan reports
	 * it the same way. */
	fchmod(out, st.st_mode & 07777);
	close(out);
}

static void copy_path(struct copy *c, const char *path)
{
	if (!path || path[0] != '/')
		return;
	_cleanup_free_ char *rel = clamp_path(path);
	if (already(c, rel) || c->error)
		return;
	grow_array(&c->done, &c->dcap, c->ndone + 1, sizeof(*c->done));
	c->done[c->ndone++] = xstrdup(rel);
	/* Symlinked parents (/lib -> usr/lib) are made as symlinks. */
	_cleanup_free_ char *tmp = xstrdup(rel);
	for (char *s = tmp + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		_cleanup_free_ char *sp = join3(c->src, tmp);
		struct stat st;
		char target[PATH_MAX];
		ssize_t n;
		if (lstat(sp, &st) == 0 && S_ISLNK(st.st_mode) &&
		    (n = readlink(sp, target, sizeof(target) - 1)) > 0) {
			/* /lib -> usr/lib: the link as is, then the path
			 * through its target (depth bounded by the copy). */
			target[n] = '\0';
			mkparents(c->dst, tmp);
			_cleanup_free_ char *d = join3(c->dst, tmp);
			struct stat dst;
			if (lstat(d, &dst) < 0 && symlink(target, d) < 0)
				c->error = "cannot create a symbolic link in the copy";
			_cleanup_free_ char *t = link_target(tmp, target);
			_cleanup_free_ char *via = xasprintf("%s/%s", t, s + 1);
			if (++c->entries > COPY_MAX_ENTRIES)
				c->error = "too many files";
			else
				copy_path(c, via);
			return;
		}
		*s = '/';
	}
	mkparents(c->dst, rel);
	copy_tree(c, rel, 0);
}

static void copy_evidence(struct copy *c, const struct dl_evidence_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		copy_path(c, l->items[i].path);
}

/* What the configuration scan reads: the unit search path, /etc (docker,
 * default, sysconfig, conf.d, init.d), the dockerd binaries it looks for,
 * and every file the root's scan named. */
static void copy_root(struct copy *c, const struct dl_scan_result *res,
		      const struct dl_fix_plan *p)
{
	/* What the configuration scan reads besides the files its evidence
	 * names: units, the dockerd binaries and the dpkg records that give
	 * dockerd's version (docs/dockerd-versions.md), root's TLS defaults
	 * (~/.docker), the shells %s resolves to (docs/differential-systemd.md). */
	static const char *const fixed[] = {
		"/etc", "/run/systemd", "/lib/systemd", "/usr/lib/systemd",
		"/usr/local/lib/systemd", "/usr/bin/dockerd", "/usr/sbin/dockerd",
		"/usr/local/bin/dockerd", "/dev/null", "/var/lib/dpkg/status",
		"/var/lib/dpkg/info/docker.io.list", "/var/lib/dpkg/info/docker-ce.list",
		"/var/lib/dpkg/info/moby-engine.list", "/root/.docker", "/bin/bash", "/bin/sh",
	};
	for (size_t i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
		copy_path(c, fixed[i]);
	copy_path(c, res->launch.config_file);
	copy_path(c, res->launch.unit_path);
	/* The program dockerd's command line runs (systemd checks that it
	 * exists, 203/EXEC), and the files its flags name (--tlscert=PATH). */
	for (size_t i = 0; i < res->launch.argc; i++) {
		const char *w = res->launch.argv[i];
		const char *eq = w[0] == '-' ? strchr(w, '=') : NULL;
		copy_path(c, eq ? eq + 1 : w);
	}
	for (size_t i = 0; i < res->listeners.count; i++)
		copy_evidence(c, &res->listeners.items[i].evidence);
	for (size_t i = 0; i < res->problems.count; i++)
		copy_path(c, res->problems.items[i].path);
	for (size_t i = 0; i < p->nfiles; i++)
		copy_path(c, p->files[i].path);
	/* Symlink targets, as found (bounded by the entry count). */
	for (size_t i = 0; i < c->nqueue && !c->error; i++)
		copy_path(c, c->queue[i]);
}

static void copy_clear(struct copy *c)
{
	for (size_t i = 0; i < c->nqueue; i++)
		free(c->queue[i]);
	free(c->queue);
	for (size_t i = 0; i < c->ndone; i++)
		free(c->done[i]);
	free(c->done);
}

/* rm -rf of the copy (our own temporary directory; no symlink followed). */
static void remove_tree(int parent, const char *name)
{
	int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		fchmod(fd, 0700);
		DIR *d = fdopendir(fd);
		if (d) {
			struct dirent *de;
			while ((de = readdir(d)))
				if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
					remove_tree(dirfd(d), de->d_name);
			closedir(d);
		} else {
			close(fd);
		}
		unlinkat(parent, name, AT_REMOVEDIR);
	} else {
		unlinkat(parent, name, 0);
	}
}

/* ------------------------------------------------------------ comparing */

static int str_eq(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

static bool listener_eq(const struct dl_listener *a, const struct dl_listener *b)
{
	return a->proto == b->proto && str_eq(a->address, b->address) && a->port == b->port &&
	       str_eq(a->path, b->path) && str_eq(a->fd, b->fd) && a->tls == b->tls;
}

static bool problem_eq(const struct dl_problem *a, const struct dl_problem *b)
{
	return str_eq(a->path, b->path) && a->line == b->line && str_eq(a->message, b->message) &&
	       a->severity == b->severity;
}

/* The copy scans exactly like the root. */
static const char *same_scan(const struct dl_scan_result *a, const struct dl_scan_result *b)
{
	if (a->listeners.count != b->listeners.count)
		return "listeners";
	for (size_t i = 0; i < a->listeners.count; i++)
		if (!listener_eq(&a->listeners.items[i], &b->listeners.items[i]))
			return "listeners";
	if (a->problems.count != b->problems.count)
		return "problems";
	for (size_t i = 0; i < a->problems.count; i++)
		if (!problem_eq(&a->problems.items[i], &b->problems.items[i]))
			return "problems";
	if (a->launch.method != b->launch.method ||
	    !str_eq(a->launch.unit_path, b->launch.unit_path) ||
	    !str_eq(a->launch.config_file, b->launch.config_file) ||
	    a->launch.refuses_start != b->launch.refuses_start || a->launch.argc != b->launch.argc)
		return "launch";
	for (size_t i = 0; i < a->launch.argc; i++)
		if (!str_eq(a->launch.argv[i], b->launch.argv[i]))
			return "command line";
	return NULL;
}

static bool is_host_word(const char *w)
{
	return str_startswith(w, "-H") || !strcmp(w, "--host") || str_startswith(w, "--host=");
}

/* after's argv is before's without some -H words and their values: a
 * separate "-H VALUE" pair is kept or dropped as a pair. */
static bool argv_only_hosts_removed(const struct dl_launch *before, const struct dl_launch *after)
{
	size_t j = 0;
	for (size_t i = 0; i < before->argc; i++) {
		const char *w = before->argv[i];
		bool pair = (!strcmp(w, "-H") || !strcmp(w, "--host")) && i + 1 < before->argc;
		if (pair) {
			if (j + 1 < after->argc && !strcmp(w, after->argv[j]) &&
			    !strcmp(before->argv[i + 1], after->argv[j + 1]))
				j += 2;
			i++;
			continue;
		}
		if (j < after->argc && !strcmp(w, after->argv[j])) {
			j++;
			continue;
		}
		if (!is_host_word(w))
			return false;
	}
	return j == after->argc;
}

static void check_after(struct dl_fix_plan *p, const struct dl_scan_result *before,
			const struct dl_scan_result *after)
{
	size_t bad = p->nrefusals;
	for (size_t i = 0; i < after->listeners.count; i++) {
		const struct dl_listener *l = &after->listeners.items[i];
		if (l->proto != DL_PROTO_TCP)
			continue;
		const struct dl_evidence *e = NULL;
		bool by_default = false;
		for (size_t k = 0; k < l->evidence.count; k++) {
			const struct dl_evidence *x = &l->evidence.items[k];
			if (x->source && !strcmp(x->source, "dockerd-default"))
				by_default = true;
			else if (!e && x->path)
				e = x;
		}
		if (by_default)
			fix_refuse(p, e ? e->path : before->launch.unit_path, e ? e->line : 0,
				   "with every TCP host removed and TLS on, dockerd falls back to "
				   "tcp://%s:%u: replace the TCP host with a unix:// one by hand",
				   l->address ? l->address : "?", l->port);
		else
			fix_refuse(p, e ? e->path : NULL, e ? e->line : 0,
				   "tcp://%s:%u would still be configured after the fix",
				   l->address ? l->address : "?", l->port);
	}
	for (size_t i = 0; i < before->listeners.count; i++) {
		const struct dl_listener *l = &before->listeners.items[i];
		if (l->proto == DL_PROTO_TCP)
			continue;
		bool kept = false;
		for (size_t k = 0; k < after->listeners.count && !kept; k++) {
			const struct dl_listener *m = &after->listeners.items[k];
			kept = m->proto == l->proto && str_eq(m->path, l->path) &&
			       (l->proto != DL_PROTO_FD || str_eq(m->fd, l->fd));
		}
		if (!kept) {
			const struct dl_evidence *e = l->evidence.count ? &l->evidence.items[0] : NULL;
			fix_refuse(p, e ? e->path : NULL, e ? e->line : 0,
				   "%s listener %s would be lost", dl_proto_name(l->proto),
				   l->path ? l->path : l->fd ? l->fd : "?");
		}
	}
	for (size_t i = 0; i < after->problems.count; i++) {
		const struct dl_problem *a = &after->problems.items[i];
		if (a->severity != DL_SEVERITY_ERROR)
			continue;
		bool old = false;
		for (size_t k = 0; k < before->problems.count && !old; k++)
			old = before->problems.items[k].severity == DL_SEVERITY_ERROR &&
			      str_eq(before->problems.items[k].message, a->message);
		if (!old)
			fix_refuse(p, a->path, a->line, "the fix would cause a new problem: %s",
				   a->message);
	}
	if (after->launch.refuses_start && !before->launch.refuses_start)
		fix_refuse(p, after->launch.unit_path, 0, "dockerd would refuse to start after the fix");
	if (before->launch.method != after->launch.method ||
	    !str_eq(before->launch.config_file, after->launch.config_file) ||
	    !str_eq(before->launch.data_root, after->launch.data_root) ||
	    !argv_only_hosts_removed(&before->launch, &after->launch))
		fix_refuse(p, before->launch.unit_path, 0,
			   "the fix would change more than the TCP hosts of dockerd's command line");
	p->verified = p->nrefusals == bad;
}

/* Write data as in-root path rel under the directory root (the copy). */
static int put_file(const char *root, const char *rel, const char *data, size_t len, bool mask)
{
	mkparents(root, rel);
	_cleanup_free_ char *d = join3(root, rel);
	unlink(d); /* a symlink in the copy is replaced, never followed */
	if (mask)
		return symlink("/dev/null", d) < 0 ? -errno : 0;
	int fd = open(d, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	ssize_t n = write(fd, data, len);
	int e = n == (ssize_t)len ? 0 : -EIO;
	close(fd);
	return e;
}

int dl_fix_verify(struct dl_fix_plan *p, char *err, size_t errlen)
{
	p->verified = false;
	if (p->nfiles == 0 || p->nrefusals > 0)
		return 0;
	struct dl_scan_result *before = NULL, *base = NULL, *after = NULL;
	int e = dl_scan_config(&before, p->root, err, errlen);
	if (e < 0)
		return e;
	const char *tmp = getenv("TMPDIR");
	_cleanup_free_ char *dir = xasprintf("%s/dockerd-scap-fix.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		e = -errno;
		snprintf(err, errlen, "cannot create a temporary directory %s: %s", dir, strerror(errno));
		dl_scan_result_free(before);
		return e;
	}
	struct copy c = { .src = p->root, .dst = dir };
	copy_root(&c, before, p);
	if (c.error) {
		fix_refuse(p, NULL, 0, "cannot verify the fix: the copy of the root failed: %s",
			   c.error);
		goto out;
	}
	e = dl_scan_config(&base, dir, err, errlen);
	if (e < 0)
		goto out;
	const char *diff = same_scan(before, base);
	if (diff) {
		fix_refuse(p, NULL, 0,
			   "cannot verify the fix: a copy of the root does not scan like the root "
			   "(%s differ)",
			   diff);
		goto out;
	}
	for (size_t i = 0; i < p->nfiles; i++) {
		int w = put_file(dir, p->files[i].path, p->files[i].new_text, p->files[i].new_len,
				 p->files[i].mask);
		if (w < 0) {
			fix_refuse(p, p->files[i].path, 0, "cannot verify the fix: %s", strerror(-w));
			goto out;
		}
	}
	e = dl_scan_config(&after, dir, err, errlen);
	if (e < 0)
		goto out;
	check_after(p, before, after);
out:
	{
		_cleanup_free_ char *parent = xstrdup(dir);
		char *slash = strrchr(parent, '/');
		*slash = '\0';
		int pfd = open(*parent ? parent : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (pfd >= 0) {
			remove_tree(pfd, slash + 1);
			close(pfd);
		}
	}
	copy_clear(&c);
	dl_scan_result_free(before);
	dl_scan_result_free(base);
	dl_scan_result_free(after);
	return e < 0 ? e : 0;
}

/* ------------------------------------------------------------ diff */

/* Lines of a buffer: offsets of line starts (count + 1 entries). */
static size_t split_lines(const char *s, size_t len, size_t **starts)
{
	size_t n = 0, cap = 0;
	size_t *v = NULL;
	size_t pos = 0;
	while (pos < len) {
		grow_array(&v, &cap, n + 2, sizeof(*v));
		v[n++] = pos;
		const char *nl = memchr(s + pos, '\n', len - pos);
		pos = nl ? (size_t)(nl - s) + 1 : len;
	}
	grow_array(&v, &cap, n + 1, sizeof(*v));
	v[n] = len;
	*starts = v;
	return n;
}

static void put_line(FILE *out, char mark, const char *s, const size_t *st, size_t i)
{
	size_t len = st[i + 1] - st[i];
	fputc(mark, out);
	fwrite(s + st[i], 1, len, out);
	if (len == 0 || s[st[i + 1] - 1] != '\n')
		fputs("\n\\ No newline at end of file\n", out);
}

static bool line_eq(const char *a, const size_t *sa, size_t i, const char *b, const size_t *sb,
		    size_t k)
{
	size_t la = sa[i + 1] - sa[i], lb = sb[k + 1] - sb[k];
	return la == lb && !memcmp(a + sa[i], b + sb[k], la);
}

/* One hunk from the first to the last changed line, 3 lines of context. */
static void diff_file(FILE *out, const struct dl_fix_file *f)
{
	const char *a = f->old_text ? f->old_text : "";
	size_t alen = f->old_text ? f->old_len : 0;
	size_t *sa, *sb;
	size_t na = split_lines(a, alen, &sa), nb = split_lines(f->new_text, f->new_len, &sb);
	size_t pre = 0;
	while (pre < na && pre < nb && line_eq(a, sa, pre, f->new_text, sb, pre))
		pre++;
	size_t suf = 0;
	while (suf < na - pre && suf < nb - pre &&
	       line_eq(a, sa, na - 1 - suf, f->new_text, sb, nb - 1 - suf))
		suf++;
	size_t ctx_b = pre > 3 ? pre - 3 : 0;
	size_t ctx_a = suf > 3 ? 3 : suf;
	size_t a0 = ctx_b, a1 = na - suf + ctx_a, b1 = nb - suf + ctx_a;
	if (f->mask)
		fprintf(out, "# %s becomes a symbolic link to /dev/null (masked)\n", f->path);
	fprintf(out, "--- %s%s\n", f->create ? "/dev/null" : "a", f->create ? "" : f->path);
	fprintf(out, "+++ b%s\n", f->path);
	fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n", a1 - a0 ? a0 + 1 : a0, a1 - a0,
		b1 - ctx_b ? ctx_b + 1 : ctx_b, b1 - ctx_b);
	for (size_t i = ctx_b; i < pre; i++)
		put_line(out, ' ', a, sa, i);
	for (size_t i = pre; i < na - suf; i++)
		put_line(out, '-', a, sa, i);
	for (size_t i = pre; i < nb - suf; i++)
		put_line(out, '+', f->new_text, sb, i);
	for (size_t i = na - suf; i < a1; i++)
		put_line(out, ' ', a, sa, i);
	free(sa);
	free(sb);
}

int dl_fix_diff(FILE *out, const struct dl_fix_plan *p)
{
	for (size_t i = 0; i < p->nfiles; i++)
		diff_file(out, &p->files[i]);
	return ferror(out) ? -EIO : 0;
}

/* ------------------------------------------------------------ writing */

static int write_all(int fd, const char *s, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, s, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Create dir (in-root) and its missing parents, mode 0755. */
static int mkdirs(const struct rootfs *r, const char *dir)
{
	int fd = rootfs_resolve(r, dir, NULL);
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	if (fd != -ENOENT)
		return fd;
	const char *slash = strrchr(dir, '/');
	if (!slash || !slash[1])
		return -ENOENT;
	_cleanup_free_ char *parent = slash == dir ? xstrdup("/") : xstrndup(dir, (size_t)(slash - dir));
	int e = mkdirs(r, parent);
	if (e < 0)
		return e;
	int pfd = rootfs_resolve(r, parent, NULL);
	if (pfd < 0)
		return pfd;
	e = mkdirat(pfd, slash + 1, 0755) < 0 && errno != EEXIST ? -errno : 0;
	close(pfd);
	return e;
}

static int write_one(const struct rootfs *r, const struct dl_fix_file *f, const char *stamp,
		     char **backup)
{
	const char *slash = strrchr(f->path, '/');
	_cleanup_free_ char *dir = xstrndup(f->path, (size_t)(slash - f->path));
	const char *name = slash + 1;
	*backup = NULL;
	int e = mkdirs(r, *dir ? dir : "/");
	if (e < 0)
		return e;
	int dfd = rootfs_resolve(r, *dir ? dir : "/", NULL);
	if (dfd < 0)
		return dfd;
	struct stat st = { .st_mode = 0644, .st_uid = (uid_t)-1, .st_gid = (gid_t)-1 };
	bool exists = fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (f->mask && exists && S_ISLNK(st.st_mode)) {
		/* An alias or a link to the vendor unit: keep the link as the
		 * backup, then replace it. */
		char target[PATH_MAX];
		ssize_t n = readlinkat(dfd, name, target, sizeof(target) - 1);
		if (n < 0) {
			e = -errno;
			close(dfd);
			return e;
		}
		target[n] = '\0';
		*backup = xasprintf("%s.dockerd-scap-%s", name, stamp);
		if (symlinkat(target, dfd, *backup) < 0) {
			e = -errno;
			close(dfd);
			return e;
		}
		exists = false;
	} else if (exists && !S_ISREG(st.st_mode)) {
		close(dfd);
		return -EINVAL; /* the plan resolved symlinks: a non-file here changed since */
	}
	/* The file must still be what was planned against. */
	if (exists || (f->mask && f->old_text)) {
		_cleanup_free_ char *cur = NULL;
		size_t len = 0;
		int rr = rootfs_read_file(r, f->path, ROOTFS_MAX_FILE, &cur, &len);
		if (rr < 0 || !f->old_text || len != f->old_len || memcmp(cur, f->old_text, len)) {
			close(dfd);
			return -ESTALE;
		}
	}
	_cleanup_free_ char *tmp = xasprintf(".%s.dockerd-scap-tmp", name);
	unlinkat(dfd, tmp, 0);
	mode_t mode = exists ? (st.st_mode & 07777) : 0644;
	if (exists) {
		*backup = xasprintf("%s.dockerd-scap-%s", name, stamp);
		int bfd = openat(dfd, *backup, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
				 mode);
		if (bfd < 0) {
			e = -errno;
			close(dfd);
			return e;
		}
		e = write_all(bfd, f->old_text, f->old_len);
		if (!e && fchown(bfd, st.st_uid, st.st_gid) < 0 && errno != EPERM)
			e = -errno;
		if (!e && fchmod(bfd, mode) < 0)
			e = -errno;
		if (!e && fsync(bfd) < 0)
			e = -errno;
		close(bfd);
		if (e) {
			close(dfd);
			return e;
		}
	}
	if (f->mask) {
		e = symlinkat("/dev/null", dfd, tmp) < 0 ? -errno : 0;
		if (!e && renameat(dfd, tmp, dfd, name) < 0)
			e = -errno;
		if (e)
			unlinkat(dfd, tmp, 0);
		close(dfd);
		return e;
	}
	int fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		e = -errno;
		close(dfd);
		return e;
	}
	e = write_all(fd, f->new_text, f->new_len);
	if (!e && exists && fchown(fd, st.st_uid, st.st_gid) < 0 && errno != EPERM)
		e = -errno;
	if (!e && fchmod(fd, mode) < 0)
		e = -errno;
	if (!e && fsync(fd) < 0)
		e = -errno;
	close(fd);
	if (!e && renameat(dfd, tmp, dfd, name) < 0)
		e = -errno;
	if (e)
		unlinkat(dfd, tmp, 0);
	else {
		int sfd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (sfd >= 0) {
			fsync(sfd);
			close(sfd);
		}
	}
	close(dfd);
	return e;
}

int dl_fix_write(const struct dl_fix_plan *p, time_t now, char *err, size_t errlen)
{
	if (!p->verified || p->nrefusals > 0) {
		snprintf(err, errlen, "the fix is not verified: nothing written");
		return -EPERM;
	}
	struct rootfs r;
	int e = rootfs_open(&r, p->root);
	if (e < 0) {
		snprintf(err, errlen, "cannot open '%s': %s", p->root, rootfs_strerror(e));
		return e;
	}
	char stamp[32];
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	/* Every backup name must be free before anything is written: a second
	 * run within the same second must not stop half-way. */
	for (size_t i = 0; i < p->nfiles; i++) {
		if (p->files[i].create)
			continue;
		_cleanup_free_ char *b = xasprintf("%s.dockerd-scap-%s", p->files[i].path, stamp);
		struct stat st;
		if (rootfs_stat(&r, b, &st) != -ENOENT) {
			snprintf(err, errlen, "backup %s exists already: nothing written, run again", b);
			rootfs_close(&r);
			return -EEXIST;
		}
	}
	_cleanup_free_ char *written = xstrdup("");
	for (size_t i = 0; i < p->nfiles; i++) {
		char *backup = NULL;
		e = write_one(&r, &p->files[i], stamp, &backup);
		free(backup);
		if (e < 0) {
			snprintf(err, errlen, "cannot write %s: %s%s%s%s", p->files[i].path,
				 e == -ESTALE ? "it changed since the fix was planned" : strerror(-e),
				 *written ? " (already written:" : "", written,
				 *written ? ")" : "");
			rootfs_close(&r);
			return e;
		}
		char *n = xasprintf("%s %s", written, p->files[i].path);
		free(written);
		written = n;
	}
	rootfs_close(&r);
	return 0;
}

