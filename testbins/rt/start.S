/*
 * start.S - process entry for the xrun test programs.
 *
 * FreeBSD/amd64 (sys/amd64/amd64/exec_machdep.c exec_setregs, and
 * lib/csu/amd64/crt1_s.S): the kernel passes the address of the initial
 * argument block in %rdi (argc at [rdi], argv at rdi+8, ...) and sets
 * %rsp = ((rdi - 8) & ~15) + 8.  We must not assume %rsp points at argc.
 *
 * Linux/x86-64 (only with -DXRUN_TARGET_LINUX): argc is at [rsp] and %rdi
 * carries nothing, so the block address is taken from %rsp.
 *
 * Both record the entry %rsp/%rdi for the startup test, align the stack
 * to 16 bytes and call rt_cstart(block), which never returns.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	movq	%rsp, rt_entry_rsp(%rip)
	movq	%rdi, rt_entry_rdi(%rip)
#ifdef XRUN_TARGET_LINUX
	movq	%rsp, %rdi
#endif
	xorl	%ebp, %ebp
	andq	$-16, %rsp
	call	rt_cstart
	hlt
	.size	_start, . - _start

	.bss
	.p2align 3
	.globl	rt_entry_rsp
	.globl	rt_entry_rdi
rt_entry_rsp:	.quad 0
rt_entry_rdi:	.quad 0

#ifndef XRUN_TARGET_LINUX
#include "abinote.S"
#endif

	.section .note.GNU-stack, "", @progbits
