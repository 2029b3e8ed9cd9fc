/*
 * What the elements of a feed document mean (the second half of the feed
 * parser; feed_parse.c feeds it).
 *
 * expat calls start, end and character handlers; a stack of frames keeps,
 * per open element, what it is, the context its children are read in
 * (feed, item, Atom person, ignored) and its xml:base. A field element
 * (a title, a date, a content) starts a collection (feed_text.h) that
 * ends with the element, when the value is stored in the feed or item.
 * Outside a field the character handler returns at once, which keeps the
 * parser close to bare expat's speed.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <limits.h>

#include "date.h"
#include "feed_parse_priv.h"
#include "html_entity.h"
#include "url.h"
#include "xalloc.h"
#include "banned.h"

static struct feed_item *
cur_item(struct feed_parser *p)
{
	return p->in_item ? &p->feed->items[p->item] : NULL;
}

static const char *
attr(const char **atts, const char *name)
{
	for (; atts[0] != NULL; atts += 2)
		if (strcmp(atts[0], name) == 0)
			return atts[1];
	return NULL;
}

/* An attribute by local name, whatever its prefix (rdf:about, about). */
static const char *
attr_local(const char **atts, const char *local)
{
	for (; atts[0] != NULL; atts += 2)
		if (strcmp(feed_names_local(atts[0]), local) == 0)
			return atts[1];
	return NULL;
}

/* The element name to write: an XHTML prefix is dropped. */
static const char *
markup_name(struct feed_parser *p, const char *qname)
{
	const char *local = feed_names_local(qname);

	if (local != qname && feed_names_prefix_ns(p->names, qname,
	    (size_t)(local - qname - 1)) == NS_XHTML)
		return local;
	return qname;
}

/* --- captured values into the feed ------------------------------- */

static void
set_date(struct feed_date *d, const struct buf *text)
{
	int64_t t;

	if (date_parse(text->ptr, text->len, &t) == 0) {
		d->t = t;
		d->known = 1;
	}
}

/* ref resolved against the current xml:base, as a string of the feed. */
static char *
resolved(struct feed_parser *p, const char *ref)
{
	const char *base = p->depth > 0 ? p->frames[p->depth - 1].base : NULL;
	char *abs, *copy;

	if (base == NULL)
		return feed_strdup(p->feed, ref);
	abs = url_resolve(base, ref);
	copy = feed_strdup(p->feed, abs);
	free(abs);
	return copy;
}

/* RSS <ttl>: whole minutes, capped at a week; 0 when unreadable. */
static int
parse_minutes(const char *s)
{
	long v = 0;

	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (*s - '0');
		if (v > 7 * 24 * 60)
			return 7 * 24 * 60;
	}
	return *s == '\0' ? (int)v : 0;
}

static void
normalise_language(char *lang)
{
	for (; *lang != '\0'; lang++)
		if (*lang == '_')
			*lang = '-';
}

