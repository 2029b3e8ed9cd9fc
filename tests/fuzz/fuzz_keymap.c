/*
 * libFuzzer target: the bind-line parser and the key names, on any
 * bytes. keymap_parse() is checked against a model of the bind syntax
 * written here from keymap.h (same bindings in the same order, the same
 * problems on the same lines); every problem must name the file and its
 * line and hold nothing unsafe for a terminal. Every key the input binds
 * must print as a name that parses back to that key (one by one, through
 * keymap_keys_of(), and as bind lines re-parsed into a second keymap).
 * The first bytes are also tried as one key name, and as a key code
 * whose printed name must never parse as another key.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "charset.h"
#include "keymap.h"
#include "text_safe.h"
#include "wcwidth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const commands[] = {
	"up", "down", "open", "quit", "mark-read", "help",
};
#define NCOMMANDS (int)(sizeof(commands) / sizeof(commands[0]))

/* Longest word keymap_parse takes, and most of a word a problem quotes. */
#define WORD_MAX 63
#define QUOTE_MAX 64

/* Valid UTF-8 with no code point a terminal must not see. */
static int
text_ok(const char *s, size_t len)
{
	unsigned long cp;
	size_t i = 0, n;

	if (utf8_valid_prefix(s, len) != len)
		return 0;
	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (text_safe_unsafe(cp))
			return 0;
		i += n;
	}
	return 1;
}

static int
find(void *ctx, const char *name)
{
	size_t len = strlen(name);
	int i;

	(void)ctx;
	/* a command is one word, as the line gave it */
	if (len == 0 || len > WORD_MAX || strpbrk(name, " \t") != NULL)
		abort();
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i], name) == 0)
			return i;
	return -1;
}

/* The problems keymap_parse reported, one a line. */
static struct buf got = BUF_INIT;
static size_t ngot;

static void
on_error(void *ctx, const char *msg)
{
	size_t len = strlen(msg);

	(void)ctx;
	if (strncmp(msg, "fuzz:", 5) != 0 || msg[5] < '1' || msg[5] > '9' ||
	    !text_ok(msg, len))
		abort();
	buf_append(&got, msg, len);
	buf_append_char(&got, '\n');
	ngot++;
}

/* The model: the bindings, in the order keymap.h promises. */
struct model {
	struct keymap_binding b[1 << 14];	/* > lines of 1 << 16 bytes */
	size_t n;
};

static void
model_bind(struct model *m, int key, int command)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		if (m->b[i].key == key) {
			m->b[i].command = command;
			return;
		}
	}
	if (m->n == sizeof(m->b) / sizeof(m->b[0]))
		abort();
	m->b[m->n].key = key;
	m->b[m->n++].command = command;
}

static void
model_unbind(struct model *m, int key)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		if (m->b[i].key == key) {
			memmove(&m->b[i], &m->b[i + 1],
			    (m->n - i - 1) * sizeof(m->b[0]));
			m->n--;
			return;
		}
	}
}

static void
expect(struct buf *want, size_t line, const char *why, const char *w,
    size_t n)
{
	buf_printf(want, "fuzz:%zu: %s '", line, why);
	text_safe_append(want, w, n > QUOTE_MAX ? QUOTE_MAX : n);
	buf_append_str(want, "'\n");
}

static int
is_word(const char *w, size_t n, const char *s)
{
	return n == strlen(s) && memcmp(w, s, n) == 0;
}

/*
 * keymap.h's bind syntax: lines end at LF (a CR before it is dropped),
 * words are split by spaces and tabs, a word starting with '#' ends the
 * line unless it is the key bound; `bind KEY COMMAND`, `unbind KEY`,
 * COMMAND "none" unbinds; words are at most WORD_MAX bytes.
 */
static void
model_parse(struct model *m, const char *s, size_t len, struct buf *want)
{
	size_t off = 0, line = 0, end, pos, n[4], start;
	const char *w[4], *nl;
	int words, key, command, i;

	while (off < len) {
		nl = memchr(s + off, '\n', len - off);
		end = nl != NULL ? (size_t)(nl - s) : len;
		pos = off;
		off = end + 1;
		line++;
		if (end > pos && s[end - 1] == '\r')
			end--;
		for (words = 0; words < 4; words++) {
			while (pos < end && (s[pos] == ' ' || s[pos] == '\t'))
				pos++;
			start = pos;
			while (pos < end && s[pos] != ' ' && s[pos] != '\t')
				pos++;
			w[words] = s + start;
			n[words] = pos - start;
			if (n[words] == 0 || (words != 1 && s[start] == '#'))
				break;
		}
		if (words == 0)
			continue;
		if (is_word(w[0], n[0], "bind") && words != 3) {
			expect(want, line, "bind needs a key and a command",
			    w[0], n[0]);
			continue;
		}
		if (is_word(w[0], n[0], "unbind") && words != 2) {
			expect(want, line, "unbind needs one key", w[0], n[0]);
			continue;
		}
		if (!is_word(w[0], n[0], "bind") &&
		    !is_word(w[0], n[0], "unbind")) {
			expect(want, line, "not a bind line", w[0], n[0]);
			continue;
		}
		if (n[1] > WORD_MAX || (words == 3 && n[2] > WORD_MAX)) {
			expect(want, line, "word too long", w[0], n[0]);
			continue;
		}
		key = keymap_key_parse(w[1], n[1]);
		if (key < 0) {
			expect(want, line, "unknown key", w[1], n[1]);
			continue;
		}
		if (words == 2 || is_word(w[2], n[2], "none")) {
			model_unbind(m, key);
			continue;
		}
		command = -1;
		for (i = 0; i < NCOMMANDS; i++)
			if (is_word(w[2], n[2], commands[i]))
				command = i;
		if (command < 0) {
			expect(want, line, "unknown command", w[2], n[2]);
			continue;
		}
		model_bind(m, key, command);
	}
}

