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

enum option_type { OPT_INT, OPT_STRING, OPT_FETCH };

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
	for (i = 0; i < c->nfeeds; i++)
		free(c->feeds[i].url);
	free(c->feeds);
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

size_t
config_parse(struct config *c, const char *data, size_t len,
    const char *path, void (*error)(void *ctx, const char *msg), void *ctx)
{
	struct buf line = BUF_INIT;
	const char *p = data, *end = data + len, *nl;
	char *name, *value;
	size_t lineno = 0, errors = 0, i;

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
