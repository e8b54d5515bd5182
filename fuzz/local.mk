# Fuzzing (docs/launchers.md has the hostile-input design; SECURITY.md the
# threat model). Every reader has a libFuzzer target in fuzz/; the
# regression inputs under fuzz/regress/ run through the same target
# functions without libFuzzer in make check (fuzz/fuzz-regress, tests/fuzz-regress.test), so gcc
# builds run them too.

# The unit tests and the fuzz regression inputs (quickstart.sh test runs
# them on the clang build).
check-unit:
	$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(UNIT_TESTS) tests/fuzz-regress.test'
.PHONY: check-unit

# Output escaping (src/base/escape.c): reversible text escapes, JSON replacement.
if HAVE_CMOCKA
CMOCKA_TESTS += tests/unit/test-escape
tests_unit_test_escape_SOURCES = tests/unit/test-escape.c tests/unit/testutil.h
tests_unit_test_escape_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_escape_LDADD = $(TEST_LDADD)
endif

# Invalid bytes through every output format, strict parsers (python3 json,
# xmllint, oscap ds rds-validate on oscap's ARF).
CONTENT_TESTS += tests/invalid-bytes.test

# Problem list: hash de-duplication and the per-file cap (src/base/problems.c).
if HAVE_CMOCKA
CMOCKA_TESTS += tests/unit/test-problems
tests_unit_test_problems_SOURCES = tests/unit/test-problems.c tests/unit/testutil.h
tests_unit_test_problems_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_problems_LDADD = $(TEST_LDADD)
endif

# Benchmark: a 1M-line garbage /proc net table, against wc -l and awk
# (make bench runs it too). Measured, not asserted.
dist_noinst_SCRIPTS += bench/garbage-table.sh
bench-garbage: dockerd-listeners
	$(SHELL) $(srcdir)/bench/garbage-table.sh $(abs_top_builddir)/dockerd-listeners
bench: bench-garbage
.PHONY: bench-garbage

# Launchers this tool does not model (src/read/launchers.c, docs/launchers.md).
if HAVE_CMOCKA
CMOCKA_TESTS += tests/unit/test-launchers
tests_unit_test_launchers_SOURCES = tests/unit/test-launchers.c tests/unit/testutil.h
tests_unit_test_launchers_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_launchers_LDADD = $(TEST_LDADD)
endif

# ---------------------------------------------------------------- fuzzing
# fuzz/fuzz-regress: every fuzz target's function, linked without libFuzzer,
# replays the committed inputs under fuzz/regress/TARGET/ (crash inputs
# found by fuzzing, plus one smoke input per target) in make check.
FUZZ_TARGET_SOURCES = \
	fuzz/fuzz-host.c fuzz/fuzz-dockerd-args.c fuzz/fuzz-exec-line.c \
	fuzz/fuzz-env-file.c fuzz/fuzz-unit.c fuzz/fuzz-socket-unit.c \
	fuzz/fuzz-daemon-json.c fuzz/fuzz-init-script.c fuzz/fuzz-proc-net.c \
	fuzz/fuzz-cluster.c fuzz/fuzz-launchers.c fuzz/fuzz-root-scan.c \
	fuzz/fuzz-report-results.c
if HAVE_CMOCKA
check_PROGRAMS += fuzz/fuzz-regress
else
check_PROGRAMS = fuzz/fuzz-regress
endif
fuzz_fuzz_regress_SOURCES = fuzz/regress-main.c fuzz/fuzz-util.c fuzz/fuzz.h fuzz/targets.def \
	$(FUZZ_TARGET_SOURCES) $(REPORT_CORE)
fuzz_fuzz_regress_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/fuzz -I$(top_srcdir)/report
fuzz_fuzz_regress_CFLAGS = $(TEST_CFLAGS) $(LIBXML2_CFLAGS)
fuzz_fuzz_regress_LDADD = $(LIBS_ALL) $(LIBXML2_LIBS)
CONTENT_TESTS += tests/fuzz-regress.test
dist_noinst_DATA += fuzz/regress fuzz/README.md
dist_noinst_SCRIPTS += fuzz/run-fuzz.sh

# make fuzz [FUZZ_SECONDS=N] [FUZZ_TARGETS='host unit ...']: build the
# libFuzzer targets with clang-14 and run each for N seconds (default 60).
FUZZ_SECONDS = 60
FUZZ_TARGETS =
FUZZ_CC = clang-14
fuzz:
	FUZZ_CC='$(FUZZ_CC)' \
	FUZZ_CPPFLAGS='-I$(abs_top_builddir) -I$(abs_top_srcdir)/include -I$(abs_top_srcdir)/src -I$(abs_top_srcdir)/report -DHAVE_CONFIG_H -std=c11 $(JSONC_CFLAGS) $(LIBCRYPTO_CFLAGS) $(LIBXML2_CFLAGS)' \
	FUZZ_LIBS='$(JSONC_LIBS) $(LIBCRYPTO_LIBS) $(LIBXML2_LIBS)' \
	FUZZ_SOURCES='$(filter %.c,$(src_libdockerd_scap_core_la_SOURCES) $(REPORT_CORE))' \
	$(SHELL) $(abs_top_srcdir)/fuzz/run-fuzz.sh $(abs_top_srcdir) $(abs_top_builddir) $(FUZZ_SECONDS) $(FUZZ_TARGETS)
clean-local: clean-fuzz
clean-fuzz:
	rm -rf fuzz/obj fuzz/bin fuzz/seeds fuzz/logs fuzz/live-root
.PHONY: fuzz clean-fuzz

# Design note and security policy of this area.
dist_noinst_DATA += SECURITY.md docs/launchers.md
