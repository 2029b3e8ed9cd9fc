/*
 * Themes (theme.h). The elements are one table of name and parent,
 * indexed by enum theme_element; the built-in default is a theme text
 * (the same as themes/default) read by the same parser a user's file
 * goes through. A parse sets the elements a file names and marks them;
 * then every unmarked element takes the style of its nearest marked
 * ancestor, so headline.unread follows a theme's headline unless the
 * theme says otherwise, and an element with no marked ancestor keeps
 * what it had (the built-in default).
 */
#include "theme.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "buf.h"
#include "text_safe.h"
#include "xalloc.h"
#include "banned.h"

/* Longer lines are refused: no element line needs more. */
#define THEME_LINE_MAX 1024
/* A theme file larger than this is not read. */
#define THEME_FILE_MAX (1024 * 1024)
/* How much of a word an error message quotes. */
#define THEME_QUOTE_MAX 64

#define NONE (-1)

static const struct element {
	const char *name;
	int parent;			/* enum theme_element, or NONE */
} elements[THEME_NELEMENTS] = {
	[THEME_TITLE] = { "title", NONE },
	[THEME_STATUS] = { "status", NONE },
	[THEME_STATUS_ERROR] = { "status.error", THEME_STATUS },
	[THEME_STATUS_PROGRESS] = { "status.progress", THEME_STATUS },
	[THEME_TOPIC] = { "topic", NONE },
	[THEME_TOPIC_UNREAD] = { "topic.unread", THEME_TOPIC },
	[THEME_TOPIC_HEADER] = { "topic.header", THEME_TOPIC },
	[THEME_FEED] = { "feed", THEME_TOPIC },
	[THEME_FEED_ERROR] = { "feed.error", THEME_FEED },
	[THEME_HEADLINE] = { "headline", NONE },
	[THEME_HEADLINE_UNREAD] = { "headline.unread", THEME_HEADLINE },
	[THEME_HEADLINE_FLAGGED] = { "headline.flagged", THEME_HEADLINE },
	[THEME_HEADLINE_SAVED] = { "headline.saved", THEME_HEADLINE },
	[THEME_HEADLINE_DATE] = { "headline.date", THEME_HEADLINE },
	[THEME_HEADLINE_SOURCE] = { "headline.source", THEME_HEADLINE },
	[THEME_SELECTION] = { "selection", NONE },
	[THEME_SELECTION_UNFOCUSED] = { "selection.unfocused",
	    THEME_SELECTION },
	[THEME_BORDER] = { "border", NONE },
	[THEME_READER_TITLE] = { "reader.title", THEME_READER_TEXT },
	[THEME_READER_META] = { "reader.meta", THEME_READER_TEXT },
	[THEME_READER_TEXT] = { "reader.text", NONE },
	[THEME_READER_HEADING] = { "reader.heading", THEME_READER_TEXT },
	[THEME_READER_BOLD] = { "reader.bold", THEME_READER_TEXT },
	[THEME_READER_ITALIC] = { "reader.italic", THEME_READER_TEXT },
	[THEME_READER_UNDERLINE] = { "reader.underline", THEME_READER_TEXT },
	[THEME_READER_LINK] = { "reader.link", THEME_READER_TEXT },
	[THEME_READER_LINK_NUMBER] = { "reader.link-number",
	    THEME_READER_TEXT },
	[THEME_READER_QUOTE] = { "reader.quote", THEME_READER_TEXT },
	[THEME_READER_CODE] = { "reader.code", THEME_READER_TEXT },
	[THEME_READER_DIM] = { "reader.dim", THEME_READER_TEXT },
	[THEME_FRONT_TITLE] = { "front.title", THEME_TITLE },
	[THEME_HELP_KEY] = { "help.key", THEME_READER_TEXT },
	[THEME_HELP_COMMAND] = { "help.command", THEME_READER_TEXT },
	[THEME_PROMPT] = { "prompt", THEME_STATUS },
	[THEME_SEARCH_MATCH] = { "search.match", THEME_HEADLINE },
};

