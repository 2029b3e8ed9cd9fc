/*
 * extract_score: finding the article in the pruned tree.
 *
 * The scheme is the reader-view one: blocks of prose are scored by
 * their length and commas, each score flows to the block's container
 * (in full), its grandparent (half) and a few ancestors above (less and
 * less), so the container that holds the most prose wins. Class and id
 * names tip the balance ("article-body" up, "sidebar" down), links count
 * against a block (navigation is mostly links). The winner's siblings
 * join it when they score close to it or read like prose, and the
 * result is cleaned of blocks that look like furniture.
 *
 * Each step is one or two linear walks; nothing asks "is X inside Y"
 * in a loop, which would be quadratic on deep pages.
 */
#include "extract_priv.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

/*
 * Class/id hints. A leading '=' matches a whole word of the name only
 * (words end at anything but a letter or digit). "share" is not an
 * unlikely word: "sharing-with-others" can be a section of the text;
 * share bars go after the choice, while still short (extract_clean.c).
 */
static const char *const unlikely_words[] = {
	"comment", "disqus", "sidebar", "side-bar", "footer", "masthead",
	"menu", "navbar", "=nav", "breadcrumb", "social", "related",
	"promo", "sponsor", "banner", "popup", "modal", "cookie",
	"consent", "gdpr", "newsletter", "subscri", "signup", "pagination",
	"pager", "skyscraper", "shoutbox",
	"remark", "replies", "=rss", "agegate", "outbrain", "taboola",
	"advert", "=ad", "=ads", "adsense", "combx", "community",
	"supplemental", "legends", "cover-wrap", "yom-remote", "extra",
	"header", "tooltip", "toolbar", "hidden", "print-only", "=tags",
	NULL
};
static const char *const share_words[] = {
	"share", "sharing", "social", NULL
};
static const char *const maybe_words[] = {
	"article", "content", "=post", "story", "main", "body", "entry",
	"=text", "column", "blog", NULL
};
static const char *const negative_words[] = {
	"comment", "=com", "contact", "foot", "masthead", "=media", "meta",
	"outbrain", "taboola", "promo", "related", "scroll", "share",
	"shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "=tags",
	"tool", "widget", "=ad", "=ads", "advert", "banner", "hidden",
	"social", "byline", "caption-credit", "subscri", "newsletter",
	"popup", "nav", "menu", "breadcrumb", "cookie", "gdpr", NULL
};
static const char *const positive_words[] = {
	"article", "body", "content", "entry", "hentry", "h-entry", "main",
	"page", "pagination", "post", "text", "blog", "story", "prose",
	NULL
};

static int
is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80;
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Does word (lower case) occur in s, in any case; whole: as a word? */
static int
contains_word(const char *s, const char *word, int whole)
{
	size_t wl = strlen(word), i, j;

	for (i = 0; s[i] != '\0'; i++) {
		if (whole && i > 0 && is_alnum((unsigned char)s[i - 1]))
			continue;
		for (j = 0; j < wl && s[i + j] != '\0'; j++)
			if (lower(s[i + j]) != word[j])
				break;
		if (j < wl)
			continue;
		if (whole && is_alnum((unsigned char)s[i + wl]))
			continue;
		return 1;
	}
	return 0;
}

static int
matches(const char *s, const char *const *words)
{
	size_t i;

	if (s == NULL || s[0] == '\0')
		return 0;
	for (i = 0; words[i] != NULL; i++) {
		int whole = words[i][0] == '=';

		if (contains_word(s, words[i] + whole, whole))
			return 1;
	}
	return 0;
}

int
ex_class_weight(const struct ex_node *n)
{
	const char *names[2];
	int w = 0, i;

	names[0] = ex_attr(n, "class");
	names[1] = ex_attr(n, "id");
	for (i = 0; i < 2; i++) {
		if (matches(names[i], negative_words))
			w -= 25;
		if (matches(names[i], positive_words))
			w += 25;
	}
	return w;
}

