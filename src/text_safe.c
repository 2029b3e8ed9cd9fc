/*
 * Terminal-safe text (text_safe.h). One pass over UTF-8: each sequence
 * is validated and its code point checked against the unsafe ranges.
 */
#include "text_safe.h"

#include <stdio.h>
#include <string.h>

#include "charset.h"
#include "banned.h"

int
text_safe_unsafe(unsigned long c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F) ||
	    (c >= 0x200B && c <= 0x200F) ||	/* zero widths, marks */
	    (c >= 0x2028 && c <= 0x202E) ||	/* separators, overrides */
	    (c >= 0x2060 && c <= 0x2069) ||	/* joiners, isolates */
	    c == 0xFEFF;
}

/* Longest control string dropped whole (an OSC 52 carries a clipboard). */
#define MAX_STRING 65536

/* A string's end at s[i]: BEL, ESC \ or C1 ST; its length, or 0. */
static size_t
string_end(const unsigned char *s, size_t len, size_t i)
{
	if (s[i] == 0x07)
		return 1;
	if (s[i] == 0x1b && i + 1 < len && s[i + 1] == '\\')
		return 2;
	if (s[i] == 0xc2 && i + 1 < len && s[i + 1] == 0x9c)
		return 2;
	return 0;
}

size_t
text_safe_escape_len(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i, e;
	int csi, string;

	if (len == 0)
		return 0;
	if (s[0] == 0x1b && len >= 2) {
		csi = s[1] == '[';
		string = s[1] == ']' || s[1] == 'P' || s[1] == 'X' ||
		    s[1] == '^' || s[1] == '_';
		i = 2;
	} else if (s[0] == 0xc2 && len >= 2 && (s[1] == 0x9b ||
	    s[1] == 0x9d || s[1] == 0x90)) {
		/* C1 CSI, OSC, DCS, as UTF-8 */
		csi = s[1] == 0x9b;
		string = !csi;
		i = 2;
	} else {
		return 0;
	}
	if (csi) {
		/* parameters, intermediates, one final byte */
		while (i < len && s[i] >= 0x20 && s[i] <= 0x3f)
			i++;
		return i < len && s[i] >= 0x40 && s[i] <= 0x7e ? i + 1 : i;
	}
	if (string) {
		for (; i < len && i < MAX_STRING; i++)
			if ((e = string_end(s, len, i)) > 0)
				return i + e;
		/* Unterminated: only the introducer goes. */
		return 2;
	}
	/* ESC, intermediates, a final byte (ESC c, ESC ( B, ESC 7). */
	i = 1;
	while (i < len && s[i] >= 0x20 && s[i] <= 0x2f)
		i++;
	return i < len && s[i] >= 0x30 && s[i] <= 0x7e ? i + 1 : 1;
}

int
text_safe_strip_escapes(const char *s, size_t len, struct buf *out)
{
	size_t i = 0, copied = 0, n;
	int found = 0;

	while (i < len) {
		/* ESC, or the lead byte of a C1 control in UTF-8 */
		if (s[i] != '\x1b' && s[i] != '\xc2') {
			i++;
			continue;
		}
		n = text_safe_escape_len(s + i, len - i);
		if (n == 0) {
			i++;
			continue;
		}
		if (!found) {
			buf_reset(out);
			found = 1;
		}
		buf_append(out, s + copied, i - copied);
		i += n;
		copied = i;
	}
	if (found)
		buf_append(out, s + copied, len - copied);
	return found;
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
		if ((n = text_safe_escape_len(s + i, len - i)) > 0) {
			i += n;
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
		if (!text_safe_unsafe(cp))
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
