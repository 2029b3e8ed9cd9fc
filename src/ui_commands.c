/*
 * The interface's commands (ui_priv.h): one table of named commands,
 * each with its help line and handler. The default keys are bind lines
 * read through the same parser as the config's, and the help screen is
 * this table with the keys bound to each, so neither can drift from
 * what the keys do.
 */
#include "ui_priv.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

static const struct command {
	const char *name;
	ui_command_fn *run;
	const char *help;
} commands[] = {
	{ "up", ui_cmd_up, "move up a line" },
	{ "down", ui_cmd_down, "move down a line" },
	{ "page-up", ui_cmd_page_up, "move up a page" },
	{ "page-down", ui_cmd_page_down, "move down a page" },
	{ "top", ui_cmd_top, "go to the first line" },
	{ "bottom", ui_cmd_bottom, "go to the last line" },
	{ "open", ui_cmd_open, "open the topic, story or link selected" },
	{ "back", ui_cmd_back, "go back a pane, close a view" },
	{ "quit", ui_cmd_quit, "go back; quit from the topics" },
	{ "hard-quit", ui_cmd_hard_quit, "quit telex at once" },
	{ "next-pane", ui_cmd_next_pane, "focus the next pane" },
	{ "prev-pane", ui_cmd_prev_pane, "focus the previous pane" },
	{ "next-story", ui_cmd_next_story, "the next story" },
	{ "prev-story", ui_cmd_prev_story, "the previous story" },
	{ "next-unread", ui_cmd_next_unread, "the next unread story (or topic)" },
	{ "prev-unread", ui_cmd_prev_unread, "the previous unread story" },
	{ "toggle-read", ui_cmd_toggle_read, "mark the story read or unread" },
	{ "mark-feed-read", ui_cmd_mark_feed_read,
	    "mark every story of this list read" },
	{ "mark-all-read", ui_cmd_mark_all_read, "mark every story read" },
	{ "undo-mark-read", ui_cmd_undo, "undo the last mark-feed/all-read" },
	{ "toggle-flag", ui_cmd_toggle_flag, "flag or unflag the story" },
	{ "save", ui_cmd_save, "save the story to the save directory" },
	{ "save-as", ui_cmd_save_as, "save the story to a file you name" },
	{ "open-in-browser", ui_cmd_browser, "open the story's link in the "
	    "browser" },
	{ "copy-link", ui_cmd_copy_link, "copy the story's link" },
	{ "show-links", ui_cmd_show_links, "list the story's links" },
	{ "open-link", ui_cmd_open_link, "open link N (type its number)" },
	{ "reload", ui_cmd_reload, "refresh this topic's feeds" },
	{ "reload-all", ui_cmd_reload_all, "refresh every feed" },
	{ "search", ui_cmd_search, "search this list" },
	{ "search-all", ui_cmd_search_all, "search every story" },
	{ "toggle-unread-only", ui_cmd_unread_only, "show only unread stories, "
	    "or all" },
	{ "front-page", ui_cmd_front_page, "every topic's newest headlines" },
	{ "toggle-text", ui_cmd_toggle_text, "the full article or the feed's "
	    "text" },
	{ "messages", ui_cmd_messages, "problems met (failed feeds...)" },
	{ "help", ui_cmd_help, "this help" },
	{ "redraw", ui_cmd_redraw, "redraw the screen" },
};


#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

