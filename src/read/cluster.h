/* Cluster membership of one Docker node, read from its data root: whether
 * the daemon is in a swarm (and as manager or worker), the swarm control
 * address it binds, and whether the node belongs to a UCP / Mirantis
 * Kubernetes Engine cluster. Every conclusion carries evidence; everything
 * that could not be read or understood is a problem, and a membership that
 * could not be decided is "unknown", never "no". */
#ifndef DOCKERD_SCAP_CLUSTER_H
#define DOCKERD_SCAP_CLUSTER_H

#include <stdbool.h>
#include <stddef.h>

#include "scan_result.h"
#include "base/rootfs.h"
#include "base/contract.h"
#include "read/facts.h"
/* Evidence source kinds of this module, as they appear in the JSON contract. */
#define SRC_SWARM_STATE       "swarm-state"       /* <data-root>/swarm/docker-state.json */
#define SRC_SWARM_CERTIFICATE "swarm-certificate" /* <data-root>/swarm/certificates/swarm-node.crt */
#define SRC_SWARM_RAFT        "swarm-raft"        /* <data-root>/swarm/raft/ (role heuristic) */
#define SRC_CONTAINER_CONFIG  "container-config"  /* <data-root>/containers/<id>/config.v2.json */

/* dockerd's --data-root default (moby daemon/config, Linux). */
#define CLUSTER_DEFAULT_DATA_ROOT "/var/lib/docker"

/* Bounds. docker-state.json is one short JSON object and swarm-node.crt a
 * node certificate plus its issuing chain: both a few KiB. */
#define CLUSTER_MAX_STATE_FILE       (64u * 1024u)
#define CLUSTER_MAX_CERT_FILE        (64u * 1024u)
/* One config.v2.json is a few KiB; all of them together are bounded too so a
 * hostile data root cannot make the scan read gigabytes. */
#define CLUSTER_MAX_CONTAINER_CONFIG ROOTFS_MAX_FILE
#define CLUSTER_MAX_CONTAINER_BYTES  (64u * 1024u * 1024u)
/* Container records scanned; more are reported, not read (the directory
 * listing bound of rootfs). */
#define CLUSTER_MAX_CONTAINERS       ROOTFS_MAX_DIR_ENTRIES
/* Deepest JSON nesting accepted in docker-state.json and config.v2.json. */
#define CLUSTER_MAX_JSON_DEPTH       64

/* Why a container is taken for a UCP/MKE component (bits). */
enum ucp_match {
	/* Strong: */
	UCP_MATCH_NAME          = 1u << 0, /* a known MKE component name, or a task of one */
	UCP_MATCH_SERVICE_LABEL = 1u << 1, /* com.docker.swarm.service.name is a known component */
	UCP_MATCH_IMAGE         = 1u << 2, /* image's last path component starts "ucp-" */
	UCP_MATCH_VERSION_LABEL = 1u << 3, /* label com.docker.ucp.version */
	/* Weak (still counted: see cluster.c for why): */
	UCP_MATCH_NAME_PREFIX   = 1u << 4, /* another name starting "ucp-" (or k8s_ucp-*) */
	UCP_MATCH_UCP_LABEL     = 1u << 5, /* another com.docker.ucp.* label */
};
#define UCP_MATCH_STRONG \
	(UCP_MATCH_NAME | UCP_MATCH_SERVICE_LABEL | UCP_MATCH_IMAGE | UCP_MATCH_VERSION_LABEL)

/* host:port as written in docker-state.json ("0.0.0.0:2377", "[::1]:2377"). */
struct cluster_endpoint {
	char *text; /* as written; NULL when absent or empty */
	char *host; /* without brackets; NULL when text does not split */
	unsigned port; /* 0 when absent or not a number */
};

