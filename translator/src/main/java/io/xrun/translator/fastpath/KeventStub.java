package io.xrun.translator.fastpath;

import io.xrun.maps.LinuxSyscalls;
import io.xrun.translator.handlers.kqueue.KeventAbi;
import io.xrun.translator.nativeapi.RemoteFd;

import java.util.ArrayList;
import java.util.List;

/**
 * The stub code of SpecialRow.KEVENT and KEVENT11: kevent(kq, NULL, 0, eventlist, nevents,
 * timeout), a wait with no changes (Go's netpoller, an event loop's wait), answered in the guest
 * as handlers.kqueue.KeventHandler answers it, for the process's one kqueue while every knote
 * in it is a READ or WRITE knote the stub can report ({@link KqueueMirror}: the supervisor
 * publishes, per descriptor, each filter's flags and udata at {@link StubCode#KQ_ENTRIES}, and
 * the kqueue's descriptor + 1 at {@link StubCode#KQ_MIRROR}, 0 when no kqueue qualifies).
 *
 * <p>The kqueue is an epoll set (KeventHandler); the stub waits with epoll_pwait2(kq, buf,
 * min(nevents / 2, 16), timeout, NULL, 8) into a buffer on the stack (each epoll event makes
 * at most two kevents, so every event read has its room in the eventlist; the events not read
 * stay ready in the epoll set for the next wait), then for each epoll event on a descriptor
 * writes what KeventHandler#collect would, from the eventlist's start, and nothing past it:
 * the READ knote's event when the event has EPOLLIN/RDHUP/HUP/ERR, data the FIONREAD count (1
 * where the file has none), EV_EOF on RDHUP or HUP; then the WRITE knote's event on
 * EPOLLOUT/HUP/ERR, data 0, EV_EOF on HUP or ERR; fflags 0, ext 0 in the 64-byte struct.
 * Events that make no kevent at all send the call to the supervisor, which waits again as it
 * would. Changes, fewer than 2 events, another kqueue: the supervisor's, from the slow stub.
 *
 * <p>Registers: the six arguments, rbx, rbp and r12-r15 are kept at -0x98..-0xf0(%rsp), the
 * epoll result at -0xf8, FIONREAD's count at -0x90, the epoll events at -0x1c0..-0x100, all
 * below the red zone ({@link StubCode#STACK_SCRATCH}). The listing, checked byte for byte against GNU as, is in
 * StubCodeTest.
 */
final class KeventStub {
    private static final int EPOLL_PWAIT2 = LinuxSyscalls.require("epoll_pwait2");
    private static final int IOCTL = LinuxSyscalls.require("ioctl");
    private static final int READ_EVENTS = KeventAbi.EPOLL_READ | KeventAbi.EPOLLHUP | KeventAbi.EPOLLERR;
    private static final int READ_EOF = KeventAbi.EPOLLRDHUP | KeventAbi.EPOLLHUP;
    private static final int WRITE_EVENTS = KeventAbi.EPOLL_WRITE | KeventAbi.EPOLLHUP | KeventAbi.EPOLLERR;
    private static final int WRITE_EOF = KeventAbi.EPOLLHUP | KeventAbi.EPOLLERR;
    /** Where the stub keeps the epoll result and FIONREAD's count. */
    static final int SAVE_N = -0xf8, SAVE_COUNT = -0x90;
    /** The epoll events, on the stack below the kept registers: at most EPOLL_MAX of 12 bytes. */
    static final int EPOLL_BUF = -0x1c0, EPOLL_MAX = 16;
    /** Offsets of the stub's syscalls' return addresses (for SpecialRow#restore). */
    static final int AFTER_WAIT = 0xcc, AFTER_IOCTL = 0x14c;

    private final StubCode.Code c;
    private final long at;
    private final List<int[]> fixups = new ArrayList<>();
    private final int[] labels = new int[16];

    private KeventStub(StubCode.Code c, long at) {
        this.c = c;
        this.at = at;
    }