int
ex_is_share(const struct ex_node *n)
{
	return matches(ex_attr(n, "class"), share_words) ||
	    matches(ex_attr(n, "id"), share_words);
}

int
ex_is_unlikely(const struct ex_node *n)
{
	const char *cls = ex_attr(n, "class"), *id = ex_attr(n, "id");

	if (!matches(cls, unlikely_words) && !matches(id, unlikely_words))
		return 0;
	return !matches(cls, maybe_words) && !matches(id, maybe_words);
}

static int
is_hidden(const struct ex_node *n)
{
	const char *v;

	if (ex_attr(n, "hidden") != NULL)
		return 1;
	v = ex_attr(n, "aria-hidden");
	if (v != NULL && strcmp(v, "true") == 0)
		return 1;
	v = ex_attr(n, "style");
	if (v != NULL && (strstr(v, "none") != NULL ||
	    strstr(v, "hidden") != NULL)) {
		struct buf b = BUF_INIT;
		int hidden;

		/* "Display : none" counts: squeeze spaces, fold case */
		for (; *v != '\0'; v++)
			if (*v != ' ' && *v != '\t' && *v != '\n')
				buf_append_char(&b, lower(*v));
		hidden = strstr(b.ptr, "display:none") != NULL ||
		    strstr(b.ptr, "visibility:hidden") != NULL;
		buf_release(&b);
		return hidden;
	}
	return 0;
}

static int
is_junk_role(const struct ex_node *n)
{
	static const char *const roles[] = { "navigation", "menu",
		"menubar", "complementary", "alert", "alertdialog", "dialog",
		"search", "contentinfo", "banner", NULL };
	const char *r = ex_attr(n, "role");
	size_t i;

	if (r == NULL)
		return 0;
	for (i = 0; roles[i] != NULL; i++)
		if (strcmp(r, roles[i]) == 0)
			return 1;
	return 0;
}

static int
is_junk_tag(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_SVG: case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT:
	case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
	case GUMBO_TAG_CANVAS: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_FOOTER: case GUMBO_TAG_HEADER: case GUMBO_TAG_MENU:
	case GUMBO_TAG_META: case GUMBO_TAG_TITLE: case GUMBO_TAG_BASE:
	case GUMBO_TAG_AUDIO: case GUMBO_TAG_MAP: case GUMBO_TAG_APPLET:
	case GUMBO_TAG_FRAMESET: case GUMBO_TAG_FRAME: case GUMBO_TAG_OPTION:
	case GUMBO_TAG_DATALIST: case GUMBO_TAG_KEYGEN: case GUMBO_TAG_OUTPUT:
	case GUMBO_TAG_PROGRESS: case GUMBO_TAG_METER: case GUMBO_TAG_LABEL:
		return 1;
	default:
		return 0;
	}
}

void
ex_prune_page(struct ex_node *body)
{
	struct ex_node *n = body->first, *next;

	while (n != NULL) {
		if ((n->flags & EX_TEXT) == 0 && (is_junk_tag(n->tag) ||
		    strcmp(n->name, "dialog") == 0 ||
		    is_hidden(n) || is_junk_role(n))) {
			next = ex_next_skip(n, body);
			ex_unlink(n);
			n = next;
			continue;
		}
		n = ex_next(n, body);
	}
}

/* A candidate for the byline: short text under an author-ish name. */
static int
looks_like_byline(const struct ex_node *n)
{
	const char *rel = ex_attr(n, "rel"), *ip = ex_attr(n, "itemprop");
	const char *cls = ex_attr(n, "class"), *id = ex_attr(n, "id");
	static const char *const words[] = { "byline", "author", "=by",
		"writtenby", "p-author", NULL };

	if (n->chars == 0 || n->chars >= 100)
		return 0;
	if (rel != NULL && strcmp(rel, "author") == 0)
		return 1;
	if (ip != NULL && contains_word(ip, "author", 0))
		return 1;
	return matches(cls, words) || matches(id, words);
}

