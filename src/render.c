/*
 * HTML to lines (render.h): a walk over gumbo's tree.
 *
 * The walk keeps its own stack of frames instead of recursing, so a
 * document nested 100000 deep costs heap, not C stack. Entering an
 * element does what its kind says (start a block, push a prefix, set a
 * style, open a table cell, number a link) and records what it did in
 * its frame; leaving undoes exactly that. Elements are looked up in a
 * table indexed by gumbo's tag enum.
 *
 * Blocks inside a table cell, and inside pre, do not start paragraphs:
 * a cell's text is laid out by render_table.c, a pre's as is, so there
 * they only separate words (a space, or in pre a line break).
 *
 * Link numbering is render_link.c's, wrapping render_wrap.c's, tables
 * render_table.c's.
 */
#include "render.h"

#include <errno.h>
#include <gumbo.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_priv.h"
#include "text_safe.h"
#include "url.h"
#include "xalloc.h"
#include "html_depth.h"
#include "banned.h"

enum kind {
	K_INLINE = 0,	/* style only (the default for unknown tags) */
	K_DROP,		/* not shown, with all it holds */
	K_BLOCK,
	K_HEADING,
	K_BR,
	K_HR,
	K_IMG,
	K_MEDIA,	/* video, audio, iframe, embed, object: a link */
	K_A,
	K_LIST,
	K_LI,
	K_DD,
	K_QUOTE,
	K_PRE,
	K_TABLE,
	K_ROW,
	K_CELL,
	K_CAPTION,
	K_Q
};

struct tag_rule {
	unsigned char kind;
	unsigned char margin;	/* blank lines around the block */
	unsigned attr;		/* style it gives its text */
};

