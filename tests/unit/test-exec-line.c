/* ExecStart= word splitting (exec_line.c) and EnvironmentFile= parsing
 * (env_file.c), as systemd 252 does them. Cases come from the spec, from
 * systemd's own tables (test-extract-word.c, test-env-util.c
 * test_replace_env_argv, test-load-fragment.c test_config_parse_exec,
 * test-env-file.c) and from the Debian/docker-ce units. */
#include "config.h"
#include "testutil.h"

#include "read/exec_line.h"
#include "base/strbuf.h"
#include "read/systemd_unit.h"
#define MAXW 24

/* Environment of a case: "NAME=VALUE" strings; variable i is set on line i+1
 * of ENV_PATH so that a word's via.line tells which variable it came from. */
#define ENV_PATH "/etc/default/docker"

static void env_from(struct env *env, const char *const *assignments)
{
	for (unsigned i = 0; assignments && assignments[i]; i++) {
		const char *eq = strchr(assignments[i], '=');
		char *name;
		struct dl_evidence where = { 0 };

		assert_non_null(eq);
		name = strndup(assignments[i], (size_t)(eq - assignments[i]));
		evidence_set(&where, SRC_ENV_FILE, ENV_PATH, i + 1, assignments[i]);
		env_set(env, name, eq + 1, &where);
		evidence_clear(&where);
		free(name);
	}
}

/* ---------------------------------------------------------------- ExecStart= */

struct exec_case {
	const char *value;
	const char *env[6];
	int ret;
	const char *words[MAXW]; /* word 0 is the executable path */
	/* per word: '-' no via, '1'..'9' via = the variable set on that line */
	const char *via;
	const char *argv0;       /* NULL: not checked */
	size_t ncommands;        /* 0: not checked (checked as 1 when words are given) */
	enum exec_line_fault fault;
	bool notes;              /* expect systemd warnings in info.notes */
	enum exec_line_reason reason; /* with -EINVAL: why */
};

#define DEBIAN_OPTS "DOCKER_OPTS=-H tcp://0.0.0.0:2375 --tlsverify"

