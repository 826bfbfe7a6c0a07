/*
 * fdio - copies between files, space and access hints, closing ranges of
 * descriptors, executing a descriptor.
 * Covers: copy_file_range(569) posix_fallocate(530) posix_fadvise(531)
 *         close_range(575) freebsd12_closefrom(509) fexecve(492).
 * Expected results: copy_file_range(2): the bytes copied; with offset
 * pointers the offsets advance and the descriptors' own offsets do not,
 * without them the descriptors' offsets are used and advance; 0 at end of
 * file; flags other than 0, a negative offset and overlapping ranges of
 * one file are EINVAL, a directory EISDIR, a bad descriptor EBADF.
 * posix_fallocate(2) and posix_fadvise(2) return the error number as the
 * value, not -1/errno (kern_posix_error), and check their arguments before
 * the descriptor: fallocate EINVAL for offset < 0 or len <= 0, EFBIG (27)
 * when offset + len overflows, EBADF for a descriptor not open for
 * writing, ESPIPE (29) for a pipe; fadvise EINVAL for an unknown advice
 * (POSIX_FADV_NORMAL 0 .. NOREUSE 5 in sys/sys/fcntl.h) or a negative
 * offset. close_range(2): closes lowfd..highfd, or with
 * CLOSE_RANGE_CLOEXEC (1<<2) sets close-on-exec; other flags and
 * lowfd > highfd are EINVAL. closefrom (FreeBSD 12 syscall 509) closes
 * every descriptor from lowfd. fexecve(2): EBADF for a bad descriptor,
 * EACCES for a directory; on a descriptor of this program the new image
 * runs with the given arguments (it prints one more check and its own
 * summary).
 * xrun-covers: chdir close close_range copy_file_range dup2 exit fcntl fexecve
 * xrun-covers: freebsd12_closefrom fstat getdirentries lseek mkdir open pipe2
 * xrun-covers: posix_fadvise posix_fallocate pread rmdir unlink write
 */
#include "rt.h"

#define DIR "/tmp/xrun-tb-fdio-scratch"
#define NR_copy_file_range 569
#define NR_posix_fallocate 530
#define NR_posix_fadvise 531
#define NR_close_range 575
#define NR_closefrom 509
#define NR_fexecve 492
#define CLOSE_RANGE_CLOEXEC (1 << 2)
#define POSIX_FADV_NORMAL 0
#define POSIX_FADV_RANDOM 1
#define POSIX_FADV_SEQUENTIAL 2
#define POSIX_FADV_WILLNEED 3
#define POSIX_FADV_DONTNEED 4
#define POSIX_FADV_NOREUSE 5
#define EFBIG 27
#define ESPIPE 29

static long cfr(long in, long *inoff, long out, long *outoff, long len, long flags)
{
	return SC6(NR_copy_file_range, in, inoff, out, outoff, len, flags);
}

