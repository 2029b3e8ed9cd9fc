/*
 * `telex parse FILE|-`: one feed document to DESIGN.md's JSON on stdout.
 * The document's problems go in "errors" and, one line each, to stderr;
 * the exit status is 1 when there were any.
 */
#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "feed.h"
#include "feed_file.h"
#include "json.h"
#include "text_safe.h"
#include "banned.h"

int
cmd_parse(struct context *ctx, int argc, char **argv)
{
	struct feed f;
	const char *path;
	size_t i;
	int r;

	(void)ctx;
	if (argc != 1 || (argv[0][0] == '-' && argv[0][1] != '\0')) {
		fprintf(stderr, "usage: telex parse FILE|-\n");
		return 2;
	}
	path = argv[0];
	feed_init(&f);
	r = feed_parse_file(path, NULL, &f);
	if (r < 0) {
		fprintf(stderr, "telex: %s: %s\n", path, strerror(errno));
		feed_release(&f);
		return 2;
	}
	for (i = 0; i < f.nerrors; i++)
		text_safe_report(path, f.errors[i]);
	if (feed_write_json(&f, stdout) != 0 || fflush(stdout) != 0) {
		fprintf(stderr, "telex: writing output: %s\n",
		    strerror(errno));
		r = 2;
	}
	feed_release(&f);
	return r;
}
