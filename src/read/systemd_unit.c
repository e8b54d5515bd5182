/* Loading systemd service units the way systemd 252 does (systemd.unit(5),
 * systemd.syntax(7), systemd.service(5), systemd.exec(5)): the unit search
 * path, masks, drop-ins and their order, the unit file syntax, and the
 * settings of [Service] that decide how dockerd is started. Every file is
 * read through rootfs, so symlinks resolve inside the scan root. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read/exec_line.h"
#include "base/alloc.h"
#include "base/problems.h"
#include "base/rootfs.h"
#include "read/systemd_unit.h"
#include "base/text.h"
#include "base/evidence.h"
#include "base/words.h"
/* systemd 252 src/basic/path-lookup.c lookup_paths_init(), system manager,
 * highest priority first. The spec (section 4) omits the two ".attached"
 * directories of portable services (systemd >= 239); they are on the path.
 * /lib/systemd/system is searched on split-usr systems only; with merged
 * /usr it is the same directory as /usr/lib/systemd/system, so searching it
 * always is harmless (same files) and catches split-usr hosts. */
const char *const systemd_unit_dirs[] = {
	"/etc/systemd/system.control",
	"/run/systemd/system.control",
	"/run/systemd/transient",
	"/run/systemd/generator.early",
	"/etc/systemd/system",
	"/etc/systemd/system.attached",
	"/run/systemd/system",
	"/run/systemd/system.attached",
	"/run/systemd/generator",
	"/usr/local/lib/systemd/system",
	"/usr/lib/systemd/system",
	"/lib/systemd/system",
	"/run/systemd/generator.late",
};
const size_t systemd_unit_dirs_count = sizeof(systemd_unit_dirs) / sizeof(systemd_unit_dirs[0]);

#define WHITESPACE " \t\n\r"
/* How a fatal line in a drop-in is reported (a warning: exactly known). */
#define FATAL_IN_DROPIN                                                                            \
	"a fatal line: systemd stops reading this drop-in here (the lines below are not "         \
	"applied; the unit still loads)"
#define UTF8_BOM "\xef\xbb\xbf"

static void strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void strv_push(char ***v, size_t *n, const char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
}

static char *strstrip(char *s)
{
	s += strspn(s, WHITESPACE);
	size_t l = strlen(s);
	while (l && strchr(WHITESPACE, s[l - 1]))
		s[--l] = '\0';
	return s;
}

/* Cut text to the evidence bound at a UTF-8 character boundary. */
static char *evidence_text(const char *s)
{
	size_t l = strlen(s);
	if (l <= SYSTEMD_EVIDENCE_TEXT_MAX)
		return xstrdup(s);
	size_t cut = text_utf8_cut(s, l, SYSTEMD_EVIDENCE_TEXT_MAX - 3);
	return xasprintf("%.*s...", (int)cut, s);
}

/* Lexically normalise a symlink target written in directory dir: what
 * systemd compares with "/dev/null" to decide a symlink is a mask. */
