#!/bin/sh
# Run the real dockerd on one generated root, isolated, and record what it
# did. Started by dockerd-differential.sh as
#   unshare --net --mount --pid --fork --mount-proc --propagation private \
#       sh netns-dockerd.sh ROOT OUT CLIENTCERTS DOCKERD [FLAGS...]
# so that it is PID 1 of a new PID namespace: when it exits, the kernel kills
# dockerd and the containerd it started; nothing survives the case.
#
# Isolation: a new network namespace with only loopback (up); tmpfs over /run
# (default socket, exec and data roots), /etc/docker (the root's daemon.json
# and certificates) and /root (the root's ~/.docker): nothing of the host's
# is read or written. Writes into OUT:
#   log      dockerd's output
#   state    "listening", "exited RC" (refused to start) or "timeout"
#   ss       TCP listeners (ss -Hltn) once dockerd listens
#   tls      "ADDR:PORT MODE" per TCP listener, MODE found by handshake:
#            none (plain HTTP /_ping answers), server (HTTPS without a client
#            certificate answers), mutual (only with the client certificate,
#            or the server requests a client certificate: openssl s_client
#            shows "Requested Signature Algorithms"), unknown
set -u
root=$1 out=$2 client=$3 dockerd=$4
shift 4
LC_ALL=C
export LC_ALL

fail() {
	echo "setup: $*" >"$out/state"
	exit 0
}
ip link set lo up || fail "ip link set lo up"
mount -t tmpfs -o mode=0755 tmpfs /run || fail "mount /run"
[ -d /etc/docker ] || fail "/etc/docker does not exist on this host (mount point)"
mount -t tmpfs -o mode=0755 tmpfs /etc/docker || fail "mount /etc/docker"
if [ -d "$root/etc/docker" ]; then cp -a "$root/etc/docker/." /etc/docker/ || fail "copy /etc/docker"; fi
mount -t tmpfs -o mode=0700 tmpfs /root || fail "mount /root"
if [ -d "$root/root" ]; then cp -a "$root/root/." /root/ || fail "copy /root"; fi

"$dockerd" "$@" >"$out/log" 2>&1 </dev/null &
pid=$!

api_lines() { grep -c 'msg="API listen on ' "$out/log" 2>/dev/null; }
state=timeout
# 70 s: dockerd 20.10 sleeps 15 s per non-loopback host without TLS.
k=0
while [ "$k" -lt 280 ]; do
	if [ "$(api_lines)" -gt 0 ]; then
		state=listening
		break
	fi
	if ! kill -0 "$pid" 2>/dev/null; then
		wait "$pid"
		state="exited $?"
		break
	fi
	sleep 0.25
	k=$((k + 1))
done
if [ "$state" = listening ]; then
	# dockerd logs its listeners one after another in a loop: let it finish.
	sleep 0.7
	ss -Hltn >"$out/ss" 2>&1
	: >"$out/tls"
	# Local address column: 127.0.0.1:P, [::1]:P, *:P, [::]:P, 0.0.0.0:P
	for a in $(ss -Hltn | while read -r _ _ _ local _; do echo "$local"; done); do
		port=${a##*:}
		host=${a%:*}
		case $host in
		'*' | '[::]' | 0.0.0.0) target=127.0.0.1 ;;
		*) target=$host ;;
		esac
		mode=unknown
		if [ "$(curl -s --max-time 3 "http://$target:$port/_ping" 2>/dev/null)" = OK ]; then
			mode=none
		elif [ "$(curl -sk --max-time 3 "https://$target:$port/_ping" 2>/dev/null)" = OK ]; then
			mode=server
		elif [ "$(curl -sk --max-time 3 --cert "$client/cert.pem" --key "$client/key.pem" \
			"https://$target:$port/_ping" 2>/dev/null)" = OK ]; then
			mode=mutual
		elif { timeout 10 openssl s_client -connect "$target:$port" </dev/null \
			>"$out/s_client.$port" 2>&1 || :; } &&
			grep -q '^Requested Signature Algorithms' "$out/s_client.$port"; then
			# TLS, and the server asks for a client certificate that a
			# certificate of our CA does not satisfy: it verifies clients
			# against other roots (no CA file: the system's). Still mutual.
			mode=mutual
		fi
		echo "$a $mode" >>"$out/tls"
	done
fi
echo "$state" >"$out/state"
exit 0