/* Store the finished capture where it belongs. */
static void
capture_store(struct feed_parser *p)
{
	struct feed *f = p->feed;
	struct feed_item *it = cur_item(p);
	struct buf *t = &p->cap.text;
	char *value;

	if (p->cap.truncated)
		feed_add_error(f, "a field longer than %zu bytes was cut",
		    FEED_TEXT_MAX_BYTES);
	feed_text_finish(&p->cap, p->frames[p->depth - 1].base);

	switch (p->cap_field) {
	case F_FEED_UPDATED:
		set_date(&f->updated, t);
		return;
	case F_FEED_PUBLISHED:
		set_date(&p->feed_published, t);
		return;
	case F_FEED_TTL:
		f->ttl = parse_minutes(t->ptr);
		return;
	case F_ITEM_PUBLISHED:
		if (it != NULL)
			set_date(&it->published, t);
		return;
	case F_ITEM_UPDATED:
		if (it != NULL)
			set_date(&it->updated, t);
		return;
	case F_PERSON_NAME:
		buf_reset(&p->person_name);
		buf_append(&p->person_name, t->ptr, t->len);
		return;
	case F_PERSON_EMAIL:
		buf_reset(&p->person_email);
		buf_append(&p->person_email, t->ptr, t->len);
		return;
	case F_ITEM_CATEGORY:
		if (it != NULL && t->len > 0 && it->ncategories < LIST_MAX)
			feed_item_add_category(f, it,
			    feed_memdup(f, t->ptr, t->len));
		return;
	case F_FEED_LINK:
	case F_ITEM_LINK:
		/* An empty link stays empty rather than becoming the base. */
		value = t->len > 0 ? resolved(p, t->ptr) : feed_memdup(f, "", 0);
		break;
	default:
		value = feed_memdup(f, t->ptr, t->len);
		break;
	}

	switch (p->cap_field) {
	case F_FEED_TITLE:
		f->title = value;
		break;
	case F_FEED_LINK:
		f->link = value;
		break;
	case F_FEED_DESC:
		f->description = value;
		break;
	case F_FEED_DESC_FALLBACK:
		if (f->description == NULL || *f->description == '\0')
			f->description = value;
		break;
	case F_FEED_LANG:
		normalise_language(value);
		f->language = value;
		break;
	case F_ITEM_TITLE:
		it->title = value;
		break;
	case F_ITEM_TITLE_FALLBACK:
		if (it->title == NULL || *it->title == '\0')
			it->title = value;
		break;
	case F_ITEM_LINK:
		it->link = value;
		break;
	case F_ITEM_SUMMARY:
		it->summary = value;
		break;
	case F_ITEM_SUMMARY_FALLBACK:
		if (it->summary == NULL || *it->summary == '\0')
			it->summary = value;
		break;
	case F_ITEM_CONTENT:
		it->content = value;
		break;
	case F_ITEM_ID:
		it->id = value;
		break;
	case F_ITEM_GUID:
		p->guid = value;
		break;
	case F_ITEM_AUTHOR:
		it->author = value;
		break;
	default:
		break;
	}
}

static void
capture_begin(struct feed_parser *p, enum field field,
    enum feed_text_mode mode)
{
	/* Item fields need an item; fields of a bare root are dropped. */
	if (field >= F_ITEM_TITLE && field <= F_ITEM_CATEGORY &&
	    !p->in_item)
		return;
	p->cap_field = field;
	feed_text_begin(&p->cap, p->depth, mode, 0);
}

/*
 * The mode of an Atom text construct or content from its type and (Atom
 * 0.3) mode attributes. Non-text media types are base64 (RFC 4287 4.1.3.3).
 */
static enum feed_text_mode
atom_mode(struct feed_parser *p, const char **atts, int *strip_div)
{
	const char *type = attr(atts, "type");
	const char *mode = attr(atts, "mode");
	size_t n;

	*strip_div = 0;
	if (mode != NULL && strcmp(mode, "base64") == 0)
		return TEXT_BASE64;
	if (type == NULL || *type == '\0' || strcasecmp(type, "text") == 0 ||
	    strcasecmp(type, "text/plain") == 0)
		return mode != NULL && strcmp(mode, "escaped") == 0 ?
		    TEXT_HTML : TEXT_PLAIN;
	if (strcasecmp(type, "html") == 0 ||
	    strcasecmp(type, "text/html") == 0) {
		*strip_div = p->feed->format != FEED_FORMAT_ATOM03;
		return *strip_div ? TEXT_ATOM_HTML : TEXT_HTML;
	}
	if (mode != NULL && strcmp(mode, "escaped") == 0)
		return TEXT_HTML;
	if (strncasecmp(type, "text/", 5) == 0)
		return TEXT_PLAIN;
	n = strlen(type);
	if (strcasecmp(type, "xhtml") == 0 ||
	    (n >= 4 && strcasecmp(type + n - 4, "+xml") == 0) ||
	    (n >= 4 && strcasecmp(type + n - 4, "/xml") == 0)) {
		*strip_div = p->feed->format != FEED_FORMAT_ATOM03;
		return TEXT_XHTML;
	}
	return p->feed->format == FEED_FORMAT_ATOM03 ? TEXT_PLAIN : TEXT_BASE64;
}

static void
atom_capture(struct feed_parser *p, enum field field, const char **atts)
{
	int strip;
	enum feed_text_mode mode = atom_mode(p, atts, &strip);

	capture_begin(p, field, mode);
	p->cap.strip_div = strip;
}

/* --- elements --------------------------------------------------------- */

