using System.Text;
using Ptracer.Tests.Differential;
using Ptracer.Tests.TestSupport;
using Xunit;

namespace Ptracer.Tests.Cli;

/// <summary>
/// The strace options whose effect is on processes rather than on the log (so no differential case can show it):
/// -u, -D/-DD/-DDD, -I, --syscall-limit, --kill-on-exit.
/// </summary>
public sealed class TraceOptionCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private static readonly IReadOnlyList<string> Env = ["PATH=/usr/bin:/bin", "HOME=/tmp", "LC_ALL=C"];

    private static ChildResult Trace(string dir, params string[] args)
    {
        var argv = new List<string>(PtracerCommand.Argv) { "trace" };
        argv.AddRange(args);
        return ChildProcess.Run(argv, Env, dir, Limit);
    }

    private static string Out(ChildResult r) => Encoding.UTF8.GetString(r.Stdout);

    private static string Err(ChildResult r) => Encoding.UTF8.GetString(r.Stderr);

    [Fact]
    public void User_runs_the_command_with_that_users_ids_and_groups()
    {
        string dir = Directory.CreateTempSubdirectory("ptracer-u-").FullName;
        string log = Path.Combine(dir, "log");
        ChildResult r = Trace(dir, "-u", "nobody", "-o", log, "-e", "trace=getuid,getgid", "/bin/sh", "-c", "id -u; id -g; id -G");
        Assert.Equal(new ChildExit("exit", 0), r.Exit);
        Assert.Equal("65534\n65534\n65534\n", Out(r));
        Assert.Contains("getuid()                                = 65534\n", File.ReadAllText(log), StringComparison.Ordinal);
        ChildResult missing = Trace(dir, "-u", "no-such-user-ptracer", "/bin/true");
        Assert.Equal(new ChildExit("exit", 1), missing.Exit);
        Assert.Equal("ptracer trace: Cannot find user 'no-such-user-ptracer'\n", Err(missing));
        Directory.Delete(dir, true);
    }

    /// <summary>
    /// The command prints its parent, its tracer and the tracer's parent, process group and session (from
    /// /proc/TRACER/stat: "pid (comm) state ppid pgrp session").
    /// </summary>
    private const string WhoTraces =
        "t=$(awk '/^TracerPid/{print $2}' /proc/$$/status); set -- $(cut -d' ' -f4-6 /proc/$t/stat); " +
        "echo \"$PPID $t $1 $2 $3 $(cut -d' ' -f5,6 /proc/$$/stat)\"";

    [Theory]
    [InlineData("-D")]
    [InlineData("-DD")]
    [InlineData("-DDD")]
    [InlineData("--daemonize=pgroup")]
    public void Daemonize_makes_the_command_the_callers_child_and_the_tracer_a_detached_grandchild(string option)
    {
        string dir = Directory.CreateTempSubdirectory("ptracer-D-").FullName;
        string log = Path.Combine(dir, "log");
        ChildResult r = Trace(dir, option, "-o", log, "/bin/sh", "-c", WhoTraces + "; exit 3");
        Assert.Equal(new ChildExit("exit", 3), r.Exit);
        long[] f = Out(r).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();
        (long parent, long tracer, long tracerParent, long tracerGroup, long tracerSession, long group, long session) =
            (f[0], f[1], f[2], f[3], f[4], f[5], f[6]);
        Assert.Equal(Environment.ProcessId, parent); // the command is the process this test started
        Assert.True(tracer > 0, "the command is traced");
        Assert.NotEqual(Environment.ProcessId, tracerParent); // re-parented: the intermediate child is gone
        int level = option switch { "-D" => 1, "-DD" or "--daemonize=pgroup" => 2, _ => 3 };
        if (level == 1) Assert.Equal(group, tracerGroup);
        if (level == 2)
        {
            Assert.Equal(tracer, tracerGroup);
            Assert.Equal(session, tracerSession);
        }
        if (level == 3) Assert.Equal(tracer, tracerSession);

        // The tracer writes the last lines after the command has ended.
        Polling.Until(() => File.ReadAllText(log).EndsWith("+++ exited with 3 +++\n", StringComparison.Ordinal), "the trace is complete", Limit);
        string text = File.ReadAllText(log);
        Assert.StartsWith("execve(\"/bin/sh\", [\"/bin/sh\", \"-c\", ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[pid ", text, StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("never_tstp")]
    public void Interruptible_never_keeps_the_tracer_through_sigterm(string value)
    {
        string dir = Directory.CreateTempSubdirectory("ptracer-I-").FullName;
        string log = Path.Combine(dir, "log");
        ChildResult r = Trace(dir, "-I", value, "-o", log, "-e", "trace=kill", "/bin/sh", "-c", "kill -TERM $PPID; kill -HUP $PPID; echo alive");
        Assert.Equal(new ChildExit("exit", 0), r.Exit);
        Assert.Equal("alive\n", Out(r));
        Assert.Contains(", SIGHUP) ", File.ReadAllText(log), StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Syscall_limit_detaches_after_that_many_syscalls_and_the_command_goes_on()
    {
        string dir = Directory.CreateTempSubdirectory("ptracer-limit-").FullName;
        string log = Path.Combine(dir, "log");
        ChildResult r = Trace(dir, "--syscall-limit=4", "-o", log, "/bin/sh", "-c", "echo one; echo two; exit 4");
        Assert.Equal(new ChildExit("exit", 4), r.Exit);
        Assert.Equal("one\ntwo\n", Out(r));
        string[] lines = File.ReadAllLines(log);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("execve(", lines[0], StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Output_to_a_pipe_command_is_complete_when_the_tracer_ends()
    {
        string dir = Directory.CreateTempSubdirectory("ptracer-pipe-").FullName;
        string copy = Path.Combine(dir, "copy");
        ChildResult r = Trace(dir, "-o", $"|tr a-z A-Z > {copy}", "-e", "trace=exit_group", "/bin/sh", "-c", "exit 6");
        Assert.Equal(new ChildExit("exit", 6), r.Exit);
        Assert.Equal("EXIT_GROUP(6)                           = ?\n+++ EXITED WITH 6 +++\n", File.ReadAllText(copy));
        ChildResult both = Trace(dir, "-ff", "-o", "!cat", "/bin/true");
        Assert.Equal(new ChildExit("exit", 1), both.Exit);
        Assert.Equal("ptracer trace: piping the output and -ff/--output-separately are mutually exclusive\n" +
                     "Try 'ptracer trace -h' for more information.\n", Err(both));
        Directory.Delete(dir, true);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Kill_on_exit_takes_attached_processes_with_a_dying_tracer(bool killOnExit)
    {
        int target = PosixSpawn.Start("/bin/sleep", ["sleep", "30"]);
        try
        {
            var argv = new List<string>(PtracerCommand.Argv) { "trace", "-o", "/dev/null", "-p", target.ToString() };
            if (killOnExit) argv.Insert(PtracerCommand.Argv.Count + 1, "--kill-on-exit");
            int tracer = PosixSpawn.Start(argv[0], argv, environment: Env);
            Polling.Until(() => TracerPidOf(target) == tracer, "the target traced", Limit);
            TestNative.Kill(tracer, 9);
            TestNative.Reap(tracer, Limit);
            if (killOnExit)
            {
                int status = TestNative.Reap(target, Limit);
                Assert.False(TestNative.WIfExited(status), "killed, not exited");
                target = 0;
            }
            else
            {
                Polling.Until(() => TracerPidOf(target) == 0, "the target released", Limit);
                Assert.True(ProcFs.Exists(target));
            }
        }
        finally
        {
            if (target > 0)
            {
                TestNative.Kill(target, 9);
                TestNative.Reap(target, Limit);
            }
        }
    }

    private static int TracerPidOf(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("TracerPid:", StringComparison.Ordinal)) return int.Parse(line.AsSpan(10).Trim());
        }
        catch (IOException) { }
        return -1;
    }
}

/// <summary>--decode-pids=comm: the shared differential normaliser does not know PID&lt;comm&gt;, so checked here.</summary>
public sealed class DecodePidsCommTests
{
    [Fact]
    public void Pids_carry_the_command_name_as_it_is_at_each_line()
    {
        string program = TraceeBuilder.Build("rename_comm");
        string dir = Directory.CreateTempSubdirectory("ptracer-Y-").FullName;
        string log = Path.Combine(dir, "log");
        var argv = new List<string>(PtracerCommand.Argv) { "trace", "-Y", "-f", "-o", log, "-e", "trace=getpid,gettid,prctl,clone,exit_group", program };
        ChildResult r = ChildProcess.Run(argv, ["PATH=/usr/bin:/bin"], dir, TimeSpan.FromSeconds(30));
        Assert.Equal(new ChildExit("exit", 0), r.Exit);
        string[] lines = File.ReadAllLines(log).Select(l => System.Text.RegularExpressions.Regex.Replace(l, " +", " ")).ToArray();
        string parent = lines[0][..lines[0].IndexOf('<')];
        string child = lines[6][..lines[6].IndexOf('<')];
        string name = Path.GetFileName(program);
        name = name[..Math.Min(15, name.Length)];
        Assert.Equal(
        [
            $"{parent}<{name}> prctl(PR_SET_NAME, \"first-name\") = 0",
            $"{parent}<first-name> getpid() = {parent}<first-name>",
            $"{parent}<first-name> gettid() = {parent}<first-name>",
            $"{parent}<first-name> prctl(PR_SET_NAME, \"renamed\") = 0",
            $"{parent}<renamed> getpid() = {parent}<renamed>",
            $"{parent}<renamed> clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=" +
                lines[5][(lines[5].IndexOf("tidptr=", StringComparison.Ordinal) + 7)..lines[5].IndexOf(')')] + $") = {child}<renamed>",
            $"{child}<renamed> getpid() = {child}<renamed>",
            $"{child}<renamed> prctl(PR_SET_NAME, \"kid\") = 0",
            $"{child}<kid> getpid() = {child}<kid>",
            $"{child}<kid> exit_group(0) = ?",
            $"{child}<kid> +++ exited with 0 +++",
            $"{parent}<renamed> getpid() = {parent}<renamed>",
            $"{parent}<renamed> exit_group(0) = ?",
            $"{parent}<renamed> +++ exited with 0 +++",
        ], lines);
        Directory.Delete(dir, true);
    }
}
