/*
 * rt.c - implementation of the freestanding test runtime (see rt.h).
 */
#include "rt.h"

long *rt_block;
int rt_argc;
char **rt_argv;
char **rt_envp;
unsigned long *rt_auxv;
int rt_checks;
int rt_failures;

int main(int argc, char **argv, char **envp);

/* Called by _start with the initial argument block (argc, argv..., 0,
 * envp..., 0, auxv pairs...), as laid out in lib/csu/amd64/crt1_c.c. */
__attribute__((noreturn, used)) void rt_cstart(long *block)
{
	char **p;

	rt_block = block;
	rt_argc = (int)block[0];
	rt_argv = (char **)(block + 1);
	rt_envp = rt_argv + rt_argc + 1;
	for (p = rt_envp; *p != 0; p++)
		;
	rt_auxv = (unsigned long *)(p + 1);
	sys_exit(main(rt_argc, rt_argv, rt_envp));
}

int rt_auxv_get(unsigned long type, unsigned long *val)
{
	unsigned long *a;

	for (a = rt_auxv; a[0] != AT_NULL; a += 2) {
		if (a[0] == type) {
			*val = a[1];
			return 1;
		}
	}
	return 0;
}

/* ---------------- strings and memory ---------------- */

size_t rt_strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int rt_strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int rt_strncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (*a == 0)
			return 0;
	}
	return 0;
}

char *rt_strcpy(char *d, const char *s)
{
	char *r = d;
	while ((*d++ = *s++) != 0)
		;
	return r;
}

char *rt_strcat(char *d, const char *s)
{
	rt_strcpy(d + rt_strlen(d), s);
	return d;
}

int rt_startswith(const char *s, const char *prefix)
{
	return rt_strncmp(s, prefix, rt_strlen(prefix)) == 0;
}

int rt_endswith(const char *s, const char *suffix)
{
	size_t a = rt_strlen(s), b = rt_strlen(suffix);
	return a >= b && rt_strcmp(s + a - b, suffix) == 0;
}

long rt_atol(const char *s)
{
	long v = 0;
	int neg = 0;
	if (*s == '-')
		neg = 1, s++;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return neg ? -v : v;
}

/* The compiler may emit calls to these four even in freestanding mode. */
void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	while (n--)
		*dp++ = *sp++;
	return d;
}

void *memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	if (dp < sp) {
		while (n--)
			*dp++ = *sp++;
	} else {
		while (n--)
			dp[n] = sp[n];
	}
	return d;
}

