#!/bin/sh
# make check-package: build dockerd-scap's packages from the release tarball
# and scan with the installed data stream. Root only (overlay and chroot).
#
#   check-package.sh TARBALL WORKDIR QUICKSTART
#
# 1. `./quickstart.sh scan` needs nothing the scanned host would be assessed
#    on: its package list, with every dependency apt would pull in, has no
#    docker.io, containerd, runc, valgrind, ansible or jq.
# 2. dpkg-buildpackage -us -uc -b from the tarball (DEB_BUILD_OPTIONS=nocheck:
#    the suite runs on its own), lintian with no error.
# 3. The .deb installed with dpkg -i into a throwaway root (an overlay of this
#    machine's / in a private mount and PID namespace, so this machine is not
#    changed and no running dockerd of the machine is seen), its files
#    checked, then `oscap xccdf eval` with the installed data stream: the SCE
#    check must run the installed probe from oscap's fixed PATH (stdout in
#    the ARF names /usr/bin/dockerd-listeners' findings) and score each rule
#    as the configuration written into that root says; then dpkg -r leaves no
#    file of the package.
# 4. rpmspec -P parses the spec and rpmbuild -bb (Debian's rpm, --nodeps:
#    Debian has no RPM database of build dependencies) builds the .rpm, whose
#    payload holds the same files.
# Prints one "ok"/"not ok" line per check; exits 1 on any failure.
set -u
tarball=$1
work=$2
quickstart=$3
here=$(cd "$(dirname "$0")" && pwd)
failed=0
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); failed=1; echo "not ok $n - $*"; }
check() { # DESCRIPTION CMD...
	d=$1; shift
	if "$@"; then ok "$d"; else notok "$d"; fi
}
say() { echo "# $*"; }
[ "$(id -u)" -eq 0 ] || { echo "not ok 1 - check-package needs root (overlay, chroot, dpkg -i in a throwaway root)"; exit 1; }
for tool in dpkg-buildpackage lintian rpmbuild rpmspec oscap unshare; do
	command -v "$tool" >/dev/null || { echo "not ok 1 - $tool is not installed (apt-get install devscripts debhelper lintian rpm openscap-scanner util-linux)"; exit 1; }
done

# ---------------------------------------------------------------- 1. quickstart scan
say "quickstart.sh scan: what it would install"
build_pkgs=$(sed -n '/^BUILD_PACKAGES="/,/"/p' "$quickstart" | sed -e 's/^BUILD_PACKAGES="//' -e 's/"$//' | tr '\n' ' ')
if [ -z "$build_pkgs" ]; then
	notok "quickstart.sh has a BUILD_PACKAGES list"
else
	# shellcheck disable=SC2086
	closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances $build_pkgs | grep -v '^ ' | sort -u)
	if [ "$(printf '%s\n' "$closure" | wc -l)" -lt 20 ]; then
		notok "apt-cache depends resolves the scan packages ($build_pkgs)"
	else
		bad=$(printf '%s\n' "$closure" | grep -E '^(docker|docker\.io|docker-ce|containerd|runc|valgrind|ansible|ansible-core|jq|openssh-server)$' || true)
		[ -z "$bad" ] || say "quickstart.sh scan would install: $(echo $bad)"
		check "quickstart.sh scan pulls in no docker, containerd, runc, valgrind, ansible, jq or sshd" test -z "$bad"
		printf '%s\n' "$closure" | grep -qx openscap-scanner
		check "quickstart.sh scan installs openscap-scanner" test $? -eq 0
	fi
fi

# ---------------------------------------------------------------- 2. .deb
rm -rf "$work"
mkdir -p "$work/rpm"
say "dpkg-buildpackage -us -uc -b from $(basename "$tarball")"
deb=$(sh "$here/build-deb.sh" "$tarball" "$work/deb")
rc=$?
check "dpkg-buildpackage -us -uc -b" test $rc -eq 0
src=$(find "$work/deb" -mindepth 1 -maxdepth 1 -type d | head -n 1)
check "dockerd-scap_*.deb built" test -n "$deb"
[ -n "$deb" ] || { echo "1..$n"; exit 1; }
# The library packages, where the release installs a shared library.
libdebs=""
if grep -q '^lib_LTLIBRARIES' "$src/Makefile.am" 2>/dev/null; then
	for p in libdockerd-scap0 libdockerd-scap-dev; do
		f=$(find "$work/deb" -maxdepth 1 -name "${p}_*.deb" | head -n 1)
		check "$p built" test -n "$f"
		libdebs="$libdebs $f"
	done
