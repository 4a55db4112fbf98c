using System.Runtime.InteropServices;

namespace Ptracer.Native;

/// <summary>libc entry points used by the tracer. Errors come back through errno (SetLastError).</summary>
internal static unsafe partial class Interop
{
    internal static partial class Libc
    {
        private const string LibraryName = "libc";

        // ptrace(2) is variadic in glibc; on x86_64 integer arguments travel in the same registers either way.
        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial long ptrace(long request, int pid, nint addr, nint data);

        // Non-blocking ptrace requests are cheap syscalls: no GC transition needed.
        [LibraryImport(LibraryName, EntryPoint = "ptrace")]
        [UnmanagedCallConv(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvSuppressGCTransition)])]
        internal static partial long ptrace_fast(long request, int pid, nint addr, nint data);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int waitpid(int pid, int* status, int options);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int wait4(int pid, int* status, int options, Rusage* usage);

        // With WNOHANG wait4 never blocks: no GC transition needed. errno is read through the blocking variant only.
        [LibraryImport(LibraryName, EntryPoint = "wait4")]
        [UnmanagedCallConv(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvSuppressGCTransition)])]
        internal static partial int wait4_fast(int pid, int* status, int options, Rusage* usage);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int kill(int pid, int sig);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int tgkill(int tgid, int tid, int sig);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial nint process_vm_readv(int pid, Iovec* local, ulong liovcnt, Iovec* remote, ulong riovcnt, ulong flags);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial nint process_vm_writev(int pid, Iovec* local, ulong liovcnt, Iovec* remote, ulong riovcnt, ulong flags);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int pipe2(int* fds, int flags);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial nint read(int fd, void* buf, nint count);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial nint write(int fd, void* buf, nint count);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int close(int fd);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int dup(int fd);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int fcntl(int fd, int cmd, int arg);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial nint readlink([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* buf, nint size);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int pthread_sigmask(int how, ulong* set, ulong* oldset);

        [LibraryImport(LibraryName)]
        internal static partial int getpid();

        [LibraryImport(LibraryName)]
        internal static partial int gettid();

        [LibraryImport(LibraryName)]
        internal static partial int getuid();

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int isatty(int fd);

        [LibraryImport(LibraryName)]
        internal static partial nint strerror(int errnum);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int clock_gettime(int clockId, Timespec* ts);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int getrusage(int who, Rusage* usage);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int sigaction(int sig, KernelSigaction* act, KernelSigaction* oldact);

        internal static string StrError(int errno) => Marshal.PtrToStringUTF8(strerror(errno)) ?? $"errno {errno}";
    }
}

internal static unsafe partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int setrlimit(int resource, ulong* rlimit);

        [LibraryImport(LibraryName, EntryPoint = "signal")]
        internal static partial nint signal_(int sig, nint handler);
    }
}

internal static unsafe partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int pidfd_open(int pid, uint flags);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int poll(PollFd* fds, ulong count, int timeout);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int pidfd_send_signal(int pidfd, int sig, void* info, uint flags);
    }
}

internal static unsafe partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial nint mmap(nint addr, nuint length, int prot, int flags, int fd, long offset);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int mprotect(nint addr, nuint length, int prot);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int munmap(nint addr, nuint length);
    }
}
