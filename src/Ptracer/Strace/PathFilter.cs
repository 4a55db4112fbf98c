using System.Text;
using Ptracer.Engine;
using Ptracer.Native;
using Ptracer.Syscalls;

namespace Ptracer.Strace;

/// <summary>
/// -P PATH / --trace-path: a syscall is traced when one of its path arguments is one of the paths as written, or
/// one of its descriptor arguments refers to one (the descriptor's /proc/TID/fd link, so a file opened under any
/// name matches once it is open). A -P path that resolves to another name (a relative path, a symlink) also
/// selects the resolved name, announced as strace does.
/// </summary>
public sealed unsafe class PathFilter
{
    private readonly byte[][] _paths;
    private readonly byte[] _buffer = new byte[4097];

    public PathFilter(IEnumerable<string> paths, Action<string>? notice)
    {
        var list = new List<byte[]>();
        foreach (string path in paths)
        {
            list.Add(Encoding.UTF8.GetBytes(path));
            string? resolved = Resolve(path);
            if (resolved is null || resolved == path) continue;
            list.Add(Encoding.UTF8.GetBytes(resolved));
            notice?.Invoke($"Requested path \"{path}\" resolved into \"{resolved}\"");
        }
        _paths = [.. list];
    }

    /// <summary>Whether the syscall at this entry stop touches one of the paths.</summary>
    public bool Matches(Tracee tracee, SyscallDef def)
    {
        ReadOnlySpan<ulong> args = tracee.Arguments;
        bool is32 = tracee.Arch == SyscallArch.I386;
        ArgKind[] kinds = def.Args;
        // symlink's target is a string stored in the link, not a file the call touches (strace skips it too).
        int first = def.Name switch { "symlink" => 1, "symlinkat" => 1, _ => 0 };
        for (int i = first; i < kinds.Length && i < args.Length; i++)
        {
            ulong value = is32 ? (uint)args[i] : args[i];
            switch (kinds[i])
            {
                case ArgKind.Path:
                    if (value != 0 && PathMatches(tracee.Memory, value)) return true;
                    break;
                case ArgKind.Fd:
                case ArgKind.AtDirFd:
                    int fd = (int)value;
                    if (fd >= 0 && FdMatches(tracee.Tid, fd)) return true;
                    break;
            }
        }
        return false;
    }

    private bool PathMatches(TraceeMemory memory, ulong address)
    {
        int n = memory.ReadCString(address, _buffer.AsSpan(0, _buffer.Length - 1), out bool terminated);
        return terminated && IsSelected(_buffer.AsSpan(0, n));
    }

    private bool FdMatches(int tid, int fd)
    {
        Span<byte> link = stackalloc byte[ProcPath.MaxLength];
        ProcPath.Format(link, tid, "/fd/"u8, fd);
        nint n;
        fixed (byte* p = link)
        fixed (byte* t = _buffer)
            n = Interop.Libc.readlink_bytes(p, t, _buffer.Length);
        return n > 0 && IsSelected(_buffer.AsSpan(0, (int)n));
    }

    private bool IsSelected(ReadOnlySpan<byte> path)
    {
        foreach (byte[] p in _paths)
            if (path.SequenceEqual(p)) return true;
        return false;
    }

    /// <summary>realpath(3) by the kernel: open with O_PATH and read back /proc/self/fd/N; null if it does not exist.</summary>
    private static string? Resolve(string path)
    {
        const int O_PATH = 0x200000;
        int fd = Interop.Libc.open(path, O_PATH | Interop.Flags.O_CLOEXEC, 0);
        if (fd < 0) return null;
        try
        {
            byte[] target = new byte[4096];
            nint n;
            fixed (byte* t = target)
                n = Interop.Libc.readlink($"/proc/self/fd/{fd}", t, target.Length);
            return n > 0 ? Encoding.UTF8.GetString(target, 0, (int)n) : null;
        }
        finally
        {
            Interop.Libc.close(fd);
        }
    }
}
