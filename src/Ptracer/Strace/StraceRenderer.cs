using Ptracer.Engine;
using Ptracer.Native;
using Ptracer.Syscalls;

namespace Ptracer.Strace;

/// <summary>
/// Turns engine events into strace's lines. A syscall line is built in its tracee's buffer at entry and written at
/// exit; when another tracee has something to print first, the pending line is written with " &lt;unfinished ...&gt;"
/// and completed later as "&lt;... NAME resumed&gt;" (strace's printing_tcp rule). Nothing is allocated per stop
/// once the buffers have grown.
/// </summary>
public sealed class StraceRenderer : TraceHandler, IDisposable
{
    private readonly StraceOptions _options;
    private readonly SyscallFormatter _formatter;
    private readonly OutputSink? _sharedSink;
    private readonly Dictionary<int, OutputSink> _perProcessSinks = [];
    private readonly TextBuilder _scratch = new();
    private readonly bool _statusFiltered;
    private readonly FaultInjector? _injector;
    private readonly SyscallSummary? _summary;
    private readonly bool _printLines;
    private readonly PathFilter? _pathFilter;
    private readonly IoDump? _ioDump;
    private readonly List<TraceeLine> _lines = [];
    private TraceeLine? _printing;
    private SyscallArch _currentPersonality;
    private readonly StackTrace.StackTracer? _stacks;
    private int _live;
    private long _lastTimestampNs;
    private long _syscallsTraced;

    public StraceRenderer(StraceOptions options, Action<string>? notice = null)
    {
        _options = options;
        Notice = notice;
        if (options.TracePaths.Count > 0)
            _pathFilter = new PathFilter(options.TracePaths, Quiet(QuietMessages.PathResolution) ? null : notice);
        if (options.ReadDump is not null || options.WriteDump is not null) _ioDump = new IoDump(options.ReadDump, options.WriteDump);
        if (options.StackTrace) _stacks = new StackTrace.StackTracer();
        _formatter = new SyscallFormatter(options.Decode);
        _statusFiltered = options.Status != StatusFilter.All;
        if (options.Injections.Count > 0) _injector = new FaultInjector(options.Injections);
        if (options.Summary) _summary = new SyscallSummary { OverheadTicks = options.SummaryOverheadNs / 100 };
        _printLines = !options.SummaryOnly;
        if (!options.OutputSeparately)
            _sharedSink = options.OutputFile is null ? OutputSink.StandardError() : OutputSink.Open(options.OutputFile, options.AppendOutput);
    }

    /// <summary>
    /// -D: the tracer attached to the process that will execute the command. Nothing of that process (or its other
    /// threads) is printed before its execve; <see cref="AttachedToCommand"/> runs once it is attached.
    /// </summary>
    public int WaitForExecOf { get; set; }

    public Action? AttachedToCommand { get; set; }

    /// <summary>The spawned command's pid when it was detached (-b execve, --syscall-limit); 0 otherwise.</summary>
    public int DetachedCommandPid { get; private set; }

    /// <summary>Messages for the user (attach/detach), written to stderr in strace's words.</summary>
    public Action<string>? Notice { get; set; }

    public override void OnAttached(Tracee tracee)
    {
        if (tracee.UserState is null)
        {
            var created = new TraceeLine(tracee, SinkFor(tracee));
            tracee.UserState = created;
            _lines.Add(created);
            if (_options.DecodePidComm) created.LoadComm();
            created.Hidden = WaitForExecOf != 0;
            created.Personality = _currentPersonality;
        }
        if (!LineOf(tracee).Hidden || tracee.Tid == WaitForExecOf) _live++;
        bool announce = tracee.AttachedByRequest ? tracee.Tid == tracee.ProcessId : tracee.Parent is not null;
        if (announce && !Quiet(QuietMessages.Attach)) Announce($"Process {tracee.Tid} attached");
        if (tracee.Tid == WaitForExecOf) AttachedToCommand?.Invoke();
    }