static const struct tag_rule rules[GUMBO_TAG_LAST + 1] = {
	[GUMBO_TAG_HEAD] = { K_DROP, 0, 0 },
	[GUMBO_TAG_TITLE] = { K_DROP, 0, 0 },
	[GUMBO_TAG_STYLE] = { K_DROP, 0, 0 },
	[GUMBO_TAG_SCRIPT] = { K_DROP, 0, 0 },
	[GUMBO_TAG_TEMPLATE] = { K_DROP, 0, 0 },
	[GUMBO_TAG_SVG] = { K_DROP, 0, 0 },
	[GUMBO_TAG_INPUT] = { K_DROP, 0, 0 },
	[GUMBO_TAG_SELECT] = { K_DROP, 0, 0 },
	[GUMBO_TAG_TEXTAREA] = { K_DROP, 0, 0 },
	[GUMBO_TAG_DATALIST] = { K_DROP, 0, 0 },
	[GUMBO_TAG_KEYGEN] = { K_DROP, 0, 0 },
	[GUMBO_TAG_NOEMBED] = { K_DROP, 0, 0 },
	[GUMBO_TAG_APPLET] = { K_DROP, 0, 0 },
	[GUMBO_TAG_BGSOUND] = { K_DROP, 0, 0 },
	[GUMBO_TAG_FRAMESET] = { K_DROP, 0, 0 },
	[GUMBO_TAG_PARAM] = { K_DROP, 0, 0 },
	[GUMBO_TAG_SOURCE] = { K_DROP, 0, 0 },
	[GUMBO_TAG_TRACK] = { K_DROP, 0, 0 },

	[GUMBO_TAG_P] = { K_BLOCK, 1, 0 },
	[GUMBO_TAG_DL] = { K_BLOCK, 1, 0 },
	[GUMBO_TAG_FIGURE] = { K_BLOCK, 1, 0 },
	[GUMBO_TAG_FIELDSET] = { K_BLOCK, 1, 0 },
	[GUMBO_TAG_DIV] = { K_BLOCK, 0, 0 },
	[GUMBO_TAG_ARTICLE] = { K_BLOCK, 0, 0 },
	[GUMBO_TAG_SECTION] = { K_BLOCK, 0, 0 },
	[GUMBO_TAG_NAV] = { K_BLOCK, 0, 0 },
	[GUMBO_TAG_ASIDE] = { K_BLOCK, 0, 0 },
	[GUMBO_TAG_HEADER] = { K_BLOCK, 0, 0 },
	[GUMBO_TAG_FOOTER] = { K_BLOCK, 0, 0 },
	[GUMBO_TAG_MAIN] = { K_BLOCK, 0, 0 },
	[GUMBO_TAG_HGROUP] = { K_BLOCK, 0, 0 },
	[GUMBO_TAG_ADDRESS] = { K_BLOCK, 0, RENDER_ITALIC },
	[GUMBO_TAG_CENTER] = { K_BLOCK, 0, 0 },
	[GUMBO_TAG_FORM] = { K_BLOCK, 0, 0 },
	[GUMBO_TAG_DETAILS] = { K_BLOCK, 0, 0 },
	[GUMBO_TAG_SUMMARY] = { K_BLOCK, 0, RENDER_BOLD },
	[GUMBO_TAG_LEGEND] = { K_BLOCK, 0, RENDER_BOLD },
	[GUMBO_TAG_FIGCAPTION] = { K_BLOCK, 0, RENDER_ITALIC },
	[GUMBO_TAG_DT] = { K_BLOCK, 0, RENDER_BOLD },
	[GUMBO_TAG_BODY] = { K_BLOCK, 0, 0 },
	[GUMBO_TAG_HTML] = { K_BLOCK, 0, 0 },
	[GUMBO_TAG_MULTICOL] = { K_BLOCK, 0, 0 },
	[GUMBO_TAG_DD] = { K_DD, 0, 0 },
	[GUMBO_TAG_H1] = { K_HEADING, 1, RENDER_HEADING },
	[GUMBO_TAG_H2] = { K_HEADING, 1, RENDER_HEADING },
	[GUMBO_TAG_H3] = { K_HEADING, 1, RENDER_HEADING },
	[GUMBO_TAG_H4] = { K_HEADING, 1, RENDER_HEADING },
	[GUMBO_TAG_H5] = { K_HEADING, 1, RENDER_HEADING },
	[GUMBO_TAG_H6] = { K_HEADING, 1, RENDER_HEADING },
	[GUMBO_TAG_UL] = { K_LIST, 1, 0 },
	[GUMBO_TAG_OL] = { K_LIST, 1, 0 },
	[GUMBO_TAG_MENU] = { K_LIST, 1, 0 },
	[GUMBO_TAG_DIR] = { K_LIST, 1, 0 },
	[GUMBO_TAG_LI] = { K_LI, 0, 0 },
	[GUMBO_TAG_BLOCKQUOTE] = { K_QUOTE, 1, RENDER_QUOTE },
	[GUMBO_TAG_PRE] = { K_PRE, 1, RENDER_CODE },
	[GUMBO_TAG_LISTING] = { K_PRE, 1, RENDER_CODE },
	[GUMBO_TAG_XMP] = { K_PRE, 1, RENDER_CODE },
	[GUMBO_TAG_PLAINTEXT] = { K_PRE, 1, RENDER_CODE },
	[GUMBO_TAG_TABLE] = { K_TABLE, 1, 0 },
	[GUMBO_TAG_TR] = { K_ROW, 0, 0 },
	[GUMBO_TAG_TD] = { K_CELL, 0, 0 },
	[GUMBO_TAG_TH] = { K_CELL, 0, RENDER_BOLD },
	[GUMBO_TAG_CAPTION] = { K_CAPTION, 0, RENDER_ITALIC },
	[GUMBO_TAG_BR] = { K_BR, 0, 0 },
	[GUMBO_TAG_HR] = { K_HR, 0, RENDER_DIM },
	[GUMBO_TAG_IMG] = { K_IMG, 0, 0 },
	[GUMBO_TAG_IMAGE] = { K_IMG, 0, 0 },
	[GUMBO_TAG_VIDEO] = { K_MEDIA, 0, 0 },
	[GUMBO_TAG_AUDIO] = { K_MEDIA, 0, 0 },
	[GUMBO_TAG_IFRAME] = { K_MEDIA, 0, 0 },
	[GUMBO_TAG_FRAME] = { K_MEDIA, 0, 0 },
	[GUMBO_TAG_EMBED] = { K_MEDIA, 0, 0 },
	[GUMBO_TAG_OBJECT] = { K_MEDIA, 0, 0 },
	[GUMBO_TAG_A] = { K_A, 0, RENDER_LINK },
	[GUMBO_TAG_Q] = { K_Q, 0, 0 },

	[GUMBO_TAG_B] = { K_INLINE, 0, RENDER_BOLD },
	[GUMBO_TAG_STRONG] = { K_INLINE, 0, RENDER_BOLD },
	[GUMBO_TAG_I] = { K_INLINE, 0, RENDER_ITALIC },
	[GUMBO_TAG_EM] = { K_INLINE, 0, RENDER_ITALIC },
	[GUMBO_TAG_CITE] = { K_INLINE, 0, RENDER_ITALIC },
	[GUMBO_TAG_DFN] = { K_INLINE, 0, RENDER_ITALIC },
	[GUMBO_TAG_VAR] = { K_INLINE, 0, RENDER_ITALIC },
	[GUMBO_TAG_U] = { K_INLINE, 0, RENDER_UNDERLINE },
	[GUMBO_TAG_INS] = { K_INLINE, 0, RENDER_UNDERLINE },
	[GUMBO_TAG_CODE] = { K_INLINE, 0, RENDER_CODE },
	[GUMBO_TAG_KBD] = { K_INLINE, 0, RENDER_CODE },
	[GUMBO_TAG_SAMP] = { K_INLINE, 0, RENDER_CODE },
	[GUMBO_TAG_TT] = { K_INLINE, 0, RENDER_CODE },
};

