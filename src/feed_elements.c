/*
 * Element names of feed documents (see feed_elements.h for the design).
 *
 * Bindings are a stack of (prefix, uri-class, depth) rows, searched from
 * the top; documents declare a handful, nearly always on the root. The
 * cache is a small open-addressing table of qualified names, emptied when
 * a binding is pushed or popped so a cached answer is never stale.
 */
#include "feed_elements.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"
#include "banned.h"

struct binding {
	char *prefix;		/* "" for the default namespace */
	enum feed_ns ns;
	size_t depth;
};

#define CACHE_SLOTS 256		/* power of two */
#define CACHE_NAME_MAX 64	/* longer names are resolved each time */

struct cache_slot {
	char name[CACHE_NAME_MAX];
	struct feed_element_info info;
};

struct feed_names {
	struct binding *bindings;
	size_t nbindings, cap;
	int atom_default;
	struct cache_slot cache[CACHE_SLOTS];
};

static const struct {
	const char *uri;
	enum feed_ns ns;
} ns_uris[] = {
	{ "http://www.w3.org/2005/Atom", NS_ATOM10 },
	{ "http://purl.org/atom/ns#", NS_ATOM03 },
	{ "http://purl.org/echo/", NS_ATOM03 },
	{ "http://purl.org/pie/", NS_ATOM03 },
	{ "http://example.com/newformat#", NS_ATOM03 },
	{ "http://example.com/necho", NS_ATOM03 },
	{ "http://purl.org/rss/1.0/", NS_RSS10 },
	{ "http://my.netscape.com/rdf/simple/0.9/", NS_RSS090 },
	{ "http://backend.userland.com/rss2", NS_USERLAND },
	{ "http://backend.userland.com/rss", NS_USERLAND },
	{ "http://backend.userland.com/rss093", NS_USERLAND },
	{ "http://blogs.law.harvard.edu/tech/rss", NS_USERLAND },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
	{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
	{ "http://purl.org/dc/elements/1.1/", NS_DC },
	{ "http://purl.org/dc/elements/1.0/", NS_DC },
	{ "http://purl.org/dc/terms/", NS_DCTERMS },
	{ "http://search.yahoo.com/mrss/", NS_MEDIA },
	{ "http://search.yahoo.com/mrss", NS_MEDIA },
	{ "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
	{ "http://www.w3.org/1999/xhtml", NS_XHTML },
	{ "http://www.w3.org/XML/1998/namespace", NS_XML },
};

/* What an unbound prefix customarily means. */
static const struct {
	const char *prefix;
	enum feed_ns ns;
} customary_prefixes[] = {
	{ "atom", NS_ATOM10 },
	{ "content", NS_CONTENT },
	{ "dc", NS_DC },
	{ "dcterms", NS_DCTERMS },
	{ "itunes", NS_ITUNES },
	{ "media", NS_MEDIA },
	{ "rdf", NS_RDF },
	{ "xhtml", NS_XHTML },
	{ "xml", NS_XML },
};

/* The element tables, by namespace family. */
enum family { FAM_RSS, FAM_ATOM, FAM_RDF, FAM_CONTENT, FAM_DC, FAM_DCTERMS,
	FAM_MEDIA, FAM_ITUNES, FAM_XHTML, FAM_NONE };

static const struct {
	enum family fam;
	const char *local;
	enum feed_element el;
} elements[] = {
	{ FAM_RSS, "rss", EL_RSS },
	{ FAM_RSS, "channel", EL_CHANNEL },
	{ FAM_RSS, "item", EL_ITEM },
	{ FAM_RSS, "image", EL_IMAGE },
	{ FAM_RSS, "textinput", EL_TEXTINPUT },
	{ FAM_RSS, "textInput", EL_TEXTINPUT },
	{ FAM_RSS, "title", EL_TITLE },
	{ FAM_RSS, "link", EL_LINK },
	{ FAM_RSS, "description", EL_DESCRIPTION },
	{ FAM_RSS, "language", EL_LANGUAGE },
	{ FAM_RSS, "pubDate", EL_PUBDATE },
	{ FAM_RSS, "lastBuildDate", EL_LASTBUILDDATE },
	{ FAM_RSS, "guid", EL_GUID },
	{ FAM_RSS, "category", EL_CATEGORY },
	{ FAM_RSS, "enclosure", EL_ENCLOSURE },
	{ FAM_RSS, "author", EL_DC_CREATOR },
	{ FAM_RSS, "source", EL_SOURCE },
	{ FAM_RSS, "fullitem", EL_FULLITEM },
	{ FAM_RSS, "ttl", EL_TTL },
	{ FAM_RSS, "feed", EL_FEED },
	{ FAM_ATOM, "feed", EL_FEED },
	{ FAM_ATOM, "entry", EL_ENTRY },
	{ FAM_ATOM, "title", EL_A_TITLE },
	{ FAM_ATOM, "subtitle", EL_A_SUBTITLE },
	{ FAM_ATOM, "tagline", EL_A_SUBTITLE },
	{ FAM_ATOM, "summary", EL_A_SUMMARY },
	{ FAM_ATOM, "content", EL_A_CONTENT },
	{ FAM_ATOM, "id", EL_A_ID },
	{ FAM_ATOM, "published", EL_A_PUBLISHED },
	{ FAM_ATOM, "issued", EL_A_PUBLISHED },
	{ FAM_ATOM, "updated", EL_A_UPDATED },
	{ FAM_ATOM, "modified", EL_A_UPDATED },
	{ FAM_ATOM, "link", EL_A_LINK },
	{ FAM_ATOM, "category", EL_A_CATEGORY },
	{ FAM_ATOM, "author", EL_AUTHOR },
	{ FAM_ATOM, "contributor", EL_CONTRIBUTOR },
	{ FAM_ATOM, "source", EL_SOURCE },
	{ FAM_ATOM, "name", EL_A_NAME },
	{ FAM_ATOM, "email", EL_A_EMAIL },
	{ FAM_ATOM, "uri", EL_A_URI },
	{ FAM_ATOM, "url", EL_A_URI },
	{ FAM_RDF, "RDF", EL_RDF },
	{ FAM_CONTENT, "encoded", EL_CONTENT_ENCODED },
	{ FAM_DC, "creator", EL_DC_CREATOR },
	{ FAM_DC, "author", EL_DC_CREATOR },
	{ FAM_DC, "date", EL_DC_DATE },
	{ FAM_DC, "subject", EL_DC_SUBJECT },
	{ FAM_DC, "description", EL_DC_DESCRIPTION },
	{ FAM_DC, "language", EL_DC_LANGUAGE },
	{ FAM_DC, "title", EL_DC_TITLE },
	{ FAM_DCTERMS, "issued", EL_DCT_ISSUED },
	{ FAM_DCTERMS, "modified", EL_DCT_MODIFIED },
	{ FAM_MEDIA, "content", EL_MEDIA_CONTENT },
	{ FAM_MEDIA, "thumbnail", EL_MEDIA_THUMBNAIL },
	{ FAM_MEDIA, "title", EL_MEDIA_TITLE },
	{ FAM_MEDIA, "description", EL_MEDIA_DESCRIPTION },
	{ FAM_MEDIA, "category", EL_MEDIA_CATEGORY },
	{ FAM_MEDIA, "group", EL_MEDIA_GROUP },
	{ FAM_ITUNES, "author", EL_ITUNES_AUTHOR },
	{ FAM_ITUNES, "summary", EL_ITUNES_SUMMARY },
	{ FAM_ITUNES, "subtitle", EL_ITUNES_SUBTITLE },
	{ FAM_ITUNES, "category", EL_ITUNES_CATEGORY },
	{ FAM_XHTML, "body", EL_XHTML_BODY },
};

struct feed_names *
feed_names_new(void)
{
	return xcalloc(1, sizeof(struct feed_names));
}

void
feed_names_free(struct feed_names *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nbindings; i++)
		free(n->bindings[i].prefix);
	free(n->bindings);
	free(n);
}

static void
cache_clear(struct feed_names *n)
{
	size_t i;

	for (i = 0; i < CACHE_SLOTS; i++)
		n->cache[i].name[0] = '\0';
}

void
feed_names_set_atom_default(struct feed_names *n, int yes)
{
	if (n->atom_default != yes)
		cache_clear(n);
	n->atom_default = yes;
}

static enum feed_ns
ns_of_uri(const char *uri)
{
	size_t i;

	for (i = 0; i < sizeof(ns_uris) / sizeof(ns_uris[0]); i++)
		if (strcmp(uri, ns_uris[i].uri) == 0)
			return ns_uris[i].ns;
	/* Apple's spelling varies in case (DTDs/Podcast-1.0.dtd). */
	if (strcasecmp(uri, "http://www.itunes.com/dtds/podcast-1.0.dtd") == 0)
		return NS_ITUNES;
	return *uri == '\0' ? NS_NONE : NS_OTHER;
}

void
feed_names_bind(struct feed_names *n, const char *prefix, const char *uri,
    size_t depth)
{
	struct binding *b;

	if (n->nbindings == n->cap) {
		n->cap = n->cap ? n->cap * 2 : 8;
		n->bindings = xreallocarray(n->bindings, n->cap,
		    sizeof(*n->bindings));
	}
	b = &n->bindings[n->nbindings++];
	b->prefix = xstrdup(prefix != NULL ? prefix : "");
	b->ns = ns_of_uri(uri);
	b->depth = depth;
	cache_clear(n);
}

void
feed_names_unbind(struct feed_names *n, size_t depth)
{
	int changed = 0;

	while (n->nbindings > 0 && n->bindings[n->nbindings - 1].depth >= depth) {
		free(n->bindings[--n->nbindings].prefix);
		changed = 1;
	}
	if (changed)
		cache_clear(n);
}

enum feed_ns
feed_names_prefix_ns(struct feed_names *n, const char *prefix, size_t len)
{
	size_t i;

	for (i = n->nbindings; i-- > 0;) {
		const char *bp = n->bindings[i].prefix;
		if (strlen(bp) == len && memcmp(bp, prefix, len) == 0)
			return n->bindings[i].ns;
	}
	if (len == 0)
		return NS_NONE;
	for (i = 0; i < sizeof(customary_prefixes) /
	    sizeof(customary_prefixes[0]); i++) {
		const char *cp = customary_prefixes[i].prefix;
		if (strlen(cp) == len && strncasecmp(cp, prefix, len) == 0)
			return customary_prefixes[i].ns;
	}
	return NS_OTHER;
}

const char *
feed_names_local(const char *qname)
{
	const char *colon = strrchr(qname, ':');

	return colon != NULL ? colon + 1 : qname;
}

static enum family
family_of(const struct feed_names *n, enum feed_ns ns)
{
	switch (ns) {
	case NS_NONE:
		return n->atom_default ? FAM_ATOM : FAM_RSS;
	case NS_RSS10:
	case NS_RSS090:
	case NS_USERLAND:
		return FAM_RSS;
	case NS_ATOM10:
	case NS_ATOM03:
		return FAM_ATOM;
	case NS_RDF:
		return FAM_RDF;
	case NS_CONTENT:
		return FAM_CONTENT;
	case NS_DC:
		return FAM_DC;
	case NS_DCTERMS:
		return FAM_DCTERMS;
	case NS_MEDIA:
		return FAM_MEDIA;
	case NS_ITUNES:
		return FAM_ITUNES;
	case NS_XHTML:
		return FAM_XHTML;
	case NS_XML:
	case NS_OTHER:
		break;
	}
	return FAM_NONE;
}

static enum feed_element
lookup(enum family fam, const char *local, int fold_case)
{
	size_t i;

	for (i = 0; i < sizeof(elements) / sizeof(elements[0]); i++) {
		if (elements[i].fam != fam)
			continue;
		if (fold_case ? strcasecmp(elements[i].local, local) == 0 :
		    strcmp(elements[i].local, local) == 0)
			return elements[i].el;
	}
	return EL_UNKNOWN;
}

static struct feed_element_info
resolve(struct feed_names *n, const char *qname)
{
	struct feed_element_info info;
	const char *local = feed_names_local(qname);
	enum family fam;

	info.ns = feed_names_prefix_ns(n, qname,
	    local == qname ? 0 : (size_t)(local - qname - 1));
	fam = family_of(n, info.ns);
	info.el = EL_UNKNOWN;
	if (fam != FAM_NONE) {
		info.el = lookup(fam, local, 0);
		/* feedparser accepts <TiTlE>; so do we, as a second try. */
		if (info.el == EL_UNKNOWN)
			info.el = lookup(fam, local, 1);
	}
	return info;
}

static uint32_t
hash_name(const char *s, size_t *len)
{
	uint32_t h = 2166136261u;
	const char *p;

	for (p = s; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	*len = (size_t)(p - s);
	return h;
}

struct feed_element_info
feed_names_element(struct feed_names *n, const char *qname)
{
	struct cache_slot *slot;
	size_t len;
	uint32_t h = hash_name(qname, &len);

	if (len >= CACHE_NAME_MAX)
		return resolve(n, qname);
	slot = &n->cache[h & (CACHE_SLOTS - 1)];
	if (strcmp(slot->name, qname) != 0) {
		slot->info = resolve(n, qname);
		memcpy(slot->name, qname, len + 1);
	}
	return slot->info;
}
