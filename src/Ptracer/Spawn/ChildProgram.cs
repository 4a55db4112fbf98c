using System.Runtime.InteropServices;

namespace Ptracer.Spawn;

/// <summary>
/// What the fork stub (tools/fork-stub/fork-stub.S) runs in a child: the clone flags, the pipe a failure is reported
/// on, and a list of raw syscalls. The layout is the stub's; change both together.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ChildProgram
{
    public long CloneFlags;
    public long ErrorPipe;
    /// <summary>Written by a child that fails: the failing op's stage and its errno; the child then exits 127.</summary>
    public int ReportStage;
    public int ReportErrno;
    /// <summary>The child's stack pointer; 0 continues on a copy of the parent's (plain fork).</summary>
    public long ChildStack;
    // ChildOp[] follows at offset 32.
}

/// <summary>How the stub treats an op's result.</summary>
[Flags]
internal enum ChildOpFlags
{
    None = 0,
    /// <summary>A failure is not an error: go on with the next op.</summary>
    IgnoreFailure = 1,
    /// <summary>The result becomes the next op's first argument (getpid, then kill).</summary>
    ResultIsNextFirstArgument = 2,
    /// <summary>Run the op again while it returns more than 0 (read until end of file).</summary>
    RepeatWhilePositive = 4,
    /// <summary>A result of 0 fails with EPIPE: a read that must get data, not end of file.</summary>
    ZeroIsFailure = 8,
}

/// <summary>One raw syscall of a <see cref="ChildProgram"/> (96 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ChildOp
{
    public long Number;
    public long Arg0, Arg1, Arg2, Arg3, Arg4, Arg5;
    public ChildOpFlags Flags;
    public SpawnStage Stage;
    /// <summary>A failure with exactly this result (-errno) continues at <see cref="FailDelta"/> instead of reporting.</summary>
    public long AlternativeResult;
    /// <summary>Bytes from this op to the next one on success (normally the size of one op).</summary>
    public long OkDelta;
    public long FailDelta;
    private long _reserved;
}
