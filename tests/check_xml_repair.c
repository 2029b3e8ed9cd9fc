/*
 * Unit tests for xml_repair: every repaired document must parse with expat
 * configured as the feed parser configures it, and small cases must come
 * out exactly as written here.
 */
#include <check.h>
#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "xml_repair.h"
#include "check_run.h"

/* NULL when expat accepts s, else its error message. */
static const char *
expat_error(const char *s, size_t len)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	const char *err = NULL;

	ck_assert_ptr_nonnull(p);
	XML_UseForeignDTD(p, XML_TRUE);
	if (XML_Parse(p, s, (int)len, XML_TRUE) != XML_STATUS_OK)
		err = XML_ErrorString(XML_GetErrorCode(p));
	XML_ParserFree(p);
	return err;
}

/* Repair in, check expat takes the result and return it (caller frees). */
static char *
repair_len(const char *in, size_t len, size_t *repairs)
{
	struct buf out = BUF_INIT;
	const char *err;
	size_t n;

	n = xml_repair(in, len, &out);
	if (repairs != NULL)
		*repairs = n;
	err = expat_error(out.ptr, out.len);
	ck_assert_msg(err == NULL,
	    "expat: %s in output \"%.300s\" for \"%.300s\"", err, out.ptr, in);
	return buf_detach(&out, NULL);
}

static void
check_repair(const char *in, const char *want)
{
	char *got = repair_len(in, strlen(in), NULL);

	ck_assert_msg(strcmp(got, want) == 0,
	    "for \"%s\"\n  want \"%s\"\n  got  \"%s\"", in, want, got);
	free(got);
}

START_TEST(test_ampersand)
{
	check_repair("<a>AT&T</a>", "<a>AT&amp;T</a>");
	check_repair("<a>x && y &#; &#x; &; &a b;</a>",
	    "<a>x &amp;&amp; y &amp;#; &amp;#x; &amp;; &amp;a b;</a>");
	check_repair("<a href=\"http://x/?a=1&b=2\">q&amp;a</a>",
	    "<a href=\"http://x/?a=1&amp;b=2\">q&amp;a</a>");
	/* references expat takes stay, undeclared entities included */
	check_repair("<a>&eacute;&#233;&#xE9;&lt;<b/></a>",
	    "<a>&eacute;&#233;&#xE9;&lt;<b/></a>");
	/* references to characters XML forbids */
	check_repair("<a>x&#1;y&#xD800;z&#0;</a>", "<a>xy&#xFFFD;z</a>");
	check_repair("<a>&#X41;</a>", "<a>&amp;#X41;</a>");
}
END_TEST

START_TEST(test_escape_sequences)
{
	/* dropped whole, not just the ESC: no "]0;title" left over */
	check_repair("<a>x\x1b]0;title\x07y\x1b[31mz</a>", "<a>xyz</a>");
	check_repair("<a><![CDATA[p\x1b]52;c;AAAA\x1b\\q]]></a>",
	    "<a><![CDATA[pq]]></a>");
	check_repair("<a>e\x1b</a>", "<a>e</a>");
}
END_TEST

START_TEST(test_less_than)
{
	check_repair("<a>1 < 3 <3 <</a>", "<a>1 &lt; 3 &lt;3 &lt;</a>");
	check_repair("<a t='1<2'>]]></a>", "<a t='1&lt;2'>]]&gt;</a>");
	check_repair("<a></ 3></a>", "<a>&lt;/ 3></a>");
	check_repair("<a>x<!y></a>", "<a>x&lt;!y></a>");
}
END_TEST