static char *path_lexical(const char *dir, const char *target)
{
	char *in = target[0] == '/' ? xstrdup(target) : xasprintf("%s/%s", dir, target);
	char *out = xmalloc(strlen(in) + 2);
	size_t o = 0;
	char *save = NULL;
	for (char *c = strtok_r(in, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		if (!strcmp(c, "."))
			continue;
		if (!strcmp(c, "..")) {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
			continue;
		}
		out[o++] = '/';
		size_t l = strlen(c);
		memcpy(out + o, c, l);
		o += l;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	free(in);
	return out;
}

bool unit_name_is_plain(const char *name, const char *suffix)
{
	size_t l = strlen(name), sl = strlen(suffix);
	if (l <= sl || l > 255 || !str_endswith(name, suffix))
		return false;
	for (const char *p = name; *p; p++)
		if (*p == '/' || *p == '@' || *p == ' ' || text_is_control(*p))
			return false;
	return name[0] != '.';
}

/* ------------------------------------------------------------ specifiers */

/* unit_specifiers_expand() with the host facts (may be NULL): %H, %l and
 * %s then resolve as in ExecStart= (docs/differential-systemd.md), and
 * *used_host is set when the host name was used. */
static int specifiers_expand_host(char **out, const char *unit_name, const struct systemd_host *host,
				  bool *used_host, const char *value, const char *path,
				  unsigned line, struct dl_problem_list *problems);

int unit_specifiers_expand(char **out, const char *unit_name, const char *value,
			   const char *path, unsigned line, struct dl_problem_list *problems)
{
	return specifiers_expand_host(out, unit_name, NULL, NULL, value, path, line, problems);
}

static int specifiers_expand_host(char **out, const char *unit_name, const struct systemd_host *host,
				  bool *used_host, const char *value, const char *path,
				  unsigned line, struct dl_problem_list *problems)
{
	/* %n full name, %N without the type suffix, %p prefix (before "@"),
	 * %i instance (none here), %j the part of the prefix after its last
	 * "-". Directories are the system manager's (systemd.unit(5) table). */
	const char *dot = strrchr(unit_name, '.');
	size_t nlen = dot ? (size_t)(dot - unit_name) : strlen(unit_name);
	_cleanup_free_ char *N = xstrndup(unit_name, nlen);
	const char *dash = strrchr(N, '-');
	const char *j = dash && dash[1] ? dash + 1 : N;
	size_t cap = strlen(value) * 2 + 64, o = 0;
	char *s = xmalloc(cap);
	bool reported = false;
	_cleanup_free_ char *short_host = host && host->hostname
						  ? xstrndup(host->hostname, strcspn(host->hostname, "."))
						  : NULL;

	*out = NULL;
	for (const char *p = value; *p; p++) {
		const char *add = NULL;
		char keep[3] = { 0 };
		if (*p == '%' && host && p[1] == 's') {
			add = host->shell;
			p++;
		} else if (*p == '%' && host && host->hostname && (p[1] == 'H' || p[1] == 'l')) {
			add = p[1] == 'H' ? host->hostname : short_host;
			if (used_host && !*used_host)
				warning_add(problems, path, line,
					    "specifier %%%c is the host name, \"%s\" from /etc/hostname: the "
					    "value depends on the host", p[1], add);
			if (used_host)
				*used_host = true;
			p++;
		} else if (*p != '%') {
			keep[0] = *p;
			add = keep;
		} else if (!p[1]) {
			/* specifier_printf(): a stray "%" at the end stays. */
			add = "%";
		} else {
			char c = *++p;
			switch (c) {
			case '%': add = "%"; break;
			case 'n': add = unit_name; break;
			case 'N': case 'p': case 'P': add = N; break;
			case 'i': case 'I': add = ""; break;
			case 'j': case 'J': add = j; break;
			case 't': add = "/run"; break;
			case 'S': add = "/var/lib"; break;
			case 'C': add = "/var/cache"; break;
			case 'L': add = "/var/log"; break;
			case 'E': add = "/etc"; break;
			case 'T': add = "/tmp"; break;
			case 'V': add = "/var/tmp"; break;
			case 'h': add = "/root"; break;
			case 'u': case 'g': add = "root"; break;
			case 'U': case 'G': add = "0"; break;
			case 'a': case 'A': case 'b': case 'B': case 'd': case 'f': case 'H':
			case 'l': case 'm': case 'M': case 'o': case 'q': case 's': case 'v':
			case 'w': case 'W': case 'y': case 'Y': case 'c': case 'r': case 'R':
				/* Known to systemd but depends on the running host
				 * (hostname, machine id, boot id, ...). */
				if (!reported)
					problem_add(problems, path, line,
						    "specifier %%%c depends on the host and is not expanded: %s",
						    c, value);
				reported = true;
				keep[0] = '%';
				keep[1] = c;
				add = keep;
				break;
			default:
				warning_add(problems, path, line,
					    "unknown specifier %%%c: systemd ignores this setting: %s",
					    (unsigned char)c >= ' ' ? c : '?', value);
				free(s);
				return -EINVAL;
			}
		}
		size_t l = strlen(add);
		if (o + l + 1 > cap) {
			cap = (o + l + 1) * 2;
			s = xrealloc(s, cap);
		}
		memcpy(s + o, add, l);
		o += l;
	}
	s[o] = '\0';
	*out = s;
	return 0;
}

/* --------------------------------------------------------------- parsing */

struct parse_ctx {
	const char *unit_name;
	const char *path;
	bool dropin;
	const char *const *sections;
	unit_assignment_fn fn;
	void *userdata;
	struct dl_problem_list *problems;
	const char *section; /* current wanted section, NULL when ignored */
	char *section_buf;
	unsigned fatal_line; /* the line a callback found fatal, 0 if none */
};

/* One logical line (systemd conf-parser.c parse_line()). Returns 0, or
 * -EBADMSG when systemd stops reading the file here, or -ENOEXEC when the
 * setting is fatal (the callback said so). */
static int parse_logical_line(struct parse_ctx *c, char *l, unsigned line)
{
	l = strstrip(l);
	if (!*l)
		return 0;
	/* systemd's config_parse() stops at a line that is not UTF-8
	 * (utf8_is_valid()). This reader has always accepted non-characters
	 * (U+FFFE, U+FDD0..) here, which systemd's unichar_is_valid() refuses:
	 * TEXT_UTF8_SCALAR keeps that. */
	if (!text_utf8_is_valid(l, strlen(l), TEXT_UTF8_SCALAR)) {
		problem_add(c->problems, c->path, line,
			    "line is not valid UTF-8: systemd refuses to parse this file");
		return -EBADMSG;
	}
	if (str_startswith(l, ".include ")) {
		/* Deprecated since systemd 210 and no longer honoured by
		 * current releases; older ones read the named file here. */
		problem_add(c->problems, c->path, line,
			    "'.include' is not followed by this probe (older systemd read the "
			    "named file here): %s", l);
		return 0;
	}
	if (l[0] == '[') {
		size_t k = strlen(l);
		if (l[k - 1] != ']') {
			problem_add(c->problems, c->path, line,
				    "invalid section header: systemd refuses to parse this file");
			return -EBADMSG;
		}
		l[k - 1] = '\0';
		if (!text_string_is_safe(l + 1)) {
			problem_add(c->problems, c->path, line,
				    "bad characters in section header: systemd refuses to parse this file");
			return -EBADMSG;
		}
		free(c->section_buf);
		c->section_buf = NULL;
		c->section = NULL;
		for (const char *const *s = c->sections; *s; s++)
			if (!strcmp(*s, l + 1)) {
				c->section_buf = xstrdup(l + 1);
				c->section = c->section_buf;
			}
		/* Unknown sections are ignored by systemd, with their keys. */
		return 0;
	}
	if (!c->section)
		return 0; /* outside any section, or in an ignored one */

	_cleanup_free_ char *text = evidence_text(l);
	char *e = strchr(l, '=');
	if (!e || e == l) {
		warning_add(c->problems, c->path, line,
			    "%s: systemd ignores this line: %s",
			    e ? "missing key before '='" : "missing '='", text);
		return 0;
	}
	*e = '\0';
	const struct unit_assignment a = {
		.unit_name = c->unit_name,
		.section = c->section,
		.key = strstrip(l),
		.value = strstrip(e + 1),
		.path = c->path,
		.line = line,
		.text = text,
		.dropin = c->dropin,
	};
	if (*a.key && c->fn(&a, c->userdata, c->problems) < 0) {
		c->fatal_line = line;
		return -ENOEXEC;
	}
	return 0;
}

/* Whether s ends in a backslash that is not itself escaped, scanning from
 * the start as systemd's config_parse() does. */
static bool ends_escaped(const char *s)
{
	bool escaped = false;
	for (; *s; s++)
		escaped = escaped ? false : *s == '\\';
	return escaped;
}

/* Parse a whole unit file or drop-in (systemd conf-parser.c config_parse()):
 * physical lines end at "\n", "\r\n", "\r" or NUL; a line whose first
 * non-blank is "#" or ";" is a comment and is skipped even in the middle of
 * a continuation; a trailing unescaped backslash is replaced by a space and
 * joins the next line. */
static void unit_text_parse(struct parse_ctx *c, const char *text, size_t len)
{
	char *cont = NULL;
	size_t cont_len = 0;
	unsigned lineno = 0, cont_line = 0;
	bool nul_reported = false;
	size_t pos = 0;

	if (len >= 3 && !memcmp(text, UTF8_BOM, 3))
		pos = 3;
	while (pos < len) {
		size_t end = pos;
		while (end < len && text[end] != '\n' && text[end] != '\r' && text[end] != '\0')
			end++;
		if (end < len && text[end] == '\0' && !nul_reported) {
			problem_add(c->problems, c->path, lineno + 1,
				    "file contains NUL bytes (binary data?)");
			nul_reported = true;
		}
		_cleanup_free_ char *l = xstrndup(text + pos, end - pos);
		if (end < len && text[end] == '\r' && end + 1 < len && text[end + 1] == '\n')
			end++;
		pos = end + 1;
		lineno++;

		const char *first = l + strspn(l, WHITESPACE);
		if (*first == '#' || *first == ';')
			continue;

		size_t ll = strlen(l);
		if (cont) {
			cont = xrealloc(cont, cont_len + ll + 1);
			memcpy(cont + cont_len, l, ll + 1);
			cont_len += ll;
		} else {
			cont = xstrdup(l);
			cont_len = ll;
			cont_line = lineno;
		}
		if (ends_escaped(cont)) {
			cont[cont_len - 1] = ' ';
			continue;
		}
		int e = parse_logical_line(c, cont, cont_line);
		free(cont);
		cont = NULL;
		if (e < 0)
			return;
	}
	if (cont) {
		(void)parse_logical_line(c, cont, cont_line);
		free(cont);
	}
}

/* Returns the line of a fatal setting (systemd stopped reading there), or 0. */
static unsigned parse_file(const char *unit_name, const char *path, bool dropin,
			   const char *const *sections, const char *text, size_t len,
			   unit_assignment_fn fn, void *userdata, struct dl_problem_list *problems)
{
	struct parse_ctx c = {
		.unit_name = unit_name,
		.path = path,
		.dropin = dropin,
		.sections = sections,
		.fn = fn,
		.userdata = userdata,
		.problems = problems,
	};
	unit_text_parse(&c, text, len);
	free(c.section_buf);
	return c.fatal_line;
}

/* ------------------------------------------------------- finding files */

enum entry_state { ENTRY_ABSENT, ENTRY_MASKED, ENTRY_FILE, ENTRY_DANGLING, ENTRY_BROKEN };

/* What dir/name is: absent, a mask, a regular file, a dangling symlink (not
 * reported), or broken (reported). A mask is a symlink whose target is "/dev/null" (systemd
 * unit_file_build_name_map(); the fixture may have no /dev/null), or a file
 * that is empty or a device node (null_or_empty()). */
static enum entry_state unit_entry_probe(const struct rootfs *r, const char *dir, const char *name,
					 const char *what, char **resolved,
					 struct dl_problem_list *problems)
{
	_cleanup_free_ char *path = rootfs_join(dir, name);
	_cleanup_free_ char *dir_resolved = NULL;
	struct stat st;

	if (resolved)
		*resolved = NULL;
	int dfd = rootfs_resolve(r, dir, &dir_resolved);
	if (dfd == -ENOENT)
		return ENTRY_ABSENT;
	if (dfd < 0) {
		problem_add(problems, dir, 0, "cannot read directory: %s", rootfs_strerror(dfd));
		return ENTRY_BROKEN;
	}
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		int e = errno;
		close(dfd);
		if (e == ENOENT)
			return ENTRY_ABSENT;
		problem_add(problems, e == ENOTDIR ? dir : path, 0, "cannot read %s: %s", what,
			    e == ENOTDIR ? "not a directory" : rootfs_strerror(-e));
		return ENTRY_BROKEN;
	}
	if (S_ISLNK(st.st_mode)) {
		char target[PATH_MAX];
		ssize_t n = readlinkat(dfd, name, target, sizeof(target) - 1);
		if (n >= 0) {
			target[n] = '\0';
			_cleanup_free_ char *norm = path_lexical(dir_resolved, target);
			if (!strcmp(norm, "/dev/null")) {
				close(dfd);
				return ENTRY_MASKED;
			}
		}
	}
	close(dfd);

	int fd = rootfs_resolve(r, path, resolved);
	if (fd < 0) {
		if (fd == -ENOENT)
			return ENTRY_DANGLING;
		problem_add(problems, path, 0, "cannot read %s: %s", what, rootfs_strerror(fd));
		return ENTRY_BROKEN;
	}
	int e = fstat(fd, &st) < 0 ? -errno : 0;
	close(fd);
	if (e < 0) {
		problem_add(problems, path, 0, "cannot read %s: %s", what, rootfs_strerror(e));
		return ENTRY_BROKEN;
	}
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) || (S_ISREG(st.st_mode) && st.st_size == 0))
		return ENTRY_MASKED;
	if (!S_ISREG(st.st_mode)) {
		problem_add(problems, path, 0, "cannot read %s: %s", what,
			    rootfs_strerror(S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL));
		return ENTRY_BROKEN;
	}
	return ENTRY_FILE;
}

