/* Tests for rootfs: every path is read inside the scan root, symlinks are
 * resolved there (absolute targets restart at the root, ".." clamps at it),
 * reads are bounded and never block on FIFOs or devices. */
#include "config.h"
#include "testutil.h"

#include <limits.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>
#include <sys/un.h>

/* ------------------------------------------------------------ fixtures */

/* One fixture operation: 'f' file with text, 'l' symlink to target,
 * 'd' directory, 'p' FIFO, 'n' empty regular file (arg unused). */
struct fs_op {
	char kind;
	const char *path;
	const char *arg;
};

#define MAX_OPS 8

static char *fixture_path(const char *root, const char *path)
{
	return xasprintf("%s/%s", root, path[0] == '/' ? path + 1 : path);
}

static void fixture_mkdirs(const char *root, const char *path)
{
	_cleanup_free_ char *full = fixture_path(root, path);
	for (char *p = full + strlen(root) + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(full, 0755);
			*p = '/';
		}
	}
	mkdir(full, 0755);
}

/* Write len bytes (NULs allowed) to root/path. */
static void fixture_write_bytes(const char *root, const char *path, const char *data, size_t len)
{
	fixture_write(root, path, "");
	_cleanup_free_ char *full = fixture_path(root, path);
	FILE *f = fopen(full, "w");
	assert_non_null(f);
	if (len)
		assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* A file of exactly size bytes of 'x'. */
static void fixture_sized(const char *root, const char *path, size_t size)
{
	char *data = xmalloc(size + 1);
	memset(data, 'x', size);
	fixture_write_bytes(root, path, data, size);
	free(data);
}

static void fixture_fifo(const char *root, const char *path)
{
	fixture_write(root, path, "");
	_cleanup_free_ char *full = fixture_path(root, path);
	assert_int_equal(unlink(full), 0);
	assert_int_equal(mkfifo(full, 0644), 0);
}

/* A bound AF_UNIX socket at root/path; returns the socket fd to close. */
static int fixture_socket(const char *root, const char *path)
{
	fixture_write(root, path, "");
	_cleanup_free_ char *full = fixture_path(root, path);
	assert_int_equal(unlink(full), 0);
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	assert_true(strlen(full) < sizeof(sa.sun_path));
	strcpy(sa.sun_path, full);
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(s >= 0);
	assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
	return s;
}

static void apply_ops(const char *root, const struct fs_op *ops)
{
	for (size_t i = 0; i < MAX_OPS && ops[i].kind; i++) {
		switch (ops[i].kind) {
		case 'f':
			fixture_write(root, ops[i].path, ops[i].arg);
			break;
		case 'n':
			fixture_write(root, ops[i].path, "");
			break;
		case 'l':
			fixture_symlink(root, ops[i].path, ops[i].arg);
			break;
		case 'd':
			fixture_mkdirs(root, ops[i].path);
			break;
		case 'p':
			fixture_fifo(root, ops[i].path);
			break;
		default:
			fail_msg("bad fixture op %c", ops[i].kind);
		}
	}
}

/* Per-test state: a fresh root directory and the rootfs opened on it. The
 * rootfs is opened lazily (after the test has built its fixture is fine too,
 * since rootfs resolves at call time). */
struct fx {
	char *root;
	struct rootfs r;
};

static int fx_setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	f->root = fixture_mkroot();
	assert_int_equal(rootfs_open(&f->r, f->root), 0);
	*state = f;
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;
	rootfs_close(&f->r);
	fixture_rmroot(f->root);
	free(f);
	return 0;
}

/* Fail the test instead of hanging when a call blocks (FIFO opened for
 * reading waits for a writer forever). */
static void on_alarm(int sig)
{
	(void)sig;
	static const char msg[] = "test-rootfs: call blocked (alarm fired)\n";
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
		/* nothing more we can do */
	}
	_exit(99);
}

static void arm_alarm(unsigned seconds)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	sigaction(SIGALRM, &sa, NULL);
	alarm(seconds);
}

static void disarm_alarm(void)
{
	alarm(0);
}

/* ------------------------------------------------------------ rootfs_open */

static void test_open(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	fixture_write(root, "/file", "x");
	fixture_mkdirs(root, "/dir");
	fixture_symlink(root, "/dirlink", "dir");
	fixture_symlink(root, "/dangling", "nowhere");

	static const struct {
		const char *rel; /* under root; NULL = root itself */
		int err;
	} cases[] = {
		{ NULL, 0 },
		{ "dir", 0 },
		{ "dirlink", 0 }, /* a root given as a symlink to a directory is usable */
		{ "missing", -ENOENT },
		{ "file", -ENOTDIR },
		{ "dangling", -ENOENT },
		{ "file/sub", -ENOTDIR },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		_cleanup_free_ char *dir =
			cases[i].rel ? xasprintf("%s/%s", root, cases[i].rel) : xstrdup(root);
		struct rootfs r = { .fd = 12345, .path = NULL };
		int e = rootfs_open(&r, dir);
		if (e != cases[i].err)
			fail_msg("rootfs_open(%s) = %d, expected %d", dir, e, cases[i].err);
		if (e == 0) {
			assert_true(r.fd >= 0);
			assert_string_equal(r.path, dir);
		} else {
			assert_int_equal(r.fd, -1);
			assert_null(r.path);
		}
		rootfs_close(&r); /* safe after a failed open too */
		assert_int_equal(r.fd, -1);
		assert_null(r.path);
		rootfs_close(&r); /* and twice */
	}
	fixture_rmroot(root);
}

