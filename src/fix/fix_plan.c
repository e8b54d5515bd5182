/* Planning the fix: one edit per piece of evidence that produced a TCP API
 * listener (docs/fix.md). Every source is read again by the module that the
 * scan uses for it, asking it where the words are: exec_line_spans() for
 * ExecStart=, dockerd_args_parse() for which words are -H values,
 * daemon_json_load() for the byte spans of "hosts", systemd_sockets_load()
 * for ListenStream=. Nothing here parses a grammar of its own; the result is
 * then checked by scanning a copy with the edits applied (fix_apply.c). */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "read/daemon_json.h"
#include "dockerd-scap/fix.h"
#include "read/dockerd_args.h"
#include "read/launch.h"
#include "read/exec_line.h"
#include "fix/fix_internal.h"
#include "read/host_spec.h"
#include "read/init_env.h"
#include "base/alloc.h"
#include "base/evidence.h"
#include "base/problems.h"
#include "base/words.h"
#include "base/text.h"
#include "scan_result.h"
#include "base/rootfs.h"
#include "read/systemd_unit.h"
#define SERVICE "docker.service"

void fix_refuse(struct dl_fix_plan *p, const char *path, unsigned line, const char *fmt, ...)
{
	va_list ap;
	char msg[1024];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	char *s = !path ? xstrdup(msg)
		  : line ? xasprintf("%s:%u: %s", path, line, msg)
			 : xasprintf("%s: %s", path, msg);
	for (size_t i = 0; i < p->nrefusals; i++)
		if (!strcmp(p->refusals[i], s)) {
			free(s);
			return;
		}
	grow_array(&p->refusals, &p->refusals_cap, p->nrefusals + 1, sizeof(*p->refusals));
	p->refusals[p->nrefusals++] = s;
}

/* ------------------------------------------------------------ edits */

struct edit {
	size_t start, end;
	char *text;
};

struct pfile {
	char *path;      /* canonical in-root path */
	bool create;
	char *orig;
	size_t len;
	struct edit *edits;
	size_t nedits, cap;
	char *whole;     /* full new content (drop-ins) */
	char *why;
	bool socket;
	char *unit;      /* the socket unit a socket edit belongs to */
	bool mask;       /* replace with a symlink to /dev/null */
};

struct planner {
	struct rootfs r;
	struct dl_fix_plan *plan;
	struct pfile *files;
	size_t nfiles, cap;
	struct dl_problem_list scratch; /* problems of re-reads: the scan reported them */
	char *service_dropin;           /* [Service] lines for docker.service's drop-in */
	bool service_exec_reset;
};

/* Where a fix may edit in place: the administrator's files. Vendor units and
 * files (/lib, /usr: a package update would overwrite the edit) and runtime
 * ones (/run: regenerated at boot by generators), never. */
static bool editable(const char *path)
{
	static const char *const vendor[] = { "/usr/", "/lib/", "/lib32/", "/lib64/", "/libx32/",
					      "/run/", "/var/run/", "/proc/", "/sys/", "/dev/",
					      "/bin/", "/sbin/" };
	if (!path || path[0] != '/')
		return false;
	for (size_t i = 0; i < sizeof(vendor) / sizeof(*vendor); i++)
		if (str_startswith(path, vendor[i]))
			return false;
	return true;
}

