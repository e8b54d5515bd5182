#!/bin/sh
# Differential test: random configurations through dockerd-listeners and
# through the real dockerd, compared (docs/differential.md).
#
#   dockerd-differential.sh --probe PROBE --gen DOCKERD_GEN [--seed S]
#                           [--first I] [--cases N] [--jobs J] [--keep DIR]
#   dockerd-differential.sh --probe PROBE --cases-dir DIR [--jobs J] [--keep DIR]
#
# --cases-dir runs fixed cases instead of generated ones: each subdirectory
# holds flags, files, summary and optionally daemon.json (the generator's
# format) and real-log-contains, a line dockerd's output must contain: the
# fact the case documents (tests/differential/cases).
#
# Case I of seed S (dockerd-gen) becomes a root directory: docker.service
# running /usr/sbin/dockerd with the case's flags (plus private data, exec
# root and pidfile flags, no iptables, no bridge, vfs), /etc/docker/daemon.json,
# certificate files, and the dpkg status of the dockerd installed here, so
# the probe applies that version's rules. The probe scans the root
# (--config-only). The real dockerd runs with the same command line in its
# own network, mount and PID namespaces (netns-dockerd.sh): loopback only,
# tmpfs over /run, /etc/docker and /root holding the root's files.
# Compared: whether dockerd starts; the TCP listeners it binds (ss) and their
# TLS mode by handshake (curl without TLS, with TLS, with a client
# certificate); the unix sockets of its "API listen on" lines. A port-0
# listener matches any port on its address. Every disagreement prints one
# line with the reproducer. Exit status 0 when every case agrees, 1
# otherwise (also when something needed is missing: the test never skips).
set -u
LC_ALL=C
export LC_ALL

probe= gen= seed=1 first=0 cases=20 jobs=2 keep= casesdir=
while [ $# -gt 0 ]; do
	case $1 in
	--probe) probe=$2; shift 2 ;;
	--gen) gen=$2; shift 2 ;;
	--seed) seed=$2; shift 2 ;;
	--first) first=$2; shift 2 ;;
	--cases) cases=$2; shift 2 ;;
	--jobs) jobs=$2; shift 2 ;;
	--keep) keep=$2; shift 2 ;;
	--cases-dir) casesdir=$2; shift 2 ;;
	*) echo "usage: $0 --probe PROBE --gen DOCKERD_GEN [--seed S] [--first I] [--cases N] [--jobs J] [--keep DIR]" >&2
	   exit 2 ;;
	esac
done
here=$(cd "$(dirname "$0")" && pwd)
JQ=${JQ:-jq}

die() { echo "FAIL: differential: $*"; exit 1; }
[ -n "$probe" ] && [ -x "$probe" ] || die "--probe must name the dockerd-listeners binary"
if [ -n "$casesdir" ]; then
	[ -d "$casesdir" ] || die "--cases-dir $casesdir is not a directory"
else
	[ -n "$gen" ] && [ -x "$gen" ] || die "--gen must name the dockerd-gen binary"
fi
case "$seed$first$cases$jobs" in *[!0-9]*) die "seed, first, cases and jobs are numbers" ;; esac
[ "$(id -u)" -eq 0 ] || die "needs root (network, mount and PID namespaces for dockerd)"
DOCKERD=$(command -v dockerd) || die "dockerd is not installed (docker.io)"
LOCK=${TMPDIR:-/tmp}/dockerd-scap-live-dockerd.lock
: >>"$LOCK" || die "cannot create the lock file $LOCK"
for t in unshare flock stat ip ss curl openssl "$JQ" dpkg-query; do
	command -v "$t" >/dev/null 2>&1 || die "$t is not installed"
done
[ -d /etc/docker ] || mkdir -p /etc/docker || die "cannot create the mount point /etc/docker"

