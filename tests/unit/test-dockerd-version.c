/* Which dockerd: version strings, the dpkg database, the binary's build
 * information (docs/dockerd-versions.md). */
#include "config.h"

#include "testutil.h"

#include "read/dockerd_version.h"
static void test_parse(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		bool ok;
		unsigned maj, min, patch;
		enum dockerd_rules rules;
	} rows[] = {
		{ "20.10.24+dfsg1-1+deb12u1+b6", true, 20, 10, 24, DOCKERD_RULES_V20 },
		{ "5:24.0.7-1~debian.12~bookworm", true, 24, 0, 7, DOCKERD_RULES_V23 },
		{ "v28.5.1", true, 28, 5, 1, DOCKERD_RULES_V23 },
		{ "29.0.0", true, 29, 0, 0, DOCKERD_RULES_V29 },
		{ "19.03.15", true, 19, 3, 15, DOCKERD_RULES_UNKNOWN },
		{ "30.1", true, 30, 1, 0, DOCKERD_RULES_UNKNOWN },
		{ "20.10", true, 20, 10, 0, DOCKERD_RULES_V20 },
		{ "dev", false, 0, 0, 0, DOCKERD_RULES_UNKNOWN },
		{ "20", false, 0, 0, 0, DOCKERD_RULES_UNKNOWN },
		{ "", false, 0, 0, 0, DOCKERD_RULES_UNKNOWN },
		{ "99999999999.1", false, 0, 0, 0, DOCKERD_RULES_UNKNOWN },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
		unsigned a = 0, b = 0, c = 0;
		print_message("case %zu: \"%s\"\n", i, rows[i].in);
		assert_int_equal(dockerd_version_parse(rows[i].in, &a, &b, &c), rows[i].ok);
		if (!rows[i].ok)
			continue;
		assert_int_equal(a, rows[i].maj);
		assert_int_equal(b, rows[i].min);
		assert_int_equal(c, rows[i].patch);
		assert_int_equal(dockerd_rules_for(a, b), rows[i].rules);
	}
}

static const char STATUS[] =
	"Package: docker.io-doc\nStatus: install ok installed\nVersion: 1.0\n\n"
	"Package: docker-ce\nStatus: deinstall ok config-files\nVersion: 5:24.0.7-1\n\n"
	"Package: docker.io\nStatus: install ok installed\nPriority: optional\n"
	"Description: Linux container runtime\n with a continuation line\n"
	"Version: 20.10.24+dfsg1-1+deb12u1+b6\n\n"
	"Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13\n";

static void test_dpkg(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	struct rootfs r;
	struct dockerd_version v = { 0 };
	assert_int_equal(rootfs_open(&r, root), 0);
	assert_int_equal(dockerd_version_from_dpkg(&v, &r, NULL), -ENOENT);

	fixture_write(root, "/var/lib/dpkg/status", STATUS);
	assert_int_equal(dockerd_version_from_dpkg(&v, &r, NULL), 0);
	assert_string_equal(v.package, "docker.io");
	assert_string_equal(v.text, "20.10.24+dfsg1-1+deb12u1+b6");
	assert_int_equal(v.rules, DOCKERD_RULES_V20);
	dockerd_version_clear(&v);

	/* The file list says docker.io ships /usr/sbin/dockerd, not another. */
	fixture_write(root, "/var/lib/dpkg/info/docker.io.list", "/.\n/usr\n/usr/sbin/dockerd\n");
	assert_int_equal(dockerd_version_from_dpkg(&v, &r, "/usr/sbin/dockerd"), 0);
	dockerd_version_clear(&v);
	assert_int_equal(dockerd_version_from_dpkg(&v, &r, "/usr/local/bin/dockerd"), -ENOENT);

	/* detect: dpkg first; nothing at all: unknown. */
	dockerd_version_detect(&v, &r, "/usr/sbin/dockerd", NULL);
	assert_true(v.known);
	assert_string_equal(v.source, "dpkg");
	dockerd_version_clear(&v);
	rootfs_close(&r);
	fixture_rmroot(root);

	root = fixture_mkroot();
	assert_int_equal(rootfs_open(&r, root), 0);
	dockerd_version_detect(&v, &r, NULL, NULL);
	assert_false(v.known);
	assert_int_equal(v.rules, DOCKERD_RULES_UNKNOWN);
	dockerd_version_clear(&v);
	rootfs_close(&r);
	fixture_rmroot(root);
}

static void test_binary(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	struct rootfs r;
	struct dockerd_version v = { 0 };
	assert_int_equal(rootfs_open(&r, root), 0);

	/* The needle straddles the 1 MiB read boundary. */
	size_t pad = 1024 * 1024 - 10;
	const char *line = "build\t-ldflags=\" -X \\\"github.com/docker/docker/dockerversion."
			   "Version=24.0.7\\\"\"\n";
	size_t n = pad + strlen(line) + 100;
	char *buf = malloc(n + 1);
	assert_non_null(buf);
	memset(buf, 'x', n);
	memcpy(buf + pad - 40, line, strlen(line));
	buf[n] = '\0';
	fixture_write(root, "/usr/bin/dockerd", buf);
	free(buf);
	assert_int_equal(dockerd_version_from_binary(&v, &r, "/usr/bin/dockerd"), 0);
	assert_string_equal(v.text, "24.0.7");
	assert_int_equal(v.rules, DOCKERD_RULES_V23);
	dockerd_version_clear(&v);

	/* No version string; a directory; a missing file. */
	fixture_write(root, "/usr/sbin/dockerd", "dockerversion.Version=\n#!/bin/sh\n");
	assert_int_equal(dockerd_version_from_binary(&v, &r, "/usr/sbin/dockerd"), -ENOENT);
	assert_int_equal(dockerd_version_from_binary(&v, &r, "/usr"), -EISDIR);
	assert_int_equal(dockerd_version_from_binary(&v, &r, "/nope"), -ENOENT);

	/* detect without dpkg: the command's binary. */
	dockerd_version_detect(&v, &r, "/usr/bin/dockerd", NULL);
	assert_true(v.known);
	assert_string_equal(v.source, "binary");
	dockerd_version_clear(&v);
	rootfs_close(&r);
	fixture_rmroot(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_dpkg),
		cmocka_unit_test(test_binary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
