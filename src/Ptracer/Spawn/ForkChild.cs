using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ptracer.Native;

namespace Ptracer.Spawn;

/// <summary>
/// Everything the child needs between fork and exec, prepared in unmanaged memory before fork so the child
/// allocates nothing and calls no managed code (go-sandbox's forkAndExecInChild is the model).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ChildSpec
{
    public delegate* unmanaged[SuppressGCTransition]<long, long, long, long, long, long, long, long> Syscall;
    /// <summary>libc syscall() called with a GC transition: a safe point that waits out a pending suspension.</summary>
    public delegate* unmanaged<long, long, long, long, long, long, long, long> SyscallAtSafePoint;
    public delegate* unmanaged[SuppressGCTransition]<int*> ErrnoLocation;
    public byte* Path;
    public byte** Argv;
    public byte** Envp;
    public byte* WorkingDirectory;
    public int* FdMap;
    public int FdCount;
    public int ErrorPipe;
    public ResourceLimit* Limits;
    public int LimitCount;
    public int NewProcessGroup;
    public SockFprog* Filter;
    public KernelSigaction* DefaultAction;
    public ulong EmptyMask;
    public int SetCredentials;
    public uint Uid;
    public uint Gid;
    public uint* Groups;
    public int GroupCount;
    public int ReportStage;
    public int ReportErrno;
}

internal static unsafe class ForkChild
{
    private const long SIGCHLD = 17, SIGKILL = 9, SIGSTOP = 19, SIG_SETMASK = 2;
    private const long PR_SET_NO_NEW_PRIVS = 38, PR_SET_PDEATHSIG = 1, SECCOMP_SET_MODE_FILTER = 1;
    private const long F_SETFD = 2, O_CLOEXEC = 0x80000;
    private const int EACCES = 13;

