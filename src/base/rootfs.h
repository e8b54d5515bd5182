/* Reading files under a scan root, safely.
 *
 * Every path the probe reads is interpreted inside the root, as if the root
 * were "/": absolute symlinks restart at the root, ".." never climbs above it.
 * Symlinks are resolved here, component by component, with O_NOFOLLOW opens,
 * so a link that points outside the root (or a file swapped for one while we
 * read) can never make us open a file outside it. */
#ifndef DOCKERD_SCAP_ROOTFS_H
#define DOCKERD_SCAP_ROOTFS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "base/contract.h"
/* Largest configuration file read: units, drop-ins, environment files and
 * daemon.json are a few KiB in practice; anything over 1 MiB is reported. */
#define ROOTFS_MAX_FILE (1024u * 1024u)
/* Symlinks followed while resolving one path (the kernel's own limit). */
#define ROOTFS_MAX_SYMLINKS 40
/* Entries listed from one directory before the listing is reported. */
#define ROOTFS_MAX_DIR_ENTRIES 4096

struct rootfs {
	int fd;     /* O_PATH descriptor of the root directory */
	char *path; /* the root as given, for messages */
};

_must_check_ int rootfs_open(struct rootfs *r, const char *dir);
void rootfs_close(struct rootfs *r);

/* Resolve path inside the root; on success *resolved (may be NULL) is the
 * canonical in-root path ("/dev/null" for a masked unit) and the return value
 * is an O_PATH fd of the final object, or -errno. When the final object does
 * not exist, -ENOENT. */
_must_check_ int rootfs_resolve(const struct rootfs *r, const char *path, char **resolved);

/* Read a whole regular file (at most max bytes). Returns 0 and a NUL-terminated
 * buffer, or -errno: -EFBIG over the bound, -EISDIR/-EINVAL for a directory or
 * a non-regular file, -ELOOP for a symlink loop, -ENOENT, -EACCES, ... */
_must_check_ int rootfs_read_file(const struct rootfs *r, const char *path, size_t max, char **buf,
		     size_t *len);

/* Open a regular file under the root for reading (symlinks resolved inside
 * the root, as rootfs_read_file), for callers that stream a large file with
 * their own bound. Returns an O_RDONLY fd and fills *st, or -errno (-EISDIR,
 * -EINVAL for a non-regular file, -ENOENT, -EACCES, ...). */
_must_check_ int rootfs_open_file(const struct rootfs *r, const char *path, struct stat *st);

/* lstat-like information about path with symlinks resolved inside the root. */
_must_check_ int rootfs_stat(const struct rootfs *r, const char *path, struct stat *st);

/* List the names in a directory (no "." and ".."), sorted with strcmp.
 * Returns 0, or -errno (-ENOENT when the directory does not exist, -E2BIG when
 * it has more than ROOTFS_MAX_DIR_ENTRIES entries). */
_must_check_ int rootfs_list_dir(const struct rootfs *r, const char *path, char ***names, size_t *count);
/* The same with a caller-chosen bound (-E2BIG beyond max entries). */
_must_check_ int rootfs_list_dir_max(const struct rootfs *r, const char *path, size_t max, char ***names,
			size_t *count);
void rootfs_free_names(char **names, size_t count);

/* Read the target of the symlink at path (the final component is not
 * followed; earlier components are resolved inside the root). For /proc
 * magic links such as /proc/PID/fd/N ("socket:[1234]") and /proc/PID/cwd.
 * Returns the length, or -errno (-EINVAL when path is not a symlink,
 * -ENAMETOOLONG when the target does not fit in size - 1 bytes). */
_must_check_ int rootfs_readlink(const struct rootfs *r, const char *path, char *buf, size_t size);

/* A message for an error returned by the functions above. */
const char *rootfs_strerror(int err);

/* Join an in-root directory and a name: "/a/b" + "c" -> "/a/b/c". */
char *rootfs_join(const char *dir, const char *name);

#endif
