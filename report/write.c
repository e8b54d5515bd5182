/*
 * Writers: XCCDF results with the evidence in a rule-result <message>, and
 * STIG Viewer 2 checklists (CKL). Both built with libxml2's tree API and
 * saved by libxml2, so every byte of evidence is escaped by the library.
 * Formats and the consumers they were checked against: docs/pipeline.md §3, §4.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlsave.h>

#include "report.h"
#include "rows.h"

static const xmlChar *X(const char *s)
{
	return (const xmlChar *)s;
}

static int save(xmlDocPtr doc, const char *path, char **error)
{
	/* libxml2 writes UTF-8 and escapes text; format=1 indents element-only
	 * content and leaves text (the evidence) byte for byte. */
	if (xmlSaveFormatFileEnc(path, doc, "UTF-8", 1) < 0) {
		*error = report_printf("%s: cannot write", path);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ XCCDF */

static bool is_x(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, REPORT_NS_XCCDF) &&
	       !strcmp((const char *)n->name, name);
}

int report_write_xccdf(const struct report_node *node, const char *path, char **error)
{
	xmlDocPtr doc = xmlNewDoc(X("1.0"));
	xmlNodePtr tr = xmlDocCopyNode(node->testresult, doc, 1);
	if (!tr)
		abort();
	xmlDocSetRootElement(doc, tr);
	xmlReconciliateNs(doc, tr);
	xmlNsPtr ns = xmlSearchNsByHref(doc, tr, X(REPORT_NS_XCCDF));
	char *name = report_node_name(node);
	size_t i = 0;
	for (xmlNodePtr c = tr->children; c; c = c->next) {
		/* oscap writes <target>unknown</target> for offline (OSCAP_PROBE_ROOT)
		 * scans; STIG Manager names the asset after <target>, so every such
		 * node would become one asset "unknown". */
		if (is_x(c, "target")) {
			xmlChar *t = xmlNodeGetContent(c);
			if (!t || !*t || !strcmp((const char *)t, "unknown"))
				xmlNodeSetContent(c, X(name)); /* escapes */
			xmlFree(t);
			continue;
		}
		if (!is_x(c, "rule-result"))
			continue;
		if (i >= node->nrules)
			break;
		const struct report_rule *r = &node->rules[i++];
		xmlSetProp(c, X("idref"), X(r->idref));
		/* One <message severity="info">: STIG Manager's reviewsFromXccdf
		 * reads message['#text'] and drops the detail when there are
		 * several. oscap's own messages (remediation) are kept inside it. */
		char *detail = report_rule_detail(node, r);
		xmlNodePtr before = NULL;
		for (xmlNodePtr k = c->children, next; k; k = next) {
			next = k->next;
			if (is_x(k, "message")) {
				xmlChar *m = xmlNodeGetContent(k);
				xmlChar *sev = xmlGetNoNsProp(k, X("severity"));
				char *nd = report_printf("%s\n\nscanner message (%s): %s", detail,
							 sev ? (const char *)sev : "info", m ? (const char *)m : "");
				xmlFree(m), xmlFree(sev);
				free(detail);
				detail = nd;
				xmlUnlinkNode(k);
				xmlFreeNode(k);
				continue;
			}
			if (!before && (is_x(k, "instance") || is_x(k, "fix") || is_x(k, "check") ||
					is_x(k, "complex-check")))
				before = k;
		}
		xmlNodePtr msg = xmlNewDocNode(doc, ns, X("message"), NULL);
		xmlNodeAddContent(msg, X(detail)); /* text, escaped on save */
		xmlSetProp(msg, X("severity"), X("info"));
		free(detail);
		if (before)
			xmlAddPrevSibling(before, msg);
		else
			xmlAddChild(c, msg);
	}
	free(name);
	int rc = save(doc, path, error);
	xmlFreeDoc(doc);
	return rc;
}

/* -------------------------------------------------------------------- CKL */

static xmlNodePtr el(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, X(name), text ? X(text) : NULL);
}

static void stig_data(xmlNodePtr vuln, const char *attr, const char *data)
{
	xmlNodePtr sd = el(vuln, "STIG_DATA", NULL);
	el(sd, "VULN_ATTRIBUTE", attr);
	el(sd, "ATTRIBUTE_DATA", data ? data : "");
}

static void si_data(xmlNodePtr info, const char *name, const char *data)
{
	xmlNodePtr sd = el(info, "SI_DATA", NULL);
	el(sd, "SID_NAME", name);
	if (data)
		el(sd, "SID_DATA", data);
}