static struct pfile *pfile_get(struct planner *pl, const char *path, unsigned line)
{
	_cleanup_free_ char *canon = NULL;
	int fd = rootfs_resolve(&pl->r, path, &canon);
	if (fd < 0) {
		fix_refuse(pl->plan, path, line, "cannot resolve: %s", rootfs_strerror(fd));
		return NULL;
	}
	close(fd);
	if (!editable(canon)) {
		fix_refuse(pl->plan, path, line,
			   "the file is %s, a vendor or runtime file: not edited", canon);
		return NULL;
	}
	for (size_t i = 0; i < pl->nfiles; i++)
		if (!strcmp(pl->files[i].path, canon))
			return &pl->files[i];
	char *buf = NULL;
	size_t len = 0;
	int e = rootfs_read_file(&pl->r, canon, ROOTFS_MAX_FILE, &buf, &len);
	if (e < 0) {
		fix_refuse(pl->plan, path, line, "cannot read: %s", rootfs_strerror(e));
		return NULL;
	}
	grow_array(&pl->files, &pl->cap, pl->nfiles + 1, sizeof(*pl->files));
	struct pfile *f = &pl->files[pl->nfiles++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(canon);
	f->orig = buf;
	f->len = len;
	return f;
}

static struct pfile *pfile_new(struct planner *pl, const char *path)
{
	for (size_t i = 0; i < pl->nfiles; i++)
		if (!strcmp(pl->files[i].path, path))
			return &pl->files[i];
	grow_array(&pl->files, &pl->cap, pl->nfiles + 1, sizeof(*pl->files));
	struct pfile *f = &pl->files[pl->nfiles++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	char *old = NULL;
	size_t len = 0;
	if (rootfs_read_file(&pl->r, path, ROOTFS_MAX_FILE, &old, &len) == 0) {
		/* Our own drop-in from an earlier run: replaced. */
		f->orig = old;
		f->len = len;
	} else {
		f->create = true;
	}
	return f;
}

static void pfile_why(struct pfile *f, const char *why)
{
	if (f->why && strstr(f->why, why))
		return;
	char *n = f->why ? xasprintf("%s; %s", f->why, why) : xstrdup(why);
	free(f->why);
	f->why = n;
}

static void pfile_edit(struct pfile *f, size_t start, size_t end, const char *text)
{
	for (size_t i = 0; i < f->nedits; i++)
		if (f->edits[i].start == start && f->edits[i].end == end &&
		    !strcmp(f->edits[i].text, text))
			return;
	grow_array(&f->edits, &f->cap, f->nedits + 1, sizeof(*f->edits));
	f->edits[f->nedits].start = start;
	f->edits[f->nedits].end = end;
	f->edits[f->nedits].text = xstrdup(text);
	f->nedits++;
}

static int edit_cmp(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start ? 1 : 0;
}

/* The byte range of line (1-based) in text: [*b, *e) without the newline. */
static bool line_span(const char *text, size_t len, unsigned line, size_t *b, size_t *e)
{
	size_t pos = 0;
	for (unsigned l = 1; l < line; l++) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		if (!nl)
			return false;
		pos = (size_t)(nl - text) + 1;
	}
	if (pos > len)
		return false;
	const char *nl = memchr(text + pos, '\n', len - pos);
	*b = pos;
	*e = nl ? (size_t)(nl - text) : len;
	return true;
}

/* -------------------------------------------------------- host values */

static bool host_is_tcp(const char *value)
{
	if (host_spec_is_blank(value))
		return false;
	struct host_spec h = { 0 };
	struct host_parse_opts o = { .cwd = "/", .default_unix = "/var/run/docker.sock" };
	host_spec_parse(&h, value, &o);
	bool tcp = h.kind == HOST_TCP;
	host_spec_clear(&h);
	return tcp;
}

/* Characters a rewritten value may hold: what needs no quoting in any of
 * the syntaxes it is written back into (sh, systemd environment files,
 * Environment=). Anything else is refused rather than escaped. */
static bool value_is_plain(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr(" _./:=,@+-[]", *s)))
			return false;
	return true;
}

/* Which words of argv are -H/--host words holding a TCP host: marks flag and
 * value words in remove[]. Returns the number of TCP hosts, or -1 when one
 * sits in a word that holds more than the host (a cluster of short flags
 * such as -DH): removing that word would drop another flag. */
static int mark_tcp_hosts(struct planner *pl, const struct word_list *words, bool *remove,
			  const char *path, unsigned line)
{
	struct dockerd_flags f = { 0 };
	int n = 0;
	dockerd_args_parse(&f, words, &pl->scratch);
	for (size_t i = 0; i < f.nhosts; i++) {
		const struct flag_value *h = &f.hosts[i];
		if (!h->value || !host_is_tcp(h->value))
			continue;
		if (h->flag_word >= words->count || h->value_word >= words->count) {
			n = -1;
			break;
		}
		const char *fw = words->items[h->flag_word].text;
		bool ok = h->flag_word == h->value_word
				  ? (str_startswith(fw, "-H") || str_startswith(fw, "--host="))
				  : (!strcmp(fw, "-H") || !strcmp(fw, "--host"));
		if (!ok) {
			fix_refuse(pl->plan, path, line,
				   "TCP host %s is given in the word \"%s\" together with other flags",
				   h->value, fw);
			n = -1;
			break;
		}
		remove[h->flag_word] = remove[h->value_word] = true;
		n++;
	}
	dockerd_flags_clear(&f);
	return n;
}

/* ------------------------------------------------------ assignments */

/* Rewrite the single-line assignment NAME=... at path:line (a systemd
 * environment file or a sourced shell file) to NAME="value". The line must
 * hold the whole assignment; the scan of the copy checks the result. */
static void rewrite_assignment(struct planner *pl, const char *path, unsigned line,
			       const char *name, const char *value, const char *why)
{
	if (!value_is_plain(value)) {
		fix_refuse(pl->plan, path, line,
			   "the new value of %s would need quoting: \"%s\"", name, value);
		return;
	}
	struct pfile *f = pfile_get(pl, path, line);
	if (!f)
		return;
	size_t b, e;
	if (!line_span(f->orig, f->len, line, &b, &e)) {
		fix_refuse(pl->plan, path, line, "line not found");
		return;
	}
	/* The assignment: optional blanks and "export ", then NAME=. */
	size_t p = b;
	while (p < e && (f->orig[p] == ' ' || f->orig[p] == '\t'))
		p++;
	if (e - p > 7 && !memcmp(f->orig + p, "export", 6) &&
	    (f->orig[p + 6] == ' ' || f->orig[p + 6] == '\t')) {
		p += 6;
		while (p < e && (f->orig[p] == ' ' || f->orig[p] == '\t'))
			p++;
	}
	size_t nl = strlen(name);
	if (e - p <= nl || memcmp(f->orig + p, name, nl) || f->orig[p + nl] != '=') {
		fix_refuse(pl->plan, path, line, "the assignment of %s does not start this line",
			   name);
		return;
	}
	/* A value continued on the next line would leave a stray line. */
	size_t end = e;
	while (end > p && (f->orig[end - 1] == ' ' || f->orig[end - 1] == '\t' ||
			   f->orig[end - 1] == '\r'))
		end--;
	if (end > p && f->orig[end - 1] == '\\') {
		fix_refuse(pl->plan, path, line, "the assignment of %s continues on the next line",
			   name);
		return;
	}
	_cleanup_free_ char *text = xasprintf("\"%s\"", value);
	pfile_edit(f, p + nl + 1, end, text);
	pfile_why(f, why);
}

