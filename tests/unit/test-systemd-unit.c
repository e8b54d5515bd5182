/* systemd service and socket unit loading: tables of fixture roots and the
 * unit, drop-ins, settings, environment and sockets expected from them. */
#include "config.h"
#include "testutil.h"

#include <sys/stat.h>
#include <sys/types.h>

#include "read/systemd_unit.h"
/* ------------------------------------------------------------- fixtures */

enum fx_kind { FX_FILE, FX_LINK, FX_DIR, FX_FIFO, FX_HUGE, FX_BINARY };

struct fx {
	const char *path;
	const char *text; /* file content, or symlink target */
	enum fx_kind kind;
};

#define FILE_(p, t) { p, t, FX_FILE }
#define LINK(p, t) { p, t, FX_LINK }
#define DIR_(p) { p, NULL, FX_DIR }
#define FIFO(p) { p, NULL, FX_FIFO }
#define MAX_FX 12

/* Binary garbage: NUL bytes, invalid UTF-8, a broken section header. */
static const char binary_unit[] = "[Service]\nExecStart=/a\n\0\xff\xfe[Service\x01\n"
				  "ExecStart=\xc3\x28\n\x80\x81\x82\0\0\x7f";

static void fx_mkdirs(const char *root, const char *path)
{
	char buf[4096];
	snprintf(buf, sizeof(buf), "%s%s/", root, path);
	for (char *p = buf + strlen(root) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(buf, 0755);
			*p = '/';
		}
}

static char *fx_build(const struct fx *files)
{
	char *root = fixture_mkroot();
	char full[4096];
	for (const struct fx *f = files; f->path; f++) {
		snprintf(full, sizeof(full), "%s%s", root, f->path);
		switch (f->kind) {
		case FX_FILE:
			fixture_write(root, f->path, f->text);
			break;
		case FX_LINK:
			fixture_symlink(root, f->path, f->text);
			break;
		case FX_DIR:
			fx_mkdirs(root, f->path);
			break;
		case FX_FIFO: {
			fixture_write(root, f->path, "");
			unlink(full);
			assert_int_equal(mkfifo(full, 0644), 0);
			break;
		}
		case FX_HUGE: {
			fixture_write(root, f->path, "[Service]\n");
			FILE *o = fopen(full, "a");
			assert_non_null(o);
			for (int i = 0; i < 20000; i++)
				fputs("# padding padding padding padding padding padding padding\n", o);
			fputs("ExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2375\n", o);
			fclose(o);
			break;
		}
		case FX_BINARY: {
			fixture_write(root, f->path, "");
			FILE *o = fopen(full, "w");
			assert_non_null(o);
			fwrite(binary_unit, 1, sizeof(binary_unit) - 1, o);
			fclose(o);
			break;
		}
		}
	}
	return root;
}

static bool problems_have(const struct dl_problem_list *p, const char *needle, const char *path)
{
	for (size_t i = 0; i < p->count; i++)
		if (strstr(p->items[i].message, needle) &&
		    (!path || (p->items[i].path && !strcmp(p->items[i].path, path))))
			return true;
	return false;
}

static void problems_dump(const struct dl_problem_list *p)
{
	for (size_t i = 0; i < p->count; i++)
		fprintf(stderr, "  problem: %s:%u: %s\n", p->items[i].path ? p->items[i].path : "-",
			p->items[i].line, p->items[i].message);
}

/* Expected problems: every listed substring is found (with its path when
 * given); an empty list means no problem at all. */
struct exp_problem {
	const char *needle;
	const char *path;
};

static void check_problems(const struct dl_problem_list *got, const struct exp_problem *exp,
			   const char *name)
{
	size_t n = 0;
	if (getenv("TEST_VERBOSE"))
		problems_dump(got);
	for (; exp[n].needle; n++)
		if (!problems_have(got, exp[n].needle, exp[n].path)) {
			fprintf(stderr, "case %s: missing problem '%s'\n", name, exp[n].needle);
			problems_dump(got);
			fail();
		}
	if (n == 0 && got->count) {
		fprintf(stderr, "case %s: unexpected problems\n", name);
		problems_dump(got);
		fail();
	}
}

/* ------------------------------------------------------------ contents */

#define STOCK_CE_UNIT                                                                     \
	"[Unit]\n"                                                                        \
	"Description=Docker Application Container Engine\n"                               \
	"Documentation=https://docs.docker.com\n"                                         \
	"After=network-online.target docker.socket firewalld.service containerd.service\n" \
	"Wants=network-online.target containerd.service\n"                                \
	"Requires=docker.socket\n"                                                        \
	"\n"                                                                              \
	"[Service]\n"                                                                     \
	"Type=notify\n"                                                                   \
	"# the default is not to use systemd for cgroups because the delegate issues\n"   \
	"# still exists and systemd currently does not support the cgroup feature set\n"  \
	"ExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock\n" \
	"ExecReload=/bin/kill -s HUP $MAINPID\n"                                          \
	"TimeoutStartSec=0\n"                                                             \
	"RestartSec=2\n"                                                                  \
	"Restart=always\n"                                                                \
	"\n"                                                                              \
	"[Install]\n"                                                                     \
	"WantedBy=multi-user.target\n"
#define STOCK_CE_EXEC "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock"

#define DEBIAN_IO_UNIT                                                                    \
	"[Unit]\n"                                                                        \
	"Description=Docker Application Container Engine\n"                               \
	"After=network-online.target docker.socket firewalld.service containerd.service\n" \
	"Requires=docker.socket containerd.service\n"                                     \
	"\n"                                                                              \
	"[Service]\n"                                                                     \
	"Type=notify\n"                                                                   \
	"EnvironmentFile=-/etc/default/docker\n"                                          \
	"ExecStart=/usr/sbin/dockerd -H fd:// $DOCKER_OPTS\n"                             \
	"ExecReload=/bin/kill -s HUP $MAINPID\n"                                          \
	"\n"                                                                              \
	"[Install]\n"                                                                     \
	"WantedBy=multi-user.target\n"

#define LIB "/lib/systemd/system/"
#define USRLIB "/usr/lib/systemd/system/"
#define ETC "/etc/systemd/system/"
#define RUN "/run/systemd/system/"

/* ------------------------------------------------------ service table */

struct exp_exec {
	const char *value;
	const char *source;
	const char *path;
	unsigned line;
};

struct service_case {
	const char *name;
	struct fx files[MAX_FX];
	bool found, masked;
	const char *unit_path;
	struct exp_exec exec[4];
	const char *dropins[6];
	const char *type;
	const char *env[10];      /* "NAME=VALUE" of Environment=, all of them */
	const char *env_files[4]; /* "-/path" when optional */
	const char *workdir;
	const char *sockets[3];
	struct exp_problem problems[4];
};

