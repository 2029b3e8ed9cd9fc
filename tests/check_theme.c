/*
 * Unit tests for themes: every element and colour form parses, left-out
 * elements inherit, each bad line is named "PATH:LINE: reason 'word'"
 * while the rest loads, hostile bytes are survived, themes are found
 * user directory first, every shipped theme loads clean, and colours
 * map to 256, 88, 16 and 8 colour palettes.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "theme.h"
#include "check_run.h"

#ifndef THEMES_SRCDIR
#define THEMES_SRCDIR "themes"
#endif

static struct buf errors;
static int nerrors;

static void
collect(void *ctx, const char *msg)
{
	(void)ctx;
	buf_append_str(&errors, msg);
	buf_append_char(&errors, '\n');
	nerrors++;
}

static int
parse_len(struct theme *t, const char *text, size_t len)
{
	buf_reset(&errors);
	nerrors = 0;
	return theme_parse(t, text, len, "th", collect, NULL);
}

static int
parse(struct theme *t, const char *text)
{
	return parse_len(t, text, strlen(text));
}

static void
assert_style(const struct theme *t, enum theme_element e, int32_t fg,
    int32_t bg, unsigned attrs)
{
	ck_assert_msg(t->style[e].fg == fg && t->style[e].bg == bg &&
	    t->style[e].attrs == attrs,
	    "%s: fg %d bg %d attrs %u, wanted %d %d %u",
	    theme_element_name(e), (int)t->style[e].fg, (int)t->style[e].bg,
	    t->style[e].attrs, (int)fg, (int)bg, attrs);
}

static void
assert_error(const char *msg)
{
	ck_assert_msg(strstr(errors.ptr, msg) != NULL,
	    "no \"%s\" in:\n%s", msg, errors.ptr);
}

START_TEST(builtin_sets_every_element)
{
	struct theme t;
	int e;

	theme_init(&t);
	ck_assert_str_eq(t.name, "built-in");
	for (e = 0; e < THEME_NELEMENTS; e++)
		ck_assert_int_eq(t.style[e].set, 0);
	assert_style(&t, THEME_HEADLINE_UNREAD, 15, THEME_COLOUR_DEFAULT,
	    THEME_BOLD);
	assert_style(&t, THEME_SELECTION, 0, 6, THEME_BOLD);
	assert_style(&t, THEME_READER_TEXT, THEME_COLOUR_DEFAULT,
	    THEME_COLOUR_DEFAULT, 0);
	theme_release(&t);
	theme_release(&t);
}
END_TEST

START_TEST(element_names)
{
	int e;

	for (e = 0; e < THEME_NELEMENTS; e++) {
		ck_assert_ptr_nonnull(theme_element_name(e));
		ck_assert_int_eq(theme_element_find(theme_element_name(e)), e);
	}
	ck_assert_str_eq(theme_element_name(THEME_READER_LINK_NUMBER),
	    "reader.link-number");
	ck_assert_int_eq(theme_element_find("headline.unread"),
	    THEME_HEADLINE_UNREAD);
	ck_assert_int_eq(theme_element_find("headline."), -1);
	ck_assert_int_eq(theme_element_find(""), -1);
	ck_assert_int_eq(theme_element_find(NULL), -1);
	ck_assert_ptr_null(theme_element_name(THEME_NELEMENTS));
}
END_TEST

START_TEST(every_element_parses)
{
	struct buf text = BUF_INIT;
	struct theme t;
	int e;

	for (e = 0; e < THEME_NELEMENTS; e++)
		buf_printf(&text, "%s = underline color%d %d\n",
		    theme_element_name(e), e, e + 100);
	theme_init(&t);
	ck_assert_int_eq(parse(&t, text.ptr), 0);
	for (e = 0; e < THEME_NELEMENTS; e++) {
		ck_assert_int_eq(t.style[e].set, 1);
		assert_style(&t, e, e, e + 100, THEME_UNDERLINE);
	}
	theme_release(&t);
	buf_release(&text);
}
END_TEST

START_TEST(inheritance)
{
	struct theme t, builtin;

	theme_init(&builtin);
	theme_init(&t);
	ck_assert_int_eq(parse(&t, "headline = red\n"
	    "topic = bold green blue\n"
	    "reader.text = italic cyan\n"
	    "title = reverse\n"
	    "status = yellow black\n"
	    "selection = standout\n"
	    "feed.error = blink magenta\n"), 0);
	/* headline.* and search.match from headline */
	assert_style(&t, THEME_HEADLINE_UNREAD, 1, THEME_COLOUR_DEFAULT, 0);
	assert_style(&t, THEME_HEADLINE_DATE, 1, THEME_COLOUR_DEFAULT, 0);
	assert_style(&t, THEME_SEARCH_MATCH, 1, THEME_COLOUR_DEFAULT, 0);
	ck_assert_int_eq(t.style[THEME_HEADLINE_UNREAD].set, 0);
	/* topic.* and feed from topic; feed.error set itself */
	assert_style(&t, THEME_TOPIC_UNREAD, 2, 4, THEME_BOLD);
	assert_style(&t, THEME_FEED, 2, 4, THEME_BOLD);
	assert_style(&t, THEME_FEED_ERROR, 5, THEME_COLOUR_DEFAULT,
	    THEME_BLINK);
	/* reader.* and help.* from reader.text, both sides of it */
	assert_style(&t, THEME_READER_TITLE, 6, THEME_COLOUR_DEFAULT,
	    THEME_ITALIC);
	assert_style(&t, THEME_READER_LINK_NUMBER, 6, THEME_COLOUR_DEFAULT,
	    THEME_ITALIC);
	assert_style(&t, THEME_HELP_KEY, 6, THEME_COLOUR_DEFAULT,
	    THEME_ITALIC);
	assert_style(&t, THEME_FRONT_TITLE, THEME_COLOUR_DEFAULT,
	    THEME_COLOUR_DEFAULT, THEME_REVERSE);
	assert_style(&t, THEME_STATUS_ERROR, 3, 0, 0);
	assert_style(&t, THEME_PROMPT, 3, 0, 0);
	assert_style(&t, THEME_SELECTION_UNFOCUSED, THEME_COLOUR_DEFAULT,
	    THEME_COLOUR_DEFAULT, THEME_STANDOUT);
	/* untouched: the built-in default */
	ck_assert_mem_eq(&t.style[THEME_BORDER], &builtin.style[THEME_BORDER],
	    sizeof(struct theme_style));
	theme_release(&t);

	/* Grandparent: feed.error from topic when feed is left out. */
	theme_init(&t);
	ck_assert_int_eq(parse(&t, "topic = dim white\n"), 0);
	assert_style(&t, THEME_FEED_ERROR, 7, THEME_COLOUR_DEFAULT, THEME_DIM);
	theme_release(&t);

	/* A child the file gives keeps its own style. */
	theme_init(&t);
	ck_assert_int_eq(parse(&t, "headline.unread = bold\nheadline = red\n"),
	    0);
	assert_style(&t, THEME_HEADLINE_UNREAD, THEME_COLOUR_DEFAULT,
	    THEME_COLOUR_DEFAULT, THEME_BOLD);
	ck_assert_mem_eq(&t.style[THEME_TOPIC], &builtin.style[THEME_TOPIC],
	    sizeof(struct theme_style));
	theme_release(&t);
	theme_release(&builtin);
}
END_TEST

