using System.Runtime.InteropServices;
using System.Text;
using static Ptracer.ExecProxy.ProxyNative;

namespace Ptracer.ExecProxy;

/// <summary>Runs a broker request somewhere.</summary>
public interface ICommandRunner
{
    /// <summary>"local", "ssh", ... for the audit log.</summary>
    string Name { get; }

    /// <summary>
    /// Starts the command. <paramref name="fds"/> are the descriptors received from the shim (parallel to
    /// <see cref="ExecRequest.TargetFds"/>); the caller closes them after this returns. Throws
    /// <see cref="CommandStartException"/> when the command cannot be started.
    /// </summary>
    RunningCommand Start(ExecRequest request, IReadOnlyList<KeyValuePair<string, string>> environment, IReadOnlyList<int> fds);
}

/// <summary>A command the broker started: a local process (the command itself, or the ssh client).</summary>
public sealed class RunningCommand(int pid, bool signalGroup) : IDisposable
{
    private int _pidfd = pidfd_open(pid, 0);

    public int Pid { get; } = pid;

    /// <summary>A pidfd that becomes readable when the process ends (-1 if pidfd_open failed).</summary>
    public int PidFd => _pidfd;

    /// <summary>Sends <paramref name="signal"/> to the command (its whole process group when it has one of its own).</summary>
    public void Signal(int signal)
    {
        if (signalGroup && kill(-Pid, signal) == 0) return;
        kill(Pid, signal);
    }

    /// <summary>Reaps the process: (exit code, 0), or (128+signal, signal).</summary>
    public unsafe (int Code, int Signal) Wait()
    {
        int status;
        while (waitpid(Pid, &status, 0) < 0)
        {
            if (LastError != EINTR) return (255, 0);
        }
        int sig = status & 0x7f;
        return sig == 0 ? ((status >> 8) & 0xff, 0) : (128 + sig, sig);
    }

    public void Dispose()
    {
        if (_pidfd >= 0) close(_pidfd);
        _pidfd = -1;
    }
}

/// <summary>The command could not be started: exit status 127 for "not found", 126 otherwise.</summary>
public sealed class CommandStartException(string message, int status) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// Runs the command on the broker's host with posix_spawn: the shim's descriptors become the command's (no data is
/// copied through the broker), the request's working directory, the broker's environment with the filtered request
/// variables on top, default signal dispositions, an empty signal mask, and a process group of its own so that
/// forwarded signals reach everything it starts.
/// </summary>
public sealed unsafe class LocalRunner : ICommandRunner
{
    private const int Opaque = 1024;

    public string Name => "local";

    public RunningCommand Start(ExecRequest request, IReadOnlyList<KeyValuePair<string, string>> environment, IReadOnlyList<int> fds)
    {
        string path = request.Path.StartsWith('/') ? request.Path : Path.Combine(request.WorkingDirectory, request.Path);
        List<string> env = EnvFilter.Overlay(OwnEnvironment(), environment);
        IReadOnlyList<string> argv = request.Arguments;

        // posix_spawn applies dup2 actions in order: move every source above the highest target first, so that no
        // dup2 overwrites a descriptor that a later one still reads from.
        int highestTarget = request.TargetFds.Count == 0 ? 2 : Math.Max(2, request.TargetFds.Max());
        var sources = new int[fds.Count];
        var moved = new List<int>();
        try
        {
            for (int i = 0; i < fds.Count; i++)
            {
                sources[i] = fds[i];
                if (fds[i] <= highestTarget)
                {
                    int copy = fcntl(fds[i], F_DUPFD_CLOEXEC, highestTarget + 1);
                    if (copy < 0) throw new CommandStartException($"cannot pass descriptor {request.TargetFds[i]}: {StrError(LastError)}", 126);
                    moved.Add(copy);
                    sources[i] = copy;
                }
            }
            return Spawn(path, argv, env, request.WorkingDirectory, sources, request.TargetFds);
        }
        finally
        {
            foreach (int fd in moved) close(fd);
        }
    }

    private static RunningCommand Spawn(string path, IReadOnlyList<string> argv, List<string> env, string cwd, int[] sources, IReadOnlyList<int> targets)
    {
        var blocks = new List<nint>();
        byte* Str(string s)
        {
            int n = Encoding.UTF8.GetByteCount(s);
            byte* p = (byte*)NativeMemory.Alloc((nuint)n + 1);
            blocks.Add((nint)p);
            Encoding.UTF8.GetBytes(s, new Span<byte>(p, n));
            p[n] = 0;
            return p;
        }
        byte** Vec(IReadOnlyList<string> items)
        {
            byte** v = (byte**)NativeMemory.AllocZeroed((nuint)(items.Count + 1), (nuint)sizeof(nint));
            blocks.Add((nint)v);
            for (int i = 0; i < items.Count; i++) v[i] = Str(items[i]);
            return v;
        }

        void* actions = NativeMemory.AllocZeroed(Opaque);
        void* attributes = NativeMemory.AllocZeroed(Opaque);
        void* mask = NativeMemory.AllocZeroed(Opaque);
        void* defaults = NativeMemory.AllocZeroed(Opaque);
        try
        {
            posix_spawn_file_actions_init(actions);
            posix_spawnattr_init(attributes);
            for (int i = 0; i < sources.Length; i++) Check(posix_spawn_file_actions_adddup2(actions, sources[i], targets[i]));
            for (int fd = 0; fd < 3; fd++)
                if (!targets.Contains(fd)) Check(posix_spawn_file_actions_addclose(actions, fd));
            Check(posix_spawn_file_actions_addchdir_np(actions, Str(cwd)));
            sigemptyset(mask);
            sigfillset(defaults);
            Check(posix_spawnattr_setsigmask(attributes, mask));
            Check(posix_spawnattr_setsigdefault(attributes, defaults));
            Check(posix_spawnattr_setpgroup(attributes, 0));
            Check(posix_spawnattr_setflags(attributes, (short)(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP)));
            int pid;
            int error = posix_spawn(&pid, Str(path), actions, attributes, Vec(argv), Vec(env));
            if (error != 0)
            {
                // posix_spawn reports chdir and exec failures alike; tell them apart for the message.
                string what = Directory.Exists(cwd) ? $"cannot execute '{path}'" : $"cannot change to '{cwd}'";
                throw new CommandStartException($"ptracer broker: {what}: {StrError(error)}", error == ENOENT ? 127 : 126);
            }
            return new RunningCommand(pid, signalGroup: true);
        }
        finally
        {
            posix_spawn_file_actions_destroy(actions);
            posix_spawnattr_destroy(attributes);
            NativeMemory.Free(actions);
            NativeMemory.Free(attributes);
            NativeMemory.Free(mask);
            NativeMemory.Free(defaults);
            foreach (nint p in blocks) NativeMemory.Free((void*)p);
        }
    }

    private static void Check(int error)
    {
        if (error != 0) throw new CommandStartException($"ptracer broker: posix_spawn set-up failed: {StrError(error)}", 126);
    }

    private static List<string> s_ownEnvironment = null!;

    /// <summary>The broker's own environment, read once (libc's environ, in order).</summary>
    internal static List<string> OwnEnvironment()
    {
        if (s_ownEnvironment is { } cached) return cached;
        var result = new List<string>();
        nint libc = NativeLibrary.Load("libc.so.6");
        byte** environ = *(byte***)NativeLibrary.GetExport(libc, "environ");
        for (int i = 0; environ != null && environ[i] != null; i++)
            result.Add(Marshal.PtrToStringUTF8((nint)environ[i]) ?? "");
        return s_ownEnvironment = result;
    }
}
