/*
 * url: RFC 3986 reference resolution.
 *
 * Strings in, a new string out: nothing is percent-decoded and nothing
 * changes case, because feed IDs and links are compared byte for byte.
 * Only the dot segments of hierarchical paths are removed.
 */
#ifndef TELEX_URL_H
#define TELEX_URL_H

/*
 * Resolve ref against base per RFC 3986 section 5.2 (strict parser,
 * remove_dot_segments). Leading and trailing ASCII whitespace of ref and
 * base is ignored. Returns a string the caller frees, or NULL if ref is
 * NULL. Beyond the RFC:
 * - base NULL or empty: a copy of ref.
 * - opaque base ("mailto:x", "urn:a:b", "tag:x,2004:y"): a ref with a path
 *   or authority comes back unchanged, as there is nothing to merge it
 *   with; a query- or fragment-only ref still attaches to the base.
 * - relative base ("a/b/", "/x/y"): paths are merged without scheme or
 *   authority, and ".." that climbs above a relative base is kept
 *   ("a/" + "../../c" gives "../c").
 * - a path is never dot-reduced in an opaque ref ("urn:a/../b").
 * - a result that would reparse differently gets "./" or "/." in front.
 */
char *url_resolve(const char *base, const char *ref);
/* 1 when s starts with an RFC 3986 scheme followed by ':', else 0. */
int url_has_scheme(const char *s);
/* 1 when s is an http: or https: URL (scheme case-insensitive), else 0. */
int url_is_http(const char *s);

#endif
