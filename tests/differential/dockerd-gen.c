/* Random dockerd configurations for the differential test against the real
 * dockerd (docs/differential.md). Seeded and reproducible: case I of seed S
 * depends only on (S, I), so a disagreement reproduces on its own.
 *
 *   dockerd-gen SEED FIRST COUNT OUTDIR
 *
 * writes OUTDIR/case-I/ for I in FIRST .. FIRST+COUNT-1:
 *   flags        dockerd's flags, one per line (a line may be empty: -H "")
 *   daemon.json  /etc/docker/daemon.json, when the case has one
 *   files        certificate files the root holds, one in-root path a line,
 *                each followed by the kind of file: ca, cert, key
 *   summary      the case on one line, for the reproducer
 *
 * The grammar: 0-3 -H values and/or a daemon.json "hosts" array (sometimes
 * both, sometimes the key twice) drawn from every value form dockerd
 * parses (scheme or none, localhost in two cases, IPv4, bracketed and
 * unbracketed IPv6, empty host, port 0, a path, query, userinfo,
 * surrounding white space, unix and fd forms, invalid schemes and ports),
 * over two ports so that spellings of one endpoint meet; TLS flags and
 * daemon.json keys in every combination; certificate files present or
 * missing at the default ~/.docker of root and at the paths named. The
 * wildcard hosts (0.0.0.0, ::) are rare: without TLS dockerd 20.10 sleeps
 * 15 s before binding them. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <json-c/json.h>

static uint64_t rng_state;

/* splitmix64: small, fast and the same on every platform. */
static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

static int chance(unsigned percent)
{
	return below(100) < percent;
}

struct buf {
	char s[8192];
	size_t n;
};

static void bprintf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bprintf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsnprintf(b->s + b->n, sizeof(b->s) - b->n, fmt, ap);
	va_end(ap);
	if (r > 0)
		b->n += (size_t)r < sizeof(b->s) - b->n ? (size_t)r : sizeof(b->s) - b->n - 1;
}

/* One host value. ports[0..1]: the case's two ports. */
static void host_value(char *out, size_t cap, const unsigned ports[2])
{
	unsigned p = ports[below(2)];
	static const char *const fixed[] = {
		"",                    /* the default host */
		" ",                   /* blank: the default host too */
		"unix://",             /* the default socket */
		"unix:///run/dx-a.sock",
		"unix:///run/dx-b.sock",
		"fd://",               /* no socket activation here: refused */
		"tcp://127.0.0.1",     /* default port 2375 */
		"tcp://[::1]",         /* 20.10: no port after brackets is refused */
		"[::1]",
		"tcp://::1",           /* unbracketed IPv6 */
		"tcp://",              /* localhost:2375 */
		"tcp://127.0.0.1:0",   /* a random port */
		"tcp://localhost:0",
		"tcp://127.0.0.1:99999",
		"tcp://127.0.0.1:abc",
		"udp://127.0.0.1:2375",
		"TCP://127.0.0.1:2375",
		"npipe:////./pipe/docker",
	};
	/* Host forms around the port: prefix, port, suffix. */
	static const char *const forms[][2] = {
		{ "tcp://127.0.0.1:", "" },    { "127.0.0.1:", "" },
		{ "tcp://localhost:", "" },    { "localhost:", "" },
		{ "tcp://LOCALHOST:", "" },    { ":", "" },
		{ "tcp://:", "" },             { "tcp://[::1]:", "" },
		{ "[::1]:", "" },              { " tcp://127.0.0.1:", " " },
		{ "tcp://127.0.0.1:", "/" },   { "tcp://127.0.0.1:", "/x" },
		{ "tcp://127.0.0.1:", "?a=b" }, { "tcp://u:p@127.0.0.1:", "" },
		{ "tcp://127.0.0.2:", "" },    { "tcp://[::ffff:127.0.0.1]:", "" },
		{ "tcp://127.0.0.1:", "#f" },  { "\ttcp://[::1]:", "" },
	};
	static const char *const wild[][2] = {
		{ "tcp://0.0.0.0:", "" }, { "0.0.0.0:", "" }, { "tcp://[::]:", "" },
	};
	unsigned k = below(100);
	if (k < 22) {
		snprintf(out, cap, "%s", fixed[below(sizeof(fixed) / sizeof(*fixed))]);
	} else if (k < 96) {
		const char *const *f = forms[below(sizeof(forms) / sizeof(*forms))];
		snprintf(out, cap, "%s%u%s", f[0], p, f[1]);
	} else {
		const char *const *f = wild[below(sizeof(wild) / sizeof(*wild))];
		snprintf(out, cap, "%s%u%s", f[0], p, f[1]);
	}
}

