/*
 * The cache (cache.h) on SQLite.
 *
 * Schema: feeds (one row per URL ever polled, with validators and the
 * last outcome), items (one row per story, unique per feed and identity
 * key, with the user's state) and items_fts, a contentless FTS5 index:
 * the index holds only the tokens, not a second copy of every story, and
 * this module keeps it in step by hand (an index entry is deleted with
 * the text it was made from, which is computed again from the row).
 * Triggers on items keep each feed's items, unread and flagged counts
 * in its row, for cache_view.c. PRAGMA user_version is the schema
 * version; migrations[] brings any older cache up to date, each step in
 * its own transaction. struct cache and the error helpers are shared
 * with cache_view.c through cache_priv.h.
 *
 * Storing compares each fetched item with its row first, so a refresh
 * that brings the same stories writes nothing but the feed's row.
 */
#include "cache.h"
#include "cache_priv.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "html_text.h"
#include "json.h"
#include "url.h"
#include "xalloc.h"
#include "banned.h"

/* 'telx': marks a SQLite file as a telex cache. */
#define APPLICATION_ID 0x74656c78

/* How long a writer waits for another before giving up. */
#define BUSY_TIMEOUT_MS 30000

static const char *const migrations[] = {
	/* 1: the first release */
	"CREATE TABLE feeds ("
	"  id INTEGER PRIMARY KEY,"
	"  url TEXT NOT NULL UNIQUE,"
	"  title TEXT, link TEXT, description TEXT,"
	"  etag TEXT, last_modified TEXT,"
	"  last_attempt INTEGER, last_success INTEGER,"
	"  last_status INTEGER, last_error TEXT,"
	"  next_poll INTEGER);"
	"CREATE TABLE items ("
	"  id INTEGER PRIMARY KEY,"
	"  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	"  key TEXT NOT NULL,"
	"  guid TEXT, title TEXT, link TEXT, author TEXT,"
	"  published INTEGER, updated INTEGER,"
	"  first_seen INTEGER NOT NULL, date INTEGER NOT NULL,"
	"  summary TEXT, content TEXT, categories TEXT, enclosures TEXT,"
	"  unread INTEGER NOT NULL DEFAULT 1,"
	"  flagged INTEGER NOT NULL DEFAULT 0,"
	"  saved INTEGER NOT NULL DEFAULT 0,"
	"  indexed INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (feed_id, key));"
	"CREATE INDEX items_by_date ON items (date DESC, id DESC);"
	"CREATE INDEX items_by_feed ON items (feed_id, date DESC);"
	"CREATE INDEX items_unindexed ON items (id) WHERE NOT indexed;"
	"CREATE VIRTUAL TABLE items_fts USING fts5 ("
	"  title, author, text, content='', detail=column,"
	"  tokenize='unicode61 remove_diacritics 2');"
	/* fewer, larger merges: indexing 10,000 stories a third faster */
	"INSERT INTO items_fts (items_fts, rank) VALUES ('automerge', 16);",
	/* 2: full articles from the pages stories link to */
	"ALTER TABLE items ADD COLUMN wants_article INTEGER NOT NULL "
	"  DEFAULT 0;"
	"ALTER TABLE items ADD COLUMN article TEXT;"
	"ALTER TABLE items ADD COLUMN article_error TEXT;"
	"ALTER TABLE items ADD COLUMN article_tries INTEGER NOT NULL "
	"  DEFAULT 0;"
	"CREATE INDEX items_wanting_article ON items (feed_id) "
	"  WHERE wants_article AND article IS NULL;",
	/*
	 * 3: counts per feed kept by triggers, so the feed list costs a
	 * row per feed however many stories there are; a per-feed index
	 * in the list's order, so a feed's page is read in order (the
	 * rowid alone sorted equal dates oldest first); and small indexes
	 * of the unread and the flagged stories, without which listing
	 * the few left unread reads every row (1.4 s for 100,000).
	 */
	"ALTER TABLE feeds ADD COLUMN items INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feeds ADD COLUMN unread INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feeds ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;"
	"UPDATE feeds SET (items, unread, flagged) = (SELECT count(*), "
	"  count(*) FILTER (WHERE unread), count(*) FILTER (WHERE flagged) "
	"  FROM items WHERE feed_id = feeds.id);"
	"CREATE TRIGGER items_count_insert AFTER INSERT ON items BEGIN"
	"  UPDATE feeds SET items = items + 1,"
	"    unread = unread + (new.unread != 0),"
	"    flagged = flagged + (new.flagged != 0) WHERE id = new.feed_id;"
	"END;"
	"CREATE TRIGGER items_count_delete AFTER DELETE ON items BEGIN"
	"  UPDATE feeds SET items = items - 1,"
	"    unread = unread - (old.unread != 0),"
	"    flagged = flagged - (old.flagged != 0) WHERE id = old.feed_id;"
	"END;"
	/* one row update for a mark, two for a move between feeds */
	"CREATE TRIGGER items_count_mark AFTER UPDATE OF unread, flagged "
	"  ON items WHEN old.feed_id = new.feed_id AND "
	"  ((old.unread != 0) != (new.unread != 0) OR "
	"  (old.flagged != 0) != (new.flagged != 0)) BEGIN"
	"  UPDATE feeds SET"
	"    unread = unread + (new.unread != 0) - (old.unread != 0),"
	"    flagged = flagged + (new.flagged != 0) - (old.flagged != 0)"
	"    WHERE id = new.feed_id;"
	"END;"
	"CREATE TRIGGER items_count_move AFTER UPDATE OF feed_id ON items "
	"  WHEN old.feed_id != new.feed_id BEGIN"
	"  UPDATE feeds SET items = items - 1,"
	"    unread = unread - (old.unread != 0),"
	"    flagged = flagged - (old.flagged != 0) WHERE id = old.feed_id;"
	"  UPDATE feeds SET items = items + 1,"
	"    unread = unread + (new.unread != 0),"
	"    flagged = flagged + (new.flagged != 0) WHERE id = new.feed_id;"
	"END;"
	"DROP INDEX items_by_feed;"
	"CREATE INDEX items_by_feed ON items (feed_id, date DESC, id DESC);"
	"CREATE INDEX items_unread ON items (date DESC, id DESC, feed_id) "
	"  WHERE unread;"
	"CREATE INDEX items_flagged ON items (date DESC, id DESC, feed_id) "
	"  WHERE flagged;",
};