/* ------------------------------------------------------------ rootfs_resolve */

struct resolve_case {
	const char *name;
	struct fs_op ops[MAX_OPS];
	const char *path;
	int err;              /* expected return: 0 (an fd) or -errno */
	const char *resolved; /* expected canonical in-root path on success */
	const char *content;  /* when set, rootfs_read_file(path) gives this */
};

static const struct resolve_case resolve_cases[] = {
	{ "plain file", { { 'f', "/etc/docker/daemon.json", "{}" } }, "/etc/docker/daemon.json", 0,
	  "/etc/docker/daemon.json", "{}" },
	{ "root itself", { { 0 } }, "/", 0, "/", NULL },
	{ "empty components and dots",
	  { { 'f', "/etc/docker/daemon.json", "{}" } },
	  "//etc/./docker//./daemon.json", 0, "/etc/docker/daemon.json", "{}" },
	{ "relative path is taken from the root", { { 'f', "/etc/a", "A" } }, "etc/a", 0, "/etc/a",
	  "A" },
	{ "relative symlink",
	  { { 'f', "/etc/docker/real.json", "R" }, { 'l', "/etc/docker/daemon.json", "real.json" } },
	  "/etc/docker/daemon.json", 0, "/etc/docker/real.json", "R" },
	{ "relative symlink with ..",
	  { { 'f', "/a/c/file", "C" }, { 'l', "/a/b/link", "../c/file" } },
	  "/a/b/link", 0, "/a/c/file", "C" },
	{ "absolute symlink restarts at the fixture root, not /",
	  { { 'l', "/etc/docker/daemon.json", "/etc/passwd" } },
	  "/etc/docker/daemon.json", -ENOENT, NULL, NULL },
	{ "absolute symlink reads the fixture's file",
	  { { 'f', "/etc/passwd", "fixture-passwd\n" },
	    { 'l', "/etc/docker/daemon.json", "/etc/passwd" } },
	  "/etc/docker/daemon.json", 0, "/etc/passwd", "fixture-passwd\n" },
	{ ".. clamps at the root", { { 0 } }, "/../../../etc/x", -ENOENT, NULL, NULL },
	{ ".. clamps at the root (exists)", { { 'f', "/etc/x", "X" } }, "/../../../etc/x", 0,
	  "/etc/x", "X" },
	{ ".. in the middle", { { 'f', "/etc/x", "X" }, { 'd', "/usr/lib", NULL } },
	  "/usr/lib/../../../../etc/x", 0, "/etc/x", "X" },
	{ "symlink climbing out with .. clamps",
	  { { 'l', "/etc/docker/daemon.json", "../../../../../etc/shadow" } },
	  "/etc/docker/daemon.json", -ENOENT, NULL, NULL },
	{ "symlink climbing out with .. reads the fixture's file",
	  { { 'f', "/etc/shadow", "fixture-shadow" },
	    { 'l', "/etc/docker/daemon.json", "../../../../../etc/shadow" } },
	  "/etc/docker/daemon.json", 0, "/etc/shadow", "fixture-shadow" },
	{ "symlink to /../.. stays at the root",
	  { { 'f', "/etc/x", "X" }, { 'l', "/up", "/../../.." } },
	  "/up/etc/x", 0, "/etc/x", "X" },
	{ "symlink chain",
	  { { 'f', "/z/file", "Z" },
	    { 'l', "/a", "b" },
	    { 'l', "/b", "/c/d" },
	    { 'l', "/c", "y" },
	    { 'l', "/y", "z" },
	    { 'l', "/z/d", "file" } },
	  "/a", 0, "/z/file", "Z" },
	{ "loop a->b->a", { { 'l', "/a", "b" }, { 'l', "/b", "a" } }, "/a", -ELOOP, NULL, NULL },
	{ "loop through absolute targets", { { 'l', "/a", "/b" }, { 'l', "/b", "/a" } }, "/a/x",
	  -ELOOP, NULL, NULL },
	{ "self loop", { { 'l', "/etc/systemd/system/docker.service", "docker.service" } },
	  "/etc/systemd/system/docker.service", -ELOOP, NULL, NULL },
	{ "loop in a directory component", { { 'l', "/etc/systemd/system", "system" } },
	  "/etc/systemd/system/docker.service", -ELOOP, NULL, NULL },
	{ "symlink to a directory then further components",
	  { { 'f', "/lib/systemd/system/docker.service", "[Service]\n" },
	    { 'l', "/etc/systemd/system", "/lib/systemd/system" } },
	  "/etc/systemd/system/docker.service", 0, "/lib/systemd/system/docker.service",
	  "[Service]\n" },
	{ ".. after a symlinked directory is taken from the target (kernel semantics)",
	  { { 'f', "/b/x", "BX" }, { 'l', "/a/link", "/b/c" }, { 'd', "/b/c", NULL }, { 'f', "/a/x", "AX" } },
	  "/a/link/../x", 0, "/b/x", "BX" },
	{ "symlink to the root", { { 'f', "/etc/x", "X" }, { 'l', "/r", "/" } }, "/r/r/r/etc/x", 0,
	  "/etc/x", "X" },
	{ "non-directory in the middle", { { 'f', "/etc/a", "A" } }, "/etc/a/b", -ENOTDIR, NULL,
	  NULL },
	{ "symlink to a file in the middle",
	  { { 'f', "/etc/a", "A" }, { 'l', "/etc/l", "a" } },
	  "/etc/l/b", -ENOTDIR, NULL, NULL },
	{ "missing directory", { { 0 } }, "/etc/docker/daemon.json", -ENOENT, NULL, NULL },
	{ "dangling relative symlink", { { 'l', "/etc/l", "nowhere" } }, "/etc/l", -ENOENT, NULL,
	  NULL },
	{ "masked unit: link to /dev/null",
	  { { 'n', "/dev/null", NULL }, { 'l', "/etc/systemd/system/docker.service", "/dev/null" } },
	  "/etc/systemd/system/docker.service", 0, "/dev/null", NULL },
	{ "masked unit via relative link",
	  { { 'n', "/dev/null", NULL },
	    { 'l', "/etc/systemd/system/docker.service", "../../../dev/null" } },
	  "/etc/systemd/system/docker.service", 0, "/dev/null", NULL },
	/* The contract: a final object that does not exist is -ENOENT, even
	 * when the link text is "/dev/null" (an image without /dev). */
	{ "link to /dev/null in a root without /dev",
	  { { 'l', "/etc/systemd/system/docker.service", "/dev/null" } },
	  "/etc/systemd/system/docker.service", -ENOENT, NULL, NULL },
};

