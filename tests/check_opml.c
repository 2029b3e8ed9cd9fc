/*
 * Unit tests for OPML: folders and category= as tags, title= vs text=,
 * duplicates, malformed and hostile documents, and the round trip
 * feeds file -> opml_write() -> opml_parse() giving the same feeds.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "feeds.h"
#include "opml.h"
#include "check_run.h"

static struct feeds F;
static int status;

static void
setup(void)
{
	feeds_init(&F);
}

static void
teardown(void)
{
	feeds_release(&F);
}

static void
parse_n(const char *doc, size_t len)
{
	feeds_release(&F);
	status = opml_parse(&F, doc, len, "in.opml");
}

static void
parse(const char *doc)
{
	parse_n(doc, strlen(doc));
}

static void
assert_tags(const struct feeds_entry *e, size_t n, ...)
{
	va_list ap;
	size_t i;

	ck_assert_uint_eq(e->ntags, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		ck_assert_str_eq(e->tags[i], va_arg(ap, const char *));
	va_end(ap);
}

#define HEAD "<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head>" \
	"<title>x</title></head><body>\n"
#define TAIL "</body></opml>\n"

START_TEST(nested_outlines_become_tags)
{
	parse(HEAD
	    "<outline text=\"News\">\n"
	    "  <outline text=\"World\" title=\"World\">\n"
	    "    <outline type=\"rss\" text=\"A\" xmlUrl=\"http://a.example/\""
	    " htmlUrl=\"http://a.example/home\"/>\n"
	    "  </outline>\n"
	    "  <outline>\n"
	    "    <outline text=\"B\" xmlUrl=\"http://b.example/\"/>\n"
	    "  </outline>\n"
	    "</outline>\n"
	    "<outline text=\"C\" xmlUrl=\"http://c.example/\">\n"
	    "  <outline text=\"D\" xmlUrl=\"http://d.example/\"/>\n"
	    "</outline>\n"
	    TAIL);
	ck_assert_int_eq(status, 0);
	ck_assert_uint_eq(F.n, 4);
	ck_assert_str_eq(F.entries[0].url, "http://a.example/");
	ck_assert_str_eq(F.entries[0].title, "A");
	ck_assert_str_eq(F.entries[0].site, "http://a.example/home");
	ck_assert_int_eq(F.entries[0].line, 5);
	assert_tags(&F.entries[0], 2, "News", "World");
	/* An untitled folder adds no tag but its parent still counts. */
	assert_tags(&F.entries[1], 1, "News");
	ck_assert_ptr_null(F.entries[1].site);
	/* A feed outline is no folder to what it holds. */
	assert_tags(&F.entries[2], 0);
	assert_tags(&F.entries[3], 0);
	ck_assert_str_eq(F.entries[3].title, "D");
}
END_TEST

START_TEST(attribute_name_case_and_title_choice)
{
	parse(HEAD
	    "<outline TEXT=\"Folder\">"
	    "<outline xmlurl=\"http://a.example/\" text=\"Text\""
	    " title=\"Title\"/>"
	    "<outline XMLURL=\"http://b.example/\" text=\"Only text\"/>"
	    "<outline XmlUrl=\"http://c.example/\" title=\"  \" text=\"T\"/>"
	    "<outline xmlUrl=\"http://d.example/\""
	    " title=\"http://d.example/\"/>"
	    "<outline xmlUrl=\"  http://e.example/\n\"/>"
	    "</outline>"
	    TAIL);
	ck_assert_int_eq(status, 0);
	ck_assert_uint_eq(F.n, 5);
	ck_assert_str_eq(F.entries[0].title, "Title");
	ck_assert_str_eq(F.entries[1].title, "Only text");
	ck_assert_str_eq(F.entries[2].title, "T");
	/* A title that only repeats the URL is no title. */
	ck_assert_ptr_null(F.entries[3].title);
	ck_assert_str_eq(F.entries[4].url, "http://e.example/");
	assert_tags(&F.entries[4], 1, "Folder");
}
END_TEST

