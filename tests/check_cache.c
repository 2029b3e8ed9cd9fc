/*
 * Unit tests for the cache: identity and updates in place with the
 * user's state kept, retention sparing flagged stories, failures that
 * delete nothing, lazy indexing and search, refusing databases that
 * are not telex caches or are newer than this telex, and read-only
 * opens (issue 6): a missing file is not made, a read-only cache lists
 * and searches what it indexed, indexing never takes the write lock
 * for nothing and a failed one is not redone until the next store.
 */
#include <check.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "feed.h"
#include "check_run.h"

static char dir[] = "/tmp/telex-check-cache-XXXXXX";
static char path[256];

static void
setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/sub/cache.db", dir);
}

static void
teardown(void)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	memcpy(dir + strlen(dir) - 6, "XXXXXX", 6);
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

static int
count_cb(void *ctx, const struct cache_headline *h)
{
	(void)h;
	(*(int *)ctx)++;
	return 0;
}

static int
count(struct cache *c, const char *match, int flags)
{
	struct cache_query q;
	char *err = NULL;
	int n = 0;

	memset(&q, 0, sizeof(q));
	q.match = match;
	q.flags = flags;
	ck_assert_int_eq(cache_list(c, &q, count_cb, &n, &err), 0);
	return n;
}

static void
sql(const char *stmt)
{
	sqlite3 *db;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, stmt, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

START_TEST(store_update_keep_state)
{
	struct cache_fetch fetch = { "http://f/", 1000, 0, 200, "\"e1\"",
		"Mon, 01 Jan 2024 00:00:00 GMT",
	    FETCH_ARTICLES_NO };
	struct cache_store_stats st;
	struct cache_feed_state fs;
	struct cache *c;
	struct feed f;
	char *err = NULL;

	c = cache_open(path, 0, &err);	/* makes the directory too */
	ck_assert_msg(c != NULL, "%s", err);
	feed_init(&f);
	f.title = feed_strdup(&f, "Feed");
	add_item(&f, "a", "Alpha", 100, "<p>first body</p>");
	add_item(&f, "b", "Beta", 200, "<p>second</p>");
	ck_assert_int_eq(cache_store(c, &fetch, &f, 0, &st, &err), 0);
	ck_assert_uint_eq(st.added, 2);
	ck_assert_int_eq(cache_feed_state(c, "http://f/", &fs, &err), 0);
	ck_assert_str_eq(fs.etag, "\"e1\"");
	cache_feed_state_release(&fs);

	/* the user reads and flags a; the feed then edits it */
	sql("UPDATE items SET unread = 0, flagged = 1 WHERE key = 'a'");
	feed_release(&f);
	feed_init(&f);
	add_item(&f, "a", "Alpha, edited", 100, "<p>changed words</p>");
	add_item(&f, "b", "Beta", 200, "<p>second</p>");
	ck_assert_int_eq(cache_store(c, &fetch, &f, 0, &st, &err), 0);
	ck_assert_uint_eq(st.added, 0);
	ck_assert_uint_eq(st.updated, 1);
	ck_assert_uint_eq(st.unchanged, 1);
	ck_assert_int_eq(count(c, NULL, 0), 2);
	ck_assert_int_eq(count(c, NULL, CACHE_ONLY_FLAGGED), 1);
	ck_assert_int_eq(count(c, NULL, CACHE_ONLY_UNREAD), 1);
	/* search indexes first, and sees the edit, not the old text */
	ck_assert_int_eq(count(c, "changed", 0), 1);
	ck_assert_int_eq(count(c, "first", 0), 0);
	ck_assert_int_eq(count(c, "edited", 0), 1);

	/* a failed poll records the reason and deletes nothing */
	ck_assert_int_eq(cache_failed(c, &fetch, "HTTP 500", &err), 0);
	ck_assert_int_eq(count(c, NULL, 0), 2);
	feed_release(&f);
	cache_close(c);
}
END_TEST

START_TEST(retention_spares_flagged)
{
	struct cache_fetch fetch = { "http://r/", 1000, 0, 200, NULL, NULL,
	    FETCH_ARTICLES_NO };
	struct cache_store_stats st;
	struct cache *c;
	struct feed f;
	char *err = NULL, id[8];
	int i;

	c = cache_open(path, 0, &err);
	ck_assert_ptr_nonnull(c);
	feed_init(&f);
	for (i = 0; i < 6; i++) {
		snprintf(id, sizeof(id), "i%d", i);
		add_item(&f, id, id, 100 + i, "x");
	}
	ck_assert_int_eq(cache_store(c, &fetch, &f, 0, &st, &err), 0);
	ck_assert_int_eq(count(c, "x", 0), 6);	/* indexed */
	sql("UPDATE items SET flagged = 1 WHERE key = 'i0'");
	ck_assert_int_eq(cache_store(c, &fetch, &f, 3, &st, &err), 0);
	ck_assert_uint_eq(st.dropped, 2);	/* i1, i2; i0 is flagged */
	ck_assert_int_eq(count(c, NULL, 0), 4);
	ck_assert_int_eq(count(c, "x", 0), 4);	/* and left the index */
	feed_release(&f);
	cache_close(c);
}
END_TEST

START_TEST(identity_without_id)
{
	struct cache_fetch fetch = { "http://n/", 1000, 0, 200, NULL, NULL,
	    FETCH_ARTICLES_NO };
	struct cache_store_stats st;
	struct cache *c;
	struct feed f;
	struct feed_item *it;
	char *err = NULL;

	c = cache_open(path, 0, &err);
	ck_assert_ptr_nonnull(c);
	feed_init(&f);
	it = feed_add_item(&f);			/* by link */
	it->link = feed_strdup(&f, "http://n/1");
	it->title = feed_strdup(&f, "one");
	it = feed_add_item(&f);			/* by title and date */
	it->title = feed_strdup(&f, "two");
	ck_assert_int_eq(cache_store(c, &fetch, &f, 0, &st, &err), 0);
	ck_assert_int_eq(cache_store(c, &fetch, &f, 0, &st, &err), 0);
	ck_assert_uint_eq(st.added, 0);
	ck_assert_uint_eq(st.unchanged, 2);
	ck_assert_int_eq(count(c, NULL, 0), 2);
	feed_release(&f);
	cache_close(c);
}
END_TEST

START_TEST(refuses_foreign_and_newer)
{
	struct cache *c;
	char *err = NULL;

	c = cache_open(path, 0, &err);
	ck_assert_ptr_nonnull(c);
	cache_close(c);
	sql("PRAGMA user_version = 999");
	ck_assert_ptr_null(cache_open(path, 0, &err));
	ck_assert_ptr_nonnull(strstr(err, "newer telex"));
	free(err);
	err = NULL;
	unlink(path);
	sql("CREATE TABLE t (x)");
	ck_assert_ptr_null(cache_open(path, 0, &err));
	ck_assert_ptr_nonnull(strstr(err, "not a telex cache"));
	free(err);
	err = NULL;
	/* garbage: refused with a reason, the file left as it was */
	unlink(path);
	{
		FILE *fp = fopen(path, "w");
		ck_assert_ptr_nonnull(fp);
		fputs("this is not a database, not even close, 0123456789", fp);
		fclose(fp);
	}
	ck_assert_ptr_null(cache_open(path, 0, &err));
	ck_assert_ptr_nonnull(strstr(err, path));
	free(err);
}
END_TEST

START_TEST(readonly_opens)
{
	struct cache_fetch fetch = { "http://f/", 1000, 0, 200, NULL, NULL,
	    FETCH_ARTICLES_NO };
	struct cache_store_stats st;
	struct cache *c, *ro;
	struct feed f;
	char *err = NULL;

	/* read-only and missing: an error with the path, ENOENT, no file */
	errno = 0;
	ck_assert_ptr_null(cache_open(path, CACHE_READONLY, &err));
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_ptr_nonnull(strstr(err, path));
	ck_assert_int_ne(access(path, F_OK), 0);
	free(err);
	err = NULL;

	c = cache_open(path, CACHE_READONLY_FALLBACK, &err);
	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_ptr_null(cache_readonly_reason(c));
	feed_init(&f);
	add_item(&f, "a", "Alpha", 100, "<p>words here</p>");
	ck_assert_int_eq(cache_store(c, &fetch, &f, 0, &st, &err), 0);
	cache_close(c);

	/* stored, not indexed: a reader lists it; it cannot index it, and
	 * says so once; the search finds what was indexed (nothing) */
	ro = cache_open(path, CACHE_READONLY, &err);
	ck_assert_msg(ro != NULL, "%s", err);
	ck_assert_int_eq(count(ro, NULL, 0), 1);
	ck_assert_int_eq(cache_index(ro, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, path));
	free(err);
	err = NULL;
	ck_assert_int_eq(cache_index(ro, &err), -1);
	free(err);
	err = NULL;
	ck_assert_int_eq(count(ro, "words", 0), 0);
	cache_close(ro);

	/* indexed by a writer: the reader's cache_index has nothing to do */
	c = cache_open(path, 0, &err);
	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_int_eq(cache_index(c, &err), 1);
	ck_assert_int_eq(cache_index(c, &err), 0);
	cache_close(c);
	ro = cache_open(path, CACHE_READONLY, &err);
	ck_assert_msg(ro != NULL, "%s", err);
	ck_assert_int_eq(cache_index(ro, &err), 0);
	ck_assert_int_eq(count(ro, "words", 0), 1);
	cache_close(ro);
	feed_release(&f);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("cache");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, store_update_keep_state);
	tcase_add_test(tc, retention_spares_flagged);
	tcase_add_test(tc, identity_without_id);
	tcase_add_test(tc, refuses_foreign_and_newer);
	tcase_add_test(tc, readonly_opens);
	suite_add_tcase(s, tc);
	return check_run(s);
}
