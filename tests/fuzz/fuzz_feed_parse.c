/*
 * libFuzzer target: the feed parser, whole-buffer and pushed in pieces,
 * then JSON output. The first byte picks the piece size so the fuzzer
 * also explores splits inside multibyte characters and tags; the JSON is
 * checked to hold no raw control byte.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "feed.h"
#include "feed_parse.h"
#include "json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed f;
	struct feed_parser *p;
	struct buf json = BUF_INIT;
	size_t off, n, chunk, i;

	if (size < 1)
		return 0;
	chunk = (size_t)data[0] + 1;
	data++;
	size--;

	feed_init(&f);
	feed_parse_buffer((const char *)data, size, "http://fuzz.example/f/",
	    &f);
	feed_to_json(&f, &json);
	for (i = 0; i < json.len; i++)
		if ((unsigned char)json.ptr[i] < 0x20 && json.ptr[i] != '\n')
			abort();
	feed_release(&f);

	feed_init(&f);
	p = feed_parser_new(&f, NULL);
	for (off = 0; off < size; off += n) {
		n = size - off < chunk ? size - off : chunk;
		feed_parser_push(p, (const char *)data + off, n);
	}
	feed_parser_finish(p);
	feed_parser_free(p);
	feed_release(&f);
	buf_release(&json);
	return 0;
}
