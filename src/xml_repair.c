/*
 * xml_repair: one forward pass over broken XML, writing a well-formed copy.
 *
 * The only state is where we are (before, inside or after the root), a
 * stack of open element names and two hash tables counting the open
 * elements per name, exactly and ASCII-case-folded. The tables let an end
 * tag that matches nothing be dropped in O(1) and one that matches pop
 * exactly the elements it closes, so the work stays linear even for
 * hostile input (100000 nested tags followed by as many stray end tags).
 * Names are never copied: stack and tables hold offsets into the input.
 *
 * What is written is checked against what expat enforces rather than what
 * the XML spec says: its name tables (Latin-1 letters yes, most of Unicode
 * no), its character rules (no C0 controls, not even as references) and
 * its view of entities (undeclared ones pass under a foreign DTD, but an
 * internal subset could make any reference fail, so that is sanitised).
 */
#include "xml_repair.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"
#include "text_safe.h"
#include "banned.h"

#define NONE	((size_t)-1)
#define REF_MAX	64	/* longest name or number in a reference */

enum xr_where { XR_PROLOG, XR_ROOT, XR_EPILOG };

struct name_slot {
	size_t off, len, count;
	unsigned gen;
};

/* Open addressing; a slot is live when its gen is the set's gen, so the
   attribute set of each start tag is emptied by bumping gen. */
struct name_set {
	struct name_slot *slot;
	size_t size, used;
	unsigned gen;
	int fold;
};

struct xr_open {
	size_t off, len;
};

struct xr {
	const char *in;
	size_t len;
	struct buf *out;
	size_t repairs;
	enum xr_where where;
	int doctype_seen;
	struct xr_open *stack;
	size_t depth, stack_cap;
	struct name_set open, open_fold, attrs;
	size_t no_quote[2];	/* no '"' (or '\'') from here on */
};

/* HTML void elements but "link" and "source": both hold text in RSS and
   Atom's <source> holds elements. An Atom-style <link> with attributes is
   taken as void in start_tag(). */
static const char *void_names[] = {
	"area", "base", "br", "col", "embed", "hr", "img", "input", "meta",
	"param", "track", "wbr"
};

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int
lit(const struct xr *x, size_t i, const char *s, int fold)
{
	size_t n = strlen(s), k;

	if (n > x->len - i)
		return 0;
	for (k = 0; k < n; k++) {
		if (fold ? lower(x->in[i + k]) != lower(s[k]) :
		    x->in[i + k] != s[k])
			return 0;
	}
	return 1;
}

/* First s in in[from..to), or NONE. */
static size_t
find(const struct xr *x, size_t from, size_t to, const char *s)
{
	size_t n = strlen(s);
	const char *r;

	while (from + n <= to) {
		r = memchr(x->in + from, s[0], to - from - n + 1);
		if (r == NULL)
			return NONE;
		from = (size_t)(r - x->in);
		if (memcmp(r, s, n) == 0)
			return from;
		from++;
	}
	return NONE;
}

/* Byte length of the name (start) character at in[i], 0 if none. Latin-1
   letters are in expat's tables; other non-ASCII letters mostly not. */
static size_t
name_char(const struct xr *x, size_t i, size_t end, int start)
{
	unsigned char c = (unsigned char)x->in[i], d;

	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    c == ':')
		return 1;
	if (!start && ((c >= '0' && c <= '9') || c == '-' || c == '.'))
		return 1;
	if (c == 0xC3 && i + 1 < end) {
		d = (unsigned char)x->in[i + 1];
		if (d >= 0x80 && d <= 0xBF && d != 0x97 && d != 0xB7)
			return 2;
	}
	return 0;
}

static size_t
scan_name(const struct xr *x, size_t i, size_t end)
{
	size_t j = i, n;

	if (i >= end || (n = name_char(x, i, end, 1)) == 0)
		return 0;
	for (j += n; j < end && (n = name_char(x, j, end, 0)) != 0; j += n)
		;
	return j - i;
}

static size_t
utf8_len(const struct xr *x, size_t i, size_t end)
{
	const unsigned char *s = (const unsigned char *)x->in + i;
	unsigned char lo = 0x80, hi = 0xBF;
	size_t n, k;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		lo = s[0] == 0xE0 ? 0xA0 : 0x80;
		hi = s[0] == 0xED ? 0x9F : 0xBF;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		lo = s[0] == 0xF0 ? 0x90 : 0x80;
		hi = s[0] == 0xF4 ? 0x8F : 0xBF;
	} else
		return 0;
	if (end - i < n || s[1] < lo || s[1] > hi)
		return 0;
	for (k = 2; k < n; k++) {
		if (s[k] < 0x80 || s[k] > 0xBF)
			return 0;
	}
	return n;
}

