/*
 * Unit tests for cache_view: the per-feed counters kept by triggers
 * (after stores, re-stores, marks, retention, and a cache migrated from
 * schema 2), positions that page through exactly what cache_list()
 * lists, with feed, unread and search filters, whole stories with their
 * categories, enclosures and article, marks that persist, mark-read and
 * its undo, and data_version seeing another connection's writes.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "cache_view.h"
#include "feed.h"
#include "feed_parse.h"
#include "check_run.h"

static char dir[] = "/tmp/telex-check-cache-view-XXXXXX";
static char path[256];

static void
setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/cache.db", dir);
}

static void
teardown(void)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	memcpy(dir + strlen(dir) - 6, "XXXXXX", 6);
}

static struct cache *
open_cache(void)
{
	char *err = NULL;
	struct cache *c = cache_open(path, 0, &err);

	ck_assert_msg(c != NULL, "%s", err);
	return c;
}

static void
sql(const char *stmt)
{
	sqlite3 *db;
	char *msg = NULL;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, stmt, NULL, NULL, &msg) == SQLITE_OK,
	    "%s: %s", stmt, msg);
	sqlite3_close(db);
}

/* The one integer a query gives, read over another connection. */
static int64_t
sql_int(const char *query)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t v;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, query, -1, &s, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static void
add_item(struct feed *f, const char *id, const char *title, int64_t t,
    const char *body)
{
	struct feed_item *it = feed_add_item(f);

	it->id = feed_strdup(f, id);
	it->title = feed_strdup(f, title);
	it->content = feed_strdup(f, body);
	it->published.t = t;
	it->published.known = 1;
}

/* n stories "PREFIX-i" in feed url, dated base + i * step. */
static void
store_n(struct cache *c, const char *url, const char *prefix, int n,
    int64_t base, int64_t step, size_t max_items)
{
	struct cache_fetch fetch = { url, 1000, 0, 200, NULL, NULL,
		FETCH_ARTICLES_NO };
	struct cache_store_stats st;
	struct feed f;
	char id[64], body[64];
	char *err = NULL;
	int i;

	feed_init(&f);
	for (i = n; i-- > 0;) {	/* newest first, as feeds are */
		snprintf(id, sizeof(id), "%s-%d", prefix, i);
		snprintf(body, sizeof(body), "<p>%s %s</p>", i % 3 == 0 ?
		    "zebra" : "yak", i % 5 == 0 ? "walrus" : "");
		add_item(&f, id, id, base + (int64_t)i * step, body);
	}
	ck_assert_msg(cache_store(c, &fetch, &f, max_items, &st, &err) == 0,
	    "%s", err);
	feed_release(&f);
}

struct sums {
	int n;
	const char *url;
	struct cache_feed_summary s;	/* of url */
	char title[64];
};

static int
sums_cb(void *ctx, const struct cache_feed_summary *s)
{
	struct sums *x = ctx;

	x->n++;
	if (strcmp(s->url, x->url) == 0) {
		x->s = *s;
		snprintf(x->title, sizeof(x->title), "%s",
		    s->title != NULL ? s->title : "(null)");
		x->s.url = x->url;
		x->s.title = x->title;
		x->s.last_error = NULL;
	}
	return 0;
}

/* The counters of url, checked against a count over the items. */
static void
check_counts(struct cache *c, const char *url, int64_t items,
    int64_t unread, int64_t flagged)
{
	struct sums x = { 0, url, { 0 }, "" };
	struct cache_query q = { 0 };
	char *err = NULL;

	ck_assert_int_eq(cache_feed_summaries(c, sums_cb, &x, &err), 0);
	ck_assert_msg(x.s.items == items && x.s.unread == unread &&
	    x.s.flagged == flagged, "%s: counters %lld/%lld/%lld, want "
	    "%lld/%lld/%lld", url, (long long)x.s.items,
	    (long long)x.s.unread, (long long)x.s.flagged, (long long)items,
	    (long long)unread, (long long)flagged);
	q.feed_urls = &url;
	q.nfeed_urls = 1;
	ck_assert_int_eq(cache_list_count(c, &q, &err), items);
	q.flags = CACHE_ONLY_UNREAD;
	ck_assert_int_eq(cache_list_count(c, &q, &err), unread);
	q.flags = CACHE_ONLY_FLAGGED;
	ck_assert_int_eq(cache_list_count(c, &q, &err), flagged);
}

