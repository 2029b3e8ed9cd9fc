/*
 * Unit tests for charset: sniffing, label canonicalisation, the
 * streaming decoders and utf8_valid_prefix. Fixtures are byte strings
 * written here; every decoding case is also fed split at every byte
 * boundary and one byte at a time, and must come out the same.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "charset.h"
#include "check_run.h"

/* Byte-string literal and its length, embedded NULs included. */
#define BYTES(s) s, sizeof(s) - 1

/* Sniff a heap copy of exactly len bytes so ASan catches reading past. */
static int
sniff(const char *p, size_t len, struct charset_sniff *out)
{
	char *copy = malloc(len ? len : 1);
	int r;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, p, len);
	r = charset_sniff(copy, len, out);
	free(copy);
	return r;
}

struct sniff_case {
	const char *in;
	size_t len;
	int ret;
	const char *name;
	size_t bom_len;
};

static const struct sniff_case sniff_cases[] = {
	/* BOMs, which beat any declaration. */
	{ BYTES("\xef\xbb\xbf<?xml version=\"1.0\"?><rss/>"), 0, "UTF-8", 3 },
	{ BYTES("\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>"),
	    0, "UTF-8", 3 },
	{ BYTES("\xff\xfe<\0?\0x\0m\0l\0"), 0, "UTF-16LE", 2 },
	{ BYTES("\xfe\xff\0<\0?\0x\0m\0l"), 0, "UTF-16BE", 2 },
	{ BYTES("\xff\xfe\0\0<\0\0\0"), 0, "UTF-32LE", 4 },
	{ BYTES("\0\0\xfe\xff\0\0\0<"), 0, "UTF-32BE", 4 },
	{ BYTES("\xfe\xff"), 0, "UTF-16BE", 2 },
	{ BYTES("\xef\xbb\xbf"), 0, "UTF-8", 3 },
	/* FF FE could still be FF FE 00 00. */
	{ BYTES("\xff\xfe"), 1, "UTF-16LE", 2 },
	{ BYTES("\xff\xfe\0"), 1, "UTF-16LE", 2 },
	{ BYTES("\xff\xfe<\0"), 0, "UTF-16LE", 2 },

	/* No BOM: appendix F patterns; a declared name does not count. */
	{ BYTES("<\0?\0x\0m\0l\0 \0"), 0, "UTF-16LE", 0 },
	{ BYTES("\0<\0?\0x\0m\0l"), 0, "UTF-16BE", 0 },
	{ BYTES("<\0\0\0?\0\0\0"), 0, "UTF-32LE", 0 },
	{ BYTES("\0\0\0<\0\0\0?"), 0, "UTF-32BE", 0 },
	{ BYTES("\0<\0?\0x\0m\0l\0 \0e\0n\0c\0o\0d\0i\0n\0g\0=\0\"\0u"
	    "\0\x31\0\x36\0\"\0?\0>"), 0, "UTF-16BE", 0 },
	{ BYTES("<\0?\0x\0m\0l\0 \0e\0n\0c\0o\0d\0i\0n\0g\0=\0\"\0u\0t\0f\0"
	    "-\0\x31\0\x36\0b\0e\0\"\0?\0>\0"), 0, "UTF-16LE", 0 },
	{ BYTES("\0<\0r\0s\0s"), 0, "UTF-16BE", 0 },

	/* Declarations. */
	{ BYTES("<?xml version=\"1.0\" encoding=\"euc-kr\"?>"), 0, "CP949", 0 },
	{ BYTES("<?xml version='1.0' encoding='koi8-r'?>"), 0, "KOI8-R", 0 },
	{ BYTES("<?xml version='1.0'  encoding = \"Shift_JIS\" ?>"), 0,
	    "WINDOWS-31J", 0 },
	{ BYTES("<?xml\tversion=\"1.0\"\r\n\tencoding\t=\n'ISO-8859-2'\n?>"),
	    0, "ISO-8859-2", 0 },
	{ BYTES("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss>"), 0,
	    "WINDOWS-1252", 0 },
	{ BYTES("<?xml version=\"1.0\" encoding=\"utf-8\" standalone='yes'?>"),
	    0, "UTF-8", 0 },
	{ BYTES("\n  <?xml version=\"1.0\" encoding=\"big5\"?>"), 0, "BIG5", 0 },
	{ BYTES("<?xml version=\"1.0\" encoding=\"x-no-such\"?>"), 0, "", 0 },
	{ BYTES("<?xml version=\"1.0\" encoding=\"utf-16\"?>"), 0, "UTF-8", 0 },
	{ BYTES("<?xml version=\"1.0\" encoding=\"UTF-32LE\"?>"), 0, "UTF-8", 0 },
	{ BYTES("<?xml version=\"1.0\" encoding=\"ucs-2le\"?>"), 0, "UTF-8", 0 },
	{ BYTES("<?xml version=\"1.0\" encoding=\"ibm037\"?>"), 0, "UTF-8", 0 },
	{ BYTES("<?xml version=\"1.0\" encoding=\"windows-1258\"?>"), 0,
	    "WINDOWS-1258", 0 },
	{ BYTES("<?xml version=\"1.0\" encoding=\"cp437\"?>"), 0, "CP437", 0 },
	{ BYTES("<?xml version=\"1.0\" encoding=utf-8?>"), 0, "", 0 },
	{ BYTES("<?xml version=\"1.0\" encoding=\"utf-8?>"), 0, "", 0 },
	{ BYTES("<?xml version=\"1.0\"?><rss encoding=\"koi8-r\">"), 0, "", 0 },
	{ BYTES("<?xml version=\"1.0\"?>"), 0, "", 0 },
	{ BYTES("<?xml-stylesheet href=\"a.xsl\"?>"), 0, "", 0 },
	{ BYTES("<rss version=\"2.0\">"), 0, "", 0 },
	{ BYTES("\x93\xfa\x96\x7b"), 0, "", 0 },

	/* Not enough yet. */
	{ BYTES(""), 1, "", 0 },
	{ BYTES("<"), 1, "", 0 },
	{ BYTES("<?x"), 1, "", 0 },
	{ BYTES("\0\0\xfe"), 1, "", 0 },
	{ BYTES("<?xm"), 1, "", 0 },
	{ BYTES("<?xml"), 1, "", 0 },
	{ BYTES("    "), 1, "", 0 },
	{ BYTES("<?xml "), 1, "", 0 },
	{ BYTES("<?xml version=\"1.0\" encoding=\"ut"), 1, "", 0 },
	{ BYTES("<?xml version=\"1.0\" encoding=\"utf-8\"?"), 1, "", 0 },
};

