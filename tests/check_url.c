/*
 * Unit tests for url.c: every example of RFC 3986 section 5.4, the cases
 * telex adds (opaque and relative bases, whitespace, xml:base chains) and
 * hostile sizes that must stay linear.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "url.h"
#include "check_run.h"

struct rcase {
	const char *base, *ref, *want;
};

#define RFC_BASE "http://a/b/c/d;p?q"

static const struct rcase rfc[] = {
	/* 5.4.1 normal examples */
	{ RFC_BASE, "g:h", "g:h" },
	{ RFC_BASE, "g", "http://a/b/c/g" },
	{ RFC_BASE, "./g", "http://a/b/c/g" },
	{ RFC_BASE, "g/", "http://a/b/c/g/" },
	{ RFC_BASE, "/g", "http://a/g" },
	{ RFC_BASE, "//g", "http://g" },
	{ RFC_BASE, "?y", "http://a/b/c/d;p?y" },
	{ RFC_BASE, "g?y", "http://a/b/c/g?y" },
	{ RFC_BASE, "#s", "http://a/b/c/d;p?q#s" },
	{ RFC_BASE, "g#s", "http://a/b/c/g#s" },
	{ RFC_BASE, "g?y#s", "http://a/b/c/g?y#s" },
	{ RFC_BASE, ";x", "http://a/b/c/;x" },
	{ RFC_BASE, "g;x", "http://a/b/c/g;x" },
	{ RFC_BASE, "g;x?y#s", "http://a/b/c/g;x?y#s" },
	{ RFC_BASE, "", "http://a/b/c/d;p?q" },
	{ RFC_BASE, ".", "http://a/b/c/" },
	{ RFC_BASE, "./", "http://a/b/c/" },
	{ RFC_BASE, "..", "http://a/b/" },
	{ RFC_BASE, "../", "http://a/b/" },
	{ RFC_BASE, "../g", "http://a/b/g" },
	{ RFC_BASE, "../..", "http://a/" },
	{ RFC_BASE, "../../", "http://a/" },
	{ RFC_BASE, "../../g", "http://a/g" },
	/* 5.4.2 abnormal examples */
	{ RFC_BASE, "../../../g", "http://a/g" },
	{ RFC_BASE, "../../../../g", "http://a/g" },
	{ RFC_BASE, "/./g", "http://a/g" },
	{ RFC_BASE, "/../g", "http://a/g" },
	{ RFC_BASE, "g.", "http://a/b/c/g." },
	{ RFC_BASE, ".g", "http://a/b/c/.g" },
	{ RFC_BASE, "g..", "http://a/b/c/g.." },
	{ RFC_BASE, "..g", "http://a/b/c/..g" },
	{ RFC_BASE, "./../g", "http://a/b/g" },
	{ RFC_BASE, "./g/.", "http://a/b/c/g/" },
	{ RFC_BASE, "g/./h", "http://a/b/c/g/h" },
	{ RFC_BASE, "g/../h", "http://a/b/c/h" },
	{ RFC_BASE, "g;x=1/./y", "http://a/b/c/g;x=1/y" },
	{ RFC_BASE, "g;x=1/../y", "http://a/b/c/y" },
	{ RFC_BASE, "g?y/./x", "http://a/b/c/g?y/./x" },
	{ RFC_BASE, "g?y/../x", "http://a/b/c/g?y/../x" },
	{ RFC_BASE, "g#s/./x", "http://a/b/c/g#s/./x" },
	{ RFC_BASE, "g#s/../x", "http://a/b/c/g#s/../x" },
	{ RFC_BASE, "http:g", "http:g" },	/* strict parser */
};

