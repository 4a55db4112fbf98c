using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ptracer.Native;
using Ptracer.Spawn;
using Ptracer.Syscalls;
using static Ptracer.Native.Interop;

namespace Ptracer.Engine;

/// <summary>
/// A tracing session. Every ptrace request of a session is made by one OS thread, the one that runs the loop
/// (ptrace(2): requests must come from the tracer thread that attached), so <see cref="Run(SpawnOptions, TraceHandler)"/>
/// blocks its caller and <see cref="RunAsync(SpawnOptions, TraceHandler, CancellationToken)"/> starts a dedicated thread.
/// </summary>
public sealed unsafe partial class Tracer
{
    private readonly TracerOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<int, Tracee> _tracees = [];
    private readonly byte[] _siginfo = new byte[128];
    private TraceHandler _handler = null!;
    private Tracee? _root;
    private int _rootErrorPipe = -1;
    // The spawned root runs from this memory, in our address space, until its exec: freed at the exec or its death.
    private NativeArena? _rootSpawnMemory;
    private string _rootProgram = "";
    private bool _spawned;
    private TraceResult _result;
    private Spawn.CancellationCanary? _canary;
    private volatile bool _cancelRequested;
    private readonly Lock _cancelLock = new();
    private int _rootPidfd = -1;

    public Tracer(TracerOptions? options = null, ILogger? logger = null)
    {
        _options = options ?? new TracerOptions();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The tracees currently traced, by tid.</summary>
    public IReadOnlyCollection<Tracee> Tracees => _tracees.Values;

    /// <summary>Starts <paramref name="spawn"/> under the tracer and traces it (and, if followed, its descendants) until all have exited.</summary>
    public TraceResult Run(SpawnOptions spawn, TraceHandler handler)
    {
        _handler = handler;
        _spawned = true;
        try
        {
            StartRoot(spawn);
            Loop();
            return _result;
        }
        finally
        {
            Cleanup();
        }
    }

    /// <summary>Attaches to every thread of each process in <paramref name="pids"/> and traces until they exit or the session is cancelled (then it detaches).</summary>
    public TraceResult Run(IReadOnlyList<int> pids, TraceHandler handler)
    {
        _handler = handler;
        _spawned = false;
        StartCanary();
        try
        {
            foreach (int pid in pids) AttachProcess(pid);
            Loop();
            return _result;
        }
        finally
        {
            Cleanup();
        }
    }

    public Task<TraceResult> RunAsync(SpawnOptions spawn, TraceHandler handler, CancellationToken cancellationToken = default)
        => RunOnDedicatedThread(() => Run(spawn, handler), cancellationToken);

    public Task<TraceResult> RunAsync(IReadOnlyList<int> pids, TraceHandler handler, CancellationToken cancellationToken = default)
        => RunOnDedicatedThread(() => Run(pids, handler), cancellationToken);

    /// <summary>
    /// Ends the session from any thread: a spawned tree is killed, attached processes are detached and keep running.
    /// </summary>
    public void Cancel()
    {
        _cancelRequested = true;
        lock (_cancelLock)
        {
            _canary?.Fire();
            // The root's death wakes the loop, which then kills the rest of the tree. A pidfd cannot hit a
            // recycled pid, however late this runs.
            if (_rootPidfd >= 0) Libc.pidfd_send_signal(_rootPidfd, Signals.SIGKILL, null, 0);
        }
    }

    private Task<TraceResult> RunOnDedicatedThread(Func<TraceResult> body, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<TraceResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationTokenRegistration registration = default;
        var thread = new Thread(() =>
        {
            try { completion.TrySetResult(body()); }
            catch (Exception e) { completion.TrySetException(e); }
            finally { registration.Dispose(); }
        })
        {
            IsBackground = true,
            Name = "ptracer",
        };
        // The canary must exist before Cancel can fire it; Run creates it first thing, and Fire before that only sets the flag.
        registration = cancellationToken.Register(Cancel);
        thread.Start();
        return completion.Task;
    }

    /// <summary>Attached processes cannot be killed to wake the loop; a canary child's exit does it instead.</summary>
    private void StartCanary()
    {
        var canary = CancellationCanary.Start();
        lock (_cancelLock) _canary = canary;
        if (_cancelRequested) canary.Fire();
    }

    private void Cleanup()
    {
        Spawn.CancellationCanary? canary;
        lock (_cancelLock)
        {
            canary = _canary;
            _canary = null;
            if (_rootPidfd >= 0) Libc.close(_rootPidfd);
            _rootPidfd = -1;
        }
        // Reaping the canary waits for it: never while holding the lock that Cancel takes.
        canary?.Dispose();
        if (_rootErrorPipe >= 0)
        {
            Libc.close(_rootErrorPipe);
            _rootErrorPipe = -1;
        }
        if (_spawned)
        {
            // An exception left the loop: nothing we started may outlive the session.
            foreach (Tracee t in _tracees.Values) Libc.kill(t.ProcessId, Signals.SIGKILL);
            while (_tracees.Count > 0)
            {
                int status;
                int pid = Libc.waitpid(-1, &status, Wait.__WALL | Wait.__WNOTHREAD);
                if (pid < 0 && Marshal.GetLastPInvokeError() != Errno.EINTR) break;
                if (pid > 0 && (WIfExited(status) || WIfSignaled(status))) _tracees.Remove(pid);
            }
        }
        // A root that never executed and could not be reaped may still be running from this memory: leak it then.
        if (_tracees.Count == 0) ReleaseRootSpawnMemory();
        _tracees.Clear();
    }

    private int PtraceOptions(bool spawned)
    {
        int options = Interop.Ptrace.O_TRACESYSGOOD | Interop.Ptrace.O_TRACEEXEC | Interop.Ptrace.O_TRACESECCOMP;
        if (_options.FollowChildren)
            options |= Interop.Ptrace.O_TRACEFORK | Interop.Ptrace.O_TRACEVFORK | Interop.Ptrace.O_TRACECLONE;
        if (_options.TraceVforkDone)
            options |= Interop.Ptrace.O_TRACEVFORKDONE;
        if (spawned ? _options.KillSpawnedOnTracerExit : _options.KillAttachedOnTracerExit)
            options |= Interop.Ptrace.O_EXITKILL;
        if (_options.StopBeforeExit)
            options |= Interop.Ptrace.O_TRACEEXIT;
        return options;
    }

    private void StartRoot(SpawnOptions spawn)
    {
        SpawnedChild child = Spawner.Fork(spawn);
        _rootErrorPipe = child.ErrorPipe;
        _rootSpawnMemory = child.Memory;
        _rootProgram = spawn.Program;

        // The child waits for a byte before it goes on to exec: seize it (no stop needed), then send the byte.
        if (Libc.ptrace(Interop.Ptrace.SEIZE, child.Pid, 0, PtraceOptions(spawned: true)) < 0
            || (_options.SyscallStops == SyscallStopMode.All && !StopEverySyscallFromNowOn(child.Pid)))
            throw AbandonChild(child, Marshal.GetLastPInvokeError());
        // No group-stop of the start-up to skip: the first stop is the exec's (or a signal's).
        var root = new Tracee(child.Pid, child.Pid) { IsStartingUp = true, SawFirstStop = true, Options = PtraceOptions(spawned: true) };
        _tracees.Add(root.Tid, root);
        _root = root;
        lock (_cancelLock) _rootPidfd = Libc.pidfd_open(child.Pid, 0);
        byte ready = 1;
        // A child that died meanwhile (EPIPE) is reported by the loop: its exit before exec, with its error report.
        Libc.write(child.TracerReady, &ready, 1);
        Libc.close(child.TracerReady);
        _handler.OnAttached(root);
    }

    /// <summary>
    /// PTRACE_SYSCALL takes effect when a stopped tracee is resumed with it, and a seized child has not stopped: stop
    /// it once (it is blocked reading the ready byte; the read restarts) so that its exec's entry stops too.
    /// </summary>
    private static bool StopEverySyscallFromNowOn(int pid)
    {
        if (Libc.ptrace(Interop.Ptrace.INTERRUPT, pid, 0, 0) < 0) return false;
        int status, got;
        do got = Libc.waitpid(pid, &status, Wait.__WALL);
        while (got < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR);
        if (got < 0) return false;
        if (!WIfStopped(status))
        {
            Marshal.SetLastPInvokeError(Errno.ECHILD);
            return false;
        }
        return Libc.ptrace(Interop.Ptrace.SYSCALL, pid, 0, 0) >= 0;
    }

    private SpawnException AbandonChild(SpawnedChild child, int errno)
    {
        int status;
        Libc.close(child.TracerReady);
        Libc.kill(child.Pid, Signals.SIGKILL);
        while (Libc.waitpid(child.Pid, &status, Wait.__WALL) < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR) { }
        ReleaseRootSpawnMemory();
        return SpawnFailure(SpawnStage.StopForTracer, errno);
    }

    /// <summary>Call only once the root has executed or died: until then it runs from this memory.</summary>
    private void ReleaseRootSpawnMemory()
    {
        _rootSpawnMemory?.Dispose();
        _rootSpawnMemory = null;
    }

    private SpawnException SpawnFailure(SpawnStage fallbackStage, int fallbackErrno)
    {
        (SpawnStage Stage, int Errno)? report = _rootErrorPipe >= 0 ? Spawner.ReadFailure(_rootErrorPipe) : null;
        return report is { } r
            ? new SpawnException(_rootProgram, r.Stage, r.Errno)
            : new SpawnException(_rootProgram, fallbackStage, fallbackErrno);
    }

    private void Loop()
    {
        int status;
        while (_tracees.Count > 0)
        {
            if (_cancelRequested) HandleCancel();
            if (_tracees.Count == 0) break;

            Rusage usage;
            int pid = WaitForStop(&status, &usage);
            if (pid < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EINTR) continue;
                if (errno == Errno.ECHILD) break;
                throw new TraceeException(-1, "waitpid", errno);
            }
            if (_canary is { } canary && pid == canary.Pid)
            {
                canary.Reaped();
                continue;
            }
            Dispatch(pid, status, &usage);
        }
    }

