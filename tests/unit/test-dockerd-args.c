/* dockerd_args_parse: dockerd's argv read the way cobra/pflag read it.
 * Cases: every -H form, shorthand clusters and boolean forms (analogues of
 * spf13/pflag flag_test.go TestShorthand / testParseAll / TestChangedHelper),
 * behaviour checked against dockerd 20.10.24 ("-H --x" takes "--x",
 * "-H=" gives "=", "-D=" fails on '=', "-d" is unknown to dockerd), removed
 * flags, wrappers (env, docker daemon, docker -d, dockerd-rootless.sh). */
#include "config.h"
#include "testutil.h"

#include "read/dockerd_args.h"
#define UNIT "/lib/systemd/system/docker.service"
#define MAXW 14

enum tri { UNSET = 0, SET_FALSE, SET_TRUE };

struct args_case {
	const char *argv[MAXW]; /* NULL-terminated */
	bool is_dockerd;
	const char *hosts[6];   /* NULL-terminated */
	enum tri tls, tlsverify;
	const char *tlscacert, *tlscert, *tlskey;
	const char *config_file, *data_root, *metrics_addr, *exec_root, *pidfile;
	bool rootless, rootlesskit;
	const char *chdir;
	size_t nproblems;
	const char *problem; /* substring of one problem, or NULL */
};

