#!/bin/sh
# Build the .deb from the release tarball: extract into WORKDIR and run
# dpkg-buildpackage -us -uc -b (DEB_BUILD_OPTIONS=nocheck: the test suite runs
# on its own). Prints the path of dockerd-scap_*.deb; the log is
# WORKDIR/build.log.
#
#   build-deb.sh TARBALL WORKDIR
set -u
tarball=$1 work=$2
rm -rf "$work"
mkdir -p "$work"
tar -xzf "$tarball" -C "$work" || { echo "build-deb.sh: cannot extract $tarball" >&2; exit 1; }
src=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n 1)
if ! (cd "$src" && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1; then
	tail -n 30 "$work/build.log" >&2
	echo "build-deb.sh: dpkg-buildpackage failed (log: $work/build.log)" >&2
	exit 1
fi
deb=$(find "$work" -maxdepth 1 -name 'dockerd-scap_*.deb' | head -n 1)
[ -n "$deb" ] || { echo "build-deb.sh: no dockerd-scap_*.deb in $work" >&2; exit 1; }
echo "$deb"
