#!/bin/sh
# Regenerate the build system from configure.ac and Makefile.am.
set -e
cd "$(dirname "$0")"
# libtoolize writes its macros here; a fresh clone has no such directory.
mkdir -p m4
autoreconf --install --force --warnings=all
