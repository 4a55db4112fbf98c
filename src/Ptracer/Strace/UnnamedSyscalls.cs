using Ptracer.Syscalls;

namespace Ptracer.Strace;

/// <summary>
/// Definitions for numbers no table names, printed as strace does: syscall_0x1c3(0x1, 0x2, 0x3, 0x4, 0x5, 0x6).
/// Made once per number and kept (a program that makes such calls makes them again).
/// </summary>
internal static class UnnamedSyscalls
{
    private static readonly Dictionary<(SyscallArch, int), SyscallDef> s_cache = [];
    private static readonly ArgKind[] s_sixHex = [ArgKind.Hex, ArgKind.Hex, ArgKind.Hex, ArgKind.Hex, ArgKind.Hex, ArgKind.Hex];

    public static SyscallDef For(SyscallArch arch, int number)
    {
        if (!s_cache.TryGetValue((arch, number), out SyscallDef? def))
        {
            def = new SyscallDef($"syscall_0x{number:x}", number, s_sixHex, ReturnKind.Decimal, SyscallClass.None);
            s_cache.Add((arch, number), def);
        }
        return def;
    }
}
