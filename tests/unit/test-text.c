/* Tests for the shared text primitives: hex digits, code point validity
 * (systemd's unichar_is_valid() and plain scalar values), ASCII control and
 * printable classes and systemd's string_is_safe(), UTF-8 encoding,
 * decoding and validation under both rules, cutting evidence text on a
 * character boundary, and C escapes under both \u/\U rules. Edge cases
 * follow systemd's test-utf8.c and test-escape.c (v252) and Go's
 * unicode/utf8 tests. */
#include "config.h"
#include "testutil.h"

#include "base/text.h"
#define N_ELEMENTS(a) (sizeof(a) / sizeof((a)[0]))

static void test_hex_digit(void **state)
{
	(void)state;
	static const struct {
		char c;
		int value;
	} cases[] = {
		{ '0', 0 },   { '9', 9 },   { 'a', 10 },  { 'f', 15 }, { 'A', 10 }, { 'F', 15 },
		{ 'g', -1 },  { 'G', -1 },  { '/', -1 },  { ':', -1 }, { '@', -1 }, { '`', -1 },
		{ ' ', -1 },  { '\0', -1 }, { 'x', -1 },  { (char)0xff, -1 },
	};
	for (size_t i = 0; i < N_ELEMENTS(cases); i++)
		if (text_hex_digit(cases[i].c) != cases[i].value)
			fail_msg("case %zu (0x%02x): got %d, expected %d", i,
				 (unsigned char)cases[i].c, text_hex_digit(cases[i].c), cases[i].value);
}

static void test_char_classes(void **state)
{
	(void)state;
	static const struct {
		char c;
		bool control, printable;
	} cases[] = {
		{ '\0', true, false },	 { '\t', true, false },   { '\n', true, false },
		{ '\x1b', true, false }, { '\x1f', true, false }, { ' ', false, true },
		{ 'a', false, true },	 { '~', false, true },	  { '\x7f', true, false },
		{ (char)0x80, false, false }, /* bytes of UTF-8 text are neither */
		{ (char)0x9b, false, false }, /* C1 CSI: not an ASCII control */
		{ (char)0xff, false, false },
	};
	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		if (text_is_control(cases[i].c) != cases[i].control)
			fail_msg("0x%02x: control %d", (unsigned char)cases[i].c,
				 text_is_control(cases[i].c));
		if (text_is_printable_ascii(cases[i].c) != cases[i].printable)
			fail_msg("0x%02x: printable %d", (unsigned char)cases[i].c,
				 text_is_printable_ascii(cases[i].c));
	}

	/* string_is_safe() cases after systemd's test-string-util.c. */
	static const struct {
		const char *s;
		bool safe;
	} strings[] = {
		{ "", true },
		{ "/usr/bin/dockerd", true },
		{ "Service", true },
		{ "caf\xc3\xa9 space ok", true },
		{ "tab\there", false },
		{ "nl\n", false },
		{ "del\x7f", false },
		{ "quote\"", false },
		{ "apostrophe'", false },
		{ "back\\slash", false },
	};
	for (size_t i = 0; i < N_ELEMENTS(strings); i++)
		if (text_string_is_safe(strings[i].s) != strings[i].safe)
			fail_msg("string %zu: safe %d, expected %d", i,
				 text_string_is_safe(strings[i].s), strings[i].safe);
}

static void test_unichar(void **state)
{
	(void)state;
	static const struct {
		uint32_t c;
		bool valid;  /* text_unichar_is_valid() (systemd) */
		bool scalar; /* text_unichar_is_scalar() */
	} cases[] = {
		{ 0x0, true, true },
		{ 0x41, true, true },
		{ 0xD7FF, true, true },
		{ 0xD800, false, false }, /* surrogates */
		{ 0xDBFF, false, false },
		{ 0xDC00, false, false },
		{ 0xDFFF, false, false },
		{ 0xE000, true, true },
		{ 0xFDCF, true, true },
		{ 0xFDD0, false, true }, /* non-characters: systemd refuses them */
		{ 0xFDEF, false, true },
		{ 0xFDF0, true, true },
		{ 0xFFFD, true, true },
		{ 0xFFFE, false, true },
		{ 0xFFFF, false, true },
		{ 0x10000, true, true },
		{ 0x1FFFE, false, true },
		{ 0x1FFFF, false, true },
		{ 0x10FFFD, true, true },
		{ 0x10FFFF, false, true },
		{ 0x110000, false, false }, /* beyond Unicode */
		{ 0xFFFFFFFF, false, false },
	};
	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		if (text_unichar_is_valid(cases[i].c) != cases[i].valid)
			fail_msg("U+%04X: valid %d, expected %d", cases[i].c,
				 text_unichar_is_valid(cases[i].c), cases[i].valid);
		if (text_unichar_is_scalar(cases[i].c) != cases[i].scalar)
			fail_msg("U+%04X: scalar %d, expected %d", cases[i].c,
				 text_unichar_is_scalar(cases[i].c), cases[i].scalar);
	}
}

