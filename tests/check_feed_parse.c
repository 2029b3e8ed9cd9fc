/*
 * Unit tests for the feed parser: each format, namespaces, text
 * constructs, links, encodings, recovery of broken documents and hostile
 * input. Documents are written inline so each test shows what it feeds.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "feed.h"
#include "feed_parse.h"
#include "json.h"
#include "check_run.h"

static struct feed F;
static int status;

static void
setup(void)
{
	feed_init(&F);
}

static void
teardown(void)
{
	feed_release(&F);
}

static void
parse_n(const char *doc, size_t len)
{
	feed_release(&F);
	status = feed_parse_buffer(doc, len, NULL, &F);
}

static void
parse(const char *doc)
{
	parse_n(doc, strlen(doc));
}

/* The same document pushed in pieces of chunk bytes. */
static void
parse_chunked(const char *doc, size_t len, size_t chunk, const char *url)
{
	struct feed_parser *p;
	size_t off, n;

	feed_release(&F);
	p = feed_parser_new(&F, url);
	for (off = 0; off < len; off += n) {
		n = len - off < chunk ? len - off : chunk;
		feed_parser_push(p, doc + off, n);
	}
	status = feed_parser_finish(p);
	feed_parser_free(p);
}

static const char *
iso(const struct feed_date *d)
{
	static char out[DATE_ISO_SIZE];

	if (!d->known)
		return "null";
	date_format_iso(d->t, out);
	return out;
}

#define ck_str(a, b) ck_assert_str_eq((a) != NULL ? (a) : "(null)", (b))

START_TEST(rss2_channel_and_items)
{
	parse("<?xml version='1.0'?><rss version='2.0' "
	    "xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
	    "<channel><title>Wire</title><link>http://w.example/</link>"
	    "<description>All &amp; more</description>"
	    "<language>en_US</language>"
	    "<pubDate>Tue, 05 Jun 2007 08:30:00 +0100</pubDate>"
	    "<image><title>logo</title><link>http://img/</link></image>"
	    "<item><title>One</title><link>http://w.example/1</link>"
	    "<guid isPermaLink='false'>id-1</guid>"
	    "<author>ed@w.example (Ed)</author>"
	    "<category>A</category><category>B</category>"
	    "<description>&lt;p&gt;sum&lt;/p&gt;</description>"
	    "<content:encoded><![CDATA[<p>full <b>text</b></p>]]>"
	    "</content:encoded>"
	    "<enclosure url='http://w.example/a.mp3' type='audio/mpeg' "
	    "length='42'/></item>"
	    "<item><guid>http://w.example/2</guid><title>Two</title></item>"
	    "</channel></rss>");
	ck_assert_int_eq(status, 0);
	ck_assert_int_eq(F.nerrors, 0);
	ck_assert_int_eq(F.format, FEED_FORMAT_RSS20);
	ck_str(F.title, "Wire");
	ck_str(F.link, "http://w.example/");
	ck_str(F.description, "All & more");
	ck_str(F.language, "en-US");
	/* the channel pubDate stands in for a missing update date */
	ck_str(iso(&F.updated), "2007-06-05T07:30:00Z");
	ck_assert_int_eq(F.nitems, 2);
	ck_str(F.items[0].title, "One");
	ck_str(F.items[0].id, "id-1");
	ck_str(F.items[0].link, "http://w.example/1");
	ck_str(F.items[0].author, "ed@w.example (Ed)");
	ck_str(F.items[0].summary, "<p>sum</p>");
	ck_str(F.items[0].content, "<p>full <b>text</b></p>");
	ck_assert_int_eq(F.items[0].ncategories, 2);
	ck_str(F.items[0].categories[1], "B");
	ck_assert_int_eq(F.items[0].nenclosures, 1);
	ck_str(F.items[0].enclosures[0].type, "audio/mpeg");
	ck_assert_int_eq(F.items[0].enclosures[0].length, 42);
	/* a permalink guid is the link when there is no <link> */
	ck_str(F.items[1].link, "http://w.example/2");
	ck_str(F.items[1].id, "http://w.example/2");
}
END_TEST

