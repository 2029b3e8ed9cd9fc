/*
 * config: telex's settings, from the config file.
 *
 * The file has one setting a line, `name value` (the value may be quoted),
 * `#` comments and blank lines, as newsboat's does. Every setting lives
 * in one table (name, type, range, default, help) that the parser, the
 * man page and `telex --help-config` read. `bind KEY COMMAND` and
 * `unbind KEY` lines are kept for the interface (words may be quoted,
 * so `bind "#" open-link` binds '#'). A bad line is reported as
 * "PATH:LINE: reason" and skipped; the others still apply.
 */
#ifndef TELEX_CONFIG_H
#define TELEX_CONFIG_H

#include <stddef.h>

/* Whether to fetch the page a story links to, for its full text. */
enum fetch_articles {
	FETCH_ARTICLES_AUTO,		/* when the feed's text is short */
	FETCH_ARTICLES_YES,
	FETCH_ARTICLES_NO,
};

/*
 * A `bind KEY COMMAND` or `unbind KEY` line (command NULL), kept as
 * written for the interface, which knows the keys and commands, to
 * apply and to report as "PATH:LINE: reason".
 */
struct config_bind {
	char *key, *command;
	size_t line;
};

/* A setting given for one feed (`fetch-articles no URL`). */
struct config_feed {
	char *url;
	enum fetch_articles fetch_articles;
};

struct config {
	int reload_interval;		/* minutes between polls; 0: always */
	int max_items;			/* per feed; 0: keep all */
	int max_connections;		/* in all */
	int max_connections_per_host;
	int connect_timeout;		/* seconds */
	int download_timeout;		/* seconds, whole transfer */
	int max_download_size;		/* MiB */
	int max_redirects;
	char *user_agent;		/* NULL: "telex/VERSION" */
	int fetch_articles;		/* enum fetch_articles */
	int article_tries;		/* page fetches before giving up */
	struct config_feed *feeds;	/* per-feed settings */
	size_t nfeeds;
	/* The interface's */
	char *browser;			/* NULL: $BROWSER, else xdg-open */
	char *save_dir;			/* NULL: $XDG_DATA_HOME/telex/saved */
	char *theme;			/* NULL: "default" */
	int open_marks_read;		/* opening a story marks it read */
	int front_page_headlines;	/* per topic on the front page */
	struct config_bind *binds;	/* in file order */
	size_t nbinds;
};

/* The fetch-articles setting in force for url. */
enum fetch_articles config_fetch_articles(const struct config *c,
    const char *url);

/* Defaults. */
void config_init(struct config *c);
void config_release(struct config *c);

/*
 * Apply the settings in data[0..len), read from path. Each problem goes
 * to error(ctx, "PATH:LINE: reason"); returns how many there were.
 */
size_t config_parse(struct config *c, const char *data, size_t len,
    const char *path, void (*error)(void *ctx, const char *msg), void *ctx);

/* Setting i (from 0): name, default as written, help; -1 past the last. */
struct config_doc {
	const char *name, *value, *help;
};
int config_doc(size_t i, struct config_doc *out);

#endif