static void
item_begin(struct feed_parser *p, const char **atts)
{
	const char *about = attr_local(atts, "about");
	struct feed_item *it = feed_add_item(p->feed);

	p->item = p->feed->nitems - 1;
	p->in_item = 1;
	p->guid = NULL;
	p->guid_permalink = 0;
	p->item_link_from_atom = 0;
	if (about != NULL)
		it->id = feed_strdup(p->feed, about);
}

static void
item_end(struct feed_parser *p)
{
	struct feed_item *it = cur_item(p);

	if (p->guid != NULL) {
		if (it->link == NULL && p->guid_permalink)
			it->link = resolved(p, p->guid);
		it->id = p->guid;
		p->guid = NULL;
	}
	p->in_item = 0;
}

static void
person_end(struct feed_parser *p)
{
	struct feed_item *it = cur_item(p);
	struct buf b = BUF_INIT;

	if (it == NULL || it->author != NULL)
		return;
	if (p->person_name.len > 0) {
		buf_append(&b, p->person_name.ptr, p->person_name.len);
		if (p->person_email.len > 0)
			buf_printf(&b, " (%s)", p->person_email.ptr);
	} else if (p->person_email.len > 0) {
		buf_append(&b, p->person_email.ptr, p->person_email.len);
	} else {
		return;
	}
	it->author = feed_memdup(p->feed, b.ptr, b.len);
	buf_release(&b);
}

