using Ptracer.Native;
using System.Runtime.InteropServices;
using System.Text;
using static Ptracer.Native.Interop.Libc;
using static Ptracer.Native.ProxyNative;

namespace Ptracer.ExecProxy;

/// <summary>Runs a broker request somewhere.</summary>
public interface ICommandRunner
{
    /// <summary>"local", "ssh", ... for the audit log.</summary>
    string Name { get; }

    /// <summary>
    /// Starts the command. <paramref name="fds"/> are the descriptors received from the shim (parallel to
    /// <see cref="ExecRequest.TargetFds"/>); the caller closes them after this returns. The process starts in a
    /// process group of its own, registered with <paramref name="guard"/> (when there is one) before it executes
    /// anything. Throws <see cref="CommandStartException"/> when the command cannot be started.
    /// </summary>
    RunningCommand Start(ExecRequest request, IReadOnlyList<KeyValuePair<string, string>> environment, IReadOnlyList<int> fds,
        CommandGuard? guard);
}

/// <summary>A command the broker started: a local process (the command itself, or the ssh client).</summary>
public class RunningCommand(int pid, bool signalGroup) : IDisposable
{
    private int _pidfd = pidfd_open(pid, 0);
    private volatile int _lastSignal;

    public int Pid { get; } = pid;

    /// <summary>True when the command runs on another host (the process here is only its client).</summary>
    public virtual bool IsRemote => false;

    /// <summary>The last signal forwarded with <see cref="Signal"/> (0: none).</summary>
    protected int LastSignal => _lastSignal;

    /// <summary>A pidfd that becomes readable when the process ends (-1 if pidfd_open failed).</summary>
    public int PidFd => _pidfd;

    /// <summary>Sends <paramref name="signal"/> to the command (its whole process group when it has one of its own).</summary>
    public void Signal(int signal)
    {
        _lastSignal = signal;
        if (signalGroup && kill(-Pid, signal) == 0) return;
        kill(Pid, signal);
    }

    /// <summary>Reaps the process: (exit code, 0), or (128+signal, signal), as the command's status.</summary>
    public unsafe (int Code, int Signal) Wait()
    {
        int status;
        while (waitpid(Pid, &status, 0) < 0)
        {
            if (LastError != EINTR) return (255, 0);
        }
        int sig = status & 0x7f;
        return CommandStatus(sig == 0 ? ((status >> 8) & 0xff, 0) : (128 + sig, sig));
    }

    /// <summary>The command's status from the local process's (the same for a local command).</summary>
    protected virtual (int Code, int Signal) CommandStatus((int Code, int Signal) process) => process;

    public virtual void Dispose()
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
/// Runs the command on the broker's host: the shim's descriptors become the command's (no data is copied through
/// the broker), the request's working directory, the broker's environment with the filtered request variables on
/// top (see <see cref="ProcessLauncher"/>).
/// </summary>
public sealed class LocalRunner : ICommandRunner
{
    public string Name => "local";

    public RunningCommand Start(ExecRequest request, IReadOnlyList<KeyValuePair<string, string>> environment, IReadOnlyList<int> fds,
        CommandGuard? guard)
    {
        string path = request.Path.StartsWith('/') ? request.Path : Path.Combine(request.WorkingDirectory, request.Path);
        List<string> env = EnvFilter.Overlay(ProcessLauncher.OwnEnvironment(), environment);
        int pid = ProcessLauncher.Spawn(path, request.Arguments, env, request.WorkingDirectory, fds, request.TargetFds,
            beforeExec: guard is null ? null : guard.Watch, failed: guard is null ? null : guard.Forget);
        return new RunningCommand(pid, signalGroup: true);
    }
}
