/*
 * libFuzzer target for extract_article. The input is the page; when it
 * holds a NUL, the bytes before the first one are the base URL. Besides
 * memory safety it checks what extract.h promises: html is never NULL,
 * and the result is the same when the page is extracted again.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "xalloc.h"

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
	const char *p = (const char *)data, *nul;
	struct extract_result r, again;
	char *base = NULL;
	int rc;

	nul = memchr(p, '\0', size < 256 ? size : 256);
	if (nul != NULL) {
		base = xmemdup(p, (size_t)(nul - p));
		size -= (size_t)(nul - p) + 1;
		p = nul + 1;
	}
	rc = extract_article(p, size, base, &r);
	if (r.html == NULL || (rc != 0 && rc != -1))
		abort();
	if (extract_article(p, size, base, &again) != rc ||
	    !same(r.html, again.html) || !same(r.title, again.title) ||
	    !same(r.byline, again.byline) || !same(r.date, again.date))
		abort();
	extract_result_release(&again);
	extract_result_release(&r);
	free(base);
	return 0;
}
