/*
 * OPML import and export (opml.h).
 *
 * Reading keeps a stack of the open <outline> elements and, beside it,
 * the titles of the enclosing folders (outlines without xmlUrl): those
 * are the tags of every feed met inside. Only folders with a title are
 * on the tag stack, and a feed takes at most FEEDS_MAX_TAGS of them, so
 * hostile nesting costs linear time.
 *
 * The document is one buffer parsed in one call: subscription lists are
 * small and come from a file, so a push API would buy nothing. expat is
 * created with no encoding forced so it honours the XML declaration.
 */
#include "opml.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <expat.h>

#include "buf.h"
#include "xalloc.h"
#include "banned.h"

struct opml_state {
	XML_Parser xml;
	struct feeds *f;
	const char *path;
	int seen_root;
	/* One byte per open outline: 1 when it pushed a folder tag. */
	unsigned char *pushed;
	size_t depth, pushed_cap;
	/* Titles of the enclosing folders, outermost first; heap strings. */
	char **folders;
	size_t nfolders, folders_cap;
	struct buf tmp, tmp2;
};

static void
report(struct opml_state *st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
report(struct opml_state *st, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	if (st->path != NULL)
		buf_printf(&b, "%s: ", st->path);
	buf_printf(&b, "line %llu, column %llu: ",
	    (unsigned long long)XML_GetCurrentLineNumber(st->xml),
	    (unsigned long long)XML_GetCurrentColumnNumber(st->xml) + 1);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	feeds_add_error(st->f, "%s", b.ptr);
	buf_release(&b);
}

static int
xml_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Text fit for a title or tag: C0, DEL and C1 controls become spaces
 * (expat's output is valid UTF-8, so C1 is always C2 80..C2 9F), and
 * surrounding spaces go. For a tag, leading '~' goes too.
 */
static void
clean_text(struct buf *out, const char *s, size_t len, int is_tag)
{
	size_t i, start;
	unsigned char c;

	buf_reset(out);
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			c = ' ';
		else if (c == 0xc2 && i + 1 < len &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f) {
			i++;
			c = ' ';
		}
		buf_append_char(out, (char)c);
	}
	for (start = 0; start < out->len; start++)
		if (out->ptr[start] != ' ' &&
		    !(is_tag && out->ptr[start] == '~'))
			break;
	while (out->len > start && out->ptr[out->len - 1] == ' ')
		out->len--;
	memmove(out->ptr, out->ptr + start, out->len - start);
	out->len -= start;
	out->ptr[out->len] = '\0';
}

/*
 * Add the category segment s[0..len) as a tag, after cleaning; returns
 * -1 when e is full. %2C, %2F and %25 are ',', '/' and '%', as
 * opml_write() escapes them.
 */
static int
add_tag(struct opml_state *st, struct feeds_entry *e, const char *s,
    size_t len)
{
	size_t i;

	buf_reset(&st->tmp);
	for (i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && s[i + 1] == '2') {
			if (s[i + 2] == 'C' || s[i + 2] == 'c' ||
			    s[i + 2] == 'F' || s[i + 2] == 'f' ||
			    s[i + 2] == '5') {
				buf_append_char(&st->tmp, s[i + 2] == '5' ?
				    '%' : (s[i + 2] | 0x20) == 'c' ? ',' : '/');
				i += 2;
				continue;
			}
		}
		buf_append_char(&st->tmp, s[i]);
	}
	clean_text(&st->tmp2, st->tmp.ptr, st->tmp.len, 1);
	return feeds_entry_add_tag(st->f, e, st->tmp2.ptr, st->tmp2.len);
}

/* category="/a/b,c": each path segment of each entry is a tag. */
static int
add_categories(struct opml_state *st, struct feeds_entry *e,
    const char *cat)
{
	const char *p = cat, *q;

	for (;;) {
		q = p + strcspn(p, ",/");
		if (add_tag(st, e, p, (size_t)(q - p)) != 0)
			return -1;
		if (*q == '\0')
			return 0;
		p = q + 1;
	}
}

/* How much of s[0..len) to quote in a message: bounded, whole chars. */
static int
quote_len(const char *s, size_t len)
{
	if (len <= 80)
		return (int)len;
	len = 80;
	while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
		len--;
	return (int)len;
}