static const struct exec_case exec_cases[] = {
	/* stock units */
	{ "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock", { NULL }, 0,
	  { "/usr/bin/dockerd", "-H", "fd://", "--containerd=/run/containerd/containerd.sock" },
	  "----", "/usr/bin/dockerd", 1, 0, false, 0 },
	{ "/usr/sbin/dockerd -H fd:// $DOCKER_OPTS", { DEBIAN_OPTS }, 0,
	  { "/usr/sbin/dockerd", "-H", "fd://", "-H", "tcp://0.0.0.0:2375", "--tlsverify" },
	  "---111", NULL, 1, 0, false, 0 },
	{ "/usr/sbin/dockerd -H fd:// ${DOCKER_OPTS}", { DEBIAN_OPTS }, 0,
	  { "/usr/sbin/dockerd", "-H", "fd://", "-H tcp://0.0.0.0:2375 --tlsverify" }, "---1", NULL, 1,
	  0, false, 0 },
	{ "/usr/sbin/dockerd -H fd:// $DOCKER_OPTS", { NULL }, 0,
	  { "/usr/sbin/dockerd", "-H", "fd://" }, "---", NULL, 1, 0, false, 0 },
	/* an unset ${X} is one empty word, an unset or blank $X none */
	{ "/usr/sbin/dockerd ${DOCKER_OPTS}", { NULL }, 0, { "/usr/sbin/dockerd", "" }, "--", NULL, 1,
	  0, false, 0 },
	{ "/usr/sbin/dockerd $DOCKER_OPTS ${DOCKER_OPTS}", { "DOCKER_OPTS=" }, 0,
	  { "/usr/sbin/dockerd", "" }, "-1", NULL, 1, 0, false, 0 },
	{ "/usr/sbin/dockerd $DOCKER_OPTS", { "DOCKER_OPTS= \t " }, 0, { "/usr/sbin/dockerd" }, "-",
	  NULL, 1, 0, false, 0 },
	/* the value is unquoted when split (EXTRACT_RELAX|EXTRACT_UNQUOTE), no C escapes */
	{ "/usr/bin/dockerd $OPTS", { "OPTS=-H \"tcp://a b\" '--x=1 2' c\\ d e\\nf" }, 0,
	  { "/usr/bin/dockerd", "-H", "tcp://a b", "--x=1 2", "c d", "enf" }, "-11111", NULL, 1, 0,
	  false, 0 },
	{ "/usr/bin/dockerd $OPTS", { "OPTS=-H \"tcp://x y" }, 0,
	  { "/usr/bin/dockerd", "-H", "tcp://x y" }, "-11", NULL, 1, 0, false, 0 },
	{ "/usr/bin/dockerd $OPTS", { "OPTS=a b\\" }, 0, { "/usr/bin/dockerd", "a", "b" }, "-11",
	  NULL, 1, 0, false, 0 },
	{ "/usr/bin/dockerd $OPTS", { "OPTS=\"\" x" }, 0, { "/usr/bin/dockerd", "", "x" }, "-11",
	  NULL, 1, 0, false, 0 },
	/* ${X} inside a word; $X inside a word stays literal */
	{ "/usr/bin/dockerd --host=${H} --tls=$T", { "T=1", "H=tcp://h:1" }, 0,
	  { "/usr/bin/dockerd", "--host=tcp://h:1", "--tls=$T" }, "-2-", NULL, 1, 0, false, 0 },
	/* $$ */
	{ "/bin/x $$ $$H a$$b $${H}", { "H=v" }, 0, { "/bin/x", "$", "$H", "a$b", "${H}" }, "-----",
	  NULL, 1, 0, false, 0 },
	/* quotes do not protect from expansion: the word is "$V" after unquoting */
	{ "/bin/x \"$V\" '${V}'", { "V=a b" }, 0, { "/bin/x", "a", "b", "a b" }, "-111", NULL, 1, 0,
	  false, 0 },
	/* "$NAME..." looks the whole rest of the word up as a name */
	{ "/bin/x $V-x $ $V", { "V=1" }, 0, { "/bin/x", "1" }, "-1", NULL, 1, 0, false, 0 },
	/* no ${X:-...} in ExecStart=; unterminated ${ and ${} */
	{ "/bin/x ${V:-d} ${V ${} ${A}${B}", { "A=a", "B=b" }, 0,
	  { "/bin/x", "${V:-d}", "${V", "", "ab" }, "----1", NULL, 1, 0, false, 0 },
	/* strv_env_get_n() quirk: "$A=B" finds "c" in A=B=c */
	{ "/bin/x $A=B", { "A=B=c" }, 0, { "/bin/x", "c" }, "-1", NULL, 1, 0, false, 0 },
	/* systemd test-env-util.c test_replace_env_argv */
	{ "/bin/x FOO$FOO FOO$FOOFOO FOO${FOO}$FOO FOO${FOO} ${FOO} $FOO $FOO$FOO ${FOO}${BAR} "
	  "${FOO FOO$$${FOO} $$FOO${FOO} ${FOO:-${BAR}} ${QUUX:-${FOO}} ${FOO:+${BAR}} "
	  "${QUUX:+${BAR}} ${FOO:+|${BAR}|}} ${FOO:+|${BAR}{|}",
	  { "FOO=BAR BAR", "BAR=waldo" }, 0,
	  { "/bin/x", "FOO$FOO", "FOO$FOOFOO", "FOOBAR BAR$FOO", "FOOBAR BAR", "BAR BAR", "BAR", "BAR",
	    "BAR BARwaldo", "${FOO", "FOO$BAR BAR", "$FOOBAR BAR", "${FOO:-waldo}",
	    "${QUUX:-BAR BAR}", "${FOO:+waldo}", "${QUUX:+waldo}", "${FOO:+|waldo|}}",
	    "${FOO:+|waldo{|}" },
	  "---111111-11212222", NULL, 1, 0, false, 0 },
	/* ":" : no expansion at all */
	{ ":/usr/bin/dockerd $DOCKER_OPTS $$ ${DOCKER_OPTS}", { DEBIAN_OPTS }, 0,
	  { "/usr/bin/dockerd", "$DOCKER_OPTS", "$$", "${DOCKER_OPTS}" }, "----", NULL, 1, 0, false, 0 },

	/* quoting and escapes (test-load-fragment.c, test-extract-word.c) */
	{ "\"/PATH WITH SPACES/daemon\" -1 -2", { NULL }, 0,
	  { "/PATH WITH SPACES/daemon", "-1", "-2" }, NULL, NULL, 1, 0, false, 0 },
	{ "\"/PATH WITH SPACES/daemon -1 -2\"", { NULL }, 0, { "/PATH WITH SPACES/daemon -1 -2" },
	  NULL, NULL, 1, 0, false, 0 },
	{ "\"/PATH\\sWITH\\sSPACES/daemon\" '-1 -2'", { NULL }, 0,
	  { "/PATH WITH SPACES/daemon", "-1 -2" }, NULL, NULL, 1, 0, false, 0 },
	{ "\"/PATH\\x20WITH\\x20SPACES/daemon\" \"-1 -2\"", { NULL }, 0,
	  { "/PATH WITH SPACES/daemon", "-1 -2" }, NULL, NULL, 1, 0, false, 0 },
	{ "/bin/grep '\\w+\\K'", { NULL }, 0, { "/bin/grep", "\\w+\\K" }, NULL, NULL, 1, 0, true, 0 },
	{ "/path\\s", { NULL }, 0, { "/path " }, NULL, NULL, 1, 0, false, 0 },
	{ "/bin/find \\;", { NULL }, 0, { "/bin/find", ";" }, NULL, NULL, 1, 0, false, 0 },
	{ "/sbin/find \\; /x", { NULL }, 0, { "/sbin/find", ";", "/x" }, NULL, NULL, 1, 0, false, 0 },
	{ "/sbin/find \\;x", { NULL }, 0, { "/sbin/find", "\\;x" }, NULL, NULL, 1, 0, true, 0 },
	{ "/bin/find \\073", { NULL }, 0, { "/bin/find", ";" }, NULL, NULL, 1, 0, false, 0 },
	{ "/bin/find \";\" /x", { NULL }, 0, { "/bin/find", ";", "/x" }, NULL, NULL, 1, 0, false, 0 },
	/* quotes may open mid-word; empty quotes are an empty word */
	{ "/bin/x a\"b c\"d 'a'\"b\" \"\" ''", { NULL }, 0, { "/bin/x", "ab cd", "ab", "", "" }, NULL,
	  NULL, 1, 0, false, 0 },
	{ " \t /bin/x \t a\t\tb  ", { NULL }, 0, { "/bin/x", "a", "b" }, NULL, NULL, 1, 0, false, 0 },
	{ "/bin/x \\t \\x41 \\101 \\u00e9 \\U0001F600 'a\\tb' \\a\\b\\f\\n\\r\\v\\\\\\\"\\'", { NULL },
	  0,
	  { "/bin/x", "\t", "A", "A", "\xc3\xa9", "\xf0\x9f\x98\x80", "a\tb",
	    "\a\b\f\n\r\v\\\"'" },
	  NULL, NULL, 1, 0, false, 0 },
	/* escapes systemd cannot decode are kept with their backslash (and warned about) */
	{ "/bin/x \\x00 \\U00110000 \\400 \\q \\$H \\x4", { "H=v" }, 0,
	  { "/bin/x", "\\x00", "\\U00110000", "\\400", "\\q", "\\$H", "\\x4" }, NULL, NULL, 1, 0,
	  true, 0 },

	/* test-extract-word.c, with config_parse_exec()'s flags (and the relaxed retry) */
	{ "/bin/x fooo\\ bar quux", { NULL }, 0, { "/bin/x", "fooo\\ bar", "quux" }, NULL, NULL, 1,
	  0, true, 0 },
	{ "/bin/x \\w+@\\K[\\d.]+ \\w+\\b", { NULL }, 0,
	  { "/bin/x", "\\w+@\\K[\\d.]+", "\\w+\b" }, NULL, NULL, 1, 0, true, 0 },
	{ "/bin/x -N ''", { NULL }, 0, { "/bin/x", "-N", "" }, NULL, NULL, 1, 0, false, 0 },
	{ "/bin/x    f\\u00f6o \"pi\\U0001F4A9le\"   foo\\ba\\x6ar", { NULL }, 0,
	  { "/bin/x", "f\xc3\xb6o", "pi\360\237\222\251le", "foo\ba\x6a" "r" }, NULL, NULL, 1, 0,
	  false, 0 },
	/* ... and with replace_env_argv()'s (EXTRACT_RELAX|EXTRACT_UNQUOTE) */
	{ "/bin/x $A $B $C $D", { "A='fooo", "B=\"foo\\", "C=yay'foo'bar",
	  "D=KEY=val \"KEY2=val with space\" \"KEY3=val with \\\"quotation\\\"\"" }, 0,
	  { "/bin/x", "fooo", "foo", "yayfoobar", "KEY=val", "KEY2=val with space",
	    "KEY3=val with \"quotation\"" },
	  "-123444", NULL, 1, 0, false, 0 },

	/* prefixes and argv[0] (test-load-fragment.c) */
	{ "/RValue///slashes r1///", { NULL }, 0, { "/RValue/slashes", "r1///" }, NULL,
	  "/RValue///slashes", 1, 0, false, 0 },
	{ "@/RValue///slashes2 ///argv0 r1", { NULL }, 0, { "/RValue/slashes2", "r1" }, NULL,
	  "///argv0", 1, 0, false, 0 },
	{ "-@/RValue///slashes3 argv0a r1", { NULL }, 0, { "/RValue/slashes3", "r1" }, NULL,
	  "argv0a", 1, 0, false, 0 },
	{ "@-/RValue///slashes4 argv0b r1", { NULL }, 0, { "/RValue/slashes4", "r1" }, NULL,
	  "argv0b", 1, 0, false, 0 },
	{ "+/usr/bin/dockerd", { NULL }, 0, { "/usr/bin/dockerd" }, NULL, NULL, 1, 0, false, 0 },
	{ "!!/usr/bin/dockerd -H fd://", { NULL }, 0, { "/usr/bin/dockerd", "-H", "fd://" }, NULL,
	  NULL, 1, 0, false, 0 },
	{ "dockerd -H unix://", { NULL }, 0, { "dockerd", "-H", "unix://" }, NULL, NULL, 1, 0, false, 0 },
	{ "/usr/bin/../bin/./dockerd", { NULL }, 0, { "/usr/bin/../bin/dockerd" }, NULL,
	  "/usr/bin/../bin/./dockerd", 1, 0, false, 0 },
	/* with "@" the argv[0] word is expanded too: its first piece is argv[0] */
	{ "@/usr/bin/dockerd $NAME -H x", { "NAME=a b" }, 0, { "/usr/bin/dockerd", "b", "-H", "x" },
	  "-1--", "a", 1, 0, false, 0 },

	/* ";" separates commands; only the first is returned */
	{ "-@/RValue argv0 r1 ; /goo/goo boo", { NULL }, 0, { "/RValue", "r1" }, NULL, "argv0", 2, 0,
	  false, 0 },
	{ "-@/RValue argv0 r1 ; ; /goo/goo boo", { NULL }, 0, { "/RValue", "r1" }, NULL, "argv0", 2,
	  0, false, 0 },
	{ "-@/RValue argv0 r1 ; ", { NULL }, 0, { "/RValue", "r1" }, NULL, "argv0", 1, 0, false, 0 },
	{ "-@/RValue argv0 r1 ;", { NULL }, 0, { "/RValue", "r1" }, NULL, "argv0", 1, 0, false, 0 },
	{ "-@/RValue argv0 r1 ';'", { NULL }, 0, { "/RValue", "r1", ";" }, NULL, "argv0", 1, 0, false, 0 },
	{ "/bin/a x;y", { NULL }, 0, { "/bin/a", "x;y" }, NULL, NULL, 1, 0, false, 0 },
	/* a later command systemd ignores: the first stays */
	{ "/bin/a ; \"/bin/b", { NULL }, 0, { "/bin/a" }, NULL, NULL, 1, 0, true, 0 },

	/* specifiers, for docker.service */
	{ "/usr/bin/dockerd --pidfile=%t/%N.pid --label=%n --x=%p%i%% %f %j %J %P %I", { NULL }, 0,
	  { "/usr/bin/dockerd", "--pidfile=/run/docker.pid", "--label=docker.service", "--x=docker%",
	    "/docker", "docker", "docker", "docker", "" },
	  NULL, NULL, 1, 0, false, 0 },
	{ "/bin/x %S %C %L %E %T %V %d %u %U %g %G %h %s", { NULL }, 0,
	  { "/bin/x", "/var/lib", "/var/cache", "/var/log", "/etc", "/tmp", "/var/tmp",
	    "/run/credentials/docker.service", "root", "0", "root", "0", "/root", "/bin/sh" },
	  NULL, NULL, 1, 0, false, 0 },
	{ "/bin/x --name=%H %m %- 50% \\x25n", { NULL }, 0,
	  { "/bin/x", "--name=%H", "%m", "%-", "50%", "docker.service" }, NULL, NULL, 1, 0, true, 0 },
	/* a specifier is resolved before variables: %t inside ${} is a name */
	{ "/bin/x ${%N}", { "docker=yes" }, 0, { "/bin/x", "yes" }, "-1", NULL, 1, 0, false, 0 },

	/* blank value: nothing (the caller handles "ExecStart=" resets) */
	{ "   ", { NULL }, 0, { NULL }, NULL, NULL, 0, 0, false, 0 },

	/* lines systemd ignores (first word undecodable, or "-" prefix) */
	{ "\"/usr/bin/dockerd -H fd://", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0, EXEC_LINE_IGNORED,
	  false, EXEC_LINE_PATH_QUOTING },
	{ "--/RValue argv0 r1", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0, EXEC_LINE_IGNORED, false, EXEC_LINE_PATH_INVALID },
	{ "-@-/RValue argv0 r1", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0, EXEC_LINE_IGNORED, false, EXEC_LINE_PATH_INVALID },
	{ "- /path", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0, EXEC_LINE_IGNORED, false, EXEC_LINE_EMPTY_PATH },
	{ "-", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0, EXEC_LINE_IGNORED, false, EXEC_LINE_EMPTY_PATH },
	{ "-/usr/bin/dockerd 'x", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0, EXEC_LINE_IGNORED, false, EXEC_LINE_QUOTING },
	{ "-/usr/bin/dockerd %z", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0, EXEC_LINE_IGNORED, false, EXEC_LINE_UNKNOWN_SPECIFIER },
	/* lines that make the unit fail to load */
	{ "/RValue/ argv0 r1", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0, EXEC_LINE_BAD_SETTING, false, EXEC_LINE_PATH_DIRECTORY },
	{ "@/RValue", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0, EXEC_LINE_BAD_SETTING, false, EXEC_LINE_NO_ARGV0 },
	{ "@ /usr/bin/dockerd", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0, EXEC_LINE_BAD_SETTING, false, EXEC_LINE_EMPTY_PATH },
	{ "/path\\", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0, EXEC_LINE_BAD_SETTING, false, EXEC_LINE_PATH_UNSAFE },
	{ "/path 'foo", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0, EXEC_LINE_BAD_SETTING, false, EXEC_LINE_QUOTING },
	{ "/path 'foo\\", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0, EXEC_LINE_BAD_SETTING, false, EXEC_LINE_QUOTING },
	{ "/usr/bin/dockerd -H \"tcp://0.0.0.0:2375", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0,
	  EXEC_LINE_BAD_SETTING, false, EXEC_LINE_QUOTING },
	{ "/usr/bin/dockerd %z", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0, EXEC_LINE_BAD_SETTING,
	  false, EXEC_LINE_UNKNOWN_SPECIFIER },
	{ "/usr/bin/dockerd%7", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0, EXEC_LINE_BAD_SETTING,
	  false, EXEC_LINE_UNKNOWN_SPECIFIER },
	{ "+!/usr/bin/dockerd", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0, EXEC_LINE_BAD_SETTING,
	  false, EXEC_LINE_PATH_INVALID },
	{ "!!!/usr/bin/dockerd", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0, EXEC_LINE_BAD_SETTING,
	  false, EXEC_LINE_PATH_INVALID },
	{ "|/usr/bin/dockerd -H fd://", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0,
	  EXEC_LINE_BAD_SETTING, false, EXEC_LINE_PATH_PIPE },
	{ "usr/bin/dockerd", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0, EXEC_LINE_BAD_SETTING, false, EXEC_LINE_PATH_INVALID },
	{ "/bin/a ; /bin/b 'x", { NULL }, -EINVAL, { NULL }, NULL, NULL, 0, EXEC_LINE_BAD_SETTING,
	  false, EXEC_LINE_QUOTING },
};

