/* Tests for the model building blocks: evidence and problem lists (each fact
 * listed once), words that remember where they came from, environment sets
 * (later sets replace earlier ones), and the number and string helpers every
 * reader uses on hostile input. */
#include "config.h"
#include "testutil.h"

#include <limits.h>

/* ------------------------------------------------------------ evidence */

static void test_evidence_list_dedup(void **state)
{
	(void)state;
	/* Each add, and the list count expected after it. */
	static const struct {
		const char *source, *path;
		unsigned line;
		const char *text;
		size_t count;
	} adds[] = {
		{ SRC_SYSTEMD_UNIT, "/lib/systemd/system/docker.service", 12,
		  "ExecStart=/usr/bin/dockerd -H fd://", 1 },
		/* the same fact again (two hosts from one line): listed once */
		{ SRC_SYSTEMD_UNIT, "/lib/systemd/system/docker.service", 12,
		  "ExecStart=/usr/bin/dockerd -H fd://", 1 },
		/* any field differing makes a new entry */
		{ SRC_SYSTEMD_UNIT, "/lib/systemd/system/docker.service", 13,
		  "ExecStart=/usr/bin/dockerd -H fd://", 2 },
		{ SRC_SYSTEMD_DROPIN, "/lib/systemd/system/docker.service", 12,
		  "ExecStart=/usr/bin/dockerd -H fd://", 3 },
		{ SRC_SYSTEMD_UNIT, "/etc/systemd/system/docker.service", 12,
		  "ExecStart=/usr/bin/dockerd -H fd://", 4 },
		{ SRC_SYSTEMD_UNIT, "/lib/systemd/system/docker.service", 12,
		  "ExecStart=/usr/bin/dockerd -H unix://", 5 },
		/* NULL path and text (the dockerd default has no file) */
		{ SRC_DEFAULT, NULL, 0, NULL, 6 },
		{ SRC_DEFAULT, NULL, 0, NULL, 6 },
		{ SRC_DEFAULT, NULL, 0, "default", 7 },
		{ SRC_DEFAULT, NULL, 0, "default", 7 },
		/* and the first one is still known after growth */
		{ SRC_SYSTEMD_UNIT, "/lib/systemd/system/docker.service", 12,
		  "ExecStart=/usr/bin/dockerd -H fd://", 7 },
	};
	struct dl_evidence_list l = { 0 };
	for (size_t i = 0; i < sizeof(adds) / sizeof(adds[0]); i++) {
		evidence_list_add(&l, adds[i].source, adds[i].path, adds[i].line, adds[i].text);
		if (l.count != adds[i].count)
			fail_msg("after add %zu: count %zu, expected %zu", i, l.count,
				 adds[i].count);
	}
	assert_true(l.cap >= l.count);
	/* Order of first appearance is kept. */
	assert_string_equal(l.items[0].source, SRC_SYSTEMD_UNIT);
	assert_int_equal(l.items[0].line, 12);
	assert_int_equal(l.items[1].line, 13);
	assert_string_equal(l.items[2].source, SRC_SYSTEMD_DROPIN);
	assert_string_equal(l.items[5].source, SRC_DEFAULT);
	assert_null(l.items[5].path);
	assert_null(l.items[5].text);
	assert_string_equal(l.items[6].text, "default");
	evidence_list_clear(&l);
	assert_int_equal(l.count, 0);
	assert_null(l.items);
	evidence_list_clear(&l); /* clearing an empty list is fine */
}

static void test_evidence_copies(void **state)
{
	(void)state;
	char path[] = "/etc/docker/daemon.json";
	char text[] = "\"hosts\": [\"tcp://0.0.0.0:2375\"]";
	struct dl_evidence_list l = { 0 };
	evidence_list_add(&l, SRC_DAEMON_JSON, path, 3, text);
	/* The list owns copies: changing the caller's buffers changes nothing. */
	path[1] = 'X';
	text[0] = 'X';
	assert_string_equal(l.items[0].path, "/etc/docker/daemon.json");
	assert_string_equal(l.items[0].text, "\"hosts\": [\"tcp://0.0.0.0:2375\"]");

	struct dl_evidence e = { 0 };
	evidence_set(&e, SRC_ENV_FILE, "/etc/default/docker", 7, "DOCKER_OPTS=-H tcp://");
	evidence_list_push(&l, &e);
	evidence_list_push(&l, &e); /* push dedups like add */
	assert_int_equal(l.count, 2);
	assert_ptr_not_equal(l.items[1].path, e.path);
	assert_string_equal(l.items[1].source, SRC_ENV_FILE);
	assert_string_equal(l.items[1].path, "/etc/default/docker");
	assert_int_equal(l.items[1].line, 7);
	assert_string_equal(l.items[1].text, "DOCKER_OPTS=-H tcp://");

	struct dl_evidence c = { 0 };
	evidence_copy(&c, &e);
	evidence_clear(&e);
	assert_null(e.source);
	assert_null(e.path);
	assert_null(e.text);
	assert_int_equal(e.line, 0);
	assert_string_equal(c.path, "/etc/default/docker");
	assert_string_equal(l.items[1].path, "/etc/default/docker");
	evidence_clear(&c);
	evidence_list_clear(&l);
}

