/* Output escaping; see escape.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/alloc.h"
#include "base/text.h"
/* Length of the character at s that text output shows as itself, or 0 when
 * its first byte is written as \xHH. */
static size_t text_char_len(const char *s, size_t n)
{
	uint32_t cp;
	size_t l = text_utf8_decode(s, n, &cp);
	if (l == 0)
		return 0;
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0xfffe || cp == 0xffff)
		return 0;
	return l;
}

char *escape_text(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	/* Worst case: every byte becomes \xHH (4 bytes). */
	if (n > ((size_t)-1 - 1) / 4)
		abort();
	char *out = xmalloc(4 * n + 1), *o = out;
	size_t i = 0;
	while (i < n) {
		size_t l = text_char_len(s + i, n - i);
		if (l == 0) {
			static const char hex[] = "0123456789abcdef";
			unsigned char b = (unsigned char)s[i++];
			*o++ = '\\', *o++ = 'x', *o++ = hex[b >> 4], *o++ = hex[b & 15];
			continue;
		}
		if (s[i] == '\\') {
			/* Doubled when the next output starts with 'x' or '\'. */
			bool dbl = i + 1 < n && (s[i + 1] == 'x' || s[i + 1] == '\\' ||
						 text_char_len(s + i + 1, n - i - 1) == 0);
			*o++ = '\\';
			if (dbl)
				*o++ = '\\';
			i++;
			continue;
		}
		memcpy(o, s + i, l);
		o += l, i += l;
	}
	*o = '\0';
	return out;
}

void escape_text_put(FILE *out, const char *s)
{
	char *e = escape_text(s ? s : "");
	fputs(e, out);
	free(e);
}

bool escape_utf8_valid(const char *s)
{
	return !s || text_utf8_is_valid(s, strlen(s), TEXT_UTF8_SCALAR);
}

char *escape_utf8_replace(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	/* Worst case: every byte becomes U+FFFD (3 bytes). */
	if (n > ((size_t)-1 - 1) / 3)
		abort();
	char *out = xmalloc(3 * n + 1), *o = out;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t l = text_utf8_decode(s + i, n - i, &cp);
		if (l == 0) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3, i++;
		} else {
			memcpy(o, s + i, l);
			o += l, i += l;
		}
	}
	*o = '\0';
	return out;
}

char *escape_hex(const char *s)
{
	if (!s)
		return NULL;
	static const char hex[] = "0123456789abcdef";
	size_t n = strlen(s);
	if (n > ((size_t)-1 - 1) / 2)
		abort();
	char *out = xmalloc(2 * n + 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		out[2 * i] = hex[b >> 4];
		out[2 * i + 1] = hex[b & 15];
	}
	out[2 * n] = '\0';
	return out;
}
