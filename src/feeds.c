/*
 * The feeds file (feeds.h): newsboat's urls format, parsed into a list of
 * entries and edited as text.
 *
 * Entries sit in one array in file order, with an open-addressing index
 * by URL beside it, so a file of many thousand lines (or an OPML import
 * full of duplicates) merges in linear time. Strings and tag arrays come
 * from the arena: they live exactly as long as the list.
 *
 * Parsing and editing share one tokenizer, so "the line of this URL"
 * means the same thing to `telex add`, `telex remove` and the loader.
 * Editing works on the text rather than on entries because the file is
 * the user's: comments, blank lines, odd spacing and lines we cannot read
 * must all survive a `telex add`.
 */
#include "feeds.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "xalloc.h"
#include "banned.h"

/* Longest piece of a bad URL quoted back in an error message. */
#define QUOTE_MAX 80

void
feeds_init(struct feeds *f)
{
	memset(f, 0, sizeof(*f));
	arena_init(&f->arena);
}

void
feeds_release(struct feeds *f)
{
	size_t i;

	arena_release(&f->arena);
	free(f->entries);
	free(f->index);
	for (i = 0; i < f->nerrors; i++)
		free(f->errors[i]);
	free(f->errors);
	feeds_init(f);
}

void
feeds_add_error(struct feeds *f, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (f->nerrors == f->errors_cap) {
		f->errors_cap = f->errors_cap ? f->errors_cap * 2 : 8;
		f->errors = xreallocarray(f->errors, f->errors_cap,
		    sizeof(*f->errors));
	}
	f->errors[f->nerrors++] = buf_detach(&b, NULL);
}

/* FNV-1a: short keys, no adversary worth a keyed hash (a feeds file is
 * the user's own; an OPML is at most OPML_MAX_BYTES). */
static size_t
hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

/* The slot holding url, or the empty slot where it would go. */
static size_t
index_slot(const struct feeds *f, const char *url, size_t len)
{
	size_t mask = f->index_cap - 1, i = hash(url, len) & mask;
	const struct feeds_entry *e;

	while (f->index[i] != 0) {
		e = &f->entries[f->index[i] - 1];
		if (strlen(e->url) == len && memcmp(e->url, url, len) == 0)
			break;
		i = (i + 1) & mask;
	}
	return i;
}

static void
index_grow(struct feeds *f)
{
	size_t i;
	const char *url;

	free(f->index);
	f->index_cap = f->index_cap ? f->index_cap * 2 : 64;
	f->index = xcalloc(f->index_cap, sizeof(*f->index));
	for (i = 0; i < f->n; i++) {
		url = f->entries[i].url;
		f->index[index_slot(f, url, strlen(url))] = i + 1;
	}
}

static struct feeds_entry *
find(const struct feeds *f, const char *url, size_t len)
{
	size_t slot;

	if (f->index_cap == 0)
		return NULL;
	slot = index_slot(f, url, len);
	return f->index[slot] ? &f->entries[f->index[slot] - 1] : NULL;
}

struct feeds_entry *
feeds_find(const struct feeds *f, const char *url)
{
	return find(f, url, strlen(url));
}

static enum feeds_kind
kind_of(const char *url, size_t len)
{
	if (len >= 6 && strncasecmp(url, "query:", 6) == 0)
		return FEEDS_KIND_QUERY;
	if (len >= 5 && strncasecmp(url, "exec:", 5) == 0)
		return FEEDS_KIND_EXEC;
	if (len >= 7 && strncasecmp(url, "filter:", 7) == 0)
		return FEEDS_KIND_FILTER;
	return FEEDS_KIND_URL;
}

struct feeds_entry *
feeds_add(struct feeds *f, const char *url, size_t len)
{
	struct feeds_entry *e;

	if ((e = find(f, url, len)) != NULL)
		return e;
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap + f->cap / 2 : 16;
		f->entries = xreallocarray(f->entries, f->cap,
		    sizeof(*f->entries));
	}
	e = &f->entries[f->n++];
	memset(e, 0, sizeof(*e));
	e->url = arena_memdup(&f->arena, url, len);
	e->kind = kind_of(url, len);
	/* Keep the index at most half full. */
	if (f->n * 2 > f->index_cap)
		index_grow(f);
	else
		f->index[index_slot(f, url, len)] = f->n;
	return e;
}

