/*
 * libFuzzer target: the reader of the categories and enclosures columns
 * (cache_json.c), on any bytes, read both ways. It is checked against a
 * reference reader written here from RFC 8259 and the shape cache.c
 * writes: the same input must be taken or refused by both, and give the
 * same strings, byte for byte. Whatever is read must be valid UTF-8 with
 * no NUL, counts must match the arrays (none: NULL and 0), every
 * enclosure must have a URL and a length >= 0; and written back as
 * cache.c writes it (json.h), it must read back the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/cache_json.h"
#include "buf.h"
#include "charset.h"
#include "json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* --- the reference reader ---------------------------------------------- */

struct ref {
	const unsigned char *s;
	size_t len, at;
};

/* A string the reference read: bytes and their length. */
struct rstr {
	char *p;	/* NULL: JSON null */
	size_t len;
};

static void
ref_space(struct ref *r)
{
	while (r->at < r->len && (r->s[r->at] == ' ' || r->s[r->at] == '\t' ||
	    r->s[r->at] == '\n' || r->s[r->at] == '\r'))
		r->at++;
}

static int
ref_char(struct ref *r, unsigned char c)
{
	ref_space(r);
	if (r->at < r->len && r->s[r->at] == c) {
		r->at++;
		return 1;
	}
	return 0;
}

static void
put_utf8(struct buf *b, unsigned long c)
{
	if (c < 0x80) {
		buf_append_char(b, (char)c);
	} else if (c < 0x800) {
		buf_append_char(b, (char)(0xC0 | c >> 6));
		buf_append_char(b, (char)(0x80 | (c & 0x3F)));
	} else if (c < 0x10000) {
		buf_append_char(b, (char)(0xE0 | c >> 12));
		buf_append_char(b, (char)(0x80 | (c >> 6 & 0x3F)));
		buf_append_char(b, (char)(0x80 | (c & 0x3F)));
	} else {
		buf_append_char(b, (char)(0xF0 | c >> 18));
		buf_append_char(b, (char)(0x80 | (c >> 12 & 0x3F)));
		buf_append_char(b, (char)(0x80 | (c >> 6 & 0x3F)));
		buf_append_char(b, (char)(0x80 | (c & 0x3F)));
	}
}

