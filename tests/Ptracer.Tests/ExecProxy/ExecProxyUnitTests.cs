using Xunit;
using Ptracer.ExecProxy;
using Ptracer.Native;
using Ptracer.Seccomp;
using Ptracer.Tests.Seccomp;

namespace Ptracer.Tests.ExecProxy;

public sealed class WireProtocolTests
{
    private static byte[] Body(byte[] frame, MessageType expected)
    {
        Assert.Equal(frame.Length - 4, BitConverter.ToInt32(frame, 0));
        Assert.Equal((byte)expected, frame[4]);
        return frame[5..];
    }

    [Fact]
    public void Request_round_trips()
    {
        var request = new ExecRequest("/usr/bin/ünïcode", "/tmp/x y", ["a", "", new string('z', 70000)], ["A=1", "B="], 1234, [0, 1, 2, 7]);
        byte[] frame = WireProtocol.EncodeRequest(request);
        ExecRequest? decoded = WireProtocol.DecodeRequest(Body(frame, MessageType.Request), out ushort version);
        Assert.Equal(WireProtocol.Version, version);
        Assert.NotNull(decoded);
        Assert.Equal(request.Path, decoded.Path);
        Assert.Equal(request.WorkingDirectory, decoded.WorkingDirectory);
        Assert.Equal(request.Arguments, decoded.Arguments);
        Assert.Equal(request.Environment, decoded.Environment);
        Assert.Equal(1234, decoded.CallerPid);
        Assert.Equal(request.TargetFds, decoded.TargetFds);
    }

    [Fact]
    public void Other_version_is_reported_not_decoded()
    {
        byte[] body = Body(WireProtocol.EncodeRequest(new ExecRequest("/x", "/", [], [], 1, [])), MessageType.Request);
        body[0] = 9;
        Assert.Null(WireProtocol.DecodeRequest(body, out ushort version));
        Assert.Equal(9, version);
    }

    [Fact]
    public void Malformed_requests_are_rejected()
    {
        byte[] body = Body(WireProtocol.EncodeRequest(new ExecRequest("/x", "/", ["a"], [], 1, [0])), MessageType.Request);
        Assert.Throws<InvalidDataException>(() => WireProtocol.DecodeRequest(body[..^1], out _));   // truncated
        Assert.Throws<InvalidDataException>(() => WireProtocol.DecodeRequest([.. body, 0], out _)); // trailing byte
        byte[] huge = (byte[])body.Clone();
        BitConverter.GetBytes(int.MaxValue).CopyTo(huge, 2);                                      // path length
        Assert.Throws<InvalidDataException>(() => WireProtocol.DecodeRequest(huge, out _));
    }

    [Fact]
    public void Replies_round_trip()
    {
        byte[] exited = Body(WireProtocol.EncodeExited(143, 15), MessageType.Exited);
        Assert.Equal(143, WireProtocol.DecodeInt(exited, 0));
        Assert.Equal(15, WireProtocol.DecodeInt(exited, 1));
        Assert.Equal(77, WireProtocol.DecodeInt(Body(WireProtocol.EncodeStarted(77), MessageType.Started), 0));
        Assert.Equal(2, WireProtocol.DecodeInt(Body(WireProtocol.EncodeSignal(2), MessageType.Signal), 0));
        Assert.Equal((126, "no"), WireProtocol.DecodeRefused(Body(WireProtocol.EncodeRefused(126, "no"), MessageType.Refused)));
    }

    [Fact]
    public unsafe void Descriptors_pass_with_the_frame_over_a_socket_pair()
    {
        int* pair = stackalloc int[2];
        Assert.Equal(0, socketpair(1, 1 | 0x80000, 0, pair));
        using var a = new FrameSocket(pair[0]);
        using var b = new FrameSocket(pair[1]);
        int* pipe = stackalloc int[2];
        Assert.Equal(0, Ptracer.Tests.TestSupport.TestNative.pipe2(pipe, 0x80000));
        a.Send(WireProtocol.EncodeRequest(new ExecRequest("/x", "/", [], [], 1, [1])), [pipe[1]]);
        var fds = new List<int>();
        Assert.True(b.Receive(out MessageType type, out byte[] body, fds));
        Assert.Equal(MessageType.Request, type);
        int received = Assert.Single(fds);
        Assert.NotEqual(pipe[1], received);
        byte x = 42;
        Assert.Equal(1, Ptracer.Tests.TestSupport.TestNative.write(received, &x, 1));
        byte y = 0;
        Assert.Equal(1, Ptracer.Tests.TestSupport.TestNative.read(pipe[0], &y, 1));
        Assert.Equal(42, y);
        foreach (int fd in new[] { received, pipe[0], pipe[1] }) Ptracer.Tests.TestSupport.TestNative.close(fd);
        a.Dispose();
        Assert.False(b.Receive(out _, out _)); // clean end of stream
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern unsafe int socketpair(int domain, int type, int protocol, int* fds);
}

public sealed class EnvironmentTests
{
    [Fact]
    public void Changed_keys_are_new_or_different_names_in_order()
    {
        var baseline = new EnvBaseline(["A=1", "B=2", "C=3"]);
        Assert.Equal("", baseline.ChangedKeys(["A=1", "B=2"]));
        Assert.Equal("B:D", baseline.ChangedKeys(["A=1", "B=20", "D=4"]));
        Assert.Equal("E", baseline.ChangedKeys(["E=", "MPROXY_HOOK_BYPASS=1", "MPROXY_CHANGED_ENVS=X", "PTRACER_BROKER_SOCKET=/s"]));
    }