static void service_dropin_add(struct planner *pl, const char *line)
{
	char *n = xasprintf("%s%s\n", pl->service_dropin ? pl->service_dropin : "", line);
	free(pl->service_dropin);
	pl->service_dropin = n;
}

/* A $VAR word of ExecStart= whose words include TCP hosts: set the variable
 * to its other words where it is defined. */
static void fix_variable(struct planner *pl, const struct env *env, const char *name,
			 const struct word_list *words, size_t first, size_t n,
			 const bool *remove, const struct exec_entry *e)
{
	const struct env_var *v = env_get(env, name);
	if (!v || !v->where.source) {
		fix_refuse(pl->plan, e->where.path, e->where.line,
			   "cannot tell where $%s is set", name);
		return;
	}
	char *value = xstrdup("");
	for (size_t i = first; i < first + n; i++) {
		if (remove[i])
			continue;
		const char *t = words->items[i].text;
		char *nv = *value ? xasprintf("%s %s", value, t) : xstrdup(t);
		free(value);
		value = nv;
	}
	_cleanup_free_ char *why = xasprintf("remove the TCP hosts from %s", name);
	if (!strcmp(v->where.source, SRC_ENV_FILE) || !strcmp(v->where.source, SRC_INIT_FILE)) {
		rewrite_assignment(pl, v->where.path, v->where.line, name, value, why);
	} else if (!value_is_plain(value) || strchr(value, '%') || strchr(value, '$')) {
		fix_refuse(pl->plan, v->where.path, v->where.line,
			   "the new value of %s would need quoting: \"%s\"", name, value);
	} else {
		/* Environment= in a unit or drop-in: a later Environment= in our
		 * drop-in wins (no EnvironmentFile= sets it: it would have won). */
		_cleanup_free_ char *l = xasprintf("Environment=\"%s=%s\"", name, value);
		service_dropin_add(pl, l);
	}
	free(value);
}

/* ------------------------------------------------------------ ExecStart= */

/* An ExecStart= entry over continuation lines, edited in place: the value
 * is rebuilt from the physical lines as the unit reader joins them (comment
 * lines skipped, a trailing backslash read as a blank), with the file offset
 * of every byte. Only when the rebuilt value equals the reader's value byte
 * for byte is the map trusted; each cut word (and the blanks before it on
 * its own line) is then removed from its line, and a continuation line left
 * with nothing but the backslash goes whole. Returns false (nothing planned)
 * when any of this does not hold: the caller writes a drop-in instead. */