    /// <summary>
    /// wait4 for the next stop. When every syscall stops, a tracee resumed a moment ago usually stops again within
    /// microseconds (its next syscall), so the tracer first polls a bounded number of times: a tracer that is still
    /// running needs no wakeup, and on virtual machines a cross-CPU wakeup costs tens of microseconds, more than the
    /// syscall itself (measured here: dd under full tracing 5.5 s with a sleeping tracer, 1.7 s polling). With a
    /// seccomp filter stops are sparse and polling would only take a CPU from the tracees: it blocks at once.
    /// </summary>
    private int WaitForStop(int* status, Rusage* usage)
    {
        int polls = _options.SyscallStops == SyscallStopMode.All ? SpinPolls : 0;
        for (int spin = 0; spin < polls; spin++)
        {
            int pid = Libc.wait4_fast(-1, status, Wait.__WALL | Wait.__WNOTHREAD | Wait.WNOHANG, usage);
            if (pid > 0) return pid;
            if (pid < 0) break; // ECHILD or EINTR: the blocking call reports it with its errno
        }
        return Libc.wait4(-1, status, Wait.__WALL | Wait.__WNOTHREAD, usage);
    }

    private const int SpinPolls = 64;

    private void Dispatch(int pid, int status, Rusage* usage)
    {
        if (!_tracees.TryGetValue(pid, out Tracee? tracee))
        {
            // A new child's first stop can arrive before its parent's fork/clone event names it (ptrace(2)).
            // Its process id is settled by the parent's event; until then it is parked.
            tracee = new Tracee(pid, pid) { AwaitingParentEvent = true };
            _tracees.Add(pid, tracee);
        }

        if (WIfExited(status) || WIfSignaled(status))
            tracee.ResourceUsage = new TraceeResourceUsage(*usage);
        if (WIfExited(status))
        {
            Remove(tracee);
            if (tracee.IsStartingUp)
            {
                ReleaseRootSpawnMemory();
                throw SpawnFailure(SpawnStage.Execute, Errno.ECHILD);
            }
            _handler.OnExited(tracee, WExitStatus(status));
            RecordRootResult(tracee, TraceResult.Exited(WExitStatus(status)));
            return;
        }
        if (WIfSignaled(status))
        {
            Remove(tracee);
            if (tracee.IsStartingUp) ReleaseRootSpawnMemory();
            // Killed before its exec: by Cancel, an ordinary end of the session; otherwise the start failed.
            if (tracee.IsStartingUp && !_cancelRequested) throw SpawnFailure(SpawnStage.Execute, Errno.ECHILD);
            _handler.OnKilled(tracee, WTermSig(status), (status & 0x80) != 0);
            RecordRootResult(tracee, TraceResult.Killed(WTermSig(status)));
            return;
        }
        if (WIfStopped(status))
        {
            // wait4 reports a stopped tracee's current usage (kernel wait_task_stopped): strace -c's default clock.
            tracee.SystemTimeAtStop = usage->SystemTime.Seconds * TimeSpan.TicksPerSecond + usage->SystemTime.Microseconds * 10;
            HandleStop(tracee, status);
        }
    }