static size_t count_words(const char *const *w)
{
	size_t n = 0;
	while (n < MAXW && w[n])
		n++;
	return n;
}

static void test_exec_table(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof(exec_cases) / sizeof(exec_cases[0]); c++) {
		const struct exec_case *t = &exec_cases[c];
		struct env env = { 0 };
		struct word_list out = { 0 };
		struct exec_line_info info = { 0 };
		struct dl_evidence where = { 0 };
		size_t n = count_words(t->words);
		int r;

		print_message("case %zu: %s\n", c, t->value);
		env_from(&env, t->env);
		evidence_set(&where, SRC_SYSTEMD_UNIT, "/lib/systemd/system/docker.service", 12,
			     "ExecStart=...");
		r = exec_line_split_full(&out, &info, t->value, NULL, &env, &where);
		if (r != t->ret || info.reason != t->reason) {
			char *why = exec_line_error_text(&info);
			print_error("case %zu: r=%d reason %d (%s)\n", c, r, info.reason, why);
			free(why);
		}
		assert_int_equal(r, t->ret);
		assert_int_equal(info.reason, t->reason);
		if (r < 0) {
			assert_int_equal(info.fault, t->fault);
			assert_int_equal(out.count, 0);
		} else {
			assert_int_equal(info.fault, EXEC_LINE_OK);
			if (out.count != n)
				for (size_t i = 0; i < out.count; i++)
					print_error("  got [%zu] '%s'\n", i, out.items[i].text);
			assert_int_equal(out.count, n);
			for (size_t i = 0; i < n; i++) {
				assert_string_equal(out.items[i].text, t->words[i]);
				assert_string_equal(out.items[i].where.source, SRC_SYSTEMD_UNIT);
				assert_int_equal(out.items[i].where.line, 12);
				if (t->via) {
					char v = t->via[i];
					assert_true(v != '\0');
					if (v == '-')
						assert_null(out.items[i].via.source);
					else {
						assert_string_equal(out.items[i].via.source, SRC_ENV_FILE);
						assert_string_equal(out.items[i].via.path, ENV_PATH);
						assert_int_equal(out.items[i].via.line, (unsigned)(v - '0'));
					}
				}
			}
			if (t->via)
				assert_int_equal(strlen(t->via), n);
			assert_int_equal(info.ncommands, t->ncommands ? t->ncommands : (n ? 1 : 0));
			if (t->argv0)
				assert_string_equal(info.argv0, t->argv0);
			if (!t->notes && info.nnotes > 0) {
				char *notes = exec_line_notes_text(&info);
				print_error("case %zu: unexpected notes: %s\n", c, notes);
				free(notes);
			}
			assert_int_equal(info.nnotes > 0, t->notes);
		}
		exec_line_info_clear(&info);
		word_list_clear(&out);
		evidence_clear(&where);
		env_clear(&env);
	}
}

