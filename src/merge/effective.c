/* The effective dockerd listener set from configuration.
 *
 * Data flow: launch definition (systemd unit + drop-ins + environment, or a
 * legacy init script + its sourced file) -> dockerd argv -> flags; daemon.json;
 * socket units -> host values -> normalised listeners with TLS and evidence.
 * A reader never decides; everything that would stop dockerd from starting or
 * that could not be read is a problem with the file and line. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "read/daemon_json.h"
#include "read/dockerd_args.h"
#include "read/dockerd_version.h"
#include "merge/effective.h"
#include "read/exec_line.h"
#include "read/host_spec.h"
#include "read/init_env.h"
#include "base/rootfs.h"
#include "read/systemd_unit.h"
#include "base/alloc.h"
#include "base/evidence.h"
#include "base/problems.h"
#include "base/words.h"
#include "base/text.h"
#define DEFAULT_CONFIG_FILE "/etc/docker/daemon.json"
#define DEFAULT_UNIX_SOCKET "/var/run/docker.sock"
#define DEFAULT_DATA_ROOT "/var/lib/docker"
#define SERVICE_NAME "docker.service"

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

/* ---------------------------------------------------------------- the scan */

/* One host value to normalise, from a flag or from daemon.json. */
struct host_value {
	const char *value;
	const struct dl_evidence *where;
	const struct dl_evidence *via;
};

struct scan {
	const struct rootfs *rootfs;
	struct dl_launch *launch;           /* filled: method, argv, config file, ... */
	struct dl_listener_list *listeners; /* filled: the effective set */
	struct dl_problem_list *problems;
	bool systemd;               /* launched by systemd: fd:// resolves to socket units */
	const char *cwd;            /* dockerd's working directory */
	bool sockets_loaded;
	struct socket_set sockets;
	enum dl_tls tls;            /* TLS of TCP listeners */
	struct dl_evidence_list tls_evidence;
	bool tls_default_tcp;      /* no hosts -> tcp://localhost:2376 */
	char *metrics_addr;        /* daemon.json "metrics-addr" (owned) */
	const char *default_config;/* daemon.json when no --config-file (rootless differs) */
	const char *default_unix;  /* the default unix socket (rootless differs) */
	unsigned diagnostic_port;  /* daemon.json "network-diagnostic-port", 0 if unset */
	struct dockerd_version version; /* which dockerd's rules apply */
	const char *exe;           /* a running daemon's /proc/PID/exe, or NULL */
	const struct env *penv;    /* a running daemon's environment, or NULL */
	/* TLS files, read by read_merge_facts() (tls_files_read()): the file
	 * dockerd loads as certificate, key and CA (NULL: none set, or a
	 * missing default blanked), where it was named, and the error opening
	 * it in the root (0: readable). */
	bool tls_files_known;
	char *tls_path[3];
	int tls_err[3];
	const struct dl_evidence *tls_where[3];
	bool tls_flags_dropped;    /* TLS not on the command line, yet TLS flags given */
	char *hostname;            /* %H/%l resolved in ExecStart= to this name, or NULL */
	bool hostname_unknown;     /* ExecStart= has %H/%l and the root has no host name */
};

static void tls_files_clear(struct scan *s)
{
	for (size_t i = 0; i < 3; i++) {
		free(s->tls_path[i]);
		s->tls_path[i] = NULL;
	}
}

static void refuses(struct scan *s)
{
	s->launch->refuses_start = true;
}

static void add_evidence(struct dl_listener *l, const struct dl_evidence *where,
			 const struct dl_evidence *via)
{
	if (where && where->source)
		evidence_list_push(&l->evidence, where);
	if (via && via->source)
		evidence_list_push(&l->evidence, via);
}

static struct dl_listener *add_tcp(struct scan *s, const char *address, unsigned port,
				   const char *fd, const struct dl_evidence *where,
				   const struct dl_evidence *via)
{
	struct dl_listener *l = listener_set_add(s->listeners, DL_PROTO_TCP, address, port,
						 NULL, NULL);
	if (fd && !l->fd)
		l->fd = xstrdup(fd);
	l->tls = s->tls;
	add_evidence(l, where, via);
	for (size_t i = 0; i < s->tls_evidence.count; i++)
		evidence_list_push(&l->evidence, &s->tls_evidence.items[i]);
	return l;
}

static struct dl_listener *add_unix(struct scan *s, const char *path, const char *fd,
				    const struct dl_evidence *where, const struct dl_evidence *via)
{
	struct dl_listener *l = listener_set_add(s->listeners, DL_PROTO_UNIX, NULL, 0, path,
						 NULL);
	if (fd && !l->fd)
		l->fd = xstrdup(fd);
	add_evidence(l, where, via);
	return l;
}

static void load_sockets(struct scan *s)
{
	if (s->sockets_loaded)
		return;
	s->sockets_loaded = true;
	/* Fails only for an invalid unit name, never for this constant one. */
	if (systemd_sockets_load(&s->sockets, s->rootfs, SERVICE_NAME, s->problems) < 0)
		problem_add(s->problems, NULL, 0, "cannot read the socket units of %s", SERVICE_NAME);
}

