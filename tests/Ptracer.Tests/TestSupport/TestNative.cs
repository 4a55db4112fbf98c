using System.Runtime.InteropServices;

namespace Ptracer.Tests.TestSupport;

/// <summary>
/// The few libc calls the integration tests make themselves (signals, pipes, reaping, posix_spawn). The tests never
/// use System.Diagnostics.Process: the design forbids it in a process that traces.
/// </summary>
internal static unsafe partial class TestNative
{
    public const int SIGHUP = 1, SIGKILL = 9, SIGUSR1 = 10, SIGUSR2 = 12, SIGTERM = 15, SIGCONT = 18, SIGSTOP = 19;
    public const int O_CLOEXEC = 0x80000, O_NONBLOCK = 0x800, O_WRONLY = 1, O_CREAT = 0x40, O_TRUNC = 0x200;
    public const int EINTR = 4, EAGAIN = 11, ENOENT = 2, EPERM = 1, ECHILD = 10;
    public const int RLIMIT_NOFILE = 7;
    public const short POLLIN = 1;
    public const short POSIX_SPAWN_SETSIGMASK = 0x08, POSIX_SPAWN_SETSIGDEF = 0x04;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int sig);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int waitpid(int pid, int* status, int options);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int pipe2(int* fds, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fcntl(int fd, int cmd, int arg);

    public const int F_DUPFD = 0, F_DUPFD_CLOEXEC = 1030;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int poll(PollFd* fds, ulong count, int timeoutMs);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_init(void* fileActions);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_destroy(void* fileActions);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_adddup2(void* fileActions, int fd, int newFd);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_addopen(void* fileActions, int fd, byte* path, int flags, int mode);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_init(void* attributes);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_destroy(void* attributes);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_setflags(void* attributes, short flags);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_setsigmask(void* attributes, void* mask);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_setsigdefault(void* attributes, void* signals);

    [LibraryImport("libc")]
    public static partial int sigemptyset(void* set);

    [LibraryImport("libc")]
    public static partial int sigfillset(void* set);

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    public static int LastError => Marshal.GetLastPInvokeError();

    public static bool WIfExited(int status) => (status & 0x7f) == 0;
    public static int WExitStatus(int status) => (status >> 8) & 0xff;
    public static bool WIfSignaled(int status) => (status & 0x7f) != 0 && (status & 0x7f) != 0x7f;
    public static int WTermSig(int status) => status & 0x7f;

    /// <summary>Sends <paramref name="signal"/> with kill(2); throws on failure.</summary>
    public static void Kill(int pid, int signal)
    {
        if (kill(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {LastError}");
    }

    /// <summary>
    /// Reaps <paramref name="pid"/> (a child of this process, not traced), polling with WNOHANG until
    /// <paramref name="timeout"/> so a child that does not exit fails the test instead of blocking it.
    /// Returns the raw wait status.
    /// </summary>
    public static int Reap(int pid, TimeSpan timeout)
    {
        const int WNOHANG = 1;
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            int status;
            int r = waitpid(pid, &status, WNOHANG);
            if (r == pid) return status;
            if (r < 0 && LastError != EINTR) throw new InvalidOperationException($"waitpid({pid}) failed: errno {LastError}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"process {pid} did not exit within {timeout}");
            Thread.Sleep(2);
        }
    }
}
