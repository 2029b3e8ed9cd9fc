/*
 * Saving a story as Markdown (story_save.h).
 *
 * The text is the reader's own: render_html() at the default width,
 * its lines copied as they are (render.h guarantees them control-free)
 * and its links listed as Markdown reference definitions, so the "[N]"
 * markers in the text become links in a Markdown viewer. Everything
 * else that comes from the feed goes through text_safe_append().
 *
 * File names are the hostile part: a title is a string of the feed's
 * choosing, so only letters and digits survive it, and the file is
 * created with O_EXCL | O_NOFOLLOW so that neither an existing file nor
 * a planted symbolic link is ever written through.
 */
#include "story_save.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "buf.h"
#include "date.h"
#include "paths.h"
#include "render.h"
#include "text_safe.h"
#include "wcwidth.h"
#include "xalloc.h"
#include "banned.h"

#define NAME_MAX_BYTES 100	/* the whole name, ".md" included */
#define SUFFIX_TRIES 1000

static void
field(struct buf *out, const char *label, const char *value)
{
	size_t start;

	if (value == NULL || *value == '\0')
		return;
	buf_append_str(out, label);
	start = out->len;
	text_safe_append(out, value, strlen(value));
	if (out->len == start)		/* nothing safe was left */
		buf_truncate(out, start - strlen(label));
	else
		buf_append_char(out, '\n');
}

/* "2026-12-04 18:02 UTC" from date_format_iso()'s "2026-12-04T18:02:33Z". */
static void
date_field(struct buf *out, int64_t date)
{
	char iso[DATE_ISO_SIZE];

	if (date == 0 || date_format_iso(date, iso) != 0)
		return;
	buf_printf(out, "Date: %.10s %.5s UTC\n", iso, iso + 11);
}

void
story_save_markdown(const struct story_save_input *s, struct buf *out)
{
	struct render_doc d;
	size_t i, start, nlines;

	buf_append_str(out, "# ");
	start = out->len;
	if (s->title != NULL)
		text_safe_append(out, s->title, strlen(s->title));
	if (out->len == start)
		buf_append_str(out, "Untitled");
	buf_append_char(out, '\n');
	field(out, "Source: ", s->feed_title);
	field(out, "Author: ", s->author);
	date_field(out, s->date);
	field(out, "Link: ", s->link);

	if (s->html == NULL)
		return;
	if (render_html(s->html, strlen(s->html), s->base_url,
	    RENDER_WIDTH_DEFAULT, &d) != 0) {
		render_doc_release(&d);
		return;
	}
	nlines = d.nlines;
	while (nlines > 0 && d.lines[nlines - 1].len == 0)
		nlines--;
	i = 0;
	while (i < nlines && d.lines[i].len == 0)
		i++;
	if (i < nlines)
		buf_append_char(out, '\n');
	for (; i < nlines; i++) {
		buf_append(out, d.lines[i].text, d.lines[i].len);
		buf_append_char(out, '\n');
	}
	if (d.nlinks > 0) {
		buf_append_str(out, "\n## Links\n\n");
		for (i = 0; i < d.nlinks; i++) {
			buf_printf(out, "[%zu]: ", i + 1);
			text_safe_append(out, d.links[i], strlen(d.links[i]));
			buf_append_char(out, '\n');
		}
	}
	render_doc_release(&d);
}

/*
 * Code points that may stand in a file name besides ASCII letters and
 * digits: any valid non-ASCII character except controls, the invisible
 * and reordering ones, spaces, and the look-alikes of '/' and '\'.
 */
static int
name_char(unsigned long c)
{
	if (c < 0xA1 || c == 0xAD || c == 0xFFFD || c == 0xFEFF)
		return 0;		/* C1, NBSP, soft hyphen, U+FFFD, BOM */
	if (c == 0x1680 || (c >= 0x2000 && c <= 0x200F) ||
	    (c >= 0x2028 && c <= 0x202F) || c == 0x205F ||
	    (c >= 0x2060 && c <= 0x206F) || c == 0x3000)
		return 0;		/* spaces, marks, bidi controls */
	if (c == 0x2044 || c == 0x2215 || c == 0x2216 || c == 0x29F5 ||
	    c == 0x29F8 || c == 0x29F9 || c == 0xFF0F || c == 0xFF3C ||
	    c == 0xFE68)
		return 0;		/* slashes and backslashes */
	if ((c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000)
		return 0;		/* private use */
	return 1;
}

/* The safe stem of title (no ".md"), at most max bytes, maybe "". */
static void
safe_stem(struct buf *out, const char *title, size_t max)
{
	size_t len = title != NULL ? strlen(title) : 0, i = 0, n;
	unsigned long cp;
	unsigned char c;
	int sep = 0;

	while (i < len) {
		c = (unsigned char)title[i];
		if (c < 0x80) {
			n = 1;
			cp = c;
			if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
			    (c >= 'a' && c <= 'z')))
				cp = 0;
		} else {
			/* invalid bytes come back as U+FFFD, rejected */
			n = utf8_decode(title + i, len - i, &cp);
			if (!name_char(cp))
				cp = 0;
		}
		if (cp == 0) {
			sep = 1;
			i += n;
			continue;
		}
		/* A separator before the first kept character is dropped. */
		if (sep && out->len > 0) {
			if (out->len + 1 + n > max)
				break;
			buf_append_char(out, '-');
		}
		sep = 0;
		if (out->len + n > max)
			break;
		buf_append(out, title + i, n);
		i += n;
	}
	while (out->len > 0 && out->ptr[out->len - 1] == '-')
		buf_truncate(out, out->len - 1);
}

