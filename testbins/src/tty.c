/*
 * tty - pseudo-terminals, termios, window size, descriptor ioctls.
 * Covers: posix_openpt(504), ioctl(54) with TIOCGPTN TIOCGETA TIOCSETA
 *         TIOCSWINSZ TIOCGWINSZ FIONREAD FIONBIO; open/read/write/pipe2.
 * Expected results: posix_openpt(2), ioctl(2), tty(4)/termios(4); ioctl
 * numbers from zerrors_freebsd_amd64.go, struct termios (44 bytes, speeds
 * are plain numbers) from ztypes_freebsd_amd64.go; defaults of a new
 * terminal from sys/sys/ttydefaults.h (TTYDEF_LFLAG has ECHO and ICANON,
 * TTYDEF_CFLAG has CS8, TTYDEF_SPEED is 9600); sys/kern/tty_pts.c: the
 * master answers TIOCGETA with the terminal's termios and forwards
 * TIOCSETA/TIOCSWINSZ to it; posix_openpt accepts only O_RDWR, O_NOCTTY
 * and O_CLOEXEC.
 * xrun-covers: close exit fcntl ioctl mkdir open pipe2 posix_openpt read rmdir unlink
 * xrun-covers: write
 */
#include "rt.h"

#define DIR  "/tmp/xrun-tb-tty-scratch"
#define FILE DIR "/plain"

static void nl2dollar(char *b)
{
	for (; *b; b++)
		if (*b == '\n')
			*b = '$';
}