static void add_socket_listener(struct scan *s, const struct socket_listen *sl, const char *fd,
				const struct dl_evidence *where, const struct dl_evidence *via)
{
	struct dl_listener *l = NULL;
	if (sl->kind == SOCKET_TCP)
		l = add_tcp(s, sl->address, sl->port, fd, where, via);
	else if (sl->kind == SOCKET_UNIX)
		l = add_unix(s, sl->path, fd, where, via);
	else
		return; /* reported by the socket unit reader */
	evidence_list_push(&l->evidence, &sl->where);
}

/* fd:// hosts: socket activation (docs/dockerd-listeners.md §4). */
static void resolve_fd(struct scan *s, const struct host_spec *h, const struct host_value *hv)
{
	const char *spec = h->fd ? h->fd : hv->value;
	const char *n = spec + strlen("fd://");
	const char *why = NULL;

	if (!s->systemd) {
		why = "fd:// needs systemd socket activation, but dockerd is not started by systemd here";
	} else {
		/* read_merge_facts() read them: the merge reads no file. */
		if (!*n || !strcmp(n, "*")) {
			if (s->sockets.count == 0)
				why = "no socket unit passes sockets to docker.service: dockerd fails to start "
				      "(\"no sockets found via socket activation\")";
			for (size_t i = 0; i < s->sockets.count; i++)
				add_socket_listener(s, &s->sockets.items[i], spec, hv->where, hv->via);
		} else {
			unsigned long fdnum;
			if (parse_uint(n, 3, 65535, &fdnum) < 0)
				why = "invalid fd number: dockerd fails to start";
			else if (fdnum - 3 >= s->sockets.count)
				why = "no socket is passed at that fd number: dockerd fails to start";
			else
				add_socket_listener(s, &s->sockets.items[fdnum - 3], spec, hv->where,
						    hv->via);
		}
	}
	if (why) {
		struct dl_listener *l = listener_set_add(s->listeners, DL_PROTO_FD, NULL, 0, NULL,
							 spec);
		add_evidence(l, hv->where, hv->via);
		problem_add(s->problems, hv->where ? hv->where->path : NULL,
			    hv->where ? hv->where->line : 0, "%s: %s", spec, why);
		refuses(s);
	}
}

static void add_host_value(struct scan *s, const struct host_value *hv);

static void add_default_listeners(struct scan *s, const struct host_value *hv, bool tls_flag,
				  bool tlsverify_key_only)
{
	/* docs/dockerd-listeners.md §2: no hosts -> the unix socket, or tcp://localhost:2376
	 * when TLS is on. v20.10-v22 also counted daemon.json "tlsverify";
	 * v23+ only the flags and "tls". */
	struct dl_evidence def = { 0 };
	const struct dl_evidence *where = hv && hv->where && hv->where->source ? hv->where : NULL;
	if (tls_flag) {
		evidence_set(&def, SRC_DEFAULT, NULL, 0,
			     "no hosts configured and TLS on: dockerd listens on tcp://localhost:2376");
		struct dl_listener *l = add_tcp(s, "localhost", 2376, NULL, where ? where : &def, NULL);
		evidence_list_push(&l->evidence, &def);
	} else if (tlsverify_key_only) {
		evidence_set(&def, SRC_DEFAULT, NULL, 0,
			     "no hosts configured and daemon.json sets tlsverify: dockerd 20.10-22 "
			     "listen on tcp://localhost:2376, dockerd 23+ on the unix socket");
		struct dl_listener *l = add_tcp(s, "localhost", 2376, NULL, where ? where : &def, NULL);
		evidence_list_push(&l->evidence, &def);
		listener_add_note(l, "dockerd 20.10-22 only");
		l = add_unix(s, s->default_unix, NULL, where ? where : &def, NULL);
		evidence_list_push(&l->evidence, &def);
		listener_add_note(l, "dockerd 23+ only");
	} else {
		evidence_set(&def, SRC_DEFAULT, NULL, 0,
			     "no hosts configured: dockerd listens on unix:///var/run/docker.sock");
		struct dl_listener *l = add_unix(s, s->default_unix, NULL, where ? where : &def, NULL);
		evidence_list_push(&l->evidence, &def);
	}
	evidence_clear(&def);
}

