using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Ptracer.Engine;
using Ptracer.Native;
using Ptracer.Seccomp;
using Ptracer.Spawn;

namespace Ptracer.Sandbox;

/// <summary>
/// Runs a program under limits and a policy and returns a verdict. Every exit path kills and reaps the whole tree:
/// the limits (watchdog or signal), the policy, the end of the main process (what is left of its tree is killed),
/// cancellation and exceptions; PTRACE_O_EXITKILL covers the runner's own death.
/// </summary>
public sealed class SandboxRunner
{
    private readonly SandboxOptions _options;

    public SandboxRunner(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Runs on the calling thread (which becomes the tracer thread) until the tree is gone.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; the tree was killed and reaped first.</exception>
    public SandboxResult Run(CancellationToken cancellationToken = default)
    {
        var session = new SandboxSession(_options);
        SandboxResult result = session.Run(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return result;
    }

    /// <summary>Runs on a dedicated thread (ptrace requests must all come from one thread).</summary>
    public Task<SandboxResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var completion = new TaskCompletionSource<SandboxResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { completion.TrySetResult(Run(cancellationToken)); }
            catch (OperationCanceledException e) { completion.TrySetCanceled(e.CancellationToken); }
            catch (Exception e) { completion.TrySetException(e); }
        })
        {
            IsBackground = true,
            Name = "ptracer-sandbox",
        };
        thread.Start();
        return completion.Task;
    }

    public static SandboxResult Run(SandboxOptions options) => new SandboxRunner(options).Run();
}

/// <summary>Why the runner killed the tree (the first reason wins).</summary>
internal sealed record KillReason(SandboxStatus Status, string Detail, DisallowedSyscallInfo? Syscall = null);

/// <summary>One run: the tracer, its handler, the watchdog and the output pumps.</summary>
internal sealed unsafe class SandboxSession : TraceHandler
{
    private const int SIGKILL = 9, SIGXCPU = 24, SIGXFSZ = 25;
    private const int RLIMIT_CPU = 0, RLIMIT_FSIZE = 1, RLIMIT_STACK = 3, RLIMIT_CORE = 4, RLIMIT_NOFILE = 7, RLIMIT_AS = 9;
    private const int EPERM = 1, EFAULT = 14, EACCES = 13, ENAMETOOLONG = 36;

    private readonly SandboxOptions _options;
    private readonly SandboxLimits _limits;
    private readonly SandboxPolicy _policy;
    private readonly Tracer _tracer;
    private readonly ConcurrentDictionary<int, ProcessInfo> _live = new();
    private readonly Dictionary<int, long> _reapedCpuTicks = [];
    private readonly byte[][] _readRules;
    private readonly byte[][] _writeRules;
    private readonly PathResolver _paths = new();
    private readonly byte[] _pathBuffer = new byte[4097];
    private readonly Stopwatch _wall = new();
    private readonly ManualResetEventSlim _done = new();
    private readonly List<OutputPump> _pumps = [];
    private readonly List<int> _closeAfterSpawn = [];
    private readonly List<int> _closeAtEnd = [];
    private KillReason? _reason;
    private volatile bool _killing;
    private long _exitedCpuTicks;
    private long _peakSum;
    private long _nextTreeSample;
    private Thread? _watchdog;
    private long _peakSingle;
    private int _softBans;
    private int _rootPid;

    public SandboxSession(SandboxOptions options)
    {
        _options = options;
        _limits = options.Limits;
        _policy = options.Policy;
        _tracer = new Tracer(new TracerOptions
        {
            FollowChildren = true,
            SyscallStops = SyscallStopMode.Seccomp,
            KillSpawnedOnTracerExit = true,
            StopBeforeExit = true,
        });
        _writeRules = _paths.ResolveRules(_policy.WritePaths, []);
        _readRules = _paths.ResolveRules(_policy.ReadPaths, _writeRules);
    }

    private sealed class ProcessInfo(int pid, bool measureMemory)
    {
        public int Pid { get; } = pid;
        /// <summary>False for the root until it executes: before that it is a copy of the runner.</summary>
        public volatile bool MeasureMemory = measureMemory;
        /// <summary>rusage of the children this process reaped itself: its own rusage includes them.</summary>
        public long ReapedChildrenTicks;
    }

