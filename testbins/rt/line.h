/*
 * line.h - a header-only line printer for test programs that cannot link
 * rt.c: the interpreter ld_elf (which must not need relocations of its
 * own, and rt.c has tables of pointers) and dynhello (whose relocations
 * must be only its own, so that their count is fixed by dynhello.c).
 * Each line is built in a buffer and written with one write(2), as rt.c
 * does.  (A struct line is never initialized as a whole: the compiler
 * would call memset, which these programs do not have.)
 */
#ifndef XRUN_LINE_H
#define XRUN_LINE_H

#include "sys.h"

struct line {
	char buf[240];
	unsigned int n;
};

static inline void line_s(struct line *l, const char *s)
{
	while (*s && l->n < sizeof(l->buf) - 1)
		l->buf[l->n++] = *s++;
}

static inline void line_u(struct line *l, unsigned long v)
{
	char d[24];
	int i = 0;

	do {
		d[i++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (i > 0 && l->n < sizeof(l->buf) - 1)
		l->buf[l->n++] = d[--i];
}

/* Ends the line with '\n' and writes it to stdout; the struct is reset. */
static inline void line_end(struct line *l)
{
	l->buf[l->n++] = '\n';
	sys_write(1, l->buf, l->n);
	l->n = 0;
}

/* One line made of a prefix and a string. */
static inline void line_say(const char *prefix, const char *s)
{
	struct line l;

	l.n = 0;
	line_s(&l, prefix);
	line_s(&l, s);
	line_end(&l);
}

/* "<prefix><what>: yes" or "...: no"; returns cond. */
static inline int line_yes(const char *prefix, const char *what, int cond)
{
	struct line l;

	l.n = 0;
	line_s(&l, prefix);
	line_s(&l, what);
	line_s(&l, cond ? ": yes" : ": no");
	line_end(&l);
	return cond;
}

static inline int line_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

#endif /* XRUN_LINE_H */
