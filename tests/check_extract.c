/*
 * Unit tests for extract_article: on small pages written here, the
 * article is kept and the furniture around it goes; metadata, links
 * and hidden nodes are handled; a page with no article falls back; and
 * hostile pages finish quickly without crashing.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "check_run.h"
#include "extract.h"

/* Prose long enough to count as an article paragraph. */
#define PROSE(w) "<p>The " w " committee met on Tuesday, after a long " \
	"delay, to discuss the budget, the schedule and the staffing of " \
	"the new observatory, which has been under construction for " \
	"three years and is now expected to open next spring.</p>\n"

static const char article_page[] =
	"<!doctype html><html><head><title>Budget talks resume | Daily "
	"Planet</title>\n"
	"<meta property=\"og:title\" content=\"Budget talks resume\">\n"
	"<meta name=\"author\" content=\"Lois Lane\">\n"
	"<meta property=\"article:published_time\" "
	"content=\"2024-03-05T10:00:00Z\">\n"
	"</head><body>\n"
	"<header><a href=\"/\">Daily Planet</a> <a href=\"/world\">World</a>"
	"</header>\n"
	"<nav><ul><li><a href=\"/a\">Sports</a></li><li><a href=\"/b\">"
	"Weather</a></li></ul></nav>\n"
	"<div id=\"main\"><article class=\"story\">\n"
	"<h1>Budget talks resume</h1>\n"
	PROSE("alpha") PROSE("bravo") PROSE("charlie") PROSE("delta")
	"<p>See the <a href=\"/docs/plan.pdf\">full plan</a> and the "
	"<img src=\"img/chart.png\" alt=\"chart\"> chart, which shows the "
	"costs rising each year since the project began.</p>\n"
	"<div class=\"share-bar\"><a href=\"https://fb.example/s\">Facebook"
	"</a> <a href=\"https://tw.example/s\">Twitter</a> sharebarword</div>\n"
	"</article>\n"
	"<div class=\"related-stories\"><h3>Related</h3><ul>"
	"<li><a href=\"/x\">relatedword one</a></li>"
	"<li><a href=\"/y\">relatedword two</a></li></ul></div>\n"
	"<div id=\"comments\"><p>commentword: I disagree with this article, "
	"strongly, and at length, because reasons, many of them.</p></div>\n"
	"</div>\n"
	"<aside class=\"sidebar\"><p>sidebarword Most read today, a list of "
	"things, all of them popular, none of them relevant here.</p></aside>\n"
	"<footer><p>footerword Copyright 2024 Daily Planet, all rights "
	"reserved, and so on, and so forth.</p></footer>\n"
	"</body></html>\n";

static void
extract(const char *html, const char *base, struct extract_result *r,
    int want)
{
	ck_assert_int_eq(extract_article(html, strlen(html), base, r), want);
	ck_assert_ptr_nonnull(r->html);
}

START_TEST(keeps_article_drops_furniture)
{
	struct extract_result r;

	extract(article_page, "https://planet.example/news/2024/budget.html",
	    &r, 0);
	ck_assert_ptr_nonnull(strstr(r.html, "alpha committee"));
	ck_assert_ptr_nonnull(strstr(r.html, "delta committee"));
	ck_assert_ptr_nonnull(strstr(r.html, "costs rising"));
	ck_assert_ptr_null(strstr(r.html, "Sports"));
	ck_assert_ptr_null(strstr(r.html, "sharebarword"));
	ck_assert_ptr_null(strstr(r.html, "relatedword"));
	ck_assert_ptr_null(strstr(r.html, "commentword"));
	ck_assert_ptr_null(strstr(r.html, "sidebarword"));
	ck_assert_ptr_null(strstr(r.html, "footerword"));
	/* the heading that repeats the title goes too */
	ck_assert_ptr_null(strstr(r.html, "<h1>"));
	extract_result_release(&r);
	ck_assert_ptr_null(r.html);
}
END_TEST

