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

#include "launch.h"
#include "story_save.h"
#include "wcwidth.h"
#include "xalloc.h"
#include "banned.h"

typedef void command_fn(struct ui *ui, int key);

static command_fn cmd_up, cmd_down, cmd_page_up, cmd_page_down, cmd_top,
    cmd_bottom, cmd_open, cmd_back, cmd_quit, cmd_hard_quit, cmd_next_pane,
    cmd_prev_pane, cmd_next_story, cmd_prev_story, cmd_next_unread,
    cmd_prev_unread, cmd_toggle_read, cmd_mark_feed_read, cmd_mark_all_read,
    cmd_undo, cmd_toggle_flag, cmd_save, cmd_save_as, cmd_browser,
    cmd_copy_link, cmd_show_links, cmd_open_link, cmd_reload, cmd_reload_all,
    cmd_search, cmd_search_all, cmd_unread_only, cmd_front_page,
    cmd_toggle_text, cmd_messages, cmd_help, cmd_redraw;

static const struct command {
	const char *name;
	command_fn *run;
	const char *help;
} commands[] = {
	{ "up", cmd_up, "move up a line" },
	{ "down", cmd_down, "move down a line" },
	{ "page-up", cmd_page_up, "move up a page" },
	{ "page-down", cmd_page_down, "move down a page" },
	{ "top", cmd_top, "go to the first line" },
	{ "bottom", cmd_bottom, "go to the last line" },
	{ "open", cmd_open, "open the topic, story or link selected" },
	{ "back", cmd_back, "go back a pane, close a view" },
	{ "quit", cmd_quit, "go back; quit from the topics" },
	{ "hard-quit", cmd_hard_quit, "quit telex at once" },
	{ "next-pane", cmd_next_pane, "focus the next pane" },
	{ "prev-pane", cmd_prev_pane, "focus the previous pane" },
	{ "next-story", cmd_next_story, "the next story" },
	{ "prev-story", cmd_prev_story, "the previous story" },
	{ "next-unread", cmd_next_unread, "the next unread story (or topic)" },
	{ "prev-unread", cmd_prev_unread, "the previous unread story" },
	{ "toggle-read", cmd_toggle_read, "mark the story read or unread" },
	{ "mark-feed-read", cmd_mark_feed_read,
	    "mark every story of this list read" },
	{ "mark-all-read", cmd_mark_all_read, "mark every story read" },
	{ "undo-mark-read", cmd_undo, "undo the last mark-feed/all-read" },
	{ "toggle-flag", cmd_toggle_flag, "flag or unflag the story" },
	{ "save", cmd_save, "save the story to the save directory" },
	{ "save-as", cmd_save_as, "save the story to a file you name" },
	{ "open-in-browser", cmd_browser, "open the story's link in the "
	    "browser" },
	{ "copy-link", cmd_copy_link, "copy the story's link" },
	{ "show-links", cmd_show_links, "list the story's links" },
	{ "open-link", cmd_open_link, "open link N (type its number)" },
	{ "reload", cmd_reload, "refresh this topic's feeds" },
	{ "reload-all", cmd_reload_all, "refresh every feed" },
	{ "search", cmd_search, "search this list" },
	{ "search-all", cmd_search_all, "search every story" },
	{ "toggle-unread-only", cmd_unread_only, "show only unread stories, "
	    "or all" },
	{ "front-page", cmd_front_page, "every topic's newest headlines" },
	{ "toggle-text", cmd_toggle_text, "the full article or the feed's "
	    "text" },
	{ "messages", cmd_messages, "problems met (failed feeds...)" },
	{ "help", cmd_help, "this help" },
	{ "redraw", cmd_redraw, "redraw the screen" },
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

static int64_t
selected_id(struct ui *ui)
{
	if (ui->focus == UI_READER && ui->reader.id != 0)
		return ui->reader.id;
	return ui_list_id(&ui->list, ui->cache, ui->list.sel);
}

static void
report(struct ui *ui, char *err)
{
	if (err != NULL)
		ui_message(ui, 1, "%s", err);
	free(err);
}

static void
counts_changed(struct ui *ui, int64_t id)
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
		report(ui, err);
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
		report(ui, err);
	counts_changed(ui, id);
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

static void
cmd_up(struct ui *ui, int key)
{
	(void)key;
	move_by(ui, -1);
}

static void
cmd_down(struct ui *ui, int key)
{
	(void)key;
	move_by(ui, 1);
}

static void
cmd_page_up(struct ui *ui, int key)
{
	(void)key;
	move_by(ui, -page(ui));
}

static void
cmd_page_down(struct ui *ui, int key)
{
	(void)key;
	if (ui->focus == UI_READER && ui->overlay == UI_OVERLAY_NONE &&
	    key == ' ' && ui->reader.top + (size_t)ui_reader_height(ui) >=
	    ui_reader_lines(&ui->reader)) {
		/* Space at the end of a story reads on, as in newsboat. */
		cmd_next_unread(ui, key);
		return;
	}
	move_by(ui, page(ui));
}

static void
cmd_top(struct ui *ui, int key)
{
	(void)key;
	if (ui->overlay == UI_OVERLAY_NONE && ui->focus == UI_HEADLINES) {
		ui_list_select(&ui->list, ui->cache, 0, ui_list_height(ui));
		ui->dirty |= UI_DIRTY_ALL;
		return;
	}
	move_by(ui, -(1L << 30));
}

static void
cmd_bottom(struct ui *ui, int key)
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

static void open_link_number(struct ui *ui, size_t n);

static void
cmd_open(struct ui *ui, int key)
{
	struct ui_front *f = &ui->front;

	(void)key;
	ui->dirty |= UI_DIRTY_ALL;
	switch (ui->overlay) {
	case UI_OVERLAY_LINKS:
		open_link_number(ui, ui->overlay_sel + 1);
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

static void
cmd_back(struct ui *ui, int key)
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

static void
cmd_quit(struct ui *ui, int key)
{
	if (ui->overlay == UI_OVERLAY_NONE && ui->focus == UI_TOPICS)
		ui->quit = 1;
	else
		cmd_back(ui, key);
}

static void
cmd_hard_quit(struct ui *ui, int key)
{
	(void)key;
	ui->quit = 1;
}

static void
cmd_next_pane(struct ui *ui, int key)
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

static void
cmd_prev_pane(struct ui *ui, int key)
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

static void
cmd_next_story(struct ui *ui, int key)
{
	(void)key;
	if (ui->overlay == UI_OVERLAY_NONE && ui->focus != UI_TOPICS)
		story_step(ui, 1);
	else
		move_by(ui, 1);
}

static void
cmd_prev_story(struct ui *ui, int key)
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
		report(ui, err);
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

static void
cmd_next_unread(struct ui *ui, int key)
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

static void
cmd_prev_unread(struct ui *ui, int key)
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

static void
cmd_toggle_read(struct ui *ui, int key)
{
	int64_t id = selected_id(ui);
	const struct ui_row *row;
	char *err = NULL;
	int unread;

	(void)key;
	if (ui->overlay != UI_OVERLAY_NONE || ui->focus == UI_TOPICS)
		return;
	row = ui_row_get(ui, id);
	if (row == NULL)
		return;
	unread = !row->unread;
	if (cache_set_mark(ui->cache, id, CACHE_MARK_UNREAD, unread,
	    &err) < 0) {
		report(ui, err);
		return;
	}
	counts_changed(ui, id);
	ui_message(ui, 0, unread ? "Marked unread." : "Marked read.");
	if (ui->focus == UI_HEADLINES)
		ui_list_select(&ui->list, ui->cache, (long)ui->list.sel + 1,
		    ui_list_height(ui));
}

static void
mark_query_read(struct ui *ui, const struct cache_query *q, const char *what)
{
	char *err = NULL;
	int64_t n;

	cache_ids_release(&ui->undo);
	cache_ids_init(&ui->undo);
	n = cache_mark_read(ui->cache, q, &ui->undo, &err);
	if (n < 0) {
		report(ui, err);
		return;
	}
	free(ui->undo_what);
	ui->undo_what = xstrdup(what);
	ui_row_forget(ui, 0);
	ui->dirty |= UI_DIRTY_COUNTS | UI_DIRTY_ALL;
	ui_message(ui, 0, "%lld %s marked read%s.", (long long)n, n == 1 ?
	    "story" : "stories", n > 0 ? " (^U undoes)" : "");
}

static void
cmd_mark_feed_read(struct ui *ui, int key)
{
	struct cache_query q;

	(void)key;
	if (ui->overlay != UI_OVERLAY_NONE || ui->list.nurls == 0)
		return;
	memset(&q, 0, sizeof(q));
	q.flags = ui->list.flags;
	q.feed_urls = ui->list.urls;
	q.nfeed_urls = ui->list.nurls;
	q.match = ui->list.match;
	mark_query_read(ui, &q, ui->list.title);
}

static void
cmd_mark_all_read(struct ui *ui, int key)
{
	struct cache_query q;

	(void)key;
	if (ui->overlay != UI_OVERLAY_NONE || ui->topics.nfeeds == 0)
		return;
	memset(&q, 0, sizeof(q));
	q.feed_urls = ui->topics.all_urls;
	q.nfeed_urls = ui->topics.nfeeds;
	mark_query_read(ui, &q, "everything");
}

static void
cmd_undo(struct ui *ui, int key)
{
	char *err = NULL;

	(void)key;
	if (ui->undo.n == 0) {
		ui_message(ui, 0, "Nothing to undo.");
		return;
	}
	if (cache_set_unread_ids(ui->cache, &ui->undo, &err) != 0) {
		report(ui, err);
		return;
	}
	ui_message(ui, 0, "%zu %s unread again.", ui->undo.n,
	    ui->undo.n == 1 ? "story is" : "stories are");
	cache_ids_release(&ui->undo);
	cache_ids_init(&ui->undo);
	ui_row_forget(ui, 0);
	ui->dirty |= UI_DIRTY_COUNTS | UI_DIRTY_ALL;
}

static void
cmd_toggle_flag(struct ui *ui, int key)
{
	int64_t id = selected_id(ui);
	const struct ui_row *row;
	char *err = NULL;
	int on;

	(void)key;
	if (ui->overlay != UI_OVERLAY_NONE || ui->focus == UI_TOPICS)
		return;
	row = ui_row_get(ui, id);
	if (row == NULL)
		return;
	on = !row->flagged;
	if (cache_set_mark(ui->cache, id, CACHE_MARK_FLAGGED, on, &err) < 0) {
		report(ui, err);
		return;
	}
	counts_changed(ui, id);
	ui_message(ui, 0, on ? "Flagged." : "Flag removed.");
}

/* The story to act on, loaded into the reader (without marking it). */
static struct ui_reader *
story_here(struct ui *ui)
{
	int64_t id = selected_id(ui);

	if (ui->overlay == UI_OVERLAY_FRONT || ui->focus == UI_TOPICS ||
	    id == 0)
		return NULL;
	if (ui_reader_show(ui, id, ui->reader.id == id && ui->reader.width ?
	    ui->reader.width : ui_reader_width(ui)) != 0)
		return NULL;
	return &ui->reader;
}

static void
save_input(const struct ui_reader *r, struct ui *ui,
    struct story_save_input *in)
{
	const struct ui_feed *f = ui_topics_find_feed(&ui->topics,
	    r->story.feed_url);

	memset(in, 0, sizeof(*in));
	in->title = r->story.title;
	in->feed_title = f != NULL ? ui_feed_name(f) : r->story.feed_title;
	in->author = r->story.author;
	in->link = r->story.link;
	in->date = r->story.date;
	in->html = ui_reader_html(r, &in->base_url);
}

static void
saved(struct ui *ui, int64_t id, const char *path)
{
	char *err = NULL;

	if (cache_set_mark(ui->cache, id, CACHE_MARK_SAVED, 1, &err) < 0)
		report(ui, err);
	counts_changed(ui, id);
	ui_message(ui, 0, "Saved to %s", path);
}

static char *
save_dir(struct ui *ui)
{
	return ui->ctx->config.save_dir != NULL ?
	    xstrdup(ui->ctx->config.save_dir) : story_save_default_dir();
}

static void
cmd_save(struct ui *ui, int key)
{
	struct ui_reader *r = story_here(ui);
	struct story_save_input in;
	char *dir, *path, *err = NULL;

	(void)key;
	if (r == NULL)
		return;
	save_input(r, ui, &in);
	dir = save_dir(ui);
	path = story_save_to_dir(&in, dir, &err);
	free(dir);
	if (path == NULL) {
		report(ui, err);
		return;
	}
	saved(ui, r->id, path);
	free(path);
}

static void
start_prompt(struct ui *ui, enum ui_prompt_kind kind, const char *label,
    const char *text)
{
	ui->prompt = kind;
	ui->prompt_label = label;
	buf_reset(&ui->prompt_text);
	if (text != NULL)
		buf_append_str(&ui->prompt_text, text);
	ui->dirty |= UI_DIRTY_ALL;
}

static void
cmd_save_as(struct ui *ui, int key)
{
	struct ui_reader *r = story_here(ui);
	char *dir, *name;
	struct buf b = BUF_INIT;

	(void)key;
	if (r == NULL)
		return;
	dir = save_dir(ui);
	name = story_save_filename(r->story.title);
	buf_printf(&b, "%s/%s", dir, name);
	start_prompt(ui, UI_PROMPT_SAVE_AS, "Save as: ", b.ptr);
	buf_release(&b);
	free(dir);
	free(name);
}

static void
open_url(struct ui *ui, const char *url)
{
	char **argv, *err = NULL;
	int r;

	if (url == NULL || !launch_url_allowed(url)) {
		ui_message(ui, 1, "Only http and https links are opened.");
		return;
	}
	argv = launch_argv(launch_browser_command(ui->ctx->config.browser),
	    url, &err);
	if (argv == NULL) {
		report(ui, err);
		return;
	}
	ui_suspend(ui);
	r = launch_run(argv, &err);
	ui_resume(ui);
	launch_argv_free(argv);
	if (r != 0)
		report(ui, err);
	else
		ui_message(ui, 0, "Opened %s", url);
}

static void
cmd_browser(struct ui *ui, int key)
{
	struct ui_reader *r = story_here(ui);

	(void)key;
	if (ui->overlay == UI_OVERLAY_LINKS) {
		open_link_number(ui, ui->overlay_sel + 1);
		return;
	}
	if (r == NULL)
		return;
	if (r->story.link == NULL) {
		ui_message(ui, 1, "This story has no link.");
		return;
	}
	open_url(ui, r->story.link);
}

static void
cmd_copy_link(struct ui *ui, int key)
{
	struct ui_reader *r;
	const char *url;
	char *err = NULL;

	(void)key;
	if (ui->overlay == UI_OVERLAY_LINKS) {
		url = ui->overlay_sel < ui->reader.body.nlinks ?
		    ui->reader.body.links[ui->overlay_sel] : NULL;
	} else {
		r = story_here(ui);
		url = r != NULL ? r->story.link : NULL;
	}
	if (url == NULL)
		return;
	if (launch_copy(url, &err) != 0)
		report(ui, err);
	else
		ui_message(ui, 0, "Copied %s", url);
}

static void
cmd_show_links(struct ui *ui, int key)
{
	struct ui_reader *r = story_here(ui);

	(void)key;
	if (r == NULL)
		return;
	if (r->body.nlinks == 0) {
		ui_message(ui, 0, "This story has no links.");
		return;
	}
	ui->overlay = UI_OVERLAY_LINKS;
	ui->overlay_sel = ui->overlay_top = 0;
	ui->dirty |= UI_DIRTY_ALL;
}

static void
open_link_number(struct ui *ui, size_t n)
{
	if (n == 0 || n > ui->reader.body.nlinks) {
		ui_message(ui, 1, "No link %zu in this story.", n);
		return;
	}
	open_url(ui, ui->reader.body.links[n - 1]);
}

static void
cmd_open_link(struct ui *ui, int key)
{
	char digit[2] = { 0, 0 };

	if (story_here(ui) == NULL)
		return;
	if (key >= '1' && key <= '9')
		digit[0] = (char)key;
	start_prompt(ui, UI_PROMPT_LINK, "Open link number: ", digit);
}

static void
reload_topic(struct ui *ui, int all)
{
	const struct ui_topic *row;
	char **urls;
	size_t i, n;

	if (ui->refreshing) {
		ui_message(ui, 0, "A refresh is running.");
		return;
	}
	if (all || ui->topics.nrows == 0) {
		ui_refresh_start(ui, NULL, 0);
		return;
	}
	if (ui->focus == UI_READER && ui->reader.id != 0) {
		urls = xcalloc(2, sizeof(*urls));
		urls[0] = ui->reader.story.feed_url;
		ui_refresh_start(ui, urls, 1);
		free(urls);
		return;
	}
	row = &ui->topics.rows[ui->topic_sel];
	n = row->nfeeds;
	urls = xcalloc(n + 1, sizeof(*urls));
	for (i = 0; i < n; i++)
		urls[i] = (char *)ui->topics.feeds[row->feeds[i]].url;
	ui_refresh_start(ui, urls, n);
	free(urls);
}

static void
cmd_reload(struct ui *ui, int key)
{
	(void)key;
	reload_topic(ui, 0);
}

static void
cmd_reload_all(struct ui *ui, int key)
{
	(void)key;
	reload_topic(ui, 1);
}

static void
cmd_search(struct ui *ui, int key)
{
	(void)key;
	if (ui->overlay != UI_OVERLAY_NONE)
		return;
	start_prompt(ui, UI_PROMPT_SEARCH, "Search this list: ", NULL);
}

static void
cmd_search_all(struct ui *ui, int key)
{
	(void)key;
	start_prompt(ui, UI_PROMPT_SEARCH_ALL, "Search every story: ", NULL);
}

static void
cmd_unread_only(struct ui *ui, int key)
{
	(void)key;
	if (ui->overlay != UI_OVERLAY_NONE)
		return;
	ui->unread_only = !ui->unread_only;
	ui_select_topic(ui, (long)ui->topic_sel);
	if (ui->focus == UI_READER)
		ui->focus = UI_HEADLINES;
	ui_message(ui, 0, ui->unread_only ? "Showing unread stories only." :
	    "Showing every story.");
}

static void
cmd_front_page(struct ui *ui, int key)
{
	(void)key;
	if (ui->overlay == UI_OVERLAY_FRONT) {
		ui->overlay = UI_OVERLAY_NONE;
	} else {
		ui_front_build(ui);
		ui->overlay = UI_OVERLAY_FRONT;
	}
	ui->dirty |= UI_DIRTY_ALL;
}

static void
cmd_toggle_text(struct ui *ui, int key)
{
	struct ui_reader *r = story_here(ui);

	(void)key;
	if (r == NULL)
		return;
	if (r->story.article == NULL) {
		ui_message(ui, 0, "Only the feed's text is kept for this "
		    "story.");
		return;
	}
	r->feed_text = !r->feed_text;
	r->top = 0;
	ui_reader_forget(r);
	ui->dirty |= UI_DIRTY_ALL;
}

static void
cmd_messages(struct ui *ui, int key)
{
	(void)key;
	ui->overlay = ui->overlay == UI_OVERLAY_MESSAGES ? UI_OVERLAY_NONE :
	    UI_OVERLAY_MESSAGES;
	ui->overlay_sel = ui->nmessages > 0 ? ui->nmessages - 1 : 0;
	ui->overlay_top = 0;
	ui->dirty |= UI_DIRTY_ALL;
}

static void
cmd_help(struct ui *ui, int key)
{
	(void)key;
	ui->overlay = ui->overlay == UI_OVERLAY_HELP ? UI_OVERLAY_NONE :
	    UI_OVERLAY_HELP;
	ui->overlay_sel = ui->overlay_top = 0;
	ui->dirty |= UI_DIRTY_ALL;
}

static void
cmd_redraw(struct ui *ui, int key)
{
	(void)key;
	clearok(curscr, TRUE);
	ui->dirty |= UI_DIRTY_ALL | UI_DIRTY_COUNTS | UI_DIRTY_LIST;
}

/* --- the prompt -------------------------------------------------------- */

static void
open_search(struct ui *ui, const char *text, int all)
{
	struct ui_list results;
	struct buf title = BUF_INIT;
	char *err = NULL;

	if (*text == '\0')
		return;
	ui_list_init(&results);
	buf_printf(&title, "Search: %s", text);
	if (ui_list_open(&results, ui->cache, title.ptr,
	    all ? ui->topics.all_urls : ui->list.urls,
	    all ? ui->topics.nfeeds : ui->list.nurls,
	    all ? 0 : ui->list.flags, text, &err) != 0) {
		report(ui, err);
		ui_list_release(&results);
		buf_release(&title);
		return;
	}
	buf_release(&title);
	if (!ui->have_before_search) {
		ui->before_search = ui->list;
		ui->have_before_search = 1;
	} else {
		ui_list_release(&ui->list);
	}
	ui->list = results;
	ui->focus = UI_HEADLINES;
	ui_reader_release(&ui->reader);
	ui_message(ui, 0, "%zu %s (q returns to the list)",
	    ui_list_length(&ui->list), ui_list_length(&ui->list) == 1 ?
	    "match" : "matches");
}

static void
save_as(struct ui *ui, const char *path, int overwrite)
{
	struct ui_reader *r = story_here(ui);
	struct story_save_input in;
	char *err = NULL;
	int got;

	if (r == NULL)
		return;
	save_input(r, ui, &in);
	got = story_save_to_path(&in, path, overwrite, &err);
	if (got < 0) {
		report(ui, err);
	} else if (got == 1) {
		free(ui->pending_path);
		ui->pending_path = xstrdup(path);
		start_prompt(ui, UI_PROMPT_OVERWRITE,
		    "The file exists; replace it? (y/n) ", NULL);
	} else {
		saved(ui, r->id, path);
	}
}

static void
prompt_done(struct ui *ui)
{
	enum ui_prompt_kind kind = ui->prompt;
	char *text = xstrdup(ui->prompt_text.ptr);

	ui->prompt = UI_PROMPT_NONE;
	ui->dirty |= UI_DIRTY_ALL;
	switch (kind) {
	case UI_PROMPT_SEARCH:
		open_search(ui, text, 0);
		break;
	case UI_PROMPT_SEARCH_ALL:
		open_search(ui, text, 1);
		break;
	case UI_PROMPT_SAVE_AS:
		if (*text != '\0')
			save_as(ui, text, 0);
		break;
	case UI_PROMPT_LINK:
		open_link_number(ui, (size_t)strtoul(text, NULL, 10));
		break;
	default:
		break;
	}
	free(text);
}

void
ui_prompt_key(struct ui *ui, int key)
{
	struct buf *t = &ui->prompt_text;

	ui->dirty |= UI_DIRTY_ALL;
	if (ui->prompt == UI_PROMPT_OVERWRITE) {
		ui->prompt = UI_PROMPT_NONE;
		if ((key == 'y' || key == 'Y') && ui->pending_path != NULL)
			save_as(ui, ui->pending_path, 1);
		else
			ui_message(ui, 0, "Not saved.");
		free(ui->pending_path);
		ui->pending_path = NULL;
		return;
	}
	if (key == KEYMAP_ENTER || key == '\n') {
		prompt_done(ui);
	} else if (key == KEYMAP_ESC || key == 7 /* ^G */) {
		ui->prompt = UI_PROMPT_NONE;
	} else if (key == KEYMAP_BACKSPACE || key == 8 || key == 127) {
		/* Back over one whole character. */
		while (t->len > 0 && ((unsigned char)t->ptr[t->len - 1] &
		    0xC0) == 0x80)
			buf_truncate(t, t->len - 1);
		if (t->len > 0)
			buf_truncate(t, t->len - 1);
	} else if (key == 21 /* ^U */) {
		buf_reset(t);
	} else if (key >= 0x20 && key < KEYMAP_SPECIAL && key != 127 &&
	    wcwidth_of((unsigned long)key) >= 0 && t->len < 4096) {
		if (ui->prompt == UI_PROMPT_LINK && (key < '0' || key > '9'))
			return;
		buf_append_utf8(t, (unsigned long)key);
	}
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
