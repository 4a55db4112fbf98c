namespace Ptracer.Seccomp;

/// <summary>The assembled program is longer than the kernel accepts (BPF_MAXINSNS).</summary>
public sealed class BpfProgramTooLargeException(int instructionCount)
    : InvalidOperationException(
        $"The BPF program has {instructionCount} instructions; the kernel accepts at most {Bpf.MaxInstructions} (BPF_MAXINSNS). " +
        "Reduce the number of distinct rules or argument conditions.")
{
    public int InstructionCount { get; } = instructionCount;
}
