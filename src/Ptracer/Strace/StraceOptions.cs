namespace Ptracer.Strace;

/// <summary>-t, -tt, -ttt, --absolute-timestamps=FORMAT: the time printed before each line.</summary>
public enum TimestampStyle
{
    None,
    /// <summary>-t, -tt: HH:MM:SS[.fraction] (local time)</summary>
    Time,
    /// <summary>-ttt: seconds since the epoch[.fraction]</summary>
    Unix,
}

/// <summary>-e status=: which syscalls are printed by how they ended.</summary>
[Flags]
public enum StatusFilter
{
    None = 0,
    Successful = 1,
    Failed = 2,
    Unfinished = 4,
    Unavailable = 8,
    Detached = 16,
    All = Successful | Failed | Unfinished | Unavailable | Detached,
}

/// <summary>-e quiet=: strace's suppressible messages.</summary>
[Flags]
public enum QuietMessages
{
    None = 0,
    /// <summary>"Process N attached/detached".</summary>
    Attach = 1,
    /// <summary>"+++ exited with N +++".</summary>
    Exit = 2,
    /// <summary>"Requested path 'P' resolved into 'R'" (-P).</summary>
    PathResolution = 4,
    /// <summary>"[ Process PID=N runs in 32 bit mode. ]".</summary>
    Personality = 8,
    /// <summary>"+++ superseded by execve in pid N +++".</summary>
    ThreadExecve = 16,
    All = Attach | Exit | PathResolution | Personality | ThreadExecve,
}

/// <summary>-U: a column of the -c table.</summary>
public enum SummaryColumn
{
    TimePercent,
    TotalTime,
    MinTime,
    MaxTime,
    AvgTime,
    Calls,
    Errors,
    Name,
}

/// <summary>-e read=/write=: a set of descriptors ([!]N,N..., all, none).</summary>
public sealed class FdSet
{
    private readonly bool[] _listed;
    private readonly bool _negated;

    public FdSet(bool[] listed, bool negated)
    {
        _listed = listed;
        _negated = negated;
    }

    public bool Contains(long fd) => fd >= 0 && ((ulong)fd < (ulong)_listed.Length && _listed[fd]) != _negated;
}

/// <summary>Everything `ptracer trace` was asked to do, parsed from strace's option syntax.</summary>
public sealed class StraceOptions
{
    public DecodeOptions Decode { get; } = new();

    /// <summary>-f: follow forks and threads.</summary>
    public bool FollowForks { get; set; }

    /// <summary>-ff: with -o, one file per process (FILE.PID).</summary>
    public bool OutputSeparately { get; set; }

    /// <summary>-o FILE; null writes to stderr.</summary>
    public string? OutputFile { get; set; }

    /// <summary>-p PID (repeatable, comma- or space-separated).</summary>
    public List<int> AttachPids { get; } = [];

    /// <summary>-e trace=: the selected syscalls; null traces all.</summary>
    public SyscallSelection? Trace { get; set; }

    public StatusFilter Status { get; set; } = StatusFilter.All;

    /// <summary>-e inject= and -e fault= rules, in order.</summary>
    public List<InjectionRule> Injections { get; } = [];

    public TimestampStyle Timestamps { get; set; }

    /// <summary>-r: time since the previous line.</summary>
    public bool RelativeTimestamps { get; set; }

    /// <summary>-T: time spent in each syscall.</summary>
    public bool SyscallTimes { get; set; }

    /// <summary>-k: the call stack after each traced syscall (StackTrace/StackTracer).</summary>
    public bool StackTrace { get; set; }

    /// <summary>-q / -e quiet=: the informational messages suppressed.</summary>
    public QuietMessages Quiet { get; set; }

    /// <summary>-t/--absolute-timestamps precision: digits after the second (0, 3, 6, 9).</summary>
    public int TimestampDigits { get; set; }

    /// <summary>-r/--relative-timestamps= precision digits (6 by default).</summary>
    public int RelativeDigits { get; set; } = 6;

    /// <summary>-T/--syscall-times= precision digits (6 by default).</summary>
    public int SyscallTimeDigits { get; set; } = 6;