void *memset(void *d, int c, size_t n)
{
	unsigned char *dp = d;
	while (n--)
		*dp++ = (unsigned char)c;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n > 0; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

int rt_allzero(const void *p, size_t n)
{
	const unsigned char *c = p;
	while (n--)
		if (*c++)
			return 0;
	return 1;
}

/* ---------------- errno names (FreeBSD numbering, fbsd.h) ---------------- */

static const char *const errnames[] = {
	[EPERM] = "EPERM", [ENOENT] = "ENOENT", [ESRCH] = "ESRCH",
	[EINTR] = "EINTR", [EIO] = "EIO", [ENXIO] = "ENXIO", [E2BIG] = "E2BIG",
	[ENOEXEC] = "ENOEXEC", [EBADF] = "EBADF", [ECHILD] = "ECHILD",
	[EDEADLK] = "EDEADLK", [ENOMEM] = "ENOMEM", [EACCES] = "EACCES",
	[EFAULT] = "EFAULT", [ENOTBLK] = "ENOTBLK", [EBUSY] = "EBUSY",
	[EEXIST] = "EEXIST", [EXDEV] = "EXDEV", [ENODEV] = "ENODEV",
	[ENOTDIR] = "ENOTDIR", [EISDIR] = "EISDIR", [EINVAL] = "EINVAL",
	[ENFILE] = "ENFILE", [EMFILE] = "EMFILE", [ENOTTY] = "ENOTTY",
	[ETXTBSY] = "ETXTBSY", [EFBIG] = "EFBIG", [ENOSPC] = "ENOSPC",
	[ESPIPE] = "ESPIPE", [EROFS] = "EROFS", [EMLINK] = "EMLINK",
	[EPIPE] = "EPIPE", [EDOM] = "EDOM", [ERANGE] = "ERANGE",
	[EAGAIN] = "EAGAIN", [EINPROGRESS] = "EINPROGRESS",
	[EALREADY] = "EALREADY", [ENOTSOCK] = "ENOTSOCK",
	[EDESTADDRREQ] = "EDESTADDRREQ", [EMSGSIZE] = "EMSGSIZE",
	[EPROTOTYPE] = "EPROTOTYPE", [ENOPROTOOPT] = "ENOPROTOOPT",
	[EPROTONOSUPPORT] = "EPROTONOSUPPORT",
	[ESOCKTNOSUPPORT] = "ESOCKTNOSUPPORT", [EOPNOTSUPP] = "EOPNOTSUPP",
	[EPFNOSUPPORT] = "EPFNOSUPPORT", [EAFNOSUPPORT] = "EAFNOSUPPORT",
	[EADDRINUSE] = "EADDRINUSE", [EADDRNOTAVAIL] = "EADDRNOTAVAIL",
	[ENETDOWN] = "ENETDOWN", [ENETUNREACH] = "ENETUNREACH",
	[ENETRESET] = "ENETRESET", [ECONNABORTED] = "ECONNABORTED",
	[ECONNRESET] = "ECONNRESET", [ENOBUFS] = "ENOBUFS",
	[EISCONN] = "EISCONN", [ENOTCONN] = "ENOTCONN",
	[ESHUTDOWN] = "ESHUTDOWN", [ETOOMANYREFS] = "ETOOMANYREFS",
	[ETIMEDOUT] = "ETIMEDOUT", [ECONNREFUSED] = "ECONNREFUSED",
	[ELOOP] = "ELOOP", [ENAMETOOLONG] = "ENAMETOOLONG",
	[EHOSTDOWN] = "EHOSTDOWN", [EHOSTUNREACH] = "EHOSTUNREACH",
	[ENOTEMPTY] = "ENOTEMPTY", [EPROCLIM] = "EPROCLIM",
	[EUSERS] = "EUSERS", [EDQUOT] = "EDQUOT", [ESTALE] = "ESTALE",
	[EREMOTE] = "EREMOTE", [EBADRPC] = "EBADRPC",
	[ERPCMISMATCH] = "ERPCMISMATCH", [EPROGUNAVAIL] = "EPROGUNAVAIL",
	[EPROGMISMATCH] = "EPROGMISMATCH", [EPROCUNAVAIL] = "EPROCUNAVAIL",
	[ENOLCK] = "ENOLCK", [ENOSYS] = "ENOSYS", [EFTYPE] = "EFTYPE",
	[EAUTH] = "EAUTH", [ENEEDAUTH] = "ENEEDAUTH", [EIDRM] = "EIDRM",
	[ENOMSG] = "ENOMSG", [EOVERFLOW] = "EOVERFLOW",
	[ECANCELED] = "ECANCELED", [EILSEQ] = "EILSEQ", [ENOATTR] = "ENOATTR",
	[EDOOFUS] = "EDOOFUS", [EBADMSG] = "EBADMSG",
	[EMULTIHOP] = "EMULTIHOP", [ENOLINK] = "ENOLINK", [EPROTO] = "EPROTO",
	[ENOTCAPABLE] = "ENOTCAPABLE", [ECAPMODE] = "ECAPMODE",
	[ENOTRECOVERABLE] = "ENOTRECOVERABLE", [EOWNERDEAD] = "EOWNERDEAD",
	[EINTEGRITY] = "EINTEGRITY",
};

const char *rt_errname(long e)
{
	if (e > 0 && e <= XRUN_ELAST && errnames[e])
		return errnames[e];
	return "E?";
}

/* ---------------- formatting ---------------- */

struct sink { char *buf; size_t size, len; };

static void put_c(struct sink *s, char c)
{
	if (s->len + 1 < s->size)
		s->buf[s->len] = c;
	s->len++;
}

static void put_s(struct sink *s, const char *str)
{
	while (*str)
		put_c(s, *str++);
}

static void put_u(struct sink *s, unsigned long v, unsigned base)
{
	char tmp[24];
	int i = 0;
	do {
		unsigned d = v % base;
		tmp[i++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
		v /= base;
	} while (v);
	while (i)
		put_c(s, tmp[--i]);
}

static void put_d(struct sink *s, long v)
{
	if (v < 0) {
		put_c(s, '-');
		put_u(s, (unsigned long)0 - (unsigned long)v, 10);
	} else {
		put_u(s, (unsigned long)v, 10);
	}
}

static void put_errno(struct sink *s, long e)
{
	put_s(s, rt_errname(e));
	put_s(s, " (");
	put_d(s, e);
	put_c(s, ')');
}

static void put_ret(struct sink *s, long r)
{
	if (r < 0 && r >= -4095) {
		put_s(s, "-1 ");
		put_errno(s, -r);
	} else {
		put_d(s, r);
	}
}

int rt_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = { buf, size, 0 };

	for (; *fmt; fmt++) {
		int lng = 0;
		if (*fmt != '%') {
			put_c(&s, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == 'l') {
			lng = 1;
			fmt++;
		}
		switch (*fmt) {
		case 's': put_s(&s, va_arg(ap, const char *)); break;
		case 'q': put_c(&s, '"'); put_s(&s, va_arg(ap, const char *)); put_c(&s, '"'); break;
		case 'c': put_c(&s, (char)va_arg(ap, int)); break;
		case 'd': put_d(&s, lng ? va_arg(ap, long) : va_arg(ap, int)); break;
		case 'u': put_u(&s, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10); break;
		case 'x': put_u(&s, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16); break;
		case 'o': put_c(&s, '0'); put_u(&s, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 8); break;
		case 'r': put_ret(&s, va_arg(ap, long)); break;
		case 'E': put_errno(&s, va_arg(ap, int)); break;
		case '%': put_c(&s, '%'); break;
		default: put_c(&s, '%'); put_c(&s, *fmt); break;
		}
	}
	if (size)
		buf[s.len < size ? s.len : size - 1] = 0;
	return (int)s.len;
}

int rt_format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = rt_vformat(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* ---------------- output ---------------- */

void rt_write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		long w = sys_write(fd, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

void rt_puts(const char *s)
{
	char line[1024];
	size_t n = rt_strlen(s);
	if (n > sizeof line - 2)
		n = sizeof line - 2;
	memcpy(line, s, n);
	line[n++] = '\n';
	rt_write_all(1, line, n);
}

void rt_say(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	rt_vformat(line, sizeof line, fmt, ap);
	va_end(ap);
	rt_puts(line);
}

const char *rt_desc(const char *fmt, ...)
{
	static char bufs[4][512];
	static int next;
	char *b = bufs[next++ & 3];
	va_list ap;
	va_start(ap, fmt);
	rt_vformat(b, sizeof bufs[0], fmt, ap);
	va_end(ap);
	return b;
}

/* ---------------- checks ---------------- */

static int finish_check(int ok, char *line, size_t size, const char *fmt, ...)
{
	size_t n;
	rt_checks++;
	if (!ok) {
		va_list ap;
		rt_failures++;
		n = rt_strlen(line);
		va_start(ap, fmt);
		rt_vformat(line + n, size - n, fmt, ap);
		va_end(ap);
	}
	rt_puts(line);
	return ok;
}

int rt_expect_ret(const char *what, long got, long want)
{
	char line[1024];
	rt_format(line, sizeof line, "%s = %r", what, got);
	return finish_check(got == want, line, sizeof line, "  <-- FAIL (expected %r)", want);
}

int rt_expect_ok(const char *what, long got)
{
	char line[1024];
	rt_format(line, sizeof line, "%s = %s", what, got >= 0 ? "ok" : "");
	if (got < 0)
		rt_format(line, sizeof line, "%s = %r", what, got);
	return finish_check(got >= 0, line, sizeof line, "  <-- FAIL (expected success)");
}

int rt_expect_true(const char *what, int cond)
{
	char line[1024];
	rt_format(line, sizeof line, "%s: %s", what, cond ? "yes" : "no");
	return finish_check(cond, line, sizeof line, "  <-- FAIL (expected yes)");
}

int rt_expect_eq(const char *what, long got, long want)
{
	char line[1024];
	rt_format(line, sizeof line, "%s = %ld", what, got);
	return finish_check(got == want, line, sizeof line, "  <-- FAIL (expected %ld)", want);
}

int rt_expect_hex(const char *what, unsigned long got, unsigned long want)
{
	char line[1024];
	rt_format(line, sizeof line, "%s = 0x%lx", what, got);
	return finish_check(got == want, line, sizeof line, "  <-- FAIL (expected 0x%lx)", want);
}

int rt_expect_oct(const char *what, unsigned long got, unsigned long want)
{
	char line[1024];
	rt_format(line, sizeof line, "%s = %lo", what, got);
	return finish_check(got == want, line, sizeof line, "  <-- FAIL (expected %lo)", want);
}

int rt_expect_str(const char *what, const char *got, const char *want)
{
	char line[1024];
	rt_format(line, sizeof line, "%s = %q", what, got);
	return finish_check(rt_strcmp(got, want) == 0, line, sizeof line,
	    "  <-- FAIL (expected %q)", want);
}

int rt_finish(void)
{
	rt_say("summary: checks=%d failed=%d", rt_checks, rt_failures);
	return rt_failures ? 1 : 0;
}

/* ---------------- scratch directories ---------------- */

#ifdef XRUN_TARGET_LINUX
#define RT_GETDENTS_NR 217   /* getdents64, asm/unistd_64.h */
struct rt_de { uint64_t ino; int64_t off; uint16_t reclen; uint8_t type; char name[]; };
#endif

static void rmtree_depth(const char *path, int depth)
{
	char buf[4096];
	char child[1024];
	long fd, n;

	if (sys_unlink(path) == 0 || depth > 8)
		return;
	fd = sys_open(path, O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0)
		return;
	for (;;) {
		long off = 0;
#ifdef XRUN_TARGET_LINUX
		n = SC3(RT_GETDENTS_NR, fd, buf, sizeof buf);
#else
		long base = 0;
		n = sys_getdirentries((int)fd, buf, sizeof buf, &base);
#endif
		if (n <= 0)
			break;
		while (off < n) {
#ifdef XRUN_TARGET_LINUX
			struct rt_de *d = (struct rt_de *)(buf + off);
			const char *name = d->name;
			off += d->reclen;
#else
			struct dirent *d = (struct dirent *)(buf + off);
			const char *name = d->d_name;
			off += d->d_reclen;
#endif
			if (rt_strcmp(name, ".") == 0 || rt_strcmp(name, "..") == 0)
				continue;
			if (rt_strlen(path) + rt_strlen(name) + 2 > sizeof child)
				continue;
			rt_strcpy(child, path);
			rt_strcat(child, "/");
			rt_strcat(child, name);
			rmtree_depth(child, depth + 1);
		}
	}
	sys_close((int)fd);
	sys_rmdir(path);
}

void rt_rmtree(const char *path)
{
	rmtree_depth(path, 0);
}
