/* Fuzz target: one -H / "hosts" value (host_spec.c, docs/dockerd-listeners.md §1). */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "read/host_spec.h"
int fuzz_host(const uint8_t *data, size_t size)
{
	char *v = fuzz_cstr(data, size);
	struct host_spec h = { 0 };
	struct host_parse_opts opts = { .cwd = "/", .default_unix = "/var/run/docker.sock" };
	host_spec_parse(&h, v, &opts);
	free(host_refusal_text(&h));
	host_spec_clear(&h);
	(void)host_spec_is_blank(v);
	free(v);
	return 0;
}
FUZZ_ENTRY(fuzz_host)