/* \uXXXX at s[at] (after the backslash and u): the code unit, or -1. */
static long
unit_at(const struct ref *r, size_t at)
{
	long v = 0;
	size_t i;
	int c;

	if (r->len - at < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		c = r->s[at + i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v |= (c | 0x20) - 'a' + 10;
		else
			return -1;
	}
	return v;
}

/*
 * A JSON string into out (as UTF-8): raw bytes must be valid UTF-8 of no
 * control character; a \u high surrogate followed at once by a \u low
 * one is one code point, any other surrogate U+FFFD; U+0000 is refused
 * (the reader gives C strings). 0, or -1 when refused.
 */
static int
ref_string(struct ref *r, struct rstr *out)
{
	struct buf b = BUF_INIT;
	size_t run;
	long u, lo;
	int c;

	if (!ref_char(r, '"'))
		return -1;
	for (;;) {
		run = 0;
		while (r->at + run < r->len && r->s[r->at + run] >= 0x20 &&
		    r->s[r->at + run] != '"' && r->s[r->at + run] != '\\')
			run++;
		if (utf8_valid_prefix((const char *)r->s + r->at, run) != run)
			goto bad;
		buf_append(&b, (const char *)r->s + r->at, run);
		r->at += run;
		if (r->at == r->len || r->s[r->at] < 0x20)
			goto bad;
		if (r->s[r->at++] == '"')
			break;
		if (r->at == r->len)
			goto bad;
		c = r->s[r->at++];
		switch (c) {
		case '"': case '\\': case '/': buf_append_char(&b, (char)c);
			break;
		case 'b': buf_append_char(&b, '\b'); break;
		case 'f': buf_append_char(&b, '\f'); break;
		case 'n': buf_append_char(&b, '\n'); break;
		case 'r': buf_append_char(&b, '\r'); break;
		case 't': buf_append_char(&b, '\t'); break;
		case 'u':
			if ((u = unit_at(r, r->at)) < 0 || u == 0)
				goto bad;
			r->at += 4;
			if (u >= 0xD800 && u <= 0xDBFF && r->len - r->at >= 6 &&
			    r->s[r->at] == '\\' && r->s[r->at + 1] == 'u' &&
			    (lo = unit_at(r, r->at + 2)) >= 0xDC00 &&
			    lo <= 0xDFFF) {
				r->at += 6;
				u = 0x10000 + ((u - 0xD800) << 10 | (lo - 0xDC00));
			} else if (u >= 0xD800 && u <= 0xDFFF) {
				u = 0xFFFD;
			}
			put_utf8(&b, (unsigned long)u);
			break;
		default:
			goto bad;
		}
	}
	out->len = b.len;
	out->p = malloc(b.len + 1);
	if (out->p == NULL)
		abort();
	memcpy(out->p, b.ptr, b.len + 1);
	buf_release(&b);
	return 0;
bad:
	buf_release(&b);
	return -1;
}

static int
ref_end(struct ref *r)
{
	if (!ref_char(r, ']'))
		return 0;
	ref_space(r);
	return r->at == r->len;
}

/* More elements than 1 << 16 bytes can hold ("", is three). */
#define REF_MAX (1 << 15)

/* The categories array: how many strings, or -1 when refused. */
static long
ref_categories(const char *p, size_t len, struct rstr *v)
{
	struct ref r = { (const unsigned char *)p, len, 0 };
	long n = 0;

	if (!ref_char(&r, '['))
		return -1;
	ref_space(&r);
	if (r.at < r.len && r.s[r.at] == ']')
		return ref_end(&r) ? 0 : -1;
	do {
		if (n == REF_MAX || ref_string(&r, &v[n]) != 0)
			goto bad;
		n++;
	} while (ref_char(&r, ','));
	if (ref_end(&r))
		return n;
bad:
	while (n > 0)
		free(v[--n].p);
	return -1;
}

struct renc {
	struct rstr url, type;
	int64_t length;
};

static void
renc_free(struct renc *e)
{
	free(e->url.p);
	free(e->type.p);
}

/* {"url":S|null,"type":S|null,"length":DIGITS}, any order, url a string. */
static int
ref_enclosure(struct ref *r, struct renc *e)
{
	struct rstr key;
	int seen = 0, bit;
	int64_t v;

	memset(e, 0, sizeof(*e));
	if (!ref_char(r, '{'))
		return -1;
	do {
		if (ref_string(r, &key) != 0)
			return -1;
		bit = key.len == 3 && memcmp(key.p, "url", 3) == 0 ? 1 :
		    key.len == 4 && memcmp(key.p, "type", 4) == 0 ? 2 :
		    key.len == 6 && memcmp(key.p, "length", 6) == 0 ? 4 : 0;
		free(key.p);
		if (bit == 0 || (seen & bit) || !ref_char(r, ':'))
			return -1;
		seen |= bit;
		ref_space(r);
		if (bit == 4) {
			if (r->at == r->len || r->s[r->at] < '0' ||
			    r->s[r->at] > '9')
				return -1;
			for (v = 0; r->at < r->len && r->s[r->at] >= '0' &&
			    r->s[r->at] <= '9'; r->at++) {
				if (v > INT64_MAX / 10 || (v == INT64_MAX / 10 &&
				    r->s[r->at] - '0' > INT64_MAX % 10))
					return -1;
				v = v * 10 + (r->s[r->at] - '0');
			}
			e->length = v;
		} else if (r->len - r->at >= 4 &&
		    memcmp(r->s + r->at, "null", 4) == 0) {
			r->at += 4;
		} else if (ref_string(r, bit == 1 ? &e->url : &e->type) != 0) {
			return -1;
		}
	} while (ref_char(r, ','));
	return ref_char(r, '}') && e->url.p != NULL ? 0 : -1;
}

static long
ref_enclosures(const char *p, size_t len, struct renc *v)
{
	struct ref r = { (const unsigned char *)p, len, 0 };
	long n = 0;

	if (!ref_char(&r, '['))
		return -1;
	ref_space(&r);
	if (r.at < r.len && r.s[r.at] == ']')
		return ref_end(&r) ? 0 : -1;
	do {
		if (n == REF_MAX)
			goto bad;
		if (ref_enclosure(&r, &v[n]) != 0) {
			renc_free(&v[n]);
			goto bad;
		}
		n++;
	} while (ref_char(&r, ','));
	if (ref_end(&r))
		return n;
bad:
	while (n > 0)
		renc_free(&v[--n]);
	return -1;
}

/* --- checks on the reader ------------------------------------------------ */

static int
same(const char *s, const struct rstr *r)
{
	if (s == NULL || r->p == NULL)
		return s == NULL && r->p == NULL;
	return strlen(s) == r->len && memcmp(s, r->p, r->len) == 0;
}

static int
utf8_ok(const char *s)
{
	return s == NULL || utf8_valid_prefix(s, strlen(s)) == strlen(s);
}

static void
story_free(struct cache_story *st)
{
	size_t i;

	for (i = 0; i < st->ncategories; i++)
		free(st->categories[i]);
	free(st->categories);
	for (i = 0; i < st->nenclosures; i++)
		cache_enclosure_release(&st->enclosures[i]);
	free(st->enclosures);
	memset(st, 0, sizeof(*st));
}

/* What the reader made of it: well formed, and read again the same. */
static void
check_categories(const struct cache_story *st)
{
	struct cache_story again;
	struct buf b = BUF_INIT;
	size_t i;

	if ((st->ncategories == 0) != (st->categories == NULL))
		abort();
	buf_append_char(&b, '[');
	for (i = 0; i < st->ncategories; i++) {
		if (st->categories[i] == NULL || !utf8_ok(st->categories[i]))
			abort();
		if (i > 0)
			buf_append_char(&b, ',');
		json_append_cstr(&b, st->categories[i]);
	}
	buf_append_char(&b, ']');
	memset(&again, 0, sizeof(again));
	cache_json_categories(&again, b.ptr, b.len);
	if (again.ncategories != st->ncategories)
		abort();
	for (i = 0; i < st->ncategories; i++)
		if (strcmp(again.categories[i], st->categories[i]) != 0)
			abort();
	story_free(&again);
	buf_release(&b);
}

static void
check_enclosures(const struct cache_story *st)
{
	const struct cache_enclosure *e;
	struct cache_story again;
	struct buf b = BUF_INIT;
	size_t i;

	if ((st->nenclosures == 0) != (st->enclosures == NULL))
		abort();
	buf_append_char(&b, '[');
	for (i = 0; i < st->nenclosures; i++) {
		e = &st->enclosures[i];
		if (e->url == NULL || !utf8_ok(e->url) || !utf8_ok(e->type) ||
		    e->length < 0)
			abort();
		buf_append_str(&b, i > 0 ? ",{\"url\":" : "{\"url\":");
		json_append_cstr(&b, e->url);
		buf_append_str(&b, ",\"type\":");
		json_append_cstr(&b, e->type);
		buf_printf(&b, ",\"length\":%lld}", (long long)e->length);
	}
	buf_append_char(&b, ']');
	memset(&again, 0, sizeof(again));
	cache_json_enclosures(&again, b.ptr, b.len);
	if (again.nenclosures != st->nenclosures)
		abort();
	for (i = 0; i < st->nenclosures; i++) {
		e = &again.enclosures[i];
		if (strcmp(e->url, st->enclosures[i].url) != 0 ||
		    (e->type == NULL) != (st->enclosures[i].type == NULL) ||
		    (e->type != NULL && strcmp(e->type,
		    st->enclosures[i].type) != 0) ||
		    e->length != st->enclosures[i].length)
			abort();
	}
	story_free(&again);
	buf_release(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rstr cats[REF_MAX];
	static struct renc encs[REF_MAX];
	const char *p = (const char *)data;
	struct cache_story st;
	long n, i;

	if (size > 1 << 16)
		return 0;
	memset(&st, 0, sizeof(st));
	cache_json_categories(&st, NULL, size);
	cache_json_enclosures(&st, NULL, size);
	if (st.categories != NULL || st.ncategories != 0 ||
	    st.enclosures != NULL || st.nenclosures != 0)
		abort();

	cache_json_categories(&st, p, size);
	check_categories(&st);
	n = ref_categories(p, size, cats);
	if ((size_t)(n < 0 ? 0 : n) != st.ncategories)
		abort();
	for (i = 0; i < n; i++) {
		if (!same(st.categories[i], &cats[i]))
			abort();
		free(cats[i].p);
	}

	cache_json_enclosures(&st, p, size);
	check_enclosures(&st);
	n = ref_enclosures(p, size, encs);
	if ((size_t)(n < 0 ? 0 : n) != st.nenclosures)
		abort();
	for (i = 0; i < n; i++) {
		if (!same(st.enclosures[i].url, &encs[i].url) ||
		    !same(st.enclosures[i].type, &encs[i].type) ||
		    st.enclosures[i].length != encs[i].length)
			abort();
		renc_free(&encs[i]);
	}
	story_free(&st);
	return 0;
}
