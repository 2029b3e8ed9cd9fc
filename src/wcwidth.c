/*
 * Display width (wcwidth.h): a binary search in the generated ranges of
 * wcwidth_table.h, after a fast path for ASCII and Latin text, which is
 * most of what a newsreader measures.
 */
#include "wcwidth.h"

#include "charset.h"
#include "wcwidth_table.h"
#include "banned.h"

static int
in_table(const struct wcwidth_range *t, size_t n, unsigned long cp)
{
	size_t lo = 0, hi = n, mid;

	if (cp < t[0].lo || cp > t[n - 1].hi)
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp > t[mid].hi)
			lo = mid + 1;
		else if (cp < t[mid].lo)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

int
wcwidth_of(unsigned long cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return -1;
	if (cp < 0x300)
		return 1;
	if (in_table(wcwidth_zero, sizeof wcwidth_zero / sizeof wcwidth_zero[0],
	    cp))
		return 0;
	if (in_table(wcwidth_wide, sizeof wcwidth_wide / sizeof wcwidth_wide[0],
	    cp))
		return 2;
	return 1;
}

size_t
utf8_decode(const char *s, size_t len, unsigned long *cp)
{
	unsigned char c = (unsigned char)s[0];
	size_t n, k;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (c < 0xC2 || c > 0xF4 || n > len || utf8_valid_prefix(s, n) != n) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
	for (k = 1; k < n; k++)
		*cp = (*cp << 6) | ((unsigned char)s[k] & 0x3Fu);
	return n;
}

int
utf8_width(const char *s, size_t len)
{
	size_t i = 0;
	unsigned long cp;
	int w, total = 0;

	while (i < len) {
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
			total++;
			i++;
			continue;
		}
		i += utf8_decode(s + i, len - i, &cp);
		w = wcwidth_of(cp);
		if (w > 0)
			total += w;
	}
	return total;
}
