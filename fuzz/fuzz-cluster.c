/* Fuzz target: swarm state and container records (cluster.c): the input's
 * first part is <data-root>/swarm/docker-state.json, the second a
 * container's config.v2.json; scanned as a live root. */
#include "config.h"

#include <stdlib.h>

#include "read/cluster.h"
#include "fuzz.h"

#include "base/problems.h"
int fuzz_cluster(const uint8_t *data, size_t size)
{
	char *state, *record;
	size_t slen, rlen;
	fuzz_split2(data, size, &state, &slen, &record, &rlen);
	fuzz_root_reset();
	fuzz_root_write("/var/lib/docker/swarm/docker-state.json", state, slen);
	fuzz_root_write("/var/lib/docker/containers/"
			"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef/config.v2.json",
			record, rlen);
	fuzz_root_write("/proc/1/comm", "systemd\n", 8);
	struct rootfs r;
	if (rootfs_open(&r, fuzz_root()) == 0) {
		struct dl_problem_list problems = { 0 };
		struct cluster_info ci = { 0 };
		int rc = cluster_scan(&ci, &r, NULL, CLUSTER_SCAN_LIVE, &problems);
		(void)rc;
		cluster_info_clear(&ci);
		problem_list_clear(&problems);
		rootfs_close(&r);
	}
	free(state);
	free(record);
	return 0;
}
FUZZ_ENTRY(fuzz_cluster)
