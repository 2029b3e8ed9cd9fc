/*
 * libFuzzer target: the config parser, on any bytes; every reported
 * problem must name the file and a line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
on_error(void *ctx, const char *msg)
{
	(void)ctx;
	if (strncmp(msg, "fuzz:", 5) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;

	config_init(&c);
	config_parse(&c, (const char *)data, size, "fuzz", on_error, NULL);
	if (c.max_connections < 1 || c.max_connections_per_host < 1)
		abort();
	config_release(&c);
	return 0;
}
