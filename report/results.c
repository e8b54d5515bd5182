/*
 * Reading oscap's results: ARF (--results-arf), XCCDF results (--results,
 * a <Benchmark> holding the <TestResult>) and STIG Viewer results
 * (--stig-viewer, a bare <TestResult> whose rule ids are DISA's short
 * SV-... ids). Layout as written by OpenSCAP 1.3.7 (src/XCCDF/result.c,
 * src/DS/rds.c); see docs/pipeline.md §1.
 *
 * Hostile input: bytes only (the caller reads the file with a size bound),
 * XML_PARSE_NONET, no XML_PARSE_NOENT (entities are never substituted) and
 * any DTD refused outright from the SAX internalSubset callback, so neither
 * billion-laughs nor external entities reach the tree.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "report.h"

enum report_verdict report_verdict_of(const char *r)
{
	if (!r)
		return REPORT_ERROR;
	if (!strcmp(r, "pass") || !strcmp(r, "fixed"))
		return REPORT_PASS;
	if (!strcmp(r, "notapplicable") || !strcmp(r, "notselected") || !strcmp(r, "informational"))
		return REPORT_NEUTRAL;
	if (!strcmp(r, "fail"))
		return REPORT_FAIL;
	return REPORT_ERROR;
}

int report_slurp(const char *path, size_t max, char **buf, size_t *len, char **error)
{
	*buf = NULL;
	*len = 0;
	/* O_NONBLOCK: a FIFO given as a results file must not hang the run. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		*error = report_printf("%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*error = report_printf("%s: not a regular file", path);
		close(fd);
		return -1;
	}
	if ((uintmax_t)st.st_size > max) {
		*error = report_printf("%s: too large (%jd bytes, at most %zu)", path, (intmax_t)st.st_size, max);
		close(fd);
		return -1;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *b = malloc(cap);
	if (!b)
		abort();
	for (;;) {
		if (n + 1 >= cap) {
			/* the file grew while being read */
			if (cap > max) {
				*error = report_printf("%s: too large (grew past %zu bytes)", path, max);
				free(b), close(fd);
				return -1;
			}
			cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			char *nb = realloc(b, cap + 1);
			if (!nb)
				abort();
			b = nb;
		}
		ssize_t r = read(fd, b + n, cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*error = report_printf("%s: read error: %s", path, strerror(errno));
			free(b), close(fd);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			*error = report_printf("%s: too large (more than %zu bytes)", path, max);
			free(b), close(fd);
			return -1;
		}
	}
	close(fd);
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

/* ------------------------------------------------------------------ XML */

struct parse_guard {
	bool dtd;
};

static void refuse_dtd(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	(void)name, (void)ext, (void)sys;
	xmlParserCtxtPtr ctxt = ctx;
	((struct parse_guard *)ctxt->_private)->dtd = true;
	xmlStopParser(ctxt);
}

/* Parse BUF; on failure *ERROR says why (with the line). */
static xmlDocPtr parse_xml(const char *buf, size_t len, const char *source, char **error)
{
	if (len > REPORT_MAX_FILE) {
		*error = report_printf("%s: too large (%zu bytes, at most %u)", source, len, REPORT_MAX_FILE);
		return NULL;
	}
	if (len == 0) {
		*error = report_printf("%s: empty file", source);
		return NULL;
	}
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt)
		abort();
	struct parse_guard guard = { false };
	ctxt->_private = &guard;
	ctxt->sax->internalSubset = refuse_dtd;
	ctxt->sax->externalSubset = refuse_dtd;
	/* No NOENT (entities stay references), no DTD loading, no network,
	 * no HUGE (libxml2 keeps its limits on text and name sizes). */
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, (int)len, source, NULL,
					  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (guard.dtd) {
		*error = report_printf("%s: has a document type declaration (DTD); results files have none "
				       "and entities are not expanded", source);
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (!doc || !ctxt->wellFormed) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char *msg = report_strdup(e && e->message ? e->message : "not well-formed XML");
		size_t n = strlen(msg);
		while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
			msg[--n] = '\0';
		*error = report_printf("%s:%d: not well-formed XML: %s", source, e ? e->line : 0, msg);
		free(msg);
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

static bool is_el(xmlNodePtr n, const char *ns, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, ns) &&
	       !strcmp((const char *)n->name, name);
}

static xmlNodePtr child(xmlNodePtr parent, const char *ns, const char *name)
{
	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
		if (is_el(c, ns, name))
			return c;
	return NULL;
}