/* newsboat's keys where it has them, vi's, and the arrows. */
static const char default_keys[] =
	"bind k up\nbind UP up\n"
	"bind j down\nbind DOWN down\n"
	"bind PPAGE page-up\nbind b page-up\nbind ^B page-up\n"
	"bind NPAGE page-down\nbind SPACE page-down\nbind ^D page-down\n"
	"bind g top\nbind HOME top\n"
	"bind G bottom\nbind END bottom\n"
	"bind ENTER open\nbind l open\nbind RIGHT open\n"
	"bind h back\nbind LEFT back\nbind BACKSPACE back\nbind ESC back\n"
	"bind q quit\nbind Q hard-quit\n"
	"bind TAB next-pane\nbind BTAB prev-pane\n"
	"bind J next-story\nbind K prev-story\n"
	"bind n next-unread\nbind p prev-unread\n"
	"bind N toggle-read\nbind A mark-feed-read\nbind C mark-all-read\n"
	"bind ^U undo-mark-read\n"
	"bind F toggle-flag\nbind ^E toggle-flag\n"
	"bind s save\nbind S save-as\n"
	"bind o open-in-browser\nbind y copy-link\nbind u show-links\n"
	"bind # open-link\nbind 1 open-link\nbind 2 open-link\n"
	"bind 3 open-link\nbind 4 open-link\nbind 5 open-link\n"
	"bind 6 open-link\nbind 7 open-link\nbind 8 open-link\n"
	"bind 9 open-link\n"
	"bind r reload\nbind R reload-all\n"
	"bind / search\nbind ^F search-all\n"
	"bind U toggle-unread-only\nbind f front-page\n"
	"bind t toggle-text\nbind E messages\n"
	"bind ? help\nbind ^L redraw\n";

int
ui_command_find(void *ctx, const char *name)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return (int)i;
	return -1;
}


size_t
ui_command_count(void)
{
	return NCOMMANDS;
}


const char *
ui_command_name(size_t i)
{
	return i < NCOMMANDS ? commands[i].name : NULL;
}


const char *
ui_command_help(size_t i)
{
	return i < NCOMMANDS ? commands[i].help : NULL;
}


static void
default_key_error(void *ctx, const char *msg)
{
	ui_problem(ctx, msg);
}


void
ui_keys_default(struct ui *ui)
{
	keymap_parse(&ui->keys, default_keys, sizeof(default_keys) - 1,
	    "(default keys)", ui_command_find, ui, default_key_error);
}


void
ui_command_run(struct ui *ui, int command, int key)
{
	if (command >= 0 && (size_t)command < NCOMMANDS)
		commands[command].run(ui, key);
}


/* --- the model's moves ------------------------------------------------ */

int64_t
ui_selected_id(struct ui *ui)
{
	if (ui->focus == UI_READER && ui->reader.id != 0)
		return ui->reader.id;
	return ui_list_id(&ui->list, ui->cache, ui->list.sel);
}


void
ui_report(struct ui *ui, char *err)
{
	if (err != NULL)
		ui_message(ui, 1, "%s", err);
	free(err);
}


void
ui_counts_changed(struct ui *ui, int64_t id)
{
	ui_row_forget(ui, id);
	ui->dirty |= UI_DIRTY_COUNTS | UI_DIRTY_ALL;
}


void
ui_select_topic(struct ui *ui, long i)
{
	const struct ui_topic *row;
	const char **urls;
	size_t nurls;
	char *err = NULL;
	int flags;

	if (ui->topics.nrows == 0)
		return;
	if (i < 0)
		i = 0;
	if ((size_t)i >= ui->topics.nrows)
		i = (long)ui->topics.nrows - 1;
	ui->topic_sel = (size_t)i;
	row = &ui->topics.rows[i];
	ui_topic_query(&ui->topics, row, &urls, &nurls, &flags);
	if (ui->unread_only)
		flags |= CACHE_ONLY_UNREAD;
	if (ui->have_before_search) {
		ui_list_release(&ui->before_search);
		ui->have_before_search = 0;
	}
	if (ui_list_open(&ui->list, ui->cache, ui_topic_name(&ui->topics,
	    row), urls, nurls, flags, NULL, &err) != 0)
		ui_report(ui, err);
	free(urls);
	ui_reader_release(&ui->reader);
	ui->dirty |= UI_DIRTY_ALL;
}


