/* Runs the fuzz targets' functions over files without libFuzzer, so that
 * every build (gcc, sanitizers, valgrind) replays the regression inputs.
 *
 *   fuzz/fuzz-regress TARGET FILE|DIR...   feed each file (a directory: each
 *                                      regular file in it) to TARGET
 *   fuzz/fuzz-regress --list             the target names
 *
 * Exit status 0 when every input ran; a crash or sanitizer report is the
 * failure. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static const struct {
	const char *name;
	int (*fn)(const uint8_t *, size_t);
} targets[] = {
#define T(name) { #name, fuzz_##name },
#include "targets.def"
#undef T
};

static int run_file(int (*fn)(const uint8_t *, size_t), const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	size_t cap = 4096, len = 0;
	unsigned char *buf = malloc(cap);
	size_t n;
	while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	if (!buf)
		abort();
	fn(buf, len);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	size_t nt = sizeof(targets) / sizeof(*targets);
	if (argc == 2 && !strcmp(argv[1], "--list")) {
		for (size_t i = 0; i < nt; i++)
			puts(targets[i].name);
		return 0;
	}
	if (argc < 3) {
		fputs("usage: regress TARGET FILE|DIR... | regress --list\n", stderr);
		return 2;
	}
	int (*fn)(const uint8_t *, size_t) = NULL;
	for (size_t i = 0; i < nt; i++)
		if (!strcmp(targets[i].name, argv[1]))
			fn = targets[i].fn;
	if (!fn) {
		fprintf(stderr, "regress: unknown target '%s'\n", argv[1]);
		return 2;
	}
	int status = 0, ran = 0;
	for (int a = 2; a < argc; a++) {
		struct stat st;
		if (stat(argv[a], &st) < 0) {
			perror(argv[a]);
			status = 1;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			status |= run_file(fn, argv[a]) < 0;
			ran++;
			continue;
		}
		struct dirent **ents;
		int n = scandir(argv[a], &ents, NULL, alphasort);
		for (int k = 0; k < n; k++) {
			char p[4096];
			snprintf(p, sizeof(p), "%s/%s", argv[a], ents[k]->d_name);
			if (ents[k]->d_name[0] != '.' && stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
				status |= run_file(fn, p) < 0;
				ran++;
			}
			free(ents[k]);
		}
		free(ents);
	}
	printf("%s: %d inputs\n", argv[1], ran);
	return status;
}
