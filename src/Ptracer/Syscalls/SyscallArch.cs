namespace Ptracer.Syscalls;

/// <summary>The system call ABI a stop was made through (AUDIT_ARCH_* in ptrace_syscall_info.arch).</summary>
public enum SyscallArch : byte
{
    X86_64,
    /// <summary>int 0x80 or a 32-bit process: the i386 table applies.</summary>
    I386,
    /// <summary>x32: x86_64 numbers with bit 30 (__X32_SYSCALL_BIT) set.</summary>
    X32,
}
