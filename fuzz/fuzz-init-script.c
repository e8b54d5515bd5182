/* Fuzz target: /etc/init.d/docker and the file it sources (init_env.c):
 * the input's first part is the script, the second the sourced
 * /etc/default/docker (also written as /etc/sysconfig/docker and
 * /etc/conf.d/docker, whichever the script's flavour reads). */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "read/init_env.h"
#include "base/problems.h"
#include "base/words.h"
int fuzz_init_script(const uint8_t *data, size_t size)
{
	char *script, *envf;
	size_t slen, elen;
	fuzz_split2(data, size, &script, &slen, &envf, &elen);
	fuzz_root_reset();
	fuzz_root_write("/etc/init.d/docker", script, slen);
	struct rootfs r;
	if (rootfs_open(&r, fuzz_root()) == 0) {
		struct dl_problem_list problems = { 0 };
		struct init_launch il = { 0 };
		init_launch_detect(&il, &r, &problems);
		struct env env = { 0 };
		init_env_parse(&env, il.env_path ? il.env_path : "/etc/default/docker", envf, &problems);
		env_clear(&env);
		init_launch_clear(&il);
		problem_list_clear(&problems);
		rootfs_close(&r);
	}
	free(script);
	free(envf);
	return 0;
}
FUZZ_ENTRY(fuzz_init_script)
