using System.Runtime.InteropServices;
using Ptracer.Native;
using Ptracer.Syscalls;

namespace Ptracer.Engine;

/// <summary>
/// One traced thread. Long-lived and reused across stops; its syscall fields describe the current stop and are
/// valid only inside a handler callback. Control methods work only while the tracee is stopped, on the tracer thread.
/// </summary>
public sealed class Tracee
{
    private readonly ulong[] _args = new ulong[6];

    internal Tracee(int tid, int processId)
    {
        Tid = tid;
        ProcessId = processId;
        Memory = new TraceeMemory(tid);
    }

    /// <summary>Thread id (the pid for a single-threaded process).</summary>
    public int Tid { get; private set; }

    /// <summary>Thread group id: the process the thread belongs to.</summary>
    public int ProcessId { get; internal set; }

    /// <summary>Seized at the caller's request (-p), as opposed to spawned or auto-attached as a child.</summary>
    public bool AttachedByRequest { get; internal set; }

    /// <summary>The tracee that created this one, if it was traced then.</summary>
    public Tracee? Parent { get; internal set; }

    public TraceeMemory Memory { get; private set; }

    /// <summary>Between a syscall entry and its exit.</summary>
    public bool InSyscall { get; internal set; }

    /// <summary>The current syscall entry is a seccomp stop (SECCOMP_RET_TRACE), not a PTRACE_SYSCALL stop.</summary>
    public bool IsSeccompStop { get; internal set; }

    /// <summary>SECCOMP_RET_DATA of the filter's return at a seccomp stop.</summary>
    public uint SeccompData { get; internal set; }

    /// <summary>The spawned root before its first successful exec: the syscalls seen are the tracer's own set-up.</summary>
    public bool IsStartingUp { get; internal set; }

    public SyscallArch Arch { get; internal set; }

    /// <summary>The syscall number in its ABI's table (x32's bit removed).</summary>
    public int SyscallNumber { get; internal set; }

    /// <summary>The six raw arguments as seen at entry.</summary>
    public ReadOnlySpan<ulong> Arguments => _args;
    internal Span<ulong> ArgumentStorage => _args;

    /// <summary>The syscall's definition in the table of its ABI, null for a number the table lacks.</summary>
    public SyscallDef? Syscall => SyscallTable.Lookup(Arch, SyscallNumber);

    /// <summary>At exit: the raw result (an error is -errno).</summary>
    public long ReturnValue { get; internal set; }

    /// <summary>At exit: the result is an error.</summary>
    public bool IsError { get; internal set; }

    public ulong InstructionPointer { get; internal set; }
    public ulong StackPointer { get; internal set; }

    /// <summary>
    /// Once the tracee has exited or been killed: the resources it used, from wait4(2). For a process (its thread
    /// group leader) this covers the whole process, and its reaped children's usage is not included.
    /// </summary>
    public TraceeResourceUsage ResourceUsage { get; internal set; }

    /// <summary>The system CPU time the tracee had used at the current stop, in ticks (wait4's rusage).</summary>
    public long SystemTimeAtStop { get; internal set; }

    /// <summary>A consumer's own per-tracee state (e.g. the renderer's pending line).</summary>
    public object? UserState { get; set; }

    /// <summary>The tracer will detach from this tracee at its next stop.</summary>
    internal bool DetachRequested { get; set; }

    /// <summary>A child seen before its parent's fork event: its first stop waits until the parent's event names it.</summary>
    internal bool AwaitingParentEvent { get; set; }

    /// <summary>The first ptrace-stop after attaching has been seen.</summary>
    internal bool SawFirstStop { get; set; }

    /// <summary>Held at its first stop until the parent's fork/clone event names it.</summary>
    internal bool Parked { get; set; }

    /// <summary>The result a blocked syscall returns, set at its exit stop.</summary>
    internal long? BlockedReturn { get; private set; }

    public UserRegs GetRegisters()
    {
        UserRegs regs;
        unsafe
        {
            if (Interop.Libc.ptrace(Interop.Ptrace.GETREGS, Tid, 0, (nint)(&regs)) < 0)
                throw TraceeException.FromErrno(Tid, "PTRACE_GETREGS");
        }
        return regs;
    }

    public void SetRegisters(in UserRegs regs)
    {
        unsafe
        {
            fixed (UserRegs* p = &regs)
            {
                if (Interop.Libc.ptrace(Interop.Ptrace.SETREGS, Tid, 0, (nint)p) < 0)
                    throw TraceeException.FromErrno(Tid, "PTRACE_SETREGS");
            }
        }
    }