int report_write_ckl(const struct report_node *node, const struct report_benchmark *stig, const char *path,
		     char **error)
{
	struct report_rows rows;
	report_rows_build(&rows, node, stig);
	xmlDocPtr doc = xmlNewDoc(X("1.0"));
	xmlNodePtr root = xmlNewDocNode(doc, NULL, X("CHECKLIST"), NULL);
	xmlDocSetRootElement(doc, root);
	char *c = report_printf("dockerd-scap-report %s", PACKAGE_VERSION);
	xmlAddPrevSibling(root, xmlNewDocComment(doc, X(c)));
	free(c);

	/* ASSET, in the element order STIG Viewer 2.17 writes. */
	char *name = report_node_name(node);
	xmlNodePtr asset = el(root, "ASSET", NULL);
	el(asset, "ROLE", "None");
	el(asset, "ASSET_TYPE", "Computing");
	el(asset, "MARKING", "CUI");
	el(asset, "HOST_NAME", name);
	el(asset, "HOST_IP", node->ip ? node->ip : "");
	el(asset, "HOST_MAC", node->mac ? node->mac : "");
	el(asset, "HOST_FQDN", node->fqdn ? node->fqdn : "");
	el(asset, "TARGET_COMMENT", "");
	el(asset, "TECH_AREA", "");
	el(asset, "TARGET_KEY", rows.target_key);
	el(asset, "WEB_OR_DATABASE", "false");
	el(asset, "WEB_DB_SITE", "");
	el(asset, "WEB_DB_INSTANCE", "");
	free(name);

	xmlNodePtr istig = el(el(root, "STIGS", NULL), "iSTIG", NULL);
	xmlNodePtr info = el(istig, "STIG_INFO", NULL);
	si_data(info, "version", rows.version);
	si_data(info, "classification", "UNCLASSIFIED");
	si_data(info, "customname", NULL);
	si_data(info, "stigid", rows.stig_id);
	si_data(info, "description", rows.description);
	si_data(info, "filename", rows.filename);
	si_data(info, "releaseinfo", rows.release_info);
	si_data(info, "title", rows.title);
	si_data(info, "uuid", rows.uuid);
	si_data(info, "notice", "terms-of-use");
	si_data(info, "source", NULL);

	for (size_t i = 0; i < rows.n; i++) {
		const struct report_row *w = &rows.rows[i];
		xmlNodePtr v = el(istig, "VULN", NULL);
		stig_data(v, "Vuln_Num", w->vuln_num);
		stig_data(v, "Severity", w->severity);
		stig_data(v, "Group_Title", w->group_title);
		stig_data(v, "Rule_ID", w->rule_id);
		stig_data(v, "Rule_Ver", w->rule_ver);
		stig_data(v, "Rule_Title", w->rule_title);
		stig_data(v, "Vuln_Discuss", w->discussion);
		stig_data(v, "IA_Controls", "");
		stig_data(v, "Check_Content", w->check_content);
		stig_data(v, "Fix_Text", w->fix_text);
		stig_data(v, "False_Positives", "");
		stig_data(v, "False_Negatives", "");
		stig_data(v, "Documentable", "false");
		stig_data(v, "Mitigations", "");
		stig_data(v, "Potential_Impact", "");
		stig_data(v, "Third_Party_Tools", "");
		stig_data(v, "Mitigation_Control", "");
		stig_data(v, "Responsibility", "");
		stig_data(v, "Security_Override_Guidance", "");
		stig_data(v, "Check_Content_Ref", "M");
		stig_data(v, "Weight", w->weight);
		stig_data(v, "Class", "Unclass");
		stig_data(v, "STIGRef", rows.stig_ref);
		stig_data(v, "TargetKey", rows.target_key);
		stig_data(v, "STIG_UUID", rows.uuid);
		for (size_t k = 0; w->def && k < w->def->nlegacy; k++)
			stig_data(v, "LEGACY_ID", w->def->legacy[k]);
		for (size_t k = 0; w->def && k < w->def->nccis; k++)
			stig_data(v, "CCI_REF", w->def->ccis[k]);
		el(v, "STATUS", w->ckl_status);
		el(v, "FINDING_DETAILS", w->details ? w->details : "");
		el(v, "COMMENTS", w->comments ? w->comments : "");
		el(v, "SEVERITY_OVERRIDE", "");
		el(v, "SEVERITY_JUSTIFICATION", "");
	}
	int rc = save(doc, path, error);
	xmlFreeDoc(doc);
	report_rows_free(&rows);
	return rc;
}