    public override void OnSyscallEntry(Tracee tracee)
    {
        TraceeLine line = LineOf(tracee);
        line.Injected = _injector is not null && _injector.OnEntry(tracee, line.Injection);
        line.LastSyscall = tracee.SyscallNumber;
        SyscallDef def = tracee.Syscall ?? UnnamedSyscalls.For(tracee.Arch, tracee.SyscallNumber);
        int number = tracee.SyscallNumber;
        SyscallContext ctx = line.Context;
        tracee.Arguments.CopyTo(ctx.Args);
        line.ResultAddress = 0;
        if (I386Subcalls.TryResolve(tracee, ctx.Args, out int subcallNumber, out SyscallDef subcall, out ulong resultAddress))
        {
            number = subcallNumber;
            def = subcall;
            line.ResultAddress = resultAddress;
        }
        line.Number = number;
        if (line.Hidden)
        {
            line.Selected = false;
            if (tracee.Tid != WaitForExecOf || def.Name != "execve") return;
            line.Hidden = false;
            WaitForExecOf = 0;
        }
        UpdatePersonality(line, tracee.Arch);
        // -b execve: a process detaches at its execve, traced or not (not the traced command's own first one).
        bool detach = _options.DetachOnExecve && !tracee.IsStartingUp && def.Name is "execve" or "execveat";
        line.Selected = _options.Trace is null || _options.Trace.Contains(tracee.Arch, number);
        if (line.Selected && _pathFilter is not null) line.Selected = _pathFilter.Matches(tracee, def);
        if (!line.Selected)
        {
            if (detach) tracee.Detach();
            return;
        }
        line.Raw = _options.Raw is { } raw && raw.Contains(tracee.Arch, number);
        line.Verbose = _options.Abbrev is { } abbrev ? !abbrev.Contains(tracee.Arch, number) : _options.Decode.Verbose;
        line.Structures = _options.VerboseSet is not { } verboseSet || verboseSet.Contains(tracee.Arch, number);

        if (_options.SyscallTimes || _options.SummaryWallClock) line.EntryNs = MonotonicNs();
        line.EntrySystemTicks = tracee.SystemTimeAtStop;
        if (!_printLines)
        {
            line.Context.Def = def;
            line.Pending = true;
            if (detach) tracee.Detach();
            return;
        }
        ctx.Rebind(tracee.Memory);
        ctx.Arch = tracee.Arch;
        ctx.Def = def;
        ctx.Exiting = false;
        // -k: the stack is read at entry (an execve replaces it) and printed once the line is complete, as strace does.
        line.Stack = _stacks?.Capture(tracee);
        ctx.IsError = false;
        ctx.ReturnValue = 0;

        TakeTurn(line);
        TextBuilder b = line.Text;
        b.Clear();
        AppendLeader(line, b);
        b.Append(def.Name).Append((byte)'(');
        if (line.Raw) AppendRawArguments(ctx, b);
        else
        {
            _options.Decode.Verbose = line.Verbose;
            _options.Decode.Structures = line.Structures;
            _formatter.FormatEntry(ctx, b);
        }
        line.Pending = true;
        line.Unfinished = false;
        if (!_statusFiltered) _printing = line;
        if (detach) tracee.Detach();
    }

    /// <summary>
    /// strace's update_personality (syscall.c): "[ Process PID=N runs in 32 bit mode. ]" when a tracee's syscalls
    /// change ABI, whether or not the syscall is traced. Like strace, nothing is said when the ABI equals the last
    /// one seen in any tracee (its global current_personality), and the tracee's own record is not updated then.
    /// </summary>
    private void UpdatePersonality(TraceeLine line, SyscallArch arch)
    {
        if (arch == _currentPersonality) return;
        _currentPersonality = arch;
        if (arch == line.Personality) return;
        line.Personality = arch;
        if (Quiet(QuietMessages.Personality) || !_printLines) return;
        TakeTurn(line);
        TextBuilder b = BeginEventLine(line).Append("[ Process PID=").Append(line.Tracee.Tid).Append(" runs in ");
        line.Sink.WriteLine(b.Append(PersonalityName(arch)).Append(" mode. ]\n").Written);
    }

    private static string PersonalityName(SyscallArch arch) => arch switch
    {
        SyscallArch.I386 => "32 bit",
        SyscallArch.X32 => "x32",
        _ => "64 bit",
    };

