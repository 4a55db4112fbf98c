using Xunit;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ptracer.Tests.Differential;
using Ptracer.Tests.TestSupport;

namespace Ptracer.Tests.ExecProxy;

/// <summary>`ptracer exec-proxy` + `ptracer broker` + the shim, on real processes.</summary>
public sealed class ExecProxyIntegrationTests
{
    private static string[] AuditPaths(BrokerHarness b) => b.Audit().Select(e => e.GetProperty("path").GetString()!).ToArray();

    [Fact]
    public void Script_runs_local_commands_locally_and_the_rest_in_the_broker()
    {
        using var broker = new BrokerHarness();
        string local = broker.CopyTracee("execproxy_where", "where_local");
        string remote = broker.CopyTracee("execproxy_where", "where_remote");
        // Relative paths: the interceptor resolves them against the caller's working directory.
        ChildResult r = broker.RunScript("echo shell=$$\n./where_local L\n./where_remote R\n", ["where_local"]);
        Assert.True(r.Exit == new ChildExit("exit", 0), r.Describe());

        string output = r.Out();
        int shell = int.Parse(Regex.Match(output, @"shell=(\d+)").Groups[1].Value);
        Match l = Regex.Match(output, @"L pid=(\d+) ppid=(\d+)");
        Match rm = Regex.Match(output, @"R pid=(\d+) ppid=(\d+)");
        Assert.True(l.Success && rm.Success, r.Describe());
        Assert.Equal(shell, int.Parse(l.Groups[2].Value));        // local: the traced shell's child
        Assert.Equal(broker.Pid, int.Parse(rm.Groups[2].Value));  // proxied: the broker's child

        List<JsonElement> audit = broker.Audit();
        JsonElement entry = Assert.Single(audit);
        Assert.Equal(remote, entry.GetProperty("path").GetString());
        Assert.Equal(["./where_remote", "R"], entry.GetProperty("argv").EnumerateArray().Select(a => a.GetString()!).ToArray());
        Assert.Equal(broker.Directory, entry.GetProperty("cwd").GetString());
        Assert.Equal("local", entry.GetProperty("runner").GetString());
        Assert.Equal(0, entry.GetProperty("exit_status").GetInt32());
        Assert.Equal(int.Parse(rm.Groups[1].Value), entry.GetProperty("pid").GetInt32());
        Assert.DoesNotContain(local, AuditPaths(broker));
        broker.Stop();
    }

    [Fact]
    public void Commands_die_with_a_broker_killed_by_SIGKILL()
    {
        using var broker = new BrokerHarness();
        string remoteShell = Path.Combine(broker.Directory, "remote-sh"); // not local: it runs in the broker
        File.Copy("/bin/sh", remoteShell);
        string pids = Path.Combine(broker.Directory, "pids");
        string script = $"sleep 300 & echo $! > {pids}.tmp; echo $$ >> {pids}.tmp; mv {pids}.tmp {pids}; wait";
        string[] argv = [.. broker.ExecProxyArgv([]), remoteShell, "-c", script];
        int proxy = PosixSpawn.Start(argv[0], argv, environment: BrokerHarness.BaseEnvironment);
        try
        {
            Polling.Until(() => File.Exists(pids), "the proxied shell and its child started", TimeSpan.FromSeconds(30));
            int[] started = [.. File.ReadAllLines(pids).Select(int.Parse)];
            Assert.Equal(2, started.Length);
            Assert.All(started, pid => Assert.True(IsAlive(pid), $"{pid} runs before the broker dies"));

            broker.KillHard();
            // The guard sees the end of its pipe and kills the command's process group: the shell and its sleep.
            Polling.Until(() => !started.Any(IsAlive), "the broker's commands died with it", TimeSpan.FromSeconds(10));
            // The caller's shim lost its broker: exec-proxy ends too, with a failure rather than a hang.
            int status = TestNative.Reap(proxy, TimeSpan.FromSeconds(20));
            Assert.False(TestNative.WIfExited(status) && TestNative.WExitStatus(status) == 0, $"exec-proxy status 0x{status:x}");
            proxy = 0;
        }
        finally
        {
            if (proxy > 0)
            {
                TestNative.kill(proxy, TestNative.SIGKILL);
                TestNative.Reap(proxy, TimeSpan.FromSeconds(20));
            }
        }
    }