static void test_utf8_encode(void **state)
{
	(void)state;
	static const struct {
		uint32_t c;
		const char *bytes;
		size_t len;
	} cases[] = {
		{ 0x0, "\0", 1 },
		{ 0x41, "A", 1 },
		{ 0x7F, "\x7f", 1 },
		{ 0x80, "\xc2\x80", 2 },
		{ 0xDF, "\xc3\x9f", 2 },
		{ 0x7FF, "\xdf\xbf", 2 },
		{ 0x800, "\xe0\xa0\x80", 3 },
		/* a surrogate is encoded as is, like utf8_encode_unichar() */
		{ 0xD800, "\xed\xa0\x80", 3 },
		{ 0xFFFF, "\xef\xbf\xbf", 3 },
		{ 0x10000, "\xf0\x90\x80\x80", 4 },
		{ 0x1D11E, "\xf0\x9d\x84\x9e", 4 },
		{ 0x10FFFF, "\xf4\x8f\xbf\xbf", 4 },
		{ 0x1FFFFF, "\xf7\xbf\xbf\xbf", 4 },
		{ 0x200000, "", 0 },
	};
	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		char out[4] = { 'X', 'X', 'X', 'X' };
		size_t len = text_utf8_encode(out, cases[i].c);
		if (len != cases[i].len)
			fail_msg("U+%04X: length %zu, expected %zu", cases[i].c, len, cases[i].len);
		assert_memory_equal(out, cases[i].bytes, len);
	}
}

static void test_utf8_decode(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t n;
		size_t len; /* 0: not a valid sequence */
		uint32_t cp;
	} cases[] = {
		{ "A", 1, 1, 0x41 },
		{ "\0", 1, 1, 0 },
		{ "\xc3\xa9x", 3, 2, 0xE9 },
		{ "\xe3\x80\x80", 3, 3, 0x3000 }, /* ideographic space */
		{ "\xf0\x9f\x98\x80", 4, 4, 0x1F600 },
		{ "\xef\xbf\xbe", 3, 3, 0xFFFE }, /* a non-character decodes */
		{ "\xf4\x8f\xbf\xbf", 4, 4, 0x10FFFF },
		{ "", 0, 0, 0 },
		{ "\x80", 1, 0, 0 },		  /* lone continuation byte */
		{ "\xbf", 1, 0, 0 },
		{ "\xc3", 1, 0, 0 },		  /* truncated */
		{ "\xe3\x80", 2, 0, 0 },
		{ "\xf0\x9f\x98", 3, 0, 0 },
		{ "\xc3\xa9", 1, 0, 0 },	  /* n bounds the read */
		{ "\xc3(", 2, 0, 0 },		  /* bad continuation */
		{ "\xe3\x80(", 3, 0, 0 },
		{ "\xc0\x80", 2, 0, 0 },	  /* overlong NUL */
		{ "\xc1\xbf", 2, 0, 0 },
		{ "\xe0\x9f\xbf", 3, 0, 0 },	  /* overlong U+07FF */
		{ "\xf0\x8f\xbf\xbf", 4, 0, 0 }, /* overlong U+FFFF */
		{ "\xed\xa0\x80", 3, 0, 0 },	  /* surrogate U+D800 */
		{ "\xed\xbf\xbf", 3, 0, 0 },	  /* surrogate U+DFFF */
		{ "\xf4\x90\x80\x80", 4, 0, 0 }, /* U+110000 */
		{ "\xf5\x80\x80\x80", 4, 0, 0 },
		{ "\xf8\x88\x80\x80\x80", 5, 0, 0 }, /* 5-byte form */
		{ "\xff", 1, 0, 0 },
	};
	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		uint32_t cp = 0xDEADBEEF;
		size_t len = text_utf8_decode(cases[i].s, cases[i].n, &cp);
		if (len != cases[i].len)
			fail_msg("case %zu: length %zu, expected %zu", i, len, cases[i].len);
		if (len > 0 && cp != cases[i].cp)
			fail_msg("case %zu: U+%04X, expected U+%04X", i, cp, cases[i].cp);
	}
}

