/*
 * STIG Viewer 3 checklist (CKLB, JSON), built with json-c: the fields STIG
 * Viewer 3.x writes (target_data, stigs[].rules[]), checked against STIG
 * Manager's reviewsFromCklb. See docs/pipeline.md §4.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "report.h"
#include "rows.h"

static void put_s(json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, json_object_new_string(v ? v : ""));
}

int report_write_cklb(const struct report_node *node, const struct report_benchmark *stig, const char *path,
		      char **error)
{
	struct report_rows rows;
	report_rows_build(&rows, node, stig);
	char *name = report_node_name(node);
	char id[37];
	report_uuid(id);

	json_object *root = json_object_new_object();
	char *title = report_printf("%s - %s", name, rows.stig_id);
	put_s(root, "title", title);
	free(title);
	put_s(root, "id", id);
	json_object_object_add(root, "active", json_object_new_boolean(0));
	json_object_object_add(root, "mode", json_object_new_int(1));
	json_object_object_add(root, "has_path", json_object_new_boolean(1));

	json_object *td = json_object_new_object();
	put_s(td, "target_type", "Computing");
	put_s(td, "host_name", name);
	put_s(td, "ip_address", node->ip);
	put_s(td, "mac_address", node->mac);
	put_s(td, "fqdn", node->fqdn);
	put_s(td, "comments", "");
	put_s(td, "role", "None");
	json_object_object_add(td, "is_web_database", json_object_new_boolean(0));
	put_s(td, "technology_area", "");
	put_s(td, "web_db_site", "");
	put_s(td, "web_db_instance", "");
	json_object_object_add(root, "target_data", td);

	json_object *stigs = json_object_new_array();
	json_object *s = json_object_new_object();
	put_s(s, "stig_name", rows.title);
	put_s(s, "display_name", rows.title);
	put_s(s, "stig_id", rows.stig_id);
	put_s(s, "release_info", rows.release_info);
	put_s(s, "version", rows.version);
	put_s(s, "uuid", rows.uuid);
	put_s(s, "reference_identifier", "");
	json_object_object_add(s, "size", json_object_new_int64((int64_t)rows.n));
	json_object *rules = json_object_new_array();
	for (size_t i = 0; i < rows.n; i++) {
		const struct report_row *w = &rows.rows[i];
		json_object *r = json_object_new_object();
		char ru[37];
		report_uuid(ru);
		put_s(r, "uuid", ru);
		put_s(r, "stig_uuid", rows.uuid);
		put_s(r, "group_id", w->vuln_num);
		put_s(r, "group_id_src", w->vuln_num);
		put_s(r, "rule_id", w->rule_id);
		put_s(r, "rule_id_src", w->rule_id);
		put_s(r, "weight", w->weight);
		put_s(r, "classification", "Unclassified");
		put_s(r, "severity", w->severity);
		put_s(r, "rule_version", w->rule_ver);
		put_s(r, "group_title", w->group_title);
		put_s(r, "rule_title", w->rule_title);
		put_s(r, "fix_text", w->fix_text);
		put_s(r, "false_positives", "");
		put_s(r, "false_negatives", "");
		put_s(r, "discussion", w->discussion);
		put_s(r, "check_content", w->check_content);
		put_s(r, "documentable", "false");
		put_s(r, "mitigations", "");
		put_s(r, "potential_impacts", "");
		put_s(r, "third_party_tools", "");
		put_s(r, "mitigation_control", "");
		put_s(r, "responsibility", "");
		put_s(r, "security_override_guidance", "");
		put_s(r, "ia_controls", "");
		json_object *ref = json_object_new_object();
		put_s(ref, "href", "");
		put_s(ref, "name", "M");
		json_object_object_add(r, "check_content_ref", ref);
		json_object *legacy = json_object_new_array(), *ccis = json_object_new_array();
		for (size_t k = 0; w->def && k < w->def->nlegacy; k++)
			json_object_array_add(legacy, json_object_new_string(w->def->legacy[k]));
		for (size_t k = 0; w->def && k < w->def->nccis; k++)
			json_object_array_add(ccis, json_object_new_string(w->def->ccis[k]));
		json_object_object_add(r, "legacy_ids", legacy);
		json_object_object_add(r, "ccis", ccis);
		json_object *tree = json_object_new_array(), *g = json_object_new_object();
		put_s(g, "id", w->vuln_num);
		put_s(g, "title", w->group_title);
		put_s(g, "description", "<GroupDescription></GroupDescription>");
		json_object_array_add(tree, g);
		json_object_object_add(r, "group_tree", tree);
		put_s(r, "status", w->cklb_status);
		json_object_object_add(r, "overrides", json_object_new_object());
		put_s(r, "comments", w->comments);
		put_s(r, "finding_details", w->details);
		json_object_array_add(rules, r);
	}
	json_object_object_add(s, "rules", rules);
	json_object_array_add(stigs, s);
	json_object_object_add(root, "stigs", stigs);
	put_s(root, "cklb_version", "1.0");

	int rc = 0;
	/* json-c escapes every control character and writes only UTF-8 it was
	 * given; all strings come from a parsed XML document (valid UTF-8). */
	if (json_object_to_file_ext(path, root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE) != 0) {
		*error = report_printf("%s: cannot write: %s", path, json_util_get_last_err());
		rc = -1;
	}
	json_object_put(root);
	free(name);
	report_rows_free(&rows);
	return rc;
}
