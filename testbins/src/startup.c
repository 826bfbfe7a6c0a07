/*
 * startup - the initial process state as FreeBSD 14/amd64 sets it up.
 * Covers: register state at _start (%rdi, %rsp), the argument block,
 *         the ELF auxiliary vector (types from sys/sys/elf_common.h,
 *         entries from sys/kern/imgact_elf.c __elfN(freebsd_copyout_auxargs)),
 *         struct ps_strings (sys/sys/exec.h).
 * Run without arguments.  Uses only write(4) and exit(1).
 * xrun-covers: exit write
 */
#include "rt.h"

extern char _start[];
extern const Elf64_Ehdr __ehdr_start;   /* provided by the linker */

/* sys/sys/exec.h */
struct ps_strings {
	char **ps_argvstr;
	unsigned int ps_nargvstr;
	char **ps_envstr;
	unsigned int ps_nenvstr;
};

static int has(unsigned long type, unsigned long *v)
{
	return rt_auxv_get(type, v);
}

int main(int argc, char **argv, char **envp)
{
	unsigned long v, v2;
	unsigned long *a;
	long rdi = rt_entry_rdi, rsp = rt_entry_rsp;
	int envc, ok, dup;
	const Elf64_Ehdr *eh = &__ehdr_start;

	/* registers and the argument block */
	rt_expect_true("%rdi at entry points at argc", rdi != 0 && *(long *)rdi == argc);
	rt_expect_true("%rsp at entry == ((%rdi - 8) & ~15) + 8", rsp == (((rdi - 8) & ~15L) + 8));
	rt_expect_true("argc >= 1", argc >= 1);
	rt_expect_true("argv == %rdi + 8", (long)argv == rdi + 8);
	rt_expect_true("argv[argc] == NULL", argv[argc] == 0);
	rt_expect_true("argv[0] ends with \"startup\"", argv[0] && rt_endswith(argv[0], "startup"));
	rt_expect_true("envp == &argv[argc + 1]", envp == argv + argc + 1);
	for (envc = 0, ok = 1; envp[envc]; envc++)
		if (rt_strlen(envp[envc]) == 0)
			ok = 0;
	rt_expect_true("every envp entry is a non-empty string", ok);

	/* auxv shape */
	ok = 1;
	dup = 0;
	for (a = rt_auxv; a[0] != AT_NULL; a += 2) {
		unsigned long *b;
		if (a[0] >= AT_COUNT)
			ok = 0;
		for (b = rt_auxv; b < a; b += 2)
			if (b[0] == a[0])
				dup = 1;
	}
	rt_expect_true("every auxv type is a FreeBSD AT_* (< AT_COUNT 37)", ok);
	rt_expect_true("no auxv type appears twice", !dup);

	/* auxv values */
	rt_expect_true("AT_PAGESZ present", has(AT_PAGESZ, &v));
	rt_expect_eq("AT_PAGESZ", has(AT_PAGESZ, &v) ? (long)v : -1, 4096);
	rt_expect_true("AT_PHDR == ELF header + e_phoff",
	    has(AT_PHDR, &v) && v == (unsigned long)eh + eh->e_phoff);
	rt_expect_eq("AT_PHENT", has(AT_PHENT, &v) ? (long)v : -1, 56);
	rt_expect_true("AT_PHNUM == e_phnum", has(AT_PHNUM, &v) && v == eh->e_phnum);
	rt_expect_true("AT_ENTRY == &_start", has(AT_ENTRY, &v) && v == (unsigned long)_start);
	rt_expect_true("AT_ENTRY == e_entry", has(AT_ENTRY, &v) && v == eh->e_entry);
	rt_expect_true("AT_BASE absent or 0 (static program)", !has(AT_BASE, &v) || v == 0);
	rt_expect_true("AT_EHDRFLAGS absent or == e_flags", !has(AT_EHDRFLAGS, &v) || v == eh->e_flags);
	rt_expect_true("AT_EXECPATH present", has(AT_EXECPATH, &v) && v != 0);
	rt_expect_true("AT_EXECPATH is absolute", has(AT_EXECPATH, &v) && v && ((const char *)v)[0] == '/');
	rt_expect_true("AT_EXECPATH ends with \"/startup\"",
	    has(AT_EXECPATH, &v) && v && rt_endswith((const char *)v, "/startup"));
	rt_expect_true("AT_CANARY present and non-null", has(AT_CANARY, &v) && v != 0);
	rt_expect_eq("AT_CANARYLEN", has(AT_CANARYLEN, &v) ? (long)v : -1, 64);
	rt_expect_true("canary bytes are not all zero",
	    has(AT_CANARY, &v) && has(AT_CANARYLEN, &v2) && v && v2 == 64 && !rt_allzero((void *)v, 64));
	rt_expect_true("AT_OSRELDATE >= 1400000 and < 1500000",
	    has(AT_OSRELDATE, &v) && v >= 1400000 && v < 1500000);
	rt_expect_true("AT_NCPUS >= 1", has(AT_NCPUS, &v) && v >= 1 && v < 65536);
	rt_expect_true("AT_PAGESIZES present and non-null", has(AT_PAGESIZES, &v) && v != 0);
	rt_expect_true("AT_PAGESIZESLEN is a non-zero multiple of 8",
	    has(AT_PAGESIZESLEN, &v) && v != 0 && v % 8 == 0);
	rt_expect_eq("pagesizes[0]", has(AT_PAGESIZES, &v) && v ? (long)((unsigned long *)v)[0] : -1, 4096);
	rt_expect_true("AT_STACKPROT is PROT_READ|PROT_WRITE (|PROT_EXEC allowed)",
	    has(AT_STACKPROT, &v) && (v & ~(unsigned long)PROT_EXEC) == (PROT_READ | PROT_WRITE));
	rt_expect_true("AT_ARGC == argc", has(AT_ARGC, &v) && v == (unsigned long)argc);
	rt_expect_true("AT_ARGV == argv", has(AT_ARGV, &v) && v == (unsigned long)argv);
	rt_expect_true("AT_ENVC == number of envp entries", has(AT_ENVC, &v) && v == (unsigned long)envc);
	rt_expect_true("AT_ENVV == envp", has(AT_ENVV, &v) && v == (unsigned long)envp);
	rt_expect_true("AT_PS_STRINGS present and non-null", has(AT_PS_STRINGS, &v) && v != 0);
	ok = 0;
	if (has(AT_PS_STRINGS, &v) && v) {
		const struct ps_strings *ps = (const struct ps_strings *)v;
		ok = ps->ps_argvstr == argv && ps->ps_nargvstr == (unsigned)argc &&
		    ps->ps_envstr == envp && ps->ps_nenvstr == (unsigned)envc;
	}
	rt_expect_true("ps_strings describes argv and envp", ok);
	rt_expect_true("AT_USRSTACKBASE absent or above the entry %rsp",
	    !has(AT_USRSTACKBASE, &v) || v > (unsigned long)rsp);
	rt_expect_true("AT_USRSTACKLIM absent or non-zero", !has(AT_USRSTACKLIM, &v) || v != 0);
	/* FreeBSD never provides these (Linux does, with other meanings) */
	rt_expect_true("AT_FLAGS absent or 0", !has(AT_FLAGS, &v) || v == 0);
	rt_expect_true("AT_EXECFD absent", !has(AT_EXECFD, &v));
	rt_expect_true("AT_UID, AT_EUID, AT_GID, AT_EGID absent",
	    !has(AT_UID, &v) && !has(AT_EUID, &v) && !has(AT_GID, &v) && !has(AT_EGID, &v));
	return rt_finish();
}