START_TEST(rss_versions)
{
	parse("<rss version='0.91'><channel><title>x</title></channel></rss>");
	ck_assert_int_eq(F.format, FEED_FORMAT_RSS090);
	parse("<rss version='2.01'><channel/></rss>");
	ck_assert_int_eq(F.format, FEED_FORMAT_RSS20);
	parse("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'"
	    " xmlns='http://my.netscape.com/rdf/simple/0.9/'><channel>"
	    "<title>old</title></channel><item><title>i</title>"
	    "<link>http://o/</link></item></rdf:RDF>");
	ck_assert_int_eq(F.format, FEED_FORMAT_RSS090);
	ck_str(F.title, "old");
	ck_assert_int_eq(F.nitems, 1);
	ck_str(F.items[0].link, "http://o/");
}
END_TEST

START_TEST(rss1_with_odd_prefixes)
{
	/* "d" is bound to Dublin Core: the binding counts, not the spelling */
	parse("<r:RDF xmlns:r='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
	    "xmlns='http://purl.org/rss/1.0/' "
	    "xmlns:d='http://purl.org/dc/elements/1.1/' "
	    "xmlns:dc='http://example.com/not-dublin-core'>"
	    "<channel r:about='http://c/'><title>T</title></channel>"
	    "<item r:about='http://c/1'><title>I</title>"
	    "<d:date>2003-12-31T10:14:55Z</d:date><d:creator>Ann</d:creator>"
	    "<dc:creator>not this</dc:creator></item></r:RDF>");
	ck_assert_int_eq(F.format, FEED_FORMAT_RSS10);
	ck_assert_int_eq(F.nitems, 1);
	ck_str(F.items[0].id, "http://c/1");
	ck_str(F.items[0].author, "Ann");
	/* dc:date is an update date */
	ck_str(iso(&F.items[0].updated), "2003-12-31T10:14:55Z");
	ck_str(iso(&F.items[0].published), "null");
}
END_TEST

START_TEST(atom10_entry)
{
	parse("<feed xmlns='http://www.w3.org/2005/Atom' xml:lang='fr' "
	    "xml:base='http://a.example/dir/'>"
	    "<title type='html'>A &amp;lt;b&amp;gt;</title>"
	    "<subtitle>sub</subtitle><link href='home.html'/>"
	    "<updated>2005-07-31T12:29:29Z</updated>"
	    "<entry><title>E</title>"
	    "<link rel='enclosure' href='e.mp3' length='7'/>"
	    "<link href='/e.html'/><link rel='alternate' href='second.html'/>"
	    "<id>urn:e</id><published>2005-07-31T12:00:00+02:00</published>"
	    "<author><name>Ann</name><email>ann@x</email></author>"
	    "<category term='t1'/><summary>s</summary>"
	    "<content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'>"
	    "<p>x &amp; <a href='rel.html'>y</a></p></div></content>"
	    "<source><title>not mine</title><id>urn:src</id></source>"
	    "</entry></feed>");
	ck_assert_int_eq(status, 0);
	ck_assert_int_eq(F.format, FEED_FORMAT_ATOM10);
	ck_str(F.title, "A &lt;b&gt;");
	ck_str(F.description, "sub");
	ck_str(F.link, "http://a.example/dir/home.html");
	ck_str(F.language, "fr");
	ck_str(iso(&F.updated), "2005-07-31T12:29:29Z");
	ck_assert_int_eq(F.nitems, 1);
	ck_str(F.items[0].title, "E");
	ck_str(F.items[0].id, "urn:e");
	/* the first alternate link wins; the enclosure is not a link */
	ck_str(F.items[0].link, "http://a.example/e.html");
	ck_str(F.items[0].enclosures[0].url, "http://a.example/dir/e.mp3");
	ck_str(F.items[0].author, "Ann (ann@x)");
	ck_str(iso(&F.items[0].published), "2005-07-31T10:00:00Z");
	ck_str(F.items[0].categories[0], "t1");
	/* xhtml: the wrapping div goes, markup and escapes stay, links
	 * are resolved against xml:base */
	ck_str(F.items[0].content, "<p>x &amp; "
	    "<a href=\"http://a.example/dir/rel.html\">y</a></p>");
}
END_TEST