static const struct args_case cases[] = {
	/* argv[0] */
	{ .argv = { "dockerd" }, .is_dockerd = true },
	{ .argv = { "/usr/bin/dockerd", "-H", "fd://", "--containerd=/run/containerd/containerd.sock" },
	  .is_dockerd = true, .hosts = { "fd://" } },
	{ .argv = { "/usr/bin/dockerd-current", "--add-runtime", "docker-runc=/usr/libexec/docker/docker-runc-current", "-H", "unix://" },
	  .is_dockerd = true, .hosts = { "unix://" } },
	{ .argv = { "/usr/bin/containerd" } },
	{ .argv = { "/bin/sh", "-c", "dockerd -H tcp://0.0.0.0:2375" } },
	{ .argv = { "/usr/local/bin/dockerd.sh", "-H", "tcp://x" } },
	{ .argv = { "" } },
	/* every -H form */
	{ .argv = { "dockerd", "-H", "tcp://0.0.0.0:2375" }, .is_dockerd = true, .hosts = { "tcp://0.0.0.0:2375" } },
	{ .argv = { "dockerd", "-Htcp://0.0.0.0:2375" }, .is_dockerd = true, .hosts = { "tcp://0.0.0.0:2375" } },
	{ .argv = { "dockerd", "-H=tcp://0.0.0.0:2375" }, .is_dockerd = true, .hosts = { "tcp://0.0.0.0:2375" } },
	{ .argv = { "dockerd", "--host", "tcp://0.0.0.0:2375" }, .is_dockerd = true, .hosts = { "tcp://0.0.0.0:2375" } },
	{ .argv = { "dockerd", "--host=tcp://0.0.0.0:2375" }, .is_dockerd = true, .hosts = { "tcp://0.0.0.0:2375" } },
	{ .argv = { "dockerd", "-DH", "tcp://a" }, .is_dockerd = true, .hosts = { "tcp://a" } },
	{ .argv = { "dockerd", "-DHtcp://a" }, .is_dockerd = true, .hosts = { "tcp://a" } },
	{ .argv = { "dockerd", "-DH=tcp://a" }, .is_dockerd = true, .hosts = { "tcp://a" } },
	{ .argv = { "dockerd", "-H", "fd://", "-H", "tcp://0.0.0.0:2375", "--host=unix:///x.sock", "-Hb" },
	  .is_dockerd = true, .hosts = { "fd://", "tcp://0.0.0.0:2375", "unix:///x.sock", "b" } },
	{ .argv = { "dockerd", "-H", "a,b" }, .is_dockerd = true, .hosts = { "a,b" } },
	/* empty values are recorded; "-H=" is the value "=" (pflag: -farg) */
	{ .argv = { "dockerd", "--host=" }, .is_dockerd = true, .hosts = { "" } },
	{ .argv = { "dockerd", "-H", "" }, .is_dockerd = true, .hosts = { "" } },
	{ .argv = { "dockerd", "-H=" }, .is_dockerd = true, .hosts = { "=" } },
	{ .argv = { "dockerd", "-H==x" }, .is_dockerd = true, .hosts = { "=x" } },
	/* a value flag takes the next word whatever it is */
	{ .argv = { "dockerd", "-H", "--tls" }, .is_dockerd = true, .hosts = { "--tls" },
	  .nproblems = 1, .problem = "takes \"--tls\" as its value" },
	{ .argv = { "dockerd", "--host", "-D" }, .is_dockerd = true, .hosts = { "-D" }, .nproblems = 1 },
	{ .argv = { "dockerd", "--oom-score-adjust", "-500", "-H", "x" }, .is_dockerd = true, .hosts = { "x" },
	  .nproblems = 1, .problem = "v25+ refuses" },
	/* missing value */
	{ .argv = { "dockerd", "-H" }, .is_dockerd = true, .nproblems = 1, .problem = "flag needs an argument: -H" },
	{ .argv = { "dockerd", "--host" }, .is_dockerd = true, .nproblems = 1, .problem = "flag needs an argument: --host" },
	{ .argv = { "dockerd", "-H", "x", "-DH" }, .is_dockerd = true, .hosts = { "x" }, .nproblems = 1 },
	{ .argv = { "dockerd", "--tlscacert" }, .is_dockerd = true, .nproblems = 1, .problem = "--tlscacert" },
	/* booleans: strconv.ParseBool, never the next word */
	{ .argv = { "dockerd", "--tls" }, .is_dockerd = true, .tls = SET_TRUE },
	{ .argv = { "dockerd", "--tls=true" }, .is_dockerd = true, .tls = SET_TRUE },
	{ .argv = { "dockerd", "--tls=false" }, .is_dockerd = true, .tls = SET_FALSE },
	{ .argv = { "dockerd", "--tls=1" }, .is_dockerd = true, .tls = SET_TRUE },
	{ .argv = { "dockerd", "--tls=0" }, .is_dockerd = true, .tls = SET_FALSE },
	{ .argv = { "dockerd", "--tls=t" }, .is_dockerd = true, .tls = SET_TRUE },
	{ .argv = { "dockerd", "--tls=T" }, .is_dockerd = true, .tls = SET_TRUE },
	{ .argv = { "dockerd", "--tls=f" }, .is_dockerd = true, .tls = SET_FALSE },
	{ .argv = { "dockerd", "--tls=F" }, .is_dockerd = true, .tls = SET_FALSE },
	{ .argv = { "dockerd", "--tls=TRUE" }, .is_dockerd = true, .tls = SET_TRUE },
	{ .argv = { "dockerd", "--tls=True" }, .is_dockerd = true, .tls = SET_TRUE },
	{ .argv = { "dockerd", "--tls=FALSE" }, .is_dockerd = true, .tls = SET_FALSE },
	{ .argv = { "dockerd", "--tls=False" }, .is_dockerd = true, .tls = SET_FALSE },
	{ .argv = { "dockerd", "--tls=yes" }, .is_dockerd = true, .nproblems = 1, .problem = "invalid argument \"yes\" for --tls" },
	{ .argv = { "dockerd", "--tls=tRUE" }, .is_dockerd = true, .nproblems = 1 },
	{ .argv = { "dockerd", "--tls=" }, .is_dockerd = true, .nproblems = 1, .problem = "invalid argument \"\"" },
	{ .argv = { "dockerd", "--tls", "--tls=false" }, .is_dockerd = true, .tls = SET_FALSE },
	{ .argv = { "dockerd", "--tlsverify=false", "--tls" }, .is_dockerd = true, .tls = SET_TRUE, .tlsverify = SET_FALSE },
	{ .argv = { "dockerd", "--tls", "tcp://x" }, .is_dockerd = true, .tls = SET_TRUE,
	  .nproblems = 1, .problem = "boolean flag --tls does not take the next word" },
	{ .argv = { "dockerd", "--tlsverify", "true", "-H", "tcp://0.0.0.0:2376" }, .is_dockerd = true,
	  .tlsverify = SET_TRUE, .hosts = { "tcp://0.0.0.0:2376" }, .nproblems = 1, .problem = "unexpected argument \"true\"" },
	{ .argv = { "dockerd", "--iptables", "-H", "x", "--iptables=false" }, .is_dockerd = true, .hosts = { "x" } },
	/* shorthand clusters (pflag TestShorthand / testParseAll analogues) */
	{ .argv = { "dockerd", "-Dr", "interspersed", "-Dl", "debug", "-H=something", "-D=true", "--", "--i-look-like-a-flag" },
	  .is_dockerd = true, .hosts = { "something" }, .nproblems = 2, .problem = "after \"--\"" },
	{ .argv = { "dockerd", "-Ds=vfs", "-H", "x" }, .is_dockerd = true, .hosts = { "x" } },
	{ .argv = { "dockerd", "-D=1", "-D=false", "-r=false" }, .is_dockerd = true },
	{ .argv = { "dockerd", "-D=" }, .is_dockerd = true, .nproblems = 1, .problem = "unknown shorthand flag: '=' in -D=" },
	{ .argv = { "dockerd", "-Dx" }, .is_dockerd = true, .nproblems = 1, .problem = "'x'" },
	{ .argv = { "dockerd", "-xH", "tcp://y" }, .is_dockerd = true, .hosts = { "tcp://y" }, .nproblems = 1 },
	{ .argv = { "dockerd", "-lD", "-H", "x" }, .is_dockerd = true, .hosts = { "x" } },
	{ .argv = { "dockerd", "-ldebug", "-Gdocker", "-b", "none", "-s", "overlay2", "-p", "/run/d.pid", "-H", "x" },
	  .is_dockerd = true, .hosts = { "x" }, .pidfile = "/run/d.pid" },
	/* -host: -h is help, 'o' unknown, -s takes "t", then "x" is positional */
	{ .argv = { "dockerd", "-host", "x" }, .is_dockerd = true, .nproblems = 3, .problem = "prints its help" },
	{ .argv = { "dockerd", "-d" }, .is_dockerd = true, .nproblems = 1, .problem = "unknown shorthand flag: 'd'" },
	{ .argv = { "dockerd", "-test.v", "-H", "x" }, .is_dockerd = true, .hosts = { "x" } },
	{ .argv = { "dockerd", "-\x01H", "x" }, .is_dockerd = true, .hosts = { "x" }, .nproblems = 1, .problem = "\\x01" },
	/* "--", positional words, unknown flags */
	{ .argv = { "dockerd", "--", "-H", "tcp://x" }, .is_dockerd = true, .nproblems = 2, .problem = "after \"--\"" },
	{ .argv = { "dockerd", "-", "-H", "x" }, .is_dockerd = true, .hosts = { "x" }, .nproblems = 1, .problem = "unexpected argument \"-\"" },
	{ .argv = { "dockerd", "tcp://0.0.0.0:2375", "-H", "x" }, .is_dockerd = true, .hosts = { "x" }, .nproblems = 1 },
	{ .argv = { "dockerd", "--foo", "-H", "x" }, .is_dockerd = true, .hosts = { "x" }, .nproblems = 1,
	  .problem = "unknown flag: --foo; dockerd refuses to start" },
	{ .argv = { "dockerd", "--foo=bar", "-H", "x" }, .is_dockerd = true, .hosts = { "x" }, .nproblems = 1 },
	{ .argv = { "dockerd", "--foo", "bar", "-H", "x" }, .is_dockerd = true, .hosts = { "x" }, .nproblems = 2 },
	{ .argv = { "dockerd", "--foo", "-H", "x", "--bar", "--host=y" }, .is_dockerd = true, .hosts = { "x", "y" }, .nproblems = 2 },
	{ .argv = { "dockerd", "--H", "x" }, .is_dockerd = true, .nproblems = 2, .problem = "unknown flag: --H" },
	{ .argv = { "dockerd", "--Host=x" }, .is_dockerd = true, .nproblems = 1, .problem = "unknown flag: --Host" },
	{ .argv = { "dockerd", "---host=x" }, .is_dockerd = true, .nproblems = 1, .problem = "bad flag syntax: ---host=x" },
	{ .argv = { "dockerd", "--=x" }, .is_dockerd = true, .nproblems = 1, .problem = "bad flag syntax" },
	{ .argv = { "dockerd", "-e", "native", "-H", "x" }, .is_dockerd = true, .hosts = { "x" }, .nproblems = 1, .problem = "Docker 1.10" },
	{ .argv = { "dockerd", "--exec-driver=native" }, .is_dockerd = true, .nproblems = 1 },
	{ .argv = { "dockerd", "--api-enable-cors", "-H", "x" }, .is_dockerd = true, .hosts = { "x" }, .nproblems = 1, .problem = "17.06" },
	{ .argv = { "dockerd", "--cluster-store", "consul://c:8500", "--cluster-advertise=eth0:2376", "-H", "y" },
	  .is_dockerd = true, .hosts = { "y" }, .nproblems = 2, .problem = "v23+ refuses" },
	{ .argv = { "dockerd", "--api-cors-header", "*", "--allow-nondistributable-artifacts", "r.io" },
	  .is_dockerd = true, .nproblems = 2, .problem = "dockerd 29" },
	/* recorded values */
	{ .argv = { "dockerd", "--config-file", "/etc/docker/other.json" }, .is_dockerd = true, .config_file = "/etc/docker/other.json" },
	{ .argv = { "dockerd", "--data-root=/srv/docker" }, .is_dockerd = true, .data_root = "/srv/docker" },
	{ .argv = { "dockerd", "-g", "/data" }, .is_dockerd = true, .data_root = "/data", .nproblems = 1, .problem = "flag -g: dockerd v23+ refuses it" },
	{ .argv = { "dockerd", "--graph=/data" }, .is_dockerd = true, .data_root = "/data", .nproblems = 1, .problem = "--graph" },
	{ .argv = { "dockerd", "-g", "/a", "--data-root", "/b" }, .is_dockerd = true, .data_root = "/b", .nproblems = 2,
	  .problem = "cannot specify both" },
	{ .argv = { "dockerd", "--tlscacert=/ca.pem", "--tlscert", "/cert.pem", "--tlskey=/key.pem", "--tlsverify", "-H=tcp://0.0.0.0:2376" },
	  .is_dockerd = true, .tlsverify = SET_TRUE, .tlscacert = "/ca.pem", .tlscert = "/cert.pem", .tlskey = "/key.pem",
	  .hosts = { "tcp://0.0.0.0:2376" } },
	{ .argv = { "dockerd", "--metrics-addr", "0.0.0.0:9323", "--exec-root=/e", "--pidfile", "/p" }, .is_dockerd = true,
	  .metrics_addr = "0.0.0.0:9323", .exec_root = "/e", .pidfile = "/p" },
	{ .argv = { "dockerd", "--rootless" }, .is_dockerd = true, .rootless = true },
	{ .argv = { "dockerd", "--rootless", "--rootless=false" }, .is_dockerd = true },
	/* help, version, validate: dockerd does not start */
	{ .argv = { "dockerd", "-v" }, .is_dockerd = true, .nproblems = 1, .problem = "prints its version" },
	{ .argv = { "dockerd", "--version", "-H", "x" }, .is_dockerd = true, .hosts = { "x" }, .nproblems = 1 },
	{ .argv = { "dockerd", "--help" }, .is_dockerd = true, .nproblems = 1, .problem = "help" },
	{ .argv = { "dockerd", "-h" }, .is_dockerd = true, .nproblems = 1 },
	{ .argv = { "dockerd", "--help=false", "--version=0" }, .is_dockerd = true },
	{ .argv = { "dockerd", "--validate" }, .is_dockerd = true, .nproblems = 1, .problem = "validates" },
	/* env(1) in front */
	{ .argv = { "/usr/bin/env", "FOO=1", "dockerd", "-H", "x" }, .is_dockerd = true, .hosts = { "x" } },
	{ .argv = { "env", "-i", "-u", "X", "-uY", "--unset=Z", "A=b", "/usr/bin/dockerd", "-H", "y" }, .is_dockerd = true, .hosts = { "y" } },
	{ .argv = { "env", "-C", "/srv", "dockerd", "-H", "unix://rel.sock" }, .is_dockerd = true, .hosts = { "unix://rel.sock" }, .chdir = "/srv" },
	{ .argv = { "env", "--chdir=/srv", "dockerd" }, .is_dockerd = true, .chdir = "/srv" },
	{ .argv = { "env", "--", "X=1", "env", "dockerd", "--tls" }, .is_dockerd = true, .tls = SET_TRUE },
	{ .argv = { "env", "-S", "dockerd -H x" }, .nproblems = 1, .problem = "env option \"-S\"" },
	{ .argv = { "env" } },
	{ .argv = { "env", "A=1" } },
	{ .argv = { "env", "-C" }, .nproblems = 1 },
	{ .argv = { "env", "A=1", "/bin/sh", "-c", "dockerd" } },
	/* Docker 1.x: docker daemon, docker -d */
	{ .argv = { "/usr/bin/docker", "daemon", "-H", "fd://" }, .is_dockerd = true, .hosts = { "fd://" } },
	{ .argv = { "/usr/bin/docker-current", "daemon", "--exec-opt", "native.cgroupdriver=systemd", "-H", "tcp://x" },
	  .is_dockerd = true, .hosts = { "tcp://x" } },
	{ .argv = { "docker", "-d", "-H", "tcp://x" }, .is_dockerd = true, .hosts = { "tcp://x" } },
	{ .argv = { "docker", "-H", "tcp://x", "--daemon", "--tls" }, .is_dockerd = true, .hosts = { "tcp://x" }, .tls = SET_TRUE },
	{ .argv = { "docker", "-dH", "unix:///x" }, .is_dockerd = true, .hosts = { "unix:///x" } },
	{ .argv = { "docker", "-d", "-e", "lxc", "-H", "x" }, .is_dockerd = true, .hosts = { "x" }, .nproblems = 1 },
	{ .argv = { "docker", "-d", "--bogus" }, .is_dockerd = true, .nproblems = 1 },
	{ .argv = { "docker", "ps", "-a", "--bogus" } },
	{ .argv = { "docker", "-d=false", "-H", "x" } },
	{ .argv = { "docker" } },
	/* rootless wrapper */
	{ .argv = { "/usr/bin/dockerd-rootless.sh", "-H", "unix:///run/user/1000/docker.sock" }, .is_dockerd = true,
	  .hosts = { "unix:///run/user/1000/docker.sock" }, .rootlesskit = true },
};

