using System.Diagnostics;
using System.Runtime.InteropServices;
using Ptracer.Native;

namespace Ptracer.Tests.Seccomp;

/// <summary>
/// Builds tracees/seccomp_load.c once per test run and runs it with a filter: the kernel installs the filter in
/// that process, which then makes the requested syscalls and reports what happened. Nothing is traced here,
/// so System.Diagnostics.Process is safe to use.
/// </summary>
internal static class SeccompLoader
{
    private static readonly Lazy<string> Executable = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>SIGSYS (asm/signal.h); .NET reports a child killed by a signal as 128 + the signal.</summary>
    public const int KilledBySigsys = 128 + 31;

    public static LoaderRun Run(SockFilter[] program, params string[] ops)
    {
        string filterPath = Path.Combine(WorkDirectory, $"filter-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(filterPath, MemoryMarshal.AsBytes(program.AsSpan()).ToArray());
        try
        {
            (int exitCode, string stdout, _) = Execute(Executable.Value, [filterPath, .. ops]);
            return new LoaderRun(exitCode, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            File.Delete(filterPath);
        }
    }

    private static string WorkDirectory { get; } = CreateWorkDirectory();

    private static string CreateWorkDirectory()
    {
        string path = Directory.CreateTempSubdirectory("ptracer-seccomp-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(path);
        return path;
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private static string Build()
    {
        string source = Path.Combine(AppContext.BaseDirectory, "tracees", "seccomp_load.c");
        string output = Path.Combine(WorkDirectory, "seccomp_load");
        (int exitCode, string stdout, string stderr) = Execute("gcc", ["-O1", "-o", output, source]);
        if (exitCode != 0)
            throw new InvalidOperationException($"gcc failed for {source} ({exitCode}):\n{stdout}{stderr}");
        return output;
    }

    private static (int ExitCode, string Stdout, string Stderr) Execute(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            throw new TimeoutException($"{file} did not finish in 30 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>What one run of seccomp_load printed and how it ended.</summary>
internal sealed record LoaderRun(int ExitCode, string[] Lines)
{
    public bool Loaded => Lines.Contains("loaded");

    public bool Finished => Lines.Contains("done");

    /// <summary>The (ret, errno) reported for an op; throws when the op printed nothing (it was killed).</summary>
    public (long Ret, int Errno) Result(string op)
    {
        string line = Lines.SingleOrDefault(l => l.StartsWith(op + " ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No result for {op}; output:\n{string.Join('\n', Lines)}");
        string[] fields = line[(op.Length + 1)..].Split(' ');
        return (long.Parse(fields[0]["ret=".Length..]), int.Parse(fields[1]["errno=".Length..]));
    }

    public int ErrnoOf(string op) => Result(op).Errno;

    public override string ToString() => $"exit {ExitCode}: {string.Join(" | ", Lines)}";
}
