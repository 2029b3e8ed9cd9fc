/*
 * URL resolution (RFC 3986 section 5.2).
 *
 * A reference is split, as in appendix B, into five parts that point into
 * the caller's string; nothing is copied until the result is written into
 * one buf. remove_dot_segments works segment by segment on its output: a
 * ".." cuts the output back to its last '/', so each byte is copied and
 * cut at most once and hostile input such as "../" x 100000 stays linear.
 */
#include "url.h"

#include <stddef.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"
#include "banned.h"

struct url_part {
	const char	*p;
	size_t		 n;
	int		 has;
};

struct url_ref {
	struct url_part	scheme, auth, path, query, frag;
};

static int
is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

/* Length of the scheme before ':' at the start of s[0..n), or 0. */
static size_t
scheme_len(const char *s, size_t n)
{
	size_t i;
	unsigned char c;

	if (n == 0 || !is_alpha((unsigned char)s[0]))
		return 0;
	for (i = 1; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == ':')
			return i;
		if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '+' &&
		    c != '-' && c != '.')
			return 0;
	}
	return 0;
}

static void
trim(const char *s, const char **start, size_t *len)
{
	const char *end = s + strlen(s);

	while (s < end && is_space((unsigned char)*s))
		s++;
	while (end > s && is_space((unsigned char)end[-1]))
		end--;
	*start = s;
	*len = (size_t)(end - s);
}

/* Take bytes of s[*i..n) up to (not including) any byte of stop. */
static void
take(struct url_part *part, const char *s, size_t n, size_t *i,
    const char *stop)
{
	size_t j = *i;

	while (j < n && strchr(stop, s[j]) == NULL)
		j++;
	part->p = s + *i;
	part->n = j - *i;
	part->has = 1;
	*i = j;
}

static void
parse(struct url_ref *u, const char *s, size_t n)
{
	size_t i = 0, k;

	memset(u, 0, sizeof *u);
	if ((k = scheme_len(s, n)) != 0) {
		take(&u->scheme, s, k, &i, "");
		i++;	/* the ':' */
	}
	if (n - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
		i += 2;
		take(&u->auth, s, n, &i, "/?#");
	}
	take(&u->path, s, n, &i, "?#");
	if (i < n && s[i] == '?') {
		i++;
		take(&u->query, s, n, &i, "#");
	}
	if (i < n && s[i] == '#') {
		i++;
		take(&u->frag, s, n, &i, "");
	}
}

/*
 * RFC 3986 5.2.4 on a path that is empty or starts with '/', appended to
 * out. With keep, a ".." with nothing left to remove is kept as "/.."
 * (for relative bases, where the caller strips the leading '/').
 */
static void
remove_dots(struct buf *out, const char *in, size_t n, int keep)
{
	const char *end = in + n, *seg;
	size_t floor = out->len, i, left;

	while (in < end) {
		left = (size_t)(end - in);
		if (left >= 3 && memcmp(in, "/./", 3) == 0) {
			in += 2;
			continue;
		}
		if (left == 2 && memcmp(in, "/.", 2) == 0) {
			buf_append_char(out, '/');
			break;
		}
		if ((left >= 4 && memcmp(in, "/../", 4) == 0) ||
		    (left == 3 && memcmp(in, "/..", 3) == 0)) {
			if (out->len > floor) {
				/* Output above floor starts with '/'. */
				i = out->len;
				while (out->ptr[i - 1] != '/')
					i--;
				buf_truncate(out, i - 1);
			} else if (keep) {
				buf_append(out, "/..", 3);
				floor = out->len;
			}
			if (left == 3) {
				buf_append_char(out, '/');
				break;
			}
			in += 3;
			continue;
		}
		for (seg = in + 1; seg < end && *seg != '/'; seg++)
			;
		buf_append(out, in, (size_t)(seg - in));
		in = seg;
	}
}

/* Dot-reduce only hierarchical paths: an opaque one is an identifier. */
static void
path_dots(struct buf *out, const struct url_part *path)
{
	if (path->n > 0 && path->p[0] == '/')
		remove_dots(out, path->p, path->n, 0);
	else
		buf_append(out, path->p, path->n);
}

