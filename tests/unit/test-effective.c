/* The merge: listener set operations and dl_scan_config over small fixture
 * roots, checking the details the scenario files do not (evidence, notes,
 * argv, TLS evidence). */
#include "config.h"

#include "testutil.h"

#include "config_scan.h"
#include "merge/effective.h"
#include "read/launch.h"
#include <stdio.h>
#include <sys/stat.h>

static void test_listener_set_merges_and_sorts(void **state)
{
	(void)state;
	struct dl_listener_list set = { 0 };
	struct dl_listener *a = listener_set_add(&set, DL_PROTO_UNIX, NULL, 0, "/run/docker.sock", NULL);
	evidence_list_add(&a->evidence, SRC_DAEMON_JSON, "/etc/docker/daemon.json", 2, "x");
	listener_set_add(&set, DL_PROTO_TCP, "127.0.0.1", 2376, NULL, NULL);
	listener_set_add(&set, DL_PROTO_FD, NULL, 0, NULL, "fd://");
	struct dl_listener *b = listener_set_add(&set, DL_PROTO_TCP, "127.0.0.1", 2375, NULL, NULL);
	struct dl_listener *c = listener_set_add(&set, DL_PROTO_TCP, "127.0.0.1", 2375, NULL, NULL);
	assert_ptr_equal(b, c);
	struct dl_listener *d = listener_set_add(&set, DL_PROTO_UNIX, NULL, 0, "/run/docker.sock", NULL);
	assert_int_equal(d->evidence.count, 1);
	assert_int_equal(set.count, 4);
	listener_set_sort(&set);
	assert_int_equal(set.items[0].proto, DL_PROTO_TCP);
	assert_int_equal(set.items[0].port, 2375);
	assert_int_equal(set.items[1].port, 2376);
	assert_int_equal(set.items[2].proto, DL_PROTO_UNIX);
	assert_int_equal(set.items[3].proto, DL_PROTO_FD);
	listener_list_clear(&set);
}