static const struct rcase edge[] = {
	/* base without a path */
	{ "http://example.com", "foo", "http://example.com/foo" },
	{ "http://example.com", "../foo", "http://example.com/foo" },
	{ "http://example.com", "?q", "http://example.com?q" },
	{ "http://example.com", "#f", "http://example.com#f" },
	{ "http://example.com?x", "", "http://example.com?x" },
	/* query- and fragment-only refs */
	{ "http://a/b?q#f", "", "http://a/b?q" },
	{ "http://a/b?q#f", "#g", "http://a/b?q#g" },
	{ "http://a/b?q#f", "?", "http://a/b?" },
	{ "http://a/b?q#f", "#", "http://a/b?q#" },
	{ "http://a/b/", "?y", "http://a/b/?y" },
	/* network-path refs and other schemes */
	{ "https://a/b/c", "//cdn.example/x.png", "https://cdn.example/x.png" },
	{ "https://a/b/c", "//h", "https://h" },
	{ "https://a/b/c", "//h/./x/../y", "https://h/y" },
	{ "https://a/b/c", "ftp://h/x", "ftp://h/x" },
	{ "https://a/b/c", "HTTP://H/A/./B", "HTTP://H/A/B" },
	{ "https://a/b/c", "mailto:me@example.com", "mailto:me@example.com" },
	{ "http://a/b/c", "file:///etc/../x", "file:///x" },
	/* no decoding, no case change */
	{ "http://A/B/c", "%2E%2E/D", "http://A/B/%2E%2E/D" },
	{ "http://a/b/c", "x%2fy?Q=%41", "http://a/b/x%2fy?Q=%41" },
	/* whitespace around ref and base */
	{ "http://a/b/c", "  \t\ng\r\n ", "http://a/b/g" },
	{ " http://a/b/c\n", "g", "http://a/b/g" },
	{ "http://a/b/c", "   ", "http://a/b/c" },
	{ "http://a/b/c", "a b", "http://a/b/a b" },
	/* no base */
	{ NULL, " ../x ", "../x" },
	{ "", "g", "g" },
	{ " \n ", "g", "g" },
	/* opaque bases: nothing to merge with */
	{ "mailto:a@b", "x/y", "x/y" },
	{ "mailto:a@b", "//h/x", "//h/x" },
	{ "urn:isbn:0451450523", "../x", "../x" },
	{ "tag:example.com,2004:feed", "/entry/1", "/entry/1" },
	{ "tag:example.com,2004:feed", "#frag", "tag:example.com,2004:feed#frag" },
	{ "urn:a", "http://h/p", "http://h/p" },
	{ "urn:a", "urn:b/../c", "urn:b/../c" },
	/* relative bases */
	{ "a/b/c", "d", "a/b/d" },
	{ "a/b/c", "../d", "a/d" },
	{ "a/b/c", "../../d", "d" },
	{ "a/b/c", "../../../d", "../d" },
	{ "../a/", "../../x", "../../x" },
	{ "a/b", "..", "./" },
	{ "a", ".", "./" },
	{ "a", "", "a" },
	{ "a", "./b:c", "./b:c" },
	{ "a/", ".//x", "a//x" },
	{ "a", ".//x", ".//x" },
	{ "/x/y", "z", "/x/z" },
	{ "/x/y", "../../../z", "/z" },
	{ "/x/y", "?q", "/x/y?q" },
	{ "//h/x/y", "z", "//h/x/z" },
	{ "?q", "g", "g" },
	/* results that would reparse differently */
	{ "http:/a", "/.//x", "http:/.//x" },
	{ "/a", "/..//x", "/.//x" },
	/* empty segments and odd dots */
	{ "http://a/b//c/d", "../g", "http://a/b//g" },
	{ "http://a/b/c", "...", "http://a/b/..." },
	{ "http://a/b/c", "a/.../../b", "http://a/b/a/b" },
	{ "http://a/b/c", "/..", "http://a/" },
	{ "http://a/b/c", "/.", "http://a/" },
	/* not a scheme: the colon is in a path */
	{ "http://a/b/c", "1a:b", "http://a/b/1a:b" },
	{ "http://a/b/c", "a_b:c", "http://a/b/a_b:c" },
};

/* xml:base chains: each base resolved against the outer one in turn. */
static const struct {
	const char *chain[4], *ref, *want;
} chains[] = {
	{ { "http://example.org/feed/atom.xml", "entries/", "2024/", NULL },
	    "post.html", "http://example.org/feed/entries/2024/post.html" },
	{ { "http://example.org/a/b/", "../c/", "/d/", NULL },
	    "e", "http://example.org/d/e" },
	{ { "http://example.org/a/", "//cdn.example/img/", "../", NULL },
	    "x.png", "http://cdn.example/x.png" },
	{ { "http://example.org/a/", "https://other.example/z/", "", NULL },
	    "#top", "https://other.example/z/#top" },
	{ { NULL, "a/", "../b/", NULL }, "c", "b/c" },
	{ { "tag:x,2004:y", "http://h/p/", NULL, NULL }, "q", "http://h/p/q" },
};

static void
check_case(const struct rcase *c)
{
	char *got = url_resolve(c->base, c->ref);

	ck_assert_msg(got != NULL && strcmp(got, c->want) == 0,
	    "url_resolve(\"%s\", \"%s\") = \"%s\", want \"%s\"",
	    c->base ? c->base : "(null)", c->ref, got ? got : "(null)",
	    c->want);
	free(got);
}

START_TEST(test_rfc)
{
	check_case(&rfc[_i]);
}
END_TEST

START_TEST(test_edge)
{
	check_case(&edge[_i]);
}
END_TEST

START_TEST(test_chain)
{
	char *base = NULL, *next, *got;
	size_t i;

	for (i = 0; i < 4 && (i == 0 || chains[_i].chain[i] != NULL); i++) {
		next = url_resolve(base, chains[_i].chain[i]);
		free(base);
		base = next;
	}
	got = url_resolve(base, chains[_i].ref);
	ck_assert_msg(strcmp(got, chains[_i].want) == 0,
	    "chain %d: got \"%s\", want \"%s\"", _i, got, chains[_i].want);
	free(got);
	free(base);
}
END_TEST

