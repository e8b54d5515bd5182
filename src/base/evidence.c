#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/evidence.h"

void evidence_set(struct dl_evidence *e, const char *source, const char *path, unsigned line,
		  const char *text)
{
	e->source = xstrdup(source);
	e->path = xstrdup(path);
	e->line = line;
	e->text = xstrdup(text);
}

void evidence_copy(struct dl_evidence *dst, const struct dl_evidence *src)
{
	evidence_set(dst, src->source, src->path, src->line, src->text);
}

void evidence_clear(struct dl_evidence *e)
{
	free(e->source);
	free(e->path);
	free(e->text);
	memset(e, 0, sizeof(*e));
}

void evidence_list_add(struct dl_evidence_list *l, const char *source, const char *path,
		       unsigned line, const char *text)
{
	/* The same fact reached twice (two hosts from one line) is listed once. */
	for (size_t i = 0; i < l->count; i++) {
		const struct dl_evidence *o = &l->items[i];
		if (o->line == line && !strcmp(o->source ? o->source : "", source ? source : "") &&
		    !strcmp(o->path ? o->path : "", path ? path : "") &&
		    !strcmp(o->text ? o->text : "", text ? text : ""))
			return;
	}
	grow_array(&l->items, &l->cap, l->count + 1, sizeof(*l->items));
	evidence_set(&l->items[l->count++], source, path, line, text);
}

void evidence_list_push(struct dl_evidence_list *l, const struct dl_evidence *e)
{
	evidence_list_add(l, e->source, e->path, e->line, e->text);
}

void evidence_list_clear(struct dl_evidence_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		evidence_clear(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}