# The dockerd installed here, as its package database records it.
pkg= ver=
for p in docker.io docker-ce moby-engine; do
	v=$(dpkg-query -W -f='${Status} ${Version}' "$p" 2>/dev/null) || continue
	case $v in "install ok installed "*) pkg=$p ver=${v#install ok installed }; break ;; esac
done
[ -n "$pkg" ] || die "no dockerd package (docker.io, docker-ce, moby-engine) in the dpkg database"

work=$(mktemp -d "${TMPDIR:-/tmp}/dl-diff.XXXXXX") || die "mktemp"
cleanup() { [ -n "$keep" ] || rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
[ -z "$keep" ] || mkdir -p "$keep" || die "cannot create $keep"

# Certificates: one CA; a server certificate for every loopback name the
# generator uses; a client certificate for the mutual-TLS handshake.
C=$work/certs
mkdir -p "$C" "$work/client"
(
	cd "$C" || exit 1
	openssl req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days 2 \
		-subj /CN=dockerd-scap-diff-ca &&
		openssl req -newkey rsa:2048 -nodes -keyout key.pem -out s.csr -subj /CN=localhost &&
		printf 'subjectAltName=IP:127.0.0.1,IP:127.0.0.2,IP:::1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >s.ext &&
		openssl x509 -req -in s.csr -CA ca.pem -CAkey ca-key.pem -set_serial 2 -days 2 \
			-extfile s.ext -out cert.pem &&
		openssl req -newkey rsa:2048 -nodes -keyout "$work/client/key.pem" -out c.csr -subj /CN=client &&
		printf 'extendedKeyUsage=clientAuth\n' >c.ext &&
		openssl x509 -req -in c.csr -CA ca.pem -CAkey ca-key.pem -set_serial 3 -days 2 \
			-extfile c.ext -out "$work/client/cert.pem"
) >"$work/openssl.log" 2>&1 || die "openssl: $(tail -n 3 "$work/openssl.log")"

mkdir -p "$work/cases"
if [ -n "$casesdir" ]; then
	names=
	for d in "$casesdir"/*/; do
		n=$(basename "$d")
		cp -R "$d" "$work/cases/case-$n" || die "cannot copy $d"
		names="$names $n"
	done
	[ -n "$names" ] || die "no cases in $casesdir"
else
	"$gen" "$seed" "$first" "$cases" "$work/cases" || die "dockerd-gen failed"
	names=
	i=$first
	while [ "$i" -lt $((first + cases)) ]; do names="$names $i"; i=$((i + 1)); done
fi
ncases=$(echo $names | wc -w)

# systemd's quoting of one word: "..." with \ " and control characters
# escaped, % and $ doubled (systemd.syntax, systemd.service "COMMAND LINES").
sd_quote() {
	printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/%/%%/g' \
		-e 's/\$/$$/g' -e 's/	/\\t/g')"
}

PRIVATE="--data-root=/run/dx/data --exec-root=/run/dx/exec --pidfile=/run/dx/docker.pid --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs"

# Normalise a TCP address as both sides print it: the wildcard (0.0.0.0, ::,
# empty, "*") as "*", localhost as 127.0.0.1, IPv4-mapped IPv6 as IPv4.
PROBE_SET='
def norm: ascii_downcase
  | if . == "localhost" then "127.0.0.1"
    elif . == "" or . == "0.0.0.0" or . == "::" then "*"
    elif startswith("::ffff:") and (.[7:] | test("^[0-9.]+$")) then .[7:]
    elif contains(":") then "[" + . + "]"
    else . end;
.listeners[]?
| if .proto == "tcp" then "tcp \(.address | norm):\(.port) \(.tls)"
  elif .proto == "unix" then "unix \(.path)"
  else "fd \(.fd)" end'

run_case() {
	i=$1
	c=$work/cases/case-$i
	r=$c/root
	mkdir -p "$r/lib/systemd/system" "$r/etc/docker" "$r/var/lib/dpkg" "$r/usr/sbin" "$r/etc" "$c/out"
	: >"$r/usr/sbin/dockerd"
	chmod 755 "$r/usr/sbin/dockerd"
	printf 'root:x:0:0:root:/root:/bin/sh\n' >"$r/etc/passwd"
	printf 'Package: %s\nStatus: install ok installed\nArchitecture: amd64\nVersion: %s\n\n' \
		"$pkg" "$ver" >"$r/var/lib/dpkg/status"
	[ -f "$c/daemon.json" ] && cp "$c/daemon.json" "$r/etc/docker/daemon.json"
	while read -r path kind; do
		[ -n "$path" ] || continue
		mkdir -p "$r$(dirname "$path")"
		case $kind in
		ca) cp "$C/ca.pem" "$r$path" ;;
		cert) cp "$C/cert.pem" "$r$path" ;;
		key) cp "$C/key.pem" "$r$path" ;;
		esac
	done <"$c/files"
	# The command line, as argv words and as a systemd ExecStart= line.
	set -- $PRIVATE
	line="ExecStart=/usr/sbin/dockerd $PRIVATE"
	while IFS= read -r w; do
		set -- "$@" "$w"
		line="$line $(sd_quote "$w")"
	done <"$c/flags"
	printf '[Unit]\nDescription=Docker Application Container Engine\n\n[Service]\nType=notify\n%s\n' \
		"$line" >"$r/lib/systemd/system/docker.service"

	"$probe" --root "$r" --format json --config-only >"$c/probe.json" 2>"$c/probe.err"
	prc=$?
	# The daemon has its own network namespace, but its process is visible
	# in the host's /proc, where a live scan of the host (the live tests)
	# would count it: hold the lock those tests take (exclusively), shared
	# among our own cases; when someone waits for it exclusively, let them
	# have it first.
	inode=$(stat -c %i "$LOCK" 2>/dev/null)
	if [ -n "$inode" ] && grep -q -- "-> FLOCK *ADVISORY *WRITE [0-9]* [0-9a-f]*:[0-9a-f]*:$inode " /proc/locks 2>/dev/null; then
		flock -w 900 "$LOCK" true
	fi
	flock -s -w 900 "$LOCK" \
		unshare --net --mount --pid --fork --mount-proc --propagation private \
		sh "$here/netns-dockerd.sh" "$r" "$c/out" "$work/client" "$DOCKERD" "$@" \
		>"$c/out/stdout" 2>&1 || [ -s "$c/out/state" ] ||
		echo "no run: the lock $LOCK was held for 900 s, or unshare failed" >"$c/out/state"

	# Compare.
	verdict=agree why=
	if [ "$prc" -ne 0 ] || ! "$JQ" -e 'type == "object"' "$c/probe.json" >/dev/null 2>&1; then
		verdict=DISAGREE why="probe exit $prc: $(head -c 300 "$c/probe.err")"
	fi
	state=$(cat "$c/out/state" 2>/dev/null || echo "no state")
	case $state in
	listening | exited*) ;;
	*) verdict=DISAGREE why="real dockerd: $state" ;;
	esac
	if [ "$verdict" = agree ]; then
		prefuse=$("$JQ" -r '.launch.refuses_start' "$c/probe.json")
		"$JQ" -r "$PROBE_SET" "$c/probe.json" | sort -u >"$c/probe.set"
		if [ "$state" = listening ]; then
			rrefuse=false
			{
				while read -r a mode; do
					h=${a%:*} p=${a##*:}
					case $h in
					'*' | '[::]' | 0.0.0.0) h='*' ;;
					'[::ffff:'*) h=${h#\[::ffff:}; h=${h%\]} ;;
					esac
					# A port-0 listener of the probe matches any port.
					grep -qx "tcp $h:0 .*" "$c/probe.set" && ! grep -q "^tcp $h:$p " "$c/probe.set" &&
						p=0
					echo "tcp $h:$p $mode"
				done <"$c/out/tls"
				sed -n 's/.*msg="API listen on \(\/[^"]*\)".*/unix \1/p' "$c/out/log"
			} | sort -u >"$c/real.set"
		else
			rrefuse=true
			: >"$c/real.set"
		fi
		if [ "$prefuse" != "$rrefuse" ]; then
			verdict=DISAGREE
			if [ "$rrefuse" = true ]; then
				why="dockerd refused to start ($(grep -v '^time=\|^$' "$c/out/log" | tail -n 1 | cut -c1-200)); probe: starts with $(tr '\n' ' ' <"$c/probe.set")"
			else
				why="dockerd started with $(tr '\n' ' ' <"$c/real.set"); probe: refuses ($("$JQ" -r '[.problems[]? | select(.severity != "warning") | .message] | join("; ")' "$c/probe.json" | cut -c1-300))"
			fi
		elif [ -f "$c/real-log-contains" ] && ! grep -qF -- "$(cat "$c/real-log-contains")" "$c/out/log"; then
			verdict=DISAGREE
			why="dockerd's output lacks the documented fact: $(cat "$c/real-log-contains")"
		elif [ "$rrefuse" = false ] && ! cmp -s "$c/probe.set" "$c/real.set"; then
			verdict=DISAGREE
			why="listeners: dockerd $(tr '\n' ' ' <"$c/real.set")| probe $(tr '\n' ' ' <"$c/probe.set")"
		elif [ "$rrefuse" = false ] &&
			"$JQ" -e 'any(.problems[]?; .severity != "warning")' "$c/probe.json" >/dev/null; then
			verdict=DISAGREE
			why="dockerd started as predicted, but the probe reports an error: $("$JQ" -r '[.problems[]? | select(.severity != "warning") | .message] | join("; ")' "$c/probe.json" | cut -c1-300)"
		fi
	fi
	if [ "$verdict" = agree ]; then
		echo "agree" >"$c/verdict"
		echo "case $i: agree ($( [ "${rrefuse:-}" = true ] && echo "both refuse" || tr '\n' ' ' <"$c/real.set"))"
	else
		echo "DISAGREE" >"$c/verdict"
		echo "DISAGREE seed=$seed case=$i: $why"
		if [ -n "$casesdir" ]; then
			echo "  reproduce: tests/differential/dockerd-differential.sh --cases-dir $casesdir (case $i) | config: $(cat "$c/summary")"
		else
			echo "  reproduce: make differential SEED=$seed FIRST=$i CASES=1 | config: $(cat "$c/summary")"
		fi
	fi
	[ -n "$keep" ] || rm -rf "$c/root"
}

if [ -n "$casesdir" ]; then
	echo "# differential: $ncases fixed cases from $casesdir, $jobs at a time, dockerd $pkg $ver"
else
	echo "# differential: seed $seed, cases $first..$((first + cases - 1)), $jobs at a time, dockerd $pkg $ver"
fi
start=$(date +%s)
k=0
while [ "$k" -lt "$jobs" ]; do
	(
		j=0
		for n in $names; do
			[ $((j % jobs)) -eq "$k" ] && run_case "$n"
			j=$((j + 1))
		done
	) &
	k=$((k + 1))
done
wait
agree=$(cat "$work"/cases/case-*/verdict 2>/dev/null | grep -cx agree)
total=$(ls -d "$work"/cases/case-* 2>/dev/null | wc -l)
dis=$((total - agree))
echo "# differential: $agree of $total cases agree, $dis disagree ($([ -n "$casesdir" ] && echo "fixed cases" || echo "seed $seed, first $first")), $(( $(date +%s) - start )) s"
[ -n "$keep" ] && cp -a "$work/cases" "$keep/" 2>/dev/null
[ "$dis" -eq 0 ] && [ "$total" -eq "$ncases" ]
