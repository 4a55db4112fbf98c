namespace Ptracer.Cli;

/// <summary>Dispatches `ptracer COMMAND ...`; invoked under the name `strace` it is `ptracer trace`.</summary>
internal static class CommandLine
{
    public const string Version = "0.1.0";

    public static int Run(string[] args)
    {
        string invokedAs = Path.GetFileName(Environment.GetCommandLineArgs()[0]);
        if (invokedAs == "strace") return TraceCommand.Run(args, "strace");
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
            _ => Fail($"ptracer: unknown command '{args[0]}' (try 'ptracer --help')"),
        };
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
          --version                                  print the version

        """;
}
