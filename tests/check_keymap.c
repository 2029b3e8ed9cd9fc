/*
 * Unit tests for keys and bindings: key names both ways, bind and
 * unbind, the bind-line parser's errors with their line numbers.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "keymap.h"
#include "check_run.h"

static const char *const names[] = { "up", "down", "open", "quit" };

static int
find(void *ctx, const char *name)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

static struct buf errors;

static void
collect(void *ctx, const char *msg)
{
	(void)ctx;
	buf_append_str(&errors, msg);
	buf_append_char(&errors, '\n');
}

static int
parse_key(const char *s)
{
	return keymap_key_parse(s, strlen(s));
}

static const char *
name_of(int key)
{
	static struct buf b;

	buf_release(&b);
	buf_init(&b);
	keymap_key_name(key, &b);
	return b.ptr;
}

START_TEST(key_names)
{
	ck_assert_int_eq(parse_key("a"), 'a');
	ck_assert_int_eq(parse_key("#"), '#');
	ck_assert_int_eq(parse_key("é"), 0xe9);
	ck_assert_int_eq(parse_key("^A"), 1);
	ck_assert_int_eq(parse_key("^l"), 12);
	ck_assert_int_eq(parse_key("^?"), 127);
	ck_assert_int_eq(parse_key("ENTER"), KEYMAP_ENTER);
	ck_assert_int_eq(parse_key("enter"), KEYMAP_ENTER);
	ck_assert_int_eq(parse_key("PAGEDOWN"), KEYMAP_NPAGE);
	ck_assert_int_eq(parse_key("SPACE"), ' ');
	ck_assert_int_eq(parse_key("F1"), KEYMAP_F0 + 1);
	ck_assert_int_eq(parse_key("F12"), KEYMAP_F0 + 12);
	ck_assert_int_eq(parse_key("F13"), -1);
	ck_assert_int_eq(parse_key("F0"), -1);
	ck_assert_int_eq(parse_key("UPP"), -1);
	ck_assert_int_eq(parse_key("ab"), -1);
	ck_assert_int_eq(parse_key(" "), -1);
	ck_assert_int_eq(parse_key("\x1b"), -1);
	ck_assert_int_eq(parse_key("\xff"), -1);
	ck_assert_int_eq(keymap_key_parse("", 0), -1);
	/* printed names read back as the same key */
	ck_assert_str_eq(name_of(KEYMAP_NPAGE), "NPAGE");
	ck_assert_str_eq(name_of(12), "^L");
	ck_assert_str_eq(name_of(KEYMAP_F0 + 5), "F5");
	ck_assert_str_eq(name_of(0xe9), "é");
	ck_assert_str_eq(name_of(' '), "SPACE");
	ck_assert_int_eq(parse_key(name_of(KEYMAP_BTAB)), KEYMAP_BTAB);
	ck_assert_int_eq(parse_key(name_of(127)), 127);
	/* one column wide, but kept from the terminal: no key name, and
	 * never printed raw (fuzz_keymap: help printed U+2028) */
	ck_assert_int_eq(parse_key("\xe2\x80\xa8"), -1);
	ck_assert_int_eq(parse_key("\xe2\x80\xa9"), -1);
	ck_assert_int_eq(parse_key("\xe2\x81\xa5"), -1);
	ck_assert_str_eq(name_of(0x2028), "<8232>");
	ck_assert_str_eq(name_of(0x2029), "<8233>");
	ck_assert_int_eq(parse_key("\xc2\xa0"), 0xa0);
}
END_TEST

START_TEST(bind_unbind_lookup)
{
	struct keymap km;
	struct buf b = BUF_INIT;

	keymap_init(&km);
	keymap_bind(&km, 'j', 1);
	keymap_bind(&km, KEYMAP_DOWN, 1);
	keymap_bind(&km, 'k', 0);
	ck_assert_int_eq(keymap_lookup(&km, 'j'), 1);
	ck_assert_int_eq(keymap_lookup(&km, 'x'), -1);
	keymap_bind(&km, 'j', 2);	/* replaces, one command a key */
	ck_assert_int_eq(keymap_lookup(&km, 'j'), 2);
	ck_assert_uint_eq(keymap_keys_of(&km, 1, ", ", &b), 1);
	ck_assert_str_eq(b.ptr, "DOWN");
	ck_assert_int_eq(keymap_unbind(&km, KEYMAP_DOWN), 0);
	ck_assert_int_eq(keymap_unbind(&km, KEYMAP_DOWN), -1);
	ck_assert_int_eq(keymap_lookup(&km, KEYMAP_DOWN), -1);
	ck_assert_ptr_null(keymap_apply(&km, "x", "quit", find, NULL));
	ck_assert_int_eq(keymap_lookup(&km, 'x'), 3);
	ck_assert_str_eq(keymap_apply(&km, "xx", "quit", find, NULL),
	    "unknown key");
	ck_assert_str_eq(keymap_apply(&km, "y", "fly", find, NULL),
	    "unknown command");
	ck_assert_ptr_null(keymap_apply(&km, "x", "none", find, NULL));
	ck_assert_int_eq(keymap_lookup(&km, 'x'), -1);
	buf_release(&b);
	keymap_release(&km);
}
END_TEST

