/*
 * html_text: the words of an HTML fragment, for the search index.
 *
 * Not a renderer (that is the article engine's job): tags, comments and
 * the contents of script and style go; character references are decoded;
 * runs of whitespace become one space. Linear, allocation only in out.
 */
#ifndef TELEX_HTML_TEXT_H
#define TELEX_HTML_TEXT_H

#include <stddef.h>

#include "buf.h"

void html_text_append(struct buf *out, const char *html, size_t len);

#endif