/* Within a table, or code, unlikely-looking names are not pruned. */
static int
shields(GumboTag tag)
{
	return tag == GUMBO_TAG_TABLE || tag == GUMBO_TAG_CODE ||
	    tag == GUMBO_TAG_PRE;
}

/*
 * Remove blocks whose names say they are not content, and take the
 * byline out of the text. Needs measured nodes.
 */
static void
strip_unlikely(struct ex_doc *d, struct ex_node *body, int strip)
{
	struct ex_node *n = body->first, *next;
	int found = 0;

	body->mark = 0;
	while (n != NULL) {
		if (n->flags & EX_TEXT) {
			n = ex_next(n, body);
			continue;
		}
		n->mark = n->parent->mark || shields(n->tag);
		if (!found && looks_like_byline(n)) {
			found = 1;
			if (d->byline == NULL) {
				struct buf b = BUF_INIT;

				ex_text(n, &b);
				d->byline = buf_detach(&b, NULL);
			}
			next = ex_next_skip(n, body);
			ex_unlink(n);
			n = next;
			continue;
		}
		if (strip && !n->mark && n->tag != GUMBO_TAG_A &&
		    n->tag != GUMBO_TAG_ARTICLE && n->tag != GUMBO_TAG_MAIN &&
		    ex_is_unlikely(n)) {
			next = ex_next_skip(n, body);
			ex_unlink(n);
			n = next;
			continue;
		}
		n = ex_next(n, body);
	}
}

static int
is_text_container(GumboTag tag)
{
	return tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_SECTION ||
	    tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN ||
	    tag == GUMBO_TAG_TD || tag == GUMBO_TAG_UNKNOWN ||
	    tag == GUMBO_TAG_CENTER || tag == GUMBO_TAG_FONT;
}

static int
has_block_child(const struct ex_node *n)
{
	const struct ex_node *c;

	for (c = n->first; c != NULL; c = c->next)
		if ((c->flags & EX_TEXT) == 0 && (ex_is_block(c->tag) ||
		    (c->flags & EX_PARAGRAPH)))
			return 1;
	return 0;
}

static int
is_blank_text(const struct ex_node *n)
{
	size_t i;

	if ((n->flags & EX_TEXT) == 0)
		return 0;
	for (i = 0; i < n->text_len; i++)
		if (!strchr(" \t\n\r\f", n->text[i]))
			return 0;
	return 1;
}

/*
 * Mark the containers that hold only inline content as paragraphs, and
 * wrap runs of loose text in mixed containers in <p>, so prose written
 * straight into a <div> is scored like prose in <p>.
 */
static void
find_paragraphs(struct ex_doc *d, struct ex_node *body)
{
	struct ex_node **v, *n, *c, *next, *p;
	size_t len, i;

	len = ex_preorder(body, &v);
	for (i = len; i-- > 0;) {
		n = v[i];
		if ((n->flags & EX_TEXT) || !is_text_container(n->tag))
			continue;
		if (!has_block_child(n)) {
			if (n->tag != GUMBO_TAG_TD || n->first != NULL)
				n->flags |= EX_PARAGRAPH;
			continue;
		}
		if (n->tag == GUMBO_TAG_TD)
			continue;
		for (c = n->first; c != NULL;) {
			int keep = 0;

			if ((c->flags & EX_TEXT) == 0 && (ex_is_block(c->tag) ||
			    (c->flags & EX_PARAGRAPH))) {
				c = c->next;
				continue;
			}
			/* a run of inline nodes from c on */
			p = ex_new_element(d, GUMBO_TAG_P);
			p->flags |= EX_PARAGRAPH;
			ex_insert_before(c, p);
			while (c != NULL && ((c->flags & EX_TEXT) ||
			    (!ex_is_block(c->tag) &&
			    !(c->flags & EX_PARAGRAPH)))) {
				next = c->next;
				if (!is_blank_text(c) && c->tag != GUMBO_TAG_BR)
					keep = 1;
				ex_unlink(c);
				ex_append_child(p, c);
				c = next;
			}
			if (!keep) {
				/* only spaces and <br>: put them back */
				while (p->first != NULL) {
					struct ex_node *k = p->first;

					ex_unlink(k);
					ex_insert_before(p, k);
				}
				ex_unlink(p);
			}
		}
	}
	free(v);
}

