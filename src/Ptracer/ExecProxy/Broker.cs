using Ptracer.Native;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static Ptracer.Native.Interop.Libc;
using static Ptracer.Native.ProxyNative;

namespace Ptracer.ExecProxy;

/// <summary>How a broker runs.</summary>
public sealed class BrokerOptions
{
    public required string SocketPath { get; init; }

    /// <summary>JSON-lines audit log, appended to; null: none.</summary>
    public string? AuditPath { get; init; }

    /// <summary>When not empty, only matching commands run (<see cref="CommandPattern"/> syntax).</summary>
    public IReadOnlyList<string> Allow { get; init; } = [];

    /// <summary>Matching commands are refused, whatever <see cref="Allow"/> says.</summary>
    public IReadOnlyList<string> Deny { get; init; } = [];

    public EnvFilter EnvFilter { get; init; } = new();

    public ICommandRunner Runner { get; init; } = new LocalRunner();

    /// <summary>
    /// A command that runs <see cref="CommandGuard.RunGuard"/> on its stdin (`ptracer broker-guard`): started by
    /// <see cref="Broker.Listen"/>, it kills the commands still running when the broker ends, even by SIGKILL.
    /// Null: no guard, and commands running when the broker dies go on without it.
    /// </summary>
    public IReadOnlyList<string>? GuardCommand { get; init; }

    public ILogger? Logger { get; init; }
}

/// <summary>
/// `ptracer broker`: listens on a Unix socket (mode 0600, peers of its own uid only), runs each shim's command with
/// the configured runner, relays signals to it and its exit status back, one thread per connection. Refusals
/// (policy, wrong uid, bad request) answer Refused with status 126 and a message; a command that cannot be found
/// answers 127.
/// </summary>
public sealed partial class Broker : IDisposable
{
    public const int RefusedStatus = 126;

    private readonly BrokerOptions _options;
    private readonly ILogger _logger;
    private readonly CommandList _allow;
    private readonly CommandList _deny;
    private readonly AuditLog? _audit;
    private int _listener = -1;
    private CommandGuard? _guard;
    private volatile bool _stopping;
    private int _active;

    public Broker(BrokerOptions options)
    {
        _options = options;
        _logger = options.Logger ?? NullLogger.Instance;
        _allow = new CommandList(options.Allow);
        _deny = new CommandList(options.Deny);
        if (options.AuditPath is not null) _audit = new AuditLog(options.AuditPath);
        _workers = new WorkerThreads(ServeConnection);
    }

    private readonly WorkerThreads _workers;