START_TEST(atom03_modes)
{
	parse("<feed version='0.3' xmlns='http://purl.org/atom/ns#'>"
	    "<tagline>tag</tagline><modified>2004-01-01T00:00:00Z</modified>"
	    "<entry><title mode='base64' type='text/html'>"
	    "PGI+Ym9sZDwvYj4=</title>"
	    "<summary type='text/html' mode='escaped'>&lt;i&gt;i&lt;/i&gt;"
	    "</summary><content type='application/xhtml+xml' mode='xml'>"
	    "<div xmlns='http://www.w3.org/1999/xhtml'>kept div</div>"
	    "</content><issued>2004-01-01T10:00:00Z</issued></entry></feed>");
	ck_assert_int_eq(F.format, FEED_FORMAT_ATOM03);
	ck_str(F.description, "tag");
	ck_str(iso(&F.updated), "2004-01-01T00:00:00Z");
	ck_str(F.items[0].title, "<b>bold</b>");
	ck_str(F.items[0].summary, "<i>i</i>");
	/* Atom 0.3 inline xhtml keeps its div */
	ck_str(F.items[0].content, "<div>kept div</div>");
	ck_str(iso(&F.items[0].published), "2004-01-01T10:00:00Z");
}
END_TEST

START_TEST(atom_without_namespace)
{
	parse("<feed><entry><title>bare</title><author><name>N</name>"
	    "</author></entry></feed>");
	ck_assert_int_eq(F.format, FEED_FORMAT_ATOM10);
	ck_str(F.items[0].title, "bare");
	ck_str(F.items[0].author, "N");
}
END_TEST

START_TEST(html_entities_undeclared)
{
	parse("<rss><channel><title>caf&eacute; &nbsp;&hellip; "
	    "&doesnotexist; &amp; &#8364; &#x263A;</title></channel></rss>");
	ck_assert_int_eq(F.nerrors, 0);
	ck_str(F.title, "caf\xc3\xa9 \xc2\xa0\xe2\x80\xa6 &doesnotexist; & "
	    "\xe2\x82\xac \xe2\x98\xba");
}
END_TEST

START_TEST(media_and_itunes)
{
	parse("<rss xmlns:media='http://search.yahoo.com/mrss/' "
	    "xmlns:itunes='http://www.itunes.com/DTDs/Podcast-1.0.dtd'>"
	    "<channel><itunes:summary>pod</itunes:summary><item>"
	    "<media:group><media:content url='http://m/v.mp4' "
	    "type='video/mp4' fileSize='100'/><media:title>mt</media:title>"
	    "</media:group><media:thumbnail url='http://m/t.jpg'/>"
	    "<itunes:author>Host</itunes:author>"
	    "<itunes:category text='Tech'><itunes:category text='Gadgets'/>"
	    "</itunes:category><media:description>md</media:description>"
	    "</item></channel></rss>");
	ck_str(F.description, "pod");
	ck_str(F.items[0].title, "mt");
	ck_str(F.items[0].summary, "md");
	ck_str(F.items[0].author, "Host");
	ck_assert_int_eq(F.items[0].nenclosures, 2);
	ck_assert_int_eq(F.items[0].enclosures[0].length, 100);
	ck_assert_ptr_null(F.items[0].enclosures[1].type);
	ck_assert_int_eq(F.items[0].ncategories, 2);
	ck_str(F.items[0].categories[1], "Gadgets");
}
END_TEST

START_TEST(case_insensitive_names)
{
	parse("<rss><channel><TiTlE>loud</TiTlE></channel></rss>");
	ck_str(F.title, "loud");
}
END_TEST

START_TEST(xml_base_chain)
{
	static const char doc[] = "<rss xml:base='http://a/b/'>"
	    "<channel xml:base='c/'>"
	    "<item><link xml:base='../d/'>e.html</link></item>"
	    "<item><link>f.html</link></item></channel></rss>";
	static const char doc2[] = "<rss><channel><link>/home</link>"
	    "</channel></rss>";

	parse_chunked(doc, sizeof(doc) - 1, 7, NULL);
	ck_str(F.items[0].link, "http://a/b/d/e.html");
	ck_str(F.items[1].link, "http://a/b/c/f.html");
	/* the document's URL is the outermost base */
	parse_chunked(doc2, sizeof(doc2) - 1, 5,
	    "https://site.example/feeds/rss.xml");
	ck_str(F.link, "https://site.example/home");
}
END_TEST

START_TEST(dates_unparseable_are_null)
{
	parse("<rss><channel><item><pubDate>someday soon</pubDate>"
	    "<title>t</title></item></channel></rss>");
	ck_assert_int_eq(F.items[0].published.known, 0);
}
END_TEST

