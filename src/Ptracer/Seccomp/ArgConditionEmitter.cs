namespace Ptracer.Seccomp;

/// <summary>
/// Emits the test of one argument: falls through when it holds, jumps to <c>fail</c> otherwise. A 64-bit
/// value is compared as two 32-bit words (cBPF has only 32-bit registers): the high word decides unless equal.
/// </summary>
internal static class ArgConditionEmitter
{
    public static void Emit(BpfAssembler asm, ArgCondition c, BpfLabel fail)
    {
        uint valueLow = (uint)c.Value, maskLow = (uint)c.Mask;
        if (c.Width == ArgWidth.Bits32)
        {
            EmitWord(asm, SeccompDataLayout.ArgLow(c.Index), c.Op, valueLow, maskLow, fail);
            return;
        }
        uint valueHigh = (uint)(c.Value >> 32), maskHigh = (uint)(c.Mask >> 32);
        switch (c.Op)
        {
            case ArgOp.Equal or ArgOp.MaskedEqual:
                EmitWord(asm, SeccompDataLayout.ArgHigh(c.Index), ArgOp.MaskedEqual, valueHigh, maskHigh, fail);
                EmitWord(asm, SeccompDataLayout.ArgLow(c.Index), ArgOp.MaskedEqual, valueLow, maskLow, fail);
                break;
            case ArgOp.NotEqual:
                EmitNotEqual64(asm, c.Index, valueHigh, valueLow, fail);
                break;
            default:
                EmitOrdered64(asm, c, valueHigh, valueLow, fail);
                break;
        }
    }

    private static void EmitNotEqual64(BpfAssembler asm, int index, uint valueHigh, uint valueLow, BpfLabel fail)
    {
        var pass = asm.NewLabel();
        asm.LoadAbsolute(SeccompDataLayout.ArgHigh(index));
        asm.JumpIf(BpfJumpCondition.Equal, valueHigh, null, pass);
        asm.LoadAbsolute(SeccompDataLayout.ArgLow(index));
        asm.JumpIf(BpfJumpCondition.Equal, valueLow, fail, null);
        asm.Mark(pass);
    }

    /// <summary>&lt;, &lt;=, &gt;, &gt;=: a strictly greater or smaller high word decides; an equal one defers to the low word.</summary>
    private static void EmitOrdered64(BpfAssembler asm, ArgCondition c, uint valueHigh, uint valueLow, BpfLabel fail)
    {
        bool wantsGreater = c.Op is ArgOp.Greater or ArgOp.GreaterOrEqual;
        var pass = asm.NewLabel();
        asm.LoadAbsolute(SeccompDataLayout.ArgHigh(c.Index));
        asm.JumpIf(BpfJumpCondition.Greater, valueHigh, wantsGreater ? pass : fail, null);
        asm.JumpIf(BpfJumpCondition.Equal, valueHigh, null, wantsGreater ? fail : pass);
        EmitWord(asm, SeccompDataLayout.ArgLow(c.Index), c.Op, valueLow, uint.MaxValue, fail);
        asm.Mark(pass);
    }

    /// <summary>Loads one 32-bit word and tests it with <paramref name="op"/>.</summary>
    private static void EmitWord(BpfAssembler asm, uint offset, ArgOp op, uint value, uint mask, BpfLabel fail)
    {
        if (op == ArgOp.MaskedEqual && mask == 0)
            return; // (x & 0) == 0 always holds; the constructor rejected a non-zero value.
        asm.LoadAbsolute(offset);
        if (op == ArgOp.MaskedEqual && mask != uint.MaxValue)
            asm.Alu(BpfAluOp.And, mask);
        switch (op)
        {
            case ArgOp.Equal or ArgOp.MaskedEqual: asm.JumpIf(BpfJumpCondition.Equal, value, null, fail); break;
            case ArgOp.NotEqual: asm.JumpIf(BpfJumpCondition.Equal, value, fail, null); break;
            case ArgOp.Greater: asm.JumpIf(BpfJumpCondition.Greater, value, null, fail); break;
            case ArgOp.GreaterOrEqual: asm.JumpIf(BpfJumpCondition.GreaterOrEqual, value, null, fail); break;
            case ArgOp.Less: asm.JumpIf(BpfJumpCondition.GreaterOrEqual, value, fail, null); break;
            case ArgOp.LessOrEqual: asm.JumpIf(BpfJumpCondition.Greater, value, fail, null); break;
            default: throw new ArgumentOutOfRangeException(nameof(op));
        }
    }
}
