/*
 * The interface's life (ui.h, ui_priv.h): start-up, the event loop and
 * the ways out.
 *
 * One loop serves the keyboard, the mouse, the poller and the clock:
 * while a refresh runs, the poller waits on its sockets and on the
 * terminal together, so a key is answered within a frame however slow
 * the feeds; when idle, poll() waits on the terminal with a timeout
 * that checks whether another telex wrote to the cache.
 *
 * The terminal is restored on every way out: quit; SIGINT, SIGTERM and
 * SIGHUP (they set a flag the loop reads); a fatal error (xalloc's
 * hook); a crash (the handler puts the tty back as it was, then lets
 * the signal kill the process). Ctrl-Z is ncurses' own handling: it
 * restores the terminal, stops, and repaints when resumed.
 */
#include "ui.h"
#include "ui_priv.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "paths.h"
#include "text_safe.h"
#include "xalloc.h"
#include "banned.h"

/* How long a status message stays, and how often the cache is checked. */
#define MESSAGE_SECONDS 5
#define CHECK_SECONDS 2
/* Frames while a refresh runs: the longest wait for a key or a redraw. */
#define FRAME_MS 100
#define MAX_MESSAGES 200

/*
 * What the signal handlers may touch: the flag the loop reads, and what
 * a crash handler needs to give the terminal back.
 */
static volatile sig_atomic_t quit_signal;
static struct termios saved_tty;
static int have_saved_tty;
static int screen_up;

static void
on_quit_signal(int sig)
{
	quit_signal = sig;
}

static void
on_crash(int sig)
{
	/* Async-signal-safe only: the tty back, the alternate screen off. */
	static const char reset[] = "\033[?1049l\033[?1000l\033[?1002l"
	    "\033[?1006l\033[?25h\033[0m\r\n";

	if (have_saved_tty)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
	if (screen_up && write(STDOUT_FILENO, reset, sizeof(reset) - 1) < 0) {
		/* nothing more can be done */
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
fatal_hook(void)
{
	if (screen_up) {
		endwin();
		screen_up = 0;
	}
}

static void
set_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_quit_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
}

static void
reset_signals(void)
{
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGSEGV, SIG_DFL);
	signal(SIGBUS, SIG_DFL);
	signal(SIGFPE, SIG_DFL);
	signal(SIGILL, SIG_DFL);
	signal(SIGABRT, SIG_DFL);
}

void
ui_message(struct ui *ui, int error, const char *fmt, ...)
{
	struct buf raw = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&raw, fmt, ap);
	va_end(ap);
	/* Messages quote feeds and servers: made safe like all text. */
	buf_reset(&ui->status);
	text_safe_append(&ui->status, raw.ptr, raw.len);
	buf_release(&raw);
	ui->status_error = error;
	ui->status_time = time(NULL);
	ui->dirty |= UI_DIRTY_ALL;
}

void
ui_problem(struct ui *ui, const char *msg)
{
	struct buf b = BUF_INIT;

	if (msg == NULL)
		return;
	text_safe_append(&b, msg, strlen(msg));
	if (ui->nmessages == MAX_MESSAGES) {
		free(ui->messages[0]);
		memmove(ui->messages, ui->messages + 1,
		    (MAX_MESSAGES - 1) * sizeof(*ui->messages));
		ui->nmessages--;
	}
	if (ui->messages == NULL)
		ui->messages = xcalloc(MAX_MESSAGES, sizeof(*ui->messages));
	ui->messages[ui->nmessages++] = buf_detach(&b, NULL);
	ui_message(ui, 1, "%s (E: messages)", msg);
}

void
ui_suspend(struct ui *ui)
{
	(void)ui;
	def_prog_mode();
	endwin();
	fflush(stdout);
}

void
ui_resume(struct ui *ui)
{
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	ui->dirty |= UI_DIRTY_ALL;
}

/* --- refreshing from inside ------------------------------------------ */

static void
on_refresh_event(void *arg, const struct refresh_event *e)
{
	struct ui *ui = arg;
	struct buf b = BUF_INIT;

	if (e->problem != NULL) {
		ui_problem(ui, e->problem);
		return;
	}
	if (e->status == POLL_FAILED) {
		buf_printf(&b, "%s: %s", e->url, e->error != NULL ? e->error :
		    "failed");
		ui_problem(ui, b.ptr);
		buf_release(&b);
	}
	/* New headlines show as they are stored. */
	if (!e->page || e->status == POLL_OK)
		ui->dirty |= UI_DIRTY_COUNTS | UI_DIRTY_LIST;
}