    /// <summary>-e raw=: every argument the syscall takes, in hex (0 as "0").</summary>
    private static void AppendRawArguments(SyscallContext ctx, TextBuilder b)
    {
        bool is32 = ctx.Arch == SyscallArch.I386;
        for (int i = 0; i < ctx.Def.Args.Length; i++)
        {
            if (i > 0) b.Append(", ");
            b.AppendHex(is32 ? (uint)ctx.Args[i] : ctx.Args[i]);
        }
        ctx.PrintedAtEntry = ctx.Def.Args.Length;
    }

    public override void OnSyscallExit(Tracee tracee)
    {
        TraceeLine line = LineOf(tracee);
        _injector?.OnExit(tracee, line.Injection);
        if (!line.Selected || !line.Pending) return;
        line.Selected = false;
        SyscallContext ctx = line.Context;
        ctx.Rebind(tracee.Memory);
        ctx.Exiting = true;
        ctx.ReturnValue = tracee.ReturnValue;
        ctx.IsError = tracee.IsError;
        if (line.ResultAddress != 0 && !ctx.IsError && tracee.Memory.TryRead(line.ResultAddress, out uint stored))
            ctx.ReturnValue = stored;
        if (_summary is not null && !tracee.IsStartingUp)
        {
            long elapsed = _options.SummaryWallClock ? (MonotonicNs() - line.EntryNs) / 100 : tracee.SystemTimeAtStop - line.EntrySystemTicks;
            _summary.Record(tracee.Arch, line.Number, ctx.Def.Name, elapsed, tracee.IsError);
        }
        if (!_printLines)
        {
            line.Pending = false;
            CountTowardsLimit();
            return;
        }

        // The spawned child's own execve failed: ptracer reports that in one line of its own, strace-style.
        bool startFailed = tracee.IsStartingUp && ctx.IsError;
        if (startFailed || _statusFiltered && !WantedStatus(ctx))
        {
            line.Pending = false;
            return;
        }

        TextBuilder b = line.Text;
        if (line.Unfinished)
        {
            TakeTurn(line);
            b.Clear();
            AppendLeader(line, b);
            b.Append("<... ").Append(ctx.Def.Name).Append(" resumed>");
        }
        int lineStart = 0;
        _options.Decode.Verbose = line.Verbose;
        _options.Decode.Structures = line.Structures;
        if (!line.Raw) _formatter.FormatExit(ctx, b);
        b.Append(") ");
        b.PadTo(lineStart, _options.AlignColumn);
        b.Append("= ");
        if (line.Raw && !ctx.IsError) b.AppendHex(ctx.Arch == SyscallArch.I386 ? (uint)ctx.ReturnValue : (ulong)ctx.ReturnValue);
        else _formatter.FormatReturn(ctx, b);
        if (_options.DecodePidComm && !ctx.IsError && ReturnsPid(ctx.Def.Name)) AppendCommOf(b, (int)ctx.ReturnValue);
        if (line.Injected) b.Append(" (INJECTED)");
        if (_options.SyscallTimes) AppendDuration(b, MonotonicNs() - line.EntryNs);
        b.Append((byte)'\n');
        _ioDump?.Append(ctx, b);
        Emit(line);
        WriteStack(line);
        // strace reloads a task's comm when it renames itself (prctl PR_SET_NAME): later lines show the new name.
        if (_options.DecodePidComm && ctx.Def.Name == "prctl" && ctx.Arg(0) == 15 && !ctx.IsError) line.LoadComm();
        CountTowardsLimit();
    }

    /// <summary>Syscalls whose result strace prints as a pid (RVAL_TID/RVAL_TGID), decorated by --decode-pids=comm.</summary>
    private static bool ReturnsPid(string name) =>
        name is "getpid" or "getppid" or "gettid" or "fork" or "vfork" or "clone" or "clone3";

    private readonly byte[] _commScratch = new byte[16];

    private void AppendCommOf(TextBuilder b, int pid)
    {
        int n = ProcComm.Read(pid, _commScratch);
        if (n > 0) b.Append((byte)'<').Append(_commScratch.AsSpan(0, n)).Append((byte)'>');
    }

