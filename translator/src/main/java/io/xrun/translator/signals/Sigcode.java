package io.xrun.translator.signals;

import io.xrun.translator.nativeapi.NativeBuffer;

/**
 * The signal trampoline, FreeBSD's sigcode (sys/amd64/amd64/sigtramp.S), which FreeBSD keeps
 * in its shared page and xrun maps into each FreeBSD process on its first handler:
 * <pre>
 *   call *SIGF_HANDLER(%rsp)     ff 14 24              ; handler(sig, info, uc)
 *   lea  SIGF_UC(%rsp),%rdi      48 8d 7c 24 10        ; &amp;sf_uc
 *   pushq $0                     6a 00                 ; fake return address
 *   mov  $SYS_sigreturn,%eax     b8 a1 01 00 00        ; 417
 *   syscall                      0f 05
 *   hlt                          f4                    ; not reached
 *   jmp  .-1                     eb fd
 * </pre>
 */
public final class Sigcode {
    private static final byte[] CODE = {
        (byte) 0xff, 0x14, 0x24,
        0x48, (byte) 0x8d, 0x7c, 0x24, (byte) FreebsdUcontext.SF_UC,
        0x6a, 0x00,
        (byte) 0xb8, (byte) 0xa1, 0x01, 0x00, 0x00,
        0x0f, 0x05,
        (byte) 0xf4,
        (byte) 0xeb, (byte) 0xfd,
    };
    public static final int PAGE = 4096;

    private Sigcode() {
    }

    public static int length() {
        return CODE.length;
    }

    public static void put(NativeBuffer b, int off) {
        for (int i = 0; i < CODE.length; i++) {
            b.putByte(off + i, CODE[i]);
        }
    }
}
