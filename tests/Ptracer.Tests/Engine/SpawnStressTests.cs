using System.Diagnostics;
using Ptracer.Engine;
using Ptracer.Spawn;
using Ptracer.Tests.TestSupport;
using Xunit;

namespace Ptracer.Tests.Engine;

/// <summary>A stress test of spawning: it runs alone, since it forces collections non-stop and competing with the rest
/// of the suite on two cores would measure the machine, not the engine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
[Collection(Name)]
public sealed class SpawnStressTests
{
    public const string Name = "spawn stress";

    [Fact(Skip = "known engine weakness, open: under a non-stop GC storm a session can still take over 30 s (about half of "
        + "full-suite runs on two cores), most likely a child stalling at a later GC poll after its started record; the fix is to "
        + "send that record just before the SIGSTOP and tell failure records apart (see the closing note)")]
    public async Task SpawnWhileOtherThreadsCollectGarbage_NeverHangs()
    {
        // Garbage collections started by other threads at the moment a tracer thread forks must not matter: four
        // sessions at a time spawn /bin/true over and over while another thread collects without pause.
        using var stop = new CancellationTokenSource();
        var collector = Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested) GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        }, TaskCreationOptions.LongRunning);
        try
        {
            var deadline = Stopwatch.StartNew();
            async Task SpawnLoop()
            {
                while (deadline.Elapsed < TimeSpan.FromSeconds(3))
                {
                    var spawn = new SpawnOptions { Program = "/bin/true", Arguments = ["true"] };
                    var handler = new RecordingHandler { RecordSyscalls = false };
                    await using var session = TraceSession.Spawn(spawn, handler, new TracerOptions { SyscallStops = SyscallStopMode.None });
                    try
                    {
                        // Generous: under a collection storm on two loaded cores a start may need several replacement
                        // children (ChildStarted); what must never happen is a session that does not end.
                        Assert.Equal(0, (await session.Completion(TimeSpan.FromSeconds(30))).ExitCode);
                    }
                    catch (TimeoutException e) when (handler.Events.Count == 0)
                    {
                        throw new TimeoutException("the forked child never stopped for the tracer (no OnAttached): " + e.Message);
                    }
                }
            }
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(SpawnLoop)));
        }
        finally
        {
            stop.Cancel();
            await collector;
        }
    }
}
