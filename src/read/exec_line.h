/* systemd's command-line syntax for ExecStart= (systemd.service(5),
 * "COMMAND LINES"; systemd src/basic/extract-word.c, src/core/execute.c
 * replace_env_argv): prefixes, quoting, C escapes, line continuations,
 * $VAR / ${VAR} / $$ and %%.
 *
 * What systemd 252 does, in order, and what this module reproduces:
 *
 *  1. Load time (src/core/load-fragment.c config_parse_exec): the value is
 *     cut into words by extract_first_word(EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE).
 *     Words split at whitespace; '...' and "..." may start anywhere in a word
 *     and are equivalent; C escapes (\a \b \f \n \r \t \v \\ \" \' \s \xHH
 *     \nnn \uXXXX \UXXXXXXXX) are decoded inside and outside quotes. An
 *     unknown or malformed escape is kept verbatim, backslash included, with a
 *     warning ("Ignoring unknown escape sequences"). An unbalanced quote is an
 *     error. Each word then has its %-specifiers resolved.
 *  2. The first word carries the prefixes "-" "@" ":" "+" "!" "!!" and is the
 *     executable path; it must be absolute or a plain file name. With "@" the
 *     second word is argv[0]; otherwise argv[0] is the path as written.
 *     A word that is exactly ";" separates commands; "\;" is a literal ";".
 *  3. Exec time (src/core/execute.c → replace_env_argv, unless ":"): a word
 *     that starts with "$" but not "${" or "$$" is a variable *name* (the
 *     whole rest of the word) whose value is split at whitespace with
 *     EXTRACT_RELAX|EXTRACT_UNQUOTE (quotes removed, backslash quotes the next
 *     character, no C escapes): one word per piece, none for an unset or
 *     blank variable. In any other word "${NAME}" is replaced by the value as
 *     is (an unset one by nothing: "${X}" alone yields one empty word) and
 *     "$$" by "$"; a "$NAME" inside a larger word stays literal.
 *
 * Errors follow systemd: a first word that cannot be decoded makes systemd
 * ignore the line; any later failure (bad quoting, bad path, unknown
 * specifier, "@" with no argv[0]) makes the unit fail to load
 * ("bad-setting") unless the "-" prefix is present, in which case only the
 * line is ignored. exec_line_info.fault says which, and .reason why.
 *
 * How failures reach the caller (the error contract, docs/architecture.md):
 * exec_line_split_full() and exec_line_split_ctx() return a negative errno
 * and leave a typed reason in exec_line_info (enum exec_line_reason, with
 * the offending word in .subject), because their callers decide what the
 * failure means: the systemd reader warns for a line systemd ignores and
 * refuses the unit for a fatal one (a warning only in a drop-in), the
 * launch reader (read/launch.c) marks dockerd as not starting, the fix
 * planner skips the line. They turn the reason into a problem with
 * exec_line_error_text(). exec_line_split(), for a caller that only wants
 * the words, adds that problem itself, naming the file and line of where.
 * Nothing here returns a message string.
 *
 * Not handled here: line continuation (a trailing backslash joins the next
 * line, and comment lines inside a continuation are skipped) is done by the
 * unit-file reader before the value reaches this module; an empty value
 * (ExecStart= resets the list) is the caller's business too. */
#ifndef DOCKERD_SCAP_EXEC_LINE_H
#define DOCKERD_SCAP_EXEC_LINE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/words.h"
#include "base/problems.h"

#include "base/contract.h"
/* Bounds: a longer value, or a command line with more words or bytes after
 * expansion, is refused with -E2BIG (systemd's own limit is LONG_LINE_MAX,
 * 1 MiB, per line; no real ExecStart= comes near 64 KiB). */
#define EXEC_LINE_MAX_VALUE (64u * 1024u)
#define EXEC_LINE_MAX_WORDS 4096u
#define EXEC_LINE_MAX_BYTES (1024u * 1024u)

/* Split an ExecStart= value (already joined across continuation lines, with
 * prefixes "@-:+!|" still present) into words, expanding variables from env.
 * Each resulting word gets where = *where, and via = the env var's evidence
 * when the word came from a variable. Unknown variables expand to nothing.
 * Returns 0, or -EINVAL / -E2BIG after adding a problem (error) to problems
 * naming where's path and line and saying why (exec_line_error_text()). */
_must_check_ int exec_line_split(struct word_list *out, const char *value, const struct env *env,
				 const struct dl_evidence *where, struct dl_problem_list *problems);
