/*
 * feed_file: parsing a feed document from a file or standard input.
 *
 * A regular file is streamed to the parser in pieces and not kept in
 * memory: should the document need recovery, the parser reads the file
 * again. Standard input and other streams are read as they come and kept
 * by the parser. Either way peak memory is about what the parsed feed
 * holds, not that plus the document.
 */
#ifndef TELEX_FEED_FILE_H
#define TELEX_FEED_FILE_H

#include "feed.h"

/*
 * Parse path ("-" for standard input) into out (feed_init()ed). Returns
 * 0 for a clean document, 1 when out->errors has problems, or -1 when
 * the file could not be read, with errno set.
 */
int feed_parse_file(const char *path, const char *url, struct feed *out);

#endif
