using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ptracer.Native;

namespace Ptracer.Spawn;

/// <summary>
/// A child process that does nothing but wait for its pipe to close, then exits. The tracer thread waits for all
/// of its children in one waitpid, so this child's exit is how another thread wakes that waitpid without a signal
/// race: closing the pipe's write end is level-triggered, a signal sent just before waitpid blocks is not.
/// </summary>
public sealed unsafe class CancellationCanary : IDisposable
{
    private static readonly nint s_syscall = NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "syscall");
    private int _writeFd;
    private int _fired;

    private CancellationCanary(int pid, int writeFd)
    {
        Pid = pid;
        _writeFd = writeFd;
    }

    public int Pid { get; }

    /// <summary>The canary has exited and was reaped.</summary>
    public bool IsReaped { get; private set; }

    /// <summary>Forks the canary; call on the thread that will wait for it.</summary>
    public static CancellationCanary Start()
    {
        int* control = stackalloc int[2];
        int* started = stackalloc int[2];
        if (Interop.Libc.pipe2(control, Interop.Flags.O_CLOEXEC) < 0)
            throw new SpawnException("cancellation canary", SpawnStage.Fork, Marshal.GetLastPInvokeError());
        if (Interop.Libc.pipe2(started, Interop.Flags.O_CLOEXEC) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Interop.Libc.close(control[0]);
            Interop.Libc.close(control[1]);
            throw new SpawnException("cancellation canary", SpawnStage.Fork, errno);
        }
        var syscall = (delegate* unmanaged[SuppressGCTransition]<long, long, long, long, long, long, long, long>)s_syscall;
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                ulong all = ulong.MaxValue, old;
                // Blocked signals stay blocked in the child: a Ctrl-C to the process group must not wake the tracer.
                Interop.Libc.pthread_sigmask(Interop.Signals.SIG_SETMASK, &all, &old);
                int pid = Fork(syscall, control[0], started[1]);
                Interop.Libc.pthread_sigmask(Interop.Signals.SIG_SETMASK, &old, null);
                if (pid < 0) throw new SpawnException("cancellation canary", SpawnStage.Fork, Marshal.GetLastPInvokeError());
                if (ChildStarted.Wait(pid, started[0], attempt))
                {
                    Interop.Libc.close(control[0]);
                    return new CancellationCanary(pid, control[1]);
                }
                if (attempt == ChildStarted.Attempts) throw new SpawnException("cancellation canary", SpawnStage.Fork, Interop.Errno.EAGAIN);
            }
        }
        catch
        {
            Interop.Libc.close(control[0]);
            Interop.Libc.close(control[1]);
            throw;
        }
        finally
        {
            Interop.Libc.close(started[0]);
            Interop.Libc.close(started[1]);
        }
    }

    /// <summary>Makes the canary exit; safe from any thread, any number of times.</summary>
    public void Fire()
    {
        if (Interlocked.Exchange(ref _fired, 1) != 0) return;
        int fd = Interlocked.Exchange(ref _writeFd, -1);
        if (fd >= 0) Interop.Libc.close(fd);
    }

    /// <summary>The tracer thread reaped the canary's exit status.</summary>
    public void Reaped() => IsReaped = true;

    /// <summary>Fires and reaps the canary (on the thread that started it).</summary>
    public void Dispose()
    {
        Fire();
        if (IsReaped) return;
        int status;
        while (Interop.Libc.waitpid(Pid, &status, Interop.Wait.__WALL) < 0 && Marshal.GetLastPInvokeError() == Interop.Errno.EINTR) { }
        IsReaped = true;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int Fork(delegate* unmanaged[SuppressGCTransition]<long, long, long, long, long, long, long, long> syscall, int readFd, int startedFd)
    {
        const long SIGCHLD = 17, SIGKILL = 9, PR_SET_PDEATHSIG = 1;
        ((delegate* unmanaged<long, long, long, long, long, long, long, long>)syscall)(Interop.SysNo.getpid, 0, 0, 0, 0, 0, 0); // see ForkChild
        long pid = syscall(Interop.SysNo.clone, SIGCHLD, 0, 0, 0, 0, 0);
        if (pid != 0) return (int)pid; // -1 on failure: the caller reports it
        long started = 0;
        syscall(Interop.SysNo.write, startedFd, (long)&started, 8, 0, 0, 0); // see ChildStarted
        syscall(Interop.SysNo.prctl, PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0, 0);
        // A canary never executes, so it would keep every descriptor of the tracer process open, among them other
        // sessions' canary write ends, whose EOF would then never come: keep only our read end.
        if (readFd > 0) syscall(Interop.SysNo.close_range, 0, readFd - 1, 0, 0, 0, 0);
        syscall(Interop.SysNo.close_range, readFd + 1, uint.MaxValue, 0, 0, 0, 0);
        long buffer = 0;
        // read returns 0 once every write end is closed: by Fire, or by the tracer's death.
        while (syscall(Interop.SysNo.read, readFd, (long)&buffer, 8, 0, 0, 0) > 0) { }
        syscall(Interop.SysNo.exit_group, 0, 0, 0, 0, 0, 0);
        return 0;
    }
}
