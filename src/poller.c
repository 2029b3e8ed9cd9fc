/*
 * The poller (poller.h) on libcurl's multi interface.
 *
 * A transfer is an easy handle plus what it gathers: the answer's
 * validators and charset from its headers (reset at each new status line,
 * so only the final answer after redirects counts), and a feed parser
 * that is made at the first byte of the body, when the address the body
 * came from (after redirects) is known, to resolve relative links
 * against. Error answers (4xx, 5xx) are failures without a body, so an
 * error page is never parsed as a feed.
 *
 * Requests wait in a queue per server and are handed to libcurl only
 * when a connection is free for them (max_per_host to one server,
 * max_connections in all). libcurl could queue them itself, but its
 * timeouts would then count the time spent waiting in its queue: the
 * 200th feed of one server would time out for having waited its turn.
 * A large feed list costs memory for the transfers in flight only.
 */
#include "poller.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "buf.h"
#include "curl_api.h"
#include "feed_parse.h"
#include "xalloc.h"
#include "banned.h"

/* libcurl's functions, from the first poller_new() on. */
static const struct curl_api *curl;

struct transfer {
	struct poller *poller;
	CURL *easy;
	char *url;
	void *user;
	struct curl_slist *headers;
	struct feed feed;
	struct feed_parser *parser;
	char *etag, *last_modified, *charset;
	int page;
	struct buf body;		/* a page's bytes */
	size_t bytes;
	int too_large;
	char errbuf[CURL_ERROR_SIZE];
	struct host *host;
	struct transfer *next;		/* in the queue, or running */
	struct transfer *prev;		/* running */
};

/* A server (scheme, name and port) and the requests waiting for it. */
struct host {
	char *key;
	size_t running;
	struct transfer *queue, *queue_tail;
	struct host *next_ready;	/* has requests waiting */
	int ready;
};

struct poller {
	CURLM *multi;
	struct poller_config cfg;
	char *user_agent;
	struct host **hosts;		/* open addressing by key */
	size_t nhosts, hosts_cap;
	struct host *ready;		/* hosts with requests waiting */
	struct transfer *active;	/* handed to libcurl */
	size_t running, pending;
	struct buf error;
};

static void
transfer_free(struct transfer *t)
{
	if (t == NULL)
		return;
	if (t->easy != NULL)
		curl->easy_cleanup(t->easy);
	curl->slist_free_all(t->headers);
	feed_parser_free(t->parser);
	feed_release(&t->feed);
	free(t->url);
	free(t->etag);
	free(t->last_modified);
	free(t->charset);
	buf_release(&t->body);
	free(t);
}

struct poller *
poller_new(const struct poller_config *cfg, char **err)
{
	struct poller *p;
	/* libcurl, loaded and set up by the first poller. */
	if ((curl = curl_api_get(err)) == NULL)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->cfg = *cfg;
	p->user_agent = xstrdup(cfg->user_agent);
	p->cfg.user_agent = p->user_agent;
	buf_init(&p->error);
	p->multi = curl->multi_init();
	if (p->multi == NULL ||
	    curl->multi_setopt(p->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)cfg->max_connections) != CURLM_OK ||
	    curl->multi_setopt(p->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)cfg->max_per_host) != CURLM_OK ||
	    curl->multi_setopt(p->multi, CURLMOPT_MAXCONNECTS,
	    (long)cfg->max_connections) != CURLM_OK ||
	    curl->multi_setopt(p->multi, CURLMOPT_PIPELINING,
	    CURLPIPE_MULTIPLEX) != CURLM_OK) {
		*err = xstrdup("cannot set up libcurl's multi interface");
		poller_free(p);
		return NULL;
	}
	return p;
}

void
poller_free(struct poller *p)
{
	struct transfer *t, *next;
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->hosts_cap; i++) {
		if (p->hosts[i] == NULL)
			continue;
		for (t = p->hosts[i]->queue; t != NULL; t = next) {
			next = t->next;
			transfer_free(t);
		}
		free(p->hosts[i]->key);
		free(p->hosts[i]);
	}
	free(p->hosts);
	for (t = p->active; t != NULL; t = next) {
		next = t->next;
		curl->multi_remove_handle(p->multi, t->easy);
		transfer_free(t);
	}
	if (p->multi != NULL)
		curl->multi_cleanup(p->multi);
	buf_release(&p->error);
	free(p->user_agent);
	free(p);
}