static const struct attr_name {
	const char *name;
	unsigned attr;
} attr_names[] = {
	{ "normal", 0 },
	{ "bold", THEME_BOLD },
	{ "dim", THEME_DIM },
	{ "italic", THEME_ITALIC },
	{ "underline", THEME_UNDERLINE },
	{ "reverse", THEME_REVERSE },
	{ "blink", THEME_BLINK },
	{ "standout", THEME_STANDOUT },
};

#define NATTRS (sizeof(attr_names) / sizeof(attr_names[0]))

/* In palette order: index 0..7, and 8..15 with "bright" in front. */
static const char *const colour_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

/* xterm's RGB values for the 16 basic colours. */
static const uint32_t basic_rgb[16] = {
	0x000000, 0xcd0000, 0x00cd00, 0xcdcd00,
	0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
	0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
	0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
};

/*
 * The built-in default: themes/default without its comments (a unit
 * test holds the two equal).
 */
static const char default_theme[] =
	"title               = bold brightwhite blue\n"
	"status              = white color236\n"
	"status.error        = bold brightred color236\n"
	"status.progress     = yellow color236\n"
	"prompt              = bold brightwhite default\n"
	"topic               = normal default default\n"
	"topic.unread        = bold brightwhite default\n"
	"topic.header        = bold cyan default\n"
	"feed                = color250 default\n"
	"feed.error          = red default\n"
	"headline            = color250 default\n"
	"headline.unread     = bold brightwhite default\n"
	"headline.flagged    = bold yellow default\n"
	"headline.saved      = green default\n"
	"headline.date       = color244 default\n"
	"headline.source     = cyan default\n"
	"search.match        = bold black yellow\n"
	"selection           = bold black cyan\n"
	"selection.unfocused = white color238\n"
	"border              = color240 default\n"
	"reader.title        = bold brightwhite default\n"
	"reader.meta         = color244 default\n"
	"reader.text         = normal default default\n"
	"reader.heading      = bold yellow default\n"
	"reader.bold         = bold default default\n"
	"reader.italic       = italic default default\n"
	"reader.underline    = underline default default\n"
	"reader.link         = underline brightcyan default\n"
	"reader.link-number  = bold cyan default\n"
	"reader.quote        = italic green default\n"
	"reader.code         = color223 color235\n"
	"reader.dim          = color244 default\n"
	"front.title         = bold brightcyan default\n"
	"help.key            = bold yellow default\n"
	"help.command        = normal default default\n";

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
word_is(const char *w, size_t n, const char *name)
{
	return strlen(name) == n && strncasecmp(w, name, n) == 0;
}

static int
element_find(const char *name, size_t len)
{
	int i;

	for (i = 0; i < THEME_NELEMENTS; i++)
		if (strlen(elements[i].name) == len &&
		    memcmp(elements[i].name, name, len) == 0)
			return i;
	return -1;
}

int
theme_element_find(const char *name)
{
	return name != NULL ? element_find(name, strlen(name)) : -1;
}

const char *
theme_element_name(enum theme_element e)
{
	return (int)e >= 0 && e < THEME_NELEMENTS ? elements[e].name : NULL;
}

/* 0..255 from up to three decimal digits, or -1. */
static int
palette_index(const char *w, size_t n)
{
	int v = 0;
	size_t i;

	if (n == 0 || n > 3)
		return -1;
	for (i = 0; i < n; i++) {
		if (w[i] < '0' || w[i] > '9')
			return -1;
		v = v * 10 + (w[i] - '0');
	}
	return v <= 255 ? v : -1;
}

/*
 * The colour the word names: 0 with *out set, or -1. The word is a
 * colour (and not a comment) when it starts with '#' and is all hex
 * digits after it; parse_colour() is only called for those.
 */
static int
parse_colour(const char *w, size_t n, int32_t *out)
{
	uint32_t rgb = 0;
	size_t i;
	int v;

	if (word_is(w, n, "default")) {
		*out = THEME_COLOUR_DEFAULT;
		return 0;
	}
	if (w[0] == '#') {
		if (n != 7)
			return -1;
		for (i = 1; i < 7; i++)
			rgb = rgb << 4 | (uint32_t)hex_value(w[i]);
		*out = (int32_t)(THEME_COLOUR_RGB | rgb);
		return 0;
	}
	for (i = 0; i < 8; i++) {
		if (word_is(w, n, colour_names[i])) {
			*out = (int32_t)i;
			return 0;
		}
		if (n > 6 && strncasecmp(w, "bright", 6) == 0 &&
		    word_is(w + 6, n - 6, colour_names[i])) {
			*out = (int32_t)i + 8;
			return 0;
		}
	}
	if (n > 6 && strncasecmp(w, "colour", 6) == 0)
		v = palette_index(w + 6, n - 6);
	else if (n > 5 && strncasecmp(w, "color", 5) == 0)
		v = palette_index(w + 5, n - 5);
	else
		v = palette_index(w, n);
	if (v < 0)
		return -1;
	*out = v;
	return 0;
}

