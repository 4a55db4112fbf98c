namespace Ptracer.Strace;

/// <summary>-t, -tt, -ttt: the time printed before each line.</summary>
public enum TimestampStyle
{
    None,
    /// <summary>-t: HH:MM:SS</summary>
    Seconds,
    /// <summary>-tt: HH:MM:SS.uuuuuu</summary>
    Microseconds,
    /// <summary>-ttt: seconds since the epoch with microseconds.</summary>
    Epoch,
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

    /// <summary>-q: 1 hides attach/detach messages, 2 also exit messages.</summary>
    public int Quiet { get; set; }

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