static void build_argv(struct word_list *wl, const char *const *words)
{
	memset(wl, 0, sizeof(*wl));
	for (unsigned i = 0; i < MAXW && words[i]; i++) {
		struct dl_evidence where = { (char *)SRC_SYSTEMD_UNIT, (char *)UNIT, 10 + i, (char *)"ExecStart=..." };
		word_list_add(wl, words[i], &where, NULL);
	}
}

static void check_value(const char *what, const struct flag_value *fv, const char *expected)
{
	if (!expected) {
		if (fv->value)
			fail_msg("%s: unexpected value \"%s\"", what, fv->value);
		return;
	}
	if (!fv->value)
		fail_msg("%s: expected \"%s\", not set", what, expected);
	assert_string_equal(fv->value, expected);
	assert_string_equal(fv->where.path, UNIT);
	assert_true(fv->where.line >= 10);
}

static void check_bool(const char *what, const struct flag_bool *fb, enum tri expected)
{
	if (expected == UNSET) {
		if (fb->set)
			fail_msg("%s: unexpectedly set", what);
		return;
	}
	if (!fb->set)
		fail_msg("%s: not set", what);
	assert_int_equal(fb->value, expected == SET_TRUE);
	assert_string_equal(fb->where.path, UNIT);
}

static void check_case(const struct args_case *c, size_t idx)
{
	struct word_list wl;
	struct dockerd_flags f;
	struct dl_problem_list problems = { 0 };

	print_message("case %zu: %s %s %s\n", idx, c->argv[0], c->argv[1] ? c->argv[1] : "",
		      c->argv[1] && c->argv[2] ? c->argv[2] : "");
	build_argv(&wl, c->argv);
	dockerd_args_parse(&f, &wl, &problems);

	for (size_t i = 0; i < problems.count; i++) {
		print_message("  problem: %s:%u: %s\n", problems.items[i].path,
			      problems.items[i].line, problems.items[i].message);
		assert_string_equal(problems.items[i].path, UNIT);
		assert_true(problems.items[i].line >= 10);
	}
	assert_int_equal(f.is_dockerd, c->is_dockerd);
	size_t nh = 0;
	while (nh < 6 && c->hosts[nh])
		nh++;
	assert_int_equal(f.nhosts, nh);
	for (size_t i = 0; i < nh; i++) {
		assert_string_equal(f.hosts[i].value, c->hosts[i]);
		assert_string_equal(f.hosts[i].where.source, SRC_SYSTEMD_UNIT);
		assert_null(f.hosts[i].via.source);
	}
	check_bool("tls", &f.tls, c->tls);
	check_bool("tlsverify", &f.tlsverify, c->tlsverify);
	check_value("tlscacert", &f.tlscacert, c->tlscacert);
	check_value("tlscert", &f.tlscert, c->tlscert);
	check_value("tlskey", &f.tlskey, c->tlskey);
	check_value("config-file", &f.config_file, c->config_file);
	check_value("data-root", &f.data_root, c->data_root);
	check_value("metrics-addr", &f.metrics_addr, c->metrics_addr);
	check_value("exec-root", &f.exec_root, c->exec_root);
	check_value("pidfile", &f.pidfile, c->pidfile);
	check_value("env chdir", &f.env_chdir, c->chdir);
	assert_int_equal(f.rootless, c->rootless);
	assert_int_equal(f.rootlesskit, c->rootlesskit);
	assert_int_equal(problems.count, c->nproblems);
	if (c->problem) {
		bool found = false;
		for (size_t i = 0; i < problems.count; i++)
			found = found || strstr(problems.items[i].message, c->problem);
		if (!found)
			fail_msg("no problem mentions \"%s\"", c->problem);
	}

	dockerd_flags_clear(&f);
	assert_int_equal(f.nhosts, 0);
	assert_null(f.hosts);
	problem_list_clear(&problems);
	word_list_clear(&wl);
}

