/* Evidence: the file, line and text a fact was read from, and lists of it
 * (each fact listed once). */
#ifndef DOCKERD_SCAP_EVIDENCE_H
#define DOCKERD_SCAP_EVIDENCE_H

#include "scan_result.h"

/* Evidence source kinds, as they appear in the JSON contract. */
#define SRC_SYSTEMD_UNIT   "systemd-unit"
#define SRC_SYSTEMD_DROPIN "systemd-dropin"
#define SRC_ENV_FILE       "environment-file"
#define SRC_SOCKET_UNIT    "socket-unit"
#define SRC_DAEMON_JSON    "daemon-json"
#define SRC_INIT_FILE      "init-file"
#define SRC_INIT_SCRIPT    "init-script"
#define SRC_DEFAULT        "dockerd-default"

void evidence_set(struct dl_evidence *e, const char *source, const char *path, unsigned line,
		  const char *text);
void evidence_copy(struct dl_evidence *dst, const struct dl_evidence *src);
void evidence_clear(struct dl_evidence *e);
void evidence_list_add(struct dl_evidence_list *l, const char *source, const char *path,
		       unsigned line, const char *text);
void evidence_list_push(struct dl_evidence_list *l, const struct dl_evidence *e); /* copies */
void evidence_list_clear(struct dl_evidence_list *l);

#endif
