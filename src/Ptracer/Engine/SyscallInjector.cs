using System.Runtime.InteropServices;
using Ptracer.Native;

namespace Ptracer.Engine;

/// <summary>
/// Runs syscalls of the tracer's choosing in a stopped tracee, from a handler on the tracer thread. The tracee must be
/// at a syscall-exit stop (<see cref="AdvanceToSyscallExit"/> gets it there from an exec stop): there the kernel has
/// already stored the result, so registers set now are what the tracee resumes with. Each call points rip at a
/// <c>syscall</c> instruction, resumes to the injected syscall's entry and on to its exit, and reads rax. The caller
/// saves and restores any registers it needs; the tracee is left at a syscall-exit stop.
/// Signals that arrive meanwhile are discarded: the tracee is not running any code of its own.
/// </summary>
public sealed unsafe class SyscallInjector
{
    private readonly int _tid;
    private UserRegs _template;

    /// <param name="tracee">Stopped at a syscall-exit stop.</param>
    /// <param name="syscallInstruction">Address of a <c>syscall</c> (0f 05) instruction in the tracee.</param>
    public SyscallInjector(Tracee tracee, ulong syscallInstruction)
    {
        _tid = tracee.Tid;
        _template = tracee.GetRegisters();
        SyscallInstruction = syscallInstruction;
    }

    public ulong SyscallInstruction { get; set; }

    /// <summary>From an exec (or other event) stop: resumes to the current syscall's exit stop.</summary>
    public static void AdvanceToSyscallExit(Tracee tracee)
    {
        if (Interop.Libc.ptrace(Interop.Ptrace.SYSCALL, tracee.Tid, 0, 0) < 0)
            throw TraceeException.FromErrno(tracee.Tid, "PTRACE_SYSCALL");
        WaitForSyscallStop(tracee.Tid);
    }

    /// <summary>Runs syscall <paramref name="number"/>; returns its raw result (-errno on failure).</summary>
    public long Call(long number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0, ulong a3 = 0, ulong a4 = 0, ulong a5 = 0)
    {
        UserRegs regs = _template;
        regs.Rip = SyscallInstruction;
        regs.Rax = (ulong)number;
        regs.OrigRax = ulong.MaxValue;
        regs.Rdi = a0; regs.Rsi = a1; regs.Rdx = a2; regs.R10 = a3; regs.R8 = a4; regs.R9 = a5;
        if (Interop.Libc.ptrace(Interop.Ptrace.SETREGS, _tid, 0, (nint)(&regs)) < 0)
            throw TraceeException.FromErrno(_tid, "PTRACE_SETREGS");
        Step(); // to the entry
        Step(); // to the exit
        if (Interop.Libc.ptrace(Interop.Ptrace.GETREGS, _tid, 0, (nint)(&regs)) < 0)
            throw TraceeException.FromErrno(_tid, "PTRACE_GETREGS");
        return (long)regs.Rax;
    }

    /// <summary>Like <see cref="Call"/>, but a failure throws, naming <paramref name="what"/>.</summary>
    public long CallChecked(string what, long number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0, ulong a3 = 0, ulong a4 = 0, ulong a5 = 0)
    {
        long result = Call(number, a0, a1, a2, a3, a4, a5);
        if (result is < 0 and >= -4095) throw new TraceeException(_tid, what, (int)-result);
        return result;
    }

    private void Step()
    {
        if (Interop.Libc.ptrace(Interop.Ptrace.SYSCALL, _tid, 0, 0) < 0)
            throw TraceeException.FromErrno(_tid, "PTRACE_SYSCALL");
        WaitForSyscallStop(_tid);
    }

    private static void WaitForSyscallStop(int tid)
    {
        while (true)
        {
            int status;
            int pid = Interop.Libc.waitpid(tid, &status, Interop.Wait.__WALL);
            if (pid < 0)
            {
                if (Marshal.GetLastPInvokeError() == Interop.Errno.EINTR) continue;
                throw TraceeException.FromErrno(tid, "waitpid");
            }
            if (!Tracer.WIfStopped(status)) throw new TraceeException(tid, "the tracee ended during an injected syscall", Interop.Errno.ESRCH);
            int signal = (status >> 8) & 0xff;
            if (signal == (Interop.Signals.SIGTRAP | 0x80)) return;
            // Any other stop (a signal, a group-stop): let it go on without the signal.
            if (Interop.Libc.ptrace(Interop.Ptrace.SYSCALL, tid, 0, 0) < 0)
                throw TraceeException.FromErrno(tid, "PTRACE_SYSCALL");
        }
    }
}