/* Details of the contract above, as implemented:
 *  - Words are appended to out; word 0 is the executable path systemd runs
 *    (after specifiers, with duplicate "/" and "/./" removed, as systemd's
 *    path_simplify() does), words 1.. are argv[1..]. argv[0] itself is not
 *    in out: with "@" it is the second word as written (use
 *    exec_line_split_full() to get it); without "@" it is the path.
 *  - Specifiers are resolved for the unit "docker.service".
 *  - "|" is NOT a prefix in systemd 252 (it is since 258: run through a
 *    shell), so "|/usr/bin/dockerd" is an invalid path there: -EINVAL.
 *  - A value holding several commands (";") is refused with -EINVAL: a
 *    service that is not Type=oneshot cannot have more than one.
 *  - -EINVAL also covers every other case where systemd cannot use the line
 *    (see fault above); -E2BIG for the bounds. On error nothing is added. */

/* What systemd does with a line it cannot use. */
enum exec_line_fault {
	EXEC_LINE_OK = 0,
	EXEC_LINE_IGNORED,     /* logged, this assignment is ignored; earlier ones stay */
	EXEC_LINE_BAD_SETTING, /* the unit fails to load ("bad-setting"): it cannot start */
};

/* Why a line cannot be used (systemd 252 src/core/load-fragment.c
 * config_parse_exec() unless said otherwise). subject: the word or path
 * named, in exec_line_info.subject. */
enum exec_line_reason {
	EXEC_LINE_REASON_NONE = 0,
	EXEC_LINE_PATH_QUOTING,      /* the first word cannot be decoded (extract_first_word) */
	EXEC_LINE_UNKNOWN_SPECIFIER, /* specifier_printf() -EBADSLT; subject: the word, .specifier */
	EXEC_LINE_EMPTY_PATH,        /* only prefixes */
	EXEC_LINE_PATH_UNSAFE,       /* string_is_safe() fails; subject: the path */
	EXEC_LINE_PATH_DIRECTORY,    /* ends in "/"; subject: the path */
	EXEC_LINE_PATH_PIPE,         /* "|path": a prefix only since systemd 258; subject: the path */
	EXEC_LINE_PATH_INVALID,      /* neither path_is_absolute() nor filename_is_valid(); subject */
	EXEC_LINE_QUOTING,           /* a later word cannot be decoded */
	EXEC_LINE_NO_ARGV0,          /* "@" and no word after the path */
	EXEC_LINE_VALUE_TOO_LONG,    /* -E2BIG: over EXEC_LINE_MAX_VALUE */
	EXEC_LINE_TOO_MANY_WORDS,    /* -E2BIG: over EXEC_LINE_MAX_WORDS before expansion */
	EXEC_LINE_EXPANDS_TOO_BIG,   /* -E2BIG: over EXEC_LINE_MAX_WORDS or _BYTES after expansion */
	EXEC_LINE_SEVERAL_COMMANDS,  /* exec_line_split() only: ";" and more than one command
				      * (src/core/service.c service_verify(): only Type=oneshot) */
};

/* One thing systemd warns about on a line it uses (src/basic/extract-word.c
 * "Ignoring unknown escape sequences"; src/core/load-fragment.c
 * config_parse_exec() for a later command it ignores); the host-dependent
 * specifiers are this module's own note: their value is not known here. */
enum exec_line_note_kind {
	EXEC_LINE_NOTE_HOST_NAME,       /* %H or %l took the host name: specifier, value */
	EXEC_LINE_NOTE_HOST_SPECIFIER,  /* a host-dependent specifier left as written: specifier */
	EXEC_LINE_NOTE_UNKNOWN_ESCAPES, /* escapes kept verbatim with their backslash: count */
	EXEC_LINE_NOTE_COMMAND_IGNORED, /* a later command systemd ignores, and the rest of the
					 * line: command (1-based), reason, subject, specifier */
};

struct exec_line_note {
	enum exec_line_note_kind kind;
	char specifier;
	char *value;                  /* HOST_NAME: the host name */
	unsigned count;               /* UNKNOWN_ESCAPES */
	size_t command;               /* COMMAND_IGNORED */
	enum exec_line_reason reason; /* COMMAND_IGNORED: why */
	char *subject;                /* COMMAND_IGNORED: the word the reason names, or NULL */
};

