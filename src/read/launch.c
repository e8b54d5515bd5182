/* The facts stage of one launch (read/launch.h): the launch definition
 * (systemd unit + drop-ins + environment, or a legacy init script + its
 * sourced file, or a running daemon's argv) -> dockerd's flags; then the
 * daemon.json dockerd reads, the socket units behind fd://, the TLS files
 * and the dockerd version. Everything read lands in a struct merge_facts
 * with its status; everything that could not be read, or that makes systemd
 * or dockerd refuse, is also a problem naming the file and line. Nothing
 * here decides the listener set: merge/effective.c does, from the facts. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "read/launch.h"
#include "read/exec_line.h"
#include "read/init_env.h"
#include "read/systemd_unit.h"
#include "base/alloc.h"
#include "base/evidence.h"
#include "base/problems.h"
#include "base/text.h"

/* The reading context of one launch. */
struct reader {
	const struct rootfs *rootfs;
	struct dl_launch *launch;     /* filled: method, unit path, argv, config file, version */
	struct merge_facts *mf;       /* filled */
	struct dl_problem_list *problems;
	const char *default_config;   /* daemon.json when no --config-file (rootless differs) */
	const char *exe;              /* a running daemon's /proc/PID/exe, or NULL */
	const struct env *penv;       /* a running daemon's environment, or NULL */
};

/* The launcher refuses (systemd will not start the service): a fact for
 * the merge, next to the problem the caller adds. */
static void launcher_refuses(struct reader *rd)
{
	rd->mf->launcher = READ_REFUSED;
}

static void set_cwd(struct merge_facts *mf, const char *cwd)
{
	free(mf->cwd);
	mf->cwd = xstrdup(cwd);
}

void shell_split_words(struct word_list *out, const char *value, const struct dl_evidence *where,
		       const struct dl_evidence *via)
{
	const char *p = value;
	while (p && *p) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		const char *s = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		char *w = xstrndup(s, (size_t)(p - s));
		word_list_add(out, w, where, via);
		free(w);
	}
}

/* ------------------------------------------------------------ TLS files */

/* Home directory of the user dockerd runs as (root) from the root's
 * /etc/passwd; "/root" when it does not say. */
static char *root_home(const struct rootfs *r)
{
	char *text = NULL;
	char *home = NULL;
	if (rootfs_read_file(r, "/etc/passwd", ROOTFS_MAX_FILE, &text, NULL) == 0) {
		for (char *line = text; line && *line && !home;) {
			char *nl = strchr(line, '\n');
			if (nl)
				*nl = '\0';
			/* name:passwd:uid:gid:gecos:home:shell */
			char *f[7] = { 0 };
			size_t nf = 0;
			for (char *p = line; nf < 7;) {
				f[nf++] = p;
				char *c = strchr(p, ':');
				if (!c)
					break;
				*c = '\0';
				p = c + 1;
			}
			if (nf >= 6 && !strcmp(f[2], "0") && f[5][0] == '/')
				home = xstrdup(f[5]);
			line = nl ? nl + 1 : NULL;
		}
	}
	free(text);
	return home ? home : xstrdup("/root");
}

/* Which certificate files dockerd loads when TLS is on (docs/dockerd-versions.md,
 * "TLS files"), and whether they can be opened in the root. moby
 * cmd/dockerd (20.10): the flags' defaults are $DOCKER_CERT_PATH or
 * ~/.docker/{ca,cert,key}.pem; SetDefaultOptions drops every TLS flag
 * (TLSOptions = nil) unless --tls or --tlsverify is given, and blanks the
 * default cert and key (not the CA) when those files do not exist;
 * loadDaemonCliConfig then takes daemon.json's "tlscacert", "tlscert",
 * "tlskey" over them. tlsconfig.Server (go-connections) loads the key pair
 * and, when client certificates are verified, the CA. TLS switched on only
 * in daemon.json thus leaves cert and key empty unless the file names them:
 * dockerd 20.10.24 refuses to start ("Could not load X509 key pair (cert:
 * \"\", key: \"\")") even with --tlscert/--tlskey on the command line.
 * Reads files: called by read_daemon_facts(); the merge (check_tls_files())
 * only uses the result. */