/* A word that looks like a colour: an error then says "unknown colour". */
static int
colour_like(const char *w, size_t n)
{
	return (n > 0 && ((w[0] >= '0' && w[0] <= '9') || w[0] == '#')) ||
	    (n >= 5 && strncasecmp(w, "color", 5) == 0) ||
	    (n >= 6 && strncasecmp(w, "colour", 6) == 0) ||
	    (n >= 6 && strncasecmp(w, "bright", 6) == 0);
}

/* "#" and then only hex digits: a colour, right or wrong; else a comment. */
static int
hash_colour(const char *w, size_t n)
{
	size_t i;

	if (n < 2)
		return 0;
	for (i = 1; i < n; i++)
		if (hex_value(w[i]) < 0)
			return 0;
	return 1;
}

static void
report(void (*problem)(void *, const char *), void *ctx, const char *path,
    size_t line, const char *why, const char *word, size_t wlen)
{
	struct buf b = BUF_INIT;

	if (problem == NULL)
		return;
	buf_printf(&b, "%s:%zu: %s '", path != NULL ? path : "theme", line,
	    why);
	text_safe_append(&b, word, wlen > THEME_QUOTE_MAX ?
	    THEME_QUOTE_MAX : wlen);
	buf_append_char(&b, '\'');
	problem(ctx, b.ptr);
	buf_release(&b);
}

/* The next word of s[*pos..end), or 0 at the end. */
static size_t
next_word(const char *s, size_t end, size_t *pos, const char **word)
{
	size_t start;

	while (*pos < end && is_space(s[*pos]))
		(*pos)++;
	start = *pos;
	while (*pos < end && !is_space(s[*pos]))
		(*pos)++;
	*word = s + start;
	return *pos - start;
}

/*
 * The style of s[pos..end) (after the '='): NULL with *style filled, or
 * the reason it is bad with *bad and *blen naming the word.
 */
static const char *
parse_style(const char *s, size_t pos, size_t end, struct theme_style *style,
    const char **bad, size_t *blen)
{
	const char *w;
	size_t n, i;
	int colours = 0;
	int32_t c;

	style->fg = style->bg = THEME_COLOUR_DEFAULT;
	style->attrs = 0;
	style->set = 1;
	while ((n = next_word(s, end, &pos, &w)) > 0) {
		*bad = w;
		*blen = n;
		if (w[0] == '#' && !hash_colour(w, n))
			break;
		for (i = 0; i < NATTRS; i++)
			if (word_is(w, n, attr_names[i].name))
				break;
		if (i < NATTRS) {
			style->attrs |= attr_names[i].attr;
			continue;
		}
		if (parse_colour(w, n, &c) != 0)
			return colour_like(w, n) ? "unknown colour" :
			    "unknown colour or attribute";
		if (colours == 2)
			return "too many colours at";
		if (colours++ == 0)
			style->fg = c;
		else
			style->bg = c;
	}
	return NULL;
}

/* Give every element the file left out its nearest given ancestor's style. */
static void
inherit(struct theme *t)
{
	int e, a;

	for (e = 0; e < THEME_NELEMENTS; e++) {
		if (t->style[e].set)
			continue;
		for (a = elements[e].parent; a != NONE && !t->style[a].set;
		    a = elements[a].parent)
			;
		if (a != NONE) {
			t->style[e].fg = t->style[a].fg;
			t->style[e].bg = t->style[a].bg;
			t->style[e].attrs = t->style[a].attrs;
		}
	}
}