    /// <summary>Commands currently running.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Creates the socket (0600) and listens. A stale socket file nobody listens on is replaced.</summary>
    public unsafe void Listen()
    {
        if (_options.GuardCommand is { Count: > 0 } guard) _guard ??= CommandGuard.Start(guard);
        string path = _options.SocketPath;
        byte* address = stackalloc byte[110];
        int length = UnixAddress(path, new Span<byte>(address, 110));
        RemoveStaleSocket(path);
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) throw new IOException($"socket: {StrError(LastError)}");
        byte[] cpath = CString(path);
        // Bind with no permissions for anyone, then open it to the owner only: never a moment of wider access.
        uint old = ProxyNative.umask(0x1ff);
        int rc = bind(fd, address, length);
        int errno = LastError;
        ProxyNative.umask(old);
        if (rc < 0)
        {
            close(fd);
            throw new IOException($"cannot bind {path}: {StrError(errno)}");
        }
        fixed (byte* p = cpath) chmod(p, 0x180 /* 0600 */);
        if (listen(fd, 512) < 0)
        {
            errno = LastError;
            close(fd);
            throw new IOException($"cannot listen on {path}: {StrError(errno)}");
        }
        _listener = fd;
    }

    private static void RemoveStaleSocket(string path)
    {
        if (!File.Exists(path)) return;
        // connect() to a file that is not a socket fails with ECONNREFUSED too: never delete one.
        if (!IsSocket(path)) throw new IOException($"{path} exists and is not a socket");
        try
        {
            using FrameSocket probe = FrameSocket.Connect(path);
        }
        catch (BrokerUnreachableException e) when (e.Errno == ECONNREFUSED)
        {
            File.Delete(path);
            return;
        }
        catch (BrokerUnreachableException)
        {
            return;
        }
        throw new IOException($"a broker already listens on {path}");
    }

    // open(2) fails with ENXIO on a Unix domain socket, and only there among the files that exist.
    private static unsafe bool IsSocket(string path)
    {
        byte[] cpath = CString(path);
        int fd;
        fixed (byte* p = cpath) fd = open(p, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
        if (fd >= 0)
        {
            close(fd);
            return false;
        }
        return LastError == ENXIO;
    }

    /// <summary>Accepts connections until <see cref="Stop"/>; each is served on a thread of its own.</summary>
    public unsafe void Serve()
    {
        while (!_stopping)
        {
            int fd = accept4(_listener, null, null, SOCK_CLOEXEC);
            if (fd < 0)
            {
                int errno = LastError;
                if (_stopping) break;
                if (errno is EINTR or 103 /* ECONNABORTED */ or 24 /* EMFILE */ or 23 /* ENFILE */)
                {
                    if (errno is 24 or 23) _logger.LogWarning("accept: {Error}", StrError(errno));
                    continue;
                }
                throw new IOException($"accept: {StrError(errno)}");
            }
            _workers.Run(new FrameSocket(fd));
        }
    }

    /// <summary>Stops accepting (from any thread) and removes the socket file. Running commands go on.</summary>
    public void Stop()
    {
        _stopping = true;
        int fd = Interlocked.Exchange(ref _listener, -1);
        if (fd >= 0)
        {
            shutdown(fd, 2);
            close(fd);
            try { File.Delete(_options.SocketPath); } catch (IOException) { }
        }
    }

    public void Dispose()
    {
        Stop();
        _guard?.Dispose(); // what still runs is killed: its callers lose their broker now
        _audit?.Dispose();
    }

    private void ServeConnection(FrameSocket connection)
    {
        var fds = new List<int>();
        var started = Stopwatch.GetTimestamp();
        ExecRequest? request = null;
        using (connection)
        {
            try
            {
                (int peerPid, int peerUid, _) = connection.PeerCredentials();
                if (peerUid != geteuid())
                {
                    Refuse(connection, null, $"ptracer broker: refused: uid {peerUid} (pid {peerPid}) is not the broker's uid {geteuid()}", started);
                    return;
                }
                if (!connection.Receive(out MessageType type, out byte[] body, fds)) return;
                if (type != MessageType.Request)
                {
                    Refuse(connection, null, $"ptracer broker: refused: expected a request, got message type {(int)type}", started);
                    return;
                }
                request = WireProtocol.DecodeRequest(body, out ushort version);
                if (request is null)
                {
                    Refuse(connection, null, $"ptracer broker: refused: unsupported protocol version {version} (this broker speaks {WireProtocol.Version})", started);
                    return;
                }
                if (request.TargetFds.Count != fds.Count)
                {
                    Refuse(connection, request, $"ptracer broker: refused: {fds.Count} descriptors received, {request.TargetFds.Count} announced", started);
                    return;
                }
                string path = request.Path.StartsWith('/') ? request.Path : Path.GetFullPath(Path.Combine(request.WorkingDirectory, request.Path));
                if (_deny.Match(path) is { } denied)
                {
                    Refuse(connection, request, $"ptracer broker: refused: {path} is denied ({denied.Entry})", started);
                    return;
                }
                if (!_allow.IsEmpty && _allow.Match(path) is null)
                {
                    Refuse(connection, request, $"ptracer broker: refused: {path} is not allowed", started);
                    return;
                }
                Run(connection, request, fds, started);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or EndOfStreamException)
            {
                _logger.LogWarning("connection failed: {Message}", e.Message);
            }
            finally
            {
                foreach (int fd in fds) close(fd);
            }
        }
    }

    private void Refuse(FrameSocket connection, ExecRequest? request, string message, long started, int status = RefusedStatus)
    {
        _logger.LogWarning("{Message}", message);
        _audit?.Write(request, _options.Runner.Name, null, 0, 0, status, message, Stopwatch.GetElapsedTime(started));
        try { connection.Send(WireProtocol.EncodeRefused(status, message)); }
        catch (IOException) { }
    }

    private unsafe void Run(FrameSocket connection, ExecRequest request, List<int> fds, long started)
    {
        List<KeyValuePair<string, string>> environment = _options.EnvFilter.Apply(request.Environment);
        RunningCommand command;
        try
        {
            command = _options.Runner.Start(request, environment, fds, _guard);
        }
        catch (CommandStartException e)
        {
            Refuse(connection, request, e.Message, started, e.Status);
            return;
        }
        // The command has its copies: ours must go, or a reader of its stdout would never see end of file.
        foreach (int fd in fds) close(fd);
        fds.Clear();

        Interlocked.Increment(ref _active);
        try
        {
            using (command)
            {
                try { connection.Send(WireProtocol.EncodeStarted(command.IsRemote ? 0 : command.Pid)); }
                catch (IOException) { }
                bool shimGone = false;
                var polls = stackalloc PollFd[2];
                while (command.PidFd >= 0)
                {
                    polls[0] = new PollFd { Fd = command.PidFd, Events = POLLIN };
                    polls[1] = new PollFd { Fd = shimGone ? -1 : connection.Fd, Events = POLLIN };
                    if (poll(polls, 2, -1) < 0)
                    {
                        if (LastError == EINTR) continue;
                        break;
                    }
                    if ((polls[0].Revents & POLLIN) != 0) break;
                    if (polls[1].Revents != 0)
                    {
                        bool more;
                        MessageType type = 0;
                        byte[] body = [];
                        try { more = connection.Receive(out type, out body); }
                        catch (Exception e) when (e is IOException or InvalidDataException) { more = false; }
                        if (!more)
                        {
                            // Nobody waits for the result any more: the command must not outlive its caller.
                            shimGone = true;
                            command.Signal(SIGKILL);
                            continue;
                        }
                        if (type == MessageType.Signal) command.Signal(WireProtocol.DecodeInt(body, 0));
                    }
                }
                _guard?.Forget(command.Pid);
                (int code, int signal) = command.Wait();
                // The audit line is written before the reply: once the caller sees the status, the log shows the command.
                _audit?.Write(request, _options.Runner.Name, environment.Select(kv => kv.Key).ToList(), command.Pid, signal, code, null,
                    Stopwatch.GetElapsedTime(started));
                try { connection.Send(WireProtocol.EncodeExited(code, signal)); }
                catch (IOException) { }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }
}

/// <summary>
/// One thread per connection (a command may run for hours), but threads that finished one are kept, up to
/// <see cref="MaxIdle"/>, for the next: starting a thread costs about as much as the rest of a short request.
/// </summary>
internal sealed class WorkerThreads(Action<FrameSocket> serve)
{
    private const int MaxIdle = 16;
    private readonly Action<FrameSocket> _serve = serve;
    private readonly Stack<Worker> _idle = new();
    private readonly Lock _lock = new();

    public void Run(FrameSocket connection)
    {
        Worker? worker;
        lock (_lock) _idle.TryPop(out worker);
        if (worker is not null) worker.Assign(connection);
        else new Worker(this, connection).Start();
    }

    private bool Park(Worker worker)
    {
        lock (_lock)
        {
            if (_idle.Count >= MaxIdle) return false;
            _idle.Push(worker);
            return true;
        }
    }

    private sealed class Worker(WorkerThreads owner, FrameSocket first)
    {
        private readonly SemaphoreSlim _assigned = new(0);
        private FrameSocket? _next;

        public void Start() => new Thread(Loop) { IsBackground = true, Name = "broker connection" }.Start();

        public void Assign(FrameSocket connection)
        {
            Volatile.Write(ref _next, connection);
            _assigned.Release();
        }

        private void Loop()
        {
            FrameSocket connection = first;
            while (true)
            {
                owner._serve(connection);
                if (!owner.Park(this)) return;
                _assigned.Wait();
                connection = Volatile.Read(ref _next)!;
            }
        }
    }
}

/// <summary>The broker's audit log: one JSON object per line, written and flushed whole.</summary>
internal sealed class AuditLog : IDisposable
{
    private readonly FileStream _stream;
    private readonly Lock _lock = new();

    public AuditLog(string path)
    {
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
    }

    public void Write(ExecRequest? request, string runner, IReadOnlyList<string>? changedEnv, int pid, int signal, int status,
        string? refused, TimeSpan duration)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            if (request is not null)
            {
                json.WriteNumber("caller_pid", request.CallerPid);
                json.WriteString("cwd", request.WorkingDirectory);
                json.WriteString("path", request.Path);
                json.WriteStartArray("argv");
                foreach (string a in request.Arguments) json.WriteStringValue(a);
                json.WriteEndArray();
            }
            json.WriteStartArray("changed_env");
            foreach (string name in changedEnv ?? []) json.WriteStringValue(name);
            json.WriteEndArray();
            json.WriteString("runner", runner);
            if (pid != 0) json.WriteNumber("pid", pid);
            json.WriteNumber("exit_status", status);
            if (signal != 0) json.WriteNumber("signal", signal);
            if (refused is not null) json.WriteString("refused", refused);
            json.WriteNumber("duration_ms", Math.Round(duration.TotalMilliseconds, 3));
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        lock (_lock)
        {
            _stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            _stream.Flush();
        }
    }

    public void Dispose()
    {
        lock (_lock) _stream.Dispose();
    }
}
