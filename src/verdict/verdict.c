/* Rule verdicts from the effective listener set, the running daemons and the
 * node's cluster membership (docs/rules.md):
 *   not applicable  Docker Engine is not installed; for the DISA rule also a
 *                   node that is not a UCP/MKE member;
 *   fail            in scope and a TCP API listener exists, configured for
 *                   the next start or bound now (fd:// sockets included; TLS
 *                   does not exempt it for the no-TCP rules);
 *   error           anything needed could not be read or understood;
 *   pass            in scope, everything read, nothing found.
 * A certain fail wins over an error: the fix is the same, and it is never a
 * pass. A reader never decides; this file never reads. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "verdict/verdict.h"
const char *dl_result_name(enum dl_result res)
{
	switch (res) {
	case DL_RESULT_PASS:
		return "pass";
	case DL_RESULT_FAIL:
		return "fail";
	case DL_RESULT_ERROR:
		return "error";
	case DL_RESULT_NOTAPPLICABLE:
		return "notapplicable";
	}
	return "?";
}

const char *dl_rule_id_name(enum dl_rule_id id)
{
	switch (id) {
	case DL_RULE_ID_DISA:
		return DL_RULE_DISA;
	case DL_RULE_ID_MUTUAL_TLS:
		return DL_RULE_MUTUAL_TLS;
	case DL_RULE_ID_NO_TCP:
		return DL_RULE_NO_TCP;
	}
	return "?";
}

int dl_rule_id_parse(enum dl_rule_id *out, const char *id)
{
	if (!id)
		return -EINVAL;
	for (int i = 0; i < DL_NRULES; i++)
		if (!strcmp(id, dl_rule_id_name((enum dl_rule_id)i))) {
			*out = (enum dl_rule_id)i;
			return 0;
		}
	return -ENOENT;
}

const struct dl_rule_result *verdict_rule_find(const struct dl_scan_result *r, const char *id)
{
	enum dl_rule_id rule;
	if (!r || dl_rule_id_parse(&rule, id) < 0 || (size_t)rule >= r->nrules)
		return NULL;
	return &r->rules[rule];
}

static void reason(struct dl_rule_result *rr, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void reason(struct dl_rule_result *rr, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap); /* out of memory aborts: a lost reason would hide why */
	va_end(ap);
	rr->reasons = xrealloc(rr->reasons, (rr->nreasons + 1) * sizeof(char *));
	rr->reasons[rr->nreasons++] = s;
}

static const char *state_words(unsigned state)
{
	if ((state & DL_STATE_CONFIGURED) && (state & DL_STATE_BOUND))
		return "configured and bound now";
	if (state & DL_STATE_BOUND)
		return "bound by a running dockerd but not in the configuration dockerd starts with "
		       "next: fixed on disk and not restarted (restart pending), or started by hand";
	return "configured for the next start";
}

/* "tcp://0.0.0.0:2375 (TLS none; configured ...) from FILE:LINE" */
static char *describe(const struct dl_listener *l)
{
	const struct dl_evidence *e = l->evidence.count ? &l->evidence.items[0] : NULL;
	bool v6 = l->address && strchr(l->address, ':');
	char *where = !e || !e->path ? xstrdup("")
		      : e->line    ? xasprintf(" from %s:%u", e->path, e->line)
				   : xasprintf(" from %s", e->path);
	char *s = xasprintf("tcp://%s%s%s:%u (TLS %s; %s%s%s)%s", v6 ? "[" : "",
			    l->address ? l->address : "?", v6 ? "]" : "", l->port, dl_tls_name(l->tls),
			    state_words(l->state), l->fd ? "; through " : "", l->fd ? l->fd : "", where);
	free(where);
	return s;
}

static bool docker_installed(const struct dl_scan_result *r)
{
	return r->ndaemons > 0 || r->launch.method != DL_LAUNCH_NONE;
}

/* Errors (not warnings) that leave the rule open: those about the listener
 * set for every rule, and also those about membership for the DISA rule. */
static bool counts(const struct dl_problem *p, bool membership)
{
	return p->severity == DL_SEVERITY_ERROR &&
	       (p->scope == DL_SCOPE_LISTENERS || membership);
}

static size_t count_errors(const struct dl_scan_result *r, bool membership)
{
	size_t n = 0;
	for (size_t i = 0; i < r->problems.count; i++)
		n += counts(&r->problems.items[i], membership);
	return n;
}

static void add_error_reasons(struct dl_rule_result *rr, const struct dl_scan_result *r,
			      bool membership)
{
	size_t shown = 0, n = count_errors(r, membership);
	for (size_t i = 0; i < r->problems.count && shown < 5; i++) {
		const struct dl_problem *p = &r->problems.items[i];
		if (!counts(p, membership))
			continue;
		shown++;
		if (p->path && p->line)
			reason(rr, "could not be decided: %s:%u: %s", p->path, p->line, p->message);
		else if (p->path)
			reason(rr, "could not be decided: %s: %s", p->path, p->message);
		else
			reason(rr, "could not be decided: %s", p->message);
	}
	if (n > shown)
		reason(rr, "and %zu more problems (see the full report)", n - shown);
}

