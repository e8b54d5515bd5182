#!/bin/sh
# One host of the multi-node test (see check-fleet.sh). Runs as PID 1 of its
# own PID namespace, inside its own network namespace (a veth with its own
# address), mount namespace and UTS namespace:
#
#   node-init.sh NAME IP STATE PUBKEY READY BASE
#
# What "host" means to the probe: it scans / and /proc of where it runs. So
# each node gets a root of its own: an overlay of this machine's / whose
# writes go to a tmpfs (packages installed by dpkg, /etc/docker, /etc/default
# /docker, authorized_keys: per node, gone with the namespace), with a fresh
# /proc (only this node's processes: its dockerd, not the other nodes'), its
# own /run, /tmp and /var/lib/docker. sshd and dockerd run chrooted into it;
# dockerd is started by Debian's docker.io init script (there is no systemd
# here), which reads DOCKER_OPTS from /etc/default/docker, the same file the
# docker.io systemd unit reads through EnvironmentFile=.
#
# STATE: ucp-compliant (UCP container record, unix socket only), ucp-tcp (UCP
# record, DOCKER_OPTS adds -H tcp://0.0.0.0:2375), tcp (no UCP, the same TCP
# host). Writes READY ("ok" or "error: ...") when sshd and dockerd are up.
set -u
name=$1 ip=$2 state=$3 pubkey=$4 ready=$5 base=$6
fail() { echo "error: $name: $*" >"$ready"; echo "node $name: $*" >&2; exit 1; }

hostname "$name" || fail "hostname"
mkdir -p "$base" || fail "mkdir $base"
mount -t tmpfs -o mode=0755 tmpfs "$base" || fail "tmpfs $base"
mkdir -p "$base/upper" "$base/work" "$base/root"
# upper and work on their own tmpfs: overlayfs refuses overlapping layers.
mount -t overlay overlay -o "lowerdir=/,upperdir=$base/upper,workdir=$base/work" "$base/root" ||
	fail "overlay of /"
r=$base/root
mount -t proc proc "$r/proc" || fail "proc"
mount --rbind /dev "$r/dev" || fail "dev"
mount --rbind /sys "$r/sys" || fail "sys"
for d in run tmp var/lib/docker var/log; do
	mkdir -p "$r/$d" && mount -t tmpfs -o mode=0755 tmpfs "$r/$d" || fail "tmpfs /$d"
done
chmod 1777 "$r/tmp"
echo "$name" >"$r/etc/hostname"
# Nothing of dockerd-scap in the node until the playbook installs it.
rm -rf "$r/usr/bin/dockerd-listeners" "$r/usr/bin/dockerd-scap-report" \
	"$r/usr/local/bin/dockerd-listeners" "$r/usr/share/xml/scap/dockerd-scap" \
	"$r/usr/local/share/xml/scap/dockerd-scap"
if chroot "$r" dpkg-query -W -f='${Status}' dockerd-scap 2>/dev/null | grep -q installed; then
	chroot "$r" dpkg --purge dockerd-scap >/dev/null 2>&1 || fail "dpkg --purge dockerd-scap"
fi

# ---------------------------------------------------------------- sshd
mkdir -p "$r/root/.ssh" "$r/run/sshd"
chmod 700 "$r/root/.ssh"
cp "$pubkey" "$r/root/.ssh/authorized_keys" || fail "authorized_keys"
chmod 600 "$r/root/.ssh/authorized_keys"
rm -f "$r/etc/ssh/fleet_host_key" "$r/etc/ssh/fleet_host_key.pub"
ssh-keygen -q -t ed25519 -N '' -C "$name" -f "$r/etc/ssh/fleet_host_key" || fail "ssh-keygen"
cat >"$r/etc/ssh/sshd_config_fleet" <<CFG
ListenAddress $ip
HostKey /etc/ssh/fleet_host_key
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PidFile /run/sshd-fleet.pid
Subsystem sftp /usr/lib/openssh/sftp-server
CFG
chroot "$r" /usr/sbin/sshd -f /etc/ssh/sshd_config_fleet -E /var/log/sshd.log || fail "sshd"

# ---------------------------------------------------------------- dockerd
# No systemd runs in a node, so it is a sysvinit Docker host: without
# docker.io's units (whiteouts in the overlay) the probe reads the launch
# from /etc/init.d/docker and /etc/default/docker, and dockerd-listeners --fix
# restarts dockerd through that init script.
rm -f "$r/usr/lib/systemd/system/docker.service" "$r/usr/lib/systemd/system/docker.socket" \
	"$r/lib/systemd/system/docker.service" "$r/lib/systemd/system/docker.socket" \
	"$r/etc/systemd/system/multi-user.target.wants/docker.service" \
	"$r/etc/systemd/system/sockets.target.wants/docker.socket"
rm -rf "$r/etc/systemd/system/docker.service.d" "$r/etc/systemd/system/docker.socket.d"
# The init script raises the hard open-files and process limits (ulimit -n
# 1048576, ulimit -p/-u unlimited) under set -e. Where root lacks
# CAP_SYS_RESOURCE (some sandboxes) that fails and the script exits before
# starting dockerd. Such a node's copy of the script runs those lines as
# "ulimit ... || true"; every other line is Debian's.
capeff=$(sed -n 's/^CapEff:[[:space:]]*//p' /proc/self/status)
if [ $(( (0x$capeff >> 24) & 1 )) -eq 0 ]; then
	echo "node $name: root has no CAP_SYS_RESOURCE here: the init script's ulimit lines may fail" >&2
	sed -i 's/^\([[:space:]]*ulimit [^#]*\)$/\1 || true/' "$r/etc/init.d/docker" || fail "init script"
fi
mkdir -p "$r/etc/docker"
# What works nested: no iptables, no bridge, vfs storage (as in the live tests).
echo '{"iptables": false, "ip6tables": false, "bridge": "none", "storage-driver": "vfs"}' \
	>"$r/etc/docker/daemon.json"
case $state in
ucp-compliant) echo '# dockerd options (docker.io init script and systemd unit)' >"$r/etc/default/docker" ;;
ucp-tcp | tcp)
	printf '%s\n' '# dockerd options (docker.io init script and systemd unit)' \
		'DOCKER_OPTS="-H unix:///var/run/docker.sock -H tcp://0.0.0.0:2375"' >"$r/etc/default/docker" ;;
*) fail "unknown state $state" ;;
esac
chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin /etc/init.d/docker start >"$base/init.out" 2>&1 ||
	fail "/etc/init.d/docker start: $(cat "$base/init.out"; tail -n 5 "$r/var/log/docker.log" 2>/dev/null)"
i=0
until [ -S "$r/run/docker.sock" ] && chroot "$r" docker -H unix:///run/docker.sock version >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -lt 300 ] || fail "dockerd did not answer on /run/docker.sock within 30 s: $(tail -n 5 "$r/var/log/docker.log")"
	sleep 0.1
done
case $state in
ucp-*)
	# A UCP cluster cannot run here; its trace on disk can: a container
	# record of ucp-agent, as dockerd writes config.v2.json (one line).
	c="$r/var/lib/docker/containers/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	mkdir -p "$c"
	printf '{"ID":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","Name":"/ucp-agent","Config":{"Image":"mirantis/ucp-agent:3.7.5","Labels":{"com.docker.ucp.version":"3.7.5"}},"State":{"Running":false}}\n' \
		>"$c/config.v2.json"
	;;
esac
echo ok >"$ready"
# PID 1 of the namespace: when it dies, every process of the node dies.
trap 'exit 0' TERM INT
while :; do
	sleep 3600 &
	wait $!
done
