/*
 * sockets - BSD sockets as Go's net package uses them, plus poll/select.
 * Covers: socket socketpair bind listen connect accept accept4 getsockname
 *         getpeername setsockopt getsockopt sendto recvfrom sendmsg recvmsg
 *         (SCM_RIGHTS, MSG_TRUNC) shutdown poll ppoll select pselect over
 *         AF_INET and AF_INET6 TCP/UDP on loopback and AF_UNIX.
 * Expected results: socket(2) bind(2) listen(2) connect(2) accept(2)
 * getsockname(2) getpeername(2) getsockopt(2) send(2) recv(2) shutdown(2)
 * socketpair(2) poll(2) select(2) manual pages, and FreeBSD kernel source
 * where the pages say nothing:
 *  - sys/kern/uipc_syscalls.c (kern_accept4, user_getsockname, kern_recvit):
 *    *addrlen becomes MIN(*addrlen, sa_len), the length actually copied;
 *    recvmsg writes msg_controllen = bytes of control copied (CMSG_SPACE);
 *  - sys/kern/uipc_socket.c soreceive_generic: msg_flags comes back as the
 *    call's flags (less MSG_EOR) or-ed with what the receive found;
 *  - sys/kern/uipc_socket.c sogetopt: on/off options read back as
 *    so_options & name (SO_REUSEADDR 4, SO_KEEPALIVE 8, SO_ACCEPTCONN 2,
 *    l_onoff SO_LINGER 0x80); unknown SOL_SOCKET option ENOPROTOOPT;
 *  - sys/netinet/tcp_usrreq.c: TCP_NODELAY reads back t_flags & TF_NODELAY (4);
 *  - sys/kern/uipc_usrreq.c: an unnamed AF_UNIX peer is sun_noname
 *    (sa_len 16, AF_LOCAL); sys/kern/sys_generic.c kern_select: the timeout
 *    is never written back, tv_usec outside [0, 1000000) is EINVAL;
 *  - sys/kern/uipc_socket.c sopoll_generic: a socket whose peer is gone is
 *    POLLIN|POLLHUP; a half-closed one POLLIN.
 * No port number or address that varies is printed: comparisons instead.
 * xrun-covers: accept accept4 bind close connect exit fcntl getpeername getsockname
 * xrun-covers: getsockopt listen pipe2 poll ppoll pselect read recvfrom recvmsg
 * xrun-covers: select sendmsg sendto setsockopt shutdown socket socketpair unlink
 * xrun-covers: write
 */
#include "rt.h"

#define SUN_PATH "/tmp/xrun-tb-sockets.sock"

static uint16_t htons16(uint16_t v) { return (uint16_t)((v << 8) | (v >> 8)); }

static void sin_loopback(struct sockaddr_in *s, uint16_t port_be)
{
	memset(s, 0, sizeof *s);
	s->sin_len = sizeof *s;
	s->sin_family = AF_INET;
	s->sin_port = port_be;
	s->sin_addr.s_addr = (uint32_t)htons16(0x7f00) | ((uint32_t)htons16(0x0001) << 16); /* 127.0.0.1 */
}

static int is_loopback4(const struct sockaddr_in *s)
{
	const uint8_t *a = (const uint8_t *)&s->sin_addr;
	return a[0] == 127 && a[1] == 0 && a[2] == 0 && a[3] == 1;
}

static void sin6_loopback(struct sockaddr_in6 *s)
{
	memset(s, 0, sizeof *s);
	s->sin6_len = sizeof *s;
	s->sin6_family = AF_INET6;
	s->sin6_addr.s6_addr[15] = 1;
}

static long getint(int s, int level, int name, int *v)
{
	socklen_t n = sizeof *v;
	long r;
	*v = -1;
	r = sys_getsockopt(s, level, name, v, &n);
	if (r == 0 && n != sizeof *v)
		return -1000;
	return r;
}

