using Ptracer.Engine;
using Ptracer.Syscalls;

namespace Ptracer.Strace;

/// <summary>
/// i386 socketcall(call, args): strace decodes it as the call it stands for (linux/net.h SYS_SOCKET..SYS_SENDMMSG),
/// with the arguments read from the array args points to, and names, filters and counts it as that call. The i386
/// table numbers the subcalls past the kernel's syscalls (tools/gen-syscalls.py, SOCKET_SUBCALLS).
/// </summary>
public static class SocketSubcalls
{
    public const int SocketcallI386 = 102;
    public const int FirstNumber = 500;
    private const int LastCall = 20;

    /// <summary>
    /// When the stop is an i386 socketcall with a known call and a readable argument array: the subcall's number and
    /// definition, with <paramref name="args"/> replaced by the array's words. Otherwise false and nothing changed
    /// (strace prints such a call as socketcall itself).
    /// </summary>
    internal static bool TryResolve(Tracee tracee, Span<ulong> args, out int number, out SyscallDef def)
    {
        number = 0;
        def = null!;
        if (tracee.Arch != SyscallArch.I386 || tracee.SyscallNumber != SocketcallI386) return false;
        uint call = (uint)args[0];
        if (call is < 1 or > LastCall) return false;
        SyscallDef? subcall = SyscallTable.I386.ByNumber(FirstNumber + (int)call);
        if (subcall is null) return false;
        int count = subcall.Args.Length;
        Span<byte> words = stackalloc byte[4 * 6];
        if (!tracee.Memory.TryRead(args[1], words[..(4 * count)])) return false;
        for (int i = 0; i < 6; i++)
            args[i] = i < count ? BitConverter.ToUInt32(words.Slice(4 * i, 4)) : 0;
        number = FirstNumber + (int)call;
        def = subcall;
        return true;
    }
}
