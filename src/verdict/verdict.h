/* Rule verdicts (see verdict.c for the semantics). */
#ifndef DOCKERD_SCAP_VERDICT_H
#define DOCKERD_SCAP_VERDICT_H

#include "scan_result.h"

/* Fill r->rules from r's listeners, daemons, cluster and problems. */
void verdict_evaluate(struct dl_scan_result *r);
void verdict_clear(struct dl_scan_result *r);
/* The verdict of the rule whose short id is id, or NULL. */
const struct dl_rule_result *verdict_rule_find(const struct dl_scan_result *r, const char *id);

#endif
