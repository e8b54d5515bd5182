/* Shared cmocka includes and small helpers for the unit tests. */
#ifndef DOCKERD_SCAP_TESTUTIL_H
#define DOCKERD_SCAP_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/evidence.h"
#include "base/problems.h"
#include "base/words.h"
#include "base/text.h"
#include "base/rootfs.h"
#include "base/contract.h"
/* A temporary fixture root, removed at teardown. */
static inline char *fixture_mkroot(void)
{
	char tmpl[] = "/tmp/dockerd-scap-test-XXXXXX";
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	return strdup(d);
}

/* Write text to root/path, creating parent directories. */
static inline void fixture_write(const char *root, const char *path, const char *text)
{
	char buf[4096];
	snprintf(buf, sizeof(buf), "%s/%s", root, path[0] == '/' ? path + 1 : path);
	for (char *p = buf + strlen(root) + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(buf, 0755);
			*p = '/';
		}
	}
	FILE *f = fopen(buf, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Make root/path a symlink to target, creating parent directories. */
static inline void fixture_symlink(const char *root, const char *path, const char *target)
{
	char buf[4096];
	snprintf(buf, sizeof(buf), "%s/%s", root, path[0] == '/' ? path + 1 : path);
	for (char *p = buf + strlen(root) + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(buf, 0755);
			*p = '/';
		}
	}
	assert_int_equal(symlink(target, buf), 0);
}

static inline void fixture_rmroot(char *root)
{
	char cmd[4200];
	/* Test-only cleanup of a directory this test created under /tmp. */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "warning: could not remove %s\n", root);
	free(root);
}

#endif