static void
mark_read(struct ui *ui, int64_t id)
{
	const struct ui_row *row = ui_row_get(ui, id);
	char *err = NULL;

	if (row == NULL || !row->unread)
		return;
	if (cache_set_mark(ui->cache, id, CACHE_MARK_UNREAD, 0, &err) < 0)
		ui_report(ui, err);
	ui_counts_changed(ui, id);
}


void
ui_open_story(struct ui *ui, size_t i)
{
	int64_t id;

	ui_list_select(&ui->list, ui->cache, (long)i, ui_list_height(ui));
	id = ui_list_id(&ui->list, ui->cache, ui->list.sel);
	if (id == 0)
		return;
	ui->focus = UI_READER;
	ui->overlay = UI_OVERLAY_NONE;
	ui_layout(ui);
	if (ui_reader_show(ui, id, ui_reader_width(ui)) != 0)
		return;
	ui->reader.top = 0;
	if (ui->ctx->config.open_marks_read)
		mark_read(ui, id);
	ui->dirty |= UI_DIRTY_ALL;
}


/* Lines a page moves: the pane's height, less one kept for context. */
static long
page(struct ui *ui)
{
	int h = ui->focus == UI_READER ? ui_reader_height(ui) :
	    ui_list_height(ui);

	return h > 2 ? h - 1 : 1;
}


static void
reader_scroll(struct ui *ui, long by)
{
	struct ui_reader *r = &ui->reader;
	size_t n = ui_reader_lines(r), h = (size_t)ui_reader_height(ui);
	size_t max = n > h ? n - h : 0;
	long top = (long)r->top + by;

	if (top < 0)
		top = 0;
	if ((size_t)top > max)
		top = (long)max;
	r->top = (size_t)top;
}


static void
front_move(struct ui *ui, int dy, int dx)
{
	struct ui_front *f = &ui->front;
	size_t cols = f->columns > 0 ? (size_t)f->columns : 1;

	if (f->nboxes == 0)
		return;
	if (dx != 0) {
		if (dx < 0 && f->sel > 0)
			f->sel--;
		else if (dx > 0 && f->sel + 1 < f->nboxes)
			f->sel++;
		f->row = 0;
		return;
	}
	ui_front_load(ui, f->sel);
	if (dy > 0) {
		if (f->row + 1 < f->boxes[f->sel].n) {
			f->row++;
		} else if (f->sel + cols < f->nboxes) {
			f->sel += cols;
			f->row = 0;
		}
	} else if (dy < 0) {
		if (f->row > 0) {
			f->row--;
		} else if (f->sel >= cols) {
			f->sel -= cols;
			ui_front_load(ui, f->sel);
			f->row = f->boxes[f->sel].n > 0 ?
			    f->boxes[f->sel].n - 1 : 0;
		}
	}
}


/* Move by lines in whatever has the focus. */
static void
move_by(struct ui *ui, long by)
{
	size_t n;

	ui->dirty |= UI_DIRTY_ALL;
	switch (ui->overlay) {
	case UI_OVERLAY_FRONT:
		front_move(ui, by > 0 ? 1 : -1, 0);
		return;
	case UI_OVERLAY_HELP:
	case UI_OVERLAY_LINKS:
	case UI_OVERLAY_MESSAGES:
		n = ui->overlay == UI_OVERLAY_HELP ? ui_command_count() :
		    ui->overlay == UI_OVERLAY_LINKS ? ui->reader.body.nlinks :
		    ui->nmessages;
		if (by < 0 && (size_t)-by > ui->overlay_sel)
			ui->overlay_sel = 0;
		else
			ui->overlay_sel += (size_t)by;
		if (n > 0 && ui->overlay_sel >= n)
			ui->overlay_sel = n - 1;
		return;
	default:
		break;
	}
	switch (ui->focus) {
	case UI_TOPICS:
		if ((long)ui->topic_sel + by < 0)
			by = -(long)ui->topic_sel;
		if (ui->topic_sel + (size_t)by != ui->topic_sel)
			ui_select_topic(ui, (long)ui->topic_sel + by);
		break;
	case UI_HEADLINES:
		ui_list_select(&ui->list, ui->cache, (long)ui->list.sel + by,
		    ui_list_height(ui));
		break;
	case UI_READER:
		reader_scroll(ui, by);
		break;
	default:
		break;
	}
}