static bool cut_multiline(struct pfile *f, unsigned line, const char *value,
			  const struct exec_line_span *sp, int ns, const bool *cut)
{
	size_t b, e;
	if (!line_span(f->orig, f->len, line, &b, &e))
		return false;
	const char *eq = memchr(f->orig + b, '=', e - b);
	if (!eq)
		return false;
	size_t cap = f->len + 1, n = 0;
	char *joined = xmalloc(cap);
	size_t *map = xmalloc(cap * sizeof(*map));
	size_t pos = (size_t)(eq - f->orig) + 1;
	bool first = true, ok = false;
	while (pos <= f->len) {
		size_t le = pos;
		while (le < f->len && f->orig[le] != '\n')
			le++;
		size_t ce = le > pos && f->orig[le - 1] == '\r' ? le - 1 : le;
		size_t fb = pos;
		while (fb < ce && strchr(" \t", f->orig[fb]))
			fb++;
		if (!first && fb < ce && (f->orig[fb] == '#' || f->orig[fb] == ';')) {
			pos = le + 1;
			continue;
		}
		first = false;
		for (size_t k = pos; k < ce; k++) {
			joined[n] = f->orig[k];
			map[n++] = k;
		}
		size_t bs = 0;
		while (bs < n && joined[n - 1 - bs] == '\\')
			bs++;
		if (bs % 2 == 1) {
			joined[n - 1] = ' ';
			pos = le + 1;
			continue;
		}
		ok = true;
		break;
	}
	size_t a = 0, z = n;
	while (a < z && strchr(" \t\n\r", joined[a]))
		a++;
	while (z > a && strchr(" \t\n\r", joined[z - 1]))
		z--;
	size_t vl = strlen(value);
	if (!ok || z - a != vl || memcmp(joined + a, value, vl)) {
		free(joined);
		free(map);
		return false;
	}
	/* The file ranges to cut, one per word, never across a line end. */
	size_t nr = 0;
	size_t (*r)[2] = xcalloc((size_t)ns + 1, sizeof(*r));
	for (int i = 0; i < ns; i++) {
		if (!cut[i])
			continue;
		size_t ws = a + sp[i].start, we = a + sp[i].end;
		for (size_t k = ws; k + 1 < we; k++)
			if (map[k + 1] != map[k] + 1)
				goto fail; /* a quoted word over a continuation */
		size_t from = ws;
		while (from > a && map[from - 1] + 1 == map[from] &&
		       strchr(" \t", f->orig[map[from - 1]]))
			from--;
		r[nr][0] = map[from];
		r[nr][1] = map[we - 1] + 1;
		nr++;
	}
	/* Per physical line: what is left of it; a continuation line left
	 * with only blanks and its backslash is removed whole. */
	for (size_t i = 0; i < nr; i++) {
		size_t lb = r[i][0];
		while (lb > 0 && f->orig[lb - 1] != '\n')
			lb--;
		size_t le = r[i][1];
		while (le < f->len && f->orig[le] != '\n')
			le++;
		/* Only a middle line (it ends with the backslash): removing the
		 * last line would make the previous one continue into the next
		 * assignment. */
		size_t t = le;
		while (t > lb && strchr(" \t\r", f->orig[t - 1]))
			t--;
		bool blank = lb > b && t > lb && f->orig[t - 1] == '\\';
		for (size_t k = lb; k < le && blank; k++) {
			bool in_cut = false;
			for (size_t j = 0; j < nr; j++)
				in_cut |= k >= r[j][0] && k < r[j][1];
			if (!in_cut && !strchr(" \t\r\\", f->orig[k]))
				blank = false;
		}
		if (blank) {
			for (size_t j = 0; j < nr; j++)
				if (r[j][0] >= lb && r[j][1] <= le && j != i)
					r[j][0] = r[j][1] = 0; /* folded into the line */
			r[i][0] = lb;
			r[i][1] = le < f->len ? le + 1 : le;
		}
	}
	for (size_t i = 0; i < nr; i++)
		if (r[i][1] > r[i][0])
			pfile_edit(f, r[i][0], r[i][1], "");
	free(r);
	free(joined);
	free(map);
	return true;
fail:
	free(r);
	free(joined);
	free(map);
	return false;
}

