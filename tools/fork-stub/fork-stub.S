/*
 * The fork child of Ptracer's spawner, as machine code (x86_64, System V ABI).
 *
 *   long fork_stub(struct child_program *p);
 *
 * Forks with clone(p->clone_flags, p->child_stack, 0, 0, 0). The parent returns the child's pid (or -errno). The
 * child runs p's ops, one raw syscall each, and never returns: it executes a program, exits through an op, or writes
 * {stage, errno} to p->error_pipe and exits 127. The child touches no stack and writes only into p, so it may share
 * the parent's memory (CLONE_VM, as posix_spawn does) as long as p lives until the child has executed or exited.
 *
 * Why machine code and not a managed method: the runtime puts a GC poll after every call a managed method makes.
 * A child forked while another thread of the runtime was suspending it for a garbage collection has a copy of the
 * "suspension pending" flag set and no thread that will ever clear it, so it waits in the first poll for ever.
 * This code has no poll: nothing between clone and exec belongs to the runtime.
 *
 * Layout (kept in step with ChildProgram and ChildOp in src/Ptracer/Spawn/ChildProgram.cs):
 *   program: +0 clone_flags, +8 error_pipe, +16 int report_stage, +20 int report_errno, +24 child_stack, +32 ops...
 *   op (96 bytes): +0 nr, +8..+48 args 0-5, +56 int flags, +60 int stage, +64 fail_result,
 *                  +72 ok_delta, +80 fail_delta (bytes to the next op)
 *   flags: 1 = ignore failure, 2 = store the result in the next op's arg 0, 4 = repeat while the result is > 0,
 *          8 = a result of 0 is a failure with EPIPE (a read that met end of file).
 *   A failing op whose result equals fail_result (-errno) continues at fail_delta instead of reporting.
 */
        .intel_syntax noprefix
        .text
        .globl fork_stub
fork_stub:
        push    rbx
        push    r12
        mov     rbx, rdi
        mov     eax, 56                 /* clone */
        mov     rdi, [rbx]
        mov     rsi, [rbx + 24]
        xor     edx, edx
        xor     r10d, r10d
        xor     r8d, r8d
        syscall
        test    rax, rax
        jnz     .Lparent
        lea     r12, [rbx + 32]
.Lnext:
        mov     rax, [r12]
        mov     rdi, [r12 + 8]
        mov     rsi, [r12 + 16]
        mov     rdx, [r12 + 24]
        mov     r10, [r12 + 32]
        mov     r8, [r12 + 40]
        mov     r9, [r12 + 48]
        syscall
        mov     ecx, [r12 + 56]
        test    ecx, 8
        jz      .Lchecked
        test    rax, rax
        jnz     .Lchecked
        mov     rax, -32                /* EPIPE */
.Lchecked:
        test    ecx, 2
        jz      .Lstored
        mov     [r12 + 96 + 8], rax
.Lstored:
        test    rax, rax
        js      .Lfailed
        test    ecx, 4
        jz      .Lok
        test    rax, rax
        jnz     .Lnext
.Lok:
        add     r12, [r12 + 72]
        jmp     .Lnext
.Lfailed:
        test    ecx, 1
        jnz     .Lok
        cmp     rax, [r12 + 64]
        jne     .Lreport
        add     r12, [r12 + 80]
        jmp     .Lnext
.Lreport:
        neg     eax
        mov     [rbx + 20], eax
        mov     eax, [r12 + 60]
        mov     [rbx + 16], eax
        mov     eax, 1                  /* write */
        mov     rdi, [rbx + 8]
        lea     rsi, [rbx + 16]
        mov     edx, 8
        syscall
.Lexit:
        mov     eax, 231                /* exit_group */
        mov     edi, 127
        syscall
        jmp     .Lexit
.Lparent:
        pop     r12
        pop     rbx
        ret