START_TEST(parse_lines)
{
	static const char text[] =
	    "# the defaults\n"
	    "bind j down\n"
	    "bind # open   # a comment after\n"
	    "\n"
	    "bind\n"
	    "bind q fly\n"
	    "bind QQ quit\n"
	    "unbind j\r\n"
	    "set x y\n"
	    "bind ENTER open\n";
	struct keymap km;

	keymap_init(&km);
	buf_reset(&errors);
	ck_assert_uint_eq(keymap_parse(&km, text, sizeof(text) - 1, "cfg",
	    find, NULL, collect), 4);
	ck_assert_int_eq(keymap_lookup(&km, '#'), 2);
	ck_assert_int_eq(keymap_lookup(&km, 'j'), -1);
	ck_assert_int_eq(keymap_lookup(&km, KEYMAP_ENTER), 2);
	ck_assert_ptr_nonnull(strstr(errors.ptr, "cfg:5: bind needs a key"));
	ck_assert_ptr_nonnull(strstr(errors.ptr,
	    "cfg:6: unknown command 'fly'"));
	ck_assert_ptr_nonnull(strstr(errors.ptr, "cfg:7: unknown key 'QQ'"));
	ck_assert_ptr_nonnull(strstr(errors.ptr, "cfg:9: not a bind line"));
	keymap_release(&km);
}
END_TEST

START_TEST(hostile_bytes)
{
	static const char text[] = "bind \x1b[31m quit\nbind \0 quit\n"
	    "bind aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa quit\n";
	struct keymap km;

	keymap_init(&km);
	buf_reset(&errors);
	ck_assert_uint_eq(keymap_parse(&km, text, sizeof(text) - 1, "cfg",
	    find, NULL, collect), 3);
	ck_assert_uint_eq(km.n, 0);
	keymap_release(&km);
}
END_TEST

/* Found by fuzz_keymap: CRLF lines, NULs in words, what a problem quotes. */
START_TEST(crlf_nul_and_quotes)
{
	static const char text[] = "bind j down \r\n\r\n\t\r\n"
	    "bind a\r quit\n"
	    "bind b\0x quit\n"
	    "bind c qu\0it\n"
	    "bind d none\0\n"
	    "bind \x1b]0;title\x07 quit\n"
	    "bind k up\r\n";
	struct keymap km;
	const char *p;

	keymap_init(&km);
	buf_reset(&errors);
	ck_assert_uint_eq(keymap_parse(&km, text, sizeof(text) - 1, "cfg",
	    find, NULL, collect), 5);
	/* a CR ends the line, not the word: no problem, no stray blank */
	ck_assert_int_eq(keymap_lookup(&km, 'j'), 1);
	ck_assert_int_eq(keymap_lookup(&km, 'k'), 0);
	ck_assert_ptr_null(strstr(errors.ptr, "cfg:1:"));
	ck_assert_ptr_null(strstr(errors.ptr, "cfg:2:"));
	ck_assert_ptr_null(strstr(errors.ptr, "cfg:3:"));
	/* no word is cut at a CR or a NUL */
	ck_assert_int_eq(keymap_lookup(&km, 'a'), -1);
	ck_assert_int_eq(keymap_lookup(&km, 'b'), -1);
	ck_assert_int_eq(keymap_lookup(&km, 'c'), -1);
	ck_assert_ptr_nonnull(strstr(errors.ptr, "cfg:4: unknown key 'a'"));
	ck_assert_ptr_nonnull(strstr(errors.ptr, "cfg:5: unknown key 'bx'"));
	ck_assert_ptr_nonnull(strstr(errors.ptr,
	    "cfg:6: unknown command 'quit'"));
	ck_assert_ptr_nonnull(strstr(errors.ptr,
	    "cfg:7: unknown command 'none'"));
	/* the quoted word holds no control: the sequence is dropped */
	ck_assert_ptr_nonnull(strstr(errors.ptr, "cfg:8: unknown key ''"));
	for (p = errors.ptr; *p != '\0'; p++)
		ck_assert(*p == '\n' || ((unsigned char)*p >= 0x20 &&
		    *p != 0x7f));
	keymap_release(&km);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("keymap");
	TCase *tc = tcase_create("core");
	int r;

	tcase_add_test(tc, key_names);
	tcase_add_test(tc, bind_unbind_lookup);
	tcase_add_test(tc, parse_lines);
	tcase_add_test(tc, hostile_bytes);
	tcase_add_test(tc, crlf_nul_and_quotes);
	suite_add_tcase(s, tc);
	r = check_run(s);
	buf_release(&errors);
	return r;
}
