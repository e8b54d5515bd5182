/* dockerd-listeners: where does dockerd's API listen, and do the rules pass?
 *
 * Also the check that stock oscap runs through its Script Check Engine: when
 * the XCCDF_RESULT_* variables are set, it prints the evidence for one rule
 * and exits with that rule's XCCDF result code. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerd-scap/listeners.h"
#include "fix-cli.h"

enum { EXIT_SCANNED = 0, EXIT_ROOT = 1, EXIT_USAGE = 2 };

/* Arguments and messages may hold any bytes: written escaped. */
static void put_escaped(FILE *to, const char *s)
{
	char *e = dl_escape_text(s);
	fputs(e, to);
	free(e);
}

static void usage(FILE *out)
{
	fputs("Usage: dockerd-listeners [--root DIR] [--format text|json] [--rule ID] [--config-only]\n"
	      "       dockerd-listeners --fix [--root DIR] [--dry-run] [--format text|json]\n"
	      "\n"
	      "Print every API endpoint dockerd listens on now and will listen on at its next\n"
	      "start, with its TLS state and the files, lines and sockets it comes from; the\n"
	      "node's swarm and UCP/MKE membership; and the verdicts of the rules:\n"
	      "  " DL_RULE_DISA "        DISA DKER-EE-001050 (UCP cluster nodes)\n"
	      "  " DL_RULE_MUTUAL_TLS "  every TCP API listener uses mutual TLS\n"
	      "  " DL_RULE_NO_TCP "      no TCP API listener on any Docker node\n"
	      "\n"
	      "  -r, --root DIR       scan DIR as if it were / (default: $OSCAP_PROBE_ROOT, else /)\n"
	      "  -f, --format FORMAT  text (default) for people, json for pipelines\n"
	      "  -R, --rule ID        report on one rule (under oscap's SCE: exit with its result)\n"
	      "  -c, --config-only    read configuration only: no /proc, cluster or verdicts\n"
	      "      --fix            remove every TCP API listener from the configuration,\n"
	      "                       verified on a copy first; on / restart dockerd\n"
	      "      --dry-run        with --fix: print the verified plan as a diff, write nothing\n"
	      "  -h, --help           show this help\n"
	      "  -V, --version        show the version\n"
	      "\n"
	      "Exit status: 0 when the scan ran (problems found are in the output), 1 when the\n"
	      "root cannot be scanned, 2 on a usage error. Under oscap's Script Check Engine\n"
	      "(XCCDF_RESULT_PASS set): the rule's XCCDF result, pass 101, fail 102,\n"
	      "error 103, notapplicable 105. --fix: 0 nothing to do, 3 fixed and verified,\n"
	      "4 written but restart pending or TCP still bound, 5 refused (nothing written),\n"
	      "6 --dry-run plan verified, 1 error. See dockerd-listeners(1).\n",
	      out);
}

/* The XCCDF result code oscap's SCE asked for (XCCDF_RESULT_*), or the
 * standard value (xccdf_test_result_type_t) when unset or malformed. */
static int sce_code(const char *name, int fallback)
{
	const char *v = getenv(name);
	char *end;
	if (!v || !*v)
		return fallback;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (errno || *end || n < 1 || n > 255)
		return fallback;
	return (int)n;
}

