/*
 * Link numbers (render_priv.h). Links are numbered in order of first
 * appearance, one number per distinct URL after resolution and
 * sanitising, through an open-addressing hash table of the URLs (kept
 * at most half full); the URLs themselves live in the document's arena.
 * Links a reader cannot follow get no number: javascript:, vbscript:
 * and data: URLs, in-page "#fragment" links and empty ones.
 */
#include "render_priv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text_safe.h"
#include "url.h"
#include "xalloc.h"
#include "banned.h"

struct link_slot {
	const char *url;	/* NULL: free */
	size_t len;
	int number;
};

static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}


static uint64_t
hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u;

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 0x100000001b3u;
	return h;
}

static void
slots_grow(struct render_state *st)
{
	struct link_slot *old = st->slots;
	size_t oldcap = st->slots_cap, i, k;

	st->slots_cap = oldcap ? 2 * oldcap : 64;
	st->slots = xcalloc(st->slots_cap, sizeof(*st->slots));
	for (i = 0; i < oldcap; i++) {
		if (old[i].url == NULL)
			continue;
		k = hash(old[i].url, old[i].len) & (st->slots_cap - 1);
		while (st->slots[k].url != NULL)
			k = (k + 1) & (st->slots_cap - 1);
		st->slots[k] = old[i];
	}
	free(old);
}

/* 1 when url's scheme (tabs and newlines ignored, as browsers do) is
 * one a reader cannot follow. */
int
render_dead_scheme(const char *url)
{
	static const char *const dead[] = { "javascript", "vbscript",
		"data" };
	char scheme[16];
	size_t n = 0, i;

	while (*url != '\0' && (unsigned char)*url <= 0x20)
		url++;
	for (; *url != '\0' && *url != ':' && n < sizeof(scheme) - 1; url++)
		if (*url != '\t' && *url != '\n' && *url != '\r')
			scheme[n++] = (char)ascii_lower((unsigned char)*url);
	if (*url != ':')
		return 0;
	scheme[n] = '\0';
	for (i = 0; i < sizeof(dead) / sizeof(dead[0]); i++)
		if (strcmp(scheme, dead[i]) == 0)
			return 1;
	return 0;
}

/* The number of the link to href (resolved), or 0 for none. */
int
render_link_number(struct render_state *st, const char *href)
{
	struct render_doc *d = st->doc;
	struct buf safe = BUF_INIT;
	struct link_slot *s;
	char *abs;
	size_t k;

	if (href == NULL)
		return 0;
	while (*href == ' ' || *href == '\t' || *href == '\n' ||
	    *href == '\r' || *href == '\f')
		href++;
	if (*href == '\0' || *href == '#' || render_dead_scheme(href))
		return 0;
	abs = url_resolve(st->base, href);
	text_safe_append(&safe, abs, strlen(abs));
	free(abs);
	if (safe.len == 0 || render_dead_scheme(safe.ptr)) {
		buf_release(&safe);
		return 0;
	}
	if (2 * (d->nlinks + 1) > st->slots_cap)
		slots_grow(st);
	k = hash(safe.ptr, safe.len) & (st->slots_cap - 1);
	for (;;) {
		s = &st->slots[k];
		if (s->url == NULL)
			break;
		if (s->len == safe.len && memcmp(s->url, safe.ptr,
		    safe.len) == 0) {
			buf_release(&safe);
			return s->number;
		}
		k = (k + 1) & (st->slots_cap - 1);
	}
	if (d->nlinks == d->links_cap) {
		d->links_cap = d->links_cap ? 2 * d->links_cap : 16;
		d->links = xreallocarray(d->links, d->links_cap,
		    sizeof(*d->links));
	}
	s->url = arena_memdup(&d->arena, safe.ptr, safe.len);
	s->len = safe.len;
	d->links[d->nlinks++] = s->url;
	s->number = (int)d->nlinks;
	buf_release(&safe);
	return s->number;
}