static const struct service_case service_cases[] = {
	{ .name = "docker-ce deb unit in /lib",
	  .files = { FILE_(LIB "docker.service", STOCK_CE_UNIT) },
	  .found = true, .unit_path = LIB "docker.service",
	  .exec = { { STOCK_CE_EXEC, SRC_SYSTEMD_UNIT, LIB "docker.service", 12 } },
	  .type = "notify" },
	{ .name = "docker-ce rpm unit in /usr/lib",
	  .files = { FILE_(USRLIB "docker.service", STOCK_CE_UNIT) },
	  .found = true, .unit_path = USRLIB "docker.service",
	  .exec = { { STOCK_CE_EXEC, SRC_SYSTEMD_UNIT, USRLIB "docker.service", 12 } },
	  .type = "notify" },
	{ .name = "no unit at all",
	  .files = { DIR_("/etc/systemd/system") } },
	{ .name = "Debian docker.io with EnvironmentFile=-/etc/default/docker",
	  .files = { FILE_(LIB "docker.service", DEBIAN_IO_UNIT) },
	  .found = true, .unit_path = LIB "docker.service",
	  .exec = { { "/usr/sbin/dockerd -H fd:// $DOCKER_OPTS", SRC_SYSTEMD_UNIT, LIB "docker.service", 9 } },
	  .type = "notify", .env_files = { "-/etc/default/docker" } },
	{ .name = "/etc unit hides /lib unit",
	  .files = { FILE_(LIB "docker.service", STOCK_CE_UNIT),
		     FILE_(ETC "docker.service", "[Service]\nExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2375\n") },
	  .found = true, .unit_path = ETC "docker.service",
	  .exec = { { "/usr/bin/dockerd -H tcp://0.0.0.0:2375", SRC_SYSTEMD_UNIT, ETC "docker.service", 2 } } },
	{ .name = "/run/systemd/system.control beats /etc",
	  .files = { FILE_(ETC "docker.service", "[Service]\nExecStart=/etc\n"),
		     FILE_("/run/systemd/system.control/docker.service", "[Service]\nExecStart=/control\n") },
	  .found = true, .unit_path = "/run/systemd/system.control/docker.service",
	  .exec = { { "/control", SRC_SYSTEMD_UNIT, "/run/systemd/system.control/docker.service", 2 } } },
	{ .name = "drop-in resets ExecStart= then sets a new one",
	  .files = { FILE_(LIB "docker.service", STOCK_CE_UNIT),
		     FILE_(ETC "docker.service.d/override.conf",
			   "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2375\n") },
	  .found = true, .unit_path = LIB "docker.service",
	  .exec = { { "/usr/bin/dockerd -H tcp://0.0.0.0:2375", SRC_SYSTEMD_DROPIN, ETC "docker.service.d/override.conf", 3 } },
	  .dropins = { ETC "docker.service.d/override.conf" }, .type = "notify" },
	{ .name = "drop-in without reset: two ExecStart= kept",
	  .files = { FILE_(LIB "docker.service", STOCK_CE_UNIT),
		     FILE_(ETC "docker.service.d/add.conf", "[Service]\nExecStart=/usr/bin/dockerd -H tcp://127.0.0.1:2375\n") },
	  .found = true, .unit_path = LIB "docker.service",
	  .exec = { { STOCK_CE_EXEC, SRC_SYSTEMD_UNIT, LIB "docker.service", 12 },
		    { "/usr/bin/dockerd -H tcp://127.0.0.1:2375", SRC_SYSTEMD_DROPIN, ETC "docker.service.d/add.conf", 2 } },
	  .dropins = { ETC "docker.service.d/add.conf" }, .type = "notify" },
	{ .name = "same-named drop-in in /etc hides /run and /lib",
	  .files = { FILE_(LIB "docker.service", STOCK_CE_UNIT),
		     FILE_(LIB "docker.service.d/10-host.conf", "[Service]\nExecStart=\nExecStart=/lib\n"),
		     FILE_(RUN "docker.service.d/10-host.conf", "[Service]\nExecStart=\nExecStart=/run\n"),
		     FILE_(ETC "docker.service.d/10-host.conf", "[Service]\nExecStart=\nExecStart=/etc\n") },
	  .found = true, .unit_path = LIB "docker.service",
	  .exec = { { "/etc", SRC_SYSTEMD_DROPIN, ETC "docker.service.d/10-host.conf", 3 } },
	  .dropins = { ETC "docker.service.d/10-host.conf" }, .type = "notify" },
	{ .name = "drop-ins ordered by file name across directories",
	  .files = { FILE_(LIB "docker.service", STOCK_CE_UNIT),
		     FILE_(ETC "docker.service.d/20-b.conf", "[Service]\nExecStart=\nExecStart=/b\nEnvironment=X=b\n"),
		     FILE_(LIB "docker.service.d/10-a.conf", "[Service]\nExecStart=\nExecStart=/a\nEnvironment=X=a\n"),
		     FILE_(RUN "docker.service.d/30-c.conf", "[Service]\nType=simple\n"),
		     FILE_(RUN "docker.service.d/.hidden.conf", "[Service]\nExecStart=/hidden\n"),
		     FILE_(RUN "docker.service.d/notes.txt", "[Service]\nExecStart=/txt\n") },
	  .found = true, .unit_path = LIB "docker.service",
	  .exec = { { "/b", SRC_SYSTEMD_DROPIN, ETC "docker.service.d/20-b.conf", 3 } },
	  .dropins = { LIB "docker.service.d/10-a.conf", ETC "docker.service.d/20-b.conf",
		       RUN "docker.service.d/30-c.conf" },
	  .type = "simple", .env = { "X=b" } },
	{ .name = "type-level service.d drop-in",
	  .files = { FILE_(LIB "docker.service", STOCK_CE_UNIT),
		     FILE_(ETC "service.d/50-all.conf", "[Service]\nEnvironment=FROM_TYPE=1\n") },
	  .found = true, .unit_path = LIB "docker.service",
	  .exec = { { STOCK_CE_EXEC, SRC_SYSTEMD_UNIT, LIB "docker.service", 12 } },
	  .dropins = { ETC "service.d/50-all.conf" }, .type = "notify", .env = { "FROM_TYPE=1" } },
	{ .name = "docker.service.d in /lib hides same-named service.d in /etc",
	  .files = { FILE_(LIB "docker.service", STOCK_CE_UNIT),
		     FILE_(ETC "service.d/50-x.conf", "[Service]\nEnvironment=A=etc-type\n"),
		     FILE_(LIB "docker.service.d/50-x.conf", "[Service]\nEnvironment=A=lib-unit\n") },
	  .found = true, .unit_path = LIB "docker.service",
	  .exec = { { STOCK_CE_EXEC, SRC_SYSTEMD_UNIT, LIB "docker.service", 12 } },
	  .dropins = { LIB "docker.service.d/50-x.conf" }, .type = "notify", .env = { "A=lib-unit" } },
	{ .name = "masked: symlink to /dev/null (absent in the fixture)",
	  .files = { FILE_(LIB "docker.service", STOCK_CE_UNIT), LINK(ETC "docker.service", "/dev/null"),
		     FILE_(ETC "docker.service.d/x.conf", "[Service]\nExecStart=/x\n") },
	  .found = true, .masked = true, .unit_path = ETC "docker.service" },
	{ .name = "masked: relative symlink to ../../../dev/null",
	  .files = { FILE_(LIB "docker.service", STOCK_CE_UNIT),
		     LINK(ETC "docker.service", "../../.././dev//null") },
	  .found = true, .masked = true, .unit_path = ETC "docker.service" },
	{ .name = "masked: symlink to an empty /dev/null file in the root",
	  .files = { FILE_(LIB "docker.service", STOCK_CE_UNIT), FILE_("/dev/null", ""),
		     LINK(ETC "docker.service", "../../../dev/./null") },
	  .found = true, .masked = true, .unit_path = ETC "docker.service" },
	{ .name = "masked: empty unit file",
	  .files = { FILE_(LIB "docker.service", STOCK_CE_UNIT), FILE_(ETC "docker.service", "") },
	  .found = true, .masked = true, .unit_path = ETC "docker.service" },
	{ .name = "whitespace-only unit file is not a mask",
	  .files = { FILE_(LIB "docker.service", STOCK_CE_UNIT), FILE_(ETC "docker.service", " \n\n") },
	  .found = true, .unit_path = ETC "docker.service" },
	{ .name = "masked drop-ins (symlink and empty) hide lower ones, add nothing",
	  .files = { FILE_(LIB "docker.service", STOCK_CE_UNIT),
		     FILE_(LIB "docker.service.d/10-tcp.conf", "[Service]\nExecStart=\nExecStart=/tcp\n"),
		     LINK(ETC "docker.service.d/10-tcp.conf", "/dev/null"),
		     FILE_(LIB "docker.service.d/20-env.conf", "[Service]\nEnvironment=A=1\n"),
		     FILE_(RUN "docker.service.d/20-env.conf", ""),
		     FILE_(LIB "docker.service.d/30-gone.conf", "[Service]\nEnvironment=B=1\n"),
		     LINK(RUN "docker.service.d/30-gone.conf", "/nonexistent.conf") },
	  .found = true, .unit_path = LIB "docker.service",
	  .exec = { { STOCK_CE_EXEC, SRC_SYSTEMD_UNIT, LIB "docker.service", 12 } },
	  .type = "notify" },
	{ .name = "continuation lines with comment lines inside",
	  .files = { FILE_(ETC "docker.service",
			   "[Service]\n"
			   "ExecStart=/usr/bin/dockerd \\\n"
			   "# a comment inside the continuation\n"
			   "  -H tcp://127.0.0.1:2375 \\\n"
			   "   ; another comment\n"
			   "  --tls\n"
			   "Environment=A=x\\\\\n"
			   "Environment=B=y\n") },
	  .found = true, .unit_path = ETC "docker.service",
	  .exec = { { "/usr/bin/dockerd    -H tcp://127.0.0.1:2375    --tls", SRC_SYSTEMD_UNIT, ETC "docker.service", 2 } },
	  .env = { "A=x\\", "B=y" } },
	{ .name = "continuation at end of file",
	  .files = { FILE_(ETC "docker.service", "[Service]\nExecStart=/usr/bin/dockerd \\\n -H fd:// \\") },
	  .found = true, .unit_path = ETC "docker.service",
	  .exec = { { "/usr/bin/dockerd   -H fd://", SRC_SYSTEMD_UNIT, ETC "docker.service", 2 } } },
	{ .name = "CRLF and CR line ends, BOM, whitespace around '='",
	  .files = { FILE_(ETC "docker.service", "\xef\xbb\xbf[Service]\r\n  ExecStart =  /usr/bin/dockerd -H fd://  \r\nType= notify\r") },
	  .found = true, .unit_path = ETC "docker.service",
	  .exec = { { "/usr/bin/dockerd -H fd://", SRC_SYSTEMD_UNIT, ETC "docker.service", 2 } },
	  .type = "notify" },
	{ .name = "keys of [Unit], [Install] and unknown sections are not [Service]'s",
	  .files = { FILE_(ETC "docker.service",
			   "ExecStart=/outside\n[Unit]\nExecStart=/unit\n[X-Vendor]\nExecStart=/x\n"
			   "[service]\nExecStart=/lowercase\n[Service]\nexecstart=/key-case\n"
			   "ExecStart=/usr/bin/dockerd\n[Install]\nExecStart=/install\n") },
	  .found = true, .unit_path = ETC "docker.service",
	  .exec = { { "/usr/bin/dockerd", SRC_SYSTEMD_UNIT, ETC "docker.service", 10 } } },
	{ .name = "Environment= with several quoted assignments and escapes",
	  .files = { FILE_(ETC "docker.service",
			   "[Service]\n"
			   "Environment=\"A=1 2\" B=x 'C=y z' D=\\x41\\u00e9 \"E=say \\\"hi\\\"\" F=a\"b c\"d\n"
			   "Environment=B=override G=%t/docker.sock H=100%%\n") },
	  .found = true, .unit_path = ETC "docker.service",
	  .env = { "A=1 2", "B=override", "C=y z", "D=A\xc3\xa9", "E=say \"hi\"", "F=ab cd",
		   "G=/run/docker.sock", "H=100%" } },
	{ .name = "empty Environment= resets the list",
	  .files = { FILE_(ETC "docker.service", "[Service]\nEnvironment=A=1 B=2\nEnvironment=\nEnvironment=C=3\n") },
	  .found = true, .unit_path = ETC "docker.service", .env = { "C=3" } },
	{ .name = "invalid Environment= assignments are ignored, reported",
	  .files = { FILE_(ETC "docker.service",
			   "[Service]\nEnvironment=1BAD=x GOOD=1 NOEQ A-B=2\nEnvironment=K=1 \"L=2\n"
			   "Environment=M=\\q N=1\n") },
	  .found = true, .unit_path = ETC "docker.service", .env = { "GOOD=1", "K=1" },
	  .problems = { { "invalid environment assignment, systemd ignores it: 1BAD=x", ETC "docker.service" },
			{ "NOEQ", ETC "docker.service" },
			{ "invalid quoting or escape", ETC "docker.service" } } },
	{ .name = "EnvironmentFile= list: reset, optional, relative ignored",
	  .files = { FILE_(ETC "docker.service",
			   "[Service]\nEnvironmentFile=/etc/old\nEnvironmentFile=\n"
			   "EnvironmentFile=-/etc/default/docker\nEnvironmentFile=/etc/sysconfig/docker\n"
			   "EnvironmentFile=relative/file\n") },
	  .found = true, .unit_path = ETC "docker.service",
	  .env_files = { "-/etc/default/docker", "/etc/sysconfig/docker" },
	  .problems = { { "not absolute", ETC "docker.service" } } },
	{ .name = "WorkingDirectory=, Sockets=, specifiers",
	  .files = { FILE_(ETC "docker.service",
			   "[Service]\nWorkingDirectory=-%S/docker\nSockets=docker.socket extra-%p.socket bad.service\n"
			   "Environment=HOST=%H BAD=%Z\n") },
	  .found = true, .unit_path = ETC "docker.service", .workdir = "/var/lib/docker",
	  .sockets = { "docker.socket", "extra-docker.socket" }, .env = { "HOST=%H" },
	  .problems = { { "not a socket unit name", NULL }, { "specifier %H depends on the host", NULL },
			{ "unknown specifier %Z", NULL } } },
	{ .name = "unknown Type= ignored; missing '='; bad section header stops the file",
	  .files = { FILE_(ETC "docker.service",
			   "[Service]\nType=simple\nType=bogus\nType=\njust some words\n"
			   "ExecStart=/first\n[Service\nExecStart=/after-bad-header\n") },
	  .found = true, .unit_path = ETC "docker.service", .type = "simple",
	  .exec = { { "/first", SRC_SYSTEMD_UNIT, ETC "docker.service", 6 } },
	  .problems = { { "unknown service type", ETC "docker.service" },
			{ "missing '='", ETC "docker.service" },
			{ "invalid section header", ETC "docker.service" } } },
	{ .name = ".include is reported",
	  .files = { FILE_(ETC "docker.service", ".include /lib/systemd/system/docker.service\n[Service]\nExecStart=/x\n") },
	  .found = true, .unit_path = ETC "docker.service",
	  .exec = { { "/x", SRC_SYSTEMD_UNIT, ETC "docker.service", 3 } },
	  .problems = { { "'.include' is not followed", ETC "docker.service" } } },
	{ .name = "unit file is a directory: reported, lower copy read",
	  .files = { FILE_(LIB "docker.service", STOCK_CE_UNIT), DIR_(ETC "docker.service") },
	  .found = true, .unit_path = LIB "docker.service",
	  .exec = { { STOCK_CE_EXEC, SRC_SYSTEMD_UNIT, LIB "docker.service", 12 } }, .type = "notify",
	  .problems = { { "cannot read unit file", ETC "docker.service" } } },
	{ .name = "unit file is a FIFO: reported, never opened",
	  .files = { FIFO(ETC "docker.service") },
	  .problems = { { "not a regular file", ETC "docker.service" } } },
	{ .name = "symlink loop",
	  .files = { LINK(ETC "docker.service", "docker.service"), FILE_(LIB "docker.service", STOCK_CE_UNIT) },
	  .found = true, .unit_path = LIB "docker.service",
	  .exec = { { STOCK_CE_EXEC, SRC_SYSTEMD_UNIT, LIB "docker.service", 12 } }, .type = "notify",
	  .problems = { { "symlink loop", ETC "docker.service" } } },
	{ .name = "two-link symlink loop through a directory",
	  .files = { LINK(ETC "docker.service", "/a/docker.service"), LINK("/a", "/b"), LINK("/b", "/a") },
	  .problems = { { "symlink loop", ETC "docker.service" } } },
	{ .name = "dangling unit symlink: reported, lower copy read",
	  .files = { LINK(ETC "docker.service", "/opt/missing.service"), FILE_(LIB "docker.service", STOCK_CE_UNIT) },
	  .found = true, .unit_path = LIB "docker.service",
	  .exec = { { STOCK_CE_EXEC, SRC_SYSTEMD_UNIT, LIB "docker.service", 12 } }, .type = "notify",
	  .problems = { { "dangling symlink", ETC "docker.service" } } },
	{ .name = "absolute symlink target resolves inside the root",
	  .files = { LINK(ETC "docker.service", "/etc/passwd"),
		     FILE_("/etc/passwd", "[Service]\nExecStart=/inside/the/root\n") },
	  .found = true, .unit_path = ETC "docker.service",
	  .exec = { { "/inside/the/root", SRC_SYSTEMD_UNIT, ETC "docker.service", 2 } } },
	{ .name = "../ symlink target clamps at the root",
	  .files = { LINK(ETC "docker.service", "../../../../../../../../opt/docker.service"),
		     FILE_("/opt/docker.service", "[Service]\nExecStart=/clamped\n") },
	  .found = true, .unit_path = ETC "docker.service",
	  .exec = { { "/clamped", SRC_SYSTEMD_UNIT, ETC "docker.service", 2 } } },
	{ .name = "alias: symlink to another unit name on the path adds its drop-ins",
	  .files = { LINK(ETC "docker.service", LIB "moby.service"),
		     FILE_(LIB "moby.service", "[Service]\nExecStart=/moby\n"),
		     FILE_(ETC "moby.service.d/env.conf", "[Service]\nEnvironment=ALIAS=1\n") },
	  .found = true, .unit_path = ETC "docker.service",
	  .exec = { { "/moby", SRC_SYSTEMD_UNIT, ETC "docker.service", 2 } },
	  .dropins = { ETC "moby.service.d/env.conf" }, .env = { "ALIAS=1" } },
	{ .name = "unit in both /usr/lib and /lib as different files",
	  .files = { FILE_(USRLIB "docker.service", "[Service]\nExecStart=/usr\n"),
		     FILE_(LIB "docker.service", "[Service]\nExecStart=/lib\n") },
	  .found = true, .unit_path = USRLIB "docker.service",
	  .exec = { { "/usr", SRC_SYSTEMD_UNIT, USRLIB "docker.service", 2 } },
	  .problems = { { "depends on its build", LIB "docker.service" } } },
	{ .name = "merged /usr: /lib is a symlink to usr/lib",
	  .files = { FILE_(USRLIB "docker.service", STOCK_CE_UNIT), LINK("/lib", "usr/lib") },
	  .found = true, .unit_path = USRLIB "docker.service",
	  .exec = { { STOCK_CE_EXEC, SRC_SYSTEMD_UNIT, USRLIB "docker.service", 12 } }, .type = "notify" },
	{ .name = "unit larger than 1 MiB",
	  .files = { { ETC "docker.service", NULL, FX_HUGE } },
	  .problems = { { "1 MiB", ETC "docker.service" } } },
	{ .name = "binary garbage",
	  .files = { { ETC "docker.service", NULL, FX_BINARY } },
	  .found = true, .unit_path = ETC "docker.service",
	  .exec = { { "/a", SRC_SYSTEMD_UNIT, ETC "docker.service", 2 } },
	  .problems = { { "NUL bytes", ETC "docker.service" }, { "UTF-8", ETC "docker.service" } } },
	{ .name = "unreadable drop-in directory and drop-in",
	  .files = { FILE_(LIB "docker.service", STOCK_CE_UNIT), FILE_(ETC "docker.service.d", "not a dir"),
		     DIR_(RUN "docker.service.d/dir.conf") },
	  .found = true, .unit_path = LIB "docker.service",
	  .exec = { { STOCK_CE_EXEC, SRC_SYSTEMD_UNIT, LIB "docker.service", 12 } }, .type = "notify",
	  .problems = { { "cannot read drop-in directory", ETC "docker.service.d" },
			{ "cannot read drop-in", RUN "docker.service.d/dir.conf" } } },
};

