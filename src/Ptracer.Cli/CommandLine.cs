namespace Ptracer.Cli;

/// <summary>Dispatches `ptracer COMMAND ...`; invoked under the name `strace` it is `ptracer trace`.</summary>
internal static class CommandLine
{
    public const string Version = "0.1.0";

    public static int Run(string[] args)
    {
        if (InvokedName() == "strace") return TraceCommand.Run(args, "strace");
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.Write(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] is "-V" or "--version")
        {
            Console.Out.WriteLine($"ptracer {Version}");
            return 0;
        }
        return args[0] switch
        {
            "trace" => TraceCommand.Run(args[1..], "ptracer trace"),
            "run" => RunCommand.Run(args[1..]),
            "exec-proxy" => ExecProxyCommand.Run(args[1..]),
            "broker" => BrokerCommand.Run(args[1..]),
            // Internal: the broker's command guard (ExecProxy/CommandGuard.cs), started by `ptracer broker` itself.
            "broker-guard" => Ptracer.ExecProxy.CommandGuard.RunGuard(0),
            "snapshot" => SnapshotCommand.Run(args[1..]),
            "restore" => RestoreCommand.Run(args[1..]),
            _ => Fail($"ptracer: unknown command '{args[0]}' (try 'ptracer --help')"),
        };
    }

    /// <summary>
    /// The name the program was started under (argv[0]'s last component): installed as a symlink named strace,
    /// ptracer is `ptracer trace`. Published (NativeAOT), the command line's first argument is argv[0] itself; a
    /// framework-dependent build reports the dll path there instead, and then argv[0] is read from /proc/self/cmdline
    /// (a file open the published tool does not pay at every start).
    /// </summary>
    private static string InvokedName()
    {
        string first = Environment.GetCommandLineArgs()[0];
        if (!first.EndsWith(".dll", StringComparison.Ordinal)) return Path.GetFileName(first);
        try
        {
            byte[] cmdline = File.ReadAllBytes("/proc/self/cmdline");
            int end = Array.IndexOf(cmdline, (byte)0);
            return Path.GetFileName(System.Text.Encoding.UTF8.GetString(cmdline, 0, end < 0 ? cmdline.Length : end));
        }
        catch (IOException)
        {
            return Path.GetFileName(first);
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }

    private const string Usage = """
        usage: ptracer COMMAND [OPTIONS]

        commands:
          trace [STRACE OPTIONS] COMMAND [ARGS...]   trace a command as strace does (-f, -o, -e, -p, -s, -y, ...)
          trace [STRACE OPTIONS] -p PID[,PID...]     attach to running processes; Ctrl-C detaches
          exec-proxy --broker PATH [--local ENTRY]... [--shim PATH] -- COMMAND [ARGS...]
                                                     run COMMAND; execs not on the local list go to the broker
          broker --socket PATH [--audit FILE] [--allow PATTERN]... [--deny PATTERN]...
                                                     run the commands ptracer-shim hands over
          run [OPTIONS] -- PROGRAM [ARGS...]         run a program in the sandbox under limits and a policy
          snapshot -o DIR [--at-syscall NAME] -- PROGRAM [ARGS...]
                                                     run PROGRAM to its first syscall that cannot be replayed; save it
          restore [--trace [-o FILE]] DIR            start the saved program from that point (stdio: this shell's)
          --version                                  print the version

        """;
}
