/*
 * Terminal-safe text (text_safe.h). One pass over UTF-8: each sequence
 * is validated and its code point checked against the unsafe ranges.
 */
#include "text_safe.h"

#include <stdio.h>
#include <string.h>

#include "charset.h"
#include "banned.h"

/* Code points never to reach a terminal. */
static int
unsafe(unsigned long c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F) ||
	    (c >= 0x200B && c <= 0x200F) ||	/* zero widths, marks */
	    (c >= 0x2028 && c <= 0x202E) ||	/* separators, overrides */
	    (c >= 0x2060 && c <= 0x2069) ||	/* joiners, isolates */
	    c == 0xFEFF;
}

static void
space(struct buf *out, size_t start)
{
	if (out->len > start && out->ptr[out->len - 1] != ' ')
		buf_append_char(out, ' ');
}

void
text_safe_append(struct buf *out, const char *s, size_t len)
{
	size_t start = out->len, i = 0, n;
	unsigned char c;
	unsigned long cp;

	if (s == NULL)
		return;
	while (i < len) {
		c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F) {
			if (c == ' ')
				space(out, start);
			else
				buf_append_char(out, (char)c);
			i++;
			continue;
		}
		if (c < 0x80) {
			if (c == '\t' || c == '\n' || c == '\r')
				space(out, start);
			i++;
			continue;
		}
		n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (n > len - i || utf8_valid_prefix(s + i, n) != n) {
			buf_append_str(out, "\xef\xbf\xbd");
			i++;
			continue;
		}
		cp = n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
		for (size_t k = 1; k < n; k++)
			cp = (cp << 6) | ((unsigned char)s[i + k] & 0x3Fu);
		if (!unsafe(cp))
			buf_append(out, s + i, n);
		else if (cp == 0x2028 || cp == 0x2029 || cp == 0x85)
			space(out, start);
		i += n;
	}
	while (out->len > start && out->ptr[out->len - 1] == ' ')
		buf_truncate(out, out->len - 1);
}

void
text_safe_report(const char *subject, const char *msg)
{
	struct buf b = BUF_INIT;

	buf_append_str(&b, "telex: ");
	if (subject != NULL) {
		text_safe_append(&b, subject, strlen(subject));
		buf_append_str(&b, ": ");
	}
	text_safe_append(&b, msg, strlen(msg));
	buf_append_char(&b, '\n');
	fputs(b.ptr, stderr);
	buf_release(&b);
}
