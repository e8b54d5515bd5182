/* The words of a dockerd command line, each with where it was written, and
 * environment variable sets, each variable with where it was set. */
#ifndef DOCKERD_SCAP_WORDS_H
#define DOCKERD_SCAP_WORDS_H

#include <stddef.h>

#include "scan_result.h"

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

#endif