static double
tag_base_score(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE:
		return 5;
	case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE:
		return 3;
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL:
	case GUMBO_TAG_DL: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
	case GUMBO_TAG_LI: case GUMBO_TAG_FORM:
		return -3;
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_TH:
		return -5;
	default:
		return 0;
	}
}

static void
init_candidate(struct ex_node *n, unsigned pass)
{
	if (n->flags & EX_SCORED)
		return;
	n->flags |= EX_SCORED;
	n->score = tag_base_score(n->tag);
	if (pass & EX_WEIGHT_CLASSES)
		n->score += ex_class_weight(n);
}

static int
is_paragraph(const struct ex_node *n)
{
	return n->tag == GUMBO_TAG_P || n->tag == GUMBO_TAG_PRE ||
	    (n->flags & EX_PARAGRAPH);
}

struct candidates {
	struct ex_node **v;
	size_t len, cap;
};

static void
candidates_add(struct candidates *c, struct ex_node *n)
{
	if (c->len == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->v = xreallocarray(c->v, c->cap, sizeof(*c->v));
	}
	c->v[c->len++] = n;
}

/* Add s to n's ancestors: in full to the parent, less further up. */
static void
score_ancestors(struct ex_node *n, double s, unsigned pass,
    struct candidates *cands)
{
	struct ex_node *a;
	int level;

	for (a = n->parent, level = 0; a != NULL && level < 5;
	    a = a->parent, level++) {
		if (a->parent == NULL)	/* <html> */
			break;
		if ((a->flags & EX_SCORED) == 0) {
			init_candidate(a, pass);
			candidates_add(cands, a);
		}
		a->score += s / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
	}
}

/* What a block of prose is worth: more for length and commas. */
static double
paragraph_score(const struct ex_node *n)
{
	return 2 + (double)n->commas +
	    (n->chars / 100 < 3 ? (double)(n->chars / 100) : 3);
}

/* Score the paragraphs under body into their ancestors. */
static void
score_paragraphs(struct ex_node *body, unsigned pass, struct candidates *cands)
{
	struct ex_node *n, *a;

	for (n = body->first; n != NULL;) {
		if ((n->flags & EX_TEXT) || !is_paragraph(n)) {
			/* a section is scored whole, and its paragraphs too */
			if (n->tag == GUMBO_TAG_SECTION && n->chars >= 25)
				score_ancestors(n, paragraph_score(n), pass,
				    cands);
			n = ex_next(n, body);
			continue;
		}
		a = n;
		/* no paragraph inside a paragraph is scored again */
		n = ex_next_skip(n, body);
		if (a->chars < 25)
			continue;
		score_ancestors(a, paragraph_score(a), pass, cands);
	}
}

/* Is n its parent's only child, but for blank text? */
static int
only_child(const struct ex_node *n)
{
	const struct ex_node *c;

	for (c = n->parent->first; c != NULL; c = c->next)
		if (c != n && !is_blank_text(c))
			return 0;
	return 1;
}

