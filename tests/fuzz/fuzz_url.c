/*
 * libFuzzer target for url_resolve. The input is split at its first NUL
 * (or, without one, in half) into base and ref. Besides memory safety it
 * checks one property: once a result with a scheme (and no trailing
 * space) has been resolved again, further rounds change nothing, so
 * feeding resolved links back in cannot drift. The first round may still
 * change it: a query- or fragment-only ref keeps the base path verbatim,
 * dot segments and all, as RFC 3986 says.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "url.h"
#include "xalloc.h"

static int
is_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *nul;
	char *base, *ref, *out, *again, *third;
	size_t cut, len;

	nul = memchr(p, '\0', size);
	cut = nul != NULL ? (size_t)(nul - p) : size / 2;
	base = xmemdup(p, cut);
	if (nul != NULL)
		cut++;
	ref = xmemdup(p + cut, size - cut);

	out = url_resolve(base, ref);
	if (out == NULL)
		abort();
	len = strlen(out);
	if (url_has_scheme(out) && len > 0 &&
	    !is_space((unsigned char)out[len - 1])) {
		again = url_resolve(base, out);
		third = url_resolve(base, again);
		if (strcmp(again, third) != 0)
			abort();
		free(third);
		free(again);
	}
	(void)url_is_http(out);
	free(out);
	free(url_resolve(ref, base));
	free(base);
	free(ref);
	return 0;
}
