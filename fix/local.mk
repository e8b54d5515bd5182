# dockerd-listeners --fix: library part, CLI part, tests (docs/fix.md).
# Included from the top-level Makefile.am.

src_libdockerd_scap_a_SOURCES += \
	include/dockerd-scap/fix.h \
	src/fix_internal.h \
	src/fix_plan.c \
	src/fix_apply.c

dockerd_listeners_SOURCES += probes/fix-cli.c probes/fix-cli.h