START_TEST(counters_follow_changes)
{
	struct cache *c = open_cache();
	const char *a = "http://a/", *b = "http://b/";
	struct cache_query q = { 0 };
	char *err = NULL;

	store_n(c, a, "a", 10, 1000, 10, 0);
	store_n(c, b, "b", 4, 1005, 10, 0);
	check_counts(c, a, 10, 10, 0);
	check_counts(c, b, 4, 4, 0);
	/* the same stories again: nothing moves */
	store_n(c, a, "a", 10, 1000, 10, 0);
	check_counts(c, a, 10, 10, 0);
	/* marks */
	sql("UPDATE items SET flagged = 1 WHERE key IN ('a-0', 'a-1')");
	sql("UPDATE items SET unread = 0 WHERE key IN ('a-1', 'a-2', 'b-3')");
	check_counts(c, a, 10, 8, 2);
	check_counts(c, b, 4, 3, 0);
	/* setting a mark to what it is changes nothing */
	sql("UPDATE items SET unread = 0 WHERE key = 'a-1'");
	check_counts(c, a, 10, 8, 2);
	/* a story moved between feeds (not done by telex, but kept right) */
	sql("UPDATE items SET feed_id = (SELECT id FROM feeds WHERE url = "
	    "'http://b/') WHERE key = 'a-0'");
	check_counts(c, a, 9, 7, 1);
	check_counts(c, b, 5, 4, 1);
	sql("UPDATE items SET feed_id = (SELECT id FROM feeds WHERE url = "
	    "'http://a/') WHERE key = 'a-0'");
	/* retention: 4 kept, flagged a-0 and a-1 spared */
	store_n(c, a, "a", 10, 1000, 10, 4);
	check_counts(c, a, 6, 5, 2);
	/* totals over every feed and over a list of feeds */
	ck_assert_int_eq(cache_list_count(c, &q, &err), 10);
	q.flags = CACHE_ONLY_UNREAD;
	ck_assert_int_eq(cache_list_count(c, &q, &err), 8);
	q.flags = CACHE_ONLY_UNREAD | CACHE_ONLY_FLAGGED;
	ck_assert_int_eq(cache_list_count(c, &q, &err), 1);	/* a-0 */
	{
		const char *both[] = { a, b, "http://unknown/" };

		q.flags = 0;
		q.feed_urls = both;
		q.nfeed_urls = 3;
		ck_assert_int_eq(cache_list_count(c, &q, &err), 10);
		q.nfeed_urls = 0;
		ck_assert_int_eq(cache_list_count(c, &q, &err), 0);
	}
	cache_close(c);
	/* what the triggers keep is what a count finds */
	ck_assert_int_eq(sql_int("SELECT count(*) FROM feeds f WHERE "
	    "items != (SELECT count(*) FROM items WHERE feed_id = f.id) OR "
	    "unread != (SELECT count(*) FROM items WHERE feed_id = f.id AND "
	    "unread) OR flagged != (SELECT count(*) FROM items WHERE "
	    "feed_id = f.id AND flagged)"), 0);
}
END_TEST

