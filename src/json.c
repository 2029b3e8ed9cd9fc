/*
 * JSON output (json.h). Escaping copies runs of safe bytes in one append,
 * so long article bodies cost little more than a memcpy.
 */
#include "json.h"

#include <stdio.h>
#include <string.h>

#include "charset.h"
#include "date.h"
#include "banned.h"

/* Length of the UTF-8 sequence starting at s, or 0 when it is invalid. */
static size_t
valid_sequence(const char *s, size_t len)
{
	size_t n = len < 4 ? len : 4;
	size_t ok = utf8_valid_prefix(s, n);
	unsigned char c = (unsigned char)s[0];
	size_t need = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;

	return ok >= need ? need : 0;
}

/* Bytes written as they are: printable ASCII but the quote and backslash. */
static const unsigned char plain[256] = {
	[0x20] = 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x30] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x40] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x50] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	[0x60] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x70] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
};

void
json_append_string(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, start = 0, n;
	unsigned char c;
	char esc[7];

	if (s == NULL) {
		buf_append(b, "null", 4);
		return;
	}
	buf_grow(b, len + 2);
	buf_append_char(b, '"');
	while (i < len) {
		while (i < len && plain[(unsigned char)s[i]])
			i++;
		if (i == len)
			break;
		c = (unsigned char)s[i];
		buf_append(b, s + start, i - start);
		if (c >= 0x80) {
			n = valid_sequence(s + i, len - i);
			if (n == 0) {
				buf_append_str(b, "\xEF\xBF\xBD");
				n = 1;
			} else if (n == 2 && c == 0xC2 &&
			    (unsigned char)s[i + 1] < 0xA0) {
				/* C1 controls: escaped, as C0 ones are, so
				 * JSON printed to a terminal stays inert */
				memcpy(esc, "\\u00", 4);
				esc[4] = hex[((unsigned char)s[i + 1]) >> 4];
				esc[5] = hex[s[i + 1] & 0xF];
				buf_append(b, esc, 6);
			} else if (n == 3 && c == 0xE2 &&
			    (unsigned char)s[i + 1] == 0x80 &&
			    ((unsigned char)s[i + 2] == 0xA8 ||
			    (unsigned char)s[i + 2] == 0xA9)) {
				buf_append_str(b, (unsigned char)s[i + 2] ==
				    0xA8 ? "\\u2028" : "\\u2029");
			} else {
				buf_append(b, s + i, n);
			}
			i += n;
		} else {
			switch (c) {
			case '"':
				buf_append_str(b, "\\\"");
				break;
			case '\\':
				buf_append_str(b, "\\\\");
				break;
			case '\n':
				buf_append_str(b, "\\n");
				break;
			case '\t':
				buf_append_str(b, "\\t");
				break;
			case '\r':
				buf_append_str(b, "\\r");
				break;
			default:	/* other controls and DEL */
				memcpy(esc, "\\u00", 4);
				esc[4] = hex[c >> 4];
				esc[5] = hex[c & 0xF];
				buf_append(b, esc, 6);
				break;
			}
			i++;
		}
		start = i;
	}
	buf_append(b, s + start, i - start);
	buf_append_char(b, '"');
}

void
json_append_cstr(struct buf *b, const char *s)
{
	json_append_string(b, s, s != NULL ? strlen(s) : 0);
}

static void
append_date(struct buf *b, const struct feed_date *d)
{
	char iso[DATE_ISO_SIZE];

	if (!d->known || date_format_iso(d->t, iso) != 0) {
		buf_append_str(b, "null");
		return;
	}
	buf_append_char(b, '"');
	buf_append_str(b, iso);
	buf_append_char(b, '"');
}

static void
append_key(struct buf *b, const char *key, int first)
{
	if (!first)
		buf_append_str(b, ", ");
	buf_append_char(b, '"');
	buf_append_str(b, key);
	buf_append_str(b, "\": ");
}

static void
append_item(struct buf *b, const struct feed_item *it)
{
	size_t i;
	const struct feed_enclosure *e;

	buf_append_char(b, '{');
	append_key(b, "id", 1);
	json_append_cstr(b, it->id);
	append_key(b, "title", 0);
	json_append_cstr(b, it->title);
	append_key(b, "link", 0);
	json_append_cstr(b, it->link);
	append_key(b, "author", 0);
	json_append_cstr(b, it->author);
	append_key(b, "published", 0);
	append_date(b, &it->published);
	append_key(b, "updated", 0);
	append_date(b, &it->updated);
	append_key(b, "summary", 0);
	json_append_cstr(b, it->summary);
	append_key(b, "content", 0);
	json_append_cstr(b, it->content);
	append_key(b, "categories", 0);
	buf_append_char(b, '[');
	for (i = 0; i < it->ncategories; i++) {
		if (i > 0)
			buf_append_str(b, ", ");
		json_append_cstr(b, it->categories[i]);
	}
	buf_append_char(b, ']');
	append_key(b, "enclosures", 0);
	buf_append_char(b, '[');
	for (i = 0; i < it->nenclosures; i++) {
		e = &it->enclosures[i];
		if (i > 0)
			buf_append_str(b, ", ");
		buf_append_char(b, '{');
		append_key(b, "url", 1);
		json_append_cstr(b, e->url);
		append_key(b, "type", 0);
		json_append_cstr(b, e->type);
		append_key(b, "length", 0);
		if (e->length >= 0)
			buf_printf(b, "%lld", e->length);
		else
			buf_append_str(b, "null");
		buf_append_char(b, '}');
	}
	buf_append_str(b, "]}");
}

/* Write out and empty b when streaming to fp; returns -1 on a write error. */
static int
flush(struct buf *b, FILE *fp)
{
	int r = 0;

	if (fp == NULL)
		return 0;
	if (b->len > 0 && fwrite(b->ptr, 1, b->len, fp) != b->len)
		r = -1;
	buf_reset(b);
	return r;
}

static int
emit(const struct feed *f, struct buf *b, FILE *fp)
{
	size_t i;
	int r = 0;

	buf_append_str(b, "{\"feed\": {");
	append_key(b, "format", 1);
	json_append_cstr(b, feed_format_name(f->format));
	append_key(b, "title", 0);
	json_append_cstr(b, f->title);
	append_key(b, "link", 0);
	json_append_cstr(b, f->link);
	append_key(b, "description", 0);
	json_append_cstr(b, f->description);
	append_key(b, "language", 0);
	json_append_cstr(b, f->language);
	append_key(b, "updated", 0);
	append_date(b, &f->updated);
	buf_append_str(b, "},\n \"items\": [");
	for (i = 0; i < f->nitems; i++) {
		buf_append_str(b, i > 0 ? ",\n  " : "\n  ");
		append_item(b, &f->items[i]);
		r |= flush(b, fp);
	}
	buf_append_str(b, "],\n \"errors\": [");
	for (i = 0; i < f->nerrors; i++) {
		if (i > 0)
			buf_append_str(b, ", ");
		json_append_cstr(b, f->errors[i]);
	}
	buf_append_str(b, "]}\n");
	r |= flush(b, fp);
	return r;
}

void
feed_to_json(const struct feed *f, struct buf *b)
{
	emit(f, b, NULL);
}

int
feed_write_json(const struct feed *f, FILE *fp)
{
	struct buf b = BUF_INIT;
	int r = emit(f, &b, fp);

	buf_release(&b);
	return r;
}
