#!/bin/sh
# Run by check-package.sh inside `unshare -m --propagation private --pid
# --fork`: a throwaway root that is an overlay of this machine's / (writes go
# to a tmpfs, gone when the namespace ends), with its own /proc (so only this
# namespace's processes are seen), /run and /tmp. Installs the .deb there with
# dpkg -i, scans with the installed data stream, removes the package.
#
#   package-root.sh DIR DEB [LIBDEB DEVDEB]
set -u
base=$1
deb=$2
shift 2
fail=0
step() { echo "# $*"; }
bad() { echo "# FAILED: $*"; fail=1; }

mkdir -p "$base"
mount -t tmpfs tmpfs "$base" || exit 1
mkdir -p "$base/upper" "$base/work" "$base/root"
# Upper and work dirs on their own tmpfs: overlayfs refuses layers that
# overlap on one file system.
mount -t overlay overlay -o "lowerdir=/,upperdir=$base/upper,workdir=$base/work" "$base/root" || exit 1
r=$base/root
mount -t proc proc "$r/proc" || exit 1
mount --rbind /dev "$r/dev" || exit 1
for d in run tmp var/lib/docker; do
	mkdir -p "$r/$d" && mount -t tmpfs tmpfs "$r/$d" || exit 1
done
in_root() { chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }

# Nothing of ours before the install: the scan must run what dpkg installed.
for p in /usr/bin/dockerd-listeners /usr/local/bin/dockerd-listeners /usr/share/xml/scap/dockerd-scap \
	/usr/local/share/xml/scap/dockerd-scap; do
	rm -rf "${r:?}$p"
done
dpkg-query --admindir="$r/var/lib/dpkg" -W dockerd-scap >/dev/null 2>&1 &&
	in_root dpkg --purge dockerd-scap >/dev/null 2>&1

