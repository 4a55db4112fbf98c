using Ptracer.Engine;
using Ptracer.Spawn;

namespace Ptracer.Tests.TestSupport;

/// <summary>
/// A tracing session run on the tracer's own thread (<see cref="Tracer.RunAsync(SpawnOptions, TraceHandler, CancellationToken)"/>),
/// bounded in time: a session that does not end is cancelled and fails the test instead of hanging it. Disposing
/// cancels a session still running (a test that failed half-way leaves nothing behind).
/// </summary>
public sealed class TraceSession : IAsyncDisposable
{
    /// <summary>The longest a session may take before the test fails.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private TraceSession(Tracer tracer, Task<TraceResult> run)
    {
        Tracer = tracer;
        Run = run;
    }

    public Tracer Tracer { get; }
    public Task<TraceResult> Run { get; }

    public static TraceSession Spawn(SpawnOptions spawn, TraceHandler handler, TracerOptions? options = null)
    {
        var tracer = new Tracer(options ?? new TracerOptions { FollowChildren = true });
        return new TraceSession(tracer, tracer.RunAsync(spawn, handler));
    }

    public static TraceSession Attach(IReadOnlyList<int> pids, TraceHandler handler, TracerOptions? options = null)
    {
        var tracer = new Tracer(options ?? new TracerOptions { FollowChildren = true });
        return new TraceSession(tracer, tracer.RunAsync(pids, handler));
    }

    /// <summary>Spawns, traces to the end and returns the result, within <paramref name="timeout"/>.</summary>
    public static async Task<TraceResult> RunToEnd(SpawnOptions spawn, TraceHandler handler, TracerOptions? options = null, TimeSpan? timeout = null)
    {
        await using var session = Spawn(spawn, handler, options);
        return await session.Completion(timeout);
    }

    /// <summary>
    /// Calls <see cref="Tracer.Cancel"/> on a thread of its own, so a Cancel() that blocks fails the test instead of
    /// blocking it; throws a TimeoutException if Cancel() has not returned within <paramref name="timeout"/>.
    /// </summary>
    public async Task Cancel(TimeSpan? timeout = null)
    {
        if (!await TryCancel(timeout ?? TimeSpan.FromSeconds(2)))
            throw new TimeoutException("Tracer.Cancel() did not return");
    }

    /// <summary>The session's result; on timeout the session is cancelled and a TimeoutException is thrown.</summary>
    public async Task<TraceResult> Completion(TimeSpan? timeout = null)
    {
        try
        {
            return await Run.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException)
        {
            bool returned = await TryCancel(TimeSpan.FromSeconds(2));
            bool ended = returned && await Task.WhenAny(Run, Task.Delay(TimeSpan.FromSeconds(5))) == Run;
            throw new TimeoutException($"the trace session did not end within {timeout ?? DefaultTimeout}; "
                + (!returned ? "Cancel() then blocked its caller" : ended ? "Cancel() ended it" : "it did not end even after Cancel()"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Run.IsCompleted) return;
        if (await TryCancel(TimeSpan.FromSeconds(2)))
            await Task.WhenAny(Run, Task.Delay(TimeSpan.FromSeconds(5)));
    }

    private async Task<bool> TryCancel(TimeSpan timeout)
    {
        Task cancel = Task.Factory.StartNew(Tracer.Cancel, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return await Task.WhenAny(cancel, Task.Delay(timeout)) == cancel;
    }
}

/// <summary>Builds SpawnOptions for a tracee program with its stdio mapped to test pipes.</summary>
public static class Tracees
{
    /// <summary>
    /// Options for the compiled tracee <paramref name="name"/>: argv[0] is the name; stdin/stdout/stderr are the given
    /// test descriptors, -1 closes them (the test host's own stdio is never handed over).
    /// </summary>
    public static SpawnOptions Options(string name, IReadOnlyList<string>? arguments = null, int stdin = -1, int stdout = -1,
        int stderr = -1)
        => new()
        {
            Program = TraceeBuilder.Build(name),
            Arguments = [name, .. arguments ?? []],
            FileDescriptors = [stdin, stdout, stderr],
        };
}
