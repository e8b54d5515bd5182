# Helpers for the SCAP content tests (POSIX sh). Source after tests/lib.sh.
: "${top_srcdir:=.}"
: "${top_builddir:=.}"
OSCAP=${OSCAP:-oscap}
DS_BUILT="$top_builddir/content/dockerd-scap-ds.xml"
SCENARIOS="$top_srcdir/tests/content/scenarios"
PROFILE_ALL=xccdf_org.dockerd-scap_profile_docker_api
RULE_disa=xccdf_mil.disa.stig_rule_SV-235776r960759_rule
RULE_mtls=xccdf_org.dockerd-scap_rule_tcp_api_mutual_tls
RULE_notcp=xccdf_org.dockerd-scap_rule_no_tcp_api

have_oscap() { command -v "$OSCAP" >/dev/null 2>&1; }

# build_test_ds OUT: the data stream with its SCE script pointing at the
# probe under test only ($DOCKERD_SCAP_TEST_PROBE, else $PROBE): the tests
# must never run an installed dockerd-listeners.
build_test_ds() {
	sh "$top_srcdir/content/build-ds.sh" "$top_srcdir/content" "$1" "${DOCKERD_SCAP_TEST_PROBE:-$PROBE}"
}

# arf_result ARF RULE_ID: the <result> of that rule-result in the ARF.
arf_result() {
	awk -v id="$2" '
	index($0, "<rule-result ") && index($0, "idref=\"" id "\"") { want = 1 }
	want && match($0, /<result>[a-z]+<\/result>/) { print substr($0, RSTART + 8, RLENGTH - 17); exit }' "$1"
}

# arf_check_system ARF RULE_ID: the check system the result came from.
arf_check_system() {
	awk -v id="$2" '
	index($0, "<rule-result ") && index($0, "idref=\"" id "\"") { want = 1 }
	want && match($0, /<check system="[^"]*"/) { print substr($0, RSTART + 15, RLENGTH - 16); exit }' "$1"
}

# scan PATHKIND ROOT DS ARF [extra oscap args]: PATHKIND sce|oval. The
# fixture root is scanned the way oscap-chroot does it (OSCAP_PROBE_ROOT);
# the OVAL path stops the SCE plugin from loading (oscap 1.3.7 ignores
# OSCAP_PREFERRED_ENGINE).
scan() {
	kind=$1 root=$2 ds=$3 arf=$4
	shift 4
	if [ "$kind" = oval ]; then
		mkdir -p "$tmp/no-plugins"
		OSCAP_CHECK_ENGINE_PLUGIN_DIR="$tmp/no-plugins" OSCAP_PROBE_ROOT="$root" \
			"$OSCAP" xccdf eval --profile "$PROFILE_ALL" --results-arf "$arf" "$@" "$ds"
	else
		OSCAP_PROBE_ROOT="$root" "$OSCAP" xccdf eval --profile "$PROFILE_ALL" --results-arf "$arf" "$@" "$ds"
	fi
}
