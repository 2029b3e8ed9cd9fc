/*
 * The interface's side of the cache (cache_view.h) on SQLite.
 *
 * Counts come from the feeds row (items, unread, flagged), which the
 * triggers of migration 3 keep right on every insert, delete and mark,
 * so the feed list reads one row per feed. A headline list is a list of
 * (date, id) positions read a page at a time by keyset paging: the next
 * page starts strictly after the last position shown, which an index in
 * that order (items_by_date, or items_by_feed for one feed) answers by
 * reading just the page. The interface then reads the headlines it
 * draws one by one (cache_headline_get), and a story's text only when
 * it is opened.
 *
 * A query's statement depends on its shape (feed filter, flags, search,
 * a starting position), so each shape is prepared once and kept. Many
 * feeds go through temp.wanted, as for cache_list(), whose results these
 * mirror: the same filters and the same search, in the same order.
 *
 * Categories and enclosures are stored as the JSON arrays cache.c
 * writes; cache_json.c reads them back.
 */
#include "cache_view.h"

#include <limits.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cache_priv.h"
#include "xalloc.h"
#include "banned.h"

static const char *const view_sql[VIEW_STMT_COUNT] = {
	[VIEW_SUMMARIES] = "SELECT url, title, last_error, CASE WHEN "
	    "last_error IS NULL THEN 0 ELSE coalesce(last_status, 0) END, "
	    "coalesce(last_success, 0), items, unread, flagged FROM feeds "
	    "ORDER BY id",
	[VIEW_HEADLINE] = "SELECT i.id, f.url, f.title, i.title, i.link, "
	    "i.author, i.date, i.unread, i.flagged, i.saved, "
	    "i.article IS NOT NULL FROM items i JOIN feeds f "
	    "ON f.id = i.feed_id WHERE i.id = ?1",
	[VIEW_STORY] = "SELECT i.id, f.url, f.title, i.title, i.link, "
	    "i.author, i.date, i.published, i.updated, i.summary, i.content, "
	    "i.article, i.article_error, i.categories, i.enclosures, "
	    "i.unread, i.flagged, i.saved FROM items i JOIN feeds f "
	    "ON f.id = i.feed_id WHERE i.id = ?1",
	[VIEW_MARK_UNREAD] = "UPDATE items SET unread = ?2 WHERE id = ?1",
	[VIEW_MARK_FLAGGED] = "UPDATE items SET flagged = ?2 WHERE id = ?1",
	[VIEW_MARK_SAVED] = "UPDATE items SET saved = ?2 WHERE id = ?1",
	[VIEW_DATA_VERSION] = "PRAGMA data_version",
	[VIEW_ANY_UNINDEXED] = "SELECT 1 FROM items WHERE NOT indexed "
	    "LIMIT 1",
	[VIEW_MATCHES] = "SELECT count(*) FROM items_fts WHERE items_fts "
	    "MATCH ?1",
};

/* The shape of a query: which clauses its statement has. */
enum shape {
	SHAPE_AFTER = 1 << 0,		/* (date, id) < (?1, ?2) */
	SHAPE_MATCH = 1 << 1,		/* the search ?4 */
	SHAPE_FLAGGED = 1 << 2,
	SHAPE_UNREAD = 1 << 3,
	SHAPE_ONE_FEED = 1 << 4,	/* the feed at ?3 */
	SHAPE_FEEDS = 1 << 5,		/* the feeds in temp.wanted */
	SHAPE_SEEK = 1 << 6,		/* look each match up by rowid */
};

/*
 * Up to this many matches, a search's page is read by looking each one
 * up and sorting them (184 of 100,000 stories: 1 ms); past it, by
 * reading the date index in order and stopping at a full page, which
 * costs up to a read of the whole index (25 ms for 100,000) when the
 * matches are few but costs little when they are many.
 */
#define SEEK_MATCHES 2000

void
cache_view_release(struct cache *c)
{
	size_t i;

	for (i = 0; i < VIEW_STMT_COUNT; i++) {
		sqlite3_finalize(c->view[i]);
		c->view[i] = NULL;
	}
	for (i = 0; i < VIEW_SHAPES; i++) {
		sqlite3_finalize(c->positions[i]);
		sqlite3_finalize(c->counts[i]);
		c->positions[i] = c->counts[i] = NULL;
	}
}

