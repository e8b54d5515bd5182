/* listen-load: the load of the live-scan benchmark. Opens SOCKETS listening
 * TCP sockets on 127.0.0.1 (ports PORT .. PORT+SOCKETS-1) and starts PROCS
 * idle child processes, prints "ready" on stdout, and holds everything until
 * stdin is closed or it gets SIGTERM; then its children exit with it.
 * Meant to run inside the benchmark's own network namespace.
 *
 * Usage: listen-load SOCKETS PORT PROCS */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <linux/close_range.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: listen-load SOCKETS PORT PROCS\n");
		return 2;
	}
	long nsock = atol(argv[1]), port = atol(argv[2]), nproc = atol(argv[3]);
	if (nsock < 0 || port < 1 || port + nsock > 65536 || nproc < 0 || nproc > 100000) {
		fprintf(stderr, "listen-load: bad arguments\n");
		return 2;
	}
	struct rlimit rl = { (rlim_t)nsock + 64, (rlim_t)nsock + 64 };
	if (setrlimit(RLIMIT_NOFILE, &rl) < 0) {
		perror("listen-load: setrlimit");
		return 1;
	}
	for (long i = 0; i < nsock; i++) {
		int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)(port + i)) };
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(s, 1) < 0) {
			fprintf(stderr, "listen-load: socket %ld (port %ld): %s\n", i, port + i,
				strerror(errno));
			return 1;
		}
	}
	for (long i = 0; i < nproc; i++) {
		pid_t p = fork();
		if (p < 0) {
			perror("listen-load: fork");
			return 1;
		}
		if (p == 0) {
			/* Close the listening sockets: a child is an unrelated
			 * process with a few descriptors, as on a real host. */
			close_range(3, ~0u, 0);
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			for (;;)
				pause();
		}
	}
	signal(SIGTERM, SIG_DFL);
	printf("ready\n");
	fflush(stdout);
	char buf[64];
	while (read(0, buf, sizeof(buf)) > 0)
		;
	return 0;
}
