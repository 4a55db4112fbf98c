using Ptracer.Engine;
using Ptracer.Tests.TestSupport;
using Xunit;

namespace Ptracer.Tests.Engine;

/// <summary>SIGSTOP/SIGCONT under the tracer: a group-stop keeps the process stopped, as without a tracer, until SIGCONT.</summary>
public sealed class GroupStopTests
{
    /// <summary>Checks for a while that the threads stay stopped and that <paramref name="output"/> gets nothing new.</summary>
    private static async Task AssertStaysStopped(int pid, IReadOnlyList<int> tids, TestPipe output, string outputSoFar)
    {
        // Not synchronisation: an observation window in which nothing may change.
        var until = DateTime.UtcNow + TimeSpan.FromMilliseconds(200);
        while (DateTime.UtcNow < until)
        {
            foreach (int tid in tids)
                Assert.True(ProcFs.IsStopped(ProcFs.ThreadState(pid, tid)), $"thread {tid} is {ProcFs.ThreadState(pid, tid)}, not stopped");
            Assert.Equal(outputSoFar, output.Drain());
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task RaisedSigstop_StaysStoppedUntilSigcont_ThenExitsNormally()
    {
        using var stdout = new TestPipe();
        var handler = new RecordingHandler();
        await using var session = TraceSession.Spawn(Tracees.Options("stopcont", stdout: stdout.WriteFd), handler);

        handler.WaitUntil(events => events.Any(e => e.Kind == "group-stop"), "the group-stop");
        TraceEvent stop = Assert.Single(handler.Of("group-stop"));
        Assert.Equal(TestNative.SIGSTOP, stop.Value);
        int pid = stop.Tid;
        // The signal was first offered to the handler (signal-delivery-stop), then became a group-stop.
        TraceEvent delivery = Assert.Single(handler.Of("signal"));
        Assert.Equal(TestNative.SIGSTOP, delivery.Value);
        Assert.True(delivery.Sequence < stop.Sequence);

        Polling.Until(() => ProcFs.IsStopped(ProcFs.State(pid)), $"process {pid} to show as stopped");
        Assert.Equal("stopping\n", stdout.WaitFor("stopping\n"));
        await AssertStaysStopped(pid, [pid], stdout, "stopping\n");
        Assert.False(session.Run.IsCompleted);

        TestNative.Kill(pid, TestNative.SIGCONT);
        TraceResult result = await session.Completion();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, result.Signal);
        Assert.Equal("stopping\ncontinued\n", stdout.Drain());
        Assert.Contains(handler.Of("signal"), e => e.Value == TestNative.SIGCONT && e.Sequence > stop.Sequence);
        Assert.Single(handler.Of("group-stop")); // SIGCONT does not count as another group-stop
    }

    [Fact]
    public async Task ExternalSigstop_StopsEveryThread_UntilSigcont()
    {
        using var stdin = new TestPipe();
        using var stdout = new TestPipe();
        var handler = new RecordingHandler { RecordSyscalls = false };
        await using var session = TraceSession.Spawn(Tracees.Options("runner", stdin: stdin.ReadFd, stdout: stdout.WriteFd), handler);

        stdout.WaitFor("ready\n");
        int pid = handler.Of("attached").First().Tid;
        int[] tids = ProcFs.Threads(pid);
        Assert.Equal(5, tids.Length);
        Assert.Equal(tids, handler.Of("attached").Select(e => e.Tid).Order().ToArray());

        TestNative.Kill(pid, TestNative.SIGSTOP);
        handler.WaitUntil(events => tids.All(t => events.Any(e => e.Kind == "group-stop" && e.Tid == t)), "a group-stop of every thread");
        Assert.All(handler.Of("group-stop"), e => Assert.Equal(TestNative.SIGSTOP, e.Value));
        Polling.Until(() => tids.All(t => ProcFs.IsStopped(ProcFs.ThreadState(pid, t))), "every thread to show as stopped");
        await AssertStaysStopped(pid, tids, stdout, "ready\n");

        TestNative.Kill(pid, TestNative.SIGCONT);
        stdin.WriteByte((byte)'x');
        TraceResult result = await session.Completion();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ready\ndone\n", stdout.Drain());
        Assert.Equal(tids.Length, handler.Of("group-stop").Count);
        Assert.Equal(tids, handler.Of("exited").Select(e => e.Tid).Order().ToArray());
    }
}