START_TEST(category_attribute)
{
	parse(HEAD
	    "<outline text=\"Outer\">"
	    "<outline xmlUrl=\"http://a.example/\" "
	    "category=\"/Tech/Linux, news ,,/~odd/\"/>"
	    "</outline>"
	    TAIL);
	ck_assert_int_eq(status, 0);
	/* Categories first, then folders; empty segments vanish, '~' goes. */
	assert_tags(&F.entries[0], 5, "Tech", "Linux", "news", "odd",
	    "Outer");
	/* opml_write()'s escapes for ',', '/' and '%'. */
	parse(HEAD "<outline xmlUrl=\"http://a.example/\" "
	    "category=\"a%2Fb,c%2cd,100%25,%2x,%\"/>" TAIL);
	assert_tags(&F.entries[0], 5, "a/b", "c,d", "100%", "%2x", "%");
}
END_TEST

START_TEST(duplicates_merged)
{
	parse(HEAD
	    "<outline text=\"X\"><outline xmlUrl=\"http://a.example/\"/>"
	    "</outline>"
	    "<outline text=\"Y\"><outline xmlUrl=\"http://a.example/\""
	    " text=\"Late title\" htmlUrl=\"http://a.example/h\"/>"
	    "<outline xmlUrl=\"http://b.example/\" text=\"B\"/>"
	    "</outline>"
	    "<outline text=\"X\"><outline xmlUrl=\"http://a.example/\""
	    " text=\"Ignored\"/></outline>"
	    TAIL);
	ck_assert_int_eq(status, 0);
	ck_assert_uint_eq(F.n, 2);
	assert_tags(&F.entries[0], 2, "X", "Y");
	ck_assert_str_eq(F.entries[0].title, "Late title");
	ck_assert_str_eq(F.entries[0].site, "http://a.example/h");
	ck_assert_int_eq(F.entries[0].line, 3);
}
END_TEST

START_TEST(control_characters_and_hidden_tags)
{
	parse(HEAD
	    "<outline text=\"a&#x9;b\">"
	    "<outline xmlUrl=\"http://a.example/\" text=\"x&#10;y \xc2\x85z\""
	    " category=\"!hide\"/></outline>"
	    TAIL);
	ck_assert_int_eq(status, 0);
	ck_assert_str_eq(F.entries[0].title, "x y  z");
	assert_tags(&F.entries[0], 2, "!hide", "a b");
	ck_assert_int_eq(F.entries[0].hidden, 1);
}
END_TEST

START_TEST(bad_urls_skipped)
{
	parse(HEAD
	    "<outline xmlUrl=\"http://ok.example/\"/>\n"
	    "<outline xmlUrl=\"javascript:alert(1)\"/>\n"
	    "<outline xmlUrl=\"\" text=\"Empty means folder\">"
	    "<outline xmlUrl=\"https://in.example/\"/></outline>\n"
	    TAIL);
	ck_assert_int_eq(status, 1);
	ck_assert_uint_eq(F.n, 2);
	assert_tags(&F.entries[1], 1, "Empty means folder");
	ck_assert_uint_eq(F.nerrors, 1);
	ck_assert_str_eq(F.errors[0], "in.opml: line 4, column 1: "
	    "unsupported URL scheme 'javascript:alert(1)'");
}
END_TEST

START_TEST(malformed_documents)
{
	parse(HEAD
	    "<outline xmlUrl=\"http://a.example/\"/>\n"
	    "<outline xmlUrl=\"http://b.example/\">\n"
	    "</body></opml>\n");
	ck_assert_int_eq(status, 1);
	/* What came before the break is kept. */
	ck_assert_uint_eq(F.n, 2);
	ck_assert_uint_eq(F.nerrors, 1);
	ck_assert_str_eq(F.errors[0],
	    "in.opml: line 5, column 3: mismatched tag");

	parse("");
	ck_assert_int_eq(status, 1);
	ck_assert_uint_eq(F.n, 0);
	ck_assert_str_eq(F.errors[0], "in.opml: line 1, column 1: "
	    "no element found");

	parse("<rss version=\"2.0\"><channel/></rss>");
	ck_assert_int_eq(status, 1);
	ck_assert_str_eq(F.errors[0], "in.opml: line 1, column 1: "
	    "not an OPML document (root element 'rss')");

	/* No path: the message starts at the position. */
	feeds_release(&F);
	ck_assert_int_eq(opml_parse(&F, "<opml><", 7, NULL), 1);
	ck_assert_str_eq(F.errors[0], "line 1, column 7: unclosed token");
}
END_TEST