static void test_exec_prefix_flags(void **state)
{
	static const struct {
		const char *value;
		bool ignore, argv0, noenv, plus, bang, bangbang;
	} cases[] = {
		{ "/x", false, false, false, false, false, false },
		{ "-/x", true, false, false, false, false, false },
		{ "@/x a0", false, true, false, false, false, false },
		{ ":/x", false, false, true, false, false, false },
		{ "+/x", false, false, false, true, false, false },
		{ "!/x", false, false, false, false, true, false },
		{ "!!/x", false, false, false, false, false, true },
		{ "-:@+/x a0", true, true, true, true, false, false },
		{ "@!!-/x a0", true, true, false, false, false, true },
	};
	(void)state;
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct word_list out = { 0 };
		struct exec_line_info info = { 0 };

		assert_int_equal(exec_line_split_full(&out, &info, cases[c].value, NULL, NULL, NULL), 0);
		assert_string_equal(out.items[0].text, "/x");
		assert_int_equal(info.ignore_failure, cases[c].ignore);
		assert_int_equal(info.separate_argv0, cases[c].argv0);
		assert_int_equal(info.no_env_expand, cases[c].noenv);
		assert_int_equal(info.full_privileges, cases[c].plus);
		assert_int_equal(info.no_setuid, cases[c].bang);
		assert_int_equal(info.ambient_magic, cases[c].bangbang);
		exec_line_info_clear(&info);
		word_list_clear(&out);
	}
}

/* systemd's test-load-fragment.c: every "\X" below decodes to a character
 * string_is_safe() refuses, or stays a backslash: the unit fails to load. */
static void test_exec_unsafe_path_chars(void **state)
{
	(void)state;
	for (const char *c = "abfnrtv\\'\"x"; *c; c++) {
		char value[] = "/path\\X";
		struct word_list out = { 0 };
		struct exec_line_info info = { 0 };

		value[sizeof(value) - 2] = *c;
		assert_int_equal(exec_line_split_full(&out, &info, value, NULL, NULL, NULL), -EINVAL);
		assert_int_equal(info.fault, EXEC_LINE_BAD_SETTING);
		assert_int_equal(info.reason, EXEC_LINE_PATH_UNSAFE);
		assert_non_null(info.subject);
		assert_true(str_startswith(info.subject, "/path"));
		assert_int_equal(out.count, 0);
		exec_line_info_clear(&info);
	}
}

static void test_exec_unit_name(void **state)
{
	struct word_list out = { 0 };

	(void)state;
	assert_int_equal(exec_line_split_full(&out, NULL, "/bin/x %n %N %p %i %I %j %f",
					      "dockerd-x@tcp\\x2d2375.service", NULL, NULL),
			 0);
	assert_int_equal(out.count, 8);
	assert_string_equal(out.items[1].text, "dockerd-x@tcp\\x2d2375.service");
	assert_string_equal(out.items[2].text, "dockerd-x@tcp\\x2d2375");
	assert_string_equal(out.items[3].text, "dockerd-x");
	assert_string_equal(out.items[4].text, "tcp\\x2d2375");
	assert_string_equal(out.items[5].text, "tcp-2375");
	assert_string_equal(out.items[6].text, "x");
	assert_string_equal(out.items[7].text, "/tcp-2375");
	word_list_clear(&out);
}

/* The simple interface: one command, appended to out, where on every word. */
static void test_exec_simple_api(void **state)
{
	struct env env = { 0 };
	struct word_list out = { 0 };
	struct dl_evidence where = { 0 };
	const char *const opts[] = { DEBIAN_OPTS, NULL };
	struct dl_problem_list problems = { 0 };

	(void)state;
	env_from(&env, opts);
	evidence_set(&where, SRC_SYSTEMD_UNIT, "/lib/systemd/system/docker.service", 9,
		     "ExecStart=/usr/sbin/dockerd -H fd:// $DOCKER_OPTS");
	word_list_add(&out, "already-there", NULL, NULL);

	assert_int_equal(exec_line_split(&out, "/usr/sbin/dockerd -H fd:// $DOCKER_OPTS", &env, &where,
					 &problems),
			 0);
	assert_int_equal(problems.count, 0);
	assert_int_equal(out.count, 7);
	assert_string_equal(out.items[1].text, "/usr/sbin/dockerd");
	assert_string_equal(out.items[4].text, "-H");
	assert_string_equal(out.items[5].text, "tcp://0.0.0.0:2375");
	assert_string_equal(out.items[5].via.text, DEBIAN_OPTS);
	assert_int_equal(out.items[5].via.line, 1);
	assert_string_equal(out.items[6].text, "--tlsverify");
	assert_string_equal(out.items[6].where.path, "/lib/systemd/system/docker.service");
	assert_int_equal(out.items[6].where.line, 9);
	assert_null(out.items[2].via.source);

	/* several commands: refused, nothing added, an error problem at where */
	assert_int_equal(exec_line_split(&out, "/usr/bin/dockerd ; /bin/true", &env, &where,
					 &problems),
			 -EINVAL);
	assert_int_equal(problems.count, 1);
	assert_int_equal(problems.items[0].severity, DL_SEVERITY_ERROR);
	assert_string_equal(problems.items[0].path, "/lib/systemd/system/docker.service");
	assert_int_equal(problems.items[0].line, 9);
	assert_string_equal(problems.items[0].message,
			    "ExecStart= holds 2 commands separated by \";\": systemd refuses more "
			    "than one unless Type=oneshot");
	/* syntax error: refused, nothing added, the reason and what systemd does */
	assert_int_equal(exec_line_split(&out, "/usr/bin/dockerd -H 'tcp://", &env, &where,
					 &problems),
			 -EINVAL);
	assert_int_equal(problems.count, 2);
	assert_string_equal(problems.items[1].message,
			    "unbalanced quoting: systemd refuses to load the unit (bad-setting)");
	assert_int_equal(out.count, 7);

	/* NULL env: variables are unknown */
	assert_int_equal(exec_line_split(&out, "/usr/bin/dockerd $X ${X}", NULL, NULL, &problems),
			 0);
	assert_int_equal(out.count, 9);
	assert_string_equal(out.items[8].text, "");
	assert_null(out.items[8].where.source);

	word_list_clear(&out);
	evidence_clear(&where);
	env_clear(&env);
	problem_list_clear(&problems);
}

