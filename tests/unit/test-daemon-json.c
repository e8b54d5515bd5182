#include "config.h"
#include "testutil.h"

#include "read/daemon_json.h"
#define DJ_PATH "/etc/docker/daemon.json"

struct host_expect {
	const char *value;
	unsigned line;
};

struct problem_expect {
	const char *contains; /* substring of the message */
	unsigned line;
};

struct dj_case {
	const char *name;
	const char *content; /* NULL: no file */
	size_t content_len;  /* 0: strlen(content) */
	bool explicit_file;
	enum read_status status;
	bool refuses; /* daemon_json_stops_dockerd() */
	bool has_hosts;
	unsigned hosts_line;
	struct host_expect hosts[6];
	size_t nhosts;
	struct problem_expect problems[4];
	size_t nproblems; /* exact problem count */
	const char *unknown[3];
	size_t nunknown;
	/* -1 absent, 0 false, 1 true, 2 present but unset (null) */
	int tls, tlsverify;
	const char *tlscacert, *tlscert, *tlskey, *data_root, *metrics_addr;
	unsigned tls_line;
	const char *has_keys[4];
	const char *not_keys[3];
};

static const struct dj_case cases[] = {
	{ .name = "absent default file is no file", .content = NULL, .tls = -1, .tlsverify = -1 },
	{ .name = "absent explicit file stops dockerd", .content = NULL, .explicit_file = true,
	  .refuses = true, .tls = -1, .tlsverify = -1, .nproblems = 1,
	  .problems = { { "configuration file " DJ_PATH " not found", 0 } } },
	{ .name = "empty file", .content = "", .status = READ_OK, .tls = -1,
	  .tlsverify = -1, .nproblems = 1, .problems = { { "file is empty", 0 } } },
	{ .name = "white space only", .content = " \n\t\r\n  \n", .status = READ_OK,
	  .tls = -1, .tlsverify = -1, .nproblems = 1, .problems = { { "22.06 and later read it as {}", 0 } } },
	{ .name = "empty object", .content = "{}\n", .status = READ_OK, .tls = -1,
	  .tlsverify = -1 },
	{ .name = "null document is an empty map", .content = "null\n", .status = READ_OK,
	  .tls = -1, .tlsverify = -1 },
	{ .name = "single-line hosts", .content = "{\"hosts\":[\"tcp://0.0.0.0:2375\"]}",
	  .status = READ_OK, .has_hosts = true, .hosts_line = 1,
	  .hosts = { { "tcp://0.0.0.0:2375", 1 } }, .nhosts = 1, .tls = -1, .tlsverify = -1,
	  .has_keys = { "hosts" }, .not_keys = { "tls" } },
	{ .name = "multi-line hosts, each entry its line",
	  .content = "{\n  \"debug\": true,\n  \"hosts\": [\n    \"unix:///var/run/docker.sock\",\n"
		     "\n    \"tcp://127.0.0.1:2375\", \"fd://\"\n  ,\"tcp://[::]:2376\"]\n}\n",
	  .status = READ_OK, .has_hosts = true, .hosts_line = 3,
	  .hosts = { { "unix:///var/run/docker.sock", 4 }, { "tcp://127.0.0.1:2375", 6 },
		     { "fd://", 6 }, { "tcp://[::]:2376", 7 } },
	  .nhosts = 4, .tls = -1, .tlsverify = -1, .has_keys = { "debug", "hosts" } },
	{ .name = "escapes in strings and keys",
	  .content = "{\"ho\\u0073ts\": [\"tcp://a\\\"b\\\\c:1\", \"x\\/y\\u00e9\"]}",
	  .status = READ_OK, .has_hosts = true, .hosts_line = 1,
	  .hosts = { { "tcp://a\"b\\c:1", 1 }, { "x/y\xc3\xa9", 1 } }, .nhosts = 2,
	  .tls = -1, .tlsverify = -1, .has_keys = { "hosts" } },
	{ .name = "hosts empty array is still present", .content = "{\n\"hosts\": []\n}",
	  .status = READ_OK, .has_hosts = true, .hosts_line = 2, .tls = -1,
	  .tlsverify = -1, .has_keys = { "hosts" } },
	{ .name = "hosts null is present without entries", .content = "{\"hosts\": null}",
	  .status = READ_OK, .has_hosts = true, .hosts_line = 1, .tls = -1,
	  .tlsverify = -1, .has_keys = { "hosts" } },
	{ .name = "hosts string: refused, but the value is kept",
	  .content = "{\n \"hosts\": \"tcp://0.0.0.0:2375\"\n}", .status = READ_REFUSED, .refuses = true,
	  .has_hosts = true, .hosts_line = 2, .hosts = { { "tcp://0.0.0.0:2375", 2 } }, .nhosts = 1,
	  .tls = -1, .tlsverify = -1, .nproblems = 1,
	  .problems = { { "\"hosts\" must be an array of strings, not a string", 2 } } },
	{ .name = "hosts number", .content = "{\"hosts\": 2375}", .status = READ_REFUSED, .refuses = true,
	  .has_hosts = true, .hosts_line = 1, .tls = -1, .tlsverify = -1, .nproblems = 1,
	  .problems = { { "not a number", 1 } } },
	{ .name = "hosts with a non-string entry keeps the strings",
	  .content = "{\"hosts\": [\n\"tcp://1.2.3.4:2375\",\n 5,\n{\"a\":1},\n\"unix://\"]}",
	  .status = READ_REFUSED, .refuses = true, .has_hosts = true, .hosts_line = 1,
	  .hosts = { { "tcp://1.2.3.4:2375", 2 }, { "unix://", 5 } }, .nhosts = 2, .tls = -1,
	  .tlsverify = -1, .nproblems = 2,
	  .problems = { { "entries must be strings, not a number", 3 },
			{ "entries must be strings, not an object", 4 } } },
	{ .name = "null hosts entry is an empty host (Go zero value)",
	  .content = "{\"hosts\": [null, \"fd://\"]}", .status = READ_OK,
	  .has_hosts = true, .hosts_line = 1, .hosts = { { "", 1 }, { "fd://", 1 } }, .nhosts = 2,
	  .tls = -1, .tlsverify = -1 },
	{ .name = "tls booleans and paths",
	  .content = "{\n\"tls\": true,\n\"tlsverify\": false,\n\"tlscacert\": \"/etc/docker/ca.pem\",\n"
		     "\"tlscert\": \"/etc/docker/cert.pem\",\n\"tlskey\": \"/etc/docker/key.pem\"\n}",
	  .status = READ_OK, .tls = 1, .tlsverify = 0, .tls_line = 2,
	  .tlscacert = "/etc/docker/ca.pem", .tlscert = "/etc/docker/cert.pem",
	  .tlskey = "/etc/docker/key.pem",
	  .has_keys = { "tls", "tlsverify", "tlscacert", "tlskey" }, .not_keys = { "hosts" } },
	{ .name = "tls as string is refused", .content = "{\"tls\": \"true\"}", .status = READ_REFUSED,
	  .refuses = true, .tls = 2, .tls_line = 1, .tlsverify = -1, .nproblems = 1,
	  .problems = { { "\"tls\" must be a boolean, not a string", 1 } } },
	{ .name = "tlsverify as number is refused", .content = "{\"tlsverify\": 1}", .status = READ_REFUSED,
	  .refuses = true, .tls = -1, .tlsverify = 2, .nproblems = 1,
	  .problems = { { "\"tlsverify\" must be a boolean, not a number", 1 } } },
	{ .name = "tls null is present but unset", .content = "{\"tls\": null}", .status = READ_OK,
	  .tls = 2, .tls_line = 1, .tlsverify = -1, .has_keys = { "tls" } },
	{ .name = "tlscert as number is refused", .content = "{\"tlscert\": 5}", .status = READ_REFUSED,
	  .refuses = true, .tls = -1, .tlsverify = -1, .nproblems = 1,
	  .problems = { { "\"tlscert\" must be a string", 1 } } },
	{ .name = "data-root and metrics-addr",
	  .content = "{\"data-root\": \"/srv/docker\",\n\"metrics-addr\": \"127.0.0.1:9323\"}",
	  .status = READ_OK, .tls = -1, .tlsverify = -1, .data_root = "/srv/docker",
	  .metrics_addr = "127.0.0.1:9323" },
	{ .name = "legacy graph: 20.10 reads it, 23+ refuse", .content = "{\"graph\": \"/g\"}",
	  .status = READ_OK, .tls = -1, .tlsverify = -1, .data_root = "/g",
	  .nproblems = 1, .problems = { { "\"graph\" is refused by dockerd 23", 1 } } },
	{ .name = "graph and data-root together", .content = "{\"data-root\": \"/d\",\n\"graph\": \"/g\"}",
	  .status = READ_REFUSED, .refuses = true, .tls = -1, .tlsverify = -1, .data_root = "/d",
	  .nproblems = 2,
	  .problems = { { "\"graph\" is refused", 2 }, { "must not both be set", 1 } } },
	{ .name = "unknown key", .content = "{\n\"hosts\": [],\n\"host-s\": 1,\n\"Hosts\": [\"tcp://x\"]\n}",
	  .status = READ_REFUSED, .refuses = true, .has_hosts = true, .hosts_line = 2, .tls = -1,
	  .tlsverify = -1, .unknown = { "host-s", "Hosts" }, .nunknown = 2, .nproblems = 2,
	  .problems = { { "don't match any configuration option: host-s", 3 },
			{ "don't match any configuration option: Hosts", 4 } } },
	{ .name = "object value of a non-flat key counts as its members",
	  .content = "{\"proxies\": {\"http-proxy\": \"http://p:3128\"},\n\"log-opts\": {\"max-size\": \"1m\"}}",
	  .status = READ_OK, .tls = -1, .tlsverify = -1,
	  .has_keys = { "http-proxy", "log-opts" }, .not_keys = { "proxies", "max-size" } },
	{ .name = "unknown member of a flattened object",
	  .content = "{\"proxies\": {\"bogus\": 1}}", .status = READ_REFUSED, .refuses = true, .tls = -1,
	  .tlsverify = -1, .unknown = { "bogus" }, .nunknown = 1, .nproblems = 1,
	  .problems = { { "don't match any configuration option: bogus", 1 } } },
	{ .name = "unknown key with an empty object value is ignored by dockerd",
	  .content = "{\"whatever\": {}}", .status = READ_OK, .tls = -1, .tlsverify = -1 },
	{ .name = "nested hosts conflicts with -H but sets no listener",
	  .content = "{\"x\": {\"hosts\": [\"tcp://0.0.0.0:2375\"]}}", .status = READ_OK,
	  .tls = -1, .tlsverify = -1, .has_keys = { "hosts" }, .nproblems = 1,
	  .problems = { { "\"hosts\" inside \"x\"", 1 } } },
	{ .name = "duplicate hosts: the last one wins (dockerd 20.10.24), a warning",
	  .content = "{\n\"hosts\": [\"tcp://0.0.0.0:2375\"],\n\"debug\": true,\n\"hosts\": [\"unix://\"]\n}",
	  .status = READ_OK, .has_hosts = true, .hosts_line = 2,
	  .hosts = { { "unix://", 4 } }, .nhosts = 1, .tls = -1,
	  .tlsverify = -1, .nproblems = 1, .problems = { { "duplicate key \"hosts\"", 4 } } },
	{ .name = "duplicate tls: last wins",
	  .content = "{\"tls\": false,\n\"tls\": true}", .status = READ_OK, .tls = 1,
	  .tls_line = 2, .tlsverify = -1, .nproblems = 1,
	  .problems = { { "duplicate key \"tls\"", 2 } } },
	{ .name = "invalid JSON names the line", .content = "{\n\"hosts\": [\n\"tcp://a\"\n\"tcp://b\"]\n}",
	  .status = READ_REFUSED, .refuses = true, .tls = -1, .tlsverify = -1, .nproblems = 1,
	  .problems = { { "invalid JSON: expected ',' or ']'", 4 } } },
	{ .name = "trailing comma", .content = "{\"hosts\": [\"a\",],}", .status = READ_REFUSED,
	  .refuses = true, .tls = -1, .tlsverify = -1, .nproblems = 1,
	  .problems = { { "invalid JSON", 1 } } },
	{ .name = "single quotes (json-c accepts them, Go does not)", .content = "{'hosts': []}",
	  .status = READ_REFUSED, .refuses = true, .tls = -1, .tlsverify = -1, .nproblems = 1,
	  .problems = { { "expected a double-quoted key", 1 } } },
	{ .name = "raw tab inside a string", .content = "{\"hosts\": [\"tcp://a\tb\"]}",
	  .status = READ_REFUSED, .refuses = true, .tls = -1, .tlsverify = -1, .nproblems = 1,
	  .problems = { { "control character", 1 } } },
	{ .name = "comment", .content = "// hosts\n{}", .status = READ_REFUSED, .refuses = true, .tls = -1,
	  .tlsverify = -1, .nproblems = 1, .problems = { { "invalid character", 1 } } },
	{ .name = "NaN", .content = "{\"mtu\": NaN}", .status = READ_REFUSED, .refuses = true, .tls = -1,
	  .tlsverify = -1, .nproblems = 1, .problems = { { "invalid", 1 } } },
	{ .name = "truncated", .content = "{\"hosts\": [\"tcp://a\"", .status = READ_REFUSED, .refuses = true,
	  .tls = -1, .tlsverify = -1, .nproblems = 1,
	  .problems = { { "unexpected end of file inside an array", 1 } } },
	{ .name = "trailing garbage: 23+ refuse, 20.10 ignores",
	  .content = "{\"hosts\": [\"fd://\"]}\n}\n", .status = READ_OK,
	  .has_hosts = true, .hosts_line = 1, .hosts = { { "fd://", 1 } }, .nhosts = 1, .tls = -1,
	  .tlsverify = -1, .nproblems = 1, .problems = { { "text after the JSON value", 2 } } },
	{ .name = "array document", .content = "[\"tcp://0.0.0.0:2375\"]", .status = READ_REFUSED,
	  .refuses = true, .tls = -1, .tlsverify = -1, .nproblems = 1,
	  .problems = { { "must hold a JSON object", 1 } } },
	{ .name = "binary", .content = "\x7f" "ELF\x02\x01\x01\x00\x00\x00", .content_len = 10,
	  .status = READ_REFUSED, .refuses = true, .tls = -1, .tlsverify = -1, .nproblems = 1,
	  .problems = { { "invalid character", 1 } } },
	{ .name = "invalid UTF-8 in a string", .content = "{\"hosts\": [\"tcp://\xff:1\"]}",
	  .status = READ_OK, .has_hosts = true, .hosts_line = 1,
	  .hosts = { { "tcp://\xff:1", 1 } }, .nhosts = 1, .tls = -1, .tlsverify = -1,
	  .nproblems = 1, .problems = { { "not valid UTF-8", 1 } } },
	{ .name = "UTF-8 BOM", .content = "\xef\xbb\xbf{\"hosts\": [\"fd://\"]}", .status = READ_OK,
	  .has_hosts = true, .hosts_line = 1, .hosts = { { "fd://", 1 } },
	  .nhosts = 1, .tls = -1, .tlsverify = -1, .nproblems = 1,
	  .problems = { { "UTF-8 byte order mark", 1 } } },
	{ .name = "UTF-16LE with BOM",
	  .content = "\xff\xfe{\0\n\0\"\0h\0o\0s\0t\0s\0\"\0:\0[\0\"\0f\0d\0:\0/\0/\0\"\0]\0}\0",
	  .content_len = 42, .status = READ_OK, .has_hosts = true, .hosts_line = 2,
	  .hosts = { { "fd://", 2 } }, .nhosts = 1, .tls = -1, .tlsverify = -1, .nproblems = 1,
	  .problems = { { "UTF-16LE", 1 } } },
	{ .name = "vertical tab around the object", .content = "\v{\"tls\": true}\n", .status = READ_OK,
	  .tls = 1, .tls_line = 1, .tlsverify = -1, .nproblems = 1,
	  .problems = { { "white space JSON does not allow", 0 } } },
};

