/*
 * The feed parser's input half (see feed_parse.h for the contract):
 * sniffing the encoding, converting to UTF-8 as bytes stream in, driving
 * expat (whose handlers are in feed_map.c), and recovering documents
 * expat rejects by repairing them and parsing again.
 */
#include "feed_parse.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "feed_parse_priv.h"
#include "xalloc.h"
#include "xml_repair.h"
#include "banned.h"

static XML_Parser
xml_new(struct feed_parser *p)
{
	XML_Parser x = XML_ParserCreate("UTF-8");

	if (x == NULL)
		xmalloc(SIZE_MAX); /* reports out of memory and exits */
	XML_SetUserData(x, p);
	XML_SetElementHandler(x, feed_map_start, feed_map_end);
	XML_SetCharacterDataHandler(x, feed_map_chars);
	XML_SetSkippedEntityHandler(x, feed_map_skipped_entity);
	/*
	 * As if the document had an external DTD we never read: undeclared
	 * entities then reach on_skipped_entity instead of being fatal. No
	 * external entity handler is set, so nothing is ever loaded.
	 */
	XML_UseForeignDTD(x, XML_TRUE);
	XML_SetParamEntityParsing(x, XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE);
	return x;
}

struct feed_parser *
feed_parser_new(struct feed *out, const char *url)
{
	struct feed_parser *p = xcalloc(1, sizeof(*p));

	p->feed = out;
	p->max_bytes = FEED_PARSE_MAX_BYTES;
	p->names = feed_names_new();
	p->doc_url = url != NULL && *url != '\0' ? xstrdup(url) : NULL;
	arena_init(&p->raw);
	buf_init(&p->head);
	buf_init(&p->utf8);
	buf_init(&p->person_name);
	buf_init(&p->person_email);
	feed_text_init(&p->cap);
	p->xml = xml_new(p);
	return p;
}

void
feed_parser_free(struct feed_parser *p)
{
	if (p == NULL)
		return;
	while (p->depth > 0)
		free(p->frames[--p->depth].base_owned);
	free(p->frames);
	XML_ParserFree(p->xml);
	feed_names_free(p->names);
	charset_decoder_free(p->decoder);
	free(p->doc_url);
	free(p->root_lang);
	arena_release(&p->raw);
	free(p->pieces);
	buf_release(&p->head);
	buf_release(&p->utf8);
	buf_release(&p->person_name);
	buf_release(&p->person_email);
	feed_text_release(&p->cap);
	free(p);
}

static void
xml_feed(struct feed_parser *p, const char *s, size_t len, int final)
{
	size_t n;

	/*
	 * expat copies what it is given into its own buffer: pieces keep
	 * that buffer small and in cache instead of a second copy of a
	 * whole document.
	 */
	while (!p->failed) {
		n = len > XML_CHUNK ? XML_CHUNK : len;
		if (XML_Parse(p->xml, s, (int)n, final && n == len) ==
		    XML_STATUS_ERROR) {
			p->failed = 1;
			feed_add_error(p->feed, "line %lu, column %lu: %s",
			    (unsigned long)XML_GetCurrentLineNumber(p->xml),
			    (unsigned long)XML_GetCurrentColumnNumber(p->xml),
			    XML_ErrorString(XML_GetErrorCode(p->xml)));
		}
		s += n;
		len -= n;
		if (len == 0)
			break;
	}
}

static void
decode_and_feed(struct feed_parser *p, const char *s, size_t len, int final)
{
	if (p->decoder == NULL) {
		xml_feed(p, s, len, final);
		return;
	}
	buf_reset(&p->utf8);
	charset_decoder_push(p->decoder, s, len, final, &p->utf8);
	xml_feed(p, p->utf8.ptr, p->utf8.len, final);
}