static void check_resolve_case(const struct resolve_case *c)
{
	char *root = fixture_mkroot();
	struct rootfs r;
	apply_ops(root, c->ops);
	assert_int_equal(rootfs_open(&r, root), 0);

	char *resolved = (char *)"untouched";
	int fd = rootfs_resolve(&r, c->path, &resolved);
	if (c->err) {
		if (fd != c->err)
			fail_msg("%s: rootfs_resolve(%s) = %d, expected %d", c->name, c->path, fd,
				 c->err);
	} else {
		if (fd < 0)
			fail_msg("%s: rootfs_resolve(%s) = %d (%s), expected success", c->name,
				 c->path, fd, rootfs_strerror(fd));
		if (strcmp(resolved, c->resolved) != 0)
			fail_msg("%s: resolved %s, expected %s", c->name, resolved, c->resolved);
		/* The fd is the object the fixture holds at the canonical path. */
		struct stat got, want;
		_cleanup_free_ char *full = fixture_path(root, c->resolved);
		assert_int_equal(fstat(fd, &got), 0);
		assert_int_equal(lstat(full, &want), 0);
		assert_false(S_ISLNK(got.st_mode));
		assert_int_equal(got.st_ino, want.st_ino);
		assert_int_equal(got.st_dev, want.st_dev);
		close(fd);
		free(resolved);

		/* NULL resolved is allowed. */
		fd = rootfs_resolve(&r, c->path, NULL);
		assert_true(fd >= 0);
		close(fd);
	}
	if (c->content) {
		char *buf = NULL;
		size_t len = 0;
		int e = rootfs_read_file(&r, c->path, ROOTFS_MAX_FILE, &buf, &len);
		if (e != 0)
			fail_msg("%s: rootfs_read_file(%s) = %d", c->name, c->path, e);
		assert_string_equal(buf, c->content);
		assert_int_equal(len, strlen(c->content));
		free(buf);
	}
	if (c->err) {
		/* Every other entry point gives the same error. */
		char *buf = (char *)"x";
		struct stat st;
		assert_int_equal(rootfs_read_file(&r, c->path, ROOTFS_MAX_FILE, &buf, NULL), c->err);
		assert_null(buf);
		assert_int_equal(rootfs_stat(&r, c->path, &st), c->err);
	}
	rootfs_close(&r);
	fixture_rmroot(root);
}

static void test_resolve_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(resolve_cases) / sizeof(resolve_cases[0]); i++)
		check_resolve_case(&resolve_cases[i]);
}

