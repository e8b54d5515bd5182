/* Which dockerd the scanned root runs (docs/dockerd-versions.md).
 *
 * Sources, in order:
 * 1. A running daemon's /proc/PID/exe (live scans): the binary that runs now
 *    (deleted: replaced by an upgrade, the version is unknown), looked up
 *    in the package database, else read as in 3.
 * 2. The dpkg database, /var/lib/dpkg/status: the installed docker.io
 *    (Debian, Ubuntu), docker-ce (Docker's repository) or moby-engine
 *    package and its Version field; /var/lib/dpkg/info/PKG.list says which
 *    dockerd path it ships. The rpm database is not read: Debian has no
 *    maintained library for its current (sqlite) format in a form this probe
 *    links, so on rpm systems the binary answers.
 * 3. The dockerd binary itself: moby's build sets the version with the Go
 *    linker flag -X github.com/docker/docker/dockerversion.Version=V
 *    (hack/make/.go-autogen, and Debian's rules), and Go >= 1.18 records the
 *    flags in the binary's build information ("build\t-ldflags=..."), so the
 *    string "dockerversion.Version=" is followed by the version in the
 *    binary's bytes. The read is streamed and bounded. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "read/dockerd_version.h"
#include "base/alloc.h"
#define DPKG_STATUS "/var/lib/dpkg/status"
/* A dpkg status file of a large system is a few MiB. */
#define DPKG_STATUS_MAX (64u * 1024u * 1024u)
/* dockerd binaries are 50-100 MiB; the build information sits near the
 * start of the data segment. Read no more than this. */
#define BINARY_SCAN_MAX (256u * 1024u * 1024u)
#define SCAN_CHUNK (1024u * 1024u)
#define VERSION_MAX 64

static const char *const dockerd_packages[] = { "docker.io", "docker-ce", "moby-engine" };

void dockerd_version_clear(struct dockerd_version *v)
{
	if (!v)
		return;
	free(v->text);
	free(v->source);
	free(v->path);
	free(v->package);
	memset(v, 0, sizeof(*v));
}

static bool parse_num(const char **p, unsigned *out)
{
	const char *s = *p;
	unsigned long v = 0;
	if (*s < '0' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9') {
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > 100000)
			return false;
		s++;
	}
	*out = (unsigned)v;
	*p = s;
	return true;
}

bool dockerd_version_parse(const char *text, unsigned *major, unsigned *minor, unsigned *patch)
{
	if (!text)
		return false;
	const char *p = text;
	/* dpkg epoch: "5:24.0.7-1~debian.12~bookworm". */
	const char *colon = strchr(p, ':');
	if (colon) {
		const char *q = p;
		unsigned epoch;
		if (parse_num(&q, &epoch) && q == colon)
			p = colon + 1;
	}
	if (*p == 'v')
		p++;
	*patch = 0;
	if (!parse_num(&p, major) || *p != '.')
		return false;
	p++;
	if (!parse_num(&p, minor))
		return false;
	if (*p == '.') {
		p++;
		if (!parse_num(&p, patch))
			*patch = 0;
	}
	return true;
}

enum dockerd_rules dockerd_rules_for(unsigned major, unsigned minor)
{
	/* Docker's versions went 17.03 .. 19.03, 20.10, then 23.0 .. 29.x.
	 * Before 20.10 the rules were not checked: unknown. */
	if (major == 20 && minor == 10)
		return DOCKERD_RULES_V20;
	if (major >= 23 && major <= 28)
		return DOCKERD_RULES_V23;
	if (major == 29)
		return DOCKERD_RULES_V29;
	return DOCKERD_RULES_UNKNOWN;
}

const char *dockerd_rules_name(enum dockerd_rules r)
{
	switch (r) {
	case DOCKERD_RULES_V20:
		return "20.10";
	case DOCKERD_RULES_V23:
		return "23-28";
	case DOCKERD_RULES_V29:
		return "29";
	case DOCKERD_RULES_UNKNOWN:
		break;
	}
	return "unknown";
}

