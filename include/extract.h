/*
 * extract: the main article of a web page, as a browser's reader view
 * finds it.
 *
 * The page is parsed with gumbo into a small tree of our own (so it can
 * be pruned and regrouped), page furniture is removed (scripts, forms,
 * navigation, hidden nodes, blocks whose class or id says "sidebar",
 * "comments", "share"...), paragraphs are scored by their text and the
 * scores flow up to their containers; the best container, with the
 * siblings that look like more of the same article, is cleaned and
 * written back out as HTML. Every pass over the tree is linear in its
 * size, so hostile pages (deep nesting, huge attributes) cost no more
 * than their length.
 *
 * Ownership: every string of a struct extract_result belongs to it and
 * is freed by extract_result_release(). Text in title, byline and date
 * is decoded but not made terminal-safe: pass it through text_safe.h
 * before printing.
 */
#ifndef TELEX_EXTRACT_H
#define TELEX_EXTRACT_H

#include <stddef.h>

struct extract_result {
	char *title;	/* og:title, <title> less its site suffix, or h1 */
	char *byline;	/* the author, as the page names them */
	char *date;	/* publication date as written (often ISO 8601) */
	/* NULL when the page does not say. */
	char *html;	/* the article: cleaned HTML, links absolute; never NULL */
};

/*
 * Find the article in html[0..len) (any bytes: UTF-8 is expected, other
 * encodings are converted when a <meta charset> names them, invalid bytes
 * never stop it). Relative links and image sources are resolved against
 * the page's <base href>, itself resolved against base_url; base_url may
 * be NULL. out is filled in either case; release it.
 *
 * Returns 0, or -1 when no article was found: out->html then holds the
 * text blocks of the whole page body (less scripts and hidden nodes) as
 * a fallback, and the metadata found, if any.
 */
int extract_article(const char *html, size_t len, const char *base_url,
    struct extract_result *out);

/* Free the strings of r and set them to NULL. */
void extract_result_release(struct extract_result *r);

#endif
