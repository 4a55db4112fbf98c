using System.Text.Json;
using Ptracer.Tests.Differential;
using Xunit;
using static Ptracer.Tests.Snapshot.SnapshotFixture;

namespace Ptracer.Tests.Snapshot;

/// <summary>
/// `ptracer snapshot` then `ptracer restore` on real programs: the restored run must print exactly what a cold run
/// prints for the same stdin and end with the same status, many times from one snapshot.
/// </summary>
public sealed class SnapshotRestoreTests
{
    private static readonly string[] Inputs = ["27\n97\n", "1\n", "2999999\n871\n12345\n", ""];

    private static void AssertSameAsCold(string directory, string input, params string[] program)
    {
        ChildResult cold = WithInput(input, program);
        ChildResult restored = Restore(directory, input);
        Assert.Equal("", Text(restored.Stderr));
        Assert.Equal(Text(cold.Stdout), Text(restored.Stdout));
        Assert.Equal(cold.Exit, restored.Exit);
    }

    private static string TakeSnapshot(string tag, params string[] program)
    {
        string dir = NewDirectory(tag);
        ChildResult r = RunSnapshot(dir, ["--", .. program]);
        Assert.True(r.Exit == new ChildExit("exit", 0), $"snapshot failed: {r.Exit}: {Text(r.Stderr)}");
        Assert.StartsWith("ptracer snapshot: saved at ", Text(r.Stderr));
        return dir;
    }

