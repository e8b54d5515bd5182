/* Launchers this tool does not model; see launchers.h and docs/launchers.md.
 *
 * Nothing here parses a launcher's grammar: a line that starts dockerd is
 * recognised by the command word alone, and its arguments are not read.
 * That is the point: what is not read must not pass, so every such line is
 * an error problem naming the file and line. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "read/launchers.h"
#include "base/text.h"
#include "base/alloc.h"
#include "base/evidence.h"
#include "base/problems.h"
/* Evidence text is cut to this many bytes (on a character boundary). */
#define LAUNCHER_TEXT_MAX 256

enum place_kind {
	PLACE_FILE,         /* one file */
	PLACE_DIR_FILES,    /* every file directly in a directory */
	PLACE_SERVICE_DIRS, /* DIR/<service>/{run,up} (runit, s6, s6-rc) */
};

enum place_flags {
	PF_CRON = 1u << 0,    /* cron table: name @reboot entries */
	PF_INI = 1u << 1,     /* ini file: ';' comments too */
	PF_UNITS = 1u << 2,   /* systemd unit directory: *.service but docker.service */
	PF_INITD = 1u << 3,   /* init scripts: not the modelled one */
	PF_UPSTART = 1u << 4, /* Upstart jobs: *.conf, not the modelled one */
};

struct place {
	const char *path;
	enum place_kind kind;
	const char *what; /* named in the problem */
	unsigned flags;
};

/* Where each launcher keeps what it starts. Sources: runit runsvdir(8) and
 * the Void/Debian/Artix service directories; s6-svscan(8), s6-rc-compile(8)
 * and s6-overlay's README (v2 /etc/services.d and /etc/cont-init.d, v3
 * /etc/s6-overlay/s6-rc.d, /run/service); supervisord's config file search
 * (supervisor/options.py) and Debian's /etc/supervisor/conf.d; rc.local
 * (systemd-rc-local-generator, Alpine local.d); cron(8), crontab(5) and
 * Alpine's busybox crond (/etc/crontabs); inittab(5) (busybox init too);
 * the docker:dind image's entrypoint (docker-library/docker, dind/
 * dockerd-entrypoint.sh) and common entrypoint names; boot2docker's
 * /etc/init.d/docker, which sources /var/lib/boot2docker/profile and runs
 * bootsync.sh/bootlocal.sh; systemd.unit(5) search paths; the sysvinit and
 * Upstart job directories. */
