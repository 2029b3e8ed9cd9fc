/*
 * The text of HTML for indexing (html_text.h). A tag becomes a space so
 * that "a<br>b" is two words; a block of script or style is skipped to
 * its end tag.
 */
#include "html_text.h"

#include <string.h>
#include <strings.h>

#include "html_entity.h"
#include "banned.h"

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void
put_space(struct buf *out)
{
	if (out->len > 0 && out->ptr[out->len - 1] != ' ')
		buf_append_char(out, ' ');
}

/* Decode the reference at s[0] == '&'; returns bytes used (0: literal). */
static size_t
put_reference(struct buf *out, const char *s, size_t len)
{
	const char *semi = memchr(s, ';', len < 40 ? len : 40);
	unsigned long cp = 0;
	const char *text;
	size_t i, n;

	if (semi == NULL)
		return 0;
	n = (size_t)(semi - s);
	if (n >= 2 && s[1] == '#') {
		int hex = n >= 3 && (s[2] == 'x' || s[2] == 'X');
		for (i = hex ? 3 : 2; i < n; i++) {
			char c = s[i];
			int d = c >= '0' && c <= '9' ? c - '0' :
			    hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			    hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			if (d < 0 || cp > 0x10FFFF)
				return 0;
			cp = cp * (hex ? 16 : 10) + (unsigned long)d;
		}
		if (i == (hex ? 3u : 2u) || cp == 0 || cp > 0x10FFFF)
			return 0;
		if (cp < 0x20 || cp == 0xA0)
			put_space(out);
		else
			buf_append_utf8(out, cp);
		return n + 1;
	}
	text = html_entity_lookup(s + 1, n - 1);
	if (text == NULL)
		return 0;
	if (strcmp(text, "\xc2\xa0") == 0)
		put_space(out);
	else
		buf_append_str(out, text);
	return n + 1;
}

/* Where the raw-text element (script, style) opened at s ends. */
static size_t
skip_raw_text(const char *s, size_t len, size_t i, const char *name)
{
	size_t n = strlen(name);

	for (; i + n + 2 <= len; i++)
		if (s[i] == '<' && s[i + 1] == '/' &&
		    strncasecmp(s + i + 2, name, n) == 0)
			return i;
	return len;
}

/* Just past the "-->" closing a comment whose body starts at i. */
static size_t
comment_end(const char *s, size_t len, size_t i)
{
	for (; i + 3 <= len; i++)
		if (s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>')
			return i + 3;
	return len;
}

void
html_text_append(struct buf *out, const char *s, size_t len)
{
	size_t i = 0, run, used;
	const char *end;

	while (i < len) {
		run = i;
		while (i < len && s[i] != '<' && s[i] != '&' && !is_space(s[i]))
			i++;
		buf_append(out, s + run, i - run);
		if (i >= len)
			break;
		if (is_space(s[i])) {
			put_space(out);
			i++;
		} else if (s[i] == '&') {
			used = put_reference(out, s + i, len - i);
			if (used == 0) {
				buf_append_char(out, '&');
				used = 1;
			}
			i += used;
		} else if (i + 4 <= len && memcmp(s + i, "<!--", 4) == 0) {
			i = comment_end(s, len, i + 4);
		} else {
			int script = i + 7 <= len &&
			    strncasecmp(s + i + 1, "script", 6) == 0;
			int style = i + 6 <= len &&
			    strncasecmp(s + i + 1, "style", 5) == 0;
			end = memchr(s + i, '>', len - i);
			i = end != NULL ? (size_t)(end - s) + 1 : len;
			if (script)
				i = skip_raw_text(s, len, i, "script");
			else if (style)
				i = skip_raw_text(s, len, i, "style");
			put_space(out);
		}
	}
	while (out->len > 0 && out->ptr[out->len - 1] == ' ')
		buf_truncate(out, out->len - 1);
}
