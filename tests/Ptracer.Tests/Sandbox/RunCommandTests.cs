using System.Text;
using System.Text.Json;
using Ptracer.Cli;
using Ptracer.Sandbox;
using Ptracer.Tests.Differential;
using Ptracer.Tests.TestSupport;
using Xunit;

namespace Ptracer.Tests.Sandbox;

/// <summary>`ptracer run`: option parsing, units, and the built CLI end to end (exit status, --result, summary).</summary>
[Collection(SandboxCollection.Name)]
public sealed class RunCommandTests : IDisposable
{
    private static readonly IReadOnlyList<string> Env = ["PATH=/usr/bin:/bin", "HOME=/tmp", "LC_ALL=C"];
    private readonly string _dir = Directory.CreateTempSubdirectory("ptracer-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ChildResult Cli(params string[] args)
    {
        var argv = new List<string>(PtracerCommand.Argv) { "run" };
        argv.AddRange(args);
        return ChildProcess.Run(argv, Env, Path.GetTempPath(), TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("1s", 1000)]
    [InlineData("250ms", 250)]
    [InlineData("1.5s", 1500)]
    [InlineData("2", 2000)]
    [InlineData("2m", 120000)]
    public void ParsesDurations(string text, double ms)
    {
        Assert.True(SandboxUnits.TryParseDuration(text, out TimeSpan value));
        Assert.Equal(ms, value.TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData("64M", 64L << 20)]
    [InlineData("512K", 512L << 10)]
    [InlineData("1G", 1L << 30)]
    [InlineData("1.5M", 3L << 19)]
    [InlineData("4096", 4096)]
    [InlineData("64MiB", 64L << 20)]
    public void ParsesSizes(string text, long bytes)
    {
        Assert.True(SandboxUnits.TryParseSize(text, out long value));
        Assert.Equal(bytes, value);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("-1s")]
    [InlineData("")]
    public void RejectsBadDurations(string text) => Assert.False(SandboxUnits.TryParseDuration(text, out _));

    [Fact]
    public void ParsesOptions()
    {
        var parsed = RunCommand.Parse(["--time-limit", "1.5s", "--memory-limit=64M", "--output-limit", "1K", "--process-limit", "4",
            "--policy", "judge", "--allow-read", "/etc/hostname", "--deny-syscall", "getpid:EACCES", "--env", "A=b", "--clear-env",
            "--result", "r.json", "--", "prog", "--time-limit", "x"], out string? error);
        Assert.Null(error);
        Assert.NotNull(parsed);
        SandboxOptions o = parsed.Options;
        Assert.Equal(TimeSpan.FromMilliseconds(1500), o.Limits.CpuTime);
        Assert.Equal(TimeSpan.FromSeconds(4), o.Limits.EffectiveWallTime);
        Assert.Equal(64L << 20, o.Limits.MemoryBytes);
        Assert.Equal(1024, o.Limits.OutputBytes);
        Assert.Equal(4, o.Limits.Processes);
        Assert.Equal("judge", o.Policy.Name);
        Assert.Contains("/etc/hostname", o.Policy.ReadPaths);
        Assert.Equal(13, o.Policy.ErrnoSyscalls["getpid"]);
        Assert.Equal(["A=b"], o.Environment);
        Assert.Equal("r.json", parsed.ResultFile);
        Assert.Equal(["prog", "--time-limit", "x"], o.Arguments);
    }

    [Theory]
    [InlineData("--time-limit", "soon", "--", "true")]
    [InlineData("--bogus", "1", "--", "true")]
    [InlineData("--policy", "/nonexistent/policy.json", "--", "true")]
    [InlineData("--deny-syscall", "no_such_syscall", "--", "true")]
    [InlineData("--time-limit", "1s")]
    public void RejectsBadCommandLines(params string[] args)
    {
        Assert.Null(RunCommand.Parse(args, out string? error));
        Assert.NotNull(error);
    }

    [Fact]
    public void PolicyFileIsLoaded()
    {
        string file = Path.Combine(_dir, "policy.json");
        File.WriteAllText(file, """
            { // comments allowed
              "base": "judge", "allowThreads": true, "readPaths": ["data"], "errnoSyscalls": { "getpid": 1 },
              "killSyscalls": ["uname"] }
            """);
        SandboxPolicy policy = SandboxPolicyFile.Load(file);
        Assert.True(policy.AllowThreads);
        Assert.False(policy.AllowFork);
        Assert.Contains(Path.Combine(_dir, "data"), policy.ReadPaths);
        Assert.Equal(1, policy.ErrnoSyscalls["getpid"]);
        Assert.Contains("uname", policy.KillSyscalls);

        File.WriteAllText(file, """{ "killSyscalls": ["no_such_syscall"] }""");
        Assert.Throws<SandboxPolicyException>(() => SandboxPolicyFile.Load(file));
    }

    [Fact]
    public void ExitStatusesFollowTheVerdict()
    {
        string binary = TraceeBuilder.Build("sandbox_cases");
        Assert.Equal(0, Exit(Cli("--", binary, "cpu", "1")));
        Assert.Equal(1, Exit(Cli("--", binary, "exit25")));
        Assert.Equal(2, Exit(Cli("--time-limit", "soon", "--", binary, "exit25")));
        Assert.Equal(3, Exit(Cli("--time-limit", "200ms", "--wall-time-limit", "20s", "--", binary, "spin")));
        Assert.Equal(4, Exit(Cli("--memory-limit", "32M", "--", binary, "mem", "64")));
        Assert.Equal(5, Exit(Cli("--output-limit", "1K", "--", binary, "output", "5000")));
        Assert.Equal(6, Exit(Cli("--policy", "judge", "--", binary, "socket")));
        Assert.Equal(7, Exit(Cli("--", binary, "segv")));
        Assert.Equal(8, Exit(Cli("--", Path.Combine(_dir, "missing"))));
    }

    private static int Exit(ChildResult r)
    {
        Assert.Equal("exit", r.Exit.Kind);
        return r.Exit.Value;
    }

    [Fact]
    public void WritesTheResultAsJsonAndASummary()
    {
        string binary = TraceeBuilder.Build("sandbox_cases");
        string resultFile = Path.Combine(_dir, "result.json");
        string input = Path.Combine(_dir, "in.txt");
        string output = Path.Combine(_dir, "out.txt");
        File.WriteAllText(input, "json\n");
        ChildResult r = Cli("--stdin", input, "--stdout", output, "--time-limit", "1s", "--result", resultFile, "--", binary, "hello");
        Assert.Equal(0, Exit(r));
        Assert.Equal("hello, json\n", File.ReadAllText(output));
        Assert.StartsWith("ptracer run: Normal exit=0 cpu=", Encoding.UTF8.GetString(r.Stderr));

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(resultFile));
        JsonElement root = doc.RootElement;
        Assert.Equal("Normal", root.GetProperty("status").GetString());
        Assert.Equal(0, root.GetProperty("exitCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("signal").ValueKind);
        Assert.True(root.GetProperty("cpuTimeMs").GetDouble() > 0);
        Assert.True(root.GetProperty("wallTimeMs").GetDouble() > 0);
        Assert.True(root.GetProperty("memoryBytes").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("disallowedSyscall").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
    }

    [Fact]
    public void JsonNamesTheDisallowedSyscallAndTheRunnerError()
    {
        string binary = TraceeBuilder.Build("sandbox_cases");
        string resultFile = Path.Combine(_dir, "result.json");
        Assert.Equal(6, Exit(Cli("--policy", "judge", "--result", resultFile, "--", binary, "socket")));
        using (JsonDocument doc = JsonDocument.Parse(File.ReadAllText(resultFile)))
        {
            JsonElement s = doc.RootElement.GetProperty("disallowedSyscall");
            Assert.Equal("DisallowedSyscall", doc.RootElement.GetProperty("status").GetString());
            Assert.Equal("socket", s.GetProperty("name").GetString());
            Assert.Equal(2ul, s.GetProperty("arguments")[0].GetUInt64()); // AF_INET
        }
        Assert.Equal(8, Exit(Cli("--result", resultFile, "--", Path.Combine(_dir, "missing"))));
        using (JsonDocument doc = JsonDocument.Parse(File.ReadAllText(resultFile)))
        {
            JsonElement e = doc.RootElement.GetProperty("error");
            Assert.Equal("RunnerError", doc.RootElement.GetProperty("status").GetString());
            Assert.Equal("Execute", e.GetProperty("stage").GetString());
            Assert.Equal(2, e.GetProperty("errno").GetInt32());
        }
    }

    [Fact]
    public void OutputLimitOnAStdoutPipeCutsAtTheLimit()
    {
        string binary = TraceeBuilder.Build("sandbox_cases");
        ChildResult r = Cli("--output-limit", "3000", "--", binary, "output", "100000");
        Assert.Equal(5, Exit(r));
        Assert.Equal(3000, r.Stdout.Length);
    }
}
