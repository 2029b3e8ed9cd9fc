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
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "xalloc.h"

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

struct label {
	const char *label;	/* lower case, '-' for '_' */
	const char *name;
};

/*
 * WHATWG Encoding Standard labels and Python codec aliases. ISO-8859-n
 * and windows-125n spellings are recognised by pattern, not listed.
 */
static const struct label labels[] = {
	{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" }, { "u8", "UTF-8" },
	{ "utf", "UTF-8" }, { "utf-8-sig", "UTF-8" }, { "cp65001", "UTF-8" },
	{ "unicode-1-1-utf-8", "UTF-8" }, { "unicode11utf8", "UTF-8" },
	{ "unicode20utf8", "UTF-8" }, { "x-unicode20utf8", "UTF-8" },
	{ "utf-16", "UTF-16" }, { "utf16", "UTF-16" }, { "u16", "UTF-16" },
	{ "unicode", "UTF-16" }, { "csunicode", "UTF-16" },
	{ "ucs-2", "UTF-16" }, { "iso-10646-ucs-2", "UTF-16" },
	{ "unicodefeff", "UTF-16LE" }, { "utf-16le", "UTF-16LE" },
	{ "utf-16-le", "UTF-16LE" }, { "unicodelittleunmarked", "UTF-16LE" },
	{ "unicodefffe", "UTF-16BE" }, { "utf-16be", "UTF-16BE" },
	{ "utf-16-be", "UTF-16BE" }, { "unicodebigunmarked", "UTF-16BE" },
	{ "utf-32", "UTF-32" }, { "utf32", "UTF-32" }, { "u32", "UTF-32" },
	{ "ucs-4", "UTF-32" }, { "utf-32le", "UTF-32LE" },
	{ "utf-32-le", "UTF-32LE" }, { "utf-32be", "UTF-32BE" },
	{ "utf-32-be", "UTF-32BE" },
	/* What browsers do: Latin-1 and ASCII labels are windows-1252. */
	{ "ascii", "WINDOWS-1252" }, { "us-ascii", "WINDOWS-1252" },
	{ "us", "WINDOWS-1252" }, { "646", "WINDOWS-1252" },
	{ "iso646-us", "WINDOWS-1252" }, { "csascii", "WINDOWS-1252" },
	{ "ansi-x3.4-1968", "WINDOWS-1252" }, { "iso-ir-6", "WINDOWS-1252" },
	{ "l1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
	{ "latin-1", "WINDOWS-1252" }, { "latin", "WINDOWS-1252" },
	{ "8859", "WINDOWS-1252" }, { "cp819", "WINDOWS-1252" },
	{ "ibm819", "WINDOWS-1252" }, { "csisolatin1", "WINDOWS-1252" },
	{ "iso-ir-100", "WINDOWS-1252" },
	{ "l2", "ISO-8859-2" }, { "latin2", "ISO-8859-2" },
	{ "csisolatin2", "ISO-8859-2" }, { "iso-ir-101", "ISO-8859-2" },
	{ "l3", "ISO-8859-3" }, { "latin3", "ISO-8859-3" },
	{ "csisolatin3", "ISO-8859-3" }, { "iso-ir-109", "ISO-8859-3" },
	{ "l4", "ISO-8859-4" }, { "latin4", "ISO-8859-4" },
	{ "csisolatin4", "ISO-8859-4" }, { "iso-ir-110", "ISO-8859-4" },
	{ "cyrillic", "ISO-8859-5" }, { "csisolatincyrillic", "ISO-8859-5" },
	{ "iso-ir-144", "ISO-8859-5" }, { "arabic", "ISO-8859-6" },
	{ "asmo-708", "ISO-8859-6" }, { "ecma-114", "ISO-8859-6" },
	{ "csisolatinarabic", "ISO-8859-6" }, { "iso-ir-127", "ISO-8859-6" },
	{ "iso-8859-6-e", "ISO-8859-6" }, { "iso-8859-6-i", "ISO-8859-6" },
	{ "csiso88596e", "ISO-8859-6" }, { "csiso88596i", "ISO-8859-6" },
	{ "greek", "ISO-8859-7" }, { "greek8", "ISO-8859-7" },
	{ "elot-928", "ISO-8859-7" }, { "ecma-118", "ISO-8859-7" },
	{ "sun-eu-greek", "ISO-8859-7" }, { "iso-ir-126", "ISO-8859-7" },
	{ "csisolatingreek", "ISO-8859-7" }, { "hebrew", "ISO-8859-8" },
	{ "visual", "ISO-8859-8" }, { "logical", "ISO-8859-8" },
	{ "iso-ir-138", "ISO-8859-8" }, { "csisolatinhebrew", "ISO-8859-8" },
	{ "iso-8859-8-e", "ISO-8859-8" }, { "iso-8859-8-i", "ISO-8859-8" },
	{ "csiso88598e", "ISO-8859-8" }, { "csiso88598i", "ISO-8859-8" },
	{ "l5", "WINDOWS-1254" }, { "latin5", "WINDOWS-1254" },
	{ "csisolatin5", "WINDOWS-1254" }, { "iso-ir-148", "WINDOWS-1254" },
	{ "l6", "ISO-8859-10" }, { "latin6", "ISO-8859-10" },
	{ "csisolatin6", "ISO-8859-10" }, { "iso-ir-157", "ISO-8859-10" },
	{ "l7", "ISO-8859-13" }, { "latin7", "ISO-8859-13" },
	{ "l8", "ISO-8859-14" }, { "latin8", "ISO-8859-14" },
	{ "l9", "ISO-8859-15" }, { "latin9", "ISO-8859-15" },
	{ "csisolatin9", "ISO-8859-15" }, { "l10", "ISO-8859-16" },
	{ "latin10", "ISO-8859-16" }, { "dos-874", "WINDOWS-874" },
	{ "tis-620", "WINDOWS-874" }, { "windows-874", "WINDOWS-874" },
	{ "cp874", "WINDOWS-874" },
	{ "koi8-r", "KOI8-R" }, { "koi8r", "KOI8-R" }, { "koi8", "KOI8-R" },
	{ "koi", "KOI8-R" }, { "cskoi8r", "KOI8-R" }, { "koi8-u", "KOI8-U" },
	{ "koi8-ru", "KOI8-U" }, { "ibm866", "IBM866" }, { "cp866", "IBM866" },
	{ "866", "IBM866" }, { "csibm866", "IBM866" },
	{ "macintosh", "MACINTOSH" }, { "mac", "MACINTOSH" },
	{ "csmacintosh", "MACINTOSH" }, { "x-mac-roman", "MACINTOSH" },
	{ "macroman", "MACINTOSH" }, { "mac-roman", "MACINTOSH" },
	{ "x-mac-cyrillic", "MAC-CYRILLIC" }, { "maccyrillic", "MAC-CYRILLIC" },
	{ "mac-cyrillic", "MAC-CYRILLIC" },
	{ "x-mac-ukrainian", "MAC-CYRILLIC" },
	/* GB2312 and GBK are subsets of GB18030. */
	{ "gb18030", "GB18030" }, { "gbk", "GB18030" }, { "x-gbk", "GB18030" },
	{ "gb2312", "GB18030" }, { "gb-2312", "GB18030" },
	{ "gb-2312-80", "GB18030" }, { "csgb2312", "GB18030" },
	{ "csiso58gb231280", "GB18030" }, { "iso-ir-58", "GB18030" },
	{ "chinese", "GB18030" }, { "cp936", "GB18030" },
	{ "ms936", "GB18030" }, { "windows-936", "GB18030" },
	{ "euc-cn", "GB18030" }, { "euccn", "GB18030" },
	{ "eucgb2312-cn", "GB18030" },
	/* glibc's BIG5-HKSCS rejects common cp950 bytes such as A3E1 (euro). */
	{ "big5", "BIG5" }, { "big5-tw", "BIG5" }, { "big5tw", "BIG5" },
	{ "csbig5", "BIG5" }, { "cn-big5", "BIG5" }, { "x-x-big5", "BIG5" },
	{ "cp950", "CP950" }, { "ms950", "CP950" }, { "windows-950", "CP950" },
	{ "big5-hkscs", "BIG5-HKSCS" }, { "big5hkscs", "BIG5-HKSCS" },
	{ "hkscs", "BIG5-HKSCS" }, { "euc-jp", "EUC-JP" },
	{ "eucjp", "EUC-JP" }, { "x-euc-jp", "EUC-JP" }, { "ujis", "EUC-JP" },
	{ "u-jis", "EUC-JP" }, { "cseucpkdfmtjapanese", "EUC-JP" },
	{ "iso-2022-jp", "ISO-2022-JP" }, { "iso2022jp", "ISO-2022-JP" },
	{ "csiso2022jp", "ISO-2022-JP" },
	/* glibc's SHIFT_JIS turns '\\' and '~' into yen and overline. */
	{ "shift-jis", "WINDOWS-31J" }, { "shiftjis", "WINDOWS-31J" },
	{ "sjis", "WINDOWS-31J" }, { "s-jis", "WINDOWS-31J" },
	{ "x-sjis", "WINDOWS-31J" }, { "ms-kanji", "WINDOWS-31J" },
	{ "mskanji", "WINDOWS-31J" }, { "csshiftjis", "WINDOWS-31J" },
	{ "windows-31j", "WINDOWS-31J" }, { "cp932", "WINDOWS-31J" },
	{ "ms932", "WINDOWS-31J" },
	/* EUC-KR as sent is really its superset, UHC. */
	{ "euc-kr", "CP949" }, { "euckr", "CP949" }, { "cseuckr", "CP949" },
	{ "korean", "CP949" }, { "ks-c-5601-1987", "CP949" },
	{ "ks-c-5601-1989", "CP949" }, { "ksc5601", "CP949" },
	{ "ksc-5601", "CP949" }, { "csksc56011987", "CP949" },
	{ "iso-ir-149", "CP949" }, { "ks-x-1001", "CP949" },
	{ "ksx1001", "CP949" }, { "windows-949", "CP949" },
	{ "cp949", "CP949" }, { "uhc", "CP949" },
	{ "iso-2022-kr", "ISO-2022-KR" }, { "csiso2022kr", "ISO-2022-KR" },
};

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static unsigned char
to_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
set_name(char *out, size_t outsize, const char *name)
{
	size_t n = strlen(name);

	if (n >= outsize)
		return -1;
	memcpy(out, name, n + 1);
	return 0;
}

/* Skip "prefix" at *s if it is there. */
static int
skip_prefix(const char **s, const char *prefix)
{
	size_t n = strlen(prefix);

	if (strncmp(*s, prefix, n) != 0)
		return 0;
	*s += n;
	return 1;
}

/* iso-8859-N, iso8859N, iso-8859-N:YEAR ... as the name to use; NULL if not. */
static const char *
match_iso8859(const char *s)
{
	static const char *const names[17] = {
		NULL, "WINDOWS-1252", "ISO-8859-2", "ISO-8859-3", "ISO-8859-4",
		"ISO-8859-5", "ISO-8859-6", "ISO-8859-7", "ISO-8859-8",
		"WINDOWS-1254", "ISO-8859-10", "WINDOWS-874", NULL,
		"ISO-8859-13", "ISO-8859-14", "ISO-8859-15", "ISO-8859-16"
	};
	int n = 0;

	if (!skip_prefix(&s, "iso"))
		return NULL;
	skip_prefix(&s, "-");
	if (!skip_prefix(&s, "8859"))
		return NULL;
	skip_prefix(&s, "-");
	if (!is_digit(*s))
		return NULL;
	while (is_digit(*s) && n < 100)
		n = n * 10 + (*s++ - '0');
	if (*s == ':') {
		/* iso_8859-1:1987 */
		s++;
		if (!is_digit(*s))
			return NULL;
		while (is_digit(*s))
			s++;
	}
	if (*s != '\0' || n > 16)
		return NULL;
	return names[n];
}

/* windows-125N, cp125N, x-cp125N, win125N. */
static const char *
match_windows(const char *s)
{
	static const char *const names[9] = {
		"WINDOWS-1250", "WINDOWS-1251", "WINDOWS-1252", "WINDOWS-1253",
		"WINDOWS-1254", "WINDOWS-1255", "WINDOWS-1256", "WINDOWS-1257",
		"WINDOWS-1258"
	};

	skip_prefix(&s, "x-");
	if (!skip_prefix(&s, "windows-") && !skip_prefix(&s, "cp") &&
	    !skip_prefix(&s, "win"))
		return NULL;
	if (!skip_prefix(&s, "125") || s[0] < '0' || s[0] > '8' || s[1] != '\0')
		return NULL;
	return names[s[0] - '0'];
}

/*
 * A label outside the table that glibc knows, e.g. "IBM037" or "CP437".
 * Only plain names: "//TRANSLIT" suffixes and the locale's own charset
 * ("" or "CHAR") are not labels a document can ask for.
 */
static int
canonical_iconv(const char *label, size_t len, char *out, size_t outsize)
{
	char name[CHARSET_NAME_MAX];
	iconv_t cd;
	size_t i;

	if (len == 0 || len >= sizeof name || len >= outsize)
		return -1;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)label[i];

		if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') &&
		    !is_digit(c) && c != '-' && c != '_' && c != '.' && c != ':')
			return -1;
		name[i] = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
	}
	name[len] = '\0';
	if (strcmp(name, "CHAR") == 0 || strcmp(name, "WCHAR_T") == 0)
		return -1;
	cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return -1;
	iconv_close(cd);
	memcpy(out, name, len + 1);
	return 0;
}

int
charset_canonical(const char *label, size_t len, char *out, size_t outsize)
{
	char key[CHARSET_NAME_MAX];
	const char *name;
	size_t i;

	while (len > 0 && is_space((unsigned char)label[0])) {
		label++;
		len--;
	}
	while (len > 0 && is_space((unsigned char)label[len - 1]))
		len--;
	if (len == 0 || len >= sizeof key)
		return -1;
	for (i = 0; i < len; i++) {
		unsigned char c = to_lower((unsigned char)label[i]);

		if (c == '\0')
			return -1;
		key[i] = (char)(c == '_' || c == ' ' ? '-' : c);
	}
	key[len] = '\0';

	for (i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		if (strcmp(key, labels[i].label) == 0)
			return set_name(out, outsize, labels[i].name);
	}
	if ((name = match_iso8859(key)) != NULL ||
	    (name = match_windows(key)) != NULL)
		return set_name(out, outsize, name);
	return canonical_iconv(label, len, out, outsize);
}

static void
sniff_set(struct charset_sniff *out, const char *name, size_t bom_len)
{
	set_name(out->name, sizeof out->name, name);
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
