/* The names the JSON contract and the text report give to the result's
 * enums (docs/architecture.md): one vocabulary for every stage and program,
 * so a renderer needs no reader to print what a reader found. */
#include "config.h"

#include "dockerd-scap/listeners.h"

const char *dl_launch_method_name(enum dl_launch_method m)
{
	switch (m) {
	case DL_LAUNCH_NONE:
		return "none";
	case DL_LAUNCH_SYSTEMD:
		return "systemd";
	case DL_LAUNCH_SYSVINIT:
		return "sysvinit";
	case DL_LAUNCH_OPENRC:
		return "openrc";
	case DL_LAUNCH_MANUAL:
		return "manual";
	}
	return "?";
}

const char *dl_proto_name(enum dl_proto p)
{
	switch (p) {
	case DL_PROTO_TCP:
		return "tcp";
	case DL_PROTO_UNIX:
		return "unix";
	case DL_PROTO_FD:
		return "fd";
	}
	return "?";
}

const char *dl_tls_name(enum dl_tls t)
{
	switch (t) {
	case DL_TLS_NONE:
		return "none";
	case DL_TLS_SERVER:
		return "server";
	case DL_TLS_MUTUAL:
		return "mutual";
	}
	return "?";
}

const char *dl_swarm_role_name(enum dl_swarm_role s)
{
	switch (s) {
	case DL_SWARM_INACTIVE:
		return "inactive";
	case DL_SWARM_WORKER:
		return "worker";
	case DL_SWARM_MANAGER:
		return "manager";
	case DL_SWARM_UNKNOWN:
		break;
	}
	return "unknown";
}

const char *dl_swarm_method_name(enum dl_swarm_method m)
{
	switch (m) {
	case DL_SWARM_BY_CERTIFICATE:
		return "certificate";
	case DL_SWARM_BY_RAFT_HEURISTIC:
		return "raft-heuristic";
	case DL_SWARM_BY_NONE:
		break;
	}
	return "none";
}

const char *dl_ucp_state_name(enum dl_ucp_state u)
{
	switch (u) {
	case DL_UCP_YES:
		return "yes";
	case DL_UCP_NO:
		return "no";
	case DL_UCP_UNKNOWN:
		break;
	}
	return "unknown";
}