/* A chain of n symlinks: /l0 -> /l1 -> ... -> /l{n-1} -> /target. */
static void make_chain(const char *root, unsigned n)
{
	fixture_write(root, "/target", "end");
	for (unsigned i = 0; i < n; i++) {
		char name[32], target[32];
		snprintf(name, sizeof(name), "/l%u", i);
		if (i + 1 < n)
			snprintf(target, sizeof(target), "l%u", i + 1);
		else
			snprintf(target, sizeof(target), "/target");
		fixture_symlink(root, name, target);
	}
}

static void test_resolve_chain_length(void **state)
{
	(void)state;
	/* The kernel follows at most 40 links per lookup (MAXSYMLINKS); the
	 * header promises the same bound. */
	static const struct {
		unsigned links;
		int err;
	} cases[] = {
		{ 1, 0 },
		{ 39, 0 },
		{ ROOTFS_MAX_SYMLINKS, 0 },
		{ ROOTFS_MAX_SYMLINKS + 1, -ELOOP },
		{ 100, -ELOOP },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *root = fixture_mkroot();
		struct rootfs r;
		make_chain(root, cases[i].links);
		assert_int_equal(rootfs_open(&r, root), 0);
		char *resolved = NULL;
		int fd = rootfs_resolve(&r, "/l0", &resolved);
		if (cases[i].err) {
			if (fd != cases[i].err)
				fail_msg("chain of %u links: %d, expected %d", cases[i].links, fd,
					 cases[i].err);
		} else {
			if (fd < 0)
				fail_msg("chain of %u links: %d, expected success", cases[i].links,
					 fd);
			assert_string_equal(resolved, "/target");
			close(fd);
			free(resolved);
		}
		rootfs_close(&r);
		fixture_rmroot(root);
	}
}

/* Links are counted per resolution, not per link object: a path that goes
 * through the same (non-looping) symlinked directory many times is fine as
 * long as the total stays within the bound. */
static void test_resolve_links_counted_per_call(void **state)
{
	struct fx *f = *state;
	fixture_write(f->root, "/d/x", "X");
	fixture_symlink(f->root, "/d/up", ".");
	/* 40 traversals of the same link: OK; 41: too many. */
	char path[512] = "/d";
	for (int i = 0; i < ROOTFS_MAX_SYMLINKS; i++)
		strcat(path, "/up");
	strcat(path, "/x");
	char *resolved = NULL;
	int fd = rootfs_resolve(&f->r, path, &resolved);
	assert_true(fd >= 0);
	assert_string_equal(resolved, "/d/x");
	free(resolved);
	close(fd);
	snprintf(path + 2, sizeof(path) - 2, "/up");
	for (int i = 0; i < ROOTFS_MAX_SYMLINKS; i++)
		strcat(path, "/up");
	strcat(path, "/x");
	assert_int_equal(rootfs_resolve(&f->r, path, NULL), -ELOOP);
}

static void test_resolve_bounds(void **state)
{
	struct fx *f = *state;
	/* A component longer than NAME_MAX. */
	char longname[NAME_MAX + 10];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	_cleanup_free_ char *p = xasprintf("/etc/%s", longname);
	fixture_mkdirs(f->root, "/etc");
	assert_int_equal(rootfs_resolve(&f->r, p, NULL), -ENAMETOOLONG);

	/* A very long path text. */
	size_t n = 70000;
	char *huge = xmalloc(n + 1);
	for (size_t i = 0; i < n; i += 2) {
		huge[i] = '/';
		huge[i + 1] = 'a';
	}
	huge[n] = '\0';
	int e = rootfs_resolve(&f->r, huge, NULL);
	assert_true(e < 0);
	free(huge);

	/* 100 nested directories resolve; 200 are reported, not walked. */
	char path[1024] = "";
	for (int i = 0; i < 200; i++)
		strcat(path, "/d");
	fixture_mkdirs(f->root, path);
	char *resolved = NULL;
	path[100 * 2] = '\0';
	int fd = rootfs_resolve(&f->r, path, &resolved);
	assert_true(fd >= 0);
	assert_string_equal(resolved, path);
	free(resolved);
	close(fd);
	for (int i = 100; i < 200; i++)
		strcat(path, "/d");
	e = rootfs_resolve(&f->r, path, NULL);
	assert_int_equal(e, -ENAMETOOLONG);
}

/* ------------------------------------------------------------ rootfs_read_file */

struct read_case {
	const char *name;
	size_t size; /* file of this many 'x' bytes */
	size_t max;
	int err;
};

