/* EnvironmentFile= files as systemd 252 reads them (systemd.exec(5)
 * EnvironmentFile=).
 *
 * The grammar is systemd's parse_env_file_internal() state machine
 * (src/basic/env-file.c, v252), reproduced character by character, then what
 * the service manager does with the result (src/core/execute.c
 * exec_context_load_environment(): load_env_file() then
 * strv_env_clean_with_callback()):
 *
 *  - A line whose first non-blank character is "#" or ";" is a comment. A
 *    comment that ends with a backslash swallows the next line too (changed
 *    in systemd 254; 252 still does it): reported, since it hides a setting.
 *  - KEY=VALUE: blanks around the key are dropped; a line without "=" is
 *    silently ignored by systemd (reported here). There is no "export" and
 *    no inline comment.
 *  - After "=", blanks are skipped; then, any number of times:
 *    '...' is literal (newlines included); "..." is literal except that a
 *    backslash before one of  " \ ` $  gives that character, a
 *    backslash-newline is dropped and any other backslash stays; outside
 *    quotes, a backslash gives the next character as is, a backslash-newline
 *    is dropped (continuation), and trailing blanks are removed. A quote in the
 *    middle of an unquoted value is an ordinary character.
 *  - Later assignments of a name replace earlier ones.
 *  - A key or value that is not valid UTF-8, or a NUL byte anywhere, makes
 *    systemd refuse the whole file (load_env_file() fails: with a "-" prefix
 *    the file is skipped, otherwise the service does not start): -EBADMSG.
 *  - A name that is not [A-Za-z_][A-Za-z0-9_]* is dropped with a log
 *    message ("Ignoring invalid environment assignment"): a problem here.
 *
 * Evidence of each variable: source "environment-file", the file, the line
 * where the assignment starts, and its text as written (up to 512 bytes). */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/exec_line.h"
#include "base/alloc.h"
#include "base/evidence.h"
#include "base/problems.h"
#include "base/words.h"
#include "read/env_file.h"
#include "base/strbuf.h"
#include "base/text.h"
#define ENV_FILE_TEXT_MAX 512u  /* bytes of an assignment kept as evidence text */
#define ENV_FILE_NAME_SHOWN 64u /* bytes of a bad name quoted in a message */
/* Hostile-input bounds (systemd has none; a real file has a few lines): more
 * assignments than this and the file is not evaluated (-E2BIG); problems past
 * the cap are summed up in one. */
#define ENV_FILE_MAX_ASSIGNMENTS 4096u
#define ENV_FILE_MAX_PROBLEMS 64u

#define WHITESPACE " \t\n\r"
#define NEWLINE "\n\r"
#define COMMENTS "#;"
/* Characters a backslash escapes inside "..." (systemd's SHELL_NEED_ESCAPE). */
#define SHELL_NEED_ESCAPE "\"\\`$"

/* One KEY=VALUE as the parser pushes it. */
struct assignment {
	char *key;
	char *value;   /* NULL when nothing followed "=" (systemd stores "") */
	size_t keylen, valuelen;
	unsigned line; /* where the key starts */
	size_t start, end;
};

struct assignment_list {
	struct assignment *items;
	size_t count, cap;
};