/* The schema of a cache written by a telex of schema 2. */
static const char v2_schema[] =
	"PRAGMA application_id = 1952803960;"	/* 'telx' */
	"CREATE TABLE feeds (id INTEGER PRIMARY KEY, url TEXT NOT NULL "
	"  UNIQUE, title TEXT, link TEXT, description TEXT, etag TEXT, "
	"  last_modified TEXT, last_attempt INTEGER, last_success INTEGER, "
	"  last_status INTEGER, last_error TEXT, next_poll INTEGER);"
	"CREATE TABLE items (id INTEGER PRIMARY KEY, feed_id INTEGER NOT "
	"  NULL REFERENCES feeds(id) ON DELETE CASCADE, key TEXT NOT NULL, "
	"  guid TEXT, title TEXT, link TEXT, author TEXT, published INTEGER, "
	"  updated INTEGER, first_seen INTEGER NOT NULL, date INTEGER NOT "
	"  NULL, summary TEXT, content TEXT, categories TEXT, enclosures "
	"  TEXT, unread INTEGER NOT NULL DEFAULT 1, flagged INTEGER NOT NULL "
	"  DEFAULT 0, saved INTEGER NOT NULL DEFAULT 0, indexed INTEGER NOT "
	"  NULL DEFAULT 0, wants_article INTEGER NOT NULL DEFAULT 0, "
	"  article TEXT, article_error TEXT, article_tries INTEGER NOT NULL "
	"  DEFAULT 0, UNIQUE (feed_id, key));"
	"CREATE INDEX items_by_date ON items (date DESC, id DESC);"
	"CREATE INDEX items_by_feed ON items (feed_id, date DESC);"
	"CREATE INDEX items_unindexed ON items (id) WHERE NOT indexed;"
	"CREATE INDEX items_wanting_article ON items (feed_id) "
	"  WHERE wants_article AND article IS NULL;"
	"CREATE VIRTUAL TABLE items_fts USING fts5 (title, author, text, "
	"  content='', detail=column, "
	"  tokenize='unicode61 remove_diacritics 2');"
	"INSERT INTO feeds (id, url, title) VALUES (1, 'http://old/', 'Old'),"
	"  (2, 'http://empty/', NULL);"
	"INSERT INTO items (feed_id, key, title, first_seen, date, unread, "
	"  flagged) VALUES (1, 'k1', 'one', 1, 100, 1, 0),"
	"  (1, 'k2', 'two', 1, 200, 0, 1), (1, 'k3', 'three', 1, 300, 0, 0),"
	"  (1, 'k4', 'four', 1, 300, 1, 1);"
	"PRAGMA user_version = 2;";

START_TEST(migrates_schema_2)
{
	struct cache *c;
	struct cache_pos pos[8];
	struct cache_query q = { 0 };
	char *err = NULL;
	const char *url = "http://old/";

	sql(v2_schema);
	c = open_cache();
	check_counts(c, url, 4, 2, 2);
	check_counts(c, "http://empty/", 0, 0, 0);
	ck_assert_int_eq(cache_list_positions(c, &q, NULL, pos, 8, &err), 4);
	ck_assert_int_eq(pos[0].date, 300);
	ck_assert_int_gt(pos[0].id, pos[1].id);	/* k4 before k3 */
	/* and the triggers work from now on */
	ck_assert_int_eq(cache_set_mark(c, pos[0].id, CACHE_MARK_UNREAD, 0,
	    &err), 0);
	check_counts(c, url, 4, 1, 2);
	/* and the stories are indexed for search */
	q.match = "three";
	ck_assert_int_eq(cache_list_count(c, &q, &err), 1);
	cache_close(c);
}
END_TEST

#define LIST_MAX 4000

struct list {
	struct cache_pos pos[LIST_MAX];
	int n;
};

static int
list_cb(void *ctx, const struct cache_headline *h)
{
	struct list *l = ctx;

	ck_assert_int_lt(l->n, LIST_MAX);
	l->pos[l->n].date = h->date;
	l->pos[l->n].id = h->id;
	l->n++;
	return 0;
}

/* Paging through q by pages of page equals cache_list(q), and count. */
static void
check_paging(struct cache *c, const struct cache_query *q, size_t page,
    int want)
{
	struct list *l = calloc(1, sizeof(*l));
	struct cache_pos *got = calloc(LIST_MAX + page, sizeof(*got));
	struct cache_pos *after = NULL;
	char *err = NULL;
	long n, total = 0;

	ck_assert(l != NULL && got != NULL);
	ck_assert_msg(cache_list(c, q, list_cb, l, &err) == 0, "%s", err);
	do {
		n = cache_list_positions(c, q, after, got + total, page, &err);
		ck_assert_msg(n >= 0, "%s", err);
		ck_assert_int_le(n, (long)page);
		total += n;
		ck_assert_int_le(total, LIST_MAX);
		after = total > 0 ? &got[total - 1] : NULL;
	} while (n == (long)page);
	ck_assert_int_eq(total, l->n);
	ck_assert_int_eq(total, want);
	ck_assert_int_eq(memcmp(got, l->pos, sizeof(got[0]) * (size_t)total),
	    0);
	ck_assert_int_eq(cache_list_count(c, q, &err), want);
	free(got);
	free(l);
}