static void test_read_bounds(void **state)
{
	struct fx *f = *state;
	static const struct read_case cases[] = {
		{ "empty", 0, ROOTFS_MAX_FILE, 0 },
		{ "small", 5, ROOTFS_MAX_FILE, 0 },
		{ "exactly 1 MiB", ROOTFS_MAX_FILE, ROOTFS_MAX_FILE, 0 },
		{ "1 MiB + 1", ROOTFS_MAX_FILE + 1, ROOTFS_MAX_FILE, -EFBIG },
		{ "max=10, 10 bytes", 10, 10, 0 },
		{ "max=10, 11 bytes", 11, 10, -EFBIG },
		{ "max=0, empty", 0, 0, 0 },
		{ "max=0, 1 byte", 1, 0, -EFBIG },
		{ "4 KiB + 1 (past the first read)", 4097, 8192, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct read_case *c = &cases[i];
		fixture_sized(f->root, "/etc/file", c->size);
		char *buf = (char *)"untouched";
		size_t len = 12345;
		int e = rootfs_read_file(&f->r, "/etc/file", c->max, &buf, &len);
		if (e != c->err)
			fail_msg("%s: rootfs_read_file = %d, expected %d", c->name, e, c->err);
		if (e == 0) {
			assert_non_null(buf);
			assert_int_equal(len, c->size);
			assert_int_equal(strlen(buf), c->size); /* NUL-terminated */
			for (size_t k = 0; k < c->size; k++)
				if (buf[k] != 'x')
					fail_msg("%s: byte %zu differs", c->name, k);
			free(buf);
		} else {
			assert_null(buf);
		}
	}
}

static void test_read_content(void **state)
{
	struct fx *f = *state;
	static const char text[] = "[Service]\nExecStart=/usr/bin/dockerd -H fd://\n";
	fixture_write(f->root, "/lib/systemd/system/docker.service", text);
	char *buf = NULL;
	size_t len = 0;
	assert_int_equal(
		rootfs_read_file(&f->r, "/lib/systemd/system/docker.service", ROOTFS_MAX_FILE, &buf,
				 &len),
		0);
	assert_string_equal(buf, text);
	assert_int_equal(len, sizeof(text) - 1);
	free(buf);

	/* len may be NULL. */
	assert_int_equal(rootfs_read_file(&f->r, "/lib/systemd/system/docker.service",
					  ROOTFS_MAX_FILE, &buf, NULL),
			 0);
	assert_string_equal(buf, text);
	free(buf);

	/* Embedded NUL bytes: len counts them, the buffer is still terminated. */
	static const char bin[] = { 'a', '\0', 'b', '\0', 'c' };
	fixture_write_bytes(f->root, "/etc/docker/daemon.json", bin, sizeof(bin));
	assert_int_equal(
		rootfs_read_file(&f->r, "/etc/docker/daemon.json", ROOTFS_MAX_FILE, &buf, &len), 0);
	assert_int_equal(len, sizeof(bin));
	assert_memory_equal(buf, bin, sizeof(bin));
	assert_int_equal(buf[len], '\0');
	free(buf);

	/* Empty file: a valid empty string, not NULL. */
	fixture_write(f->root, "/etc/default/docker", "");
	buf = NULL;
	len = 99;
	assert_int_equal(
		rootfs_read_file(&f->r, "/etc/default/docker", ROOTFS_MAX_FILE, &buf, &len), 0);
	assert_non_null(buf);
	assert_string_equal(buf, "");
	assert_int_equal(len, 0);
	free(buf);
}

static void test_read_sparse_huge(void **state)
{
	struct fx *f = *state;
	/* A 50 MiB sparse file is refused from its size, quickly. */
	fixture_write(f->root, "/etc/docker/daemon.json", "");
	_cleanup_free_ char *full = fixture_path(f->root, "/etc/docker/daemon.json");
	assert_int_equal(truncate(full, 50L * 1024 * 1024), 0);
	char *buf = (char *)"x";
	arm_alarm(10);
	assert_int_equal(
		rootfs_read_file(&f->r, "/etc/docker/daemon.json", ROOTFS_MAX_FILE, &buf, NULL),
		-EFBIG);
	disarm_alarm();
	assert_null(buf);
}

/* Objects that are not regular files: never opened for reading. */
static void test_read_not_regular(void **state)
{
	struct fx *f = *state;
	fixture_mkdirs(f->root, "/etc/docker/daemon.json");
	fixture_fifo(f->root, "/etc/systemd/system/docker.service");
	fixture_symlink(f->root, "/etc/fifolink", "/etc/systemd/system/docker.service");
	int sock = fixture_socket(f->root, "/run/docker.sock");

	static const struct {
		const char *path;
		int err;
	} cases[] = {
		{ "/etc/docker/daemon.json", -EISDIR },
		{ "/etc/docker", -EISDIR },
		{ "/", -EISDIR },
		{ "/etc/systemd/system/docker.service", -EINVAL }, /* FIFO: must not block */
		{ "/etc/fifolink", -EINVAL },
		{ "/run/docker.sock", -EINVAL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *buf = (char *)"x";
		arm_alarm(5);
		int e = rootfs_read_file(&f->r, cases[i].path, ROOTFS_MAX_FILE, &buf, NULL);
		disarm_alarm();
		if (e != cases[i].err)
			fail_msg("rootfs_read_file(%s) = %d, expected %d", cases[i].path, e,
				 cases[i].err);
		assert_null(buf);
	}

	/* stat of a FIFO does not block either, and tells what it is. */
	struct stat st;
	arm_alarm(5);
	assert_int_equal(rootfs_stat(&f->r, "/etc/fifolink", &st), 0);
	disarm_alarm();
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(rootfs_stat(&f->r, "/run/docker.sock", &st), 0);
	assert_true(S_ISSOCK(st.st_mode));
	close(sock);
}

static void test_read_char_device(void **state)
{
	struct fx *f = *state;
	if (geteuid() != 0) {
		/* mknod of a character device needs CAP_MKNOD. */
		skip();
	}
	fixture_mkdirs(f->root, "/dev");
	fixture_mkdirs(f->root, "/etc/docker");
	_cleanup_free_ char *zero = fixture_path(f->root, "/etc/docker/daemon.json");
	_cleanup_free_ char *null = fixture_path(f->root, "/dev/null");
	if (mknod(zero, S_IFCHR | 0644, makedev(1, 5)) != 0 ||
	    mknod(null, S_IFCHR | 0666, makedev(1, 3)) != 0) {
		/* Root without CAP_MKNOD (some containers). */
		skip();
	}
	fixture_symlink(f->root, "/etc/systemd/system/docker.service", "/dev/null");

	char *buf = (char *)"x";
	arm_alarm(5);
	assert_int_equal(
		rootfs_read_file(&f->r, "/etc/docker/daemon.json", ROOTFS_MAX_FILE, &buf, NULL),
		-EINVAL);
	assert_null(buf);
	buf = (char *)"x";
	assert_int_equal(rootfs_read_file(&f->r, "/etc/systemd/system/docker.service",
					  ROOTFS_MAX_FILE, &buf, NULL),
			 -EINVAL);
	disarm_alarm();
	assert_null(buf);

	/* The masked unit resolves to the fixture's /dev/null device. */
	char *resolved = NULL;
	int fd = rootfs_resolve(&f->r, "/etc/systemd/system/docker.service", &resolved);
	assert_true(fd >= 0);
	assert_string_equal(resolved, "/dev/null");
	struct stat st;
	assert_int_equal(fstat(fd, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	close(fd);
	free(resolved);
}

static void test_read_permission_denied(void **state)
{
	struct fx *f = *state;
	if (geteuid() == 0) {
		/* root bypasses file modes (CAP_DAC_OVERRIDE): cannot test. */
		skip();
	}
	fixture_write(f->root, "/etc/docker/daemon.json", "{}");
	_cleanup_free_ char *full = fixture_path(f->root, "/etc/docker/daemon.json");
	assert_int_equal(chmod(full, 0), 0);
	char *buf = (char *)"x";
	assert_int_equal(
		rootfs_read_file(&f->r, "/etc/docker/daemon.json", ROOTFS_MAX_FILE, &buf, NULL),
		-EACCES);
	assert_null(buf);
	chmod(full, 0644);
}

/* ------------------------------------------------------------ rootfs_list_dir */

static void check_names(char **names, size_t count, const char *const *want, size_t nwant)
{
	if (count != nwant)
		fail_msg("listed %zu names, expected %zu", count, nwant);
	for (size_t i = 0; i < nwant; i++)
		if (strcmp(names[i], want[i]) != 0)
			fail_msg("name %zu is %s, expected %s", i, names[i], want[i]);
}

static void test_list_sorted(void **state)
{
	struct fx *f = *state;
	static const char *const files[] = { "b.conf", "a.conf", "C.conf", "10-x.conf",
					     "9-x.conf", ".hidden", "a" };
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		_cleanup_free_ char *p =
			xasprintf("/etc/systemd/system/docker.service.d/%s", files[i]);
		fixture_write(f->root, p, "");
	}
	fixture_mkdirs(f->root, "/etc/systemd/system/docker.service.d/subdir");
	fixture_symlink(f->root, "/etc/systemd/system/docker.service.d/dangling.conf", "/nowhere");
	/* strcmp order (systemd sorts drop-ins by file name the same way). */
	static const char *const want[] = { ".hidden", "10-x.conf", "9-x.conf", "C.conf", "a",
					    "a.conf", "b.conf", "dangling.conf", "subdir" };
	char **names = NULL;
	size_t count = 0;
	assert_int_equal(
		rootfs_list_dir(&f->r, "/etc/systemd/system/docker.service.d", &names, &count), 0);
	check_names(names, count, want, sizeof(want) / sizeof(want[0]));
	rootfs_free_names(names, count);
}

static void test_list_errors(void **state)
{
	struct fx *f = *state;
	fixture_write(f->root, "/etc/systemd/system/docker.service", "[Service]\n");
	fixture_mkdirs(f->root, "/empty");
	fixture_symlink(f->root, "/loop", "loop");
	fixture_fifo(f->root, "/fifo");

	static const struct {
		const char *path;
		int err;
		size_t count;
	} cases[] = {
		{ "/empty", 0, 0 },
		{ "/missing", -ENOENT, 0 },
		{ "/missing/deeper", -ENOENT, 0 },
		{ "/etc/systemd/system/docker.service", -ENOTDIR, 0 },
		{ "/etc/systemd/system/docker.service/x", -ENOTDIR, 0 },
		{ "/loop", -ELOOP, 0 },
		{ "/fifo", -ENOTDIR, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char **names = (char **)&f; /* garbage to check it is reset */
		size_t count = 777;
		arm_alarm(5);
		int e = rootfs_list_dir(&f->r, cases[i].path, &names, &count);
		disarm_alarm();
		if (e != cases[i].err)
			fail_msg("rootfs_list_dir(%s) = %d, expected %d", cases[i].path, e,
				 cases[i].err);
		assert_int_equal(count, cases[i].count);
		if (e < 0)
			assert_null(names);
		rootfs_free_names(names, count);
	}
}

static void test_list_through_symlink(void **state)
{
	struct fx *f = *state;
	fixture_write(f->root, "/lib/systemd/system/docker.service", "");
	fixture_write(f->root, "/lib/systemd/system/docker.socket", "");
	fixture_symlink(f->root, "/etc/systemd/system", "../../lib/systemd/system");
	static const char *const want[] = { "docker.service", "docker.socket" };
	char **names = NULL;
	size_t count = 0;
	assert_int_equal(rootfs_list_dir(&f->r, "/etc/systemd/system", &names, &count), 0);
	check_names(names, count, want, 2);
	rootfs_free_names(names, count);

	/* The root itself. */
	assert_int_equal(rootfs_list_dir(&f->r, "/", &names, &count), 0);
	static const char *const top[] = { "etc", "lib" };
	check_names(names, count, top, 2);
	rootfs_free_names(names, count);
}

static void fill_dir(const char *root, const char *dir, unsigned n)
{
	fixture_mkdirs(root, dir);
	_cleanup_free_ char *full = fixture_path(root, dir);
	int dfd = open(full, O_DIRECTORY | O_RDONLY);
	assert_true(dfd >= 0);
	for (unsigned i = 0; i < n; i++) {
		char name[32];
		snprintf(name, sizeof(name), "f%05u.conf", i);
		int fd = openat(dfd, name, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
		assert_true(fd >= 0);
		close(fd);
	}
	close(dfd);
}

static void test_list_bound(void **state)
{
	struct fx *f = *state;
	fill_dir(f->root, "/full", ROOTFS_MAX_DIR_ENTRIES);
	fill_dir(f->root, "/over", ROOTFS_MAX_DIR_ENTRIES + 1);

	char **names = NULL;
	size_t count = 0;
	assert_int_equal(rootfs_list_dir(&f->r, "/full", &names, &count), 0);
	assert_int_equal(count, ROOTFS_MAX_DIR_ENTRIES);
	assert_string_equal(names[0], "f00000.conf");
	assert_string_equal(names[count - 1], "f04095.conf");
	rootfs_free_names(names, count);

	names = (char **)&f;
	count = 5;
	assert_int_equal(rootfs_list_dir(&f->r, "/over", &names, &count), -E2BIG);
	assert_null(names);
	assert_int_equal(count, 0);
	rootfs_free_names(names, count);
}

/* ------------------------------------------------------------ rootfs_stat */

static void test_stat(void **state)
{
	struct fx *f = *state;
	fixture_write(f->root, "/etc/docker/daemon.json", "{\"hosts\":[]}");
	fixture_symlink(f->root, "/etc/link", "/etc/docker/daemon.json");
	fixture_symlink(f->root, "/etc/dirlink", "docker");
	fixture_symlink(f->root, "/etc/loop", "loop");

	static const struct {
		const char *path;
		int err;
		mode_t type;
		off_t size; /* -1: not checked */
	} cases[] = {
		{ "/etc/docker/daemon.json", 0, S_IFREG, 12 },
		{ "/etc/link", 0, S_IFREG, 12 }, /* the target, not the link */
		{ "/etc/dirlink", 0, S_IFDIR, -1 },
		{ "/etc/dirlink/daemon.json", 0, S_IFREG, 12 },
		{ "/", 0, S_IFDIR, -1 },
		{ "/etc/missing", -ENOENT, 0, -1 },
		{ "/etc/loop", -ELOOP, 0, -1 },
		{ "/etc/docker/daemon.json/x", -ENOTDIR, 0, -1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct stat st;
		int e = rootfs_stat(&f->r, cases[i].path, &st);
		if (e != cases[i].err)
			fail_msg("rootfs_stat(%s) = %d, expected %d", cases[i].path, e,
				 cases[i].err);
		if (e)
			continue;
		if ((st.st_mode & S_IFMT) != cases[i].type)
			fail_msg("rootfs_stat(%s): type %o, expected %o", cases[i].path,
				 st.st_mode & S_IFMT, cases[i].type);
		if (cases[i].size >= 0)
			assert_int_equal(st.st_size, cases[i].size);
	}
}

/* ------------------------------------------------------------ rootfs_readlink */

static void test_readlink(void **state)
{
	struct fx *f = *state;
	fixture_write(f->root, "/etc/file", "F");
	fixture_mkdirs(f->root, "/etc/dir");
	fixture_symlink(f->root, "/etc/rel", "file");
	fixture_symlink(f->root, "/etc/abs", "/etc/passwd"); /* dangling in the fixture */
	fixture_symlink(f->root, "/etc/loop", "loop");
	fixture_symlink(f->root, "/proc/1/fd/3", "socket:[1234]");
	fixture_symlink(f->root, "/b/l", "x");
	fixture_symlink(f->root, "/a", "/b");
	fixture_symlink(f->root, "/top", "t");

	static const struct {
		const char *path;
		int ret; /* length, or -errno */
		const char *want;
	} cases[] = {
		{ "/etc/rel", 4, "file" },
		/* the target text verbatim: not resolved, not followed */
		{ "/etc/abs", 11, "/etc/passwd" },
		{ "/etc/loop", 4, "loop" },
		{ "/proc/1/fd/3", 13, "socket:[1234]" },
		/* earlier components are resolved inside the root */
		{ "/a/l", 1, "x" },
		{ "/../../../b/l", 1, "x" },
		{ "/top", 1, "t" },
		{ "top", 1, "t" },
		{ "/etc/file", -EINVAL, NULL },
		{ "/etc/dir", -EINVAL, NULL },
		{ "/", -EINVAL, NULL },
		{ "/etc/..", -EINVAL, NULL },
		{ "/etc/missing", -ENOENT, NULL },
		{ "/missing/l", -ENOENT, NULL },
		{ "/etc/file/l", -ENOTDIR, NULL },
		{ "/etc/loop/l", -ELOOP, NULL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[64];
		memset(buf, 'Z', sizeof(buf));
		int n = rootfs_readlink(&f->r, cases[i].path, buf, sizeof(buf));
		if (n != cases[i].ret)
			fail_msg("rootfs_readlink(%s) = %d, expected %d", cases[i].path, n,
				 cases[i].ret);
		if (n >= 0)
			assert_string_equal(buf, cases[i].want); /* NUL-terminated */
	}
	char small[1];
	assert_int_equal(rootfs_readlink(&f->r, "/etc/rel", small, sizeof(small)), -EINVAL);
}

/* ------------------------------------------------------------ rootfs_join, strerror */

static void test_join(void **state)
{
	(void)state;
	static const struct {
		const char *dir, *name, *want;
	} cases[] = {
		{ "/a/b", "c", "/a/b/c" },
		{ "/a/b/", "c", "/a/b/c" },
		{ "/", "etc", "/etc" },
		{ "/etc/systemd/system/docker.service.d", "override.conf",
		  "/etc/systemd/system/docker.service.d/override.conf" },
		{ "/etc", ".hidden", "/etc/.hidden" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = rootfs_join(cases[i].dir, cases[i].name);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("rootfs_join(%s, %s) = %s, expected %s", cases[i].dir,
				 cases[i].name, got, cases[i].want);
		free(got);
	}
}

static void test_strerror(void **state)
{
	(void)state;
	/* The codes the functions above return for hostile input each say what
	 * went wrong in the probe's own words. */
	static const struct {
		int err;
		const char *contains;
	} cases[] = {
		{ EFBIG, "1 MiB" },
		{ ELOOP, "symbolic link" },
		{ EINVAL, "not a regular file" },
		{ ESTALE, "changed" },
		{ E2BIG, "4096" },
		{ ENAMETOOLONG, "too" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *neg = rootfs_strerror(-cases[i].err);
		const char *pos = rootfs_strerror(cases[i].err);
		assert_non_null(neg);
		assert_string_equal(neg, pos);
		if (!strstr(neg, cases[i].contains))
			fail_msg("rootfs_strerror(%d) = \"%s\", expected to mention \"%s\"",
				 cases[i].err, neg, cases[i].contains);
	}
	/* Ordinary codes are the system's messages. */
	static const int plain[] = { ENOENT, EACCES, ENOTDIR, EISDIR };
	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
		_cleanup_free_ char *want = xstrdup(strerror(plain[i]));
		assert_string_equal(rootfs_strerror(-plain[i]), want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_resolve_table),
		cmocka_unit_test(test_resolve_chain_length),
		cmocka_unit_test_setup_teardown(test_resolve_links_counted_per_call, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_resolve_bounds, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_read_bounds, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_read_content, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_read_sparse_huge, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_read_not_regular, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_read_char_device, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_read_permission_denied, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_list_sorted, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_list_errors, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_list_through_symlink, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_list_bound, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_stat, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_readlink, fx_setup, fx_teardown),
		cmocka_unit_test(test_join),
		cmocka_unit_test(test_strerror),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
