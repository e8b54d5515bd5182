/* dockerd's command line, read the way dockerd reads it: cobra + spf13/pflag
 * (FlagSet.parseArgs / parseLongArg / parseSingleShortArg, identical in the
 * pflag versions vendored by moby v20.10 .. HEAD except for message texts).
 *
 * pflag rules reproduced here:
 * - "--" ends the flags; a word that is "", "-" or does not start with '-'
 *   is a positional argument, and parsing goes on after it (interspersed);
 *   dockerd then refuses to start ("accepts no argument(s)").
 * - "--name=value", "--name value"; a boolean flag never takes the next
 *   word, only "=value" (strconv.ParseBool).
 * - "-abc" is a cluster of shorthands: a boolean takes "=value" only when it
 *   is directly followed by '=' and more text; a value flag takes "=value",
 *   else the rest of the word ("-Hx", "-H=" gives "="), else the next word.
 * - A value flag takes the next word whatever it is ("-H --tls" gives the
 *   host "--tls"), checked against dockerd 20.10.24.
 * - A shorthand cluster starting with "test." is ignored (Go test flags).
 *
 * Where dockerd stops at the first error, this parser reports it and goes
 * on, so that no -H is lost (fail closed). An unknown flag never consumes
 * the next word. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/dockerd_args.h"
#include "base/alloc.h"
#include "base/evidence.h"
#include "base/problems.h"
#include "base/words.h"
#include "base/text.h"
enum flag_id {
	FLAG_OTHER,
	FLAG_HOST,
	FLAG_TLS,
	FLAG_TLSVERIFY,
	FLAG_TLSCACERT,
	FLAG_TLSCERT,
	FLAG_TLSKEY,
	FLAG_CONFIG_FILE,
	FLAG_DATA_ROOT,
	FLAG_GRAPH,
	FLAG_METRICS_ADDR,
	FLAG_EXEC_ROOT,
	FLAG_PIDFILE,
	FLAG_ROOTLESS,
	FLAG_HELP,
	FLAG_VERSION,
	FLAG_VALIDATE,
	FLAG_DAEMON,
};

struct flag_def {
	const char *name;
	char shorthand;
	bool boolean;
	enum flag_id id;
	bool legacy_only;    /* only in "docker -d" / "docker daemon" (Docker 1.x) */
	const char *refused; /* which dockerd versions refuse it, or NULL */
};

#define V(n) { n, 0, false, FLAG_OTHER, false, NULL }
#define B(n) { n, 0, true, FLAG_OTHER, false, NULL }

/* The union of dockerd's flags from Docker 1.13 to 29.x (HEAD), collected
 * from cmd/dockerd/{docker,options,config,config_unix}.go,
 * the .go files of daemon/config and daemon/command of every release, plus
 * cobra's help flag and the Docker 1.x daemon flags ("docker -d"). Only
 * BoolVar/BoolVarP flags are boolean: dockerd sets no NoOptDefVal itself. */
