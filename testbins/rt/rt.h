/*
 * rt.h - the tiny freestanding runtime of the xrun test programs.
 *
 * Conventions (see testbins/README.md):
 *  - every check prints exactly one line and is counted; a failed check
 *    appends "  <-- FAIL (expected ...)" so the line differs from the
 *    golden file, and the program exits 1 instead of 0 (rt_finish());
 *  - output is written with one write(2) per line, unbuffered, so that a
 *    program killed by a signal still has printed everything before it;
 *  - no output line may contain a value that varies between runs.
 */
#ifndef XRUN_RT_H
#define XRUN_RT_H

#include <stdarg.h>
#include "sys.h"

/* ---- process state captured at entry (start.S / rt.c) ---- */
extern long rt_entry_rsp;       /* %rsp as the kernel left it */
extern long rt_entry_rdi;       /* %rdi as the kernel left it */
extern long *rt_block;          /* the initial argument block */
extern int rt_argc;
extern char **rt_argv;
extern char **rt_envp;
extern unsigned long *rt_auxv;  /* pairs (type, value), ends with AT_NULL */

/* Look up an auxv entry; returns 1 and stores the value if present. */
int rt_auxv_get(unsigned long type, unsigned long *val);

/* ---- string and memory helpers ---- */
size_t rt_strlen(const char *s);
int rt_strcmp(const char *a, const char *b);
int rt_strncmp(const char *a, const char *b, size_t n);
char *rt_strcpy(char *d, const char *s);
char *rt_strcat(char *d, const char *s);
int rt_startswith(const char *s, const char *prefix);
int rt_endswith(const char *s, const char *suffix);
long rt_atol(const char *s);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
int rt_allzero(const void *p, size_t n);

/* ---- formatting ----
 * rt_format supports %s %c %d %ld %u %lu %x %lx %o (with a leading 0) %% and
 *   %r  : a system call result (long): "-1 ENAME (n)" when negative,
 *         else the decimal value;
 *   %E  : an errno number (int) as "ENAME (n)";
 *   %q  : a string in double quotes.
 */
int rt_vformat(char *buf, size_t size, const char *fmt, va_list ap);
int rt_format(char *buf, size_t size, const char *fmt, ...);
const char *rt_errname(long e);

/* ---- output ---- */
void rt_write_all(int fd, const char *s, size_t n);
void rt_puts(const char *s);                 /* s plus newline */
void rt_say(const char *fmt, ...);           /* one informational line */

/* ---- checks (each prints one line) ---- */
extern int rt_checks;
extern int rt_failures;
/* "<what> = <result>"; result formatted as with %r */
int rt_expect_ret(const char *what, long got, long want);
/* "<what> = <result>" where success is anything >= 0 */
int rt_expect_ok(const char *what, long got);
/* "<what>: yes" / "<what>: no" */
int rt_expect_true(const char *what, int cond);
/* "<what> = <n>" (decimal) */
int rt_expect_eq(const char *what, long got, long want);
/* "<what> = 0x<n>" (hex) */
int rt_expect_hex(const char *what, unsigned long got, unsigned long want);
/* "<what> = 0<n>" (octal) */
int rt_expect_oct(const char *what, unsigned long got, unsigned long want);
/* "<what> = \"<s>\"" */
int rt_expect_str(const char *what, const char *got, const char *want);
/* printf-style description helpers: build the description first */
const char *rt_desc(const char *fmt, ...);   /* static rotating buffers */

/* Print the summary line and return the exit status (0 all passed). */
int rt_finish(void);

/* ---- scratch directory helpers used by the file system tests ---- */
/* Remove a directory tree (depth-limited, regular files and dirs only). */
void rt_rmtree(const char *path);

#endif /* XRUN_RT_H */
