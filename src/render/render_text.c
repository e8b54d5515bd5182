/* Human-readable report: what dockerd listens on, and why we think so. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "base/escape.h"
#include "base/problems.h"
#include "verdict/verdict.h"
/* Evidence comes from files an attacker may control: it must not drive the
 * reader's terminal, and the report must stay valid UTF-8 text that oscap
 * can store in an ARF (escape.h has the reversible scheme). */
static void put_safe(FILE *out, const char *s)
{
	escape_text_put(out, s);
}

static void put_location(FILE *out, const char *path, unsigned line)
{
	put_safe(out, path ? path : "(built-in)");
	if (line)
		fprintf(out, ":%u", line);
}

static void put_listener(FILE *out, const struct dl_listener *l)
{
	fputs("  ", out);
	switch (l->proto) {
	case DL_PROTO_TCP:
		fputs("tcp  ", out);
		if (strchr(l->address ? l->address : "", ':'))
			fputc('[', out), put_safe(out, l->address), fputc(']', out);
		else
			put_safe(out, l->address);
		fprintf(out, ":%u  TLS: %s", l->port, dl_tls_name(l->tls));
		break;
	case DL_PROTO_UNIX:
		fputs("unix ", out);
		put_safe(out, l->path);
		break;
	case DL_PROTO_FD:
		fputs("fd   (unresolved)", out);
		break;
	}
	if (l->fd)
		fputs("  via ", out), put_safe(out, l->fd);
	if ((l->state & DL_STATE_CONFIGURED) && (l->state & DL_STATE_BOUND))
		fputs("  [configured, bound now]", out);
	else if (l->state & DL_STATE_BOUND)
		fputs("  [bound now; not in the next-start configuration: restart pending]", out);
	else if (l->state & DL_STATE_CONFIGURED)
		fputs("  [configured]", out);
	fputc('\n', out);
	if (l->note)
		fputs("       note: ", out), put_safe(out, l->note), fputc('\n', out);
	for (size_t i = 0; i < l->evidence.count; i++) {
		const struct dl_evidence *e = &l->evidence.items[i];
		fputs("       from ", out);
		put_location(out, e->path, e->line);
		fputs(" (", out);
		put_safe(out, e->source);
		fputs("): ", out);
		put_safe(out, e->text);
		fputc('\n', out);
	}
}

static void put_daemons(FILE *out, const struct dl_scan_result *r)
{
	if (!r->nrules)
		return;
	if (!r->live) {
		fputs("\nrunning daemons: not examined (no processes under <root>/proc)\n", out);
		return;
	}
	fprintf(out, "\nrunning daemons: %zu\n", r->ndaemons);
	for (size_t i = 0; i < r->ndaemons; i++) {
		const struct dl_daemon *d = &r->daemons[i];
		fprintf(out, "  pid %lu%s%s:", d->pid, d->rootless ? " (rootless)" : "",
			d->socket_activated ? " (socket-activated)" : "");
		for (size_t k = 0; k < d->argc; k++)
			fputc(' ', out), put_safe(out, d->argv[k]);
		fputc('\n', out);
		for (size_t k = 0; k < d->listeners.count; k++) {
			const struct dl_listener *l = &d->listeners.items[k];
			if (!(l->state & DL_STATE_BOUND))
				continue;
			fputs("    bound API: ", out);
			if (l->proto == DL_PROTO_TCP) {
				bool v6 = l->address && strchr(l->address, ':');
				fprintf(out, "tcp %s", v6 ? "[" : "");
				put_safe(out, l->address);
				fprintf(out, "%s:%u TLS %s\n", v6 ? "]" : "", l->port, dl_tls_name(l->tls));
			} else {
				fputs("unix ", out);
				put_safe(out, l->path);
				fputc('\n', out);
			}
		}
		for (size_t k = 0; k < d->nother_sockets; k++) {
			const struct dl_other_socket *o = &d->other_sockets[k];
			fputs("    not API:   tcp ", out);
			put_safe(out, o->address);
			fprintf(out, ":%u (", o->port);
			put_safe(out, o->role);
			fputs(": ", out);
			put_safe(out, o->reason);
			fputs(")\n", out);
		}
	}
}

static void put_cluster(FILE *out, const struct dl_scan_result *r)
{
	if (!r->nrules)
		return;
	const struct dl_cluster *c = &r->cluster;
	fputs("\ncluster:     swarm ", out);
	fputs(dl_swarm_role_name(c->swarm), out);
	if (c->swarm_method != DL_SWARM_BY_NONE)
		fprintf(out, " (by %s)", dl_swarm_method_name(c->swarm_method));
	fputs(", UCP/MKE member: ", out);
	fputs(dl_ucp_state_name(c->ucp), out);
	fputs(c->ucp_running ? " (UCP containers running)\n" : "\n", out);
	for (size_t i = 0; i < c->evidence.count && i < 8; i++) {
		const struct dl_evidence *e = &c->evidence.items[i];
		fputs("       from ", out);
		put_location(out, e->path, e->line);
		fputs(": ", out);
		put_safe(out, e->text);
		fputc('\n', out);
	}
	if (c->evidence.count > 8)
		fprintf(out, "       (%zu more)\n", c->evidence.count - 8);
}

