namespace Ptracer.Sandbox;

/// <summary>How a path syscall uses its path.</summary>
internal enum FileAccessKind { Read, Write, Stat, Exec }

/// <summary>One path argument of a path syscall: the dirfd argument (-1: relative to the cwd) and the path argument.</summary>
internal readonly record struct PathArg(int DirFdIndex, int PathIndex, FileAccessKind Access, bool FollowFinal);

/// <summary>The path syscalls of x86_64 the file rules check, and how each uses its arguments.</summary>
internal static class FileRules
{
    // fcntl.h
    internal const int O_ACCMODE = 3, O_CREAT = 0x40, O_TRUNC = 0x200, O_APPEND = 0x400, O_NOFOLLOW = 0x20000, O_PATH = 0x200000, O_TMPFILE = 0x400000;
    internal const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_EMPTY_PATH = 0x1000;

    private static readonly Dictionary<string, PathArg[]> s_fixed = new(StringComparer.Ordinal)
    {
        ["stat"] = [new(-1, 0, FileAccessKind.Stat, true)],
        ["lstat"] = [new(-1, 0, FileAccessKind.Stat, false)],
        ["access"] = [new(-1, 0, FileAccessKind.Stat, true)],
        ["faccessat"] = [new(0, 1, FileAccessKind.Stat, true)],
        ["readlink"] = [new(-1, 0, FileAccessKind.Stat, false)],
        ["readlinkat"] = [new(0, 1, FileAccessKind.Stat, false)],
        ["statfs"] = [new(-1, 0, FileAccessKind.Stat, true)],
        ["chdir"] = [new(-1, 0, FileAccessKind.Stat, true)],
        ["getxattr"] = [new(-1, 0, FileAccessKind.Stat, true)],
        ["listxattr"] = [new(-1, 0, FileAccessKind.Stat, true)],
        ["lgetxattr"] = [new(-1, 0, FileAccessKind.Stat, false)],
        ["llistxattr"] = [new(-1, 0, FileAccessKind.Stat, false)],
        ["execve"] = [new(-1, 0, FileAccessKind.Exec, true)],
        ["creat"] = [new(-1, 0, FileAccessKind.Write, true)],
        ["mkdir"] = [new(-1, 0, FileAccessKind.Write, false)],
        ["mkdirat"] = [new(0, 1, FileAccessKind.Write, false)],
        ["rmdir"] = [new(-1, 0, FileAccessKind.Write, false)],
        ["unlink"] = [new(-1, 0, FileAccessKind.Write, false)],
        ["unlinkat"] = [new(0, 1, FileAccessKind.Write, false)],
        ["rename"] = [new(-1, 0, FileAccessKind.Write, false), new(-1, 1, FileAccessKind.Write, false)],
        ["renameat"] = [new(0, 1, FileAccessKind.Write, false), new(2, 3, FileAccessKind.Write, false)],
        ["renameat2"] = [new(0, 1, FileAccessKind.Write, false), new(2, 3, FileAccessKind.Write, false)],
        ["link"] = [new(-1, 0, FileAccessKind.Write, true), new(-1, 1, FileAccessKind.Write, false)],
        ["linkat"] = [new(0, 1, FileAccessKind.Write, true), new(2, 3, FileAccessKind.Write, false)],
        ["symlink"] = [new(-1, 1, FileAccessKind.Write, false)],
        ["symlinkat"] = [new(1, 2, FileAccessKind.Write, false)],
        ["chmod"] = [new(-1, 0, FileAccessKind.Write, true)],
        ["fchmodat"] = [new(0, 1, FileAccessKind.Write, true)],
        ["chown"] = [new(-1, 0, FileAccessKind.Write, true)],
        ["lchown"] = [new(-1, 0, FileAccessKind.Write, false)],
        ["fchownat"] = [new(0, 1, FileAccessKind.Write, true)],
        ["truncate"] = [new(-1, 0, FileAccessKind.Write, true)],
        ["utime"] = [new(-1, 0, FileAccessKind.Write, true)],
        ["utimes"] = [new(-1, 0, FileAccessKind.Write, true)],
        ["futimesat"] = [new(0, 1, FileAccessKind.Write, true)],
        ["mknod"] = [new(-1, 0, FileAccessKind.Write, false)],
        ["mknodat"] = [new(0, 1, FileAccessKind.Write, false)],
        ["setxattr"] = [new(-1, 0, FileAccessKind.Write, true)],
        ["lsetxattr"] = [new(-1, 0, FileAccessKind.Write, false)],
        ["removexattr"] = [new(-1, 0, FileAccessKind.Write, true)],
        ["lremovexattr"] = [new(-1, 0, FileAccessKind.Write, false)],
    };

