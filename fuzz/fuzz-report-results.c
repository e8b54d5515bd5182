/* Fuzz target: dockerd-scap-report's results reader (report/results.c and
 * the evidence parser it calls): the input as an oscap results document of
 * each kind, then as a STIG benchmark. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "report.h"

int fuzz_report_results(const uint8_t *data, size_t size)
{
	static const enum report_kind kinds[] = { REPORT_KIND_ANY, REPORT_KIND_ARF,
						  REPORT_KIND_XCCDF, REPORT_KIND_STIG_VIEWER };
	for (size_t k = 0; k < sizeof(kinds) / sizeof(*kinds); k++) {
		struct report_node node;
		memset(&node, 0, sizeof(node));
		int rc = report_read_results((const char *)data, size, "fuzz", kinds[k], &node);
		(void)rc; /* node.error says why */
		report_node_free(&node);
	}
	struct report_benchmark bench;
	memset(&bench, 0, sizeof(bench));
	char *error = NULL;
	int rc = report_read_benchmark((const char *)data, size, "fuzz", &bench, &error);
	(void)rc;
	free(error);
	report_benchmark_free(&bench);
	return 0;
}
FUZZ_ENTRY(fuzz_report_results)
