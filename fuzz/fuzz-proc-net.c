/* Fuzz target: the /proc/PID/net tables (proc_net.c): the input as a whole
 * tcp, tcp6 and unix table, and its first line through the per-line parse
 * functions. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "live/proc_net.h"
#include "base/problems.h"
int fuzz_proc_net(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct dl_problem_list problems = { 0 };
	struct proc_socket_list out = { 0 };
	char *s = fuzz_cstr(data, size);
	proc_net_parse_tcp_table(&out, "/proc/1/net/tcp", s, size, false, &problems);
	proc_net_parse_tcp_table(&out, "/proc/1/net/tcp6", s, size, true, &problems);
	proc_net_parse_unix_table(&out, "/proc/1/net/unix", s, size, &problems);
	proc_socket_list_clear(&out);
	problem_list_clear(&problems);
	const char *nl = memchr(text, '\n', size);
	size_t n = nl ? (size_t)(nl - text) : size;
	for (int kind = 0; kind < 3; kind++) {
		enum proc_net_reason why = PROC_NET_LINE_OK;
		struct proc_socket sock;
		memset(&sock, 0, sizeof(sock));
		int e = kind == 2 ? proc_net_parse_unix_line(&sock, s, n, &why)
				  : proc_net_parse_tcp_line(&sock, s, n, kind == 1, &why);
		/* A refused line says why, an accepted one has no reason. */
		if ((e < 0) != (why != PROC_NET_LINE_OK) || !*proc_net_reason_text(why) != !e)
			abort();
		proc_socket_clear(&sock);
	}
	free(s);
	return 0;
}
FUZZ_ENTRY(fuzz_proc_net)