/* What entering an element did, for leaving to undo. */
enum did {
	DID_BLOCK = 1 << 0,	/* a block boundary: another on leaving */
	DID_PREFIX = 1 << 1,	/* pushed a render_block */
	DID_LIST = 1 << 2,	/* pushed a list level */
	DID_LI = 1 << 3,
	DID_LINK = 1 << 4,	/* "[N]" to write on leaving */
	DID_PRE = 1 << 5,
	DID_TABLE = 1 << 6,
	DID_CELL = 1 << 7,	/* a cell or caption: text went to its run */
	DID_SEP = 1 << 8,	/* a space on leaving too */
	DID_Q = 1 << 9
};

struct frame {
	const GumboNode *node;
	unsigned next;		/* index of the next child to visit */
	unsigned did;
	unsigned attr;		/* style before entering */
	int link;
	int margin;
};

struct list_level {
	int ordered;
	long long next;		/* number of the next item */
	int step;		/* 1, or -1 when reversed */
	int digits;		/* width of the widest number */
};

struct walk {
	struct render_state st;
	struct frame *frames;
	size_t nframes, frames_cap;
	struct list_level *lists;
	size_t nlists, lists_cap;
	int pre;		/* depth of pre elements */
	int in_cell;		/* inside a table cell or caption */
};

static const char *
attr_of(const GumboNode *node, const char *name)
{
	const GumboAttribute *a;

	a = gumbo_get_attribute(&node->v.element.attributes, name);
	return a != NULL ? a->value : NULL;
}

static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
ascii_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
equals_nocase(const char *s, const char *word)
{
	while (*s != '\0' && ascii_lower((unsigned char)*s) == *word) {
		s++;
		word++;
	}
	return *s == '\0' && *word == '\0';
}