/* Decide the encoding from the first bytes and start decoding. */
static void
sniff(struct feed_parser *p, const char *head, size_t len, size_t *skip)
{
	struct charset_sniff cs;

	charset_sniff(head, len, &cs);
	*skip = 0;
	if (cs.name[0] == '\0' && cs.declared[0] != '\0')
		feed_add_error(p->feed, "unknown encoding '%s', read as UTF-8",
		    cs.declared);
	else if (cs.name[0] == '\0' && cs.declared[0] == '\0' &&
	    p->fallback_charset[0] != '\0')
		/* The document says nothing: the server's word is next. */
		memcpy(cs.name, p->fallback_charset, sizeof(cs.name));
	if (cs.name[0] == '\0' || strcmp(cs.name, "UTF-8") == 0) {
		memcpy(p->encoding, "UTF-8", sizeof("UTF-8"));
		return;
	}
	p->decoder = charset_decoder_new(cs.name);
	if (p->decoder == NULL) {
		feed_add_error(p->feed,
		    "encoding '%s' is not supported here, read as UTF-8",
		    cs.name);
		memcpy(p->encoding, "UTF-8", sizeof("UTF-8"));
		return;
	}
	memcpy(p->encoding, cs.name, sizeof(p->encoding));
	*skip = cs.bom_len;
}

/* Keep a copy of data for recovery. */
static void
raw_keep(struct feed_parser *p, const char *data, size_t len)
{
	struct raw_piece *last = p->npieces ? &p->pieces[p->npieces - 1] : NULL;
	char *copy = arena_alloc_bytes(&p->raw, len);

	memcpy(copy, data, len);
	if (last != NULL && last->ptr + last->len == copy) {
		last->len += len;	/* same block: one piece */
		return;
	}
	if (p->npieces == p->pieces_cap) {
		p->pieces_cap = p->pieces_cap ? p->pieces_cap * 2 : 16;
		p->pieces = xreallocarray(p->pieces, p->pieces_cap,
		    sizeof(*p->pieces));
	}
	p->pieces[p->npieces].ptr = copy;
	p->pieces[p->npieces++].len = len;
}

/* The whole input, in one piece, for recovery; NULL if it cannot be had. */
static const char *
raw_all(struct feed_parser *p, struct buf *scratch, size_t *len)
{
	size_t i;

	*len = p->total;
	if (p->raw_ref != NULL)
		return p->raw_ref;
	if (!p->sniffed)
		return p->head.ptr;
	if (p->replay != NULL) {
		if (p->replay(p->replay_ctx, scratch) != 0)
			return NULL;
		if (scratch->len < *len)
			*len = scratch->len;
		return scratch->ptr;
	}
	if (p->total > RAW_KEEP_MAX)
		return NULL;
	if (p->npieces == 1)
		return p->pieces[0].ptr;
	for (i = 0; i < p->npieces; i++)
		buf_append(scratch, p->pieces[i].ptr, p->pieces[i].len);
	return scratch->ptr;
}

int
feed_parser_push(struct feed_parser *p, const char *data, size_t len)
{
	size_t skip;

	if (p->too_large)
		return -1;
	if (len > p->max_bytes - p->total) {
		feed_add_error(p->feed, "document larger than %zu bytes, "
		    "the rest was ignored", p->max_bytes);
		len = p->max_bytes - p->total;
		p->too_large = 1;
	}
	if (p->raw_ref == NULL && p->replay == NULL && len > 0) {
		if (p->total + len <= RAW_KEEP_MAX) {
			raw_keep(p, data, len);
		} else if (p->npieces > 0) {
			/* Too big to keep: a break keeps what came before it. */
			arena_release(&p->raw);
			p->npieces = 0;
		}
	}
	p->total += len;
	if (p->failed)
		return p->too_large ? -1 : 0;
	if (!p->sniffed) {
		if (p->raw_ref == NULL)
			buf_append(&p->head, data, len);
		data = p->raw_ref != NULL ? p->raw_ref : p->head.ptr;
		if (p->total < SNIFF_BYTES && charset_sniff(data, p->total,
		    &(struct charset_sniff){ 0 }) == 1)
			return 0;
		p->sniffed = 1;
		sniff(p, data, p->total, &skip);
		decode_and_feed(p, data + skip, p->total - skip, 0);
		buf_release(&p->head);
	} else {
		decode_and_feed(p, data, len, 0);
	}
	return p->too_large ? -1 : 0;
}

/* Move what a repaired second attempt found into the first's feed. */
static void
adopt(struct feed *into, struct feed *from)
{
	struct feed keep = *into;
	size_t i;

	*into = *from;
	into->errors = keep.errors;
	into->nerrors = keep.nerrors;
	into->errors_cap = keep.errors_cap;
	keep.errors = NULL;
	keep.nerrors = keep.errors_cap = 0;
	for (i = 0; i < from->nerrors; i++)
		feed_add_error(into, "%s", from->errors[i]);
	for (i = 0; i < from->nerrors; i++)
		free(from->errors[i]);
	free(from->errors);
	feed_init(from);
	feed_release(&keep);
}

