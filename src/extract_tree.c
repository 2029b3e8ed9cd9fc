/*
 * extract_tree: the extractor's own copy of the page (see
 * extract_priv.h): built from gumbo's tree, walked, measured and written
 * back out as HTML.
 *
 * Nothing here recurses: a node's next in document order is found from
 * its links (first child, else next sibling, else an ancestor's next
 * sibling), and bottom-up totals are summed over a pre-order array read
 * backwards, so a page 10000 elements deep costs what a flat one does.
 */
#include "extract_priv.h"

#include <stdlib.h>
#include <string.h>

#include "url.h"
#include "xalloc.h"
#include "banned.h"

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

struct ex_node *
ex_new_element(struct ex_doc *d, GumboTag tag)
{
	struct ex_node *n = arena_alloc(&d->arena, sizeof(*n));

	memset(n, 0, sizeof(*n));
	n->tag = tag;
	n->name = gumbo_normalized_tagname(tag);
	return n;
}

void
ex_append_child(struct ex_node *parent, struct ex_node *child)
{
	child->parent = parent;
	child->next = NULL;
	child->prev = parent->last;
	if (parent->last != NULL)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

void
ex_insert_before(struct ex_node *ref, struct ex_node *n)
{
	n->parent = ref->parent;
	n->next = ref;
	n->prev = ref->prev;
	if (ref->prev != NULL)
		ref->prev->next = n;
	else if (ref->parent != NULL)
		ref->parent->first = n;
	ref->prev = n;
}

void
ex_unlink(struct ex_node *n)
{
	if (n->prev != NULL)
		n->prev->next = n->next;
	else if (n->parent != NULL)
		n->parent->first = n->next;
	if (n->next != NULL)
		n->next->prev = n->prev;
	else if (n->parent != NULL)
		n->parent->last = n->prev;
	n->parent = n->prev = n->next = NULL;
}

struct ex_node *
ex_next_skip(const struct ex_node *n, const struct ex_node *top)
{
	while (n != NULL && n != top) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

struct ex_node *
ex_next(const struct ex_node *n, const struct ex_node *top)
{
	if (n->first != NULL)
		return n->first;
	return ex_next_skip(n, top);
}

const char *
ex_attr(const struct ex_node *n, const char *name)
{
	size_t i;

	for (i = 0; i < n->nattrs; i++)
		if (strcmp(n->attrs[i].name, name) == 0)
			return n->attrs[i].value;
	return NULL;
}

/* Our node for gumbo's g, or NULL for what we never keep. */
static struct ex_node *
convert(struct ex_doc *d, const GumboNode *g)
{
	struct ex_node *n;
	const GumboElement *e;
	size_t i;

	switch (g->type) {
	case GUMBO_NODE_TEXT:
	case GUMBO_NODE_WHITESPACE:
	case GUMBO_NODE_CDATA:
		n = arena_alloc(&d->arena, sizeof(*n));
		memset(n, 0, sizeof(*n));
		n->flags = EX_TEXT;
		n->name = "";
		n->text = g->v.text.text;
		n->text_len = strlen(n->text);
		return n;
	case GUMBO_NODE_ELEMENT:
	case GUMBO_NODE_TEMPLATE:
		break;
	default:
		return NULL;
	}
	e = &g->v.element;
	switch (e->tag) {
	case GUMBO_TAG_SCRIPT:
	case GUMBO_TAG_STYLE:
	case GUMBO_TAG_NOSCRIPT:
	case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_LINK:
		return NULL;
	default:
		break;
	}
	if (g->type == GUMBO_NODE_TEMPLATE)
		return NULL;
	n = ex_new_element(d, e->tag);
	if (e->tag == GUMBO_TAG_UNKNOWN) {
		GumboStringPiece p = e->original_tag;
		char *s;

		gumbo_tag_from_original_text(&p);
		if (p.data == NULL)
			p.length = 0;
		s = arena_memdup(&d->arena, p.data != NULL ? p.data : "",
		    p.length);
		for (i = 0; s[i] != '\0'; i++)
			s[i] = lower(s[i]);
		n->name = s;
	}
	if (e->tag_namespace == GUMBO_NAMESPACE_SVG &&
	    e->tag != GUMBO_TAG_SVG && e->tag != GUMBO_TAG_UNKNOWN)
		n->tag = GUMBO_TAG_UNKNOWN;	/* svg's <a>, <title>... */
	n->nattrs = e->attributes.length;
	if (n->nattrs > 0) {
		n->attrs = arena_alloc(&d->arena,
		    n->nattrs * sizeof(*n->attrs));
		for (i = 0; i < n->nattrs; i++) {
			const GumboAttribute *a = e->attributes.data[i];

			n->attrs[i].name = a->name;
			n->attrs[i].value = a->value;
		}
	}
	return n;
}

static const GumboVector *
children_of(const GumboNode *g)
{
	if (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE)
		return &g->v.element.children;
	if (g->type == GUMBO_NODE_DOCUMENT)
		return &g->v.document.children;
	return NULL;
}

struct ex_node *
ex_build(struct ex_doc *d, const GumboNode *root)
{
	struct ex_node *top = convert(d, root), *parent, *n;
	const GumboNode *g;
	const GumboVector *kids;

	if (top == NULL)
		top = ex_new_element(d, GUMBO_TAG_HTML);
	kids = children_of(root);
	if (kids == NULL || kids->length == 0)
		return top;
	parent = top;
	g = kids->data[0];
	while (g != NULL) {
		n = convert(d, g);
		if (n != NULL)
			ex_append_child(parent, n);
		kids = children_of(g);
		if (n != NULL && (n->flags & EX_TEXT) == 0 && kids != NULL &&
		    kids->length > 0) {
			parent = n;
			g = kids->data[0];
			continue;
		}
		/* the next sibling, climbing as subtrees end */
		for (;;) {
			const GumboNode *p = g->parent;
			size_t i = g->index_within_parent + 1;

			if (g == root || p == NULL) {
				g = NULL;
				break;
			}
			kids = children_of(p);
			if (kids != NULL && i < kids->length) {
				g = kids->data[i];
				break;
			}
			g = p;
			if (g == root) {
				g = NULL;
				break;
			}
			parent = parent->parent;
		}
	}
	return top;
}

size_t
ex_preorder(struct ex_node *top, struct ex_node ***out)
{
	struct ex_node **v = NULL, *n;
	size_t len = 0, cap = 0;

	for (n = top; n != NULL; n = ex_next(n, top)) {
		if (len == cap) {
			cap = cap ? cap * 2 : 256;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[len++] = n;
	}
	*out = v;
	return len;
}

static void
measure_text(struct ex_node *n)
{
	const unsigned char *p = (const unsigned char *)n->text;
	size_t i, chars = 0;
	int space = 0;

	n->commas = 0;
	for (i = 0; i < n->text_len; i++) {
		if (is_space(p[i])) {
			if (!space)
				chars++;
			space = 1;
			continue;
		}
		space = 0;
		if ((p[i] & 0xC0) != 0x80)
			chars++;
		if (p[i] == ',')
			n->commas++;
		/* ，、 and the Arabic comma */
		else if (i + 2 < n->text_len && p[i] == 0xEF &&
		    p[i + 1] == 0xBC && p[i + 2] == 0x8C)
			n->commas++;
		else if (i + 2 < n->text_len && p[i] == 0xE3 &&
		    p[i + 1] == 0x80 && p[i + 2] == 0x81)
			n->commas++;
		else if (i + 1 < n->text_len && p[i] == 0xD8 &&
		    p[i + 1] == 0x8C)
			n->commas++;
	}
	n->chars = chars;
}

void
ex_measure_node(struct ex_node *n)
{
	struct ex_node *c;

	if (n->flags & EX_TEXT) {
		measure_text(n);
		n->link_chars = 0;
		n->npara = n->nimg = n->nli = n->ninput = 0;
		n->nembed = n->nheading_chars = 0;
		return;
	}
	n->chars = n->link_chars = n->commas = 0;
	n->npara = n->nimg = n->nli = n->ninput = 0;
	n->nembed = n->nheading_chars = 0;
	for (c = n->first; c != NULL; c = c->next) {
		n->chars += c->chars;
		n->link_chars += c->link_chars;
		n->commas += c->commas;
		n->npara += c->npara;
		n->nimg += c->nimg;
		n->nli += c->nli;
		n->ninput += c->ninput;
		n->nembed += c->nembed;
		n->nheading_chars += c->nheading_chars;
	}
	switch (n->tag) {
	case GUMBO_TAG_A: {
		const char *href = ex_attr(n, "href");

		/* in-page links count less: tables of contents */
		if (href != NULL && href[0] == '#')
			n->link_chars = n->chars * 3 / 10;
		else
			n->link_chars = n->chars;
		break;
	}
	case GUMBO_TAG_P:
		n->npara++;
		break;
	case GUMBO_TAG_IMG:
		n->nimg++;
		break;
	case GUMBO_TAG_LI:
		n->nli++;
		break;
	case GUMBO_TAG_INPUT:
	case GUMBO_TAG_SELECT:
	case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_BUTTON:
		n->ninput++;
		break;
	case GUMBO_TAG_OBJECT:
	case GUMBO_TAG_EMBED:
	case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_VIDEO:
		n->nembed++;
		break;
	case GUMBO_TAG_H1:
	case GUMBO_TAG_H2:
	case GUMBO_TAG_H3:
	case GUMBO_TAG_H4:
	case GUMBO_TAG_H5:
	case GUMBO_TAG_H6:
		n->nheading_chars = n->chars;
		break;
	default:
		break;
	}
	if ((n->flags & EX_PARAGRAPH) && n->tag != GUMBO_TAG_P)
		n->npara++;	/* a <div> of text is a paragraph */
}

void
ex_measure(struct ex_node *top)
{
	struct ex_node **v;
	size_t len, i;

	len = ex_preorder(top, &v);
	for (i = len; i-- > 0;)
		ex_measure_node(v[i]);
	free(v);
}

double
ex_link_density(const struct ex_node *n)
{
	if (n->chars == 0)
		return 0;
	return (double)n->link_chars / (double)n->chars;
}

void
ex_text(const struct ex_node *top, struct buf *out)
{
	const struct ex_node *n;
	size_t start = out->len, i;
	int space = 0;

	for (n = top; n != NULL; n = ex_next(n, top)) {
		if ((n->flags & EX_TEXT) == 0)
			continue;
		for (i = 0; i < n->text_len; i++) {
			if (is_space((unsigned char)n->text[i])) {
				space = 1;
				continue;
			}
			if (space && out->len > start)
				buf_append_char(out, ' ');
			space = 0;
			buf_append_char(out, n->text[i]);
		}
	}
}

int
ex_is_block(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_CANVAS: case GUMBO_TAG_DD:
	case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
	case GUMBO_TAG_EMBED: case GUMBO_TAG_FIELDSET:
	case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE:
	case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1:
	case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
	case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER:
	case GUMBO_TAG_HR: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN:
	case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P:
	case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_TABLE:
	case GUMBO_TAG_UL: case GUMBO_TAG_VIDEO: case GUMBO_TAG_SELECT:
	case GUMBO_TAG_IMG: case GUMBO_TAG_CENTER: case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_OBJECT: case GUMBO_TAG_BODY:
		return 1;
	default:
		return 0;
	}
}

static int
is_void(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BR:
	case GUMBO_TAG_COL: case GUMBO_TAG_EMBED: case GUMBO_TAG_HR:
	case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT: case GUMBO_TAG_LINK:
	case GUMBO_TAG_META: case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK:
	case GUMBO_TAG_WBR: case GUMBO_TAG_PARAM:
		return 1;
	default:
		return 0;
	}
}

static void
escape(struct buf *out, const char *s, size_t len, int attr)
{
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		const char *rep;

		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = attr ? "&quot;" : NULL; break;
		case '\0': rep = ""; break;
		default: rep = NULL; break;
		}
		if (rep == NULL)
			continue;
		buf_append(out, s + run, i - run);
		buf_append_str(out, rep);
		run = i + 1;
	}
	buf_append(out, s + run, len - run);
}

