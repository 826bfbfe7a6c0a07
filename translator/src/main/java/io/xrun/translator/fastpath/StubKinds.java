package io.xrun.translator.fastpath;

import io.xrun.maps.Errno;
import io.xrun.maps.ErrnoOverrides;
import io.xrun.maps.FlagMap;
import io.xrun.translator.core.Dispatcher;
import io.xrun.translator.core.GuestProcess;
import io.xrun.translator.core.StubShape;
import io.xrun.translator.handlers.Abi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stubs' kinds: rows that are not plain but whose calls a stub can still answer as their
 * handler would ({@link StubShape}, with the row's errno overrides). A fast-table entry above
 * 0xffff is the Linux number with the kind in bits 16 and up. One kind serves every row of the
 * same shape and overrides; they are numbered from 1 in FreeBSD number order, at most
 * {@link StubCode#KINDS} - 1 (rows past that keep the supervisor's path).
 *
 * <p>The stub saves the number, the entry and the six argument registers below the red zone
 * and jumps through {@link StubCode#KIND_TABLE} to the kind's code before the call, with r11 =
 * the stub's Linux syscall. After the call it jumps through {@link StubCode#POST_TABLE} to the
 * kind's code after the call, with rax the Linux result and r11 = where the stub restores the
 * argument registers (FreeBSD preserves them) and applies FreeBSD's convention.
 *
 * <p>Before the call, in this order (nothing is changed before the last way out):
 * <pre>
 *   watched fd:  cmp $FD_MAP_FDS,%edi; jae.d32 slow; bt %edi,FD_MAP; jc.d32 slow
 *   AT_* flags:  test $~ACCEPTED,%REG; jnz.d32 slow        (ArgCodec#atFlags: EINVAL is the supervisor's)
 *                then as O_* flags, with at-flags.tsv      (ACCEPTED: StubShape#atFlagsAccepted, the
 *                                                           bits the row's syscall accepts, AtFlags)
 *   O_* flags:   xor %ecx,%ecx; per row with Linux bits:
 *                  mov %REG32,%eax; and $mask,%eax; cmp $value,%eax; jne 1f; or $linux,%ecx; 1:
 *                mov %ecx,%REG32                           (FlagMap#toLinux: unknown bits dropped)
 *   mov -0x90(%rsp),%rax; movzwl %ax,%eax; jmp *%r11       the Linux number; to the syscall
 *   slow: add $0x50,%r11; jmp *%r11                         to the stub's slowpath (the supervisor)
 * </pre>
 * After the call:
 * <pre>
 *   per override (Linux errno L to FreeBSD F): cmp $-L,%rax; jne 1f; mov $-L',%rax; 1:
 *                (L' the Linux errno the errno table turns into F)
 *   stat:        test %rax,%rax; jne.d32 1f; (KindAsm#statToFreebsd); xor %eax,%eax; 1:
 *   jmp *%r11
 * </pre>
 */
public final class StubKinds {
    private record Kind(StubShape shape, List<Integer> linuxErrnos, List<Integer> freebsdErrnos) {
    }

    private final Dispatcher dispatcher;
    private final Map<Kind, Integer> kinds = new LinkedHashMap<>();
    /** The kind of each FreeBSD number below StubCode.NUMBERS, 0 for none. */
    private final int[] kindOf = new int[StubCode.NUMBERS];

    public StubKinds(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
        ErrnoOverrides o = dispatcher.errnoOverrides();
        for (int nr = 0; nr < StubCode.NUMBERS; nr++) {
            StubShape s = dispatcher.stubShape(nr);
            long linux = dispatcher.linuxNumber(nr);
            if (s == null || linux < 0 || linux > 0xffff) {
                continue;
            }
            Kind k = new Kind(s, boxed(o.linuxErrnos(nr)), boxed(o.freebsdErrnos(nr)));
            Integer n = kinds.get(k);
            if (n == null && kinds.size() + 1 < StubCode.KINDS) {
                n = kinds.size() + 1;
                kinds.put(k, n);
            }
            kindOf[nr] = n == null ? 0 : n;
        }
    }

    private static List<Integer> boxed(int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int v : a) {
            l.add(v);
        }
        return l;
    }

    /** The kind FreeBSD syscall nr runs with when it is not plain, 0 for none. */
    int kindOf(int nr) {
        return nr >= 0 && nr < kindOf.length ? kindOf[nr] : 0;
    }

    /**
     * The fast-table entry of FreeBSD syscall nr in process p (null: just exec'ed): its Linux
     * number when plain, the Linux number and its kind, or -1 (see {@link StubTables}).
     */
    int entry(int nr, GuestProcess p) {
        long plain = dispatcher.plainNumber(nr, p);
        if (plain >= 0) {
            return (int) plain;
        }
        int kind = kindOf(nr);
        return kind == 0 ? -1 : (int) dispatcher.linuxNumber(nr) | kind << 16;
    }

    /** The kind tables and the kinds' code, for the region at {@link StubCode#KIND_TABLE}. */
    byte[] code() {
        int size = (int) (StubCode.FD_MAP - StubCode.KIND_TABLE);
        StubCode.Code c = new StubCode.Code(size);
        long[] pre = new long[StubCode.KINDS];
        long[] post = new long[StubCode.KINDS];
        c.pos = (int) (StubCode.KIND_CODE - StubCode.KIND_TABLE);
        long trap = StubCode.KIND_TABLE + c.pos;
        c.bytes(0xcc); // kinds no entry uses: a stray jump traps
        java.util.Arrays.fill(pre, trap);
        java.util.Arrays.fill(post, trap);
        for (Map.Entry<Kind, Integer> e : kinds.entrySet()) {
            pre[e.getValue()] = StubCode.KIND_TABLE + c.pos;
            before(c, e.getKey().shape());
            post[e.getValue()] = StubCode.KIND_TABLE + c.pos;
            after(c, e.getKey());
        }
        int end = c.pos;
        c.pos = 0;
        for (long a : pre) {
            c.int64(a);
        }
        for (long a : post) {
            c.int64(a);
        }
        c.pos = end;
        return c.padded();
    }

    /** A kind's code before its call (see the class comment). */
    static void before(StubCode.Code c, StubShape s) {
        if (s.dirents()) {
            DirentsKind.before(c);
            return;
        }
        KindAsm a = new KindAsm(c);
        List<Integer> toSlow = new ArrayList<>();
        if (s.watchedFd()) {
            c.bytes(0x81, 0xff).int32(StubCode.FD_MAP_FDS);              // cmp $FD_MAP_FDS,%edi
            toSlow.add(a.jcc32(0x83));                                    // jae slow
            c.bytes(0x0f, 0xa3, 0x3c, 0x25).int32((int) StubCode.FD_MAP); // bt %edi,FD_MAP
            toSlow.add(a.jcc32(0x82));                                    // jc slow
        }
        if (s.atFlagsArg() >= 0) {
            // The syscall's own mask, not every bit at-flags.tsv knows: Linux 0x200 is AT_EACCESS
            // for faccessat and AT_REMOVEDIR for unlinkat, so a flag another call accepts must
            // not be translated here. After the check the whole table translates exactly as
            // ArgCodec#atFlags does (the bits outside the mask never reach it).
            long accepted = s.atFlagsAccepted();
            if (accepted < 0 || accepted > Integer.MAX_VALUE) {
                throw new IllegalStateException("at-flags.tsv: accepted bits do not fit a sign-extended imm32 test");
            }
            a.testImm(KindAsm.ARGS[s.atFlagsArg()], (int) ~accepted);    // a bit not accepted: EINVAL
            toSlow.add(a.jcc32(0x85));                                    // jnz slow
            flags(c, Abi.AT_FLAGS, s.atFlagsArg());
        }
        if (s.openFlagsArg() >= 0) {
            flags(c, Abi.OPEN_FLAGS, s.openFlagsArg());
        }
        c.bytes(0x48, 0x8b, 0x84, 0x24).int32(StubCode.SAVE_ENTRY);     // mov -0x90(%rsp),%rax
        c.bytes(0x0f, 0xb7, 0xc0);                                       // movzwl %ax,%eax
        a.jmpR11();
        if (!toSlow.isEmpty()) {
            for (int at : toSlow) {
                a.land(at);
            }
            a.toSlowpath(StubCode.KIND_SYSCALL);
        }
    }

    /** A kind's code after its call (see the class comment). */
    private static void after(StubCode.Code c, Kind k) {
        KindAsm a = new KindAsm(c);
        int[] linuxErrnos = k.linuxErrnos().stream().mapToInt(Integer::intValue).toArray();
        int[] carriers = new int[linuxErrnos.length];
        for (int i = 0; i < linuxErrnos.length; i++) {
            int freebsd = k.freebsdErrnos().get(i);
            carriers[i] = Errno.toLinux(freebsd);
            if (carriers[i] <= 0 || Errno.toFreebsd(carriers[i]) != freebsd) {
                throw new IllegalStateException("errno " + freebsd + ": no Linux errno the errno table makes it");
            }
        }
        if (k.shape().dirents()) {
            DirentsKind.after(c, linuxErrnos, carriers);
            return;
        }
        a.errnoOverrides(linuxErrnos, carriers);
        int stat = k.shape().statArg();
        if (stat >= 0) {
            c.bytes(0x48, 0x85, 0xc0);                                   // test %rax,%rax
            int failed = a.jcc32(0x85);                                  // jne: an error, nothing written
            a.statToFreebsd(KindAsm.ARGS[stat]);
            a.zero(KindAsm.RAX);
            a.land(failed);
        }
        a.jmpR11();
    }

    /** The flags in argument arg, translated with map in ecx, then put back (see the class comment). */
    static void flags(StubCode.Code c, FlagMap map, int arg) {
        KindAsm a = new KindAsm(c);
        int reg = StubCode.ARG_REG[arg];
        boolean high = StubCode.ARG_REX[arg] == 0x4c; // r8-r15: a REX prefix with R or B
        c.bytes(0x31, 0xc9);                                         // xor %ecx,%ecx
        for (int i = 0; i < map.size(); i++) {
            long mask = map.freebsdMask(i);
            long value = map.freebsdValue(i);
            long linux = map.linuxValue(i);
            if (linux == 0) {
                continue; // adds nothing
            }
            if (mask > Integer.MAX_VALUE || linux > Integer.MAX_VALUE) {
                throw new IllegalStateException("flag row " + i + " does not fit an imm32");
            }
            if (high) {
                c.bytes(0x44);                                       // REX.R: the source is r8d-r15d
            }
            c.bytes(0x89, 0xc0 | reg << 3);                          // mov %REG32,%eax
            a.and32(KindAsm.RAX, (int) mask);                        // and $mask,%eax
            a.cmpEax((int) value);                                   // cmp $value,%eax
            c.bytes(0x75, KindAsm.fitsByte(linux) ? 3 : 6);          // jne past the or
            if (KindAsm.fitsByte(linux)) {
                c.bytes(0x83, 0xc9, (int) linux);                    // or $linux,%ecx
            } else {
                c.bytes(0x81, 0xc9).int32((int) linux);
            }
        }
        if (high) {
            c.bytes(0x41);                                           // REX.B: the destination is r8d-r15d
        }
        c.bytes(0x89, 0xc8 | reg);                                   // mov %ecx,%REG32
    }
}
