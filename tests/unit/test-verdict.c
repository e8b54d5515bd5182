/* The verdicts as a pure function of facts: each row builds a scan result in
 * memory (launch method, listeners, problems, membership, daemons), with no
 * file read, and names the three results docs/rules.md gives for it. */
#include "config.h"

#include "testutil.h"

#include "merge/listener_set.h"
#include "verdict/verdict.h"
enum { NA = DL_RESULT_NOTAPPLICABLE, P = DL_RESULT_PASS, F = DL_RESULT_FAIL, E = DL_RESULT_ERROR };

/* One listener of a row: "tcp:ADDR:PORT:TLS" (TLS n/s/m), "unix:PATH",
 * "fd:FD"; a trailing "!" marks it bound and not configured. */
struct verdict_case {
	const char *name;
	enum dl_launch_method launch;
	size_t ndaemons;
	enum dl_ucp_state ucp;
	const char *listeners[4];
	/* problems: error in the listener set, error in membership, warning */
	unsigned errors, membership_errors, warnings;
	int disa, mutual, no_tcp;
	const char *reason; /* a substring some DISA reason has, or NULL */
};

static const struct verdict_case cases[] = {
	{ "nothing installed", DL_LAUNCH_NONE, 0, DL_UCP_NO, { NULL }, 0, 0, 0, NA, NA, NA,
	  "not installed" },
	/* Fail closed: a launcher or daemon.json that was not read may be the
	 * installation (docs/rules.md, reading rule 1). */
	{ "nothing found, but a source not read", DL_LAUNCH_NONE, 0, DL_UCP_UNKNOWN, { NULL }, 1, 1,
	  0, E, E, E, "not every source" },
	{ "nothing installed, membership problems and warnings do not matter", DL_LAUNCH_NONE, 0,
	  DL_UCP_UNKNOWN, { NULL }, 0, 1, 1, NA, NA, NA, "not installed" },
	{ "a running daemon is an installation", DL_LAUNCH_NONE, 1, DL_UCP_NO,
	  { "unix:/run/docker.sock" }, 0, 0, 0, NA, P, P, "not a UCP" },
	{ "stock unit, not UCP", DL_LAUNCH_SYSTEMD, 0, DL_UCP_NO, { "unix:/run/docker.sock" }, 0, 0, 0,
	  NA, P, P, NULL },
	{ "UCP, unix only", DL_LAUNCH_SYSTEMD, 0, DL_UCP_YES, { "unix:/run/docker.sock" }, 0, 0, 0, P,
	  P, P, "no TCP API listener" },
	{ "UCP, plain TCP", DL_LAUNCH_SYSTEMD, 0, DL_UCP_YES,
	  { "tcp:0.0.0.0:2375:n", "unix:/run/docker.sock" }, 0, 0, 0, F, F, F, "tcp://0.0.0.0:2375" },
	{ "UCP, mutual TLS still fails the DISA rule", DL_LAUNCH_SYSTEMD, 0, DL_UCP_YES,
	  { "tcp:127.0.0.1:2376:m" }, 0, 0, 0, F, P, F, "TLS mutual" },
	{ "not UCP, server TLS", DL_LAUNCH_SYSVINIT, 0, DL_UCP_NO, { "tcp:::1:2376:s" }, 0, 0, 0, NA,
	  F, F, NULL },
	{ "restart pending", DL_LAUNCH_SYSTEMD, 1, DL_UCP_YES, { "tcp:127.0.0.1:2375:n!" }, 0, 0, 0,
	  F, F, F, "restart pending" },
	{ "unreadable source leaves all open", DL_LAUNCH_SYSTEMD, 0, DL_UCP_YES,
	  { "unix:/run/docker.sock" }, 1, 0, 0, E, E, E, "could not be decided" },
	{ "a certain fail wins over an error", DL_LAUNCH_SYSTEMD, 0, DL_UCP_YES,
	  { "tcp:0.0.0.0:2375:n" }, 2, 0, 0, F, F, F, NULL },
	{ "mutual TLS and an error: error for the TLS rule", DL_LAUNCH_SYSTEMD, 0, DL_UCP_YES,
	  { "tcp:0.0.0.0:2376:m" }, 1, 0, 0, F, E, F, NULL },
	{ "membership unknown: only the DISA rule open", DL_LAUNCH_SYSTEMD, 0, DL_UCP_UNKNOWN,
	  { "unix:/run/docker.sock" }, 0, 1, 0, E, P, P, "membership could not be decided" },
	{ "membership problem on a UCP node", DL_LAUNCH_SYSTEMD, 0, DL_UCP_YES,
	  { "unix:/run/docker.sock" }, 0, 1, 0, E, P, P, NULL },
	{ "warnings never leave a rule open", DL_LAUNCH_MANUAL, 0, DL_UCP_YES,
	  { "unix:/var/run/docker.sock" }, 0, 0, 3, P, P, P, NULL },
	{ "unresolved fd:// is an error", DL_LAUNCH_SYSTEMD, 0, DL_UCP_YES, { "fd:fd://" }, 0, 0, 0, E,
	  E, E, "not resolved" },
	{ "no listener at all still passes", DL_LAUNCH_OPENRC, 0, DL_UCP_YES, { NULL }, 0, 0, 0, P, P,
	  P, NULL },
};

