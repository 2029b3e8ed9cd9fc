/*
 * cache_view_bench: what the interface's reads cost on a big cache.
 *
 *   cache_view_bench [STORIES [FEEDS [BIG]]]
 *
 * Builds a cache in a temporary directory of STORIES stories (default
 * 100000) spread over FEEDS feeds (default 500), BIG of them (default:
 * an equal share) in the first feed, stored with cache_store() and
 * indexed, as a refresh would leave it. Then times, best of several
 * runs: the feed summaries, the count of all stories and of the unread
 * ones, the first page of 200 positions (all feeds, and unread only),
 * every position of the biggest feed (page by page, as the interface
 * reads it), the first page of that feed, and one search.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "cache_view.h"
#include "feed.h"
#include "xalloc.h"

#define PAGE 200
#define RUNS 7

static const char *const words[] = {
	"missile", "orbit", "radar", "treaty", "drone", "satellite",
	"launch", "budget", "contract", "test", "engine", "navy", "army",
	"sensor", "laser", "hypersonic", "fighter", "tanker", "carrier",
	"submarine", "warhead", "doctrine", "export", "summit", "pilot",
	"runway", "airframe", "software", "cyber", "factory", "supplier",
};
#define NWORDS (sizeof(words) / sizeof(words[0]))

/* The other words: made of syllables, rarer the longer they are. */
static const char *const syllables[] = {
	"ka", "lo", "mi", "ne", "po", "ra", "si", "tu", "va", "ze",
	"bri", "cho", "dal", "fen", "gor", "hul", "jin", "kor", "lum", "mar",
};
#define NSYLLABLES (sizeof(syllables) / sizeof(syllables[0]))

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned long rng = 12345;

static unsigned long
next_rand(void)
{
	rng = rng * 6364136223846793005ul + 1442695040888963407ul;
	return rng >> 33;
}

static void
die(const char *what, char *err)
{
	fprintf(stderr, "cache_view_bench: %s: %s\n", what,
	    err != NULL ? err : "failed");
	exit(1);
}

/* A word of text: one in four from words[], the rest made up. */
static size_t
append_word(char *p, size_t room)
{
	size_t k, n;
	int len = 0;

	if (next_rand() % 4 == 0)
		return (size_t)snprintf(p, room, "%s ",
		    words[next_rand() % NWORDS]);
	n = 2 + next_rand() % 3;
	for (k = 0; k < n; k++)
		len += snprintf(p + len, room - (size_t)len, "%s",
		    syllables[next_rand() % NSYLLABLES]);
	len += snprintf(p + len, room - (size_t)len, " ");
	return (size_t)len;
}

static void
build(struct cache *c, long stories, long feeds, long big)
{
	struct cache_store_stats st;
	char url[64], id[96], text[800];
	long f, i, n, left = stories - big, done = 0;
	size_t len, w;
	char *err = NULL;

	for (f = 0; f < feeds; f++) {
		struct cache_fetch fetch = { url, 1700000000, 0, 200, NULL,
			NULL, FETCH_ARTICLES_NO };
		struct feed fd;

		n = f == 0 ? big : left / (feeds - 1) +
		    (f - 1 < left % (feeds - 1));
		snprintf(url, sizeof(url), "http://feed%ld.example/rss", f);
		feed_init(&fd);
		fd.title = feed_strdup(&fd, url + 7);
		for (i = 0; i < n; i++) {
			struct feed_item *it = feed_add_item(&fd);

			snprintf(id, sizeof(id), "%s#%ld", url, i);
			it->id = feed_strdup(&fd, id);
			snprintf(text, sizeof(text), "Story %ld of %s: %s %s",
			    i, url, words[next_rand() % NWORDS],
			    words[next_rand() % NWORDS]);
			it->title = feed_strdup(&fd, text);
			it->link = feed_strdup(&fd, id);
			len = (size_t)snprintf(text, sizeof(text), "<p>");
			for (w = 0; w < 60 && len < sizeof(text) - 40; w++)
				len += append_word(text + len,
				    sizeof(text) - len);
			snprintf(text + len, sizeof(text) - len, "</p>");
			it->content = feed_strdup(&fd, text);
			it->published.known = 1;
			it->published.t = 1600000000 + (int64_t)(next_rand() %
			    100000000);
		}
		if (cache_store(c, &fetch, &fd, 0, &st, &err) != 0)
			die("store", err);
		feed_release(&fd);
		done += n;
	}
	if (cache_index(c, &err) < 0)
		die("index", err);
	(void)done;
}

static double
best(double *t, int n)
{
	double b = t[0];
	int i;

	for (i = 1; i < n; i++)
		if (t[i] < b)
			b = t[i];
	return b * 1000;
}

static int
count_feed(void *ctx, const struct cache_feed_summary *s)
{
	(void)s;
	(*(long *)ctx)++;
	return 0;
}

