/* systemd environment files (EnvironmentFile=; systemd.exec(5),
 * systemd's src/basic/env-file.c). */
#ifndef DOCKERD_SCAP_ENV_FILE_H
#define DOCKERD_SCAP_ENV_FILE_H

#include <stddef.h>

#include "base/words.h"

#include "base/contract.h"
/* Parse an environment file (systemd's rules: KEY=VALUE lines, # and ;
 * comments, shell-like quoting, backslash continuation) into env, with
 * evidence of source SRC_ENV_FILE. */
_must_check_ int env_file_parse(struct env *env, const char *path, const char *text,
		   struct dl_problem_list *problems);

/* env_file_parse() for a buffer of known length: an embedded NUL byte makes
 * systemd refuse the whole file (read_full_stream() returns -EBADMSG), which
 * a NUL-terminated string cannot show.
 * Both return 0, or -EBADMSG when systemd refuses the whole file (NUL byte,
 * invalid UTF-8 in a key or value): nothing is set and a problem names the
 * file and line. The caller decides what that means: "-"-prefixed
 * EnvironmentFile= → the file is skipped; otherwise the service fails to
 * start. */
_must_check_ int env_file_parse_n(struct env *env, const char *path, const char *text, size_t len,
		     struct dl_problem_list *problems);

#endif