START_TEST(entities_and_encodings)
{
	static const char latin1[] = "<?xml version=\"1.0\" "
	    "encoding=\"ISO-8859-1\"?><opml><body>"
	    "<outline text=\"Caf\xe9\"><outline xmlUrl=\"http://a.example/\"/>"
	    "</outline></body></opml>";
	static const char utf16[] = "\xff\xfe<\0o\0p\0m\0l\0>\0<\0o\0u\0t\0"
	    "l\0i\0n\0e\0 \0x\0m\0l\0U\0r\0l\0=\0'\0h\0t\0t\0p\0:\0/\0/\0u\0"
	    "/\0'\0/\0>\0<\0/\0o\0p\0m\0l\0>\0";

	parse(latin1);
	ck_assert_int_eq(status, 0);
	assert_tags(&F.entries[0], 1, "Caf\xc3\xa9");

	parse_n(utf16, sizeof(utf16) - 1);
	ck_assert_int_eq(status, 0);
	ck_assert_str_eq(F.entries[0].url, "http://u/");

	/* An undeclared entity is skipped, not fatal. */
	parse("<opml><body><outline text=\"a&nbsp;b\">"
	    "<outline xmlUrl=\"http://a.example/\"/></outline></body></opml>");
	ck_assert_uint_eq(F.n, 1);

	/* External entities are never loaded. */
	parse("<!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
	    "<opml><body><outline text=\"t\">&x;"
	    "<outline xmlUrl=\"http://a.example/\"/></outline></body></opml>");
	ck_assert_int_eq(status, 0);
	ck_assert_uint_eq(F.n, 1);
	/* ... and are an error in an attribute, as XML says. */
	parse("<!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
	    "<opml><body><outline text=\"&x;\">"
	    "<outline xmlUrl=\"http://a.example/\"/></outline></body></opml>");
	ck_assert_int_eq(status, 1);
	ck_assert_uint_eq(F.n, 0);
}
END_TEST

START_TEST(too_large)
{
	feeds_release(&F);
	ck_assert_int_eq(opml_parse(&F, "", (size_t)OPML_MAX_BYTES + 1, "big"),
	    1);
	ck_assert_str_eq(F.errors[0], "big: document larger than 16777216 "
	    "bytes");
}
END_TEST

/* Writing */

static void
lookup(void *arg, const struct feeds_entry *e, const char **title,
    const char **site)
{
	(void)arg;
	if (strcmp(e->url, "http://b.example/") == 0) {
		*title = "From <cache> & \"co\"";
		*site = "http://b.example/?a=1&b=2";
	}
}

START_TEST(write_exact)
{
	static const char text[] =
	    "http://a.example/ \"news\" \"tech\" \"~A & B\"\n"
	    "http://b.example/\n"
	    "http://c.example/ \"!hid\" \"tech\" \"a/b\"\n"
	    "http://d.example/ \"news\"\n";
	struct buf out = BUF_INIT;

	ck_assert_int_eq(feeds_parse(&F, text, strlen(text), "f"), 0);
	opml_write(&F, lookup, NULL, 1031356801, &out);
	ck_assert_str_eq(out.ptr,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<opml version=\"2.0\">\n"
	    "  <head>\n"
	    "    <title>telex feeds</title>\n"
	    "    <dateCreated>Sat, 07 Sep 2002 00:00:01 GMT</dateCreated>\n"
	    "  </head>\n"
	    "  <body>\n"
	    "    <outline text=\"news\" title=\"news\">\n"
	    "      <outline type=\"rss\" text=\"A &amp; B\" title=\"A &amp; B\""
	    " xmlUrl=\"http://a.example/\" category=\"news,tech\"/>\n"
	    "      <outline type=\"rss\" text=\"http://d.example/\""
	    " title=\"http://d.example/\" xmlUrl=\"http://d.example/\""
	    " category=\"news\"/>\n"
	    "    </outline>\n"
	    "    <outline type=\"rss\" text=\"From &lt;cache&gt; &amp; "
	    "&quot;co&quot;\" title=\"From &lt;cache&gt; &amp; "
	    "&quot;co&quot;\" xmlUrl=\"http://b.example/\""
	    " htmlUrl=\"http://b.example/?a=1&amp;b=2\"/>\n"
	    "    <outline text=\"tech\" title=\"tech\">\n"
	    "      <outline type=\"rss\" text=\"http://c.example/\""
	    " title=\"http://c.example/\" xmlUrl=\"http://c.example/\""
	    " category=\"!hid,tech,a%2Fb\"/>\n"
	    "    </outline>\n"
	    "  </body>\n"
	    "</opml>\n");
	buf_release(&out);
}
END_TEST