static const struct place places[] = {
	{ "/etc/sv", PLACE_SERVICE_DIRS, "runit service", 0 },
	{ "/etc/runit/sv", PLACE_SERVICE_DIRS, "runit service", 0 },
	{ "/etc/runit/runsvdir/default", PLACE_SERVICE_DIRS, "runit service", 0 },
	{ "/etc/service", PLACE_SERVICE_DIRS, "runit/s6 service", 0 },
	{ "/service", PLACE_SERVICE_DIRS, "runit/s6 service", 0 },
	{ "/var/service", PLACE_SERVICE_DIRS, "runit service", 0 },
	{ "/etc/s6", PLACE_SERVICE_DIRS, "s6 service", 0 },
	{ "/etc/s6/sv", PLACE_SERVICE_DIRS, "s6 service", 0 },
	{ "/etc/s6-rc/source", PLACE_SERVICE_DIRS, "s6-rc service", 0 },
	{ "/etc/s6-overlay/s6-rc.d", PLACE_SERVICE_DIRS, "s6-overlay service", 0 },
	{ "/etc/services.d", PLACE_SERVICE_DIRS, "s6-overlay service", 0 },
	{ "/etc/cont-init.d", PLACE_DIR_FILES, "s6-overlay init script", 0 },
	{ "/run/service", PLACE_SERVICE_DIRS, "s6 service", 0 },
	{ "/run/s6/services", PLACE_SERVICE_DIRS, "s6 service", 0 },
	{ "/etc/supervisord.conf", PLACE_FILE, "supervisord program", PF_INI },
	{ "/etc/supervisor/supervisord.conf", PLACE_FILE, "supervisord program", PF_INI },
	{ "/etc/supervisor/conf.d", PLACE_DIR_FILES, "supervisord program", PF_INI },
	{ "/etc/supervisord.d", PLACE_DIR_FILES, "supervisord program", PF_INI },
	{ "/etc/rc.local", PLACE_FILE, "rc.local script", 0 },
	{ "/etc/rc.d/rc.local", PLACE_FILE, "rc.local script", 0 },
	{ "/etc/local.d", PLACE_DIR_FILES, "local.d boot script", 0 },
	{ "/etc/crontab", PLACE_FILE, "cron table", PF_CRON },
	{ "/etc/cron.d", PLACE_DIR_FILES, "cron table", PF_CRON },
	{ "/var/spool/cron/crontabs", PLACE_DIR_FILES, "user cron table", PF_CRON },
	{ "/var/spool/cron", PLACE_DIR_FILES, "user cron table", PF_CRON },
	{ "/etc/crontabs", PLACE_DIR_FILES, "cron table", PF_CRON },
	{ "/etc/inittab", PLACE_FILE, "inittab entry", 0 },
	{ "/usr/local/bin/dockerd-entrypoint.sh", PLACE_FILE, "image entrypoint script", 0 },
	{ "/usr/local/bin/docker-entrypoint.sh", PLACE_FILE, "image entrypoint script", 0 },
	{ "/usr/local/bin/entrypoint.sh", PLACE_FILE, "image entrypoint script", 0 },
	{ "/usr/local/bin/dind", PLACE_FILE, "image entrypoint script", 0 },
	{ "/docker-entrypoint.sh", PLACE_FILE, "image entrypoint script", 0 },
	{ "/dockerd-entrypoint.sh", PLACE_FILE, "image entrypoint script", 0 },
	{ "/entrypoint.sh", PLACE_FILE, "image entrypoint script", 0 },
	{ "/var/lib/boot2docker/bootsync.sh", PLACE_FILE, "boot2docker boot script", 0 },
	{ "/var/lib/boot2docker/bootlocal.sh", PLACE_FILE, "boot2docker boot script", 0 },
	{ "/etc/systemd/system", PLACE_DIR_FILES, "systemd unit other than docker.service", PF_UNITS },
	{ "/run/systemd/system", PLACE_DIR_FILES, "systemd unit other than docker.service", PF_UNITS },
	{ "/usr/local/lib/systemd/system", PLACE_DIR_FILES, "systemd unit other than docker.service",
	  PF_UNITS },
	{ "/lib/systemd/system", PLACE_DIR_FILES, "systemd unit other than docker.service", PF_UNITS },
	{ "/usr/lib/systemd/system", PLACE_DIR_FILES, "systemd unit other than docker.service",
	  PF_UNITS },
	{ "/etc/init.d", PLACE_DIR_FILES, "init script", PF_INITD },
	{ "/etc/rc.d/init.d", PLACE_DIR_FILES, "init script", PF_INITD },
	{ "/etc/init", PLACE_DIR_FILES, "Upstart job", PF_UPSTART },
};

/* The boot2docker profile: its init script builds dockerd's command line
 * from DOCKER_HOST, DOCKER_TLS and EXTRA_ARGS set here, with defaults that
 * changed between releases (tcp://0.0.0.0:2375, later 2376 with TLS). */
#define BOOT2DOCKER_PROFILE "/var/lib/boot2docker/profile"
#define INIT_DOCKER "/etc/init.d/docker"

static bool word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-' || c == '.';
}

/* Is s[i..i+n) a word (not inside a longer word)? '/' before it is allowed:
 * a path ending in the word. */
static bool is_word_at(const char *s, size_t len, size_t i, size_t n)
{
	if (i > 0 && word_char((unsigned char)s[i - 1]))
		return false;
	return i + n >= len || !word_char((unsigned char)s[i + n]);
}

static size_t skip_blanks(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

static bool match_at(const char *s, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w);
	return i + n <= len && !memcmp(s + i, w, n) && is_word_at(s, len, i, n);
}

/* The offset where the command of a key=value line starts, when the key is
 * one that runs a command; len when it is not. */
static size_t command_value_at(const char *s, size_t len, size_t b, enum launcher_syntax syntax)
{
	size_t k = b;
	if (syntax == LAUNCHER_SHELL)
		return b;
	while (k < len && ((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= 'a' && s[k] <= 'z')))
		k++;
	bool ok = syntax == LAUNCHER_UNIT ? k - b > 4 && !memcmp(s + b, "Exec", 4)
					  : k - b == 7 && !memcmp(s + b, "command", 7);
	if (!ok)
		return len;
	k = skip_blanks(s, len, k);
	if (k < len && (s[k] == '=' || (syntax == LAUNCHER_INI && s[k] == ':')))
		return k + 1;
	return len;
}

