package io.xrun.translator.fastpath;

import io.xrun.maps.LinuxSyscalls;
import io.xrun.translator.handlers.Abi;

/**
 * The kind of getdirentries(fd, buf, nbytes, basep), answered in the guest as
 * handlers.GetdirentriesHandler answers it: lseek(fd, 0, SEEK_CUR) for *basep (the offset
 * before the read, kern_getdirentries), then getdents64(fd, buf + cap - ask, ask) with cap =
 * min(nbytes, 32 KiB) and ask = cap * 3 / 4, then each Linux record (include/linux/dirent.h)
 * becomes FreeBSD's struct dirent (sys/sys/dirent.h: d_fileno, d_off, d_reclen =
 * GENERIC_DIRSIZ, d_type, d_namlen, the name NUL-padded to 8) written from buf on, as
 * convert.DirentConverter#toFreebsd writes it. A FreeBSD record is at most 4/3 of its Linux
 * record, so the records written never reach one not yet read (the Linux records start at
 * cap - ask >= ask / 3); names move forward with rep movsb, their destination always below
 * their source.
 *
 * <p>The kind makes two calls through the stub's one syscall instruction: its code before the
 * call sets up the lseek and a phase word at {@link #PHASE}; its code after the lseek keeps
 * the offset at {@link #OFFSET}, sets up getdents64 and jumps back to the stub's syscall; its
 * code after getdents64 converts. A signal with a restart code at either call sends the whole
 * call to the supervisor from the slow stub (StubRouter#interrupted), which loses nothing: an
 * lseek that only reads the offset, a getdents64 that read nothing. A negative nbytes, and a
 * failed lseek (the supervisor's own prelude), go to the supervisor too. Linux records shorter
 * than 24 bytes, which getdents64 never writes, end the conversion.
 *
 * <p>The listing, checked byte for byte against GNU as, is in StubCodeTest.
 */
final class DirentsKind {
    /** Stack words of the kind, below the saved registers (StubCode.STACK_SCRATCH covers them). */
    static final int PHASE = -0xc8, OFFSET = -0xd0;
    private static final int LSEEK = LinuxSyscalls.require("lseek");
    private static final int GETDENTS64 = LinuxSyscalls.require("getdents64");
    private static final int SEEK_CUR = (int) Abi.WHENCE_TABLE.linux("SEEK_CUR");
    /** GetdirentriesHandler's HALF: the most it converts in one call. */
    private static final int CAP = 32 * 1024;
    private static final int BUF = StubCode.SAVE_ARGS - 8, NBYTES = StubCode.SAVE_ARGS - 16,
            BASEP = StubCode.SAVE_ARGS - 24;

    private DirentsKind() {
    }

    /** The code before the call: lseek(fd, 0, SEEK_CUR), phase 0. */
    static void before(StubCode.Code c) {
        c.bytes(0x48, 0x85, 0xd2);                                  // test %rdx,%rdx
        int toSlow = c.pos;
        c.bytes(0x0f, 0x88).int32(0);                               // js slow: a negative nbytes
        c.bytes(0x48, 0xc7, 0x84, 0x24).int32(PHASE).int32(0);      // movq $0,PHASE(%rsp)
        c.bytes(0x31, 0xf6);                                        // xor %esi,%esi
        c.bytes(0xba).int32(SEEK_CUR);                              // mov $SEEK_CUR,%edx
        c.bytes(0xb8).int32(LSEEK);                                 // mov $lseek,%eax
        c.bytes(0x41, 0xff, 0xe3);                                  // jmp *%r11
        c.patch32(toSlow + 2, c.pos - (toSlow + 6));
        new KindAsm(c).toSlowpath(StubCode.KIND_SYSCALL);          // slow:
    }

