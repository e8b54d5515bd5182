/* The facts stage's statuses (read/facts.h): for each reader, what it says
 * about a source that is absent, read, unreadable (a directory or FIFO
 * where a file is expected, a file over the size bound, a symlink loop, a
 * symlink that points out of the root) or refused (content the consuming
 * program rejects). Each row builds a fixture root and reads it with the
 * real reader. A status other than read or absent must come with an error
 * problem, except two quiet facts: the dockerd version (an unknown version
 * is handled by the version rules) and the TLS files, which matter only
 * when the merge finds TLS on and then reports them (test-merge.c). */
#include "config.h"

#include <sys/types.h>

#include "testutil.h"

#include "read/cluster.h"
#include "read/daemon_json.h"
#include "read/dockerd_version.h"
#include "read/facts.h"
#include "read/init_env.h"
#include "read/launch.h"
#include "read/launchers.h"
#include "read/socket_unit.h"
#include "read/systemd_unit.h"
#include "merge/effective.h" /* launch_clear() */
#include "dockerd-scap/listeners.h"

enum op_kind { OP_END, OP_FILE, OP_EXEC, OP_FIFO, OP_DIR, OP_BIG, OP_LINK };

struct op {
	enum op_kind kind;
	const char *path;
	const char *text; /* OP_FILE/OP_EXEC: content; OP_LINK: target */
};

enum reader {
	R_DAEMON_JSON,
	R_UNIT,
	R_DROPIN,
	R_ENV_FILE,
	R_SOCKETS,
	R_INIT,
	R_VERSION,
	R_DATA_ROOT,
	R_SWARM,
	R_UCP,
	R_LAUNCHERS,
	R_LAUNCH,
	R_LAUNCH_ENV,
	R_TLS_CERT,
};

struct facts_case {
	const char *name;
	enum reader reader;
	struct op ops[6];
	enum read_status want;
	/* For unreadable and refused rows, the whole scan's rules that depend
	 * on the source are errors; with weak, only "not pass" is required
	 * (nothing installed is not applicable; a certain fail wins; swarm
	 * state alone does not decide UCP membership). */
	bool weak;
};

#define DJ "/etc/docker/daemon.json"
#define UNIT "/etc/systemd/system/docker.service"
#define DROPIN "/etc/systemd/system/docker.service.d/x.conf"
#define ENVF "/etc/default/docker"
#define SOCK "/etc/systemd/system/docker.socket"
#define DR "/var/lib/docker"
#define STATE DR "/swarm/docker-state.json"
#define CRT DR "/swarm/certificates/swarm-node.crt"
#define UNIT_TEXT "[Service]\nExecStart=/usr/bin/dockerd -H fd://\n"
#define UNIT_ENV "[Service]\nEnvironmentFile=" ENVF "\nExecStart=/usr/bin/dockerd $OPTS\n"
#define UNIT_TLS "[Service]\nExecStart=/usr/bin/dockerd --tlsverify --tlscert=/c/cert.pem " \
		 "--tlskey=/c/key.pem --tlscacert=/c/ca.pem -H tcp://0.0.0.0:2376\n"
#define DOCKERD { OP_EXEC, "/usr/bin/dockerd", "#!/bin/sh\n" }
#define DEBIAN_SCRIPT                                                                         \
	"#!/bin/sh\nDOCKERD=/usr/bin/dockerd\nDOCKER_OPTS=\n. /etc/default/docker\n"         \
	"start-stop-daemon --start --background --exec \"$DOCKERD\" -- $DOCKER_OPTS\n"
#define DPKG_STATUS "Package: docker.io\nStatus: install ok installed\nVersion: 20.10.24+dfsg1-1\n"