/* Copy in[i..end) as XML characters: C0 controls but tab, LF and CR go
   (an escape sequence with its ESC),
   invalid UTF-8 and the noncharacters U+FFFE/U+FFFF become U+FFFD. */
static void
put_chars(struct xr *x, size_t i, size_t end)
{
	const unsigned char *s = (const unsigned char *)x->in;
	size_t run = i, n;

	while (i < end) {
		if ((s[i] >= 0x20 && s[i] < 0x80) || s[i] == '\t' ||
		    s[i] == '\n' || s[i] == '\r') {
			i++;
			continue;
		}
		if (s[i] == 0x1b) {
			/* A terminal escape sequence goes whole, so no
			 * "]0;title" is left once its ESC is dropped. */
			n = text_safe_escape_len(x->in + i, end - i);
			buf_append(x->out, x->in + run, i - run);
			i += n > 0 ? n : 1;
			run = i;
			x->repairs++;
			continue;
		}
		n = s[i] < 0x80 ? 0 : utf8_len(x, i, end);
		if (n > 1 && !(n == 3 && s[i] == 0xEF && s[i + 1] == 0xBF &&
		    s[i + 2] >= 0xBE)) {
			i += n;
			continue;
		}
		buf_append(x->out, x->in + run, i - run);
		if (s[i] >= 0x80)
			buf_append(x->out, "\xEF\xBF\xBD", 3);
		i += n > 1 ? n : 1;
		run = i;
		x->repairs++;
	}
	buf_append(x->out, x->in + run, i - run);
}

static int
xml_char(long c)
{
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
	    (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* Length of the reference at in[i] == '&', 0 if it is not one; *cp is
   the code point of a character reference, -1 for an entity reference. */
static size_t
ref_len(const struct xr *x, size_t i, size_t end, long *cp)
{
	const char *s = x->in;
	size_t j = i + 1, start, lim = i + 2 + REF_MAX;
	int hex = 0, d;
	long v = 0;

	if (lim > end)
		lim = end;
	*cp = -1;
	if (j < lim && s[j] == '#') {
		if (++j < lim && s[j] == 'x') {
			hex = 1;
			j++;
		}
		for (start = j; j < lim; j++) {
			d = s[j] >= '0' && s[j] <= '9' ? s[j] - '0' :
			    hex && lower(s[j]) >= 'a' && lower(s[j]) <= 'f' ?
			    lower(s[j]) - 'a' + 10 : -1;
			if (d < 0)
				break;
			v = v * (hex ? 16 : 10) + d;
			if (v > 0x10FFFF)
				v = 0x110000;
		}
		if (j == start || j >= lim || s[j] != ';')
			return 0;
		*cp = v;
		return j + 1 - i;
	}
	j += scan_name(x, j, lim);
	if (j == i + 1 || j >= lim || s[j] != ';')
		return 0;
	return j + 1 - i;
}

/* Copy the reference at in[i] if expat will take it, else escape the '&';
   returns the bytes consumed. */
static size_t
put_ref(struct xr *x, size_t i, size_t end)
{
	long cp;
	size_t n = ref_len(x, i, end, &cp);

	if (n > 0 && (cp < 0 || xml_char(cp))) {
		buf_append(x->out, x->in + i, n);
		return n;
	}
	x->repairs++;
	if (n == 0) {
		buf_append(x->out, "&amp;", 5);
		return 1;
	}
	if (cp >= 0x20)	/* surrogate, noncharacter or out of range */
		buf_append_str(x->out, "&#xFFFD;");
	return n;
}

enum { TEXT_ATTR = 1 << 0, TEXT_QUOTE = 1 << 1 };

/* Character data or an attribute value (TEXT_ATTR; TEXT_QUOTE when we
   add the double quotes ourselves). */
static void
put_text(struct xr *x, size_t i, size_t end, int flags)
{
	struct buf *o = x->out;
	size_t run = i;
	char c;

	while (i < end) {
		c = x->in[i];
		if (c != '&' && c != '<' && c != '>' && c != '"') {
			i++;
			continue;
		}
		put_chars(x, run, i);
		if (c == '&')
			i += put_ref(x, i, end);
		else {
			/* "]]" is checked in the output: a dropped control
			   character may have brought the brackets together. */
			if (c == '<' || (c == '>' && !(flags & TEXT_ATTR) &&
			    o->len >= 2 && o->ptr[o->len - 1] == ']' &&
			    o->ptr[o->len - 2] == ']')) {
				buf_append_str(o, c == '<' ? "&lt;" : "&gt;");
				x->repairs++;
			} else if (c == '"' && (flags & TEXT_QUOTE))
				buf_append_str(o, "&quot;");
			else
				buf_append_char(o, c);
			i++;
		}
		run = i;
	}
	put_chars(x, run, end);
}

/* Text outside the root: only whitespace is allowed there. */
static void
put_outside(struct xr *x, size_t i, size_t end)
{
	int dropped = 0;

	for (; i < end; i++) {
		if (is_space(x->in[i]))
			buf_append_char(x->out, x->in[i]);
		else
			dropped = 1;
	}
	x->repairs += dropped;
}

/* Body of a comment, CDATA section or PI, where expat forbids a sequence
   that dropped characters could form: before the second char of "--" in a
   comment, or at a '>' after "]]" in CDATA or after '?' in a PI. */
static void
put_body(struct xr *x, size_t i, size_t end, char c, const char *tail,
    const char *fix)
{
	struct buf *o = x->out;
	size_t start = o->len, run = i, n = strlen(tail);

	for (; i <= end; i++) {
		if (i < end && x->in[i] != c)
			continue;
		put_chars(x, run, i);
		run = i;
		if (o->len >= start + n &&
		    memcmp(o->ptr + o->len - n, tail, n) == 0) {
			buf_append_str(o, fix);
			x->repairs++;
		}
	}
}

static size_t
name_hash(const struct xr *x, size_t off, size_t len, int fold)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < len; i++) {
		h ^= (size_t)(fold ? lower(x->in[off + i]) :
		    (unsigned char)x->in[off + i]);
		h *= 16777619u;
	}
	return h;
}