struct exec_line_info {
	/* prefixes of the first command */
	bool ignore_failure;   /* "-" */
	bool separate_argv0;   /* "@" */
	bool no_env_expand;    /* ":" */
	bool full_privileges;  /* "+" */
	bool no_setuid;        /* "!" */
	bool ambient_magic;    /* "!!" */
	char *argv0;           /* argv[0] the process receives (expanded); NULL if none */
	size_t ncommands;      /* commands in the value (";" separates them); 0 if blank */
	enum exec_line_fault fault; /* with a -EINVAL return: what systemd does */
	enum exec_line_reason reason; /* with any error return: why */
	char *subject;         /* the word or path the reason names, or NULL */
	char specifier;        /* EXEC_LINE_UNKNOWN_SPECIFIER: the letter */
	bool host_name;        /* a specifier took the host name (%H, %l): the words depend on it */
	/* What systemd warns about on a usable line, each once, in the order
	 * found; at most about 2 KiB of text (notes_truncated: more were left
	 * out). The launch reader adds exec_line_notes_text() as one warning
	 * at the line. */
	struct exec_line_note *notes;
	size_t nnotes;
	bool notes_truncated;
};

/* The message of one note, and of all of info's notes "; "-separated (with
 * "; ..." when some were left out), malloc'd; exec_line_notes_text() gives
 * NULL when there are none. */
char *exec_line_note_text(const struct exec_line_note *note);
char *exec_line_notes_text(const struct exec_line_info *info);

/* The message for info's reason alone (malloc'd), e.g. "unknown specifier
 * %D in "/x%D"": the systemd reader's text for a drop-in, where a fatal line
 * loses only the rest of the file. */
char *exec_line_reason_text(const struct exec_line_info *info);
/* The reason followed by what systemd does with the line (malloc'd), e.g.
 * "unbalanced quoting: systemd refuses to load the unit (bad-setting)": the
 * message of the problem a failed split becomes. */
char *exec_line_error_text(const struct exec_line_info *info);

/* exec_line_split() with the details, and a typed reason instead of a
 * problem: unit_name names the unit for %n, %N, %p, %i, ... (NULL:
 * "docker.service"); info (may be NULL) is overwritten with the prefixes,
 * argv[0] and notes, or on an error return with fault, reason and subject
 * (free with exec_line_info_clear()). Several commands are not an error
 * here: out gets the first one and info->ncommands says how many there are. */
_must_check_ int exec_line_split_full(struct word_list *out, struct exec_line_info *info,
				      const char *value, const char *unit_name,
				      const struct env *env, const struct dl_evidence *where);
void exec_line_info_clear(struct exec_line_info *info);

/* What systemd 252 knows about the host when it resolves specifiers in a
 * command line (src/core/unit-printf.c, src/shared/specifier.c). Any field
 * may be NULL: the specifier is then left as written and noted. */
struct exec_line_ctx {
	const char *unit_name;  /* %n %N %p %i ...; NULL: "docker.service" */
	const char *hostname;   /* %H, %l (up to the first "."): gethostname(), which
	                         * systemd set from /etc/hostname at boot */
	const char *shell;      /* %s: root's shell, DEFAULT_USER_SHELL (/bin/bash on
	                         * Debian) when it exists in the root, else /bin/sh;
	                         * the passwd entry is not read */
	const char *unit_path;  /* %y, %Y: the unit file's path */
	size_t command;         /* which command of a ";"-separated line to return
	                         * (0: the first); a oneshot service runs them all */
};

/* exec_line_split_full() with the host facts above. exec_line_split_full()
 * is this with only unit_name set, except that %s is "/bin/sh" there. */
_must_check_ int exec_line_split_ctx(struct word_list *out, struct exec_line_info *info,
				     const char *value, const struct exec_line_ctx *ctx,
				     const struct env *env, const struct dl_evidence *where);

/* Where each word of an ExecStart= value is written, for a fix that removes
 * words (docs/fix.md): the same tokenizer as exec_line_split_full(), so
 * quoting and escapes are read exactly as systemd reads them. For the first
 * command of value: span i is the word at value[start, end) as written
 * (quotes included; word 0 is the executable path with its prefixes), and
 * words/nwords say which words of exec_line_split_full()'s output came from
 * it after expansion with env (word 0 -> the path; with "@" the argv[0] word
 * yields none; "$VAR" may yield zero or more, every other word exactly one).
 * var is set (malloc'd) for a "$VAR" word and for a word that is exactly
 * "${VAR}". Returns the number of spans, or -EINVAL/-E2BIG when the value is
 * not a line systemd would run (use exec_line_split_full() for the reason). */
struct exec_line_span {
	size_t start, end;
	size_t word, nwords;
	char *var;
	bool braced; /* var came from "${VAR}" */
};
_must_check_ int exec_line_spans(struct exec_line_span **out, const char *value,
				 const struct env *env);
void exec_line_spans_free(struct exec_line_span *spans, size_t n);

#endif
