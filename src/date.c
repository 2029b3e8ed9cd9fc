/*
 * Feed date parsing (see date.h).
 *
 * Every form we read is a row in layouts[]: a short pattern naming the
 * fields in the order the form writes them, with a marker where the time
 * and zone go. date_parse() tries the rows in order and takes the first
 * that reads the whole trimmed string, so a new form is a new row, and
 * names (months, days, zones) are tables for the same reason. A cursor
 * that never moves past len keeps hostile input harmless.
 *
 * Calendar arithmetic is Howard Hinnant's days_from_civil/civil_from_days:
 * exact for the proleptic Gregorian calendar and free of libc time
 * functions, so neither TZ nor the locale can change a result.
 */
#include "date.h"

#include <string.h>
#include "banned.h"

/* No feed date is longer; this also bounds the work on hostile input. */
#define DATE_MAX_LEN	256

/* 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z. */
#define ISO_MIN		INT64_C(-62167219200)
#define ISO_MAX		INT64_C(253402300799)

#define nitems(a)	(sizeof (a) / sizeof (a)[0])

struct cursor {
	const char	*s;
	size_t		 len, i;
};

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Letters, including every byte of a UTF-8 sequence (Greek, Hungarian). */
static int
is_alpha(int c)
{
	c = (unsigned char)c;
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* What may separate the parts of an RFC 822 date: "Thu., 01-Jan-2004". */
static int
is_sep(int c)
{
	return is_space(c) || c == ',' || c == '.' || c == '-';
}

static int
to_lower(int c)
{
	c = (unsigned char)c;
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Does (p, n) equal name, ignoring ASCII case? */
static int
word_eq(const char *p, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (name[i] == '\0' || to_lower(p[i]) != to_lower(name[i]))
			return 0;
	}
	return name[i] == '\0';
}

/* The byte at the cursor, or -1 at the end. */
static int
peek(const struct cursor *c, size_t ahead)
{
	return c->len - c->i > ahead ? (unsigned char)c->s[c->i + ahead] : -1;
}

static int
eat(struct cursor *c, int ch)
{
	if (peek(c, 0) != ch)
		return 0;
	c->i++;
	return 1;
}

/* Move over the bytes for which pred holds; return how many. */
static size_t
skip(struct cursor *c, int (*pred)(int))
{
	size_t start = c->i;

	while (c->i < c->len && pred(c->s[c->i]))
		c->i++;
	return c->i - start;
}

/* The run of letters at the cursor, consumed; its length. */
static size_t
word(struct cursor *c, const char **p)
{
	*p = c->s + c->i;
	return skip(c, is_alpha);
}

static size_t
digits_ahead(const struct cursor *c)
{
	size_t n = 0;

	while (peek(c, n) != -1 && is_digit(peek(c, n)))
		n++;
	return n;
}

/*
 * Read min..max (at most 4) digits. A fixed width (min == max) may be
 * followed by more digits, as in 20031231; a variable one may not.
 */
static int
number(struct cursor *c, size_t min, size_t max, int *val)
{
	size_t n = digits_ahead(c), k;
	int v = 0;

	if (n < min || (n > max && min != max))
		return -1;
	if (n > max)
		n = max;
	for (k = 0; k < n; k++)
		v = v * 10 + (c->s[c->i + k] - '0');
	c->i += n;
	*val = v;
	return 0;
}

/* ---- calendar ---- */

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/*
 * Hours up to 99 and seconds up to 61 roll over with roll: feedparser's
 * W3C-DTF reader does, and the corpus expects 25:14:55 to be 01:14:55 the
 * next day. Without it (RFC 822) only a leap second goes past 59.
 */
static int
time_secs(int h, int m, int s, int roll, long *secs)
{
	if (h > (roll ? 99 : 23) || m > 59 || s > (roll ? 61 : 60))
		return -1;
	*secs = h * 3600L + m * 60L + s;
	return 0;
}

/* ---- names ---- */

struct name {
	const char	*name;
	int		 value;
};

/* English names match in any case; the others as feedparser spells them. */
static const struct name month_names[] = {
	{ "jan", 1 }, { "feb", 2 }, { "mar", 3 }, { "apr", 4 },
	{ "may", 5 }, { "jun", 6 }, { "jul", 7 }, { "aug", 8 },
	{ "sep", 9 }, { "oct", 10 }, { "nov", 11 }, { "dec", 12 },
	{ "january", 1 }, { "february", 2 }, { "march", 3 },
	{ "april", 4 }, { "june", 6 }, { "july", 7 }, { "august", 8 },
	{ "september", 9 }, { "sept", 9 }, { "october", 10 },
	{ "november", 11 }, { "december", 12 },
	/* Greek abbreviations, with and without accents. */
	{ "Ιαν", 1 }, { "Φεβ", 2 }, { "Μάρ", 3 }, { "Μαρ", 3 },
	{ "Μάώ", 3 }, { "Μαώ", 3 }, { "Απρ", 4 }, { "Μάι", 5 },
	{ "Μαϊ", 5 }, { "Μαι", 5 }, { "Ιούν", 6 }, { "Ιον", 6 },
	{ "Ιούλ", 7 }, { "Ιολ", 7 }, { "Αύγ", 8 }, { "Αυγ", 8 },
	{ "Σεπ", 9 }, { "Οκτ", 10 }, { "Νοέ", 11 }, { "Νοε", 11 },
	{ "Δεκ", 12 },
	/* Hungarian, lower case as written. */
	{ "január", 1 }, { "február", 2 }, { "március", 3 },
	{ "április", 4 }, { "május", 5 }, { "máujus", 5 }, { "június", 6 },
	{ "július", 7 }, { "augusztus", 8 }, { "szeptember", 9 },
	{ "október", 10 }, { "november", 11 }, { "december", 12 },
};

/* English names are matched by their first three letters, Greek whole. */
static const char *const day_names[] = {
	"sun", "mon", "tue", "wed", "thu", "fri", "sat",
	"Κυρ", "Δευ", "Τρι", "Τετ", "Πεμ", "Πέμ", "Παρ", "Σαβ",
};

/*
 * Zone names as minutes east of UTC. Only names with one common meaning:
 * no BST (British or Bangladesh), IST (India, Ireland, Israel) and the
 * like. CST is RFC 822's US Central, AST feedparser's Atlantic.
 */
static const struct name zone_names[] = {
	{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 },
	{ "est", -300 }, { "edt", -240 }, { "cst", -360 }, { "cdt", -300 },
	{ "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
	{ "et", -300 }, { "ct", -360 }, { "mt", -420 }, { "pt", -480 },
	{ "at", -240 }, { "ast", -240 }, { "adt", -180 },
	{ "nst", -210 }, { "ndt", -150 }, { "akst", -540 }, { "akdt", -480 },
	{ "hst", -600 },
	{ "wet", 0 }, { "west", 60 }, { "cet", 60 }, { "cest", 120 },
	{ "met", 60 }, { "mest", 120 }, { "mez", 60 }, { "mesz", 120 },
	{ "eet", 120 }, { "eest", 180 }, { "msk", 180 },
	{ "wat", 60 }, { "cat", 120 }, { "eat", 180 },
	{ "hkt", 480 }, { "awst", 480 }, { "jst", 540 }, { "kst", 540 },
	{ "acst", 570 }, { "acdt", 630 }, { "aest", 600 }, { "aedt", 660 },
	{ "nzst", 720 }, { "nzdt", 780 },
};

static int
lookup(const struct name *table, size_t n, const char *p, size_t len,
    int *value)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (word_eq(p, len, table[i].name)) {
			*value = table[i].value;
			return 0;
		}
	}
	return -1;
}

