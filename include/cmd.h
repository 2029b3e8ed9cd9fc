/*
 * cmd: the subcommands of the telex binary, one function each, called
 * by main() with the arguments after the subcommand's name. Each returns
 * the process exit status: 0 success, 1 partial failure, 2 usage or
 * unreadable input (DESIGN.md).
 */
#ifndef TELEX_CMD_H
#define TELEX_CMD_H

int cmd_parse(int argc, char **argv);

#endif