static void assignment_list_clear(struct assignment_list *l)
{
	for (size_t i = 0; i < l->count; i++) {
		free(l->items[i].key);
		free(l->items[i].value);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* ---------------------------------------------------------------- checks */

/* systemd's env_name_is_valid() (bash's rule). */
static bool env_name_is_valid(const char *s, size_t n)
{
	if (n == 0 || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_'))
			return false;
	}
	return true;
}

/* A short printable rendering of untrusted bytes for a message. */
static char *excerpt(const char *s, size_t n)
{
	size_t shown = n < ENV_FILE_NAME_SHOWN ? n : ENV_FILE_NAME_SHOWN;
	char *out = xmalloc(shown * 4 + 4);
	char *o = out;

	for (size_t i = 0; i < shown; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!text_is_printable_ascii((char)c) || c == '"' || c == '\\') {
			static const char hex[] = "0123456789abcdef";
			*o++ = '\\';
			*o++ = 'x';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		} else
			*o++ = (char)c;
	}
	if (shown < n) {
		memcpy(o, "...", 3);
		o += 3;
	}
	*o = '\0';
	return out;
}

/* The assignment as written: trailing blanks dropped, at most
 * ENV_FILE_TEXT_MAX bytes, cut on a UTF-8 character boundary. */
static char *assignment_text(const char *text, size_t start, size_t end)
{
	while (end > start && strchr(WHITESPACE, text[end - 1]))
		end--;
	return xstrndup(text + start, text_utf8_cut(text + start, end - start, ENV_FILE_TEXT_MAX));
}

/* ---------------------------------------------------------------- parser */

enum env_state {
	PRE_KEY,
	KEY,
	PRE_VALUE,
	VALUE,
	VALUE_ESCAPE,
	SINGLE_QUOTE_VALUE,
	DOUBLE_QUOTE_VALUE,
	DOUBLE_QUOTE_VALUE_ESCAPE,
	COMMENT,
	COMMENT_ESCAPE,
};

struct parser {
	const char *text;
	const char *path;
	struct assignment_list out;
	struct dl_problem_list notes; /* line-level problems, dropped if the file is refused */
	size_t notes_dropped;         /* past ENV_FILE_MAX_PROBLEMS */
	bool too_many;                /* more than ENV_FILE_MAX_ASSIGNMENTS */
	struct strbuf key, value;
	size_t last_key_ws, last_value_ws; /* SIZE_MAX: none */
	unsigned key_line;
	size_t key_start;
	/* a line swallowed by a comment ending in a backslash */
	bool swallowing;
	unsigned swallow_line;
	size_t swallow_start;
};

static void parser_reset_pair(struct parser *ps)
{
	free(ps->key.s);
	free(ps->value.s);
	memset(&ps->key, 0, sizeof(ps->key));
	memset(&ps->value, 0, sizeof(ps->value));
}

/* A line-level problem, within the cap. */
/* A line systemd ignores is understood, with a known effect: a warning.
 * error: the effect differs between systemd versions (an error). */
static void parser_note(struct parser *ps, unsigned line, const char *what, const char *shown,
			bool error)
{
	if (ps->notes.count >= ENV_FILE_MAX_PROBLEMS) {
		ps->notes_dropped++;
		return;
	}
	void (*add)(struct dl_problem_list *, const char *, unsigned, const char *, ...) =
		error ? problem_add : warning_add;
	if (shown)
		add(&ps->notes, ps->path, line, "%s (\"%s\"): systemd ignores this line", what, shown);
	else
		add(&ps->notes, ps->path, line, "%s", what);
}

/* push(): strip the key's (and in VALUE state the value's) trailing blanks
 * and record the assignment that ended at end. */
static void parser_push(struct parser *ps, bool chomp_value, size_t end)
{
	struct assignment *a;

	if (ps->last_key_ws != SIZE_MAX)
		ps->key.len = ps->last_key_ws;
	if (chomp_value && ps->last_value_ws != SIZE_MAX)
		ps->value.len = ps->last_value_ws;

	if (ps->out.count >= ENV_FILE_MAX_ASSIGNMENTS) {
		ps->too_many = true;
		parser_reset_pair(ps);
		return;
	}
	grow_array(&ps->out.items, &ps->out.cap, ps->out.count + 1, sizeof(*ps->out.items));
	a = &ps->out.items[ps->out.count++];
	memset(a, 0, sizeof(*a));
	a->keylen = ps->key.len;
	a->key = xstrndup(ps->key.s ? ps->key.s : "", a->keylen);
	if (ps->value.set) {
		a->valuelen = ps->value.len;
		a->value = xmalloc(a->valuelen + 1);
		memcpy(a->value, ps->value.s, a->valuelen);
		a->value[a->valuelen] = '\0';
	}
	a->line = ps->key_line;
	a->start = ps->key_start;
	a->end = end;
	parser_reset_pair(ps);
}

/* The comment swallowed a line: report it if it held anything but a comment. */
static void parser_end_swallow(struct parser *ps, size_t end)
{
	const char *s = ps->text + ps->swallow_start;
	size_t n = end - ps->swallow_start, skip = 0;

	ps->swallowing = false;
	while (skip < n && strchr(" \t\r", s[skip]))
		skip++;
	if (skip >= n || strchr(COMMENTS, s[skip]))
		return;
	parser_note(ps, ps->swallow_line,
		    "the comment on the line before ends with a backslash, so systemd 252 reads this "
		    "line as part of the comment and ignores it (systemd 254 and later read it)",
		    NULL, true);
}

/* A line that ended while still in the key: systemd drops it silently. A
 * line starting with "=" lands here too (the "=" is read as part of the
 * key). */
static void parser_no_equals(struct parser *ps)
{
	char *k = excerpt(ps->key.s, ps->key.len);

	parser_note(ps, ps->key_line,
		    ps->key.s[0] == '=' ? "assignment without a variable name" : "no \"=\" in the line", k,
		    false);
	free(k);
}

static void parse(struct parser *ps, size_t len)
{
	const char *text = ps->text;
	enum env_state state = PRE_KEY;
	unsigned line = 1;
	size_t i;

	ps->last_key_ws = ps->last_value_ws = SIZE_MAX;

	for (i = 0; i < len; i++) {
		char c = text[i];

		switch (state) {
		case PRE_KEY:
			if (strchr(COMMENTS, c))
				state = COMMENT;
			else if (!strchr(WHITESPACE, c)) {
				state = KEY;
				ps->last_key_ws = SIZE_MAX;
				ps->key_line = line;
				ps->key_start = i;
				strbuf_putc(&ps->key, c);
			}
			break;

		case KEY:
			if (strchr(NEWLINE, c)) {
				parser_no_equals(ps);
				parser_reset_pair(ps);
				state = PRE_KEY;
			} else if (c == '=') {
				state = PRE_VALUE;
				ps->last_value_ws = SIZE_MAX;
			} else {
				if (!strchr(WHITESPACE, c))
					ps->last_key_ws = SIZE_MAX;
				else if (ps->last_key_ws == SIZE_MAX)
					ps->last_key_ws = ps->key.len;
				strbuf_putc(&ps->key, c);
			}
			break;

		case PRE_VALUE:
			if (strchr(NEWLINE, c)) {
				parser_push(ps, false, i);
				state = PRE_KEY;
			} else if (c == '\'')
				state = SINGLE_QUOTE_VALUE;
			else if (c == '"')
				state = DOUBLE_QUOTE_VALUE;
			else if (c == '\\')
				state = VALUE_ESCAPE;
			else if (!strchr(WHITESPACE, c)) {
				state = VALUE;
				strbuf_putc(&ps->value, c);
			}
			break;

		case VALUE:
			if (strchr(NEWLINE, c)) {
				parser_push(ps, true, i);
				state = PRE_KEY;
			} else if (c == '\\') {
				state = VALUE_ESCAPE;
				ps->last_value_ws = SIZE_MAX;
			} else {
				if (!strchr(WHITESPACE, c))
					ps->last_value_ws = SIZE_MAX;
				else if (ps->last_value_ws == SIZE_MAX)
					ps->last_value_ws = ps->value.len;
				strbuf_putc(&ps->value, c);
			}
			break;

		case VALUE_ESCAPE:
			state = VALUE;
			/* An escaped newline is eaten: the value continues. */
			if (!strchr(NEWLINE, c))
				strbuf_putc(&ps->value, c);
			break;

		case SINGLE_QUOTE_VALUE:
			if (c == '\'')
				state = PRE_VALUE;
			else
				strbuf_putc(&ps->value, c);
			break;

		case DOUBLE_QUOTE_VALUE:
			if (c == '"')
				state = PRE_VALUE;
			else if (c == '\\')
				state = DOUBLE_QUOTE_VALUE_ESCAPE;
			else
				strbuf_putc(&ps->value, c);
			break;

		case DOUBLE_QUOTE_VALUE_ESCAPE:
			state = DOUBLE_QUOTE_VALUE;
			if (strchr(SHELL_NEED_ESCAPE, c))
				strbuf_putc(&ps->value, c);
			else if (c != '\n') {
				/* Like the shell: other backslashes stay. */
				strbuf_putc(&ps->value, '\\');
				strbuf_putc(&ps->value, c);
			}
			break;

		case COMMENT:
			if (c == '\\')
				state = COMMENT_ESCAPE;
			else if (strchr(NEWLINE, c)) {
				if (ps->swallowing)
					parser_end_swallow(ps, i);
				state = PRE_KEY;
			}
			break;

		case COMMENT_ESCAPE:
			/* systemd 252: whatever follows the backslash, newline
			 * included, stays in the comment. */
			state = COMMENT;
			if (c == '\n') {
				if (ps->swallowing)
					parser_end_swallow(ps, i);
				ps->swallowing = true;
				ps->swallow_line = line + 1;
				ps->swallow_start = i + 1;
			}
			break;
		}

		if (c == '\n')
			line++;
	}

	switch (state) {
	case PRE_VALUE:
	case VALUE:
	case VALUE_ESCAPE:
	case SINGLE_QUOTE_VALUE:
	case DOUBLE_QUOTE_VALUE:
	case DOUBLE_QUOTE_VALUE_ESCAPE:
		/* End of file ends the value, even inside quotes. */
		parser_push(ps, state == VALUE, len);
		break;
	case KEY:
		parser_no_equals(ps);
		break;
	case COMMENT:
	case COMMENT_ESCAPE:
		if (ps->swallowing)
			parser_end_swallow(ps, len);
		break;
	case PRE_KEY:
		break;
	}
	parser_reset_pair(ps);
}

/* ---------------------------------------------------------------- API */

/* Append src to dst in line order (stable: same-line problems keep their
 * order), so that a file's problems read top to bottom. */
static void merge_problems(struct dl_problem_list *dst, struct dl_problem_list *src)
{
	for (size_t i = 1; i < src->count; i++) {
		struct dl_problem p = src->items[i];
		size_t j = i;
		while (j > 0 && src->items[j - 1].line > p.line) {
			src->items[j] = src->items[j - 1];
			j--;
		}
		src->items[j] = p;
	}
	for (size_t i = 0; i < src->count; i++) {
		const struct dl_problem *p = &src->items[i];
		if (p->severity == DL_SEVERITY_WARNING)
			warning_add(dst, p->path, p->line, "%s", p->message);
		else
			problem_add(dst, p->path, p->line, "%s", p->message);
	}
}

int env_file_parse_n(struct env *env, const char *path, const char *text, size_t len,
		     struct dl_problem_list *problems)
{
	struct parser ps = { 0 };
	struct dl_problem_list scratch = { 0 };
	struct dl_problem_list *probs = problems ? problems : &scratch;
	const char *nul;
	int r = 0;

	if (!env || !text)
		return -EINVAL;

	nul = memchr(text, '\0', len);
	if (nul) {
		unsigned line = 1;
		for (const char *s = text; s < nul; s++)
			line += *s == '\n';
		problem_add(probs, path, line,
			    "NUL byte in the file: systemd refuses to read it (no variable from it is set)");
		problem_list_clear(&scratch);
		return -EBADMSG;
	}

	ps.text = text;
	ps.path = path;
	parse(&ps, len);
	if (ps.too_many) {
		problem_add(probs, path, 0,
			    "more than %u assignments: the file is not evaluated (refused as hostile)",
			    ENV_FILE_MAX_ASSIGNMENTS);
		r = -E2BIG;
		goto finish;
	}

	/* load_env_file_push() checks every assignment before any is used:
	 * one invalid UTF-8 key or value fails the whole file. Its
	 * utf8_is_valid() refuses non-characters too (TEXT_UTF8_SYSTEMD). */
	for (size_t i = 0; i < ps.out.count; i++) {
		const struct assignment *a = &ps.out.items[i];
		bool key_ok = text_utf8_is_valid(a->key, a->keylen, TEXT_UTF8_SYSTEMD);

		if (key_ok && (!a->value ||
			       text_utf8_is_valid(a->value, a->valuelen, TEXT_UTF8_SYSTEMD)))
			continue;
		problem_add(probs, path, a->line,
			    "invalid UTF-8 in the %s of an assignment: systemd refuses the whole file "
			    "(no variable from it is set)",
			    key_ok ? "value" : "name");
		r = -EBADMSG;
		goto finish;
	}

	/* strv_env_clean_with_callback(): invalid names are dropped. */
	for (size_t i = 0; i < ps.out.count; i++) {
		const struct assignment *a = &ps.out.items[i];
		char *shown;

		if (env_name_is_valid(a->key, a->keylen))
			continue;
		if (ps.notes.count >= ENV_FILE_MAX_PROBLEMS) {
			ps.notes_dropped++;
			continue;
		}
		shown = excerpt(a->key, a->keylen);
		warning_add(&ps.notes, path, a->line, "invalid variable name \"%s\": ignored by systemd%s",
			    shown,
			    str_startswith(a->key, "export") && a->keylen > 6 && strchr(" \t", a->key[6])
				    ? " (systemd does not accept the shell's \"export\")"
				    : "");
		free(shown);
	}
	merge_problems(probs, &ps.notes);
	if (ps.notes_dropped > 0)
		warning_add(probs, path, 0, "%zu more lines that systemd ignores (not listed)",
			    ps.notes_dropped);

	for (size_t i = 0; i < ps.out.count; i++) {
		const struct assignment *a = &ps.out.items[i];
		struct dl_evidence where = { 0 };
		char *shown;

		if (!env_name_is_valid(a->key, a->keylen))
			continue;
		shown = assignment_text(text, a->start, a->end);
		evidence_set(&where, SRC_ENV_FILE, path, a->line, shown);
		free(shown);
		env_set(env, a->key, a->value ? a->value : "", &where);
		evidence_clear(&where);
	}

finish:
	assignment_list_clear(&ps.out);
	problem_list_clear(&ps.notes);
	parser_reset_pair(&ps);
	problem_list_clear(&scratch);
	return r;
}

int env_file_parse(struct env *env, const char *path, const char *text,
		   struct dl_problem_list *problems)
{
	if (!text)
		return -EINVAL;
	return env_file_parse_n(env, path, text, strlen(text), problems);
}
