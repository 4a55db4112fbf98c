using System.Text;
using System.Text.Json;
using Ptracer.Tests.Differential;
using Ptracer.Tests.TestSupport;
using Xunit;

namespace Ptracer.Tests.Cli;

/// <summary>`ptracer trace` as a user meets it: bad input, exit statuses, output files, JSON, attach and detach.</summary>
public sealed class TraceCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private static readonly IReadOnlyList<string> Env = ["PATH=/usr/bin:/bin", "HOME=/tmp", "LC_ALL=C"];

    private static ChildResult Trace(params string[] args)
    {
        var argv = new List<string>(PtracerCommand.Argv);
        argv.Add("trace");
        argv.AddRange(args);
        return ChildProcess.Run(argv, Env, Path.GetTempPath(), Limit);
    }

    private static string Stderr(ChildResult r) => Encoding.UTF8.GetString(r.Stderr);

    [Fact]
    public void Unknown_option_is_one_line_and_status_1()
    {
        ChildResult r = Trace("--bogus", "/bin/true");
        Assert.Equal(new ChildExit("exit", 1), r.Exit);
        Assert.Equal("ptracer trace: unrecognized option '--bogus'\nTry 'ptracer trace -h' for more information.\n", Stderr(r));
    }

    [Fact]
    public void Missing_option_value_is_reported()
    {
        ChildResult r = Trace("-s");
        Assert.Equal(new ChildExit("exit", 1), r.Exit);
        Assert.Equal("ptracer trace: option requires an argument -- 's'\nTry 'ptracer trace -h' for more information.\n", Stderr(r));
    }

    [Fact]
    public void No_command_is_reported()
    {
        ChildResult r = Trace("-f");
        Assert.Equal(new ChildExit("exit", 1), r.Exit);
        Assert.Equal("ptracer trace: must have PROG [ARGS] or -p PID\nTry 'ptracer trace -h' for more information.\n", Stderr(r));
    }

    [Fact]
    public void Missing_program_is_one_line_status_127_and_quick()
    {
        string log = Path.Combine(Path.GetTempPath(), $"ptracer-missing-{Guid.NewGuid():N}.log");
        var started = DateTime.UtcNow;
        ChildResult r = Trace("-o", log, "no-such-program-ptracer");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "took too long");
        Assert.Equal(new ChildExit("exit", 127), r.Exit);
        Assert.Equal("ptracer trace: cannot execute 'no-such-program-ptracer': No such file or directory\n", Stderr(r));
        Assert.Equal("", File.ReadAllText(log));
        File.Delete(log);
    }

    [Fact]
    public void Program_that_is_not_executable_gives_126()
    {
        string file = Path.Combine(Path.GetTempPath(), $"ptracer-noexec-{Guid.NewGuid():N}");
        File.WriteAllText(file, "not a program");
        ChildResult r = Trace(file);
        Assert.Equal(new ChildExit("exit", 126), r.Exit);
        Assert.Equal($"ptracer trace: cannot execute '{file}': Permission denied\n", Stderr(r));
        File.Delete(file);
    }

    [Theory]
    [InlineData("0", "ptracer trace: Invalid process id: '0'\n")]
    [InlineData("abc", "ptracer trace: Invalid process id: 'abc'\n")]
    [InlineData("999999999", "ptracer trace: cannot attach to process 999999999: No such process\n")]
    public void Bad_pid_is_one_line_and_status_1(string pid, string message)
    {
        ChildResult r = Trace("-p", pid);
        Assert.Equal(new ChildExit("exit", 1), r.Exit);
        Assert.Equal(message, Stderr(r));
    }

    [Fact]
    public void Exit_status_is_the_tracees()
    {
        ChildResult r = Trace("-o", "/dev/null", "/bin/sh", "-c", "exit 42");
        Assert.Equal(new ChildExit("exit", 42), r.Exit);
    }

    [Fact]
    public void A_tracee_killed_by_a_signal_kills_the_tracer_with_it()
    {
        ChildResult r = Trace("-o", "/dev/null", "/bin/sh", "-c", "kill -TERM $$");
        Assert.Equal(new ChildExit("signal", 15), r.Exit);
    }

    [Fact]
    public void Output_separately_writes_one_file_per_process()
    {
        string dir = Directory.CreateTempSubdirectory("ptracer-ff-").FullName;
        string log = Path.Combine(dir, "log");
        ChildResult r = Trace("-ff", "-o", log, "/bin/sh", "-c", "/bin/true; /bin/true; exit 0");
        Assert.Equal(new ChildExit("exit", 0), r.Exit);
        string[] files = Directory.GetFiles(dir).OrderBy(f => f, StringComparer.Ordinal).ToArray();
        Assert.Equal(3, files.Length);
        Assert.All(files, f => Assert.Matches(@"/log\.\d+$", f));
        int withTrue = files.Count(f => File.ReadAllText(f).Contains("execve(\"/bin/true\"", StringComparison.Ordinal));
        Assert.Equal(2, withTrue);
        Assert.All(files, f => Assert.Matches(@"\+\+\+ exited with 0 \+\+\+\n$", File.ReadAllText(f)));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Follow_forks_prefixes_every_line_with_its_pid()
    {
        string log = Path.Combine(Path.GetTempPath(), $"ptracer-f-{Guid.NewGuid():N}.log");
        ChildResult r = Trace("-f", "-o", log, "/bin/sh", "-c", "/bin/true; exit 0");
        Assert.Equal(new ChildExit("exit", 0), r.Exit);
        string[] lines = File.ReadAllLines(log);
        Assert.All(lines, l => Assert.Matches(@"^\d+ +\S", l));
        Assert.Equal(2, lines.Count(l => l.EndsWith("+++ exited with 0 +++", StringComparison.Ordinal)));
        File.Delete(log);
    }

    [Fact]
    public void Json_lines_are_one_object_per_event()
    {
        string log = Path.Combine(Path.GetTempPath(), $"ptracer-json-{Guid.NewGuid():N}.log");
        ChildResult r = Trace("--json", "-o", log, "-e", "trace=openat,execve", "/bin/cat", "/dev/null");
        Assert.Equal(new ChildExit("exit", 0), r.Exit);
        var events = File.ReadAllLines(log).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "syscall" && e.GetProperty("name").GetString() == "execve"
            && e.GetProperty("retval").GetInt64() == 0);
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "syscall" && e.GetProperty("name").GetString() == "openat"
            && e.GetProperty("args").GetString()!.Contains("\"/dev/null\"", StringComparison.Ordinal));
        JsonElement last = events[^1];
        Assert.Equal("exit", last.GetProperty("type").GetString());
        Assert.Equal(0, last.GetProperty("status").GetInt32());
        File.Delete(log);
    }

    [Fact]
    public void Installed_as_strace_it_is_trace_and_speaks_as_strace()
    {
        string dir = Directory.CreateTempSubdirectory("ptracer-dropin-").FullName;
        string strace = Path.Combine(dir, "strace");
        File.CreateSymbolicLink(strace, PtracerCommand.Argv[^1].EndsWith(".dll", StringComparison.Ordinal)
            ? throw new InvalidOperationException("the drop-in test needs the apphost or a native binary")
            : PtracerCommand.Argv[0]);
        string log = Path.Combine(dir, "log");
        ChildResult ok = ChildProcess.Run([strace, "-o", log, "-e", "trace=exit_group", "/bin/sh", "-c", "exit 5"], Env, dir, Limit);
        Assert.Equal(new ChildExit("exit", 5), ok.Exit);
        Assert.Equal("exit_group(5)                           = ?\n+++ exited with 5 +++\n", File.ReadAllText(log));
        ChildResult bad = ChildProcess.Run([strace, "--bogus"], Env, dir, Limit);
        Assert.Equal("strace: unrecognized option '--bogus'\nTry 'strace -h' for more information.\n", Stderr(bad));
        Directory.Delete(dir, true);
    }

    [Fact]
    public unsafe void Attach_then_sigint_detaches_and_the_process_finishes_normally()
    {
        string runner = TraceeBuilder.Build("runner");
        using var stdin = new TestPipe();
        using var stdout = new TestPipe();
        int target = PosixSpawn.Start(runner, [runner], stdinFd: stdin.ReadFd, stdoutFd: stdout.WriteFd);
        stdout.CloseWrite();
        try
        {
            stdout.WaitFor("ready\n", TimeSpan.FromSeconds(10));
            int threads = ProcFs.Threads(target).Length;

            string dir = Directory.CreateTempSubdirectory("ptracer-attach-").FullName;
            string stderrPath = Path.Combine(dir, "stderr");
            string log = Path.Combine(dir, "log");
            var argv = new List<string>(PtracerCommand.Argv) { "trace", "-f", "-o", log, "-p", target.ToString() };
            int tracer = PosixSpawn.Start(argv[0], argv, stderrPath: stderrPath, environment: Env);
            Polling.Until(() => ProcFs.Threads(target).All(t => TracerPidOf(target, t) == tracer), "every thread traced", TimeSpan.FromSeconds(10));
            Polling.Until(() => File.Exists(log) && File.ReadAllText(log).Contains("getppid()", StringComparison.Ordinal),
                "syscalls traced", TimeSpan.FromSeconds(10));

            TestNative.Kill(tracer, 2 /* SIGINT */);
            int status = TestNative.Reap(tracer, TimeSpan.FromSeconds(10));
            Assert.True(TestNative.WIfExited(status) && TestNative.WExitStatus(status) == 0, $"tracer status {status:x}");
            Assert.All(ProcFs.Threads(target), t => Assert.Equal(0, TracerPidOf(target, t)));
            Assert.Equal(threads, ProcFs.Threads(target).Length);
            Assert.StartsWith($"ptracer trace: Process {target} attached\n", File.ReadAllText(stderrPath), StringComparison.Ordinal);

            stdin.WriteByte((byte)'x');
            int targetStatus = TestNative.Reap(target, TimeSpan.FromSeconds(10));
            Assert.True(TestNative.WIfExited(targetStatus) && TestNative.WExitStatus(targetStatus) == 0, $"target status {targetStatus:x}");
            target = 0;
            Directory.Delete(dir, true);
        }
        finally
        {
            if (target > 0)
            {
                TestNative.Kill(target, 9);
                TestNative.Reap(target, TimeSpan.FromSeconds(10));
            }
        }
    }

    private static int TracerPidOf(int pid, int tid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/task/{tid}/status"))
                if (line.StartsWith("TracerPid:", StringComparison.Ordinal)) return int.Parse(line.AsSpan(10).Trim());
        }
        catch (IOException) { }
        return -1;
    }
}