START_TEST(colour_forms)
{
	struct theme t;

	theme_init(&t);
	ck_assert_int_eq(parse(&t,
	    "title = black white\n"
	    "status = brightblack brightwhite\n"
	    "topic = RED Default\n"
	    "feed = color0 colour255\n"
	    "headline = 7 196\n"
	    "border = #ff8000 #00AAff\n"
	    "prompt = default default\n"
	    "selection = brightmagenta 015\n"), 0);
	assert_style(&t, THEME_TITLE, 0, 7, 0);
	assert_style(&t, THEME_STATUS, 8, 15, 0);
	assert_style(&t, THEME_TOPIC, 1, THEME_COLOUR_DEFAULT, 0);
	assert_style(&t, THEME_FEED, 0, 255, 0);
	assert_style(&t, THEME_HEADLINE, 7, 196, 0);
	assert_style(&t, THEME_BORDER, THEME_COLOUR_RGB | 0xff8000,
	    THEME_COLOUR_RGB | 0x00aaff, 0);
	ck_assert(THEME_COLOUR_IS_RGB(t.style[THEME_BORDER].fg));
	ck_assert(!THEME_COLOUR_IS_RGB(THEME_COLOUR_DEFAULT));
	ck_assert(!THEME_COLOUR_IS_RGB(255));
	assert_style(&t, THEME_PROMPT, THEME_COLOUR_DEFAULT,
	    THEME_COLOUR_DEFAULT, 0);
	assert_style(&t, THEME_SELECTION, 13, 15, 0);
	theme_release(&t);
}
END_TEST

