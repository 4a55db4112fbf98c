using System.Diagnostics;
using Ptracer.Engine;
using Ptracer.Spawn;
using Ptracer.Tests.TestSupport;
using Xunit;

namespace Ptracer.Tests.Engine;

/// <summary>Tracees that die from outside, sessions cancelled, programs that cannot be started.</summary>
public sealed class KillAndCancelTests
{
    /// <summary>A process blocked in read(2) (not in a ptrace stop): its /proc state is S and /proc/PID/syscall names read.</summary>
    private static bool BlockedInRead(int pid)
    {
        if (ProcFs.State(pid) != 'S') return false;
        try { return File.ReadAllText($"/proc/{pid}/syscall").StartsWith($"{X64Syscalls.Read} ", StringComparison.Ordinal); }
        catch (IOException) { return false; }
    }

    private static List<int> ReportedPids(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => int.Parse(l.AsSpan(4))).ToList();

    [Fact]
    public async Task SigkillFromOutside_WhileBlockedInRead_ReportsKilled()
    {
        using var stdout = new TestPipe();
        var handler = new RecordingHandler();
        await using var session = TraceSession.Spawn(Tracees.Options("sleeper", stdout: stdout.WriteFd), handler);

        int pid = ReportedPids(stdout.WaitFor("\n")).Single();
        Polling.Until(() => BlockedInRead(pid), $"process {pid} to block in read");
        TestNative.Kill(pid, TestNative.SIGKILL);

        TraceResult result = await session.Completion();
        Assert.Equal(TestNative.SIGKILL, result.Signal);
        Assert.Equal(128 + TestNative.SIGKILL, result.ExitCode);
        TraceEvent killed = Assert.Single(handler.Of("killed"));
        Assert.Equal(pid, killed.Tid);
        Assert.Equal(TestNative.SIGKILL, killed.Value);
        Assert.Empty(handler.Of("exited"));
        // The read's entry was seen; SIGKILL ends it without an exit stop.
        TraceEvent lastEntry = handler.Of("entry").Last();
        Assert.Equal(X64Syscalls.Read, lastEntry.Value);
        Assert.False(ProcFs.Exists(pid), "the tracer reaped the killed root");
    }

    [Fact]
    public async Task Cancel_KillsTheSpawnedTree_NothingLeft()
    {
        using var stdout = new TestPipe();
        var handler = new RecordingHandler();
        await using var session = TraceSession.Spawn(Tracees.Options("sleeper", ["fork"], stdout: stdout.WriteFd), handler);

        List<int> pids = ReportedPids(stdout.WaitFor(text => text.Count(c => c == '\n') == 2, "two pid lines"));
        foreach (int pid in pids) Polling.Until(() => BlockedInRead(pid), $"process {pid} to block in read");
        int root = handler.Of("attached").First().Tid;
        TraceEvent fork = Assert.Single(handler.Of("new"));
        Assert.Equal((long)NewTraceeKind.Fork, fork.Value);
        int child = fork.Tid;
        Assert.Equal(new[] { root, child }.Order(), pids.Order());

        await session.Cancel();
        TraceResult result = await session.Completion();

        Assert.Equal(TestNative.SIGKILL, result.Signal);
        Assert.False(result.Detached);
        var killed = handler.Of("killed");
        Assert.Equal(new[] { root, child }.Order(), killed.Select(e => e.Tid).Order());
        Assert.All(killed, e => Assert.Equal(TestNative.SIGKILL, e.Value));
        Assert.False(ProcFs.Exists(root), "the root was killed and reaped");
        // The child's real parent (the root) is dead, so after the tracer reaped it any remains belong to init:
        // it may linger as a zombie for a moment, but it must not be running.
        Polling.Until(() => ProcFs.State(child) is null or 'Z' or 'X', $"process {child} to be gone");
    }

    [Fact]
    public async Task Cancel_WhileAnotherSessionRuns_EndsOnlyTheCancelledSession()
    {
        // Two sessions in one process: cancelling the first must neither wait for the second nor disturb it.
        using var firstOut = new TestPipe();
        using var secondOut = new TestPipe();
        var firstHandler = new RecordingHandler();
        var secondHandler = new RecordingHandler();
        await using var first = TraceSession.Spawn(Tracees.Options("sleeper", stdout: firstOut.WriteFd), firstHandler);
        int firstPid = ReportedPids(firstOut.WaitFor("\n")).Single();
        await using var second = TraceSession.Spawn(Tracees.Options("sleeper", stdout: secondOut.WriteFd), secondHandler);
        int secondPid = ReportedPids(secondOut.WaitFor("\n")).Single();
        Polling.Until(() => BlockedInRead(firstPid) && BlockedInRead(secondPid), "both sleepers to block in read");

        await first.Cancel();
        TraceResult firstResult = await first.Completion(TimeSpan.FromSeconds(3));
        Assert.Equal(TestNative.SIGKILL, firstResult.Signal);
        Assert.False(second.Run.IsCompleted, "the other session goes on");
        Assert.True(BlockedInRead(secondPid));

        await second.Cancel();
        TraceResult secondResult = await second.Completion(TimeSpan.FromSeconds(3));
        Assert.Equal(TestNative.SIGKILL, secondResult.Signal);
    }

    [Fact]
    public async Task MissingProgram_ThrowsSpawnExceptionAtExecute_Quickly()
    {
        var handler = new RecordingHandler();
        var stopwatch = Stopwatch.StartNew();
        var spawn = new SpawnOptions { Program = "/nonexistent/ptracer-no-such-program", Arguments = ["ptracer-no-such-program"] };
        var e = await Assert.ThrowsAsync<SpawnException>(() => TraceSession.RunToEnd(spawn, handler));
        stopwatch.Stop();

        Assert.Equal(SpawnStage.Execute, e.Stage);
        Assert.Equal(TestNative.ENOENT, e.Errno);
        Assert.Contains("No such file or directory", e.Message);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed}");
        // The child that failed to execute was reaped; the program's own events never started.
        int pid = Assert.Single(handler.Of("attached")).Tid;
        Assert.False(ProcFs.Exists(pid));
        Assert.Empty(handler.Of("exec"));
    }

    [Fact]
    public async Task MissingWorkingDirectory_ThrowsSpawnExceptionAtChangeDirectory()
    {
        var spawn = new SpawnOptions
        {
            Program = "/bin/true",
            Arguments = ["true"],
            WorkingDirectory = "/nonexistent/ptracer-no-such-directory",
        };
        var e = await Assert.ThrowsAsync<SpawnException>(() => TraceSession.RunToEnd(spawn, new RecordingHandler()));
        Assert.Equal(SpawnStage.ChangeDirectory, e.Stage);
        Assert.Equal(TestNative.ENOENT, e.Errno);
    }

    [Fact]
    public async Task Cancel_BeforeTheProgramStarts_EndsTheSessionAsCancelled()
    {
        // Cancelling right after the start (the child may not have executed yet) must end the session as killed or
        // cancelled, never as a failure to execute the program.
        var handler = new RecordingHandler();
        await using var session = TraceSession.Spawn(Tracees.Options("sleeper"), handler);
        await session.Cancel();
        try
        {
            TraceResult result = await session.Completion();
            Assert.Equal(TestNative.SIGKILL, result.Signal);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
