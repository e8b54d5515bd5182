/* Print the TCP API listeners dockerd has, or will have, on a root.
 *   cc example.c $(pkg-config --cflags --libs dockerd-scap) -o example
 *   ./example /           (or a mounted image, a test fixture) */
#include <dockerd-scap/listeners.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	struct dl_scan_result *r;
	char err[256];
	if (dl_scan(&r, argc > 1 ? argv[1] : "/", err, sizeof(err)) < 0) {
		fprintf(stderr, "example: %s\n", err);
		return 1;
	}
	for (size_t i = 0; i < dl_scan_listener_count(r); i++) {
		const struct dl_listener *l = dl_scan_listener(r, i);
		if (dl_listener_proto(l) == DL_PROTO_TCP)
			printf("tcp %s:%u tls=%s\n", dl_listener_address(l), dl_listener_port(l),
			       dl_tls_name(dl_listener_tls(l)));
	}
	printf("%s: %s\n", DL_RULE_DISA, dl_result_name(dl_scan_rule_result(r, DL_RULE_ID_DISA)));
	dl_scan_result_free(r);
	return 0;
}