/* A container record that looks like a UCP/MKE component. */
struct ucp_container {
	char *id;     /* directory name under containers/ */
	char *path;   /* in-root path of its config.v2.json */
	char *name;   /* Name without the leading '/', or NULL */
	char *image;  /* Config.Image, or NULL */
	unsigned match; /* enum ucp_match bits */
	bool recorded_running; /* State.Running as dockerd last wrote it */
	unsigned long pid;     /* State.Pid, 0 when none */
	bool running;          /* recorded_running, corrected by the live check */
	char *note;            /* e.g. "pid 1234 no longer exists (stale record)"; or NULL */
};

struct cluster_info {
	char *data_root;  /* canonical in-root path of the data root */
	/* READ_ABSENT: dockerd never ran with this data root (no membership);
	 * READ_OK: a directory, opened; READ_UNREADABLE: it cannot be opened
	 * or is not a directory (reported): membership unknown. */
	enum read_status data_root_status;
	/* The swarm state (docker-state.json with swarm-node.crt): ABSENT
	 * either is missing (swarm inactive); OK read; UNREADABLE one could
	 * not be checked or read (reported; the certificate may still decide
	 * the role); REFUSED read, and dockerd cannot decode it and fails to
	 * start (reported). */
	enum read_status swarm_status;
	/* The container records (UCP/MKE traces): ABSENT no containers/
	 * directory; OK every record read; UNREADABLE the directory or some
	 * records could not be read (containers_unreadable; reported). */
	enum read_status ucp_status;

	enum dl_swarm_role swarm;
	enum dl_swarm_method swarm_method;
	char *node_id;    /* certificate subject CN, or NULL */
	char *cluster_id; /* certificate subject O, or NULL */
	bool join_in_progress; /* docker-state.json JoinInProgress */
	/* The swarm control (raft/dispatcher gRPC) address dockerd binds when
	 * the swarm is active: a TCP socket there is "swarm", not the API. */
	struct cluster_endpoint listen;
	struct cluster_endpoint advertise;
	char *data_path_addr;
	char *local_addr;
	char *remote_addr;

	enum dl_ucp_state ucp;
	bool ucp_running; /* some UCP container (or process) is running */
	struct ucp_container *ucp_containers;
	size_t ucp_count, ucp_cap;
	size_t containers_scanned;   /* records read and understood */
	size_t containers_unreadable;/* records that could not be read or parsed */

	struct dl_evidence_list evidence;
};

/* Scan the data root (an in-root path; NULL for CLUSTER_DEFAULT_DATA_ROOT)
 * under r. With CLUSTER_SCAN_LIVE the root is the running host: each
 * running container's State.Pid is checked in <root>/proc and a pid that is
 * gone or belongs to another process makes the record stale.
 * Returns 0 (problems go to *problems; unknown memberships are reported in
 * out), or -EINVAL for a relative data root. out is always initialised and
 * must be released with cluster_info_clear(). */
#define CLUSTER_SCAN_LIVE (1u << 0)
_must_check_ int cluster_scan(struct cluster_info *out, const struct rootfs *r, const char *data_root,
		 unsigned flags, struct dl_problem_list *problems);
void cluster_info_clear(struct cluster_info *ci);

/* Building blocks, exposed for the tests and for the /proc reader. */

/* The last path component of an image reference, without registry,
 * namespace, tag and digest: "registry:5000/mirantis/ucp-agent:3.7.1@sha256:..."
 * -> "ucp-agent". Returns a new string (empty for an empty reference). */
char *image_repository_name(const char *image);
/* Is this container name (leading '/' allowed) a UCP/MKE component?
 * Returns UCP_MATCH_NAME, UCP_MATCH_NAME_PREFIX or 0. */
unsigned ucp_container_name_match(const char *name);
/* Is this a documented MKE component (swarm service or container) name? */
bool ucp_component_name(const char *name);
/* Does the image's last path component start "ucp-"? */
bool ucp_image_match(const char *image);
/* Split Go's net.SplitHostPort form; returns 0 or -EINVAL. */
_must_check_ int cluster_endpoint_parse(struct cluster_endpoint *e, const char *text);
void cluster_endpoint_clear(struct cluster_endpoint *e);


#endif
