/* Shared helpers of the fuzz targets (fuzz/README.md). Each target file
 * defines one function int fuzz_NAME(const uint8_t *data, size_t size) and
 * names it with FUZZ_ENTRY(fuzz_NAME): under libFuzzer (FUZZ_LIBFUZZER) that
 * becomes LLVMFuzzerTestOneInput; without it, fuzz/regress.c calls the
 * functions directly over the committed regression inputs. */
#ifndef DOCKERD_SCAP_FUZZ_H
#define DOCKERD_SCAP_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#ifdef FUZZ_LIBFUZZER
#define FUZZ_ENTRY(fn)                                                  \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);   \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)    \
	{                                                               \
		return fn(data, size);                                  \
	}
#else
#define FUZZ_ENTRY(fn)
#endif

/* Every target function (targets.def). */
#define T(name) int fuzz_##name(const uint8_t *data, size_t size);
#include "targets.def"
#undef T

/* Bytes as a NUL-terminated malloc'd string (embedded NULs kept). */
char *fuzz_cstr(const uint8_t *data, size_t size);

/* Split data at the first occurrence of the separator line "\n--\n":
 * *a gets the part before, *b the rest (or "" when absent); malloc'd. */
void fuzz_split2(const uint8_t *data, size_t size, char **a, size_t *alen, char **b,
		 size_t *blen);

/* A private scratch root directory for this process (created once, removed
 * at exit), emptied of everything fuzz_root_write() put there. */
const char *fuzz_root(void);
void fuzz_root_reset(void);
/* Write bytes to root/path (in-root absolute path), creating parents. */
void fuzz_root_write(const char *path, const char *bytes, size_t len);

#endif