/* hidden, aria-hidden="true", or an inline style that hides it. */
static int
hidden(const GumboNode *node)
{
	const char *v;
	char buf[32];
	size_t n;

	if (attr_of(node, "hidden") != NULL)
		return 1;
	v = attr_of(node, "aria-hidden");
	if (v != NULL && equals_nocase(v, "true"))
		return 1;
	v = attr_of(node, "style");
	if (v == NULL)
		return 0;
	/* Slide a window of the style, lower case and without blanks. */
	for (n = 0; *v != '\0'; v++) {
		if (ascii_space((unsigned char)*v))
			continue;
		if (n == sizeof(buf) - 1) {
			memmove(buf, buf + 1, --n);
		}
		buf[n++] = (char)ascii_lower((unsigned char)*v);
		buf[n] = '\0';
		if ((n >= 12 && memcmp(buf + n - 12, "display:none", 12) == 0) ||
		    (n >= 17 &&
		    memcmp(buf + n - 17, "visibility:hidden", 17) == 0))
			return 1;
	}
	return 0;
}

static long
int_attr(const GumboNode *node, const char *name, long dflt, long lo,
    long hi)
{
	const char *v = attr_of(node, name);
	char *end;
	long n;

	if (v == NULL)
		return dflt;
	errno = 0;
	n = strtol(v, &end, 10);
	if (end == v)
		return dflt;
	if (n < lo || (errno == ERANGE && n == LONG_MIN))
		return lo;
	if (n > hi || (errno == ERANGE && n == LONG_MAX))
		return hi;
	return n;
}

/* Text into the current run. */

static void
put(struct walk *w, const char *s, unsigned attr, int link, int glue)
{
	if (w->st.cur != NULL)
		render_run_literal(w->st.cur, s, strlen(s), attr, link, glue);
}

static void
put_text(struct walk *w, const char *s, unsigned attr, int link)
{
	if (w->st.cur != NULL)
		render_run_text(w->st.cur, s, strlen(s), attr, link);
}

static void
put_number(struct walk *w, int n, unsigned attr)
{
	char num[24];

	snprintf(num, sizeof(num), "[%d]", n);
	put(w, num, attr | RENDER_DIM, n, 1);
}

/* Where a block starts or ends. */
static void
boundary(struct walk *w)
{
	struct render_run *r = &w->st.run;

	if (w->in_cell) {
		if (w->st.cur != NULL)
			render_run_space(w->st.cur, w->st.attr, w->st.link);
	} else if (w->pre > 0) {
		if (r->text.len > 0 && r->text.ptr[r->text.len - 1] != '\n')
			render_run_break(r);
	} else {
		render_emit(&w->st, r, RENDER_WRAP);
	}
}

static void
margin(struct walk *w, int n)
{
	if (!w->in_cell && w->pre == 0)
		render_margin(&w->st, n);
}

/* "[image: alt][N]": the number is the link's when inside one. */
static void
image(struct walk *w, const GumboNode *node)
{
	const char *src = attr_of(node, "src"), *alt = attr_of(node, "alt");
	struct buf safe = BUF_INIT;
	int n = 0;

	if (src == NULL || *src == '\0' || render_dead_scheme(src))
		src = attr_of(node, "data-src");
	if (w->st.link == 0)
		n = render_link_number(&w->st, src);
	if (alt != NULL)
		text_safe_append(&safe, alt, strlen(alt));
	if (safe.len > 0) {
		put(w, "[image: ", w->st.attr, w->st.link, 0);
		put_text(w, safe.ptr, w->st.attr, w->st.link);
		put(w, "]", w->st.attr, w->st.link, 1);
	} else {
		put(w, "[image]", w->st.attr, w->st.link, 0);
	}
	if (n > 0)
		put_number(w, n, w->st.attr);
	buf_release(&safe);
}

