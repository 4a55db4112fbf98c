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
}