void
ui_refresh_start(struct ui *ui, char **urls, size_t nurls)
{
	if (ui->refreshing)
		return;
	if (refresh_start(&ui->refresh, ui->ctx, ui->cache, urls, nurls, 1,
	    on_refresh_event, ui) != 0) {
		refresh_finish(&ui->refresh);
		return;
	}
	ui->refreshing = 1;
	ui_message(ui, 0, "Refreshing %zu %s...", ui->refresh.stats.queued,
	    ui->refresh.stats.queued == 1 ? "feed" : "feeds");
}

static void
refresh_done(struct ui *ui)
{
	const struct refresh_stats *s = &ui->refresh.stats;

	ui->refreshing = 0;
	ui_message(ui, s->failed > 0, "Refreshed %zu %s: %zu new, %zu "
	    "failed%s.", s->done, s->done == 1 ? "feed" : "feeds", s->added,
	    s->failed, s->failed > 0 ? " (E: messages)" : "");
	refresh_finish(&ui->refresh);
	ui->dirty |= UI_DIRTY_COUNTS | UI_DIRTY_LIST | UI_DIRTY_ALL;
}

/* --- keys ----------------------------------------------------------- */

/* What curses read, as a keymap code; -1 for nothing to do. */
static int
key_code(int got, wint_t ch)
{
	if (got == OK) {
		if (ch == '\n' || ch == '\r')
			return KEYMAP_ENTER;
		if (ch == 127 || ch == 8)
			return KEYMAP_BACKSPACE;
		return (int)ch;
	}
	switch (ch) {
	case KEY_UP: return KEYMAP_UP;
	case KEY_DOWN: return KEYMAP_DOWN;
	case KEY_LEFT: return KEYMAP_LEFT;
	case KEY_RIGHT: return KEYMAP_RIGHT;
	case KEY_PPAGE: return KEYMAP_PPAGE;
	case KEY_NPAGE: return KEYMAP_NPAGE;
	case KEY_HOME: return KEYMAP_HOME;
	case KEY_END: return KEYMAP_END;
	case KEY_IC: return KEYMAP_INSERT;
	case KEY_DC: return KEYMAP_DEL;
	case KEY_BACKSPACE: return KEYMAP_BACKSPACE;
	case KEY_BTAB: return KEYMAP_BTAB;
	case KEY_ENTER: return KEYMAP_ENTER;
	default:
		if (ch >= KEY_F(1) && ch <= KEY_F(12))
			return KEYMAP_F0 + (int)(ch - KEY_F0);
		return -1;
	}
}

static void
on_mouse(struct ui *ui)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON1_DOUBLE_CLICKED)
		ui_mouse(ui, ev.y, ev.x, 2);
	else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED))
		ui_mouse(ui, ev.y, ev.x, 1);
	else if (ev.bstate & BUTTON4_PRESSED)
		ui_mouse(ui, ev.y, ev.x, 4);
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		ui_mouse(ui, ev.y, ev.x, 5);
#endif
}

/* Read and act on every key waiting. */
static void
read_keys(struct ui *ui)
{
	wint_t ch;
	int got, key, command;

	while (!ui->quit && (got = get_wch(&ch)) != ERR) {
		if (got == KEY_CODE_YES && ch == KEY_RESIZE) {
			ui->dirty |= UI_DIRTY_ALL;
			ui_reader_forget(&ui->reader);
			continue;
		}
		if (got == KEY_CODE_YES && ch == KEY_MOUSE) {
			on_mouse(ui);
			continue;
		}
		key = key_code(got, ch);
		if (key < 0)
			continue;
		if (ui->status.len > 0 && !ui->status_error) {
			buf_reset(&ui->status);
			ui->dirty |= UI_DIRTY_ALL;
		}
		if (ui->prompt != UI_PROMPT_NONE) {
			ui_prompt_key(ui, key);
			continue;
		}
		command = keymap_lookup(&ui->keys, key);
		if (command >= 0) {
			if (ui->status_error) {
				buf_reset(&ui->status);
				ui->status_error = 0;
			}
			ui_command_run(ui, command, key);
		}
	}
}

/* --- the loop --------------------------------------------------------- */

