/* Tests for output escaping (escape.h; dockerd-listeners(1), ENCODING):
 * text escaping is reversible and its output is valid UTF-8 without control
 * characters or U+FFFE/U+FFFF; JSON replacement gives valid UTF-8 and the
 * hex carries the original bytes. Table cases plus a seeded random
 * round-trip over byte strings rich in backslashes, 'x' and bad bytes. */
#include "config.h"
#include "testutil.h"

#include "base/escape.h"
#include "base/text.h"
#define N_ELEMENTS(a) (sizeof(a) / sizeof((a)[0]))

/* The documented decoder: "\\" is one backslash, "\xHH" one byte, any other
 * backslash is itself. */
static char *decode_text(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n + 1), *o = out;
	assert_non_null(out);
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

static void check_text_output(const char *in, const char *out)
{
	size_t n = strlen(out);
	if (!text_utf8_is_valid(out, n, TEXT_UTF8_SCALAR))
		fail_msg("escape_text(\"%s\") is not valid UTF-8", in);
	for (size_t i = 0; i < n; i++)
		if (text_is_control(out[i]))
			fail_msg("escape_text output holds control byte 0x%02x", (unsigned char)out[i]);
	if (strstr(out, "\xef\xbf\xbe") || strstr(out, "\xef\xbf\xbf") || strstr(out, "\xc2\x9b"))
		fail_msg("escape_text output holds U+FFFE/U+FFFF/C1");
	char *back = decode_text(out);
	if (strcmp(back, in))
		fail_msg("round trip: \"%s\" -> \"%s\" -> \"%s\"", in, out, back);
	free(back);
}

static void test_text_cases(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "" },
		{ "plain -H tcp://0.0.0.0:2375", "plain -H tcp://0.0.0.0:2375" },
		{ "a\xff" "b", "a\\xffb" },
		{ "tab\there\n", "tab\\x09here\\x0a" },
		{ "\x1b[31m", "\\x1b[31m" },
		{ "caf\xc3\xa9", "caf\xc3\xa9" },		/* valid UTF-8 stays */
		{ "\xc2\x9b" "31m", "\\xc2\\x9b31m" },		/* C1 CSI */
		{ "\xef\xbf\xbe", "\\xef\\xbf\\xbe" },		/* U+FFFE */
		{ "\xed\xa0\x80", "\\xed\\xa0\\x80" },		/* a surrogate */
		{ "\xc0\xaf", "\\xc0\\xaf" },			/* overlong '/' */
		{ "ExecStart=dockerd \\", "ExecStart=dockerd \\" }, /* lone backslash kept */
		{ "-H\\ tcp", "-H\\ tcp" },
		{ "\\x41", "\\\\x41" },			/* a literal \x is doubled */
		{ "\\\\", "\\\\\\" },				/* two backslashes */
		{ "\\\xff", "\\\\\\xff" },			/* backslash before an escape */
		{ "\x7f", "\\x7f" },
	};
	for (size_t i = 0; i < N_ELEMENTS(cases); i++) {
		char *out = escape_text(cases[i].in);
		if (strcmp(out, cases[i].out))
			fail_msg("case %zu: got \"%s\", expected \"%s\"", i, out, cases[i].out);
		check_text_output(cases[i].in, out);
		free(out);
	}
	assert_null(escape_text(NULL));
}

static void test_json_cases(void **state)
{
	(void)state;
	assert_true(escape_utf8_valid("caf\xc3\xa9"));
	assert_true(escape_utf8_valid(NULL));
	assert_false(escape_utf8_valid("a\xff"));
	assert_false(escape_utf8_valid("\xed\xa0\x80"));
	char *r = escape_utf8_replace("a\xff" "b\xc3");
	assert_string_equal(r, "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	free(r);
	r = escape_hex("a\xff");
	assert_string_equal(r, "61ff");
	free(r);
}

/* Seeded random strings from an alphabet of the hard cases. */
static void test_random_round_trip(void **state)
{
	(void)state;
	static const char *const atoms[] = { "\\", "x", "\xff", "a", "\xc3", "\xa9", "\n",
					     "0",  "\xef\xbf\xbe", "\xe2\x82\xac", "\x80", "f" };
	unsigned seed = 12345;
	char buf[64];
	for (int iter = 0; iter < 20000; iter++) {
		size_t len = 0;
		int k = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 12;
		for (int j = 0; j < k; j++) {
			const char *a = atoms[((seed = seed * 1103515245u + 12345u) >> 16) % 12];
			size_t al = strlen(a);
			if (len + al >= sizeof(buf))
				break;
			memcpy(buf + len, a, al);
			len += al;
		}
		buf[len] = '\0';
		char *out = escape_text(buf);
		check_text_output(buf, out);
		free(out);
		char *rep = escape_utf8_replace(buf);
		assert_true(text_utf8_is_valid(rep, strlen(rep), TEXT_UTF8_SCALAR));
		free(rep);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_cases),
		cmocka_unit_test(test_json_cases),
		cmocka_unit_test(test_random_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