static sqlite3_stmt *
view_stmt(struct cache *c, enum view_stmt which, char **err)
{
	return cache_prepared(c, &c->view[which], view_sql[which], err);
}

static int
query_shape(const struct cache_query *q)
{
	int shape = 0;

	if (q->feed_urls != NULL)
		shape |= q->nfeed_urls == 1 ? SHAPE_ONE_FEED : SHAPE_FEEDS;
	if (q->flags & CACHE_ONLY_UNREAD)
		shape |= SHAPE_UNREAD;
	if (q->flags & CACHE_ONLY_FLAGGED)
		shape |= SHAPE_FLAGGED;
	if (q->match != NULL)
		shape |= SHAPE_MATCH;
	return shape;
}

/*
 * The conditions on items of a shape, after a "WHERE 1". Matches are
 * read in index order, or with SHAPE_SEEK looked up by rowid.
 */
static void
append_where(struct buf *b, int shape)
{
	if (shape & SHAPE_ONE_FEED)
		buf_append_str(b, " AND feed_id = (SELECT id FROM feeds "
		    "WHERE url = ?3)");
	if (shape & SHAPE_FEEDS)
		buf_append_str(b, " AND feed_id IN (SELECT id FROM feeds "
		    "WHERE url IN temp.wanted)");
	if (shape & SHAPE_UNREAD)
		buf_append_str(b, " AND unread");
	if (shape & SHAPE_FLAGGED)
		buf_append_str(b, " AND flagged");
	/*
	 * The unary + keeps the planner from looking up every match by
	 * rowid and sorting them all (20 ms for 10,000 matches): it reads
	 * the index in list order and stops when the page is full, or
	 * reads just an index for a count.
	 */
	if (shape & SHAPE_MATCH)
		buf_printf(b, " AND %sid IN (SELECT rowid FROM items_fts "
		    "WHERE items_fts MATCH ?4)", shape & SHAPE_SEEK ? "" : "+");
	if (shape & SHAPE_AFTER)
		buf_append_str(b, " AND (date, id) < (?1, ?2)");
}

/* The statement of one shape, prepared from sql on first use. */
static sqlite3_stmt *
shape_stmt(struct cache *c, sqlite3_stmt **slot, struct buf *sql,
    char **err)
{
	sqlite3_stmt *s = cache_prepared(c, slot, sql->ptr, err);

	buf_release(sql);
	return s;
}

/* Bind what a shape's clauses take (?3, ?4). */
static int
bind_query(struct cache *c, sqlite3_stmt *s, int shape,
    const struct cache_query *q, char **err)
{
	if (((shape & SHAPE_ONE_FEED) && sqlite3_bind_text(s, 3,
	    q->feed_urls[0], -1, SQLITE_STATIC) != SQLITE_OK) ||
	    ((shape & SHAPE_MATCH) && sqlite3_bind_text(s, 4, q->match, -1,
	    SQLITE_STATIC) != SQLITE_OK))
		return cache_db_err(c, err, "listing");
	return 0;
}

/*
 * Before a query: index what was stored since the last search (as
 * cache_list() does), checked first so that paging through results
 * does not take the write lock each time; and load the feeds.
 */
static int
query_prepare(struct cache *c, const struct cache_query *q, int shape,
    char **err)
{
	sqlite3_stmt *s;
	int rc;

	if (shape & SHAPE_MATCH) {
		if ((s = view_stmt(c, VIEW_ANY_UNINDEXED, err)) == NULL)
			return -1;
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return cache_db_err(c, err, "listing");
		/* a read-only cache searches what it has indexed */
		if (rc == SQLITE_ROW)
			cache_index(c, NULL);
	}
	if ((shape & SHAPE_FEEDS) && cache_load_wanted(c, q, err) != 0)
		return -1;
	return 0;
}

/* A failed step of a query: a bad search is the likely cause. */
static int
query_err(struct cache *c, const struct cache_query *q, char **err)
{
	if (q->match != NULL)
		cache_set_err(err, "bad search '%s': %s", q->match,
		    sqlite3_errmsg(c->db));
	else
		cache_db_err(c, err, "listing");
	return -1;
}

