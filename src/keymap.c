/*
 * Keys and bindings (keymap.h). The names of the keys that send no
 * printable character live in one two-way table; the bindings are a
 * small array searched linearly: a keymap holds a hundred bindings at
 * most and is read once a key press.
 */
#include "keymap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text_safe.h"
#include "wcwidth.h"
#include "xalloc.h"
#include "banned.h"

static const struct key_name {
	const char *name;
	int key;
} key_names[] = {
	/* The first name of a key is the one printed. */
	{ "ENTER", KEYMAP_ENTER },
	{ "TAB", KEYMAP_TAB },
	{ "BTAB", KEYMAP_BTAB },
	{ "SPACE", KEYMAP_SPACE },
	{ "ESC", KEYMAP_ESC },
	{ "BACKSPACE", KEYMAP_BACKSPACE },
	{ "DEL", KEYMAP_DEL },
	{ "INSERT", KEYMAP_INSERT },
	{ "UP", KEYMAP_UP },
	{ "DOWN", KEYMAP_DOWN },
	{ "LEFT", KEYMAP_LEFT },
	{ "RIGHT", KEYMAP_RIGHT },
	{ "PPAGE", KEYMAP_PPAGE },
	{ "NPAGE", KEYMAP_NPAGE },
	{ "HOME", KEYMAP_HOME },
	{ "END", KEYMAP_END },
	/* Other spellings, read but never printed. */
	{ "RETURN", KEYMAP_ENTER },
	{ "PAGEUP", KEYMAP_PPAGE },
	{ "PAGEDOWN", KEYMAP_NPAGE },
	{ "DELETE", KEYMAP_DEL },
	{ "ESCAPE", KEYMAP_ESC },
	{ "S-TAB", KEYMAP_BTAB },
};

#define NKEY_NAMES (sizeof(key_names) / sizeof(key_names[0]))

/*
 * A character that is its own name: it takes columns, is no space, and
 * is not one text_safe keeps from a terminal (U+2028 and U+2029 are one
 * column wide, yet a line break to some terminals).
 */
static int
printable(unsigned long cp)
{
	return cp != ' ' && wcwidth_of(cp) > 0 && !text_safe_unsafe(cp);
}

int
keymap_key_parse(const char *name, size_t len)
{
	unsigned long cp;
	size_t i, n;
	char c;

	if (name == NULL || len == 0)
		return -1;
	/* One character, printable and safe to print (help lists it). */
	n = utf8_decode(name, len, &cp);
	if (n == len && !(cp == 0xFFFD && (unsigned char)name[0] >= 0x80) &&
	    printable(cp))
		return (int)cp;
	if (len == 2 && name[0] == '^') {
		c = name[1];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c >= '@' && c <= '_')
			return c - '@';
		if (c == '?')
			return 127;
		return -1;
	}
	if ((len == 2 || len == 3) && (name[0] == 'F' || name[0] == 'f') &&
	    name[1] >= '1' && name[1] <= '9') {
		n = (size_t)(name[1] - '0');
		if (len == 3) {
			if (name[2] < '0' || name[2] > '9')
				return -1;
			n = n * 10 + (size_t)(name[2] - '0');
		}
		return n >= 1 && n <= 12 ? KEYMAP_F0 + (int)n : -1;
	}
	for (i = 0; i < NKEY_NAMES; i++)
		if (strlen(key_names[i].name) == len &&
		    strncasecmp(key_names[i].name, name, len) == 0)
			return key_names[i].key;
	return -1;
}

void
keymap_key_name(int key, struct buf *out)
{
	size_t i;

	for (i = 0; i < NKEY_NAMES; i++) {
		if (key_names[i].key == key) {
			buf_append_str(out, key_names[i].name);
			return;
		}
	}
	if (key > KEYMAP_F0 && key <= KEYMAP_LAST)
		buf_printf(out, "F%d", key - KEYMAP_F0);
	else if (key >= 0 && key < 32)
		buf_printf(out, "^%c", (char)(key + '@'));
	else if (key == 127)
		buf_append_str(out, "^?");
	else if (key > 0 && key < KEYMAP_SPECIAL &&
	    printable((unsigned long)key))
		buf_append_utf8(out, (unsigned long)key);
	else
		buf_printf(out, "<%d>", key);
}

void
keymap_init(struct keymap *km)
{
	km->bindings = NULL;
	km->n = km->cap = 0;
}

void
keymap_release(struct keymap *km)
{
	free(km->bindings);
	keymap_init(km);
}

static struct keymap_binding *
find_binding(const struct keymap *km, int key)
{
	size_t i;

	for (i = 0; i < km->n; i++)
		if (km->bindings[i].key == key)
			return &km->bindings[i];
	return NULL;
}

void
keymap_bind(struct keymap *km, int key, int command)
{
	struct keymap_binding *b = find_binding(km, key);

	if (b != NULL) {
		b->command = command;
		return;
	}
	if (km->n == km->cap) {
		km->cap = km->cap ? km->cap * 2 : 64;
		km->bindings = xreallocarray(km->bindings, km->cap,
		    sizeof(*km->bindings));
	}
	km->bindings[km->n].key = key;
	km->bindings[km->n++].command = command;
}

