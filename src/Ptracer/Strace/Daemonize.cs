using System.Runtime.InteropServices;
using System.Text;
using Ptracer.Native;
using Ptracer.Spawn;

namespace Ptracer.Strace;

/// <summary>
/// -D / -DD / -DDD: the process the shell started becomes the traced command itself, and the tracer runs as a
/// detached grandchild (re-parented to init), -DD in a process group of its own, -DDD in a session of its own
/// (strace(1), -D). The command's process waits until the tracer has attached, then executes the command, so the
/// trace starts with its execve as usual. The tracer is this same program started again with the same arguments
/// and <see cref="RoleVariable"/> telling it its part.
/// </summary>
public static unsafe class Daemonize
{
    /// <summary>"STAGE:PID:FD:LEVEL": STAGE 1 is the intermediate child, 2 the tracer; PID the process to attach.</summary>
    public const string RoleVariable = "PTRACER_DAEMON_ROLE";

    /// <summary>The role this process was started in, or null for the process the user started.</summary>
    public static (int Stage, int Pid, int ReadyFd, int Level)? Role()
    {
        string? value = Environment.GetEnvironmentVariable(RoleVariable);
        if (value is null) return null;
        string[] parts = value.Split(':');
        return (int.Parse(parts[0]), int.Parse(parts[1]), int.Parse(parts[2]), int.Parse(parts[3]));
    }

    /// <summary>
    /// In the user's process: starts the tracer (through an intermediate child that exits at once, so the tracer is a
    /// grandchild) and waits until it reports that it has attached to this process. False if it never did.
    /// </summary>
    public static bool StartTracer(IReadOnlyList<string> args, int level)
    {
        int* fds = stackalloc int[2];
        if (Interop.Libc.pipe2(fds, Interop.Flags.O_CLOEXEC) < 0) return false;
        const int F_SETFD = 2;
        Interop.Libc.fcntl(fds[1], F_SETFD, 0); // the tracer inherits the write end and closes it once attached
        int stage1 = Spawn(args, $"1:{Environment.ProcessId}:{fds[1]}:{level}");
        Interop.Libc.close(fds[1]);
        if (stage1 > 0)
        {
            int status;
            Interop.Libc.waitpid(stage1, &status, 0);
        }
        byte ready;
        nint n;
        do n = Interop.Libc.read(fds[0], &ready, 1);
        while (n < 0 && Marshal.GetLastPInvokeError() == Interop.Errno.EINTR);
        Interop.Libc.close(fds[0]);
        return n == 1;
    }

    /// <summary>In the intermediate child: starts the tracer and returns (the caller exits, orphaning it).</summary>
    public static void StartGrandchild(IReadOnlyList<string> args, (int Stage, int Pid, int ReadyFd, int Level) role) =>
        Spawn(args, $"2:{role.Pid}:{role.ReadyFd}:{role.Level}");

    /// <summary>In the tracer: a process group (-DD) or session (-DDD) of its own; the variable is not passed on.</summary>
    public static void EnterTracerRole(int level)
    {
        Environment.SetEnvironmentVariable(RoleVariable, null);
        if (level == 2) Interop.Libc.setpgid(0, 0);
        if (level >= 3) Interop.Libc.setsid();
    }

    /// <summary>In the tracer, once attached: wakes the waiting process.</summary>
    public static void ReportAttached(int readyFd)
    {
        byte one = 1;
        Interop.Libc.write(readyFd, &one, 1);
        Interop.Libc.close(readyFd);
    }

    /// <summary>
    /// In the user's process, traced now: becomes the command. SIGPIPE and the other signals the runtime ignores are
    /// reset (exec keeps SIG_IGN) with the signal mask, then -u's credentials are taken. Returns only on failure, with the errno.
    /// </summary>
    public static int Exec(string program, IReadOnlyList<string> argv, IReadOnlyList<string> environment, SpawnUser? user)
    {
        for (int sig = 1; sig <= 31; sig++)
            if (sig is not 9 and not 19) Interop.Libc.signal_(sig, 0 /* SIG_DFL */);
        ulong none = 0;
        Interop.Libc.pthread_sigmask(2 /* SIG_SETMASK */, &none, null);
        if (user is not null)
        {
            uint[] groups = [.. user.SupplementaryGroups];
            fixed (uint* g = groups)
            {
                if (Interop.Libc.setgroups(groups.Length, g) < 0 || Interop.Libc.setgid(user.GroupId) < 0 || Interop.Libc.setuid(user.UserId) < 0)
                    return Marshal.GetLastPInvokeError();
            }
        }
        byte* path = CString(program);
        byte** av = CStringArray(argv);
        byte** env = CStringArray(environment);
        Interop.Libc.execve(path, av, env);
        return Marshal.GetLastPInvokeError();
    }

    /// <summary>/bin/sh -c COMMAND with the given posix_spawn file actions and this environment; the pid (error 0) or 0.</summary>
    internal static int SpawnShell(string command, void* fileActions, out int error)
    {
        var env = new List<string>();
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables()) env.Add($"{e.Key}={e.Value}");
        int pid;
        error = Interop.Libc.posix_spawn(&pid, CString("/bin/sh"), fileActions, null, CStringArray(["sh", "-c", command]), CStringArray(env));
        return error == 0 ? pid : 0;
    }

    private static int Spawn(IReadOnlyList<string> args, string role)
    {
        string self = Environment.ProcessPath ?? "/proc/self/exe";
        var argv = new List<string> { ReadArgv0() };
        // Framework-dependent (dotnet Ptracer.Cli.dll): the host needs the assembly before the arguments.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") argv.Add(Environment.GetCommandLineArgs()[0]);
        argv.AddRange(args);
        var env = new List<string>();
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            if ((string)e.Key != RoleVariable) env.Add($"{e.Key}={e.Value}");
        env.Add($"{RoleVariable}={role}");
        int pid;
        int error = Interop.Libc.posix_spawn(&pid, CString(self), null, null, CStringArray(argv), CStringArray(env));
        return error == 0 ? pid : -error;
    }

    /// <summary>argv[0] as this process got it (a symlink named strace keeps speaking as strace).</summary>
    private static string ReadArgv0()
    {
        byte[] cmdline = File.ReadAllBytes("/proc/self/cmdline");
        int end = Array.IndexOf(cmdline, (byte)0);
        return Encoding.UTF8.GetString(cmdline, 0, end < 0 ? cmdline.Length : end);
    }

    // Left allocated: the process either execs or exits right after.
    private static byte* CString(string s)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(s);
        byte* p = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
        bytes.CopyTo(new Span<byte>(p, bytes.Length));
        p[bytes.Length] = 0;
        return p;
    }

    private static byte** CStringArray(IReadOnlyList<string> items)
    {
        byte** array = (byte**)NativeMemory.Alloc((nuint)(items.Count + 1), (nuint)sizeof(byte*));
        for (int i = 0; i < items.Count; i++) array[i] = CString(items[i]);
        array[items.Count] = null;
        return array;
    }
}
