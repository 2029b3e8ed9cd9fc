/*
 * telex's entry point: global options, then a table of subcommands.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "banned.h"

static const char usage_text[] =
"usage: telex [-u FEEDS] [-c CACHE] [--config FILE]     open the reader\n"
"       telex --demo                                     the reader on the bundled demo feeds\n"
"       telex [-u FEEDS] [-c CACHE] refresh [-q] [URL...] poll feeds with no interface\n"
"       telex parse FILE|-                               parse one feed document, print JSON\n"
"       telex render [--width N] FILE|-                  print HTML as the reader shows it\n"
"       telex extract [--base URL] [--width N] FILE|-    print the main article of a web page\n"
"       telex import FILE.opml | export                  OPML in and out\n"
"       telex add URL [TAG...] | remove URL              edit the feeds file\n"
"       telex list [--unread] [--flagged] [--tag T] [--json]\n"
"       telex search QUERY [--json]                      full-text search of the cache\n"
"       telex --help | --version\n";

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
} commands[] = {
	{ "parse", cmd_parse, "parse one feed document, print JSON" },
};

int
main(int argc, char **argv)
{
	size_t i;
	int arg = 1;

	if (argc < 2) {
		fputs("telex: the reader is not built yet; "
		    "try 'telex parse FILE' or 'telex --help'\n", stderr);
		return 2;
	}
	if (strcmp(argv[arg], "--help") == 0 || strcmp(argv[arg], "-h") == 0) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (strcmp(argv[arg], "--version") == 0) {
		puts(PACKAGE_STRING);
		return 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[arg], commands[i].name) == 0)
			return commands[i].run(argc - arg - 1, argv + arg + 1);
	fprintf(stderr, "telex: '%s' is not available in this version; "
	    "see 'telex --help'\n", argv[arg]);
	return 2;
}
