/*
 * Encoding detection and streaming conversion to UTF-8 (see charset.h).
 *
 * Three kinds of decoder, picked in charset_decoder_new():
 *   - UTF-8: a validator. Valid runs are copied as they are; a byte that
 *     is not valid UTF-8 is read as windows-1252, because the commonest
 *     mislabelled feed is Latin-1 text that says UTF-8.
 *   - table: single-byte charsets (windows-125x, ISO-8859-x, KOI8, ...).
 *     iconv is asked once for each of the 256 bytes and the answers kept,
 *     so whole feeds convert at memory speed with ASCII runs copied eight
 *     bytes at a time.
 *   - iconv: everything else (CJK, UTF-16/32, stateful ISO-2022).
 *
 * Streaming: whatever a push cannot finish (a cut-off multibyte sequence)
 * stays in d->carry; the next push joins it to its input and starts
 * there, so any split of the input gives the same output as one push.
 */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "xalloc.h"
#include "banned.h"

/*
 * The longest incomplete tail any iconv charset leaves (GB18030 and
 * UTF-32 need 4 bytes, ISO-2022 escapes 4); a longer one is treated as
 * invalid so that a confused converter cannot make the carry grow.
 */
#define CARRY_MAX 16

/* How far charset_sniff() looks for the end of an XML declaration. */
#define SNIFF_DECL_MAX 1024

#define REPLACEMENT "\357\277\275" /* U+FFFD */

enum decoder_kind {
	DECODER_UTF8,
	DECODER_TABLE,
	DECODER_ICONV
};

/* The UTF-8 for one byte of a single-byte charset; len 0 = invalid. */
struct byte_utf8 {
	unsigned char len;
	char s[3];
};

struct charset_decoder {
	enum decoder_kind kind;
	iconv_t cd;		/* DECODER_ICONV; -1 until the BOM is seen */
	size_t unit;		/* bytes skipped on an invalid sequence */
	int by_bom;		/* "UTF-16"/"UTF-32": byte order from a BOM */
	iconv_t order[2];	/* by_bom: the big- and little-endian cd */
	size_t errors;
	struct buf carry;	/* unfinished input from the last push */
	struct byte_utf8 table[256]; /* DECODER_TABLE */
};

/* windows-1252 0x80-0x9F; 0 where it defines nothing. */
static const unsigned short cp1252_c1[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};


static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void
sniff_set(struct charset_sniff *out, const char *name, size_t bom_len)
{
	snprintf(out->name, sizeof out->name, "%s", name);
	out->bom_len = bom_len;
	out->from_bom = bom_len != 0;
}

/*
 * Does iconv's name read the ASCII of an XML declaration as ASCII? Not
 * so for UTF-16, UTF-32, UCS-2, EBCDIC and the like, which a document
 * whose declaration we just read in ASCII cannot be in.
 */
static int
ascii_compatible(const char *name)
{
	static const char probe[] = "<?xml version=\"1.0\" encoding='x'?>\n";
	char outb[2 * sizeof probe], *in = (char *)probe, *o = outb;
	size_t inleft = sizeof probe - 1, room = sizeof outb, r;
	iconv_t cd;

	if (strcmp(name, "UTF-8") == 0)
		return 1;
	if ((cd = iconv_open("UTF-8", name)) == (iconv_t)-1)
		return 0;
	r = iconv(cd, &in, &inleft, &o, &room);
	if (r != (size_t)-1)
		r = iconv(cd, NULL, NULL, &o, &room);
	iconv_close(cd);
	return r != (size_t)-1 && (size_t)(o - outb) == sizeof probe - 1 &&
	    memcmp(outb, probe, sizeof probe - 1) == 0;
}

/*
 * The encoding="..." of an XML declaration in ASCII-compatible bytes.
 * Leading whitespace is skipped: it is an error, but a common one.
 */