/* Attributes worth keeping, and which of them are links. */
static int
keep_attr(const char *name, int *is_url)
{
	static const char *const urls[] = { "href", "src", "poster", "cite",
		NULL };
	static const char *const plain[] = { "alt", "title", "colspan",
		"rowspan", "datetime", "dir", "lang", "start", "reversed",
		"scope", "headers", "type", "value", NULL };
	size_t i;

	for (i = 0; urls[i] != NULL; i++)
		if (strcmp(name, urls[i]) == 0)
			return *is_url = 1;
	*is_url = 0;
	for (i = 0; plain[i] != NULL; i++)
		if (strcmp(name, plain[i]) == 0)
			return 1;
	return 0;
}

static int
is_placeholder_src(const char *src)
{
	return src == NULL || src[0] == '\0' ||
	    strncmp(src, "data:", 5) == 0 || strstr(src, "blank.gif") != NULL ||
	    strstr(src, "placeholder") != NULL;
}

/*
 * The real source of a lazily loaded image, or NULL; *set says it is a
 * srcset, whose first URL is wanted.
 */
static const char *
lazy_src(const struct ex_node *n, int *set)
{
	static const char *const names[] = { "data-src", "data-original",
		"data-lazy-src", "data-url", "data-hi-res-src", "data-lazy",
		NULL };
	const char *v;
	size_t i;

	*set = 0;
	for (i = 0; names[i] != NULL; i++)
		if ((v = ex_attr(n, names[i])) != NULL && v[0] != '\0')
			return v;
	*set = 1;
	v = ex_attr(n, "data-srcset");
	if (v == NULL || v[0] == '\0')
		v = ex_attr(n, "srcset");
	return v != NULL && v[0] != '\0' ? v : NULL;
}

