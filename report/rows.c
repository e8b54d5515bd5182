/* Checklist rows: see rows.h and docs/pipeline.md §4. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "rows.h"

void report_uuid(char out[37])
{
	unsigned char b[16];
	size_t got = 0;
	while (got < sizeof b) {
		ssize_t r = getrandom(b + got, sizeof b - got, 0);
		if (r <= 0)
			abort();
		got += (size_t)r;
	}
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	for (size_t i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[b[i] >> 4];
		out[o++] = hex[b[i] & 15];
	}
	out[o] = '\0';
}

char *report_node_name(const struct report_node *node)
{
	if (node->target && *node->target && strcmp(node->target, "unknown") != 0)
		return report_strdup(node->target);
	if (node->host_name && *node->host_name)
		return report_strdup(node->host_name);
	const char *base = strrchr(node->source, '/');
	base = base ? base + 1 : node->source;
	size_t n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".xml"))
		n -= 4;
	if (n == 0)
		return report_strdup("unnamed");
	return report_printf("%.*s", (int)n, base);
}

/* DISA's descriptions carry escaped markup: <VulnDiscussion>...</VulnDiscussion>
 * <FalsePositives>... (STIG Viewer shows the VulnDiscussion part). */
static char *discussion_of(const char *desc)
{
	if (!desc)
		return report_strdup("");
	const char *a = strstr(desc, "<VulnDiscussion>");
	const char *b = a ? strstr(a, "</VulnDiscussion>") : NULL;
	if (a && b)
		return report_printf("%.*s", (int)(b - a - 16), a + 16);
	return report_strdup(desc);
}

/* SV-235776r960759_rule -> "SV-235776" (the part that stays across STIG
 * revisions); NULL when the id has no revision suffix. */
static size_t stem_len(const char *short_id)
{
	if (strncmp(short_id, "SV-", 3) != 0)
		return 0;
	const char *p = short_id + 3;
	while (*p >= '0' && *p <= '9')
		p++;
	return *p == 'r' && p > short_id + 3 ? (size_t)(p - short_id) : 0;
}

static const struct report_rule *find_result(const struct report_node *node, const char *rule_id,
					     bool *revision_differs)
{
	const char *want = report_short_rule_id(rule_id);
	*revision_differs = false;
	for (size_t i = 0; i < node->nrules; i++)
		if (!strcmp(report_short_rule_id(node->rules[i].idref), want))
			return &node->rules[i];
	size_t s = stem_len(want);
	for (size_t i = 0; s && i < node->nrules; i++) {
		const char *got = report_short_rule_id(node->rules[i].idref);
		if (stem_len(got) == s && !strncmp(got, want, s)) {
			*revision_differs = true;
			return &node->rules[i];
		}
	}
	return NULL;
}

static void status_of(struct report_row *w)
{
	const char *r = w->res ? w->res->result : NULL;
	if (r && (!strcmp(r, "pass") || !strcmp(r, "fixed")))
		w->ckl_status = "NotAFinding", w->cklb_status = "not_a_finding";
	else if (r && !strcmp(r, "fail"))
		w->ckl_status = "Open", w->cklb_status = "open";
	else if (r && !strcmp(r, "notapplicable"))
		w->ckl_status = "Not_Applicable", w->cklb_status = "not_applicable";
	else /* error, unknown, notchecked, notselected, informational, none */
		w->ckl_status = "Not_Reviewed", w->cklb_status = "not_reviewed";
}

