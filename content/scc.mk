# The SCAP data stream for SCAP Compliance Checker (no SCE: XCCDF + OVAL +
# CPE only), installed beside the oscap one, and the zip SCC's
# `cscc --installScap` takes (DISA ships its SCAP benchmarks the same way: a
# zip holding the data stream). Included from the top-level Makefile.am.

CONTENT_SCC_DS = content/dockerd-scap-scc-ds.xml
CONTENT_SCC_ZIP = content/dockerd-scap-scc.zip
# the data stream's name inside the zip, as DISA names its SCAP 1.3 benchmarks
CONTENT_SCC_ZIP_MEMBER = U_Docker_Enterprise_2-x_Linux-UNIX_STIG_SCAP_1-3_Benchmark.xml
scapcontent_DATA += $(CONTENT_SCC_DS) $(CONTENT_SCC_ZIP)

$(CONTENT_SCC_DS): $(CONTENT_SOURCES) content/build-ds.sh content/build-scc-ds.sh
	$(AM_V_GEN)$(MKDIR_P) content && \
	$(SHELL) $(srcdir)/content/build-scc-ds.sh $(srcdir)/content $@-t && mv -f $@-t $@

$(CONTENT_SCC_ZIP): $(CONTENT_SCC_DS)
	$(AM_V_GEN)rm -rf $@-d $@-t && $(MKDIR_P) $@-d && \
	cp $(CONTENT_SCC_DS) $@-d/$(CONTENT_SCC_ZIP_MEMBER) && \
	if test -n "$$SOURCE_DATE_EPOCH"; then touch -d "@$$SOURCE_DATE_EPOCH" $@-d/$(CONTENT_SCC_ZIP_MEMBER); fi && \
	(cd $@-d && $(ZIP) -q -X $(abs_builddir)/$@-t $(CONTENT_SCC_ZIP_MEMBER)) && \
	rm -rf $@-d && mv -f $@-t $@

MOSTLYCLEANFILES += $(CONTENT_SCC_DS) $(CONTENT_SCC_DS)-t $(CONTENT_SCC_ZIP) $(CONTENT_SCC_ZIP)-t
dist_noinst_SCRIPTS += content/build-scc-ds.sh

# The SCC stream validated (make check); scored by oscap over every content
# scenario, the OVAL result recorded per scenario, never a pass where the
# truth is fail or error (tests/content/scc-scenarios.test, run by
# make check-pipeline: ~25 oscap runs).
CONTENT_TESTS += tests/content/scc.test
tests/content/scc.log: $(CONTENT_SCC_DS) $(CONTENT_SCC_ZIP)
dist_noinst_SCRIPTS += tests/content/scc-scenarios.test