    /// <summary>
    /// Forks. In the parent returns the child's pid (or -errno). The child never returns: it prepares itself,
    /// stops with SIGSTOP so the tracer can seize it, loads the seccomp filter, and executes; on failure it writes
    /// {stage, errno} to the error pipe and exits 127. Compiled fully optimised up front and never inlined, so the
    /// child runs machine code that needs neither the JIT nor the GC; every call is a raw syscall through libc.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static int Fork(ChildSpec* s)
    {
        // Wait out any pending runtime suspension right before cloning, so the child's copy of the runtime is
        // unlikely to have one (see ChildStarted for the case where one starts in the remaining instant).
        s->SyscallAtSafePoint(Interop.SysNo.getpid, 0, 0, 0, 0, 0, 0);
        long pid = s->Syscall(Interop.SysNo.clone, SIGCHLD, 0, 0, 0, 0, 0);
        if (pid != 0)
            return pid < 0 ? -*s->ErrnoLocation() : (int)pid;

        // Child. First tell the parent we run: the JIT puts a GC poll right after the clone call, and a child forked
        // while another thread was suspending the runtime for a GC blocks in it forever (no GC thread exists here).
        // The parent waits for this record with a deadline and replaces a child that never sends it.
        s->ReportStage = 0;
        s->ReportErrno = 0;
        s->Syscall(Interop.SysNo.write, s->ErrorPipe, (long)&s->ReportStage, 8, 0, 0, 0);

        // Dispositions next: the runtime's handlers and its SIG_IGN for SIGPIPE must not survive into exec.
        int stage = (int)SpawnStage.ResetSignals;
        for (long sig = 1; sig <= 64; sig++)
        {
            if (sig != SIGKILL && sig != SIGSTOP)
                s->Syscall(Interop.SysNo.rt_sigaction, sig, (long)s->DefaultAction, 0, 8, 0, 0);
        }

        // Until the tracer has seized us, its death must take us with it (the "parent" here is the forking thread).
        s->Syscall(Interop.SysNo.prctl, PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0, 0);

        if (s->NewProcessGroup != 0)
        {
            stage = (int)SpawnStage.ProcessGroup;
            if (s->Syscall(Interop.SysNo.setpgid, 0, 0, 0, 0, 0, 0) < 0) goto fail;
        }

        if (s->WorkingDirectory != null)
        {
            stage = (int)SpawnStage.ChangeDirectory;
            if (s->Syscall(Interop.SysNo.chdir, (long)s->WorkingDirectory, 0, 0, 0, 0, 0) < 0) goto fail;
        }

        if (s->FdMap != null)
        {
            stage = (int)SpawnStage.DuplicateDescriptor;
            // Pass 1 moves every source that a lower target would overwrite (and the error pipe) above all targets.
            long next = s->FdCount;
            for (int i = 0; i < s->FdCount; i++)
                if (s->FdMap[i] >= next) next = s->FdMap[i] + 1;
            if (s->ErrorPipe < next)
            {
                if (s->Syscall(Interop.SysNo.dup3, s->ErrorPipe, next, O_CLOEXEC, 0, 0, 0) < 0) goto fail;
                s->ErrorPipe = (int)next++;
            }
            for (int i = 0; i < s->FdCount; i++)
            {
                int fd = s->FdMap[i];
                if (fd >= 0 && fd < i)
                {
                    if (s->Syscall(Interop.SysNo.dup3, fd, next, O_CLOEXEC, 0, 0, 0) < 0) goto fail;
                    s->FdMap[i] = (int)next++;
                }
            }
            // Pass 2 puts each source at its target; dup2 onto itself keeps FD_CLOEXEC, so clear it explicitly.
            for (int i = 0; i < s->FdCount; i++)
            {
                int fd = s->FdMap[i];
                if (fd < 0) { s->Syscall(Interop.SysNo.close, i, 0, 0, 0, 0, 0); continue; }
                if (fd == i)
                {
                    if (s->Syscall(Interop.SysNo.fcntl, i, F_SETFD, 0, 0, 0, 0) < 0) goto fail;
                    continue;
                }
                if (s->Syscall(Interop.SysNo.dup2, fd, i, 0, 0, 0, 0) < 0) goto fail;
            }
        }

        // Limits after the descriptor moves: a low RLIMIT_NOFILE must not make dup3 to a high descriptor fail.
        stage = (int)SpawnStage.ResourceLimit;
        for (int i = 0; i < s->LimitCount; i++)
        {
            ResourceLimit* l = &s->Limits[i];
            if (s->Syscall(Interop.SysNo.prlimit64, 0, l->Resource, (long)&l->Soft, 0, 0, 0) < 0) goto fail;
        }

        stage = (int)SpawnStage.ResetSignals;
        if (s->Syscall(Interop.SysNo.rt_sigprocmask, SIG_SETMASK, (long)&s->EmptyMask, 0, 8, 0, 0) < 0) goto fail;

        // Wait for the tracer: it sees us stopped, seizes us and sends SIGCONT.
        stage = (int)SpawnStage.StopForTracer;
        long self = s->Syscall(Interop.SysNo.getpid, 0, 0, 0, 0, 0, 0);
        if (s->Syscall(Interop.SysNo.kill, self, SIGSTOP, 0, 0, 0, 0) < 0) goto fail;

        // Seized: from here PTRACE_O_EXITKILL covers the tracer's death, and the program must not inherit ours.
        s->Syscall(Interop.SysNo.prctl, PR_SET_PDEATHSIG, 0, 0, 0, 0, 0);

        if (s->SetCredentials != 0)
        {
            // Groups and gid first: after setuid the process may no longer change them.
            stage = (int)SpawnStage.Credentials;
            if (s->Syscall(Interop.SysNo.setgroups, s->GroupCount, (long)s->Groups, 0, 0, 0, 0) < 0) goto fail;
            if (s->Syscall(Interop.SysNo.setgid, s->Gid, 0, 0, 0, 0, 0) < 0) goto fail;
            if (s->Syscall(Interop.SysNo.setuid, s->Uid, 0, 0, 0, 0, 0) < 0) goto fail;
        }

        if (s->Filter != null)
        {
            // Loaded only now: SECCOMP_RET_TRACE without a tracer attached would fail the syscall with ENOSYS.
            // With CAP_SYS_ADMIN no_new_privs is not needed, and setting it would change what the program sees
            // (PR_GET_NO_NEW_PRIVS, setuid programs): set it only when the kernel asks for it (EACCES).
            stage = (int)SpawnStage.LoadSeccomp;
            if (s->Syscall(Interop.SysNo.seccomp, SECCOMP_SET_MODE_FILTER, 0, (long)s->Filter, 0, 0, 0) < 0)
            {
                if (*s->ErrnoLocation() != EACCES) goto fail;
                stage = (int)SpawnStage.NoNewPrivileges;
                if (s->Syscall(Interop.SysNo.prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0, 0) < 0) goto fail;
                stage = (int)SpawnStage.LoadSeccomp;
                if (s->Syscall(Interop.SysNo.seccomp, SECCOMP_SET_MODE_FILTER, 0, (long)s->Filter, 0, 0, 0) < 0) goto fail;
            }
        }

        stage = (int)SpawnStage.Execute;
        s->Syscall(Interop.SysNo.execve, (long)s->Path, (long)s->Argv, (long)s->Envp, 0, 0, 0);

    fail:
        s->ReportStage = stage;
        s->ReportErrno = *s->ErrnoLocation();
        s->Syscall(Interop.SysNo.write, s->ErrorPipe, (long)&s->ReportStage, 8, 0, 0, 0);
        s->Syscall(Interop.SysNo.exit_group, 127, 0, 0, 0, 0, 0);
        return 0;
    }
}
