/* Small text primitives shared by the source readers; see text.h. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "base/text.h"
int text_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool text_is_control(char c)
{
	unsigned char u = (unsigned char)c;
	return u < 0x20 || u == 0x7f;
}

bool text_is_printable_ascii(char c)
{
	unsigned char u = (unsigned char)c;
	return u >= 0x20 && u <= 0x7e;
}

bool text_string_is_safe(const char *s)
{
	for (; *s; s++)
		if (text_is_control(*s) || *s == '"' || *s == '\'' || *s == '\\')
			return false;
	return true;
}

bool text_unichar_is_scalar(uint32_t c)
{
	return c < 0x110000 && (c & 0xFFFFF800) != 0xD800;
}

bool text_unichar_is_valid(uint32_t c)
{
	if (!text_unichar_is_scalar(c))
		return false;
	if (c >= 0xFDD0 && c <= 0xFDEF)
		return false;
	if ((c & 0xFFFE) == 0xFFFE)
		return false;
	return true;
}

size_t text_utf8_encode(char out[4], uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	if (c < 0x200000) {
		out[0] = (char)(0xF0 | (c >> 18));
		out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[3] = (char)(0x80 | (c & 0x3F));
		return 4;
	}
	return 0;
}

size_t text_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len;
	uint32_t u, min;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2;
		u = s[0] & 0x1F;
		min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3;
		u = s[0] & 0x0F;
		min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4;
		u = s[0] & 0x07;
		min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		u = (u << 6) | (s[k] & 0x3F);
	}
	if (u < min || !text_unichar_is_scalar(u))
		return 0;
	*cp = u;
	return len;
}

size_t text_utf8_invalid_at(const char *s, size_t n, enum text_utf8_rule rule)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t l = text_utf8_decode(s + i, n - i, &cp);
		if (l == 0 || (rule == TEXT_UTF8_SYSTEMD && !text_unichar_is_valid(cp)))
			return i;
		i += l;
	}
	return n;
}

bool text_utf8_is_valid(const char *s, size_t n, enum text_utf8_rule rule)
{
	return text_utf8_invalid_at(s, n, rule) == n;
}

size_t text_utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	size_t e = max;
	while (e > 0 && ((unsigned char)s[e] & 0xC0) == 0x80)
		e--;
	return e;
}

int text_cunescape_one(const char *p, char out[4], size_t *outlen, enum text_cunescape_rule rule)
{
	static const char simple_from[] = "abfnrtv\\\"'s";
	static const char simple_to[] = "\a\b\f\n\r\t\v\\\"' ";
	const char *s;

	if (*p == '\0')
		return -EINVAL;
	s = strchr(simple_from, *p);
	if (s) {
		out[0] = simple_to[s - simple_from];
		*outlen = 1;
		return 1;
	}
	if (*p == 'x') {
		int a = text_hex_digit(p[1]), b = a < 0 ? -1 : text_hex_digit(p[2]);
		if (a < 0 || b < 0 || (a == 0 && b == 0))
			return -EINVAL;
		out[0] = (char)((a << 4) | b); /* a raw byte */
		*outlen = 1;
		return 3;
	}
	if (*p == 'u' || *p == 'U') {
		size_t n = *p == 'u' ? 4 : 8;
		uint32_t c = 0;
		for (size_t i = 1; i <= n; i++) {
			int h = text_hex_digit(p[i]);
			if (h < 0)
				return -EINVAL;
			c = (c << 4) | (uint32_t)h;
		}
		if (c == 0)
			return -EINVAL;
		if (rule == TEXT_CUNESCAPE_SCALAR ? !text_unichar_is_scalar(c)
						   : *p == 'U' && !text_unichar_is_valid(c))
			return -EINVAL;
		*outlen = text_utf8_encode(out, c);
		return (int)n + 1;
	}
	if (*p >= '0' && *p <= '7') {
		unsigned v = 0;
		for (size_t i = 0; i < 3; i++) {
			if (p[i] < '0' || p[i] > '7')
				return -EINVAL;
			v = (v << 3) | (unsigned)(p[i] - '0');
		}
		if (v == 0 || v > 255)
			return -EINVAL;
		out[0] = (char)v;
		*outlen = 1;
		return 3;
	}
	return -EINVAL;
}

bool str_startswith(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_endswith(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

int parse_uint(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;
	if (!s || !*s)
		return -EINVAL;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		unsigned d = (unsigned)(*p - '0');
		if (d > max || v > (max - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	if (v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}