static void plan_exec_start(struct planner *pl)
{
	struct systemd_service svc = { 0 };
	struct env env = { 0 };
	if (systemd_service_load(&svc, &pl->r, SERVICE, &pl->scratch) < 0) {
		fix_refuse(pl->plan, NULL, 0, "cannot load docker.service");
		goto out;
	}
	if (!svc.found || svc.masked || svc.nexec_start == 0)
		goto out;
	/* Whether systemd refuses is the scan's finding, not the plan's. */
	(void)systemd_service_environment(&env, &pl->r, &svc, NULL, &pl->scratch);

	for (size_t k = 0; k < svc.nexec_start; k++) {
		const struct exec_entry *e = &svc.exec_start[k];
		struct word_list words = { 0 };
		struct exec_line_info info = { 0 };
		/* A line systemd cannot use is the scan's finding (info.reason);
		 * the plan has nothing to edit in it. */
		int r = exec_line_split_full(&words, &info, e->value, SERVICE, &env, &e->where);
		if (r < 0 || words.count == 0) {
			exec_line_info_clear(&info);
			word_list_clear(&words);
			continue;
		}
		bool *remove = xcalloc(words.count, sizeof(*remove));
		int n = mark_tcp_hosts(pl, &words, remove, e->where.path, e->where.line);
		if (n > 0 && (svc.nexec_start > 1 || info.ncommands > 1)) {
			fix_refuse(pl->plan, e->where.path, e->where.line,
				   "docker.service has more than one command to start");
			n = -1;
		}
		if (n > 0) {
			struct exec_line_span *sp = NULL;
			int ns = exec_line_spans(&sp, e->value, &env);
			if (ns < 0) {
				fix_refuse(pl->plan, e->where.path, e->where.line,
					   "cannot locate the words of this ExecStart=");
			} else {
				/* Words to cut from the line as written. */
				bool *cut = xcalloc((size_t)ns + 1, sizeof(*cut));
				bool any_cut = false;
				for (int i = 0; i < ns; i++) {
					size_t rm = 0;
					for (size_t w = sp[i].word; w < sp[i].word + sp[i].nwords; w++)
						rm += remove[w];
					if (rm == 0)
						continue;
					if (sp[i].var && !sp[i].braced) {
						/* $VAR: edit the variable where it is set. */
						fix_variable(pl, &env, sp[i].var, &words, sp[i].word,
							     sp[i].nwords, remove, e);
					} else if (rm == sp[i].nwords) {
						/* A literal word, or ${VAR} as a whole word:
						 * emptying the variable would leave one empty
						 * word; the word goes from the line. */
						cut[i] = any_cut = true;
					} else {
						fix_refuse(pl->plan, e->where.path, e->where.line,
							   "a word holds a TCP host and more");
					}
				}
				if (any_cut) {
					/* The value without the cut words (and the blanks
					 * before each). */
					struct { char *s; size_t len; } nv = { xstrdup(""), 0 };
					size_t pos = 0;
					for (int i = 0; i < ns; i++) {
						if (!cut[i])
							continue;
						size_t from = sp[i].start;
						while (from > pos &&
						       strchr(" \t", e->value[from - 1]))
							from--;
						char *t = xasprintf("%s%.*s", nv.s, (int)(from - pos),
								    e->value + pos);
						free(nv.s);
						nv.s = t;
						pos = sp[i].end;
					}
					char *t = xasprintf("%s%s", nv.s, e->value + pos);
					free(nv.s);
					nv.s = t;
					/* In place when the entry is one line of an /etc
					 * file and the value is found there as is. */
					bool done = false;
					if (editable(e->where.path)) {
						struct pfile *f = NULL;
						_cleanup_free_ char *canon = NULL;
						int fd = rootfs_resolve(&pl->r, e->where.path, &canon);
						if (fd >= 0) {
							close(fd);
							if (editable(canon))
								f = pfile_get(pl, e->where.path,
									      e->where.line);
						}
						size_t b, en;
						if (f && line_span(f->orig, f->len, e->where.line, &b,
								   &en)) {
							size_t vl = strlen(e->value);
							const char *eq = memchr(f->orig + b, '=', en - b);
							size_t vs = eq ? (size_t)(eq - f->orig) + 1 : en;
							while (vs < en && strchr(" \t", f->orig[vs]))
								vs++;
							size_t ve = en;
							while (ve > vs && strchr(" \t\r", f->orig[ve - 1]))
								ve--;
							if (ve - vs == vl &&
							    !memcmp(f->orig + vs, e->value, vl)) {
								pfile_edit(f, vs, ve, nv.s);
								pfile_why(f, "remove the TCP -H words from "
									     "ExecStart=");
								done = true;
							} else if (cut_multiline(f, e->where.line, e->value,
										 sp, ns, cut)) {
								pfile_why(f, "remove the TCP -H words from "
									     "ExecStart=");
								done = true;
							}
						}
					}
					if (!done) {
						pl->service_exec_reset = true;
						_cleanup_free_ char *l = xasprintf("ExecStart=%s", nv.s);
						service_dropin_add(pl, "ExecStart=");
						service_dropin_add(pl, l);
					}
					free(nv.s);
				}
				free(cut);
				exec_line_spans_free(sp, (size_t)ns);
			}
		}
		free(remove);
		exec_line_info_clear(&info);
		word_list_clear(&words);
	}
out:
	env_clear(&env);
	systemd_service_clear(&svc);
}

/* ------------------------------------------------------------ init files */

static void plan_init(struct planner *pl)
{
	struct init_launch il = { 0 };
	struct env env = { 0 };
	init_launch_detect(&il, &pl->r, &pl->scratch);
	if (il.flavor == INIT_NONE || !il.env_path || !il.opts_var)
		goto out;
	char *text = NULL;
	if (rootfs_read_file(&pl->r, il.env_path, ROOTFS_MAX_FILE, &text, NULL) < 0)
		goto out;
	init_env_parse(&env, il.env_path, text, &pl->scratch);
	free(text);
	const struct env_var *v = env_get(&env, il.opts_var);
	if (!v)
		goto out;
	/* The words the init script gives dockerd: the program, then the
	 * variable split as the shell splits it (effective.c). */
	struct word_list words = { 0 };
	word_list_add(&words, il.program ? il.program : "/usr/bin/dockerd", &il.where, NULL);
	shell_split_words(&words, v->value, &il.where, &v->where);
	bool *remove = xcalloc(words.count, sizeof(*remove));
	int n = mark_tcp_hosts(pl, &words, remove, v->where.path, v->where.line);
	if (n > 0) {
		char *value = xstrdup("");
		for (size_t i = 1; i < words.count; i++) {
			if (remove[i])
				continue;
			char *nv = *value ? xasprintf("%s %s", value, words.items[i].text)
					  : xstrdup(words.items[i].text);
			free(value);
			value = nv;
		}
		_cleanup_free_ char *why = xasprintf("remove the TCP hosts from %s", il.opts_var);
		rewrite_assignment(pl, v->where.path, v->where.line, il.opts_var, value, why);
		free(value);
	}
	free(remove);
	word_list_clear(&words);
out:
	env_clear(&env);
	init_launch_clear(&il);
}

/* ------------------------------------------------------------ daemon.json */

