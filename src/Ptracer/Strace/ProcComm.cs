using Ptracer.Native;

namespace Ptracer.Strace;

/// <summary>A thread's command name from /proc/TID/comm (at most 15 bytes), without allocating.</summary>
internal static unsafe class ProcComm
{
    /// <summary>The length read into <paramref name="comm"/> (trailing newline dropped), or -1.</summary>
    public static int Read(int tid, Span<byte> comm)
    {
        Span<byte> path = stackalloc byte[ProcPath.MaxLength];
        ProcPath.Format(path, tid, "/comm"u8);
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
