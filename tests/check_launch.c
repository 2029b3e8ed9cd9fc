/*
 * Unit tests for launching: which URLs may be opened, how a browser
 * command is split, that a URL full of shell syntax reaches the program
 * as one untouched argument, and how failures are reported. The
 * programs run are small shell scripts written into a temporary
 * directory that record their arguments and input.
 */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "launch.h"
#include "check_run.h"

static char tmpdir[64];

static void
setup(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/check_launch.XXXXXX");
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

/* An executable script tmpdir/name with body after a PATH line. */
static char *
script(const char *name, const char *body)
{
	char *path = path_in(name);
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fprintf(f, "#!/bin/sh\nPATH=/usr/bin:/bin\n%s\n", body);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(chmod(path, 0700), 0);
	return path;
}

/* A fake browser: writes argc, then each argument in brackets, to
 * tmpdir/args. */
static char *
fake_browser(void)
{
	struct buf body = BUF_INIT;
	char *path;

	buf_printf(&body, "out='%s/args'\n"
	    "printf '%%s\\n' \"$#\" > \"$out\"\n"
	    "for a in \"$@\"; do printf '[%%s]\\n' \"$a\" >> \"$out\"; done",
	    tmpdir);
	path = script("browser", body.ptr);
	buf_release(&body);
	return path;
}

START_TEST(url_allowed)
{
	static const char *const good[] = {
		"http://a", "https://example.com/x?y=1#z",
		"HTTPS://Example.COM/", "HtTp://h:8080/p",
		"http://user:pw@host/", "http://[::1]:80/",
		"https://xn--bcher-kva.example/\xc3\xa4",
	};
	static const char *const bad[] = {
		"", "javascript:alert(1)", "JavaScript://%0aalert(1)",
		"file:///etc/passwd", "ftp://x/", "http:/x", "http:x",
		"http://", "https://", "https:///path", "http://?q",
		"http://#f", "http://user@/", "http://:80/", "http://[]/",
		"http:// x", "http://a b", " http://a", "http://a\n",
		"http://a\r\nHeader: x", "http://a\t", "http://a\x7f",
		"http://a\x1b]0;x\x07", "data:text/html,<b>x</b>",
	};
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		ck_assert_msg(launch_url_allowed(good[i]) == 1,
		    "should allow '%s'", good[i]);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(launch_url_allowed(bad[i]) == 0,
		    "should refuse '%s'", bad[i]);
	ck_assert_int_eq(launch_url_allowed(NULL), 0);
}
END_TEST

START_TEST(browser_command)
{
	ck_assert_int_eq(setenv("BROWSER", "lynx", 1), 0);
	ck_assert_str_eq(launch_browser_command("firefox %u"), "firefox %u");
	ck_assert_str_eq(launch_browser_command(NULL), "lynx");
	ck_assert_str_eq(launch_browser_command(""), "lynx");
	ck_assert_int_eq(setenv("BROWSER", "", 1), 0);
	ck_assert_str_eq(launch_browser_command(NULL), "xdg-open");
	ck_assert_int_eq(unsetenv("BROWSER"), 0);
	ck_assert_str_eq(launch_browser_command(NULL), "xdg-open");
}
END_TEST

static void
argv_is(const char *command, const char *url, const char *const want[])
{
	char *err = NULL, **argv = launch_argv(command, url, &err);
	size_t i;

	ck_assert_msg(argv != NULL, "'%s': %s", command, err);
	for (i = 0; want[i] != NULL; i++) {
		ck_assert_msg(argv[i] != NULL, "'%s': argv[%zu] missing",
		    command, i);
		ck_assert_msg(strcmp(argv[i], want[i]) == 0,
		    "'%s': argv[%zu] is '%s', want '%s'", command, i,
		    argv[i], want[i]);
	}
	ck_assert_msg(argv[i] == NULL, "'%s': extra argv[%zu] '%s'", command,
	    i, argv[i]);
	launch_argv_free(argv);
}

#define U "http://x/a b"

START_TEST(argv_split)
{
	argv_is("firefox", U, (const char *const[]){ "firefox", U, NULL });
	argv_is("  firefox\t--new-tab  %u ", U,
	    (const char *const[]){ "firefox", "--new-tab", U, NULL });
	argv_is("'my browser' \"a b\" c\\ d %u --x", U,
	    (const char *const[]){ "my browser", "a b", "c d", U, "--x",
	    NULL });
	argv_is("echo \"say \\\"hi\\\" \\\\\" 'it'\\''s' 'no\\esc'", U,
	    (const char *const[]){ "echo", "say \"hi\" \\", "it's",
	    "no\\esc", U, NULL });
	/* %u only as a whole word; never pasted into one */
	argv_is("b --url=%u", U,
	    (const char *const[]){ "b", "--url=%u", U, NULL });
	argv_is("b %u '%u'", U, (const char *const[]){ "b", U, U, NULL });
	argv_is("b \"\" x", U, (const char *const[]){ "b", "", "x", U, NULL });
	/* the URL is data: no splitting or unquoting of it */
	argv_is("b", "http://x/'a' \"b\" \\c %u",
	    (const char *const[]){ "b", "http://x/'a' \"b\" \\c %u", NULL });
}
END_TEST

START_TEST(argv_errors)
{
	static const char *const bad[] = { "", "   \t", "firefox 'open",
	    "firefox \"open", "firefox \"a\\\"" };
	char *err;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err = NULL;
		ck_assert_msg(launch_argv(bad[i], U, &err) == NULL,
		    "'%s' should fail", bad[i]);
		ck_assert_msg(err != NULL && *err != '\0', "'%s': no reason",
		    bad[i]);
		free(err);
	}
	err = NULL;
	ck_assert_ptr_null(launch_argv(NULL, U, &err));
	free(err);
}
END_TEST