    public SandboxResult Run(CancellationToken cancellationToken)
    {
        TraceResult trace = default;
        RunnerErrorInfo? error = null;
        try
        {
            SpawnOptions spawn = PrepareSpawn();
            using CancellationTokenRegistration registration = cancellationToken.Register(() => Kill(null, "cancelled"));
            _wall.Start();
            // Without a CPU, wall or memory limit there is nothing to watch until a second process needs its memory
            // summed (OnNewTracee): a single process's peak is its VmHWM, read as it exits.
            if (_limits.CpuTime is not null || _limits.EffectiveWallTime is not null || _limits.MemoryBytes is not null) StartWatchdog();
            trace = _tracer.Run(spawn, this);
        }
        catch (SpawnException e)
        {
            error = new RunnerErrorInfo(e.Stage.ToString(), e.Errno, e.Message);
        }
        catch (SandboxSetupException e)
        {
            error = new RunnerErrorInfo(e.Stage, e.Errno, e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The tracer killed and reaped the tree before the exception left Run.
            error = new RunnerErrorInfo("Runner", 0, e.Message);
        }
        finally
        {
            _wall.Stop();
            _done.Set();
            _watchdog?.Join();
            foreach (int fd in _closeAfterSpawn) Interop.Libc.close(fd);
            _closeAfterSpawn.Clear();
            foreach (OutputPump pump in _pumps) pump.Finish();
            foreach (int fd in _closeAtEnd) Interop.Libc.close(fd);
        }
        return Verdict(trace, error);
    }

    private SandboxResult Verdict(TraceResult trace, RunnerErrorInfo? error)
    {
        long cpuTicks = Interlocked.Read(ref _exitedCpuTicks);
        long memory = Math.Max(Interlocked.Read(ref _peakSum), Interlocked.Read(ref _peakSingle));
        var result = new SandboxResult
        {
            Status = SandboxStatus.Normal,
            CpuTimeMs = cpuTicks / (double)TimeSpan.TicksPerMillisecond,
            WallTimeMs = _wall.Elapsed.TotalMilliseconds,
            MemoryBytes = memory,
            SoftBans = _softBans,
        };
        if (error is not null)
            return result with { Status = SandboxStatus.RunnerError, Error = error, Detail = error.Message };

        result = trace.Signal != 0 ? result with { Signal = trace.Signal } : result with { ExitCode = trace.ExitCode };
        if (Volatile.Read(ref _reason) is { } reason && reason.Status != SandboxStatus.Normal)
            return result with { Status = reason.Status, Detail = reason.Detail, DisallowedSyscall = reason.Syscall };
        if (_limits.CpuTime is { } cpu && cpuTicks > cpu.Ticks)
            return result with { Status = SandboxStatus.TimeLimitExceeded, Detail = $"CPU time limit {cpu.TotalMilliseconds:0} ms exceeded" };
        if (_limits.MemoryBytes is { } mem && memory > mem)
            return result with { Status = SandboxStatus.MemoryLimitExceeded, Detail = $"memory limit {mem} bytes exceeded" };
        if (trace.Signal != 0)
            return result with { Status = SandboxStatus.Signalled, Detail = $"killed by signal {trace.Signal}" };
        if (trace.ExitCode != 0)
            return result with { Status = SandboxStatus.NonzeroExitStatus, Detail = $"exit status {trace.ExitCode}" };
        return result;
    }

    // ---- set-up ----

    private SpawnOptions PrepareSpawn()
    {
        string? pathVariable = _options.Environment is { } env
            ? env.FirstOrDefault(e => e.StartsWith("PATH=", StringComparison.Ordinal))?[5..]
            : Environment.GetEnvironmentVariable("PATH");
        string program = ExecutableLocator.Resolve(_options.Program, pathVariable);

        int stdin = OpenStream(_options.Stdin, 0, write: false, "OpenStdin");
        int stdout = OpenStream(_options.Stdout, 1, write: true, "OpenStdout");
        int stderr = OpenStream(_options.Stderr, 2, write: true, "OpenStderr");

        var limits = new List<ResourceLimit> { new(RLIMIT_CORE, 0, 0) };
        if (_limits.CpuTime is { } cpu)
        {
            ulong seconds = (ulong)Math.Ceiling(cpu.TotalSeconds) + 1;
            limits.Add(new ResourceLimit(RLIMIT_CPU, seconds, seconds + 1));
        }
        if (_limits.OutputBytes is { } output) limits.Add(new ResourceLimit(RLIMIT_FSIZE, (ulong)output, (ulong)output));
        if (_limits.StackBytes is { } stack) limits.Add(new ResourceLimit(RLIMIT_STACK, (ulong)stack, (ulong)stack));
        if (_limits.AddressSpaceBytes is { } addressSpace) limits.Add(new ResourceLimit(RLIMIT_AS, (ulong)addressSpace, (ulong)addressSpace));
        if (_limits.OpenFiles is { } files) limits.Add(new ResourceLimit(RLIMIT_NOFILE, (ulong)files, (ulong)files));

        SeccompPolicy seccomp = _policy.ToSeccompPolicy();
        return new SpawnOptions
        {
            Program = program,
            Arguments = _options.Arguments ?? [_options.Program],
            Environment = _options.Environment,
            WorkingDirectory = _options.WorkingDirectory,
            FileDescriptors = [stdin, stdout, stderr],
            ResourceLimits = limits,
            SeccompFilter = SeccompFilterCompiler.Compile(seccomp),
            // Its own group: kill(0, ...) and kill(-pgid, ...) from the program then reach only the tree.
            NewProcessGroup = true,
            // The program sees only the descriptors it was given, whatever the host process left open without CLOEXEC.
            CloseOtherDescriptors = true,
        };
    }

    private int OpenStream(SandboxStream stream, int number, bool write, string stage)
    {
        int fd;
        switch (stream.Kind)
        {
            case SandboxStreamKind.File:
                int flags = write ? Interop.Flags.O_WRONLY | 0x40 /* O_CREAT */ | 0x200 /* O_TRUNC */ : Interop.Flags.O_RDONLY;
                fd = Interop.Libc.open(stream.Path!, flags | Interop.Flags.O_CLOEXEC, 0x1a4 /* 0644 */);
                if (fd < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    throw new SandboxSetupException(stage, errno, $"cannot open '{stream.Path}': {Interop.Libc.StrError(errno)}");
                }
                _closeAtEnd.Add(fd);
                // RLIMIT_FSIZE covers a file; /dev/null and other devices need no limit.
                return fd;
            case SandboxStreamKind.Descriptor:
                fd = stream.Descriptor;
                break;
            default:
                fd = number;
                break;
        }
        // A pipe, socket or terminal is not limited by RLIMIT_FSIZE: the runner counts the bytes through a pipe of its own.
        if (write && _limits.OutputBytes is { } limit && !IsRegularFile(fd))
        {
            int* fds = stackalloc int[2];
            if (Interop.Libc.pipe2(fds, Interop.Flags.O_CLOEXEC) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw new SandboxSetupException(stage, errno, $"cannot create an output pipe: {Interop.Libc.StrError(errno)}");
            }
            _closeAfterSpawn.Add(fds[1]);
            _pumps.Add(new OutputPump(fds[0], fd, limit, number == 1 ? "stdout" : "stderr", this));
            return fds[1];
        }
        return fd;
    }

    private static bool IsRegularFile(int fd)
    {
        string? target = PathResolver.ReadLink($"/proc/self/fd/{fd}");
        return target is not null && target.StartsWith('/') && !target.StartsWith("/dev/", StringComparison.Ordinal);
    }

    // ---- killing ----

    /// <summary>Records the first reason (null: no verdict of its own, e.g. the main process ended) and kills the tree.</summary>
    internal void Kill(KillReason? reason, string why)
    {
        if (reason is not null) Interlocked.CompareExchange(ref _reason, reason, null);
        _killing = true;
        _tracer.Cancel();
    }

    /// <summary>On the tracer thread: kill every tracee now (Cancel's pidfd reaches only a live root).</summary>
    private void KillTree(KillReason? reason)
    {
        if (reason is not null) Interlocked.CompareExchange(ref _reason, reason, null);
        _killing = true;
        foreach (Tracee t in _tracer.Tracees) Interop.Libc.kill(t.ProcessId, SIGKILL);
    }

    private void Disallow(Tracee tracee, string reason, string? path = null)
    {
        var info = new DisallowedSyscallInfo(
            tracee.Syscall?.Name ?? $"syscall_{tracee.SyscallNumber}", tracee.SyscallNumber,
            tracee.Arch.ToString(), tracee.Arguments.ToArray(), reason) { Path = path };
        string detail = path is null ? $"{info.Name}: {reason}" : $"{info.Name}(\"{path}\"): {reason}";
        try { tracee.BlockSyscall(-EPERM); } catch (TraceeException) { }
        KillTree(new KillReason(SandboxStatus.DisallowedSyscall, detail, info));
    }

    private void SoftDeny(Tracee tracee, int errno)
    {
        Interlocked.Increment(ref _softBans);
        try { tracee.BlockSyscall(-errno); } catch (TraceeException) { }
    }

    // ---- the handler (tracer thread) ----

    public override void OnAttached(Tracee tracee)
    {
        if (_rootPid == 0)
        {
            _rootPid = tracee.ProcessId;
            // The child holds its copies of the output pipes now: ours must go for the pumps to see EOF.
            foreach (int fd in _closeAfterSpawn) Interop.Libc.close(fd);
            _closeAfterSpawn.Clear();
            foreach (OutputPump pump in _pumps) pump.Start();
        }
        if (tracee.Tid == tracee.ProcessId) _live.TryAdd(tracee.ProcessId, new ProcessInfo(tracee.ProcessId, tracee.ProcessId != _rootPid));
        if (_killing) tracee.Kill();
    }

    public override void OnNewTracee(Tracee parent, Tracee child, NewTraceeKind kind)
    {
        if (_killing)
        {
            child.Kill();
            return;
        }
        StartWatchdog();
        if (_limits.Processes is { } max && _tracer.Tracees.Count > max)
        {
            // The status list has no process-limit verdict: it is DisallowedSyscall, naming the creating syscall.
            DisallowedSyscallInfo info = ProcessLimitInfo(parent, kind, max);
            KillTree(new KillReason(SandboxStatus.DisallowedSyscall, $"process limit {max} exceeded ({info.Name})", info));
        }
    }

    /// <summary>The syscall that created one process or thread too many: at the fork/clone event stop the parent's
    /// orig_rax still holds its number and the argument registers its arguments.</summary>
    private static DisallowedSyscallInfo ProcessLimitInfo(Tracee parent, NewTraceeKind kind, int max)
    {
        string reason = $"process limit {max} exceeded (processes and threads)";
        string fallback = kind switch { NewTraceeKind.Fork => "fork", NewTraceeKind.Vfork => "vfork", _ => "clone" };
        try
        {
            UserRegs regs = parent.GetRegisters();
            long number = (long)regs.OrigRax;
            string name = Syscalls.SyscallTable.Lookup(parent.Arch, number)?.Name ?? fallback;
            ulong[] arguments = parent.Arch == Syscalls.SyscallArch.X86_64 ? [.. Enumerable.Range(0, 6).Select(i => Registers.GetArgument(regs, i))] : [];
            return new DisallowedSyscallInfo(name, (int)number, parent.Arch.ToString(), arguments, reason);
        }
        catch (TraceeException)
        {
            return new DisallowedSyscallInfo(fallback, -1, parent.Arch.ToString(), [], reason);
        }
    }

    public override void OnExec(Tracee tracee, int formerTid)
    {
        if (_live.TryGetValue(tracee.ProcessId, out ProcessInfo? info)) info.MeasureMemory = true;
        if (_killing) tracee.Kill();
    }

    public override void OnExiting(Tracee tracee)
    {
        // The last look at the address space: its high-water mark.
        if (_live.TryGetValue(tracee.ProcessId, out ProcessInfo? info) && info.MeasureMemory)
        {
            (long _, long hwm) = ProcStatus.ReadMemory(tracee.Tid);
            UpdateMax(ref _peakSingle, hwm);
            CheckMemory();
        }
    }

    public override void OnExited(Tracee tracee, int exitCode) => Ended(tracee);

    public override void OnKilled(Tracee tracee, int signal, bool coreDumped) => Ended(tracee);

    private void Ended(Tracee tracee)
    {
        if (tracee.Tid != tracee.ProcessId) return; // a thread: its process's usage comes with the leader
        TraceeResourceUsage usage = tracee.ResourceUsage;
        long ticks = usage.UserTime.Ticks + usage.SystemTime.Ticks;
        long own = ticks;
        if (_live.TryRemove(tracee.ProcessId, out ProcessInfo? info))
            own -= Interlocked.Read(ref info.ReapedChildrenTicks);
        Interlocked.Add(ref _exitedCpuTicks, Math.Max(0, own));
        _reapedCpuTicks[tracee.ProcessId] = ticks;
        // ru_maxrss of the root counts the runner's image it was forked from: only the program's own children use it.
        if (tracee.ProcessId != _rootPid) UpdateMax(ref _peakSingle, usage.PeakRssBytes);

        if (tracee.ProcessId == _rootPid && !_killing && _tracer.Tracees.Count > 0)
            KillTree(null); // the main process is gone: what is left of its tree goes with it
    }

    public override int OnSignal(Tracee tracee, in SignalDelivery signal)
    {
        if (_killing)
        {
            tracee.Kill();
            return 0;
        }
        if (signal.Signal == SIGXCPU)
            KillTree(new KillReason(SandboxStatus.TimeLimitExceeded, "CPU time limit exceeded (RLIMIT_CPU)"));
        else if (signal.Signal == SIGXFSZ)
            KillTree(new KillReason(SandboxStatus.OutputLimitExceeded, $"output limit {_limits.OutputBytes} bytes exceeded"));
        return signal.Signal;
    }

    public override void OnSyscallEntry(Tracee tracee)
    {
        if (_killing)
        {
            tracee.Kill();
            return;
        }
        // Only a wait's result is looked at (the CPU time of reaped children): every other exit stop would be a
        // round trip through the tracer for nothing.
        if (tracee.SeccompData != SandboxPolicy.TagWait) tracee.SkipExitStop();
        if (!tracee.IsSeccompStop || tracee.IsStartingUp) return; // the runner's own exec of the program
        switch (tracee.SeccompData)
        {
            case SandboxPolicy.TagKill:
                Disallow(tracee, "not allowed by the policy");
                return;
            case SandboxPolicy.TagNonNative:
                Disallow(tracee, $"{tracee.Arch} syscall (only x86_64 is allowed)");
                return;
            case SandboxPolicy.TagExec:
                Disallow(tracee, "exec after the program's start");
                return;
            case SandboxPolicy.TagSignal:
                CheckTarget(tracee);
                return;
            case SandboxPolicy.TagFile:
                CheckPaths(tracee);
                return;
        }
    }

    public override void OnSyscallExit(Tracee tracee)
    {
        if (tracee.SeccompData != SandboxPolicy.TagWait || tracee.IsError) return;
        string? name = tracee.Syscall?.Name;
        ReadOnlySpan<ulong> args = tracee.Arguments;
        int reaped = 0;
        if (name == "wait4" && tracee.ReturnValue > 0)
        {
            const int WUNTRACED = 2, WCONTINUED = 8;
            bool terminationOnly = ((int)args[2] & (WUNTRACED | WCONTINUED)) == 0;
            if (terminationOnly) reaped = (int)tracee.ReturnValue;
            else if (args[1] != 0 && tracee.Memory.TryRead(args[1], out int status) && ((status & 0x7f) != 0x7f) && (status & 0xffff) != 0xffff)
                reaped = (int)tracee.ReturnValue;
        }
        else if (name == "waitid" && tracee.ReturnValue == 0 && args[2] != 0)
        {
            const int WNOWAIT = 0x01000000, CLD_EXITED = 1, CLD_DUMPED = 3;
            if (((int)args[3] & WNOWAIT) == 0
                && tracee.Memory.TryRead(args[2] + 8, out int code) && code is >= CLD_EXITED and <= CLD_DUMPED
                && tracee.Memory.TryRead(args[2] + 16, out int pid))
                reaped = pid;
        }
        if (reaped > 0 && _reapedCpuTicks.Remove(reaped, out long ticks) && _live.TryGetValue(tracee.ProcessId, out ProcessInfo? parent))
            Interlocked.Add(ref parent.ReapedChildrenTicks, ticks);
    }

    private void CheckTarget(Tracee tracee)
    {
        ReadOnlySpan<ulong> args = tracee.Arguments;
        string name = tracee.Syscall?.Name ?? "";
        int first = (int)args[0];
        bool inside = name switch
        {
            "kill" => GroupOrProcessInside(tracee, (int)args[0]),
            "tkill" => _tracer.Tracees.Any(t => t.Tid == first),
            "tgkill" or "rt_sigqueueinfo" or "rt_tgsigqueueinfo" or "pidfd_open" or "prlimit64" => (int)args[0] > 0 && _live.ContainsKey((int)args[0]),
            _ => false,
        };
        if (!inside) Disallow(tracee, "targets a process outside the sandbox");
    }

    private bool GroupOrProcessInside(Tracee tracee, int pid)
    {
        if (pid > 0) return _live.ContainsKey(pid);
        if (pid == -1) return false;
        int group = pid == 0 ? ProcStatus.ProcessGroup(tracee.Tid) : -pid;
        return group == _rootPid || _live.ContainsKey(group);
    }

    private void CheckPaths(Tracee tracee)
    {
        string? name = tracee.Syscall?.Name;
        if (name is null)
        {
            Disallow(tracee, "unknown path syscall");
            return;
        }
        ReadOnlySpan<ulong> args = tracee.Arguments;
        ulong openat2Flags = 0;
        if (name == "openat2" && !tracee.Memory.TryRead(args[2], out openat2Flags))
        {
            SoftDeny(tracee, EFAULT);
            return;
        }
        Span<PathArg> pathArgs = stackalloc PathArg[2];
        foreach (PathArg arg in pathArgs[..FileRules.Describe(name, args, openat2Flags, pathArgs)])
        {
            int length = tracee.Memory.ReadCString(args[arg.PathIndex], _pathBuffer, out bool terminated);
            if (!terminated)
            {
                SoftDeny(tracee, length >= _pathBuffer.Length ? ENAMETOOLONG : EFAULT);
                return;
            }
            if (length == 0) continue; // ENOENT, or the descriptor itself with AT_EMPTY_PATH
            ReadOnlySpan<byte> path = _pathBuffer.AsSpan(0, length);
            int dirFd = arg.DirFdIndex < 0 ? FileRules.AT_FDCWD : (int)args[arg.DirFdIndex];
            switch (_paths.Resolve(tracee.ProcessId, tracee.Tid, dirFd, path, arg.FollowFinal))
            {
                case PathResolution.Escape:
                    Disallow(tracee, "a /proc magic link (fd, root, cwd, exe, ...) escapes the file rules", Text(path));
                    return;
                case PathResolution.Unresolvable:
                    Deny(tracee, arg.Access, unresolvable: true, path);
                    return;
            }
            if (!Allowed(arg.Access, _paths.Result))
            {
                Deny(tracee, arg.Access, unresolvable: false, _paths.Result);
                return;
            }
        }
    }

    /// <summary>A denied write kills (unless the policy says otherwise); anything else fails with an errno, and builds no message.</summary>
    private void Deny(Tracee tracee, FileAccessKind access, bool unresolvable, ReadOnlySpan<byte> path)
    {
        if (access == FileAccessKind.Write && _policy.KillOnDeniedWrite)
        {
            string reason = unresolvable ? "a path the runner cannot resolve" : "write of a path outside the allowed ones";
            Disallow(tracee, reason, Text(path));
        }
        else SoftDeny(tracee, access == FileAccessKind.Write ? EACCES : _policy.DeniedReadErrno);
    }

    private static string Text(ReadOnlySpan<byte> path) => System.Text.Encoding.UTF8.GetString(path);

    private bool Allowed(FileAccessKind access, ReadOnlySpan<byte> path)
    {
        foreach (byte[] rule in access == FileAccessKind.Write ? _writeRules : _readRules)
        {
            // stat may also look at the directories above an allowed path (the loader and libc walk them).
            if (PathResolver.IsUnder(path, rule) || (access == FileAccessKind.Stat && PathResolver.IsUnder(rule, path))) return true;
        }
        return false;
    }

    // ---- the watchdog ----

    private void StartWatchdog()
    {
        if (_watchdog is not null) return;
        _watchdog = new Thread(Watch) { IsBackground = true, Name = "ptracer-sandbox-watchdog" };
        _watchdog.Start();
    }

    private void Watch()
    {
        TimeSpan interval = _options.SampleInterval;
        TimeSpan? wallLimit = _limits.EffectiveWallTime;
        long cpuLimit = _limits.CpuTime?.Ticks ?? long.MaxValue;
        while (!_done.Wait(interval))
        {
            if (_killing) continue;
            long cpu = Interlocked.Read(ref _exitedCpuTicks);
            long rssSum = 0;
            int measured = 0;
            foreach (ProcessInfo info in _live.Values)
            {
                cpu += ProcessCpuTicks(info.Pid);
                if (!info.MeasureMemory) continue;
                (long rss, long hwm) = ProcStatus.ReadMemory(info.Pid);
                rssSum += rss;
                measured++;
                UpdateMax(ref _peakSingle, hwm);
            }
            // Sum of Pss <= sum of VmRSS: only when the cheap bound could raise the peak is the exact sum worth its cost.
            if (measured > 1 && rssSum > Interlocked.Read(ref _peakSum)) SampleTreeMemory();
            if (cpu > cpuLimit)
                Kill(new KillReason(SandboxStatus.TimeLimitExceeded, $"CPU time limit {_limits.CpuTime!.Value.TotalMilliseconds:0} ms exceeded"), "cpu");
            else if (wallLimit is { } wall && _wall.Elapsed > wall)
                Kill(new KillReason(SandboxStatus.TimeLimitExceeded, $"wall time limit {wall.TotalMilliseconds:0} ms exceeded"), "wall");
            else
                CheckMemory();
        }
    }

    /// <summary>
    /// The tree's memory as the sum of Pss (proportional set size, /proc/PID/smaps_rollup): a page shared by n
    /// processes counts 1/n in each, so pages shared after fork count once. smaps_rollup walks the page tables (about
    /// 14 ms for 400 MiB here), so reads are spaced to twice the time the last one took: at most a third of a core.
    /// </summary>
    private void SampleTreeMemory()
    {
        long start = Stopwatch.GetTimestamp();
        if (start < _nextTreeSample) return;
        long pssSum = 0;
        foreach (ProcessInfo info in _live.Values)
            if (info.MeasureMemory) pssSum += ProcStatus.ReadPss(info.Pid);
        UpdateMax(ref _peakSum, pssSum);
        long end = Stopwatch.GetTimestamp();
        _nextTreeSample = end + 2 * (end - start);
    }

    private void CheckMemory()
    {
        if (_limits.MemoryBytes is { } limit && Math.Max(Interlocked.Read(ref _peakSum), Interlocked.Read(ref _peakSingle)) > limit)
            Kill(new KillReason(SandboxStatus.MemoryLimitExceeded, $"memory limit {limit} bytes exceeded"), "memory");
    }

    /// <summary>The process's CPU clock (CLOCK_PROCESS_CPUTIME_ID of another process: all its threads, nanoseconds), 0 once it is gone.</summary>
    private static long ProcessCpuTicks(int pid)
    {
        int clock = (int)(~(uint)pid << 3) | 2; // MAKE_PROCESS_CPUCLOCK(pid, CPUCLOCK_SCHED)
        Timespec ts;
        if (Interop.Libc.clock_gettime(clock, &ts) < 0) return 0;
        return ts.Seconds * TimeSpan.TicksPerSecond + ts.Nanoseconds / 100;
    }

    private static void UpdateMax(ref long target, long value)
    {
        long seen = Interlocked.Read(ref target);
        while (value > seen)
        {
            long prior = Interlocked.CompareExchange(ref target, value, seen);
            if (prior == seen) return;
            seen = prior;
        }
    }

    /// <summary>Copies a pipe the program writes to into the real destination, up to the output limit.</summary>
    private sealed class OutputPump(int source, int destination, long limit, string name, SandboxSession session)
    {
        private Thread? _thread;

        public void Start()
        {
            _thread = new Thread(Pump) { IsBackground = true, Name = $"ptracer-sandbox-{name}" };
            _thread.Start();
        }

        private void Pump()
        {
            byte[] buffer = new byte[65536];
            long total = 0;
            bool over = false;
            fixed (byte* p = buffer)
            {
                while (true)
                {
                    nint n = Interop.Libc.read(source, p, buffer.Length);
                    if (n < 0 && Marshal.GetLastPInvokeError() == Interop.Errno.EINTR) continue;
                    if (n <= 0) break;
                    if (over) continue; // drain until the tree is gone
                    long allowed = Math.Min(n, limit - total);
                    WriteAll(p, allowed);
                    total += allowed;
                    if (allowed < n)
                    {
                        over = true;
                        session.Kill(new KillReason(SandboxStatus.OutputLimitExceeded, $"output limit {limit} bytes exceeded on {name}"), "output");
                    }
                }
            }
        }

        private void WriteAll(byte* p, long count)
        {
            long done = 0;
            while (done < count)
            {
                nint n = Interop.Libc.write(destination, p + done, (nint)(count - done));
                if (n < 0 && Marshal.GetLastPInvokeError() == Interop.Errno.EINTR) continue;
                if (n <= 0) return; // the destination is gone: the program's bytes are dropped, not the run
                done += n;
            }
        }

        /// <summary>The tree is dead and every write end closed: the pump reaches EOF.</summary>
        public void Finish()
        {
            _thread?.Join(TimeSpan.FromSeconds(5));
            Interop.Libc.close(source);
        }
    }
}

/// <summary>A set-up step of the runner (opening a stream, a pipe) failed.</summary>
internal sealed class SandboxSetupException(string stage, int errno, string message) : Exception(message)
{
    public string Stage { get; } = stage;
    public int Errno { get; } = errno;
}

/// <summary>Small, allocation-light readers of /proc/PID/status and /proc/PID/stat.</summary>
internal static unsafe class ProcStatus
{
    [ThreadStatic] private static byte[]? t_buffer;

