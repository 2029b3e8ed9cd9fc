/*
 * Unit tests for the HTML renderer and display widths. Every rendered
 * document is checked against render.h's invariants (spans cover each
 * line in order, no control bytes, valid UTF-8, widths right and within
 * the width but for preformatted lines) before its text is compared.
 */
#include <check.h>
#include <gumbo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "charset.h"
#include "check_run.h"
#include "html_depth.h"
#include "render.h"
#include "wcwidth.h"

static void
assert_invariants(const struct render_doc *d)
{
	const struct render_line *l;
	size_t i, j, at;

	for (i = 0; i < d->nlines; i++) {
		l = &d->lines[i];
		ck_assert_ptr_nonnull(l->text);
		ck_assert_int_eq(l->text[l->len], '\0');
		ck_assert_uint_eq(utf8_valid_prefix(l->text, l->len), l->len);
		for (j = 0; j < l->len; j++)
			ck_assert_msg((unsigned char)l->text[j] >= 0x20 &&
			    l->text[j] != 0x7F, "line %zu: control byte", i);
		ck_assert_int_eq(l->width, utf8_width(l->text, l->len));
		if (!(l->flags & RENDER_LINE_PRE))
			ck_assert_msg(l->width <= d->width,
			    "line %zu is %d wide: %s", i, l->width, l->text);
		ck_assert(l->len == 0 || l->text[l->len - 1] != ' ');
		for (at = 0, j = 0; j < l->nspans; j++) {
			ck_assert_uint_eq(l->spans[j].start, at);
			ck_assert_uint_gt(l->spans[j].len, 0);
			ck_assert_int_ge(l->spans[j].link, 0);
			ck_assert_int_le(l->spans[j].link, (int)d->nlinks);
			if (j > 0)
				ck_assert(l->spans[j].attr !=
				    l->spans[j - 1].attr ||
				    l->spans[j].link != l->spans[j - 1].link);
			at += l->spans[j].len;
		}
		ck_assert_uint_eq(at, l->len);
	}
	for (i = 0; i < d->nlinks; i++)
		for (j = 0; d->links[i][j] != '\0'; j++)
			ck_assert((unsigned char)d->links[i][j] >= 0x20);
}

/* The plain text of html at width, base NULL; the caller frees it. */
static char *
render_base(const char *html, int width, const char *base,
    struct render_doc *keep)
{
	struct render_doc d;
	struct buf out = BUF_INIT;

	ck_assert_int_eq(render_html(html, strlen(html), base, width, &d), 0);
	assert_invariants(&d);
	render_doc_write_text(&d, &out);
	if (keep != NULL)
		*keep = d;
	else
		render_doc_release(&d);
	return buf_detach(&out, NULL);
}

static char *
render(const char *html, int width)
{
	return render_base(html, width, NULL, NULL);
}

#define ck_render(html, width, want)				\
	do {							\
		char *got_ = render((html), (width));		\
		ck_assert_str_eq(got_, (want));			\
		free(got_);					\
	} while (0)

/* The attr and link of the span holding byte at of line i. */
static const struct render_span *
span_at(const struct render_doc *d, size_t i, const char *word)
{
	const struct render_line *l;
	const char *p;
	size_t off, j;

	ck_assert_uint_lt(i, d->nlines);
	l = &d->lines[i];
	p = strstr(l->text, word);
	ck_assert_msg(p != NULL, "'%s' not in line %zu: %s", word, i, l->text);
	off = (size_t)(p - l->text);
	for (j = 0; j < l->nspans; j++)
		if (off >= l->spans[j].start &&
		    off < l->spans[j].start + l->spans[j].len)
			return &l->spans[j];
	ck_abort_msg("no span");
	return NULL;
}

