# dockerd-scap-report: oscap results -> XCCDF with evidence, CKL, CKLB,
# summary. Included from the top-level Makefile.am (non-recursive); see
# content/local.mk for the EXTRA_DIST/CLEANFILES convention.

REPORT_CORE = \
	report/report.h report/rows.h \
	report/results.c report/evidence.c report/rows.c \
	report/write.c report/cklb.c report/summary.c

bin_PROGRAMS += dockerd-scap-report
dockerd_scap_report_SOURCES = report/dockerd-scap-report.c $(REPORT_CORE)
dockerd_scap_report_CFLAGS = $(AM_CFLAGS) $(LIBXML2_CFLAGS)
dockerd_scap_report_LDADD = $(LIBS_ALL) $(LIBXML2_LIBS)

dist_man_MANS += man/dockerd-scap-report.1