#define SCHEMA_VERSION ((int)(sizeof(migrations) / sizeof(migrations[0])))


static const char *const stmt_sql[ST_COUNT] = {
	[ST_FEED_STATE] = "SELECT etag, last_modified, last_attempt, "
	    "next_poll FROM feeds WHERE url = ?1",
	[ST_FEED_ID] = "INSERT INTO feeds (url) VALUES (?1) ON CONFLICT (url) "
	    "DO UPDATE SET url = url RETURNING id",
	[ST_FEED_OK] = "UPDATE feeds SET title = coalesce(?2, title), "
	    "link = coalesce(?3, link), description = coalesce(?4, "
	    "description), etag = ?5, last_modified = ?6, last_attempt = ?7, "
	    "last_success = ?7, last_status = ?8, last_error = NULL, "
	    "next_poll = ?9 WHERE id = ?1",
	[ST_FEED_304] = "UPDATE feeds SET etag = coalesce(?2, etag), "
	    "last_modified = coalesce(?3, last_modified), last_attempt = ?4, "
	    "last_success = ?4, last_status = ?5, last_error = NULL, "
	    "next_poll = ?6 WHERE id = ?1",
	[ST_FEED_FAILED] = "UPDATE feeds SET last_attempt = ?2, "
	    "last_status = ?3, last_error = ?4, next_poll = ?5 WHERE id = ?1",
	[ST_ITEM_GET] = "SELECT id, guid, title, link, author, published, "
	    "updated, summary, content, categories, enclosures, indexed, "
	    "article FROM items WHERE feed_id = ?1 AND key = ?2",
	[ST_ITEM_INSERT] = "INSERT INTO items (feed_id, key, guid, title, "
	    "link, author, published, updated, first_seen, date, summary, "
	    "content, categories, enclosures, wants_article) VALUES (?1, ?2, "
	    "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?16)",
	[ST_ITEM_UPDATE] = "UPDATE items SET guid = ?3, title = ?4, "
	    "link = ?5, author = ?6, published = ?7, updated = ?8, "
	    "date = coalesce(?7, ?8, first_seen), summary = ?11, "
	    "content = ?12, categories = ?13, enclosures = ?14, "
	    "indexed = indexed AND ?15, wants_article = ?16 WHERE id = ?1",
	[ST_ITEM_DELETE] = "DELETE FROM items WHERE id = ?1",
	[ST_ITEM_OLDEST] = "SELECT id, title, author, summary, content, "
	    "flagged, saved, indexed, article FROM items WHERE feed_id = ?1 "
	    "ORDER BY date DESC, id DESC LIMIT -1 OFFSET ?2",
	[ST_FTS_INSERT] = "INSERT INTO items_fts (rowid, title, author, text) "
	    "VALUES (?1, ?2, ?3, ?4)",
	[ST_FTS_DELETE] = "INSERT INTO items_fts (items_fts, rowid, title, "
	    "author, text) VALUES ('delete', ?1, ?2, ?3, ?4)",
	[ST_UNINDEXED] = "SELECT id, title, author, summary, content, "
	    "article FROM items WHERE NOT indexed",
	[ST_ARTICLES_WANTED] = "SELECT i.id, i.link FROM items i JOIN feeds f "
	    "ON f.id = i.feed_id WHERE f.url = ?1 AND i.wants_article AND "
	    "i.article IS NULL AND i.article_tries < ?2 AND i.link IS NOT NULL",
	[ST_ARTICLE_OLD] = "SELECT title, author, summary, content, article, "
	    "indexed FROM items WHERE id = ?1",
	[ST_ARTICLE_SET] = "UPDATE items SET article = coalesce(?2, article), "
	    "article_error = ?3, article_tries = article_tries + 1, "
	    "indexed = indexed AND ?2 IS NULL WHERE id = ?1",
	[ST_MARK_INDEXED] = "UPDATE items SET indexed = 1 WHERE NOT indexed",
	[ST_WANTED_CLEAR] = "DELETE FROM temp.wanted",
	[ST_WANTED_ADD] = "INSERT OR IGNORE INTO temp.wanted VALUES (?1)",
};


void
cache_set_err(char **err, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(*err);
	*err = buf_detach(&b, NULL);
}

