/* Memory: allocation that aborts on failure (the one out-of-memory policy:
 * a scanner that cannot allocate cannot report honestly, so it stops with a
 * message instead of dropping a fact), scope-bound free, array growth. */
#ifndef DOCKERD_SCAP_ALLOC_H
#define DOCKERD_SCAP_ALLOC_H

#include <stdarg.h>
#include <stddef.h>

#define _cleanup_(f) __attribute__((cleanup(f)))
void freep(void *p); /* free(*(void **)p) */
#define _cleanup_free_ _cleanup_(freep)

/* Allocation failure is not recoverable in a scanner: abort with a message. */
_Noreturn void oom(void);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);       /* NULL stays NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* Grow *items (element size elsize) so that it holds at least need elements. */
void grow_array(void *items, size_t *cap, size_t need, size_t elsize);

#endif
