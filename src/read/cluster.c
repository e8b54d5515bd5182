/* Cluster membership from a Docker data root: swarm role and UCP/MKE.
 *
 * Facts this module relies on, with their sources:
 *
 * - Swarm state lives in <data-root>/swarm ("swarm" = swarmDirName, moby
 *   daemon/cluster/cluster.go). At start dockerd loads docker-state.json
 *   (stateFile) and restores the swarm node only when
 *   certificates/swarm-node.crt also exists; with the certificate missing it
 *   clears the state (daemon/cluster/utils.go loadPersistentState). A state
 *   file it cannot decode makes Cluster.Start fail, and dockerd exits with
 *   "failed to start cluster component" (daemon/command/daemon.go).
 * - docker-state.json is encoding/json of nodeStartConfig (noderunner.go):
 *   LocalAddr, RemoteAddr, ListenAddr, AdvertiseAddr, DataPathAddr (strings),
 *   DefaultAddressPool, SubnetSize, DataPathPort, JoinInProgress. ListenAddr
 *   and AdvertiseAddr are written with net.JoinHostPort (swarm.go Init/Join),
 *   so "0.0.0.0:2377" or "[::]:2377"; the default listen address is
 *   tcp://0.0.0.0:2377 (cluster.go defaultAddr). Go decodes object keys
 *   case-insensitively, the last duplicate winning; so do we.
 * - The node certificate's subject is O=<cluster id>, OU=<role>,
 *   CN=<node id>, the role being "swarm-manager" or "swarm-worker"
 *   (swarmkit ca/certificates.go ManagerRole/WorkerRole). Only managers keep
 *   the raft log (<swarm>/raft), which is the fallback when the certificate
 *   cannot be read.
 * - Container records are <data-root>/containers/<id>/config.v2.json (moby
 *   container/container.go configFileName): Name ("/name"), Config.Image (as
 *   the user gave it), Config.Labels, State.Running, State.Pid. dockerd skips
 *   a record it cannot decode (daemon restore logs and continues).
 * - UCP / MKE components (docs.mirantis.com mke 3.3-3.8 ref-arch
 *   manager-nodes and worker-nodes, "Swarm-only images"): see
 *   ucp_components[] below. ucp-agent is a global swarm service, so its
 *   containers are tasks named "ucp-agent.<node id>.<task id>"; MKE 3.3+
 *   splits it into ucp-manager-agent / ucp-worker-agent. Every component image
 *   is <org>/ucp-<component> (docker/ucp-agent, mirantis/ucp-proxy, or a
 *   private registry mirror), and UCP labels what it creates com.docker.ucp.*.
 *
 * Decisions (documented, not upstream facts):
 * - A known component name, a known swarm service label, a ucp-* image or
 *   the com.docker.ucp.version label is strong evidence. Any other name
 *   starting "ucp-" and any other com.docker.ucp.* label (UCP puts
 *   com.docker.ucp.access.label on user workloads it schedules) is weak
 *   evidence, and still counts: this is a compliance probe, and taking a
 *   node for a UCP node only makes the DISA rule apply to it. The installer
 *   container is named plain "ucp" and runs image <org>/ucp: it runs only
 *   while installing or upgrading and does not by itself count.
 * - No UCP evidence, but some container record unreadable: "unknown".
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "read/cluster.h"
#include "base/text.h"
#include "base/alloc.h"
#include "base/evidence.h"
#include "base/problems.h"
/* Longest text taken from an input into evidence (names, subjects). */
#define MAX_FIELD_TEXT 256
/* Linux PID_MAX_LIMIT (include/linux/threads.h): 4 Mi on 64-bit. */
#define MAX_PID 4194304ul
/* /proc/PID/cgroup of a container process: a handful of short lines. */
#define MAX_CGROUP_FILE (64u * 1024u)

/* ------------------------------------------------------------ text helpers */

/* Copy at most MAX_FIELD_TEXT bytes of untrusted text for evidence, control
 * characters replaced so that no renderer prints raw escapes. */
static char *clean_text(const char *s, size_t len)
{
	if (len > MAX_FIELD_TEXT)
		len = text_utf8_cut(s, len, MAX_FIELD_TEXT); /* never split a character */
	char *d = xstrndup(s, len);
	for (char *p = d; *p; p++)
		if (text_is_control(*p))
			*p = '?';
	return d;
}

