/* dockerd-listeners --fix: plan, verify, write, restart, re-scan
 * (dockerd-listeners(1) FIX; docs/fix.md). */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <json-c/json.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dockerd-scap/fix.h"
#include "fix-cli.h"

extern char **environ;

struct report {
	bool json;
	struct json_object *o;
	struct json_object *restarts;
	FILE *text; /* stdout, text mode */
};

static void say(struct report *rep, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct report *rep, const char *fmt, ...)
{
	if (rep->json)
		return;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(rep->text, fmt, ap);
	va_end(ap);
}

/* Run argv (no shell), wait, return its exit status or -1. */
static int run(struct report *rep, char *const argv[])
{
	static char *const env[] = { "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
				     "LC_ALL=C", NULL };
	pid_t pid;
	char cmd[512] = "";
	for (size_t i = 0; argv[i]; i++) {
		strncat(cmd, i ? " " : "", sizeof(cmd) - strlen(cmd) - 1);
		strncat(cmd, argv[i], sizeof(cmd) - strlen(cmd) - 1);
	}
	fflush(stdout);
	int e = posix_spawn(&pid, argv[0], NULL, NULL, argv, env);
	int status = -1;
	if (e == 0) {
		int ws;
		while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
			;
		status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + (WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
	}
	say(rep, "ran: %s: %s%d\n", cmd, e ? "cannot run, " : "exit status ", e ? e : status);
	if (rep->json) {
		struct json_object *r = json_object_new_object();
		json_object_object_add(r, "command", json_object_new_string(cmd));
		json_object_object_add(r, "status", json_object_new_int(e ? -1 : status));
		json_object_array_add(rep->restarts, r);
	}
	return e ? -1 : status;
}

static const char *first_executable(const char *const *paths)
{
	for (; *paths; paths++)
		if (access(*paths, X_OK) == 0)
			return *paths;
	return NULL;
}

/* Restart dockerd on the live host. Returns true when the service manager
 * reported success for every step. */
static bool restart(struct report *rep, const struct dl_fix_plan *p, const char **why)
{
	static const char *const systemctls[] = { "/usr/bin/systemctl", "/bin/systemctl", NULL };
	static const char *const inits[] = { "/etc/init.d/docker", NULL };
	struct stat st;
	bool systemd = stat("/run/systemd/system", &st) == 0 && S_ISDIR(st.st_mode);
	const char *sc = first_executable(systemctls);
	if (systemd && sc) {
		char *reload[] = { (char *)sc, "daemon-reload", NULL };
		if (run(rep, reload) != 0) {
			*why = "systemctl daemon-reload failed";
			return false;
		}
		for (size_t i = 0; i < dl_fix_plan_file_count(p); i++) {
			const char *su = dl_fix_file_socket_unit(dl_fix_plan_file(p, i));
			if (!su)
				continue;
			/* A masked unit is stopped; a changed one restarted
			 * (which also stops docker.service when it Requires= the
			 * socket: started again below). */
			char unit[256];
			snprintf(unit, sizeof(unit), "%s", *su ? su : "docker.socket");
			char *rs[] = { (char *)sc, dl_fix_file_masked(dl_fix_plan_file(p, i)) ? "stop" : "restart", unit, NULL };
			if (run(rep, rs) != 0) {
				*why = "restarting or stopping a socket unit failed";
				return false;
			}
		}
		char *rs[] = { (char *)sc, "restart", "docker.service", NULL };
		if (run(rep, rs) != 0) {
			*why = "systemctl restart docker.service failed";
			return false;
		}
		return true;
	}
	if (dl_fix_plan_launch_method(p) == DL_LAUNCH_SYSVINIT ||
	    dl_fix_plan_launch_method(p) == DL_LAUNCH_OPENRC) {
		const char *init = first_executable(inits);
		if (init) {
			char *rs[] = { (char *)init, "restart", NULL };
			if (run(rep, rs) != 0) {
				*why = "the init script's restart failed";
				return false;
			}
			return true;
		}
	}
	*why = "no service manager here restarts dockerd: restart it by hand";
	return false;
}

/* The number of TCP API listeners a running dockerd has bound (quietly). */
static size_t count_bound(const char *root)
{
	struct dl_scan_result *res = NULL;
	char err[512];
	if (dl_scan(&res, root, err, sizeof(err)) < 0)
		return 1;
	size_t n = 0;
	for (size_t i = 0; i < dl_scan_listener_count(res); i++) {
		const struct dl_listener *l = dl_scan_listener(res, i);
		n += dl_listener_proto(l) == DL_PROTO_TCP && (dl_listener_state(l) & DL_STATE_BOUND);
	}
	dl_scan_result_free(res);
	return n;
}

/* TCP API listeners a running dockerd still has bound. */
static size_t still_bound(struct report *rep, const char *root)
{
	struct dl_scan_result *res = NULL;
	char err[512];
	if (dl_scan(&res, root, err, sizeof(err)) < 0) {
		say(rep, "cannot re-scan: %s\n", err);
		return 1;
	}
	size_t n = 0;
	struct json_object *arr = json_object_new_array();
	for (size_t i = 0; i < dl_scan_listener_count(res); i++) {
		const struct dl_listener *l = dl_scan_listener(res, i);
		if (dl_listener_proto(l) != DL_PROTO_TCP || !(dl_listener_state(l) & DL_STATE_BOUND))
			continue;
		n++;
		char buf[300];
		const char *a = dl_listener_address(l);
		snprintf(buf, sizeof(buf), "tcp://%s:%u", a ? a : "?", dl_listener_port(l));
		say(rep, "still bound: %s\n", buf);
		json_object_array_add(arr, json_object_new_string(buf));
	}
	if (rep->json)
		json_object_object_add(rep->o, "still_bound", arr);
	else
		json_object_put(arr);
	dl_scan_result_free(res);
	return n;
}

static bool is_live_root(const char *root)
{
	char *rp = realpath(root, NULL);
	bool live = rp && !strcmp(rp, "/");
	free(rp);
	return live;
}

static int finish(struct report *rep, const char *result, int code)
{
	if (rep->json) {
		json_object_object_add(rep->o, "result", json_object_new_string(result));
		json_object_object_add(rep->o, "exit_status", json_object_new_int(code));
		fputs(json_object_to_json_string_ext(rep->o, JSON_C_TO_STRING_PRETTY |
							     JSON_C_TO_STRING_NOSLASHESCAPE),
		      stdout);
		fputc('\n', stdout);
		json_object_put(rep->o);
	} else {
		json_object_put(rep->restarts);
	}
	if (fflush(stdout) == EOF)
		return 1;
	return code;
}

int fix_main(const char *root, bool dry_run, bool json)
{
	struct report rep = { .json = json, .text = stdout };
	rep.o = json_object_new_object();
	rep.restarts = json_object_new_array();
	if (json) {
		json_object_object_add(rep.o, "root", json_object_new_string(root));
		json_object_object_add(rep.o, "dry_run", json_object_new_boolean(dry_run));
		json_object_object_add(rep.o, "restarts", rep.restarts);
	} else {
		json_object_put(rep.o);
		rep.o = NULL;
	}

	struct dl_fix_plan *p = NULL;
	char err[1024];
	if (dl_fix_plan(&p, root, err, sizeof(err)) < 0) {
		fprintf(stderr, "dockerd-listeners: %s\n", err);
		if (json)
			json_object_object_add(rep.o, "error", json_object_new_string(err));
		return finish(&rep, "error", 1);
	}
	if (json)
		json_object_object_add(rep.o, "tcp_listeners_before",
				       json_object_new_int64((int64_t)dl_fix_plan_tcp_before(p)));
	if (dl_fix_plan_tcp_before(p) == 0) {
		say(&rep, "nothing to do: no TCP API listener is configured under %s\n", root);
		dl_fix_plan_free(p);
		return finish(&rep, "nothing-to-do", DL_FIX_EXIT_NOTHING);
	}
	if (dl_fix_plan_refusal_count(p) == 0 && dl_fix_verify(p, err, sizeof(err)) < 0) {
		fprintf(stderr, "dockerd-listeners: %s\n", err);
		if (json)
			json_object_object_add(rep.o, "error", json_object_new_string(err));
		dl_fix_plan_free(p);
		return finish(&rep, "error", 1);
	}
	struct json_object *files = json_object_new_array();
	time_t now = time(NULL);
	char stamp[32];
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	for (size_t i = 0; i < dl_fix_plan_file_count(p); i++) {
		const struct dl_fix_file *f = dl_fix_plan_file(p, i);
		struct json_object *jf = json_object_new_object();
		json_object_object_add(jf, "path", json_object_new_string(dl_fix_file_path(f)));
		json_object_object_add(jf, "action", json_object_new_string(dl_fix_file_created(f) ? "create" : "edit"));
		json_object_object_add(jf, "why", json_object_new_string(dl_fix_file_why(f) ? dl_fix_file_why(f) : ""));
		if (!dl_fix_file_created(f) && !dry_run && dl_fix_plan_verified(p)) {
			char *b = NULL;
			if (asprintf(&b, "%s.dockerd-scap-%s", dl_fix_file_path(f), stamp) >= 0) {
				json_object_object_add(jf, "backup", json_object_new_string(b));
				free(b);
			}
		}
		json_object_array_add(files, jf);
	}
	if (json)
		json_object_object_add(rep.o, "files", files);
	else
		json_object_put(files);
	if (dl_fix_plan_refusal_count(p) > 0 || !dl_fix_plan_verified(p)) {
		struct json_object *ref = json_object_new_array();
		for (size_t i = 0; i < dl_fix_plan_refusal_count(p); i++) {
			say(&rep, "cannot fix safely: edit by hand: %s\n", dl_fix_plan_refusal(p, i));
			json_object_array_add(ref, json_object_new_string(dl_fix_plan_refusal(p, i)));
		}
		if (dl_fix_plan_refusal_count(p) == 0)
			say(&rep, "cannot fix safely: the fix could not be verified\n");
		say(&rep, "nothing written\n");
		if (json)
			json_object_object_add(rep.o, "refusals", ref);
		else
			json_object_put(ref);
		dl_fix_plan_free(p);
		return finish(&rep, "refused", DL_FIX_EXIT_REFUSED);
	}
	if (dry_run) {
		if (json) {
			char *buf = NULL;
			size_t len = 0;
			FILE *m = open_memstream(&buf, &len);
			int d = m ? dl_fix_diff(m, p) : -ENOMEM;
			if (m && fclose(m) != 0)
				d = -EIO;
			if (d == 0)
				json_object_object_add(rep.o, "diff",
						       json_object_new_string_len(buf, (int)len));
			free(buf);
			if (d < 0) {
				json_object_object_add(rep.o, "error",
						       json_object_new_string("cannot write the diff"));
				dl_fix_plan_free(p);
				return finish(&rep, "error", 1);
			}
		} else {
			if (dl_fix_diff(stdout, p) < 0) {
				fprintf(stderr, "dockerd-listeners: cannot write the diff\n");
				dl_fix_plan_free(p);
				return finish(&rep, "error", 1);
			}
			say(&rep, "# verified: %zu TCP API listener(s) removed; nothing written (--dry-run)\n",
			    dl_fix_plan_tcp_before(p));
		}
		dl_fix_plan_free(p);
		return finish(&rep, "planned", DL_FIX_EXIT_PLANNED);
	}
	if (dl_fix_write(p, now, err, sizeof(err)) < 0) {
		fprintf(stderr, "dockerd-listeners: %s\n", err);
		if (json)
			json_object_object_add(rep.o, "error", json_object_new_string(err));
		dl_fix_plan_free(p);
		return finish(&rep, "error", 1);
	}
	for (size_t i = 0; i < dl_fix_plan_file_count(p); i++) {
		const struct dl_fix_file *f = dl_fix_plan_file(p, i);
		if (dl_fix_file_created(f))
			say(&rep, "created %s: %s\n", dl_fix_file_path(f), dl_fix_file_why(f) ? dl_fix_file_why(f) : "");
		else
			say(&rep, "edited %s: %s (backup %s.dockerd-scap-%s)\n", dl_fix_file_path(f),
			    dl_fix_file_why(f) ? dl_fix_file_why(f) : "", dl_fix_file_path(f), stamp);
	}
	if (!is_live_root(root)) {
		say(&rep, "fixed and verified under %s: nothing restarted (not the live root)\n", root);
		dl_fix_plan_free(p);
		return finish(&rep, "fixed", DL_FIX_EXIT_FIXED);
	}
	const char *why = NULL;
	bool ok = restart(&rep, p, &why);
	/* systemd's restart of a Type=notify service returns when dockerd is
	 * ready; an init script may return before the old daemon is gone:
	 * give it up to 10 s. */
	size_t bound = 0;
	for (int tries = 0; tries < 20; tries++) {
		if (tries > 0)
			nanosleep(&(struct timespec){ .tv_nsec = 500000000L }, NULL);
		if (!ok || count_bound("/") == 0)
			break;
	}
	bound = still_bound(&rep, "/");
	dl_fix_plan_free(p);
	if (!ok) {
		say(&rep, "restart pending: %s\n", why);
		if (json)
			json_object_object_add(rep.o, "pending", json_object_new_string(why));
		return finish(&rep, "pending", DL_FIX_EXIT_PENDING);
	}
	if (bound > 0) {
		say(&rep, "dockerd was restarted but a TCP API listener is still bound\n");
		return finish(&rep, "pending", DL_FIX_EXIT_PENDING);
	}
	say(&rep, "fixed and verified: dockerd restarted, no TCP API listener bound\n");
	return finish(&rep, "fixed", DL_FIX_EXIT_FIXED);
}
