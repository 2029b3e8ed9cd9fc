/*
 * Encoding labels (charset_canonical() of charset.h): the names feeds
 * declare, folded to the names glibc's iconv opens. One table of the
 * WHATWG Encoding Standard labels and Python's aliases, then the
 * iso-8859-N and windows-125N families by pattern, then whatever iconv
 * itself accepts.
 */
#include "charset.h"

#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "banned.h"

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