static void test_shell_split_words(void **state)
{
	(void)state;
	static const struct {
		const char *value;
		const char *joined; /* words joined with '|' */
	} rows[] = {
		{ "", "" },
		{ "   ", "" },
		{ "-H tcp://0.0.0.0:2375", "-H|tcp://0.0.0.0:2375" },
		{ "  -H\ttcp://x  --tls\n-D ", "-H|tcp://x|--tls|-D" },
		/* sh does no quote removal on an expanded unquoted variable */
		{ "-H \"tcp://a b\"", "-H|\"tcp://a|b\"" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
		struct word_list w = { 0 };
		struct dl_evidence via = { 0 };
		evidence_set(&via, SRC_INIT_FILE, "/etc/default/docker", 3, "DOCKER_OPTS=...");
		shell_split_words(&w, rows[i].value, NULL, &via);
		char buf[256] = "";
		for (size_t j = 0; j < w.count; j++) {
			if (j)
				strcat(buf, "|");
			strcat(buf, w.items[j].text);
			assert_int_equal(w.items[j].via.line, 3);
		}
		assert_string_equal(buf, rows[i].joined);
		word_list_clear(&w);
		evidence_clear(&via);
	}
}

/* ------------------------------------------------------ whole-scan checks */

static struct dl_scan_result *scan(const char *root)
{
	struct dl_scan_result *r = NULL;
	char err[256];
	assert_int_equal(dl_scan_config(&r, root, err, sizeof(err)), 0);
	assert_non_null(r);
	return r;
}

static const struct dl_listener *find_tcp(const struct dl_scan_result *r, const char *addr,
					  unsigned port)
{
	for (size_t i = 0; i < r->listeners.count; i++) {
		const struct dl_listener *l = &r->listeners.items[i];
		if (l->proto == DL_PROTO_TCP && !strcmp(l->address, addr) && l->port == port)
			return l;
	}
	return NULL;
}

static bool has_evidence(const struct dl_listener *l, const char *source, const char *path,
			 unsigned line)
{
	for (size_t i = 0; i < l->evidence.count; i++) {
		const struct dl_evidence *e = &l->evidence.items[i];
		if (!strcmp(e->source, source) && e->path && !strcmp(e->path, path) && e->line == line)
			return true;
	}
	return false;
}

static bool has_problem(const struct dl_scan_result *r, const char *path, const char *needle)
{
	for (size_t i = 0; i < r->problems.count; i++) {
		const struct dl_problem *p = &r->problems.items[i];
		if ((!path || (p->path && !strcmp(p->path, path))) && strstr(p->message, needle))
			return true;
	}
	return false;
}

#define CE_UNIT "/lib/systemd/system/docker.service"
#define CE_UNIT_TEXT                                                                               \
	"[Unit]\nDescription=Docker Application Container Engine\n\n[Service]\nType=notify\n"     \
	"ExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock\n"

static void test_dropin_tcp_has_dropin_evidence(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	fixture_write(root, CE_UNIT, CE_UNIT_TEXT);
	fixture_write(root, "/lib/systemd/system/docker.socket",
		      "[Socket]\nListenStream=/run/docker.sock\n");
	fixture_write(root, "/etc/systemd/system/docker.service.d/tcp.conf",
		      "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd:// -H tcp://127.0.0.1:2376 "
		      "--tlsverify\n");
	/* The default certificate files dockerd loads (~/.docker of root). */
	fixture_write(root, "/root/.docker/ca.pem", "x\n");
	fixture_write(root, "/root/.docker/cert.pem", "x\n");
	fixture_write(root, "/root/.docker/key.pem", "x\n");
	/* systemd runs only an executable that exists (203/EXEC otherwise). */
	fixture_write(root, "/usr/bin/dockerd", "#!/bin/sh\n");
	char *bin = NULL;
	assert_true(asprintf(&bin, "%s/usr/bin/dockerd", root) > 0);
	assert_int_equal(chmod(bin, 0755), 0);
	free(bin);
	struct dl_scan_result *r = scan(root);
	const struct dl_listener *l = find_tcp(r, "127.0.0.1", 2376);
	assert_non_null(l);
	assert_int_equal(l->tls, DL_TLS_MUTUAL);
	assert_true(has_evidence(l, SRC_SYSTEMD_DROPIN, "/etc/systemd/system/docker.service.d/tcp.conf", 3));
	assert_int_equal(r->launch.method, DL_LAUNCH_SYSTEMD);
	assert_int_equal(r->launch.argc, 6);
	assert_string_equal(r->launch.argv[4], "tcp://127.0.0.1:2376");
	assert_false(r->launch.refuses_start);
	assert_int_equal(r->listeners.count, 2); /* + /run/docker.sock via fd:// */
	dl_scan_result_free(r);
	fixture_rmroot(root);
}

static void test_conflict_lists_both(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	fixture_write(root, CE_UNIT, CE_UNIT_TEXT);
	fixture_write(root, "/lib/systemd/system/docker.socket",
		      "[Socket]\nListenStream=/run/docker.sock\n");
	fixture_write(root, "/etc/docker/daemon.json",
		      "{\n  \"hosts\": [\n    \"tcp://0.0.0.0:2375\"\n  ]\n}\n");
	struct dl_scan_result *r = scan(root);
	assert_true(r->launch.refuses_start);
	assert_true(has_problem(r, "/etc/docker/daemon.json", "both as a flag and in the configuration file"));
	const struct dl_listener *l = find_tcp(r, "0.0.0.0", 2375);
	assert_non_null(l);
	assert_true(has_evidence(l, SRC_DAEMON_JSON, "/etc/docker/daemon.json", 3));
	dl_scan_result_free(r);
	fixture_rmroot(root);
}

static void test_default_tls_listener(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	fixture_write(root, "/usr/lib/systemd/system/docker.service",
		      "[Service]\nExecStart=/usr/bin/dockerd --tlsverify --tlscacert=/etc/docker/ca.pem\n");
	struct dl_scan_result *r = scan(root);
	const struct dl_listener *l = find_tcp(r, "localhost", 2376);
	assert_non_null(l);
	assert_int_equal(l->tls, DL_TLS_MUTUAL);
	assert_int_equal(r->listeners.count, 1);
	dl_scan_result_free(r);
	fixture_rmroot(root);
}

static void test_tlsverify_key_only_lists_both_versions(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	fixture_write(root, "/usr/lib/systemd/system/docker.service",
		      "[Service]\nExecStart=/usr/bin/dockerd\n");
	fixture_write(root, "/etc/docker/daemon.json", "{\"tlsverify\": true}\n");
	struct dl_scan_result *r = scan(root);
	const struct dl_listener *l = find_tcp(r, "localhost", 2376);
	assert_non_null(l);
	assert_non_null(l->note);
	assert_non_null(strstr(l->note, "20.10"));
	assert_int_equal(r->listeners.count, 2);
	dl_scan_result_free(r);
	fixture_rmroot(root);
}

static void test_server_tls(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	fixture_write(root, "/usr/lib/systemd/system/docker.service",
		      "[Service]\nExecStart=/usr/bin/dockerd -H 127.0.0.1:2376 --tls --tlsverify=false\n");
	struct dl_scan_result *r = scan(root);
	const struct dl_listener *l = find_tcp(r, "127.0.0.1", 2376);
	assert_non_null(l);
	assert_int_equal(l->tls, DL_TLS_SERVER);
	dl_scan_result_free(r);
	fixture_rmroot(root);
}

static void test_masked_unit(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	fixture_write(root, CE_UNIT, CE_UNIT_TEXT "ExecStart=\nExecStart=/usr/bin/dockerd -H :2375\n");
	fixture_symlink(root, "/etc/systemd/system/docker.service", "/dev/null");
	struct dl_scan_result *r = scan(root);
	assert_true(r->launch.masked);
	assert_int_equal(r->listeners.count, 0);
	dl_scan_result_free(r);
	fixture_rmroot(root);
}

static void test_nothing_installed(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	struct dl_scan_result *r = scan(root);
	assert_int_equal(r->launch.method, DL_LAUNCH_NONE);
	assert_int_equal(r->listeners.count, 0);
	assert_int_equal(r->problems.count, 0);
	dl_scan_result_free(r);
	fixture_rmroot(root);
}

/* Rootless dockerd reads ${XDG_CONFIG_HOME:-$HOME/.config}/docker/daemon.json
 * and defaults to $XDG_RUNTIME_DIR/docker.sock (docs/dockerd-listeners.md §2). */
static void test_rootless_defaults(void **state)
{
	(void)state;
	static const struct {
		const char *home_config; /* daemon.json text under $HOME/.config, or NULL */
		const char *want_unix;   /* expected unix listener, or NULL */
		const char *want_tcp;    /* expected "ADDR:PORT", or NULL */
	} rows[] = {
		{ NULL, "/run/user/1000/docker.sock", NULL },
		{ "{\"hosts\": [\"tcp://127.0.0.1:2376\"]}\n", NULL, "127.0.0.1:2376" },
		{ "{\"hosts\": [\"unix://\"]}\n", "/run/user/1000/docker.sock", NULL },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
		char *root = fixture_mkroot();
		/* The system file must not be read for a rootless daemon. */
		fixture_write(root, "/etc/docker/daemon.json", "{\"hosts\": [\"tcp://0.0.0.0:2375\"]}\n");
		if (rows[i].home_config)
			fixture_write(root, "/home/u/.config/docker/daemon.json", rows[i].home_config);
		struct rootfs r;
		assert_int_equal(rootfs_open(&r, root), 0);
		struct env penv = { 0 };
		env_set(&penv, "ROOTLESSKIT_STATE_DIR", "/run/user/1000/dockerd-rootless", NULL);
		env_set(&penv, "HOME", "/home/u", NULL);
		env_set(&penv, "XDG_RUNTIME_DIR", "/run/user/1000", NULL);
		struct word_list argv = { 0 };
		word_list_add(&argv, "dockerd", NULL, NULL);
		struct dl_listener_list ls = { 0 };
		struct dl_launch launch = { 0 };
		struct dl_problem_list problems = { 0 };
		enum dl_tls tls;
		char *metrics = NULL;
		unsigned diag = 0;
		effective_for_argv(&ls, &launch, &tls, &metrics, &diag, &r, &argv, &penv, "/", false, NULL,
				   &problems);
		assert_string_equal(launch.config_file, "/home/u/.config/docker/daemon.json");
		assert_int_equal(ls.count, 1);
		if (rows[i].want_unix) {
			assert_int_equal(ls.items[0].proto, DL_PROTO_UNIX);
			assert_string_equal(ls.items[0].path, rows[i].want_unix);
		} else {
			char buf[64];
			snprintf(buf, sizeof(buf), "%s:%u", ls.items[0].address, ls.items[0].port);
			assert_int_equal(ls.items[0].proto, DL_PROTO_TCP);
			assert_string_equal(buf, rows[i].want_tcp);
		}
		assert_int_equal(problem_list_errors(&problems), 0);
		free(metrics);
		listener_list_clear(&ls);
		launch_clear(&launch);
		problem_list_clear(&problems);
		word_list_clear(&argv);
		env_clear(&penv);
		rootfs_close(&r);
		fixture_rmroot(root);
	}
}

static void test_bad_root(void **state)
{
	(void)state;
	struct dl_scan_result *r = NULL;
	char err[256] = "";
	assert_int_equal(dl_scan_config(&r, "/nonexistent-dockerd-scap-root", err, sizeof(err)), -ENOENT);
	assert_null(r);
	assert_non_null(strstr(err, "/nonexistent-dockerd-scap-root"));
}

/* The enums of the public API and the names the JSON contract carries. */
static void test_enum_names(void **state)
{
	(void)state;
	static const struct {
		enum dl_launch_method m;
		const char *name;
	} launches[] = {
		{ DL_LAUNCH_NONE, "none" },         { DL_LAUNCH_SYSTEMD, "systemd" },
		{ DL_LAUNCH_SYSVINIT, "sysvinit" }, { DL_LAUNCH_OPENRC, "openrc" },
		{ DL_LAUNCH_MANUAL, "manual" },
	};
	for (size_t i = 0; i < sizeof(launches) / sizeof(*launches); i++)
		assert_string_equal(dl_launch_method_name(launches[i].m), launches[i].name);
	assert_string_equal(dl_swarm_role_name(DL_SWARM_UNKNOWN), "unknown");
	assert_string_equal(dl_swarm_role_name(DL_SWARM_INACTIVE), "inactive");
	assert_string_equal(dl_swarm_role_name(DL_SWARM_WORKER), "worker");
	assert_string_equal(dl_swarm_role_name(DL_SWARM_MANAGER), "manager");
	assert_string_equal(dl_swarm_method_name(DL_SWARM_BY_CERTIFICATE), "certificate");
	assert_string_equal(dl_swarm_method_name(DL_SWARM_BY_RAFT_HEURISTIC), "raft-heuristic");
	assert_string_equal(dl_ucp_state_name(DL_UCP_YES), "yes");
	assert_string_equal(dl_ucp_state_name(DL_UCP_NO), "no");
	assert_string_equal(dl_ucp_state_name(DL_UCP_UNKNOWN), "unknown");

	static const struct {
		const char *id;
		int ret;
		enum dl_rule_id rule;
	} rules[] = {
		{ "SV-235776r960759_rule", 0, DL_RULE_ID_DISA },
		{ "dockerd_scap_tcp_mutual_tls", 0, DL_RULE_ID_MUTUAL_TLS },
		{ "dockerd_scap_no_tcp_api", 0, DL_RULE_ID_NO_TCP },
		{ "xccdf_mil.disa.stig_rule_SV-235776r960759_rule", -ENOENT, 0 },
		{ "SV-235776r960759_rul", -ENOENT, 0 },
		{ "", -ENOENT, 0 },
		{ NULL, -EINVAL, 0 },
	};
	for (size_t i = 0; i < sizeof(rules) / sizeof(*rules); i++) {
		enum dl_rule_id got = DL_RULE_ID_NO_TCP;
		assert_int_equal(dl_rule_id_parse(&got, rules[i].id), rules[i].ret);
		if (rules[i].ret == 0) {
			assert_int_equal(got, rules[i].rule);
			assert_string_equal(dl_rule_id_name(got), rules[i].id);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_listener_set_merges_and_sorts),
		cmocka_unit_test(test_shell_split_words),
		cmocka_unit_test(test_dropin_tcp_has_dropin_evidence),
		cmocka_unit_test(test_conflict_lists_both),
		cmocka_unit_test(test_default_tls_listener),
		cmocka_unit_test(test_tlsverify_key_only_lists_both_versions),
		cmocka_unit_test(test_server_tls),
		cmocka_unit_test(test_masked_unit),
		cmocka_unit_test(test_nothing_installed),
		cmocka_unit_test(test_rootless_defaults),
		cmocka_unit_test(test_bad_root),
		cmocka_unit_test(test_enum_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