static void check_case(const struct dj_case *tc)
{
	char *root = fixture_mkroot();
	if (tc->content) {
		size_t n = tc->content_len ? tc->content_len : strlen(tc->content);
		char p[1024];
		fixture_write(root, DJ_PATH, "");
		snprintf(p, sizeof(p), "%s%s", root, DJ_PATH);
		FILE *f = fopen(p, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(tc->content, 1, n, f), n);
		fclose(f);
	}
	struct rootfs r;
	assert_int_equal(rootfs_open(&r, root), 0);
	struct daemon_json d;
	struct dl_problem_list problems = { 0 };
	daemon_json_load(&d, &r, DJ_PATH, tc->explicit_file, &problems);

	for (size_t i = 0; i < problems.count; i++)
		print_message("  [%s] problem %u: %s\n", tc->name, problems.items[i].line,
			      problems.items[i].message);
	assert_string_equal(d.path, DJ_PATH);
	if (d.status != tc->status)
		fail_msg("%s: status %s, want %s", tc->name, read_status_name(d.status),
			 read_status_name(tc->status));
	assert_int_equal(daemon_json_stops_dockerd(&d), tc->refuses);
	/* Every status but "read" and "absent" comes with an error problem. */
	if (d.status == READ_UNREADABLE || d.status == READ_REFUSED)
		assert_true(problems.count > 0);
	assert_int_equal(d.has_hosts, tc->has_hosts);
	if (tc->has_hosts) {
		assert_int_equal(d.hosts_where.line, tc->hosts_line);
		assert_string_equal(d.hosts_where.source, SRC_DAEMON_JSON);
	}
	assert_int_equal(d.nhosts, tc->nhosts);
	for (size_t i = 0; i < tc->nhosts; i++) {
		assert_string_equal(d.hosts[i].value, tc->hosts[i].value);
		assert_int_equal(d.hosts[i].where.line, tc->hosts[i].line);
		assert_string_equal(d.hosts[i].where.source, SRC_DAEMON_JSON);
		assert_string_equal(d.hosts[i].where.path, DJ_PATH);
		assert_non_null(d.hosts[i].where.text);
	}
	assert_int_equal(problems.count, tc->nproblems);
	for (size_t i = 0; i < tc->nproblems; i++) {
		bool found = false;
		for (size_t k = 0; k < problems.count && !found; k++)
			found = strstr(problems.items[k].message, tc->problems[i].contains) &&
				problems.items[k].line == tc->problems[i].line &&
				!strcmp(problems.items[k].path, DJ_PATH);
		if (!found)
			fail_msg("%s: no problem '%s' at line %u", tc->name, tc->problems[i].contains,
				 tc->problems[i].line);
	}
	assert_int_equal(d.nunknown, tc->nunknown);
	for (size_t i = 0; i < tc->nunknown; i++)
		assert_string_equal(d.unknown_keys[i], tc->unknown[i]);

	assert_int_equal(d.tls.present, tc->tls != -1);
	if (tc->tls == 0 || tc->tls == 1)
		assert_int_equal(d.tls.bool_value, tc->tls == 1);
	if (tc->tls_line)
		assert_int_equal(d.tls.where.line, tc->tls_line);
	assert_int_equal(d.tlsverify.present, tc->tlsverify != -1);
	if (tc->tlsverify == 0 || tc->tlsverify == 1)
		assert_int_equal(d.tlsverify.bool_value, tc->tlsverify == 1);

	const struct {
		const struct json_value_ref *got;
		const char *want;
	} strs[] = { { &d.tlscacert, tc->tlscacert }, { &d.tlscert, tc->tlscert },
		     { &d.tlskey, tc->tlskey },       { &d.data_root, tc->data_root },
		     { &d.metrics_addr, tc->metrics_addr } };
	for (size_t i = 0; i < sizeof(strs) / sizeof(*strs); i++) {
		if (strs[i].want) {
			assert_true(strs[i].got->present);
			assert_string_equal(strs[i].got->value, strs[i].want);
		} else if (strs[i].got->value && !strs[i].got->present)
			fail_msg("%s: value without presence", tc->name);
	}
	for (size_t i = 0; i < 4 && tc->has_keys[i]; i++)
		if (!daemon_json_has_key(&d, tc->has_keys[i]))
			fail_msg("%s: key %s not recorded", tc->name, tc->has_keys[i]);
	for (size_t i = 0; i < 3 && tc->not_keys[i]; i++)
		if (daemon_json_has_key(&d, tc->not_keys[i]))
			fail_msg("%s: key %s recorded", tc->name, tc->not_keys[i]);

	daemon_json_clear(&d);
	problem_list_clear(&problems);
	rootfs_close(&r);
	fixture_rmroot(root);
}

