/* Problems: what could not be read or understood (errors: the verdicts
 * become error, never pass) and what was understood but is worth saying
 * (warnings). The only place diagnostics go. */
#ifndef DOCKERD_SCAP_PROBLEMS_H
#define DOCKERD_SCAP_PROBLEMS_H

#include <stdbool.h>
#include <stddef.h>

#include "scan_result.h"

void problem_add(struct dl_problem_list *l, const char *path, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Like problem_add, for something understood whose effect is known (a line
 * systemd ignores): it does not make the listener set uncertain. */
void warning_add(struct dl_problem_list *l, const char *path, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void problem_list_clear(struct dl_problem_list *l);
/* At most this many entries per file (per path; NULL is one source): the
 * next ones are counted in one "and K more" entry of that file, an error if
 * any of them was. A 1M-line garbage table stays a readable report and a
 * linear scan. */
#define PROBLEM_MAX_PER_SOURCE 100
/* Number of entries of severity DL_SEVERITY_ERROR. */
size_t problem_list_errors(const struct dl_problem_list *l);
/* Whether an error names path or a directory above it (any error when path
 * is NULL). */
bool problem_list_has_error_for(const struct dl_problem_list *l, const char *path);

#endif
