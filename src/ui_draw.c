/*
 * Painting the screen (ui_priv.h): the only module that draws. It reads
 * the model and the rows it shows, nothing more, so a redraw costs the
 * same with ten stories or a million. Text is clipped by display width
 * (wcwidth.h), never cutting a character; everything drawn went through
 * text_safe or the renderer first, and is checked again here for
 * control characters, so no byte from a feed can reach the terminal as
 * a control sequence.
 */
#include "ui_priv.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "wcwidth.h"
#include "banned.h"

/* Widths at which the layout changes. */
#define WIDE 140
#define MEDIUM 80
/* The reader's text is easier to read at a bounded width. */
#define READER_MAX_WIDTH 100

static int
clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void
ui_layout(struct ui *ui)
{
	int h = LINES - 2, w = COLS, tw, hw;
	struct ui_rect *p = ui->pane;
	int i;

	for (i = 0; i < UI_NPANES; i++)
		memset(&p[i], 0, sizeof(p[i]));
	if (h < 1)
		h = 1;
	for (i = 0; i < UI_NPANES; i++) {
		p[i].y = 1;
		p[i].h = h;
	}
	if (w >= WIDE) {
		tw = clamp(w / 6, 20, 32);
		hw = (w - tw - 2) * 2 / 5;
		p[UI_TOPICS] = (struct ui_rect){ 1, 0, h, tw, 1 };
		p[UI_HEADLINES] = (struct ui_rect){ 1, tw + 1, h, hw, 1 };
		p[UI_READER] = (struct ui_rect){ 1, tw + hw + 2, h,
		    w - tw - hw - 2, 1 };
		ui->shown_left = UI_TOPICS;
	} else if (w >= MEDIUM) {
		if (ui->focus == UI_READER) {
			hw = clamp(w * 2 / 5, 30, w - 41);
			p[UI_HEADLINES] = (struct ui_rect){ 1, 0, h, hw, 1 };
			p[UI_READER] = (struct ui_rect){ 1, hw + 1, h,
			    w - hw - 1, 1 };
			ui->shown_left = UI_HEADLINES;
		} else {
			tw = clamp(w / 4, 20, 32);
			p[UI_TOPICS] = (struct ui_rect){ 1, 0, h, tw, 1 };
			p[UI_HEADLINES] = (struct ui_rect){ 1, tw + 1, h,
			    w - tw - 1, 1 };
			ui->shown_left = UI_TOPICS;
		}
	} else {
		p[ui->focus] = (struct ui_rect){ 1, 0, h, w, 1 };
		ui->shown_left = ui->focus;
	}
}

int
ui_list_height(const struct ui *ui)
{
	int h = ui->pane[UI_HEADLINES].h;

	return h > 0 ? h : LINES - 2 > 0 ? LINES - 2 : 1;
}

int
ui_reader_height(const struct ui *ui)
{
	int h = ui->pane[UI_READER].h;

	return h > 0 ? h : LINES - 2 > 0 ? LINES - 2 : 1;
}

int
ui_reader_width(const struct ui *ui)
{
	int w = ui->pane[UI_READER].shown ? ui->pane[UI_READER].w : COLS;

	return clamp(w - 2, RENDER_WIDTH_MIN, READER_MAX_WIDTH);
}

int
ui_pane_at(const struct ui *ui, int y, int x)
{
	int i;

	for (i = 0; i < UI_NPANES; i++) {
		const struct ui_rect *p = &ui->pane[i];

		if (p->shown && y >= p->y && y < p->y + p->h && x >= p->x &&
		    x < p->x + p->w)
			return i;
	}
	return -1;
}

/*
 * Draw s[0..len) at (y, x) in at most w columns; returns the columns
 * used. A character that would not fit whole is left out; a control
 * character (none should come this far) is skipped.
 */