START_TEST(test_attributes)
{
	check_repair("<a href=http://x/y?z=1 b=2>t</a>",
	    "<a href=\"http://x/y?z=1\" b=\"2\">t</a>");
	check_repair("<a x=\"1\" x='2' y=3 y>t</a>",
	    "<a x=\"1\" y=\"3\">t</a>");
	check_repair("<input checked disabled=\"\"/>",
	    "<input checked=\"checked\" disabled=\"\"/>");
	check_repair("<a \"junk\" , b = 'c' !>t</a>",
	    "<a junk=\"junk\" b='c'>t</a>");
	check_repair("<a t=a\"b>x</a>", "<a t=\"a&quot;b\">x</a>");
	/* a quote never closed ends at the '>' */
	check_repair("<r><a t=\"x>y</a></r>", "<r><a t=\"x\">y</a></r>");
}
END_TEST

START_TEST(test_unclosed)
{
	check_repair("<rss><channel><item><description>a <b>bold "
	    "text</description></item></channel></rss>",
	    "<rss><channel><item><description>a <b>bold "
	    "text</b></description></item></channel></rss>");
	check_repair("<a><b><c>x</a>", "<a><b><c>x</c></b></a>");
	check_repair("<a><B>x</b></a>", "<a><B>x</B></a>");
	check_repair("<a><b>x</b></wrong>y</a>", "<a><b>x</b>y</a>");
	check_repair("</x><a>y</a></a></a>", "<a>y</a>");
}
END_TEST

START_TEST(test_truncated)
{
	check_repair("<rss><channel><item><title>T</title><desc",
	    "<rss><channel><item><title>T</title></item></channel></rss>");
	check_repair("<rss><channel><item><title>T</tit",
	    "<rss><channel><item><title>T</title></item></channel></rss>");
	check_repair("<rss><item><title a=\"x",
	    "<rss><item></item></rss>");
	check_repair("<rss><item><title a=",
	    "<rss><item></item></rss>");
	check_repair("<rss><item>x<![CDATA[a<b",
	    "<rss><item>x<![CDATA[a<b]]></item></rss>");
	check_repair("<rss><item>x<!-- a comment",
	    "<rss><item>x</item></rss>");
	check_repair("<rss><item>x<?pi data", "<rss><item>x</item></rss>");
	check_repair("<rss><item>x &amp", "<rss><item>x &amp;amp</item></rss>");
	check_repair("<rss><item>x <", "<rss><item>x &lt;</item></rss>");
}
END_TEST

START_TEST(test_outside_root)
{
	check_repair("junk <a>x</a> more <b>y</b><!--c--><?p q?>&amp;\n",
	    " <a>x</a>  <!--c--><?p q?>\n");
	check_repair("<a/><a/>", "<a/>");
	check_repair("<?xml version='1.0' encoding='iso-8859-1' "
	    "standalone='yes'?>\n<a>&eacute;</a>",
	    "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n"
	    "<a>&eacute;</a>");
	check_repair("\n <?xml version=\"1.0\"?><a/>",
	    "<?xml version=\"1.0\"?><a/>");
	check_repair("<a>x</a><?xml version=\"1.0\"?><b/>", "<a>x</a>");
	check_repair("<![CDATA[x]]><a/>", "<a/>");
}
END_TEST

START_TEST(test_markup)
{
	check_repair("<a><!-- a -- b ---></a>", "<a><!-- a - - b - --></a>");
	check_repair("<a><![CDATA[<b>&]]></a>", "<a><![CDATA[<b>&]]></a>");
	check_repair("<a><?php echo 1; ?></a>", "<a><?php echo 1; ?></a>");
	check_repair("<a><?XML x?>y</a>", "<a>y</a>");
	check_repair("<a>x\001y\302\200\357\277\276\377</a>",
	    "<a>xy\302\200\357\277\275\357\277\275</a>");
	/* a dropped control character must not close a CDATA section */
	check_repair("<a><![CDATA[x]]\001>y]]></a>",
	    "<a><![CDATA[x]]]]><![CDATA[>y]]></a>");
	check_repair("<a>x]]\001>y</a>", "<a>x]]&gt;y</a>");
	check_repair("<Ãtomo café=\"sí\">ç</Ãtomo>",
	    "<Ãtomo café=\"sí\">ç</Ãtomo>");
	check_repair("<a><标题>x</标题></a>", "<a>&lt;标题>x&lt;/标题></a>");
}
END_TEST