/* Read a file found by unit_entry_probe(); 1 when it was read, 0 when it
 * turned out empty (a mask), -errno when unreadable (reported). */
static int unit_entry_read(const struct rootfs *r, const char *path, const char *what, char **buf,
			   size_t *len, struct dl_problem_list *problems)
{
	int e = rootfs_read_file(r, path, ROOTFS_MAX_FILE, buf, len);
	if (e < 0) {
		problem_add(problems, path, 0, "cannot read %s: %s", what, rootfs_strerror(e));
		return e;
	}
	if (*len == 0) {
		free(*buf);
		*buf = NULL;
		return 0;
	}
	return 1;
}

struct dropin_candidate {
	char *name;
	char *path;
};

static int cmp_candidate(const void *a, const void *b)
{
	return strcmp(((const struct dropin_candidate *)a)->name,
		      ((const struct dropin_candidate *)b)->name);
}

/* Collect the drop-ins of name from one directory, first-found wins by file
 * name (systemd conf_files_list_strv(), called with no flags from
 * unit_file_find_dropin_paths()). Returns false when the bound was hit. */
static bool dropins_collect(const struct rootfs *r, const char *dir, struct dropin_candidate **v,
			    size_t *n, struct dl_problem_list *problems)
{
	char **names = NULL;
	size_t count = 0;
	int e = rootfs_list_dir(r, dir, &names, &count);
	if (e == -ENOENT)
		return true;
	if (e < 0) {
		problem_add(problems, dir, 0, "cannot read drop-in directory: %s", rootfs_strerror(e));
		return true;
	}
	bool ok = true;
	for (size_t i = 0; i < count && ok; i++) {
		/* Hidden files are skipped; only "*.conf" counts. */
		if (names[i][0] == '.' || !str_endswith(names[i], ".conf"))
			continue;
		bool seen = false;
		for (size_t k = 0; k < *n && !seen; k++)
			seen = !strcmp((*v)[k].name, names[i]);
		if (seen)
			continue;
		if (*n >= SYSTEMD_MAX_DROPINS) {
			problem_add(problems, dir, 0,
				    "more than %d drop-ins: the rest are not read",
				    SYSTEMD_MAX_DROPINS);
			ok = false;
			break;
		}
		*v = xrealloc(*v, (*n + 1) * sizeof(**v));
		(*v)[*n].name = xstrdup(names[i]);
		(*v)[*n].path = rootfs_join(dir, names[i]);
		(*n)++;
	}
	rootfs_free_names(names, count);
	return ok;
}

