/*
 * The refresh engine (refresh.h). A feed is due when the cache has no
 * next_poll for it or that time has come; after a successful poll it is
 * next due after reload-interval or the feed's own ttl, whichever is
 * longer; after a failure it is due again at once.
 */
#include "build.h"
#include "refresh.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "extract.h"
#include "xalloc.h"
#include "banned.h"

#define USER_AGENT PACKAGE_NAME "/" PACKAGE_VERSION

static int64_t
now_seconds(void)
{
	return (int64_t)time(NULL);
}

/* A line about the refresh itself, to whoever drives it. */
static void
problem(struct refresh *r, const char *fmt, ...)
{
	struct refresh_event e;
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	memset(&e, 0, sizeof(e));
	e.problem = msg.ptr;
	if (r->event != NULL)
		r->event(r->arg, &e);
	else
		fprintf(stderr, "telex: %s\n", msg.ptr);
	buf_release(&msg);
}

/* A story whose page is being fetched. */
struct page_job {
	int64_t id;
};

static int
queue_page(void *arg, int64_t id, const char *link)
{
	struct refresh *r = arg;
	struct page_job *job = xmalloc(sizeof(*job));
	struct poll_request req;

	job->id = id;
	memset(&req, 0, sizeof(req));
	req.url = link;
	req.user = job;
	req.page = 1;
	poller_add(r->poller, &req);
	return 0;
}

/* A story's page arrived (or did not): keep its article, or why not. */
static void
page_done(struct refresh *r, const struct poll_result *pr)
{
	struct page_job *job = pr->user;
	struct extract_result x;
	struct refresh_event e;
	const char *why = pr->error;
	char *err = NULL;
	int found = 0;

	memset(&x, 0, sizeof(x));
	if (pr->status == POLL_OK) {
		found = extract_article(pr->body, pr->bytes,
		    pr->effective_url, &x) == 0;
		if (!found)
			why = "no article found in the page";
	} else if (pr->status == POLL_NOT_MODIFIED) {
		why = "not modified";	/* no validators are sent: unlikely */
	}
	if (cache_store_article(r->cache, job->id, found ? x.html : NULL,
	    found ? NULL : why, &err) != 0) {
		found = 0;
		why = err;
	}
	if (found)
		r->stats.articles++;
	else
		r->stats.articles_failed++;
	memset(&e, 0, sizeof(e));
	e.page = 1;
	e.url = pr->url;
	e.status = found ? POLL_OK : POLL_FAILED;
	e.error = found ? NULL : why;
	if (r->event != NULL)
		r->event(r->arg, &e);
	extract_result_release(&x);
	free(err);
	free(job);
}

static void
on_done(void *arg, const struct poll_result *pr)
{
	struct refresh *r = arg;
	struct refresh_event e;
	struct cache_fetch fetch;
	int64_t interval;
	char *err = NULL;
	int stored;

	if (pr->user != NULL) {
		page_done(r, pr);
		return;
	}
	memset(&e, 0, sizeof(e));
	memset(&fetch, 0, sizeof(fetch));
	e.url = pr->url;
	e.status = pr->status;
	fetch.url = pr->url;
	fetch.now = now_seconds();
	fetch.http_status = (int)pr->http_status;
	fetch.etag = pr->etag;
	fetch.last_modified = pr->last_modified;
	fetch.fetch_articles = config_fetch_articles(&r->ctx->config, pr->url);
	interval = r->ctx->config.reload_interval;
	if (pr->feed != NULL && pr->feed->ttl > interval)
		interval = pr->feed->ttl;
	if (pr->status != POLL_FAILED && interval > 0)
		fetch.next_poll = fetch.now + interval * 60;

	switch (pr->status) {
	case POLL_OK:
		e.feed = pr->feed;
		stored = cache_store(r->cache, &fetch, pr->feed,
		    (size_t)r->ctx->config.max_items, &e.stored, &err);
		break;
	case POLL_NOT_MODIFIED:
		stored = cache_not_modified(r->cache, &fetch, &err);
		r->stats.not_modified++;
		break;
	case POLL_FAILED:
	default:
		e.error = pr->error;
		stored = cache_failed(r->cache, &fetch, pr->error, &err);
		break;
	}
	if (stored != 0) {
		/* The cache refused: report it as this feed's failure. */
		e.status = POLL_FAILED;
		e.error = err;
		e.feed = NULL;
	}
	r->stats.done++;
	if (e.status == POLL_FAILED)
		r->stats.failed++;
	r->stats.added += e.stored.added;
	r->stats.updated += e.stored.updated;
	r->stats.dropped += e.stored.dropped;
	if (r->event != NULL)
		r->event(r->arg, &e);
	free(err);
	err = NULL;
	/* Pages of stories this feed gives no full text for (new ones, and
	 * earlier failures, a few times). */
	if (e.status != POLL_FAILED &&
	    cache_articles_wanted(r->cache, pr->url,
	    r->ctx->config.article_tries, queue_page, r, &err) != 0) {
		problem(r, "%s", err);
		free(err);
	}
}

