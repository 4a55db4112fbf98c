namespace Ptracer.Seccomp;

/// <summary>Byte offsets into struct seccomp_data (linux/seccomp.h): int nr; __u32 arch; __u64 ip; __u64 args[6].</summary>
public static class SeccompDataLayout
{
    public const uint Nr = 0, Arch = 4, InstructionPointer = 8, Args = 16, Size = 64;

    /// <summary>The low 32 bits of args[index]: x86 is little-endian, so the low word comes first.</summary>
    public static uint ArgLow(int index) => Args + 8 * (uint)index;

    public static uint ArgHigh(int index) => ArgLow(index) + 4;
}