/* ------------------------------------------------------------ problems */

static void test_problem_add(void **state)
{
	(void)state;
	struct dl_problem_list l = { 0 };
	problem_add(&l, "/etc/docker/daemon.json", 3, "unknown key \"%s\" (%d)", "hots", 42);
	assert_int_equal(l.count, 1);
	assert_string_equal(l.items[0].path, "/etc/docker/daemon.json");
	assert_int_equal(l.items[0].line, 3);
	assert_string_equal(l.items[0].message, "unknown key \"hots\" (42)");

	/* The same problem twice: listed once. */
	problem_add(&l, "/etc/docker/daemon.json", 3, "unknown key \"%s\" (%d)", "hots", 42);
	assert_int_equal(l.count, 1);
	/* Different line, path or message: a new entry. */
	problem_add(&l, "/etc/docker/daemon.json", 4, "unknown key \"%s\" (%d)", "hots", 42);
	problem_add(&l, "/etc/docker/other.json", 3, "unknown key \"%s\" (%d)", "hots", 42);
	problem_add(&l, "/etc/docker/daemon.json", 3, "unknown key \"%s\" (%d)", "hots", 43);
	assert_int_equal(l.count, 4);
	/* No file (e.g. a conflict between flag and file). */
	problem_add(&l, NULL, 0, "no %s", "file");
	problem_add(&l, NULL, 0, "no %s", "file");
	assert_int_equal(l.count, 5);
	assert_null(l.items[4].path);
	assert_int_equal(l.items[4].line, 0);
	assert_string_equal(l.items[4].message, "no file");

	/* Messages are formatted, not interpreted: a '%' in an argument stays. */
	problem_add(&l, "/x", 1, "%s", "100%s %n");
	assert_string_equal(l.items[5].message, "100%s %n");
	/* Long messages are not truncated. */
	char big[5000];
	memset(big, 'm', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	problem_add(&l, "/x", 2, "line: %s", big);
	assert_int_equal(strlen(l.items[6].message), strlen("line: ") + sizeof(big) - 1);

	/* Many distinct problems (growth), spread over files so that the
	 * per-file cap (test-problems) does not apply. */
	for (unsigned i = 0; i < 100; i++) {
		char path[32];
		snprintf(path, sizeof(path), "/many%u", i / 25);
		problem_add(&l, path, i + 1, "p%u", i);
	}
	assert_int_equal(l.count, 107);
	assert_string_equal(l.items[106].message, "p99");
	assert_int_equal(l.items[106].line, 100);
	problem_list_clear(&l);
	assert_int_equal(l.count, 0);
	assert_null(l.items);
}

/* ------------------------------------------------------------ words */

static void test_word_list_add(void **state)
{
	(void)state;
	struct dl_evidence where = { 0 }, via = { 0 }, novia = { 0 };
	evidence_set(&where, SRC_SYSTEMD_UNIT, "/lib/systemd/system/docker.service", 14,
		     "ExecStart=/usr/bin/dockerd $DOCKER_OPTS");
	evidence_set(&via, SRC_ENV_FILE, "/etc/default/docker", 2, "DOCKER_OPTS=\"-H tcp://\"");

	struct word_list l = { 0 };
	word_list_add(&l, "/usr/bin/dockerd", &where, NULL);
	word_list_add(&l, "-H", &where, &via);
	word_list_add(&l, "tcp://", &where, &novia); /* via without source: none */
	word_list_add(&l, "", NULL, NULL);           /* empty word, no evidence */
	assert_int_equal(l.count, 4);

	assert_string_equal(l.items[0].text, "/usr/bin/dockerd");
	assert_string_equal(l.items[0].where.source, SRC_SYSTEMD_UNIT);
	assert_string_equal(l.items[0].where.path, "/lib/systemd/system/docker.service");
	assert_int_equal(l.items[0].where.line, 14);
	assert_null(l.items[0].via.source);

	assert_string_equal(l.items[1].text, "-H");
	assert_string_equal(l.items[1].via.source, SRC_ENV_FILE);
	assert_string_equal(l.items[1].via.path, "/etc/default/docker");
	assert_int_equal(l.items[1].via.line, 2);
	assert_string_equal(l.items[1].via.text, "DOCKER_OPTS=\"-H tcp://\"");
	/* copies, not the caller's pointers */
	assert_ptr_not_equal(l.items[1].via.path, via.path);
	assert_ptr_not_equal(l.items[1].where.path, where.path);

	assert_null(l.items[2].via.source);
	assert_string_equal(l.items[3].text, "");
	assert_null(l.items[3].where.source);
	assert_null(l.items[3].where.path);
	assert_null(l.items[3].via.source);

	evidence_clear(&where);
	evidence_clear(&via);
	assert_string_equal(l.items[1].where.text, "ExecStart=/usr/bin/dockerd $DOCKER_OPTS");

	/* No fixed word limit. */
	for (unsigned i = 0; i < 1000; i++)
		word_list_add(&l, "-D", NULL, NULL);
	assert_int_equal(l.count, 1004);
	assert_string_equal(l.items[1003].text, "-D");
	word_list_clear(&l);
	assert_int_equal(l.count, 0);
	assert_null(l.items);
}

/* ------------------------------------------------------------ environment */

static void test_env(void **state)
{
	(void)state;
	struct dl_evidence a = { 0 }, b = { 0 };
	evidence_set(&a, SRC_SYSTEMD_UNIT, "/lib/systemd/system/docker.service", 5,
		     "Environment=DOCKER_OPTS=-H unix://");
	evidence_set(&b, SRC_SYSTEMD_DROPIN, "/etc/systemd/system/docker.service.d/x.conf", 2,
		     "Environment=DOCKER_OPTS=-H tcp://0.0.0.0:2375");

	struct env e = { 0 };
	assert_null(env_get(&e, "DOCKER_OPTS"));

	env_set(&e, "DOCKER_OPTS", "-H unix://", &a);
	env_set(&e, "OTHER", "x", NULL);
	const struct env_var *v = env_get(&e, "DOCKER_OPTS");
	assert_non_null(v);
	assert_string_equal(v->name, "DOCKER_OPTS");
	assert_string_equal(v->value, "-H unix://");
	assert_string_equal(v->where.path, "/lib/systemd/system/docker.service");
	assert_int_equal(v->where.line, 5);

	/* A later set replaces the value and the evidence; no second entry. */
	env_set(&e, "DOCKER_OPTS", "-H tcp://0.0.0.0:2375", &b);
	assert_int_equal(e.count, 2);
	v = env_get(&e, "DOCKER_OPTS");
	assert_string_equal(v->value, "-H tcp://0.0.0.0:2375");
	assert_string_equal(v->where.source, SRC_SYSTEMD_DROPIN);
	assert_string_equal(v->where.path, "/etc/systemd/system/docker.service.d/x.conf");
	assert_int_equal(v->where.line, 2);
	assert_string_equal(v->where.text, "Environment=DOCKER_OPTS=-H tcp://0.0.0.0:2375");

	/* Replaced without evidence: the old evidence is gone, not kept. */
	env_set(&e, "DOCKER_OPTS", "", NULL);
	v = env_get(&e, "DOCKER_OPTS");
	assert_string_equal(v->value, "");
	assert_null(v->where.source);
	assert_null(v->where.path);
	assert_int_equal(v->where.line, 0);

	/* Names are case-sensitive and matched whole. */
	assert_null(env_get(&e, "docker_opts"));
	assert_null(env_get(&e, "DOCKER"));
	assert_null(env_get(&e, "DOCKER_OPTS2"));
	assert_null(env_get(&e, ""));
	env_set(&e, "docker_opts", "lower", NULL);
	assert_int_equal(e.count, 3);
	assert_string_equal(env_get(&e, "docker_opts")->value, "lower");
	assert_string_equal(env_get(&e, "DOCKER_OPTS")->value, "");
	assert_string_equal(env_get(&e, "OTHER")->value, "x");

	/* The caller's evidence was copied. */
	evidence_clear(&a);
	evidence_clear(&b);
	env_set(&e, "X", "1", NULL);
	for (unsigned i = 0; i < 200; i++) {
		char name[16];
		snprintf(name, sizeof(name), "V%u", i);
		env_set(&e, name, name, NULL);
	}
	assert_int_equal(e.count, 204);
	assert_string_equal(env_get(&e, "V199")->value, "V199");
	assert_string_equal(env_get(&e, "docker_opts")->value, "lower");
	env_clear(&e);
	assert_int_equal(e.count, 0);
	assert_null(e.items);
	assert_null(env_get(&e, "X"));
}

/* ------------------------------------------------------------ parse_uint */

struct uint_case {
	const char *s;
	unsigned long min, max;
	int err;
	unsigned long want;
};

static void test_parse_uint(void **state)
{
	(void)state;
	static const struct uint_case cases[] = {
		/* not a number */
		{ "", 0, ULONG_MAX, -EINVAL, 0 },
		{ "+1", 0, ULONG_MAX, -EINVAL, 0 },
		{ "-1", 0, ULONG_MAX, -EINVAL, 0 },
		{ "-0", 0, ULONG_MAX, -EINVAL, 0 },
		{ " 1", 0, ULONG_MAX, -EINVAL, 0 },
		{ "1 ", 0, ULONG_MAX, -EINVAL, 0 },
		{ "\t1", 0, ULONG_MAX, -EINVAL, 0 },
		{ "1\n", 0, ULONG_MAX, -EINVAL, 0 },
		{ "12a", 0, ULONG_MAX, -EINVAL, 0 },
		{ "a12", 0, ULONG_MAX, -EINVAL, 0 },
		{ "0x10", 0, ULONG_MAX, -EINVAL, 0 },
		{ "1e3", 0, ULONG_MAX, -EINVAL, 0 },
		{ "1.0", 0, ULONG_MAX, -EINVAL, 0 },
		{ "1_000", 0, ULONG_MAX, -EINVAL, 0 },
		{ "\xd9\xa1", 0, ULONG_MAX, -EINVAL, 0 }, /* ARABIC-INDIC DIGIT ONE */
		{ " ", 0, ULONG_MAX, -EINVAL, 0 },
		/* plain values */
		{ "0", 0, ULONG_MAX, 0, 0 },
		{ "7", 0, ULONG_MAX, 0, 7 },
		{ "2375", 0, 65535, 0, 2375 },
		{ "007", 0, 65535, 0, 7 }, /* leading zeros are decimal, not octal */
		{ "0000000000000000000000000001", 0, 65535, 0, 1 },
		/* port bounds */
		{ "0", 1, 65535, -ERANGE, 0 },
		{ "1", 1, 65535, 0, 1 },
		{ "65535", 0, 65535, 0, 65535 },
		{ "65536", 0, 65535, -ERANGE, 0 },
		{ "99999", 0, 65535, -ERANGE, 0 },
		{ "4294967296", 0, 65535, -ERANGE, 0 },
		/* min/max */
		{ "4", 5, 10, -ERANGE, 0 },
		{ "5", 5, 10, 0, 5 },
		{ "10", 5, 10, 0, 10 },
		{ "11", 5, 10, -ERANGE, 0 },
		{ "100", 5, 10, -ERANGE, 0 },
		{ "0", 0, 0, 0, 0 },
		{ "1", 0, 0, -ERANGE, 0 },
		{ "9", 0, 9, 0, 9 },
		{ "9", 0, 8, -ERANGE, 0 },
		/* around ULONG_MAX (64-bit: 18446744073709551615) */
		{ "18446744073709551615", 0, ULONG_MAX, 0, ULONG_MAX },
		{ "18446744073709551616", 0, ULONG_MAX, -ERANGE, 0 },
		{ "18446744073709551620", 0, ULONG_MAX, -ERANGE, 0 },
		{ "28446744073709551615", 0, ULONG_MAX, -ERANGE, 0 },
		{ "184467440737095516150", 0, ULONG_MAX, -ERANGE, 0 },
		{ "99999999999999999999999999999999", 0, ULONG_MAX, -ERANGE, 0 },
		{ "18446744073709551614", 0, ULONG_MAX - 1, 0, ULONG_MAX - 1 },
		{ "18446744073709551615", 0, ULONG_MAX - 1, -ERANGE, 0 },
		{ "18446744073709551615", ULONG_MAX, ULONG_MAX, 0, ULONG_MAX },
		{ "18446744073709551614", ULONG_MAX, ULONG_MAX, -ERANGE, 0 },
	};
	_Static_assert(sizeof(unsigned long) == 8, "the ULONG_MAX rows assume LP64");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct uint_case *c = &cases[i];
		unsigned long out = 0xdeadbeef;
		int e = parse_uint(c->s, c->min, c->max, &out);
		if (e != c->err)
			fail_msg("parse_uint(\"%s\", %lu, %lu) = %d, expected %d", c->s, c->min,
				 c->max, e, c->err);
		if (e == 0 && out != c->want)
			fail_msg("parse_uint(\"%s\") gave %lu, expected %lu", c->s, out, c->want);
	}
	unsigned long out;
	assert_int_equal(parse_uint(NULL, 0, 10, &out), -EINVAL);
}

