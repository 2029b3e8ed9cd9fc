/*
 * Checked allocation; see xalloc.h for why failure is fatal here.
 */
#include "xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "banned.h"

static void (*fatal_hook)(void);

void
xalloc_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

static void
out_of_memory(size_t n, size_t size)
{
	if (fatal_hook != NULL)
		fatal_hook();
	fprintf(stderr, "telex: out of memory allocating %zu * %zu bytes\n",
	    n, size);
	exit(2);
}

void *
xreallocarray(void *ptr, size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size)
		out_of_memory(n, size);
	if (n == 0 || size == 0)
		n = size = 1;
	p = realloc(ptr, n * size);
	if (p == NULL)
		out_of_memory(n, size);
	return p;
}

void *
xmalloc(size_t size)
{
	return xreallocarray(NULL, 1, size);
}

void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	p = calloc(n, size);
	if (p == NULL)
		out_of_memory(n, size);
	return p;
}

char *
xmemdup(const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		out_of_memory(len, 1);
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xmemdup(s, strlen(s));
}