void
ui_cmd_up(struct ui *ui, int key)
{
	(void)key;
	move_by(ui, -1);
}


void
ui_cmd_down(struct ui *ui, int key)
{
	(void)key;
	move_by(ui, 1);
}


void
ui_cmd_page_up(struct ui *ui, int key)
{
	(void)key;
	move_by(ui, -page(ui));
}


void
ui_cmd_page_down(struct ui *ui, int key)
{
	(void)key;
	if (ui->focus == UI_READER && ui->overlay == UI_OVERLAY_NONE &&
	    key == ' ' && ui->reader.top + (size_t)ui_reader_height(ui) >=
	    ui_reader_lines(&ui->reader)) {
		/* Space at the end of a story reads on, as in newsboat. */
		ui_cmd_next_unread(ui, key);
		return;
	}
	move_by(ui, page(ui));
}


void
ui_cmd_top(struct ui *ui, int key)
{
	(void)key;
	if (ui->overlay == UI_OVERLAY_NONE && ui->focus == UI_HEADLINES) {
		ui_list_select(&ui->list, ui->cache, 0, ui_list_height(ui));
		ui->dirty |= UI_DIRTY_ALL;
		return;
	}
	move_by(ui, -(1L << 30));
}


void
ui_cmd_bottom(struct ui *ui, int key)
{
	struct ui_list *l = &ui->list;

	(void)key;
	if (ui->overlay == UI_OVERLAY_NONE && ui->focus == UI_HEADLINES) {
		/* Only positions are read on the way, never the stories. */
		while (!l->complete)
			if (ui_list_load(l, ui->cache, l->npos + 4096, NULL) != 0)
				break;
		ui_list_select(l, ui->cache, (long)ui_list_length(l) - 1,
		    ui_list_height(ui));
		ui->dirty |= UI_DIRTY_ALL;
		return;
	}
	move_by(ui, 1L << 30);
}


void
ui_cmd_open(struct ui *ui, int key)
{
	struct ui_front *f = &ui->front;

	(void)key;
	ui->dirty |= UI_DIRTY_ALL;
	switch (ui->overlay) {
	case UI_OVERLAY_LINKS:
		ui_open_link(ui, ui->overlay_sel + 1);
		return;
	case UI_OVERLAY_FRONT:
		if (f->nboxes == 0 || f->boxes[f->sel].n == 0)
			return;
		{
			int64_t id = f->boxes[f->sel].ids[f->row];
			size_t i;

			ui->unread_only = 0;
			ui_select_topic(ui, (long)f->boxes[f->sel].topic);
			for (i = 0; ui_list_id(&ui->list, ui->cache, i) != 0;
			    i++)
				if (ui_list_id(&ui->list, ui->cache, i) == id)
					break;
			ui->overlay = UI_OVERLAY_NONE;
			ui_open_story(ui, i);
		}
		return;
	case UI_OVERLAY_NONE:
		break;
	default:
		return;
	}
	if (ui->focus == UI_TOPICS) {
		ui->focus = UI_HEADLINES;
	} else if (ui->focus == UI_HEADLINES) {
		ui_open_story(ui, ui->list.sel);
	}
}


static void
close_search(struct ui *ui)
{
	ui_list_release(&ui->list);
	ui->list = ui->before_search;
	ui_list_init(&ui->before_search);
	ui->have_before_search = 0;
	ui_list_reload(&ui->list, ui->cache, NULL);
	ui_reader_release(&ui->reader);
}


