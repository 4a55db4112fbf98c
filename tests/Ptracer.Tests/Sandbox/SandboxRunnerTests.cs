using Ptracer.Sandbox;
using Ptracer.Tests.TestSupport;
using Xunit;

namespace Ptracer.Tests.Sandbox;

/// <summary>The sandbox tests measure CPU time: they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SandboxCollection
{
    public const string Name = "Sandbox";
}

/// <summary>The acceptance cases of judge systems, each a real C program (tests/tracees/sandbox_cases.c) run by the library runner.</summary>
[Collection(SandboxCollection.Name)]
public sealed class SandboxRunnerTests : IDisposable
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private readonly string _dir = Directory.CreateTempSubdirectory("ptracer-sandbox-").FullName;
    private string Binary { get; } = TraceeBuilder.Build("sandbox_cases");

    public void Dispose()
    {
        AssertNothingLeft();
        Directory.Delete(_dir, recursive: true);
    }

    private (SandboxResult Result, string Stdout) Run(string[] args, SandboxLimits? limits = null, SandboxPolicy? policy = null,
        string? stdin = null, string? program = null)
    {
        program ??= Binary;
        string stdoutPath = Path.Combine(_dir, "stdout");
        string? stdinPath = null;
        if (stdin is not null)
        {
            stdinPath = Path.Combine(_dir, "stdin");
            File.WriteAllText(stdinPath, stdin);
        }
        var options = new SandboxOptions
        {
            Program = program,
            Arguments = [program, .. args],
            Stdin = stdinPath is null ? SandboxStream.Null : SandboxStream.File(stdinPath),
            Stdout = SandboxStream.File(stdoutPath),
            Stderr = SandboxStream.Null,
            WorkingDirectory = _dir,
            Limits = limits ?? new SandboxLimits { CpuTime = 5 * Second },
            Policy = policy ?? SandboxPolicy.Default(),
        };
        SandboxResult result = new SandboxRunner(options).Run();
        return (result, File.ReadAllText(stdoutPath));
    }

    /// <summary>No process of the test binary may outlive a run (zombies have no exe link and do not count).</summary>
    private void AssertNothingLeft()
    {
        var left = new List<string>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            try
            {
                if (new FileInfo(Path.Combine(dir, "exe")).LinkTarget == Binary) left.Add(dir);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        Assert.True(left.Count == 0, $"processes outlived the runner: {string.Join(", ", left)}");
    }

    [Fact]
    public void HelloWorldWithStdin()
    {
        var (r, stdout) = Run(["hello"], stdin: "world\n");
        Assert.Equal(SandboxStatus.Normal, r.Status);
        Assert.Equal(0, r.ExitCode);
        Assert.Null(r.Signal);
        Assert.Equal("hello, world\n", stdout);
        Assert.InRange(r.CpuTimeMs, 0.001, 200);
        Assert.InRange(r.MemoryBytes, 100 * 1024, 64L << 20); // the program's own, never the runner's ~50+ MiB
    }

    [Fact]
    public void Exit25IsNonzeroExitStatus()
    {
        var (r, _) = Run(["exit25"]);
        Assert.Equal(SandboxStatus.NonzeroExitStatus, r.Status);
        Assert.Equal(25, r.ExitCode);
    }

    [Theory]
    [InlineData("segv", 11)]
    [InlineData("fpe", 8)]
    [InlineData("abort", 6)]
    public void CrashesAreSignalled(string mode, int signal)
    {
        var (r, _) = Run([mode]);
        Assert.Equal(SandboxStatus.Signalled, r.Status);
        Assert.Equal(signal, r.Signal);
        Assert.Null(r.ExitCode);
    }

    [Fact]
    public void BusyLoopUnderOneSecondIsTimeLimitExceeded()
    {
        var (r, _) = Run(["spin"], new SandboxLimits { CpuTime = Second, WallTime = 30 * Second });
        Assert.Equal(SandboxStatus.TimeLimitExceeded, r.Status);
        Assert.Contains("CPU", r.Detail);
        Assert.Equal(9, r.Signal);
        Assert.InRange(r.CpuTimeMs, 1000, 1060); // the watchdog's precision, not RLIMIT_CPU's whole seconds
    }

    [Fact]
    public void ProgramUnderTheCpuLimitIsNormalAndMeasured()
    {
        var (r, _) = Run(["cpu", "300"], new SandboxLimits { CpuTime = Second });
        Assert.Equal(SandboxStatus.Normal, r.Status);
        Assert.InRange(r.CpuTimeMs, 300, 340);
    }

    [Fact]
    public void SleepUnderWallLimitIsTimeLimitExceeded()
    {
        var (r, _) = Run(["sleep"], new SandboxLimits { CpuTime = Second, WallTime = TimeSpan.FromMilliseconds(300) });
        Assert.Equal(SandboxStatus.TimeLimitExceeded, r.Status);
        Assert.Contains("wall", r.Detail);
        Assert.InRange(r.WallTimeMs, 300, 1500);
        Assert.True(r.CpuTimeMs < 100, $"cpu {r.CpuTimeMs}");
    }

    [Fact]
    public void DefaultWallLimitIsTwiceCpuPlusOneSecond()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), new SandboxLimits { CpuTime = Second }.EffectiveWallTime);
        Assert.Equal(TimeSpan.FromSeconds(2), new SandboxLimits { CpuTime = Second, WallTime = 2 * Second }.EffectiveWallTime);
        Assert.Null(new SandboxLimits().EffectiveWallTime);
    }

    [Fact]
    public void BusyChildWhileParentWaitsIsTimeLimitExceeded()
    {
        var (r, _) = Run(["busychild"], new SandboxLimits { CpuTime = TimeSpan.FromMilliseconds(500), WallTime = 30 * Second });
        Assert.Equal(SandboxStatus.TimeLimitExceeded, r.Status);
        Assert.InRange(r.CpuTimeMs, 500, 600);
    }

    [Fact]
    public void ThreadsWhileMainWaitsAreTimeLimitExceeded()
    {
        var (r, _) = Run(["threads"], new SandboxLimits { CpuTime = TimeSpan.FromMilliseconds(500), WallTime = 30 * Second });
        Assert.Equal(SandboxStatus.TimeLimitExceeded, r.Status);
        Assert.InRange(r.CpuTimeMs, 500, 620);
    }

    [Fact]
    public void ReapedChildCpuIsCountedOnce()
    {
        // The child burns 250 ms and is reaped by its parent (whose rusage then includes it), the parent burns 250 ms.
        var (r, _) = Run(["childcpu", "250"], new SandboxLimits { CpuTime = 5 * Second });
        Assert.Equal(SandboxStatus.Normal, r.Status);
        Assert.InRange(r.CpuTimeMs, 500, 560);
    }

    [Fact]
    public void MainExitingKillsItsSpinningChildren()
    {
        var (r, stdout) = Run(["mainexits"], new SandboxLimits { CpuTime = 10 * Second });
        Assert.Equal(SandboxStatus.Normal, r.Status);
        Assert.Equal(0, r.ExitCode);
        Assert.True(r.WallTimeMs < 3000, $"wall {r.WallTimeMs}: the children were not killed when main exited");
        int[] children = [.. stdout.Split('\n').Where(l => l.StartsWith("child ")).Select(l => int.Parse(l[6..]))];
        Assert.Equal(2, children.Length);
        foreach (int pid in children) Assert.NotEqual('R', ProcFs.State(pid) ?? 'X');
    }

    [Fact]
    public void EightyMiBUnderSixtyFourIsMemoryLimitExceeded()
    {
        var (r, _) = Run(["mem", "80"], new SandboxLimits { CpuTime = 5 * Second, MemoryBytes = 64L << 20 });
        Assert.Equal(SandboxStatus.MemoryLimitExceeded, r.Status);
        Assert.True(r.MemoryBytes > 64L << 20);
    }

    [Fact]
    public void FourHundredMBUnder512MiBIsNormalAndReported()
    {
        var (r, stdout) = Run(["mem", "400"], new SandboxLimits { CpuTime = 5 * Second, MemoryBytes = 512L << 20 });
        Assert.Equal(SandboxStatus.Normal, r.Status);
        Assert.Equal("touched 400 MiB\n", stdout);
        Assert.InRange(r.MemoryBytes, 400L << 20, 512L << 20);
    }

    [Fact]
    public void PagesSharedAfterForkAreCountedOnce()
    {
        // 200 MiB touched, then a child that only reads them: both map 200 MiB (VmRSS sums to 400), one copy exists.
        var (r, stdout) = Run(["memfork", "200", "share"], new SandboxLimits { CpuTime = 10 * Second, MemoryBytes = 300L << 20 });
        Assert.True(r.Status == SandboxStatus.Normal, $"{r.Status}: {r.Detail}, {r.MemoryBytes >> 20} MiB");
        Assert.Equal("child 0\n", stdout);
        Assert.InRange(r.MemoryBytes, 200L << 20, 300L << 20);
    }

    [Fact]
    public void PagesCopiedAfterForkAreCountedTwice()
    {
        // The child rewrites every page: two private copies, 400 MiB in the tree.
        var (r, _) = Run(["memfork", "200", "copy"], new SandboxLimits { CpuTime = 10 * Second, MemoryBytes = 300L << 20 });
        Assert.True(r.Status == SandboxStatus.MemoryLimitExceeded, $"{r.Status}: {r.Detail}, {r.MemoryBytes >> 20} MiB");
        Assert.True(r.MemoryBytes > 300L << 20);
    }

    [Fact]
    public void WithoutLimitsATreesMemoryIsStillSummed()
    {
        // No limit starts the watchdog up front; the fork does, and the two copies are reported.
        var (r, _) = Run(["memfork", "200", "copy"], new SandboxLimits());
        Assert.True(r.Status == SandboxStatus.Normal, $"{r.Status}: {r.Detail}");
        Assert.InRange(r.MemoryBytes, 380L << 20, 480L << 20);
    }

    [Fact]
    public void OutputPastTheLimitToAFileIsCutAtTheLimit()
    {
        string file = Path.Combine(_dir, "out.txt");
        var (r, _) = Run(["output", "100000", file], new SandboxLimits { CpuTime = 5 * Second, OutputBytes = 4096 });
        Assert.Equal(SandboxStatus.OutputLimitExceeded, r.Status);
        Assert.Equal(4096, new FileInfo(file).Length);
    }

    [Fact]
    public void OutputPastTheLimitToStdoutFileIsCutAtTheLimit()
    {
        var (r, stdout) = Run(["output", "100000"], new SandboxLimits { CpuTime = 5 * Second, OutputBytes = 10000 });
        Assert.Equal(SandboxStatus.OutputLimitExceeded, r.Status);
        Assert.Equal(10000, stdout.Length);
    }

    [Fact]
    public void OutputPastTheLimitToAStdoutPipeIsCutAtTheLimit()
    {
        using var pipe = new TestPipe();
        var options = new SandboxOptions
        {
            Program = Binary,
            Arguments = [Binary, "output", "1000000"],
            Stdin = SandboxStream.Null,
            Stdout = SandboxStream.FromDescriptor(pipe.WriteFd),
            Limits = new SandboxLimits { CpuTime = 5 * Second, OutputBytes = 10000 },
        };
        SandboxResult r = new SandboxRunner(options).Run();
        Assert.Equal(SandboxStatus.OutputLimitExceeded, r.Status);
        Assert.Equal(10000, pipe.Drain().Length);
    }

    [Fact]
    public void OutputWithinTheLimitToAStdoutPipeIsNormal()
    {
        using var pipe = new TestPipe();
        var options = new SandboxOptions
        {
            Program = Binary,
            Arguments = [Binary, "output", "10000"],
            Stdin = SandboxStream.Null,
            Stdout = SandboxStream.FromDescriptor(pipe.WriteFd),
            Limits = new SandboxLimits { CpuTime = 5 * Second, OutputBytes = 10000 },
        };
        SandboxResult r = new SandboxRunner(options).Run();
        Assert.Equal(SandboxStatus.Normal, r.Status);
        Assert.Equal(10000, pipe.Drain().Length);
    }

    [Fact]
    public void DeepRecursionUnderASmallStackIsSignalled()
    {
        var (r, _) = Run(["recurse"], new SandboxLimits { CpuTime = 5 * Second, StackBytes = 8L << 20 });
        Assert.Equal(SandboxStatus.Signalled, r.Status);
        Assert.Equal(11, r.Signal);
    }

    [Theory]
    [InlineData("fork", "clone")]
    [InlineData("exec", "execve")]
    [InlineData("socket", "socket")]
    public void JudgeKillsForkExecAndSockets(string mode, string syscall)
    {
        var (r, stdout) = Run([mode], policy: SandboxPolicy.Judge());
        Assert.Equal(SandboxStatus.DisallowedSyscall, r.Status);
        Assert.Equal(syscall, r.DisallowedSyscall?.Name);
        Assert.Equal("X86_64", r.DisallowedSyscall?.Arch);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void JudgeKillsOpenForWriting()
    {
        string target = Path.Combine(_dir, "written");
        var (r, stdout) = Run(["openw", target], policy: SandboxPolicy.Judge());
        Assert.Equal(SandboxStatus.DisallowedSyscall, r.Status);
        Assert.Equal("openat", r.DisallowedSyscall?.Name);
        Assert.Equal(target, r.DisallowedSyscall?.Path);
        Assert.False(File.Exists(target));
        Assert.Equal("", stdout);
    }

    [Fact]
    public void JudgeAllowsWritingAGivenFile()
    {
        string target = Path.Combine(_dir, "allowed");
        SandboxPolicy policy = SandboxPolicy.Judge();
        policy.WritePaths.Add(target);
        var (r, stdout) = Run(["openw", target], policy: policy);
        Assert.Equal(SandboxStatus.Normal, r.Status);
        Assert.StartsWith("open for write: 3", stdout);
        Assert.True(File.Exists(target));
    }

    [Fact]
    public void JudgeReadsOnlyAllowedFilesAndSoftBansOthers()
    {
        string input = Path.Combine(_dir, "input.txt");
        File.WriteAllText(input, "secret-free input\n");
        SandboxPolicy policy = SandboxPolicy.Judge();
        policy.ReadPaths.Add(input);
        var (allowed, allowedOut) = Run(["read", input], policy: policy);
        Assert.Equal(SandboxStatus.Normal, allowed.Status);
        Assert.Equal("secret-free input\n", allowedOut);

        var (denied, deniedOut) = Run(["read", "/etc/passwd"], policy: SandboxPolicy.Judge());
        Assert.Equal(SandboxStatus.Normal, denied.Status);
        Assert.Equal("errno 13\n", deniedOut);
        Assert.True(denied.SoftBans >= 1);
    }

    [Fact]
    public void ForkBombDiesFast()
    {
        var (r, _) = Run(["forkbomb"], new SandboxLimits { CpuTime = 10 * Second, Processes = 32 });
        string what = $"{r.Status}: {r.Detail}; {r.DisallowedSyscall}; {r.Error}";
        Assert.True(r.Status == SandboxStatus.DisallowedSyscall, what);
        // glibc's fork() is clone(2) with SIGCHLD in the flags.
        Assert.True(r.Detail == "process limit 32 exceeded (clone)", what);
        Assert.True(r.DisallowedSyscall is { Name: "clone", Number: 56 } info && (info.Arguments[0] & 0xff) == 17
            && info.Reason.StartsWith("process limit 32 exceeded", StringComparison.Ordinal), what);
        Assert.True(r.WallTimeMs < 3000, $"wall {r.WallTimeMs}");
    }

    [Fact]
    public void ForkBombUnderJudgeDiesAtTheFirstFork()
    {
        var (r, _) = Run(["forkbomb"], policy: SandboxPolicy.Judge());
        Assert.Equal(SandboxStatus.DisallowedSyscall, r.Status);
        Assert.Equal("clone", r.DisallowedSyscall?.Name);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("judge")]
    public void KillingTheRunnerIsDisallowed(string policy)
    {
        var (r, stdout) = Run(["killparent"], policy: SandboxPolicy.ByName(policy));
        Assert.Equal(SandboxStatus.DisallowedSyscall, r.Status);
        Assert.Equal("kill", r.DisallowedSyscall?.Name);
        Assert.Equal((ulong)Environment.ProcessId, r.DisallowedSyscall?.Arguments[0]);
        Assert.Equal("", stdout);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("judge")]
    public void KillingTheRunnerThroughInt80IsDisallowed(string policy)
    {
        var (r, stdout) = Run(["int80kill"], policy: SandboxPolicy.ByName(policy));
        Assert.Equal(SandboxStatus.DisallowedSyscall, r.Status);
        Assert.Equal("I386", r.DisallowedSyscall?.Arch);
        Assert.Equal("kill", r.DisallowedSyscall?.Name);
        Assert.Equal("", stdout);
    }

    [Theory]
    [InlineData("procfd", "/proc/self/fd/0")]
    [InlineData("procroot", "/proc/1/root/etc/hostname")]
    public void ProcMagicLinksAreEscapes(string mode, string path)
    {
        var (r, stdout) = Run([mode], policy: SandboxPolicy.Judge());
        Assert.Equal(SandboxStatus.DisallowedSyscall, r.Status);
        Assert.Equal("openat", r.DisallowedSyscall?.Name);
        Assert.Equal(path, r.DisallowedSyscall?.Path);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void HostDescriptorsWithoutCloexecDoNotReachTheProgram()
    {
        // A descriptor the host left inheritable (no FD_CLOEXEC), as a careless embedding program would.
        using var leaked = File.OpenHandle(Path.Combine(_dir, "leaked"), FileMode.Create, FileAccess.Write);
        int fd = Ptracer.Tests.TestSupport.TestNative.fcntl((int)leaked.DangerousGetHandle(), Ptracer.Tests.TestSupport.TestNative.F_DUPFD, 50);
        Assert.True(fd >= 50);
        try
        {
            var (r, stdout) = Run([], policy: SandboxPolicy.None(), program: TraceeBuilder.Build("credentials"));
            Assert.Equal(SandboxStatus.Normal, r.Status);
            Assert.Equal("fds=0,1,2", stdout.Split('\n')[1]);
        }
        finally
        {
            Ptracer.Tests.TestSupport.TestNative.close(fd);
        }
    }

    [Fact]
    public void Clone3AnswersEnosys()
    {
        var (r, stdout) = Run(["clone3"]);
        Assert.Equal(SandboxStatus.Normal, r.Status);
        Assert.Equal("clone3: -1 errno 38\n", stdout);
    }

    [Fact]
    public void MissingProgramIsRunnerError()
    {
        var options = new SandboxOptions { Program = Path.Combine(_dir, "does-not-exist"), Stdin = SandboxStream.Null };
        SandboxResult r = new SandboxRunner(options).Run();
        Assert.Equal(SandboxStatus.RunnerError, r.Status);
        Assert.Equal("Execute", r.Error?.Stage);
        Assert.Equal(2, r.Error?.Errno);
        Assert.Contains("No such file or directory", r.Error?.Message);
    }

    [Fact]
    public void MissingStdinFileIsRunnerError()
    {
        var options = new SandboxOptions { Program = Binary, Stdin = SandboxStream.File(Path.Combine(_dir, "nope")) };
        SandboxResult r = new SandboxRunner(options).Run();
        Assert.Equal(SandboxStatus.RunnerError, r.Status);
        Assert.Equal("OpenStdin", r.Error?.Stage);
        Assert.Equal(2, r.Error?.Errno);
    }

    [Fact]
    public async Task CancellationKillsTheTree()
    {
        string stdoutPath = Path.Combine(_dir, "stdout");
        var options = new SandboxOptions
        {
            Program = Binary,
            Arguments = [Binary, "mainexits"],
            Stdout = SandboxStream.File(stdoutPath),
            Stdin = SandboxStream.Null,
            Limits = new SandboxLimits { CpuTime = 30 * Second },
        };
        // mainexits leaves spinning children only until main exits; "threads" keeps the main process alive.
        options = options with { Arguments = [Binary, "threads"] };
        using var cts = new CancellationTokenSource();
        Task<SandboxResult> run = new SandboxRunner(options).RunAsync(cts.Token);
        Polling.Until(() => Directory.EnumerateDirectories("/proc").Any(d =>
        {
            try { return new FileInfo(Path.Combine(d, "exe")).LinkTarget == Binary; }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return false; }
        }), "the program to start");
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
