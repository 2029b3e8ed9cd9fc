/*
 * Runs, wrapping and lines (render_priv.h).
 *
 * A run is one paragraph's text with a sorted list of style changes
 * (marks), so styles cost nothing per byte. Text enters a run already
 * safe and collapsed: the space between two words is held back until
 * the next word arrives, so a run never starts or ends with a space
 * and a hard break is never next to one. Wrapping is then a greedy pass
 * over words separated by single spaces, measured in display columns;
 * a word is measured only as far as the room left, so cutting a huge
 * word (a 1 MB URL) stays linear.
 *
 * Lines are built in a scratch buffer (prefixes first, then content),
 * then copied into the document's arena.
 */
#include "render_priv.h"

#include <stdlib.h>
#include <string.h>

#include "text_safe.h"
#include "wcwidth.h"
#include "xalloc.h"
#include "banned.h"

void
render_run_init(struct render_run *r)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->text);
}

void
render_run_release(struct render_run *r)
{
	buf_release(&r->text);
	free(r->marks);
	render_run_init(r);
}

void
render_run_reset(struct render_run *r)
{
	buf_reset(&r->text);
	r->nmarks = 0;
	r->space = 0;
	r->column = 0;
}

/* Make the text appended next have this style. */
static void
run_style(struct render_run *r, unsigned attr, int link)
{
	struct render_mark *m;

	if (r->nmarks > 0) {
		m = &r->marks[r->nmarks - 1];
		if (m->attr == attr && m->link == link)
			return;
		if (m->off == r->text.len) {
			/* Nothing was written in the old style. */
			if (r->nmarks > 1 && m[-1].attr == attr &&
			    m[-1].link == link)
				r->nmarks--;
			else {
				m->attr = attr;
				m->link = link;
			}
			return;
		}
	}
	if (r->nmarks == r->marks_cap) {
		r->marks_cap = r->marks_cap ? 2 * r->marks_cap : 8;
		r->marks = xreallocarray(r->marks, r->marks_cap,
		    sizeof(*r->marks));
	}
	r->marks[r->nmarks].off = r->text.len;
	r->marks[r->nmarks].attr = attr;
	r->marks[r->nmarks].link = link;
	r->nmarks++;
}

static void
run_put(struct render_run *r, const char *s, size_t n, unsigned attr,
    int link)
{
	run_style(r, attr, link);
	buf_append(&r->text, s, n);
}

/* Write the space held back, in the style both its sides share. */
static void
run_flush_space(struct render_run *r, unsigned attr, int link)
{
	if (!r->space)
		return;
	r->space = 0;
	run_put(r, " ", 1, r->space_attr & attr,
	    r->space_link == link ? link : 0);
}

void
render_run_space(struct render_run *r, unsigned attr, int link)
{
	if (r->text.len == 0 || r->text.ptr[r->text.len - 1] == '\n')
		return;
	if (!r->space) {
		r->space = 1;
		r->space_attr = attr;
		r->space_link = link;
	} else {
		r->space_attr &= attr;
		if (r->space_link != link)
			r->space_link = 0;
	}
}

void
render_run_break(struct render_run *r)
{
	r->space = 0;
	run_put(r, "\n", 1, r->nmarks ? r->marks[r->nmarks - 1].attr : 0,
	    r->nmarks ? r->marks[r->nmarks - 1].link : 0);
	r->column = 0;
}

/*
 * The next character of s[i..len): its length, and in *out the bytes to
 * write (NULL: drop it; " ": whitespace). The soft hyphen is dropped: a
 * terminal would draw it, a browser only where it breaks a word.
 */
static size_t
next_char(const char *s, size_t len, size_t i, const char **out,
    unsigned long *cp)
{
	unsigned char c = (unsigned char)s[i];
	size_t n;

	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
		*cp = c;
		*out = " ";
		return 1;
	}
	if ((n = text_safe_escape_len(s + i, len - i)) > 0) {
		/* A control sequence goes whole, not just its ESC. */
		*cp = 0x1b;
		*out = NULL;
		return n;
	}
	n = utf8_decode(s + i, len - i, cp);
	if (*cp == 0xFFFD && n == 1)
		*out = "\xef\xbf\xbd";
	else if (*cp == 0x85 || *cp == 0x2028 || *cp == 0x2029)
		*out = " ";
	else if (text_safe_unsafe(*cp) || *cp == 0xAD)
		*out = NULL;
	else
		*out = s + i;
	return n;
}