START_TEST(encoding_latin1_and_cp1252)
{
	parse("<?xml version='1.0' encoding='iso-8859-1'?><rss><channel>"
	    "<title>caf\xe9 \x93q\x94</title></channel></rss>");
	ck_assert_int_eq(F.nerrors, 0);
	ck_str(F.title, "caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d");
}
END_TEST

START_TEST(encoding_koi8r_and_sjis)
{
	parse("<?xml version=\"1.0\" encoding=\"KOI8-R\"?><rss><channel>"
	    "<title>\xf0\xd2\xc9\xd7\xc5\xd4</title></channel></rss>");
	ck_assert_int_eq(F.nerrors, 0);
	ck_str(F.title, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82");
	parse("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><rss><channel>"
	    "<title>\x93\xfa\x96\x7b</title></channel></rss>");
	ck_assert_int_eq(F.nerrors, 0);
	ck_str(F.title, "\xe6\x97\xa5\xe6\x9c\xac");
}
END_TEST

/* "<rss><channel><title>Ab</title></channel></rss>" as UTF-16. */
static size_t
utf16(char *out, int big_endian, int bom)
{
	const char *s = "<rss><channel><title>A\xe2\x82\xac</title>"
	    "</channel></rss>";
	size_t n = 0;
	unsigned c;

	if (bom) {
		out[n++] = big_endian ? '\xfe' : '\xff';
		out[n++] = big_endian ? '\xff' : '\xfe';
	}
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (c == 0xe2) {	/* the euro sign, U+20AC */
			c = 0x20ac;
			s += 2;
		}
		out[n++] = (char)(big_endian ? c >> 8 : c & 0xff);
		out[n++] = (char)(big_endian ? c & 0xff : c >> 8);
	}
	return n;
}

START_TEST(encoding_utf16)
{
	char doc[256];
	size_t n;
	int be, bom;

	for (be = 0; be <= 1; be++) {
		for (bom = 0; bom <= 1; bom++) {
			n = utf16(doc, be, bom);
			parse_chunked(doc, n, 3, NULL);
			ck_assert_int_eq(F.nerrors, 0);
			ck_str(F.title, "A\xe2\x82\xac");
		}
	}
}
END_TEST

START_TEST(wrong_declared_encoding)
{
	/* says UTF-8, is Latin-1: text recovered, problem noted */
	parse("<?xml version='1.0' encoding='utf-8'?><rss><channel>"
	    "<title>na\xefve</title><item><title>i</title></item>"
	    "</channel></rss>");
	ck_assert_int_eq(status, 1);
	ck_assert_int_gt(F.nerrors, 0);
	ck_str(F.title, "na\xc3\xafve");
	ck_assert_int_eq(F.nitems, 1);
}
END_TEST

START_TEST(recovery_bare_ampersand_and_unclosed)
{
	parse("<rss><channel><title>A & B</title>"
	    "<item><title>one</title><link>http://x/?a=1&b=2</link></item>"
	    "<item><title>two <b>bold</title></item>"
	    "<item><title>cut");
	ck_assert_int_eq(status, 1);
	ck_assert_int_gt(F.nerrors, 0);
	ck_str(F.title, "A & B");
	ck_assert_int_ge(F.nitems, 2);
	ck_str(F.items[0].link, "http://x/?a=1&b=2");
	ck_str(F.items[1].title, "two <b>bold</b>");
}
END_TEST

START_TEST(recovery_keeps_items_before_break)
{
	parse("<rss><channel><item><title>ok</title></item>"
	    "<item><title>fine</title></item><<<>>></channel></rss>");
	ck_assert_int_gt(F.nerrors, 0);
	ck_assert_int_ge(F.nitems, 2);
	ck_str(F.items[1].title, "fine");
}
END_TEST

START_TEST(hostile_billion_laughs)
{
	parse("<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY a 'aaaaaaaaaa'>"
	    "<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
	    "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>"
	    "<!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>"
	    "<!ENTITY e '&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;'>"
	    "<!ENTITY f '&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;'>"
	    "<!ENTITY g '&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;'>"
	    "<!ENTITY h '&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;'>]>"
	    "<rss><channel><title>&h;</title></channel></rss>");
	/* expat's amplification limit stops it; nothing exploded */
	ck_assert_int_gt(F.nerrors, 0);
	ck_assert(F.title == NULL || strlen(F.title) < 1000000);
}
END_TEST