static int
listed(char **urls, size_t nurls, const char *url)
{
	size_t i;

	for (i = 0; i < nurls; i++)
		if (strcmp(urls[i], url) == 0)
			return 1;
	return 0;
}

int
refresh_start(struct refresh *r, struct context *ctx, struct cache *cache,
    char **urls, size_t nurls, int force,
    void (*event)(void *arg, const struct refresh_event *e), void *arg)
{
	const struct config *cfg = &ctx->config;
	struct poller_config pc;
	struct poll_request req;
	struct cache_feed_state st;
	const struct feeds_entry *fe;
	int64_t now = now_seconds();
	char *err = NULL;
	size_t i;
	int known;

	memset(r, 0, sizeof(*r));
	r->ctx = ctx;
	r->cache = cache;
	r->event = event;
	r->arg = arg;
	for (i = 0; i < nurls; i++) {
		if (feeds_find(&ctx->feeds, urls[i]) == NULL) {
			problem(r, "%s: not in the feeds file %s",
			    urls[i], ctx->feeds_path);
			return -1;
		}
	}
	memset(&pc, 0, sizeof(pc));
	pc.max_connections = cfg->max_connections;
	pc.max_per_host = cfg->max_connections_per_host;
	pc.connect_timeout = cfg->connect_timeout;
	pc.download_timeout = cfg->download_timeout;
	pc.max_bytes = (size_t)cfg->max_download_size << 20;
	pc.max_redirects = cfg->max_redirects;
	pc.user_agent = cfg->user_agent != NULL ? cfg->user_agent :
	    USER_AGENT;
	r->poller = poller_new(&pc, &err);
	if (r->poller == NULL) {
		problem(r, "%s", err);
		free(err);
		return -1;
	}
	for (i = 0; i < ctx->feeds.n; i++) {
		fe = &ctx->feeds.entries[i];
		if (nurls > 0 && !listed(urls, nurls, fe->url))
			continue;
		if (fe->kind != FEEDS_KIND_URL) {
			r->stats.unsupported++;
			continue;
		}
		known = cache_feed_state(cache, fe->url, &st, &err);
		if (known < 0) {
			problem(r, "%s", err);
			free(err);
			return -1;
		}
		if (known == 0 && !force && st.next_poll > now) {
			r->stats.not_due++;
			cache_feed_state_release(&st);
			continue;
		}
		memset(&req, 0, sizeof(req));
		req.url = fe->url;
		req.etag = known == 0 ? st.etag : NULL;
		req.last_modified = known == 0 ? st.last_modified : NULL;
		poller_add(r->poller, &req);
		r->stats.queued++;
		if (known == 0)
			cache_feed_state_release(&st);
	}
	return 0;
}

size_t
refresh_run(struct refresh *r, int timeout_ms, struct curl_waitfd *extra,
    unsigned nextra)
{
	return poller_run(r->poller, timeout_ms, extra, nextra, on_done, r);
}

void
refresh_finish(struct refresh *r)
{
	poller_free(r->poller);
	r->poller = NULL;
}
