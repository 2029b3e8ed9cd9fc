/*
 * cmd: the subcommands of the telex binary, one function each, called
 * by main() with the context of the global options and the arguments
 * after the subcommand's name. Each returns the process exit status:
 * 0 success, 1 partial failure, 2 usage or unreadable input (DESIGN.md).
 */
#ifndef TELEX_CMD_H
#define TELEX_CMD_H

#include <stddef.h>

#include "context.h"

int cmd_parse(struct context *ctx, int argc, char **argv);
int cmd_refresh(struct context *ctx, int argc, char **argv);
int cmd_list(struct context *ctx, int argc, char **argv);
int cmd_search(struct context *ctx, int argc, char **argv);
int cmd_import(struct context *ctx, int argc, char **argv);
int cmd_export(struct context *ctx, int argc, char **argv);
int cmd_add(struct context *ctx, int argc, char **argv);
int cmd_remove(struct context *ctx, int argc, char **argv);
int cmd_render(struct context *ctx, int argc, char **argv);
int cmd_extract(struct context *ctx, int argc, char **argv);

/* The refresh itself, for refresh and for --demo's first run. */
int refresh_feeds(struct context *ctx, char **urls, size_t nurls, int force,
    int quiet);

#endif