static void put_rule(FILE *out, const struct dl_rule_result *rr)
{
	fputs("  ", out);
	fputs(rr->id, out);
	fprintf(out, ": %s\n", dl_result_name(rr->result));
	for (size_t k = 0; k < rr->nreasons; k++)
		fputs("    - ", out), put_safe(out, rr->reasons[k]), fputc('\n', out);
}

int dl_render_rule(FILE *out, const struct dl_scan_result *r, const char *rule_id)
{
	const struct dl_rule_result *rr = verdict_rule_find(r, rule_id);
	if (!rr)
		return -ENOENT;
	fprintf(out, "dockerd-scap: %s: %s\n", rr->id, dl_result_name(rr->result));
	for (size_t k = 0; k < rr->nreasons; k++)
		fputs("  - ", out), put_safe(out, rr->reasons[k]), fputc('\n', out);
	fputc('\n', out);
	return dl_render_text(out, r);
}

int dl_render_text(FILE *out, const struct dl_scan_result *r)
{
	const struct dl_launch *l = &r->launch;
	size_t ntcp = 0;
	for (size_t i = 0; i < r->listeners.count; i++)
		ntcp += r->listeners.items[i].proto == DL_PROTO_TCP;

	fputs("dockerd listener set of root ", out);
	put_safe(out, r->root);
	fputc('\n', out);
	fputs("launch:      ", out);
	fputs(dl_launch_method_name(l->method), out);
	if (l->unit_path)
		fputc(' ', out), put_safe(out, l->unit_path);
	if (l->masked)
		fputs(" (masked: dockerd will not start)", out);
	fputc('\n', out);
	if (l->dockerd_rules) {
		fputs("dockerd:     ", out);
		put_safe(out, l->dockerd_version ? l->dockerd_version : "version unknown");
		fputs(" (rules ", out);
		put_safe(out, l->dockerd_rules);
		if (l->dockerd_version_source)
			fputs("; from ", out), put_safe(out, l->dockerd_version_source);
		fputs(")\n", out);
	}
	if (l->argc) {
		fputs("command:    ", out);
		for (size_t i = 0; i < l->argc; i++)
			fputc(' ', out), put_safe(out, l->argv[i]);
		fputc('\n', out);
	}
	if (l->config_file) {
		fputs("config file: ", out);
		put_safe(out, l->config_file);
		fputs(l->config_file_present ? " (read)\n" : " (absent)\n", out);
	}
	if (!r->other_launchers.count)
		fputs("other launchers: none start dockerd (looked at runit and s6 services, supervisord, "
		      "rc.local, cron, inittab, image entrypoints, boot2docker, other systemd units, "
		      "init scripts and Upstart jobs)\n",
		      out);
	for (size_t i = 0; i < r->other_launchers.count; i++) {
		const struct dl_evidence *e = &r->other_launchers.items[i];
		fputs("other launcher (not read): ", out);
		put_location(out, e->path, e->line);
		fputs(": ", out);
		put_safe(out, e->text);
		fputc('\n', out);
	}
	if (l->refuses_start)
		fputs("WARNING:     dockerd will refuse to start with this configuration (see problems)\n",
		      out);
	fprintf(out, "\nlisteners: %zu (%zu TCP)\n", r->listeners.count, ntcp);
	for (size_t i = 0; i < r->listeners.count; i++)
		put_listener(out, &r->listeners.items[i]);
	size_t nerr = problem_list_errors(&r->problems);
	put_daemons(out, r);
	put_cluster(out, r);
	if (r->nrules) {
		fputs("\nverdicts:\n", out);
		for (size_t i = 0; i < r->nrules; i++)
			put_rule(out, &r->rules[i]);
	}
	fprintf(out, "\nproblems: %zu (%zu errors, %zu warnings)\n", r->problems.count, nerr,
		r->problems.count - nerr);
	for (size_t i = 0; i < r->problems.count; i++) {
		const struct dl_problem *p = &r->problems.items[i];
		fputs(p->severity == DL_SEVERITY_WARNING ? "  warning: " : "  error:   ", out);
		put_location(out, p->path, p->line);
		fputs(": ", out);
		put_safe(out, p->message);
		fputc('\n', out);
	}
	return ferror(out) ? (errno ? -errno : -EIO) : 0;
}

char *dl_escape_text(const char *s)
{
	return escape_text(s ? s : "");
}
