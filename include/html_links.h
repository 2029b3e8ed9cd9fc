/*
 * html_links: relative URLs inside an HTML fragment made absolute.
 *
 * Feed content is stored without the xml:base or document URL it was
 * written against, so its relative links must be resolved while that is
 * still known: at parse time.
 */
#ifndef TELEX_HTML_LINKS_H
#define TELEX_HTML_LINKS_H

#include "buf.h"

/*
 * Rewrite the URL attributes (href, src, cite, poster...) of the tags in
 * html that are relative, resolving them against base. Text, comments
 * and every other byte are left as they are. A NULL base does nothing.
 */
void html_resolve_links(struct buf *html, const char *base);

#endif
