#!/bin/sh
# make check-fleet: the Ansible playbook against three hosts on this machine,
# reached over real ssh. Root only.
#
#   check-fleet.sh SRCDIR DEB REPORT_TOOL WORKDIR
#
# SRCDIR: the source tree (ansible/ is there). DEB: the dockerd-scap .deb the
# playbook installs on every node. REPORT_TOOL: the dockerd-scap-report the
# controller runs. WORKDIR: scratch space (results, keys, logs).
#
# Each node (tests/fleet/node-init.sh) has its own network namespace joined to
# this machine by a veth pair (10.213.N.1 here, 10.213.N.2 there), its own
# mount, PID and UTS namespaces, a root of its own (an overlay of this
# machine's /), an sshd with a host key made now, a real dockerd started by
# the docker.io init script:
#   node1  ucp-compliant  UCP container record, unix socket only
#   node2  ucp-tcp        UCP container record, DOCKER_OPTS -H tcp://0.0.0.0:2375
#   node3  tcp            no UCP, the same TCP host
# The controller is this machine: ansible-playbook over ssh with a key made
# now. Checks (one TAP line each): the scan play's per-node verdicts read
# from the fetched ARFs and the summary; the fix in check mode changes
# nothing; the fix play with serial 1 restarts one dockerd at a time; after
# it every node passes; a second run of the whole playbook with the fix
# changes nothing (install, scan and fix are idempotent).
# Everything (namespaces, processes by pid, veths; the mounts live and die
# with the nodes' mount namespaces) is removed by the EXIT trap.
set -u
src=$1 deb=$2 report=$3 work=$4
here=$(cd "$(dirname "$0")" && pwd)
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); failed=1; echo "not ok $n - $*"; }
say() { echo "# $(date -u +%H:%M:%S) $*"; }
die() { notok "$*"; echo "1..$n"; exit 1; }

[ "$(id -u)" -eq 0 ] || die "check-fleet needs root (network, mount and PID namespaces)"
for tool in ip unshare ssh ssh-keygen ansible-playbook python3; do
	command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install iproute2 util-linux openssh-client ansible-core)"
done
[ -x /usr/sbin/sshd ] || die "/usr/sbin/sshd is not installed (apt-get install openssh-server)"
[ -x /usr/sbin/dockerd ] || die "/usr/sbin/dockerd is not installed (apt-get install docker.io)"
[ -f "$deb" ] || die "no package $deb"
[ -x "$report" ] || die "no dockerd-scap-report at $report (the summary and checklists need it)"

# ansible-lint, where it is installed (Debian's ansible-lint; the test suite
# installs it): the playbook and role pass its production profile.
if command -v ansible-lint >/dev/null; then
	if (cd "$src/ansible" && ansible-lint --offline --nocolor --profile production dockerd-scap.yml roles/dockerd_scap) \
		>"${TMPDIR:-/tmp}/dockerd-scap-ansible-lint.$$" 2>&1; then
		ok "ansible-lint --profile production: playbook and role clean"
	else
		notok "ansible-lint --profile production"
		sed 's/^/# /' "${TMPDIR:-/tmp}/dockerd-scap-ansible-lint.$$"
	fi
	rm -f "${TMPDIR:-/tmp}/dockerd-scap-ansible-lint.$$"
else
	notok "ansible-lint is not installed (apt-get install ansible-lint)"
fi

# One run at a time: the addresses and interface names are fixed.
mkdir -p "$work"
exec 9>"${TMPDIR:-/tmp}/dockerd-scap-check-fleet.lock"
flock 9

