/* Rule verdicts (see verdict.c for the semantics). */
#ifndef DOCKERD_SCAP_VERDICT_H
#define DOCKERD_SCAP_VERDICT_H

#include "dockerd-scap/listeners.h"

/* Fill r->rules from r's listeners, daemons, cluster and problems. */
void verdict_evaluate(struct dl_scan_result *r);
void verdict_clear(struct dl_scan_result *r);

#endif