int
keymap_unbind(struct keymap *km, int key)
{
	struct keymap_binding *b = find_binding(km, key);
	size_t i;

	if (b == NULL)
		return -1;
	i = (size_t)(b - km->bindings);
	memmove(b, b + 1, (km->n - i - 1) * sizeof(*b));
	km->n--;
	return 0;
}

int
keymap_lookup(const struct keymap *km, int key)
{
	const struct keymap_binding *b = find_binding(km, key);

	return b != NULL ? b->command : -1;
}

const char *
keymap_apply(struct keymap *km, const char *key, const char *command,
    int (*find)(void *ctx, const char *name), void *ctx)
{
	int k = keymap_key_parse(key, strlen(key)), c;

	if (k < 0)
		return "unknown key";
	if (command == NULL || strcmp(command, "none") == 0) {
		keymap_unbind(km, k);
		return NULL;
	}
	c = find(ctx, command);
	if (c < 0)
		return "unknown command";
	keymap_bind(km, k, c);
	return NULL;
}

size_t
keymap_keys_of(const struct keymap *km, int command, const char *sep,
    struct buf *out)
{
	size_t i, n = 0;

	for (i = 0; i < km->n; i++) {
		if (km->bindings[i].command != command)
			continue;
		if (n++ > 0)
			buf_append_str(out, sep);
		keymap_key_name(km->bindings[i].key, out);
	}
	return n;
}

/* The next word of s[*pos..len) (spaces and tabs separate), or 0. */
static size_t
next_word(const char *s, size_t len, size_t *pos, const char **word)
{
	size_t start;

	while (*pos < len && (s[*pos] == ' ' || s[*pos] == '\t'))
		(*pos)++;
	start = *pos;
	while (*pos < len && s[*pos] != ' ' && s[*pos] != '\t')
		(*pos)++;
	*word = s + start;
	return *pos - start;
}

static void
report(void (*error)(void *, const char *), void *ctx, const char *path,
    size_t line, const char *why, const char *word, size_t wlen)
{
	struct buf b = BUF_INIT;

	if (error == NULL)
		return;
	/* the word quoted made safe: it may hold any byte but LF */
	buf_printf(&b, "%s:%zu: %s '", path, line, why);
	text_safe_append(&b, word, wlen > 64 ? 64 : wlen);
	buf_append_char(&b, '\'');
	error(ctx, b.ptr);
	buf_release(&b);
}

size_t
keymap_parse(struct keymap *km, const char *data, size_t len,
    const char *path, int (*find)(void *ctx, const char *name),
    void *ctx, void (*error)(void *ctx, const char *msg))
{
	size_t off = 0, line = 0, problems = 0, end, pos, n[4];
	const char *w[4], *why;
	char key[64], cmd[64];
	int words;

	while (off < len) {
		const char *nl = memchr(data + off, '\n', len - off);

		end = nl != NULL ? (size_t)(nl - data) : len;
		line++;
		pos = off;
		off = end + 1;
		/* CRLF lines: the CR is no part of the last word */
		if (end > pos && data[end - 1] == '\r')
			end--;
		for (words = 0; words < 4; words++) {
			n[words] = next_word(data, end, &pos, &w[words]);
			/* '#' starts a comment, except as the key bound. */
			if (n[words] == 0 || (w[words][0] == '#' &&
			    words != 1))
				break;
		}
		if (words == 0)
			continue;
		why = NULL;
		if (n[0] == 4 && memcmp(w[0], "bind", 4) == 0) {
			if (words != 3)
				why = "bind needs a key and a command";
		} else if (n[0] == 6 && memcmp(w[0], "unbind", 6) == 0) {
			if (words != 2)
				why = "unbind needs one key";
		} else {
			why = "not a bind line";
		}
		if (why == NULL && (n[1] >= sizeof(key) ||
		    (words == 3 && n[2] >= sizeof(cmd))))
			why = "word too long";
		if (why != NULL) {
			report(error, ctx, path, line, why, w[0], n[0]);
			problems++;
			continue;
		}
		memcpy(key, w[1], n[1]);
		key[n[1]] = '\0';
		if (words == 3) {
			memcpy(cmd, w[2], n[2]);
			cmd[n[2]] = '\0';
		}
		/* a NUL would cut a word short: "a\0b" must not bind a */
		if (keymap_key_parse(w[1], n[1]) < 0)
			why = "unknown key";
		else if (words == 3 && memchr(w[2], '\0', n[2]) != NULL)
			why = "unknown command";
		else
			why = keymap_apply(km, key, words == 3 ? cmd : NULL,
			    find, ctx);
		if (why != NULL) {
			report(error, ctx, path, line, why,
			    strcmp(why, "unknown key") == 0 ? w[1] : w[2],
			    strcmp(why, "unknown key") == 0 ? n[1] : n[2]);
			problems++;
		}
	}
	return problems;
}
