# Differential tests against the real dockerd (docs/differential.md) and the
# version module they rely on. Included from Makefile.am.
src_libdockerd_scap_a_SOURCES += src/dockerd_version.c src/dockerd_version.h
