#!/bin/sh
# dockerd-scap fix for DKER-EE-001050 (and the "no TCP API" rule): remove every
# TCP API host from the places dockerd reads them, keep unix:// and fd://
# hosts, keep a timestamped backup of each changed file next to it, leave
# every other byte as it was, then reload systemd and restart docker.
#
# POSIX sh + sed/awk only (no jq, no python: neither is on every Docker host).
# daemon.json is edited by a small JSON string scanner in awk that rewrites
# only the "hosts" member; a file it cannot edit safely is left alone and the
# fix exits non-zero.
#
# DOCKERD_SCAP_FIX_ROOT: the root to fix (default: /). With another root the
# fix edits files under it and restarts nothing (used by the tests).
set -u
R=${DOCKERD_SCAP_FIX_ROOT:-}
R=${R%/}
stamp=$(date +%Y%m%d%H%M%S)
status=0
changed_service=0
changed_socket=0
say() { printf 'dockerd-scap fix: %s\n' "$*"; }

# The ERE of one TCP host token with its flag: -H VALUE, -H=VALUE, -HVALUE,
# --host VALUE, --host=VALUE; VALUE is tcp://..., HOST:PORT or :PORT, bare or
# quoted. Values with '$' (variables) are not touched.
V_TCP='[Tt][Cc][Pp]://[^[:space:]"'"'"'\\;]*'
V_BARE='[^[:space:]"'"'"'/$\\;=]*:[0-9]*'
V="($V_TCP|$V_BARE)"
QV="($V|\"$V\"|'$V')"
TOKEN="(-H([[:space:]]+|=)?|--host([[:space:]]+|=))$QV"

