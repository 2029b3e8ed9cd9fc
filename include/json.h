/*
 * json: writing JSON text into a struct buf.
 *
 * Strings from feeds are hostile: json_append_string() always produces a
 * valid JSON string, whatever the bytes: control characters are escaped
 * and invalid UTF-8 becomes U+FFFD, so every consumer can trust the output.
 */
#ifndef TELEX_JSON_H
#define TELEX_JSON_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "feed.h"

/* s[0..len) as a quoted JSON string; s NULL writes null. */
void json_append_string(struct buf *b, const char *s, size_t len);
/* A NUL-terminated string, or null. */
void json_append_cstr(struct buf *b, const char *s);

/* The `telex parse` document of DESIGN.md for f. */
void feed_to_json(const struct feed *f, struct buf *b);
/* The same, streamed to fp an item at a time; -1 on a write error. */
int feed_write_json(const struct feed *f, FILE *fp);

#endif
