using System.Runtime.InteropServices;
using System.Text;

namespace Ptracer.Tests.TestSupport;

/// <summary>
/// Starts an ordinary (untraced) child of the test process with posix_spawn(3): default signal dispositions, an
/// empty signal mask, and chosen descriptors for stdin/stdout/stderr. Reap it with <see cref="TestNative.Reap"/>.
/// </summary>
internal static unsafe class PosixSpawn
{
    // glibc: posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336, sigset_t 128; generous buffers.
    private const int ActionsSize = 512, AttributesSize = 1024, SigsetSize = 256;

    /// <param name="stdinFd">The test's descriptor that becomes the child's 0 (-1 keeps the test's own).</param>
    /// <param name="stdoutFd">Likewise for 1.</param>
    /// <param name="stderrPath">A file the child's stderr is redirected to (created or truncated), or null.</param>
    /// <param name="environment">NAME=VALUE entries; null passes a minimal PATH only.</param>
    public static int Start(string path, IReadOnlyList<string> argv, int stdinFd = -1, int stdoutFd = -1,
        string? stderrPath = null, IReadOnlyList<string>? environment = null)
    {
        var blocks = new List<nint>();
        byte* Str(string s)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(s + "\0");
            byte* p = (byte*)NativeMemory.Alloc((nuint)bytes.Length);
            blocks.Add((nint)p);
            bytes.CopyTo(new Span<byte>(p, bytes.Length));
            return p;
        }
        byte** Vec(IReadOnlyList<string> items)
        {
            byte** v = (byte**)NativeMemory.AllocZeroed((nuint)(items.Count + 1), (nuint)sizeof(nint));
            blocks.Add((nint)v);
            for (int i = 0; i < items.Count; i++) v[i] = Str(items[i]);
            return v;
        }

        void* actions = NativeMemory.AllocZeroed(ActionsSize);
        void* attributes = NativeMemory.AllocZeroed(AttributesSize);
        void* mask = NativeMemory.AllocZeroed(SigsetSize);
        void* defaults = NativeMemory.AllocZeroed(SigsetSize);
        try
        {
            TestNative.posix_spawn_file_actions_init(actions);
            TestNative.posix_spawnattr_init(attributes);
            TestNative.sigemptyset(mask);
            TestNative.sigfillset(defaults);
            TestNative.posix_spawnattr_setsigmask(attributes, mask);
            TestNative.posix_spawnattr_setsigdefault(attributes, defaults);
            TestNative.posix_spawnattr_setflags(attributes, TestNative.POSIX_SPAWN_SETSIGMASK | TestNative.POSIX_SPAWN_SETSIGDEF);
            if (stdinFd >= 0) Check(TestNative.posix_spawn_file_actions_adddup2(actions, stdinFd, 0), "adddup2 stdin");
            if (stdoutFd >= 0) Check(TestNative.posix_spawn_file_actions_adddup2(actions, stdoutFd, 1), "adddup2 stdout");
            if (stderrPath is not null)
            {
                Check(TestNative.posix_spawn_file_actions_addopen(actions, 2, Str(stderrPath),
                    TestNative.O_WRONLY | TestNative.O_CREAT | TestNative.O_TRUNC, 0x1a4 /* 0644 */), "addopen stderr");
            }
            int pid;
            int error = TestNative.posix_spawn(&pid, Str(path), actions, attributes, Vec(argv),
                Vec(environment ?? ["PATH=/usr/local/bin:/usr/bin:/bin"]));
            Check(error, $"posix_spawn {path}");
            return pid;
        }
        finally
        {
            TestNative.posix_spawn_file_actions_destroy(actions);
            TestNative.posix_spawnattr_destroy(attributes);
            NativeMemory.Free(actions);
            NativeMemory.Free(attributes);
            NativeMemory.Free(mask);
            NativeMemory.Free(defaults);
            foreach (nint p in blocks) NativeMemory.Free((void*)p);
        }
    }

    private static void Check(int error, string what)
    {
        if (error != 0) throw new InvalidOperationException($"{what} failed: errno {error}");
    }
}