fi
# Every data stream the release builds (the SCC one where it has it).
dss="dockerd-scap-ds.xml"
[ -f "$src/content/build-scc-ds.sh" ] && dss="$dss dockerd-scap-scc-ds.xml"
for ds in $dss; do
	check "the .deb installs /usr/share/xml/scap/dockerd-scap/$ds" \
		sh -c "dpkg-deb -c '$deb' | grep -q './usr/share/xml/scap/dockerd-scap/$ds\$'"
done
changes=$(find "$work/deb" -maxdepth 1 -name '*.changes' | head -n 1)
lintian "$changes" >"$work/deb/lintian.log" 2>&1
sed 's/^/# lintian: /' "$work/deb/lintian.log"
check "lintian reports no error" sh -c "! grep -q '^E: ' '$work/deb/lintian.log'"

# ---------------------------------------------------------------- 3. install and scan
say "dpkg -i into a throwaway overlay root; oscap xccdf eval with the installed data stream"
root_log="$work/deb/root.log"
PACKAGE_HAS_REPORT=
[ -d "$src/report" ] && PACKAGE_HAS_REPORT=yes
export PACKAGE_HAS_REPORT
# shellcheck disable=SC2086
unshare -m --propagation private --pid --fork sh "$here/package-root.sh" "$work/deb/root" "$deb" $libdebs >"$root_log" 2>&1
rc=$?
cat "$root_log"
check "install, scan and remove in a throwaway root (package-root.sh)" test $rc -eq 0
check "this machine unchanged: no dockerd-scap package, no /usr/bin/dockerd-listeners" sh -c "! dpkg-query -W -f='\${Status}' dockerd-scap 2>/dev/null | grep -q installed && test ! -e /usr/bin/dockerd-listeners"

# ---------------------------------------------------------------- 4. rpm
say "rpmspec -P and rpmbuild -bb"
spec="$src/packaging/rpm/dockerd-scap.spec"
check "rpmspec -P parses the spec" sh -c "rpmspec -P '$spec' >/dev/null"
cp "$tarball" "$work/rpm/"
rpmbuild --define "_topdir $work/rpm/top" --define "_sourcedir $work/rpm" \
	--define "_tmppath $work/rpm/tmp" --nodeps -bb "$spec" >"$work/rpm/build.log" 2>&1
rc=$?
[ $rc -eq 0 ] || tail -n 30 "$work/rpm/build.log" | sed 's/^/# /'
check "rpmbuild -bb builds the .rpm" test $rc -eq 0
rpmfile=$(find "$work/rpm/top/RPMS" -name 'dockerd-scap-[0-9]*.rpm' 2>/dev/null | head -n 1)
if [ -n "$rpmfile" ]; then
	# Unpacked by rpm itself into a root of its own (no scripts, no deps).
	rpm --root "$work/rpm/payload" --nodeps --noscripts -i "$rpmfile" >"$work/rpm/install.log" 2>&1 ||
		sed 's/^/# /' "$work/rpm/install.log"
	rpmfiles="usr/bin/dockerd-listeners usr/share/man/man1/dockerd-listeners.1"
	for ds in $dss; do rpmfiles="$rpmfiles usr/share/xml/scap/dockerd-scap/$ds"; done
	[ -d "$src/report" ] && rpmfiles="$rpmfiles usr/bin/dockerd-scap-report"
	for f in $rpmfiles; do
		check "rpm -i --root: the .rpm installs /$f" test -s "$work/rpm/payload/$f"
	done
	check "the .rpm's data stream looks for the probe on PATH, then /usr/bin" \
		grep -q 'PATH /usr/bin/dockerd-listeners' "$work/rpm/payload/usr/share/xml/scap/dockerd-scap/dockerd-scap-ds.xml"
else
	notok "the .rpm is where rpmbuild puts it"
fi
echo "1..$n"
exit $failed