START_TEST(test_sniff_cases)
{
	const struct sniff_case *c = &sniff_cases[_i];
	struct charset_sniff s;
	int r;

	r = sniff(c->in, c->len, &s);
	ck_assert_msg(r == c->ret, "case %d: returned %d, want %d", _i, r,
	    c->ret);
	ck_assert_msg(strcmp(s.name, c->name) == 0,
	    "case %d: name '%s', want '%s'", _i, s.name, c->name);
	ck_assert_msg(s.bom_len == c->bom_len, "case %d: bom_len %zu", _i,
	    s.bom_len);
	ck_assert_int_eq(s.from_bom, c->bom_len != 0);
}
END_TEST

START_TEST(test_sniff_declared)
{
	struct charset_sniff s;

	ck_assert_int_eq(sniff(BYTES("<?xml version='1.0' encoding='u16'?>"),
	    &s), 0);
	ck_assert_str_eq(s.declared, "u16");
	ck_assert_str_eq(s.name, "UTF-8");
	ck_assert_int_eq(sniff(BYTES("<?xml version='1.0' encoding='bogus'?>"),
	    &s), 0);
	ck_assert_str_eq(s.declared, "bogus");
	ck_assert_str_eq(s.name, "");
}
END_TEST

/* An unterminated declaration is waited for up to 1 KB, no further. */
START_TEST(test_sniff_long_declaration)
{
	char doc[2048];
	struct charset_sniff s;
	size_t n;

	memset(doc, ' ', sizeof doc);
	memcpy(doc, "<?xml version=\"1.0\"", 19);
	ck_assert_int_eq(sniff(doc, 1000, &s), 1);
	ck_assert_int_eq(sniff(doc, 1024, &s), 0);
	ck_assert_str_eq(s.name, "");
	ck_assert_int_eq(sniff(doc, sizeof doc, &s), 0);

	/* The same, decided once the end is in. */
	n = 900;
	memcpy(doc + n, "encoding='koi8-u'?>", 19);
	ck_assert_int_eq(sniff(doc, n + 18, &s), 1);
	ck_assert_int_eq(sniff(doc, n + 19, &s), 0);
	ck_assert_str_eq(s.name, "KOI8-U");

	/* Whitespace before "<?xml" is waited for up to 1 KB too. */
	memset(doc, ' ', sizeof doc);
	ck_assert_int_eq(sniff(doc, 1023, &s), 1);
	ck_assert_int_eq(sniff(doc, sizeof doc, &s), 0);
}
END_TEST