/* shape, with SHAPE_SEEK when the search has few matches; -1. */
static int
seek_shape(struct cache *c, const struct cache_query *q, int shape,
    char **err)
{
	sqlite3_stmt *s = view_stmt(c, VIEW_MATCHES, err);
	int64_t n;

	if (s == NULL)
		return -1;
	if (sqlite3_bind_text(s, 1, q->match, -1, SQLITE_STATIC) != SQLITE_OK)
		return cache_db_err(c, err, "listing");
	if (sqlite3_step(s) != SQLITE_ROW) {
		query_err(c, q, err);
		sqlite3_reset(s);
		return -1;
	}
	n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n <= SEEK_MATCHES ? shape | SHAPE_SEEK : shape;
}

long
cache_list_positions(struct cache *c, const struct cache_query *q,
    const struct cache_pos *after, struct cache_pos *out, size_t max,
    char **err)
{
	int shape = query_shape(q) | (after != NULL ? SHAPE_AFTER : 0);
	struct buf sql = BUF_INIT;
	sqlite3_stmt *s;
	long n = 0;
	int rc = SQLITE_DONE;

	if (max == 0)
		return 0;
	if (max > LONG_MAX)
		max = LONG_MAX;
	if (query_prepare(c, q, shape, err) != 0 ||
	    ((shape & SHAPE_MATCH) && (shape = seek_shape(c, q, shape,
	    err)) < 0))
		return -1;
	if (c->positions[shape] == NULL) {
		buf_append_str(&sql, "SELECT date, id FROM items WHERE 1");
		append_where(&sql, shape);
		buf_append_str(&sql, " ORDER BY date DESC, id DESC LIMIT ?5");
	}
	if ((s = shape_stmt(c, &c->positions[shape], &sql, err)) == NULL ||
	    bind_query(c, s, shape, q, err) != 0)
		return -1;
	if (((shape & SHAPE_AFTER) && (sqlite3_bind_int64(s, 1, after->date)
	    != SQLITE_OK || sqlite3_bind_int64(s, 2, after->id) !=
	    SQLITE_OK)) || sqlite3_bind_int64(s, 5, (sqlite3_int64)max) !=
	    SQLITE_OK)
		return cache_db_err(c, err, "listing");
	while ((size_t)n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		out[n].date = sqlite3_column_int64(s, 0);
		out[n].id = sqlite3_column_int64(s, 1);
		n++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		query_err(c, q, err);
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return n;
}

int64_t
cache_list_count(struct cache *c, const struct cache_query *q, char **err)
{
	int shape = query_shape(q);
	int both = SHAPE_UNREAD | SHAPE_FLAGGED;
	struct buf sql = BUF_INIT;
	sqlite3_stmt *s;
	int64_t n;
	int rc;

	if (query_prepare(c, q, shape, err) != 0)
		return -1;
	if (c->counts[shape] != NULL) {
		/* prepared before */
	} else if (shape == SHAPE_MATCH) {
		/* every entry of the index is a story (cache.c removes
		 * them together), and this reads the index alone */
		buf_append_str(&sql, "SELECT count(*) FROM items_fts "
		    "WHERE items_fts MATCH ?4");
	} else if ((shape & SHAPE_MATCH) || (shape & both) == both) {
		/* rare: a real count */
		buf_append_str(&sql, "SELECT count(*) FROM items WHERE 1");
		append_where(&sql, shape);
	} else {
		buf_printf(&sql, "SELECT coalesce(sum(%s), 0) FROM feeds "
		    "WHERE 1", (shape & SHAPE_UNREAD) ? "unread" :
		    (shape & SHAPE_FLAGGED) ? "flagged" : "items");
		if (shape & SHAPE_ONE_FEED)
			buf_append_str(&sql, " AND url = ?3");
		if (shape & SHAPE_FEEDS)
			buf_append_str(&sql, " AND url IN temp.wanted");
	}
	if ((s = shape_stmt(c, &c->counts[shape], &sql, err)) == NULL ||
	    bind_query(c, s, shape, q, err) != 0)
		return -1;
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		query_err(c, q, err);
		sqlite3_reset(s);
		return -1;
	}
	n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

int
cache_feed_summaries(struct cache *c,
    int (*cb)(void *ctx, const struct cache_feed_summary *s), void *ctx,
    char **err)
{
	struct cache_feed_summary fs;
	sqlite3_stmt *s = view_stmt(c, VIEW_SUMMARIES, err);
	int rc;

	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		fs.url = (const char *)sqlite3_column_text(s, 0);
		fs.title = (const char *)sqlite3_column_text(s, 1);
		fs.last_error = (const char *)sqlite3_column_text(s, 2);
		fs.last_status = sqlite3_column_int(s, 3);
		fs.last_success = sqlite3_column_int64(s, 4);
		fs.items = sqlite3_column_int64(s, 5);
		fs.unread = sqlite3_column_int64(s, 6);
		fs.flagged = sqlite3_column_int64(s, 7);
		if (cb(ctx, &fs) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		cache_db_err(c, err, "reading the feeds");
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return 0;
}

/*
 * One row, by id: the statement stepped once, its row left for the
 * caller to read. 0, 1 when there is no such row, -1.
 */
static int
get_by_id(struct cache *c, sqlite3_stmt *s, int64_t id, const char *what,
    char **err)
{
	int rc;

	if (sqlite3_bind_int64(s, 1, id) != SQLITE_OK)
		return cache_db_err(c, err, what);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		return 0;
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 1;
	return cache_db_err(c, err, what);
}

int
cache_headline_get(struct cache *c, int64_t id,
    void (*cb)(void *ctx, const struct cache_headline *h), void *ctx,
    char **err)
{
	struct cache_headline h;
	sqlite3_stmt *s = view_stmt(c, VIEW_HEADLINE, err);
	int r;

	if (s == NULL)
		return -1;
	if ((r = get_by_id(c, s, id, "reading a headline", err)) != 0)
		return r;
	h.id = sqlite3_column_int64(s, 0);
	h.feed_url = (const char *)sqlite3_column_text(s, 1);
	h.feed_title = (const char *)sqlite3_column_text(s, 2);
	h.title = (const char *)sqlite3_column_text(s, 3);
	h.link = (const char *)sqlite3_column_text(s, 4);
	h.author = (const char *)sqlite3_column_text(s, 5);
	h.date = sqlite3_column_int64(s, 6);
	h.unread = sqlite3_column_int(s, 7);
	h.flagged = sqlite3_column_int(s, 8);
	h.saved = sqlite3_column_int(s, 9);
	h.from_page = sqlite3_column_int(s, 10);
	/* cb may call back into the cache, but not for another headline:
	 * that would reset this statement under h */
	cb(ctx, &h);
	sqlite3_reset(s);
	return 0;
}

int
cache_story_get(struct cache *c, int64_t id, struct cache_story *out,
    char **err)
{
	sqlite3_stmt *s = view_stmt(c, VIEW_STORY, err);
	int r;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return -1;
	if ((r = get_by_id(c, s, id, "reading a story", err)) != 0)
		return r;
	out->id = sqlite3_column_int64(s, 0);
	out->feed_url = cache_column_strdup(s, 1);
	out->feed_title = cache_column_strdup(s, 2);
	out->title = cache_column_strdup(s, 3);
	out->link = cache_column_strdup(s, 4);
	out->author = cache_column_strdup(s, 5);
	out->date = sqlite3_column_int64(s, 6);
	out->published = sqlite3_column_int64(s, 7);
	out->updated = sqlite3_column_int64(s, 8);
	out->summary = cache_column_strdup(s, 9);
	out->content = cache_column_strdup(s, 10);
	out->article = cache_column_strdup(s, 11);
	out->article_error = cache_column_strdup(s, 12);
	cache_json_categories(out, (const char *)sqlite3_column_text(s, 13),
	    (size_t)sqlite3_column_bytes(s, 13));
	cache_json_enclosures(out, (const char *)sqlite3_column_text(s, 14),
	    (size_t)sqlite3_column_bytes(s, 14));
	out->unread = sqlite3_column_int(s, 15);
	out->flagged = sqlite3_column_int(s, 16);
	out->saved = sqlite3_column_int(s, 17);
	sqlite3_reset(s);
	if (out->feed_url == NULL)	/* NOT NULL in the schema */
		out->feed_url = xstrdup("");
	return 0;
}

void
cache_story_release(struct cache_story *st)
{
	size_t i;

	free(st->feed_url);
	free(st->feed_title);
	free(st->title);
	free(st->link);
	free(st->author);
	free(st->summary);
	free(st->content);
	free(st->article);
	free(st->article_error);
	for (i = 0; i < st->ncategories; i++)
		free(st->categories[i]);
	free(st->categories);
	for (i = 0; i < st->nenclosures; i++)
		cache_enclosure_release(&st->enclosures[i]);
	free(st->enclosures);
	memset(st, 0, sizeof(*st));
}

/* One mark of one story; *found says whether the row exists. */
static int
set_mark(struct cache *c, int64_t id, enum cache_mark mark, int on,
    int *found, char **err)
{
	static const enum view_stmt which[] = {
		[CACHE_MARK_UNREAD] = VIEW_MARK_UNREAD,
		[CACHE_MARK_FLAGGED] = VIEW_MARK_FLAGGED,
		[CACHE_MARK_SAVED] = VIEW_MARK_SAVED,
	};
	sqlite3_stmt *s;

	if ((unsigned)mark >= sizeof(which) / sizeof(which[0])) {
		cache_set_err(err, "%s: unknown mark %d", c->path, (int)mark);
		return -1;
	}
	if ((s = view_stmt(c, which[mark], err)) == NULL)
		return -1;
	if (sqlite3_bind_int64(s, 1, id) != SQLITE_OK ||
	    sqlite3_bind_int(s, 2, on != 0) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_DONE) {
		cache_db_err(c, err, "marking a story");
		sqlite3_reset(s);
		return -1;
	}
	*found = sqlite3_changes(c->db) > 0;
	sqlite3_reset(s);
	return 0;
}

int
cache_set_mark(struct cache *c, int64_t id, enum cache_mark mark, int on,
    char **err)
{
	int found;

	if (set_mark(c, id, mark, on, &found, err) != 0)
		return -1;
	return found ? 0 : 1;
}

void
cache_ids_init(struct cache_ids *s)
{
	memset(s, 0, sizeof(*s));
}

void
cache_ids_release(struct cache_ids *s)
{
	free(s->ids);
	cache_ids_init(s);
}

static void
ids_append(struct cache_ids *s, int64_t id)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->ids = xreallocarray(s->ids, s->cap, sizeof(*s->ids));
	}
	s->ids[s->n++] = id;
}