START_TEST(positions_page_like_list)
{
	struct cache *c = open_cache();
	const char *a = "http://a/", *b = "http://b/", *ab[] = { a, b };
	const char *none = "http://none/";
	struct cache_query q = { 0 };
	char *err = NULL;

	/* equal dates within and across feeds: order by id breaks ties */
	store_n(c, a, "a", 40, 1000, 1, 0);
	store_n(c, b, "b", 30, 1010, 0, 0);
	store_n(c, "http://c/", "c", 20, 1000, 2, 0);
	sql("UPDATE items SET unread = 0 WHERE id % 4 = 0");
	sql("UPDATE items SET flagged = 1 WHERE id % 7 = 0");
	check_paging(c, &q, 7, 90);
	check_paging(c, &q, 1, 90);
	check_paging(c, &q, 200, 90);
	q.flags = CACHE_ONLY_UNREAD;
	check_paging(c, &q, 9, 68);
	q.flags = CACHE_ONLY_FLAGGED;
	check_paging(c, &q, 5, 12);
	q.flags = CACHE_ONLY_FLAGGED | CACHE_ONLY_UNREAD;
	check_paging(c, &q, 5, 9);
	q.flags = 0;
	q.feed_urls = &b;
	q.nfeed_urls = 1;
	check_paging(c, &q, 4, 30);
	q.feed_urls = ab;
	q.nfeed_urls = 2;
	check_paging(c, &q, 11, 70);
	q.flags = CACHE_ONLY_UNREAD;
	check_paging(c, &q, 11, 53);
	q.feed_urls = &none;
	q.nfeed_urls = 1;
	check_paging(c, &q, 3, 0);
	q.nfeed_urls = 0;
	check_paging(c, &q, 3, 0);
	/* search: i % 3 == 0 says zebra, i % 5 == 0 walrus */
	q.flags = 0;
	q.feed_urls = NULL;
	q.match = "zebra";
	check_paging(c, &q, 6, 14 + 10 + 7);
	q.match = "zebra walrus";
	check_paging(c, &q, 2, 3 + 2 + 2);
	q.match = "zebra OR walrus";
	check_paging(c, &q, 5, 31 + 8 + 6 + 4 - 7);
	q.feed_urls = &a;
	q.nfeed_urls = 1;
	q.match = "zebra";
	check_paging(c, &q, 4, 14);
	q.flags = CACHE_ONLY_UNREAD;
	q.feed_urls = ab;
	q.nfeed_urls = 2;
	{
		static struct list l;
		int want;

		l.n = 0;
		ck_assert_int_eq(cache_list(c, &q, list_cb, &l, &err), 0);
		want = l.n;
		ck_assert_int_gt(want, 0);
		check_paging(c, &q, 3, want);
	}
	/* a bad search is an error that names it */
	q.match = "\"unbalanced";
	ck_assert_int_eq(cache_list_positions(c, &q, NULL, NULL, 5, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "unbalanced"));
	free(err);
	err = NULL;
	ck_assert_int_eq(cache_list_count(c, &q, &err), -1);
	free(err);
	cache_close(c);
}
END_TEST

/*
 * A search with many matches reads the date index in order, one with
 * few looks each match up: both list what cache_list() lists.
 */
START_TEST(search_plans_agree)
{
	struct cache *c = open_cache();
	const char *big = "http://big/", *small = "http://small/";
	const char *both[] = { big, small };
	struct cache_query q = { 0 };

	store_n(c, big, "g", 3200, 1000, 1, 0);
	store_n(c, small, "s", 300, 2000, -3, 0);
	sql("UPDATE items SET unread = 0 WHERE id % 3 = 0");
	q.match = "yak";		/* 2133 + 200: read in order */
	check_paging(c, &q, 200, 2333);
	q.match = "yak walrus";	/* 426 + 40: looked up */
	check_paging(c, &q, 100, 466);
	q.feed_urls = both;
	q.nfeed_urls = 2;
	q.match = "yak";
	check_paging(c, &q, 500, 2333);
	q.feed_urls = &small;
	q.nfeed_urls = 1;
	check_paging(c, &q, 30, 200);
	q.feed_urls = NULL;
	q.flags = CACHE_ONLY_UNREAD;
	q.match = "yak";
	{
		static struct list l;
		char *err = NULL;

		ck_assert_int_eq(cache_list(c, &q, list_cb, &l, &err), 0);
		ck_assert_int_gt(l.n, 1000);
		check_paging(c, &q, 300, l.n);
		q.match = "yak walrus";
		l.n = 0;
		ck_assert_int_eq(cache_list(c, &q, list_cb, &l, &err), 0);
		check_paging(c, &q, 300, l.n);
	}
	cache_close(c);
}
END_TEST

