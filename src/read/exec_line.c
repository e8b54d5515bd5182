/* ExecStart= command lines as systemd 252 reads and runs them.
 *
 * The grammar steps follow systemd's own helpers, one function each:
 * extract_word() is extract_first_word() (its cunescape_one() is
 * text_cunescape_one() in text.c), expand_specifiers() is specifier_printf()
 * with unit_full_printf()'s table, expand_argv() is replace_env_argv() with
 * replace_env(). The behaviour (not the code) comes from systemd v252
 * src/basic/extract-word.c, src/basic/escape.c, src/shared/specifier.c,
 * src/core/unit-printf.c, src/core/load-fragment.c config_parse_exec() and
 * src/basic/env-util.c, and from their tests (test-extract-word.c,
 * test-env-util.c, test-load-fragment.c). */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/exec_line.h"
#include "base/strbuf.h"
#include "base/alloc.h"
#include "base/words.h"
#include "base/text.h"
#include "base/problems.h"
/* systemd's WHITESPACE: the word separators of extract_first_word(). */
#define WHITESPACE " \t\n\r"

/* NAME_MAX and PATH_MAX as systemd's path_is_valid()/filename_is_valid() use them. */
#define EXEC_NAME_MAX 255u
#define EXEC_PATH_MAX 4096u

/* extract_first_word() flags used here. */
enum {
	EXTRACT_RELAX = 1 << 0,          /* unbalanced quote or trailing "\" ends the word */
	EXTRACT_UNQUOTE = 1 << 1,        /* '...' and "..." quote */
	EXTRACT_CUNESCAPE = 1 << 2,      /* decode C escapes */
	EXTRACT_UNESCAPE_RELAX = 1 << 3, /* keep unknown escapes verbatim */
};

/* The notes of a line, which stay under about 2 KiB of text whatever the
 * line holds (a hostile line could repeat an unexpanded specifier thousands
 * of times): each note once, and none after the bound. text is what
 * exec_line_notes_text() gives for the notes kept. */
#define EXEC_LINE_NOTES_MAX 2048u

struct note_set {
	struct exec_line_note *items;
	size_t count, cap;
	bool truncated;
	struct strbuf text;
};

static void note_add(struct note_set *ns, const struct exec_line_note *n)
{
	_cleanup_free_ char *t = exec_line_note_text(n);
	if (ns->text.s && strstr(ns->text.s, t))
		return; /* each note once */
	if (ns->text.len >= EXEC_LINE_NOTES_MAX) {
		if (!ns->truncated)
			strbuf_puts(&ns->text, "; ...");
		ns->truncated = true;
		return;
	}
	if (ns->text.len > 0)
		strbuf_puts(&ns->text, "; ");
	strbuf_puts(&ns->text, t);
	grow_array(&ns->items, &ns->cap, ns->count + 1, sizeof(*ns->items));
	struct exec_line_note *c = &ns->items[ns->count++];
	*c = *n;
	c->value = n->value ? xstrdup(n->value) : NULL;
	c->subject = n->subject ? xstrdup(n->subject) : NULL;
}

/* Record why a command cannot be used, once: the first reason found is the
 * one systemd logs. subject (may be NULL) is copied. */
static void failure_set(struct exec_line_info *fail, enum exec_line_reason reason,
			const char *subject)
{
	if (fail->reason != EXEC_LINE_REASON_NONE)
		return;
	fail->reason = reason;
	fail->subject = subject ? xstrdup(subject) : NULL;
}

/* ---------------------------------------------------------------- words */

/* extract_first_word(): the next word of *p into *ret. Returns 1 with a word
 * (possibly empty: ""), 0 when only separators are left, -EINVAL on an
 * unbalanced quote, a trailing backslash or (without EXTRACT_UNESCAPE_RELAX)
 * an undecodable escape. *p moves past the word and its trailing separators,
 * NULL at the end. *unknown_escapes counts escapes kept verbatim. */