static const struct facts_case cases[] = {
	/* daemon.json */
	{ "daemon.json absent", R_DAEMON_JSON, { { OP_END, NULL, NULL } }, READ_ABSENT, false },
	{ "daemon.json read", R_DAEMON_JSON, { { OP_FILE, DJ, "{\"hosts\": []}" } },
	  READ_OK, false },
	{ "daemon.json a directory", R_DAEMON_JSON, { { OP_DIR, DJ, NULL } },
	  READ_UNREADABLE, false },
	{ "daemon.json a FIFO", R_DAEMON_JSON, { { OP_FIFO, DJ, NULL } }, READ_UNREADABLE, false },
	{ "daemon.json over the bound", R_DAEMON_JSON, { { OP_BIG, DJ, NULL } },
	  READ_UNREADABLE, false },
	{ "daemon.json a symlink loop", R_DAEMON_JSON, { { OP_LINK, DJ, "daemon.json" } },
	  READ_UNREADABLE, true },
	/* rootfs resolves an absolute link inside the root: what it names
	 * outside is never opened, and inside there is nothing. */
	{ "daemon.json a symlink out of the root", R_DAEMON_JSON,
	  { { OP_LINK, DJ, "/../../../../etc/passwd-not-in-root" } }, READ_ABSENT, false },
	{ "daemon.json malformed", R_DAEMON_JSON, { { OP_FILE, DJ, "{\"hosts\": [" } },
	  READ_REFUSED, false },
	{ "daemon.json unknown key", R_DAEMON_JSON, { { OP_FILE, DJ, "{\"no-such-key\": 1}" } },
	  READ_REFUSED, false },
	/* docker.service */
	{ "unit absent", R_UNIT, { { OP_END, NULL, NULL } }, READ_ABSENT, false },
	{ "unit read", R_UNIT, { { OP_FILE, UNIT, UNIT_TEXT } }, READ_OK, false },
	{ "unit masked is read", R_UNIT, { { OP_LINK, UNIT, "/dev/null" } }, READ_OK, false },
	{ "unit a FIFO", R_UNIT, { { OP_FIFO, UNIT, NULL } }, READ_UNREADABLE, false },
	{ "unit a directory", R_UNIT, { { OP_DIR, UNIT, NULL } }, READ_UNREADABLE, false },
	{ "unit over the bound", R_UNIT, { { OP_BIG, UNIT, NULL } }, READ_UNREADABLE, false },
	{ "unit a symlink loop", R_UNIT, { { OP_LINK, UNIT, "docker.service" } },
	  READ_UNREADABLE, false },
	{ "unreadable unit file over a readable lower copy", R_UNIT,
	  { { OP_FIFO, UNIT, NULL }, { OP_FILE, "/lib/systemd/system/docker.service", UNIT_TEXT } },
	  READ_UNREADABLE, false },
	{ "unit with a fatal line is refused", R_UNIT,
	  { { OP_FILE, UNIT, "[Service]\nWorkingDirectory=rel\nExecStart=/usr/bin/dockerd\n" } },
	  READ_REFUSED, false },
	/* drop-ins: per file */
	{ "drop-in read", R_DROPIN,
	  { { OP_FILE, UNIT, UNIT_TEXT }, { OP_FILE, DROPIN, "[Service]\n" } },
	  READ_OK, false },
	{ "drop-in a FIFO", R_DROPIN, { { OP_FILE, UNIT, UNIT_TEXT }, { OP_FIFO, DROPIN, NULL } },
	  READ_UNREADABLE, false },
	{ "drop-in over the bound", R_DROPIN,
	  { { OP_FILE, UNIT, UNIT_TEXT }, { OP_BIG, DROPIN, NULL } },
	  READ_UNREADABLE, false },
	/* environment files: per file */
	{ "environment file absent", R_ENV_FILE, { { OP_FILE, UNIT, UNIT_ENV } },
	  READ_ABSENT, false },
	{ "environment file read", R_ENV_FILE,
	  { { OP_FILE, UNIT, UNIT_ENV }, { OP_FILE, ENVF, "OPTS=-H fd://\n" } }, READ_OK, false },
	{ "environment file a FIFO", R_ENV_FILE,
	  { { OP_FILE, UNIT, UNIT_ENV }, { OP_FIFO, ENVF, NULL } },
	  READ_UNREADABLE, false },
	{ "environment file a directory", R_ENV_FILE,
	  { { OP_FILE, UNIT, UNIT_ENV }, { OP_DIR, ENVF, NULL } }, READ_UNREADABLE, false },
	{ "environment file over the bound", R_ENV_FILE,
	  { { OP_FILE, UNIT, UNIT_ENV }, { OP_BIG, ENVF, NULL } }, READ_UNREADABLE, false },
	{ "environment file with invalid UTF-8 is refused", R_ENV_FILE,
	  { { OP_FILE, UNIT, UNIT_ENV }, { OP_FILE, ENVF, "OPTS=\xff\xfe\n" } },
	  READ_REFUSED, false },
	/* socket units */
	{ "no socket unit", R_SOCKETS, { { OP_FILE, UNIT, UNIT_TEXT } }, READ_ABSENT, false },
	{ "socket unit read", R_SOCKETS,
	  { { OP_FILE, UNIT, UNIT_TEXT }, { OP_FILE, SOCK, "[Socket]\nListenStream=/run/d.sock\n" } },
	  READ_OK, false },
	{ "socket unit a FIFO", R_SOCKETS,
	  { { OP_FILE, UNIT, UNIT_TEXT }, { OP_FIFO, SOCK, NULL } },
	  READ_UNREADABLE, false },
	{ "socket unit over the bound", R_SOCKETS,
	  { { OP_FILE, UNIT, UNIT_TEXT }, { OP_BIG, SOCK, NULL } },
	  READ_UNREADABLE, false },
	/* init script */
	{ "init script absent", R_INIT, { { OP_END, NULL, NULL } }, READ_ABSENT, false },
	{ "init script read", R_INIT, { { OP_FILE, "/etc/init.d/docker", DEBIAN_SCRIPT } },
	  READ_OK, false },
	{ "init script a directory", R_INIT, { { OP_DIR, "/etc/init.d/docker", NULL } },
	  READ_UNREADABLE, false },
	{ "init script a FIFO", R_INIT, { { OP_FIFO, "/etc/init.d/docker", NULL } },
	  READ_UNREADABLE, false },
	{ "init script not understood", R_INIT,
	  { { OP_FILE, "/etc/init.d/docker", "#!/bin/sh\n/opt/dockerd &\n" } },
	  READ_UNREADABLE, false },
	/* dockerd version */
	{ "no dockerd version anywhere", R_VERSION, { { OP_END, NULL, NULL } },
	  READ_ABSENT, false },
	{ "dockerd version from dpkg", R_VERSION,
	  { { OP_FILE, "/var/lib/dpkg/status", DPKG_STATUS } }, READ_OK, false },
	{ "dpkg status a directory", R_VERSION, { { OP_DIR, "/var/lib/dpkg/status", NULL } },
	  READ_UNREADABLE, false },
	/* cluster */
	{ "data root absent", R_DATA_ROOT, { { OP_END, NULL, NULL } }, READ_ABSENT, false },
	{ "data root read", R_DATA_ROOT, { { OP_DIR, DR, NULL } }, READ_OK, false },
	{ "data root a file", R_DATA_ROOT,
	  { { OP_FILE, DR, "x" }, { OP_FILE, UNIT, UNIT_TEXT }, DOCKERD }, READ_UNREADABLE, false },
	{ "data root a symlink loop", R_DATA_ROOT,
	  { { OP_LINK, DR, "docker" }, { OP_FILE, UNIT, UNIT_TEXT }, DOCKERD },
	  READ_UNREADABLE, false },
	{ "no swarm state", R_SWARM, { { OP_DIR, DR, NULL } }, READ_ABSENT, false },
	{ "swarm state read", R_SWARM,
	  { { OP_FILE, STATE, "{\"ListenAddr\":\"0.0.0.0:2377\",\"AdvertiseAddr\":\"10.0.0.1:2377\"}" },
	    { OP_FILE, CRT, "not a certificate" } },
	  READ_OK, false },
	{ "swarm state a FIFO", R_SWARM, { { OP_FIFO, STATE, NULL }, { OP_FILE, CRT, "x" } },
	  READ_UNREADABLE, true },
	{ "swarm state malformed: dockerd refuses it", R_SWARM,
	  { { OP_FILE, STATE, "{\"ListenAddr\": " }, { OP_FILE, CRT, "x" } }, READ_REFUSED, true },
	{ "no container records", R_UCP, { { OP_DIR, DR, NULL } }, READ_ABSENT, false },
	{ "container records read", R_UCP, { { OP_DIR, DR "/containers", NULL } }, READ_OK, false },
	{ "container records a file", R_UCP,
	  { { OP_FILE, DR "/containers", "x" }, { OP_FILE, UNIT, UNIT_TEXT }, DOCKERD },
	  READ_UNREADABLE, false },
	{ "a container record a FIFO", R_UCP,
	  { { OP_FIFO, DR "/containers/0123456789abcdef/config.v2.json", NULL },
	    { OP_FILE, UNIT, UNIT_TEXT }, DOCKERD },
	  READ_UNREADABLE, false },
	/* other launchers */
	{ "no other launcher", R_LAUNCHERS, { { OP_END, NULL, NULL } }, READ_ABSENT, false },
	{ "rc.local starts dockerd", R_LAUNCHERS,
	  { { OP_FILE, "/etc/rc.local", "#!/bin/sh\ndockerd -H tcp://0.0.0.0:2375 &\n" } },
	  READ_OK, false },
	{ "rc.local over the bound", R_LAUNCHERS, { { OP_BIG, "/etc/rc.local", NULL } },
	  READ_UNREADABLE, true },
	/* the launch as a whole */
	{ "nothing launches dockerd", R_LAUNCH, { { OP_END, NULL, NULL } }, READ_ABSENT, false },
	{ "docker.service launches dockerd", R_LAUNCH, { { OP_FILE, UNIT, UNIT_TEXT }, DOCKERD },
	  READ_OK, false },
	{ "docker.service a FIFO", R_LAUNCH, { { OP_FIFO, UNIT, NULL } }, READ_UNREADABLE, false },
	{ "docker.service without ExecStart=", R_LAUNCH, { { OP_FILE, UNIT, "[Service]\n" } },
	  READ_REFUSED, false },
	{ "ExecStart= program missing: 203/EXEC", R_LAUNCH, { { OP_FILE, UNIT, UNIT_TEXT } },
	  READ_REFUSED, false },
	{ "required environment file missing", R_LAUNCH, { { OP_FILE, UNIT, UNIT_ENV }, DOCKERD },
	  READ_REFUSED, false },
	{ "init script launches dockerd", R_LAUNCH,
	  { { OP_FILE, "/etc/init.d/docker", DEBIAN_SCRIPT } }, READ_OK, false },
	/* the file an init script sources, in the launch's files */
	{ "sourced file absent", R_LAUNCH_ENV,
	  { { OP_FILE, "/etc/init.d/docker", DEBIAN_SCRIPT } }, READ_ABSENT, false },
	{ "sourced file read", R_LAUNCH_ENV,
	  { { OP_FILE, "/etc/init.d/docker", DEBIAN_SCRIPT }, { OP_FILE, ENVF, "DOCKER_OPTS=\n" } },
	  READ_OK, false },
	{ "sourced file a FIFO", R_LAUNCH_ENV,
	  { { OP_FILE, "/etc/init.d/docker", DEBIAN_SCRIPT }, { OP_FIFO, ENVF, NULL } },
	  READ_UNREADABLE, false },
	{ "sourced file over the bound", R_LAUNCH_ENV,
	  { { OP_FILE, "/etc/init.d/docker", DEBIAN_SCRIPT }, { OP_BIG, ENVF, NULL } },
	  READ_UNREADABLE, false },
	/* TLS files the merge checks */
	{ "TLS certificate read", R_TLS_CERT,
	  { { OP_FILE, UNIT, UNIT_TLS }, DOCKERD, { OP_FILE, "/c/cert.pem", "x" } },
	  READ_OK, false },
	{ "TLS certificate absent", R_TLS_CERT, { { OP_FILE, UNIT, UNIT_TLS }, DOCKERD },
	  READ_ABSENT, false },
	{ "TLS certificate a directory", R_TLS_CERT,
	  { { OP_FILE, UNIT, UNIT_TLS }, DOCKERD, { OP_DIR, "/c/cert.pem", NULL } },
	  READ_UNREADABLE, true },
};