START_TEST(paragraphs_and_breaks)
{
	ck_render("<p>one</p><p>two</p>", 72, "one\n\ntwo\n");
	ck_render("a<br>b", 72, "a\nb\n");
	ck_render("a<br><br>b<br>", 72, "a\n\nb\n");
	/* Blank lines do not pile up, nor start the text. */
	ck_render("<br><p>a<br><br><br><br>b</p><p><br>c</p>", 72,
	    "a\n\nb\n\nc\n");
	ck_render("<ul><li></li></ul><p>x</p>", 72, "\xe2\x80\xa2\n\nx\n");
	ck_render("<div>a</div><div>b</div>", 72, "a\nb\n");
	ck_render("<p>x</p><div><p>y</p></div><p>z</p>", 72,
	    "x\n\ny\n\nz\n");
	ck_render("", 72, "");
}
END_TEST

START_TEST(whitespace_and_entities)
{
	ck_render("<p>  a \t\n b  <b> c </b> d </p>", 72, "a b c d\n");
	ck_render("<p>&lt;tag&gt; &amp; &eacute;&#x263A;&nbsp;x</p>", 72,
	    "<tag> & \xc3\xa9\xe2\x98\xba\xc2\xa0x\n");
	ck_render("<p>soft&shy;hyphen</p>", 72, "softhyphen\n");
}
END_TEST

START_TEST(headings)
{
	struct render_doc d;
	char *got = render_base("<h1>Title</h1><p>text</p><h3>Sub</h3>",
	    72, NULL, &d);

	ck_assert_str_eq(got, "# Title\n\ntext\n\n### Sub\n");
	ck_assert(span_at(&d, 0, "Title")->attr & RENDER_HEADING);
	ck_assert(span_at(&d, 0, "#")->attr & RENDER_DIM);
	ck_assert_uint_eq(span_at(&d, 2, "text")->attr, 0);
	free(got);
	render_doc_release(&d);
	ck_render("<h2>a heading long enough to wrap</h2>", 20,
	    "## a heading long\n   enough to wrap\n");
}
END_TEST

START_TEST(inline_styles)
{
	struct render_doc d;
	char *got = render_base("<p><b>B</b> <strong>S</strong> <i>I</i> "
	    "<em>E</em> <u>U</u> <ins>N</ins> <code>C</code> "
	    "<b><i>BI</i></b></p>", 72, NULL, &d);

	ck_assert_str_eq(got, "B S I E U N C BI\n");
	ck_assert_uint_eq(span_at(&d, 0, "B")->attr, RENDER_BOLD);
	ck_assert_uint_eq(span_at(&d, 0, "S")->attr, RENDER_BOLD);
	ck_assert_uint_eq(span_at(&d, 0, "I")->attr, RENDER_ITALIC);
	ck_assert_uint_eq(span_at(&d, 0, "E")->attr, RENDER_ITALIC);
	ck_assert_uint_eq(span_at(&d, 0, "U")->attr, RENDER_UNDERLINE);
	ck_assert_uint_eq(span_at(&d, 0, "N")->attr, RENDER_UNDERLINE);
	ck_assert_uint_eq(span_at(&d, 0, "C")->attr, RENDER_CODE);
	ck_assert_uint_eq(span_at(&d, 0, "BI")->attr,
	    RENDER_BOLD | RENDER_ITALIC);
	/* The space between two styles is plain. */
	ck_assert_uint_eq(span_at(&d, 0, " S")->attr, 0);
	free(got);
	render_doc_release(&d);
}
END_TEST

START_TEST(links_numbered)
{
	struct render_doc d;
	char *got = render_base("<p><a href='/a'>first</a> "
	    "<a href='b.html'>second</a> <a href='http://e.org/a'>again</a> "
	    "<a href='javascript:alert(1)'>js</a> "
	    "<a href=' JavaScript:x'>js2</a> <a href=''>empty</a> "
	    "<a>none</a> <a href='#top'>top</a> "
	    "<a href='data:text/html,x'>data</a></p>",
	    72, "http://e.org/dir/page", &d);

	ck_assert_str_eq(got, "first[1] second[2] again[1] js js2 empty "
	    "none top data\n\nLinks:\n[1] http://e.org/a\n"
	    "[2] http://e.org/dir/b.html\n");
	ck_assert_uint_eq(d.nlinks, 2);
	ck_assert_str_eq(d.links[1], "http://e.org/dir/b.html");
	ck_assert_uint_eq(span_at(&d, 0, "first")->attr, RENDER_LINK);
	ck_assert_int_eq(span_at(&d, 0, "first")->link, 1);
	ck_assert_uint_eq(span_at(&d, 0, "[1]")->attr, RENDER_DIM);
	ck_assert_int_eq(span_at(&d, 0, "[1]")->link, 1);
	ck_assert_int_eq(span_at(&d, 0, "[2]")->link, 2);
	ck_assert_int_eq(span_at(&d, 0, "js")->link, 0);
	ck_assert_int_eq(span_at(&d, 0, " second")->link, 0);
	free(got);
	render_doc_release(&d);
	/* No base: relative links stay relative. */
	ck_render("<a href='x/y'>r</a>", 72, "r[1]\n\nLinks:\n[1] x/y\n");
}
END_TEST