static char *text_of(xmlNodePtr n)
{
	if (!n)
		return NULL;
	xmlChar *t = xmlNodeGetContent(n);
	char *s = report_strdup(t ? (const char *)t : "");
	xmlFree(t);
	return s;
}

static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = report_strdup((const char *)v);
	xmlFree(v);
	return s;
}

static void push_str(char ***arr, size_t *n, char *s)
{
	char **na = realloc(*arr, (*n + 1) * sizeof **arr);
	if (!na)
		abort();
	*arr = na;
	(*arr)[(*n)++] = s;
}

/* All elements named NS:NAME under ROOT, in document order. */
static xmlNodePtr *find_all(xmlNodePtr root, const char *ns, const char *name, size_t *count)
{
	xmlNodePtr *out = NULL;
	size_t n = 0, cap = 0;
	xmlNodePtr cur = root;
	while (cur) {
		if (is_el(cur, ns, name)) {
			if (n == cap) {
				cap = cap ? cap * 2 : 8;
				out = realloc(out, cap * sizeof *out);
				if (!out)
					abort();
			}
			out[n++] = cur;
		}
		/* depth-first walk without recursion (hostile nesting depth is
		 * bounded by libxml2's own limit, but keep the stack flat) */
		if (cur->children && cur->type == XML_ELEMENT_NODE && !is_el(cur, ns, name)) {
			cur = cur->children;
			continue;
		}
		while (cur && cur != root && !cur->next)
			cur = cur->parent;
		if (!cur || cur == root)
			break;
		cur = cur->next;
	}
	*count = n;
	return out;
}

/* ------------------------------------------------------------- benchmark */

static void read_ruledef(const char *ns, xmlNodePtr rule, xmlNodePtr group, struct report_ruledef *d)
{
	memset(d, 0, sizeof *d);
	d->id = attr(rule, "id");
	d->severity = attr(rule, "severity");
	d->weight = attr(rule, "weight");
	if (group) {
		d->group_id = attr(group, "id");
		d->group_title = text_of(child(group, ns, "title"));
	}
	d->title = text_of(child(rule, ns, "title"));
	d->version = text_of(child(rule, ns, "version"));
	d->description = text_of(child(rule, ns, "description"));
	d->fix_text = text_of(child(rule, ns, "fixtext"));
	for (xmlNodePtr c = rule->children; c; c = c->next) {
		if (is_el(c, ns, "ident")) {
			char *sys = attr(c, "system");
			if (sys && !strcmp(sys, "http://cyber.mil/cci"))
				push_str(&d->ccis, &d->nccis, text_of(c));
			else if (sys && !strcmp(sys, "http://cyber.mil/legacy"))
				push_str(&d->legacy, &d->nlegacy, text_of(c));
			free(sys);
		} else if (is_el(c, ns, "check") && !d->check_text) {
			/* DISA's manual check: system "C-..." with inline content */
			xmlNodePtr cc = child(c, ns, "check-content");
			if (cc)
				d->check_text = text_of(cc);
		}
	}
}

/* NS: XCCDF 1.2 (ours, in results) or 1.1 (DISA's manual STIG benchmarks,
 * whose ids are short: Group V-..., Rule SV-..._rule). */
static void read_benchmark_el(const char *ns, xmlNodePtr b, struct report_benchmark *bench)
{
	memset(bench, 0, sizeof *bench);
	bench->id = attr(b, "id");
	bench->title = text_of(child(b, ns, "title"));
	bench->version = text_of(child(b, ns, "version"));
	bench->description = text_of(child(b, ns, "description"));
	for (xmlNodePtr c = b->children; c; c = c->next) {
		if (is_el(c, ns, "plain-text")) {
			char *id = attr(c, "id");
			if (id && !strcmp(id, "release-info") && !bench->release_info)
				bench->release_info = text_of(c);
			free(id);
		}
	}
	size_t nr = 0;
	xmlNodePtr *rules = find_all(b, ns, "Rule", &nr);
	if (nr) {
		bench->rules = calloc(nr, sizeof *bench->rules);
		if (!bench->rules)
			abort();
	}
	for (size_t i = 0; i < nr; i++) {
		xmlNodePtr g = rules[i]->parent;
		read_ruledef(ns, rules[i], is_el(g, ns, "Group") ? g : NULL, &bench->rules[i]);
	}
	bench->nrules = nr;
	free(rules);
}