void
render_run_text(struct render_run *r, const char *s, size_t len,
    unsigned attr, int link)
{
	size_t i = 0, j, n;
	const char *out;
	unsigned long cp;

	while (i < len) {
		/* Most text is printable ASCII: take it a word at a time. */
		for (j = i; j < len && (unsigned char)s[j] > 0x20 &&
		    (unsigned char)s[j] < 0x7F; j++)
			;
		if (j > i) {
			run_flush_space(r, attr, link);
			run_put(r, s + i, j - i, attr, link);
			i = j;
			continue;
		}
		n = next_char(s, len, i, &out, &cp);
		if (out == NULL) {
			/* dropped */
		} else if (out[0] == ' ' && out != s + i) {
			render_run_space(r, attr, link);
		} else {
			run_flush_space(r, attr, link);
			run_put(r, out, out == s + i ? n : 3, attr, link);
		}
		i += n;
	}
}

void
render_run_pre(struct render_run *r, const char *s, size_t len,
    unsigned attr, int link)
{
	static const char spaces[] = "        ";
	size_t i = 0, n;
	const char *out;
	unsigned long cp;
	int w;

	run_flush_space(r, attr, link);
	while (i < len) {
		n = next_char(s, len, i, &out, &cp);
		i += n;
		if (cp == '\n') {
			render_run_break(r);
		} else if (cp == '\t') {
			w = 8 - r->column % 8;
			run_put(r, spaces, (size_t)w, attr, link);
			r->column += w;
		} else if (cp == ' ') {
			run_put(r, " ", 1, attr, link);
			r->column++;
		} else if (out != NULL && out[0] != ' ') {
			run_put(r, out, out == s + i - n ? n : 3, attr, link);
			w = wcwidth_of(out == s + i - n ? cp : 0xFFFD);
			r->column += w > 0 ? w : 0;
		}
	}
}

void
render_run_literal(struct render_run *r, const char *s, size_t len,
    unsigned attr, int link, int glue)
{
	if (!glue)
		run_flush_space(r, attr, link);
	run_put(r, s, len, attr, link);
}

void
render_run_copy(struct render_run *dst, const struct render_run *src,
    unsigned attr)
{
	size_t k, end;

	for (k = 0; k < src->nmarks; k++) {
		end = k + 1 < src->nmarks ? src->marks[k + 1].off :
		    src->text.len;
		if (k == 0)
			run_flush_space(dst, src->marks[k].attr | attr,
			    src->marks[k].link);
		run_put(dst, src->text.ptr + src->marks[k].off,
		    end - src->marks[k].off, src->marks[k].attr | attr,
		    src->marks[k].link);
	}
}

int
render_run_width(const struct render_run *r)
{
	return utf8_width(r->text.ptr, r->text.len);
}

/* Blocks and their prefixes. */

void
render_block_push(struct render_state *st, const char *first,
    unsigned attr, int repeat)
{
	struct render_block *b;
	size_t n = strlen(first);
	int cols = utf8_width(first, n);

	if (st->nblocks == st->blocks_cap) {
		st->blocks_cap = st->blocks_cap ? 2 * st->blocks_cap : 16;
		st->blocks = xreallocarray(st->blocks, st->blocks_cap,
		    sizeof(*st->blocks));
	}
	b = &st->blocks[st->nblocks++];
	if (n >= sizeof(b->first))
		n = sizeof(b->first) - 1;
	memcpy(b->first, first, n);
	b->first[n] = '\0';
	if (repeat) {
		memcpy(b->rest, b->first, n + 1);
	} else {
		if (cols >= (int)sizeof(b->rest))
			cols = (int)sizeof(b->rest) - 1;
		memset(b->rest, ' ', (size_t)cols);
		b->rest[cols] = '\0';
	}
	b->cols = cols;
	b->attr = attr;
	b->used = 0;
}

void
render_block_pop(struct render_state *st)
{
	if (st->nblocks > 0)
		st->nblocks--;
}

/*
 * How many of the outer blocks show their prefix: as many as fit in
 * half the width, so that deep nesting still leaves room for the text.
 */
