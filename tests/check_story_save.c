/*
 * Unit tests for saving stories: the Markdown form exactly, file names
 * made safe from hostile titles, never replacing a file or following a
 * planted link, and save-as's overwrite rule.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "story_save.h"
#include "check_run.h"

static char tmpdir[64];

static void
setup(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/check_story_save.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
teardown(void)
{
	struct buf cmd = BUF_INIT;

	buf_printf(&cmd, "/bin/rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd.ptr), 0);
	buf_release(&cmd);
}

static char *
path_in(const char *name)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s/%s", tmpdir, name);
	return buf_detach(&b, NULL);
}

static char *
slurp(const char *path)
{
	struct buf b = BUF_INIT;

	ck_assert_msg(buf_read_file(&b, path) == 0, "cannot read %s", path);
	return buf_detach(&b, NULL);
}

static void
spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

static const struct story_save_input sample = {
	.title = "Japan, US Step Up\nWork On Missile Shield",
	.feed_title = "Military Space News",
	.author = "A. \033]0;pwned\007Writer",
	.link = "http://ex.com/story/1",
	.date = 1796407320,	/* 2026-12-04 18:02:00 UTC */
	.html = "<p>Hello <a href=\"/a\">world</a>.</p>"
	    "<p>Second <a href=\"http://o.org/x\">x</a>.</p>",
	.base_url = "http://ex.com/story/1",
};

static const char sample_md[] =
    "# Japan, US Step Up Work On Missile Shield\n"
    "Source: Military Space News\n"
    "Author: A. Writer\n"
    "Date: 2026-12-04 18:02 UTC\n"
    "Link: http://ex.com/story/1\n"
    "\n"
    "Hello world[1].\n"
    "\n"
    "Second x[2].\n"
    "\n"
    "## Links\n"
    "\n"
    "[1]: http://ex.com/a\n"
    "[2]: http://o.org/x\n";

START_TEST(markdown_exact)
{
	struct buf out = BUF_INIT;

	story_save_markdown(&sample, &out);
	ck_assert_str_eq(out.ptr, sample_md);
	ck_assert_ptr_null(memchr(out.ptr, '\033', out.len));
	buf_release(&out);
}
END_TEST

START_TEST(markdown_sparse)
{
	struct story_save_input s = { 0 };
	struct buf out = BUF_INIT;

	story_save_markdown(&s, &out);
	ck_assert_str_eq(out.ptr, "# Untitled\n");
	buf_reset(&out);

	s.title = "T";
	s.html = "<p>just \x1b[2Jtext</p>";
	story_save_markdown(&s, &out);
	ck_assert_ptr_null(memchr(out.ptr, '\033', out.len));
	ck_assert_ptr_null(strstr(out.ptr, "## Links"));
	ck_assert_msg(strncmp(out.ptr, "# T\n\njust ", 10) == 0, "got %s",
	    out.ptr);
	buf_release(&out);
}
END_TEST

static void
name_is(const char *title, const char *want)
{
	char *got = story_save_filename(title);

	ck_assert_msg(strcmp(got, want) == 0, "title '%s': got '%s', want '%s'",
	    title != NULL ? title : "(null)", got, want);
	free(got);
}

START_TEST(filename_cases)
{
	name_is("../../.bashrc", "bashrc.md");
	name_is("a/b\\c", "a-b-c.md");
	name_is("...hidden", "hidden.md");
	name_is("--x--", "x.md");
	name_is("Hello, World: \"quoted\" *?<>|", "Hello-World-quoted.md");
	name_is("", "story.md");
	name_is(NULL, "story.md");
	name_is("../..//\\", "story.md");
	name_is("tab\there\nnew\rline", "tab-here-new-line.md");
	name_is("esc\033[31mred\x7f\x01x", "esc-31mred-x.md");
	name_is("Ünïcödé straße", "Ünïcödé-straße.md");
	/* C1 controls, bidi override, fullwidth solidus, invalid UTF-8 */
	name_is("a\xc2\x9b" "b\xe2\x80\xae" "c\xef\xbc\x8f" "d\xff" "e",
	    "a-b-c-d-e.md");
}
END_TEST

START_TEST(filename_long)
{
	char title[301], *got;
	struct buf cjk = BUF_INIT;
	size_t len, i;

	memset(title, 'x', 300);
	title[300] = '\0';
	got = story_save_filename(title);
	ck_assert_uint_eq(strlen(got), 100);
	ck_assert_str_eq(got + 97, ".md");
	free(got);

	/* "漢" is 3 bytes: 97 bytes of stem hold 32 of them (96 bytes). */
	for (i = 0; i < 50; i++)
		buf_append_str(&cjk, "漢");
	got = story_save_filename(cjk.ptr);
	len = strlen(got);
	ck_assert_uint_le(len, 100);
	ck_assert_uint_eq(len, 96 + 3);
	ck_assert_int_eq(strncmp(got, cjk.ptr, 96), 0);
	ck_assert_str_eq(got + 96, ".md");
	free(got);

	/* a separator at the cut is not left dangling */
	memset(title, 'y', 300);
	title[96] = ' ';
	title[300] = '\0';
	got = story_save_filename(title);
	ck_assert_uint_eq(strlen(got), 99);
	ck_assert_str_eq(got + 96, ".md");
	free(got);
	buf_release(&cjk);
}
END_TEST