static void check_service_case(const struct service_case *c)
{
	char *root = fx_build(c->files);
	struct rootfs r;
	struct systemd_service s;
	struct dl_problem_list problems = { 0 };

	assert_int_equal(rootfs_open(&r, root), 0);
	assert_int_equal(systemd_service_load(&s, &r, "docker.service", &problems), 0);
	if (s.found != c->found || s.masked != c->masked)
		fprintf(stderr, "case %s: found %d masked %d\n", c->name, s.found, s.masked);
	assert_int_equal(s.found, c->found);
	assert_int_equal(s.masked, c->masked);
	if (c->unit_path)
		assert_string_equal(s.unit_path, c->unit_path);
	else
		assert_null(s.unit_path);

	size_t n = 0;
	for (; c->exec[n].value; n++) {
		assert_true(n < s.nexec_start);
		assert_string_equal(s.exec_start[n].value, c->exec[n].value);
		assert_string_equal(s.exec_start[n].where.source, c->exec[n].source);
		assert_string_equal(s.exec_start[n].where.path, c->exec[n].path);
		assert_int_equal(s.exec_start[n].where.line, c->exec[n].line);
		assert_true(strstr(s.exec_start[n].where.text, "ExecStart") != NULL);
	}
	assert_int_equal(s.nexec_start, n);

	for (n = 0; c->dropins[n]; n++) {
		assert_true(n < s.ndropins);
		assert_string_equal(s.dropins[n], c->dropins[n]);
	}
	assert_int_equal(s.ndropins, n);

	if (c->type)
		assert_string_equal(s.type, c->type);
	else
		assert_null(s.type);
	if (c->workdir)
		assert_string_equal(s.working_directory, c->workdir);
	else
		assert_null(s.working_directory);

	for (n = 0; c->env[n]; n++) {
		const char *eq = strchr(c->env[n], '=');
		char *name = strndup(c->env[n], (size_t)(eq - c->env[n]));
		const struct env_var *v = env_get(&s.environment, name);
		if (!v)
			fprintf(stderr, "case %s: no %s\n", c->name, name);
		assert_non_null(v);
		assert_string_equal(v->value, eq + 1);
		assert_non_null(v->where.path);
		free(name);
	}
	assert_int_equal(s.environment.count, n);

	for (n = 0; c->env_files[n]; n++) {
		assert_true(n < s.nenv_files);
		bool opt = c->env_files[n][0] == '-';
		assert_string_equal(s.env_files[n].path, c->env_files[n] + opt);
		assert_int_equal(s.env_files[n].optional, opt);
		assert_non_null(s.env_files[n].where.path);
	}
	assert_int_equal(s.nenv_files, n);

	for (n = 0; c->sockets[n]; n++) {
		assert_true(n < s.nsockets);
		assert_string_equal(s.sockets[n], c->sockets[n]);
	}
	assert_int_equal(s.nsockets, n);

	check_problems(&problems, c->problems, c->name);

	systemd_service_clear(&s);
	problem_list_clear(&problems);
	rootfs_close(&r);
	fixture_rmroot(root);
}

