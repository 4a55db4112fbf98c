using System.Runtime.InteropServices;
using Ptracer.Engine;
using Ptracer.Native;
using Ptracer.Seccomp;
using Ptracer.Spawn;
using Ptracer.Strace;
using Ptracer.Syscalls;

namespace Ptracer.Cli;

/// <summary>`ptracer trace`: strace's options, strace's output, strace's exit status.</summary>
internal static class TraceCommand
{
    public static int Run(string[] args, string name)
    {
        StraceOptions options;
        try
        {
            options = StraceOptionParser.Parse(args);
        }
        catch (StraceUsageException e)
        {
            return UsageError(e, name);
        }

        if (options.ShowHelp)
        {
            Console.Out.Write(Usage.Replace("NAME", name, StringComparison.Ordinal));
            return 0;
        }
        if (options.ShowVersion)
        {
            Console.Out.WriteLine($"{name} -- version {CommandLine.Version} (ptracer)");
            return 0;
        }
        (int Stage, int Pid, int ReadyFd, int Level)? role = Daemonize.Role();
        string[] fullArgs = name == "ptracer trace" ? ["trace", .. args] : args;
        if (role is { Stage: 1 } intermediate)
        {
            Daemonize.StartGrandchild(fullArgs, intermediate);
            return 0;
        }
        if (role is null)
            foreach (string warning in options.Warnings) Console.Error.WriteLine($"{name}: {warning}");
        if (options.Daemonize > 0 && role is null) return RunDaemonized(options, fullArgs, name);
        if (role is { Stage: 2 } tracerRole)
        {
            Daemonize.EnterTracerRole(tracerRole.Level);
            options.Command.Clear();
            options.AttachPids.Add(tracerRole.Pid);
        }

        TraceHandler handler;
        StraceRenderer? renderer = null;
        JsonRenderer? json = null;
        try
        {
            if (options.Json) handler = json = new JsonRenderer(options);
            else handler = renderer = new StraceRenderer(options, m => Console.Error.WriteLine($"{name}: {m}"));
            if (role is { Stage: 2 } r && renderer is not null)
            {
                renderer.WaitForExecOf = r.Pid;
                renderer.AttachedToCommand = () => Daemonize.ReportAttached(r.ReadyFd);
            }
        }
        catch (StraceUsageException e)
        {
            return UsageError(e, name);
        }

        SpawnUser? user = null;
        try
        {
            if (options.User is { } userName) user = UserAccount.Lookup(userName);
        }
        catch (StraceUsageException e)
        {
            Dispose(renderer, json);
            return UsageError(e, name);
        }

        bool attaching = options.AttachPids.Count > 0;
        if (attaching && options.SeccompBpf == true)
            Console.Error.WriteLine($"{name}: --seccomp-bpf is not enabled for processes attached with -p");
        SockFilter[]? filter = attaching ? null : SeccompFilterFor(options);
        var tracer = new Tracer(new TracerOptions
        {
            FollowChildren = options.FollowForks,
            KillAttachedOnTracerExit = options.KillOnExit,
            SyscallStops = filter is null ? SyscallStopMode.All : SyscallStopMode.Seccomp,
        });
        // --kill-on-exit: a signal ends the tracer, and PTRACE_O_EXITKILL the tracees with it, instead of a detach.
        using TracerSignals? signals = attaching && !options.KillOnExit && role is null ? new TracerSignals(tracer) : null;
        if (!attaching)
        {
            // The terminal sends SIGINT/SIGQUIT to the tracee as well: it decides, the tracer reports. SIGTERM and
            // SIGHUP end the tracer, and PTRACE_O_EXITKILL ends the tree with it.
            TracerProcess.Ignore(2 /* SIGINT */);
            TracerProcess.Ignore(3 /* SIGQUIT */);
        }
        BlockFatalSignals(options.Interruptible);
        TraceResult result;
        try
        {
            result = attaching ? tracer.Run(options.AttachPids, handler) : tracer.Run(SpawnOptionsFor(options, filter, user), handler);
        }
        catch (SpawnException e)
        {
            Dispose(renderer, json);
            Console.Error.WriteLine($"{name}: {e.Message}");
            return e.Errno == 2 ? 127 : 126;
        }
        catch (AttachException e)
        {
            Dispose(renderer, json);
            Console.Error.WriteLine($"{name}: {e.Message}");
            return 1;
        }
        int detachedCommand = renderer?.DetachedCommandPid ?? 0;
        Dispose(renderer, json);
        if (detachedCommand > 0 && !attaching)
        {
            (int exitCode, int signal) = DetachedCommand.Wait(detachedCommand);
            result = signal != 0 ? TraceResult.Killed(signal) : TraceResult.Exited(exitCode);
        }

        if (result.Signal != 0 && !attaching)
        {
            TracerProcess.RaiseAndExit(result.Signal);
            return 128 + result.Signal;
        }
        return attaching ? 0 : result.ExitCode;
    }

