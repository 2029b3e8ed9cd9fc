/*
 * feed: one parsed feed document, as every format maps onto it.
 *
 * This is the shape of DESIGN.md's `telex parse` JSON: a feed, its items
 * and the problems met on the way. Ownership: a struct feed owns every
 * string and array hanging from it. Strings, categories and enclosures
 * live in the feed's arena (feed_strdup() and friends), so a parsed feed
 * of 20,000 items costs a few large allocations; feed_release() frees
 * them all at once. A NULL string means "unknown" (JSON null); dates
 * carry a known flag because every int64 is a valid instant.
 */
#ifndef TELEX_FEED_H
#define TELEX_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

enum feed_format {
	FEED_FORMAT_UNKNOWN = 0,
	FEED_FORMAT_RSS090,	/* Netscape RSS 0.90 and RSS 0.91-0.94 */
	FEED_FORMAT_RSS10,
	FEED_FORMAT_RSS20,
	FEED_FORMAT_ATOM03,
	FEED_FORMAT_ATOM10,
};

struct feed_date {
	int64_t t;		/* seconds since the epoch, UTC */
	int known;
};

struct feed_enclosure {
	char *url;
	char *type;		/* NULL when not given */
	long long length;	/* -1 when not given */
};

struct feed_item {
	char *id, *title, *link, *author, *summary, *content;
	struct feed_date published, updated;
	char **categories;
	size_t ncategories;	/* capacity: the next power of two */
	struct feed_enclosure *enclosures;
	size_t nenclosures;
};

struct feed {
	struct arena arena;
	enum feed_format format;
	char *title, *link, *description, *language;
	struct feed_date updated;
	int ttl;		/* RSS <ttl>: minutes to wait between polls */
	struct feed_item *items;
	size_t nitems, items_cap;
	char **errors;
	size_t nerrors, errors_cap;
};

void feed_init(struct feed *f);
void feed_release(struct feed *f);
/* A copy of s[0..len) (NUL-terminated) owned by f. */
char *feed_memdup(struct feed *f, const char *s, size_t len);
/* A copy of s owned by f; NULL stays NULL. */
char *feed_strdup(struct feed *f, const char *s);
/* A new, zeroed item at the end of f->items; valid until the next call. */
struct feed_item *feed_add_item(struct feed *f);
/* Append strings already owned by f (feed_strdup). */
void feed_item_add_category(struct feed *f, struct feed_item *it,
    char *cat);
void feed_item_add_enclosure(struct feed *f, struct feed_item *it,
    char *url, char *type, long long length);
void feed_add_error(struct feed *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The JSON name of a format ("rss2.0"...), NULL for unknown. */
const char *feed_format_name(enum feed_format fmt);

#endif