START_TEST(attributes)
{
	struct theme t;

	theme_init(&t);
	ck_assert_int_eq(parse(&t,
	    "title = bold dim italic underline reverse blink standout\n"
	    "status = normal\n"
	    "topic = normal bold\n"
	    "feed = red bold\n"			/* attributes after colours */
	    "headline=BOLD\tgreen\n"
	    "border =   underline   blue  black   # trailing comment\n"
	    "  prompt\t=\treverse\r\n"), 0);
	assert_style(&t, THEME_TITLE, THEME_COLOUR_DEFAULT,
	    THEME_COLOUR_DEFAULT, THEME_BOLD | THEME_DIM | THEME_ITALIC |
	    THEME_UNDERLINE | THEME_REVERSE | THEME_BLINK | THEME_STANDOUT);
	assert_style(&t, THEME_STATUS, THEME_COLOUR_DEFAULT,
	    THEME_COLOUR_DEFAULT, 0);
	assert_style(&t, THEME_TOPIC, THEME_COLOUR_DEFAULT,
	    THEME_COLOUR_DEFAULT, THEME_BOLD);
	assert_style(&t, THEME_FEED, 1, THEME_COLOUR_DEFAULT, THEME_BOLD);
	assert_style(&t, THEME_HEADLINE, 2, THEME_COLOUR_DEFAULT, THEME_BOLD);
	assert_style(&t, THEME_BORDER, 4, 0, THEME_UNDERLINE);
	assert_style(&t, THEME_PROMPT, THEME_COLOUR_DEFAULT,
	    THEME_COLOUR_DEFAULT, THEME_REVERSE);
	theme_release(&t);
}
END_TEST

START_TEST(errors_named_rest_loads)
{
	struct buf text = BUF_INIT;
	struct theme t;
	size_t i;

	buf_append_str(&text, "# a theme\n"			/* 1 */
	    "headlin = red\n"					/* 2 */
	    "headline red\n"					/* 3 */
	    "topic = bold blu\n"				/* 4 */
	    "feed = red green blue\n"				/* 5 */
	    "status = color256\n"				/* 6 */
	    "title = #12345\n"					/* 7 */
	    "border = 1000\n"					/* 8 */
	    "\n"						/* 9 */
	    "headline.unread = bold yellow\n");			/* 10 */
	buf_append_str(&text, "reader.text = ");		/* 11 */
	for (i = 0; i < 300; i++)
		buf_append_str(&text, "bold ");
	buf_append_str(&text, "\nselection = reverse\n"		/* 12 */
	    "= red\n"						/* 13 */
	    "help.key = bold\x1b]0;pwned\x07\n"			/* 14 */
	    "prompt = brightpurple\n");				/* 15 */
	theme_init(&t);
	ck_assert_int_eq(parse(&t, text.ptr), 11);
	ck_assert_int_eq(nerrors, 11);
	assert_error("th:2: unknown element 'headlin'\n");
	assert_error("th:3: missing '=' after 'headline'\n");
	assert_error("th:4: unknown colour or attribute 'blu'\n");
	assert_error("th:5: too many colours at 'blue'\n");
	assert_error("th:6: unknown colour 'color256'\n");
	assert_error("th:7: unknown colour '#12345'\n");
	assert_error("th:8: unknown colour '1000'\n");
	assert_error("th:11: line too long at 'reader.text'\n");
	assert_error("th:13: unknown element ''\n");
	assert_error("th:14: unknown colour or attribute 'bold'\n");
	assert_error("th:15: unknown colour 'brightpurple'\n");
	/* no control character reaches a message */
	for (i = 0; i < errors.len; i++)
		ck_assert_msg((unsigned char)errors.ptr[i] >= 0x20 ||
		    errors.ptr[i] == '\n', "control byte in %s", errors.ptr);
	/* the good lines loaded, the bad ones changed nothing */
	assert_style(&t, THEME_HEADLINE_UNREAD, 3, THEME_COLOUR_DEFAULT,
	    THEME_BOLD);
	assert_style(&t, THEME_SELECTION, THEME_COLOUR_DEFAULT,
	    THEME_COLOUR_DEFAULT, THEME_REVERSE);
	ck_assert_int_eq(t.style[THEME_HEADLINE].set, 0);
	ck_assert_int_eq(t.style[THEME_TOPIC].set, 0);
	ck_assert_int_eq(t.style[THEME_FEED].set, 0);
	theme_release(&t);
	buf_release(&text);

	/* A message with no callback is dropped, not a crash. */
	theme_init(&t);
	ck_assert_int_eq(theme_parse(&t, "nope\n", 5, NULL, NULL, NULL), 1);
	theme_release(&t);
}
END_TEST