static void version_set(struct dockerd_version *v, const char *text, const char *source,
			const char *path, const char *package)
{
	dockerd_version_clear(v);
	v->text = xstrdup(text);
	v->source = xstrdup(source);
	v->path = xstrdup(path);
	v->package = xstrdup(package);
	v->known = dockerd_version_parse(text, &v->major, &v->minor, &v->patch);
	v->rules = v->known ? dockerd_rules_for(v->major, v->minor) : DOCKERD_RULES_UNKNOWN;
}

/* ------------------------------------------------------------------ binary */

static bool version_char(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '.' || c == '-' || c == '+' || c == '~' || c == '_';
}

int dockerd_version_from_binary(struct dockerd_version *v, const struct rootfs *r,
				const char *path)
{
	static const char needle[] = "dockerversion.Version=";
	const size_t nlen = sizeof(needle) - 1;
	struct stat st;
	int fd = rootfs_open_file(r, path, &st);
	if (fd < 0)
		return fd;
	/* Keep the tail of the previous chunk so that a match across chunks
	 * (needle plus the version) is seen. */
	const size_t keep = nlen + VERSION_MAX;
	char *buf = xmalloc(SCAN_CHUNK + keep);
	size_t have = 0, total = 0;
	int ret = -ENOENT;
	for (;;) {
		if (total >= BINARY_SCAN_MAX)
			break;
		ssize_t n = read(fd, buf + have, SCAN_CHUNK);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			break;
		}
		if (n == 0)
			break;
		total += (size_t)n;
		have += (size_t)n;
		const char *p = buf, *end = buf + have;
		while ((p = memmem(p, (size_t)(end - p), needle, nlen)) != NULL) {
			const char *s = p + nlen;
			size_t l = 0;
			while (s + l < end && l < VERSION_MAX && version_char((unsigned char)s[l]))
				l++;
			if (s + l == end && l < VERSION_MAX)
				break; /* may continue in the next chunk */
			unsigned a, b, c;
			char text[VERSION_MAX + 1];
			memcpy(text, s, l);
			text[l] = '\0';
			if (l > 0 && dockerd_version_parse(text, &a, &b, &c)) {
				version_set(v, text, "binary", path, NULL);
				ret = 0;
				goto out;
			}
			p = s;
		}
		if (have > keep) {
			memmove(buf, buf + have - keep, keep);
			have = keep;
		}
	}
out:
	free(buf);
	close(fd);
	return ret;
}

/* -------------------------------------------------------------------- dpkg */

/* Whether dpkg's file list of pkg names binary; true when the list cannot be
 * read (then the package is not ruled out). */
static bool package_ships(const struct rootfs *r, const char *pkg, const char *binary)
{
	if (!binary)
		return true;
	_cleanup_free_ char *list = xasprintf("/var/lib/dpkg/info/%s.list", pkg);
	char *text = NULL;
	size_t len = 0;
	if (rootfs_read_file(r, list, ROOTFS_MAX_FILE, &text, &len) < 0)
		return true;
	bool found = false;
	size_t bl = strlen(binary);
	for (const char *p = text; p && *p && !found;) {
		const char *nl = memchr(p, '\n', len - (size_t)(p - text));
		size_t l = nl ? (size_t)(nl - p) : strlen(p);
		found = l == bl && !memcmp(p, binary, bl);
		p = nl ? nl + 1 : NULL;
	}
	free(text);
	return found;
}

struct stanza {
	char package[128];
	char version[VERSION_MAX + 1];
	bool installed;
};

static void field(char *dst, size_t cap, const char *value)
{
	size_t l = strlen(value);
	while (l && (value[l - 1] == '\n' || value[l - 1] == '\r' || value[l - 1] == ' '))
		l--;
	if (l >= cap)
		l = cap - 1;
	memcpy(dst, value, l);
	dst[l] = '\0';
}

