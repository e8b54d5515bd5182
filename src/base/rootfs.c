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

#include "base/alloc.h"
#include "base/rootfs.h"
/* Deepest path we walk; deeper trees are reported, not followed. */
#define MAX_DEPTH 128
#define MAX_PATH_TEXT 8192

int rootfs_open(struct rootfs *r, const char *dir)
{
	struct stat st;
	r->fd = -1;
	r->path = NULL;
	int fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode)) {
		int e = errno ? errno : ENOTDIR;
		close(fd);
		return -e;
	}
	r->fd = fd;
	r->path = xstrdup(dir);
	return 0;
}

void rootfs_close(struct rootfs *r)
{
	if (r->fd >= 0)
		close(r->fd);
	free(r->path);
	r->fd = -1;
	r->path = NULL;
}

struct walk {
	int fds[MAX_DEPTH + 1];   /* fds[0] is the root (not owned) */
	char *names[MAX_DEPTH + 1];
	size_t depth;
};

static void walk_pop(struct walk *w)
{
	if (w->depth == 0)
		return;
	close(w->fds[w->depth]);
	free(w->names[w->depth]);
	w->depth--;
}

static void walk_reset(struct walk *w)
{
	while (w->depth)
		walk_pop(w);
}

static char *walk_path(const struct walk *w)
{
	size_t n = 2;
	for (size_t i = 1; i <= w->depth; i++)
		n += strlen(w->names[i]) + 1;
	char *s = xmalloc(n), *p = s;
	if (w->depth == 0)
		*p++ = '/';
	for (size_t i = 1; i <= w->depth; i++) {
		*p++ = '/';
		size_t l = strlen(w->names[i]);
		memcpy(p, w->names[i], l);
		p += l;
	}
	*p = '\0';
	return s;
}

/* Walk path inside the root. On success the walk holds every directory and the
 * final object (all O_PATH, none a symlink). */
static int walk_resolve(const struct rootfs *r, const char *path, struct walk *w)
{
	char rest[MAX_PATH_TEXT];
	unsigned links = 0;

	w->fds[0] = r->fd;
	w->names[0] = NULL;
	w->depth = 0;
	if (strlen(path) >= sizeof(rest))
		return -ENAMETOOLONG;
	strcpy(rest, path);

	char *p = rest;
	for (;;) {
		while (*p == '/')
			p++;
		if (!*p)
			return 0;
		char *end = strchr(p, '/');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > NAME_MAX) {
			walk_reset(w);
			return -ENAMETOOLONG;
		}
		char comp[NAME_MAX + 1];
		memcpy(comp, p, len);
		comp[len] = '\0';
		p += len;

		if (!strcmp(comp, "."))
			continue;
		if (!strcmp(comp, "..")) {
			walk_pop(w); /* never above the root */
			continue;
		}
		struct stat st;
		int fd = openat(w->fds[w->depth], comp, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0 || fstat(fd, &st) < 0) {
			int e = errno;
			if (fd >= 0)
				close(fd);
			walk_reset(w);
			return -e;
		}
		if (S_ISLNK(st.st_mode)) {
			char target[PATH_MAX];
			ssize_t n = readlinkat(fd, "", target, sizeof(target) - 1);
			int e = errno;
			close(fd);
			if (n < 0) {
				walk_reset(w);
				return -e;
			}
			target[n] = '\0';
			if (++links > ROOTFS_MAX_SYMLINKS) {
				walk_reset(w);
				return -ELOOP;
			}
			if (target[0] == '/')
				walk_reset(w);
			/* rest := target "/" remaining */
			size_t tl = (size_t)n, rl = strlen(p);
			if (tl + 1 + rl + 1 > sizeof(rest)) {
				walk_reset(w);
				return -ENAMETOOLONG;
			}
			memmove(rest + tl + 1, p, rl + 1);
			memcpy(rest, target, tl);
			rest[tl] = '/';
			p = rest;
			continue;
		}
		/* A non-directory in the middle of a path. */
		const char *q = p;
		while (*q == '/')
			q++;
		if (*q && !S_ISDIR(st.st_mode)) {
			close(fd);
			walk_reset(w);
			return -ENOTDIR;
		}
		if (w->depth >= MAX_DEPTH) {
			close(fd);
			walk_reset(w);
			return -ENAMETOOLONG;
		}
		w->depth++;
		w->fds[w->depth] = fd;
		w->names[w->depth] = xstrdup(comp);
	}
}