    private static final int SLOW = 0, FAIL = 1, END = 2, LOOP = 3, WRITE = 4, NEXT = 5, AGAIN = 6, RESTORE = 7,
            BACK = 8;

    /** A rel32 to a label, patched by {@link #finish}. */
    private void rel32To(int label) {
        fixups.add(new int[] {c.pos, label});
        c.int32(0);
    }

    private void label(int l) {
        labels[l] = c.pos;
    }

    private void jcc(int cc, int label) {
        c.bytes(0x0f, cc);
        rel32To(label);
    }

    private void jmp(int label) {
        c.bytes(0xe9);
        rel32To(label);
    }

    /** mov REG,disp32(%rsp) for the kept registers (REX, ModRM reg field). */
    private void keep(int rex, int reg, int disp, boolean load) {
        c.bytes(rex, load ? 0x8b : 0x89, 0x84 | reg << 3, 0x24).int32(disp);
    }

    private static final int[][] KEPT = { // REX, reg, slot: rdi rsi rdx r10 r8 r9 rbx rbp r12 r13 r14 r15
        {0x48, 7, -0x98}, {0x48, 6, -0xa0}, {0x48, 2, -0xa8}, {0x4c, 2, -0xb0}, {0x4c, 0, -0xb8}, {0x4c, 1, -0xc0},
        {0x48, 3, -0xc8}, {0x48, 5, -0xd0}, {0x4c, 4, -0xd8}, {0x4c, 5, -0xe0}, {0x4c, 6, -0xe8}, {0x4c, 7, -0xf0}};

    /** The code after the prefix of a kevent stub for FreeBSD number nr with kevents of size bytes (32 or 64). */
    static void emit(StubCode.Code c, long at, long slow, int nr, int size) {
        KeventStub k = new KeventStub(c, at);
        k.body(nr, size);
        k.finish(slow);
    }