/* "[video: URL][N]" on a line of its own. */
static void
media(struct walk *w, const GumboNode *node)
{
	const char *name = gumbo_normalized_tagname(node->v.element.tag);
	const char *url = attr_of(node, node->v.element.tag ==
	    GUMBO_TAG_OBJECT ? "data" : "src");
	const GumboVector *kids = &node->v.element.children;
	const GumboNode *k;
	unsigned i;
	int n;

	for (i = 0; url == NULL && i < kids->length; i++) {
		k = kids->data[i];
		if (k->type == GUMBO_NODE_ELEMENT &&
		    k->v.element.tag == GUMBO_TAG_SOURCE)
			url = attr_of(k, "src");
	}
	n = render_link_number(&w->st, url);
	boundary(w);
	put(w, "[", w->st.attr, 0, 0);
	put(w, name, w->st.attr, 0, 1);
	if (n > 0) {
		put(w, ": ", w->st.attr, 0, 1);
		put_text(w, w->st.doc->links[n - 1], w->st.attr | RENDER_LINK,
		    n);
		put(w, "]", w->st.attr, 0, 1);
		put_number(w, n, w->st.attr);
	} else {
		put(w, "]", w->st.attr, 0, 1);
	}
	boundary(w);
}

static void
rule(struct walk *w)
{
	int k, cols = w->st.width - render_prefix_cols(&w->st);

	boundary(w);
	if (w->in_cell || w->pre > 0)
		return;
	for (k = 0; k < cols; k++)
		put(w, "\xe2\x94\x80", RENDER_DIM, 0, 1);
	render_emit(&w->st, &w->st.run, RENDER_NOWRAP);
}

static void
list_open(struct walk *w, const GumboNode *node)
{
	const GumboVector *kids = &node->v.element.children;
	const GumboNode *k;
	struct list_level *l;
	long long count = 0, last, a, b;
	unsigned i;

	for (i = 0; i < kids->length; i++) {
		k = kids->data[i];
		if (k->type == GUMBO_NODE_ELEMENT &&
		    k->v.element.tag == GUMBO_TAG_LI)
			count++;
	}
	if (w->nlists == w->lists_cap) {
		w->lists_cap = w->lists_cap ? 2 * w->lists_cap : 8;
		w->lists = xreallocarray(w->lists, w->lists_cap,
		    sizeof(*w->lists));
	}
	l = &w->lists[w->nlists++];
	l->ordered = node->v.element.tag == GUMBO_TAG_OL;
	l->step = attr_of(node, "reversed") != NULL ? -1 : 1;
	l->next = int_attr(node, "start", l->step < 0 ? (long)count : 1,
	    -999999999L, 999999999L);
	last = l->next + l->step * (count > 0 ? count - 1 : 0);
	a = l->next < 0 ? -l->next * 10 : l->next;
	b = last < 0 ? -last * 10 : last;
	for (l->digits = 1, a = a > b ? a : b; a >= 10; a /= 10)
		l->digits++;
}

static void
list_item(struct walk *w, const GumboNode *node)
{
	static const char *const bullets[] = { "\xe2\x80\xa2 ",
		"\xe2\x97\xa6 ", "\xe2\x96\xaa " };
	struct list_level *l;
	char marker[32];

	if (w->nlists == 0) {
		render_block_push(&w->st, bullets[0], RENDER_DIM, 0);
		return;
	}
	l = &w->lists[w->nlists - 1];
	if (!l->ordered) {
		render_block_push(&w->st, bullets[(w->nlists - 1) % 3],
		    RENDER_DIM, 0);
		return;
	}
	l->next = int_attr(node, "value", (long)l->next, -999999999L,
	    999999999L);
	snprintf(marker, sizeof(marker), "%*lld. ", l->digits, l->next);
	render_block_push(&w->st, marker, RENDER_DIM, 0);
	l->next += l->step;
}