static void plan_daemon_json(struct planner *pl, const char *config)
{
	struct daemon_json dj = { 0 };
	daemon_json_load(&dj, &pl->r, config, false, &pl->scratch);
	size_t ntcp = 0;
	for (size_t i = 0; i < dj.nhosts; i++)
		if (host_is_tcp(dj.hosts[i].value))
			ntcp++;
	if (ntcp == 0)
		goto out;
	if (!dj.hosts_spans) {
		fix_refuse(pl->plan, config, dj.hosts_where.line,
			   "\"hosts\" cannot be edited safely (repeated, not an array of strings, "
			   "or UTF-16)");
		goto out;
	}
	struct pfile *f = pfile_get(pl, config, dj.hosts_where.line);
	if (!f)
		goto out;
	if (ntcp == dj.nhosts) {
		/* No host left: the member goes. An empty "hosts" would still
		 * conflict with -H flags (moby daemon/config
		 * getConflictFreeConfiguration: a key present in the file and
		 * given as a flag refuses start), and without -H dockerd opens
		 * its default socket either way. */
		pfile_edit(f, dj.hosts_cut_start, dj.hosts_cut_end, "");
		pfile_why(f, "remove \"hosts\" (only TCP hosts)");
		goto out;
	}
	/* Keep the array's own bytes: what precedes the first element, the
	 * kept elements with the separator the file uses, what follows the
	 * last element. */
	const struct json_value_ref *h = dj.hosts;
	size_t n = dj.nhosts;
	char *sep = n > 1 ? xstrndup(f->orig + h[0].end, h[1].start - h[0].end) : xstrdup(", ");
	char *arr = xstrndup(f->orig + dj.hosts_value_start, h[0].start - dj.hosts_value_start);
	bool first = true;
	for (size_t i = 0; i < n; i++) {
		if (host_is_tcp(h[i].value))
			continue;
		char *t = xasprintf("%s%s%.*s", arr, first ? "" : sep, (int)(h[i].end - h[i].start),
				    f->orig + h[i].start);
		free(arr);
		arr = t;
		first = false;
	}
	char *t = xasprintf("%s%.*s", arr, (int)(dj.hosts_value_end - h[n - 1].end),
			    f->orig + h[n - 1].end);
	free(arr);
	arr = t;
	pfile_edit(f, dj.hosts_value_start, dj.hosts_value_end, arr);
	pfile_why(f, "remove the TCP entries of \"hosts\"");
	free(arr);
	free(sep);
out:
	daemon_json_clear(&dj);
}

/* ------------------------------------------------------------ sockets */

static bool evidence_has(const struct dl_scan_result *res, const struct dl_evidence *w)
{
	for (size_t i = 0; i < res->listeners.count; i++) {
		const struct dl_listener *l = &res->listeners.items[i];
		if (l->proto != DL_PROTO_TCP)
			continue;
		for (size_t k = 0; k < l->evidence.count; k++) {
			const struct dl_evidence *e = &l->evidence.items[k];
			if (e->source && !strcmp(e->source, SRC_SOCKET_UNIT) && e->path && w->path &&
			    !strcmp(e->path, w->path) && e->line == w->line)
				return true;
		}
	}
	return false;
}

/* The line of a single-line assignment at path:line in an editable file:
 * [*b, *e) including its newline; false when it continues or is continued. */
static bool whole_line(struct pfile *f, unsigned line, size_t *b, size_t *e)
{
	size_t lb, le;
	if (!line_span(f->orig, f->len, line, &lb, &le))
		return false;
	size_t t = le;
	while (t > lb && strchr(" \t\r", f->orig[t - 1]))
		t--;
	if (t > lb && f->orig[t - 1] == '\\')
		return false;
	if (lb >= 2) {
		size_t pe = lb - 1; /* the previous line's newline */
		while (pe > 0 && strchr(" \t\r", f->orig[pe - 1]))
			pe--;
		if (pe > 0 && f->orig[pe - 1] == '\\')
			return false;
	}
	*b = lb;
	*e = le < f->len ? le + 1 : le;
	return true;
}

static const char *unit_name(const char *unit_path)
{
	const char *slash = strrchr(unit_path, '/');
	return slash ? slash + 1 : unit_path;
}

static bool delete_socket_lines(struct planner *pl, const struct socket_set *ss,
				const char *unit_path)
{
	size_t ntcp = 0, nother = 0;
	for (size_t k = 0; k < ss->count; k++) {
		const struct socket_listen *o = &ss->items[k];
		if (!o->unit_path || strcmp(o->unit_path, unit_path))
			continue;
		if (o->kind != SOCKET_TCP) {
			nother++;
			continue;
		}
		ntcp++;
		_cleanup_free_ char *canon = NULL;
		int fd = rootfs_resolve(&pl->r, o->where.path, &canon);
		if (fd < 0)
			return false;
		close(fd);
		if (!editable(canon))
			return false;
	}
	if (ntcp == 0 || nother == 0)
		return false;
	for (size_t k = 0; k < ss->count; k++) {
		const struct socket_listen *o = &ss->items[k];
		if (!o->unit_path || strcmp(o->unit_path, unit_path) || o->kind != SOCKET_TCP)
			continue;
		struct pfile *f = pfile_get(pl, o->where.path, o->where.line);
		size_t b, e;
		if (!f || !whole_line(f, o->where.line, &b, &e))
			return false; /* a refusal or a partial plan: the check sees it */
		pfile_edit(f, b, e, "");
		pfile_why(f, "remove the TCP ListenStream= line");
		f->socket = true;
		if (!f->unit)
			f->unit = xstrdup(unit_name(unit_path));
	}
	return true;
}

