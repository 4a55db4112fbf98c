namespace Ptracer.Native;

/// <summary>Kernel ABI constants for x86_64 (linux/ptrace.h, sys/wait.h, linux/seccomp.h, linux/audit.h).</summary>
internal static partial class Interop
{
    internal static class Ptrace
    {
        public const long TRACEME = 0, PEEKDATA = 2, PEEKUSER = 3, POKEDATA = 5, CONT = 7, KILL = 8, DETACH = 17;
        public const long GETREGS = 12, SETREGS = 13, ATTACH = 16, SYSCALL = 24;
        public const long SETOPTIONS = 0x4200, GETEVENTMSG = 0x4201, GETSIGINFO = 0x4202, SETSIGINFO = 0x4203;
        public const long GETREGSET = 0x4204, SETREGSET = 0x4205, SEIZE = 0x4206, INTERRUPT = 0x4207, LISTEN = 0x4208;
        public const long GET_SYSCALL_INFO = 0x420e;

        public const int O_TRACESYSGOOD = 1, O_TRACEFORK = 1 << 1, O_TRACEVFORK = 1 << 2, O_TRACECLONE = 1 << 3;
        public const int O_TRACEEXEC = 1 << 4, O_TRACEVFORKDONE = 1 << 5, O_TRACEEXIT = 1 << 6, O_TRACESECCOMP = 1 << 7;
        public const int O_EXITKILL = 1 << 20;

        public const int EVENT_FORK = 1, EVENT_VFORK = 2, EVENT_CLONE = 3, EVENT_EXEC = 4, EVENT_VFORK_DONE = 5;
        public const int EVENT_EXIT = 6, EVENT_SECCOMP = 7, EVENT_STOP = 128;

        public const byte SYSCALL_INFO_NONE = 0, SYSCALL_INFO_ENTRY = 1, SYSCALL_INFO_EXIT = 2, SYSCALL_INFO_SECCOMP = 3;
    }

    internal static class Wait
    {
        public const int WNOHANG = 1, WUNTRACED = 2, WCONTINUED = 8;
        public const int __WNOTHREAD = 0x20000000, __WALL = 0x40000000;
    }

    internal static class Signals
    {
        public const int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGTRAP = 5, SIGKILL = 9, SIGPIPE = 13, SIGTERM = 15;
        public const int SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22;
        public const int NSIG = 64;
        public const int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    }

    internal static class Audit
    {
        // linux/audit.h: AUDIT_ARCH_X86_64 = EM_X86_64 | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE; i386 = EM_386 | LE.
        public const uint ARCH_X86_64 = 0xC000003E;
        public const uint ARCH_I386 = 0x40000003;
    }

    internal static class Errno
    {
        public const int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, EBADF = 9, ECHILD = 10, EAGAIN = 11;
        public const int ENOMEM = 12, EACCES = 13, EFAULT = 14, EINVAL = 22, ENOSYS = 38;
    }

    internal static class Flags
    {
        /// <summary>mmap(2) protections and flags (asm-generic/mman-common.h).</summary>
        public const int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4, MAP_PRIVATE = 2, MAP_ANONYMOUS = 0x20;
        public const int MAP_NORESERVE = 0x4000, MAP_STACK = 0x20000;
        /// <summary>close_range(2): mark close-on-exec instead of closing (linux/close_range.h).</summary>
        public const uint CLOSE_RANGE_CLOEXEC = 4;
        public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CLOEXEC = 0x80000, O_NONBLOCK = 0x800;
        public const int F_GETFD = 1, F_SETFD = 2, FD_CLOEXEC = 1;
        public const int CLOCK_MONOTONIC = 1, CLOCK_REALTIME = 0;
        public const int RUSAGE_SELF = 0, RUSAGE_CHILDREN = -1;
    }

    /// <summary>x86_64 syscall numbers the engine and spawn path call directly (asm/unistd_64.h).</summary>
    internal static class SysNo
    {
        public const long read = 0, write = 1, close = 3, rt_sigaction = 13, rt_sigprocmask = 14, dup2 = 33;
        public const long getpid = 39, clone = 56, execve = 59, exit = 60, kill = 62, fcntl = 72, chdir = 80;
        public const long setpgid = 109, setsid = 112, prctl = 157, gettid = 186, exit_group = 231, dup3 = 292;
        public const long prlimit64 = 302, seccomp = 317, close_range = 436;
        public const long setuid = 105, setgid = 106, setgroups = 116, setresuid = 117, setresgid = 119;
    }
}
