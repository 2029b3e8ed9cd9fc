/*
 * `telex list [--unread] [--flagged] [--tag T] [--json] [-n N]` and
 * `telex search QUERY [--json]`: headlines from the cache, newest first,
 * offline. Only feeds of the feeds file are shown (a removed feed's
 * stories stay in the cache but not on screen), under the title the
 * feeds file gives them, else the feed's own.
 *
 * Text output is made safe for the terminal; JSON output is escaped.
 */
#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cache.h"
#include "date.h"
#include "json.h"
#include "text_safe.h"
#include "xalloc.h"
#include "banned.h"

struct listing {
	struct context *ctx;
	int json;
	size_t count;
	struct buf line;
};

static const char *
feed_name(struct listing *l, const struct cache_headline *h)
{
	const struct feeds_entry *e = feeds_find(&l->ctx->feeds, h->feed_url);

	if (e != NULL && e->title != NULL)
		return e->title;
	return h->feed_title != NULL ? h->feed_title : h->feed_url;
}

static void
put_json(struct listing *l, const struct cache_headline *h)
{
	struct buf *b = &l->line;
	char iso[DATE_ISO_SIZE];

	buf_printf(b, "%s{\"id\": %lld, \"feed\": ", l->count ? ",\n " : "",
	    (long long)h->id);
	json_append_cstr(b, h->feed_url);
	buf_append_str(b, ", \"feed_title\": ");
	json_append_cstr(b, feed_name(l, h));
	buf_append_str(b, ", \"title\": ");
	json_append_cstr(b, h->title);
	buf_append_str(b, ", \"link\": ");
	json_append_cstr(b, h->link);
	buf_append_str(b, ", \"author\": ");
	json_append_cstr(b, h->author);
	buf_append_str(b, ", \"date\": ");
	json_append_cstr(b, date_format_iso(h->date, iso) == 0 ? iso : NULL);
	buf_printf(b, ", \"unread\": %s, \"flagged\": %s, \"saved\": %s, "
	    "\"text\": \"%s\"}", h->unread ? "true" : "false",
	    h->flagged ? "true" : "false", h->saved ? "true" : "false",
	    h->from_page ? "page" : "feed");
}

static void
put_text(struct listing *l, const struct cache_headline *h)
{
	struct buf *b = &l->line;
	time_t t = (time_t)h->date;
	struct tm tm;
	char when[32] = "";
	const char *title = h->title;

	if (localtime_r(&t, &tm) != NULL)
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	buf_printf(b, "%-16s  %c%c%c  ", when, h->unread ? 'N' : ' ',
	    h->flagged ? '!' : ' ', h->saved ? 'S' : ' ');
	text_safe_append(b, feed_name(l, h), strlen(feed_name(l, h)));
	buf_append_str(b, "  ");
	if (title == NULL || *title == '\0')
		title = h->link != NULL ? h->link : "(untitled)";
	text_safe_append(b, title, strlen(title));
	buf_append_char(b, '\n');
}

static int
on_headline(void *arg, const struct cache_headline *h)
{
	struct listing *l = arg;

	buf_reset(&l->line);
	if (l->json)
		put_json(l, h);
	else
		put_text(l, h);
	l->count++;
	return fwrite(l->line.ptr, 1, l->line.len, stdout) != l->line.len;
}

static int
has_tag(const struct feeds_entry *e, const char *tag)
{
	size_t i;

	for (i = 0; i < e->ntags; i++)
		if (strcmp(e->tags[i], tag) == 0)
			return 1;
	return 0;
}

/*
 * Quote each word of a search so that punctuation is a word separator,
 * not FTS5 syntax, for queries the FTS5 parser rejects as written.
 */
static char *
quote_words(const char *q)
{
	struct buf b = BUF_INIT;
	const char *p = q;
	size_t n;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t')
			p++;
		n = strcspn(p, " \t");
		if (n == 0)
			break;
		if (b.len > 0)
			buf_append_char(&b, ' ');
		buf_append_char(&b, '"');
		for (; n > 0; p++, n--) {
			if (*p == '"')
				buf_append_char(&b, '"');
			buf_append_char(&b, *p);
		}
		buf_append_char(&b, '"');
	}
	return buf_detach(&b, NULL);
}

