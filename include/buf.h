/*
 * buf: the one growable byte buffer.
 *
 * Invariants: after buf_init() ptr is never NULL and is always
 * NUL-terminated at ptr[len]; len < cap once anything was appended.
 * An initialised, empty buf points at a shared static "" and owns no
 * memory, so an unused buf costs nothing and buf_release() is always safe.
 */
#ifndef TELEX_BUF_H
#define TELEX_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *ptr;
	size_t len, cap;
};

#define BUF_INIT { buf_empty, 0, 0 }
extern char buf_empty[];

void buf_init(struct buf *b);
/* Free what b owns and leave it initialised and empty. */
void buf_release(struct buf *b);
/* Make room for at least extra more bytes (plus the NUL). */
void buf_grow(struct buf *b, size_t extra);
void buf_append(struct buf *b, const char *p, size_t n);
void buf_append_str(struct buf *b, const char *s);
void buf_append_char(struct buf *b, char c);
/* Append c as UTF-8; code points that are not scalar values become U+FFFD. */
void buf_append_utf8(struct buf *b, unsigned long c);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Cut to len bytes (len <= b->len). */
void buf_truncate(struct buf *b, size_t len);
static inline void buf_reset(struct buf *b) { buf_truncate(b, 0); }
/* Remove leading and trailing ASCII whitespace. */
void buf_trim(struct buf *b);
/*
 * Append all of the file at path ("-" is standard input). Returns 0, or
 * -1 with errno set (what was read stays appended).
 */
int buf_read_file(struct buf *b, const char *path);
/*
 * The same for a settings file (config, feeds, theme): only a regular
 * file, so that a FIFO or a device named by mistake fails at once
 * (errno EINVAL) instead of blocking or never ending. "-" is a file.
 */
int buf_read_regular(struct buf *b, const char *path);
/* strerror(e) for the reading functions: EINVAL is "not a regular file". */
const char *buf_read_strerror(int e);
/* Hand the bytes to the caller (who frees them) and re-init b. */
char *buf_detach(struct buf *b, size_t *len);

#endif
