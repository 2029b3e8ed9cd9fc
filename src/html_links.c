/*
 * Relative links in HTML fragments (html_links.h).
 *
 * A small tag scanner, not an HTML parser: it finds "<name", walks the
 * attributes as HTML tokenises them (quoted, unquoted, bare), and copies
 * everything through except the values it resolves. Output is built only
 * once a change is needed, so fragments without relative links cost one
 * scan. Linear in the input; never reads past its end.
 */
#include "html_links.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "url.h"
#include "xalloc.h"
#include "banned.h"

static int
is_url_attribute(const char *name, size_t len)
{
	static const char *const names[] = { "action", "background", "cite",
		"codebase", "data", "href", "longdesc", "poster", "profile",
		"src", "usemap" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == len &&
		    strncasecmp(names[i], name, len) == 0)
			return 1;
	return 0;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Copy html[*done..upto) to out, starting out on the first change. */
static void
copy_through(struct buf *out, const struct buf *html, size_t *done,
    size_t upto)
{
	buf_append(out, html->ptr + *done, upto - *done);
	*done = upto;
}

void
html_resolve_links(struct buf *html, const char *base)
{
	struct buf out = BUF_INIT;
	const char *s = html->ptr;
	size_t n = html->len, i = 0, done = 0, name, name_len, v, v_len;
	char *value, *abs;
	int changed = 0;

	if (base == NULL || *base == '\0')
		return;
	while (i < n) {
		const char *lt = memchr(s + i, '<', n - i);
		if (lt == NULL)
			break;
		i = (size_t)(lt - s) + 1;
		if (i + 3 <= n && memcmp(s + i, "!--", 3) == 0) {
			const char *end = strstr(s + i, "-->");
			i = end != NULL ? (size_t)(end - s) + 3 : n;
			continue;
		}
		if (i >= n || !is_alpha(s[i]))
			continue;
		while (i < n && !is_space(s[i]) && s[i] != '>' && s[i] != '/')
			i++;
		/* attributes, up to the end of the tag */
		while (i < n && s[i] != '>') {
			if (is_space(s[i]) || s[i] == '/') {
				i++;
				continue;
			}
			name = i;
			while (i < n && !is_space(s[i]) && s[i] != '=' &&
			    s[i] != '>' && s[i] != '/')
				i++;
			name_len = i - name;
			while (i < n && is_space(s[i]))
				i++;
			if (i >= n || s[i] != '=')
				continue;
			i++;
			while (i < n && is_space(s[i]))
				i++;
			if (i < n && (s[i] == '"' || s[i] == '\'')) {
				const char *q = memchr(s + i + 1, s[i],
				    n - i - 1);
				v = i + 1;
				v_len = q != NULL ? (size_t)(q - s) - v :
				    n - v;
				i = v + v_len + (q != NULL);
			} else {
				v = i;
				while (i < n && !is_space(s[i]) && s[i] != '>')
					i++;
				v_len = i - v;
			}
			if (!is_url_attribute(s + name, name_len))
				continue;
			value = xmemdup(s + v, v_len);
			if (url_has_scheme(value) || value[0] == '#') {
				free(value);
				continue;
			}
			abs = url_resolve(base, value);
			free(value);
			/* A base that would break the quoting is not used. */
			if (abs == NULL || strpbrk(abs, "\"'<> \t\r\n") != NULL) {
				free(abs);
				continue;
			}
			copy_through(&out, html, &done, v);
			buf_append_str(&out, abs);
			done = v + v_len;
			changed = 1;
			free(abs);
		}
	}
	if (!changed)
		return;
	copy_through(&out, html, &done, n);
	buf_release(html);
	*html = out;
}
