namespace Ptracer.Engine;

/// <summary>Which syscalls stop the tracee.</summary>
public enum SyscallStopMode
{
    /// <summary>Every syscall entry and exit (PTRACE_SYSCALL).</summary>
    All,
    /// <summary>Only those a seccomp filter returns SECCOMP_RET_TRACE for (PTRACE_CONT; then PTRACE_SYSCALL to see their exit).</summary>
    Seccomp,
    /// <summary>No syscall stops: signals, exec, clone and exit events only.</summary>
    None,
}

/// <summary>How a session traces.</summary>
public sealed class TracerOptions
{
    /// <summary>Follow fork, vfork and clone (threads included): -f.</summary>
    public bool FollowChildren { get; init; } = true;

    public SyscallStopMode SyscallStops { get; init; } = SyscallStopMode.All;

    /// <summary>
    /// Spawned tracees die with the tracer (PTRACE_O_EXITKILL). Always on for spawned trees unless turned off
    /// explicitly; never used for attached processes, which a dying tracer must leave running.
    /// </summary>
    public bool KillSpawnedOnTracerExit { get; init; } = true;

    /// <summary>Attached processes die with the tracer too (PTRACE_O_EXITKILL; strace's --kill-on-exit).</summary>
    public bool KillAttachedOnTracerExit { get; init; }

    /// <summary>
    /// Report a vfork parent's release (PTRACE_O_TRACEVFORKDONE) through <see cref="TraceHandler.OnVforkDone"/>: the
    /// parent stops after its child executed or exited and before it returns to user space.
    /// </summary>
    public bool TraceVforkDone { get; init; }

    /// <summary>
    /// Stop each tracee just before it exits (PTRACE_O_TRACEEXIT) and report it to <see cref="TraceHandler.OnExiting"/>,
    /// while its memory map and /proc entries still exist. Off by default.
    /// </summary>
    public bool StopBeforeExit { get; init; }
}
