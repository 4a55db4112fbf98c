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

    [Fact]
    public async Task SpawnWhileOtherThreadsCollectGarbage_NeverHangs()
    {
        // Garbage collections started by other threads at the moment a tracer thread forks must not matter: four
        // sessions at a time spawn /bin/true over and over while another thread collects without pause.
        using var stop = new CancellationTokenSource();
        var collector = Task.Factory.StartNew(() =>
        {
            // Yielding between collections lets the spawning threads run at all (a collector that never yields starves
            // every managed thread, which measures the runtime, not the engine), while a fork still often lands on a
            // pending suspension: the case that hung children forked by managed code before the fork stub.
            while (!stop.IsCancellationRequested)
            {
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                Thread.Yield();
            }
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
                        // Generous: what must never happen is a session that does not end.
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