void
ui_cmd_back(struct ui *ui, int key)
{
	(void)key;
	ui->dirty |= UI_DIRTY_ALL;
	if (ui->overlay != UI_OVERLAY_NONE) {
		ui->overlay = UI_OVERLAY_NONE;
		return;
	}
	if (ui->focus == UI_READER)
		ui->focus = UI_HEADLINES;
	else if (ui->focus == UI_HEADLINES && ui->have_before_search)
		close_search(ui);
	else if (ui->focus == UI_HEADLINES)
		ui->focus = UI_TOPICS;
}


void
ui_cmd_quit(struct ui *ui, int key)
{
	if (ui->overlay == UI_OVERLAY_NONE && ui->focus == UI_TOPICS)
		ui->quit = 1;
	else
		ui_cmd_back(ui, key);
}


void
ui_cmd_hard_quit(struct ui *ui, int key)
{
	(void)key;
	ui->quit = 1;
}


void
ui_cmd_next_pane(struct ui *ui, int key)
{
	(void)key;
	if (ui->overlay != UI_OVERLAY_NONE)
		return;
	if (ui->focus == UI_TOPICS)
		ui->focus = UI_HEADLINES;
	else if (ui->focus == UI_HEADLINES)
		ui_open_story(ui, ui->list.sel);
	else
		ui->focus = UI_TOPICS;
	ui->dirty |= UI_DIRTY_ALL;
}


void
ui_cmd_prev_pane(struct ui *ui, int key)
{
	(void)key;
	if (ui->overlay != UI_OVERLAY_NONE)
		return;
	if (ui->focus == UI_TOPICS)
		ui_open_story(ui, ui->list.sel);
	else
		ui->focus = ui->focus == UI_READER ? UI_HEADLINES : UI_TOPICS;
	ui->dirty |= UI_DIRTY_ALL;
}


static void
story_step(struct ui *ui, long by)
{
	long i = (long)ui->list.sel + by;

	if (i < 0 || (size_t)i >= ui_list_length(&ui->list) ||
	    ui_list_id(&ui->list, ui->cache, (size_t)i) == 0) {
		ui_message(ui, 0, by > 0 ? "This is the last story." :
		    "This is the first story.");
		return;
	}
	if (ui->focus == UI_READER)
		ui_open_story(ui, (size_t)i);
	else
		ui_list_select(&ui->list, ui->cache, i, ui_list_height(ui));
	ui->dirty |= UI_DIRTY_ALL;
}


void
ui_cmd_next_story(struct ui *ui, int key)
{
	(void)key;
	if (ui->overlay == UI_OVERLAY_NONE && ui->focus != UI_TOPICS)
		story_step(ui, 1);
	else
		move_by(ui, 1);
}


void
ui_cmd_prev_story(struct ui *ui, int key)
{
	(void)key;
	if (ui->overlay == UI_OVERLAY_NONE && ui->focus != UI_TOPICS)
		story_step(ui, -1);
	else
		move_by(ui, -1);
}


/* (date, id) a comes after b in newest-first order. */
static int
pos_after(const struct cache_pos *a, const struct cache_pos *b)
{
	return a->date < b->date || (a->date == b->date && a->id < b->id);
}


/*
 * The list index of the first unread story after index i, or -1. The
 * cache finds it (an index lookup), then its index is looked up in the
 * positions, which are only read, never the stories between.
 */
static long
next_unread_index(struct ui *ui, size_t i)
{
	struct ui_list *l = &ui->list;
	struct cache_query q;
	struct cache_pos found;
	char *err = NULL;
	long got;
	size_t k;

	if (ui_list_id(l, ui->cache, i) == 0 && i > 0)
		return -1;
	memset(&q, 0, sizeof(q));
	q.flags = l->flags | CACHE_ONLY_UNREAD;
	q.feed_urls = l->urls;
	q.nfeed_urls = l->nurls;
	q.match = l->match;
	if (l->nurls == 0)
		return -1;
	got = cache_list_positions(ui->cache, &q, l->npos > i ? &l->pos[i] :
	    NULL, &found, 1, &err);
	if (got < 0) {
		ui_report(ui, err);
		return -1;
	}
	if (got == 0)
		return -1;
	for (k = i + 1; ui_list_id(l, ui->cache, k) != 0; k++) {
		if (l->pos[k].id == found.id)
			return (long)k;
		if (pos_after(&l->pos[k], &found))
			break;
	}
	return -1;
}