    private void RecordRootResult(Tracee tracee, TraceResult result)
    {
        // The root's status is that of its thread group leader (the tid that equals the process id).
        if (_root is { } root && tracee.Tid == root.ProcessId && tracee.ProcessId == root.ProcessId) _result = result;
    }

    private void HandleStop(Tracee tracee, int status)
    {
        int signal = (status >> 8) & 0xff;
        int ptraceEvent = (status >> 16) & 0xff;

        if (signal == (Signals.SIGTRAP | 0x80))
        {
            HandleSyscallStop(tracee);
            return;
        }
        switch (ptraceEvent)
        {
            case 0:
                HandleSignalDelivery(tracee, signal);
                return;
            case Interop.Ptrace.EVENT_FORK:
            case Interop.Ptrace.EVENT_VFORK:
            case Interop.Ptrace.EVENT_CLONE:
                HandleNewChild(tracee, ptraceEvent);
                return;
            case Interop.Ptrace.EVENT_EXEC:
                HandleExec(tracee);
                return;
            case Interop.Ptrace.EVENT_SECCOMP:
                HandleSyscallStop(tracee);
                return;
            case Interop.Ptrace.EVENT_VFORK_DONE:
                _handler.OnVforkDone(tracee);
                Resume(tracee, 0);
                return;
            case Interop.Ptrace.EVENT_STOP:
                HandleEventStop(tracee, signal);
                return;
            case Interop.Ptrace.EVENT_EXIT:
                if (!tracee.IsStartingUp) _handler.OnExiting(tracee);
                Resume(tracee, 0);
                return;
            default:
                Resume(tracee, 0);
                return;
        }
    }

