/*
 * poller: fetching many feeds at once, politely and safely.
 *
 * One libcurl multi handle in one event loop; bytes go to the feed parser
 * as they arrive, so a finished transfer is a parsed feed. Requests are
 * queued with poller_add() and run, at most max_connections at a time
 * and max_per_host to one server (connections reused; HTTP/2 multiplexed
 * where offered), by poller_run(), which calls back once per feed.
 *
 * Polite: conditional GET from the validators given, compressed transfer,
 * a User-Agent naming telex. Safe: redirects only to http(s) and at most
 * max_redirects of them, file:// only when the requested URL is one (the
 * user listed it), connect and total timeouts, a size limit on what is
 * received, TLS verified (libcurl's default, never turned off). Proxies
 * come from the usual environment variables (libcurl reads them).
 */
#ifndef TELEX_POLLER_H
#define TELEX_POLLER_H

#include <curl/curl.h>
#include <stddef.h>

#include "feed.h"

struct poller_config {
	int max_connections, max_per_host;
	long connect_timeout, download_timeout;	/* seconds */
	size_t max_bytes;
	long max_redirects;
	const char *user_agent;		/* copied */
};

struct poll_request {
	const char *url;		/* copied */
	const char *etag, *last_modified; /* validators to send, or NULL */
	void *user;			/* handed back in the result */
	int page;			/* a web page, not a feed: the body is
					   handed back as it is, not parsed */
};

enum poll_status {
	POLL_OK,		/* fetched and parsed: feed is set */
	POLL_NOT_MODIFIED,	/* 304: nothing to do */
	POLL_FAILED,		/* error says why; nothing to store */
};

struct poll_result {
	const char *url;		/* as requested */
	void *user;
	enum poll_status status;
	long http_status;		/* 0 when there was no HTTP answer */
	const char *etag, *last_modified; /* the answer's validators */
	struct feed *feed;		/* POLL_OK: the parsed feed */
	const char *body;		/* POLL_OK, page: what was received */
	const char *effective_url;	/* where it came from, after redirects */
	const char *error;		/* POLL_FAILED: one line, why */
	size_t bytes;			/* what was received, decoded */
};

struct poller;

/* NULL with *err set when libcurl cannot be set up. */
struct poller *poller_new(const struct poller_config *cfg, char **err);
void poller_free(struct poller *p);
void poller_add(struct poller *p, const struct poll_request *r);
/* Requests not yet finished (queued or running). */
size_t poller_pending(const struct poller *p);

/*
 * Run transfers for up to timeout_ms (-1: until every request is done),
 * waiting on extra fds too (the interface's terminal), and call done()
 * for each request that finished. Everything the result points to is
 * valid during the call only. Returns the number of requests pending.
 */
size_t poller_run(struct poller *p, int timeout_ms,
    struct curl_waitfd *extra, unsigned nextra,
    void (*done)(void *ctx, const struct poll_result *r), void *ctx);

#endif
