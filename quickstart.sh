#!/bin/sh
# dockerd-scap quick start for a Debian 12 machine.
#
#   ./quickstart.sh scan   install what building and scanning need (build tools,
#                          libraries, openscap-scanner; never docker.io or test
#                          tools), build, and scan this host with
#                          stock `oscap xccdf eval` and the bundled data stream:
#                          ARF, HTML report and STIG Viewer results in
#                          scan-results/ (RESULTS_DIR), verdicts printed
#   ./quickstart.sh test   install what is needed, build, and run the whole test
#                          suite (unit tests, scenarios, sanitizer build, valgrind,
#                          make distcheck, --fix under systemd, differential
#                          test against the real dockerd, the packages, the
#                          Ansible playbook on three nodes, a clang build,
#                          bounded fuzzing)
#
# Environment: BUILD_DIR (default: _build/quickstart), JOBS (default: nproc),
# FUZZ_SECONDS (test: seconds per fuzz target, default 8),
# PROFILE (default: xccdf_org.dockerd-scap_profile_docker_api, all three rules;
# xccdf_mil.disa.stig_profile_MAC-1_Classified for the DISA rule alone),
# RESULTS_DIR (default: scan-results).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD_DIR:-$here/_build/quickstart}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

# Debian packages building and scanning need: build tools, libraries, the
# scanner. Nothing else: `scan` assesses this host, and installing software
# it assesses (docker.io) or does not need would change the answer.
BUILD_PACKAGES="build-essential autoconf automake libtool pkg-config libjson-c-dev libxml2-dev
libssl-dev zip openscap-scanner"
# What the test suite needs on top (`test` only).
TEST_PACKAGES="libcmocka-dev jq valgrind util-linux openscap-utils docker.io openssl iproute2
ansible-core curl systemd-container debootstrap debhelper dh-autoreconf lintian rpm
openssh-server openssh-client python3-apt ansible-lint zip unzip libxml2-utils python3
clang-14 libclang-rt-14-dev"

# Node.js and npm (STIG Manager's parsers): Debian's, unless a Node.js with
# npm is installed already (Debian's npm conflicts with other Node.js builds).
node_packages() {
	command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || echo "nodejs npm"
}

say() { printf '==> %s\n' "$*"; }

install_deps() { # PACKAGE...
	missing=""
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
	say "missing Debian packages:$missing"
	$sudo apt-get update -q
	# Name everything apt will install (the packages and their dependencies)
	# before installing it.
	# shellcheck disable=SC2086
	all=$(apt-get install -s -q --no-install-recommends $missing | sed -n 's/^Inst \([^ ]*\).*/\1/p' | tr '\n' ' ')
	say "installing: $all"
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
}

configure_in() { # DIR [configure args...]
	dir=$1; shift
	[ -x "$here/configure" ] || (say "autogen"; cd "$here" && ./autogen.sh)
	mkdir -p "$dir"
	# Configured again when the arguments differ (scan: plain; test: -Werror).
	if [ ! -f "$dir/Makefile" ] || [ "$(cat "$dir/.quickstart-args" 2>/dev/null)" != "$*" ]; then
		say "configure in $dir $*"
		(cd "$dir" && "$here/configure" -q "$@") || return 1
		printf '%s\n' "$*" >"$dir/.quickstart-args"
	fi
}

build() { # [configure args...]
	configure_in "$build" "$@"
	say "build"
	make -C "$build" -s -j"$jobs"
}

# After a failed `make check`: the failing tests' TAP lines and diagnostics
# from test-suite.log, printed now (the valgrind pass reruns the same tests
# in the same build directory and would replace the logs).
show_failures() { # BUILDDIR
	[ -f "$1/test-suite.log" ] || return 0
	cp "$1/test-suite.log" "$1/test-suite-$2.log"
	grep -E -A12 '^(not ok|ERROR|FAIL)' "$1/test-suite.log" | head -n 120
	say "failures kept in $1/test-suite-$2.log"
}