/* "scheme://host:port" of url, lower-cased, as the key of its server. */
static char *
host_key(const char *url)
{
	const char *p = strstr(url, "://"), *end;
	struct buf b = BUF_INIT;
	size_t i;

	if (p == NULL)
		return xstrdup("");
	p += 3;
	end = p + strcspn(p, "/?#");
	/* userinfo@ is not part of the server */
	for (i = (size_t)(end - p); i > 0; i--)
		if (p[i - 1] == '@') {
			p += i;
			break;
		}
	buf_append(&b, url, (size_t)(strstr(url, "://") - url) + 3);
	buf_append(&b, p, (size_t)(end - p));
	for (i = 0; i < b.len; i++)
		if (b.ptr[i] >= 'A' && b.ptr[i] <= 'Z')
			b.ptr[i] = (char)(b.ptr[i] - 'A' + 'a');
	return buf_detach(&b, NULL);
}

static size_t
key_hash(const char *s)
{
	size_t h = 5381;

	for (; *s != '\0'; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

static struct host *
host_get(struct poller *p, const char *url)
{
	char *key = host_key(url);
	struct host **old, *h;
	size_t i, cap;

	if (p->nhosts * 2 >= p->hosts_cap) {
		old = p->hosts;
		cap = p->hosts_cap;
		p->hosts_cap = cap ? cap * 2 : 16;
		p->hosts = xcalloc(p->hosts_cap, sizeof(*p->hosts));
		for (i = 0; i < cap; i++)
			if (old[i] != NULL) {
				size_t j = key_hash(old[i]->key) &
				    (p->hosts_cap - 1);
				while (p->hosts[j] != NULL)
					j = (j + 1) & (p->hosts_cap - 1);
				p->hosts[j] = old[i];
			}
		free(old);
	}
	for (i = key_hash(key) & (p->hosts_cap - 1); p->hosts[i] != NULL;
	    i = (i + 1) & (p->hosts_cap - 1))
		if (strcmp(p->hosts[i]->key, key) == 0) {
			free(key);
			return p->hosts[i];
		}
	h = xcalloc(1, sizeof(*h));
	h->key = key;
	p->hosts[i] = h;
	p->nhosts++;
	return h;
}

void
poller_add(struct poller *p, const struct poll_request *r)
{
	struct transfer *t = xcalloc(1, sizeof(*t));
	struct buf h = BUF_INIT;

	t->poller = p;
	t->url = xstrdup(r->url);
	t->user = r->user;
	t->page = r->page;
	buf_init(&t->body);
	feed_init(&t->feed);
	if (r->etag != NULL && *r->etag != '\0') {
		buf_printf(&h, "If-None-Match: %s", r->etag);
		t->headers = curl->slist_append(t->headers, h.ptr);
		buf_reset(&h);
	}
	if (r->last_modified != NULL && *r->last_modified != '\0') {
		buf_printf(&h, "If-Modified-Since: %s", r->last_modified);
		t->headers = curl->slist_append(t->headers, h.ptr);
	}
	buf_release(&h);
	t->host = host_get(p, t->url);
	if (t->host->queue_tail != NULL)
		t->host->queue_tail->next = t;
	else
		t->host->queue = t;
	t->host->queue_tail = t;
	if (!t->host->ready) {
		t->host->ready = 1;
		t->host->next_ready = p->ready;
		p->ready = t->host;
	}
	p->pending++;
}

size_t
poller_pending(const struct poller *p)
{
	return p->pending;
}

/* Copy of a header's value, blanks trimmed. */
static char *
header_value(const char *v, size_t len)
{
	while (len > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		len--;
	}
	while (len > 0 && (v[len - 1] == '\r' || v[len - 1] == '\n' ||
	    v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	return xmemdup(v, len);
}

static int
header_is(const char *line, size_t len, const char *name, size_t *vstart)
{
	size_t n = strlen(name);

	if (len <= n || line[n] != ':' || strncasecmp(line, name, n) != 0)
		return 0;
	*vstart = n + 1;
	return 1;
}

/* The charset parameter of a Content-Type value, or NULL. */
static char *
content_type_charset(const char *v)
{
	const char *p = v;
	size_t n;

	for (; *p != '\0'; p++)
		if (strncasecmp(p, "charset=", 8) == 0)
			break;
	if (*p == '\0')
		return NULL;
	p += 8;
	if (*p == '"')
		p++;
	n = strcspn(p, "\"; \t");
	return n > 0 && n < 64 ? xmemdup(p, n) : NULL;
}

static size_t
on_header(char *line, size_t size, size_t n, void *ud)
{
	struct transfer *t = ud;
	size_t len = size * n, v;
	char *value;

	if (len >= 5 && memcmp(line, "HTTP/", 5) == 0) {
		/* A new answer (after a redirect or a 100): start over. */
		free(t->etag);
		free(t->last_modified);
		free(t->charset);
		t->etag = t->last_modified = t->charset = NULL;
	} else if (header_is(line, len, "ETag", &v)) {
		free(t->etag);
		t->etag = header_value(line + v, len - v);
	} else if (header_is(line, len, "Last-Modified", &v)) {
		free(t->last_modified);
		t->last_modified = header_value(line + v, len - v);
	} else if (header_is(line, len, "Content-Type", &v)) {
		value = header_value(line + v, len - v);
		free(t->charset);
		t->charset = content_type_charset(value);
		free(value);
	}
	return len;
}

static size_t
on_body(char *data, size_t size, size_t n, void *ud)
{
	struct transfer *t = ud;
	size_t len = size * n;
	char *where = NULL;

	if (len > t->poller->cfg.max_bytes - t->bytes) {
		t->too_large = 1;
		return 0;	/* anything but len stops the transfer */
	}
	t->bytes += len;
	if (t->page) {
		buf_append(&t->body, data, len);
		return len;
	}
	if (t->parser == NULL) {
		curl->easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &where);
		t->parser = feed_parser_new(&t->feed,
		    where != NULL ? where : t->url);
		feed_parser_set_limit(t->parser, t->poller->cfg.max_bytes);
		if (t->charset != NULL)
			feed_parser_set_charset(t->parser, t->charset);
	}
	feed_parser_push(t->parser, data, len);
	return len;
}

static int
start(struct poller *p, struct transfer *t)
{
	CURL *e = curl->easy_init();
	int file = strncasecmp(t->url, "file:", 5) == 0;

	t->easy = e;
	if (e == NULL ||
	    curl->easy_setopt(e, CURLOPT_URL, t->url) != CURLE_OK ||
	    curl->easy_setopt(e, CURLOPT_PRIVATE, t) != CURLE_OK ||
	    curl->easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf) != CURLE_OK ||
	    curl->easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body) != CURLE_OK ||
	    curl->easy_setopt(e, CURLOPT_WRITEDATA, t) != CURLE_OK ||
	    curl->easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header) !=
	    CURLE_OK ||
	    curl->easy_setopt(e, CURLOPT_HEADERDATA, t) != CURLE_OK ||
	    curl->easy_setopt(e, CURLOPT_PROTOCOLS_STR,
	    file ? "file" : "http,https") != CURLE_OK ||
	    curl->easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") !=
	    CURLE_OK ||
	    curl->easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L) != CURLE_OK ||
	    curl->easy_setopt(e, CURLOPT_MAXREDIRS, p->cfg.max_redirects) !=
	    CURLE_OK ||
	    curl->easy_setopt(e, CURLOPT_CONNECTTIMEOUT,
	    p->cfg.connect_timeout) != CURLE_OK ||
	    curl->easy_setopt(e, CURLOPT_TIMEOUT, p->cfg.download_timeout) !=
	    CURLE_OK ||
	    curl->easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "") != CURLE_OK ||
	    curl->easy_setopt(e, CURLOPT_USERAGENT, p->user_agent) !=
	    CURLE_OK ||
	    curl->easy_setopt(e, CURLOPT_FAILONERROR, 1L) != CURLE_OK ||
	    curl->easy_setopt(e, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
	    (t->headers != NULL && curl->easy_setopt(e, CURLOPT_HTTPHEADER,
	    t->headers) != CURLE_OK) ||
	    curl->multi_add_handle(p->multi, e) != CURLM_OK)
		return -1;
	t->prev = NULL;
	t->next = p->active;
	if (p->active != NULL)
		p->active->prev = t;
	p->active = t;
	p->running++;
	t->host->running++;
	return 0;
}

