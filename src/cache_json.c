/*
 * Categories and enclosures back from the JSON arrays cache.c stores
 * (cache_priv.h). The reader is strict: it takes exactly the shape
 * cache.c writes (JSON space allowed), any escape JSON allows, and
 * nothing else; a malformed column gives no categories or enclosures
 * rather than a partial or wrong list, so a cache edited by hand cannot
 * crash or fool the reader. The input is (pointer, length), never read
 * past its end; \u0000 is refused, since the strings are C strings.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cache_priv.h"
#include "xalloc.h"
#include "banned.h"

/* A strict reader of the JSON that cache.c writes, over (p, end). */
struct json_in {
	const unsigned char *p, *end;
};

static void
json_space(struct json_in *in)
{
	while (in->p < in->end && (*in->p == ' ' || *in->p == '\t' ||
	    *in->p == '\n' || *in->p == '\r'))
		in->p++;
}

/* Take ch (after any space) if it comes next. */
static int
json_take(struct json_in *in, char ch)
{
	json_space(in);
	if (in->p < in->end && *in->p == (unsigned char)ch) {
		in->p++;
		return 1;
	}
	return 0;
}

static int
json_null(struct json_in *in)
{
	json_space(in);
	if (in->end - in->p >= 4 && memcmp(in->p, "null", 4) == 0) {
		in->p += 4;
		return 1;
	}
	return 0;
}

static int
json_hex4(struct json_in *in, unsigned long *out)
{
	unsigned long v = 0;
	int i, d;

	if (in->end - in->p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		d = in->p[i];
		if (d >= '0' && d <= '9')
			d -= '0';
		else if (d >= 'a' && d <= 'f')
			d -= 'a' - 10;
		else if (d >= 'A' && d <= 'F')
			d -= 'A' - 10;
		else
			return -1;
		v = v << 4 | (unsigned long)d;
	}
	in->p += 4;
	*out = v;
	return 0;
}

/* A string into b (reset first). -1 on anything but a whole string. */
static int
json_string(struct json_in *in, struct buf *b)
{
	unsigned long cp, lo;
	unsigned char ch;

	buf_reset(b);
	if (!json_take(in, '"'))
		return -1;
	for (;;) {
		if (in->p == in->end)
			return -1;
		ch = *in->p++;
		if (ch == '"')
			return 0;
		if (ch < 0x20)
			return -1;
		if (ch != '\\') {
			buf_append_char(b, (char)ch);
			continue;
		}
		if (in->p == in->end)
			return -1;
		switch (ch = *in->p++) {
		case '"': case '\\': case '/':
			buf_append_char(b, (char)ch);
			break;
		case 'b': buf_append_char(b, '\b'); break;
		case 'f': buf_append_char(b, '\f'); break;
		case 'n': buf_append_char(b, '\n'); break;
		case 'r': buf_append_char(b, '\r'); break;
		case 't': buf_append_char(b, '\t'); break;
		case 'u':
			if (json_hex4(in, &cp) != 0 || cp == 0)
				return -1;
			if (cp >= 0xD800 && cp < 0xDC00 && in->end - in->p >= 6 &&
			    in->p[0] == '\\' && in->p[1] == 'u') {
				in->p += 2;
				if (json_hex4(in, &lo) != 0)
					return -1;
				if (lo >= 0xDC00 && lo < 0xE000) {
					cp = 0x10000 + ((cp - 0xD800) << 10) +
					    (lo - 0xDC00);
				} else {
					/* a lone high half, then another */
					buf_append_utf8(b, 0xFFFD);
					cp = lo;
				}
			}
			if (cp == 0)
				return -1;
			buf_append_utf8(b, cp);	/* lone halves: U+FFFD */
			break;
		default:
			return -1;
		}
	}
}

/* A non-negative integer that fits an int64. */
static int
json_length(struct json_in *in, int64_t *out)
{
	int64_t v = 0;
	int d;

	json_space(in);
	if (in->p == in->end || *in->p < '0' || *in->p > '9')
		return -1;
	while (in->p < in->end && *in->p >= '0' && *in->p <= '9') {
		d = *in->p++ - '0';
		if (v > (INT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/* The end of an array: ']' then nothing but space. */
static int
json_array_end(struct json_in *in)
{
	if (!json_take(in, ']'))
		return 0;
	json_space(in);
	return in->p == in->end;
}

static void
json_begin(struct json_in *in, const char *p, size_t len)
{
	in->p = (const unsigned char *)p;
	in->end = in->p + (p != NULL ? len : 0);
}

void
cache_json_categories(struct cache_story *st, const char *p, size_t len)
{
	struct json_in in;
	struct buf b = BUF_INIT;
	char **v = NULL;
	size_t n = 0, cap = 0;

	json_begin(&in, p, len);
	if (in.p == NULL || !json_take(&in, '['))
		return;
	if (!json_array_end(&in)) {
		do {
			if (json_string(&in, &b) != 0)
				goto bad;
			if (n == cap) {
				cap = cap ? cap * 2 : 4;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			v[n++] = xmemdup(b.ptr, b.len);
		} while (json_take(&in, ','));
		if (!json_array_end(&in))
			goto bad;
	}
	buf_release(&b);
	st->categories = v;
	st->ncategories = n;
	return;
bad:
	buf_release(&b);
	while (n > 0)
		free(v[--n]);
	free(v);
}

/* {"url":"...","type":"..."|null[,"length":N]} into e. */
static int
read_enclosure(struct json_in *in, struct buf *b, struct cache_enclosure *e)
{
	int seen = 0, bit;

	memset(e, 0, sizeof(*e));
	if (!json_take(in, '{'))
		return -1;
	do {
		if (json_string(in, b) != 0 || !json_take(in, ':'))
			return -1;
		bit = strcmp(b->ptr, "url") == 0 ? 1 :
		    strcmp(b->ptr, "type") == 0 ? 2 :
		    strcmp(b->ptr, "length") == 0 ? 4 : 0;
		if (bit == 0 || (seen & bit))
			return -1;
		seen |= bit;
		if (bit == 4) {
			if (json_length(in, &e->length) != 0)
				return -1;
		} else if (!json_null(in)) {
			if (json_string(in, b) != 0)
				return -1;
			if (bit == 1)
				e->url = xmemdup(b->ptr, b->len);
			else
				e->type = xmemdup(b->ptr, b->len);
		}
	} while (json_take(in, ','));
	return json_take(in, '}') && e->url != NULL ? 0 : -1;
}

void
cache_enclosure_release(struct cache_enclosure *e)
{
	free(e->url);
	free(e->type);
}

void
cache_json_enclosures(struct cache_story *st, const char *p, size_t len)
{
	struct json_in in;
	struct buf b = BUF_INIT;
	struct cache_enclosure *v = NULL;
	size_t n = 0, cap = 0;

	json_begin(&in, p, len);
	if (in.p == NULL || !json_take(&in, '['))
		return;
	if (!json_array_end(&in)) {
		do {
			if (n == cap) {
				cap = cap ? cap * 2 : 2;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			if (read_enclosure(&in, &b, &v[n]) != 0) {
				cache_enclosure_release(&v[n]);
				goto bad;
			}
			n++;
		} while (json_take(&in, ','));
		if (!json_array_end(&in))
			goto bad;
	}
	buf_release(&b);
	st->enclosures = v;
	st->nenclosures = n;
	return;
bad:
	buf_release(&b);
	while (n > 0)
		cache_enclosure_release(&v[--n]);
	free(v);
}
