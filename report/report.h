/*
 * dockerd-scap-report: turn oscap's results (ARF, XCCDF results, STIG Viewer
 * XCCDF) of one or more nodes into what assessors submit: XCCDF results with
 * the probe's evidence as a rule-result <message>, STIG Viewer checklists
 * (CKL, CKLB) and a cluster summary. See docs/pipeline.md.
 *
 * Conventions: functions return 0 or -1; every string is owned by the struct
 * that holds it; a node whose file could not be read has `error` set and no
 * rules, and the other nodes still go through.
 */
#ifndef DOCKERD_SCAP_REPORT_H
#define DOCKERD_SCAP_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <libxml/tree.h>

/* Largest results file read (an ARF of a full OS benchmark is a few tens of
 * MiB); larger is an error for that node, never a truncation. */
#define REPORT_MAX_FILE (256u * 1024u * 1024u)

#define REPORT_NS_XCCDF "http://checklists.nist.gov/xccdf/1.2"
#define REPORT_NS_XCCDF11 "http://checklists.nist.gov/xccdf/1.1"
#define REPORT_NS_ARF "http://scap.nist.gov/schema/asset-reporting-format/1.1"
#define REPORT_DISA_RULE_PREFIX "xccdf_mil.disa.stig_rule_"
#define REPORT_DISA_GROUP_PREFIX "xccdf_mil.disa.stig_group_"
#define REPORT_DISA_BENCHMARK_PREFIX "xccdf_mil.disa.stig_benchmark_"
#define REPORT_SCE_SYSTEM "http://open-scap.org/page/SCE"
#define REPORT_OVAL_SYSTEM "http://oval.mitre.org/XMLSchema/oval-definitions-5"

/* What the caller says a file is (oscap's option that wrote it). */
enum report_kind {
	REPORT_KIND_ANY,        /* detect from the root element */
	REPORT_KIND_ARF,        /* --results-arf */
	REPORT_KIND_XCCDF,      /* --results: <Benchmark> with a <TestResult> */
	REPORT_KIND_STIG_VIEWER /* --stig-viewer: a <TestResult> document */
};

/* The rule's text from a benchmark (ours in the results, or DISA's). */
struct report_ruledef {
	char *id;          /* full XCCDF id of the Rule */
	char *group_id;    /* full XCCDF id of its Group, or NULL */
	char *group_title;
	char *title;
	char *version;     /* STIG id, e.g. DKER-EE-001050 */
	char *severity;
	char *weight;
	char *description; /* as in the benchmark (DISA: escaped <VulnDiscussion> markup) */
	char *check_text;  /* the manual check's content */
	char *fix_text;
	char **ccis;       /* idents of system http://cyber.mil/cci */
	size_t nccis;
	char **legacy;     /* idents of system http://cyber.mil/legacy */
	size_t nlegacy;
};

struct report_benchmark {
	char *id;       /* full id */
	char *title;
	char *version;
	char *release_info;
	char *description;
	struct report_ruledef *rules;
	size_t nrules;
};

/* A TCP API listener, as the probe's evidence names it. */
struct report_listener {
	char *address;  /* tcp://HOST:PORT */
	char *tls;      /* none, server, mutual */
	char *state;    /* configured, bound now, restart pending ... */
	char *from;     /* FILE:LINE of its first evidence, or NULL */
};

struct report_rule {
	char *idref;        /* full XCCDF rule id (SV-... from --stig-viewer mapped back) */
	char *result;       /* pass, fail, error, notapplicable, ... */
	char *time;
	char *severity;
	char *version;
	char *weight;
	char *check_system; /* the engine that decided */
	char *check_name;   /* OVAL definition id, when OVAL decided */
	char *evidence;     /* the probe's output (SCE stdout), or NULL */
	char *check_href;   /* check-content-ref href (ARF: "#oval0") */
	char *oval_detail;  /* OVAL decided, ARF: what decided it, or NULL */
	const struct report_ruledef *def; /* in the node's benchmark, or NULL */
};