/* Append printf text to a growing string. */
static void append(char **s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void append(char **s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *add = xvasprintf(fmt, ap);
	va_end(ap);
	char *t = xasprintf("%s%s", *s ? *s : "", add);
	free(add);
	free(*s);
	*s = t;
}

/* 1-based line of byte offset off in buf. */
static unsigned line_of(const char *buf, size_t len, size_t off)
{
	unsigned line = 1;
	for (size_t i = 0; i < off && i < len; i++)
		if (buf[i] == '\n')
			line++;
	return line;
}

/* ------------------------------------------------------------ endpoints */

void cluster_endpoint_clear(struct cluster_endpoint *e)
{
	free(e->text);
	free(e->host);
	e->text = e->host = NULL;
	e->port = 0;
}

int cluster_endpoint_parse(struct cluster_endpoint *e, const char *text)
{
	const char *host, *hend, *port;
	cluster_endpoint_clear(e);
	if (!text || !*text)
		return 0;
	e->text = clean_text(text, strlen(text));
	/* Go net.SplitHostPort: "[host]:port", or "host:port" with exactly one
	 * colon. */
	if (text[0] == '[') {
		hend = strchr(text, ']');
		if (!hend || hend[1] != ':')
			return -EINVAL;
		host = text + 1;
		port = hend + 2;
	} else {
		hend = strchr(text, ':');
		if (!hend || strchr(hend + 1, ':'))
			return -EINVAL;
		host = text;
		port = hend + 1;
	}
	unsigned long p;
	if (parse_uint(port, 0, 65535, &p) < 0)
		return -EINVAL;
	e->host = clean_text(host, (size_t)(hend - host));
	e->port = (unsigned)p;
	return 0;
}

/* ------------------------------------------------------------ UCP names */

/* Component names from the MKE reference architecture pages (manager and
 * worker nodes, MKE 3.3 to 3.8) and the swarm-only image list. Windows
 * nodes use the same names with "-win" appended. Sorted for bsearch. */
static const char *const ucp_components[] = {
	"ucp-agent",
	"ucp-auth-api",
	"ucp-auth-store",
	"ucp-auth-worker",
	"ucp-azure-ip-allocator",
	"ucp-client-root-ca",
	"ucp-cluster-agent",
	"ucp-cluster-root-ca",
	"ucp-controller",
	"ucp-dsinfo",
	"ucp-hardware-info",
	"ucp-interlock",
	"ucp-interlock-config",
	"ucp-interlock-extension",
	"ucp-interlock-proxy",
	"ucp-kube-apiserver",
	"ucp-kube-controller-manager",
	"ucp-kube-proxy",
	"ucp-kube-scheduler",
	"ucp-kubelet",
	"ucp-kv",
	"ucp-manager-agent",
	"ucp-metrics",
	"ucp-node-feature-discovery",
	"ucp-nvidia-gpu-device-discovery",
	"ucp-pod-cleaner",
	"ucp-proxy",
	"ucp-reconcile",
	"ucp-sf-notifier",
	"ucp-swarm-manager",
	"ucp-tigera-felix",
	"ucp-tigera-node",
	"ucp-worker-agent",
};

static int cmp_component(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static bool component_known(const char *name, size_t len)
{
	char buf[64];
	if (len >= sizeof(buf))
		return false;
	memcpy(buf, name, len);
	buf[len] = '\0';
	if (bsearch(buf, ucp_components, sizeof(ucp_components) / sizeof(ucp_components[0]),
		    sizeof(ucp_components[0]), cmp_component))
		return true;
	if (len > 4 && !strcmp(buf + len - 4, "-win")) {
		buf[len - 4] = '\0';
		return bsearch(buf, ucp_components,
			       sizeof(ucp_components) / sizeof(ucp_components[0]),
			       sizeof(ucp_components[0]), cmp_component) != NULL;
	}
	return false;
}

bool ucp_component_name(const char *name)
{
	return name && component_known(name, strlen(name));
}

/* "ucp-" followed by at least one character. */
static bool ucp_prefixed(const char *s, size_t len)
{
	return len > 4 && !strncmp(s, "ucp-", 4);
}

/* A swarm task id or node id part: non-empty, [A-Za-z0-9]. */
static bool task_part(const char *s, size_t len)
{
	if (!len)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			return false;
	}
	return true;
}

unsigned ucp_container_name_match(const char *name)
{
	if (!name)
		return 0;
	if (name[0] == '/')
		name++;
	size_t len = strlen(name);
	if (component_known(name, len))
		return UCP_MATCH_NAME;
	/* A swarm task: <service>.<slot or node id>.<task id> (swarmkit
	 * naming of task containers). */
	const char *dot1 = strchr(name, '.');
	if (dot1) {
		const char *dot2 = strchr(dot1 + 1, '.');
		if (dot2 && task_part(dot1 + 1, (size_t)(dot2 - dot1 - 1)) &&
		    task_part(dot2 + 1, strlen(dot2 + 1)) &&
		    component_known(name, (size_t)(dot1 - name)))
			return UCP_MATCH_NAME;
	}
	/* Kubernetes containers run by the kubelet on Docker are named
	 * k8s_<container>_<pod>_<namespace>_<uid>_<attempt>. */
	if (!strncmp(name, "k8s_", 4)) {
		const char *c = name + 4;
		const char *us = strchr(c, '_');
		size_t l = us ? (size_t)(us - c) : strlen(c);
		if (ucp_prefixed(c, l))
			return UCP_MATCH_NAME_PREFIX;
	}
	if (ucp_prefixed(name, len))
		return UCP_MATCH_NAME_PREFIX;
	return 0;
}

char *image_repository_name(const char *image)
{
	if (!image)
		return xstrdup("");
	/* name[:tag][@digest]; the registry (which may carry a port) and the
	 * namespace are the components before the last '/'. */
	size_t len = strcspn(image, "@");
	const char *last = image;
	for (size_t i = 0; i < len; i++)
		if (image[i] == '/')
			last = image + i + 1;
	size_t l = (size_t)(image + len - last);
	const char *colon = memchr(last, ':', l);
	if (colon)
		l = (size_t)(colon - last);
	return xstrndup(last, l);
}

bool ucp_image_match(const char *image)
{
	_cleanup_free_ char *repo = image_repository_name(image);
	return ucp_prefixed(repo, strlen(repo));
}

/* ------------------------------------------------------------ JSON */

/* Parse a whole file as one JSON value, strictly (Go encoding/json accepts
 * no comments and nothing after the value). A problem names path and line. */
static struct json_object *parse_json_file(const char *buf, size_t len, const char *path,
					   const char *what, struct dl_problem_list *problems)
{
	struct json_tokener *tok = json_tokener_new_ex(CLUSTER_MAX_JSON_DEPTH);
	if (!tok) {
		problem_add(problems, path, 0, "cannot parse %s: out of memory", what);
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	if (len > (size_t)INT32_MAX - 1)
		len = (size_t)INT32_MAX - 1;
	/* Include the NUL so that a bare number or literal ends. */
	struct json_object *o = json_tokener_parse_ex(tok, buf, (int)len + 1);
	enum json_tokener_error err = json_tokener_get_error(tok);
#if defined(JSON_C_VERSION_NUM) && JSON_C_VERSION_NUM >= ((0 << 16) | (15 << 8))
	size_t end = json_tokener_get_parse_end(tok);
#else
	/* json-c 0.13/0.14 (configure accepts >= 0.13) have no accessor. */
	size_t end = tok->char_offset < 0 ? 0 : (size_t)tok->char_offset;
#endif
	json_tokener_free(tok);
	if (err != json_tokener_success) {
		json_object_put(o);
		problem_add(problems, path, line_of(buf, len, end), "%s is not valid JSON: %s",
			    what, json_tokener_error_desc(err));
		return NULL;
	}
	/* parse_end counts the NUL we passed; anything but blanks before it is
	 * trailing data. */
	for (size_t i = end > len ? len : end; i < len; i++) {
		if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\n' && buf[i] != '\r') {
			json_object_put(o);
			problem_add(problems, path, line_of(buf, len, i),
				    "%s is not valid JSON: data after the top-level value", what);
			return NULL;
		}
	}
	if (!json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		problem_add(problems, path, 1, "%s is not a JSON object", what);
		return NULL;
	}
	return o;
}

/* Field of an object by Go's rule: exact or case-insensitive key match, the
 * last one in document order winning. NULL when absent or null. */
static struct json_object *json_field(struct json_object *o, const char *key)
{
	struct json_object *found = NULL;
	if (!o || !json_object_is_type(o, json_type_object))
		return NULL;
	json_object_object_foreach(o, k, v) {
		if (!strcasecmp(k, key))
			found = v;
	}
	return found;
}

/* A string field: 0 with *out (NULL when absent/null), or -EINVAL. */
static int json_string_field(struct json_object *o, const char *key, const char **out)
{
	struct json_object *v = json_field(o, key);
	*out = NULL;
	if (!v)
		return 0;
	if (!json_object_is_type(v, json_type_string))
		return -EINVAL;
	*out = json_object_get_string(v);
	return 0;
}

/* ------------------------------------------------------------ swarm */

static void read_swarm_state(struct cluster_info *ci, const struct rootfs *r, const char *path,
			     struct dl_problem_list *problems)
{
	_cleanup_free_ char *buf = NULL;
	size_t len;
	int e = rootfs_read_file(r, path, CLUSTER_MAX_STATE_FILE, &buf, &len);
	if (e < 0) {
		ci->swarm_status = READ_UNREADABLE;
		problem_add(problems, path, 0, "cannot read swarm state: %s", rootfs_strerror(e));
		return;
	}
	ci->swarm_status = READ_OK;
	struct json_object *o = parse_json_file(buf, len, path, "swarm state", problems);
	if (!o) {
		ci->swarm_status = READ_REFUSED;
		problem_add(problems, path, 0,
			    "dockerd cannot decode this swarm state and fails to start "
			    "(\"failed to start cluster component\")");
		return;
	}

	static const char *const keys[] = { "ListenAddr", "AdvertiseAddr", "DataPathAddr",
					    "LocalAddr", "RemoteAddr" };
	const char *val[5];
	bool bad = false;
	for (size_t i = 0; i < 5; i++) {
		if (json_string_field(o, keys[i], &val[i]) < 0) {
			problem_add(problems, path, 0, "swarm state: %s is not a string", keys[i]);
			bad = true;
		}
	}
	struct json_object *jip = json_field(o, "JoinInProgress");
	if (jip && !json_object_is_type(jip, json_type_boolean)) {
		problem_add(problems, path, 0, "swarm state: JoinInProgress is not a boolean");
		bad = true;
	} else if (jip) {
		ci->join_in_progress = json_object_get_boolean(jip);
	}
	if (bad) {
		ci->swarm_status = READ_REFUSED;
		problem_add(problems, path, 0,
			    "dockerd cannot decode this swarm state and fails to start "
			    "(\"failed to start cluster component\")");
	}

	if (cluster_endpoint_parse(&ci->listen, val[0]) < 0)
		problem_add(problems, path, 0, "swarm state: ListenAddr \"%s\" is not host:port",
			    ci->listen.text);
	if (cluster_endpoint_parse(&ci->advertise, val[1]) < 0)
		problem_add(problems, path, 0,
			    "swarm state: AdvertiseAddr \"%s\" is not host:port",
			    ci->advertise.text);
	if (val[2] && *val[2])
		ci->data_path_addr = clean_text(val[2], strlen(val[2]));
	if (val[3] && *val[3])
		ci->local_addr = clean_text(val[3], strlen(val[3]));
	if (val[4] && *val[4])
		ci->remote_addr = clean_text(val[4], strlen(val[4]));

	_cleanup_free_ char *text =
		xasprintf("ListenAddr=%s AdvertiseAddr=%s%s", ci->listen.text ? ci->listen.text : "",
			  ci->advertise.text ? ci->advertise.text : "",
			  ci->join_in_progress ? " JoinInProgress=true" : "");
	evidence_list_add(&ci->evidence, SRC_SWARM_STATE, path, 0, text);
	json_object_put(o);
}

/* UTF-8 text of the first subject entry with nid, and how many there are. */
static char *subject_entry(X509_NAME *n, int nid, int *count)
{
	char *text = NULL;
	*count = 0;
	for (int i = X509_NAME_get_index_by_NID(n, nid, -1); i >= 0;
	     i = X509_NAME_get_index_by_NID(n, nid, i)) {
		if ((*count)++)
			continue;
		unsigned char *utf8 = NULL;
		int l = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(n, i)));
		if (l >= 0) {
			/* An embedded NUL ends the text: it is never a role. */
			text = clean_text((const char *)utf8, strnlen((const char *)utf8, (size_t)l));
			OPENSSL_free(utf8);
		}
	}
	return text;
}

