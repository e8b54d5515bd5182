/* Tests for the problem list: de-duplication (same path, line and message
 * listed once, the stronger severity wins) through the hash index, and the
 * per-file cap (PROBLEM_MAX_PER_SOURCE entries, then one "and K more" entry
 * that is an error when a hidden entry was). */
#include "config.h"
#include "testutil.h"

static size_t count_path(const struct dl_problem_list *l, const char *path)
{
	size_t n = 0;
	for (size_t i = 0; i < l->count; i++)
		n += l->items[i].path && !strcmp(l->items[i].path, path);
	return n;
}

static void test_dedup(void **state)
{
	(void)state;
	struct dl_problem_list l = { 0 };
	warning_add(&l, "/a", 3, "same %d", 1);
	warning_add(&l, "/a", 3, "same %d", 1);
	assert_int_equal(l.count, 1);
	assert_int_equal(l.items[0].severity, DL_SEVERITY_WARNING);
	problem_add(&l, "/a", 3, "same %d", 1);
	assert_int_equal(l.count, 1);
	assert_int_equal(l.items[0].severity, DL_SEVERITY_ERROR);
	problem_add(&l, "/a", 4, "same 1");
	problem_add(&l, "/b", 3, "same 1");
	problem_add(&l, NULL, 3, "same 1");
	problem_add(&l, NULL, 3, "same 1");
	assert_int_equal(l.count, 4);
	/* Many distinct entries across many files: every one kept once. */
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 3000; i++) {
			char path[32];
			snprintf(path, sizeof(path), "/f%d", i % 100);
			problem_add(&l, path, (unsigned)i, "m");
		}
	assert_int_equal(l.count, 4 + 3000);
	problem_list_clear(&l);
	assert_null(l.index);
	assert_int_equal(l.count, 0);
}

static void test_cap(void **state)
{
	(void)state;
	struct dl_problem_list l = { 0 };
	for (unsigned i = 1; i <= PROBLEM_MAX_PER_SOURCE + 7; i++)
		warning_add(&l, "/t", i, "bad line");
	problem_add(&l, "/other", 1, "fine");
	assert_int_equal(count_path(&l, "/t"), PROBLEM_MAX_PER_SOURCE + 1);
	const struct dl_problem *s = &l.items[PROBLEM_MAX_PER_SOURCE];
	assert_int_equal(s->line, 0);
	assert_non_null(strstr(s->message, "and 7 more problems"));
	assert_int_equal(s->severity, DL_SEVERITY_WARNING);
	/* A hidden duplicate is not counted again; a hidden error makes the
	 * summary an error. */
	warning_add(&l, "/t", PROBLEM_MAX_PER_SOURCE + 3, "bad line");
	assert_non_null(strstr(s->message, "and 7 more problems"));
	problem_add(&l, "/t", PROBLEM_MAX_PER_SOURCE + 3, "bad line");
	assert_non_null(strstr(s->message, "and 7 more problems"));
	assert_int_equal(s->severity, DL_SEVERITY_ERROR);
	/* A listed duplicate still merges into its entry. */
	problem_add(&l, "/t", 1, "bad line");
	assert_int_equal(l.items[0].severity, DL_SEVERITY_ERROR);
	assert_int_equal(count_path(&l, "/t"), PROBLEM_MAX_PER_SOURCE + 1);
	assert_int_equal(count_path(&l, "/other"), 1);
	problem_list_clear(&l);
}

static void test_cap_one_more(void **state)
{
	(void)state;
	struct dl_problem_list l = { 0 };
	for (unsigned i = 1; i <= PROBLEM_MAX_PER_SOURCE + 1; i++)
		problem_add(&l, NULL, i, "x");
	assert_int_equal(l.count, PROBLEM_MAX_PER_SOURCE + 1);
	assert_non_null(strstr(l.items[PROBLEM_MAX_PER_SOURCE].message, "and 1 more problem in"));
	assert_int_equal(l.items[PROBLEM_MAX_PER_SOURCE].severity, DL_SEVERITY_ERROR);
	problem_list_clear(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dedup),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_cap_one_more),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
