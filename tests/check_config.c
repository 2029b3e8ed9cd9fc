/*
 * Unit tests for the settings parser: defaults, values, quoting, and a
 * "PATH:LINE: reason" for every bad line while the good ones apply.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "check_run.h"

static struct buf errors;

static void
collect(void *ctx, const char *msg)
{
	(void)ctx;
	buf_append_str(&errors, msg);
	buf_append_char(&errors, '\n');
}

static size_t
parse(struct config *c, const char *text)
{
	buf_reset(&errors);
	return config_parse(c, text, strlen(text), "cfg", collect, NULL);
}

START_TEST(defaults)
{
	struct config c;
	struct config_doc d;

	config_init(&c);
	ck_assert_int_eq(c.reload_interval, 0);
	ck_assert_int_eq(c.max_items, 0);
	ck_assert_int_eq(c.max_connections, 32);
	ck_assert_int_eq(c.max_connections_per_host, 8);
	ck_assert_int_eq(c.download_timeout, 60);
	ck_assert_ptr_null(c.user_agent);
	ck_assert_int_eq(config_doc(0, &d), 0);
	ck_assert_str_eq(d.name, "reload-interval");
	ck_assert_int_eq(config_doc(1000, &d), -1);
	config_release(&c);
}
END_TEST

START_TEST(values_and_quotes)
{
	struct config c;

	config_init(&c);
	ck_assert_uint_eq(parse(&c, "# a comment\n\nreload-interval 15\r\n"
	    "  max-items\t200   # trailing comment\n"
	    "user-agent \"my \\\"reader\\\" 1.0\"\n"), 0);
	ck_assert_int_eq(c.reload_interval, 15);
	ck_assert_int_eq(c.max_items, 200);
	ck_assert_str_eq(c.user_agent, "my \"reader\" 1.0");
	ck_assert_uint_eq(parse(&c, "user-agent \"\"\n"), 0);
	ck_assert_ptr_null(c.user_agent);
	config_release(&c);
}
END_TEST

START_TEST(bad_lines_named_rest_applies)
{
	struct config c;

	config_init(&c);
	ck_assert_uint_eq(parse(&c, "relaod-interval 5\n"
	    "max-connections 0\n"
	    "max-items lots\n"
	    "user-agent \"unterminated\n"
	    "max-connections-per-host 2\n"
	    "download-timeout 99999999999999999999\n"), 5);
	ck_assert_ptr_nonnull(strstr(errors.ptr,
	    "cfg:1: unknown setting 'relaod-interval'"));
	ck_assert_ptr_nonnull(strstr(errors.ptr, "cfg:2: 'max-connections' "
	    "wants a whole number from 1 to 1024, not '0'"));
	ck_assert_ptr_nonnull(strstr(errors.ptr, "cfg:3: "));
	ck_assert_ptr_nonnull(strstr(errors.ptr, "cfg:4: "));
	ck_assert_ptr_nonnull(strstr(errors.ptr, "cfg:6: "));
	/* the good line still applied; the bad ones left the defaults */
	ck_assert_int_eq(c.max_connections_per_host, 2);
	ck_assert_int_eq(c.max_connections, 32);
	ck_assert_int_eq(c.download_timeout, 60);
	ck_assert_ptr_null(c.user_agent);
	config_release(&c);
}
END_TEST

START_TEST(nul_byte)
{
	struct config c;

	config_init(&c);
	buf_reset(&errors);
	ck_assert_uint_eq(config_parse(&c, "max-items 3\0\nmax-items 4\n",
	    25, "cfg", collect, NULL), 1);
	ck_assert_ptr_nonnull(strstr(errors.ptr, "cfg:1: a NUL byte"));
	ck_assert_int_eq(c.max_items, 4);
	config_release(&c);
}
END_TEST

START_TEST(interface_settings)
{
	struct config c;

	config_init(&c);
	ck_assert_int_eq(c.open_marks_read, 1);
	ck_assert_int_eq(c.front_page_headlines, 4);
	ck_assert_ptr_null(c.browser);
	ck_assert_uint_eq(parse(&c, "browser \"firefox --new-tab %u\"\n"
	    "save-dir /tmp/saved\n"
	    "theme light\n"
	    "open-marks-read no\n"
	    "front-page-headlines 6\n"
	    "front-page-headlines 99\n"
	    "bind x quit\n"
	    "bind \"#\" open-link\n"
	    "unbind q\n"
	    "bind y\n"
	    "unbind\n"), 3);
	ck_assert_str_eq(c.browser, "firefox --new-tab %u");
	ck_assert_str_eq(c.save_dir, "/tmp/saved");
	ck_assert_str_eq(c.theme, "light");
	ck_assert_int_eq(c.open_marks_read, 0);
	ck_assert_int_eq(c.front_page_headlines, 6);
	ck_assert_ptr_nonnull(strstr(errors.ptr, "cfg:6: "));
	ck_assert_ptr_nonnull(strstr(errors.ptr,
	    "cfg:10: 'bind' wants a key and a command"));
	ck_assert_ptr_nonnull(strstr(errors.ptr, "cfg:11: 'unbind' wants"));
	/* bind lines are kept, in order, with their line numbers */
	ck_assert_uint_eq(c.nbinds, 3);
	ck_assert_str_eq(c.binds[0].key, "x");
	ck_assert_str_eq(c.binds[0].command, "quit");
	ck_assert_uint_eq(c.binds[0].line, 7);
	ck_assert_str_eq(c.binds[1].key, "#");
	ck_assert_str_eq(c.binds[1].command, "open-link");
	ck_assert_str_eq(c.binds[2].key, "q");
	ck_assert_ptr_null(c.binds[2].command);
	ck_assert_uint_eq(c.binds[2].line, 9);
	config_release(&c);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("core");
	int r;

	tcase_add_test(tc, defaults);
	tcase_add_test(tc, values_and_quotes);
	tcase_add_test(tc, bad_lines_named_rest_applies);
	tcase_add_test(tc, nul_byte);
	tcase_add_test(tc, interface_settings);
	suite_add_tcase(s, tc);
	r = check_run(s);
	buf_release(&errors);
	return r;
}