static void mkparents(const char *root, const char *path, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s", root, path[0] == '/' ? path + 1 : path);
	for (char *p = buf + strlen(root) + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(buf, 0755);
			*p = '/';
		}
	}
}

static void apply(const char *root, const struct op *op)
{
	char buf[4096];
	switch (op->kind) {
	case OP_END:
		return;
	case OP_FILE:
		fixture_write(root, op->path, op->text);
		return;
	case OP_EXEC:
		fixture_write(root, op->path, op->text);
		mkparents(root, op->path, buf, sizeof(buf));
		assert_int_equal(chmod(buf, 0755), 0);
		return;
	case OP_FIFO:
		mkparents(root, op->path, buf, sizeof(buf));
		assert_int_equal(mkfifo(buf, 0644), 0);
		return;
	case OP_DIR:
		mkparents(root, op->path, buf, sizeof(buf));
		assert_int_equal(mkdir(buf, 0755), 0);
		return;
	case OP_BIG: {
		/* A sparse file one byte over the bound of every reader. */
		fixture_write(root, op->path, "");
		mkparents(root, op->path, buf, sizeof(buf));
		assert_int_equal(truncate(buf, (off_t)ROOTFS_MAX_FILE + 1), 0);
		return;
	}
	case OP_LINK:
		fixture_symlink(root, op->path, op->text);
		return;
	}
}

