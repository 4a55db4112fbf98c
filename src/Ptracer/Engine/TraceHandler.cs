namespace Ptracer.Engine;

/// <summary>How a new tracee came to be.</summary>
public enum NewTraceeKind
{
    Fork,
    Vfork,
    /// <summary>clone/clone3: a thread when <see cref="Tracee.ProcessId"/> equals the parent's, else a process.</summary>
    Clone,
}

/// <summary>
/// Receives the events of a session on the tracer thread while the tracee is stopped. A handler may read and write
/// the tracee's memory and registers, block a syscall or change its result, and decide which signal is delivered.
/// Every method has a do-nothing default.
/// </summary>
public abstract class TraceHandler
{
    /// <summary>A tracee came under the tracer: spawned, attached, or auto-attached as a child.</summary>
    public virtual void OnAttached(Tracee tracee) { }

    /// <summary>Syscall entry (or a seccomp stop: <see cref="Tracee.IsSeccompStop"/>). <see cref="Tracee.BlockSyscall"/> works here.</summary>
    public virtual void OnSyscallEntry(Tracee tracee) { }

    /// <summary>Syscall exit: <see cref="Tracee.ReturnValue"/> holds the result; <see cref="Tracee.SetReturnValue"/> changes it.</summary>
    public virtual void OnSyscallExit(Tracee tracee) { }

    /// <summary>A signal is about to be delivered. Return the signal to deliver: the same, another, or 0 to suppress it.</summary>
    public virtual int OnSignal(Tracee tracee, in SignalDelivery signal) => signal.Signal;

    /// <summary>The tracee entered a group-stop (SIGSTOP, SIGTSTP, ...). It stays stopped until SIGCONT.</summary>
    public virtual void OnGroupStop(Tracee tracee, int signal) { }

    /// <summary>A successful exec. <paramref name="formerTid"/> differs from the tracee's tid when a non-leader thread executed.</summary>
    public virtual void OnExec(Tracee tracee, int formerTid) { }

    /// <summary>A thread that vanished because another thread of its process executed (its tid went to the executing thread).</summary>
    public virtual void OnSuperseded(Tracee tracee, int executingTid) { }

    /// <summary>A new child or thread was created by <paramref name="parent"/> and is now traced.</summary>
    public virtual void OnNewTracee(Tracee parent, Tracee child, NewTraceeKind kind) { }

    /// <summary>
    /// With <see cref="TracerOptions.TraceVforkDone"/>: <paramref name="parent"/>, suspended in vfork, was released
    /// (its child executed or exited) and is stopped before it runs again.
    /// </summary>
    public virtual void OnVforkDone(Tracee parent) { }

    /// <summary>The stop <see cref="Tracee.Interrupt"/> asked for: the tracee has not run any code of its own since.</summary>
    public virtual void OnInterrupted(Tracee tracee) { }

    /// <summary>
    /// With <see cref="TracerOptions.StopBeforeExit"/>: the tracee is about to exit (PTRACE_EVENT_EXIT); its memory and
    /// /proc entries are still there. Not reported for a tracee killed by SIGKILL.
    /// </summary>
    public virtual void OnExiting(Tracee tracee) { }

    /// <summary>The tracee exited with <paramref name="exitCode"/>.</summary>
    public virtual void OnExited(Tracee tracee, int exitCode) { }

    /// <summary>The tracee was killed by <paramref name="signal"/>.</summary>
    public virtual void OnKilled(Tracee tracee, int signal, bool coreDumped) { }

    /// <summary>The tracer let go of the tracee, which keeps running.</summary>
    public virtual void OnDetached(Tracee tracee) { }
}

/// <summary>A pending signal-delivery-stop: the signal and its raw siginfo_t (128 bytes).</summary>
public readonly ref struct SignalDelivery
{
    public SignalDelivery(int signal, ReadOnlySpan<byte> siginfo)
    {
        Signal = signal;
        SigInfo = siginfo;
    }

    public int Signal { get; }
    public ReadOnlySpan<byte> SigInfo { get; }
}
