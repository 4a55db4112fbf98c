using System.Text;

namespace Ptracer.ExecProxy;

/// <summary>How the ssh runner reaches the other host.</summary>
public sealed class SshRunnerOptions
{
    /// <summary>The destination, as ssh takes it: HOST, USER@HOST, or a Host alias of the ssh configuration.</summary>
    public required string Host { get; init; }

    /// <summary>Further ssh arguments, put before the destination (e.g. "-o", "Port=2222", "-F", "none").</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The ssh client: a path, or a name looked up in PATH.</summary>
    public string Program { get; init; } = "ssh";
}

/// <summary>
/// Runs the command on another host with the system OpenSSH client: <c>ssh -T -e none -o BatchMode=yes [ARGS...] --
/// HOST REMOTE_COMMAND</c>, where the remote command is a POSIX shell line (run by the remote user's login shell)
/// that changes to the request's working directory and runs the path with the arguments and the filtered variables
/// through env(1), every word single-quoted. The ssh client gets the shim's stdin, stdout and stderr as its own, so
/// the data streams straight between the caller's descriptors and the connection. Descriptors beyond 2 cannot cross
/// the connection and are not passed.
/// <para>
/// The remote command is not exec'd: the remote shell waits for it and exits with its status, which ssh returns;
/// a command killed by a signal thus gives 128+signal (an exec'd one would make ssh return 255, the same as a lost
/// connection). A signal forwarded to the ssh client makes it close the session and exit with 255, which is reported
/// as death by that signal. Without a terminal nothing signals the remote command: it sees end of file on its stdin
/// and EPIPE/SIGPIPE on its next write to stdout or stderr.
/// </para>
/// </summary>
public sealed class SshRunner : ICommandRunner
{
    private const int SshFailure = 255;
    private readonly SshRunnerOptions _options;
    private readonly string _program;

    public SshRunner(SshRunnerOptions options)
    {
        if (string.IsNullOrEmpty(options.Host) || options.Host.StartsWith('-'))
            throw new ArgumentException($"invalid ssh host '{options.Host}'");
        _options = options;
        _program = ResolveProgram(options.Program);
    }

    public string Name => "ssh";

    /// <summary>The ssh client's argv for <paramref name="remoteCommand"/>.</summary>
    public IReadOnlyList<string> ClientArguments(string remoteCommand) =>
        [_program, "-T", "-e", "none", "-o", "BatchMode=yes", .. _options.Arguments, "--", _options.Host, remoteCommand];

    public RunningCommand Start(ExecRequest request, IReadOnlyList<KeyValuePair<string, string>> environment, IReadOnlyList<int> fds,
        CommandGuard? guard)
    {
        var stdio = new List<int>();
        var targets = new List<int>();
        for (int i = 0; i < fds.Count; i++)
        {
            if (request.TargetFds[i] > 2) continue;
            stdio.Add(fds[i]);
            targets.Add(request.TargetFds[i]);
        }
        IReadOnlyList<string> argv = ClientArguments(RemoteCommand(request, environment));
        int pid = ProcessLauncher.Spawn(_program, argv, ProcessLauncher.OwnEnvironment(), null, stdio, targets, nullForMissingStdio: true,
            beforeExec: guard is null ? null : guard.Watch, failed: guard is null ? null : guard.Forget);
        return new SshCommand(pid);
    }

    /// <summary>
    /// The POSIX shell line the remote side runs: <c>cd -- 'CWD' || exit 126; env -- 'NAME=VALUE'... 'PATH' 'ARG'...;
    /// exit $?</c>. argv[0] becomes the path (a POSIX shell cannot set it apart from the path).
    /// </summary>
    public static string RemoteCommand(ExecRequest request, IReadOnlyList<KeyValuePair<string, string>> environment)
    {
        string path = request.Path.StartsWith('/') ? request.Path : Path.Combine(request.WorkingDirectory, request.Path);
        var line = new StringBuilder();
        line.Append("cd -- ").Append(Quote(request.WorkingDirectory)).Append(" || exit 126; ");
        if (environment.Count > 0)
        {
            line.Append("env --");
            foreach ((string name, string value) in environment) line.Append(' ').Append(Quote($"{name}={value}"));
            // env(1) takes a word with '=' for one more variable: such a path goes through sh's exec instead.
            if (path.Contains('=')) line.Append(" /bin/sh -c 'exec \"$@\"' sh");
            line.Append(' ');
        }
        line.Append(Quote(path));
        foreach (string argument in request.Arguments.Skip(1)) line.Append(' ').Append(Quote(argument));
        line.Append("; exit $?");
        return line.ToString();
    }

    /// <summary>One word for a POSIX shell: single quotes keep everything literal, newlines included; a quote is '\''.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string ResolveProgram(string program)
    {
        if (program.Contains('/'))
            return File.Exists(program) ? Path.GetFullPath(program) : throw new ArgumentException($"ssh client not found: {program}");
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        throw new ArgumentException($"ssh client '{program}' not found in PATH");
    }

    /// <summary>The ssh client of one command.</summary>
    private sealed class SshCommand(int pid) : RunningCommand(pid, signalGroup: true)
    {
        public override bool IsRemote => true;

        // OpenSSH exits 255 when a signal it catches (INT, TERM, HUP, QUIT) ends the session: after a forwarded
        // terminating signal that is the command's death by it, as it would be for a local command.
        protected override (int Code, int Signal) CommandStatus((int Code, int Signal) process)
        {
            int forwarded = LastSignal;
            return process.Code == SshFailure && process.Signal == 0 && forwarded is 1 or 2 or 3 or 15 ? (128 + forwarded, forwarded) : process;
        }
    }
}
