/*
 * The commands' shared set-up (context.h). The demo mode builds a feeds
 * file from the package's demo/urls, whose file:// lines name
 * @DEMO_DIR@, so the demo works wherever the data is installed.
 */
#include "context.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic_file.h"
#include "buf.h"
#include "paths.h"
#include "text_safe.h"
#include "xalloc.h"
#include "banned.h"

static void
print_error(void *arg, const char *msg)
{
	struct context *ctx = arg;

	text_safe_report(NULL, msg);
	/* Kept too, for the interface to show once it has the screen. */
	ctx->problems = xreallocarray(ctx->problems, ctx->nproblems + 1,
	    sizeof(*ctx->problems));
	ctx->problems[ctx->nproblems++] = xstrdup(msg);
}

/* The demo feeds file, with the data directory filled in. */
static int
setup_demo(struct context *ctx)
{
	char *data = paths_package_data(), *tmpl = NULL;
	const char *tmp = getenv("TMPDIR");
	struct buf path = BUF_INIT, in = BUF_INIT, out = BUF_INIT;
	const char *p, *at;
	char *err = NULL;
	int r = -1;

	buf_printf(&path, "%s/demo/urls", data);
	if (buf_read_file(&in, path.ptr) != 0) {
		fprintf(stderr, "telex: %s: %s (the demo feeds are not "
		    "installed?)\n", path.ptr, strerror(errno));
		goto out;
	}
	buf_reset(&path);
	buf_printf(&path, "%s/telex-demo-XXXXXX", tmp != NULL &&
	    *tmp == '/' ? tmp : "/tmp");
	tmpl = buf_detach(&path, NULL);
	if (mkdtemp(tmpl) == NULL) {
		fprintf(stderr, "telex: %s: %s\n", tmpl, strerror(errno));
		goto out;
	}
	ctx->demo_dir = tmpl;
	tmpl = NULL;
	for (p = in.ptr; (at = strstr(p, "@DEMO_DIR@")) != NULL; p = at + 10) {
		buf_append(&out, p, (size_t)(at - p));
		buf_printf(&out, "%s/demo", data);
	}
	buf_append_str(&out, p);
	buf_printf(&path, "%s/feeds", ctx->demo_dir);
	if (atomic_file_write(path.ptr, out.ptr, out.len, &err) != 0) {
		fprintf(stderr, "telex: %s\n", err);
		goto out;
	}
	ctx->feeds_path = buf_detach(&path, NULL);
	buf_printf(&path, "%s/cache.db", ctx->demo_dir);
	ctx->cache_path = buf_detach(&path, NULL);
	r = 0;
out:
	free(err);
	free(tmpl);
	free(data);
	buf_release(&path);
	buf_release(&in);
	buf_release(&out);
	return r;
}

int
context_init(struct context *ctx, const char *feeds_path,
    const char *cache_path, const char *config_path, int demo)
{
	struct buf text = BUF_INIT;
	int r = 0;

	memset(ctx, 0, sizeof(*ctx));
	config_init(&ctx->config);
	feeds_init(&ctx->feeds);
	ctx->demo = demo;
	ctx->config_path = config_path != NULL ? xstrdup(config_path) :
	    paths_config("config");
	if (demo) {
		if (setup_demo(ctx) != 0)
			return -1;
	} else {
		ctx->feeds_path = feeds_path != NULL ? xstrdup(feeds_path) :
		    paths_config("feeds");
		ctx->cache_path = cache_path != NULL ? xstrdup(cache_path) :
		    paths_data("cache.db");
	}
	if (buf_read_regular(&text, ctx->config_path) == 0) {
		config_parse(&ctx->config, text.ptr, text.len,
		    ctx->config_path, print_error, ctx);
	} else if (errno != ENOENT || config_path != NULL) {
		/* A missing default config is fine; a named one is not. */
		fprintf(stderr, "telex: %s: %s\n", ctx->config_path,
		    buf_read_strerror(errno));
		r = -1;
	}
	buf_release(&text);
	/* The demo is offline, and its feeds carry their stories' text. */
	if (demo)
		ctx->config.fetch_articles = FETCH_ARTICLES_NO;
	return r;
}

int
context_load_feeds(struct context *ctx)
{
	struct buf text = BUF_INIT;
	size_t i;

	if (ctx->feeds_loaded)
		return 0;
	if (buf_read_regular(&text, ctx->feeds_path) != 0) {
		int missing = errno == ENOENT;
		if (missing)
			fprintf(stderr, "telex: no feeds yet (%s does not "
			    "exist).\nAdd one with 'telex add URL [TAG...]', "
			    "import a list with 'telex import FILE.opml', or "
			    "try 'telex --demo'.\n", ctx->feeds_path);
		else
			fprintf(stderr, "telex: %s: %s\n", ctx->feeds_path,
			    buf_read_strerror(errno));
		buf_release(&text);
		return missing ? 1 : -1;
	}
	feeds_parse(&ctx->feeds, text.ptr, text.len, ctx->feeds_path);
	for (i = 0; i < ctx->feeds.nerrors; i++)
		text_safe_report(NULL, ctx->feeds.errors[i]);
	buf_release(&text);
	ctx->feeds_loaded = 1;
	return 0;
}

/* Remove the demo's temporary directory and what telex put there. */
static void
remove_demo(const char *dir)
{
	static const char *const files[] = { "feeds", "cache.db",
		"cache.db-wal", "cache.db-shm", "cache.db.lock" };
	struct buf path = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, files[i]);
		unlink(path.ptr);
	}
	buf_release(&path);
	rmdir(dir);
}

void
context_release(struct context *ctx)
{
	if (ctx->demo_dir != NULL)
		remove_demo(ctx->demo_dir);
	free(ctx->demo_dir);
	free(ctx->feeds_path);
	free(ctx->cache_path);
	free(ctx->config_path);
	config_release(&ctx->config);
	feeds_release(&ctx->feeds);
	while (ctx->nproblems > 0)
		free(ctx->problems[--ctx->nproblems]);
	free(ctx->problems);
	memset(ctx, 0, sizeof(*ctx));
}
