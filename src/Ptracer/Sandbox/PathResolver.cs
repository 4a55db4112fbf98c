using System.Text;
using Ptracer.Native;

namespace Ptracer.Sandbox;

/// <summary>What resolving a tracee's path found.</summary>
public enum PathResolution
{
    /// <summary>Resolved to an absolute path without symlinks, "." or "..".</summary>
    Resolved,
    /// <summary>A magic link that can reach outside any path rule: /proc/PID/{fd,fdinfo,root,cwd,exe,map_files,ns} (self and thread-self included).</summary>
    Escape,
    /// <summary>The kernel would fail it too, or the runner cannot tell where it leads (too many links, a dirfd that is no directory, longer than PATH_MAX).</summary>
    Unresolvable,
}

/// <summary>
/// Resolves a path the way the kernel will for a tracee: relative to its cwd (/proc/TID/cwd) or to a dirfd
/// (/proc/TID/fd/N), following symlinks component by component (the last one only when the syscall follows it, or
/// when a slash follows it), ".." taken physically after symlinks, /proc/self and /proc/thread-self meaning the
/// tracee, not the runner.
/// </summary>
/// <remarks>
/// Paths are bytes, as the kernel sees them: no decoding, and rules match byte for byte. One resolver serves one
/// thread; it reuses its buffers, so resolving a path at a syscall stop allocates nothing.
/// </remarks>
public sealed unsafe class PathResolver
{
    /// <summary>PATH_MAX (linux/limits.h), terminating NUL included.</summary>
    public const int PathMax = 4096;
    private const int MaxSymlinks = 40; // the kernel's MAXSYMLINKS (include/linux/namei.h)
    private const int AtFdCwd = -100;

    private readonly byte[] _resolved = new byte[PathMax + 1];
    // What is left to walk, right-aligned: a symlink's target is put in front of it.
    private readonly byte[] _pending = new byte[2 * PathMax];
    private readonly byte[] _link = new byte[PathMax];
    private int _length; // of _resolved; 0 is "/"
    // While resolving rules at start-up only: names already found to be no symlink (rules share most of their
    // directories, and each readlink costs a path walk). Never at a syscall stop: the tracee can change the tree.
    private List<byte[]>? _plainNames;

    /// <summary>The path the last <see cref="Resolve(int, int, int, ReadOnlySpan{byte}, bool)"/> resolved to.</summary>
    public ReadOnlySpan<byte> Result => _length == 0 ? "/"u8 : _resolved.AsSpan(0, _length);

    /// <summary>Resolves <paramref name="path"/> for thread <paramref name="tid"/> of process <paramref name="pid"/>.</summary>
    public static PathResolution Resolve(int pid, int tid, int dirFd, string path, bool followFinal, out string resolved)
    {
        var resolver = new PathResolver();
        PathResolution result = resolver.Resolve(pid, tid, dirFd, Encoding.UTF8.GetBytes(path), followFinal);
        resolved = result == PathResolution.Resolved ? Encoding.UTF8.GetString(resolver.Result) : path;
        return result;
    }

    /// <summary>
    /// Resolves the runner's own paths (the rules) in one go, remembering which names are no symlink: the
    /// <c>judge</c> list takes 36 readlink calls instead of 57.
    /// </summary>
    public byte[][] ResolveRules(IEnumerable<string> paths, byte[][] first)
    {
        var rules = new List<byte[]>(first);
        int self = Environment.ProcessId;
        _plainNames = [];
        try
        {
            foreach (string path in paths)
            {
                byte[] full = Encoding.UTF8.GetBytes(Path.GetFullPath(path));
                byte[] rule = Resolve(self, self, AtFdCwd, full, followFinal: true) == PathResolution.Resolved ? Result.ToArray() : full;
                if (!rules.Exists(r => r.AsSpan().SequenceEqual(rule))) rules.Add(rule);
            }
        }
        finally
        {
            _plainNames = null;
        }
        return [.. rules];
    }

    /// <summary>Resolves <paramref name="path"/>; on <see cref="PathResolution.Resolved"/>, <see cref="Result"/> holds it.</summary>
    public PathResolution Resolve(int pid, int tid, int dirFd, ReadOnlySpan<byte> path, bool followFinal)
    {
        _length = 0;
        if (path.Length > PathMax) return PathResolution.Unresolvable;
        if (path.IsEmpty || path[0] != '/')
        {
            if (!ReadBaseDirectory(tid, dirFd)) return PathResolution.Unresolvable;
            if (IsEscape()) return PathResolution.Escape;
        }

        int start = _pending.Length - path.Length, end = _pending.Length;
        path.CopyTo(_pending.AsSpan(start));
        int links = 0;
        while (true)
        {
            while (start < end && _pending[start] == '/') start++;
            if (start == end) return PathResolution.Resolved;
            int next = _pending.AsSpan(start, end - start).IndexOf((byte)'/');
            int stop = next < 0 ? end : start + next;
            ReadOnlySpan<byte> part = _pending.AsSpan(start, stop - start);
            start = stop;

            if (part.SequenceEqual("."u8)) continue;
            if (part.SequenceEqual(".."u8))
            {
                RemoveLast();
                continue;
            }
            if (_resolved.AsSpan(0, _length).SequenceEqual("/proc"u8))
            {
                if (part.SequenceEqual("self"u8))
                {
                    if (!AppendNumber(pid)) return PathResolution.Unresolvable;
                    continue;
                }
                if (part.SequenceEqual("thread-self"u8))
                {
                    if (!AppendNumber(pid) || !Append("task"u8) || !AppendNumber(tid)) return PathResolution.Unresolvable;
                    continue;
                }
            }
            if (!Append(part)) return PathResolution.Unresolvable;
            if (IsEscape()) return PathResolution.Escape;

            int rest = start;
            while (rest < end && _pending[rest] == '/') rest++;
            bool last = rest == end;
            // A slash after the last name makes the kernel follow it whatever the syscall's flags (path_lookupat).
            if (last && !followFinal && start == end) return PathResolution.Resolved;

            if (_plainNames?.Exists(name => name.AsSpan().SequenceEqual(_resolved.AsSpan(0, _length))) == true) continue;
            int n = ReadLink(_resolved, _length, _link);
            if (n < 0)
            {
                _plainNames?.Add(_resolved.AsSpan(0, _length).ToArray());
                continue; // not a symlink, or it does not exist (yet): the name stays as it is
            }
            if (n >= _link.Length || ++links > MaxSymlinks) return PathResolution.Unresolvable;
            RemoveLast();
            if (_link[0] == '/') _length = 0;
            if (start < n + 1) return PathResolution.Unresolvable; // longer than any lookup the kernel finishes
            _pending[--start] = (byte)'/';
            start -= n;
            _link.AsSpan(0, n).CopyTo(_pending.AsSpan(start));
        }
    }