int main(int argc, char **argv, char **envp)
{
	struct termios t, t0;
	struct winsize ws;
	char path[64], buf[16];
	unsigned int ptn = 0xffffffff;
	long m, s, fd;
	int p[2], n, one = 1;

	(void)argc; (void)argv; (void)envp;
	rt_rmtree(DIR);
	sys_mkdir(DIR, 0755);

	m = sys_posix_openpt(O_RDWR | O_NOCTTY);
	rt_expect_ok("posix_openpt(O_RDWR|O_NOCTTY)", m);
	rt_expect_ret("ioctl(master, TIOCGPTN, &n)", sys_ioctl((int)m, TIOCGPTN, &ptn), 0);
	rt_format(path, sizeof path, "/dev/pts/%u", ptn);
	s = sys_open(path, O_RDWR | O_NOCTTY, 0);
	rt_expect_ok("open(\"/dev/pts/<n>\", O_RDWR|O_NOCTTY)", s);

	/* defaults, then clear ECHO */
	memset(&t0, 0, sizeof t0);
	rt_expect_ret("ioctl(slave, TIOCGETA, &t)", sys_ioctl((int)s, TIOCGETA, &t0), 0);
	rt_expect_true("  ECHO set", (t0.c_lflag & ECHO) != 0);
	rt_expect_true("  ICANON set", (t0.c_lflag & ICANON) != 0);
	rt_expect_true("  (c_cflag & CSIZE) == CS8", (t0.c_cflag & CSIZE) == CS8);
	rt_expect_eq("  c_ispeed", t0.c_ispeed, 9600);
	rt_expect_eq("  c_ospeed", t0.c_ospeed, 9600);
	t = t0;
	t.c_lflag &= ~(uint32_t)ECHO;
	t.c_ispeed = B9600;
	t.c_ospeed = B9600;
	rt_expect_ret("ioctl(slave, TIOCSETA, &t) [ECHO off]", sys_ioctl((int)s, TIOCSETA, &t), 0);
	memset(&t, 0, sizeof t);
	rt_expect_ret("ioctl(slave, TIOCGETA, &t)", sys_ioctl((int)s, TIOCGETA, &t), 0);
	rt_expect_true("  ECHO clear", (t.c_lflag & ECHO) == 0);
	rt_expect_true("  ICANON unchanged", (t.c_lflag & ICANON) == (t0.c_lflag & ICANON));
	rt_expect_true("  (c_cflag & CSIZE) == CS8", (t.c_cflag & CSIZE) == CS8);
	rt_expect_eq("  c_ispeed", t.c_ispeed, 9600);
	rt_expect_eq("  c_ospeed", t.c_ospeed, 9600);
	memset(&t, 0, sizeof t);
	rt_expect_ret("ioctl(master, TIOCGETA, &t)", sys_ioctl((int)m, TIOCGETA, &t), 0);
	rt_expect_true("  ECHO clear (one terminal behind both ends)", (t.c_lflag & ECHO) == 0);
	t.c_ispeed = B38400;
	t.c_ospeed = B38400;
	rt_expect_ret("ioctl(master, TIOCSETA, &t) [38400 baud]", sys_ioctl((int)m, TIOCSETA, &t), 0);
	memset(&t, 0, sizeof t);
	rt_expect_ret("ioctl(slave, TIOCGETA, &t)", sys_ioctl((int)s, TIOCGETA, &t), 0);
	rt_expect_eq("  c_ispeed", t.c_ispeed, 38400);
	rt_expect_eq("  c_ospeed", t.c_ospeed, 38400);
	rt_expect_true("  ECHO still clear", (t.c_lflag & ECHO) == 0);

	/* window size */
	memset(&ws, 0, sizeof ws);
	ws.ws_row = 24;
	ws.ws_col = 80;
	rt_expect_ret("ioctl(master, TIOCSWINSZ, {24, 80})", sys_ioctl((int)m, TIOCSWINSZ, &ws), 0);
	memset(&ws, 0, sizeof ws);
	rt_expect_ret("ioctl(master, TIOCGWINSZ, &ws)", sys_ioctl((int)m, TIOCGWINSZ, &ws), 0);
	rt_expect_true("  24 rows, 80 columns", ws.ws_row == 24 && ws.ws_col == 80);
	memset(&ws, 0, sizeof ws);
	rt_expect_ret("ioctl(slave, TIOCGWINSZ, &ws)", sys_ioctl((int)s, TIOCGWINSZ, &ws), 0);
	rt_expect_true("  24 rows, 80 columns", ws.ws_row == 24 && ws.ws_col == 80);

	/* data through the terminal (ECHO off, ICANON on: one line per read) */
	rt_expect_ret("write(master, \"hi\\nyo\\n\", 6)", sys_write((int)m, "hi\nyo\n", 6), 6);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("read(slave, buf, 16)", sys_read((int)s, buf, sizeof buf), 3);
	nl2dollar(buf);
	rt_expect_str("  data (newline shown as $)", buf, "hi$");
	n = -1;
	rt_expect_ret("ioctl(slave, FIONREAD, &n)", sys_ioctl((int)s, FIONREAD, &n), 0);
	rt_expect_eq("  n", n, 3);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("read(slave, buf, 16)", sys_read((int)s, buf, sizeof buf), 3);
	nl2dollar(buf);
	rt_expect_str("  data (newline shown as $)", buf, "yo$");

	/* FIONREAD / FIONBIO on a pipe */
	rt_expect_ret("pipe2(p, 0)", sys_pipe2(p, 0), 0);
	rt_expect_ret("write(p[1], \"12345\", 5)", sys_write(p[1], "12345", 5), 5);
	n = -1;
	rt_expect_ret("ioctl(p[0], FIONREAD, &n)", sys_ioctl(p[0], FIONREAD, &n), 0);
	rt_expect_eq("  n", n, 5);
	rt_expect_ret("ioctl(p[0], FIONBIO, &1)", sys_ioctl(p[0], FIONBIO, &one), 0);
	rt_expect_ret("read(p[0], buf, 16)", sys_read(p[0], buf, sizeof buf), 5);
	rt_expect_ret("read(p[0], buf, 16) when empty", sys_read(p[0], buf, sizeof buf), -EAGAIN);
	rt_expect_ret("fcntl(p[0], F_GETFL) & O_NONBLOCK", sys_fcntl(p[0], F_GETFL, 0) & O_NONBLOCK, O_NONBLOCK);

	/* errors */
	fd = sys_open(FILE, O_RDWR | O_CREAT, 0600);
	rt_expect_ret("ioctl(regular file, TIOCGETA, &t)", sys_ioctl((int)fd, TIOCGETA, &t), -ENOTTY);
	rt_expect_ret("ioctl(p[0], TIOCGETA, &t)", sys_ioctl(p[0], TIOCGETA, &t), -ENOTTY);
	rt_expect_ret("ioctl(999, TIOCGETA, &t)", sys_ioctl(999, TIOCGETA, &t), -EBADF);
	rt_expect_ret("ioctl(slave, TIOCGETA, (void *)8)", sys_ioctl((int)s, TIOCGETA, (void *)8), -EFAULT);
	rt_expect_ret("posix_openpt(O_RDWR|O_CREAT)", sys_posix_openpt(O_RDWR | O_CREAT), -EINVAL);
	sys_close((int)fd);
	sys_close(p[0]);
	sys_close(p[1]);
	rt_expect_ret("ioctl(p[0] after close, FIONREAD, &n)", sys_ioctl(p[0], FIONREAD, &n), -EBADF);
	rt_expect_ret("close(slave)", sys_close((int)s), 0);
	rt_expect_ret("close(master)", sys_close((int)m), 0);
	rt_expect_ret("unlink(FILE)", sys_unlink(FILE), 0);
	rt_expect_ret("rmdir(DIR)", sys_rmdir(DIR), 0);
	return rt_finish();
}