static void test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		print_message("case: %s\n", cases[i].name);
		check_case(&cases[i]);
	}
}

/* Load content written at DJ_PATH (or a given in-root file) and return the
 * problems. */
static void load_text(const char *content, size_t len, struct daemon_json *d,
		      struct dl_problem_list *problems, bool *refuses)
{
	char *root = fixture_mkroot();
	char p[1024];
	fixture_write(root, DJ_PATH, "");
	snprintf(p, sizeof(p), "%s%s", root, DJ_PATH);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(content, 1, len, f), len);
	fclose(f);
	struct rootfs r;
	assert_int_equal(rootfs_open(&r, root), 0);
	daemon_json_load(d, &r, DJ_PATH, false, problems);
	*refuses = daemon_json_stops_dockerd(d);
	rootfs_close(&r);
	fixture_rmroot(root);
}

static void test_depth_bomb(void **state)
{
	(void)state;
	size_t n = 100000;
	char *s = malloc(2 * n + 16);
	assert_non_null(s);
	size_t o = 0;
	o += (size_t)sprintf(s, "{\"a\":");
	for (size_t i = 0; i < n; i++)
		s[o++] = '[';
	for (size_t i = 0; i < n; i++)
		s[o++] = ']';
	s[o++] = '}';
	struct daemon_json d;
	struct dl_problem_list problems = { 0 };
	bool refuses;
	load_text(s, o, &d, &problems, &refuses);
	assert_int_equal(d.status, READ_REFUSED);
	assert_int_equal(problems.count, 1);
	assert_non_null(strstr(problems.items[0].message, "deeper than 64"));
	assert_int_equal(problems.items[0].line, 1);
	free(s);
	daemon_json_clear(&d);
	problem_list_clear(&problems);
}

