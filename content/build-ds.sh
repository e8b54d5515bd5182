#!/bin/sh
# Compose the dockerd-scap SCAP 1.3 source data stream from content/ sources,
# offline, with POSIX sh, sed and awk (no xsltproc, no oscap needed).
#
#   build-ds.sh SRCDIR OUTPUT PROBE_CANDIDATES
#
# SRCDIR: the content/ source directory. OUTPUT: the data stream file.
# PROBE_CANDIDATES: where the SCE script looks for dockerd-listeners, in
# order ("PATH" = on SCE's PATH; otherwise an absolute path).
#
# Ids follow DISA's SCAP benchmarks: scap_mil.disa.stig_collection_<BASE>,
# _datastream_<BASE>, _cref_<BASE>-<part>, _comp_<BASE>-<part>; the SCE
# script is an extended component (_ecomp_) holding an
# <oscap-sce-xccdf-stream:script>, the form OpenSCAP's "ds sds-compose"
# writes and its data stream loader extracts for SCE.
set -eu
src=$1
out=$2
candidates=$3
BASE=U_Docker_Enterprise_2-x_Linux-UNIX_STIG_SCAP_1-3_Benchmark
P=scap_mil.disa.stig
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
	ts=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%S 2>/dev/null || date -u +%Y-%m-%dT%H:%M:%S)
else
	ts=$(date -u +%Y-%m-%dT%H:%M:%S)
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dockerd-scap-ds.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

xml_escape() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' "$1"; }
# The XML document of a component file, without its XML declaration.
body() { sed -e '1{/^<?xml/d;}' "$1"; }

# The SCE script with its probe search list.
sed -e "s|@PROBE_CANDIDATES@|$candidates|g" "$src/dockerd-scap-sce.sh.in" >"$tmp/sce.sh"
if grep -q '@[A-Z_]*@' "$tmp/sce.sh"; then echo "build-ds.sh: unsubstituted placeholder in the SCE script" >&2; exit 1; fi

# The shell fix runs dockerd-listeners --fix, found the same way.
sed -e "s|@PROBE_CANDIDATES@|$candidates|g" "$src/fix/dockerd-scap-fix.sh" >"$tmp/fix.sh"
if grep -q '@[A-Z_]*@' "$tmp/fix.sh"; then echo "build-ds.sh: unsubstituted placeholder in the fix" >&2; exit 1; fi

# The Ansible fix: the same shell fix, run by ansible.builtin.shell (one
# implementation of the edit, in dockerd-listeners; see content/README.md).
{
	cat <<'YAML'
- name: "DKER-EE-001050: remove TCP API hosts from dockerd's configuration (backups kept), reload systemd, restart docker"
  ansible.builtin.shell:
    executable: /bin/sh
    cmd: |
YAML
	sed -e 's/^/      /' -e 's/^ *$//' "$tmp/fix.sh"
	cat <<'YAML'
  register: dockerd_scap_fix
  changed_when: "'dockerd-scap fix: fixed and verified' in dockerd_scap_fix.stdout or 'files fixed and verified' in dockerd_scap_fix.stdout"
  tags:
    - DKER-EE-001050
    - SV-235776r960759_rule
    - CCI-000382
    - medium_severity
YAML
} >"$tmp/fix.yml"
xml_escape "$tmp/fix.sh" >"$tmp/fix.sh.xml"
xml_escape "$tmp/fix.yml" >"$tmp/fix.yml.xml"

# The benchmark with the fixes in place of their placeholders.
awk -v sh="$tmp/fix.sh.xml" -v yml="$tmp/fix.yml.xml" '
function slurp(f,    l, s, n) { s = ""; n = 0; while ((getline l < f) > 0) s = s (n++ ? "\n" : "") l; close(f); return s }
BEGIN { SH = slurp(sh); YML = slurp(yml) }
{
	line = $0
	i = index(line, "@FIX_SH@"); if (i) line = substr(line, 1, i - 1) SH substr(line, i + 8)
	i = index(line, "@FIX_ANSIBLE@"); if (i) line = substr(line, 1, i - 1) YML substr(line, i + 13)
	print line
}' "$src/dockerd-scap-xccdf.xml" >"$tmp/xccdf.xml"
if grep -q '@FIX_[A-Z]*@' "$tmp/xccdf.xml"; then echo "build-ds.sh: unsubstituted fix placeholder" >&2; exit 1; fi