step "dpkg -i $(basename "$deb") $*"
cp "$deb" "$r/tmp/pkg.deb"
in_root dpkg -i /tmp/pkg.deb || bad "dpkg -i"
if [ $# -gt 0 ]; then
	mkdir -p "$r/tmp/lib"
	cp "$@" "$r/tmp/lib/"
	in_root sh -c 'dpkg -i /tmp/lib/*.deb' || bad "dpkg -i the library packages"
	# A program built against the installed library with its pkg-config file.
	cat >"$r/tmp/lib/use.c" <<'C'
#include <stdio.h>
#include <dockerd-scap/listeners.h>
int main(int argc, char **argv)
{
	struct dl_scan_result *r = NULL;
	char err[256];
	if (dl_scan_config(&r, argc > 1 ? argv[1] : "/", err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	printf("%zu listeners\n", dl_scan_listener_count(r));
	dl_scan_result_free(r);
	return 0;
}
C
	in_root sh -c 'cc -o /tmp/lib/use /tmp/lib/use.c $(pkg-config --cflags --libs dockerd-scap)' ||
		bad "a program using <dockerd-scap/listeners.h> does not build with pkg-config dockerd-scap"
	in_root /tmp/lib/use / || bad "the program linked against the installed library does not run"
	in_root sh -c 'ldd /tmp/lib/use' | grep -Eq 'libdockerd-scap.so.0 => /(usr/)?lib/' ||
		bad "the program does not load the installed libdockerd-scap.so.0"
fi
ds=/usr/share/xml/scap/dockerd-scap/dockerd-scap-ds.xml
for f in /usr/bin/dockerd-listeners "$ds" /usr/share/man/man1/dockerd-listeners.1.gz; do
	[ -s "$r$f" ] || bad "$f not installed"
done
# dockerd-scap-report is part of releases whose source has report/.
if [ -n "${PACKAGE_HAS_REPORT:-}" ]; then
	[ -x "$r/usr/bin/dockerd-scap-report" ] || bad "/usr/bin/dockerd-scap-report not installed"
	[ -s "$r/usr/share/man/man1/dockerd-scap-report.1.gz" ] || bad "dockerd-scap-report.1 not installed"
	in_root dockerd-scap-report --help >/dev/null || bad "dockerd-scap-report --help"
fi
for f in "$r"/usr/share/xml/scap/dockerd-scap/*.xml; do
	in_root oscap ds sds-validate "${f#"$r"}" || bad "oscap ds sds-validate ${f#"$r"}"
done
[ "$(in_root sh -c 'command -v dockerd-listeners')" = /usr/bin/dockerd-listeners ] ||
	bad "dockerd-listeners is not /usr/bin/dockerd-listeners on PATH"
in_root man -w dockerd-listeners >/dev/null 2>&1 || echo "# (man -w cannot check: man-db absent or manual pages excluded)"

# rule results from an ARF: "RULE RESULT" lines (python3's XML parser; the
# values are oscap's, not dockerd configuration).
results() {
	python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
X = "{http://checklists.nist.gov/xccdf/1.2}"
for rr in ET.parse(sys.argv[1]).iter(X + "rule-result"):
    rid = rr.get("idref").split("_rule_", 1)[-1]
    print(rid, rr.find(X + "result").text)
PY
}
sce_stdout() {
	python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
X = "{http://checklists.nist.gov/xccdf/1.2}"
for ci in ET.parse(sys.argv[1]).iter(X + "check-import"):
    if ci.get("import-name") == "stdout" and ci.text:
        print(ci.text)
PY
}
scan() { # NAME EXPECTED-RC (oscap: 0 all pass/notapplicable, 2 any fail or error), then expected "RULE RESULT" lines on stdin
	name=$1; want_rc=$2
	in_root oscap xccdf eval --profile xccdf_org.dockerd-scap_profile_docker_api \
		--results-arf "/tmp/$name-arf.xml" "$ds" >"$base/$name.out" 2>&1
	rc=$?
	sed 's/^/#   /' "$base/$name.out"
	[ "$rc" -eq "$want_rc" ] || bad "$name: oscap exit $rc, expected $want_rc"
	results "$r/tmp/$name-arf.xml" | sort >"$base/$name.got"
	sort >"$base/$name.want"
	diff "$base/$name.want" "$base/$name.got" || bad "$name: rule results differ (- expected, + got)"
	sce_stdout "$r/tmp/$name-arf.xml" >"$base/$name.sce"
	[ "$name" = noprobe ] || ! grep -q 'is not installed' "$base/$name.sce" || bad "$name: the SCE check did not find the probe"
}

# A TCP API host in a drop-in: the installed probe must find it.
step "scan 1: a drop-in adds -H tcp://127.0.0.1:2375 to docker.service"
mkdir -p "$r/etc/systemd/system/docker.service.d"
cat >"$r/etc/systemd/system/docker.service.d/50-tcp.conf" <<'UNIT'
[Service]
ExecStart=
ExecStart=/usr/sbin/dockerd -H fd:// -H tcp://127.0.0.1:2375 --containerd=/run/containerd/containerd.sock
UNIT
scan tcp 2 <<'R'
SV-235776r960759_rule notapplicable
no_tcp_api fail
tcp_api_mutual_tls fail
R
grep -q '127.0.0.1:2375' "$base/tcp.sce" || bad "scan 1: the SCE output does not name 127.0.0.1:2375 (the probe's evidence)"
grep -q '50-tcp.conf' "$base/tcp.sce" || bad "scan 1: the SCE output does not name the drop-in"

step "scan 2: the drop-in removed"
rm -f "$r/etc/systemd/system/docker.service.d/50-tcp.conf"
scan clean 0 <<'R'
SV-235776r960759_rule notapplicable
no_tcp_api pass
tcp_api_mutual_tls pass
R

step "scan 3: the probe gone from PATH: every rule is error, never pass"
mv "$r/usr/bin/dockerd-listeners" "$r/usr/bin/dockerd-listeners.away"
scan noprobe 2 <<'R'
SV-235776r960759_rule error
no_tcp_api error
tcp_api_mutual_tls error
R
grep -q 'is not installed' "$base/noprobe.sce" || bad "scan 3: the SCE output does not say the probe is not installed"
mv "$r/usr/bin/dockerd-listeners.away" "$r/usr/bin/dockerd-listeners"

step "dpkg -r the packages"
if [ $# -gt 0 ]; then in_root dpkg -r libdockerd-scap-dev libdockerd-scap0 || bad "dpkg -r the library packages"; fi
in_root dpkg -r dockerd-scap || bad "dpkg -r"
for f in /usr/bin/dockerd-listeners "$ds"; do
	[ -e "$r$f" ] && bad "$f left after dpkg -r"
done
exit $fail