static bool dir_is_unit_dir(const char *dir)
{
	for (size_t i = 0; i < systemd_unit_dirs_count; i++)
		if (!strcmp(dir, systemd_unit_dirs[i]))
			return true;
	return false;
}

/* The unit file is an alias when it is a symlink to a differently named
 * unit file inside the search path (unit_file_build_name_map()); that
 * name's drop-ins apply too. */
static char *unit_alias_name(const char *name, const char *resolved)
{
	if (!resolved)
		return NULL;
	const char *slash = strrchr(resolved, '/');
	if (!slash || !strcmp(slash + 1, name))
		return NULL;
	_cleanup_free_ char *dir = xstrndup(resolved, (size_t)(slash - resolved));
	const char *suffix = strrchr(name, '.');
	if (!dir_is_unit_dir(dir) || !suffix || !unit_name_is_plain(slash + 1, suffix))
		return NULL;
	return xstrdup(slash + 1);
}

/* When the unit is in both /usr/lib/systemd/system and /lib/systemd/system
 * as different files, which one wins depends on how systemd was built
 * (rootprefix, split-usr): report it. */
static void check_usr_split(const struct rootfs *r, const char *name, const char *found_dir,
			    struct dl_problem_list *problems)
{
	if (strcmp(found_dir, "/usr/lib/systemd/system") && strcmp(found_dir, "/lib/systemd/system"))
		return;
	_cleanup_free_ char *a = rootfs_join("/usr/lib/systemd/system", name);
	_cleanup_free_ char *b = rootfs_join("/lib/systemd/system", name);
	struct stat sa, sb;
	if (rootfs_stat(r, a, &sa) < 0 || rootfs_stat(r, b, &sb) < 0)
		return;
	if (sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino)
		return;
	problem_add(problems, b, 0,
		    "%s exists in both /usr/lib/systemd/system and /lib/systemd/system as different "
		    "files; which one systemd uses depends on its build (split /usr)",
		    name);
}

/* A unit file on the search path that exists but cannot be read (reported
 * by the caller): the first one decides the status. */
static void unit_file_unreadable(struct unit_files *out, const char *path)
{
	read_fact_add(&out->files, path, READ_UNREADABLE);
	if (out->status == READ_ABSENT) {
		out->status = READ_UNREADABLE;
		out->status_path = xstrdup(path);
	}
}

void unit_files_clear(struct unit_files *u)
{
	free(u->unit_path);
	free(u->bad_path);
	free(u->status_path);
	read_fact_list_clear(&u->files);
	strv_free(u->dropins, u->ndropins);
	memset(u, 0, sizeof(*u));
}

int unit_files_load(struct unit_files *out, const struct rootfs *r, const char *name,
		    const char *const *sections, unit_assignment_fn fn, void *userdata,
		    struct dl_problem_list *problems)
{
	memset(out, 0, sizeof(*out));
	const char *dot = strrchr(name, '.');
	if (!dot || !unit_name_is_plain(name, dot))
		return -EINVAL;

	/* The unit file: the first directory on the path that has the name. */
	_cleanup_free_ char *text = NULL, *resolved = NULL, *alias = NULL;
	size_t len = 0;
	for (size_t i = 0; i < systemd_unit_dirs_count && !out->found; i++) {
		const char *dir = systemd_unit_dirs[i];
		_cleanup_free_ char *path = rootfs_join(dir, name);
		free(resolved);
		resolved = NULL;
		switch (unit_entry_probe(r, dir, name, "unit file", &resolved, problems)) {
		case ENTRY_ABSENT:
			continue;
		case ENTRY_DANGLING:
			/* systemd maps the name to the missing target and fails
			 * to load the unit (unit_file_build_name_map() takes the
			 * first directory only). */
			problem_add(problems, path, 0,
				    "unit file is a dangling symlink: systemd cannot load %s; "
				    "lower-priority copies are read too (fail closed)", name);
			unit_file_unreadable(out, path);
			continue;
		case ENTRY_BROKEN:
			/* systemd would fail to load the unit; fail closed by
			 * also reading the lower-priority copies. */
			unit_file_unreadable(out, path);
			continue;
		case ENTRY_MASKED:
			read_fact_add(&out->files, path, READ_OK);
			if (out->status == READ_ABSENT)
				out->status = READ_OK;
			out->found = out->masked = true;
			out->unit_path = xstrdup(path);
			return 0;
		case ENTRY_FILE:
			break;
		}
		int e = unit_entry_read(r, path, "unit file", &text, &len, problems);
		if (e < 0) {
			unit_file_unreadable(out, path);
			continue;
		}
		read_fact_add(&out->files, path, READ_OK);
		if (out->status == READ_ABSENT)
			out->status = READ_OK;
		out->found = true;
		out->unit_path = xstrdup(path);
		if (e == 0) {
			out->masked = true;
			return 0;
		}
		check_usr_split(r, name, dir, problems);
	}
	if (!out->found)
		return 0;
	alias = unit_alias_name(name, resolved);
	unsigned fatal = parse_file(name, out->unit_path, false, sections, text, len, fn, userdata,
				    problems);
	if (fatal) {
		/* load-fragment.c unit_load_fragment(): config_parse() failed with
		 * -ENOEXEC, "Unit configuration has fatal error, unit will not be
		 * started"; the drop-ins cannot repair it. */
		out->bad_setting = true;
		if (out->status == READ_OK)
			out->status = READ_REFUSED;
		out->bad_path = xstrdup(out->unit_path);
		out->bad_line = fatal;
	}

	/* Drop-in directories in systemd's order: NAME.d in every search
	 * directory, then an alias's, then the type-level TYPE.d ("service.d",
	 * systemd >= 246), so a same-named file in NAME.d anywhere hides the
	 * type-level one. */
	struct dropin_candidate *cand = NULL;
	size_t ncand = 0;
	bool more = true;
	const char *names[3] = { name, alias, dot + 1 };
	for (size_t k = 0; k < 3 && more; k++) {
		if (!names[k])
			continue;
		for (size_t i = 0; i < systemd_unit_dirs_count && more; i++) {
			_cleanup_free_ char *d = xasprintf("%s/%s.d", systemd_unit_dirs[i], names[k]);
			more = dropins_collect(r, d, &cand, &ncand, problems);
		}
	}
	if (ncand)
		qsort(cand, ncand, sizeof(*cand), cmp_candidate);

