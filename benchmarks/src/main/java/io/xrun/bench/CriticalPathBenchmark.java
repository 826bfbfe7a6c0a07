package io.xrun.bench;

import io.xrun.maps.SyscallTable;
import io.xrun.translator.core.BufferGuestMemory;
import io.xrun.translator.core.Dispatcher;
import io.xrun.translator.core.GuestProcess;
import io.xrun.translator.core.GuestThread;
import io.xrun.translator.core.NosysPolicy;
import io.xrun.translator.core.RegisterFile;
import io.xrun.translator.core.ThreadControl;
import io.xrun.translator.fastpath.InterceptMode;
import io.xrun.translator.fastpath.StubCode;
import io.xrun.translator.fastpath.StubRouter;
import io.xrun.translator.handlers.FreebsdHandlers;
import io.xrun.translator.nativeapi.NativeBuffer;
import io.xrun.translator.signals.SignalActions;
import io.xrun.translator.signals.SignalDelivery;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The supervisor's critical path with no kernel in the loop: decode a recorded FreeBSD
 * register set, find the row and handler, translate the arguments, then take a recorded Linux
 * result and apply FreeBSD's return convention. One benchmark per kind of row: plain renumber
 * (getpid), flag translation (open), errno translation (read failing with EAGAIN), struct
 * conversion (fstat: struct stat; connect and getsockname: struct sockaddr in and out), and the
 * signal-frame build (SignalDelivery: ucontext, mcontext, FPU area, siginfo and mask for a
 * SA_SIGINFO handler of SIGUSR1), and the one-stop path of --intercept=seccomp (getpid decoded at
 * the seccomp stop and routed to its site's stub: StubRouter.route, no exit to translate).
 * Run with -prof gc to see the allocation rate (it must be 0 B/op).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar CriticalPath -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CriticalPathBenchmark {
    static final long BASE = 0x10000000L;
    RegisterFile regs;
    BufferGuestMemory mem;
    Dispatcher dispatcher;
    GuestThread thread;
    /** Signal delivery: a recorded register set, the staging buffer and a kernel-free ThreadControl. */
    NativeBuffer recorded;
    NativeBuffer staging;
    ThreadControl control;
    static final long SIGCODE = 0x7ffff000L;
    static final int LINUX_SIGUSR1 = 10, FREEBSD_SIGUSR1 = 30;
    /** The seccomp one-stop path: a router whose region is mapped and whose site has its stub. */
    StubRouter router;
    static final long SITE_END = 0x401002;

    @Setup
    public void setUp() {
        SyscallTable table = SyscallTable.freebsdAmd64();
        NosysPolicy nosys = new NosysPolicy(System.err, (pid, tid, sig) -> { });
        dispatcher = new Dispatcher(table, FreebsdHandlers.registry(table), nosys, null, new NativeBuffer(64 * 1024));
        regs = new RegisterFile();
        mem = new BufferGuestMemory(BASE, 1 << 20);
        GuestProcess p = new GuestProcess(100, table.maxNumber() + 1);
        p.execed("/bin/bench", false, 0, 0);
        p.useStackScratch(); // no arena prelude: scratch below the (buffer-backed) stack
        thread = new GuestThread(100, p);

        // connect: a FreeBSD sockaddr_in {sa_len 16, AF_INET 2, port 7, 127.0.0.1} at BASE + 8192
        mem.backing().putByte(8192, (byte) 16);
        mem.backing().putByte(8193, (byte) 2);
        mem.backing().putShort(8194, (short) 0x0700);
        mem.backing().putInt(8196, 0x0100007f);
        // getsockname: *addrlen = 16 at BASE + 12288; Linux's answer (AF_INET, len 16) in the scratch
        mem.backing().putInt(12288, 16);

        // Signal delivery: SIGUSR1 with an SA_SIGINFO handler, sigcode mapped, a kill() siginfo
        p.setSigcode(SIGCODE);
        p.actions().set(FREEBSD_SIGUSR1, 0x401234, SignalActions.SA_SIGINFO | SignalActions.SA_RESTART, 0, 0);
        staging = new NativeBuffer(SignalDelivery.BUFFER_BYTES);
        recorded = new NativeBuffer(RegisterFile.SIZE);
        for (int off = 0; off < RegisterFile.SIZE; off += 8) {
            recorded.putLong(off, 0x1000 + off);
        }
        RegisterFile r = new RegisterFile(recorded);
        r.setRip(0x401000);
        r.setRsp(BASE + (1 << 19));
        r.setEflags(0x246);
        r.setOrigRax(-1);
        control = new FakeThreadControl();
        // The region's writes (tables, stubs) go nowhere: the benchmark has no guest process.
        router = new StubRouter(InterceptMode.SECCOMP, dispatcher, new NativeBuffer(64 * 1024), true,
                pid -> new io.xrun.translator.nativeapi.ProcessMemory() {
                    @Override
                    public boolean write(long addr, NativeBuffer b, int off, int len) {
                        return true;
                    }

                    @Override
                    public void close() {
                    }
                });
        router.execed(p);
        router.done(thread, StubCode.BASE);
        verify();
    }

    /** Each benchmark must take the path it claims: checked once before measuring. */
    private void verify() {
        NativeBuffer m = mem.backing();
        check(getpid() == 4242, "getpid result");
        check(openFlags() == 3, "open result");
        check(readEagain() == 35 && (regs.eflags() & RegisterFile.CF) != 0, "read EAGAIN -> 35, CF");
        check(fstatStruct() == 0, "fstat result");
        check(connectSockaddr() == 0, "connect result");
        int scratch = (int) (thread.call().scratch() - BASE);
        check(m.getShort(scratch) == 2 && m.getInt(scratch + 4) == 0x0100007f, "connect: Linux sockaddr_in in scratch");
        m.putLong(8192, 0);
        check(getsocknameSockaddr() == 0, "getsockname result");
        check(m.getByte(8192) == 16 && m.getByte(8193) == 2 && m.getInt(12288) == 16, "getsockname: FreeBSD sockaddr_in");
        m.putByte(8192, (byte) 16);
        m.putByte(8193, (byte) 2);
        check(signalFrame() == regs.rsp() && regs.rip() == SIGCODE && regs.rdi() == FREEBSD_SIGUSR1,
                "signal frame: handler entered through sigcode");
        check(seccompRoute() == StubCode.stub(0) + StubCode.AFTER_SYSCALL && regs.origRax() == 39
                && router.stubSites() == 1, "seccomp: getpid routed to its stub as Linux getpid");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark set-up: " + what);
        }
    }

    /** The kernel side of signal delivery with no kernel: an empty mask, a zero FXSAVE image, no XSAVE. */
    static final class FakeThreadControl implements ThreadControl {
        long mask;

        @Override
        public long sigmask(int tid) {
            return mask;
        }

        @Override
        public void setSigmask(int tid, long linuxMask) {
            mask = linuxMask;
        }

        @Override
        public boolean readFpu(int tid, NativeBuffer b, int off) {
            b.zero(off, FPU_SIZE);
            return true;
        }

        @Override
        public boolean writeFpu(int tid, NativeBuffer b, int off) {
            return true;
        }

        @Override
        public int readXstate(int tid, NativeBuffer b, int off) {
            return 0;
        }

        @Override
        public boolean writeXstate(int tid, NativeBuffer b, int off, int len) {
            return true;
        }

        @Override
        public boolean writeForce(int pid, long addr, NativeBuffer b, int off, int len) {
            return true;
        }

        @Override
        public long readable(int pid, int fd) {
            return -1;
        }

        @Override
        public boolean bumpEventfd(int pid, int fd) {
            return false;
        }
    }

    private void entry(long nr, long a0, long a1, long a2) {
        regs.setOrigRax(nr);
        regs.setRax(nr);
        regs.setRsp(BASE + (1 << 19));
        regs.setRip(0x401000);
        regs.setArg(0, a0);
        regs.setArg(1, a1);
        regs.setArg(2, a2);
        dispatcher.enter(thread, regs, mem);
    }

    private long exit(long linuxResult) {
        regs.setRax(linuxResult);
        dispatcher.exit(thread, regs, mem);
        return regs.rax();
    }

    /** --intercept=seccomp: getpid at its seccomp stop, sent to its site's stub (one stop, no exit). */
    @Benchmark
    public long seccompRoute() {
        entry(20, 0, 0, 0);
        router.route(thread, SITE_END, regs, mem);
        return regs.rip();
    }

    /** Plain renumber: FreeBSD getpid (20) to Linux getpid (39). */
    @Benchmark
    public long getpid() {
        entry(20, 0, 0, 0);
        return exit(4242);
    }

    /** Flag translation: open(path, O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0644). */
    @Benchmark
    public long openFlags() {
        entry(5, BASE, 0x1 | 0x200 | 0x400 | 0x100000, 0644);
        return exit(3);
    }

    /** errno translation: read failing with Linux EAGAIN (11) becomes FreeBSD EAGAIN (35), CF set. */
    @Benchmark
    public long readEagain() {
        entry(3, 0, BASE, 64);
        return exit(-11);
    }

    /** Struct conversion: fstat (551) reads Linux's struct stat and writes FreeBSD's. */
    @Benchmark
    public long fstatStruct() {
        entry(551, 3, BASE + 4096, 0);
        return exit(0);
    }

    /** Struct conversion, sockaddr in: connect(s, FreeBSD sockaddr_in, 16) becomes a Linux sockaddr in scratch. */
    @Benchmark
    public long connectSockaddr() {
        entry(98, 3, BASE + 8192, 16);
        return exit(0);
    }

    /** Struct conversion, sockaddr out: getsockname's Linux sockaddr_in becomes FreeBSD's (sa_len, MIN length). */
    @Benchmark
    public long getsocknameSockaddr() {
        entry(32, 3, BASE + 8192, BASE + 12288);
        // what Linux wrote into the scratch: AF_INET (2), port 7, 127.0.0.1, and *addrlen 16
        NativeBuffer m = mem.backing();
        int off = (int) (thread.call().scratch() - BASE);
        m.putShort(off, (short) 2);
        m.putShort(off + 2, (short) 0x0700);
        m.putInt(off + 4, 0x0100007f);
        m.putInt(off + 256, 16); // SockaddrOutHandler's addrlen slot: scratch + 256
        return exit(0);
    }

    /**
     * Signal-frame build: SIGUSR1 stops the thread (recorded registers, Linux siginfo from kill),
     * SignalDelivery builds FreeBSD's struct sigframe on the guest stack and points the thread at
     * the handler through the sigcode trampoline.
     */
    @Benchmark
    public long signalFrame() {
        recorded.copyTo(0, regs.buffer(), 0, RegisterFile.SIZE);
        staging.putInt(SignalDelivery.LSI, LINUX_SIGUSR1);
        staging.putInt(SignalDelivery.LSI + 4, 0);
        staging.putInt(SignalDelivery.LSI + 8, 0);      // SI_USER
        staging.putInt(SignalDelivery.LSI + 16, 4242);  // sender pid
        staging.putInt(SignalDelivery.LSI + 20, 1000);  // sender uid
        int r = SignalDelivery.deliver(thread, LINUX_SIGUSR1, regs, mem, control, staging);
        ((FakeThreadControl) control).mask = 0;
        return r + regs.rsp();
    }
}