/* Zone name to seconds east of UTC. */
static int
zone_lookup(const char *p, size_t len, long *off)
{
	int minutes;

	/*
	 * RFC 822 got the signs of the military zones backwards, so RFC 2822
	 * 4.3 says to read them all (but Z) as -0000: UTC, local zone unknown.
	 */
	if (len == 1 && is_alpha(p[0]) && to_lower(p[0]) != 'j' &&
	    (unsigned char)p[0] < 0x80) {
		*off = 0;
		return 0;
	}
	if (lookup(zone_names, nitems(zone_names), p, len, &minutes) == -1)
		return -1;
	*off = minutes * 60L;
	return 0;
}

/*
 * "Thu", "Thurs", "Weds", "Thursday": the day name says nothing the date
 * does not, so any spelling with the right start will do.
 */
static int
is_day_name(const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < nitems(day_names); i++) {
		if (word_eq(p, len, day_names[i]) || (i < 7 && len >= 3 &&
		    len <= 9 && word_eq(p, 3, day_names[i])))
			return 1;
	}
	return 0;
}

/* +hh, +hhmm, +hh:mm, and after a name +h ("GMT+1"): seconds east. */
static int
offset(struct cursor *c, int short_ok, long *off)
{
	int sign = peek(c, 0) == '-' ? -1 : 1, hh, mm = 0;
	size_t n;

	c->i++;		/* the sign */
	n = digits_ahead(c);

	if (n == 4) {
		number(c, 2, 2, &hh);
		number(c, 2, 2, &mm);
	} else if (n == 2 || (n == 1 && short_ok)) {
		number(c, 1, 2, &hh);
		if (eat(c, ':') && number(c, 2, 2, &mm) == -1)
			return -1;
	} else
		return -1;
	if (hh > 23 || mm > 59)
		return -1;
	*off = sign * (hh * 3600L + mm * 60L);
	return 0;
}

