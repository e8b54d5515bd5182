/* Internal building blocks shared by every source reader: evidence and
 * problem lists, argv words that remember where they came from, and
 * environment variable sets. */
#ifndef DOCKERD_SCAP_MODEL_H
#define DOCKERD_SCAP_MODEL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "contract.h"
#include "scan_result.h"

/* Evidence source kinds, as they appear in the JSON contract. */
#define SRC_SYSTEMD_UNIT   "systemd-unit"
#define SRC_SYSTEMD_DROPIN "systemd-dropin"
#define SRC_ENV_FILE       "environment-file"
#define SRC_SOCKET_UNIT    "socket-unit"
#define SRC_DAEMON_JSON    "daemon-json"
#define SRC_INIT_FILE      "init-file"
#define SRC_INIT_SCRIPT    "init-script"
#define SRC_DEFAULT        "dockerd-default"


#define _cleanup_(f) __attribute__((cleanup(f)))
void freep(void *p); /* free(*(void **)p) */
#define _cleanup_free_ _cleanup_(freep)

/* Allocation failure is not recoverable in a scanner: abort with a message. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);       /* NULL stays NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* Grow *items (element size elsize) so that it holds at least need elements. */
void grow_array(void *items, size_t *cap, size_t need, size_t elsize);

/* Evidence */
void evidence_set(struct dl_evidence *e, const char *source, const char *path, unsigned line,
		  const char *text);
void evidence_copy(struct dl_evidence *dst, const struct dl_evidence *src);
void evidence_clear(struct dl_evidence *e);
void evidence_list_add(struct dl_evidence_list *l, const char *source, const char *path,
		       unsigned line, const char *text);
void evidence_list_push(struct dl_evidence_list *l, const struct dl_evidence *e); /* copies */
void evidence_list_clear(struct dl_evidence_list *l);

/* Problems */
void problem_add(struct dl_problem_list *l, const char *path, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Like problem_add, for something understood whose effect is known (a line
 * systemd ignores): it does not make the listener set uncertain. */
void warning_add(struct dl_problem_list *l, const char *path, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void problem_list_clear(struct dl_problem_list *l);
/* Number of entries of severity DL_SEVERITY_ERROR. */
size_t problem_list_errors(const struct dl_problem_list *l);

/* A word of dockerd's command line, with where it was written and, when it
 * came from a variable, where that variable was set. */
struct word {
	char *text;
	struct dl_evidence where; /* the ExecStart= line, init script line, ... */
	struct dl_evidence via;   /* variable definition; via.source == NULL if none */
};

struct word_list {
	struct word *items;
	size_t count, cap;
};

void word_list_add(struct word_list *l, const char *text, const struct dl_evidence *where,
		   const struct dl_evidence *via);
void word_list_clear(struct word_list *l);

/* An environment variable with where it was set. Later sets replace earlier. */
struct env_var {
	char *name;
	char *value;
	struct dl_evidence where;
};

struct env {
	struct env_var *items;
	size_t count, cap;
};

void env_set(struct env *e, const char *name, const char *value, const struct dl_evidence *where);
const struct env_var *env_get(const struct env *e, const char *name);
void env_clear(struct env *e);

/* Text helpers */
bool str_startswith(const char *s, const char *prefix);
bool str_endswith(const char *s, const char *suffix);
/* Parse a decimal unsigned integer in [min,max]; whole string must match. */
_must_check_ int parse_uint(const char *s, unsigned long min, unsigned long max, unsigned long *out);

#endif
