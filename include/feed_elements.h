/*
 * feed_elements: what an XML element of a feed document is.
 *
 * The feed parser runs expat without its namespace mode (an unbound
 * prefix, common in real feeds, would otherwise be fatal) and resolves
 * names here: a stack of the document's xmlns bindings turns a prefix into
 * a namespace URI, a table turns the URI into a namespace class (aliases
 * such as Userland's RSS namespaces or the pre-release Atom ones fold
 * together), and a table keyed by (class, local name) gives the element.
 * An unbound prefix falls back to its customary meaning ("dc", "media"...).
 * Results are cached per qualified name until the bindings change, so the
 * common case is one hash and one string compare per element.
 */
#ifndef TELEX_FEED_ELEMENTS_H
#define TELEX_FEED_ELEMENTS_H

#include <stddef.h>

enum feed_ns {
	NS_NONE,	/* no namespace: RSS 0.9x/2.0, or Atom in an Atom feed */
	NS_RSS10,
	NS_RSS090,	/* Netscape's RDF-based RSS 0.90 */
	NS_USERLAND,	/* Userland's and Harvard's RSS 0.9x/2.0 namespaces */
	NS_ATOM10,
	NS_ATOM03,	/* Atom 0.3 and the pre-release Atom namespaces */
	NS_RDF,
	NS_CONTENT,
	NS_DC,
	NS_DCTERMS,
	NS_MEDIA,
	NS_ITUNES,
	NS_XHTML,
	NS_XML,
	NS_OTHER,
};

enum feed_element {
	EL_UNKNOWN = 0,
	/* roots and containers */
	EL_RSS, EL_RDF, EL_FEED, EL_CHANNEL, EL_ITEM, EL_ENTRY, EL_IMAGE,
	EL_TEXTINPUT, EL_AUTHOR, EL_CONTRIBUTOR, EL_SOURCE, EL_MEDIA_GROUP,
	/* text fields */
	EL_TITLE, EL_LINK, EL_DESCRIPTION, EL_LANGUAGE, EL_PUBDATE,
	EL_LASTBUILDDATE, EL_GUID, EL_CATEGORY, EL_ENCLOSURE,
	EL_CONTENT_ENCODED, EL_DC_CREATOR, EL_DC_DATE, EL_DC_SUBJECT,
	EL_DC_DESCRIPTION, EL_DC_LANGUAGE, EL_DC_TITLE, EL_DCT_ISSUED,
	EL_DCT_MODIFIED,
	EL_A_TITLE, EL_A_SUBTITLE, EL_A_SUMMARY, EL_A_CONTENT, EL_A_ID,
	EL_A_PUBLISHED, EL_A_UPDATED, EL_A_LINK, EL_A_CATEGORY, EL_A_NAME,
	EL_A_EMAIL, EL_A_URI,
	EL_MEDIA_CONTENT, EL_MEDIA_THUMBNAIL, EL_MEDIA_TITLE,
	EL_MEDIA_DESCRIPTION, EL_MEDIA_CATEGORY,
	EL_ITUNES_AUTHOR, EL_ITUNES_SUMMARY, EL_ITUNES_SUBTITLE,
	EL_ITUNES_CATEGORY,
	EL_XHTML_BODY, EL_FULLITEM, EL_TTL,
};

struct feed_element_info {
	enum feed_element el;
	enum feed_ns ns;	/* the namespace as resolved, before folding */
};

struct feed_names;

struct feed_names *feed_names_new(void);
void feed_names_free(struct feed_names *n);
/*
 * In an Atom document elements without a namespace are Atom elements
 * (feedparser's leniency); in any other document they are RSS.
 */
void feed_names_set_atom_default(struct feed_names *n, int yes);
/* Bind prefix (NULL or "" for the default namespace) to uri at depth. */
void feed_names_bind(struct feed_names *n, const char *prefix,
    const char *uri, size_t depth);
/* Drop the bindings made at depth (call when that element ends). */
void feed_names_unbind(struct feed_names *n, size_t depth);
/* Resolve a qualified element name as the document spells it. */
struct feed_element_info feed_names_element(struct feed_names *n,
    const char *qname);
/* The namespace class that prefix is bound to ("" = default). */
enum feed_ns feed_names_prefix_ns(struct feed_names *n, const char *prefix,
    size_t prefix_len);
/* The local part of a qualified name (after the last ':'). */
const char *feed_names_local(const char *qname);

#endif
