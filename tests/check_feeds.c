/*
 * Unit tests for the feeds file: every piece of newsboat's urls syntax,
 * bad lines reported with file and line while the rest loads, duplicate
 * URLs, text edits that keep the file byte for byte, and atomic writes.
 */
#include <check.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "buf.h"
#include "feeds.h"
#include "check_run.h"

static struct feeds F;
static int status;

static void
setup(void)
{
	feeds_init(&F);
}

static void
teardown(void)
{
	feeds_release(&F);
}

static void
parse(const char *text)
{
	feeds_release(&F);
	status = feeds_parse(&F, text, strlen(text), "feeds");
}

static void
assert_tags(const struct feeds_entry *e, size_t n, ...)
{
	va_list ap;
	size_t i;

	ck_assert_uint_eq(e->ntags, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		ck_assert_str_eq(e->tags[i], va_arg(ap, const char *));
	va_end(ap);
}

START_TEST(tags_quoted_and_bare)
{
	parse("http://a.example/f.xml \"tech\" \"two words\" bare\n");
	ck_assert_int_eq(status, 0);
	ck_assert_uint_eq(F.n, 1);
	ck_assert_str_eq(F.entries[0].url, "http://a.example/f.xml");
	ck_assert_ptr_null(F.entries[0].title);
	ck_assert_int_eq(F.entries[0].kind, FEEDS_KIND_URL);
	ck_assert_int_eq(F.entries[0].line, 1);
	ck_assert_int_eq(F.entries[0].hidden, 0);
	assert_tags(&F.entries[0], 3, "tech", "two words", "bare");
}
END_TEST

START_TEST(escapes_in_quotes)
{
	parse("https://b.example/ \"say \\\"hi\\\"\" \"back\\\\slash\" "
	    "\"keep\\n\" \"\" \"tech\" \"tech\"\n");
	ck_assert_int_eq(status, 0);
	/* Only \" and \\ are escapes; empty and repeated tags vanish. */
	assert_tags(&F.entries[0], 4, "say \"hi\"", "back\\slash", "keep\\n",
	    "tech");
}
END_TEST

START_TEST(title_override_and_hidden)
{
	parse("http://c.example/ \"~My \\\"Title\\\"\" \"news\" \"!secret\"\n"
	    "http://d.example/ \"~\" \"x\"\n");
	ck_assert_int_eq(status, 0);
	ck_assert_str_eq(F.entries[0].title, "My \"Title\"");
	ck_assert_int_eq(F.entries[0].hidden, 1);
	assert_tags(&F.entries[0], 2, "news", "!secret");
	/* A bare "~" is no title. */
	ck_assert_ptr_null(F.entries[1].title);
	ck_assert_int_eq(F.entries[1].hidden, 0);
}
END_TEST

START_TEST(comments_blank_lines_whitespace)
{
	parse("# my feeds\n"
	    "\n"
	    "   \t  \n"
	    "   # indented comment \"not a feed\n"
	    "\thttp://e.example/#frag\t\"a\"\t# \"not a tag\"\n"
	    "  http://f.example/ \"b\"#glued   \n"
	    "http://g.example/ \"c # not a comment\"\n");
	ck_assert_int_eq(status, 0);
	ck_assert_uint_eq(F.n, 3);
	/* '#' inside a token is part of it. */
	ck_assert_str_eq(F.entries[0].url, "http://e.example/#frag");
	ck_assert_int_eq(F.entries[0].line, 5);
	assert_tags(&F.entries[0], 1, "a");
	/* A '#' right after a closing quote starts a comment too. */
	assert_tags(&F.entries[1], 1, "b");
	assert_tags(&F.entries[2], 1, "c # not a comment");
}
END_TEST

START_TEST(crlf_bom_and_no_final_newline)
{
	parse("\xef\xbb\xbfhttp://h.example/ \"t\"\r\n"
	    "# c\r\n"
	    "\r\n"
	    "http://i.example/\r\n"
	    "http://j.example/ \"u\"");
	ck_assert_int_eq(status, 0);
	ck_assert_uint_eq(F.n, 3);
	ck_assert_str_eq(F.entries[0].url, "http://h.example/");
	assert_tags(&F.entries[0], 1, "t");
	ck_assert_str_eq(F.entries[1].url, "http://i.example/");
	ck_assert_int_eq(F.entries[1].line, 4);
	ck_assert_str_eq(F.entries[2].url, "http://j.example/");
	assert_tags(&F.entries[2], 1, "u");
}
END_TEST

START_TEST(newsboat_special_kinds)
{
	parse("\"query:Unread:unread = \\\"yes\\\"\" \"q\"\n"
	    "exec:~/bin/feed.sh\n"
	    "\"exec:/usr/bin/gen --all\"\n"
	    "filter:~/f.sh:http://k.example/feed\n"
	    "file:///home/u/feed.xml\n"
	    "HTTPS://L.example/\n");
	ck_assert_int_eq(status, 0);
	ck_assert_uint_eq(F.n, 6);
	ck_assert_str_eq(F.entries[0].url, "query:Unread:unread = \"yes\"");
	ck_assert_int_eq(F.entries[0].kind, FEEDS_KIND_QUERY);
	assert_tags(&F.entries[0], 1, "q");
	ck_assert_int_eq(F.entries[1].kind, FEEDS_KIND_EXEC);
	ck_assert_str_eq(F.entries[2].url, "exec:/usr/bin/gen --all");
	ck_assert_int_eq(F.entries[2].kind, FEEDS_KIND_EXEC);
	ck_assert_int_eq(F.entries[3].kind, FEEDS_KIND_FILTER);
	ck_assert_int_eq(F.entries[4].kind, FEEDS_KIND_URL);
	ck_assert_int_eq(F.entries[5].kind, FEEDS_KIND_URL);
}
END_TEST

START_TEST(bad_lines_reported_rest_loads)
{
	parse("http://ok1.example/ \"a\"\n"
	    "http://bad.example/ \"unterminated\n"
	    "\"\" \"tag\"\n"
	    "\"http://sp.example/a b\"\n"
	    "gopher://old.example/\n"
	    "http://\n"
	    "just-words \"x\"\n"
	    "http://ctl.example/ \"a\x01\"\n"
	    "http://ok2.example/\n");
	ck_assert_int_eq(status, 1);
	ck_assert_uint_eq(F.n, 2);
	ck_assert_str_eq(F.entries[0].url, "http://ok1.example/");
	ck_assert_str_eq(F.entries[1].url, "http://ok2.example/");
	ck_assert_int_eq(F.entries[1].line, 9);
	ck_assert_uint_eq(F.nerrors, 7);
	ck_assert_str_eq(F.errors[0], "feeds:2: unterminated quote");
	ck_assert_str_eq(F.errors[1], "feeds:3: no URL");
	ck_assert_str_eq(F.errors[2],
	    "feeds:4: space in URL 'http://sp.example/a b'");
	ck_assert_str_eq(F.errors[3],
	    "feeds:5: unsupported URL scheme 'gopher://old.example/'");
	ck_assert_str_eq(F.errors[4],
	    "feeds:6: nothing after the URL scheme 'http://'");
	ck_assert_str_eq(F.errors[5],
	    "feeds:7: unsupported URL scheme 'just-words'");
	ck_assert_str_eq(F.errors[6], "feeds:8: control character");
	/* A C1 control in a URL is not printed back. */
	parse("http://c1.example/\xc2\x9b" "31m\n");
	ck_assert_str_eq(F.errors[0], "feeds:1: control character in URL");
}
END_TEST

START_TEST(nul_byte_line)
{
	static const char text[] = "http://a.example/\0x\n"
	    "http://b.example/ # \0 in a comment is fine\n";

	feeds_release(&F);
	status = feeds_parse(&F, text, sizeof(text) - 1, "f");
	ck_assert_int_eq(status, 1);
	ck_assert_uint_eq(F.n, 1);
	ck_assert_str_eq(F.entries[0].url, "http://b.example/");
	ck_assert_str_eq(F.errors[0], "f:1: control character");
}
END_TEST

START_TEST(long_bad_url_quoted_short)
{
	struct buf b = BUF_INIT;
	int i;

	buf_append_str(&b, "gopher://");
	for (i = 0; i < 200; i++)
		buf_append_str(&b, "\xc3\xa9");
	parse(b.ptr);
	ck_assert_uint_eq(F.nerrors, 1);
	ck_assert_uint_lt(strlen(F.errors[0]), 140);
	/* Cut at a character boundary: the last byte is a whole é. */
	ck_assert_ptr_nonnull(strstr(F.errors[0], "\xc3\xa9'"));
	buf_release(&b);
}
END_TEST

START_TEST(duplicates_merge_silently)
{
	parse("http://a.example/ \"x\" \"y\"\n"
	    "http://b.example/\n"
	    "http://a.example/ \"y\" \"z\" \"~Later\" \"!h\"\n");
	ck_assert_int_eq(status, 0);
	ck_assert_uint_eq(F.nerrors, 0);
	ck_assert_uint_eq(F.n, 2);
	ck_assert_int_eq(F.entries[0].line, 1);
	assert_tags(&F.entries[0], 4, "x", "y", "z", "!h");
	ck_assert_int_eq(F.entries[0].hidden, 1);
	/* The first line had no title, so the later one's counts. */
	ck_assert_str_eq(F.entries[0].title, "Later");
	parse("http://a.example/ \"~First\"\nhttp://a.example/ \"~Second\"\n");
	ck_assert_str_eq(F.entries[0].title, "First");
}
END_TEST

START_TEST(too_many_tags)
{
	struct buf b = BUF_INIT;
	int i;

	buf_append_str(&b, "http://many.example/");
	for (i = 0; i < FEEDS_MAX_TAGS + 5; i++)
		buf_printf(&b, " t%d", i);
	parse(b.ptr);
	ck_assert_int_eq(status, 1);
	ck_assert_uint_eq(F.n, 1);
	ck_assert_uint_eq(F.entries[0].ntags, FEEDS_MAX_TAGS);
	ck_assert_str_eq(F.errors[0], "feeds:1: more than 256 tags, 5 ignored");
	buf_release(&b);
}
END_TEST

START_TEST(builder_and_index)
{
	char url[64];
	struct feeds_entry *e;
	int i;

	for (i = 0; i < 5000; i++) {
		snprintf(url, sizeof(url), "http://n%d.example/", i);
		e = feeds_add(&F, url, strlen(url));
		ck_assert_int_eq(feeds_entry_add_tag(&F, e, "t", 1), 0);
	}
	ck_assert_uint_eq(F.n, 5000);
	for (i = 0; i < 5000; i++) {
		snprintf(url, sizeof(url), "http://n%d.example/", i);
		e = feeds_find(&F, url);
		ck_assert_ptr_eq(e, &F.entries[i]);
		ck_assert_ptr_eq(feeds_add(&F, url, strlen(url)), e);
	}
	ck_assert_ptr_null(feeds_find(&F, "http://n5000.example/"));
	ck_assert_uint_eq(F.n, 5000);
	ck_assert_ptr_null(feeds_url_problem("query:x", 7));
	ck_assert_str_eq(feeds_url_problem("ftp://x", 7),
	    "unsupported URL scheme");
}
END_TEST

/* add/remove: byte-exact results. */
static const char *const no_tags[1] = { NULL };

START_TEST(add_appends_keeping_everything)
{
	static const char text[] = "# header\n\n"
	    "http://a.example/   \"x\"   # note\n"
	    "bad line \"unterminated\n";
	const char *tags[] = { "two words", "q\"uote", "back\\", "two words",
	    "" };
	struct buf out = BUF_INIT;

	ck_assert_int_eq(feeds_text_add(text, strlen(text),
	    "http://new.example/f", tags, 5, "The \"Title\"", &out), 1);
	ck_assert_str_eq(out.ptr, "# header\n\n"
	    "http://a.example/   \"x\"   # note\n"
	    "bad line \"unterminated\n"
	    "http://new.example/f \"two words\" \"q\\\"uote\" \"back\\\\\" "
	    "\"~The \\\"Title\\\"\"\n");
	/* What was written reads back as meant. */
	parse(out.ptr);
	ck_assert_uint_eq(F.n, 2);
	assert_tags(&F.entries[1], 3, "two words", "q\"uote", "back\\");
	ck_assert_str_eq(F.entries[1].title, "The \"Title\"");
	buf_release(&out);
}
END_TEST

START_TEST(add_line_endings)
{
	struct buf out = BUF_INIT;
	const char *tags[] = { "t" };

	ck_assert_int_eq(feeds_text_add("", 0, "http://a.example/", no_tags, 0,
	    NULL, &out), 1);
	ck_assert_str_eq(out.ptr, "http://a.example/\n");
	ck_assert_int_eq(feeds_text_add("http://x.example/", 17,
	    "http://a.example/", tags, 1, NULL, &out), 1);
	ck_assert_str_eq(out.ptr,
	    "http://x.example/\nhttp://a.example/ \"t\"\n");
	ck_assert_int_eq(feeds_text_add("# c\r\nhttp://x.example/", 22,
	    "http://a.example/", no_tags, 0, NULL, &out), 1);
	ck_assert_str_eq(out.ptr,
	    "# c\r\nhttp://x.example/\r\nhttp://a.example/\r\n");
	/* A URL that must be quoted to read back. */
	ck_assert_int_eq(feeds_text_add("", 0, "query:All:title =~ \"x\"",
	    no_tags, 0, NULL, &out), 1);
	ck_assert_str_eq(out.ptr, "\"query:All:title =~ \\\"x\\\"\"\n");
	buf_release(&out);
}
END_TEST

START_TEST(add_existing_merges_in_place)
{
	static const char text[] = "# top\n"
	    "http://a.example/ \"x\" \"~Keep\"\t# why\r\n"
	    "http://b.example/\n"
	    "http://a.example/ \"dup\"\n";
	const char *tags[] = { "x", "new", "two w", "new" };
	struct buf out = BUF_INIT;

	ck_assert_int_eq(feeds_text_add(text, strlen(text),
	    "http://a.example/", tags, 4, "Other", &out), 0);
	ck_assert_str_eq(out.ptr, "# top\n"
	    "http://a.example/ \"x\" \"~Keep\" \"new\" \"two w\"\t# why\r\n"
	    "http://b.example/\n"
	    "http://a.example/ \"dup\"\n");
	/* Nothing missing: the text comes back unchanged. */
	ck_assert_int_eq(feeds_text_add(text, strlen(text),
	    "http://a.example/", tags, 1, NULL, &out), 0);
	ck_assert_str_eq(out.ptr, text);
	/* A line without a title takes one; the last line has no newline. */
	ck_assert_int_eq(feeds_text_add("http://b.example/", 17,
	    "http://b.example/", tags, 1, "T", &out), 0);
	ck_assert_str_eq(out.ptr, "http://b.example/ \"x\" \"~T\"");
	buf_release(&out);
}
END_TEST

START_TEST(add_rejects_what_cannot_be_written)
{
	struct buf out = BUF_INIT;
	const char *tilde[] = { "~sneaky" };
	const char *ctl[] = { "a\nb" };

	buf_append_str(&out, "untouched");
	ck_assert_int_eq(feeds_text_add("", 0, "ftp://x/", no_tags, 0, NULL,
	    &out), -1);
	ck_assert_int_eq(feeds_text_add("", 0, "http://a b/", no_tags, 0,
	    NULL, &out), -1);
	ck_assert_int_eq(feeds_text_add("", 0, "http://a/", tilde, 1, NULL,
	    &out), -1);
	ck_assert_int_eq(feeds_text_add("", 0, "http://a/", ctl, 1, NULL,
	    &out), -1);
	ck_assert_int_eq(feeds_text_add("", 0, "http://a/", no_tags, 0,
	    "t\x1b[2J", &out), -1);
	ck_assert_str_eq(out.ptr, "untouched");
	buf_release(&out);
}
END_TEST

START_TEST(remove_keeps_the_rest)
{
	static const char text[] = "\xef\xbb\xbfhttp://a.example/ \"x\"\n"
	    "# keep me\n"
	    "http://b.example/\r\n"
	    "\n"
	    "  http://a.example/ \"broken\n"
	    "http://a.example/x\n"
	    "http://a.example/";
	struct buf out = BUF_INIT;

	ck_assert_int_eq(feeds_text_remove(text, strlen(text),
	    "http://a.example/", &out), 3);
	ck_assert_str_eq(out.ptr, "\xef\xbb\xbf# keep me\n"
	    "http://b.example/\r\n"
	    "\n"
	    "http://a.example/x\n");
	ck_assert_int_eq(feeds_text_remove(text, strlen(text),
	    "http://zzz.example/", &out), 0);
	ck_assert_str_eq(out.ptr, text);
	ck_assert_int_eq(feeds_text_remove(text, strlen(text),
	    "http://b.example/", &out), 1);
	ck_assert_ptr_null(strstr(out.ptr, "b.example"));
	ck_assert_int_eq(feeds_text_remove("", 0, "http://a/", &out), 0);
	ck_assert_str_eq(out.ptr, "");
	buf_release(&out);
}
END_TEST

/* atomic_file_write */

static char tmpdir[64];

static void
read_back(const char *path, const char *expect)
{
	struct buf b = BUF_INIT;

	ck_assert_int_eq(buf_read_file(&b, path), 0);
	ck_assert_str_eq(b.ptr, expect);
	buf_release(&b);
}

START_TEST(atomic_write_creates_parents)
{
	struct buf path = BUF_INIT, tmp = BUF_INIT, dir = BUF_INIT;
	struct stat st;
	char *err = NULL;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/check_feeds.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	buf_printf(&dir, "%s/a/b", tmpdir);
	buf_printf(&path, "%s/feeds", dir.ptr);
	buf_printf(&tmp, "%s.tmp", path.ptr);

	ck_assert_int_eq(atomic_file_write(path.ptr, "one\n", 4, &err), 0);
	ck_assert_ptr_null(err);
	read_back(path.ptr, "one\n");
	ck_assert_int_eq(stat(dir.ptr, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0700);
	ck_assert_int_eq(stat(path.ptr, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_ne(access(tmp.ptr, F_OK), 0);

	/* Replacing keeps the file's mode; a stale .tmp is reused. */
	ck_assert_int_eq(chmod(path.ptr, 0640), 0);
	ck_assert_int_eq(atomic_file_write(tmp.ptr, "stale", 5, NULL), 0);
	ck_assert_int_eq(atomic_file_write(path.ptr, "two\n", 4, &err), 0);
	read_back(path.ptr, "two\n");
	ck_assert_int_eq(stat(path.ptr, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0640);
	ck_assert_int_ne(access(tmp.ptr, F_OK), 0);
	ck_assert_int_eq(unlink(path.ptr), 0);
	ck_assert_int_eq(rmdir(dir.ptr), 0);
	buf_truncate(&dir, dir.len - 2);
	ck_assert_int_eq(rmdir(dir.ptr), 0);
	ck_assert_int_eq(rmdir(tmpdir), 0);
	buf_release(&path);
	buf_release(&tmp);
	buf_release(&dir);
}
END_TEST

START_TEST(atomic_write_follows_symlink)
{
	struct buf real = BUF_INIT, link = BUF_INIT;
	struct stat st;
	char *err = NULL;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/check_feeds.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	buf_printf(&real, "%s/real", tmpdir);
	buf_printf(&link, "%s/link", tmpdir);
	ck_assert_int_eq(atomic_file_write(real.ptr, "a", 1, &err), 0);
	ck_assert_int_eq(symlink(real.ptr, link.ptr), 0);
	ck_assert_int_eq(atomic_file_write(link.ptr, "b", 1, &err), 0);
	ck_assert_int_eq(lstat(link.ptr, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	read_back(real.ptr, "b");
	unlink(link.ptr);
	unlink(real.ptr);
	rmdir(tmpdir);
	buf_release(&real);
	buf_release(&link);
}
END_TEST

START_TEST(atomic_write_reports_errors)
{
	struct buf file = BUF_INIT, below = BUF_INIT;
	char *err = NULL;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/check_feeds.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	buf_printf(&file, "%s/plain", tmpdir);
	buf_printf(&below, "%s/plain/sub/feeds", tmpdir);
	ck_assert_int_eq(atomic_file_write(file.ptr, "", 0, NULL), 0);
	/* A parent that is a file cannot be made a directory. */
	ck_assert_int_eq(atomic_file_write(below.ptr, "x", 1, &err), -1);
	ck_assert_ptr_nonnull(err);
	ck_assert_ptr_nonnull(strstr(err, "cannot create directory '"));
	ck_assert_ptr_nonnull(strstr(err, "/plain': Not a directory"));
	free(err);
	unlink(file.ptr);
	rmdir(tmpdir);
	buf_release(&file);
	buf_release(&below);
}
END_TEST

static Suite *
feeds_suite(void)
{
	Suite *s = suite_create("feeds");
	TCase *tc = tcase_create("parse");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, tags_quoted_and_bare);
	tcase_add_test(tc, escapes_in_quotes);
	tcase_add_test(tc, title_override_and_hidden);
	tcase_add_test(tc, comments_blank_lines_whitespace);
	tcase_add_test(tc, crlf_bom_and_no_final_newline);
	tcase_add_test(tc, newsboat_special_kinds);
	tcase_add_test(tc, bad_lines_reported_rest_loads);
	tcase_add_test(tc, nul_byte_line);
	tcase_add_test(tc, long_bad_url_quoted_short);
	tcase_add_test(tc, duplicates_merge_silently);
	tcase_add_test(tc, too_many_tags);
	tcase_add_test(tc, builder_and_index);
	suite_add_tcase(s, tc);

	tc = tcase_create("edit");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, add_appends_keeping_everything);
	tcase_add_test(tc, add_line_endings);
	tcase_add_test(tc, add_existing_merges_in_place);
	tcase_add_test(tc, add_rejects_what_cannot_be_written);
	tcase_add_test(tc, remove_keeps_the_rest);
	suite_add_tcase(s, tc);

	tc = tcase_create("atomic_file");
	tcase_add_test(tc, atomic_write_creates_parents);
	tcase_add_test(tc, atomic_write_follows_symlink);
	tcase_add_test(tc, atomic_write_reports_errors);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(feeds_suite());
}
