/* Output escaping: every output format stays valid for any input bytes.
 * Evidence, messages, paths and argv come from files of the scanned root,
 * which may hold any bytes; the schemes are documented in
 * dockerd-listeners(1), section ENCODING. */
#ifndef DOCKERD_SCAP_ESCAPE_H
#define DOCKERD_SCAP_ESCAPE_H

#include <stdbool.h>
#include <stdio.h>

/* Text output (and so the SCE stdout oscap stores in an ARF): s with every
 * byte that is not part of a printable UTF-8 character written as \xHH.
 * Escaped: bytes that do not start a well-formed UTF-8 sequence of a
 * Unicode scalar value, ASCII controls (C0 and DEL, so newline and tab
 * too), C1 controls (U+0080..U+009F, which some terminals obey) and
 * U+FFFE/U+FFFF (not XML 1.0 characters). A backslash is doubled when what
 * follows it starts with 'x' or a backslash (an escape included), so the
 * text decodes back to the original bytes: "\\" is one backslash, "\xHH"
 * one byte, any other backslash is itself. Returns a malloc'd string. */
char *escape_text(const char *s);
void escape_text_put(FILE *out, const char *s);

/* True when s is valid UTF-8 (Unicode scalar values, RFC 3629). */
bool escape_utf8_valid(const char *s);

/* JSON output: s with each byte that does not start a well-formed UTF-8
 * sequence replaced by U+FFFD (malloc'd). */
char *escape_utf8_replace(const char *s);

/* Lowercase hex of the bytes of s (malloc'd): the exact original, carried
 * in a "<field>_hex" member next to a replaced JSON string. */
char *escape_hex(const char *s);

#endif