void
ui_cmd_next_unread(struct ui *ui, int key)
{
	long i;
	size_t t;

	(void)key;
	if (ui->overlay != UI_OVERLAY_NONE)
		return;
	if (ui->focus == UI_TOPICS) {
		for (t = ui->topic_sel + 1; t < ui->topics.nrows; t++)
			if (ui->topics.rows[t].unread > 0 &&
			    ui->topics.rows[t].kind >= UI_TOPIC_TAG) {
				ui_select_topic(ui, (long)t);
				return;
			}
		ui_message(ui, 0, "No more topics with unread stories.");
		return;
	}
	/* The selected story itself, when unread and not open yet. */
	if (ui->focus == UI_HEADLINES) {
		const struct ui_row *row = ui_row_get(ui, ui_list_id(&ui->list,
		    ui->cache, ui->list.sel));

		if (row != NULL && row->unread) {
			ui_open_story(ui, ui->list.sel);
			return;
		}
	}
	i = next_unread_index(ui, ui->list.sel);
	if (i < 0) {
		ui_message(ui, 0, "No more unread stories in this list.");
		return;
	}
	ui_open_story(ui, (size_t)i);
}


void
ui_cmd_prev_unread(struct ui *ui, int key)
{
	size_t i;

	(void)key;
	if (ui->overlay != UI_OVERLAY_NONE || ui->focus == UI_TOPICS)
		return;
	for (i = ui->list.sel; i-- > 0;) {
		const struct ui_row *row = ui_row_get(ui, ui_list_id(&ui->list,
		    ui->cache, i));

		if (row != NULL && row->unread) {
			ui_open_story(ui, i);
			return;
		}
	}
	ui_message(ui, 0, "No earlier unread story in this list.");
}


/* --- the mouse --------------------------------------------------------- */

void
ui_mouse(struct ui *ui, int y, int x, int button)
{
	int pane = ui_pane_at(ui, y, x);
	int row;

	ui->dirty |= UI_DIRTY_ALL;
	if (ui->overlay != UI_OVERLAY_NONE || pane < 0) {
		if (button == 4)
			move_by(ui, -3);
		else if (button == 5)
			move_by(ui, 3);
		return;
	}
	row = y - ui->pane[pane].y;
	if (button == 4 || button == 5) {
		enum ui_pane was = ui->focus;

		ui->focus = (enum ui_pane)pane;
		move_by(ui, button == 4 ? -3 : 3);
		ui->focus = was;
		return;
	}
	switch (pane) {
	case UI_TOPICS:
		ui->focus = UI_TOPICS;
		if (ui->topic_top + (size_t)row < ui->topics.nrows)
			ui_select_topic(ui, (long)(ui->topic_top +
			    (size_t)row));
		if (button == 2)
			ui->focus = UI_HEADLINES;
		break;
	case UI_HEADLINES:
		if (ui->list.top + (size_t)row >= ui_list_length(&ui->list))
			break;
		if (button == 2 || ui->focus == UI_READER) {
			ui_open_story(ui, ui->list.top + (size_t)row);
		} else {
			ui->focus = UI_HEADLINES;
			ui_list_select(&ui->list, ui->cache,
			    (long)(ui->list.top + (size_t)row),
			    ui_list_height(ui));
		}
		break;
	case UI_READER:
		if (ui->reader.id != 0 && ui->focus != UI_READER)
			ui_open_story(ui, ui->list.sel);
		break;
	}
}