static void
add_feed(struct opml_state *st, const char *url, const char *title,
    const char *site, const char *category)
{
	struct feeds_entry *e;
	const char *why;
	size_t len, i;
	int full = 0;

	while (xml_space((unsigned char)*url))
		url++;
	len = strlen(url);
	while (len > 0 && xml_space((unsigned char)url[len - 1]))
		len--;
	if ((why = feeds_url_problem(url, len)) != NULL) {
		/* Quote it unless that would print controls. */
		clean_text(&st->tmp, url, len, 0);
		if (st->tmp.len != len || memcmp(st->tmp.ptr, url, len) != 0)
			report(st, "%s", why);
		else
			report(st, "%s '%.*s'", why, quote_len(url, len), url);
		return;
	}
	e = feeds_add(st->f, url, len);
	if (e->line == 0)
		e->line = (int)(XML_GetCurrentLineNumber(st->xml) > INT_MAX ?
		    INT_MAX : XML_GetCurrentLineNumber(st->xml));
	if (title != NULL && e->title == NULL) {
		clean_text(&st->tmp, title, strlen(title), 0);
		/* Exporters write the URL when they know no title. */
		if (st->tmp.len > 0 && (st->tmp.len != len ||
		    memcmp(st->tmp.ptr, url, len) != 0))
			feeds_entry_set_title(st->f, e, st->tmp.ptr,
			    st->tmp.len);
	}
	if (site != NULL && e->site == NULL) {
		clean_text(&st->tmp, site, strlen(site), 0);
		if (st->tmp.len > 0 && strchr(st->tmp.ptr, ' ') == NULL)
			feeds_entry_set_site(st->f, e, st->tmp.ptr,
			    st->tmp.len);
	}
	if (category != NULL)
		full = add_categories(st, e, category);
	for (i = 0; i < st->nfolders && !full; i++)
		full = feeds_entry_add_tag(st->f, e, st->folders[i],
		    strlen(st->folders[i]));
	if (full)
		report(st, "more than %d tags, the rest ignored",
		    FEEDS_MAX_TAGS);
}

static void XMLCALL
on_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct opml_state *st = arg;
	const char *url = NULL, *title = NULL, *text = NULL, *site = NULL;
	const char *category = NULL;
	size_t i;

	if (!st->seen_root) {
		st->seen_root = 1;
		if (strcasecmp(name, "opml") != 0) {
			report(st, "not an OPML document (root element "
			    "'%.40s')", name);
			XML_StopParser(st->xml, XML_FALSE);
		}
		return;
	}
	if (strcasecmp(name, "outline") != 0)
		return;
	for (i = 0; atts[i] != NULL; i += 2) {
		if (strcasecmp(atts[i], "xmlUrl") == 0)
			url = atts[i + 1];
		else if (strcasecmp(atts[i], "title") == 0)
			title = atts[i + 1];
		else if (strcasecmp(atts[i], "text") == 0)
			text = atts[i + 1];
		else if (strcasecmp(atts[i], "htmlUrl") == 0)
			site = atts[i + 1];
		else if (strcasecmp(atts[i], "category") == 0)
			category = atts[i + 1];
	}
	if (title == NULL || title[strspn(title, " \t\r\n")] == '\0')
		title = text;
	if (st->depth == st->pushed_cap) {
		st->pushed_cap = st->pushed_cap ? st->pushed_cap * 2 : 16;
		st->pushed = xreallocarray(st->pushed, st->pushed_cap, 1);
	}
	st->pushed[st->depth++] = 0;
	/* An empty xmlUrl="" marks a folder in some exporters. */
	if (url != NULL && url[strspn(url, " \t\r\n")] != '\0') {
		add_feed(st, url, title, site, category);
		return;
	}
	if (title == NULL)
		return;
	clean_text(&st->tmp, title, strlen(title), 1);
	if (st->tmp.len == 0)
		return;
	if (st->nfolders == st->folders_cap) {
		st->folders_cap = st->folders_cap ? st->folders_cap * 2 : 8;
		st->folders = xreallocarray(st->folders, st->folders_cap,
		    sizeof(*st->folders));
	}
	st->folders[st->nfolders++] = xmemdup(st->tmp.ptr, st->tmp.len);
	st->pushed[st->depth - 1] = 1;
}

