/*
 * The interface's private header, shared by the ui_*.c modules.
 *
 * The model: the topics (from the feeds file, with counts from the
 * cache), one headline list (the positions of its stories, loaded a
 * chunk at a time, and nothing else), the story in the reader, and the
 * overlays (help, links, front page, messages) and the prompt. Command
 * handlers change the model and set dirty; only ui_draw.c calls curses
 * to paint, and it reads only the rows it shows, so the cost of a key
 * press or of the first screen does not grow with the cache.
 */
#ifndef TELEX_UI_PRIV_H
#define TELEX_UI_PRIV_H

#include <curses.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>

#include "buf.h"
#include "cache.h"
#include "cache_view.h"
#include "context.h"
#include "keymap.h"
#include "refresh.h"
#include "render.h"
#include "theme.h"

/* One feed of the feeds file, with what the cache knows of it. */
struct ui_feed {
	const char *url;	/* the feeds file's */
	const char *override;	/* its "~Title", or NULL */
	char *title;		/* the cache's title, or NULL */
	int64_t items, unread, flagged;
	char *error;		/* the last poll's failure, or NULL */
};

enum ui_topic_kind {
	UI_TOPIC_ALL,
	UI_TOPIC_UNREAD,
	UI_TOPIC_FLAGGED,
	UI_TOPIC_TAG,		/* a tag of the feeds file */
	UI_TOPIC_FEED,		/* a feed: under its tag, or on its own */
};

/* One row of the topic pane. */
struct ui_topic {
	enum ui_topic_kind kind;
	int depth;		/* 1: a feed under its tag */
	char *label;		/* the tag; NULL for a feed (see ui_feed_name) */
	size_t *feeds;		/* indexes into ui_topics.feeds */
	size_t nfeeds;
	int64_t unread, items, flagged;
	int failed;		/* a feed's last poll failed */
};

struct ui_topics {
	struct ui_feed *feeds;
	size_t nfeeds;
	struct ui_topic *rows;
	size_t nrows;
	const char **all_urls;	/* every feed's URL, for All */
	struct ui_feed **by_url;	/* feeds sorted by URL */
};

/* The headline list: a query and the positions loaded so far. */
struct ui_list {
	char *title;
	const char **urls;	/* borrowed strings, owned array */
	size_t nurls;
	int flags;		/* CACHE_ONLY_* */
	char *match;		/* a search, or NULL */
	int searching;		/* this list is a search's results */
	struct cache_pos *pos;
	size_t npos, cap;
	int complete;		/* every position is loaded */
	int64_t count;		/* how many there are */
	size_t sel, top;
};

/* A headline as drawn; rows are cached by story id. */
struct ui_row {
	int64_t id;		/* 0: empty slot */
	char *title, *feed_title, *link;
	int64_t date;
	int unread, flagged, saved;
};

#define UI_ROW_CACHE 256

struct ui_reader {
	int64_t id;		/* 0: none */
	struct cache_story story;
	int feed_text;		/* show the feed's text, not the page's */
	int width;		/* what head and body were laid out for */
	struct render_doc head, body;
	size_t top;		/* first line shown */
};

struct ui_front_box {
	size_t topic;		/* its row in ui_topics */
	int64_t ids[50];
	size_t n;
	int loaded;
};

struct ui_front {
	struct ui_front_box *boxes;
	size_t nboxes;
	size_t sel, row;	/* the box and the headline chosen */
	size_t top;		/* first grid row shown */
	int columns;		/* boxes a grid row, as last drawn */
};

enum ui_pane { UI_TOPICS, UI_HEADLINES, UI_READER, UI_NPANES };

enum ui_overlay {
	UI_OVERLAY_NONE,
	UI_OVERLAY_HELP,
	UI_OVERLAY_LINKS,
	UI_OVERLAY_FRONT,
	UI_OVERLAY_MESSAGES,
};

enum ui_prompt_kind {
	UI_PROMPT_NONE,
	UI_PROMPT_SEARCH,	/* in the current list */
	UI_PROMPT_SEARCH_ALL,	/* the whole cache */
	UI_PROMPT_SAVE_AS,
	UI_PROMPT_OVERWRITE,	/* y/n: replace the file save-as named */
	UI_PROMPT_LINK,		/* a link's number */
	UI_PROMPT_UNDO,		/* nothing asked; never shown */
};

