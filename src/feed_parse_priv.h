/*
 * The feed parser's private state, shared by its two halves:
 * feed_parse.c (input: encodings, expat, recovery) and feed_map.c (what
 * each element means and where its value goes). Nothing else includes it.
 */
#ifndef TELEX_FEED_PARSE_PRIV_H
#define TELEX_FEED_PARSE_PRIV_H

#include <expat.h>

#include "arena.h"
#include "buf.h"
#include "charset.h"
#include "feed.h"
#include "feed_elements.h"
#include "feed_text.h"

/* How many bytes of a document to look at for its encoding. */
#define SNIFF_BYTES 1024
/* Deeper nesting than this is not a feed. */
#define DEPTH_MAX 4096
/*
 * The parser keeps a copy of what it is pushed, to repair and read again
 * a document that turns out broken, up to this size; past it, a broken
 * document yields what came before the break. Keeping a 60 MB feed twice
 * doubled the memory it took and cost a third of the parse time.
 */
#define RAW_KEEP_MAX ((size_t)16 << 20)
/* Bytes handed to expat per call. */
#define XML_CHUNK ((size_t)256 << 10)
/* Per item, like feed_add_error's cap: bounded work for hostile input. */
#define LIST_MAX 1024

/* What the children of an element are read as. */
enum ctx {
	CTX_ROOT,	/* inside <rss> or <rdf:RDF>: channel and items */
	CTX_FEED,	/* channel or Atom feed: feed fields */
	CTX_ITEM,	/* item or entry: item fields */
	CTX_PERSON,	/* Atom author: name, email */
	CTX_IGNORE,	/* image, textinput, source...: nothing */
};

/* Where a captured value goes. */
enum field {
	F_NONE,
	F_FEED_TITLE, F_FEED_LINK, F_FEED_DESC, F_FEED_DESC_FALLBACK,
	F_FEED_LANG, F_FEED_UPDATED, F_FEED_PUBLISHED, F_FEED_TTL,
	F_ITEM_TITLE, F_ITEM_TITLE_FALLBACK, F_ITEM_LINK, F_ITEM_SUMMARY,
	F_ITEM_SUMMARY_FALLBACK, F_ITEM_CONTENT, F_ITEM_ID, F_ITEM_GUID,
	F_ITEM_AUTHOR, F_ITEM_PUBLISHED, F_ITEM_UPDATED, F_ITEM_CATEGORY,
	F_PERSON_NAME, F_PERSON_EMAIL,
};

struct frame {
	enum feed_element el;
	enum ctx ctx;		/* context of this element's children */
	const char *base;	/* xml:base in force (owned by some frame) */
	char *base_owned;	/* set when this element has xml:base */
};

struct feed_parser {
	struct feed *feed;
	XML_Parser xml;
	struct feed_names *names;
	char *doc_url;
	int recovering;		/* this is the second, repaired attempt */

	/* input */
	/*
	 * The bytes so far, for recovery: pieces copied into an arena (no
	 * reallocation, huge pages), or the caller's buffer, or a way to
	 * read them again.
	 */
	struct arena raw;
	struct raw_piece { const char *ptr; size_t len; } *pieces;
	size_t npieces, pieces_cap;
	const char *raw_ref;
	int (*replay)(void *ctx, struct buf *out);
	void *replay_ctx;
	struct buf head;	/* the first bytes, until the encoding is known */
	size_t total, max_bytes;
	int sniffed, too_large, failed;
	char encoding[CHARSET_NAME_MAX];
	char fallback_charset[CHARSET_NAME_MAX]; /* HTTP's, if any */
	struct charset_decoder *decoder;
	struct buf utf8;

	/* document */
	struct frame *frames;
	size_t depth, frames_cap;
	char *root_lang;
	struct feed_date feed_published;
	int feed_link_from_atom;

	/* the item being read: an index, as feed->items moves */
	int in_item;
	size_t item;
	char *guid;
	int guid_permalink, item_link_from_atom;
	struct buf person_name, person_email;

	struct feed_text cap;	/* the field being read */
	enum field cap_field;	/* and where it goes */
};

/* The expat handlers of feed_map.c. */
void XMLCALL feed_map_start(void *ud, const XML_Char *name,
    const XML_Char **atts);
void XMLCALL feed_map_end(void *ud, const XML_Char *name);
void XMLCALL feed_map_chars(void *ud, const XML_Char *s, int len);
void XMLCALL feed_map_skipped_entity(void *ud, const XML_Char *name,
    int is_param);
/* Values known only at the end of the document. */
void feed_map_finish(struct feed_parser *p);

#endif