static void json_str(struct buf *b, const char *s)
{
	struct json_object *o = json_object_new_string(s);
	bprintf(b, "%s", json_object_to_json_string_ext(o, JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

static int write_file(const char *dir, const char *name, const char *text)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "dockerd-gen: %s: %s\n", path, strerror(errno));
		return -1;
	}
	fputs(text, f);
	if (fclose(f) != 0) {
		fprintf(stderr, "dockerd-gen: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static const char *const tls_paths[3][2] = {
	{ "/etc/docker/tls/ca.pem", "ca" },
	{ "/etc/docker/tls/cert.pem", "cert" },
	{ "/etc/docker/tls/key.pem", "key" },
};

static int one_case(uint64_t seed, unsigned idx, const char *outdir)
{
	rng_state = seed * 0x100000001b3ULL ^ (uint64_t)idx * 0x9e3779b97f4a7c15ULL;
	rnd();
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/case-%u", outdir, idx);
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "dockerd-gen: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	unsigned ports[2] = { 23000 + below(900), 0 };
	ports[1] = ports[0] + 1 + below(3);

	struct buf flags = { .n = 0 }, json = { .n = 0 }, files = { .n = 0 }, sum = { .n = 0 };
	char v[256];

	/* Hosts: flags, file, both (a conflict) or neither. */
	unsigned where = below(100);
	bool flag_hosts = where < 55 || where >= 92;
	bool file_hosts = (where >= 55 && where < 85) || where >= 92;
	unsigned nflag = flag_hosts ? 1 + below(3) : 0;
	for (unsigned i = 0; i < nflag; i++) {
		host_value(v, sizeof(v), ports);
		if (chance(50))
			bprintf(&flags, "-H\n%s\n", v);
		else
			bprintf(&flags, "--host=%s\n", v);
		bprintf(&sum, "-H '%s' ", v);
	}

	/* TLS flags. */
	static const char *const tls_flag[] = { NULL, NULL, NULL, NULL, NULL, NULL, "--tls", "--tlsverify",
						"--tlsverify=false", "--tls=false", "--tlsverify=true",
						"--tls=true" };
	const char *tf = tls_flag[below(sizeof(tls_flag) / sizeof(*tls_flag))];
	if (tf) {
		bprintf(&flags, "%s\n", tf);
		bprintf(&sum, "%s ", tf);
	}
	bool json_tls_keys[3] = { false, false, false };
	/* Certificate paths: flags, file keys, or the defaults. */
	for (unsigned i = 0; i < 3; i++) {
		unsigned k = below(100);
		const char *name = i == 0 ? "tlscacert" : i == 1 ? "tlscert" : "tlskey";
		const char *path = chance(90) ? tls_paths[i][0] : "/etc/docker/tls/missing.pem";
		if (k < 30) {
			bprintf(&flags, "--%s\n%s\n", name, path);
			bprintf(&sum, "--%s %s ", name, path);
		} else if (k < 42) {
			json_tls_keys[i] = true;
		}
		(void)path;
	}

	/* daemon.json */
	bool have_json = file_hosts || chance(50);
	if (have_json) {
		const char *sep = chance(50) ? "\n  " : " ";
		bprintf(&json, "{");
		bool first = true;
#define KEY()                                                                                      \
	do {                                                                                       \
		bprintf(&json, "%s%s", first ? "" : ",", sep);                                    \
		first = false;                                                                     \
	} while (0)
		unsigned reps = file_hosts ? (chance(12) ? 2 : 1) : 0;
		for (unsigned r = 0; r < reps; r++) {
			KEY();
			bprintf(&json, "\"hosts\": [");
			unsigned n = below(4);
			for (unsigned i = 0; i < n; i++) {
				host_value(v, sizeof(v), ports);
				if (i)
					bprintf(&json, ", ");
				json_str(&json, v);
			}
			bprintf(&json, "]");
		}
		if (chance(15)) {
			KEY();
			bprintf(&json, "\"tls\": %s", chance(70) ? "true" : "false");
		}
		if (chance(15)) {
			KEY();
			bprintf(&json, "\"tlsverify\": %s", chance(70) ? "true" : "false");
		}
		for (unsigned i = 0; i < 3; i++) {
			if (!json_tls_keys[i])
				continue;
			KEY();
			const char *name = i == 0 ? "tlscacert" : i == 1 ? "tlscert" : "tlskey";
			bprintf(&json, "\"%s\": ", name);
			json_str(&json, chance(90) ? tls_paths[i][0] : "/etc/docker/tls/missing.pem");
		}
		if (chance(20)) {
			KEY();
			bprintf(&json, "\"debug\": true");
		}
		if (chance(3)) {
			KEY();
			bprintf(&json, "\"no-such-option\": 1");
		}
		bprintf(&json, "%s}\n", sep[0] == '\n' ? "\n" : " ");
#undef KEY
		if (write_file(dir, "daemon.json", json.s) < 0)
			return -1;
		char oneline[8192];
		size_t o = 0;
		for (size_t i = 0; i < json.n && o + 1 < sizeof(oneline); i++)
			if (json.s[i] != '\n')
				oneline[o++] = json.s[i];
		oneline[o] = '\0';
		bprintf(&sum, "daemon.json=%s", oneline);
	}

	/* Certificate files: the named paths always exist (missing.pem never);
	 * the defaults of root each with probability 85%. */
	for (unsigned i = 0; i < 3; i++)
		bprintf(&files, "%s %s\n", tls_paths[i][0], tls_paths[i][1]);
	static const char *const home[3][2] = { { "/root/.docker/ca.pem", "ca" },
						{ "/root/.docker/cert.pem", "cert" },
						{ "/root/.docker/key.pem", "key" } };
	bprintf(&sum, " home-certs=");
	for (unsigned i = 0; i < 3; i++)
		if (chance(85)) {
			bprintf(&files, "%s %s\n", home[i][0], home[i][1]);
			bprintf(&sum, "%s,", home[i][1]);
		}

	if (write_file(dir, "flags", flags.s) < 0 || write_file(dir, "files", files.s) < 0)
		return -1;
	bprintf(&sum, "\n");
	return write_file(dir, "summary", sum.s);
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: dockerd-gen SEED FIRST COUNT OUTDIR\n");
		return 2;
	}
	char *end;
	errno = 0;
	uint64_t seed = strtoull(argv[1], &end, 10);
	if (errno || *end || end == argv[1]) {
		fprintf(stderr, "dockerd-gen: invalid seed '%s'\n", argv[1]);
		return 2;
	}
	unsigned long first = strtoul(argv[2], &end, 10);
	if (*end || end == argv[2] || first > 100000000UL) {
		fprintf(stderr, "dockerd-gen: invalid first case '%s'\n", argv[2]);
		return 2;
	}
	unsigned long count = strtoul(argv[3], &end, 10);
	if (*end || end == argv[3] || count > 1000000UL) {
		fprintf(stderr, "dockerd-gen: invalid count '%s'\n", argv[3]);
		return 2;
	}
	for (unsigned long i = first; i < first + count; i++)
		if (one_case(seed, (unsigned)i, argv[4]) < 0)
			return 1;
	return 0;
}