static void
update(struct ui *ui)
{
	char *err = NULL;

	if (ui->dirty & UI_DIRTY_COUNTS) {
		if (ui_topics_count(&ui->topics, ui->cache, &err) != 0) {
			ui_problem(ui, err);
			free(err);
			err = NULL;
		}
		ui->dirty |= UI_DIRTY_ALL;
	}
	if (ui->dirty & UI_DIRTY_LIST) {
		ui_row_forget(ui, 0);
		if (ui_list_reload(&ui->list, ui->cache, &err) != 0) {
			ui_problem(ui, err);
			free(err);
		}
		ui_front_release(&ui->front);
		if (ui->overlay == UI_OVERLAY_FRONT)
			ui_front_build(ui);
		ui->dirty |= UI_DIRTY_ALL;
	}
	if (ui->status.len > 0 && !ui->status_error &&
	    time(NULL) - ui->status_time >= MESSAGE_SECONDS && !ui->refreshing) {
		buf_reset(&ui->status);
		ui->dirty |= UI_DIRTY_ALL;
	}
	if (ui->dirty & UI_DIRTY_ALL)
		ui_draw(ui);
	ui->dirty = 0;
}

/* Another telex (a refresh in another terminal) wrote to the cache. */
static void
check_cache(struct ui *ui)
{
	time_t now = time(NULL);
	int64_t v;

	if (now - ui->checked < CHECK_SECONDS)
		return;
	ui->checked = now;
	v = cache_data_version(ui->cache);
	if (v >= 0 && v != ui->data_version) {
		if (ui->data_version != 0)
			ui->dirty |= UI_DIRTY_COUNTS | UI_DIRTY_LIST;
		ui->data_version = v;
	}
}

static void
loop(struct ui *ui)
{
	struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
	struct curl_waitfd wfd;

	while (!ui->quit && !quit_signal) {
		update(ui);
		if (ui->refreshing) {
			memset(&wfd, 0, sizeof(wfd));
			wfd.fd = STDIN_FILENO;
			wfd.events = CURL_WAIT_POLLIN;
			if (refresh_run(&ui->refresh, FRAME_MS, &wfd, 1) == 0)
				refresh_done(ui);
		} else if (poll(&pfd, 1, CHECK_SECONDS * 1000) < 0 &&
		    errno != EINTR) {
			break;
		}
		read_keys(ui);
		if (!ui->refreshing)
			check_cache(ui);
	}
	if (ui->refreshing) {
		/* What was stored stays; the rest waits for the next time. */
		refresh_finish(&ui->refresh);
		ui->refreshing = 0;
	}
}

/* --- start and end ---------------------------------------------------- */

static void
config_problem(void *arg, const char *msg)
{
	ui_problem(arg, msg);
}

static void
apply_binds(struct ui *ui)
{
	const struct config *c = &ui->ctx->config;
	const char *why;
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < c->nbinds; i++) {
		why = keymap_apply(&ui->keys, c->binds[i].key,
		    c->binds[i].command, ui_command_find, NULL);
		if (why == NULL)
			continue;
		buf_reset(&b);
		buf_printf(&b, "%s:%zu: %s '%s'", ui->ctx->config_path,
		    c->binds[i].line, why, strcmp(why, "unknown key") == 0 ||
		    c->binds[i].command == NULL ? c->binds[i].key :
		    c->binds[i].command);
		ui_problem(ui, b.ptr);
	}
	buf_release(&b);
}

/* The installed themes, or the source tree's beside its data/. */
static char *
themes_dir(void)
{
	char *data = paths_package_data();
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s/themes", data);
	if (access(b.ptr, F_OK) != 0) {
		buf_reset(&b);
		buf_printf(&b, "%s/../themes", data);
	}
	free(data);
	return buf_detach(&b, NULL);
}

static void
load_theme(struct ui *ui)
{
	const char *name = ui->ctx->config.theme != NULL ?
	    ui->ctx->config.theme : "default";
	char *user = paths_config("themes"), *data = themes_dir();
	char *err = NULL;

	if (theme_load(&ui->theme, name, user, data, config_problem, ui,
	    &err) != 0) {
		ui_problem(ui, err);
		free(err);
	}
	free(user);
	free(data);
}

