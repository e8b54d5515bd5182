/* Fuzz target: dockerd's command line (dockerd_args.c): the input's
 * NUL-separated words, as in /proc/PID/cmdline; argv[0] is dockerd unless
 * the input names another program. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "read/dockerd_args.h"
#include "fuzz.h"

#include "base/evidence.h"
#include "base/problems.h"
#include "base/words.h"
int fuzz_dockerd_args(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct word_list words = { 0 };
	struct dl_evidence where = { 0 };
	evidence_set(&where, "process", "/proc/1/cmdline", 0, "");
	if (size == 0 || (data[0] != '/' && strncmp(s, "docker", 6) && strncmp(s, "env", 3)))
		word_list_add(&words, "/usr/bin/dockerd", &where, NULL);
	for (size_t i = 0; i < size;) {
		size_t n = strnlen(s + i, size - i);
		char *w = strndup(s + i, n);
		if (!w)
			abort();
		word_list_add(&words, w, &where, NULL);
		free(w);
		i += n + 1;
	}
	struct dl_problem_list problems = { 0 };
	struct dockerd_flags flags = { 0 };
	dockerd_args_parse(&flags, &words, &problems);
	dockerd_flags_clear(&flags);
	problem_list_clear(&problems);
	word_list_clear(&words);
	evidence_clear(&where);
	free(s);
	return 0;
}
FUZZ_ENTRY(fuzz_dockerd_args)