static void test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_case(&cases[i], i);
}

/* Evidence: a host's value carries the evidence of the word holding it
 * (the next word for "-H x"), including the variable it came through; a
 * problem names the flag word's file and line. */
static void test_evidence(void **state)
{
	(void)state;
	struct word_list wl = { 0 };
	struct dockerd_flags f;
	struct dl_problem_list problems = { 0 };
	struct dl_evidence unit = { (char *)SRC_SYSTEMD_UNIT, (char *)UNIT, 7, (char *)"ExecStart=/usr/bin/dockerd $DOCKER_OPTS" };
	struct dl_evidence envf = { (char *)SRC_ENV_FILE, (char *)"/etc/default/docker", 3, (char *)"DOCKER_OPTS=\"-H tcp://0.0.0.0:2375 --tls\"" };

	word_list_add(&wl, "/usr/bin/dockerd", &unit, NULL);
	word_list_add(&wl, "-H", &unit, &envf);
	word_list_add(&wl, "tcp://0.0.0.0:2375", &unit, &envf);
	word_list_add(&wl, "--tls", &unit, &envf);
	word_list_add(&wl, "--bogus", &unit, &envf);

	dockerd_args_parse(&f, &wl, &problems);
	assert_true(f.is_dockerd);
	assert_int_equal(f.nhosts, 1);
	assert_string_equal(f.hosts[0].value, "tcp://0.0.0.0:2375");
	assert_string_equal(f.hosts[0].where.path, UNIT);
	assert_int_equal(f.hosts[0].where.line, 7);
	assert_string_equal(f.hosts[0].via.source, SRC_ENV_FILE);
	assert_string_equal(f.hosts[0].via.path, "/etc/default/docker");
	assert_int_equal(f.hosts[0].via.line, 3);
	assert_true(f.tls.set && f.tls.value);
	assert_string_equal(f.tls.via.path, "/etc/default/docker");
	assert_int_equal(problems.count, 1);
	assert_string_equal(problems.items[0].path, UNIT);
	assert_int_equal(problems.items[0].line, 7);
	assert_non_null(strstr(problems.items[0].message, "--bogus"));
	dockerd_flags_clear(&f);
	problem_list_clear(&problems);
	word_list_clear(&wl);

	/* "-H x" on two lines: the value's own line. */
	struct dl_evidence l1 = { (char *)SRC_INIT_SCRIPT, (char *)"/etc/init.d/docker", 20, (char *)"-H \\" };
	struct dl_evidence l2 = { (char *)SRC_INIT_SCRIPT, (char *)"/etc/init.d/docker", 21, (char *)"fd://" };
	word_list_add(&wl, "dockerd", &l1, NULL);
	word_list_add(&wl, "-H", &l1, NULL);
	word_list_add(&wl, "fd://", &l2, NULL);
	word_list_add(&wl, "-H", &l2, NULL);
	dockerd_args_parse(&f, &wl, &problems);
	assert_int_equal(f.nhosts, 1);
	assert_int_equal(f.hosts[0].where.line, 21);
	assert_int_equal(problems.count, 1);
	assert_int_equal(problems.items[0].line, 21);
	assert_string_equal(problems.items[0].path, "/etc/init.d/docker");
	dockerd_flags_clear(&f);
	problem_list_clear(&problems);
	word_list_clear(&wl);
}