struct report_node {
	char *source;        /* file name as given */
	char *error;         /* why this node could not be read, or NULL */
	enum report_kind kind;
	char *target;        /* <target> */
	char *host_name, *fqdn, *ip, *mac;
	char *test_system;   /* cpe:/a:redhat:openscap:1.3.7 */
	char *start_time, *end_time;
	char *benchmark_id;  /* from <benchmark id|href> */
	char *profile;
	struct report_rule *rules;
	size_t nrules;
	/* From the first SCE evidence: the TCP API listeners, restart pending. */
	bool listeners_known;
	bool listeners_incomplete; /* the probe reported errors: the set may miss some */
	struct report_listener *listeners;
	size_t nlisteners;
	bool restart_pending;
	struct report_benchmark bench; /* from the results file, when present */
	xmlDocPtr doc;       /* the parsed document (kept for the xccdf output) */
	xmlNodePtr testresult;
};

/* Reading. report_read_results parses one results document from memory
 * (bytes of a file, never a path: no network, no DTD, no entity expansion,
 * REPORT_MAX_FILE bytes at most) into NODE; on failure NODE->error says why
 * and -1 is returned. SOURCE names the file in messages. */
int report_read_results(const char *buf, size_t len, const char *source, enum report_kind kind,
			struct report_node *node);
/* Read FILE (bounded, regular files only) and parse it as above. */
int report_read_file(const char *path, enum report_kind kind, struct report_node *node);
void report_node_free(struct report_node *node);

/* Parse a benchmark (DISA's manual XCCDF for --stig): bytes, same limits. */
int report_read_benchmark(const char *buf, size_t len, const char *source,
			  struct report_benchmark *bench, char **error);
int report_read_benchmark_file(const char *path, struct report_benchmark *bench, char **error);
void report_benchmark_free(struct report_benchmark *bench);

/* Bounded file read shared by the readers: *BUF is NUL-terminated. */
int report_slurp(const char *path, size_t max, char **buf, size_t *len, char **error);

/* The probe's evidence text (dockerd-listeners' text output, as the SCE check
 * imports it): fill NODE's listener list and restart flag. */
void report_parse_evidence(struct report_node *node, const char *text);

/* The OVAL path's evidence from the OVAL results in an ARF: the tests that
 * determined DEF_ID's result and their items. NULL when not found. */
char *report_oval_detail(xmlDocPtr doc, const char *href, const char *def_id);

/* Helpers. */
const char *report_short_rule_id(const char *idref); /* strip xccdf_mil.disa.stig_rule_ */
const char *report_short_group_id(const char *idref);
char *report_strdup(const char *s);
char *report_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The text of one rule-result's evidence for people: the probe's output, or
 * what the OVAL check decided. Caller frees. */
char *report_rule_detail(const struct report_node *node, const struct report_rule *rule);
/* The COMMENTS line: tool, version, scanner, time. Caller frees. */
char *report_rule_comment(const struct report_node *node, const struct report_rule *rule);
/* "pass" and "fixed" pass; "notapplicable", "notselected", "informational"
 * are neutral; "fail" fails; anything else (error, unknown, notchecked) is
 * doubt. */
enum report_verdict { REPORT_PASS, REPORT_NEUTRAL, REPORT_FAIL, REPORT_ERROR };
enum report_verdict report_verdict_of(const char *result);

/* Writers. Each writes one file per readable node into DIR; the file name
 * is the input's base name with the output's extension. */
int report_write_xccdf(const struct report_node *node, const char *path, char **error);
int report_write_ckl(const struct report_node *node, const struct report_benchmark *stig,
		     const char *path, char **error);
int report_write_cklb(const struct report_node *node, const struct report_benchmark *stig,
		      const char *path, char **error);
/* Summary over all nodes; returns the exit status (0 pass, 2 fail, 1 error). */
int report_summary(FILE *out, struct report_node *nodes, size_t n, bool json);

#endif
