/*
 * Running the browser and the clipboard tools (launch.h).
 *
 * No shell ever sees a URL: the command is split into words here, the
 * URL becomes one whole word, and the program runs by fork and execvp.
 * The child reports a failed exec through a close-on-exec pipe (a
 * successful exec closes it with nothing written, a failed one writes
 * errno), so "not found" is told apart from a program exiting 127.
 */
#include "launch.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "xalloc.h"
#include "banned.h"

static int
set_err(char **err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
set_err(char **err, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	if (err != NULL) {
		va_start(ap, fmt);
		buf_vprintf(&b, fmt, ap);
		va_end(ap);
		*err = buf_detach(&b, NULL);
	}
	return -1;
}

int
launch_url_allowed(const char *url)
{
	const char *p, *host, *end, *at;

	if (url == NULL)
		return 0;
	for (p = url; *p != '\0'; p++)
		if ((unsigned char)*p < 0x21 || (unsigned char)*p == 0x7f)
			return 0;
	if (strncasecmp(url, "http://", 7) == 0)
		host = url + 7;
	else if (strncasecmp(url, "https://", 8) == 0)
		host = url + 8;
	else
		return 0;
	end = host + strcspn(host, "/?#");
	/* user:password@ is not the host */
	for (at = end; at > host && at[-1] != '@'; at--)
		;
	host = at;
	if (host < end && *host == '[') {
		p = memchr(host, ']', (size_t)(end - host));
		return p != NULL && p > host + 1;
	}
	p = memchr(host, ':', (size_t)(end - host));
	return (p != NULL ? p : end) > host;
}

const char *
launch_browser_command(const char *configured)
{
	const char *env;

	if (configured != NULL && *configured != '\0')
		return configured;
	env = getenv("BROWSER");
	if (env != NULL && *env != '\0')
		return env;
	return "xdg-open";
}

struct words {
	char **v;
	size_t n, cap;
};

static void
words_push(struct words *w, char *s)
{
	if (w->n + 1 >= w->cap) {
		w->cap = w->cap ? w->cap * 2 : 8;
		w->v = xreallocarray(w->v, w->cap, sizeof *w->v);
	}
	w->v[w->n++] = s;
	w->v[w->n] = NULL;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\v' || c == '\f';
}

char **
launch_argv(const char *command, const char *url, char **err)
{
	struct words w = { NULL, 0, 0 };
	struct buf word = BUF_INIT;
	const char *p = command != NULL ? command : "";
	int have_url = 0;
	char quote;

	if (err != NULL)
		*err = NULL;
	for (;;) {
		while (is_space(*p))
			p++;
		if (*p == '\0')
			break;
		buf_reset(&word);
		while (*p != '\0' && !is_space(*p)) {
			if (*p == '\'' || *p == '"') {
				quote = *p++;
				while (*p != '\0' && *p != quote) {
					if (quote == '"' && *p == '\\' &&
					    p[1] != '\0')
						p++;
					buf_append_char(&word, *p++);
				}
				if (*p == '\0') {
					set_err(err, "unclosed quote in "
					    "command '%s'", command);
					goto fail;
				}
				p++;
			} else if (*p == '\\' && p[1] != '\0') {
				buf_append_char(&word, p[1]);
				p += 2;
			} else {
				buf_append_char(&word, *p++);
			}
		}
		if (url != NULL && strcmp(word.ptr, "%u") == 0) {
			words_push(&w, xstrdup(url));
			have_url = 1;
		} else {
			words_push(&w, xstrdup(word.ptr));
		}
	}
	if (w.n == 0) {
		set_err(err, "empty command");
		goto fail;
	}
	if (url != NULL && !have_url)
		words_push(&w, xstrdup(url));
	buf_release(&word);
	return w.v;
fail:
	buf_release(&word);
	launch_argv_free(w.v);
	return NULL;
}

void
launch_argv_free(char **argv)
{
	size_t i;

	if (argv == NULL)
		return;
	for (i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

/* What the child must not inherit from an interface's signal setup. */
static const int reset_signals[] = {
	SIGINT, SIGTERM, SIGPIPE, SIGQUIT, SIGHUP, SIGCHLD, SIGTSTP,
	SIGTTIN, SIGTTOU, SIGALRM, SIGUSR1, SIGUSR2, SIGWINCH, SIGCONT
};

/* In the child, after fork: only async-signal-safe calls. */
static void
child_exec(const char *file, char *const argv[], int report_fd,
    int stdin_fd)
{
	struct sigaction sa;
	sigset_t none;
	size_t i;
	int e, devnull;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof reset_signals / sizeof reset_signals[0]; i++)
		sigaction(reset_signals[i], &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	if (stdin_fd >= 0) {
		if (dup2(stdin_fd, STDIN_FILENO) < 0)
			goto fail;
		if (stdin_fd != STDIN_FILENO)
			close(stdin_fd);
		else if (fcntl(STDIN_FILENO, F_SETFD, 0) != 0)
			goto fail;
		if ((devnull = open("/dev/null", O_WRONLY)) < 0 ||
		    dup2(devnull, STDOUT_FILENO) < 0 ||
		    dup2(devnull, STDERR_FILENO) < 0)
			goto fail;
		if (devnull > STDERR_FILENO)
			close(devnull);
	}
	execvp(file, argv);
fail:
	e = errno;
	while (write(report_fd, &e, sizeof e) < 0 && errno == EINTR)
		;
	_exit(127);
}

static int
cloexec_pipe(int fds[2])
{
	if (pipe(fds) != 0)
		return -1;
	if (fcntl(fds[0], F_SETFD, FD_CLOEXEC) != 0 ||
	    fcntl(fds[1], F_SETFD, FD_CLOEXEC) != 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	return 0;
}

/* The errno a failed exec reported on fd, 0 when the exec worked. */
static int
read_exec_error(int fd)
{
	char *p;
	size_t got = 0;
	ssize_t n;
	int e = 0;

	p = (char *)&e;
	while (got < sizeof e) {
		n = read(fd, p + got, sizeof e - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	return got == sizeof e ? (e != 0 ? e : EIO) : 0;
}

static int
wait_child(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) < 0) {
		if (errno != EINTR)
			return -1;
	}
	return 0;
}

static int
report_status(const char *name, int status, char **err)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		return set_err(err, "%s: exit status %d", name,
		    WEXITSTATUS(status));
	if (WIFSIGNALED(status))
		return set_err(err, "%s: killed by signal %d", name,
		    WTERMSIG(status));
	return set_err(err, "%s: stopped", name);
}

/* Write all of data to fd; SIGPIPE ignored meanwhile, so a reader
 * that went away is an EPIPE here and not the death of telex. */
static int
write_input(int fd, const char *data, size_t len)
{
	struct sigaction ign, old;
	ssize_t n;
	int r = 0, e = 0;

	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	if (sigaction(SIGPIPE, &ign, &old) != 0)
		return -1;
	while (len > 0) {
		n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			e = n < 0 ? errno : EIO;
			r = -1;
			break;
		}
		data += n;
		len -= (size_t)n;
	}
	sigaction(SIGPIPE, &old, NULL);
	errno = e;
	return r;
}

/*
 * Run file (PATH searched when it has no '/') with argv; argv[0] names
 * it in messages. input NULL: the caller's stdin/stdout/stderr; else
 * input on stdin, stdout and stderr to /dev/null.
 */
static int
run(const char *file, char *const argv[], const char *input, size_t len,
    char **err)
{
	const char *name;
	int report[2], in[2] = { -1, -1 }, status, e, werr = 0;
	pid_t pid;

	if (err != NULL)
		*err = NULL;
	if (argv == NULL || argv[0] == NULL || file == NULL || *file == '\0')
		return set_err(err, "empty command");
	name = argv[0];
	if (cloexec_pipe(report) != 0)
		return set_err(err, "%s: cannot make a pipe: %s", name,
		    strerror(errno));
	if (input != NULL && cloexec_pipe(in) != 0) {
		e = errno;
		close(report[0]);
		close(report[1]);
		return set_err(err, "%s: cannot make a pipe: %s", name,
		    strerror(e));
	}
	pid = fork();
	if (pid < 0) {
		e = errno;
		close(report[0]);
		close(report[1]);
		if (input != NULL) {
			close(in[0]);
			close(in[1]);
		}
		return set_err(err, "%s: cannot fork: %s", name, strerror(e));
	}
	if (pid == 0) {
		close(report[0]);
		if (input != NULL)
			close(in[1]);
		child_exec(file, argv, report[1], in[0]);
	}
	close(report[1]);
	if (input != NULL)
		close(in[0]);
	/* The exec happens before the child reads anything, so waiting
	 * for its verdict first cannot deadlock against the input. */
	e = read_exec_error(report[0]);
	close(report[0]);
	if (input != NULL) {
		if (e == 0 && write_input(in[1], input, len) != 0)
			werr = errno;
		close(in[1]);
	}
	if (wait_child(pid, &status) != 0)
		return set_err(err, "%s: cannot wait: %s", name,
		    strerror(errno));
	if (e == ENOENT)
		return set_err(err, "%s: not found", name);
	if (e != 0)
		return set_err(err, "%s: %s", name, strerror(e));
	if (report_status(name, status, err) != 0)
		return -1;
	if (werr != 0)
		return set_err(err, "%s: cannot write its input: %s", name,
		    strerror(werr));
	return 0;
}

int
launch_run(char *const argv[], char **err)
{
	return run(argv != NULL ? argv[0] : NULL, argv, NULL, 0, err);
}

int
launch_run_with_input(char *const argv[], const char *input, size_t len,
    char **err)
{
	return run(argv != NULL ? argv[0] : NULL, argv,
	    input != NULL ? input : "", len, err);
}

/* The executable called name on $PATH (caller frees), or NULL. */
static char *
find_on_path(const char *name)
{
	const char *path = getenv("PATH"), *p, *colon;
	struct buf b = BUF_INIT;
	struct stat st;

	if (path == NULL)
		path = "/usr/bin:/bin";
	for (p = path; ; p = colon + 1) {
		colon = strchr(p, ':');
		if (colon == NULL)
			colon = p + strlen(p);
		buf_reset(&b);
		if (colon == p)
			buf_append_char(&b, '.');
		else
			buf_append(&b, p, (size_t)(colon - p));
		buf_append_char(&b, '/');
		buf_append_str(&b, name);
		if (stat(b.ptr, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(b.ptr, X_OK) == 0)
			return buf_detach(&b, NULL);
		if (*colon == '\0')
			break;
	}
	buf_release(&b);
	return NULL;
}

struct copy_tool {
	const char *env;	/* must be set and non-empty, or NULL */
	const char *argv[4];
};

static const struct copy_tool copy_tools[] = {
	{ "WAYLAND_DISPLAY", { "wl-copy", NULL } },
	{ "DISPLAY", { "xclip", "-selection", "clipboard", NULL } },
	{ "DISPLAY", { "xsel", "-ib", NULL } },
	{ NULL, { "pbcopy", NULL } },
	{ "TMUX", { "tmux", "load-buffer", "-", NULL } },
};

int
launch_copy(const char *text, char **err)
{
	const struct copy_tool *t;
	const char *v;
	char *file;
	size_t i;
	int r;

	if (err != NULL)
		*err = NULL;
	for (i = 0; i < sizeof copy_tools / sizeof copy_tools[0]; i++) {
		t = &copy_tools[i];
		if (t->env != NULL && ((v = getenv(t->env)) == NULL ||
		    *v == '\0'))
			continue;
		if ((file = find_on_path(t->argv[0])) == NULL)
			continue;
		r = run(file, (char *const *)t->argv, text != NULL ? text : "",
		    text != NULL ? strlen(text) : 0, err);
		free(file);
		return r;
	}
	return set_err(err, "no clipboard tool found");
}
