/*
 * `telex render [--width N] FILE|-`: an HTML document as the reader
 * shows it, in plain text on stdout, its links listed at the end.
 * Without --width: the terminal's width when stdout is one, else 72.
 */
#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "buf.h"
#include "render.h"
#include "text_safe.h"
#include "banned.h"

static int
usage(void)
{
	fprintf(stderr, "usage: telex render [--width N] FILE|-\n");
	return 2;
}

/* Digits only; a value out of range is clamped, not refused, so that
 * `--width $(tput cols)` works on any terminal. */
static int
parse_width(const char *s, int *width)
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

static int
terminal_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ,
	    &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return RENDER_WIDTH_DEFAULT;
}

int
cmd_render(struct context *ctx, int argc, char **argv)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	struct render_doc doc;
	const char *path = NULL;
	int width = -1, i, r = 0;

	(void)ctx;
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--width") == 0) {
			if (i + 1 == argc || parse_width(argv[++i], &width))
				return usage();
		} else if (strncmp(argv[i], "--width=", 8) == 0) {
			if (parse_width(argv[i] + 8, &width))
				return usage();
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return usage();
		} else if (path == NULL) {
			path = argv[i];
		} else {
			return usage();
		}
	}
	if (path == NULL)
		return usage();
	if (width < 0)
		width = terminal_width();
	if (buf_read_file(&in, path) != 0) {
		text_safe_report(path, strerror(errno));
		buf_release(&in);
		return 2;
	}
	if (render_html(in.ptr, in.len, NULL, width, &doc) != 0) {
		text_safe_report(path, "cannot parse HTML");
		r = 2;
	}
	render_doc_write_text(&doc, &out);
	if (fwrite(out.ptr, 1, out.len, stdout) != out.len ||
	    fflush(stdout) != 0) {
		fprintf(stderr, "telex: writing output: %s\n",
		    strerror(errno));
		r = 2;
	}
	render_doc_release(&doc);
	buf_release(&in);
	buf_release(&out);
	return r;
}