static void tls_files_read(struct reader *rd, const struct dockerd_flags *f,
			   const struct daemon_json *dj)
{
	/* A running daemon (exe set) loaded its files when it started; a file
	 * missing now matters at its next start, which the configuration scan
	 * reports. */
	if (!rd->rootfs || rd->exe)
		return;
	rd->mf->tls_files_known = true;
	bool flag_tls = (f->tls.set && f->tls.value) || f->tlsverify.set;
	rd->mf->tls_flags_dropped = !flag_tls && (f->tlscert.value || f->tlskey.value ||
					     f->tlscacert.value);
	_cleanup_free_ char *certdir = NULL;
	const struct env_var *cp = rd->penv ? env_get(rd->penv, "DOCKER_CERT_PATH") : NULL;
	if (cp && cp->value[0] == '/') {
		certdir = xstrdup(cp->value);
	} else {
		const struct env_var *home = rd->penv ? env_get(rd->penv, "HOME") : NULL;
		_cleanup_free_ char *h = home && home->value[0] == '/' ? xstrdup(home->value)
								     : root_home(rd->rootfs);
		certdir = rootfs_join(h, ".docker");
	}
	struct {
		const char *name;
		const struct flag_value *flag;
		const struct json_value_ref *file;
		bool blank_missing_default;
	} files[] = {
		{ "cert.pem", &f->tlscert, &dj->tlscert, true },
		{ "key.pem", &f->tlskey, &dj->tlskey, true },
		{ "ca.pem", &f->tlscacert, &dj->tlscacert, false },
	};
	for (size_t i = 0; i < TLS_FILES; i++) {
		struct tls_file_fact *t = &rd->mf->tls[i];
		const char *path = NULL;
		_cleanup_free_ char *def = rootfs_join(certdir, files[i].name);
		t->where = NULL;
		if (files[i].file->present && files[i].file->value && *files[i].file->value) {
			path = files[i].file->value;
			t->where = &files[i].file->where;
		} else if (flag_tls && files[i].flag->value) {
			path = files[i].flag->value;
			t->where = &files[i].flag->where;
		} else if (flag_tls) {
			struct stat st;
			path = def;
			if (files[i].blank_missing_default && rootfs_stat(rd->rootfs, def, &st) != 0)
				path = NULL;
		}
		if (!path || !*path)
			continue;
		t->path = path[0] == '/' ? xstrdup(path) : rootfs_join(rd->mf->cwd, path);
		struct stat st;
		int fd = rootfs_open_file(rd->rootfs, t->path, &st);
		t->error = fd < 0 ? fd : 0;
		t->status = read_status_from_errno(t->error);
		if (fd < 0)
			t->why = xstrdup(rootfs_strerror(fd));
		if (fd >= 0)
			close(fd);
	}
}

/* ---------------------------------------------------------------- launch */

void launch_set_argv(struct dl_launch *launch, const struct word_list *w)
{
	for (size_t i = 0; i < launch->argc; i++)
		free(launch->argv[i]);
	free(launch->argv);
	launch->argc = w->count;
	launch->argv = xcalloc(w->count + 1, sizeof(char *));
	for (size_t i = 0; i < w->count; i++)
		launch->argv[i] = xstrdup(w->items[i].text);
}

/* Append the flags of one command line to the accumulated flags. */
static void merge_flags(struct dockerd_flags *acc, struct dockerd_flags *f)
{
	for (size_t i = 0; i < f->nhosts; i++) {
		grow_array(&acc->hosts, &acc->hosts_cap, acc->nhosts + 1, sizeof(*acc->hosts));
		acc->hosts[acc->nhosts++] = f->hosts[i];
	}
	f->nhosts = 0; /* moved */
	free(f->hosts);
	f->hosts = NULL;
	f->hosts_cap = 0;
#define TAKE_BOOL(x)                                                                               \
	if (f->x.set) {                                                                            \
		evidence_clear(&acc->x.where);                                                     \
		evidence_clear(&acc->x.via);                                                       \
		acc->x = f->x;                                                                     \
		memset(&f->x, 0, sizeof(f->x));                                                    \
	}
#define TAKE_VALUE(x)                                                                              \
	if (f->x.value) {                                                                          \
		free(acc->x.value);                                                                \
		evidence_clear(&acc->x.where);                                                     \
		evidence_clear(&acc->x.via);                                                       \
		acc->x = f->x;                                                                     \
		memset(&f->x, 0, sizeof(f->x));                                                    \
	}
	TAKE_BOOL(tls)
	TAKE_BOOL(tlsverify)
	TAKE_VALUE(tlscacert)
	TAKE_VALUE(tlscert)
	TAKE_VALUE(tlskey)
	TAKE_VALUE(config_file)
	TAKE_VALUE(data_root)
	TAKE_VALUE(metrics_addr)
	TAKE_VALUE(exec_root)
	TAKE_VALUE(pidfile)
	TAKE_VALUE(env_chdir)
#undef TAKE_BOOL
#undef TAKE_VALUE
	acc->is_dockerd = acc->is_dockerd || f->is_dockerd;
	acc->rootless = acc->rootless || f->rootless;
}

