/*
 * libcurl, loaded when first needed (curl_api.h). The table is the
 * module's only state: filled once, then read.
 */
#include "build.h"
#include "curl_api.h"

#include <dlfcn.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"
#include "banned.h"

#ifndef CURL_SONAME
#define CURL_SONAME "libcurl.so.4"
#endif

static struct curl_api api;
static int loaded;

/* Each entry: its name in libcurl, where it goes in the table. */
static const struct {
	const char *name;
	size_t offset;
} symbols[] = {
#define SYM(field) { "curl_" #field, offsetof(struct curl_api, field) }
	SYM(global_init), SYM(easy_init), SYM(easy_setopt),
	SYM(easy_getinfo), SYM(easy_cleanup), SYM(easy_strerror),
	SYM(multi_init), SYM(multi_setopt), SYM(multi_add_handle),
	SYM(multi_remove_handle), SYM(multi_perform), SYM(multi_poll),
	SYM(multi_info_read), SYM(multi_cleanup), SYM(slist_append),
	SYM(slist_free_all),
#undef SYM
};

static const struct curl_api *
fail(char **err, const char *what, const char *why)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s: %s", what, why != NULL ? why : "cannot load");
	if (err != NULL) {
		free(*err);
		*err = buf_detach(&b, NULL);
	} else {
		buf_release(&b);
	}
	return NULL;
}

const struct curl_api *
curl_api_get(char **err)
{
	struct curl_api table;
	void *lib, *fn;
	size_t i;

	if (loaded)
		return &api;
	/* The library stays loaded for the life of the process. */
	lib = dlopen(CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL)
		return fail(err, CURL_SONAME, dlerror());
	for (i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++) {
		fn = dlsym(lib, symbols[i].name);
		if (fn == NULL)
			return fail(err, symbols[i].name, dlerror());
		/* POSIX lets a data pointer from dlsym be a function's. */
		memcpy((char *)&table + symbols[i].offset, &fn, sizeof(fn));
	}
	if (table.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return fail(err, CURL_SONAME, "cannot initialise libcurl");
	api = table;
	loaded = 1;
	return &api;
}