static void test_service_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(service_cases) / sizeof(service_cases[0]); i++) {
		fprintf(stderr, "# service: %s\n", service_cases[i].name);
		check_service_case(&service_cases[i]);
	}
}

static void test_bad_names(void **state)
{
	(void)state;
	static const char *const bad[] = { "", "../docker.service", "docker", "a/b.service",
					   ".service", "docker@.service", "dock er.service" };
	char *root = fixture_mkroot();
	struct rootfs r;
	struct systemd_service s;
	struct socket_set ss;
	struct dl_problem_list problems = { 0 };
	assert_int_equal(rootfs_open(&r, root), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(systemd_service_load(&s, &r, bad[i], &problems), -EINVAL);
		assert_false(s.found);
		systemd_service_clear(&s);
		assert_int_equal(systemd_sockets_load(&ss, &r, bad[i], &problems), -EINVAL);
		socket_set_clear(&ss);
	}
	problem_list_clear(&problems);
	rootfs_close(&r);
	fixture_rmroot(root);
}

static void test_dropin_bound(void **state)
{
	(void)state;
	char *root = fx_build((const struct fx[]){ FILE_(LIB "docker.service", STOCK_CE_UNIT), { 0 } });
	char path[256];
	for (int i = 0; i < SYSTEMD_MAX_DROPINS + 10; i++) {
		snprintf(path, sizeof(path), ETC "docker.service.d/%04d.conf", i);
		fixture_write(root, path, "[Service]\nEnvironment=N=x\n");
	}
	struct rootfs r;
	struct systemd_service s;
	struct dl_problem_list problems = { 0 };
	assert_int_equal(rootfs_open(&r, root), 0);
	assert_int_equal(systemd_service_load(&s, &r, "docker.service", &problems), 0);
	assert_int_equal(s.ndropins, SYSTEMD_MAX_DROPINS);
	assert_true(problems_have(&problems, "more than 256 drop-ins", NULL));
	systemd_service_clear(&s);
	problem_list_clear(&problems);
	rootfs_close(&r);
	fixture_rmroot(root);
}