static void XMLCALL
on_end(void *arg, const XML_Char *name)
{
	struct opml_state *st = arg;

	if (strcasecmp(name, "outline") != 0 || st->depth == 0)
		return;
	if (st->pushed[--st->depth])
		free(st->folders[--st->nfolders]);
}

int
opml_parse(struct feeds *f, const char *data, size_t len, const char *path)
{
	struct opml_state st;
	size_t nerrors = f->nerrors;
	enum XML_Error code;

	if (len > OPML_MAX_BYTES) {
		feeds_add_error(f, "%s%sdocument larger than %u bytes",
		    path ? path : "", path ? ": " : "", OPML_MAX_BYTES);
		return 1;
	}
	memset(&st, 0, sizeof(st));
	st.f = f;
	st.path = path;
	buf_init(&st.tmp);
	buf_init(&st.tmp2);
	if ((st.xml = XML_ParserCreate(NULL)) == NULL)
		xmalloc(SIZE_MAX);	/* reports out of memory and exits */
	XML_SetUserData(st.xml, &st);
	XML_SetElementHandler(st.xml, on_start, on_end);
	/*
	 * As if the document had an external DTD we never read: undeclared
	 * entities (&nbsp; in a hand-written title) are then skipped, not
	 * fatal. No external entity handler is set, so nothing is loaded.
	 */
	XML_UseForeignDTD(st.xml, XML_TRUE);
	XML_SetParamEntityParsing(st.xml,
	    XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE);

	if (XML_Parse(st.xml, data, (int)len, XML_TRUE) == XML_STATUS_ERROR) {
		code = XML_GetErrorCode(st.xml);
		if (code != XML_ERROR_ABORTED)
			report(&st, "%s", XML_ErrorString(code));
	}
	XML_ParserFree(st.xml);
	while (st.nfolders > 0)
		free(st.folders[--st.nfolders]);
	free(st.folders);
	free(st.pushed);
	buf_release(&st.tmp);
	buf_release(&st.tmp2);
	return f->nerrors > nerrors ? 1 : 0;
}

/*
 * Writing.
 */

/* Decode one UTF-8 character of p[0..n); returns its length, or 0 for a
 * byte that does not start a valid one (overlong, surrogate, cut). */
static size_t
utf8_decode(const unsigned char *p, size_t n, unsigned long *cp)
{
	size_t len, i;
	unsigned long c, min;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2, c = p[0] & 0x1f, min = 0x80;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3, c = p[0] & 0x0f, min = 0x800;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4, c = p[0] & 0x07, min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/*
 * s as an attribute value: escaped, controls and non-characters gone,
 * invalid UTF-8 as U+FFFD. In a URL those bytes are percent-encoded
 * instead, which keeps the address it names.
 */
static void
append_attr_as(struct buf *out, const char *s, int is_url)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), k, i;
	unsigned long c;

	while (n > 0) {
		k = utf8_decode(p, n, &c);
		if (is_url && (k == 0 || c < 0x20 || (c >= 0x7f &&
		    c <= 0x9f) || c == 0xfffe || c == 0xffff)) {
			for (i = 0; i < (k ? k : 1); i++)
				buf_printf(out, "%%%02X", p[i]);
			p += k ? k : 1, n -= k ? k : 1;
			continue;
		}
		if (k == 0) {
			buf_append_utf8(out, 0xfffd);
			p++, n--;
			continue;
		}
		if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0xfffe ||
		    c == 0xffff)
			;
		else if (c == '&')
			buf_append_str(out, "&amp;");
		else if (c == '<')
			buf_append_str(out, "&lt;");
		else if (c == '>')
			buf_append_str(out, "&gt;");
		else if (c == '"')
			buf_append_str(out, "&quot;");
		else
			buf_append(out, (const char *)p, k);
		p += k, n -= k;
	}
}

static void
append_attr(struct buf *out, const char *s)
{
	append_attr_as(out, s, 0);
}

/* RFC 822 date, the form OPML 2.0 asks for; English names whatever
 * the locale. */