/* Every prefix of a document: never a wrong decision, never a read past. */
START_TEST(test_sniff_prefixes)
{
	static const char doc[] =
	    "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<rss/>";
	struct charset_sniff s;
	size_t len;
	int r;

	for (len = 0; len < sizeof doc; len++) {
		r = sniff(doc, len, &s);
		if (len < 45) {
			ck_assert_msg(r == 1, "len %zu decided", len);
		} else {
			ck_assert_msg(r == 0, "len %zu undecided", len);
			ck_assert_str_eq(s.name, "WINDOWS-1251");
		}
	}
}
END_TEST

struct label_case {
	const char *label;
	const char *name;
};

static const struct label_case label_cases[] = {
	{ "utf-8", "UTF-8" }, { "UTF8", "UTF-8" }, { "u8", "UTF-8" },
	{ "utf_8", "UTF-8" }, { " utf-8\t", "UTF-8" },
	{ "utf-16", "UTF-16" }, { "u16", "UTF-16" }, { "utf16", "UTF-16" },
	{ "utf_16", "UTF-16" }, { "UTF-16LE", "UTF-16LE" },
	{ "utf_16_be", "UTF-16BE" }, { "utf_32", "UTF-32" },
	{ "utf32", "UTF-32" }, { "utf-32le", "UTF-32LE" },
	{ "utf-32be", "UTF-32BE" },
	{ "iso-8859-1", "WINDOWS-1252" }, { "ISO-8859-1", "WINDOWS-1252" },
	{ "latin1", "WINDOWS-1252" }, { "latin_1", "WINDOWS-1252" },
	{ "l1", "WINDOWS-1252" }, { "iso_8859-1", "WINDOWS-1252" },
	{ "iso8859-1", "WINDOWS-1252" }, { "iso88591", "WINDOWS-1252" },
	{ "iso_8859-1:1987", "WINDOWS-1252" }, { "us-ascii", "WINDOWS-1252" },
	{ "ascii", "WINDOWS-1252" }, { "cp1252", "WINDOWS-1252" },
	{ "windows-1252", "WINDOWS-1252" }, { "x-cp1252", "WINDOWS-1252" },
	{ "windows-1251", "WINDOWS-1251" }, { "cp1251", "WINDOWS-1251" },
	{ "windows-1250", "WINDOWS-1250" }, { "windows-1258", "WINDOWS-1258" },
	{ "x-sjis", "WINDOWS-31J" }, { "shift-jis", "WINDOWS-31J" },
	{ "Shift_JIS", "WINDOWS-31J" }, { "sjis", "WINDOWS-31J" },
	{ "ms_kanji", "WINDOWS-31J" }, { "cp932", "WINDOWS-31J" },
	{ "euc-jp", "EUC-JP" }, { "x-euc-jp", "EUC-JP" },
	{ "EUC-JP", "EUC-JP" }, { "iso-2022-jp", "ISO-2022-JP" },
	{ "gb2312", "GB18030" }, { "GBK", "GB18030" }, { "cp936", "GB18030" },
	{ "gb18030", "GB18030" },
	{ "big5", "BIG5" }, { "Big5", "BIG5" }, { "big5-hkscs", "BIG5-HKSCS" },
	{ "euc-kr", "CP949" }, { "EUC-KR", "CP949" },
	{ "ks_c_5601-1987", "CP949" },
	{ "koi8-r", "KOI8-R" }, { "koi8_r", "KOI8-R" }, { "koi8-u", "KOI8-U" },
	{ "iso-8859-2", "ISO-8859-2" }, { "latin2", "ISO-8859-2" },
	{ "iso8859_5", "ISO-8859-5" }, { "iso-8859-7", "ISO-8859-7" },
	{ "iso-8859-8-i", "ISO-8859-8" }, { "iso-8859-9", "WINDOWS-1254" },
	{ "iso-8859-10", "ISO-8859-10" }, { "iso-8859-11", "WINDOWS-874" },
	{ "iso-8859-13", "ISO-8859-13" }, { "iso-8859-15", "ISO-8859-15" },
	{ "iso-8859-16", "ISO-8859-16" }, { "tis-620", "WINDOWS-874" },
	{ "macintosh", "MACINTOSH" }, { "x-mac-cyrillic", "MAC-CYRILLIC" },
	{ "ibm866", "IBM866" },
	/* Not in the table, known to glibc. */
	{ "ibm037", "IBM037" },
};

