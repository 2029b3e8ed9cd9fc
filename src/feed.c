/*
 * The parsed-feed model (feed.h): plain owned strings and arrays that grow
 * by doubling. Kept apart from the parser so the cache and the JSON
 * printer depend on the model, not on expat.
 */
#include "feed.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"
#include "banned.h"

void
feed_init(struct feed *f)
{
	memset(f, 0, sizeof(*f));
	arena_init(&f->arena);
}

void
feed_release(struct feed *f)
{
	size_t i;

	arena_release(&f->arena);
	free(f->items);
	for (i = 0; i < f->nerrors; i++)
		free(f->errors[i]);
	free(f->errors);
	feed_init(f);
}

char *
feed_memdup(struct feed *f, const char *s, size_t len)
{
	return arena_memdup(&f->arena, s, len);
}

char *
feed_strdup(struct feed *f, const char *s)
{
	return s != NULL ? arena_strdup(&f->arena, s) : NULL;
}

/*
 * Make room for one more element in an array on the heap, growing by half
 * (a feed's item array is its largest single allocation).
 */
static void *
grow(void *arr, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return arr;
	*cap = *cap ? *cap + *cap / 2 : 8;
	return xreallocarray(arr, *cap, size);
}

/*
 * The same for a short array in the arena, whose capacity is implied:
 * n rounded up to a power of two (at least 4). The old copy is left
 * behind in the arena.
 */
static void *
grow_in_arena(struct feed *f, void *arr, size_t n, size_t size)
{
	void *bigger;

	if (n != 0 && (n < 4 || (n & (n - 1)) != 0))
		return arr;
	if (n > SIZE_MAX / 2 / size)
		xmalloc(SIZE_MAX);	/* reports the overflow and exits */
	bigger = arena_alloc(&f->arena, (n < 4 ? 4 : n * 2) * size);
	if (n > 0)
		memcpy(bigger, arr, n * size);
	return bigger;
}

struct feed_item *
feed_add_item(struct feed *f)
{
	struct feed_item *it;

	f->items = grow(f->items, f->nitems, &f->items_cap, sizeof(*f->items));
	it = &f->items[f->nitems++];
	memset(it, 0, sizeof(*it));
	return it;
}

void
feed_item_add_category(struct feed *f, struct feed_item *it, char *cat)
{
	it->categories = grow_in_arena(f, it->categories, it->ncategories,
	    sizeof(*it->categories));
	it->categories[it->ncategories++] = cat;
}

void
feed_item_add_enclosure(struct feed *f, struct feed_item *it, char *url,
    char *type, long long length)
{
	struct feed_enclosure *e;

	it->enclosures = grow_in_arena(f, it->enclosures, it->nenclosures,
	    sizeof(*it->enclosures));
	e = &it->enclosures[it->nenclosures++];
	e->url = url;
	e->type = type;
	e->length = length;
}

void
feed_add_error(struct feed *f, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	/* A hostile document could make one error per byte: keep a few. */
	if (f->nerrors >= 20)
		return;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	f->errors = grow(f->errors, f->nerrors, &f->errors_cap,
	    sizeof(*f->errors));
	f->errors[f->nerrors++] = buf_detach(&b, NULL);
}

const char *
feed_format_name(enum feed_format fmt)
{
	switch (fmt) {
	case FEED_FORMAT_RSS090:
		return "rss0.9x";
	case FEED_FORMAT_RSS10:
		return "rss1.0";
	case FEED_FORMAT_RSS20:
		return "rss2.0";
	case FEED_FORMAT_ATOM03:
		return "atom0.3";
	case FEED_FORMAT_ATOM10:
		return "atom1.0";
	case FEED_FORMAT_UNKNOWN:
		break;
	}
	return NULL;
}
