/*
 * context: what every command works with. The files named on the command
 * line or found in the XDG directories, the settings, and the feeds file
 * once loaded. With --demo the feeds are the bundled demo feeds and the
 * cache a throwaway one in a temporary directory, removed at the end.
 *
 * Problems met while loading are printed to stderr, one line each
 * ("PATH:LINE: reason"); loading goes on with what is good.
 */
#ifndef TELEX_CONTEXT_H
#define TELEX_CONTEXT_H

#include "config.h"
#include "feeds.h"

struct context {
	char *feeds_path, *cache_path, *config_path;
	int demo;
	char *demo_dir;			/* to remove at the end */
	struct config config;
	struct feeds feeds;
	int feeds_loaded;
	char **problems;		/* the config's, as printed */
	size_t nproblems;
};

/*
 * Resolve the paths (NULL: the default place) and read the config.
 * Returns 0, or -1 after printing why (then release ctx).
 */
int context_init(struct context *ctx, const char *feeds_path,
    const char *cache_path, const char *config_path, int demo);
/*
 * Read the feeds file. Returns 0, 1 when it does not exist (after
 * printing how to add feeds), or -1 when it cannot be read.
 */
int context_load_feeds(struct context *ctx);
void context_release(struct context *ctx);

#endif