static size_t launcher_command_at(const char *s, size_t len, enum launcher_syntax syntax)
{
	size_t b = skip_blanks(s, len, 0);
	if (b < len && (s[b] == '#' || (syntax != LAUNCHER_SHELL && s[b] == ';')))
		return len;
	return command_value_at(s, len, b, syntax);
}

bool launcher_line_starts_dockerd(const char *s, size_t len, enum launcher_syntax syntax)
{
	for (size_t i = launcher_command_at(s, len, syntax); i < len; i++) {
		if (s[i] != 'd')
			continue;
		if (match_at(s, len, i, "dockerd") || match_at(s, len, i, "dockerd-rootless.sh"))
			return true;
		if (match_at(s, len, i, "docker")) {
			size_t k = skip_blanks(s, len, i + 6);
			if (k > i + 6 && (match_at(s, len, k, "daemon") || match_at(s, len, k, "-d")))
				return true;
		}
	}
	return false;
}

static bool is_reboot_entry(const char *s, size_t len)
{
	size_t b = skip_blanks(s, len, 0);
	return len - b >= 7 && !memcmp(s + b, "@reboot", 7);
}

static void report(struct dl_evidence_list *found, const char *path, unsigned line,
		   const char *s, size_t len, const struct place *pl,
		   struct dl_problem_list *problems)
{
	size_t b = skip_blanks(s, len, 0);
	_cleanup_free_ char *text = xstrndup(s + b, text_utf8_cut(s + b, len - b, LAUNCHER_TEXT_MAX));
	evidence_list_add(found, SRC_LAUNCHER, path, line, text);
	bool reboot = (pl->flags & PF_CRON) && is_reboot_entry(s, len);
	problem_add(problems, path, line,
		    "dockerd is started by %s:%u (%s%s), which this tool does not read: the "
		    "listeners it opens are unknown",
		    path, line, pl->what, reboot ? ", @reboot" : "");
}

/* Scan one file; a missing file (or a directory where a file was expected)
 * is not a launcher. */
static void scan_file(struct dl_evidence_list *found, const struct rootfs *r, const char *path,
		      const struct place *pl, struct read_fact_list *files,
		      struct dl_problem_list *problems)
{
	_cleanup_free_ char *text = NULL;
	size_t len = 0;
	struct stat st;
	int rc = rootfs_stat(r, path, &st);
	if (rc == -ENOENT || rc == -ENOTDIR)
		return;
	/* Only regular files are run or read by these launchers; a masked
	 * unit is a link to /dev/null, a directory is a subdirectory. */
	if (rc == 0 && !S_ISREG(st.st_mode))
		return;
	if (rc == 0)
		rc = rootfs_read_file(r, path, ROOTFS_MAX_FILE, &text, &len);
	if (rc == -ENOENT)
		return;
	if (rc < 0) {
		if (files)
			read_fact_add(files, path, READ_UNREADABLE);
		problem_add(problems, path, 0,
			    "cannot read %s (%s): whether it starts dockerd is unknown", pl->what,
			    rootfs_strerror(rc));
		return;
	}
	size_t before = found->count;
	unsigned no = 0;
	enum launcher_syntax syn = (pl->flags & PF_INI)	  ? LAUNCHER_INI
				   : (pl->flags & PF_UNITS) ? LAUNCHER_UNIT
							    : LAUNCHER_SHELL;
	/* A command value continued on the next line: a unit's Exec*= line
	 * ending in '\' (systemd's config_parse() joins them), an ini value
	 * continued on indented lines (Python's configparser). */
	bool in_command = false;
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		const char *line = text + pos;
		size_t n = end - pos;
		no++;
		bool cont = false;
		if (syn == LAUNCHER_UNIT)
			cont = in_command;
		else if (syn == LAUNCHER_INI)
			cont = in_command && n > 0 && (line[0] == ' ' || line[0] == '\t');
		if (launcher_line_starts_dockerd(line, n, cont ? LAUNCHER_SHELL : syn))
			report(found, path, no, line, n, pl, problems);
		if (syn == LAUNCHER_UNIT) {
			bool is_exec = cont || launcher_command_at(line, n, syn) < n;
			in_command = is_exec && n > 0 && line[n - 1] == '\\';
		} else if (syn == LAUNCHER_INI && !cont) {
			in_command = launcher_command_at(line, n, syn) < n;
		}
		pos = end + 1;
	}
	if (files && found->count > before)
		read_fact_add(files, path, READ_OK);
}

