using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Ptracer.Tests.Differential;

/// <summary>How a child process ended.</summary>
internal readonly record struct ChildExit(string Kind, int Value)
{
    public static readonly ChildExit Timeout = new("timeout", 0);

    public override string ToString() => Kind switch
    {
        "exit" => $"exited with {Value}",
        "signal" => $"killed by signal {Value}",
        _ => Kind,
    };
}

/// <summary>The result of <see cref="ChildProcess.Run"/>.</summary>
internal sealed record ChildResult(ChildExit Exit, byte[] Stdout, byte[] Stderr);

/// <summary>
/// Runs a command with posix_spawn, which (unlike System.Diagnostics.Process)
/// gives exact control over what the child inherits, as strace-diff's
/// subprocess.run does: stdin is /dev/null, stdout and stderr are pipes, the
/// environment is exactly the one given, every signal disposition is reset to
/// the default and the signal mask is empty (the .NET runtime ignores
/// SIGPIPE, and ignored signals survive exec), and the working directory is
/// set. The child stays in the caller's process group and session (the traced
/// programs print getpgrp/getsid, which must be the same for both tracers).
/// </summary>
internal static unsafe partial class ChildProcess
{
    private const int O_RDONLY = 0;
    private const int O_CLOEXEC = 0x80000;
    private const short POSIX_SPAWN_SETSIGDEF = 0x04;
    private const short POSIX_SPAWN_SETSIGMASK = 0x08;
    private const int SIGKILL = 9;
    private const int EINTR = 4;

    // glibc x86_64: posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t
    // 336 and sigset_t 128; allocate generously.
    private const int OpaqueSize = 1024;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int pipe2(int* fds, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);

    [LibraryImport("libc")]
    private static partial int posix_spawn_file_actions_init(void* actions);

    [LibraryImport("libc")]
    private static partial int posix_spawn_file_actions_destroy(void* actions);

    [LibraryImport("libc")]
    private static partial int posix_spawn_file_actions_addopen(void* actions, int fd, byte* path, int oflag, uint mode);

