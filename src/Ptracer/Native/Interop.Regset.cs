using System.Runtime.InteropServices;

namespace Ptracer.Native;

/// <summary>
/// ptrace requests and kernel structs for saving and restoring a whole process (snapshot/restore): register sets,
/// the signal mask, the rseq registration and the robust futex list.
/// </summary>
internal static unsafe partial class Interop
{
    internal static class Regset
    {
        // linux/ptrace.h.
        public const long GETSIGMASK = 0x420a, SETSIGMASK = 0x420b, GET_RSEQ_CONFIGURATION = 0x420f;

        // linux/elf.h note types for PTRACE_GETREGSET/SETREGSET.
        public const int NT_PRSTATUS = 1, NT_X86_XSTATE = 0x202;

        // linux/prctl.h; asm/prctl.h.
        public const int PR_SET_MM = 35, PR_SET_MM_MAP = 14, ARCH_MAP_VDSO_64 = 0x2003;
    }

    /// <summary>Syscall numbers a restorer injects into the tracee (asm/unistd_64.h).</summary>
    internal static class InjectNo
    {
        public const long close = 3, mmap = 9, mprotect = 10, munmap = 11, brk = 12, rt_sigaction = 13;
        public const long lseek = 8, dup3 = 292, prctl = 157, arch_prctl = 158, set_tid_address = 218;
        public const long openat = 257, set_robust_list = 273, get_robust_list = 274, rseq = 334;
    }

    internal static partial class Libc
    {
        [LibraryImport(LibraryName, EntryPoint = "syscall", SetLastError = true)]
        internal static partial long syscall3(long number, long a0, long a1, long a2);

        [LibraryImport(LibraryName, EntryPoint = "stat", SetLastError = true)]
        private static partial int stat_([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* buf);

        /// <summary>stat(2)'s st_mode file type (S_IFMT bits), 0 if the path cannot be stat'ed.</summary>
        internal static uint FileType(string path)
        {
            // x86_64 struct stat is 144 bytes; st_mode is the u32 at offset 24 (after st_dev, st_ino, st_nlink).
            byte* buf = stackalloc byte[144];
            return stat_(path, buf) == 0 ? *(uint*)(buf + 24) & S_IFMT : 0;
        }

        internal const uint S_IFMT = 0xf000, S_IFREG = 0x8000, S_IFCHR = 0x2000;
    }
}

/// <summary>struct ptrace_rseq_configuration (linux/ptrace.h), 24 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct RseqConfiguration
{
    public ulong AbiPointer;
    public uint AbiSize;
    public uint Signature;
    public uint Flags;
    public uint Pad;
}

/// <summary>struct prctl_mm_map (linux/prctl.h) for prctl(PR_SET_MM, PR_SET_MM_MAP), 104 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PrctlMmMap
{
    public ulong StartCode, EndCode, StartData, EndData, StartBrk, Brk, StartStack;
    public ulong ArgStart, ArgEnd, EnvStart, EnvEnd;
    public ulong Auxv;
    public uint AuxvSize;
    public uint ExeFd;
}