/* --------------------------------------------------- environment table */

struct environment_case {
	const char *name;
	struct fx files[MAX_FX];
	const char *env[8];       /* "NAME=VALUE" */
	const char *env_from[8];  /* where each came from (path) */
	struct exp_problem problems[3];
	bool refused;             /* systemd_service_environment(): will not start */
};

#define ENV_UNIT(lines) FILE_(ETC "docker.service", "[Service]\nExecStart=/usr/bin/dockerd\n" lines)

static const struct environment_case environment_cases[] = {
	{ .name = "files override Environment=, later files win",
	  .files = { ENV_UNIT("Environment=A=unit B=unit\nEnvironmentFile=-/etc/default/docker\n"
			      "EnvironmentFile=/etc/sysconfig/docker\n"),
		     FILE_("/etc/default/docker", "A=default\nD=default\n"),
		     FILE_("/etc/sysconfig/docker", "A=sysconfig\nC=3\n") },
	  .env = { "A=sysconfig", "B=unit", "D=default", "C=3" },
	  .env_from = { "/etc/sysconfig/docker", ETC "docker.service", "/etc/default/docker",
			"/etc/sysconfig/docker" } },
	{ .name = "missing optional file is skipped silently",
	  .files = { ENV_UNIT("Environment=A=1\nEnvironmentFile=-/etc/default/docker\n") },
	  .env = { "A=1" }, .env_from = { ETC "docker.service" } },
	{ .name = "missing required file: systemd refuses to start",
	  .files = { ENV_UNIT("EnvironmentFile=/etc/sysconfig/docker\n") },
	  .problems = { { "systemd refuses to start docker.service: EnvironmentFile /etc/sysconfig/docker not found",
			  ETC "docker.service" } },
	  .refused = true },
	{ .name = "unreadable environment file (a directory)",
	  .files = { ENV_UNIT("EnvironmentFile=-/etc/default/docker\n"), DIR_("/etc/default/docker") },
	  .problems = { { "cannot read environment file", "/etc/default/docker" } } },
	{ .name = "environment file symlink resolves inside the root",
	  .files = { ENV_UNIT("EnvironmentFile=/etc/default/docker\n"),
		     LINK("/etc/default/docker", "/etc/real-env"), FILE_("/etc/real-env", "X=inside\n") },
	  .env = { "X=inside" }, .env_from = { "/etc/default/docker" } },
	{ .name = "glob in the last component, sorted, dot files skipped",
	  .files = { ENV_UNIT("EnvironmentFile=/etc/docker.d/*.env\n"),
		     FILE_("/etc/docker.d/b.env", "A=b\n"), FILE_("/etc/docker.d/a.env", "A=a\nB=a\n"),
		     FILE_("/etc/docker.d/.hidden.env", "A=hidden\n"), FILE_("/etc/docker.d/c.txt", "A=txt\n") },
	  .env = { "A=b", "B=a" }, .env_from = { "/etc/docker.d/b.env", "/etc/docker.d/a.env" } },
	{ .name = "environment file linked to the /dev/null device is empty",
	  .files = { ENV_UNIT("Environment=A=1\nEnvironmentFile=/etc/default/docker\n"),
		     LINK("/etc/default/docker", "/dev/null"), FIFO("/dev/null") },
	  .env = { "A=1" }, .env_from = { ETC "docker.service" } },
	{ .name = "required glob without a match",
	  .files = { ENV_UNIT("EnvironmentFile=/etc/docker.d/*.env\nEnvironmentFile=-/etc/none.d/*.env\n"),
		     DIR_("/etc/docker.d") },
	  .problems = { { "EnvironmentFile /etc/docker.d/*.env not found", ETC "docker.service" } },
	  .refused = true },
};

