using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ptracer.Engine;
using Ptracer.Native;
using Ptracer.Seccomp;
using Ptracer.Spawn;
using Ptracer.Syscalls;

namespace Ptracer.ExecProxy;

/// <summary>Configuration of an exec-intercepting session.</summary>
public sealed class ExecProxyConfig
{
    /// <summary>Absolute path of ptracer-shim, which non-local execs are rewritten to.</summary>
    public required string ShimPath { get; init; }

    /// <summary>The broker's Unix socket; handed to the shim in PTRACER_BROKER_SOCKET.</summary>
    public required string BrokerSocket { get; init; }

    /// <summary>Commands that run locally, unchanged (<see cref="CommandPattern"/> syntax).</summary>
    public IReadOnlyList<string> Local { get; init; } = [];

    /// <summary>The environment MPROXY_CHANGED_ENVS is computed against; null: the spawned command's environment.</summary>
    public EnvBaseline? Baseline { get; init; }

    public ILogger? Logger { get; init; }
}

/// <summary>What the interceptor did with one exec.</summary>
public enum ExecOutcome
{
    /// <summary>On the local list (or the shim itself): executed unchanged.</summary>
    Local,
    /// <summary>Rewritten to execute the shim.</summary>
    Proxied,
    /// <summary>Could not be proxied: the syscall was blocked and failed with <see cref="ExecDecision.Errno"/>.</summary>
    Blocked,
}

/// <summary>One intercepted exec: who, which file (absolute, dirfd and fexecve resolved), and the outcome.</summary>
public readonly record struct ExecDecision(int Pid, string Path, ExecOutcome Outcome, int Errno, string? Reason);

/// <summary>
/// The tracer side of exec interception. Every execve/execveat of the tree stops (the filter of
/// <see cref="SeccompFilter"/> traces nothing else); an exec whose file is not on the local list is rewritten in the
/// stopped tracee to execute the shim with argv = [shim, absolute path, original argv...] and the original environment
/// plus MPROXY_HOOK_BYPASS=1, MPROXY_CHANGED_ENVS=names and PTRACER_BROKER_SOCKET=path. Nothing non-local ever runs
/// locally: when the rewrite cannot be made, the syscall is blocked and fails with an errno (fail closed).
/// </summary>
/// <remarks>
/// <para><b>Where the new vectors go.</b> The original argv and envp strings stay where they are: the new pointer
/// arrays point at them, so no string is copied or truncated. Only the two arrays and five short strings are written,
/// on the stack of the executing thread below its red zone (<see cref="Registers.ScratchTop"/>). The bytes there are
/// saved first.</para>
/// <para><b>Whose memory that is.</b> Below the stack pointer of a thread that is inside execve nothing is live for
/// that thread. When the exec fails the saved bytes are written back at the syscall exit, so the program continues
/// with the memory it had. When it succeeds, the old address space is gone for the executing process; but a vfork or
/// CLONE_VM child shares it with its parent (kcmp KCMP_VM tells), which keeps running in it. For a vfork child the
/// saved bytes are written back into the parent at its PTRACE_EVENT_VFORK_DONE stop, i.e. after the kernel has copied
/// the vectors into the new image and before the parent returns to user space (rr does the same restore). Restoring
/// at the child's exec event instead would race the released parent, which may already be using that stack again.
/// For a CLONE_VM child without CLONE_VFORK the parent runs concurrently the whole time, so there is no safe moment;
/// the bytes are restored through the parent at the child's exec event (the area is below the child's own stack
/// pointer, which a program that gave the child a stack does not use itself).</para>
/// <para><b>ABIs.</b> x86_64 and i386 (a 32-bit process or int 0x80): pointers of the ABI's width, i386 arguments in
/// ebx, ecx, edx, esi, edi; an i386 exec whose stack lies above 4 GiB cannot be given 32-bit pointers and fails with
/// EFAULT. x32 is killed by the filter (<see cref="X32Handling.Kill"/>): Debian kernels disable x32 unless booted
/// with syscall.x32=y, and an x32 syscall in a traced tree is an attempt to slip past the filter.</para>
/// <para><b>Errnos of a blocked exec.</b> EFAULT: a vector or path could not be read, or the scratch area could not
/// be written. E2BIG: a string longer than MAX_ARG_STRLEN or too many entries. ENAMETOOLONG: a path of PATH_MAX or
/// more. EBADF: execveat with a dirfd the tracee does not have. EPERM: the file cannot be named for the broker
/// (fexecve of a memfd or a deleted file), or an x32 exec.</para>
/// </remarks>
public sealed class ExecInterceptor : TraceHandler
{
    private const int MaxArgStrlen = 32 * 4096; // MAX_ARG_STRLEN, including the NUL
    private const int PathMax = 4096;
    private const int MaxVectorEntries = 1 << 20;
    private const long AtFdCwd = -100;
    private const ulong AtEmptyPath = 0x1000;

