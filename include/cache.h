/*
 * cache: the local store of feeds and stories (SQLite, WAL mode).
 *
 * Everything telex shows comes from here, so stories read offline. One
 * writer at a time updates one feed per transaction: a crash or a kill
 * leaves every feed either as it was or fully updated, and a failed or
 * malformed fetch never deletes anything. The user's state of a story
 * (read, flagged, saved) belongs to the cache alone and is never reset
 * by a refresh.
 *
 * A story's identity within its feed is its id, else its link, else a
 * hash of its title and date; the same story fetched again is updated in
 * place. An FTS5 index over title, author and text (the summary and
 * content without markup) answers searches offline. Indexing costs as
 * much as the rest of a refresh, so it is not done while storing: new and
 * changed stories are indexed by cache_index(), which search runs first.
 *
 * Strings handed out by the list and search callbacks are valid during
 * the callback only.
 */
#ifndef TELEX_CACHE_H
#define TELEX_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "feed.h"

struct cache;

enum cache_open_flags {
	/* Read only; the file must exist. */
	CACHE_READONLY = 1 << 0,
	/* For writing, else (a read-only file, directory or disk, a full
	 * disk) read-only: cache_readonly_reason() says why. */
	CACHE_READONLY_FALLBACK = 1 << 1,
};

/*
 * Open the cache at path, creating it (and its directory) and bringing
 * its schema up to date. NULL on failure with *err set (the caller
 * frees it), naming the file and the reason; errno is ENOENT when a
 * read-only open found no file. A cache is never deleted or rewritten
 * because it could not be read: a file that is not a telex cache, or
 * is damaged, is reported and left as it is.
 *
 * Read-only opens work without write access to the file or its
 * directory (a WAL database whose -wal file is gone is read as
 * immutable, since its -shm file cannot be made).
 */
struct cache *cache_open(const char *path, int flags, char **err);
/*
 * NULL when the cache is open for writing; else why a
 * CACHE_READONLY_FALLBACK open could not write ("PATH: reason").
 */
const char *cache_readonly_reason(const struct cache *c);
void cache_close(struct cache *c);

/*
 * The title and home page a feed gave, as the caller's strings (NULL when
 * unknown). 0, 1 when the cache has never seen url, -1 on error.
 */
int cache_feed_info(struct cache *c, const char *url, char **title,
    char **link, char **err);

/* What the poller needs to know of a feed before polling it. */
struct cache_feed_state {
	char *etag, *last_modified;	/* NULL when unknown */
	int64_t last_attempt;		/* 0: never polled */
	int64_t next_poll;		/* 0: whenever */
};

/* 0 and *out filled, 1 when the cache has never seen url, -1 on error. */
int cache_feed_state(struct cache *c, const char *url,
    struct cache_feed_state *out, char **err);
void cache_feed_state_release(struct cache_feed_state *s);

/* The outcome of one poll of one feed. */
struct cache_fetch {
	const char *url;
	int64_t now;			/* when it was polled */
	int64_t next_poll;		/* when it is due again; 0: any time */
	int http_status;		/* 0 for file:// and transport errors */
	const char *etag, *last_modified; /* validators the server sent */
	enum fetch_articles fetch_articles; /* for the stories stored */
};

struct cache_store_stats {
	size_t added, updated, unchanged, dropped;
};

/*
 * Store a parsed feed: its title and link, the validators, every item
 * (new ones added, changed ones updated in place, state kept), then
 * drop the oldest unflagged, unsaved items past max_items (0: keep all).
 * One transaction. Returns 0, or -1 with *err set and nothing changed.
 */
int cache_store(struct cache *c, const struct cache_fetch *fetch,
    const struct feed *parsed, size_t max_items,
    struct cache_store_stats *stats, char **err);
/* The server said 304: record the poll, nothing else changes. */
int cache_not_modified(struct cache *c, const struct cache_fetch *fetch,
    char **err);
/* The poll failed: record reason and status, keep every item. */
int cache_failed(struct cache *c, const struct cache_fetch *fetch,
    const char *reason, char **err);

/* One headline, as list and search give them. */
struct cache_headline {
	int64_t id;
	const char *feed_url, *feed_title;
	const char *title, *link, *author;
	int64_t date;			/* published, else updated, else seen */
	int unread, flagged, saved;
	int from_page;			/* its article came from its page */
};

enum cache_query_flags {
	CACHE_ONLY_UNREAD = 1 << 0,
	CACHE_ONLY_FLAGGED = 1 << 1,
};

struct cache_query {
	int flags;
	/* Only these feeds (NULL: every feed in the cache). */
	const char *const *feed_urls;
	size_t nfeed_urls;
	/* Full-text search (FTS5 query syntax; plain words work). */
	const char *match;
	size_t limit;			/* 0: no limit */
};

/*
 * Headlines newest first; cb returns non-zero to stop. A search first
 * indexes what was stored since the last one (cache_index()). Returns 0,
 * or -1 with *err set (a bad search query is reported this way).
 */
int cache_list(struct cache *c, const struct cache_query *q,
    int (*cb)(void *ctx, const struct cache_headline *h), void *ctx,
    char **err);

/*
 * The stories of the feed at feed_url whose page should be fetched for
 * their full text (fetch-articles said so when they were stored), not
 * yet fetched and tried fewer than tries times: cb(ctx, id, link) for
 * each, until it returns non-zero. 0, or -1 with *err set.
 */
int cache_articles_wanted(struct cache *c, const char *feed_url, int tries,
    int (*cb)(void *ctx, int64_t id, const char *link), void *ctx,
    char **err);
/*
 * Keep the article extracted from story id's page (html), kept beside
 * the feed's own text; or, html NULL, record a failed try and why. One
 * transaction.
 */
int cache_store_article(struct cache *c, int64_t id, const char *html,
    const char *error, char **err);

/*
 * Index the stories stored since the last call, in one transaction.
 * Returns how many, or -1 with *err set (a read-only cache, a full
 * disk). Nothing pending costs one lookup and works read-only; after a
 * failure, later calls return -1 at once until the next store.
 */
int64_t cache_index(struct cache *c, char **err);

/* How many items the cache holds (all feeds). */
int64_t cache_count_items(struct cache *c);

#endif