START_TEST(test_doctype)
{
	check_repair("<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD "
	    "RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/"
	    "rss-0.91.dtd\">\n<rss>&eacute; &</rss>",
	    "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS "
	    "0.91//EN\" \"http://my.netscape.com/publish/formats/"
	    "rss-0.91.dtd\">\n<rss>&eacute; &amp;</rss>");
	check_repair("<!DOCTYPE a [ <!ENTITY c \"&#169; x&y <b>\"> "
	    "<!ENTITY % p 'x'> <!ELEMENT a ANY> %p; ]><a>&c;&d;</a>",
	    "<!DOCTYPE a [<!ENTITY c "
	    "\"&#169; x&#38;#38;y &#38;#60;b&#38;#62;\">]>"
	    "<a>&c;&d;</a>");
	check_repair("<!DOCTYPE a [<!ENTITY r \"&r;\">]><a>&r;</a>",
	    "<!DOCTYPE a [<!ENTITY r \"&#38;#38;r;\">]><a>&r;</a>");
	check_repair("<!DOCTYPE a SYSTEM 'x\"y'><a/><!DOCTYPE b>",
	    "<!DOCTYPE a SYSTEM 'x\"y'><a/>");
	check_repair("<!DOCTYPE a \"><a>x</a>", "<!DOCTYPE a><a>x</a>");
	check_repair("<a>x<!DOCTYPE a></a>", "<a>x</a>");
}
END_TEST

START_TEST(test_void)
{
	check_repair("<p>a<br>b<img src=x>c<br></br>d</p>",
	    "<p>a<br/>b<img src=\"x\"/>c<br></br>d</p>");
	check_repair("<rss><channel><link>http://x/</link><item>"
	    "<source url=\"http://y/\">Y</source><link>\n http://z/\n</link>"
	    "<link><![CDATA[http://w/]]></link><x:br>t</x:br></item>"
	    "</channel></rss>",
	    "<rss><channel><link>http://x/</link><item>"
	    "<source url=\"http://y/\">Y</source><link>\n http://z/\n</link>"
	    "<link><![CDATA[http://w/]]></link><x:br>t</x:br></item>"
	    "</channel></rss>");
	check_repair("<feed><link rel=\"alternate\" href=\"http://x/\">"
	    "<title>t</title></feed>",
	    "<feed><link rel=\"alternate\" href=\"http://x/\"/>"
	    "<title>t</title></feed>");
	check_repair("<feed><entry><source><id>x</id></source><link>y"
	    "</entry></feed>", "<feed><entry><source><id>x</id></source>"
	    "<link>y</link></entry></feed>");
}
END_TEST

START_TEST(test_well_formed)
{
	const char *doc =
	    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<?xml-stylesheet type=\"text/xsl\" href=\"s.xsl\"?>\n"
	    "<!-- generator -->\n"
	    "<rss version=\"2.0\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	    "<channel><title>T &amp; U</title>\n"
	    "<link>http://example.com/</link>\n"
	    "<item><title>&lt;b&gt; &#8220;q&#x201D;</title>\n"
	    "<description><![CDATA[<p>hi</p>]]></description>\n"
	    "<dc:creator>me</dc:creator><enclosure url='http://x/a.mp3' "
	    "length=\"1\" type=\"audio/mpeg\"/>\n"
	    "</item></channel></rss>\n";
	size_t repairs;
	char *got = repair_len(doc, strlen(doc), &repairs);

	ck_assert_str_eq(got, doc);
	ck_assert_uint_eq(repairs, 0);
	free(got);
}
END_TEST

