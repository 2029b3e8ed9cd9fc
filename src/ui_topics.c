/*
 * The topic pane's model (ui_priv.h). Rows: All, Unread, Flagged; then
 * each tag of the feeds file in the order it first appears, with its
 * feeds under it; then the feeds with no tag, each a topic of its own.
 * Counts come from the cache's per-feed counters, one row per feed, so
 * reading them again after every change costs the same whatever the
 * cache holds.
 */
#include "ui_priv.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"
#include "banned.h"

static struct ui_topic *
add_row(struct ui_topics *t, size_t *cap, enum ui_topic_kind kind,
    int depth, const char *label)
{
	struct ui_topic *row;

	if (t->nrows == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		t->rows = xreallocarray(t->rows, *cap, sizeof(*t->rows));
	}
	row = &t->rows[t->nrows++];
	memset(row, 0, sizeof(*row));
	row->kind = kind;
	row->depth = depth;
	row->label = label != NULL ? xstrdup(label) : NULL;
	return row;
}

static void
row_add_feed(struct ui_topic *row, size_t feed)
{
	/* Feeds are added to one row at a time: grow by doubling. */
	if ((row->nfeeds & (row->nfeeds - 1)) == 0)
		row->feeds = xreallocarray(row->feeds,
		    row->nfeeds ? row->nfeeds * 2 : 1, sizeof(*row->feeds));
	row->feeds[row->nfeeds++] = feed;
}

static int
cmp_feed_url(const void *a, const void *b)
{
	const struct ui_feed *const *x = a, *const *y = b;

	return strcmp((*x)->url, (*y)->url);
}

/* The feeds sorted by URL, to match the cache's rows to the file's. */
static void
index_feeds(struct ui_topics *t)
{
	size_t i;

	t->by_url = xcalloc(t->nfeeds + 1, sizeof(*t->by_url));
	for (i = 0; i < t->nfeeds; i++)
		t->by_url[i] = &t->feeds[i];
	qsort(t->by_url, t->nfeeds, sizeof(*t->by_url), cmp_feed_url);
}

void
ui_topics_build(struct ui_topics *t, const struct feeds *f)
{
	const char **tags = NULL;
	size_t ntags = 0, i, j, k, cap = 0, tags_cap = 0;
	struct ui_topic *row;
	int tagged;

	memset(t, 0, sizeof(*t));
	t->feeds = xcalloc(f->n + 1, sizeof(*t->feeds));
	t->all_urls = xcalloc(f->n + 1, sizeof(*t->all_urls));
	for (i = 0; i < f->n; i++) {
		const struct feeds_entry *e = &f->entries[i];

		if (e->kind != FEEDS_KIND_URL)
			continue;	/* newsboat's query and exec feeds */
		t->feeds[t->nfeeds].url = e->url;
		t->feeds[t->nfeeds].override = e->title;
		t->all_urls[t->nfeeds++] = e->url;
		for (j = 0; j < e->ntags; j++) {
			for (k = 0; k < ntags; k++)
				if (strcmp(tags[k], e->tags[j]) == 0)
					break;
			if (k == ntags) {
				if (ntags == tags_cap) {
					tags_cap = tags_cap ? tags_cap * 2 : 16;
					tags = xreallocarray(tags, tags_cap,
					    sizeof(*tags));
				}
				tags[ntags++] = e->tags[j];
			}
		}
	}
	row = add_row(t, &cap, UI_TOPIC_ALL, 0, "All");
	for (i = 0; i < t->nfeeds; i++)
		row_add_feed(row, i);
	row = add_row(t, &cap, UI_TOPIC_UNREAD, 0, "Unread");
	for (i = 0; i < t->nfeeds; i++)
		row_add_feed(row, i);
	row = add_row(t, &cap, UI_TOPIC_FLAGGED, 0, "Flagged");
	for (i = 0; i < t->nfeeds; i++)
		row_add_feed(row, i);
	for (k = 0; k < ntags; k++) {
		size_t tag_row = t->nrows;

		/* A hidden tag ('!') is shown without its mark. */
		add_row(t, &cap, UI_TOPIC_TAG, 0,
		    tags[k][0] == '!' && tags[k][1] != '\0' ? tags[k] + 1 :
		    tags[k]);
		for (i = 0, j = 0; i < f->n; i++) {
			const struct feeds_entry *e = &f->entries[i];
			size_t m;

			if (e->kind != FEEDS_KIND_URL)
				continue;
			for (m = 0; m < e->ntags; m++)
				if (strcmp(e->tags[m], tags[k]) == 0)
					break;
			if (m < e->ntags) {
				row_add_feed(&t->rows[tag_row], j);
				row = add_row(t, &cap, UI_TOPIC_FEED, 1, NULL);
				row_add_feed(row, j);
			}
			j++;
		}
	}
	for (i = 0, j = 0; i < f->n; i++) {
		const struct feeds_entry *e = &f->entries[i];

		if (e->kind != FEEDS_KIND_URL)
			continue;
		tagged = e->ntags > 0;
		if (!tagged) {
			row = add_row(t, &cap, UI_TOPIC_FEED, 0, NULL);
			row_add_feed(row, j);
		}
		j++;
	}
	free(tags);
	index_feeds(t);
}