    private void body(int nr, int size) {
        c.bytes(0x85, 0xd2);                                   // test %edx,%edx: changes are the supervisor's
        jcc(0x85, SLOW);
        c.bytes(0x41, 0x83, 0xf8, 0x02);                       // cmp $2,%r8d: so are fewer than 2 events
        jcc(0x8c, SLOW);
        c.bytes(0x8d, 0x4f, 0x01);                             // lea 1(%rdi),%ecx
        c.bytes(0x3b, 0x0c, 0x25).int32((int) StubCode.KQ_MIRROR); // cmp KQ_MIRROR,%ecx: the published kqueue?
        jcc(0x85, SLOW);
        for (int[] r : KEPT) {
            keep(r[0], r[1], r[2], false);
        }
        c.bytes(0x44, 0x89, 0xc2);                             // mov %r8d,%edx
        c.bytes(0xd1, 0xea);                                   // shr %edx: nevents / 2 epoll events,
        c.bytes(0xb9).int32(EPOLL_MAX);                        // mov $EPOLL_MAX,%ecx
        c.bytes(0x39, 0xca);                                   // cmp %ecx,%edx
        c.bytes(0x0f, 0x47, 0xd1);                             // cmova %ecx,%edx: at most EPOLL_MAX
        c.bytes(0x48, 0x8d, 0xb4, 0x24).int32(EPOLL_BUF);      // lea EPOLL_BUF(%rsp),%rsi
        c.bytes(0x49, 0x89, 0xf4);                             // mov %rsi,%r12: next epoll event
        c.bytes(0x4d, 0x89, 0xd6);                             // mov %r10,%r14: next kevent
        c.bytes(0x4d, 0x89, 0xca);                             // mov %r9,%r10: the timeout
        c.bytes(0x45, 0x31, 0xc0);                             // xor %r8d,%r8d: no sigmask
        c.bytes(0x41, 0xb9).int32(8);                          // mov $8,%r9d: sigsetsize
        c.bytes(0xb8).int32(EPOLL_PWAIT2);
        c.bytes(0x0f, 0x05);
        c.check(c.pos == AFTER_WAIT);
        c.bytes(0x48, 0x85, 0xc0);                             // test %rax,%rax
        jcc(0x88, FAIL);
        c.bytes(0x41, 0x89, 0xc5);                             // mov %eax,%r13d: epoll events left
        c.bytes(0x48, 0x89, 0x84, 0x24).int32(SAVE_N);         // mov %rax,SAVE_N(%rsp)
        c.bytes(0x45, 0x31, 0xff);                             // xor %r15d,%r15d: kevents written
        label(LOOP);
        c.bytes(0x45, 0x85, 0xed);                             // test %r13d,%r13d
        jcc(0x84, END);
        c.bytes(0x41, 0x8b, 0x1c, 0x24);                       // mov (%r12),%ebx: the epoll event bits
        c.bytes(0x49, 0x8b, 0x4c, 0x24, 0x04);                 // mov 4(%r12),%rcx: its data
        c.bytes(0x48, 0x89, 0xc8);                             // mov %rcx,%rax
        c.bytes(0x48, 0xc1, 0xe8, 0x20);                       // shr $32,%rax
        c.bytes(0x48, 0x83, 0xf8, (int) (KqueueMirror.FD_DATA >>> 32)); // cmp $1,%rax: a descriptor's
        jcc(0x85, NEXT);
        c.bytes(0x81, 0xf9).int32(StubCode.KQ_FDS);            // cmp $KQ_FDS,%ecx
        jcc(0x83, NEXT);
        c.bytes(0x89, 0xcd);                                   // mov %ecx,%ebp: the descriptor
        entry();                                               // (from ebp: rcx's high half is the data's kind)
        c.bytes(0x83, 0x39, 0x00);                             // cmpl $0,(%rcx): a READ knote?
        jcc(0x84, WRITE);
        c.bytes(0xf7, 0xc3).int32(READ_EVENTS);                // test $READ_EVENTS,%ebx
        jcc(0x84, WRITE);
        c.bytes(0x89, 0xef);                                   // mov %ebp,%edi
        c.bytes(0xbe).int32((int) RemoteFd.FIONREAD);          // mov $FIONREAD,%esi
        c.bytes(0x48, 0x8d, 0x94, 0x24).int32(SAVE_COUNT);     // lea SAVE_COUNT(%rsp),%rdx
        c.bytes(0xb8).int32(IOCTL);
        c.bytes(0x0f, 0x05);
        c.check(c.pos == AFTER_IOCTL);
        c.bytes(0x48, 0x63, 0x94, 0x24).int32(SAVE_COUNT);     // movslq SAVE_COUNT(%rsp),%rdx
        c.bytes(0x48, 0x85, 0xc0);                             // test %rax,%rax
        c.bytes(0x79, 0x05);                                   // jns 1f
        c.bytes(0xba).int32(1);                                // mov $1,%edx: no count, one thing ready
        entry();                                               // 1: (the ioctl clobbered rcx)
        kevent(KeventAbi.EVFILT_READ, 0, READ_EOF, size, true);
        label(WRITE);
        entry();
        c.bytes(0x83, 0x79, 0x04, 0x00);                       // cmpl $0,4(%rcx): a WRITE knote?
        jcc(0x84, NEXT);
        c.bytes(0xf7, 0xc3).int32(WRITE_EVENTS);               // test $WRITE_EVENTS,%ebx
        jcc(0x84, NEXT);
        kevent(KeventAbi.EVFILT_WRITE, 4, WRITE_EOF, size, false);
        label(NEXT);
        c.bytes(0x49, 0x83, 0xc4, 0x0c);                       // add $12,%r12
        c.bytes(0x41, 0xff, 0xcd);                             // dec %r13d
        jmp(LOOP);
        label(END);
        c.bytes(0x4c, 0x89, 0xf8);                             // mov %r15,%rax: the kevents written
        c.bytes(0x45, 0x85, 0xff);                             // test %r15d,%r15d
        c.bytes(0x75, 0x0f);                                   // jnz 4f
        c.bytes(0x48, 0x83, 0xbc, 0x24).int32(SAVE_N).bytes(0x00); // cmpq $0,SAVE_N(%rsp)
        jcc(0x85, AGAIN);                                      // events, but no kevent: the supervisor waits again
        viaRestore();                                          // 4:
        c.bytes(0xf8);                                         // clc
        jmp(BACK);
        label(FAIL);
        viaRestore();
        StubCode.errno(c, at);                                 // -errno to FreeBSD's, CF set, back
        label(AGAIN);
        viaRestore();
        c.bytes(0xb8).int32(nr);                               // the FreeBSD call, through the supervisor
        jmp(SLOW);
        label(RESTORE);
        for (int[] r : KEPT) {
            keep(r[0], r[1], r[2], true);
        }
        c.bytes(0x41, 0xff, 0xe3);                             // jmp *%r11
    }

