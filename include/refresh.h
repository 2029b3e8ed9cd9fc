/*
 * refresh: polling the feeds of the feeds file into the cache.
 *
 * The engine the `refresh` command and the interface share: it picks the
 * feeds that are due (or all, forced), queues them on a poller with their
 * validators, and stores each result as it arrives, one transaction a
 * feed. Then, for the stories whose feed gives only a summary
 * (fetch-articles), the linked pages are fetched by the same poller, the
 * article found in each is kept beside the feed's text. Whoever drives it calls refresh_run() from its own loop and
 * hears of each feed through a callback, to print or draw progress.
 */
#ifndef TELEX_REFRESH_H
#define TELEX_REFRESH_H

#include <stddef.h>

#include "cache.h"
#include "context.h"
#include "poller.h"

struct refresh_stats {
	size_t queued, done, failed, not_modified, not_due, unsupported;
	size_t added, updated, dropped;
	size_t articles, articles_failed;	/* pages fetched for stories */
};

/*
 * What happened to one feed, or to one story's page (page set); or,
 * problem set, a line about the refresh itself (the cache refused, a
 * URL not in the feeds file), and nothing else set.
 */
struct refresh_event {
	const char *problem;
	int page;
	const char *url;
	enum poll_status status;
	const char *error;		/* failed: why */
	const struct feed *feed;	/* parsed: its problems in errors */
	struct cache_store_stats stored;
};

struct refresh {
	struct context *ctx;
	struct cache *cache;
	struct poller *poller;
	struct refresh_stats stats;
	void (*event)(void *arg, const struct refresh_event *e);
	void *arg;
};

/*
 * Queue the feeds of ctx (only those in urls when nurls > 0; -1 and a
 * message when one is not in the feeds file) that are due, or all when
 * force is set. Returns 0, or -1 after reporting why. Problems go to
 * event as problem events (never to the terminal: the interface may own
 * it).
 */
int refresh_start(struct refresh *r, struct context *ctx,
    struct cache *cache, char **urls, size_t nurls, int force,
    void (*event)(void *arg, const struct refresh_event *e), void *arg);
/* As poller_run(): returns the feeds still pending. */
size_t refresh_run(struct refresh *r, int timeout_ms,
    struct curl_waitfd *extra, unsigned nextra);
void refresh_finish(struct refresh *r);

#endif