/* ------------------------------------------------------------ strings */

static void test_str_affixes(void **state)
{
	(void)state;
	static const struct {
		const char *s, *affix;
		bool starts, ends;
	} cases[] = {
		{ "docker.service", "docker", true, false },
		{ "docker.service", ".service", false, true },
		{ "docker.service", "docker.service", true, true },
		{ "docker.service", "", true, true },
		{ "", "", true, true },
		{ "", "a", false, false },
		{ "a", "ab", false, false },
		{ "b", "ab", false, false },
		{ "docker.socket", ".service", false, false },
		{ "tcp://0.0.0.0:2375", "tcp://", true, false },
		{ "TCP://0.0.0.0:2375", "tcp://", false, false }, /* case matters */
		{ "fd://", "fd://", true, true },
		{ "x.conf.bak", ".conf", false, false },
		{ "aaa", "aa", true, true },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (str_startswith(cases[i].s, cases[i].affix) != cases[i].starts)
			fail_msg("str_startswith(\"%s\", \"%s\") != %d", cases[i].s,
				 cases[i].affix, cases[i].starts);
		if (str_endswith(cases[i].s, cases[i].affix) != cases[i].ends)
			fail_msg("str_endswith(\"%s\", \"%s\") != %d", cases[i].s, cases[i].affix,
				 cases[i].ends);
	}
}