    private void HandleSyscallStop(Tracee tracee)
    {
        PtraceSyscallInfo info;
        if (Libc.ptrace_fast(Interop.Ptrace.GET_SYSCALL_INFO, tracee.Tid, sizeof(PtraceSyscallInfo), (nint)(&info)) <= 0)
        {
            // The tracee vanished (SIGKILL from elsewhere): its exit status follows.
            return;
        }
        tracee.InstructionPointer = info.InstructionPointer;
        tracee.StackPointer = info.StackPointer;
        switch (info.Op)
        {
            case Interop.Ptrace.SYSCALL_INFO_ENTRY:
            case Interop.Ptrace.SYSCALL_INFO_SECCOMP:
                OnEntry(tracee, ref info);
                if (IsExec(tracee.Arch, tracee.SyscallNumber)) ChooseExecStop(tracee);
                break;
            case Interop.Ptrace.SYSCALL_INFO_EXIT:
                OnExit(tracee, ref info);
                break;
        }
        if (tracee.SkipExit)
        {
            // The handler does not want this syscall's exit stop: resume with PTRACE_CONT (seccomp mode), unless the
            // syscall was blocked, whose result is set at the exit.
            tracee.SkipExit = false;
            if (_options.SyscallStops == SyscallStopMode.Seccomp && tracee.BlockedReturn is null)
            {
                tracee.InSyscall = false;
                tracee.IsSeccompStop = false;
            }
        }
        int signal = tracee.ResumeSignal;
        tracee.ResumeSignal = 0;
        Resume(tracee, signal);
    }

    private static bool IsExec(SyscallArch arch, long number) => arch switch
    {
        SyscallArch.X86_64 => number is 59 or 322, // asm/unistd_64.h execve, execveat
        SyscallArch.I386 => number is 11 or 358, // asm/unistd_32.h
        _ => (number & ~SyscallTable.X32SyscallBit) is 520 or 545, // asm/unistd_x32.h
    };