    /// <summary>/proc/TID/cwd or /proc/TID/fd/DIRFD, which the kernel keeps resolved, as the starting point.</summary>
    private bool ReadBaseDirectory(int tid, int dirFd)
    {
        Span<byte> link = stackalloc byte[ProcPath.MaxLength];
        int length = dirFd == AtFdCwd ? ProcPath.Format(link, tid, "/cwd"u8) : ProcPath.Format(link, tid, "/fd/"u8, dirFd);
        int n = ReadLink(link, length, _resolved);
        if (n <= 0 || n >= PathMax || _resolved[0] != '/' || _resolved.AsSpan(0, n).EndsWith(" (deleted)"u8)) return false;
        _length = n == 1 ? 0 : n;
        return true;
    }

    private bool Append(ReadOnlySpan<byte> part)
    {
        if (_length + 1 + part.Length >= PathMax) return false; // ENAMETOOLONG for the kernel
        _resolved[_length++] = (byte)'/';
        part.CopyTo(_resolved.AsSpan(_length));
        _length += part.Length;
        return true;
    }

    private bool AppendNumber(int value)
    {
        Span<byte> digits = stackalloc byte[11];
        return value.TryFormat(digits, out int written) && Append(digits[..written]);
    }

    private void RemoveLast() => _length = Math.Max(0, _resolved.AsSpan(0, _length).LastIndexOf((byte)'/'));

    /// <summary>/proc/X/{magic} or /proc/X/task/Y/{magic}, for any X, Y.</summary>
    private bool IsEscape()
    {
        ReadOnlySpan<byte> path = _resolved.AsSpan(0, _length);
        if (!path.StartsWith("/proc/"u8)) return false;
        ReadOnlySpan<byte> rest = path["/proc/"u8.Length..];
        if (!NextPart(ref rest, out _) || !NextPart(ref rest, out ReadOnlySpan<byte> third)) return false;
        if (IsMagic(third)) return true;
        return third.SequenceEqual("task"u8) && NextPart(ref rest, out _) && NextPart(ref rest, out ReadOnlySpan<byte> fifth) && IsMagic(fifth);
    }

    private static bool NextPart(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> part)
    {
        int slash = rest.IndexOf((byte)'/');
        part = slash < 0 ? rest : rest[..slash];
        rest = slash < 0 ? default : rest[(slash + 1)..];
        return !part.IsEmpty;
    }

    private static bool IsMagic(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("fd"u8) || name.SequenceEqual("fdinfo"u8) || name.SequenceEqual("root"u8) || name.SequenceEqual("cwd"u8)
        || name.SequenceEqual("exe"u8) || name.SequenceEqual("map_files"u8) || name.SequenceEqual("ns"u8);

    /// <summary>readlink(2) of <paramref name="path"/>[..<paramref name="length"/>], NUL-terminated in place; -1 when no symlink.</summary>
    private static int ReadLink(Span<byte> path, int length, Span<byte> target)
    {
        path[length] = 0;
        fixed (byte* p = path)
        fixed (byte* t = target)
            return (int)Interop.Libc.readlink_bytes(p, t, target.Length);
    }

    /// <summary>A symlink's target; null when the path is no symlink or does not exist.</summary>
    internal static string? ReadLink(string path)
    {
        byte* buffer = stackalloc byte[PathMax];
        nint n = Interop.Libc.readlink(path, buffer, PathMax);
        return n < 0 ? null : Encoding.UTF8.GetString(buffer, (int)n);
    }

    /// <summary>True when <paramref name="path"/> (resolved) is <paramref name="entry"/> or lies under it.</summary>
    public static bool IsUnder(string path, string entry) => IsUnder(Encoding.UTF8.GetBytes(path), Encoding.UTF8.GetBytes(entry));

    /// <inheritdoc cref="IsUnder(string, string)"/>
    public static bool IsUnder(ReadOnlySpan<byte> path, ReadOnlySpan<byte> entry)
    {
        if (entry.SequenceEqual("/"u8)) return true;
        return path.StartsWith(entry) && (path.Length == entry.Length || path[entry.Length] == '/');
    }
}