/* RFC 3986 5.2.3 merge, then remove_dot_segments. */
static void
merge(struct buf *out, const struct url_ref *b, const struct url_part *rp)
{
	struct buf m = BUF_INIT, rel = BUF_INIT;
	size_t k = b->path.n, colon;
	int relative;

	while (k > 0 && b->path.p[k - 1] != '/')
		k--;
	relative = !b->auth.has && (k == 0 || b->path.p[0] != '/');
	if (relative || (b->auth.has && b->path.n == 0))
		buf_append_char(&m, '/');
	buf_append(&m, b->path.p, k);
	buf_append(&m, rp->p, rp->n);
	if (!relative) {
		remove_dots(out, m.ptr, m.len, 0);
		buf_release(&m);
		return;
	}

	/*
	 * A relative base: resolve under a virtual root, then drop it. "./"
	 * in front keeps an empty result, a leading empty segment or a colon
	 * in the first segment from reading as something else.
	 */
	remove_dots(&rel, m.ptr, m.len, 1);
	colon = strcspn(rel.ptr + (rel.len > 0), "/:");
	if (rel.len <= 1 || rel.ptr[1] == '/' || rel.ptr[1 + colon] == ':')
		buf_append(out, "./", 2);
	if (rel.len > 0)
		buf_append(out, rel.ptr + 1, rel.len - 1);
	buf_release(&rel);
	buf_release(&m);
}

static int
is_opaque(const struct url_ref *u)
{
	return u->scheme.has && !u->auth.has &&
	    (u->path.n == 0 || u->path.p[0] != '/');
}

char *
url_resolve(const char *base, const char *ref)
{
	struct url_ref b, r;
	const struct url_part *scheme, *auth, *query;
	struct buf out = BUF_INIT, path = BUF_INIT;
	const char *bs, *rs;
	size_t bn, rn;

	if (ref == NULL)
		return NULL;
	trim(ref, &rs, &rn);
	if (base == NULL)
		return xmemdup(rs, rn);
	trim(base, &bs, &bn);
	if (bn == 0)
		return xmemdup(rs, rn);
	parse(&b, bs, bn);
	parse(&r, rs, rn);
	if (!r.scheme.has && is_opaque(&b) && (r.auth.has || r.path.n > 0))
		return xmemdup(rs, rn);

	scheme = r.scheme.has ? &r.scheme : &b.scheme;
	auth = &b.auth;
	query = &r.query;
	if (r.scheme.has || r.auth.has) {
		auth = &r.auth;
		path_dots(&path, &r.path);
	} else if (r.path.n == 0) {
		buf_append(&path, b.path.p, b.path.n);
		if (!r.query.has)
			query = &b.query;
	} else if (r.path.p[0] == '/')
		remove_dots(&path, r.path.p, r.path.n, 0);
	else
		merge(&path, &b, &r.path);

	if (scheme->has) {
		buf_append(&out, scheme->p, scheme->n);
		buf_append_char(&out, ':');
	}
	if (auth->has) {
		buf_append(&out, "//", 2);
		buf_append(&out, auth->p, auth->n);
	} else if (path.len >= 2 && path.ptr[0] == '/' && path.ptr[1] == '/')
		buf_append(&out, "/.", 2);	/* or "//" reads as authority */
	buf_append(&out, path.ptr, path.len);
	if (query->has) {
		buf_append_char(&out, '?');
		buf_append(&out, query->p, query->n);
	}
	if (r.frag.has) {
		buf_append_char(&out, '#');
		buf_append(&out, r.frag.p, r.frag.n);
	}
	buf_release(&path);
	return buf_detach(&out, NULL);
}

int
url_has_scheme(const char *s)
{
	return s != NULL && scheme_len(s, strlen(s)) != 0;
}

int
url_is_http(const char *s)
{
	static const char http[] = "https";
	size_t n, i;

	if (s == NULL || (n = scheme_len(s, strlen(s))) < 4 || n > 5)
		return 0;
	for (i = 0; i < n; i++) {
		if ((s[i] | 0x20) != http[i])
			return 0;
	}
	return 1;
}
