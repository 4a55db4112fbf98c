namespace Ptracer.Syscalls;

/// <summary>strace's syscall classes (-e trace=%file, ...). A syscall can be in several.</summary>
[Flags]
public enum SyscallClass : uint
{
    None = 0,
    File = 1 << 0,        // %file: takes a file name
    Process = 1 << 1,     // %process: process lifecycle
    Network = 1 << 2,     // %network (%net)
    Signal = 1 << 3,      // %signal
    Ipc = 1 << 4,         // %ipc
    Desc = 1 << 5,        // %desc: takes or returns a file descriptor
    Memory = 1 << 6,      // %memory
    Creds = 1 << 7,       // %creds
    Clock = 1 << 8,       // %clock
    Stat = 1 << 9,        // %stat
    LStat = 1 << 10,      // %lstat
    FStat = 1 << 11,      // %fstat
    StatLike = 1 << 12,   // %%stat
    StatFs = 1 << 13,     // %statfs
    FStatFs = 1 << 14,    // %fstatfs
    StatFsLike = 1 << 15, // %%statfs
    Pure = 1 << 16,       // %pure: no arguments, always succeed
    SeccompDefault = 1 << 17, // %seccomp_default
}