	for (size_t i = 0; i < ncand; i++) {
		const char *path = cand[i].path;
		_cleanup_free_ char *dir = xstrndup(path, (size_t)(strrchr(path, '/') - path));
		_cleanup_free_ char *buf = NULL;
		size_t blen = 0;
		/* A masked drop-in only hides lower ones. A dangling one does
		 * too: systemd skips a drop-in that fails to open with ENOENT. */
		enum entry_state st = unit_entry_probe(r, dir, cand[i].name, "drop-in", NULL, problems);
		if (st == ENTRY_BROKEN)
			read_fact_add(&out->files, path, READ_UNREADABLE);
		else if (st == ENTRY_MASKED)
			read_fact_add(&out->files, path, READ_OK);
		if (st != ENTRY_FILE)
			continue;
		int e = unit_entry_read(r, path, "drop-in", &buf, &blen, problems);
		read_fact_add(&out->files, path, e < 0 ? READ_UNREADABLE : READ_OK);
		if (e <= 0)
			continue;
		strv_push(&out->dropins, &out->ndropins, path);
		/* dropin.c unit_load_dropin() ignores config_parse()'s error:
		 * the unit still loads, without the rest of this drop-in
		 * (verified on systemd 252); the callback reported the line. */
		(void)parse_file(name, path, true, sections, buf, blen, fn, userdata, problems);
	}
	for (size_t i = 0; i < ncand; i++) {
		free(cand[i].name);
		free(cand[i].path);
	}
	free(cand);
	return 0;
}

/* ------------------------------------------------- Environment= words */

/* Next whitespace-separated word of an Environment= value, with quotes
 * removed and C escapes decoded anywhere in the word (systemd
 * extract_first_word() with EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE, as used by
 * config_parse_environ()). Returns 1 with *word, 0 at the end, -EINVAL for
 * an unbalanced quote or a bad escape. */
static int environ_word_next(const char **p, char **word)
{
	const char *s = *p;
	*word = NULL;
	s += strspn(s, WHITESPACE);
	if (!*s) {
		*p = s;
		return 0;
	}
	char *w = xmalloc(strlen(s) * 4 + 1);
	size_t o = 0;
	char quote = 0;
	for (;;) {
		char c = *s;
		if (!c) {
			if (quote) {
				free(w);
				return -EINVAL;
			}
			break;
		}
		if (c == '\\') {
			size_t dl = 0;
			if (!s[1]) {
				free(w);
				return -EINVAL;
			}
			/* \u and \U must be Unicode scalar values here, unlike
			 * systemd 252 cunescape_one() (which checks \U only,
			 * against unichar_is_valid()): kept as this reader
			 * always behaved. */
			int n = text_cunescape_one(s + 1, w + o, &dl, TEXT_CUNESCAPE_SCALAR);
			if (n < 0) {
				free(w);
				return -EINVAL;
			}
			o += dl;
			s += 1 + n;
			continue;
		}
		if (quote) {
			if (c == quote)
				quote = 0;
			else
				w[o++] = c;
			s++;
			continue;
		}
		if (c == '"' || c == '\'') {
			quote = c;
			s++;
			continue;
		}
		if (strchr(WHITESPACE, c))
			break;
		w[o++] = c;
		s++;
	}
	w[o] = '\0';
	*p = s;
	*word = w;
	return 1;
}

/* systemd env-util.c env_name_is_valid() (bash's character set) and
 * env_value_is_valid() (UTF-8, no control characters but tab and newline). */
