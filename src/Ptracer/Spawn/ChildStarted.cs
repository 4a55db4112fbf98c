using System.Runtime.InteropServices;
using Ptracer.Native;

namespace Ptracer.Spawn;

/// <summary>
/// The parent's side of the child's first act: an 8-byte "started" record on a pipe. A forked child runs JIT'd (or
/// AOT-compiled) code whose first instruction after clone may be a GC poll; when another thread was suspending the
/// runtime at the moment of the fork, the child's copy of the runtime waits in that poll for a GC that no thread of
/// the child will ever run. Such a child never sends the record: it is killed and replaced.
/// </summary>
internal static unsafe class ChildStarted
{
    public const int Attempts = 8;

    /// <summary>
    /// A healthy child writes within microseconds. The first deadline is short so a child stuck in the poll is replaced
    /// quickly; each retry doubles it up to 800 ms, so a child that is only slow on a loaded machine gets time.
    /// </summary>
    private static int DeadlineMs(int attempt) => Math.Min(100 << (attempt - 1), 800);

    /// <summary>
    /// True when <paramref name="pid"/> sent its record on <paramref name="pipe"/> in time. Otherwise the child is
    /// killed and reaped, and false tells the caller to fork again.
    /// </summary>
    public static bool Wait(int pid, int pipe, int attempt)
    {
        var pfd = new PollFd { Fd = pipe, Events = PollFd.POLLIN };
        long deadline = Environment.TickCount64 + DeadlineMs(attempt);
        while (true)
        {
            int left = (int)Math.Max(0, deadline - Environment.TickCount64);
            int ready = Interop.Libc.poll(&pfd, 1, left);
            if (ready > 0)
            {
                long record;
                if (Interop.Libc.read(pipe, &record, 8) == 8 && record == 0) return true;
                break;
            }
            if (ready < 0 && Marshal.GetLastPInvokeError() == Interop.Errno.EINTR) continue;
            break;
        }
        Interop.Libc.kill(pid, Interop.Signals.SIGKILL);
        int status;
        while (Interop.Libc.waitpid(pid, &status, Interop.Wait.__WALL) < 0 && Marshal.GetLastPInvokeError() == Interop.Errno.EINTR) { }
        return false;
    }
}
