using System.Runtime.InteropServices;
using Ptracer.ExecProxy;

namespace Ptracer.Cli;

/// <summary>
/// `ptracer broker --socket PATH [--audit FILE] [--allow PATTERN]... [--deny PATTERN]... [--keep-env NAME]...
/// [--drop-env NAME]... [--runner local|ssh] [--ssh-host HOST] [--ssh-option OPT]... [--ssh-arg ARG]...
/// [--ssh-program PATH]`: runs the commands shims send it. Prints "ptracer broker: listening on PATH" on stdout once
/// connections are accepted; SIGINT, SIGTERM or SIGHUP stop it (running commands finish).
/// </summary>
internal static class BrokerCommand
{
    public const string Usage =
        "usage: ptracer broker --socket PATH [--audit FILE] [--allow PATTERN]... [--deny PATTERN]... [--keep-env NAME]... [--drop-env NAME]...\n" +
        "                      [--runner local|ssh] [--ssh-host [USER@]HOST] [--ssh-option OPTION=VALUE]... [--ssh-arg ARG]... [--ssh-program PATH]";

    private static readonly string[] s_options =
        ["--socket", "--audit", "--allow", "--deny", "--keep-env", "--drop-env", "--runner", "--ssh-host", "--ssh-option", "--ssh-arg", "--ssh-program"];

    public static int Run(string[] args)
    {
        string? socketPath = null, audit = null;
        var allow = new List<string>();
        var deny = new List<string>();
        var keep = new List<string>();
        var drop = new List<string>();
        string runnerName = "local";
        string? sshHost = null, sshProgram = null;
        var sshArgs = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a is "-h" or "--help")
            {
                Console.Out.WriteLine(Usage);
                return 0;
            }
            (string name, string? value) = ExecProxyCommand.SplitOption(a);
            if (!s_options.Contains(name))
                return Fail($"unknown option '{a}'");
            if (value is null)
            {
                if (++i >= args.Length) return Fail($"option '{name}' needs a value");
                value = args[i];
            }
            switch (name)
            {
                case "--socket": socketPath = value; break;
                case "--audit": audit = value; break;
                case "--allow": allow.Add(value); break;
                case "--deny": deny.Add(value); break;
                case "--keep-env": keep.Add(value); break;
                case "--drop-env": drop.Add(value); break;
                case "--runner": runnerName = value; break;
                case "--ssh-host": sshHost = value; break;
                case "--ssh-option": sshArgs.AddRange(["-o", value]); break;
                case "--ssh-arg": sshArgs.Add(value); break;
                default: sshProgram = value; break;
            }
        }
        if (string.IsNullOrEmpty(socketPath)) return Fail("--socket PATH is required");
        if (runnerName is not ("local" or "ssh")) return Fail($"unknown runner '{runnerName}' (local or ssh)");
        if (runnerName == "ssh" && string.IsNullOrEmpty(sshHost)) return Fail("--runner ssh needs --ssh-host HOST");
        if (runnerName == "local" && (sshHost is not null || sshArgs.Count > 0 || sshProgram is not null))
            return Fail("--ssh-* options need --runner ssh");

        Broker broker;
        try
        {
            ICommandRunner runner = runnerName == "ssh"
                ? new SshRunner(new SshRunnerOptions { Host = sshHost!, Arguments = sshArgs, Program = sshProgram ?? "ssh" })
                : new LocalRunner();
            broker = new Broker(new BrokerOptions
            {
                Runner = runner,
                SocketPath = Path.GetFullPath(socketPath),
                AuditPath = audit,
                Allow = allow,
                Deny = deny,
                EnvFilter = new EnvFilter(keep, drop),
                GuardCommand = [Environment.ProcessPath ?? throw new IOException("cannot tell this program's path for the command guard"), "broker-guard"],
            });
            broker.Listen();
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ptracer broker: {e.Message}");
            return 1;
        }
        using (broker)
        {
            var registrations = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }
                .Select(s => PosixSignalRegistration.Create(s, context =>
                {
                    context.Cancel = true;
                    broker.Stop();
                }))
                .ToList();
            Console.Out.WriteLine($"ptracer broker: listening on {Path.GetFullPath(socketPath)}");
            Console.Out.Flush();
            try
            {
                broker.Serve();
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"ptracer broker: {e.Message}");
                return 1;
            }
            finally
            {
                foreach (PosixSignalRegistration r in registrations) r.Dispose();
            }
        }
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"ptracer broker: {message}");
        Console.Error.WriteLine(Usage);
        return 1;
    }
}