START_TEST(comments_and_hash_colours)
{
	struct theme t;

	theme_init(&t);
	ck_assert_int_eq(parse(&t, "#title = red\n"
	    "   # indented comment\n"
	    "status = red #00ff00 # a #comment\n"
	    "topic = bold #not-a-colour\n"
	    "feed = # all comment\n"), 0);
	ck_assert_int_eq(t.style[THEME_TITLE].set, 0);
	assert_style(&t, THEME_STATUS, 1, THEME_COLOUR_RGB | 0x00ff00, 0);
	assert_style(&t, THEME_TOPIC, THEME_COLOUR_DEFAULT,
	    THEME_COLOUR_DEFAULT, THEME_BOLD);
	assert_style(&t, THEME_FEED, THEME_COLOUR_DEFAULT,
	    THEME_COLOUR_DEFAULT, 0);
	theme_release(&t);
}
END_TEST

START_TEST(crlf_and_nul)
{
	static const char crlf[] = "title = bold red\r\n\r\n"
	    "status = green blue\r\nbogus = red\r\n";
	static const char nul[] = "title = bold red\n"
	    "sta\0tus = green\n"
	    "topic = bo\0ld\n"
	    "feed = blue\0\n"
	    "\0\0\0\n"
	    "headline = cyan";		/* no final newline */
	static const char junk[] = "\xff\xfe = \xc3\x28\n"
	    "title = \xe2\x82\n\x80\x80\x80=\x80\n===\n= = =\n";
	struct theme t;

	theme_init(&t);
	ck_assert_int_eq(parse_len(&t, crlf, sizeof(crlf) - 1), 1);
	assert_error("th:4: unknown element 'bogus'");
	assert_style(&t, THEME_TITLE, 1, THEME_COLOUR_DEFAULT, THEME_BOLD);
	assert_style(&t, THEME_STATUS, 2, 4, 0);
	theme_release(&t);

	theme_init(&t);
	ck_assert_int_eq(parse_len(&t, nul, sizeof(nul) - 1), 4);
	assert_error("th:2: unknown element 'status'");
	assert_error("th:3: unknown colour or attribute 'bold'");
	assert_error("th:4: unknown colour or attribute 'blue'");
	assert_error("th:5: missing '=' after ''");
	assert_style(&t, THEME_TITLE, 1, THEME_COLOUR_DEFAULT, THEME_BOLD);
	assert_style(&t, THEME_HEADLINE, 6, THEME_COLOUR_DEFAULT, 0);
	ck_assert_int_eq(t.style[THEME_STATUS].set, 0);
	theme_release(&t);

	theme_init(&t);
	ck_assert_int_eq(parse_len(&t, junk, sizeof(junk) - 1), 5);
	ck_assert_int_eq(parse_len(&t, "", 0), 0);
	ck_assert_int_eq(theme_parse(&t, NULL, 10, "th", collect, NULL), 0);
	theme_release(&t);
}
END_TEST

