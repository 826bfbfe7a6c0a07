/*
 * sysctl - kernel state through the MIB.
 * Covers: __sysctl(202) including the name2oid node {0,3},
 *         __sysctlbyname(570).
 * Expected results: sysctl(3) (ERRORS; "the call supplies as much data as
 * fits in the buffer provided and returns with the error code ENOMEM",
 * and *oldlenp then gives the amount copied); MIB numbers from
 * sys/sys/sysctl.h; value types from the kernel's SYSCTL declarations
 * (kern.usrstack and hw.physmem are unsigned long, the others int or
 * string).  Run without arguments.
 * xrun-covers: __sysctl __sysctlbyname exit write
 */
#include "rt.h"

static long mib(const int *name, unsigned n, void *old, size_t *oldlen)
{
	return sys___sysctl(name, n, old, oldlen, 0, 0);
}

static long byname(const char *name, void *old, size_t *oldlen)
{
	return sys___sysctlbyname(name, rt_strlen(name), old, oldlen, 0, 0);
}

static void str_mib(const char *what, int a, int b, const char *want, int prefix)
{
	int name[2] = { a, b };
	char buf[256];
	size_t len = sizeof buf;
	long r;

	memset(buf, 0, sizeof buf);
	r = mib(name, 2, buf, &len);
	rt_expect_ret(rt_desc("sysctl(%s)", what), r, 0);
	rt_expect_true("  oldlen == strlen + 1", r == 0 && len == rt_strlen(buf) + 1);
	if (prefix)
		rt_expect_true(rt_desc("  starts with %q", want), rt_startswith(buf, want));
	else
		rt_expect_str("  value", buf, want);
}

static void int_mib(const char *what, int a, int b, long *out)
{
	int name[2] = { a, b };
	int v = -1;
	size_t len = sizeof v;

	rt_expect_ret(rt_desc("sysctl(%s)", what), mib(name, 2, &v, &len), 0);
	rt_expect_eq("  oldlen", (long)len, 4);
	*out = v;
}

static void ulong_mib(const char *what, int a, int b, unsigned long *out)
{
	int name[2] = { a, b };
	unsigned long v = 0;
	size_t len = sizeof v;

	rt_expect_ret(rt_desc("sysctl(%s)", what), mib(name, 2, &v, &len), 0);
	rt_expect_eq("  oldlen", (long)len, 8);
	*out = v;
}

