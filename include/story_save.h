/*
 * story_save: a story written to a Markdown file.
 *
 * The file holds "# Title", then "Source:", "Author:", "Date:" (UTC,
 * "2026-12-04 18:02 UTC") and "Link:" lines for what the story has, a
 * blank line, the text rendered as the reader shows it (plain text,
 * links as [N]), and when it has links a "## Links" section of
 * "[N]: URL" lines. Titles come from feeds, so the file name is made
 * safe (DESIGN.md): no path separators, no leading dots, no control
 * characters, bounded length, and an existing file is never replaced
 * (a "-2", "-3"… suffix before ".md"), nor is a symlink followed.
 */
#ifndef TELEX_STORY_SAVE_H
#define TELEX_STORY_SAVE_H

#include <stdint.h>

#include "buf.h"

struct story_save_input {
	const char *title, *feed_title, *author, *link;	/* each may be NULL */
	int64_t date;			/* 0: unknown */
	const char *html;		/* the text as HTML, may be NULL */
	const char *base_url;		/* its links resolve against this */
};

/* Append the Markdown form of s to out. */
void story_save_markdown(const struct story_save_input *s, struct buf *out);

/*
 * The safe file name for title (NULL or empty: "story"), ending ".md",
 * at most 100 bytes, never cutting a UTF-8 character. Caller frees.
 */
char *story_save_filename(const char *title);

/*
 * Write s into dir (created, mode 0700, when missing) under
 * story_save_filename(), never replacing a file. Returns the path
 * written (caller frees), or NULL with *err set naming the file.
 */
char *story_save_to_dir(const struct story_save_input *s, const char *dir,
    char **err);

/*
 * Write s to path exactly (save-as). An existing file is replaced only
 * when overwrite is set, else 1 is returned and nothing written.
 * 0 on success, -1 with *err set. A leading "~/" means $HOME.
 */
int story_save_to_path(const struct story_save_input *s, const char *path,
    int overwrite, char **err);

/* The default save directory: $XDG_DATA_HOME/telex/saved (caller frees). */
char *story_save_default_dir(void);

#endif