START_TEST(to_dir_creates_and_never_overwrites)
{
	struct story_save_input s = sample;
	char *dir = path_in("new/saved"), *err = NULL, *p1, *p2, *p3, *text;
	char *want1, *want2;
	struct stat st;

	s.title = "../../.bashrc";
	p1 = story_save_to_dir(&s, dir, &err);
	ck_assert_msg(p1 != NULL, "%s", err);
	ck_assert_int_eq(stat(dir, &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	ck_assert_int_eq(st.st_mode & 0777, 0700);
	want1 = path_in("new/saved/bashrc.md");
	ck_assert_str_eq(p1, want1);
	p2 = story_save_to_dir(&s, dir, &err);
	ck_assert_msg(p2 != NULL, "%s", err);
	want2 = path_in("new/saved/bashrc-2.md");
	ck_assert_str_eq(p2, want2);
	p3 = story_save_to_dir(&s, dir, &err);
	ck_assert_ptr_nonnull(p3);
	ck_assert_ptr_nonnull(strstr(p3, "/bashrc-3.md"));

	text = slurp(p1);
	ck_assert_int_eq(strncmp(text, "# ../../.bashrc\n", 16), 0);
	free(text);
	free(p1);
	free(p2);
	free(p3);
	free(want1);
	free(want2);
	free(dir);
}
END_TEST

START_TEST(to_dir_ignores_planted_symlink)
{
	struct story_save_input s = sample;
	char *victim = path_in("victim"), *link = path_in("title.md");
	char *err = NULL, *p, *text;

	spit(victim, "precious\n");
	ck_assert_int_eq(symlink(victim, link), 0);
	/* and a dangling one at the next name */
	free(link);
	link = path_in("title-2.md");
	ck_assert_int_eq(symlink("/nonexistent/dir/x", link), 0);

	s.title = "Title";
	p = story_save_to_dir(&s, tmpdir, &err);
	ck_assert_msg(p != NULL, "%s", err);
	ck_assert_ptr_nonnull(strstr(p, "/Title.md"));
	free(p);
	/* Case matters on this file system: "title" is a different name. */
	s.title = "title";
	p = story_save_to_dir(&s, tmpdir, &err);
	ck_assert_msg(p != NULL, "%s", err);
	ck_assert_ptr_nonnull(strstr(p, "/title-3.md"));
	text = slurp(victim);
	ck_assert_str_eq(text, "precious\n");
	free(text);
	free(p);
	free(victim);
	free(link);
}
END_TEST

START_TEST(to_dir_errors)
{
	char *file = path_in("plainfile"), *dir = path_in("plainfile/sub");
	char *err = NULL, *p;

	spit(file, "x");
	p = story_save_to_dir(&sample, dir, &err);
	ck_assert_ptr_null(p);
	ck_assert_ptr_nonnull(err);
	ck_assert_msg(strstr(err, "plainfile") != NULL, "%s", err);
	free(err);
	free(file);
	free(dir);
}
END_TEST

START_TEST(to_path_overwrite)
{
	char *path = path_in("out.md"), *err = NULL, *text;
	struct story_save_input s = sample;

	ck_assert_int_eq(story_save_to_path(&s, path, 0, &err), 0);
	text = slurp(path);
	ck_assert_str_eq(text, sample_md);
	free(text);

	s.title = "Other";
	ck_assert_int_eq(story_save_to_path(&s, path, 0, &err), 1);
	ck_assert_ptr_null(err);
	text = slurp(path);
	ck_assert_str_eq(text, sample_md);
	free(text);

	ck_assert_int_eq(story_save_to_path(&s, path, 1, &err), 0);
	text = slurp(path);
	ck_assert_int_eq(strncmp(text, "# Other\n", 8), 0);
	free(text);
	free(path);

	path = path_in("missing/dir/out.md");
	ck_assert_int_eq(story_save_to_path(&s, path, 0, &err), -1);
	ck_assert_ptr_nonnull(err);
	ck_assert_ptr_nonnull(strstr(err, "out.md"));
	free(err);
	free(path);

	ck_assert_int_eq(story_save_to_path(&s, tmpdir, 1, &err), -1);
	ck_assert_ptr_nonnull(err);
	free(err);
}
END_TEST

START_TEST(to_path_home)
{
	char *err = NULL, *text, *want = path_in("saved.md");

	ck_assert_int_eq(setenv("HOME", tmpdir, 1), 0);
	ck_assert_int_eq(story_save_to_path(&sample, "~/saved.md", 0, &err),
	    0);
	text = slurp(want);
	ck_assert_str_eq(text, sample_md);
	free(text);
	free(want);
}
END_TEST

START_TEST(default_dir)
{
	char *d;

	ck_assert_int_eq(setenv("XDG_DATA_HOME", "/xdg/data", 1), 0);
	d = story_save_default_dir();
	ck_assert_str_eq(d, "/xdg/data/telex/saved");
	free(d);
	ck_assert_int_eq(unsetenv("XDG_DATA_HOME"), 0);
	ck_assert_int_eq(setenv("HOME", "/home/u", 1), 0);
	d = story_save_default_dir();
	ck_assert_str_eq(d, "/home/u/.local/share/telex/saved");
	free(d);
}
END_TEST

static Suite *
story_save_suite(void)
{
	Suite *s = suite_create("story_save");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, markdown_exact);
	tcase_add_test(tc, markdown_sparse);
	tcase_add_test(tc, filename_cases);
	tcase_add_test(tc, filename_long);
	tcase_add_test(tc, to_dir_creates_and_never_overwrites);
	tcase_add_test(tc, to_dir_ignores_planted_symlink);
	tcase_add_test(tc, to_dir_errors);
	tcase_add_test(tc, to_path_overwrite);
	tcase_add_test(tc, to_path_home);
	tcase_add_test(tc, default_dir);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(story_save_suite());
}
