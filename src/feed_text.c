/*
 * Collecting one field's value (feed_text.h).
 *
 * Character data directly inside the field is kept as expat decoded it,
 * except in inline XHTML, where it is markup text and so re-escaped.
 * Child elements are written back as tags; for a lone wrapping <div> the
 * offsets of its content are remembered so finishing can cut it out
 * without a second pass.
 */
#include "feed_text.h"

#include <string.h>
#include <strings.h>

#include "html_links.h"
#include "banned.h"

void
feed_text_init(struct feed_text *t)
{
	memset(t, 0, sizeof(*t));
	buf_init(&t->text);
}

void
feed_text_release(struct feed_text *t)
{
	buf_release(&t->text);
	feed_text_init(t);
}

static void
append_escaped(struct buf *b, const char *s, size_t len, int in_attr)
{
	size_t i, start = 0;
	const char *rep;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			if (!in_attr)
				continue;
			rep = "&quot;";
			break;
		default:
			continue;
		}
		buf_append(b, s + start, i - start);
		buf_append_str(b, rep);
		start = i + 1;
	}
	buf_append(b, s + start, len - start);
}

static int
is_void_element(const char *name)
{
	static const char *const voids[] = { "area", "base", "br", "col",
		"embed", "hr", "img", "input", "link", "meta", "param",
		"source", "track", "wbr" };
	size_t i;

	for (i = 0; i < sizeof(voids) / sizeof(voids[0]); i++)
		if (strcasecmp(name, voids[i]) == 0)
			return 1;
	return 0;
}

void
feed_text_begin(struct feed_text *t, size_t depth, enum feed_text_mode mode,
    int strip_div)
{
	buf_reset(&t->text);
	t->active = 1;
	t->depth = depth;
	t->mode = mode;
	t->strip_div = strip_div;
	t->top_elements = 0;
	t->first_is_div = t->text_outside = t->truncated = 0;
	t->div_start = t->div_end = 0;
}

void
feed_text_start_tag(struct feed_text *t, size_t depth, const char *name,
    const char **atts)
{
	int top = depth == t->depth + 1;

	if (top && t->top_elements++ == 0 && strcmp(name, "div") == 0)
		t->first_is_div = 1;
	buf_append_char(&t->text, '<');
	buf_append_str(&t->text, name);
	for (; atts[0] != NULL; atts += 2) {
		if (strncmp(atts[0], "xmlns", 5) == 0 &&
		    (atts[0][5] == '\0' || atts[0][5] == ':'))
			continue;
		buf_append_char(&t->text, ' ');
		buf_append_str(&t->text, atts[0]);
		buf_append_str(&t->text, "=\"");
		append_escaped(&t->text, atts[1], strlen(atts[1]), 1);
		buf_append_char(&t->text, '"');
	}
	buf_append_char(&t->text, '>');
	if (top && t->top_elements == 1)
		t->div_start = t->text.len;
}

void
feed_text_end_tag(struct feed_text *t, size_t depth, const char *name)
{
	if (depth == t->depth + 1 && t->top_elements == 1)
		t->div_end = t->text.len;
	if (is_void_element(name))
		return;
	buf_append_str(&t->text, "</");
	buf_append_str(&t->text, name);
	buf_append_char(&t->text, '>');
}

static int
all_space(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

void
feed_text_chars(struct feed_text *t, size_t depth, const char *s, size_t len)
{
	if (t->text.len + len > FEED_TEXT_MAX_BYTES) {
		t->truncated = 1;
		return;
	}
	if (depth == t->depth) {
		if (!t->text_outside && !all_space(s, len))
			t->text_outside = 1;
		if (t->mode != TEXT_XHTML) {
			buf_append(&t->text, s, len);
			return;
		}
	}
	if (t->mode == TEXT_ATOM_HTML)
		buf_append(&t->text, s, len);
	else
		append_escaped(&t->text, s, len, 0);
}

static int
base64_value(unsigned char ch)
{
	if (ch >= 'A' && ch <= 'Z')
		return ch - 'A';
	if (ch >= 'a' && ch <= 'z')
		return ch - 'a' + 26;
	if (ch >= '0' && ch <= '9')
		return ch - '0' + 52;
	if (ch == '+' || ch == '-')
		return 62;
	if (ch == '/' || ch == '_')
		return 63;
	return -1;
}

/* Decode base64 in place; whitespace and padding are skipped. */
static void
base64_decode(struct buf *b)
{
	size_t i, out = 0;
	unsigned long acc = 0;
	int bits = 0, v;

	for (i = 0; i < b->len; i++) {
		v = base64_value((unsigned char)b->ptr[i]);
		if (v < 0)
			continue;
		acc = (acc << 6) | (unsigned long)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			b->ptr[out++] = (char)((acc >> bits) & 0xFF);
		}
	}
	buf_truncate(b, out);
}

int
feed_text_is_html(enum feed_text_mode mode)
{
	return mode == TEXT_HTML || mode == TEXT_ATOM_HTML ||
	    mode == TEXT_XHTML;
}

void
feed_text_finish(struct feed_text *t, const char *base)
{
	struct buf *b = &t->text;

	t->active = 0;
	if (t->mode == TEXT_BASE64)
		base64_decode(b);
	if (t->strip_div && t->top_elements == 1 && t->first_is_div &&
	    !t->text_outside && t->div_end >= t->div_start) {
		memmove(b->ptr, b->ptr + t->div_start,
		    t->div_end - t->div_start);
		buf_truncate(b, t->div_end - t->div_start);
	}
	buf_trim(b);
	if (feed_text_is_html(t->mode))
		html_resolve_links(b, base);
}