static const char rss[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
	"<channel><title>Wire</title><link>https://wire.example/</link>"
	"<item><title>Shield</title>"
	"<link>https://wire.example/shield.html</link>"
	"<guid>wire-1</guid><dc:creator>Kaz Ito</dc:creator>"
	"<pubDate>Tue, 05 Jun 2007 07:00:00 GMT</pubDate>"
	"<category>Missile Defense</category>"
	"<category>say \"hi\" \\ back\tslash \xc3\xa9\xf0\x9f\x9a\x80</category>"
	"<description>&lt;p&gt;Short.&lt;/p&gt;</description>"
	"<enclosure url=\"https://wire.example/a.mp3\" type=\"audio/mpeg\" "
	"length=\"12345\"/>"
	"<enclosure url=\"https://wire.example/b.ogg\"/>"
	"</item>"
	"<item><title>Bare</title><guid>wire-2</guid></item>"
	"</channel></rss>";

struct got_headline {
	int called;
	int64_t id;
	char title[64], feed_title[64];
	int unread, flagged, saved, from_page;
};

static void
headline_cb(void *ctx, const struct cache_headline *h)
{
	struct got_headline *g = ctx;

	g->called++;
	g->id = h->id;
	snprintf(g->title, sizeof(g->title), "%s", h->title);
	snprintf(g->feed_title, sizeof(g->feed_title), "%s", h->feed_title);
	g->unread = h->unread;
	g->flagged = h->flagged;
	g->saved = h->saved;
	g->from_page = h->from_page;
}

/* The id of the one story that match finds. */
static int64_t
id_of(struct cache *c, const char *match)
{
	struct cache_query q = { 0 };
	struct cache_pos pos[2];
	char *err = NULL;

	q.match = match;
	ck_assert_int_eq(cache_list_positions(c, &q, NULL, pos, 2, &err), 1);
	return pos[0].id;
}

START_TEST(headline_and_story)
{
	struct cache_fetch fetch = { "http://wire/", 1000, 0, 200, NULL,
		NULL, FETCH_ARTICLES_NO };
	struct cache_store_stats st;
	struct got_headline g = { 0 };
	struct cache_story s;
	struct cache *c = open_cache();
	struct feed f;
	char *err = NULL;
	int64_t id, bare;

	feed_init(&f);
	ck_assert_int_eq(feed_parse_buffer(rss, sizeof(rss) - 1,
	    "http://wire/", &f), 0);
	ck_assert_int_eq(cache_store(c, &fetch, &f, 0, &st, &err), 0);
	feed_release(&f);
	id = id_of(c, "shield");
	bare = id_of(c, "bare");
	ck_assert_int_eq(cache_store_article(c, id, "<p>The whole text</p>",
	    NULL, &err), 0);

	ck_assert_int_eq(cache_headline_get(c, id, headline_cb, &g, &err), 0);
	ck_assert_int_eq(g.called, 1);
	ck_assert_int_eq(g.id, id);
	ck_assert_str_eq(g.title, "Shield");
	ck_assert_str_eq(g.feed_title, "Wire");
	ck_assert(g.unread && !g.flagged && !g.saved && g.from_page);
	ck_assert_int_eq(cache_headline_get(c, 999999, headline_cb, &g, &err),
	    1);
	ck_assert_int_eq(g.called, 1);

	ck_assert_int_eq(cache_story_get(c, id, &s, &err), 0);
	ck_assert_int_eq(s.id, id);
	ck_assert_str_eq(s.feed_url, "http://wire/");
	ck_assert_str_eq(s.feed_title, "Wire");
	ck_assert_str_eq(s.title, "Shield");
	ck_assert_str_eq(s.link, "https://wire.example/shield.html");
	ck_assert_str_eq(s.author, "Kaz Ito");
	ck_assert_int_eq(s.published, 1181026800);
	ck_assert_int_eq(s.date, 1181026800);
	ck_assert_int_eq(s.updated, 0);
	ck_assert_str_eq(s.summary, "<p>Short.</p>");
	ck_assert_ptr_null(s.content);
	ck_assert_str_eq(s.article, "<p>The whole text</p>");
	ck_assert_ptr_null(s.article_error);
	ck_assert_uint_eq(s.ncategories, 2);
	ck_assert_str_eq(s.categories[0], "Missile Defense");
	ck_assert_str_eq(s.categories[1],
	    "say \"hi\" \\ back\tslash \xc3\xa9\xf0\x9f\x9a\x80");
	ck_assert_uint_eq(s.nenclosures, 2);
	ck_assert_str_eq(s.enclosures[0].url, "https://wire.example/a.mp3");
	ck_assert_str_eq(s.enclosures[0].type, "audio/mpeg");
	ck_assert_int_eq(s.enclosures[0].length, 12345);
	ck_assert_str_eq(s.enclosures[1].url, "https://wire.example/b.ogg");
	ck_assert_ptr_null(s.enclosures[1].type);
	ck_assert_int_eq(s.enclosures[1].length, 0);
	ck_assert(s.unread && !s.flagged && !s.saved);
	cache_story_release(&s);
	cache_story_release(&s);	/* safe twice */

	ck_assert_int_eq(cache_story_get(c, bare, &s, &err), 0);
	ck_assert_str_eq(s.title, "Bare");
	ck_assert_ptr_null(s.summary);
	ck_assert_ptr_null(s.article);
	ck_assert_uint_eq(s.ncategories, 0);
	ck_assert_ptr_null(s.categories);
	ck_assert_uint_eq(s.nenclosures, 0);
	cache_story_release(&s);
	ck_assert_int_eq(cache_story_get(c, 999999, &s, &err), 1);
	cache_story_release(&s);
	cache_close(c);
}
END_TEST

/* Hostile JSON in the columns: dropped, never trusted. */
START_TEST(story_json_hostile)
{
	static const char *const bad_categories[] = {
		"", "[", "]", "[\"a\"", "[\"a\",]", "[\"a\"]x", "[1]",
		"[\"\\u0000\"]", "[\"\\x\"]", "[\"\\u12\"]", "[\"a\nb\"]",
		"{\"a\":1}", "[\"a\" \"b\"]", "[null]", "[[\"a\"]]", "\"a\"",
	};
	static const char *const bad_enclosures[] = {
		"[{}]", "[{\"url\":null}]", "[{\"type\":\"a\"}]",
		"[{\"url\":\"a\",\"url\":\"b\"}]",
		"[{\"url\":\"a\",\"length\":-1}]",
		"[{\"url\":\"a\",\"length\":99999999999999999999}]",
		"[{\"url\":\"a\",\"size\":1}]", "[{\"url\":\"a\"},]",
		"[{\"url\":\"a\",\"length\":1.5}]", "[{\"url\":\"a\"]",
	};
	struct cache *c = open_cache();
	struct cache_story s;
	sqlite3 *db;
	sqlite3_stmt *st;
	char *err = NULL;
	int64_t id;
	size_t i;

	store_n(c, "http://j/", "j", 1, 1000, 1, 0);
	id = id_of(c, "zebra");
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "UPDATE items SET "
	    "categories = ?1, enclosures = ?2 WHERE id = ?3", -1, &st, NULL),
	    SQLITE_OK);
	for (i = 0; i < sizeof(bad_categories) / sizeof(bad_categories[0]) ||
	    i < sizeof(bad_enclosures) / sizeof(bad_enclosures[0]); i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, i < sizeof(bad_categories) /
		    sizeof(bad_categories[0]) ? bad_categories[i] : "[\"x\"]",
		    -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, i < sizeof(bad_enclosures) /
		    sizeof(bad_enclosures[0]) ? bad_enclosures[i] :
		    "[{\"url\":\"u\"}]", -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, id);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
		ck_assert_int_eq(cache_story_get(c, id, &s, &err), 0);
		if (i < sizeof(bad_categories) / sizeof(bad_categories[0]))
			ck_assert_msg(s.ncategories == 0 && s.categories ==
			    NULL, "categories %s accepted", bad_categories[i]);
		if (i < sizeof(bad_enclosures) / sizeof(bad_enclosures[0]))
			ck_assert_msg(s.nenclosures == 0 && s.enclosures ==
			    NULL, "enclosures %s accepted", bad_enclosures[i]);
		cache_story_release(&s);
	}
	/* what is well formed, with space and escapes, is read */
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, " [ \"\\u00e9\\ud83d\\ude80\\/\" , "
	    "\"\\ud800x\" ] ", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, "[{\"length\":7,\"type\":null,\"url\":\"u\"}]",
	    -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, id);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	sqlite3_close(db);
	ck_assert_int_eq(cache_story_get(c, id, &s, &err), 0);
	ck_assert_uint_eq(s.ncategories, 2);
	ck_assert_str_eq(s.categories[0], "\xc3\xa9\xf0\x9f\x9a\x80/");
	ck_assert_str_eq(s.categories[1], "\xef\xbf\xbdx");
	ck_assert_uint_eq(s.nenclosures, 1);
	ck_assert_str_eq(s.enclosures[0].url, "u");
	ck_assert_ptr_null(s.enclosures[0].type);
	ck_assert_int_eq(s.enclosures[0].length, 7);
	cache_story_release(&s);
	cache_close(c);
}
END_TEST