/*
 * expat stopped: decode the whole input again (invalid UTF-8 read as
 * windows-1252), repair it and parse the result. The second attempt wins
 * when it got through, or found at least as many items.
 */
static void
recover(struct feed_parser *p)
{
	struct buf text = BUF_INIT, fixed = BUF_INIT, again = BUF_INIT;
	struct charset_decoder *d;
	struct feed second;
	struct feed_parser *q;
	size_t repairs, total;
	const char *raw = raw_all(p, &again, &total);
	int second_ok;

	if (raw == NULL) {
		feed_add_error(p->feed, p->total > RAW_KEEP_MAX ?
		    "the document is too large to repair: only what came "
		    "before the error was read" : "the document could not be "
		    "read again to recover it");
		buf_release(&again);
		return;
	}
	if (strcmp(p->encoding, "UTF-8") == 0 &&
	    utf8_valid_prefix(raw, total) == total) {
		repairs = xml_repair(raw, total, &fixed);
	} else {
		d = charset_decoder_new(p->encoding);
		if (d == NULL)
			d = charset_decoder_new("UTF-8");
		charset_decoder_push(d, raw, total, 1, &text);
		if (charset_decoder_errors(d) > 0)
			feed_add_error(p->feed, "%zu invalid %s sequences, "
			    "replaced", charset_decoder_errors(d),
			    p->encoding);
		charset_decoder_free(d);
		repairs = xml_repair(text.ptr, text.len, &fixed);
		buf_release(&text);
	}
	buf_release(&again);

	feed_init(&second);
	q = feed_parser_new(&second, p->doc_url);
	q->recovering = 1;
	q->sniffed = 1;
	memcpy(q->encoding, "UTF-8", sizeof("UTF-8"));
	q->raw_ref = fixed.ptr;
	q->total = fixed.len;
	xml_feed(q, fixed.ptr, fixed.len, 0);
	feed_parser_finish(q);
	second_ok = !q->failed;
	feed_parser_free(q);
	buf_release(&fixed);

	if (second_ok || second.nitems >= p->feed->nitems) {
		if (repairs > 0)
			feed_add_error(p->feed, "recovered %zu items after "
			    "%zu repairs", second.nitems, repairs);
		adopt(p->feed, &second);
	}
	feed_release(&second);
}

int
feed_parser_finish(struct feed_parser *p)
{
	size_t skip;

	const char *head;

	if (!p->sniffed && !p->failed) {
		head = p->raw_ref != NULL ? p->raw_ref : p->head.ptr;
		sniff(p, head, p->total, &skip);
		decode_and_feed(p, head + skip, p->total - skip, 1);
		p->sniffed = 1;
	} else if (!p->failed) {
		decode_and_feed(p, "", 0, 1);
	}
	if (!p->failed && p->decoder != NULL &&
	    charset_decoder_errors(p->decoder) > 0)
		feed_add_error(p->feed, "%zu byte sequences invalid in %s "
		    "were replaced", charset_decoder_errors(p->decoder),
		    p->encoding);
	feed_map_finish(p);
	if (p->total == 0)
		feed_add_error(p->feed, "empty document");
	else if (p->failed && !p->recovering)
		recover(p);
	return p->feed->nerrors > 0;
}

void
feed_parser_set_charset(struct feed_parser *p, const char *label)
{
	if (charset_canonical(label, strlen(label), p->fallback_charset,
	    sizeof(p->fallback_charset)) != 0)
		p->fallback_charset[0] = '\0';
}

void
feed_parser_set_limit(struct feed_parser *p, size_t max_bytes)
{
	p->max_bytes = max_bytes;
}

void
feed_parser_set_replay(struct feed_parser *p,
    int (*replay)(void *ctx, struct buf *out), void *ctx)
{
	p->replay = replay;
	p->replay_ctx = ctx;
}

int
feed_parse_buffer(const char *data, size_t len, const char *url,
    struct feed *out)
{
	struct feed_parser *p = feed_parser_new(out, url);
	int r;

	p->raw_ref = data;
	feed_parser_push(p, data, len);
	r = feed_parser_finish(p);
	feed_parser_free(p);
	return r;
}