    /// <summary>Syscalls whose arguments depend on flags: decoded by <see cref="Describe"/>.</summary>
    private static readonly string[] s_flagged = ["open", "openat", "openat2", "newfstatat", "statx", "faccessat2", "execveat", "utimensat", "fchmodat2"];

    public static IEnumerable<string> TracedSyscalls => s_fixed.Keys.Concat(s_flagged);

    /// <summary>
    /// The path arguments of syscall <paramref name="name"/> for these arguments; empty when it names no path
    /// (utimensat with a NULL path works on a descriptor). An empty path string names no file either: without
    /// AT_EMPTY_PATH the kernel fails it with ENOENT, with it the syscall works on the descriptor. openat2's flags are
    /// read from tracee memory by the caller and passed as <paramref name="openat2Flags"/>.
    /// The arguments are written to <paramref name="into"/> (two places: no syscall has more); returns their count.
    /// </summary>
    public static int Describe(string name, ReadOnlySpan<ulong> args, ulong openat2Flags, Span<PathArg> into)
    {
        if (s_fixed.TryGetValue(name, out PathArg[]? fixedArgs))
        {
            fixedArgs.CopyTo(into);
            return fixedArgs.Length;
        }
        PathArg one;
        switch (name)
        {
            case "open": one = OpenArg(-1, 0, (int)args[1]); break;
            case "openat": one = OpenArg(0, 1, (int)args[2]); break;
            case "openat2": one = OpenArg(0, 1, (int)openat2Flags); break;
            case "newfstatat":
                one = new(0, 1, FileAccessKind.Stat, ((int)args[3] & AT_SYMLINK_NOFOLLOW) == 0);
                break;
            case "statx":
                one = new(0, 1, FileAccessKind.Stat, ((int)args[2] & AT_SYMLINK_NOFOLLOW) == 0);
                break;
            case "faccessat2":
                one = new(0, 1, FileAccessKind.Stat, ((int)args[3] & AT_SYMLINK_NOFOLLOW) == 0);
                break;
            case "fchmodat2":
                one = new(0, 1, FileAccessKind.Write, ((int)args[3] & AT_SYMLINK_NOFOLLOW) == 0);
                break;
            case "execveat":
                one = new(0, 1, FileAccessKind.Exec, ((int)args[4] & AT_SYMLINK_NOFOLLOW) == 0);
                break;
            case "utimensat":
                if (args[1] == 0) return 0;
                one = new(0, 1, FileAccessKind.Write, ((int)args[3] & AT_SYMLINK_NOFOLLOW) == 0);
                break;
            default:
                return 0;
        }
        into[0] = one;
        return 1;
    }

    private static PathArg OpenArg(int dirFdIndex, int pathIndex, int flags)
    {
        bool follow = (flags & O_NOFOLLOW) == 0;
        FileAccessKind access;
        if ((flags & O_TMPFILE) == O_TMPFILE || (flags & O_ACCMODE) != 0 || (flags & (O_CREAT | O_TRUNC | O_APPEND)) != 0)
            access = FileAccessKind.Write;
        else if ((flags & O_PATH) != 0)
            access = FileAccessKind.Stat;
        else
            access = FileAccessKind.Read;
        return new PathArg(dirFdIndex, pathIndex, access, follow);
    }
}
