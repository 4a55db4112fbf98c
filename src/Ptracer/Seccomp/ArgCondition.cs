namespace Ptracer.Seccomp;

/// <summary>How an argument is compared with a value. All comparisons are unsigned.</summary>
public enum ArgOp : byte
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    /// <summary>(arg &amp; mask) == value.</summary>
    MaskedEqual,
}

/// <summary>How much of the argument register is compared.</summary>
public enum ArgWidth : byte
{
    /// <summary>The whole 64-bit value.</summary>
    Bits64,
    /// <summary>
    /// The low 32 bits only: the right choice for int-typed arguments of x86_64 syscalls, whose upper register
    /// half the kernel ignores and a caller may leave as garbage. i386 rules always compare this way.
    /// </summary>
    Bits32,
}

/// <summary>A test on one syscall argument (seccomp_data.args[Index]).</summary>
public sealed record ArgCondition
{
    public ArgCondition(int index, ArgOp op, ulong value, ArgWidth width = ArgWidth.Bits64, ulong mask = ulong.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 5);
        ulong widthMask = width == ArgWidth.Bits32 ? uint.MaxValue : ulong.MaxValue;
        if ((value & ~widthMask) != 0)
            throw new ArgumentOutOfRangeException(nameof(value), $"0x{value:x} does not fit a 32-bit comparison.");
        if (op != ArgOp.MaskedEqual)
            mask = widthMask;
        mask &= widthMask;
        if ((value & ~mask) != 0)
            throw new ArgumentException($"Value 0x{value:x} has bits outside mask 0x{mask:x}: the condition could never hold.", nameof(value));
        (Index, Op, Value, Width, Mask) = (index, op, value, width, mask);
    }

    public int Index { get; }
    public ArgOp Op { get; }
    public ulong Value { get; }
    public ArgWidth Width { get; }

    /// <summary>For MaskedEqual the mask; otherwise all bits of the width.</summary>
    public ulong Mask { get; }

    public static ArgCondition Eq(int index, ulong value, ArgWidth width = ArgWidth.Bits64) => new(index, ArgOp.Equal, value, width);
    public static ArgCondition Ne(int index, ulong value, ArgWidth width = ArgWidth.Bits64) => new(index, ArgOp.NotEqual, value, width);
    public static ArgCondition Lt(int index, ulong value, ArgWidth width = ArgWidth.Bits64) => new(index, ArgOp.Less, value, width);
    public static ArgCondition Le(int index, ulong value, ArgWidth width = ArgWidth.Bits64) => new(index, ArgOp.LessOrEqual, value, width);
    public static ArgCondition Gt(int index, ulong value, ArgWidth width = ArgWidth.Bits64) => new(index, ArgOp.Greater, value, width);
    public static ArgCondition Ge(int index, ulong value, ArgWidth width = ArgWidth.Bits64) => new(index, ArgOp.GreaterOrEqual, value, width);

    public static ArgCondition MaskedEq(int index, ulong mask, ulong value, ArgWidth width = ArgWidth.Bits64) =>
        new(index, ArgOp.MaskedEqual, value, width, mask);

    public override string ToString()
    {
        string arg = Width == ArgWidth.Bits32 ? $"(u32)arg{Index}" : $"arg{Index}";
        return Op switch
        {
            ArgOp.Equal => $"{arg} == 0x{Value:x}",
            ArgOp.NotEqual => $"{arg} != 0x{Value:x}",
            ArgOp.Less => $"{arg} < 0x{Value:x}",
            ArgOp.LessOrEqual => $"{arg} <= 0x{Value:x}",
            ArgOp.Greater => $"{arg} > 0x{Value:x}",
            ArgOp.GreaterOrEqual => $"{arg} >= 0x{Value:x}",
            _ => $"({arg} & 0x{Mask:x}) == 0x{Value:x}",
        };
    }
}
