#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

void freep(void *p)
{
	free(*(void **)p);
}

static void oom(void)
{
	fputs("dockerd-scap: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

char *xstrdup(const char *s)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	if (!d)
		oom();
	return d;
}

char *xstrndup(const char *s, size_t n)
{
	char *d = strndup(s, n);
	if (!d)
		oom();
	return d;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		oom();
	return s;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void grow_array(void *items, size_t *cap, size_t need, size_t elsize)
{
	void **pp = items;
	if (need <= *cap)
		return;
	size_t n = *cap ? *cap : 4;
	while (n < need) {
		if (n > ((size_t)-1) / 2 / elsize)
			oom();
		n *= 2;
	}
	*pp = xrealloc(*pp, n * elsize);
	*cap = n;
}

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

static void problem_vadd(struct dl_problem_list *l, enum dl_severity sev, const char *path,
			 unsigned line, const char *fmt, va_list ap)
{
	char *msg = NULL;
	if (vasprintf(&msg, fmt, ap) < 0)
		oom();
	for (size_t i = 0; i < l->count; i++) {
		struct dl_problem *o = &l->items[i];
		if (o->line == line && !strcmp(o->path ? o->path : "", path ? path : "") &&
		    !strcmp(o->message, msg)) {
			if (sev == DL_SEVERITY_ERROR)
				o->severity = DL_SEVERITY_ERROR; /* the stronger one wins */
			free(msg);
			return;
		}
	}
	grow_array(&l->items, &l->cap, l->count + 1, sizeof(*l->items));
	struct dl_problem *p = &l->items[l->count++];
	p->path = xstrdup(path);
	p->line = line;
	p->message = msg;
	p->severity = sev;
	p->scope = DL_SCOPE_LISTENERS;
}

void problem_add(struct dl_problem_list *l, const char *path, unsigned line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	problem_vadd(l, DL_SEVERITY_ERROR, path, line, fmt, ap);
	va_end(ap);
}

void warning_add(struct dl_problem_list *l, const char *path, unsigned line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	problem_vadd(l, DL_SEVERITY_WARNING, path, line, fmt, ap);
	va_end(ap);
}

size_t problem_list_errors(const struct dl_problem_list *l)
{
	size_t n = 0;
	for (size_t i = 0; i < l->count; i++)
		n += l->items[i].severity == DL_SEVERITY_ERROR;
	return n;
}

void problem_list_clear(struct dl_problem_list *l)
{
	for (size_t i = 0; i < l->count; i++) {
		free(l->items[i].path);
		free(l->items[i].message);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

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

bool str_startswith(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_endswith(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

int parse_uint(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;
	if (!s || !*s)
		return -EINVAL;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		unsigned d = (unsigned)(*p - '0');
		if (d > max || v > (max - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	if (v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}
