/* Human-readable report: what dockerd listens on, and why we think so. */
#include "config.h"

#include <string.h>

#include "model.h"

/* Print text with control characters escaped: evidence comes from files an
 * attacker may control, and must not drive the reader's terminal. */
static void put_safe(FILE *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\x%02x", *p);
		else
			fputc(*p, out);
	}
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
	put_safe(out, l->method);
	if (l->unit_path)
		fputc(' ', out), put_safe(out, l->unit_path);
	if (l->masked)
		fputs(" (masked: dockerd will not start)", out);
	fputc('\n', out);
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
	if (l->refuses_start)
		fputs("WARNING:     dockerd will refuse to start with this configuration (see problems)\n",
		      out);
	fprintf(out, "\nlisteners: %zu (%zu TCP)\n", r->listeners.count, ntcp);
	for (size_t i = 0; i < r->listeners.count; i++)
		put_listener(out, &r->listeners.items[i]);
	size_t nerr = problem_list_errors(&r->problems);
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
	return ferror(out) ? -1 : 0;
}
