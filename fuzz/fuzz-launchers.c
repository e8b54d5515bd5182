/* Fuzz target: launcher line recognition (launchers.c) under each syntax,
 * and the output escaping (escape.c) with its round-trip and validity
 * properties checked: a violation aborts. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "fuzz.h"
#include "read/launchers.h"
#include "base/text.h"
static char *unescape(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n + 1), *o = out;
	if (!out)
		abort();
	for (size_t i = 0; i < n;) {
		if (s[i] == '\\' && s[i + 1] == '\\') {
			*o++ = '\\', i += 2;
		} else if (s[i] == '\\' && s[i + 1] == 'x' && text_hex_digit(s[i + 2]) >= 0 &&
			   text_hex_digit(s[i + 3]) >= 0) {
			*o++ = (char)(text_hex_digit(s[i + 2]) * 16 + text_hex_digit(s[i + 3]));
			i += 4;
		} else {
			*o++ = s[i++];
		}
	}
	*o = '\0';
	return out;
}

int fuzz_launchers(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	(void)launcher_line_starts_dockerd(s, size, LAUNCHER_SHELL);
	(void)launcher_line_starts_dockerd(s, size, LAUNCHER_INI);
	(void)launcher_line_starts_dockerd(s, size, LAUNCHER_UNIT);
	char *c = fuzz_cstr(data, size);
	char *e = escape_text(c);
	size_t elen = strlen(e);
	if (!text_utf8_is_valid(e, elen, TEXT_UTF8_SCALAR))
		abort();
	for (size_t i = 0; i < elen; i++)
		if (text_is_control(e[i]))
			abort();
	char *back = unescape(e);
	if (strcmp(back, c))
		abort();
	char *rep = escape_utf8_replace(c);
	if (!text_utf8_is_valid(rep, strlen(rep), TEXT_UTF8_SCALAR))
		abort();
	free(rep);
	free(back);
	free(e);
	free(c);
	return 0;
}
FUZZ_ENTRY(fuzz_launchers)