int dockerd_version_from_dpkg(struct dockerd_version *v, const struct rootfs *r,
			      const char *binary)
{
	struct stat st;
	int fd = rootfs_open_file(r, DPKG_STATUS, &st);
	if (fd < 0)
		return fd;
	FILE *f = fdopen(fd, "r");
	if (!f) {
		int e = -errno;
		close(fd);
		return e;
	}
	struct stanza cur = { 0 };
	struct dockerd_version found = { 0 };
	int nfound = 0;
	bool conflict = false;
	char *line = NULL;
	size_t cap = 0, total = 0;
	ssize_t n;
	bool eof = false;
	while (!eof) {
		n = getline(&line, &cap, f);
		if (n < 0) {
			eof = true;
		} else {
			total += (size_t)n;
			if (total > DPKG_STATUS_MAX)
				eof = true;
		}
		if (eof || line[0] == '\n') {
			/* End of a stanza. */
			for (size_t i = 0; i < sizeof(dockerd_packages) / sizeof(*dockerd_packages); i++) {
				if (!cur.installed || strcmp(cur.package, dockerd_packages[i]) ||
				    !cur.version[0] || !package_ships(r, cur.package, binary))
					continue;
				struct dockerd_version one = { 0 };
				version_set(&one, cur.version, "dpkg", DPKG_STATUS, cur.package);
				if (nfound && found.rules != one.rules)
					conflict = true;
				if (!nfound) {
					found = one;
					memset(&one, 0, sizeof(one));
				}
				dockerd_version_clear(&one);
				nfound++;
			}
			memset(&cur, 0, sizeof(cur));
			continue;
		}
		if (!strncmp(line, "Package:", 8))
			field(cur.package, sizeof(cur.package), line + 8 + strspn(line + 8, " \t"));
		else if (!strncmp(line, "Version:", 8))
			field(cur.version, sizeof(cur.version), line + 8 + strspn(line + 8, " \t"));
		else if (!strncmp(line, "Status:", 7))
			/* "want flag status": the last word says whether it is installed. */
			cur.installed = strstr(line, " installed\n") || strstr(line, " installed\r") ||
					(n > 10 && !strcmp(line + n - 10, " installed"));
	}
	free(line);
	fclose(f);
	if (conflict) {
		dockerd_version_clear(&found);
		return -EEXIST;
	}
	if (!nfound)
		return -ENOENT;
	*v = found;
	return 0;
}

/* ------------------------------------------------------------------ detect */

/* One source's answer: 0 (known), -ENOENT (nothing there) or another
 * -errno (there, but it could not be read: -EEXIST for packages that
 * disagree). Keeps the worst in *status. */
static bool answered(int rc, enum read_status *status)
{
	if (rc == 0)
		*status = READ_OK;
	else if (rc != -ENOENT)
		*status = READ_UNREADABLE;
	return rc == 0;
}

static void detect(struct dockerd_version *v, const struct rootfs *r, const char *binary,
		   const char *exe, enum read_status *status)
{
	if (exe) {
		char target[4096];
		int l = rootfs_readlink(r, exe, target, sizeof(target));
		if (l > 0) {
			/* The kernel appends " (deleted)" when the binary was
			 * replaced (an upgrade): the installed package then is
			 * not what runs, and the old binary is gone. */
			if (strstr(target, " (deleted)")) {
				*status = READ_UNREADABLE;
				return;
			}
			/* The binary that runs is the installed one: the package
			 * database answers cheaply; else read the binary. */
			if (target[0] == '/') {
				if (answered(dockerd_version_from_dpkg(v, r, target), status))
					return;
				dockerd_version_clear(v);
				if (answered(dockerd_version_from_binary(v, r, target), status))
					return;
				dockerd_version_clear(v);
			}
			return;
		}
	}
	if (answered(dockerd_version_from_dpkg(v, r, binary && binary[0] == '/' ? binary : NULL),
		     status))
		return;
	dockerd_version_clear(v);
	static const char *const binaries[] = { "/usr/bin/dockerd", "/usr/sbin/dockerd",
						"/usr/local/bin/dockerd" };
	if (binary && binary[0] == '/') {
		if (answered(dockerd_version_from_binary(v, r, binary), status))
			return;
		dockerd_version_clear(v);
		return;
	}
	for (size_t i = 0; i < sizeof(binaries) / sizeof(*binaries); i++) {
		if (answered(dockerd_version_from_binary(v, r, binaries[i]), status))
			return;
		dockerd_version_clear(v);
	}
}

void dockerd_version_detect(struct dockerd_version *v, const struct rootfs *r, const char *binary,
			    const char *exe)
{
	enum read_status status = READ_ABSENT;
	memset(v, 0, sizeof(*v));
	detect(v, r, binary, exe, &status);
	v->status = status;
}
