# SCAP content: sources, data stream build, validation tests.
# Included from the top-level Makefile.am (non-recursive).
