/*
 * parse_bench: telex's feed parser against a bare expat pass, same input,
 * same process, interleaved runs.
 *
 *   parse_bench [-n RUNS] FILE...
 *
 * For each file: the bytes are read once; then RUNS times each, a bare
 * expat parse whose callbacks only count (the ceiling for any expat-based
 * parser) and telex's feed_parse_buffer() building every item in memory
 * as the poller will (no JSON). The best run of each is reported in MB/s
 * with the ratio. Peak memory is measured in a fresh process per parser
 * (`parse_bench --one telex|expat FILE`, ru_maxrss), with and without
 * the input buffer.
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

static size_t
telex_pass(const char *data, size_t len)
{
	struct feed f;
	size_t n;

	feed_init(&f);
	feed_parse_buffer(data, len, NULL, &f);
	n = f.nitems;
	feed_release(&f);
	return n;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* `parse_bench --one telex|expat FILE`: one pass, then print peak KiB. */
static int
one_pass(const char *which, const char *path)
{
	struct rusage ru;
	struct buf in = BUF_INIT;

	if (buf_read_file(&in, path) != 0) {
		perror(path);
		return 2;
	}
	if (strcmp(which, "telex") == 0)
		telex_pass(in.ptr, in.len);
	else
		expat_pass(in.ptr, in.len);
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
	long base_kib, expat_kib, telex_kib;
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
	printf("| file | MB | items | bare expat MB/s | telex MB/s | telex/expat "
	    "| peak RSS expat | peak RSS telex | telex peak / input |\n"
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
		/* What reading the input alone costs, to report the rest. */
		base_kib = (long)(in.len / 1024);
		expat_kib = peak_kib(self, argv[i], "expat");
		telex_kib = peak_kib(self, argv[i], "telex");
		printf("| %s | %.1f | %zu | %.0f | %.0f | %.2f | %.1f MB | %.1f MB "
		    "| %.2f (%.2f without the input buffer) |\n",
		    strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i],
		    mb, items, mb / best_expat, mb / best_telex,
		    best_expat / best_telex, expat_kib / 1024.0,
		    telex_kib / 1024.0, telex_kib / (double)base_kib,
		    (telex_kib - base_kib) / (double)base_kib);
		buf_release(&in);
	}
	return 0;
}
