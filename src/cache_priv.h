/*
 * cache_priv: what cache.c and cache_view.c share, and nothing else
 * includes: the connection struct and the helpers that check a SQLite
 * call and name the file in its error ("PATH: what: sqlite message").
 *
 * Statements are prepared on first use and kept until cache_close():
 * cache.c's in stmt[], cache_view.c's in the view arrays (released by
 * cache_view_release()). A cached statement is reset before each use, so
 * strings read from it are valid until the next call that uses it.
 */
#ifndef TELEX_CACHE_PRIV_H
#define TELEX_CACHE_PRIV_H

#include <sqlite3.h>

#include "buf.h"
#include "cache.h"
#include "cache_json.h"
#include "cache_view.h"

/* cache.c's statements (their SQL is in cache.c). */
enum stmt {
	ST_FEED_STATE,
	ST_FEED_ID,
	ST_FEED_OK,
	ST_FEED_304,
	ST_FEED_FAILED,
	ST_ITEM_GET,
	ST_ITEM_INSERT,
	ST_ITEM_UPDATE,
	ST_ITEM_DELETE,
	ST_ITEM_OLDEST,
	ST_FTS_INSERT,
	ST_FTS_DELETE,
	ST_UNINDEXED,
	ST_MARK_INDEXED,
	ST_ARTICLES_WANTED,
	ST_ARTICLE_OLD,
	ST_ARTICLE_SET,
	ST_WANTED_CLEAR,
	ST_WANTED_ADD,
	ST_COUNT
};

/* cache_view.c's fixed statements (their SQL is in cache_view.c). */
enum view_stmt {
	VIEW_SUMMARIES,
	VIEW_HEADLINE,
	VIEW_STORY,
	VIEW_MARK_UNREAD,
	VIEW_MARK_FLAGGED,
	VIEW_MARK_SAVED,
	VIEW_DATA_VERSION,
	VIEW_ANY_UNINDEXED,
	VIEW_MATCHES,
	VIEW_STMT_COUNT
};

/*
 * Queries built from a struct cache_query, one statement per shape
 * (feed filter none/one/many x unread x flagged x search x after x
 * search plan): a bit set, 7 bits.
 */
#define VIEW_SHAPES 128

struct cache {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[ST_COUNT];
	struct buf text, categories, enclosures, key;
	int wanted_made;		/* temp.wanted exists */
	int missing;			/* the file was not there */
	char *readonly_reason;		/* opened read-only as a fallback */
	int index_failed;		/* cache_index failed since a store */
	sqlite3_stmt *view[VIEW_STMT_COUNT];
	sqlite3_stmt *positions[VIEW_SHAPES], *counts[VIEW_SHAPES];
};

/* Replace *err (when err is not NULL) with a formatted message. */
void cache_set_err(char **err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* "PATH: what: sqlite's last message" into *err; returns -1. */
int cache_db_err(struct cache *c, char **err, const char *what);
/* Run SQL text (no results); -1 with *err set. */
int cache_exec(struct cache *c, const char *sql, char **err);
/*
 * The statement in *slot, prepared from sql on first use (persistent),
 * else reset and unbound. NULL with *err set.
 */
sqlite3_stmt *cache_prepared(struct cache *c, sqlite3_stmt **slot,
    const char *sql, char **err);
/* A column as the caller's string, NULL for SQL NULL. */
char *cache_column_strdup(sqlite3_stmt *s, int col);
/*
 * Put q's feed URLs in temp.wanted (url TEXT PRIMARY KEY), for queries
 * limited to some feeds (q->feed_urls not NULL). 0, or -1 with *err.
 */
int cache_load_wanted(struct cache *c, const struct cache_query *q,
    char **err);

/* Finalize cache_view's statements (cache_close() calls it). */
void cache_view_release(struct cache *c);

#endif