START_TEST(marks_persist)
{
	struct cache *c = open_cache();
	struct got_headline g = { 0 };
	char *err = NULL;
	int64_t id;

	store_n(c, "http://m/", "m", 3, 1000, 1, 0);
	id = id_of(c, "walrus");	/* m-0 */
	ck_assert_int_eq(cache_set_mark(c, id, CACHE_MARK_FLAGGED, 1, &err),
	    0);
	ck_assert_int_eq(cache_set_mark(c, id, CACHE_MARK_SAVED, 7, &err), 0);
	ck_assert_int_eq(cache_set_mark(c, id, CACHE_MARK_UNREAD, 0, &err), 0);
	ck_assert_int_eq(cache_set_mark(c, 999999, CACHE_MARK_UNREAD, 0,
	    &err), 1);
	cache_close(c);
	c = open_cache();
	ck_assert_int_eq(cache_headline_get(c, id, headline_cb, &g, &err), 0);
	ck_assert(!g.unread && g.flagged && g.saved == 1);
	check_counts(c, "http://m/", 3, 2, 1);
	ck_assert_int_eq(cache_set_mark(c, id, CACHE_MARK_FLAGGED, 0, &err),
	    0);
	check_counts(c, "http://m/", 3, 2, 0);
	/* a saved story survives retention like a flagged one */
	store_n(c, "http://m/", "m", 3, 1000, 1, 1);
	check_counts(c, "http://m/", 2, 1, 0);
	cache_close(c);
}
END_TEST

