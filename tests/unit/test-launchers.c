/* Tests for the launchers this tool does not model (launchers.c,
 * docs/launchers.md): which lines start dockerd under each syntax, and a
 * scan of a fixture root that finds every kind and skips the modelled
 * script, masked units and non-regular files. */
#include "config.h"
#include "testutil.h"

#include <json-c/json.h>

#include "read/launchers.h"
#define N_ELEMENTS(a) (sizeof(a) / sizeof((a)[0]))

static void test_lines(void **state)
{
	(void)state;
	static const struct {
		const char *line;
		enum launcher_syntax syn;
		bool starts;
	} cases[] = {
		{ "exec dockerd -H tcp://0.0.0.0:2375", LAUNCHER_SHELL, true },
		{ "exec /usr/bin/dockerd", LAUNCHER_SHELL, true },
		{ "dockerd", LAUNCHER_SHELL, true },
		{ "set -- dockerd --host=unix:///var/run/docker.sock \"$@\"", LAUNCHER_SHELL, true },
		{ "::respawn:/usr/bin/dockerd -H tcp://0.0.0.0:2375", LAUNCHER_SHELL, true },
		{ "@reboot root dockerd &", LAUNCHER_SHELL, true },
		{ "docker daemon -H tcp://0.0.0.0:4243", LAUNCHER_SHELL, true },
		{ "/usr/bin/docker -d -H tcp://0.0.0.0:4243", LAUNCHER_SHELL, true },
		{ "exec dockerd-rootless.sh", LAUNCHER_SHELL, true },
		{ "x=\"$(dockerd --version)\"", LAUNCHER_SHELL, true }, /* fail closed */
		{ "  # exec dockerd", LAUNCHER_SHELL, false },
		{ "docker image prune -f", LAUNCHER_SHELL, false },
		{ "docker run -d nginx", LAUNCHER_SHELL, false },
		{ "docker ps", LAUNCHER_SHELL, false },
		{ "/usr/local/bin/dockerd-cleanup.sh", LAUNCHER_SHELL, false },
		{ "mydockerd", LAUNCHER_SHELL, false },
		{ "dockerd_exporter", LAUNCHER_SHELL, false },
		{ "dockerd.conf", LAUNCHER_SHELL, false },
		{ "", LAUNCHER_SHELL, false },
		{ "command=/usr/bin/dockerd -H tcp://0.0.0.0:2375", LAUNCHER_INI, true },
		{ "command : dockerd", LAUNCHER_INI, true },
		{ "[program:dockerd]", LAUNCHER_INI, false },
		{ "; command=dockerd", LAUNCHER_INI, false },
		{ "stdout_logfile=/var/log/dockerd.log", LAUNCHER_INI, false },
		{ "ExecStart=/usr/bin/dockerd -H fd://", LAUNCHER_UNIT, true },
		{ "ExecStartPre=-/usr/bin/dockerd --validate", LAUNCHER_UNIT, true },
		{ "Description=dockerd on TCP", LAUNCHER_UNIT, false },
		{ "Exec=dockerd", LAUNCHER_UNIT, false },
		{ ";ExecStart=dockerd", LAUNCHER_UNIT, false },
	};
	for (size_t i = 0; i < N_ELEMENTS(cases); i++)
		if (launcher_line_starts_dockerd(cases[i].line, strlen(cases[i].line), cases[i].syn) !=
		    cases[i].starts)
			fail_msg("case %zu \"%s\": expected %d", i, cases[i].line, cases[i].starts);
	/* A NUL byte inside a line is a byte like any other. */
	assert_true(launcher_line_starts_dockerd("a\0 dockerd", 10, LAUNCHER_SHELL));
}

static bool has(const struct dl_evidence_list *l, const char *path, unsigned line)
{
	for (size_t i = 0; i < l->count; i++)
		if (!strcmp(l->items[i].path, path) && l->items[i].line == line)
			return true;
	return false;
}

