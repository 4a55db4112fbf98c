using System.Runtime.InteropServices;
using Ptracer.Engine;
using Ptracer.Snapshot;
using Ptracer.Spawn;
using Ptracer.Strace;

namespace Ptracer.Cli;

/// <summary>`ptracer restore DIR`: the exit status is the restored program's.</summary>
internal static class RestoreCommand
{
    public const string Usage = "usage: ptracer restore [--trace [-o FILE]] DIR";

    public static int Run(string[] args)
    {
        bool trace = false;
        string? traceOutput = null;
        while (args.Length > 0 && args[0] is "--trace" or "-o")
        {
            if (args[0] == "--trace")
            {
                trace = true;
                args = args[1..];
                continue;
            }
            if (args.Length < 2) return UsageError("option -o needs a value");
            traceOutput = args[1];
            args = args[2..];
        }
        if (traceOutput is not null && !trace) return UsageError("-o FILE goes with --trace");
        if (args.Length == 1 && args[0] is "-h" or "--help")
        {
            Console.Out.WriteLine(Usage);
            return 0;
        }
        if (args.Length == 0) return UsageError("no snapshot directory given");
        if (args[0].StartsWith('-')) return UsageError($"unknown option '{args[0]}'");
        // The program read its argv before the snapshot point; new arguments could not reach it.
        if (args.Length > 1) return UsageError("a restored program keeps the arguments it was snapshotted with; no ARGS may follow DIR");
        try
        {
            // The terminal's Ctrl-C and Ctrl-\ reach the restored program too; it decides, and its status is ours.
            TracerProcess.Ignore(2 /* SIGINT */);
            TracerProcess.Ignore(3 /* SIGQUIT */);
            if (!trace)
            {
                var restorer = new Restorer(args[0]);
                // ptracer stands in for the program: SIGTERM and SIGHUP sent to it go on to the program, whose
                // status then becomes ours. (With --trace, PTRACE_O_EXITKILL ends the program with the tracer.)
                using var term = ForwardTo(restorer, PosixSignal.SIGTERM, 15);
                using var hup = ForwardTo(restorer, PosixSignal.SIGHUP, 1);
                return restorer.Run();
            }
            // strace's own format for the restored program and its children (-f), on stderr or in FILE.
            StraceOptions options = StraceOptionParser.Parse(traceOutput is null ? ["-f", "restored"] : ["-f", "-o", traceOutput, "restored"]);
            using var renderer = new StraceRenderer(options) { Notice = m => Console.Error.WriteLine($"ptracer restore: {m}") };
            return new Restorer(args[0], renderer).Run();
        }
        catch (SpawnException e)
        {
            Console.Error.WriteLine($"ptracer restore: {e.Message}");
            return 127;
        }
        catch (Exception e) when (e is SnapshotException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ptracer restore: cannot restore: {e.Message}");
            return 1;
        }
    }

    private static PosixSignalRegistration ForwardTo(Restorer restorer, PosixSignal signal, int number) =>
        // Before the program runs, the default action ends ptracer, and PTRACE_O_EXITKILL the stub with it.
        PosixSignalRegistration.Create(signal, context => context.Cancel = restorer.SendSignal(number));

    private static int UsageError(string message)
    {
        Console.Error.WriteLine($"ptracer restore: {message}");
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
