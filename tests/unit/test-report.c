/* dockerd-scap-report's reader: report_read_results (bytes in, a node out;
 * docs/pipeline.md §1) and the evidence reader (§2). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

#define NS "xmlns=\"http://checklists.nist.gov/xccdf/1.2\""

static int read_str(const char *xml, enum report_kind kind, struct report_node *n)
{
	return report_read_results(xml, strlen(xml), "t.xml", kind, n);
}

static void test_stig_viewer_result(void **state)
{
	(void)state;
	struct report_node n;
	const char *xml =
		"<?xml version=\"1.0\"?>\n<TestResult " NS " id=\"xccdf_a_testresult_b\" test-system=\"cpe:/a:redhat:openscap:1.3.7\""
		" end-time=\"2026-01-01T00:00:00\"><benchmark id=\"xccdf_mil.disa.stig_benchmark_X\"/><target>unknown</target>"
		"<target-facts><fact name=\"urn:xccdf:fact:asset:identifier:fqdn\" type=\"string\">n1.example</fact>"
		"<fact name=\"urn:xccdf:fact:ethernet:MAC\" type=\"string\">00:00:00:00:00:00</fact>"
		"<fact name=\"urn:xccdf:fact:ethernet:MAC\" type=\"string\">52:54:00:12:34:56</fact></target-facts>"
		"<rule-result idref=\"SV-235776r960759_rule\"><result>fail</result>"
		"<check system=\"http://open-scap.org/page/SCE\"><check-import import-name=\"stdout\">x &amp; y\n"
		"listeners: 2 (1 TCP)\n  tcp  [::]:2375  TLS: server  [bound now; not in the next-start configuration: restart pending]\n"
		"       from /etc/docker/daemon.json:3 (daemon-json): \"hosts\": [\"tcp://[::]:2375\"]\n"
		"  unix /run/docker.sock  [configured]\n\nproblems: 0 (0 errors, 0 warnings)\n</check-import></check></rule-result>"
		"</TestResult>";
	assert_int_equal(read_str(xml, REPORT_KIND_ANY, &n), 0);
	assert_null(n.error);
	assert_int_equal(n.kind, REPORT_KIND_STIG_VIEWER);
	assert_int_equal(n.nrules, 1);
	assert_string_equal(n.rules[0].idref, "xccdf_mil.disa.stig_rule_SV-235776r960759_rule");
	assert_string_equal(n.rules[0].result, "fail");
	assert_non_null(strstr(n.rules[0].evidence, "x & y"));
	assert_string_equal(n.fqdn, "n1.example");
	assert_string_equal(n.mac, "52:54:00:12:34:56");
	assert_true(n.listeners_known);
	assert_false(n.listeners_incomplete);
	assert_int_equal(n.nlisteners, 1);
	assert_string_equal(n.listeners[0].address, "tcp://[::]:2375");
	assert_string_equal(n.listeners[0].tls, "server");
	assert_string_equal(n.listeners[0].from, "/etc/docker/daemon.json:3");
	assert_true(n.restart_pending);
	assert_int_equal(report_verdict_of(n.rules[0].result), REPORT_FAIL);
	report_node_free(&n);
}

static void test_refused(void **state)
{
	(void)state;
	static const struct {
		const char *xml;
		enum report_kind kind;
		const char *reason;
	} cases[] = {
		{ "", REPORT_KIND_ANY, "empty file" },
		{ "<TestResult " NS ">", REPORT_KIND_ANY, "not well-formed" },
		{ "<!DOCTYPE a [<!ENTITY e \"x\">]><TestResult " NS "><target>&e;</target></TestResult>", REPORT_KIND_ANY,
		  "document type declaration" },
		{ "<a/>", REPORT_KIND_ANY, "root element <a> (no namespace)" },
		{ "<TestResult " NS "/>", REPORT_KIND_ARF, "given as an ARF (--results-arf) but it is STIG Viewer results" },
		{ "<TestResult " NS "><target>t</target></TestResult>", REPORT_KIND_ANY, "has no rule-result" },
		{ "<TestResult " NS "><rule-result idref=\"x\"/></TestResult>", REPORT_KIND_ANY, "no idref or no result" },
		{ "<Benchmark " NS " id=\"b\"/>", REPORT_KIND_ANY, "no XCCDF <TestResult>" },
		{ "<Benchmark " NS " id=\"b\"><TestResult/><TestResult/></Benchmark>", REPORT_KIND_ANY, "2 <TestResult>s" },
		{ "<TestResult " NS "><target>\xff</target></TestResult>", REPORT_KIND_ANY, "not well-formed" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct report_node n;
		assert_int_equal(read_str(cases[i].xml, cases[i].kind, &n), -1);
		assert_non_null(n.error);
		if (!strstr(n.error, cases[i].reason))
			fail_msg("case %zu: '%s' lacks '%s'", i, n.error, cases[i].reason);
		assert_non_null(strstr(n.error, "t.xml"));
		assert_int_equal(n.nrules, 0);
		report_node_free(&n);
	}
}

static void test_evidence_incomplete(void **state)
{
	(void)state;
	struct report_node n = { 0 };
	report_parse_evidence(&n, "listeners: 0 (0 TCP)\n\nproblems: 2 (1 errors, 1 warnings)\n");
	assert_true(n.listeners_known);
	assert_true(n.listeners_incomplete);
	assert_int_equal(n.nlisteners, 0);
	report_node_free(&n);
	memset(&n, 0, sizeof n);
	/* garbage: nothing understood, nothing claimed */
	report_parse_evidence(&n, "  tcp  1.2.3.4:1  TLS: none\nrandom\n");
	assert_false(n.listeners_known);
	assert_int_equal(n.nlisteners, 0);
	report_node_free(&n);
}

static void test_verdicts(void **state)
{
	(void)state;
	assert_int_equal(report_verdict_of("pass"), REPORT_PASS);
	assert_int_equal(report_verdict_of("fixed"), REPORT_PASS);
	assert_int_equal(report_verdict_of("notapplicable"), REPORT_NEUTRAL);
	assert_int_equal(report_verdict_of("fail"), REPORT_FAIL);
	assert_int_equal(report_verdict_of("error"), REPORT_ERROR);
	assert_int_equal(report_verdict_of("unknown"), REPORT_ERROR);
	assert_int_equal(report_verdict_of("notchecked"), REPORT_ERROR);
	assert_int_equal(report_verdict_of(NULL), REPORT_ERROR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stig_viewer_result),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_evidence_incomplete),
		cmocka_unit_test(test_verdicts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
