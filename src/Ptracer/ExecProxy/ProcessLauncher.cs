using Ptracer.Native;
using Ptracer.Spawn;
using System.Runtime.InteropServices;
using System.Text;
using static Ptracer.Native.Interop.Libc;
using static Ptracer.Native.ProxyNative;

namespace Ptracer.ExecProxy;

/// <summary>
/// Starts the broker's processes (a local command, the ssh client, the command guard) with the same fork child as the
/// tracer (Spawn/: CLONE_VM, no copy of the broker's address space): given descriptors at given numbers and no other,
/// a working directory, default signal dispositions, an empty signal mask, and a process group of its own so that
/// forwarded signals reach everything it starts. The child waits before exec until the broker has done what must
/// precede any instruction of the command (registering its process group with the guard).
/// </summary>
internal static unsafe class ProcessLauncher
{
    private static readonly byte[] s_devNull = "/dev/null\0"u8.ToArray();

    /// <summary>
    /// Starts <paramref name="path"/>; <paramref name="fds"/>[i] becomes descriptor <paramref name="targets"/>[i].
    /// A standard descriptor (0-2) not among the targets is closed, or opened on /dev/null when
    /// <paramref name="nullForMissingStdio"/>. <paramref name="cwd"/> null: the broker's. <paramref name="beforeExec"/>
    /// runs with the child's pid while the child waits, before it executes anything of the command; if the start then
    /// fails, <paramref name="failed"/> runs with the pid before the child is reaped. Returns the pid; throws
    /// <see cref="CommandStartException"/> (127 not found, 126 otherwise).
    /// </summary>
    public static int Spawn(string path, IReadOnlyList<string> argv, IReadOnlyList<string> env, string? cwd,
        IReadOnlyList<int> fds, IReadOnlyList<int> targets, bool nullForMissingStdio = false,
        Action<int>? beforeExec = null, Action<int>? failed = null)
    {
        int devNull = -1;
        try
        {
            var map = new int[Math.Max(2, targets.Count == 0 ? 2 : targets.Max()) + 1];
            Array.Fill(map, -1);
            for (int i = 0; i < fds.Count; i++) map[targets[i]] = fds[i];
            for (int fd = 0; fd < 3; fd++)
            {
                if (map[fd] >= 0 || !nullForMissingStdio) continue;
                if (devNull < 0)
                {
                    fixed (byte* p = s_devNull) devNull = open(p, O_RDWR | O_CLOEXEC, 0);
                    if (devNull < 0) throw new CommandStartException($"ptracer broker: cannot open /dev/null: {StrError(LastError)}", 126);
                }
                map[fd] = devNull;
            }
            var options = new SpawnOptions
            {
                Program = path,
                Arguments = argv,
                Environment = env,
                WorkingDirectory = cwd,
                FileDescriptors = map,
                CloseOtherDescriptors = true,
                NewProcessGroup = true,
            };
            return Start(options, beforeExec, failed);
        }
        finally
        {
            if (devNull >= 0) close(devNull);
        }
    }

    private static int Start(SpawnOptions options, Action<int>? beforeExec, Action<int>? failed)
    {
        SpawnedChild child;
        try
        {
            child = Spawner.Fork(options);
        }
        catch (SpawnException e)
        {
            throw new CommandStartException($"ptracer broker: cannot start '{options.Program}': {e.Message}", 126);
        }
        (SpawnStage Stage, int Errno)? failure;
        try
        {
            beforeExec?.Invoke(child.Pid);
            byte go = 1;
            write(child.TracerReady, &go, 1);
            close(child.TracerReady);
            failure = Spawner.ReadFailure(child.ErrorPipe); // end of file: the exec happened
            close(child.ErrorPipe);
            if (failure is null) return child.Pid;
            failed?.Invoke(child.Pid);
            int status;
            while (waitpid(child.Pid, &status, 0) < 0 && LastError == EINTR) { }
        }
        finally
        {
            // After exec or death the child no longer runs on this memory.
            child.Memory.Dispose();
        }
        (SpawnStage stage, int errno) = failure.Value;
        string what = stage == SpawnStage.ChangeDirectory ? $"cannot change to '{options.WorkingDirectory}'" : $"cannot execute '{options.Program}'";
        throw new CommandStartException($"ptracer broker: {what}: {StrError(errno)}", stage == SpawnStage.Execute && errno == ENOENT ? 127 : 126);
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
