using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Ptracer.Tests.TestSupport;

/// <summary>
/// Compiles the C programs of tests/tracees (copied to the test output folder under "tracees") with
/// <c>gcc -O1 -pthread</c>, once per source content: binaries are cached under the temp directory by a hash of the
/// source and the command line, so repeated runs and concurrent tests share them. Thread-safe; gcc is started with
/// posix_spawn, never System.Diagnostics.Process.
/// </summary>
public static class TraceeBuilder
{
    private static readonly string[] Flags = ["-O1", "-pthread", "-Wall"];
    private static readonly ConcurrentDictionary<string, Lazy<string>> s_built = new();

    /// <summary>The folder holding the tracee sources.</summary>
    public static string SourceDirectory => Path.Combine(AppContext.BaseDirectory, "tracees");

    /// <summary>The path of the executable built from tracees/<paramref name="name"/>.c.</summary>
    public static string Build(string name) =>
        s_built.GetOrAdd(name, n => new Lazy<string>(() => Compile(n), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static string Compile(string name)
    {
        string source = Path.Combine(SourceDirectory, name + ".c");
        if (!File.Exists(source)) throw new FileNotFoundException($"tracee source not found: {source}", source);
        byte[] content = File.ReadAllBytes(source);
        string hash = Convert.ToHexString(SHA256.HashData([.. content, .. Encoding.UTF8.GetBytes(string.Join(' ', Flags))]))[..16].ToLowerInvariant();
        string directory = Path.Combine(Path.GetTempPath(), $"ptracer-tracees-{Environment.UserName}", hash);
        string output = Path.Combine(directory, name);
        if (File.Exists(output)) return output;

        Directory.CreateDirectory(directory);
        // Another test run may build the same file at the same time: build under a unique name, then rename.
        string temporary = $"{output}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        string log = temporary + ".log";
        string gcc = File.Exists("/usr/bin/gcc") ? "/usr/bin/gcc" : "/usr/bin/cc";
        int pid = PosixSpawn.Start(gcc, ["gcc", .. Flags, "-o", temporary, source], stderrPath: log,
            environment: ["PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C"]);
        int status = TestNative.Reap(pid, TimeSpan.FromSeconds(60));
        string diagnostics = File.Exists(log) ? File.ReadAllText(log) : "";
        File.Delete(log);
        if (!TestNative.WIfExited(status) || TestNative.WExitStatus(status) != 0 || !File.Exists(temporary))
        {
            File.Delete(temporary);
            throw new InvalidOperationException($"gcc failed for {name}.c (status 0x{status:x}):\n{diagnostics}");
        }
        File.Move(temporary, output, overwrite: true);
        return output;
    }
}