START_TEST(base_resolution)
{
	char *got;

	got = render_base("<html><head><base href='/sub/'></head><body>"
	    "<a href='p'>p</a> <img src='../i.png'></body></html>", 72,
	    "https://h.example/a/b", NULL);
	ck_assert_str_eq(got, "p[1] [image][2]\n\nLinks:\n"
	    "[1] https://h.example/sub/p\n[2] https://h.example/i.png\n");
	free(got);
	got = render_base("<a href='?q=1'>q</a><a href='//o.example/'>o</a>",
	    72, "http://h.example/x", NULL);
	ck_assert_str_eq(got, "q[1]o[2]\n\nLinks:\n[1] http://h.example/x?q=1\n"
	    "[2] http://o.example/\n");
	free(got);
}
END_TEST

START_TEST(lists)
{
	ck_render("<ul><li>a</li><li>b<ul><li>c<ul><li>d</li></ul></li>"
	    "</ul></li></ul>", 72,
	    "\xe2\x80\xa2 a\n\xe2\x80\xa2 b\n  \xe2\x97\xa6 c\n"
	    "    \xe2\x96\xaa d\n");
	ck_render("<p>x</p><ol><li>a</li><li>b<ol><li>c</li><li>d</li></ol>"
	    "</li><li>e</li></ol><p>y</p>", 72,
	    "x\n\n1. a\n2. b\n   1. c\n   2. d\n3. e\n\ny\n");
	ck_render("<ol start='9'><li>i</li><li>j</li><li value='20'>k</li>"
	    "<li>l</li></ol>", 72, " 9. i\n10. j\n20. k\n21. l\n");
	ck_render("<ol reversed><li>a</li><li>b</li></ol>", 72,
	    "2. a\n1. b\n");
	/* Hanging indent. */
	ck_render("<ul><li>one two three four five six</li></ul>", 20,
	    "\xe2\x80\xa2 one two three four\n  five six\n");
	ck_render("<ol><li><p>p1</p><p>p2</p></li><li>q</li></ol>", 72,
	    "1. p1\n\n   p2\n\n2. q\n");
}
END_TEST

START_TEST(blockquotes)
{
	struct render_doc d;
	char *got = render_base("<p>before</p><blockquote><p>one</p>"
	    "<p>two words here</p><blockquote>deep</blockquote>"
	    "</blockquote><p>after</p>", 20, NULL, &d);

	ck_assert_str_eq(got, "before\n\n\xe2\x94\x82 one\n\xe2\x94\x82\n"
	    "\xe2\x94\x82 two words here\n\xe2\x94\x82\n"
	    "\xe2\x94\x82 \xe2\x94\x82 deep\n\nafter\n");
	ck_assert(span_at(&d, 2, "\xe2\x94\x82")->attr & RENDER_QUOTE);
	ck_assert(span_at(&d, 2, "one")->attr & RENDER_QUOTE);
	ck_assert_uint_eq(span_at(&d, 8, "after")->attr, 0);
	free(got);
	render_doc_release(&d);
}
END_TEST