    /// <summary>At an exec's entry: PTRACE_O_TRACEEXEC off for this exec if the handler asked and it is safe, else on.</summary>
    private void ChooseExecStop(Tracee tracee)
    {
        bool requested = tracee.SkipExec;
        tracee.SkipExec = false;
        if (tracee.Options == 0) return; // not known yet: a child still waiting for its parent's event cannot exec
        bool skip = requested && !tracee.IsStartingUp && tracee.Tid == tracee.ProcessId && tracee.BlockedReturn is null
            && IsOnlyThread(tracee);
        int options = skip ? tracee.Options & ~Interop.Ptrace.O_TRACEEXEC : tracee.Options | Interop.Ptrace.O_TRACEEXEC;
        if (options != tracee.Options && Libc.ptrace_fast(Interop.Ptrace.SETOPTIONS, tracee.Tid, 0, options) == 0)
            tracee.Options = options;
    }

    private bool IsOnlyThread(Tracee tracee)
    {
        foreach (Tracee other in _tracees.Values)
        {
            if (other.ProcessId == tracee.ProcessId && !ReferenceEquals(other, tracee)) return false;
        }
        return true;
    }

    private void OnEntry(Tracee tracee, ref PtraceSyscallInfo info)
    {
        tracee.IsSeccompStop = info.Op == Interop.Ptrace.SYSCALL_INFO_SECCOMP;
        tracee.SeccompData = tracee.IsSeccompStop ? info.SeccompRetData : 0;
        tracee.Arch = ArchOf(info.Arch, info.Nr);
        tracee.SyscallNumber = (int)(tracee.Arch == SyscallArch.X32 ? info.Nr & ~0x40000000UL : info.Nr);
        Span<ulong> args = tracee.ArgumentStorage;
        for (int i = 0; i < 6; i++) args[i] = info.Args[i];
        tracee.InSyscall = true;
        tracee.ClearBlock();
        if (tracee.IsStartingUp && !IsExec(tracee)) return;
        _handler.OnSyscallEntry(tracee);
    }

    private void OnExit(Tracee tracee, ref PtraceSyscallInfo info)
    {
        if (!tracee.InSyscall) return; // an exit without its entry: attached mid-syscall
        tracee.ReturnValue = info.ReturnValue;
        tracee.IsError = info.IsError != 0;
        if (tracee.BlockedReturn is long blocked)
        {
            tracee.SetReturnValue(blocked);
            tracee.ClearBlock();
        }
        bool hidden = tracee.IsStartingUp && !IsExec(tracee);
        if (!hidden) _handler.OnSyscallExit(tracee);
        tracee.InSyscall = false;
        tracee.IsSeccompStop = false;
    }

    // execve/execveat: x86_64 59/322 (asm/unistd_64.h), i386 11/358 (asm/unistd_32.h).
    private static bool IsExec(Tracee tracee) => tracee.Arch == SyscallArch.I386
        ? tracee.SyscallNumber is 11 or 358
        : tracee.SyscallNumber is 59 or 322;

    private static SyscallArch ArchOf(uint auditArch, ulong nr) => auditArch switch
    {
        Audit.ARCH_I386 => SyscallArch.I386,
        _ when (nr & 0x40000000UL) != 0 => SyscallArch.X32,
        _ => SyscallArch.X86_64,
    };

    private void HandleSignalDelivery(Tracee tracee, int signal)
    {
        fixed (byte* p = _siginfo)
        {
            if (Libc.ptrace_fast(Interop.Ptrace.GETSIGINFO, tracee.Tid, 0, (nint)p) < 0)
            {
                Resume(tracee, signal);
                return;
            }
        }
        int deliver = _handler.OnSignal(tracee, new SignalDelivery(signal, _siginfo));
        Resume(tracee, deliver);
    }

