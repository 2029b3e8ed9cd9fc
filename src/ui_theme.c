/*
 * Theme styles as curses attributes (ui_priv.h). One colour pair per
 * element, its colours mapped to what the terminal has: RGB and 256-
 * colour indexes to the nearest of its palette (theme.h), bright
 * colours on an 8-colour terminal to bold. With NO_COLOR set, or a
 * terminal with no colours, only the attributes are used.
 */
#include "ui_priv.h"

#include <stdlib.h>

#include "banned.h"

static attr_t
attrs_of(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & THEME_BOLD)
		r |= A_BOLD;
	if (a & THEME_DIM)
		r |= A_DIM;
	if (a & THEME_ITALIC)
		r |= A_ITALIC;
	if (a & THEME_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & THEME_REVERSE)
		r |= A_REVERSE;
	if (a & THEME_BLINK)
		r |= A_BLINK;
	if (a & THEME_STANDOUT)
		r |= A_STANDOUT;
	return r;
}

/* A theme colour as a curses one for a terminal of n colours. */
static short
colour_of(int32_t c, int n, attr_t *extra)
{
	int i = theme_colour_nearest(c, n);

	/* Bright on an 8-colour terminal: the colour, bold. */
	if (n < 16 && c >= 8 && c < 16)
		*extra |= A_BOLD;
	return i >= 0 && i < n ? (short)i : -1;
}

void
ui_theme_setup(struct ui *ui)
{
	const char *no_colour = getenv("NO_COLOR");
	int n = 0, e;

	ui->colours = 0;
	if ((no_colour == NULL || *no_colour == '\0') && has_colors() &&
	    start_color() == OK) {
		n = COLORS;
		ui->colours = n >= 8 && COLOR_PAIRS > THEME_NELEMENTS;
		if (ui->colours)
			use_default_colors();
	}
	for (e = 0; e < THEME_NELEMENTS; e++) {
		const struct theme_style *st = &ui->theme.style[e];
		attr_t a = attrs_of(st->attrs);
		short fg, bg;

		if (ui->colours) {
			fg = colour_of(st->fg, n, &a);
			bg = colour_of(st->bg, n, &a);
			if (init_pair((short)(e + 1), fg, bg) == OK)
				a |= COLOR_PAIR(e + 1);
		} else if (e == THEME_SELECTION &&
		    (a & (A_REVERSE | A_STANDOUT)) == 0) {
			/* Without colours a selection must still show. */
			a |= A_REVERSE;
		} else if (e == THEME_SELECTION_UNFOCUSED && a == A_NORMAL) {
			a |= A_UNDERLINE;
		}
		ui->style[e] = a;
	}
}