count_results() { # LOGDIR -> adds to passed/failed from automake .trs files
	p=$(find "$1" -name '*.trs' -exec grep -h '^:test-result: PASS' {} + 2>/dev/null | wc -l)
	f=$(find "$1" -name '*.trs' -exec grep -h -E '^:test-result: (FAIL|ERROR|XPASS)' {} + 2>/dev/null | wc -l)
	passed=$((passed + p)); failed=$((failed + f))
}

cmd=${1:-}
case "$cmd" in
scan)
	# shellcheck disable=SC2086
	install_deps $BUILD_PACKAGES
	build
	profile=${PROFILE:-xccdf_org.dockerd-scap_profile_docker_api}
	out=${RESULTS_DIR:-$here/scan-results}
	mkdir -p "$out"
	stamp=$(date -u +%Y%m%dT%H%M%SZ)
	host=$(hostname 2>/dev/null || echo host)
	arf="$out/$host-$stamp-arf.xml"
	report="$out/$host-$stamp-report.html"
	stig="$out/$host-$stamp-stig-viewer.xml"
	# The installed data stream's SCE check runs the installed probe; oscap
	# gives SCE scripts a fixed PATH. Compose the same content with its SCE
	# check pointing at the probe just built (nothing is installed).
	ds="$out/dockerd-scap-ds-build.xml"
	sh "$here/content/build-ds.sh" "$here/content" "$ds" "$build/dockerd-listeners"
	say "oscap xccdf eval, profile $profile, on this host (/)"
	set +e
	oscap xccdf eval --profile "$profile" \
		--results-arf "$arf" --report "$report" --stig-viewer "$stig" "$ds"
	rc=$?
	set -e
	case $rc in
	0) verdict="every selected rule passed or is not applicable" ;;
	2) verdict="at least one rule FAILED" ;;
	*) verdict="oscap reported an error (exit $rc)" ;;
	esac
	say "verdict: $verdict"
	say "ARF results:        $arf"
	say "HTML report:        $report"
	say "STIG Viewer results: $stig"
	say "evidence without oscap: $build/dockerd-listeners --root /"
	say "STIG Viewer checklist:  $build/dockerd-scap-report ckl --output-dir $out $arf"
	exit $rc
	;;