static void test_depth_limit_exact(void **state)
{
	(void)state;
	/* 64 levels (object + 63 arrays) are read, 65 are not. */
	for (int depth = 64; depth <= 65; depth++) {
		char s[256];
		size_t o = (size_t)sprintf(s, "{\"labels\":");
		for (int i = 1; i < depth; i++)
			s[o++] = '[';
		for (int i = 1; i < depth; i++)
			s[o++] = ']';
		s[o++] = '}';
		struct daemon_json d;
		struct dl_problem_list problems = { 0 };
		bool refuses;
		load_text(s, o, &d, &problems, &refuses);
		for (size_t k = 0; k < problems.count; k++)
			print_message("depth %d: %s\n", depth, problems.items[k].message);
		assert_int_equal(problems.count, depth == 64 ? 0 : 1);
		daemon_json_clear(&d);
		problem_list_clear(&problems);
	}
}

static void test_huge(void **state)
{
	(void)state;
	size_t n = ROOTFS_MAX_FILE + 10;
	char *s = malloc(n);
	assert_non_null(s);
	memset(s, ' ', n);
	s[0] = '{';
	s[n - 1] = '}';
	struct daemon_json d;
	struct dl_problem_list problems = { 0 };
	bool refuses;
	load_text(s, n, &d, &problems, &refuses);
	assert_int_equal(d.status, READ_UNREADABLE);
	assert_false(refuses);
	assert_int_equal(problems.count, 1);
	assert_non_null(strstr(problems.items[0].message, "1 MiB"));
	assert_string_equal(problems.items[0].path, DJ_PATH);
	free(s);
	daemon_json_clear(&d);
	problem_list_clear(&problems);
}

