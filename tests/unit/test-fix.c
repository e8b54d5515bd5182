/* The fix's building blocks (docs/fix.md §1): word spans of ExecStart=
 * values from exec_line's own tokenizer, and the byte spans of daemon.json
 * "hosts" entries; then the planner on small roots. */
#include "config.h"

#include "testutil.h"

#include "read/daemon_json.h"
#include "fix/fix_internal.h"
#include "read/exec_line.h"
struct span_case {
	const char *value;
	const char *env_name, *env_value; /* one variable, or NULL */
	int nspans;
	/* the words as written, "|"-separated, and the expanded word count of each */
	const char *words;
	const char *counts;
};

static const struct span_case span_cases[] = {
	{ "/usr/bin/dockerd -H fd://", NULL, NULL, 3, "/usr/bin/dockerd|-H|fd://", "111" },
	{ "/usr/bin/dockerd \"-H\" 'tcp://0.0.0.0:2375'  -H\"fd://\"", NULL, NULL, 4,
	  "/usr/bin/dockerd|\"-H\"|'tcp://0.0.0.0:2375'|-H\"fd://\"", "1111" },
	{ "/usr/bin/dockerd $OPTS --debug", "OPTS", "-H tcp://x:1 -H unix:///s", 3,
	  "/usr/bin/dockerd|$OPTS|--debug", "141" },
	{ "/usr/bin/dockerd $OPTS --debug", "OPTS", "", 3, "/usr/bin/dockerd|$OPTS|--debug", "101" },
	{ "/usr/bin/dockerd ${OPTS} x", "OPTS", "", 3, "/usr/bin/dockerd|${OPTS}|x", "111" },
	{ "@/usr/bin/dockerd dockerd -H tcp://a:1", NULL, NULL, 4,
	  "@/usr/bin/dockerd|dockerd|-H|tcp://a:1", "1011" },
	{ "/usr/bin/dockerd a\\ b c", NULL, NULL, 3, "/usr/bin/dockerd|a\\ b|c", "111" },
	{ "/usr/bin/dockerd -H  \t tcp://a:1 \\; x", NULL, NULL, 5,
	  "/usr/bin/dockerd|-H|tcp://a:1|\\;|x", "11111" },
	{ "/usr/bin/dockerd -H x ; /bin/true", NULL, NULL, 3, "/usr/bin/dockerd|-H|x", "111" },
};

static void test_spans(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(span_cases) / sizeof(*span_cases); i++) {
		const struct span_case *c = &span_cases[i];
		struct env env = { 0 };
		if (c->env_name)
			env_set(&env, c->env_name, c->env_value, NULL);
		struct exec_line_span *sp = NULL;
		int n = exec_line_spans(&sp, c->value, &env);
		if (n != c->nspans)
			fail_msg("case %zu: %d spans, want %d", i, n, c->nspans);
		char *words = strdup(c->words);
		char *save = NULL;
		char *w = strtok_r(words, "|", &save);
		size_t word = 0;
		for (int k = 0; k < n; k++, w = strtok_r(NULL, "|", &save)) {
			assert_non_null(w);
			size_t len = sp[k].end - sp[k].start;
			if (len != strlen(w) || memcmp(c->value + sp[k].start, w, len))
				fail_msg("case %zu span %d: \"%.*s\", want \"%s\"", i, k, (int)len,
					 c->value + sp[k].start, w);
			assert_int_equal(sp[k].nwords, (size_t)(c->counts[k] - '0'));
			assert_int_equal(sp[k].word, word);
			word += sp[k].nwords;
		}
		exec_line_spans_free(sp, n > 0 ? (size_t)n : 0);
		free(words);
		env_clear(&env);
	}
}

