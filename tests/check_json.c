/*
 * Unit tests for JSON output: any bytes make a valid JSON string, and
 * the feed document has every key of DESIGN.md's schema.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "feed.h"
#include "json.h"
#include "check_run.h"

static const char *
quote(const char *s, size_t len)
{
	static struct buf b = BUF_INIT;

	buf_reset(&b);
	json_append_string(&b, s, len);
	return b.ptr;
}

START_TEST(escapes_and_controls)
{
	ck_assert_str_eq(quote("a\"b\\c", 5), "\"a\\\"b\\\\c\"");
	ck_assert_str_eq(quote("\n\t\r", 3), "\"\\n\\t\\r\"");
	ck_assert_str_eq(quote("\x1b[2J\x07\x7f", 6),
	    "\"\\u001b[2J\\u0007\\u007f\"");
	ck_assert_str_eq(quote("a\0b", 3), "\"a\\u0000b\"");
	ck_assert_str_eq(quote(NULL, 0), "null");
}
END_TEST

START_TEST(invalid_utf8_replaced)
{
	/* valid multibyte kept; stray, overlong, surrogate, cut replaced */
	ck_assert_str_eq(quote("\xc3\xa9\xe2\x82\xac", 5),
	    "\"\xc3\xa9\xe2\x82\xac\"");
	ck_assert_str_eq(quote("\xff", 1), "\"\xef\xbf\xbd\"");
	ck_assert_str_eq(quote("\xc0\xaf", 2),
	    "\"\xef\xbf\xbd\xef\xbf\xbd\"");
	ck_assert_str_eq(quote("\xed\xa0\x80", 3),
	    "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
	ck_assert_str_eq(quote("a\xe2\x82", 3),
	    "\"a\xef\xbf\xbd\xef\xbf\xbd\"");
}
END_TEST

START_TEST(feed_document_has_every_key)
{
	struct feed f;
	struct feed_item *it;
	struct buf b = BUF_INIT;
	static const char *const keys[] = { "\"feed\": {", "\"format\": null",
		"\"title\": \"T\"", "\"link\": null", "\"description\": null",
		"\"language\": null", "\"updated\": \"1970-01-02T00:00:00Z\"",
		"\"items\": [", "\"id\": null", "\"author\": null",
		"\"published\": null", "\"summary\": null", "\"content\": null",
		"\"categories\": [\"c\"]",
		"\"enclosures\": [{\"url\": \"u\", \"type\": null, "
		"\"length\": null}]", "\"errors\": [\"e 1\"]" };
	size_t i;

	feed_init(&f);
	f.title = feed_strdup(&f, "T");
	f.updated.t = 86400;
	f.updated.known = 1;
	it = feed_add_item(&f);
	feed_item_add_category(&f, it, feed_strdup(&f, "c"));
	feed_item_add_enclosure(&f, it, feed_strdup(&f, "u"), NULL, -1);
	feed_add_error(&f, "e %d", 1);
	feed_to_json(&f, &b);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		ck_assert_msg(strstr(b.ptr, keys[i]) != NULL, "missing %s in %s",
		    keys[i], b.ptr);
	feed_release(&f);
	buf_release(&b);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, escapes_and_controls);
	tcase_add_test(tc, invalid_utf8_replaced);
	tcase_add_test(tc, feed_document_has_every_key);
	suite_add_tcase(s, tc);
	return check_run(s);
}
