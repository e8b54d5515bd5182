/* Tests for cluster: swarm role from the node certificate (made here with
 * OpenSSL, never committed) or the raft heuristic, the swarm control address
 * from docker-state.json, and UCP/MKE membership from container records,
 * including unreadable and hostile data roots. */
#include "config.h"
#include "testutil.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "read/cluster.h"
/* ------------------------------------------------------------ fixtures */

static void fixture_mkdir(const char *root, const char *path)
{
	_cleanup_free_ char *full = xasprintf("%s/%s", root, path[0] == '/' ? path + 1 : path);
	for (char *p = full + strlen(root) + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(full, 0755);
			*p = '/';
		}
	}
	mkdir(full, 0755);
}

/* A PEM self-signed certificate with subject O=org, OU=ou (omitted when
 * NULL), CN=cn, made with a fresh P-256 key. */
static char *make_cert_pem(const char *org, const char *ou, const char *cn)
{
	EVP_PKEY *key = EVP_EC_gen("P-256");
	assert_non_null(key);
	X509 *x = X509_new();
	assert_non_null(x);
	assert_int_equal(X509_set_version(x, 2), 1);
	assert_int_equal(ASN1_INTEGER_set(X509_get_serialNumber(x), 1), 1);
	assert_non_null(X509_gmtime_adj(X509_getm_notBefore(x), 0));
	assert_non_null(X509_gmtime_adj(X509_getm_notAfter(x), 3600));
	assert_int_equal(X509_set_pubkey(x, key), 1);
	X509_NAME *n = X509_get_subject_name(x);
	assert_int_equal(X509_NAME_add_entry_by_txt(n, "O", MBSTRING_ASC,
						    (const unsigned char *)org, -1, -1, 0), 1);
	if (ou)
		assert_int_equal(X509_NAME_add_entry_by_txt(n, "OU", MBSTRING_ASC,
							    (const unsigned char *)ou, -1, -1, 0),
				 1);
	assert_int_equal(X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC,
						    (const unsigned char *)cn, -1, -1, 0), 1);
	assert_int_equal(X509_set_issuer_name(x, n), 1);
	assert_true(X509_sign(x, key, EVP_sha256()) > 0);
	BIO *bio = BIO_new(BIO_s_mem());
	assert_non_null(bio);
	assert_int_equal(PEM_write_bio_X509(bio, x), 1);
	char *data = NULL;
	long len = BIO_get_mem_data(bio, &data);
	assert_true(len > 0);
	char *pem = xstrndup(data, (size_t)len);
	BIO_free(bio);
	X509_free(x);
	EVP_PKEY_free(key);
	return pem;
}

static bool problems_mention(const struct dl_problem_list *p, const char *needle)
{
	for (size_t i = 0; i < p->count; i++)
		if (strstr(p->items[i].message, needle))
			return true;
	return false;
}

static bool problem_at(const struct dl_problem_list *p, const char *path_suffix)
{
	for (size_t i = 0; i < p->count; i++)
		if (p->items[i].path && str_endswith(p->items[i].path, path_suffix))
			return true;
	return false;
}

static const struct dl_evidence *evidence_find(const struct cluster_info *ci, const char *source)
{
	for (size_t i = 0; i < ci->evidence.count; i++)
		if (!strcmp(ci->evidence.items[i].source, source))
			return &ci->evidence.items[i];
	return NULL;
}

static void dump_problems(const struct dl_problem_list *p)
{
	for (size_t i = 0; i < p->count; i++)
		fprintf(stderr, "  problem: %s:%u: %s\n", p->items[i].path ? p->items[i].path : "-",
			p->items[i].line, p->items[i].message);
}

struct scan {
	char *root;
	struct rootfs r;
	struct cluster_info ci;
	struct dl_problem_list problems;
};

static void scan_open(struct scan *s)
{
	memset(s, 0, sizeof(*s));
	s->root = fixture_mkroot();
}

static int scan_run(struct scan *s, const char *data_root, unsigned flags)
{
	assert_int_equal(rootfs_open(&s->r, s->root), 0);
	int e = cluster_scan(&s->ci, &s->r, data_root, flags, &s->problems);
	dump_problems(&s->problems);
	return e;
}

static void scan_close(struct scan *s)
{
	cluster_info_clear(&s->ci);
	problem_list_clear(&s->problems);
	rootfs_close(&s->r);
	fixture_rmroot(s->root);
}

/* ------------------------------------------------------------ swarm */

#define DR "/var/lib/docker"
#define STATE DR "/swarm/docker-state.json"
#define CERT DR "/swarm/certificates/swarm-node.crt"
#define RAFT DR "/swarm/raft"
#define STATE_V4 \
	"{\"LocalAddr\":\"\",\"RemoteAddr\":\"\",\"ListenAddr\":\"0.0.0.0:2377\"," \
	"\"AdvertiseAddr\":\"10.0.0.5:2377\",\"DataPathAddr\":\"\",\"DefaultAddressPool\":null," \
	"\"SubnetSize\":24,\"DataPathPort\":4789,\"JoinInProgress\":false}"

enum cert_kind { CERT_NONE, CERT_MANAGER, CERT_WORKER, CERT_GARBAGE, CERT_CA_OU, CERT_NO_OU,
		 CERT_CHAIN_WORKER, CERT_EMPTY };

struct swarm_case {
	const char *name;
	const char *state;      /* docker-state.json text, NULL: absent */
	enum cert_kind cert;
	bool raft;              /* make swarm/raft/ */
	const char *extra_link; /* STATE replaced by a symlink loop when "loop" */
	enum dl_swarm_role swarm;
	enum dl_swarm_method method;
	const char *listen_host;
	unsigned listen_port;
	const char *advertise_host;
	const char *problem;    /* substring of some problem, NULL: no problems at all */
	const char *problem2;   /* a second expected substring, or NULL */
};