static int
name_eq(const struct xr *x, size_t a, size_t b, size_t len, int fold)
{
	size_t i;

	if (!fold)
		return memcmp(x->in + a, x->in + b, len) == 0;
	for (i = 0; i < len; i++) {
		if (lower(x->in[a + i]) != lower(x->in[b + i]))
			return 0;
	}
	return 1;
}

static struct name_slot *
name_set_probe(const struct xr *x, struct name_set *s, size_t off, size_t len)
{
	size_t i = name_hash(x, off, len, s->fold) & (s->size - 1);
	struct name_slot *sl;

	for (;; i = (i + 1) & (s->size - 1)) {
		sl = &s->slot[i];
		if (sl->gen != s->gen || (sl->len == len &&
		    name_eq(x, sl->off, off, len, s->fold)))
			return sl;
	}
}

/* The slot for the name, added with count 0 if it was not there. */
static struct name_slot *
name_set_get(const struct xr *x, struct name_set *s, size_t off, size_t len)
{
	struct name_slot *old = s->slot, *sl;
	size_t i, oldsize = s->size;

	if ((s->used + 1) * 2 > s->size) {
		s->size = oldsize == 0 ? 64 : oldsize * 2;
		s->slot = xcalloc(s->size, sizeof *s->slot);
		for (i = 0; i < oldsize; i++) {
			if (old[i].gen == s->gen)
				*name_set_probe(x, s, old[i].off,
				    old[i].len) = old[i];
		}
		free(old);
	}
	sl = name_set_probe(x, s, off, len);
	if (sl->gen != s->gen) {
		sl->off = off;
		sl->len = len;
		sl->count = 0;
		sl->gen = s->gen;
		s->used++;
	}
	return sl;
}

static void
push(struct xr *x, size_t off, size_t len)
{
	if (x->depth == x->stack_cap) {
		x->stack_cap = x->stack_cap == 0 ? 64 : x->stack_cap * 2;
		x->stack = xreallocarray(x->stack, x->stack_cap,
		    sizeof *x->stack);
	}
	x->stack[x->depth].off = off;
	x->stack[x->depth++].len = len;
	name_set_get(x, &x->open, off, len)->count++;
	name_set_get(x, &x->open_fold, off, len)->count++;
	x->where = XR_ROOT;
}