static void test_alloc_helpers(void **state)
{
	(void)state;
	assert_null(xstrdup(NULL));
	_cleanup_free_ char *d = xstrdup("abc");
	assert_string_equal(d, "abc");
	_cleanup_free_ char *n = xstrndup("abcdef", 3);
	assert_string_equal(n, "abc");
	_cleanup_free_ char *n2 = xstrndup("ab", 10);
	assert_string_equal(n2, "ab");
	_cleanup_free_ char *f = xasprintf("%s:%u", "/etc/docker/daemon.json", 3u);
	assert_string_equal(f, "/etc/docker/daemon.json:3");
	_cleanup_free_ char *z = xcalloc(16, 1);
	for (int i = 0; i < 16; i++)
		assert_int_equal(z[i], 0);
	_cleanup_free_ void *m0 = xmalloc(0); /* a valid pointer even for 0 */
	assert_non_null(m0);
}

/* ------------------------------------------------------------ grow_array */

static void test_grow_array(void **state)
{
	(void)state;
	struct item {
		unsigned long a, b;
	};
	struct item *items = NULL;
	size_t cap = 0;

	/* A table of successive needs; after each, cap >= need and all the
	 * elements written before are still there. */
	static const size_t needs[] = { 0, 1, 1, 3, 4, 5, 2, 17, 1000, 1001, 10, 4096 };
	size_t filled = 0;
	for (size_t i = 0; i < sizeof(needs) / sizeof(needs[0]); i++) {
		size_t old_cap = cap;
		struct item *old = items;
		grow_array(&items, &cap, needs[i], sizeof(*items));
		if (needs[i] <= old_cap) {
			/* nothing to do: unchanged */
			assert_int_equal(cap, old_cap);
			assert_ptr_equal(items, old);
		}
		if (cap < needs[i])
			fail_msg("need %zu: cap %zu", needs[i], cap);
		if (needs[i] > 0)
			assert_non_null(items);
		for (size_t k = 0; k < filled; k++)
			if (items[k].a != k || items[k].b != ~k)
				fail_msg("need %zu: element %zu lost", needs[i], k);
		/* write every element up to the new need (ASan checks bounds) */
		for (size_t k = filled; k < needs[i]; k++) {
			items[k].a = k;
			items[k].b = ~k;
		}
		if (needs[i] > filled)
			filled = needs[i];
	}
	free(items);

	/* Works for a char-sized element type too. */
	char *bytes = NULL;
	cap = 0;
	grow_array(&bytes, &cap, 3, 1);
	assert_true(cap >= 3);
	memcpy(bytes, "abc", 3);
	grow_array(&bytes, &cap, 100000, 1);
	assert_true(cap >= 100000);
	assert_memory_equal(bytes, "abc", 3);
	bytes[99999] = 'z';
	free(bytes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_evidence_list_dedup),
		cmocka_unit_test(test_evidence_copies),
		cmocka_unit_test(test_problem_add),
		cmocka_unit_test(test_word_list_add),
		cmocka_unit_test(test_env),
		cmocka_unit_test(test_parse_uint),
		cmocka_unit_test(test_str_affixes),
		cmocka_unit_test(test_alloc_helpers),
		cmocka_unit_test(test_grow_array),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
