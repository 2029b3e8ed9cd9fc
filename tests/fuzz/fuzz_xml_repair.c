/*
 * libFuzzer target for xml_repair: whatever the input, expat (configured
 * as the feed parser configures it) must accept the repaired document.
 * The one allowed failure is "no element found" when the input held no
 * recoverable element; then the output must be a clean prolog, which we
 * check by appending a root of our own.
 *
 * xml_repair sanitises NUL bytes and invalid UTF-8 itself, so the check
 * applies to every input, not only to valid UTF-8.
 */
#include <expat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "xml_repair.h"

static enum XML_Error
parse(const char *s, size_t len)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	enum XML_Error err = XML_ERROR_NONE;

	if (p == NULL)
		abort();
	XML_UseForeignDTD(p, XML_TRUE);
	if (XML_Parse(p, s, (int)len, XML_TRUE) != XML_STATUS_OK)
		err = XML_GetErrorCode(p);
	XML_ParserFree(p);
	return err;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT;
	enum XML_Error err;

	if (size > (1 << 20))
		return 0;
	xml_repair((const char *)data, size, &out);
	err = parse(out.ptr, out.len);
	if (err == XML_ERROR_NO_ELEMENTS) {
		buf_append_str(&out, "<z/>");
		err = parse(out.ptr, out.len);
	}
	if (err != XML_ERROR_NONE) {
		fprintf(stderr, "expat rejects repaired output: %s\n"
		    "---\n%s\n---\n", XML_ErrorString(err), out.ptr);
		abort();
	}
	buf_release(&out);
	return 0;
}
