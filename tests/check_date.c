/*
 * Unit tests for date.c: tables of date strings and the UTC instant each
 * must give (or NULL when it must be refused), and date_format_iso()
 * against known epoch values. Every failure names its input.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "check_run.h"

struct date_case {
	const char	*in;
	const char	*want;	/* NULL: date_parse must return -1 */
};

static void
check_cases(const struct date_case *c, size_t n)
{
	char got[DATE_ISO_SIZE];
	int64_t t;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		t = INT64_C(-1234567);
		rc = date_parse(c[i].in, strlen(c[i].in), &t);
		if (c[i].want == NULL) {
			ck_assert_msg(rc == -1, "'%s' parsed, want -1",
			    c[i].in);
			ck_assert_msg(t == INT64_C(-1234567),
			    "'%s': *out changed on failure", c[i].in);
			continue;
		}
		ck_assert_msg(rc == 0, "'%s' refused, want %s", c[i].in,
		    c[i].want);
		ck_assert_msg(date_format_iso(t, got) == 0,
		    "'%s': cannot format %lld", c[i].in, (long long)t);
		ck_assert_msg(strcmp(got, c[i].want) == 0,
		    "'%s' gave %s, want %s", c[i].in, got, c[i].want);
	}
}

#define CHECK_TABLE(t)	check_cases((t), sizeof (t) / sizeof (t)[0])

