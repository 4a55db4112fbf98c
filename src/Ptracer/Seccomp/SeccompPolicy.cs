namespace Ptracer.Seccomp;

/// <summary>
/// A seccomp policy for x86_64 processes. The compiled filter first checks seccomp_data.arch: x86_64 goes to
/// <see cref="X86_64"/> (x32 numbers per <see cref="X32"/>), i386 (int 0x80, or a 32-bit process) goes to
/// <see cref="I386"/> or, when that is null, returns <see cref="I386Action"/>; any other architecture is killed.
/// </summary>
public sealed class SeccompPolicy(SeccompAction defaultAction)
{
    /// <summary>For syscalls no rule decides (each rule set may override it).</summary>
    public SeccompAction DefaultAction { get; } = defaultAction;

    public SeccompRuleSet X86_64 { get; } = new();

    /// <summary>
    /// Rules in i386 numbers; null: every i386 syscall gets <see cref="I386Action"/>. Their conditions always
    /// compare the low 32 bits: i386 arguments are 32-bit, yet for int 0x80 from a 64-bit process seccomp_data
    /// shows the whole 64-bit registers, whose upper halves the caller controls and the syscall ignores.
    /// </summary>
    public SeccompRuleSet? I386 { get; set; }

    public SeccompAction I386Action { get; set; } = SeccompAction.KillProcess;

    public X32Handling X32 { get; set; } = X32Handling.Kill;
}

/// <summary>What happens to x32 syscalls (x86_64 arch, number with __X32_SYSCALL_BIT set).</summary>
public sealed record X32Handling
{
    private X32Handling(bool maskToX86_64, SeccompAction action) => (MaskToX86_64, Action) = (maskToX86_64, action);

    /// <summary>Clear the x32 bit and decide by the x86_64 rules.</summary>
    public bool MaskToX86_64 { get; }

    /// <summary>The action for every x32 syscall, when not masked.</summary>
    public SeccompAction Action { get; }

    /// <summary>The default: an x32 syscall kills the process, so it can never slip past x86_64 rules.</summary>
    public static X32Handling Kill { get; } = new(false, SeccompAction.KillProcess);

    public static X32Handling UseX86_64Rules { get; } = new(true, default);

    public static X32Handling Return(SeccompAction action) => new(false, action);
}
