namespace Ptracer.Seccomp;

/// <summary>Classic BPF opcode parts (linux/bpf_common.h, linux/filter.h).</summary>
public static class Bpf
{
    // Instruction classes.
    public const ushort Ld = 0x00, Ldx = 0x01, St = 0x02, Stx = 0x03, Alu = 0x04, Jmp = 0x05, Ret = 0x06, Misc = 0x07;

    // Load sizes and modes.
    public const ushort W = 0x00, H = 0x08, B = 0x10;
    public const ushort Imm = 0x00, Abs = 0x20, Ind = 0x40, Mem = 0x60, Len = 0x80, Msh = 0xa0;

    // ALU operations.
    public const ushort Add = 0x00, Sub = 0x10, Mul = 0x20, Div = 0x30, Or = 0x40, And = 0x50;
    public const ushort Lsh = 0x60, Rsh = 0x70, Neg = 0x80, Mod = 0x90, Xor = 0xa0;

    // Jump operations.
    public const ushort Ja = 0x00, Jeq = 0x10, Jgt = 0x20, Jge = 0x30, Jset = 0x40;

    // Operand source; for RET, A as the return value (linux/filter.h BPF_A).
    public const ushort K = 0x00, X = 0x08, A = 0x10;

    // MISC operations (linux/filter.h).
    public const ushort Tax = 0x00, Txa = 0x80;

    /// <summary>BPF_MAXINSNS (linux/bpf_common.h): the longest program the kernel accepts.</summary>
    public const int MaxInstructions = 4096;

    /// <summary>BPF_MEMWORDS (linux/filter.h): scratch memory slots.</summary>
    public const int MemoryWords = 16;

    public static ushort Class(ushort code) => (ushort)(code & 0x07);
    public static ushort Size(ushort code) => (ushort)(code & 0x18);
    public static ushort Mode(ushort code) => (ushort)(code & 0xe0);
    public static ushort Op(ushort code) => (ushort)(code & 0xf0);
    public static ushort Src(ushort code) => (ushort)(code & 0x08);
    public static ushort RetSource(ushort code) => (ushort)(code & 0x18);
    public static ushort MiscOp(ushort code) => (ushort)(code & 0xf8);
}

/// <summary>The conditions of a conditional jump (all compare A with K, unsigned).</summary>
public enum BpfJumpCondition : ushort
{
    Equal = Bpf.Jeq,
    Greater = Bpf.Jgt,
    GreaterOrEqual = Bpf.Jge,
    /// <summary>A &amp; K is not zero.</summary>
    AnyBitSet = Bpf.Jset,
}

/// <summary>ALU operations on A with a constant K.</summary>
public enum BpfAluOp : ushort
{
    Add = Bpf.Add, Sub = Bpf.Sub, Mul = Bpf.Mul, Div = Bpf.Div, Or = Bpf.Or, And = Bpf.And,
    Lsh = Bpf.Lsh, Rsh = Bpf.Rsh, Mod = Bpf.Mod, Xor = Bpf.Xor,
}