static void tcp4(void)
{
	struct sockaddr_in sin, peer, self;
	struct sockaddr_in6 six;
	struct sockaddr_storage ss;
	struct linger lg;
	struct pollfd pf[2];
	struct timeval tv;
	struct timespec ts;
	fd_set rs, ws;
	uint64_t emptyset[2] = {0, 0};
	socklen_t len;
	char buf[64];
	int one = 1, v, p[2];
	long ls, t, a, r;
	uint16_t port;

	ls = sys_socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	rt_expect_ret("socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, 0)", ls, 3);
	rt_expect_ret("fcntl(ls, F_GETFD)", sys_fcntl((int)ls, F_GETFD, 0), FD_CLOEXEC);
	rt_expect_ret("setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, 1)",
	    sys_setsockopt((int)ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one), 0);
	rt_expect_ret("getsockopt(ls, SOL_SOCKET, SO_REUSEADDR)", getint((int)ls, SOL_SOCKET, SO_REUSEADDR, &v), 0);
	rt_expect_eq("  value (so_options & SO_REUSEADDR)", v, SO_REUSEADDR);
	sin_loopback(&sin, 0);
	rt_expect_ret("bind(ls, 127.0.0.1:0, 16)", sys_bind((int)ls, &sin, sizeof sin), 0);
	len = sizeof ss;
	memset(&ss, 0xee, sizeof ss);
	rt_expect_ret("getsockname(ls, &ss, &len=128)", sys_getsockname((int)ls, &ss, &len), 0);
	rt_expect_eq("  len", len, 16);
	rt_expect_eq("  sin_len", ((struct sockaddr_in *)&ss)->sin_len, 16);
	rt_expect_eq("  sin_family", ((struct sockaddr_in *)&ss)->sin_family, AF_INET);
	rt_expect_true("  sin_port != 0", ((struct sockaddr_in *)&ss)->sin_port != 0);
	rt_expect_true("  sin_addr is 127.0.0.1", is_loopback4((struct sockaddr_in *)&ss));
	port = ((struct sockaddr_in *)&ss)->sin_port;
	sin.sin_port = port;
	len = 4;
	memset(&ss, 0xee, sizeof ss);
	rt_expect_ret("getsockname(ls, &ss, &len=4)", sys_getsockname((int)ls, &ss, &len), 0);
	rt_expect_eq("  len (MIN(4, sa_len))", len, 4);
	rt_expect_eq("  sin_len", ((struct sockaddr_in *)&ss)->sin_len, 16);
	rt_expect_true("  byte 4 untouched", ((uint8_t *)&ss)[4] == 0xee);
	rt_expect_ret("listen(ls, 8)", sys_listen((int)ls, 8), 0);
	rt_expect_ret("getsockopt(ls, SOL_SOCKET, SO_ACCEPTCONN)", getint((int)ls, SOL_SOCKET, SO_ACCEPTCONN, &v), 0);
	rt_expect_eq("  value", v, SO_ACCEPTCONN);

	t = sys_socket(AF_INET, SOCK_STREAM, 0);
	rt_expect_ret("socket(AF_INET, SOCK_STREAM, 0)", t, 4);
	rt_expect_ret("fcntl(t, F_GETFD)", sys_fcntl((int)t, F_GETFD, 0), 0);
	rt_expect_ret("bind(t, the listener's address)", sys_bind((int)t, &sin, sizeof sin), -EADDRINUSE);
	rt_expect_ret("bind(t, 127.0.0.1:0, 8)", sys_bind((int)t, &sin, 8), -EINVAL);
	sin6_loopback(&six);
	six.sin6_port = port;
	rt_expect_ret("connect(t, AF_INET6 address, 28)", sys_connect((int)t, &six, sizeof six), -EAFNOSUPPORT);
	len = sizeof ss;
	rt_expect_ret("getpeername(t) unconnected", sys_getpeername((int)t, &ss, &len), -ENOTCONN);
	rt_expect_ret("accept(t, NULL, NULL) not listening", sys_accept((int)t, 0, 0), -EINVAL);
	rt_expect_ret("connect(t, listener, 16)", sys_connect((int)t, &sin, sizeof sin), 0);
	rt_expect_ret("connect(t, listener, 16) again", sys_connect((int)t, &sin, sizeof sin), -EISCONN);
	len = sizeof peer;
	rt_expect_ret("getpeername(t, &peer, &len=16)", sys_getpeername((int)t, &peer, &len), 0);
	rt_expect_eq("  len", len, 16);
	rt_expect_true("  peer is the listener", peer.sin_port == port && is_loopback4(&peer) && peer.sin_len == 16);
	len = sizeof self;
	rt_expect_ret("getsockname(t, &self, &len=16)", sys_getsockname((int)t, &self, &len), 0);

	len = sizeof ss;
	memset(&ss, 0, sizeof ss);
	a = sys_accept4((int)ls, &ss, &len, SOCK_CLOEXEC);
	rt_expect_ret("accept4(ls, &ss, &len=128, SOCK_CLOEXEC)", a, 5);
	rt_expect_eq("  len", len, 16);
	rt_expect_eq("  ss_len", ss.ss_len, 16);
	rt_expect_eq("  ss_family", ss.ss_family, AF_INET);
	rt_expect_true("  peer is t", ((struct sockaddr_in *)&ss)->sin_port == self.sin_port);
	rt_expect_ret("fcntl(a, F_GETFD)", sys_fcntl((int)a, F_GETFD, 0), FD_CLOEXEC);
	rt_expect_ret("accept4(ls, NULL, NULL, 0x4)", sys_accept4((int)ls, 0, 0, 0x4), -EINVAL);

	/* options */
	rt_expect_ret("setsockopt(t, IPPROTO_TCP, TCP_NODELAY, 1)",
	    sys_setsockopt((int)t, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one), 0);
	rt_expect_ret("getsockopt(t, IPPROTO_TCP, TCP_NODELAY)", getint((int)t, IPPROTO_TCP, TCP_NODELAY, &v), 0);
	rt_expect_eq("  value (t_flags & TF_NODELAY)", v, TF_NODELAY);
	v = 30;
	rt_expect_ret("setsockopt(t, IPPROTO_TCP, TCP_KEEPIDLE, 30)",
	    sys_setsockopt((int)t, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof v), 0);
	rt_expect_ret("getsockopt(t, IPPROTO_TCP, TCP_KEEPIDLE)", getint((int)t, IPPROTO_TCP, TCP_KEEPIDLE, &v), 0);
	rt_expect_eq("  value", v, 30);
	rt_expect_ret("setsockopt(t, SOL_SOCKET, SO_KEEPALIVE, 1)",
	    sys_setsockopt((int)t, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one), 0);
	rt_expect_ret("getsockopt(t, SOL_SOCKET, SO_KEEPALIVE)", getint((int)t, SOL_SOCKET, SO_KEEPALIVE, &v), 0);
	rt_expect_eq("  value", v, SO_KEEPALIVE);
	rt_expect_ret("getsockopt(t, SOL_SOCKET, SO_TYPE)", getint((int)t, SOL_SOCKET, SO_TYPE, &v), 0);
	rt_expect_eq("  value", v, SOCK_STREAM);
	rt_expect_ret("getsockopt(t, SOL_SOCKET, SO_ERROR)", getint((int)t, SOL_SOCKET, SO_ERROR, &v), 0);
	rt_expect_eq("  value", v, 0);
	lg.l_onoff = 1;
	lg.l_linger = 5;
	rt_expect_ret("setsockopt(t, SOL_SOCKET, SO_LINGER, {1, 5})",
	    sys_setsockopt((int)t, SOL_SOCKET, SO_LINGER, &lg, sizeof lg), 0);
	len = sizeof lg;
	memset(&lg, 0, sizeof lg);
	rt_expect_ret("getsockopt(t, SOL_SOCKET, SO_LINGER)", sys_getsockopt((int)t, SOL_SOCKET, SO_LINGER, &lg, &len), 0);
	rt_expect_eq("  l_onoff (so_options & SO_LINGER)", lg.l_onoff, SO_LINGER);
	rt_expect_eq("  l_linger", lg.l_linger, 5);
	lg.l_onoff = 0;
	sys_setsockopt((int)t, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
	v = 65536;
	rt_expect_ret("setsockopt(t, SOL_SOCKET, SO_RCVBUF, 65536)",
	    sys_setsockopt((int)t, SOL_SOCKET, SO_RCVBUF, &v, sizeof v), 0);
	rt_expect_ret("getsockopt(t, SOL_SOCKET, SO_RCVBUF)", getint((int)t, SOL_SOCKET, SO_RCVBUF, &v), 0);
	rt_expect_true("  value >= 65536", v >= 65536);
	rt_expect_ret("setsockopt(t, SOL_SOCKET, 0x7777, 1)",
	    sys_setsockopt((int)t, SOL_SOCKET, 0x7777, &one, sizeof one), -ENOPROTOOPT);
	rt_expect_ret("getsockopt(t, IPPROTO_TCP, 0x7777)", getint((int)t, IPPROTO_TCP, 0x7777, &v), -ENOPROTOOPT);
	rt_expect_ret("getsockopt(t, 12345, 1)", getint((int)t, 12345, 1, &v), -EINVAL);

	/* data */
	rt_expect_ret("write(t, \"hello\", 5)", sys_write((int)t, "hello", 5), 5);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("read(a, buf, 16)", sys_read((int)a, buf, 16), 5);
	rt_expect_str("  data", buf, "hello");
	rt_expect_ret("sendto(a, \"world!\", 6, 0, NULL, 0)", sys_sendto((int)a, "world!", 6, 0, 0, 0), 6);
	/* wait for the data before peeking: one segment on loopback */
	pf[0].fd = (int)t; pf[0].events = POLLIN; pf[0].revents = -1;
	rt_expect_ret("poll({t, POLLIN}, 1, 5000)", sys_poll(pf, 1, 5000), 1);
	rt_expect_hex("  revents", (unsigned short)pf[0].revents, POLLIN);
	memset(buf, 0, sizeof buf);
	len = sizeof ss;
	rt_expect_ret("recvfrom(t, buf, 3, MSG_PEEK, &ss, &len=128)", sys_recvfrom((int)t, buf, 3, MSG_PEEK, &ss, &len), 3);
	rt_expect_str("  data", buf, "wor");
	rt_expect_eq("  len (TCP gives no address)", len, 0);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("recvfrom(t, buf, 16, 0, NULL, NULL)", sys_recvfrom((int)t, buf, 16, 0, 0, 0), 6);
	rt_expect_str("  data", buf, "world!");
	rt_expect_ret("recvfrom(t, buf, 16, MSG_DONTWAIT, NULL, NULL)", sys_recvfrom((int)t, buf, 16, MSG_DONTWAIT, 0, 0), -EAGAIN);

	/* poll */
	pf[0].fd = (int)t; pf[0].events = POLLIN; pf[0].revents = -1;
	pf[1].fd = (int)a; pf[1].events = POLLOUT; pf[1].revents = -1;
	rt_expect_ret("poll({t, POLLIN}, {a, POLLOUT}, 2, 0)", sys_poll(pf, 2, 0), 1);
	rt_expect_hex("  t revents", (unsigned short)pf[0].revents, 0);
	rt_expect_hex("  a revents", (unsigned short)pf[1].revents, POLLOUT);
	rt_expect_true("  events unchanged", pf[0].events == POLLIN && pf[1].events == POLLOUT);
	pf[0].fd = 99; pf[0].events = POLLIN; pf[0].revents = 0;
	rt_expect_ret("poll({99, POLLIN}, 1, 0)", sys_poll(pf, 1, 0), 1);
	rt_expect_hex("  revents", (unsigned short)pf[0].revents, POLLNVAL);
	rt_expect_ret("write(t, \"x\", 1)", sys_write((int)t, "x", 1), 1);
	pf[0].fd = (int)a; pf[0].events = POLLIN | POLLRDNORM; pf[0].revents = 0;
	rt_expect_ret("poll({a, POLLIN|POLLRDNORM}, 1, 5000)", sys_poll(pf, 1, 5000), 1);
	rt_expect_hex("  revents", (unsigned short)pf[0].revents, POLLIN | POLLRDNORM);

	/* select / pselect / ppoll */
	memset(&rs, 0, sizeof rs);
	FD_SET((int)a, &rs);
	tv.tv_sec = 5; tv.tv_usec = 0;
	rt_expect_ret("select(a+1, {a}, NULL, NULL, {5, 0})", sys_select((int)a + 1, &rs, 0, 0, &tv), 1);
	rt_expect_true("  FD_ISSET(a, rs)", FD_ISSET((int)a, &rs));
	rt_expect_true("  timeout unchanged", tv.tv_sec == 5 && tv.tv_usec == 0);
	rt_expect_ret("read(a, buf, 1)", sys_read((int)a, buf, 1), 1);
	memset(&rs, 0, sizeof rs);
	FD_SET((int)a, &rs);
	tv.tv_sec = 0; tv.tv_usec = 20000;
	rt_expect_ret("select(a+1, {a}, NULL, NULL, {0, 20000})", sys_select((int)a + 1, &rs, 0, 0, &tv), 0);
	rt_expect_true("  FD_ISSET(a, rs) cleared", !FD_ISSET((int)a, &rs));
	rt_expect_true("  timeout unchanged", tv.tv_sec == 0 && tv.tv_usec == 20000);
	tv.tv_sec = 0; tv.tv_usec = 1000000;
	rt_expect_ret("select(a+1, {a}, NULL, NULL, {0, 1000000})", sys_select((int)a + 1, &rs, 0, 0, &tv), -EINVAL);
	rt_expect_ret("select(-1, NULL, NULL, NULL, NULL)", sys_select(-1, 0, 0, 0, 0), -EINVAL);
	memset(&ws, 0, sizeof ws);
	FD_SET((int)a, &ws);
	ts.tv_sec = 1; ts.tv_nsec = 0;
	rt_expect_ret("pselect(a+1, NULL, {a}, NULL, {1, 0}, {})", sys_pselect((int)a + 1, 0, &ws, 0, &ts, emptyset), 1);
	rt_expect_true("  FD_ISSET(a, ws)", FD_ISSET((int)a, &ws));
	rt_expect_true("  timeout unchanged", ts.tv_sec == 1 && ts.tv_nsec == 0);
	ts.tv_sec = 0; ts.tv_nsec = 1000000000;
	rt_expect_ret("pselect(a+1, NULL, {a}, NULL, {0, 1000000000}, NULL)", sys_pselect((int)a + 1, 0, &ws, 0, &ts, 0), -EINVAL);
	pf[0].fd = (int)a; pf[0].events = POLLOUT; pf[0].revents = 0;
	ts.tv_sec = 1; ts.tv_nsec = 0;
	rt_expect_ret("ppoll({a, POLLOUT}, 1, {1, 0}, {})", sys_ppoll(pf, 1, &ts, emptyset), 1);
	rt_expect_hex("  revents", (unsigned short)pf[0].revents, POLLOUT);
	rt_expect_true("  timeout unchanged", ts.tv_sec == 1 && ts.tv_nsec == 0);

	/* shutdown and EOF */
	rt_expect_ret("shutdown(t, SHUT_WR)", sys_shutdown((int)t, SHUT_WR), 0);
	rt_expect_ret("read(a, buf, 16) at EOF", sys_read((int)a, buf, 16), 0);
	pf[0].fd = (int)a; pf[0].events = POLLIN; pf[0].revents = 0;
	rt_expect_ret("poll({a, POLLIN}, 1, 0) half-closed", sys_poll(pf, 1, 0), 1);
	rt_expect_hex("  revents", (unsigned short)pf[0].revents, POLLIN);
	rt_expect_ret("shutdown(t, 7)", sys_shutdown((int)t, 7), -EINVAL);
	rt_expect_ret("close(a)", sys_close((int)a), 0);
	rt_expect_ret("close(t)", sys_close((int)t), 0);
	rt_expect_ret("close(ls)", sys_close((int)ls), 0);

	/* errors */
	t = sys_socket(AF_INET, SOCK_STREAM, 0);
	rt_expect_ret("socket(AF_INET, SOCK_STREAM, 0)", t, 3);
	rt_expect_ret("connect(t, closed listener's address)", sys_connect((int)t, &sin, sizeof sin), -ECONNREFUSED);
	sys_close((int)t);
	rt_expect_ret("pipe2(p, 0)", sys_pipe2(p, 0), 0);
	len = sizeof ss;
	rt_expect_ret("getsockname(pipe, &ss, &len)", sys_getsockname(p[0], &ss, &len), -ENOTSOCK);
	rt_expect_ret("setsockopt(pipe, SOL_SOCKET, SO_REUSEADDR)",
	    sys_setsockopt(p[0], SOL_SOCKET, SO_REUSEADDR, &one, sizeof one), -ENOTSOCK);
	rt_expect_ret("listen(pipe, 1)", sys_listen(p[0], 1), -ENOTSOCK);
	sys_close(p[0]);
	sys_close(p[1]);
	r = sys_socket(12345, SOCK_STREAM, 0);
	rt_expect_ret("socket(12345, SOCK_STREAM, 0)", r, -EAFNOSUPPORT);
	rt_expect_ret("socket(AF_INET, 99, 0)", sys_socket(AF_INET, 99, 0), -EPROTOTYPE);
	rt_expect_ret("socket(AF_INET, SOCK_STREAM, IPPROTO_UDP)", sys_socket(AF_INET, SOCK_STREAM, IPPROTO_UDP), -EPROTONOSUPPORT);
}

static void tcp6(void)
{
	struct sockaddr_in6 sin6;
	struct sockaddr_storage ss;
	socklen_t len;
	char buf[16];
	int one = 1, v;
	long s, c, a;

	s = sys_socket(AF_INET6, SOCK_STREAM, 0);
	rt_expect_ret("socket(AF_INET6, SOCK_STREAM, 0)", s, 3);
	rt_expect_ret("setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, 1)",
	    sys_setsockopt((int)s, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one), 0);
	rt_expect_ret("getsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY)", getint((int)s, IPPROTO_IPV6, IPV6_V6ONLY, &v), 0);
	rt_expect_eq("  value", v, 1);
	sin6_loopback(&sin6);
	rt_expect_ret("bind(s, [::1]:0, 28)", sys_bind((int)s, &sin6, sizeof sin6), 0);
	len = sizeof ss;
	rt_expect_ret("getsockname(s, &ss, &len=128)", sys_getsockname((int)s, &ss, &len), 0);
	rt_expect_eq("  len", len, 28);
	rt_expect_eq("  sin6_len", ((struct sockaddr_in6 *)&ss)->sin6_len, 28);
	rt_expect_eq("  sin6_family", ((struct sockaddr_in6 *)&ss)->sin6_family, AF_INET6);
	rt_expect_true("  sin6_port != 0", ((struct sockaddr_in6 *)&ss)->sin6_port != 0);
	rt_expect_true("  sin6_addr is ::1", memcmp(&((struct sockaddr_in6 *)&ss)->sin6_addr, &sin6.sin6_addr, 16) == 0);
	sin6.sin6_port = ((struct sockaddr_in6 *)&ss)->sin6_port;
	rt_expect_ret("listen(s, 8)", sys_listen((int)s, 8), 0);
	c = sys_socket(AF_INET6, SOCK_STREAM, 0);
	rt_expect_ret("socket(AF_INET6, SOCK_STREAM, 0)", c, 4);
	rt_expect_ret("connect(c, [::1]:port, 28)", sys_connect((int)c, &sin6, sizeof sin6), 0);
	len = sizeof ss;
	a = sys_accept((int)s, &ss, &len);
	rt_expect_ret("accept(s, &ss, &len=128)", a, 5);
	rt_expect_eq("  len", len, 28);
	rt_expect_eq("  ss_len", ss.ss_len, 28);
	rt_expect_eq("  ss_family", ss.ss_family, AF_INET6);
	rt_expect_ret("write(c, \"v6\", 2)", sys_write((int)c, "v6", 2), 2);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("read(a, buf, 16)", sys_read((int)a, buf, 16), 2);
	rt_expect_str("  data", buf, "v6");
	sys_close((int)a);
	sys_close((int)c);
	sys_close((int)s);
}

static void udp(void)
{
	struct sockaddr_in a1, a2;
	struct sockaddr_storage ss;
	struct msghdr m;
	struct iovec iov;
	socklen_t len;
	char buf[32];
	long u1, u2;

	u1 = sys_socket(AF_INET, SOCK_DGRAM, 0);
	rt_expect_ret("socket(AF_INET, SOCK_DGRAM, 0)", u1, 3);
	sin_loopback(&a1, 0);
	rt_expect_ret("bind(u1, 127.0.0.1:0, 16)", sys_bind((int)u1, &a1, sizeof a1), 0);
	len = sizeof a1;
	sys_getsockname((int)u1, &a1, &len);
	u2 = sys_socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	rt_expect_ret("socket(AF_INET, SOCK_DGRAM|SOCK_NONBLOCK, 0)", u2, 4);
	rt_expect_true("  O_NONBLOCK", (sys_fcntl((int)u2, F_GETFL, 0) & O_NONBLOCK) != 0);
	sin_loopback(&a2, 0);
	rt_expect_ret("bind(u2, 127.0.0.1:0, 16)", sys_bind((int)u2, &a2, sizeof a2), 0);
	len = sizeof a2;
	sys_getsockname((int)u2, &a2, &len);
	rt_expect_ret("recvfrom(u2, buf, 32, 0, NULL, NULL) nothing queued", sys_recvfrom((int)u2, buf, 32, 0, 0, 0), -EAGAIN);
	rt_expect_ret("sendto(u2, \"ping\", 4, 0, u1, 16)", sys_sendto((int)u2, "ping", 4, 0, &a1, sizeof a1), 4);
	memset(buf, 0, sizeof buf);
	memset(&ss, 0, sizeof ss);
	len = sizeof ss;
	rt_expect_ret("recvfrom(u1, buf, 32, 0, &ss, &len=128)", sys_recvfrom((int)u1, buf, 32, 0, &ss, &len), 4);
	rt_expect_str("  data", buf, "ping");
	rt_expect_eq("  len", len, 16);
	rt_expect_eq("  sin_len", ((struct sockaddr_in *)&ss)->sin_len, 16);
	rt_expect_eq("  sin_family", ((struct sockaddr_in *)&ss)->sin_family, AF_INET);
	rt_expect_true("  source is u2", ((struct sockaddr_in *)&ss)->sin_port == a2.sin_port
	    && is_loopback4((struct sockaddr_in *)&ss));
	rt_expect_ret("sendto(u2, \"pong\", 4, 0, u1, 16)", sys_sendto((int)u2, "pong", 4, 0, &a1, sizeof a1), 4);
	memset(&ss, 0xee, sizeof ss);
	len = 4;
	rt_expect_ret("recvfrom(u1, buf, 32, 0, &ss, &len=4)", sys_recvfrom((int)u1, buf, 32, 0, &ss, &len), 4);
	rt_expect_eq("  len (MIN(4, sa_len))", len, 4);
	rt_expect_eq("  sin_len", ((struct sockaddr_in *)&ss)->sin_len, 16);
	rt_expect_true("  byte 4 untouched", ((uint8_t *)&ss)[4] == 0xee);

	iov.iov_base = "0123456789";
	iov.iov_len = 10;
	memset(&m, 0, sizeof m);
	m.msg_name = &a1;
	m.msg_namelen = sizeof a1;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	rt_expect_ret("sendmsg(u2, {name=u1, \"0123456789\"}, 0)", sys_sendmsg((int)u2, &m, 0), 10);
	memset(buf, 0, sizeof buf);
	memset(&ss, 0, sizeof ss);
	iov.iov_base = buf;
	iov.iov_len = 4;
	memset(&m, 0, sizeof m);
	m.msg_name = &ss;
	m.msg_namelen = sizeof ss;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_flags = -1;
	rt_expect_ret("recvmsg(u1, {name=&ss(128), 4-byte iov}, 0)", sys_recvmsg((int)u1, &m, 0), 4);
	rt_expect_str("  data", buf, "0123");
	rt_expect_eq("  msg_namelen", m.msg_namelen, 16);
	rt_expect_hex("  msg_flags", (unsigned)m.msg_flags, MSG_TRUNC);
	rt_expect_true("  source is u2", ((struct sockaddr_in *)&ss)->sin_port == a2.sin_port && ss.ss_len == 16);
	a2.sin_family = 99;
	rt_expect_ret("sendto(u2, \"x\", 1, 0, family 99, 16)", sys_sendto((int)u2, "x", 1, 0, &a2, sizeof a2), -EAFNOSUPPORT);
	sys_close((int)u2);
	sys_close((int)u1);
}

static void unix_sockets(void)
{
	struct sockaddr_un sun;
	struct sockaddr_storage ss;
	struct msghdr m;
	struct iovec iov;
	struct cmsghdr *cm;
	struct pollfd pf;
	union { char b[64]; int64_t align; } ctl;
	socklen_t len, sunlen;
	char buf[32];
	int sv[2], p[2], v, bad = 99;
	long r, rfd, us, uc, ua;

	rt_expect_ret("socketpair(AF_INET, SOCK_STREAM, 0, sv)", sys_socketpair(AF_INET, SOCK_STREAM, 0, sv), -EOPNOTSUPP);
	rt_expect_ret("socketpair(AF_UNIX, SOCK_STREAM|SOCK_NONBLOCK, 0, sv)",
	    sys_socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv), 0);
	rt_expect_true("  sv = {3, 4}", sv[0] == 3 && sv[1] == 4);
	rt_expect_true("  O_NONBLOCK", (sys_fcntl(sv[0], F_GETFL, 0) & O_NONBLOCK) != 0);
	rt_expect_ret("read(sv[1], buf, 8) nothing queued", sys_read(sv[1], buf, 8), -EAGAIN);
	rt_expect_ret("getsockopt(sv[0], SOL_SOCKET, SO_TYPE)", getint(sv[0], SOL_SOCKET, SO_TYPE, &v), 0);
	rt_expect_eq("  value", v, SOCK_STREAM);
	rt_expect_ret("pipe2(p, 0)", sys_pipe2(p, 0), 0);
	rt_expect_true("  p = {5, 6}", p[0] == 5 && p[1] == 6);
	rt_expect_ret("write(p[1], \"via pipe\", 8)", sys_write(p[1], "via pipe", 8), 8);

	iov.iov_base = "fd";
	iov.iov_len = 2;
	memset(&ctl, 0, sizeof ctl);
	cm = (struct cmsghdr *)ctl.b;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	memcpy(CMSG_DATA(cm), &p[0], sizeof(int));
	memset(&m, 0, sizeof m);
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = ctl.b;
	m.msg_controllen = CMSG_SPACE(sizeof(int));
	rt_expect_ret("sendmsg(sv[0], {\"fd\", SCM_RIGHTS p[0]}, 0)", sys_sendmsg(sv[0], &m, 0), 2);
	rt_expect_true("  control unchanged", cm->cmsg_len == CMSG_LEN(sizeof(int)) && cm->cmsg_level == SOL_SOCKET
	    && cm->cmsg_type == SCM_RIGHTS);
	rt_expect_ret("close(p[0])", sys_close(p[0]), 0);
	memcpy(CMSG_DATA(cm), &bad, sizeof(int));
	rt_expect_ret("sendmsg(sv[0], {\"fd\", SCM_RIGHTS 99}, 0)", sys_sendmsg(sv[0], &m, 0), -EBADF);
	m.msg_controllen = 8;
	rt_expect_ret("sendmsg(sv[0], {\"fd\", msg_controllen 8}, 0)", sys_sendmsg(sv[0], &m, 0), -EINVAL);

	memset(buf, 0, sizeof buf);
	memset(&ctl, 0xee, sizeof ctl);
	iov.iov_base = buf;
	iov.iov_len = sizeof buf;
	memset(&m, 0, sizeof m);
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = ctl.b;
	m.msg_controllen = sizeof ctl.b;
	m.msg_namelen = 77;
	m.msg_flags = -1;
	rt_expect_ret("recvmsg(sv[1], {32-byte iov, 64-byte control}, MSG_CMSG_CLOEXEC)",
	    sys_recvmsg(sv[1], &m, MSG_CMSG_CLOEXEC), 2);
	rt_expect_str("  data", buf, "fd");
	rt_expect_eq("  msg_controllen (CMSG_SPACE(4))", m.msg_controllen, CMSG_SPACE(sizeof(int)));
	/* soreceive_generic starts from the call's flags and ORs them back into msg_flags */
	rt_expect_hex("  msg_flags (the call's MSG_CMSG_CLOEXEC)", (unsigned)m.msg_flags, MSG_CMSG_CLOEXEC);
	rt_expect_eq("  msg_namelen (no msg_name: untouched)", m.msg_namelen, 77);
	cm = (struct cmsghdr *)ctl.b;
	rt_expect_eq("  cmsg_len (CMSG_LEN(4))", cm->cmsg_len, CMSG_LEN(sizeof(int)));
	rt_expect_hex("  cmsg_level", (unsigned)cm->cmsg_level, SOL_SOCKET);
	rt_expect_eq("  cmsg_type", cm->cmsg_type, SCM_RIGHTS);
	rfd = 0;
	memcpy(&v, CMSG_DATA(cm), sizeof v);
	rfd = v;
	rt_expect_eq("  received fd (lowest free)", rfd, 5);
	rt_expect_ret("fcntl(received fd, F_GETFD)", sys_fcntl((int)rfd, F_GETFD, 0), FD_CLOEXEC);
	memset(buf, 0, sizeof buf);
	rt_expect_ret("read(received fd, buf, 32)", sys_read((int)rfd, buf, 32), 8);
	rt_expect_str("  data", buf, "via pipe");
	sys_close((int)rfd);
	sys_close(p[1]);

	rt_expect_ret("close(sv[0])", sys_close(sv[0]), 0);
	pf.fd = sv[1]; pf.events = POLLIN; pf.revents = 0;
	rt_expect_ret("poll({sv[1], POLLIN}, 1, 0) peer closed", sys_poll(&pf, 1, 0), 1);
	rt_expect_hex("  revents", (unsigned short)pf.revents, POLLIN | POLLHUP);
	rt_expect_ret("read(sv[1], buf, 8) at EOF", sys_read(sv[1], buf, 8), 0);
	sys_close(sv[1]);

	/* a named socket */
	sys_unlink(SUN_PATH);
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	rt_strcpy(sun.sun_path, SUN_PATH);
	sunlen = (socklen_t)(2 + rt_strlen(SUN_PATH) + 1);
	sun.sun_len = (uint8_t)sunlen;
	us = sys_socket(AF_UNIX, SOCK_STREAM, 0);
	rt_expect_ret("socket(AF_UNIX, SOCK_STREAM, 0)", us, 3);
	rt_expect_ret("bind(us, SUN_PATH, 2+len+1)", sys_bind((int)us, &sun, sunlen), 0);
	len = sizeof ss;
	memset(&ss, 0, sizeof ss);
	rt_expect_ret("getsockname(us, &ss, &len=128)", sys_getsockname((int)us, &ss, &len), 0);
	rt_expect_true("  len = 2+len+1", len == sunlen);
	rt_expect_true("  ss_len = 2+len+1", ss.ss_len == sunlen);
	rt_expect_eq("  ss_family", ss.ss_family, AF_UNIX);
	rt_expect_str("  sun_path", ((struct sockaddr_un *)&ss)->sun_path, SUN_PATH);
	rt_expect_ret("listen(us, 4)", sys_listen((int)us, 4), 0);
	uc = sys_socket(AF_UNIX, SOCK_STREAM, 0);
	rt_expect_ret("socket(AF_UNIX, SOCK_STREAM, 0)", uc, 4);
	rt_expect_ret("bind(uc, SUN_PATH) in use", sys_bind((int)uc, &sun, sunlen), -EADDRINUSE);
	rt_expect_ret("connect(uc, SUN_PATH)", sys_connect((int)uc, &sun, sunlen), 0);
	len = sizeof ss;
	memset(&ss, 0xee, sizeof ss);
	ua = sys_accept((int)us, &ss, &len);
	rt_expect_ret("accept(us, &ss, &len=128)", ua, 5);
	rt_expect_eq("  len (unnamed peer: sun_noname)", len, 16);
	rt_expect_eq("  ss_len", ss.ss_len, 16);
	rt_expect_eq("  ss_family", ss.ss_family, AF_UNIX);
	len = sizeof ss;
	memset(&ss, 0, sizeof ss);
	rt_expect_ret("getpeername(uc, &ss, &len=128)", sys_getpeername((int)uc, &ss, &len), 0);
	rt_expect_true("  len = 2+len+1", len == sunlen);
	rt_expect_str("  sun_path", ((struct sockaddr_un *)&ss)->sun_path, SUN_PATH);
	sys_close((int)ua);
	sys_close((int)uc);
	sys_close((int)us);
	rt_expect_ret("unlink(SUN_PATH)", sys_unlink(SUN_PATH), 0);
	r = sys_socket(AF_UNIX, SOCK_STREAM, 0);
	rt_expect_ret("connect(s, SUN_PATH) removed", sys_connect((int)r, &sun, sunlen), -ENOENT);
	sys_close((int)r);
}

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	tcp4();
	tcp6();
	udp();
	unix_sockets();
	return rt_finish();
}
