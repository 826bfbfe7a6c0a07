/*
 * linux_errno.c - Linux errno -> FreeBSD errno, for the native Linux
 * build only.  Includes the Linux uapi errno header (and nothing of
 * fbsd.h), so E* names below carry their Linux values; the second column
 * is the FreeBSD number (fbsd.h / zerrors_freebsd_amd64.go).
 */
#include <asm-generic/errno.h>

static const struct { short lx, fb; } map[] = {
	{EPERM, 1}, {ENOENT, 2}, {ESRCH, 3}, {EINTR, 4}, {EIO, 5}, {ENXIO, 6},
	{E2BIG, 7}, {ENOEXEC, 8}, {EBADF, 9}, {ECHILD, 10}, {EDEADLK, 11},
	{ENOMEM, 12}, {EACCES, 13}, {EFAULT, 14}, {ENOTBLK, 15}, {EBUSY, 16},
	{EEXIST, 17}, {EXDEV, 18}, {ENODEV, 19}, {ENOTDIR, 20}, {EISDIR, 21},
	{EINVAL, 22}, {ENFILE, 23}, {EMFILE, 24}, {ENOTTY, 25}, {ETXTBSY, 26},
	{EFBIG, 27}, {ENOSPC, 28}, {ESPIPE, 29}, {EROFS, 30}, {EMLINK, 31},
	{EPIPE, 32}, {EDOM, 33}, {ERANGE, 34}, {EAGAIN, 35}, {EINPROGRESS, 36},
	{EALREADY, 37}, {ENOTSOCK, 38}, {EMSGSIZE, 40}, {EOPNOTSUPP, 45},
	{ELOOP, 62}, {ENAMETOOLONG, 63}, {ENOTEMPTY, 66}, {ENOLCK, 77},
	{ENOSYS, 78}, {EOVERFLOW, 84}, {ECANCELED, 85}, {EILSEQ, 86},
	{ETIMEDOUT, 60},
};

long rt_errno_from_linux(long e)
{
	unsigned i;
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].lx == e)
			return map[i].fb;
	return 1000 + e;   /* unmapped: visibly wrong */
}
