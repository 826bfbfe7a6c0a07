package io.xrun.loader;

/**
 * What FreeBSD's image activator would know about a new process and that Linux's initial
 * stack does not say: the values for AT_EXECPATH, AT_OSRELDATE, AT_NCPUS, AT_PAGESIZES,
 * AT_CANARY, AT_STACKPROT and AT_USRSTACKBASE/LIM (sys/kern/imgact_elf.c
 * __elfN(freebsd_copyout_auxargs)), and for AT_BASE without an interpreter the address an
 * ET_DYN program was loaded at ({@code etDynAddr}, see {@link FreebsdInitialStack#etDynAddr}).
 * {@code timekeep} is the initial content of the timekeeping page AT_TIMEKEEP points at (struct
 * vdso_timekeep and its timehands, sys/sys/vdso.h), or null for a process without one.
 */
public record FreebsdProcessFacts(String execPath, int osreldate, int ncpus, long[] pageSizes, byte[] canary,
                                  int stackProt, long usrStackBase, long usrStackLim, long etDynAddr,
                                  byte[] timekeep) {
}