static void test_scan(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	fixture_write(root, "/etc/sv/docker/run", "#!/bin/sh\nexec dockerd -H tcp://:2375\n");
	fixture_write(root, "/etc/s6-rc/source/dockerd/up", "dockerd -H tcp://:2375\n");
	fixture_write(root, "/etc/init.d/docker", "#!/bin/sh\nstart-stop-daemon --start --exec /usr/bin/dockerd\n");
	fixture_write(root, "/etc/init.d/other", "#!/bin/sh\n/usr/bin/dockerd &\n");
	fixture_write(root, "/etc/init/docker.conf", "exec /usr/bin/dockerd\n");
	fixture_write(root, "/etc/systemd/system/x.service",
		      "[Service]\nExecStart=/bin/env \\\n  \\\n  dockerd -H tcp://:1\nExecStop=/bin/true \\\ndockerd\n");
	fixture_write(root, "/etc/systemd/system/docker.service", "[Service]\nExecStart=dockerd\n");
	fixture_symlink(root, "/etc/systemd/system/masked.service", "/dev/null");
	fixture_write(root, "/etc/supervisord.conf",
		      "[program:d]\ncommand=/bin/env\n  dockerd -H tcp://:2\nuser=root\n  dockerd\n");
	struct rootfs r;
	assert_int_equal(rootfs_open(&r, root), 0);
	struct dl_evidence_list found = { 0 };
	struct dl_problem_list problems = { 0 };
	launchers_scan(&found, &r, "/etc/init.d/docker", false, NULL, &problems);
	assert_true(has(&found, "/etc/sv/docker/run", 2));
	assert_true(has(&found, "/etc/s6-rc/source/dockerd/up", 1));
	assert_true(has(&found, "/etc/init.d/other", 2));
	assert_false(has(&found, "/etc/init.d/docker", 2)); /* the modelled script */
	assert_true(has(&found, "/etc/systemd/system/x.service", 4));
	assert_true(has(&found, "/etc/systemd/system/x.service", 6));
	assert_true(has(&found, "/etc/supervisord.conf", 3));
	assert_false(has(&found, "/etc/supervisord.conf", 5)); /* user=, not command= */
	assert_true(has(&found, "/etc/init/docker.conf", 1)); /* not the modelled one */
	assert_int_equal(found.count, 7);
	assert_int_equal(problem_list_errors(&problems), 7);
	for (size_t i = 0; i < problems.count; i++)
		assert_non_null(strstr(problems.items[i].message, "which this tool does not read"));
	evidence_list_clear(&found);
	problem_list_clear(&problems);

	/* On a systemd root with docker.service, /etc/init.d/docker and the
	 * Upstart job are not what starts dockerd. */
	launchers_scan(&found, &r, NULL, true, NULL, &problems);
	assert_false(has(&found, "/etc/init.d/docker", 2));
	assert_false(has(&found, "/etc/init/docker.conf", 1));
	evidence_list_clear(&found);
	problem_list_clear(&problems);
	launchers_scan(&found, &r, NULL, false, NULL, &problems);
	assert_true(has(&found, "/etc/init.d/docker", 2));
	assert_true(has(&found, "/etc/init/docker.conf", 1));
	evidence_list_clear(&found);
	problem_list_clear(&problems);
	rootfs_close(&r);
	fixture_rmroot(root);
}

/* The report says when nothing unmodelled starts dockerd, and names the
 * line when something does (text and JSON). */
static void render(const char *root, bool json, char **buf)
{
	struct dl_scan_result *res = NULL;
	char err[256];
	size_t len;
	assert_int_equal(dl_scan_config(&res, root, err, sizeof(err)), 0);
	FILE *f = open_memstream(buf, &len);
	assert_non_null(f);
	assert_int_equal(json ? dl_render_json(f, res) : dl_render_text(f, res), 0);
	fclose(f);
	dl_scan_result_free(res);
}

/* Length of launch.other_launchers in the JSON text. */
static size_t json_launchers(const char *text)
{
	json_object *top = json_tokener_parse(text), *launch, *ol;
	assert_non_null(top);
	assert_true(json_object_object_get_ex(top, "launch", &launch));
	assert_true(json_object_object_get_ex(launch, "other_launchers", &ol));
	size_t n = json_object_array_length(ol);
	json_object_put(top);
	return n;
}

static void test_report(void **state)
{
	(void)state;
	char *root = fixture_mkroot(), *out = NULL;
	fixture_write(root, "/usr/bin/dockerd", "");
	fixture_write(root, "/etc/rc.local", "#!/bin/sh\n# not dockerd here\nexit 0\n");
	render(root, false, &out);
	assert_non_null(strstr(out, "other launchers: none start dockerd"));
	free(out);
	render(root, true, &out);
	assert_int_equal(json_launchers(out), 0);
	free(out);
	fixture_write(root, "/etc/rc.local", "#!/bin/sh\ndockerd -H tcp://0.0.0.0:2375 &\n");
	render(root, false, &out);
	assert_non_null(strstr(out, "other launcher (not read): /etc/rc.local:2: dockerd -H"));
	assert_null(strstr(out, "none start dockerd"));
	free(out);
	render(root, true, &out);
	assert_int_equal(json_launchers(out), 1);
	assert_non_null(strstr(out, "\"source\": \"launcher\""));
	free(out);
	fixture_rmroot(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_scan),
		cmocka_unit_test(test_report),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
