using System.Runtime.InteropServices;
using System.Text;
using Ptracer.Native;

namespace Ptracer.Spawn;

/// <summary>A forked child stopped before exec, and the pipe on which it reports a failure to reach exec.</summary>
public readonly record struct SpawnedChild(int Pid, int ErrorPipe);

/// <summary>The parent side of the fork child: prepares the child's memory, forks with signals blocked, cleans up.</summary>
internal static unsafe class Spawner
{
    private static readonly nint s_syscall = NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "syscall");
    private static readonly nint s_environ = NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "environ");
    private static readonly nint s_errnoLocation = NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "__errno_location");

    /// <summary>
    /// Forks a child that stops itself with SIGSTOP before exec. Must be called on the tracer thread.
    /// The caller seizes it, sends SIGCONT, and reads <see cref="SpawnedChild.ErrorPipe"/> if it exits before exec.
    /// </summary>
    public static SpawnedChild Fork(SpawnOptions options)
    {
        using var arena = new NativeArena();
        ChildSpec* spec = arena.Alloc<ChildSpec>(1);
        spec->Syscall = (delegate* unmanaged[SuppressGCTransition]<long, long, long, long, long, long, long, long>)s_syscall;
        spec->SyscallAtSafePoint = (delegate* unmanaged<long, long, long, long, long, long, long, long>)s_syscall;
        spec->ErrnoLocation = (delegate* unmanaged[SuppressGCTransition]<int*>)s_errnoLocation;
        spec->Path = arena.CString(options.Program);
        spec->Argv = arena.CStringArray(options.Arguments);
        // Inheriting passes the process's own environ array, in its order, as execve callers do.
        spec->Envp = options.Environment is null ? *(byte***)s_environ : arena.CStringArray(options.Environment);
        spec->WorkingDirectory = options.WorkingDirectory is null ? null : arena.CString(options.WorkingDirectory);
        if (options.FileDescriptors is { } fds)
        {
            spec->FdMap = arena.Alloc<int>(fds.Count);
            spec->FdCount = fds.Count;
            for (int i = 0; i < fds.Count; i++) spec->FdMap[i] = fds[i];
        }
        spec->LimitCount = options.ResourceLimits.Count;
        spec->Limits = arena.Alloc<ResourceLimit>(Math.Max(1, spec->LimitCount));
        for (int i = 0; i < spec->LimitCount; i++) spec->Limits[i] = options.ResourceLimits[i];
        spec->NewProcessGroup = options.NewProcessGroup ? 1 : 0;
        if (options.Credentials is { } user)
        {
            spec->SetCredentials = 1;
            spec->Uid = user.Uid;
            spec->Gid = user.Gid;
            spec->GroupCount = user.Groups.Count;
            spec->Groups = arena.Alloc<uint>(Math.Max(1, user.Groups.Count));
            for (int i = 0; i < user.Groups.Count; i++) spec->Groups[i] = user.Groups[i];
        }
        if (options.SeccompFilter is { Count: > 0 } filter)
        {
            SockFilter* program = arena.Alloc<SockFilter>(filter.Count);
            for (int i = 0; i < filter.Count; i++) program[i] = filter[i];
            spec->Filter = arena.Alloc<SockFprog>(1);
            spec->Filter->Length = checked((ushort)filter.Count);
            spec->Filter->Filter = program;
        }
        spec->DefaultAction = arena.Alloc<KernelSigaction>(1);
        spec->EmptyMask = 0;

        // A fresh pipe per attempt: a replaced child's late "started" record must not speak for its successor.
        int* pipe = stackalloc int[2];
        for (int attempt = 1; ; attempt++)
        {
            if (Interop.Libc.pipe2(pipe, Interop.Flags.O_CLOEXEC) < 0)
                throw new SpawnException(options.Program, SpawnStage.Fork, Marshal.GetLastPInvokeError());
            spec->ErrorPipe = pipe[1];
            int pid = ForkWithSignalsBlocked(spec);
            Interop.Libc.close(pipe[1]);
            if (pid < 0)
            {
                Interop.Libc.close(pipe[0]);
                throw new SpawnException(options.Program, SpawnStage.Fork, -pid);
            }
            if (ChildStarted.Wait(pid, pipe[0], attempt)) return new SpawnedChild(pid, pipe[0]);
            Interop.Libc.close(pipe[0]);
            if (attempt == ChildStarted.Attempts) throw new SpawnException(options.Program, SpawnStage.Fork, Interop.Errno.EAGAIN);
        }
    }

    /// <summary>Reads the child's {stage, errno} report; null when the pipe closed without one (exec succeeded).</summary>
    /// <remarks>The "started" record (stage 0) was consumed by <see cref="ChildStarted.Wait"/> before.</remarks>
    public static (SpawnStage Stage, int Errno)? ReadFailure(int errorPipe)
    {
        int* report = stackalloc int[2];
        nint n;
        do n = Interop.Libc.read(errorPipe, report, 8);
        while (n < 0 && Marshal.GetLastPInvokeError() == Interop.Errno.EINTR);
        return n == 8 ? ((SpawnStage)report[0], report[1]) : null;
    }

    // Blocking every signal around fork keeps a runtime handler from running in the child before it resets them.
    private static int ForkWithSignalsBlocked(ChildSpec* spec)
    {
        ulong all = ulong.MaxValue, old;
        Interop.Libc.pthread_sigmask(Interop.Signals.SIG_SETMASK, &all, &old);
        try
        {
            return ForkChild.Fork(spec);
        }
        finally
        {
            Interop.Libc.pthread_sigmask(Interop.Signals.SIG_SETMASK, &old, null);
        }
    }

    /// <summary>Unmanaged allocations freed together once the parent has forked (the child has its own copy).</summary>
    private sealed class NativeArena : IDisposable
    {
        private readonly List<nint> _blocks = [];

        public T* Alloc<T>(int count) where T : unmanaged
        {
            void* p = NativeMemory.AllocZeroed((nuint)Math.Max(1, count), (nuint)sizeof(T));
            _blocks.Add((nint)p);
            return (T*)p;
        }

        public byte* CString(string s)
        {
            int n = Encoding.UTF8.GetByteCount(s);
            byte* p = Alloc<byte>(n + 1);
            Encoding.UTF8.GetBytes(s, new Span<byte>(p, n));
            return p;
        }

        public byte** CStringArray(IReadOnlyList<string> strings)
        {
            byte** array = (byte**)Alloc<nint>(strings.Count + 1);
            for (int i = 0; i < strings.Count; i++) array[i] = CString(strings[i]);
            return array;
        }

        public void Dispose()
        {
            foreach (nint p in _blocks) NativeMemory.Free((void*)p);
        }
    }
}
