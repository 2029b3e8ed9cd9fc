/*
 * Nesting depth of HTML from its tags alone (html_depth.h). A tag name is
 * compared case-insensitively against the two short lists below; the
 * estimate errs high (a "<div" inside a script counts), which only makes
 * a pathological page read as text.
 */
#include "html_depth.h"

#include <string.h>
#include <strings.h>

#include "html_text.h"
#include "banned.h"

/* Elements that never nest: void ones, and those closed by a sibling. */
static int
uncounted(const char *name, size_t n)
{
	static const char *const names[] = { "area", "base", "br", "col",
		"dd", "dt", "embed", "hr", "img", "input", "li", "link",
		"meta", "option", "p", "param", "source", "td", "th", "tr",
		"track", "wbr" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && strncasecmp(names[i], name, n) == 0)
			return 1;
	return 0;
}

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

size_t
html_depth(const char *html, size_t len, size_t limit)
{
	size_t depth = 0, max = 0, i = 0, name, n;
	const char *lt, *gt;

	while (i < len && max < limit) {
		lt = memchr(html + i, '<', len - i);
		if (lt == NULL)
			break;
		i = (size_t)(lt - html) + 1;
		if (i < len && html[i] == '/') {
			if (depth > 0)
				depth--;
			continue;
		}
		if (i >= len || !is_alpha(html[i]))
			continue;
		name = i;
		while (i < len && (is_alpha(html[i]) ||
		    (html[i] >= '0' && html[i] <= '9')))
			i++;
		n = i - name;
		gt = memchr(html + i, '>', len - i);
		if (gt == NULL)
			break;
		i = (size_t)(gt - html) + 1;
		if (gt[-1] == '/' || uncounted(html + name, n))
			continue;
		if (++depth > max)
			max = depth;
	}
	return max < limit ? max : limit;
}

void
html_depth_flatten(const char *html, size_t len, struct buf *out)
{
	struct buf text = BUF_INIT;
	size_t i;

	html_text_append(&text, html, len);
	buf_append_str(out, "<p>");
	for (i = 0; i < text.len; i++) {
		switch (text.ptr[i]) {
		case '&':
			buf_append_str(out, "&amp;");
			break;
		case '<':
			buf_append_str(out, "&lt;");
			break;
		case '>':
			buf_append_str(out, "&gt;");
			break;
		default:
			buf_append_char(out, text.ptr[i]);
		}
	}
	buf_append_str(out, "</p>");
	buf_release(&text);
}
