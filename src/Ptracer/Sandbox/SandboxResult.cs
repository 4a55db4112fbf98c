namespace Ptracer.Sandbox;

/// <summary>The verdict of a sandboxed run.</summary>
public enum SandboxStatus
{
    /// <summary>The program exited with status 0 within every limit.</summary>
    Normal,
    /// <summary>CPU time (user+system of the whole tree) or wall time went over its limit.</summary>
    TimeLimitExceeded,
    /// <summary>Peak memory of the tree went over the memory limit.</summary>
    MemoryLimitExceeded,
    /// <summary>Output went over the output limit (SIGXFSZ for files; the runner's count for pipes).</summary>
    OutputLimitExceeded,
    /// <summary>The policy killed the program for a syscall (or the process limit was exceeded).</summary>
    DisallowedSyscall,
    /// <summary>The program was killed by a signal of its own making (SIGSEGV, SIGFPE, SIGABRT, ...).</summary>
    Signalled,
    /// <summary>The program exited with a non-zero status.</summary>
    NonzeroExitStatus,
    /// <summary>The runner could not run the program (see <see cref="SandboxResult.Error"/>).</summary>
    RunnerError,
}

/// <summary>The syscall that made the policy kill the program, with its raw arguments.</summary>
public sealed record DisallowedSyscallInfo(string Name, int Number, string Arch, IReadOnlyList<ulong> Arguments, string Reason)
{
    /// <summary>The path the syscall named, for file rules (null otherwise).</summary>
    public string? Path { get; init; }
}

/// <summary>Why the runner failed: the stage (e.g. Execute, ChangeDirectory, OpenStdin), errno (0 if none) and a message.</summary>
public sealed record RunnerErrorInfo(string Stage, int Errno, string Message);

/// <summary>The result of <see cref="SandboxRunner.Run"/>.</summary>
public sealed record SandboxResult
{
    public required SandboxStatus Status { get; init; }

    /// <summary>Exit code of the program's main process; null when it was killed by a signal or never started.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that ended the main process (including the runner's SIGKILL for a limit); null if it exited.</summary>
    public int? Signal { get; init; }

    /// <summary>User+system CPU time of every process of the tree, in milliseconds (microsecond source).</summary>
    public double CpuTimeMs { get; init; }

    /// <summary>From the start of the spawn until the last process of the tree was reaped.</summary>
    public double WallTimeMs { get; init; }

    /// <summary>
    /// Peak memory, bytes: the larger of (a) the highest sum of VmRSS over the tree's live processes seen by the
    /// watchdog and (b) the highest VmHWM (peak RSS of one address space) of any process of the tree, read by the
    /// watchdog and once more just before each process exits. The runner's own memory is never included.
    /// </summary>
    public long MemoryBytes { get; init; }

    /// <summary>When <see cref="Status"/> is DisallowedSyscall.</summary>
    public DisallowedSyscallInfo? DisallowedSyscall { get; init; }

    /// <summary>When <see cref="Status"/> is RunnerError.</summary>
    public RunnerErrorInfo? Error { get; init; }

    /// <summary>A human-readable note on the verdict (which limit, which signal).</summary>
    public string? Detail { get; init; }

    /// <summary>Syscalls denied with an errno (soft bans) during the run.</summary>
    public int SoftBans { get; init; }
}