/* The common core: fail on matching TCP listeners, error on problems, else
 * pass. wants(l) selects the listeners that violate the rule. */
static void decide(struct dl_rule_result *rr, const struct dl_scan_result *r,
		   bool (*violates)(const struct dl_listener *), const char *what, bool membership)
{
	size_t bad = 0;
	for (size_t i = 0; i < r->listeners.count; i++) {
		const struct dl_listener *l = &r->listeners.items[i];
		if (l->proto != DL_PROTO_TCP || !violates(l))
			continue;
		char *d = describe(l);
		reason(rr, "%s: %s", what, d);
		free(d);
		bad++;
	}
	if (bad) {
		rr->result = DL_RESULT_FAIL;
		return;
	}
	if (count_errors(r, membership) > 0) {
		rr->result = DL_RESULT_ERROR;
		add_error_reasons(rr, r, membership);
		return;
	}
	/* An unresolved fd:// host hides what it would listen on. */
	for (size_t i = 0; i < r->listeners.count; i++)
		if (r->listeners.items[i].proto == DL_PROTO_FD) {
			rr->result = DL_RESULT_ERROR;
			reason(rr, "could not be decided: %s is not resolved to a socket",
			       r->listeners.items[i].fd);
			return;
		}
	rr->result = DL_RESULT_PASS;
}

static bool any_tcp(const struct dl_listener *l)
{
	(void)l;
	return true;
}

static bool not_mutual(const struct dl_listener *l)
{
	return l->tls != DL_TLS_MUTUAL;
}

static void pass_reason(struct dl_rule_result *rr, const struct dl_scan_result *r, const char *what)
{
	if (rr->result != DL_RESULT_PASS)
		return;
	size_t n = 0;
	for (size_t i = 0; i < r->listeners.count; i++)
		n += r->listeners.items[i].proto == DL_PROTO_TCP;
	reason(rr, "%s (%zu API listeners checked, %zu TCP; every source read)", what,
	       r->listeners.count, n);
}

void verdict_evaluate(struct dl_scan_result *r)
{
	bool installed = docker_installed(r);

	r->nrules = DL_NRULES;
	for (size_t i = 0; i < DL_NRULES; i++) {
		struct dl_rule_result *rr = &r->rules[i];
		memset(rr, 0, sizeof(*rr));
		rr->rule = (enum dl_rule_id)i;
		rr->id = dl_rule_id_name(rr->rule);
		if (!installed && count_errors(r, false) > 0) {
			/* Fail closed: a source that could start or configure
			 * dockerd was not read (a launcher over the bound, a
			 * daemon.json that is a symlink loop, ...), so "not
			 * installed" is not known (docs/rules.md). */
			rr->result = DL_RESULT_ERROR;
			reason(rr, "no Docker Engine found, but not every source that could start or "
				   "configure it was read");
			add_error_reasons(rr, r, false);
		} else if (!installed) {
			rr->result = DL_RESULT_NOTAPPLICABLE;
			reason(rr, "Docker Engine is not installed: no docker.service, init script, "
				   "dockerd binary, daemon.json or running dockerd found");
		}
	}
	if (!installed)
		return;

	/* DISA DKER-EE-001050: UCP/MKE cluster nodes only (the STIG's fix text). */
	struct dl_rule_result *disa = &r->rules[DL_RULE_ID_DISA];
	if (r->cluster.ucp == DL_UCP_NO) {
		disa->result = DL_RESULT_NOTAPPLICABLE;
		reason(disa, "not a UCP/MKE cluster node: no UCP container records or processes "
			     "under the data root; the rule applies to UCP cluster nodes only");
	} else if (r->cluster.ucp == DL_UCP_YES) {
		decide(disa, r, any_tcp, "TCP API listener on a UCP cluster node", true);
		pass_reason(disa, r, "UCP cluster node with no TCP API listener");
	} else {
		disa->result = DL_RESULT_ERROR;
		reason(disa, "UCP/MKE membership could not be decided (see problems): the rule's "
			     "scope is unknown");
		add_error_reasons(disa, r, true);
	}

	struct dl_rule_result *mutual = &r->rules[DL_RULE_ID_MUTUAL_TLS];
	decide(mutual, r, not_mutual, "TCP API listener without mutual TLS (tlsverify)", false);
	pass_reason(mutual, r, "every TCP API listener uses mutual TLS");
	struct dl_rule_result *no_tcp = &r->rules[DL_RULE_ID_NO_TCP];
	decide(no_tcp, r, any_tcp, "TCP API listener", false);
	pass_reason(no_tcp, r, "no TCP API listener");
}

void verdict_clear(struct dl_scan_result *r)
{
	for (size_t i = 0; i < r->nrules; i++) {
		for (size_t k = 0; k < r->rules[i].nreasons; k++)
			free(r->rules[i].reasons[k]);
		free(r->rules[i].reasons);
	}
	r->nrules = 0;
}
