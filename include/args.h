/*
 * args: the few pieces of command-line parsing the commands share, so
 * that every command spells options the same way.
 */
#ifndef TELEX_ARGS_H
#define TELEX_ARGS_H

/*
 * When argv[*i] is option name, given as "NAME VALUE" (then *i moves to
 * the value) or "NAME=VALUE", its value; else NULL. A NAME with no value
 * returns NULL and sets *missing.
 */
const char *args_value(int argc, char **argv, int *i, const char *name,
    int *missing);

/*
 * A --width: digits only (-1 otherwise); a number out of the renderer's
 * range is clamped, not refused, so `--width $(tput cols)` always works.
 */
int args_width(const char *s, int *width);

/* The terminal's width when stdout is one, else the renderer's default. */
int args_terminal_width(void);

#endif
