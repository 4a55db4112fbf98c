using Ptracer.Native;

namespace Ptracer.Spawn;

/// <summary>What to start under the tracer and how to prepare the child before it executes.</summary>
public sealed class SpawnOptions
{
    /// <summary>The file to execute, as execve(2) receives it (already resolved against PATH).</summary>
    public required string Program { get; init; }

    /// <summary>argv, including argv[0].</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>The environment as NAME=VALUE entries; null inherits the tracer's own.</summary>
    public IReadOnlyList<string>? Environment { get; init; }

    /// <summary>Working directory of the child; null keeps the tracer's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Descriptor map: entry i is the tracer's descriptor that becomes descriptor i in the child, -1 closes i.
    /// Null leaves descriptors as they are (close-on-exec ones close at exec as usual).
    /// </summary>
    public IReadOnlyList<int>? FileDescriptors { get; init; }

    /// <summary>Resource limits set with prlimit64 in the child before exec.</summary>
    public IReadOnlyList<ResourceLimit> ResourceLimits { get; init; } = [];

    /// <summary>A seccomp program, installed after the tracer has attached (so SECCOMP_RET_TRACE stops) and before exec.</summary>
    public IReadOnlyList<SockFilter>? SeccompFilter { get; init; }

    /// <summary>Put the child in a process group of its own.</summary>
    public bool NewProcessGroup { get; init; }

    /// <summary>
    /// Descriptors of the tracer process beyond those <see cref="FileDescriptors"/> names (beyond 0-2 when it is
    /// null) are closed at exec even without FD_CLOEXEC: the program sees only what it was given.
    /// </summary>
    public bool CloseOtherDescriptors { get; init; }

    /// <summary>Run the program as this user (after the tracer has attached, before the seccomp filter and exec).</summary>
    public SpawnUser? User { get; init; }
}

/// <summary>The credentials a child takes before exec: real, effective and saved ids, and supplementary groups.</summary>
public sealed record SpawnUser(uint UserId, uint GroupId, IReadOnlyList<uint> SupplementaryGroups);