static void ruledef_free(struct report_ruledef *d)
{
	free(d->id), free(d->group_id), free(d->group_title), free(d->title), free(d->version);
	free(d->severity), free(d->weight), free(d->description), free(d->check_text), free(d->fix_text);
	for (size_t i = 0; i < d->nccis; i++)
		free(d->ccis[i]);
	for (size_t i = 0; i < d->nlegacy; i++)
		free(d->legacy[i]);
	free(d->ccis), free(d->legacy);
}

void report_benchmark_free(struct report_benchmark *b)
{
	for (size_t i = 0; i < b->nrules; i++)
		ruledef_free(&b->rules[i]);
	free(b->rules), free(b->id), free(b->title), free(b->version), free(b->release_info);
	free(b->description);
	memset(b, 0, sizeof *b);
}

int report_read_benchmark(const char *buf, size_t len, const char *source, struct report_benchmark *bench,
			  char **error)
{
	memset(bench, 0, sizeof *bench);
	xmlDocPtr doc = parse_xml(buf, len, source, error);
	if (!doc)
		return -1;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	const char *ns = is_el(root, REPORT_NS_XCCDF, "Benchmark")	  ? REPORT_NS_XCCDF
			 : is_el(root, REPORT_NS_XCCDF11, "Benchmark") ? REPORT_NS_XCCDF11
								       : NULL;
	if (!ns) {
		*error = report_printf("%s: not an XCCDF 1.1 or 1.2 benchmark (root element <%s>)", source,
				       root ? (const char *)root->name : "none");
		xmlFreeDoc(doc);
		return -1;
	}
	read_benchmark_el(ns, root, bench);
	xmlFreeDoc(doc);
	if (!bench->id || !bench->nrules) {
		*error = report_printf("%s: benchmark without an id or without rules", source);
		report_benchmark_free(bench);
		return -1;
	}
	return 0;
}

int report_read_benchmark_file(const char *path, struct report_benchmark *bench, char **error)
{
	char *buf;
	size_t len;
	memset(bench, 0, sizeof *bench);
	if (report_slurp(path, REPORT_MAX_FILE, &buf, &len, error) != 0)
		return -1;
	int r = report_read_benchmark(buf, len, path, bench, error);
	free(buf);
	return r;
}

/* ---------------------------------------------------------------- results */

static const char *kind_name(enum report_kind k)
{
	switch (k) {
	case REPORT_KIND_ARF: return "an ARF (--results-arf)";
	case REPORT_KIND_XCCDF: return "XCCDF results (--results)";
	case REPORT_KIND_STIG_VIEWER: return "STIG Viewer results (--stig-viewer)";
	default: return "results";
	}
}

static void free_rules(struct report_node *node)
{
	for (size_t i = 0; i < node->nrules; i++) {
		struct report_rule *r = &node->rules[i];
		free(r->idref), free(r->result), free(r->time), free(r->severity), free(r->version);
		free(r->weight), free(r->check_system), free(r->check_name), free(r->evidence);
		free(r->check_href), free(r->oval_detail);
	}
	free(node->rules);
	node->rules = NULL;
	node->nrules = 0;
}

/* A node that could not be read keeps no rules: nothing half-read is ever
 * reported as a result. */
static int fail(struct report_node *node, char *msg)
{
	free(node->error);
	node->error = msg;
	free_rules(node);
	return -1;
}

/* Target facts: OpenSCAP writes urn:xccdf:fact:asset:identifier:{fqdn,host_name,
 * mac,ipv4,ipv6} and urn:xccdf:fact:ethernet:MAC (src/XCCDF/result.c,
 * xccdf_result_fill_sysinfo). */