static void test_many_hosts(void **state)
{
	(void)state;
	size_t cap = 1100 * 16 + 32, o = 0;
	char *s = malloc(cap);
	assert_non_null(s);
	o += (size_t)sprintf(s, "{\"hosts\":[");
	for (int i = 0; i < 1100; i++)
		o += (size_t)sprintf(s + o, "%s\n\"fd://%d\"", i ? "," : "", i);
	o += (size_t)sprintf(s + o, "]}");
	struct daemon_json d;
	struct dl_problem_list problems = { 0 };
	bool refuses;
	load_text(s, o, &d, &problems, &refuses);
	assert_int_equal(d.nhosts, 1024);
	assert_string_equal(d.hosts[1023].value, "fd://1023");
	assert_int_equal(d.hosts[1023].where.line, 1024 + 1);
	assert_int_equal(problems.count, 1);
	assert_non_null(strstr(problems.items[0].message, "more than 1024"));
	free(s);
	daemon_json_clear(&d);
	problem_list_clear(&problems);
}

static void test_long_line_text_bounded(void **state)
{
	(void)state;
	char s[2048];
	size_t o = (size_t)sprintf(s, "{\"hosts\": [\"tcp://a:1\"], \"labels\": [\"");
	memset(s + o, 'x', 1500);
	o += 1500;
	o += (size_t)sprintf(s + o, "\"]}");
	struct daemon_json d;
	struct dl_problem_list problems = { 0 };
	bool refuses;
	load_text(s, o, &d, &problems, &refuses);
	assert_int_equal(d.nhosts, 1);
	assert_int_equal(strlen(d.hosts[0].where.text), 512);
	assert_true(str_startswith(d.hosts[0].where.text, "{\"hosts\""));
	daemon_json_clear(&d);
	problem_list_clear(&problems);
}