START_TEST(preformatted)
{
	struct render_doc d;
	char *got = render_base("<p>a</p><pre>\n  x\ty\n\tz  <b>b</b>"
	    "\n\n" "a very long line that goes past twenty columns</pre>"
	    "<p>x <code>c  d</code></p>", 20, NULL, &d);

	ck_assert_str_eq(got, "a\n\n  x     y\n        z  b\n\n"
	    "a very long line that goes past twenty columns\n\nx c d\n");
	ck_assert(d.lines[2].flags & RENDER_LINE_PRE);
	ck_assert(d.lines[5].flags & RENDER_LINE_PRE);
	ck_assert_uint_eq(span_at(&d, 2, "x")->attr, RENDER_CODE);
	ck_assert_uint_eq(span_at(&d, 3, "b")->attr,
	    RENDER_CODE | RENDER_BOLD);
	ck_assert_uint_eq(span_at(&d, 7, "c d")->attr, RENDER_CODE);
	ck_assert(!(d.lines[7].flags & RENDER_LINE_PRE));
	free(got);
	render_doc_release(&d);
}
END_TEST

START_TEST(tables)
{
	struct render_doc d;
	char *got;

	/* Fits: aligned, header bold and ruled. */
	got = render_base("<table><tr><th>Name</th><th>Qty</th></tr>"
	    "<tr><td>apple</td><td>3</td></tr><tr><td>fig</td>"
	    "<td>12</td></tr></table>", 40, NULL, &d);
	ck_assert_str_eq(got, "Name   Qty\n\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\napple  3\nfig    12\n");
	ck_assert_uint_eq(span_at(&d, 0, "Name")->attr, RENDER_BOLD);
	ck_assert_uint_eq(span_at(&d, 2, "apple")->attr, 0);
	free(got);
	render_doc_release(&d);
	/* Does not fit: one block per row, "Header: value". */
	ck_render("<table><thead><tr><th>Name</th><th>Notes</th></tr></thead>"
	    "<tr><td>apple</td><td>a long note about apples</td></tr>"
	    "<tr><td>fig</td><td>short</td></tr></table>", 20,
	    "Name: apple\nNotes: a long note\nabout apples\n\n"
	    "Name: fig\nNotes: short\n");
	/* Without a header row, cells one per line. */
	ck_render("<p>x</p><table><tr><td>one two three</td>"
	    "<td>four five six</td></tr></table><p>y</p>", 20,
	    "x\n\none two three\nfour five six\n\ny\n");
	/* Wide characters, colspan and a caption. */
	ck_render("<table><caption>Cap</caption><tr><td colspan=2>"
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xa7\xe3\x81\x99"
	    "</td></tr><tr><td>a</td><td>b</td></tr></table>", 72,
	    "Cap\n\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xa7\xe3\x81\x99"
	    "\na  b\n");
	/* Blocks in a cell are words; nested tables are flattened. */
	ck_render("<table><tr><td><p>a</p><p>b</p></td><td><table><tr>"
	    "<td>c</td><td>d</td></tr></table></td></tr></table>", 72,
	    "a b  c d\n");
}
END_TEST

START_TEST(images_and_media)
{
	ck_render("<p>see <img src='/p.png' alt='a cat'> and <img src=q.gif>"
	    "</p>", 72, "see [image: a cat][1] and [image][2]\n\nLinks:\n"
	    "[1] /p.png\n[2] q.gif\n");
	ck_render("<a href='/big'><img src='/small' alt='x'></a>", 72,
	    "[image: x][1]\n\nLinks:\n[1] /big\n");
	ck_render("<img src='data:image/gif;base64,AAAA' data-src='/r.jpg'>",
	    72, "[image][1]\n\nLinks:\n[1] /r.jpg\n");
	ck_render("<p>a<video src='/v.mp4'>fallback</video>b</p>", 72,
	    "a\n[video: /v.mp4][1]\nb\n\nLinks:\n[1] /v.mp4\n");
	ck_render("<audio><source src='/s.ogg'></audio>"
	    "<iframe src='https://y.example/e'></iframe>"
	    "<embed src='/e.swf'><object data='/o.pdf'>x</object>"
	    "<video></video>", 72,
	    "[audio: /s.ogg][1]\n[iframe: https://y.example/e][2]\n"
	    "[embed: /e.swf][3]\n[object: /o.pdf][4]\n[video]\n\nLinks:\n"
	    "[1] /s.ogg\n[2] https://y.example/e\n[3] /e.swf\n[4] /o.pdf\n");
}
END_TEST