START_TEST(metadata)
{
	struct extract_result r;

	extract(article_page, NULL, &r, 0);
	ck_assert_str_eq(r.title, "Budget talks resume");
	ck_assert_str_eq(r.byline, "Lois Lane");
	ck_assert_str_eq(r.date, "2024-03-05T10:00:00Z");
	extract_result_release(&r);
}
END_TEST

START_TEST(title_suffix_and_byline_element)
{
	static const char page[] =
	    "<html><head><title>How tides work - Ocean Notes</title></head>"
	    "<body><div class=\"post\">"
	    "<div class=\"byline\">By Ann Marsh</div>"
	    "<time datetime=\"2023-07-01\">July 1</time>"
	    PROSE("echo") PROSE("foxtrot") PROSE("golf")
	    "</div></body></html>";
	struct extract_result r;

	extract(page, NULL, &r, 0);
	ck_assert_str_eq(r.title, "How tides work");
	ck_assert_str_eq(r.byline, "By Ann Marsh");
	ck_assert_str_eq(r.date, "2023-07-01");
	ck_assert_ptr_null(strstr(r.html, "Ann Marsh"));
	ck_assert_ptr_nonnull(strstr(r.html, "golf committee"));
	extract_result_release(&r);

	extract("<title>Plain title</title><h1>Heading</h1>", NULL, &r, -1);
	ck_assert_str_eq(r.title, "Plain title");
	ck_assert_ptr_null(r.byline);
	ck_assert_ptr_null(r.date);
	extract_result_release(&r);
}
END_TEST

START_TEST(links_resolved)
{
	static const char with_base[] =
	    "<html><head><base href=\"/static/\"></head><body><div>"
	    PROSE("hotel") PROSE("india")
	    "<p>A <a href=\"more.html\">link</a> and an <img "
	    "src=\"data:image/gif;base64,R0lGOD\" data-src=\"pic.jpg\"> "
	    "image, lazily loaded, as many pages do these days.</p>"
	    PROSE("juliet") "</div></body></html>";
	struct extract_result r;

	extract(article_page, "https://planet.example/news/2024/budget.html",
	    &r, 0);
	ck_assert_ptr_nonnull(strstr(r.html,
	    "href=\"https://planet.example/docs/plan.pdf\""));
	ck_assert_ptr_nonnull(strstr(r.html,
	    "src=\"https://planet.example/news/2024/img/chart.png\""));
	extract_result_release(&r);

	extract(with_base, "https://site.example/a/b.html", &r, 0);
	ck_assert_ptr_nonnull(strstr(r.html,
	    "href=\"https://site.example/static/more.html\""));
	ck_assert_ptr_nonnull(strstr(r.html,
	    "src=\"https://site.example/static/pic.jpg\""));
	ck_assert_ptr_null(strstr(r.html, "data:image"));
	extract_result_release(&r);
}
END_TEST

START_TEST(hidden_nodes_dropped)
{
	static const char page[] =
	    "<html><body><article>"
	    PROSE("kilo") PROSE("lima")
	    "<p hidden>hiddenattrword</p>"
	    "<div aria-hidden=\"true\">ariahiddenword</div>"
	    "<p style=\"color: red; display : none\">displaynoneword</p>"
	    "<p style=\"visibility:hidden\">visibilityword</p>"
	    "<script>scriptword()</script><style>p{}</style>"
	    PROSE("mike") "</article></body></html>";
	struct extract_result r;

	extract(page, NULL, &r, 0);
	ck_assert_ptr_nonnull(strstr(r.html, "mike committee"));
	ck_assert_ptr_null(strstr(r.html, "hiddenattrword"));
	ck_assert_ptr_null(strstr(r.html, "ariahiddenword"));
	ck_assert_ptr_null(strstr(r.html, "displaynoneword"));
	ck_assert_ptr_null(strstr(r.html, "visibilityword"));
	ck_assert_ptr_null(strstr(r.html, "scriptword"));
	extract_result_release(&r);
}
END_TEST

