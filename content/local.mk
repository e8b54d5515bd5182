# SCAP content: sources, data stream build, validation tests.
# Included from the top-level Makefile.am (non-recursive). EXTRA_DIST and
# CLEANFILES are set with '=' after this file is included, so this fragment
# distributes through dist_noinst_* and cleans through MOSTLYCLEANFILES.

CONTENT_SOURCES = \
	content/dockerd-scap-xccdf.xml \
	content/dockerd-scap-oval.xml \
	content/dockerd-scap-cpe-dictionary.xml \
	content/dockerd-scap-cpe-oval.xml \
	content/dockerd-scap-sce.sh.in \
	content/fix/dockerd-scap-fix.sh \
	content/README.md

# The SCAP 1.3 source data stream, composed offline (content/build-ds.sh:
# POSIX sh, sed, awk). Its SCE script looks for dockerd-listeners on PATH,
# then at the configured $(bindir).
CONTENT_DS = content/dockerd-scap-ds.xml
scapcontentdir = $(datadir)/xml/scap/dockerd-scap
scapcontent_DATA = $(CONTENT_DS)

$(CONTENT_DS): $(CONTENT_SOURCES) content/build-ds.sh
	$(AM_V_GEN)$(MKDIR_P) content && \
	$(SHELL) $(srcdir)/content/build-ds.sh $(srcdir)/content $@-t 'PATH $(bindir)/dockerd-listeners' && \
	mv -f $@-t $@

MOSTLYCLEANFILES = $(CONTENT_DS) $(CONTENT_DS)-t

# Tests: TAP scripts run by tap-driver with PROBE, JQ, top_srcdir and
# top_builddir set; they find oscap on PATH (skip without it).
CONTENT_TESTS += \
	tests/content/validate.test \
	tests/content/scan.test \
	tests/content/fix.test \
	tests/content/live-oscap.test \
	tests/content/live-remediate.test

dist_noinst_DATA = $(CONTENT_SOURCES) tests/content/content-lib.sh tests/content/scenarios
dist_noinst_SCRIPTS = content/build-ds.sh $(CONTENT_TESTS)

# The content tests read the built data stream.
$(CONTENT_TESTS:.test=.log): $(CONTENT_DS)