START_TEST(mark_read_and_undo)
{
	struct cache *c = open_cache();
	const char *a = "http://a/", *b = "http://b/";
	const char *ab[] = { a, "http://x/", b };
	struct cache_query q = { 0 };
	struct cache_ids ids;
	char *err = NULL;
	size_t i;

	store_n(c, a, "a", 30, 1000, 1, 0);
	store_n(c, b, "b", 10, 1000, 1, 0);
	cache_ids_init(&ids);
	/* one feed, a search within it */
	q.feed_urls = &a;
	q.nfeed_urls = 1;
	q.match = "zebra";
	ck_assert_int_eq(cache_mark_read(c, &q, &ids, &err), 10);
	ck_assert_uint_eq(ids.n, 10);
	check_counts(c, a, 30, 20, 0);
	check_counts(c, b, 10, 10, 0);
	/* again: nothing left to change */
	ck_assert_int_eq(cache_mark_read(c, &q, &ids, &err), 0);
	ck_assert_uint_eq(ids.n, 10);
	/* undo */
	ck_assert_int_eq(cache_set_unread_ids(c, &ids, &err), 0);
	check_counts(c, a, 30, 30, 0);
	for (i = 0; i < ids.n; i++) {
		struct got_headline g = { 0 };

		ck_assert_int_eq(cache_headline_get(c, ids.ids[i],
		    headline_cb, &g, &err), 0);
		ck_assert(g.unread);
	}
	cache_ids_release(&ids);
	ck_assert_ptr_null(ids.ids);
	/* every feed, nothing collected */
	memset(&q, 0, sizeof(q));
	ck_assert_int_eq(cache_mark_read(c, &q, NULL, &err), 40);
	check_counts(c, a, 30, 0, 0);
	check_counts(c, b, 10, 0, 0);
	/* many feeds */
	sql("UPDATE items SET unread = 1");
	q.feed_urls = ab;
	q.nfeed_urls = 3;
	q.flags = CACHE_ONLY_FLAGGED;
	sql("UPDATE items SET flagged = 1 WHERE key IN ('a-1', 'b-1')");
	ck_assert_int_eq(cache_mark_read(c, &q, &ids, &err), 2);
	check_counts(c, a, 30, 29, 1);
	check_counts(c, b, 10, 9, 1);
	cache_ids_release(&ids);
	/* a bad search changes nothing and leaves ids as they were */
	q.flags = 0;
	q.match = "\"bad";
	ck_assert_int_eq(cache_mark_read(c, &q, &ids, &err), -1);
	free(err);
	err = NULL;
	ck_assert_uint_eq(ids.n, 0);
	check_counts(c, a, 30, 29, 1);
	cache_close(c);
}
END_TEST

