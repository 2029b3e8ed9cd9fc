/*
 * libFuzzer target for charset: sniff the input, canonicalise what it
 * declares, then decode it with a decoder chosen by the first byte,
 * pushed in two or three pieces cut where the second byte says. The
 * output must be valid UTF-8 and must not depend on the cuts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "charset.h"

static const char *const names[] = {
	"UTF-8", "WINDOWS-1252", "UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32",
	"UTF-32LE", "WINDOWS-31J", "EUC-JP", "ISO-2022-JP", "GB18030", "BIG5",
	"CP949", "KOI8-R", "ISO-8859-2", "WINDOWS-1258",
};

static size_t
decode(const char *name, const char *p, size_t len, const size_t *cuts,
    size_t ncuts, struct buf *out)
{
	struct charset_decoder *d;
	size_t i, from = 0, to, errors;

	d = charset_decoder_new(name);
	if (d == NULL)
		abort();
	for (i = 0; i <= ncuts; i++) {
		to = i < ncuts ? cuts[i] : len;
		charset_decoder_push(d, p + from, to - from, i == ncuts, out);
		from = to;
	}
	errors = charset_decoder_errors(d);
	charset_decoder_free(d);
	return errors;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	struct charset_sniff sniff;
	struct buf whole = BUF_INIT, split = BUF_INIT;
	const char *name;
	char canonical[CHARSET_NAME_MAX];
	size_t cuts[2], e1, e2;

	charset_sniff(p, size, &sniff);
	if (sniff.name[0] != '\0' && sniff.bom_len > size)
		abort();
	charset_canonical(p, size < 80 ? size : 80, canonical,
	    sizeof canonical);
	if (size < 2)
		return 0;

	name = names[data[0] % (sizeof names / sizeof names[0])];
	cuts[0] = data[1] % (size + 1);
	cuts[1] = cuts[0] + (size - cuts[0]) / 2;
	e1 = decode(name, p, size, NULL, 0, &whole);
	e2 = decode(name, p, size, cuts, 1 + (data[1] & 1), &split);
	if (whole.len != split.len || memcmp(whole.ptr, split.ptr,
	    whole.len) != 0 || e1 != e2)
		abort();
	if (utf8_valid_prefix(whole.ptr, whole.len) != whole.len)
		abort();
	buf_release(&whole);
	buf_release(&split);
	return 0;
}
