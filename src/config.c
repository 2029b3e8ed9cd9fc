/*
 * Settings (config.h). options[] is the single description of every
 * setting: a field of struct config by offset, its type and range, its
 * default written as a user would write it, and a line of help. Defaults
 * are applied by parsing those same strings, so the table cannot
 * disagree with the parser.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"
#include "banned.h"

enum option_type { OPT_INT, OPT_STRING, OPT_FETCH, OPT_BOOL };

static const struct option {
	const char *name;
	enum option_type type;
	size_t offset;
	long min, max;
	const char *value;	/* the default, as written in a config */
	const char *help;
} options[] = {
	{ "reload-interval", OPT_INT, offsetof(struct config,
	    reload_interval), 0, 525600, "0", "minutes before a feed is polled "
	    "again (0: every refresh; a feed's own ttl is honoured too)" },
	{ "max-items", OPT_INT, offsetof(struct config, max_items), 0,
	    INT_MAX, "0", "stories kept per feed, newest first (0: all); "
	    "flagged and saved ones are always kept" },
	{ "max-connections", OPT_INT, offsetof(struct config,
	    max_connections), 1, 1024, "32", "feeds fetched at once" },
	{ "max-connections-per-host", OPT_INT, offsetof(struct config,
	    max_connections_per_host), 1, 1024, "8",
	    "connections to one server at once" },
	{ "connect-timeout", OPT_INT, offsetof(struct config,
	    connect_timeout), 1, 3600, "10", "seconds to connect to a server" },
	{ "download-timeout", OPT_INT, offsetof(struct config,
	    download_timeout), 1, 86400, "60",
	    "seconds for a whole download" },
	{ "max-download-size", OPT_INT, offsetof(struct config,
	    max_download_size), 1, 1024, "32",
	    "MiB a feed may take (decompressed)" },
	{ "max-redirects", OPT_INT, offsetof(struct config, max_redirects),
	    0, 50, "8", "redirects followed for one feed (to http/https only)" },
	{ "user-agent", OPT_STRING, offsetof(struct config, user_agent), 0, 0,
	    "", "User-Agent sent to servers (empty: telex/VERSION)" },
	{ "fetch-articles", OPT_FETCH, offsetof(struct config,
	    fetch_articles), 0, 0, "auto", "fetch the page a story links to "
	    "and keep its article: auto (when the feed's text is short), yes "
	    "or no; a URL after the value sets it for that feed only" },
	{ "article-tries", OPT_INT, offsetof(struct config, article_tries),
	    1, 100, "3", "refreshes that try to fetch a story's page before "
	    "giving up" },
	{ "browser", OPT_STRING, offsetof(struct config, browser), 0, 0, "",
	    "command that opens links, %u standing for the URL (empty: "
	    "$BROWSER, else xdg-open); run without a shell" },
	{ "save-dir", OPT_STRING, offsetof(struct config, save_dir), 0, 0, "",
	    "directory saved stories go to (empty: "
	    "$XDG_DATA_HOME/telex/saved)" },
	{ "theme", OPT_STRING, offsetof(struct config, theme), 0, 0, "",
	    "colour theme: a file in ~/.config/telex/themes or the installed "
	    "themes (empty: default)" },
	{ "open-marks-read", OPT_BOOL, offsetof(struct config,
	    open_marks_read), 0, 1, "yes", "opening a story marks it read" },
	{ "front-page-headlines", OPT_INT, offsetof(struct config,
	    front_page_headlines), 1, 50, "4",
	    "headlines in each topic's box on the front page" },
};

#define NOPTIONS (sizeof(options) / sizeof(options[0]))

static void report(void (*)(void *, const char *), void *, const char *,
    size_t, const char *, ...) __attribute__((format(printf, 5, 6)));

static void
report(void (*error)(void *, const char *), void *ctx, const char *path,
    size_t line, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	buf_printf(&b, "%s:%zu: ", path, line);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (error != NULL)
		error(ctx, b.ptr);
	buf_release(&b);
}

