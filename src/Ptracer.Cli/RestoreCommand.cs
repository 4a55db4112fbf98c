using Ptracer.Engine;
using Ptracer.Snapshot;
using Ptracer.Spawn;

namespace Ptracer.Cli;

/// <summary>`ptracer restore DIR`: the exit status is the restored program's.</summary>
internal static class RestoreCommand
{
    public const string Usage = "usage: ptracer restore DIR";

    public static int Run(string[] args)
    {
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
            return new Restorer(args[0]).Run();
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

    private static int UsageError(string message)
    {
        Console.Error.WriteLine($"ptracer restore: {message}");
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