static int extract_word(const char **p, char **ret, unsigned flags, unsigned *unknown_escapes)
{
	struct strbuf b = { 0 };
	char quote = 0;
	const char *s = *p;

	*ret = NULL;
	if (!s)
		return 0;
	s += strspn(s, WHITESPACE);
	if (*s == '\0') {
		*p = NULL;
		return 0;
	}
	strbuf_put(&b, "", 0); /* a non-blank character: there is a word, maybe empty */

	for (;; s++) {
		char c = *s;

		if (c == '\0')
			break;
		if (c == '\\') {
			char dec[4];
			size_t declen = 0;
			int n;

			c = *++s;
			if (c == '\0') {
				if ((flags & EXTRACT_UNESCAPE_RELAX) && (!quote || (flags & EXTRACT_RELAX))) {
					strbuf_putc(&b, '\\');
					(*unknown_escapes)++;
					break;
				}
				if (flags & EXTRACT_RELAX)
					break;
				free(b.s);
				return -EINVAL;
			}
			if (!(flags & EXTRACT_CUNESCAPE)) {
				strbuf_putc(&b, c);
				continue;
			}
			/* systemd 252 cunescape_one(): only \U checks the code point. */
			n = text_cunescape_one(s, dec, &declen, TEXT_CUNESCAPE_SYSTEMD);
			if (n < 0) {
				if (!(flags & EXTRACT_UNESCAPE_RELAX)) {
					free(b.s);
					return -EINVAL;
				}
				strbuf_putc(&b, '\\');
				strbuf_putc(&b, c);
				(*unknown_escapes)++;
				continue;
			}
			strbuf_put(&b, dec, declen);
			s += n - 1;
			continue;
		}
		if (quote) {
			if (c == quote)
				quote = 0;
			else
				strbuf_putc(&b, c);
			continue;
		}
		if ((c == '\'' || c == '"') && (flags & EXTRACT_UNQUOTE)) {
			quote = c;
			continue;
		}
		if (strchr(WHITESPACE, c)) {
			s += strspn(s, WHITESPACE);
			*p = *s ? s : NULL;
			*ret = strbuf_steal(&b);
			return 1;
		}
		strbuf_putc(&b, c);
	}

	if (quote && !(flags & EXTRACT_RELAX)) {
		free(b.s);
		return -EINVAL;
	}
	*p = NULL;
	*ret = strbuf_steal(&b);
	return 1;
}

/* extract_first_word_and_warn(): strict first, then once more keeping
 * unknown escapes verbatim (systemd warns "Ignoring unknown escape
 * sequences"). -EINVAL that survives the retry is unbalanced quoting. */
static int extract_word_and_warn(const char **p, char **ret, unsigned flags, unsigned *unknown_escapes)
{
	const char *save = *p;
	unsigned ignored = 0;
	int r = extract_word(p, ret, flags, &ignored);

	if (r != -EINVAL)
		return r;
	*p = save;
	return extract_word(p, ret, flags | EXTRACT_UNESCAPE_RELAX, unknown_escapes);
}

/* ---------------------------------------------------------------- specifiers */

/* The parts of a unit name that %-specifiers use (systemd unit-name.c). */
struct unit_id {
	const struct exec_line_ctx *ctx; /* host facts, fields may be NULL */
	const char *id;   /* "foo@bar.service" */
	char *prefix;     /* "foo" */
	char *instance;   /* "bar", or "" */
	char *name;       /* "foo@bar": the id without the type suffix */
};

static void unit_id_init(struct unit_id *u, const char *id)
{
	const char *dot = strrchr(id, '.');
	const char *at = strchr(id, '@');
	size_t namelen = dot ? (size_t)(dot - id) : strlen(id);

	u->id = id;
	u->name = xstrndup(id, namelen);
	if (at && (size_t)(at - id) < namelen) {
		u->prefix = xstrndup(id, (size_t)(at - id));
		u->instance = xstrndup(at + 1, namelen - (size_t)(at - id) - 1);
	} else {
		u->prefix = xstrdup(u->name);
		u->instance = xstrdup("");
	}
}

static void unit_id_clear(struct unit_id *u)
{
	free(u->prefix);
	free(u->instance);
	free(u->name);
}

/* unit_name_unescape(): "\xHH" is a byte, everything else as is. With
 * as_path (unit_name_path_unescape()), "-" is "/" and the result starts with
 * "/". */
static char *unit_unescape(const char *s, bool as_path)
{
	struct strbuf b = { 0 };

	if (as_path)
		strbuf_putc(&b, '/');
	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == 'x' && text_hex_digit(s[2]) >= 0 &&
		    text_hex_digit(s[3]) >= 0) {
			strbuf_putc(&b, (char)((text_hex_digit(s[2]) << 4) | text_hex_digit(s[3])));
			s += 3;
		} else if (as_path && *s == '-')
			strbuf_putc(&b, '/');
		else
			strbuf_putc(&b, *s);
	}
	return strbuf_steal(&b);
}

/* The value systemd 252 gives specifier c for unit u in the system manager,
 * malloc'd; NULL when it depends on the host (hostname, machine id, boot id,
 * kernel, os-release, architecture, cgroup, the unit file's own path): those
 * are left as written and noted. *known is false for a letter systemd does not
 * know (it then refuses the line). */
