# Differential test of the probe against a real systemd 252 booted in a
# container (tests/differential-systemd/run.py, docs/differential-systemd.md).
# Not in TESTS: it boots containers and runs for minutes, as root.
#   make differential-systemd CASES=N SEED=S JOBS=J
# Included after content/local.mk, whose dist_noinst_SCRIPTS this extends.
dist_noinst_SCRIPTS += tests/differential-systemd/run.py
dist_noinst_DATA += docs/differential-systemd.md
SYSTEMD_DIFF_PY = python3

differential-systemd: dockerd-listeners$(EXEEXT)
	@cases='$(CASES)'; seed='$(SEED)'; jobs='$(JOBS)'; \
	$(SYSTEMD_DIFF_PY) $(srcdir)/tests/differential-systemd/run.py \
		--probe $(abs_top_builddir)/dockerd-listeners$(EXEEXT) \
		--cases "$${cases:-200}" --seed "$${seed:-1}" --jobs "$${jobs:-2}"
.PHONY: differential-systemd