/* Read the fixture with the case's reader; returns the status it gives. */
static enum read_status read_status_of(const struct facts_case *tc, const struct rootfs *r,
				       struct dl_problem_list *problems)
{
	enum read_status st = READ_ABSENT;
	switch (tc->reader) {
	case R_DAEMON_JSON: {
		struct daemon_json d;
		daemon_json_load(&d, r, DJ, false, problems);
		st = d.status;
		daemon_json_clear(&d);
		break;
	}
	case R_UNIT:
	case R_DROPIN:
	case R_ENV_FILE: {
		struct systemd_service s;
		assert_int_equal(systemd_service_load(&s, r, "docker.service", problems), 0);
		if (tc->reader == R_UNIT) {
			st = s.status;
		} else if (tc->reader == R_DROPIN) {
			st = read_fact_status(&s.files, DROPIN);
		} else {
			struct env env = { 0 };
			struct read_fact_list files = { 0 };
			(void)systemd_service_environment(&env, r, &s, &files, problems);
			st = read_fact_status(&files, ENVF);
			read_fact_list_clear(&files);
			env_clear(&env);
		}
		systemd_service_clear(&s);
		break;
	}
	case R_SOCKETS: {
		struct socket_set ss;
		assert_int_equal(systemd_sockets_load(&ss, r, "docker.service", problems), 0);
		st = ss.status;
		socket_set_clear(&ss);
		break;
	}
	case R_INIT: {
		struct init_launch il;
		init_launch_detect(&il, r, problems);
		st = il.status;
		init_launch_clear(&il);
		break;
	}
	case R_VERSION: {
		struct dockerd_version v;
		dockerd_version_detect(&v, r, NULL, NULL);
		st = v.status;
		dockerd_version_clear(&v);
		break;
	}
	case R_DATA_ROOT:
	case R_SWARM:
	case R_UCP: {
		struct cluster_info ci;
		assert_int_equal(cluster_scan(&ci, r, NULL, 0, problems), 0);
		st = tc->reader == R_DATA_ROOT ? ci.data_root_status
		     : tc->reader == R_SWARM   ? ci.swarm_status
					       : ci.ucp_status;
		cluster_info_clear(&ci);
		break;
	}
	case R_LAUNCHERS: {
		struct dl_evidence_list found = { 0 };
		struct read_fact_list files = { 0 };
		launchers_scan(&found, r, NULL, false, &files, problems);
		st = read_fact_worst(&files);
		read_fact_list_clear(&files);
		evidence_list_clear(&found);
		break;
	}
	case R_LAUNCH:
	case R_LAUNCH_ENV:
	case R_TLS_CERT: {
		struct merge_facts mf;
		struct dl_launch launch = { 0 };
		(void)merge_facts_read_root(&mf, &launch, r, problems);
		st = tc->reader == R_LAUNCH	? mf.launcher
		     : tc->reader == R_LAUNCH_ENV ? read_fact_status(&mf.files, ENVF)
						  : mf.tls[TLS_FILE_CERT].status;
		if (tc->reader == R_TLS_CERT)
			assert_true(mf.tls_files_known);
		merge_facts_clear(&mf);
		launch_clear(&launch);
		break;
	}
	}
	return st;
}

