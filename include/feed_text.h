/*
 * feed_text: collecting the value of one field of a feed document.
 *
 * A field element (a title, a summary, an Atom content) may hold plain
 * text, escaped HTML, inline XHTML or base64. The parser starts a
 * collection at the field's start tag and hands over every event inside
 * it: character data, and child elements, which are serialised back to
 * markup. At the field's end tag feed_text_finish() turns what was
 * collected into the value: base64 decoded, Atom's wrapping <div>
 * dropped, whitespace trimmed, relative links in HTML resolved.
 */
#ifndef TELEX_FEED_TEXT_H
#define TELEX_FEED_TEXT_H

#include <stddef.h>

#include "buf.h"

/* One field's text is cut here: a 10 MB title helps nobody. */
#define FEED_TEXT_MAX_BYTES ((size_t)16 << 20)

enum feed_text_mode {
	TEXT_PLAIN,	/* plain text; stray child markup serialised */
	TEXT_HTML,	/* escaped HTML (RSS description): kept as HTML */
	TEXT_ATOM_HTML,	/* Atom type="html": markup given as child
			   elements is taken as text (feedparser's leniency) */
	TEXT_XHTML,	/* inline XHTML: character data escaped */
	TEXT_BASE64,	/* decoded at the end */
};

struct feed_text {
	int active;
	size_t depth;		/* element depth of the field */
	enum feed_text_mode mode;
	int strip_div;		/* drop a single wrapping <div> */
	size_t top_elements;	/* child elements directly inside */
	int first_is_div, text_outside, truncated;
	size_t div_start, div_end;
	struct buf text;	/* the value, once finished */
};

void feed_text_init(struct feed_text *t);
void feed_text_release(struct feed_text *t);
/* Start collecting for the field element at depth. */
void feed_text_begin(struct feed_text *t, size_t depth,
    enum feed_text_mode mode, int strip_div);
/*
 * A child element at depth (> t->depth) opens or closes. name is the one
 * to write (the caller drops an XHTML prefix); atts as expat gives them,
 * namespace declarations are skipped.
 */
void feed_text_start_tag(struct feed_text *t, size_t depth,
    const char *name, const char **atts);
void feed_text_end_tag(struct feed_text *t, size_t depth, const char *name);
/* Character data at depth. */
void feed_text_chars(struct feed_text *t, size_t depth, const char *s,
    size_t len);
/*
 * The field ended: make t->text its value, resolving links in HTML
 * against base (NULL: leave them). Collection stops (t->active = 0).
 */
void feed_text_finish(struct feed_text *t, const char *base);
/* 1 when the mode holds HTML. */
int feed_text_is_html(enum feed_text_mode mode);

#endif
