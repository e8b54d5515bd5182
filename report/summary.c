/*
 * The cluster summary: one row per node (verdict per rule, TCP API listeners
 * with TLS, restart pending), then the cluster verdict. Exit status as
 * oscap's: 0 every rule passed or is not applicable on every node, 2 some
 * rule failed somewhere, 1 otherwise (a node unreadable, a rule error or
 * unknown). A fail anywhere is a fail of the cluster even if another node
 * could not be read; without a fail, any doubt is an error, never a pass.
 * See docs/pipeline.md §5.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "report.h"
#include "rows.h"

static const char *verdict_name(enum report_verdict v, bool all_neutral)
{
	switch (v) {
	case REPORT_FAIL: return "fail";
	case REPORT_ERROR: return "error";
	default: return all_neutral ? "notapplicable" : "pass";
	}
}

/* Worst first: fail > error > pass/neutral. */
static enum report_verdict node_verdict(const struct report_node *n, bool *all_neutral)
{
	*all_neutral = true;
	if (n->error)
		return *all_neutral = false, REPORT_ERROR;
	bool err = false, fail = false;
	for (size_t i = 0; i < n->nrules; i++) {
		enum report_verdict v = report_verdict_of(n->rules[i].result);
		if (v != REPORT_NEUTRAL)
			*all_neutral = false;
		fail |= v == REPORT_FAIL;
		err |= v == REPORT_ERROR;
	}
	return fail ? REPORT_FAIL : err ? REPORT_ERROR : REPORT_PASS;
}

static const char *engine(const struct report_rule *r)
{
	if (!r->check_system)
		return "none";
	if (!strcmp(r->check_system, REPORT_SCE_SYSTEM))
		return "sce";
	if (!strcmp(r->check_system, REPORT_OVAL_SYSTEM))
		return "oval";
	return "other";
}

/* Printable on one line: control characters (from a hostile file's text)
 * shown as \xNN. */
static void put_safe(FILE *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\x%02x", *p);
		else
			fputc(*p, out);
	}
}

