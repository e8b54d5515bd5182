/* Helpers shared by the fuzz targets; see fuzz.h. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

void fuzz_split2(const uint8_t *data, size_t size, char **a, size_t *alen, char **b, size_t *blen)
{
	static const char sep[] = "\n--\n";
	size_t k = 0;
	bool found = false;
	for (; size >= 4 && k <= size - 4; k++)
		if (!memcmp(data + k, sep, 4)) {
			found = true;
			break;
		}
	if (!found)
		k = size;
	*a = fuzz_cstr(data, k);
	*alen = k;
	size_t off = found ? k + 4 : size;
	*b = fuzz_cstr(data + off, size - off);
	*blen = size - off;
}

static char root_dir[PATH_MAX];
static char **written;
static size_t nwritten, capwritten;

static void cleanup(void)
{
	fuzz_root_reset();
	rmdir(root_dir);
}

const char *fuzz_root(void)
{
	if (!root_dir[0]) {
		const char *t = getenv("TMPDIR");
		snprintf(root_dir, sizeof(root_dir), "%s/dockerd-scap-fuzz-XXXXXX", t && *t ? t : "/tmp");
		if (!mkdtemp(root_dir))
			abort();
		atexit(cleanup);
	}
	return root_dir;
}

void fuzz_root_reset(void)
{
	/* Newest first: files, then the directories made for them. */
	for (size_t i = nwritten; i-- > 0;) {
		if (unlink(written[i]) < 0)
			rmdir(written[i]);
		free(written[i]);
	}
	nwritten = 0;
}

static void remember(const char *p)
{
	if (nwritten == capwritten) {
		capwritten = capwritten ? capwritten * 2 : 32;
		written = realloc(written, capwritten * sizeof(*written));
		if (!written)
			abort();
	}
	written[nwritten] = strdup(p);
	if (!written[nwritten])
		abort();
	nwritten++;
}

void fuzz_root_write(const char *path, const char *bytes, size_t len)
{
	char full[PATH_MAX];
	int n = snprintf(full, sizeof(full), "%s/%s", fuzz_root(), path[0] == '/' ? path + 1 : path);
	if (n < 0 || (size_t)n >= sizeof(full))
		abort();
	size_t base = strlen(fuzz_root()) + 1;
	for (char *p = full + base; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(full, 0755) == 0)
			remember(full);
		*p = '/';
	}
	int fd = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0644);
	if (fd < 0)
		abort();
	remember(full);
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, bytes + off, len - off);
		if (w <= 0)
			abort();
		off += (size_t)w;
	}
	close(fd);
}
