/*
 * rss_exec: run a program on the terminal it is given, report its peak RSS.
 *
 *   rss_exec OUT PROGRAM [ARG...]
 *
 * Forks; the child starts a session whose controlling terminal is its
 * standard input (when that is a terminal) and runs PROGRAM. Writes
 * "pid N" to OUT at once, and "exit STATUS maxrss KIB" once PROGRAM has
 * ended (wait4's rusage), then exits as PROGRAM did (128+N for signal N).
 *
 * Why: bench/ui_bench.py cannot take a reader's peak RSS from its own
 * wait4, because Linux carries a process's high-water mark across exec, and
 * a child forked or vforked by Python starts from the Python process's (a
 * /bin/true started by Python "peaks" at Python's RSS). This process is
 * small, and its child starts from its size, so the reader's figure is the
 * reader's own.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct rusage ru;
	FILE *out;
	pid_t pid;
	int status, code;

	if (argc < 3) {
		fputs("usage: rss_exec OUT PROGRAM [ARG...]\n", stderr);
		return 2;
	}
	out = fopen(argv[1], "w");
	if (out == NULL) {
		perror(argv[1]);
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (pid == 0) {
		fclose(out);
		if (setsid() < 0)
			_exit(126);
		if (isatty(0))
			(void)ioctl(0, TIOCSCTTY, 0);
		execvp(argv[2], argv + 2);
		fprintf(stderr, "rss_exec: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	fprintf(out, "pid %ld\n", (long)pid);
	fflush(out);
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("wait4");
			return 2;
		}
	}
	code = WIFEXITED(status) ? WEXITSTATUS(status) :
	    WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 2;
	fprintf(out, "exit %d maxrss %ld\n", code, ru.ru_maxrss);
	fclose(out);
	return code;
}
