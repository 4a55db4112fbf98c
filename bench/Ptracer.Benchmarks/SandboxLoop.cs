using System.Diagnostics;
using System.Runtime.InteropServices;
using Ptracer.Sandbox;

namespace Ptracer.Benchmarks;

/// <summary>
/// The sandbox's own start-to-exit cost, as a judge that links the library pays it: runs /bin/true again and again
/// in this process under <c>none</c> and <c>judge</c>, alternating with a bare posix_spawn + waitpid of it, and prints
/// medians. The CLI adds a .NET process start on top of this (bench/sandbox.py measures that).
/// </summary>
internal static partial class SandboxLoop
{
    public static int Run(string[] args)
    {
        int runs = args.Length > 0 ? int.Parse(args[0]) : 500;
        const string program = "/bin/true";
        var variants = new (string Name, Func<double> Once)[]
        {
            ("bare", () => Bare(program)),
            ("none", () => Sandboxed(program, SandboxPolicy.None())),
            ("judge", () => Sandboxed(program, SandboxPolicy.Judge())),
            ("default", () => Sandboxed(program, SandboxPolicy.Default())),
        };
        foreach (var (_, once) in variants)
            for (int i = 0; i < 50; i++) once(); // warm-up: code compiled at its final tier, pools filled
        var samples = variants.ToDictionary(v => v.Name, _ => new List<double>(runs));
        for (int i = 0; i < runs; i++)
            foreach (var (name, once) in variants) samples[name].Add(once());
        double bare = Median(samples["bare"]);
        Console.WriteLine($"in-process runs of {program}, {runs} per variant, alternating (medians)");
        foreach (var (name, _) in variants)
        {
            double median = Median(samples[name]);
            Console.WriteLine($"{name,-8} {median:F3} ms   added {median - bare:F3} ms");
        }
        return 0;
    }

    private static double Sandboxed(string program, SandboxPolicy policy)
    {
        long start = Stopwatch.GetTimestamp();
        SandboxResult result = SandboxRunner.Run(new SandboxOptions { Program = program, Policy = policy });
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (result.Status != SandboxStatus.Normal) throw new InvalidOperationException($"{program}: {result.Status} {result.Error}");
        return ms;
    }

    private static unsafe double Bare(string program)
    {
        long start = Stopwatch.GetTimestamp();
        byte[] path = [.. System.Text.Encoding.UTF8.GetBytes(program), 0];
        fixed (byte* p = path)
        {
            byte** argv = stackalloc byte*[2];
            argv[0] = p;
            argv[1] = null;
            byte** envp = stackalloc byte*[1];
            envp[0] = null;
            int pid;
            if (posix_spawn(&pid, p, null, null, argv, envp) != 0) throw new InvalidOperationException("posix_spawn failed");
            int status;
            waitpid(pid, &status, 0);
        }
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    [LibraryImport("libc")]
    private static unsafe partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport("libc")]
    private static unsafe partial int waitpid(int pid, int* status, int options);
}
