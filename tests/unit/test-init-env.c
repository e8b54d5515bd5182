#include "config.h"
#include "testutil.h"

#include "read/init_env.h"
#define ENV_PATH "/etc/default/docker"

struct var_expect {
	const char *name;
	const char *value; /* NULL: must not be set */
	unsigned line;
	const char *text;  /* evidence text, NULL: not checked */
};

struct problem_expect {
	const char *contains;
	unsigned line;
};

struct env_case {
	const char *name;
	const char *text;
	struct var_expect vars[6];
	struct problem_expect problems[4];
	size_t nproblems; /* exact count */
};

static const struct env_case env_cases[] = {
	{ .name = "plain", .text = "DOCKER_OPTS=-H\n", .vars = { { "DOCKER_OPTS", "-H", 1, "DOCKER_OPTS=-H" } } },
	{ .name = "double quotes with escapes", .text = "DOCKER_OPTS=\"-H tcp://0.0.0.0:2375 --label a=\\\"b\\\" \\\\ \\$HOME \\` \\x\"\n", .vars = { { "DOCKER_OPTS", "-H tcp://0.0.0.0:2375 --label a=\"b\" \\ $HOME ` \\x", 1, NULL } } },
	{ .name = "single quotes are literal", .text = "DOCKER_OPTS='-H $X \\n \"q\"'\n", .vars = { { "DOCKER_OPTS", "-H $X \\n \"q\"", 1, NULL } } },
	{ .name = "double quotes span lines", .text = "# comment\nDOCKER_OPTS=\"-H tcp://0.0.0.0:2375\n  -H unix:///var/run/docker.sock\"\nX=1\n", .vars = { { "DOCKER_OPTS", "-H tcp://0.0.0.0:2375\n  -H unix:///var/run/docker.sock", 2,
	      "DOCKER_OPTS=\"-H tcp://0.0.0.0:2375\n  -H unix:///var/run/docker.sock\"" },
	    { "X", "1", 4, "X=1" } } },
	{ .name = "backslash-newline continues inside double quotes and words", .text = "DOCKER_OPTS=\"-H \\\ntcp://a:1\"\nY=ab\\\ncd\nZ=2\n", .vars = { { "DOCKER_OPTS", "-H tcp://a:1", 1, NULL }, { "Y", "abcd", 3, NULL }, { "Z", "2", 5, NULL } } },
	{ .name = "continuation joins two assignments into one command", .text = "A=1 \\\n  B=2\n", .vars = { { "A", "1", 1, NULL }, { "B", "2", 2, NULL } } },
	{ .name = "export and several assignments on a line", .text = "export DOCKER_OPTS=\"-H fd://\" OTHER=x\nA=1 B=2; C=3\nexport D\n", .vars = { { "DOCKER_OPTS", "-H fd://", 1, NULL }, { "OTHER", "x", 1, NULL }, { "A", "1", 2, NULL },
	    { "B", "2", 2, NULL }, { "C", "3", 2, NULL }, { "D", NULL, 0, NULL } } },
	{ .name = "comments only at word start", .text = "  # DOCKER_OPTS=\"-H tcp://commented\"\nDOCKER_OPTS=a#b # trailing comment\n#X=1\n", .vars = { { "DOCKER_OPTS", "a#b", 2, NULL }, { "X", NULL, 0, NULL } } },
	{ .name = "expansion of earlier variables", .text = "BASE=docker\nPORT=2375\nDOCKER_OPTS=\"-H tcp://0.0.0.0:$PORT -p /run/${BASE}.pid\"\n"
	  "MORE=$DOCKER_OPTS' --tls'\nUNSET=\"[$NOPE]\"\n", .vars = { { "DOCKER_OPTS", "-H tcp://0.0.0.0:2375 -p /run/docker.pid", 3, NULL },
	    { "MORE", "-H tcp://0.0.0.0:2375 -p /run/docker.pid --tls", 4, NULL },
	    { "UNSET", "[]", 5, NULL } } },
	{ .name = "default and alternative forms", .text = "E=\nA=${NOPE:-tcp://d:1}\nB=${E:-x}\nC=${E-y}\nD=${A:+alt}\nF=${G:=\"set $A\"}\nH=${G}\n", .vars = { { "A", "tcp://d:1", 2, NULL }, { "B", "x", 3, NULL }, { "C", "", 4, NULL },
	    { "D", "alt", 5, NULL }, { "G", "set tcp://d:1", 6, NULL }, { "H", "set tcp://d:1", 7, NULL } } },
	{ .name = "append (bash)", .text = "A=-H\nA+=\" fd://\"\n", .vars = { { "A", "-H fd://", 2, NULL } } },
	{ .name = "command substitution keeps the literal text", .text = "DOCKER_OPTS=\"-H $(hostname -i):2375\"\nB=`cat /x`\n", .vars = { { "DOCKER_OPTS", "-H $(hostname -i):2375", 1, NULL }, { "B", "`cat /x`", 2, NULL } }, .problems = { { "command substitution", 1 }, { "command substitution", 2 } }, .nproblems = 2 },
	{ .name = "arithmetic and other parameter expansions", .text = "P=$((2000+375))\nQ=${X%.sock}\nR=$1\n", .vars = { { "P", "$((2000+375))", 1, NULL }, { "Q", "${X%.sock}", 2, NULL }, { "R", "$1", 3, NULL } }, .problems = { { "arithmetic expansion", 1 }, { "parameter expansion", 2 }, { "special parameter", 3 } }, .nproblems = 3 },
	{ .name = "source of another file", .text = ". /etc/default/docker-extra\nsource /x\nA=1\n", .vars = { { "A", "1", 3, NULL } }, .problems = { { "'. /etc/default/docker-extra'", 1 }, { "'source /x'", 2 } }, .nproblems = 2 },
	{ .name = "assignment inside if is kept but reported", .text = "if [ -f /x ]; then\n  DOCKER_OPTS=\"-H tcp://0.0.0.0:2375\"\nfi\nAFTER=1\n", .vars = { { "DOCKER_OPTS", "-H tcp://0.0.0.0:2375", 2, NULL }, { "AFTER", "1", 4, NULL } }, .problems = { { "an if block", 2 } }, .nproblems = 1 },
	{ .name = "case and function bodies", .text = "case \"$1\" in\n start) A=1 ;;\nesac\nf() {\n  B=2\n}\nC=3\n", .vars = { { "A", "1", 2, NULL }, { "B", "2", 5, NULL }, { "C", "3", 7, NULL } }, .problems = { { "a case block", 2 }, { "a function body", 5 }, { "special parameter", 1 } }, .nproblems = 3 },
	{ .name = "conditional with && and a subshell", .text = "[ -x /usr/bin/dockerd ] && DOCKER_OPTS=-H\n( S=1 )\n", .vars = { { "DOCKER_OPTS", "-H", 1, NULL }, { "S", "1", 2, NULL } }, .problems = { { "&& or ||", 1 }, { "subshell", 2 } }, .nproblems = 2 },
	{ .name = "prefix assignment of a command does not persist", .text = "DOCKER_OPTS=-H true\nulimit -n 1024\nexport PATH\n", .vars = { { "DOCKER_OPTS", NULL, 0, NULL } }, .problems = { { "applies only to the command 'true'", 1 } }, .nproblems = 1 },
	{ .name = "unterminated quote", .text = "A=ok\nDOCKER_OPTS=\"-H tcp://0.0.0.0:2375\n", .vars = { { "A", "ok", 1, NULL }, { "DOCKER_OPTS", "-H tcp://0.0.0.0:2375\n", 2, NULL } }, .problems = { { "unterminated double quote", 2 } }, .nproblems = 1 },
	{ .name = "eval and read", .text = "eval DOCKER_OPTS=x\nread Y < /f\n", .vars = { { "DOCKER_OPTS", NULL, 0, NULL } }, .problems = { { "'eval'", 1 }, { "'read'", 2 } }, .nproblems = 2 },
	{ .name = "CRLF line ends", .text = "A=1\r\nB=\"x\"\r\n", .vars = { { "A", "1\r", 1, NULL }, { "B", "x\r", 2, NULL } }, .problems = { { "carriage return", 1 }, { "carriage return", 2 } }, .nproblems = 2 },
	{ .name = "redirection is skipped", .text = "A=1 >/dev/null 2>&1\n", .vars = { { "A", "1", 1, NULL } } },
	{ .name = "empty value and empty file", .text = "A=\nB=''\n", .vars = { { "A", "", 1, NULL }, { "B", "", 2, NULL } } },
};