    /** rcx = the descriptor's (ebp) entry in the published knotes. */
    private void entry() {
        c.bytes(0x89, 0xe9);                                   // mov %ebp,%ecx
        c.bytes(0x48, 0xc1, 0xe1, 0x05);                       // shl $5,%rcx
        c.bytes(0x48, 0x81, 0xc1).int32((int) StubCode.KQ_ENTRIES); // add $KQ_ENTRIES,%rcx
    }

    /** lea 1f(%rip),%r11; jmp restore; 1: */
    private void viaRestore() {
        c.bytes(0x4c, 0x8d, 0x1d).int32(5);
        jmp(RESTORE);
    }

    /** Writes one kevent at r14 for the knote at word off of the entry in rcx (data: rdx, or 0). */
    private void kevent(int filter, int off, int eofEvents, int size, boolean dataInRdx) {
        c.bytes(0x49, 0x89, 0x2e);                             // mov %rbp,(%r14): ident
        c.bytes(0x66, 0x41, 0xc7, 0x46, 0x08).bytes(filter & 0xff, (filter >> 8) & 0xff); // movw $filter,8(%r14)
        if (off == 0) {
            c.bytes(0x0f, 0xb7, 0x01);                         // movzwl (%rcx),%eax: the knote's flags
        } else {
            c.bytes(0x0f, 0xb7, 0x41, off);                    // movzwl off(%rcx),%eax
        }
        c.bytes(0xf7, 0xc3).int32(eofEvents);                  // test $eofEvents,%ebx
        c.bytes(0x74, 0x05);                                   // jz 1f
        c.bytes(0x0d).int32(KeventAbi.EV_EOF);                 // or $EV_EOF,%eax
        c.bytes(0x66, 0x41, 0x89, 0x46, 0x0a);                 // 1: mov %ax,10(%r14): flags
        c.bytes(0x41, 0xc7, 0x46, 0x0c).int32(0);              // movl $0,12(%r14): fflags
        if (dataInRdx) {
            c.bytes(0x49, 0x89, 0x56, 0x10);                   // mov %rdx,16(%r14): data
        } else {
            c.bytes(0x49, 0xc7, 0x46, 0x10).int32(0);          // movq $0,16(%r14)
        }
        c.bytes(0x48, 0x8b, 0x41, 8 + 8 * (off / 4));          // mov 8|16(%rcx),%rax: udata
        c.bytes(0x49, 0x89, 0x46, 0x18);                       // mov %rax,24(%r14)
        for (int e = 32; e < size; e += 8) {
            c.bytes(0x49, 0xc7, 0x46, e).int32(0);             // movq $0,e(%r14): ext[]
        }
        c.bytes(0x49, 0x83, 0xc6, size);                       // add $size,%r14
        c.bytes(0x41, 0xff, 0xc7);                             // inc %r15d
    }

    private void finish(long slow) {
        labels[BACK] = StubCode.RETURN;
        for (int[] f : fixups) {
            int pos = f[0];
            long target = f[1] == SLOW ? slow - at : labels[f[1]];
            c.patch32(pos, (int) (target - (pos + 4)));
        }
    }
}
