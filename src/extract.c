/*
 * extract: the article of a web page (extract.h). This file converts
 * the bytes to UTF-8, parses them with gumbo, reads the metadata (title,
 * byline, date, <base href>) and runs the search of extract_score.c.
 *
 * The search is tried up to four times on a fresh copy of the tree,
 * each time less strict (first keeping blocks with junk-sounding names,
 * then ignoring names altogether, then cleaning nothing), until the
 * article is long enough: a page whose article body is called
 * "comments-wrapper" still reads. The longest try wins.
 */
#include "extract.h"

#include <gumbo.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "charset.h"
#include "extract_priv.h"
#include "url.h"
#include "xalloc.h"
#include "html_depth.h"
#include "text_safe.h"
#include "banned.h"

/* An article shorter than this (characters) makes us try again. */
#define EXTRACT_ENOUGH_CHARS 500

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int
ci_equal(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++)
		if (lower(*a) != lower(*b))
			return 0;
	return *a == *b;
}

/* The page as UTF-8 in out, unless it already is (then out is empty). */
static void
to_utf8(const char *html, size_t len, struct buf *out)
{
	char name[CHARSET_NAME_MAX] = "UTF-8";
	struct charset_decoder *dec;
	size_t scan = len < 4096 ? len : 4096, i, j;

	if (utf8_valid_prefix(html, len) == len)
		return;
	for (i = 0; i + 8 < scan; i++) {
		static const char key[] = "charset=";

		for (j = 0; j < 8 && lower(html[i + j]) == key[j]; j++)
			;
		if (j < 8)
			continue;
		i += 8;
		while (i < scan && (html[i] == '"' || html[i] == '\''))
			i++;
		for (j = i; j < scan && (strchr("-_.:", html[j]) != NULL ||
		    (html[j] >= '0' && html[j] <= '9') ||
		    (lower(html[j]) >= 'a' && lower(html[j]) <= 'z')); j++)
			;
		if (charset_canonical(html + i, j - i, name, sizeof(name)) != 0)
			memcpy(name, "UTF-8", 6);
		break;
	}
	dec = charset_decoder_new(name);
	if (dec == NULL)
		dec = charset_decoder_new("UTF-8");
	if (dec == NULL) {		/* cannot happen: UTF-8 is built in */
		buf_append(out, html, len);
		return;
	}
	charset_decoder_push(dec, html, len, 1, out);
	charset_decoder_free(dec);
}