static int
sniff_declaration(const unsigned char *p, size_t len, struct charset_sniff *out)
{
	size_t i = 0, end, start, n, lim;
	int quote;

	while (i < len && i < SNIFF_DECL_MAX && is_space(p[i]))
		i++;
	if (len - i <= 5 && len < SNIFF_DECL_MAX &&
	    memcmp(p + i, "<?xml", len - i) == 0)
		return 1;	/* "<?xml" and a space may still come */
	if (len - i < 6 || memcmp(p + i, "<?xml", 5) != 0 ||
	    !is_space(p[i + 5]))
		return 0;	/* no declaration (or "<?xml-stylesheet") */

	lim = len < SNIFF_DECL_MAX ? len : SNIFF_DECL_MAX;
	for (end = i + 5; end + 1 < lim; end++) {
		if (p[end] == '?' && p[end + 1] == '>')
			break;
	}
	if (end + 1 >= lim)
		return len < SNIFF_DECL_MAX ? 1 : 0;

	for (i += 5; i + 8 <= end; i++) {
		if (is_space(p[i - 1]) && memcmp(p + i, "encoding", 8) == 0)
			break;
	}
	if (i + 8 > end)
		return 0;
	i += 8;
	while (i < end && is_space(p[i]))
		i++;
	if (i >= end || p[i] != '=')
		return 0;
	i++;
	while (i < end && is_space(p[i]))
		i++;
	if (i >= end || (p[i] != '"' && p[i] != '\''))
		return 0;
	quote = p[i++];
	for (start = i; i < end && p[i] != quote; i++)
		;
	if (i >= end)
		return 0;

	n = i - start;
	if (n >= sizeof out->declared)
		n = sizeof out->declared - 1;
	memcpy(out->declared, p + start, n);
	out->declared[n] = '\0';
	if (charset_canonical((const char *)p + start, i - start, out->name,
	    sizeof out->name) != 0) {
		out->name[0] = '\0';
		return 0;
	}
	/* These bytes are ASCII-compatible, whatever the label says. */
	if (!ascii_compatible(out->name))
		sniff_set(out, "UTF-8", 0);
	return 0;
}

int
charset_sniff(const char *p, size_t len, struct charset_sniff *out)
{
	const unsigned char *u = (const unsigned char *)p;

	memset(out, 0, sizeof *out);

	/* Byte-order marks. FF FE 00 00 is UTF-32LE, not UTF-16LE + NUL. */
	if (len >= 4 && memcmp(u, "\0\0\xfe\xff", 4) == 0) {
		sniff_set(out, "UTF-32BE", 4);
		return 0;
	}
	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		if (len >= 4 && u[2] == 0 && u[3] == 0) {
			sniff_set(out, "UTF-32LE", 4);
			return 0;
		}
		sniff_set(out, "UTF-16LE", 2);
		return len < 4;
	}
	if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		sniff_set(out, "UTF-16BE", 2);
		return 0;
	}
	if (len >= 3 && memcmp(u, "\xef\xbb\xbf", 3) == 0) {
		sniff_set(out, "UTF-8", 3);
		return 0;
	}
	if (len < 4)
		return 1;

	/*
	 * No BOM: ASCII characters (usually "<?xml") in UTF-32 or UTF-16
	 * show as zero bytes around nonzero ones.
	 */
	if (u[0] == 0 && u[1] == 0 && u[2] == 0 && u[3] != 0) {
		sniff_set(out, "UTF-32BE", 0);
		return 0;
	}
	if (u[0] != 0 && u[1] == 0 && u[2] == 0 && u[3] == 0) {
		sniff_set(out, "UTF-32LE", 0);
		return 0;
	}
	if (u[0] == 0 && u[1] != 0 && u[1] < 0x80 && u[2] == 0 &&
	    u[3] != 0 && u[3] < 0x80) {
		sniff_set(out, "UTF-16BE", 0);
		return 0;
	}
	if (u[0] != 0 && u[0] < 0x80 && u[1] == 0 && u[2] != 0 &&
	    u[2] < 0x80 && u[3] == 0) {
		sniff_set(out, "UTF-16LE", 0);
		return 0;
	}
	return sniff_declaration(u, len, out);
}