static const struct swarm_case swarm_cases[] = {
	{ "no swarm dir", NULL, CERT_NONE, false, NULL, DL_SWARM_INACTIVE,
	  DL_SWARM_BY_NONE, NULL, 0, NULL, NULL, NULL },
	{ "state file only: inactive", STATE_V4, CERT_NONE, true, NULL, DL_SWARM_INACTIVE,
	  DL_SWARM_BY_NONE, NULL, 0, NULL, NULL, NULL },
	{ "certificate only: inactive", NULL, CERT_MANAGER, true, NULL, DL_SWARM_INACTIVE,
	  DL_SWARM_BY_NONE, NULL, 0, NULL, NULL, NULL },
	{ "manager via certificate", STATE_V4, CERT_MANAGER, false, NULL, DL_SWARM_MANAGER,
	  DL_SWARM_BY_CERTIFICATE, "0.0.0.0", 2377, "10.0.0.5", NULL, NULL },
	{ "worker via certificate, raft dir ignored", STATE_V4, CERT_WORKER, true, NULL,
	  DL_SWARM_WORKER, DL_SWARM_BY_CERTIFICATE, "0.0.0.0", 2377, "10.0.0.5", NULL,
	  NULL },
	{ "node certificate followed by its issuer", STATE_V4, CERT_CHAIN_WORKER, true, NULL,
	  DL_SWARM_WORKER, DL_SWARM_BY_CERTIFICATE, "0.0.0.0", 2377, "10.0.0.5", NULL,
	  NULL },
	{ "garbage certificate, raft: manager by heuristic", STATE_V4, CERT_GARBAGE, true, NULL,
	  DL_SWARM_MANAGER, DL_SWARM_BY_RAFT_HEURISTIC, "0.0.0.0", 2377, "10.0.0.5",
	  "cannot be parsed", "raft-heuristic" },
	{ "garbage certificate, no raft: worker by heuristic", STATE_V4, CERT_GARBAGE, false,
	  NULL, DL_SWARM_WORKER, DL_SWARM_BY_RAFT_HEURISTIC, "0.0.0.0", 2377, "10.0.0.5",
	  "cannot be parsed", "raft-heuristic" },
	{ "empty certificate file", STATE_V4, CERT_EMPTY, false, NULL, DL_SWARM_WORKER,
	  DL_SWARM_BY_RAFT_HEURISTIC, "0.0.0.0", 2377, NULL, "cannot be parsed",
	  "raft-heuristic" },
	{ "certificate OU swarm-ca", STATE_V4, CERT_CA_OU, true, NULL, DL_SWARM_MANAGER,
	  DL_SWARM_BY_RAFT_HEURISTIC, "0.0.0.0", 2377, NULL, "neither swarm-manager",
	  "raft-heuristic" },
	{ "certificate without OU", STATE_V4, CERT_NO_OU, false, NULL, DL_SWARM_WORKER,
	  DL_SWARM_BY_RAFT_HEURISTIC, NULL, 2377, NULL, "0 OU entries", "raft-heuristic" },
	{ "IPv6 listen address", "{\"ListenAddr\":\"[::]:2377\",\"AdvertiseAddr\":\"[fd00::5]:4000\"}",
	  CERT_MANAGER, false, NULL, DL_SWARM_MANAGER, DL_SWARM_BY_CERTIFICATE, "::", 2377,
	  "fd00::5", NULL, NULL },
	{ "keys decoded case-insensitively, last wins",
	  "{\"ListenAddr\":\"1.1.1.1:1\",\"listenaddr\":\"127.0.0.1:2400\"}", CERT_MANAGER, false,
	  NULL, DL_SWARM_MANAGER, DL_SWARM_BY_CERTIFICATE, "127.0.0.1", 2400, NULL, NULL,
	  NULL },
	{ "join in progress without advertise address",
	  "{\"ListenAddr\":\"0.0.0.0:2377\",\"RemoteAddr\":\"10.0.0.1:2377\",\"JoinInProgress\":true}",
	  CERT_WORKER, false, NULL, DL_SWARM_WORKER, DL_SWARM_BY_CERTIFICATE, "0.0.0.0",
	  2377, NULL, NULL, NULL },
	{ "malformed state: role still from the certificate", "{\"ListenAddr\":\"0.0.0.0:2377\",\n",
	  CERT_MANAGER, false, NULL, DL_SWARM_MANAGER, DL_SWARM_BY_CERTIFICATE, NULL, 0,
	  NULL, "not valid JSON", "fails to start" },
	{ "trailing data after the state", "{\"ListenAddr\":\"0.0.0.0:2377\"}\n{}", CERT_MANAGER,
	  false, NULL, DL_SWARM_MANAGER, DL_SWARM_BY_CERTIFICATE, NULL, 0, NULL,
	  "not valid JSON", NULL },
	{ "state ListenAddr not a string", "{\"ListenAddr\":2377}", CERT_MANAGER, false, NULL,
	  DL_SWARM_MANAGER, DL_SWARM_BY_CERTIFICATE, NULL, 0, NULL,
	  "ListenAddr is not a string", "fails to start" },
	{ "state ListenAddr without port", "{\"ListenAddr\":\"0.0.0.0\"}", CERT_MANAGER, false,
	  NULL, DL_SWARM_MANAGER, DL_SWARM_BY_CERTIFICATE, NULL, 0, NULL,
	  "is not host:port", NULL },
	{ "state a JSON array", "[]", CERT_WORKER, false, NULL, DL_SWARM_WORKER,
	  DL_SWARM_BY_CERTIFICATE, NULL, 0, NULL, "not a JSON object", NULL },
	{ "state path is a symlink loop: unknown", NULL, CERT_MANAGER, false, "loop",
	  DL_SWARM_UNKNOWN, DL_SWARM_BY_NONE, NULL, 0, NULL, "symlink loop", NULL },
};

static void write_cert(const char *root, enum cert_kind kind)
{
	_cleanup_free_ char *a = NULL, *b = NULL;
	switch (kind) {
	case CERT_NONE:
		return;
	case CERT_MANAGER:
		a = make_cert_pem("clusterid123", "swarm-manager", "nodeidabc");
		break;
	case CERT_WORKER:
		a = make_cert_pem("clusterid123", "swarm-worker", "nodeidabc");
		break;
	case CERT_CA_OU:
		a = make_cert_pem("clusterid123", "swarm-ca", "swarm-ca");
		break;
	case CERT_NO_OU:
		a = make_cert_pem("clusterid123", NULL, "nodeidabc");
		break;
	case CERT_CHAIN_WORKER:
		a = make_cert_pem("clusterid123", "swarm-worker", "nodeidabc");
		b = make_cert_pem("clusterid123", "swarm-manager", "swarm-ca");
		break;
	case CERT_GARBAGE:
		a = xstrdup("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");
		break;
	case CERT_EMPTY:
		a = xstrdup("");
		break;
	}
	_cleanup_free_ char *text = xasprintf("%s%s", a, b ? b : "");
	fixture_write(root, CERT, text);
}