static struct ex_node *
pick_top(struct ex_node *body, struct candidates *cands, unsigned pass)
{
	struct ex_node *top = NULL, *best[5] = { 0 }, *n, *p;
	double last, threshold;
	size_t i, j, nalt;

	for (i = 0; i < cands->len; i++) {
		n = cands->v[i];
		n->score *= 1 - ex_link_density(n);
		for (j = 0; j < 5; j++) {
			if (best[j] == NULL || n->score > best[j]->score) {
				memmove(best + j + 1, best + j,
				    (4 - j) * sizeof(best[0]));
				best[j] = n;
				break;
			}
		}
	}
	top = best[0];
	if (top == NULL)
		return NULL;
	/*
	 * When several strong candidates sit side by side (an article cut
	 * into sections), take the container that holds three of them.
	 * Ancestors are counted by marks, once per candidate: linear.
	 */
	for (n = body; n != NULL; n = ex_next(n, body))
		n->mark = 0;
	for (i = 1, nalt = 0; i < 5 && best[i] != NULL; i++) {
		if (best[i]->score < top->score * 0.75)
			continue;
		nalt++;
		for (p = best[i]; p != NULL; p = p->parent)
			p->mark++;
	}
	if (nalt >= 3) {
		for (p = top->parent; p != NULL && p != body; p = p->parent)
			if (p->mark >= 3)
				break;
		if (p != NULL && p != body) {
			top = p;
			init_candidate(top, pass);
		}
	}
	/* Climb while the parent holds more of the score. */
	last = top->score;
	threshold = last / 3;
	for (p = top->parent; p != NULL && p != body; p = p->parent) {
		if ((p->flags & EX_SCORED) == 0)
			continue;
		if (p->score < threshold)
			break;
		if (p->score > last) {
			top = p;
			break;
		}
		last = p->score;
	}
	/* An only child says nothing its parent would not. */
	while (top->parent != NULL && top->parent != body &&
	    only_child(top)) {
		top = top->parent;
		init_candidate(top, pass);
	}
	return top;
}

static int
ends_sentence(const struct ex_node *n)
{
	struct buf b = BUF_INIT;
	int r;

	ex_text(n, &b);
	r = (b.len > 0 && b.ptr[b.len - 1] == '.') ||
	    strstr(b.ptr, ". ") != NULL;
	buf_release(&b);
	return r;
}

static int
same_class(const struct ex_node *a, const struct ex_node *b)
{
	const char *ca = ex_attr(a, "class"), *cb = ex_attr(b, "class");

	return ca != NULL && cb != NULL && ca[0] != '\0' &&
	    strcmp(ca, cb) == 0;
}

/* The top candidate and its siblings that belong with it, in a <div>. */
static struct ex_node *
gather(struct ex_doc *d, struct ex_node *top)
{
	struct ex_node *art = ex_new_element(d, GUMBO_TAG_DIV), *s, *next;
	double threshold = top->score * 0.2;

	if (threshold < 10)
		threshold = 10;
	if (top->parent == NULL || top->tag == GUMBO_TAG_BODY) {
		while (top->first != NULL) {
			s = top->first;
			ex_unlink(s);
			ex_append_child(art, s);
		}
		return art;
	}
	for (s = top->parent->first; s != NULL; s = next) {
		int take = 0;

		next = s->next;
		if (s == top) {
			take = 1;
		} else if (s->flags & EX_TEXT) {
			take = 0;
		} else {
			double ld = ex_link_density(s), bonus = 0;

			if (same_class(s, top))
				bonus = top->score * 0.2;
			if ((s->flags & EX_SCORED) &&
			    s->score + bonus >= threshold)
				take = 1;
			/* more of the same kind of block */
			else if (bonus > 0 && s->chars > 80 && ld < 0.25)
				take = 1;
			else if (is_paragraph(s) && s->chars > 80 && ld < 0.25)
				take = 1;
			else if (is_paragraph(s) && s->chars > 0 && ld == 0 &&
			    ends_sentence(s))
				take = 1;
		}
		if (take) {
			ex_unlink(s);
			ex_append_child(art, s);
		}
	}
	return art;
}

struct ex_node *
ex_grab_article(struct ex_doc *d, unsigned pass)
{
	struct candidates cands = { NULL, 0, 0 };
	struct ex_node *top, *art;

	ex_measure(d->body);
	strip_unlikely(d, d->body, (pass & EX_STRIP_UNLIKELY) != 0);
	find_paragraphs(d, d->body);
	ex_measure(d->body);
	score_paragraphs(d->body, pass, &cands);
	top = pick_top(d->body, &cands, pass);
	free(cands.v);
	if (top == NULL)
		return NULL;
	art = gather(d, top);
	ex_measure(art);
	ex_clean_article(d, art, pass);
	return art;
}
