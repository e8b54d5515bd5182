/* The merge as a function of facts: each row gives a dockerd command line,
 * the text of the daemon.json dockerd reads (or none), and the sockets
 * systemd passes (or "not started by systemd"), and the listener set and
 * refusal docs/dockerd-listeners.md §2-§4 give for them. No file is read:
 * effective_merge() gets the facts as data. */
#include "config.h"

#include "testutil.h"

#include "read/daemon_json.h"
#include "merge/effective.h"
#include "read/launch.h"
#include "read/socket_unit.h"
#define NO_SYSTEMD "-"

struct merge_case {
	const char *name;
	const char *argv;       /* words separated by single spaces */
	const char *json;       /* daemon.json text, or NULL for no file */
	const char *sockets;    /* NO_SYSTEMD, or ListenStream facts: "tcp:ADDR:PORT unix:PATH" ([::] for IPv6) */
	const char *want[4];    /* "tcp ADDR:PORT TLS", "unix PATH", "fd SPEC" (sorted as the set is) */
	bool refuses;
};

static const struct merge_case cases[] = {
	{ "-H tcp on the command line", "dockerd -H tcp://0.0.0.0:2375", NULL, NO_SYSTEMD,
	  { "tcp 0.0.0.0:2375 none" }, false },
	{ "no hosts: the unix socket", "dockerd", NULL, NO_SYSTEMD, { "unix /var/run/docker.sock" },
	  false },
	{ "hosts from the file, TLS from the file", "dockerd",
	  "{\"hosts\": [\"tcp://127.0.0.1:2376\", \"unix:///run/d.sock\"], \"tlsverify\": true,\n"
	  " \"tlscacert\": \"/c/ca.pem\", \"tlscert\": \"/c/cert.pem\", \"tlskey\": \"/c/key.pem\"}",
	  NO_SYSTEMD, { "tcp 127.0.0.1:2376 mutual", "unix /run/d.sock" }, false },
	{ "server TLS: tls without verification", "dockerd --tls --tlsverify=false -H 127.0.0.1:2376",
	  NULL, NO_SYSTEMD, { "tcp 127.0.0.1:2376 server" }, false },
	{ "fd:// takes every socket", "dockerd -H fd://", NULL, "unix:/run/docker.sock tcp:[::]:2375",
	  { "tcp [::]:2375 none", "unix /run/docker.sock" }, false },
	{ "fd://4 takes the second socket only", "dockerd -H fd://4", NULL,
	  "unix:/run/docker.sock tcp:127.0.0.1:2375", { "tcp 127.0.0.1:2375 none" }, false },
	{ "fd:// with no socket unit", "dockerd -H fd://", NULL, "", { "fd fd://" }, true },
	{ "fd:// without systemd", "dockerd -H fd://", NULL, NO_SYSTEMD, { "fd fd://" }, true },
	{ "hosts as a flag and in the file: refused, both listed", "dockerd -H unix:///x.sock",
	  "{\"hosts\": [\"tcp://0.0.0.0:2375\"]}", NO_SYSTEMD,
	  { "tcp 0.0.0.0:2375 none", "unix /x.sock" }, true },
	{ "an empty hosts array still conflicts", "dockerd -H unix:///x.sock", "{\"hosts\": []}",
	  NO_SYSTEMD, { "unix /x.sock" }, true },
	{ "unknown key: refused", "dockerd", "{\"hostz\": [\"tcp://0.0.0.0:2375\"]}", NO_SYSTEMD,
	  { "unix /var/run/docker.sock" }, true },
	{ "invalid JSON: refused", "dockerd -H unix:///x.sock", "{\"debug\": true,,}", NO_SYSTEMD,
	  { "unix /x.sock" }, true },
	{ "unsupported scheme: refused", "dockerd -H ssh://h", NULL, NO_SYSTEMD, { NULL }, true },
	{ "not dockerd: nothing guessed", "/usr/local/bin/wrapper.sh -H tcp://0.0.0.0:2375", NULL,
	  NO_SYSTEMD, { NULL }, false },
	{ "normalised and merged", "dockerd -H tcp://:2375 -H localhost:2375 -H unix://", NULL,
	  NO_SYSTEMD, { "tcp localhost:2375 none", "unix /var/run/docker.sock" }, false },
};

static void split(struct word_list *out, const char *line)
{
	struct dl_evidence where = { 0 };
	evidence_set(&where, SRC_SYSTEMD_UNIT, "/lib/systemd/system/docker.service", 9, line);
	char *copy = strdup(line), *save = NULL;
	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
		word_list_add(out, w, &where, NULL);
	free(copy);
	evidence_clear(&where);
}

