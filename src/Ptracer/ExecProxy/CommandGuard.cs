using System.Runtime.InteropServices;
using static Ptracer.Native.Interop.Libc;
using static Ptracer.Native.ProxyNative;

namespace Ptracer.ExecProxy;

/// <summary>
/// Kills the commands a broker started when the broker ends, however it ends (SIGKILL included), so that none
/// outlives the broker its caller was waiting on. A small process of its own (<c>ptracer broker-guard</c>, in a
/// process group of its own) reads "+PGID" and "-PGID" lines from a pipe whose only writer is the broker; at end of
/// file, when the last copy of the write end is gone with the broker, it sends SIGKILL to every group still listed.
/// </summary>
public sealed unsafe class CommandGuard : IDisposable
{
    private const int SIGKILL = 9;
    private int _writeFd;

    private CommandGuard(int pid, int writeFd)
    {
        Pid = pid;
        _writeFd = writeFd;
    }

    /// <summary>The guard process.</summary>
    public int Pid { get; }

    /// <summary>Starts <paramref name="command"/> (a program that runs <see cref="RunGuard"/>) with the pipe as its stdin.</summary>
    public static CommandGuard Start(IReadOnlyList<string> command)
    {
        int* fds = stackalloc int[2];
        // Close-on-exec: no command the broker starts may hold the write end, or the end of file would wait for it.
        if (Native.Interop.Libc.pipe2(fds, O_CLOEXEC) < 0)
            throw new IOException($"cannot make the guard's pipe: {StrError(LastError)}");
        try
        {
            int pid = ProcessLauncher.Spawn(command[0], command, ProcessLauncher.OwnEnvironment(), "/", [fds[0]], [0], nullForMissingStdio: true);
            return new CommandGuard(pid, fds[1]);
        }
        catch (CommandStartException e)
        {
            close(fds[1]);
            throw new IOException($"cannot start the command guard: {e.Message}");
        }
        finally
        {
            close(fds[0]);
        }
    }

    /// <summary>From now on <paramref name="processGroup"/> is killed if the broker ends.</summary>
    public void Watch(int processGroup) => Send('+', processGroup);

    /// <summary>The group's leader has ended (not yet reaped, so its id cannot be reused meanwhile).</summary>
    public void Forget(int processGroup) => Send('-', processGroup);

    private void Send(char operation, int processGroup)
    {
        // One write of at most PIPE_BUF bytes is atomic: worker threads' lines never interleave (pipe(7)).
        byte* line = stackalloc byte[16];
        line[0] = (byte)operation;
        processGroup.TryFormat(new Span<byte>(line + 1, 11), out int digits);
        line[1 + digits] = (byte)'\n';
        while (write(_writeFd, line, 2 + digits) < 0 && LastError == EINTR) { }
    }

    /// <summary>Closes the pipe (the guard kills what is still listed and exits) and reaps the guard.</summary>
    public void Dispose()
    {
        if (_writeFd < 0) return;
        close(_writeFd);
        _writeFd = -1;
        int status;
        while (waitpid(Pid, &status, 0) < 0 && LastError == EINTR) { }
    }

    /// <summary>The guard's side: reads lines from <paramref name="input"/> until end of file, then kills the groups left.</summary>
    public static int RunGuard(int input)
    {
        var groups = new HashSet<int>();
        var pending = new List<byte>();
        byte* buffer = stackalloc byte[4096];
        while (true)
        {
            nint n = read(input, buffer, 4096);
            if (n < 0 && LastError == EINTR) continue;
            if (n <= 0) break;
            for (int i = 0; i < n; i++)
            {
                if (buffer[i] != '\n')
                {
                    pending.Add(buffer[i]);
                    continue;
                }
                Apply(groups, pending);
                pending.Clear();
            }
        }
        foreach (int group in groups) kill(-group, SIGKILL);
        return 0;
    }

    private static void Apply(HashSet<int> groups, List<byte> line)
    {
        if (line.Count < 2 || !int.TryParse(CollectionsMarshal.AsSpan(line)[1..], out int group) || group <= 1) return;
        if (line[0] == '+') groups.Add(group);
        else if (line[0] == '-') groups.Remove(group);
    }
}
