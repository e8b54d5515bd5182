#!/bin/sh
# Compose the SCAP 1.3 source data stream for evaluators without SCE (DISA's
# SCAP Compliance Checker): the oscap data stream of build-ds.sh with the
# SCE checks, their Values and the SCE script component taken out, and the
# manual (C-...) checks too, as DISA's own SCAP benchmarks carry only OVAL,
# and the OVAL parts marked "oscap stream only" (inetlisteningservers, which
# none of DISA's SCC benchmarks uses).
# What stays: the same XCCDF (DISA's ids, profiles, fixes), the same OVAL
# checks, the same CPE dictionary and inventory OVAL. NIST SP 800-126 counts
# check systems other than OVAL and OCIL as not SCAP-conformant.
#
#   build-scc-ds.sh SRCDIR OUTPUT
#
# POSIX sh, sed and awk, offline; the result is checked by `oscap ds
# sds-validate` in tests/content/scc.test.
set -eu
src=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dockerd-scap-scc-ds.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The SCE probe path is irrelevant: the SCE component is dropped below.
sh "$here/build-ds.sh" "$src" "$tmp/full.xml" PATH

# Each dropped element starts and ends on lines of its own in the composed
# stream (the sources keep every element of a <check> on its own line, see
# dockerd-scap-xccdf.xml); fix scripts are XML-escaped, so none of these
# tags can occur inside them.
awk '
drop && index($0, drop_end) { drop = 0; drop_end = ""; next }
drop { next }
/<check system="http:\/\/open-scap.org\/page\/SCE">/ { drop = 1; drop_end = "</check>"; next }
/<check system="C-/ { if (index($0, "</check>")) next; drop = 1; drop_end = "</check>"; next }
/<Value id="xccdf_org.dockerd-scap_value_rule_/ { drop = 1; drop_end = "</Value>"; next }
/<ds:extended-components>/ { drop = 1; drop_end = "</ds:extended-components>"; next }
/<ds:extended-component / { drop = 1; drop_end = "</ds:extended-component>"; next }
/<cat:uri name="dockerd-scap-sce.sh"/ { next }
/<!-- BEGIN oscap stream only/ { drop = 1; drop_end = "<!-- END oscap stream only -->"; next }
{ print }
' "$tmp/full.xml" >"$tmp/scc.xml"

for bad in 'open-scap.org/page/SCE' 'oscap-sce-xccdf-stream' 'extended-component' 'system="C-' 'inetlisteningservers' 'oscap stream only'; do
	if grep -q "$bad" "$tmp/scc.xml"; then
		echo "build-scc-ds.sh: '$bad' is still in the SCC data stream" >&2
		exit 1
	fi
done
mv "$tmp/scc.xml" "$out"
