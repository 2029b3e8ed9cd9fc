/*
 * telex's entry point: the global options, then one table of subcommands,
 * from which --help is written too. Commands of later stages are listed
 * with no handler and say so when run.
 */
#include "build.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cmd.h"
#include "context.h"
#include "ui.h"
#include "banned.h"

static const struct command {
	const char *name;
	int (*run)(struct context *ctx, int argc, char **argv);
	const char *synopsis;
	const char *help;
} commands[] = {
	{ NULL, NULL, "[-u FEEDS] [-c CACHE] [--config FILE]",
	    "open the reader" },
	{ NULL, NULL, "--demo [COMMAND]",
	    "the bundled demo feeds, offline, in a throwaway cache" },
	{ "refresh", cmd_refresh, "refresh [-q] [--force] [URL...]",
	    "poll the feeds into the cache, with no interface" },
	{ "list", cmd_list, "list [--unread] [--flagged] [--tag T] [--json]",
	    "print headlines from the cache, newest first" },
	{ "search", cmd_search, "search QUERY [--json]",
	    "full-text search of the cache" },
	{ "add", cmd_add, "add URL [TAG...]", "add a feed to the feeds file" },
	{ "remove", cmd_remove, "remove URL", "remove a feed" },
	{ "import", cmd_import, "import FILE.opml",
	    "add the feeds of an OPML file" },
	{ "export", cmd_export, "export", "print the feeds as OPML 2.0" },
	{ "parse", cmd_parse, "parse FILE|-",
	    "parse one feed document, print JSON" },
	{ "render", cmd_render, "render [--width N] FILE|-",
	    "print HTML as the reader shows it" },
	{ "extract", cmd_extract, "extract [--base URL] [--width N] FILE|-",
	    "print the main article of a web page" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
usage(FILE *fp)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "%s telex %-46s %s%s\n", i == 0 ? "usage:" : "      ",
		    commands[i].synopsis, commands[i].help,
		    commands[i].run != NULL || i == 1 ? "" : " (not yet)");
	fprintf(fp, "       telex %-46s %s\n", "--help | --version",
	    "this help, the version");
	fputs("\nGlobal options, before the command: -u FEEDS (the feeds "
	    "file), -c CACHE (the cache),\n--config FILE, --demo.\n", fp);
}

int
main(int argc, char **argv)
{
	const char *feeds = NULL, *cache = NULL, *config = NULL, *v;
	struct context ctx;
	size_t c;
	int i, demo = 0, r, missing = 0;

	/* A file-size limit (ulimit -f) makes a write fail with EFBIG,
	 * reported like a full disk, rather than kill the process. */
	signal(SIGXFSZ, SIG_IGN);
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--version") == 0) {
			puts(PACKAGE_STRING);
			return 0;
		}
		if (strcmp(argv[i], "--demo") == 0) {
			demo = 1;
		} else if ((v = args_value(argc, argv, &i, "-u", &missing))) {
			feeds = v;
		} else if ((v = args_value(argc, argv, &i, "-c", &missing))) {
			cache = v;
		} else if ((v = args_value(argc, argv, &i, "--config",
		    &missing))) {
			config = v;
		} else {
			fprintf(stderr, missing ? "telex: %s needs a value\n" :
			    "telex: unknown option '%s'; see 'telex --help'\n",
			    argv[i]);
			return 2;
		}
	}
	for (c = 0; c < NCOMMANDS; c++)
		if (i < argc && commands[c].name != NULL &&
		    strcmp(argv[i], commands[c].name) == 0)
			break;
	if (i < argc && c == NCOMMANDS) {
		fprintf(stderr, "telex: unknown command '%s'; see 'telex "
		    "--help'\n", argv[i]);
		return 2;
	}
	if (i < argc && commands[c].run == NULL) {
		fprintf(stderr, "telex: '%s' is not available in this version; "
		    "see 'telex --help'\n", argv[i]);
		return 2;
	}
	if (context_init(&ctx, feeds, cache, config, demo) != 0) {
		context_release(&ctx);
		return 2;
	}
	if (i == argc) {
		/* The reader. The demo's throwaway cache is filled first, from
		 * local files, so it opens on stories at once. */
		r = context_load_feeds(&ctx) != 0 ? 2 : 0;
		if (r == 0 && demo)
			r = refresh_feeds(&ctx, NULL, 0, 0, 1) > 1 ? 2 : 0;
		if (r == 0)
			r = ui_run(&ctx);
		context_release(&ctx);
		return r;
	}
	r = 0;
	if (demo && strcmp(argv[i], "refresh") != 0)
		/* A throwaway cache starts empty: fill it from the demo. */
		r = refresh_feeds(&ctx, NULL, 0, 0, 1);
	if (r == 0 || r == 1)
		r = commands[c].run(&ctx, argc - i - 1, argv + i + 1);
	context_release(&ctx);
	return r;
}
