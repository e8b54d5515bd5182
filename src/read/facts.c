/* The facts stage's status type (read/facts.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "read/facts.h"
#include "base/alloc.h"

const char *read_status_name(enum read_status s)
{
	switch (s) {
	case READ_ABSENT:
		return "absent";
	case READ_OK:
		return "read";
	case READ_UNREADABLE:
		return "unreadable";
	case READ_REFUSED:
		return "refused";
	}
	return "?";
}

enum read_status read_status_from_errno(int err)
{
	if (err == -ENOENT)
		return READ_ABSENT;
	return err < 0 ? READ_UNREADABLE : READ_OK;
}

static int severity(enum read_status s)
{
	switch (s) {
	case READ_ABSENT:
		return 0;
	case READ_OK:
		return 1;
	case READ_REFUSED:
		return 2;
	case READ_UNREADABLE:
		return 3;
	}
	return 3;
}

enum read_status read_status_worst(enum read_status a, enum read_status b)
{
	return severity(a) >= severity(b) ? a : b;
}

void read_fact_add(struct read_fact_list *l, const char *path, enum read_status status)
{
	grow_array(&l->items, &l->cap, l->count + 1, sizeof(*l->items));
	l->items[l->count].path = xstrdup(path ? path : "");
	l->items[l->count].status = status;
	l->count++;
}

enum read_status read_fact_status(const struct read_fact_list *l, const char *path)
{
	for (size_t i = l->count; i-- > 0;)
		if (!strcmp(l->items[i].path, path))
			return l->items[i].status;
	return READ_ABSENT;
}

enum read_status read_fact_worst(const struct read_fact_list *l)
{
	enum read_status s = READ_ABSENT;
	for (size_t i = 0; i < l->count; i++)
		s = read_status_worst(s, l->items[i].status);
	return s;
}

void read_fact_list_clear(struct read_fact_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->items[i].path);
	free(l->items);
	memset(l, 0, sizeof(*l));
}
