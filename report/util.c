/*
 * The report's small helpers, shared by the readers (results.c, evidence.c,
 * oval.c) and the writers: allocation that aborts on failure (the library's
 * out-of-memory policy) and DISA's id prefixes.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

char *report_strdup(const char *s)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	if (!d)
		abort();
	return d;
}

char *report_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	char *s = malloc((size_t)n + 1);
	if (!s)
		abort();
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

const char *report_short_rule_id(const char *idref)
{
	size_t n = strlen(REPORT_DISA_RULE_PREFIX);
	return strncmp(idref, REPORT_DISA_RULE_PREFIX, n) == 0 ? idref + n : idref;
}

const char *report_short_group_id(const char *idref)
{
	size_t n = strlen(REPORT_DISA_GROUP_PREFIX);
	return strncmp(idref, REPORT_DISA_GROUP_PREFIX, n) == 0 ? idref + n : idref;
}
