/*
 * ld_elf - a tiny FreeBSD ELF interpreter, the project's stand-in for
 * /libexec/ld-elf.so.1 (no FreeBSD libc or rtld can be had here).  It does
 * the part of FreeBSD's run-time linker (libexec/rtld-elf) that depends on
 * the kernel, and checks each value it uses:
 *
 *  - entry: _rtld_start gets the initial argument block in %rdi, as every
 *    FreeBSD image does (sys/amd64/amd64/exec_machdep.c exec_setregs;
 *    libexec/rtld-elf/amd64/rtld_start.S keeps it in %r12 for the program);
 *  - argc, argv, envp, then the auxv (rtld.c _rtld: "Find the auxiliary
 *    vector on the stack", aux_info[] indexed by type below AT_COUNT);
 *  - AT_BASE is the interpreter's own load address (rtld.c _rtld:
 *    init_rtld(aux_info[AT_BASE]->a_un.a_ptr, ...) relocates rtld with it;
 *    the kernel sets it in sys/kern/imgact_elf.c __elfN(imgact), base =
 *    the address __elfN(load_interp) loaded the interpreter at, or
 *    et_dyn_addr when an ET_DYN image runs without one);
 *  - the program: AT_PHDR/AT_PHENT/AT_PHNUM are its program headers, its
 *    load bias ("relocbase") is AT_PHDR - PT_PHDR p_vaddr (rtld.c
 *    digest_phdr), its PT_DYNAMIC gives DT_RELA/DT_RELASZ/DT_RELAENT
 *    (rtld.c digest_dynamic1), and each R_X86_64_RELATIVE relocation
 *    stores relocbase + r_addend at relocbase + r_offset
 *    (libexec/rtld-elf/amd64/reloc.c reloc_non_plt);
 *  - AT_ENTRY is the program's entry (rtld.c: obj_main->entry from
 *    aux_info[AT_ENTRY]), where it jumps with %rdi = the argument block.
 *
 * It prints one "ld-elf: ..." line per finding with FreeBSD's write (4),
 * and exits 1 without entering the program when a check fails.  Run
 * directly (AT_ENTRY is its own entry), it checks what the kernel gives a
 * PIE image without interpreter and exits 0: there is no program to start.
 *
 * build.sh builds it position independent (-fPIC -shared, hidden
 * visibility, entry _rtld_start) and checks that it has no relocations of
 * its own: nothing here stores an address in data.  Its OS/ABI byte and
 * .note.tag are those of every testbin (rt/abinote.S).
 * xrun-build: interpreter
 * xrun-covers: exit write
 */
#include "line.h"

#define P "ld-elf: "

/* The linker's symbol for the ELF header at the start of this image. */
extern const Elf64_Ehdr __ehdr_start __attribute__((visibility("hidden")));
void _rtld_start(void) __attribute__((visibility("hidden")));

/*
 * The entry point.  Like rtld_start.S: keep the block (%rdi) for the
 * program, call the C part on an aligned stack, then jump to the entry it
 * returns with %rdi = the block.  rtld_start.S passes rtld's exit function
 * in %rdx for crt1 to atexit() (lib/csu/amd64/crt1_c.c _start(ap,
 * cleanup)); this interpreter has none and passes NULL, as the kernel does
 * for a static program.  %rsp is restored to the kernel's value.
 */
__asm__(
	"	.text\n"
	"	.globl	_rtld_start\n"
	"	.hidden	_rtld_start\n"
	"	.type	_rtld_start, @function\n"
	"_rtld_start:\n"
	"	xorl	%ebp, %ebp\n"
	"	movq	%rdi, %r12\n"
	"	movq	%rsp, %r13\n"
	"	andq	$-16, %rsp\n"
	"	call	rtld\n"
	"	movq	%r13, %rsp\n"
	"	movq	%r12, %rdi\n"
	"	xorl	%edx, %edx\n"
	"	jmp	*%rax\n"
	"	.size	_rtld_start, . - _rtld_start\n");

static int failed;

static void check(const char *what, int cond)
{
	if (!line_yes(P, what, cond))
		failed = 1;
}

static const char *base_name(const char *s)
{
	const char *b = s;

	for (; *s; s++)
		if (*s == '/')
			b = s + 1;
	return b;
}

/* Applies the program's R_X86_64_RELATIVE relocations; -1 on another type. */
static long relocate(unsigned long bias, const Elf64_Dyn *dyn)
{
	unsigned long rela = 0, relasz = 0, relaent = 0;
	long n = 0;

	for (; dyn->d_tag != DT_NULL; dyn++) {
		if (dyn->d_tag == DT_RELA)
			rela = bias + dyn->d_un.d_ptr;
		else if (dyn->d_tag == DT_RELASZ)
			relasz = dyn->d_un.d_val;
		else if (dyn->d_tag == DT_RELAENT)
			relaent = dyn->d_un.d_val;
	}
	if (rela == 0)
		return 0;
	check("DT_RELAENT is sizeof(Elf64_Rela) (24)", relaent == sizeof(Elf64_Rela));
	if (relaent != sizeof(Elf64_Rela))
		return -1;
	for (const Elf64_Rela *r = (const Elf64_Rela *)rela;
	    (unsigned long)r < rela + relasz; r++) {
		if (ELF64_R_TYPE(r->r_info) != R_X86_64_RELATIVE) {
			struct line l;

			l.n = 0;
			line_s(&l, P "unsupported relocation type ");
			line_u(&l, ELF64_R_TYPE(r->r_info));
			line_end(&l);
			return -1;
		}
		*(unsigned long *)(bias + r->r_offset) = bias + r->r_addend;
		n++;
	}
	return n;
}

