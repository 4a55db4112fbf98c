namespace Ptracer.Seccomp;

/// <summary>What a seccomp filter decides for a syscall (the SECCOMP_RET_* values of linux/seccomp.h).</summary>
public enum SeccompActionKind : byte
{
    /// <summary>The zero value on purpose: a default-initialised action kills.</summary>
    KillProcess,
    KillThread,
    /// <summary>Deliver SIGSYS; the data goes to si_errno.</summary>
    Trap,
    /// <summary>Fail the syscall with the data as errno, without running it.</summary>
    Errno,
    /// <summary>Ask the supervisor holding the listener fd; ENOSYS when there is none.</summary>
    UserNotif,
    /// <summary>A PTRACE_EVENT_SECCOMP stop; the data is the event message. ENOSYS when untraced.</summary>
    Trace,
    /// <summary>Allow after logging.</summary>
    Log,
    Allow,
}

/// <summary>A seccomp action and its 16-bit data (SECCOMP_RET_DATA).</summary>
public readonly record struct SeccompAction
{
    // linux/seccomp.h
    private const uint RetKillProcess = 0x80000000, RetKillThread = 0x00000000, RetTrap = 0x00030000, RetErrno = 0x00050000;
    private const uint RetUserNotif = 0x7fc00000, RetTrace = 0x7ff00000, RetLog = 0x7ffc0000, RetAllow = 0x7fff0000;
    private const uint RetActionFull = 0xffff0000, RetData = 0x0000ffff;

    /// <summary>kernel/seccomp.c caps SECCOMP_RET_ERRNO data at MAX_ERRNO (include/linux/err.h).</summary>
    public const int MaxErrno = 4095;

    private SeccompAction(SeccompActionKind kind, ushort data)
    {
        Kind = kind;
        Data = data;
    }

    public SeccompActionKind Kind { get; }

    /// <summary>errno for Errno, the event message for Trace, si_errno for Trap; zero otherwise.</summary>
    public ushort Data { get; }

    public static SeccompAction Allow { get; } = new(SeccompActionKind.Allow, 0);
    public static SeccompAction KillProcess { get; } = new(SeccompActionKind.KillProcess, 0);
    public static SeccompAction KillThread { get; } = new(SeccompActionKind.KillThread, 0);
    public static SeccompAction Log { get; } = new(SeccompActionKind.Log, 0);
    public static SeccompAction UserNotif { get; } = new(SeccompActionKind.UserNotif, 0);

    public static SeccompAction Trace(ushort data = 0) => new(SeccompActionKind.Trace, data);

    public static SeccompAction Trap(ushort data = 0) => new(SeccompActionKind.Trap, data);

    public static SeccompAction Errno(int errno)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(errno);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(errno, MaxErrno);
        return new(SeccompActionKind.Errno, (ushort)errno);
    }

    /// <summary>The value the filter returns (SECCOMP_RET_* | data).</summary>
    public uint ReturnValue => Base(Kind) | Data;

    /// <summary>Decodes a filter's return value; unknown action bits decode as KillProcess, as the kernel treats them.</summary>
    public static SeccompAction FromReturnValue(uint value)
    {
        ushort data = (ushort)(value & RetData);
        return (value & RetActionFull) switch
        {
            RetKillThread => KillThread,
            RetTrap => Trap(data),
            RetErrno => Errno(Math.Min((int)data, MaxErrno)),
            RetUserNotif => UserNotif,
            RetTrace => Trace(data),
            RetLog => Log,
            RetAllow => Allow,
            _ => KillProcess,
        };
    }

    private static uint Base(SeccompActionKind kind) => kind switch
    {
        SeccompActionKind.KillProcess => RetKillProcess,
        SeccompActionKind.KillThread => RetKillThread,
        SeccompActionKind.Trap => RetTrap,
        SeccompActionKind.Errno => RetErrno,
        SeccompActionKind.UserNotif => RetUserNotif,
        SeccompActionKind.Trace => RetTrace,
        SeccompActionKind.Log => RetLog,
        SeccompActionKind.Allow => RetAllow,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public override string ToString() => Kind switch
    {
        SeccompActionKind.Errno or SeccompActionKind.Trace or SeccompActionKind.Trap => $"{Kind}({Data})",
        _ => Kind.ToString(),
    };
}
