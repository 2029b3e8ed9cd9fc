/*
 * html_bench: throughput of the article engine, in process.
 *
 *   html_bench [-n RUNS] FILE...
 *
 * Reads every page once, then RUNS times renders each (telex render at
 * width 72) and extracts each (telex extract's work without printing),
 * and reports the best run of each in pages per second and MB/s.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "extract.h"
#include "render.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct buf *pages;
	struct render_doc doc;
	struct extract_result x;
	double t, best_render = 1e30, best_extract = 1e30, mb = 0;
	int runs = 5, i, r, n;

	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		runs = atoi(argv[2]);
		argv += 2;
		argc -= 2;
	}
	n = argc - 1;
	if (n < 1 || runs < 1) {
		fprintf(stderr, "usage: html_bench [-n RUNS] FILE...\n");
		return 2;
	}
	pages = calloc((size_t)n, sizeof(*pages));
	if (pages == NULL)
		return 2;
	for (i = 0; i < n; i++) {
		buf_init(&pages[i]);
		if (buf_read_file(&pages[i], argv[i + 1]) != 0) {
			perror(argv[i + 1]);
			return 2;
		}
		mb += (double)pages[i].len / 1e6;
	}
	for (r = 0; r < runs; r++) {
		t = now();
		for (i = 0; i < n; i++) {
			render_html(pages[i].ptr, pages[i].len, NULL, 72, &doc);
			render_doc_release(&doc);
		}
		t = now() - t;
		if (t < best_render)
			best_render = t;
		t = now();
		for (i = 0; i < n; i++) {
			extract_article(pages[i].ptr, pages[i].len, NULL, &x);
			extract_result_release(&x);
		}
		t = now() - t;
		if (t < best_extract)
			best_extract = t;
	}
	printf("| step | pages | MB | pages/s | MB/s |\n"
	    "| --- | ---: | ---: | ---: | ---: |\n");
	printf("| render (width 72) | %d | %.1f | %.0f | %.1f |\n", n, mb,
	    n / best_render, mb / best_render);
	printf("| extract | %d | %.1f | %.0f | %.1f |\n", n, mb,
	    n / best_extract, mb / best_extract);
	for (i = 0; i < n; i++)
		buf_release(&pages[i]);
	free(pages);
	return 0;
}
