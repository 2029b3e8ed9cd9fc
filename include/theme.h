/*
 * theme: the colours and attributes of the interface's elements, read
 * from a theme file. Pure: no curses here (ui_theme.c maps styles to
 * curses pairs), so the parser is driven by tests and a fuzzer.
 *
 * A theme file holds one element a line, `ELEMENT = [ATTR…] [FG [BG]]`
 * (`headline.unread = bold white default`); `#` starts a comment (but a
 * word of `#` and hex digits only is a colour, right or wrong); blank
 * lines are ignored. Colours: default, the eight names (black red green
 * yellow blue magenta cyan white), their bright forms (brightred…),
 * colorN / colourN / N for 0..255, and #rrggbb (kept as RGB, mapped to
 * the terminal's palette by theme_colour_nearest). Attributes: bold,
 * dim, italic, underline, reverse, blink, standout, normal (none).
 * Colour and attribute names are case-insensitive, attributes may come
 * anywhere among the words, and a colour left out is default.
 * An element that a theme leaves out inherits its parent's style
 * (headline.unread from headline; a top-level element from the
 * built-in default). A bad line gets "PATH:LINE: reason" and the other
 * lines still load.
 */
#ifndef TELEX_THEME_H
#define TELEX_THEME_H

#include <stddef.h>
#include <stdint.h>

enum theme_element {
	THEME_TITLE,			/* title */
	THEME_STATUS,			/* status */
	THEME_STATUS_ERROR,		/* status.error */
	THEME_STATUS_PROGRESS,		/* status.progress */
	THEME_TOPIC,			/* topic */
	THEME_TOPIC_UNREAD,		/* topic.unread */
	THEME_TOPIC_HEADER,		/* topic.header (All, Unread, Flagged) */
	THEME_FEED,			/* feed (a feed under its topic) */
	THEME_FEED_ERROR,		/* feed.error */
	THEME_HEADLINE,			/* headline */
	THEME_HEADLINE_UNREAD,		/* headline.unread */
	THEME_HEADLINE_FLAGGED,		/* headline.flagged */
	THEME_HEADLINE_SAVED,		/* headline.saved */
	THEME_HEADLINE_DATE,		/* headline.date */
	THEME_HEADLINE_SOURCE,		/* headline.source */
	THEME_SELECTION,		/* selection */
	THEME_SELECTION_UNFOCUSED,	/* selection.unfocused */
	THEME_BORDER,			/* border */
	THEME_READER_TITLE,		/* reader.title */
	THEME_READER_META,		/* reader.meta */
	THEME_READER_TEXT,		/* reader.text */
	THEME_READER_HEADING,		/* reader.heading */
	THEME_READER_BOLD,		/* reader.bold */
	THEME_READER_ITALIC,		/* reader.italic */
	THEME_READER_UNDERLINE,		/* reader.underline */
	THEME_READER_LINK,		/* reader.link */
	THEME_READER_LINK_NUMBER,	/* reader.link-number */
	THEME_READER_QUOTE,		/* reader.quote */
	THEME_READER_CODE,		/* reader.code */
	THEME_READER_DIM,		/* reader.dim */
	THEME_FRONT_TITLE,		/* front.title */
	THEME_HELP_KEY,			/* help.key */
	THEME_HELP_COMMAND,		/* help.command */
	THEME_PROMPT,			/* prompt */
	THEME_SEARCH_MATCH,		/* search.match */
	THEME_NELEMENTS
};

enum theme_attr {
	THEME_BOLD = 1 << 0,
	THEME_DIM = 1 << 1,
	THEME_ITALIC = 1 << 2,
	THEME_UNDERLINE = 1 << 3,
	THEME_REVERSE = 1 << 4,
	THEME_BLINK = 1 << 5,
	THEME_STANDOUT = 1 << 6,
};

/*
 * A colour: THEME_COLOUR_DEFAULT (the terminal's own), 0..255 (a
 * palette index), or THEME_COLOUR_RGB | 0xRRGGBB.
 */
#define THEME_COLOUR_DEFAULT (-1)
#define THEME_COLOUR_RGB 0x1000000
#define THEME_COLOUR_IS_RGB(c) ((c) >= 0 && ((c) & THEME_COLOUR_RGB))

struct theme_style {
	int32_t fg, bg;
	unsigned attrs;			/* enum theme_attr bits */
	int set;			/* the theme file gave this element */
};

struct theme {
	char *name;			/* as loaded, or "built-in" */
	struct theme_style style[THEME_NELEMENTS];
};

/* The built-in default (a dark terminal): every element set. */
void theme_init(struct theme *t);
void theme_release(struct theme *t);

/*
 * Apply the theme text buf[0..len) on top of t; elements it names
 * replace t's, the rest inherit (see above). Each bad line is reported
 * through problem(ctx, "PATH:LINE: reason") with path naming the file;
 * returns how many lines were bad.
 */
int theme_parse(struct theme *t, const char *buf, size_t len,
    const char *path, void (*problem)(void *ctx, const char *msg),
    void *ctx);

/*
 * Find theme name: a path when it holds a '/', else NAME in user_dir
 * then in data_dir (either may be NULL). Returns the path (caller
 * frees) or NULL.
 */
char *theme_find(const char *name, const char *user_dir,
    const char *data_dir);

/*
 * theme_init(t) then theme_parse() of the file theme_find() gives.
 * 0; -1 when it is not found or unreadable, with *err set to a line
 * naming it and the reason (t then holds the built-in default). A NULL
 * name is the built-in default (0). err may be NULL.
 */
int theme_load(struct theme *t, const char *name, const char *user_dir,
    const char *data_dir, void (*problem)(void *ctx, const char *msg),
    void *ctx, char **err);

/* The element called name ("headline.unread"), or -1. */
int theme_element_find(const char *name);
const char *theme_element_name(enum theme_element e);

/*
 * The palette colour a terminal of ncolours (8, 16, 88, 256) should
 * show for colour c: RGB to the nearest cube or grey entry (256) or
 * the nearest of the 16/8 basic colours; an index beyond the palette
 * to its nearest basic colour; DEFAULT stays DEFAULT.
 */
int theme_colour_nearest(int32_t c, int ncolours);

#endif
