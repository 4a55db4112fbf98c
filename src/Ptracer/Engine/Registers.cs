using Ptracer.Native;

namespace Ptracer.Engine;

/// <summary>
/// x86_64 register accessors for syscall stops (sys/user.h user_regs_struct; syscall(2) "Architecture calling
/// conventions": number in orig_rax, arguments in rdi, rsi, rdx, r10, r8, r9, result in rax).
/// </summary>
public static class Registers
{
    /// <summary>Argument <paramref name="index"/> (0-5) of the syscall.</summary>
    public static ulong GetArgument(in UserRegs r, int index) => index switch
    {
        0 => r.Rdi,
        1 => r.Rsi,
        2 => r.Rdx,
        3 => r.R10,
        4 => r.R8,
        5 => r.R9,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public static void SetArgument(ref UserRegs r, int index, ulong value)
    {
        switch (index)
        {
            case 0: r.Rdi = value; break;
            case 1: r.Rsi = value; break;
            case 2: r.Rdx = value; break;
            case 3: r.R10 = value; break;
            case 4: r.R8 = value; break;
            case 5: r.R9 = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(index));
        }
    }

    // execve(path, argv, envp) and execveat(dirfd, path, argv, envp, flags): the vectors sit one slot later in execveat.
    public static int ExecPathIndex(bool isExecveat) => isExecveat ? 1 : 0;
    public static int ExecArgvIndex(bool isExecveat) => isExecveat ? 2 : 1;
    public static int ExecEnvpIndex(bool isExecveat) => isExecveat ? 3 : 2;

    public static ulong ExecPath(in UserRegs r, bool isExecveat) => GetArgument(r, ExecPathIndex(isExecveat));
    public static ulong ExecArgv(in UserRegs r, bool isExecveat) => GetArgument(r, ExecArgvIndex(isExecveat));
    public static ulong ExecEnvp(in UserRegs r, bool isExecveat) => GetArgument(r, ExecEnvpIndex(isExecveat));
    public static void SetExecPath(ref UserRegs r, bool isExecveat, ulong v) => SetArgument(ref r, ExecPathIndex(isExecveat), v);
    public static void SetExecArgv(ref UserRegs r, bool isExecveat, ulong v) => SetArgument(ref r, ExecArgvIndex(isExecveat), v);
    public static void SetExecEnvp(ref UserRegs r, bool isExecveat, ulong v) => SetArgument(ref r, ExecEnvpIndex(isExecveat), v);

    /// <summary>The x86_64 red zone (System V ABI 3.2.2): 128 bytes below rsp a leaf function may use.</summary>
    public const ulong RedZone = 128;

    /// <summary>The highest address below the stack pointer that a tracer may scratch on.</summary>
    public static ulong ScratchTop(in UserRegs r) => (r.Rsp - RedZone) & ~15UL;

    /// <summary>
    /// Turns the pending syscall into one the kernel does not run: orig_rax = -1 makes the entry path skip it and
    /// return -ENOSYS, which the tracer then replaces at the exit stop.
    /// </summary>
    public static void BlockSyscall(ref UserRegs r) => r.OrigRax = ulong.MaxValue;
}
