/*
 * ui: the full-screen reader (ncursesw) over the cache.
 */
#ifndef TELEX_UI_H
#define TELEX_UI_H

#include "context.h"

/*
 * Run the interface on ctx (its feeds loaded) until the user quits or a
 * signal asks. The terminal is restored on every way out. Returns the
 * exit status: 0, or 2 when the cache or the terminal cannot be used.
 */
int ui_run(struct context *ctx);

#endif