    /// <summary>--syscall-limit=N: after the N-th traced syscall every tracee is detached (strace 6.2+).</summary>
    private void CountTowardsLimit()
    {
        if (_options.SyscallLimit <= 0 || ++_syscallsTraced != _options.SyscallLimit) return;
        foreach (TraceeLine other in _lines)
            if (!other.Gone) other.Tracee.Detach();
    }

    public override int OnSignal(Tracee tracee, in SignalDelivery signal)
    {
        if (LineOf(tracee).Hidden) return signal.Signal;
        if (!_printLines || (uint)signal.Signal >= (uint)_options.Signals.Length || !_options.Signals[signal.Signal]) return signal.Signal;
        TraceeLine line = LineOf(tracee);
        TakeTurn(line);
        FinishPendingAsUnfinished(line);
        TextBuilder b = BeginEventLine(line).Append("--- ").Append(SignalNames.Name(signal.Signal)).Append((byte)' ');
        SiginfoFormatter.Format(signal.SigInfo, b, _options.Decode);
        b.Append(" ---\n");
        line.Sink.WriteLine(b.Written);
        // -k: strace also shows where a signal was delivered (a pending syscall's own stack waits for its exit).
        if (_stacks is not null) WriteStack(line, _stacks.Capture(tracee));
        return signal.Signal;
    }

    public override void OnGroupStop(Tracee tracee, int signal)
    {
        if (LineOf(tracee).Hidden) return;
        if (!_printLines || (uint)signal >= (uint)_options.Signals.Length || !_options.Signals[signal]) return;
        TraceeLine line = LineOf(tracee);
        TakeTurn(line);
        FinishPendingAsUnfinished(line);
        line.Sink.WriteLine(BeginEventLine(line).Append("--- stopped by ").Append(SignalNames.Name(signal)).Append(" ---\n").Written);
    }

    public override void OnExited(Tracee tracee, int exitCode)
    {
        // The engine reaps every child: an untraced one of ours (the -o '|COMMAND' reader) ends without a line.
        if (tracee.UserState is not TraceeLine line) return;
        if (line.Hidden)
        {
            Forget(line);
            return;
        }
        EndOfTracee(line);
        if (!Quiet(QuietMessages.Exit) && _printLines)
            line.Sink.WriteLine(BeginEventLine(line).Append("+++ exited with ").Append(exitCode).Append(" +++\n").Written);
        WriteStack(line, afterExit: true);
        Forget(line);
    }

    public override void OnKilled(Tracee tracee, int signal, bool coreDumped)
    {
        // The engine reaps every child: an untraced one of ours (the -o '|COMMAND' reader) ends without a line.
        if (tracee.UserState is not TraceeLine line) return;
        if (line.Hidden)
        {
            Forget(line);
            return;
        }
        EndOfTracee(line);
        if (_printLines)
        {
            TextBuilder b = BeginEventLine(line).Append("+++ killed by ").Append(SignalNames.Name(signal));
            line.Sink.WriteLine(b.Append(coreDumped ? " (core dumped) +++\n" : " +++\n").Written);
        }
        Forget(line);
    }

    /// <summary>-k: the stack captured at the entry of the syscall just printed (exit_group's after "+++ exited").</summary>
    private void WriteStack(TraceeLine line, bool afterExit = false)
    {
        string? stack = line.Stack;
        line.Stack = null;
        // strace symbolizes when it prints: after the process is gone, a frame without a symbol reads "(+0x0)".
        if (afterExit) stack = stack?.Replace("() [", "(+0x0) [", StringComparison.Ordinal);
        WriteStack(line, stack);
    }

    private void WriteStack(TraceeLine line, string? stack)
    {
        if (string.IsNullOrEmpty(stack)) return;
        _scratch.Clear();
        line.Sink.WriteLine(_scratch.Append(stack).Written);
    }

    /// <summary>A line of its own for an event (signal, stop, exit): the scratch buffer, cleared, with the leader.</summary>
    private TextBuilder BeginEventLine(TraceeLine line)
    {
        _scratch.Clear();
        AppendLeader(line, _scratch);
        return _scratch;
    }

