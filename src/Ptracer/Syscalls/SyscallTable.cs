namespace Ptracer.Syscalls;

/// <summary>
/// The syscall tables of the ABIs a tracee can use, generated from the kernel headers and
/// syscalls.spec by tools/gen-syscalls.py.
/// </summary>
public static partial class SyscallTable
{
    /// <summary>__X32_SYSCALL_BIT: x32 numbers are x86_64 numbers with this bit set.</summary>
    public const long X32SyscallBit = 0x40000000;

    /// <summary>The x86_64 table (also used for x32 once <see cref="X32SyscallBit"/> is cleared).</summary>
    public static SyscallTableSet X86_64 { get; } = new(X86_64Size, CreateX86_64Entry, X86_64Name, X86_64NameOrder);

    /// <summary>The i386 table (32-bit processes and int 0x80).</summary>
    public static SyscallTableSet I386 { get; } = new(I386Size, CreateI386Entry, I386Name, I386NameOrder);

    /// <summary>The table whose numbers <paramref name="arch"/> uses.</summary>
    public static SyscallTableSet For(SyscallArch arch) => arch == SyscallArch.I386 ? I386 : X86_64;

    /// <summary>The syscall <paramref name="number"/> names under <paramref name="arch"/>, or null if it has none.</summary>
    public static SyscallDef? Lookup(SyscallArch arch, long number)
    {
        if (arch == SyscallArch.X32)
            number &= ~X32SyscallBit;
        return For(arch).ByNumber(number);
    }
}
