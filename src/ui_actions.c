/*
 * What the interface's commands do to a story and to the views
 * (ui_priv.h): marks, saving, the browser and links, refreshing, and
 * the overlays. Each mark is written to the cache as it is made.
 */
#include "ui_priv.h"

#include <stdlib.h>
#include <string.h>

#include "launch.h"
#include "story_save.h"
#include "xalloc.h"
#include "banned.h"

/*
 * Turn one mark of the story the focus is on over, in the cache and on
 * screen: the new state (0, 1), or -1 when there is no story or the
 * cache refused (said in the status line).
 */
static int
toggle_mark(struct ui *ui, enum cache_mark mark)
{
	int64_t id = ui_selected_id(ui);
	const struct ui_row *row;
	char *err = NULL;
	int on;

	if (ui->overlay != UI_OVERLAY_NONE || ui->focus == UI_TOPICS)
		return -1;
	row = ui_row_get(ui, id);
	if (row == NULL)
		return -1;
	on = mark == CACHE_MARK_UNREAD ? !row->unread : !row->flagged;
	if (cache_set_mark(ui->cache, id, mark, on, &err) < 0) {
		ui_report(ui, err);
		return -1;
	}
	ui_counts_changed(ui, id);
	return on;
}

void
ui_cmd_toggle_read(struct ui *ui, int key)
{
	int unread = toggle_mark(ui, CACHE_MARK_UNREAD);

	(void)key;
	if (unread < 0)
		return;
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
		ui_report(ui, err);
		return;
	}
	free(ui->undo_what);
	ui->undo_what = xstrdup(what);
	ui_row_forget(ui, 0);
	ui->dirty |= UI_DIRTY_COUNTS | UI_DIRTY_ALL;
	ui_message(ui, 0, "%lld %s marked read%s.", (long long)n, n == 1 ?
	    "story" : "stories", n > 0 ? " (^U undoes)" : "");
}


void
ui_cmd_mark_feed_read(struct ui *ui, int key)
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


void
ui_cmd_mark_all_read(struct ui *ui, int key)
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


void
ui_cmd_undo(struct ui *ui, int key)
{
	char *err = NULL;

	(void)key;
	if (ui->undo.n == 0) {
		ui_message(ui, 0, "Nothing to undo.");
		return;
	}
	if (cache_set_unread_ids(ui->cache, &ui->undo, &err) != 0) {
		ui_report(ui, err);
		return;
	}
	ui_message(ui, 0, "%zu %s unread again.", ui->undo.n,
	    ui->undo.n == 1 ? "story is" : "stories are");
	cache_ids_release(&ui->undo);
	cache_ids_init(&ui->undo);
	ui_row_forget(ui, 0);
	ui->dirty |= UI_DIRTY_COUNTS | UI_DIRTY_ALL;
}


void
ui_cmd_toggle_flag(struct ui *ui, int key)
{
	int on = toggle_mark(ui, CACHE_MARK_FLAGGED);

	(void)key;
	if (on >= 0)
		ui_message(ui, 0, on ? "Flagged." : "Flag removed.");
}

/* The story to act on, loaded into the reader (without marking it). */
struct ui_reader *
ui_story_here(struct ui *ui)
{
	int64_t id = ui_selected_id(ui);

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
		ui_report(ui, err);
	ui_counts_changed(ui, id);
	ui_message(ui, 0, "Saved to %s", path);
}


static char *
save_dir(struct ui *ui)
{
	return ui->ctx->config.save_dir != NULL ?
	    xstrdup(ui->ctx->config.save_dir) : story_save_default_dir();
}


void
ui_cmd_save(struct ui *ui, int key)
{
	struct ui_reader *r = ui_story_here(ui);
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
		ui_report(ui, err);
		return;
	}
	saved(ui, r->id, path);
	free(path);
}


void
ui_cmd_save_as(struct ui *ui, int key)
{
	struct ui_reader *r = ui_story_here(ui);
	char *dir, *name;
	struct buf b = BUF_INIT;

	(void)key;
	if (r == NULL)
		return;
	dir = save_dir(ui);
	name = story_save_filename(r->story.title);
	buf_printf(&b, "%s/%s", dir, name);
	ui_start_prompt(ui, UI_PROMPT_SAVE_AS, "Save as: ", b.ptr);
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
		ui_report(ui, err);
		return;
	}
	ui_suspend(ui);
	r = launch_run(argv, &err);
	ui_resume(ui);
	launch_argv_free(argv);
	if (r != 0)
		ui_report(ui, err);
	else
		ui_message(ui, 0, "Opened %s", url);
}