static void plan_sockets(struct planner *pl, const struct dl_scan_result *res)
{
	struct socket_set ss = { 0 };
	if (systemd_sockets_load(&ss, &pl->r, SERVICE, &pl->scratch) < 0) {
		fix_refuse(pl->plan, NULL, 0, "cannot load the socket units of docker.service");
		socket_set_clear(&ss);
		return;
	}
	for (size_t i = 0; i < ss.count; i++) {
		const struct socket_listen *sl = &ss.items[i];
		if (sl->kind != SOCKET_TCP || !evidence_has(res, &sl->where) || !sl->unit_path)
			continue;
		const char *slash = strrchr(sl->unit_path, '/');
		const char *unit = slash ? slash + 1 : sl->unit_path;
		_cleanup_free_ char *path =
			xasprintf("/etc/systemd/system/%s.d/" DL_FIX_DROPIN_NAME, unit);
		bool seen = false;
		for (size_t k = 0; k < pl->nfiles; k++)
			if (!strcmp(pl->files[k].path, path))
				seen = true;
		if (seen)
			continue;
		/* Each TCP ListenStream= of this unit on a line of its own in an
		 * administrator's file: that line goes, nothing else changes. */
		if (delete_socket_lines(pl, &ss, sl->unit_path))
			continue;
		/* Otherwise a drop-in: reset, then the unit's other sockets in
		 * their order. */
		char *text = xstrdup("# Written by dockerd-listeners --fix: no TCP API listener.\n"
				     "[Socket]\nListenStream=\n");
		size_t kept = 0;
		for (size_t k = 0; k < ss.count; k++) {
			const struct socket_listen *o = &ss.items[k];
			if (!o->unit_path || strcmp(o->unit_path, sl->unit_path) ||
			    o->kind == SOCKET_TCP)
				continue;
			char *t = xasprintf("%sListenStream=%s\n", text, o->value);
			free(text);
			text = t;
			kept++;
		}
		if (kept == 0) {
			/* systemd refuses a socket unit without Listen* ("lacks a
			 * Listen setting"): mask it instead (a link to /dev/null in
			 * /etc/systemd/system wins over the vendor unit). */
			free(text);
			_cleanup_free_ char *mpath = xasprintf("/etc/systemd/system/%s", unit);
			struct pfile *f = pfile_new(pl, mpath);
			f->mask = true;
			f->socket = true;
			free(f->unit);
			f->unit = xstrdup(unit);
			_cleanup_free_ char *why = xasprintf("mask %s: every socket it passes is TCP", unit);
			pfile_why(f, why);
			continue;
		}
		struct pfile *f = pfile_new(pl, path);
		free(f->whole);
		f->whole = text;
		f->socket = true;
		free(f->unit);
		f->unit = xstrdup(unit);
		_cleanup_free_ char *why = xasprintf("reset ListenStream= of %s without TCP", unit);
		pfile_why(f, why);
	}
	socket_set_clear(&ss);
}

/* ------------------------------------------------------------ the plan */

static void tcp_without_edit(struct planner *pl, const struct dl_scan_result *res)
{
	/* A TCP listener from dockerd's default (TLS on, no host): there is no
	 * word to remove; the administrator must name a host. */
	for (size_t i = 0; i < res->listeners.count; i++) {
		const struct dl_listener *l = &res->listeners.items[i];
		if (l->proto != DL_PROTO_TCP)
			continue;
		for (size_t k = 0; k < l->evidence.count; k++) {
			const struct dl_evidence *e = &l->evidence.items[k];
			if (e->source && !strcmp(e->source, SRC_DEFAULT))
				fix_refuse(pl->plan, e->path ? e->path : res->launch.config_file, e->line,
					   "tcp://%s:%u is dockerd's default with TLS on: set a unix "
					   "host (\"hosts\" or -H) by hand",
					   l->address ? l->address : "?", l->port);
		}
	}
}

