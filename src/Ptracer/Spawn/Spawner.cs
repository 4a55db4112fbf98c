using System.Runtime.InteropServices;
using Ptracer.Native;

namespace Ptracer.Spawn;

/// <summary>
/// A forked child waiting for its tracer before exec: it reads one byte from <see cref="TracerReady"/>'s other end.
/// It reports a failure to reach exec on <see cref="ErrorPipe"/>. It runs from <see cref="Memory"/>, in our address
/// space, until it executes, so that may be disposed only once the child has executed or died.
/// </summary>
internal readonly record struct SpawnedChild(int Pid, int ErrorPipe, int TracerReady, NativeArena Memory);

/// <summary>
/// The parent side of the fork child: writes down everything the child must do between fork and exec as a
/// <see cref="ChildProgram"/> (go-sandbox's forkAndExecInChild is the model), forks with signals blocked, cleans up.
/// </summary>
internal static unsafe class Spawner
{
    private const long SIGCHLD = 17, SIGKILL = 9, SIGSTOP = 19, SIG_SETMASK = 2, PR_SET_PDEATHSIG = 1;
    private const long PR_SET_NO_NEW_PRIVS = 38, SECCOMP_SET_MODE_FILTER = 1, F_SETFD = 2, F_DUPFD_CLOEXEC = 1030;
    private const long CLONE_VM = 0x100;
    // The stub's child pushes nothing and no handler runs on its stack (every signal is blocked until the dispositions
    // are back to SIG_DFL). The size is for tracers that write below its stack pointer at the exec, as the exec proxy
    // writes its new argv and envp: as much room as a forked child had, on a stack of ours that nothing else uses.
    private const nuint ChildStackSize = 8 << 20;
    private const long O_CLOEXEC = 0x80000;

