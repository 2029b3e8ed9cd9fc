/*
 * Unit tests for html_entity: common names, the HTML5 choices that
 * differ from HTML 4 (lang, rang), two-character references, and names
 * that must not match: unknown, wrong case, prefixes, NULs, huge.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "html_entity.h"
/* The generated table itself, to check every row and the order. */
#include "../src/html_entity_table.h"
#include "check_run.h"

static const char *
lookup(const char *name)
{
	return html_entity_lookup(name, strlen(name));
}

struct entity_case {
	const char *name;
	const char *utf8;
};

static const struct entity_case known[] = {
	{ "nbsp", "\xc2\xa0" },
	{ "eacute", "\xc3\xa9" },
	{ "Eacute", "\xc3\x89" },
	{ "amp", "&" },
	{ "AMP", "&" },
	{ "lt", "<" },
	{ "gt", ">" },
	{ "quot", "\"" },
	{ "apos", "'" },
	{ "copy", "\xc2\xa9" },
	{ "mdash", "\xe2\x80\x94" },
	{ "rsquo", "\xe2\x80\x99" },
	{ "hellip", "\xe2\x80\xa6" },
	{ "euro", "\xe2\x82\xac" },
	/* HTML5 moved these from U+2329/U+232A. */
	{ "lang", "\xe2\x9f\xa8" },
	{ "rang", "\xe2\x9f\xa9" },
	/* Outside the BMP, and two characters long. */
	{ "Afr", "\xf0\x9d\x94\x84" },
	{ "fjlig", "fj" },
	{ "nvlt", "<\xe2\x83\x92" },
	/* First and last in the table, and the longest name. */
	{ "AElig", "\xc3\x86" },
	{ "zwnj", "\xe2\x80\x8c" },
	{ "CounterClockwiseContourIntegral", "\xe2\x88\xb3" },
};

START_TEST(test_known)
{
	const struct entity_case *c = &known[_i];
	const char *got = lookup(c->name);

	ck_assert_msg(got != NULL, "'%s' not found", c->name);
	ck_assert_msg(strcmp(got, c->utf8) == 0, "'%s' gave '%s'", c->name,
	    got);
}
END_TEST

START_TEST(test_unknown)
{
	static const char *const names[] = {
		"", "nosuchentity", "EACUTE", "eAcute", "Nbsp", "am", "ampx",
		"nbsp;", "&nbsp", " nbsp", "zzzz", "A", "~", "\xc3\xa9",
		"CounterClockwiseContourIntegralX",
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		ck_assert_msg(lookup(names[i]) == NULL, "'%s' found", names[i]);
}
END_TEST

START_TEST(test_length_counts)
{
	char *big;

	/* Only len bytes are the name; no NUL needed after them. */
	ck_assert_str_eq(html_entity_lookup("eacutes", 6), "\xc3\xa9");
	ck_assert_str_eq(html_entity_lookup("ampersand", 3), "&");
	ck_assert_ptr_null(html_entity_lookup("nbsp", 0));
	ck_assert_ptr_null(html_entity_lookup("nbsp", 3));
	/* A NUL inside the name never matches. */
	ck_assert_ptr_null(html_entity_lookup("nb\0sp", 5));
	ck_assert_ptr_null(html_entity_lookup("nbsp\0", 5));
	ck_assert_ptr_null(html_entity_lookup("\0", 1));

	/* A kilobyte of name, exactly allocated so ASan sees any overread. */
	big = malloc(1024);
	ck_assert_ptr_nonnull(big);
	memset(big, 'a', 1024);
	memcpy(big, "nbsp", 4);
	ck_assert_ptr_null(html_entity_lookup(big, 1024));
	ck_assert_str_eq(html_entity_lookup(big, 4), "\xc2\xa0");
	free(big);
}
END_TEST

START_TEST(test_every_row)
{
	const struct html_entity_row *r;
	const char *got;
	size_t i;

	ck_assert_uint_eq(HTML_ENTITY_COUNT, 2125);
	for (i = 0; i < HTML_ENTITY_COUNT; i++) {
		r = &html_entity_table[i];
		if (i > 0)
			ck_assert_msg(strcmp(html_entity_table[i - 1].name,
			    r->name) < 0, "'%s' out of order", r->name);
		got = html_entity_lookup(r->name, strlen(r->name));
		ck_assert_msg(got != NULL && strcmp(got, r->utf8) == 0,
		    "'%s' not found", r->name);
	}
}
END_TEST

static Suite *
html_entity_suite(void)
{
	Suite *s = suite_create("html_entity");
	TCase *tc = tcase_create("lookup");

	tcase_add_loop_test(tc, test_known, 0,
	    (int)(sizeof known / sizeof known[0]));
	tcase_add_test(tc, test_unknown);
	tcase_add_test(tc, test_length_counts);
	tcase_add_test(tc, test_every_row);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(html_entity_suite());
}