static int
draw_text(struct ui *ui, int y, int x, int w, const char *s, size_t len,
    attr_t a)
{
	size_t i = 0, n, start = 0;
	unsigned long cp;
	int used = 0, cw, at = x;

	if (w <= 0 || s == NULL)
		return 0;
	attrset(a);
	move(y, x);
	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		cw = wcwidth_of(cp);
		if (cw < 0 || cp == 0xFFFD || (!ui->utf8 && cp > 0x7f)) {
			/* Flush what came before, then this one, replaced. */
			if (i > start)
				addnstr(s + start, (int)(i - start));
			if (cw >= 0 || cp == 0xFFFD) {
				cw = cw > 0 ? cw : 1;
				if (used + cw > w)
					break;
				addnstr(ui->utf8 ? "\xef\xbf\xbd" : "??",
				    ui->utf8 ? 3 : cw);
				used += cw;
			}
			i += n;
			start = i;
			continue;
		}
		if (used + cw > w)
			break;
		used += cw;
		i += n;
	}
	if (i > start)
		addnstr(s + start, (int)(i - start));
	/* Our width table and the terminal's may differ: place what follows
	 * by our count, so columns stay aligned. */
	move(y, at + used);
	return used;
}

static int
draw_str(struct ui *ui, int y, int x, int w, const char *s, attr_t a)
{
	return draw_text(ui, y, x, w, s, s != NULL ? strlen(s) : 0, a);
}

static void
fill(int y, int x, int w, attr_t a)
{
	attrset(a);
	if (w > 0)
		mvhline(y, x, ' ', w);
}

static attr_t
sel_style(const struct ui *ui, enum ui_pane pane)
{
	return ui->style[ui->focus == pane ? THEME_SELECTION :
	    THEME_SELECTION_UNFOCUSED];
}

static void
draw_topics(struct ui *ui)
{
	const struct ui_rect *p = &ui->pane[UI_TOPICS];
	struct ui_topics *t = &ui->topics;
	char count[32];
	size_t i;
	int y, cw, indent;

	if (ui->topic_sel < ui->topic_top)
		ui->topic_top = ui->topic_sel;
	if (ui->topic_sel >= ui->topic_top + (size_t)p->h)
		ui->topic_top = ui->topic_sel - (size_t)p->h + 1;
	for (y = 0; y < p->h; y++) {
		const struct ui_topic *row;
		attr_t a;

		i = ui->topic_top + (size_t)y;
		fill(p->y + y, p->x, p->w, ui->style[THEME_TOPIC]);
		if (i >= t->nrows)
			continue;
		row = &t->rows[i];
		if (row->kind != UI_TOPIC_TAG && row->kind != UI_TOPIC_FEED)
			a = ui->style[THEME_TOPIC_HEADER];
		else if (row->failed && row->kind == UI_TOPIC_FEED)
			a = ui->style[THEME_FEED_ERROR];
		else if (row->unread > 0)
			a = ui->style[THEME_TOPIC_UNREAD];
		else
			a = ui->style[row->depth > 0 ? THEME_FEED :
			    THEME_TOPIC];
		if (i == ui->topic_sel) {
			a = sel_style(ui, UI_TOPICS);
			fill(p->y + y, p->x, p->w, a);
		}
		count[0] = '\0';
		if (row->kind == UI_TOPIC_FLAGGED)
			snprintf(count, sizeof(count), " %lld",
			    (long long)row->flagged);
		else if (row->unread > 0)
			snprintf(count, sizeof(count), " %lld",
			    (long long)row->unread);
		cw = (int)strlen(count);
		indent = 1 + row->depth * 2;
		draw_str(ui, p->y + y, p->x + indent, p->w - indent - cw - 1,
		    ui_topic_name(t, row), a);
		if (cw > 0 && cw < p->w)
			draw_str(ui, p->y + y, p->x + p->w - cw - 1, cw,
			    count, a);
	}
}

static void
format_date(int64_t date, char *out, size_t size)
{
	time_t t = (time_t)date, now = time(NULL);
	struct tm tm, today;

	out[0] = '\0';
	if (date <= 0 || localtime_r(&t, &tm) == NULL ||
	    localtime_r(&now, &today) == NULL)
		return;
	if (tm.tm_year == today.tm_year && tm.tm_yday == today.tm_yday)
		strftime(out, size, "%H:%M", &tm);
	else if (tm.tm_year == today.tm_year)
		strftime(out, size, "%b %d", &tm);
	else
		strftime(out, size, "%Y-%m-%d", &tm);
}

