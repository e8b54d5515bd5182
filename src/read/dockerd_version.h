/* Which dockerd the scanned root runs, and so which version's rules apply
 * (docs/dockerd-versions.md). */
#ifndef DOCKERD_SCAP_DOCKERD_VERSION_H
#define DOCKERD_SCAP_DOCKERD_VERSION_H

#include <stdbool.h>

#include "base/rootfs.h"
#include "base/contract.h"
#include "read/facts.h"
/* The rule sets the probe knows. A version outside them is UNKNOWN: every
 * version-dependent reading is then reported as uncertain (fail closed). */
enum dockerd_rules {
	DOCKERD_RULES_UNKNOWN = 0,
	DOCKERD_RULES_V20, /* 20.10.x: checked against the real dockerd 20.10.24 */
	DOCKERD_RULES_V23, /* 23.0 .. 28.x: from moby's source (daemon/pkg/opts, cmd/dockerd) */
	DOCKERD_RULES_V29, /* 29.x: from moby's source */
};

struct dockerd_version {
	/* Set by dockerd_version_detect(): READ_OK a source answered;
	 * READ_ABSENT none is there (no package, no binary with a version);
	 * READ_UNREADABLE a source is there but could not be read (an I/O
	 * error, packages that disagree, a running binary that was deleted).
	 * Never READ_REFUSED. Not READ_OK means rules UNKNOWN, which every
	 * version-dependent reading reports as uncertain: this reader adds no
	 * problem of its own. */
	enum read_status status;
	bool known;          /* a version string was found */
	unsigned major, minor, patch;
	char *text;          /* as found: "20.10.24+dfsg1", "5:24.0.7-1~debian.12~bookworm" */
	char *source;        /* "dpkg" or "binary" */
	char *path;          /* the dpkg status file or the binary read */
	char *package;       /* dpkg: the package name */
	enum dockerd_rules rules;
};

/* Parse "[epoch:]MAJOR.MINOR[.PATCH][anything]" (a dpkg or Go build version).
 * Returns true when it starts with at least MAJOR.MINOR. */
bool dockerd_version_parse(const char *text, unsigned *major, unsigned *minor, unsigned *patch);

/* The rule set of a version. */
enum dockerd_rules dockerd_rules_for(unsigned major, unsigned minor);
const char *dockerd_rules_name(enum dockerd_rules r);

/* The version of the dockerd binary at path (inside the root): the
 * "-X github.com/docker/docker/dockerversion.Version=V" the Go linker records
 * in the binary's build information, found by a bounded streaming read.
 * Returns 0, -ENOENT when the file has no such string, or -errno. */
_must_check_ int dockerd_version_from_binary(struct dockerd_version *v, const struct rootfs *r,
				const char *path);

/* The installed dockerd package in the root's dpkg database
 * (/var/lib/dpkg/status): docker.io, docker-ce, moby-engine. binary, when
 * not NULL, is the dockerd that runs (argv[0]); a package that ships another
 * path is then not used. Returns 0, -ENOENT when no such package is
 * installed, -EEXIST when several with different rule sets are, or -errno. */
_must_check_ int dockerd_version_from_dpkg(struct dockerd_version *v, const struct rootfs *r,
			      const char *binary);

/* Find the version of the dockerd that runs binary (an absolute path in the
 * root, or NULL): the package database first, then the binary. exe, when not
 * NULL, is a running daemon's /proc/PID/exe: the package that ships its
 * binary, else the binary itself, answers; a deleted binary (replaced by an
 * upgrade) makes the version unknown rather than the installed package's. Never fails: v->rules is UNKNOWN when
 * nothing answers. */
void dockerd_version_detect(struct dockerd_version *v, const struct rootfs *r, const char *binary,
			    const char *exe);
void dockerd_version_clear(struct dockerd_version *v);

#endif
