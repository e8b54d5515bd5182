/* bench-run: time two commands in alternation and report, for each, the
 * median and minimum wall time and the largest peak RSS (getrusage of the
 * child, ru_maxrss) over RUNS runs. Alternating A, B, A, B, ... spreads the
 * noise of a shared machine over both commands alike.
 *
 * Usage: bench-run RUNS NAME_A CMD_A... -- NAME_B CMD_B...
 * Also the median CPU time (user + system, from the same rusage): on a
 * shared machine it varies less than wall time. The commands are run with
 * execvp (no shell); their output goes to /dev/null. A command that exits non-zero is reported and counts as a
 * failure of the benchmark (exit status 1). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct cmd {
	const char *name;
	char **argv;
	double *ms;
	double *cpu_ms;
	long max_rss_kib;
	int failures;
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int run_once(struct cmd *c, int i)
{
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, 1);
			dup2(null, 2);
		}
		execvp(c->argv[0], c->argv);
		_exit(127);
	}
	int st;
	struct rusage ru;
	while (wait4(pid, &st, 0, &ru) < 0)
		if (errno != EINTR)
			return -1;
	c->ms[i] = now_ms() - t0;
	c->cpu_ms[i] = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
		       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
	if (ru.ru_maxrss > c->max_rss_kib)
		c->max_rss_kib = ru.ru_maxrss;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		c->failures++;
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Sorts v. */
static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(double), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	if (argc < 6) {
		fprintf(stderr, "usage: bench-run RUNS NAME_A CMD_A... -- NAME_B CMD_B...\n");
		return 2;
	}
	int runs = atoi(argv[1]);
	if (runs < 1 || runs > 100000) {
		fprintf(stderr, "bench-run: bad RUNS %s\n", argv[1]);
		return 2;
	}
	int sep = -1;
	for (int i = 3; i < argc; i++)
		if (!strcmp(argv[i], "--")) {
			sep = i;
			break;
		}
	if (sep < 0 || sep + 2 >= argc) {
		fprintf(stderr, "bench-run: expected NAME_A CMD_A... -- NAME_B CMD_B...\n");
		return 2;
	}
	argv[sep] = NULL;
	struct cmd c[2] = {
		{ argv[2], &argv[3], calloc((size_t)runs, sizeof(double)),
		  calloc((size_t)runs, sizeof(double)), 0, 0 },
		{ argv[sep + 1], &argv[sep + 2], calloc((size_t)runs, sizeof(double)),
		  calloc((size_t)runs, sizeof(double)), 0, 0 },
	};
	if (!c[0].ms || !c[1].ms || !c[0].cpu_ms || !c[1].cpu_ms)
		return 2;
	/* One untimed run of each: page cache, dentries. */
	double warm[1], warm_cpu[1];
	for (int k = 0; k < 2; k++) {
		double *save = c[k].ms, *save_cpu = c[k].cpu_ms;
		c[k].ms = warm;
		c[k].cpu_ms = warm_cpu;
		run_once(&c[k], 0);
		c[k].ms = save;
		c[k].cpu_ms = save_cpu;
		c[k].failures = 0;
		c[k].max_rss_kib = 0;
	}
	for (int i = 0; i < runs; i++)
		for (int k = 0; k < 2; k++)
			if (run_once(&c[(i + k) % 2], i) < 0) {
				perror("bench-run");
				return 2;
			}
	double med[2], cpu[2];
	for (int k = 0; k < 2; k++) {
		med[k] = median(c[k].ms, runs);
		cpu[k] = median(c[k].cpu_ms, runs);
		printf("%-20s median %8.2f ms  min %8.2f ms  cpu %8.2f ms  peak RSS %5.2f MiB  (%d runs%s)\n",
		       c[k].name, med[k], c[k].ms[0], cpu[k], (double)c[k].max_rss_kib / 1024.0, runs,
		       c[k].failures ? ", SOME FAILED" : "");
	}
	printf("ratio %s / %s: median wall time %.3f, median cpu time %.3f\n", c[0].name,
	       c[1].name, med[0] / med[1], cpu[0] / cpu[1]);
	return c[0].failures || c[1].failures ? 1 : 0;
}