START_TEST(test_canonical_cases)
{
	const struct label_case *c = &label_cases[_i];
	char out[CHARSET_NAME_MAX];
	struct charset_decoder *d;

	ck_assert_msg(charset_canonical(c->label, strlen(c->label), out,
	    sizeof out) == 0, "'%s' unknown", c->label);
	ck_assert_msg(strcmp(out, c->name) == 0, "'%s' gave '%s', want '%s'",
	    c->label, out, c->name);
	/* Every canonical name must be one iconv opens. */
	d = charset_decoder_new(out);
	ck_assert_msg(d != NULL, "no decoder for '%s'", out);
	charset_decoder_free(d);
}
END_TEST

START_TEST(test_canonical_unknown)
{
	static const char *const bad[] = {
		"", "   ", "x-bogus", "utf-8//TRANSLIT", "utf-8//IGNORE",
		"iso-8859-12", "iso-8859-17", "windows-1259", "char", "../utf-8",
		"utf-9",
	};
	char out[CHARSET_NAME_MAX], big[300];
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(charset_canonical(bad[i], strlen(bad[i]), out,
		    sizeof out) == -1, "'%s' accepted", bad[i]);
	/* A NUL inside, a label too long, an output too small. */
	ck_assert_int_eq(charset_canonical("utf-8\0x", 7, out, sizeof out), -1);
	memset(big, 'a', sizeof big);
	ck_assert_int_eq(charset_canonical(big, sizeof big, out, sizeof out),
	    -1);
	ck_assert_int_eq(charset_canonical("koi8-r", 6, out, 6), -1);
	ck_assert_int_eq(charset_canonical("koi8-r", 6, out, 7), 0);
	ck_assert_str_eq(out, "KOI8-R");
	/* Only len bytes count. */
	ck_assert_int_eq(charset_canonical("utf-8 and more", 5, out,
	    sizeof out), 0);
	ck_assert_str_eq(out, "UTF-8");
}
END_TEST

struct decode_case {
	const char *name;
	const char *in;
	size_t len;
	const char *want;
	size_t errors;
};