static int sce_exit(enum dl_result res)
{
	switch (res) {
	case DL_RESULT_PASS:
		return sce_code("XCCDF_RESULT_PASS", 101);
	case DL_RESULT_FAIL:
		return sce_code("XCCDF_RESULT_FAIL", 102);
	case DL_RESULT_NOTAPPLICABLE:
		return sce_code("XCCDF_RESULT_NOT_APPLICABLE", 105);
	case DL_RESULT_ERROR:
		break;
	}
	return sce_code("XCCDF_RESULT_ERROR", 103);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "rule", required_argument, NULL, 'R' },
		{ "config-only", no_argument, NULL, 'c' },
		{ "fix", no_argument, NULL, 'F' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *root = NULL;
	const char *format = "text";
	const char *rule = NULL;
	bool config_only = false;
	bool fix = false, dry_run = false;
	bool sce = getenv("XCCDF_RESULT_PASS") != NULL;
	int c;

	while ((c = getopt_long(argc, argv, "r:f:R:chV", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			root = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'R':
			rule = optarg;
			break;
		case 'c':
			config_only = true;
			break;
		case 'F':
			fix = true;
			break;
		case 'n':
			dry_run = true;
			break;
		case 'h':
			usage(stdout);
			return EXIT_SCANNED;
		case 'V':
			puts(PACKAGE_STRING);
			return EXIT_SCANNED;
		default:
			usage(stderr);
			return sce ? sce_exit(DL_RESULT_ERROR) : EXIT_USAGE;
		}
	}
	/* A fix is never a check: oscap runs fix scripts outside the SCE, and
	 * an XCCDF_RESULT_* left in the environment must not change --fix. */
	if (fix)
		sce = false;
	/* Under SCE the rule may come as an exported XCCDF value instead. */
	if (!rule && sce) {
		const char *v = getenv("XCCDF_VALUE_DOCKERD_SCAP_RULE");
		if (v && *v)
			rule = v;
	}
	/* oscap-chroot and oscap-podman point oscap's probes at another root
	 * with OSCAP_PROBE_ROOT: scan the same root. */
	if (!root) {
		const char *pr = getenv("OSCAP_PROBE_ROOT");
		root = pr && *pr ? pr : "/";
	}
	enum dl_rule_id rule_id = DL_RULE_ID_DISA;
	char usage_error[512] = "";
	if (optind < argc)
		snprintf(usage_error, sizeof(usage_error), "unexpected argument '%s'", argv[optind]);
	else if (strcmp(format, "text") && strcmp(format, "json"))
		snprintf(usage_error, sizeof(usage_error), "unknown format '%s' (use text or json)",
			 format);
	else if (!*root)
		snprintf(usage_error, sizeof(usage_error), "--root needs a directory");
	else if (rule && dl_rule_id_parse(&rule_id, rule) < 0)
		snprintf(usage_error, sizeof(usage_error), "unknown rule id '%s'", rule);
	else if (sce && !rule)
		snprintf(usage_error, sizeof(usage_error),
			 "run by oscap's Script Check Engine without a rule: pass --rule ID or "
			 "export XCCDF_VALUE_DOCKERD_SCAP_RULE");
	else if (config_only && rule)
		snprintf(usage_error, sizeof(usage_error), "--config-only has no verdicts: drop --rule");
	else if (dry_run && !fix)
		snprintf(usage_error, sizeof(usage_error), "--dry-run goes with --fix");
	else if (fix && (rule || config_only))
		snprintf(usage_error, sizeof(usage_error),
			 "--fix takes only --root, --dry-run and --format");
	if (*usage_error) {
		/* Arguments and paths may hold any bytes: escaped (dl_escape_text). */
		FILE *to = sce ? stdout : stderr;
		fputs("dockerd-listeners: ", to), put_escaped(to, usage_error), fputc('\n', to);
		if (!sce)
			usage(stderr);
		return sce ? sce_exit(DL_RESULT_ERROR) : EXIT_USAGE;
	}

	if (fix)
		return fix_main(root, dry_run, !strcmp(format, "json"));

	struct dl_scan_result *res = NULL;
	char err[512];
	int e = config_only ? dl_scan_config(&res, root, err, sizeof(err))
			    : dl_scan(&res, root, err, sizeof(err));
	if (e < 0) {
		FILE *to = sce ? stdout : stderr;
		fputs("dockerd-listeners: ", to), put_escaped(to, err), fputc('\n', to);
		return sce ? sce_exit(DL_RESULT_ERROR) : EXIT_ROOT;
	}
	int r;
	if (!strcmp(format, "json"))
		r = dl_render_json(stdout, res);
	else if (rule)
		r = dl_render_rule(stdout, res, rule);
	else
		r = dl_render_text(stdout, res);
	int status = EXIT_SCANNED;
	if (sce)
		status = sce_exit(dl_scan_rule_result(res, rule_id));
	dl_scan_result_free(res);
	if (r < 0 || fflush(stdout) == EOF) {
		fprintf(stderr, "dockerd-listeners: cannot write output: %s\n", strerror(errno));
		return sce ? sce_exit(DL_RESULT_ERROR) : EXIT_ROOT;
	}
	return status;
}