static void
draw_headlines(struct ui *ui)
{
	const struct ui_rect *p = &ui->pane[UI_HEADLINES];
	struct ui_list *l = &ui->list;
	size_t n = ui_list_length(l), i;
	int y, x, srcw, many = l->nurls != 1 || l->searching;
	char date[32];

	if (l->sel >= l->top + (size_t)p->h)
		l->top = l->sel - (size_t)p->h + 1;
	if (l->top > l->sel)
		l->top = l->sel;
	srcw = many && p->w >= 60 ? clamp(p->w / 5, 10, 24) : 0;
	for (y = 0; y < p->h; y++) {
		const struct ui_row *row;
		attr_t a, base;
		int64_t id;
		char flags[4];

		i = l->top + (size_t)y;
		fill(p->y + y, p->x, p->w, ui->style[THEME_HEADLINE]);
		if (i >= n) {
			if (n == 0 && y == 0)
				draw_str(ui, p->y, p->x + 2, p->w - 2,
				    l->searching ? "No story matches." :
				    (l->flags & CACHE_ONLY_UNREAD) ?
				    "No unread stories." : "No stories yet.",
				    ui->style[THEME_HEADLINE_DATE]);
			continue;
		}
		id = ui_list_id(l, ui->cache, i);
		row = ui_row_get(ui, id);
		if (row == NULL)
			continue;
		base = ui->style[row->flagged ? THEME_HEADLINE_FLAGGED :
		    row->saved ? THEME_HEADLINE_SAVED : row->unread ?
		    THEME_HEADLINE_UNREAD : THEME_HEADLINE];
		if (row->unread && (row->flagged || row->saved))
			base |= ui->style[THEME_HEADLINE_UNREAD] & A_BOLD;
		a = i == l->sel ? sel_style(ui, UI_HEADLINES) : base;
		if (i == l->sel)
			fill(p->y + y, p->x, p->w, a);
		flags[0] = row->unread ? 'N' : ' ';
		flags[1] = row->flagged ? '!' : ' ';
		flags[2] = row->saved ? 'S' : ' ';
		flags[3] = '\0';
		x = p->x + 1;
		x += draw_str(ui, p->y + y, x, 3, flags, a) + 1;
		format_date(row->date, date, sizeof(date));
		draw_str(ui, p->y + y, x, 10, date, i == l->sel ? a :
		    ui->style[THEME_HEADLINE_DATE]);
		x += 11;
		draw_str(ui, p->y + y, x, p->x + p->w - x - srcw -
		    (srcw ? 2 : 1), row->title, a | (base & A_BOLD));
		if (srcw > 0)
			draw_str(ui, p->y + y, p->x + p->w - srcw - 1, srcw,
			    row->feed_title, i == l->sel ? a :
			    ui->style[THEME_HEADLINE_SOURCE]);
	}
}

/* The style of a rendered span. */
static attr_t
span_style(const struct ui *ui, unsigned attr, int link)
{
	attr_t a;

	if (attr & RENDER_HEADING)
		a = ui->style[THEME_READER_HEADING];
	else if (link && (attr & RENDER_DIM))
		a = ui->style[THEME_READER_LINK_NUMBER];
	else if (link)
		a = ui->style[THEME_READER_LINK];
	else if (attr & RENDER_CODE)
		a = ui->style[THEME_READER_CODE];
	else if (attr & RENDER_QUOTE)
		a = ui->style[THEME_READER_QUOTE];
	else if (attr & RENDER_DIM)
		a = ui->style[THEME_READER_DIM];
	else if (attr & RENDER_BOLD)
		a = ui->style[THEME_READER_BOLD];
	else if (attr & RENDER_ITALIC)
		a = ui->style[THEME_READER_ITALIC];
	else if (attr & RENDER_UNDERLINE)
		a = ui->style[THEME_READER_UNDERLINE];
	else
		a = ui->style[THEME_READER_TEXT];
	if (attr & RENDER_BOLD)
		a |= A_BOLD;
	if (attr & RENDER_ITALIC)
		a |= A_ITALIC;
	if (attr & RENDER_UNDERLINE)
		a |= A_UNDERLINE;
	return a;
}