static void test_swarm_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(swarm_cases) / sizeof(swarm_cases[0]); i++) {
		const struct swarm_case *c = &swarm_cases[i];
		fprintf(stderr, "swarm case: %s\n", c->name);
		struct scan s;
		scan_open(&s);
		fixture_mkdir(s.root, DR "/containers");
		if (c->state)
			fixture_write(s.root, STATE, c->state);
		if (c->extra_link) {
			fixture_symlink(s.root, STATE, "docker-state.json");
		}
		write_cert(s.root, c->cert);
		if (c->raft)
			fixture_mkdir(s.root, RAFT);

		assert_int_equal(scan_run(&s, NULL, 0), 0);
		assert_string_equal(s.ci.data_root, DR);
		assert_string_equal(dl_swarm_role_name(s.ci.swarm), dl_swarm_role_name(c->swarm));
		assert_string_equal(dl_swarm_method_name(s.ci.swarm_method),
				    dl_swarm_method_name(c->method));
		if (c->listen_host) {
			assert_non_null(s.ci.listen.host);
			assert_string_equal(s.ci.listen.host, c->listen_host);
		}
		if (c->listen_port || c->listen_host)
			assert_int_equal(s.ci.listen.port, c->listen_port);
		if (c->advertise_host) {
			assert_non_null(s.ci.advertise.host);
			assert_string_equal(s.ci.advertise.host, c->advertise_host);
		}
		if (c->problem) {
			assert_true(problems_mention(&s.problems, c->problem));
		} else {
			assert_int_equal(s.problems.count, 0);
		}
		if (c->problem2)
			assert_true(problems_mention(&s.problems, c->problem2));

		/* Evidence for the conclusion. */
		if (c->method == DL_SWARM_BY_CERTIFICATE) {
			const struct dl_evidence *ev = evidence_find(&s.ci, SRC_SWARM_CERTIFICATE);
			assert_non_null(ev);
			assert_string_equal(ev->path, CERT);
			assert_non_null(strstr(ev->text, c->swarm == DL_SWARM_MANAGER
								? "OU=swarm-manager"
								: "OU=swarm-worker"));
			assert_string_equal(s.ci.node_id, "nodeidabc");
			assert_string_equal(s.ci.cluster_id, "clusterid123");
		} else if (c->method == DL_SWARM_BY_RAFT_HEURISTIC) {
			const struct dl_evidence *ev = evidence_find(&s.ci, SRC_SWARM_RAFT);
			assert_non_null(ev);
			assert_string_equal(ev->path, RAFT);
			assert_non_null(strstr(ev->text, "raft-heuristic"));
			assert_true(problem_at(&s.problems, "swarm-node.crt"));
		} else if (c->swarm == DL_SWARM_INACTIVE) {
			assert_non_null(strstr(s.ci.evidence.items[0].text, "absent"));
		}
		if (c->swarm == DL_SWARM_MANAGER || c->swarm == DL_SWARM_WORKER) {
			if (c->listen_host)
				assert_non_null(evidence_find(&s.ci, SRC_SWARM_STATE));
		}
		scan_close(&s);
	}
}

/* A malformed state names its line. */
static void test_swarm_state_problem_line(void **state)
{
	(void)state;
	struct scan s;
	scan_open(&s);
	fixture_write(s.root, STATE, "{\n  \"ListenAddr\": \"0.0.0.0:2377\",\n  oops\n}\n");
	write_cert(s.root, CERT_WORKER);
	assert_int_equal(scan_run(&s, NULL, 0), 0);
	bool found = false;
	for (size_t i = 0; i < s.problems.count; i++)
		if (strstr(s.problems.items[i].message, "not valid JSON")) {
			assert_string_equal(s.problems.items[i].path, STATE);
			assert_int_equal(s.problems.items[i].line, 3);
			found = true;
		}
	assert_true(found);
	scan_close(&s);
}

/* ------------------------------------------------------------ pure tables */

struct str_case {
	const char *in;
	const char *out;
};