static void openssl_reason(char *buf, size_t size)
{
	unsigned long code = ERR_peek_last_error();
	if (code)
		ERR_error_string_n(code, buf, size);
	else
		snprintf(buf, size, "no PEM certificate found");
	ERR_clear_error();
}

/* The role the node certificate states, or DL_SWARM_UNKNOWN with a
 * problem. */
static enum dl_swarm_role read_node_certificate(struct cluster_info *ci, const struct rootfs *r,
						const char *path,
						struct dl_problem_list *problems)
{
	_cleanup_free_ char *buf = NULL;
	size_t len;
	int e = rootfs_read_file(r, path, CLUSTER_MAX_CERT_FILE, &buf, &len);
	if (e < 0) {
		problem_add(problems, path, 0, "cannot read the swarm node certificate: %s",
			    rootfs_strerror(e));
		return DL_SWARM_UNKNOWN;
	}
	ERR_clear_error();
	BIO *bio = BIO_new_mem_buf(buf, (int)len);
	if (!bio) {
		problem_add(problems, path, 0, "cannot read the swarm node certificate: out of memory");
		return DL_SWARM_UNKNOWN;
	}
	/* The file holds the node certificate first, then its issuers. */
	X509 *cert = PEM_read_bio_X509(bio, NULL, NULL, NULL);
	BIO_free(bio);
	if (!cert) {
		char why[256];
		openssl_reason(why, sizeof(why));
		problem_add(problems, path, 0, "swarm node certificate cannot be parsed: %s", why);
		return DL_SWARM_UNKNOWN;
	}
	X509_NAME *subject = X509_get_subject_name(cert);
	int n_ou = 0, n_cn = 0, n_o = 0;
	_cleanup_free_ char *ou = subject ? subject_entry(subject, NID_organizationalUnitName, &n_ou) : NULL;
	_cleanup_free_ char *cn = subject ? subject_entry(subject, NID_commonName, &n_cn) : NULL;
	_cleanup_free_ char *org = subject ? subject_entry(subject, NID_organizationName, &n_o) : NULL;
	X509_free(cert);
	ERR_clear_error();

