/*
 * cache_json: categories and enclosures back from the JSON arrays that
 * cache.c stores (cache_json.c). Apart from cache_priv.h so that the
 * reader's users (cache_view.c, its fuzzer) need no SQLite.
 */
#ifndef TELEX_CACHE_JSON_H
#define TELEX_CACHE_JSON_H

#include <stddef.h>

#include "cache_view.h"

/*
 * Fill st's categories or enclosures from the JSON array that cache.c
 * stored (p NULL: none). A malformed array leaves none.
 */
void cache_json_categories(struct cache_story *st, const char *p,
    size_t len);
void cache_json_enclosures(struct cache_story *st, const char *p,
    size_t len);
void cache_enclosure_release(struct cache_enclosure *e);

#endif
