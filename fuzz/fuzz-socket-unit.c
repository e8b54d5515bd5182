/* Fuzz target: docker.socket with one drop-in (socket_unit.c), next to a
 * stock docker.service; parts split as in fuzz-unit.c. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "read/systemd_unit.h"
#include "base/problems.h"
static const char service[] = "[Service]\nExecStart=/usr/bin/dockerd -H fd://\n";

int fuzz_socket_unit(const uint8_t *data, size_t size)
{
	char *sock, *dropin;
	size_t slen, dlen;
	fuzz_split2(data, size, &sock, &slen, &dropin, &dlen);
	fuzz_root_reset();
	fuzz_root_write("/lib/systemd/system/docker.service", service, strlen(service));
	fuzz_root_write("/lib/systemd/system/docker.socket", sock, slen);
	if (dlen)
		fuzz_root_write("/etc/systemd/system/docker.socket.d/override.conf", dropin, dlen);
	struct rootfs r;
	if (rootfs_open(&r, fuzz_root()) == 0) {
		struct dl_problem_list problems = { 0 };
		struct socket_set set = { 0 };
		int rc = systemd_sockets_load(&set, &r, "docker.service", &problems);
		(void)rc;
		socket_set_clear(&set);
		problem_list_clear(&problems);
		rootfs_close(&r);
	}
	free(sock);
	free(dropin);
	return 0;
}
FUZZ_ENTRY(fuzz_socket_unit)