int
main(int argc, char **argv)
{
	long stories = argc > 1 ? atol(argv[1]) : 100000;
	long feeds = argc > 2 ? atol(argv[2]) : 500;
	long big = argc > 3 ? atol(argv[3]) : stories / (feeds > 0 ? feeds : 1);
	char dir[] = "/tmp/cache-view-bench-XXXXXX", path[128], cmd[160];
	const char *big_url = "http://feed0.example/rss";
	const char *match = "hypersonic submarine";
	const char *rare = "brichokor";
	struct cache_query all, unread, one, search, half;
	char **urls;
	long i;
	struct cache_pos *pos;
	double t[RUNS], t0;
	struct cache *c;
	char *err = NULL;
	long n, total, nfeeds = 0;
	int64_t count = 0;
	int r;

	if (stories <= 0 || feeds <= 0 || big < 0 || big > stories ||
	    (feeds == 1 && big != stories)) {
		fprintf(stderr, "usage: cache_view_bench [STORIES [FEEDS "
		    "[BIG]]]\n");
		return 2;
	}
	pos = xreallocarray(NULL, big > PAGE ? (size_t)big : PAGE,
	    sizeof(*pos));
	if (mkdtemp(dir) == NULL)
		die("mkdtemp", NULL);
	snprintf(path, sizeof(path), "%s/cache.db", dir);
	if ((c = cache_open(path, 0, &err)) == NULL)
		die("open", err);
	t0 = now();
	build(c, stories, feeds, big);
	printf("built %ld stories in %ld feeds (biggest %ld) in %.1f s\n",
	    stories, feeds, big, now() - t0);
	/* mark a third read, as a cache in use would be */
	memset(&all, 0, sizeof(all));
	if (cache_mark_read(c, &all, NULL, &err) < 0)
		die("mark read", err);
	{
		struct cache_ids ids;
		int64_t id;

		cache_ids_init(&ids);
		for (id = 1; id <= stories; id++)
			if (id % 3 != 0) {
				if (ids.n == ids.cap) {
					ids.cap = ids.cap ? ids.cap * 2 : 64;
					ids.ids = xreallocarray(ids.ids,
					    ids.cap, sizeof(*ids.ids));
				}
				ids.ids[ids.n++] = id;
			}
		if (cache_set_unread_ids(c, &ids, &err) != 0)
			die("unread", err);
		cache_ids_release(&ids);
	}
	unread = all;
	unread.flags = CACHE_ONLY_UNREAD;
	one = all;
	one.feed_urls = &big_url;
	one.nfeed_urls = 1;
	search = all;
	search.match = match;
	/* every other feed, as a folder of many feeds would be */
	urls = xreallocarray(NULL, (size_t)feeds, sizeof(*urls));
	half = all;
	for (i = 0; i < feeds; i += 2) {
		char u[64];

		snprintf(u, sizeof(u), "http://feed%ld.example/rss", i);
		urls[half.nfeed_urls++] = xstrdup(u);
	}
	half.feed_urls = (const char *const *)urls;

#define TIME(label, expr) do {						\
		for (r = 0; r < RUNS; r++) {				\
			t0 = now();					\
			expr;						\
			t[r] = now() - t0;				\
		}							\
		printf("%-34s %8.3f ms\n", label, best(t, RUNS));	\
	} while (0)

	TIME("feed summaries", (nfeeds = 0, cache_feed_summaries(c,
	    count_feed, &nfeeds, &err) == 0 || (die("summaries", err), 0)));
	printf("  (%ld feeds)\n", nfeeds);
	TIME("count, all", (count = cache_list_count(c, &all, &err)) >= 0 ||
	    (die("count", err), 0));
	printf("  (%lld)\n", (long long)count);
	TIME("count, unread", (count = cache_list_count(c, &unread, &err)) >= 0
	    || (die("count", err), 0));
	printf("  (%lld)\n", (long long)count);
	TIME("first page of 200, all", (n = cache_list_positions(c, &all,
	    NULL, pos, PAGE, &err)) >= 0 || (die("positions", err), 0));
	TIME("first page of 200, unread", (n = cache_list_positions(c, &unread,
	    NULL, pos, PAGE, &err)) >= 0 || (die("positions", err), 0));
	TIME("first page of 200, biggest feed", (n = cache_list_positions(c,
	    &one, NULL, pos, PAGE, &err)) >= 0 || (die("positions", err), 0));
	TIME("first page of 200, half the feeds", (n = cache_list_positions(c,
	    &half, NULL, pos, PAGE, &err)) >= 0 || (die("positions", err), 0));
	TIME("count, half the feeds", (count = cache_list_count(c, &half,
	    &err)) >= 0 || (die("count", err), 0));
	printf("  (%zu feeds: %lld)\n", half.nfeed_urls, (long long)count);
	TIME("every position, biggest feed", (n = cache_list_positions(c,
	    &one, NULL, pos, big > PAGE ? (size_t)big : PAGE, &err)) >= 0 ||
	    (die("positions", err), 0));
	printf("  (%ld positions, one call)\n", n);
	TIME("every position, biggest, by 200", do {
		struct cache_pos last;
		total = 0;
		n = cache_list_positions(c, &one, NULL, pos, PAGE, &err);
		while (n > 0) {
			total += n;
			last = pos[n - 1];
			n = cache_list_positions(c, &one, &last, pos, PAGE,
			    &err);
		}
		if (n < 0)
			die("positions", err);
	} while (0));
	printf("  (%ld positions, page by page)\n", total);
	TIME("search, first page", (n = cache_list_positions(c, &search, NULL,
	    pos, PAGE, &err)) >= 0 || (die("search", err), 0));
	TIME("search, count", (count = cache_list_count(c, &search, &err)) >= 0
	    || (die("search", err), 0));
	printf("  ('%s': %lld)\n", match, (long long)count);
	search.match = rare;
	TIME("rare search, first page", (n = cache_list_positions(c, &search,
	    NULL, pos, PAGE, &err)) >= 0 || (die("search", err), 0));
	printf("  ('%s': %ld)\n", rare, n);
	cache_close(c);
	free(pos);
	for (i = 0; i < (long)half.nfeed_urls; i++)
		free(urls[i]);
	free(urls);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (getenv("BENCH_KEEP") != NULL) {
		printf("kept %s\n", path);
		return 0;
	}
	return system(cmd) == 0 ? 0 : 1;
}