static void test_symlink_outside_root(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	char *outside = fixture_mkroot();
	char p[1024];
	/* The host's file: must never be read. */
	snprintf(p, sizeof(p), "%s/real.json", outside);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs("{\"hosts\": [\"tcp://OUTSIDE:1\"]}", f);
	fclose(f);
	/* In-root file at the same absolute path the link names. */
	char inroot[1024];
	snprintf(inroot, sizeof(inroot), "%s/real.json", outside);
	fixture_write(root, inroot, "{\n\"hosts\": [\"tcp://INSIDE:2\"]}");
	fixture_symlink(root, DJ_PATH, p);

	struct rootfs r;
	assert_int_equal(rootfs_open(&r, root), 0);
	struct daemon_json d;
	struct dl_problem_list problems = { 0 };
	daemon_json_load(&d, &r, DJ_PATH, false, &problems);
	assert_int_equal(d.status, READ_OK);
	assert_int_equal(d.nhosts, 1);
	assert_string_equal(d.hosts[0].value, "tcp://INSIDE:2");
	assert_int_equal(d.hosts[0].where.line, 2);
	assert_int_equal(problems.count, 0);
	daemon_json_clear(&d);
	problem_list_clear(&problems);
	rootfs_close(&r);
	fixture_rmroot(root);
	fixture_rmroot(outside);
}

