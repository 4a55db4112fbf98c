using Ptracer.Native;
using System.Runtime.InteropServices;
using System.Text;
using Ptracer.Engine;
using static Ptracer.Native.Interop.Libc;
using static Ptracer.Native.ProxyNative;

namespace Ptracer.ExecProxy;

/// <summary>
/// ptracer-shim: what an intercepted exec runs instead of the command. argv = [shim, command path, command argv...].
/// It connects to the broker named by PTRACER_BROKER_SOCKET, sends the command with its environment and working
/// directory, passes its own inheritable descriptors (stdin, stdout, stderr and any other descriptor without
/// close-on-exec, as the command would have inherited them) by SCM_RIGHTS, forwards SIGINT, SIGTERM, SIGHUP, SIGQUIT
/// and SIGWINCH, and ends the way the command ended: its exit code, or killed by the same signal (a shell then sees
/// 128+signal). When the broker cannot be reached it prints one line and exits 127; nothing runs.
/// </summary>
public static unsafe class ShimClient
{
    public const int Unreachable = 127;
    // SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH (raw numbers: PosixSignalRegistration takes them as they are).
    private static readonly int[] s_forwarded = [2, 15, 1, 3, 28];

    public static int Run(string[] args)
    {
        if (args.Length < 1)
            return Fail("usage: ptracer-shim PATH [ARGV0 ARGS...] (started by ptracer exec-proxy)", Unreachable);
        List<string> environment = ReadEnviron();
        string? socketPath = Find(environment, EnvBaseline.BrokerSocketName);
        if (string.IsNullOrEmpty(socketPath))
            return Fail($"ptracer-shim: {EnvBaseline.BrokerSocketName} is not set: cannot reach the broker", Unreachable);

        // The descriptors the command would have inherited: open and not close-on-exec. Collected before the
        // runtime or the socket adds any of its own (those are close-on-exec anyway).
        List<int> fds = InheritableDescriptors();
        var request = new ExecRequest(args[0], CurrentDirectory() ?? "/", args[1..], environment, getpid(), fds);

        FrameSocket connection;
        try
        {
            connection = FrameSocket.Connect(socketPath);
        }
        catch (BrokerUnreachableException e)
        {
            return Fail($"ptracer-shim: {e.Message}", Unreachable);
        }
        catch (ArgumentException e)
        {
            return Fail($"ptracer-shim: {e.Message}", Unreachable);
        }

        using (connection)
        {
            try
            {
                connection.Send(WireProtocol.EncodeRequest(request), CollectionsMarshal.AsSpan(fds));
            }
            catch (IOException e)
            {
                return Fail($"ptracer-shim: cannot send the command to the broker: {e.Message}", Unreachable);
            }
            // Registered while the broker starts the command. A signal before this kills the shim with its default
            // action; the broker then sees the connection close and kills the command: the caller sees the same end.
            var registrations = new List<PosixSignalRegistration>(s_forwarded.Length);
            try
            {
                foreach (int signal in s_forwarded)
                {
                    registrations.Add(PosixSignalRegistration.Create((PosixSignal)signal, context =>
                    {
                        context.Cancel = true;
                        Forward(connection, signal);
                    }));
                }
                return Wait(connection, registrations);
            }
            finally
            {
                foreach (PosixSignalRegistration r in registrations) r.Dispose();
            }
        }
    }

    private static string? Find(List<string> environment, string name)
    {
        foreach (string entry in environment)
            if (entry.Length > name.Length && entry[name.Length] == '=' && entry.StartsWith(name, StringComparison.Ordinal)) return entry[(name.Length + 1)..];
        return null;
    }

    private static int Wait(FrameSocket connection, List<PosixSignalRegistration> registrations)
    {
        try
        {
            while (connection.Receive(out MessageType type, out byte[] body))
            {
                switch (type)
                {
                    case MessageType.Started:
                        continue;
                    case MessageType.Exited:
                        int code = WireProtocol.DecodeInt(body, 0), signal = WireProtocol.DecodeInt(body, 1);
                        if (signal > 0)
                        {
                            foreach (PosixSignalRegistration r in registrations) r.Dispose();
                            registrations.Clear();
                            TracerProcess.RaiseAndExit(signal);
                            return 128 + signal;
                        }
                        return code;
                    case MessageType.Refused:
                        (int status, string message) = WireProtocol.DecodeRefused(body);
                        return Fail(message, status);
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return Fail($"ptracer-shim: lost the broker: {e.Message}", Unreachable);
        }
        return Fail("ptracer-shim: the broker closed the connection before the command ended", Unreachable);
    }

    private static void Forward(FrameSocket connection, int signal)
    {
        byte[] frame = WireProtocol.EncodeSignal(signal);
        lock (connection.SendLock)
        {
            try { connection.Send(frame); }
            catch (IOException) { }
        }
    }

    private static List<int> InheritableDescriptors()
    {
        var fds = new List<int>();
        for (int fd = 0; fd < 3; fd++)
            if (IsInheritable(fd)) fds.Add(fd);
        foreach (int fd in NumericEntries("/proc/self/fd") ?? [])
            if (fd >= 3 && IsInheritable(fd)) fds.Add(fd);
        fds.Sort();
        if (fds.Count > 250) fds.RemoveRange(250, fds.Count - 250);
        return fds;
    }

    private static bool IsInheritable(int fd)
    {
        int flags = fcntl(fd, F_GETFD, 0);
        return flags >= 0 && (flags & 1 /* FD_CLOEXEC */) == 0;
    }

    /// <summary>The process's environment as the exec gave it, in its order (libc's environ).</summary>
    private static List<string> ReadEnviron()
    {
        var result = new List<string>();
        nint libc = NativeLibrary.Load("libc.so.6");
        byte** environ = *(byte***)NativeLibrary.GetExport(libc, "environ");
        for (int i = 0; environ != null && environ[i] != null; i++)
            result.Add(Marshal.PtrToStringUTF8((nint)environ[i]) ?? "");
        return result;
    }

    private static int Fail(string message, int status)
    {
        byte[] line = Encoding.UTF8.GetBytes(message.TrimEnd('\n') + "\n");
        fixed (byte* p = line) write(2, p, line.Length);
        return status;
    }
}
