#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/evidence.h"
#include "base/words.h"

void word_list_add(struct word_list *l, const char *text, const struct dl_evidence *where,
		   const struct dl_evidence *via)
{
	grow_array(&l->items, &l->cap, l->count + 1, sizeof(*l->items));
	struct word *w = &l->items[l->count++];
	memset(w, 0, sizeof(*w));
	w->text = xstrdup(text);
	if (where)
		evidence_copy(&w->where, where);
	if (via && via->source)
		evidence_copy(&w->via, via);
}

void word_list_clear(struct word_list *l)
{
	for (size_t i = 0; i < l->count; i++) {
		free(l->items[i].text);
		evidence_clear(&l->items[i].where);
		evidence_clear(&l->items[i].via);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void env_set(struct env *e, const char *name, const char *value, const struct dl_evidence *where)
{
	for (size_t i = 0; i < e->count; i++) {
		struct env_var *v = &e->items[i];
		if (!strcmp(v->name, name)) {
			free(v->value);
			v->value = xstrdup(value);
			evidence_clear(&v->where);
			if (where)
				evidence_copy(&v->where, where);
			return;
		}
	}
	grow_array(&e->items, &e->cap, e->count + 1, sizeof(*e->items));
	struct env_var *v = &e->items[e->count++];
	memset(v, 0, sizeof(*v));
	v->name = xstrdup(name);
	v->value = xstrdup(value);
	if (where)
		evidence_copy(&v->where, where);
}

const struct env_var *env_get(const struct env *e, const char *name)
{
	for (size_t i = 0; i < e->count; i++)
		if (!strcmp(e->items[i].name, name))
			return &e->items[i];
	return NULL;
}

void env_clear(struct env *e)
{
	for (size_t i = 0; i < e->count; i++) {
		free(e->items[i].name);
		free(e->items[i].value);
		evidence_clear(&e->items[i].where);
	}
	free(e->items);
	memset(e, 0, sizeof(*e));
}