static void check_environment_case(const struct environment_case *c)
{
	char *root = fx_build(c->files);
	struct rootfs r;
	struct systemd_service s;
	struct env env = { 0 };
	struct dl_problem_list problems = { 0 };

	assert_int_equal(rootfs_open(&r, root), 0);
	assert_int_equal(systemd_service_load(&s, &r, "docker.service", &problems), 0);
	assert_true(s.found);
	assert_int_equal(systemd_service_environment(&env, &r, &s, NULL, &problems), c->refused);
	size_t n = 0;
	for (; c->env[n]; n++) {
		const char *eq = strchr(c->env[n], '=');
		char *name = strndup(c->env[n], (size_t)(eq - c->env[n]));
		const struct env_var *v = env_get(&env, name);
		if (!v)
			fprintf(stderr, "case %s: no %s\n", c->name, name);
		assert_non_null(v);
		assert_string_equal(v->value, eq + 1);
		assert_string_equal(v->where.path, c->env_from[n]);
		free(name);
	}
	assert_int_equal(env.count, n);
	check_problems(&problems, c->problems, c->name);

	env_clear(&env);
	systemd_service_clear(&s);
	problem_list_clear(&problems);
	rootfs_close(&r);
	fixture_rmroot(root);
}

static void test_environment_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(environment_cases) / sizeof(environment_cases[0]); i++) {
		fprintf(stderr, "# environment: %s\n", environment_cases[i].name);
		check_environment_case(&environment_cases[i]);
	}
}

/* -------------------------------------------------------- socket table */

#define STOCK_SOCKET(listen)                     \
	"[Unit]\n"                               \
	"Description=Docker Socket for the API\n" \
	"\n"                                     \
	"[Socket]\n"                             \
	"ListenStream=" listen "\n"              \
	"SocketMode=0660\n"                      \
	"SocketUser=root\n"                      \
	"SocketGroup=docker\n"                   \
	"\n"                                     \
	"[Install]\n"                            \
	"WantedBy=sockets.target\n"

struct exp_listen {
	enum socket_kind kind;
	const char *addr_or_path;
	unsigned port;
	const char *unit_path;
	const char *evidence_path;
	unsigned line;
};

struct socket_case {
	const char *name;
	struct fx files[MAX_FX];
	struct exp_listen items[6];
	size_t nitems;
	const char *units[4];
	struct exp_problem problems[4];
};