static void add_socket(struct socket_set *set, const char *fact)
{
	grow_array(&set->items, &set->cap, set->count + 1, sizeof(*set->items));
	struct socket_listen *sl = &set->items[set->count++];
	memset(sl, 0, sizeof(*sl));
	sl->value = strdup(fact);
	sl->unit_path = strdup("/lib/systemd/system/docker.socket");
	evidence_set(&sl->where, SRC_SOCKET_UNIT, sl->unit_path, 5, fact);
	if (!strncmp(fact, "unix:", 5)) {
		sl->kind = SOCKET_UNIX;
		sl->path = strdup(fact + 5);
	} else {
		const char *port = strrchr(fact, ':');
		const char *addr = fact + 4;
		size_t n = (size_t)(port - addr);
		if (*addr == '[') /* "tcp:[::]:2375" */
			addr++, n -= 2;
		sl->kind = SOCKET_TCP;
		sl->address = strndup(addr, n);
		sl->port = (unsigned)atoi(port + 1);
	}
}

static char *describe(const struct dl_listener *l)
{
	char buf[256];
	if (l->proto == DL_PROTO_TCP)
		snprintf(buf, sizeof(buf), strchr(l->address, ':') ? "tcp [%s]:%u %s" : "tcp %s:%u %s",
			 l->address, l->port, dl_tls_name(l->tls));
	else if (l->proto == DL_PROTO_UNIX)
		snprintf(buf, sizeof(buf), "unix %s", l->path);
	else
		snprintf(buf, sizeof(buf), "fd %s", l->fd);
	return strdup(buf);
}

static void test_merge_table(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof(cases) / sizeof(*cases); c++) {
		const struct merge_case *mc = &cases[c];
		struct word_list argv = { 0 };
		struct daemon_json dj = { 0 };
		struct socket_set sockets = { 0 };
		struct dl_listener_list set = { 0 };
		struct dl_launch launch = { 0 };
		struct dl_problem_list problems = { 0 };
		enum dl_tls tls;

		split(&argv, mc->argv);
		if (mc->json)
			daemon_json_parse(&dj, "/etc/docker/daemon.json", mc->json, strlen(mc->json),
					  &problems);
		bool systemd = strcmp(mc->sockets, NO_SYSTEMD) != 0;
		if (systemd) {
			char *copy = strdup(mc->sockets), *save = NULL;
			for (char *f = strtok_r(copy, " ", &save); f; f = strtok_r(NULL, " ", &save))
				add_socket(&sockets, f);
			free(copy);
		}
		effective_merge(&set, &launch, &tls, &argv, &dj, systemd ? &sockets : NULL, &problems);

		size_t nwant = 0;
		while (nwant < 4 && mc->want[nwant])
			nwant++;
		bool ok = set.count == nwant;
		for (size_t i = 0; ok && i < nwant; i++) {
			char *got = describe(&set.items[i]);
			ok = !strcmp(got, mc->want[i]);
			free(got);
		}
		if (!ok) {
			fprintf(stderr, "case '%s': got %zu listeners:\n", mc->name, set.count);
			for (size_t i = 0; i < set.count; i++) {
				char *got = describe(&set.items[i]);
				fprintf(stderr, "  %s\n", got);
				free(got);
			}
		}
		assert_true(ok);
		bool refuses = launch.refuses_start;
		if (refuses != mc->refuses)
			fprintf(stderr, "case '%s': refuses %d, want %d\n", mc->name, refuses,
				mc->refuses);
		assert_int_equal(refuses, mc->refuses);
		/* Every refusal is explained by an error problem naming a file. */
		if (refuses) {
			assert_true(problem_list_errors(&problems) > 0);
			for (size_t i = 0; i < problems.count; i++)
				if (problems.items[i].severity == DL_SEVERITY_ERROR)
					assert_non_null(problems.items[i].path);
		}
		for (size_t i = 0; i < set.count; i++)
			assert_true(set.items[i].evidence.count > 0);

		listener_list_clear(&set);
		launch_clear(&launch);
		problem_list_clear(&problems);
		daemon_json_clear(&dj);
		socket_set_clear(&sockets);
		word_list_clear(&argv);
	}
}

/* The merge decides from the facts' statuses: a source the facts stage
 * could not read always leaves an error problem naming it, even when the
 * facts come without one (here, built by hand with an empty problem list),
 * so the set is never clean; a launcher or daemon.json the consuming
 * program refuses makes dockerd refuse to start. The last rows are the
 * controls: the same facts read, no error. */
enum status_fact { SF_LAUNCHER, SF_FILE, SF_DAEMON_JSON, SF_SOCKETS, SF_TLS_CERT };

struct status_case {
	const char *name;
	const char *argv;
	enum status_fact fact;
	enum read_status status;
	const char *error_path; /* an error must name this file; NULL: no error at all */
	bool refuses;
};

#define SVC "/etc/systemd/system/docker.service"
#define ENVF "/etc/default/docker"
#define DJP "/etc/docker/daemon.json"
#define TLS_ARGV "dockerd --tlsverify -H tcp://0.0.0.0:2376"