static void
pop(struct xr *x)
{
	struct xr_open *e = &x->stack[--x->depth];

	buf_append(x->out, "</", 2);
	buf_append(x->out, x->in + e->off, e->len);
	buf_append_char(x->out, '>');
	name_set_get(x, &x->open, e->off, e->len)->count--;
	name_set_get(x, &x->open_fold, e->off, e->len)->count--;
	if (x->depth == 0)
		x->where = XR_EPILOG;
}

/* Close the innermost open element of that name and all inside it. */
static void
end_tag(struct xr *x, size_t off, size_t len)
{
	struct xr_open *e;
	int fold, match;

	if (x->where != XR_ROOT) {
		x->repairs++;
		return;
	}
	if (name_set_get(x, &x->open, off, len)->count > 0)
		fold = 0;
	else if (name_set_get(x, &x->open_fold, off, len)->count > 0)
		fold = 1;
	else {
		x->repairs++;
		return;
	}
	do {
		e = &x->stack[x->depth - 1];
		match = e->len == len && name_eq(x, e->off, off, len, fold);
		x->repairs += !match || fold;
		pop(x);
	} while (!match);
}

static int
is_void(const struct xr *x, size_t off, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof void_names / sizeof void_names[0]; i++) {
		if (strlen(void_names[i]) == len &&
		    lit(x, off, void_names[i], 1))
			return 1;
	}
	return 0;
}

/* Whether an HTML void name is used as a container here, like RSS's
   <link>url</link>: its own end tag comes next, or (to be safe) a
   comment, CDATA section or PI, or nothing at all. */
static int
holds_text(const struct xr *x, size_t q, size_t off, size_t len)
{
	const char *r = q < x->len ? memchr(x->in + q, '<', x->len - q) : NULL;
	size_t i;

	if (r == NULL)
		return 1;
	i = (size_t)(r - x->in) + 1;
	if (i < x->len && (x->in[i] == '!' || x->in[i] == '?'))
		return 1;
	return i < x->len && x->in[i] == '/' && scan_name(x, i + 1,
	    x->len) == len && name_eq(x, i + 1, off, len, 1);
}

/* Closing quote at or after i, remembering when there is none left so
   that many unterminated values cannot make the pass quadratic. */
static size_t
find_quote(struct xr *x, size_t i, char q)
{
	size_t *none = &x->no_quote[q == '\''];
	const char *r;

	if (i >= *none)
		return NONE;
	if ((r = memchr(x->in + i, q, x->len - i)) != NULL)
		return (size_t)(r - x->in);
	*none = i;
	return NONE;
}