tag=$$
nodes="node1 node2 node3"
pids=""
cleanup() {
	say "cleanup"
	# unshare --kill-child: when it dies, the node's PID 1 gets SIGKILL, and
	# with it every process of the node's PID namespace. KILL, because
	# unshare --fork did not end on SIGTERM while it waited for its child (measured).
	for p in $pids; do kill -KILL "$p" 2>/dev/null; done
	for p in $pids; do wait "$p" 2>/dev/null; done
	i=1
	for node in $nodes; do
		ip netns del "dscap-$tag-$i" 2>/dev/null
		ip link del "dsf$tag$i" 2>/dev/null
		i=$((i + 1))
	done
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

rm -rf "$work/results" "$work/ssh" "$work/ready"
mkdir -p "$work/ssh" "$work/ready" "$work/results" "$work/mnt"
ssh-keygen -q -t ed25519 -N '' -C dockerd-scap-check-fleet -f "$work/ssh/id" || die "ssh-keygen"

# ---------------------------------------------------------------- nodes
i=1
for node in $nodes; do
	case $node in node1) state=ucp-compliant ;; node2) state=ucp-tcp ;; node3) state=tcp ;; esac
	ns=dscap-$tag-$i hv=dsf$tag$i nv=dsn$tag$i
	say "$node: netns $ns, 10.213.$i.2, $state"
	ip netns add "$ns" || die "ip netns add $ns"
	ip link add "$hv" type veth peer name "$nv" || die "ip link add veth"
	ip link set "$nv" netns "$ns" &&
		ip addr add "10.213.$i.1/30" dev "$hv" && ip link set "$hv" up &&
		ip -n "$ns" addr add "10.213.$i.2/30" dev "$nv" && ip -n "$ns" link set "$nv" up &&
		ip -n "$ns" link set lo up || die "$node: veth addresses"
	nsenter --net="/run/netns/$ns" unshare --mount --pid --uts --fork --kill-child=SIGKILL --propagation private \
		sh "$here/node-init.sh" "$node" "10.213.$i.2" "$state" "$work/ssh/id.pub" \
		"$work/ready/$node" "$work/mnt/$node" >"$work/$node.log" 2>&1 &
	pids="$pids $!"
	i=$((i + 1))
done
set -- $pids
for node in $nodes; do
	i=0
	until [ -s "$work/ready/$node" ]; do
		kill -0 "$1" 2>/dev/null || die "$node exited: $(cat "$work/$node.log")"
		i=$((i + 1))
		[ $i -lt 600 ] || die "$node did not come up in 60 s: $(cat "$work/$node.log")"
		sleep 0.1
	done
	r=$(cat "$work/ready/$node")
	[ "$r" = ok ] || die "$node: $r $(cat "$work/$node.log")"
	shift
done
say "nodes up"
ok "three nodes up: sshd and dockerd in each, reached over ssh at 10.213.{1,2,3}.2"