START_TEST(test_no_root)
{
	struct buf out = BUF_INIT;

	xml_repair("just text & <", 13, &out);
	ck_assert_str_eq(out.ptr, "   ");
	buf_release(&out);
	xml_repair("<!DOCTYPE a [ <!ENTITY", 22, &out);
	ck_assert_str_eq(out.ptr, "");
	buf_release(&out);
	xml_repair("", 0, &out);
	ck_assert_str_eq(out.ptr, "");
	buf_release(&out);
}
END_TEST

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
repair_time(const char *head, const char *unit, size_t n, const char *tail)
{
	struct buf in = BUF_INIT;
	double t;
	size_t i;

	buf_append_str(&in, head);
	for (i = 0; i < n; i++)
		buf_append_str(&in, unit);
	buf_append_str(&in, tail);
	t = seconds();
	free(repair_len(in.ptr, in.len, NULL));
	t = seconds() - t;
	buf_release(&in);
	return t;
}

/*
 * Linear, whatever the machine's speed: ten times the input may take
 * ten times as long (30 allowed, and half a second, for noise and
 * caches), not the hundred a quadratic repair would.
 */
static void
check_fast(const char *head, const char *unit, size_t n, const char *tail)
{
	double small = 1e9, big, t;
	int i;

	for (i = 0; i < 3; i++) {
		t = repair_time(head, unit, n / 10, tail);
		if (t < small)
			small = t;
	}
	big = repair_time(head, unit, n, tail);
	ck_assert_msg(big <= 30 * small + 0.5, "%zu x \"%s\": %.3f s, "
	    "%zu: %.3f s", n, unit, big, n / 10, small);
}

START_TEST(test_hostile)
{
	check_fast("", "<a>", 100000, "text");
	check_fast("", "<a><b>", 50000, "</c></c></c></c></c></c></c></c>");
	check_fast("<r>", "<", 1000000, "");
	check_fast("<", "<", 1000000, "<r/>");
	check_fast("<r>", "<a x=\"", 100000, "");
	check_fast("<r>", "<a x='>", 100000, "");
	check_fast("<r>", "</A>", 100000, "");
	check_fast("<r>", "<br>", 100000, "");
	check_fast("<r>", "&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    20000, "");
	check_fast("<r ", "a=\"1\" ", 100000, "/>");
	check_fast("<r ", "a", 200000, "/>");
	check_fast("<r>", "<?a ", 100000, "");
	check_fast("", "<!DOCTYPE x>", 100000, "<r/>");
	check_fast("<r>", "<!DOCTYPE \"", 100000, "");
	check_fast("<r>", "<![CDATA[", 100000, "");
	check_fast("<r>", "<!--", 100000, "");
	check_fast("<r>", "-->", 100000, "");
}
END_TEST

START_TEST(test_hostile_root)
{
	/* deep nesting with stray end tags that match only case-folded */
	struct buf in = BUF_INIT;
	size_t i;
	char *got;

	buf_append_str(&in, "<r>");
	for (i = 0; i < 100000; i++)
		buf_append_str(&in, "<a>");
	for (i = 0; i < 100000; i++)
		buf_append_str(&in, "</A></b>");
	got = repair_len(in.ptr, in.len, NULL);
	ck_assert_uint_eq(strlen(got), 3 + 100000 * 7 + 4);
	free(got);
	buf_release(&in);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("xml_repair");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_ampersand);
	tcase_add_test(tc, test_escape_sequences);
	tcase_add_test(tc, test_less_than);
	tcase_add_test(tc, test_attributes);
	tcase_add_test(tc, test_unclosed);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_outside_root);
	tcase_add_test(tc, test_markup);
	tcase_add_test(tc, test_doctype);
	tcase_add_test(tc, test_void);
	tcase_add_test(tc, test_well_formed);
	tcase_add_test(tc, test_no_root);
	tcase_add_test(tc, test_hostile);
	tcase_add_test(tc, test_hostile_root);
	suite_add_tcase(s, tc);
	return check_run(s);
}
