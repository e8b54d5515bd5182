#!/bin/sh
# Benchmark: scanning a root whose running dockerd's /proc/PID/net/tcp holds
# N lines of garbage (a hostile or corrupted image root). Every line is a
# problem; the problem list de-duplicates through a hash and lists at most
# PROBLEM_MAX_PER_SOURCE per file (src/base/problems.c), so the scan must stay
# linear in N. Compared, on the same file in the same run, with `wc -l`
# (reading and counting lines: the floor) and `awk` splitting every line
# into fields (a minimal parser), with ratios; and at N/4, N/2 and N to
# show the growth (time per line should stay flat).
#
# Usage: bench/garbage-table.sh [PROBE] [N] [KIND]
#   PROBE  path of dockerd-listeners (default: ./dockerd-listeners)
#   N      garbage lines at the largest size (default: 1000000)
#   KIND   garbage (default), or good: kernel-format ESTABLISHED lines that
#          all parse (the cost of the good-line path; the table bound of
#          64 MiB holds about 450000 of them, so use N <= 400000)
# Needs the source tree (the fixture root comes from tests/scenarios).
set -eu
probe=${1:-./dockerd-listeners}
n=${2:-1000000}
kind=${3:-garbage}
case $kind in garbage|good) ;; *) echo "bench: KIND is garbage or good" >&2; exit 2 ;; esac
here=$(cd "$(dirname "$0")/.." && pwd)
base="$here/tests/scenarios/live-net-tcp-garbage-lines-error"
[ -x "$probe" ] || { echo "bench: $probe is not executable" >&2; exit 2; }
for c in awk wc date; do command -v "$c" >/dev/null || { echo "bench: $c not found" >&2; exit 2; }; done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/garbage-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
root="$tmp/root"
mkdir -p "$root"
cp -a "$base/root/." "$root/"
while read -r lpath ltarget; do
	[ -n "$lpath" ] || continue
	mkdir -p "$root/$(dirname "$lpath")" && ln -s "$ltarget" "$root/$lpath"
done <"$base/links"
sh "$base/setup" "$root" >/dev/null
table="$root/proc/812/net/tcp"
head -n 2 "$base/root/proc/812/net/tcp" >"$tmp/head"

now_ns() { date +%s%N; }
ms_of() { # CMD... -> ms (best of 3)
	best=
	for _ in 1 2 3; do
		s=$(now_ns); "$@" >/dev/null 2>&1 || :; e=$(now_ns)
		t=$(((e - s) / 1000000))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
	done
	echo "$best"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b < 1) b = 1; printf "%.1f", a / b }'; }

printf '%10s %10s %10s %10s %12s %10s %10s\n' lines probe_ms wc_ms awk_ms ns_per_line probe/wc probe/awk
for size in $((n / 4)) $((n / 2)) "$n"; do
	{ cat "$tmp/head"
	  if [ "$kind" = good ]; then
		awk -v n="$size" 'BEGIN { for (i = 0; i < n; i++) printf "%4d: 0100007F:%04X 0100007F:0947 01 00000000:00000000 00:00000000 00000000  1000        0 %d 1 0000000000000000 20 4 30 10 -1\n", i, i % 65536, 100000 + i }'
	  else
		awk -v n="$size" 'BEGIN { for (i = 0; i < n; i++) printf "%5d: garbage %x not a socket line ZZZZ:%d\n", i, i * 2654435761 % 4294967296, i }'
	  fi
	} >"$table"
	p=$(ms_of "$probe" --root "$root" --format json)
	w=$(ms_of wc -l "$table")
	a=$(ms_of awk '{ n += NF } END { print n }' "$table")
	npl=$(awk -v ms="$p" -v n="$size" 'BEGIN { printf "%.0f", ms * 1000000 / n }')
	printf '%10d %10d %10d %10d %12s %10s %10s\n' "$size" "$p" "$w" "$a" "$npl" "$(ratio "$p" "$w")" "$(ratio "$p" "$a")"
done
"$probe" --root "$root" --format json >"$tmp/out.json" 2>/dev/null || :
echo "problems listed for the table at N=$n: $(grep -c '"path": "/proc/812/net/tcp"' "$tmp/out.json")"
grep -o '"message": "and [0-9]* more[^"]*"' "$tmp/out.json" || :