    private readonly ExecProxyConfig _config;
    private readonly ILogger _logger;
    private readonly CommandList _local;
    private readonly string _shimPath;
    private readonly string? _shimResolved;
    private EnvBaseline? _baseline;
    private readonly byte[] _stringBuffer = new byte[MaxArgStrlen + 1];
    private readonly byte[] _pointerBuffer = new byte[4096];
    private readonly Dictionary<int, Tracee> _vforkParentOf = [];          // vfork child tid -> parent
    private readonly Dictionary<int, (Tracee Child, PendingRestore Restore)> _restoreWhenParentStops = []; // parent tid

    public ExecInterceptor(ExecProxyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!Path.IsPathRooted(config.ShimPath)) throw new ArgumentException("the shim path must be absolute", nameof(config));
        _config = config;
        _logger = config.Logger ?? NullLogger.Instance;
        _local = new CommandList(config.Local);
        _shimPath = Path.GetFullPath(config.ShimPath);
        _shimResolved = ProxyNative.RealPath(_shimPath);
        _baseline = config.Baseline;
    }

    /// <summary>Called on the tracer thread for every exec the interceptor saw.</summary>
    public Action<ExecDecision>? Decided { get; set; }

    public int LocalCount { get; private set; }
    public int ProxiedCount { get; private set; }
    public int BlockedCount { get; private set; }

    /// <summary>Traces execve and execveat (x86_64 59/322, i386 11/358), allows everything else, kills x32.</summary>
    public static SockFilter[] SeccompFilter()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow) { I386 = new SeccompRuleSet(), X32 = X32Handling.Kill };
        policy.X86_64.Add([59, 322], SeccompAction.Trace());
        policy.I386.Add([11, 358], SeccompAction.Trace());
        return SeccompFilterCompiler.Compile(policy);
    }

    /// <summary>
    /// The tracer options interception needs: follow children, seccomp stops only. No vfork-done events: a vfork
    /// parent whose child's exec is rewritten is interrupted instead (<see cref="OnInterrupted"/>), so the vfork of
    /// a local exec (posix_spawn, dash) costs no stop of its own.
    /// </summary>
    public static TracerOptions TracerOptions() => new()
    {
        FollowChildren = true,
        SyscallStops = SyscallStopMode.Seccomp,
    };

    /// <summary>Runs <paramref name="spawn"/> (its filter replaced by <see cref="SeccompFilter"/>) with exec interception.</summary>
    public static TraceResult Run(ExecProxyConfig config, SpawnOptions spawn, Action<ExecDecision>? decided = null)
    {
        var baseline = config.Baseline ?? (spawn.Environment is { } env ? new EnvBaseline(env) : EnvBaseline.FromCurrentProcess());
        var interceptor = new ExecInterceptor(config) { Decided = decided };
        interceptor._baseline = baseline;
        var options = new SpawnOptions
        {
            Program = spawn.Program,
            Arguments = spawn.Arguments,
            Environment = spawn.Environment,
            WorkingDirectory = spawn.WorkingDirectory,
            FileDescriptors = spawn.FileDescriptors,
            ResourceLimits = spawn.ResourceLimits,
            NewProcessGroup = spawn.NewProcessGroup,
            SeccompFilter = SeccompFilter(),
        };
        return new Tracer(TracerOptions(), config.Logger).Run(options, interceptor);
    }

    public override void OnNewTracee(Tracee parent, Tracee child, NewTraceeKind kind)
    {
        if (kind == NewTraceeKind.Vfork) _vforkParentOf[child.Tid] = parent;
    }

    public override void OnSyscallEntry(Tracee tracee)
    {
        bool isExecveat;
        switch (tracee.Arch)
        {
            case SyscallArch.X86_64 when tracee.SyscallNumber is 59 or 322:
                isExecveat = tracee.SyscallNumber == 322;
                break;
            case SyscallArch.I386 when tracee.SyscallNumber is 11 or 358:
                isExecveat = tracee.SyscallNumber == 358;
                break;
            case SyscallArch.X32:
                Block(tracee, "", Errno.EPERM, "x32 exec");
                return;
            default:
                return;
        }
        try
        {
            Intercept(tracee, isExecveat, tracee.Arch == SyscallArch.I386);
        }
        catch (ExecBlockedException e)
        {
            Block(tracee, e.Path, e.Errno, e.Message);
        }
        catch (TraceeMemoryException e)
        {
            Block(tracee, "", Errno.EFAULT, e.Message);
        }
        catch (TraceeException e) when (e.Errno == Errno.ESRCH)
        {
            // Killed while stopped: its exit status follows.
        }
    }

    public override void OnSyscallExit(Tracee tracee)
    {
        // A rewritten exec that failed: the program goes on in the same memory, give it back its bytes.
        if (tracee.UserState is PendingRestore pending && tracee.IsError)
        {
            tracee.UserState = null;
            Forget(tracee, pending);
            Restore(tracee.Memory, pending, "failed exec");
        }
    }

    public override void OnExec(Tracee tracee, int formerTid)
    {
        _vforkParentOf.Remove(formerTid);
        _vforkParentOf.Remove(tracee.Tid);
        if (tracee.UserState is not PendingRestore pending) return;
        tracee.UserState = null;
        // The shim never executes anything: tracing it further would only cost stops (its runtime's threads, its
        // exit). The root stays traced: the session's exit status is its own.
        if (DetachShims && tracee.Parent is not null) tracee.Detach();
        if (pending.SharedWith is not { } parent) return; // the old address space died with the exec
        if (pending.Vfork)
        {
            // Restored at the parent's interrupt stop, which comes once the exec has released it from vfork.
            return;
        }
        Restore(parent.Memory, pending, "CLONE_VM parent");
    }

    /// <summary>Let go of a shim once it runs (default): it executes nothing, so there is nothing left to intercept.</summary>
    public bool DetachShims { get; init; } = true;

    /// <summary>A vfork parent released by its child's rewritten exec, stopped before it runs: its stack bytes go back.</summary>
    public override void OnInterrupted(Tracee parent)
    {
        if (!_restoreWhenParentStops.Remove(parent.Tid, out var entry)) return;
        if (ReferenceEquals(entry.Child.UserState, entry.Restore)) entry.Child.UserState = null;
        Restore(parent.Memory, entry.Restore, "vfork parent");
    }

    public override void OnExited(Tracee tracee, int exitCode) => Gone(tracee);

    public override void OnKilled(Tracee tracee, int signal, bool coreDumped) => Gone(tracee);

    private void Gone(Tracee tracee)
    {
        _vforkParentOf.Remove(tracee.Tid);
        _restoreWhenParentStops.Remove(tracee.Tid);
    }

    private void Forget(Tracee tracee, PendingRestore pending)
    {
        if (pending.Vfork && pending.SharedWith is { } parent) _restoreWhenParentStops.Remove(parent.Tid);
    }

    private void Restore(TraceeMemory memory, PendingRestore pending, string why)
    {
        try
        {
            memory.WriteBytes(pending.Address, pending.Saved);
        }
        catch (TraceeMemoryException e)
        {
            _logger.LogDebug("could not restore the exec scratch area ({Why}): {Message}", why, e.Message);
        }
    }

    private void Block(Tracee tracee, string path, int errno, string reason)
    {
        BlockedCount++;
        _logger.LogWarning("pid {Pid}: exec of {Path} blocked ({Errno}): {Reason}", tracee.ProcessId, path, Interop.Libc.StrError(errno), reason);
        try
        {
            tracee.BlockSyscall(-errno);
        }
        catch (TraceeException e) when (e.Errno == Errno.ESRCH)
        {
            return;
        }
        Decided?.Invoke(new ExecDecision(tracee.ProcessId, path, ExecOutcome.Blocked, errno, reason));
    }

    private void Intercept(Tracee tracee, bool isExecveat, bool i386)
    {
        ulong[] args = tracee.Arguments.ToArray();
        ulong Arg(int i) => i386 ? args[i] & 0xffff_ffff : args[i];
        int shift = isExecveat ? 1 : 0;
        ulong pathAddress = Arg(shift), argvAddress = Arg(shift + 1), envpAddress = Arg(shift + 2);
        TraceeMemory memory = tracee.Memory;

        string path = ReadCString(memory, pathAddress, PathMax - 1, "the path", Errno.ENAMETOOLONG);
        string target = Resolve(tracee, path, isExecveat, isExecveat ? (long)(i386 ? (int)(uint)Arg(0) : (int)args[0]) : AtFdCwd,
            isExecveat ? Arg(4) : 0);

        string? resolved = null;
        bool isShim = target == _shimPath
            || (_shimResolved is not null && Path.GetFileName(target) == Path.GetFileName(_shimPath) && (resolved = ProxyNative.RealPath(target)) == _shimResolved);
        CommandPattern? local = isShim ? null : _local.Match(target, _local.NeedsResolvedPath ? resolved ?? ProxyNative.RealPath(target) : null);
        if (isShim || local is not null)
        {
            // Nothing to undo at the exit, nor at the exec: two stops fewer per local exec.
            tracee.SkipExitStop();
            tracee.SkipExecStop();
            LocalCount++;
            _logger.LogDebug("pid {Pid}: {Path} runs locally ({Entry})", tracee.ProcessId, target, isShim ? "the shim" : local!.Entry);
            Decided?.Invoke(new ExecDecision(tracee.ProcessId, target, ExecOutcome.Local, 0, isShim ? "shim" : local!.Entry));
            return;
        }

        Rewrite(tracee, target, isExecveat, i386, argvAddress, envpAddress);
        ProxiedCount++;
        _logger.LogInformation("pid {Pid}: {Path} goes to the broker", tracee.ProcessId, target);
        Decided?.Invoke(new ExecDecision(tracee.ProcessId, target, ExecOutcome.Proxied, 0, null));
    }

    /// <summary>The absolute path of the file the exec names: cwd-, dirfd- and fd-relative forms resolved through /proc.</summary>
    private static string Resolve(Tracee tracee, string path, bool isExecveat, long dirfd, ulong flags)
    {
        string proc = $"/proc/{tracee.ProcessId}/task/{tracee.Tid}";
        if (isExecveat && path.Length == 0)
        {
            if ((flags & AtEmptyPath) == 0) throw new ExecBlockedException(path, Errno.ENOENT, "empty path without AT_EMPTY_PATH");
            // fexecve: the file is the descriptor itself.
            string? file = dirfd >= 0 ? ProxyNative.ReadLink($"{proc}/fd/{dirfd}") : null;
            if (file is null) throw new ExecBlockedException($"fd {dirfd}", Errno.EBADF, "execveat of a descriptor the process does not have");
            if (!file.StartsWith('/') || file.EndsWith(" (deleted)", StringComparison.Ordinal) || !File.Exists(file))
                throw new ExecBlockedException(file, Errno.EPERM, "fexecve of a file that has no path the broker could run");
            return file;
        }
        if (path.Length == 0) throw new ExecBlockedException(path, Errno.ENOENT, "empty path");
        if (path[0] == '/') return Path.GetFullPath(path);
        string? directory = isExecveat && dirfd != AtFdCwd
            ? (dirfd >= 0 ? ProxyNative.ReadLink($"{proc}/fd/{dirfd}") : null)
            : ProxyNative.ReadLink($"{proc}/cwd");
        if (directory is null)
            throw new ExecBlockedException(path, Errno.EBADF, isExecveat ? $"dirfd {dirfd} is not open" : "cannot read the working directory");
        if (!directory.StartsWith('/')) throw new ExecBlockedException(path, Errno.EPERM, $"dirfd {dirfd} is not a directory with a path");
        return Path.GetFullPath(Path.Combine(directory, path));
    }

    private void Rewrite(Tracee tracee, string target, bool isExecveat, bool i386, ulong argvAddress, ulong envpAddress)
    {
        TraceeMemory memory = tracee.Memory;
        int pointerSize = i386 ? 4 : 8;
        List<ulong> argv = ReadPointers(memory, argvAddress, pointerSize, "argv");
        List<ulong> envp = ReadPointers(memory, envpAddress, pointerSize, "envp");

        // Keep the caller's environment strings where they are, minus earlier injections; add ours.
        var keptEnv = new List<ulong>(envp.Count + 3);
        var envStrings = new List<string>(envp.Count);
        foreach (ulong p in envp)
        {
            string entry = ReadCString(memory, p, MaxArgStrlen - 1, "an environment string", Errno.E2BIG);
            if (EnvBaseline.IsInjected(EnvBaseline.Split(entry).Name)) continue;
            keptEnv.Add(p);
            envStrings.Add(entry);
        }
        _baseline ??= new EnvBaseline([]);
        string[] strings =
        [
            _shimPath,
            target,
            $"{EnvBaseline.HookBypassName}=1",
            $"{EnvBaseline.ChangedEnvsName}={_baseline.ChangedKeys(envStrings)}",
            $"{EnvBaseline.BrokerSocketName}={_config.BrokerSocket}",
        ];
        foreach (string s in strings)
            if (Encoding.UTF8.GetByteCount(s) + 1 > MaxArgStrlen) throw new ExecBlockedException(target, Errno.E2BIG, "an injected string is too long");

        UserRegs regs = tracee.GetRegisters();
        ulong top = Registers.ScratchTop(regs);
        if (i386 && top > uint.MaxValue) throw new ExecBlockedException(target, Errno.EFAULT, "i386 exec with a stack above 4 GiB");

        // Layout, growing down from top: the five strings, then envp, then argv (16-byte aligned).
        int stringBytes = strings.Sum(s => Encoding.UTF8.GetByteCount(s) + 1);
        int argvCount = argv.Count + 2, envCount = keptEnv.Count + 3;
        long arrayBytes = (long)pointerSize * (argvCount + 1 + envCount + 1);
        ulong stringsAt = (top - (ulong)stringBytes) & ~15UL;
        ulong low = (stringsAt - (ulong)arrayBytes) & ~15UL;
        if (top - low > 8 << 20) throw new ExecBlockedException(target, Errno.E2BIG, "vectors too large");
        byte[] block = new byte[top - low];
        ulong argvAt = low, envpAt = low + (ulong)(pointerSize * (argvCount + 1));

        var stringAddresses = new ulong[strings.Length];
        int offset = (int)(stringsAt - low);
        for (int i = 0; i < strings.Length; i++)
        {
            stringAddresses[i] = low + (ulong)offset;
            offset += Encoding.UTF8.GetBytes(strings[i], block.AsSpan(offset));
            block[offset++] = 0;
        }
        int at = 0;
        void Put(ulong value)
        {
            if (pointerSize == 8) BinaryPrimitives.WriteUInt64LittleEndian(block.AsSpan(at), value);
            else BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(at), (uint)value);
            at += pointerSize;
        }
        Put(stringAddresses[0]);
        Put(stringAddresses[1]);
        foreach (ulong p in argv) Put(p);
        Put(0);
        foreach (ulong p in keptEnv) Put(p);
        Put(stringAddresses[2]);
        Put(stringAddresses[3]);
        Put(stringAddresses[4]);
        Put(0);

        // Save what is there, so that it can be put back (see the remarks on the class).
        byte[] saved = new byte[block.Length];
        if (!memory.TryRead(low, saved))
            throw new ExecBlockedException(target, Errno.EFAULT, $"the stack below 0x{top:x} cannot hold {block.Length} bytes");
        try
        {
            memory.WriteBytes(low, block);
        }
        catch (TraceeMemoryException e)
        {
            try { memory.WriteBytes(low, saved); } catch (TraceeMemoryException) { }
            throw new ExecBlockedException(target, Errno.EFAULT, e.Message);
        }

        if (i386)
        {
            // execve(ebx, ecx, edx), execveat(ebx, ecx, edx, esi, edi)
            if (isExecveat)
            {
                regs.Rbx = unchecked((ulong)AtFdCwd) & 0xffff_ffff;
                regs.Rcx = stringAddresses[0];
                regs.Rdx = argvAt;
                regs.Rsi = envpAt;
                regs.Rdi = 0;
            }
            else
            {
                regs.Rbx = stringAddresses[0];
                regs.Rcx = argvAt;
                regs.Rdx = envpAt;
            }
        }
        else
        {
            if (isExecveat)
            {
                Registers.SetArgument(ref regs, 0, unchecked((ulong)AtFdCwd));
                Registers.SetArgument(ref regs, 4, 0);
            }
            Registers.SetExecPath(ref regs, isExecveat, stringAddresses[0]);
            Registers.SetExecArgv(ref regs, isExecveat, argvAt);
            Registers.SetExecEnvp(ref regs, isExecveat, envpAt);
        }
        try
        {
            tracee.SetRegisters(regs);
        }
        catch (TraceeException)
        {
            try { memory.WriteBytes(low, saved); } catch (TraceeMemoryException) { }
            throw;
        }

        var pending = new PendingRestore(low, saved, null, false);
        if (tracee.Parent is { } parent && parent.ProcessId != tracee.ProcessId && ProxyNative.CompareVm(tracee.Tid, parent.Tid) == 0)
        {
            bool vfork = _vforkParentOf.TryGetValue(tracee.Tid, out Tracee? vforkParent) && vforkParent == parent;
            pending = pending with { SharedWith = parent, Vfork = vfork };
            if (vfork)
            {
                // The parent sleeps in vfork until this exec; it must stop before it runs again on the stack below
                // which the scratch area lies. A PTRACE_INTERRUPT now takes effect as vfork returns.
                _restoreWhenParentStops[parent.Tid] = (tracee, pending);
                parent.Interrupt();
            }
        }
        tracee.UserState = pending;
    }

    /// <summary>Reads a NULL-terminated pointer array of the ABI's width, a page at a time. Address 0 is an empty array.</summary>
    private List<ulong> ReadPointers(TraceeMemory memory, ulong address, int pointerSize, string what)
    {
        var result = new List<ulong>();
        if (address == 0) return result;
        while (true)
        {
            // Up to the end of the page, so that an array ending just before unmapped memory is read whole.
            int chunk = (int)Math.Min((ulong)_pointerBuffer.Length, 4096 - (address % 4096));
            chunk -= chunk % pointerSize;
            if (chunk == 0) chunk = pointerSize;
            int got = memory.Read(address, _pointerBuffer.AsSpan(0, chunk));
            if (got < pointerSize) throw new ExecBlockedException("", Errno.EFAULT, $"cannot read {what} at 0x{address:x}");
            for (int i = 0; i + pointerSize <= got; i += pointerSize)
            {
                ulong p = pointerSize == 8
                    ? BinaryPrimitives.ReadUInt64LittleEndian(_pointerBuffer.AsSpan(i))
                    : BinaryPrimitives.ReadUInt32LittleEndian(_pointerBuffer.AsSpan(i));
                if (p == 0) return result;
                result.Add(p);
                if (result.Count > MaxVectorEntries) throw new ExecBlockedException("", Errno.E2BIG, $"{what} has too many entries");
            }
            address += (ulong)(got - got % pointerSize);
        }
    }

    /// <summary>Reads a whole NUL-terminated string of at most <paramref name="limit"/> bytes before the NUL, page by page.</summary>
    private string ReadCString(TraceeMemory memory, ulong address, int limit, string what, int tooLongErrno)
    {
        int n = memory.ReadCString(address, _stringBuffer.AsSpan(0, limit + 1), out bool terminated);
        if (!terminated)
        {
            if (n >= limit + 1) throw new ExecBlockedException("", tooLongErrno, $"{what} is longer than {limit} bytes");
            throw new ExecBlockedException("", Errno.EFAULT, $"cannot read {what} at 0x{address:x}");
        }
        return Encoding.UTF8.GetString(_stringBuffer, 0, n);
    }

    /// <summary>Bytes of the scratch area to put back, and the parent that shares the address space, if any.</summary>
    private sealed record PendingRestore(ulong Address, byte[] Saved, Tracee? SharedWith, bool Vfork);

    private static class Errno
    {
        public const int EPERM = 1, ENOENT = 2, ESRCH = 3, E2BIG = 7, EBADF = 9, EFAULT = 14, ENAMETOOLONG = 36;
    }
}

/// <summary>An exec that cannot be proxied: the interceptor blocks it with <see cref="Errno"/>.</summary>
public sealed class ExecBlockedException(string path, int errno, string message) : Exception(message)
{
    public string Path { get; } = path;
    public int Errno { get; } = errno;
}