# strip_tcp_hosts MODE FILE: MODE "unit" edits ExecStart=/Environment= lines
# (and their continuation lines), "env" edits DOCKER_OPTS=/OPTIONS= lines.
strip_tcp_hosts() {
	# The pattern goes through the environment: awk -v would eat its backslashes.
	DOCKERD_SCAP_TOKEN=$TOKEN awk -v mode="$1" '
	function strip(s,    out, tok, pre, idx, lead, rest, nxt, re) {
		re = "(^|[[:space:]]+|[\"'\''=])" ENVIRON["DOCKERD_SCAP_TOKEN"]
		out = ""
		while (match(s, re)) {
			pre = substr(s, 1, RSTART - 1)
			tok = substr(s, RSTART, RLENGTH)
			rest = substr(s, RSTART + RLENGTH)
			nxt = substr(rest, 1, 1)
			idx = index(tok, "-")
			lead = substr(tok, 1, idx - 1)
			if (nxt != "" && nxt !~ /[[:space:]"'\'';\\]/) {
				# not a whole token (e.g. -H 0.0.0.0:2375abc): keep it
				out = out pre substr(tok, 1, idx)
				s = substr(tok, idx + 1) rest
				continue
			}
			if (lead ~ /^[[:space:]]+$/) {
				out = out pre
			} else {
				out = out pre lead
				sub(/^[[:space:]]+/, "", rest)
			}
			s = rest
			changed = 1
		}
		return out s
	}
	{
		line = $0
		if (mode == "unit") {
			target = cont || line ~ /^[ \t]*(ExecStart|Environment)[ \t]*=/
			cont = target && line ~ /\\$/
		} else {
			target = line ~ /^[ \t]*(export[ \t]+)?(DOCKER_OPTS|OPTIONS)[ \t]*=/
		}
		if (target) line = strip(line)
		print line
	}
	END { exit changed ? 0 : 1 }' "$2"
}

# strip_tcp_listen FILE: drop ListenStream= lines that name a port or ADDR:PORT.
strip_tcp_listen() {
	awk '
	/^[ \t]*ListenStream[ \t]*=[ \t]*([0-9]+|[^[:space:]\/@]*:[0-9]+)[ \t]*$/ { changed = 1; next }
	{ print }
	END { exit changed ? 0 : 1 }' "$1"
}

# strip_json_hosts FILE: remove non-unix/fd entries from every top-level
# "hosts" array of a daemon.json; remove the member when nothing is left
# (an empty "hosts" still conflicts with -H flags). Exit 1: nothing to do,
# 2: cannot edit safely (escapes in a hosts entry, or not parsable).
strip_json_hosts() {
	last=$(tail -c 1 "$1" | od -An -c | tr -d ' ')
	awk -v nofinalnl="$([ "$last" = '\n' ] && echo 0 || echo 1)" '
	BEGIN { n = 0 }
	{ s = (n++ ? s "\n" : "") $0 }
	function ws(i) { while (i <= L && substr(s, i, 1) ~ /[ \t\r\n]/) i++; return i }
	function str_end(i,    c) { # i at opening quote; returns index of closing quote
		i++
		while (i <= L) {
			c = substr(s, i, 1)
			if (c == "\\") { i += 2; continue }
			if (c == "\"") return i
			i++
		}
		return 0
	}
	END {
		L = length(s); out = ""; pos = 1; depth = 0; i = 1; changed = 0; expect_key = 0
		while (i <= L) {
			c = substr(s, i, 1)
			if (c == "\"") {
				e = str_end(i); if (!e) exit 2
				if (depth == 1 && expect_key) {
					key = tolower(substr(s, i + 1, e - i - 1))
					j = ws(e + 1)
					if (key == "hosts" && substr(s, j, 1) == ":") {
						j = ws(j + 1)
						if (substr(s, j, 1) != "[") { i = e + 1; continue }
						# parse the array of strings: element spans es[]..ee[], kept[]
						k = ws(j + 1); ne = 0; nk = 0
						while (substr(s, k, 1) != "]") {
							if (substr(s, k, 1) != "\"") exit 2
							ke = str_end(k); if (!ke) exit 2
							v = substr(s, k + 1, ke - k - 1)
							if (index(v, "\\")) exit 2
							t = v; gsub(/^[ \t\r\n\f\v]+|[ \t\r\n\f\v]+$/, "", t)
							ne++; es[ne] = k; ee[ne] = ke
							kept[ne] = (t == "" || tolower(t) ~ /^(unix|fd):\/\//)
							if (kept[ne]) nk++
							k = ws(ke + 1)
							if (substr(s, k, 1) == ",") k = ws(k + 1)
							else if (substr(s, k, 1) != "]") exit 2
						}
						aend = k
						if (nk == ne) { i = aend + 1; continue }
						changed = 1
						if (nk > 0) {
							# keep the bytes around and between the kept
							# entries: "[" + text before the first entry,
							# each kept entry preceded by the separator that
							# preceded it, + text after the last entry + "]"
							arr = "[" substr(s, j + 1, es[1] - j - 1)
							first = 1
							for (m = 1; m <= ne; m++) {
								if (!kept[m]) continue
								if (!first) arr = arr substr(s, ee[m - 1] + 1, es[m] - ee[m - 1] - 1)
								arr = arr substr(s, es[m], ee[m] - es[m] + 1)
								first = 0
							}
							arr = arr substr(s, ee[ne] + 1, aend - ee[ne] - 1) "]"
							out = out substr(s, pos, j - pos) arr
							pos = aend + 1
						} else {
							# drop the member and one neighbouring comma
							a = ws(aend + 1)
							if (substr(s, a, 1) == ",") {
								out = out substr(s, pos, i - pos)
								pos = ws(a + 1)
							} else {
								b = i - 1
								while (b > pos && substr(s, b, 1) ~ /[ \t\r\n]/) b--
								if (substr(s, b, 1) == ",") out = out substr(s, pos, b - pos)
								else out = out substr(s, pos, i - pos)
								pos = aend + 1
							}
						}
						i = aend + 1; expect_key = 0
						continue
					}
					expect_key = 0
				}
				i = e + 1; continue
			}
			if (c == "{") { depth++; if (depth == 1) expect_key = 1 }
			else if (c == "}") depth--
			else if (c == "[") depth++
			else if (c == "]") depth--
			else if (c == "," && depth == 1) expect_key = 1
			i++
		}
		if (!changed) exit 1
		out = out substr(s, pos)
		printf "%s%s", out, (nofinalnl ? "" : "\n")
		exit 0
	}' "$1"
}

# apply FILE FUNCTION [ARGS]: run the editor; on change, back up and rewrite
# FILE in place (same inode, owner and mode).
apply() {
	f=$1; shift
	tmp="$f.dockerd-scap-tmp.$$"
	"$@" "$f" >"$tmp"
	rc=$?
	case $rc in
	0)
		cp -p "$f" "$f.dockerd-scap-backup.$stamp" || { rm -f "$tmp"; say "cannot back up $f; not changed"; status=1; return 1; }
		cat "$tmp" >"$f" || { say "cannot write $f (backup: $f.dockerd-scap-backup.$stamp)"; status=1; }
		rm -f "$tmp"
		say "removed TCP hosts from $f (backup: $f.dockerd-scap-backup.$stamp)"
		return 0 ;;
	1) rm -f "$tmp"; return 1 ;;
	*) rm -f "$tmp"; say "cannot edit $f safely; remove its TCP hosts by hand"; status=1; return 1 ;;
	esac
}