    [Fact]
    public void Injection_replaces_earlier_injections()
    {
        var baseline = new EnvBaseline(["A=1"]);
        List<string> env = baseline.InjectEnvVars(["A=2", "MPROXY_HOOK_BYPASS=0", "MPROXY_CHANGED_ENVS=old", "B=1"], "/run/b.sock");
        Assert.Equal(["A=2", "B=1", "MPROXY_HOOK_BYPASS=1", "MPROXY_CHANGED_ENVS=A:B", "PTRACER_BROKER_SOCKET=/run/b.sock"], env);
    }

    [Fact]
    public void Filter_keeps_changed_and_kept_names_and_drops_the_rest()
    {
        var filter = new EnvFilter(keep: ["LC_*", "TERM"], drop: ["SECRET*"]);
        List<KeyValuePair<string, string>> kept = filter.Apply(
            ["PATH=/tree", "LC_ALL=C", "TERM=xterm", "FOO=1", "SECRET_TOKEN=x", "HOME=/h", "MPROXY_CHANGED_ENVS=FOO:SECRET_TOKEN:MPROXY_HOOK_BYPASS", "MPROXY_HOOK_BYPASS=1"]);
        Assert.Equal(["LC_ALL", "TERM", "FOO"], kept.Select(k => k.Key));
        Assert.Equal(["PATH=/broker", "HOME=/b", "LC_ALL=C", "TERM=xterm", "FOO=1"],
            EnvFilter.Overlay(["PATH=/broker", "HOME=/b", "TERM=dumb"], kept));
    }

    [Theory]
    [InlineData("LC_*", "LC_ALL", true)]
    [InlineData("LC_*", "XLC_ALL", false)]
    [InlineData("*_TOKEN", "GH_TOKEN", true)]
    [InlineData("A*B*C", "AxxBxxC", true)]
    [InlineData("A*B*C", "AxxC", false)]
    [InlineData("ABC", "ABC", true)]
    public void Glob(string pattern, string name, bool match) => Assert.Equal(match, EnvFilter.Glob(pattern, name));
}

public sealed class CommandPatternTests
{
    [Fact]
    public void Basename_absolute_path_and_regex()
    {
        var list = new CommandList(["make", "/usr/bin/gcc", "/^/opt/tools//"]);
        Assert.Equal("make", list.Match("/usr/bin/make", null)?.Entry);
        Assert.Null(list.Match("/usr/bin/gmake", null));
        Assert.Equal("/usr/bin/gcc", list.Match("/usr/bin/gcc", null)?.Entry);
        Assert.Null(list.Match("/usr/local/bin/gcc", null));
        Assert.Equal("/^/opt/tools//", list.Match("/opt/tools/bin/x", null)?.Entry);
        Assert.Null(list.Match("/usr/opt/tools/x", null));
    }

    [Fact]
    public void Absolute_entries_match_through_symbolic_links()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"ptx-pattern-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string real = Path.Combine(dir, "real");
            File.WriteAllText(real, "");
            File.CreateSymbolicLink(Path.Combine(dir, "link"), real);
            var list = new CommandList([Path.Combine(dir, "link")]);
            Assert.NotNull(list.Match(real));
            Assert.NotNull(list.Match(Path.Combine(dir, "link")));
            Assert.Null(list.Match(Path.Combine(dir, "other")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Relative_paths_are_not_entries() => Assert.Throws<ArgumentException>(() => new CommandPattern("bin/make"));
}

public sealed class ExecFilterTests
{
    private static SeccompAction Run(SockFilter[] program, uint arch, int nr)
    {
        var data = new SeccompData { Nr = nr, Arch = arch };
        return SeccompAction.FromReturnValue(CbpfInterpreter.Run(program, data));
    }

    [Fact]
    public void Only_execve_and_execveat_stop_and_x32_is_killed()
    {
        SockFilter[] filter = ExecInterceptor.SeccompFilter();
        const uint X86_64 = 0xC000003E, I386 = 0x40000003;
        Assert.Equal(SeccompActionKind.Trace, Run(filter, X86_64, 59).Kind);
        Assert.Equal(SeccompActionKind.Trace, Run(filter, X86_64, 322).Kind);
        Assert.Equal(SeccompActionKind.Trace, Run(filter, I386, 11).Kind);
        Assert.Equal(SeccompActionKind.Trace, Run(filter, I386, 358).Kind);
        foreach (int nr in new[] { 0, 1, 2, 11, 56, 57, 58, 60, 231, 321, 323, 435 })
            Assert.Equal(SeccompActionKind.Allow, Run(filter, X86_64, nr).Kind);
        foreach (int nr in new[] { 1, 2, 3, 59, 120, 322, 357, 359 })
            Assert.Equal(SeccompActionKind.Allow, Run(filter, I386, nr).Kind);
        Assert.Equal(SeccompActionKind.KillProcess, Run(filter, X86_64, 0x40000000 | 520).Kind); // x32 execve
        Assert.Equal(SeccompActionKind.KillProcess, Run(filter, X86_64, 0x40000000 | 1).Kind);
    }
}

public sealed class BrokerSocketTests
{
    [Fact]
    public void An_existing_file_that_is_no_socket_is_never_replaced()
    {
        string dir = Directory.CreateTempSubdirectory("ptx-sock-").FullName;
        try
        {
            string file = Path.Combine(dir, "not-a-socket");
            File.WriteAllText(file, "precious");
            using var broker = new Broker(new BrokerOptions { SocketPath = file });
            IOException e = Assert.Throws<IOException>(broker.Listen);
            Assert.Contains("is not a socket", e.Message);
            Assert.Equal("precious", File.ReadAllText(file));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Ssh_runner_rejects_a_host_that_looks_like_an_option() =>
        Assert.Throws<ArgumentException>(() => new SshRunner(new SshRunnerOptions { Host = "-oProxyCommand=x" }));
}
