/* daemon.json, read with json-c, the way dockerd reads it
 * (moby daemon/config: getConflictFreeConfiguration, Validate). */
#ifndef DOCKERD_SCAP_DAEMON_JSON_H
#define DOCKERD_SCAP_DAEMON_JSON_H

#include <stdbool.h>

#include "scan_result.h"
#include "base/rootfs.h"
#include "read/facts.h"
struct json_value_ref {
	bool present;             /* the key exists in the file */
	char *value;              /* string keys: the value; NULL otherwise */
	bool bool_value;          /* boolean keys */
	struct dl_evidence where; /* source SRC_DAEMON_JSON, file, line of the key/value */
	size_t start, end;        /* "hosts" entries: the element's bytes in the file */
};

struct daemon_json {
	/* READ_ABSENT: no such file; READ_OK: read and parsed, dockerd
	 * accepts it (a version-dependent reason to refuse it is still a
	 * problem); READ_UNREADABLE: exists but could not be read
	 * (read_error); READ_REFUSED: read, and every dockerd refuses it (not
	 * JSON, not an object, wrong value types, unknown or duplicate keys). */
	enum read_status status;
	int read_error;           /* READ_UNREADABLE: the -errno of the read */
	bool named;               /* the path was named by --config-file */
	char *path;
	/* "hosts": present even when []; each entry with its own line. */
	bool has_hosts;
	struct dl_evidence hosts_where;
	struct json_value_ref *hosts;
	size_t nhosts;
	/* Byte offsets in the file as stored, for a fix that edits "hosts"
	 * and keeps every other byte (docs/fix.md); set only when the file is
	 * read as is (not UTF-16 decoded) and "hosts" occurs once as an array.
	 * hosts_value: the array, '[' to ']'; hosts_cut: what to delete to
	 * remove the whole member with one adjacent comma. */
	bool hosts_spans;
	size_t hosts_value_start, hosts_value_end;
	size_t hosts_cut_start, hosts_cut_end;
	struct json_value_ref tls, tlsverify;                 /* booleans */
	struct json_value_ref tlscacert, tlscert, tlskey;     /* strings */
	struct json_value_ref data_root;                      /* "data-root" (or legacy "graph") */
	struct json_value_ref metrics_addr;                   /* "metrics-addr" */
	struct json_value_ref network_diagnostic_port;        /* integer, as decimal text */
	char **unknown_keys;      /* top-level keys dockerd does not know */
	size_t nunknown;
	/* Added by the daemon_json module: */
	bool graph_seen;          /* legacy "graph" key present (data_root may come from it) */
	char **keys;              /* every key dockerd sees in the file (moby configValuesSet:
	                           * object values of non-flat keys count as their members) */
	size_t nkeys;
};

/* Read path under the root and set out->status. explicit: the path was
 * named by --config-file (then a missing file means dockerd will not start;
 * a missing default file is no file). Every reason dockerd would refuse the
 * file (unreadable, not JSON, not an object, wrong value types, unknown
 * keys, duplicate keys) is a problem naming the file and line; whatever
 * hosts could still be read are kept so they can be reported. */
void daemon_json_load(struct daemon_json *out, const struct rootfs *r, const char *path,
		      bool explicit, struct dl_problem_list *problems);
/* The parsing half of daemon_json_load(), on the bytes of a file already
 * read (no file access): out must be zeroed or hold only what
 * daemon_json_load() set before parsing. Sets status READ_OK or
 * READ_REFUSED. */
void daemon_json_parse(struct daemon_json *out, const char *path, const char *raw, size_t len,
		       struct dl_problem_list *problems);
void daemon_json_clear(struct daemon_json *d);

/* Whether dockerd does not start because of this file, decided from its
 * status (moby cmd/dockerd loadDaemonCliConfig, config.MergeDaemonConfigurations):
 * refused; a --config-file that does not exist; or a read that fails for
 * dockerd too (a directory, a symlink loop). An unreadable file over our
 * size bound or behind the scanner's permissions says nothing about
 * dockerd: not a refusal, but still an error problem. */
bool daemon_json_stops_dockerd(const struct daemon_json *d);
/* The file exists and was read (config_file_present of the result). */
bool daemon_json_was_read(const struct daemon_json *d);

/* Whether dockerd sees key in the file, for the flag/file conflict check
 * ("the following directives are specified both as a flag and in the
 * configuration file"): true even for "hosts": [] or null. Use this, not
 * has_hosts, for the conflict: a "hosts" nested in an object of another key
 * also conflicts with -H although it sets no listener. */
bool daemon_json_has_key(const struct daemon_json *d, const char *key);
/* Whether key is a daemon.json key of some dockerd v20.10 .. 29 (Linux). */
bool daemon_json_key_is_known(const char *key);

#endif