static void test_utf8_validity(void **state)
{
	(void)state;
	/* Offset of the first invalid byte under each rule (n: all valid). */
	static const struct {
		const char *s;
		size_t n;
		size_t bad_systemd, bad_scalar;
	} cases[] = {
		{ "", 0, 0, 0 },
		{ "plain ascii", 11, 11, 11 },
		{ "nul\0inside", 10, 10, 10 },
		{ "caf\xc3\xa9", 5, 5, 5 },
		{ "\xf0\x9f\x98\x80!", 5, 5, 5 },
		{ "ab\x80", 3, 2, 2 },
		{ "ab\xc3", 3, 2, 2 },
		{ "a\xc0\xaf", 3, 1, 1 },
		{ "abc\xed\xa0\x80", 6, 3, 3 },
		/* non-characters: systemd's utf8_is_valid() refuses them, a
		 * scalar value rule (Go's utf8.Valid) does not */
		{ "x\xef\xbf\xbey", 5, 1, 5 },
		{ "x\xef\xb7\x90", 4, 1, 4 }, /* U+FDD0 */
		{ "\xf4\x8f\xbf\xbf", 4, 0, 4 }, /* U+10FFFF */
		{ "\xf4\x8f\xbf\xbd", 4, 4, 4 }, /* U+10FFFD */
		{ "\xf4\x90\x80\x80", 4, 0, 0 },
		{ "ok\xef\xbf\xbe\xff", 6, 2, 5 },
	};
	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		size_t a = text_utf8_invalid_at(cases[i].s, cases[i].n, TEXT_UTF8_SYSTEMD);
		size_t b = text_utf8_invalid_at(cases[i].s, cases[i].n, TEXT_UTF8_SCALAR);
		if (a != cases[i].bad_systemd)
			fail_msg("case %zu systemd: %zu, expected %zu", i, a, cases[i].bad_systemd);
		if (b != cases[i].bad_scalar)
			fail_msg("case %zu scalar: %zu, expected %zu", i, b, cases[i].bad_scalar);
		assert_int_equal(text_utf8_is_valid(cases[i].s, cases[i].n, TEXT_UTF8_SYSTEMD),
				 a == cases[i].n);
		assert_int_equal(text_utf8_is_valid(cases[i].s, cases[i].n, TEXT_UTF8_SCALAR),
				 b == cases[i].n);
	}
}

static void test_utf8_cut(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t max, cut;
	} cases[] = {
		{ "", 0, 0 },
		{ "abc", 3, 3 },
		{ "abc", 10, 3 },
		{ "abcdef", 4, 4 },
		{ "abcdef", 0, 0 },
		{ "ab\xc3\xa9z", 4, 4 },	  /* the cut falls after é */
		{ "ab\xc3\xa9z", 3, 2 },	  /* inside é: dropped whole */
		{ "a\xe2\x82\xac", 3, 1 },	  /* inside € */
		{ "a\xe2\x82\xac", 2, 1 },
		{ "a\xe2\x82\xac", 4, 4 },
		{ "\xf0\x9f\x98\x80", 3, 0 }, /* nothing left */
		{ "\xf0\x9f\x98\x80xy", 4, 4 },
		/* stray continuation bytes: the byte before them goes too, as
		 * if it led a (broken) character */
		{ "ab\x80\x80\x80\x80", 4, 1 },
	};
	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		size_t got = text_utf8_cut(cases[i].s, strlen(cases[i].s), cases[i].max);
		if (got != cases[i].cut)
			fail_msg("case %zu: cut %zu, expected %zu", i, got, cases[i].cut);
	}
}