static void fill(struct report_row *w, const struct report_node *node, const struct report_ruledef *d,
		 const struct report_rule *res, bool revision_differs)
{
	w->def = d, w->res = res;
	const char *id = d ? d->id : res->idref;
	w->rule_id = report_strdup(report_short_rule_id(id));
	if (d && d->group_id)
		w->vuln_num = report_strdup(report_short_group_id(d->group_id));
	else if (stem_len(w->rule_id))
		/* DISA numbers a rule SV-N...r..._rule in group V-N */
		w->vuln_num = report_printf("V-%.*s", (int)(stem_len(w->rule_id) - 3), w->rule_id + 3);
	else
		w->vuln_num = report_strdup(w->rule_id);
	w->rule_ver = report_strdup(d && d->version ? d->version : res && res->version ? res->version : "");
	w->rule_title = report_strdup(d && d->title ? d->title : "");
	w->group_title = report_strdup(d && d->group_title ? d->group_title : "");
	w->severity = report_strdup(d && d->severity ? d->severity : res && res->severity ? res->severity : "medium");
	w->weight = report_strdup(d && d->weight ? d->weight : "10.0");
	w->discussion = discussion_of(d ? d->description : NULL);
	w->check_content = report_strdup(d && d->check_text ? d->check_text : "");
	w->fix_text = report_strdup(d && d->fix_text ? d->fix_text : "");
	status_of(w);
	if (res) {
		w->details = report_rule_detail(node, res);
		char *c = report_rule_comment(node, res);
		if (revision_differs) {
			w->comments = report_printf("%s The scan checked %s; this checklist's STIG names %s.", c,
						    report_short_rule_id(res->idref), w->rule_id);
			free(c);
		} else
			w->comments = c;
	}
}

static void push(struct report_rows *rows, struct report_row *w)
{
	struct report_row *n = realloc(rows->rows, (rows->n + 1) * sizeof *n);
	if (!n)
		abort();
	rows->rows = n;
	rows->rows[rows->n++] = *w;
}

void report_rows_build(struct report_rows *rows, const struct report_node *node,
		       const struct report_benchmark *stig)
{
	memset(rows, 0, sizeof *rows);
	const struct report_benchmark *b = stig ? stig : node->bench.id ? &node->bench : NULL;
	const char *bid = b ? b->id : node->benchmark_id ? node->benchmark_id : "unknown";
	size_t pl = strlen(REPORT_DISA_BENCHMARK_PREFIX);
	rows->stig_id = report_strdup(strncmp(bid, REPORT_DISA_BENCHMARK_PREFIX, pl) ? bid : bid + pl);
	rows->title = report_strdup(b && b->title ? b->title : rows->stig_id);
	rows->version = report_strdup(b && b->version ? b->version : "1");
	rows->release_info = report_strdup(b && b->release_info ? b->release_info : "");
	rows->description = report_strdup(b && b->description ? b->description : "");
	rows->filename = report_strdup(stig ? "DISA STIG (--stig)" : node->source);
	rows->stig_ref = report_printf("%s :: Version %s, %s", rows->title, rows->version, rows->release_info);
	char u[37];
	report_uuid(u);
	rows->uuid = report_strdup(u);

	struct report_row w;
	if (stig) {
		/* Every rule of DISA's STIG; the ones this scan did not assess are
		 * Not_Reviewed, so the checklist merges with the manual reviews. */
		for (size_t i = 0; i < stig->nrules; i++) {
			bool rev = false;
			const struct report_rule *res = find_result(node, stig->rules[i].id, &rev);
			memset(&w, 0, sizeof w);
			fill(&w, node, &stig->rules[i], res, rev);
			push(rows, &w);
		}
		return;
	}
	/* Only DISA's rules: a checklist is DISA's STIG; our companion rules
	 * (xccdf_org.dockerd-scap_*) are in the XCCDF output and the summary. */
	for (size_t i = 0; i < node->nrules; i++) {
		const struct report_rule *res = &node->rules[i];
		if (strncmp(res->idref, REPORT_DISA_RULE_PREFIX, strlen(REPORT_DISA_RULE_PREFIX)) != 0)
			continue;
		memset(&w, 0, sizeof w);
		fill(&w, node, res->def, res, false);
		push(rows, &w);
	}
}

void report_rows_free(struct report_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		struct report_row *w = &rows->rows[i];
		free(w->vuln_num), free(w->rule_id), free(w->rule_ver), free(w->rule_title), free(w->group_title);
		free(w->severity), free(w->weight), free(w->discussion), free(w->check_content), free(w->fix_text);
		free(w->details), free(w->comments);
	}
	free(rows->rows), free(rows->stig_id), free(rows->title), free(rows->version), free(rows->release_info);
	free(rows->description), free(rows->filename), free(rows->stig_ref), free(rows->uuid);
	memset(rows, 0, sizeof *rows);
}