START_TEST(test_rfc822)
{
	static const struct date_case cases[] = {
		{ "Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
		{ "Thu, 01 Jan 04 19:48:21 GMT", "2004-01-01T19:48:21Z" },
		{ "Fri, 12 Dec 2008 02:36:10 +0100", "2008-12-12T01:36:10Z" },
		{ "Sat, 07 Sep 2002 00:00:01 GMT", "2002-09-07T00:00:01Z" },
		{ "Wed, 20 Dec 2006 21:42:06 +0000", "2006-12-20T21:42:06Z" },
		{ "Tue, 10 Jun 2003 04:00:00 -0000", "2003-06-10T04:00:00Z" },
		{ "Tue, 10 Jun 2003 04:00:00 -0530", "2003-06-10T09:30:00Z" },
		{ "Tue, 10 Jun 2003 04:00:00 +05:30", "2003-06-09T22:30:00Z" },
		{ "Tue, 10 Jun 2003 04:00:00 -05", "2003-06-10T09:00:00Z" },
		{ "Tue, 10 Jun 2003 04:00:00 -5", NULL },
		{ "Tue, 10 Jun 2003 04:00:00 UT", "2003-06-10T04:00:00Z" },
		{ "Tue, 10 Jun 2003 04:00:00 UTC", "2003-06-10T04:00:00Z" },
		{ "Tue, 10 Jun 2003 04:00:00 Z", "2003-06-10T04:00:00Z" },
		{ "Tue, 10 Jun 2003 04:00:00 gmt", "2003-06-10T04:00:00Z" },
		/* without day name, comma, seconds or zone */
		{ "01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
		{ "Thu 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
		{ "Thu, 01 Jan 2004 19:48 GMT", "2004-01-01T19:48:00Z" },
		{ "Thu, 01 Jan 2004 19:48:21", "2004-01-01T19:48:21Z" },
		{ "Thu, 01 Jan 2004", "2004-01-01T00:00:00Z" },
		{ "1 Jan 2004", "2004-01-01T00:00:00Z" },
		{ "01-Jan-2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
		/* day names in any spelling and case */
		{ "Thursday, 01 Jan 2004 19:48:21 GMT",
		    "2004-01-01T19:48:21Z" },
		{ "Thurs, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
		{ "THU, 01 JAN 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
		{ "thu, 01 jan 2004 19:48:21 gmt", "2004-01-01T19:48:21Z" },
		{ "Tues, 06 Jan 2004 19:48:21 GMT", "2004-01-06T19:48:21Z" },
		{ "Weds, 07 Jan 2004 19:48:21 GMT", "2004-01-07T19:48:21Z" },
		{ "Thu., 01 Jan. 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
		/* a wrong day name is ignored: it carries no information */
		{ "Mon, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
		/* month names */
		{ "Mon, 26 January 2004 16:31:00 GMT", "2004-01-26T16:31:00Z" },
		{ "26 SEPTEMBER 2004 16:31:00 GMT", "2004-09-26T16:31:00Z" },
		{ "26 Sept 2004 16:31:00 GMT", "2004-09-26T16:31:00Z" },
		{ "26 may 2004", "2004-05-26T00:00:00Z" },
		/* extra and missing spaces */
		{ "  Thu,  01   Jan  2004   19:48:21   GMT  ",
		    "2004-01-01T19:48:21Z" },
		{ "Thu,01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
		{ "Thu, 01 Jan 2004 19:48:21+0100", "2004-01-01T18:48:21Z" },
		{ "\tThu, 01 Jan 2004 19:48:21 GMT\r\n",
		    "2004-01-01T19:48:21Z" },
		/* comments, as mail writes them */
		{ "Thu, 01 Jan 2004 19:48:21 -0500 (EST)",
		    "2004-01-02T00:48:21Z" },
		{ "Thu, 01 Jan 2004 19:48:21 -0500 (Eastern (US))",
		    "2004-01-02T00:48:21Z" },
		/* fractions and one-digit hours */
		{ "Thu, 01 Jan 2004 19:48:21.75 GMT", "2004-01-01T19:48:21Z" },
		{ "Thu, 1 Jan 2004 9:48:21 GMT", "2004-01-01T09:48:21Z" },
	};

	CHECK_TABLE(cases);
}
END_TEST

START_TEST(test_rfc822_years)
{
	static const struct date_case cases[] = {
		{ "01 Jan 00 00:00:00 GMT", "2000-01-01T00:00:00Z" },
		{ "01 Jan 49 00:00:00 GMT", "2049-01-01T00:00:00Z" },
		{ "01 Jan 50 00:00:00 GMT", "1950-01-01T00:00:00Z" },
		{ "01 Jan 99 00:00:00 GMT", "1999-01-01T00:00:00Z" },
		{ "01 Jan 104 00:00:00 GMT", "2004-01-01T00:00:00Z" },
		{ "31 Dec 1969 23:59:59 GMT", "1969-12-31T23:59:59Z" },
		{ "01 Jan 0001 00:00:00 GMT", "0001-01-01T00:00:00Z" },
		{ "31 Dec 9999 23:59:59 GMT", "9999-12-31T23:59:59Z" },
		{ "29 Feb 2000", "2000-02-29T00:00:00Z" },
		{ "29 Feb 2004", "2004-02-29T00:00:00Z" },
		{ "29 Feb 1900", NULL },
		{ "29 Feb 2100", NULL },
		{ "29 Feb 2003", NULL },
		{ "01 Jan 2", NULL },
		{ "01 Jan 12345", NULL },
	};

	CHECK_TABLE(cases);
}
END_TEST

START_TEST(test_zones)
{
	static const struct date_case cases[] = {
		{ "26 Jan 2004 16:31:00 EST", "2004-01-26T21:31:00Z" },
		{ "26 Jan 2004 16:31:00 EDT", "2004-01-26T20:31:00Z" },
		{ "26 Jan 2004 16:31:00 CST", "2004-01-26T22:31:00Z" },
		{ "26 Jan 2004 16:31:00 CDT", "2004-01-26T21:31:00Z" },
		{ "26 Jan 2004 16:31:00 MST", "2004-01-26T23:31:00Z" },
		{ "26 Jan 2004 16:31:00 MDT", "2004-01-26T22:31:00Z" },
		{ "26 Jan 2004 16:31:00 PST", "2004-01-27T00:31:00Z" },
		{ "26 Jan 2004 16:31:00 PDT", "2004-01-26T23:31:00Z" },
		{ "Mon, 26 January 2004 16:31:00 ET", "2004-01-26T21:31:00Z" },
		{ "Mon, 26 January 2004 16:31:00 AT", "2004-01-26T20:31:00Z" },
		{ "Mon, 26 January 2004 16:31:00 CT", "2004-01-26T22:31:00Z" },
		{ "Mon, 26 January 2004 16:31:00 MT", "2004-01-26T23:31:00Z" },
		{ "Mon, 26 January 2004 16:31:00 PT", "2004-01-27T00:31:00Z" },
		{ "26 Jan 2004 16:31:00 AST", "2004-01-26T20:31:00Z" },
		{ "26 Jan 2004 16:31:00 CET", "2004-01-26T15:31:00Z" },
		{ "26 Jul 2004 16:31:00 CEST", "2004-07-26T14:31:00Z" },
		{ "26 Jul 2004 16:31:00 EET", "2004-07-26T14:31:00Z" },
		{ "26 Jul 2004 16:31:00 JST", "2004-07-26T07:31:00Z" },
		{ "26 Jul 2004 16:31:00 NST", "2004-07-26T20:01:00Z" },
		{ "26 Jul 2004 16:31:00 aedt", "2004-07-26T05:31:00Z" },
		{ "Wed, 19 Aug 2009 18:28:00 Etc/GMT", "2009-08-19T18:28:00Z" },
		{ "Wed, 19 Aug 2009 18:28:00 Etc/UTC", "2009-08-19T18:28:00Z" },
		{ "Wed, 19 Aug 2009 18:28:00 GMT+0100",
		    "2009-08-19T17:28:00Z" },
		{ "Wed, 19 Aug 2009 18:28:00 GMT-5", "2009-08-19T23:28:00Z" },
		{ "Wed, 19 Aug 2009 18:28:00 UTC+05:30",
		    "2009-08-19T12:58:00Z" },
		/* RFC 2822 4.3: military zones other than Z mean -0000 */
		{ "Wed, 19 Aug 2009 18:28:00 A", "2009-08-19T18:28:00Z" },
		{ "Wed, 19 Aug 2009 18:28:00 y", "2009-08-19T18:28:00Z" },
		{ "Wed, 19 Aug 2009 18:28:00 J", NULL },
		/* ambiguous or unknown names, bad offsets */
		{ "Wed, 19 Aug 2009 18:28:00 IST", NULL },
		{ "Wed, 19 Aug 2009 18:28:00 BST", NULL },
		{ "Wed, 19 Aug 2009 18:28:00 XYZ", NULL },
		{ "Wed, 19 Aug 2009 18:28:00 Etc/GMT+5", NULL },
		{ "Wed, 19 Aug 2009 18:28:00 EST+0100", NULL },
		{ "Wed, 19 Aug 2009 18:28:00 +2500", NULL },
		{ "Wed, 19 Aug 2009 18:28:00 +0160", NULL },
		{ "Wed, 19 Aug 2009 18:28:00 +100", NULL },
		{ "Wed, 19 Aug 2009 18:28:00 +0100 +0200", NULL },
		{ "Wed, 19 Aug 2009 18:28:00 GMT GMT", NULL },
	};

	CHECK_TABLE(cases);
}
END_TEST

START_TEST(test_other_orders)
{
	static const struct date_case cases[] = {
		/* asctime and date(1) */
		{ "Wed Dec 31 10:14:55 2003", "2003-12-31T10:14:55Z" },
		{ "Wed Dec  3 10:14:55 2003", "2003-12-03T10:14:55Z" },
		{ "Wed Dec 31 10:14:55 UTC 2003", "2003-12-31T10:14:55Z" },
		{ "Wed Dec 31 10:14:55 EST 2003", "2003-12-31T15:14:55Z" },
		/* US order, JavaScript Date.toString */
		{ "Dec 31 2003 10:14:55 GMT", "2003-12-31T10:14:55Z" },
		{ "December 31, 2003", "2003-12-31T00:00:00Z" },
		{ "Wednesday, December 31, 2003 10:14 PM",
		    "2003-12-31T22:14:00Z" },
		{ "Dec 31, 2003 12:05 am", "2003-12-31T00:05:00Z" },
		{ "Dec 31, 2003 12:05 PM", "2003-12-31T12:05:00Z" },
		{ "Dec 31, 2003 13:05 PM", NULL },
		{ "Wed Dec 31 2003 10:14:55 GMT+0100 (Central European Standard Time)",
		    "2003-12-31T09:14:55Z" },
		/* ordinal suffixes */
		{ "Wednesday, 31st December 2003", "2003-12-31T00:00:00Z" },
		{ "December 2nd, 2003", "2003-12-02T00:00:00Z" },
		{ "3rd Dec 2003", "2003-12-03T00:00:00Z" },
		{ "Dec 3x 2003", NULL },
		/* run together, or a two-digit asctime year */
		{ "Thu1 Jan04 19:10 GMT", NULL },
		{ "01Jan2004", NULL },
		{ "Wed Dec 3 1:0420", NULL },
		{ "Wed Dec 3 10:04 20", NULL },
		{ "Thu, 01 Jan 2004 9:48PM", "2004-01-01T21:48:00Z" },
		{ "Thu, 01 Jan 2004 19:48:21GMT", "2004-01-01T19:48:21Z" },
	};

	CHECK_TABLE(cases);
}
END_TEST

START_TEST(test_iso8601)
{
	static const struct date_case cases[] = {
		{ "2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z" },
		{ "2003-12-31T10:14:55-08:00", "2003-12-31T18:14:55Z" },
		{ "2003-12-31T18:14:55+08:00", "2003-12-31T10:14:55Z" },
		{ "2003-12-31T10:14:55+0100", "2003-12-31T09:14:55Z" },
		{ "2003-12-31T10:14:55-05", "2003-12-31T15:14:55Z" },
		{ "2003-12-31T10:14:55.123456Z", "2003-12-31T10:14:55Z" },
		{ "2003-12-31T10:14:55,5+01:00", "2003-12-31T09:14:55Z" },
		{ "2003-12-31 10:14:55Z", "2003-12-31T10:14:55Z" },
		{ "2003-12-31 10:14:55", "2003-12-31T10:14:55Z" },
		{ "2003-12-31 10:14:55 +01:00", "2003-12-31T09:14:55Z" },
		{ "2003-12-31 10:14:55 UTC", "2003-12-31T10:14:55Z" },
		{ "2003-12-31t10:14:55z", "2003-12-31T10:14:55Z" },
		{ "2003-12-31T10:14Z", "2003-12-31T10:14:00Z" },
		{ "2003-12-31T10:14", "2003-12-31T10:14:00Z" },
		{ "  2003-12-31T10:14:55Z\n", "2003-12-31T10:14:55Z" },
		/* reduced precision: the first instant */
		{ "2003", "2003-01-01T00:00:00Z" },
		{ "2003-12", "2003-12-01T00:00:00Z" },
		{ "2003-12-31", "2003-12-31T00:00:00Z" },
		/* basic format */
		{ "20031231", "2003-12-31T00:00:00Z" },
		{ "20031231T101455Z", "2003-12-31T10:14:55Z" },
		{ "20031231T1014Z", "2003-12-31T10:14:00Z" },
		{ "20031231T101455-0800", "2003-12-31T18:14:55Z" },
		/* ordinal and week dates */
		{ "2003-335", "2003-12-01T00:00:00Z" },
		{ "2003335", "2003-12-01T00:00:00Z" },
		{ "2004-366", "2004-12-31T00:00:00Z" },
		{ "2003-366", NULL },
		{ "2003-000", NULL },
		{ "2004-W01-1", "2003-12-29T00:00:00Z" },
		{ "2004-W53-7", "2005-01-02T00:00:00Z" },
		{ "2009-W01-1", "2008-12-29T00:00:00Z" },
		{ "2008-W01", "2007-12-31T00:00:00Z" },
		{ "2008W011", "2007-12-31T00:00:00Z" },
		{ "2003-W53-1", NULL },
		{ "2004-W00-1", NULL },
		{ "2004-W01-8", NULL },
		{ "2004-W01-1T10:00:00Z", "2003-12-29T10:00:00Z" },
		/* ISO 8601:1988 two-digit years */
		{ "-03-12", "2003-12-01T00:00:00Z" },
		{ "-0312", "2003-12-01T00:00:00Z" },
		{ "03-12-31", "2003-12-31T00:00:00Z" },
		{ "031231", "2003-12-31T00:00:00Z" },
		{ "03335", "2003-12-01T00:00:00Z" },
		{ "99-12-31", "1999-12-31T00:00:00Z" },
		{ "03", NULL },
		{ "03-12", NULL },
		{ "--12-31", NULL },
		/* leap years and offsets across month ends */
		{ "2004-02-28T18:14:55-08:00", "2004-02-29T02:14:55Z" },
		{ "2000-02-28T18:14:55-08:00", "2000-02-29T02:14:55Z" },
		{ "2003-02-28T18:14:55-08:00", "2003-03-01T02:14:55Z" },
		{ "2100-02-28T18:14:55-08:00", "2100-03-01T02:14:55Z" },
		{ "2003-12-31T23:00:00-05:00", "2004-01-01T04:00:00Z" },
		{ "0000-01-01T00:00:00Z", "0000-01-01T00:00:00Z" },
		/* Hungarian month names */
		{ "2004-július-13T9:15-05:00", "2004-07-13T14:15:00Z" },
		{ "2004-május-3T23:59+01:00", "2004-05-03T22:59:00Z" },
	};

	CHECK_TABLE(cases);
}
END_TEST

START_TEST(test_rollover)
{
	static const struct date_case cases[] = {
		{ "2003-12-31T25:14:55Z", "2004-01-01T01:14:55Z" },
		{ "2003-12-31T10:14:61Z", "2003-12-31T10:15:01Z" },
		{ "2003-12-31T10:14:60Z", "2003-12-31T10:15:00Z" },
		{ "2003-12-31T24:00:00Z", "2004-01-01T00:00:00Z" },
		{ "Wed, 31 Dec 2003 25:14:55 GMT", NULL },
		{ "Wed, 31 Dec 2003 23:59:60 GMT", "2004-01-01T00:00:00Z" },
		{ "2003-12-31T55Z", NULL },
		{ "2003-12-31T10.5Z", NULL },
		{ "2003-12-31T10:14.5Z", NULL },
		{ "2003-12-31T10:60:00Z", NULL },
		{ "2003-12-31T10:14:62Z", NULL },
		{ "2003-13-01", NULL },
		{ "2003-00-01", NULL },
		{ "2003-12-00", NULL },
		{ "2003-12-32", NULL },
		{ "2003-02-29", NULL },
		{ "2003-04-31T10:00:00Z", NULL },
		{ "32 Dec 2003 10:14:55 GMT", NULL },
		{ "00 Dec 2003 10:14:55 GMT", NULL },
	};

	CHECK_TABLE(cases);
}
END_TEST

START_TEST(test_locales)
{
	static const struct date_case cases[] = {
		/* Korean blogs, Korean Standard Time */
		{ "2004-05-25 오후 11:23:17", "2004-05-25T14:23:17Z" },
		{ "2004-05-25 오전 11:23:17", "2004-05-25T02:23:17Z" },
		{ "2004-05-25 오후 12:00:00", "2004-05-25T03:00:00Z" },
		{ "2004-05-25 오전 12:30:00", "2004-05-24T15:30:00Z" },
		{ "2004-05-25 오후 13:00:00", NULL },
		{ "2004-05-25 오후", NULL },
		{ "2004년 05월 28일  01:31:15", "2004-05-27T16:31:15Z" },
		{ "2004년 5월 28일", "2004-05-27T15:00:00Z" },
		{ "2004년 13월 28일", NULL },
		/* Greek, as feedparser reads it */
		{ "Κυρ, 11 Ιούλ 2004 12:00:00 EST", "2004-07-11T17:00:00Z" },
		{ "Τρι, 02 Μαρ 2004 12:00:00 GMT", "2004-03-02T12:00:00Z" },
		{ "Κυρ, 11 Ιξξ 2004 12:00:00 EST", NULL },
	};

	CHECK_TABLE(cases);
}
END_TEST

START_TEST(test_garbage)
{
	static const struct date_case cases[] = {
		{ "", NULL },
		{ "   ", NULL },
		{ "garbage", NULL },
		{ "Mon, 99 Foo 2003", NULL },
		{ "Mon, 01 Foo 2003 10:00:00 GMT", NULL },
		{ "Foo, 01 Jan 2003 10:00:00 GMT", NULL },
		{ "Thu, 01 Jan 2004 19:48:21 GMT trailing", NULL },
		{ "Thu, 01 Jan 2004 19:48:21 GMT 2004", NULL },
		{ "Thu, 01 Jan", NULL },
		{ "Jan 2004", NULL },
		{ "Thu, 01 Jan 2004 19:48:21 (unclosed", NULL },
		{ "Thu, 01 Jan 2004 19:48:21 GMT)", NULL },
		{ "Thu, 01 Jan 2004 19::21 GMT", NULL },
		{ "Thu, 01 Jan 2004 19:4:21 GMT", NULL },
		{ "Thu, 01 Jan 2004 19:48:2 GMT", NULL },
		{ "Thu, 01 Jan 2004 100:48:21 GMT", NULL },
		{ "Thu, 01 Jan 2004 19:48:21 +", NULL },
		{ "Thu, 01 Jan +2004", NULL },
		{ "1072915200", NULL },
		{ "12345678", NULL },
		{ "2003-12-31T", NULL },
		{ "2003-12-31T10:14:55ZZ", NULL },
		{ "2003-12-31T10:14:55+", NULL },
		{ "2003-12-31T10:14:55+01:", NULL },
		{ "2003-12T10:00:00Z", NULL },
		{ "2003T10:00:00Z", NULL },
		{ "2003-12-31X10:14:55Z", NULL },
		{ "2003-12-31T10:14:55 Foo", NULL },
		{ "2003-1-31", NULL },
		{ "200", NULL },
		{ "T10:14:55Z", NULL },
		{ "10:14:55", NULL },
		{ "yesterday", NULL },
		{ "\xff\xfe\xfd", NULL },
		{ "Thu, 01 Jan 2004 19:48:21 GMT\x01", NULL },
	};

	CHECK_TABLE(cases);
}
END_TEST

START_TEST(test_hostile)
{
	static const char nul[] = "2003-12-31\0T10:14:55Z";
	static const char nul2[] = "Thu, 01 Jan 2004\0 19:48:21 GMT";
	char *big;
	size_t n = 10 * 1024;
	int64_t t = 42;

	/* A NUL byte is not a separator, and len is what counts. */
	ck_assert_int_eq(date_parse(nul, sizeof nul - 1, &t), -1);
	ck_assert_int_eq(date_parse(nul2, sizeof nul2 - 1, &t), -1);
	ck_assert_int_eq(date_parse(nul, 10, &t), 0);
	ck_assert(t == INT64_C(1072828800));
	ck_assert_int_eq(date_parse("2003-12-31T10:14:55Z", 4, &t), 0);
	ck_assert(t == INT64_C(1041379200));
	ck_assert_int_eq(date_parse(NULL, 0, &t), -1);

	/* 10 KB of digits, of spaces around a date, of comment. */
	big = malloc(n);
	ck_assert_ptr_nonnull(big);
	memset(big, '9', n);
	ck_assert_int_eq(date_parse(big, n, &t), -1);
	memset(big, ' ', n);
	memcpy(big + n / 2, "2003-12-31", 10);
	ck_assert_int_eq(date_parse(big, n, &t), 0);
	ck_assert(t == INT64_C(1072828800));
	memset(big, '(', n);
	ck_assert_int_eq(date_parse(big, n, &t), -1);
	memset(big, 'a', n);
	ck_assert_int_eq(date_parse(big, n, &t), -1);
	free(big);
}
END_TEST

START_TEST(test_format)
{
	static const struct {
		int64_t		 t;
		const char	*want;
	} cases[] = {
		{ 0, "1970-01-01T00:00:00Z" },
		{ -1, "1969-12-31T23:59:59Z" },
		{ -86400, "1969-12-31T00:00:00Z" },
		{ -86401, "1969-12-30T23:59:59Z" },
		{ 951782400, "2000-02-29T00:00:00Z" },
		{ 951868800, "2000-03-01T00:00:00Z" },
		{ -2203891200, "1900-03-01T00:00:00Z" },
		{ -2203977600, "1900-02-28T00:00:00Z" },
		{ 4107456000, "2100-02-28T00:00:00Z" },
		{ 4107542400, "2100-03-01T00:00:00Z" },
		{ 1072828800, "2003-12-31T00:00:00Z" },
		{ 2147483647, "2038-01-19T03:14:07Z" },
		{ INT64_C(-62167219200), "0000-01-01T00:00:00Z" },
		{ INT64_C(253402300799), "9999-12-31T23:59:59Z" },
	};
	static const int64_t bad[] = {
		INT64_C(-62167219201), INT64_C(253402300800),
		INT64_C(3093496444800), /* 99999-01-01 */
		INT64_MAX, INT64_MIN,
	};
	char out[DATE_ISO_SIZE];
	int64_t back;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_msg(date_format_iso(cases[i].t, out) == 0,
		    "%lld refused", (long long)cases[i].t);
		ck_assert_msg(strcmp(out, cases[i].want) == 0,
		    "%lld gave %s, want %s", (long long)cases[i].t, out,
		    cases[i].want);
		/* and the output reads back as the same instant */
		ck_assert_int_eq(date_parse(out, strlen(out), &back), 0);
		ck_assert_msg(back == cases[i].t, "%s read back as %lld", out,
		    (long long)back);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(out, 'x', sizeof out);
		ck_assert_msg(date_format_iso(bad[i], out) == -1,
		    "%lld accepted", (long long)bad[i]);
		ck_assert_str_eq(out, "");
	}
}
END_TEST

/* Every day over 1800-2200 must survive format then parse. */
START_TEST(test_round_trip)
{
	char out[DATE_ISO_SIZE];
	int64_t t, back;

	for (t = INT64_C(-5364662400); t < INT64_C(7258118400);
	    t += 86400 + 3607) {
		ck_assert_int_eq(date_format_iso(t, out), 0);
		ck_assert_int_eq(date_parse(out, strlen(out), &back), 0);
		ck_assert_msg(back == t, "%lld -> %s -> %lld", (long long)t,
		    out, (long long)back);
	}
}
END_TEST

static Suite *
date_suite(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_rfc822);
	tcase_add_test(tc, test_rfc822_years);
	tcase_add_test(tc, test_zones);
	tcase_add_test(tc, test_other_orders);
	tcase_add_test(tc, test_iso8601);
	tcase_add_test(tc, test_rollover);
	tcase_add_test(tc, test_locales);
	tcase_add_test(tc, test_garbage);
	tcase_add_test(tc, test_hostile);
	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(date_suite());
}
