/*
 * paths: where telex's files live (XDG base directories, DESIGN.md).
 * Every function returns a string the caller frees.
 */
#ifndef TELEX_PATHS_H
#define TELEX_PATHS_H

/* $XDG_CONFIG_HOME/telex/NAME, else ~/.config/telex/NAME. */
char *paths_config(const char *name);
/* $XDG_DATA_HOME/telex/NAME, else ~/.local/share/telex/NAME. */
char *paths_data(const char *name);
/*
 * The package data directory: $TELEX_DATA_DIR when set; else, for a
 * telex run from its build tree, the source tree's data/ (found beside
 * the binary); else the installed one.
 */
char *paths_package_data(void);

#endif
