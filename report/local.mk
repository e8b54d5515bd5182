# dockerd-scap-report: oscap results -> XCCDF with evidence, CKL, CKLB,
# summary. Included from the top-level Makefile.am (non-recursive); see
# content/local.mk for the EXTRA_DIST/CLEANFILES convention.

REPORT_CORE = \
	report/report.h report/rows.h \
	report/util.c report/results.c report/evidence.c report/oval.c report/rows.c \
	report/write.c report/cklb.c report/summary.c

bin_PROGRAMS += dockerd-scap-report
dockerd_scap_report_SOURCES = report/dockerd-scap-report.c $(REPORT_CORE)
# It reads oscap's results and the probe's text output, never a dockerd or
# systemd file: it needs neither the library nor its headers.
dockerd_scap_report_CPPFLAGS = -I$(top_srcdir)/report
dockerd_scap_report_CFLAGS = $(AM_CFLAGS) $(LIBXML2_CFLAGS)
dockerd_scap_report_LDADD = $(JSONC_LIBS) $(LIBXML2_LIBS)

dist_man_MANS += man/dockerd-scap-report.1

# The submission pipeline end to end: oscap over the content scenarios,
# every subcommand, STIG Manager's own parsers (npm, installed into the build
# tree on first run), the XCCDF schema oscap ships. Heavy (npm, ~40 oscap
# scans): its own target, not in make check. Progress on stderr, TAP in
# tests/report/pipeline.log.
PIPELINE_FILES = tests/report/pipeline.test tests/report/stigman-parse.mjs \
	tests/report/stig-manual-fixture-xccdf.xml
dist_noinst_DATA += $(PIPELINE_FILES)

check-pipeline: dockerd-listeners$(EXEEXT) dockerd-scap-report$(EXEEXT) $(CONTENT_SCC_DS)
	@$(MKDIR_P) tests/report
	@echo "check-pipeline: the SCC data stream over the content scenarios" >&2
	@top_srcdir='$(top_srcdir)' top_builddir='$(top_builddir)' JQ='$(JQ)' \
	$(SHELL) $(srcdir)/tests/content/scc-scenarios.test >tests/report/scc-scenarios.log; st=$$?; \
	grep -E '^(not ok|Bail out|# [a-z])' tests/report/scc-scenarios.log >&2; \
	echo "check-pipeline: SCC stream: $$(grep -c '^ok' tests/report/scc-scenarios.log) ok, $$(grep -c '^not ok' tests/report/scc-scenarios.log) not ok (tests/report/scc-scenarios.log)"; \
	test $$st -eq 0
	@echo "check-pipeline: reports and STIG Manager's parsers" >&2
	@top_srcdir='$(top_srcdir)' top_builddir='$(top_builddir)' \
	PROBE='$(abs_top_builddir)/dockerd-listeners' \
	REPORT='$(abs_top_builddir)/dockerd-scap-report' \
	STIGMAN_DIR='$(abs_top_builddir)/tests/report/npm' JQ='$(JQ)' \
	$(SHELL) $(srcdir)/tests/report/pipeline.test >tests/report/pipeline.log; st=$$?; \
	grep -E '^(not ok|Bail out)' tests/report/pipeline.log; \
	echo "check-pipeline: $$(grep -c '^ok' tests/report/pipeline.log) ok, $$(grep -c '^not ok' tests/report/pipeline.log) not ok (tests/report/pipeline.log)"; \
	exit $$st
.PHONY: check-pipeline
MOSTLYCLEANFILES += tests/report/pipeline.log tests/report/scc-scenarios.log

# Hostile results files (cheap: one oscap scan): in make check.
CONTENT_TESTS += tests/report/hostile-results.test

# Unit tests of the reader (make check, and under valgrind in check-valgrind).
REPORT_UNIT_TESTS =
if HAVE_CMOCKA
REPORT_UNIT_TESTS += tests/unit/test-report
check_PROGRAMS += tests/unit/test-report
tests_unit_test_report_SOURCES = tests/unit/test-report.c $(REPORT_CORE)
tests_unit_test_report_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/report
tests_unit_test_report_CFLAGS = $(TEST_CFLAGS) $(LIBXML2_CFLAGS)
tests_unit_test_report_LDADD = $(TEST_LDADD) $(LIBXML2_LIBS)
endif