__attribute__((used)) unsigned long rtld(long *block)
{
	unsigned long av[AT_COUNT];
	int have[AT_COUNT];
	char **argv = (char **)(block + 1);
	char **p = argv + block[0] + 1;
	unsigned long *aux;
	struct line l;
	int i;

	for (i = 0; i < AT_COUNT; i++)
		have[i] = 0;
	while (*p != 0)
		p++;
	for (aux = (unsigned long *)(p + 1); aux[0] != AT_NULL; aux += 2) {
		if (aux[0] < AT_COUNT) {
			av[aux[0]] = aux[1];
			have[aux[0]] = 1;
		}
	}
	l.n = 0;
	line_s(&l, P "argc=");
	line_u(&l, (unsigned long)block[0]);
	line_end(&l);

	check("AT_BASE is the interpreter's load address (its ELF header)",
	    have[AT_BASE] && av[AT_BASE] == (unsigned long)&__ehdr_start);
	check("AT_PHENT is sizeof(Elf64_Phdr) (56)", have[AT_PHENT] && av[AT_PHENT] == sizeof(Elf64_Phdr));
	check("AT_PAGESZ is 4096", have[AT_PAGESZ] && av[AT_PAGESZ] == 4096);
	check("AT_OSRELDATE present", have[AT_OSRELDATE] && av[AT_OSRELDATE] != 0);
	check("AT_EXECPATH is absolute and names argv[0]'s file",
	    have[AT_EXECPATH] && block[0] > 0 && ((const char *)av[AT_EXECPATH])[0] == '/' &&
	    line_streq(base_name((const char *)av[AT_EXECPATH]), base_name(argv[0])));
	if (!have[AT_PHDR] || !have[AT_PHNUM] || !have[AT_ENTRY]) {
		line_say(P, "AT_PHDR, AT_PHNUM or AT_ENTRY missing: nothing to run");
		sys_exit(1);
	}

	if (av[AT_ENTRY] == (unsigned long)_rtld_start) {
		/* Run as a program: the kernel loaded no interpreter. */
		check("run directly: AT_PHDR is the interpreter's own program headers",
		    av[AT_PHDR] == (unsigned long)&__ehdr_start + __ehdr_start.e_phoff);
		line_say(P, "run directly: AT_ENTRY is the interpreter's own entry, no program to start");
		sys_exit(failed);
	}

	const Elf64_Phdr *ph = (const Elf64_Phdr *)av[AT_PHDR];
	const Elf64_Phdr *phdr = 0, *dynamic = 0, *interp = 0;
	for (i = 0; i < (int)av[AT_PHNUM]; i++) {
		if (ph[i].p_type == PT_PHDR)
			phdr = &ph[i];
		else if (ph[i].p_type == PT_DYNAMIC)
			dynamic = &ph[i];
		else if (ph[i].p_type == PT_INTERP)
			interp = &ph[i];
	}
	check("program headers via AT_PHDR/AT_PHNUM: PT_PHDR, PT_INTERP and PT_DYNAMIC found",
	    phdr != 0 && interp != 0 && dynamic != 0);
	if (failed)
		sys_exit(1);
	unsigned long bias = av[AT_PHDR] - phdr->p_vaddr;
	line_say(P "program PT_INTERP = ", (const char *)(bias + interp->p_vaddr));
	check("load bias (AT_PHDR - PT_PHDR p_vaddr) is page aligned", bias % 4096 == 0);
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)bias;
	check("program is PIE: ET_DYN, FreeBSD OS/ABI, at a non-zero load bias",
	    bias != 0 && eh->e_type == ET_DYN && eh->e_ident[EI_OSABI] == ELFOSABI_FREEBSD);
	check("program entry found via AT_ENTRY (load bias + e_entry)", av[AT_ENTRY] == bias + eh->e_entry);
	long n = relocate(bias, (const Elf64_Dyn *)(bias + dynamic->p_vaddr));
	if (n < 0)
		failed = 1;
	l.n = 0;
	line_s(&l, P);
	line_u(&l, n < 0 ? 0 : (unsigned long)n);
	line_s(&l, " relative relocations applied");
	line_end(&l);
	if (failed) {
		line_say(P, "not entering the program: a check failed");
		sys_exit(1);
	}
	line_say(P, "entering the program at AT_ENTRY with %rdi = the argument block");
	return av[AT_ENTRY];
}