static const struct decode_case decode_cases[] = {
	/* café “quoted” € — ok */
	{ "WINDOWS-1252", BYTES("caf\xe9 \x93quoted\x94 \x80 \x97 ok"),
	    "caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x82\xac "
	    "\xe2\x80\x94 ok", 0 },
	{ "WINDOWS-1252", BYTES("a\x81z\x8d"), "a\xef\xbf\xbdz\xef\xbf\xbd", 2 },
	/* Żółw łódź */
	{ "ISO-8859-2", BYTES("\xaf\xf3\xb3w \xb3\xf3\x64\xbc"),
	    "\xc5\xbb\xc3\xb3\xc5\x82w \xc5\x82\xc3\xb3\x64\xc5\xba", 0 },
	{ "ISO-8859-3", BYTES("x\xa5y"), "x\xef\xbf\xbdy", 1 },
	/* Привет, мир */
	{ "KOI8-R", BYTES("\xf0\xd2\xc9\xd7\xc5\xd4, \xcd\xc9\xd2"),
	    "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, "
	    "\xd0\xbc\xd0\xb8\xd1\x80", 0 },
	/* 日本語 a\b~ ｱ①: backslash and tilde stay ASCII. */
	{ "WINDOWS-31J", BYTES("\x93\xfa\x96\x7b\x8c\xea a\\b~ \xb1\x87\x40"),
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e a\\b~ \xef\xbd\xb1"
	    "\xe2\x91\xa0", 0 },
	{ "WINDOWS-31J", BYTES("\x81 x"), "\xef\xbf\xbd x", 1 },
	/* 日本語テキスト */
	{ "EUC-JP", BYTES("\xc6\xfc\xcb\xdc\xb8\xec\xa5\xc6\xa5\xad\xa5\xb9"
	    "\xa5\xc8"), "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x83\x86"
	    "\xe3\x82\xad\xe3\x82\xb9\xe3\x83\x88", 0 },
	/* A cut-off character at the end: one U+FFFD. */
	{ "EUC-JP", BYTES("ab\xc6"), "ab\xef\xbf\xbd", 1 },
	/* 中文 é 😀, the last a four-byte GB18030 sequence. */
	{ "GB18030", BYTES("\xd6\xd0\xce\xc4 \xa8\xa6 \x94\x39\xfc\x36"),
	    "\xe4\xb8\xad\xe6\x96\x87 \xc3\xa9 \xf0\x9f\x98\x80", 0 },
	{ "GB18030", BYTES("x\x94\x39"), "x\xef\xbf\xbd", 1 },
	/* 中文新聞 */
	{ "BIG5", BYTES("\xa4\xa4\xa4\xe5\xb7\x73\xbb\x44"),
	    "\xe4\xb8\xad\xe6\x96\x87\xe6\x96\xb0\xe8\x81\x9e", 0 },
	/* 년 똠 한국어: 똠 exists only in UHC, the superset. */
	{ "CP949", BYTES("\xb3\xe2 \x8c\x63 \xc7\xd1\xb1\xb9\xbe\xee"),
	    "\xeb\x85\x84 \xeb\x98\xa0 \xed\x95\x9c\xea\xb5\xad\xec\x96\xb4", 0 },
	{ "CP949", BYTES("\xb3 z"), "\xef\xbf\xbd z", 1 },
	/* a😀é: a surrogate pair between two BMP characters. */
	{ "UTF-16LE", BYTES("a\0\x3d\xd8\x00\xde\xe9\0"),
	    "a\xf0\x9f\x98\x80\xc3\xa9", 0 },
	{ "UTF-16BE", BYTES("\0a\xd8\x3d\xde\x00\0\xe9"),
	    "a\xf0\x9f\x98\x80\xc3\xa9", 0 },
	/* "UTF-16" reads a BOM, else big-endian. */
	{ "UTF-16", BYTES("\xff\xfe" "a\0\x3d\xd8\x00\xde"),
	    "a\xf0\x9f\x98\x80", 0 },
	{ "UTF-16", BYTES("\0a\0b"), "ab", 0 },
	/* A lone surrogate costs one unit, not the alignment. */
	{ "UTF-16LE", BYTES("\x00\xd8" "a\0b\0"), "\xef\xbf\xbd" "ab", 1 },
	{ "UTF-16LE", BYTES("a\0b"), "a\xef\xbf\xbd", 1 },
	{ "UTF-32LE", BYTES("a\0\0\0\x00\xf6\x01\0"), "a\xf0\x9f\x98\x80", 0 },
	{ "UTF-32BE", BYTES("\0\0\0a\0\x11\0\0\0\0\0b"), "a\xef\xbf\xbd" "b",
	    1 },

	/* The lenient UTF-8 decoder. */
	{ "UTF-8", BYTES("a\xf0\x9f\x98\x80\xc3\xa9\xe2\x82\xac"),
	    "a\xf0\x9f\x98\x80\xc3\xa9\xe2\x82\xac", 0 },
	{ "UTF-8", BYTES("caf\xc3\xa9 caf\xe9 \x93hi\x94"),
	    "caf\xc3\xa9 caf\xc3\xa9 \xe2\x80\x9chi\xe2\x80\x9d", 3 },
	/* Overlong '/', a surrogate: each byte read as windows-1252. */
	{ "UTF-8", BYTES("\xc0\xaf"), "\xc3\x80\xc2\xaf", 2 },
	{ "UTF-8", BYTES("\xed\xa0\x80"), "\xc3\xad\xc2\xa0\xe2\x82\xac", 3 },
	/* Cut off at the very end. */
	{ "UTF-8", BYTES("ab\xe2\x82"), "ab\xc3\xa2\xe2\x80\x9a", 2 },
	{ "UTF-8", BYTES("\x81"), "\xef\xbf\xbd", 1 },
	{ "UTF-8", BYTES(""), "", 0 },
};