static const struct flag_def flag_table[] = {
	{ "host", 'H', false, FLAG_HOST, false, NULL },
	{ "tls", 0, true, FLAG_TLS, false, NULL },
	{ "tlsverify", 0, true, FLAG_TLSVERIFY, false, NULL },
	{ "tlscacert", 0, false, FLAG_TLSCACERT, false, NULL },
	{ "tlscert", 0, false, FLAG_TLSCERT, false, NULL },
	{ "tlskey", 0, false, FLAG_TLSKEY, false, NULL },
	{ "config-file", 0, false, FLAG_CONFIG_FILE, false, NULL },
	{ "data-root", 0, false, FLAG_DATA_ROOT, false, NULL },
	{ "graph", 'g', false, FLAG_GRAPH, false,
	  "dockerd v23+ refuses it (use --data-root); v20.10-v22 accept it" },
	{ "metrics-addr", 0, false, FLAG_METRICS_ADDR, false, NULL },
	{ "exec-root", 0, false, FLAG_EXEC_ROOT, false, NULL },
	{ "pidfile", 'p', false, FLAG_PIDFILE, false, NULL },
	{ "rootless", 0, true, FLAG_ROOTLESS, false, NULL },
	{ "help", 'h', true, FLAG_HELP, false, NULL },
	{ "version", 'v', true, FLAG_VERSION, false, NULL },
	{ "validate", 0, true, FLAG_VALIDATE, false, NULL },
	{ "debug", 'D', true, FLAG_OTHER, false, NULL },
	{ "log-level", 'l', false, FLAG_OTHER, false, NULL },
	{ "group", 'G', false, FLAG_OTHER, false, NULL },
	{ "bridge", 'b', false, FLAG_OTHER, false, NULL },
	{ "storage-driver", 's', false, FLAG_OTHER, false, NULL },
	{ "restart", 'r', true, FLAG_OTHER, false, NULL },
	/* removed or refused in some versions */
	{ "cluster-advertise", 0, false, FLAG_OTHER, false,
	  "dockerd v23+ refuses it (swarm classic k/v store support was removed)" },
	{ "cluster-store", 0, false, FLAG_OTHER, false,
	  "dockerd v23+ refuses it (swarm classic k/v store support was removed)" },
	{ "cluster-store-opt", 0, false, FLAG_OTHER, false,
	  "dockerd v23+ refuses it (swarm classic k/v store support was removed)" },
	{ "oom-score-adjust", 0, false, FLAG_OTHER, false,
	  "dockerd v25+ refuses it (removed)" },
	{ "api-enable-cors", 0, true, FLAG_OTHER, false,
	  "removed after Docker 17.06: newer dockerd refuses it as an unknown flag" },
	{ "deprecated-key-path", 0, false, FLAG_OTHER, false,
	  "removed after Docker 18.09: newer dockerd refuses it as an unknown flag" },
	{ "disable-legacy-registry", 0, true, FLAG_OTHER, false,
	  "removed after Docker 18.09: newer dockerd refuses it as an unknown flag" },
	{ "allow-nondistributable-artifacts", 0, false, FLAG_OTHER, false,
	  "removed in dockerd 29: it refuses it as an unknown flag" },
	{ "api-cors-header", 0, false, FLAG_OTHER, false,
	  "removed in dockerd 29: it refuses it as an unknown flag" },
	{ "exec-driver", 'e', false, FLAG_OTHER, false,
	  "removed in Docker 1.10: dockerd refuses it as an unknown flag" },
	/* Docker 1.x single binary: "docker -d" / "docker daemon" */
	{ "daemon", 'd', true, FLAG_DAEMON, true, NULL },
	{ "identity", 'i', false, FLAG_OTHER, true, NULL },
	{ "config", 0, false, FLAG_OTHER, true, NULL },
	/* value flags */
	V("add-runtime"), V("authorization-plugin"), V("bip"), V("bip6"),
	V("bridge-accept-fwmark"), V("cdi-spec-dir"), V("cgroup-parent"), V("containerd"),
	V("containerd-namespace"), V("containerd-plugins-namespace"), V("cpu-rt-period"),
	V("cpu-rt-runtime"), V("default-address-pool"), V("default-cgroupns-mode"),
	V("default-gateway"), V("default-gateway-v6"), V("default-ipc-mode"),
	V("default-network-opt"), V("default-runtime"), V("default-shm-size"),
	V("default-stop-timeout"), V("default-ulimit"), V("dns"), V("dns-opt"), V("dns-search"),
	V("exec-opt"), V("feature"), V("firewall-backend"), V("fixed-cidr"), V("fixed-cidr-v6"),
	V("host-gateway-ip"), V("http-proxy"), V("https-proxy"), V("init-path"),
	V("insecure-registry"), V("ip"), V("label"), V("log-driver"), V("log-format"),
	V("log-opt"), V("max-concurrent-downloads"), V("max-concurrent-uploads"),
	V("max-download-attempts"), V("mtu"), V("network-control-plane-mtu"),
	V("network-diagnostic-port"), V("no-proxy"), V("node-generic-resource"), V("nri-opts"),
	V("registry-mirror"), V("seccomp-profile"), V("shutdown-timeout"), V("storage-opt"),
	V("swarm-default-advertise-addr"), V("userland-proxy-path"), V("userns-remap"),
	/* boolean flags */
	B("allow-direct-routing"), B("cri-containerd"), B("experimental"), B("icc"), B("init"),
	B("ip-forward"), B("ip-forward-no-drop"), B("ip-masq"), B("ip6tables"), B("iptables"),
	B("ipv6"), B("live-restore"), B("no-new-privileges"), B("raw-logs"),
	B("selinux-enabled"), B("userland-proxy"),
};

#undef V
#undef B

struct parser {
	struct dockerd_flags *out;
	struct dl_problem_list *problems;
	bool legacy;      /* Docker 1.x "docker" binary */
	bool daemon_mode; /* legacy: -d / --daemon given */
	bool graph_seen, data_root_seen;
	const struct word *argv; /* argv->items, for the word indices of hosts */
};

