/*
 * render: HTML laid out as the reader shows it.
 *
 * The result is data, not text: lines of styled spans, each span with
 * the number of the link it belongs to, so that `telex render` prints
 * the plain text and the reader draws the same lines with colours and
 * follows links. Everything a line holds is safe for a terminal: text
 * comes only from text nodes and attributes, each made safe as in
 * text_safe.h (no C0 or C1 controls, no ESC, no bidi overrides,
 * invalid UTF-8 as U+FFFD).
 *
 * Layout: blocks are separated by one blank line; text is wrapped to
 * the width in display columns (wcwidth.h) at spaces, and a word longer
 * than a line is cut between characters. Every line fits the width,
 * except preformatted lines (RENDER_LINE_PRE), which are never wrapped.
 * Links are numbered in order of first appearance, one number per
 * distinct URL, shown as "[N]" after the link text.
 *
 * Ownership: a struct render_doc owns everything it points to (lines,
 * their text and spans, the links), which lives until
 * render_doc_release().
 */
#ifndef TELEX_RENDER_H
#define TELEX_RENDER_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"

#define RENDER_WIDTH_DEFAULT 72
#define RENDER_WIDTH_MIN 20
#define RENDER_WIDTH_MAX 1000

/* How a span is shown; a span can have several. */
enum render_attr {
	RENDER_BOLD = 1 << 0,		/* b, strong, th, dt */
	RENDER_ITALIC = 1 << 1,		/* i, em, cite, figcaption */
	RENDER_UNDERLINE = 1 << 2,	/* u, ins */
	RENDER_CODE = 1 << 3,		/* code, kbd, samp, pre */
	RENDER_HEADING = 1 << 4,	/* h1..h6 and their "#" marks */
	RENDER_QUOTE = 1 << 5,		/* blockquote: its text and "│" bar */
	RENDER_LINK = 1 << 6,		/* the text of a link */
	RENDER_DIM = 1 << 7		/* list markers, rules, "[N]", "#" */
};

struct render_span {
	size_t start, len;	/* bytes into the line's text */
	unsigned attr;		/* enum render_attr bits, 0 for plain */
	int link;		/* 0 none, else the 1-based link number */
};

enum render_line_flags {
	RENDER_LINE_PRE = 1 << 0	/* preformatted: may be wider */
};

/*
 * One screen line. The spans cover text[0..len) in order with no gap
 * or overlap, and neighbours differ in attr or link; an empty line has
 * none. text is NUL-terminated, holds no control character and no
 * trailing space.
 */
struct render_line {
	const char *text;
	size_t len;
	int width;		/* display columns */
	struct render_span *spans;
	size_t nspans;
	unsigned flags;		/* enum render_line_flags */
};

struct render_doc {
	struct render_line *lines;
	size_t nlines;
	const char **links;	/* the URL of link N is links[N - 1] */
	size_t nlinks;
	int width;		/* the width it was laid out for */
	/* private */
	struct arena arena;	/* texts, spans and URLs */
	size_t lines_cap, links_cap;
};

struct GumboInternalNode;

/*
 * Lay out the HTML document html[0..len) (UTF-8; invalid bytes become
 * U+FFFD) for width columns, clamped to RENDER_WIDTH_MIN..MAX. Relative
 * URLs are resolved against the document's <base href>, itself resolved
 * against base_url, or against base_url (NULL: left relative). out is
 * initialised here and must be released with render_doc_release(), also
 * on failure. Returns 0, or -1 when the HTML parser fails (out of
 * memory), leaving out empty.
 */
int render_html(const char *html, size_t len, const char *base_url,
    int width, struct render_doc *out);

/*
 * The same for a subtree of a document the caller parsed with gumbo
 * (the article node the extractor chose, say), which stays the
 * caller's; no <base> lookup. Returns 0.
 */
int render_node(const struct GumboInternalNode *node, const char *base_url,
    int width, struct render_doc *out);

/* Free what d owns and leave it empty (no lines, no links). */
void render_doc_release(struct render_doc *d);

/*
 * Append the plain-text form: each line and '\n'; then, when there are
 * links, a blank line, "Links:" and one "[N] URL" line per link.
 */
void render_doc_write_text(const struct render_doc *d, struct buf *out);

#endif
