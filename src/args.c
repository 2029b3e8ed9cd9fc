/*
 * Shared command-line pieces (args.h).
 */
#include "args.h"

#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "render.h"
#include "banned.h"

const char *
args_value(int argc, char **argv, int *i, const char *name, int *missing)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (strcmp(argv[*i], name) != 0)
		return NULL;
	if (*i + 1 >= argc) {
		*missing = 1;
		return NULL;
	}
	return argv[++*i];
}

int
args_width(const char *s, int *width)
{
	long n = 0;

	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		if (n <= RENDER_WIDTH_MAX)
			n = n * 10 + (*s - '0');
	}
	*width = n > RENDER_WIDTH_MAX ? RENDER_WIDTH_MAX :
	    n < RENDER_WIDTH_MIN ? RENDER_WIDTH_MIN : (int)n;
	return 0;
}

int
args_terminal_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ,
	    &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return RENDER_WIDTH_DEFAULT;
}