# ---------------------------------------------------------------- controller
inv=$work/inventory.ini
{
	echo "[fleet]"
	i=1
	for node in $nodes; do echo "$node ansible_host=10.213.$i.2"; i=$((i + 1)); done
	echo "[fleet:vars]"
	echo "ansible_user=root"
	echo "ansible_ssh_private_key_file=$work/ssh/id"
	echo "ansible_python_interpreter=/usr/bin/python3"
} >"$inv"
cat >"$work/ansible.cfg" <<CFG
[defaults]
host_key_checking = False
retry_files_enabled = False
nocolor = True
local_tmp = $work/ansible-local
forks = 5
pipelining = True
[ssh_connection]
ssh_args = -o UserKnownHostsFile=$work/ssh/known_hosts -o ControlMaster=auto -o ControlPersist=60s
control_path_dir = $work/ssh/cp
CFG
export ANSIBLE_CONFIG="$work/ansible.cfg"
play() { # NAME ARGS...: run the playbook, log in $work/NAME.log
	name=$1; shift
	say "ansible-playbook $name: $*"
	ansible-playbook -i "$inv" "$src/ansible/dockerd-scap.yml" \
		-e "dockerd_scap_package_file=$deb" -e "dockerd_scap_results_dir=$work/results" \
		-e "dockerd_scap_report_command=$report" "$@" >"$work/$name.log" 2>&1
	rc=$?
	sed -n '/^PLAY RECAP/,$p' "$work/$name.log" | sed 's/^/#   /'
	return $rc
}
# "HOST changed=N" from the recap
recap_changed() { sed -n '/^PLAY RECAP/,$p' "$1" | sed -n "s/^$2 *: .*changed=\([0-9]*\).*/\1/p"; }
# rule results of an ARF, "RULE RESULT" sorted (python3's XML parser reads
# oscap's output; nothing here reads dockerd's configuration)
arf_results() {
	python3 - "$1" <<'PY' | sort
import sys, xml.etree.ElementTree as ET
X = "{http://checklists.nist.gov/xccdf/1.2}"
for rr in ET.parse(sys.argv[1]).iter(X + "rule-result"):
    print(rr.get("idref").split("_rule_", 1)[-1], rr.find(X + "result").text)
PY
}
expect_arf() { # SCAN NODE then expected lines on stdin
	sort >"$work/want"
	if arf_results "$work/results/$1/$2/arf.xml" >"$work/got" 2>&1 && cmp -s "$work/want" "$work/got"; then
		ok "$1: $2's ARF: $(tr '\n' ' ' <"$work/got")"
	else
		notok "$1: $2's ARF differs (- expected, + got)"
		diff "$work/want" "$work/got" | sed 's/^/# /'
	fi
}
# node verdicts in the summary JSON: "NODE VERDICT", and the cluster verdict
summary_verdicts() {
	python3 - "$1" <<'PY' | sort
import json, sys
s = json.load(open(sys.argv[1]))
for n in s["nodes"]:
    print(n["node"], n["verdict"])
print("cluster", s["cluster"]["verdict"])
PY
}
expect_summary() { # SCAN then expected lines on stdin
	sort >"$work/want"
	if summary_verdicts "$work/results/$1/summary.json" >"$work/got" 2>&1 && cmp -s "$work/want" "$work/got"; then
		ok "$1: dockerd-scap-report summary: $(tr '\n' ' ' <"$work/got")"
	else
		notok "$1: the summary's verdicts differ (- expected, + got)"
		diff "$work/want" "$work/got" | sed 's/^/# /'
		sed 's/^/#   /' "$work/results/$1/summary.txt" 2>/dev/null
	fi
}
on() { # NODE CMD: run CMD on NODE over ssh
	i=${1#node}; shift
	ssh -i "$work/ssh/id" -o BatchMode=yes -o StrictHostKeyChecking=no \
		-o UserKnownHostsFile="$work/ssh/known_hosts" "root@10.213.$i.2" "$@"
}

# ---------------------------------------------------------------- scan
if play scan; then ok "playbook: install and scan three nodes, summary on the controller"
else notok "playbook: install and scan"; tail -n 40 "$work/scan.log" | sed 's/^/# /'; fi
expect_arf before node1 <<'R'
SV-235776r960759_rule pass
no_tcp_api pass
tcp_api_mutual_tls pass
R
expect_arf before node2 <<'R'
SV-235776r960759_rule fail
no_tcp_api fail
tcp_api_mutual_tls fail
R
expect_arf before node3 <<'R'
SV-235776r960759_rule notapplicable
no_tcp_api fail
tcp_api_mutual_tls fail
R
expect_summary before <<'R'
node1 pass
node2 fail
node3 fail
cluster fail
R
for node in $nodes; do
	c=$(find "$work/results/before/ckl" -type f 2>/dev/null | xargs -r grep -l "<HOST_NAME>$node</HOST_NAME>" 2>/dev/null | wc -l)
	check_ckl="$node has one STIG Viewer checklist"
	if [ "$c" -eq 1 ]; then ok "before: $check_ckl"; else notok "before: $check_ckl (found $c)"; fi
done
for node in node2 node3; do
	if jq -e '[.listeners[] | select(.proto == "tcp" and .port == 2375 and (.state | test("bound")))] | length == 1' \
		"$work/results/before/$node/listeners.json" >/dev/null 2>&1; then
		ok "before: $node's probe JSON on the controller has the bound TCP listener :2375"
	else notok "before: $node's probe JSON on the controller lacks the bound TCP listener :2375"; fi
done

# ---------------------------------------------------------------- fix, check mode
before2=$(on node2 cat /etc/default/docker 2>&1)
if play fix-check -e dockerd_scap_fix=true --check; then
	ok "playbook --check with the fix: dockerd-listeners --fix --dry-run on every node"
else notok "playbook --check with the fix"; tail -n 40 "$work/fix-check.log" | sed 's/^/# /'; fi
for node in $nodes; do
	case $node in node1) want=0 ;; *) want=6 ;; esac
	got=$(jq -r .rc "$work/results/fix-check/$node.json" 2>/dev/null)
	if [ "$got" = "$want" ]; then ok "check mode: $node's --fix --dry-run exit $got"; else notok "check mode: $node's --fix --dry-run exit '$got', expected $want"; fi
