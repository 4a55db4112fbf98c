using Ptracer.Engine;

namespace Ptracer.Snapshot;

/// <summary>
/// The syscalls a program may make before the snapshot point: those whose whole effect is in state the snapshot
/// captures (memory and mappings, registers, fs base, tid address, robust list, rseq, signal actions and mask, brk,
/// read-only regular files) or that only read information that will be the same at restore time. Everything else
/// (writes, anything on stdin/stdout/stderr, which belong to the restoring shell, getpid, clone, ...) is the snapshot
/// point. snappy-start allowed open/mmap/mprotect/munmap/arch_prctl/set_tid_address; modern glibc adds openat,
/// newfstatat, pread64, rseq, getrandom, prlimit64, set_robust_list.
/// </summary>
internal static class ReplayableSyscalls
{
    private const long AT_FDCWD = -100;
    private const ulong O_ACCMODE = 3, O_CREAT = 0x40, O_TRUNC = 0x200, O_TMPFILE = 0x410000;

    private static readonly HashSet<string> s_always =
    [
        "brk", "mmap", "mprotect", "munmap", "mremap", "madvise", "arch_prctl", "set_tid_address", "set_robust_list",
        "rseq", "rt_sigaction", "rt_sigprocmask", "getrandom", "access", "faccessat", "faccessat2", "readlink",
        "readlinkat", "uname", "getuid", "geteuid", "getgid", "getegid", "stat", "lstat",
    ];

    /// <summary>Calls on a descriptor: replayable on the program's own descriptors (3 and up), never on stdio.</summary>
    private static readonly HashSet<string> s_onOwnDescriptor =
        ["close", "read", "pread64", "lseek", "fstat", "getdents64", "fadvise64"];

    /// <summary>Path calls relative to a directory descriptor.</summary>
    private static readonly HashSet<string> s_atPath = ["newfstatat", "statx"];

    public static bool IsReplayable(Tracee tracee)
    {
        string? name = tracee.Syscall?.Name;
        if (name is null) return false;
        ReadOnlySpan<ulong> a = tracee.Arguments;
        if (s_always.Contains(name)) return true;
        if (s_onOwnDescriptor.Contains(name)) return (long)a[0] >= 3;
        if (s_atPath.Contains(name)) return (long)a[0] == AT_FDCWD || (long)a[0] >= 3;
        return name switch
        {
            "openat" => IsReadOnlyOpen(a[2]),
            "open" => IsReadOnlyOpen(a[1]),
            "prlimit64" => a[2] == 0, // reading a limit only
            _ => false,
        };
    }

    private static bool IsReadOnlyOpen(ulong flags) =>
        (flags & O_ACCMODE) == 0 && (flags & (O_CREAT | O_TRUNC)) == 0 && (flags & O_TMPFILE) != O_TMPFILE;
}