	enum dl_swarm_role role = DL_SWARM_UNKNOWN;
	if (n_ou != 1 || !ou)
		problem_add(problems, path, 0,
			    "swarm node certificate subject has %d OU entries, expected one "
			    "(swarm-manager or swarm-worker)", n_ou);
	else if (!strcmp(ou, "swarm-manager"))
		role = DL_SWARM_MANAGER;
	else if (!strcmp(ou, "swarm-worker"))
		role = DL_SWARM_WORKER;
	else
		problem_add(problems, path, 0,
			    "swarm node certificate subject OU \"%s\" is neither swarm-manager "
			    "nor swarm-worker", ou);
	if (role == DL_SWARM_UNKNOWN)
		return role;

	free(ci->node_id);
	free(ci->cluster_id);
	ci->node_id = xstrdup(cn);
	ci->cluster_id = xstrdup(org);
	_cleanup_free_ char *text = xasprintf("subject O=%s OU=%s CN=%s: %s", org ? org : "",
					      ou, cn ? cn : "", dl_swarm_role_name(role));
	evidence_list_add(&ci->evidence, SRC_SWARM_CERTIFICATE, path, 0, text);
	return role;
}

/* -ENOENT, 0 present, or another -errno with a problem added. */
static int swarm_file_present(const struct rootfs *r, const char *path, const char *what,
			      struct dl_problem_list *problems)
{
	struct stat st;
	int e = rootfs_stat(r, path, &st);
	if (e == -ENOENT || e == -ENOTDIR)
		return -ENOENT;
	if (e < 0) {
		problem_add(problems, path, 0, "cannot check the %s: %s", what, rootfs_strerror(e));
		return e;
	}
	return 0;
}

