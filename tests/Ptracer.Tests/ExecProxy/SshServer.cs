using System.Net;
using System.Net.Sockets;
using Ptracer.Tests.TestSupport;

namespace Ptracer.Tests.ExecProxy;

/// <summary>
/// A real OpenSSH server (Debian's openssh-server, /usr/sbin/sshd) on 127.0.0.1 and a free port, with a host key, a
/// user key and its authorized_keys in a temporary directory, started as a child of the test (`sshd -D -e -f CONFIG`)
/// and killed at the end. The tests run as root, so it allows root logins; UsePAM no and StrictModes no keep it off
/// the system's configuration.
/// </summary>
public sealed class SshServer : IDisposable
{
    public const string Sshd = "/usr/sbin/sshd";
    private const string KeyGen = "/usr/bin/ssh-keygen";

    public SshServer()
    {
        if (!File.Exists(Sshd) || !File.Exists(KeyGen))
            throw new InvalidOperationException($"{Sshd} or {KeyGen} missing: install openssh-server and openssh-client (.ci/run does)");
        Directory = Path.Combine(Path.GetTempPath(), $"ptx-sshd-{Guid.NewGuid():N}"[..24]);
        System.IO.Directory.CreateDirectory(Directory);
        HostKey = Path.Combine(Directory, "host_key");
        UserKey = Path.Combine(Directory, "user_key");
        GenerateKey(HostKey);
        GenerateKey(UserKey);
        File.Copy(UserKey + ".pub", Path.Combine(Directory, "authorized_keys"));
        // sshd refuses to start without its privilege separation directory (Debian makes it at boot, a container may not).
        System.IO.Directory.CreateDirectory("/run/sshd");

        // A free port can be taken by someone else before sshd binds it: then sshd exits and another port is tried.
        for (int attempt = 0; ; attempt++)
        {
            Port = FreePort();
            Pid = StartSshd();
            if (WaitListening()) return;
            if (attempt == 4) throw new InvalidOperationException($"sshd did not start: {Log}");
        }
    }

    public string Directory { get; }
    public string HostKey { get; }
    public string UserKey { get; }
    public int Port { get; private set; }
    public int Pid { get; private set; }

    public string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";
    private string LogPath => Path.Combine(Directory, "sshd.log");

    /// <summary>`ptracer broker` options that make it run commands through this server.</summary>
    public string[] BrokerArguments =>
    [
        "--runner", "ssh", "--ssh-host", "root@127.0.0.1", "--ssh-arg", "-F", "--ssh-arg", "none",
        "--ssh-option", $"Port={Port}", "--ssh-option", $"IdentityFile={UserKey}", "--ssh-option", "IdentitiesOnly=yes",
        "--ssh-option", "StrictHostKeyChecking=no", "--ssh-option", "UserKnownHostsFile=/dev/null", "--ssh-option", "LogLevel=ERROR",
    ];

    private static void GenerateKey(string path)
    {
        int pid = PosixSpawn.Start(KeyGen, [KeyGen, "-q", "-t", "ed25519", "-N", "", "-f", path]);
        int status = TestNative.Reap(pid, TimeSpan.FromSeconds(30));
        if (!TestNative.WIfExited(status) || TestNative.WExitStatus(status) != 0) throw new InvalidOperationException($"ssh-keygen failed: 0x{status:x}");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private int StartSshd()
    {
        string config = Path.Combine(Directory, "sshd_config");
        File.WriteAllText(config, $"""
            ListenAddress 127.0.0.1
            Port {Port}
            HostKey {HostKey}
            AuthorizedKeysFile {Path.Combine(Directory, "authorized_keys")}
            PidFile {Path.Combine(Directory, "sshd.pid")}
            StrictModes no
            UsePAM no
            PermitRootLogin yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            MaxStartups 100
            MaxSessions 100
            """ + "\n");
        return PosixSpawn.Start(Sshd, [Sshd, "-D", "-e", "-f", config], stderrPath: LogPath, environment: ["PATH=/usr/bin:/bin"]);
    }

    /// <summary>Connects until sshd accepts (true) or exits (false).</summary>
    private unsafe bool WaitListening()
    {
        bool exited = false;
        Polling.Until(() =>
        {
            int status;
            if (TestNative.waitpid(Pid, &status, 1 /* WNOHANG */) == Pid) return exited = true;
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, "sshd to listen", TimeSpan.FromSeconds(30));
        return !exited;
    }

    public void Dispose()
    {
        TestNative.kill(Pid, TestNative.SIGTERM);
        try { TestNative.Reap(Pid, TimeSpan.FromSeconds(20)); }
        catch (TimeoutException)
        {
            TestNative.kill(Pid, TestNative.SIGKILL);
            TestNative.Reap(Pid, TimeSpan.FromSeconds(20));
        }
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
