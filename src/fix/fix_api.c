/* The public accessors of a fix plan (<dockerd-scap/fix.h>): read-only
 * views of the opaque types fix_plan.c builds and fix_apply.c verifies and
 * writes. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>

#include "fix/fix_internal.h"

const char *dl_fix_plan_root(const struct dl_fix_plan *p) { return p->root; }
size_t dl_fix_plan_file_count(const struct dl_fix_plan *p) { return p->nfiles; }
const struct dl_fix_file *dl_fix_plan_file(const struct dl_fix_plan *p, size_t i)
{
	return i < p->nfiles ? &p->files[i] : NULL;
}
size_t dl_fix_plan_refusal_count(const struct dl_fix_plan *p) { return p->nrefusals; }
const char *dl_fix_plan_refusal(const struct dl_fix_plan *p, size_t i)
{
	return i < p->nrefusals ? p->refusals[i] : NULL;
}
size_t dl_fix_plan_tcp_before(const struct dl_fix_plan *p) { return p->tcp_before; }
enum dl_launch_method dl_fix_plan_launch_method(const struct dl_fix_plan *p)
{
	return p->launch_method;
}
bool dl_fix_plan_verified(const struct dl_fix_plan *p) { return p->verified; }

const char *dl_fix_file_path(const struct dl_fix_file *f) { return f->path; }
bool dl_fix_file_created(const struct dl_fix_file *f) { return f->create; }
bool dl_fix_file_masked(const struct dl_fix_file *f) { return f->mask; }
const char *dl_fix_file_old_text(const struct dl_fix_file *f, size_t *len)
{
	if (len)
		*len = f->old_len;
	return f->old_text;
}
const char *dl_fix_file_new_text(const struct dl_fix_file *f, size_t *len)
{
	if (len)
		*len = f->new_len;
	return f->new_text;
}
const char *dl_fix_file_why(const struct dl_fix_file *f) { return f->why; }
const char *dl_fix_file_socket_unit(const struct dl_fix_file *f)
{
	return f->socket_unit ? (f->unit ? f->unit : "") : NULL;
}