static size_t
start_tag(struct xr *x, size_t p)
{
	const char *in = x->in;
	struct name_slot *sl;
	size_t mark = x->out->len, nlen = scan_name(x, p + 1, x->len);
	size_t q = p + 1 + nlen, a, alen, v = 0, vend = 0;
	int self = 0, quote;

	buf_append(x->out, in + p, 1 + nlen);
	if (++x->attrs.gen == 0 && x->attrs.size > 0) {
		memset(x->attrs.slot, 0, x->attrs.size * sizeof *x->attrs.slot);
		x->attrs.gen = 1;
	}
	x->attrs.used = 0;
	for (;;) {
		while (q < x->len && is_space(in[q]))
			q++;
		if (q >= x->len)
			goto cut;
		if (in[q] == '>' || in[q] == '<') {
			x->repairs += in[q] == '<';
			q += in[q] == '>';
			break;
		}
		if (in[q] == '/' && q + 1 < x->len && in[q + 1] == '>') {
			self = 1;
			q += 2;
			break;
		}
		if ((alen = scan_name(x, q, x->len)) == 0) {
			x->repairs++;	/* junk between attributes */
			q++;
			continue;
		}
		a = q;
		for (q += alen; q < x->len && is_space(in[q]); q++)
			;
		quote = -1;
		if (q < x->len && in[q] == '=') {
			for (q++; q < x->len && is_space(in[q]); q++)
				;
			if (q >= x->len)
				goto cut;
			quote = 0;
			if (in[q] == '"' || in[q] == '\'') {
				quote = in[q];
				v = ++q;
				vend = find_quote(x, v, in[q - 1]);
				if (vend != NONE)
					q = vend + 1;
				else if ((q = find(x, v, x->len, ">")) == NONE)
					goto cut;
				else {
					vend = q;	/* missing quote */
					x->repairs++;
				}
			} else {
				for (v = q; q < x->len && !is_space(in[q]) &&
				    in[q] != '>'; q++)
					;
				vend = q;
			}
		}
		sl = name_set_get(x, &x->attrs, a, alen);
		if (sl->count++ > 0) {
			x->repairs++;	/* duplicate */
			continue;
		}
		buf_append_char(x->out, ' ');
		buf_append(x->out, in + a, alen);
		buf_append(x->out, quote > 0 ? (quote == '"' ? "=\"" : "='") :
		    "=\"", 2);
		if (quote < 0)
			buf_append(x->out, in + a, alen);
		else
			put_text(x, v, vend, quote ? TEXT_ATTR :
			    TEXT_ATTR | TEXT_QUOTE);
		buf_append_char(x->out, quote > 0 ? (char)quote : '"');
		x->repairs += quote <= 0;
	}
	if (x->where == XR_EPILOG) {
		buf_truncate(x->out, mark);
		x->repairs++;
		return q;
	}
	if (!self && memchr(in + p + 1, ':', nlen) == NULL &&
	    (is_void(x, p + 1, nlen) || (x->attrs.used > 0 && nlen == 4 &&
	    lit(x, p + 1, "link", 1))) && !holds_text(x, q, p + 1, nlen)) {
		self = 1;
		x->repairs++;
	}
	buf_append_str(x->out, self ? "/>" : ">");
	if (!self)
		push(x, p + 1, nlen);
	else if (x->where == XR_PROLOG)
		x->where = XR_EPILOG;
	return q;
cut:
	buf_truncate(x->out, mark);
	x->repairs++;
	return x->len;
}

/* A quoted literal after optional whitespace: [*a, *b) inside quotes,
   the offset after it returned, or NONE. */
static size_t
literal(const struct xr *x, size_t q, size_t end, size_t *a, size_t *b)
{
	const char *r;

	while (q < end && is_space(x->in[q]))
		q++;
	if (q >= end || (x->in[q] != '"' && x->in[q] != '\''))
		return NONE;
	if ((r = memchr(x->in + q + 1, x->in[q], end - q - 1)) == NULL)
		return NONE;
	*a = q + 1;
	*b = (size_t)(r - x->in);
	return *b + 1;
}

/* An internal entity's value, escaped twice where needed so that its
   replacement text is plain character data: then no reference to it can
   fail, recurse or expand into markup. */
static void
entity_value(struct xr *x, size_t i, size_t end)
{
	static const char *predef[] = { "amp", "lt", "gt", "quot", "apos" };
	size_t run = i, n, k;
	int keep;
	long cp;
	char c;

	while (i < end) {
		c = x->in[i];
		if (c == '\0' || strchr("&<>%\"", c) == NULL) {
			i++;
			continue;
		}
		put_chars(x, run, i);
		n = c == '&' ? ref_len(x, i, end, &cp) : 0;
		keep = n > 0 && cp >= 0 && xml_char(cp) && cp != '&' &&
		    cp != '<' && cp != '>';
		for (k = 0; n > 0 && cp < 0 && k < 5; k++) {
			keep |= strlen(predef[k]) == n - 2 &&
			    lit(x, i + 1, predef[k], 0);
		}
		if (keep)
			buf_append(x->out, x->in + i, n);
		else if (n > 0 && cp >= 0 && xml_char(cp))
			buf_printf(x->out, "&#38;#%ld;", cp);
		else if (n == 0 || cp < 0) {
			buf_printf(x->out, c == '%' ? "&#37;" : "&#38;#%d;", c);
			n = 1;
		}
		run = i += n;
	}
	put_chars(x, run, end);
}

/* Keep only <!ENTITY name "value"> declarations of the internal subset. */
static void
subset(struct xr *x, size_t i, size_t end)
{
	size_t n, a, b;

	while ((i = find(x, i, end, "<!ENTITY")) != NONE) {
		i += 8;
		if (i >= end || !is_space(x->in[i]))
			continue;
		while (i < end && is_space(x->in[i]))
			i++;
		if ((n = scan_name(x, i, end)) == 0 || i + n >= end ||
		    !is_space(x->in[i + n]) ||
		    literal(x, i + n, end, &a, &b) == NONE)
			continue;
		buf_append_str(x->out, "<!ENTITY ");
		buf_append(x->out, x->in + i, n);
		buf_append_str(x->out, " \"");
		entity_value(x, a, b);
		buf_append_str(x->out, "\">");
		i = b + 1;
	}
}