static void test_image_repository_name(void **state)
{
	(void)state;
	static const struct str_case cases[] = {
		{ "docker/ucp-agent:3.2.5", "ucp-agent" },
		{ "mirantis/ucp-proxy@sha256:0123456789abcdef", "ucp-proxy" },
		{ "mirantis/ucp-proxy:3.7.1@sha256:0123456789abcdef", "ucp-proxy" },
		{ "registry.example.mil:5000/mirantis/ucp-agent:3.7.1", "ucp-agent" },
		{ "registry.example.mil:5000/ucp-agent", "ucp-agent" },
		{ "localhost:5000/a/b/c/ucp-kv:3.1", "ucp-kv" },
		{ "ucp-agent", "ucp-agent" },
		{ "ucp-agent:latest", "ucp-agent" },
		{ "docker.io/library/nginx:1.25", "nginx" },
		{ "nginx", "nginx" },
		{ "localhost:5000", "localhost" },
		{ "sha256:4f5e6a7b", "sha256" },
		{ "", "" },
		{ NULL, "" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		_cleanup_free_ char *got = image_repository_name(cases[i].in);
		if (strcmp(got, cases[i].out))
			fprintf(stderr, "image %s -> %s, want %s\n", cases[i].in, got, cases[i].out);
		assert_string_equal(got, cases[i].out);
	}
}

struct bool_case {
	const char *in;
	bool want;
};

static void test_image_match(void **state)
{
	(void)state;
	static const struct bool_case cases[] = {
		{ "docker/ucp-agent:3.2.5", true },
		{ "mirantis/ucp-proxy@sha256:abc", true },
		{ "registry.example.mil:5000/mirantis/ucp-agent:3.7.1", true },
		{ "ucp-agent", true },
		{ "mirantis/ucp-calico-node:3.7.1", true },
		{ "docker/ucpagent:3.2.5", false },
		{ "docker/notucp-agent:3.2.5", false },
		{ "ucp-registry.example.mil/nginx:1", false }, /* registry, not repository */
		{ "docker/ucp-:1", false },
		{ "docker/ucp:3.2.5", false },              /* the installer */
		{ "mirantis/UCP-agent:3", false },
		{ "", false },
		{ NULL, false },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (ucp_image_match(cases[i].in) != cases[i].want)
			fprintf(stderr, "image match %s, want %d\n", cases[i].in, cases[i].want);
		assert_int_equal(ucp_image_match(cases[i].in), cases[i].want);
	}
}

struct name_case {
	const char *name;
	unsigned want;
};

static void test_container_name_match(void **state)
{
	(void)state;
	static const struct name_case cases[] = {
		{ "/ucp-proxy", UCP_MATCH_NAME },
		{ "/ucp-agent", UCP_MATCH_NAME },
		{ "ucp-agent", UCP_MATCH_NAME },
		{ "/ucp-manager-agent", UCP_MATCH_NAME },
		{ "/ucp-worker-agent", UCP_MATCH_NAME },
		{ "/ucp-kv", UCP_MATCH_NAME },
		{ "/ucp-controller", UCP_MATCH_NAME },
		{ "/ucp-auth-api", UCP_MATCH_NAME },
		{ "/ucp-kubelet", UCP_MATCH_NAME },
		{ "/ucp-kubelet-win", UCP_MATCH_NAME },
		{ "/ucp-agent.x8f6ahi2ueixb4v1gvpxx3ka8.mqwy0cj4vpzbhj6kwbu6f4v0a", UCP_MATCH_NAME },
		{ "/ucp-manager-agent.abc123.def456", UCP_MATCH_NAME },
		{ "/ucp-worker-agent.abc123.def456", UCP_MATCH_NAME },
		{ "/ucp-auth-api.1.wx2lrq1ea3b7h0p5mk0nl9v3k", UCP_MATCH_NAME },
		{ "/ucp-agent.node", UCP_MATCH_NAME_PREFIX },          /* not a task name */
		{ "/ucp-agent.node.", UCP_MATCH_NAME_PREFIX },
		{ "/ucp-agent.no-de.task", UCP_MATCH_NAME_PREFIX },
		{ "/ucp-agent.a.b.c", UCP_MATCH_NAME_PREFIX },
		{ "/ucp-worker-agent-x", UCP_MATCH_NAME_PREFIX },      /* undocumented name */
		{ "/ucp-something-new", UCP_MATCH_NAME_PREFIX },
		{ "/k8s_ucp-kube-dns_compose-123_kube-system_uid_0", UCP_MATCH_NAME_PREFIX },
		{ "/k8s_calico-node_calico-node-x_kube-system_uid_0", 0 },
		{ "/ucp", 0 },                                         /* the installer */
		{ "/ucp-", 0 },
		{ "/ucpagent", 0 },
		{ "/notucp-agent", 0 },
		{ "/my-ucp-agent", 0 },
		{ "/nginx.1.abc", 0 },
		{ "/UCP-agent", 0 },
		{ "", 0 },
		{ NULL, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned got = ucp_container_name_match(cases[i].name);
		if (got != cases[i].want)
			fprintf(stderr, "name %s -> %u, want %u\n", cases[i].name, got,
				cases[i].want);
		assert_int_equal(got, cases[i].want);
	}
}

struct endpoint_case {
	const char *in;
	int ret;
	const char *host;
	unsigned port;
};

static void test_endpoint_parse(void **state)
{
	(void)state;
	static const struct endpoint_case cases[] = {
		{ "0.0.0.0:2377", 0, "0.0.0.0", 2377 },
		{ "[::]:2377", 0, "::", 2377 },
		{ "[fe80::1%eth0]:2377", 0, "fe80::1%eth0", 2377 },
		{ "node1.example:2377", 0, "node1.example", 2377 },
		{ ":2377", 0, "", 2377 },
		{ "10.0.0.1:65535", 0, "10.0.0.1", 65535 },
		{ "10.0.0.1:65536", -EINVAL, NULL, 0 },
		{ "10.0.0.1:-1", -EINVAL, NULL, 0 },
		{ "10.0.0.1:", -EINVAL, NULL, 0 },
		{ "10.0.0.1", -EINVAL, NULL, 0 },
		{ "::1:2377", -EINVAL, NULL, 0 },
		{ "[::1]2377", -EINVAL, NULL, 0 },
		{ "[::1", -EINVAL, NULL, 0 },
		{ "10.0.0.1:23a", -EINVAL, NULL, 0 },
		{ "", 0, NULL, 0 },
		{ NULL, 0, NULL, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cluster_endpoint e = { 0 };
		assert_int_equal(cluster_endpoint_parse(&e, cases[i].in), cases[i].ret);
		if (cases[i].host) {
			assert_non_null(e.host);
			assert_string_equal(e.host, cases[i].host);
		} else {
			assert_null(e.host);
		}
		assert_int_equal(e.port, cases[i].port);
		cluster_endpoint_clear(&e);
	}
}

/* ------------------------------------------------------------ containers */

#define ID_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define ID_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define ID_C "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

#define CTR(name, image, labels, running, pid) \
	"{\"ID\":\"x\",\"Name\":\"" name "\",\"Config\":{\"Image\":\"" image \
	"\",\"Labels\":{" labels "}},\"State\":{\"Running\":" running ",\"Pid\":" pid "}}"

struct ctr {
	const char *id;
	const char *json; /* NULL: make the directory without config.v2.json;
			   * "FILE": the entry is a plain file */
};

struct containers_case {
	const char *name;
	struct ctr ctrs[4];
	enum dl_ucp_state ucp;
	size_t ucp_count;
	bool ucp_running;
	unsigned match0;       /* match bits of the first UCP container */
	const char *evidence;  /* substring of the container-config evidence */
	const char *problem;   /* substring of a problem; NULL: none */
	const char *problem_path; /* suffix of that problem's path */
};

static const struct containers_case containers_cases[] = {
	{ "plain containers: not UCP",
	  { { ID_A, CTR("/web", "nginx:1.25", "\"com.example.x\":\"1\"", "true", "100") },
	    { ID_B, CTR("/db", "postgres:16", "", "false", "0") } },
	  DL_UCP_NO, 0, false, 0, "2 container records read, none", NULL, NULL },
	{ "ucp-agent task, running",
	  { { ID_A, CTR("/ucp-agent.x8f6ahi2ueixb4v1gvpxx3ka8.mqwy0cj4vpzbhj6kwbu6f4v0a",
			"docker/ucp-agent:3.2.5",
			"\"com.docker.swarm.service.name\":\"ucp-agent\"", "true", "4242") } },
	  DL_UCP_YES, 1, true,
	  UCP_MATCH_NAME | UCP_MATCH_IMAGE | UCP_MATCH_SERVICE_LABEL,
	  "name is an MKE component; image repository ucp-agent;", NULL, NULL },
	{ "ucp-proxy stopped",
	  { { ID_A, CTR("/ucp-proxy", "mirantis/ucp-proxy@sha256:0123", "", "false", "0") } },
	  DL_UCP_YES, 1, false, UCP_MATCH_NAME | UCP_MATCH_IMAGE, "not running", NULL,
	  NULL },
	{ "renamed container, image from a private registry",
	  { { ID_A, CTR("/agent", "registry.example.mil:5000/mirantis/ucp-agent:3.7.1", "", "true",
			"7") } },
	  DL_UCP_YES, 1, true, UCP_MATCH_IMAGE, "image repository ucp-agent", NULL, NULL },
	{ "version label only",
	  { { ID_A, CTR("/x", "corp/agent:1", "\"com.docker.ucp.version\":\"3.2.5\"", "true",
			"7") } },
	  DL_UCP_YES, 1, true, UCP_MATCH_VERSION_LABEL, "label com.docker.ucp.version=3.2.5",
	  NULL, NULL },
	{ "other com.docker.ucp label: weak",
	  { { ID_A, CTR("/app", "corp/app:1", "\"com.docker.ucp.access.label\":\"/Shared\"",
			"false", "0") } },
	  DL_UCP_YES, 1, false, UCP_MATCH_UCP_LABEL, "weak evidence only", NULL, NULL },
	{ "unknown ucp- name: weak",
	  { { ID_A, CTR("/ucp-something", "corp/app:1", "", "false", "0") } },
	  DL_UCP_YES, 1, false, UCP_MATCH_NAME_PREFIX, "name starts ucp-", NULL, NULL },
	{ "ucpagent / notucp-agent images are not UCP",
	  { { ID_A, CTR("/a", "docker/ucpagent:1", "", "true", "5") },
	    { ID_B, CTR("/b", "docker/notucp-agent:1", "\"ucp.version\":\"1\"", "true", "6") } },
	  DL_UCP_NO, 0, false, 0, "2 container records read", NULL, NULL },
	{ "malformed config.v2.json: problem, unknown",
	  { { ID_A, "{\"Name\":\"/web\",\n\"Config\":{" },
	    { ID_B, CTR("/db", "postgres:16", "", "false", "0") } },
	  DL_UCP_UNKNOWN, 0, false, 0, "1 could not be read", "not valid JSON",
	  ID_A "/config.v2.json" },
	{ "malformed record next to a UCP one: member",
	  { { ID_A, "not json" },
	    { ID_B, CTR("/ucp-kv", "docker/ucp-etcd:3.2.5", "", "true", "9") } },
	  DL_UCP_YES, 1, true, UCP_MATCH_NAME | UCP_MATCH_IMAGE, "name is an MKE component",
	  "not valid JSON",
	  ID_A "/config.v2.json" },
	{ "wrong field types: problem, unknown",
	  { { ID_A, "{\"Name\":5,\"Config\":{\"Image\":[]},\"State\":{\"Running\":\"yes\","
		    "\"Pid\":-3}}" } },
	  DL_UCP_UNKNOWN, 0, false, 0, "could not be read", "Name is not a string",
	  ID_A "/config.v2.json" },
	{ "pid out of range", { { ID_A, CTR("/ucp-proxy", "x", "", "true", "99999999") } },
	  DL_UCP_YES, 1, true, UCP_MATCH_NAME, "State.Pid=0", "is not a process id",
	  ID_A "/config.v2.json" },
	{ "label value not a string",
	  { { ID_A, CTR("/x", "y", "\"com.docker.ucp.version\":3", "false", "0") } },
	  DL_UCP_UNKNOWN, 0, false, 0, "could not be read", "is not a string", NULL },
	{ "record directory without config.v2.json",
	  { { ID_A, NULL }, { ID_B, CTR("/db", "postgres:16", "", "false", "0") } },
	  DL_UCP_UNKNOWN, 0, false, 0, "could not be read", "cannot read container record",
	  ID_A "/config.v2.json" },
	{ "stray file in containers/: ignored",
	  { { ID_A, "FILE" }, { ID_B, CTR("/db", "postgres:16", "", "false", "0") } },
	  DL_UCP_NO, 0, false, 0, "1 container records read, none", NULL, NULL },
	{ "keys decoded case-insensitively",
	  { { ID_A, "{\"name\":\"/ucp-proxy\",\"config\":{\"image\":\"x\"},\"state\":{\"running\":true,"
		    "\"pid\":3}}" } },
	  DL_UCP_YES, 1, true, UCP_MATCH_NAME, "State.Pid=3", NULL, NULL },
	{ "no containers at all",
	  { { NULL, NULL } },
	  DL_UCP_NO, 0, false, 0, "0 container records read", NULL, NULL },
};

static void write_containers(const char *root, const struct ctr *ctrs, size_t n)
{
	fixture_mkdir(root, DR "/containers");
	for (size_t j = 0; j < n && ctrs[j].id; j++) {
		_cleanup_free_ char *dir = xasprintf(DR "/containers/%s", ctrs[j].id);
		_cleanup_free_ char *cfg = xasprintf("%s/config.v2.json", dir);
		if (!ctrs[j].json)
			fixture_mkdir(root, dir);
		else if (!strcmp(ctrs[j].json, "FILE"))
			fixture_write(root, dir, "stray");
		else
			fixture_write(root, cfg, ctrs[j].json);
	}
}

static void test_containers_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(containers_cases) / sizeof(containers_cases[0]); i++) {
		const struct containers_case *c = &containers_cases[i];
		fprintf(stderr, "containers case: %s\n", c->name);
		struct scan s;
		scan_open(&s);
		write_containers(s.root, c->ctrs, 4);
		assert_int_equal(scan_run(&s, NULL, 0), 0);
		assert_string_equal(dl_swarm_role_name(s.ci.swarm), "inactive");
		assert_string_equal(dl_ucp_state_name(s.ci.ucp), dl_ucp_state_name(c->ucp));
		assert_int_equal(s.ci.ucp_count, c->ucp_count);
		assert_int_equal(s.ci.ucp_running, c->ucp_running);
		if (c->ucp_count)
			assert_int_equal(s.ci.ucp_containers[0].match, c->match0);
		bool found = false;
		for (size_t k = 0; k < s.ci.evidence.count; k++) {
			const struct dl_evidence *ev = &s.ci.evidence.items[k];
			if (!strcmp(ev->source, SRC_CONTAINER_CONFIG) && strstr(ev->text, c->evidence))
				found = true;
		}
		if (!found) {
			for (size_t k = 0; k < s.ci.evidence.count; k++)
				fprintf(stderr, "  evidence: %s %s\n", s.ci.evidence.items[k].source,
					s.ci.evidence.items[k].text);
		}
		assert_true(found);
		if (c->problem) {
			assert_true(problems_mention(&s.problems, c->problem));
			if (c->problem_path)
				assert_true(problem_at(&s.problems, c->problem_path));
		} else {
			assert_int_equal(s.problems.count, 0);
		}
		scan_close(&s);
	}
}

/* The evidence of a UCP container names its file, name, image, pid. */
static void test_container_evidence(void **state)
{
	(void)state;
	struct scan s;
	scan_open(&s);
	const struct ctr ctrs[] = {
		{ ID_A, CTR("/ucp-proxy", "docker/ucp-proxy:3.2.5", "", "true", "4242") },
	};
	write_containers(s.root, ctrs, 1);
	assert_int_equal(scan_run(&s, NULL, 0), 0);
	assert_int_equal(s.ci.ucp_count, 1);
	const struct ucp_container *u = &s.ci.ucp_containers[0];
	assert_string_equal(u->id, ID_A);
	assert_string_equal(u->path, DR "/containers/" ID_A "/config.v2.json");
	assert_string_equal(u->name, "ucp-proxy");
	assert_string_equal(u->image, "docker/ucp-proxy:3.2.5");
	assert_true(u->recorded_running);
	assert_true(u->running);
	assert_int_equal(u->pid, 4242);
	assert_null(u->note);
	const struct dl_evidence *ev = evidence_find(&s.ci, SRC_CONTAINER_CONFIG);
	assert_non_null(ev);
	assert_string_equal(ev->path, u->path);
	assert_string_equal(ev->text,
			    "Name=/ucp-proxy Image=docker/ucp-proxy:3.2.5 State.Running=true "
			    "State.Pid=4242: name is an MKE component; image repository ucp-proxy; "
			    "running");
	scan_close(&s);
}

/* Control characters in a hostile record never reach the evidence. */
static void test_container_hostile_text(void **state)
{
	(void)state;
	struct scan s;
	scan_open(&s);
	const struct ctr ctrs[] = {
		{ ID_A, CTR("/ucp-proxy\\u001b[2J", "docker/ucp-proxy\\n:1", "", "false", "0") },
	};
	write_containers(s.root, ctrs, 1);
	assert_int_equal(scan_run(&s, NULL, 0), 0);
	assert_int_equal(s.ci.ucp_count, 1);
	assert_string_equal(s.ci.ucp_containers[0].name, "ucp-proxy?[2J");
	assert_string_equal(s.ci.ucp_containers[0].image, "docker/ucp-proxy?:1");
	for (size_t k = 0; k < s.ci.evidence.count; k++)
		for (const char *p = s.ci.evidence.items[k].text; *p; p++)
			assert_true((unsigned char)*p >= 0x20);
	scan_close(&s);
}

/* containers/ is a file: membership unknown, never "no". */
static void test_containers_unreadable(void **state)
{
	(void)state;
	struct scan s;
	scan_open(&s);
	fixture_write(s.root, DR "/containers", "not a directory");
	assert_int_equal(scan_run(&s, NULL, 0), 0);
	assert_int_equal(s.ci.ucp, DL_UCP_UNKNOWN);
	assert_true(problem_at(&s.problems, DR "/containers"));
	assert_true(problems_mention(&s.problems, "UCP membership unknown"));
	scan_close(&s);

	/* A symlink loop in its place. */
	scan_open(&s);
	fixture_symlink(s.root, DR "/containers", "containers");
	assert_int_equal(scan_run(&s, NULL, 0), 0);
	assert_int_equal(s.ci.ucp, DL_UCP_UNKNOWN);
	assert_true(problems_mention(&s.problems, "symlink loop"));
	scan_close(&s);

	/* No containers directory at all: a definite "no". */
	scan_open(&s);
	fixture_mkdir(s.root, DR);
	assert_int_equal(scan_run(&s, NULL, 0), 0);
	assert_int_equal(s.ci.ucp, DL_UCP_NO);
	assert_int_equal(s.problems.count, 0);
	assert_non_null(evidence_find(&s.ci, SRC_CONTAINER_CONFIG));
	scan_close(&s);
}

/* More container records than the listing bound: reported, membership
 * unknown. */
static void test_containers_bound(void **state)
{
	(void)state;
	struct scan s;
	scan_open(&s);
	fixture_mkdir(s.root, DR "/containers");
	for (unsigned i = 0; i < 5000; i++) {
		_cleanup_free_ char *dir = xasprintf("%s" DR "/containers/%064x", s.root, i);
		assert_int_equal(mkdir(dir, 0755), 0);
	}
	assert_int_equal(scan_run(&s, NULL, 0), 0);
	assert_int_equal(s.ci.ucp, DL_UCP_UNKNOWN);
	assert_int_equal(s.ci.containers_scanned, 0);
	assert_true(problems_mention(&s.problems, "more than 4096 entries"));
	assert_int_equal(s.problems.count, 1);
	scan_close(&s);
}

/* Exactly at the bound: every record is read. */
static void test_containers_at_bound(void **state)
{
	(void)state;
	struct scan s;
	scan_open(&s);
	fixture_mkdir(s.root, DR "/containers");
	for (unsigned i = 0; i < CLUSTER_MAX_CONTAINERS; i++) {
		_cleanup_free_ char *cfg = xasprintf(DR "/containers/%064x/config.v2.json", i);
		fixture_write(s.root, cfg,
			      i == CLUSTER_MAX_CONTAINERS - 1
				      ? CTR("/ucp-agent", "docker/ucp-agent:3", "", "true", "1")
				      : CTR("/w", "nginx", "", "false", "0"));
	}
	assert_int_equal(scan_run(&s, NULL, 0), 0);
	assert_int_equal(s.ci.containers_scanned, CLUSTER_MAX_CONTAINERS);
	assert_int_equal(s.ci.ucp, DL_UCP_YES);
	assert_int_equal(s.ci.ucp_count, 1);
	assert_int_equal(s.problems.count, 0);
	scan_close(&s);
}

/* All records together are bounded: past CLUSTER_MAX_CONTAINER_BYTES the rest
 * is reported, not read, and "no UCP" is not concluded. */
static void test_containers_byte_budget(void **state)
{
	(void)state;
	struct scan s;
	scan_open(&s);
	const size_t per = CLUSTER_MAX_CONTAINER_CONFIG; /* exactly at the per-file bound */
	const size_t full = CLUSTER_MAX_CONTAINER_BYTES / per;
	const char *head = "{\"Name\":\"/w\",\"Pad\":\"";
	const char *tail = "\"}";
	char *rec = xmalloc(per + 1);
	size_t h = strlen(head), t = strlen(tail);
	memcpy(rec, head, h);
	memset(rec + h, 'x', per - h - t);
	memcpy(rec + per - t, tail, t + 1);
	assert_int_equal(strlen(rec), per);
	for (size_t i = 0; i < full + 2; i++) {
		_cleanup_free_ char *cfg = xasprintf(DR "/containers/%064zx/config.v2.json", i);
		fixture_write(s.root, cfg, rec);
	}
	free(rec);
	assert_int_equal(scan_run(&s, NULL, 0), 0);
	assert_int_equal(s.ci.containers_scanned, full);
	assert_int_equal(s.ci.containers_unreadable, 2);
	assert_int_equal(s.ci.ucp, DL_UCP_UNKNOWN);
	assert_true(problems_mention(&s.problems, "2 records not read"));
	scan_close(&s);
}

/* ------------------------------------------------------------ data root */

struct data_root_case {
	const char *name;
	const char *link;     /* /var/lib/docker -> link, NULL: a real directory elsewhere */
	const char *real_dir; /* where the data lives, in-root */
	const char *data_root;/* argument to cluster_scan, NULL: default */
	const char *resolved; /* expected ci.data_root */
	enum dl_swarm_role swarm;
	enum dl_ucp_state ucp;
};

static const struct data_root_case data_root_cases[] = {
	{ "absolute symlink", "/srv/docker", "/srv/docker", NULL, "/srv/docker",
	  DL_SWARM_MANAGER, DL_UCP_YES },
	{ "relative symlink", "../../srv/docker", "/srv/docker", NULL, "/srv/docker",
	  DL_SWARM_MANAGER, DL_UCP_YES },
	{ "symlink climbing out of the root stays inside", "/../../../../../srv/docker",
	  "/srv/docker", NULL, "/srv/docker", DL_SWARM_MANAGER, DL_UCP_YES },
	{ "--data-root elsewhere", NULL, "/data/docker", "/data/docker", "/data/docker",
	  DL_SWARM_MANAGER, DL_UCP_YES },
	{ "--data-root with a trailing slash and dots", NULL, "/data/docker",
	  "/data/./docker/", "/data/docker", DL_SWARM_MANAGER, DL_UCP_YES },
	{ "data root absent", NULL, NULL, NULL, DR, DL_SWARM_INACTIVE, DL_UCP_NO },
	{ "dangling symlink", "/nowhere", NULL, NULL, DR, DL_SWARM_INACTIVE,
	  DL_UCP_NO },
};

static void test_data_root_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(data_root_cases) / sizeof(data_root_cases[0]); i++) {
		const struct data_root_case *c = &data_root_cases[i];
		fprintf(stderr, "data root case: %s\n", c->name);
		struct scan s;
		scan_open(&s);
		if (c->real_dir) {
			_cleanup_free_ char *st = xasprintf("%s/swarm/docker-state.json", c->real_dir);
			_cleanup_free_ char *crt =
				xasprintf("%s/swarm/certificates/swarm-node.crt", c->real_dir);
			_cleanup_free_ char *cfg =
				xasprintf("%s/containers/" ID_A "/config.v2.json", c->real_dir);
			_cleanup_free_ char *pem = make_cert_pem("c", "swarm-manager", "n");
			fixture_write(s.root, st, STATE_V4);
			fixture_write(s.root, crt, pem);
			fixture_write(s.root, cfg, CTR("/ucp-proxy", "x", "", "false", "0"));
		}
		if (c->link)
			fixture_symlink(s.root, DR, c->link);
		/* A decoy outside the fixture root must never be read. */
		assert_int_equal(scan_run(&s, c->data_root, 0), 0);
		assert_string_equal(s.ci.data_root, c->resolved);
		assert_int_equal(s.ci.swarm, c->swarm);
		assert_int_equal(s.ci.ucp, c->ucp);
		assert_int_equal(s.problems.count, 0);
		for (size_t k = 0; k < s.ci.evidence.count; k++)
			assert_true(str_startswith(s.ci.evidence.items[k].path, c->resolved));
		scan_close(&s);
	}
}