static int
run_query(struct context *ctx, struct cache_query *q, const char *tag,
    int json)
{
	struct listing l = { ctx, json, 0, BUF_INIT };
	const char **urls;
	struct cache *cache;
	char *err = NULL, *quoted = NULL;
	size_t i, n = 0;
	int r;

	if (context_load_feeds(ctx) != 0)
		return 2;
	urls = xcalloc(ctx->feeds.n + 1, sizeof(*urls));
	for (i = 0; i < ctx->feeds.n; i++)
		if (tag == NULL || has_tag(&ctx->feeds.entries[i], tag))
			urls[n++] = ctx->feeds.entries[i].url;
	q->feed_urls = urls;
	q->nfeed_urls = n;
	/* A search first indexes what the last refreshes stored; on a
	 * cache it cannot write, it searches what was indexed. */
	cache = cache_open(ctx->cache_path, q->match != NULL ?
	    CACHE_READONLY_FALLBACK : CACHE_READONLY, &err);
	if (cache == NULL) {
		fprintf(stderr, "telex: %s%s\n", err, errno == ENOENT ?
		    " (run 'telex refresh' first)" : "");
		free(err);
		free(urls);
		return 2;
	}
	if (q->match != NULL && cache_index(cache, &err) < 0) {
		fprintf(stderr, "telex: %s (the newest stories are not "
		    "searched)\n", cache_readonly_reason(cache) != NULL ?
		    cache_readonly_reason(cache) : err);
		free(err);
		err = NULL;
	}

	if (json)
		fputs("[", stdout);
	r = cache_list(cache, q, on_headline, &l, &err);
	if (r != 0 && q->match != NULL && l.count == 0) {
		free(err);
		err = NULL;
		quoted = quote_words(q->match);
		q->match = quoted;
		r = cache_list(cache, q, on_headline, &l, &err);
	}
	if (json)
		fputs("]\n", stdout);
	if (r != 0)
		fprintf(stderr, "telex: %s\n", err);
	free(err);
	free(quoted);
	free(urls);
	buf_release(&l.line);
	cache_close(cache);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "telex: writing output: %s\n",
		    strerror(errno));
		return 2;
	}
	return r != 0 ? 2 : 0;
}

int
cmd_list(struct context *ctx, int argc, char **argv)
{
	struct cache_query q;
	const char *tag = NULL;
	char *end;
	int i, json = 0;

	memset(&q, 0, sizeof(q));
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--unread") == 0) {
			q.flags |= CACHE_ONLY_UNREAD;
		} else if (strcmp(argv[i], "--flagged") == 0) {
			q.flags |= CACHE_ONLY_FLAGGED;
		} else if (strcmp(argv[i], "--json") == 0) {
			json = 1;
		} else if (strcmp(argv[i], "--tag") == 0 && i + 1 < argc) {
			tag = argv[++i];
		} else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
			q.limit = strtoul(argv[++i], &end, 10);
			if (*end != '\0')
				goto usage;
		} else {
			goto usage;
		}
	}
	return run_query(ctx, &q, tag, json);
usage:
	fprintf(stderr, "usage: telex list [--unread] [--flagged] [--tag T] "
	    "[--json] [-n N]\n");
	return 2;
}

int
cmd_search(struct context *ctx, int argc, char **argv)
{
	struct cache_query q;
	struct buf words = BUF_INIT;
	int i, json = 0, r;

	memset(&q, 0, sizeof(q));
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			json = 1;
			continue;
		}
		if (words.len > 0)
			buf_append_char(&words, ' ');
		buf_append_str(&words, argv[i]);
	}
	if (words.len == 0) {
		fprintf(stderr, "usage: telex search QUERY [--json]\n");
		return 2;
	}
	q.match = words.ptr;
	r = run_query(ctx, &q, NULL, json);
	buf_release(&words);
	return r;
}
