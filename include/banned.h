/*
 * Functions telex does not use, made into compile errors (after git's
 * banned.h). Include it last, after every system header.
 *   strcpy, strcat, sprintf: unbounded writes; use struct buf or snprintf.
 *   strtok: hidden global state; split by hand.
 *   gmtime, localtime: static result and TZ dependence; see date.h.
 */
#ifndef TELEX_BANNED_H
#define TELEX_BANNED_H

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef gmtime
#define gmtime(t) BANNED(gmtime)
#undef localtime
#define localtime(t) BANNED(localtime)

#endif