struct ui_rect {
	int y, x, h, w;
	int shown;
};

enum ui_dirty {
	UI_DIRTY_ALL = 1 << 0,
	UI_DIRTY_COUNTS = 1 << 1,	/* topics' counts to read again */
	UI_DIRTY_LIST = 1 << 2,		/* the headline list to reload */
	UI_DIRTY_READER = 1 << 3,	/* the reader to lay out again */
};

/* Set by the signal handlers, read by the loop. */
struct ui_signals {
	volatile sig_atomic_t quit;	/* the signal that asked */
};

struct ui {
	struct context *ctx;
	SCREEN *screen;
	struct cache *cache;
	struct keymap keys;
	struct theme theme;
	attr_t style[THEME_NELEMENTS];
	int colours;		/* 0: none (NO_COLOR or a mono terminal) */
	int utf8;		/* the terminal takes UTF-8 */

	struct ui_topics topics;
	size_t topic_sel, topic_top;
	int unread_only;		/* the list shows unread stories only */
	struct ui_list list;
	struct ui_list before_search;	/* the list a search replaced */
	int have_before_search;
	struct ui_row rows[UI_ROW_CACHE];
	struct ui_reader reader;
	struct ui_front front;

	enum ui_pane focus;
	enum ui_overlay overlay;
	size_t overlay_sel, overlay_top;
	enum ui_pane shown_left;	/* leftmost pane drawn */
	struct ui_rect pane[UI_NPANES];

	enum ui_prompt_kind prompt;
	const char *prompt_label;
	struct buf prompt_text;
	char *pending_path;		/* save-as waiting for y/n */

	struct buf status;		/* a message, or empty */
	int status_error;
	time_t status_time;
	char **messages;		/* problems, newest last */
	size_t nmessages;

	struct refresh refresh;
	int refreshing;
	time_t refresh_drawn;

	struct cache_ids undo;		/* what the last mark-all changed */
	char *undo_what;

	unsigned dirty;
	int quit;
	int64_t data_version;
	time_t checked;
	struct buf scratch;
};

