/*
 * `telex extract [--base URL] [--width N] FILE|-`: the main article of
 * a web page, as the reader shows it. The title, byline and date come
 * first, one line each and only when the page has them, then a blank
 * line and the article rendered for the terminal. A page with no
 * article prints the text found instead and still succeeds.
 */
#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "buf.h"
#include "extract.h"
#include "render.h"
#include "text_safe.h"
#include "banned.h"

#define EXTRACT_USAGE "usage: telex extract [--base URL] [--width N] FILE|-"

static void
header_line(struct buf *out, const char *s)
{
	size_t start = out->len;

	if (s == NULL)
		return;
	text_safe_append(out, s, strlen(s));
	if (out->len > start)
		buf_append_char(out, '\n');
}

int
cmd_extract(struct context *ctx, int argc, char **argv)
{
	const char *base = NULL, *path = NULL, *v;
	struct extract_result res;
	struct render_doc doc;
	struct buf in = BUF_INIT, out = BUF_INIT;
	int width = -1, i, bad = 0, r = 0;

	(void)ctx;
	for (i = 0; i < argc && !bad; i++) {
		if ((v = args_value(argc, argv, &i, "--base", &bad)) != NULL) {
			base = v;
		} else if ((v = args_value(argc, argv, &i, "--width", &bad))
		    != NULL) {
			if (args_width(v, &width) != 0) {
				fprintf(stderr, "telex: extract: bad width '%s'\n",
				    v);
				return 2;
			}
		} else if (bad) {
			break;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, "telex: extract: unknown option '%s'\n",
			    argv[i]);
			return 2;
		} else if (path != NULL) {
			bad = 1;
		} else {
			path = argv[i];
		}
	}
	if (bad || path == NULL) {
		fprintf(stderr, "%s\n", EXTRACT_USAGE);
		return 2;
	}
	if (width < 0)
		width = args_terminal_width();
	if (buf_read_file(&in, path) != 0) {
		fprintf(stderr, "telex: %s: %s\n", path, strerror(errno));
		buf_release(&in);
		return 2;
	}
	(void)extract_article(in.ptr, in.len, base, &res);
	buf_release(&in);

	header_line(&out, res.title);
	header_line(&out, res.byline);
	header_line(&out, res.date);
	if (out.len > 0)
		buf_append_char(&out, '\n');
	if (render_html(res.html, strlen(res.html), base, width, &doc) == 0)
		render_doc_write_text(&doc, &out);
	render_doc_release(&doc);
	extract_result_release(&res);
	if (fwrite(out.ptr, 1, out.len, stdout) != out.len ||
	    fflush(stdout) != 0) {
		fprintf(stderr, "telex: writing output: %s\n", strerror(errno));
		r = 2;
	}
	buf_release(&out);
	return r;
}