/* One line, s[start..end) with no newline; 0, or -1 when reported. */
static int
parse_line(struct theme *t, const char *s, size_t start, size_t end,
    const char *path, size_t line, void (*problem)(void *, const char *),
    void *ctx)
{
	struct theme_style style;
	const char *w, *eq, *why, *bad;
	size_t pos = start, n, name_end, blen;
	int e;

	n = next_word(s, end, &pos, &w);
	if (n == 0 || w[0] == '#')
		return 0;
	if (end - start > THEME_LINE_MAX) {
		report(problem, ctx, path, line, "line too long at", w, n);
		return -1;
	}
	eq = memchr(s + start, '=', end - start);
	if (eq == NULL) {
		report(problem, ctx, path, line, "missing '=' after", w, n);
		return -1;
	}
	/* The element: everything before the '=', trimmed. */
	name_end = (size_t)(eq - s);
	while (name_end > (size_t)(w - s) && is_space(s[name_end - 1]))
		name_end--;
	n = name_end > (size_t)(w - s) ? name_end - (size_t)(w - s) : 0;
	e = element_find(w, n);
	if (e < 0) {
		report(problem, ctx, path, line, "unknown element", w, n);
		return -1;
	}
	why = parse_style(s, (size_t)(eq - s) + 1, end, &style, &bad, &blen);
	if (why != NULL) {
		report(problem, ctx, path, line, why, bad, blen);
		return -1;
	}
	t->style[e] = style;
	return 0;
}

int
theme_parse(struct theme *t, const char *buf, size_t len,
    const char *path, void (*problem)(void *ctx, const char *msg),
    void *ctx)
{
	size_t off = 0, line = 0, end;
	const char *nl;
	int bad = 0;

	if (buf == NULL)
		len = 0;
	while (off < len) {
		nl = memchr(buf + off, '\n', len - off);
		end = nl != NULL ? (size_t)(nl - buf) : len;
		line++;
		if (parse_line(t, buf, off, end, path, line, problem, ctx) != 0)
			bad++;
		off = end + 1;
	}
	inherit(t);
	return bad;
}

static void
default_problem(void *ctx, const char *msg)
{
	(void)ctx;
	(void)msg;
	abort();			/* the built-in text is ours: a BUG */
}

void
theme_init(struct theme *t)
{
	int e;

	t->name = xstrdup("built-in");
	for (e = 0; e < THEME_NELEMENTS; e++) {
		t->style[e].fg = t->style[e].bg = THEME_COLOUR_DEFAULT;
		t->style[e].attrs = 0;
		t->style[e].set = 0;
	}
	theme_parse(t, default_theme, sizeof(default_theme) - 1, "built-in",
	    default_problem, NULL);
	/* Built in, not given by a file: a theme's parents override it. */
	for (e = 0; e < THEME_NELEMENTS; e++)
		t->style[e].set = 0;
}

void
theme_release(struct theme *t)
{
	free(t->name);
	t->name = NULL;
}

/* dir/name when it is a regular file, else NULL. */
static char *
regular_file(const char *dir, const char *name)
{
	struct buf b = BUF_INIT;
	struct stat st;

	if (dir != NULL) {
		if (*dir == '\0')
			return NULL;
		buf_append_str(&b, dir);
		if (b.ptr[b.len - 1] != '/')
			buf_append_char(&b, '/');
	}
	buf_append_str(&b, name);
	if (stat(b.ptr, &st) == 0 && S_ISREG(st.st_mode))
		return buf_detach(&b, NULL);
	buf_release(&b);
	return NULL;
}

char *
theme_find(const char *name, const char *user_dir, const char *data_dir)
{
	char *path;

	if (name == NULL || *name == '\0')
		return NULL;
	if (strchr(name, '/') != NULL)
		return regular_file(NULL, name);
	/* A bare name is a file in a directory, never a way out of it. */
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return NULL;
	if (user_dir != NULL && (path = regular_file(user_dir, name)) != NULL)
		return path;
	if (data_dir != NULL && (path = regular_file(data_dir, name)) != NULL)
		return path;
	return NULL;
}

/* *err = "SUBJECT: REASON", the subject (a name or path) made safe. */
static void
set_err(char **err, const char *subject, const char *reason)
{
	struct buf msg = BUF_INIT;

	if (err == NULL)
		return;
	text_safe_append(&msg, subject, strlen(subject));
	buf_printf(&msg, ": %s", reason);
	*err = buf_detach(&msg, NULL);
}