    /// <summary>Running or stopped, not a zombie and not gone.</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    [Fact]
    public void Exit_codes_and_signals_are_relayed()
    {
        using var broker = new BrokerHarness();
        string exiter = TraceeBuilder.Build("execproxy_exit");
        ChildResult r = broker.RunScript(
            $"{exiter} exit 0; echo a=$?\n{exiter} exit 1; echo b=$?\n{exiter} exit 42; echo c=$?\n{exiter} kill 15; echo d=$?\n{exiter} kill 9; echo e=$?\n",
            []);
        Assert.True(r.Exit == new ChildExit("exit", 0), r.Describe());
        Assert.Equal("a=0\nb=1\nc=42\nd=143\ne=137\n", r.Out());
        Assert.Equal(5, broker.Audit().Count);

        // exec-proxy's own status is the command's, the root command itself proxied.
        Assert.Equal(new ChildExit("exit", 42), broker.Run([], [exiter, "exit", "42"]).Exit);
        Assert.Equal(new ChildExit("signal", 15), broker.Run([], [exiter, "kill", "15"]).Exit);
        broker.Stop();
    }

    [Fact]
    public void Pipeline_through_a_proxied_filter_is_byte_exact_and_stdin_is_streamed()
    {
        using var broker = new BrokerHarness();
        byte[] data = RandomNumberGenerator.GetBytes(3 << 20);
        File.WriteAllBytes(Path.Combine(broker.Directory, "big"), data);
        string expected = Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();
        // cat, sha256sum and wc run locally; dd (the filter) and the second dd run in the broker.
        ChildResult r = broker.RunScript(
            "cat big | /usr/bin/dd bs=7919 status=none | sha256sum\ncat big | /usr/bin/dd bs=4096 status=none | wc -c\n",
            ["cat", "sha256sum", "wc"]);
        Assert.True(r.Exit == new ChildExit("exit", 0), r.Describe());
        Assert.Equal($"{expected}  -\n{data.Length}\n", r.Out());
        Assert.Equal(["/usr/bin/dd", "/usr/bin/dd"], AuditPaths(broker));
        broker.Stop();
    }

    [Fact]
    public void Only_changed_environment_variables_reach_the_broker_and_long_strings_arrive_whole()
    {
        // The broker's own environment has SHARED=broker; the traced tree starts with SHARED=tree (unchanged later),
        // so the command sees the broker's value; CHANGED and NEW are set by the script and go through.
        using var broker = new BrokerHarness(brokerEnvironment: [.. BrokerHarness.BaseEnvironment, "SHARED=broker", "CHANGED=broker"]);
        string big = new string('x', 20000);
        string longArg = string.Concat(Enumerable.Repeat("0123456789", 10000));
        ChildResult r = broker.RunScript(
            $"export CHANGED=tree2 NEW=1 BIG={big}\n/usr/bin/env\n/usr/bin/printf %s {longArg} | wc -c\n",
            ["wc"], [.. BrokerHarness.BaseEnvironment, "SHARED=tree", "CHANGED=tree1", $"PWD={broker.Directory}"]);
        Assert.True(r.Exit == new ChildExit("exit", 0), r.Describe());
        string[] lines = r.Out().Split('\n');
        Assert.Contains("SHARED=broker", lines);
        Assert.Contains("CHANGED=tree2", lines);
        Assert.Contains("NEW=1", lines);
        Assert.Contains($"BIG={big}", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("MPROXY_", StringComparison.Ordinal) || l.StartsWith("PTRACER_", StringComparison.Ordinal));
        Assert.Contains(longArg.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), lines);

