package io.xrun.bench;

import io.xrun.maps.SyscallTable;
import io.xrun.translator.core.BufferGuestMemory;
import io.xrun.translator.core.Dispatcher;
import io.xrun.translator.core.GuestProcess;
import io.xrun.translator.core.GuestThread;
import io.xrun.translator.core.NosysPolicy;
import io.xrun.translator.core.RegisterFile;
import io.xrun.translator.handlers.FreebsdHandlers;
import io.xrun.translator.nativeapi.NativeBuffer;
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
 * conversion (fstat). Run with -prof gc to see the allocation rate (it must be 0 B/op).
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
}
