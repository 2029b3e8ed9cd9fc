/*
 * The headline list's model (ui_priv.h): a query and the (date, id)
 * positions of its stories, read from the cache a chunk at a time as
 * the selection reaches them. A list of 20,000 stories costs one small
 * read to open; scrolling to its end reads the positions only, never
 * the stories.
 */
#include "ui_priv.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

/* Positions read at a time; more when a jump goes further. */
#define CHUNK 256

void
ui_list_init(struct ui_list *l)
{
	memset(l, 0, sizeof(*l));
}

void
ui_list_release(struct ui_list *l)
{
	free(l->title);
	free(l->urls);
	free(l->match);
	free(l->pos);
	memset(l, 0, sizeof(*l));
}

static void
query_of(const struct ui_list *l, struct cache_query *q)
{
	memset(q, 0, sizeof(*q));
	q->flags = l->flags;
	q->feed_urls = l->urls;
	q->nfeed_urls = l->nurls;
	q->match = l->match;
}

int
ui_list_open(struct ui_list *l, struct cache *c, const char *title,
    const char **urls, size_t nurls, int flags, const char *match,
    char **err)
{
	struct cache_query q;

	ui_list_release(l);
	l->title = xstrdup(title != NULL ? title : "");
	l->urls = xcalloc(nurls + 1, sizeof(*l->urls));
	if (nurls > 0)
		memcpy(l->urls, urls, nurls * sizeof(*urls));
	l->nurls = nurls;
	l->flags = flags;
	l->match = match != NULL ? xstrdup(match) : NULL;
	l->searching = match != NULL;
	if (nurls == 0) {
		/* No feeds: an empty list, not every feed of the cache. */
		l->complete = 1;
		return 0;
	}
	query_of(l, &q);
	l->count = cache_list_count(c, &q, err);
	if (l->count < 0) {
		l->count = 0;
		l->complete = 1;
		return -1;
	}
	return ui_list_load(l, c, 0, err);
}

int
ui_list_load(struct ui_list *l, struct cache *c, size_t i, char **err)
{
	struct cache_query q;
	size_t want;
	long got;

	query_of(l, &q);
	while (!l->complete && i >= l->npos) {
		want = i - l->npos + 1 < CHUNK ? CHUNK : i - l->npos + CHUNK;
		if (l->npos + want > l->cap) {
			l->cap = l->npos + want;
			l->pos = xreallocarray(l->pos, l->cap, sizeof(*l->pos));
		}
		got = cache_list_positions(c, &q,
		    l->npos > 0 ? &l->pos[l->npos - 1] : NULL,
		    l->pos + l->npos, want, err);
		if (got < 0) {
			l->complete = 1;
			return -1;
		}
		l->npos += (size_t)got;
		if ((size_t)got < want) {
			l->complete = 1;
			/* What is there is the truth; the count may be stale. */
			l->count = (int64_t)l->npos;
		}
	}
	return 0;
}

int
ui_list_reload(struct ui_list *l, struct cache *c, char **err)
{
	struct cache_query q;
	int64_t id = l->sel < l->npos ? l->pos[l->sel].id : 0;
	size_t had = l->npos, i, sel = l->sel;
	int64_t count;

	if (l->nurls == 0)
		return 0;
	query_of(l, &q);
	count = cache_list_count(c, &q, err);
	if (count < 0)
		return -1;
	l->count = count;
	l->npos = 0;
	l->complete = 0;
	if (ui_list_load(l, c, had > 0 ? had - 1 : 0, err) != 0)
		return -1;
	/* Keep the story selected, wherever it went. */
	for (i = 0; id != 0 && i < l->npos; i++)
		if (l->pos[i].id == id) {
			if (i >= sel)
				l->top += i - sel;
			else
				l->top -= l->top >= sel - i ? sel - i : l->top;
			l->sel = i;
			return 0;
		}
	if (l->sel >= ui_list_length(l))
		l->sel = ui_list_length(l) > 0 ? ui_list_length(l) - 1 : 0;
	if (l->top > l->sel)
		l->top = l->sel;
	return 0;
}

int64_t
ui_list_id(struct ui_list *l, struct cache *c, size_t i)
{
	if (i >= l->npos && ui_list_load(l, c, i, NULL) != 0)
		return 0;
	return i < l->npos ? l->pos[i].id : 0;
}

size_t
ui_list_length(const struct ui_list *l)
{
	if (l->complete || (int64_t)l->npos > l->count)
		return l->npos;
	return (size_t)l->count;
}

void
ui_list_select(struct ui_list *l, struct cache *c, long i, int h)
{
	size_t n;

	if (i < 0)
		i = 0;
	if ((size_t)i >= l->npos)
		ui_list_load(l, c, (size_t)i, NULL);
	n = ui_list_length(l);
	if (n == 0) {
		l->sel = l->top = 0;
		return;
	}
	if ((size_t)i >= n)
		i = (long)n - 1;
	l->sel = (size_t)i;
	if (h < 1)
		h = 1;
	if (l->sel < l->top)
		l->top = l->sel;
	else if (l->sel >= l->top + (size_t)h)
		l->top = l->sel - (size_t)h + 1;
}