test)
	# shellcheck disable=SC2086
	# shellcheck disable=SC2046 # node_packages prints words on purpose
	install_deps $BUILD_PACKAGES $TEST_PACKAGES $(node_packages)
	passed=0; failed=0; status=0
	# The project's own builds treat every warning as an error.
	build --enable-werror
	say "make check"
	make -C "$build" -s -j"$jobs" check || { status=1; show_failures "$build" check; }
	count_results "$build"

	san="$build-sanitizers"
	configure_in "$san" --enable-sanitizers --enable-werror
	say "make check with AddressSanitizer and UndefinedBehaviorSanitizer"
	ASAN_OPTIONS=detect_leaks=1 make -C "$san" -s -j"$jobs" check ||
		{ status=1; show_failures "$san" sanitizers; }
	count_results "$san"

	say "unit tests and scenarios under valgrind"
	make -C "$build" -s -j"$jobs" check-valgrind || { status=1; show_failures "$build" valgrind; }
	count_results "$build"

	say "make distcheck"
	if make -C "$build" -s distcheck >"$build/distcheck.log" 2>&1; then
		passed=$((passed + 1)); echo "PASS: make distcheck"
	else
		failed=$((failed + 1)); status=1; tail -n 40 "$build/distcheck.log"; echo "FAIL: make distcheck"
	fi
	# The submission pipeline: the SCC data stream over the content
	# scenarios, then oscap results through dockerd-scap-report into
	# STIG Manager's own parsers (npm install into the build tree).
	say "make check-pipeline (SCC data stream, reports, STIG Manager's parsers)"
	if make -C "$build" -s check-pipeline; then
		passed=$((passed + 1)); echo "PASS: make check-pipeline"
	else
		failed=$((failed + 1)); status=1; echo "FAIL: make check-pipeline"
	fi

	# About 2 minutes (plus about 100 s once to build the container tree).
	say "differential test against a real systemd 252 (100 cases, seed 1)"
	# Progress every 50 cases; a disagreement prints its reproducer.
	if make -C "$build" -s differential-systemd CASES=100 SEED=1 JOBS=2; then
		passed=$((passed + 1)); echo "PASS: make differential-systemd"
	else
		failed=$((failed + 1)); status=1; echo "FAIL: make differential-systemd"
	fi

	# dockerd-listeners --fix on every scenario, and under a real systemd in
	# a container (the first run builds the container tree: about 2 min).
	say "make check-remediate"
	if make -C "$build" -s check-remediate >"$build/check-remediate.log" 2>&1; then
		passed=$((passed + 1)); echo "PASS: make check-remediate"
	else
		failed=$((failed + 1)); status=1; grep -E '^(not ok|# )' "$build/check-remediate.log" | tail -n 40
		echo "FAIL: make check-remediate"
	fi

	# Random configurations through the probe and the real dockerd, each in
	# its own namespaces (docs/differential.md): about 1 to 3 minutes.
	say "differential test against the real dockerd (the fixed cases, then seed 1, 60 cases)"
	{
		make -C "$build" -s differential-cases JOBS=2 &&
			make -C "$build" -s differential SEED=1 CASES=60 JOBS=2
		echo $? >"$build/differential.rc"
	} 2>&1 | tee "$build/differential.log"
	if [ "$(cat "$build/differential.rc" 2>/dev/null)" = 0 ]; then
		passed=$((passed + 1)); echo "PASS: differential (dockerd)"
	else
		failed=$((failed + 1)); status=1; echo "FAIL: differential (dockerd)"
	fi

	# The .deb and .rpm built from the release tarball, lintian, the .deb
	# installed into a throwaway root and scanned (about 2 min).
	say "make check-package"
	if make -C "$build" -s check-package >"$build/check-package.log" 2>&1; then
		passed=$((passed + 1)); echo "PASS: make check-package"
	else
		failed=$((failed + 1)); status=1; grep -E '^(not ok|# )' "$build/check-package.log" | tail -n 40
		echo "FAIL: make check-package"
	fi

	# The Ansible playbook over ssh against three nodes on this machine, each
	# with its own namespaces, sshd and dockerd: scan, fix, scan (about 6 to 8 min).
	say "make check-fleet"
	if make -C "$build" -s check-fleet 2>&1 | tee "$build/check-fleet.log" | grep --line-buffered -E '^(ok|not ok) ' &&
		! grep -q '^not ok' "$build/check-fleet.log" && grep -q '^1\.\.' "$build/check-fleet.log"; then
		passed=$((passed + 1)); echo "PASS: make check-fleet"
	else
		failed=$((failed + 1)); status=1; grep -E '^(not ok|# )' "$build/check-fleet.log" | tail -n 40
		echo "FAIL: make check-fleet"
	fi

	# The same sources with clang, warnings as errors; its unit tests and
	# the fuzz regression inputs.
	clang_build="$build-clang"
	say "clang build (-Werror) and its unit tests"
	if configure_in "$clang_build" CC=clang-14 --enable-werror &&
		make -C "$clang_build" -s -j"$jobs" >"$clang_build/build.log" 2>&1 &&
		make -C "$clang_build" -s -j"$jobs" check-unit; then
		passed=$((passed + 1)); echo "PASS: clang build"
	else
		failed=$((failed + 1)); status=1
		tail -n 40 "$clang_build/build.log" 2>/dev/null; echo "FAIL: clang build"
	fi
	count_results "$clang_build"

	# Fuzzing, bounded: every libFuzzer target (clang) for FUZZ_SECONDS
	# each (default 8: about 100 s of fuzzing plus the sanitizer build).
	say "fuzzing: each target for ${FUZZ_SECONDS:-8} s (make fuzz)"
	if make -C "$build" -s fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-8}"; then
		passed=$((passed + 1)); echo "PASS: make fuzz"
	else
		failed=$((failed + 1)); status=1; echo "FAIL: make fuzz"
	fi
	echo "$passed passed, $failed failed"
	exit $status
	;;
*)
	echo "usage: $0 scan|test" >&2
	exit 2
	;;
esac
