/* dockerd-listeners: print the effective dockerd listener set of a root. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerd-scap/listeners.h"

enum { EXIT_SCANNED = 0, EXIT_ROOT = 1, EXIT_USAGE = 2 };

static void usage(FILE *out)
{
	fputs("Usage: dockerd-listeners [--root DIR] [--format text|json]\n"
	      "\n"
	      "Print every API endpoint dockerd will listen on at its next start, with its\n"
	      "TLS state and the files and lines it comes from, as read from systemd units\n"
	      "and drop-ins, environment files, socket units, daemon.json and legacy init\n"
	      "files under DIR.\n"
	      "\n"
	      "  -r, --root DIR       scan DIR as if it were / (default: /)\n"
	      "  -f, --format FORMAT  text (default) for people, json for pipelines\n"
	      "  -h, --help           show this help\n"
	      "  -V, --version        show the version\n"
	      "\n"
	      "Exit status: 0 when the scan ran (problems found are in the output),\n"
	      "1 when the root cannot be scanned, 2 on a usage error.\n"
	      "See dockerd-listeners(1).\n",
	      out);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *root = "/";
	const char *format = "text";
	int c;

	while ((c = getopt_long(argc, argv, "r:f:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			root = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_SCANNED;
		case 'V':
			puts(PACKAGE_STRING);
			return EXIT_SCANNED;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "dockerd-listeners: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(format, "text") && strcmp(format, "json")) {
		fprintf(stderr, "dockerd-listeners: unknown format '%s' (use text or json)\n", format);
		return EXIT_USAGE;
	}
	if (!*root) {
		fputs("dockerd-listeners: --root needs a directory\n", stderr);
		return EXIT_USAGE;
	}

	struct dl_scan_result *res = NULL;
	char err[512];
	if (dl_scan_config(&res, root, err, sizeof(err)) < 0) {
		fprintf(stderr, "dockerd-listeners: %s\n", err);
		return EXIT_ROOT;
	}
	int r = !strcmp(format, "json") ? dl_render_json(stdout, res) : dl_render_text(stdout, res);
	dl_scan_result_free(res);
	if (r < 0 || fflush(stdout) == EOF) {
		fprintf(stderr, "dockerd-listeners: cannot write output: %s\n", strerror(errno));
		return EXIT_ROOT;
	}
	return EXIT_SCANNED;
}