static int
start_screen(struct ui *ui)
{
	const char *cs;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("telex: the reader needs a terminal; try 'telex list'\n",
		    stderr);
		return -1;
	}
	cs = nl_langinfo(CODESET);
	ui->utf8 = cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0);
	if (tcgetattr(STDIN_FILENO, &saved_tty) == 0)
		have_saved_tty = 1;
	/* Escape alone (back) should not wait a second for more. */
	setenv("ESCDELAY", "25", 0);
	ui->screen = newterm(NULL, stdout, stdin);
	if (ui->screen == NULL) {
		fprintf(stderr, "telex: cannot use the terminal '%s'\n",
		    getenv("TERM") != NULL ? getenv("TERM") : "(unset)");
		return -1;
	}
	screen_up = 1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	    | BUTTON5_PRESSED
#endif
	    , NULL);
	mouseinterval(200);
	curs_set(0);
	ui_theme_setup(ui);
	return 0;
}

int
ui_run(struct context *ctx)
{
	struct ui *ui;
	char *err = NULL;
	int status = 0;
	size_t i;

	setlocale(LC_ALL, "");
	ui = xcalloc(1, sizeof(*ui));
	ui->ctx = ctx;
	/* A cache it cannot write is still read: marks are not kept. */
	ui->cache = cache_open(ctx->cache_path, CACHE_READONLY_FALLBACK, &err);
	if (ui->cache == NULL) {
		text_safe_report(NULL, err);
		free(err);
		free(ui);
		return 2;
	}
	keymap_init(&ui->keys);
	buf_init(&ui->status);
	buf_init(&ui->prompt_text);
	buf_init(&ui->scratch);
	cache_ids_init(&ui->undo);
	ui_list_init(&ui->list);
	ui_list_init(&ui->before_search);
	ui_reader_init(&ui->reader);
	ui_keys_default(ui);
	apply_binds(ui);
	load_theme(ui);
	if (cache_readonly_reason(ui->cache) != NULL) {
		struct buf msg = BUF_INIT;
		buf_printf(&msg, "read-only cache, marks and refreshes are not "
		    "kept: %s", cache_readonly_reason(ui->cache));
		ui_problem(ui, msg.ptr);
		buf_release(&msg);
	}
	for (i = 0; i < ctx->nproblems; i++)
		ui_problem(ui, ctx->problems[i]);
	for (i = 0; i < ctx->feeds.nerrors; i++)
		ui_problem(ui, ctx->feeds.errors[i]);
	ui_topics_build(&ui->topics, &ctx->feeds);
	if (ui_topics_count(&ui->topics, ui->cache, &err) != 0) {
		ui_problem(ui, err);
		free(err);
		err = NULL;
	}
	ui_topics_fold(&ui->topics);
	ui->data_version = cache_data_version(ui->cache);
	ui->checked = time(NULL);
	ui->focus = UI_TOPICS;
	xalloc_set_fatal_hook(fatal_hook);
	set_signals();
	if (start_screen(ui) != 0) {
		status = 2;
	} else {
		ui_select_topic(ui, 0);
		if (ui->topics.nfeeds > 0)
			ui->focus = UI_HEADLINES;
		if (ui->nmessages == 0 && ui->status.len == 0)
			ui_message(ui, 0, "%s", ctx->demo ? "The demo feeds, "
			    "offline. ? lists the keys." : "? lists the keys.");
		ui->dirty = UI_DIRTY_ALL;
		loop(ui);
		endwin();
		screen_up = 0;
	}
	if (ui->screen != NULL)
		delscreen(ui->screen);
	reset_signals();
	xalloc_set_fatal_hook(NULL);
	if (quit_signal != 0)
		status = 128 + quit_signal;
	ui_list_release(&ui->list);
	if (ui->have_before_search)
		ui_list_release(&ui->before_search);
	ui_reader_release(&ui->reader);
	ui_front_release(&ui->front);
	ui_row_forget(ui, 0);
	ui_topics_release(&ui->topics);
	for (i = 0; i < ui->nmessages; i++)
		free(ui->messages[i]);
	free(ui->messages);
	free(ui->undo_what);
	free(ui->pending_path);
	cache_ids_release(&ui->undo);
	buf_release(&ui->status);
	buf_release(&ui->prompt_text);
	buf_release(&ui->scratch);
	keymap_release(&ui->keys);
	theme_release(&ui->theme);
	cache_close(ui->cache);
	free(ui);
	return status;
}