static void scan_swarm(struct cluster_info *ci, const struct rootfs *r,
		       struct dl_problem_list *problems)
{
	_cleanup_free_ char *state = rootfs_join(ci->data_root, "swarm/docker-state.json");
	_cleanup_free_ char *crt = rootfs_join(ci->data_root, "swarm/certificates/swarm-node.crt");
	_cleanup_free_ char *raft = rootfs_join(ci->data_root, "swarm/raft");

	int es = swarm_file_present(r, state, "swarm state", problems);
	int ec = swarm_file_present(r, crt, "swarm node certificate", problems);
	if (es == -ENOENT) {
		ci->swarm = DL_SWARM_INACTIVE;
		evidence_list_add(&ci->evidence, SRC_SWARM_STATE, state, 0,
				  "absent: swarm inactive");
		return;
	}
	if (ec == -ENOENT) {
		ci->swarm = DL_SWARM_INACTIVE;
		evidence_list_add(&ci->evidence, SRC_SWARM_CERTIFICATE, crt, 0,
				  "absent: dockerd discards docker-state.json without it, "
				  "swarm inactive");
		return;
	}
	if (es < 0 || ec < 0) {
		ci->swarm_status = READ_UNREADABLE;
		ci->swarm = DL_SWARM_UNKNOWN;
		return;
	}

	read_swarm_state(ci, r, state, problems);
	enum dl_swarm_role role = read_node_certificate(ci, r, crt, problems);
	if (role != DL_SWARM_UNKNOWN) {
		ci->swarm = role;
		ci->swarm_method = DL_SWARM_BY_CERTIFICATE;
		return;
	}

	/* Fallback: only managers keep the raft log. */
	struct stat st;
	int e = rootfs_stat(r, raft, &st);
	if (e == 0 && S_ISDIR(st.st_mode)) {
		ci->swarm = DL_SWARM_MANAGER;
		evidence_list_add(&ci->evidence, SRC_SWARM_RAFT, raft, 0,
				  "raft directory exists: manager (raft-heuristic, the node "
				  "certificate could not be used)");
	} else if (e == 0 || e == -ENOENT || e == -ENOTDIR) {
		ci->swarm = DL_SWARM_WORKER;
		evidence_list_add(&ci->evidence, SRC_SWARM_RAFT, raft, 0,
				  "no raft directory: worker (raft-heuristic, the node "
				  "certificate could not be used)");
	} else {
		problem_add(problems, raft, 0, "cannot check the swarm raft directory: %s",
			    rootfs_strerror(e));
		ci->swarm = DL_SWARM_UNKNOWN;
		return;
	}
	ci->swarm_method = DL_SWARM_BY_RAFT_HEURISTIC;
	problem_add(problems, crt, 0, "swarm role %s decided by the raft-heuristic instead",
		    dl_swarm_role_name(ci->swarm));
}

