/*
 * `telex refresh [-q] [--force] [URL...]`: poll the feeds into the cache
 * with no interface. On a terminal, progress is one line rewritten in
 * place; piped, each feed gets a plain line. Failures go to stderr, one
 * line each. The exit status is 1 when any feed failed, after every other
 * feed was stored.
 */
#include "cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "refresh.h"
#include "text_safe.h"
#include "banned.h"

struct progress {
	int tty, quiet, line_shown;
	const struct refresh *r;
};

static void
clear_line(struct progress *pg)
{
	if (pg->line_shown) {
		fputs("\r\033[K", stdout);
		fflush(stdout);
		pg->line_shown = 0;
	}
}

static void
show_progress(struct progress *pg)
{
	const struct refresh_stats *s = &pg->r->stats;

	printf("refreshing: %zu/%zu feeds, %zu new, %zu failed", s->done,
	    s->queued, s->added, s->failed);
	if (s->articles + s->articles_failed > 0)
		printf(", %zu articles", s->articles);
	fflush(stdout);
	pg->line_shown = 1;
}

static void
on_event(void *arg, const struct refresh_event *e)
{
	struct progress *pg = arg;
	size_t i;

	clear_line(pg);
	if (e->problem != NULL) {
		fprintf(stderr, "telex: %s\n", e->problem);
		return;
	}
	if (e->page) {
		/* A story's page: only a failure is news (it is retried). */
		if (e->status == POLL_FAILED && !pg->quiet) {
			struct buf msg = BUF_INIT;
			buf_printf(&msg, "article not kept: %s", e->error);
			text_safe_report(e->url, msg.ptr);
			buf_release(&msg);
		}
		if (pg->tty && !pg->quiet)
			show_progress(pg);
		return;
	}
	if (e->status == POLL_FAILED) {
		text_safe_report(e->url, e->error);
	} else if (e->feed != NULL && !pg->quiet) {
		/* Problems in a feed that was still read: the first few. */
		for (i = 0; i < e->feed->nerrors && i < 3; i++)
			text_safe_report(e->url, e->feed->errors[i]);
	}
	if (pg->quiet)
		return;
	if (pg->tty) {
		show_progress(pg);
	} else if (e->status == POLL_NOT_MODIFIED) {
		printf("%s: not modified\n", e->url);
	} else if (e->status == POLL_OK) {
		printf("%s: %zu new, %zu updated%s\n", e->url,
		    e->stored.added, e->stored.updated,
		    e->stored.dropped ? " (old stories dropped)" : "");
	}
}

/*
 * One refresh of a cache at a time: a second one says so and waits.
 * Readers (list, the interface) never wait: SQLite's WAL lets them read
 * while a refresh writes.
 */
static int
lock_cache(const char *cache_path)
{
	struct buf path = BUF_INIT;
	int fd;

	buf_printf(&path, "%s.lock", cache_path);
	fd = open(path.ptr, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		fprintf(stderr, "telex: %s: cannot lock the cache for a refresh: "
		    "%s: %s\n", cache_path, path.ptr, strerror(errno));
		buf_release(&path);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		fprintf(stderr, "telex: another refresh of %s is running; "
		    "waiting for it to finish\n", cache_path);
		while (flock(fd, LOCK_EX) != 0) {
			if (errno != EINTR) {
				fprintf(stderr, "telex: %s: %s\n", path.ptr,
				    strerror(errno));
				close(fd);
				fd = -1;
				break;
			}
		}
	}
	buf_release(&path);
	return fd;
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
refresh_feeds(struct context *ctx, char **urls, size_t nurls, int force,
    int quiet)
{
	struct progress pg = { 0, 0, 0, NULL };
	struct refresh r;
	struct cache *cache;
	char *err = NULL;
	double t0 = seconds();
	int lock, status;

	if (context_load_feeds(ctx) != 0)
		return 2;
	lock = lock_cache(ctx->cache_path);
	if (lock < 0)
		return 2;
	cache = cache_open(ctx->cache_path, 0, &err);
	if (cache == NULL) {
		fprintf(stderr, "telex: %s\n", err);
		free(err);
		close(lock);
		return 2;
	}
	pg.tty = isatty(STDOUT_FILENO);
	pg.quiet = quiet;
	pg.r = &r;
	if (refresh_start(&r, ctx, cache, urls, nurls, force, on_event,
	    &pg) != 0) {
		refresh_finish(&r);
		cache_close(cache);
		close(lock);
		return 2;
	}
	while (refresh_run(&r, -1, NULL, 0) > 0)
		;
	clear_line(&pg);
	refresh_finish(&r);
	cache_close(cache);
	close(lock);
	if (!quiet) {
		printf("%zu feeds: %zu new, %zu updated, %zu not modified, "
		    "%zu failed", r.stats.queued, r.stats.added,
		    r.stats.updated, r.stats.not_modified, r.stats.failed);
		if (r.stats.not_due > 0)
			printf(", %zu not due (--force polls them)",
			    r.stats.not_due);
		if (r.stats.unsupported > 0)
			printf(", %zu query/exec/filter feeds skipped",
			    r.stats.unsupported);
		if (r.stats.articles + r.stats.articles_failed > 0)
			printf("; %zu articles fetched, %zu not",
			    r.stats.articles, r.stats.articles_failed);
		printf(" (%.2f s)\n", seconds() - t0);
	}
	status = r.stats.failed > 0 ? 1 : 0;
	return fflush(stdout) != 0 ? 2 : status;
}

int
cmd_refresh(struct context *ctx, int argc, char **argv)
{
	int i, quiet = 0, force = 0;

	for (i = 0; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-q") == 0 ||
		    strcmp(argv[i], "--quiet") == 0) {
			quiet = 1;
		} else if (strcmp(argv[i], "-f") == 0 ||
		    strcmp(argv[i], "--force") == 0) {
			force = 1;
		} else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else {
			fprintf(stderr, "usage: telex refresh [-q] [--force] "
			    "[URL...]\n");
			return 2;
		}
	}
	return refresh_feeds(ctx, argv + i, (size_t)(argc - i), force, quiet);
}
