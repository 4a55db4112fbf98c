using System.Runtime.InteropServices;
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
    /// <summary>The kernel would fail it too, or the runner cannot tell where it leads (too many links, a dirfd that is no directory).</summary>
    Unresolvable,
}

/// <summary>
/// Resolves a path the way the kernel will for a tracee: relative to its cwd (/proc/TID/cwd) or to a dirfd
/// (/proc/TID/fd/N), following symlinks component by component (the last one only when the syscall follows it),
/// ".." taken physically after symlinks, /proc/self and /proc/thread-self meaning the tracee, not the runner.
/// </summary>
public static class PathResolver
{
    private const int MaxSymlinks = 40; // the kernel's MAXSYMLINKS
    private const int AtFdCwd = -100;

    private static readonly HashSet<string> s_magic = new(StringComparer.Ordinal) { "fd", "fdinfo", "root", "cwd", "exe", "map_files", "ns" };

    /// <summary>Resolves <paramref name="path"/> for thread <paramref name="tid"/> of process <paramref name="pid"/>.</summary>
    public static PathResolution Resolve(int pid, int tid, int dirFd, string path, bool followFinal, out string resolved)
    {
        resolved = path;
        List<string> current;
        if (path.StartsWith('/'))
        {
            current = [];
        }
        else
        {
            string? baseDir = ReadLink(dirFd == AtFdCwd ? $"/proc/{tid}/cwd" : $"/proc/{tid}/fd/{dirFd}");
            if (baseDir is null || !baseDir.StartsWith('/') || baseDir.EndsWith(" (deleted)", StringComparison.Ordinal))
                return PathResolution.Unresolvable;
            current = Split(baseDir);
            if (IsEscape(current)) return PathResolution.Escape;
        }

        var pending = new LinkedList<string>(Split(path));
        int links = 0;
        while (pending.First is { } node)
        {
            string part = node.Value;
            pending.RemoveFirst();
            if (part == ".") continue;
            if (part == "..")
            {
                if (current.Count > 0) current.RemoveAt(current.Count - 1);
                continue;
            }
            if (current.Count == 1 && current[0] == "proc")
            {
                if (part == "self") { current.Add(pid.ToString()); continue; }
                if (part == "thread-self") { current.AddRange([pid.ToString(), "task", tid.ToString()]); continue; }
            }
            current.Add(part);
            if (IsEscape(current)) return PathResolution.Escape;

            bool last = pending.Count == 0;
            if (last && !followFinal) break;
            string? target = ReadLink("/" + string.Join('/', current));
            if (target is null) continue; // not a symlink, or it does not exist (yet): the name stays as it is
            if (++links > MaxSymlinks) return PathResolution.Unresolvable;
            current.RemoveAt(current.Count - 1);
            if (target.StartsWith('/')) current.Clear();
            List<string> parts = Split(target);
            for (int i = parts.Count - 1; i >= 0; i--) pending.AddFirst(parts[i]);
            if (target.EndsWith('/') && parts.Count == 0 && last) break;
        }
        resolved = "/" + string.Join('/', current);
        return PathResolution.Resolved;
    }

    /// <summary>/proc/X/{magic} or /proc/X/task/Y/{magic}, for any X, Y.</summary>
    private static bool IsEscape(List<string> parts)
    {
        if (parts.Count < 3 || parts[0] != "proc") return false;
        if (s_magic.Contains(parts[2])) return true;
        return parts.Count >= 5 && parts[2] == "task" && s_magic.Contains(parts[4]);
    }

    private static List<string> Split(string path) => [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>A symlink's target; null when the path is no symlink or does not exist.</summary>
    internal static unsafe string? ReadLink(string path)
    {
        byte* buffer = stackalloc byte[4097];
        nint n = Interop.Libc.readlink(path, buffer, 4096);
        if (n < 0) return null;
        try
        {
            return new UTF8Encoding(false, true).GetString(buffer, (int)n);
        }
        catch (DecoderFallbackException)
        {
            return "\0"; // not UTF-8: a name the runner cannot represent; the caller will not match it to a rule
        }
    }

    /// <summary>True when <paramref name="path"/> (resolved) is <paramref name="entry"/> or lies under it.</summary>
    public static bool IsUnder(string path, string entry)
    {
        if (entry == "/") return true;
        return path == entry || (path.Length > entry.Length && path.StartsWith(entry, StringComparison.Ordinal) && path[entry.Length] == '/');
    }

    internal static int LastErrno => Marshal.GetLastPInvokeError();
}