void
ui_cmd_browser(struct ui *ui, int key)
{
	struct ui_reader *r = ui_story_here(ui);

	(void)key;
	if (ui->overlay == UI_OVERLAY_LINKS) {
		ui_open_link(ui, ui->overlay_sel + 1);
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


void
ui_cmd_copy_link(struct ui *ui, int key)
{
	struct ui_reader *r;
	const char *url;
	char *err = NULL;

	(void)key;
	if (ui->overlay == UI_OVERLAY_LINKS) {
		url = ui->overlay_sel < ui->reader.body.nlinks ?
		    ui->reader.body.links[ui->overlay_sel] : NULL;
	} else {
		r = ui_story_here(ui);
		url = r != NULL ? r->story.link : NULL;
	}
	if (url == NULL)
		return;
	if (launch_copy(url, &err) != 0)
		ui_report(ui, err);
	else
		ui_message(ui, 0, "Copied %s", url);
}


void
ui_cmd_show_links(struct ui *ui, int key)
{
	struct ui_reader *r = ui_story_here(ui);

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


void
ui_open_link(struct ui *ui, size_t n)
{
	if (n == 0 || n > ui->reader.body.nlinks) {
		ui_message(ui, 1, "No link %zu in this story.", n);
		return;
	}
	open_url(ui, ui->reader.body.links[n - 1]);
}


void
ui_cmd_open_link(struct ui *ui, int key)
{
	char digit[2] = { 0, 0 };

	if (ui_story_here(ui) == NULL)
		return;
	if (key >= '1' && key <= '9')
		digit[0] = (char)key;
	ui_start_prompt(ui, UI_PROMPT_LINK, "Open link number: ", digit);
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


void
ui_cmd_reload(struct ui *ui, int key)
{
	(void)key;
	reload_topic(ui, 0);
}


void
ui_cmd_reload_all(struct ui *ui, int key)
{
	(void)key;
	reload_topic(ui, 1);
}


void
ui_cmd_unread_only(struct ui *ui, int key)
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


void
ui_cmd_front_page(struct ui *ui, int key)
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


void
ui_cmd_toggle_text(struct ui *ui, int key)
{
	struct ui_reader *r = ui_story_here(ui);

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


void
ui_cmd_messages(struct ui *ui, int key)
{
	(void)key;
	ui->overlay = ui->overlay == UI_OVERLAY_MESSAGES ? UI_OVERLAY_NONE :
	    UI_OVERLAY_MESSAGES;
	ui->overlay_sel = ui->nmessages > 0 ? ui->nmessages - 1 : 0;
	ui->overlay_top = 0;
	ui->dirty |= UI_DIRTY_ALL;
}


void
ui_cmd_help(struct ui *ui, int key)
{
	(void)key;
	ui->overlay = ui->overlay == UI_OVERLAY_HELP ? UI_OVERLAY_NONE :
	    UI_OVERLAY_HELP;
	ui->overlay_sel = ui->overlay_top = 0;
	ui->dirty |= UI_DIRTY_ALL;
}


void
ui_cmd_redraw(struct ui *ui, int key)
{
	(void)key;
	clearok(curscr, TRUE);
	ui->dirty |= UI_DIRTY_ALL | UI_DIRTY_COUNTS | UI_DIRTY_LIST;
}


void
ui_save_as(struct ui *ui, const char *path, int overwrite)
{
	struct ui_reader *r = ui_story_here(ui);
	struct story_save_input in;
	char *err = NULL;
	int got;

	if (r == NULL)
		return;
	save_input(r, ui, &in);
	got = story_save_to_path(&in, path, overwrite, &err);
	if (got < 0) {
		ui_report(ui, err);
	} else if (got == 1) {
		free(ui->pending_path);
		ui->pending_path = xstrdup(path);
		ui_start_prompt(ui, UI_PROMPT_OVERWRITE,
		    "The file exists; replace it? (y/n) ", NULL);
	} else {
		saved(ui, r->id, path);
	}
}