static const struct flag_def *flag_by_name(const struct parser *p, const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof(flag_table) / sizeof(flag_table[0]); i++) {
		const struct flag_def *d = &flag_table[i];
		if (d->legacy_only && !p->legacy)
			continue;
		if (strlen(d->name) == n && !memcmp(d->name, name, n))
			return d;
	}
	return NULL;
}

static const struct flag_def *flag_by_shorthand(const struct parser *p, char c)
{
	for (size_t i = 0; i < sizeof(flag_table) / sizeof(flag_table[0]); i++) {
		const struct flag_def *d = &flag_table[i];
		if (d->legacy_only && !p->legacy)
			continue;
		if (d->shorthand && d->shorthand == c)
			return d;
	}
	return NULL;
}

/* Go's strconv.ParseBool. */
static int parse_go_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "1", "t", "T", "TRUE", "true", "True" };
	static const char *const no[] = { "0", "f", "F", "FALSE", "false", "False" };
	for (size_t i = 0; i < 6; i++) {
		if (!strcmp(s, yes[i])) {
			*out = true;
			return 0;
		}
		if (!strcmp(s, no[i])) {
			*out = false;
			return 0;
		}
	}
	return -EINVAL;
}

/* How a flag is named in messages: "--host" or "-H". */
static char *flag_label(const struct flag_def *d, bool by_shorthand)
{
	if (by_shorthand)
		return xasprintf("-%c", d->shorthand);
	return xasprintf("--%s", d->name);
}

/* A byte for a message: printable as itself, otherwise \xNN. */
static void byte_label(char buf[8], char c)
{
	if (text_is_printable_ascii(c))
		snprintf(buf, 8, "%c", c);
	else
		snprintf(buf, 8, "\\x%02x", (unsigned char)c);
}

static void flag_value_set(struct flag_value *fv, const char *value, const struct word *w)
{
	free(fv->value);
	evidence_clear(&fv->where);
	evidence_clear(&fv->via);
	fv->value = xstrdup(value);
	evidence_copy(&fv->where, &w->where);
	if (w->via.source)
		evidence_copy(&fv->via, &w->via);
}

static void flag_value_clear(struct flag_value *fv)
{
	free(fv->value);
	evidence_clear(&fv->where);
	evidence_clear(&fv->via);
	fv->value = NULL;
}

static void flag_bool_set(struct flag_bool *fb, bool value, const struct word *w)
{
	evidence_clear(&fb->where);
	evidence_clear(&fb->via);
	fb->set = true;
	fb->value = value;
	evidence_copy(&fb->where, &w->where);
	if (w->via.source)
		evidence_copy(&fb->via, &w->via);
}

static void host_add(struct dockerd_flags *f, const char *value, const struct word *w)
{
	grow_array(&f->hosts, &f->hosts_cap, f->nhosts + 1, sizeof(*f->hosts));
	struct flag_value *fv = &f->hosts[f->nhosts++];
	memset(fv, 0, sizeof(*fv));
	flag_value_set(fv, value, w);
}

/* Record one flag with its value. flag_word is where the flag was written,
 * value_word the word that holds the value (the same word or the next). */
