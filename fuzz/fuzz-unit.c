/* Fuzz target: docker.service with one drop-in (systemd_unit.c): the
 * input's first part is the unit file, the part after a "\n--\n" line the
 * drop-in; loaded from a scratch root with the service's environment. */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "read/systemd_unit.h"
#include "base/problems.h"
#include "base/words.h"
int fuzz_unit(const uint8_t *data, size_t size)
{
	char *unit, *dropin;
	size_t ulen, dlen;
	fuzz_split2(data, size, &unit, &ulen, &dropin, &dlen);
	fuzz_root_reset();
	fuzz_root_write("/lib/systemd/system/docker.service", unit, ulen);
	if (dlen)
		fuzz_root_write("/etc/systemd/system/docker.service.d/override.conf", dropin, dlen);
	struct rootfs r;
	if (rootfs_open(&r, fuzz_root()) == 0) {
		struct dl_problem_list problems = { 0 };
		struct systemd_service svc = { 0 };
		int rc = systemd_service_load(&svc, &r, "docker.service", &problems);
		(void)rc; /* the problems say what could not be read */
		struct env env = { 0 };
		if (svc.found)
			(void)systemd_service_environment(&env, &r, &svc, NULL, &problems);
		env_clear(&env);
		systemd_service_clear(&svc);
		problem_list_clear(&problems);
		rootfs_close(&r);
	}
	free(unit);
	free(dropin);
	return 0;
}
FUZZ_ENTRY(fuzz_unit)