/* ------------------------------------------------------------ containers */

static void ucp_container_clear(struct ucp_container *c)
{
	free(c->id);
	free(c->path);
	free(c->name);
	free(c->image);
	free(c->note);
}

/* Live check of a recorded pid: gone, or now another process (its cgroup
 * path no longer names the container id: cgroupfs driver "/docker/<id>",
 * systemd driver "docker-<id>.scope", kubelet ".../<id>"), means the record
 * is stale, e.g. dockerd was killed and has not restarted yet. */
static void check_live_pid(struct ucp_container *c, const struct rootfs *r)
{
	_cleanup_free_ char *dir = xasprintf("/proc/%lu", c->pid);
	_cleanup_free_ char *cg = xasprintf("/proc/%lu/cgroup", c->pid);
	struct stat st;
	int e = rootfs_stat(r, dir, &st);
	if (e == -ENOENT) {
		c->running = false;
		c->note = xasprintf("State.Pid %lu does not exist: stale record, not running",
				    c->pid);
		return;
	}
	if (e < 0) {
		c->note = xasprintf("State.Pid %lu could not be checked: %s", c->pid,
				    rootfs_strerror(e));
		return;
	}
	_cleanup_free_ char *buf = NULL;
	e = rootfs_read_file(r, cg, MAX_CGROUP_FILE, &buf, NULL);
	if (e < 0) {
		c->note = xasprintf("State.Pid %lu exists; its cgroup could not be read (%s)",
				    c->pid, rootfs_strerror(e));
		return;
	}
	/* A short id could match by chance: only check full-length ids. */
	if (strlen(c->id) >= 32 && !strstr(buf, c->id)) {
		c->running = false;
		c->note = xasprintf("State.Pid %lu belongs to another process (its cgroup does "
				    "not name the container): stale record, not running",
				    c->pid);
	}
}

/* Read one record. Returns 1 when it was read and understood, 0 for an entry
 * that is no container record, or a negative errno when it could not be read
 * (the rootfs error) or understood (-EBADMSG); a problem says which. */
static int scan_container(struct cluster_info *ci, const struct rootfs *r, const char *dir,
			   const char *id, unsigned flags, size_t *budget,
			   struct dl_problem_list *problems)
{
	_cleanup_free_ char *cdir = rootfs_join(dir, id);
	_cleanup_free_ char *path = rootfs_join(cdir, "config.v2.json");
	struct stat st;
	int e = rootfs_stat(r, cdir, &st);
	if (e == 0 && !S_ISDIR(st.st_mode))
		return 0; /* a stray file: not a container record for any dockerd */
	if (e < 0) {
		problem_add(problems, cdir, 0, "cannot read container record: %s",
			    rootfs_strerror(e));
		return e;
	}
	_cleanup_free_ char *buf = NULL;
	size_t len;
	e = rootfs_read_file(r, path, CLUSTER_MAX_CONTAINER_CONFIG, &buf, &len);
	if (e < 0) {
		problem_add(problems, path, 0, "cannot read container record: %s",
			    rootfs_strerror(e));
		return e;
	}
	*budget = len > *budget ? 0 : *budget - len;

	struct json_object *o = parse_json_file(buf, len, path, "container record", problems);
	if (!o)
		return -EBADMSG;

	bool ok = true;
	const char *name = NULL, *image = NULL;
	struct json_object *config = json_field(o, "Config");
	struct json_object *state = json_field(o, "State");
	struct json_object *labels = NULL;
	if (json_string_field(o, "Name", &name) < 0) {
		problem_add(problems, path, 0, "container record: Name is not a string");
		ok = false;
	}
	if (config && !json_object_is_type(config, json_type_object)) {
		problem_add(problems, path, 0, "container record: Config is not an object");
		config = NULL;
		ok = false;
	}
	if (json_string_field(config, "Image", &image) < 0) {
		problem_add(problems, path, 0, "container record: Config.Image is not a string");
		ok = false;
	}
	labels = json_field(config, "Labels");
	if (labels && !json_object_is_type(labels, json_type_object)) {
		problem_add(problems, path, 0, "container record: Config.Labels is not an object");
		labels = NULL;
		ok = false;
	}

