/*
 * feeds: the list of subscriptions, in newsboat's "urls" format.
 *
 * One feed a line: the URL first, then tags, each usually in double
 * quotes, e.g.
 *
 *	http://example.com/feed.xml "tech" "two words" "~Title override"
 *	"query:Unread:unread = \"yes\""	# a newsboat query feed
 *
 * A token starting with '~' is a title override (the rest of it); one
 * starting with '!' is a tag newsboat hides its feed for (kept as a tag,
 * with hidden set). Inside quotes \" and \\ are escapes; any other
 * backslash is kept. An unquoted token runs to the next whitespace; a
 * quoted one ends at its closing quote. '#' where a token would start
 * (at the start of the line, after whitespace outside quotes or after a
 * closing quote) begins a comment to the end of the line. Blank lines,
 * surrounding whitespace, CRLF line ends and a UTF-8 BOM are ignored.
 *
 * Ownership: a struct feeds owns every string and array hanging from it.
 * Strings and tag arrays live in its arena and go in feeds_release();
 * entries are one heap array, so an entry pointer is valid only until
 * the next feeds_add(). The same struct holds what opml_parse() reads.
 */
#ifndef TELEX_FEEDS_H
#define TELEX_FEEDS_H

#include <stddef.h>

#include "arena.h"

struct buf;

/* More tags than this on one feed are dropped (and reported by the
 * parsers): each addition checks for duplicates, so this bounds the work. */
#define FEEDS_MAX_TAGS 256

enum feeds_kind {
	FEEDS_KIND_URL,		/* http://, https://, file:// */
	FEEDS_KIND_QUERY,	/* "query:Title:expression" (newsboat) */
	FEEDS_KIND_EXEC,	/* exec:command (newsboat) */
	FEEDS_KIND_FILTER,	/* filter:command:url (newsboat) */
};

struct feeds_entry {
	char *url;		/* never NULL or "" */
	char *title;		/* NULL unless overridden ("~Title") */
	char *site;		/* NULL unless known (OPML htmlUrl) */
	char **tags;		/* as written, '!' included; no duplicates */
	size_t ntags;
	int hidden;		/* a tag starts with '!' */
	int line;		/* where it was read (1-based), 0 if built */
	enum feeds_kind kind;
};

struct feeds {
	struct arena arena;
	struct feeds_entry *entries;	/* in file order */
	size_t n, cap;
	/* Problems found, "PATH:LINE: reason", one line each, on the heap. */
	char **errors;
	size_t nerrors, errors_cap;
	/* Private: open-addressing index of entries by URL (index + 1). */
	size_t *index;
	size_t index_cap;
};

void feeds_init(struct feeds *f);
/* Free everything f owns; f is left initialised and empty. */
void feeds_release(struct feeds *f);

/*
 * Parse a feeds file held in data[0..len) (need not be NUL-terminated)
 * and add its feeds to f. path names the file in error messages (NULL
 * reads "feeds"). A bad
 * line (unterminated quote, no URL, a control character, a URL with
 * spaces or of an unsupported scheme) is skipped and reported in
 * f->errors as "PATH:LINE: reason"; every other line loads. A URL seen
 * before keeps its first line and title (unless it had none), and gains
 * the new tags; that is not reported. Returns 0, or 1 when it added
 * errors.
 */
int feeds_parse(struct feeds *f, const char *data, size_t len,
    const char *path);

/*
 * Why url cannot be a feed's URL ("unsupported URL scheme", "space in
 * URL", ...), or NULL when it can. Schemes are http, https, file, and
 * newsboat's query:, exec: and filter: (which may contain spaces).
 */
const char *feeds_url_problem(const char *url, size_t len);

/* The entry of url, or NULL. */
struct feeds_entry *feeds_find(const struct feeds *f, const char *url);
/*
 * The entry of url[0..len), added at the end with no tags when it is new
 * (url must pass feeds_url_problem(), which also rules out NUL bytes).
 * Valid until the next feeds_add().
 */
struct feeds_entry *feeds_add(struct feeds *f, const char *url, size_t len);
/*
 * Add tag[0..len) to e unless it is already there, it is empty, or e
 * has FEEDS_MAX_TAGS tags (then returns -1). A tag starting with '!'
 * sets hidden. Returns 0.
 */
int feeds_entry_add_tag(struct feeds *f, struct feeds_entry *e,
    const char *tag, size_t len);
/* Set e's title to a copy of title[0..len). */
void feeds_entry_set_title(struct feeds *f, struct feeds_entry *e,
    const char *title, size_t len);
/* Set e's site (home page) to a copy of site[0..len). */
void feeds_entry_set_site(struct feeds *f, struct feeds_entry *e,
    const char *site, size_t len);
/* Append an error line to f->errors. */
void feeds_add_error(struct feeds *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Editing the file's text, keeping comments, blank lines, unknown lines
 * and order byte for byte: each takes the whole text and writes the new
 * text to out (which is reset first).
 */

/*
 * Add url with tags[0..ntags) and, if title is not NULL, a title
 * override. When a well-formed line of url exists, the tags it lacks are
 * added at the end of that line (before any comment) and the title only
 * if the line has none; otherwise a new line is appended, with the
 * file's line ending. Tags are written in quotes with \" and \\ escaped.
 * Returns 1 when a line was appended, 0 when an existing line took the
 * tags, or -1 (out untouched) when url fails feeds_url_problem() or a tag
 * or the title holds a control character, or a tag starts with '~'.
 * Empty tags are ignored.
 */
int feeds_text_add(const char *text, size_t len, const char *url,
    const char *const *tags, size_t ntags, const char *title,
    struct buf *out);

/*
 * Remove every line whose URL is url, line ending included. Returns how
 * many lines went (out is then a copy of text when 0).
 */
int feeds_text_remove(const char *text, size_t len, const char *url,
    struct buf *out);

#endif
