/* Fuzz target: a systemd EnvironmentFile= (env_file.c) and the same bytes
 * as a sourced init configuration file (init_env.c: /etc/default/docker,
 * /etc/sysconfig/docker, /etc/conf.d/docker). */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "read/init_env.h"
#include "read/systemd_unit.h"
#include "base/problems.h"
#include "base/words.h"
int fuzz_env_file(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct dl_problem_list problems = { 0 };
	struct env env = { 0 };
	int rc = env_file_parse_n(&env, "/etc/default/docker", s, size, &problems);
	(void)rc; /* -EBADMSG: nothing set, a problem says why */
	env_clear(&env);
	init_env_parse(&env, "/etc/default/docker", s, &problems);
	env_clear(&env);
	problem_list_clear(&problems);
	free(s);
	return 0;
}
FUZZ_ENTRY(fuzz_env_file)
