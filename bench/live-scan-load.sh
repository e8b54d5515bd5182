#!/bin/sh
# Benchmark: the live scan of dockerd-listeners on a busy host, against
# `ss -ltnp` (which answers "who listens where" from the kernel's socket
# tables plus every process's fd table) and against stock `oscap oval eval`
# of our OVAL content (the evaluator without the probe).
#
# The busy host is built in network, pid and mount namespaces of its own, so
# that its sockets cannot disturb anything else on the machine and the
# processes of others (a shared build machine, their dockerds) cannot change
# the figures: a real dockerd (docker.io) listening on 127.0.0.1 and on a
# unix socket, then PROCS idle processes, then SOCKETS listening TCP sockets
# on 127.0.0.1 held by one process. Every command is timed inside those
# namespaces; ss -p there sees exactly the same processes as the scan.
#
# Printed, not asserted (docs/live-scan.md): median and minimum wall time of
# alternating runs, median CPU time (user + system: steadier than wall time
# on a loaded machine), peak RSS (ru_maxrss of each run), the ratios, and the
# cost per process and per 1,000 sockets.
#
# Usage: bench/live-scan-load.sh PROBE BENCH_RUN LISTEN_LOAD [RUNS] [SOCKETS] [PROCS] [OVAL]
#   PROBE        dockerd-listeners
#   BENCH_RUN    bench/bench-run (alternating timer)
#   LISTEN_LOAD  bench/listen-load (the sockets and the processes)
#   RUNS         alternating runs of each command (default 21)
#   SOCKETS      extra listening TCP sockets (default 15000)
#   PROCS        extra idle processes (default 2000)
#   OVAL         OVAL definitions for `oscap oval eval` (default: none, no
#                comparison)
# Needs root (network namespace, dockerd, ss -p over every process).
set -eu
probe=$1 benchrun=$2 load=$3
runs=${4:-21} sockets=${5:-15000} procs=${6:-2000} oval=${7:-}

if [ "${DL_BENCH_INNER:-}" != 1 ]; then
	[ "$(id -u)" -eq 0 ] || { echo "bench: needs root" >&2; exit 2; }
	for c in ss unshare ip dockerd flock; do
		command -v "$c" >/dev/null || { echo "bench: $c not found" >&2; exit 2; }
	done
	for f in "$probe" "$benchrun" "$load"; do
		[ -x "$f" ] || { echo "bench: $f is not executable" >&2; exit 2; }
	done
	# The dockerd started here is visible to every scan of the host's
	# processes (the pid namespace hides the host's from it, not it from
	# the host): take the lock the live tests take, so that none runs now.
	exec 9>"${TMPDIR:-/tmp}/dockerd-scap-live-dockerd.lock"
	flock -w 600 9 || { echo "bench: live-dockerd lock held for 600 s" >&2; exit 2; }
	DL_BENCH_INNER=1 exec unshare --net --pid --fork --mount-proc -- "$0" "$@"
fi

ip link set lo up
base=$(mktemp -d "${TMPDIR:-/tmp}/dl-bench.XXXXXX")
dpid= lpid=
cleanup() {
	for p in $lpid; do kill "$p" 2>/dev/null || :; wait "$p" 2>/dev/null || :; done
	if [ -n "$dpid" ]; then
		kill "$dpid" 2>/dev/null || :
		k=0
		while kill -0 "$dpid" 2>/dev/null && [ "$k" -lt 80 ]; do sleep 0.25; k=$((k + 1)); done
		kill -9 "$dpid" 2>/dev/null || :
		wait "$dpid" 2>/dev/null || :
	fi
	rm -rf "$base"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The dockerd: own data root, exec root, pidfile, configuration file.
D=$base/d
mkdir -p "$D"
printf '{"deprecated-key-path": "%s/key.json"}\n' "$D" >"$D/daemon.json"
: >"$D/log"
dockerd --config-file "$D/daemon.json" --data-root "$D/root" --exec-root "$D/exec" \
	--pidfile "$D/d.pid" --iptables=false --ip6tables=false --bridge=none \
	--storage-driver=vfs -H tcp://127.0.0.1:2375 -H "unix://$D/d.sock" >"$D/log" 2>&1 &
dpid=$!
k=0
until [ "$(grep -c 'API listen on' "$D/log")" -ge 2 ]; do
	k=$((k + 1))
	if [ "$k" -gt 240 ] || ! kill -0 "$dpid" 2>/dev/null; then
		echo "bench: dockerd did not start; log tail:" >&2
		tail -n 10 "$D/log" >&2
		exit 1
	fi
	sleep 0.25
done

# measure NAME LABEL: alternating runs of the probe and ss -ltnp; keeps the
# two medians in $base/NAME for the differences printed at the end.
measure() {
	nproc=$(ls -d /proc/[0-9]* 2>/dev/null | wc -l)
	nlisten=$(ss -Hltn | wc -l)
	echo "== $2: $nproc processes, $nlisten listening TCP sockets in this network namespace"
	"$benchrun" "$runs" "dockerd-listeners" "$probe" --root / --format json \
		-- "ss -ltnp" ss -ltnp | tee "$base/out"
	awk '{ for (i = 1; i < NF; i++) {
			if ($i == "median") m[++n] = $(i + 1)
			if ($i == "cpu") c[n] = $(i + 1) } }
		END { print m[1], m[2], c[1], c[2] }' "$base/out" >"$base/$1"
}

