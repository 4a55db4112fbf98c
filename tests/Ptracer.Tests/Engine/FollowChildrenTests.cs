using System.Text;
using Ptracer.Engine;
using Ptracer.Syscalls;
using Ptracer.Tests.TestSupport;
using Xunit;

namespace Ptracer.Tests.Engine;

/// <summary>Following threads, vfork children and an exec by a non-leader thread (FollowChildren = true).</summary>
public sealed class FollowChildrenTests
{
    /// <summary>Checks each "tid N" written to /dev/null and each gettid result against the tid that made the syscall.</summary>
    private sealed class ThreadAttributionHandler : RecordingHandler
    {
        public override void OnSyscallEntry(Tracee tracee)
        {
            base.OnSyscallEntry(tracee);
            if (tracee.Arch != SyscallArch.X86_64 || tracee.SyscallNumber != X64Syscalls.Write) return;
            int count = (int)Math.Min(tracee.Arguments[2], 64);
            byte[] buffer = new byte[count];
            int got = tracee.Memory.Read(tracee.Arguments[1], buffer);
            string text = Encoding.ASCII.GetString(buffer, 0, got);
            if (!text.StartsWith("tid ", StringComparison.Ordinal)) return;
            Record("tid-line", tracee, long.Parse(text.AsSpan(4).Trim()));
        }
    }

    [Fact]
    public async Task FiftyThreads_AllFollowed_AndSyscallsAttributedToEachThread()
    {
        var handler = new ThreadAttributionHandler();
        TraceResult result = await TraceSession.RunToEnd(Tracees.Options("threads50"), handler);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, result.Signal);
        int pid = handler.Of("attached").First().Tid;

        List<TraceEvent> created = handler.Of("new");
        Assert.Equal(50, created.Count);
        Assert.All(created, e => Assert.Equal((long)NewTraceeKind.Clone, e.Value));
        Assert.All(created, e => Assert.Equal(pid, e.ProcessId)); // threads of the root process
        Assert.All(created, e => Assert.Equal(pid, e.Extra)); // all created by the main thread
        var threadTids = created.Select(e => e.Tid).ToHashSet();
        Assert.Equal(50, threadTids.Count);
        Assert.DoesNotContain(pid, threadTids);

        // 51 threads made syscalls, each under its own tid.
        var entries = handler.Of("entry");
        var withSyscalls = entries.Select(e => e.Tid).ToHashSet();
        Assert.True(threadTids.All(withSyscalls.Contains), "every thread has syscalls of its own");
        Assert.Contains(pid, withSyscalls);
        Assert.All(entries, e => Assert.Equal(pid, e.ProcessId));

        // What each thread wrote names the thread the tracer attributed the write to; likewise gettid's result.
        List<TraceEvent> lines = handler.Of("tid-line");
        Assert.Equal(150, lines.Count);
        Assert.All(lines, e => Assert.Equal(e.Tid, e.Value));
        Assert.Equal(threadTids, lines.Select(e => e.Tid).ToHashSet());
        List<TraceEvent> gettid = handler.Of("exit").Where(e => e.Value == X64Syscalls.Gettid).ToList();
        Assert.Equal(threadTids, gettid.Select(e => e.Tid).ToHashSet());
        Assert.All(gettid, e => Assert.Equal(e.Tid, e.Extra));