    /// <summary>
    /// At a syscall entry: the kernel does not run the syscall and the tracee sees <paramref name="returnValue"/>
    /// (-errno for an error, e.g. -1 for EPERM).
    /// </summary>
    public void BlockSyscall(long returnValue)
    {
        if (!InSyscall) throw new InvalidOperationException("BlockSyscall is valid at a syscall entry only");
        UserRegs regs = GetRegisters();
        Registers.BlockSyscall(ref regs);
        SetRegisters(regs);
        BlockedReturn = returnValue;
    }

    /// <summary>
    /// At a seccomp stop (<see cref="SyscallStopMode.Seccomp"/>): the tracer does not stop at this syscall's exit, so
    /// <see cref="TraceHandler.OnSyscallExit"/> is not called for it. Ignored for a blocked syscall.
    /// </summary>
    public void SkipExitStop() => SkipExit = true;

    internal bool SkipExit { get; set; }

    /// <summary>
    /// At the entry stop of an execve/execveat: if the exec succeeds, the tracer does not stop at it
    /// (<see cref="TraceHandler.OnExec"/> is not called for it), one stop fewer per exec. Honoured only for a
    /// single-threaded process past its start-up (an exec from a thread changes thread ids, which only the exec stop
    /// reports) and only for tracers that stop at every exec entry: the choice is made again at each exec entry, and
    /// the children forked meanwhile inherit it (PTRACE_O_TRACEEXEC is per tracee and copied at fork).
    /// </summary>
    public void SkipExecStop() => SkipExec = true;

    internal bool SkipExec { get; set; }

    /// <summary>The ptrace options in effect for this tracee (set at seize, inherited by the children it makes).</summary>
    internal int Options { get; set; }

    /// <summary>At a syscall exit: replaces the result the tracee sees.</summary>
    public void SetReturnValue(long value)
    {
        UserRegs regs = GetRegisters();
        regs.Rax = (ulong)value;
        SetRegisters(regs);
        ReturnValue = value;
        IsError = value is < 0 and >= -4095;
    }

    /// <summary>
    /// At a syscall stop: the tracee is resumed with <paramref name="signal"/>, which the kernel then sends to it
    /// (ptrace(2): a signal given when restarting a syscall-stop is sent as if by the kernel, si_code SI_KERNEL).
    /// </summary>
    public void InjectSignal(int signal) => ResumeSignal = signal;

    internal int ResumeSignal { get; set; }

    /// <summary>Sends SIGKILL to the tracee's process.</summary>
    public void Kill() => Interop.Libc.kill(ProcessId, Interop.Signals.SIGKILL);

    /// <summary>
    /// Asks for a stop of this tracee before it next runs code of its own, even while it is blocked in the kernel (a
    /// vfork parent waiting for its child to execute, say): <see cref="TraceHandler.OnInterrupted"/> is called at that
    /// stop (PTRACE_INTERRUPT: the trap is taken on the way back to user space, before any of its instructions).
    /// </summary>
    public void Interrupt()
    {
        if (!InterruptRequested && Interop.Libc.ptrace(Interop.Ptrace.INTERRUPT, Tid, 0, 0) == 0) InterruptRequested = true;
    }

    internal bool InterruptRequested { get; set; }

    /// <summary>Asks the tracer to detach from this thread at its next stop; it keeps running.</summary>
    public void Detach() => DetachRequested = true;

    internal void ClearBlock() => BlockedReturn = null;

    /// <summary>A non-leader thread executed: the kernel gave it the leader's tid.</summary>
    internal void TakeTid(int tid)
    {
        Tid = tid;
        Memory = new TraceeMemory(tid);
    }

    public override string ToString() => Tid == ProcessId ? $"pid {Tid}" : $"tid {Tid} of pid {ProcessId}";
}

/// <summary>CPU time and peak resident set size of an exited tracee (struct rusage).</summary>
public readonly record struct TraceeResourceUsage(TimeSpan UserTime, TimeSpan SystemTime, long PeakRssBytes)
{
    internal TraceeResourceUsage(Rusage r) : this(
        TimeSpan.FromMicroseconds(r.UserTime.Seconds * 1_000_000 + r.UserTime.Microseconds),
        TimeSpan.FromMicroseconds(r.SystemTime.Seconds * 1_000_000 + r.SystemTime.Microseconds),
        r.MaxRss * 1024)
    {
    }
}

/// <summary>A ptrace request on a tracee failed.</summary>
public sealed class TraceeException(int tid, string message, int errno)
    : Exception($"{message} on {tid}: {Interop.Libc.StrError(errno)}")
{
    public int Tid { get; } = tid;
    public int Errno { get; } = errno;

    internal static TraceeException FromErrno(int tid, string what) => new(tid, what, Marshal.GetLastPInvokeError());
}
