/*
 * text_safe: feed text made safe for a terminal (DESIGN.md's first
 * security rule). Feed content is hostile: an escape sequence in a title
 * could retitle the terminal, move the cursor or, through OSC 52, write
 * the clipboard. Everything printed or drawn from a feed goes through
 * here first.
 */
#ifndef TELEX_TEXT_SAFE_H
#define TELEX_TEXT_SAFE_H

#include <stddef.h>

#include "buf.h"

/*
 * Append s[0..len) with C0 and C1 controls, DEL, and the Unicode
 * controls that reorder or hide text (bidi overrides and isolates, line
 * and paragraph separators) removed; tabs and newlines become spaces,
 * runs of spaces one; invalid UTF-8 becomes U+FFFD. Leading and trailing
 * spaces are dropped. s may be NULL.
 */
void text_safe_append(struct buf *out, const char *s, size_t len);

/*
 * Print "telex: SUBJECT: MESSAGE" (or "telex: MESSAGE" when subject is
 * NULL) on stderr, both made safe: messages quote documents and servers.
 */
void text_safe_report(const char *subject, const char *msg);

#endif
