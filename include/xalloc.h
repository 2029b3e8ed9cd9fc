/*
 * xalloc: checked allocation.
 *
 * Every allocation in telex goes through these wrappers. They reject
 * n * size overflow and, on failure, print the size that could not be had
 * and exit: a newsreader cannot usefully go on without memory, and a
 * silent NULL further down is worse. A caller that owns the terminal
 * registers a hook with xalloc_set_fatal_hook() so the screen is restored
 * before the message is printed.
 */
#ifndef TELEX_XALLOC_H
#define TELEX_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
/* reallocarray with the same checks: n * size bytes, never overflowing. */
void *xreallocarray(void *ptr, size_t n, size_t size);
char *xstrdup(const char *s);
/* Copy of the first len bytes of s, NUL-terminated. */
char *xmemdup(const char *s, size_t len);

/* Called once, before the out-of-memory message, e.g. to end curses. */
void xalloc_set_fatal_hook(void (*hook)(void));

#endif