static void test_exec_bounds(void **state)
{
	struct word_list out = { 0 };
	struct env env = { 0 };
	struct exec_line_info info = { 0 };
	char *big;
	size_t n;

	(void)state;
	/* value over 64 KiB */
	n = EXEC_LINE_MAX_VALUE + 10;
	big = malloc(n + 1);
	memset(big, 'a', n);
	memcpy(big, "/bin/x ", 7);
	big[n] = '\0';
	assert_int_equal(exec_line_split_full(&out, &info, big, NULL, NULL, NULL), -E2BIG);
	assert_int_equal(info.reason, EXEC_LINE_VALUE_TOO_LONG);
	assert_int_equal(info.fault, EXEC_LINE_OK);
	exec_line_info_clear(&info);
	free(big);

	/* more than 4096 words as written */
	n = 2 * (EXEC_LINE_MAX_WORDS + 10);
	big = malloc(n + 8);
	strcpy(big, "/bin/x");
	for (size_t i = 6; i < n; i += 2)
		memcpy(big + i, " a", 2);
	big[n] = '\0';
	assert_int_equal(exec_line_split_full(&out, &info, big, NULL, NULL, NULL), -E2BIG);
	assert_int_equal(info.reason, EXEC_LINE_TOO_MANY_WORDS);
	exec_line_info_clear(&info);
	free(big);

	/* more than 4096 words after expansion */
	n = 2 * 3000;
	big = malloc(n + 1);
	for (size_t i = 0; i < n; i += 2)
		memcpy(big + i, "w ", 2);
	big[n] = '\0';
	env_set(&env, "V", big, NULL);
	free(big);
	assert_int_equal(exec_line_split_full(&out, &info, "/bin/x $V $V", NULL, &env, NULL), -E2BIG);
	assert_int_equal(info.reason, EXEC_LINE_EXPANDS_TOO_BIG);
	exec_line_info_clear(&info);
	assert_int_equal(out.count, 0);
	/* notes stay bounded */
	{
		size_t m = 3000 * 3;
		char *v = malloc(m + 8);
		strcpy(v, "/bin/x");
		for (size_t i = 6; i + 3 <= m; i += 3)
			memcpy(v + i, " %H", 3);
		v[m - m % 3] = '\0';
		assert_int_equal(exec_line_split_full(&out, &info, v, NULL, NULL, NULL), 0);
		/* 2999 times the same specifier: one note */
		assert_int_equal(info.nnotes, 1);
		assert_int_equal(info.notes[0].kind, EXEC_LINE_NOTE_HOST_SPECIFIER);
		assert_int_equal(info.notes[0].specifier, 'H');
		assert_false(info.notes_truncated);
		word_list_clear(&out);
		exec_line_info_clear(&info);
		free(v);
	}
	{
		/* Commands with 1, 2, 3, ... unknown escapes: distinct notes, until
		 * the text bound. */
		struct strbuf b = { 0 };
		for (unsigned k = 1; k <= 80; k++) {
			strbuf_puts(&b, k > 1 ? " ; /bin/x" : "/bin/x");
			for (unsigned j = 0; j < k; j++)
				strbuf_puts(&b, " \\q");
		}
		assert_int_equal(exec_line_split_full(&out, &info, b.s, NULL, NULL, NULL), 0);
		assert_int_equal(info.ncommands, 80);
		assert_true(info.notes_truncated);
		assert_true(info.nnotes > 10 && info.nnotes < 80);
		for (size_t i = 0; i < info.nnotes; i++) {
			assert_int_equal(info.notes[i].kind, EXEC_LINE_NOTE_UNKNOWN_ESCAPES);
			assert_int_equal(info.notes[i].count, i + 1);
		}
		char *notes = exec_line_notes_text(&info);
		assert_true(strlen(notes) < 2200);
		assert_true(str_startswith(notes, "1 unknown escape sequence kept verbatim with their "
						  "backslash; 2 unknown escape sequences kept"));
		assert_true(str_endswith(notes, "; ..."));
		free(notes);
		word_list_clear(&out);
		exec_line_info_clear(&info);
		free(b.s);
	}
	/* one is fine */
	assert_int_equal(exec_line_split_full(&out, NULL, "/bin/x $V", NULL, &env, NULL), 0);
	assert_int_equal(out.count, 3001);
	word_list_clear(&out);
	env_clear(&env);
}