int
feeds_entry_add_tag(struct feeds *f, struct feeds_entry *e, const char *tag,
    size_t len)
{
	char **bigger;
	size_t i, n = e->ntags;

	if (len == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (strlen(e->tags[i]) == len &&
		    memcmp(e->tags[i], tag, len) == 0)
			return 0;
	if (n >= FEEDS_MAX_TAGS)
		return -1;
	/* Capacity is implied: n rounded up to a power of two. */
	if (n == 0 || (n & (n - 1)) == 0) {
		bigger = arena_alloc(&f->arena,
		    (n == 0 ? 1 : n * 2) * sizeof(*bigger));
		if (n > 0)
			memcpy(bigger, e->tags, n * sizeof(*bigger));
		e->tags = bigger;
	}
	e->tags[e->ntags++] = arena_memdup(&f->arena, tag, len);
	if (tag[0] == '!')
		e->hidden = 1;
	return 0;
}

void
feeds_entry_set_title(struct feeds *f, struct feeds_entry *e,
    const char *title, size_t len)
{
	e->title = arena_memdup(&f->arena, title, len);
}

void
feeds_entry_set_site(struct feeds *f, struct feeds_entry *e,
    const char *site, size_t len)
{
	e->site = arena_memdup(&f->arena, site, len);
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static int
is_control(int c)
{
	return (c >= 0 && c < 0x20) || c == 0x7f;
}

static int
has_control(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (is_control((unsigned char)s[i]))
			return 1;
	return 0;
}

static int
has_c1(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i++)
		if ((unsigned char)s[i] == 0xc2 &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f)
			return 1;
	return 0;
}

const char *
feeds_url_problem(const char *url, size_t len)
{
	static const char *const web[] = { "http://", "https://", "file://" };
	static const char *const newsboat[] = { "query:", "exec:", "filter:" };
	size_t i, n;

	if (len == 0)
		return "no URL";
	/* C1 controls too (UTF-8 C2 80..9F): nothing to fetch has them. */
	if (has_control(url, len) || has_c1(url, len))
		return "control character in URL";
	for (i = 0; i < sizeof(newsboat) / sizeof(newsboat[0]); i++) {
		n = strlen(newsboat[i]);
		if (len < n || strncasecmp(url, newsboat[i], n) != 0)
			continue;
		for (; n < len; n++)
			if (!is_space((unsigned char)url[n]))
				return NULL;
		return "nothing after the URL scheme";
	}
	for (i = 0; i < sizeof(web) / sizeof(web[0]); i++) {
		n = strlen(web[i]);
		if (len >= n && strncasecmp(url, web[i], n) == 0)
			break;
	}
	if (i == sizeof(web) / sizeof(web[0]))
		return "unsupported URL scheme";
	if (len == n)
		return "nothing after the URL scheme";
	for (i = n; i < len; i++)
		if (is_space((unsigned char)url[i]))
			return "space in URL";
	return NULL;
}

/*
 * The tokenizer. A scan covers one line without its '\n'; each call of
 * next_token() reads one token into tok, unescaped.
 */
struct scan {
	const char *p, *end;
	const char *last_end;	/* just past the last token read */
	const char *problem;	/* why next_token() returned -1 */
};

/* Returns 1 with a token, 0 at the end of the line or a comment, -1 on a
 * bad token (s->problem says why). */
static int
next_token(struct scan *s, struct buf *tok)
{
	const char *p = s->p;
	unsigned char c;

	buf_reset(tok);
	while (p < s->end && is_space((unsigned char)*p))
		p++;
	s->p = p;
	if (p == s->end || *p == '#')
		return 0;
	if (*p != '"') {
		for (; p < s->end && !is_space((unsigned char)*p); p++) {
			if (is_control((unsigned char)*p)) {
				s->problem = "control character";
				return -1;
			}
			buf_append_char(tok, *p);
		}
		s->p = s->last_end = p;
		return 1;
	}
	for (p++; p < s->end && *p != '"'; p++) {
		c = (unsigned char)*p;
		if (c == '\\' && p + 1 < s->end &&
		    (p[1] == '"' || p[1] == '\\'))
			c = (unsigned char)*++p;
		else if (is_control(c)) {
			s->problem = "control character";
			return -1;
		}
		buf_append_char(tok, (char)c);
	}
	if (p == s->end) {
		s->problem = "unterminated quote";
		return -1;
	}
	s->p = s->last_end = p + 1;
	return 1;
}

static void
scan_init(struct scan *s, const char *line, size_t len)
{
	s->p = s->last_end = line;
	s->end = line + len;
	s->problem = NULL;
}

/* Length of the UTF-8 BOM at the start of data[0..len), if any. */
static size_t
bom_len(const char *data, size_t len)
{
	return len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

/* The end of the line starting at p (its '\n' or end). */
static const char *
line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl != NULL ? nl : end;
}

/* Quote a URL back in a message: bounded, cut at a character boundary. */
static int
quote_len(const char *s, size_t len)
{
	if (len <= QUOTE_MAX)
		return (int)len;
	len = QUOTE_MAX;
	while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
		len--;
	return (int)len;
}

/*
 * Check a whole line before anything is added, so a bad line adds
 * nothing. Returns 1 for a feed line, 0 for a blank or comment line,
 * -1 after reporting a bad one.
 */
static int
check_line(struct feeds *f, const char *line, size_t len, const char *path,
    int lineno, struct buf *tok)
{
	struct scan s;
	const char *why;
	int r;

	scan_init(&s, line, len);
	if ((r = next_token(&s, tok)) == 0)
		return 0;
	if (r < 0) {
		feeds_add_error(f, "%s:%d: %s", path, lineno, s.problem);
		return -1;
	}
	if ((why = feeds_url_problem(tok->ptr, tok->len)) != NULL) {
		if (tok->len == 0 || has_control(tok->ptr, tok->len) ||
		    has_c1(tok->ptr, tok->len))
			feeds_add_error(f, "%s:%d: %s", path, lineno, why);
		else
			feeds_add_error(f, "%s:%d: %s '%.*s'", path, lineno,
			    why, quote_len(tok->ptr, tok->len), tok->ptr);
		return -1;
	}
	while ((r = next_token(&s, tok)) > 0)
		;
	if (r < 0) {
		feeds_add_error(f, "%s:%d: %s", path, lineno, s.problem);
		return -1;
	}
	return 1;
}

/* Add a checked line's feed. */
static void
load_line(struct feeds *f, const char *line, size_t len, const char *path,
    int lineno, struct buf *tok)
{
	struct feeds_entry *e;
	struct scan s;
	int dropped = 0;

	scan_init(&s, line, len);
	next_token(&s, tok);
	e = feeds_add(f, tok->ptr, tok->len);
	if (e->line == 0)
		e->line = lineno;
	while (next_token(&s, tok) > 0) {
		if (tok->ptr[0] == '~') {
			/* The first line of a URL keeps its title. */
			if (tok->len > 1 && (e->line == lineno ||
			    e->title == NULL))
				feeds_entry_set_title(f, e, tok->ptr + 1,
				    tok->len - 1);
		} else if (feeds_entry_add_tag(f, e, tok->ptr, tok->len) != 0)
			dropped++;
	}
	if (dropped > 0)
		feeds_add_error(f, "%s:%d: more than %d tags, %d ignored", path,
		    lineno, FEEDS_MAX_TAGS, dropped);
}

int
feeds_parse(struct feeds *f, const char *data, size_t len, const char *path)
{
	struct buf tok = BUF_INIT;
	const char *p = data, *end = data + len, *le;
	size_t nerrors = f->nerrors;
	int lineno = 0;

	if (path == NULL)
		path = "feeds";
	p += bom_len(data, len);
	for (; p < end; p = le + 1) {
		le = line_end(p, end);
		if (lineno < INT32_MAX)
			lineno++;
		/* A NUL counts as a control character, in a comment as
		 * nothing: the editors see lines the same way. */
		if (check_line(f, p, (size_t)(le - p), path, lineno,
		    &tok) > 0)
			load_line(f, p, (size_t)(le - p), path, lineno, &tok);
		if (le == end)
			break;
	}
	buf_release(&tok);
	return f->nerrors > nerrors ? 1 : 0;
}

/*
 * Editing.
 */

/* What one line of the text holds, for the editors. */
struct line_info {
	int url_matches;	/* the first token is the URL asked for */
	int well_formed;	/* every token reads */
	int has_title;
	const char *insert;	/* just past the last token */
};

static void
inspect_line(const char *line, size_t len, const char *url,
    const char *const *tags, size_t ntags, unsigned char *have,
    struct line_info *li, struct buf *tok)
{
	struct scan s;
	size_t i;
	int r;

	memset(li, 0, sizeof(*li));
	scan_init(&s, line, len);
	if (next_token(&s, tok) <= 0 || strcmp(tok->ptr, url) != 0 ||
	    strlen(url) != tok->len)
		return;
	li->url_matches = 1;
	while ((r = next_token(&s, tok)) > 0) {
		if (tok->ptr[0] == '~' && tok->len > 1)
			li->has_title = 1;
		for (i = 0; have != NULL && i < ntags; i++)
			if (strcmp(tags[i], tok->ptr) == 0 &&
			    strlen(tags[i]) == tok->len)
				have[i] = 1;
	}
	li->well_formed = r == 0;
	li->insert = s.last_end;
}

/* Write s as a token: bare when it reads back so (URLs), quoted else. */
static void
append_token(struct buf *out, const char *prefix, const char *s, int bare_ok)
{
	const char *p;

	if (bare_ok && *prefix == '\0' && s[0] != '"' && s[0] != '#' &&
	    strpbrk(s, " \t\r\v\f\"\\") == NULL) {
		buf_append_str(out, s);
		return;
	}
	buf_append_char(out, '"');
	buf_append_str(out, prefix);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_append_char(out, '\\');
		buf_append_char(out, *p);
	}
	buf_append_char(out, '"');
}

