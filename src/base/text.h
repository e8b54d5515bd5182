/* Small text primitives the source readers share: hex digits, ASCII
 * character classes, UTF-8 encoding, decoding and validation, C escapes,
 * and cutting evidence text on a character boundary. Domain-neutral: nothing here knows about
 * dockerd, units or listeners; each reader keeps its own grammar and only
 * asks these questions. */
#ifndef DOCKERD_SCAP_TEXT_H
#define DOCKERD_SCAP_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/contract.h"

/* Value of the hex digit c (0-9, a-f, A-F), or -1. */
int text_hex_digit(char c);

/* An ASCII control character: C0 (below 0x20) or DEL. What Go's url.Parse
 * refuses in a URL and systemd's string_is_safe() in a string; evidence
 * must not carry them raw to a terminal. */
bool text_is_control(char c);

/* Printable ASCII, 0x20 (space) to 0x7e: shown as itself in messages. */
bool text_is_printable_ascii(char c);

/* systemd's string_is_safe() (src/basic/string-util.c): no control
 * character, no quote ('"', '\'') and no backslash. */
bool text_string_is_safe(const char *s);

/* systemd's unichar_is_valid() (src/basic/utf8.c): at most U+10FFFF, not a
 * UTF-16 surrogate, not a non-character (U+FDD0..U+FDEF, U+xxFFFE/F). */
bool text_unichar_is_valid(uint32_t c);

/* A Unicode scalar value (RFC 3629): at most U+10FFFF and not a
 * surrogate; non-characters allowed. */
bool text_unichar_is_scalar(uint32_t c);

/* UTF-8 encoding of c into out (room for 4 bytes); returns its length, 0
 * for c >= 0x200000. Like systemd's utf8_encode_unichar() it encodes any
 * value it is given (a surrogate too): callers check validity first. */
size_t text_utf8_encode(char out[4], uint32_t c);

/* Decode one UTF-8 sequence at s (n > 0 bytes available). Returns its
 * length (1-4) and the code point in *cp, or 0 when it is not a
 * well-formed shortest-form sequence of a Unicode scalar value (bad lead
 * or continuation byte, truncated, overlong, a surrogate, above U+10FFFF). */
size_t text_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Which code points text_utf8_invalid_at()/text_utf8_is_valid() accept. */
enum text_utf8_rule {
	/* systemd's utf8_is_valid(): scalar values that also pass
	 * text_unichar_is_valid() (no non-characters). */
	TEXT_UTF8_SYSTEMD,
	/* Any Unicode scalar value (RFC 3629; Go's utf8.Valid). */
	TEXT_UTF8_SCALAR,
};

/* Offset of the first byte of s[0..n) that does not start a valid sequence
 * under rule, or n when all of it is valid. NUL bytes are valid (ASCII). */
size_t text_utf8_invalid_at(const char *s, size_t n, enum text_utf8_rule rule);

/* True when all of s[0..n) is valid UTF-8 under rule. */
bool text_utf8_is_valid(const char *s, size_t n, enum text_utf8_rule rule);

/* Length of s[0..len) cut to at most max bytes on a UTF-8 character
 * boundary: len itself when len <= max, otherwise the largest offset <= max
 * where s does not hold a continuation byte (so a multi-byte character is
 * dropped whole, never split). Evidence text is bounded this way. */
size_t text_utf8_cut(const char *s, size_t len, size_t max);

/* How text_cunescape_one() checks the code point of \u and \U. */
enum text_cunescape_rule {
	/* systemd's cunescape_one() (src/basic/escape.c, v252): \u takes any
	 * non-zero value (a surrogate is encoded as is), \U must also pass
	 * unichar_is_valid(). */
	TEXT_CUNESCAPE_SYSTEMD,
	/* \u and \U must both be a non-zero Unicode scalar value
	 * (text_unichar_is_scalar()); non-characters are allowed. */
	TEXT_CUNESCAPE_SCALAR,
};

/* Decode one C escape; p points just after the backslash. Returns the
 * number of characters consumed after the backslash with the decoded bytes
 * in out (length in *outlen, at most 4), or -EINVAL for what cunescape_one()
 * refuses: an unknown letter, a short \x, \u, \U or octal sequence, a value
 * of zero (NUL is never produced), an octal value over 255, or a \u/\U code
 * point the rule rejects. \xHH and octal give a raw byte, \u and \U UTF-8. */
_must_check_ int text_cunescape_one(const char *p, char out[4], size_t *outlen,
				    enum text_cunescape_rule rule);

/* s begins (ends) with prefix (suffix). */
bool str_startswith(const char *s, const char *prefix);
bool str_endswith(const char *s, const char *suffix);
/* Parse a decimal unsigned integer in [min,max]; whole string must match.
 * Returns 0, -EINVAL (not a number) or -ERANGE. */
_must_check_ int parse_uint(const char *s, unsigned long min, unsigned long max, unsigned long *out);

#endif