static void test_directory_and_dangling(void **state)
{
	(void)state;
	char *root = fixture_mkroot();
	fixture_write(root, "/etc/docker/daemon.json/x", "");
	fixture_symlink(root, "/etc/docker/dangling.json", "/nowhere.json");
	struct rootfs r;
	assert_int_equal(rootfs_open(&r, root), 0);
	struct daemon_json d;
	struct dl_problem_list problems = { 0 };
	/* A directory: dockerd fails to read it even as the default file. */
	daemon_json_load(&d, &r, DJ_PATH, false, &problems);
	assert_int_equal(d.status, READ_UNREADABLE);
	assert_true(daemon_json_stops_dockerd(&d));
	assert_int_equal(problems.count, 1);
	daemon_json_clear(&d);
	problem_list_clear(&problems);
	/* A dangling default link is "not found": no file, no problem. */
	daemon_json_load(&d, &r, "/etc/docker/dangling.json", false, &problems);
	assert_int_equal(d.status, READ_ABSENT);
	assert_false(daemon_json_stops_dockerd(&d));
	assert_int_equal(problems.count, 0);
	daemon_json_clear(&d);
	rootfs_close(&r);
	fixture_rmroot(root);
}

static void test_known_keys(void **state)
{
	(void)state;
	static const struct {
		const char *key;
		bool known;
	} t[] = {
		{ "hosts", true },     { "host", true },          { "tls", true },
		{ "tlsverify", true }, { "data-root", true },     { "graph", true },
		{ "features", true },  { "builder", true },       { "min-api-version", true },
		{ "log-opts", true },  { "default-address-pools", true }, { "Hosts", false },
		{ "H", false },        { "proxies", false },      { "", false },
		{ "cluster-store", true }, { "firewall-backend", true }, { "zzz", false },
		{ "add-runtime", true },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(*t); i++)
		if (daemon_json_key_is_known(t[i].key) != t[i].known)
			fail_msg("key %s: expected known=%d", t[i].key, t[i].known);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_depth_bomb),
		cmocka_unit_test(test_depth_limit_exact),
		cmocka_unit_test(test_huge),
		cmocka_unit_test(test_many_hosts),
		cmocka_unit_test(test_long_line_text_bounded),
		cmocka_unit_test(test_symlink_outside_root),
		cmocka_unit_test(test_directory_and_dangling),
		cmocka_unit_test(test_known_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
