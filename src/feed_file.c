/*
 * Feeds from files (feed_file.h): read(2) in pieces into the push parser.
 */
#include "feed_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "feed_parse.h"
#include "banned.h"

#define PIECE ((size_t)256 << 10)

static int
read_again(void *path, struct buf *out)
{
	return buf_read_file(out, path);
}

int
feed_parse_file(const char *path, const char *url, struct feed *out)
{
	struct feed_parser *p;
	struct stat st;
	char *piece;
	ssize_t n;
	int fd, saved, r;

	fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
		saved = S_ISDIR(st.st_mode) ? EISDIR : errno;
		if (fd != STDIN_FILENO)
			close(fd);
		errno = saved;
		return -1;
	}
	piece = malloc(PIECE);
	if (piece == NULL) {
		if (fd != STDIN_FILENO)
			close(fd);
		errno = ENOMEM;
		return -1;
	}
	p = feed_parser_new(out, url);
	if (S_ISREG(st.st_mode) && fd != STDIN_FILENO)
		feed_parser_set_replay(p, read_again, (void *)path);
	for (;;) {
		n = read(fd, piece, PIECE);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (feed_parser_push(p, piece, (size_t)n) != 0)
			break;	/* too large: the parser said so */
	}
	saved = errno;
	free(piece);
	if (fd != STDIN_FILENO)
		close(fd);
	if (n < 0) {
		feed_parser_free(p);
		errno = saved;
		return -1;
	}
	r = feed_parser_finish(p);
	feed_parser_free(p);
	return r;
}
