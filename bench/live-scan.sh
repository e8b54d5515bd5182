#!/bin/sh
# Benchmark: the live scan of dockerd-listeners against `ss -ltnxp`, which
# answers "which process listens where" by walking every process's fd table.
# dockerd-listeners reads only dockerd processes' fd tables and each network
# namespace's tables once, so its cost should stay flat as unrelated
# processes and descriptors are added, while ss grows with them.
#
# Usage: bench/live-scan.sh [PROBE] [RUNS] [EXTRA_PROCS]
#   PROBE        path of dockerd-listeners (default: ./dockerd-listeners)
#   RUNS         timed runs of each command per round (default: 20)
#   EXTRA_PROCS  unrelated processes holding 256 descriptors each, added for
#                the second round and stopped after it (default: 400)
# Prints ms per run for both commands in both rounds, and the ratios. Run as
# root so that ss -p sees every process.
set -eu
probe=${1:-./dockerd-listeners}
runs=${2:-20}
extra=${3:-400}
for c in ss bash awk; do
	command -v "$c" >/dev/null || { echo "bench: $c not found" >&2; exit 2; }
done
[ -x "$probe" ] || { echo "bench: $probe is not executable" >&2; exit 2; }

pids=""
cleanup() { for p in $pids; do kill "$p" 2>/dev/null || :; done; }
trap cleanup EXIT INT TERM

now_ns() { date +%s%N; }
time_cmd() { # RUNS CMD... -> total ns
	n=$1; shift
	start=$(now_ns)
	k=0
	while [ "$k" -lt "$n" ]; do "$@" >/dev/null 2>&1 || :; k=$((k + 1)); done
	echo $(($(now_ns) - start))
}

round() { # LABEL
	procs=$(ls -d /proc/[0-9]* | wc -l)
	fds=$(ls /proc/[0-9]*/fd 2>/dev/null | wc -l)
	"$probe" --format json >/dev/null 2>&1 || :   # warm caches
	ss -ltnxp >/dev/null 2>&1 || :
	t_probe=$(time_cmd "$runs" "$probe" --format json)
	t_ss=$(time_cmd "$runs" ss -ltnxp)
	awk -v l="$1" -v p="$procs" -v f="$fds" -v a="$t_probe" -v b="$t_ss" -v n="$runs" 'BEGIN {
		pa = a / n / 1e6; pb = b / n / 1e6
		printf "%-9s %5d processes %7d fds | dockerd-listeners %7.2f ms | ss -ltnxp %7.2f ms | ss/probe %.2f\n", l, p, f, pa, pb, pb / pa
	}'
	echo "$t_probe $t_ss" >"$tmp/$1"
}

tmp=$(mktemp -d)
trap 'cleanup; rm -rf "$tmp"' EXIT INT TERM
echo "$runs runs of each command per round"
round baseline
i=0
while [ "$i" -lt "$extra" ]; do
	bash -c 'for n in $(seq 3 258); do eval "exec $n</dev/null"; done; exec sleep 600' &
	pids="$pids $!"
	i=$((i + 1))
done
sleep 2
round loaded
read -r p0 s0 <"$tmp/baseline"
read -r p1 s1 <"$tmp/loaded"
awk -v p0="$p0" -v s0="$s0" -v p1="$p1" -v s1="$s1" 'BEGIN {
	printf "growth with the extra processes: dockerd-listeners x%.2f, ss -ltnxp x%.2f\n", p1 / p0, s1 / s0
}'