admin_dirs="/etc/systemd/system /run/systemd/system /usr/local/lib/systemd/system"
vendor_dirs="/lib/systemd/system /usr/lib/systemd/system"

for d in $admin_dirs; do
	for f in "$R$d/docker.service" "$R$d"/docker.service.d/*.conf; do
		[ -f "$f" ] || continue
		apply "$f" strip_tcp_hosts unit && changed_service=1
	done
	for f in "$R$d/docker.socket" "$R$d"/docker.socket.d/*.conf; do
		[ -f "$f" ] || continue
		apply "$f" strip_tcp_listen && changed_socket=1
	done
done
# A vendor unit is never edited (a package upgrade would undo it): a full
# override in /etc/systemd/system takes its place, as "systemctl edit --full".
for d in $vendor_dirs; do
	for u in docker.service docker.socket; do
		f="$R$d/$u"
		[ -f "$f" ] || continue
		[ -e "$R/etc/systemd/system/$u" ] && continue
		case $u in
		*.service) strip_tcp_hosts unit "$f" >"$f.dockerd-scap-tmp.$$" ;;
		*) strip_tcp_listen "$f" >"$f.dockerd-scap-tmp.$$" ;;
		esac
		if [ $? -eq 0 ]; then
			mkdir -p "$R/etc/systemd/system" && cat "$f.dockerd-scap-tmp.$$" >"$R/etc/systemd/system/$u" &&
				say "vendor unit $f names a TCP host: wrote the override /etc/systemd/system/$u without it" || status=1
			case $u in *.service) changed_service=1 ;; *) changed_socket=1 ;; esac
		fi
		rm -f "$f.dockerd-scap-tmp.$$"
	done
done
for f in "$R/etc/default/docker" "$R/etc/sysconfig/docker"; do
	[ -f "$f" ] || continue
	apply "$f" strip_tcp_hosts env && changed_service=1
done
if [ -f "$R/etc/docker/daemon.json" ]; then
	apply "$R/etc/docker/daemon.json" strip_json_hosts && changed_service=1
fi

# On the live root, always reload and restart: the fix runs because the rule
# failed, and a dockerd started before the configuration was fixed keeps its
# TCP listeners until it restarts ("restart pending").
if [ -z "$R" ]; then
	if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
		systemctl daemon-reload || status=1
		if [ "$changed_socket" -eq 1 ]; then systemctl restart docker.socket || status=1; fi
		systemctl restart docker.service || status=1
	elif command -v service >/dev/null 2>&1 && { [ -x /etc/init.d/docker ] || [ -f /etc/init/docker.conf ]; }; then
		# sysvinit/OpenRC script or Upstart job: what "service" runs
		service docker restart || status=1
	else
		# No service manager knows docker (e.g. dockerd started by hand):
		# the files are fixed, the running daemon is not.
		say "cannot restart docker: systemd is not running and there is no docker service script (/etc/init.d/docker, /etc/init/docker.conf); restart dockerd yourself, its TCP listeners stay bound until it restarts"
		status=1
	fi
fi
[ $((changed_service + changed_socket)) -eq 0 ] && say "no TCP host found in any file this fix edits"
exit $status