int report_summary(FILE *out, struct report_node *nodes, size_t n, bool json)
{
	size_t npass = 0, nfail = 0, nerr = 0, nna = 0;
	enum report_verdict cluster = REPORT_PASS;
	bool cluster_na = n > 0;
	json_object *jn = json ? json_object_new_array() : NULL;
	for (size_t i = 0; i < n; i++) {
		struct report_node *node = &nodes[i];
		bool na;
		enum report_verdict v = node_verdict(node, &na);
		const char *vn = verdict_name(v, na);
		if (v == REPORT_FAIL)
			nfail++, cluster = REPORT_FAIL;
		else if (v == REPORT_ERROR) {
			nerr++;
			if (cluster != REPORT_FAIL)
				cluster = REPORT_ERROR;
		} else if (na)
			nna++;
		else
			npass++;
		if (!na)
			cluster_na = false;
		char *name = report_node_name(node);
		if (json) {
			json_object *o = json_object_new_object();
			json_object_object_add(o, "node", json_object_new_string(name));
			json_object_object_add(o, "source", json_object_new_string(node->source));
			json_object_object_add(o, "verdict", json_object_new_string(vn));
			json_object_object_add(o, "error", node->error ? json_object_new_string(node->error) : NULL);
			json_object *rules = json_object_new_array();
			for (size_t k = 0; k < node->nrules; k++) {
				json_object *r = json_object_new_object();
				json_object_object_add(r, "id", json_object_new_string(node->rules[k].idref));
				json_object_object_add(r, "rule",
						       json_object_new_string(report_short_rule_id(node->rules[k].idref)));
				json_object_object_add(r, "result", json_object_new_string(node->rules[k].result));
				json_object_object_add(r, "engine", json_object_new_string(engine(&node->rules[k])));
				json_object_array_add(rules, r);
			}
			json_object_object_add(o, "rules", rules);
			if (node->listeners_known) {
				json_object *ls = json_object_new_array();
				for (size_t k = 0; k < node->nlisteners; k++) {
					const struct report_listener *l = &node->listeners[k];
					json_object *lo = json_object_new_object();
					json_object_object_add(lo, "address", json_object_new_string(l->address));
					json_object_object_add(lo, "tls", json_object_new_string(l->tls));
					json_object_object_add(lo, "state", json_object_new_string(l->state));
					json_object_object_add(lo, "from", l->from ? json_object_new_string(l->from) : NULL);
					json_object_array_add(ls, lo);
				}
				json_object_object_add(o, "tcp_listeners", ls);
				json_object_object_add(o, "tcp_listeners_complete",
						       json_object_new_boolean(!node->listeners_incomplete));
				json_object_object_add(o, "restart_pending",
						       json_object_new_boolean(node->restart_pending));
			} else {
				/* not known (OVAL path, unreadable file): null, never "none" */
				json_object_object_add(o, "tcp_listeners", NULL);
				json_object_object_add(o, "tcp_listeners_complete", json_object_new_boolean(0));
				json_object_object_add(o, "restart_pending", NULL);
			}
			json_object_array_add(jn, o);
		} else {
			put_safe(out, name);
			fprintf(out, "  %s", vn);
			if (node->error) {
				fputs("  ", out), put_safe(out, node->error), fputc('\n', out);
				free(name);
				continue;
			}
			fputs(" ", out);
			for (size_t k = 0; k < node->nrules; k++) {
				fputc(' ', out);
				put_safe(out, report_short_rule_id(node->rules[k].idref));
				fputc('=', out);
				put_safe(out, node->rules[k].result);
			}
			if (!node->listeners_known)
				fputs("  tcp: unknown (no probe evidence)  restart-pending: unknown", out);
			else {
				fputs("  tcp:", out);
				if (!node->nlisteners)
					fputs(node->listeners_incomplete ? " none found" : " none", out);
				for (size_t k = 0; k < node->nlisteners; k++) {
					const struct report_listener *l = &node->listeners[k];
					fputs(k ? ", " : " ", out);
					put_safe(out, l->address);
					fputs(" (TLS ", out), put_safe(out, l->tls), fputs(", ", out);
					put_safe(out, l->state);
					if (l->from)
						fputs(", ", out), put_safe(out, l->from);
					fputc(')', out);
				}
				if (node->listeners_incomplete)
					fputs(" (incomplete: the probe reported errors)", out);
				fprintf(out, "  restart-pending: %s", node->restart_pending ? "yes" : "no");
			}
			fputc('\n', out);
		}
		free(name);
	}
	if (n == 0)
		cluster = REPORT_ERROR;
	const char *cv = verdict_name(cluster, cluster_na);
	int status = cluster == REPORT_FAIL ? 2 : cluster == REPORT_ERROR ? 1 : 0;
	if (json) {
		json_object *root = json_object_new_object();
		json_object_object_add(root, "nodes", jn);
		json_object *c = json_object_new_object();
		json_object_object_add(c, "verdict", json_object_new_string(cv));
		json_object_object_add(c, "nodes", json_object_new_int64((int64_t)n));
		json_object_object_add(c, "pass", json_object_new_int64((int64_t)npass));
		json_object_object_add(c, "notapplicable", json_object_new_int64((int64_t)nna));
		json_object_object_add(c, "fail", json_object_new_int64((int64_t)nfail));
		json_object_object_add(c, "error", json_object_new_int64((int64_t)nerr));
		json_object_object_add(root, "cluster", c);
		json_object_object_add(root, "exit_status", json_object_new_int(status));
		fputs(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE),
		      out);
		fputc('\n', out);
		json_object_put(root);
	} else
		fprintf(out, "cluster: %s (%zu nodes: %zu pass, %zu notapplicable, %zu fail, %zu error)\n", cv, n,
			npass, nna, nfail, nerr);
	return status;
}