static void read_facts(struct report_node *node, xmlNodePtr tr)
{
	char *mac = NULL;
	for (xmlNodePtr c = tr->children; c; c = c->next) {
		if (is_el(c, REPORT_NS_XCCDF, "target") && !node->target)
			node->target = text_of(c);
		else if (is_el(c, REPORT_NS_XCCDF, "target-address") && !node->ip) {
			char *a = text_of(c);
			if (a && strcmp(a, "127.0.0.1") && strcmp(a, "::1") && strncmp(a, "fe80:", 5))
				node->ip = a;
			else
				free(a);
		} else if (is_el(c, REPORT_NS_XCCDF, "target-facts")) {
			for (xmlNodePtr f = c->children; f; f = f->next) {
				if (!is_el(f, REPORT_NS_XCCDF, "fact"))
					continue;
				char *name = attr(f, "name");
				char *v = text_of(f);
				char **slot = NULL;
				if (!name || !v)
					;
				else if (!strcmp(name, "urn:xccdf:fact:asset:identifier:fqdn"))
					slot = &node->fqdn;
				else if (!strcmp(name, "urn:xccdf:fact:asset:identifier:host_name"))
					slot = &node->host_name;
				else if (!strcmp(name, "urn:xccdf:fact:asset:identifier:mac") ||
					 !strcmp(name, "urn:xccdf:fact:ethernet:MAC"))
					slot = strcmp(v, "00:00:00:00:00:00") ? &mac : NULL;
				else if (!strcmp(name, "urn:xccdf:fact:asset:identifier:ipv4") &&
					 strcmp(v, "127.0.0.1"))
					slot = &node->ip;
				if (slot && !*slot) {
					*slot = v;
					v = NULL;
				}
				free(name), free(v);
			}
		}
	}
	node->mac = mac;
}

static void read_rule_result(struct report_node *node, xmlNodePtr rr, struct report_rule *r)
{
	memset(r, 0, sizeof *r);
	char *idref = attr(rr, "idref");
	/* --stig-viewer writes DISA's short ids (SV-..._rule); map them back
	 * to the XCCDF 1.2 rule id so every output stays schema-valid. */
	if (idref && strncmp(idref, "xccdf_", 6) != 0) {
		r->idref = report_printf("%s%s", REPORT_DISA_RULE_PREFIX, idref);
		free(idref);
	} else
		r->idref = idref;
	r->time = attr(rr, "time");
	r->severity = attr(rr, "severity");
	r->version = attr(rr, "version");
	r->weight = attr(rr, "weight");
	r->result = text_of(child(rr, REPORT_NS_XCCDF, "result"));
	xmlNodePtr chk = child(rr, REPORT_NS_XCCDF, "check");
	if (chk) {
		r->check_system = attr(chk, "system");
		for (xmlNodePtr c = chk->children; c; c = c->next) {
			if (is_el(c, REPORT_NS_XCCDF, "check-import") && !r->evidence) {
				char *n = attr(c, "import-name");
				if (n && !strcmp(n, "stdout"))
					r->evidence = text_of(c);
				free(n);
			} else if (is_el(c, REPORT_NS_XCCDF, "check-content-ref") && !r->check_name) {
				r->check_name = attr(c, "name");
				r->check_href = attr(c, "href");
			}
		}
	}
	for (size_t i = 0; r->idref && i < node->bench.nrules; i++)
		if (node->bench.rules[i].id && !strcmp(node->bench.rules[i].id, r->idref))
			r->def = &node->bench.rules[i];
}