static void finish_files(struct planner *pl)
{
	struct dl_fix_plan *p = pl->plan;
	if (pl->service_dropin) {
		struct pfile *f = pfile_new(pl, "/etc/systemd/system/" SERVICE ".d/" DL_FIX_DROPIN_NAME);
		free(f->whole);
		f->whole = xasprintf("# Written by dockerd-listeners --fix: no TCP API listener.\n"
				     "[Service]\n%s",
				     pl->service_dropin);
		pfile_why(f, pl->service_exec_reset ? "ExecStart= without the TCP -H words"
						    : "Environment= without the TCP hosts");
	}
	for (size_t i = 0; i < pl->nfiles; i++) {
		struct pfile *f = &pl->files[i];
		char *out;
		size_t outlen;
		if (f->mask) {
			out = xstrdup("");
			outlen = 0;
		} else if (f->whole) {
			out = f->whole;
			f->whole = NULL;
			outlen = strlen(out);
		} else {
			if (f->nedits == 0)
				continue;
			qsort(f->edits, f->nedits, sizeof(*f->edits), edit_cmp);
			bool overlap = false;
			for (size_t k = 1; k < f->nedits; k++)
				if (f->edits[k].start < f->edits[k - 1].end)
					overlap = true;
			if (overlap) {
				fix_refuse(p, f->path, 0, "edits overlap");
				continue;
			}
			size_t cap = f->len + 1, pos = 0;
			for (size_t k = 0; k < f->nedits; k++)
				cap += strlen(f->edits[k].text);
			out = xmalloc(cap);
			outlen = 0;
			for (size_t k = 0; k < f->nedits; k++) {
				const struct edit *ed = &f->edits[k];
				memcpy(out + outlen, f->orig + pos, ed->start - pos);
				outlen += ed->start - pos;
				size_t tl = strlen(ed->text);
				memcpy(out + outlen, ed->text, tl);
				outlen += tl;
				pos = ed->end;
			}
			memcpy(out + outlen, f->orig + pos, f->len - pos);
			outlen += f->len - pos;
			out[outlen] = '\0';
		}
		grow_array(&p->files, &p->files_cap, p->nfiles + 1, sizeof(*p->files));
		struct dl_fix_file *df = &p->files[p->nfiles++];
		memset(df, 0, sizeof(*df));
		df->path = xstrdup(f->path);
		df->create = f->create;
		df->old_text = f->orig;
		df->old_len = f->len;
		f->orig = NULL;
		df->new_text = out;
		df->new_len = outlen;
		df->why = f->why;
		f->why = NULL;
		df->socket_unit = f->socket;
		df->unit = f->unit;
		f->unit = NULL;
		df->mask = f->mask;
	}
}

static void planner_clear(struct planner *pl)
{
	for (size_t i = 0; i < pl->nfiles; i++) {
		struct pfile *f = &pl->files[i];
		free(f->path);
		free(f->orig);
		for (size_t k = 0; k < f->nedits; k++)
			free(f->edits[k].text);
		free(f->edits);
		free(f->whole);
		free(f->why);
		free(f->unit);
	}
	free(pl->files);
	free(pl->service_dropin);
	problem_list_clear(&pl->scratch);
	rootfs_close(&pl->r);
}

size_t fix_count_tcp(const struct dl_scan_result *res)
{
	size_t n = 0;
	for (size_t i = 0; i < res->listeners.count; i++)
		n += res->listeners.items[i].proto == DL_PROTO_TCP;
	return n;
}

int dl_fix_plan(struct dl_fix_plan **out, const char *root, char *err, size_t errlen)
{
	struct dl_scan_result *res = NULL;
	*out = NULL;
	int e = dl_scan_config(&res, root, err, errlen);
	if (e < 0)
		return e;
	struct dl_fix_plan *p = xcalloc(1, sizeof(*p));
	p->root = xstrdup(root);
	p->launch_method = res->launch.method;
	p->tcp_before = fix_count_tcp(res);
	if (p->tcp_before == 0) {
		dl_scan_result_free(res);
		*out = p;
		return 0;
	}
	struct planner pl = { .plan = p };
	e = rootfs_open(&pl.r, root);
	if (e < 0) {
		snprintf(err, errlen, "cannot open '%s': %s", root, rootfs_strerror(e));
		dl_scan_result_free(res);
		dl_fix_plan_free(p);
		return e;
	}
	if (res->launch.method == DL_LAUNCH_SYSTEMD) {
		plan_exec_start(&pl);
		plan_sockets(&pl, res);
	} else if (res->launch.method == DL_LAUNCH_SYSVINIT ||
		   res->launch.method == DL_LAUNCH_OPENRC) {
		plan_init(&pl);
	}
	if (res->launch.config_file)
		plan_daemon_json(&pl, res->launch.config_file);
	tcp_without_edit(&pl, res);
	finish_files(&pl);
	planner_clear(&pl);
	if (p->nfiles == 0 && p->nrefusals == 0)
		for (size_t i = 0; i < res->listeners.count; i++) {
			const struct dl_listener *l = &res->listeners.items[i];
			if (l->proto != DL_PROTO_TCP)
				continue;
			const struct dl_evidence *ev = l->evidence.count ? &l->evidence.items[0] : NULL;
			fix_refuse(p, ev ? ev->path : NULL, ev ? ev->line : 0,
				   "no edit found for tcp://%s:%u", l->address ? l->address : "?",
				   l->port);
		}
	dl_scan_result_free(res);
	*out = p;
	return 0;
}

void dl_fix_plan_free(struct dl_fix_plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nfiles; i++) {
		free(p->files[i].path);
		free(p->files[i].old_text);
		free(p->files[i].new_text);
		free(p->files[i].why);
		free(p->files[i].unit);
	}
	free(p->files);
	for (size_t i = 0; i < p->nrefusals; i++)
		free(p->refusals[i]);
	free(p->refusals);
	free(p->root);
	free(p);
}