int main(int argc, char **argv, char **envp)
{
	if (argc == 2 && rt_strcmp(argv[1], "child") == 0) {
		rt_expect_true("fexecve'd image: argc 2, argv[1] \"child\"", 1);
		return rt_finish();
	}
	long self = sys_open(argv[0], O_RDONLY | O_CLOEXEC, 0);
	rt_expect_true("open(argv[0], O_RDONLY|O_CLOEXEC) >= 0", self >= 0);
	rt_rmtree(DIR);
	sys_mkdir(DIR, 0755);
	rt_expect_ret("chdir(DIR)", sys_chdir(DIR), 0);
	long a = sys_open("a", O_RDWR | O_CREAT, 0644);
	long b = sys_open("b", O_RDWR | O_CREAT, 0644);
	sys_write((int)a, "hello world", 11);
	char buf[32];

	/* copy_file_range */
	long inoff = 0, outoff = 0;
	rt_expect_ret("copy_file_range(a, &0, b, &0, 11, 0)", cfr(a, &inoff, b, &outoff, 11, 0), 11);
	rt_expect_true("  offsets 11 and 11; a's own offset stays 11, b's 0",
	    inoff == 11 && outoff == 11 && sys_lseek((int)a, 0, SEEK_CUR) == 11 && sys_lseek((int)b, 0, SEEK_CUR) == 0);
	memset(buf, 0, sizeof buf);
	sys_pread((int)b, buf, sizeof buf, 0);
	rt_expect_str("  b", buf, "hello world");
	sys_lseek((int)a, 6, SEEK_SET);
	rt_expect_ret("copy_file_range(a [offset 6], NULL, b [offset 0], NULL, 5, 0)", cfr(a, 0, b, 0, 5, 0), 5);
	rt_expect_true("  a's offset 11, b's 5", sys_lseek((int)a, 0, SEEK_CUR) == 11 && sys_lseek((int)b, 0, SEEK_CUR) == 5);
	memset(buf, 0, sizeof buf);
	sys_pread((int)b, buf, sizeof buf, 0);
	rt_expect_str("  b", buf, "world world");
	rt_expect_ret("copy_file_range(a [at EOF], NULL, b, NULL, 5, 0)", cfr(a, 0, b, 0, 5, 0), 0);
	inoff = 0;
	outoff = 0;
	rt_expect_ret("copy_file_range(a, &0, b, &0, 5, 1)", cfr(a, &inoff, b, &outoff, 5, 1), -EINVAL);
	inoff = -1;
	rt_expect_ret("copy_file_range(a, &-1, b, &0, 5, 0)", cfr(a, &inoff, b, &outoff, 5, 0), -EINVAL);
	inoff = 0;
	outoff = 2;
	rt_expect_ret("copy_file_range(a, &0, a, &2, 5, 0) [overlap]", cfr(a, &inoff, a, &outoff, 5, 0), -EINVAL);
	rt_expect_ret("copy_file_range(99, NULL, b, NULL, 5, 0)", cfr(99, 0, b, 0, 5, 0), -EBADF);
	long d = sys_open(".", O_RDONLY | O_DIRECTORY, 0);
	rt_expect_ret("copy_file_range(dirfd, NULL, b, NULL, 5, 0)", cfr(d, 0, b, 0, 5, 0), -EISDIR);

	/* posix_fallocate: the error is the value */
	struct stat st;
	rt_expect_ret("posix_fallocate(b, 0, 8192)", SC3(NR_posix_fallocate, b, 0, 8192), 0);
	sys_fstat((int)b, &st);
	rt_expect_eq("  st_size", st.st_size, 8192);
	rt_expect_eq("posix_fallocate(b, -1, 10) [EINVAL as the value]", SC3(NR_posix_fallocate, b, -1, 10), EINVAL);
	rt_expect_eq("posix_fallocate(b, 0, 0) [EINVAL]", SC3(NR_posix_fallocate, b, 0, 0), EINVAL);
	rt_expect_eq("posix_fallocate(b, 2^63-1, 10) [EFBIG]", SC3(NR_posix_fallocate, b, 0x7fffffffffffffffL, 10), EFBIG);
	rt_expect_eq("posix_fallocate(99, 0, 10) [EBADF]", SC3(NR_posix_fallocate, 99, 0, 10), EBADF);
	rt_expect_eq("posix_fallocate(99, -1, 10) [EINVAL: arguments first]", SC3(NR_posix_fallocate, 99, -1, 10), EINVAL);
	long ro = sys_open("a", O_RDONLY, 0);
	rt_expect_eq("posix_fallocate(read-only fd, 0, 10) [EBADF]", SC3(NR_posix_fallocate, ro, 0, 10), EBADF);
	int p[2];
	sys_pipe2(p, 0);
	rt_expect_eq("posix_fallocate(pipe write end, 0, 10) [ESPIPE]", SC3(NR_posix_fallocate, p[1], 0, 10), ESPIPE);

	/* posix_fadvise: the error is the value */
	rt_expect_ret("posix_fadvise(a, 0, 0, POSIX_FADV_NORMAL)", SC4(NR_posix_fadvise, a, 0, 0, POSIX_FADV_NORMAL), 0);
	rt_expect_ret("posix_fadvise(a, 0, 0, POSIX_FADV_RANDOM)", SC4(NR_posix_fadvise, a, 0, 0, POSIX_FADV_RANDOM), 0);
	rt_expect_ret("posix_fadvise(a, 0, 0, POSIX_FADV_SEQUENTIAL)", SC4(NR_posix_fadvise, a, 0, 0, POSIX_FADV_SEQUENTIAL), 0);
	rt_expect_ret("posix_fadvise(a, 0, 11, POSIX_FADV_WILLNEED)", SC4(NR_posix_fadvise, a, 0, 11, POSIX_FADV_WILLNEED), 0);
	rt_expect_ret("posix_fadvise(a, 0, 11, POSIX_FADV_DONTNEED)", SC4(NR_posix_fadvise, a, 0, 11, POSIX_FADV_DONTNEED), 0);
	rt_expect_ret("posix_fadvise(a, 0, 0, POSIX_FADV_NOREUSE)", SC4(NR_posix_fadvise, a, 0, 0, POSIX_FADV_NOREUSE), 0);
	rt_expect_eq("posix_fadvise(a, 0, 0, 6) [EINVAL as the value]", SC4(NR_posix_fadvise, a, 0, 0, 6), EINVAL);
	rt_expect_eq("posix_fadvise(a, -1, 0, POSIX_FADV_NORMAL) [EINVAL]", SC4(NR_posix_fadvise, a, -1, 0, POSIX_FADV_NORMAL), EINVAL);
	rt_expect_eq("posix_fadvise(99, 0, 0, POSIX_FADV_NORMAL) [EBADF]", SC4(NR_posix_fadvise, 99, 0, 0, POSIX_FADV_NORMAL), EBADF);
	rt_expect_eq("posix_fadvise(99, 0, 0, 6) [EINVAL: arguments first]", SC4(NR_posix_fadvise, 99, 0, 0, 6), EINVAL);
	rt_expect_eq("posix_fadvise(pipe, 0, 0, POSIX_FADV_NORMAL) [ESPIPE]", SC4(NR_posix_fadvise, p[0], 0, 0, POSIX_FADV_NORMAL), ESPIPE);
	sys_close(p[0]);
	sys_close(p[1]);
	sys_close((int)ro);

	/* close_range, closefrom */
	sys_dup2((int)a, 20);
	sys_dup2((int)a, 21);
	sys_dup2((int)a, 22);
	rt_expect_ret("close_range(20, 21, 0)", SC3(NR_close_range, 20, 21, 0), 0);
	rt_expect_true("  20 and 21 closed, 22 open", sys_fcntl(20, F_GETFD, 0) == -EBADF && sys_fcntl(21, F_GETFD, 0) == -EBADF
	    && sys_fcntl(22, F_GETFD, 0) == 0);
	rt_expect_ret("close_range(22, 22, CLOSE_RANGE_CLOEXEC)", SC3(NR_close_range, 22, 22, CLOSE_RANGE_CLOEXEC), 0);
	rt_expect_eq("  fcntl(22, F_GETFD)", sys_fcntl(22, F_GETFD, 0), FD_CLOEXEC);
	rt_expect_ret("close_range(5, 4, 0)", SC3(NR_close_range, 5, 4, 0), -EINVAL);
	rt_expect_ret("close_range(20, 21, 0x2)", SC3(NR_close_range, 20, 21, 0x2), -EINVAL);
	rt_expect_ret("close_range(30, ~0U, 0) [nothing open]", SC3(NR_close_range, 30, 0xffffffffL, 0), 0);
	sys_dup2((int)a, 23);
	rt_expect_ret("closefrom(22)", SC1(NR_closefrom, 22), 0);
	rt_expect_true("  22 and 23 closed, a still open", sys_fcntl(22, F_GETFD, 0) == -EBADF && sys_fcntl(23, F_GETFD, 0) == -EBADF
	    && sys_fcntl((int)a, F_GETFD, 0) == 0);

	/* fexecve */
	char *cargv[] = { argv[0], "child", 0 };
	rt_expect_ret("fexecve(99, argv, envp)", SC3(NR_fexecve, 99, cargv, envp), -EBADF);
	rt_expect_ret("fexecve(dirfd, argv, envp)", SC3(NR_fexecve, d, cargv, envp), -EACCES);
	sys_close((int)d);
	sys_close((int)a);
	sys_close((int)b);
	sys_chdir("/");
	rt_rmtree(DIR);
	long r = SC3(NR_fexecve, self, cargv, envp);
	rt_expect_ret("fexecve(self, {argv[0], \"child\"}, envp) returned", r, 0);
	return rt_finish();
}
