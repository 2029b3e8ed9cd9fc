/*
 * render_priv: what render.c (the walk over the HTML tree),
 * render_wrap.c (runs of styled text, wrapping, lines) and
 * render_table.c (table layout) share. Not for other modules.
 *
 * Text flows from the tree into a run: the styled, sanitised text of one
 * paragraph, whitespace already collapsed. At a block boundary the run
 * is wrapped into lines, each line getting the prefixes of the blocks
 * it sits in (list markers, quote bars, indentation).
 */
#ifndef TELEX_RENDER_PRIV_H
#define TELEX_RENDER_PRIV_H

#include <stddef.h>

#include "buf.h"
#include "render.h"

/* The style of a run's text from byte off on. */
struct render_mark {
	size_t off;
	unsigned attr;
	int link;
};

struct render_run {
	struct buf text;	/* UTF-8, terminal-safe; '\n' a hard break */
	struct render_mark *marks;	/* sorted by off; marks[0].off == 0 */
	size_t nmarks, marks_cap;
	int space;		/* a collapsed space waits for the next word */
	unsigned space_attr;
	int space_link;
	int column;		/* preformatted: column, for tab stops */
};

/* A block that puts a prefix before each of its lines. */
struct render_block {
	char first[32];		/* on its first line: "• ", "12. ", "│ " */
	char rest[32];		/* on the others: as wide, often blanks */
	int cols;		/* display width of either */
	unsigned attr;
	int used;		/* its first line has been emitted */
};

enum render_emit {
	RENDER_WRAP,		/* wrap to the width */
	RENDER_NOWRAP,		/* lines known to fit (table rows) */
	RENDER_PRE		/* preformatted: as is, RENDER_LINE_PRE */
};

struct render_table;

struct render_state {
	struct render_doc *doc;
	int width;
	const char *base;	/* for URLs; may be NULL */

	struct render_block *blocks;
	size_t nblocks, blocks_cap;
	/* Blank lines owed before the next line, and the depth in blocks
	 * of the shallowest block that asked (whose prefix they get). */
	int margin;
	size_t margin_depth;

	struct render_run run;	/* the paragraph being collected */
	struct render_run *cur;	/* where text goes; NULL drops it */
	struct render_table *table;	/* the table being collected */
	struct render_run scratch;	/* for table rows */

	unsigned attr;		/* style of text at this point of the walk */
	int link;

	struct buf line;	/* the line being built */
	size_t prefix_len;	/* bytes of it that are prefixes */
	int last_blank;		/* the last line emitted shows no text */
	struct render_span *spans;
	size_t nspans, spans_cap;

	struct link_slot *slots;	/* URL -> number, open addressing */
	size_t slots_cap;
};

/* render_wrap.c */
void render_run_init(struct render_run *r);
void render_run_release(struct render_run *r);
void render_run_reset(struct render_run *r);
/* Append untrusted text: made safe, whitespace collapsed. */
void render_run_text(struct render_run *r, const char *s, size_t len,
    unsigned attr, int link);
/* Append untrusted preformatted text: safe, tabs expanded, lines kept. */
void render_run_pre(struct render_run *r, const char *s, size_t len,
    unsigned attr, int link);
/* Append our own text s[0..len) (safe, no whitespace but spaces);
 * glue: do not put a waiting space before it. */
void render_run_literal(struct render_run *r, const char *s, size_t len,
    unsigned attr, int link, int glue);
/* A collapsible space (between table cells, blocks inside a cell). */
void render_run_space(struct render_run *r, unsigned attr, int link);
/* A hard line break. */
void render_run_break(struct render_run *r);
/* Append src's text and styles, attr added to each. */
void render_run_copy(struct render_run *dst, const struct render_run *src,
    unsigned attr);
/* Display width of a run without hard breaks. */
int render_run_width(const struct render_run *r);

/* Columns the prefixes of the enclosing blocks take. */
int render_prefix_cols(struct render_state *st);
/* Push a block whose first line starts with first and the others with
 * as many blanks, or with first again when repeat is set. */
void render_block_push(struct render_state *st, const char *first,
    unsigned attr, int repeat);
void render_block_pop(struct render_state *st);
/* 1 when the innermost block shows a prefix and has not shown it yet. */
int render_block_unused(struct render_state *st);
/* Ask for n blank lines before the next line (they do not add up). */
void render_margin(struct render_state *st, int n);
/* Lay out r as lines of the document and empty it. */
void render_emit(struct render_state *st, struct render_run *r,
    enum render_emit how);
/* Emit a line holding only the unused prefixes (an empty list item). */
void render_emit_empty(struct render_state *st);

/* render_link.c */
/* The number of the link to href, resolved against st->base, adding it
 * to the document's links; 0 for none (NULL, empty, unfollowable). */
int render_link_number(struct render_state *st, const char *href);
/* 1 when url's scheme is javascript:, vbscript: or data: (tabs and
 * newlines in it ignored, as browsers do). */
int render_dead_scheme(const char *url);

/* render_table.c */
struct render_table *render_table_new(void);
void render_table_free(struct render_table *t);
void render_table_row(struct render_table *t);
/* Start a cell spanning span columns; returns the run for its text. */
struct render_run *render_table_cell(struct render_table *t, int header,
    int span);
struct render_run *render_table_caption(struct render_table *t);
/* Lay the table out as lines of the document. */
void render_table_emit(struct render_state *st, struct render_table *t);

#endif
