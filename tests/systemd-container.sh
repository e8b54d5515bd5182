#!/bin/bash
# A real systemd (PID 1) with Debian's docker.io as a service, booted in a
# systemd-nspawn container, for tests that need a service manager: the fix's
# daemon-reload and restarts, and systemd as the oracle of unit-file parsing
# (`systemctl show`, a stub dockerd that records its argv).
#
#   systemd-container.sh tree                 build the cached tree if missing
#                                             (debootstrap, about 100 s once)
#   systemd-container.sh start                boot a throwaway overlay of the
#                                             tree; print the container's PID 1
#   systemd-container.sh root LEADER          print the container's root
#                                             directory on the host (the
#                                             overlay's merged view: write unit
#                                             files there, then daemon-reload)
#   systemd-container.sh run LEADER CMD...    run CMD inside (every namespace)
#   systemd-container.sh stop LEADER          power off, unmount, clean up
#
# Root only. The tree is cached in DSCAP_SYSTEMD_TREE (default
# /var/tmp/dockerd-scap-systemd-tree, with the DSCAP_SYSTEMD_EXTRA package
# names appended when set) and never written after it is built:
# every boot runs on its own overlayfs upper directory, so several tests may
# boot at once and none sees another's changes. The container has a private
# network (only lo): nothing bound inside is reachable from the host.
#
# Without systemd as the host's PID 1, nspawn needs --register=no
# --keep-unit; machinectl and `systemd-run -M` then do not work, so `run`
# enters the namespaces with nsenter. The minbase tree has no procps.
# Inside, /etc/docker/daemon.json turns off iptables and bridges and uses the
# vfs storage driver: what works nested. dockerd's and containerd's state
# directories are tmpfs (dockerd renames inside them, which overlayfs refuses
# across layers).
set -euo pipefail

# One tree serves every test: systemd and docker.io, and what the
# remediation test runs inside (oscap, and the probe's libraries).
base_packages=systemd,systemd-sysv,dbus,docker.io,iproute2,openscap-scanner,libjson-c5,libssl3
# DSCAP_SYSTEMD_EXTRA: more packages for the tree, comma-separated; such a
# tree is cached apart.
extra=${DSCAP_SYSTEMD_EXTRA:-}
tree=${DSCAP_SYSTEMD_TREE:-/var/tmp/dockerd-scap-systemd-tree${extra:+-$(echo "$extra" | tr ',' '-')}}
state=/run/dockerd-scap-systemd
cmd=${1:-}
shift || true

die() { echo "systemd-container.sh: $*" >&2; exit 1; }