/*
 * The UTF-8 sequence at s[0..len): its length if valid, 0 if it is a
 * valid start cut off by len, -1 if invalid.
 */
static int
utf8_sequence(const unsigned char *s, size_t len)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	int need, i;

	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return -1;	/* continuation byte or overlong lead */
	if (c < 0xE0)
		need = 2;
	else if (c < 0xF0) {
		need = 3;
		if (c == 0xE0)
			lo = 0xA0;	/* overlong */
		else if (c == 0xED)
			hi = 0x9F;	/* surrogates */
	} else if (c < 0xF5) {
		need = 4;
		if (c == 0xF0)
			lo = 0x90;	/* overlong */
		else if (c == 0xF4)
			hi = 0x8F;	/* above U+10FFFF */
	} else
		return -1;
	if (len < 2)
		return 0;
	if (s[1] < lo || s[1] > hi)
		return -1;
	for (i = 2; i < need; i++) {
		if ((size_t)i >= len)
			return 0;
		if ((s[i] & 0xC0) != 0x80)
			return -1;
	}
	return need;
}

/* Length of the run of ASCII bytes at s[0..len). */
static size_t
ascii_run(const unsigned char *s, size_t len)
{
	uint64_t w;
	size_t i = 0;

	while (i + 8 <= len) {
		memcpy(&w, s + i, 8);
		if (w & UINT64_C(0x8080808080808080))
			break;
		i += 8;
	}
	while (i < len && s[i] < 0x80)
		i++;
	return i;
}

size_t
utf8_valid_prefix(const char *p, size_t len)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0;
	int n;

	while (i < len) {
		if (s[i] < 0x80) {
			i += ascii_run(s + i, len - i);
			continue;
		}
		if ((n = utf8_sequence(s + i, len - i)) <= 0)
			break;
		i += (size_t)n;
	}
	return i;
}

static void
append_cp1252(struct buf *out, unsigned char c)
{
	unsigned long cp = c;

	if (c >= 0x80 && c < 0xA0)
		cp = cp1252_c1[c - 0x80] != 0 ? cp1252_c1[c - 0x80] : 0xFFFD;
	buf_append_utf8(out, cp);
}

/* Each decode_* returns how much of s it used; the rest is carried. */
static size_t
decode_utf8(struct charset_decoder *d, const unsigned char *s, size_t len,
    int is_final, struct buf *out)
{
	size_t i = 0, n;

	for (;;) {
		n = utf8_valid_prefix((const char *)s + i, len - i);
		buf_append(out, (const char *)s + i, n);
		i += n;
		if (i == len)
			break;
		if (!is_final && len - i < 4 && utf8_sequence(s + i, len - i) == 0)
			break;
		append_cp1252(out, s[i++]);
		d->errors++;
	}
	return i;
}

static size_t
decode_table(struct charset_decoder *d, const unsigned char *s, size_t len,
    struct buf *out)
{
	const struct byte_utf8 *e;
	size_t i = 0, end, n;
	char *o;

	while (i < len) {
		/* Room for the worst case of a block: 3 bytes out per byte in. */
		end = len - i > 4096 ? i + 4096 : len;
		buf_grow(out, 3 * (end - i));
		o = out->ptr + out->len;
		while (i < end) {
			if (s[i] < 0x80) {
				n = ascii_run(s + i, end - i);
				memcpy(o, s + i, n);
				o += n;
				i += n;
				continue;
			}
			e = &d->table[s[i++]];
			if (e->len == 0) {
				memcpy(o, REPLACEMENT, 3);
				o += 3;
				d->errors++;
			} else {
				memcpy(o, e->s, e->len);
				o += e->len;
			}
		}
		out->len = (size_t)(o - out->ptr);
		out->ptr[out->len] = '\0';
	}
	return len;
}