/* A key that keymap_key_parse can return. */
static int
key_ok(int key)
{
	return (key >= 0 && key < KEYMAP_SPECIAL) ||
	    (key >= KEYMAP_UP && key < KEYMAP_F0) ||
	    (key > KEYMAP_F0 && key <= KEYMAP_LAST);
}

/* key's printed name: safe, one word, and it reads back as key. */
static void
check_name(int key, struct buf *name)
{
	buf_reset(name);
	keymap_key_name(key, name);
	if (name->len == 0 || !text_ok(name->ptr, name->len) ||
	    memchr(name->ptr, ' ', name->len) != NULL ||
	    memchr(name->ptr, '\t', name->len) != NULL ||
	    keymap_key_parse(name->ptr, name->len) != key)
		abort();
}

/* Every binding's name, keys_of, and bind lines that rebuild km. */
static void
check_keymap(const struct keymap *km)
{
	struct buf name = BUF_INIT, list = BUF_INIT, lines = BUF_INIT;
	struct keymap again;
	size_t i, j, n, count, pos;
	const char *p, *sep;
	int c;

	for (i = 0; i < km->n; i++) {
		if (!key_ok(km->bindings[i].key) ||
		    km->bindings[i].command < 0 ||
		    km->bindings[i].command >= NCOMMANDS)
			abort();
		for (j = 0; j < i; j++)
			if (km->bindings[j].key == km->bindings[i].key)
				abort();
		if (keymap_lookup(km, km->bindings[i].key) !=
		    km->bindings[i].command)
			abort();
		check_name(km->bindings[i].key, &name);
		buf_printf(&lines, "bind %s %s\n", name.ptr,
		    commands[km->bindings[i].command]);
	}
	/* keys_of: the keys of each command, in binding order, by name */
	for (c = -1; c <= NCOMMANDS; c++) {
		buf_reset(&list);
		n = keymap_keys_of(km, c, "\x01", &list);
		pos = 0;
		count = 0;
		for (i = 0; i < km->n; i++) {
			if (km->bindings[i].command != c)
				continue;
			p = list.ptr + pos;
			sep = memchr(p, '\x01', list.len - pos);
			j = sep != NULL ? (size_t)(sep - p) : list.len - pos;
			if (keymap_key_parse(p, j) != km->bindings[i].key)
				abort();
			pos += j + (sep != NULL);
			count++;
		}
		if (n != count || pos != list.len)
			abort();
	}
	/* the bindings as bind lines: the same keymap, no problem */
	keymap_init(&again);
	ngot = 0;
	if (keymap_parse(&again, lines.ptr, lines.len, "fuzz", find, NULL,
	    on_error) != 0 || ngot != 0 || again.n != km->n ||
	    (km->n > 0 && memcmp(again.bindings, km->bindings,
	    km->n * sizeof(km->bindings[0])) != 0))
		abort();
	keymap_release(&again);
	buf_release(&name);
	buf_release(&list);
	buf_release(&lines);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct model m;
	const char *s = (const char *)data;
	struct buf want = BUF_INIT, name = BUF_INIT;
	struct keymap km;
	size_t problems;
	int key, back;

	if (size > 1 << 16)
		return 0;
	/* the whole input as one key name */
	key = keymap_key_parse(s, size);
	if (key >= 0) {
		if (!key_ok(key))
			abort();
		check_name(key, &name);
	}
	/* the first four bytes as a key code: its name means it or none */
	if (size >= 4) {
		memcpy(&key, data, sizeof(key));
		buf_reset(&name);
		keymap_key_name(key, &name);
		if (name.len == 0 || !text_ok(name.ptr, name.len))
			abort();
		back = keymap_key_parse(name.ptr, name.len);
		if (back != -1 && back != key)
			abort();
	}
	buf_release(&name);

	keymap_init(&km);
	buf_reset(&got);
	ngot = 0;
	problems = keymap_parse(&km, s, size, "fuzz", find, NULL, on_error);
	if (problems != ngot)
		abort();
	m.n = 0;
	model_parse(&m, s, size, &want);
	if (want.len != got.len || memcmp(want.ptr, got.ptr, got.len) != 0 ||
	    km.n != m.n || (m.n > 0 && memcmp(km.bindings, m.b,
	    m.n * sizeof(m.b[0])) != 0))
		abort();
	check_keymap(&km);
	keymap_release(&km);
	buf_release(&want);
	return 0;
}
