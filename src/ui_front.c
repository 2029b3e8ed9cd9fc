/*
 * The front page's model (ui_priv.h): one box per topic (each tag, and
 * each feed with no tag), holding the ids of its newest headlines, read
 * when the box is first drawn: a few rows of the index per box, however
 * large the cache.
 */
#include "ui_priv.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

void
ui_front_release(struct ui_front *f)
{
	free(f->boxes);
	memset(f, 0, sizeof(*f));
}

void
ui_front_build(struct ui *ui)
{
	struct ui_front *f = &ui->front;
	size_t i, n = 0;

	ui_front_release(f);
	f->boxes = xcalloc(ui->topics.nrows + 1, sizeof(*f->boxes));
	for (i = 0; i < ui->topics.nrows; i++) {
		const struct ui_topic *t = &ui->topics.rows[i];

		if (t->kind == UI_TOPIC_TAG ||
		    (t->kind == UI_TOPIC_FEED && t->depth == 0))
			f->boxes[n++].topic = i;
	}
	f->nboxes = n;
}

int
ui_front_load(struct ui *ui, size_t box)
{
	struct ui_front_box *b = &ui->front.boxes[box];
	struct cache_pos pos[50];
	struct cache_query q;
	const char **urls;
	size_t nurls, per, i;
	char *err = NULL;
	long got;
	int flags;

	if (b->loaded)
		return 0;
	b->loaded = 1;
	per = (size_t)ui->ctx->config.front_page_headlines;
	if (per > sizeof(pos) / sizeof(pos[0]))
		per = sizeof(pos) / sizeof(pos[0]);
	ui_topic_query(&ui->topics, &ui->topics.rows[b->topic], &urls,
	    &nurls, &flags);
	memset(&q, 0, sizeof(q));
	q.flags = flags;
	q.feed_urls = urls;
	q.nfeed_urls = nurls;
	got = nurls > 0 ? cache_list_positions(ui->cache, &q, NULL, pos, per,
	    &err) : 0;
	free(urls);
	if (got < 0) {
		ui_problem(ui, err);
		free(err);
		return -1;
	}
	for (i = 0; i < (size_t)got; i++)
		b->ids[i] = pos[i].id;
	b->n = (size_t)got;
	return 0;
}