{
	cat <<EOF2
<?xml version="1.0" encoding="UTF-8"?>
<ds:data-stream-collection xmlns:ds="http://scap.nist.gov/schema/scap/source/1.2" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:cat="urn:oasis:names:tc:entity:xmlns:xml:catalog" id="${P}_collection_${BASE}" schematron-version="1.3">
  <ds:data-stream id="${P}_datastream_${BASE}" scap-version="1.3" use-case="CONFIGURATION" timestamp="$ts">
    <ds:dictionaries>
      <ds:component-ref id="${P}_cref_${BASE}-cpe-dictionary.xml" xlink:href="#${P}_comp_${BASE}-cpe-dictionary.xml">
        <cat:catalog>
          <cat:uri name="dockerd-scap-cpe-oval.xml" uri="#${P}_cref_${BASE}-cpe-oval.xml"/>
        </cat:catalog>
      </ds:component-ref>
    </ds:dictionaries>
    <ds:checklists>
      <ds:component-ref id="${P}_cref_${BASE}-xccdf.xml" xlink:href="#${P}_comp_${BASE}-xccdf.xml">
        <cat:catalog>
          <cat:uri name="dockerd-scap-oval.xml" uri="#${P}_cref_${BASE}-oval.xml"/>
          <cat:uri name="dockerd-scap-sce.sh" uri="#${P}_cref_${BASE}-sce.sh"/>
          <cat:uri name="dockerd-scap-cpe-oval.xml" uri="#${P}_cref_${BASE}-cpe-oval.xml"/>
        </cat:catalog>
      </ds:component-ref>
    </ds:checklists>
    <ds:checks>
      <ds:component-ref id="${P}_cref_${BASE}-oval.xml" xlink:href="#${P}_comp_${BASE}-oval.xml"/>
      <ds:component-ref id="${P}_cref_${BASE}-cpe-oval.xml" xlink:href="#${P}_comp_${BASE}-cpe-oval.xml"/>
    </ds:checks>
    <ds:extended-components>
      <ds:component-ref id="${P}_cref_${BASE}-sce.sh" xlink:href="#${P}_ecomp_${BASE}-sce.sh"/>
    </ds:extended-components>
  </ds:data-stream>
  <ds:component id="${P}_comp_${BASE}-cpe-dictionary.xml" timestamp="$ts">
EOF2
	body "$src/dockerd-scap-cpe-dictionary.xml"
	echo "  </ds:component>"
	echo "  <ds:component id=\"${P}_comp_${BASE}-xccdf.xml\" timestamp=\"$ts\">"
	body "$tmp/xccdf.xml"
	echo "  </ds:component>"
	echo "  <ds:component id=\"${P}_comp_${BASE}-oval.xml\" timestamp=\"$ts\">"
	body "$src/dockerd-scap-oval.xml"
	echo "  </ds:component>"
	echo "  <ds:component id=\"${P}_comp_${BASE}-cpe-oval.xml\" timestamp=\"$ts\">"
	body "$src/dockerd-scap-cpe-oval.xml"
	echo "  </ds:component>"
	echo "  <ds:extended-component id=\"${P}_ecomp_${BASE}-sce.sh\" timestamp=\"$ts\">"
	printf '<oscap-sce-xccdf-stream:script xmlns:oscap-sce-xccdf-stream="http://open-scap.org/page/SCE_xccdf_stream">'
	xml_escape "$tmp/sce.sh"
	echo "</oscap-sce-xccdf-stream:script>"
	echo "  </ds:extended-component>"
	echo "</ds:data-stream-collection>"
} >"$tmp/ds.xml"
mv "$tmp/ds.xml" "$out"
