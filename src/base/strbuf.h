/* A growing string, for the readers that build words and values a byte at
 * a time (exec_line.c, env_file.c, init_env.c). */
#ifndef DOCKERD_SCAP_STRBUF_H
#define DOCKERD_SCAP_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char *s;        /* NUL-terminated once anything was put; NULL before */
	size_t len, cap;
	size_t max;     /* bytes kept at most (0: no bound); beyond it, truncated */
	bool truncated;
	bool set;       /* something was put (a value may be empty and present) */
};

void strbuf_put(struct strbuf *b, const char *p, size_t n);
void strbuf_putc(struct strbuf *b, char c);
void strbuf_puts(struct strbuf *b, const char *s);
/* The string built so far ("" when nothing was put); the buffer is emptied
 * and keeps its bound. */
char *strbuf_steal(struct strbuf *b);

#endif
