using Ptracer.Engine;
using Ptracer.ExecProxy;
using Ptracer.Spawn;

namespace Ptracer.Cli;

/// <summary>
/// `ptracer exec-proxy --broker PATH [--local ENTRY]... [--shim PATH] [-v] -- COMMAND [ARGS...]`: runs COMMAND with
/// every exec of its tree that is not on the local list handed to the broker. The exit status is the command's.
/// </summary>
internal static class ExecProxyCommand
{
    public const string Usage = "usage: ptracer exec-proxy --broker PATH [--local ENTRY]... [--shim PATH] [-v] -- COMMAND [ARGS...]";

    public static int Run(string[] args)
    {
        string? broker = null, shim = null;
        var local = new List<string>();
        bool verbose = false;
        int i = 0;
        for (; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--") { i++; break; }
            if (a is "-h" or "--help")
            {
                Console.Out.WriteLine(Usage);
                return 0;
            }
            if (a is "-v" or "--verbose") { verbose = true; continue; }
            if (!a.StartsWith('-')) break;
            (string name, string? value) = SplitOption(a);
            if (name is not ("--broker" or "--local" or "--shim")) return Fail($"unknown option '{a}'");
            if (value is null)
            {
                if (++i >= args.Length) return Fail($"option '{name}' needs a value");
                value = args[i];
            }
            switch (name)
            {
                case "--broker": broker = value; break;
                case "--shim": shim = value; break;
                default: local.Add(value); break;
            }
        }
        string[] command = args[i..];
        if (command.Length == 0) return Fail("no command given");
        if (string.IsNullOrEmpty(broker)) return Fail("--broker PATH is required");
        shim ??= DefaultShim();
        if (shim is null) return Fail("ptracer-shim not found next to ptracer; give --shim PATH");
        shim = Path.GetFullPath(shim);
        if (!File.Exists(shim)) return Fail($"shim not found: {shim}");

        ExecProxyConfig config;
        try
        {
            // The shim's ownership of descriptors and signals makes it behave like the command; a relative socket
            // path would be resolved against each caller's directory, so make it absolute here.
            config = new ExecProxyConfig { ShimPath = shim, BrokerSocket = Path.GetFullPath(broker), Local = local };
            _ = new CommandList(local);
        }
        catch (ArgumentException e)
        {
            return Fail(e.Message);
        }

        Action<ExecDecision>? decided = verbose
            ? d => Console.Error.WriteLine(d.Outcome switch
            {
                ExecOutcome.Local => $"ptracer exec-proxy: [{d.Pid}] local {d.Path} ({d.Reason})",
                ExecOutcome.Proxied => $"ptracer exec-proxy: [{d.Pid}] proxied {d.Path}",
                _ => $"ptracer exec-proxy: [{d.Pid}] blocked {d.Path}: {d.Reason}",
            })
            : null;

        // The terminal sends SIGINT/SIGQUIT to the whole foreground tree, shims included: they forward them.
        TracerProcess.Ignore(2 /* SIGINT */);
        TracerProcess.Ignore(3 /* SIGQUIT */);
        TraceResult result;
        try
        {
            string program = ExecutableLocator.Resolve(command[0], Environment.GetEnvironmentVariable("PATH"));
            result = ExecInterceptor.Run(config, new SpawnOptions { Program = program, Arguments = command }, decided);
        }
        catch (SpawnException e)
        {
            Console.Error.WriteLine($"ptracer exec-proxy: {e.Message}");
            return e.Errno == 2 ? 127 : 126;
        }
        if (result.Signal != 0)
        {
            TracerProcess.RaiseAndExit(result.Signal);
            return 128 + result.Signal;
        }
        return result.ExitCode;
    }

    /// <summary>ptracer-shim next to this executable (the NativeAOT pair), else a development build's Ptracer.Shim.</summary>
    private static string? DefaultShim()
    {
        string? dir = Path.GetDirectoryName(Environment.ProcessPath);
        if (dir is null) return null;
        foreach (string name in new[] { "ptracer-shim", "Ptracer.Shim" })
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    internal static (string Name, string? Value) SplitOption(string a)
    {
        int eq = a.IndexOf('=');
        return a.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (a[..eq], a[(eq + 1)..]) : (a, null);
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"ptracer exec-proxy: {message}");
        Console.Error.WriteLine(Usage);
        return 1;
    }
}
