/* The rows of a checklist (one per STIG rule), shared by the CKL and CKLB
 * writers: from DISA's STIG (--stig) when given, else from the benchmark in
 * the results, else from the rule-results alone. */
#ifndef DOCKERD_SCAP_REPORT_ROWS_H
#define DOCKERD_SCAP_REPORT_ROWS_H

#include "report.h"

struct report_row {
	const struct report_ruledef *def; /* may be NULL (--stig-viewer input) */
	const struct report_rule *res;    /* NULL: not assessed by this scan */
	char *vuln_num, *rule_id, *rule_ver, *rule_title, *group_title, *severity, *weight;
	char *discussion, *check_content, *fix_text;
	const char *ckl_status;  /* NotAFinding, Open, Not_Applicable, Not_Reviewed */
	const char *cklb_status; /* not_a_finding, open, not_applicable, not_reviewed */
	char *details, *comments;
};

struct report_rows {
	struct report_row *rows;
	size_t n;
	char *stig_id;      /* benchmark id without xccdf_mil.disa.stig_benchmark_ */
	char *title, *version, *release_info, *description, *filename, *stig_ref, *uuid;
	char target_key[16];
};

void report_rows_build(struct report_rows *rows, const struct report_node *node,
		       const struct report_benchmark *stig);
void report_rows_free(struct report_rows *rows);
/* The node's name: <target> unless empty or "unknown" (offline scans), else
 * the host_name fact, else the results file's base name without ".xml". */
char *report_node_name(const struct report_node *node);
/* A random RFC 4122 version 4 UUID (37 bytes with the NUL). */
void report_uuid(char out[37]);

#endif
