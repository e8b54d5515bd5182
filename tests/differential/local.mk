# Differential test against the real dockerd (docs/differential.md), and the
# unit test of the version module it relies on. Included from Makefile.am.

# Not part of "make check": each case starts a real dockerd (about 1.5 s).
#   make differential [CASES=N] [SEED=S] [FIRST=I] [JOBS=J]
# After bench/local.mk, which sets EXTRA_PROGRAMS.
EXTRA_PROGRAMS += tests/differential/dockerd-gen
tests_differential_dockerd_gen_SOURCES = tests/differential/dockerd-gen.c
tests_differential_dockerd_gen_CFLAGS = $(AM_CFLAGS)
tests_differential_dockerd_gen_LDADD = $(JSONC_LIBS)
# EXTRA_DIST and CLEANFILES are set with '=' after this file is included.
MOSTLYCLEANFILES += tests/differential/dockerd-gen$(EXEEXT)
dist_noinst_SCRIPTS += tests/differential/dockerd-differential.sh tests/differential/netns-dockerd.sh

CASES = 100
SEED = 1
FIRST = 0
JOBS = 2
differential: dockerd-listeners$(EXEEXT) tests/differential/dockerd-gen$(EXEEXT)
	JQ='$(JQ)' $(SHELL) $(srcdir)/tests/differential/dockerd-differential.sh \
		--probe $(abs_top_builddir)/dockerd-listeners$(EXEEXT) \
		--gen $(abs_top_builddir)/tests/differential/dockerd-gen$(EXEEXT) \
		--seed $(SEED) --first $(FIRST) --cases $(CASES) --jobs $(JOBS)
.PHONY: differential

if HAVE_CMOCKA
CMOCKA_TESTS += tests/unit/test-dockerd-version
endif
tests_unit_test_dockerd_version_SOURCES = tests/unit/test-dockerd-version.c tests/unit/testutil.h
tests_unit_test_dockerd_version_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_dockerd_version_LDADD = $(TEST_LDADD)

# The fixed cases: one per disagreement class, each with the real dockerd's
# line that shows the fact.
differential-cases: dockerd-listeners$(EXEEXT)
	JQ='$(JQ)' $(SHELL) $(srcdir)/tests/differential/dockerd-differential.sh \
		--probe $(abs_top_builddir)/dockerd-listeners$(EXEEXT) \
		--cases-dir $(srcdir)/tests/differential/cases --jobs $(JOBS)
.PHONY: differential-cases
EXTRA_DIST_DIFFERENTIAL = tests/differential/cases
