using System.Runtime.InteropServices;
using Ptracer.Native;
using static Ptracer.Native.Interop;

namespace Ptracer.Engine;

public sealed unsafe partial class Tracer
{
    private bool _cancelHandled;

    /// <summary>
    /// Seizes every thread of <paramref name="pid"/> and interrupts each so syscall tracing starts at its next stop.
    /// Threads created meanwhile are caught by listing /proc/PID/task again until no new thread shows up.
    /// </summary>
    private void AttachProcess(int pid)
    {
        if (pid <= 0 || !Directory.Exists($"/proc/{pid}"))
            throw new AttachException(pid, "No such process");
        int tgid = ProcessIdOf(pid);
        if (tgid != pid) pid = tgid;

        var attached = new HashSet<int>();
        bool found;
        do
        {
            found = false;
            foreach (int tid in ThreadsOf(pid))
            {
                if (!attached.Add(tid) || _tracees.ContainsKey(tid)) continue;
                found = true;
                if (Libc.ptrace(Interop.Ptrace.SEIZE, tid, 0, PtraceOptions(spawned: false)) < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    // A thread may exit or be auto-attached through its creator between listing and seizing.
                    if (tid == pid) throw new AttachException(pid, Libc.StrError(errno));
                    continue;
                }
                Libc.ptrace(Interop.Ptrace.INTERRUPT, tid, 0, 0);
                var tracee = new Tracee(tid, pid) { AttachedByRequest = true, Options = PtraceOptions(spawned: false) };
                _tracees.Add(tid, tracee);
                _root ??= tracee;
                _handler.OnAttached(tracee);
            }
        } while (found);
    }

    private static IEnumerable<int> ThreadsOf(int pid)
    {
        string[] entries;
        try { entries = Directory.GetDirectories($"/proc/{pid}/task"); }
        catch (DirectoryNotFoundException) { yield break; }
        foreach (string dir in entries)
            if (int.TryParse(Path.GetFileName(dir), out int tid)) yield return tid;
    }

    /// <summary>
    /// On the tracer thread: a spawned tree is killed (its exits are then reaped by the loop); attached threads are
    /// interrupted and detached at the stop that follows, so they keep running as if never traced.
    /// </summary>
    private void HandleCancel()
    {
        if (_cancelHandled) return;
        _cancelHandled = true;
        if (_spawned)
        {
            foreach (Tracee t in _tracees.Values) Libc.kill(t.ProcessId, Signals.SIGKILL);
            return;
        }
        foreach (Tracee t in _tracees.Values.ToList())
        {
            t.DetachRequested = true;
            if (t.Parked)
            {
                Detach(t, 0);
                continue;
            }
            if (Libc.ptrace(Interop.Ptrace.INTERRUPT, t.Tid, 0, 0) < 0) _tracees.Remove(t.Tid);
        }
        _result = _result with { Detached = true };
    }
}

/// <summary>Attaching to a process failed.</summary>
public sealed class AttachException(int pid, string reason) : Exception($"cannot attach to process {pid}: {reason}")
{
    public int Pid { get; } = pid;
}
