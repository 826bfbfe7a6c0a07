package io.xrun.translator.nativeapi;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.PageManager;
import com.kenai.jffi.Type;

/**
 * Reads the x86 time-stamp counter from Java: a five-instruction function in an executable page,
 * called through jffi (jnr-ffi's own native layer). Java has no rdtsc, and the guest's timekeeping
 * page is expressed in TSC ticks, so xrun must read the very counter the guest reads.
 */
public final class Tsc {
    /**
     * lfence (orders the read after earlier loads, as FreeBSD's rdtsc_low_mb_lfence); rdtsc;
     * shl $32,%rdx; or %rdx,%rax; ret: the 64-bit TSC in %rax (System V return register).
     */
    private static final byte[] CODE = {
        0x0f, (byte) 0xae, (byte) 0xe8,
        0x0f, 0x31,
        0x48, (byte) 0xc1, (byte) 0xe2, 0x20,
        0x48, 0x09, (byte) 0xd0,
        (byte) 0xc3,
    };
    private static final Tsc INSTANCE = new Tsc();

    private final long function;
    private final CallContext context;
    private final Invoker invoker = Invoker.getInstance();

    private Tsc() {
        PageManager pm = PageManager.getInstance();
        long page = pm.allocatePages(1, PageManager.PROT_READ | PageManager.PROT_WRITE);
        MemoryIO.getInstance().putByteArray(page, CODE, 0, CODE.length);
        pm.protectPages(page, 1, PageManager.PROT_READ | PageManager.PROT_EXEC);
        function = page;
        context = CallContext.getCallContext(Type.SINT64, new Type[0], CallingConvention.DEFAULT, false);
    }

    public static Tsc get() {
        return INSTANCE;
    }

    /** The current TSC value. */
    public long read() {
        return invoker.invokeL0(context, function);
    }
}