static void
draw_reader(struct ui *ui)
{
	const struct ui_rect *p = &ui->pane[UI_READER];
	struct ui_reader *r = &ui->reader;
	size_t i, nlines, k;
	int y, x, in_head, title = 1;

	for (y = 0; y < p->h; y++)
		fill(p->y + y, p->x, p->w, ui->style[THEME_READER_TEXT]);
	if (r->id == 0) {
		draw_str(ui, p->y, p->x + 1, p->w - 1,
		    ui_list_length(&ui->list) > 0 ? "" : "Nothing to read.",
		    ui->style[THEME_READER_DIM]);
		return;
	}
	nlines = ui_reader_lines(r);
	/* The head's first block is the title; a blank line ends it. */
	for (i = 0; i < r->top && i < r->head.nlines; i++)
		if (r->head.lines[i].len == 0)
			title = 0;
	for (y = 0; y < p->h; y++) {
		const struct render_line *line;

		i = r->top + (size_t)y;
		if (i >= nlines)
			break;
		line = ui_reader_line(r, i, &in_head);
		if (line == NULL)
			break;
		x = p->x + 1;
		if (in_head) {
			if (line->len == 0)
				title = 0;
			draw_text(ui, p->y + y, x, p->w - 2, line->text,
			    line->len, ui->style[title ? THEME_READER_TITLE :
			    THEME_READER_META]);
			continue;
		}
		for (k = 0; k < line->nspans; k++) {
			const struct render_span *s = &line->spans[k];

			x += draw_text(ui, p->y + y, x, p->x + p->w - 1 - x,
			    line->text + s->start, s->len,
			    span_style(ui, s->attr, s->link));
		}
	}
}

static void
draw_borders(struct ui *ui)
{
	int i, y;

	attrset(ui->style[THEME_BORDER]);
	for (i = 0; i < UI_NPANES; i++) {
		const struct ui_rect *p = &ui->pane[i];

		if (!p->shown || p->x + p->w >= COLS)
			continue;
		for (y = 0; y < p->h; y++)
			mvaddstr(p->y + y, p->x + p->w, ui->utf8 ? "│" : "|");
	}
}

/* A box of lines over the panes: help, links, messages. */
static void
draw_lines_overlay(struct ui *ui, const char *heading,
    void (*line)(struct ui *ui, size_t i, int y, int w, attr_t a),
    size_t n)
{
	int h = LINES - 2, y;
	size_t i;

	if (h < 2)
		return;
	if (ui->overlay_sel >= n)
		ui->overlay_sel = n > 0 ? n - 1 : 0;
	if (ui->overlay_sel < ui->overlay_top)
		ui->overlay_top = ui->overlay_sel;
	if (ui->overlay_sel >= ui->overlay_top + (size_t)(h - 1))
		ui->overlay_top = ui->overlay_sel - (size_t)(h - 1) + 1;
	fill(1, 0, COLS, ui->style[THEME_FRONT_TITLE]);
	draw_str(ui, 1, 1, COLS - 2, heading, ui->style[THEME_FRONT_TITLE]);
	for (y = 1; y < h; y++) {
		attr_t a = ui->style[THEME_READER_TEXT];

		i = ui->overlay_top + (size_t)(y - 1);
		fill(1 + y, 0, COLS, a);
		if (i >= n)
			continue;
		if (i == ui->overlay_sel && ui->overlay != UI_OVERLAY_HELP) {
			a = ui->style[THEME_SELECTION];
			fill(1 + y, 0, COLS, a);
		}
		line(ui, i, 1 + y, COLS, a);
	}
}

static void
help_line(struct ui *ui, size_t i, int y, int w, attr_t a)
{
	struct buf keys = BUF_INIT;
	int kw = 22, cw = 24;

	if (keymap_keys_of(&ui->keys, (int)i, " ", &keys) == 0)
		buf_append_str(&keys, "(unbound)");
	draw_str(ui, y, 2, kw - 1, keys.ptr,
	    ui->style[THEME_HELP_KEY] | (a & A_REVERSE));
	draw_str(ui, y, 2 + kw, cw - 1, ui_command_name(i),
	    ui->style[THEME_HELP_COMMAND] | (a & A_REVERSE));
	draw_str(ui, y, 2 + kw + cw, w - 3 - kw - cw, ui_command_help(i), a);
	buf_release(&keys);
}

static void
link_line(struct ui *ui, size_t i, int y, int w, attr_t a)
{
	const struct render_doc *d = &ui->reader.body;
	char num[24];
	int nw;

	snprintf(num, sizeof(num), "[%zu]", i + 1);
	nw = draw_str(ui, y, 2, 8, num, a);
	(void)nw;
	draw_str(ui, y, 9, w - 10, d->links[i], a);
}

static void
message_line(struct ui *ui, size_t i, int y, int w, attr_t a)
{
	draw_str(ui, y, 1, w - 2, ui->messages[i], a);
}

