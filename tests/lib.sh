# Shared helpers for the script tests (POSIX sh). Source it:
#   . "${top_srcdir:-.}/tests/lib.sh"
# TAP output is read by automake's tap-driver: "1..N", "ok N - name",
# "not ok N - name", diagnostics as "# " lines, "ok N - name # SKIP why".

: "${JQ:=jq}"
LC_ALL=C
export LC_ALL

tap_count=0
tap_failures=0

tap_plan() { echo "1..$1"; }

tap_ok() {
	tap_count=$((tap_count + 1))
	echo "ok $tap_count - $1"
}

tap_not_ok() {
	tap_count=$((tap_count + 1))
	tap_failures=$((tap_failures + 1))
	echo "not ok $tap_count - $1"
}

tap_skip() {
	tap_count=$((tap_count + 1))
	echo "ok $tap_count - $1 # SKIP $2"
}

# Copy stdin to stdout as TAP diagnostics.
tap_diag() { sed 's/^/# /'; }

# The probe's JSON (file $1) as canonical fact lines, one per line, sorted:
#   launch METHOD UNIT|- [masked] / refuses-start /
#   listener tcp ADDR:PORT tls=T (IPv6 in brackets) / listener unix PATH /
#   listener fd FDSPEC / problem PATH[:LINE] (or "problem -" without a path);
#   a problem entry of severity "warning" is "warning PATH[:LINE]" instead.
#   A listener whose state is not "configured" ends in " state=bound" or
#   " state=configured+bound". Always: "cluster swarm=SWARM ucp=UCP_STATE"
#   and "rule RULE_ID RESULT" per rule; per running daemon "daemon PID" and
#   "other PID ADDR:PORT ROLE" per socket it holds that is not the API.
canon_json() {
	# shellcheck disable=SC2016 # $pid is a jq variable
	"$JQ" -r '
	  def hostport: (if (.address | tostring | contains(":")) then "[\(.address)]"
	                 else "\(.address)" end) + ":\(.port)";
	  "launch \(.launch.method) \(.launch.unit // "-")"
	    + (if .launch.masked == true then " masked" else "" end),
	  (if .launch.refuses_start == true then "refuses-start" else empty end),
	  (.listeners[]? |
	     (if .proto == "tcp" then "listener tcp \(hostport) tls=\(.tls)"
	      elif .proto == "unix" then "listener unix \(.path)"
	      elif .proto == "fd" then "listener fd \(.fd)"
	      else "listener \(.proto) ?" end)
	     + (if (.state // "configured") == "configured" then "" else " state=\(.state)" end)),
	  (.problems[]? |
	     (if .severity == "warning" then "warning " else "problem " end)
	       + "\(.path // "-")" + (if (.line // 0) > 0 then ":\(.line)" else "" end)),
	  "cluster swarm=\(.cluster.swarm // "-") ucp=\(.cluster.ucp_state // "-")",
	  (.rules // {} | to_entries[] | "rule \(.key) \(.value.result)"),
	  (.daemons[]? | "daemon \(.pid)",
	     (.pid as $pid | .other_sockets[]? | "other \($pid) \(hostport) \(.role)"))
	' "$1" | sort
}

# Lines of file $1 without blank lines and "#" comments, sorted.
canon_expected() { grep -v -e '^[[:space:]]*$' -e '^#' "$1" | sort; }
