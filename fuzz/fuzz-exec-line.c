/* Fuzz target: an ExecStart= value split into words (exec_line.c), then
 * the words as dockerd's command line (dockerd_args.c). The input's first
 * part is the value, the optional second part (after a "\n--\n" line) an
 * environment file whose variables the value may reference. */
#include "config.h"

#include <stdlib.h>

#include "read/dockerd_args.h"
#include "read/exec_line.h"
#include "fuzz.h"
#include "read/systemd_unit.h"
#include "base/evidence.h"
#include "base/problems.h"
#include "base/words.h"
int fuzz_exec_line(const uint8_t *data, size_t size)
{
	char *value, *envtext;
	size_t vlen, elen;
	fuzz_split2(data, size, &value, &vlen, &envtext, &elen);
	struct dl_problem_list problems = { 0 };
	struct env env = { 0 };
	int rc = env_file_parse_n(&env, "/etc/default/docker", envtext, elen, &problems);
	(void)rc; /* -EBADMSG: nothing set, a problem says why */
	struct dl_evidence where = { 0 };
	evidence_set(&where, SRC_SYSTEMD_UNIT, "/lib/systemd/system/docker.service", 1, value);
	struct word_list words = { 0 };
	struct exec_line_info info = { 0 };
	int r = exec_line_split_full(&words, &info, value, NULL, &env, &where);
	if (r == 0) {
		struct dockerd_flags flags = { 0 };
		dockerd_args_parse(&flags, &words, &problems);
		dockerd_flags_clear(&flags);
	}
	/* A refused line always says why, an accepted one never does. */
	if ((r < 0) != (info.reason != EXEC_LINE_REASON_NONE))
		abort();
	free(exec_line_error_text(&info));
	free(exec_line_notes_text(&info));
	exec_line_info_clear(&info);
	/* The problem-list form reports the same refusal at where. */
	struct word_list w2 = { 0 };
	int r2 = exec_line_split(&w2, value, &env, &where, &problems);
	if ((r < 0 && r2 != r) || (r2 < 0 && problems.count == 0))
		abort();
	word_list_clear(&w2);
	word_list_clear(&words);
	evidence_clear(&where);
	env_clear(&env);
	problem_list_clear(&problems);
	free(value);
	free(envtext);
	return 0;
}
FUZZ_ENTRY(fuzz_exec_line)