static long long
parse_length(const char *s)
{
	long long v = 0;

	if (s == NULL)
		return -1;
	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (LLONG_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

static void
add_enclosure(struct feed_parser *p, const char *url, const char *type,
    const char *length)
{
	struct feed_item *it = cur_item(p);

	if (it == NULL || url == NULL || *url == '\0' ||
	    it->nenclosures >= LIST_MAX)
		return;
	feed_item_add_enclosure(p->feed, it, resolved(p, url),
	    feed_strdup(p->feed, type), parse_length(length));
}

/* An Atom <link>: alternate sets the link, enclosure adds one. */
static void
atom_link(struct feed_parser *p, enum ctx ctx, const char **atts)
{
	const char *rel = attr(atts, "rel");
	const char *href = attr(atts, "href");
	struct feed_item *it = cur_item(p);

	if (rel != NULL && strcmp(rel, "alternate") != 0 &&
	    strcmp(rel, "enclosure") != 0)
		return;
	if (href == NULL) {
		/* An alternate link with its address as text (lenient). */
		if (rel != NULL && strcmp(rel, "alternate") != 0)
			return;
		if (ctx == CTX_FEED && !p->feed_link_from_atom) {
			p->feed_link_from_atom = 1;
			capture_begin(p, F_FEED_LINK, TEXT_PLAIN);
		} else if (ctx == CTX_ITEM && !p->item_link_from_atom) {
			p->item_link_from_atom = 1;
			capture_begin(p, F_ITEM_LINK, TEXT_PLAIN);
		}
		return;
	}
	if (rel == NULL || strcmp(rel, "alternate") == 0) {
		if (ctx == CTX_FEED && !p->feed_link_from_atom) {
			p->feed->link = resolved(p, href);
			p->feed_link_from_atom = 1;
		} else if (ctx == CTX_ITEM && it != NULL &&
		    !p->item_link_from_atom) {
			it->link = resolved(p, href);
			p->item_link_from_atom = 1;
		}
	} else if (strcmp(rel, "enclosure") == 0 && ctx == CTX_ITEM) {
		add_enclosure(p, href, attr(atts, "type"),
		    attr(atts, "length"));
	}
}

static void
root_begin(struct feed_parser *p, struct feed_element_info info,
    const char **atts, struct frame *fr)
{
	const char *version = attr(atts, "version");
	struct feed *f = p->feed;

	switch (info.el) {
	case EL_RSS:
		if (version != NULL && strncmp(version, "0.9", 3) == 0)
			f->format = FEED_FORMAT_RSS090;
		else
			f->format = FEED_FORMAT_RSS20;
		fr->ctx = CTX_ROOT;
		break;
	case EL_RDF:
		f->format = feed_names_prefix_ns(p->names, "", 0) ==
		    NS_RSS090 ? FEED_FORMAT_RSS090 : FEED_FORMAT_RSS10;
		fr->ctx = CTX_ROOT;
		break;
	case EL_FEED:
		if (info.ns == NS_ATOM03 || (info.ns != NS_ATOM10 &&
		    version != NULL && strncmp(version, "0.", 2) == 0))
			f->format = FEED_FORMAT_ATOM03;
		else
			f->format = FEED_FORMAT_ATOM10;
		if (info.ns == NS_NONE)
			feed_names_set_atom_default(p->names, 1);
		fr->ctx = CTX_FEED;
		break;
	default:
		fr->ctx = CTX_ROOT;
		break;
	}
}

/* Children of the root, a channel or a feed. */
static void
feed_child(struct feed_parser *p, struct feed_element_info info,
    const char **atts, struct frame *fr)
{
	switch (info.el) {
	case EL_CHANNEL:
		if (info.ns == NS_RSS090)
			p->feed->format = FEED_FORMAT_RSS090;
		fr->ctx = CTX_FEED;
		return;
	case EL_ITEM:
	case EL_ENTRY:
		item_begin(p, atts);
		fr->ctx = CTX_ITEM;
		return;
	default:
		break;
	}
	fr->ctx = CTX_IGNORE;
	if (fr[-1].ctx != CTX_FEED)
		return;
	switch (info.el) {
	case EL_TITLE:
	case EL_DC_TITLE:
		capture_begin(p, F_FEED_TITLE, TEXT_PLAIN);
		break;
	case EL_A_TITLE:
		atom_capture(p, F_FEED_TITLE, atts);
		break;
	case EL_LINK:
		capture_begin(p, F_FEED_LINK, TEXT_PLAIN);
		break;
	case EL_A_LINK:
		atom_link(p, CTX_FEED, atts);
		break;
	case EL_DESCRIPTION:
	case EL_DC_DESCRIPTION:
		capture_begin(p, F_FEED_DESC, TEXT_HTML);
		break;
	case EL_A_SUBTITLE:
		atom_capture(p, F_FEED_DESC, atts);
		break;
	case EL_ITUNES_SUBTITLE:
	case EL_ITUNES_SUMMARY:
		capture_begin(p, F_FEED_DESC_FALLBACK, TEXT_PLAIN);
		break;
	case EL_LANGUAGE:
	case EL_DC_LANGUAGE:
		capture_begin(p, F_FEED_LANG, TEXT_PLAIN);
		break;
	case EL_LASTBUILDDATE:
	case EL_A_UPDATED:
	case EL_DC_DATE:
	case EL_DCT_MODIFIED:
		capture_begin(p, F_FEED_UPDATED, TEXT_PLAIN);
		break;
	case EL_PUBDATE:
	case EL_DCT_ISSUED:
	case EL_A_PUBLISHED:
		capture_begin(p, F_FEED_PUBLISHED, TEXT_PLAIN);
		break;
	case EL_TTL:
		capture_begin(p, F_FEED_TTL, TEXT_PLAIN);
		break;
	default:
		break;
	}
}

static void
item_child(struct feed_parser *p, struct feed_element_info info,
    const char **atts, struct frame *fr)
{
	const char *v;

	fr->ctx = CTX_IGNORE;
	switch (info.el) {
	case EL_TITLE:
	case EL_DC_TITLE:
		capture_begin(p, F_ITEM_TITLE, TEXT_PLAIN);
		break;
	case EL_A_TITLE:
		atom_capture(p, F_ITEM_TITLE, atts);
		break;
	case EL_MEDIA_TITLE:
		capture_begin(p, F_ITEM_TITLE_FALLBACK, TEXT_PLAIN);
		break;
	case EL_LINK:
		capture_begin(p, F_ITEM_LINK, TEXT_PLAIN);
		break;
	case EL_A_LINK:
		atom_link(p, CTX_ITEM, atts);
		break;
	case EL_DESCRIPTION:
	case EL_DC_DESCRIPTION:
	case EL_ITUNES_SUMMARY:
		capture_begin(p, F_ITEM_SUMMARY, TEXT_HTML);
		break;
	case EL_A_SUMMARY:
		atom_capture(p, F_ITEM_SUMMARY, atts);
		break;
	case EL_MEDIA_DESCRIPTION:
		capture_begin(p, F_ITEM_SUMMARY_FALLBACK, TEXT_PLAIN);
		break;
	case EL_CONTENT_ENCODED:
	case EL_FULLITEM:
		capture_begin(p, F_ITEM_CONTENT, TEXT_HTML);
		break;
	case EL_XHTML_BODY:
		capture_begin(p, F_ITEM_CONTENT, TEXT_XHTML);
		break;
	case EL_A_CONTENT:
		atom_capture(p, F_ITEM_CONTENT, atts);
		break;
	case EL_GUID:
		v = attr(atts, "isPermaLink");
		p->guid_permalink = v == NULL || strcasecmp(v, "true") == 0;
		capture_begin(p, F_ITEM_GUID, TEXT_PLAIN);
		break;
	case EL_A_ID:
		capture_begin(p, F_ITEM_ID, TEXT_PLAIN);
		break;
	case EL_DC_CREATOR:
	case EL_ITUNES_AUTHOR:
		capture_begin(p, F_ITEM_AUTHOR, TEXT_PLAIN);
		break;
	case EL_AUTHOR:
		buf_reset(&p->person_name);
		buf_reset(&p->person_email);
		fr->ctx = CTX_PERSON;
		break;
	case EL_PUBDATE:
	case EL_A_PUBLISHED:
	case EL_DCT_ISSUED:
		capture_begin(p, F_ITEM_PUBLISHED, TEXT_PLAIN);
		break;
	case EL_A_UPDATED:
	case EL_DC_DATE:
	case EL_DCT_MODIFIED:
		capture_begin(p, F_ITEM_UPDATED, TEXT_PLAIN);
		break;
	case EL_CATEGORY:
	case EL_DC_SUBJECT:
	case EL_MEDIA_CATEGORY:
		capture_begin(p, F_ITEM_CATEGORY, TEXT_PLAIN);
		break;
	case EL_A_CATEGORY:
		v = attr(atts, "term");
		if (v != NULL && *v != '\0' &&
		    cur_item(p)->ncategories < LIST_MAX)
			feed_item_add_category(p->feed, cur_item(p),
			    feed_strdup(p->feed, v));
		break;
	case EL_ITUNES_CATEGORY:
		v = attr(atts, "text");
		if (v != NULL && *v != '\0' &&
		    cur_item(p)->ncategories < LIST_MAX)
			feed_item_add_category(p->feed, cur_item(p),
			    feed_strdup(p->feed, v));
		fr->ctx = CTX_ITEM;	/* nested categories */
		break;
	case EL_ENCLOSURE:
		add_enclosure(p, attr(atts, "url"), attr(atts, "type"),
		    attr(atts, "length"));
		break;
	case EL_MEDIA_CONTENT:
		add_enclosure(p, attr(atts, "url"), attr(atts, "type"),
		    attr(atts, "fileSize"));
		fr->ctx = CTX_ITEM;	/* media:title etc. inside */
		break;
	case EL_MEDIA_THUMBNAIL:
		add_enclosure(p, attr(atts, "url"), NULL, NULL);
		break;
	case EL_MEDIA_GROUP:
		fr->ctx = CTX_ITEM;
		break;
	default:
		break;
	}
}

static void
person_child(struct feed_parser *p, struct feed_element_info info,
    struct frame *fr)
{
	fr->ctx = CTX_IGNORE;
	if (info.el == EL_A_NAME)
		capture_begin(p, F_PERSON_NAME, TEXT_PLAIN);
	else if (info.el == EL_A_EMAIL)
		capture_begin(p, F_PERSON_EMAIL, TEXT_PLAIN);
}

/* xmlns declarations, xml:base and xml:lang of a new element. */
static void
scan_attributes(struct feed_parser *p, const char **atts, struct frame *fr)
{
	const char *name;

	for (; atts[0] != NULL; atts += 2) {
		name = atts[0];
		if (name[0] == 'x' && strncmp(name, "xmlns", 5) == 0) {
			if (name[5] == '\0')
				feed_names_bind(p->names, "", atts[1],
				    p->depth);
			else if (name[5] == ':')
				feed_names_bind(p->names, name + 6, atts[1],
				    p->depth);
		} else if (name[0] == 'x' && strcmp(name, "xml:base") == 0) {
			fr->base_owned = url_resolve(fr->base, atts[1]);
			fr->base = fr->base_owned;
		} else if (name[0] == 'x' && strcmp(name, "xml:lang") == 0 &&
		    p->depth == 1 && atts[1][0] != '\0') {
			free(p->root_lang);
			p->root_lang = xstrdup(atts[1]);
		}
	}
}

void XMLCALL
feed_map_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct feed_parser *p = ud;
	struct frame *fr;
	struct feed_element_info info;

	if (p->depth >= DEPTH_MAX) {
		feed_add_error(p->feed, "elements nested deeper than %d",
		    DEPTH_MAX);
		XML_StopParser(p->xml, XML_FALSE);
		return;
	}
	if (p->depth == p->frames_cap) {
		p->frames_cap = p->frames_cap ? p->frames_cap * 2 : 32;
		p->frames = xreallocarray(p->frames, p->frames_cap,
		    sizeof(*p->frames));
	}
	fr = &p->frames[p->depth++];
	fr->el = EL_UNKNOWN;
	fr->ctx = CTX_IGNORE;
	fr->base = p->depth > 1 ? fr[-1].base : p->doc_url;
	fr->base_owned = NULL;
	scan_attributes(p, atts, fr);

	if (p->cap.active) {
		feed_text_start_tag(&p->cap, p->depth, markup_name(p, name),
		    atts);
		return;
	}
	info = feed_names_element(p->names, name);
	fr->el = info.el;
	if (p->depth == 1) {
		root_begin(p, info, atts, fr);
		return;
	}
	switch (fr[-1].ctx) {
	case CTX_ROOT:
	case CTX_FEED:
		feed_child(p, info, atts, fr);
		break;
	case CTX_ITEM:
		item_child(p, info, atts, fr);
		break;
	case CTX_PERSON:
		person_child(p, info, fr);
		break;
	case CTX_IGNORE:
		break;
	}
}

void XMLCALL
feed_map_end(void *ud, const XML_Char *name)
{
	struct feed_parser *p = ud;
	struct frame *fr;

	if (p->depth == 0)
		return;
	fr = &p->frames[p->depth - 1];
	if (p->cap.active) {
		if (p->depth > p->cap.depth)
			feed_text_end_tag(&p->cap, p->depth,
			    markup_name(p, name));
		else
			capture_store(p);
	} else if (fr->ctx == CTX_ITEM && p->in_item &&
	    (fr->el == EL_ITEM || fr->el == EL_ENTRY)) {
		item_end(p);
	} else if (fr->ctx == CTX_PERSON) {
		person_end(p);
	}
	feed_names_unbind(p->names, p->depth);
	free(fr->base_owned);
	p->depth--;
}

void XMLCALL
feed_map_chars(void *ud, const XML_Char *s, int len)
{
	struct feed_parser *p = ud;

	if (p->cap.active)
		feed_text_chars(&p->cap, p->depth, s, (size_t)len);
}

/*
 * An entity the document uses but never declares: with the foreign DTD
 * in place expat hands it here instead of failing. HTML's named
 * references are what feeds mean by them; anything else stays literal.
 */
void XMLCALL
feed_map_skipped_entity(void *ud, const XML_Char *name, int is_param)
{
	struct feed_parser *p = ud;
	size_t len = strlen(name);
	const char *text;
	struct buf lit = BUF_INIT;

	if (is_param || !p->cap.active)
		return;
	text = html_entity_lookup(name, len);
	if (text != NULL) {
		feed_text_chars(&p->cap, p->depth, text, strlen(text));
		return;
	}
	buf_printf(&lit, "&%s;", name);
	feed_text_chars(&p->cap, p->depth, lit.ptr, lit.len);
	buf_release(&lit);
}

void
feed_map_finish(struct feed_parser *p)
{
	struct feed *f = p->feed;

	if (p->in_item)
		item_end(p);
	if (!f->updated.known && p->feed_published.known)
		f->updated = p->feed_published;
	if (f->language == NULL && p->root_lang != NULL) {
		f->language = feed_strdup(f, p->root_lang);
		normalise_language(f->language);
	}
}
