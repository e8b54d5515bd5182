/* Legacy init configuration: the shell files sourced by the Debian, Red Hat
 * and OpenRC init scripts of docker, and the scripts themselves.
 *
 * The files are POSIX shell. We never run them: the assignments are read by
 * a small tokenizer that follows the shell's quoting rules (POSIX XCU 2.2,
 * 2.6) and expands $NAME / ${NAME} from the variables read so far, which is
 * what the shell does when the init script sources the file. Whatever only a
 * running shell could evaluate (command substitution, arithmetic, other
 * sourced files, conditionals, functions) is reported as a problem naming the
 * file and line, and the variable keeps the literal text so that a -H
 * written inside it stays visible.
 *
 * Script shapes (moby contrib/init, v1.13 .. v20.10; Alpine/Gentoo use the
 * OpenRC one):
 *   sysvinit-debian/docker   DOCKERD=/usr/bin/dockerd; . /etc/default/$BASE;
 *                            start-stop-daemon --start ... --exec "$DOCKERD"
 *                            -- -p ... $DOCKER_OPTS
 *   upstart/docker.conf      DOCKERD=/usr/bin/dockerd; . /etc/default/$UPSTART_JOB;
 *                            exec "$DOCKERD" $DOCKER_OPTS --raw-logs
 *   sysvinit-redhat/docker   exec="/usr/bin/dockerd"; . /etc/sysconfig/$prog;
 *                            "$unshare" -m -- $exec $other_args
 *   openrc/docker.initd      #!/sbin/openrc-run; command="${DOCKERD_BINARY:-/usr/bin/dockerd}";
 *                            command_args="-p \"${pidfile}\" ${DOCKER_OPTS}"
 *                            (OpenRC sources /etc/conf.d/<service name> itself) */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "read/init_env.h"
#include "base/strbuf.h"
#include "base/text.h"
#include "base/alloc.h"
#include "base/evidence.h"
#include "base/problems.h"
#include "base/words.h"
/* Longest value one variable may grow to by expansion (A=$A$A$A...). */
#define INIT_ENV_MAX_VALUE (64u * 1024u)
/* Distinct variables read from one file. */
#define INIT_ENV_MAX_VARS 4096
/* Nesting of ${X:-${Y:-...}} and of if/case/loop blocks tracked. */
#define INIT_ENV_MAX_NEST 16
/* Longest evidence text. */
#define INIT_ENV_MAX_TEXT 512

/* ------------------------------------------------------------ buffers */

/* Bounded, trimmed copy of text[b, e) for evidence. */
static char *evidence_text(const char *text, size_t b, size_t e)
{
	while (b < e && strchr(" \t\r\n", text[b]))
		b++;
	while (e > b && strchr(" \t\r\n", text[e - 1]))
		e--;
	return xstrndup(text + b, text_utf8_cut(text + b, e - b, INIT_ENV_MAX_TEXT));
}

/* ------------------------------------------------------------ tokenizer */

enum token_kind {
	TOK_END,
	TOK_WORD,
	TOK_NEWLINE, /* also ';' */
	TOK_AND_OR,  /* && || */
	TOK_PIPE,    /* | & (another process: assignments there do not persist) */
	TOK_LPAREN,
	TOK_RPAREN,
};

struct sh_word {
	char *value;       /* after quote removal and expansion */
	char *name;        /* assignment: the variable name; NULL otherwise */
	bool append;       /* NAME+=value (bash) */
	bool literal;      /* no quoting or expansion anywhere in the word */
	size_t start, end; /* offsets in the text */
	unsigned line;     /* line of the word's first character */
};

struct sh_parser {
	const char *path;
	const char *text;
	size_t pos, len;
	unsigned line;
	struct env *env;
	struct dl_problem_list *problems;
	unsigned nest; /* ${...} default-word recursion */
};