/* Enter an element: fill f and return 1 to visit its children. */
static int
enter(struct walk *w, const GumboNode *node, struct frame *f)
{
	GumboTag tag = node->v.element.tag;
	const struct tag_rule *r = &rules[tag <= GUMBO_TAG_LAST ? tag :
	    GUMBO_TAG_UNKNOWN];
	struct render_state *st = &w->st;
	char marker[16];
	int n, level;

	if (node->type != GUMBO_NODE_ELEMENT || r->kind == K_DROP ||
	    hidden(node))
		return 0;
	memset(f, 0, sizeof(*f));
	f->node = node;
	f->attr = st->attr;
	f->link = st->link;
	f->margin = r->margin;
	st->attr |= r->attr;
	switch (r->kind) {
	case K_INLINE:
		break;
	case K_BLOCK:
		f->did = DID_BLOCK;
		break;
	case K_DD:
	case K_QUOTE:
	case K_HEADING:
		f->did = DID_BLOCK;
		if (w->in_cell || w->pre > 0)
			break;
		boundary(w);
		margin(w, f->margin);
		f->did |= DID_PREFIX;
		if (r->kind == K_DD) {
			render_block_push(st, "    ", 0, 0);
		} else if (r->kind == K_QUOTE) {
			render_block_push(st, "\xe2\x94\x82 ", RENDER_QUOTE,
			    1);
		} else {
			level = tag - GUMBO_TAG_H1 + 1;
			memset(marker, '#', (size_t)level);
			marker[level] = ' ';
			marker[level + 1] = '\0';
			render_block_push(st, marker,
			    RENDER_HEADING | RENDER_DIM, 0);
		}
		return 1;
	case K_LIST:
		f->did = DID_BLOCK | DID_LIST;
		if (w->nlists > 0)
			f->margin = 0;
		boundary(w);
		margin(w, f->margin);
		list_open(w, node);
		return 1;
	case K_LI:
		f->did = DID_BLOCK;
		if (w->in_cell || w->pre > 0)
			break;
		boundary(w);
		f->did |= DID_PREFIX | DID_LI;
		list_item(w, node);
		return 1;
	case K_PRE:
		f->did = DID_BLOCK;
		if (w->in_cell)
			break;
		boundary(w);
		margin(w, f->margin);
		f->did = DID_PRE;
		w->pre++;
		return 1;
	case K_TABLE:
		if (w->in_cell || w->pre > 0 || st->table != NULL) {
			f->did = DID_BLOCK;
			break;
		}
		boundary(w);
		margin(w, f->margin);
		f->did = DID_TABLE;
		st->table = render_table_new();
		st->cur = NULL;
		return 1;
	case K_ROW:
		if (st->table != NULL && !w->in_cell)
			render_table_row(st->table);
		else
			f->did = DID_SEP;
		break;
	case K_CELL:
	case K_CAPTION:
		if (st->table == NULL || w->in_cell) {
			f->did = DID_SEP;
			break;
		}
		f->did = DID_CELL;
		w->in_cell = 1;
		if (r->kind == K_CAPTION)
			st->cur = render_table_caption(st->table);
		else
			st->cur = render_table_cell(st->table,
			    tag == GUMBO_TAG_TH,
			    (int)int_attr(node, "colspan", 1, 1, 1000));
		return 1;
	case K_BR:
		if (w->in_cell)
			boundary(w);
		else if (st->cur != NULL)
			render_run_break(st->cur);
		return 0;
	case K_HR:
		rule(w);
		st->attr = f->attr;
		return 0;
	case K_IMG:
		image(w, node);
		return 0;
	case K_MEDIA:
		media(w, node);
		return 0;
	case K_A:
		n = render_link_number(st, attr_of(node, "href"));
		if (n == 0) {
			st->attr = f->attr;
			break;
		}
		st->link = n;
		f->did = DID_LINK;
		break;
	case K_Q:
		put(w, "\xe2\x80\x9c", st->attr, st->link, 0);
		f->did = DID_Q;
		break;
	}
	if (f->did & (DID_BLOCK | DID_SEP)) {
		boundary(w);
		margin(w, f->margin);
	}
	return 1;
}