START_TEST(hostile_external_entity_not_loaded)
{
	parse("<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY x SYSTEM "
	    "'file:///etc/passwd'>]><rss><channel><title>[&x;]</title>"
	    "</channel></rss>");
	ck_assert(F.title == NULL || strstr(F.title, "root:") == NULL);
}
END_TEST

START_TEST(hostile_deep_nesting)
{
	struct buf b = BUF_INIT;
	int i;

	buf_append_str(&b, "<rss><channel><title>t</title>");
	for (i = 0; i < 100000; i++)
		buf_append_str(&b, "<x>");
	parse_n(b.ptr, b.len);
	ck_str(F.title, "t");
	ck_assert_int_gt(F.nerrors, 0);
	buf_release(&b);
}
END_TEST

START_TEST(hostile_nul_and_huge_title)
{
	struct buf b = BUF_INIT, json = BUF_INIT;
	size_t i;

	parse_n("<rss><channel><title>a\0b</title></channel></rss>", 47);
	ck_assert_int_gt(F.nerrors, 0);
	buf_append_str(&b, "<rss><channel><title>");
	for (i = 0; i < 20u << 20; i += 10)
		buf_append_str(&b, "0123456789");
	buf_append_str(&b, "</title></channel></rss>");
	parse_n(b.ptr, b.len);
	ck_assert(F.title == NULL || strlen(F.title) <= 16u << 20);
	ck_assert_int_gt(F.nerrors, 0);
	feed_to_json(&F, &json);
	buf_release(&json);
	buf_release(&b);
}
END_TEST

START_TEST(control_characters_in_json)
{
	struct buf json = BUF_INIT;

	parse("<rss><channel><title>esc&#27;[31m red &#7; bell</title>"
	    "</channel></rss>");
	/* not XML 1.0 characters: noted, dropped by the repair */
	ck_assert_int_gt(F.nerrors, 0);
	ck_str(F.title, "esc[31m red  bell");
	feed_to_json(&F, &json);
	ck_assert_ptr_null(strchr(json.ptr, 0x1b));
	ck_assert_ptr_null(strchr(json.ptr, 0x07));
	buf_release(&json);
}
END_TEST

START_TEST(chunked_equals_whole)
{
	static const char doc[] = "<?xml version='1.0' encoding='utf-8'?>"
	    "<feed xmlns='http://www.w3.org/2005/Atom'><title>T\xc3\xa9"
	    "</title><entry><title>&eacute;1</title><id>i</id>"
	    "<content type='html'>&lt;p&gt;x&lt;/p&gt;</content></entry>"
	    "</feed>";
	struct buf whole = BUF_INIT, piece = BUF_INIT;
	size_t chunk;

	parse(doc);
	feed_to_json(&F, &whole);
	for (chunk = 1; chunk < 40; chunk++) {
		parse_chunked(doc, sizeof(doc) - 1, chunk, NULL);
		buf_reset(&piece);
		feed_to_json(&F, &piece);
		ck_assert_str_eq(piece.ptr, whole.ptr);
	}
	buf_release(&whole);
	buf_release(&piece);
}
END_TEST

START_TEST(size_limit)
{
	struct feed_parser *p;
	static const char doc[] = "<rss><channel><title>kept</title>"
	    "<item><title>one</title></item><item><title>two</title>"
	    "</item></channel></rss>";

	feed_release(&F);
	p = feed_parser_new(&F, NULL);
	feed_parser_set_limit(p, 60);
	ck_assert_int_eq(feed_parser_push(p, doc, 40), 0);
	ck_assert_int_eq(feed_parser_push(p, doc + 40, sizeof(doc) - 41), -1);
	ck_assert_int_eq(feed_parser_push(p, "more", 4), -1);
	status = feed_parser_finish(p);
	feed_parser_free(p);
	ck_assert_int_eq(status, 1);
	ck_str(F.title, "kept");
	ck_assert_ptr_nonnull(strstr(F.errors[0], "larger than 60 bytes"));
}
END_TEST

static int replays;

static int
replay_doc(void *ctx, struct buf *out)
{
	replays++;
	buf_append_str(out, ctx);
	return 0;
}

