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
    private const long SIGCHLD = 17, SIGKILL = 9, PR_SET_PDEATHSIG = 1;
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
        if (Interop.Libc.pipe2(control, Interop.Flags.O_CLOEXEC) < 0)
            throw new SpawnException("cancellation canary", SpawnStage.Fork, Marshal.GetLastPInvokeError());
        using var arena = new NativeArena();
        ChildProgram* program = Prepare(control[0], arena).Build(arena, SIGCHLD, errorPipe: -1);
        ulong all = ulong.MaxValue, old;
        // Blocked signals stay blocked in the child: a Ctrl-C to the process group must not wake the tracer.
        Interop.Libc.pthread_sigmask(Interop.Signals.SIG_SETMASK, &all, &old);
        long pid = ForkStub.Fork(program);
        Interop.Libc.pthread_sigmask(Interop.Signals.SIG_SETMASK, &old, null);
        Interop.Libc.close(control[0]);
        if (pid < 0)
        {
            Interop.Libc.close(control[1]);
            throw new SpawnException("cancellation canary", SpawnStage.Fork, (int)-pid);
        }
        return new CancellationCanary((int)pid, control[1]);
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

    /// <summary>The canary's whole life, as raw syscalls for the fork stub (no managed code runs in it).</summary>
    private static ChildProgramBuilder Prepare(int readFd, NativeArena arena)
    {
        var child = new ChildProgramBuilder();
        child.Add(Interop.SysNo.prctl, SpawnStage.Fork, PR_SET_PDEATHSIG, SIGKILL, flags: ChildOpFlags.IgnoreFailure);
        // A canary never executes, so it would keep every descriptor of the tracer process open, among them other
        // sessions' canary write ends, whose EOF would then never come: keep only our read end.
        if (readFd > 0) child.Add(Interop.SysNo.close_range, SpawnStage.Fork, 0, readFd - 1, flags: ChildOpFlags.IgnoreFailure);
        child.Add(Interop.SysNo.close_range, SpawnStage.Fork, readFd + 1, uint.MaxValue, flags: ChildOpFlags.IgnoreFailure);
        // read returns 0 once every write end is closed: by Fire, or by the tracer's death.
        child.Add(Interop.SysNo.read, SpawnStage.Fork, readFd, (long)arena.Alloc<long>(1), 8,
            flags: ChildOpFlags.RepeatWhilePositive | ChildOpFlags.IgnoreFailure);
        child.Add(Interop.SysNo.exit_group, SpawnStage.Fork, 0);
        return child;
    }
}