static void test_env_assignments(void **state)
{
	(void)state;
	struct word_list wl;
	struct dockerd_flags f;
	struct dl_problem_list problems = { 0 };
	const char *words[MAXW] = { "/usr/bin/env", "ROOTLESSKIT_STATE_DIR=/run/user/1000/rk",
				    "XDG_RUNTIME_DIR=/run/user/1000", "DOCKER_TLS_VERIFY=", "dockerd", NULL };

	build_argv(&wl, words);
	dockerd_args_parse(&f, &wl, &problems);
	assert_true(f.is_dockerd);
	assert_int_equal(f.env.count, 3);
	const struct env_var *v = env_get(&f.env, "XDG_RUNTIME_DIR");
	assert_non_null(v);
	assert_string_equal(v->value, "/run/user/1000");
	assert_string_equal(v->where.path, UNIT);
	v = env_get(&f.env, "DOCKER_TLS_VERIFY");
	assert_non_null(v);
	assert_string_equal(v->value, "");
	assert_int_equal(problems.count, 0);
	dockerd_flags_clear(&f);
	assert_int_equal(f.env.count, 0);
	word_list_clear(&wl);

	/* An empty word list and NULL word texts do not crash. */
	memset(&wl, 0, sizeof(wl));
	dockerd_args_parse(&f, &wl, &problems);
	assert_false(f.is_dockerd);
	dockerd_flags_clear(&f);
	word_list_add(&wl, "dockerd", NULL, NULL);
	word_list_add(&wl, NULL, NULL, NULL);
	word_list_add(&wl, "-H", NULL, NULL);
	word_list_add(&wl, NULL, NULL, NULL);
	dockerd_args_parse(&f, &wl, &problems);
	assert_true(f.is_dockerd);
	assert_int_equal(f.nhosts, 1);
	assert_string_equal(f.hosts[0].value, "");
	assert_int_equal(problems.count, 1); /* the first NULL word is positional */
	dockerd_flags_clear(&f);
	problem_list_clear(&problems);
	word_list_clear(&wl);
}

