/* Fuzz target: a whole scan (dl_scan) of a generated root, rendered as
 * JSON and text; the outputs are checked: JSON must parse (json-c) and be
 * valid UTF-8, text must be valid UTF-8 with no control character but
 * newline (dockerd-listeners(1), ENCODING); and the no-TCP rule must not
 * pass with a TCP listener or an error problem in the result. A violation
 * aborts.
 *
 * Input format (fuzz/README.md): NUL-separated chunks; a chunk's first
 * byte b picks file (b - 1) modulo the table below, the rest is its
 * content. */
#include "config.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerd-scap/listeners.h"
#include "fuzz.h"
#include "scan_result.h"
#include "base/text.h"
#include "verdict/verdict.h"
#define CONTAINER_ID "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static const char *const paths[] = {
	"/lib/systemd/system/docker.service",
	"/etc/systemd/system/docker.service.d/override.conf",
	"/lib/systemd/system/docker.socket",
	"/etc/systemd/system/docker.socket.d/override.conf",
	"/etc/docker/daemon.json",
	"/etc/default/docker",
	"/etc/sysconfig/docker",
	"/etc/init.d/docker",
	"/etc/conf.d/docker",
	"/usr/bin/dockerd",
	"/proc/812/comm",
	"/proc/812/cmdline",
	"/proc/812/environ",
	"/proc/812/net/tcp",
	"/proc/812/net/tcp6",
	"/proc/812/net/unix",
	"/proc/1/comm",
	"/var/lib/docker/swarm/docker-state.json",
	"/var/lib/docker/containers/" CONTAINER_ID "/config.v2.json",
	"/etc/rc.local",
	"/etc/sv/docker/run",
	"/etc/supervisor/conf.d/dockerd.conf",
	"/etc/cron.d/dockerd",
	"/usr/local/bin/dockerd-entrypoint.sh",
	"/var/lib/boot2docker/profile",
	"/etc/systemd/system/other.service",
};

/* Text: valid UTF-8, no control character but newline (DEL included). */
static void check_text(const char *s, size_t n)
{
	if (!text_utf8_is_valid(s, n, TEXT_UTF8_SCALAR))
		abort();
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\n' && text_is_control(s[i]))
			abort();
}

/* JSON: valid UTF-8 (RFC 8259 section 8.1) and no raw C0 control but the
 * pretty-printer's newlines (section 7: they must be escaped in strings);
 * DEL is a legal unescaped character in a JSON string. */
static void check_json_text(const char *s, size_t n)
{
	if (!text_utf8_is_valid(s, n, TEXT_UTF8_SCALAR))
		abort();
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\n' && (unsigned char)s[i] < 0x20)
			abort();
}

/* Fail closed: the no-TCP rule never passes while a TCP API listener is
 * known (configured or bound) or an error problem leaves the listener set
 * uncertain (docs/rules.md). */
static void check_fail_closed(const struct dl_scan_result *res)
{
	const struct dl_rule_result *rr = verdict_rule_find(res, DL_RULE_NO_TCP);
	if (!rr || rr->result != DL_RESULT_PASS)
		return;
	for (size_t i = 0; i < res->listeners.count; i++)
		if (res->listeners.items[i].proto == DL_PROTO_TCP)
			abort();
	for (size_t d = 0; d < res->ndaemons; d++)
		for (size_t i = 0; i < res->daemons[d].listeners.count; i++)
			if (res->daemons[d].listeners.items[i].proto == DL_PROTO_TCP)
				abort();
	for (size_t i = 0; i < res->problems.count; i++)
		if (res->problems.items[i].severity == DL_SEVERITY_ERROR &&
		    res->problems.items[i].scope == DL_SCOPE_LISTENERS)
			abort();
}

int fuzz_root_scan(const uint8_t *data, size_t size)
{
	const size_t npaths = sizeof(paths) / sizeof(*paths);
	fuzz_root_reset();
	for (size_t i = 0; i < size;) {
		const uint8_t *z = memchr(data + i, 0, size - i);
		size_t n = z ? (size_t)(z - (data + i)) : size - i;
		if (n > 0)
			fuzz_root_write(paths[(data[i] + npaths - 1) % npaths], (const char *)data + i + 1, n - 1);
		i += n + 1;
	}
	struct dl_scan_result *res = NULL;
	char err[256];
	if (dl_scan(&res, fuzz_root(), err, sizeof(err)) < 0)
		abort(); /* the scratch root always exists */
	check_fail_closed(res);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f || dl_render_json(f, res) < 0 || fclose(f))
		abort();
	check_json_text(buf, len);
	json_object *o = json_tokener_parse(buf);
	if (!o)
		abort();
	json_object_put(o);
	free(buf);
	f = open_memstream(&buf, &len);
	if (!f || dl_render_text(f, res) < 0)
		abort();
	for (size_t i = 0; i < res->nrules; i++)
		if (dl_render_rule(f, res, res->rules[i].id) < 0)
			abort();
	if (fclose(f))
		abort();
	check_text(buf, len);
	free(buf);
	dl_scan_result_free(res);
	return 0;
}
FUZZ_ENTRY(fuzz_root_scan)