    private void HandleEventStop(Tracee tracee, int signal)
    {
        bool groupStop = signal is Signals.SIGSTOP or Signals.SIGTSTP or Signals.SIGTTIN or Signals.SIGTTOU;
        if (!tracee.SawFirstStop)
        {
            // The first stop of an auto-attached child or of an attached thread (PTRACE_INTERRUPT).
            tracee.SawFirstStop = true;
            if (tracee.AwaitingParentEvent)
            {
                tracee.Parked = true;
                return;
            }
            if (!groupStop || tracee.IsStartingUp)
            {
                Resume(tracee, 0);
                return;
            }
        }
        if (tracee.InterruptRequested && signal == Signals.SIGTRAP)
        {
            tracee.InterruptRequested = false;
            _handler.OnInterrupted(tracee);
            Resume(tracee, 0);
            return;
        }
        if (groupStop && !tracee.IsStartingUp)
        {
            _handler.OnGroupStop(tracee, signal);
            // PTRACE_LISTEN keeps it in the group-stop, as without a tracer, yet reports SIGCONT and new signals.
            if (tracee.DetachRequested) { Detach(tracee, 0); return; }
            if (Libc.ptrace_fast(Interop.Ptrace.LISTEN, tracee.Tid, 0, 0) < 0) Vanished(tracee);
            return;
        }
        Resume(tracee, 0);
    }

    private void HandleNewChild(Tracee parent, int ptraceEvent)
    {
        ulong message;
        Libc.ptrace_fast(Interop.Ptrace.GETEVENTMSG, parent.Tid, 0, (nint)(&message));
        int childTid = (int)message;
        NewTraceeKind kind = ptraceEvent switch
        {
            Interop.Ptrace.EVENT_FORK => NewTraceeKind.Fork,
            Interop.Ptrace.EVENT_VFORK => NewTraceeKind.Vfork,
            _ => NewTraceeKind.Clone,
        };
        if (childTid > 0)
        {
            bool seenAlready = _tracees.TryGetValue(childTid, out Tracee? child);
            int processId = ChildProcessId(parent, childTid, ptraceEvent);
            if (child is null)
            {
                child = new Tracee(childTid, processId);
                _tracees.Add(childTid, child);
            }
            child.ProcessId = processId;
            child.Parent = parent;
            child.Options = parent.Options; // the kernel copies them to an auto-attached child
            child.AwaitingParentEvent = false;
            _handler.OnAttached(child);
            _handler.OnNewTracee(parent, child, kind);
            if (child.Parked)
            {
                child.Parked = false;
                Resume(child, 0);
            }
        }
        Resume(parent, 0);
    }

    /// <summary>
    /// fork and vfork make a process; clone makes a thread of the parent's process when its flags hold CLONE_THREAD
    /// (sched.h 0x00010000). The flags come from the parent's own entry stop when it was seen, else from its registers
    /// (x86_64 clone: rdi; clone3: the first field of struct clone_args), else from /proc.
    /// </summary>
    private int ChildProcessId(Tracee parent, int childTid, int ptraceEvent)
    {
        const ulong CLONE_THREAD = 0x00010000;
        const long X86_64_CLONE = 56, CLONE3 = 435;
        if (ptraceEvent != Interop.Ptrace.EVENT_CLONE) return childTid;
        ulong flags;
        if (parent.InSyscall && parent.Arch == SyscallArch.X86_64 && parent.SyscallNumber == X86_64_CLONE)
        {
            flags = parent.Arguments[0];
        }
        else
        {
            UserRegs regs;
            if (Libc.ptrace_fast(Interop.Ptrace.GETREGS, parent.Tid, 0, (nint)(&regs)) < 0) return ProcessIdOf(childTid);
            if (regs.Cs == 0x33 && (long)regs.OrigRax == X86_64_CLONE) flags = regs.Rdi;
            else if (regs.Cs == 0x33 && (long)regs.OrigRax == CLONE3 && parent.Memory.TryRead(regs.Rdi, out ulong cloneArgsFlags)) flags = cloneArgsFlags;
            else return ProcessIdOf(childTid);
        }
        return (flags & CLONE_THREAD) != 0 ? parent.ProcessId : childTid;
    }

