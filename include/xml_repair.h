/*
 * xml_repair: make a well-formed document out of XML that expat rejected.
 *
 * The feed parser calls this after a well-formedness error and parses the
 * result again, to recover what a lenient reader (feedparser's loose mode)
 * would. The output is meant for expat in non-namespace mode with the
 * encoding forced to UTF-8 and XML_UseForeignDTD() on: references to
 * undeclared entities such as &eacute; are kept for the parser to resolve.
 *
 * What is kept: all text inside the root element (stray '&' and '<'
 * escaped, C0 controls dropped, invalid UTF-8 and U+FFFE/U+FFFF turned into
 * U+FFFD), element and attribute names as written, comments, PIs, CDATA,
 * an XML declaration (as version 1.0, encoding kept, standalone dropped)
 * and a DOCTYPE (external ID kept, internal subset reduced to internal
 * general entities). What goes: text outside the root, a second root,
 * duplicate attributes, end tags matching nothing open, a start tag,
 * comment, PI or DOCTYPE cut off by the end of input.
 *
 * Only ASCII and Latin-1 letters are taken as name characters, since
 * expat's name tables are narrower than XML 1.0 fifth edition: a '<'
 * before any other character stays as text.
 */
#ifndef TELEX_XML_REPAIR_H
#define TELEX_XML_REPAIR_H

#include <stddef.h>

struct buf;

/*
 * Rewrite in[0..len) into a well-formed document appended to out, keeping
 * every piece of text and markup that can be kept. Returns the number of
 * repairs made (0 for a document that needed none). Runs in time and
 * memory linear in len whatever the input. When the input holds no
 * element at all, neither does the output, and expat will still report
 * "no element found".
 */
size_t xml_repair(const char *in, size_t len, struct buf *out);

#endif