static const struct socket_case socket_cases[] = {
	{ .name = "stock docker.socket, ListenStream=/run/docker.sock",
	  .files = { FILE_(LIB "docker.socket", STOCK_SOCKET("/run/docker.sock")),
		     FILE_(LIB "docker.service", STOCK_CE_UNIT) },
	  .nitems = 1, .items = { { SOCKET_UNIX, "/run/docker.sock", 0, LIB "docker.socket", LIB "docker.socket", 5 } },
	  .units = { LIB "docker.socket" } },
	{ .name = "older docker.socket, /var/run/docker.sock, rpm path",
	  .files = { FILE_(USRLIB "docker.socket", STOCK_SOCKET("/var/run/docker.sock")) },
	  .nitems = 1, .items = { { SOCKET_UNIX, "/var/run/docker.sock", 0, USRLIB "docker.socket", USRLIB "docker.socket", 5 } },
	  .units = { USRLIB "docker.socket" } },
	{ .name = "no socket unit",
	  .files = { FILE_(LIB "docker.service", STOCK_CE_UNIT), FILE_(LIB "ssh.socket", STOCK_SOCKET("22")) } },
	{ .name = "ListenStream=2375 is a dual-stack TCP socket",
	  .files = { FILE_(ETC "docker.socket", STOCK_SOCKET("2375")) },
	  .nitems = 1, .items = { { SOCKET_TCP, "::", 2375, ETC "docker.socket", ETC "docker.socket", 5 } },
	  .units = { ETC "docker.socket" } },
	{ .name = "IPv4 and bracketed IPv6 addresses, abstract socket, %t",
	  .files = { FILE_(ETC "docker.socket",
			   "[Socket]\nListenStream=127.0.0.1:2375\nListenStream=[::1]:2376\n"
			   "ListenStream=@docker-abstract\nListenStream=%t/docker.sock\n") },
	  .nitems = 4,
	  .items = { { SOCKET_TCP, "127.0.0.1", 2375, ETC "docker.socket", ETC "docker.socket", 2 },
		     { SOCKET_TCP, "::1", 2376, ETC "docker.socket", ETC "docker.socket", 3 },
		     { SOCKET_UNIX, "@docker-abstract", 0, ETC "docker.socket", ETC "docker.socket", 4 },
		     { SOCKET_UNIX, "/run/docker.sock", 0, ETC "docker.socket", ETC "docker.socket", 5 } },
	  .units = { ETC "docker.socket" } },
	{ .name = "a second socket unit with Service=docker.service; unrelated ones ignored",
	  .files = { FILE_(LIB "docker.socket", STOCK_SOCKET("/run/docker.sock")),
		     FILE_(ETC "tcp-api.socket", "[Socket]\nService=docker.service\nListenStream=0.0.0.0:2375\n"),
		     FILE_(ETC "other.socket", "[Socket]\nService=other.service\nListenStream=2377\n"),
		     FILE_(ETC "foo.socket", "[Socket]\nListenStream=2378\n"),
		     FILE_(ETC "[bad.socket", "[Socket\nListenStream=1\n") },
	  .nitems = 2,
	  .items = { { SOCKET_UNIX, "/run/docker.sock", 0, LIB "docker.socket", LIB "docker.socket", 5 },
		     { SOCKET_TCP, "0.0.0.0", 2375, ETC "tcp-api.socket", ETC "tcp-api.socket", 3 } },
	  .units = { LIB "docker.socket", ETC "tcp-api.socket" } },
	{ .name = "Service= in a drop-in of an unrelated-looking socket",
	  .files = { FILE_(LIB "api.socket", "[Socket]\nListenStream=2375\n"),
		     FILE_(ETC "api.socket.d/svc.conf", "[Socket]\nService=docker.service\n") },
	  .nitems = 1, .items = { { SOCKET_TCP, "::", 2375, LIB "api.socket", LIB "api.socket", 2 } },
	  .units = { LIB "api.socket" } },
	{ .name = "same-named socket pointing elsewhere does not feed docker.service",
	  .files = { FILE_(LIB "docker.socket", "[Socket]\nService=other.service\nListenStream=2375\n") } },
	{ .name = "masked docker.socket",
	  .files = { FILE_(LIB "docker.socket", STOCK_SOCKET("2375")), LINK(ETC "docker.socket", "/dev/null") } },
	{ .name = "masked docker.socket (empty file)",
	  .files = { FILE_(LIB "docker.socket", STOCK_SOCKET("2375")), FILE_(ETC "docker.socket", "") } },
	{ .name = "socket drop-in resets ListenStream=",
	  .files = { FILE_(LIB "docker.socket", STOCK_SOCKET("/run/docker.sock")),
		     FILE_(ETC "docker.socket.d/tcp.conf", "[Socket]\nListenStream=\nListenStream=0.0.0.0:2375\n") },
	  .nitems = 1, .items = { { SOCKET_TCP, "0.0.0.0", 2375, LIB "docker.socket", ETC "docker.socket.d/tcp.conf", 3 } },
	  .units = { LIB "docker.socket" } },
	{ .name = "type-level socket.d drop-in adds a port",
	  .files = { FILE_(LIB "docker.socket", STOCK_SOCKET("/run/docker.sock")),
		     FILE_(ETC "socket.d/extra.conf", "[Socket]\nListenStream=2376\n") },
	  .nitems = 2,
	  .items = { { SOCKET_UNIX, "/run/docker.sock", 0, LIB "docker.socket", LIB "docker.socket", 5 },
		     { SOCKET_TCP, "::", 2376, LIB "docker.socket", ETC "socket.d/extra.conf", 2 } },
	  .units = { LIB "docker.socket" } },
	{ .name = "values systemd ignores take no fd",
	  .files = { FILE_(ETC "docker.socket",
			   "[Socket]\nListenStream=0\nListenStream=70000\nListenStream=localhost:2375\n"
			   "ListenStream=::1:2375\nListenStream=127.0.0.1\nListenStream=[::1]\n"
			   "ListenStream=127.0.0.1:0\nListenStream=2375\n") },
	  .nitems = 1, .items = { { SOCKET_TCP, "::", 2375, ETC "docker.socket", ETC "docker.socket", 9 } },
	  .units = { ETC "docker.socket" },
	  .problems = { { "systemd ignores this ListenStream=", ETC "docker.socket" },
			{ "not a numeric IPv4 address", ETC "docker.socket" } } },
	{ .name = "other Listen*= kinds and vsock still take fd numbers",
	  .files = { FILE_(ETC "docker.socket",
			   "[Socket]\nListenDatagram=/run/dgram\nListenStream=vsock:2:1234\nListenStream=/run/docker.sock\n") },
	  .nitems = 3,
	  .items = { { SOCKET_OTHER, NULL, 0, ETC "docker.socket", ETC "docker.socket", 2 },
		     { SOCKET_OTHER, NULL, 0, ETC "docker.socket", ETC "docker.socket", 3 },
		     { SOCKET_UNIX, "/run/docker.sock", 0, ETC "docker.socket", ETC "docker.socket", 4 } },
	  .units = { ETC "docker.socket" },
	  .problems = { { "not a stream socket", ETC "docker.socket" }, { "AF_VSOCK", ETC "docker.socket" } } },
	{ .name = "Sockets= in docker.service adds a socket unit",
	  .files = { FILE_(ETC "docker.service", "[Service]\nSockets=extra.socket\nExecStart=/usr/bin/dockerd -H fd://\n"),
		     FILE_(LIB "extra.socket", "[Socket]\nListenStream=[::]:2376\n") },
	  .nitems = 1, .items = { { SOCKET_TCP, "::", 2376, LIB "extra.socket", LIB "extra.socket", 2 } },
	  .units = { LIB "extra.socket" } },
	{ .name = "Accept=yes is reported",
	  .files = { FILE_(ETC "docker.socket", "[Socket]\nAccept=yes\nListenStream=2375\n") },
	  .nitems = 1, .items = { { SOCKET_TCP, "::", 2375, ETC "docker.socket", ETC "docker.socket", 3 } },
	  .units = { ETC "docker.socket" },
	  .problems = { { "Accept=yes", ETC "docker.socket" } } },
	{ .name = "unreadable socket unit is reported",
	  .files = { FIFO(ETC "docker.socket") },
	  .problems = { { "not a regular file", ETC "docker.socket" } } },
};

static void check_socket_case(const struct socket_case *c)
{
	char *root = fx_build(c->files);
	struct rootfs r;
	struct socket_set ss;
	struct dl_problem_list problems = { 0 };

	assert_int_equal(rootfs_open(&r, root), 0);
	assert_int_equal(systemd_sockets_load(&ss, &r, "docker.service", &problems), 0);
	if (ss.count != c->nitems)
		fprintf(stderr, "case %s: %zu items\n", c->name, ss.count);
	assert_int_equal(ss.count, c->nitems);
	for (size_t i = 0; i < c->nitems; i++) {
		const struct exp_listen *e = &c->items[i];
		const struct socket_listen *l = &ss.items[i];
		assert_int_equal(l->kind, e->kind);
		if (e->kind == SOCKET_TCP) {
			assert_string_equal(l->address, e->addr_or_path);
			assert_int_equal(l->port, e->port);
			assert_null(l->path);
		} else if (e->kind == SOCKET_UNIX) {
			assert_string_equal(l->path, e->addr_or_path);
			assert_null(l->address);
		}
		assert_non_null(l->value);
		assert_string_equal(l->unit_path, e->unit_path);
		assert_string_equal(l->where.source, SRC_SOCKET_UNIT);
		assert_string_equal(l->where.path, e->evidence_path);
		assert_int_equal(l->where.line, e->line);
		assert_true(str_startswith(l->where.text, "Listen"));
	}
	size_t n = 0;
	for (; c->units[n]; n++) {
		assert_true(n < ss.nunits);
		assert_string_equal(ss.units[n], c->units[n]);
	}
	assert_int_equal(ss.nunits, n);
	check_problems(&problems, c->problems, c->name);

	socket_set_clear(&ss);
	problem_list_clear(&problems);
	rootfs_close(&r);
	fixture_rmroot(root);
}