static void flag_apply(struct parser *p, const struct flag_def *d, bool by_shorthand,
		       const char *value, const struct word *flag_word,
		       const struct word *value_word)
{
	struct dockerd_flags *f = p->out;
	const char *path = flag_word->where.path;
	unsigned line = flag_word->where.line;
	_cleanup_free_ char *label = flag_label(d, by_shorthand);

	if (d->refused)
		problem_add(p->problems, path, line, "flag %s: %s", label, d->refused);

	if (d->boolean) {
		bool b;
		if (parse_go_bool(value, &b) < 0) {
			/* Not recorded: dockerd refuses to start, and an unparsed
			 * --tls/--tlsverify must not make a listener look safer. */
			problem_add(p->problems, path, line,
				    "invalid argument \"%s\" for %s flag: not a boolean "
				    "(strconv.ParseBool); dockerd refuses to start",
				    value, label);
			return;
		}
		switch (d->id) {
		case FLAG_TLS:
			flag_bool_set(&f->tls, b, flag_word);
			break;
		case FLAG_TLSVERIFY:
			flag_bool_set(&f->tlsverify, b, flag_word);
			break;
		case FLAG_ROOTLESS:
			f->rootless = b;
			break;
		case FLAG_HELP:
			if (b)
				problem_add(p->problems, path, line,
					    "flag %s: dockerd prints its help and exits; it does not "
					    "start", label);
			break;
		case FLAG_VERSION:
			if (b)
				problem_add(p->problems, path, line,
					    "flag %s: dockerd prints its version and exits; it does not "
					    "start", label);
			break;
		case FLAG_VALIDATE:
			if (b)
				problem_add(p->problems, path, line,
					    "flag %s: dockerd only validates its configuration and "
					    "exits; it does not start", label);
			break;
		case FLAG_DAEMON:
			p->daemon_mode = b;
			break;
		default:
			break;
		}
		return;
	}

	switch (d->id) {
	case FLAG_HOST:
		host_add(f, value, value_word);
		f->hosts[f->nhosts - 1].flag_word = (size_t)(flag_word - p->argv);
		f->hosts[f->nhosts - 1].value_word = (size_t)(value_word - p->argv);
		break;
	case FLAG_TLSCACERT:
		flag_value_set(&f->tlscacert, value, value_word);
		break;
	case FLAG_TLSCERT:
		flag_value_set(&f->tlscert, value, value_word);
		break;
	case FLAG_TLSKEY:
		flag_value_set(&f->tlskey, value, value_word);
		break;
	case FLAG_CONFIG_FILE:
		flag_value_set(&f->config_file, value, value_word);
		break;
	case FLAG_GRAPH:
	case FLAG_DATA_ROOT:
		if (d->id == FLAG_GRAPH)
			p->graph_seen = true;
		else
			p->data_root_seen = true;
		/* v20.10-v22: 'cannot specify both "--graph" and "--data-root"'. */
		if (p->graph_seen && p->data_root_seen)
			problem_add(p->problems, path, line,
				    "flag %s: cannot specify both --graph and --data-root; dockerd "
				    "refuses to start", label);
		flag_value_set(&f->data_root, value, value_word);
		break;
	case FLAG_METRICS_ADDR:
		flag_value_set(&f->metrics_addr, value, value_word);
		break;
	case FLAG_EXEC_ROOT:
		flag_value_set(&f->exec_root, value, value_word);
		break;
	case FLAG_PIDFILE:
		flag_value_set(&f->pidfile, value, value_word);
		break;
	default:
		break;
	}
}

/* A value flag at the end of its word takes the next word, whatever it is.
 * Returns the word or NULL (a problem is reported). */
static const struct word *next_value_word(struct parser *p, const struct word_list *argv,
					  size_t *i, const struct word *flag_word,
					  const char *label)
{
	if (*i + 1 >= argv->count) {
		problem_add(p->problems, flag_word->where.path, flag_word->where.line,
			    "flag needs an argument: %s; dockerd refuses to start", label);
		return NULL;
	}
	const struct word *v = &argv->items[++*i];
	const char *t = v->text ? v->text : "";
	/* "-500" (--oom-score-adjust) is a value, "--tls" most likely not. */
	if (t[0] == '-' && t[1] != '\0' && !(t[1] >= '0' && t[1] <= '9'))
		problem_add(p->problems, v->where.path, v->where.line,
			    "flag %s takes \"%s\" as its value (a flag that needs a value "
			    "consumes the next word even when it looks like a flag)",
			    label, t);
	return v;
}

static void parse_long(struct parser *p, const struct word_list *argv, size_t *i,
		       const char **bool_hint)
{
	const struct word *w = &argv->items[*i];
	const char *s = w->text;
	const char *name = s + 2;

	if (name[0] == '-' || name[0] == '=') {
		problem_add(p->problems, w->where.path, w->where.line,
			    "bad flag syntax: %s; dockerd refuses to start", s);
		return;
	}
	const char *eq = strchr(name, '=');
	size_t n = eq ? (size_t)(eq - name) : strlen(name);
	const struct flag_def *d = flag_by_name(p, name, n);
	if (!d) {
		/* Fail closed: never take the next word as its value, so a
		 * following -H is still seen. */
		problem_add(p->problems, w->where.path, w->where.line,
			    "unknown flag: --%.*s; dockerd refuses to start", (int)n, name);
		return;
	}

	_cleanup_free_ char *label = flag_label(d, false);
	if (eq) {
		flag_apply(p, d, false, eq + 1, w, w);
	} else if (d->boolean) {
		flag_apply(p, d, false, "true", w, w);
		*bool_hint = d->name;
	} else {
		const struct word *v = next_value_word(p, argv, i, w, label);
		if (v)
			flag_apply(p, d, false, v->text ? v->text : "", w, v);
	}
}