static void test_env_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(env_cases) / sizeof(*env_cases); i++) {
		const struct env_case *tc = &env_cases[i];
		struct env env = { 0 };
		struct dl_problem_list problems = { 0 };
		print_message("case: %s\n", tc->name);
		init_env_parse(&env, ENV_PATH, tc->text, &problems);
		for (size_t k = 0; k < problems.count; k++)
			print_message("  problem %u: %s\n", problems.items[k].line,
				      problems.items[k].message);
		for (size_t k = 0; k < 6 && tc->vars[k].name; k++) {
			const struct var_expect *ve = &tc->vars[k];
			const struct env_var *v = env_get(&env, ve->name);
			if (!ve->value) {
				if (v)
					fail_msg("%s: %s set to '%s'", tc->name, ve->name, v->value);
				continue;
			}
			if (!v)
				fail_msg("%s: %s not set", tc->name, ve->name);
			assert_string_equal(v->value, ve->value);
			assert_int_equal(v->where.line, ve->line);
			assert_string_equal(v->where.source, SRC_INIT_FILE);
			assert_string_equal(v->where.path, ENV_PATH);
			if (ve->text)
				assert_string_equal(v->where.text, ve->text);
		}
		assert_int_equal(problems.count, tc->nproblems);
		for (size_t k = 0; k < tc->nproblems; k++) {
			bool found = false;
			for (size_t j = 0; j < problems.count && !found; j++)
				found = strstr(problems.items[j].message, tc->problems[k].contains) &&
					problems.items[j].line == tc->problems[k].line &&
					!strcmp(problems.items[j].path, ENV_PATH);
			if (!found)
				fail_msg("%s: no problem '%s' at line %u", tc->name,
					 tc->problems[k].contains, tc->problems[k].line);
		}
		env_clear(&env);
		problem_list_clear(&problems);
	}
}