START_TEST(test_null)
{
	ck_assert_ptr_null(url_resolve("http://a/", NULL));
	ck_assert_ptr_null(url_resolve(NULL, NULL));
}
END_TEST

START_TEST(test_scheme)
{
	ck_assert_int_eq(url_has_scheme("http://a"), 1);
	ck_assert_int_eq(url_has_scheme("g:h"), 1);
	ck_assert_int_eq(url_has_scheme("a+b-c.d:"), 1);
	ck_assert_int_eq(url_has_scheme("urn:x"), 1);
	ck_assert_int_eq(url_has_scheme(":x"), 0);
	ck_assert_int_eq(url_has_scheme("1a:x"), 0);
	ck_assert_int_eq(url_has_scheme("a_b:x"), 0);
	ck_assert_int_eq(url_has_scheme("./g:h"), 0);
	ck_assert_int_eq(url_has_scheme("//h:80/"), 0);
	ck_assert_int_eq(url_has_scheme(" http://a"), 0);
	ck_assert_int_eq(url_has_scheme("http"), 0);
	ck_assert_int_eq(url_has_scheme(""), 0);
	ck_assert_int_eq(url_has_scheme(NULL), 0);

	ck_assert_int_eq(url_is_http("http://a/"), 1);
	ck_assert_int_eq(url_is_http("HTTPS://a/"), 1);
	ck_assert_int_eq(url_is_http("HtTp:x"), 1);
	ck_assert_int_eq(url_is_http("https:"), 1);
	ck_assert_int_eq(url_is_http("httpx://a/"), 0);
	ck_assert_int_eq(url_is_http("httpss://a/"), 0);
	ck_assert_int_eq(url_is_http("htt://a/"), 0);
	ck_assert_int_eq(url_is_http("ftp://a/"), 0);
	ck_assert_int_eq(url_is_http("file:///etc/passwd"), 0);
	ck_assert_int_eq(url_is_http("javascript:alert(1)"), 0);
	ck_assert_int_eq(url_is_http("http"), 0);
	ck_assert_int_eq(url_is_http("/http://a"), 0);
	ck_assert_int_eq(url_is_http(""), 0);
	ck_assert_int_eq(url_is_http(NULL), 0);
}
END_TEST

static char *
repeat(const char *s, size_t times, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail), i;
	char *p = malloc(n * times + t + 1);

	ck_assert_ptr_nonnull(p);
	for (i = 0; i < times; i++)
		memcpy(p + i * n, s, n);
	memcpy(p + n * times, tail, t + 1);
	return p;
}

/* Linear time: quadratic code would blow the 4s Check timeout here. */
START_TEST(test_hostile)
{
	enum { N = 200000 };
	char *ref, *got, *deep;
	size_t i;

	ref = repeat("../", N, "g");
	got = url_resolve("http://a/b/c/d", ref);
	ck_assert_str_eq(got, "http://a/g");
	free(got);

	/* Kept ".." above a relative base: N - 1 of them survive. */
	got = url_resolve("x/y", ref);
	ck_assert_uint_eq(strlen(got), 3 * (N - 1) + 1);
	ck_assert_int_eq(memcmp(got, "../../", 6), 0);
	ck_assert_str_eq(got + 3 * (N - 1), "g");
	free(got);
	free(ref);

	/* Deep then all the way back up. */
	deep = repeat("a/", N, "");
	ref = repeat("../", N, "z");
	got = url_resolve(NULL, deep);
	free(got);
	got = url_resolve("http://h/", deep);
	ck_assert_uint_eq(strlen(got), strlen("http://h/") + 2 * N);
	free(got);
	{
		char *base = url_resolve("http://h/", deep);

		got = url_resolve(base, ref);
		ck_assert_str_eq(got, "http://h/z");
		free(got);
		free(base);
	}
	free(ref);
	free(deep);

	/* Every byte value but NUL, long. */
	ref = malloc(N + 1);
	ck_assert_ptr_nonnull(ref);
	for (i = 0; i < N; i++)
		ref[i] = (char)(1 + i % 255);
	ref[N] = '\0';
	got = url_resolve("http://a/b", ref);
	ck_assert_ptr_nonnull(got);
	free(got);
	got = url_resolve(ref, ref);
	ck_assert_ptr_nonnull(got);
	free(got);
	free(ref);
}
END_TEST

static Suite *
url_suite(void)
{
	Suite *s = suite_create("url");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_rfc, 0, sizeof rfc / sizeof rfc[0]);
	tcase_add_loop_test(tc, test_edge, 0, sizeof edge / sizeof edge[0]);
	tcase_add_loop_test(tc, test_chain, 0,
	    sizeof chains / sizeof chains[0]);
	tcase_add_test(tc, test_null);
	tcase_add_test(tc, test_scheme);
	tcase_add_test(tc, test_hostile);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(url_suite());
}