void
ui_topics_release(struct ui_topics *t)
{
	size_t i;

	for (i = 0; i < t->nrows; i++) {
		free(t->rows[i].label);
		free(t->rows[i].feeds);
	}
	for (i = 0; i < t->nfeeds; i++) {
		free(t->feeds[i].title);
		free(t->feeds[i].error);
	}
	free(t->rows);
	free(t->feeds);
	free(t->all_urls);
	free(t->by_url);
	memset(t, 0, sizeof(*t));
}

const char *
ui_feed_name(const struct ui_feed *f)
{
	if (f->override != NULL && *f->override != '\0')
		return f->override;
	if (f->title != NULL && *f->title != '\0')
		return f->title;
	return f->url;
}

const char *
ui_topic_name(const struct ui_topics *t, const struct ui_topic *row)
{
	if (row->label != NULL)
		return row->label;
	return row->nfeeds > 0 ? ui_feed_name(&t->feeds[row->feeds[0]]) : "";
}

struct ui_feed *
ui_topics_find_feed(const struct ui_topics *t, const char *url)
{
	size_t lo = 0, hi = t->nfeeds, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(t->by_url[mid]->url, url);
		if (c == 0)
			return t->by_url[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int
on_summary(void *arg, const struct cache_feed_summary *s)
{
	struct ui_topics *t = arg;
	struct ui_feed *f = ui_topics_find_feed(t, s->url);

	if (f == NULL)
		return 0;	/* in the cache, no longer in the feeds file */
	free(f->title);
	free(f->error);
	f->title = s->title != NULL ? xstrdup(s->title) : NULL;
	f->error = s->last_error != NULL ? xstrdup(s->last_error) : NULL;
	f->items = s->items;
	f->unread = s->unread;
	f->flagged = s->flagged;
	return 0;
}

int
ui_topics_count(struct ui_topics *t, struct cache *c, char **err)
{
	size_t i, j;
	int r;

	r = cache_feed_summaries(c, on_summary, t, err);
	if (r != 0)
		return -1;
	for (i = 0; i < t->nrows; i++) {
		struct ui_topic *row = &t->rows[i];

		row->unread = row->items = row->flagged = 0;
		row->failed = 0;
		for (j = 0; j < row->nfeeds; j++) {
			const struct ui_feed *f = &t->feeds[row->feeds[j]];

			row->unread += f->unread;
			row->items += f->items;
			row->flagged += f->flagged;
			row->failed |= f->error != NULL;
		}
	}
	return 0;
}

void
ui_topics_fold(struct ui_topics *t)
{
	size_t i, out = 0;

	for (i = 0; i < t->nrows; i++) {
		struct ui_topic *row = &t->rows[i];
		const struct ui_topic *tag = out > 0 ? &t->rows[out - 1] : NULL;

		/* A tag holding one feed of its own name: one row, not two. */
		if (row->kind == UI_TOPIC_FEED && row->depth == 1 &&
		    tag != NULL && tag->kind == UI_TOPIC_TAG &&
		    tag->nfeeds == 1 && tag->feeds[0] == row->feeds[0] &&
		    strcasecmp(tag->label, ui_feed_name(
		    &t->feeds[row->feeds[0]])) == 0) {
			free(row->label);
			free(row->feeds);
			continue;
		}
		t->rows[out++] = *row;
	}
	t->nrows = out;
}

void
ui_topic_query(const struct ui_topics *t, const struct ui_topic *row,
    const char ***urls, size_t *nurls, int *flags)
{
	size_t i;

	*urls = xcalloc(row->nfeeds + 1, sizeof(**urls));
	for (i = 0; i < row->nfeeds; i++)
		(*urls)[i] = t->feeds[row->feeds[i]].url;
	*nurls = row->nfeeds;
	*flags = row->kind == UI_TOPIC_UNREAD ? CACHE_ONLY_UNREAD :
	    row->kind == UI_TOPIC_FLAGGED ? CACHE_ONLY_FLAGGED : 0;
}