static void test_env_uses_existing(void **state)
{
	(void)state;
	/* Variables the script set before sourcing the file expand too. */
	struct env env = { 0 };
	struct dl_problem_list problems = { 0 };
	env_set(&env, "BASE", "docker", NULL);
	init_env_parse(&env, ENV_PATH, "DOCKER_OPTS=\"-p /run/$BASE.pid\"", &problems);
	assert_string_equal(env_get(&env, "DOCKER_OPTS")->value, "-p /run/docker.pid");
	assert_int_equal(problems.count, 0);
	env_clear(&env);
	/* NULL and empty text */
	init_env_parse(&env, ENV_PATH, NULL, &problems);
	init_env_parse(&env, ENV_PATH, "", &problems);
	assert_int_equal(env.count, 0);
	problem_list_clear(&problems);
}

static void test_env_bounds(void **state)
{
	(void)state;
	/* Exponential growth by self-expansion is cut at 64 KiB. */
	struct env env = { 0 };
	struct dl_problem_list problems = { 0 };
	char text[4096];
	size_t o = (size_t)sprintf(text, "A=xxxxxxxxxxxxxxxx\n");
	for (int i = 0; i < 30; i++)
		o += (size_t)sprintf(text + o, "A=$A$A\n");
	init_env_parse(&env, ENV_PATH, text, &problems);
	assert_int_equal(strlen(env_get(&env, "A")->value), 64 * 1024);
	assert_true(problems.count >= 1);
	env_clear(&env);
	problem_list_clear(&problems);

	/* Deep ${X:-${X:-...}} nesting and unterminated constructs do not crash. */
	char deep[2048];
	o = (size_t)sprintf(deep, "A=");
	for (int i = 0; i < 40; i++)
		o += (size_t)sprintf(deep + o, "${N:-");
	o += (size_t)sprintf(deep + o, "v");
	for (int i = 0; i < 40; i++)
		deep[o++] = '}';
	deep[o] = '\0';
	init_env_parse(&env, ENV_PATH, deep, &problems);
	assert_non_null(env_get(&env, "A"));
	assert_true(problems.count >= 1);
	env_clear(&env);
	problem_list_clear(&problems);

	const char *hostile[] = { "A=${", "A=$(", "A=\"$(\"", "A='", "A=\\", "A=`", "(((((", ")))",
				  "fi fi }", "f() { ", "A=${X:-", "A=$", "=x", "A=${#}" };
	for (size_t i = 0; i < sizeof(hostile) / sizeof(*hostile); i++) {
		init_env_parse(&env, ENV_PATH, hostile[i], &problems);
		env_clear(&env);
		problem_list_clear(&problems);
	}
}

/* ------------------------------------------------------------ detect */

