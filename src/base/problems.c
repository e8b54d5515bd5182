#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/problems.h"

/* ------------------------------------------------------------ problems
 *
 * De-duplication is a hash set of (path, line, message) over the listed
 * entries and, for entries hidden by the per-file cap, of their 64-bit
 * hashes; per-file counts are a hash map from path. Both are open-addressed
 * tables that double at half load: adding a problem is O(1) expected,
 * where the former linear search made a garbage table quadratic. */

struct src_count {
	char *path;        /* NULL for the no-path source */
	bool used;
	size_t listed;     /* entries listed for this path */
	size_t hidden;     /* distinct entries past the cap */
	size_t summary;    /* index + 1 of the "and K more" entry, 0 until needed */
	bool hidden_error; /* some hidden entry was an error */
};

struct problem_index {
	size_t *slots; /* index + 1 into items, 0 empty */
	size_t nslots, used;
	struct src_count *src;
	size_t nsrc, src_used;
	uint64_t *hidden; /* hashes of hidden entries; 0 empty (a 0 hash is stored as 1) */
	size_t nhidden, hidden_used;
};

static uint64_t fnv_bytes(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static uint64_t hash_path(const char *path)
{
	uint64_t h = 14695981039346656037ULL;
	if (path)
		h = fnv_bytes(h ^ 1, path, strlen(path) + 1);
	return h;
}

static uint64_t hash_problem(const char *path, unsigned line, const char *msg)
{
	uint64_t h = hash_path(path);
	char lb[sizeof(line)];
	memcpy(lb, &line, sizeof(line));
	h = fnv_bytes(h, lb, sizeof(lb));
	return fnv_bytes(h, msg, strlen(msg));
}

static bool same_path(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static void index_insert_slot(struct problem_index *x, size_t item, uint64_t h)
{
	size_t m = x->nslots - 1, i = (size_t)h & m;
	while (x->slots[i])
		i = (i + 1) & m;
	x->slots[i] = item + 1;
	x->used++;
}

static void index_grow(struct problem_index *x, const struct dl_problem_list *l)
{
	if (x->nslots && (x->used + 1) * 2 <= x->nslots)
		return;
	size_t n = x->nslots ? x->nslots * 2 : 64;
	free(x->slots);
	x->slots = xcalloc(n, sizeof(*x->slots));
	x->nslots = n;
	x->used = 0;
	for (size_t i = 0; i < l->count; i++) {
		const struct dl_problem *p = &l->items[i];
		index_insert_slot(x, i, hash_problem(p->path, p->line, p->message));
	}
}

static struct src_count *src_find(struct problem_index *x, const char *path, bool create)
{
	if (create && (x->src_used + 1) * 2 > x->nsrc) {
		size_t n = x->nsrc ? x->nsrc * 2 : 16;
		struct src_count *t = xcalloc(n, sizeof(*t));
		for (size_t i = 0; i < x->nsrc; i++) {
			if (!x->src[i].used)
				continue;
			size_t k = (size_t)hash_path(x->src[i].path) & (n - 1);
			while (t[k].used)
				k = (k + 1) & (n - 1);
			t[k] = x->src[i];
		}
		free(x->src);
		x->src = t;
		x->nsrc = n;
	}
	if (!x->nsrc)
		return NULL;
	size_t m = x->nsrc - 1, k = (size_t)hash_path(path) & m;
	while (x->src[k].used) {
		if (same_path(x->src[k].path, path))
			return &x->src[k];
		k = (k + 1) & m;
	}
	if (!create)
		return NULL;
	x->src[k].used = true;
	x->src[k].path = xstrdup(path);
	x->src_used++;
	return &x->src[k];
}

/* Adds h to the hidden set; false when it was there already. */
static bool hidden_insert(struct problem_index *x, uint64_t h)
{
	if (!h)
		h = 1;
	if ((x->hidden_used + 1) * 2 > x->nhidden) {
		size_t n = x->nhidden ? x->nhidden * 2 : 64;
		uint64_t *t = xcalloc(n, sizeof(*t));
		for (size_t i = 0; i < x->nhidden; i++) {
			if (!x->hidden[i])
				continue;
			size_t k = (size_t)x->hidden[i] & (n - 1);
			while (t[k])
				k = (k + 1) & (n - 1);
			t[k] = x->hidden[i];
		}
		free(x->hidden);
		x->hidden = t;
		x->nhidden = n;
	}
	size_t m = x->nhidden - 1, k = (size_t)h & m;
	while (x->hidden[k]) {
		if (x->hidden[k] == h)
			return false;
		k = (k + 1) & m;
	}
	x->hidden[k] = h;
	x->hidden_used++;
	return true;
}

static struct dl_problem *problem_append(struct dl_problem_list *l, enum dl_severity sev,
					 const char *path, unsigned line, char *msg)
{
	grow_array(&l->items, &l->cap, l->count + 1, sizeof(*l->items));
	struct dl_problem *p = &l->items[l->count++];
	p->path = xstrdup(path);
	p->line = line;
	p->message = msg;
	p->severity = sev;
	p->scope = DL_SCOPE_LISTENERS;
	return p;
}

static void problem_vadd(struct dl_problem_list *l, enum dl_severity sev, const char *path,
			 unsigned line, const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
static void problem_vadd(struct dl_problem_list *l, enum dl_severity sev, const char *path,
			 unsigned line, const char *fmt, va_list ap)
{
	char *msg = NULL;
	if (vasprintf(&msg, fmt, ap) < 0)
		oom();
	if (!l->index)
		l->index = xcalloc(1, sizeof(struct problem_index));
	struct problem_index *x = l->index;
	index_grow(x, l);
	uint64_t h = hash_problem(path, line, msg);
	for (size_t m = x->nslots - 1, i = (size_t)h & m; x->slots[i]; i = (i + 1) & m) {
		struct dl_problem *o = &l->items[x->slots[i] - 1];
		if (o->line == line && same_path(o->path, path) && !strcmp(o->message, msg)) {
			if (sev == DL_SEVERITY_ERROR)
				o->severity = DL_SEVERITY_ERROR; /* the stronger one wins */
			free(msg);
			return;
		}
	}
	struct src_count *sc = src_find(x, path, true);
	if (sc->listed < PROBLEM_MAX_PER_SOURCE) {
		sc->listed++;
		problem_append(l, sev, path, line, msg);
		index_insert_slot(x, l->count - 1, h);
		return;
	}
	/* Past the cap: counted once in the file's summary entry, which is
	 * not itself in the de-duplication set. */
	free(msg);
	bool fresh = hidden_insert(x, h);
	if (sev == DL_SEVERITY_ERROR)
		sc->hidden_error = true;
	if (fresh)
		sc->hidden++;
	struct dl_problem *s;
	if (!sc->summary) {
		s = problem_append(l, sev, path, 0, NULL);
		sc->summary = l->count;
	} else {
		s = &l->items[sc->summary - 1];
		free(s->message);
	}
	s->severity = sc->hidden_error ? DL_SEVERITY_ERROR : DL_SEVERITY_WARNING;
	s->message = xasprintf("and %zu more problem%s in this file, not listed (at most %u are)",
			       sc->hidden, sc->hidden == 1 ? "" : "s",
			       (unsigned)PROBLEM_MAX_PER_SOURCE);
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

bool problem_list_has_error_for(const struct dl_problem_list *l, const char *path)
{
	size_t n = path ? strlen(path) : 0;
	for (size_t i = 0; i < l->count; i++) {
		const struct dl_problem *p = &l->items[i];
		if (p->severity != DL_SEVERITY_ERROR)
			continue;
		if (!path)
			return true;
		if (!p->path)
			continue;
		size_t m = strlen(p->path);
		/* The file itself, or a directory on its path (a unit
		 * directory that cannot be read names the directory). */
		if (!strcmp(p->path, path) || (m < n && !strncmp(p->path, path, m) && path[m] == '/'))
			return true;
	}
	return false;
}

void problem_list_clear(struct dl_problem_list *l)
{
	for (size_t i = 0; i < l->count; i++) {
		free(l->items[i].path);
		free(l->items[i].message);
	}
	struct problem_index *x = l->index;
	if (x) {
		for (size_t i = 0; i < x->nsrc; i++)
			free(x->src[i].path);
		free(x->src);
		free(x->slots);
		free(x->hidden);
		free(x);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}
