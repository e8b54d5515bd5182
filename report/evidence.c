/*
 * The probe's evidence as the SCE check imports it: dockerd-listeners' text
 * output (src/render/render_text.c), whose listener lines are
 *   "  tcp  ADDR:PORT  TLS: T  [STATE]" then "       from FILE:LINE (KIND): TEXT".
 * Only what the summary shows is taken from it (TCP listeners, their TLS,
 * state and first evidence location); the verdicts themselves always come
 * from the rule-result, never from this text. See docs/pipeline.md §2.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report.h"

static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (!d)
		abort();
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static void add_listener(struct report_node *node, const char *line, size_t len)
{
	/* line: "ADDR:PORT  TLS: T  [STATE]" (after "  tcp  ") */
	const char *end = line + len;
	const char *tls = NULL;
	for (const char *p = line; p + 7 <= end; p++)
		if (!memcmp(p, "  TLS: ", 7)) {
			tls = p;
			break;
		}
	if (!tls)
		return;
	struct report_listener l = { 0 };
	l.address = report_printf("tcp://%.*s", (int)(tls - line), line);
	const char *t = tls + 7, *te = t;
	while (te < end && *te != ' ')
		te++;
	l.tls = dup_n(t, (size_t)(te - t));
	const char *st = memchr(te, '[', (size_t)(end - te));
	if (st && end > st + 1 && end[-1] == ']')
		l.state = dup_n(st + 1, (size_t)(end - st - 2));
	else
		l.state = report_strdup("unknown");
	if (strstr(l.state, "restart pending"))
		node->restart_pending = true;
	struct report_listener *nl = realloc(node->listeners, (node->nlisteners + 1) * sizeof *nl);
	if (!nl)
		abort();
	node->listeners = nl;
	node->listeners[node->nlisteners++] = l;
}

static void add_from(struct report_node *node, const char *line, size_t len)
{
	/* "FILE:LINE (KIND): TEXT": the location ends at the " (" that opens
	 * the last "(KIND): " before the text. */
	if (!node->nlisteners || node->listeners[node->nlisteners - 1].from)
		return;
	const char *end = line + len, *close = NULL;
	for (const char *p = line; p + 3 <= end; p++)
		if (!memcmp(p, "): ", 3)) {
			close = p;
			break;
		}
	if (!close)
		return;
	const char *open = NULL;
	for (const char *p = line; p + 2 <= close; p++)
		if (!memcmp(p, " (", 2))
			open = p;
	if (open)
		node->listeners[node->nlisteners - 1].from = dup_n(line, (size_t)(open - line));
}

void report_parse_evidence(struct report_node *node, const char *text)
{
	bool in_listeners = false;
	const char *p = text;
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len >= 11 && !memcmp(p, "listeners: ", 11)) {
			in_listeners = true;
			node->listeners_known = true;
		} else if (in_listeners && len == 0)
			in_listeners = false;
		else if (len > 10 && !memcmp(p, "problems: ", 10)) {
			/* "problems: N (E errors, W warnings)": any error means the
			 * listener set may be incomplete (docs/rules.md) */
			const char *q = memchr(p, '(', len);
			if (!q || q[1] != '0' || q[2] != ' ')
				node->listeners_incomplete = true;
		} else if (in_listeners && len > 7 && !memcmp(p, "  tcp  ", 7))
			add_listener(node, p + 7, len - 7);
		else if (in_listeners && len > 12 && !memcmp(p, "       from ", 12))
			add_from(node, p + 12, len - 12);
		p = nl ? nl + 1 : NULL;
	}
}

static const char *engine_name(const char *system)
{
	if (!system)
		return "none";
	if (!strcmp(system, REPORT_SCE_SYSTEM))
		return "SCE (dockerd-listeners)";
	if (!strcmp(system, REPORT_OVAL_SYSTEM))
		return "OVAL";
	return system;
}

char *report_rule_detail(const struct report_node *node, const struct report_rule *r)
{
	if (r->evidence && *r->evidence) {
		/* the probe's output, without trailing blank lines */
		size_t n = strlen(r->evidence);
		while (n && (r->evidence[n - 1] == '\n' || r->evidence[n - 1] == ' '))
			n--;
		return dup_n(r->evidence, n);
	}
	if (r->check_system && !strcmp(r->check_system, REPORT_OVAL_SYSTEM))
		return report_printf("%s: %s, decided by the OVAL check %s. OVAL matches patterns: it names "
				     "files, not listeners and lines; scan with the SCE check (dockerd-listeners) "
				     "for the listener set.%s%s",
				     report_short_rule_id(r->idref), r->result,
				     r->check_name ? r->check_name : "(unnamed)", r->oval_detail ? "\n\n" : "",
				     r->oval_detail ? r->oval_detail : "");
	if (!strcmp(r->result, "notapplicable"))
		return report_printf("%s: notapplicable: the rule's platform does not apply to this host "
				     "(%s found no Docker Engine, or no UCP/MKE membership for the DISA rule).",
				     report_short_rule_id(r->idref), node->test_system ? node->test_system : "the scanner");
	return report_printf("%s: %s; the scanner recorded no check output (check engine: %s).",
			     report_short_rule_id(r->idref), r->result, engine_name(r->check_system));
}

char *report_rule_comment(const struct report_node *node, const struct report_rule *r)
{
	return report_printf("Automated result %s from %s (check engine %s) at %s; converted by "
			     "dockerd-scap-report %s from %s.",
			     r->result, node->test_system ? node->test_system : "an unnamed scanner",
			     engine_name(r->check_system),
			     r->time ? r->time : node->end_time ? node->end_time : "an unrecorded time",
			     PACKAGE_VERSION, node->source);
}
