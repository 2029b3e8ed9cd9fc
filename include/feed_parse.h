/*
 * feed_parse: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 documents into a struct feed.
 *
 * A push parser: bytes go in as they arrive (from curl, a file, a fuzzer)
 * and the feed is complete after the final push. The parser does no I/O.
 *
 * The input is kept until the end (up to 16 MiB, or read again through
 * feed_parser_set_replay()) so that a document expat rejects can be
 * recovered: the parser then repairs the text (xml_repair.h) and parses
 * it again, keeping whichever attempt recovered more. A larger broken
 * document yields the items before the break. Encodings other than
 * UTF-8 are converted as they stream (charset.h); expat only sees UTF-8.
 * Entity expansion is bounded by expat's amplification limit; no external
 * entity or DTD is ever loaded; undeclared HTML entities are decoded.
 */
#ifndef TELEX_FEED_PARSE_H
#define TELEX_FEED_PARSE_H

#include <stddef.h>

#include "buf.h"
#include "feed.h"

/* Documents larger than this are cut off with an error (the default). */
#define FEED_PARSE_MAX_BYTES ((size_t)512 << 20)

struct feed_parser;

/*
 * A parser that fills out (which it does not own; feed_init() it first).
 * url is the document's own address, the base for relative links (NULL
 * when unknown).
 */
struct feed_parser *feed_parser_new(struct feed *out, const char *url);
/*
 * Give the parser the next len bytes. Returns 0, or -1 once the document
 * was found too large (the rest is ignored; what came before is kept).
 */
int feed_parser_push(struct feed_parser *p, const char *data, size_t len);
/*
 * End of input: finish, recover if needed. Returns 0 when the document was
 * well-formed, 1 when problems were found (they are in out->errors).
 */
int feed_parser_finish(struct feed_parser *p);
void feed_parser_free(struct feed_parser *p);
/*
 * The charset the transport declared (HTTP Content-Type), used only when
 * the document itself has no byte-order mark or encoding declaration:
 * servers are misconfigured more often than documents mislabelled.
 */
void feed_parser_set_charset(struct feed_parser *p, const char *label);
/* Cut documents off after max_bytes instead (call before pushing). */
void feed_parser_set_limit(struct feed_parser *p, size_t max_bytes);
/*
 * The input can be read again (a file): the parser then keeps no copy of
 * it, and calls replay, which appends the whole input to out and returns
 * 0 (or -1), only if a broken document must be recovered. Call before the
 * first push.
 */
void feed_parser_set_replay(struct feed_parser *p,
    int (*replay)(void *ctx, struct buf *out), void *ctx);

/* One call for a document already in memory (not copied). */
int feed_parse_buffer(const char *data, size_t len, const char *url,
    struct feed *out);

#endif
