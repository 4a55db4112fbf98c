using System.Text;
using Ptracer.Engine;
using Ptracer.Seccomp;
using Ptracer.Spawn;
using Ptracer.Tests.TestSupport;
using Xunit;

namespace Ptracer.Tests.Engine;

/// <summary>
/// <see cref="Tracee.SkipExecStop"/>: an exec the handler has seen at its entry runs without an exec stop; a later
/// exec it does not skip (in that process or in a child that inherited the choice) stops again; an exec from a
/// thread always stops, since only that stop reports the change of thread ids.
/// </summary>
public sealed class ExecStopTests
{
    /// <summary>Skips the exec stop of every program whose path contains <see cref="Skip"/>; records each exec path.</summary>
    private sealed class SkippingHandler(string skip) : RecordingHandler
    {
        private readonly byte[] _path = new byte[4096];
        private string Skip { get; } = skip;
        public List<string> Entries { get; } = [];

        public override void OnSyscallEntry(Tracee tracee)
        {
            base.OnSyscallEntry(tracee);
            if (tracee.IsStartingUp) return;
            int n = tracee.Memory.ReadCString(tracee.Arguments[tracee.SyscallNumber == 322 ? 1 : 0], _path, out _);
            string path = Encoding.UTF8.GetString(_path, 0, n);
            lock (Entries) Entries.Add(path);
            tracee.SkipExitStop();
            if (path.Contains(Skip, StringComparison.Ordinal)) tracee.SkipExecStop();
        }
    }

    private static readonly TracerOptions Options = new() { FollowChildren = true, SyscallStops = SyscallStopMode.Seccomp };

    private static SpawnOptions Shell(string script) => new()
    {
        Program = "/bin/sh",
        Arguments = ["sh", "-c", script],
        FileDescriptors = [-1, -1, -1],
        SeccompFilter = SeccompFilterCompiler.ForTracedSyscalls(["execve", "execveat"]),
    };

    [Fact]
    public async Task A_skipped_exec_does_not_stop_and_an_unskipped_one_in_an_inheriting_child_does()
    {
        // The root's exec into a second shell is skipped: that shell runs with exec stops off, and so does the child
        // it forks for /bin/echo, whose exec is not skipped and must stop all the same.
        var handler = new SkippingHandler("/bin/sh") { RecordSyscalls = false };
        TraceResult result = await TraceSession.RunToEnd(Shell("exec /bin/sh -c '/bin/echo x > /dev/null; /bin/sh -c \"exit 7\"'"), handler, Options);

        Assert.Equal(7, result.ExitCode);
        Assert.Equal(["/bin/sh", "/bin/echo", "/bin/sh"], handler.Entries);
        // Exec stops: the root's own start (the spawn's exec of /bin/sh) and /bin/echo; not the two skipped shells.
        Assert.Equal(2, handler.Of("exec").Count);
        int root = handler.Of("attached").First().Tid;
        Assert.Equal(root, handler.Of("exec")[0].Tid);
        Assert.NotEqual(root, handler.Of("exec")[1].Tid);
    }

    [Fact]
    public async Task An_exec_from_a_thread_stops_even_when_skipped()
    {
        var handler = new SkippingHandler("/bin/true") { RecordSyscalls = false };
        SpawnOptions tracee = Tracees.Options("exec_from_thread");
        var spawn = new SpawnOptions
        {
            Program = tracee.Program,
            Arguments = tracee.Arguments,
            FileDescriptors = tracee.FileDescriptors,
            SeccompFilter = SeccompFilterCompiler.ForTracedSyscalls(["execve", "execveat"]),
        };
        TraceResult result = await TraceSession.RunToEnd(spawn, handler, Options);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["/bin/true"], handler.Entries);
        List<TraceEvent> execs = handler.Of("exec");
        Assert.Equal(2, execs.Count); // the start, then the thread's exec, reported under the leader's tid
        Assert.NotEqual(execs[1].Tid, execs[1].Value);
    }
}