int
theme_load(struct theme *t, const char *name, const char *user_dir,
    const char *data_dir, void (*problem)(void *ctx, const char *msg),
    void *ctx, char **err)
{
	struct buf data = BUF_INIT;
	struct stat st;
	char *path;

	if (err != NULL)
		*err = NULL;
	theme_init(t);
	if (name == NULL)
		return 0;
	path = theme_find(name, user_dir, data_dir);
	if (path == NULL) {
		set_err(err, name, strchr(name, '/') != NULL ?
		    "no such theme file" : "no such theme in the user or "
		    "installed themes");
		return -1;
	}
	if (stat(path, &st) == 0 && st.st_size > THEME_FILE_MAX) {
		set_err(err, path, "too large for a theme");
		free(path);
		return -1;
	}
	if (buf_read_regular(&data, path) != 0) {
		set_err(err, path, buf_read_strerror(errno));
		buf_release(&data);
		free(path);
		return -1;
	}
	theme_parse(t, data.ptr, data.len, path, problem, ctx);
	free(t->name);
	t->name = xstrdup(name);
	buf_release(&data);
	free(path);
	return 0;
}

/* The RGB value of palette entry i (0..255) of xterm's 256 colours. */
static uint32_t
palette_rgb(int i)
{
	static const uint8_t level[6] = { 0, 95, 135, 175, 215, 255 };
	uint32_t g;

	if (i < 16)
		return basic_rgb[i];
	if (i >= 232) {
		g = (uint32_t)(8 + 10 * (i - 232));
		return g << 16 | g << 8 | g;
	}
	i -= 16;
	return (uint32_t)level[i / 36] << 16 |
	    (uint32_t)level[i / 6 % 6] << 8 | level[i % 6];
}

/* The RGB value of entry i (16..87) of xterm's 88 colours. */
static uint32_t
palette88_rgb(int i)
{
	static const uint8_t level[4] = { 0, 139, 205, 255 };
	static const uint8_t grey[8] = { 46, 92, 115, 139, 162, 185, 208,
	    231 };
	uint32_t g;

	if (i >= 80) {
		g = grey[i - 80];
		return g << 16 | g << 8 | g;
	}
	i -= 16;
	return (uint32_t)level[i / 16] << 16 |
	    (uint32_t)level[i / 4 % 4] << 8 | level[i % 4];
}

static uint32_t
distance(uint32_t a, uint32_t b)
{
	int32_t dr = (int32_t)(a >> 16 & 0xff) - (int32_t)(b >> 16 & 0xff);
	int32_t dg = (int32_t)(a >> 8 & 0xff) - (int32_t)(b >> 8 & 0xff);
	int32_t db = (int32_t)(a & 0xff) - (int32_t)(b & 0xff);

	return (uint32_t)(dr * dr + dg * dg + db * db);
}

/* The entry of from..to-1 in palette nearest rgb (the first of a tie). */
static int
nearest(uint32_t rgb, int from, int to, uint32_t (*palette)(int))
{
	uint32_t best = UINT32_MAX, d;
	int i, found = from;

	for (i = from; i < to; i++) {
		d = distance(rgb, palette(i));
		if (d < best) {
			best = d;
			found = i;
		}
	}
	return found;
}

int
theme_colour_nearest(int32_t c, int ncolours)
{
	uint32_t rgb;
	int i;

	if (c < 0 || ncolours < 8)
		return THEME_COLOUR_DEFAULT;
	if (THEME_COLOUR_IS_RGB(c))
		rgb = (uint32_t)c & 0xffffff;
	else if (c > 255)
		return THEME_COLOUR_DEFAULT;
	else if (c < ncolours && !(ncolours < 16 && c >= 8))
		return c;
	else
		rgb = palette_rgb(c);
	if (THEME_COLOUR_IS_RGB(c) && ncolours >= 256)
		return nearest(rgb, 16, 256, palette_rgb);
	if (THEME_COLOUR_IS_RGB(c) && ncolours >= 88)
		return nearest(rgb, 16, 88, palette88_rgb);
	i = nearest(rgb, 0, 16, palette_rgb);
	return ncolours < 16 && i >= 8 ? i - 8 : i;
}