	unsigned match = ucp_container_name_match(name);
	if (ucp_image_match(image))
		match |= UCP_MATCH_IMAGE;
	_cleanup_free_ char *label_text = NULL;
	if (labels) {
		json_object_object_foreach(labels, key, val) {
			if (val && !json_object_is_type(val, json_type_string)) {
				problem_add(problems, path, 0,
					    "container record: label value of \"%.64s\" is not a string",
					    key);
				ok = false;
				continue;
			}
			const char *v = val ? json_object_get_string(val) : "";
			unsigned bit = 0;
			if (!strcmp(key, "com.docker.ucp.version"))
				bit = UCP_MATCH_VERSION_LABEL;
			else if (str_startswith(key, "com.docker.ucp."))
				bit = UCP_MATCH_UCP_LABEL;
			else if (!strcmp(key, "com.docker.swarm.service.name") &&
				 ucp_component_name(v))
				bit = UCP_MATCH_SERVICE_LABEL;
			if (!bit || (match & bit))
				continue;
			match |= bit;
			_cleanup_free_ char *k = clean_text(key, strlen(key));
			_cleanup_free_ char *vv = clean_text(v, strlen(v));
			append(&label_text, " label %s=%s;", k, vv);
		}
	}

	bool running = false;
	unsigned long pid = 0;
	if (state && !json_object_is_type(state, json_type_object)) {
		problem_add(problems, path, 0, "container record: State is not an object");
		state = NULL;
		ok = false;
	}
	struct json_object *jr = json_field(state, "Running");
	if (jr && !json_object_is_type(jr, json_type_boolean)) {
		problem_add(problems, path, 0, "container record: State.Running is not a boolean");
		ok = false;
	} else if (jr) {
		running = json_object_get_boolean(jr);
	}
	struct json_object *jp = json_field(state, "Pid");
	if (jp) {
		int64_t p = json_object_get_int64(jp);
		if (!json_object_is_type(jp, json_type_int) || p < 0 || (uint64_t)p > MAX_PID) {
			_cleanup_free_ char *raw = clean_text(json_object_to_json_string(jp), 32);
			problem_add(problems, path, 0,
				    "container record: State.Pid %s is not a process id", raw);
			ok = false;
		} else {
			pid = (unsigned long)p;
		}
	}

	if (match) {
		grow_array(&ci->ucp_containers, &ci->ucp_cap, ci->ucp_count + 1,
			   sizeof(*ci->ucp_containers));
		struct ucp_container *c = &ci->ucp_containers[ci->ucp_count++];
		memset(c, 0, sizeof(*c));
		c->id = xstrdup(id);
		c->path = xstrdup(path);
		c->name = name ? clean_text(name[0] == '/' ? name + 1 : name, strlen(name)) : NULL;
		c->image = image ? clean_text(image, strlen(image)) : NULL;
		c->match = match;
		c->recorded_running = running;
		c->pid = pid;
		c->running = running;
		if ((flags & CLUSTER_SCAN_LIVE) && running && pid > 0)
			check_live_pid(c, r);
		else if ((flags & CLUSTER_SCAN_LIVE) && running)
			c->note = xstrdup("State.Running is true but no State.Pid is recorded");

		_cleanup_free_ char *repo = image_repository_name(image);
		_cleanup_free_ char *text = NULL;
		append(&text, "Name=/%s Image=%s State.Running=%s State.Pid=%lu:",
		       c->name ? c->name : "", c->image ? c->image : "",
		       running ? "true" : "false", pid);
		if (match & UCP_MATCH_NAME)
			append(&text, " name is an MKE component;");
		if (match & UCP_MATCH_NAME_PREFIX)
			append(&text, " name starts ucp-;");
		if (match & UCP_MATCH_IMAGE) {
			_cleanup_free_ char *rr = clean_text(repo, strlen(repo));
			append(&text, " image repository %s;", rr);
		}
		if (label_text)
			append(&text, "%s", label_text);
		if (!(match & UCP_MATCH_STRONG))
			append(&text, " weak evidence only;");
		append(&text, "%s", c->running ? " running" : " not running");
		if (c->note)
			append(&text, " (%s)", c->note);
		evidence_list_add(&ci->evidence, SRC_CONTAINER_CONFIG, path, 0, text);
	}
	json_object_put(o);
	/* The fields that could be read were used; the record still counts as
	 * not understood, so that "no UCP" is never concluded past it. */
	if (!ok)
		problem_add(problems, path, 0,
			    "dockerd cannot decode this container record and skips it");
	return ok ? 1 : -EBADMSG;
}