static bool env_assignment_valid(const char *a)
{
	const char *eq = strchr(a, '=');
	if (!eq || eq == a || (a[0] >= '0' && a[0] <= '9'))
		return false;
	for (const char *p = a; p < eq; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	/* Scalar values, non-characters allowed, as at parse_logical_line(). */
	if (!text_utf8_is_valid(eq + 1, strlen(eq + 1), TEXT_UTF8_SCALAR))
		return false;
	for (const char *p = eq + 1; *p; p++)
		if (text_is_control(*p) && *p != '\t' && *p != '\n')
			return false;
	return true;
}

/* ------------------------------------------------------- [Service] keys */

static const char *const service_sections[] = { "Unit", "Service", "Install", NULL };

static void where_set(struct dl_evidence *w, const struct unit_assignment *a)
{
	evidence_set(w, a->dropin ? SRC_SYSTEMD_DROPIN : SRC_SYSTEMD_UNIT, a->path, a->line,
		     a->text);
}

static void exec_start_clear(struct systemd_service *s)
{
	for (size_t i = 0; i < s->nexec_start; i++) {
		free(s->exec_start[i].value);
		evidence_clear(&s->exec_start[i].where);
	}
	free(s->exec_start);
	s->exec_start = NULL;
	s->nexec_start = 0;
}

static void env_files_clear(struct systemd_service *s)
{
	for (size_t i = 0; i < s->nenv_files; i++) {
		free(s->env_files[i].path);
		evidence_clear(&s->env_files[i].where);
	}
	free(s->env_files);
	s->env_files = NULL;
	s->nenv_files = 0;
}

static void service_environment_set(struct systemd_service *s, const struct unit_assignment *a,
				    struct dl_problem_list *problems)
{
	/* An empty Environment= resets the list (load-fragment.c
	 * config_parse_environ()). */
	if (!*a->value) {
		env_clear(&s->environment);
		return;
	}
	struct dl_evidence where = { 0 };
	where_set(&where, a);
	const char *p = a->value;
	for (;;) {
		_cleanup_free_ char *word = NULL, *expanded = NULL;
		int e = environ_word_next(&p, &word);
		if (e == 0)
			break;
		if (e < 0) {
			/* Assignments before the bad word were already applied. */
			warning_add(problems, a->path, a->line,
				    "invalid quoting or escape in Environment=: systemd ignores the "
				    "rest of this line: %s", a->text);
			break;
		}
		if (specifiers_expand_host(&expanded, a->unit_name, &s->host, &s->host_used, word,
					   a->path, a->line, problems) < 0)
			continue;
		if (!env_assignment_valid(expanded)) {
			warning_add(problems, a->path, a->line,
				    "invalid environment assignment, systemd ignores it: %s", expanded);
			continue;
		}
		char *eq = strchr(expanded, '=');
		*eq = '\0';
		env_set(&s->environment, expanded, eq + 1, &where);
	}
	evidence_clear(&where);
}

static bool service_type_valid(const char *t)
{
	static const char *const types[] = { "simple", "exec", "forking", "oneshot", "dbus",
					     "notify", "notify-reload", "idle", NULL };
	for (const char *const *x = types; *x; x++)
		if (!strcmp(*x, t))
			return true;
	return false;
}

/* sd-bus service_name_is_valid() for a well-known name (BusName= takes no
 * unique ":1.N" name in practice): at least two dot-separated elements of
 * [A-Za-z0-9_-], none empty or starting with a digit, 255 bytes at most. */
static bool bus_name_is_valid(const char *p)
{
	size_t n = strlen(p), elements = 1;
	bool start = true;
	if (n == 0 || n > 255)
		return false;
	for (; *p; p++) {
		char c = *p;
		if (c == '.') {
			if (start)
				return false;
			elements++;
			start = true;
			continue;
		}
		bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
		bool digit = c >= '0' && c <= '9';
		if (!alpha && !(digit && !start))
			return false;
		start = false;
	}
	return !start && elements >= 2;
}

/* config_parse_unset_environ(): words (quotes and C escapes decoded),
 * specifiers resolved; each a variable name or a NAME=VALUE assignment,
 * others ignored with a warning; an empty value resets the list. */
static void service_unset_environment_set(struct systemd_service *s,
					  const struct unit_assignment *a,
					  struct dl_problem_list *problems)
{
	if (!*a->value) {
		strv_free(s->unset_environment, s->nunset_environment);
		s->unset_environment = NULL;
		s->nunset_environment = 0;
		return;
	}
	const char *p = a->value;
	for (;;) {
		_cleanup_free_ char *word = NULL, *expanded = NULL;
		int e = environ_word_next(&p, &word);
		if (e == 0)
			break;
		if (e < 0) {
			warning_add(problems, a->path, a->line,
				    "invalid quoting or escape in UnsetEnvironment=: systemd ignores "
				    "the rest of this line: %s", a->text);
			break;
		}
		if (unit_specifiers_expand(&expanded, a->unit_name, word, a->path, a->line,
					   problems) < 0)
			continue;
		_cleanup_free_ char *probe = strchr(expanded, '=') ? xstrdup(expanded)
								   : xasprintf("%s=", expanded);
		if (!env_assignment_valid(probe)) {
			warning_add(problems, a->path, a->line,
				    "invalid variable name or assignment, systemd ignores it in "
				    "UnsetEnvironment=: %s", expanded);
			continue;
		}
		strv_push(&s->unset_environment, &s->nunset_environment, expanded);
	}
}

static int service_assignment(const struct unit_assignment *a, void *userdata,
			      struct dl_problem_list *problems)
{
	struct systemd_service *s = userdata;
	if (strcmp(a->section, "Service"))
		return 0;

	if (!strcmp(a->key, "ExecStart")) {
		/* An empty value resets the list (systemd.service(5)). */
		if (!*a->value) {
			exec_start_clear(s);
			return 0;
		}
		/* config_parse_exec() decides at load time: a line it cannot
		 * use is either ignored (nothing appended, so it does not count
		 * toward "more than one ExecStart=") or fatal (-ENOEXEC). The
		 * environment plays no part yet. */
		struct word_list words = { 0 };
		struct exec_line_info info = { 0 };
		int r = exec_line_split_full(&words, &info, a->value, a->unit_name, NULL, NULL);
		size_t ncommands = info.ncommands;
		word_list_clear(&words);
		if (r == -EINVAL) {
			/* A line systemd ignores is a warning; a fatal one in a
			 * drop-in loses only the rest of that drop-in, which is
			 * exactly known: a warning too, without the unit-level
			 * consequence. */
			bool ignored = info.fault == EXEC_LINE_IGNORED;
			_cleanup_free_ char *why = ignored || !a->dropin ? exec_line_error_text(&info)
									 : exec_line_reason_text(&info);
			exec_line_info_clear(&info);
			if (ignored) {
				warning_add(problems, a->path, a->line, "%s: %s", why, a->text);
				return 0;
			}
			if (a->dropin)
				warning_add(problems, a->path, a->line, "%s: " FATAL_IN_DROPIN ": %s", why,
					    a->text);
			else
				problem_add(problems, a->path, a->line, "%s: %s", why, a->text);
			return -ENOEXEC;
		}
		exec_line_info_clear(&info);
		if (r == 0 && ncommands == 0)
			return 0; /* only ";" separators: nothing appended */
		s->exec_start = xrealloc(s->exec_start, (s->nexec_start + 1) * sizeof(*s->exec_start));
		struct exec_entry *x = &s->exec_start[s->nexec_start++];
		memset(x, 0, sizeof(*x));
		x->value = xstrdup(a->value);
		x->ncommands = ncommands ? ncommands : 1; /* -E2BIG: reported at launch */
		where_set(&x->where, a);
	} else if (!strcmp(a->key, "Type")) {
		/* An empty or unknown Type= is ignored (DEFINE_CONFIG_PARSE_ENUM). */
		if (!service_type_valid(a->value)) {
			warning_add(problems, a->path, a->line,
				    "empty or unknown service type, systemd ignores this Type=: %s", a->text);
			return 0;
		}
		free(s->type);
		s->type = xstrdup(a->value);
	} else if (!strcmp(a->key, "Environment")) {
		service_environment_set(s, a, problems);
	} else if (!strcmp(a->key, "UnsetEnvironment")) {
		service_unset_environment_set(s, a, problems);
	} else if (!strcmp(a->key, "BusName")) {
		/* config_parse_bus_name(): empty resets; an invalid name is
		 * ignored with a warning. */
		_cleanup_free_ char *v = NULL;
		if (!*a->value) {
			free(s->bus_name);
			s->bus_name = NULL;
			return 0;
		}
		if (unit_specifiers_expand(&v, a->unit_name, a->value, a->path, a->line, problems) < 0)
			return 0;
		if (!bus_name_is_valid(v)) {
			warning_add(problems, a->path, a->line,
				    "invalid D-Bus name, systemd ignores this BusName=: %s", a->text);
			return 0;
		}
		free(s->bus_name);
		s->bus_name = xstrdup(v);
	} else if (!strcmp(a->key, "EnvironmentFile")) {
		/* config_parse_unit_env_file(): empty resets; specifiers are
		 * expanded; the path (after an optional "-") must be absolute. */
		if (!*a->value) {
			env_files_clear(s);
			return 0;
		}
		_cleanup_free_ char *v = NULL;
		if (unit_specifiers_expand(&v, a->unit_name, a->value, a->path, a->line, problems) < 0)
			return 0;
		bool optional = v[0] == '-';
		const char *path = v + optional;
		if (path[0] != '/') {
			warning_add(problems, a->path, a->line,
				    "EnvironmentFile= path is not absolute, systemd ignores it: %s",
				    a->text);
			return 0;
		}
		s->env_files = xrealloc(s->env_files, (s->nenv_files + 1) * sizeof(*s->env_files));
		struct env_file_ref *f = &s->env_files[s->nenv_files++];
		memset(f, 0, sizeof(*f));
		f->path = xstrdup(path);
		f->optional = optional;
		where_set(&f->where, a);
	} else if (!strcmp(a->key, "WorkingDirectory")) {
		/* config_parse_working_directory(): empty resets, "-" makes a
		 * missing directory fine, "~" is the user's home (root's). */
		if (!*a->value) {
			free(s->working_directory);
			s->working_directory = NULL;
			return 0;
		}
		/* Without "-", an unresolvable or relative path is fatal
		 * (-ENOEXEC: the unit is refused; verified on systemd 252). */
		_cleanup_free_ char *v = NULL;
		bool missing_ok = a->value[0] == '-';
		if (unit_specifiers_expand(&v, a->unit_name, a->value, a->path, a->line, problems) < 0)
			return missing_ok ? 0 : -ENOEXEC;
		const char *d = v + (v[0] == '-');
		if (!strcmp(d, "~"))
			d = "/root";
		if (d[0] != '/') {
			if (!missing_ok) {
				if (a->dropin)
					warning_add(problems, a->path, a->line,
						    "WorkingDirectory= is not absolute: " FATAL_IN_DROPIN
						    ": %s", a->text);
				else
					problem_add(problems, a->path, a->line,
						    "WorkingDirectory= is not absolute: systemd refuses "
						    "to load the unit (bad-setting): %s", a->text);
				return -ENOEXEC;
			}
			warning_add(problems, a->path, a->line,
				    "WorkingDirectory= is not absolute, systemd ignores it: %s", a->text);
			return 0;
		}
		free(s->working_directory);
		s->working_directory = xstrdup(d);
	} else if (!strcmp(a->key, "Sockets")) {
		/* config_parse_service_sockets(): socket unit names; others are
		 * ignored with a warning. */
		const char *p = a->value;
		for (;;) {
			_cleanup_free_ char *word = NULL, *name = NULL;
			int e = environ_word_next(&p, &word);
			if (e <= 0) {
				if (e < 0)
					problem_add(problems, a->path, a->line,
						    "invalid quoting in Sockets=: %s", a->text);
				break;
			}
			if (unit_specifiers_expand(&name, a->unit_name, word, a->path, a->line,
						   problems) < 0)
				continue;
			if (!unit_name_is_plain(name, ".socket")) {
				warning_add(problems, a->path, a->line,
					    "not a socket unit name, systemd ignores it in Sockets=: %s",
					    name);
				continue;
			}
			bool dup = false;
			for (size_t i = 0; i < s->nsockets && !dup; i++)
				dup = !strcmp(s->sockets[i], name);
			if (!dup)
				strv_push(&s->sockets, &s->nsockets, name);
		}
	}
	return 0;
}

void systemd_service_clear(struct systemd_service *s)
{
	free(s->unit_path);
	free(s->status_path);
	read_fact_list_clear(&s->files);
	strv_free(s->dropins, s->ndropins);
	free(s->type);
	free(s->bus_name);
	systemd_host_clear(&s->host);
	evidence_clear(&s->bad_setting_where);
	strv_free(s->unset_environment, s->nunset_environment);
	exec_start_clear(s);
	env_clear(&s->environment);
	env_files_clear(s);
	free(s->working_directory);
	strv_free(s->sockets, s->nsockets);
	memset(s, 0, sizeof(*s));
}

int systemd_service_load(struct systemd_service *out, const struct rootfs *r, const char *name,
			 struct dl_problem_list *problems)
{
	struct unit_files u;
	memset(out, 0, sizeof(*out));
	systemd_host_load(&out->host, r);
	int e = unit_files_load(&u, r, name, service_sections, service_assignment, out, problems);
	if (e < 0)
		return e;
	out->found = u.found;
	out->masked = u.masked;
	out->unit_path = u.unit_path;
	out->status = u.status;
	out->status_path = u.status_path;
	out->files = u.files;
	out->dropins = u.dropins;
	out->ndropins = u.ndropins;
	if (u.bad_setting) {
		out->bad_setting = true;
		evidence_set(&out->bad_setting_where, SRC_SYSTEMD_UNIT, u.bad_path, u.bad_line, NULL);
	}
	free(u.bad_path);
	return 0;
}

/* ------------------------------------------------ the service environment */

static bool has_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

/* Read one environment file into out and record its status in files (if
 * not NULL). Returns 0, or -errno (reported). */
static int environment_file_read(struct env *out, const struct rootfs *r, const char *unit_name,
				 const char *path, const struct env_file_ref *f, bool missing_ok,
				 struct read_fact_list *files, struct dl_problem_list *problems)
{
	_cleanup_free_ char *buf = NULL;
	size_t len = 0;
	int e = rootfs_read_file(r, path, ROOTFS_MAX_FILE, &buf, &len);
	enum read_status status = read_status_from_errno(e);
	if (e == -EINVAL) {
		/* A link to the /dev/null device reads as empty for systemd. */
		_cleanup_free_ char *resolved = NULL;
		int fd = rootfs_resolve(r, path, &resolved);
		if (fd >= 0)
			close(fd);
		if (resolved && !strcmp(resolved, "/dev/null")) {
			if (files)
				read_fact_add(files, path, READ_OK);
			return 0;
		}
	}
	if (files)
		read_fact_add(files, path, status);
	if (e == -ENOENT && missing_ok)
		return 0;
	if (e == -ENOENT) {
		problem_add(problems, f->where.path, f->where.line,
			    "systemd refuses to start %s: EnvironmentFile %s not found", unit_name,
			    path);
		return e;
	}
	if (e < 0) {
		/* systemd skips an unreadable optional file, but we cannot
		 * know what it holds (it may just be over our read bound). */
		problem_add(problems, path, 0, "cannot read environment file%s: %s",
			    f->optional ? "" : " (systemd refuses to start the service)",
			    rootfs_strerror(e));
		return e;
	}
	e = env_file_parse_n(out, path, buf, len, problems);
	if (e == -EBADMSG && files)
		files->items[files->count - 1].status = READ_REFUSED;
	if (e == -EBADMSG && !f->optional)
		problem_add(problems, f->where.path, f->where.line,
			    "systemd refuses to start %s: it cannot load EnvironmentFile %s", unit_name,
			    path);
	return e;
}

bool systemd_service_environment(struct env *out, const struct rootfs *r,
				 const struct systemd_service *s, struct read_fact_list *files,
				 struct dl_problem_list *problems)
{
	const char *unit_name = s->unit_path ? strrchr(s->unit_path, '/') + 1 : "the service";
	bool refused = false;

	for (size_t i = 0; i < s->environment.count; i++) {
		const struct env_var *v = &s->environment.items[i];
		env_set(out, v->name, v->value, &v->where);
	}
	/* systemd exec_context_load_environment(): each EnvironmentFile= is a
	 * glob; every match is read in glob order; later files win. */
	for (size_t i = 0; i < s->nenv_files; i++) {
		const struct env_file_ref *f = &s->env_files[i];
		const char *slash = strrchr(f->path, '/');
		if (!has_glob(f->path)) {
			if (environment_file_read(out, r, unit_name, f->path, f, f->optional, files,
						  problems) < 0 && !f->optional)
				refused = true;
			continue;
		}
		_cleanup_free_ char *dir = xstrndup(f->path, (size_t)(slash - f->path));
		if (has_glob(dir)) {
			problem_add(problems, f->where.path, f->where.line,
				    "EnvironmentFile= glob outside the last path component is not "
				    "followed by this probe: %s", f->path);
			continue;
		}
		char **names = NULL;
		size_t count = 0, matched = 0;
		int e = rootfs_list_dir(r, dir[0] ? dir : "/", &names, &count);
		if (e < 0 && e != -ENOENT)
			problem_add(problems, dir, 0, "cannot read directory: %s", rootfs_strerror(e));
		for (size_t k = 0; k < count; k++) {
			/* glob(3) without GLOB_PERIOD: wildcards skip dot files. */
			if (fnmatch(slash + 1, names[k], FNM_PERIOD) != 0)
				continue;
			matched++;
			_cleanup_free_ char *p = rootfs_join(dir[0] ? dir : "/", names[k]);
			if (environment_file_read(out, r, unit_name, p, f, f->optional, files,
						  problems) < 0 &&
			    !f->optional)
				refused = true;
		}
		rootfs_free_names(names, count);
		if (!matched && !f->optional && e != -E2BIG) {
			problem_add(problems, f->where.path, f->where.line,
				    "systemd refuses to start %s: EnvironmentFile %s not found",
				    unit_name, f->path);
			refused = true;
		}
	}
	/* execute.c exec_child(): UnsetEnvironment= is applied to the
	 * assembled environment (strv_env_delete() with env_match()) before
	 * the command line is expanded, so a removed variable expands to
	 * nothing (verified on systemd 252). */
	for (size_t u = 0; u < s->nunset_environment; u++) {
		const char *pat = s->unset_environment[u];
		const char *eq = strchr(pat, '=');
		size_t nl = eq ? (size_t)(eq - pat) : strlen(pat);
		size_t k = 0;
		for (size_t i = 0; i < out->count; i++) {
			struct env_var *v = &out->items[i];
			bool match = strlen(v->name) == nl && !memcmp(v->name, pat, nl) &&
				     (!eq || !strcmp(v->value, eq + 1));
			if (match) {
				free(v->name);
				free(v->value);
				evidence_clear(&v->where);
				continue;
			}
			out->items[k++] = *v;
		}
		out->count = k;
	}
	return refused;
}

/* ------------------------------------------------------------ host facts */

void systemd_host_load(struct systemd_host *h, const struct rootfs *r)
{
	struct stat st;
	_cleanup_free_ char *buf = NULL;
	size_t len = 0;

	memset(h, 0, sizeof(*h));
	/* src/basic/user-util.c default_root_shell(): DEFAULT_USER_SHELL
	 * (Debian: /bin/bash) when it resolves in the root, else /bin/sh. */
	h->shell = rootfs_stat(r, "/bin/bash", &st) == 0 ? "/bin/bash" : "/bin/sh";
	/* src/shared/hostname-setup.c read_etc_hostname(): the first line
	 * that is not blank or a "#" comment, stripped; an invalid name is
	 * ignored. At boot PID 1 sets the kernel host name from it. */
	if (rootfs_read_file(r, "/etc/hostname", 4096, &buf, &len) < 0 || memchr(buf, 0, len))
		return;
	char *save = NULL;
	for (char *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		l = strstrip(l);
		if (!*l || *l == '#')
			continue;
		size_t n = strlen(l);
		if (n > 1 && l[n - 1] == '.')
			l[--n] = '\0';
		bool ok = n > 0 && n <= 64 && l[0] != '.' && l[0] != '-';
		for (const char *p = l; ok && *p; p++)
			ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			     (*p >= '0' && *p <= '9') || *p == '-' || (*p == '.' && p[1] != '.');
		if (ok)
			h->hostname = xstrdup(l);
		break;
	}
}

void systemd_host_clear(struct systemd_host *h)
{
	free(h->hostname);
	memset(h, 0, sizeof(*h));
}

static int exec_file_check(const struct rootfs *r, const char *path)
{
	struct stat st;
	int e = rootfs_stat(r, path, &st);
	if (e < 0)
		return e == -ENOTDIR ? -ENOENT : e;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	if (!S_ISREG(st.st_mode) || !(st.st_mode & 0111))
		return -EACCES;
	return 0;
}

int systemd_exec_check(const struct rootfs *r, const char *path)
{
	static const char *const search[] = { "/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
					      "/usr/bin", "/sbin", "/bin" };
	if (path[0] == '/')
		return exec_file_check(r, path);
	/* src/basic/path-util.c find_executable_full(): the first match that
	 * is executable; a name found but not executable is skipped. */
	int last = -ENOENT;
	for (size_t i = 0; i < sizeof(search) / sizeof(*search); i++) {
		_cleanup_free_ char *p = rootfs_join(search[i], path);
		int e = exec_file_check(r, p);
		if (e == 0)
			return 0;
		if (e != -ENOENT)
			last = e;
	}
	return last;
}