/* SQLite's message, with the system's reason for an I/O error. */
static const char *
db_reason(struct cache *c, struct buf *b)
{
	int sys = sqlite3_system_errno(c->db);

	buf_append_str(b, sqlite3_errmsg(c->db));
	if ((sqlite3_errcode(c->db) & 0xff) == SQLITE_IOERR && sys != 0)
		buf_printf(b, " (%s)", strerror(sys));
	return b->ptr;
}

int
cache_db_err(struct cache *c, char **err, const char *what)
{
	struct buf b = BUF_INIT;

	cache_set_err(err, "%s: %s: %s", c->path, what, db_reason(c, &b));
	buf_release(&b);
	return -1;
}

int
cache_exec(struct cache *c, const char *sql, char **err)
{
	char *msg = NULL;

	struct buf b = BUF_INIT;

	if (sqlite3_exec(c->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		if ((sqlite3_errcode(c->db) & 0xff) == SQLITE_IOERR ||
		    msg == NULL)
			db_reason(c, &b);
		else
			buf_append_str(&b, msg);
		cache_set_err(err, "%s: %s", c->path, b.ptr);
		buf_release(&b);
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

sqlite3_stmt *
cache_prepared(struct cache *c, sqlite3_stmt **slot, const char *sql,
    char **err)
{
	if (*slot == NULL) {
		if (sqlite3_prepare_v3(c->db, sql, -1,
		    SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK) {
			cache_db_err(c, err, "preparing a statement");
			*slot = NULL;
			return NULL;
		}
		return *slot;
	}
	sqlite3_reset(*slot);
	sqlite3_clear_bindings(*slot);
	return *slot;
}

/* A cached prepared statement, reset and unbound. */
static sqlite3_stmt *
stmt(struct cache *c, enum stmt which, char **err)
{
	return cache_prepared(c, &c->stmt[which], stmt_sql[which], err);
}

static int
int_pragma(struct cache *c, const char *sql, int *out)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(c->db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* mkdir -p of the directory holding path (new ones private to the user). */
static int
make_parent_dirs(const char *path)
{
	char *dir = xstrdup(path);
	char *p;
	int r = 0;

	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			r = -1;
		*p = '/';
	}
	free(dir);
	return r;
}

static int
migrate(struct cache *c, int readonly, char **err)
{
	int version, app_id, tables;
	char sql[64], app_id_sql[64];

	snprintf(app_id_sql, sizeof(app_id_sql), "PRAGMA application_id = %d",
	    APPLICATION_ID);
	if (int_pragma(c, "PRAGMA user_version", &version) != 0 ||
	    int_pragma(c, "PRAGMA application_id", &app_id) != 0 ||
	    int_pragma(c, "SELECT count(*) FROM sqlite_schema", &tables) != 0) {
		/* SQLITE_NOTADB and friends show up here */
		return cache_db_err(c, err, "cannot read the cache");
	}
	if (tables > 0 && app_id != APPLICATION_ID) {
		cache_set_err(err, "%s: not a telex cache (another program's "
		    "database); refusing to touch it", c->path);
		return -1;
	}
	if (version > SCHEMA_VERSION) {
		cache_set_err(err, "%s: written by a newer telex (schema %d, this "
		    "one knows %d)", c->path, version, SCHEMA_VERSION);
		return -1;
	}
	if (version == SCHEMA_VERSION)
		return 0;
	/*
	 * A story of 2-3 KB is half a 4 KiB page: one a page wastes a
	 * third of the file. 16 KiB pages hold five or six. Only a new,
	 * empty database can still take a page size.
	 */
	if (tables == 0 && !readonly && cache_exec(c, "PRAGMA page_size = 16384",
	    err) != 0)
		return -1;
	if (readonly) {
		cache_set_err(err, "%s: needs an update (schema %d to %d) and is "
		    "open read-only", c->path, version, SCHEMA_VERSION);
		return -1;
	}
	for (; version < SCHEMA_VERSION; version++) {
		if (cache_exec(c, "BEGIN IMMEDIATE", err) != 0)
			return -1;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
		    version + 1);
		if (cache_exec(c, migrations[version], err) != 0 ||
		    cache_exec(c, sql, err) != 0 ||
		    (version == 0 && cache_exec(c, app_id_sql, err) != 0) ||
		    cache_exec(c, "COMMIT", err) != 0) {
			cache_exec(c, "ROLLBACK", NULL);
			return -1;
		}
	}
	return 0;
}

/* path as a SQLite URI (file:...), for query parameters. */
static char *
path_uri(const char *path, const char *query)
{
	struct buf b = BUF_INIT;
	const char *p;

	buf_append_str(&b, "file:");
	for (p = path; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_printf(&b, "%%%02x", (unsigned char)*p);
		else
			buf_append_char(&b, *p);
	}
	buf_printf(&b, "?%s", query);
	return buf_detach(&b, NULL);
}

/* The primary result code of the connection's last error. */
static int
last_error(struct cache *c)
{
	return c->db != NULL ? sqlite3_errcode(c->db) & 0xff : SQLITE_NOMEM;
}

static int
open_db(struct cache *c, int readonly, int immutable, char **err)
{
	int oflags = readonly ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	char *uri = NULL;
	int rc;

	if (immutable)
		uri = path_uri(c->path, "immutable=1");
	rc = sqlite3_open_v2(uri != NULL ? uri : c->path, &c->db,
	    oflags | SQLITE_OPEN_NOMUTEX | (uri != NULL ? SQLITE_OPEN_URI : 0),
	    NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		if (c->db == NULL)
			cache_set_err(err, "%s: out of memory", c->path);
		else
			cache_db_err(c, err, "cannot open");
		return -1;
	}
	sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(c->db, 1);
	/* SQLite opens a file it may not write read-only, silently. */
	if (!readonly && sqlite3_db_readonly(c->db, "main") == 1) {
		cache_set_err(err, "%s: cannot write it (a read-only file)",
		    c->path);
		return -1;
	}
	if (migrate(c, readonly, err) != 0 ||
	    (!readonly && cache_exec(c, "PRAGMA journal_mode = WAL", err) != 0) ||
	    cache_exec(c, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; "
	    "PRAGMA temp_store = MEMORY", err) != 0)
		return -1;
	return 0;
}

static void
close_db(struct cache *c)
{
	size_t i;

	for (i = 0; i < ST_COUNT; i++) {
		sqlite3_finalize(c->stmt[i]);
		c->stmt[i] = NULL;
	}
	cache_view_release(c);
	if (c->db != NULL)
		sqlite3_close(c->db);
	c->db = NULL;
	c->wanted_made = 0;
}

/*
 * Read-only: a WAL database is read through its -shm file, which a
 * reader who may not write the file's directory cannot create. When
 * there is no -wal file either (the last writer checkpointed it and
 * left), the database file holds everything and is read as immutable,
 * with no -shm.
 */
static int
open_readonly(struct cache *c, char **err)
{
	struct buf wal = BUF_INIT;
	struct stat st;
	int code, no_wal;

	if (stat(c->path, &st) != 0) {
		cache_set_err(err, "%s: %s", c->path, strerror(errno));
		c->missing = errno == ENOENT;
		return -1;
	}
	if (open_db(c, 1, 0, err) == 0)
		return 0;
	code = last_error(c);
	buf_printf(&wal, "%s-wal", c->path);
	no_wal = stat(wal.ptr, &st) != 0 && errno == ENOENT;
	buf_release(&wal);
	if ((code != SQLITE_READONLY && code != SQLITE_CANTOPEN) || !no_wal)
		return -1;
	close_db(c);
	return open_db(c, 1, 1, err);
}

struct cache *
cache_open(const char *path, int flags, char **err)
{
	struct cache *c = xcalloc(1, sizeof(*c));
	char *rw_err = NULL;
	int r;

	c->path = xstrdup(path);
	buf_init(&c->text);
	buf_init(&c->categories);
	buf_init(&c->enclosures);
	buf_init(&c->key);
	if (flags & CACHE_READONLY) {
		r = open_readonly(c, err);
	} else if (make_parent_dirs(path) != 0) {
		cache_set_err(err, "%s: cannot create its directory: %s", path,
		    strerror(errno));
		r = -1;
	} else if ((r = open_db(c, 0, 0, &rw_err)) != 0 &&
	    (flags & CACHE_READONLY_FALLBACK) &&
	    access(path, F_OK) == 0) {
		/* Not writable (a read-only file, directory or disk, a full
		 * disk): read what is there, if that works. */
		close_db(c);
		if ((r = open_readonly(c, NULL)) == 0)
			c->readonly_reason = rw_err;
		else
			cache_set_err(err, "%s", rw_err);
		if (r != 0)
			free(rw_err);
		rw_err = NULL;
	} else if (r != 0 && err != NULL) {
		free(*err);
		*err = rw_err;
		rw_err = NULL;
	}
	free(rw_err);
	if (r != 0) {
		errno = c->missing ? ENOENT : 0;
		cache_close(c);
		return NULL;
	}
	return c;
}

const char *
cache_readonly_reason(const struct cache *c)
{
	return c->readonly_reason;
}

void
cache_close(struct cache *c)
{
	if (c == NULL)
		return;
	close_db(c);
	buf_release(&c->text);
	buf_release(&c->categories);
	buf_release(&c->enclosures);
	buf_release(&c->key);
	free(c->readonly_reason);
	free(c->path);
	free(c);
}

char *
cache_column_strdup(sqlite3_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

int
cache_feed_state(struct cache *c, const char *url,
    struct cache_feed_state *out, char **err)
{
	sqlite3_stmt *s = stmt(c, ST_FEED_STATE, err);
	int rc;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, url, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW)
		return cache_db_err(c, err, "reading a feed");
	out->etag = cache_column_strdup(s, 0);
	out->last_modified = cache_column_strdup(s, 1);
	out->last_attempt = sqlite3_column_int64(s, 2);
	out->next_poll = sqlite3_column_int64(s, 3);
	sqlite3_reset(s);
	return 0;
}

int
cache_feed_info(struct cache *c, const char *url, char **title,
    char **link, char **err)
{
	sqlite3_stmt *s;
	int rc;

	*title = *link = NULL;
	if (sqlite3_prepare_v2(c->db, "SELECT title, link FROM feeds WHERE "
	    "url = ?1", -1, &s, NULL) != SQLITE_OK)
		return cache_db_err(c, err, "reading a feed");
	sqlite3_bind_text(s, 1, url, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*title = cache_column_strdup(s, 0);
		*link = cache_column_strdup(s, 1);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return cache_db_err(c, err, "reading a feed");
	return rc == SQLITE_ROW ? 0 : 1;
}

void
cache_feed_state_release(struct cache_feed_state *st)
{
	free(st->etag);
	free(st->last_modified);
	memset(st, 0, sizeof(*st));
}

/* The feed's row id, made if needed. */
static int64_t
feed_id(struct cache *c, const char *url, char **err)
{
	sqlite3_stmt *s = stmt(c, ST_FEED_ID, err);
	int64_t id;

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, url, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW)
		return cache_db_err(c, err, "adding a feed");
	id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return id;
}

static void
bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static void
bind_date(sqlite3_stmt *s, int i, const struct feed_date *d)
{
	if (d->known)
		sqlite3_bind_int64(s, i, d->t);
	else
		sqlite3_bind_null(s, i);
}

static void
bind_next_poll(sqlite3_stmt *s, int i, int64_t next)
{
	if (next != 0)
		sqlite3_bind_int64(s, i, next);
	else
		sqlite3_bind_null(s, i);
}

/* FNV-1a, for the identity of items with neither id nor link. */
static uint64_t
hash64(uint64_t h, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (h ^ 0xff) * 1099511628211u;
}

static const char *
item_key(struct cache *c, const struct feed_item *it)
{
	char date[24];

	if (it->id != NULL && *it->id != '\0')
		return it->id;
	if (it->link != NULL && *it->link != '\0')
		return it->link;
	snprintf(date, sizeof(date), "%lld", it->published.known ?
	    (long long)it->published.t : it->updated.known ?
	    (long long)it->updated.t : 0LL);
	buf_reset(&c->key);
	buf_printf(&c->key, "hash:%016llx", (unsigned long long)
	    hash64(hash64(14695981039346656037u, it->title), date));
	return c->key.ptr;
}

/* Categories and enclosures as JSON arrays (NULL when there are none). */
static const char *
categories_json(struct cache *c, const struct feed_item *it)
{
	size_t i;

	if (it->ncategories == 0)
		return NULL;
	buf_reset(&c->categories);
	buf_append_char(&c->categories, '[');
	for (i = 0; i < it->ncategories; i++) {
		if (i > 0)
			buf_append_char(&c->categories, ',');
		json_append_cstr(&c->categories, it->categories[i]);
	}
	buf_append_char(&c->categories, ']');
	return c->categories.ptr;
}

static const char *
enclosures_json(struct cache *c, const struct feed_item *it)
{
	struct buf *b = &c->enclosures;
	size_t i;

	if (it->nenclosures == 0)
		return NULL;
	buf_reset(b);
	buf_append_char(b, '[');
	for (i = 0; i < it->nenclosures; i++) {
		if (i > 0)
			buf_append_char(b, ',');
		buf_append_str(b, "{\"url\":");
		json_append_cstr(b, it->enclosures[i].url);
		buf_append_str(b, ",\"type\":");
		json_append_cstr(b, it->enclosures[i].type);
		if (it->enclosures[i].length >= 0)
			buf_printf(b, ",\"length\":%lld",
			    it->enclosures[i].length);
		buf_append_char(b, '}');
	}
	buf_append_char(b, ']');
	return b->ptr;
}

/* The words of an item's summary, content and article, for the index. */
static const char *
index_text(struct cache *c, const char *summary, const char *content,
    const char *article)
{
	const char *parts[3] = { summary, content, article };
	size_t i;

	buf_reset(&c->text);
	for (i = 0; i < 3; i++) {
		if (parts[i] == NULL)
			continue;
		if (c->text.len > 0)
			buf_append_char(&c->text, ' ');
		html_text_append(&c->text, parts[i], strlen(parts[i]));
	}
	return c->text.ptr;
}

/* Index or unindex a story: the text must be what it was indexed with. */
static int
fts(struct cache *c, enum stmt which, int64_t id, const char *title,
    const char *author, const char *summary, const char *content,
    const char *article, char **err)
{
	sqlite3_stmt *s = stmt(c, which, err);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, title);
	bind_text(s, 3, author);
	bind_text(s, 4, index_text(c, summary, content, article));
	if (sqlite3_step(s) != SQLITE_DONE)
		return cache_db_err(c, err, "updating the search index");
	return 0;
}

static int
same_text(sqlite3_stmt *s, int col, const char *v)
{
	const char *old = (const char *)sqlite3_column_text(s, col);

	if (old == NULL || v == NULL)
		return old == v;
	return strcmp(old, v) == 0;
}

static int
same_date(sqlite3_stmt *s, int col, const struct feed_date *d)
{
	if (sqlite3_column_type(s, col) == SQLITE_NULL)
		return !d->known;
	return d->known && sqlite3_column_int64(s, col) == d->t;
}

enum store_outcome { STORED_NEW, STORED_CHANGED, STORED_SAME };

/* Words of text under which a feed's story reads as a summary only. */
#define SHORT_TEXT_CHARS 500

/* Should the page of it be fetched for its full text? */
static int
wants_article(const struct feed_item *it, enum fetch_articles mode)
{
	size_t n = 0;
	const char *p;

	if (mode == FETCH_ARTICLES_NO || it->link == NULL ||
	    !url_is_http(it->link))
		return 0;
	if (mode == FETCH_ARTICLES_YES)
		return 1;
	/* auto: count the characters outside tags, stopping early */
	for (p = it->content != NULL ? it->content : it->summary;
	    p != NULL && *p != '\0' && n < SHORT_TEXT_CHARS; p++) {
		if (*p == '<') {
			p = strchr(p, '>');
			if (p == NULL)
				break;
		} else if (*p != ' ' && *p != '\n' && *p != '\t') {
			n++;
		}
	}
	return n < SHORT_TEXT_CHARS;
}

/* One item: insert, update in place, or leave alone. -1 on error. */
static int
store_item(struct cache *c, int64_t fid, const struct feed_item *it,
    int64_t now, enum fetch_articles mode, char **err)
{
	const char *key = item_key(c, it);
	const char *cats = categories_json(c, it);
	const char *encs = enclosures_json(c, it);
	sqlite3_stmt *get = stmt(c, ST_ITEM_GET, err), *s;
	int64_t id, date;
	int rc, text_same, indexed;

	if (get == NULL)
		return -1;
	sqlite3_bind_int64(get, 1, fid);
	sqlite3_bind_text(get, 2, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(get);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return cache_db_err(c, err, "reading an item");
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(get, 0);
		indexed = sqlite3_column_int(get, 11);
		text_same = same_text(get, 2, it->title) &&
		    same_text(get, 4, it->author) &&
		    same_text(get, 7, it->summary) &&
		    same_text(get, 8, it->content);
		if (text_same && same_text(get, 1, it->id) &&
		    same_text(get, 3, it->link) &&
		    same_date(get, 5, &it->published) &&
		    same_date(get, 6, &it->updated) &&
		    same_text(get, 9, cats) && same_text(get, 10, encs)) {
			sqlite3_reset(get);
			return STORED_SAME;
		}
		if (!text_same && indexed && fts(c, ST_FTS_DELETE, id,
		    (const char *)sqlite3_column_text(get, 2),
		    (const char *)sqlite3_column_text(get, 4),
		    (const char *)sqlite3_column_text(get, 7),
		    (const char *)sqlite3_column_text(get, 8),
		    (const char *)sqlite3_column_text(get, 12), err) != 0)
			return -1;
		sqlite3_reset(get);
		s = stmt(c, ST_ITEM_UPDATE, err);
	} else {
		sqlite3_reset(get);
		id = 0;
		text_same = 0;
		s = stmt(c, ST_ITEM_INSERT, err);
	}
	if (s == NULL)
		return -1;
	date = it->published.known ? it->published.t :
	    it->updated.known ? it->updated.t : now;
	if (id != 0)
		sqlite3_bind_int64(s, 1, id);
	else
		sqlite3_bind_int64(s, 1, fid);
	sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
	bind_text(s, 3, it->id);
	bind_text(s, 4, it->title);
	bind_text(s, 5, it->link);
	bind_text(s, 6, it->author);
	bind_date(s, 7, &it->published);
	bind_date(s, 8, &it->updated);
	sqlite3_bind_int64(s, 9, now);
	sqlite3_bind_int64(s, 10, date);
	bind_text(s, 11, it->summary);
	bind_text(s, 12, it->content);
	bind_text(s, 13, cats);
	bind_text(s, 14, encs);
	sqlite3_bind_int(s, 15, text_same);
	sqlite3_bind_int(s, 16, wants_article(it, mode));
	if (sqlite3_step(s) != SQLITE_DONE)
		return cache_db_err(c, err, "storing an item");
	/* New and changed text is indexed later, by cache_index(). */
	return rc == SQLITE_ROW ? STORED_CHANGED : STORED_NEW;
}

/* Drop the oldest items past max, never flagged or saved ones. */
static int
retain(struct cache *c, int64_t fid, size_t max, size_t *dropped, char **err)
{
	sqlite3_stmt *old = stmt(c, ST_ITEM_OLDEST, err), *del;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, i;
	int rc;

	if (old == NULL)
		return -1;
	sqlite3_bind_int64(old, 1, fid);
	sqlite3_bind_int64(old, 2, (sqlite3_int64)max);
	/* Unindex while reading; delete the rows once the read is done. */
	while ((rc = sqlite3_step(old)) == SQLITE_ROW) {
		if (sqlite3_column_int(old, 5) || sqlite3_column_int(old, 6))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ids = xreallocarray(ids, cap, sizeof(*ids));
		}
		ids[n] = sqlite3_column_int64(old, 0);
		if (sqlite3_column_int(old, 7) && fts(c, ST_FTS_DELETE, ids[n],
		    (const char *)sqlite3_column_text(old, 1),
		    (const char *)sqlite3_column_text(old, 2),
		    (const char *)sqlite3_column_text(old, 3),
		    (const char *)sqlite3_column_text(old, 4),
		    (const char *)sqlite3_column_text(old, 8), err) != 0) {
			free(ids);
			return -1;
		}
		n++;
	}
	sqlite3_reset(old);
	if (rc != SQLITE_DONE) {
		free(ids);
		return cache_db_err(c, err, "finding old items");
	}
	for (i = 0; i < n; i++) {
		if ((del = stmt(c, ST_ITEM_DELETE, err)) == NULL) {
			free(ids);
			return -1;
		}
		sqlite3_bind_int64(del, 1, ids[i]);
		if (sqlite3_step(del) != SQLITE_DONE) {
			free(ids);
			return cache_db_err(c, err, "dropping an old item");
		}
	}
	*dropped += n;
	free(ids);
	return 0;
}

static int
store(struct cache *c, const struct cache_fetch *fetch,
    const struct feed *parsed, size_t max_items,
    struct cache_store_stats *stats, char **err)
{
	sqlite3_stmt *s;
	int64_t fid = feed_id(c, fetch->url, err);
	size_t i;
	int r;

	if (fid < 0 || (s = stmt(c, ST_FEED_OK, err)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, fid);
	bind_text(s, 2, parsed->title);
	bind_text(s, 3, parsed->link);
	bind_text(s, 4, parsed->description);
	bind_text(s, 5, fetch->etag);
	bind_text(s, 6, fetch->last_modified);
	sqlite3_bind_int64(s, 7, fetch->now);
	sqlite3_bind_int(s, 8, fetch->http_status);
	bind_next_poll(s, 9, fetch->next_poll);
	if (sqlite3_step(s) != SQLITE_DONE)
		return cache_db_err(c, err, "updating a feed");
	/* Oldest first, so that equal dates keep the feed's order. */
	for (i = parsed->nitems; i-- > 0;) {
		r = store_item(c, fid, &parsed->items[i], fetch->now,
		    fetch->fetch_articles, err);
		if (r < 0)
			return -1;
		if (r == STORED_NEW)
			stats->added++;
		else if (r == STORED_CHANGED)
			stats->updated++;
		else
			stats->unchanged++;
	}
	if (max_items > 0 && retain(c, fid, max_items, &stats->dropped, err))
		return -1;
	return 0;
}

int
cache_store(struct cache *c, const struct cache_fetch *fetch,
    const struct feed *parsed, size_t max_items,
    struct cache_store_stats *stats, char **err)
{
	memset(stats, 0, sizeof(*stats));
	c->index_failed = 0;
	if (cache_exec(c, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	if (store(c, fetch, parsed, max_items, stats, err) != 0) {
		cache_exec(c, "ROLLBACK", NULL);
		memset(stats, 0, sizeof(*stats));
		return -1;
	}
	if (cache_exec(c, "COMMIT", err) != 0) {
		/* a full disk can fail the commit and leave it open */
		cache_exec(c, "ROLLBACK", NULL);
		memset(stats, 0, sizeof(*stats));
		return -1;
	}
	return 0;
}

int
cache_not_modified(struct cache *c, const struct cache_fetch *fetch,
    char **err)
{
	int64_t fid = feed_id(c, fetch->url, err);
	sqlite3_stmt *s;

	if (fid < 0 || (s = stmt(c, ST_FEED_304, err)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, fid);
	bind_text(s, 2, fetch->etag);
	bind_text(s, 3, fetch->last_modified);
	sqlite3_bind_int64(s, 4, fetch->now);
	sqlite3_bind_int(s, 5, fetch->http_status);
	bind_next_poll(s, 6, fetch->next_poll);
	if (sqlite3_step(s) != SQLITE_DONE)
		return cache_db_err(c, err, "updating a feed");
	return 0;
}

int
cache_failed(struct cache *c, const struct cache_fetch *fetch,
    const char *reason, char **err)
{
	int64_t fid = feed_id(c, fetch->url, err);
	sqlite3_stmt *s;

	if (fid < 0 || (s = stmt(c, ST_FEED_FAILED, err)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, fid);
	sqlite3_bind_int64(s, 2, fetch->now);
	sqlite3_bind_int(s, 3, fetch->http_status);
	bind_text(s, 4, reason);
	bind_next_poll(s, 5, fetch->next_poll);
	if (sqlite3_step(s) != SQLITE_DONE)
		return cache_db_err(c, err, "updating a feed");
	return 0;
}

static int
index_pending(struct cache *c, int64_t *count, char **err)
{
	sqlite3_stmt *s = stmt(c, ST_UNINDEXED, err), *mark;
	int rc;

	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (fts(c, ST_FTS_INSERT, sqlite3_column_int64(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2),
		    (const char *)sqlite3_column_text(s, 3),
		    (const char *)sqlite3_column_text(s, 4),
		    (const char *)sqlite3_column_text(s, 5), err) != 0)
			return -1;
		(*count)++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return cache_db_err(c, err, "indexing");
	if ((mark = stmt(c, ST_MARK_INDEXED, err)) == NULL)
		return -1;
	if (sqlite3_step(mark) != SQLITE_DONE)
		return cache_db_err(c, err, "indexing");
	return 0;
}

int
cache_articles_wanted(struct cache *c, const char *feed_url, int tries,
    int (*cb)(void *ctx, int64_t id, const char *link), void *ctx,
    char **err)
{
	sqlite3_stmt *s = stmt(c, ST_ARTICLES_WANTED, err);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, feed_url, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, tries);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (cb(ctx, sqlite3_column_int64(s, 0),
		    (const char *)sqlite3_column_text(s, 1)) != 0)
			break;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return cache_db_err(c, err, "finding pages to fetch");
	sqlite3_reset(s);
	return 0;
}

int
cache_store_article(struct cache *c, int64_t id, const char *html,
    const char *error, char **err)
{
	sqlite3_stmt *old = stmt(c, ST_ARTICLE_OLD, err), *set;
	int rc;

	if (old == NULL || cache_exec(c, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	sqlite3_bind_int64(old, 1, id);
	rc = sqlite3_step(old);
	/* New text: the story leaves the index until the next search. */
	if (rc == SQLITE_ROW && html != NULL && sqlite3_column_int(old, 5) &&
	    fts(c, ST_FTS_DELETE, id,
	    (const char *)sqlite3_column_text(old, 0),
	    (const char *)sqlite3_column_text(old, 1),
	    (const char *)sqlite3_column_text(old, 2),
	    (const char *)sqlite3_column_text(old, 3),
	    (const char *)sqlite3_column_text(old, 4), err) != 0)
		goto fail;
	sqlite3_reset(old);
	if ((set = stmt(c, ST_ARTICLE_SET, err)) == NULL)
		goto fail;
	sqlite3_bind_int64(set, 1, id);
	bind_text(set, 2, html);
	bind_text(set, 3, error);
	if (sqlite3_step(set) != SQLITE_DONE) {
		cache_db_err(c, err, "storing an article");
		goto fail;
	}
	return cache_exec(c, "COMMIT", err);
fail:
	sqlite3_reset(old);
	cache_exec(c, "ROLLBACK", NULL);
	return -1;
}

int64_t
cache_index(struct cache *c, char **err)
{
	int64_t count = 0;
	sqlite3_stmt *s;
	int rc;

	if (c->index_failed) {
		cache_set_err(err, "%s: indexing failed before", c->path);
		return -1;
	}
	/* Nothing to do needs no write lock (a read-only cache). */
	if (sqlite3_prepare_v2(c->db, "SELECT 1 FROM items WHERE NOT indexed "
	    "LIMIT 1", -1, &s, NULL) != SQLITE_OK)
		return cache_db_err(c, err, "indexing");
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return cache_db_err(c, err, "indexing");
	if (cache_exec(c, "BEGIN IMMEDIATE", err) != 0)
		goto fail;
	if (index_pending(c, &count, err) != 0) {
		cache_exec(c, "ROLLBACK", NULL);
		goto fail;
	}
	if (cache_exec(c, "COMMIT", err) != 0) {
		cache_exec(c, "ROLLBACK", NULL);
		goto fail;
	}
	return count;
fail:
	c->index_failed = 1;
	return -1;
}

/* The feeds a query is limited to, in a temporary table. */
int
cache_load_wanted(struct cache *c, const struct cache_query *q, char **err)
{
	sqlite3_stmt *s;
	size_t i;
	int own = sqlite3_get_autocommit(c->db);

	if (!c->wanted_made) {
		if (cache_exec(c, "CREATE TEMP TABLE IF NOT EXISTS wanted "
		    "(url TEXT PRIMARY KEY) WITHOUT ROWID", err) != 0)
			return -1;
		c->wanted_made = 1;
	}
	/* one transaction for the lot: hundreds of URLs cost little */
	if (own && cache_exec(c, "BEGIN", err) != 0)
		return -1;
	if ((s = stmt(c, ST_WANTED_CLEAR, err)) == NULL)
		goto fail;
	if (sqlite3_step(s) != SQLITE_DONE) {
		cache_db_err(c, err, "listing");
		goto fail;
	}
	for (i = 0; i < q->nfeed_urls; i++) {
		if ((s = stmt(c, ST_WANTED_ADD, err)) == NULL)
			goto fail;
		sqlite3_bind_text(s, 1, q->feed_urls[i], -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE) {
			cache_db_err(c, err, "listing");
			goto fail;
		}
	}
	sqlite3_reset(s);
	if (own && cache_exec(c, "COMMIT", err) != 0)
		goto fail;
	return 0;
fail:
	if (own)
		cache_exec(c, "ROLLBACK", NULL);
	return -1;
}

int
cache_list(struct cache *c, const struct cache_query *q,
    int (*cb)(void *ctx, const struct cache_headline *h), void *ctx,
    char **err)
{
	struct buf sql = BUF_INIT;
	struct cache_headline h;
	sqlite3_stmt *s = NULL;
	int rc, r = 0;

	if (q->feed_urls != NULL && cache_load_wanted(c, q, err) != 0)
		return -1;
	/* Search what was stored since: a read-only cache searches what
	 * it has indexed. */
	if (q->match != NULL)
		cache_index(c, NULL);
	buf_append_str(&sql, "SELECT i.id, f.url, f.title, i.title, i.link, "
	    "i.author, i.date, i.unread, i.flagged, i.saved, "
	    "i.article IS NOT NULL "
	    "FROM items i JOIN feeds f ON f.id = i.feed_id WHERE 1");
	if (q->feed_urls != NULL)
		buf_append_str(&sql, " AND f.url IN temp.wanted");
	if (q->flags & CACHE_ONLY_UNREAD)
		buf_append_str(&sql, " AND i.unread");
	if (q->flags & CACHE_ONLY_FLAGGED)
		buf_append_str(&sql, " AND i.flagged");
	if (q->match != NULL)
		buf_append_str(&sql, " AND i.id IN (SELECT rowid FROM items_fts "
		    "WHERE items_fts MATCH ?1)");
	buf_append_str(&sql, " ORDER BY i.date DESC, i.id DESC");
	if (q->limit > 0)
		buf_printf(&sql, " LIMIT %zu", q->limit);
	if (sqlite3_prepare_v2(c->db, sql.ptr, -1, &s, NULL) != SQLITE_OK) {
		buf_release(&sql);
		return cache_db_err(c, err, "listing");
	}
	buf_release(&sql);
	if (q->match != NULL)
		sqlite3_bind_text(s, 1, q->match, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
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
		if (cb(ctx, &h) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		if (q->match != NULL)
			cache_set_err(err, "bad search '%s': %s", q->match,
			    sqlite3_errmsg(c->db));
		else
			cache_db_err(c, err, "listing");
		r = -1;
	}
	sqlite3_finalize(s);
	return r;
}

int64_t
cache_count_items(struct cache *c)
{
	sqlite3_stmt *s;
	int64_t n = -1;

	if (sqlite3_prepare_v2(c->db, "SELECT count(*) FROM items", -1, &s,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}