static void
decode_split(const struct decode_case *c, const size_t *cuts, size_t ncuts,
    struct buf *out, size_t *errors)
{
	struct charset_decoder *d;
	size_t i, from = 0, to;

	d = charset_decoder_new(c->name);
	ck_assert_msg(d != NULL, "no decoder for %s", c->name);
	buf_reset(out);
	for (i = 0; i <= ncuts; i++) {
		to = i < ncuts ? cuts[i] : c->len;
		charset_decoder_push(d, c->in + from, to - from, i == ncuts,
		    out);
		from = to;
	}
	*errors = charset_decoder_errors(d);
	charset_decoder_free(d);
}

static void
assert_output(const struct decode_case *c, const struct buf *out,
    size_t errors, const char *how)
{
	ck_assert_msg(out->len == strlen(c->want) &&
	    memcmp(out->ptr, c->want, out->len) == 0,
	    "%s %s: got '%s', want '%s'", c->name, how, out->ptr, c->want);
	ck_assert_msg(out->ptr[out->len] == '\0', "%s %s: no NUL", c->name,
	    how);
	ck_assert_msg(errors == c->errors, "%s %s: %zu errors, want %zu",
	    c->name, how, errors, c->errors);
}

START_TEST(test_decode_cases)
{
	const struct decode_case *c = &decode_cases[_i];
	struct buf out = BUF_INIT;
	size_t cuts[64], errors, k, n;
	char how[64];

	decode_split(c, NULL, 0, &out, &errors);
	assert_output(c, &out, errors, "in one push");

	/* Two pieces, cut at every point, and a trailing empty final push. */
	for (k = 0; k <= c->len; k++) {
		cuts[0] = k;
		cuts[1] = c->len;
		decode_split(c, cuts, 2, &out, &errors);
		snprintf(how, sizeof how, "cut at %zu", k);
		assert_output(c, &out, errors, how);
	}

	/* One byte a push. */
	ck_assert_uint_lt(c->len, sizeof cuts / sizeof cuts[0]);
	for (n = 0; n < c->len; n++)
		cuts[n] = n;
	decode_split(c, cuts, c->len, &out, &errors);
	assert_output(c, &out, errors, "byte by byte");
	buf_release(&out);
}
END_TEST