/* "auto|yes|no [URL]": globally, or for the feed at URL. */
static int
apply_fetch(struct config *c, const char *value)
{
	static const char *const names[] = { "auto", "yes", "no" };
	size_t n = strcspn(value, " \t"), i;
	const char *url = value + n;

	for (i = 0; i < 3; i++)
		if (strlen(names[i]) == n && strncmp(value, names[i], n) == 0)
			break;
	if (i == 3)
		return -1;
	while (*url == ' ' || *url == '\t')
		url++;
	if (*url == '\0') {
		c->fetch_articles = (int)i;
		return 0;
	}
	if (strpbrk(url, " \t") != NULL)
		return -1;
	c->feeds = xreallocarray(c->feeds, c->nfeeds + 1, sizeof(*c->feeds));
	c->feeds[c->nfeeds].url = xstrdup(url);
	c->feeds[c->nfeeds++].fetch_articles = (enum fetch_articles)i;
	return 0;
}

enum fetch_articles
config_fetch_articles(const struct config *c, const char *url)
{
	size_t i;

	for (i = c->nfeeds; i-- > 0;)
		if (strcmp(c->feeds[i].url, url) == 0)
			return c->feeds[i].fetch_articles;
	return (enum fetch_articles)c->fetch_articles;
}

/* Set o from value; 0, or -1 when value is out of o's range. */
static int
apply(struct config *c, const struct option *o, const char *value)
{
	char *end, **str;
	long v;

	if (o->type == OPT_STRING) {
		str = (char **)(void *)((char *)c + o->offset);
		free(*str);
		*str = *value != '\0' ? xstrdup(value) : NULL;
		return 0;
	}
	if (o->type == OPT_FETCH)
		return apply_fetch(c, value);
	if (o->type == OPT_BOOL) {
		if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0 ||
		    strcmp(value, "on") == 0 || strcmp(value, "1") == 0)
			v = 1;
		else if (strcmp(value, "no") == 0 ||
		    strcmp(value, "false") == 0 || strcmp(value, "off") == 0 ||
		    strcmp(value, "0") == 0)
			v = 0;
		else
			return -1;
		*(int *)(void *)((char *)c + o->offset) = (int)v;
		return 0;
	}
	errno = 0;
	v = strtol(value, &end, 10);
	if (*value == '\0' || *end != '\0' || errno != 0 || v < o->min ||
	    v > o->max)
		return -1;
	*(int *)(void *)((char *)c + o->offset) = (int)v;
	return 0;
}

void
config_init(struct config *c)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < NOPTIONS; i++)
		if (apply(c, &options[i], options[i].value) != 0)
			abort();	/* a bad default: a bug in options[] */
}

void
config_release(struct config *c)
{
	size_t i;

	free(c->user_agent);
	free(c->browser);
	free(c->save_dir);
	free(c->theme);
	for (i = 0; i < c->nfeeds; i++)
		free(c->feeds[i].url);
	free(c->feeds);
	for (i = 0; i < c->nbinds; i++) {
		free(c->binds[i].key);
		free(c->binds[i].command);
	}
	free(c->binds);
	memset(c, 0, sizeof(*c));
}

/* Split "name value" (value maybe "quoted") in place; -1 on bad quoting. */
static int
split(char *line, char **name, char **value)
{
	char *p = line, *out;

	while (*p == ' ' || *p == '\t')
		p++;
	*name = p;
	while (*p != '\0' && *p != ' ' && *p != '\t')
		p++;
	if (*p != '\0')
		*p++ = '\0';
	while (*p == ' ' || *p == '\t')
		p++;
	*value = p;
	if (*p != '"') {
		/* unquoted: up to a comment, trailing blanks trimmed */
		out = strchr(p, '#');
		if (out != NULL && out > p && (out[-1] == ' ' ||
		    out[-1] == '\t'))
			*out = '\0';
		out = p + strlen(p);
		while (out > p && (out[-1] == ' ' || out[-1] == '\t'))
			*--out = '\0';
		return 0;
	}
	/* "quoted", with \" and \\ */
	*value = out = ++p;
	for (; *p != '\0' && *p != '"'; p++) {
		if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
			p++;
		*out++ = *p;
	}
	if (*p != '"')
		return -1;
	for (p++; *p == ' ' || *p == '\t'; p++)
		;
	if (*p != '\0' && *p != '#')
		return -1;
	*out = '\0';
	return 0;
}

/*
 * The next word of *p: up to a blank, or "quoted" with \" and \\.
 * Written over the line in place; NULL at the end or a comment, and
 * *bad set on a quote left open.
 */