    /// <summary>-P PATH / --trace-path: only syscalls touching these paths (empty: no path filter).</summary>
    public List<string> TracePaths { get; } = [];

    /// <summary>-b execve: detach from a process when it calls execve.</summary>
    public bool DetachOnExecve { get; set; }

    /// <summary>--syscall-limit=N: detach everything after N traced syscalls (0: no limit).</summary>
    public long SyscallLimit { get; set; }

    /// <summary>-u USER: run the command with that user's uid, gid and groups.</summary>
    public string? User { get; set; }

    /// <summary>-I 1..4: when the tracer may be interrupted by fatal signals (0: strace's default for the mode).</summary>
    public int Interruptible { get; set; }

    /// <summary>-D (1), -DD (2), -DDD (3): the tracer runs as a detached grandchild / in its own process group / session.</summary>
    public int Daemonize { get; set; }

    /// <summary>--decode-pids=comm / -Y: pids printed as PID&lt;comm&gt;.</summary>
    public bool DecodePidComm { get; set; }

    /// <summary>-U: the columns of the -c table, in order (null: strace's default set).</summary>
    public List<SummaryColumn>? SummaryColumns { get; set; }

    /// <summary>-O: overhead subtracted from every syscall time in the -c table, in nanoseconds.</summary>
    public long SummaryOverheadNs { get; set; }

    /// <summary>-e abbrev=: syscalls printed abbreviated (null: all; -v is none).</summary>
    public SyscallSelection? Abbrev { get; set; }

    /// <summary>-e raw=: syscalls whose arguments are printed undecoded, in hex (null: none).</summary>
    public SyscallSelection? Raw { get; set; }

    /// <summary>-e verbose=: syscalls whose structures are dereferenced (null: all).</summary>
    public SyscallSelection? VerboseSet { get; set; }

    /// <summary>-e read=FDS / -e write=FDS: descriptors whose data is hex-dumped (null: none).</summary>
    public FdSet? ReadDump { get; set; }
    public FdSet? WriteDump { get; set; }

    /// <summary>--kill-on-exit: kill the traced processes when the tracer exits (also attached ones).</summary>
    public bool KillOnExit { get; set; }

    /// <summary>Messages strace prints and goes on (ignored -F, -S without -c, ...), in order.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>-c: only the summary table; -C: the trace and the table.</summary>
    public bool SummaryOnly { get; set; }
    public bool SummaryWithTrace { get; set; }
    public bool Summary => SummaryOnly || SummaryWithTrace;

    /// <summary>-S: the -c table's sort column.</summary>
    public SummarySort SummarySort { get; set; } = SummarySort.Time;

    /// <summary>-w: -c times are wall-clock latencies instead of system CPU time.</summary>
    public bool SummaryWallClock { get; set; }

    /// <summary>-e signal=: the signals printed as "--- SIG... ---" lines (index = signal number).</summary>
    public bool[] Signals { get; set; } = Enumerable.Repeat(true, 65).ToArray();

    /// <summary>-n: print the syscall number.</summary>
    public bool SyscallNumbers { get; set; }

    /// <summary>-i: print the instruction pointer.</summary>
    public bool InstructionPointer { get; set; }

    /// <summary>-A: append to -o FILE instead of truncating it.</summary>
    public bool AppendOutput { get; set; }

    /// <summary>-h: print the usage and exit.</summary>
    public bool ShowHelp { get; set; }

    /// <summary>-V: print the version and exit.</summary>
    public bool ShowVersion { get; set; }

    /// <summary>--json: one JSON object per event instead of strace's lines.</summary>
    public bool Json { get; set; }

    /// <summary>--seccomp-bpf (on) / --no-seccomp-bpf (off) / unset (default).</summary>
    public bool? SeccompBpf { get; set; }

    /// <summary>-a COLUMN: where " = " is aligned.</summary>
    public int AlignColumn { get; set; } = 40;

    /// <summary>-E VAR=VAL / -E VAR: environment changes for the command.</summary>
    public List<string> EnvironmentChanges { get; } = [];

    /// <summary>The command to run and its arguments (empty when attaching).</summary>
    public List<string> Command { get; } = [];
}