/*
 * An offset, a zone name, or GMT/UTC/UT and an offset. "Etc/GMT" is GMT,
 * but in "Etc/GMT+5" POSIX means the opposite sign: refuse, not guess.
 */
static int
zone(struct cursor *c, long *off)
{
	const char *p;
	size_t n;
	int etc = 0;

	if (peek(c, 0) == '+' || peek(c, 0) == '-')
		return offset(c, 0, off);
	n = word(c, &p);
	if (word_eq(p, n, "etc") && eat(c, '/')) {
		etc = 1;
		n = word(c, &p);
	}
	if (zone_lookup(p, n, off) == -1)
		return -1;
	if (peek(c, 0) != '+' && peek(c, 0) != '-')
		return 0;
	if (etc || !(word_eq(p, n, "gmt") || word_eq(p, n, "utc") ||
	    word_eq(p, n, "ut")))
		return -1;
	return offset(c, 1, off);
}

/*
 * ISO 8601: hh:mm, hh:mm:ss, hhmm, hhmmss. A fraction only after seconds,
 * which we drop; "10.5" (hours) would need rounding, so it is refused.
 */
static int
iso_time(struct cursor *c, int roll, long *secs)
{
	int h, m, s = -1;
	size_t n = digits_ahead(c);

	if ((n == 1 || n == 2) && peek(c, n) == ':') {
		number(c, 1, 2, &h);
		eat(c, ':');
		if (number(c, 2, 2, &m) == -1 ||
		    (eat(c, ':') && number(c, 2, 2, &s) == -1))
			return -1;
	} else if (n == 4 || n == 6) {
		number(c, 2, 2, &h);
		number(c, 2, 2, &m);
		if (n == 6)
			number(c, 2, 2, &s);
	} else
		return -1;
	if (s != -1 && (peek(c, 0) == '.' || peek(c, 0) == ',') &&
	    peek(c, 1) != -1 && is_digit(peek(c, 1))) {
		c->i++;
		skip(c, is_digit);
	}
	return time_secs(h, m, s == -1 ? 0 : s, roll, secs);
}

enum layout_flags {
	L_KST = 1 << 0,	/* Korean Standard Time; no zone may follow */
	L_AM = 1 << 1,	/* a 12-hour time must follow */
	L_PM = 1 << 2,
};

/* After an ISO date: [T| ]time[ ][zone]. */
static int
iso_tail(struct cursor *c, int flags, long *secs, long *off)
{
	int kst = flags & L_KST;
	long h;

	if (!eat(c, 'T') && !eat(c, 't') && skip(c, is_space) == 0 && !kst)
		return -1;
	if (iso_time(c, !kst, secs) == -1)
		return -1;
	if (flags & (L_AM | L_PM)) {
		h = *secs / 3600;
		if (h < 1 || h > 12)
			return -1;
		*secs += ((flags & L_PM ? 12 : 0) - (h == 12 ? 12 : 0)) * 3600L;
	}
	skip(c, is_space);
	return kst || peek(c, 0) == -1 ? 0 : zone(c, off);
}

/*
 * After an RFC 822 date, all optional: h:mm[:ss[.frac]], AM or PM, a
 * zone, "(comments)". Trailing spaces are left for the layout.
 */
static int
rfc_tail(struct cursor *c, long *secs, long *off)
{
	size_t save = c->i, n;
	const char *p;
	int h, m, s = 0, depth;

	skip(c, is_space);
	n = digits_ahead(c);
	if (c->i == save || n < 1 || n > 2 || peek(c, n) != ':') {
		c->i = save;
		return 0;
	}
	number(c, 1, 2, &h);
	eat(c, ':');
	if (number(c, 2, 2, &m) == -1 ||
	    (eat(c, ':') && number(c, 2, 2, &s) == -1))
		return -1;
	if (peek(c, 0) == '.' && peek(c, 1) != -1 && is_digit(peek(c, 1))) {
		c->i++;
		skip(c, is_digit);
	}
	if ((peek(c, 0) != -1 && is_digit(peek(c, 0))) ||
	    time_secs(h, m, s, 0, secs) == -1)
		return -1;
	save = c->i;
	skip(c, is_space);
	n = word(c, &p);
	if (n == 2 && (word_eq(p, n, "am") || word_eq(p, n, "pm"))) {
		if (h < 1 || h > 12)
			return -1;
		*secs += ((to_lower(*p) == 'p' ? 12 : 0) - (h == 12 ? 12 : 0)) *
		    3600L;
		save = c->i;
		skip(c, is_space);
	} else
		c->i -= n;
	if (peek(c, 0) == '+' || peek(c, 0) == '-' ||
	    (peek(c, 0) != -1 && is_alpha(peek(c, 0)))) {
		if (zone(c, off) == -1)
			return -1;
		save = c->i;
		skip(c, is_space);
	}
	while (peek(c, 0) == '(') {
		for (depth = 0; c->i < c->len; c->i++) {
			if (c->s[c->i] == '(')
				depth++;
			else if (c->s[c->i] == ')' && --depth == 0)
				break;
		}
		if (!eat(c, ')'))
			return -1;
		save = c->i;
		skip(c, is_space);
	}
	c->i = save;
	return 0;
}