int main(int argc, char **argv, char **envp)
{
	char buf[1024];
	unsigned char rnd[16];
	int name[4], oid[CTL_MAXNAME];
	size_t len;
	long v;
	unsigned long uv;
	int iv;

	(void)argc; (void)argv; (void)envp;

	/* kern.ostype: size query, read, truncated read */
	name[0] = CTL_KERN;
	name[1] = KERN_OSTYPE;
	len = 0;
	rt_expect_ret("sysctl(kern.ostype, old=NULL) [size query]", mib(name, 2, 0, &len), 0);
	rt_expect_eq("  oldlen", (long)len, 8);
	str_mib("kern.ostype", CTL_KERN, KERN_OSTYPE, "FreeBSD", 0);
	memset(buf, 0, sizeof buf);
	len = 4;
	rt_expect_ret("sysctl(kern.ostype, oldlen=4)", mib(name, 2, buf, &len), -ENOMEM);
	rt_expect_eq("  oldlen", (long)len, 4);
	rt_expect_str("  truncated value", buf, "Free");

	/* other kern.* and hw.* nodes */
	str_mib("kern.osrelease", CTL_KERN, KERN_OSRELEASE, "14.", 1);
	int_mib("kern.osreldate", CTL_KERN, KERN_OSRELDATE, &v);
	rt_expect_true("  1400000 <= value < 1500000", v >= 1400000 && v < 1500000);
	name[0] = CTL_KERN;
	name[1] = KERN_HOSTNAME;
	memset(buf, 0, sizeof buf);
	len = sizeof buf;
	rt_expect_ret("sysctl(kern.hostname)", mib(name, 2, buf, &len), 0);
	rt_expect_true("  non-empty, oldlen == strlen + 1", buf[0] != 0 && len == rt_strlen(buf) + 1);
	int_mib("kern.iov_max", CTL_KERN, KERN_IOV_MAX, &v);
	rt_expect_eq("  value", v, 1024);
	name[1] = KERN_ARND;
	memset(rnd, 0, sizeof rnd);
	len = sizeof rnd;
	rt_expect_ret("sysctl(kern.arandom, 16 bytes)", mib(name, 2, rnd, &len), 0);
	rt_expect_eq("  oldlen", (long)len, 16);
	rt_expect_true("  not all zero", !rt_allzero(rnd, sizeof rnd));
	ulong_mib("kern.usrstack", CTL_KERN, KERN_USRSTACK, &uv);
	rt_expect_true("  above the initial stack pointer", uv > (unsigned long)rt_entry_rsp);
	name[0] = CTL_KERN;
	name[1] = KERN_PROC;
	name[2] = KERN_PROC_PATHNAME;
	name[3] = -1;
	len = 0;
	rt_expect_ret("sysctl(kern.proc.pathname.-1, old=NULL) [size query]", mib(name, 4, 0, &len), 0);
	rt_expect_true("  oldlen > 8", len > 8);
	memset(buf, 0, sizeof buf);
	len = sizeof buf;
	rt_expect_ret("sysctl(kern.proc.pathname.-1)", mib(name, 4, buf, &len), 0);
	rt_expect_true("  absolute, ends with \"/sysctl\"", buf[0] == '/' && rt_endswith(buf, "/sysctl"));
	rt_expect_true("  oldlen == strlen + 1", len == rt_strlen(buf) + 1);
	int_mib("hw.ncpu", CTL_HW, HW_NCPU, &v);
	rt_expect_true("  value >= 1", v >= 1);
	int_mib("hw.pagesize", CTL_HW, HW_PAGESIZE, &v);
	rt_expect_eq("  value", v, 4096);
	str_mib("hw.machine", CTL_HW, HW_MACHINE, "amd64", 0);
	str_mib("hw.machine_arch", CTL_HW, HW_MACHINE_ARCH, "amd64", 0);
	ulong_mib("hw.physmem", CTL_HW, HW_PHYSMEM, &uv);
	rt_expect_true("  value > 16 MiB", uv > 16UL * 1024 * 1024);

	/* errors */
	name[0] = CTL_KERN;
	name[1] = 99999;
	len = sizeof buf;
	rt_expect_ret("sysctl({CTL_KERN, 99999})", mib(name, 2, buf, &len), -ENOENT);
	name[0] = CTL_HW;
	len = sizeof buf;
	rt_expect_ret("sysctl({CTL_HW, 99999})", mib(name, 2, buf, &len), -ENOENT);
	name[0] = CTL_KERN;
	len = sizeof buf;
	rt_expect_ret("sysctl({CTL_KERN}, namelen=1)", mib(name, 1, buf, &len), -EINVAL);
	name[1] = KERN_OSTYPE;
	len = 8;
	rt_expect_ret("sysctl(kern.ostype, old=(void *)8)", mib(name, 2, (void *)8, &len), -EFAULT);
	rt_expect_ret("sysctl(kern.ostype, new=\"x\") [read-only]",
	    sys___sysctl(name, 2, 0, 0, "x", 1), -EPERM);

	/* name2oid: {0, 3} with the name as "new" data */
	name[0] = CTL_UNSPEC;
	name[1] = SYSCTL_NAME2OID;
	memset(oid, 0xff, sizeof oid);
	len = sizeof oid;
	rt_expect_ret("sysctl({0,3}, new=\"kern.ostype\") [name2oid]",
	    sys___sysctl(name, 2, oid, &len, "kern.ostype", 11), 0);
	rt_expect_eq("  oldlen", (long)len, 8);
	rt_expect_true("  oid == {1, 1}", oid[0] == 1 && oid[1] == 1);
	len = sizeof oid;
	rt_expect_ret("sysctl({0,3}, new=\"hw.pagesize\") [name2oid]",
	    sys___sysctl(name, 2, oid, &len, "hw.pagesize", 11), 0);
	rt_expect_true("  oid == {6, 7}", len == 8 && oid[0] == 6 && oid[1] == 7);
	len = sizeof oid;
	rt_expect_ret("sysctl({0,3}, new=\"no.such.name\") [name2oid]",
	    sys___sysctl(name, 2, oid, &len, "no.such.name", 12), -ENOENT);

	/* __sysctlbyname */
	memset(buf, 0, sizeof buf);
	len = sizeof buf;
	rt_expect_ret("sysctlbyname(\"kern.ostype\")", byname("kern.ostype", buf, &len), 0);
	rt_expect_str("  value", buf, "FreeBSD");
	rt_expect_eq("  oldlen", (long)len, 8);
	memset(buf, 0, sizeof buf);
	len = sizeof buf;
	rt_expect_ret("sysctlbyname(\"hw.machine\")", byname("hw.machine", buf, &len), 0);
	rt_expect_str("  value", buf, "amd64");
	iv = -1;
	len = sizeof iv;
	rt_expect_ret("sysctlbyname(\"hw.pagesize\")", byname("hw.pagesize", &iv, &len), 0);
	rt_expect_eq("  value", iv, 4096);
	iv = -1;
	len = sizeof iv;
	rt_expect_ret("sysctlbyname(\"kern.osreldate\")", byname("kern.osreldate", &iv, &len), 0);
	rt_expect_true("  1400000 <= value < 1500000", iv >= 1400000 && iv < 1500000);
	len = 0;
	rt_expect_ret("sysctlbyname(\"kern.osrelease\", old=NULL) [size query]", byname("kern.osrelease", 0, &len), 0);
	rt_expect_true("  oldlen > 4", len > 4);
	memset(buf, 0, sizeof buf);
	len = 3;
	rt_expect_ret("sysctlbyname(\"kern.ostype\", oldlen=3)", byname("kern.ostype", buf, &len), -ENOMEM);
	rt_expect_str("  truncated value", buf, "Fre");
	len = sizeof buf;
	rt_expect_ret("sysctlbyname(\"no.such.name\")", byname("no.such.name", buf, &len), -ENOENT);
	len = sizeof buf;
	rt_expect_ret("__sysctlbyname(\"\", 0)", sys___sysctlbyname("", 0, buf, &len, 0, 0), -EINVAL);
	return rt_finish();
}
