#!/bin/sh
# The installed library as a user meets it (run by `make installcheck`, which
# `make distcheck` runs after `make install`):
#   - pkg-config finds it and names -ldockerd-scap;
#   - only the public headers are installed (listeners.h, fix.h);
#   - the shared library exports the dl_ API and nothing else;
#   - docs/example.c builds against it with warnings as errors, and prints
#     a scenario root's TCP listener and the DISA rule's verdict.
# Usage: installed-library.sh DESTDIR LIBDIR INCLUDEDIR SRCDIR
set -eu
destdir=$1 libdir=$2 includedir=$3 srcdir=$4
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }

PKG_CONFIG_PATH="$destdir$libdir/pkgconfig"
export PKG_CONFIG_PATH
[ -n "$destdir" ] && { PKG_CONFIG_SYSROOT_DIR=$destdir; export PKG_CONFIG_SYSROOT_DIR; }
work=$(mktemp -d "${TMPDIR:-/tmp}/dl-installed.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

libs=$(pkg-config --libs dockerd-scap 2>&1) || true
case " $libs " in
*" -ldockerd-scap "*) ok "pkg-config --libs dockerd-scap: $libs" ;;
*) nok "pkg-config --libs dockerd-scap" "$libs" ;;
esac

headers=$(find "$destdir$includedir/dockerd-scap" -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort | tr '\n' ' ')
if [ "$headers" = "fix.h listeners.h " ]; then ok "installed headers: fix.h and listeners.h only"
else nok "installed headers" "$headers"; fi

so="$destdir$libdir/libdockerd-scap.so"
if [ -e "$so" ]; then
	extra=$(nm -D --defined-only "$so" | awk '{ print $NF }' | grep -v -e '^dl_' -e '^DOCKERD_SCAP_[0-9]*$' || true)
	count=$(nm -D --defined-only "$so" | awk '{ print $NF }' | grep -c '^dl_' || true)
	if [ -z "$extra" ] && [ "$count" -gt 0 ]; then ok "nm -D: $count dl_ symbols, nothing else"
	else nok "nm -D: symbols outside the API" "$extra"; fi
else
	nok "shared library installed" "missing: $so"
fi

# shellcheck disable=SC2046 # pkg-config prints several words on purpose
if ${CC:-cc} -std=c11 -Wall -Wextra -Werror -o "$work/example" "$srcdir/docs/example.c" \
	$(pkg-config --cflags --libs dockerd-scap) 2>"$work/cc.err"; then
	ok "docs/example.c builds against the installed library"
else
	nok "docs/example.c builds against the installed library" "$(cat "$work/cc.err")"
fi

printf '#include <dockerd-scap/fix.h>\nint main(void) { return dl_fix_plan_verified((void *)0) ? 0 : 0; }\n' \
	>"$work/fix.c"
# shellcheck disable=SC2046
if ${CC:-cc} -std=c11 -Wall -Wextra -Werror -c -o "$work/fix.o" "$work/fix.c" \
	$(pkg-config --cflags dockerd-scap) 2>"$work/cc.err"; then
	ok "<dockerd-scap/fix.h> compiles on its own"
else
	nok "<dockerd-scap/fix.h> compiles on its own" "$(cat "$work/cc.err")"
fi

root="$srcdir/tests/scenarios/tcp-flag-in-unit-execstart/root"
out=$(LD_LIBRARY_PATH="$destdir$libdir" "$work/example" "$root" 2>&1) || true
want="tcp 0.0.0.0:2375 tls=none
SV-235776r960759_rule: notapplicable"
if [ "$out" = "$want" ]; then ok "example prints the scenario's TCP listener and verdict"
else nok "example output" "got: $out" "want: $want"; fi
if LD_LIBRARY_PATH="$destdir$libdir" ldd "$work/example" | grep -q "$destdir$libdir/libdockerd-scap.so"; then
	ok "example uses the installed shared library"
else
	nok "example uses the installed shared library" "$(LD_LIBRARY_PATH="$destdir$libdir" ldd "$work/example")"
fi
echo "1..$n"
exit $failed
