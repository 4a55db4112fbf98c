using Ptracer.Engine;
using Ptracer.Syscalls;

namespace Ptracer.Strace;

/// <summary>
/// The i386 multiplexers socketcall(call, args) and ipc(call, first, second, third, ptr, fifth): strace decodes each
/// as the call it stands for and names, filters and counts it as that call. The i386 table numbers the subcalls past
/// the kernel's syscalls (tools/gen-syscalls.py, SOCKET_SUBCALLS and IPC_SUBCALLS), as strace's syscallent does.
/// </summary>
public static class I386Subcalls
{
    public const int Socketcall = 102, Ipc = 117;
    public const int FirstSocketSubcall = 500, FirstIpcSubcall = 530;
    private const int LastSocketCall = 20;

    /// <summary>True for a pseudo-number of a subcall (its multiplexer must stop for it to be seen).</summary>
    public static int? MultiplexerOf(int number) => number switch
    {
        >= FirstIpcSubcall and < FirstIpcSubcall + 30 => Ipc,
        >= FirstSocketSubcall and < FirstIpcSubcall => Socketcall,
        _ => null,
    };

    /// <summary>
    /// When the stop is an i386 socketcall or ipc that strace decodes as a subcall: the subcall's number and definition,
    /// with <paramref name="args"/> replaced by the subcall's arguments in its own order. Otherwise false and nothing
    /// changed (strace prints such a call as the multiplexer itself).
    /// </summary>
    /// <param name="resultAddress">
    /// Where the kernel writes the subcall's result instead of returning it (ipc SHMAT stores the attach address at
    /// third and returns 0; strace prints the stored address), or 0.
    /// </param>
    internal static bool TryResolve(Tracee tracee, Span<ulong> args, out int number, out SyscallDef def, out ulong resultAddress)
    {
        number = 0;
        def = null!;
        resultAddress = 0;
        if (tracee.Arch != SyscallArch.I386) return false;
        return tracee.SyscallNumber switch
        {
            Socketcall => TryResolveSocketcall(tracee, args, out number, out def),
            Ipc => TryResolveIpc(args, out number, out def, out resultAddress),
            _ => false,
        };
    }

    /// <summary>socketcall: the arguments are an array of 32-bit words at args (linux/net.h).</summary>
    private static bool TryResolveSocketcall(Tracee tracee, Span<ulong> args, out int number, out SyscallDef def)
    {
        number = 0;
        def = null!;
        uint call = (uint)args[0];
        if (call is < 1 or > LastSocketCall) return false;
        SyscallDef? subcall = SyscallTable.I386.ByNumber(FirstSocketSubcall + (int)call);
        if (subcall is null) return false;
        int count = subcall.Args.Length;
        Span<byte> words = stackalloc byte[4 * 6];
        // strace reads the array at the whole register, as it prints it (a failed read leaves socketcall as it is).
        if (!tracee.Memory.TryRead(args[1], words[..(4 * count)])) return false;
        for (int i = 0; i < 6; i++)
            args[i] = i < count ? BitConverter.ToUInt32(words.Slice(4 * i, 4)) : 0;
        number = FirstSocketSubcall + (int)call;
        def = subcall;
        return true;
    }

    /// <summary>
    /// ipc: the call's low 16 bits name it (the high ones are a version); its operands move to the direct syscall's
    /// order as the kernel's ksys_ipc passes them (ipc/syscall.c). msgrcv, which the kernel reads through struct
    /// ipc_kludge, stays ipc(...).
    /// </summary>
    private static bool TryResolveIpc(Span<ulong> args, out int number, out SyscallDef def, out ulong resultAddress)
    {
        number = 0;
        def = null!;
        resultAddress = 0;
        uint call = (uint)args[0] & 0xffff;
        ulong first = args[1], second = args[2], third = args[3], ptr = args[4], fifth = args[5];
        Span<ulong> ordered = stackalloc ulong[6];
        switch (call)
        {
            case 1: Set(ordered, first, ptr, second); break;            // semop(semid, sops, nsops)
            case 2: Set(ordered, first, second, third); break;          // semget(key, nsems, semflg)
            case 3: Set(ordered, first, second, third, ptr); break;     // semctl(semid, semnum, cmd, &arg)
            case 4: Set(ordered, first, ptr, second, fifth); break;     // semtimedop(semid, sops, nsops, timeout)
            case 11: Set(ordered, first, ptr, second, third); break;    // msgsnd(msqid, msgp, msgsz, msgflg)
            case 13: Set(ordered, first, second); break;                // msgget(key, msgflg)
            case 14: Set(ordered, first, second, ptr); break;           // msgctl(msqid, cmd, buf)
            case 21:                                                    // shmat(shmid, shmaddr, shmflg), version 0
                if ((uint)args[0] >> 16 != 0) return false;
                Set(ordered, first, ptr, second);
                resultAddress = third;
                break;
            case 22: Set(ordered, ptr); break;                          // shmdt(shmaddr)
            case 23: Set(ordered, first, second, third); break;         // shmget(key, size, shmflg)
            case 24: Set(ordered, first, second, ptr); break;           // shmctl(shmid, cmd, buf)
            default: return false;
        }
        SyscallDef? subcall = SyscallTable.I386.ByNumber(FirstIpcSubcall + (int)call);
        if (subcall is null) return false;
        ordered.CopyTo(args);
        number = FirstIpcSubcall + (int)call;
        def = subcall;
        return true;
    }

    private static void Set(Span<ulong> to, ulong a, ulong b = 0, ulong c = 0, ulong d = 0)
    {
        to.Clear();
        to[0] = a;
        to[1] = b;
        to[2] = c;
        to[3] = d;
    }
}