# The Debian mirror apt already uses on this machine.
mirror() {
	local m
	m=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
	[ -n "$m" ] || m=$(awk '$1 == "deb" { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
	[ -n "$m" ] || die "no Debian mirror found in apt's sources"
	echo "$m"
}

need_tools() {
	[ "$(id -u)" -eq 0 ] || die "needs root"
	if ! command -v systemd-nspawn >/dev/null || ! command -v debootstrap >/dev/null; then
		echo "# installing systemd-container debootstrap" >&2
		apt-get update -q >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
			systemd-container debootstrap >&2
	fi
}

# The marker holds the package list the tree was built with: a tree built
# with another list is built again.
tree_current() {
	[ -x "$tree/usr/sbin/dockerd" ] &&
		[ "$(cat "$tree/.dockerd-scap-complete" 2>/dev/null)" = "$base_packages${extra:+,$extra}" ]
}

build_tree() {
	need_tools
	tree_current && return 0
	exec 8>"$tree.lock"
	flock 8
	if ! tree_current; then
		echo "# building the systemd test tree in $tree (debootstrap, about 100 s)" >&2
		rm -rf "$tree"
		debootstrap --variant=minbase --include="$base_packages${extra:+,$extra}" \
			bookworm "$tree" "$(mirror)" >"$tree.debootstrap.log" 2>&1 ||
			{ tail -n 20 "$tree.debootstrap.log" >&2; die "debootstrap failed"; }
		echo dockerd-scap-test >"$tree/etc/hostname"
		mkdir -p "$tree/etc/docker"
		echo '{"iptables":false,"ip6tables":false,"bridge":"none","storage-driver":"vfs"}' \
			>"$tree/etc/docker/daemon.json"
		echo "$base_packages${extra:+,$extra}" >"$tree/.dockerd-scap-complete"
	fi
	exec 8>&-
}

# Cgroup v1 hierarchies nspawn needs a place of its own in (hybrid layout),
# or the unified one alone.
cgroup_dirs() {
	local h
	for h in systemd unified; do
		[ -d "/sys/fs/cgroup/$h" ] && echo "/sys/fs/cgroup/$h"
	done
	[ -f /sys/fs/cgroup/cgroup.controllers ] && echo /sys/fs/cgroup
	return 0
}

start() {
	build_tree
	mkdir -p "$state"
	local id work leader nspawn cg d st
	id=$$-$RANDOM
	work=$(mktemp -d /var/tmp/dockerd-scap-boot.XXXXXX)
	mkdir -p "$work/upper" "$work/work" "$work/root"
	mount -t overlay overlay -o "lowerdir=$tree,upperdir=$work/upper,workdir=$work/work" "$work/root" ||
		die "cannot mount an overlay of $tree"
	cg=dockerd-scap-nspawn-$id
	for d in $(cgroup_dirs); do mkdir -p "$d/$cg"; done
	(
		for d in $(cgroup_dirs); do echo "$BASHPID" >"$d/$cg/cgroup.procs"; done
		exec systemd-nspawn -q -D "$work/root" -b -M "dscap-$id" --private-network \
			--tmpfs=/var/lib/docker --tmpfs=/var/lib/containerd --register=no --keep-unit --console=passive </dev/null >"$work/nspawn.log" 2>&1
	) &
	nspawn=$!
	leader=""
	for _ in $(seq 300); do # nspawn's first child is a short-lived helper
		# shellcheck disable=SC2013 # pids, one word each
		for c in $(cat "/proc/$nspawn/task/$nspawn/children" 2>/dev/null); do
			[ "$(cat "/proc/$c/comm" 2>/dev/null)" = systemd ] && leader=$c
		done
		[ -n "$leader" ] && break
		kill -0 "$nspawn" 2>/dev/null || { cat "$work/nspawn.log" >&2; umount "$work/root"; die "nspawn exited"; }
		sleep 0.1
	done
	if [ -z "$leader" ]; then
		kill "$nspawn" 2>/dev/null || true
		die "no systemd in the container after 30 s"
	fi
	printf '%s %s %s\n' "$nspawn" "$cg" "$work" >"$state/$leader"
	for _ in $(seq 600); do
		st=$(timeout 60 nsenter -t "$leader" -a systemctl is-system-running --wait 2>/dev/null) && break
		case "${st:-}" in running | degraded | maintenance) break ;; esac
		sleep 0.1
	done
	echo "$leader"
}

stop() {
	local leader=$1 nspawn cg work d
	[ -f "$state/$leader" ] || die "no container with leader $leader"
	read -r nspawn cg work <"$state/$leader"
	if kill -0 "$nspawn" 2>/dev/null; then
		kill -TERM "$nspawn" # nspawn turns this into a clean poweroff
		for _ in $(seq 100); do kill -0 "$nspawn" 2>/dev/null || break; sleep 0.1; done
		kill -0 "$nspawn" 2>/dev/null && kill -KILL "$nspawn"
	fi
	for d in $(cgroup_dirs); do
		if [ -d "$d/$cg" ]; then find "$d/$cg" -depth -type d -exec rmdir {} + 2>/dev/null || true; fi
	done
	umount "$work/root" 2>/dev/null || umount -l "$work/root" 2>/dev/null || true
	rm -rf "$work"
	rm -f "$state/$leader"
}

case $cmd in
tree) build_tree; echo "$tree" ;;
start) start ;;
root)
	[ -f "$state/${1:-}" ] || die "no container with leader ${1:-}"
	read -r _ _ work <"$state/$1"
	echo "$work/root"
	;;
run)
	leader=$1
	shift
	exec nsenter -t "$leader" -a "$@"
	;;
stop) stop "${1:-}" ;;
*) sed -n '2,28p' "$0"; exit 2 ;;
esac