/* Shapes of moby contrib/init scripts (own text, same structure). */
static const char debian_script[] =
	"#!/bin/sh\n"                                      /* 1 */
	"set -e\n"                                         /* 2 */
	"BASE=docker\n"                                    /* 3 */
	"DOCKERD=/usr/bin/dockerd\n"                       /* 4 */
	"DOCKER_OPTS=\n"                                   /* 5 */
	"if [ -f /etc/default/$BASE ]; then\n"             /* 6 */
	"\t. /etc/default/$BASE\n"                         /* 7 */
	"fi\n"                                             /* 8 */
	"case \"$1\" in\n"                                 /* 9 */
	"\tstart)\n"                                       /* 10 */
	"\t\tstart-stop-daemon --start --background \\\n" /* 11 */
	"\t\t\t--exec \"$DOCKERD\" -- $DOCKER_OPTS\n"     /* 12 */
	"\t\t;;\n"
	"esac\n";

static const char redhat_script[] =
	"#!/bin/sh\n"
	"# chkconfig: 2345 95 95\n"
	". /etc/rc.d/init.d/functions\n"
	"prog=\"docker\"\n"
	"exec=\"/usr/local/bin/dockerd\"\n"                 /* 5 */
	"[ -e /etc/sysconfig/$prog ] && . /etc/sysconfig/$prog\n"
	"start() {\n"
	"\t\"$unshare\" -m -- $exec $other_args >> $logfile 2>&1 &\n" /* 8 */
	"}\n";

static const char redhat_options_script[] =
	"#!/bin/bash\n"
	". /etc/sysconfig/docker\n"
	"OPTIONS=${OPTIONS:-}\n"
	"start() {\n"
	"\tdaemon /usr/bin/dockerd $OPTIONS\n"             /* 5 */
	"}\n";

static const char openrc_script[] =
	"#!/sbin/openrc-run\n"
	"# Copyright notice\n"
	"command=\"${DOCKERD_BINARY:-/usr/bin/dockerd}\"\n"
	"pidfile=\"${DOCKER_PIDFILE:-/run/${RC_SVCNAME}.pid}\"\n"
	"command_args=\"-p \\\"${pidfile}\\\" ${DOCKER_OPTS}\"\n" /* 5 */
	"start_pre() {\n\tcheckpath -f \"$DOCKER_LOGFILE\"\n}\n";

static const char upstart_job[] =
	"description \"Docker daemon\"\n"
	"respawn\n"
	"script\n"
	"\tDOCKERD=/usr/bin/dockerd\n"
	"\tDOCKER_OPTS=\n"
	"\tif [ -f /etc/default/$UPSTART_JOB ]; then\n"
	"\t\t. /etc/default/$UPSTART_JOB\n"
	"\tfi\n"
	"\texec \"$DOCKERD\" $DOCKER_OPTS --raw-logs\n"   /* 9 */
	"end script\n";

struct detect_case {
	const char *name;
	const char *file;   /* where the script is written; NULL: none */
	const char *text;
	enum init_flavor flavor;
	const char *script_path, *env_path, *opts_var, *program, *program_var;
	unsigned where_line;
	size_t nproblems;
};

static const struct detect_case detect_cases[] = {
	{ "no init script", NULL, NULL, INIT_NONE, NULL, NULL, NULL, NULL, NULL, 0, 0 },
	{ "debian sysvinit", "/etc/init.d/docker", debian_script, INIT_SYSVINIT_DEBIAN,
	  "/etc/init.d/docker", "/etc/default/docker", "DOCKER_OPTS", "/usr/bin/dockerd", "DOCKERD",
	  11, 0 },
	{ "red hat sysvinit (other_args)", "/etc/init.d/docker", redhat_script, INIT_SYSVINIT_REDHAT,
	  "/etc/init.d/docker", "/etc/sysconfig/docker", "other_args", "/usr/local/bin/dockerd",
	  "exec", 8, 0 },
	{ "red hat sysvinit (OPTIONS)", "/etc/init.d/docker", redhat_options_script,
	  INIT_SYSVINIT_REDHAT, "/etc/init.d/docker", "/etc/sysconfig/docker", "OPTIONS",
	  "/usr/bin/dockerd", "exec", 5, 0 },
	{ "openrc", "/etc/init.d/docker", openrc_script, INIT_OPENRC, "/etc/init.d/docker",
	  "/etc/conf.d/docker", "DOCKER_OPTS", "/usr/bin/dockerd", "DOCKERD_BINARY", 5, 0 },
	{ "upstart job", "/etc/init/docker.conf", upstart_job, INIT_SYSVINIT_DEBIAN,
	  "/etc/init/docker.conf", "/etc/default/docker", "DOCKER_OPTS", "/usr/bin/dockerd", "DOCKERD",
	  9, 0 },
	{ "unrecognisable script", "/etc/init.d/docker",
	  "#!/bin/sh\n/opt/docker/bin/dockerd -H tcp://0.0.0.0:2375 &\n", INIT_NONE,
	  "/etc/init.d/docker", NULL, NULL, NULL, NULL, 0, 1 },
	{ "binary script", "/etc/init.d/docker", "\x7f" "ELF\x01", INIT_NONE, "/etc/init.d/docker",
	  NULL, NULL, NULL, NULL, 0, 1 },
};