/* stem (cut to fit on a character boundary), "-N" when n > 1, ".md". */
static char *
make_name(const char *stem, unsigned n)
{
	struct buf b = BUF_INIT;
	char suffix[16];
	size_t room, len = strlen(stem);

	suffix[0] = '\0';
	if (n > 1)
		snprintf(suffix, sizeof suffix, "-%u", n);
	room = NAME_MAX_BYTES - strlen(".md") - strlen(suffix);
	if (len > room) {
		len = room;
		while (len > 0 && ((unsigned char)stem[len] & 0xC0) == 0x80)
			len--;
		while (len > 0 && stem[len - 1] == '-')
			len--;
	}
	if (len == 0) {
		stem = "story";
		len = strlen(stem);
	}
	buf_append(&b, stem, len);
	buf_append_str(&b, suffix);
	buf_append_str(&b, ".md");
	return buf_detach(&b, NULL);
}

char *
story_save_filename(const char *title)
{
	struct buf stem = BUF_INIT;
	char *name;

	safe_stem(&stem, title, NAME_MAX_BYTES - strlen(".md"));
	name = make_name(stem.ptr, 1);
	buf_release(&stem);
	return name;
}

static void
set_err(char **err, const char *what, const char *path, int errnum)
{
	struct buf b = BUF_INIT;

	if (err == NULL)
		return;
	buf_printf(&b, "cannot %s '%s': %s", what, path, strerror(errnum));
	*err = buf_detach(&b, NULL);
}

/* path with a leading "~/" taken from $HOME; caller frees. */
static char *
expand_home(const char *path)
{
	const char *home = getenv("HOME");
	struct buf b = BUF_INIT;

	if (path[0] == '~' && path[1] == '/' && home != NULL && *home != '\0') {
		buf_append_str(&b, home);
		buf_append_str(&b, path + 1);
		return buf_detach(&b, NULL);
	}
	return xstrdup(path);
}

/* mkdir -p dir, new directories 0700. */
static int
make_dirs(const char *path, char **err)
{
	char *dir = xstrdup(path), *p;
	struct stat st;
	int e;

	for (p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		if (p[-1] != '/') {
			char saved = *p;

			*p = '\0';
			if (mkdir(dir, 0700) != 0) {
				e = errno;
				if (e != EEXIST || stat(dir, &st) != 0 ||
				    !S_ISDIR(st.st_mode)) {
					set_err(err, "create directory", dir,
					    e == EEXIST ? ENOTDIR : e);
					free(dir);
					return -1;
				}
			}
			*p = saved;
		}
		if (*p == '\0')
			break;
	}
	free(dir);
	return 0;
}

static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Write data to the new file fd at path, sync and close it; on failure
 * the file is removed. */
static int
finish_file(int fd, const char *path, const char *data, size_t len,
    char **err)
{
	int e;

	if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		e = errno;
		close(fd);
		unlink(path);
		set_err(err, "write", path, e);
		return -1;
	}
	if (close(fd) != 0) {
		e = errno;
		unlink(path);
		set_err(err, "write", path, e);
		return -1;
	}
	return 0;
}

#define CREATE_FLAGS (O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC)

char *
story_save_to_dir(const struct story_save_input *s, const char *dir,
    char **err)
{
	struct buf md = BUF_INIT, stem = BUF_INIT, path = BUF_INIT;
	char *d, *name, *result = NULL;
	unsigned n;
	int fd = -1;

	if (err != NULL)
		*err = NULL;
	if (dir == NULL || *dir == '\0') {
		set_err(err, "save into", "", ENOENT);
		return NULL;
	}
	d = expand_home(dir);
	if (make_dirs(d, err) != 0)
		goto out;
	safe_stem(&stem, s->title, NAME_MAX_BYTES - strlen(".md"));
	for (n = 1; n <= SUFFIX_TRIES; n++) {
		name = make_name(stem.ptr, n);
		buf_reset(&path);
		buf_append_str(&path, d);
		if (path.len > 0 && path.ptr[path.len - 1] != '/')
			buf_append_char(&path, '/');
		buf_append_str(&path, name);
		free(name);
		fd = open(path.ptr, CREATE_FLAGS, 0600);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0) {
		set_err(err, "create", path.ptr, n > SUFFIX_TRIES ? EEXIST :
		    errno);
		goto out;
	}
	story_save_markdown(s, &md);
	if (finish_file(fd, path.ptr, md.ptr, md.len, err) != 0)
		goto out;
	result = buf_detach(&path, NULL);
out:
	buf_release(&md);
	buf_release(&stem);
	buf_release(&path);
	free(d);
	return result;
}

int
story_save_to_path(const struct story_save_input *s, const char *path,
    int overwrite, char **err)
{
	struct buf md = BUF_INIT;
	struct stat st;
	char *p;
	int fd, r = -1;

	if (err != NULL)
		*err = NULL;
	if (path == NULL || *path == '\0') {
		set_err(err, "write", "", ENOENT);
		return -1;
	}
	p = expand_home(path);
	story_save_markdown(s, &md);
	/* A new file is created in place, so nothing can be replaced by
	 * a race between a check and the write. */
	fd = open(p, CREATE_FLAGS, 0600);
	if (fd >= 0) {
		r = finish_file(fd, p, md.ptr, md.len, err);
	} else if (errno != EEXIST) {
		set_err(err, "create", p, errno);
	} else if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
		set_err(err, "write", p, EISDIR);
	} else if (!overwrite) {
		r = 1;
	} else {
		r = atomic_file_write(p, md.ptr, md.len, err);
	}
	buf_release(&md);
	free(p);
	return r;
}

char *
story_save_default_dir(void)
{
	return paths_data("saved");
}