int rootfs_resolve(const struct rootfs *r, const char *path, char **resolved)
{
	struct walk w;
	int e = walk_resolve(r, path, &w);
	if (e < 0)
		return e;
	if (resolved)
		*resolved = walk_path(&w);
	int fd = w.depth ? dup(w.fds[w.depth]) : dup(r->fd);
	e = errno;
	walk_reset(&w);
	return fd < 0 ? -e : fd;
}

/* The same lookup as walk_resolve() in one openat2(2) call: RESOLVE_IN_ROOT
 * resolves symlinks inside the root, absolute ones from the root, and ".."
 * never above it, with at most 40 links (the kernel's MAXSYMLINKS, which
 * ROOTFS_MAX_SYMLINKS equals). The walk costs an openat, fstat and close per
 * path component (about 5,000 syscalls for the ~1,000 files a scan of a
 * Debian root reads). Returns an fd; -ENOENT when the object does not exist
 * (the walk, following the same links, reaches the same missing name: the
 * common answer for the files a scan probes); or -1 when the caller must
 * walk: on any other failure (so that errors and their messages stay the
 * walk's), for a magic link (/proc/PID/exe, which the walk resolves by its
 * text) and on a kernel without openat2. flags: O_PATH, or O_RDONLY for a
 * regular file. */
static int in_root_open(const struct rootfs *r, const char *path, int flags)
{
#ifdef SYS_openat2
	if (strlen(path) >= MAX_PATH_TEXT)
		return -1;
	while (*path == '/')
		path++;
	struct open_how how = {
		.flags = (unsigned long long)(flags == O_PATH ? O_PATH | O_CLOEXEC
							      : flags | O_CLOEXEC | O_NOCTTY | O_NONBLOCK),
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	int fd = (int)syscall(SYS_openat2, r->fd, *path ? path : ".", &how, sizeof(how));
	if (fd < 0)
		return errno == ENOENT ? -ENOENT : -1;
	return fd;
#else
	(void)r, (void)path, (void)flags;
	return -1;
#endif
}

/* A regular file opened for reading through in_root_open(), checked to be
 * the object the lookup found; -ENOENT when there is none; -1 when the
 * caller must walk. */
static int in_root_open_regular(const struct rootfs *r, const char *path, struct stat *st)
{
	int pfd = in_root_open(r, path, O_PATH);
	if (pfd < 0)
		return pfd == -ENOENT ? -ENOENT : -1;
	int fd = -1;
	struct stat st2;
	if (fstat(pfd, st) == 0 && S_ISREG(st->st_mode)) {
		fd = in_root_open(r, path, O_RDONLY);
		if (fd == -ENOENT)
			fd = -1; /* gone since: let the walk say what is there */
		if (fd >= 0 && (fstat(fd, &st2) < 0 || st2.st_dev != st->st_dev ||
				st2.st_ino != st->st_ino)) {
			close(fd);
			fd = -1;
		}
	}
	close(pfd);
	return fd;
}

int rootfs_stat(const struct rootfs *r, const char *path, struct stat *st)
{
	int pfd = in_root_open(r, path, O_PATH);
	if (pfd == -ENOENT)
		return -ENOENT;
	if (pfd >= 0) {
		int ok = fstat(pfd, st) == 0;
		close(pfd);
		if (ok)
			return 0;
	}
	int fd = rootfs_resolve(r, path, NULL);
	if (fd < 0)
		return fd;
	int e = fstat(fd, st) < 0 ? -errno : 0;
	close(fd);
	return e;
}

/* Open the final object of a walk for reading, checking that it is still the
 * object the walk found (it may have been swapped meanwhile). */
static int walk_open(const struct walk *w, int flags, const struct stat *expect)
{
	int parent = w->depth ? w->fds[w->depth - 1] : w->fds[0];
	const char *name = w->depth ? w->names[w->depth] : ".";
	int fd = openat(parent, name, flags | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return errno == ELOOP ? -ESTALE : -errno;
	struct stat st;
	if (fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		return -e;
	}
	if (st.st_dev != expect->st_dev || st.st_ino != expect->st_ino) {
		close(fd);
		return -ESTALE;
	}
	return fd;
}

int rootfs_open_file(const struct rootfs *r, const char *path, struct stat *st)
{
	int fast = in_root_open_regular(r, path, st);
	if (fast >= 0 || fast == -ENOENT)
		return fast;
	struct walk w;
	int e = walk_resolve(r, path, &w);
	if (e < 0)
		return e;
	if (fstat(w.depth ? w.fds[w.depth] : r->fd, st) < 0) {
		e = -errno;
		walk_reset(&w);
		return e;
	}
	if (S_ISDIR(st->st_mode)) {
		walk_reset(&w);
		return -EISDIR;
	}
	if (!S_ISREG(st->st_mode)) {
		walk_reset(&w);
		return -EINVAL;
	}
	int fd = walk_open(&w, O_RDONLY, st);
	walk_reset(&w);
	return fd;
}

int rootfs_read_file(const struct rootfs *r, const char *path, size_t max, char **buf, size_t *len)
{
	struct stat st;
	int e;
	*buf = NULL;
	if (len)
		*len = 0;
	/* Directories, FIFOs, devices and sockets are never opened for reading
	 * (rootfs_open_file()): a FIFO would block and a device read can have
	 * side effects. */
	int fd = rootfs_open_file(r, path, &st);
	if (fd < 0)
		return fd;
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		return -EFBIG;
	}
	/* The file may grow while we read it: read at most max + 1 bytes. */
	size_t cap = (size_t)st.st_size + 1, n = 0;
	if (cap > max + 1)
		cap = max + 1;
	char *b = xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			if (cap > max)
				break;
			cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			b = xrealloc(b, cap + 1);
		}
		ssize_t k = read(fd, b + n, cap - n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			e = -errno;
			close(fd);
			free(b);
			return e;
		}
		if (k == 0)
			break;
		n += (size_t)k;
	}
	close(fd);
	if (n > max) {
		free(b);
		return -EFBIG;
	}
	b[n] = '\0';
	*buf = b;
	if (len)
		*len = n;
	return 0;
}