    public override void OnExec(Tracee tracee, int formerTid)
    {
        if (_options.DecodePidComm) LineOf(tracee).LoadComm();
    }

    public override void OnSuperseded(Tracee tracee, int executingTid)
    {
        TraceeLine line = LineOf(tracee);
        if (line.Hidden)
        {
            Forget(line);
            return;
        }
        FinishPendingAsUnfinished(line);
        if (!Quiet(QuietMessages.ThreadExecve))
            line.Sink.WriteLine(BeginEventLine(line).Append("+++ superseded by execve in pid ").Append(executingTid).Append(" +++\n").Written);
        Forget(line);
    }

    public override void OnDetached(Tracee tracee)
    {
        TraceeLine line = LineOf(tracee);
        if (tracee.Parent is null && !tracee.AttachedByRequest && tracee.Tid == tracee.ProcessId) DetachedCommandPid = tracee.Tid;
        if (line.Hidden)
        {
            Forget(line);
            return;
        }
        bool announceDetach = !Quiet(QuietMessages.Attach) && tracee.Tid == tracee.ProcessId;
        if (line.Pending && _printLines)
        {
            // A status-filtered line was held back whole at entry; -e status= decides whether it shows at all.
            if (_statusFiltered && (_options.Status & StatusFilter.Detached) == 0) line.Pending = false;
            else
            {
                if (!_statusFiltered && _printing != line)
                {
                    TakeTurn(line);
                    line.Text.Clear();
                    AppendLeader(line, line.Text);
                    line.Text.Append("<... ").Append(line.Context.Def.Name).Append(" resumed>");
                }
                // strace's order: "execve(...)strace: Process N detached" then " <detached ...>".
                if (announceDetach) Announce($"Process {tracee.Tid} detached");
                announceDetach = false;
                line.Text.Append(" <detached ...>\n");
                Emit(line);
            }
        }
        if (announceDetach) Announce($"Process {tracee.Tid} detached");
        Forget(line);
    }

    public void Dispose()
    {
        if (_printing is { } pending) FinishPendingAsUnfinished(pending);
        if (_summary is not null)
        {
            _scratch.Clear();
            _summary.Write(_scratch, _options.SummarySort, _options.SummaryColumns);
            (_sharedSink ?? OutputSink.StandardError()).WriteLine(_scratch.Written);
        }
        _sharedSink?.Dispose();
        foreach (OutputSink sink in _perProcessSinks.Values) sink.Dispose();
    }

    /// <summary>
    /// A message to the user. When the trace goes to stderr too, the line being built is written up to here first,
    /// as strace's shared stderr stream shows it: "vfork(strace: Process 12 attached" then " &lt;unfinished ...&gt;".
    /// </summary>
    private void Announce(string message)
    {
        if (Notice is null) return;
        if (_options.OutputFile is null && _sharedSink is not null && _printing is { Pending: true, Unfinished: false } line)
        {
            line.Sink.WriteLine(line.Text.Written[line.FlushedUpTo..]);
            line.FlushedUpTo = line.Text.Length;
        }
        Notice(message);
    }

    /// <summary>Writes the tracee's line (what an earlier <see cref="Announce"/> has not written yet).</summary>
    private static void WriteText(TraceeLine line)
    {
        line.Sink.WriteLine(line.Text.Written[line.FlushedUpTo..]);
        line.FlushedUpTo = 0;
    }

    private bool Quiet(QuietMessages message) => (_options.Quiet & message) != 0;

    private static TraceeLine LineOf(Tracee tracee) => (TraceeLine)tracee.UserState!;

    private OutputSink SinkFor(Tracee tracee)
    {
        if (_sharedSink is not null) return _sharedSink;
        if (!_perProcessSinks.TryGetValue(tracee.Tid, out OutputSink? sink))
        {
            sink = OutputSink.CreateFile($"{_options.OutputFile}.{tracee.Tid}");
            _perProcessSinks.Add(tracee.Tid, sink);
        }
        return sink;
    }

    /// <summary>Another tracee is about to print: the pending line is written as unfinished.</summary>
    private void TakeTurn(TraceeLine line)
    {
        if (_printing is { } other && other != line) FinishPendingAsUnfinished(other);
    }

