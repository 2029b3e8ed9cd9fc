/*
 * charset: finding a document's encoding and converting it to UTF-8.
 *
 * The feed parser hands expat UTF-8 only. Everything else is converted
 * here first, streaming, as bytes arrive from the network: sniff the
 * first bytes (BOM, UTF-16/32 byte patterns, the XML declaration), turn
 * the label into a name iconv knows, then push the rest of the document
 * through a decoder. Bad bytes never stop a decoder: they become U+FFFD
 * (or, for UTF-8, their windows-1252 reading) and are counted, so the
 * caller can report them and still show the feed.
 */
#ifndef TELEX_CHARSET_H
#define TELEX_CHARSET_H

#include <stddef.h>

struct buf;

/* Room for a canonical name or a declared label, NUL included. */
#define CHARSET_NAME_MAX 64

/* What the first bytes of an XML document say about its encoding. */
struct charset_sniff {
	/*
	 * Canonical name ("UTF-8", "UTF-16LE", "WINDOWS-1252", ...) for
	 * charset_decoder_new(), or "" when nothing was said or the label
	 * is unknown: the caller then assumes UTF-8, as XML does.
	 */
	char name[CHARSET_NAME_MAX];
	/* The label of encoding="..." as written (cut to fit), or "". */
	char declared[CHARSET_NAME_MAX];
	/* Bytes of byte-order mark at the start; skip them before decoding. */
	size_t bom_len;
	/* 1 when the BOM decided it. */
	int from_bom;
};

/*
 * Look at p[0..len), the document's first bytes (up to about 1 KB), for
 * a BOM (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE), else the byte patterns of
 * UTF-16/32 text without a BOM (3C 00 3F 00 and the like, XML 1.0
 * appendix F), else the encoding="..." of an XML declaration. Never reads
 * past len.
 *
 * Returns 0 when it decided and 1 when more bytes are needed (fewer than
 * 4 bytes, or an unterminated "<?xml" declaration shorter than 1024
 * bytes). On 1, out still holds the best guess so far, which a caller at
 * the end of its input uses as is.
 *
 * When the byte pattern shows UTF-16 or UTF-32, a declared name is
 * ignored in favour of the byte order seen. A document whose bytes are
 * ASCII-compatible but which declares an encoding that is not (UTF-16,
 * UTF-32, EBCDIC, ...) gets "UTF-8".
 */
int charset_sniff(const char *p, size_t len, struct charset_sniff *out);

/*
 * Canonicalise the encoding label label[0..len): ASCII case and
 * surrounding whitespace do not matter, '_' and '-' are the same.
 * Knows the WHATWG Encoding Standard labels and Python's aliases
 * (u8, u16, utf_32, latin_1, ...), with these choices:
 *   - iso-8859-1, latin1, us-ascii and ascii mean WINDOWS-1252, as in
 *     browsers: C1 bytes in real feeds are cp1252 punctuation;
 *   - gb2312 and gbk mean GB18030, a superset;
 *   - shift_jis and its aliases mean WINDOWS-31J (CP932): glibc's
 *     SHIFT_JIS reads 0x5C and 0x7E as yen and overline, which breaks
 *     every URL;
 *   - euc-kr means CP949 (UHC), its superset, as in browsers;
 *   - "utf-16" and "utf-32" stay BOM-or-big-endian (RFC 2781).
 * A label outside the table that glibc iconv accepts is passed through,
 * upper-cased.
 *
 * Returns 0 and writes the canonical name, an iconv_open() name, into
 * out, or -1 for an unknown label or when it does not fit in outsize.
 */
int charset_canonical(const char *label, size_t len, char *out,
    size_t outsize);

/*
 * A streaming converter to UTF-8.
 *
 * name is a canonical name. "UTF-8" validates and passes valid UTF-8
 * through unchanged; each invalid byte is read as windows-1252 (so a
 * document that says UTF-8 but is really Latin-1 still reads; the five
 * bytes windows-1252 leaves undefined become U+FFFD) and counted as an
 * error. "UTF-16" and "UTF-32" follow a BOM at the start of each
 * document, else are big-endian; the BOM is dropped. Other names go
 * through glibc iconv (single-byte charsets through a table built from
 * it); an invalid or unconvertible sequence becomes U+FFFD, one byte is
 * skipped (one code unit for UTF-16/32) and decoding goes on; each is
 * counted.
 *
 * An incomplete sequence at the end of a push is kept for the next one,
 * so the output does not depend on how the input was split. On is_final
 * it becomes one U+FFFD (for "UTF-8": its bytes' windows-1252 reading)
 * and the decoder is reset for a new document.
 *
 * Otherwise a BOM is not removed: pass the bytes after charset_sniff()'s
 * bom_len.
 *
 * Returns NULL when iconv cannot open name.
 */
struct charset_decoder *charset_decoder_new(const char *name);
/* Convert in[0..len) and append the UTF-8 to out. */
void charset_decoder_push(struct charset_decoder *d, const char *in,
    size_t len, int is_final, struct buf *out);
/* Invalid sequences seen so far. */
size_t charset_decoder_errors(const struct charset_decoder *d);
void charset_decoder_free(struct charset_decoder *d);

/*
 * Length of the longest prefix of p[0..len) that is valid UTF-8: no
 * overlong forms, no surrogates, nothing above U+10FFFF. A sequence cut
 * off by len ends the prefix.
 */
size_t utf8_valid_prefix(const char *p, size_t len);

#endif
