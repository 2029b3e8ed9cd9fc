/*
 * launch: opening links in a browser and copying them, safely.
 *
 * A URL from a feed is hostile: only http(s) URLs are opened, and the
 * browser runs by fork and exec with the URL as one argument, never
 * through a shell (DESIGN.md). The browser command comes from the
 * config's `browser`, else $BROWSER, else xdg-open; it is split into
 * words (single and double quotes group, no other shell syntax), and
 * a word "%u" is replaced by the URL; with no "%u" the URL is the last
 * argument. The URL is never pasted inside a word.
 */
#ifndef TELEX_LAUNCH_H
#define TELEX_LAUNCH_H

#include <stddef.h>

/* 1 when url may be opened: http:// or https:// with a host, no
 * control characters or spaces. */
int launch_url_allowed(const char *url);

/* The browser command to use (config value or NULL). Borrowed/static. */
const char *launch_browser_command(const char *configured);

/*
 * argv for command and url (NULL-terminated; free with launch_argv_free).
 * NULL with *err set when command is empty or its quotes do not close.
 */
char **launch_argv(const char *command, const char *url, char **err);
void launch_argv_free(char **argv);

/*
 * Run argv and wait for it; stdin/stdout/stderr are the caller's (the
 * interface gives up the terminal first). 0 when it ran and exited 0;
 * -1 with *err set ("xdg-open: not found", "firefox: exit status 3").
 */
int launch_run(char *const argv[], char **err);

/* Run argv with input on its stdin, stdout and stderr to /dev/null. */
int launch_run_with_input(char *const argv[], const char *input,
    size_t len, char **err);

/*
 * Copy text to the clipboard with the first tool found on PATH:
 * wl-copy (with $WAYLAND_DISPLAY), xclip -selection clipboard or
 * xsel -ib (with $DISPLAY), pbcopy, else tmux load-buffer - (inside
 * tmux). 0, or -1 with *err set ("no clipboard tool found").
 */
int launch_copy(const char *text, char **err);

#endif