    private void FinishPendingAsUnfinished(TraceeLine line)
    {
        if (_printing != line || !line.Pending || line.Unfinished) return;
        line.Text.Append(" <unfinished ...>\n");
        WriteText(line);
        line.Unfinished = true;
        _printing = null;
    }

    /// <summary>A tracee ends inside a syscall (exit_group, or killed mid-call): strace closes its line with "= ?".</summary>
    private void EndOfTracee(TraceeLine line)
    {
        line.Gone = true;
        if (!_printLines)
        {
            line.Pending = false;
            return;
        }
        TakeTurn(line);
        if (!line.Pending) return;
        if (_statusFiltered && (_options.Status & StatusFilter.Unfinished) == 0)
        {
            line.Pending = false;
            return;
        }
        TextBuilder b = line.Text;
        if (line.Unfinished)
        {
            // Another tracee's output cut the line: strace completes it as "<... exit resumed>) = ?".
            b.Clear();
            AppendLeader(line, b);
            b.Append("<... ").Append(line.Context.Def.Name).Append(" resumed>");
            _printing = line;
        }
        b.Append(") ");
        b.PadTo(0, _options.AlignColumn);
        b.Append("= ?\n");
        Emit(line);
    }

    private void Emit(TraceeLine line)
    {
        WriteText(line);
        line.Pending = false;
        line.Unfinished = false;
        if (_printing == line) _printing = null;
    }

    private void Forget(TraceeLine line)
    {
        line.Gone = true;
        _lines.Remove(line);
        if (_printing == line) _printing = null;
        line.Pending = false;
        if (!line.Hidden) _live--;
        if (_perProcessSinks.Remove(line.Tracee.Tid, out OutputSink? sink)) sink.Dispose();
    }

    private bool WantedStatus(SyscallContext ctx)
    {
        StatusFilter status = ctx.IsError ? StatusFilter.Failed : StatusFilter.Successful;
        if (ctx.Def.Return == ReturnKind.NoReturn) status = StatusFilter.Unfinished;
        return (_options.Status & status) != 0;
    }

    private void AppendLeader(TraceeLine line, TextBuilder b)
    {
        if (_sharedSink is not null)
        {
            if (_options.OutputFile is not null && (_options.FollowForks || _live > 1))
            {
                int start = b.Length;
                b.Append(line.Tracee.Tid);
                line.AppendComm(b);
                b.PadTo(start, 5);
                b.Append((byte)' ');
            }
            else if (_options.OutputFile is null && _live > 1)
            {
                b.Append("[pid ");
                int start = b.Length;
                int digits = CountDigits(line.Tracee.Tid);
                for (int i = digits; i < 5; i++) b.Append((byte)' ');
                b.Append(line.Tracee.Tid);
                line.AppendComm(b);
                b.Append("] ");
                _ = start;
            }
        }
        AppendTimestamp(b);
        if (_options.SyscallNumbers)
        {
            b.Append((byte)'[');
            AppendPadded(b, line.LastSyscall, 4, ' ');
            b.Append("] ");
        }
        if (_options.InstructionPointer)
        {
            if (line.Gone) b.Append("[????????????????] ");
            else
            {
                b.Append((byte)'[');
                int start = b.Length;
                b.AppendHexDigits(line.Tracee.InstructionPointer);
                int digits = b.Length - start;
                b.Truncate(start);
                for (int i = digits; i < 16; i++) b.Append((byte)'0');
                b.AppendHexDigits(line.Tracee.InstructionPointer).Append("] ");
            }
        }
    }

