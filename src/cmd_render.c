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

#include "args.h"
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

int
cmd_render(struct context *ctx, int argc, char **argv)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	struct render_doc doc;
	const char *path = NULL;
	const char *v;
	int width = -1, i, r = 0, missing = 0;

	(void)ctx;
	for (i = 0; i < argc; i++) {
		if ((v = args_value(argc, argv, &i, "--width", &missing)) !=
		    NULL) {
			if (args_width(v, &width) != 0)
				return usage();
		} else if (missing || (argv[i][0] == '-' &&
		    argv[i][1] != '\0')) {
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
		width = args_terminal_width();
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