void launch_parse_command(struct dockerd_flags *acc, const struct word_list *w,
			  struct dl_problem_list *problems)
{
	struct dockerd_flags f = { 0 };
	if (w->count == 0)
		return;
	dockerd_args_parse(&f, w, problems);
	if (!f.is_dockerd) {
		const struct word *w0 = &w->items[0];
		problem_add(problems, w0->where.path, w0->where.line,
			    "cannot tell how dockerd is started: the command runs \"%s\", not dockerd",
			    w0->text);
	}
	merge_flags(acc, &f);
	dockerd_flags_clear(&f);
}

static void launch_systemd(struct reader *rd, struct systemd_service *svc)
{
	struct dl_launch *launch = rd->launch;
	struct env env = { 0 };

	launch->method = DL_LAUNCH_SYSTEMD;
	launch->unit_path = xstrdup(svc->unit_path);
	if (svc->masked) {
		launch->masked = true;
		return;
	}
	rd->mf->systemd = true;
	if (svc->working_directory && svc->working_directory[0] == '/')
		set_cwd(rd->mf, svc->working_directory);
	/* A fatal line in the unit file (reported where it was read). */
	if (svc->bad_setting)
		launcher_refuses(rd);
	if (systemd_service_environment(&env, rd->rootfs, svc, &rd->mf->files, rd->problems))
		launcher_refuses(rd);

	/* src/core/service.c service_verify() in systemd 252, after every
	 * drop-in: commands appended (ignored lines are not), Type=dbus. */
	size_t ncommands = 0;
	for (size_t i = 0; i < svc->nexec_start; i++)
		ncommands += svc->exec_start[i].ncommands;
	bool oneshot = svc->type && !strcmp(svc->type, "oneshot");
	if (svc->nexec_start == 0) {
		problem_add(rd->problems, svc->unit_path, 0,
			    "docker.service has no ExecStart=: systemd refuses to start it");
		launcher_refuses(rd);
	} else if (ncommands > 1 && !oneshot) {
		const struct exec_entry *e = &svc->exec_start[svc->nexec_start > 1 ? 1 : 0];
		problem_add(rd->problems, e->where.path, e->where.line,
			    "docker.service has %zu ExecStart= commands: systemd refuses to start a "
			    "non-oneshot service with more than one (bad-setting); hosts of every "
			    "entry are listed",
			    ncommands);
		launcher_refuses(rd);
	}
	if (svc->type && !strcmp(svc->type, "dbus") && !svc->bus_name) {
		problem_add(rd->problems, svc->unit_path, 0,
			    "docker.service is Type=dbus without BusName=: systemd refuses to load "
			    "it (bad-setting)");
		launcher_refuses(rd);
	}
	const struct exec_line_ctx ctx = {
		.unit_name = LAUNCH_SERVICE_NAME,
		.hostname = svc->host.hostname,
		.shell = svc->host.shell,
		.unit_path = svc->unit_path,
	};
	/* Without a host name in the root, "%H" in a host (from ExecStart= or
	 * Environment=) stays as written: add_host_value() keeps its listener. */
	rd->mf->hostname_unknown = !svc->host.hostname;
	bool uses_host = svc->host_used; /* Environment= took the host name */
	for (size_t i = 0; i < svc->nexec_start; i++)
	for (size_t cmd = 0; cmd < (oneshot ? svc->exec_start[i].ncommands : 1); cmd++) {
		/* A oneshot service runs every command of every line, in order
		 * (a ";"-separated line too); any other type runs one. */
		const struct exec_entry *e = &svc->exec_start[i];
		struct word_list words = { 0 };
		struct exec_line_info info = { 0 };
		struct exec_line_ctx cctx = ctx;
		cctx.command = cmd;
		int r = exec_line_split_ctx(&words, &info, e->value, &cctx, &env, &e->where);
		if (r < 0) {
			/* The message says what systemd does: ignore this line, or
			 * refuse to load the unit (bad-setting). */
			_cleanup_free_ char *why = exec_line_error_text(&info);
			problem_add(rd->problems, e->where.path, e->where.line, "%s", why);
			if (info.fault != EXEC_LINE_IGNORED)
				launcher_refuses(rd);
			exec_line_info_clear(&info);
			word_list_clear(&words);
			continue;
		}
		if (words.count > 0) {
			int x = systemd_exec_check(rd->rootfs, words.items[0].text);
			if (x < 0) {
				problem_add(rd->problems, e->where.path, e->where.line,
					    "%s %s in the root: systemd fails to run it (status "
					    "203/EXEC) and dockerd never starts",
					    words.items[0].text,
					    x == -ENOENT   ? "does not exist"
					    : x == -EISDIR ? "is a directory"
					    : x == -EACCES ? "is not an executable file"
							   : "cannot be checked");
				launcher_refuses(rd);
			}
		}
		_cleanup_free_ char *notes = exec_line_notes_text(&info);
		if (notes)
			warning_add(rd->problems, e->where.path, e->where.line, "%s", notes);
		if (info.host_name)
			uses_host = true;
		exec_line_info_clear(&info);
		launch_set_argv(launch, &words);
		launch_parse_command(&rd->mf->flags, &words, rd->problems);
		word_list_clear(&words);
	}
	env_clear(&env);
	if (uses_host && !rd->mf->hostname) /* for the merge's listener note */
		rd->mf->hostname = xstrdup(svc->host.hostname);
}