    private void AppendTimestamp(TextBuilder b)
    {
        if (_options.RelativeTimestamps)
        {
            long now = MonotonicNs();
            long delta = _lastTimestampNs == 0 ? 0 : now - _lastTimestampNs;
            _lastTimestampNs = now;
            AppendPadded(b, delta / 1_000_000_000, 6, ' ');
            AppendFraction(b, delta, _options.RelativeDigits);
            b.Append((byte)' ');
        }
        if (_options.Timestamps == TimestampStyle.None) return;
        long ns = RealtimeNs();
        long seconds = ns / 1_000_000_000;
        if (_options.Timestamps == TimestampStyle.Unix) b.Append(seconds);
        else
        {
            DateTime local = DateTime.UnixEpoch.AddSeconds(seconds).ToLocalTime();
            AppendPadded(b, local.Hour, 2, '0');
            b.Append((byte)':');
            AppendPadded(b, local.Minute, 2, '0');
            b.Append((byte)':');
            AppendPadded(b, local.Second, 2, '0');
        }
        AppendFraction(b, ns, _options.TimestampDigits);
        b.Append((byte)' ');
    }

    /// <summary>".fraction" of the second with <paramref name="digits"/> digits (none for 0).</summary>
    private static void AppendFraction(TextBuilder b, long ns, int digits)
    {
        if (digits == 0) return;
        long fraction = ns % 1_000_000_000;
        for (int i = digits; i < 9; i++) fraction /= 10;
        b.Append((byte)'.');
        AppendPadded(b, fraction, digits, '0');
    }

    private void AppendDuration(TextBuilder b, long ns)
    {
        b.Append(" <").Append(ns / 1_000_000_000);
        AppendFraction(b, ns, _options.SyscallTimeDigits);
        b.Append((byte)'>');
    }

    private static void AppendPadded(TextBuilder b, long value, int width, char pad)
    {
        for (int i = CountDigits(value); i < width; i++) b.Append((byte)pad);
        b.Append(value);
    }

    private static int CountDigits(long value)
    {
        int n = 1;
        while (value >= 10) { value /= 10; n++; }
        return n;
    }

    private static unsafe long MonotonicNs()
    {
        Timespec ts;
        Interop.Libc.clock_gettime(Interop.Flags.CLOCK_MONOTONIC, &ts);
        return ts.Seconds * 1_000_000_000 + ts.Nanoseconds;
    }

    private static unsafe long RealtimeNs()
    {
        Timespec ts;
        Interop.Libc.clock_gettime(Interop.Flags.CLOCK_REALTIME, &ts);
        return ts.Seconds * 1_000_000_000 + ts.Nanoseconds;
    }

    /// <summary>The renderer's state for one tracee.</summary>
    private sealed class TraceeLine(Tracee tracee, OutputSink sink)
    {
        public Tracee Tracee { get; } = tracee;
        public OutputSink Sink { get; } = sink;
        public SyscallContext Context { get; } = new(tracee.Memory);
        public TextBuilder Text { get; } = new(256);
        public bool Selected { get; set; }
        public bool Pending { get; set; }
        public bool Unfinished { get; set; }
        public long EntryNs { get; set; }
        public bool Injected { get; set; }
        public long EntrySystemTicks { get; set; }
        public int LastSyscall { get; set; }
        public bool Gone { get; set; }
        public bool Raw { get; set; }
        public bool Hidden { get; set; }
        public int FlushedUpTo { get; set; }
        public bool Verbose { get; set; }
        /// <summary>-e verbose=: the syscall is in the set (its structures are decoded).</summary>
        public bool Structures { get; set; } = true;
        public SyscallArch Personality { get; set; }
        /// <summary>The syscall number as strace counts it: an i386 socketcall or ipc subcall number (I386Subcalls).</summary>
        public int Number { get; set; }
        /// <summary>Where an i386 ipc subcall leaves its result (I386Subcalls), or 0.</summary>
        public ulong ResultAddress { get; set; }
        /// <summary>-k: the stack at the pending syscall's entry.</summary>
        public string? Stack { get; set; }
        public InjectionState Injection { get; } = new();
        private readonly byte[] _comm = new byte[16];
        private int _commLength = -1;

        /// <summary>--decode-pids=comm: reads /proc/TID/comm (at attach and after exec, as strace refreshes it).</summary>
        public void LoadComm() => _commLength = ProcComm.Read(Tracee.Tid, _comm);

        public void AppendComm(TextBuilder b)
        {
            if (_commLength <= 0) return;
            b.Append((byte)'<').Append(_comm.AsSpan(0, _commLength)).Append((byte)'>');
        }
    }
}