    /** The code after each call; overrides as StubKinds#after applies them (ENOTDIR to EINVAL). */
    static void after(StubCode.Code c, int[] overrideLinux, int[] carrierLinux) {
        KindAsm a = new KindAsm(c);
        c.bytes(0x48, 0x83, 0xbc, 0x24).int32(PHASE).bytes(0x00);  // cmpq $0,PHASE(%rsp)
        int toConv = a.jcc32(0x85);                                 // jne conv: getdents64 is done
        c.bytes(0x48, 0x85, 0xc0);                                  // test %rax,%rax
        int toSlow = a.jcc32(0x88);                                 // js slowp: lseek failed
        c.bytes(0x48, 0x89, 0x84, 0x24).int32(OFFSET);              // mov %rax,OFFSET(%rsp)
        c.bytes(0x48, 0xc7, 0x84, 0x24).int32(PHASE).int32(1);      // movq $1,PHASE(%rsp)
        c.bytes(0x48, 0x8b, 0x94, 0x24).int32(NBYTES);              // mov NBYTES(%rsp),%rdx
        c.bytes(0xb9).int32(CAP);                                   // mov $CAP,%ecx
        c.bytes(0x48, 0x39, 0xca);                                  // cmp %rcx,%rdx
        c.bytes(0x48, 0x0f, 0x47, 0xd1);                            // cmova %rcx,%rdx: cap
        c.bytes(0x48, 0x8d, 0x0c, 0x52);                            // lea (%rdx,%rdx,2),%rcx
        c.bytes(0x48, 0xc1, 0xe9, 0x02);                            // shr $2,%rcx: ask
        c.bytes(0x48, 0x8b, 0xb4, 0x24).int32(BUF);                 // mov BUF(%rsp),%rsi
        c.bytes(0x48, 0x01, 0xd6);                                  // add %rdx,%rsi
        c.bytes(0x48, 0x29, 0xce);                                  // sub %rcx,%rsi: buf + cap - ask
        c.bytes(0x48, 0x89, 0xca);                                  // mov %rcx,%rdx
        c.bytes(0xb8).int32(GETDENTS64);
        c.bytes(0x49, 0x83, 0xeb, StubCode.BACK - StubCode.KIND_SYSCALL); // sub $0x1b,%r11: the stub's syscall
        c.bytes(0x41, 0xff, 0xe3);                                  // jmp *%r11
        a.land(toSlow);                                             // slowp: the registers lseek changed back
        c.bytes(0x48, 0x8b, 0xb4, 0x24).int32(BUF);                 // mov BUF(%rsp),%rsi
        c.bytes(0x48, 0x8b, 0x94, 0x24).int32(NBYTES);              // mov NBYTES(%rsp),%rdx
        a.toSlowpath(StubCode.BACK);
        a.land(toConv);                                             // conv:
        c.bytes(0x48, 0x85, 0xc0);                                  // test %rax,%rax
        int toRecords = c.pos;
        c.bytes(0x79, 0);                                           // jns records
        a.errnoOverrides(overrideLinux, carrierLinux);
        a.jmpR11();
        c.patch8(toRecords + 1, c.pos - (toRecords + 2));
        c.bytes(0x49, 0x89, 0xf0);                                  // records: mov %rsi,%r8: next Linux record
        c.bytes(0x4c, 0x8d, 0x0c, 0x06);                            // lea (%rsi,%rax),%r9: their end
        c.bytes(0x4c, 0x8b, 0x94, 0x24).int32(BUF);                 // mov BUF(%rsp),%r10: next FreeBSD record
        c.bytes(0xfc);                                              // cld
        int loop = c.pos;
        c.bytes(0x49, 0x8d, 0x40, 0x13);                            // lea 19(%r8),%rax
        c.bytes(0x4c, 0x39, 0xc8);                                  // cmp %r9,%rax
        int end1 = a.jcc32(0x87);                                   // ja done
        c.bytes(0x41, 0x0f, 0xb7, 0x50, 0x10);                      // movzwl 16(%r8),%edx: d_reclen
        c.bytes(0x83, 0xfa, 0x18);                                  // cmp $24,%edx
        int end2 = a.jcc32(0x82);                                   // jb done
        c.bytes(0x49, 0x8d, 0x78, 0x13);                            // lea 19(%r8),%rdi: d_name
        c.bytes(0x48, 0x8d, 0x4a, 0xed);                            // lea -19(%rdx),%rcx
        c.bytes(0x48, 0x89, 0xce);                                  // mov %rcx,%rsi
        c.bytes(0x31, 0xc0);                                        // xor %eax,%eax
        c.bytes(0xf2, 0xae);                                        // repne scasb
        c.bytes(0x75, 0x06);                                        // jne 3f: no NUL, the whole field
        c.bytes(0x48, 0x29, 0xce);                                  // sub %rcx,%rsi
        c.bytes(0x48, 0xff, 0xce);                                  // dec %rsi: namlen
        c.bytes(0x49, 0x8b, 0x00);                                  // 3: mov (%r8),%rax
        c.bytes(0x49, 0x89, 0x02);                                  // mov %rax,(%r10): d_fileno
        c.bytes(0x49, 0x8b, 0x40, 0x08);                            // mov 8(%r8),%rax
        c.bytes(0x49, 0x89, 0x42, 0x08);                            // mov %rax,8(%r10): d_off
        c.bytes(0x41, 0x0f, 0xb6, 0x40, 0x12);                      // movzbl 18(%r8),%eax: d_type
        c.bytes(0x48, 0x8d, 0x4e, 0x20);                            // lea 32(%rsi),%rcx
        c.bytes(0x48, 0x83, 0xe1, 0xf8);                            // and $-8,%rcx: GENERIC_DIRSIZ
        c.bytes(0x66, 0x41, 0x89, 0x4a, 0x10);                      // mov %cx,16(%r10): d_reclen
        c.bytes(0x41, 0x88, 0x42, 0x12);                            // mov %al,18(%r10): d_type
        c.bytes(0x41, 0xc6, 0x42, 0x13, 0x00);                      // movb $0,19(%r10): d_pad0
        c.bytes(0x66, 0x41, 0x89, 0x72, 0x14);                      // mov %si,20(%r10): d_namlen
        c.bytes(0x66, 0x41, 0xc7, 0x42, 0x16, 0x00, 0x00);          // movw $0,22(%r10): d_pad1
        c.bytes(0x48, 0x89, 0xc8);                                  // mov %rcx,%rax
        c.bytes(0x48, 0x89, 0xf1);                                  // mov %rsi,%rcx
        c.bytes(0x49, 0x8d, 0x70, 0x13);                            // lea 19(%r8),%rsi
        c.bytes(0x49, 0x8d, 0x7a, 0x18);                            // lea 24(%r10),%rdi
        c.bytes(0xf3, 0xa4);                                        // rep movsb: the name
        c.bytes(0x49, 0x8d, 0x0c, 0x02);                            // lea (%r10,%rax),%rcx
        c.bytes(0x48, 0x29, 0xf9);                                  // sub %rdi,%rcx
        c.bytes(0x31, 0xc0);                                        // xor %eax,%eax
        c.bytes(0xf3, 0xaa);                                        // rep stosb: NUL padding
        c.bytes(0x49, 0x89, 0xfa);                                  // mov %rdi,%r10
        c.bytes(0x49, 0x01, 0xd0);                                  // add %rdx,%r8
        c.bytes(0xe9).int32(loop - (c.pos + 4));                    // jmp loop
        a.land(end1);                                               // done:
        a.land(end2);
        c.bytes(0x48, 0x8b, 0x8c, 0x24).int32(BASEP);               // mov BASEP(%rsp),%rcx
        c.bytes(0x48, 0x85, 0xc9);                                  // test %rcx,%rcx
        c.bytes(0x74, 0x0b);                                        // jz 4f
        c.bytes(0x48, 0x8b, 0x84, 0x24).int32(OFFSET);              // mov OFFSET(%rsp),%rax
        c.bytes(0x48, 0x89, 0x01);                                  // mov %rax,(%rcx): *basep
        c.bytes(0x4c, 0x89, 0xd0);                                  // 4: mov %r10,%rax
        c.bytes(0x48, 0x2b, 0x84, 0x24).int32(BUF);                 // sub BUF(%rsp),%rax: FreeBSD bytes
        a.jmpR11();
    }
}
