/* systemd's command-line syntax for ExecStart= (systemd.service(5),
 * "COMMAND LINES"; systemd src/basic/extract-word.c, src/core/execute.c
 * replace_env_argv): prefixes, quoting, C escapes, line continuations,
 * $VAR / ${VAR} / $$ and %%. */
#ifndef DOCKERD_SCAP_EXEC_LINE_H
#define DOCKERD_SCAP_EXEC_LINE_H

#include "model.h"

/* Split an ExecStart= value (already joined across continuation lines, with
 * prefixes "@-:+!|" still present) into words, expanding variables from env.
 * Each resulting word gets where = *where, and via = the env var's evidence
 * when the word came from a variable. Unknown variables expand to nothing.
 * Returns 0, or -EINVAL with *error set (malloc'd) for a syntax error
 * (unbalanced quote, bad escape): systemd then ignores the line. */
int exec_line_split(struct word_list *out, const char *value, const struct env *env,
		    const struct dl_evidence *where, char **error);

#endif