    [LibraryImport("libc")]
    private static partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newfd);

    [LibraryImport("libc")]
    private static partial int posix_spawn_file_actions_addchdir_np(void* actions, byte* path);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_init(void* attr);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_destroy(void* attr);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_setflags(void* attr, short flags);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_setsigmask(void* attr, void* sigset);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_setsigdefault(void* attr, void* sigset);

    [LibraryImport("libc")]
    private static partial int sigemptyset(void* set);

    [LibraryImport("libc")]
    private static partial int sigfillset(void* set);

    [LibraryImport("libc")]
    private static partial int posix_spawn(int* pid, byte* path, void* actions, void* attr, byte** argv, byte** envp);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int waitpid(int pid, int* status, int options);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);

    /// <summary>
    /// Run <paramref name="argv"/> (argv[0] is looked up in the PATH of
    /// <paramref name="env"/> when it has no slash) in <paramref name="cwd"/>,
    /// killing it and all its descendants after <paramref name="timeout"/>.
    /// </summary>
    public static ChildResult Run(IReadOnlyList<string> argv, IReadOnlyList<string> env, string cwd, TimeSpan timeout)
    {
        var path = Resolve(argv[0], env);
        int* outPipe = stackalloc int[2];
        int* errPipe = stackalloc int[2];
        if (pipe2(outPipe, O_CLOEXEC) != 0)
            throw new IOException("pipe2 failed: errno " + Marshal.GetLastPInvokeError());
        if (pipe2(errPipe, O_CLOEXEC) != 0)
        {
            close(outPipe[0]);
            close(outPipe[1]);
            throw new IOException("pipe2 failed: errno " + Marshal.GetLastPInvokeError());
        }

        var strings = new List<nint>();
        byte* Native(string s)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            var p = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
            bytes.CopyTo(new Span<byte>(p, bytes.Length));
            p[bytes.Length] = 0;
            strings.Add((nint)p);
            return p;
        }
        byte** Vector(IReadOnlyList<string> items)
        {
            var v = (byte**)NativeMemory.Alloc((nuint)(items.Count + 1), (nuint)sizeof(byte*));
            for (int i = 0; i < items.Count; i++)
                v[i] = Native(items[i]);
            v[items.Count] = null;
            strings.Add((nint)v);
            return v;
        }

        void* actions = NativeMemory.AllocZeroed(OpaqueSize);
        void* attr = NativeMemory.AllocZeroed(OpaqueSize);
        void* empty = NativeMemory.AllocZeroed(OpaqueSize);
        void* all = NativeMemory.AllocZeroed(OpaqueSize);
        int pid = 0;
        try
        {
            posix_spawn_file_actions_init(actions);
            posix_spawnattr_init(attr);
            Check(posix_spawn_file_actions_addopen(actions, 0, Native("/dev/null"), O_RDONLY, 0), "addopen");
            Check(posix_spawn_file_actions_adddup2(actions, outPipe[1], 1), "adddup2");
            Check(posix_spawn_file_actions_adddup2(actions, errPipe[1], 2), "adddup2");
            Check(posix_spawn_file_actions_addchdir_np(actions, Native(cwd)), "addchdir_np");
            sigemptyset(empty);
            sigfillset(all);
            Check(posix_spawnattr_setsigmask(attr, empty), "setsigmask");
            Check(posix_spawnattr_setsigdefault(attr, all), "setsigdefault");
            Check(posix_spawnattr_setflags(attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK), "setflags");
            Check(posix_spawn(&pid, Native(path), actions, attr, Vector(argv), Vector(env)), "posix_spawn " + path);
        }
        finally
        {
            posix_spawn_file_actions_destroy(actions);
            posix_spawnattr_destroy(attr);
            NativeMemory.Free(actions);
            NativeMemory.Free(attr);
            NativeMemory.Free(empty);
            NativeMemory.Free(all);
            foreach (var p in strings)
                NativeMemory.Free((void*)p);
            close(outPipe[1]);
            close(errPipe[1]);
            if (pid == 0)
            {
                close(outPipe[0]);
                close(errPipe[0]);
            }
        }

        int child = pid;
        var stdout = ReadAllAsync(outPipe[0]);
        var stderr = ReadAllAsync(errPipe[0]);
        var wait = Task.Factory.StartNew(() => Wait(child), TaskCreationOptions.LongRunning);
        ChildExit exit;
        if (wait.Wait(timeout))
        {
            exit = wait.Result;
        }
        else
        {
            KillTree(child);
            wait.Wait();
            exit = ChildExit.Timeout;
        }
        // descendants that outlived the child would keep the pipes open
        if (!Task.WaitAll(new Task[] { stdout, stderr }, TimeSpan.FromSeconds(10)))
        {
            KillTree(child);
            Task.WaitAll(stdout, stderr);
        }
        return new ChildResult(exit, stdout.Result, stderr.Result);
    }

    private static void Check(int rc, string what)
    {
        if (rc != 0)
            throw new IOException($"{what} failed: errno {rc}");
    }

    private static ChildExit Wait(int pid)
    {
        int status;
        while (waitpid(pid, &status, 0) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR)
                throw new IOException("waitpid failed: errno " + errno);
        }
        int sig = status & 0x7f;
        return sig == 0 ? new ChildExit("exit", (status >> 8) & 0xff) : new ChildExit("signal", sig);
    }

    private static Task<byte[]> ReadAllAsync(int fd)
    {
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        return Task.Factory.StartNew(() =>
        {
            using var stream = new FileStream(handle, FileAccess.Read, 1);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }, TaskCreationOptions.LongRunning);
    }

    /// <summary>SIGKILL a process and everything below it (found through /proc), twice to catch forks.</summary>
    public static void KillTree(int root)
    {
        for (int round = 0; round < 2; round++)
        {
            var parents = new Dictionary<int, List<int>>();
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out int pid))
                    continue;
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    // pid (comm) state ppid ...: comm may hold spaces and parentheses
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    int ppid = int.Parse(fields[1]);
                    if (!parents.TryGetValue(ppid, out var kids))
                        parents[ppid] = kids = new List<int>();
                    kids.Add(pid);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
                {
                    // the process is gone
                }
            }
            var victims = new List<int> { root };
            for (int i = 0; i < victims.Count; i++)
            {
                if (parents.TryGetValue(victims[i], out var kids))
                    victims.AddRange(kids);
            }
            foreach (var pid in victims)
                kill(pid, SIGKILL);
        }
    }

    private static string Resolve(string file, IReadOnlyList<string> env)
    {
        if (file.Contains('/'))
            return file;
        var path = env.FirstOrDefault(e => e.StartsWith("PATH=", StringComparison.Ordinal))?[5..] ?? "/usr/bin:/bin";
        foreach (var dir in path.Split(':'))
        {
            var candidate = Path.Combine(dir.Length == 0 ? "." : dir, file);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"'{file}' is not in PATH={path}");
    }
}