static void
leave(struct walk *w, struct frame *f)
{
	struct render_state *st = &w->st;
	int n = st->link;

	if (f->did & DID_Q)
		put(w, "\xe2\x80\x9d", st->attr, st->link, 1);
	st->attr = f->attr;
	st->link = f->link;
	if (f->did & DID_LINK)
		put_number(w, n, st->attr);
	if (f->did & DID_CELL) {
		st->cur = NULL;
		w->in_cell = 0;
	}
	if (f->did & DID_PRE) {
		if (--w->pre == 0)
			render_emit(st, &st->run, RENDER_PRE);
		margin(w, f->margin);
	}
	if (f->did & (DID_BLOCK | DID_SEP))
		boundary(w);
	if ((f->did & DID_LI) && render_block_unused(st))
		render_emit_empty(st);
	if (f->did & DID_PREFIX)
		render_block_pop(st);
	if (f->did & DID_LIST)
		w->nlists--;
	if (f->did & DID_TABLE) {
		render_table_emit(st, st->table);
		render_table_free(st->table);
		st->table = NULL;
		st->cur = &st->run;
	}
	if (f->did & (DID_BLOCK | DID_TABLE))
		margin(w, f->margin);
}

static const GumboVector *
children(const GumboNode *node)
{
	if (node->type == GUMBO_NODE_DOCUMENT)
		return &node->v.document.children;
	if (node->type == GUMBO_NODE_ELEMENT)
		return &node->v.element.children;
	return NULL;
}

static void
push(struct walk *w, const struct frame *f)
{
	if (w->nframes == w->frames_cap) {
		w->frames_cap = w->frames_cap ? 2 * w->frames_cap : 64;
		w->frames = xreallocarray(w->frames, w->frames_cap,
		    sizeof(*w->frames));
	}
	w->frames[w->nframes++] = *f;
}

static void
walk(struct walk *w, const GumboNode *root)
{
	const GumboVector *kids;
	const GumboNode *k;
	struct frame f, *top;

	memset(&f, 0, sizeof(f));
	f.node = root;
	if (root->type == GUMBO_NODE_DOCUMENT || enter(w, root, &f))
		push(w, &f);
	while (w->nframes > 0) {
		top = &w->frames[w->nframes - 1];
		kids = children(top->node);
		if (kids == NULL || top->next >= kids->length) {
			leave(w, top);
			w->nframes--;
			continue;
		}
		k = kids->data[top->next++];
		switch (k->type) {
		case GUMBO_NODE_TEXT:
		case GUMBO_NODE_WHITESPACE:
		case GUMBO_NODE_CDATA:
			if (w->st.cur == NULL)
				break;
			if (w->pre > 0 && !w->in_cell)
				render_run_pre(w->st.cur, k->v.text.text,
				    strlen(k->v.text.text), w->st.attr,
				    w->st.link);
			else
				render_run_text(w->st.cur, k->v.text.text,
				    strlen(k->v.text.text), w->st.attr,
				    w->st.link);
			break;
		case GUMBO_NODE_ELEMENT:
			if (enter(w, k, &f))
				push(w, &f);
			break;
		default:	/* comments, templates */
			break;
		}
	}
	render_emit(&w->st, &w->st.run, RENDER_WRAP);
}

static void
doc_init(struct render_doc *d, int width)
{
	memset(d, 0, sizeof(*d));
	arena_init(&d->arena);
	d->width = width;
}

static int
clamp_width(int width)
{
	return width < RENDER_WIDTH_MIN ? RENDER_WIDTH_MIN :
	    width > RENDER_WIDTH_MAX ? RENDER_WIDTH_MAX : width;
}

static void
render_tree(const GumboNode *root, const char *base, int width,
    struct render_doc *out)
{
	struct walk w;