START_TEST(replay_instead_of_a_copy)
{
	struct feed_parser *p;
	const char *doc = "<rss><channel><item><title>a & b</title></item>"
	    "<item><title>c</title></item></channel></rss>";
	size_t off, len = strlen(doc);

	/* broken: the parser asks for the input again, once */
	replays = 0;
	feed_release(&F);
	p = feed_parser_new(&F, NULL);
	feed_parser_set_replay(p, replay_doc, (void *)doc);
	for (off = 0; off < len; off += 10)
		feed_parser_push(p, doc + off, len - off < 10 ? len - off : 10);
	status = feed_parser_finish(p);
	feed_parser_free(p);
	ck_assert_int_eq(replays, 1);
	ck_assert_int_eq(F.nitems, 2);
	ck_str(F.items[0].title, "a & b");
	/* well-formed: never asked */
	replays = 0;
	parse_chunked("<rss><channel><title>t</title></channel></rss>", 46,
	    9, NULL);
	ck_assert_int_eq(replays, 0);
}
END_TEST

START_TEST(large_broken_document_keeps_items_before_break)
{
	struct buf b = BUF_INIT;
	char last[32];
	size_t n = 0, i;
	int said = 0;

	/* over the 16 MiB the parser keeps for repairs, broken at the end */
	buf_append_str(&b, "<rss><channel>");
	while (b.len < (17u << 20)) {
		buf_printf(&b, "<item><title>item %zu</title></item>", n++);
	}
	buf_append_str(&b, "<item><title>bad & worse</title></item>");
	parse_chunked(b.ptr, b.len, 65536, NULL);
	ck_assert_int_eq(status, 1);
	ck_assert_int_eq(F.nitems, n + 1);
	snprintf(last, sizeof(last), "item %zu", n - 1);
	ck_str(F.items[n - 1].title, last);
	for (i = 0; i < F.nerrors; i++)
		said |= strstr(F.errors[i], "too large to repair") != NULL;
	ck_assert(said);
	buf_release(&b);
}
END_TEST

START_TEST(empty_and_non_feed)
{
	parse("");
	ck_assert_int_eq(status, 1);
	ck_assert_int_eq(F.format, FEED_FORMAT_UNKNOWN);
	parse("<html><body>not a feed</body></html>");
	ck_assert_int_eq(F.format, FEED_FORMAT_UNKNOWN);
	ck_assert_int_eq(F.nitems, 0);
	parse("<rss></rss>");
	ck_assert_int_eq(status, 0);
	ck_assert_int_eq(F.nerrors, 0);
}
END_TEST

static Suite *
feed_parse_suite(void)
{
	Suite *s = suite_create("feed_parse");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, rss2_channel_and_items);
	tcase_add_test(tc, rss_versions);
	tcase_add_test(tc, rss1_with_odd_prefixes);
	tcase_add_test(tc, atom10_entry);
	tcase_add_test(tc, atom03_modes);
	tcase_add_test(tc, atom_without_namespace);
	tcase_add_test(tc, html_entities_undeclared);
	tcase_add_test(tc, media_and_itunes);
	tcase_add_test(tc, case_insensitive_names);
	tcase_add_test(tc, xml_base_chain);
	tcase_add_test(tc, dates_unparseable_are_null);
	tcase_add_test(tc, encoding_latin1_and_cp1252);
	tcase_add_test(tc, encoding_koi8r_and_sjis);
	tcase_add_test(tc, encoding_utf16);
	tcase_add_test(tc, wrong_declared_encoding);
	tcase_add_test(tc, recovery_bare_ampersand_and_unclosed);
	tcase_add_test(tc, recovery_keeps_items_before_break);
	tcase_add_test(tc, hostile_billion_laughs);
	tcase_add_test(tc, hostile_external_entity_not_loaded);
	tcase_add_test(tc, hostile_deep_nesting);
	tcase_add_test(tc, hostile_nul_and_huge_title);
	tcase_add_test(tc, control_characters_in_json);
	tcase_add_test(tc, chunked_equals_whole);
	tcase_add_test(tc, size_limit);
	tcase_add_test(tc, replay_instead_of_a_copy);
	tcase_add_test(tc, large_broken_document_keeps_items_before_break);
	tcase_add_test(tc, empty_and_non_feed);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(feed_parse_suite());
}