int rootfs_readlink(const struct rootfs *r, const char *path, char *buf, size_t size)
{
	const char *slash = strrchr(path, '/');
	_cleanup_free_ char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup("/");
	const char *name = slash ? slash + 1 : path;
	if (!*name || !strcmp(name, ".") || !strcmp(name, "..") || size < 2)
		return -EINVAL;
	struct walk w;
	int e = walk_resolve(r, *dir ? dir : "/", &w);
	if (e < 0)
		return e;
	ssize_t n = readlinkat(w.depth ? w.fds[w.depth] : r->fd, name, buf, size - 1);
	e = errno;
	walk_reset(&w);
	if (n < 0)
		return -e;
	if ((size_t)n >= size - 1)
		return -ENAMETOOLONG; /* possibly cut: never hand back a wrong path */
	buf[n] = '\0';
	return (int)n;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int rootfs_list_dir(const struct rootfs *r, const char *path, char ***names, size_t *count)
{
	return rootfs_list_dir_max(r, path, ROOTFS_MAX_DIR_ENTRIES, names, count);
}

int rootfs_list_dir_max(const struct rootfs *r, const char *path, size_t max, char ***names,
			size_t *count)
{
	struct walk w;
	struct stat st;
	*names = NULL;
	*count = 0;
	int e = walk_resolve(r, path, &w);
	if (e < 0)
		return e;
	if (fstat(w.depth ? w.fds[w.depth] : r->fd, &st) < 0) {
		e = -errno;
		walk_reset(&w);
		return e;
	}
	if (!S_ISDIR(st.st_mode)) {
		walk_reset(&w);
		return -ENOTDIR;
	}
	int fd = walk_open(&w, O_RDONLY | O_DIRECTORY, &st);
	walk_reset(&w);
	if (fd < 0)
		return fd;
	DIR *d = fdopendir(fd);
	if (!d) {
		e = -errno;
		close(fd);
		return e;
	}
	char **v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	errno = 0;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n >= max) {
			rootfs_free_names(v, n);
			closedir(d);
			return -E2BIG;
		}
		grow_array(&v, &cap, n + 1, sizeof(*v));
		v[n++] = xstrdup(de->d_name);
		errno = 0;
	}
	e = errno;
	closedir(d);
	if (e) {
		rootfs_free_names(v, n);
		return -e;
	}
	if (n)
		qsort(v, n, sizeof(*v), cmp_names);
	*names = v;
	*count = n;
	return 0;
}

void rootfs_free_names(char **names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

const char *rootfs_strerror(int err)
{
	switch (err < 0 ? -err : err) {
	case EFBIG:
		return "file is larger than the 1 MiB read bound";
	case ELOOP:
		return "too many levels of symbolic links (symlink loop)";
	case EINVAL:
		return "not a regular file";
	case ESTALE:
		return "file changed while it was being read";
	case E2BIG:
		return "directory has more than 4096 entries";
	case ENAMETOOLONG:
		return "path too long or too deep";
	default:
		return strerror(err < 0 ? -err : err);
	}
}

char *rootfs_join(const char *dir, const char *name)
{
	size_t l = strlen(dir);
	if (l && dir[l - 1] == '/')
		return xasprintf("%s%s", dir, name);
	return xasprintf("%s/%s", dir, name);
}