static enum dl_launch_method init_method(enum init_flavor f)
{
	return f == INIT_OPENRC ? DL_LAUNCH_OPENRC : DL_LAUNCH_SYSVINIT;
}

static void launch_init(struct reader *rd, struct init_launch *il)
{
	struct dl_launch *launch = rd->launch;
	struct env env = { 0 };
	struct word_list words = { 0 };

	launch->method = init_method(il->flavor);
	launch->unit_path = xstrdup(il->script_path);
	if (il->flavor == INIT_NONE) {
		/* init_launch_detect reported why; fail closed with a plain start. */
		word_list_add(&words, "dockerd", &il->where, NULL);
	} else {
		if (il->env_path) {
			char *text = NULL;
			int r = rootfs_read_file(rd->rootfs, il->env_path, ROOTFS_MAX_FILE, &text, NULL);
			read_fact_add(&rd->mf->files, il->env_path, read_status_from_errno(r));
			if (r == 0)
				init_env_parse(&env, il->env_path, text, rd->problems);
			else if (r != -ENOENT)
				problem_add(rd->problems, il->env_path, 0, "cannot read: %s",
					    rootfs_strerror(r));
			free(text);
		}
		/* The sourced file may replace the program (DOCKERD=, exec=). */
		const struct env_var *prog = il->program_var ? env_get(&env, il->program_var) : NULL;
		if (prog && *prog->value)
			word_list_add(&words, prog->value, &il->where, &prog->where);
		else
			word_list_add(&words, il->program ? il->program : "/usr/bin/dockerd",
				      &il->where, NULL);
		const struct env_var *v = il->opts_var ? env_get(&env, il->opts_var) : NULL;
		if (v)
			shell_split_words(&words, v->value, &il->where, &v->where);
	}
	launch_set_argv(launch, &words);
	launch_parse_command(&rd->mf->flags, &words, rd->problems);
	word_list_clear(&words);
	env_clear(&env);
}

/* Whether path exists. A path that cannot be looked up for another reason
 * than its absence (a symlink loop, an I/O error) may be the installation:
 * an error problem naming it, so that "not installed" is never concluded
 * from it (docs/rules.md, reading rule 1). */
static bool exists(struct reader *rd, const char *path)
{
	struct stat st;
	int e = rootfs_stat(rd->rootfs, path, &st);
	if (e < 0 && e != -ENOENT && e != -ENOTDIR)
		problem_add(rd->problems, path, 0, "cannot tell whether it exists: %s",
			    rootfs_strerror(e));
	return e == 0;
}