static void parse_short(struct parser *p, const struct word_list *argv, size_t *i,
			const char **bool_hint)
{
	const struct word *w = &argv->items[*i];
	const char *sh = w->text + 1;

	/* pflag skips Go test flags ("-test.v") silently. */
	if (str_startswith(sh, "test."))
		return;

	while (*sh) {
		const struct flag_def *d = flag_by_shorthand(p, *sh);
		if (!d) {
			char b[8];
			byte_label(b, *sh);
			problem_add(p->problems, w->where.path, w->where.line,
				    "unknown shorthand flag: '%s' in %s; dockerd refuses to start",
				    b, w->text);
			/* Fail closed: read on in the cluster ("-xH foo"). */
			sh++;
			continue;
		}
		size_t left = strlen(sh);
		*bool_hint = NULL;
		if (left > 2 && sh[1] == '=') {
			flag_apply(p, d, true, sh + 2, w, w);
			return;
		}
		if (d->boolean) {
			flag_apply(p, d, true, "true", w, w);
			*bool_hint = d->name;
			sh++;
			continue;
		}
		if (left > 1) {
			flag_apply(p, d, true, sh + 1, w, w);
			return;
		}
		_cleanup_free_ char *label = flag_label(d, true);
		const struct word *v = next_value_word(p, argv, i, w, label);
		if (v)
			flag_apply(p, d, true, v->text ? v->text : "", w, v);
		return;
	}
}

