/*
 * The OVAL path's evidence: when OVAL decided a rule-result in an ARF, what
 * decided it, from the OVAL results oscap puts in the same ARF (the
 * arf:report the rule-result's check-content-ref href names). Walks the
 * definition's criteria as evaluated (OVAL 5.11 results schema: each
 * criteria/criterion/extend_definition carries its result after negation)
 * down to the tests that determined the result, and prints each with its
 * comment and the collected items (file path and matched text, or a
 * process's command line). See docs/pipeline.md §2.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report.h"

#define NS_RES "http://oval.mitre.org/XMLSchema/oval-results-5"
#define MAX_TESTS 16
#define MAX_ITEMS 8
#define MAX_TEXT 300
#define MAX_DEPTH 32

struct ctx {
	xmlNodePtr defs;    /* results/system/definitions */
	xmlNodePtr tests;   /* results/system/tests */
	xmlNodePtr ovaldefs; /* oval_definitions (comments) */
	xmlNodePtr sysdata; /* oval_system_characteristics/system_data */
	const char *tests_seen[MAX_TESTS];
	size_t ntests;
	char *out;
};

static bool named(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static xmlNodePtr kid(xmlNodePtr p, const char *name)
{
	for (xmlNodePtr c = p ? p->children : NULL; c; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

static bool attr_is(xmlNodePtr n, const char *a, const char *v)
{
	xmlChar *x = xmlGetNoNsProp(n, (const xmlChar *)a);
	bool r = x && !strcmp((const char *)x, v);
	xmlFree(x);
	return r;
}

static char *get(xmlNodePtr n, const char *a)
{
	xmlChar *x = xmlGetNoNsProp(n, (const xmlChar *)a);
	char *s = report_strdup(x ? (const char *)x : "");
	xmlFree(x);
	return s;
}

/* The child of P whose attribute A is V. */
static xmlNodePtr by_attr(xmlNodePtr p, const char *a, const char *v)
{
	for (xmlNodePtr c = p ? p->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && attr_is(c, a, v))
			return c;
	return NULL;
}

static void append(struct ctx *c, const char *s)
{
	char *n = report_printf("%s%s", c->out ? c->out : "", s);
	free(c->out);
	c->out = n;
}

static void append_text(struct ctx *c, const char *label, xmlNodePtr el)
{
	xmlChar *t = xmlNodeGetContent(el);
	const char *s = t ? (const char *)t : "";
	size_t n = strlen(s);
	/* one line: the matched text may span lines (multiline patterns) */
	char *one = report_printf("%.*s", (int)(n > MAX_TEXT ? MAX_TEXT : n), s);
	for (char *p = one; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	char *line = report_printf("%s%s%s", label, one, n > MAX_TEXT ? "..." : "");
	append(c, line);
	free(line), free(one);
	xmlFree(t);
}

static void describe_item(struct ctx *c, xmlNodePtr item)
{
	xmlNodePtr fp = kid(item, "filepath"), text = kid(item, "text"), type = kid(item, "type");
	xmlNodePtr cmd = kid(item, "command_line"), path = kid(item, "path");
	if (fp)
		append_text(c, "\n      ", fp);
	else if (path)
		append_text(c, "\n      ", path);
	if (text)
		append_text(c, ": ", text);
	else if (type)
		append_text(c, " (", type), append(c, ")");
	if (cmd)
		append_text(c, "\n      process: ", cmd);
}

static void describe_test(struct ctx *c, const char *test_id)
{
	for (size_t i = 0; i < c->ntests; i++)
		if (!strcmp(c->tests_seen[i], test_id))
			return;
	if (c->ntests == MAX_TESTS)
		return;
	c->tests_seen[c->ntests++] = test_id;
	xmlNodePtr t = by_attr(c->tests, "test_id", test_id);
	char *res = t ? get(t, "result") : report_strdup("not in the results");
	char *comment = NULL;
	xmlNodePtr td = by_attr(kid(c->ovaldefs, "tests"), "id", test_id);
	if (td)
		comment = get(td, "comment");
	char *line = report_printf("\n  - %s%s%s%s: %s", test_id, comment && *comment ? " (" : "",
				   comment ? comment : "", comment && *comment ? ")" : "", res);
	append(c, line);
	free(line), free(comment), free(res);
	size_t n = 0;
	for (xmlNodePtr ti = t ? t->children : NULL; ti; ti = ti->next) {
		if (!named(ti, "tested_item"))
			continue;
		if (n++ == MAX_ITEMS) {
			append(c, "\n      ...");
			break;
		}
		char *id = get(ti, "item_id");
		xmlNodePtr item = by_attr(c->sysdata, "id", id);
		if (item)
			describe_item(c, item);
		free(id);
	}
}

static bool res_true(xmlNodePtr n)
{
	return attr_is(n, "result", "true");
}

static void explain_criteria(struct ctx *c, xmlNodePtr crit, int depth);

static void explain_definition(struct ctx *c, const char *def_id, int depth)
{
	xmlNodePtr d = by_attr(c->defs, "definition_id", def_id);
	if (d)
		explain_criteria(c, kid(d, "criteria"), depth + 1);
}

/* Walk to what determined CRIT's result: for AND true / OR false every
 * child, for AND false / OR true the children that had that result. */
static void explain_criteria(struct ctx *c, xmlNodePtr crit, int depth)
{
	if (!crit || depth > MAX_DEPTH)
		return;
	bool negate = attr_is(crit, "negate", "true");
	bool raw = res_true(crit) != negate;
	bool is_or = attr_is(crit, "operator", "OR");
	bool all = is_or ? !raw : raw;
	for (xmlNodePtr ch = crit->children; ch; ch = ch->next) {
		if (ch->type != XML_ELEMENT_NODE)
			continue;
		if (!all && res_true(ch) != raw) /* a child's result is after its negate */
			continue;
		if (named(ch, "criterion")) {
			/* the id stays owned by the document */
			for (xmlAttrPtr a = ch->properties; a; a = a->next)
				if (!strcmp((const char *)a->name, "test_ref") && a->children)
					describe_test(c, (const char *)a->children->content);
		} else if (named(ch, "extend_definition")) {
			for (xmlAttrPtr a = ch->properties; a; a = a->next)
				if (!strcmp((const char *)a->name, "definition_ref") && a->children)
					explain_definition(c, (const char *)a->children->content, depth);
		} else if (named(ch, "criteria"))
			explain_criteria(c, ch, depth + 1);
	}
}

char *report_oval_detail(xmlDocPtr doc, const char *href, const char *def_id)
{
	if (!doc || !href || href[0] != '#' || !def_id)
		return NULL;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr reports = NULL;
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		if (named(c, "reports"))
			reports = c;
	xmlNodePtr rep = by_attr(reports, "id", href + 1);
	xmlNodePtr res = kid(kid(rep, "content"), "oval_results");
	if (!res || !res->ns || strcmp((const char *)res->ns->href, NS_RES) != 0)
		return NULL;
	xmlNodePtr sys = kid(kid(res, "results"), "system");
	struct ctx c = { 0 };
	c.defs = kid(sys, "definitions");
	c.tests = kid(sys, "tests");
	c.ovaldefs = kid(res, "oval_definitions");
	c.sysdata = kid(kid(sys, "oval_system_characteristics"), "system_data");
	xmlNodePtr d = by_attr(c.defs, "definition_id", def_id);
	if (!d)
		return NULL;
	char *dres = get(d, "result");
	c.out = report_printf("OVAL definition %s: %s. What decided it:", def_id, dres);
	free(dres);
	explain_criteria(&c, kid(d, "criteria"), 0);
	return c.out;
}