# start_load SOCKETS PROCS NAME: listen-load holds SOCKETS listeners on
# 127.0.0.1 (from port 10000) and PROCS idle processes until its stdin, a
# FIFO kept open here on descriptor 8 or 7, closes.
start_load() {
	mkfifo "$base/hold-$3"
	"$load" "$1" 10000 "$2" <"$base/hold-$3" >"$base/load-$3.out" 2>&1 &
	lpid="$lpid $!"
	if [ "$3" = procs ]; then exec 8>"$base/hold-$3"; else exec 7>"$base/hold-$3"; fi
	k=0
	until grep -q ready "$base/load-$3.out"; do
		k=$((k + 1))
		if [ "$k" -gt 600 ]; then
			echo "bench: listen-load did not get ready:" >&2
			cat "$base/load-$3.out" >&2
			exit 1
		fi
		sleep 0.1
	done
}

# Which way the probe read the sockets (docs/live-scan.md §2): its evidence
# names sock_diag:tcp (netlink) or /proc/PID/net/tcp (the table file).
if "$probe" --root / --format json 2>/dev/null | grep -q '"sock_diag:tcp"'; then
	echo "sockets read through NETLINK_SOCK_DIAG (evidence sock_diag:tcp)"
else
	echo "sockets read from the /proc/PID/net tables"
fi
measure base "a real dockerd"
start_load 0 "$procs" procs
measure procs "dockerd + $procs idle processes"
start_load "$sockets" 0 sockets
measure busy "dockerd + $procs processes + $sockets listening sockets"

read -r p0 s0 pc0 sc0 <"$base/base"
read -r p1 s1 pc1 sc1 <"$base/procs"
read -r p2 s2 pc2 sc2 <"$base/busy"
awk -v p0="$p0" -v s0="$s0" -v p1="$p1" -v s1="$s1" -v p2="$p2" -v s2="$s2" \
	-v pc0="$pc0" -v sc0="$sc0" -v pc1="$pc1" -v sc1="$sc1" -v pc2="$pc2" -v sc2="$sc2" \
	-v np="$procs" -v ns="$sockets" 'BEGIN {
	printf "== cost of the load (differences of medians: wall time, cpu time)\n"
	printf "per extra process:       dockerd-listeners %6.2f us, cpu %6.2f us | ss -ltnp %6.2f us, cpu %6.2f us\n", (p1 - p0) * 1000 / np, (pc1 - pc0) * 1000 / np, (s1 - s0) * 1000 / np, (sc1 - sc0) * 1000 / np
	printf "per 1,000 extra sockets: dockerd-listeners %6.2f ms, cpu %6.2f ms | ss -ltnp %6.2f ms, cpu %6.2f ms\n", (p2 - p1) * 1000 / ns, (pc2 - pc1) * 1000 / ns, (s2 - s1) * 1000 / ns, (sc2 - sc1) * 1000 / ns
	printf "busy host: dockerd-listeners / ss -ltnp = %.3f wall, %.3f cpu (target: wall <= 0.2)\n", p2 / s2, pc2 / sc2
}'

if [ -n "$oval" ]; then
	if command -v oscap >/dev/null; then
		orun=$(( runs < 5 ? runs : 5 ))
		echo "== stock OVAL: oscap oval eval $(basename "$oval") (same host, $orun runs)"
		"$benchrun" "$orun" "dockerd-listeners" "$probe" --root / --format json \
			-- "oscap oval eval" oscap oval eval "$oval"
	else
		echo "== stock OVAL: oscap not installed, no comparison"
	fi
fi
exec 8>&- 7>&-