static void launch_manual(struct reader *rd)
{
	static const char *const binaries[] = { "/usr/bin/dockerd", "/usr/sbin/dockerd",
						"/usr/local/bin/dockerd" };
	const char *found = NULL;
	for (size_t i = 0; i < sizeof(binaries) / sizeof(*binaries) && !found; i++)
		if (exists(rd, binaries[i]))
			found = binaries[i];
	if (!found && !exists(rd, LAUNCH_DEFAULT_CONFIG_FILE)) {
		rd->launch->method = DL_LAUNCH_NONE;
		return;
	}
	rd->launch->method = DL_LAUNCH_MANUAL;
	struct word_list words = { 0 };
	struct dl_evidence where = { 0 };
	evidence_set(&where, SRC_DEFAULT, found, 0,
		     "no service definition: dockerd started by hand with no flags");
	word_list_add(&words, found ? found : "dockerd", &where, NULL);
	launch_set_argv(rd->launch, &words);
	launch_parse_command(&rd->mf->flags, &words, rd->problems);
	word_list_clear(&words);
	evidence_clear(&where);
}

/* ------------------------------------------------- daemon.json, sockets */

static void load_sockets(struct reader *rd)
{
	/* Fails only for an invalid unit name, never for this constant one. */
	if (systemd_sockets_load(&rd->mf->sockets, rd->rootfs, LAUNCH_SERVICE_NAME, rd->problems) < 0)
		problem_add(rd->problems, NULL, 0, "cannot read the socket units of %s", LAUNCH_SERVICE_NAME);
}

/* Does dockerd get an fd:// host from the flags or the file? */
static bool wants_sockets(const struct dockerd_flags *flags, const struct daemon_json *dj)
{
	for (size_t i = 0; i < flags->nhosts; i++)
		if (flags->hosts[i].value && str_startswith(flags->hosts[i].value, "fd://"))
			return true;
	for (size_t i = 0; i < dj->nhosts; i++)
		if (dj->hosts[i].value && str_startswith(dj->hosts[i].value, "fd://"))
			return true;
	return false;
}

/* Read what the merge works from: the daemon.json dockerd reads (the
 * default one, or --config-file against dockerd's working directory), the
 * dockerd version, for fd:// hosts under systemd the socket units that feed
 * docker.service, and the TLS files. After this, the merge reads no file. */
static void read_daemon_facts(struct reader *rd)
{
	struct merge_facts *mf = rd->mf;
	struct dl_launch *launch = rd->launch;
	const struct dockerd_flags *flags = &mf->flags;
	bool explicit_config = flags->config_file.value != NULL;
	const char *config = explicit_config ? flags->config_file.value : rd->default_config;

	dockerd_version_detect(&mf->version, rd->rootfs, launch->argc ? launch->argv[0] : NULL,
			       rd->exe);
	free(launch->dockerd_version);
	free(launch->dockerd_version_source);
	free(launch->dockerd_rules);
	launch->dockerd_version = xstrdup(mf->version.text);
	launch->dockerd_version_source =
		!mf->version.source ? NULL
		: mf->version.package ? xasprintf("%s %s %s", mf->version.source, mf->version.path,
						  mf->version.package)
				      : xasprintf("%s %s", mf->version.source, mf->version.path);
	launch->dockerd_rules = xstrdup(dockerd_rules_name(mf->version.rules));

	if (flags->env_chdir.value && flags->env_chdir.value[0] == '/')
		set_cwd(mf, flags->env_chdir.value); /* env --chdir in front of dockerd */
	free(launch->config_file);
	if (explicit_config && config[0] != '/')
		/* dockerd resolves a relative path against its working directory. */
		launch->config_file = rootfs_join(mf->cwd, config);
	else
		launch->config_file = xstrdup(config);
	daemon_json_load(&mf->dj, rd->rootfs, launch->config_file, explicit_config, rd->problems);
	launch->config_file_present = daemon_json_was_read(&mf->dj);
	if (mf->systemd && wants_sockets(flags, &mf->dj))
		load_sockets(rd);
	tls_files_read(rd, flags, &mf->dj);
}

static void reader_init(struct reader *rd, struct merge_facts *mf, struct dl_launch *launch,
			const struct rootfs *r, struct dl_problem_list *problems)
{
	memset(mf, 0, sizeof(*mf));
	mf->cwd = xstrdup("/");
	mf->default_unix = xstrdup(LAUNCH_DEFAULT_UNIX_SOCKET);
	*rd = (struct reader){
		.rootfs = r,
		.launch = launch,
		.mf = mf,
		.problems = problems,
		.default_config = LAUNCH_DEFAULT_CONFIG_FILE,
	};
}