    /// <summary>
    /// -D: this process becomes the command once the tracer, started as a detached grandchild, has attached to it;
    /// the shell then waits for the command itself. Returns only when that fails.
    /// </summary>
    private static int RunDaemonized(StraceOptions options, string[] fullArgs, string name)
    {
        if (options.Json)
        {
            Console.Error.WriteLine($"{name}: --json cannot be combined with -D/--daemonize");
            return 1;
        }
        SpawnUser? user;
        try
        {
            user = options.User is { } userName ? UserAccount.Lookup(userName) : null;
        }
        catch (StraceUsageException e)
        {
            return UsageError(e, name);
        }
        string program = ExecutableLocator.Resolve(options.Command[0], Environment.GetEnvironmentVariable("PATH"));
        if (!Daemonize.StartTracer(fullArgs, options.Daemonize))
        {
            Console.Error.WriteLine($"{name}: the tracer process did not attach");
            return 1;
        }
        List<string> environment = EnvironmentWith(options.EnvironmentChanges);
        int errno = Daemonize.Exec(program, options.Command, environment, user);
        Console.Error.WriteLine($"{name}: cannot execute '{options.Command[0]}': {Marshal.GetPInvokeErrorMessage(errno)}");
        return errno == 2 ? 127 : 126;
    }

    /// <summary>strace's error_msg_and_help: the message, then (for usage mistakes) where to read more; status 1.</summary>
    private static int UsageError(StraceUsageException e, string name)
    {
        Console.Error.WriteLine($"{name}: {e.Message}");
        if (e.ShowHelpHint) Console.Error.WriteLine($"Try '{name} -h' for more information.");
        return 1;
    }

    private const string Usage = """
        Usage: NAME [-ACdffhiqqrtttTvVwxxyyYzZ] [-I N] [-b execve] [-e EXPR]...
                    [-a COLUMN] [-o FILE] [-s STRSIZE] [-X FORMAT] [-O OVERHEAD]
                    [-S SORTBY] [-P PATH]... [-p PID]... [-U COLUMNS] [--seccomp-bpf]
                    [--syscall-limit N] [--kill-on-exit] [--json]
                    { -p PID | [-DDD] [-E VAR=VAL]... [-u USERNAME] PROG [ARGS] }
           or: NAME -c[dfwzZ] [-I N] [-b execve] [-e EXPR]... [-O OVERHEAD]
                    [-S SORTBY] [-P PATH]... [-p PID]... [-U COLUMNS] [--seccomp-bpf]
                    { -p PID | [-DDD] [-E VAR=VAL]... [-u USERNAME] PROG [ARGS] }

        The options and their long forms are strace 6.1's (see strace(1)); ptracer's additions:
          --json             one JSON object per event instead of strace's lines
          --no-seccomp-bpf   stop at every syscall even when -e trace= selects a few
          --syscall-limit=N  detach after N traced syscalls (strace 6.2)
          --kill-on-exit     kill the traced processes when the tracer exits (strace 6.4)
        Not available: -k/--stack-traces, --secontext.

        """;

    private static void Dispose(StraceRenderer? renderer, JsonRenderer? json)
    {
        renderer?.Dispose();
        json?.Dispose();
    }