/* ui.c */
void ui_message(struct ui *ui, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A problem kept for the messages view and shown in the status line. */
void ui_problem(struct ui *ui, const char *msg);
/* Give the terminal to a child (a browser) and take it back. */
void ui_suspend(struct ui *ui);
void ui_resume(struct ui *ui);
void ui_refresh_start(struct ui *ui, char **urls, size_t nurls);

/* ui_topics.c */
void ui_topics_build(struct ui_topics *t, const struct feeds *f);
void ui_topics_release(struct ui_topics *t);
int ui_topics_count(struct ui_topics *t, struct cache *c, char **err);
/* Drop a feed's row under a tag of its one feed and its name (once the
 * names are known, before anything is selected). */
void ui_topics_fold(struct ui_topics *t);
struct ui_feed *ui_topics_find_feed(const struct ui_topics *t,
    const char *url);
const char *ui_feed_name(const struct ui_feed *f);
const char *ui_topic_name(const struct ui_topics *t, const struct ui_topic *row);
/* The query of a topic row: urls (owned array) and flags. */
void ui_topic_query(const struct ui_topics *t, const struct ui_topic *row,
    const char ***urls, size_t *nurls, int *flags);

/* ui_list.c */
void ui_list_init(struct ui_list *l);
void ui_list_release(struct ui_list *l);
/* Open the list of a topic row: its query, loaded from the first. */
int ui_list_open(struct ui_list *l, struct cache *c, const char *title,
    const char **urls, size_t nurls, int flags, const char *match,
    char **err);
/* Make sure position i is loaded (when the list has one). */
int ui_list_load(struct ui_list *l, struct cache *c, size_t i, char **err);
/* Read the list again (stories came or went), keeping the selection. */
int ui_list_reload(struct ui_list *l, struct cache *c, char **err);
/* The id at position i, or 0 (loading it if need be). */
int64_t ui_list_id(struct ui_list *l, struct cache *c, size_t i);
/* How many rows to show: count, or what is loaded if more. */
size_t ui_list_length(const struct ui_list *l);
/* Move the selection to i (clamped), scrolling a view of height h. */
void ui_list_select(struct ui_list *l, struct cache *c, long i, int h);

/* ui_rows.c: headlines by id, as drawn */
const struct ui_row *ui_row_get(struct ui *ui, int64_t id);
void ui_row_forget(struct ui *ui, int64_t id);	/* 0: all */

/* ui_reader.c */
void ui_reader_init(struct ui_reader *r);
void ui_reader_release(struct ui_reader *r);
/* Load story id for width columns (again only when either changed). */
int ui_reader_show(struct ui *ui, int64_t id, int width);
size_t ui_reader_lines(const struct ui_reader *r);
/* Lay the story out again at the next show (toggle-text, a mark). */
void ui_reader_forget(struct ui_reader *r);
/* Line i of head and body together. */
const struct render_line *ui_reader_line(const struct ui_reader *r,
    size_t i, int *in_head);
/* The story's text as HTML and the base its links resolve against. */
const char *ui_reader_html(const struct ui_reader *r, const char **base);

/* ui_front.c */
void ui_front_build(struct ui *ui);
void ui_front_release(struct ui_front *f);
int ui_front_load(struct ui *ui, size_t box);

/* ui_draw.c */
void ui_draw(struct ui *ui);
void ui_layout(struct ui *ui);
int ui_pane_at(const struct ui *ui, int y, int x);
/* Rows the headline list shows now. */
int ui_list_height(const struct ui *ui);
int ui_reader_height(const struct ui *ui);
int ui_reader_width(const struct ui *ui);

/* ui_theme.c */
void ui_theme_setup(struct ui *ui);

/* ui_commands.c, ui_actions.c, ui_prompt.c */
/* The commands, each run with the key that ran it (ui_commands.c,
 * ui_actions.c, ui_prompt.c). */
typedef void ui_command_fn(struct ui *ui, int key);
ui_command_fn ui_cmd_back, ui_cmd_bottom, ui_cmd_browser, ui_cmd_copy_link,
    ui_cmd_down, ui_cmd_front_page, ui_cmd_hard_quit, ui_cmd_help,
    ui_cmd_mark_all_read, ui_cmd_mark_feed_read, ui_cmd_messages,
    ui_cmd_next_pane, ui_cmd_next_story, ui_cmd_next_unread, ui_cmd_open,
    ui_cmd_open_link, ui_cmd_page_down, ui_cmd_page_up, ui_cmd_prev_pane,
    ui_cmd_prev_story, ui_cmd_prev_unread, ui_cmd_quit, ui_cmd_redraw,
    ui_cmd_reload, ui_cmd_reload_all, ui_cmd_save, ui_cmd_save_as,
    ui_cmd_search, ui_cmd_search_all, ui_cmd_show_links, ui_cmd_toggle_flag,
    ui_cmd_toggle_read, ui_cmd_toggle_text, ui_cmd_top, ui_cmd_undo,
    ui_cmd_unread_only, ui_cmd_up;
/* The story the focus is on (the reader's, else the list's), or 0. */
int64_t ui_selected_id(struct ui *ui);
/* Show err as an error message and free it (NULL: nothing). */
void ui_report(struct ui *ui, char *err);
/* A story's marks changed: its row and the counts are read again. */
void ui_counts_changed(struct ui *ui, int64_t id);
/* The story to act on, loaded into the reader without marking it. */
struct ui_reader *ui_story_here(struct ui *ui);
void ui_start_prompt(struct ui *ui, enum ui_prompt_kind kind,
    const char *label, const char *text);
/* Open link n (1-based) of the story in the reader, in the browser. */
void ui_open_link(struct ui *ui, size_t n);
/* Save the story to path; 1 asks first when the file exists. */
void ui_save_as(struct ui *ui, const char *path, int overwrite);

int ui_command_find(void *ctx, const char *name);
size_t ui_command_count(void);
const char *ui_command_name(size_t i);
const char *ui_command_help(size_t i);
void ui_command_run(struct ui *ui, int command, int key);
void ui_keys_default(struct ui *ui);
void ui_prompt_key(struct ui *ui, int key);
void ui_mouse(struct ui *ui, int y, int x, int button);
/* Select topic row i and open its list. */
void ui_select_topic(struct ui *ui, long i);
/* Open story at list position i in the reader (marking it read). */
void ui_open_story(struct ui *ui, size_t i);

#endif