static int64_t
mark_read(struct cache *c, const struct cache_query *q, int shape,
    struct cache_ids *changed, char **err)
{
	struct buf sql = BUF_INIT;
	sqlite3_stmt *s;
	int64_t n = 0;
	int rc;

	if ((shape & SHAPE_FEEDS) && cache_load_wanted(c, q, err) != 0)
		return -1;
	buf_append_str(&sql, "UPDATE items SET unread = 0 WHERE unread");
	append_where(&sql, (shape & ~SHAPE_UNREAD) | SHAPE_SEEK);
	buf_append_str(&sql, " RETURNING id");
	rc = sqlite3_prepare_v2(c->db, sql.ptr, -1, &s, NULL);
	buf_release(&sql);
	if (rc != SQLITE_OK)
		return cache_db_err(c, err, "marking stories read");
	if (bind_query(c, s, shape, q, err) != 0) {
		sqlite3_finalize(s);
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (changed != NULL)
			ids_append(changed, sqlite3_column_int64(s, 0));
		n++;
	}
	if (rc != SQLITE_DONE) {
		query_err(c, q, err);
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return n;
}

int64_t
cache_mark_read(struct cache *c, const struct cache_query *q,
    struct cache_ids *changed, char **err)
{
	int shape = query_shape(q);
	size_t had = changed != NULL ? changed->n : 0;
	int64_t n;

