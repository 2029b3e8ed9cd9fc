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
 * Append s[0..len) with terminal control sequences (see below), C0 and
 * C1 controls, DEL, and the Unicode
 * controls that reorder or hide text (bidi overrides and isolates, line
 * and paragraph separators) removed; tabs and newlines become spaces,
 * runs of spaces one; invalid UTF-8 becomes U+FFFD. Leading and trailing
 * spaces are dropped. s may be NULL.
 */
void text_safe_append(struct buf *out, const char *s, size_t len);

/* 1 for a code point that must never reach a terminal (the list above). */
int text_safe_unsafe(unsigned long cp);

/*
 * The length of the terminal control sequence s[0..len) starts with
 * (ESC or C1 CSI, OSC, DCS: a CSI to its final byte, an OSC or other
 * control string to its BEL or ST, ESC and the byte after), or 0 when it
 * starts with none. Such sequences are dropped whole, so no "]0;title"
 * is left behind when the ESC goes.
 */
size_t text_safe_escape_len(const char *s, size_t len);

/*
 * s[0..len) without its escape sequences, into out (reset first), for a
 * parser that would turn an ESC into U+FFFD and keep the rest ("]0;x"):
 * 1 when there were some, 0 (out untouched) when s is clean.
 */
int text_safe_strip_escapes(const char *s, size_t len, struct buf *out);

/*
 * Print "telex: SUBJECT: MESSAGE" (or "telex: MESSAGE" when subject is
 * NULL) on stderr, both made safe: messages quote documents and servers.
 */
void text_safe_report(const char *subject, const char *msg);

#endif