/*
 * In a pattern Y, M, D, O, w and d are one digit each of the year, month,
 * day, day of the year, ISO week and weekday; y is a year of 2-4 digits;
 * m and e a month and a day of 1-2 digits ("1st" allowed); N a month
 * name; a an optional day name and its separators; ' ' optional spaces;
 * '_' one or more separators; '@' an optional ISO time and zone; '|' an
 * optional RFC 822 one. Any other byte matches itself.
 */
static const struct layout {
	const char	*pattern;
	int		 flags;
} layouts[] = {
	{ "YYYY-MM-DD@", 0 }, { "YYYYMMDD@", 0 }, { "YYYY-MM", 0 },
	{ "YYYY", 0 }, { "YYYY-OOO@", 0 }, { "YYYYOOO@", 0 },
	{ "YYYY-Www-d@", 0 }, { "YYYYWwwd@", 0 }, { "YYYY-Www@", 0 },
	{ "YYYYWww@", 0 },
	/* ISO 8601:1988's two-digit years; a lone YY would be a century */
	{ "YY-MM-DD@", 0 }, { "YYMMDD@", 0 }, { "YY-OOO@", 0 },
	{ "YYOOO@", 0 }, { "-YY-MM", 0 }, { "-YYMM", 0 }, { "-YY", 0 },
	/* Hungarian: 2004-július-13T9:15-05:00 */
	{ "YYYY-N-e@", 0 },
	/* Korean blogs: Nate (오전 is AM, 오후 PM) and OnBlog */
	{ "YYYY-MM-DD 오전 @", L_KST | L_AM },
	{ "YYYY-MM-DD 오후 @", L_KST | L_PM },
	{ "YYYY년 m월 e일@", L_KST },
	/* RFC 822 and relatives; Greek ones too, by the name tables */
	{ "ae_N_y|", 0 },	/* Thu, 01 Jan 2004 19:48:21 GMT */
	{ "aN_e_y|", 0 },	/* Dec 31, 2003 10:14 PM; Date.toString */
	{ "aN_e|_YYYY", 0 },	/* asctime, date(1) */
};

struct date_fields {
	int	y, ydigits, m, d, yday, week, wday;
	int	whole;		/* one day is named, so a time may follow */
};

static int
fields_days(const struct date_fields *f, int64_t *days)
{
	int y = f->y, wd, weeks;
	int64_t jan1;

	/* RFC 2822 4.3: 00-49 are 20xx, 50-99 19xx; 3 digits + 1900. */
	if (f->ydigits == 2)
		y += y < 50 ? 2000 : 1900;
	else if (f->ydigits == 3)
		y += 1900;
	jan1 = days_from_civil(y, 1, 1);
	if (f->yday != -1) {
		if (f->yday < 1 || f->yday > (is_leap(y) ? 366 : 365))
			return -1;
		*days = jan1 + f->yday - 1;
	} else if (f->week != -1) {
		/* Week 1 holds January 4th; 1970-01-01 was a Thursday. */
		wd = (int)(((jan1 + 3) % 7 + 7) % 7);	/* 0 is Monday */
		weeks = wd == 3 || (wd == 2 && is_leap(y)) ? 53 : 52;
		if (f->week < 1 || f->week > weeks || f->wday < 1 ||
		    f->wday > 7)
			return -1;
		*days = jan1 - wd + (wd > 3 ? 7 : 0) + (f->week - 1) * 7 +
		    f->wday - 1;
	} else {
		/* 31 days in odd months to July, even months from August */
		if (f->m < 1 || f->m > 12 || f->d < 1 || f->d > (f->m == 2 ?
		    28 + is_leap(y) : 30 + ((f->m + f->m / 8) & 1)))
			return -1;
		*days = days_from_civil(y, f->m, f->d);
	}
	return 0;
}

