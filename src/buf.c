/*
 * Growable byte buffer (see buf.h). Growth doubles capacity so that
 * appending n bytes one at a time costs O(n) in all.
 */
#include "buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"
#include "banned.h"

char buf_empty[1];

void
buf_init(struct buf *b)
{
	b->ptr = buf_empty;
	b->len = b->cap = 0;
}

void
buf_release(struct buf *b)
{
	if (b->cap != 0)
		free(b->ptr);
	buf_init(b);
}

void
buf_grow(struct buf *b, size_t extra)
{
	size_t want, cap;

	if (extra > SIZE_MAX - b->len - 1)
		xmalloc(SIZE_MAX); /* reports the overflow and exits */
	want = b->len + extra + 1;
	if (want <= b->cap)
		return;
	cap = b->cap < 64 ? 64 : b->cap;
	while (cap < want)
		cap = cap > SIZE_MAX / 2 ? want : cap * 2;
	if (b->cap == 0) {
		b->ptr = xmalloc(cap);
		b->ptr[0] = '\0';
	} else {
		b->ptr = xreallocarray(b->ptr, cap, 1);
	}
	b->cap = cap;
}

void
buf_append(struct buf *b, const char *p, size_t n)
{
	if (n == 0)
		return;
	buf_grow(b, n);
	memcpy(b->ptr + b->len, p, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void
buf_append_str(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_append_char(struct buf *b, char c)
{
	buf_grow(b, 1);
	b->ptr[b->len++] = c;
	b->ptr[b->len] = '\0';
}

void
buf_append_utf8(struct buf *b, unsigned long c)
{
	char s[4];
	size_t n;

	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		c = 0xFFFD;
	if (c < 0x80) {
		s[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		s[0] = (char)(0xC0 | (c >> 6));
		s[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		s[0] = (char)(0xE0 | (c >> 12));
		s[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		s[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		s[0] = (char)(0xF0 | (c >> 18));
		s[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		s[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	buf_append(b, s, n);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	char small[256];
	va_list copy;
	int n;

	/* Most messages fit on the stack: one formatting pass. */
	va_copy(copy, ap);
	n = vsnprintf(small, sizeof(small), fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		buf_append(b, small, (size_t)n);
		return;
	}
	buf_grow(b, (size_t)n);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_truncate(struct buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	b->ptr[len] = '\0';
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

void
buf_trim(struct buf *b)
{
	size_t start = 0, end = b->len;

	while (start < end && is_space(b->ptr[start]))
		start++;
	while (end > start && is_space(b->ptr[end - 1]))
		end--;
	if (start > 0 && end > start)
		memmove(b->ptr, b->ptr + start, end - start);
	buf_truncate(b, end - start);
}

char *
buf_detach(struct buf *b, size_t *len)
{
	char *p;

	if (len != NULL)
		*len = b->len;
	p = b->cap == 0 ? xstrdup("") : b->ptr;
	buf_init(b);
	return p;
}

static int
read_fd_file(struct buf *out, const char *path, int regular_only)
{
	struct stat st;
	ssize_t n;
	int fd, saved;

	/* O_NONBLOCK: a FIFO with no writer must not block the open. */
	fd = strcmp(path, "-") == 0 && !regular_only ? STDIN_FILENO :
	    open(path, O_RDONLY | O_CLOEXEC | (regular_only ? O_NONBLOCK : 0));
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && (S_ISDIR(st.st_mode) ||
	    (regular_only && !S_ISREG(st.st_mode)))) {
		if (fd != STDIN_FILENO)
			close(fd);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	if (regular_only && fcntl(fd, F_SETFL, 0) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	/* One allocation for regular files; doubling for pipes. */
	if (S_ISREG(st.st_mode) && st.st_size > 0)
		buf_grow(out, (size_t)st.st_size + 1);
	for (;;) {
		if (out->cap - out->len < 2)
			buf_grow(out, 65536);
		n = read(fd, out->ptr + out->len, out->cap - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		out->len += (size_t)n;
		out->ptr[out->len] = '\0';
	}
	saved = errno;
	if (fd != STDIN_FILENO)
		close(fd);
	errno = saved;
	return n < 0 ? -1 : 0;
}

int
buf_read_file(struct buf *out, const char *path)
{
	return read_fd_file(out, path, 0);
}

int
buf_read_regular(struct buf *out, const char *path)
{
	return read_fd_file(out, path, 1);
}

const char *
buf_read_strerror(int e)
{
	return e == EINVAL ? "not a regular file" : strerror(e);
}
