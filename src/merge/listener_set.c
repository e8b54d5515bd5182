/* The listener set: one entry per endpoint (docs/rules.md rule 8), with
 * every piece of evidence that named it, in a stable order. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "merge/listener_set.h"
#include "base/alloc.h"
#include "base/evidence.h"
static int proto_rank(enum dl_proto p)
{
	return p == DL_PROTO_TCP ? 0 : p == DL_PROTO_UNIX ? 1 : 2;
}

static int strcmp_null(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

struct dl_listener *listener_set_add(struct dl_listener_list *set, enum dl_proto proto,
				     const char *address, unsigned port, const char *path,
				     const char *fd)
{
	for (size_t i = 0; i < set->count; i++) {
		struct dl_listener *l = &set->items[i];
		if (l->proto != proto)
			continue;
		if (proto == DL_PROTO_TCP && !strcmp_null(l->address, address) && l->port == port)
			return l;
		if (proto == DL_PROTO_UNIX && !strcmp_null(l->path, path))
			return l;
		if (proto == DL_PROTO_FD && !strcmp_null(l->fd, fd))
			return l;
	}
	grow_array(&set->items, &set->cap, set->count + 1, sizeof(*set->items));
	struct dl_listener *l = &set->items[set->count++];
	memset(l, 0, sizeof(*l));
	l->proto = proto;
	l->address = xstrdup(address);
	l->port = port;
	l->path = xstrdup(path);
	l->fd = xstrdup(fd);
	l->tls = DL_TLS_NONE;
	return l;
}

static int listener_cmp(const void *a, const void *b)
{
	const struct dl_listener *x = a, *y = b;
	int r = proto_rank(x->proto) - proto_rank(y->proto);
	if (r)
		return r;
	if ((r = strcmp_null(x->address, y->address)))
		return r;
	if (x->port != y->port)
		return x->port < y->port ? -1 : 1;
	if ((r = strcmp_null(x->path, y->path)))
		return r;
	return strcmp_null(x->fd, y->fd);
}

void listener_set_sort(struct dl_listener_list *set)
{
	if (set->count > 1)
		qsort(set->items, set->count, sizeof(*set->items), listener_cmp);
}

void listener_list_clear(struct dl_listener_list *set)
{
	for (size_t i = 0; i < set->count; i++) {
		struct dl_listener *l = &set->items[i];
		free(l->address);
		free(l->path);
		free(l->fd);
		free(l->note);
		evidence_list_clear(&l->evidence);
	}
	free(set->items);
	memset(set, 0, sizeof(*set));
}

void listener_add_note(struct dl_listener *l, const char *note)
{
	if (!note || !*note)
		return;
	if (!l->note) {
		l->note = xstrdup(note);
		return;
	}
	if (strstr(l->note, note))
		return;
	char *n = xasprintf("%s; %s", l->note, note);
	free(l->note);
	l->note = n;
}