/* A deterministic pseudo-random generator (no dependence on rand()). */
static uint32_t lcg(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

static void test_exec_random(void **state)
{
	static const char alphabet[] = "$${}\"'\\%;@-:+!| \t\nxnuU0179aHDNV=/";
	struct env env = { 0 };
	uint32_t seed = 20240607;

	(void)state;
	env_set(&env, "V", "a \"b c\" \\", NULL);
	env_set(&env, "H", "", NULL);
	for (int iter = 0; iter < 20000; iter++) {
		char value[96];
		size_t n = lcg(&seed) % (sizeof(value) - 1);
		struct word_list out = { 0 };
		struct exec_line_info info = { 0 };
		int r;

		for (size_t i = 0; i < n; i++) {
			uint32_t x = lcg(&seed);
			value[i] = (x & 3) ? alphabet[(x >> 2) % (sizeof(alphabet) - 1)]
					   : (char)(1 + (x >> 2) % 255);
		}
		value[n] = '\0';
		r = exec_line_split_full(&out, &info, value, NULL, &env, NULL);
		assert_true(r == 0 || r == -EINVAL || r == -E2BIG);
		if (r == 0) {
			assert_int_equal(info.reason, EXEC_LINE_REASON_NONE);
			assert_true(out.count > 0 || info.ncommands == 0);
		} else {
			/* a refusal always has a reason, and -EINVAL what systemd does */
			assert_int_not_equal(info.reason, EXEC_LINE_REASON_NONE);
			assert_int_equal(r == -EINVAL, info.fault != EXEC_LINE_OK);
			assert_int_equal(out.count, 0);
		}
		exec_line_info_clear(&info);
		word_list_clear(&out);
	}
	env_clear(&env);
}

/* ---------------------------------------------------------------- EnvironmentFile= */

struct env_expect {
	const char *name, *value;
	unsigned line;
	const char *text; /* NULL: not checked */
};

struct problem_expect {
	unsigned line;
	const char *contains;
};

struct env_case {
	const char *label;
	const char *text;
	size_t len; /* 0: strlen(text) */
	int ret;
	struct env_expect vars[8];
	struct problem_expect problems[6];
};

#define DEBIAN_DEFAULT_DOCKER                                                      \
	"# Docker Upstart and SysVinit configuration file\n"                       \
	"\n"                                                                       \
	"#\n"                                                                      \
	"# THIS FILE DOES NOT APPLY TO SYSTEMD\n"                                  \
	"#\n"                                                                      \
	"#   Please see the documentation for \"systemd drop-ins\":\n"             \
	"#   https://docs.docker.com/engine/admin/systemd/\n"                      \
	"#\n"                                                                      \
	"\n"                                                                       \
	"# Customize location of Docker binary (especially for development testing).\n" \
	"#DOCKERD=\"/usr/local/bin/dockerd\"\n"                                    \
	"\n"                                                                       \
	"# Use DOCKER_OPTS to modify the daemon startup options.\n"                \
	"#DOCKER_OPTS=\"--dns 8.8.8.8 --dns 8.8.4.4\"\n"                           \
	"\n"                                                                       \
	"# If you need Docker to use an HTTP proxy, it can also be specified here.\n" \
	"#export http_proxy=\"http://127.0.0.1:3128/\"\n"                          \
	"\n"                                                                       \
	"# This is also a handy place to tweak where Docker's temporary files go.\n" \
	"#export DOCKER_TMPDIR=\"/mnt/bigdrive/docker-tmp\"\n"                     \
	"DOCKER_OPTS=\"-H tcp://0.0.0.0:2375 --tlsverify\"\n"

static const struct env_case env_cases[] = {
	{ "debian /etc/default/docker", DEBIAN_DEFAULT_DOCKER, 0, 0,
	  { { "DOCKER_OPTS", "-H tcp://0.0.0.0:2375 --tlsverify", 21,
	      "DOCKER_OPTS=\"-H tcp://0.0.0.0:2375 --tlsverify\"" } },
	  { { 0, NULL } } },
	/* systemd test-env-file.c env_file_1 .. env_file_5 */
	{ "upstream 1", "a=a\nb=b\\\nc\nd=d\\\ne\\\nf\ng=g\\ \nh=h\ni=i\\", 0, 0,
	  { { "a", "a", 1, "a=a" },
	    { "b", "bc", 2, "b=b\\\nc" },
	    { "d", "def", 4, "d=d\\\ne\\\nf" },
	    { "g", "g ", 7, "g=g\\" },
	    { "h", "h", 8, "h=h" },
	    { "i", "i", 9, "i=i\\" } },
	  { { 0, NULL } } },
	{ "upstream 2", "a=a\\\n", 0, 0, { { "a", "a", 1, "a=a\\" } }, { { 0, NULL } } },
	{ "upstream 3: a comment ending in a backslash swallows the next line",
	  "#SPAMD_ARGS=\"-d --socketpath=/var/lib/bulwark/spamd \\\n"
	  "#--nouser-config                                     \\\n"
	  "normal=line",
	  0, 0, { { NULL, NULL, 0, NULL } }, { { 3, "part of the comment" } } },
	{ "upstream 4",
	  "# Generated\n\nHWMON_MODULES=\"coretemp f71882fg\"\n\n# For compatibility reasons\n\n"
	  "MODULE_0=coretemp\nMODULE_1=f71882fg",
	  0, 0,
	  { { "HWMON_MODULES", "coretemp f71882fg", 3, NULL },
	    { "MODULE_0", "coretemp", 7, NULL },
	    { "MODULE_1", "f71882fg", 8, NULL } },
	  { { 0, NULL } } },
	{ "upstream 5", "a=\nb=", 0, 0, { { "a", "", 1, "a=" }, { "b", "", 2, "b=" } }, { { 0, NULL } } },
	/* double quotes: \" \\ \` \$ unescaped, other backslashes kept, \newline eaten */
	{ "double quotes", "A=\"x \\\"y\\\" \\\\ \\$HOME \\` z \\n \\\nw\"\n", 0, 0,
	  { { "A", "x \"y\" \\ $HOME ` z \\n w", 1, NULL } }, { { 0, NULL } } },
	/* single quotes: all literal, newlines too */
	{ "single quotes", "B='a \\\"b\\\" \\n $X'\nD='l1\nl2'\nE=1\n", 0, 0,
	  { { "B", "a \\\"b\\\" \\n $X", 1, NULL },
	    { "D", "l1\nl2", 2, "D='l1\nl2'" },
	    { "E", "1", 4, NULL } },
	  { { 0, NULL } } },
	/* blanks: around key and value; inside kept */
	{ "blanks", "  F=   val   \t\nG  =1\nK=a b  c  \n\n\t\nL= \n", 0, 0,
	  { { "F", "val", 1, "F=   val" },
	    { "G", "1", 2, NULL },
	    { "K", "a b  c", 3, NULL },
	    { "L", "", 6, NULL } },
	  { { 0, NULL } } },
	/* quotes only open a value; adjacent pieces join */
	{ "quote placement", "I=a\"b\"\nJ=\"a\" 'b' c\n", 0, 0,
	  { { "I", "a\"b\"", 1, NULL }, { "J", "abc", 2, NULL } }, { { 0, NULL } } },
	/* unquoted backslashes */
	{ "unquoted escapes", "L=a\\\"b\\\\c\\$\nM=x\\ \nN=\\\n  cont\n", 0, 0,
	  { { "L", "a\"b\\c$", 1, NULL }, { "M", "x ", 2, NULL }, { "N", "  cont", 3, NULL } },
	  { { 0, NULL } } },
	/* comments: # and ; at line start only */
	{ "comments", "# c\n; c\n   # indented\nN=1 # not a comment\nO=2;3\n", 0, 0,
	  { { "N", "1 # not a comment", 4, NULL }, { "O", "2;3", 5, NULL } }, { { 0, NULL } } },
	{ "comment continuation onto a blank line", "# x \\\n\nZ=1\n", 0, 0,
	  { { "Z", "1", 3, NULL } }, { { 0, NULL } } },
	{ "comment continuation onto a comment", "# x \\\n# y\nZ=1\n", 0, 0,
	  { { "Z", "1", 3, NULL } }, { { 0, NULL } } },
	/* no export in systemd */
	{ "export", "export P=1\nQ=2\n", 0, 0, { { "Q", "2", 2, NULL } },
	  { { 1, "\"export\"" } } },
	{ "invalid names", "1A=x\nA-B=y\nA.B=z\n=v\n\xc3\xa4=1\nOK_1=ok\n", 0, 0,
	  { { "OK_1", "ok", 6, NULL } },
	  { { 1, "invalid variable name \"1A\"" },
	    { 2, "invalid variable name \"A-B\"" },
	    { 3, "invalid variable name \"A.B\"" },
	    { 4, "without a variable name (\"=v\")" },
	    { 5, "invalid variable name" } } },
	{ "no equals", "JUSTAWORD\nR=1\nTRAILING", 0, 0, { { "R", "1", 2, NULL } },
	  { { 1, "no \"=\" in the line (\"JUSTAWORD\")" }, { 3, "no \"=\" in the line (\"TRAILING\")" } } },
	{ "later wins", "Q=1\nQ=2\n", 0, 0, { { "Q", "2", 2, "Q=2" } }, { { 0, NULL } } },
	{ "CRLF", "R=1\r\nS=\"2\"\r\n", 0, 0, { { "R", "1", 1, "R=1" }, { "S", "2", 2, "S=\"2\"" } },
	  { { 0, NULL } } },
	{ "EOF inside quotes", "Y=\"abc", 0, 0, { { "Y", "abc", 1, NULL } }, { { 0, NULL } } },
	{ "empty", "", 0, 0, { { NULL, NULL, 0, NULL } }, { { 0, NULL } } },
	/* the whole file refused */
	{ "invalid UTF-8 value", "T=ok\nU=\xff\n", 0, -EBADMSG, { { NULL, NULL, 0, NULL } },
	  { { 2, "invalid UTF-8" } } },
	{ "invalid UTF-8 name", "T=ok\nJUNK\n\xc0\xaf=1\n", 0, -EBADMSG, { { NULL, NULL, 0, NULL } },
	  { { 3, "invalid UTF-8" } } },
	{ "surrogate", "T=\xed\xa0\x80\n", 0, -EBADMSG, { { NULL, NULL, 0, NULL } },
	  { { 1, "invalid UTF-8" } } },
	{ "invalid UTF-8 in a comment is fine", "# \xff\xfe\nV=\xc3\xa9\n", 0, 0,
	  { { "V", "\xc3\xa9", 2, NULL } }, { { 0, NULL } } },
	{ "NUL byte", "W=1\nX=2\0Y=3\n", 12, -EBADMSG, { { NULL, NULL, 0, NULL } },
	  { { 2, "NUL byte" } } },
};

static void test_env_file_table(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof(env_cases) / sizeof(env_cases[0]); c++) {
		const struct env_case *t = &env_cases[c];
		struct env env = { 0 };
		struct dl_problem_list problems = { 0 };
		size_t nvars = 0, nprobs = 0;
		int r;

		print_message("env case %zu: %s\n", c, t->label);
		while (nvars < 8 && t->vars[nvars].name)
			nvars++;
		while (nprobs < 6 && t->problems[nprobs].contains)
			nprobs++;

		r = env_file_parse_n(&env, "/etc/default/docker", t->text, t->len ? t->len : strlen(t->text),
				     &problems);
		for (size_t i = 0; i < problems.count; i++)
			print_message("  problem %u: %s\n", problems.items[i].line, problems.items[i].message);
		assert_int_equal(r, t->ret);
		assert_int_equal(env.count, nvars);
		for (size_t i = 0; i < nvars; i++) {
			const struct env_var *v = env_get(&env, t->vars[i].name);
			assert_non_null(v);
			assert_string_equal(v->value, t->vars[i].value);
			assert_string_equal(v->where.source, SRC_ENV_FILE);
			assert_string_equal(v->where.path, "/etc/default/docker");
			assert_int_equal(v->where.line, t->vars[i].line);
			if (t->vars[i].text)
				assert_string_equal(v->where.text, t->vars[i].text);
		}
		assert_int_equal(problems.count, nprobs);
		for (size_t i = 0; i < nprobs; i++) {
			assert_string_equal(problems.items[i].path, "/etc/default/docker");
			assert_int_equal(problems.items[i].line, t->problems[i].line);
			assert_non_null(strstr(problems.items[i].message, t->problems[i].contains));
		}
		problem_list_clear(&problems);
		env_clear(&env);
	}
}

