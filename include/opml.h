/*
 * opml: subscription lists in and out, as OPML.
 *
 * Reading: every <outline> with an xmlUrl attribute (the name in any
 * case) is a feed. Its title is title=, else text=; a title equal to the
 * URL counts as none. Its tags are the entries of a category= attribute
 * ("/a/b,c" gives a, b and c; %2C, %2F and %25 in them stand for ',',
 * '/' and '%', as opml_write() escapes them), then the titles of the
 * enclosing outlines that have no xmlUrl, outermost first. Tags and
 * titles have control characters turned into spaces and surrounding
 * space trimmed; leading '~' is removed from tags, since the feeds file
 * would read it as a title. Feeds land in a struct feeds (feeds.h),
 * merged with what it holds: a URL seen again gains tags, and a title if
 * it had none.
 *
 * Writing: OPML 2.0 as newsboat and other readers import it (see
 * opml_write()).
 */
#ifndef TELEX_OPML_H
#define TELEX_OPML_H

#include <stddef.h>
#include <stdint.h>

#include "feeds.h"

struct buf;

/* Larger documents are refused: a subscription list is a few hundred KB. */
#define OPML_MAX_BYTES (16u << 20)

/*
 * Parse the OPML document data[0..len). expat honours the document's
 * encoding (UTF-8, UTF-16, ISO-8859-1, US-ASCII); no external entity is
 * ever loaded. Feeds go into f (feeds_init()ed, perhaps holding feeds
 * already) with line set to where their outline starts. Problems go to
 * f->errors as "PATH: line L, column C: reason" (or without "PATH: "
 * when path is NULL): malformed XML (what was read before the break is
 * kept), a root element that is not <opml>, a bad feed URL (that outline
 * is skipped). Returns 0, or 1 when it added errors.
 */
int opml_parse(struct feeds *f, const char *data, size_t len,
    const char *path);

/*
 * What the caller knows about a feed beyond the feeds file: its title and
 * home page, from the cache. Set either to NULL (or leave it) when
 * unknown; the strings need only last until the next call.
 */
typedef void opml_lookup_fn(void *arg, const struct feeds_entry *e,
    const char **title, const char **site);

/*
 * Append to out an OPML 2.0 document of f's feeds, dated now (seconds
 * since the epoch, UTC). A feed sits in a folder outline named for its
 * first tag that does not start with '!', feeds without one at top level;
 * all its tags are also in category="t1,t2" (',', '/' and '%' in a tag
 * written %2C, %2F and %25), so importing it back gives the same tags.
 * The title is the override, else lookup's, else the URL; htmlUrl is
 * e->site or lookup's, left out when unknown. lookup may be NULL.
 * Attribute values are escaped; control characters are removed and bytes
 * that are not UTF-8 become U+FFFD (in xmlUrl and htmlUrl they are
 * percent-encoded instead), so the output is well-formed.
 */
void opml_write(const struct feeds *f, opml_lookup_fn *lookup, void *arg,
    int64_t now, struct buf *out);

#endif
