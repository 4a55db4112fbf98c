namespace Ptracer.Sandbox;

/// <summary>Where one of the program's standard streams goes.</summary>
public sealed record SandboxStream
{
    private SandboxStream(SandboxStreamKind kind, string? path, int fd) => (Kind, Path, Descriptor) = (kind, path, fd);

    public SandboxStreamKind Kind { get; }
    public string? Path { get; }
    public int Descriptor { get; }

    /// <summary>The runner's own descriptor of the same number (the default).</summary>
    public static SandboxStream Inherit { get; } = new(SandboxStreamKind.Inherit, null, -1);

    /// <summary>/dev/null.</summary>
    public static SandboxStream Null { get; } = new(SandboxStreamKind.File, "/dev/null", -1);

    /// <summary>A file: opened read-only for stdin; created or truncated (mode 0644) for stdout/stderr.</summary>
    public static SandboxStream File(string path) => new(SandboxStreamKind.File, path, -1);

    /// <summary>A descriptor of the runner (a pipe end, a socket, an open file); the runner does not close it.</summary>
    public static SandboxStream FromDescriptor(int fd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        return new(SandboxStreamKind.Descriptor, null, fd);
    }
}

public enum SandboxStreamKind { Inherit, File, Descriptor }

/// <summary>Limits of a run; null means no limit of that kind.</summary>
public sealed record SandboxLimits
{
    /// <summary>User+system CPU time of the whole tree. Enforced by a watchdog to about 10 ms; RLIMIT_CPU (ceil+1 s) is the backstop.</summary>
    public TimeSpan? CpuTime { get; init; }

    /// <summary>Wall-clock time; when null and <see cref="CpuTime"/> is set: CPU limit x2 + 1 s.</summary>
    public TimeSpan? WallTime { get; init; }

    /// <summary>Peak memory of the tree (see <see cref="SandboxResult.MemoryBytes"/>).</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>RLIMIT_AS of each process (optional address-space cap).</summary>
    public long? AddressSpaceBytes { get; init; }

    /// <summary>RLIMIT_STACK.</summary>
    public long? StackBytes { get; init; }

    /// <summary>Bytes written to any file (RLIMIT_FSIZE) and, through the runner's pipe, to a non-file stdout/stderr.</summary>
    public long? OutputBytes { get; init; }

    /// <summary>Live processes and threads of the tree, counted by the tracer (RLIMIT_NPROC does not bind root).</summary>
    public int? Processes { get; init; } = 256;

    /// <summary>RLIMIT_NOFILE.</summary>
    public int? OpenFiles { get; init; }

    /// <summary>The wall limit that applies: the explicit one, or the default derived from the CPU limit.</summary>
    public TimeSpan? EffectiveWallTime => WallTime ?? (CpuTime is { } cpu ? cpu * 2 + TimeSpan.FromSeconds(1) : null);
}

/// <summary>What to run and how.</summary>
public sealed record SandboxOptions
{
    /// <summary>The program: a path, or a name looked up in PATH.</summary>
    public required string Program { get; init; }

    /// <summary>argv including argv[0]; null: [Program].</summary>
    public IReadOnlyList<string>? Arguments { get; init; }

    /// <summary>NAME=VALUE entries; null inherits the runner's environment.</summary>
    public IReadOnlyList<string>? Environment { get; init; }

    public string? WorkingDirectory { get; init; }

    public SandboxStream Stdin { get; init; } = SandboxStream.Inherit;
    public SandboxStream Stdout { get; init; } = SandboxStream.Inherit;
    public SandboxStream Stderr { get; init; } = SandboxStream.Inherit;

    public SandboxLimits Limits { get; init; } = new();

    public SandboxPolicy Policy { get; init; } = SandboxPolicy.Default();

    /// <summary>How often the watchdog samples CPU time and memory.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromMilliseconds(3);
}