/* Files override what Environment= set before; NUL-terminated entry point. */
static void test_env_file_overrides(void **state)
{
	struct env env = { 0 };
	struct dl_problem_list problems = { 0 };
	struct dl_evidence unit = { 0 };
	const struct env_var *v;

	(void)state;
	evidence_set(&unit, SRC_SYSTEMD_UNIT, "/lib/systemd/system/docker.service", 5,
		     "Environment=DOCKER_OPTS=-H unix://");
	env_set(&env, "DOCKER_OPTS", "-H unix://", &unit);
	env_set(&env, "KEEP", "1", &unit);
	assert_int_equal(env_file_parse(&env, "/etc/sysconfig/docker", "DOCKER_OPTS='-H tcp://:2375'\n",
					&problems),
			 0);
	assert_int_equal(problems.count, 0);
	assert_int_equal(env.count, 2);
	v = env_get(&env, "DOCKER_OPTS");
	assert_string_equal(v->value, "-H tcp://:2375");
	assert_string_equal(v->where.source, SRC_ENV_FILE);
	assert_string_equal(v->where.path, "/etc/sysconfig/docker");
	assert_int_equal(v->where.line, 1);
	assert_string_equal(env_get(&env, "KEEP")->where.source, SRC_SYSTEMD_UNIT);

	/* a refused file changes nothing */
	assert_int_equal(env_file_parse(&env, "/etc/sysconfig/docker", "DOCKER_OPTS=\xff\n", &problems),
			 -EBADMSG);
	assert_string_equal(env_get(&env, "DOCKER_OPTS")->value, "-H tcp://:2375");
	assert_int_equal(problems.count, 1);
	/* problems may be NULL */
	assert_int_equal(env_file_parse(&env, "/x", "bad name=1\nKEEP=2\n", NULL), 0);
	assert_string_equal(env_get(&env, "KEEP")->value, "2");

	problem_list_clear(&problems);
	evidence_clear(&unit);
	env_clear(&env);
}

/* Evidence text: bounded to 512 bytes, never cut inside a UTF-8 character. */
static void test_env_file_evidence_bound(void **state)
{
	struct env env = { 0 };
	char text[2048];
	size_t n = 0;

	(void)state;
	n += (size_t)sprintf(text, "LONG=");
	for (int i = 0; i < 600; i++) {
		memcpy(text + n, "\xc3\xa9", 2); /* é */
		n += 2;
	}
	text[n++] = '\n';
	text[n] = '\0';
	assert_int_equal(env_file_parse(&env, "/f", text, NULL), 0);
	const struct env_var *v = env_get(&env, "LONG");
	assert_non_null(v);
	assert_int_equal(strlen(v->value), 1200);
	assert_true(strlen(v->where.text) <= 512);
	assert_true(strlen(v->where.text) >= 510);
	assert_int_equal((strlen(v->where.text) - 5) % 2, 0);
	env_clear(&env);
}

/* Hostile sizes: many assignments are refused, many bad lines summed up. */
static void test_env_file_bounds(void **state)
{
	struct env env = { 0 };
	struct dl_problem_list problems = { 0 };
	size_t cap = 5000 * 16, n = 0;
	char *text = malloc(cap);

	(void)state;
	for (int i = 0; i < 5000; i++)
		n += (size_t)snprintf(text + n, cap - n, "V%d=%d\n", i, i);
	assert_int_equal(env_file_parse_n(&env, "/f", text, n, &problems), -E2BIG);
	assert_int_equal(env.count, 0);
	assert_int_equal(problems.count, 1);
	problem_list_clear(&problems);

	n = 0;
	for (int i = 0; i < 200; i++)
		n += (size_t)snprintf(text + n, cap - n, "word%d\n", i);
	n += (size_t)snprintf(text + n, cap - n, "OK=1\n");
	assert_int_equal(env_file_parse_n(&env, "/f", text, n, &problems), 0);
	assert_int_equal(env.count, 1);
	assert_int_equal(problems.count, 65);
	assert_int_equal(problems.items[0].line, 1);
	assert_int_equal(problems.items[63].line, 64);
	assert_non_null(strstr(problems.items[64].message, "136 more"));
	problem_list_clear(&problems);
	env_clear(&env);
	free(text);
}

static void test_env_file_random(void **state)
{
	static const char alphabet[] = "AB_=#;\\\"'` $\n\r\t x1";
	uint32_t seed = 777;

	(void)state;
	for (int iter = 0; iter < 20000; iter++) {
		char text[128];
		size_t n = lcg(&seed) % sizeof(text);
		struct env env = { 0 };
		struct dl_problem_list problems = { 0 };
		int r;

		for (size_t i = 0; i < n; i++) {
			uint32_t x = lcg(&seed);
			text[i] = (x & 7) ? alphabet[(x >> 3) % (sizeof(alphabet) - 1)] : (char)(x >> 3);
		}
		r = env_file_parse_n(&env, "/f", text, n, &problems);
		assert_true(r == 0 || r == -EBADMSG);
		if (r < 0) {
			assert_int_equal(env.count, 0);
			assert_true(problems.count > 0);
		}
		for (size_t i = 0; i < env.count; i++) {
			assert_non_null(env.items[i].where.text);
			assert_true(env.items[i].where.line >= 1);
		}
		problem_list_clear(&problems);
		env_clear(&env);
	}
}