/* The text of n, or NULL when it has none. */
static char *
node_text(const struct ex_node *n)
{
	struct buf b = BUF_INIT;

	ex_text(n, &b);
	if (b.len == 0) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

static char *
squeeze(const char *s)
{
	struct buf b = BUF_INIT;
	int space = 0;

	for (; *s != '\0'; s++) {
		if (strchr(" \t\r\n\f", *s) != NULL) {
			space = 1;
			continue;
		}
		if (space && b.len > 0)
			buf_append_char(&b, ' ');
		space = 0;
		buf_append_char(&b, *s);
	}
	if (b.len == 0) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

enum meta_field { META_TITLE, META_BYLINE, META_DATE, META_NONE };

/* Meta names and properties, best first within each field. */
static const struct meta_key {
	const char *key;
	enum meta_field field;
} meta_keys[] = {
	{ "og:title", META_TITLE },
	{ "twitter:title", META_TITLE },
	{ "dc:title", META_TITLE },
	{ "dcterm:title", META_TITLE },
	{ "dc.title", META_TITLE },
	{ "dcterms.title", META_TITLE },
	{ "parsely-title", META_TITLE },
	{ "headline", META_TITLE },
	{ "author", META_BYLINE },
	{ "dc:creator", META_BYLINE },
	{ "dcterm:creator", META_BYLINE },
	{ "dc.creator", META_BYLINE },
	{ "dcterms.creator", META_BYLINE },
	{ "parsely-author", META_BYLINE },
	{ "sailthru.author", META_BYLINE },
	{ "article:author", META_BYLINE },
	{ "byl", META_BYLINE },
	{ "article:published_time", META_DATE },
	{ "datepublished", META_DATE },
	{ "og:published_time", META_DATE },
	{ "parsely-pub-date", META_DATE },
	{ "dc.date.issued", META_DATE },
	{ "dcterms.created", META_DATE },
	{ "dc.date", META_DATE },
	{ "dcterms.date", META_DATE },
	{ "date", META_DATE },
	{ "pubdate", META_DATE },
	{ "publishdate", META_DATE },
	{ "sailthru.date", META_DATE },
};

#define NMETA_KEYS (sizeof(meta_keys) / sizeof(meta_keys[0]))

struct meta {
	const char *value[NMETA_KEYS];	/* by meta_keys index */
	const struct ex_node *title, *h1, *time;
	const char *base_href;
};

/* Record content for each word of a (maybe space-separated) name. */
static void
meta_note(struct meta *m, const char *names, const char *content)
{
	char word[64];
	size_t i, n;

	while (*names != '\0') {
		while (*names == ' ' || *names == '\t' || *names == '\n')
			names++;
		n = strcspn(names, " \t\n");
		if (n == 0)
			break;
		if (n < sizeof(word)) {
			memcpy(word, names, n);
			word[n] = '\0';
			for (i = 0; i < NMETA_KEYS; i++)
				if (m->value[i] == NULL &&
				    ci_equal(word, meta_keys[i].key))
					m->value[i] = content;
		}
		names += n;
	}
}

static void
meta_scan(struct meta *m, const struct ex_node *root)
{
	const struct ex_node *n;
	const char *v, *content;

	memset(m, 0, sizeof(*m));
	for (n = root; n != NULL; n = ex_next(n, root)) {
		if (n->flags & EX_TEXT)
			continue;
		switch (n->tag) {
		case GUMBO_TAG_META:
			content = ex_attr(n, "content");
			if (content == NULL || content[0] == '\0')
				break;
			if ((v = ex_attr(n, "property")) != NULL)
				meta_note(m, v, content);
			if ((v = ex_attr(n, "name")) != NULL)
				meta_note(m, v, content);
			if ((v = ex_attr(n, "itemprop")) != NULL)
				meta_note(m, v, content);
			break;
		case GUMBO_TAG_TITLE:
			if (m->title == NULL)
				m->title = n;
			break;
		case GUMBO_TAG_H1:
			if (m->h1 == NULL)
				m->h1 = n;
			break;
		case GUMBO_TAG_TIME:
			if (m->time == NULL && ex_attr(n, "datetime") != NULL)
				m->time = n;
			break;
		case GUMBO_TAG_BASE:
			if (m->base_href == NULL)
				m->base_href = ex_attr(n, "href");
			break;
		default:
			break;
		}
	}
}

static const char *
meta_get(const struct meta *m, enum meta_field f)
{
	size_t i;

	for (i = 0; i < NMETA_KEYS; i++) {
		if (meta_keys[i].field != f || m->value[i] == NULL)
			continue;
		/* article:author is often a profile URL, not a name */
		if (f == META_BYLINE && url_has_scheme(m->value[i]))
			continue;
		return m->value[i];
	}
	return NULL;
}

static size_t
count_words(const char *s, size_t len)
{
	size_t i, n = 0;
	int in = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == ' ') {
			in = 0;
		} else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

/* "Story Title | Site" to "Story Title". */
static char *
clean_title(char *t)
{
	static const char *const seps[] = { " | ", " - ", " \xe2\x80\x93 ",
		" \xe2\x80\x94 ", " :: ", " \xc2\xbb ", " / ", " \xc2\xb7 ",
		NULL };
	const char *last = NULL, *first = NULL, *p;
	size_t i, firstlen = 0;

	for (i = 0; seps[i] != NULL; i++) {
		size_t sl = strlen(seps[i]);

		for (p = strstr(t, seps[i]); p != NULL;
		    p = strstr(p + 1, seps[i])) {
			if (last == NULL || p > last)
				last = p;
			if (first == NULL || p < first) {
				first = p;
				firstlen = sl;
			}
		}
	}
	if (last == NULL)
		return t;
	if (count_words(t, (size_t)(last - t)) >= 3) {
		t[last - t] = '\0';
	} else if (count_words(first + firstlen, strlen(first + firstlen))
	    >= 3) {
		memmove(t, first + firstlen, strlen(first + firstlen) + 1);
	}
	return t;
}

static void
read_metadata(struct ex_doc *d, const char *base_url,
    struct extract_result *out)
{
	struct meta m;
	const char *v;

	meta_scan(&m, d->root);
	if ((v = meta_get(&m, META_TITLE)) != NULL)
		out->title = squeeze(v);
	if (out->title == NULL && m.title != NULL &&
	    (out->title = node_text(m.title)) != NULL)
		out->title = clean_title(out->title);
	if (out->title == NULL && m.h1 != NULL)
		out->title = node_text(m.h1);
	if ((v = meta_get(&m, META_BYLINE)) != NULL)
		out->byline = squeeze(v);
	if ((v = meta_get(&m, META_DATE)) != NULL)
		out->date = squeeze(v);
	if (out->date == NULL && m.time != NULL)
		out->date = squeeze(ex_attr(m.time, "datetime"));
	if (m.base_href != NULL && m.base_href[0] != '\0')
		d->base = url_resolve(base_url, m.base_href);
	else if (base_url != NULL && base_url[0] != '\0')
		d->base = xstrdup(base_url);
	d->title = out->title;
}

static struct ex_node *
find_body(struct ex_doc *d)
{
	struct ex_node *n;

	for (n = d->root->first; n != NULL; n = n->next)
		if (n->tag == GUMBO_TAG_BODY)
			return n;
	/* gumbo always makes a body; be safe anyway */
	n = ex_new_element(d, GUMBO_TAG_BODY);
	ex_append_child(d->root, n);
	return n;
}

static void
fresh_tree(struct ex_doc *d)
{
	d->root = ex_build(d, d->gumbo->root);
	d->body = find_body(d);
}

int
extract_article(const char *html, size_t len, const char *base_url,
    struct extract_result *out)
{
	static const unsigned passes[] = {
		EX_STRIP_UNLIKELY | EX_WEIGHT_CLASSES | EX_CLEAN_CONDITIONALLY,
		EX_WEIGHT_CLASSES | EX_CLEAN_CONDITIONALLY,
		EX_CLEAN_CONDITIONALLY,
		0,
	};
	GumboOptions opt = kGumboDefaultOptions;
	struct buf utf8 = BUF_INIT, best = BUF_INIT, clean = BUF_INIT;
	struct ex_doc d;
	struct ex_node *art;
	size_t i, best_chars = 0;
	int found = 0;

	memset(out, 0, sizeof(*out));
	to_utf8(html, len, &utf8);
	if (utf8.len > 0) {
		html = utf8.ptr;
		len = utf8.len;
	}
	if (len >= 3 && memcmp(html, "\xef\xbb\xbf", 3) == 0) {
		html += 3;
		len -= 3;
	}
	/* A pathologically deep page would take gumbo minutes: no article,
	 * its text as the fallback. */
	if (html_depth(html, len, HTML_DEPTH_MAX) >= HTML_DEPTH_MAX) {
		html_depth_flatten(html, len, &best);
		out->html = buf_detach(&best, NULL);
		buf_release(&utf8);
		return -1;
	}
	memset(&d, 0, sizeof(d));
	arena_init(&d.arena);
	opt.max_errors = 0;
	/* gumbo would keep an escape sequence's text, its ESC replaced. */
	if (text_safe_strip_escapes(html, len, &clean)) {
		html = clean.ptr;
		len = clean.len;
	}
	d.gumbo = gumbo_parse_with_options(&opt, html, len);
	fresh_tree(&d);
	read_metadata(&d, base_url, out);

	for (i = 0; i < sizeof(passes) / sizeof(passes[0]); i++) {
		if (i > 0)
			fresh_tree(&d);
		ex_prune_page(d.body);
		art = ex_grab_article(&d, passes[i]);
		if (art == NULL || art->chars == 0)
			continue;
		if (!found || art->chars > best_chars) {
			buf_reset(&best);
			ex_serialize(&d, art, 0, &best);
			best_chars = art->chars;
			found = 1;
		}
		if (art->chars >= EXTRACT_ENOUGH_CHARS)
			break;
	}
	if (!found) {
		fresh_tree(&d);
		ex_prune_page(d.body);
		buf_append_str(&best, "<div>");
		ex_serialize(&d, d.body, 1, &best);
		buf_append_str(&best, "</div>");
	}
	out->html = buf_detach(&best, NULL);
	if (out->byline == NULL && d.byline != NULL)
		out->byline = squeeze(d.byline);

	free(d.byline);
	free(d.base);
	gumbo_destroy_output(&opt, d.gumbo);
	arena_release(&d.arena);
	buf_release(&utf8);
	buf_release(&clean);
	return found ? 0 : -1;
}

void
extract_result_release(struct extract_result *r)
{
	free(r->title);
	free(r->byline);
	free(r->date);
	free(r->html);
	r->title = r->byline = r->date = r->html = NULL;
}