START_TEST(data_version_sees_others)
{
	struct cache *ui = open_cache(), *refresh = open_cache();
	int64_t v0, v1;

	v0 = cache_data_version(ui);
	ck_assert_int_ge(v0, 0);
	ck_assert_int_eq(cache_data_version(ui), v0);
	/* its own writes do not count */
	store_n(ui, "http://own/", "o", 2, 1000, 1, 0);
	ck_assert_int_eq(cache_data_version(ui), v0);
	store_n(refresh, "http://other/", "r", 2, 1000, 1, 0);
	v1 = cache_data_version(ui);
	ck_assert_int_ne(v1, v0);
	ck_assert_int_eq(cache_data_version(ui), v1);
	check_counts(ui, "http://other/", 2, 2, 0);
	cache_close(refresh);
	cache_close(ui);
}
END_TEST

START_TEST(read_only_cache)
{
	struct cache *c = open_cache(), *ro;
	struct cache_query q = { 0 };
	struct cache_pos pos[4];
	char *err = NULL;

	store_n(c, "http://r/", "r", 3, 1000, 1, 0);
	cache_close(c);
	ro = cache_open(path, CACHE_READONLY, &err);
	ck_assert_msg(ro != NULL, "%s", err);
	ck_assert_int_eq(cache_list_positions(ro, &q, NULL, pos, 4, &err), 3);
	check_counts(ro, "http://r/", 3, 3, 0);
	/* not indexed, and cannot be: a search finds nothing */
	q.match = "yak";
	ck_assert_int_eq(cache_list_positions(ro, &q, NULL, pos, 4, &err), 0);
	ck_assert_int_eq(cache_set_mark(ro, pos[0].id, CACHE_MARK_UNREAD, 0,
	    &err), -1);
	ck_assert_ptr_nonnull(strstr(err, path));
	free(err);
	cache_close(ro);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("cache_view");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	/* thousands of stories stored per case: slow under the sanitizers */
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, counters_follow_changes);
	tcase_add_test(tc, migrates_schema_2);
	tcase_add_test(tc, positions_page_like_list);
	tcase_add_test(tc, search_plans_agree);
	tcase_add_test(tc, headline_and_story);
	tcase_add_test(tc, story_json_hostile);
	tcase_add_test(tc, marks_persist);
	tcase_add_test(tc, mark_read_and_undo);
	tcase_add_test(tc, data_version_sees_others);
	tcase_add_test(tc, read_only_cache);
	suite_add_tcase(s, tc);
	return check_run(s);
}
