/*
 * The reader's model (ui_priv.h): one story, read from the cache when it
 * is opened and laid out by the renderer for the pane's width, the
 * same code `telex render` prints with. The head (title, source,
 * author, date, link) is laid out apart from the body, so its text is
 * never confused with the story's links.
 *
 * Which text: the article kept from the story's page when there is one
 * (so it reads offline), else the feed's content, else its summary;
 * `t` (toggle-text) switches between the page's and the feed's.
 */
#include "ui_priv.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xalloc.h"
#include "banned.h"

void
ui_reader_init(struct ui_reader *r)
{
	memset(r, 0, sizeof(*r));
}

void
ui_reader_release(struct ui_reader *r)
{
	cache_story_release(&r->story);
	render_doc_release(&r->head);
	render_doc_release(&r->body);
	memset(r, 0, sizeof(*r));
}

/* Text as HTML character data. */
static void
escape(struct buf *out, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '&': buf_append_str(out, "&amp;"); break;
		case '<': buf_append_str(out, "&lt;"); break;
		case '>': buf_append_str(out, "&gt;"); break;
		case '"': buf_append_str(out, "&quot;"); break;
		default: buf_append_char(out, *s); break;
		}
	}
}

static void
meta_line(struct buf *h, const char *label, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	buf_append_str(h, label);
	escape(h, value);
	buf_append_str(h, "<br>");
}

static int
nonblank(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 1;
	return 0;
}

const char *
ui_reader_html(const struct ui_reader *r, const char **base)
{
	const struct cache_story *s = &r->story;

	*base = s->link;
	if (!r->feed_text && nonblank(s->article))
		return s->article;
	if (nonblank(s->content))
		return s->content;
	if (nonblank(s->summary))
		return s->summary;
	return r->feed_text || s->article == NULL ? NULL : s->article;
}

static void
layout_head(struct ui *ui, struct ui_reader *r, int width)
{
	const struct cache_story *s = &r->story;
	const struct ui_feed *f = ui_topics_find_feed(&ui->topics,
	    s->feed_url);
	struct buf h = BUF_INIT;
	char date[64];
	struct tm tm;
	time_t t;
	size_t i;

	buf_append_str(&h, "<p>");
	escape(&h, nonblank(s->title) ? s->title : "(untitled)");
	buf_append_str(&h, "</p><p>");
	meta_line(&h, "Feed: ", f != NULL ? ui_feed_name(f) :
	    s->feed_title != NULL ? s->feed_title : s->feed_url);
	meta_line(&h, "Author: ", s->author);
	if (s->date > 0) {
		t = (time_t)s->date;
		if (localtime_r(&t, &tm) != NULL &&
		    strftime(date, sizeof(date), "%a, %d %b %Y %H:%M %Z",
		    &tm) > 0)
			meta_line(&h, "Date: ", date);
	}
	meta_line(&h, "Link: ", s->link);
	if (s->ncategories > 0) {
		struct buf c = BUF_INIT;

		for (i = 0; i < s->ncategories; i++)
			buf_printf(&c, "%s%s", i ? ", " : "", s->categories[i]);
		meta_line(&h, "Tags: ", c.ptr);
		buf_release(&c);
	}
	if (!r->feed_text && nonblank(s->article))
		meta_line(&h, "Text: ", "the full article, kept from its page "
		    "(t: the feed's text)");
	else if (r->feed_text && nonblank(s->article))
		meta_line(&h, "Text: ", "the feed's (t: the full article)");
	else if (s->article_error != NULL)
		meta_line(&h, "Text: ", "the feed's; the page could not be "
		    "kept");
	buf_append_str(&h, "</p><hr>");
	render_html(h.ptr, h.len, NULL, width, &r->head);
	buf_release(&h);
}

static void
layout_body(struct ui_reader *r, int width)
{
	const struct cache_story *s = &r->story;
	struct buf b = BUF_INIT;
	const char *html, *base;
	size_t i;

	html = ui_reader_html(r, &base);
	if (html != NULL)
		buf_append_str(&b, html);
	else
		buf_append_str(&b, "<p><i>This story has no text; "
		    "o opens its link.</i></p>");
	if (s->nenclosures > 0) {
		buf_append_str(&b, "<p>Attached:</p><ul>");
		for (i = 0; i < s->nenclosures; i++) {
			buf_append_str(&b, "<li><a href=\"");
			escape(&b, s->enclosures[i].url);
			buf_append_str(&b, "\">");
			escape(&b, s->enclosures[i].url);
			buf_append_str(&b, "</a>");
			if (s->enclosures[i].type != NULL) {
				buf_append_str(&b, " (");
				escape(&b, s->enclosures[i].type);
				buf_append_str(&b, ")");
			}
			buf_append_str(&b, "</li>");
		}
		buf_append_str(&b, "</ul>");
	}
	render_html(b.ptr, b.len, base, width, &r->body);
	buf_release(&b);
}

int
ui_reader_show(struct ui *ui, int64_t id, int width)
{
	struct ui_reader *r = &ui->reader;
	char *err = NULL;
	int got;

	if (id == r->id && width == r->width && id != 0)
		return 0;
	if (id != r->id) {
		cache_story_release(&r->story);
		r->top = 0;
		r->feed_text = 0;
		r->id = 0;
		got = cache_story_get(ui->cache, id, &r->story, &err);
		if (got != 0) {
			if (err != NULL)
				ui_problem(ui, err);
			free(err);
			render_doc_release(&r->head);
			render_doc_release(&r->body);
			return -1;
		}
		r->id = id;
	}
	render_doc_release(&r->head);
	render_doc_release(&r->body);
	r->width = width;
	layout_head(ui, r, width);
	layout_body(r, width);
	if (r->top >= ui_reader_lines(r))
		r->top = ui_reader_lines(r) > 0 ? ui_reader_lines(r) - 1 : 0;
	return 0;
}

/* Lay the story out again (toggle-text, a mark changed). */
void
ui_reader_forget(struct ui_reader *r)
{
	r->width = 0;
}

size_t
ui_reader_lines(const struct ui_reader *r)
{
	/* A blank line between the head and the body. */
	return r->head.nlines + 1 + r->body.nlines;
}

const struct render_line *
ui_reader_line(const struct ui_reader *r, size_t i, int *in_head)
{
	static const struct render_line blank = { "", 0, 0, NULL, 0, 0 };

	*in_head = i < r->head.nlines;
	if (i < r->head.nlines)
		return &r->head.lines[i];
	if (i == r->head.nlines)
		return &blank;
	i -= r->head.nlines + 1;
	return i < r->body.nlines ? &r->body.lines[i] : NULL;
}
