/*
 * Atomic file replacement (atomic_file.h): write a sibling temporary,
 * sync it, rename it over the target, sync the directory.
 *
 * The temporary has a fixed name, PATH.tmp, so a crash leaves at most one
 * stray file that the next write truncates and reuses, rather than a
 * growing litter of random names.
 */
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "xalloc.h"
#include "banned.h"

static int
fail(char **err, const char *what, const char *path, int errnum)
{
	struct buf b = BUF_INIT;

	if (err != NULL) {
		buf_printf(&b, "cannot %s '%s': %s", what, path,
		    strerror(errnum));
		*err = buf_detach(&b, NULL);
	}
	errno = errnum;
	return -1;
}

/*
 * The file a chain of symbolic links ends at (path itself when it is not
 * a link), on the heap. Relative link targets are taken from the link's
 * directory. Returns NULL with errno set (ELOOP after 40 links).
 */
static char *
resolve_links(const char *path)
{
	struct buf cur = BUF_INIT, next = BUF_INIT;
	struct stat st;
	const char *slash;
	ssize_t n;
	int hops;

	buf_append_str(&cur, path);
	for (hops = 0; hops < 40; hops++) {
		if (lstat(cur.ptr, &st) != 0 || !S_ISLNK(st.st_mode)) {
			buf_release(&next);
			return buf_detach(&cur, NULL);
		}
		buf_reset(&next);
		buf_grow(&next, PATH_MAX);
		n = readlink(cur.ptr, next.ptr, PATH_MAX);
		if (n < 0 || n >= PATH_MAX) {
			if (n >= PATH_MAX)
				errno = ENAMETOOLONG;
			break;
		}
		next.len = (size_t)n;
		next.ptr[n] = '\0';
		if (next.ptr[0] != '/' &&
		    (slash = strrchr(cur.ptr, '/')) != NULL) {
			buf_truncate(&cur, (size_t)(slash - cur.ptr) + 1);
			buf_append(&cur, next.ptr, next.len);
		} else {
			buf_reset(&cur);
			buf_append(&cur, next.ptr, next.len);
		}
	}
	if (hops == 40)
		errno = ELOOP;
	buf_release(&cur);
	buf_release(&next);
	return NULL;
}

/* mkdir -p dir, new directories 0700. */
static int
make_dirs(char *dir, char **err)
{
	struct stat st;
	char *p;
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
					if (e == EEXIST)
						e = ENOTDIR;
					fail(err, "create directory", dir, e);
					*p = saved;
					return -1;
				}
			}
			*p = saved;
		}
		if (*p == '\0')
			return 0;
	}
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

/* Sync the directory holding the renamed file; where a file system
 * cannot (EINVAL), the rename is as durable as it gets. */
static int
sync_dir(const char *dir)
{
	int fd, r;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -1;
	r = fsync(fd);
	if (r != 0 && errno == EINVAL)
		r = 0;
	close(fd);
	return r;
}

int
atomic_file_write(const char *path, const char *data, size_t len,
    char **err)
{
	struct buf tmp = BUF_INIT;
	struct stat st;
	char *target, *dir, *slash;
	mode_t mode = 0600;
	int fd, e, r = -1;

	if (err != NULL)
		*err = NULL;
	if (path == NULL || *path == '\0')
		return fail(err, "write", "", ENOENT);
	/* Replace what a symbolic link points to, not the link. */
	if ((target = resolve_links(path)) == NULL)
		return fail(err, "follow the link", path, errno);
	if (stat(target, &st) == 0)
		mode = st.st_mode & 07777;

	dir = xstrdup(target);
	if ((slash = strrchr(dir, '/')) == NULL) {
		free(dir);
		dir = xstrdup(".");
	} else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	if (make_dirs(dir, err) != 0)
		goto out;

	buf_printf(&tmp, "%s.tmp", target);
	fd = open(tmp.ptr, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		fail(err, "create", tmp.ptr, errno);
		goto out;
	}
	if (write_all(fd, data, len) != 0 || fchmod(fd, mode) != 0 ||
	    fsync(fd) != 0) {
		e = errno;
		close(fd);
		unlink(tmp.ptr);
		fail(err, "write", tmp.ptr, e);
		goto out;
	}
	if (close(fd) != 0) {
		e = errno;
		unlink(tmp.ptr);
		fail(err, "write", tmp.ptr, e);
		goto out;
	}
	if (rename(tmp.ptr, target) != 0) {
		e = errno;
		unlink(tmp.ptr);
		fail(err, "rename", tmp.ptr, e);
		goto out;
	}
	if (sync_dir(dir) != 0) {
		fail(err, "sync directory", dir, errno);
		goto out;
	}
	r = 0;
out:
	buf_release(&tmp);
	free(dir);
	free(target);
	return r;
}
