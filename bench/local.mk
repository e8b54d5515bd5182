# Benchmarks: measured, not asserted (docs/live-scan.md). Included from the
# top-level Makefile.am. `make bench` prints timings, peak RSS and ratios
# against ss(8) and stock `oscap oval eval`.

# Helpers built only for `make bench`: an alternating timer that reports
# median wall time and peak RSS, and the load of the busy-host benchmark.
EXTRA_PROGRAMS = bench/bench-run bench/listen-load
bench_bench_run_SOURCES = bench/bench-run.c
bench_listen_load_SOURCES = bench/listen-load.c
dist_noinst_SCRIPTS += bench/live-scan-load.sh
MOSTLYCLEANFILES += bench/bench-run$(EXEEXT) bench/listen-load$(EXEEXT)

# BENCH_RUNS, BENCH_SOCKETS, BENCH_PROCS tune the busy-host round.
BENCH_RUNS = 21
BENCH_SOCKETS = 15000
BENCH_PROCS = 2000
bench: dockerd-listeners bench/bench-run$(EXEEXT) bench/listen-load$(EXEEXT)
	$(SHELL) $(srcdir)/bench/live-scan-load.sh $(abs_top_builddir)/dockerd-listeners \
		$(abs_top_builddir)/bench/bench-run$(EXEEXT) \
		$(abs_top_builddir)/bench/listen-load$(EXEEXT) \
		$(BENCH_RUNS) $(BENCH_SOCKETS) $(BENCH_PROCS) \
		$(abs_top_srcdir)/content/dockerd-scap-oval.xml
	$(SHELL) $(srcdir)/bench/live-scan.sh $(abs_top_builddir)/dockerd-listeners
.PHONY: bench
