using Ptracer.Native;

namespace Ptracer.Strace;

/// <summary>A thread's command name from /proc/TID/comm (at most 15 bytes), without allocating.</summary>
internal static unsafe class ProcComm
{
    /// <summary>The length read into <paramref name="comm"/> (trailing newline dropped), or -1.</summary>
    public static int Read(int tid, Span<byte> comm)
    {
        Span<byte> path = stackalloc byte[40];
        "/proc/"u8.CopyTo(path);
        int at = 6;
        System.Buffers.Text.Utf8Formatter.TryFormat(tid, path[at..], out int written);
        at += written;
        "/comm"u8.CopyTo(path[at..]);
        at += 5;
        path[at] = 0;
        int fd;
        fixed (byte* p = path) fd = Interop.Libc.open_bytes(p, Interop.Flags.O_CLOEXEC, 0);
        if (fd < 0) return -1;
        nint n;
        fixed (byte* c = comm) n = Interop.Libc.read(fd, c, comm.Length);
        Interop.Libc.close(fd);
        if (n <= 0) return -1;
        int length = (int)n;
        if (comm[length - 1] == '\n') length--;
        return length;
    }
}