static void
draw_front(struct ui *ui)
{
	struct ui_front *f = &ui->front;
	int per = ui->ctx->config.front_page_headlines;
	int boxh = per + 2, cols, boxw, rows, gy, gx, y;
	size_t b, k;

	for (y = 1; y < LINES - 1; y++)
		fill(y, 0, COLS, ui->style[THEME_READER_TEXT]);
	if (f->nboxes == 0) {
		draw_str(ui, 1, 1, COLS - 2, "No topics yet.",
		    ui->style[THEME_READER_DIM]);
		return;
	}
	cols = clamp(COLS / 44, 1, 6);
	boxw = COLS / cols;
	rows = (LINES - 2) / boxh;
	if (rows < 1)
		rows = 1;
	f->columns = cols;
	if (f->sel / (size_t)cols < f->top)
		f->top = f->sel / (size_t)cols;
	if (f->sel / (size_t)cols >= f->top + (size_t)rows)
		f->top = f->sel / (size_t)cols - (size_t)rows + 1;
	for (b = f->top * (size_t)cols; b < f->nboxes &&
	    b < (f->top + (size_t)rows) * (size_t)cols; b++) {
		const struct ui_topic *t = &ui->topics.rows[f->boxes[b].topic];

		gy = 1 + (int)(b / (size_t)cols - f->top) * boxh;
		gx = (int)(b % (size_t)cols) * boxw;
		ui_front_load(ui, b);
		draw_str(ui, gy, gx + 1, boxw - 2, ui_topic_name(&ui->topics,
		    t), ui->style[THEME_FRONT_TITLE]);
		for (k = 0; k < f->boxes[b].n && (int)k < per; k++) {
			const struct ui_row *row = ui_row_get(ui,
			    f->boxes[b].ids[k]);
			attr_t a;

			if (row == NULL)
				continue;
			a = ui->style[row->unread ? THEME_HEADLINE_UNREAD :
			    THEME_HEADLINE];
			if (b == f->sel && k == f->row) {
				a = ui->style[THEME_SELECTION];
				fill(gy + 1 + (int)k, gx, boxw - 1, a);
			}
			draw_str(ui, gy + 1 + (int)k, gx + 1, boxw - 3,
			    row->title, a);
		}
		if (f->boxes[b].n == 0)
			draw_str(ui, gy + 1, gx + 1, boxw - 3, "(no stories)",
			    ui->style[THEME_READER_DIM]);
	}
}

static void
draw_title(struct ui *ui)
{
	struct buf *b = &ui->scratch;
	char right[64];
	int rw;

	buf_reset(b);
	buf_append_str(b, "telex");
	if (ui->ctx->demo)
		buf_append_str(b, " (demo)");
	switch (ui->overlay) {
	case UI_OVERLAY_HELP: buf_append_str(b, " › Help"); break;
	case UI_OVERLAY_LINKS: buf_append_str(b, " › Links"); break;
	case UI_OVERLAY_FRONT: buf_append_str(b, " › Front page"); break;
	case UI_OVERLAY_MESSAGES: buf_append_str(b, " › Messages"); break;
	default:
		if (ui->list.title != NULL && *ui->list.title != '\0')
			buf_printf(b, " › %s", ui->list.title);
		if ((ui->list.flags & CACHE_ONLY_UNREAD) &&
		    ui->list.title != NULL &&
		    strcmp(ui->list.title, "Unread") != 0)
			buf_append_str(b, " (unread only)");
		break;
	}
	snprintf(right, sizeof(right), "%lld unread",
	    ui->topics.nrows > 0 ? (long long)ui->topics.rows[0].unread : 0LL);
	fill(0, 0, COLS, ui->style[THEME_TITLE]);
	rw = (int)strlen(right);
	draw_str(ui, 0, 1, COLS - rw - 3, b->ptr, ui->style[THEME_TITLE]);
	if (rw + 2 < COLS)
		draw_str(ui, 0, COLS - rw - 1, rw, right,
		    ui->style[THEME_TITLE]);
}