    /// <summary>VmRSS and VmHWM in bytes (0 when gone or a kernel thread).</summary>
    public static (long Rss, long Hwm) ReadMemory(int pid)
    {
        ReadOnlySpan<byte> text = ReadFile(pid, "/status"u8);
        return (Field(text, "VmRSS:"u8) * 1024, Field(text, "VmHWM:"u8) * 1024);
    }

    /// <summary>Pss of a process in bytes (0 when gone): the "Pss:" line of /proc/PID/smaps_rollup.</summary>
    public static long ReadPss(int pid) => Field(ReadFile(pid, "/smaps_rollup"u8), "\nPss:"u8) * 1024;

    /// <summary>The process group of a thread (field 5 of /proc/TID/stat), 0 if unknown.</summary>
    public static int ProcessGroup(int tid)
    {
        ReadOnlySpan<byte> text = ReadFile(tid, "/stat"u8);
        int close = text.LastIndexOf((byte)')');
        if (close < 0) return 0;
        // ") S ppid pgrp ..."
        ReadOnlySpan<byte> rest = text[(close + 2)..];
        for (int field = 0; field < 2; field++)
        {
            int space = rest.IndexOf((byte)' ');
            if (space < 0) return 0;
            rest = rest[(space + 1)..];
        }
        int end = rest.IndexOf((byte)' ');
        return end > 0 && int.TryParse(rest[..end], out int pgrp) ? pgrp : 0;
    }

