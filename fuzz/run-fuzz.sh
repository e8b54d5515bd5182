#!/bin/sh
# Build the libFuzzer targets with clang (AddressSanitizer, UBSan, leak
# detection), seed each from the scenario files, and run each for a bounded
# time. Prints executions per target and any finding; exit status 1 when a
# target crashed, hung, leaked or tripped a sanitizer (its input is kept
# under BUILD/fuzz/artifacts/, to be fixed and committed under
# fuzz/regress/TARGET/).
#
# Usage: fuzz/run-fuzz.sh SRCDIR BUILDDIR SECONDS [TARGET...]
# Environment (set by make fuzz): FUZZ_CC (default clang-14), FUZZ_CPPFLAGS
# (include dirs, config.h), FUZZ_LIBS (json-c, libcrypto), FUZZ_SOURCES (the
# library's .c files, relative to SRCDIR), FUZZ_JOBS (parallel builds).
set -u
src=$1 build=$2 secs=$3
shift 3
cc=${FUZZ_CC:-clang-14}
out="$build/fuzz"
mkdir -p "$out/obj" "$out/bin" "$out/corpus" "$out/seeds" "$out/artifacts" "$out/logs"
command -v "$cc" >/dev/null 2>&1 || { echo "fuzz: $cc not found (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 1; }

targets=$*
[ -n "$targets" ] || targets=$(sed -n 's/^T(\(.*\))$/\1/p' "$src/fuzz/targets.def")

# ---------------------------------------------------------------- build
cflags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all"
echo "fuzz: building the library with $cc (sanitizers, coverage)"
objs=
for f in ${FUZZ_SOURCES:?} fuzz/fuzz-util.c; do
	o="$out/obj/$(echo "$f" | tr '/' '_').o"
	if [ ! -f "$o" ] || [ "$src/$f" -nt "$o" ]; then
		# shellcheck disable=SC2086
		$cc $cflags -fsanitize=fuzzer-no-link ${FUZZ_CPPFLAGS:-} -I"$src/fuzz" -c "$src/$f" -o "$o" || exit 1
	fi
	objs="$objs $o"
done
for t in $targets; do
	file="$src/fuzz/fuzz-$(echo "$t" | tr '_' '-').c"
	# shellcheck disable=SC2086
	$cc $cflags -fsanitize=fuzzer -DFUZZ_LIBFUZZER ${FUZZ_CPPFLAGS:-} -I"$src/fuzz" "$file" $objs \
		${FUZZ_LIBS:-} -o "$out/bin/$t" || exit 1
done

# ---------------------------------------------------------------- seeds
# From the scenario files at build time (nothing copied into the tree):
# each target gets the kind of file it reads; fuzz/regress/TARGET adds the
# committed regression inputs.
scen="$src/tests/scenarios"
seed() { # TARGET NAME < content
	mkdir -p "$out/seeds/$1"
	cat >"$out/seeds/$1/$2"
}
n=0
for d in "$scen"/*/; do
	name=$(basename "$d")
	r="$d/root"
	[ -d "$r" ] || continue
	n=$((n + 1))
	for u in "$r"/lib/systemd/system/docker.service "$r"/usr/lib/systemd/system/docker.service \
		"$r"/etc/systemd/system/docker.service; do
		[ -f "$u" ] || continue
		dropin=$(find "$r"/etc/systemd/system/docker.service.d -type f 2>/dev/null | head -n 1)
		{ cat "$u"; [ -n "$dropin" ] && { printf '\n--\n'; cat "$dropin"; }; } | seed unit "$name"
		grep -h '^ExecStart=.' "$u" $dropin 2>/dev/null | sed 's/^ExecStart=//' | head -n 1 | seed exec_line "$name"
		grep -h '^ExecStart=.' "$u" $dropin 2>/dev/null | sed 's/^ExecStart=//' | head -n 1 |
			tr ' ' '\000' | seed dockerd_args "$name"
		grep -ho '[a-z]*://[^ "\\,]*' "$u" $dropin 2>/dev/null | head -n 1 | tr -d '\n' | seed host "$name"
		cat "$u" | seed launchers "$name"
	done
	for s in "$r"/lib/systemd/system/docker.socket "$r"/usr/lib/systemd/system/docker.socket; do
		[ -f "$s" ] && seed socket_unit "$name" <"$s"
	done
	[ -f "$r/etc/docker/daemon.json" ] && seed daemon_json "$name" <"$r/etc/docker/daemon.json"
	[ -f "$r/etc/docker/daemon.json" ] && grep -o '"[a-z]*://[^"]*"' "$r/etc/docker/daemon.json" | head -n 1 |
		tr -d '"\n' | seed host "$name-json"
	for e in "$r"/etc/default/docker "$r"/etc/sysconfig/docker "$r"/etc/conf.d/docker; do
		[ -f "$e" ] && seed env_file "$name-$(basename "$(dirname "$e")")" <"$e"
	done
	if [ -f "$r/etc/init.d/docker" ]; then
		envf=$(ls "$r"/etc/default/docker "$r"/etc/sysconfig/docker "$r"/etc/conf.d/docker 2>/dev/null | head -n 1)
		{ cat "$r/etc/init.d/docker"; [ -n "$envf" ] && { printf '\n--\n'; cat "$envf"; }; } | seed init_script "$name"
	fi
	for t6 in tcp tcp6 unix; do
		for f in "$r"/proc/*/net/$t6; do [ -f "$f" ] && seed proc_net "$name-$t6" <"$f"; done
	done
	st=$(find "$r" -path '*/swarm/docker-state.json' 2>/dev/null | head -n 1)
	rec=$(find "$r" -name config.v2.json 2>/dev/null | head -n 1)
	if [ -n "$st$rec" ]; then
		{ [ -n "$st" ] && cat "$st"; printf '\n--\n'; [ -n "$rec" ] && cat "$rec"; } | seed cluster "$name"
	fi
	for l in "$r"/etc/rc.local "$r"/etc/inittab "$r"/etc/sv/*/run "$r"/etc/supervisor/conf.d/*; do
		[ -f "$l" ] && seed launchers "$name-$(basename "$l")" <"$l"
	done
	# The whole root, in fuzz-root-scan.c's chunk format: one plus the
	# index of the file in its table, its content, NUL.
	i=0
	for p in /lib/systemd/system/docker.service /etc/systemd/system/docker.service.d/override.conf \
		/lib/systemd/system/docker.socket /etc/systemd/system/docker.socket.d/override.conf \
		/etc/docker/daemon.json /etc/default/docker /etc/sysconfig/docker /etc/init.d/docker \
		/etc/conf.d/docker /usr/bin/dockerd /proc/812/comm /proc/812/cmdline /proc/812/environ \
		/proc/812/net/tcp /proc/812/net/tcp6 /proc/812/net/unix /proc/1/comm \
		/var/lib/docker/swarm/docker-state.json; do
		if [ -f "$r$p" ]; then
			printf "\\$(printf '%03o' $((i + 1)))"
			tr -d '\000' <"$r$p"
			printf '\000'
		fi
		i=$((i + 1))
	done | seed root_scan "$name"
done
# Setup-generated /proc files (cmdline, environ) are not in root/: the
# live fixtures' setup scripts are run into a scratch copy for them.
for d in "$scen"/live-*/; do
	name=$(basename "$d")
	[ -f "$d/setup" ] || continue
	tmp="$out/live-root"
	rm -rf "$tmp" && mkdir -p "$tmp" && sh "$d/setup" "$tmp" >/dev/null 2>&1 || continue
	for c in "$tmp"/proc/*/cmdline; do
		[ -f "$c" ] && seed dockerd_args "$name-$(basename "$(dirname "$c")")" <"$c"
	done
done
rm -rf "$out/live-root"
for t in $targets; do find "$out/seeds/$t" -type f -size 0 -delete 2>/dev/null; done
echo "fuzz: seeds from $n scenarios"

# ---------------------------------------------------------------- run
scratch="$out"
if [ -d /dev/shm ] && [ -w /dev/shm ]; then scratch=/dev/shm; fi
status=0
printf '%-14s %12s %10s %s\n' target executions exec/s result
for t in $targets; do
	mkdir -p "$out/corpus/$t" "$out/seeds/$t"
	regress="$src/fuzz/regress/$t"
	[ -d "$regress" ] || regress=
	log="$out/logs/$t.log"
	# Scratch roots on tmpfs when there is one (twenty times the rate of
	# a disk for the targets that write a root); leaks are findings.
	TMPDIR="$scratch" ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"$out/bin/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="$out/artifacts/$t-" \
		"$out/corpus/$t" "$out/seeds/$t" $regress >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	if [ $rc -eq 0 ]; then
		result=ok
	else
		result="FINDING (exit $rc): $(grep -m1 -E 'ERROR: |SUMMARY: |runtime error|Timeout|out-of-memory' "$log" | cut -c1-150)"
		status=1
	fi
	printf '%-14s %12s %10s %s\n' "$t" "${execs:-?}" "${rate:-?}" "$result"
done
[ $status -eq 0 ] || echo "fuzz: findings above; inputs in $out/artifacts/, logs in $out/logs/"
exit $status