static size_t
doctype(struct xr *x, size_t p)
{
	size_t q, end, n, lb = NONE, rb = NONE, a, b, c, d, lim;
	char quote = 0;

	x->repairs++;	/* undone below when kept */
	if (x->where != XR_PROLOG || x->doctype_seen)
		return (q = find(x, p, x->len, ">")) == NONE ? x->len : q + 1;
	x->doctype_seen = 1;
	for (end = p + 9; end < x->len; end++) {
		if (quote != 0)
			quote = x->in[end] == quote ? 0 : quote;
		else if (x->in[end] == '"' || x->in[end] == '\'')
			quote = x->in[end];
		else if (x->in[end] == '[' && lb == NONE)
			lb = end;
		else if (x->in[end] == ']' && lb != NONE)
			rb = end;
		else if (x->in[end] == '>' && (lb == NONE || rb != NONE))
			break;
	}
	if (end >= x->len) {	/* keep just the name */
		lb = rb = NONE;
		if ((end = find(x, p, x->len, ">")) == NONE)
			return x->len;
	}
	for (q = p + 9; q < end && is_space(x->in[q]); q++)
		;
	if (q == p + 9 || (n = scan_name(x, q, end)) == 0)
		return end + 1;
	x->repairs--;
	buf_append_str(x->out, "<!DOCTYPE ");
	buf_append(x->out, x->in + q, n);
	for (q += n; q < end && is_space(x->in[q]); q++)
		;
	lim = lb != NONE ? lb : end;
	if (lit(x, q, "SYSTEM", 0) && literal(x, q + 6, lim, &c, &d) != NONE) {
		buf_append_str(x->out, " SYSTEM ");
		put_chars(x, c - 1, d + 1);
	} else if (lit(x, q, "PUBLIC", 0) &&
	    (q = literal(x, q + 6, lim, &a, &b)) != NONE &&
	    literal(x, q, lim, &c, &d) != NONE) {
		for (q = a; q < b && (strchr(" \r\n-'()+,./:=?;!*#@$_%",
		    x->in[q]) != NULL || (lower(x->in[q]) >= 'a' &&
		    lower(x->in[q]) <= 'z') || (x->in[q] >= '0' &&
		    x->in[q] <= '9')) && x->in[q] != '\0'; q++)
			;
		if (q == b) {
			buf_append_str(x->out, " PUBLIC \"");
			buf_append(x->out, x->in + a, b - a);
			buf_append_str(x->out, "\" ");
			put_chars(x, c - 1, d + 1);
		}
	}
	if (lb != NONE && rb != NONE) {
		buf_append_str(x->out, " [");
		subset(x, lb + 1, rb);
		buf_append_char(x->out, ']');
	}
	buf_append_char(x->out, '>');
	return end + 1;
}

/* The XML declaration, rewritten: version 1.0 (all expat knows), the
   encoding kept, standalone dropped (it makes undeclared entities fatal). */
static size_t
xml_decl(struct xr *x, size_t p)
{
	size_t e = find(x, p, x->len, "?>"), gt = 2, q, n;

	if (e == NONE) {
		gt = 1;
		if ((e = find(x, p, x->len, ">")) == NONE)
			return x->len;
	}
	buf_append_str(x->out, "<?xml version=\"1.0\"");
	if ((q = find(x, p, e, "encoding")) != NONE) {
		for (q += 8; q < e && is_space(x->in[q]); q++)
			;
		if (q < e && x->in[q] == '=')
			q++;
		while (q < e && is_space(x->in[q]))
			q++;
		for (n = 1; q + n < e && x->in[q + n] != '\0' && (strchr("._-",
		    x->in[q + n]) != NULL || (lower(x->in[q + n]) >= 'a' &&
		    lower(x->in[q + n]) <= 'z') || (x->in[q + n] >= '0' &&
		    x->in[q + n] <= '9')); n++)
			;
		if (q + n < e && (x->in[q] == '"' || x->in[q] == '\'') &&
		    x->in[q + n] == x->in[q] && n > 1 &&
		    lower(x->in[q + 1]) >= 'a' && lower(x->in[q + 1]) <= 'z') {
			buf_append_str(x->out, " encoding=\"");
			buf_append(x->out, x->in + q + 1, n - 1);
			buf_append_char(x->out, '"');
		}
	}
	buf_append_str(x->out, "?>");
	x->repairs += gt == 1 || find(x, p, e, "standalone") != NONE;
	return e + gt;
}