static bool is_name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_name_char(char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

static char peek(const struct sh_parser *p, size_t ahead)
{
	return p->pos + ahead < p->len ? p->text[p->pos + ahead] : '\0';
}

static void advance(struct sh_parser *p, size_t n)
{
	for (size_t i = 0; i < n && p->pos < p->len; i++)
		if (p->text[p->pos++] == '\n')
			p->line++;
}

static void cannot_evaluate(struct sh_parser *p, unsigned line, const char *what, size_t b,
			    size_t e)
{
	_cleanup_free_ char *t = evidence_text(p->text, b, e);
	problem_add(p->problems, p->path, line,
		    "cannot evaluate %s without running a shell: '%s' is kept as literal text",
		    what, t);
}

/* Skip to the ')' that closes a $( or $(( starting at p->pos (just after the
 * '('), honouring quotes; depth counts nested parentheses. */
static void skip_parens(struct sh_parser *p, int depth)
{
	while (p->pos < p->len && depth > 0) {
		char c = peek(p, 0);
		if (c == '\\') {
			advance(p, 2);
			continue;
		}
		if (c == '\'' || c == '"' || c == '`') {
			advance(p, 1);
			while (p->pos < p->len && peek(p, 0) != c) {
				if (c != '\'' && peek(p, 0) == '\\')
					advance(p, 1);
				advance(p, 1);
			}
			advance(p, 1);
			continue;
		}
		if (c == '(')
			depth++;
		else if (c == ')')
			depth--;
		advance(p, 1);
	}
}

static void parse_word_chars(struct sh_parser *p, struct strbuf *out, bool in_dquote,
			     bool stop_at_blank, bool *literal);

/* Expand a ${X:-word}-style word: text[b, e), with double-quote rules
 * off (quotes in the word are processed). */
static void expand_subword(struct sh_parser *p, size_t b, size_t e, unsigned line,
			   struct strbuf *out)
{
	struct sh_parser sub = *p;
	bool literal;
	sub.pos = b;
	sub.len = e;
	sub.line = line;
	sub.nest = p->nest + 1;
	if (sub.nest > INIT_ENV_MAX_NEST) {
		cannot_evaluate(p, line, "deeply nested ${...}", b, e);
		strbuf_put(out, p->text + b, e - b);
		return;
	}
	parse_word_chars(&sub, out, false, false, &literal);
}

static const char *var_value(const struct sh_parser *p, const char *name)
{
	const struct env_var *v = env_get(p->env, name);
	return v ? v->value : NULL;
}

/* At '$'. Expands into out. */
static void parse_dollar(struct sh_parser *p, struct strbuf *out)
{
	size_t start = p->pos;
	unsigned line = p->line;
	char c = peek(p, 1);

	if (c == '(') {
		bool arith = peek(p, 2) == '(';
		advance(p, arith ? 3 : 2);
		skip_parens(p, arith ? 2 : 1);
		cannot_evaluate(p, line, arith ? "arithmetic expansion" : "command substitution",
				start, p->pos);
		strbuf_put(out, p->text + start, p->pos - start);
		return;
	}
	if (c == '{') {
		/* Find the matching '}', skipping quoted text and nested ${. */
		advance(p, 2);
		size_t inner = p->pos;
		int depth = 1;
		while (p->pos < p->len) {
			char d = peek(p, 0);
			if (d == '\\') {
				advance(p, 2);
				continue;
			}
			if (d == '\'' || d == '"') {
				advance(p, 1);
				while (p->pos < p->len && peek(p, 0) != d) {
					if (d == '"' && peek(p, 0) == '\\')
						advance(p, 1);
					advance(p, 1);
				}
				advance(p, 1);
				continue;
			}
			if (d == '$' && peek(p, 1) == '{') {
				depth++;
				advance(p, 2);
				continue;
			}
			if (d == '}' && --depth == 0)
				break;
			advance(p, 1);
		}
		if (p->pos >= p->len) {
			problem_add(p->problems, p->path, line, "unterminated ${: rest of file taken literally");
			strbuf_put(out, p->text + start, p->pos - start);
			return;
		}
		size_t inner_end = p->pos;
		advance(p, 1); /* } */

		size_t n = inner;
		while (n < inner_end && is_name_char(p->text[n]))
			n++;
		if (n == inner || !is_name_start(p->text[inner])) {
			/* ${#X}, ${1}, ${@}, ...: not a plain variable */
			cannot_evaluate(p, line, "this parameter expansion", start, p->pos);
			strbuf_put(out, p->text + start, p->pos - start);
			return;
		}
		_cleanup_free_ char *name = xstrndup(p->text + inner, n - inner);
		const char *val = var_value(p, name);
		if (n == inner_end) {
			if (val)
				strbuf_put(out, val, strlen(val));
			return;
		}
		bool colon = p->text[n] == ':';
		char op = colon && n + 1 < inner_end ? p->text[n + 1] : p->text[n];
		size_t word = n + (colon ? 2 : 1);
		if (!strchr("-=+?", op) || word > inner_end) {
			/* ${X%suffix}, ${X#prefix}, ${X/a/b}, ${X:1:2}, ... */
			cannot_evaluate(p, line, "this parameter expansion", start, p->pos);
			strbuf_put(out, p->text + start, p->pos - start);
			return;
		}
		bool unset_or_null = !val || (colon && !*val);
		switch (op) {
		case '-':
		case '?':
			if (unset_or_null) {
				if (op == '?')
					problem_add(p->problems, p->path, line,
						    "${%s?...} stops the init script when %s is unset",
						    name, name);
				expand_subword(p, word, inner_end, line, out);
			} else
				strbuf_put(out, val, strlen(val));
			return;
		case '=':
			if (unset_or_null) {
				struct strbuf def = { .max = INIT_ENV_MAX_VALUE };
				expand_subword(p, word, inner_end, line, &def);
				_cleanup_free_ char *dv = strbuf_steal(&def);
				_cleanup_free_ char *t = evidence_text(p->text, start, p->pos);
				struct dl_evidence where = { 0 };
				evidence_set(&where, SRC_INIT_FILE, p->path, line, t);
				env_set(p->env, name, dv, &where);
				evidence_clear(&where);
				strbuf_put(out, dv, strlen(dv));
			} else
				strbuf_put(out, val, strlen(val));
			return;
		case '+':
			if (!unset_or_null)
				expand_subword(p, word, inner_end, line, out);
			return;
		}
		return;
	}
	if (is_name_start(c)) {
		advance(p, 1);
		size_t b = p->pos;
		while (p->pos < p->len && is_name_char(peek(p, 0)))
			advance(p, 1);
		_cleanup_free_ char *name = xstrndup(p->text + b, p->pos - b);
		const char *val = var_value(p, name);
		if (val)
			strbuf_put(out, val, strlen(val));
		return;
	}
	if (c && strchr("0123456789@*#?$!-", c)) {
		advance(p, 2);
		cannot_evaluate(p, line, "a special parameter", start, p->pos);
		strbuf_put(out, p->text + start, 2);
		return;
	}
	/* A lone '$' is literal. */
	advance(p, 1);
	strbuf_putc(out, '$');
}

static void parse_backtick(struct sh_parser *p, struct strbuf *out)
{
	size_t start = p->pos;
	unsigned line = p->line;
	advance(p, 1);
	while (p->pos < p->len && peek(p, 0) != '`') {
		if (peek(p, 0) == '\\')
			advance(p, 1);
		advance(p, 1);
	}
	advance(p, 1);
	cannot_evaluate(p, line, "command substitution", start, p->pos);
	strbuf_put(out, p->text + start, p->pos - start);
}

static bool is_word_end(char c)
{
	return !c || strchr(" \t\n;&|<>()", c);
}

/* The characters of one word (or, when !stop_at_blank, everything up to the
 * parser's end: a ${X:-word} word). */
static void parse_word_chars(struct sh_parser *p, struct strbuf *out, bool in_dquote,
			     bool stop_at_blank, bool *literal)
{
	(void)in_dquote;
	*literal = true;
	while (p->pos < p->len) {
		char c = peek(p, 0);
		if (stop_at_blank && is_word_end(c))
			return;
		if (c == '\\') {
			*literal = false;
			if (peek(p, 1) == '\n') { /* line continuation */
				advance(p, 2);
				continue;
			}
			if (p->pos + 1 < p->len)
				strbuf_putc(out, peek(p, 1));
			advance(p, 2);
			continue;
		}
		if (c == '\'') {
			unsigned line = p->line;
			*literal = false;
			advance(p, 1);
			while (p->pos < p->len && peek(p, 0) != '\'') {
				strbuf_putc(out, peek(p, 0));
				advance(p, 1);
			}
			if (p->pos >= p->len)
				problem_add(p->problems, p->path, line,
					    "unterminated single quote: the shell would fail here");
			advance(p, 1);
			continue;
		}
		if (c == '"') {
			unsigned line = p->line;
			*literal = false;
			advance(p, 1);
			while (p->pos < p->len && peek(p, 0) != '"') {
				char d = peek(p, 0);
				if (d == '\\') {
					char e = peek(p, 1);
					if (e == '\n') {
						advance(p, 2);
					} else if (e && strchr("$`\"\\", e)) {
						strbuf_putc(out, e);
						advance(p, 2);
					} else {
						strbuf_putc(out, '\\');
						advance(p, 1);
					}
				} else if (d == '$') {
					parse_dollar(p, out);
				} else if (d == '`') {
					parse_backtick(p, out);
				} else {
					strbuf_putc(out, d);
					advance(p, 1);
				}
			}
			if (p->pos >= p->len)
				problem_add(p->problems, p->path, line,
					    "unterminated double quote: the shell would fail here");
			advance(p, 1);
			continue;
		}
		if (c == '$') {
			*literal = false;
			parse_dollar(p, out);
			continue;
		}
		if (c == '`') {
			*literal = false;
			parse_backtick(p, out);
			continue;
		}
		strbuf_putc(out, c);
		advance(p, 1);
	}
}

/* Skip blanks, line continuations and comments (a '#' starting a word). */
static void skip_blanks(struct sh_parser *p)
{
	for (;;) {
		char c = peek(p, 0);
		if (c == ' ' || c == '\t')
			advance(p, 1);
		else if (c == '\\' && peek(p, 1) == '\n')
			advance(p, 2);
		else if (c == '#') {
			while (p->pos < p->len && peek(p, 0) != '\n')
				advance(p, 1);
		} else
			return;
	}
}

static enum token_kind next_token(struct sh_parser *p, struct sh_word *w)
{
	skip_blanks(p);
	memset(w, 0, sizeof(*w));
	if (p->pos >= p->len)
		return TOK_END;
	char c = peek(p, 0);
	switch (c) {
	case '\n':
	case ';':
		advance(p, 1);
		return TOK_NEWLINE;
	case '&':
	case '|':
		if (peek(p, 1) == c) {
			advance(p, 2);
			return TOK_AND_OR;
		}
		advance(p, 1);
		return TOK_PIPE;
	case '(':
		advance(p, 1);
		return TOK_LPAREN;
	case ')':
		advance(p, 1);
		return TOK_RPAREN;
	case '<':
	case '>':
	redirect:
		/* A redirection: skip the operator and its target word. */
		while (p->pos < p->len && strchr("<>&|-", peek(p, 0)) && peek(p, 0))
			advance(p, 1);
		skip_blanks(p);
		{
			struct strbuf sink = { .max = INIT_ENV_MAX_VALUE };
			bool lit;
			parse_word_chars(p, &sink, false, true, &lit);
			free(sink.s);
		}
		return next_token(p, w);
	default:
		if (c >= '0' && c <= '9') {
			/* 2>&1: digits right before < or > are a file descriptor. */
			size_t d = p->pos;
			while (d < p->len && p->text[d] >= '0' && p->text[d] <= '9')
				d++;
			if (d < p->len && (p->text[d] == '<' || p->text[d] == '>')) {
				advance(p, d - p->pos);
				goto redirect;
			}
		}
		break;
	}

	w->start = p->pos;
	w->line = p->line;
	/* NAME= or NAME+= written literally makes an assignment word. */
	size_t n = p->pos;
	if (is_name_start(p->text[n])) {
		while (n < p->len && is_name_char(p->text[n]))
			n++;
		bool append = n + 1 < p->len && p->text[n] == '+' && p->text[n + 1] == '=';
		if (n < p->len && (p->text[n] == '=' || append)) {
			w->name = xstrndup(p->text + p->pos, n - p->pos);
			w->append = append;
			advance(p, n - p->pos + (append ? 2 : 1));
		}
	}
	struct strbuf b = { .max = INIT_ENV_MAX_VALUE };
	bool literal;
	parse_word_chars(p, &b, false, true, &literal);
	if (b.truncated)
		problem_add(p->problems, p->path, w->line,
			    "value longer than %u bytes: cut", INIT_ENV_MAX_VALUE);
	w->literal = literal && !w->name;
	w->value = strbuf_steal(&b);
	w->end = p->pos;
	return TOK_WORD;
}

static void word_clear(struct sh_word *w)
{
	free(w->value);
	free(w->name);
	memset(w, 0, sizeof(*w));
}

/* ------------------------------------------------------------ commands */

struct command {
	struct sh_word *words;
	size_t count, cap;
	enum token_kind ended_by;
	bool after_and_or; /* follows && or || */
	bool function_def; /* NAME() */
};

static void command_clear(struct command *c)
{
	for (size_t i = 0; i < c->count; i++)
		word_clear(&c->words[i]);
	free(c->words);
	memset(c, 0, sizeof(*c));
}

enum block_kind { BLOCK_IF, BLOCK_LOOP, BLOCK_CASE, BLOCK_GROUP, BLOCK_FUNCTION, BLOCK_SUBSHELL };

struct shell_state {
	enum block_kind blocks[INIT_ENV_MAX_NEST];
	unsigned depth;      /* may exceed INIT_ENV_MAX_NEST: then kinds are not kept */
	bool pending_function;
};

static const char *block_word(enum block_kind k)
{
	switch (k) {
	case BLOCK_IF:
		return "an if block";
	case BLOCK_LOOP:
		return "a loop";
	case BLOCK_CASE:
		return "a case block";
	case BLOCK_GROUP:
		return "a { } group";
	case BLOCK_FUNCTION:
		return "a function body";
	case BLOCK_SUBSHELL:
		return "a ( ) subshell";
	}
	return "a block";
}

static void block_push(struct shell_state *s, enum block_kind k)
{
	if (s->depth < INIT_ENV_MAX_NEST)
		s->blocks[s->depth] = k;
	s->depth++;
}

static enum block_kind block_top(const struct shell_state *s)
{
	return s->blocks[s->depth <= INIT_ENV_MAX_NEST ? s->depth - 1 : INIT_ENV_MAX_NEST - 1];
}

static void block_pop(struct shell_state *s)
{
	if (s->depth > 0)
		s->depth--;
}

static bool word_is(const struct sh_word *w, const char *kw)
{
	return w->literal && !strcmp(w->value, kw);
}

static void assign(struct sh_parser *p, const struct sh_word *w, const char *why)
{
	if (!env_get(p->env, w->name) && p->env->count >= INIT_ENV_MAX_VARS) {
		problem_add(p->problems, p->path, w->line,
			    "more than %u variables: %s and later ones not read", INIT_ENV_MAX_VARS,
			    w->name);
		return;
	}
	_cleanup_free_ char *t = evidence_text(p->text, w->start, w->end);
	if (why)
		problem_add(p->problems, p->path, w->line,
			    "cannot evaluate %s without running a shell: the assignment to %s is "
			    "taken as if it ran",
			    why, w->name);
	if (strchr(w->value, '\r'))
		/* sh does not strip CR: a CRLF file puts it into the value. */
		problem_add(p->problems, p->path, w->line,
			    "the value of %s contains a carriage return (CRLF line end?): the "
			    "shell keeps it in the value",
			    w->name);
	struct dl_evidence where = { 0 };
	evidence_set(&where, SRC_INIT_FILE, p->path, w->line, t);
	if (w->append) {
		const char *old = var_value(p, w->name);
		_cleanup_free_ char *v = xasprintf("%s%s", old ? old : "", w->value);
		env_set(p->env, w->name, v, &where);
	} else
		env_set(p->env, w->name, w->value, &where);
	evidence_clear(&where);
}

static void run_command(struct sh_parser *p, struct shell_state *st, struct command *c)
{
	size_t i = 0;
	const char *why = NULL;

	if (c->function_def) {
		/* NAME() { ...; }: the body runs only when called. */
		st->pending_function = true;
		return;
	}
	/* Reserved words that prefix or close a command. */
	while (i < c->count && !c->words[i].name) {
		const struct sh_word *w = &c->words[i];
		if (word_is(w, "if") || word_is(w, "while") || word_is(w, "until")) {
			block_push(st, word_is(w, "if") ? BLOCK_IF : BLOCK_LOOP);
			i++;
		} else if (word_is(w, "for") || word_is(w, "select")) {
			block_push(st, BLOCK_LOOP);
			return; /* for NAME in words: nothing to assign that we track */
		} else if (word_is(w, "case")) {
			block_push(st, BLOCK_CASE);
			return;
		} else if (word_is(w, "fi") || word_is(w, "done") || word_is(w, "esac") ||
			   word_is(w, "}")) {
			block_pop(st);
			i++;
		} else if (word_is(w, "{")) {
			block_push(st, st->pending_function ? BLOCK_FUNCTION : BLOCK_GROUP);
			st->pending_function = false;
			i++;
		} else if (word_is(w, "function")) {
			st->pending_function = true;
			return;
		} else if (word_is(w, "then") || word_is(w, "else") || word_is(w, "elif") ||
			   word_is(w, "do") || word_is(w, "!") || word_is(w, "time"))
			i++;
		else
			break;
	}
	if (i >= c->count)
		return;

	if (st->depth > 0)
		why = block_word(block_top(st));
	else if (c->after_and_or || c->ended_by == TOK_AND_OR)
		why = "an assignment joined by && or ||";
	else if (c->ended_by == TOK_PIPE)
		why = "an assignment in a pipeline or background job";

	const struct sh_word *first = &c->words[i];
	if (first->name) {
		size_t k = i;
		while (k < c->count && c->words[k].name)
			k++;
		if (k < c->count) {
			/* NAME=value cmd: the value is in cmd's environment only. */
			problem_add(p->problems, p->path, first->line,
				    "assignment to %s applies only to the command '%s': not read",
				    first->name, c->words[k].value);
			return;
		}
		for (; i < k; i++)
			assign(p, &c->words[i], why);
		return;
	}
	if (word_is(first, "export") || word_is(first, "readonly") || word_is(first, "declare") ||
	    word_is(first, "typeset") || word_is(first, "local")) {
		for (i++; i < c->count; i++)
			if (c->words[i].name)
				assign(p, &c->words[i], why);
		return;
	}
	if (word_is(first, "unset")) {
		for (i++; i < c->count; i++)
			if (c->words[i].value[0] != '-' && env_get(p->env, c->words[i].value)) {
				/* base/words.h has no unset: an empty value is the
				 * closest (differs only for ${X-default}). */
				_cleanup_free_ char *t =
					evidence_text(p->text, first->start, c->words[c->count - 1].end);
				struct dl_evidence where = { 0 };
				evidence_set(&where, SRC_INIT_FILE, p->path, first->line, t);
				env_set(p->env, c->words[i].value, "", &where);
				evidence_clear(&where);
			}
		return;
	}
	if (word_is(first, ".") || word_is(first, "source")) {
		problem_add(p->problems, p->path, first->line,
			    "cannot evaluate '%s %s' without running a shell: the variables of the "
			    "sourced file are not read",
			    first->value, c->count > i + 1 ? c->words[i + 1].value : "");
		return;
	}
	if (word_is(first, "eval") || word_is(first, "read") || word_is(first, "let") ||
	    word_is(first, "mapfile") || word_is(first, "readarray") ||
	    (word_is(first, "printf") && c->count > i + 1 && word_is(&c->words[i + 1], "-v"))) {
		problem_add(p->problems, p->path, first->line,
			    "cannot evaluate '%s' without running a shell: variables it sets are "
			    "not read",
			    first->value);
		return;
	}
	/* Any other command (ulimit, echo, set, ...) sets no variable. */
}

void init_env_parse(struct env *env, const char *path, const char *text,
		    struct dl_problem_list *problems)
{
	struct sh_parser p = {
		.path = path, .text = text ? text : "", .len = text ? strlen(text) : 0, .line = 1,
		.env = env, .problems = problems,
	};
	struct shell_state st = { 0 };
	struct command c = { 0 };
	bool and_or = false;

	for (;;) {
		struct sh_word w;
		enum token_kind k = next_token(&p, &w);
		if (k == TOK_WORD) {
			grow_array(&c.words, &c.cap, c.count + 1, sizeof(*c.words));
			c.words[c.count++] = w;
			continue;
		}
		if (k == TOK_LPAREN) {
			if (c.count == 1 && !c.words[0].name) {
				/* NAME ( ) : a function definition */
				struct sh_word w2;
				skip_blanks(&p);
				if (next_token(&p, &w2) != TOK_RPAREN)
					word_clear(&w2);
				c.function_def = true;
				k = TOK_NEWLINE;
			} else {
				block_push(&st, BLOCK_SUBSHELL);
				continue;
			}
		}
		if (k == TOK_RPAREN) {
			if (c.count) {
				c.ended_by = TOK_NEWLINE;
				c.after_and_or = and_or;
				run_command(&p, &st, &c);
				command_clear(&c);
			}
			/* closes a ( subshell, or a case pattern "x)" */
			if (st.depth && block_top(&st) == BLOCK_SUBSHELL)
				block_pop(&st);
			and_or = false;
			continue;
		}
		c.ended_by = k;
		c.after_and_or = and_or;
		if (c.count || c.function_def)
			run_command(&p, &st, &c);
		command_clear(&c);
		and_or = k == TOK_AND_OR;
		if (k == TOK_END)
			break;
	}
}

/* ------------------------------------------------------------ init scripts */

#define INIT_SCRIPT "/etc/init.d/docker"
#define UPSTART_JOB "/etc/init/docker.conf"

static char *line_at(const char *text, size_t off, size_t *end)
{
	size_t e = off;
	while (text[e] && text[e] != '\n')
		e++;
	*end = e;
	return evidence_text(text, off, e);
}

/* A variable reference $NAME or ${NAME...} anywhere in s. */
static bool references(const char *s, size_t n, const char *name)
{
	size_t l = strlen(name);
	for (size_t i = 0; i + 1 < n; i++) {
		if (s[i] != '$')
			continue;
		size_t b = i + 1 + (s[i + 1] == '{');
		if (b + l <= n && !strncmp(s + b, name, l) && (b + l == n || !is_name_char(s[b + l])))
			return true;
	}
	return false;
}

struct script_line {
	size_t start, end;
	unsigned no;
	bool comment;
};

/* Iterate lines: returns false at the end. */
static bool next_line(const char *text, size_t *pos, unsigned *no, struct script_line *l)
{
	if (!text[*pos])
		return false;
	l->start = *pos;
	l->no = ++*no;
	size_t e = *pos;
	while (text[e] && text[e] != '\n')
		e++;
	l->end = e;
	size_t b = l->start;
	while (b < e && (text[b] == ' ' || text[b] == '\t'))
		b++;
	l->comment = b == e || text[b] == '#';
	*pos = text[e] ? e + 1 : e;
	return true;
}

/* The literal value of "NAME=value" at the start of a line (quotes removed),
 * "${X:-default}" giving default; NULL when the value is not literal. */
static char *literal_assignment(const char *text, const struct script_line *l, const char *name,
				char **via_var)
{
	size_t b = l->start, nl = strlen(name);
	while (b < l->end && (text[b] == ' ' || text[b] == '\t'))
		b++;
	if (l->end - b <= nl || strncmp(text + b, name, nl) || text[b + nl] != '=')
		return NULL;
	b += nl + 1;
	size_t e = b;
	char q = text[b] == '"' || text[b] == '\'' ? text[b] : 0;
	if (q) {
		b++;
		e = b;
		while (e < l->end && text[e] != q)
			e++;
	} else
		while (e < l->end && !strchr(" \t;#", text[e]))
			e++;
	_cleanup_free_ char *v = xstrndup(text + b, e - b);
	const char *dflt = strstr(v, ":-");
	if (v[0] == '$' && v[1] == '{' && dflt && v[strlen(v) - 1] == '}') {
		_cleanup_free_ char *d = xstrndup(dflt + 2, strlen(dflt + 2) - 1);
		if (d[0] != '/' || strpbrk(d, "$`\\\"'"))
			return NULL;
		if (via_var)
			*via_var = xstrndup(v + 2, (size_t)(dflt - v - 2));
		return xstrdup(d);
	}
	if (v[0] != '/' || strpbrk(v, "$`\\\"'"))
		return NULL;
	return xstrdup(v);
}

/* Whether the line assigns NAME (NAME=... after leading blanks). */
static bool line_assigns(const char *text, const struct script_line *l, const char *name)
{
	size_t b = l->start, nl = strlen(name);
	while (b < l->end && (text[b] == ' ' || text[b] == '\t'))
		b++;
	return l->end - b > nl && !strncmp(text + b, name, nl) && text[b + nl] == '=';
}

/* The file under dir ("/etc/default/") the script sources: the literal name,
 * or "docker" when it is built from $BASE, $prog, $UPSTART_JOB, ... */
static char *sourced_path(const char *text, const char *dir)
{
	const char *at = strstr(text, dir);
	size_t dl = strlen(dir);
	if (!at)
		return NULL;
	size_t n = 0;
	while (at[dl + n] && (is_name_char(at[dl + n]) || strchr(".-", at[dl + n])))
		n++;
	if (n == 0 || at[dl + n] == '$' || at[dl + n] == '{')
		return xasprintf("%sdocker", dir);
	return xasprintf("%s%.*s", dir, (int)n, at + dl);
}

static void set_where(struct init_launch *out, const char *script, const char *text,
		      const struct script_line *l)
{
	size_t e;
	_cleanup_free_ char *t = line_at(text, l->start, &e);
	evidence_clear(&out->where);
	evidence_set(&out->where, SRC_INIT_SCRIPT, script, l->no, t);
}

static void detect_from_text(struct init_launch *out, const char *script, const char *text,
			     bool upstart)
{
	size_t pos = 0;
	unsigned no = 0;
	struct script_line l;
	const char *program_var = NULL;

	if (!upstart && (str_startswith(text, "#!/sbin/openrc-run") ||
			 str_startswith(text, "#!/sbin/runscript") ||
			 str_startswith(text, "#!/usr/sbin/openrc-run"))) {
		out->flavor = INIT_OPENRC;
		/* OpenRC sources /etc/conf.d/<service name> for the service. */
		out->env_path = xstrdup("/etc/conf.d/docker");
		out->opts_var = xstrdup("DOCKER_OPTS");
		program_var = "command";
	} else if (!upstart && strstr(text, "/etc/sysconfig/")) {
		out->flavor = INIT_SYSVINIT_REDHAT;
		out->env_path = sourced_path(text, "/etc/sysconfig/");
		/* moby's script and EPEL docker-io pass $other_args; later
		 * Red Hat packaging used $OPTIONS. */
		const char *vars[] = { "other_args", "OPTIONS", "DOCKER_OPTS" };
		for (size_t i = 0; i < 3 && !out->opts_var; i++)
			if (references(text, strlen(text), vars[i]))
				out->opts_var = xstrdup(vars[i]);
		if (!out->opts_var)
			out->opts_var = xstrdup("other_args");
		program_var = "exec";
	} else if (strstr(text, "/etc/default/")) {
		out->flavor = INIT_SYSVINIT_DEBIAN;
		out->env_path = sourced_path(text, "/etc/default/");
		out->opts_var = xstrdup("DOCKER_OPTS");
		program_var = "DOCKERD";
	} else {
		out->flavor = INIT_NONE;
		return;
	}
	out->program_var = xstrdup(program_var);

	bool found_where = false;
	while (next_line(text, &pos, &no, &l)) {
		if (l.comment)
			continue;
		_cleanup_free_ char *via = NULL;
		_cleanup_free_ char *prog = literal_assignment(text, &l, program_var, &via);
		if (prog && !out->program) {
			out->program = prog;
			prog = NULL;
			/* command="${DOCKERD_BINARY:-/usr/bin/dockerd}": the env
			 * file overrides DOCKERD_BINARY, not command. */
			if (via) {
				free(out->program_var);
				out->program_var = via;
				via = NULL;
			}
		}
		if (found_where)
			continue;
		const char *s = text + l.start;
		size_t n = l.end - l.start;
		bool starts = false;
		switch (out->flavor) {
		case INIT_OPENRC:
			starts = line_assigns(text, &l, "command_args");
			break;
		case INIT_SYSVINIT_REDHAT:
			starts = references(s, n, out->opts_var) &&
				 !line_assigns(text, &l, out->opts_var);
			break;
		case INIT_SYSVINIT_DEBIAN:
			starts = (memmem(s, n, "start-stop-daemon", 17) && memmem(s, n, "--start", 7)) ||
				 (upstart && memmem(s, n, "exec ", 5));
			break;
		case INIT_NONE:
			break;
		}
		if (starts) {
			set_where(out, out->script_path, text, &l);
			found_where = true;
		}
	}
	if (!out->program)
		out->program = xstrdup("/usr/bin/dockerd");
	(void)script;
}

void init_launch_detect(struct init_launch *out, const struct rootfs *r,
		        struct dl_problem_list *problems)
{
	memset(out, 0, sizeof(*out));
	const char *paths[] = { INIT_SCRIPT, UPSTART_JOB };
	for (size_t i = 0; i < 2; i++) {
		_cleanup_free_ char *text = NULL;
		size_t len = 0;
		int rc = rootfs_read_file(r, paths[i], ROOTFS_MAX_FILE, &text, &len);
		if (rc == -ENOENT)
			continue;
		out->script_path = xstrdup(paths[i]);
		if (rc < 0) {
			out->status = READ_UNREADABLE;
			problem_add(problems, paths[i], 0, "cannot read init script: %s",
				    rootfs_strerror(rc));
			return;
		}
		if (strlen(text) != len)
			problem_add(problems, paths[i], 0,
				    "init script contains NUL bytes: read up to the first one");
		detect_from_text(out, paths[i], text, i == 1);
		out->status = out->flavor == INIT_NONE ? READ_UNREADABLE : READ_OK;
		if (out->flavor == INIT_NONE)
			problem_add(problems, paths[i], 0,
				    "cannot tell which configuration %s reads (not a Debian, Red Hat, "
				    "OpenRC or Upstart docker script)",
				    paths[i]);
		return;
	}
}

void init_launch_clear(struct init_launch *l)
{
	if (!l)
		return;
	free(l->script_path);
	free(l->env_path);
	free(l->opts_var);
	free(l->program);
	free(l->program_var);
	evidence_clear(&l->where);
	memset(l, 0, sizeof(*l));
}
