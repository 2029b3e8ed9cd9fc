/*
 * File locations (paths.h). A relative XDG variable is ignored, as the
 * XDG spec says; HOME unset falls back to the password database.
 */
/* realpath() is an XSI extension. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "paths.h"

#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "xalloc.h"
#include "banned.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/telex"
#endif

static const char *
home(void)
{
	const char *h = getenv("HOME");
	struct passwd *pw;

	if (h != NULL && *h == '/')
		return h;
	pw = getpwuid(getuid());
	return pw != NULL && pw->pw_dir != NULL ? pw->pw_dir : "/";
}

static char *
xdg(const char *var, const char *fallback, const char *name)
{
	const char *base = getenv(var);
	struct buf b = BUF_INIT;

	if (base != NULL && *base == '/')
		buf_printf(&b, "%s/telex/%s", base, name);
	else
		buf_printf(&b, "%s/%s/telex/%s", home(), fallback, name);
	return buf_detach(&b, NULL);
}

char *
paths_config(const char *name)
{
	return xdg("XDG_CONFIG_HOME", ".config", name);
}

char *
paths_data(const char *name)
{
	return xdg("XDG_DATA_HOME", ".local/share", name);
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
paths_package_data(void)
{
	const char *env = getenv("TELEX_DATA_DIR");
	char exe[PATH_MAX], *slash;
	struct buf b = BUF_INIT;
	ssize_t n;

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	/* Built but not installed: src/telex beside ../data/demo. */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			buf_printf(&b, "%s/../data", exe);
			if (realpath(b.ptr, exe) != NULL) {
				buf_reset(&b);
				buf_printf(&b, "%s/demo", exe);
				if (is_dir(b.ptr)) {
					buf_release(&b);
					return xstrdup(exe);
				}
			}
			buf_release(&b);
		}
	}
	return xstrdup(PKGDATADIR);
}