START_TEST(metacharacters_stay_one_argument)
{
	struct buf url = BUF_INIT, want = BUF_INIT, cmd = BUF_INIT;
	char *browser = fake_browser(), *args = path_in("args");
	char *p1 = path_in("pwned1"), *p2 = path_in("pwned2"), *err = NULL;
	char **argv, *got;
	int tmp_pwned = access("/tmp/pwned", F_OK) == 0;

	buf_printf(&url, "http://x/$(touch /tmp/pwned);a&b|c'\""
	    "$(touch %s)`touch %s`>%s/redir;*?~${HOME}\\", p1, p2, tmpdir);
	buf_printf(&cmd, "'%s' %%u", browser);
	argv = launch_argv(cmd.ptr, url.ptr, &err);
	ck_assert_msg(argv != NULL, "%s", err);
	ck_assert_msg(launch_run(argv, &err) == 0, "%s", err);
	got = slurp(args);
	buf_printf(&want, "1\n[%s]\n", url.ptr);
	ck_assert_str_eq(got, want.ptr);
	ck_assert_int_ne(access(p1, F_OK), 0);
	ck_assert_int_ne(access(p2, F_OK), 0);
	if (!tmp_pwned)
		ck_assert_int_ne(access("/tmp/pwned", F_OK), 0);
	free(got);
	free(args);
	args = path_in("redir");
	ck_assert_int_ne(access(args, F_OK), 0);

	launch_argv_free(argv);
	buf_release(&url);
	buf_release(&want);
	buf_release(&cmd);
	free(browser);
	free(args);
	free(p1);
	free(p2);
}
END_TEST

START_TEST(argv_reaches_program)
{
	char *browser = fake_browser(), *args = path_in("args"), *err = NULL;
	struct buf cmd = BUF_INIT;
	char **argv, *got;

	buf_printf(&cmd, "\"%s\" --new 'two words' %%u --last", browser);
	argv = launch_argv(cmd.ptr, "https://e.x/?a=1&b=2", &err);
	ck_assert_ptr_nonnull(argv);
	ck_assert_msg(launch_run(argv, &err) == 0, "%s", err);
	got = slurp(args);
	ck_assert_str_eq(got, "4\n[--new]\n[two words]\n"
	    "[https://e.x/?a=1&b=2]\n[--last]\n");
	free(got);
	launch_argv_free(argv);
	buf_release(&cmd);
	free(browser);
	free(args);
}
END_TEST

static void
run_fails(char *const argv[], const char *want)
{
	char *err = NULL;

	ck_assert_int_eq(launch_run(argv, &err), -1);
	ck_assert_ptr_nonnull(err);
	ck_assert_msg(strcmp(err, want) == 0, "got '%s', want '%s'", err,
	    want);
	free(err);
}