/* pflag FlagSet.parseArgs over argv[start..]. */
static void parse_flags(struct parser *p, const struct word_list *argv, size_t start)
{
	bool dashdash = false;
	const char *bool_hint = NULL;

	for (size_t i = start; i < argv->count; i++) {
		const struct word *w = &argv->items[i];
		const char *s = w->text ? w->text : "";
		const char *prev_bool = bool_hint;
		bool_hint = NULL;

		if (dashdash) {
			problem_add(p->problems, w->where.path, w->where.line,
				    "argument \"%s\" after \"--\": dockerd accepts no arguments and "
				    "refuses to start", s);
			continue;
		}
		if (s[0] != '-' || s[1] == '\0') {
			if (prev_bool)
				problem_add(p->problems, w->where.path, w->where.line,
					    "unexpected argument \"%s\": dockerd accepts no arguments "
					    "and refuses to start (boolean flag --%s does not take the "
					    "next word; write --%s=VALUE)",
					    s, prev_bool, prev_bool);
			else
				problem_add(p->problems, w->where.path, w->where.line,
					    "unexpected argument \"%s\": dockerd accepts no arguments "
					    "and refuses to start", s);
			continue;
		}
		if (s[1] == '-') {
			if (s[2] == '\0') {
				dashdash = true;
				continue;
			}
			parse_long(p, argv, &i, &bool_hint);
		} else {
			parse_short(p, argv, &i, &bool_hint);
		}
	}
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* env(1) in front of the program: skip its options and NAME=value words.
 * Returns the index of the program word, or argv->count when there is none
 * or env's command line is not understood (a problem says so). */
static size_t skip_env(struct parser *p, const struct word_list *argv, size_t i)
{
	struct dockerd_flags *f = p->out;
	bool options = true;

	for (i++; i < argv->count; i++) {
		const struct word *w = &argv->items[i];
		const char *s = w->text ? w->text : "";

		if (options && s[0] == '-') {
			if (!strcmp(s, "--")) {
				options = false;
			} else if (!strcmp(s, "-") || !strcmp(s, "-i") ||
				   !strcmp(s, "--ignore-environment") || !strcmp(s, "-0") ||
				   !strcmp(s, "--null") || !strcmp(s, "-v") || !strcmp(s, "--debug")) {
				/* no effect on where dockerd listens */
			} else if (!strcmp(s, "-u") || !strcmp(s, "--unset")) {
				i++;
			} else if (str_startswith(s, "--unset=") ||
				   (str_startswith(s, "-u") && s[2])) {
				/* -uNAME, --unset=NAME */
			} else if (!strcmp(s, "-C") || !strcmp(s, "--chdir")) {
				if (i + 1 >= argv->count) {
					problem_add(p->problems, w->where.path, w->where.line,
						    "env %s needs a directory", s);
					return argv->count;
				}
				i++;
				flag_value_set(&f->env_chdir, argv->items[i].text, &argv->items[i]);
			} else if (str_startswith(s, "--chdir=")) {
				flag_value_set(&f->env_chdir, s + strlen("--chdir="), w);
			} else if (str_startswith(s, "-C")) {
				flag_value_set(&f->env_chdir, s + 2, w);
			} else {
				/* -S/--split-string re-splits a string with its own
				 * quoting rules; other options are unknown. */
				problem_add(p->problems, w->where.path, w->where.line,
					    "env option \"%s\" is not understood; the program it "
					    "starts is not examined", s);
				return argv->count;
			}
			continue;
		}
		const char *eq = strchr(s, '=');
		if (eq && eq != s) {
			_cleanup_free_ char *name = xstrndup(s, (size_t)(eq - s));
			env_set(&f->env, name, eq + 1, &w->where);
			options = false;
			continue;
		}
		return i;
	}
	return argv->count;
}

void dockerd_args_parse(struct dockerd_flags *out, const struct word_list *argv,
		        struct dl_problem_list *problems)
{
	struct parser p = { .out = out, .problems = problems };
	size_t i = 0;

	memset(out, 0, sizeof(*out));
	if (!argv || argv->count == 0)
		return;
	p.argv = argv->items;

	/* env [OPTION]... [NAME=VALUE]... PROGRAM, possibly more than once. */
	for (unsigned hops = 0; i < argv->count && hops < 8; hops++) {
		const char *prog = argv->items[i].text ? argv->items[i].text : "";
		if (strcmp(base_name(prog), "env"))
			break;
		i = skip_env(&p, argv, i);
	}
	if (i >= argv->count)
		return;

	const char *prog = base_name(argv->items[i].text ? argv->items[i].text : "");
	if (!strcmp(prog, "dockerd") || !strcmp(prog, "dockerd-current") ||
	    !strcmp(prog, "dockerd-rootless.sh")) {
		/* dockerd-rootless.sh ends in 'exec "$dockerd" "$@"' under
		 * RootlessKit (moby contrib/dockerd-rootless.sh). */
		out->is_dockerd = true;
		out->rootlesskit = !strcmp(prog, "dockerd-rootless.sh");
		parse_flags(&p, argv, i + 1);
	} else if (!strcmp(prog, "docker") || !strcmp(prog, "docker-current")) {
		/* Docker 1.8-1.12: "docker daemon ..."; before 1.10: "docker -d". */
		p.legacy = true;
		if (i + 1 < argv->count && argv->items[i + 1].text &&
		    !strcmp(argv->items[i + 1].text, "daemon")) {
			out->is_dockerd = true;
			parse_flags(&p, argv, i + 2);
		} else {
			/* Parse on the side; keep the result only when -d/--daemon
			 * makes this a daemon command line. */
			struct dl_problem_list trial = { 0 };
			p.problems = &trial;
			parse_flags(&p, argv, i + 1);
			if (p.daemon_mode) {
				out->is_dockerd = true;
				for (size_t k = 0; k < trial.count; k++)
					problem_add(problems, trial.items[k].path, trial.items[k].line,
						    "%s", trial.items[k].message);
			} else {
				struct env keep_env = out->env;
				struct flag_value keep_chdir = out->env_chdir;
				memset(&out->env, 0, sizeof(out->env));
				memset(&out->env_chdir, 0, sizeof(out->env_chdir));
				dockerd_flags_clear(out);
				out->env = keep_env;
				out->env_chdir = keep_chdir;
			}
			problem_list_clear(&trial);
		}
	}
}

void dockerd_flags_clear(struct dockerd_flags *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->nhosts; i++)
		flag_value_clear(&f->hosts[i]);
	free(f->hosts);
	evidence_clear(&f->tls.where);
	evidence_clear(&f->tls.via);
	evidence_clear(&f->tlsverify.where);
	evidence_clear(&f->tlsverify.via);
	flag_value_clear(&f->tlscacert);
	flag_value_clear(&f->tlscert);
	flag_value_clear(&f->tlskey);
	flag_value_clear(&f->config_file);
	flag_value_clear(&f->data_root);
	flag_value_clear(&f->metrics_addr);
	flag_value_clear(&f->exec_root);
	flag_value_clear(&f->pidfile);
	env_clear(&f->env);
	flag_value_clear(&f->env_chdir);
	memset(f, 0, sizeof(*f));
}
