/*
 * extract_clean: the article, once chosen, cleaned of what came with
 * it: share bars, lists of related links, empty paragraphs, headings
 * that repeat the title, and blocks that look like furniture by their
 * shape (more links than text, more images or inputs than paragraphs,
 * an embed with no words). Tables of data are kept whole.
 *
 * One walk over the article, children before parents, each node's
 * totals recomputed from the children that are left: linear.
 */
#include "extract_priv.h"

#include <stdlib.h>
#include <string.h>

#include "banned.h"

/* Tables of data are kept whole; tables of layout are cleaned. */
static void
mark_data_tables(struct ex_node *art)
{
	struct ex_node *n, *t;

	for (t = art; t != NULL; t = ex_next(t, art)) {
		size_t rows = 0, cols = 0, cells = 0;
		int data = 0, nested = 0;
		const char *v;

		if (t->tag != GUMBO_TAG_TABLE)
			continue;
		v = ex_attr(t, "role");
		if (v != NULL && strcmp(v, "presentation") == 0)
			continue;
		v = ex_attr(t, "datatable");
		if (v != NULL && strcmp(v, "0") == 0)
			continue;
		if (ex_attr(t, "summary") != NULL)
			data = 1;
		/* the table's own rows and cells, not nested tables' */
		for (n = t->first; n != NULL;) {
			if (n->flags & EX_TEXT) {
				n = ex_next(n, t);
				continue;
			}
			switch (n->tag) {
			case GUMBO_TAG_TABLE:
				nested = 1;
				n = ex_next_skip(n, t);
				continue;
			case GUMBO_TAG_CAPTION: case GUMBO_TAG_TH:
			case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
			case GUMBO_TAG_COLGROUP: case GUMBO_TAG_COL:
				data = 1;
				break;
			case GUMBO_TAG_TR:
				rows++;
				if (cells > cols)
					cols = cells;
				cells = 0;
				break;
			case GUMBO_TAG_TD:
				cells++;
				break;
			default:
				break;
			}
			n = ex_next(n, t);
		}
		if (cells > cols)
			cols = cells;
		if (nested)
			data = 0;
		else if (rows >= 10 || cols > 4 || rows * cols > 10)
			data = 1;
		if (data)
			t->flags |= EX_DATA_TABLE;
	}
	for (n = art->first; n != NULL; n = ex_next(n, art))
		if (n->parent->flags & (EX_DATA_TABLE | EX_IN_DATA_TABLE))
			n->flags |= EX_IN_DATA_TABLE;
}

static int
is_list(const struct ex_node *n)
{
	return n->tag == GUMBO_TAG_UL || n->tag == GUMBO_TAG_OL;
}

static int
cleaned_conditionally(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_TABLE:
	case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DIV:
	case GUMBO_TAG_SECTION: case GUMBO_TAG_DL: case GUMBO_TAG_UNKNOWN:
		return 1;
	default:
		return 0;
	}
}

/* Does n look like page furniture rather than part of the article? */
static int
looks_like_junk(const struct ex_node *n, unsigned pass, int in_figure)
{
	int weight = (pass & EX_WEIGHT_CLASSES) ? ex_class_weight(n) : 0;
	double score = (n->flags & EX_SCORED) ? n->score : 0;
	double ld = ex_link_density(n);
	int list = is_list(n);

	if (weight + score < 0)
		return 1;
	if (n->commas >= 10)
		return 0;
	if (n->nimg > 1 && (double)n->npara / (double)n->nimg < 0.5 &&
	    !in_figure)
		return 1;
	if (!list && n->nli > n->npara + 100)
		return 1;
	if (n->ninput > n->npara / 3)
		return 1;
	if (!list && n->chars < 25 && n->nimg == 0 && n->nembed == 0 &&
	    (ld > 0 || n->chars == 0) &&
	    n->nheading_chars * 10 < n->chars * 9)
		return 1;
	/* links weigh less among several paragraphs ("read more" links) */
	if (weight < 25 && ld > (n->npara >= 3 ? 0.3 : 0.2) &&
	    !(list && ld < 0.5 && n->chars > 200))
		return 1;
	if (weight >= 25 && ld > 0.5)
		return 1;
	if ((n->nembed == 1 && n->chars < 75) || n->nembed > 1)
		return 1;
	return 0;
}

static int
is_heading(GumboTag tag)
{
	return tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6;
}

static int
same_text(const struct ex_node *n, const char *s)
{
	struct buf b = BUF_INIT;
	int r;

	/* no text to build when the lengths cannot match */
	if (s == NULL || n->chars > 2 * strlen(s) + 16)
		return 0;
	ex_text(n, &b);
	r = strcmp(b.ptr, s) == 0;
	buf_release(&b);
	return r;
}

void
ex_clean_article(struct ex_doc *d, struct ex_node *art, unsigned pass)
{
	struct ex_node **v, *n;
	size_t len, i;

	mark_data_tables(art);
	/* in_figure via mark */
	art->mark = 0;
	for (n = art->first; n != NULL; n = ex_next(n, art))
		n->mark = n->parent->mark || n->tag == GUMBO_TAG_FIGURE;
	len = ex_preorder(art, &v);
	for (i = len; i-- > 1;) {
		n = v[i];
		if (n->flags & EX_TEXT)
			continue;
		ex_measure_node(n);
		if (n->flags & EX_IN_DATA_TABLE)
			continue;
		if (is_heading(n->tag)) {
			if (((pass & EX_WEIGHT_CLASSES) &&
			    ex_class_weight(n) < 0) ||
			    ((n->tag == GUMBO_TAG_H1 ||
			    n->tag == GUMBO_TAG_H2) && same_text(n, d->title)))
				ex_unlink(n);
			continue;
		}
		if (n->tag == GUMBO_TAG_P && n->chars == 0 && n->nimg == 0 &&
		    n->nembed == 0) {
			ex_unlink(n);
			continue;
		}
		if ((n->flags & EX_DATA_TABLE) ||
		    !cleaned_conditionally(n->tag))
			continue;
		if (n->chars < 500 && ex_is_share(n)) {
			ex_unlink(n);
			continue;
		}
		if ((pass & EX_CLEAN_CONDITIONALLY) &&
		    looks_like_junk(n, pass, (int)n->mark))
			ex_unlink(n);
	}
	free(v);
	ex_measure_node(art);
}
