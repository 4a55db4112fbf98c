using System.Runtime.InteropServices;

namespace Ptracer.Native;

/// <summary>struct iovec (uio.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Iovec
{
    public nint Base;
    public nint Length;
}

/// <summary>struct timespec.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    public long Seconds;
    public long Nanoseconds;
}

/// <summary>struct timeval.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct Timeval
{
    public long Seconds;
    public long Microseconds;
}

/// <summary>struct rusage (sys/resource.h): two timevals then fourteen longs; ru_maxrss is in KiB.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct Rusage
{
    public Timeval UserTime;
    public Timeval SystemTime;
    public long MaxRss;
    public fixed long Rest[13];
}

/// <summary>The kernel's struct sigaction for rt_sigaction on x86_64 (arch/x86/include/uapi/asm/signal.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct KernelSigaction
{
    public nint Handler;
    public ulong Flags;
    public nint Restorer;
    public ulong Mask;
}

/// <summary>struct rlimit64 as prlimit64(2) takes it.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ResourceLimit
{
    public int Resource;
    public ulong Soft;
    public ulong Hard;

    public ResourceLimit(int resource, ulong soft, ulong hard)
    {
        Resource = resource;
        Soft = soft;
        Hard = hard;
    }
}

/// <summary>struct user_regs_struct (sys/user.h, x86_64): 27 unsigned longs.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct UserRegs
{
    public ulong R15, R14, R13, R12, Rbp, Rbx, R11, R10, R9, R8, Rax, Rcx, Rdx, Rsi, Rdi, OrigRax, Rip, Cs, Eflags, Rsp, Ss, FsBase, GsBase, Ds, Es, Fs, Gs;
}

/// <summary>struct ptrace_syscall_info (linux/ptrace.h), 88 bytes. The union starts at offset 24.</summary>
[StructLayout(LayoutKind.Explicit, Size = 88)]
internal unsafe struct PtraceSyscallInfo
{
    [FieldOffset(0)] public byte Op;
    [FieldOffset(4)] public uint Arch;
    [FieldOffset(8)] public ulong InstructionPointer;
    [FieldOffset(16)] public ulong StackPointer;
    // entry and seccomp: nr, args[6]; seccomp adds ret_data at 80.
    [FieldOffset(24)] public ulong Nr;
    [FieldOffset(32)] public fixed ulong Args[6];
    [FieldOffset(80)] public uint SeccompRetData;
    // exit: rval, is_error.
    [FieldOffset(24)] public long ReturnValue;
    [FieldOffset(32)] public byte IsError;
}

/// <summary>struct seccomp_data (linux/seccomp.h), what a seccomp filter sees.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct SeccompData
{
    public int Nr;
    public uint Arch;
    public ulong InstructionPointer;
    public fixed ulong Args[6];
}

/// <summary>struct sock_filter (linux/filter.h): one classic BPF instruction.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct SockFilter
{
    public ushort Code;
    public byte JumpTrue;
    public byte JumpFalse;
    public uint K;

    public SockFilter(ushort code, byte jt, byte jf, uint k)
    {
        Code = code;
        JumpTrue = jt;
        JumpFalse = jf;
        K = k;
    }
}

/// <summary>struct sock_fprog (linux/filter.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SockFprog
{
    public ushort Length;
    public SockFilter* Filter;
}

/// <summary>struct pollfd (poll.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public const short POLLIN = 1;
    public int Fd;
    public short Events;
    public short Revents;
}
