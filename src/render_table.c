/*
 * Tables (render_priv.h). The walk collects each cell's text into a run
 * of its own, on one line (blocks inside a cell are only spaces apart);
 * then the table is laid out in one of two ways:
 *
 *   aligned, when the widest cell of every column fits the width side
 *   by side: columns padded with spaces, two spaces between, a rule
 *   under a header row;
 *
 *   one block per row otherwise, one line per cell (wrapped), prefixed
 *   "Header: " when the table has a header row. A layout table of long
 *   paragraphs reads as paragraphs this way.
 *
 * A colspan cell covers its columns; rowspan is ignored (later rows'
 * cells shift left), as in text browsers.
 */
#include "render_priv.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

#define SPAN_MAX 64
#define GAP 2			/* spaces between aligned columns */

struct table_cell {
	struct render_run run;
	int header;
	int span;
	size_t col;		/* first column it covers */
};

struct table_row {
	struct table_cell *cells;
	size_t ncells, cap;
};

struct render_table {
	struct table_row *rows;
	size_t nrows, cap;
	struct render_run caption;
};

struct render_table *
render_table_new(void)
{
	struct render_table *t = xcalloc(1, sizeof(*t));

	render_run_init(&t->caption);
	return t;
}

void
render_table_free(struct render_table *t)
{
	size_t i, j;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->rows[i].ncells; j++)
			render_run_release(&t->rows[i].cells[j].run);
		free(t->rows[i].cells);
	}
	free(t->rows);
	render_run_release(&t->caption);
	free(t);
}

void
render_table_row(struct render_table *t)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 8;
		t->rows = xreallocarray(t->rows, t->cap, sizeof(*t->rows));
	}
	memset(&t->rows[t->nrows++], 0, sizeof(*t->rows));
}

struct render_run *
render_table_cell(struct render_table *t, int header, int span)
{
	struct table_row *row;
	struct table_cell *c;

	if (t->nrows == 0)
		render_table_row(t);
	row = &t->rows[t->nrows - 1];
	if (row->ncells == row->cap) {
		row->cap = row->cap ? 2 * row->cap : 8;
		row->cells = xreallocarray(row->cells, row->cap,
		    sizeof(*row->cells));
	}
	c = &row->cells[row->ncells++];
	render_run_init(&c->run);
	c->header = header;
	c->span = span < 1 ? 1 : span > SPAN_MAX ? SPAN_MAX : span;
	c->col = 0;
	return &c->run;
}

struct render_run *
render_table_caption(struct render_table *t)
{
	return &t->caption;
}

/* A first row of header cells only, followed by other rows. */
static int
has_header_row(const struct render_table *t)
{
	size_t j;

	if (t->nrows < 2 || t->rows[0].ncells == 0)
		return 0;
	for (j = 0; j < t->rows[0].ncells; j++)
		if (!t->rows[0].cells[j].header)
			return 0;
	return 1;
}

static void
pad(struct render_run *r, size_t n)
{
	static const char spaces[] = "                                ";
	size_t k;

	while (n > 0) {
		k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		render_run_literal(r, spaces, k, 0, 0, 1);
		n -= k;
	}
}

static void
emit_aligned(struct render_state *st, struct render_table *t,
    const long long *colw, size_t ncols, long long total, int header)
{
	static const char rule[] = "\xe2\x94\x80";
	struct render_run *r = &st->scratch;
	struct table_row *row;
	struct table_cell *c;
	long long w, k;
	size_t i, j, col;
	int cw;

	for (i = 0; i < t->nrows; i++) {
		row = &t->rows[i];
		if (row->ncells == 0)
			continue;
		render_run_reset(r);
		for (j = 0; j < row->ncells; j++) {
			c = &row->cells[j];
			for (w = 0, col = c->col; col < c->col + (size_t)c->span &&
			    col < ncols; col++)
				w += colw[col] + (col > c->col ? GAP : 0);
			render_run_copy(r, &c->run, 0);
			cw = render_run_width(&c->run);
			if (j + 1 < row->ncells)
				pad(r, (size_t)(w - cw + GAP));
		}
		render_emit(st, r, RENDER_NOWRAP);
		if (i == 0 && header) {
			for (k = 0; k < total; k++)
				render_run_literal(r, rule, 3, RENDER_DIM, 0, 1);
			render_emit(st, r, RENDER_NOWRAP);
		}
	}
}

/* The header cell above column col, or NULL. */
static const struct table_cell *
header_of(const struct render_table *t, size_t col)
{
	const struct table_row *row = &t->rows[0];
	size_t j;

	for (j = 0; j < row->ncells; j++)
		if (col >= row->cells[j].col &&
		    col < row->cells[j].col + (size_t)row->cells[j].span)
			return &row->cells[j];
	return NULL;
}

static void
emit_blocks(struct render_state *st, struct render_table *t, int header)
{
	struct render_run *r = &st->scratch;
	const struct table_cell *h;
	struct table_cell *c;
	size_t i, j;

	for (i = header ? 1 : 0; i < t->nrows; i++) {
		render_margin(st, 1);
		for (j = 0; j < t->rows[i].ncells; j++) {
			c = &t->rows[i].cells[j];
			if (c->run.text.len == 0)
				continue;
			h = header ? header_of(t, c->col) : NULL;
			if (h != NULL && h->run.text.len > 0) {
				render_run_copy(r, &h->run, RENDER_BOLD);
				render_run_literal(r, ":", 1, RENDER_BOLD, 0,
				    1);
				render_run_space(r, 0, 0);
			}
			render_run_copy(r, &c->run, 0);
			render_emit(st, r, RENDER_WRAP);
		}
	}
}

void
render_table_emit(struct render_state *st, struct render_table *t)
{
	long long *colw, total, w, have;
	size_t ncols = 0, i, j, col, end;
	struct table_cell *c;
	int header = has_header_row(t);

	if (t->caption.text.len > 0)
		render_emit(st, &t->caption, RENDER_WRAP);
	for (i = 0; i < t->nrows; i++) {
		col = 0;
		for (j = 0; j < t->rows[i].ncells; j++) {
			t->rows[i].cells[j].col = col;
			col += (size_t)t->rows[i].cells[j].span;
		}
		if (col > ncols)
			ncols = col;
	}
	if (ncols == 0)
		return;
	colw = xcalloc(ncols, sizeof(*colw));
	/* Single cells set the columns' widths, then spanning cells
	 * widen the last column they cover if they need more. */
	for (i = 0; i < t->nrows; i++)
		for (j = 0; j < t->rows[i].ncells; j++) {
			c = &t->rows[i].cells[j];
			if (c->span != 1)
				continue;
			w = render_run_width(&c->run);
			if (w > colw[c->col])
				colw[c->col] = w;
		}
	for (i = 0; i < t->nrows; i++)
		for (j = 0; j < t->rows[i].ncells; j++) {
			c = &t->rows[i].cells[j];
			if (c->span == 1)
				continue;
			end = c->col + (size_t)c->span;
			for (have = 0, col = c->col; col < end; col++)
				have += colw[col] + (col > c->col ? GAP : 0);
			w = render_run_width(&c->run);
			if (w > have)
				colw[end - 1] += w - have;
		}
	for (total = 0, col = 0; col < ncols; col++)
		total += colw[col] + (col > 0 ? GAP : 0);
	if (total <= st->width - render_prefix_cols(st))
		emit_aligned(st, t, colw, ncols, total, header);
	else
		emit_blocks(st, t, header);
	free(colw);
}
