/*
 * Arena allocation (arena.h). Blocks double from 16 KiB, so a small feed
 * costs little, up to 2 MiB; those largest blocks are mapped aligned and
 * marked for transparent huge pages, which turns the 512 page faults of
 * filling one into one. Measured on a 60 MB feed: faulting in the memory
 * for its strings was a third of the parse time with 4 KiB pages, and
 * nearly nothing with huge pages; the price is that a kernel short of
 * free huge pages compacts memory first, which at worst cost as much
 * again. A request larger than a quarter of the largest block gets a
 * block of its own, so a huge string wastes no more than the tail of
 * the current block.
 */
/* mmap(MAP_ANONYMOUS) and madvise() are outside POSIX. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "xalloc.h"
#include "banned.h"

#define FIRST_BLOCK ((size_t)16 << 10)
#define HUGE_BLOCK ((size_t)2 << 20)	/* the x86-64 huge page size */
#define ALIGN alignof(max_align_t)

struct arena_block {
	struct arena_block *next;
	size_t mapped;		/* bytes mmap()ed, 0 when from malloc */
	alignas(max_align_t) char data[];
};

/* A block with room for size bytes of data. */
static struct arena_block *
block_new(size_t size)
{
	struct arena_block *b;
	char *map, *aligned;
	size_t head;

	if (size > SIZE_MAX - sizeof(struct arena_block) - 2 * HUGE_BLOCK)
		xmalloc(SIZE_MAX);	/* reports the overflow and exits */
	if (size + sizeof(*b) == HUGE_BLOCK) {
		/* Map twice the size and keep the aligned middle. */
		map = mmap(NULL, 2 * HUGE_BLOCK, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (map != MAP_FAILED) {
			aligned = (char *)(((uintptr_t)map + HUGE_BLOCK - 1) &
			    ~(uintptr_t)(HUGE_BLOCK - 1));
			head = (size_t)(aligned - map);
			if (head > 0)
				munmap(map, head);
			munmap(aligned + HUGE_BLOCK, HUGE_BLOCK - head);
			/* Only a hint: without THP the block still works. */
			(void)madvise(aligned, HUGE_BLOCK, MADV_HUGEPAGE);
			b = (struct arena_block *)(void *)aligned;
			b->mapped = HUGE_BLOCK;
			return b;
		}
	}
	b = xmalloc(sizeof(*b) + size);
	b->mapped = 0;
	return b;
}

static void
block_free(struct arena_block *b)
{
	if (b->mapped != 0)
		munmap(b, b->mapped);
	else
		free(b);
}

void
arena_init(struct arena *a)
{
	a->blocks = NULL;
	a->cur = a->end = NULL;
	a->used = 0;
	a->next_block = FIRST_BLOCK;
}

void
arena_release(struct arena *a)
{
	struct arena_block *b, *next;

	for (b = a->blocks; b != NULL; b = next) {
		next = b->next;
		block_free(b);
	}
	arena_init(a);
}

/* n bytes at the given alignment (a power of two, at most ALIGN). */
static void *
bump(struct arena *a, size_t n, size_t align)
{
	struct arena_block *b;
	uintptr_t at = (uintptr_t)a->cur;
	size_t pad = (align - (at & (align - 1))) & (align - 1), size;
	char *p;

	if (a->cur != NULL && n <= (size_t)(a->end - a->cur) &&
	    pad <= (size_t)(a->end - a->cur) - n) {
		p = a->cur + pad;
		a->cur = p + n;
		a->used += n;
		return p;
	}
	a->used += n;
	if (n > HUGE_BLOCK / 4) {
		/* A block of its own, kept behind the current one. */
		b = block_new(n);
		if (a->blocks != NULL) {
			b->next = a->blocks->next;
			a->blocks->next = b;
		} else {
			b->next = NULL;
			a->blocks = b;
		}
		return b->data;
	}
	while (a->next_block < HUGE_BLOCK && a->next_block / 4 < n)
		a->next_block *= 2;
	size = a->next_block - sizeof(*b);
	if (a->next_block < HUGE_BLOCK)
		a->next_block *= 2;
	b = block_new(size);
	b->next = a->blocks;
	a->blocks = b;
	a->cur = b->data + n;
	a->end = b->data + size;
	return b->data;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	return bump(a, n != 0 ? n : 1, ALIGN);
}

void *
arena_alloc_bytes(struct arena *a, size_t n)
{
	return bump(a, n != 0 ? n : 1, 1);
}

char *
arena_memdup(struct arena *a, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		xmalloc(SIZE_MAX);
	p = bump(a, len + 1, 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_memdup(a, s, strlen(s));
}