done
if [ "$(on node2 cat /etc/default/docker 2>&1)" = "$before2" ] && on node2 ss -Hltn 'sport = :2375' | grep -q .; then
	ok "check mode changed nothing: node2's /etc/default/docker and its TCP listener as they were"
else notok "check mode changed node2"; fi

# ---------------------------------------------------------------- fix
if play fix -e dockerd_scap_fix=true; then ok "playbook with the fix: fixed one node at a time, scanned again"
else notok "playbook with the fix"; tail -n 60 "$work/fix.log" | sed 's/^/# /'; fi
for node in $nodes; do
	case $node in node1) want=0 ;; *) want=3 ;; esac
	got=$(jq -r .rc "$work/results/fix/$node.json" 2>/dev/null)
	if [ "$got" = "$want" ]; then ok "fix: $node's --fix exit $got"; else notok "fix: $node's --fix exit '$got', expected $want"; jq -r '.output[]?' "$work/results/fix/$node.json" 2>/dev/null | sed 's/^/# /'; fi
done
# Rolling: each node's fix starts after the previous node's dockerd is back.
if python3 - "$work/results/fix" $nodes <<'PY'
import json, sys
d = sys.argv[1]
rs = [json.load(open(f"{d}/{h}.json")) for h in sys.argv[2:]]
rs.sort(key=lambda r: r["start"])
for a, b in zip(rs, rs[1:]):
    if b["start"] < a["ready_end"]:
        print(f"# {b['host']} started {b['start']} before {a['host']} was back {a['ready_end']}")
        sys.exit(1)
for r in rs:
    print(f"# {r['host']}: fix {r['start']} .. {r['fix_end']}, dockerd back {r['ready_end']}")
PY
then ok "fix: one node at a time (no fix began before the previous node's dockerd answered)"
else notok "fix: batches overlapped"; fi
expect_arf after node1 <<'R'
SV-235776r960759_rule pass
no_tcp_api pass
tcp_api_mutual_tls pass
R
expect_arf after node2 <<'R'
SV-235776r960759_rule pass
no_tcp_api pass
tcp_api_mutual_tls pass
R
expect_arf after node3 <<'R'
SV-235776r960759_rule notapplicable
no_tcp_api pass
tcp_api_mutual_tls pass
R
expect_summary after <<'R'
node1 pass
node2 pass
node3 pass
cluster pass
R
for node in node2 node3; do
	if on "$node" ss -Hltn 'sport = :2375' | grep -q . ; then notok "after: $node still listens on :2375"
	else ok "after: nothing listens on $node:2375 (ss in its network namespace)"; fi
done

# ---------------------------------------------------------------- fix, again
# Install, scan, fix, scan: nothing left to change anywhere.
if play fix-again -e dockerd_scap_fix=true; then
	bad=""
	for node in $nodes; do [ "$(recap_changed "$work/fix-again.log" "$node")" = 0 ] || bad="$bad $node"; done
	if [ -z "$bad" ]; then ok "the whole playbook with the fix again: changed=0 on every node (install, scan, fix)"; else notok "the playbook with the fix again: changes on$bad"; fi
else notok "the fix again"; tail -n 40 "$work/fix-again.log" | sed 's/^/# /'; fi

echo "1..$n"
exit $failed
