/*
 * curl_api: libcurl, loaded when first needed.
 *
 * libcurl brings some thirty shared libraries with it (TLS, Kerberos,
 * LDAP, SSH...), and loading and relocating them is most of what a
 * start of telex costs; the reader needs none of them until it refreshes.
 * So libcurl is opened with dlopen() by the first poller, and the poller
 * calls it through this table. The library opened is the one telex was
 * built against (its soname, found by configure).
 */
#ifndef TELEX_CURL_API_H
#define TELEX_CURL_API_H

#include <curl/curl.h>

struct curl_api {
	CURLcode (*global_init)(long flags);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *e, CURLoption opt, ...);
	CURLcode (*easy_getinfo)(CURL *e, CURLINFO info, ...);
	void (*easy_cleanup)(CURL *e);
	const char *(*easy_strerror)(CURLcode rc);
	CURLM *(*multi_init)(void);
	CURLMcode (*multi_setopt)(CURLM *m, CURLMoption opt, ...);
	CURLMcode (*multi_add_handle)(CURLM *m, CURL *e);
	CURLMcode (*multi_remove_handle)(CURLM *m, CURL *e);
	CURLMcode (*multi_perform)(CURLM *m, int *running);
	CURLMcode (*multi_poll)(CURLM *m, struct curl_waitfd extra[],
	    unsigned n, int timeout_ms, int *numfds);
	CURLMsg *(*multi_info_read)(CURLM *m, int *queued);
	CURLMcode (*multi_cleanup)(CURLM *m);
	struct curl_slist *(*slist_append)(struct curl_slist *l,
	    const char *s);
	void (*slist_free_all)(struct curl_slist *l);
};

/*
 * The table, libcurl loaded and its global set-up done on the first
 * call; NULL with *err set (naming the library and why) when it cannot
 * be. Not thread-safe: telex calls it from its one thread.
 */
const struct curl_api *curl_api_get(char **err);

#endif