int report_read_results(const char *buf, size_t len, const char *source, enum report_kind kind,
			struct report_node *node)
{
	memset(node, 0, sizeof *node);
	node->source = report_strdup(source);
	node->kind = kind;
	char *err = NULL;
	xmlDocPtr doc = parse_xml(buf, len, source, &err);
	if (!doc)
		return fail(node, err);
	node->doc = doc;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	enum report_kind found;
	xmlNodePtr tr = NULL, bench = NULL;
	size_t ntr = 0;
	if (is_el(root, REPORT_NS_ARF, "asset-report-collection")) {
		found = REPORT_KIND_ARF;
		/* oscap puts the TestResult in arf:reports/arf:report/arf:content and
		 * the data stream (with the Benchmark) in arf:report-requests. */
		xmlNodePtr reports = child(root, REPORT_NS_ARF, "reports");
		xmlNodePtr *all = find_all(reports, REPORT_NS_XCCDF, "TestResult", &ntr);
		if (ntr)
			tr = all[0];
		free(all);
		size_t nb = 0;
		xmlNodePtr *bs = find_all(child(root, REPORT_NS_ARF, "report-requests"), REPORT_NS_XCCDF,
					  "Benchmark", &nb);
		if (nb)
			bench = bs[0];
		free(bs);
	} else if (is_el(root, REPORT_NS_XCCDF, "Benchmark")) {
		found = REPORT_KIND_XCCDF;
		bench = root;
		for (xmlNodePtr c = root->children; c; c = c->next)
			if (is_el(c, REPORT_NS_XCCDF, "TestResult"))
				tr = tr ? tr : c, ntr++;
	} else if (is_el(root, REPORT_NS_XCCDF, "TestResult")) {
		found = REPORT_KIND_STIG_VIEWER;
		tr = root, ntr = 1;
	} else {
		return fail(node, report_printf("%s: not an oscap results file: root element <%s>%s%s%s, "
						"expected an ARF <asset-report-collection> or an XCCDF 1.2 "
						"<Benchmark>/<TestResult>",
						source, root ? (const char *)root->name : "(none)",
						root && root->ns ? " in namespace " : "",
						root && root->ns ? (const char *)root->ns->href : "",
						root && !root->ns ? " (no namespace)" : ""));
	}
	if (kind != REPORT_KIND_ANY && kind != found)
		return fail(node, report_printf("%s: given as %s but it is %s", source, kind_name(kind),
						kind_name(found)));
	node->kind = found;
	if (!tr)
		return fail(node, report_printf("%s: no XCCDF <TestResult> in %s", source, kind_name(found)));
	if (ntr > 1)
		return fail(node, report_printf("%s: %zu <TestResult>s; one scan (one node) per file is expected",
						source, ntr));
	node->testresult = tr;
	if (bench)
		read_benchmark_el(REPORT_NS_XCCDF, bench, &node->bench);
	node->test_system = attr(tr, "test-system");
	node->start_time = attr(tr, "start-time");
	node->end_time = attr(tr, "end-time");
	xmlNodePtr b = child(tr, REPORT_NS_XCCDF, "benchmark");
	if (b) {
		node->benchmark_id = attr(b, "id");
		if (!node->benchmark_id)
			node->benchmark_id = attr(b, "href");
	}
	xmlNodePtr p = child(tr, REPORT_NS_XCCDF, "profile");
	if (p)
		node->profile = attr(p, "idref");
	read_facts(node, tr);
	size_t n = 0;
	for (xmlNodePtr c = tr->children; c; c = c->next)
		if (is_el(c, REPORT_NS_XCCDF, "rule-result"))
			n++;
	if (n == 0)
		return fail(node, report_printf("%s: the <TestResult> has no rule-result", source));
	node->rules = calloc(n, sizeof *node->rules);
	if (!node->rules)
		abort();
	for (xmlNodePtr c = tr->children; c; c = c->next)
		if (is_el(c, REPORT_NS_XCCDF, "rule-result"))
			read_rule_result(node, c, &node->rules[node->nrules++]);
	for (size_t i = 0; i < node->nrules; i++) {
		if (!node->rules[i].idref || !node->rules[i].result || !*node->rules[i].result)
			return fail(node, report_printf("%s: rule-result %zu has no idref or no result", source,
							i + 1));
	}
	/* The OVAL path's evidence, from the OVAL results of the same ARF. */
	for (size_t i = 0; found == REPORT_KIND_ARF && i < node->nrules; i++) {
		struct report_rule *r = &node->rules[i];
		if (r->check_system && !strcmp(r->check_system, REPORT_OVAL_SYSTEM))
			r->oval_detail = report_oval_detail(doc, r->check_href, r->check_name);
	}
	for (size_t i = 0; i < node->nrules; i++)
		if (node->rules[i].evidence && node->rules[i].check_system &&
		    !strcmp(node->rules[i].check_system, REPORT_SCE_SYSTEM)) {
			report_parse_evidence(node, node->rules[i].evidence);
			break;
		}
	return 0;
}

int report_read_file(const char *path, enum report_kind kind, struct report_node *node)
{
	char *buf = NULL, *err = NULL;
	size_t len;
	if (report_slurp(path, REPORT_MAX_FILE, &buf, &len, &err) != 0) {
		memset(node, 0, sizeof *node);
		node->source = report_strdup(path);
		node->kind = kind;
		node->error = err;
		return -1;
	}
	int r = report_read_results(buf, len, path, kind, node);
	free(buf);
	return r;
}

void report_node_free(struct report_node *node)
{
	free_rules(node);
	for (size_t i = 0; i < node->nlisteners; i++) {
		struct report_listener *l = &node->listeners[i];
		free(l->address), free(l->tls), free(l->state), free(l->from);
	}
	free(node->listeners);
	report_benchmark_free(&node->bench);
	free(node->source), free(node->error), free(node->target), free(node->host_name);
	free(node->fqdn), free(node->ip), free(node->mac), free(node->test_system);
	free(node->start_time), free(node->end_time), free(node->benchmark_id), free(node->profile);
	if (node->doc)
		xmlFreeDoc(node->doc);
	memset(node, 0, sizeof *node);
}
