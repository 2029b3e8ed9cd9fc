/*
 * libFuzzer target: the theme parser, on any bytes. Every reported
 * problem must name the file and a line and hold no control character;
 * every style must stay a valid colour pair, and every colour must map
 * into each palette size.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int problems;

static void
on_problem(void *ctx, const char *msg)
{
	const unsigned char *p;

	(void)ctx;
	if (strncmp(msg, "fuzz:", 5) != 0 || msg[5] < '1' || msg[5] > '9')
		abort();
	for (p = (const unsigned char *)msg; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			abort();
	problems++;
}

static int
colour_ok(int32_t c)
{
	return c == THEME_COLOUR_DEFAULT || (c >= 0 && c <= 255) ||
	    (c >= THEME_COLOUR_RGB && c <= (THEME_COLOUR_RGB | 0xffffff));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int sizes[] = { 0, 8, 16, 88, 256 };
	struct theme t;
	int e, s, bad, n;
	int32_t c;

	problems = 0;
	theme_init(&t);
	bad = theme_parse(&t, (const char *)data, size, "fuzz", on_problem,
	    NULL);
	if (bad != problems || bad < 0)
		abort();
	for (e = 0; e < THEME_NELEMENTS; e++) {
		if (!colour_ok(t.style[e].fg) || !colour_ok(t.style[e].bg) ||
		    t.style[e].attrs >= 1u << 7)
			abort();
		for (s = 0; s < 5; s++) {
			c = t.style[e].fg;
			n = theme_colour_nearest(c, sizes[s]);
			if (n != THEME_COLOUR_DEFAULT &&
			    (n < 0 || n >= (sizes[s] ? sizes[s] : 1)))
				abort();
		}
	}
	theme_release(&t);
	return 0;
}