static char *specifier_value(char c, const struct unit_id *u, bool *known)
{
	const char *last;

	*known = true;
	switch (c) {
	case 'n':
		return xstrdup(u->id);
	case 'N':
		return xstrdup(u->name);
	case 'p':
		return xstrdup(u->prefix);
	case 'P':
		return unit_unescape(u->prefix, false);
	case 'i':
		return xstrdup(u->instance);
	case 'I':
		return unit_unescape(u->instance, false);
	case 'j':
		last = strrchr(u->prefix, '-');
		return xstrdup(last ? last + 1 : u->prefix);
	case 'J':
		last = strrchr(u->prefix, '-');
		return unit_unescape(last ? last + 1 : u->prefix, false);
	case 'f':
		return unit_unescape(*u->instance ? u->instance : u->prefix, true);
	case 't':
		return xstrdup("/run");
	case 'S':
		return xstrdup("/var/lib");
	case 'C':
		return xstrdup("/var/cache");
	case 'L':
		return xstrdup("/var/log");
	case 'E':
		return xstrdup("/etc");
	case 'T':
		return xstrdup("/tmp");
	case 'V':
		return xstrdup("/var/tmp");
	case 'd':
		return xasprintf("/run/credentials/%s", u->id);
	case 'u':
	case 'g':
		return xstrdup("root");
	case 'U':
	case 'G':
		return xstrdup("0");
	case 'h':
		return xstrdup("/root");
	case 's':
		/* specifier_user_shell() -> get_shell(): for root a fixed
		 * default_root_shell() (src/basic/user-util.c), never passwd. */
		return u->ctx->shell ? xstrdup(u->ctx->shell) : NULL;
	case 'H':
		return u->ctx->hostname ? xstrdup(u->ctx->hostname) : NULL;
	case 'l':
		return u->ctx->hostname ? xstrndup(u->ctx->hostname, strcspn(u->ctx->hostname, "."))
					: NULL;
	case 'y':
		return u->ctx->unit_path ? xstrdup(u->ctx->unit_path) : NULL;
	case 'Y':
		if (u->ctx->unit_path && strrchr(u->ctx->unit_path, '/'))
			return xstrndup(u->ctx->unit_path,
					(size_t)(strrchr(u->ctx->unit_path, '/') - u->ctx->unit_path));
		return NULL;
	default:
		/* Known to systemd 252 but host-dependent: left as written. %D
		 * arrived after 252: unknown there (the unit is refused,
		 * verified on systemd 252), like every letter not listed. */
		if (strchr("aAbBcmMoqrRvwW", c))
			return NULL;
		*known = false;
		return NULL;
	}
}

/* specifier_printf(): resolve %-specifiers in word. "%%" is "%"; "%" before
 * a character that is neither a letter nor a digit, and a trailing "%", stay
 * as written; an unknown letter or digit is an error (systemd: -EBADSLT). */
static int expand_specifiers(const char *word, const struct unit_id *u, char **ret,
			     struct note_set *notes, struct exec_line_info *fail)
{
	struct strbuf b = { 0 };

	for (const char *s = word; *s; s++) {
		bool alnum, known;
		char *v;

		if (*s != '%') {
			strbuf_putc(&b, *s);
			continue;
		}
		if (s[1] == '\0') {
			strbuf_putc(&b, '%');
			break;
		}
		s++;
		if (*s == '%') {
			strbuf_putc(&b, '%');
			continue;
		}
		alnum = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9');
		if (!alnum) {
			strbuf_putc(&b, '%');
			strbuf_putc(&b, *s);
			continue;
		}
		v = specifier_value(*s, u, &known);
		if (v) {
			if (*s == 'H' || *s == 'l') {
				fail->host_name = true;
				note_add(notes, &(struct exec_line_note){ .kind = EXEC_LINE_NOTE_HOST_NAME,
									  .specifier = *s, .value = v });
			}
			strbuf_puts(&b, v);
			free(v);
			continue;
		}
		if (!known) {
			free(b.s);
			failure_set(fail, EXEC_LINE_UNKNOWN_SPECIFIER, word);
			fail->specifier = *s;
			return -EINVAL;
		}
		note_add(notes, &(struct exec_line_note){ .kind = EXEC_LINE_NOTE_HOST_SPECIFIER,
							  .specifier = *s });
		strbuf_putc(&b, '%');
		strbuf_putc(&b, *s);
	}
	*ret = strbuf_steal(&b);
	return 0;
}

/* ---------------------------------------------------------------- paths */

static bool filename_is_valid(const char *s)
{
	return *s && strcmp(s, ".") && strcmp(s, "..") && !strchr(s, '/') &&
	       strlen(s) <= EXEC_NAME_MAX;
}

static bool path_is_valid(const char *s)
{
	if (!*s || strlen(s) >= EXEC_PATH_MAX)
		return false;
	while (*s) {
		size_t n;
		s += strspn(s, "/");
		n = strcspn(s, "/");
		if (n > EXEC_NAME_MAX)
			return false;
		s += n;
	}
	return true;
}

/* path_simplify(): drop duplicate "/" and "." components. */
static char *path_simplify(const char *path)
{
	struct strbuf b = { 0 };
	const char *s = path;

	if (*s == '/')
		strbuf_putc(&b, '/');
	while (*s) {
		size_t n;
		s += strspn(s, "/");
		n = strcspn(s, "/");
		if (n == 0)
			break;
		if (!(n == 1 && s[0] == '.')) {
			if (b.len > 0 && b.s[b.len - 1] != '/')
				strbuf_putc(&b, '/');
			strbuf_put(&b, s, n);
		}
		s += n;
	}
	if (b.len == 0)
		strbuf_putc(&b, *path == '/' ? '/' : '.');
	return strbuf_steal(&b);
}

