/*
 * libFuzzer target: OPML import and export. Whatever the input, what was
 * read must write out as a document that reads back without error and
 * gives the same feeds (those other readers can poll), titles and tags
 * (the round trip `telex export` then `telex import` promises).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "feeds.h"
#include "opml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feeds f, g;
	struct buf out = BUF_INIT;
	const struct feeds_entry *a, *b;
	size_t i, j;

	feeds_init(&f);
	feeds_init(&g);
	opml_parse(&f, (const char *)data, size, "fuzz.opml");
	opml_write(&f, NULL, NULL, (int64_t)size * 86400 * 365, &out);
	if (opml_parse(&g, out.ptr, out.len, NULL) != 0)
		abort();
	/* Export writes the feeds other readers can poll: newsboat's query,
	 * exec and filter lines stay out. */
	for (i = 0, j = 0; i < f.n; i++)
		j += f.entries[i].kind == FEEDS_KIND_URL;
	if (g.n != j)
		abort();
	for (i = 0; i < f.n; i++) {
		a = &f.entries[i];
		if (a->kind != FEEDS_KIND_URL)
			continue;
		if ((b = feeds_find(&g, a->url)) == NULL)
			abort();
		if (!same(a->title, b->title) || !same(a->site, b->site) ||
		    a->hidden != b->hidden || a->ntags != b->ntags)
			abort();
		for (j = 0; j < a->ntags; j++)
			if (strcmp(a->tags[j], b->tags[j]) != 0)
				abort();
	}
	buf_release(&out);
	feeds_release(&f);
	feeds_release(&g);
	return 0;
}
