/*
 * html_entity: HTML named character references.
 *
 * Feeds put HTML entities such as &eacute; into XML, where they are
 * undeclared; the feed parser and the HTML renderer look them up here.
 * The table is generated (tools/gen_html_entities.py) from the HTML5
 * list, so "lang" and "rang" are U+27E8 and U+27E9 as HTML5 says.
 */
#ifndef TELEX_HTML_ENTITY_H
#define TELEX_HTML_ENTITY_H

#include <stddef.h>

/*
 * The UTF-8 text of the named reference name[0..len), given without '&'
 * and ';' (e.g. "eacute", "nbsp", "lang"), or NULL when HTML does not
 * define it. Case-sensitive. The text is static and NUL-terminated; a
 * few references are two characters long.
 */
const char *html_entity_lookup(const char *name, size_t len);

#endif
