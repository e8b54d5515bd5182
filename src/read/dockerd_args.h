/* dockerd's command line, read the way dockerd's flag parser (spf13/pflag)
 * reads it: -H x, -Hx, -H=x, --host x, --host=x, combined short booleans,
 * boolean flags with and without =true|false, "--" and unknown flags. */
#ifndef DOCKERD_SCAP_DOCKERD_ARGS_H
#define DOCKERD_SCAP_DOCKERD_ARGS_H

#include <stdbool.h>

#include "base/words.h"

/* A flag value with the word(s) it came from. */
struct flag_value {
	char *value;
	struct dl_evidence where; /* copied from the word that holds the value */
	struct dl_evidence via;   /* variable definition, source NULL if none */
	/* -H / --host values only: indices in argv of the word holding the
	 * flag and of the word holding the value (the same word for -Hx,
	 * --host=x), so that a fix can remove exactly those words. */
	size_t flag_word, value_word;
};

/* A boolean flag: set (given at all) and its value. */
struct flag_bool {
	bool set;
	bool value;
	struct dl_evidence where;
	struct dl_evidence via;
};

struct dockerd_flags {
	bool is_dockerd;           /* argv[0] is dockerd, dockerd-current, "docker daemon", "docker -d" */
	struct flag_value *hosts;  /* every -H / --host value, in order */
	size_t nhosts, hosts_cap;
	struct flag_bool tls, tlsverify;
	struct flag_value tlscacert, tlscert, tlskey; /* value NULL when not given */
	struct flag_value config_file;  /* --config-file */
	struct flag_value data_root;    /* --data-root, or legacy -g/--graph */
	struct flag_value metrics_addr; /* --metrics-addr */
	struct flag_value exec_root, pidfile;
	bool rootless;             /* --rootless given */
	/* Launch wrappers in front of dockerd: */
	bool rootlesskit;          /* argv[0] is dockerd-rootless.sh: dockerd runs under
				    * RootlessKit with the same arguments (rootless defaults) */
	struct env env;            /* NAME=value words given to env(1) before dockerd */
	struct flag_value env_chdir; /* env -C / --chdir DIR: dockerd's working directory */
};

/* Parse argv (argv[0] is the program). is_dockerd is set for dockerd,
 * dockerd-current, dockerd-rootless.sh, "docker daemon", "docker -d" (also
 * behind env(1) with its options and NAME=value words); for any other
 * program nothing is parsed and no problem is added (the caller decides).
 * Every -H value is recorded as written, the empty string included (the
 * merge maps an empty entry to the default host). Flags dockerd would reject (unknown
 * flags, a missing value, positional arguments, a bad boolean) are reported
 * in problems with the word's evidence; parsing continues so that no -H is
 * lost. */
void dockerd_args_parse(struct dockerd_flags *out, const struct word_list *argv,
		        struct dl_problem_list *problems);
void dockerd_flags_clear(struct dockerd_flags *f);

#endif
