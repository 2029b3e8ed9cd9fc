/*
 * cache_view: what the interface reads from and writes to the cache.
 *
 * Every call costs what the screen shows, not what the cache holds:
 * per-feed counts are kept by triggers on the feeds table (migration 3),
 * headline lists are read by keyset paging over (date, id) positions,
 * and a story's full text is read only when it is opened. User state
 * (read, flagged, saved) is written at once, one statement or one
 * transaction per change, so a crash or a kill loses none of it.
 */
#ifndef TELEX_CACHE_VIEW_H
#define TELEX_CACHE_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "cache.h"

/* One feed as the cache knows it; strings valid during the callback. */
struct cache_feed_summary {
	const char *url;
	const char *title;		/* NULL: the feed gave none */
	const char *last_error;		/* NULL: the last poll worked */
	int last_status;		/* HTTP status of the last failure */
	int64_t last_success;		/* 0: never */
	int64_t items, unread, flagged;
};

/* Every feed in the cache; cb returns non-zero to stop. 0 or -1. */
int cache_feed_summaries(struct cache *c,
    int (*cb)(void *ctx, const struct cache_feed_summary *s), void *ctx,
    char **err);

/* Where a headline sits in a newest-first list. */
struct cache_pos {
	int64_t date, id;
};

/*
 * Up to max positions of q's headlines (q->limit ignored), newest first
 * (date DESC, id DESC), starting strictly after *after (NULL: from the
 * first). Returns how many were written to out, or -1 with *err set.
 */
long cache_list_positions(struct cache *c, const struct cache_query *q,
    const struct cache_pos *after, struct cache_pos *out, size_t max,
    char **err);

/* How many headlines q matches (q->limit ignored), or -1 with *err. */
int64_t cache_list_count(struct cache *c, const struct cache_query *q,
    char **err);

/* Headline id (strings valid during cb). 0, 1 when no such id, -1. */
int cache_headline_get(struct cache *c, int64_t id,
    void (*cb)(void *ctx, const struct cache_headline *h), void *ctx,
    char **err);

/* A whole story, as the reader shows it; the caller owns the strings. */
struct cache_story {
	int64_t id;
	char *feed_url, *feed_title;	/* feed_title NULL when unknown */
	char *title, *link, *author;	/* each NULL when absent */
	int64_t date, published, updated;	/* 0: unknown */
	char *summary, *content;	/* the feed's text (HTML), or NULL */
	char *article;			/* extracted from the page, or NULL */
	char *article_error;		/* why fetching it failed, or NULL */
	char **categories;
	size_t ncategories;
	struct cache_enclosure {
		char *url, *type;	/* type NULL when unknown */
		int64_t length;		/* 0: unknown */
	} *enclosures;
	size_t nenclosures;
	int unread, flagged, saved;
};

/* 0 and *out filled, 1 when no such id, -1 with *err set. */
int cache_story_get(struct cache *c, int64_t id, struct cache_story *out,
    char **err);
/* Free what s owns and zero it (safe on a zeroed struct). */
void cache_story_release(struct cache_story *s);

enum cache_mark {
	CACHE_MARK_UNREAD,
	CACHE_MARK_FLAGGED,
	CACHE_MARK_SAVED,
};

/* Set one mark of story id to on (0/1). 0, 1 when no such id, -1. */
int cache_set_mark(struct cache *c, int64_t id, enum cache_mark mark,
    int on, char **err);

/* A set of story ids. */
struct cache_ids {
	int64_t *ids;
	size_t n, cap;
};
void cache_ids_init(struct cache_ids *s);
void cache_ids_release(struct cache_ids *s);

/*
 * Mark every unread headline q matches read, in one transaction; the
 * ids it changed are appended to changed (NULL: not wanted), so the
 * caller can undo. Returns how many, or -1 with *err set.
 */
int64_t cache_mark_read(struct cache *c, const struct cache_query *q,
    struct cache_ids *changed, char **err);

/* Mark these stories unread again (undo), in one transaction. */
int cache_set_unread_ids(struct cache *c, const struct cache_ids *ids,
    char **err);

/*
 * A number that changes when another connection (a `telex refresh` in
 * another terminal) has written to the cache since the last call
 * (PRAGMA data_version), or -1 on error.
 */
int64_t cache_data_version(struct cache *c);

#endif