/* Whether earlier tags[0..i) hold tags[i]: asked twice, add once. */
static int
seen_before(const char *const *tags, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (strcmp(tags[j], tags[i]) == 0)
			return 1;
	return 0;
}

static int
check_additions(const char *url, const char *const *tags, size_t ntags,
    const char *title)
{
	size_t i;

	if (feeds_url_problem(url, strlen(url)) != NULL)
		return -1;
	for (i = 0; i < ntags; i++)
		if (tags[i][0] == '~' || has_control(tags[i], strlen(tags[i])))
			return -1;
	if (title != NULL && has_control(title, strlen(title)))
		return -1;
	return 0;
}

int
feeds_text_add(const char *text, size_t len, const char *url,
    const char *const *tags, size_t ntags, const char *title,
    struct buf *out)
{
	struct buf tok = BUF_INIT;
	struct line_info li;
	unsigned char *have;
	const char *p, *end = text + len, *le, *nl;
	const char *eol = "\n";
	size_t i;

	if (check_additions(url, tags, ntags, title) != 0)
		return -1;
	buf_reset(out);
	have = xcalloc(ntags ? ntags : 1, 1);
	p = text + bom_len(text, len);
	for (; p < end; p = le + 1) {
		le = line_end(p, end);
		inspect_line(p, (size_t)(le - p), url, tags, ntags, have, &li,
		    &tok);
		if (li.url_matches && li.well_formed)
			break;
		memset(have, 0, ntags ? ntags : 1);
		if (le == end) {
			p = end;
			break;
		}
	}
	if (p < end) {
		/* In place, after the line's last token. */
		buf_append(out, text, (size_t)(li.insert - text));
		for (i = 0; i < ntags; i++) {
			if (have[i] || tags[i][0] == '\0' ||
			    seen_before(tags, i))
				continue;
			buf_append_char(out, ' ');
			append_token(out, "", tags[i], 0);
		}
		if (title != NULL && *title != '\0' && !li.has_title) {
			buf_append_char(out, ' ');
			append_token(out, "~", title, 0);
		}
		buf_append(out, li.insert, (size_t)(end - li.insert));
		free(have);
		buf_release(&tok);
		return 0;
	}
	/* A new line, ended the way the file ends its lines. */
	nl = memchr(text, '\n', len);
	if (nl != NULL && nl > text && nl[-1] == '\r')
		eol = "\r\n";
	buf_append(out, text, len);
	if (len > 0 && text[len - 1] != '\n')
		buf_append_str(out, eol);
	append_token(out, "", url, 1);
	for (i = 0; i < ntags; i++) {
		if (tags[i][0] == '\0' || seen_before(tags, i))
			continue;
		buf_append_char(out, ' ');
		append_token(out, "", tags[i], 0);
	}
	if (title != NULL && *title != '\0') {
		buf_append_char(out, ' ');
		append_token(out, "~", title, 0);
	}
	buf_append_str(out, eol);
	free(have);
	buf_release(&tok);
	return 1;
}

int
feeds_text_remove(const char *text, size_t len, const char *url,
    struct buf *out)
{
	struct buf tok = BUF_INIT;
	struct line_info li;
	const char *p, *end = text + len, *le;
	size_t bom = bom_len(text, len);
	int removed = 0;

	buf_reset(out);
	buf_append(out, text, bom);	/* a BOM stays even if line 1 goes */
	for (p = text + bom; p < end; p = le + 1) {
		le = line_end(p, end);
		inspect_line(p, (size_t)(le - p), url, NULL, 0, NULL, &li,
		    &tok);
		if (li.url_matches)
			removed++;
		else
			buf_append(out, p, (size_t)(le - p) +
			    (le < end ? 1 : 0));
		if (le == end)
			break;
	}
	buf_release(&tok);
	return removed;
}
