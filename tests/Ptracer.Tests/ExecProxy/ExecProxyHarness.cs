using Xunit;
using System.Text;
using System.Text.Json;
using Ptracer.Tests.Differential;
using Ptracer.Tests.TestSupport;

namespace Ptracer.Tests.ExecProxy;

/// <summary>
/// A real `ptracer broker` process on a socket in a fresh temporary directory, and `ptracer exec-proxy` runs against
/// it. The shim is the Ptracer.Shim build beside the tests (PTRACER_SHIM_BINARY overrides it, e.g. with a published
/// ptracer-shim). Every process is started with posix_spawn; readiness is the broker's "listening" line on a pipe.
/// </summary>
internal sealed class BrokerHarness : IDisposable
{
    public static readonly string[] BaseEnvironment = ["PATH=/usr/bin:/bin", "LC_ALL=C"];
    private readonly TestPipe _stdout = new();
    private bool _stopped;

    public BrokerHarness(IEnumerable<string>? brokerArgs = null, IReadOnlyList<string>? brokerEnvironment = null, bool start = true)
    {
        Directory = Path.Combine(Path.GetTempPath(), $"ptx-{Environment.ProcessId}-{Guid.NewGuid():N}"[..30]);
        System.IO.Directory.CreateDirectory(Directory);
        SocketPath = Path.Combine(Directory, "broker.sock");
        AuditPath = Path.Combine(Directory, "audit.jsonl");
        if (!start)
        {
            _stopped = true;
            return;
        }
        IReadOnlyList<string> cli = PtracerCommand.Argv;
        string[] argv = [.. cli, "broker", "--socket", SocketPath, "--audit", AuditPath, .. brokerArgs ?? []];
        Pid = PosixSpawn.Start(cli[0], argv, stdoutFd: _stdout.WriteFd, stderrPath: Path.Combine(Directory, "broker.err"),
            environment: brokerEnvironment ?? BaseEnvironment);
        _stdout.CloseWrite();
        try
        {
            _stdout.WaitFor("listening on", TimeSpan.FromSeconds(30));
        }
        catch
        {
            Dispose();
            throw new InvalidOperationException($"the broker did not start: {BrokerErrors}");
        }
    }

    public string Directory { get; }
    public string SocketPath { get; }
    public string AuditPath { get; }
    public int Pid { get; }

    public string BrokerErrors => File.Exists(Path.Combine(Directory, "broker.err")) ? File.ReadAllText(Path.Combine(Directory, "broker.err")) : "";

    public static string ShimPath
    {
        get
        {
            string? overridden = Environment.GetEnvironmentVariable("PTRACER_SHIM_BINARY");
            if (!string.IsNullOrEmpty(overridden)) return overridden;
            string path = Path.Combine(AppContext.BaseDirectory, "Ptracer.Shim");
            if (!File.Exists(path)) throw new InvalidOperationException($"no Ptracer.Shim in {AppContext.BaseDirectory}");
            return path;
        }
    }

    /// <summary>argv of `ptracer exec-proxy` against this broker, up to and including "--".</summary>
    public string[] ExecProxyArgv(IEnumerable<string> local, string? socket = null)
    {
        var argv = new List<string>(PtracerCommand.Argv) { "exec-proxy", "--broker", socket ?? SocketPath, "--shim", ShimPath };
        foreach (string entry in local) argv.AddRange(["--local", entry]);
        argv.Add("--");
        return [.. argv];
    }

    /// <summary>Runs <paramref name="command"/> under exec-proxy; stdin is /dev/null, stdout and stderr are captured.</summary>
    public ChildResult Run(IEnumerable<string> local, IReadOnlyList<string> command, IReadOnlyList<string>? environment = null,
        string? socket = null, TimeSpan? timeout = null)
    {
        ChildResult result = ChildProcess.Run([.. ExecProxyArgv(local, socket), .. command], environment ?? BaseEnvironment, Directory,
            timeout ?? TimeSpan.FromSeconds(90));
        Assert.NotEqual(ChildExit.Timeout, result.Exit);
        return result;
    }

    /// <summary>Runs a shell script (sh is local) under exec-proxy.</summary>
    public ChildResult RunScript(string script, IEnumerable<string> local, IReadOnlyList<string>? environment = null, string? socket = null)
    {
        string path = Path.Combine(Directory, $"script-{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, script);
        return Run(["sh", .. local], ["/bin/sh", path], environment, socket);
    }

    /// <summary>The audit log's entries.</summary>
    public List<JsonElement> Audit()
    {
        if (!File.Exists(AuditPath)) return [];
        return File.ReadAllLines(AuditPath).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    /// <summary>A copy of a tracee under another name in the temporary directory (so one is local and one is not).</summary>
    public string CopyTracee(string name, string as_)
    {
        string target = Path.Combine(Directory, as_);
        File.Copy(TraceeBuilder.Build(name), target, overwrite: true);
        return target;
    }

    public void Stop()
    {
        if (_stopped) return;
        _stopped = true;
        TestNative.kill(Pid, TestNative.SIGTERM);
        int status = TestNative.Reap(Pid, TimeSpan.FromSeconds(20));
        Assert.True(TestNative.WIfExited(status) && TestNative.WExitStatus(status) == 0, $"broker status 0x{status:x}: {BrokerErrors}");
    }

    /// <summary>Kills the broker with SIGKILL (no chance to clean up) and reaps it.</summary>
    public void KillHard()
    {
        _stopped = true;
        TestNative.kill(Pid, TestNative.SIGKILL);
        TestNative.Reap(Pid, TimeSpan.FromSeconds(20));
    }

    public void Dispose()
    {
        try
        {
            if (!_stopped)
            {
                _stopped = true;
                TestNative.kill(Pid, TestNative.SIGKILL);
                TestNative.Reap(Pid, TimeSpan.FromSeconds(20));
            }
        }
        finally
        {
            _stdout.Dispose();
            try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

internal static class ChildResultExtensions
{
    public static string Out(this ChildResult r) => Encoding.UTF8.GetString(r.Stdout);
    public static string Err(this ChildResult r) => Encoding.UTF8.GetString(r.Stderr);
    public static string Describe(this ChildResult r) => $"{r.Exit}\nstdout:\n{r.Out()}\nstderr:\n{r.Err()}";
}