/* Host facts and the command index (docs/differential-systemd.md). */
static void test_ctx(void **state)
{
	(void)state;
	const struct exec_line_ctx ctx = { .unit_name = "docker.service", .hostname = "node-1.example",
					   .shell = "/bin/bash", .unit_path = "/etc/systemd/system/docker.service" };
	struct word_list out = { 0 };
	struct exec_line_info info = { 0 };

	assert_int_equal(exec_line_split_ctx(&out, &info, "/usr/sbin/dockerd -H tcp://%H:2375 %l %s %y %Y",
					     &ctx, NULL, NULL), 0);
	assert_int_equal(out.count, 7);
	assert_string_equal(out.items[2].text, "tcp://node-1.example:2375");
	assert_string_equal(out.items[3].text, "node-1");
	assert_string_equal(out.items[4].text, "/bin/bash");
	assert_string_equal(out.items[5].text, "/etc/systemd/system/docker.service");
	assert_string_equal(out.items[6].text, "/etc/systemd/system");
	assert_int_equal(info.nnotes, 2);
	assert_int_equal(info.notes[0].kind, EXEC_LINE_NOTE_HOST_NAME);
	assert_int_equal(info.notes[0].specifier, 'H');
	assert_string_equal(info.notes[0].value, "node-1.example");
	assert_int_equal(info.notes[1].specifier, 'l');
	char *notes = exec_line_notes_text(&info);
	assert_string_equal(notes, "specifier %H is the host name, \"node-1.example\" from "
				   "/etc/hostname: the value depends on the host; specifier %l is "
				   "the host name, \"node-1\" from /etc/hostname: the value depends "
				   "on the host");
	free(notes);
	assert_true(info.host_name);
	word_list_clear(&out);
	exec_line_info_clear(&info);

	/* %D is unknown to systemd 252: fatal without "-". */
	assert_int_equal(exec_line_split_ctx(&out, &info, "/usr/sbin/dockerd %D", &ctx, NULL, NULL),
			 -EINVAL);
	assert_int_equal(info.fault, EXEC_LINE_BAD_SETTING);
	assert_int_equal(info.reason, EXEC_LINE_UNKNOWN_SPECIFIER);
	assert_int_equal(info.specifier, 'D');
	assert_string_equal(info.subject, "%D");
	exec_line_info_clear(&info);

	/* The second command of a ";" line. */
	struct exec_line_ctx second = ctx;
	second.command = 1;
	assert_int_equal(exec_line_split_ctx(&out, &info, "/usr/sbin/dockerd -D ; /usr/bin/dockerd -H x",
					     &second, NULL, NULL), 0);
	assert_int_equal(info.ncommands, 2);
	assert_int_equal(out.count, 3);
	assert_string_equal(out.items[0].text, "/usr/bin/dockerd");
	word_list_clear(&out);
	exec_line_info_clear(&info);

	/* Without a host name %H stays as written. */
	const struct exec_line_ctx bare = { 0 };
	assert_int_equal(exec_line_split_ctx(&out, &info, "/usr/sbin/dockerd %H %s", &bare, NULL, NULL), 0);
	assert_false(info.host_name);
	assert_string_equal(out.items[1].text, "%H");
	assert_string_equal(out.items[2].text, "%s");
	word_list_clear(&out);
	exec_line_info_clear(&info);
}

/* The message of every reason: the text of the problem a refused line
 * becomes (the scan's JSON and text outputs carry it), with and without what
 * systemd does with the line. */
static void test_reason_texts(void **state)
{
	(void)state;
	static const struct {
		const char *value;
		enum exec_line_reason reason;
		const char *text;
	} t[] = {
		{ "\"/x", EXEC_LINE_PATH_QUOTING,
		  "unbalanced quoting in the executable path: systemd ignores this ExecStart= line" },
		{ "/x a%z", EXEC_LINE_UNKNOWN_SPECIFIER,
		  "unknown specifier %z in \"a%z\": systemd refuses to load the unit (bad-setting)" },
		{ "-@", EXEC_LINE_EMPTY_PATH,
		  "empty executable path (only prefixes): systemd ignores this ExecStart= line" },
		{ "/x\\ty", EXEC_LINE_PATH_UNSAFE,
		  "executable path \"/x\ty\" contains special characters: systemd refuses to load "
		  "the unit (bad-setting)" },
		{ "/x/", EXEC_LINE_PATH_DIRECTORY,
		  "executable path \"/x/\" names a directory: systemd refuses to load the unit "
		  "(bad-setting)" },
		{ "|/x", EXEC_LINE_PATH_PIPE,
		  "\"|/x\" is not a valid executable: \"|\" (run through a shell) is a prefix only "
		  "since systemd 258: systemd refuses to load the unit (bad-setting)" },
		{ "x/y", EXEC_LINE_PATH_INVALID,
		  "\"x/y\" is neither an absolute path nor a plain executable name: systemd refuses "
		  "to load the unit (bad-setting)" },
		{ "-/x 'a", EXEC_LINE_QUOTING, "unbalanced quoting: systemd ignores this ExecStart= line" },
		{ "@/x", EXEC_LINE_NO_ARGV0,
		  "\"@\" without an argv[0] word after the executable path: systemd refuses to load "
		  "the unit (bad-setting)" },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct word_list out = { 0 };
		struct exec_line_info info = { 0 };
		print_message("reason case %zu: %s\n", i, t[i].value);
		assert_int_equal(exec_line_split_full(&out, &info, t[i].value, NULL, NULL, NULL),
				 -EINVAL);
		assert_int_equal(info.reason, t[i].reason);
		char *text = exec_line_error_text(&info);
		assert_string_equal(text, t[i].text);
		free(text);
		/* The reason alone is the text up to what systemd does. */
		char *alone = exec_line_reason_text(&info);
		assert_int_equal(strncmp(alone, t[i].text, strlen(alone)), 0);
		assert_string_equal(t[i].text + strlen(alone), info.fault == EXEC_LINE_IGNORED
				    ? ": systemd ignores this ExecStart= line"
				    : ": systemd refuses to load the unit (bad-setting)");
		free(alone);
		exec_line_info_clear(&info);
	}
	/* The bounds name themselves; no fault (the reader reports them later). */
	struct exec_line_info info = { .reason = EXEC_LINE_TOO_MANY_WORDS };
	char *text = exec_line_error_text(&info);
	assert_string_equal(text, "ExecStart= holds more than 4096 words");
	free(text);
	info.reason = EXEC_LINE_VALUE_TOO_LONG;
	text = exec_line_error_text(&info);
	assert_string_equal(text, "ExecStart= value longer than 65536 bytes");
	free(text);
	info.reason = EXEC_LINE_EXPANDS_TOO_BIG;
	text = exec_line_error_text(&info);
	assert_string_equal(text, "ExecStart= expands to more than 4096 words or 1048576 bytes");
	free(text);
	/* A later command systemd ignores becomes a note with its reason. */
	struct word_list out = { 0 };
	assert_int_equal(exec_line_split_full(&out, &info, "/x a ; -/y 'b", NULL, NULL, NULL), 0);
	assert_int_equal(info.reason, EXEC_LINE_REASON_NONE);
	assert_int_equal(info.nnotes, 1);
	assert_int_equal(info.notes[0].kind, EXEC_LINE_NOTE_COMMAND_IGNORED);
	assert_int_equal(info.notes[0].command, 2);
	assert_int_equal(info.notes[0].reason, EXEC_LINE_QUOTING);
	char *notes = exec_line_notes_text(&info);
	assert_string_equal(notes, "command 2 ignored by systemd: unbalanced quoting; the rest of "
				   "the line is dropped");
	free(notes);
	exec_line_info_clear(&info);
	word_list_clear(&out);
}

int main(void)
{
	const struct CMUnitTest exec_tests[] = {
		cmocka_unit_test(test_reason_texts),
		cmocka_unit_test(test_ctx),
		cmocka_unit_test(test_exec_table),
		cmocka_unit_test(test_exec_prefix_flags),
		cmocka_unit_test(test_exec_unsafe_path_chars),
		cmocka_unit_test(test_exec_unit_name),
		cmocka_unit_test(test_exec_simple_api),
		cmocka_unit_test(test_exec_bounds),
		cmocka_unit_test(test_exec_random),
	};
	const struct CMUnitTest env_file_tests[] = {
		cmocka_unit_test(test_env_file_table),
		cmocka_unit_test(test_env_file_overrides),
		cmocka_unit_test(test_env_file_evidence_bound),
		cmocka_unit_test(test_env_file_bounds),
		cmocka_unit_test(test_env_file_random),
	};
	int failed = 0;

	failed += cmocka_run_group_tests_name("exec_line", exec_tests, NULL, NULL);
	failed += cmocka_run_group_tests_name("env_file", env_file_tests, NULL, NULL);
	return failed ? 1 : 0;
}