    private void HandleExec(Tracee tracee)
    {
        ulong message;
        Libc.ptrace_fast(Interop.Ptrace.GETEVENTMSG, tracee.Tid, 0, (nint)(&message));
        int formerTid = (int)message;
        if (formerTid != tracee.Tid && _tracees.TryGetValue(formerTid, out Tracee? executing))
        {
            // A non-leader thread executed: the kernel reports the stop under the leader's tid, which the
            // executing thread now owns. The old leader object is gone without an exit status of its own.
            _tracees.Remove(formerTid);
            _tracees.Remove(tracee.Tid);
            _handler.OnSuperseded(tracee, formerTid);
            executing.TakeTid(tracee.Tid);
            executing.ProcessId = tracee.Tid;
            _tracees.Add(executing.Tid, executing);
            if (ReferenceEquals(_root, tracee)) _root = executing;
            tracee = executing;
        }
        if (tracee.IsStartingUp)
        {
            tracee.IsStartingUp = false;
            ReleaseRootSpawnMemory();
            if (_rootErrorPipe >= 0)
            {
                Libc.close(_rootErrorPipe);
                _rootErrorPipe = -1;
            }
        }
        _handler.OnExec(tracee, formerTid);
        Resume(tracee, 0);
    }

    private void Resume(Tracee tracee, int signal)
    {
        if (tracee.DetachRequested)
        {
            Detach(tracee, signal);
            return;
        }
        long request = _options.SyscallStops switch
        {
            SyscallStopMode.All => Interop.Ptrace.SYSCALL,
            SyscallStopMode.Seccomp when tracee.InSyscall => Interop.Ptrace.SYSCALL,
            _ => Interop.Ptrace.CONT,
        };
        if (Libc.ptrace_fast(request, tracee.Tid, 0, signal) < 0) Vanished(tracee);
    }

    private void Detach(Tracee tracee, int signal)
    {
        Libc.ptrace(Interop.Ptrace.DETACH, tracee.Tid, 0, signal);
        _tracees.Remove(tracee.Tid);
        _handler.OnDetached(tracee);
    }

    // ESRCH from a resume: the tracee was killed while stopped; its exit status is still to be reaped.
    private void Vanished(Tracee tracee) => _logger.LogDebug("tracee {Tid} vanished while stopped", tracee.Tid);

    private void Remove(Tracee tracee)
    {
        _tracees.Remove(tracee.Tid);
        // A parked child whose parent died before its fork event was reported would wait forever.
        if (tracee.Tid == tracee.ProcessId) ReleaseParked();
    }

    private void ReleaseParked()
    {
        List<Tracee>? parked = null; // rarely any: no list (and no LINQ) at every process exit
        foreach (Tracee t in _tracees.Values)
        {
            if (t.Parked) (parked ??= []).Add(t);
        }
        if (parked is null) return;
        foreach (Tracee t in parked)
        {
            t.Parked = false;
            t.AwaitingParentEvent = false;
            t.ProcessId = ProcessIdOf(t.Tid);
            // Its parent's options are unknown (exec stops may have been off there): set the full ones.
            t.Options = PtraceOptions(_spawned);
            Libc.ptrace(Interop.Ptrace.SETOPTIONS, t.Tid, 0, t.Options);
            _handler.OnAttached(t);
            Resume(t, 0);
        }
    }

    private static int ProcessIdOf(int tid)
    {
        // /proc/TID/status "Tgid:" is the thread group; a thread's directory exists under /proc even though it is not listed.
        try
        {
            foreach (string line in File.ReadLines($"/proc/{tid}/status"))
            {
                if (line.StartsWith("Tgid:", StringComparison.Ordinal) && int.TryParse(line.AsSpan(5).Trim(), out int tgid))
                    return tgid;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return tid;
    }

    internal static bool WIfExited(int status) => (status & 0x7f) == 0;
    internal static int WExitStatus(int status) => (status >> 8) & 0xff;
    internal static bool WIfSignaled(int status) => ((status & 0x7f) + 1) >> 1 > 0 && (status & 0x7f) != 0x7f;
    internal static int WTermSig(int status) => status & 0x7f;
    internal static bool WIfStopped(int status) => (status & 0xff) == 0x7f;
}

/// <summary>How the root process ended.</summary>
public readonly record struct TraceResult(int ExitCode, int Signal, bool Detached)
{
    public static TraceResult Exited(int code) => new(code, 0, false);
    public static TraceResult Killed(int signal) => new(128 + signal, signal, false);

    /// <summary>The shell's view: the exit code, or 128+signal.</summary>
    public int ExitStatus => ExitCode;
}