    /// <summary>
    /// Unlike strace, the seccomp fast path is the default when the trace set is narrower than all syscalls, -f follows
    /// every child and ptracer starts the command: unselected syscalls then never stop. The filter is inherited by every child, so
    /// -f sees the same set. --no-seccomp-bpf turns it off (the tracee then also keeps the ability to gain
    /// privileges through setuid programs, which the filter's no_new_privs removes).
    /// </summary>
    private static SockFilter[]? SeccompFilterFor(StraceOptions options)
    {
        if (options.SeccompBpf == false || options.Trace is not { IsAll: false } selection) return null;
        // Children inherit the filter; one that is not traced (no -f) would get ENOSYS from every SECCOMP_RET_TRACE
        // syscall (seccomp(2)), which is why strace refuses --seccomp-bpf without -f.
        if (!options.FollowForks) return null;
        // A process detached by -b execve or --syscall-limit would keep a filter whose SECCOMP_RET_TRACE fails its
        // syscalls with ENOSYS once no tracer is attached.
        if (options.DetachOnExecve || options.SyscallLimit > 0) return null;
        // Tampered syscalls must stop too, traced or not.
        var injector = new FaultInjector(options.Injections);
        return SeccompFilterCompiler.ForTracedSyscalls(
            selection.SelectedNumbers(SyscallArch.X86_64).Concat(injector.Numbers(SyscallArch.X86_64)).Distinct(),
            I386Numbers(selection).Concat(injector.Numbers(SyscallArch.I386)).Distinct(),
            traceUnnamed: true);
    }

    /// <summary>The selected i386 numbers, with socketcall or ipc when one of their subcalls is selected.</summary>
    private static IEnumerable<int> I386Numbers(SyscallSelection selection)
    {
        List<int> numbers = [.. selection.SelectedNumbers(SyscallArch.I386)];
        foreach (int number in numbers.ToArray())
            if (I386Subcalls.MultiplexerOf(number) is int multiplexer) numbers.Add(multiplexer);
        return numbers;
    }

    /// <summary>
    /// -I 3 (never) and -I 4 (never_tstp): the tracer ignores SIGHUP, SIGINT, SIGQUIT, SIGPIPE and SIGTERM (and SIGTSTP),
    /// so it outlives a terminal's or a script's signals; the tracee's dispositions are reset at spawn either way.
    /// -I 1 and 2 keep the default handling (for a spawned command only SIGINT/SIGQUIT are ignored, as by strace).
    /// </summary>
    private static void BlockFatalSignals(int interruptible)
    {
        if (interruptible < 3) return;
        foreach (int signal in new[] { 1, 2, 3, 13, 15 }) TracerProcess.Ignore(signal);
        if (interruptible == 4) TracerProcess.Ignore(20 /* SIGTSTP */);
    }

    private static SpawnOptions SpawnOptionsFor(StraceOptions options, SockFilter[]? filter, SpawnUser? user)
    {
        string program = ExecutableLocator.Resolve(options.Command[0], Environment.GetEnvironmentVariable("PATH"));
        return new SpawnOptions
        {
            Program = program,
            Arguments = options.Command,
            Environment = options.EnvironmentChanges.Count == 0 ? null : EnvironmentWith(options.EnvironmentChanges),
            SeccompFilter = filter,
            User = user,
        };
    }

    /// <summary>-E VAR=VAL sets, -E VAR removes (strace(1)).</summary>
    private static List<string> EnvironmentWith(List<string> changes)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            string key = (string)e.Key;
            env[key] = (string?)e.Value ?? "";
            order.Add(key);
        }
        foreach (string change in changes)
        {
            int eq = change.IndexOf('=');
            if (eq < 0)
            {
                env.Remove(change);
                continue;
            }
            string key = change[..eq];
            if (!env.ContainsKey(key)) order.Add(key);
            env[key] = change[(eq + 1)..];
        }
        return order.Where(env.ContainsKey).Select(k => $"{k}={env[k]}").ToList();
    }

    /// <summary>With -p, SIGINT/SIGQUIT/SIGTERM/SIGHUP detach: the processes keep running unharmed.</summary>
    private sealed class TracerSignals : IDisposable
    {
        private readonly List<PosixSignalRegistration> _registrations = [];

        public TracerSignals(Tracer tracer)
        {
            foreach (PosixSignal signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGQUIT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true;
                    tracer.Cancel();
                }));
            }
        }

        public void Dispose()
        {
            foreach (PosixSignalRegistration r in _registrations) r.Dispose();
        }
    }
}