static size_t
visible_blocks(struct render_state *st, int *cols)
{
	size_t i;
	int total = 0;

	for (i = 0; i < st->nblocks; i++) {
		if (total + st->blocks[i].cols > st->width / 2)
			break;
		total += st->blocks[i].cols;
	}
	if (cols != NULL)
		*cols = total;
	return i;
}

int
render_block_unused(struct render_state *st)
{
	return st->nblocks > 0 && !st->blocks[st->nblocks - 1].used &&
	    visible_blocks(st, NULL) == st->nblocks;
}

int
render_prefix_cols(struct render_state *st)
{
	int cols;

	visible_blocks(st, &cols);
	return cols;
}

void
render_margin(struct render_state *st, int n)
{
	if (n <= 0)
		return;
	if (n > st->margin)
		st->margin = n;
	if (st->nblocks < st->margin_depth)
		st->margin_depth = st->nblocks;
}

/* Lines. */

static void
line_add(struct render_state *st, const char *s, size_t n, unsigned attr,
    int link)
{
	struct render_span *sp;

	if (n == 0)
		return;
	if (st->nspans > 0) {
		sp = &st->spans[st->nspans - 1];
		if (sp->attr == attr && sp->link == link) {
			sp->len += n;
			buf_append(&st->line, s, n);
			return;
		}
	}
	if (st->nspans == st->spans_cap) {
		st->spans_cap = st->spans_cap ? 2 * st->spans_cap : 16;
		st->spans = xreallocarray(st->spans, st->spans_cap,
		    sizeof(*st->spans));
	}
	sp = &st->spans[st->nspans++];
	sp->start = st->line.len;
	sp->len = n;
	sp->attr = attr;
	sp->link = link;
	buf_append(&st->line, s, n);
}

static void
line_end(struct render_state *st, unsigned flags)
{
	struct render_doc *d = st->doc;
	struct render_line *l;
	struct render_span *sp;

	while (st->line.len > 0 && st->line.ptr[st->line.len - 1] == ' ') {
		buf_truncate(&st->line, st->line.len - 1);
		sp = &st->spans[st->nspans - 1];
		if (--sp->len == 0)
			st->nspans--;
	}
	if (d->nlines == d->lines_cap) {
		d->lines_cap = d->lines_cap ? 2 * d->lines_cap : 64;
		d->lines = xreallocarray(d->lines, d->lines_cap,
		    sizeof(*d->lines));
	}
	l = &d->lines[d->nlines++];
	l->text = arena_memdup(&d->arena, st->line.ptr, st->line.len);
	l->len = st->line.len;
	l->width = utf8_width(st->line.ptr, st->line.len);
	l->nspans = st->nspans;
	l->spans = NULL;
	if (st->nspans > 0) {
		l->spans = arena_alloc(&d->arena,
		    st->nspans * sizeof(*st->spans));
		memcpy(l->spans, st->spans, st->nspans * sizeof(*st->spans));
	}
	l->flags = flags;
	st->last_blank = !(flags & RENDER_LINE_PRE) &&
	    st->line.len <= st->prefix_len;
	buf_reset(&st->line);
	st->nspans = 0;
}

/* Emit the blank lines owed, with the prefixes of the blocks that
 * enclose both what came before and what comes next. */
static void
flush_margin(struct render_state *st)
{
	size_t i, n;
	int k;

	if (st->margin > 0 && st->doc->nlines > 0 && !st->last_blank) {
		n = visible_blocks(st, NULL);
		if (n > st->margin_depth)
			n = st->margin_depth;
		for (k = 0; k < st->margin; k++) {
			for (i = 0; i < n; i++)
				line_add(st, st->blocks[i].rest,
				    strlen(st->blocks[i].rest),
				    st->blocks[i].attr, 0);
			st->prefix_len = st->line.len;
			line_end(st, 0);
		}
	}
	st->margin = 0;
	st->margin_depth = (size_t)-1;
}

static void
line_begin(struct render_state *st)
{
	size_t i, n;
	struct render_block *b;

	flush_margin(st);
	n = visible_blocks(st, NULL);
	for (i = 0; i < n; i++) {
		b = &st->blocks[i];
		if (b->used)
			line_add(st, b->rest, strlen(b->rest), b->attr, 0);
		else
			line_add(st, b->first, strlen(b->first), b->attr, 0);
		b->used = 1;
	}
	st->prefix_len = st->line.len;
}

