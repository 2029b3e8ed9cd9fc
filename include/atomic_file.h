/*
 * atomic_file: replacing a file so that readers and crashes see either
 * the old contents or the new, never a mix.
 *
 * The data goes to PATH.tmp in the same directory (same file system, so
 * rename() is atomic), is fsync()ed, then renamed over PATH; the
 * directory is synced too so the rename itself survives a crash.
 */
#ifndef TELEX_ATOMIC_FILE_H
#define TELEX_ATOMIC_FILE_H

#include <stddef.h>

/*
 * Replace path's contents with data[0..len). Missing parent directories
 * are created (mode 0700, as XDG asks for ours). An existing file keeps
 * its permission bits; a new one gets 0600, since feed URLs can hold
 * credentials. When path is a symbolic link, the file it points to is
 * replaced and the link stays. Returns 0, or -1 with *err set to a
 * message the caller frees ("cannot write 'PATH.tmp': reason"), the
 * temporary file removed and path untouched.
 */
int atomic_file_write(const char *path, const char *data, size_t len,
    char **err);

#endif
