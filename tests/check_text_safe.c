/*
 * Unit tests for terminal-safe text: controls and whole escape sequences
 * removed (CSI, OSC with BEL or ST, DCS, two-byte escapes, C1 forms),
 * the text around them kept, invalid UTF-8 replaced, spaces collapsed.
 */
#include <check.h>
#include <string.h>

#include "buf.h"
#include "text_safe.h"
#include "check_run.h"

static const char *
safe(const char *s, size_t len)
{
	static struct buf b;

	buf_release(&b);
	buf_init(&b);
	text_safe_append(&b, s, len);
	return b.ptr;
}

#define SAFE(lit) safe(lit, sizeof(lit) - 1)

START_TEST(sequences_go_whole)
{
	ck_assert_str_eq(SAFE("a\x1b[31mred\x1b[0m b"), "ared b");
	ck_assert_str_eq(SAFE("x\x1b]0;PWNED\x07y"), "xy");
	ck_assert_str_eq(SAFE("x\x1b]52;c;cHduZWQ=\x1b\\y"), "xy");
	ck_assert_str_eq(SAFE("x\x1bP+q544e\x1b\\y"), "xy");
	ck_assert_str_eq(SAFE("x\x1b" "cy"), "xy");
	ck_assert_str_eq(SAFE("x\x1b(By"), "xy");
	ck_assert_str_eq(SAFE("x\x1b[2J\x1b[5;5Hy"), "xy");
	/* C1 forms, as UTF-8 */
	ck_assert_str_eq(SAFE("x\xc2\x9b" "2Jy"), "xy");
	ck_assert_str_eq(SAFE("x\xc2\x9d" "0;t\xc2\x9cy"), "xy");
	/* an unterminated string loses only its introducer */
	ck_assert_str_eq(SAFE("x\x1b]0;title"), "x0;title");
	/* a lone ESC at the end, a raw C1 byte */
	ck_assert_str_eq(SAFE("x\x1b"), "x");
	ck_assert_str_eq(SAFE("x\x9by"), "x\xef\xbf\xbdy");
	ck_assert_uint_eq(text_safe_escape_len("plain", 5), 0);
	ck_assert_uint_eq(text_safe_escape_len("\x1b[1;2m!", 7), 6);
}
END_TEST

START_TEST(controls_and_spaces)
{
	ck_assert_str_eq(SAFE("  a\tb\r\nc\x07\x7f d  "), "a b c d");
	ck_assert_str_eq(SAFE("bidi\xe2\x80\xaeoverride"), "bidioverride");
	ck_assert_str_eq(SAFE("line\xe2\x80\xa8sep"), "line sep");
	ck_assert_str_eq(SAFE("bad \xff byte"), "bad \xef\xbf\xbd byte");
	ck_assert_str_eq(SAFE("caf\xc3\xa9 \xe6\x97\xa5"), "caf\xc3\xa9 \xe6\x97\xa5");
	ck_assert_str_eq(safe("nul\0byte", 8), "nulbyte");
	ck_assert_int_eq(text_safe_unsafe(0x1b), 1);
	ck_assert_int_eq(text_safe_unsafe('a'), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("text_safe");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, sequences_go_whole);
	tcase_add_test(tc, controls_and_spaces);
	suite_add_tcase(s, tc);
	return check_run(s);
}
