using Ptracer.Native;
using System.Runtime.InteropServices;
using System.Text;
using static Ptracer.Native.Interop.Libc;
using static Ptracer.Native.ProxyNative;

namespace Ptracer.ExecProxy;

/// <summary>
/// Starts the broker's processes (a local command, or the ssh client) with posix_spawn (glibc: clone with CLONE_VM |
/// CLONE_VFORK, no copy of the broker's address space): given descriptors at given numbers, a working directory,
/// default signal dispositions, an empty signal mask, and a process group of its own so that forwarded signals reach
/// everything it starts.
/// </summary>
internal static unsafe class ProcessLauncher
{
    private const int Opaque = 1024;
    private static readonly byte[] s_devNull = "/dev/null\0"u8.ToArray();

    /// <summary>
    /// Starts <paramref name="path"/>; <paramref name="fds"/>[i] becomes descriptor <paramref name="targets"/>[i].
    /// A standard descriptor (0-2) not among the targets is closed, or opened on /dev/null when
    /// <paramref name="nullForMissingStdio"/>. <paramref name="cwd"/> null: the broker's. Returns the pid; throws
    /// <see cref="CommandStartException"/> (127 not found, 126 otherwise).
    /// </summary>
    public static int Spawn(string path, IReadOnlyList<string> argv, IReadOnlyList<string> env, string? cwd,
        IReadOnlyList<int> fds, IReadOnlyList<int> targets, bool nullForMissingStdio = false)
    {
        // posix_spawn applies dup2 actions in order: move every source above the highest target first, so that no
        // dup2 overwrites a descriptor that a later one still reads from.
        int highestTarget = targets.Count == 0 ? 2 : Math.Max(2, targets.Max());
        var sources = new int[fds.Count];
        var moved = new List<int>();
        try
        {
            for (int i = 0; i < fds.Count; i++)
            {
                sources[i] = fds[i];
                if (fds[i] > highestTarget) continue;
                int copy = fcntl(fds[i], F_DUPFD_CLOEXEC, highestTarget + 1);
                if (copy < 0) throw new CommandStartException($"ptracer broker: cannot pass descriptor {targets[i]}: {StrError(LastError)}", 126);
                moved.Add(copy);
                sources[i] = copy;
            }
            return SpawnMapped(path, argv, env, cwd, sources, targets, nullForMissingStdio);
        }
        finally
        {
            foreach (int fd in moved) close(fd);
        }
    }

    private static int SpawnMapped(string path, IReadOnlyList<string> argv, IReadOnlyList<string> env, string? cwd, int[] sources,
        IReadOnlyList<int> targets, bool nullForMissingStdio)
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
            {
                if (targets.Contains(fd)) continue;
                if (!nullForMissingStdio) Check(posix_spawn_file_actions_addclose(actions, fd));
                else fixed (byte* devNull = s_devNull) Check(posix_spawn_file_actions_addopen(actions, fd, devNull, O_RDWR, 0));
            }
            if (cwd is not null) Check(posix_spawn_file_actions_addchdir_np(actions, Str(cwd)));
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
                string what = cwd is null || Directory.Exists(cwd) ? $"cannot execute '{path}'" : $"cannot change to '{cwd}'";
                throw new CommandStartException($"ptracer broker: {what}: {StrError(error)}", error == ENOENT ? 127 : 126);
            }
            return pid;
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
