/* dockerd-scap-report: oscap results of one or more nodes -> XCCDF results
 * with the evidence, STIG Viewer checklists (CKL, CKLB), a cluster summary.
 * See dockerd-scap-report(1) and docs/pipeline.md. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>

#include "report.h"
#include "rows.h"

enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 64 };

static void usage(FILE *out)
{
	fputs("Usage: dockerd-scap-report xccdf --output-dir DIR RESULT...\n"
	      "       dockerd-scap-report ckl   --output-dir DIR [--stig DISA_XCCDF] RESULT...\n"
	      "       dockerd-scap-report cklb  --output-dir DIR [--stig DISA_XCCDF] RESULT...\n"
	      "       dockerd-scap-report summary [--format text|json] RESULT...\n"
	      "\n"
	      "Turn oscap's results of one or more nodes (one file per node) into what is\n"
	      "submitted: XCCDF results with the probe's evidence in each rule-result's\n"
	      "<message> (STIG Manager, STIG Viewer), STIG Viewer 2 checklists (.ckl) and\n"
	      "STIG Viewer 3 checklists (.cklb) for eMASS, or a cluster summary.\n"
	      "\n"
	      "RESULT is a file written by oscap xccdf eval, its kind taken from its root\n"
	      "element, or one of:\n"
	      "  --results-arf FILE   an ARF (oscap --results-arf)\n"
	      "  --results FILE       XCCDF results (oscap --results)\n"
	      "  --stig-viewer FILE   STIG Viewer results (oscap --stig-viewer)\n"
	      "\n"
	      "  -o, --output-dir DIR  write one file per node into DIR (created if missing)\n"
	      "  -s, --stig FILE       DISA's STIG (manual XCCDF benchmark): the checklist holds\n"
	      "                        every rule of it, the ones not scanned Not_Reviewed\n"
	      "  -f, --format FORMAT   summary format: text (default) or json\n"
	      "  -h, --help            show this help\n"
	      "  -V, --version         show the version\n"
	      "\n"
	      "A file that cannot be read is reported for its node; the others go through.\n"
	      "Exit status: summary: 0 every rule passed or is not applicable on every node,\n"
	      "2 a rule failed on some node, 1 otherwise (a node unreadable, a rule error).\n"
	      "xccdf, ckl, cklb: 0 every node written, 1 a node unreadable or not written.\n"
	      "64 on a usage error. See dockerd-scap-report(1).\n",
	      out);
}

struct input {
	const char *path;
	enum report_kind kind;
};

static char *out_name(const char *dir, const char *source, const char *ext, char **used, size_t nused)
{
	const char *base = strrchr(source, '/');
	base = base ? base + 1 : source;
	size_t n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".xml"))
		n -= 4;
	char *stem = n ? report_printf("%.*s", (int)n, base) : report_strdup("node");
	for (unsigned k = 1;; k++) {
		char *p = k == 1 ? report_printf("%s/%s%s", dir, stem, ext)
				 : report_printf("%s/%s-%u%s", dir, stem, k, ext);
		bool taken = false;
		for (size_t i = 0; i < nused; i++)
			if (!strcmp(used[i], p))
				taken = true;
		if (!taken) {
			free(stem);
			return p;
		}
		free(p);
	}
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
		printf("dockerd-scap-report %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}
	enum { C_XCCDF, C_CKL, C_CKLB, C_SUMMARY } c;
	if (!strcmp(cmd, "xccdf"))
		c = C_XCCDF;
	else if (!strcmp(cmd, "ckl"))
		c = C_CKL;
	else if (!strcmp(cmd, "cklb"))
		c = C_CKLB;
	else if (!strcmp(cmd, "summary"))
		c = C_SUMMARY;
	else {
		fprintf(stderr, "dockerd-scap-report: unknown command '%s' (xccdf, ckl, cklb or summary)\n", cmd);
		usage(stderr);
		return EXIT_USAGE;
	}

	static const struct option opts[] = {
		{ "output-dir", required_argument, NULL, 'o' },
		{ "stig", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ "results-arf", required_argument, NULL, 'A' },
		{ "results", required_argument, NULL, 'X' },
		{ "stig-viewer", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *outdir = NULL, *stig_path = NULL, *format = "text";
	struct input *in = calloc((size_t)argc, sizeof *in);
	if (!in)
		abort();
	size_t nin = 0;
	int o;
	/* the command's own argv: GNU getopt permutes, so options and files
	 * may be interleaved */
	int sargc = argc - 1;
	char **sargv = argv + 1;
	while ((o = getopt_long(sargc, sargv, "o:s:f:hV", opts, NULL)) != -1) {
		switch (o) {
		case 'o': outdir = optarg; break;
		case 's': stig_path = optarg; break;
		case 'f': format = optarg; break;
		case 'A': in[nin++] = (struct input){ optarg, REPORT_KIND_ARF }; break;
		case 'X': in[nin++] = (struct input){ optarg, REPORT_KIND_XCCDF }; break;
		case 'S': in[nin++] = (struct input){ optarg, REPORT_KIND_STIG_VIEWER }; break;
		case 'h': usage(stdout); free(in); return EXIT_OK;
		case 'V': printf("dockerd-scap-report %s\n", PACKAGE_VERSION); free(in); return EXIT_OK;
		default: usage(stderr); free(in); return EXIT_USAGE;
		}
	}
	while (optind < sargc)
		in[nin++] = (struct input){ sargv[optind++], REPORT_KIND_ANY };

	const char *err = NULL;
	if (nin == 0)
		err = "no results file given";
	else if (c != C_SUMMARY && !outdir)
		err = "--output-dir is required";
	else if (c == C_SUMMARY && outdir)
		err = "summary writes to standard output; --output-dir is for xccdf, ckl and cklb";
	else if (stig_path && c != C_CKL && c != C_CKLB)
		err = "--stig is for ckl and cklb";
	else if (c == C_SUMMARY && strcmp(format, "text") && strcmp(format, "json"))
		err = "--format must be text or json";
	else if (c != C_SUMMARY && strcmp(format, "text"))
		err = "--format is for summary";
	if (err) {
		fprintf(stderr, "dockerd-scap-report %s: %s\n", cmd, err);
		free(in);
		return EXIT_USAGE;
	}

	LIBXML_TEST_VERSION
	int status = EXIT_OK;
	struct report_benchmark stig;
	bool have_stig = false;
	if (stig_path) {
		char *e = NULL;
		if (report_read_benchmark_file(stig_path, &stig, &e) != 0) {
			fprintf(stderr, "dockerd-scap-report: --stig %s\n", e);
			free(e), free(in);
			xmlCleanupParser();
			return EXIT_ERROR;
		}
		have_stig = true;
	}
	if (outdir && mkdir(outdir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "dockerd-scap-report: %s: cannot create the output directory: %s\n", outdir,
			strerror(errno));
		free(in);
		if (have_stig)
			report_benchmark_free(&stig);
		return EXIT_ERROR;
	}

	struct report_node *nodes = calloc(nin, sizeof *nodes);
	char **used = calloc(nin, sizeof *used);
	if (!nodes || !used)
		abort();
	size_t nused = 0;
	for (size_t i = 0; i < nin; i++) {
		if (report_read_file(in[i].path, in[i].kind, &nodes[i]) != 0) {
			fprintf(stderr, "dockerd-scap-report: %s\n", nodes[i].error);
			status = EXIT_ERROR;
			continue;
		}
		if (c == C_SUMMARY)
			continue;
		const char *ext = c == C_XCCDF ? ".xccdf.xml" : c == C_CKL ? ".ckl" : ".cklb";
		char *path = out_name(outdir, in[i].path, ext, used, nused);
		char *e = NULL;
		int r = c == C_XCCDF ? report_write_xccdf(&nodes[i], path, &e)
			: c == C_CKL ? report_write_ckl(&nodes[i], have_stig ? &stig : NULL, path, &e)
				     : report_write_cklb(&nodes[i], have_stig ? &stig : NULL, path, &e);
		if (r != 0) {
			fprintf(stderr, "dockerd-scap-report: %s\n", e);
			free(e);
			status = EXIT_ERROR;
		} else
			printf("%s: %s\n", in[i].path, path);
		used[nused++] = path;
	}
	if (c == C_SUMMARY)
		status = report_summary(stdout, nodes, nin, !strcmp(format, "json"));
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "dockerd-scap-report: cannot write to standard output\n");
		status = EXIT_ERROR;
	}
	for (size_t i = 0; i < nin; i++)
		report_node_free(&nodes[i]);
	for (size_t i = 0; i < nused; i++)
		free(used[i]);
	free(used), free(nodes), free(in);
	if (have_stig)
		report_benchmark_free(&stig);
	xmlCleanupParser();
	return status;
}
