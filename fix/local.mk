# dockerd-listeners --fix: library part, CLI part, tests (docs/fix.md).
# Included from the top-level Makefile.am.

src_libdockerd_scap_core_la_SOURCES += \
	include/dockerd-scap/fix.h \
	src/fix/fix_internal.h \
	src/fix/fix_plan.c \
	src/fix/fix_apply.c \
	src/fix/fix_api.c

# The fix's API is installed next to listeners.h (its dl_fix_* functions are
# dl_ symbols: the shared library exports them).
pkginclude_HEADERS += include/dockerd-scap/fix.h

dockerd_listeners_SOURCES += probes/fix-cli.c probes/fix-cli.h

# Fast: the named fix cases.
SCRIPT_TESTS += tests/fix-named.test tests/fix-live-dockerd.test
dist_noinst_DATA += tests/fix
dist_noinst_SCRIPTS += tests/fix-scenarios.test tests/fix-systemd.test

# Heavy (not in make check): --fix on every scenario of the suite, and the
# tests with a real dockerd and a real systemd. TAP output, summary at the end.
check-remediate: all
	@fail=0; \
	for t in tests/fix-scenarios.test tests/fix-systemd.test; do \
		echo "== $$t"; \
		top_srcdir='$(top_srcdir)' top_builddir='$(top_builddir)' \
		PROBE='$(abs_top_builddir)/dockerd-listeners' JQ='$(JQ)' \
		$(SHELL) $(srcdir)/$$t || fail=1; \
	done; \
	exit $$fail
.PHONY: check-remediate

if HAVE_CMOCKA
CMOCKA_TESTS += tests/unit/test-fix
tests_unit_test_fix_SOURCES = tests/unit/test-fix.c tests/unit/testutil.h
tests_unit_test_fix_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_fix_LDADD = $(TEST_LDADD)
endif