static char *
next_word(char **p, int *bad)
{
	char *s = *p, *word, *out;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || *s == '#') {
		*p = s;
		return NULL;
	}
	if (*s != '"') {
		word = s;
		while (*s != '\0' && *s != ' ' && *s != '\t')
			s++;
		if (*s != '\0')
			*s++ = '\0';
		*p = s;
		return word;
	}
	word = out = ++s;
	for (; *s != '\0' && *s != '"'; s++) {
		if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
			s++;
		*out++ = *s;
	}
	if (*s != '"') {
		*bad = 1;
		*p = s;
		return NULL;
	}
	*out = '\0';
	*p = s + 1;
	return word;
}

/* "bind KEY COMMAND" or "unbind KEY" (rest is after the first word). */
static int
keep_bind(struct config *c, int unbind, char *rest, size_t lineno)
{
	char *key, *command = NULL;
	int bad = 0;

	key = next_word(&rest, &bad);
	if (!unbind)
		command = next_word(&rest, &bad);
	if (bad || key == NULL || (!unbind && command == NULL) ||
	    next_word(&rest, &bad) != NULL || bad)
		return -1;
	c->binds = xreallocarray(c->binds, c->nbinds + 1, sizeof(*c->binds));
	c->binds[c->nbinds].key = xstrdup(key);
	c->binds[c->nbinds].command = command != NULL ? xstrdup(command) :
	    NULL;
	c->binds[c->nbinds++].line = lineno;
	return 0;
}

/* The first word of line, when it is bind or unbind: 1, 2; else 0. */
static int
bind_word(const char *line, const char **rest)
{
	while (*line == ' ' || *line == '\t')
		line++;
	if (strncmp(line, "bind", 4) == 0 && (line[4] == ' ' ||
	    line[4] == '\t' || line[4] == '\0')) {
		*rest = line + 4;
		return 1;
	}
	if (strncmp(line, "unbind", 6) == 0 && (line[6] == ' ' ||
	    line[6] == '\t' || line[6] == '\0')) {
		*rest = line + 6;
		return 2;
	}
	return 0;
}

size_t
config_parse(struct config *c, const char *data, size_t len,
    const char *path, void (*error)(void *ctx, const char *msg), void *ctx)
{
	struct buf line = BUF_INIT;
	const char *p = data, *end = data + len, *nl;
	char *name, *value;
	const char *rest;
	size_t lineno = 0, errors = 0, i;
	int bind;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		lineno++;
		buf_reset(&line);
		buf_append(&line, p, (size_t)(nl - p));
		p = nl + 1;
		if (line.len > 0 && line.ptr[line.len - 1] == '\r')
			buf_truncate(&line, line.len - 1);
		if (memchr(line.ptr, '\0', line.len) != NULL) {
			report(error, ctx, path, lineno, "a NUL byte");
			errors++;
			continue;
		}
		bind = bind_word(line.ptr, &rest);
		if (bind != 0) {
			if (keep_bind(c, bind == 2, line.ptr + (rest - line.ptr),
			    lineno) != 0) {
				report(error, ctx, path, lineno, bind == 1 ?
				    "'bind' wants a key and a command" :
				    "'unbind' wants a key");
				errors++;
			}
			continue;
		}
		if (split(line.ptr, &name, &value) != 0) {
			report(error, ctx, path, lineno,
			    "unterminated or misplaced quote in '%s'", name);
			errors++;
			continue;
		}
		if (*name == '\0' || *name == '#')
			continue;
		for (i = 0; i < NOPTIONS; i++)
			if (strcmp(options[i].name, name) == 0)
				break;
		if (i == NOPTIONS) {
			report(error, ctx, path, lineno,
			    "unknown setting '%s'", name);
			errors++;
			continue;
		}
		if (apply(c, &options[i], value) != 0) {
			if (options[i].type == OPT_FETCH)
				report(error, ctx, path, lineno, "'%s' wants "
				    "auto, yes or no, and maybe a feed URL, not "
				    "'%s'", name, value);
			else if (options[i].type == OPT_BOOL)
				report(error, ctx, path, lineno, "'%s' wants "
				    "yes or no, not '%s'", name, value);
			else
				report(error, ctx, path, lineno, "'%s' wants a "
				    "whole number from %ld to %ld, not '%s'",
				    name, options[i].min, options[i].max, value);
			errors++;
		}
	}
	buf_release(&line);
	return errors;
}

int
config_doc(size_t i, struct config_doc *out)
{
	if (i >= NOPTIONS)
		return -1;
	out->name = options[i].name;
	out->value = options[i].value;
	out->help = options[i].help;
	return 0;
}
