/* Fuzz target: /etc/docker/daemon.json (daemon_json.c). */
#include "config.h"

#include "read/daemon_json.h"
#include "fuzz.h"

#include "base/problems.h"
int fuzz_daemon_json(const uint8_t *data, size_t size)
{
	fuzz_root_reset();
	fuzz_root_write("/etc/docker/daemon.json", (const char *)data, size);
	struct rootfs r;
	if (rootfs_open(&r, fuzz_root()) == 0) {
		struct dl_problem_list problems = { 0 };
		struct daemon_json dj = { 0 };
		daemon_json_load(&dj, &r, "/etc/docker/daemon.json", false, &problems);
		daemon_json_clear(&dj);
		problem_list_clear(&problems);
		rootfs_close(&r);
	}
	return 0;
}
FUZZ_ENTRY(fuzz_daemon_json)
