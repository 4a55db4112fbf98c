using System.Runtime.InteropServices;
using Ptracer.Native;

namespace Ptracer.Strace;

/// <summary>
/// A spawned command that was detached (-b execve, --syscall-limit) is still the tracer's child: the tracer waits for
/// it and ends with its status, so a script sees the command's exit status as without the option.
/// </summary>
public static unsafe class DetachedCommand
{
    /// <summary>The exit code, or 0 and the terminating signal.</summary>
    public static (int ExitCode, int Signal) Wait(int pid)
    {
        int status;
        int got;
        do got = Interop.Libc.waitpid(pid, &status, 0);
        while (got < 0 && Marshal.GetLastPInvokeError() == Interop.Errno.EINTR);
        if (got < 0) return (0, 0);
        int signal = status & 0x7f;
        return signal == 0 ? ((status >> 8) & 0xff, 0) : (128 + signal, signal);
    }
}