/* Random words from flag-like pieces: must never crash or leak, and every
 * problem must name the unit file. Deterministic seed. */
static void test_fuzz(void **state)
{
	(void)state;
	static const char *pieces[] = {
		"-", "--", "-H", "--host", "=", "tcp://", "-D", "--tls", "true", "x", "-g",
		"--data-root", "-test.", "--bogus", "-h", "-v", "daemon", "-d", "\xff", "",
		"--config-file", "-lD", "env", "A=1", "-C", "-u", "docker", "dockerd",
	};
	const size_t np = sizeof(pieces) / sizeof(pieces[0]);
	unsigned long seed = 42;
	char buf[64];

	for (int iter = 0; iter < 5000; iter++) {
		struct word_list wl = { 0 };
		struct dockerd_flags f;
		struct dl_problem_list problems = { 0 };
		struct dl_evidence where = { (char *)SRC_SYSTEMD_UNIT, (char *)UNIT, 1, (char *)"x" };

		seed = seed * 6364136223846793005ul + 1442695040888963407ul;
		size_t nwords = (seed >> 33) % 10;
		word_list_add(&wl, (seed >> 40) % 3 ? "dockerd" : pieces[(seed >> 20) % np], &where, NULL);
		for (size_t k = 0; k < nwords; k++) {
			buf[0] = '\0';
			for (int part = 0; part < 3; part++) {
				seed = seed * 6364136223846793005ul + 1442695040888963407ul;
				if ((seed >> 60) & 1 && part)
					break;
				strncat(buf, pieces[(seed >> 35) % np], sizeof(buf) - strlen(buf) - 1);
			}
			word_list_add(&wl, buf, &where, NULL);
		}
		dockerd_args_parse(&f, &wl, &problems);
		for (size_t k = 0; k < f.nhosts; k++)
			assert_non_null(f.hosts[k].value);
		for (size_t k = 0; k < problems.count; k++)
			assert_string_equal(problems.items[k].path, UNIT);
		dockerd_flags_clear(&f);
		problem_list_clear(&problems);
		word_list_clear(&wl);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_evidence),
		cmocka_unit_test(test_env_assignments),
		cmocka_unit_test(test_fuzz),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