static bool skip_entry(const struct place *pl, const char *name, const char *modelled_script,
		       bool systemd_unit, const char *path)
{
	if (pl->flags & PF_UNITS)
		return !str_endswith(name, ".service") || !strcmp(name, "docker.service");
	if (pl->flags & PF_UPSTART)
		/* docker.conf: read by the configuration scan when it is the
		 * launcher; beside docker.service (old docker-engine packages
		 * shipped both) the unit is what starts dockerd. */
		return !str_endswith(name, ".conf") ||
		       (modelled_script && !strcmp(path, modelled_script)) ||
		       (systemd_unit && !strcmp(name, "docker.conf"));
	if (pl->flags & PF_INITD) {
		/* The script the configuration scan read; on a systemd root
		 * with docker.service, systemd-sysv-generator makes no unit
		 * of /etc/init.d/docker (a native unit of that name wins). */
		if (modelled_script && !strcmp(path, modelled_script))
			return true;
		return systemd_unit && !strcmp(name, "docker");
	}
	return false;
}

static void scan_dir(struct dl_evidence_list *found, const struct rootfs *r,
		     const struct place *pl, const char *modelled_script, bool systemd_unit,
		     struct read_fact_list *files, struct dl_problem_list *problems)
{
	char **names = NULL;
	size_t n = 0;
	int rc = rootfs_list_dir(r, pl->path, &names, &n);
	if (rc == -ENOENT || rc == -ENOTDIR)
		return;
	if (rc < 0) {
		if (files)
			read_fact_add(files, pl->path, READ_UNREADABLE);
		problem_add(problems, pl->path, 0,
			    "cannot list %s directory (%s): whether it starts dockerd is unknown",
			    pl->what, rootfs_strerror(rc));
		return;
	}
	for (size_t i = 0; i < n; i++) {
		_cleanup_free_ char *p = rootfs_join(pl->path, names[i]);
		if (pl->kind == PLACE_DIR_FILES) {
			if (!skip_entry(pl, names[i], modelled_script, systemd_unit, p))
				scan_file(found, r, p, pl, files, problems);
			continue;
		}
		/* A service directory: runit and s6 run "run"; an s6-rc
		 * oneshot runs "up". */
		static const char *const runs[] = { "run", "up" };
		for (size_t k = 0; k < sizeof(runs) / sizeof(*runs); k++) {
			_cleanup_free_ char *f = rootfs_join(p, runs[k]);
			scan_file(found, r, f, pl, files, problems);
		}
	}
	rootfs_free_names(names, n);
}

void launchers_scan(struct dl_evidence_list *found, const struct rootfs *r,
		    const char *modelled_script, bool systemd_unit, struct read_fact_list *files,
		    struct dl_problem_list *problems)
{
	for (size_t i = 0; i < sizeof(places) / sizeof(*places); i++) {
		const struct place *pl = &places[i];
		if (pl->kind == PLACE_FILE)
			scan_file(found, r, pl->path, pl, files, problems);
		else
			scan_dir(found, r, pl, modelled_script, systemd_unit, files, problems);
	}
	/* boot2docker: the profile is not a launcher line of its own but the
	 * configuration of one (its /etc/init.d/docker); neither is read. */
	struct stat st;
	if (rootfs_stat(r, BOOT2DOCKER_PROFILE, &st) == 0) {
		if (files)
			read_fact_add(files, BOOT2DOCKER_PROFILE, READ_OK);
		evidence_list_add(found, SRC_LAUNCHER, BOOT2DOCKER_PROFILE, 0,
				  "boot2docker profile (DOCKER_HOST, DOCKER_TLS, EXTRA_ARGS)");
		problem_add(problems, BOOT2DOCKER_PROFILE, 0,
			    "dockerd is started by boot2docker's %s with DOCKER_HOST, DOCKER_TLS and "
			    "EXTRA_ARGS from this profile, which this tool does not read: the "
			    "listeners it opens are unknown",
			    INIT_DOCKER);
	}
}