/*
 * "UTF-16" and "UTF-32" are little-endian after an FF FE BOM and
 * big-endian otherwise (RFC 2781, XML appendix F). glibc's own UTF-16
 * and UTF-32 converters assume little-endian without a BOM and keep the
 * byte order across a reset, so the choice is made here, per document.
 * Returns 0 with d->cd set and *bom_len, or -1 to wait for more bytes.
 */
static int
choose_order(struct charset_decoder *d, const unsigned char *s, size_t len,
    int is_final, size_t *bom_len)
{
	static const char le[] = "\xff\xfe\0\0", be[] = "\0\0\xfe\xff";
	const char *be_bom = d->unit == 2 ? be + 2 : be;
	int little;

	*bom_len = 0;
	if (len == 0 || (len < d->unit && !is_final))
		return -1;
	little = len >= d->unit && memcmp(s, le, d->unit) == 0;
	if (little || (len >= d->unit && memcmp(s, be_bom, d->unit) == 0))
		*bom_len = d->unit;
	d->cd = d->order[little];
	return 0;
}

static size_t
decode_iconv(struct charset_decoder *d, const unsigned char *s, size_t len,
    int is_final, struct buf *out)
{
	char *in = (char *)s, *o;
	size_t left = len, room, r, skip;
	int error;

	if (d->cd == (iconv_t)-1) {
		if (choose_order(d, s, len, is_final, &skip) != 0)
			return 0;
		in += skip;
		left -= skip;
	}
	while (left > 0) {
		buf_grow(out, left + left / 2 + 16);
		o = out->ptr + out->len;
		room = out->cap - out->len - 1;
		r = iconv(d->cd, &in, &left, &o, &room);
		error = errno;
		out->len = (size_t)(o - out->ptr);
		out->ptr[out->len] = '\0';
		if (r != (size_t)-1 || error == E2BIG)
			continue;
		if (error == EINVAL && left <= CARRY_MAX) {
			if (!is_final)
				break;
			/* A cut-off sequence at the very end: one U+FFFD. */
			skip = left;
		} else {
			/* EILSEQ, or anything else: skip so as to go on. */
			skip = d->unit < left ? d->unit : left;
		}
		buf_append(out, REPLACEMENT, 3);
		d->errors++;
		in += skip;
		left -= skip;
	}
	if (is_final && d->cd != (iconv_t)-1) {
		/* Flush state, e.g. a base letter held for a combining mark. */
		buf_grow(out, 64);
		o = out->ptr + out->len;
		room = out->cap - out->len - 1;
		iconv(d->cd, NULL, NULL, &o, &room);
		out->len = (size_t)(o - out->ptr);
		out->ptr[out->len] = '\0';
		iconv(d->cd, NULL, NULL, NULL, NULL);
		if (d->by_bom)
			d->cd = (iconv_t)-1;	/* the next document may differ */
	}
	return len - left;
}

/*
 * Ask iconv for every byte on its own. Returns -1 unless the charset is
 * single-byte: each byte converts alone to one character (ASCII to
 * itself) or is invalid, with no state and nothing held back.
 */
static int
build_table(struct charset_decoder *d)
{
	char in[1], outb[8], *ip, *op;
	size_t inleft, outleft, r, n;
	int c, len;

	for (c = 0; c < 256; c++) {
		iconv(d->cd, NULL, NULL, NULL, NULL);
		in[0] = (char)c;
		ip = in;
		op = outb;
		inleft = 1;
		outleft = sizeof outb;
		r = iconv(d->cd, &ip, &inleft, &op, &outleft);
		if (r == (size_t)-1) {
			if (errno != EILSEQ)
				return -1;
			if (c < 0x80)
				return -1;
			d->table[c].len = 0;
			continue;
		}
		n = sizeof outb - outleft;
		len = utf8_sequence((unsigned char *)outb, n);
		if (inleft != 0 || n == 0 || n > 3 || len != (int)n)
			return -1;
		if (c < 0x80 && (n != 1 || outb[0] != (char)c))
			return -1;
		d->table[c].len = (unsigned char)n;
		memcpy(d->table[c].s, outb, n);
	}
	iconv(d->cd, NULL, NULL, NULL, NULL);
	return 0;
}

