/*
 * The status line's prompt (ui_priv.h): a search of the list or of the
 * whole cache, a path to save to, a link's number, a yes or no. Keys go
 * here while it is open; ENTER acts, ESC or ^G cancels.
 */
#include "ui_priv.h"

#include <stdlib.h>
#include <string.h>

#include "wcwidth.h"
#include "xalloc.h"
#include "banned.h"

void
ui_start_prompt(struct ui *ui, enum ui_prompt_kind kind, const char *label,
    const char *text)
{
	ui->prompt = kind;
	ui->prompt_label = label;
	buf_reset(&ui->prompt_text);
	if (text != NULL)
		buf_append_str(&ui->prompt_text, text);
	ui->dirty |= UI_DIRTY_ALL;
}


void
ui_cmd_search(struct ui *ui, int key)
{
	(void)key;
	if (ui->overlay != UI_OVERLAY_NONE)
		return;
	ui_start_prompt(ui, UI_PROMPT_SEARCH, "Search this list: ", NULL);
}


void
ui_cmd_search_all(struct ui *ui, int key)
{
	(void)key;
	ui_start_prompt(ui, UI_PROMPT_SEARCH_ALL, "Search every story: ", NULL);
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
		ui_report(ui, err);
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
			ui_save_as(ui, text, 0);
		break;
	case UI_PROMPT_LINK:
		ui_open_link(ui, (size_t)strtoul(text, NULL, 10));
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
			ui_save_as(ui, ui->pending_path, 1);
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
