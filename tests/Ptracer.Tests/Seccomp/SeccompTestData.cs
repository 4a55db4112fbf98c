using Ptracer.Native;

namespace Ptracer.Tests.Seccomp;

/// <summary>Builds synthetic seccomp_data values.</summary>
internal static class SeccompTestData
{
    // linux/audit.h
    public const uint ArchX86_64 = 0xC000003E, ArchI386 = 0x40000003, ArchAarch64 = 0xC00000B7, ArchX32Bit = 0x40000000;

    public static SeccompData X86_64(int nr, params ulong[] args) => Make(ArchX86_64, nr, args);

    public static SeccompData I386(int nr, params ulong[] args) => Make(ArchI386, nr, args);

    public static unsafe SeccompData Make(uint arch, int nr, params ulong[] args)
    {
        var data = new SeccompData { Nr = nr, Arch = arch, InstructionPointer = 0x401000 };
        for (int i = 0; i < args.Length; i++)
            data.Args[i] = args[i];
        return data;
    }

    public static unsafe ulong Arg(in SeccompData data, int index)
    {
        SeccompData copy = data;
        return copy.Args[index];
    }
}