START_TEST(escaping)
{
	static const char page[] =
	    "<html><body><div>"
	    PROSE("november")
	    "<p>Fish &amp; chips &lt;b&gt; cost less than you would think, "
	    "really, <a href='/q?a=1&amp;b=\"2\"'>see</a> the menu, "
	    "which lists them all.</p>"
	    PROSE("oscar") "</div></body></html>";
	struct extract_result r;

	extract(page, "http://x.example/", &r, 0);
	ck_assert_ptr_nonnull(strstr(r.html, "Fish &amp; chips &lt;b&gt;"));
	ck_assert_ptr_nonnull(strstr(r.html,
	    "href=\"http://x.example/q?a=1&amp;b=&quot;2&quot;\""));
	extract_result_release(&r);
}
END_TEST

START_TEST(no_article_falls_back)
{
	static const char page[] =
	    "<html><body><ul><li><a href=\"/a\">Home</a></li>"
	    "<li><a href=\"/b\">About</a></li></ul>"
	    "<div>Short words only.</div><script>x()</script>"
	    "<div hidden>secret</div></body></html>";
	struct extract_result r;

	extract(page, NULL, &r, -1);
	ck_assert_ptr_nonnull(strstr(r.html, "Short words only."));
	ck_assert_ptr_nonnull(strstr(r.html, "About"));
	ck_assert_ptr_null(strstr(r.html, "x()"));
	ck_assert_ptr_null(strstr(r.html, "secret"));
	extract_result_release(&r);

	extract("", NULL, &r, -1);
	extract_result_release(&r);
}
END_TEST

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

START_TEST(hostile_input)
{
	struct buf b = BUF_INIT;
	struct extract_result r;
	double t0 = seconds();
	size_t i;

	/* 10000 nested divs around a paragraph */
	for (i = 0; i < 10000; i++)
		buf_append_str(&b, "<div class=\"x\">");
	buf_append_str(&b, PROSE("papa") PROSE("quebec"));
	for (i = 0; i < 10000; i++)
		buf_append_str(&b, "</div>");
	(void)extract_article(b.ptr, b.len, "http://h.example/", &r);
	ck_assert_ptr_nonnull(strstr(r.html, "quebec committee"));
	extract_result_release(&r);

	/* a 4 MB attribute, and class names the hints must scan */
	buf_reset(&b);
	buf_append_str(&b, "<div class=\"");
	for (i = 0; i < 4 << 20; i++)
		buf_append_char(&b, "abcommentx- "[i % 12]);
	buf_append_str(&b, "\">" PROSE("romeo") "</div>");
	(void)extract_article(b.ptr, b.len, NULL, &r);
	extract_result_release(&r);

	/* NUL bytes and invalid UTF-8 */
	buf_reset(&b);
	buf_append(&b, "<p>a\0b\xff\xfe<a href=\"\0\">\0</a>",
	    sizeof("<p>a\0b\xff\xfe<a href=\"\0\">\0</a>") - 1);
	buf_append_str(&b, PROSE("sierra"));
	buf_append(&b, "\0\0<div \0>\0", 10);
	(void)extract_article(b.ptr, b.len, "\x01http", &r);
	ck_assert_ptr_nonnull(r.html);
	extract_result_release(&r);

	/* many siblings, many paragraphs */
	buf_reset(&b);
	for (i = 0; i < 20000; i++)
		buf_append_str(&b, "<div><p>word, word, word, word, word, word, "
		    "word</p><a href=\"/l\">link</a></div>");
	(void)extract_article(b.ptr, b.len, NULL, &r);
	extract_result_release(&r);

	buf_release(&b);
	ck_assert_msg(seconds() - t0 < 10, "hostile pages took %.1f s",
	    seconds() - t0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("extract");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, keeps_article_drops_furniture);
	tcase_add_test(tc, metadata);
	tcase_add_test(tc, title_suffix_and_byline_element);
	tcase_add_test(tc, links_resolved);
	tcase_add_test(tc, hidden_nodes_dropped);
	tcase_add_test(tc, escaping);
	tcase_add_test(tc, no_article_falls_back);
	tcase_add_test(tc, hostile_input);
	suite_add_tcase(s, tc);
	return check_run(s);
}