START_TEST(rules_definitions_figures)
{
	ck_render("<p>a</p><hr><p>b</p>", 20, "a\n\n"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\n\nb\n");
	ck_render("<dl><dt>Term</dt><dd>the meaning of it</dd><dt>T2</dt>"
	    "<dd>m2</dd></dl>", 20,
	    "Term\n    the meaning of\n    it\nT2\n    m2\n");
	ck_render("<p>x</p><figure><img src=/f alt=F><figcaption>A "
	    "caption</figcaption></figure><p>y</p>", 72,
	    "x\n\n[image: F][1]\nA caption\n\ny\n\nLinks:\n[1] /f\n");
}
END_TEST

START_TEST(dropped_content)
{
	ck_render("<html><head><title>T</title><style>p{}</style>"
	    "<script>x()</script></head><body>a<script>evil()</script>"
	    "<style>.c{}</style><template>tpl</template>"
	    "<div hidden>h1</div><p aria-hidden='TRUE'>h2</p>"
	    "<span style='color:red; DISPLAY : none'>h3</span>"
	    "<span style='visibility:hidden'>h4</span>"
	    "<span aria-hidden='false'>b</span><svg><text>s</text></svg>"
	    "<select><option>o</option></select><input value=i>"
	    "<noscript>c</noscript></body></html>", 72, "abc\n");
}
END_TEST

START_TEST(wrapping_by_display_width)
{
	static const char cjk[] = "\xe6\x97\xa5";	/* U+65E5, 2 columns */
	struct buf html = BUF_INIT;
	struct render_doc d;
	size_t i;
	char *got;

	buf_append_str(&html, "<p>");
	for (i = 0; i < 30; i++)
		buf_append_str(&html, cjk);
	buf_append_str(&html, "</p>");
	got = render_base(html.ptr, 20, NULL, &d);
	ck_assert_uint_eq(d.nlines, 3);
	for (i = 0; i < d.nlines; i++) {
		ck_assert_int_eq(d.lines[i].width, 20);
		ck_assert_uint_eq(d.lines[i].len, 30);
	}
	free(got);
	render_doc_release(&d);
	/* A word too long is cut at the width; words wrap at spaces. */
	ck_render("<p>aaaaaaaaaaaaaaaaaaaaaaaaa bb cc</p>", 20,
	    "aaaaaaaaaaaaaaaaaaaa\naaaaa bb cc\n");
	ck_render("<p>one two three four five six seven</p>", 20,
	    "one two three four\nfive six seven\n");
	/* Combining marks take no column and stay with their letter. */
	buf_reset(&html);
	buf_append_str(&html, "<p>");
	for (i = 0; i < 25; i++)
		buf_append_str(&html, "e\xcc\x81");
	buf_append_str(&html, "</p>");
	got = render_base(html.ptr, 20, NULL, &d);
	ck_assert_uint_eq(d.nlines, 2);
	ck_assert_int_eq(d.lines[0].width, 20);
	ck_assert_uint_eq(d.lines[0].len, 60);
	ck_assert_int_eq(d.lines[1].width, 5);
	free(got);
	render_doc_release(&d);
	/* Emoji are two columns: 11 of them need two lines of 20. */
	buf_reset(&html);
	for (i = 0; i < 11; i++)
		buf_append_str(&html, "\xf0\x9f\x98\x80");
	got = render_base(html.ptr, 20, NULL, &d);
	ck_assert_uint_eq(d.nlines, 2);
	ck_assert_int_eq(d.lines[0].width, 20);
	ck_assert_int_eq(d.lines[1].width, 2);
	free(got);
	render_doc_release(&d);
	buf_release(&html);
}
END_TEST

START_TEST(terminal_safety)
{
	/* gumbo makes controls U+FFFD; the bidi controls are ours. */
	/* Escape sequences go whole; other controls, as gumbo reads them. */
	ck_render("<p>a\x1b]52;c;AAAA\x07""b\x1b[31mc\xc2\x9b""2Jd"
	    "\xe2\x80\xae""e\xe2\x81\xa6""f\x7f</p>", 72,
	    "abcdef\xef\xbf\xbd\n");
	ck_render("<p>bad \xff\xfe utf8 \xc3</p>", 72,
	    "bad \xef\xbf\xbd\xef\xbf\xbd utf8 \xef\xbf\xbd\n");
	ck_render("<img alt='x\x1b[2Jy' src='http://e.org/\x1b[0m'>"
	    "<a href='http://e.org/&#27;[1m'>l</a>", 72,
	    "[image: xy][1]l[1]\n\nLinks:\n[1] http://e.org/\n");
	/* Character references reach the text as controls: dropped, an
	 * escape sequence whole. */
	ck_render("<p>a&#27;[1mb&#x85;c&#x202E;d&#1;e&#x7f;f&#x2028;g</p>",
	    72, "ab\xe2\x80\xa6""cdef g\n");
	ck_render("<p>x&#27;]0;title&#7;y</p>", 72, "xy\n");
	ck_render("<pre>a\x1b[1m\tb\rc\x0c&#27;</pre>", 72,
	    "a       b\nc\n");
}
END_TEST

static void
render_hostile(const char *open, const char *close, size_t n, int width)
{
	struct buf html = BUF_INIT;
	struct render_doc d;
	size_t i;

	for (i = 0; i < n; i++)
		buf_append_str(&html, open);
	buf_append_str(&html, "deep text");
	for (i = 0; i < n; i++)
		buf_append_str(&html, close);
	ck_assert_int_eq(render_html(html.ptr, html.len, NULL, width, &d), 0);
	assert_invariants(&d);
	ck_assert_uint_ge(d.nlines, 1);
	render_doc_release(&d);
	buf_release(&html);
}

START_TEST(deep_nesting)
{
	render_hostile("<div>", "</div>", 10000, 72);
	render_hostile("<blockquote>", "</blockquote>", 10000, 20);
	render_hostile("<ul><li>", "</li></ul>", 10000, 20);
	/* Prefixes stop at half the width: the text keeps the rest. */
	ck_render("<blockquote><blockquote><blockquote><blockquote>"
	    "<blockquote><blockquote>a b c d e f g h i j k l"
	    "</blockquote></blockquote></blockquote></blockquote>"
	    "</blockquote></blockquote>", 20,
	    "\xe2\x94\x82 \xe2\x94\x82 \xe2\x94\x82 \xe2\x94\x82 "
	    "\xe2\x94\x82 a b c d e\n"
	    "\xe2\x94\x82 \xe2\x94\x82 \xe2\x94\x82 \xe2\x94\x82 "
	    "\xe2\x94\x82 f g h i j\n"
	    "\xe2\x94\x82 \xe2\x94\x82 \xe2\x94\x82 \xe2\x94\x82 "
	    "\xe2\x94\x82 k l\n");
	render_hostile("<ol start=-99999999><li>x", "</li></ol>", 3000, 20);
	render_hostile("<b><i>", "</i></b>", 10000, 72);
	render_hostile("<table><tr><td>", "</td></tr></table>", 2000, 72);
	render_hostile("<dl><dd>", "</dd></dl>", 10000, 20);
	render_hostile("<h1><pre>", "</pre></h1>", 3000, 20);
}
END_TEST

START_TEST(large_input)
{
	struct buf html = BUF_INIT;
	struct render_doc d;
	size_t i;

	/* 1 MB of words, then 1 MB without a space. */
	buf_append_str(&html, "<p>");
	for (i = 0; i < (1u << 20) / 8; i++)
		buf_append_str(&html, "word \xc3\xa9 ");
	buf_append_str(&html, "</p><p>");
	for (i = 0; i < (1u << 20); i++)
		buf_append_char(&html, (char)('a' + i % 26));
	buf_append_str(&html, "</p>");
	ck_assert_int_eq(render_html(html.ptr, html.len, NULL, 72, &d), 0);
	assert_invariants(&d);
	ck_assert_uint_gt(d.nlines, (1u << 20) / 72);
	render_doc_release(&d);

	/* A table of 1000 columns cannot align: a line per cell. */
	buf_reset(&html);
	buf_append_str(&html, "<table><tr>");
	for (i = 0; i < 1000; i++)
		buf_printf(&html, "<th>h%zu</th>", i);
	buf_append_str(&html, "</tr><tr>");
	for (i = 0; i < 1000; i++)
		buf_printf(&html, "<td colspan=99999>v%zu</td>", i);
	buf_append_str(&html, "</tr></table>");
	ck_assert_int_eq(render_html(html.ptr, html.len, NULL, 1000, &d), 0);
	assert_invariants(&d);
	ck_assert_uint_eq(d.nlines, 1000);
	ck_assert_str_eq(d.lines[0].text, "h0: v0");
	ck_assert_str_eq(d.lines[1].text, "h64: v1");	/* colspan 64 */
	ck_assert_str_eq(d.lines[999].text, "v999");
	render_doc_release(&d);
	buf_release(&html);
}
END_TEST

START_TEST(subtree_of_a_parsed_document)
{
	static const char html[] = "<p>out</p><div id=a><p>in "
	    "<a href=x>l</a></p></div>";
	GumboOutput *g = gumbo_parse(html);
	const GumboNode *body, *div;
	struct render_doc d;
	struct buf out = BUF_INIT;

	/* document > html > (head, body) > (p, div) */
	body = ((GumboNode *)g->root->v.element.children.data[1]);
	div = body->v.element.children.data[1];
	ck_assert_int_eq(div->v.element.tag, GUMBO_TAG_DIV);
	ck_assert_int_eq(render_node(div, "http://e.org/", 72, &d), 0);
	assert_invariants(&d);
	render_doc_write_text(&d, &out);
	ck_assert_str_eq(out.ptr, "in l[1]\n\nLinks:\n[1] http://e.org/x\n");
	render_doc_release(&d);
	buf_release(&out);
	gumbo_destroy_output(&kGumboDefaultOptions, g);
}
END_TEST

START_TEST(width_is_clamped)
{
	struct render_doc d;

	ck_assert_int_eq(render_html("x", 1, NULL, 3, &d), 0);
	ck_assert_int_eq(d.width, RENDER_WIDTH_MIN);
	render_doc_release(&d);
	ck_assert_int_eq(render_html("x", 1, NULL, 99999, &d), 0);
	ck_assert_int_eq(d.width, RENDER_WIDTH_MAX);
	render_doc_release(&d);
	ck_assert_uint_eq(d.nlines, 0);
	render_doc_release(&d);
}
END_TEST

START_TEST(display_widths)
{
	ck_assert_int_eq(wcwidth_of('a'), 1);
	ck_assert_int_eq(wcwidth_of(0), -1);
	ck_assert_int_eq(wcwidth_of(0x1B), -1);
	ck_assert_int_eq(wcwidth_of(0x9B), -1);
	ck_assert_int_eq(wcwidth_of(0xE9), 1);
	ck_assert_int_eq(wcwidth_of(0xAD), 1);		/* soft hyphen */
	ck_assert_int_eq(wcwidth_of(0x301), 0);		/* combining acute */
	ck_assert_int_eq(wcwidth_of(0x20DD), 0);	/* enclosing circle */
	ck_assert_int_eq(wcwidth_of(0x200B), 0);	/* Cf */
	ck_assert_int_eq(wcwidth_of(0x1160), 0);	/* Hangul medial */
	ck_assert_int_eq(wcwidth_of(0x1100), 2);	/* Hangul initial */
	ck_assert_int_eq(wcwidth_of(0x4E00), 2);
	ck_assert_int_eq(wcwidth_of(0xAC00), 2);
	ck_assert_int_eq(wcwidth_of(0xFF21), 2);	/* fullwidth A */
	ck_assert_int_eq(wcwidth_of(0xFF61), 1);	/* halfwidth */
	ck_assert_int_eq(wcwidth_of(0x1F600), 2);
	ck_assert_int_eq(wcwidth_of(0x1F9FF), 2);
	ck_assert_int_eq(wcwidth_of(0x2FFF0), 2);	/* unassigned CJK */
	ck_assert_int_eq(wcwidth_of(0x0378), 1);	/* unassigned */
	ck_assert_int_eq(wcwidth_of(0x10FFFF), 1);
	ck_assert_int_eq(wcwidth_of(0x110000), 1);
	ck_assert_int_eq(utf8_width("", 0), 0);
	ck_assert_int_eq(utf8_width("abc", 3), 3);
	ck_assert_int_eq(utf8_width("\xe6\x97\xa5\xe6\x9c\xac", 6), 4);
	ck_assert_int_eq(utf8_width("e\xcc\x81", 3), 1);
	ck_assert_int_eq(utf8_width("\xff\xe6\x97", 3), 3);	/* invalid */
	ck_assert_int_eq(utf8_width("a\x1b" "b", 3), 2);
}
END_TEST

START_TEST(pathological_depth_read_as_text)
{
	struct buf html = BUF_INIT, text = BUF_INIT;
	struct render_doc d;
	int i;

	/* 100,000 nested divs took gumbo 13 s: now the text, at once */
	for (i = 0; i < 100000; i++)
		buf_append_str(&html, "<div>");
	buf_append_str(&html, "deep <b>words</b> &amp; more");
	ck_assert_uint_ge(html_depth(html.ptr, html.len, HTML_DEPTH_MAX),
	    HTML_DEPTH_MAX);
	ck_assert_int_eq(render_html(html.ptr, html.len, NULL, 40, &d), 0);
	render_doc_write_text(&d, &text);
	ck_assert_str_eq(text.ptr, "deep words & more\n");
	render_doc_release(&d);
	/* real pages nest a few dozen deep; p, li, td do not count */
	ck_assert_uint_eq(html_depth("<ul><li><p>a<li><p>b</ul><br><img>",
	    35, 100), 1);
	buf_release(&html);
	buf_release(&text);
}
END_TEST

START_TEST(utf8_decoding)
{
	unsigned long cp;

	ck_assert_uint_eq(utf8_decode("A", 1, &cp), 1);
	ck_assert_uint_eq(cp, 'A');
	ck_assert_uint_eq(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	ck_assert_uint_eq(cp, 0x1F600);
	ck_assert_uint_eq(utf8_decode("\xf0\x9f\x98", 3, &cp), 1);
	ck_assert_uint_eq(cp, 0xFFFD);
	ck_assert_uint_eq(utf8_decode("\xc0\xaf", 2, &cp), 1);	/* overlong */
	ck_assert_uint_eq(cp, 0xFFFD);
	ck_assert_uint_eq(utf8_decode("\xed\xa0\x80", 3, &cp), 1);
	ck_assert_uint_eq(cp, 0xFFFD);
}
END_TEST

static Suite *
render_suite(void)
{
	Suite *s = suite_create("render");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, paragraphs_and_breaks);
	tcase_add_test(tc, whitespace_and_entities);
	tcase_add_test(tc, headings);
	tcase_add_test(tc, inline_styles);
	tcase_add_test(tc, links_numbered);
	tcase_add_test(tc, base_resolution);
	tcase_add_test(tc, lists);
	tcase_add_test(tc, blockquotes);
	tcase_add_test(tc, preformatted);
	tcase_add_test(tc, tables);
	tcase_add_test(tc, images_and_media);
	tcase_add_test(tc, rules_definitions_figures);
	tcase_add_test(tc, dropped_content);
	tcase_add_test(tc, wrapping_by_display_width);
	tcase_add_test(tc, terminal_safety);
	tcase_add_test(tc, deep_nesting);
	tcase_add_test(tc, large_input);
	tcase_add_test(tc, subtree_of_a_parsed_document);
	tcase_add_test(tc, width_is_clamped);
	tcase_add_test(tc, display_widths);
	tcase_add_test(tc, utf8_decoding);
	tcase_add_test(tc, pathological_depth_read_as_text);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(render_suite());
}