    private static readonly nint s_environ = NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "environ");

    /// <summary>
    /// Forks a child that waits for its tracer before exec. Must be called on the tracer thread. The caller seizes it
    /// (PTRACE_SEIZE needs no stop), writes a byte to <see cref="SpawnedChild.TracerReady"/> and closes it, and reads
    /// <see cref="SpawnedChild.ErrorPipe"/> if the child exits before exec. A handshake through a pipe rather than a
    /// SIGSTOP the tracer waits for and a SIGCONT it sends: three ptrace stops fewer on every spawn.
    /// The child shares our memory until exec (CLONE_VM, as glibc's posix_spawn): no page tables are copied and no
    /// page of ours turns copy-on-write, which made the fork the largest part of a sandboxed run's start-up.
    /// </summary>
    public static SpawnedChild Fork(SpawnOptions options)
    {
        int* pipe = stackalloc int[2];
        if (Interop.Libc.pipe2(pipe, Interop.Flags.O_CLOEXEC) < 0)
            throw new SpawnException(options.Program, SpawnStage.Fork, Marshal.GetLastPInvokeError());
        int* ready = stackalloc int[2];
        if (Interop.Libc.pipe2(ready, Interop.Flags.O_CLOEXEC) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Interop.Libc.close(pipe[0]);
            Interop.Libc.close(pipe[1]);
            throw new SpawnException(options.Program, SpawnStage.Fork, errno);
        }
        int reportFd = pipe[1];
        var arena = new NativeArena();
        try
        {
            // The report descriptor must survive the descriptor moves: put it above every target and source.
            if (options.FileDescriptors is { } fds) reportFd = MoveAbove(pipe[1], HighestDescriptor(fds) + 1, options);
            long stackTop = arena.AllocStack(ChildStackSize);
            ChildProgram* program = Prepare(options, arena, reportFd, ready[0]).Build(arena, CLONE_VM | SIGCHLD, reportFd, stackTop);
            long pid = ForkWithSignalsBlocked(program);
            if (pid < 0) throw new SpawnException(options.Program, SpawnStage.Fork, (int)-pid);
            return new SpawnedChild((int)pid, pipe[0], ready[1], arena);
        }
        catch
        {
            arena.Dispose();
            Interop.Libc.close(pipe[0]);
            Interop.Libc.close(ready[1]);
            throw;
        }
        finally
        {
            Interop.Libc.close(pipe[1]);
            Interop.Libc.close(ready[0]);
            if (reportFd != pipe[1]) Interop.Libc.close(reportFd);
        }
    }

    /// <summary>Reads the child's {stage, errno} report; null when the pipe closed without one (exec succeeded).</summary>
    public static (SpawnStage Stage, int Errno)? ReadFailure(int errorPipe)
    {
        int* report = stackalloc int[2];
        nint n;
        do n = Interop.Libc.read(errorPipe, report, 8);
        while (n < 0 && Marshal.GetLastPInvokeError() == Interop.Errno.EINTR);
        return n == 8 ? ((SpawnStage)report[0], report[1]) : null;
    }

    private static ChildProgramBuilder Prepare(SpawnOptions options, NativeArena arena, int reportFd, int tracerReady)
    {
        var child = new ChildProgramBuilder();
        ResetDispositions(child, arena);
        // Until the tracer has seized the child, its death must take the child with it ("parent" is the forking thread).
        child.Add(Interop.SysNo.prctl, SpawnStage.ResetSignals, PR_SET_PDEATHSIG, SIGKILL, flags: ChildOpFlags.IgnoreFailure);
        // Wait for the tracer's byte: it has seized us. End of file instead means it gave up: the child exits. First,
        // before the descriptor moves, which could take the descriptor's number.
        child.Add(Interop.SysNo.read, SpawnStage.StopForTracer, tracerReady, (long)arena.Alloc<byte>(1), 1, flags: ChildOpFlags.ZeroIsFailure);
        // Seized: from here PTRACE_O_EXITKILL covers the tracer's death, and the program must not inherit ours.
        child.Add(Interop.SysNo.prctl, SpawnStage.StopForTracer, PR_SET_PDEATHSIG, 0, flags: ChildOpFlags.IgnoreFailure);
        if (options.NewProcessGroup) child.Add(Interop.SysNo.setpgid, SpawnStage.ProcessGroup);
        if (options.WorkingDirectory is { } cwd) child.Add(Interop.SysNo.chdir, SpawnStage.ChangeDirectory, (long)arena.CString(cwd));
        if (options.FileDescriptors is { } fds) MoveDescriptors(child, fds, reportFd);
        if (options.CloseOtherDescriptors)
        {
            int first = options.FileDescriptors?.Count ?? 3;
            child.Add(Interop.SysNo.close_range, SpawnStage.DuplicateDescriptor, first, uint.MaxValue, Interop.Flags.CLOSE_RANGE_CLOEXEC);
        }
        // Limits after the descriptor moves: a low RLIMIT_NOFILE must not make dup3 to a high descriptor fail.
        foreach (ResourceLimit limit in options.ResourceLimits)
        {
            ResourceLimit* copy = arena.Alloc<ResourceLimit>(1);
            *copy = limit;
            child.Add(Interop.SysNo.prlimit64, SpawnStage.ResourceLimit, 0, limit.Resource, (long)&copy->Soft);
        }
        child.Add(Interop.SysNo.rt_sigprocmask, SpawnStage.ResetSignals, SIG_SETMASK, (long)arena.Alloc<ulong>(1), 0, 8);

        if (options.User is { } user) ChangeUser(child, user, arena);
        if (options.SeccompFilter is { Count: > 0 } filter) LoadSeccomp(child, filter, arena);
        child.Add(Interop.SysNo.execve, SpawnStage.Execute, (long)arena.CString(options.Program),
            (long)arena.CStringArray(options.Arguments), (long)Environment(options, arena));
        return child;
    }

    // Inheriting passes the process's own environ array, in its order, as execve callers do.
    private static byte** Environment(SpawnOptions options, NativeArena arena) =>
        options.Environment is null ? *(byte***)s_environ : arena.CStringArray(options.Environment);

    /// <summary>The runtime's handlers and its SIG_IGN for SIGPIPE must not survive into exec.</summary>
    private static void ResetDispositions(ChildProgramBuilder child, NativeArena arena)
    {
        KernelSigaction* defaultAction = arena.Alloc<KernelSigaction>(1);
        for (long sig = 1; sig <= 64; sig++)
        {
            if (sig != SIGKILL && sig != SIGSTOP)
                child.Add(Interop.SysNo.rt_sigaction, SpawnStage.ResetSignals, sig, (long)defaultAction, 0, 8, flags: ChildOpFlags.IgnoreFailure);
        }
    }

    /// <summary>
    /// Descriptor i of the child becomes fds[i] of ours (-1 closes it). Pass 1 moves every source that an earlier
    /// target would overwrite above all targets; pass 2 puts each source at its target. The parent plans both passes:
    /// it knows every number.
    /// </summary>
    private static void MoveDescriptors(ChildProgramBuilder child, IReadOnlyList<int> fds, int reportFd)
    {
        int[] source = [.. fds];
        long next = reportFd + 1;
        for (int i = 0; i < source.Length; i++)
        {
            if (source[i] >= 0 && source[i] < i)
            {
                child.Add(Interop.SysNo.dup3, SpawnStage.DuplicateDescriptor, source[i], next, O_CLOEXEC);
                source[i] = (int)next++;
            }
        }
        for (int i = 0; i < source.Length; i++)
        {
            if (source[i] < 0)
                child.Add(Interop.SysNo.close, SpawnStage.DuplicateDescriptor, i, flags: ChildOpFlags.IgnoreFailure);
            else if (source[i] == i) // dup2 onto itself keeps FD_CLOEXEC: clear it explicitly
                child.Add(Interop.SysNo.fcntl, SpawnStage.DuplicateDescriptor, i, F_SETFD, 0);
            else
                child.Add(Interop.SysNo.dup2, SpawnStage.DuplicateDescriptor, source[i], i);
        }
    }

    private static void ChangeUser(ChildProgramBuilder child, SpawnUser user, NativeArena arena)
    {
        uint* groups = arena.Alloc<uint>(user.SupplementaryGroups.Count);
        for (int i = 0; i < user.SupplementaryGroups.Count; i++) groups[i] = user.SupplementaryGroups[i];
        child.Add(Interop.SysNo.setgroups, SpawnStage.SetUser, user.SupplementaryGroups.Count, (long)groups);
        child.Add(Interop.SysNo.setresgid, SpawnStage.SetUser, user.GroupId, user.GroupId, user.GroupId);
        child.Add(Interop.SysNo.setresuid, SpawnStage.SetUser, user.UserId, user.UserId, user.UserId);
    }

    /// <summary>
    /// Loaded only after the tracer has seized the child: SECCOMP_RET_TRACE without a tracer fails the syscall with
    /// ENOSYS. With CAP_SYS_ADMIN no_new_privs is not needed, and setting it would change what the program sees
    /// (PR_GET_NO_NEW_PRIVS, setuid programs): it is set only when the kernel asks for it (EACCES).
    /// </summary>
    private static void LoadSeccomp(ChildProgramBuilder child, IReadOnlyList<SockFilter> filter, NativeArena arena)
    {
        SockFilter* program = arena.Alloc<SockFilter>(filter.Count);
        for (int i = 0; i < filter.Count; i++) program[i] = filter[i];
        SockFprog* fprog = arena.Alloc<SockFprog>(1);
        fprog->Length = checked((ushort)filter.Count);
        fprog->Filter = program;
        int first = child.Add(Interop.SysNo.seccomp, SpawnStage.LoadSeccomp, SECCOMP_SET_MODE_FILTER, 0, (long)fprog);
        child.Add(Interop.SysNo.prctl, SpawnStage.NoNewPrivileges, PR_SET_NO_NEW_PRIVS, 1);
        child.Add(Interop.SysNo.seccomp, SpawnStage.LoadSeccomp, SECCOMP_SET_MODE_FILTER, 0, (long)fprog);
        child.Branch(first, okSkip: 2, Interop.Errno.EACCES, failSkip: 0);
    }

    private static int HighestDescriptor(IReadOnlyList<int> fds)
    {
        int highest = Math.Max(2, fds.Count - 1);
        foreach (int fd in fds) highest = Math.Max(highest, fd);
        return highest;
    }

    private static int MoveAbove(int fd, int lowest, SpawnOptions options)
    {
        int moved = Interop.Libc.fcntl(fd, (int)F_DUPFD_CLOEXEC, lowest);
        if (moved < 0) throw new SpawnException(options.Program, SpawnStage.Fork, Marshal.GetLastPInvokeError());
        return moved;
    }

    // Blocking every signal around fork keeps a runtime handler from running in the child before it resets them.
    private static long ForkWithSignalsBlocked(ChildProgram* program)
    {
        ulong all = ulong.MaxValue, old;
        Interop.Libc.pthread_sigmask(Interop.Signals.SIG_SETMASK, &all, &old);
        try
        {
            return ForkStub.Fork(program);
        }
        finally
        {
            Interop.Libc.pthread_sigmask(Interop.Signals.SIG_SETMASK, &old, null);
        }
    }
}
