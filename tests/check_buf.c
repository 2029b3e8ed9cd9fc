/*
 * Unit tests for struct buf: the invariants of buf.h hold after every
 * operation (ptr never NULL, NUL-terminated, len < cap once used).
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "check_run.h"

static void
assert_invariants(const struct buf *b)
{
	ck_assert_ptr_nonnull(b->ptr);
	ck_assert_int_eq(b->ptr[b->len], '\0');
	if (b->cap != 0)
		ck_assert_uint_lt(b->len, b->cap);
	else
		ck_assert_uint_eq(b->len, 0);
}

START_TEST(empty_buffer_owns_nothing)
{
	struct buf b;

	buf_init(&b);
	assert_invariants(&b);
	ck_assert_str_eq(b.ptr, "");
	buf_trim(&b);
	buf_truncate(&b, 0);
	assert_invariants(&b);
	buf_release(&b);
	assert_invariants(&b);
}
END_TEST

START_TEST(append_grows_and_keeps_bytes)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < 10000; i++) {
		buf_append_char(&b, (char)('a' + i % 26));
		assert_invariants(&b);
	}
	ck_assert_uint_eq(b.len, 10000);
	ck_assert_int_eq(b.ptr[9999], 'a' + 9999 % 26);
	buf_append(&b, "x\0y", 3);
	ck_assert_uint_eq(b.len, 10003);
	ck_assert_int_eq(b.ptr[10001], '\0');
	assert_invariants(&b);
	buf_release(&b);
}
END_TEST

START_TEST(printf_and_utf8)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s-%d", "n", 42);
	ck_assert_str_eq(b.ptr, "n-42");
	buf_reset(&b);
	buf_append_utf8(&b, 0x41);
	buf_append_utf8(&b, 0xE9);
	buf_append_utf8(&b, 0x20AC);
	buf_append_utf8(&b, 0x1F600);
	buf_append_utf8(&b, 0xD800);	/* a surrogate is not a scalar */
	buf_append_utf8(&b, 0x110000);
	ck_assert_str_eq(b.ptr, "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"
	    "\xef\xbf\xbd\xef\xbf\xbd");
	assert_invariants(&b);
	buf_release(&b);
}
END_TEST

START_TEST(trim_and_detach)
{
	struct buf b = BUF_INIT;
	char *s;
	size_t len;

	buf_append_str(&b, " \t\n  middle text \r\n");
	buf_trim(&b);
	ck_assert_str_eq(b.ptr, "middle text");
	assert_invariants(&b);
	buf_reset(&b);
	buf_append_str(&b, "   ");
	buf_trim(&b);
	ck_assert_str_eq(b.ptr, "");
	assert_invariants(&b);
	buf_append_str(&b, "kept");
	s = buf_detach(&b, &len);
	ck_assert_str_eq(s, "kept");
	ck_assert_uint_eq(len, 4);
	assert_invariants(&b);
	ck_assert_uint_eq(b.len, 0);
	free(s);
	s = buf_detach(&b, NULL);	/* an empty buf still gives a string */
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

/* Issue 6: a settings file that is a FIFO or a directory fails at once. */
START_TEST(read_regular_only)
{
	char dir[] = "/tmp/telex-check-buf-XXXXXX", path[300];
	struct buf b = BUF_INIT;
	FILE *fp;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/fifo", dir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_int_eq(buf_read_regular(&b, path), -1);	/* no block */
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_str_eq(buf_read_strerror(EINVAL), "not a regular file");
	unlink(path);
	ck_assert_int_eq(buf_read_regular(&b, dir), -1);
	ck_assert_int_eq(errno, EISDIR);
	snprintf(path, sizeof(path), "%s/file", dir);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("max-items 3\n", fp);
	fclose(fp);
	ck_assert_int_eq(buf_read_regular(&b, path), 0);
	ck_assert_str_eq(b.ptr, "max-items 3\n");
	unlink(path);
	rmdir(dir);
	buf_release(&b);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("buf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, empty_buffer_owns_nothing);
	tcase_add_test(tc, append_grows_and_keeps_bytes);
	tcase_add_test(tc, printf_and_utf8);
	tcase_add_test(tc, trim_and_detach);
	tcase_add_test(tc, read_regular_only);
	suite_add_tcase(s, tc);
	return check_run(s);
}
