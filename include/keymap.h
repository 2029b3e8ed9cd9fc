/*
 * keymap: keys, their names, and which command each is bound to.
 *
 * A key is an int: a Unicode code point for a character (control
 * characters included: ^A is 1), or KEYMAP_SPECIAL + n for a key that
 * sends no character (arrows, pages, function keys). The interface turns
 * what curses reads into these codes; nothing here knows about curses,
 * so the names and the bind syntax are tested and fuzzed without a
 * terminal.
 *
 * Names, as `bind` takes them and help prints them: a printable
 * character is itself ("a", "#", "é"; not one text_safe.h keeps from a
 * terminal, such as U+2028); "^X" is a control character;
 * ENTER, TAB, BTAB, SPACE, ESC, BACKSPACE, DEL, INSERT, UP, DOWN, LEFT,
 * RIGHT, PPAGE (PAGEUP), NPAGE (PAGEDOWN), HOME, END and F1..F12 are the
 * others (newsboat's names; case does not matter for them).
 *
 * A keymap binds each key to at most one command, given by its index in
 * the caller's command table; a command may have many keys. Bindings
 * keep the order they were made in, which is the order help lists them.
 */
#ifndef TELEX_KEYMAP_H
#define TELEX_KEYMAP_H

#include <stddef.h>

#include "buf.h"

#define KEYMAP_SPECIAL 0x110000

enum keymap_special {
	KEYMAP_UP = KEYMAP_SPECIAL,
	KEYMAP_DOWN,
	KEYMAP_LEFT,
	KEYMAP_RIGHT,
	KEYMAP_PPAGE,
	KEYMAP_NPAGE,
	KEYMAP_HOME,
	KEYMAP_END,
	KEYMAP_INSERT,
	KEYMAP_DEL,
	KEYMAP_BACKSPACE,
	KEYMAP_BTAB,
	KEYMAP_F0,		/* F1 is KEYMAP_F0 + 1 ... F12 */
	KEYMAP_LAST = KEYMAP_F0 + 12
};

#define KEYMAP_ENTER '\r'
#define KEYMAP_TAB '\t'
#define KEYMAP_ESC 27
#define KEYMAP_SPACE ' '

/* The code of key name name[0..len), or -1 when it names no key. */
int keymap_key_parse(const char *name, size_t len);

/* Append the name of key (as keymap_key_parse reads it) to out. */
void keymap_key_name(int key, struct buf *out);

struct keymap_binding {
	int key, command;
};

struct keymap {
	struct keymap_binding *bindings;
	size_t n, cap;
};

void keymap_init(struct keymap *km);
void keymap_release(struct keymap *km);

/* Bind key to command (>= 0), replacing what key was bound to. */
void keymap_bind(struct keymap *km, int key, int command);
/* Remove key's binding; 0, or -1 when it had none. */
int keymap_unbind(struct keymap *km, int key);
/* The command key is bound to, or -1. */
int keymap_lookup(const struct keymap *km, int key);

/*
 * Apply one `bind KEY COMMAND` (or `unbind KEY`) given as its words:
 * key names the key, command the command (NULL for unbind; "none"
 * unbinds too). find(ctx, name) gives a command's index or -1. Returns
 * NULL, or why not as a static string ("unknown key", "unknown
 * command"), for the caller to report with its file and line.
 */
const char *keymap_apply(struct keymap *km, const char *key,
    const char *command, int (*find)(void *ctx, const char *name),
    void *ctx);

/*
 * Read bind lines from data[0..len) (the default bindings are such a
 * text): `bind KEY COMMAND` and `unbind KEY`, one a line, `#` comments
 * and blank lines. Other lines are reported. Each problem goes to
 * error(ctx, "PATH:LINE: reason 'word'"); returns how many there were.
 */
size_t keymap_parse(struct keymap *km, const char *data, size_t len,
    const char *path, int (*find)(void *ctx, const char *name),
    void *ctx, void (*error)(void *ctx, const char *msg));

/*
 * The keys bound to command, in binding order, written as their names
 * separated by sep; appended to out. Returns how many.
 */
size_t keymap_keys_of(const struct keymap *km, int command, const char *sep,
    struct buf *out);

#endif