static void test_spans_var(void **state)
{
	(void)state;
	struct env env = { 0 };
	struct exec_line_span *sp = NULL;
	int n = exec_line_spans(&sp, "/d $A \"${B}\" x${C} $$D", &env);
	assert_int_equal(n, 5);
	assert_string_equal(sp[1].var, "A");
	assert_false(sp[1].braced);
	assert_string_equal(sp[2].var, "B");
	assert_true(sp[2].braced);
	assert_null(sp[3].var);
	assert_null(sp[4].var);
	exec_line_spans_free(sp, (size_t)n);
	/* Unbalanced quotes: not a line systemd runs. */
	assert_true(exec_line_spans(&sp, "/d \"-H", &env) < 0);
}

static void test_json_spans(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	const char *text = "{\n  \"debug\": true,\n  \"hosts\": [ \"unix:///s\" ,\"tcp://a:1\"],\n  \"x\": 1\n}\n";
	fixture_write(root, "/etc/docker/daemon.json", text);
	struct rootfs r;
	assert_int_equal(rootfs_open(&r, root), 0);
	struct daemon_json dj = { 0 };
	struct dl_problem_list probs = { 0 };
	daemon_json_load(&dj, &r, "/etc/docker/daemon.json", false, &probs);
	assert_true(dj.hosts_spans);
	assert_int_equal(dj.nhosts, 2);
	assert_memory_equal(text + dj.hosts[0].start, "\"unix:///s\"", 11);
	assert_int_equal(dj.hosts[0].end - dj.hosts[0].start, 11);
	assert_memory_equal(text + dj.hosts[1].start, "\"tcp://a:1\"", 11);
	assert_int_equal(text[dj.hosts_value_start], '[');
	assert_int_equal(text[dj.hosts_value_end - 1], ']');
	/* the member with the comma before it */
	assert_memory_equal(text + dj.hosts_cut_start, ",\n  \"hosts\"", 11);
	assert_int_equal(dj.hosts_cut_end, dj.hosts_value_end);
	daemon_json_clear(&dj);
	problem_list_clear(&probs);
	/* A repeated "hosts": no spans (which one to edit is not obvious). */
	fixture_write(root, "/etc/docker/daemon.json", "{\"hosts\": [\"tcp://a:1\"], \"hosts\": []}");
	daemon_json_load(&dj, &r, "/etc/docker/daemon.json", false, &probs);
	assert_false(dj.hosts_spans);
	daemon_json_clear(&dj);
	problem_list_clear(&probs);
	rootfs_close(&r);
	fixture_rmroot(root);
}

/* The planner and the check on a small root, end to end in the library. */
static void test_plan_verify(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	fixture_write(root, "/usr/bin/dockerd", "");
	fixture_write(root, "/etc/docker/daemon.json",
		      "{\"hosts\": [\"tcp://0.0.0.0:2375\", \"unix:///var/run/docker.sock\"]}\n");
	struct dl_fix_plan *p = NULL;
	char err[256];
	assert_int_equal(dl_fix_plan(&p, root, err, sizeof(err)), 0);
	assert_int_equal(p->tcp_before, 1);
	assert_int_equal(p->nrefusals, 0);
	assert_int_equal(p->nfiles, 1);
	assert_string_equal(p->files[0].path, "/etc/docker/daemon.json");
	assert_string_equal(p->files[0].new_text, "{\"hosts\": [\"unix:///var/run/docker.sock\"]}\n");
	assert_int_equal(dl_fix_verify(p, err, sizeof(err)), 0);
	assert_true(p->verified);
	dl_fix_plan_free(p);

	/* A file that changed after the plan was made is not overwritten. */
	assert_int_equal(dl_fix_plan(&p, root, err, sizeof(err)), 0);
	assert_int_equal(dl_fix_verify(p, err, sizeof(err)), 0);
	fixture_write(root, "/etc/docker/daemon.json", "{\"hosts\": [\"tcp://1.2.3.4:1\"]}\n");
	assert_true(dl_fix_write(p, 0, err, sizeof(err)) < 0);
	dl_fix_plan_free(p);
	fixture_rmroot(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_spans_var),
		cmocka_unit_test(test_json_spans),
		cmocka_unit_test(test_plan_verify),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