    /// <summary>/proc/PID/NAME, up to 4 KiB of it; its path built in place (no string: this runs as processes exit).</summary>
    private static ReadOnlySpan<byte> ReadFile(int pid, ReadOnlySpan<byte> name)
    {
        byte[] buffer = t_buffer ??= new byte[4096];
        Span<byte> path = stackalloc byte[ProcPath.MaxLength];
        ProcPath.Format(path, pid, name);
        int fd;
        fixed (byte* p = path) fd = Interop.Libc.open_bytes(p, Interop.Flags.O_RDONLY | Interop.Flags.O_CLOEXEC, 0);
        if (fd < 0) return default;
        int total = 0;
        fixed (byte* p = buffer)
        {
            while (total < buffer.Length)
            {
                nint n = Interop.Libc.read(fd, p + total, buffer.Length - total);
                if (n <= 0) break;
                total += (int)n;
            }
        }
        Interop.Libc.close(fd);
        return buffer.AsSpan(0, total);
    }

    private static long Field(ReadOnlySpan<byte> text, ReadOnlySpan<byte> name)
    {
        int at = text.IndexOf(name);
        if (at < 0) return 0;
        ReadOnlySpan<byte> rest = text[(at + name.Length)..].TrimStart((byte)' ').TrimStart((byte)'\t');
        rest = rest.TrimStart((byte)' ');
        int end = rest.IndexOf((byte)' ');
        return end > 0 && long.TryParse(rest[..end], out long kb) ? kb : 0;
    }
}