/* The whole scan of the same root: a source that could not be read, or
 * that its program refuses, makes the rules that depend on it errors, and
 * never lets one pass. Cluster sources decide membership only (the UCP
 * rule); the others the listener set (every rule). */
static void check_scan_not_pass(const struct facts_case *tc, const char *root)
{
	struct dl_scan_result *res = NULL;
	char err[256];
	assert_int_equal(dl_scan(&res, root, err, sizeof(err)), 0);
	bool membership = tc->reader == R_DATA_ROOT || tc->reader == R_SWARM || tc->reader == R_UCP;
	for (int rule = 0; rule < DL_NRULES; rule++) {
		if (membership && rule != DL_RULE_ID_DISA)
			continue;
		/* The DISA rule applies to UCP members only: for a listener
		 * source it may be not applicable, never pass. */
		bool strict = !tc->weak && (membership || rule != DL_RULE_ID_DISA);
		enum dl_result v = dl_scan_rule_result(res, (enum dl_rule_id)rule);
		print_message("  scan: %s %s\n", dl_rule_id_name((enum dl_rule_id)rule),
			      dl_result_name(v));
		if (v == DL_RESULT_PASS || (strict && v != DL_RESULT_ERROR))
			fail_msg("%s: rule %s is %s", tc->name, dl_rule_id_name((enum dl_rule_id)rule),
				 dl_result_name(v));
	}
	dl_scan_result_free(res);
}

