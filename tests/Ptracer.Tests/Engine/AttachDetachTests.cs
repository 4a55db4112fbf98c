using Ptracer.Engine;
using Ptracer.Tests.TestSupport;
using Xunit;

namespace Ptracer.Tests.Engine;

/// <summary>
/// Attaching to a running multi-threaded process that is not part of any traced session (a posix_spawn child of the
/// test process), watching it, and detaching so it runs on and ends normally.
/// </summary>
public sealed class AttachDetachTests
{
    [Fact]
    public async Task AttachToEveryThread_SeeSyscalls_CancelDetachesEveryThread_ProcessExitsNormally()
    {
        using var stdin = new TestPipe();
        using var stdout = new TestPipe();
        string runner = TraceeBuilder.Build("runner");
        int pid = PosixSpawn.Start(runner, ["runner"], stdinFd: stdin.ReadFd, stdoutFd: stdout.WriteFd);
        bool reaped = false;
        try
        {
            stdout.WaitFor("ready\n");
            int[] tids = ProcFs.Threads(pid);
            Assert.Equal(5, tids.Length);

            var handler = new RecordingHandler();
            await using (var session = TraceSession.Attach([pid], handler))
            {
                handler.WaitUntil(events => tids.All(t => events.Any(e => e.Kind == "attached" && e.Tid == t)), "every thread attached");
                Assert.Equal(tids, handler.Of("attached").Select(e => e.Tid).Order().ToArray());
                Assert.All(handler.Of("attached"), e => Assert.Equal(pid, e.ProcessId));

                // The workers loop on nanosleep/getppid (the attach interrupts a nanosleep: restart_syscall comes first);
                // the main thread's read(0) is interrupted by the attach and restarted.
                handler.WaitUntil(events => tids.All(t => events.Any(e => e.Kind == "entry" && e.Tid == t))
                    && tids.Where(t => t != pid).All(t => events.Any(e => e.Kind == "entry" && e.Tid == t && e.Value == X64Syscalls.Getppid)),
                    "a syscall of every thread and a getppid of every worker");
                Assert.Contains(handler.Of("entry"), e => e.Tid == pid && e.Value == X64Syscalls.Read);

                await session.Cancel();
                TraceResult result = await session.Completion();

                Assert.True(result.Detached);
                Assert.Equal(tids, handler.Of("detached").Select(e => e.Tid).Order().ToArray());
                Assert.Empty(handler.Of("exited"));
                Assert.Empty(handler.Of("killed"));
            }

            // Detached, the process runs on untraced: no thread is left in a (tracing) stop, TracerPid is 0.
            Polling.Until(() => tids.All(t => !ProcFs.IsStopped(ProcFs.ThreadState(pid, t))), "every thread to run untraced");
            Assert.Contains("TracerPid:\t0\n", File.ReadAllText($"/proc/{pid}/status"));
            Assert.Equal("ready\n", stdout.Drain());

            stdin.WriteByte((byte)'x');
            int status = TestNative.Reap(pid, TimeSpan.FromSeconds(5));
            reaped = true;
            Assert.True(TestNative.WIfExited(status), $"wait status 0x{status:x}");
            Assert.Equal(0, TestNative.WExitStatus(status));
            Assert.Equal("ready\ndone\n", stdout.Drain());
        }
        finally
        {
            if (!reaped)
            {
                TestNative.kill(pid, TestNative.SIGKILL);
                TestNative.Reap(pid, TimeSpan.FromSeconds(5));
            }
        }
    }

    [Fact]
    public async Task TwoAttachSessions_CancellingTheFirst_DoesNotWaitForTheSecond()
    {
        using var firstIn = new TestPipe();
        using var firstOut = new TestPipe();
        using var secondIn = new TestPipe();
        using var secondOut = new TestPipe();
        string runner = TraceeBuilder.Build("runner");
        int firstPid = PosixSpawn.Start(runner, ["runner"], stdinFd: firstIn.ReadFd, stdoutFd: firstOut.WriteFd);
        int secondPid = PosixSpawn.Start(runner, ["runner"], stdinFd: secondIn.ReadFd, stdoutFd: secondOut.WriteFd);
        var pending = new List<(int Pid, TestPipe Stdin)> { (firstPid, firstIn), (secondPid, secondIn) };
        try
        {
            firstOut.WaitFor("ready\n");
            secondOut.WaitFor("ready\n");
            var firstHandler = new RecordingHandler { RecordSyscalls = false };
            var secondHandler = new RecordingHandler { RecordSyscalls = false };
            await using var first = TraceSession.Attach([firstPid], firstHandler);
            firstHandler.WaitUntil(events => events.Count(e => e.Kind == "attached") == 5, "the first process attached");
            await using var second = TraceSession.Attach([secondPid], secondHandler);
            secondHandler.WaitUntil(events => events.Count(e => e.Kind == "attached") == 5, "the second process attached");

            await first.Cancel();
            TraceResult firstResult = await first.Completion(TimeSpan.FromSeconds(3));
            Assert.True(firstResult.Detached);
            Assert.Equal(5, firstHandler.Of("detached").Count);
            Assert.False(second.Run.IsCompleted, "the second session goes on");

            await second.Cancel();
            TraceResult secondResult = await second.Completion(TimeSpan.FromSeconds(3));
            Assert.True(secondResult.Detached);

            foreach ((int pid, TestPipe stdin) in pending.ToList())
            {
                stdin.WriteByte((byte)'x');
                int status = TestNative.Reap(pid, TimeSpan.FromSeconds(5));
                pending.Remove((pid, stdin));
                Assert.Equal(0, TestNative.WExitStatus(status));
            }
        }
        finally
        {
            foreach ((int pid, _) in pending)
            {
                TestNative.kill(pid, TestNative.SIGKILL);
                TestNative.Reap(pid, TimeSpan.FromSeconds(5));
            }
        }
    }

    [Fact]
    public async Task AttachToMissingProcess_Throws()
    {
        // A pid far above pid_max's default is never a process.
        const int missing = 0x3fffff + 1;
        var e = await Assert.ThrowsAsync<AttachException>(() => TraceSession.Attach([missing], new RecordingHandler()).Completion());
        Assert.Equal(missing, e.Pid);
    }
}