/* Output is appended; a decoder is ready for a new document after final. */
START_TEST(test_decode_append_and_reuse)
{
	struct charset_decoder *d;
	struct buf out = BUF_INIT;

	buf_append_str(&out, "<<");
	d = charset_decoder_new("UTF-16");
	ck_assert_ptr_nonnull(d);
	charset_decoder_push(d, BYTES("\xfe\xff\0a\xd8"), 0, &out);
	charset_decoder_push(d, BYTES("\x3d"), 1, &out);
	ck_assert_str_eq(out.ptr, "<<a\xef\xbf\xbd");
	ck_assert_uint_eq(charset_decoder_errors(d), 1);
	/* Second document, little-endian this time: the BOM is read anew. */
	buf_reset(&out);
	charset_decoder_push(d, BYTES("\xff\xfe" "b\0"), 1, &out);
	ck_assert_str_eq(out.ptr, "b");
	charset_decoder_free(d);

	d = charset_decoder_new("UTF-8");
	charset_decoder_push(d, BYTES("x\xe2\x82"), 1, &out);
	buf_reset(&out);
	charset_decoder_push(d, BYTES("\xacy"), 1, &out);
	/* The cut-off sequence ended the first document, not this one. */
	ck_assert_str_eq(out.ptr, "\xc2\xacy");
	charset_decoder_free(d);
	buf_release(&out);
}
END_TEST

START_TEST(test_decode_unknown)
{
	ck_assert_ptr_null(charset_decoder_new("NO-SUCH-CHARSET"));
	charset_decoder_free(NULL);
}
END_TEST

/* Every byte of a single-byte charset, against iconv's own answer. */
START_TEST(test_decode_all_bytes)
{
	static const char *const names[] = {
		"WINDOWS-1252", "WINDOWS-1251", "KOI8-R", "ISO-8859-2",
		"MACINTOSH", "WINDOWS-1258", "ISO-8859-8",
	};
	struct charset_decoder *d;
	struct buf all = BUF_INIT, one = BUF_INIT;
	char bytes[256];
	size_t i, errors;
	int c;

	for (c = 0; c < 256; c++)
		bytes[c] = (char)c;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		d = charset_decoder_new(names[i]);
		ck_assert_ptr_nonnull(d);
		buf_reset(&all);
		charset_decoder_push(d, bytes, sizeof bytes, 1, &all);
		errors = charset_decoder_errors(d);
		charset_decoder_free(d);

		d = charset_decoder_new(names[i]);
		buf_reset(&one);
		for (c = 0; c < 256; c++)
			charset_decoder_push(d, bytes + c, 1, c == 255, &one);
		ck_assert_uint_eq(all.len, one.len);
		ck_assert_int_eq(memcmp(all.ptr, one.ptr, all.len), 0);
		ck_assert_uint_eq(errors, charset_decoder_errors(d));
		ck_assert_uint_eq(utf8_valid_prefix(all.ptr, all.len), all.len);
		/* ASCII is ASCII. */
		ck_assert_int_eq(memcmp(all.ptr, bytes, 128), 0);
		charset_decoder_free(d);
	}
	buf_release(&all);
	buf_release(&one);
}
END_TEST

struct prefix_case {
	const char *in;
	size_t len;
	size_t want;
};

