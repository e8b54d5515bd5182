/* The merge: from the facts of one launch (read/launch.h, struct
 * merge_facts) to the effective dockerd listener set, its TLS and whether
 * dockerd refuses to start (docs/dockerd-listeners.md §2-§4). Reads no file:
 * everything it needs was read by the facts stage, with a status for each
 * source. Everything that would stop dockerd from starting is a problem with
 * the file and line. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/daemon_json.h"
#include "read/dockerd_args.h"
#include "read/dockerd_version.h"
#include "merge/effective.h"
#include "read/host_spec.h"
#include "read/launch.h"
#include "base/alloc.h"
#include "base/evidence.h"
#include "base/problems.h"
#include "base/words.h"
#include "base/text.h"
#define DEFAULT_DATA_ROOT "/var/lib/docker"

/* One host value to normalise, from a flag or from daemon.json. */
struct host_value {
	const char *value;
	const struct dl_evidence *where;
	const struct dl_evidence *via;
};

/* The merge's state: the facts it works from and what it fills. */
struct scan {
	const struct merge_facts *mf;
	struct dl_launch *launch;           /* filled: refuses_start, data root */
	struct dl_listener_list *listeners; /* filled: the effective set */
	struct dl_problem_list *problems;
	enum dl_tls tls;            /* TLS of TCP listeners */
	struct dl_evidence_list tls_evidence;
	bool tls_default_tcp;      /* no hosts -> tcp://localhost:2376 */
	const char *metrics_addr;  /* daemon.json "metrics-addr" (in mf) */
	unsigned diagnostic_port;  /* daemon.json "network-diagnostic-port", 0 if unset */
};

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

	if (!s->mf->systemd) {
		why = "fd:// needs systemd socket activation, but dockerd is not started by systemd here";
	} else {
		/* The facts stage read them: the merge reads no file. */
		if (!*n || !strcmp(n, "*")) {
			if (s->mf->sockets.count == 0)
				why = "no socket unit passes sockets to docker.service: dockerd fails to start "
				      "(\"no sockets found via socket activation\")";
			for (size_t i = 0; i < s->mf->sockets.count; i++)
				add_socket_listener(s, &s->mf->sockets.items[i], spec, hv->where, hv->via);
		} else {
			unsigned long fdnum;
			if (parse_uint(n, 3, 65535, &fdnum) < 0)
				why = "invalid fd number: dockerd fails to start";
			else if (fdnum - 3 >= s->mf->sockets.count)
				why = "no socket is passed at that fd number: dockerd fails to start";
			else
				add_socket_listener(s, &s->mf->sockets.items[fdnum - 3], spec, hv->where,
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
		l = add_unix(s, s->mf->default_unix, NULL, where ? where : &def, NULL);
		evidence_list_push(&l->evidence, &def);
		listener_add_note(l, "dockerd 23+ only");
	} else {
		evidence_set(&def, SRC_DEFAULT, NULL, 0,
			     "no hosts configured: dockerd listens on unix:///var/run/docker.sock");
		struct dl_listener *l = add_unix(s, s->mf->default_unix, NULL, where ? where : &def, NULL);
		evidence_list_push(&l->evidence, &def);
	}
	evidence_clear(&def);
}

static void add_host_value(struct scan *s, const struct host_value *hv)
{
	struct host_spec h = { 0 };
	struct host_parse_opts o = { .cwd = s->mf->cwd, .default_unix = s->mf->default_unix,
				     .rules = s->mf->version.rules };
	const char *path = hv->where ? hv->where->path : NULL;
	unsigned line = hv->where ? hv->where->line : 0;

	if (host_spec_is_blank(hv->value)) {
		/* v23-v28 map an empty (or blank) entry to the default host;
		 * HEAD drops it. Fail closed: the default is listed. dockerd
		 * 20.10 (opts.ParseHost with the merged Config.TLS, which a
		 * daemon.json "tlsverify" also sets) maps it to
		 * tcp://localhost:2376 whenever TLS is on: checked against the
		 * real 20.10.24 (docs/dockerd-versions.md). */
		bool tcp = s->mf->version.rules == DOCKERD_RULES_V20 ? s->tls != DL_TLS_NONE
								  : s->tls_default_tcp;
		add_default_listeners(s, hv, tcp, false);
		return;
	}
	/* "tcp://%H:2375" with no /etc/hostname in the root: systemd puts the
	 * running host's name there. Keep the TCP listener (fail closed), its
	 * address shown as the specifier, and say the name is unknown. */
	const char *spec = s->mf->hostname_unknown ? strstr(hv->value, "%H") : NULL;
	if (!spec && s->mf->hostname_unknown)
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
		if (s->mf->hostname && h.address && strstr(s->mf->hostname, h.address) == s->mf->hostname &&
		    (!s->mf->hostname[strlen(h.address)] || s->mf->hostname[strlen(h.address)] == '.'))
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

/* With TLS on, a certificate, key or (verifying clients) CA file that is
 * not set or cannot be read makes dockerd exit. From the facts of
 * tls_files_read(); reads no file. */
static void check_tls_files(struct scan *s)
{
	static const char *const what[3] = { "TLS certificate", "TLS key", "TLS CA certificate" };
	if (s->tls == DL_TLS_NONE || !s->mf->tls_files_known)
		return;
	const struct dl_evidence *tls_where =
		s->tls_evidence.count ? &s->tls_evidence.items[0] : NULL;
	bool empty_pair = false;
	for (size_t i = 0; i < 3; i++) {
		/* The CA is loaded only when client certificates are verified. */
		if (i == 2 && s->tls != DL_TLS_MUTUAL)
			continue;
		if (!s->mf->tls[i].path) {
			if (i < 2)
				empty_pair = true;
			continue;
		}
		if (s->mf->tls[i].status == READ_OK)
			continue;
		const struct dl_evidence *where = s->mf->tls[i].where ? s->mf->tls[i].where : tls_where;
		problem_add(s->problems, where ? where->path : NULL, where ? where->line : 0,
			    "dockerd will not start: TLS is on and the %s %s cannot be read (%s)",
			    what[i], s->mf->tls[i].path,
			    s->mf->tls[i].why ? s->mf->tls[i].why : "cannot be opened");
		refuses(s);
	}
	if (empty_pair) {
		problem_add(s->problems, tls_where ? tls_where->path : NULL,
			    tls_where ? tls_where->line : 0,
			    "dockerd will not start: TLS is on but no certificate or key file is set "
			    "(\"Could not load X509 key pair (cert: \\\"\\\", key: \\\"\\\")\")%s",
			    s->mf->tls_flags_dropped
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

/* ------------------------------------------------------------ the merge */

/* The merge: flags, daemon.json and socket units to the listener set, TLS
 * and refusals (docs/dockerd-listeners.md §2, §3). No file access. */
/* A source that exists but could not be read leaves the set open; one its
 * program refuses stops dockerd. Its reader reported it (read/facts.h);
 * should a problem naming the file be missing (facts built by hand), say it
 * here: whatever else the merge finds, the result must not look clean.
 * refused: whether READ_REFUSED counts (not for an optional environment
 * file, which systemd skips); the reason for a refusal may be reported
 * where it is written (a drop-in, the line naming a missing file), so any
 * error explains it. */
static void require_error(struct scan *s, enum read_status status, bool refused, const char *path,
			  const char *what)
{
	if (!(status == READ_UNREADABLE || (refused && status == READ_REFUSED)) ||
	    problem_list_has_error_for(s->problems, status == READ_REFUSED ? NULL : path))
		return;
	problem_add(s->problems, path, 0, "%s %s", what,
		    status == READ_UNREADABLE
			    ? "could not be read: the listener set is not known"
			    : "is refused by the program that reads it: dockerd does not start");
}

/* The facts' statuses: what the launcher or daemon.json make dockerd do,
 * and what could not be read. */
static void merge_statuses(struct scan *s)
{
	const struct merge_facts *mf = s->mf;
	if (mf->launcher == READ_REFUSED)
		refuses(s); /* reported by the facts stage, where it was read */
	if (daemon_json_stops_dockerd(&mf->dj))
		refuses(s); /* reported by the daemon.json reader */
	require_error(s, mf->launcher, true, mf->launcher_path, "the launch definition");
	for (size_t i = 0; i < mf->files.count; i++)
		require_error(s, mf->files.items[i].status, false, mf->files.items[i].path,
			      "a file of the launch definition");
	require_error(s, mf->dj.status, true, mf->dj.path, "daemon.json");
	for (size_t i = 0; i < mf->sockets.files.count; i++)
		require_error(s, mf->sockets.files.items[i].status, true,
			      mf->sockets.files.items[i].path, "a socket unit of docker.service");
	if (!mf->sockets.files.count)
		require_error(s, mf->sockets.status, true, NULL, "a socket unit of docker.service");
}

static void merge(struct scan *s)
{
	struct dl_launch *launch = s->launch;
	const struct dockerd_flags *flags = &s->mf->flags;
	const struct daemon_json *dj = &s->mf->dj;

	merge_statuses(s);

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
		if (tlsverify_key_only && s->mf->version.rules == DOCKERD_RULES_V20)
			add_default_listeners(s, NULL, true, false);
		else if (tlsverify_key_only && s->mf->version.rules != DOCKERD_RULES_UNKNOWN)
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
		s->metrics_addr = dj->metrics_addr.value;
	unsigned long port;
	if (dj->network_diagnostic_port.value &&
	    parse_uint(dj->network_diagnostic_port.value, 1, 65535, &port) == 0)
		s->diagnostic_port = (unsigned)port;
}

void effective_merge_facts(struct dl_listener_list *listeners, struct dl_launch *launch,
			   enum dl_tls *tls, char **metrics_addr, unsigned *diagnostic_port,
			   const struct merge_facts *mf, struct dl_problem_list *problems)
{
	struct scan s = {
		.mf = mf,
		.launch = launch,
		.listeners = listeners,
		.problems = problems,
	};
	merge(&s);
	listener_set_sort(listeners);
	*tls = s.tls;
	if (metrics_addr)
		*metrics_addr = xstrdup(mf->flags.metrics_addr.value ? mf->flags.metrics_addr.value
								     : s.metrics_addr);
	if (diagnostic_port)
		*diagnostic_port = s.diagnostic_port;
	evidence_list_clear(&s.tls_evidence);
}

void effective_merge(struct dl_listener_list *listeners, struct dl_launch *launch, enum dl_tls *tls,
		     const struct word_list *argv, const struct daemon_json *dj,
		     const struct socket_set *sockets, struct dl_problem_list *problems)
{
	/* Facts given as data: the daemon.json and the sockets are borrowed
	 * (shallow copies, taken back before merge_facts_clear()). */
	struct merge_facts mf = {
		.launcher = READ_OK,
		.systemd = sockets != NULL,
		.cwd = xstrdup("/"),
		.default_unix = xstrdup(LAUNCH_DEFAULT_UNIX_SOCKET),
		.dj = *dj,
	};
	if (sockets)
		mf.sockets = *sockets;
	launch_set_argv(launch, argv);
	launch_parse_command(&mf.flags, argv, problems);
	launch->config_file = xstrdup(dj->path ? dj->path : LAUNCH_DEFAULT_CONFIG_FILE);
	launch->config_file_present = daemon_json_was_read(dj);
	effective_merge_facts(listeners, launch, tls, NULL, NULL, &mf, problems);
	for (size_t i = 0; i < listeners->count; i++)
		listeners->items[i].state |= DL_STATE_CONFIGURED;
	memset(&mf.dj, 0, sizeof(mf.dj));
	memset(&mf.sockets, 0, sizeof(mf.sockets));
	merge_facts_clear(&mf);
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