static void add_host_value(struct scan *s, const struct host_value *hv)
{
	struct host_spec h = { 0 };
	struct host_parse_opts o = { .cwd = s->cwd, .default_unix = s->default_unix,
				     .rules = s->version.rules };
	const char *path = hv->where ? hv->where->path : NULL;
	unsigned line = hv->where ? hv->where->line : 0;

	if (host_spec_is_blank(hv->value)) {
		/* v23-v28 map an empty (or blank) entry to the default host;
		 * HEAD drops it. Fail closed: the default is listed. dockerd
		 * 20.10 (opts.ParseHost with the merged Config.TLS, which a
		 * daemon.json "tlsverify" also sets) maps it to
		 * tcp://localhost:2376 whenever TLS is on: checked against the
		 * real 20.10.24 (docs/dockerd-versions.md). */
		bool tcp = s->version.rules == DOCKERD_RULES_V20 ? s->tls != DL_TLS_NONE
								  : s->tls_default_tcp;
		add_default_listeners(s, hv, tcp, false);
		return;
	}
	/* "tcp://%H:2375" with no /etc/hostname in the root: systemd puts the
	 * running host's name there. Keep the TCP listener (fail closed), its
	 * address shown as the specifier, and say the name is unknown. */
	const char *spec = s->hostname_unknown ? strstr(hv->value, "%H") : NULL;
	if (!spec && s->hostname_unknown)
		spec = strstr(hv->value, "%l");
	if (spec) {
		_cleanup_free_ char *stand_in = xasprintf("%.*shost-name-unknown%s",
							  (int)(spec - hv->value), hv->value, spec + 2);
		host_spec_parse(&h, stand_in, &o);
		if (h.kind == HOST_TCP && h.address && !strcmp(h.address, "host-name-unknown")) {
			struct dl_listener *l = add_tcp(s, spec[1] == 'H' ? "%H" : "%l", h.port, NULL,
							hv->where, hv->via);
			listener_add_note(l, "the address is the host name (systemd specifier) and the "
					     "root has no usable /etc/hostname: it depends on the host");
			problem_add(s->problems, path, line,
				    "host \"%s\": the host name systemd puts there is unknown (no usable "
				    "/etc/hostname in the root)", hv->value);
			host_spec_clear(&h);
			return;
		}
		host_spec_clear(&h);
		memset(&h, 0, sizeof(h));
	}
	host_spec_parse(&h, hv->value, &o);
	/* Whether dockerd starts with this value depends on its version: the
	 * listener is still listed (fail closed), and the set is uncertain. */
	if (h.may_refuse && h.kind != HOST_INVALID)
		problem_add(s->problems, path, line, "host \"%s\": %s", hv->value, h.note);
	switch (h.kind) {
	case HOST_TCP: {
		struct dl_listener *l = add_tcp(s, h.address, h.port, NULL, hv->where, hv->via);
		listener_add_note(l, h.note);
		if (s->hostname && h.address && strstr(s->hostname, h.address) == s->hostname &&
		    (!s->hostname[strlen(h.address)] || s->hostname[strlen(h.address)] == '.'))
			listener_add_note(l, "the address is the host name (systemd specifier, from "
					     "/etc/hostname): it depends on the host's name");
		break;
	}
	case HOST_UNIX: {
		struct dl_listener *l = add_unix(s, h.path, NULL, hv->where, hv->via);
		listener_add_note(l, h.note);
		break;
	}
	case HOST_FD:
		resolve_fd(s, &h, hv);
		break;
	case HOST_INVALID: {
		_cleanup_free_ char *why = host_refusal_text(&h);
		problem_add(s->problems, path, line, "dockerd refuses to start: invalid host \"%s\": %s",
			    hv->value, why);
		refuses(s);
		break;
	}
	}
	host_spec_clear(&h);
}

/* ------------------------------------------------------------------ TLS */

