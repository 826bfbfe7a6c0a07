/*
 * abinote.S - the FreeBSD ABI tag note every FreeBSD test binary carries
 * (included by start.S, and by ld_elf.c's build, which has no start.S).
 */
/*
 * The FreeBSD ABI tag note, as lib/csu/common/crtbrand.S emits it:
 * section .note.tag, namesz 8 ("FreeBSD\0"), descsz 4, type 1
 * (NT_FREEBSD_ABI_TAG, lib/csu/common/notes.h ABI_NOTETYPE), desc = the
 * __FreeBSD_version the program was "built for" (1401000 = 14.1).
 */
	.section .note.tag, "a", @note
	.p2align 2
	.long	8
	.long	4
	.long	1
	.asciz	"FreeBSD"
	.p2align 2
	.long	1401000
