using System.Security.Cryptography;
using System.Text;
using Ptracer.Tests.Differential;
using Ptracer.Tests.TestSupport;

namespace Ptracer.Tests.Snapshot;

/// <summary>Builds the snapshot tracees (dynamically linked as usual, or -static) and runs ptracer and programs with stdin from a file.</summary>
internal static class SnapshotFixture
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private static readonly IReadOnlyList<string> Env = ["PATH=/usr/bin:/bin", "HOME=/tmp", "LC_ALL=C"];
    private static readonly Lock s_staticLock = new();

    public static string Dynamic(string name) => TraceeBuilder.Build(name);

    /// <summary>tracees/NAME.c linked with -static (no ld.so, no libc.so.6), cached by source hash.</summary>
    public static string Static(string name)
    {
        lock (s_staticLock)
        {
            string source = Path.Combine(TraceeBuilder.SourceDirectory, name + ".c");
            string hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(source)))[..16];
            string dir = Path.Combine(Path.GetTempPath(), $"ptracer-tracees-{Environment.UserName}", hash + "-static");
            string output = Path.Combine(dir, name);
            if (File.Exists(output)) return output;
            Directory.CreateDirectory(dir);
            string temporary = $"{output}.{Environment.ProcessId}.tmp";
            int pid = PosixSpawn.Start("/usr/bin/gcc", ["gcc", "-O1", "-static", "-pthread", "-o", temporary, source],
                environment: ["PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C"]);
            int status = TestNative.Reap(pid, Limit);
            if (!TestNative.WIfExited(status) || TestNative.WExitStatus(status) != 0)
                throw new InvalidOperationException($"gcc -static failed for {name}.c");
            File.Move(temporary, output, overwrite: true);
            return output;
        }
    }

    public static string NewDirectory(string tag) =>
        Path.Combine(Path.GetTempPath(), $"ptracer-snap-{tag}-{Guid.NewGuid():N}");

    public static ChildResult RunPtracer(params string[] args) =>
        ChildProcess.Run([.. PtracerCommand.Argv, .. args], Env, Path.GetTempPath(), Limit);

    /// <summary>Runs argv with stdin read from a file holding <paramref name="input"/>.</summary>
    public static ChildResult WithInput(string input, IReadOnlyList<string> argv)
    {
        string file = Path.Combine(Path.GetTempPath(), $"ptracer-snap-in-{Guid.NewGuid():N}");
        File.WriteAllText(file, input);
        try
        {
            return ChildProcess.Run(["/bin/sh", "-c", "f=$1; shift; exec \"$@\" < \"$f\"", "sh", file, .. argv], Env, Path.GetTempPath(), Limit);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static ChildResult Restore(string directory, string input) => WithInput(input, [.. PtracerCommand.Argv, "restore", directory]);

    public static ChildResult RunSnapshot(string directory, params string[] programAndOptions) =>
        RunPtracer(["snapshot", "-o", directory, .. programAndOptions]);

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
