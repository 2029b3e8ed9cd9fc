/*
 * libFuzzer target: the HTML renderer. The first byte picks the width
 * (every value from below the minimum to past 255 columns), the rest is
 * the document. Checked: the invariants of render.h (spans cover each
 * line, widths add up and fit but for preformatted lines) and that no
 * byte of the plain text is a control character other than '\n'.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "render.h"
#include "wcwidth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_line(const struct render_doc *d, const struct render_line *l)
{
	size_t j, at = 0;

	if (l->text[l->len] != '\0' || l->width != utf8_width(l->text,
	    l->len))
		abort();
	if (l->width > d->width && !(l->flags & RENDER_LINE_PRE))
		abort();
	for (j = 0; j < l->nspans; j++) {
		if (l->spans[j].start != at || l->spans[j].len == 0 ||
		    l->spans[j].link < 0 || l->spans[j].link > (int)d->nlinks)
			abort();
		at += l->spans[j].len;
	}
	if (at != l->len)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct render_doc d;
	struct buf out = BUF_INIT;
	size_t i;
	int width;

	if (size < 1)
		return 0;
	width = data[0] + 10;
	if (render_html((const char *)data + 1, size - 1,
	    "http://fuzz.example/a/b", width, &d) != 0)
		abort();
	for (i = 0; i < d.nlines; i++)
		check_line(&d, &d.lines[i]);
	render_doc_write_text(&d, &out);
	for (i = 0; i < out.len; i++)
		if (((unsigned char)out.ptr[i] < 0x20 && out.ptr[i] != '\n') ||
		    out.ptr[i] == 0x7F)
			abort();
	render_doc_release(&d);
	buf_release(&out);
	return 0;
}
