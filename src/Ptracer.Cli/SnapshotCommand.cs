using Ptracer.Snapshot;
using Ptracer.Spawn;

namespace Ptracer.Cli;

/// <summary>`ptracer snapshot -o DIR [--at-syscall NAME] -- PROGRAM [ARGS...]`.</summary>
internal static class SnapshotCommand
{
    public const string Usage = "usage: ptracer snapshot -o DIR [--at-syscall NAME] -- PROGRAM [ARGS...]";

    public static int Run(string[] args)
    {
        string? output = null, atSyscall = null;
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
            if (a is "-o" or "--output" or "--at-syscall")
            {
                if (i + 1 >= args.Length) return UsageError($"option {a} needs a value");
                if (a == "--at-syscall") atSyscall = args[++i];
                else output = args[++i];
                continue;
            }
            if (a.StartsWith('-')) return UsageError($"unknown option '{a}'");
            break;
        }
        if (output is null) return UsageError("-o DIR is required");
        if (i >= args.Length) return UsageError("no program given");

        try
        {
            string program = ExecutableLocator.Resolve(args[i], Environment.GetEnvironmentVariable("PATH"));
            var snapshotter = new Snapshotter(new SnapshotOptions
            {
                OutputDirectory = output,
                Program = program,
                Arguments = args[i..],
                AtSyscall = atSyscall,
            });
            SnapshotSummary s = snapshotter.Run();
            Console.Error.WriteLine($"ptracer snapshot: saved at {s.Syscall}: {s.Mappings} mappings, {s.Pages} pages ({s.Bytes / 1024} KiB) in {output}");
            return 0;
        }
        catch (SpawnException e)
        {
            Console.Error.WriteLine($"ptracer snapshot: {e.Message}");
            return e.Errno == 2 ? 127 : 126;
        }
        catch (Exception e) when (e is SnapshotException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ptracer snapshot: cannot snapshot: {e.Message}");
            return 1;
        }
    }

    private static int UsageError(string message)
    {
        Console.Error.WriteLine($"ptracer snapshot: {message}");
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