/* Markup at in[p] == '<'; returns where to go on. */
static size_t
markup(struct xr *x, size_t p)
{
	size_t q, n;
	char c = p + 1 < x->len ? x->in[p + 1] : '\0';

	if (c == '/' && (n = scan_name(x, p + 2, x->len)) != 0) {
		for (q = p + 2 + n; q < x->len && x->in[q] != '>' &&
		    x->in[q] != '<'; q++)
			;
		if (q >= x->len) {	/* cut off: the end closes all */
			x->repairs++;
			return q;
		}
		end_tag(x, p + 2, n);
		return q + (x->in[q] == '>');
	}
	if (c == '!' && lit(x, p, "<!--", 0)) {
		if ((q = find(x, p + 4, x->len, "-->")) == NONE) {
			x->repairs++;
			return x->len;
		}
		buf_append_str(x->out, "<!--");
		put_body(x, p + 4, q, '-', "-", " ");
		buf_append_str(x->out, "-->");
		return q + 3;
	}
	if (c == '!' && lit(x, p, "<![CDATA[", 1)) {
		q = find(x, p + 9, x->len, "]]>");
		x->repairs += q == NONE || x->where != XR_ROOT;
		if (x->where == XR_ROOT) {
			buf_append_str(x->out, "<![CDATA[");
			put_body(x, p + 9, q == NONE ? x->len : q, '>', "]]",
			    "]]><![CDATA[");
			buf_append_str(x->out, "]]>");
		}
		return q == NONE ? x->len : q + 3;
	}
	if (c == '!' && lit(x, p, "<!DOCTYPE", 1))
		return doctype(x, p);
	if (c == '?' && (n = scan_name(x, p + 2, x->len)) != 0) {
		if ((q = find(x, p + 2 + n, x->len, "?>")) == NONE ||
		    (n == 3 && lit(x, p + 2, "xml", 1))) {
			x->repairs++;	/* cut off, or a misplaced <?xml */
			return q == NONE ? x->len : q + 2;
		}
		buf_append(x->out, x->in + p, 2 + n);
		if (q > p + 2 + n && !is_space(x->in[p + 2 + n]))
			buf_append_char(x->out, ' ');
		put_body(x, p + 2 + n, q, '>', "?", " ");
		buf_append_str(x->out, "?>");
		return q + 2;
	}
	if (p + 1 < x->len && name_char(x, p + 1, x->len, 1) != 0)
		return start_tag(x, p);
	x->repairs++;	/* a '<' that starts nothing */
	if (x->where == XR_ROOT)
		buf_append_str(x->out, "&lt;");
	return p + 1;
}

size_t
xml_repair(const char *in, size_t len, struct buf *out)
{
	struct xr x;
	const char *r;
	size_t p = 0, q;

	memset(&x, 0, sizeof x);
	x.in = in;
	x.len = len;
	x.out = out;
	x.where = XR_PROLOG;
	x.open.gen = x.open_fold.gen = x.attrs.gen = 1;
	x.open_fold.fold = 1;
	x.no_quote[0] = x.no_quote[1] = NONE;
	if (len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0) {
		buf_append(out, in, 3);
		p = 3;
	}
	for (q = p; q < len && is_space(in[q]); q++)
		;
	if (lit(&x, q, "<?xml", 0) && (q + 5 == len ||
	    name_char(&x, q + 5, len, 0) == 0)) {
		x.repairs += q != p;
		p = xml_decl(&x, q);
	}
	while (p < len) {
		if (in[p] == '<') {
			p = markup(&x, p);
			continue;
		}
		r = memchr(in + p, '<', len - p);
		q = r != NULL ? (size_t)(r - in) : len;
		if (x.where == XR_ROOT)
			put_text(&x, p, q, 0);
		else
			put_outside(&x, p, q);
		p = q;
	}
	x.repairs += x.depth;
	while (x.depth > 0)
		pop(&x);
	free(x.stack);
	free(x.open.slot);
	free(x.open_fold.slot);
	free(x.attrs.slot);
	return x.repairs;
}