static void
append_date(struct buf *out, int64_t now)
{
	static const char days[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t t = (time_t)now;
	struct tm tm;

	if ((int64_t)t != now || gmtime_r(&t, &tm) == NULL ||
	    tm.tm_year < -1900 || tm.tm_year > 9999 - 1900)
		return;
	buf_printf(out, "    <dateCreated>%s, %02d %s %04d %02d:%02d:%02d GMT"
	    "</dateCreated>\n", days[tm.tm_wday], tm.tm_mday,
	    months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
	    tm.tm_sec);
}

/*
 * A tag in category=, whose syntax has no escape for ',' and '/': they
 * are written %2C and %2F (and '%' as %25), which opml_parse() undoes.
 * Other readers see the escapes, a lesser harm than a tag split in two.
 */
static void
append_category(struct buf *out, const char *tag)
{
	struct buf b = BUF_INIT;
	const char *p;

	for (p = tag; *p != '\0'; p++) {
		if (*p == ',')
			buf_append_str(&b, "%2C");
		else if (*p == '/')
			buf_append_str(&b, "%2F");
		else if (*p == '%')
			buf_append_str(&b, "%25");
		else
			buf_append_char(&b, *p);
	}
	append_attr(out, b.ptr);
	buf_release(&b);
}

/* The tag a feed's folder is named for: its first not hidden by '!'. */
static const char *
group_of(const struct feeds_entry *e)
{
	size_t i;

	for (i = 0; i < e->ntags; i++)
		if (e->tags[i][0] != '!')
			return e->tags[i];
	return NULL;
}

static void
write_feed(struct buf *out, const struct feeds_entry *e,
    opml_lookup_fn *lookup, void *arg, const char *indent)
{
	const char *title = NULL, *site = NULL;
	size_t i;
	int first = 1;

	if (lookup != NULL)
		lookup(arg, e, &title, &site);
	if (e->title != NULL)
		title = e->title;
	if (title == NULL || *title == '\0')
		title = e->url;
	if (e->site != NULL && (site == NULL || *site == '\0'))
		site = e->site;

	buf_printf(out, "%s<outline type=\"rss\" text=\"", indent);
	append_attr(out, title);
	buf_append_str(out, "\" title=\"");
	append_attr(out, title);
	buf_append_str(out, "\" xmlUrl=\"");
	append_attr_as(out, e->url, 1);
	buf_append_char(out, '"');
	if (site != NULL && *site != '\0') {
		buf_append_str(out, " htmlUrl=\"");
		append_attr_as(out, site, 1);
		buf_append_char(out, '"');
	}
	for (i = 0; i < e->ntags; i++) {
		buf_append_str(out, first ? " category=\"" : ",");
		append_category(out, e->tags[i]);
		first = 0;
	}
	if (!first)
		buf_append_char(out, '"');
	buf_append_str(out, "/>\n");
}

void
opml_write(const struct feeds *f, opml_lookup_fn *lookup, void *arg,
    int64_t now, struct buf *out)
{
	unsigned char *done = xcalloc(f->n ? f->n : 1, 1);
	const char *group, *g;
	size_t i, j;

	buf_append_str(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<opml version=\"2.0\">\n  <head>\n"
	    "    <title>telex feeds</title>\n");
	append_date(out, now);
	buf_append_str(out, "  </head>\n  <body>\n");
	/*
	 * Readers (newsboat, Thunderbird, most web readers) take the folder
	 * an outline sits in as its tag or category, and only one folder
	 * fits a feed without repeating it: so a feed goes in its first
	 * tag's folder, and category= carries the full list for readers,
	 * telex included, that read it. Folders come in the order their
	 * first feed has in the file. newsboat's query:, exec: and filter:
	 * lines are no feeds to another reader: they stay out.
	 */
	for (i = 0; i < f->n; i++)
		done[i] = f->entries[i].kind != FEEDS_KIND_URL;
	for (i = 0; i < f->n; i++) {
		if (done[i])
			continue;
		if ((group = group_of(&f->entries[i])) == NULL) {
			write_feed(out, &f->entries[i], lookup, arg, "    ");
			continue;
		}
		buf_append_str(out, "    <outline text=\"");
		append_attr(out, group);
		buf_append_str(out, "\" title=\"");
		append_attr(out, group);
		buf_append_str(out, "\">\n");
		for (j = i; j < f->n; j++) {
			if (done[j] || (g = group_of(&f->entries[j])) == NULL ||
			    strcmp(g, group) != 0)
				continue;
			write_feed(out, &f->entries[j], lookup, arg,
			    "      ");
			done[j] = 1;
		}
		buf_append_str(out, "    </outline>\n");
	}
	buf_append_str(out, "  </body>\n</opml>\n");
	free(done);
}