static const struct prefix_case prefix_cases[] = {
	{ BYTES(""), 0 },
	{ BYTES("plain ascii text that is longer than eight bytes"), 48 },
	{ BYTES("\xc2\x80"), 2 },
	{ BYTES("\xdf\xbf"), 2 },
	{ BYTES("\xc1\xbf"), 0 },		/* overlong U+007F */
	{ BYTES("\xc0\x80"), 0 },		/* overlong NUL */
	{ BYTES("\xe0\x80\xaf"), 0 },		/* overlong '/' */
	{ BYTES("\xe0\xa0\x80"), 3 },		/* U+0800 */
	{ BYTES("\xf0\x80\x80\xaf"), 0 },	/* overlong '/' */
	{ BYTES("\xf0\x8f\xbf\xbf"), 0 },	/* overlong U+FFFF */
	{ BYTES("\xf0\x90\x80\x80"), 4 },	/* U+10000 */
	{ BYTES("\xed\xa0\x80"), 0 },		/* U+D800 */
	{ BYTES("\xed\xbf\xbf"), 0 },		/* U+DFFF */
	{ BYTES("\xed\x9f\xbf"), 3 },		/* U+D7FF */
	{ BYTES("\xee\x80\x80"), 3 },		/* U+E000 */
	{ BYTES("\xef\xbf\xbf"), 3 },		/* U+FFFF */
	{ BYTES("\xf4\x8f\xbf\xbf"), 4 },	/* U+10FFFF */
	{ BYTES("\xf4\x90\x80\x80"), 0 },	/* U+110000 */
	{ BYTES("\xf5\x80\x80\x80"), 0 },
	{ BYTES("\xf8\x88\x80\x80\x80"), 0 },
	{ BYTES("\xfe\xff"), 0 },
	{ BYTES("\x80"), 0 },
	{ BYTES("ab\xbf"), 2 },
	{ BYTES("a\xe2\x82"), 1 },		/* cut off */
	{ BYTES("a\xf0\x9f\x98"), 1 },
	{ BYTES("a\xe2\x82\xac"), 4 },
	{ BYTES("a\xe2z"), 1 },
	{ BYTES("a\xf0\x9f\x98\x80z"), 6 },
	{ BYTES("x\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"), 13 },
	{ BYTES("nul\0inside"), 10 },
	{ BYTES("\xc3\xa9t\xc3\xa9 \xe2\x82\xac\xc3"), 9 },
};

START_TEST(test_valid_prefix_cases)
{
	const struct prefix_case *c = &prefix_cases[_i];
	char *copy = malloc(c->len ? c->len : 1);
	size_t n;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, c->in, c->len);
	n = utf8_valid_prefix(copy, c->len);
	free(copy);
	ck_assert_msg(n == c->want, "case %d: %zu, want %zu", _i, n, c->want);
}
END_TEST

/* A bad byte at each place around the 8-byte fast path's steps. */
START_TEST(test_valid_prefix_positions)
{
	char s[40];
	size_t k;

	for (k = 0; k < sizeof s; k++) {
		memset(s, 'a', sizeof s);
		s[k] = (char)0xff;
		ck_assert_uint_eq(utf8_valid_prefix(s, sizeof s), k);
		s[k] = (char)0xc3;
		if (k + 1 < sizeof s) {
			s[k + 1] = (char)0xa9;
			ck_assert_uint_eq(utf8_valid_prefix(s, sizeof s),
			    sizeof s);
		} else
			ck_assert_uint_eq(utf8_valid_prefix(s, sizeof s), k);
		ck_assert_uint_eq(utf8_valid_prefix(s, k), k);
	}
}
END_TEST

#define NELEMS(a) ((int)(sizeof(a) / sizeof((a)[0])))

static Suite *
charset_suite(void)
{
	Suite *s = suite_create("charset");
	TCase *tc;

	tc = tcase_create("sniff");
	tcase_add_loop_test(tc, test_sniff_cases, 0, NELEMS(sniff_cases));
	tcase_add_test(tc, test_sniff_declared);
	tcase_add_test(tc, test_sniff_long_declaration);
	tcase_add_test(tc, test_sniff_prefixes);
	suite_add_tcase(s, tc);

	tc = tcase_create("canonical");
	tcase_add_loop_test(tc, test_canonical_cases, 0, NELEMS(label_cases));
	tcase_add_test(tc, test_canonical_unknown);
	suite_add_tcase(s, tc);

	tc = tcase_create("decode");
	tcase_add_loop_test(tc, test_decode_cases, 0, NELEMS(decode_cases));
	tcase_add_test(tc, test_decode_append_and_reuse);
	tcase_add_test(tc, test_decode_unknown);
	tcase_add_test(tc, test_decode_all_bytes);
	suite_add_tcase(s, tc);

	tc = tcase_create("utf8");
	tcase_add_loop_test(tc, test_valid_prefix_cases, 0,
	    NELEMS(prefix_cases));
	tcase_add_test(tc, test_valid_prefix_positions);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(charset_suite());
}