static int
parse_layout(const char *s, size_t len, const struct layout *l,
    int64_t *out)
{
	struct cursor c = { s, len, 0 };
	struct date_fields f = { 0, 0, 1, 1, -1, -1, 1, 0 };
	const char *lp, *p;
	size_t n, k, start;
	int *field;
	int64_t days;
	long secs = 0, off = 0;

	for (lp = l->pattern; *lp != '\0'; lp += n) {
		n = 1;
		field = NULL;
		switch (*lp) {
		case ' ':
			skip(&c, is_space);
			continue;
		case '_':
			if (skip(&c, is_sep) == 0)
				return -1;
			continue;
		case 'a':
			start = c.i;
			k = word(&c, &p);
			if (k == 0 || !is_day_name(p, k))
				c.i = start;
			else if (skip(&c, is_sep) == 0)
				return -1;
			continue;
		case 'N':
			k = word(&c, &p);
			if (lookup(month_names, nitems(month_names), p, k,
			    &f.m) == -1)
				return -1;
			continue;
		case 'y':
			start = c.i;
			if (number(&c, 2, 4, &f.y) == -1)
				return -1;
			f.ydigits = (int)(c.i - start);
			continue;
		case 'm':
			if (number(&c, 1, 2, &f.m) == -1)
				return -1;
			continue;
		case 'e':
			if (number(&c, 1, 2, &f.d) == -1)
				return -1;
			f.whole = 1;
			/* "1st", "22nd": the suffix says nothing */
			if (c.len - c.i >= 2 && (peek(&c, 2) == -1 ||
			    !is_alpha(peek(&c, 2))) &&
			    (word_eq(c.s + c.i, 2, "st") ||
			    word_eq(c.s + c.i, 2, "nd") ||
			    word_eq(c.s + c.i, 2, "rd") ||
			    word_eq(c.s + c.i, 2, "th")))
				c.i += 2;
			continue;
		case '@':
			if (c.i == len && (l->flags & (L_AM | L_PM)))
				return -1;
			if (c.i < len && (!f.whole ||
			    iso_tail(&c, l->flags, &secs, &off) == -1))
				return -1;
			continue;
		case '|':
			if (rfc_tail(&c, &secs, &off) == -1)
				return -1;
			continue;
		case 'Y': field = &f.y; break;
		case 'M': field = &f.m; break;
		case 'D': field = &f.d; break;
		case 'O': field = &f.yday; break;
		case 'w': field = &f.week; break;
		case 'd': field = &f.wday; break;
		}
		if (field == NULL) {
			if (!eat(&c, (unsigned char)*lp))
				return -1;
			continue;
		}
		while (lp[n] == *lp)
			n++;
		if (number(&c, n, n, field) == -1)
			return -1;
		if (*lp == 'Y')
			f.ydigits = (int)n;
		else if (*lp != 'M')
			f.whole = 1;
	}
	if (c.i != len || fields_days(&f, &days) == -1)
		return -1;
	if (l->flags & L_KST)
		off = 9 * 3600L;
	*out = days * 86400 + secs - off;
	return 0;
}

/* ---- entry points ---- */

int
date_parse(const char *s, size_t len, int64_t *out)
{
	size_t i;

	if (s == NULL)
		return -1;
	while (len > 0 && is_space(s[0])) {
		s++;
		len--;
	}
	while (len > 0 && is_space(s[len - 1]))
		len--;
	if (len == 0 || len > DATE_MAX_LEN)
		return -1;
	for (i = 0; i < nitems(layouts); i++) {
		if (parse_layout(s, len, &layouts[i], out) == 0)
			return 0;
	}
	return -1;
}

static void
put_digits(char *p, int64_t v, int width)
{
	while (width-- > 0) {
		p[width] = (char)('0' + v % 10);
		v /= 10;
	}
}

int
date_format_iso(int64_t t, char out[DATE_ISO_SIZE])
{
	int64_t days, secs, y;
	int m, d;

	if (t < ISO_MIN || t > ISO_MAX) {
		out[0] = '\0';
		return -1;
	}
	days = t / 86400;
	secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	memcpy(out, "0000-00-00T00:00:00Z", DATE_ISO_SIZE);
	put_digits(out, y, 4);
	put_digits(out + 5, m, 2);
	put_digits(out + 8, d, 2);
	put_digits(out + 11, secs / 3600, 2);
	put_digits(out + 14, secs / 60 % 60, 2);
	put_digits(out + 17, secs % 60, 2);
	return 0;
}