static const char *
failure(struct poller *p, struct transfer *t, CURLcode rc, long status)
{
	char *target = NULL;

	buf_reset(&p->error);
	switch (rc) {
	case CURLE_WRITE_ERROR:
		if (t->too_large) {
			buf_printf(&p->error, "larger than %zu MiB, stopped "
			    "(max-download-size)", p->cfg.max_bytes >> 20);
			break;
		}
		/* FALLTHROUGH */
	default:
		buf_append_str(&p->error, t->errbuf[0] != '\0' ? t->errbuf :
		    curl->easy_strerror(rc));
		break;
	case CURLE_HTTP_RETURNED_ERROR:
		buf_printf(&p->error, "HTTP %ld", status);
		break;
	case CURLE_OPERATION_TIMEDOUT:
		buf_printf(&p->error, "timed out (%s)", t->errbuf[0] != '\0' ?
		    t->errbuf : "no answer");
		break;
	case CURLE_TOO_MANY_REDIRECTS:
		buf_printf(&p->error, "more than %ld redirects",
		    p->cfg.max_redirects);
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
		/* Following redirects, libcurl leaves the refused target as
		 * the effective URL (REDIRECT_URL is empty then). */
		curl->easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &target);
		if (target != NULL && strcmp(target, t->url) != 0)
			buf_printf(&p->error, "redirected to '%s', refused: "
			    "only http and https are followed", target);
		else
			buf_append_str(&p->error, "only http, https and file "
			    "addresses can be polled");
		break;
	case CURLE_PARTIAL_FILE:
		buf_append_str(&p->error, "the connection closed before the "
		    "whole feed arrived");
		break;
	}
	return p->error.ptr;
}

