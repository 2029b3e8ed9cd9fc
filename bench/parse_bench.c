/*
 * parse_bench: telex's feed parser against a bare expat pass, same input,
 * same process, interleaved runs.
 *
 *   parse_bench [-n RUNS] FILE...
 *
 * For each file: the bytes are read once; then RUNS times each, a bare
 * expat parse of the whole buffer whose callbacks only count (the ceiling
 * for any expat-based parser, as ../shared/bench/expat_baseline.c) and
 * telex's parser fed 16 KiB pieces, building every item in memory as the
 * poller will (no JSON). The best run of each is reported in MB/s
 * with the ratio. Peak memory is measured in a fresh process per parser
 * (`parse_bench --one expat|file|push FILE`, ru_maxrss), as a multiple
 * of the input size.
 */
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "feed.h"
#include "feed_file.h"
#include "feed_parse.h"

struct counts {
	unsigned long elements, attributes;
	unsigned long long chars;
};

static void XMLCALL
count_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct counts *c = ud;

	(void)name;
	c->elements++;
	for (; atts[0] != NULL; atts += 2)
		c->attributes++;
}

static void XMLCALL
count_end(void *ud, const XML_Char *name)
{
	(void)ud;
	(void)name;
}

static void XMLCALL
count_chars(void *ud, const XML_Char *s, int len)
{
	struct counts *c = ud;

	(void)s;
	c->chars += (unsigned long long)len;
}

static unsigned long
expat_pass(const char *data, size_t len)
{
	struct counts c = { 0, 0, 0 };
	XML_Parser x = XML_ParserCreate(NULL);

	if (x == NULL)
		exit(1);
	XML_SetUserData(x, &c);
	XML_SetElementHandler(x, count_start, count_end);
	XML_SetCharacterDataHandler(x, count_chars);
	if (XML_Parse(x, data, (int)len, 1) == XML_STATUS_ERROR)
		fprintf(stderr, "expat: %s\n",
		    XML_ErrorString(XML_GetErrorCode(x)));
	XML_ParserFree(x);
	return c.elements;
}

/* As the poller will: 16 KiB pieces pushed, the parser keeping a copy. */
static size_t
telex_pass(const char *data, size_t len)
{
	struct feed f;
	struct feed_parser *p;
	size_t off, n, items;

	feed_init(&f);
	p = feed_parser_new(&f, NULL);
	for (off = 0; off < len; off += n) {
		n = len - off < 16384 ? len - off : 16384;
		feed_parser_push(p, data + off, n);
	}
	feed_parser_finish(p);
	feed_parser_free(p);
	items = f.nitems;
	feed_release(&f);
	return items;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * The poller's way: 16 KiB pieces as they would arrive from the network,
 * pushed to a parser that keeps a copy for recovery.
 */
static int
telex_push_file(const char *path)
{
	struct feed f;
	struct feed_parser *p;
	char piece[16384];
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (fp == NULL)
		return -1;
	feed_init(&f);
	p = feed_parser_new(&f, NULL);
	while ((n = fread(piece, 1, sizeof(piece), fp)) > 0)
		feed_parser_push(p, piece, n);
	fclose(fp);
	feed_parser_finish(p);
	feed_parser_free(p);
	feed_release(&f);
	return 0;
}

/*
 * `parse_bench --one MODE FILE`: one pass, then print peak KiB.
 * expat: the file read whole, one bare expat pass (as expat_baseline);
 * file: `telex parse`'s way, the file streamed to the parser;
 * push: the poller's way, 16 KiB pieces read and pushed as they come.
 */
static int
one_pass(const char *mode, const char *path)
{
	struct rusage ru;
	struct buf in = BUF_INIT;
	struct feed f;

	if (strcmp(mode, "file") == 0) {
		feed_init(&f);
		if (feed_parse_file(path, NULL, &f) < 0) {
			perror(path);
			return 2;
		}
		feed_release(&f);
	} else if (strcmp(mode, "push") == 0) {
		if (telex_push_file(path) != 0) {
			perror(path);
			return 2;
		}
	} else {
		if (buf_read_file(&in, path) != 0) {
			perror(path);
			return 2;
		}
		expat_pass(in.ptr, in.len);
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("%ld\n", ru.ru_maxrss);
	buf_release(&in);
	return 0;
}

/* Peak RSS in KiB of a fresh process that reads path and runs one pass. */
static long
peak_kib(const char *self, const char *path, const char *which)
{
	char cmd[4096];
	FILE *fp;
	long kib = -1;

	if (snprintf(cmd, sizeof(cmd), "'%s' --one %s '%s'", self, which,
	    path) >= (int)sizeof(cmd))
		return -1;
	fp = popen(cmd, "r");
	if (fp == NULL)
		return -1;
	if (fscanf(fp, "%ld", &kib) != 1)
		kib = -1;
	pclose(fp);
	return kib;
}

int
main(int argc, char **argv)
{
	int runs = 5, i, r;
	struct buf in;
	double t, best_expat, best_telex, mb;
	size_t items = 0;
	long expat_kib, file_kib, push_kib;
	double in_kib;
	const char *self = argv[0];

	if (argc == 4 && strcmp(argv[1], "--one") == 0)
		return one_pass(argv[2], argv[3]);
	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		runs = atoi(argv[2]);
		argv += 2;
		argc -= 2;
	}
	if (argc < 2 || runs < 1) {
		fprintf(stderr, "usage: parse_bench [-n RUNS] FILE...\n");
		return 2;
	}
	printf("| file | MiB | items | bare expat MB/s | telex MB/s "
	    "| telex/expat | peak RSS / input: bare expat | telex parse FILE "
	    "| telex pushed 16 KiB pieces |\n"
	    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
	for (i = 1; i < argc; i++) {
		buf_init(&in);
		if (buf_read_file(&in, argv[i]) != 0) {
			perror(argv[i]);
			return 2;
		}
		mb = (double)in.len / 1e6;
		best_expat = best_telex = 1e30;
		for (r = 0; r < runs; r++) {
			t = now();
			expat_pass(in.ptr, in.len);
			t = now() - t;
			if (t < best_expat)
				best_expat = t;
			t = now();
			items = telex_pass(in.ptr, in.len);
			t = now() - t;
			if (t < best_telex)
				best_telex = t;
		}
		in_kib = (double)in.len / 1024;
		expat_kib = peak_kib(self, argv[i], "expat");
		file_kib = peak_kib(self, argv[i], "file");
		push_kib = peak_kib(self, argv[i], "push");
		printf("| %s | %.1f | %zu | %.0f | %.0f | %.2f | %.2f | %.2f "
		    "| %.2f |\n",
		    strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i],
		    in_kib / 1024, items, mb / best_expat, mb / best_telex,
		    best_expat / best_telex, expat_kib / in_kib,
		    file_kib / in_kib, push_kib / in_kib);
		buf_release(&in);
	}
	return 0;
}
