using Ptracer.Native;
using Ptracer.Syscalls;

namespace Ptracer.Seccomp;

/// <summary>
/// Compiles a <see cref="SeccompPolicy"/> into a cBPF program for SECCOMP_SET_MODE_FILTER.
/// Layout: check arch; x86_64 falls through to its block (x32 numbers first, then a balanced binary search over
/// the syscall numbers); i386 has its own block; anything else returns SECCOMP_RET_KILL_PROCESS.
/// </summary>
public static class SeccompFilterCompiler
{
    public static SockFilter[] Compile(SeccompPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var asm = new BpfAssembler();
        var notX86_64 = asm.NewLabel();
        var unknownArch = asm.NewLabel();

        asm.LoadAbsolute(SeccompDataLayout.Arch);
        asm.JumpIf(BpfJumpCondition.Equal, Interop.Audit.ARCH_X86_64, null, notX86_64);
        EmitX86_64(asm, policy);

        asm.Mark(notX86_64);
        asm.JumpIf(BpfJumpCondition.Equal, Interop.Audit.ARCH_I386, null, unknownArch);
        EmitI386(asm, policy);

        asm.Mark(unknownArch);
        asm.Return(SeccompAction.KillProcess.ReturnValue);
        return asm.Assemble();
    }

    /// <summary>
    /// The filter a tracer loads to stop only at the syscalls it wants: SECCOMP_RET_TRACE for the listed
    /// numbers of each ABI, ALLOW for the rest; every x32 syscall is traced, so none goes unseen.
    /// </summary>
    public static SockFilter[] ForTracedSyscalls(IEnumerable<int> x86_64Numbers, IEnumerable<int> i386Numbers) =>
        Compile(TracedSyscallsPolicy(x86_64Numbers, i386Numbers));

    /// <summary>
    /// <see cref="ForTracedSyscalls(IEnumerable{int}, IEnumerable{int})"/> by name: each name is traced in every
    /// table that has it (x86_64 and i386); a name neither table knows is an error.
    /// </summary>
    public static SockFilter[] ForTracedSyscalls(IEnumerable<string> names)
    {
        var x86_64 = new List<int>();
        var i386 = new List<int>();
        foreach (string name in names)
        {
            bool known = AddNumber(SyscallTable.X86_64, name, x86_64) | AddNumber(SyscallTable.I386, name, i386);
            if (!known)
                throw new ArgumentException($"Unknown syscall '{name}'.", nameof(names));
        }
        return ForTracedSyscalls(x86_64, i386);
    }

    private static bool AddNumber(SyscallTableSet table, string name, List<int> numbers)
    {
        if (!table.TryGetNumber(name, out int number))
            return false;
        numbers.Add(number);
        return true;
    }

    /// <summary>
    /// A filter that stops the given numbers. With <paramref name="traceUnnamed"/> it also stops every number the
    /// syscall tables do not name (gaps and numbers past the end): strace prints those as syscall_0xNNN whatever
    /// -e trace= says, so a filter for strace's output must not let them pass silently.
    /// </summary>
    public static SockFilter[] ForTracedSyscalls(IEnumerable<int> x86_64Numbers, IEnumerable<int> i386Numbers, bool traceUnnamed) =>
        Compile(TracedSyscallsPolicy(x86_64Numbers, i386Numbers, traceUnnamed));

    public static SeccompPolicy TracedSyscallsPolicy(IEnumerable<int> x86_64Numbers, IEnumerable<int> i386Numbers, bool traceUnnamed = false)
    {
        var policy = new SeccompPolicy(SeccompAction.Allow)
        {
            I386 = new SeccompRuleSet(),
            X32 = X32Handling.Return(SeccompAction.Trace()),
        };
        AddTraced(policy.X86_64, SyscallTable.X86_64, x86_64Numbers, traceUnnamed);
        AddTraced(policy.I386, SyscallTable.I386, i386Numbers, traceUnnamed);
        return policy;
    }

    private static void AddTraced(SeccompRuleSet rules, SyscallTableSet table, IEnumerable<int> traced, bool traceUnnamed)
    {
        var numbers = traced.ToHashSet();
        rules.Add(numbers, SeccompAction.Trace());
        if (!traceUnnamed) return;
        rules.DefaultAction = SeccompAction.Trace();
        rules.Add(table.All.Select(d => d.Number).Where(n => !numbers.Contains(n)).Distinct(), SeccompAction.Allow);
    }

    private static void EmitX86_64(BpfAssembler asm, SeccompPolicy policy)
    {
        var table = asm.NewLabel();
        asm.LoadAbsolute(SeccompDataLayout.Nr);
        // The kernel takes nr in [0x40000000, 0x80000000) as x32 (asm/unistd.h __X32_SYSCALL_BIT); negative
        // numbers are no syscall at all (ENOSYS), so they go to the table, where no rule matches them.
        asm.JumpIf(BpfJumpCondition.GreaterOrEqual, 0x80000000, table, null);
        asm.JumpIf(BpfJumpCondition.GreaterOrEqual, SeccompRuleSet.X32SyscallBit, null, table);
        if (policy.X32.MaskToX86_64)
            asm.Alu(BpfAluOp.And, ~(uint)SeccompRuleSet.X32SyscallBit);
        else
            asm.Return(policy.X32.Action.ReturnValue);
        asm.Mark(table);
        SyscallTreeEmitter.Emit(asm, policy.X86_64, policy.X86_64.DefaultAction ?? policy.DefaultAction, argsAre32Bit: false);
    }

    private static void EmitI386(BpfAssembler asm, SeccompPolicy policy)
    {
        if (policy.I386 is null)
        {
            asm.Return(policy.I386Action.ReturnValue);
            return;
        }
        asm.LoadAbsolute(SeccompDataLayout.Nr);
        SyscallTreeEmitter.Emit(asm, policy.I386, policy.I386.DefaultAction ?? policy.DefaultAction, argsAre32Bit: true);
    }
}
