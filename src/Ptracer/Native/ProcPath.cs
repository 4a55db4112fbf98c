using System.Buffers.Text;

namespace Ptracer.Native;

/// <summary>
/// "/proc/ID/NAME" and "/proc/ID/NAME" + number (e.g. "/proc/42/fd/" + 3), NUL-terminated in a caller's buffer,
/// for the libc calls that take a path in bytes: no string at the syscall stops and process exits that read /proc.
/// </summary>
internal static class ProcPath
{
    /// <summary>Room for the longest path these build ("/proc/" + two ints + a short name + NUL).</summary>
    public const int MaxLength = 64;

    /// <summary>Writes "/proc/<paramref name="id"/><paramref name="name"/>" and a NUL; returns its length without the NUL.</summary>
    public static int Format(Span<byte> path, int id, ReadOnlySpan<byte> name)
    {
        int length = Prefix(path, id);
        name.CopyTo(path[length..]);
        length += name.Length;
        path[length] = 0;
        return length;
    }

    /// <summary>As <see cref="Format(Span{byte}, int, ReadOnlySpan{byte})"/>, with <paramref name="number"/> after the name.</summary>
    public static int Format(Span<byte> path, int id, ReadOnlySpan<byte> name, int number)
    {
        int length = Prefix(path, id);
        name.CopyTo(path[length..]);
        length += name.Length;
        Utf8Formatter.TryFormat(number, path[length..], out int written);
        length += written;
        path[length] = 0;
        return length;
    }

    private static int Prefix(Span<byte> path, int id)
    {
        "/proc/"u8.CopyTo(path);
        Utf8Formatter.TryFormat(id, path[6..], out int written);
        return 6 + written;
    }
}