static void test_data_root_errors(void **state)
{
	(void)state;
	struct scan s;
	/* Relative data root: refused. */
	scan_open(&s);
	assert_int_equal(scan_run(&s, "var/lib/docker", 0), -EINVAL);
	scan_close(&s);

	/* A file: unknown both ways, with a problem. */
	scan_open(&s);
	fixture_write(s.root, DR, "file");
	assert_int_equal(scan_run(&s, NULL, 0), 0);
	assert_int_equal(s.ci.swarm, DL_SWARM_UNKNOWN);
	assert_int_equal(s.ci.ucp, DL_UCP_UNKNOWN);
	assert_true(problem_at(&s.problems, DR));
	scan_close(&s);

	/* A symlink loop. */
	scan_open(&s);
	fixture_symlink(s.root, DR, "docker");
	assert_int_equal(scan_run(&s, NULL, 0), 0);
	assert_int_equal(s.ci.swarm, DL_SWARM_UNKNOWN);
	assert_int_equal(s.ci.ucp, DL_UCP_UNKNOWN);
	assert_true(problems_mention(&s.problems, "symlink loop"));
	scan_close(&s);
}

/* ------------------------------------------------------------ live pid check */

struct live_case {
	const char *name;
	const char *cgroup;  /* /proc/4242/cgroup text; NULL: no /proc/4242 */
	bool running;
	const char *note;    /* substring of the note, NULL: no note */
};

