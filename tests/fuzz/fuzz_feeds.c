/*
 * libFuzzer target: the feeds file parser and its text editors. Checks
 * what callers rely on: every loaded URL passes feeds_url_problem(),
 * tags are non-empty and unique; adding the first feed's URL with a new
 * tag and removing it are seen by a re-parse; and plain web feeds
 * (printable ASCII URLs) survive opml_write() then opml_parse().
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "feeds.h"
#include "opml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_list(const struct feeds *f)
{
	const struct feeds_entry *e;
	size_t i, j, k;

	for (i = 0; i < f->n; i++) {
		e = &f->entries[i];
		if (feeds_url_problem(e->url, strlen(e->url)) != NULL ||
		    feeds_find(f, e->url) != e)
			abort();
		for (j = 0; j < e->ntags; j++) {
			if (e->tags[j][0] == '\0')
				abort();
			for (k = 0; k < j; k++)
				if (strcmp(e->tags[k], e->tags[j]) == 0)
					abort();
		}
	}
}

/* URLs the OPML writer keeps byte for byte (others it percent-encodes). */
static int
printable_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f)
			return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *tags[] = { "fuzz \"tag\"\\", "!h" };
	struct feeds f, g;
	struct buf out = BUF_INIT, opml = BUF_INIT;
	struct feeds_entry *e;
	char *url;
	size_t i;
	int r;

	feeds_init(&f);
	feeds_parse(&f, text, size, "fuzz");
	check_list(&f);
	if (f.n == 0)
		goto done;
	url = f.entries[0].url;

	r = feeds_text_add(text, size, url, tags, 2, "T\"", &out);
	if (r < 0)
		abort();
	feeds_init(&g);
	feeds_parse(&g, out.ptr, out.len, "fuzz");
	if ((e = feeds_find(&g, url)) == NULL || e->ntags < 2 ||
	    e->title == NULL || !e->hidden)
		abort();
	feeds_release(&g);

	r = feeds_text_remove(text, size, url, &out);
	if (r < 1)
		abort();
	feeds_init(&g);
	feeds_parse(&g, out.ptr, out.len, "fuzz");
	if (feeds_find(&g, url) != NULL)
		abort();
	feeds_release(&g);

	opml_write(&f, NULL, NULL, 0, &opml);
	feeds_init(&g);
	if (opml_parse(&g, opml.ptr, opml.len, NULL) != 0)
		abort();
	for (i = 0; i < f.n; i++)
		if (f.entries[i].kind == FEEDS_KIND_URL &&
		    printable_ascii(f.entries[i].url) &&
		    feeds_find(&g, f.entries[i].url) == NULL)
			abort();
	feeds_release(&g);
done:
	buf_release(&out);
	buf_release(&opml);
	feeds_release(&f);
	return 0;
}
