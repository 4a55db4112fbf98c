namespace Ptracer.Spawn;

/// <summary>The step of the child's preparation that failed; reported with its errno before exec.</summary>
public enum SpawnStage
{
    Fork = 1,
    ResetSignals,
    ResourceLimit,
    ChangeDirectory,
    DuplicateDescriptor,
    ProcessGroup,
    StopForTracer,
    NoNewPrivileges,
    LoadSeccomp,
    Execute,
    SetUser,
}

/// <summary>The child could not reach exec: the stage it was at and the errno it got.</summary>
public sealed class SpawnException : Exception
{
    public SpawnException(string program, SpawnStage stage, int errno)
        : base(Describe(program, stage, errno))
    {
        Program = program;
        Stage = stage;
        Errno = errno;
    }

    public string Program { get; }
    public SpawnStage Stage { get; }
    public int Errno { get; }

    private static string Describe(string program, SpawnStage stage, int errno)
    {
        string reason = Native.Interop.Libc.StrError(errno);
        return stage switch
        {
            SpawnStage.Execute => $"cannot execute '{program}': {reason}",
            SpawnStage.ChangeDirectory => $"cannot change to the working directory for '{program}': {reason}",
            SpawnStage.ResourceLimit => $"cannot set a resource limit for '{program}': {reason}",
            SpawnStage.LoadSeccomp => $"cannot load the seccomp filter for '{program}': {reason}",
            SpawnStage.SetUser => $"cannot change to the user for '{program}': {reason}",
            _ => $"cannot start '{program}' ({stage}): {reason}",
        };
    }
}