static void test_socket_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(socket_cases) / sizeof(socket_cases[0]); i++) {
		fprintf(stderr, "# socket: %s\n", socket_cases[i].name);
		check_socket_case(&socket_cases[i]);
	}
}

/* ----------------------------------------------------- specifier table */

static void test_specifiers(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out; /* out NULL: rejected */
	} cases[] = {
		{ "plain", "plain" },
		{ "%%", "%" },
		{ "100%", "100%" },
		{ "%t/docker.sock", "/run/docker.sock" },
		{ "%n %N %p %i|%j", "docker-api.socket docker-api docker-api |api" },
		{ "%S %C %L %E %T %V %h", "/var/lib /var/cache /var/log /etc /tmp /var/tmp /root" },
		{ "%H", "%H" },
		{ "%Z", NULL },
		{ "%", "%" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct dl_problem_list problems = { 0 };
		char *out = NULL;
		int e = unit_specifiers_expand(&out, "docker-api.socket", cases[i].in, "/x", 1, &problems);
		if (cases[i].out) {
			assert_int_equal(e, 0);
			assert_string_equal(out, cases[i].out);
		} else {
			assert_int_equal(e, -EINVAL);
			assert_null(out);
			assert_int_equal(problems.count, 1);
		}
		free(out);
		problem_list_clear(&problems);
	}
}

static void test_search_path(void **state)
{
	(void)state;
	assert_int_equal(systemd_unit_dirs_count, 13);
	assert_string_equal(systemd_unit_dirs[0], "/etc/systemd/system.control");
	assert_string_equal(systemd_unit_dirs[4], "/etc/systemd/system");
	assert_string_equal(systemd_unit_dirs[10], "/usr/lib/systemd/system");
	assert_string_equal(systemd_unit_dirs[11], "/lib/systemd/system");
	assert_string_equal(systemd_unit_dirs[12], "/run/systemd/generator.late");
}

/* systemd 252 decisions checked against a real systemd 252
 * (docs/differential-systemd.md). */
static void test_systemd_252_decisions(void **state)
{
	(void)state;
	const struct fx files[] = {
		FILE_("/etc/systemd/system/docker.service",
		      "[Service]\nType=dbus\nBusName=org.example.D\nBusName=not-a-bus-name\n"
		      "ExecStart=-/usr/sbin/dockerd/ -H tcp://0.0.0.0:2375\n"
		      "ExecStart=/usr/sbin/dockerd -H unix:///run/a.sock ; /usr/sbin/dockerd -D\n"
		      "Environment=A=1 B=2 C=3\nUnsetEnvironment=A B=9 C=3\n"),
		FILE_("/etc/systemd/system/docker.service.d/a.conf",
		      "[Service]\nEnvironment=D=4\nWorkingDirectory=rel\nEnvironment=E=5\n"),
		FILE_("/etc/systemd/system/docker.service.d/b.conf", "[Service]\nEnvironment=F=6\n"),
		FILE_("/usr/sbin/dockerd", "#!/bin/sh\n"),
		FILE_("/usr/bin/notexec", "x"),
		FILE_("/bin/bash", "#!/bin/sh\n"),
		FILE_("/etc/hostname", "# comment\n\n  node-1.example.  \nother\n"),
		{ NULL, NULL, FX_FILE },
	};
	char *root = fx_build(files);
	char path[4096];
	snprintf(path, sizeof(path), "%s/usr/sbin/dockerd", root);
	assert_int_equal(chmod(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/bin/bash", root);
	assert_int_equal(chmod(path, 0755), 0);
	struct rootfs r;
	struct systemd_service s;
	struct dl_problem_list problems = { 0 };
	struct env env = { 0 };
	assert_int_equal(rootfs_open(&r, root), 0);
	assert_int_equal(systemd_service_load(&s, &r, "docker.service", &problems), 0);

	/* The ignored line is not appended; the ";" line counts twice. */
	assert_int_equal(s.nexec_start, 1);
	assert_int_equal(s.exec_start[0].ncommands, 2);
	assert_true(problems_have(&problems, "systemd ignores this ExecStart= line", NULL));
	/* The invalid BusName= is ignored; the fatal drop-in line is only a
	 * warning and ends that drop-in: E is not set, F (next drop-in) is. */
	assert_string_equal(s.bus_name, "org.example.D");
	assert_false(s.bad_setting);
	assert_true(problems_have(&problems, "systemd stops reading this drop-in",
				  "/etc/systemd/system/docker.service.d/a.conf"));
	assert_false(systemd_service_environment(&env, &r, &s, NULL, &problems));
	assert_null(env_get(&env, "A"));       /* by name */
	assert_non_null(env_get(&env, "B"));   /* B=9 does not match B=2 */
	assert_null(env_get(&env, "C"));       /* exact assignment */
	assert_non_null(env_get(&env, "D"));
	assert_null(env_get(&env, "E"));
	assert_non_null(env_get(&env, "F"));
	env_clear(&env);
	systemd_service_clear(&s);

	/* The same WorkingDirectory= in the unit file refuses the unit. */
	fixture_write(root, "/etc/systemd/system/docker.service",
		      "[Service]\nWorkingDirectory=rel\nExecStart=/usr/sbin/dockerd\n");
	assert_int_equal(systemd_service_load(&s, &r, "docker.service", &problems), 0);
	assert_true(s.bad_setting);
	assert_int_equal(s.bad_setting_where.line, 2);
	systemd_service_clear(&s);

	assert_int_equal(systemd_exec_check(&r, "/usr/sbin/dockerd"), 0);
	assert_int_equal(systemd_exec_check(&r, "dockerd"), 0);
	assert_int_equal(systemd_exec_check(&r, "/usr/bin/dockerd"), -ENOENT);
	assert_int_equal(systemd_exec_check(&r, "/usr/bin/notexec"), -EACCES);
	assert_int_equal(systemd_exec_check(&r, "notexec"), -EACCES);
	assert_int_equal(systemd_exec_check(&r, "/usr/sbin"), -EISDIR);
	assert_int_equal(systemd_exec_check(&r, "/usr/sbin/dockerd/x"), -ENOENT);

	struct systemd_host h;
	systemd_host_load(&h, &r);
	assert_string_equal(h.hostname, "node-1.example");
	assert_string_equal(h.shell, "/bin/bash");
	systemd_host_clear(&h);

	problem_list_clear(&problems);
	rootfs_close(&r);
	fixture_rmroot(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_search_path),
		cmocka_unit_test(test_service_table),
		cmocka_unit_test(test_bad_names),
		cmocka_unit_test(test_dropin_bound),
		cmocka_unit_test(test_environment_table),
		cmocka_unit_test(test_socket_table),
		cmocka_unit_test(test_specifiers),
		cmocka_unit_test(test_systemd_252_decisions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
