# Fuzzing (docs/launchers.md has the hostile-input design; SECURITY.md the
# threat model). Every reader has a libFuzzer target in fuzz/; the
# regression inputs under fuzz/regress/ run through the same target
# functions without libFuzzer in make check (tests/fuzz-regress), so gcc
# builds run them too.

# The unit tests alone (quickstart.sh test runs them on the clang build).
check-unit:
	$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(UNIT_TESTS)'
.PHONY: check-unit

# Output escaping (src/escape.c): reversible text escapes, JSON replacement.
UNIT_TESTS += tests/unit/test-escape
tests_unit_test_escape_SOURCES = tests/unit/test-escape.c tests/unit/testutil.h
tests_unit_test_escape_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_escape_LDADD = $(TEST_LDADD)

# Invalid bytes through every output format, strict parsers (python3 json,
# xmllint, oscap ds rds-validate on oscap's ARF).
CONTENT_TESTS += tests/invalid-bytes.test

# Problem list: hash de-duplication and the per-file cap (src/model.c).
UNIT_TESTS += tests/unit/test-problems
tests_unit_test_problems_SOURCES = tests/unit/test-problems.c tests/unit/testutil.h
tests_unit_test_problems_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_problems_LDADD = $(TEST_LDADD)

# Benchmark: a 1M-line garbage /proc net table, against wc -l and awk
# (make bench runs it too). Measured, not asserted.
dist_noinst_SCRIPTS += bench/garbage-table.sh
bench-garbage: dockerd-listeners
	$(SHELL) $(srcdir)/bench/garbage-table.sh $(abs_top_builddir)/dockerd-listeners
bench: bench-garbage
.PHONY: bench-garbage

# Launchers this tool does not model (src/launchers.c, docs/launchers.md).
UNIT_TESTS += tests/unit/test-launchers
tests_unit_test_launchers_SOURCES = tests/unit/test-launchers.c tests/unit/testutil.h
tests_unit_test_launchers_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_launchers_LDADD = $(TEST_LDADD)