        // Every thread's end was reported, the leader's with the process's exit code.
        List<TraceEvent> exited = handler.Of("exited");
        Assert.Equal(threadTids.Append(pid).Order(), exited.Select(e => e.Tid).Order());
        Assert.Equal(0, exited.Single(e => e.Tid == pid).Value);
        Assert.Empty(handler.Of("killed"));
    }

    [Fact]
    public async Task Vfork_ChildTracedThroughExec_ParentResumesAfterIt()
    {
        var handler = new RecordingHandler();
        TraceResult result = await TraceSession.RunToEnd(Tracees.Options("vfork"), handler);

        Assert.Equal(0, result.ExitCode);
        int pid = handler.Of("attached").First().Tid;
        TraceEvent child = Assert.Single(handler.Of("new"));
        Assert.Equal((long)NewTraceeKind.Vfork, child.Value);
        Assert.Equal(pid, child.Extra);
        Assert.NotEqual(pid, child.Tid);
        Assert.Equal(child.Tid, child.ProcessId); // a process of its own

        // Two execs: the root's start, then the child's /bin/true (same tid: a single-threaded process).
        List<TraceEvent> execs = handler.Of("exec");
        Assert.Equal(2, execs.Count);
        TraceEvent childExec = Assert.Single(execs, e => e.Tid == child.Tid);
        Assert.Equal(child.Tid, childExec.Value);

        // The child ran under the tracer and exited 0; the vfork parent made its next syscall (wait4) only after the child's exec.
        Assert.Contains(handler.Events, e => e.Kind == "entry" && e.Tid == child.Tid && e.Sequence > childExec.Sequence);
        TraceEvent childExit = Assert.Single(handler.Of("exited"), e => e.Tid == child.Tid);
        Assert.Equal(0, childExit.Value);
        // The parent is released when the child's execve gives up the shared memory, which may be reported before or
        // after the child's exec event; it is always after the child's execve entry.
        TraceEvent execEntry = handler.Events.First(e => e.Kind == "entry" && e.Tid == child.Tid && e.Value == X64Syscalls.Execve);
        TraceEvent wait = handler.Events.First(e => e.Kind == "entry" && e.Tid == pid && e.Value == X64Syscalls.Wait4);
        Assert.True(wait.Sequence > execEntry.Sequence,
            "the vfork parent stays suspended until the child executes: " + string.Join(", ", handler.Events.Where(e => e.Sequence >= child.Sequence)));
        Assert.Equal(0, Assert.Single(handler.Of("exited"), e => e.Tid == pid).Value);
    }

    [Fact]
    public async Task ExecFromNonLeaderThread_TidChanges_RootEndsAsTrue()
    {
        var handler = new RecordingHandler();
        TraceResult result = await TraceSession.RunToEnd(Tracees.Options("exec_from_thread"), handler);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, result.Signal);
        Assert.False(result.Detached);
        int pid = handler.Of("attached").First().Tid;
        List<TraceEvent> threads = handler.Of("new");
        Assert.Equal(2, threads.Count);
        Assert.All(threads, e => Assert.Equal((long)NewTraceeKind.Clone, e.Value));

        // The second exec (the first is the spawn's own) was made by a thread and is reported under the leader's tid.
        List<TraceEvent> execs = handler.Of("exec");
        Assert.Equal(2, execs.Count);
        TraceEvent exec = execs[1];
        Assert.Equal(pid, exec.Tid);
        Assert.Equal(pid, exec.ProcessId);
        Assert.NotEqual(pid, exec.Value);
        Assert.Contains(threads, t => t.Tid == exec.Value);

        // The old leader was superseded by the executing thread; it has no exit of its own.
        TraceEvent superseded = Assert.Single(handler.Of("superseded"));
        Assert.Equal(pid, superseded.Tid);
        Assert.Equal(exec.Value, superseded.Value);

        // The bystander thread died at the exec (reported as an exit with code 0), /bin/true then ran as the process.
        int bystander = threads.Single(t => t.Tid != exec.Value).Tid;
        TraceEvent bystanderEnd = Assert.Single(handler.Events, e => e.Tid == bystander && e.Kind is "exited" or "killed");
        Assert.True(bystanderEnd.Sequence < exec.Sequence);
        Assert.Contains(handler.Events, e => e.Kind == "entry" && e.Tid == pid && e.Sequence > exec.Sequence);
        TraceEvent end = Assert.Single(handler.Events, e => e.Tid == pid && e.Kind is "exited" or "killed");
        Assert.Equal("exited", end.Kind);
        Assert.Equal(0, end.Value);
    }
}
