/*
 * telex's entry point: one table of subcommands, from which --help is
 * written too. Commands of later stages are listed with no handler and
 * say so when run, rather than being missing from the help.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "banned.h"

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);	/* NULL: not built yet */
	const char *synopsis;
	const char *help;
} commands[] = {
	{ NULL, NULL, "[-u FEEDS] [-c CACHE] [--config FILE]",
	    "open the reader" },
	{ "--demo", NULL, "--demo", "the reader on the bundled demo feeds" },
	{ "refresh", NULL, "[-u FEEDS] [-c CACHE] refresh [-q] [URL...]",
	    "poll feeds with no interface" },
	{ "parse", cmd_parse, "parse FILE|-",
	    "parse one feed document, print JSON" },
	{ "render", NULL, "render [--width N] FILE|-",
	    "print HTML as the reader shows it" },
	{ "extract", NULL, "extract [--base URL] [--width N] FILE|-",
	    "print the main article of a web page" },
	{ "import", NULL, "import FILE.opml", "add the feeds of an OPML file" },
	{ "export", NULL, "export", "print the feeds as OPML" },
	{ "add", NULL, "add URL [TAG...]", "add a feed" },
	{ "remove", NULL, "remove URL", "remove a feed" },
	{ "list", NULL, "list [--unread] [--flagged] [--tag T] [--json]",
	    "print headlines from the cache" },
	{ "search", NULL, "search QUERY [--json]",
	    "full-text search of the cache" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
usage(FILE *fp)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "%s telex %-46s %s%s\n", i == 0 ? "usage:" : "      ",
		    commands[i].synopsis, commands[i].help,
		    commands[i].run != NULL ? "" : " (not yet)");
	fprintf(fp, "       telex %-46s %s\n", "--help | --version",
	    "this help, the version");
}

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		fputs("telex: the reader is not built yet; "
		    "try 'telex parse FILE' or 'telex --help'\n", stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		puts(PACKAGE_STRING);
		return 0;
	}
	for (i = 1; i < NCOMMANDS; i++) {
		if (strcmp(argv[1], commands[i].name) != 0)
			continue;
		if (commands[i].run == NULL) {
			fprintf(stderr, "telex: '%s' is not available in this "
			    "version; see 'telex --help'\n", argv[1]);
			return 2;
		}
		return commands[i].run(argc - 2, argv + 2);
	}
	fprintf(stderr, "telex: unknown command '%s'; see 'telex --help'\n",
	    argv[1]);
	usage(stderr);
	return 2;
}
