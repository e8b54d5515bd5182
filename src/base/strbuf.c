/* A growing string (strbuf.h). Out of memory aborts, as everywhere
 * (base/alloc.h). */
#include "config.h"

#include <string.h>

#include "base/alloc.h"
#include "base/strbuf.h"
void strbuf_put(struct strbuf *b, const char *p, size_t n)
{
	b->set = true;
	if (b->max && n > b->max - b->len) {
		n = b->max - b->len;
		b->truncated = true;
	}
	grow_array(&b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void strbuf_putc(struct strbuf *b, char c)
{
	strbuf_put(b, &c, 1);
}

void strbuf_puts(struct strbuf *b, const char *s)
{
	strbuf_put(b, s, strlen(s));
}

char *strbuf_steal(struct strbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	size_t max = b->max;
	memset(b, 0, sizeof(*b));
	b->max = max;
	return s;
}