/* ---------------------------------------------------------------- argv */

/* A word of argv before expansion. */
struct argv_list {
	char **items;
	size_t count, cap;
};

static void argv_push(struct argv_list *l, char *s)
{
	grow_array(&l->items, &l->cap, l->count + 1, sizeof(*l->items));
	l->items[l->count++] = s;
}

static void argv_clear(struct argv_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* One parsed command. */
struct command {
	bool ignore, separate_argv0, no_env_expand, full_privileges, no_setuid, ambient_magic;
	char *path;            /* simplified */
	struct argv_list argv; /* argv[0] first */
};

static void command_clear(struct command *c)
{
	free(c->path);
	argv_clear(&c->argv);
	memset(c, 0, sizeof(*c));
}

/* Parse one command from *p (config_parse_exec()'s loop body). Returns 1 with
 * a command, 0 when nothing is left, -EINVAL with fail's fault, reason and
 * subject. *more is set when a ";" separator ends the command. fail also
 * collects host_name. */
static int parse_command(const char **p, const struct unit_id *u, struct command *cmd, bool *more,
			 struct note_set *notes, struct exec_line_info *fail)
{
	_cleanup_free_ char *first = NULL;
	_cleanup_free_ char *path = NULL;
	unsigned unknown = 0;
	const char *f;
	int r;

	*more = false;
	memset(cmd, 0, sizeof(*cmd));

	for (;;) {
		r = extract_word_and_warn(p, &first, EXTRACT_UNQUOTE | EXTRACT_CUNESCAPE, &unknown);
		if (r == 0)
			return 0;
		if (r < 0) {
			/* config_parse_exec(): a failure on the first word returns 0,
			 * i.e. the assignment is ignored, whatever the prefixes. */
			fail->fault = EXEC_LINE_IGNORED;
			failure_set(fail, EXEC_LINE_PATH_QUOTING, NULL);
			return -EINVAL;
		}
		/* A lone ";" where a command starts is only a separator. */
		if (strcmp(first, ";"))
			break;
		free(first);
		first = NULL;
	}

	f = first;
	for (;; f++) {
		if (*f == '-' && !cmd->ignore)
			cmd->ignore = true;
		else if (*f == '@' && !cmd->separate_argv0)
			cmd->separate_argv0 = true;
		else if (*f == ':' && !cmd->no_env_expand)
			cmd->no_env_expand = true;
		else if (*f == '+' && !(cmd->full_privileges || cmd->no_setuid || cmd->ambient_magic))
			cmd->full_privileges = true;
		else if (*f == '!' && !(cmd->full_privileges || cmd->no_setuid || cmd->ambient_magic))
			cmd->no_setuid = true;
		else if (*f == '!' && !(cmd->full_privileges || cmd->ambient_magic)) {
			cmd->no_setuid = false;
			cmd->ambient_magic = true;
		} else
			break;
	}

	/* A failure past the first word: the unit fails to load unless "-". */
#define FAIL(reason, subject)                                                          \
	do {                                                                           \
		fail->fault = cmd->ignore ? EXEC_LINE_IGNORED : EXEC_LINE_BAD_SETTING; \
		failure_set(fail, reason, subject);                                    \
		command_clear(cmd);                                                    \
		return -EINVAL;                                                        \
	} while (0)

	r = expand_specifiers(f, u, &path, notes, fail);
	if (r < 0)
		FAIL(EXEC_LINE_UNKNOWN_SPECIFIER, NULL); /* the reason is set already */
	if (!*path)
		FAIL(EXEC_LINE_EMPTY_PATH, NULL);
	if (!text_string_is_safe(path))
		FAIL(EXEC_LINE_PATH_UNSAFE, path);
	if (path[strlen(path) - 1] == '/')
		FAIL(EXEC_LINE_PATH_DIRECTORY, path);
	/* "|" is a prefix only since systemd 258: in 252 "|/usr/bin/dockerd"
	 * is an invalid path, but "|dockerd" is a valid plain file name (looked
	 * up in PATH at exec time, where it is not found: 203/EXEC). */
	if (!(path[0] == '/' ? path_is_valid(path) : filename_is_valid(path)))
		FAIL(path[0] == '|' ? EXEC_LINE_PATH_PIPE : EXEC_LINE_PATH_INVALID, path);

	if (!cmd->separate_argv0)
		argv_push(&cmd->argv, xstrdup(path));
	cmd->path = path_simplify(path);

	while (*p && **p) {
		_cleanup_free_ char *word = NULL;
		char *resolved = NULL;
		const char *s = *p;

		/* An unquoted ";" word separates commands; "\;" is a literal ";"
		 * (checked before decoding, as config_parse_exec() does). */
		if (s[0] == ';' && (!s[1] || strchr(WHITESPACE, s[1]))) {
			s++;
			s += strspn(s, WHITESPACE);
			*p = s;
			*more = true;
			break;
		}
		if (s[0] == '\\' && s[1] == ';' && (!s[2] || strchr(WHITESPACE, s[2]))) {
			s += 2;
			s += strspn(s, WHITESPACE);
			*p = s;
			argv_push(&cmd->argv, xstrdup(";"));
			if (cmd->argv.count > EXEC_LINE_MAX_WORDS)
				return -E2BIG;
			continue;
		}
		r = extract_word_and_warn(p, &word, EXTRACT_UNQUOTE | EXTRACT_CUNESCAPE, &unknown);
		if (r == 0)
			break;
		if (r < 0)
			FAIL(EXEC_LINE_QUOTING, NULL);
		r = expand_specifiers(word, u, &resolved, notes, fail);
		if (r < 0)
			FAIL(EXEC_LINE_UNKNOWN_SPECIFIER, NULL); /* the reason is set already */
		argv_push(&cmd->argv, resolved);
		if (cmd->argv.count > EXEC_LINE_MAX_WORDS)
			return -E2BIG;
	}

	if (cmd->argv.count == 0)
		FAIL(EXEC_LINE_NO_ARGV0, NULL);
#undef FAIL

	if (unknown > 0)
		note_add(notes, &(struct exec_line_note){ .kind = EXEC_LINE_NOTE_UNKNOWN_ESCAPES,
							  .count = unknown });
	return 1;
}

/* ---------------------------------------------------------------- variables */

/* strv_env_get_n(): systemd matches "NAME=" against the first bytes of each
 * "NAME=VALUE" entry, the last entry first. A lookup name holding "=" can
 * therefore match inside a value ("$A=B" finds "c" in A="B=c"): reproduced.
 * Returns the value (or its tail) and the variable. */
static const char *env_lookup(const struct env *env, const char *name, size_t k,
			      const struct env_var **var)
{
	*var = NULL;
	if (!env || k == 0)
		return NULL;
	for (size_t i = env->count; i-- > 0;) {
		const struct env_var *v = &env->items[i];
		size_t nl = strlen(v->name);

		if (k < nl || memcmp(name, v->name, nl))
			continue;
		if (k == nl) {
			*var = v;
			return v->value;
		}
		if (name[nl] != '=')
			continue;
		{
			size_t rest = k - nl - 1, vl = strlen(v->value);
			if (vl > rest && !memcmp(name + nl + 1, v->value, rest) && v->value[rest] == '=') {
				*var = v;
				return v->value + rest + 1;
			}
		}
	}
	return NULL;
}

/* replace_env() without the braceless and extended forms (replace_env_argv()
 * passes flags 0): "${NAME}" is replaced, "$$" is "$", "${NAME:..." and an
 * unterminated "${" stay as written. *via is the first variable used. */
static char *replace_env(const char *word, const struct env *env, const struct env_var **via)
{
	enum { WORD, CURLY, VARIABLE } state = WORD;
	struct strbuf b = { 0 };
	const char *start = word, *e;

	*via = NULL;
	for (e = word; *e; e++) {
		switch (state) {
		case WORD:
			if (*e == '$')
				state = CURLY;
			break;
		case CURLY:
			if (*e == '{') {
				strbuf_put(&b, start, (size_t)(e - start - 1));
				start = e - 1;
				state = VARIABLE;
			} else if (*e == '$') {
				strbuf_put(&b, start, (size_t)(e - start));
				start = e + 1;
				state = WORD;
			} else
				state = WORD;
			break;
		case VARIABLE:
			if (*e == '}') {
				const struct env_var *v;
				const char *t = env_lookup(env, start + 2, (size_t)(e - start - 2), &v);
				if (t)
					strbuf_puts(&b, t);
				if (v && !*via)
					*via = v;
				start = e + 1;
				state = WORD;
			} else if (*e == ':')
				state = WORD;
			break;
		}
	}
	strbuf_put(&b, start, (size_t)(e - start));
	return strbuf_steal(&b);
}

/* replace_env_argv(): expand argv into out (text + via). */
static int expand_argv(struct word_list *out, const struct argv_list *argv, const struct env *env,
		       bool expand, size_t *bytes)
{
	for (size_t i = 0; i < argv->count; i++) {
		const char *w = argv->items[i];
		const struct env_var *v = NULL;

		if (!expand) {
			word_list_add(out, w, NULL, NULL);
			*bytes += strlen(w) + 1;
		} else if (w[0] == '$' && w[1] != '{' && w[1] != '$') {
			const char *value = env_lookup(env, w + 1, strlen(w + 1), &v);
			const char *p = value;
			char *piece;
			unsigned ignored = 0;

			while (p && extract_word(&p, &piece, EXTRACT_RELAX | EXTRACT_UNQUOTE, &ignored) > 0) {
				word_list_add(out, piece, NULL, v ? &v->where : NULL);
				*bytes += strlen(piece) + 1;
				free(piece);
				if (out->count > EXEC_LINE_MAX_WORDS || *bytes > EXEC_LINE_MAX_BYTES)
					return -E2BIG;
			}
		} else {
			char *t = replace_env(w, env, &v);
			word_list_add(out, t, NULL, v ? &v->where : NULL);
			*bytes += strlen(t) + 1;
			free(t);
		}
		if (out->count > EXEC_LINE_MAX_WORDS || *bytes > EXEC_LINE_MAX_BYTES)
			return -E2BIG;
	}
	return 0;
}

/* ---------------------------------------------------------------- API */

void exec_line_info_clear(struct exec_line_info *info)
{
	if (!info)
		return;
	free(info->argv0);
	free(info->subject);
	for (size_t i = 0; i < info->nnotes; i++) {
		free(info->notes[i].value);
		free(info->notes[i].subject);
	}
	free(info->notes);
	memset(info, 0, sizeof(*info));
}

char *exec_line_note_text(const struct exec_line_note *n)
{
	switch (n->kind) {
	case EXEC_LINE_NOTE_HOST_NAME:
		return xasprintf("specifier %%%c is the host name, \"%s\" from /etc/hostname: the "
				 "value depends on the host",
				 n->specifier, n->value ? n->value : "");
	case EXEC_LINE_NOTE_HOST_SPECIFIER:
		return xasprintf("specifier %%%c depends on the host: left as written", n->specifier);
	case EXEC_LINE_NOTE_UNKNOWN_ESCAPES:
		return xasprintf("%u unknown escape sequence%s kept verbatim with their backslash",
				 n->count, n->count == 1 ? "" : "s");
	case EXEC_LINE_NOTE_COMMAND_IGNORED: {
		const struct exec_line_info why = { .reason = n->reason, .subject = n->subject,
						    .specifier = n->specifier };
		_cleanup_free_ char *w = exec_line_reason_text(&why);
		return xasprintf("command %zu ignored by systemd: %s; the rest of the line is dropped",
				 n->command, w);
	}
	}
	return xstrdup("");
}

char *exec_line_notes_text(const struct exec_line_info *info)
{
	if (info->nnotes == 0)
		return NULL;
	struct strbuf b = { 0 };
	for (size_t i = 0; i < info->nnotes; i++) {
		_cleanup_free_ char *t = exec_line_note_text(&info->notes[i]);
		if (i > 0)
			strbuf_puts(&b, "; ");
		strbuf_puts(&b, t);
	}
	if (info->notes_truncated)
		strbuf_puts(&b, "; ...");
	return strbuf_steal(&b);
}

char *exec_line_reason_text(const struct exec_line_info *info)
{
	const char *subj = info->subject ? info->subject : "";
	switch (info->reason) {
	case EXEC_LINE_REASON_NONE:
		break;
	case EXEC_LINE_PATH_QUOTING:
		return xstrdup("unbalanced quoting in the executable path");
	case EXEC_LINE_UNKNOWN_SPECIFIER:
		return xasprintf("unknown specifier %%%c in \"%s\"", info->specifier, subj);
	case EXEC_LINE_EMPTY_PATH:
		return xstrdup("empty executable path (only prefixes)");
	case EXEC_LINE_PATH_UNSAFE:
		return xasprintf("executable path \"%s\" contains special characters", subj);
	case EXEC_LINE_PATH_DIRECTORY:
		return xasprintf("executable path \"%s\" names a directory", subj);
	case EXEC_LINE_PATH_PIPE:
		return xasprintf("\"%s\" is not a valid executable: \"|\" (run through a shell) is a "
				 "prefix only since systemd 258",
				 subj);
	case EXEC_LINE_PATH_INVALID:
		return xasprintf("\"%s\" is neither an absolute path nor a plain executable name",
				 subj);
	case EXEC_LINE_QUOTING:
		return xstrdup("unbalanced quoting");
	case EXEC_LINE_NO_ARGV0:
		return xstrdup("\"@\" without an argv[0] word after the executable path");
	case EXEC_LINE_VALUE_TOO_LONG:
		return xasprintf("ExecStart= value longer than %u bytes", EXEC_LINE_MAX_VALUE);
	case EXEC_LINE_TOO_MANY_WORDS:
		return xasprintf("ExecStart= holds more than %u words", EXEC_LINE_MAX_WORDS);
	case EXEC_LINE_EXPANDS_TOO_BIG:
		return xasprintf("ExecStart= expands to more than %u words or %u bytes",
				 EXEC_LINE_MAX_WORDS, EXEC_LINE_MAX_BYTES);
	case EXEC_LINE_SEVERAL_COMMANDS:
		return xasprintf("ExecStart= holds %zu commands separated by \";\": systemd refuses "
				 "more than one unless Type=oneshot",
				 info->ncommands);
	}
	return xstrdup("invalid ExecStart= line");
}

char *exec_line_error_text(const struct exec_line_info *info)
{
	char *reason = exec_line_reason_text(info);
	if (info->fault == EXEC_LINE_OK)
		return reason;
	char *text = xasprintf("%s: %s", reason,
			       info->fault == EXEC_LINE_IGNORED
				       ? "systemd ignores this ExecStart= line"
				       : "systemd refuses to load the unit (bad-setting)");
	free(reason);
	return text;
}

int exec_line_split_full(struct word_list *out, struct exec_line_info *info, const char *value,
			 const char *unit_name, const struct env *env,
			 const struct dl_evidence *where)
{
	const struct exec_line_ctx ctx = { .unit_name = unit_name, .shell = "/bin/sh" };
	return exec_line_split_ctx(out, info, value, &ctx, env, where);
}

int exec_line_split_ctx(struct word_list *out, struct exec_line_info *info, const char *value,
			const struct exec_line_ctx *ctx, const struct env *env,
			const struct dl_evidence *where)
{
	const char *unit_name = ctx ? ctx->unit_name : NULL;
	const struct exec_line_ctx noctx = { 0 };
	struct exec_line_info local = { 0 };
	struct exec_line_info *inf = info ? info : &local;
	struct word_list expanded = { 0 };
	struct command first = { 0 };
	struct note_set notes = { 0 };
	struct unit_id u;
	const char *p = value;
	size_t bytes = 0;
	int r = 0;

	memset(inf, 0, sizeof(*inf));
	if (!out || !value)
		return -EINVAL;
	if (strlen(value) > EXEC_LINE_MAX_VALUE) {
		inf->reason = EXEC_LINE_VALUE_TOO_LONG;
		if (inf == &local)
			exec_line_info_clear(&local);
		return -E2BIG;
	}
	unit_id_init(&u, unit_name ? unit_name : "docker.service");
	u.ctx = ctx ? ctx : &noctx;

	/* Every command is parsed, as systemd does, so that a later bad one
	 * is seen; only the first one is returned. */
	for (;;) {
		struct command cmd;
		struct exec_line_info fail = { 0 };
		bool more = false;

		r = parse_command(&p, &u, &cmd, &more, &notes, &fail);
		inf->host_name |= fail.host_name;
		if (r == -E2BIG) {
			command_clear(&cmd);
			exec_line_info_clear(&fail);
			inf->reason = EXEC_LINE_TOO_MANY_WORDS;
			goto finish;
		}
		if (r < 0) {
			if (inf->ncommands > 0 && fail.fault == EXEC_LINE_IGNORED) {
				/* The commands before this one stay (systemd appended them
				 * already); the rest of the line is dropped. */
				note_add(&notes, &(struct exec_line_note){
							 .kind = EXEC_LINE_NOTE_COMMAND_IGNORED,
							 .command = inf->ncommands + 1,
							 .reason = fail.reason, .subject = fail.subject,
							 .specifier = fail.specifier });
				exec_line_info_clear(&fail);
				r = 0;
				break;
			}
			inf->fault = fail.fault;
			inf->reason = fail.reason;
			inf->specifier = fail.specifier;
			inf->subject = fail.subject;
			fail.subject = NULL;
			exec_line_info_clear(&fail);
			goto finish;
		}
		if (r == 0)
			break;
		if (inf->ncommands++ == (ctx ? ctx->command : 0))
			first = cmd;
		else
			command_clear(&cmd);
		if (!more)
			break;
	}
	r = 0;
	if (inf->ncommands == 0 || inf->ncommands <= (ctx ? ctx->command : 0))
		goto finish; /* no such command: out stays empty */

	inf->ignore_failure = first.ignore;
	inf->separate_argv0 = first.separate_argv0;
	inf->no_env_expand = first.no_env_expand;
	inf->full_privileges = first.full_privileges;
	inf->no_setuid = first.no_setuid;
	inf->ambient_magic = first.ambient_magic;

	r = expand_argv(&expanded, &first.argv, env, !first.no_env_expand, &bytes);
	if (r < 0) {
		inf->reason = EXEC_LINE_EXPANDS_TOO_BIG;
		goto finish;
	}
	if (expanded.count > 0)
		inf->argv0 = xstrdup(expanded.items[0].text);

	word_list_add(out, first.path, where, NULL);
	for (size_t i = 1; i < expanded.count; i++)
		word_list_add(out, expanded.items[i].text, where, &expanded.items[i].via);

finish:
	if (r < 0) {
		free(inf->argv0);
		inf->argv0 = NULL;
	}
	inf->notes = notes.items;
	inf->nnotes = notes.count;
	inf->notes_truncated = notes.truncated;
	free(notes.text.s);
	word_list_clear(&expanded);
	command_clear(&first);
	unit_id_clear(&u);
	if (inf == &local)
		exec_line_info_clear(&local);
	return r;
}

int exec_line_split(struct word_list *out, const char *value, const struct env *env,
		    const struct dl_evidence *where, struct dl_problem_list *problems)
{
	struct exec_line_info info = { 0 };
	struct word_list words = { 0 };
	int r;

	r = exec_line_split_full(&words, &info, value, NULL, env, where);
	if (r >= 0 && info.ncommands > 1) {
		info.reason = EXEC_LINE_SEVERAL_COMMANDS;
		r = -EINVAL;
	}
	if (r < 0) {
		_cleanup_free_ char *why = exec_line_error_text(&info);
		problem_add(problems, where ? where->path : NULL, where ? where->line : 0, "%s", why);
	}
	if (r >= 0)
		for (size_t i = 0; i < words.count; i++)
			word_list_add(out, words.items[i].text, &words.items[i].where,
				      &words.items[i].via);
	word_list_clear(&words);
	exec_line_info_clear(&info);
	return r;
}

/* ---------------------------------------------------------------- spans */

/* Where the word extract_word() just read ends: *after is where it left *p
 * (past the separators, or NULL at the end of the value). Backing up over
 * the separators stops early when the first of them was escaped ("\ " is
 * part of the word): an odd run of backslashes before it. */
static size_t word_end(const char *value, const char *after)
{
	size_t e = after ? (size_t)(after - value) : strlen(value);
	while (e > 0 && strchr(WHITESPACE, value[e - 1])) {
		size_t bs = 0;
		while (e - 1 > bs && value[e - 2 - bs] == '\\')
			bs++;
		if (bs % 2 == 1)
			break;
		e--;
	}
	return e;
}

void exec_line_spans_free(struct exec_line_span *spans, size_t n)
{
	for (size_t i = 0; spans && i < n; i++)
		free(spans[i].var);
	free(spans);
}

/* The number of words exec_line_split_full() makes of one word alone:
 * "/ WORD" parsed as a command, minus the path. Uses the same code path as
 * the whole line, so expansion (and its via) is the same. */
static int words_of(const char *raw, size_t len, const struct env *env, char **var, bool *braced)
{
	struct word_list w = { 0 };
	_cleanup_free_ char *line = xasprintf("/x %.*s", (int)len, raw);
	int r = exec_line_split_full(&w, NULL, line, NULL, env, NULL);
	size_t n = w.count > 0 ? w.count - 1 : 0;
	word_list_clear(&w);
	if (r < 0)
		return r;
	/* The variable a "$VAR" or "${VAR}" word names, as systemd reads it
	 * after unquoting: decode the word once more on its own. */
	_cleanup_free_ char *copy = xstrndup(raw, len);
	const char *p = copy;
	char *word = NULL;
	unsigned unknown = 0;
	if (extract_word_and_warn(&p, &word, EXTRACT_UNQUOTE | EXTRACT_CUNESCAPE, &unknown) > 0) {
		size_t wl = strlen(word);
		if (word[0] == '$' && word[1] != '{' && word[1] != '$' && word[1]) {
			*var = xstrdup(word + 1);
			*braced = false;
		} else if (wl > 3 && word[0] == '$' && word[1] == '{' && word[wl - 1] == '}' &&
			   !memchr(word + 2, '}', wl - 3) && !memchr(word + 2, '$', wl - 3)) {
			*var = xstrndup(word + 2, wl - 3);
			*braced = true;
		}
	}
	free(word);
	return (int)n;
}

int exec_line_spans(struct exec_line_span **out, const char *value, const struct env *env)
{
	struct exec_line_span *spans = NULL;
	size_t n = 0, cap = 0, word = 0;
	struct exec_line_info info = { 0 };
	struct word_list all = { 0 };
	const char *p = value;
	unsigned unknown = 0;

	*out = NULL;
	int r = exec_line_split_full(&all, &info, value, NULL, env, NULL);
	bool at = info.separate_argv0;
	size_t total = all.count;
	exec_line_info_clear(&info);
	word_list_clear(&all);
	if (r < 0)
		return r;

	for (;;) {
		char *w = NULL;
		const char *s = p ? p + strspn(p, WHITESPACE) : NULL;
		if (!s || !*s)
			break;
		/* An unquoted ";" ends the first command. */
		if (s[0] == ';' && (!s[1] || strchr(WHITESPACE, s[1])))
			break;
		r = extract_word_and_warn(&p, &w, EXTRACT_UNQUOTE | EXTRACT_CUNESCAPE, &unknown);
		free(w);
		if (r <= 0)
			break;
		grow_array(&spans, &cap, n + 1, sizeof(*spans));
		struct exec_line_span *sp = &spans[n];
		memset(sp, 0, sizeof(*sp));
		sp->start = (size_t)(s - value);
		sp->end = word_end(value, p);
		sp->word = word;
		if (n == 0) {
			sp->nwords = 1; /* the path, prefixes and all */
		} else if (n == 1 && at) {
			sp->nwords = 0; /* argv[0] */
		} else {
			int k = words_of(value + sp->start, sp->end - sp->start, env, &sp->var,
					 &sp->braced);
			if (k < 0) {
				n++;
				exec_line_spans_free(spans, n);
				return k;
			}
			sp->nwords = (size_t)k;
		}
		word += sp->nwords;
		n++;
	}
	/* The pieces must add up to the whole line, or the spans are wrong. */
	if (word != total) {
		exec_line_spans_free(spans, n);
		return -EINVAL;
	}
	*out = spans;
	return (int)n;
}
