using Xunit;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ptracer.Tests.Differential;
using Ptracer.Tests.TestSupport;

namespace Ptracer.Tests.ExecProxy;

/// <summary>
/// The broker's ssh runner against a real sshd on 127.0.0.1 (<see cref="SshServer"/>): the "other host" is this one,
/// reached through sshd, so the tests can tell by the process tree and SSH_CONNECTION that the command went through it.
/// </summary>
public sealed class SshRunnerTests(SshServer sshd) : IClassFixture<SshServer>
{
    private BrokerHarness Broker(IReadOnlyList<string>? environment = null) => new(sshd.BrokerArguments, environment);

    [Fact]
    public void Non_local_commands_run_through_sshd()
    {
        using var broker = Broker();
        string local = broker.CopyTracee("execproxy_where", "where_local");
        string remote = broker.CopyTracee("execproxy_where", "where_remote");
        // dash is not local: it runs on the remote side and walks its own ancestry there.
        ChildResult r = broker.RunScript("""
            echo shell=$$
            ./where_local L
            ./where_remote R
            /bin/dash -c 'p=$$; while [ "$p" -gt 1 ]; do read c < /proc/$p/comm; echo "up $c"; p=$(sed -n "s/^PPid:[[:space:]]*//p" /proc/$p/status); done; echo "conn $SSH_CONNECTION"'
            """ + "\n", ["where_local", "sed"]);
        Assert.True(r.Exit == new ChildExit("exit", 0), r.Describe() + sshd.Log);

        string output = r.Out();
        int shell = int.Parse(Regex.Match(output, @"shell=(\d+)").Groups[1].Value);
        Assert.Equal(shell, int.Parse(Regex.Match(output, @"L pid=\d+ ppid=(\d+)").Groups[1].Value));
        Match rm = Regex.Match(output, @"R pid=\d+ ppid=(\d+)");
        Assert.True(rm.Success, r.Describe());
        Assert.NotEqual(broker.Pid, int.Parse(rm.Groups[1].Value));
        string[] ancestry = Regex.Matches(output, @"^up (.*)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal("dash", ancestry[0]);
        Assert.Contains("sshd", ancestry);
        Assert.DoesNotContain("ptracer", ancestry);
        Assert.Matches($@"conn 127\.0\.0\.1 \d+ 127\.0\.0\.1 {sshd.Port}\n", output);

        List<JsonElement> audit = broker.Audit();
        Assert.Equal([remote, "/bin/dash"], audit.Select(e => e.GetProperty("path").GetString()!).ToArray());
        Assert.All(audit, e => Assert.Equal("ssh", e.GetProperty("runner").GetString()));
        Assert.All(audit, e => Assert.Equal(0, e.GetProperty("exit_status").GetInt32()));
        broker.Stop();
    }

    [Fact]
    public void Exit_codes_are_relayed_and_a_remote_signal_death_is_128_plus_signal()
    {
        using var broker = Broker();
        string exiter = TraceeBuilder.Build("execproxy_exit");
        ChildResult r = broker.RunScript(
            $"{exiter} exit 0; echo a=$?\n{exiter} exit 1; echo b=$?\n{exiter} exit 42; echo c=$?\n{exiter} kill 15; echo d=$?\n", []);
        Assert.True(r.Exit == new ChildExit("exit", 0), r.Describe());
        Assert.Equal("a=0\nb=1\nc=42\nd=143\n", r.Out());
        Assert.Equal([0, 1, 42, 143], broker.Audit().Select(e => e.GetProperty("exit_status").GetInt32()).ToArray());
        Assert.Equal(new ChildExit("exit", 42), broker.Run([], [exiter, "exit", "42"]).Exit);
        broker.Stop();
    }

    [Fact]
    public void Stdin_is_streamed_and_a_pipeline_is_byte_exact()
    {
        using var broker = Broker();
        byte[] data = RandomNumberGenerator.GetBytes(3 << 20);
        File.WriteAllBytes(Path.Combine(broker.Directory, "big"), data);
        string expected = Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();
        ChildResult r = broker.RunScript(
            "cat big | /usr/bin/dd bs=7919 status=none | sha256sum\nprintf 'one\\ntwo\\n' | /usr/bin/tr a-z A-Z\n/usr/bin/head -c 4000000 big | wc -c\n",
            ["cat", "sha256sum", "wc"]);
        Assert.True(r.Exit == new ChildExit("exit", 0), r.Describe());
        Assert.Equal($"{expected}  -\nONE\nTWO\n{data.Length}\n", r.Out());
        broker.Stop();
    }

    private static readonly string[] s_nasty =
    [
        "a b", "it's", "dq\"x", "$HOME", "`id`", "$(id)", "line1\nline2", "*", ";", "&& false", "|", "\\", "", "-n", "--",
        "~", "#c", "é€", "tab\tx", "'", "''", "!x", "a=b", "\"'\"'", " lead", "trail ", "${x:-y}", "<in", ">out",
    ];

    [Fact]
    public void Arguments_and_working_directory_with_shell_metacharacters_round_trip_exactly()
    {
        using var broker = Broker();
        ChildResult r = broker.Run([], ["/usr/bin/printf", "%s\\0", .. s_nasty]);
        Assert.True(r.Exit == new ChildExit("exit", 0), r.Describe());
        Assert.Equal(string.Concat(s_nasty.Select(a => a + "\0")), r.Out());

        string dir = Path.Combine(broker.Directory, "d 'q\" $x `b` ;*\nz=1");
        Directory.CreateDirectory(dir);
        ChildResult pwd = broker.Run(["sh"], ["/bin/sh", "-c", "cd \"$1\" && /bin/pwd", "sh", dir]);
        Assert.True(pwd.Exit == new ChildExit("exit", 0), pwd.Describe());
        Assert.Equal(dir + "\n", pwd.Out());
        Assert.False(File.Exists(Path.Combine(broker.Directory, "out")));
        broker.Stop();
    }

    [Fact]
    public void Only_changed_variables_reach_the_remote_side()
    {
        using var broker = Broker();
        // PWD as sh will set it: otherwise it is a new variable too.
        string[] env = [.. BrokerHarness.BaseEnvironment, "UNCHANGED=tree", "CHANGED=old", $"PWD={broker.Directory}"];
        ChildResult r = broker.RunScript("export CHANGED=\"new 'value' \\$x\n2nd line\" NEW=1\n/usr/bin/env -0\n", [], env);
        Assert.True(r.Exit == new ChildExit("exit", 0), r.Describe());
        string[] vars = r.Out().Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("CHANGED=new 'value' $x\n2nd line", vars);
        Assert.Contains("NEW=1", vars);
        Assert.DoesNotContain(vars, v => v.StartsWith("UNCHANGED=", StringComparison.Ordinal));
        Assert.DoesNotContain(vars, v => v.StartsWith("MPROXY_", StringComparison.Ordinal) || v.StartsWith("PTRACER_", StringComparison.Ordinal));
        Assert.Contains(vars, v => v.StartsWith("SSH_CONNECTION=127.0.0.1 ", StringComparison.Ordinal));
        JsonElement entry = Assert.Single(broker.Audit());
        Assert.Equal(["CHANGED", "NEW"], entry.GetProperty("changed_env").EnumerateArray().Select(a => a.GetString()!).Order().ToArray());
        broker.Stop();
    }

    [Fact]
    public void Descriptors_beyond_stderr_do_not_cross_the_connection()
    {
        using var broker = Broker();
        File.WriteAllText(Path.Combine(broker.Directory, "in"), "data\n");
        ChildResult r = broker.RunScript("/bin/dash -c 'cat <&3 || echo no fd 3' 3<in 2>/dev/null\n", []);
        Assert.True(r.Exit == new ChildExit("exit", 0), r.Describe());
        Assert.Equal("no fd 3\n", r.Out());
        broker.Stop();
    }

    [Fact]
    public void A_signal_to_the_shim_ends_the_session_and_the_remote_command_sees_end_of_file()
    {
        using var broker = Broker();
        string script = Path.Combine(broker.Directory, "signals.sh");
        // The remote cat reads the connection's stdin, a FIFO whose only writer is the script's descriptor 4 (held, never
        // written): it ends only at end of file, when the session closes or, if the test fails, the local tree dies.
        string fifo = Path.Combine(broker.Directory, "fifo");
        File.WriteAllText(script,
            $"mkfifo {fifo}\nexec 4<>{fifo}\n/bin/dash -c 'echo ready $$; exec cat' <{fifo} &\necho shim=$!\nwait $!\necho status=$?\n");
        using var stdout = new TestPipe();
        string[] argv = [.. broker.ExecProxyArgv(["sh", "mkfifo"]), "/bin/sh", script];
        int pid = PosixSpawn.Start(argv[0], argv, stdoutFd: stdout.WriteFd, environment: BrokerHarness.BaseEnvironment);
        stdout.CloseWrite();
        try
        {
            string text = stdout.WaitFor(t => t.Contains("ready", StringComparison.Ordinal) && t.Contains("shim=", StringComparison.Ordinal), "ready",
                TimeSpan.FromSeconds(60));
            int shim = int.Parse(Regex.Match(text, @"shim=(\d+)").Groups[1].Value);
            int remoteCat = int.Parse(Regex.Match(text, @"ready (\d+)").Groups[1].Value);
            // dash prints, then execs cat: wait for the exec (an outside state, seen through /proc).
            Polling.Until(() => ReadComm(remoteCat) == "cat", "the remote dash to exec cat", TimeSpan.FromSeconds(30));
            TestNative.Kill(shim, TestNative.SIGTERM);
            stdout.WaitFor("status=", TimeSpan.FromSeconds(30));
            int status = TestNative.Reap(pid, TimeSpan.FromSeconds(30));
            Assert.True(TestNative.WIfExited(status) && TestNative.WExitStatus(status) == 0, $"status 0x{status:x}");
            Assert.Contains("status=143\n", stdout.Received);
            Polling.Until(() => !Directory.Exists($"/proc/{remoteCat}"), "the remote cat to end", TimeSpan.FromSeconds(30));
            JsonElement entry = Assert.Single(broker.Audit());
            Assert.Equal(15, entry.GetProperty("signal").GetInt32());
        }
        finally
        {
            TestNative.kill(pid, TestNative.SIGKILL);
            try { TestNative.Reap(pid, TimeSpan.FromSeconds(10)); } catch (Exception e) when (e is InvalidOperationException or TimeoutException) { }
        }
        broker.Stop();
    }

    [Fact]
    public void An_unreachable_host_gives_ssh_status_255_and_its_message()
    {
        // A port nobody listens on: ssh's own failure, reported on the command's stderr, status 255.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        string[] args = [.. sshd.BrokerArguments.Select(a => a == $"Port={sshd.Port}" ? $"Port={closedPort}" : a)];
        using var broker = new BrokerHarness(args);
        ChildResult r = broker.RunScript("/usr/bin/true; echo status=$?\n", []);
        Assert.True(r.Exit == new ChildExit("exit", 0), r.Describe());
        Assert.Equal("status=255\n", r.Out());
        Assert.Contains("Connection refused", r.Err());
        broker.Stop();
    }

    private static string? ReadComm(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); }
        catch (IOException) { return null; }
    }

    [Fact]
    public void Remote_command_line_quotes_every_word()
    {
        var request = new Ptracer.ExecProxy.ExecRequest("/bin/x=y", "/w'd", ["x", "a'b", "$c"], [], 1, [0, 1, 2]);
        string line = Ptracer.ExecProxy.SshRunner.RemoteCommand(request, [new("N", "v 'q'")]);
        Assert.Equal("cd -- '/w'\\''d' || exit 126; env -- 'N=v '\\''q'\\''' /bin/sh -c 'exec \"$@\"' sh '/bin/x=y' 'a'\\''b' '$c'; exit $?", line);
        // And a POSIX shell reads the words back exactly.
        string echo = Ptracer.ExecProxy.SshRunner.Quote("a'b \"$c\" `d`\n*");
        ChildResult r = ChildProcess.Run(["/bin/sh", "-c", $"printf %s {echo}"], BrokerHarness.BaseEnvironment, "/", TimeSpan.FromSeconds(30));
        Assert.Equal("a'b \"$c\" `d`\n*", r.Out());
    }
}