static void test_statuses(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const struct facts_case *tc = &cases[i];
		char *root = fixture_mkroot();
		for (size_t k = 0; k < 6 && tc->ops[k].kind != OP_END; k++)
			apply(root, &tc->ops[k]);
		struct rootfs r;
		struct dl_problem_list problems = { 0 };
		assert_int_equal(rootfs_open(&r, root), 0);
		enum read_status got = read_status_of(tc, &r, &problems);
		print_message("case: %s: %s (%zu problems)\n", tc->name, read_status_name(got),
			      problems.count);
		if (got != tc->want) {
			for (size_t k = 0; k < problems.count; k++)
				print_message("  problem: %s: %s\n", problems.items[k].path,
					      problems.items[k].message);
			fail_msg("%s: status %s, want %s", tc->name, read_status_name(got),
				 read_status_name(tc->want));
		}
		/* A source that could not be read, or that its program refuses,
		 * always leaves an error problem. */
		if ((got == READ_UNREADABLE || got == READ_REFUSED) && tc->reader != R_VERSION &&
		    tc->reader != R_TLS_CERT && problem_list_errors(&problems) == 0)
			fail_msg("%s: status %s without an error problem", tc->name,
				 read_status_name(got));
		problem_list_clear(&problems);
		rootfs_close(&r);
		if ((got == READ_UNREADABLE || got == READ_REFUSED) && tc->reader != R_VERSION)
			check_scan_not_pass(tc, root);
		fixture_rmroot(root);
	}
}

static void test_status_helpers(void **state)
{
	(void)state;
	assert_string_equal(read_status_name(READ_ABSENT), "absent");
	assert_string_equal(read_status_name(READ_OK), "read");
	assert_string_equal(read_status_name(READ_UNREADABLE), "unreadable");
	assert_string_equal(read_status_name(READ_REFUSED), "refused");
	assert_int_equal(read_status_from_errno(0), READ_OK);
	assert_int_equal(read_status_from_errno(-ENOENT), READ_ABSENT);
	assert_int_equal(read_status_from_errno(-EISDIR), READ_UNREADABLE);
	assert_int_equal(read_status_from_errno(-EFBIG), READ_UNREADABLE);
	const enum read_status order[] = { READ_ABSENT, READ_OK, READ_REFUSED, READ_UNREADABLE };
	for (size_t a = 0; a < 4; a++)
		for (size_t b = 0; b < 4; b++)
			assert_int_equal(read_status_worst(order[a], order[b]), order[a > b ? a : b]);
	struct read_fact_list l = { 0 };
	assert_int_equal(read_fact_worst(&l), READ_ABSENT);
	read_fact_add(&l, "/a", READ_OK);
	read_fact_add(&l, "/b", READ_REFUSED);
	assert_int_equal(read_fact_worst(&l), READ_REFUSED);
	assert_int_equal(read_fact_status(&l, "/b"), READ_REFUSED);
	assert_int_equal(read_fact_status(&l, "/c"), READ_ABSENT);
	read_fact_list_clear(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_helpers),
		cmocka_unit_test(test_statuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