	/* index outside the transaction: it takes its own */
	if (query_prepare(c, q, shape & SHAPE_MATCH, err) != 0 ||
	    cache_exec(c, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	if ((n = mark_read(c, q, shape, changed, err)) < 0 ||
	    cache_exec(c, "COMMIT", err) != 0) {
		cache_exec(c, "ROLLBACK", NULL);
		if (changed != NULL)
			changed->n = had;
		return -1;
	}
	return n;
}

int
cache_set_unread_ids(struct cache *c, const struct cache_ids *ids,
    char **err)
{
	size_t i;
	int found;

	if (cache_exec(c, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	for (i = 0; i < ids->n; i++) {
		if (set_mark(c, ids->ids[i], CACHE_MARK_UNREAD, 1, &found,
		    err) != 0) {
			cache_exec(c, "ROLLBACK", NULL);
			return -1;
		}
	}
	if (cache_exec(c, "COMMIT", err) != 0) {
		cache_exec(c, "ROLLBACK", NULL);
		return -1;
	}
	return 0;
}

int64_t
cache_data_version(struct cache *c)
{
	sqlite3_stmt *s = view_stmt(c, VIEW_DATA_VERSION, NULL);
	int64_t v;

	if (s == NULL)
		return -1;
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return -1;
	}
	v = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return v;
}