bool merge_facts_read_root(struct merge_facts *mf, struct dl_launch *launch,
			   const struct rootfs *r, struct dl_problem_list *problems)
{
	struct reader rd;
	struct systemd_service svc = { 0 };
	struct init_launch il = { 0 };
	bool run_merge = true;

	reader_init(&rd, mf, launch, r, problems);
	if (systemd_service_load(&svc, r, LAUNCH_SERVICE_NAME, problems) < 0)
		problem_add(problems, NULL, 0, "cannot read the unit %s", LAUNCH_SERVICE_NAME);
	if (svc.found) {
		mf->launcher = svc.status;
		mf->launcher_path = xstrdup(svc.status_path ? svc.status_path : svc.unit_path);
		launch_systemd(&rd, &svc);
		run_merge = !svc.masked;
	} else if (svc.status == READ_UNREADABLE) {
		/* docker.service exists but cannot be read: systemd is the
		 * launcher, and what it starts is unknown (reported). */
		mf->launcher = READ_UNREADABLE;
		mf->launcher_path = xstrdup(svc.status_path);
		launch->method = DL_LAUNCH_SYSTEMD;
		launch->unit_path = xstrdup(svc.status_path);
		mf->systemd = true;
	} else {
		init_launch_detect(&il, r, problems);
		if (il.flavor != INIT_NONE || il.script_path) {
			mf->launcher = il.status;
			mf->launcher_path = xstrdup(il.script_path);
			launch_init(&rd, &il);
		} else {
			launch_manual(&rd);
		}
		run_merge = launch->method != DL_LAUNCH_NONE;
	}
	for (size_t i = 0; i < svc.files.count; i++)
		read_fact_add(&mf->files, svc.files.items[i].path, svc.files.items[i].status);
	if (run_merge)
		read_daemon_facts(&rd);
	init_launch_clear(&il);
	systemd_service_clear(&svc);
	return run_merge;
}

void merge_facts_read_argv(struct merge_facts *mf, struct dl_launch *launch,
			   const struct rootfs *r, const struct word_list *argv,
			   const struct env *penv, const char *cwd, bool systemd, const char *exe,
			   struct dl_problem_list *problems)
{
	struct reader rd;
	_cleanup_free_ char *rootless_config = NULL;
	reader_init(&rd, mf, launch, r, problems);
	rd.exe = exe;
	rd.penv = penv;
	mf->launcher = READ_OK; /* the command line is given */
	mf->systemd = systemd;
	if (cwd && cwd[0] == '/')
		set_cwd(mf, cwd);
	/* Rootless dockerd (docs/dockerd-listeners.md §2; moby cmd/dockerd config defaults
	 * under RootlessKit): the config file is
	 * ${XDG_CONFIG_HOME:-$HOME/.config}/docker/daemon.json and the default
	 * socket $XDG_RUNTIME_DIR/docker.sock, from the daemon's own
	 * environment. */
	if (penv && env_get(penv, "ROOTLESSKIT_STATE_DIR")) {
		const struct env_var *xc = env_get(penv, "XDG_CONFIG_HOME");
		const struct env_var *home = env_get(penv, "HOME");
		const struct env_var *xr = env_get(penv, "XDG_RUNTIME_DIR");
		if (xc && xc->value[0] == '/')
			rootless_config = xasprintf("%s/docker/daemon.json", xc->value);
		else if (home && home->value[0] == '/')
			rootless_config = xasprintf("%s/.config/docker/daemon.json", home->value);
		if (xr && xr->value[0] == '/') {
			free(mf->default_unix);
			mf->default_unix = xasprintf("%s/docker.sock", xr->value);
		}
		if (rootless_config)
			rd.default_config = rootless_config;
		else
			problem_add(problems, NULL, 0,
				    "rootless dockerd without HOME or XDG_CONFIG_HOME in its environment: "
				    "cannot tell which daemon.json it reads");
	}
	launch_set_argv(launch, argv);
	launch_parse_command(&mf->flags, argv, problems);
	read_daemon_facts(&rd);
}

void merge_facts_clear(struct merge_facts *mf)
{
	free(mf->launcher_path);
	read_fact_list_clear(&mf->files);
	free(mf->cwd);
	free(mf->default_unix);
	free(mf->hostname);
	dockerd_flags_clear(&mf->flags);
	daemon_json_clear(&mf->dj);
	socket_set_clear(&mf->sockets);
	dockerd_version_clear(&mf->version);
	for (size_t i = 0; i < TLS_FILES; i++) {
		free(mf->tls[i].path);
		free(mf->tls[i].why);
	}
	memset(mf, 0, sizeof(*mf));
}