static void
draw_status(struct ui *ui)
{
	struct buf *b = &ui->scratch;
	int y = LINES - 1, x, bar, done;
	const struct refresh_stats *s = &ui->refresh.stats;

	fill(y, 0, COLS, ui->style[THEME_STATUS]);
	if (ui->prompt != UI_PROMPT_NONE) {
		x = draw_str(ui, y, 0, COLS - 1, ui->prompt_label,
		    ui->style[THEME_PROMPT]);
		/* Keep the end of a long answer in view. */
		{
			const char *t = ui->prompt_text.ptr;
			int room = COLS - x - 1;

			while (utf8_width(t, strlen(t)) > room && *t != '\0') {
				unsigned long cp;
				t += utf8_decode(t, strlen(t), &cp);
			}
			x += draw_str(ui, y, x, room, t,
			    ui->style[THEME_PROMPT]);
		}
		move(y, x);
		return;
	}
	x = 0;
	if (ui->refreshing) {
		char prog[96];
		int pw;

		snprintf(prog, sizeof(prog), " %zu/%zu feeds, %zu new%s ",
		    s->done, s->queued, s->added,
		    s->failed ? ", some failed" : "");
		bar = clamp(COLS / 5, 10, 30);
		done = s->queued > 0 ? (int)((size_t)bar * s->done / s->queued) :
		    0;
		pw = (int)strlen(prog);
		if (bar + pw + 10 < COLS) {
			x = COLS - bar - pw - 2;
			attrset(ui->style[THEME_STATUS_PROGRESS]);
			mvhline(y, x, ' ', done);
			attrset(ui->style[THEME_STATUS]);
			mvhline(y, x + done, ui->utf8 ? ACS_CKBOARD : '.',
			    bar - done);
			draw_str(ui, y, x + bar, pw, prog,
			    ui->style[THEME_STATUS]);
		}
	}
	if (ui->status.len > 0) {
		draw_str(ui, y, 1, (x ? x : COLS) - 2, ui->status.ptr,
		    ui->style[ui->status_error ? THEME_STATUS_ERROR :
		    THEME_STATUS]);
		return;
	}
	buf_reset(b);
	if (ui->overlay == UI_OVERLAY_NONE && ui->focus == UI_READER &&
	    ui->reader.id != 0) {
		size_t n = ui_reader_lines(&ui->reader);
		size_t end = ui->reader.top + (size_t)ui_reader_height(ui);

		buf_printf(b, "%zu/%zu  %d%%", ui->list.sel + 1,
		    ui_list_length(&ui->list), n == 0 ? 100 :
		    (int)((end > n ? n : end) * 100 / n));
		buf_append_str(b, "   o:browser s:save u:links q:back ?:help");
	} else if (ui->overlay == UI_OVERLAY_NONE) {
		buf_printf(b, "%zu stories", ui_list_length(&ui->list));
		buf_append_str(b, "   ENTER:open r:reload f:front page "
		    "/:search q:quit ?:help");
	} else {
		buf_append_str(b, "q:close");
	}
	draw_str(ui, y, 1, (x ? x : COLS) - 2, b->ptr,
	    ui->style[THEME_STATUS]);
}

void
ui_draw(struct ui *ui)
{
	erase();
	ui_layout(ui);
	if (COLS < 20 || LINES < 4) {
		draw_str(ui, 0, 0, COLS, "telex: the window is too small",
		    A_NORMAL);
		refresh();
		return;
	}
	draw_title(ui);
	switch (ui->overlay) {
	case UI_OVERLAY_HELP:
		draw_lines_overlay(ui, "Keys (bind KEY COMMAND in the config "
		    "changes them)", help_line, ui_command_count());
		break;
	case UI_OVERLAY_LINKS:
		draw_lines_overlay(ui, "Links (ENTER opens, y copies)",
		    link_line, ui->reader.body.nlinks);
		break;
	case UI_OVERLAY_MESSAGES:
		draw_lines_overlay(ui, "Messages", message_line,
		    ui->nmessages);
		break;
	case UI_OVERLAY_FRONT:
		draw_front(ui);
		break;
	default:
		if (ui->pane[UI_READER].shown && ui->focus != UI_READER) {
			/* Wide enough to show the selected story beside. */
			int64_t id = ui_list_id(&ui->list, ui->cache,
			    ui->list.sel);

			if (id == 0) {
				ui_reader_release(&ui->reader);
			} else {
				ui_reader_show(ui, id, ui_reader_width(ui));
			}
		}
		if (ui->pane[UI_TOPICS].shown)
			draw_topics(ui);
		if (ui->pane[UI_HEADLINES].shown)
			draw_headlines(ui);
		if (ui->pane[UI_READER].shown)
			draw_reader(ui);
		draw_borders(ui);
		break;
	}
	draw_status(ui);
	curs_set(ui->prompt != UI_PROMPT_NONE ? 1 : 0);
	refresh();
}
