using Ptracer.Engine;

namespace Ptracer.Tests.TestSupport;

/// <summary>One event seen by a <see cref="RecordingHandler"/>, numbered in the order the tracer reported it.</summary>
public sealed record TraceEvent(int Sequence, string Kind, int Tid, int ProcessId, long Value = 0, long Extra = 0);

/// <summary>
/// A handler that records every event (values copied at the stop: Tracee objects are reused) and lets a test thread
/// wait, with a deadline, until the record satisfies a condition. Subclasses override the callbacks to act at a stop
/// and call the base method to keep the record.
/// </summary>
public class RecordingHandler : TraceHandler
{
    private readonly List<TraceEvent> _events = [];
    private Exception? _failure;

    /// <summary>Record syscall entries and exits too (off for tests that would drown in them).</summary>
    public bool RecordSyscalls { get; init; } = true;

    /// <summary>A copy of the events so far.</summary>
    public List<TraceEvent> Events
    {
        get
        {
            lock (_events) return [.. _events];
        }
    }

    public List<TraceEvent> Of(string kind) => Events.Where(e => e.Kind == kind).ToList();

    /// <summary>An exception thrown by a subclass's check on the tracer thread, rethrown to the test by <see cref="ThrowIfFailed"/>.</summary>
    public void Fail(Exception e)
    {
        lock (_events)
        {
            _failure ??= e;
            Monitor.PulseAll(_events);
        }
    }

    public void ThrowIfFailed()
    {
        lock (_events)
        {
            if (_failure is not null) throw new Xunit.Sdk.XunitException("a check on the tracer thread failed: " + _failure);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the events so far.</summary>
    public void WaitUntil(Func<IReadOnlyList<TraceEvent>, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Polling.DefaultTimeout);
        lock (_events)
        {
            while (!condition(_events))
            {
                if (_failure is not null) ThrowIfFailed();
                TimeSpan left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                    throw new TimeoutException($"timed out waiting for {what}; events: {string.Join(", ", _events.TakeLast(30))}");
                Monitor.Wait(_events, left);
            }
        }
    }

    protected void Record(string kind, Tracee tracee, long value = 0, long extra = 0)
    {
        lock (_events)
        {
            _events.Add(new TraceEvent(_events.Count, kind, tracee.Tid, tracee.ProcessId, value, extra));
            Monitor.PulseAll(_events);
        }
    }

    public override void OnAttached(Tracee tracee) => Record("attached", tracee);

    public override void OnSyscallEntry(Tracee tracee)
    {
        if (RecordSyscalls) Record("entry", tracee, tracee.SyscallNumber);
    }

    public override void OnSyscallExit(Tracee tracee)
    {
        if (RecordSyscalls) Record("exit", tracee, tracee.SyscallNumber, tracee.ReturnValue);
    }

    public override int OnSignal(Tracee tracee, in SignalDelivery signal)
    {
        Record("signal", tracee, signal.Signal);
        return signal.Signal;
    }

    public override void OnGroupStop(Tracee tracee, int signal) => Record("group-stop", tracee, signal);

    public override void OnExec(Tracee tracee, int formerTid) => Record("exec", tracee, formerTid);

    public override void OnSuperseded(Tracee tracee, int executingTid) => Record("superseded", tracee, executingTid);

    /// <summary>Recorded as the child's event: Tid/ProcessId are the child's, Value the kind, Extra the parent's tid.</summary>
    public override void OnNewTracee(Tracee parent, Tracee child, NewTraceeKind kind) => Record("new", child, (long)kind, parent.Tid);

    public override void OnExited(Tracee tracee, int exitCode) => Record("exited", tracee, exitCode);

    public override void OnKilled(Tracee tracee, int signal, bool coreDumped) => Record("killed", tracee, signal, coreDumped ? 1 : 0);

    public override void OnDetached(Tracee tracee) => Record("detached", tracee);
}
