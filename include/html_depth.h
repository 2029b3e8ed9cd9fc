/*
 * html_depth: how deeply an HTML document nests, before parsing it.
 *
 * gumbo 0.10 takes time quadratic in the depth of the tree: 100,000
 * nested <div>s (500 KB) take 13 s to render and 22 s to extract, a way
 * for a hostile page to stall a refresh. The renderer and the extractor
 * ask here first and fall back to the document's plain text when it nests
 * deeper than any real page does.
 */
#ifndef TELEX_HTML_DEPTH_H
#define TELEX_HTML_DEPTH_H

#include <stddef.h>

#include "buf.h"

/* Deeper than this, a document is read as plain text. */
#define HTML_DEPTH_MAX 4096

/*
 * The deepest nesting of html[0..len), estimated from its tags: start
 * tags of elements that hold content count in, end tags out; void
 * elements and those HTML closes by itself (p, li, td...) do not count.
 * Stops at limit (and returns it). Linear, no allocation.
 */
size_t html_depth(const char *html, size_t len, size_t limit);

/* html's text, escaped, as one paragraph of HTML: the fallback. */
void html_depth_flatten(const char *html, size_t len, struct buf *out);

#endif
