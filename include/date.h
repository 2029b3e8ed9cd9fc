/*
 * date: feed dates to and from seconds since the epoch, UTC.
 *
 * date_parse() reads the forms feeds write: RFC 822/1123/2822 and the usual
 * damage done to them (missing or misspelt day names, full month names,
 * two- and three-digit years, US and other named zones, asctime and
 * JavaScript Date.toString output), ISO 8601 / RFC 3339 / W3C-DTF
 * (reduced precision, basic and extended forms, ordinal and week dates,
 * the old two-digit-year forms), and a few locale formats seen in the wild
 * (Korean, Greek, Hungarian). Input is (ptr, len), need not be
 * NUL-terminated and may be hostile; nothing is allocated and the result
 * does not depend on TZ or the locale.
 *
 * Rules worth knowing: a date without a zone is UTC; a date without a time
 * is its first instant; two-digit years follow RFC 2822 (00-49 are 20xx,
 * 50-99 are 19xx). In ISO dates a two-digit hour and seconds up to 61 roll
 * over into the next minute, hour or day, as feedparser does (the
 * conformance corpus expects "2003-12-31T25:14:55Z" to be
 * 2004-01-01T01:14:55Z); RFC 822 times must be in range. A month or day
 * out of range, an unknown zone name or anything left over is an error.
 */
#ifndef TELEX_DATE_H
#define TELEX_DATE_H

#include <stddef.h>
#include <stdint.h>

#define DATE_ISO_SIZE 21

/*
 * Parse a date as feeds write it into seconds since the epoch, UTC.
 * Returns 0 and sets *out, or -1 when s is not a date we can read with
 * confidence (never a guess); *out is untouched on failure.
 */
int	date_parse(const char *s, size_t len, int64_t *out);

/*
 * Write t as "YYYY-MM-DDTHH:MM:SSZ" (20 chars + NUL). Returns 0, or -1
 * when the year is outside 0..9999 (out then holds "").
 */
int	date_format_iso(int64_t t, char out[DATE_ISO_SIZE]);

#endif
