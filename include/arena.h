/*
 * arena: many small allocations with one lifetime, freed in one call.
 *
 * A parsed feed owns thousands of strings that live and die together;
 * taking them from an arena replaces a malloc and a free per string with
 * a pointer bump, and releasing the feed frees a few large blocks.
 * Memory from an arena is never freed on its own: overwriting a string
 * leaves the old bytes in place until arena_release().
 */
#ifndef TELEX_ARENA_H
#define TELEX_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *blocks;
	char *cur, *end;	/* free space in the newest block */
	size_t used;		/* bytes handed out, for reports */
	size_t next_block;	/* size of the next block to allocate */
};

void arena_init(struct arena *a);
/* Free every block; a is left initialised and empty. */
void arena_release(struct arena *a);
/* n bytes aligned for any type; never NULL (xalloc.h's policy). */
void *arena_alloc(struct arena *a, size_t n);
/* n bytes with no alignment: consecutive calls are adjacent in memory
 * while they fit in the current block. */
void *arena_alloc_bytes(struct arena *a, size_t n);
/* A NUL-terminated copy of s[0..len). */
char *arena_memdup(struct arena *a, const char *s, size_t len);
char *arena_strdup(struct arena *a, const char *s);

#endif
