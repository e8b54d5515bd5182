#!/bin/sh
# dockerd-scap fix for DKER-EE-001050 and the "no TCP API" rule: runs
# `dockerd-listeners --fix`, the same program that checks the rules. It
# removes every TCP API host from where the scan found it (ExecStart= words,
# the variable they expand from, daemon.json "hosts", socket units), verifies
# the result by scanning a copy before writing, keeps a backup of each changed
# file, then reloads systemd and restarts docker (or its init script) and
# re-scans the running daemon. See dockerd-listeners(1), section FIX.
#
# Without dockerd-listeners this fix says so and fails: it never guesses.
# DOCKERD_SCAP_FIX_ROOT=DIR fixes the root DIR instead of / and restarts
# nothing (used by the tests).
set -u
root=${DOCKERD_SCAP_FIX_ROOT:-/}
say() { printf 'dockerd-scap fix: %s\n' "$*"; }

# Where the program is looked for, in order: "PATH" is dockerd-listeners on
# PATH (a packaged install); anything else an absolute path (the configure-time
# bindir). Substituted when the data stream is built.
# oscap 1.3.7 runs fixes with PATH=/bin:/sbin:/usr/bin:/usr/sbin (measured:
# tests/fix-systemd.test); a local install lives in /usr/local/bin.
PATH=${PATH:+$PATH:}/usr/local/sbin:/usr/local/bin
export PATH
probe=
for candidate in @PROBE_CANDIDATES@; do
	case $candidate in
	PATH) p=$(command -v dockerd-listeners 2>/dev/null) || continue ;;
	*) p=$candidate ;;
	esac
	if [ -f "$p" ] && [ -x "$p" ]; then
		probe=$p
		break
	fi
done
if [ -z "$probe" ]; then
	say "dockerd-listeners is not installed (looked for: @PROBE_CANDIDATES@): nothing changed; install dockerd-scap and run the fix again"
	exit 1
fi

"$probe" --fix --root "$root"
status=$?
case $status in
0) say "no TCP API listener configured: nothing to do" ;;
3) say "fixed and verified" ;;
4) say "files fixed and verified, but dockerd still has to be restarted (see above)" ;;
5) say "refused: nothing changed (see above for the file and line to edit by hand)" ;;
*) say "dockerd-listeners --fix failed with status $status" ;;
esac
# 0 and 3: done; anything else leaves the rule failing.
[ "$status" -eq 0 ] || [ "$status" -eq 3 ]