        JsonElement env = broker.Audit().First(e => e.GetProperty("path").GetString() == "/usr/bin/env");
        Assert.Equal(["BIG", "CHANGED", "NEW"], env.GetProperty("changed_env").EnumerateArray().Select(a => a.GetString()!).Order().ToArray());
        broker.Stop();
    }

    [Fact]
    public void Broker_down_fails_closed()
    {
        using var broker = new BrokerHarness(start: false);
        string marker = Path.Combine(broker.Directory, "marker");
        ChildResult r = broker.RunScript($"/usr/bin/touch {marker}; echo status=$?\n", []);
        Assert.True(r.Exit == new ChildExit("exit", 0), r.Describe());
        Assert.Equal("status=127\n", r.Out());
        Assert.Contains("ptracer-shim: cannot reach the broker", r.Err());
        Assert.Single(r.Err().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(marker), "the command ran locally");
    }

    [Fact]
    public void Denied_command_is_refused_with_126_and_a_message()
    {
        using var broker = new BrokerHarness(["--deny", "touch"]);
        string marker = Path.Combine(broker.Directory, "marker");
        ChildResult r = broker.RunScript($"/usr/bin/touch {marker}; echo status=$?\n/usr/bin/true; echo true=$?\n", []);
        Assert.True(r.Exit == new ChildExit("exit", 0), r.Describe());
        Assert.Equal("status=126\ntrue=0\n", r.Out());
        Assert.Contains("refused: /usr/bin/touch is denied (touch)", r.Err());
        Assert.False(File.Exists(marker));
        JsonElement refused = broker.Audit().First();
        Assert.Equal(126, refused.GetProperty("exit_status").GetInt32());
        Assert.True(refused.TryGetProperty("refused", out _));
        broker.Stop();
    }

    [Theory]
    [InlineData("dirfd")]
    [InlineData("empty")]
    [InlineData("fexecve")]
    public void Execveat_and_fexecve_are_resolved_and_proxied(string mode)
    {
        using var broker = new BrokerHarness();
        string launcher = TraceeBuilder.Build("execproxy_execveat");
        string where = broker.CopyTracee("execproxy_where", "where_target");
        ChildResult r = broker.Run(["execproxy_execveat"], [launcher, mode, where, mode]);
        Assert.True(r.Exit == new ChildExit("exit", 0), r.Describe());
        Assert.Matches($@"^{mode} pid=\d+ ppid={broker.Pid}\n$", r.Out());
        JsonElement entry = Assert.Single(broker.Audit());
        Assert.Equal(where, entry.GetProperty("path").GetString());
        broker.Stop();
    }

    [Fact]
    public void Fexecve_of_a_memfd_is_blocked_not_run_locally()
    {
        using var broker = new BrokerHarness();
        string launcher = TraceeBuilder.Build("execproxy_execveat");
        string where = broker.CopyTracee("execproxy_where", "where_target");
        ChildResult r = broker.Run(["execproxy_execveat"], [launcher, "memfd", where, "memfd"]);
        Assert.True(r.Exit == new ChildExit("exit", 100), r.Describe());
        Assert.Equal("failed errno=1\n", r.Out()); // EPERM
        Assert.Empty(broker.Audit());
        broker.Stop();
    }

    [Theory]
    [InlineData("vfork")]
    [InlineData("spawn")]
    [InlineData("clonevm")]
    public void Vfork_and_clone_vm_children_are_proxied_without_corrupting_the_parent(string mode)
    {
        using var broker = new BrokerHarness();
        string spawner = TraceeBuilder.Build("execproxy_spawn");
        string exiter = TraceeBuilder.Build("execproxy_exit");
        // 2000 variables make the rewritten envp (16 KiB) reach below the clonevm child's frames into the canary.
        string[] env = [.. BrokerHarness.BaseEnvironment, .. Enumerable.Range(0, 2000).Select(i => $"V{i}=value{i}")];
        ChildResult r = broker.Run(["execproxy_spawn"], [spawner, mode, exiter, "exit", "42"], env);
        Assert.True(r.Exit == new ChildExit("exit", 0), r.Describe());
        Assert.Equal(mode == "clonevm" ? "status=42\ncanary ok\n" : "status=42\n", r.Out());
        Assert.Equal([exiter], AuditPaths(broker));
        broker.Stop();
    }

    [Fact]
    public void I386_exec_through_int_0x80_is_proxied_or_fails_closed()
    {
        using var broker = new BrokerHarness();
        string launcher = TraceeBuilder.Build("execproxy_int80");
        string where = broker.CopyTracee("execproxy_where", "where_target");
        // Stack below 4 GiB: the 32-bit vectors are written there and the shim runs the command in the broker.
        ChildResult low = broker.Run(["execproxy_int80"], [launcher, "low", where, "i386"]);
        Assert.True(low.Exit == new ChildExit("exit", 0), low.Describe());
        Assert.Matches($@"^i386 pid=\d+ ppid={broker.Pid}\n$", low.Out());
        // Stack above 4 GiB: no 32-bit address to put them at; the exec fails with EFAULT instead of running locally.
        ChildResult high = broker.Run(["execproxy_int80"], [launcher, "high", where, "i386"]);
        Assert.True(high.Exit == new ChildExit("exit", 100), high.Describe());
        Assert.Equal("failed -14\n", high.Out());
        Assert.Equal([where], AuditPaths(broker));
        broker.Stop();
    }

    [Fact]
    public void Exec_from_a_thread_is_proxied()
    {
        using var broker = new BrokerHarness();
        string threaded = TraceeBuilder.Build("execproxy_thread");
        string where = broker.CopyTracee("execproxy_where", "where_target");
        ChildResult r = broker.Run(["execproxy_thread"], [threaded, where, "thread"]);
        Assert.True(r.Exit == new ChildExit("exit", 0), r.Describe());
        Assert.Matches($@"^thread pid=\d+ ppid={broker.Pid}\n$", r.Out());
        broker.Stop();
    }

    [Fact]
    public void Fan_out_of_100_concurrent_proxied_commands_loses_nothing()
    {
        using var broker = new BrokerHarness();
        ChildResult r = broker.RunScript("seq 1 100 | xargs -P 8 -I N /usr/bin/expr N + 1000\n", ["seq", "xargs"]);
        Assert.True(r.Exit == new ChildExit("exit", 0), r.Describe());
        int[] got = r.Out().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).Order().ToArray();
        Assert.Equal(Enumerable.Range(1001, 100).ToArray(), got);
        List<JsonElement> audit = broker.Audit();
        Assert.Equal(100, audit.Count);
        Assert.All(audit, e => Assert.Equal("/usr/bin/expr", e.GetProperty("path").GetString()));
        broker.Stop();
    }

    [Fact]
    public void Descriptors_beyond_stderr_are_handed_over()
    {
        using var broker = new BrokerHarness();
        File.WriteAllText(Path.Combine(broker.Directory, "in"), "data\n");
        // dash is proxied: it and the cat it starts run in the broker, on the descriptors the shim passed.
        ChildResult r = broker.RunScript("/bin/dash -c 'cat <&3; echo written >&4; echo nine >&9' 3<in 4>out 9>>nine\ncat out nine\n", ["cat"]);
        Assert.True(r.Exit == new ChildExit("exit", 0), r.Describe());
        Assert.Equal("data\nwritten\nnine\n", r.Out());
        Assert.Equal(["/bin/dash"], AuditPaths(broker));
        broker.Stop();
    }

    [Fact]
    public void Signals_sent_to_the_shim_reach_the_command()
    {
        using var broker = new BrokerHarness();
        string exiter = TraceeBuilder.Build("execproxy_exit");
        string script = Path.Combine(broker.Directory, "signals.sh");
        File.WriteAllText(script, $"{exiter} trap &\necho shim=$!\nwait $!\necho status=$?\n");
        using var stdout = new TestPipe();
        string[] argv = [.. broker.ExecProxyArgv(["sh"]), "/bin/sh", script];
        int pid = PosixSpawn.Start(argv[0], argv, stdoutFd: stdout.WriteFd, environment: BrokerHarness.BaseEnvironment);
        stdout.CloseWrite();
        try
        {
            string text = stdout.WaitFor(t => t.Contains("ready", StringComparison.Ordinal) && t.Contains("shim=", StringComparison.Ordinal), "ready",
                TimeSpan.FromSeconds(30));
            int shim = int.Parse(Regex.Match(text, @"shim=(\d+)").Groups[1].Value);
            Assert.Equal(broker.Pid, int.Parse(Regex.Match(text, @"ready pid=\d+ ppid=(\d+)").Groups[1].Value));
            TestNative.kill(shim, TestNative.SIGTERM);
            stdout.WaitFor("status=", TimeSpan.FromSeconds(30));
            int status = TestNative.Reap(pid, TimeSpan.FromSeconds(30));
            Assert.True(TestNative.WIfExited(status) && TestNative.WExitStatus(status) == 0, $"status 0x{status:x}");
            Assert.Contains("got 15\n", stdout.Received);
            Assert.Contains("status=3\n", stdout.Received);
        }
        finally
        {
            TestNative.kill(pid, TestNative.SIGKILL);
            try { TestNative.Reap(pid, TimeSpan.FromSeconds(10)); } catch (InvalidOperationException) { }
        }
        broker.Stop();
    }
}