	memset(&w, 0, sizeof(w));
	w.st.doc = out;
	w.st.width = width;
	w.st.base = base;
	w.st.margin_depth = (size_t)-1;
	render_run_init(&w.st.run);
	render_run_init(&w.st.scratch);
	buf_init(&w.st.line);
	w.st.cur = &w.st.run;
	walk(&w, root);
	render_run_release(&w.st.run);
	render_run_release(&w.st.scratch);
	buf_release(&w.st.line);
	free(w.st.spans);
	free(w.st.blocks);
	free(w.st.slots);
	free(w.frames);
	free(w.lists);
}

int
render_node(const struct GumboInternalNode *node, const char *base_url,
    int width, struct render_doc *out)
{
	doc_init(out, clamp_width(width));
	render_tree(node, base_url, out->width, out);
	return 0;
}

/* The first <base href> of the document's head, or NULL. */
static const char *
base_href(const GumboNode *doc)
{
	const GumboVector *kids = &doc->v.document.children;
	const GumboNode *html = NULL, *head = NULL, *k;
	unsigned i;

	for (i = 0; i < kids->length && html == NULL; i++)
		if (((GumboNode *)kids->data[i])->type == GUMBO_NODE_ELEMENT)
			html = kids->data[i];
	if (html == NULL)
		return NULL;
	kids = &html->v.element.children;
	for (i = 0; i < kids->length && head == NULL; i++) {
		k = kids->data[i];
		if (k->type == GUMBO_NODE_ELEMENT &&
		    k->v.element.tag == GUMBO_TAG_HEAD)
			head = k;
	}
	if (head == NULL)
		return NULL;
	kids = &head->v.element.children;
	for (i = 0; i < kids->length; i++) {
		k = kids->data[i];
		if (k->type == GUMBO_NODE_ELEMENT &&
		    k->v.element.tag == GUMBO_TAG_BASE &&
		    attr_of(k, "href") != NULL)
			return attr_of(k, "href");
	}
	return NULL;
}

int
render_html(const char *html, size_t len, const char *base_url, int width,
    struct render_doc *out)
{
	GumboOptions opt = kGumboDefaultOptions;
	GumboOutput *g;
	const char *href;
	char *base = NULL;
	struct buf flat = BUF_INIT;
	int r;

	/* A pathologically deep page would take gumbo minutes: its text. */
	if (html_depth(html, len, HTML_DEPTH_MAX) >= HTML_DEPTH_MAX) {
		html_depth_flatten(html, len, &flat);
		r = render_html(flat.ptr, flat.len, base_url, width, out);
		buf_release(&flat);
		return r;
	}
	doc_init(out, clamp_width(width));
	opt.max_errors = 0;
	/* gumbo would keep an escape sequence's text, its ESC replaced. */
	if (text_safe_strip_escapes(html, len, &flat)) {
		html = flat.ptr;
		len = flat.len;
	}
	g = gumbo_parse_with_options(&opt, html, len);
	if (g == NULL) {
		buf_release(&flat);
		return -1;
	}
	href = base_href(g->document);
	if (href != NULL && !render_dead_scheme(href))
		base = url_resolve(base_url, href);
	render_tree(g->document, base != NULL ? base : base_url, out->width,
	    out);
	free(base);
	gumbo_destroy_output(&opt, g);
	buf_release(&flat);
	return 0;
}

void
render_doc_release(struct render_doc *d)
{
	free(d->lines);
	free(d->links);
	arena_release(&d->arena);
	doc_init(d, d->width);
}

void
render_doc_write_text(const struct render_doc *d, struct buf *out)
{
	size_t i;

	for (i = 0; i < d->nlines; i++) {
		buf_append(out, d->lines[i].text, d->lines[i].len);
		buf_append_char(out, '\n');
	}
	if (d->nlinks == 0)
		return;
	buf_append_str(out, "\nLinks:\n");
	for (i = 0; i < d->nlinks; i++)
		buf_printf(out, "[%zu] %s\n", i + 1, d->links[i]);
}