struct charset_decoder *
charset_decoder_new(const char *name)
{
	struct charset_decoder *d;

	d = xcalloc(1, sizeof *d);
	buf_init(&d->carry);
	d->unit = 1;
	d->cd = d->order[0] = d->order[1] = (iconv_t)-1;
	if (strcasecmp(name, "UTF-8") == 0) {
		d->kind = DECODER_UTF8;
		return d;
	}
	if (strcasecmp(name, "UTF-16") == 0 || strcasecmp(name, "UTF-32") == 0) {
		d->kind = DECODER_ICONV;
		d->by_bom = 1;
		d->unit = name[4] == '1' ? 2 : 4;
		d->order[0] = iconv_open("UTF-8", d->unit == 2 ? "UTF-16BE" :
		    "UTF-32BE");
		d->order[1] = iconv_open("UTF-8", d->unit == 2 ? "UTF-16LE" :
		    "UTF-32LE");
		if (d->order[0] == (iconv_t)-1 || d->order[1] == (iconv_t)-1) {
			charset_decoder_free(d);
			return NULL;
		}
		return d;
	}
	d->cd = iconv_open("UTF-8", name);
	if (d->cd == (iconv_t)-1) {
		free(d);
		return NULL;
	}
	if (strncasecmp(name, "UTF-16", 6) == 0 ||
	    strncasecmp(name, "UCS-2", 5) == 0)
		d->unit = 2;
	else if (strncasecmp(name, "UTF-32", 6) == 0 ||
	    strncasecmp(name, "UCS-4", 5) == 0)
		d->unit = 4;
	if (d->unit == 1 && build_table(d) == 0) {
		iconv_close(d->cd);
		d->cd = (iconv_t)-1;
		d->kind = DECODER_TABLE;
	} else {
		/* build_table() may have left a held-back byte in cd. */
		iconv(d->cd, NULL, NULL, NULL, NULL);
		d->kind = DECODER_ICONV;
	}
	return d;
}

void
charset_decoder_push(struct charset_decoder *d, const char *in, size_t len,
    int is_final, struct buf *out)
{
	struct buf joined = BUF_INIT;
	const unsigned char *s = (const unsigned char *)in;
	size_t used;

	if (len == 0)
		s = (const unsigned char *)"";	/* in may be NULL */
	if (d->carry.len != 0) {
		/* Finish the cut-off sequence: start from it. */
		joined = d->carry;
		buf_init(&d->carry);
		buf_append(&joined, in, len);
		s = (const unsigned char *)joined.ptr;
		len = joined.len;
	}
	switch (d->kind) {
	case DECODER_UTF8:
		used = decode_utf8(d, s, len, is_final, out);
		break;
	case DECODER_TABLE:
		used = decode_table(d, s, len, out);
		break;
	default:
		used = decode_iconv(d, s, len, is_final, out);
		break;
	}
	if (used < len)
		buf_append(&d->carry, (const char *)s + used, len - used);
	buf_release(&joined);
}

size_t
charset_decoder_errors(const struct charset_decoder *d)
{
	return d->errors;
}

void
charset_decoder_free(struct charset_decoder *d)
{
	if (d == NULL)
		return;
	if (d->by_bom) {
		if (d->order[0] != (iconv_t)-1)
			iconv_close(d->order[0]);
		if (d->order[1] != (iconv_t)-1)
			iconv_close(d->order[1]);
	} else if (d->cd != (iconv_t)-1)
		iconv_close(d->cd);
	buf_release(&d->carry);
	free(d);
}