/* Emit r->text[from..to) as one line, in the styles of r's marks. */
static void
emit_line(struct render_state *st, const struct render_run *r, size_t from,
    size_t to, unsigned flags)
{
	size_t lo = 0, hi = r->nmarks, mid, k, end;

	/* Never two blank lines in a row, nor one at the top. */
	if (from == to && !(flags & RENDER_LINE_PRE) &&
	    (st->doc->nlines == 0 || st->last_blank || st->margin > 0))
		return;
	line_begin(st);
	/* The last mark at or before from. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (r->marks[mid].off <= from)
			lo = mid;
		else
			hi = mid;
	}
	for (k = lo; k < r->nmarks && from < to; k++) {
		end = k + 1 < r->nmarks ? r->marks[k + 1].off : r->text.len;
		if (end > to)
			end = to;
		if (end > from)
			line_add(st, r->text.ptr + from, end - from,
			    r->marks[k].attr, r->marks[k].link);
		if (end > from)
			from = end;
	}
	line_end(st, flags);
}

void
render_emit_empty(struct render_state *st)
{
	line_begin(st);
	line_end(st, 0);
	st->last_blank = 0;	/* it shows a list marker */
}

/*
 * Width of the word at s[i..len) (up to a space), measured no further
 * than limit columns: returns its width, or something above limit with
 * *end unset when it is wider.
 */
static int
measure(const char *s, size_t i, size_t len, int limit, size_t *end)
{
	unsigned long cp;
	int w = 0, cw;

	while (i < len && s[i] != ' ') {
		if ((unsigned char)s[i] < 0x80) {
			w++;
			i++;
		} else {
			i += utf8_decode(s + i, len - i, &cp);
			cw = wcwidth_of(cp);
			w += cw > 0 ? cw : 0;
		}
		if (w > limit)
			return w;
	}
	*end = i;
	return w;
}

/* Where to cut the word at s[i..len) so that it fills at most avail
 * columns: after at least one character and its combining marks. */
static size_t
cut_word(const char *s, size_t i, size_t len, int avail)
{
	unsigned long cp;
	size_t j = i, n;
	int w = 0, cw;

	while (j < len && s[j] != ' ') {
		n = utf8_decode(s + j, len - j, &cp);
		cw = wcwidth_of(cp);
		if (cw < 0)
			cw = 0;
		if (j > i && cw > 0 && w + cw > avail)
			break;
		w += cw;
		j += n;
	}
	return j;
}

/* Greedy wrap of the hard line s[ls..le) to avail columns. */
static void
wrap_line(struct render_state *st, const struct render_run *r, size_t ls,
    size_t le, int avail)
{
	const char *s = r->text.ptr;
	size_t i = ls, start, end, we = 0;
	int w, ww, room;

	for (;;) {
		start = end = i;
		w = 0;
		while (i < le) {
			room = end == start ? avail : avail - w - 1;
			ww = measure(s, i, le, room, &we);
			if (ww > room) {
				if (end != start)
					break;
				end = i = cut_word(s, i, le, avail);
				break;
			}
			w += (end == start ? 0 : 1) + ww;
			end = i = we;
			if (i < le && s[i] == ' ')
				i++;
		}
		emit_line(st, r, start, end, 0);
		if (i >= le)
			break;
	}
}

void
render_emit(struct render_state *st, struct render_run *r,
    enum render_emit how)
{
	size_t len = r->text.len, ls, le;
	int avail;

	while (len > 0 && r->text.ptr[len - 1] == '\n')
		len--;
	if (len == 0) {
		render_run_reset(r);
		return;
	}
	avail = st->width - render_prefix_cols(st);
	for (ls = 0; ls <= len; ls = le + 1) {
		for (le = ls; le < len && r->text.ptr[le] != '\n'; le++)
			;
		if (how == RENDER_WRAP)
			wrap_line(st, r, ls, le, avail);
		else
			emit_line(st, r, ls, le,
			    how == RENDER_PRE ? RENDER_LINE_PRE : 0);
	}
	render_run_reset(r);
}
