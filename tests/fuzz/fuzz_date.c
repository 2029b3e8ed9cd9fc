/*
 * libFuzzer target for date.c: any bytes go to date_parse() exactly as
 * given (no NUL terminator, so ASan catches a read past len), and what
 * it accepts goes through date_format_iso(), whose output must then be
 * well formed and read back as the same instant.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[DATE_ISO_SIZE];
	int64_t t, back;

	if (date_parse((const char *)data, size, &t) == -1)
		return 0;
	if (date_format_iso(t, out) == -1) {
		if (out[0] != '\0')
			abort();
		return 0;
	}
	if (strlen(out) != DATE_ISO_SIZE - 1 || out[10] != 'T' ||
	    out[19] != 'Z')
		abort();
	if (date_parse(out, strlen(out), &back) == -1 || back != t)
		abort();
	return 0;
}