static void
finish(struct poller *p, struct transfer *t, CURLcode rc,
    void (*done)(void *, const struct poll_result *), void *ctx)
{
	struct poll_result r;
	long status = 0;
	char *where = NULL;

	curl->easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
	curl->easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &where);
	memset(&r, 0, sizeof(r));
	r.url = t->url;
	r.user = t->user;
	r.http_status = status;
	r.etag = t->etag;
	r.last_modified = t->last_modified;
	r.bytes = t->bytes;
	r.effective_url = where != NULL ? where : t->url;
	if (rc != CURLE_OK) {
		r.status = POLL_FAILED;
		r.error = failure(p, t, rc, status);
	} else if (status == 304) {
		r.status = POLL_NOT_MODIFIED;
	} else if (t->page) {
		r.status = POLL_OK;
		r.body = t->body.ptr;
	} else {
		if (t->parser == NULL)
			t->parser = feed_parser_new(&t->feed, t->url);
		feed_parser_finish(t->parser);
		if (t->feed.format == FEED_FORMAT_UNKNOWN &&
		    t->feed.nitems == 0) {
			r.status = POLL_FAILED;
			buf_reset(&p->error);
			buf_printf(&p->error, "not a feed%s%s",
			    t->feed.nerrors > 0 ? ": " : "",
			    t->feed.nerrors > 0 ? t->feed.errors[0] : "");
			r.error = p->error.ptr;
		} else {
			r.status = POLL_OK;
			r.feed = &t->feed;
		}
	}
	done(ctx, &r);
}

/* Hand waiting requests to libcurl while their servers have room. */
static void
start_queued(struct poller *p,
    void (*done)(void *, const struct poll_result *), void *ctx)
{
	size_t per_host = (size_t)p->cfg.max_per_host;
	size_t total = (size_t)p->cfg.max_connections;
	struct host **link = &p->ready, *h;
	struct transfer *t;
	struct poll_result r;

	while ((h = *link) != NULL && p->running < total) {
		while (h->queue != NULL && h->running < per_host &&
		    p->running < total) {
			t = h->queue;
			h->queue = t->next;
			if (h->queue == NULL)
				h->queue_tail = NULL;
			t->next = NULL;
			if (start(p, t) == 0)
				continue;
			memset(&r, 0, sizeof(r));
			r.url = t->url;
			r.user = t->user;
			r.status = POLL_FAILED;
			r.error = "cannot start the transfer (libcurl)";
			p->pending--;
			done(ctx, &r);
			transfer_free(t);
		}
		if (h->queue == NULL) {
			h->ready = 0;
			*link = h->next_ready;
		} else {
			link = &h->next_ready;
		}
	}
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

size_t
poller_run(struct poller *p, int timeout_ms, struct curl_waitfd *extra,
    unsigned nextra, void (*done)(void *ctx, const struct poll_result *r),
    void *ctx)
{
	long deadline = timeout_ms >= 0 ? now_ms() + timeout_ms : 0, left;
	struct transfer *t;
	CURLMsg *msg;
	int still, queued, numfds;
	unsigned i;

	for (;;) {
		start_queued(p, done, ctx);
		if (curl->multi_perform(p->multi, &still) != CURLM_OK)
			break;
		while ((msg = curl->multi_info_read(p->multi, &queued)) !=
		    NULL) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			t = NULL;
			curl->easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
			    &t);
			curl->multi_remove_handle(p->multi, msg->easy_handle);
			if (t->prev != NULL)
				t->prev->next = t->next;
			else
				p->active = t->next;
			if (t->next != NULL)
				t->next->prev = t->prev;
			p->running--;
			t->host->running--;
			p->pending--;
			finish(p, t, msg->data.result, done, ctx);
			transfer_free(t);
		}
		if (p->pending == 0)
			break;
		start_queued(p, done, ctx);
		left = 1000;
		if (timeout_ms >= 0) {
			left = deadline - now_ms();
			if (left <= 0)
				break;
			if (left > 1000)
				left = 1000;
		}
		if (curl->multi_poll(p->multi, extra, nextra, (int)left,
		    &numfds) != CURLM_OK)
			break;
		for (i = 0; i < nextra; i++)
			if (extra[i].revents != 0)
				return p->pending;
	}
	return p->pending;
}