static void compute_tls(struct scan *s, const struct dockerd_flags *f, const struct daemon_json *dj,
			bool *tls_on_flag_or_tls_key, bool *tlsverify_key_only)
{
	/* docs/dockerd-listeners.md §3 (moby cmd/dockerd/daemon.go loadDaemonCliConfig, v20.10+):
	 * --tlsverify given (any value) or the file key "tlsverify" present turns
	 * TLS on; verification is tlsverify's value if set, else follows tls. */
	bool tls_set = f->tls.set || dj->tls.present;
	bool tls_val = f->tls.set ? f->tls.value : dj->tls.bool_value;
	bool verify_set = f->tlsverify.set || dj->tlsverify.present;
	bool verify_val = f->tlsverify.set ? f->tlsverify.value : dj->tlsverify.bool_value;
	bool tls_on = (tls_set && tls_val) || verify_set;
	bool verify = verify_set ? verify_val : tls_val;

	s->tls = !tls_on ? DL_TLS_NONE : verify ? DL_TLS_MUTUAL : DL_TLS_SERVER;
	if (f->tls.set)
		evidence_list_push(&s->tls_evidence, &f->tls.where);
	if (f->tlsverify.set)
		evidence_list_push(&s->tls_evidence, &f->tlsverify.where);
	if (dj->tls.present)
		evidence_list_push(&s->tls_evidence, &dj->tls.where);
	if (dj->tlsverify.present)
		evidence_list_push(&s->tls_evidence, &dj->tlsverify.where);

	*tls_on_flag_or_tls_key = (f->tls.set && f->tls.value) || f->tlsverify.set ||
				  (dj->tls.present && dj->tls.bool_value);
	*tlsverify_key_only = !*tls_on_flag_or_tls_key && dj->tlsverify.present;
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
 * Reads files: called by read_merge_facts(), the merge only uses the result. */
static void tls_files_read(struct scan *s, const struct dockerd_flags *f,
			   const struct daemon_json *dj)
{
	/* A running daemon (exe set) loaded its files when it started; a file
	 * missing now matters at its next start, which the configuration scan
	 * reports. */
	if (!s->rootfs || s->exe)
		return;
	s->tls_files_known = true;
	bool flag_tls = (f->tls.set && f->tls.value) || f->tlsverify.set;
	s->tls_flags_dropped = !flag_tls && (f->tlscert.value || f->tlskey.value ||
					     f->tlscacert.value);
	_cleanup_free_ char *certdir = NULL;
	const struct env_var *cp = s->penv ? env_get(s->penv, "DOCKER_CERT_PATH") : NULL;
	if (cp && cp->value[0] == '/') {
		certdir = xstrdup(cp->value);
	} else {
		const struct env_var *home = s->penv ? env_get(s->penv, "HOME") : NULL;
		_cleanup_free_ char *h = home && home->value[0] == '/' ? xstrdup(home->value)
								     : root_home(s->rootfs);
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
	for (size_t i = 0; i < 3; i++) {
		const char *path = NULL;
		_cleanup_free_ char *def = rootfs_join(certdir, files[i].name);
		s->tls_where[i] = NULL;
		if (files[i].file->present && files[i].file->value && *files[i].file->value) {
			path = files[i].file->value;
			s->tls_where[i] = &files[i].file->where;
		} else if (flag_tls && files[i].flag->value) {
			path = files[i].flag->value;
			s->tls_where[i] = &files[i].flag->where;
		} else if (flag_tls) {
			struct stat st;
			path = def;
			if (files[i].blank_missing_default && rootfs_stat(s->rootfs, def, &st) != 0)
				path = NULL;
		}
		if (!path || !*path)
			continue;
		s->tls_path[i] = path[0] == '/' ? xstrdup(path) : rootfs_join(s->cwd, path);
		struct stat st;
		int fd = rootfs_open_file(s->rootfs, s->tls_path[i], &st);
		s->tls_err[i] = fd < 0 ? fd : 0;
		if (fd >= 0)
			close(fd);
	}
}

/* With TLS on, a certificate, key or (verifying clients) CA file that is
 * not set or cannot be read makes dockerd exit. From the facts of
 * tls_files_read(); reads no file. */
static void check_tls_files(struct scan *s)
{
	static const char *const what[3] = { "TLS certificate", "TLS key", "TLS CA certificate" };
	if (s->tls == DL_TLS_NONE || !s->tls_files_known)
		return;
	const struct dl_evidence *tls_where =
		s->tls_evidence.count ? &s->tls_evidence.items[0] : NULL;
	bool empty_pair = false;
	for (size_t i = 0; i < 3; i++) {
		/* The CA is loaded only when client certificates are verified. */
		if (i == 2 && s->tls != DL_TLS_MUTUAL)
			continue;
		if (!s->tls_path[i]) {
			if (i < 2)
				empty_pair = true;
			continue;
		}
		if (s->tls_err[i] == 0)
			continue;
		const struct dl_evidence *where = s->tls_where[i] ? s->tls_where[i] : tls_where;
		problem_add(s->problems, where ? where->path : NULL, where ? where->line : 0,
			    "dockerd will not start: TLS is on and the %s %s cannot be read (%s)",
			    what[i], s->tls_path[i], rootfs_strerror(s->tls_err[i]));
		refuses(s);
	}
	if (empty_pair) {
		problem_add(s->problems, tls_where ? tls_where->path : NULL,
			    tls_where ? tls_where->line : 0,
			    "dockerd will not start: TLS is on but no certificate or key file is set "
			    "(\"Could not load X509 key pair (cert: \\\"\\\", key: \\\"\\\")\")%s",
			    s->tls_flags_dropped
				    ? "; TLS is switched on only in daemon.json, so dockerd ignores the "
				      "--tlscacert/--tlscert/--tlskey flags"
				    : "; the default files of ~/.docker are missing or daemon.json "
				      "names no \"tlscert\"/\"tlskey\"");
		refuses(s);
	}
}

/* ------------------------------------------------------------ bind collisions */

/* What a TCP listener binds, for the collision check: AF_INET6 bytes, with
 * IPv4 as ::ffff:a.b.c.d; wildcard when Go listens on every address (an
 * empty host, 0.0.0.0 or ::, which Go binds as one dual-stack socket).
 * false when the name needs DNS (not checked). */
static bool bind_key(const char *address, unsigned char out[16], bool *wildcard)
{
	struct in_addr a4;
	*wildcard = false;
	if (!address || !*address || !strcmp(address, "0.0.0.0") || !strcmp(address, "::")) {
		*wildcard = true;
		return true;
	}
	/* Go resolves "localhost" (any case) to 127.0.0.1 first and listens
	 * on that one address (dockerd 20.10.24 logs "API listen on
	 * 127.0.0.1:P"). */
	const char *a = !strcasecmp(address, "localhost") ? "127.0.0.1" : address;
	if (inet_pton(AF_INET, a, &a4) == 1) {
		memset(out, 0, 10);
		out[10] = out[11] = 0xff;
		memcpy(out + 12, &a4, 4);
		return true;
	}
	struct in6_addr a6;
	if (inet_pton(AF_INET6, a, &a6) == 1) {
		memcpy(out, &a6, 16);
		static const unsigned char any[16] = { 0 };
		static const unsigned char any4[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
		*wildcard = !memcmp(out, any, 16) || !memcmp(out, any4, 16);
		return true;
	}
	return false;
}

/* Two spellings of one endpoint ("tcp://localhost:P" and "tcp://127.0.0.1:P",
 * ":P" and "127.0.0.1:P", 0.0.0.0:P and any other P) are two listeners to
 * dockerd: its loop over the hosts (cmd/dockerd/daemon.go loadListeners)
 * binds each, the second bind fails with "address already in use" and
 * dockerd exits. Values that normalise to the same string are one listener
 * (listener_set_add), as dockerd 20.10.24 de-duplicates them. Port 0 binds a
 * fresh port each time. */
static void check_bind_collisions(struct scan *s)
{
	struct dl_listener_list *set = s->listeners;
	for (size_t i = 0; i < set->count; i++) {
		const struct dl_listener *a = &set->items[i];
		unsigned char ka[16];
		bool wa;
		if (a->proto != DL_PROTO_TCP || a->port == 0 || a->fd || !bind_key(a->address, ka, &wa))
			continue;
		for (size_t j = i + 1; j < set->count; j++) {
			const struct dl_listener *b = &set->items[j];
			unsigned char kb[16];
			bool wb;
			if (b->proto != DL_PROTO_TCP || b->port != a->port || b->fd ||
			    !bind_key(b->address, kb, &wb))
				continue;
			if (!(wa || wb || !memcmp(ka, kb, 16)))
				continue;
			const struct dl_evidence *w = b->evidence.count ? &b->evidence.items[0] : NULL;
			problem_add(s->problems, w ? w->path : NULL, w ? w->line : 0,
				    "dockerd will not start: hosts \"%s:%u\" and \"%s:%u\" bind the same "
				    "address and the second fails (\"address already in use\")",
				    a->address, a->port, b->address, b->port);
			refuses(s);
			return;
		}
	}
}

/* ------------------------------------------------------------ conflicts */

static void check_conflict(struct scan *s, const struct daemon_json *dj, const char *key,
			   const struct dl_evidence *key_where, bool flag_set,
			   const struct dl_evidence *flag_where)
{
	if (!flag_set || !daemon_json_has_key(dj, key))
		return;
	problem_add(s->problems, dj->path, key_where ? key_where->line : 0,
		    "dockerd refuses to start: the following directives are specified both as a "
		    "flag and in the configuration file: %s (flag at %s:%u)",
		    key, flag_where && flag_where->path ? flag_where->path : "?",
		    flag_where ? flag_where->line : 0);
	refuses(s);
}

/* ---------------------------------------------------------------- launch */

static void set_argv(struct dl_launch *launch, const struct word_list *w)
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

static void parse_command(struct scan *s, struct dockerd_flags *acc, const struct word_list *w)
{
	struct dockerd_flags f = { 0 };
	if (w->count == 0)
		return;
	dockerd_args_parse(&f, w, s->problems);
	if (!f.is_dockerd) {
		const struct word *w0 = &w->items[0];
		problem_add(s->problems, w0->where.path, w0->where.line,
			    "cannot tell how dockerd is started: the command runs \"%s\", not dockerd",
			    w0->text);
	}
	merge_flags(acc, &f);
	dockerd_flags_clear(&f);
}

static void launch_systemd(struct scan *s, struct systemd_service *svc, struct dockerd_flags *flags)
{
	struct dl_launch *launch = s->launch;
	struct env env = { 0 };

	launch->method = DL_LAUNCH_SYSTEMD;
	launch->unit_path = xstrdup(svc->unit_path);
	if (svc->masked) {
		launch->masked = true;
		return;
	}
	s->systemd = true;
	if (svc->working_directory && svc->working_directory[0] == '/')
		s->cwd = svc->working_directory;
	/* A fatal line in the unit file (reported where it was read). */
	if (svc->bad_setting)
		refuses(s);
	if (systemd_service_environment(&env, s->rootfs, svc, s->problems))
		refuses(s);

	/* src/core/service.c service_verify() in systemd 252, after every
	 * drop-in: commands appended (ignored lines are not), Type=dbus. */
	size_t ncommands = 0;
	for (size_t i = 0; i < svc->nexec_start; i++)
		ncommands += svc->exec_start[i].ncommands;
	bool oneshot = svc->type && !strcmp(svc->type, "oneshot");
	if (svc->nexec_start == 0) {
		problem_add(s->problems, svc->unit_path, 0,
			    "docker.service has no ExecStart=: systemd refuses to start it");
		refuses(s);
	} else if (ncommands > 1 && !oneshot) {
		const struct exec_entry *e = &svc->exec_start[svc->nexec_start > 1 ? 1 : 0];
		problem_add(s->problems, e->where.path, e->where.line,
			    "docker.service has %zu ExecStart= commands: systemd refuses to start a "
			    "non-oneshot service with more than one (bad-setting); hosts of every "
			    "entry are listed",
			    ncommands);
		refuses(s);
	}
	if (svc->type && !strcmp(svc->type, "dbus") && !svc->bus_name) {
		problem_add(s->problems, svc->unit_path, 0,
			    "docker.service is Type=dbus without BusName=: systemd refuses to load "
			    "it (bad-setting)");
		refuses(s);
	}
	const struct exec_line_ctx ctx = {
		.unit_name = SERVICE_NAME,
		.hostname = svc->host.hostname,
		.shell = svc->host.shell,
		.unit_path = svc->unit_path,
	};
	/* Without a host name in the root, "%H" in a host (from ExecStart= or
	 * Environment=) stays as written: add_host_value() keeps its listener. */
	s->hostname_unknown = !svc->host.hostname;
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
			problem_add(s->problems, e->where.path, e->where.line, "%s", why);
			if (info.fault != EXEC_LINE_IGNORED)
				refuses(s);
			exec_line_info_clear(&info);
			word_list_clear(&words);
			continue;
		}
		if (words.count > 0) {
			int x = systemd_exec_check(s->rootfs, words.items[0].text);
			if (x < 0) {
				problem_add(s->problems, e->where.path, e->where.line,
					    "%s %s in the root: systemd fails to run it (status "
					    "203/EXEC) and dockerd never starts",
					    words.items[0].text,
					    x == -ENOENT   ? "does not exist"
					    : x == -EISDIR ? "is a directory"
					    : x == -EACCES ? "is not an executable file"
							   : "cannot be checked");
				refuses(s);
			}
		}
		_cleanup_free_ char *notes = exec_line_notes_text(&info);
		if (notes)
			warning_add(s->problems, e->where.path, e->where.line, "%s", notes);
		if (info.host_name)
			uses_host = true;
		exec_line_info_clear(&info);
		set_argv(launch, &words);
		parse_command(s, flags, &words);
		word_list_clear(&words);
	}
	env_clear(&env);
	if (uses_host && !s->hostname) /* for the listener note in merge() */
		s->hostname = xstrdup(svc->host.hostname);
}

static enum dl_launch_method init_method(enum init_flavor f)
{
	return f == INIT_OPENRC ? DL_LAUNCH_OPENRC : DL_LAUNCH_SYSVINIT;
}

static void launch_init(struct scan *s, struct init_launch *il, struct dockerd_flags *flags)
{
	struct dl_launch *launch = s->launch;
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
			int r = rootfs_read_file(s->rootfs, il->env_path, ROOTFS_MAX_FILE, &text, NULL);
			if (r == 0)
				init_env_parse(&env, il->env_path, text, s->problems);
			else if (r != -ENOENT)
				problem_add(s->problems, il->env_path, 0, "cannot read: %s",
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
	set_argv(launch, &words);
	parse_command(s, flags, &words);
	word_list_clear(&words);
	env_clear(&env);
}

static bool exists(const struct rootfs *r, const char *path)
{
	struct stat st;
	return rootfs_stat(r, path, &st) == 0;
}

static void launch_manual(struct scan *s, struct dockerd_flags *flags)
{
	static const char *const binaries[] = { "/usr/bin/dockerd", "/usr/sbin/dockerd",
						"/usr/local/bin/dockerd" };
	const char *found = NULL;
	for (size_t i = 0; i < sizeof(binaries) / sizeof(*binaries) && !found; i++)
		if (exists(s->rootfs, binaries[i]))
			found = binaries[i];
	if (!found && !exists(s->rootfs, DEFAULT_CONFIG_FILE)) {
		s->launch->method = DL_LAUNCH_NONE;
		return;
	}
	s->launch->method = DL_LAUNCH_MANUAL;
	struct word_list words = { 0 };
	struct dl_evidence where = { 0 };
	evidence_set(&where, SRC_DEFAULT, found, 0,
		     "no service definition: dockerd started by hand with no flags");
	word_list_add(&words, found ? found : "dockerd", &where, NULL);
	set_argv(s->launch, &words);
	parse_command(s, flags, &words);
	word_list_clear(&words);
	evidence_clear(&where);
}

/* ------------------------------------------------------------ the merge */

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
 * default one, or --config-file against dockerd's working directory) and,
 * for fd:// hosts under systemd, the socket units that feed docker.service.
 * After this, the merge reads no file. */
static void read_merge_facts(struct scan *s, const struct dockerd_flags *flags,
			     struct daemon_json *dj)
{
	struct dl_launch *launch = s->launch;
	bool refuse = false;
	bool explicit_config = flags->config_file.value != NULL;
	const char *config = explicit_config ? flags->config_file.value : s->default_config;

	dockerd_version_detect(&s->version, s->rootfs, launch->argc ? launch->argv[0] : NULL, s->exe);
	free(launch->dockerd_version);
	free(launch->dockerd_version_source);
	free(launch->dockerd_rules);
	launch->dockerd_version = xstrdup(s->version.text);
	launch->dockerd_version_source =
		!s->version.source ? NULL
		: s->version.package ? xasprintf("%s %s %s", s->version.source, s->version.path,
						 s->version.package)
				     : xasprintf("%s %s", s->version.source, s->version.path);
	launch->dockerd_rules = xstrdup(dockerd_rules_name(s->version.rules));

	if (flags->env_chdir.value && flags->env_chdir.value[0] == '/')
		s->cwd = flags->env_chdir.value; /* env --chdir in front of dockerd */
	if (explicit_config && config[0] != '/') {
		/* dockerd resolves a relative path against its working directory. */
		launch->config_file = rootfs_join(s->cwd, config);
		config = launch->config_file;
	} else {
		launch->config_file = xstrdup(config);
	}
	daemon_json_load(dj, s->rootfs, config, explicit_config, &refuse, s->problems);
	if (refuse)
		refuses(s);
	launch->config_file_present = dj->present;
	if (s->systemd && !s->sockets_loaded && wants_sockets(flags, dj))
		load_sockets(s);
	tls_files_read(s, flags, dj);
}

/* The merge: flags, daemon.json and socket units to the listener set, TLS
 * and refusals (docs/dockerd-listeners.md §2, §3). No file access. */
static void merge(struct scan *s, const struct dockerd_flags *flags, const struct daemon_json *dj)
{
	struct dl_launch *launch = s->launch;

	/* docs/dockerd-listeners.md §2: a directive given both as a flag and in the file. */
	const struct dl_evidence *host_flag = flags->nhosts ? &flags->hosts[0].where : NULL;
	check_conflict(s, dj, "hosts", &dj->hosts_where, flags->nhosts > 0, host_flag);
	check_conflict(s, dj, "tls", &dj->tls.where, flags->tls.set, &flags->tls.where);
	check_conflict(s, dj, "tlsverify", &dj->tlsverify.where, flags->tlsverify.set,
		       &flags->tlsverify.where);
	check_conflict(s, dj, "tlscacert", &dj->tlscacert.where, flags->tlscacert.value != NULL,
		       &flags->tlscacert.where);
	check_conflict(s, dj, "tlscert", &dj->tlscert.where, flags->tlscert.value != NULL,
		       &flags->tlscert.where);
	check_conflict(s, dj, "tlskey", &dj->tlskey.where, flags->tlskey.value != NULL,
		       &flags->tlskey.where);
	for (size_t i = 0; i < dj->nunknown; i++)
		refuses(s); /* each unknown key is reported by the reader */

	bool tls_default_tcp, tlsverify_key_only;
	compute_tls(s, flags, dj, &tls_default_tcp, &tlsverify_key_only);
	s->tls_default_tcp = tls_default_tcp;

	/* Which hosts: the file's non-empty "hosts", else the flags. On a
	 * conflict dockerd does not start at all; list both (fail closed). */
	bool conflict = flags->nhosts > 0 && dj->has_hosts;
	bool use_file = dj->nhosts > 0;
	bool use_flags = !use_file || conflict;
	size_t nvalues = 0;
	if (use_file)
		for (size_t i = 0; i < dj->nhosts; i++)
			if (dj->hosts[i].value) {
				struct host_value hv = { dj->hosts[i].value, &dj->hosts[i].where, NULL };
				add_host_value(s, &hv);
				nvalues++;
			}
	if (use_flags)
		for (size_t i = 0; i < flags->nhosts; i++) {
			struct host_value hv = { flags->hosts[i].value ? flags->hosts[i].value : "",
						 &flags->hosts[i].where, &flags->hosts[i].via };
			add_host_value(s, &hv);
			nvalues++;
		}
	/* Defaults only when we know dockerd runs: with no ExecStart= or a
	 * wrapper we cannot see into, guessing "the unix socket" would be a
	 * made-up answer (the problem already says why). */
	if (nvalues == 0 && flags->is_dockerd) {
		/* A daemon.json "tlsverify" alone: 20.10 counts it (TCP), 23+ do
		 * not (unix); only an unknown version lists both. */
		if (tlsverify_key_only && s->version.rules == DOCKERD_RULES_V20)
			add_default_listeners(s, NULL, true, false);
		else if (tlsverify_key_only && s->version.rules != DOCKERD_RULES_UNKNOWN)
			add_default_listeners(s, NULL, false, false);
		else
			add_default_listeners(s, NULL, tls_default_tcp, tlsverify_key_only);
	}
	check_tls_files(s);
	check_bind_collisions(s);

	if (flags->data_root.value)
		launch->data_root = xstrdup(flags->data_root.value);
	else if (dj->data_root.present && dj->data_root.value)
		launch->data_root = xstrdup(dj->data_root.value);
	else
		launch->data_root = xstrdup(DEFAULT_DATA_ROOT);
	if (dj->metrics_addr.present && dj->metrics_addr.value)
		s->metrics_addr = xstrdup(dj->metrics_addr.value);
	unsigned long port;
	if (dj->network_diagnostic_port.value &&
	    parse_uint(dj->network_diagnostic_port.value, 1, 65535, &port) == 0)
		s->diagnostic_port = (unsigned)port;
}

static void read_and_merge(struct scan *s, const struct dockerd_flags *flags)
{
	struct daemon_json dj = { 0 };
	read_merge_facts(s, flags, &dj);
	merge(s, flags, &dj);
	daemon_json_clear(&dj);
}

static void scan_config(struct scan *s)
{
	struct systemd_service svc = { 0 };
	struct dockerd_flags flags = { 0 };
	struct init_launch il = { 0 };
	bool run_merge = true;

	if (systemd_service_load(&svc, s->rootfs, SERVICE_NAME, s->problems) < 0)
		problem_add(s->problems, NULL, 0, "cannot read the unit %s", SERVICE_NAME);
	const char *broken_unit = svc.unreadable_path;
	if (svc.found) {
		launch_systemd(s, &svc, &flags);
		run_merge = !svc.masked;
	} else if (broken_unit) {
		/* docker.service exists but cannot be read: systemd is the
		 * launcher, and what it starts is unknown (reported). */
		s->launch->method = DL_LAUNCH_SYSTEMD;
		s->launch->unit_path = xstrdup(broken_unit);
		s->systemd = true;
	} else {
		init_launch_detect(&il, s->rootfs, s->problems);
		if (il.flavor != INIT_NONE || il.script_path)
			launch_init(s, &il, &flags);
		else
			launch_manual(s, &flags);
		run_merge = s->launch->method != DL_LAUNCH_NONE;
	}
	if (run_merge)
		read_and_merge(s, &flags);
	listener_set_sort(s->listeners);

	dockerd_flags_clear(&flags);
	init_launch_clear(&il);
	systemd_service_clear(&svc);
}

void effective_for_argv(struct dl_listener_list *listeners, struct dl_launch *launch,
		        enum dl_tls *tls, char **metrics_addr, unsigned *diagnostic_port,
		        const struct rootfs *r,
		        const struct word_list *argv, const struct env *penv, const char *cwd,
		        bool systemd, const char *exe, struct dl_problem_list *problems)
{
	struct dockerd_flags flags = { 0 };
	_cleanup_free_ char *rootless_config = NULL, *rootless_unix = NULL;
	struct scan s = {
		.rootfs = r,
		.launch = launch,
		.listeners = listeners,
		.problems = problems,
		.cwd = cwd && cwd[0] == '/' ? cwd : "/",
		.systemd = systemd,
		.default_config = DEFAULT_CONFIG_FILE,
		.default_unix = DEFAULT_UNIX_SOCKET,
		.exe = exe,
		.penv = penv,
	};
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
		if (xr && xr->value[0] == '/')
			rootless_unix = xasprintf("%s/docker.sock", xr->value);
		if (rootless_config)
			s.default_config = rootless_config;
		else
			problem_add(problems, NULL, 0,
				    "rootless dockerd without HOME or XDG_CONFIG_HOME in its environment: "
				    "cannot tell which daemon.json it reads");
		if (rootless_unix)
			s.default_unix = rootless_unix;
	}
	set_argv(launch, argv);
	parse_command(&s, &flags, argv);
	read_and_merge(&s, &flags);
	*tls = s.tls;
	*metrics_addr = xstrdup(flags.metrics_addr.value ? flags.metrics_addr.value
							 : s.metrics_addr);
	free(s.metrics_addr);
	*diagnostic_port = s.diagnostic_port;
	listener_set_sort(listeners);
	dockerd_flags_clear(&flags);
	socket_set_clear(&s.sockets);
	evidence_list_clear(&s.tls_evidence);
	dockerd_version_clear(&s.version);
	tls_files_clear(&s);
}

void effective_merge(struct dl_listener_list *listeners, struct dl_launch *launch, enum dl_tls *tls,
		     const struct word_list *argv, const struct daemon_json *dj,
		     const struct socket_set *sockets, struct dl_problem_list *problems)
{
	struct dockerd_flags flags = { 0 };
	struct scan s = {
		.rootfs = NULL, /* the merge reads no file */
		.launch = launch,
		.listeners = listeners,
		.problems = problems,
		.cwd = "/",
		.systemd = sockets != NULL,
		.sockets_loaded = true,
		.default_config = DEFAULT_CONFIG_FILE,
		.default_unix = DEFAULT_UNIX_SOCKET,
	};
	if (sockets)
		s.sockets = *sockets; /* borrowed: not cleared here */
	set_argv(launch, argv);
	parse_command(&s, &flags, argv);
	launch->config_file = xstrdup(dj->path ? dj->path : DEFAULT_CONFIG_FILE);
	launch->config_file_present = dj->present;
	merge(&s, &flags, dj);
	listener_set_sort(listeners);
	for (size_t i = 0; i < listeners->count; i++)
		listeners->items[i].state |= DL_STATE_CONFIGURED;
	*tls = s.tls;
	free(s.metrics_addr);
	dockerd_flags_clear(&flags);
	evidence_list_clear(&s.tls_evidence);
}

void effective_scan_config(struct dl_scan_result *res, const struct rootfs *r)
{
	struct scan s = {
		.rootfs = r,
		.launch = &res->launch,
		.listeners = &res->listeners,
		.problems = &res->problems,
		.cwd = "/",
		.default_config = DEFAULT_CONFIG_FILE,
		.default_unix = DEFAULT_UNIX_SOCKET,
	};
	scan_config(&s);
	free(s.metrics_addr);
	free(s.hostname);
	for (size_t i = 0; i < res->listeners.count; i++)
		res->listeners.items[i].state |= DL_STATE_CONFIGURED;
	socket_set_clear(&s.sockets);
	evidence_list_clear(&s.tls_evidence);
	dockerd_version_clear(&s.version);
	tls_files_clear(&s);
}

void launch_clear(struct dl_launch *l)
{
	free(l->unit_path);
	for (size_t i = 0; i < l->argc; i++)
		free(l->argv[i]);
	free(l->argv);
	free(l->config_file);
	free(l->data_root);
	free(l->dockerd_version);
	free(l->dockerd_version_source);
	free(l->dockerd_rules);
	memset(l, 0, sizeof(*l));
}