static const struct live_case live_cases[] = {
	{ "cgroupfs driver names the container", "12:pids:/docker/" ID_A "\n0::/docker/" ID_A "\n",
	  true, NULL },
	{ "systemd driver names the container", "0::/system.slice/docker-" ID_A ".scope\n", true,
	  NULL },
	{ "pid gone: stale", NULL, false, "does not exist: stale" },
	{ "pid reused by another process: stale", "0::/user.slice/user-1000.slice/session-2.scope\n",
	  false, "belongs to another process" },
	{ "cgroup unreadable: running, unverified", "DIR", true, "could not be read" },
};

static void test_live_pid_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(live_cases) / sizeof(live_cases[0]); i++) {
		const struct live_case *c = &live_cases[i];
		fprintf(stderr, "live case: %s\n", c->name);
		struct scan s;
		scan_open(&s);
		const struct ctr ctrs[] = {
			{ ID_A, CTR("/ucp-agent", "docker/ucp-agent:3", "", "true", "4242") },
			{ ID_B, CTR("/ucp-proxy", "docker/ucp-proxy:3", "", "false", "0") },
		};
		write_containers(s.root, ctrs, 2);
		fixture_mkdir(s.root, "/proc/1");
		if (c->cgroup && !strcmp(c->cgroup, "DIR"))
			fixture_mkdir(s.root, "/proc/4242/cgroup");
		else if (c->cgroup)
			fixture_write(s.root, "/proc/4242/cgroup", c->cgroup);
		assert_int_equal(scan_run(&s, NULL, CLUSTER_SCAN_LIVE), 0);
		assert_int_equal(s.ci.ucp, DL_UCP_YES);
		assert_int_equal(s.ci.ucp_count, 2);
		const struct ucp_container *u = &s.ci.ucp_containers[0];
		assert_string_equal(u->id, ID_A);
		assert_true(u->recorded_running);
		assert_int_equal(u->running, c->running);
		assert_int_equal(s.ci.ucp_running, c->running);
		if (c->note) {
			assert_non_null(u->note);
			assert_non_null(strstr(u->note, c->note));
			const struct dl_evidence *ev = evidence_find(&s.ci, SRC_CONTAINER_CONFIG);
			assert_non_null(strstr(ev->text, c->note));
		} else {
			assert_null(u->note);
		}
		/* The stopped one is never checked. */
		assert_null(s.ci.ucp_containers[1].note);
		assert_false(s.ci.ucp_containers[1].running);
		scan_close(&s);

		/* Without the live flag the record is taken as written. */
		scan_open(&s);
		write_containers(s.root, ctrs, 1);
		assert_int_equal(scan_run(&s, NULL, 0), 0);
		assert_true(s.ci.ucp_containers[0].running);
		assert_null(s.ci.ucp_containers[0].note);
		scan_close(&s);
	}
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(dl_swarm_role_name(DL_SWARM_INACTIVE), "inactive");
	assert_string_equal(dl_swarm_role_name(DL_SWARM_WORKER), "worker");
	assert_string_equal(dl_swarm_role_name(DL_SWARM_MANAGER), "manager");
	assert_string_equal(dl_swarm_role_name(DL_SWARM_UNKNOWN), "unknown");
	assert_string_equal(dl_swarm_method_name(DL_SWARM_BY_CERTIFICATE), "certificate");
	assert_string_equal(dl_swarm_method_name(DL_SWARM_BY_RAFT_HEURISTIC),
			    "raft-heuristic");
	assert_string_equal(dl_swarm_method_name(DL_SWARM_BY_NONE), "none");
	assert_string_equal(dl_ucp_state_name(DL_UCP_YES), "yes");
	assert_string_equal(dl_ucp_state_name(DL_UCP_NO), "no");
	assert_string_equal(dl_ucp_state_name(DL_UCP_UNKNOWN), "unknown");
	assert_true(ucp_component_name("ucp-kube-apiserver"));
	assert_true(ucp_component_name("ucp-dsinfo-win"));
	assert_false(ucp_component_name("ucp-win"));
	assert_false(ucp_component_name("ucp"));
	assert_false(ucp_component_name(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_swarm_table),
		cmocka_unit_test(test_swarm_state_problem_line),
		cmocka_unit_test(test_image_repository_name),
		cmocka_unit_test(test_image_match),
		cmocka_unit_test(test_container_name_match),
		cmocka_unit_test(test_endpoint_parse),
		cmocka_unit_test(test_containers_table),
		cmocka_unit_test(test_container_evidence),
		cmocka_unit_test(test_container_hostile_text),
		cmocka_unit_test(test_containers_unreadable),
		cmocka_unit_test(test_containers_bound),
		cmocka_unit_test(test_containers_at_bound),
		cmocka_unit_test(test_containers_byte_budget),
		cmocka_unit_test(test_data_root_table),
		cmocka_unit_test(test_data_root_errors),
		cmocka_unit_test(test_live_pid_table),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