static const struct status_case status_cases[] = {
	{ "unit unreadable", "dockerd", SF_LAUNCHER, READ_UNREADABLE, SVC, false },
	{ "unit unreadable, no command line", "", SF_LAUNCHER, READ_UNREADABLE, SVC, false },
	{ "unit refused", "dockerd", SF_LAUNCHER, READ_REFUSED, NULL, true },
	{ "environment file unreadable", "dockerd", SF_FILE, READ_UNREADABLE, ENVF, false },
	{ "environment file refused (systemd skips an optional one)", "dockerd", SF_FILE,
	  READ_REFUSED, NULL, false },
	{ "daemon.json unreadable", "dockerd", SF_DAEMON_JSON, READ_UNREADABLE, DJP, false },
	{ "daemon.json refused", "dockerd", SF_DAEMON_JSON, READ_REFUSED, NULL, true },
	{ "socket units unreadable", "dockerd -H fd://", SF_SOCKETS, READ_UNREADABLE, "", false },
	{ "TLS certificate unreadable", TLS_ARGV, SF_TLS_CERT, READ_UNREADABLE, "/c/cert.pem", true },
	{ "TLS certificate absent", TLS_ARGV, SF_TLS_CERT, READ_ABSENT, "/c/cert.pem", true },
	/* controls */
	{ "everything read", "dockerd -H fd://", SF_LAUNCHER, READ_OK, NULL, false },
	{ "TLS certificate read", TLS_ARGV, SF_TLS_CERT, READ_OK, NULL, false },
};

static bool error_names(const struct dl_problem_list *l, const char *path)
{
	for (size_t i = 0; i < l->count; i++)
		if (l->items[i].severity == DL_SEVERITY_ERROR &&
		    ((l->items[i].path && !strcmp(l->items[i].path, path)) ||
		     strstr(l->items[i].message, path)))
			return true;
	return false;
}

static void test_merge_statuses(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof(status_cases) / sizeof(*status_cases); c++) {
		const struct status_case *sc = &status_cases[c];
		struct merge_facts mf = { 0 };
		struct word_list argv = { 0 };
		struct dl_listener_list set = { 0 };
		struct dl_launch launch = { 0 };
		struct dl_problem_list problems = { 0 };
		enum dl_tls tls;

		mf.launcher = READ_OK;
		mf.launcher_path = strdup(SVC);
		mf.systemd = true;
		mf.cwd = strdup("/");
		mf.default_unix = strdup(LAUNCH_DEFAULT_UNIX_SOCKET);
		mf.dj.path = strdup(DJP);
		mf.dj.status = READ_ABSENT;
		read_fact_add(&mf.files, ENVF, READ_OK);
		add_socket(&mf.sockets, "unix:/run/docker.sock");
		mf.sockets.status = READ_OK;
		mf.tls_files_known = true;
		const char *tls_paths[TLS_FILES] = { "/c/cert.pem", "/c/key.pem", "/c/ca.pem" };
		for (size_t i = 0; i < TLS_FILES; i++) {
			mf.tls[i].path = strdup(tls_paths[i]);
			mf.tls[i].status = READ_OK;
		}
		switch (sc->fact) {
		case SF_LAUNCHER:
			mf.launcher = sc->status;
			break;
		case SF_FILE:
			mf.files.items[0].status = sc->status;
			break;
		case SF_DAEMON_JSON:
			mf.dj.status = sc->status;
			mf.dj.read_error = sc->status == READ_UNREADABLE ? -EFBIG : 0;
			break;
		case SF_SOCKETS:
			mf.sockets.status = sc->status;
			break;
		case SF_TLS_CERT:
			mf.tls[TLS_FILE_CERT].status = sc->status;
			mf.tls[TLS_FILE_CERT].error = sc->status == READ_OK ? 0 : -ENOENT;
			break;
		}
		if (*sc->argv)
			split(&argv, sc->argv);
		launch_parse_command(&mf.flags, &argv, &problems);
		effective_merge_facts(&set, &launch, &tls, NULL, NULL, &mf, &problems);

		for (size_t i = 0; i < problems.count; i++)
			print_message("  [%s] %s: %s\n", sc->name, problems.items[i].path,
				      problems.items[i].message);
		if (!sc->error_path && !sc->refuses)
			assert_int_equal(problem_list_errors(&problems), 0);
		else
			assert_true(problem_list_errors(&problems) > 0);
		if (sc->error_path && *sc->error_path && !error_names(&problems, sc->error_path))
			fail_msg("%s: no error names %s", sc->name, sc->error_path);
		assert_int_equal(launch.refuses_start, sc->refuses);

		listener_list_clear(&set);
		launch_clear(&launch);
		problem_list_clear(&problems);
		word_list_clear(&argv);
		merge_facts_clear(&mf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merge_table),
		cmocka_unit_test(test_merge_statuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