START_TEST(write_hostile_titles)
{
	struct feeds f;
	struct feeds_entry *e;
	struct buf out = BUF_INIT;
	static const char evil[] = "a\x1b[2J\x07<b>\"&'\xc2\x9b"
	    "\xff\xc0\xafz\xef\xbf\xbe";

	feeds_init(&f);
	e = feeds_add(&f, "http://a.example/?x=1&y=<2>", 27);
	feeds_entry_set_title(&f, e, evil, strlen(evil));
	feeds_entry_add_tag(&f, e, evil, strlen(evil));
	opml_write(&f, NULL, NULL, 0, &out);
	ck_assert_ptr_null(strchr(out.ptr, '\x1b'));
	ck_assert_ptr_null(strchr(out.ptr, '\x07'));
	ck_assert_ptr_nonnull(strstr(out.ptr, "text=\"a[2J&lt;b&gt;&quot;"
	    "&amp;'\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz\""));
	ck_assert_ptr_nonnull(strstr(out.ptr,
	    "xmlUrl=\"http://a.example/?x=1&amp;y=&lt;2&gt;\""));
	/* And it reads back. */
	ck_assert_int_eq(opml_parse(&F, out.ptr, out.len, NULL), 0);
	ck_assert_uint_eq(F.n, 1);
	ck_assert_str_eq(F.entries[0].url, "http://a.example/?x=1&y=<2>");
	ck_assert_str_eq(F.entries[0].title,
	    "a[2J<b>\"&'\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz");
	buf_release(&out);
	feeds_release(&f);
}
END_TEST

START_TEST(round_trip)
{
	static const char text[] =
	    "# mine\n"
	    "http://a.example/ \"news\" \"two words\" \"~Alpha\"\n"
	    "https://b.example/feed?x=1&y=2 \"!hidden\" \"news\" \"a/b\"\n"
	    "http://c.example/\n"
	    "http://d.example/ \"tech\" \"news\" \"q\\\"uote\" \"<&>\"\n"
	    "\"query:Unread:unread = \\\"yes\\\"\" \"special\"\n"
	    "file:///tmp/local.xml \"!only-hidden\"\n";
	struct feeds back;
	struct buf out = BUF_INIT;
	const struct feeds_entry *a, *b;
	size_t i, j;

	ck_assert_int_eq(feeds_parse(&F, text, strlen(text), "f"), 0);
	opml_write(&F, NULL, NULL, 0, &out);
	feeds_init(&back);
	ck_assert_int_eq(opml_parse(&back, out.ptr, out.len, NULL), 0);
	/* every feed but the query: line, which no other reader could use */
	ck_assert_uint_eq(back.n, F.n - 1);
	for (i = 0; i < F.n; i++) {
		a = &F.entries[i];
		b = feeds_find(&back, a->url);
		if (a->kind != FEEDS_KIND_URL) {
			ck_assert_msg(b == NULL, "%s exported", a->url);
			continue;
		}
		ck_assert_msg(b != NULL, "%s lost", a->url);
		if (a->title == NULL)
			ck_assert_ptr_null(b->title);
		else
			ck_assert_str_eq(b->title, a->title);
		ck_assert_int_eq(b->hidden, a->hidden);
		ck_assert_int_eq(b->kind, a->kind);
		/* Same tags in the same order. */
		ck_assert_uint_eq(b->ntags, a->ntags);
		for (j = 0; j < a->ntags; j++)
			ck_assert_str_eq(b->tags[j], a->tags[j]);
	}
	buf_release(&out);
	feeds_release(&back);
}
END_TEST

static Suite *
opml_suite(void)
{
	Suite *s = suite_create("opml");
	TCase *tc = tcase_create("parse");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, nested_outlines_become_tags);
	tcase_add_test(tc, attribute_name_case_and_title_choice);
	tcase_add_test(tc, category_attribute);
	tcase_add_test(tc, duplicates_merged);
	tcase_add_test(tc, control_characters_and_hidden_tags);
	tcase_add_test(tc, bad_urls_skipped);
	tcase_add_test(tc, malformed_documents);
	tcase_add_test(tc, entities_and_encodings);
	tcase_add_test(tc, too_large);
	suite_add_tcase(s, tc);

	tc = tcase_create("write");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, write_exact);
	tcase_add_test(tc, write_hostile_titles);
	tcase_add_test(tc, round_trip);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(opml_suite());
}