START_TEST(run_failures)
{
	char *noexec = path_in("noexec");
	FILE *f;
	struct buf want = BUF_INIT;

	run_fails((char *[]){ "telex-no-such-program", "http://a", NULL },
	    "telex-no-such-program: not found");
	run_fails((char *[]){ "/nonexistent/xdg-open", NULL },
	    "/nonexistent/xdg-open: not found");
	run_fails((char *[]){ "sh", "-c", "exit 3", NULL },
	    "sh: exit status 3");
	run_fails((char *[]){ "sh", "-c", "kill -9 $$", NULL },
	    "sh: killed by signal 9");
	/* 127 from the program itself is an exit status, not "not found" */
	run_fails((char *[]){ "sh", "-c", "exit 127", NULL },
	    "sh: exit status 127");

	f = fopen(noexec, "w");
	ck_assert_ptr_nonnull(f);
	fputs("#!/bin/sh\n", f);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(chmod(noexec, 0600), 0);
	buf_printf(&want, "%s: %s", noexec, strerror(EACCES));
	run_fails((char *[]){ noexec, NULL }, want.ptr);
	buf_release(&want);
	free(noexec);

	ck_assert_int_eq(launch_run((char *[]){ "true", NULL }, NULL), 0);
}
END_TEST

START_TEST(child_signals_reset)
{
	char *out = path_in("sig"), *err = NULL, *got;
	struct buf cmd = BUF_INIT;
	sigset_t block;

	/* An interface would ignore or block these; the child must not. */
	signal(SIGINT, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, NULL);
	buf_printf(&cmd, "grep -E '^Sig(Ign|Blk)' /proc/self/status > '%s'",
	    out);
	ck_assert_msg(launch_run((char *[]){ "sh", "-c", cmd.ptr, NULL },
	    &err) == 0, "%s", err);
	if (access("/proc/self/status", F_OK) == 0) {
		got = slurp(out);
		const char *ign = strstr(got, "SigIgn:");
		const char *blk = strstr(got, "SigBlk:");
		unsigned long long mask;

		ck_assert_msg(ign != NULL && blk != NULL, "%s", got);
		mask = strtoull(ign + 7, NULL, 16);
		ck_assert_msg((mask & (1ull << (SIGINT - 1))) == 0 &&
		    (mask & (1ull << (SIGPIPE - 1))) == 0, "%s", got);
		mask = strtoull(blk + 7, NULL, 16);
		ck_assert_msg(mask == 0, "%s", got);
		free(got);
	}
	signal(SIGINT, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	buf_release(&cmd);
	free(out);
}
END_TEST

START_TEST(run_with_input)
{
	struct buf body = BUF_INIT, big = BUF_INIT;
	char *tool, *out = path_in("stdin"), *got, *err = NULL;
	struct sigaction sa;
	size_t i;

	buf_printf(&body, "cat > '%s'; echo noise; echo noise >&2", out);
	tool = script("tool", body.ptr);
	ck_assert_msg(launch_run_with_input((char *[]){ tool, NULL },
	    "hello\0world", 11, &err) == 0, "%s", err);
	{
		struct buf b = BUF_INIT;

		ck_assert_int_eq(buf_read_file(&b, out), 0);
		ck_assert_uint_eq(b.len, 11);
		ck_assert_int_eq(memcmp(b.ptr, "hello\0world", 11), 0);
		buf_release(&b);
	}

	/* more than a pipe holds */
	for (i = 0; i < 300000; i++)
		buf_append_str(&big, "0123456789");
	ck_assert_msg(launch_run_with_input((char *[]){ tool, NULL },
	    big.ptr, big.len, &err) == 0, "%s", err);
	got = slurp(out);
	ck_assert_uint_eq(strlen(got), big.len);
	ck_assert_int_eq(memcmp(got, big.ptr, big.len), 0);
	free(got);

	/* a tool that does not read: EPIPE, not the death of the caller,
	 * and SIGPIPE as it was afterwards */
	ck_assert(signal(SIGPIPE, SIG_DFL) != SIG_ERR);
	ck_assert_int_eq(launch_run_with_input((char *[]){ "true", NULL },
	    big.ptr, big.len, &err), -1);
	ck_assert_ptr_nonnull(err);
	ck_assert_msg(strstr(err, "true: cannot write its input") != NULL,
	    "%s", err);
	free(err);
	ck_assert_int_eq(sigaction(SIGPIPE, NULL, &sa), 0);
	ck_assert(sa.sa_handler == SIG_DFL);

	err = NULL;
	ck_assert_int_eq(launch_run_with_input((char *[]){ "sh", "-c",
	    "cat >/dev/null; exit 4", NULL }, "x", 1, &err), -1);
	ck_assert_str_eq(err, "sh: exit status 4");
	free(err);
	err = NULL;
	ck_assert_int_eq(launch_run_with_input((char *[]){ "telex-nope",
	    NULL }, big.ptr, big.len, &err), -1);
	ck_assert_str_eq(err, "telex-nope: not found");
	free(err);

	buf_release(&body);
	buf_release(&big);
	free(tool);
	free(out);
}
END_TEST

static char *
fake_clip(const char *name)
{
	struct buf body = BUF_INIT;
	char *path;

	buf_printf(&body, "printf '%s %%s\\n' \"$*\" > '%s/clip-args'\n"
	    "cat > '%s/clip-in'", name, tmpdir, tmpdir);
	path = script(name, body.ptr);
	buf_release(&body);
	return path;
}

START_TEST(copy_tools)
{
	char *xclip, *xsel, *wl, *args = path_in("clip-args");
	char *in = path_in("clip-in"), *got, *err = NULL;

	ck_assert_int_eq(setenv("PATH", tmpdir, 1), 0);
	ck_assert_int_eq(unsetenv("WAYLAND_DISPLAY"), 0);
	ck_assert_int_eq(unsetenv("DISPLAY"), 0);
	ck_assert_int_eq(unsetenv("TMUX"), 0);
	ck_assert_int_eq(launch_copy("x", &err), -1);
	ck_assert_str_eq(err, "no clipboard tool found");
	free(err);

	xsel = fake_clip("xsel");
	xclip = fake_clip("xclip");
	ck_assert_int_eq(launch_copy("x", &err), -1);	/* no $DISPLAY */
	free(err);
	ck_assert_int_eq(setenv("DISPLAY", ":0", 1), 0);
	ck_assert_int_eq(setenv("WAYLAND_DISPLAY", "wayland-0", 1), 0);
	/* no wl-copy: xclip comes next, before xsel */
	ck_assert_msg(launch_copy("http://x/$(id)", &err) == 0, "%s", err);
	got = slurp(args);
	ck_assert_str_eq(got, "xclip -selection clipboard\n");
	free(got);
	got = slurp(in);
	ck_assert_str_eq(got, "http://x/$(id)");
	free(got);

	wl = fake_clip("wl-copy");
	ck_assert_msg(launch_copy("w", &err) == 0, "%s", err);
	got = slurp(args);
	ck_assert_str_eq(got, "wl-copy \n");
	free(got);

	ck_assert_int_eq(unlink(xclip), 0);
	ck_assert_int_eq(unlink(wl), 0);
	ck_assert_msg(launch_copy("s", &err) == 0, "%s", err);
	got = slurp(args);
	ck_assert_str_eq(got, "xsel -ib\n");
	free(got);
	got = slurp(in);
	ck_assert_str_eq(got, "s");
	free(got);

	free(xclip);
	free(xsel);
	free(wl);
	free(args);
	free(in);
}
END_TEST

START_TEST(copy_tmux)
{
	char *tmux, *args = path_in("clip-args"), *got, *err = NULL;

	ck_assert_int_eq(setenv("PATH", tmpdir, 1), 0);
	ck_assert_int_eq(unsetenv("WAYLAND_DISPLAY"), 0);
	ck_assert_int_eq(unsetenv("DISPLAY"), 0);
	ck_assert_int_eq(setenv("TMUX", "/tmp/tmux-1/default,1,0", 1), 0);
	tmux = fake_clip("tmux");
	ck_assert_msg(launch_copy("t", &err) == 0, "%s", err);
	got = slurp(args);
	ck_assert_str_eq(got, "tmux load-buffer -\n");
	free(got);
	free(tmux);
	free(args);
}
END_TEST

static Suite *
launch_suite(void)
{
	Suite *s = suite_create("launch");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, url_allowed);
	tcase_add_test(tc, browser_command);
	tcase_add_test(tc, argv_split);
	tcase_add_test(tc, argv_errors);
	tcase_add_test(tc, metacharacters_stay_one_argument);
	tcase_add_test(tc, argv_reaches_program);
	tcase_add_test(tc, run_failures);
	tcase_add_test(tc, child_signals_reset);
	tcase_add_test(tc, run_with_input);
	tcase_add_test(tc, copy_tools);
	tcase_add_test(tc, copy_tmux);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(launch_suite());
}