static void test_detect_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(detect_cases) / sizeof(*detect_cases); i++) {
		const struct detect_case *tc = &detect_cases[i];
		print_message("case: %s\n", tc->name);
		char *root = fixture_mkroot();
		if (tc->file)
			fixture_write(root, tc->file, tc->text);
		struct rootfs r;
		assert_int_equal(rootfs_open(&r, root), 0);
		struct init_launch l;
		struct dl_problem_list problems = { 0 };
		init_launch_detect(&l, &r, &problems);
		for (size_t k = 0; k < problems.count; k++)
			print_message("  problem: %s\n", problems.items[k].message);
		assert_int_equal(l.flavor, tc->flavor);
		const struct {
			const char *got, *want;
		} s[] = { { l.script_path, tc->script_path }, { l.env_path, tc->env_path },
			  { l.opts_var, tc->opts_var },       { l.program, tc->program },
			  { l.program_var, tc->program_var } };
		for (size_t k = 0; k < sizeof(s) / sizeof(*s); k++) {
			if (!s[k].want)
				assert_null(s[k].got);
			else {
				assert_non_null(s[k].got);
				assert_string_equal(s[k].got, s[k].want);
			}
		}
		assert_int_equal(l.where.line, tc->where_line);
		if (tc->where_line) {
			assert_string_equal(l.where.source, SRC_INIT_SCRIPT);
			assert_string_equal(l.where.path, tc->script_path);
		}
		assert_int_equal(problems.count, tc->nproblems);
		if (tc->nproblems)
			assert_non_null(strstr(problems.items[0].message, "cannot tell which configuration"));
		init_launch_clear(&l);
		problem_list_clear(&problems);
		rootfs_close(&r);
		fixture_rmroot(root);
	}
}

static void test_detect_prefers_initd(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	fixture_write(root, "/etc/init.d/docker", openrc_script);
	fixture_write(root, "/etc/init/docker.conf", upstart_job);
	struct rootfs r;
	assert_int_equal(rootfs_open(&r, root), 0);
	struct init_launch l;
	struct dl_problem_list problems = { 0 };
	init_launch_detect(&l, &r, &problems);
	assert_int_equal(l.flavor, INIT_OPENRC);
	init_launch_clear(&l);
	rootfs_close(&r);
	fixture_rmroot(root);
}

/* The Debian default file as shipped (all commented) plus a user setting,
 * read through the same parser with the script's variables. */
static void test_debian_default_file(void **state)
{
	(void)state;
	static const char text[] =
		"# Docker Upstart and SysVinit configuration file\n"
		"#DOCKERD=\"/usr/local/bin/dockerd\"\n"
		"#DOCKER_OPTS=\"--dns 8.8.8.8 --dns 8.8.4.4\"\n"
		"#export http_proxy=\"http://127.0.0.1:3128/\"\n"
		"DOCKER_OPTS=\"$DOCKER_OPTS -H tcp://0.0.0.0:2375\"\n";
	struct env env = { 0 };
	struct dl_problem_list problems = { 0 };
	env_set(&env, "DOCKER_OPTS", "", NULL);
	init_env_parse(&env, ENV_PATH, text, &problems);
	assert_string_equal(env_get(&env, "DOCKER_OPTS")->value, " -H tcp://0.0.0.0:2375");
	assert_int_equal(env_get(&env, "DOCKER_OPTS")->where.line, 5);
	assert_null(env_get(&env, "DOCKERD"));
	assert_int_equal(problems.count, 0);
	env_clear(&env);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_env_table),
		cmocka_unit_test(test_env_uses_existing),
		cmocka_unit_test(test_env_bounds),
		cmocka_unit_test(test_detect_table),
		cmocka_unit_test(test_detect_prefers_initd),
		cmocka_unit_test(test_debian_default_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