static void scan_containers(struct cluster_info *ci, const struct rootfs *r, unsigned flags,
			    struct dl_problem_list *problems)
{
	_cleanup_free_ char *dir = rootfs_join(ci->data_root, "containers");
	char **names = NULL;
	size_t n = 0;
	int e = rootfs_list_dir(r, dir, &names, &n);
	ci->ucp_status = read_status_from_errno(e);
	if (e == -ENOENT) {
		ci->ucp = DL_UCP_NO;
		evidence_list_add(&ci->evidence, SRC_CONTAINER_CONFIG, dir, 0,
				  "absent: no container records, no UCP/MKE component");
		return;
	}
	if (e < 0) {
		if (e == -E2BIG)
			problem_add(problems, dir, 0,
				    "cannot list container records: more than %u entries; UCP "
				    "membership unknown", (unsigned)CLUSTER_MAX_CONTAINERS);
		else
			problem_add(problems, dir, 0,
				    "cannot list container records: %s; UCP membership unknown",
				    rootfs_strerror(e));
		ci->ucp = DL_UCP_UNKNOWN;
		ci->containers_unreadable++;
		return;
	}

	size_t budget = CLUSTER_MAX_CONTAINER_BYTES;
	for (size_t i = 0; i < n; i++) {
		if (!budget) {
			problem_add(problems, dir, 0,
				    "container records exceed %u MiB in total: %zu records not read",
				    CLUSTER_MAX_CONTAINER_BYTES / (1024u * 1024u), n - i);
			ci->containers_unreadable += n - i;
			break;
		}
		int k = scan_container(ci, r, dir, names[i], flags, &budget, problems);
		if (k > 0)
			ci->containers_scanned++;
		else if (k < 0)
			ci->containers_unreadable++;
	}
	rootfs_free_names(names, n);
	if (ci->containers_unreadable)
		ci->ucp_status = READ_UNREADABLE;

	for (size_t i = 0; i < ci->ucp_count; i++)
		if (ci->ucp_containers[i].running)
			ci->ucp_running = true;
	if (ci->ucp_count) {
		ci->ucp = DL_UCP_YES;
	} else if (ci->containers_unreadable) {
		ci->ucp = DL_UCP_UNKNOWN;
		_cleanup_free_ char *text = xasprintf(
			"%zu container records read, none from UCP/MKE; %zu could not be read: "
			"UCP membership unknown", ci->containers_scanned, ci->containers_unreadable);
		evidence_list_add(&ci->evidence, SRC_CONTAINER_CONFIG, dir, 0, text);
	} else {
		ci->ucp = DL_UCP_NO;
		_cleanup_free_ char *text = xasprintf(
			"%zu container records read, none from UCP/MKE", ci->containers_scanned);
		evidence_list_add(&ci->evidence, SRC_CONTAINER_CONFIG, dir, 0, text);
	}
}

/* ------------------------------------------------------------ entry points */

void cluster_info_clear(struct cluster_info *ci)
{
	free(ci->data_root);
	free(ci->node_id);
	free(ci->cluster_id);
	cluster_endpoint_clear(&ci->listen);
	cluster_endpoint_clear(&ci->advertise);
	free(ci->data_path_addr);
	free(ci->local_addr);
	free(ci->remote_addr);
	for (size_t i = 0; i < ci->ucp_count; i++)
		ucp_container_clear(&ci->ucp_containers[i]);
	free(ci->ucp_containers);
	evidence_list_clear(&ci->evidence);
	memset(ci, 0, sizeof(*ci));
}

int cluster_scan(struct cluster_info *out, const struct rootfs *r, const char *data_root,
		 unsigned flags, struct dl_problem_list *problems)
{
	memset(out, 0, sizeof(*out));
	if (!data_root || !*data_root)
		data_root = CLUSTER_DEFAULT_DATA_ROOT;
	if (data_root[0] != '/')
		return -EINVAL;

	char *resolved = NULL;
	int fd = rootfs_resolve(r, data_root, &resolved);
	out->data_root_status = read_status_from_errno(fd);
	if (fd == -ENOENT) {
		/* dockerd never ran with this data root: no membership at all. */
		out->data_root = xstrdup(data_root);
		out->swarm = DL_SWARM_INACTIVE;
		out->ucp = DL_UCP_NO;
		evidence_list_add(&out->evidence, SRC_SWARM_STATE, data_root, 0,
				  "data root absent: swarm inactive, no container records");
		return 0;
	}
	if (fd < 0) {
		out->data_root = xstrdup(data_root);
		problem_add(problems, data_root, 0,
			    "cannot open the data root: %s; swarm and UCP membership unknown",
			    rootfs_strerror(fd));
		return 0;
	}
	struct stat st;
	int e = fstat(fd, &st) < 0 ? -errno : 0;
	close(fd);
	out->data_root = resolved;
	if (e == 0 && !S_ISDIR(st.st_mode))
		e = -ENOTDIR;
	if (e < 0) {
		out->data_root_status = READ_UNREADABLE;
		problem_add(problems, resolved, 0,
			    "cannot use the data root: %s; swarm and UCP membership unknown",
			    rootfs_strerror(e));
		return 0;
	}

	scan_swarm(out, r, problems);
	scan_containers(out, r, flags, problems);
	return 0;
}