static void test_cunescape_one(void **state)
{
	(void)state;
	/* Input after the backslash; the result under the systemd rule and
	 * under the scalar rule: characters consumed (or -EINVAL) and bytes. */
	static const struct {
		const char *in;
		int used_systemd;
		int used_scalar;
		const char *bytes;
		size_t len;
	} cases[] = {
		{ "n", 1, 1, "\n", 1 },
		{ "a", 1, 1, "\a", 1 },
		{ "b", 1, 1, "\b", 1 },
		{ "f", 1, 1, "\f", 1 },
		{ "r", 1, 1, "\r", 1 },
		{ "t", 1, 1, "\t", 1 },
		{ "v", 1, 1, "\v", 1 },
		{ "\\x", 1, 1, "\\", 1 },
		{ "\"", 1, 1, "\"", 1 },
		{ "'", 1, 1, "'", 1 },
		{ "s", 1, 1, " ", 1 },
		{ "q", -EINVAL, -EINVAL, "", 0 },
		{ "", -EINVAL, -EINVAL, "", 0 },
		{ "?", -EINVAL, -EINVAL, "", 0 },
		{ "x41rest", 3, 3, "A", 1 },
		{ "xff", 3, 3, "\xff", 1 }, /* a raw byte, not UTF-8 */
		{ "x00", -EINVAL, -EINVAL, "", 0 },
		{ "x4", -EINVAL, -EINVAL, "", 0 },
		{ "x", -EINVAL, -EINVAL, "", 0 },
		{ "xg1", -EINVAL, -EINVAL, "", 0 },
		{ "u00DF", 5, 5, "\xc3\x9f", 2 },
		{ "u20ac!", 5, 5, "\xe2\x82\xac", 3 },
		{ "u0000", -EINVAL, -EINVAL, "", 0 },
		{ "u12", -EINVAL, -EINVAL, "", 0 },
		{ "u12x4", -EINVAL, -EINVAL, "", 0 },
		/* \u is unchecked by systemd: a surrogate is encoded as is */
		{ "uD800", 5, -EINVAL, "\xed\xa0\x80", 3 },
		{ "uFFFE", 5, 5, "\xef\xbf\xbe", 3 },
		{ "U0001D11E", 9, 9, "\xf0\x9d\x84\x9e", 4 },
		{ "U00000041", 9, 9, "A", 1 },
		{ "U00000000", -EINVAL, -EINVAL, "", 0 },
		{ "U0000D800", -EINVAL, -EINVAL, "", 0 },
		/* \U checks unichar_is_valid() in systemd: no non-characters */
		{ "U0000FFFE", -EINVAL, 9, "\xef\xbf\xbe", 3 },
		{ "U0010FFFF", -EINVAL, 9, "\xf4\x8f\xbf\xbf", 4 },
		{ "U00110000", -EINVAL, -EINVAL, "", 0 },
		{ "UFFFFFFFF", -EINVAL, -EINVAL, "", 0 },
		{ "U0001D11", -EINVAL, -EINVAL, "", 0 },
		{ "101", 3, 3, "A", 1 },
		{ "377", 3, 3, "\xff", 1 },
		{ "000", -EINVAL, -EINVAL, "", 0 },
		{ "400", -EINVAL, -EINVAL, "", 0 },
		{ "12", -EINVAL, -EINVAL, "", 0 },
		{ "18", -EINVAL, -EINVAL, "", 0 },
		{ "8", -EINVAL, -EINVAL, "", 0 },
	};
	static const enum text_cunescape_rule rules[] = { TEXT_CUNESCAPE_SYSTEMD,
							   TEXT_CUNESCAPE_SCALAR };
	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		for (size_t r = 0; r < N_ELEMENTS(rules); r++) {
			int want = r == 0 ? cases[i].used_systemd : cases[i].used_scalar;
			char out[4] = { 0 };
			size_t len = 99;
			int got = text_cunescape_one(cases[i].in, out, &len, rules[r]);
			if (got != want)
				fail_msg("\\%s (rule %zu): %d, expected %d", cases[i].in, r, got, want);
			if (got < 0)
				continue;
			if (len != cases[i].len)
				fail_msg("\\%s (rule %zu): %zu bytes, expected %zu", cases[i].in, r,
					 len, cases[i].len);
			assert_memory_equal(out, cases[i].bytes, len);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hex_digit),
		cmocka_unit_test(test_char_classes),
		cmocka_unit_test(test_unichar),
		cmocka_unit_test(test_utf8_encode),
		cmocka_unit_test(test_utf8_decode),
		cmocka_unit_test(test_utf8_validity),
		cmocka_unit_test(test_utf8_cut),
		cmocka_unit_test(test_cunescape_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
