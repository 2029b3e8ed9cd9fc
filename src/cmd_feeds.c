/*
 * Editing the feeds file: `telex add URL [TAG...]`, `telex remove URL`,
 * `telex import FILE.opml`, `telex export`. The file is edited as text,
 * so its comments, blank lines and order survive, and replaced
 * atomically, so a crash leaves the old file or the new one.
 */
#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "atomic_file.h"
#include "buf.h"
#include "cache.h"
#include "opml.h"
#include "text_safe.h"
#include "banned.h"

/* The feeds file's text; a missing file is an empty one. */
static int
read_feeds_text(struct context *ctx, struct buf *text)
{
	if (buf_read_regular(text, ctx->feeds_path) == 0 || errno == ENOENT)
		return 0;
	fprintf(stderr, "telex: %s: %s\n", ctx->feeds_path,
	    buf_read_strerror(errno));
	return -1;
}

static int
write_feeds_text(struct context *ctx, const struct buf *text)
{
	char *err = NULL;

	if (atomic_file_write(ctx->feeds_path, text->ptr, text->len,
	    &err) == 0)
		return 0;
	fprintf(stderr, "telex: %s\n", err);
	free(err);
	return -1;
}

int
cmd_add(struct context *ctx, int argc, char **argv)
{
	struct buf text = BUF_INIT, out = BUF_INIT;
	const char *problem;
	int r;

	if (argc < 1) {
		fprintf(stderr, "usage: telex add URL [TAG...]\n");
		return 2;
	}
	problem = feeds_url_problem(argv[0], strlen(argv[0]));
	if (problem != NULL) {
		fprintf(stderr, "telex: %s: %s\n", argv[0], problem);
		return 2;
	}
	if (read_feeds_text(ctx, &text) != 0) {
		buf_release(&text);
		return 2;
	}
	r = feeds_text_add(text.ptr, text.len, argv[0],
	    (const char *const *)(argv + 1), (size_t)(argc - 1), NULL, &out);
	if (r < 0)
		fprintf(stderr, "telex: %s: a tag holds a control character or "
		    "starts with '~'\n", argv[0]);
	else if (write_feeds_text(ctx, &out) != 0)
		r = -1;
	else
		printf("%s %s in %s\n", r == 1 ? "added" : "updated", argv[0],
		    ctx->feeds_path);
	buf_release(&text);
	buf_release(&out);
	return r < 0 ? 2 : 0;
}

int
cmd_remove(struct context *ctx, int argc, char **argv)
{
	struct buf text = BUF_INIT, out = BUF_INIT;
	int n = -1;

	if (argc != 1) {
		fprintf(stderr, "usage: telex remove URL\n");
		return 2;
	}
	if (read_feeds_text(ctx, &text) == 0) {
		n = feeds_text_remove(text.ptr, text.len, argv[0], &out);
		if (n == 0)
			fprintf(stderr, "telex: %s: not in the feeds file %s\n",
			    argv[0], ctx->feeds_path);
		else if (write_feeds_text(ctx, &out) != 0)
			n = -1;
		else
			printf("removed %s from %s (its stories stay in the "
			    "cache)\n", argv[0], ctx->feeds_path);
	}
	buf_release(&text);
	buf_release(&out);
	return n < 0 ? 2 : n == 0 ? 1 : 0;
}

int
cmd_import(struct context *ctx, int argc, char **argv)
{
	struct buf opml = BUF_INIT, text = BUF_INIT, out = BUF_INIT,
	    added = BUF_INIT, line = BUF_INIT;
	struct feeds in, have;
	const struct feeds_entry *e;
	size_t i, nadded = 0, nmerged = 0, nbad = 0;
	int r = 2;

	if (argc != 1) {
		fprintf(stderr, "usage: telex import FILE.opml\n");
		return 2;
	}
	feeds_init(&in);
	feeds_init(&have);
	if (buf_read_file(&opml, argv[0]) != 0) {
		fprintf(stderr, "telex: %s: %s\n", argv[0], strerror(errno));
		goto out;
	}
	opml_parse(&in, opml.ptr, opml.len, argv[0]);
	for (i = 0; i < in.nerrors; i++)
		text_safe_report(NULL, in.errors[i]);
	if (read_feeds_text(ctx, &text) != 0)
		goto out;
	feeds_parse(&have, text.ptr, text.len, ctx->feeds_path);
	/*
	 * New feeds are appended in one block; a feed already listed gets
	 * the tags it lacks on its own line. One pass over the file for
	 * all new feeds keeps 10,000 outlines quick.
	 */
	for (i = 0; i < in.n; i++) {
		e = &in.entries[i];
		if (feeds_find(&have, e->url) == NULL) {
			buf_reset(&line);
			if (feeds_text_add("", 0, e->url,
			    (const char *const *)e->tags, e->ntags, NULL,
			    &line) < 0) {
				nbad++;
				continue;
			}
			buf_append(&added, line.ptr, line.len);
			nadded++;
			continue;
		}
		buf_reset(&out);
		if (feeds_text_add(text.ptr, text.len, e->url,
		    (const char *const *)e->tags, e->ntags, NULL, &out) < 0) {
			nbad++;
			continue;
		}
		if (out.len != text.len || memcmp(out.ptr, text.ptr,
		    text.len) != 0) {
			nmerged++;
			buf_reset(&text);
			buf_append(&text, out.ptr, out.len);
		}
	}
	if (nadded > 0 && text.len > 0 && text.ptr[text.len - 1] != '\n')
		buf_append_char(&text, '\n');
	buf_append(&text, added.ptr, added.len);
	if ((nadded > 0 || nmerged > 0) && write_feeds_text(ctx, &text) != 0)
		goto out;
	printf("%zu feeds added, %zu already there got new tags, %zu "
	    "skipped, in %s\n", nadded, nmerged, nbad, ctx->feeds_path);
	r = in.nerrors > 0 || nbad > 0 ? 1 : 0;
out:
	feeds_release(&in);
	feeds_release(&have);
	buf_release(&opml);
	buf_release(&text);
	buf_release(&out);
	buf_release(&added);
	buf_release(&line);
	return r;
}

struct export_lookup {
	struct cache *cache;
	char *title, *link;
};

static void
lookup(void *arg, const struct feeds_entry *e, const char **title,
    const char **site)
{
	struct export_lookup *l = arg;

	free(l->title);
	free(l->link);
	l->title = l->link = NULL;
	if (l->cache != NULL)
		cache_feed_info(l->cache, e->url, &l->title, &l->link, NULL);
	*title = l->title;
	*site = l->link;
}

int
cmd_export(struct context *ctx, int argc, char **argv)
{
	struct export_lookup l = { NULL, NULL, NULL };
	struct buf out = BUF_INIT;
	char *err = NULL;
	int r;

	(void)argv;
	if (argc != 0) {
		fprintf(stderr, "usage: telex export > FILE.opml\n");
		return 2;
	}
	if (context_load_feeds(ctx) != 0)
		return 2;
	/* Titles and home pages from the cache, when there is one. */
	l.cache = cache_open(ctx->cache_path, CACHE_READONLY, &err);
	free(err);
	opml_write(&ctx->feeds, lookup, &l, (int64_t)time(NULL), &out);
	r = fwrite(out.ptr, 1, out.len, stdout) == out.len &&
	    fflush(stdout) == 0 ? 0 : 2;
	if (r != 0)
		fprintf(stderr, "telex: writing output: %s\n",
		    strerror(errno));
	free(l.title);
	free(l.link);
	cache_close(l.cache);
	buf_release(&out);
	return r;
}