static void
write_url_attr(const struct ex_doc *d, struct buf *out, const char *name,
    const char *value, int first_of_set)
{
	char *abs;
	size_t n;

	/* a srcset's first candidate: the URL before the descriptor */
	while (first_of_set && strchr(" \t\n\r\f", *value) != NULL &&
	    *value != '\0')
		value++;
	n = first_of_set ? strcspn(value, " \t\n\r\f") : strlen(value);
	abs = xmemdup(value, n);
	if (d->base != NULL) {
		char *r = url_resolve(d->base, abs);

		free(abs);
		abs = r;
	}
	buf_append_char(out, ' ');
	buf_append_str(out, name);
	buf_append_str(out, "=\"");
	escape(out, abs, strlen(abs), 1);
	buf_append_char(out, '"');
	free(abs);
}

static void
write_open(const struct ex_doc *d, const struct ex_node *n, struct buf *out)
{
	const char *name = n->tag == GUMBO_TAG_UNKNOWN ? "div" : n->name;
	const char *lazy = NULL;
	size_t i;
	int is_url, have_src = 0, set = 0;

	if (n->tag == GUMBO_TAG_IMG)
		lazy = lazy_src(n, &set);

	buf_append_char(out, '<');
	buf_append_str(out, name);
	for (i = 0; i < n->nattrs; i++) {
		const struct ex_attr *a = &n->attrs[i];

		if (!keep_attr(a->name, &is_url))
			continue;
		if (is_url) {
			/* javascript: links go; their text stays */
			if (strcmp(a->name, "href") == 0 &&
			    strncmp(a->value, "javascript:", 11) == 0)
				continue;
			if (strcmp(a->name, "src") == 0) {
				if (lazy != NULL &&
				    is_placeholder_src(a->value))
					continue;
				have_src = 1;
			}
			write_url_attr(d, out, a->name, a->value, 0);
			continue;
		}
		buf_append_char(out, ' ');
		buf_append_str(out, a->name);
		buf_append_str(out, "=\"");
		escape(out, a->value, strlen(a->value), 1);
		buf_append_char(out, '"');
	}
	if (!have_src && lazy != NULL)
		write_url_attr(d, out, "src", lazy, set);
	buf_append_char(out, '>');
}

static void
write_close(const struct ex_node *n, struct buf *out)
{
	if ((n->flags & EX_TEXT) || is_void(n->tag))
		return;
	buf_append_str(out, "</");
	buf_append_str(out, n->tag == GUMBO_TAG_UNKNOWN ? "div" : n->name);
	buf_append_char(out, '>');
}

void
ex_serialize(const struct ex_doc *d, const struct ex_node *top, int inner,
    struct buf *out)
{
	const struct ex_node *n = top;

	if (inner) {
		if (top->first == NULL)
			return;
		n = top->first;
	}
	for (;;) {
		if (n->flags & EX_TEXT)
			escape(out, n->text, n->text_len, 0);
		else
			write_open(d, n, out);
		if (n->first != NULL && !is_void(n->tag)) {
			n = n->first;
			continue;
		}
		for (;;) {
			write_close(n, out);
			if (n == top)
				return;
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
			if (n == top) {
				if (!inner)
					write_close(n, out);
				return;
			}
		}
	}
}
