/*
 * extract_priv: the tree the article extractor works on, shared by
 * extract.c (parse, metadata, orchestration), extract_tree.c (building,
 * measuring and writing the tree), extract_score.c (pruning, scoring,
 * choosing) and extract_clean.c (cleaning the choice).
 *
 * gumbo's own tree cannot be changed through its API, and extraction
 * moves and drops nodes, so the page is copied into nodes of our own,
 * all in one arena: linked both ways among siblings, so removing or
 * moving a node is O(1). Node strings point into gumbo's output or the
 * arena; both live until the extraction ends. Walks are iterative (the
 * tree may be 10000 deep).
 */
#ifndef TELEX_EXTRACT_PRIV_H
#define TELEX_EXTRACT_PRIV_H

#include <gumbo.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"

struct ex_attr {
	const char *name, *value;
};

enum ex_node_flags {
	EX_TEXT = 1 << 0,		/* a text node: text, text_len */
	EX_SCORED = 1 << 1,		/* score holds a candidate's score */
	EX_DATA_TABLE = 1 << 2,		/* a table of data, not of layout */
	EX_IN_DATA_TABLE = 1 << 3,
	EX_PARAGRAPH = 1 << 4,		/* a block of text to score */
};

struct ex_node {
	struct ex_node *parent, *first, *last, *prev, *next;
	GumboTag tag;			/* GUMBO_TAG_UNKNOWN for text */
	const char *name;		/* lower-case tag name; "" for text */
	const char *text;		/* text nodes only */
	size_t text_len;
	struct ex_attr *attrs;
	size_t nattrs;
	unsigned flags;
	double score;
	/* ex_measure()'s totals over the subtree */
	size_t chars;			/* characters, whitespace runs as one */
	size_t link_chars;		/* of which inside <a href> */
	size_t commas;
	size_t npara, nimg, nli, ninput, nembed, nheading_chars;
	unsigned mark;			/* scratch for one pass */
};

struct ex_doc {
	struct arena arena;
	GumboOutput *gumbo;
	struct ex_node *root;		/* <html> */
	struct ex_node *body;		/* never NULL once built */
	char *base;			/* for links; may be NULL */
	const char *title;		/* the title found, to drop its repeat */
	char *byline;			/* from a byline element, if any */
};

/* extract_tree.c */
struct ex_node *ex_build(struct ex_doc *d, const GumboNode *root);
const char *ex_attr(const struct ex_node *n, const char *name);
void ex_unlink(struct ex_node *n);
void ex_append_child(struct ex_node *parent, struct ex_node *child);
void ex_insert_before(struct ex_node *ref, struct ex_node *n);
struct ex_node *ex_new_element(struct ex_doc *d, GumboTag tag);
/* The next node after n in document order within top, or NULL. */
struct ex_node *ex_next(const struct ex_node *n, const struct ex_node *top);
/* Like ex_next, but skipping n's subtree. */
struct ex_node *ex_next_skip(const struct ex_node *n,
    const struct ex_node *top);
/*
 * The subtree of top in document order, top first, in *out (an array
 * the caller frees). Reversed, it lists children before parents.
 */
size_t ex_preorder(struct ex_node *top, struct ex_node ***out);
/* Recompute the totals of every node under top (top included). */
void ex_measure(struct ex_node *top);
/* Recompute n's totals from its children's (or its own text). */
void ex_measure_node(struct ex_node *n);
/* The text of n, whitespace runs as one space, trimmed. */
void ex_text(const struct ex_node *n, struct buf *out);
/* Write n (or, with inner, only its children) as HTML. */
void ex_serialize(const struct ex_doc *d, const struct ex_node *n,
    int inner, struct buf *out);
int ex_is_block(GumboTag tag);
double ex_link_density(const struct ex_node *n);

/* extract_score.c */
enum ex_pass_flags {
	EX_STRIP_UNLIKELY = 1 << 0,
	EX_WEIGHT_CLASSES = 1 << 1,
	EX_CLEAN_CONDITIONALLY = 1 << 2,
};
/* Drop what is never content: scripts, styles, hidden nodes, forms. */
void ex_prune_page(struct ex_node *body);
/*
 * Find the article under d->body (pruned) and return it as a new <div>
 * holding the chosen nodes, or NULL when there are no paragraphs.
 */
struct ex_node *ex_grab_article(struct ex_doc *d, unsigned pass);
/* 1 when n's class or id names a share or social bar. */
int ex_is_share(const struct ex_node *n);
/* Weight of n's class and id: +25 per content hint, -25 per junk hint. */
int ex_class_weight(const struct ex_node *n);
/* 1 when the class or id of n names something that is not content. */
int ex_is_unlikely(const struct ex_node *n);

/* extract_clean.c */
/* Drop furniture from the gathered article art (measured). */
void ex_clean_article(struct ex_doc *d, struct ex_node *art, unsigned pass);

#endif