static void add_listener(struct dl_listener_list *set, const char *spec)
{
	char buf[128];
	snprintf(buf, sizeof(buf), "%s", spec);
	size_t n = strlen(buf);
	bool bound_only = n && buf[n - 1] == '!';
	if (bound_only)
		buf[--n] = '\0';
	struct dl_listener *l;
	if (!strncmp(buf, "tcp:", 4)) {
		char *tls = strrchr(buf, ':');
		*tls++ = '\0';
		char *port = strrchr(buf, ':');
		*port++ = '\0';
		l = listener_set_add(set, DL_PROTO_TCP, buf + 4, (unsigned)atoi(port), NULL, NULL);
		l->tls = *tls == 'm' ? DL_TLS_MUTUAL : *tls == 's' ? DL_TLS_SERVER : DL_TLS_NONE;
		evidence_list_add(&l->evidence, SRC_SYSTEMD_UNIT, "/etc/systemd/system/docker.service",
				  7, "ExecStart=/usr/bin/dockerd");
	} else if (!strncmp(buf, "unix:", 5)) {
		l = listener_set_add(set, DL_PROTO_UNIX, NULL, 0, buf + 5, NULL);
	} else {
		l = listener_set_add(set, DL_PROTO_FD, NULL, 0, NULL, buf + 3);
	}
	l->state = bound_only ? DL_STATE_BOUND : DL_STATE_CONFIGURED;
}

static bool has_reason(const struct dl_rule_result *rr, const char *needle)
{
	for (size_t i = 0; i < rr->nreasons; i++)
		if (strstr(rr->reasons[i], needle))
			return true;
	return false;
}

static void test_verdict_table(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof(cases) / sizeof(*cases); c++) {
		const struct verdict_case *vc = &cases[c];
		struct dl_scan_result r = { 0 };
		struct dl_daemon daemons[1] = { { 0 } };
		r.launch.method = vc->launch;
		r.cluster.ucp = vc->ucp;
		r.daemons = vc->ndaemons ? daemons : NULL;
		r.ndaemons = vc->ndaemons;
		for (size_t i = 0; i < 4 && vc->listeners[i]; i++)
			add_listener(&r.listeners, vc->listeners[i]);
		for (unsigned i = 0; i < vc->errors; i++)
			problem_add(&r.problems, "/etc/docker/daemon.json", 3, "cannot be parsed");
		for (unsigned i = 0; i < vc->membership_errors; i++) {
			problem_add(&r.problems, "/var/lib/docker/containers", 0, "permission denied");
			r.problems.items[r.problems.count - 1].scope = DL_SCOPE_MEMBERSHIP;
		}
		for (unsigned i = 0; i < vc->warnings; i++)
			warning_add(&r.problems, "/etc/systemd/system/docker.service", 4 + i,
				    "systemd ignores this line");

		verdict_evaluate(&r);
		const int want[DL_NRULES] = { vc->disa, vc->mutual, vc->no_tcp };
		for (int i = 0; i < DL_NRULES; i++) {
			if ((int)r.rules[i].result != want[i])
				fprintf(stderr, "case '%s', rule %s: %s, want %s\n", vc->name,
					r.rules[i].id, dl_result_name(r.rules[i].result),
					dl_result_name((enum dl_result)want[i]));
			assert_int_equal(r.rules[i].result, want[i]);
			assert_int_equal(r.rules[i].rule, i);
			assert_true(r.rules[i].nreasons > 0);
		}
		if (vc->reason && !has_reason(&r.rules[DL_RULE_ID_DISA], vc->reason)) {
			fprintf(stderr, "case '%s': no DISA reason has '%s'\n", vc->name, vc->reason);
			fail();
		}
		verdict_clear(&r);
		listener_list_clear(&r.listeners);
		problem_list_clear(&r.problems);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verdict_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
