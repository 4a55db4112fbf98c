using Ptracer.Engine;
using Ptracer.Native;
using Ptracer.Spawn;
using Ptracer.Tests.TestSupport;
using Xunit;

namespace Ptracer.Tests.Engine;

/// <summary>What SpawnOptions prepares in the child before exec reaches the program (tracees/environment.c).</summary>
public sealed class SpawnOptionsTests
{
    [Fact]
    public async Task WorkingDirectory_Environment_AndResourceLimits_ReachTheProgram()
    {
        string directory = Directory.CreateTempSubdirectory("ptracer-cwd-").FullName;
        try
        {
            using var stdout = new TestPipe();
            SpawnOptions defaults = Tracees.Options("environment", stdout: stdout.WriteFd);
            var spawn = new SpawnOptions
            {
                Program = defaults.Program,
                Arguments = defaults.Arguments,
                FileDescriptors = defaults.FileDescriptors,
                WorkingDirectory = directory,
                Environment = ["PTRACER_TEST_VAR=set by the test", "PATH=/usr/bin:/bin"],
                // Above the descriptors a busy test host uses (see LowDescriptorLimit_... for why that matters).
                ResourceLimits = [new ResourceLimit(TestNative.RLIMIT_NOFILE, 1000, 1010)],
            };
            TraceResult result = await TraceSession.RunToEnd(spawn, new RecordingHandler { RecordSyscalls = false });

            Assert.Equal(0, result.ExitCode);
            Assert.Equal($"cwd={directory}\nvar=set by the test\nnofile=1000/1010\n", stdout.Drain());
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Fact]
    public async Task LowDescriptorLimit_WithTracerDescriptorsAboveIt_StillMapsDescriptors()
    {
        // The child's stdout is a tracer descriptor numbered above the limit the program gets: the map must be
        // applied before the limit (dup2/dup3 cannot create a descriptor at or above RLIMIT_NOFILE).
        using var stdout = new TestPipe();
        int highFd = TestNative.fcntl(stdout.WriteFd, TestNative.F_DUPFD_CLOEXEC, 200);
        Assert.True(highFd >= 200, $"F_DUPFD_CLOEXEC failed: errno {TestNative.LastError}");
        try
        {
            SpawnOptions defaults = Tracees.Options("environment", stdout: highFd);
            var spawn = new SpawnOptions
            {
                Program = defaults.Program,
                Arguments = defaults.Arguments,
                FileDescriptors = defaults.FileDescriptors,
                ResourceLimits = [new ResourceLimit(TestNative.RLIMIT_NOFILE, 64, 128)],
            };
            TraceResult result = await TraceSession.RunToEnd(spawn, new RecordingHandler { RecordSyscalls = false });

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("nofile=64/128\n", stdout.Drain());
        }
        finally
        {
            TestNative.close(highFd);
        }
    }

    [Fact]
    public async Task InheritedEnvironment_ReachesTheProgram()
    {
        // Environment = null passes the tracer's own environment; the test host does not set PTRACER_TEST_VAR.
        using var stdout = new TestPipe();
        TraceResult result = await TraceSession.RunToEnd(Tracees.Options("environment", stdout: stdout.WriteFd), new RecordingHandler());
        Assert.Equal(0, result.ExitCode);
        string output = stdout.Drain();
        Assert.Contains($"cwd={Environment.CurrentDirectory}\n", output);
        Assert.Contains($"var={Environment.GetEnvironmentVariable("PTRACER_TEST_VAR") ?? "(unset)"}\n", output);
    }
}

/// <summary>The spawner's descriptor hygiene and user change (tracees/credentials.c).</summary>
public sealed class SpawnCredentialsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CloseOtherDescriptors_HidesTheTracersInheritableDescriptors(bool close)
    {
        using var stdout = new TestPipe();
        // A descriptor without FD_CLOEXEC, as a careless host program would leave one.
        int leaked = TestNative.fcntl(stdout.WriteFd, TestNative.F_DUPFD, 100);
        Assert.True(leaked >= 100, $"F_DUPFD failed: errno {TestNative.LastError}");
        try
        {
            SpawnOptions defaults = Tracees.Options("credentials", stdout: stdout.WriteFd);
            var spawn = new SpawnOptions
            {
                Program = defaults.Program,
                Arguments = defaults.Arguments,
                FileDescriptors = defaults.FileDescriptors,
                CloseOtherDescriptors = close,
            };
            TraceResult result = await TraceSession.RunToEnd(spawn, new RecordingHandler { RecordSyscalls = false });

            Assert.Equal(0, result.ExitCode);
            int[] fds = [.. stdout.Drain().Split('\n')[1]["fds=".Length..].Split(',').Select(int.Parse)];
            if (close) Assert.All(fds, fd => Assert.True(fd < defaults.FileDescriptors!.Count, $"descriptor {fd} reached the program"));
            else Assert.Contains(leaked, fds);
        }
        finally
        {
            TestNative.close(leaked);
        }
    }

    [Fact]
    public async Task User_RunsTheProgramWithThoseIds()
    {
        using var stdout = new TestPipe();
        SpawnOptions defaults = Tracees.Options("credentials", stdout: stdout.WriteFd);
        var spawn = new SpawnOptions
        {
            Program = defaults.Program,
            Arguments = defaults.Arguments,
            FileDescriptors = defaults.FileDescriptors,
            User = new SpawnUser(65534, 65533, [65533, 4242]),
        };
        TraceResult result = await TraceSession.RunToEnd(spawn, new RecordingHandler { RecordSyscalls = false });

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("uid=65534/65534 gid=65533/65533 groups=4242,65533\n", stdout.Drain());
    }
}