    [Fact]
    public void Dynamically_linked_program_restores_like_a_cold_run_many_times()
    {
        string program = Dynamic("snap-table");
        string dir = TakeSnapshot("dyn", program, "1");
        try
        {
            // The snapshot maps libc.so.6 and ld.so from their files, checked by hash.
            using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "snapshot.json")));
            string[] files = [.. manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!)];
            Assert.Contains(files, f => f.EndsWith("/libc.so.6", StringComparison.Ordinal));
            Assert.Equal("newfstatat", manifest.RootElement.GetProperty("syscall").GetString());
            for (int round = 0; round < 2; round++)
                foreach (string input in Inputs) AssertSameAsCold(dir, input, program, "1");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Static_program_restores_like_a_cold_run_many_times()
    {
        string program = Static("snap-table");
        string dir = TakeSnapshot("static", program, "1");
        try
        {
            foreach (string input in Inputs) AssertSameAsCold(dir, input, program, "1");
            foreach (string input in Inputs) AssertSameAsCold(dir, input, program, "1");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("heap")]     // brk heap grown before the snapshot point and after restore
    [InlineData("threads")]  // threads created after the snapshot point
    [InlineData("signals")]  // handlers and the mask set before, signals handled after
    [InlineData("fpu")]      // xmm9 and the rounding mode live across the snapshot point (getpid)
    [InlineData("devices")]  // /dev/urandom and /dev/zero descriptors, a private /dev/zero mapping
    [InlineData("rwlock")]   // a write lock held across the snapshot point unlocks as a write lock
    public void Process_state_survives(string name)
    {
        string program = Dynamic("snap-cases");
        string dir = TakeSnapshot(name, program, name);
        try
        {
            AssertSameAsCold(dir, "some input\n", program, name);
            AssertSameAsCold(dir, "other input\n", program, name);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Restore_with_trace_keeps_tracing_the_restored_program()
    {
        string program = Dynamic("snap-cases");
        string dir = TakeSnapshot("trace", program, "threads");
        string log = Path.Combine(Path.GetTempPath(), $"ptracer-snap-trace-{Guid.NewGuid():N}.log");
        try
        {
            ChildResult cold = WithInput("x\n", [program, "threads"]);
            ChildResult traced = WithInput("x\n", [.. Ptracer.Tests.TestSupport.PtracerCommand.Argv, "restore", "--trace", "-o", log, dir]);
            Assert.Equal(Text(cold.Stdout), Text(traced.Stdout));
            Assert.Equal(cold.Exit, traced.Exit);
            string[] lines = File.ReadAllLines(log);
            // The first event is the snapshot point's syscall, made again; the threads are followed; nothing of the stub shows.
            Assert.Contains("newfstatat(0, \"\"", lines[0]);
            Assert.Contains(lines, l => l.Contains("clone3(", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.Contains("execve(", StringComparison.Ordinal));
            Assert.EndsWith("+++ exited with 0 +++", lines[^1]);
        }
        finally
        {
            Directory.Delete(dir, true);
            File.Delete(log);
        }
    }

    [Fact]
    public void Sigterm_to_restore_goes_to_the_program_and_its_status_is_returned()
    {
        string dir = TakeSnapshot("waits", Dynamic("snap-cases"), "waits");
        int restore = -1;
        try
        {
            IReadOnlyList<string> argv = [.. Ptracer.Tests.TestSupport.PtracerCommand.Argv, "restore", dir];
            restore = Ptracer.Tests.TestSupport.PosixSpawn.Start(argv[0], argv, environment: ["PATH=/usr/bin:/bin", "HOME=/tmp"]);
            // The restored program is ptracer's child once it sits in pause() (x86_64 syscall 34).
            int program = 0;
            Ptracer.Tests.TestSupport.Polling.Until(() =>
            {
                program = RestoredChild(restore);
                return program != 0 && File.ReadAllText($"/proc/{program}/syscall").StartsWith("34 ", StringComparison.Ordinal);
            }, "the restored program to pause", TimeSpan.FromSeconds(30));
            Ptracer.Tests.TestSupport.TestNative.kill(restore, 15);
            int status = Ptracer.Tests.TestSupport.TestNative.Reap(restore, TimeSpan.FromSeconds(30));
            restore = -1;
            Assert.True(Ptracer.Tests.TestSupport.TestNative.WIfExited(status), $"status 0x{status:x}");
            Assert.Equal(128 + 15, Ptracer.Tests.TestSupport.TestNative.WExitStatus(status));
            Assert.False(Directory.Exists($"/proc/{program}"), "the restored program outlived ptracer");
        }
        finally
        {
            if (restore > 0)
            {
                Ptracer.Tests.TestSupport.TestNative.kill(restore, 9);
                Ptracer.Tests.TestSupport.TestNative.Reap(restore, TimeSpan.FromSeconds(30));
            }
            Directory.Delete(dir, true);
        }
    }

    private static int RestoredChild(int parent)
    {
        foreach (string task in Directory.GetDirectories($"/proc/{parent}/task"))
        {
            string children = File.ReadAllText(Path.Combine(task, "children")).Trim();
            if (children.Length > 0) return int.Parse(children.Split(' ')[0]);
        }
        return 0;
    }

    [Fact]
    public void Static_program_state_survives()
    {
        string program = Static("snap-cases");
        foreach (string name in new[] { "heap", "signals", "fpu", "threads" })
        {
            string dir = TakeSnapshot(name, program, name);
            try
            {
                AssertSameAsCold(dir, "x\n", program, name);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }

    [Fact]
    public void Open_read_only_file_is_reopened_at_its_offset_and_a_changed_file_is_refused()
    {
        string program = Dynamic("snap-cases");
        string data = Path.Combine(Path.GetTempPath(), $"ptracer-snap-data-{Guid.NewGuid():N}");
        File.WriteAllText(data, "hello, restored world\n");
        string dir = TakeSnapshot("file", program, "file", data);
        try
        {
            ChildResult restored = Restore(dir, "x\n");
            Assert.Equal("fd 3 head 'hello' rest ', restored world\n'\n", Text(restored.Stdout));

            string pages = Path.Combine(dir, "pages.bin");
            byte[] original = File.ReadAllBytes(pages);
            File.WriteAllBytes(pages, original[..^4096]);
            ChildResult truncated = Restore(dir, "x\n");
            Assert.Equal(new ChildExit("exit", 1), truncated.Exit);
            Assert.StartsWith($"ptracer restore: cannot restore: {pages} is missing or not the size the manifest says", Text(truncated.Stderr));
            File.WriteAllBytes(pages, original);

            File.WriteAllText(data, "HELLO, restored world\n");
            ChildResult refused = Restore(dir, "x\n");
            Assert.Equal(new ChildExit("exit", 1), refused.Exit);
            Assert.Equal($"ptracer restore: cannot restore: {data} has changed since the snapshot was taken (SHA-256 differs)\n", Text(refused.Stderr));
            Assert.Equal("", Text(refused.Stdout));
        }
        finally
        {
            Directory.Delete(dir, true);
            File.Delete(data);
        }
    }

    [Theory]
    [InlineData("socket", "fd 3 is an open socket; sockets cannot be saved")]
    [InlineData("shared", "a writable MAP_SHARED mapping at 0x")]
    [InlineData("thread", "the process has a second thread (2 threads); only single-threaded processes can be saved")]
    public void Unsupported_state_is_refused_in_one_line(string name, string reason)
    {
        string dir = NewDirectory(name);
        try
        {
            ChildResult r = RunSnapshot(dir, "--at-syscall", "getppid", "--", Dynamic("snap-cases"), name);
            Assert.Equal(new ChildExit("exit", 1), r.Exit);
            string stderr = Text(r.Stderr);
            Assert.StartsWith("ptracer snapshot: cannot snapshot: " + reason, stderr);
            Assert.Single(stderr.TrimEnd('\n').Split('\n'));
            Assert.False(File.Exists(Path.Combine(dir, "snapshot.json")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Bad_input_gets_one_line_and_a_status()
    {
        string empty = NewDirectory("empty");
        Directory.CreateDirectory(empty);
        try
        {
            ChildResult notSnapshot = RunPtracer("restore", empty);
            Assert.Equal(new ChildExit("exit", 1), notSnapshot.Exit);
            Assert.Equal($"ptracer restore: cannot restore: '{empty}' is not a snapshot (no snapshot.json)\n", Text(notSnapshot.Stderr));

            ChildResult args = RunPtracer("restore", empty, "extra");
            Assert.Equal(new ChildExit("exit", 2), args.Exit);

            ChildResult noOutput = RunPtracer("snapshot", "--", "/bin/true");
            Assert.Equal(new ChildExit("exit", 2), noOutput.Exit);
            Assert.StartsWith("ptracer snapshot: -o DIR is required\n", Text(noOutput.Stderr));

            ChildResult badSyscall = RunPtracer("snapshot", "-o", empty, "--at-syscall", "nosuchcall", "--", "/bin/true");
            Assert.Equal(new ChildExit("exit", 1), badSyscall.Exit);
            Assert.Equal("ptracer snapshot: cannot snapshot: unknown syscall 'nosuchcall'\n", Text(badSyscall.Stderr));

            ChildResult missing = RunPtracer("snapshot", "-o", empty, "--", "/no/such/program");
            Assert.Equal(new ChildExit("exit", 127), missing.Exit);
            Assert.Single(Text(missing.Stderr).TrimEnd('\n').Split('\n'));
        }
        finally
        {
            Directory.Delete(empty, true);
        }
    }
}
