/*
 * dynhello - a dynamically linked FreeBSD program: a PIE (ET_DYN) whose
 * PT_INTERP is /libexec/ld-elf.so.1 (clang's FreeBSD driver passes
 * -dynamic-linker /libexec/ld-elf.so.1 to every dynamic link, as FreeBSD's
 * own toolchain does), with no DT_NEEDED: the interpreter's only work is
 * its R_X86_64_RELATIVE relocations.  With testbins' ld_elf installed as
 * /libexec/ld-elf.so.1 the output starts with the interpreter's lines.
 *
 * Five relocations, all in this file: the three string pointers of
 * words[] and the two function pointers of fns[].  Without them the
 * stored pointers are link-time addresses (the PIE is linked at 0), so
 * each is compared with the address computed PC-relatively before it is
 * used.  The loads go through an empty asm so the compiler cannot fold
 * them into the initializers.
 *
 * Also checked: what the kernel gives a dynamic program (sys/kern/
 * imgact_elf.c __elfN(imgact) and __elfN(freebsd_copyout_auxargs)):
 * AT_BASE is the interpreter's load address, neither 0 nor this image;
 * AT_PHDR is this image's program headers; AT_ENTRY is this _start; and
 * the interpreter entered it as the kernel enters a static program
 * (%rdi = the argument block, %rsp = ((%rdi - 8) & ~15) + 8,
 * sys/amd64/amd64/exec_machdep.c exec_setregs).
 *
 * Linked from rt/start.S and this file only (not rt.c, whose tables would
 * add relocations), so the interpreter's count is fixed here.
 * xrun-build: dynamic
 */
#include "line.h"

extern long rt_entry_rsp __attribute__((visibility("hidden")));
extern long rt_entry_rdi __attribute__((visibility("hidden")));
extern const Elf64_Ehdr __ehdr_start __attribute__((visibility("hidden")));
void _start(void) __attribute__((visibility("hidden")));

static const char alpha[] = "alpha";
static const char beta[] = "beta";
static const char gamma_[] = "gamma";
static const char *const words[] = { alpha, beta, gamma_ };

static int one(void) { return 1; }
static int two(void) { return 2; }
static int (*const fns[])(void) = { one, two };

static int failed;

static void check(const char *what, int cond)
{
	if (!line_yes("", what, cond))
		failed = 1;
}

/* The address of a table, hidden from the optimizer: its entries are loaded. */
#define OPAQUE(p) ({ __typeof__(&(p)[0]) q_ = (p); __asm__("" : "+r"(q_)); q_; })

static unsigned long aux(unsigned long *auxv, unsigned long type)
{
	for (; auxv[0] != AT_NULL; auxv += 2)
		if (auxv[0] == type)
			return auxv[1];
	return 0;
}

__attribute__((noreturn, used)) void rt_cstart(long *block)
{
	char **argv = (char **)(block + 1);
	char **p = argv + block[0] + 1;
	unsigned long base = (unsigned long)&__ehdr_start;
	struct line l;
	long i;

	while (*p != 0)
		p++;
	unsigned long *auxv = (unsigned long *)(p + 1);

	line_say("", "hello from a dynamic FreeBSD program");
	l.n = 0;
	line_s(&l, "argc=");
	line_u(&l, (unsigned long)block[0]);
	line_end(&l);
	for (i = 1; i < block[0]; i++) {
		l.n = 0;
		line_s(&l, "argv[");
		line_u(&l, (unsigned long)i);
		line_s(&l, "]=");
		line_s(&l, argv[i]);
		line_end(&l);
	}

	check("entry %rdi is the argument block", rt_entry_rdi == (long)block);
	check("entry %rsp is ((%rdi - 8) & ~15) + 8", rt_entry_rsp == ((rt_entry_rdi - 8) & ~15L) + 8);
	check("this program is PIE (ET_DYN) loaded at a non-zero base",
	    __ehdr_start.e_type == ET_DYN && base != 0);
	unsigned long at_base = aux(auxv, AT_BASE);
	check("AT_BASE is the interpreter's load address (neither 0 nor this program)",
	    at_base != 0 && at_base != base);
	check("AT_PHDR is this program's program headers", aux(auxv, AT_PHDR) == base + __ehdr_start.e_phoff);
	check("AT_ENTRY is this program's _start", aux(auxv, AT_ENTRY) == (unsigned long)_start);

	const char *const *w = OPAQUE(words);
	int (*const *f)(void) = OPAQUE(fns);
	int relocated = w[0] == alpha && w[1] == beta && w[2] == gamma_ && f[0] == one && f[1] == two;
	check("relocated pointers (words[], fns[]) hold run-time addresses", relocated);
	if (relocated) {
		l.n = 0;
		line_s(&l, "words[] =");
		for (i = 0; i < 3; i++) {
			line_s(&l, " ");
			line_s(&l, w[i]);
		}
		line_end(&l);
		l.n = 0;
		line_s(&l, "fns[0]() + fns[1]() = ");
		line_u(&l, (unsigned long)(f[0]() + f[1]()));
		line_end(&l);
	}
	line_say("", failed ? "summary: failed" : "summary: ok");
	sys_exit(failed);
}