static char *
write_file(const char *dir, const char *name, const char *text)
{
	struct buf path = BUF_INIT;
	FILE *f;

	buf_printf(&path, "%s/%s", dir, name);
	f = fopen(path.ptr, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	return buf_detach(&path, NULL);
}

START_TEST(find_and_load)
{
	char tmpl[] = "/tmp/check_theme.XXXXXX", *root, *p, *err;
	struct buf user = BUF_INIT, data = BUF_INIT;
	char *a, *b, *c, *d;
	struct theme t;

	root = mkdtemp(tmpl);
	ck_assert_ptr_nonnull(root);
	buf_printf(&user, "%s/user", root);
	buf_printf(&data, "%s/data", root);
	ck_assert_int_eq(mkdir(user.ptr, 0700), 0);
	ck_assert_int_eq(mkdir(data.ptr, 0700), 0);
	a = write_file(user.ptr, "both", "title = red\n");
	b = write_file(data.ptr, "both", "title = green\n");
	c = write_file(data.ptr, "dataonly", "title = blue\nnope = 1\n");
	d = write_file(root, "direct", "title = cyan\n");

	/* the user directory first, then the data directory */
	p = theme_find("both", user.ptr, data.ptr);
	ck_assert_str_eq(p, a);
	free(p);
	p = theme_find("dataonly", user.ptr, data.ptr);
	ck_assert_str_eq(p, c);
	free(p);
	p = theme_find("both", NULL, data.ptr);
	ck_assert_str_eq(p, b);
	free(p);
	ck_assert_ptr_null(theme_find("dataonly", user.ptr, NULL));
	ck_assert_ptr_null(theme_find("missing", user.ptr, data.ptr));
	ck_assert_ptr_null(theme_find("both", NULL, NULL));
	/* a directory is not a theme; a bare name never leaves its dir */
	ck_assert_ptr_null(theme_find("user", root, NULL));
	ck_assert_ptr_null(theme_find("..", user.ptr, data.ptr));
	ck_assert_ptr_null(theme_find("", user.ptr, data.ptr));
	ck_assert_ptr_null(theme_find(NULL, user.ptr, data.ptr));
	/* a name with '/' is a path, directories unused */
	p = theme_find(d, user.ptr, data.ptr);
	ck_assert_str_eq(p, d);
	free(p);
	ck_assert_ptr_null(theme_find("/nonexistent/theme", user.ptr,
	    data.ptr));

	ck_assert_int_eq(theme_load(&t, "both", user.ptr, data.ptr, collect,
	    NULL, &err), 0);
	ck_assert_str_eq(t.name, "both");
	ck_assert_int_eq(t.style[THEME_TITLE].fg, 1);
	theme_release(&t);

	buf_reset(&errors);
	nerrors = 0;
	ck_assert_int_eq(theme_load(&t, "dataonly", user.ptr, data.ptr,
	    collect, NULL, &err), 0);
	ck_assert_int_eq(t.style[THEME_TITLE].fg, 4);
	ck_assert_int_eq(nerrors, 1);
	assert_error("/data/dataonly:2: unknown element 'nope'");
	theme_release(&t);

	ck_assert_int_eq(theme_load(&t, d, NULL, NULL, collect, NULL, &err),
	    0);
	ck_assert_int_eq(t.style[THEME_TITLE].fg, 6);
	theme_release(&t);

	/* missing: -1, a reason naming it, and the built-in default */
	err = NULL;
	ck_assert_int_eq(theme_load(&t, "gone\x1b[2J", user.ptr, data.ptr,
	    collect, NULL, &err), -1);
	ck_assert_ptr_nonnull(err);
	ck_assert_msg(strstr(err, "gone") != NULL &&
	    strchr(err, '\x1b') == NULL, "%s", err);
	ck_assert_str_eq(t.name, "built-in");
	ck_assert_int_eq(t.style[THEME_TITLE].fg, 15);
	free(err);
	theme_release(&t);
	err = NULL;
	ck_assert_int_eq(theme_load(&t, "/nonexistent/x", NULL, NULL,
	    collect, NULL, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent/x"));
	free(err);
	theme_release(&t);
	ck_assert_int_eq(theme_load(&t, "gone", NULL, NULL, NULL, NULL, NULL),
	    -1);
	theme_release(&t);
	/* no name: the built-in default */
	ck_assert_int_eq(theme_load(&t, NULL, user.ptr, data.ptr, NULL, NULL,
	    &err), 0);
	ck_assert_ptr_null(err);
	ck_assert_str_eq(t.name, "built-in");
	theme_release(&t);

	unlink(a);
	unlink(b);
	unlink(c);
	unlink(d);
	rmdir(user.ptr);
	rmdir(data.ptr);
	rmdir(root);
	free(a);
	free(b);
	free(c);
	free(d);
	buf_release(&user);
	buf_release(&data);
}
END_TEST

static const char *const shipped[] = {
	"default", "light", "high-contrast", "monochrome",
};

/* Every line of the file names an element, each element exactly once. */
static void
assert_lists_every_element(const char *name)
{
	struct buf path = BUF_INIT, text = BUF_INIT;
	int seen[THEME_NELEMENTS] = { 0 }, e;
	const char *p, *nl;
	size_t n;

	buf_printf(&path, "%s/%s", THEMES_SRCDIR, name);
	ck_assert_int_eq(buf_read_file(&text, path.ptr), 0);
	for (p = text.ptr; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		ck_assert_msg(nl != NULL, "%s: no final newline", name);
		if (*p == '#' || *p == '\n')
			continue;
		n = strcspn(p, " =");
		for (e = 0; e < THEME_NELEMENTS; e++)
			if (strlen(theme_element_name(e)) == n &&
			    strncmp(theme_element_name(e), p, n) == 0)
				seen[e]++;
	}
	for (e = 0; e < THEME_NELEMENTS; e++)
		ck_assert_msg(seen[e] == 1, "%s lists %s %d times", name,
		    theme_element_name(e), seen[e]);
	buf_release(&path);
	buf_release(&text);
}

START_TEST(shipped_themes_load_clean)
{
	struct theme t;
	char *err = NULL;
	int e;

	buf_reset(&errors);
	nerrors = 0;
	ck_assert_int_eq(theme_load(&t, shipped[_i], NULL, THEMES_SRCDIR,
	    collect, NULL, &err), 0);
	ck_assert_msg(nerrors == 0, "%s: %s", shipped[_i], errors.ptr);
	ck_assert_str_eq(t.name, shipped[_i]);
	for (e = 0; e < THEME_NELEMENTS; e++)
		ck_assert_msg(t.style[e].set, "%s leaves out %s", shipped[_i],
		    theme_element_name(e));
	assert_lists_every_element(shipped[_i]);
	theme_release(&t);
}
END_TEST

START_TEST(default_file_is_builtin)
{
	struct theme builtin, file;
	char *err = NULL;
	int e;

	theme_init(&builtin);
	ck_assert_int_eq(theme_load(&file, "default", NULL, THEMES_SRCDIR,
	    collect, NULL, &err), 0);
	for (e = 0; e < THEME_NELEMENTS; e++)
		assert_style(&builtin, e, file.style[e].fg, file.style[e].bg,
		    file.style[e].attrs);
	theme_release(&builtin);
	theme_release(&file);
}
END_TEST

START_TEST(light_and_monochrome_rules)
{
	struct theme t;
	char *err = NULL;
	int e, fg;

	/* light: no white or yellow text, at any palette size */
	ck_assert_int_eq(theme_load(&t, "light", NULL, THEMES_SRCDIR, NULL,
	    NULL, &err), 0);
	for (e = 0; e < THEME_NELEMENTS; e++) {
		fg = theme_colour_nearest(t.style[e].fg, 16);
		ck_assert_msg(fg != 3 && fg != 7 && fg != 11 && fg != 15,
		    "light: %s has fg %d", theme_element_name(e), fg);
	}
	theme_release(&t);
	/* monochrome: attributes only */
	ck_assert_int_eq(theme_load(&t, "monochrome", NULL, THEMES_SRCDIR,
	    NULL, NULL, &err), 0);
	for (e = 0; e < THEME_NELEMENTS; e++) {
		ck_assert_int_eq(t.style[e].fg, THEME_COLOUR_DEFAULT);
		ck_assert_int_eq(t.style[e].bg, THEME_COLOUR_DEFAULT);
	}
	ck_assert_uint_ne(t.style[THEME_SELECTION].attrs, 0);
	theme_release(&t);
	/* high-contrast: the selection in reverse video */
	ck_assert_int_eq(theme_load(&t, "high-contrast", NULL, THEMES_SRCDIR,
	    NULL, NULL, &err), 0);
	ck_assert(t.style[THEME_SELECTION].attrs & THEME_REVERSE);
	theme_release(&t);
}
END_TEST

#define RGB(x) (THEME_COLOUR_RGB | (x))

START_TEST(colour_nearest)
{
	int i;

	ck_assert_int_eq(theme_colour_nearest(RGB(0xff0000), 256), 196);
	ck_assert_int_eq(theme_colour_nearest(RGB(0xff0000), 16), 9);
	ck_assert_int_eq(theme_colour_nearest(RGB(0xff0000), 8), 1);
	ck_assert_int_eq(theme_colour_nearest(RGB(0x808080), 256), 244);
	ck_assert_int_eq(theme_colour_nearest(RGB(0x000000), 256), 16);
	ck_assert_int_eq(theme_colour_nearest(RGB(0xffffff), 256), 231);
	ck_assert_int_eq(theme_colour_nearest(RGB(0x5f87af), 256), 67);
	ck_assert_int_eq(theme_colour_nearest(RGB(0x080808), 256), 232);
	ck_assert_int_eq(theme_colour_nearest(RGB(0xeeeeee), 256), 255);
	ck_assert_int_eq(theme_colour_nearest(RGB(0x0000ff), 16), 4);
	ck_assert_int_eq(theme_colour_nearest(RGB(0x6060ff), 16), 12);
	ck_assert_int_eq(theme_colour_nearest(RGB(0x6060ff), 8), 4);
	ck_assert_int_eq(theme_colour_nearest(RGB(0x101010), 16), 0);
	ck_assert_int_eq(theme_colour_nearest(RGB(0x00cdcd), 16), 6);
	ck_assert_int_eq(theme_colour_nearest(RGB(0xff0000), 88), 64);
	ck_assert_int_eq(theme_colour_nearest(RGB(0x2e2e2e), 88), 80);
	/* indexes in the palette stay; beyond it, the nearest basic one */
	for (i = 0; i < 256; i++)
		ck_assert_int_eq(theme_colour_nearest(i, 256), i);
	for (i = 0; i < 16; i++)
		ck_assert_int_eq(theme_colour_nearest(i, 16), i);
	for (i = 0; i < 8; i++) {
		ck_assert_int_eq(theme_colour_nearest(i, 8), i);
		ck_assert_int_eq(theme_colour_nearest(i + 8, 8), i);
	}
	ck_assert_int_eq(theme_colour_nearest(200, 16), 13);
	ck_assert_int_eq(theme_colour_nearest(196, 16), 9);
	ck_assert_int_eq(theme_colour_nearest(196, 8), 1);
	ck_assert_int_eq(theme_colour_nearest(244, 16), 8);
	ck_assert_int_eq(theme_colour_nearest(87, 88), 87);
	ck_assert_int_eq(theme_colour_nearest(231, 88), 15);
	for (i = 16; i < 256; i++) {
		ck_assert_int_lt(theme_colour_nearest(i, 16), 16);
		ck_assert_int_lt(theme_colour_nearest(i, 8), 8);
		ck_assert_int_lt(theme_colour_nearest(i, 88), 88);
	}
	/* default stays default; nothing to show on a terminal without colour */
	ck_assert_int_eq(theme_colour_nearest(THEME_COLOUR_DEFAULT, 256),
	    THEME_COLOUR_DEFAULT);
	ck_assert_int_eq(theme_colour_nearest(THEME_COLOUR_DEFAULT, 8),
	    THEME_COLOUR_DEFAULT);
	ck_assert_int_eq(theme_colour_nearest(1, 2), THEME_COLOUR_DEFAULT);
	ck_assert_int_eq(theme_colour_nearest(RGB(0xff0000), 0),
	    THEME_COLOUR_DEFAULT);
	ck_assert_int_eq(theme_colour_nearest(-5, 256), THEME_COLOUR_DEFAULT);
	ck_assert_int_eq(theme_colour_nearest(256, 256), THEME_COLOUR_DEFAULT);
}
END_TEST

static Suite *
theme_suite(void)
{
	Suite *s = suite_create("theme");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, builtin_sets_every_element);
	tcase_add_test(tc, element_names);
	tcase_add_test(tc, every_element_parses);
	tcase_add_test(tc, inheritance);
	tcase_add_test(tc, colour_forms);
	tcase_add_test(tc, attributes);
	tcase_add_test(tc, errors_named_rest_loads);
	tcase_add_test(tc, comments_and_hash_colours);
	tcase_add_test(tc, crlf_and_nul);
	tcase_add_test(tc, find_and_load);
	tcase_add_loop_test(tc, shipped_themes_load_clean, 0,
	    (int)(sizeof(shipped) / sizeof(shipped[0])));
	tcase_add_test(tc, default_file_is_builtin);
	tcase_add_test(tc, light_and_monochrome_rules);
	tcase_add_test(tc, colour_nearest);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(theme_suite());
}
