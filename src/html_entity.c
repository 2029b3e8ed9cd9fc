/*
 * HTML named character references (see html_entity.h).
 *
 * html_entity_table.h is a sorted array of the 2125 HTML5 names, made by
 * tools/gen_html_entities.py; a lookup is a binary search over it, about
 * eleven comparisons, with no set-up and nothing allocated.
 */
#include "html_entity.h"

#include <string.h>

#include "html_entity_table.h"
#include "banned.h"

/* memcmp order, then the shorter name first: the order strcmp gives. */
static int
compare_name(const char *name, size_t len, const char *row)
{
	size_t rowlen = strlen(row);
	int c;

	c = memcmp(name, row, len < rowlen ? len : rowlen);
	if (c != 0)
		return c;
	return (len > rowlen) - (len < rowlen);
}

const char *
html_entity_lookup(const char *name, size_t len)
{
	size_t lo = 0, hi = HTML_ENTITY_COUNT, mid;
	int c;

	/* Names hold no NUL, so one with a NUL simply matches nothing. */
	if (len == 0 || len > HTML_ENTITY_NAME_MAX)
		return NULL;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = compare_name(name, len, html_entity_table[mid].name);
		if (c == 0)
			return html_entity_table[mid].utf8;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
