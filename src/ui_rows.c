/*
 * Headlines as the list draws them, cached by story id (ui_priv.h). A
 * screen shows some fifty rows; a direct-mapped cache of 256 keeps a
 * redraw from reading the cache again, and a mark changed forgets the
 * one row it touched. Text is made safe for the terminal here, once.
 */
#include "ui_priv.h"

#include <stdlib.h>
#include <string.h>

#include "text_safe.h"
#include "xalloc.h"
#include "banned.h"

static char *
safe_dup(const char *s)
{
	struct buf b = BUF_INIT;

	if (s == NULL)
		return NULL;
	text_safe_append(&b, s, strlen(s));
	return buf_detach(&b, NULL);
}

static void
row_clear(struct ui_row *r)
{
	free(r->title);
	free(r->feed_title);
	free(r->link);
	memset(r, 0, sizeof(*r));
}

struct fill {
	struct ui *ui;
	struct ui_row *row;
};

static void
on_headline(void *arg, const struct cache_headline *h)
{
	struct fill *fill = arg;
	struct ui_row *r = fill->row;
	const struct ui_feed *f = ui_topics_find_feed(&fill->ui->topics,
	    h->feed_url);

	r->id = h->id;
	r->title = safe_dup(h->title != NULL && *h->title != '\0' ?
	    h->title : "(untitled)");
	/* The feeds file's "~Title" wins over the feed's own. */
	r->feed_title = safe_dup(f != NULL ? ui_feed_name(f) :
	    h->feed_title != NULL ? h->feed_title : h->feed_url);
	r->link = h->link != NULL ? xstrdup(h->link) : NULL;
	r->date = h->date;
	r->unread = h->unread;
	r->flagged = h->flagged;
	r->saved = h->saved;
}

const struct ui_row *
ui_row_get(struct ui *ui, int64_t id)
{
	struct ui_row *r = &ui->rows[(uint64_t)id % UI_ROW_CACHE];
	struct fill fill = { ui, r };
	char *err = NULL;

	if (id <= 0)
		return NULL;
	if (r->id == id)
		return r;
	row_clear(r);
	if (cache_headline_get(ui->cache, id, on_headline, &fill, &err) != 0) {
		if (err != NULL)
			ui_problem(ui, err);
		free(err);
		row_clear(r);
		return NULL;
	}
	return r;
}

void
ui_row_forget(struct ui *ui, int64_t id)
{
	size_t i;

	if (id != 0) {
		if (ui->rows[(uint64_t)id % UI_ROW_CACHE].id == id)
			row_clear(&ui->rows[(uint64_t)id % UI_ROW_CACHE]);
		return;
	}
	for (i = 0; i < UI_ROW_CACHE; i++)
		row_clear(&ui->rows[i]);
}
