using Xunit;
using Ptracer.Native;
using Ptracer.Seccomp;
using static Ptracer.Tests.Seccomp.SeccompTestData;

namespace Ptracer.Tests.Seccomp;

public class BpfAssemblerTests
{
    [Fact]
    public void Labels_resolve_to_forward_offsets_and_null_means_next()
    {
        var asm = new BpfAssembler();
        var yes = asm.NewLabel();
        asm.LoadAbsolute(SeccompDataLayout.Nr);
        asm.JumpIf(BpfJumpCondition.Equal, 39, yes, null);
        asm.Return(1);
        asm.Return(2);
        asm.Mark(yes);
        asm.Return(3);

        SockFilter[] program = asm.Assemble();

        Assert.Equal(5, program.Length);
        Assert.Equal((ushort)(Bpf.Jmp | Bpf.Jeq | Bpf.K), program[1].Code);
        Assert.Equal((2, 0, 39u), (program[1].JumpTrue, program[1].JumpFalse, program[1].K));
        Assert.Equal(3u, CbpfInterpreter.Run(program, X86_64(39)));
        Assert.Equal(1u, CbpfInterpreter.Run(program, X86_64(40)));
    }

    [Fact]
    public void Unconditional_jump_gets_its_offset_in_k()
    {
        var asm = new BpfAssembler();
        var end = asm.NewLabel();
        asm.Jump(end);
        asm.Return(1);
        asm.Return(2);
        asm.Mark(end);
        asm.Return(3);

        SockFilter[] program = asm.Assemble();

        Assert.Equal(2u, program[0].K);
        Assert.Equal(3u, CbpfInterpreter.Run(program, X86_64(0)));
    }

    [Theory]
    [InlineData(255, false)]
    [InlineData(256, true)]
    [InlineData(1000, true)]
    public void Conditional_jump_beyond_255_goes_through_a_ja_trampoline(int distance, bool expectTrampoline)
    {
        SockFilter[] program = FarJump(distance, farOnTrue: true);

        Assert.Equal(expectTrampoline, program.Any(i => i.Code == (Bpf.Jmp | Bpf.Ja)));
        Assert.Equal(7u, CbpfInterpreter.Run(program, X86_64(39)));
        Assert.Equal(5u, CbpfInterpreter.Run(program, X86_64(40)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Far_false_branch_and_both_branches_far_are_trampolined(bool bothFar)
    {
        var asm = new BpfAssembler();
        var far = asm.NewLabel();
        var farther = asm.NewLabel();
        asm.LoadAbsolute(SeccompDataLayout.Nr);
        asm.JumpIf(BpfJumpCondition.GreaterOrEqual, 100, bothFar ? farther : null, far);
        Padding(asm, 300);
        asm.Return(1);
        asm.Mark(far);
        asm.Return(2);
        Padding(asm, 300);
        asm.Mark(farther);
        asm.Return(3);

        SockFilter[] program = asm.Assemble();

        Assert.Equal(bothFar ? 3u : 1u, CbpfInterpreter.Run(program, X86_64(100)));
        Assert.Equal(2u, CbpfInterpreter.Run(program, X86_64(99)));
        Assert.Equal(bothFar ? 2 : 1, program.Count(i => i.Code == (Bpf.Jmp | Bpf.Ja)));
    }

    [Fact]
    public void Trampolines_that_push_other_jumps_out_of_range_are_handled()
    {
        // Jumps i = 0..63 test nr == i and go to a ret of i placed after padding of random length, so that
        // earlier trampolines lengthen later distances across the 255 boundary.
        var random = new Random(1234);
        for (int round = 0; round < 20; round++)
        {
            var asm = new BpfAssembler();
            int jumps = 64;
            var targets = Enumerable.Range(0, jumps).Select(_ => asm.NewLabel()).ToArray();
            asm.LoadAbsolute(SeccompDataLayout.Nr);
            for (int i = 0; i < jumps; i++)
            {
                asm.JumpIf(BpfJumpCondition.Equal, (uint)i, targets[i], null);
                Padding(asm, random.Next(0, 8));
            }
            asm.Return(uint.MaxValue);
            for (int i = 0; i < jumps; i++)
            {
                Padding(asm, random.Next(0, 12));
                asm.Mark(targets[i]);
                asm.Return((uint)i);
            }

            SockFilter[] program = asm.Assemble();

            for (int nr = 0; nr < jumps; nr++)
                Assert.Equal((uint)nr, CbpfInterpreter.Run(program, X86_64(nr)));
            Assert.Equal(uint.MaxValue, CbpfInterpreter.Run(program, X86_64(jumps)));
        }
    }

    [Fact]
    public void Backward_jump_is_rejected()
    {
        var asm = new BpfAssembler();
        var top = asm.NewLabel();
        asm.Mark(top);
        asm.LoadImmediate(0);
        asm.Jump(top);
        asm.Return(0);
        Assert.Throws<InvalidOperationException>(() => asm.Assemble());
    }

    [Fact]
    public void Unmarked_label_and_jump_past_the_end_are_rejected()
    {
        var asm = new BpfAssembler();
        asm.JumpIf(BpfJumpCondition.Equal, 0, asm.NewLabel(), null);
        asm.Return(0);
        Assert.Throws<InvalidOperationException>(() => asm.Assemble());

        var end = new BpfAssembler();
        var after = end.NewLabel();
        end.JumpIf(BpfJumpCondition.Equal, 0, after, null);
        end.Return(0);
        end.Mark(after);
        Assert.Throws<InvalidOperationException>(() => end.Assemble());
    }

    [Fact]
    public void Marking_a_label_twice_is_rejected()
    {
        var asm = new BpfAssembler();
        var label = asm.NewLabel();
        asm.Mark(label);
        Assert.Throws<InvalidOperationException>(() => asm.Mark(label));
    }

    [Fact]
    public void Raw_jumps_through_Emit_are_rejected()
    {
        var asm = new BpfAssembler();
        Assert.Throws<ArgumentException>(() => asm.Emit(new SockFilter(Bpf.Jmp | Bpf.Jeq, 1, 0, 0)));
    }

    [Fact]
    public void Program_must_end_with_a_return()
    {
        var asm = new BpfAssembler();
        asm.LoadImmediate(1);
        Assert.Throws<InvalidOperationException>(() => asm.Assemble());
    }

    [Fact]
    public void Program_of_4096_instructions_is_accepted_and_4097_is_not()
    {
        var asm = new BpfAssembler();
        Padding(asm, 4095);
        asm.Return(0);
        Assert.Equal(4096, asm.Assemble().Length);

        asm.Return(0);
        var error = Assert.Throws<BpfProgramTooLargeException>(() => asm.Assemble());
        Assert.Equal(4097, error.InstructionCount);
        Assert.Contains("4096", error.Message);
    }

    [Fact]
    public void Return_A_returns_the_accumulator()
    {
        var asm = new BpfAssembler();
        asm.LoadAbsolute(SeccompDataLayout.Nr);
        asm.Alu(BpfAluOp.Add, 1);
        asm.ReturnA();
        Assert.Equal(40u, CbpfInterpreter.Run(asm.Assemble(), X86_64(39)));
    }

    [Fact]
    public void Disassembler_names_seccomp_fields_jump_targets_and_actions()
    {
        var asm = new BpfAssembler();
        var allow = asm.NewLabel();
        asm.LoadAbsolute(SeccompDataLayout.ArgHigh(2));
        asm.JumpIf(BpfJumpCondition.Equal, 0, allow, null);
        asm.Return(SeccompAction.Errno(13).ReturnValue);
        asm.Mark(allow);
        asm.Return(SeccompAction.Allow.ReturnValue);

        string text = BpfDisassembler.Format(asm.Assemble());

        Assert.Contains("0000: ld [36] ; args[2].hi", text);
        Assert.Contains("0001: jeq #0x0 jt 3 jf 2", text);
        Assert.Contains("ret Errno(13)", text);
        Assert.Contains("0003: ret Allow", text);
    }

    private static SockFilter[] FarJump(int distance, bool farOnTrue)
    {
        var asm = new BpfAssembler();
        var far = asm.NewLabel();
        asm.LoadAbsolute(SeccompDataLayout.Nr);
        asm.JumpIf(BpfJumpCondition.Equal, 39, farOnTrue ? far : null, farOnTrue ? null : far);
        asm.Return(5);
        Padding(asm, distance - 1);
        asm.Mark(far);
        asm.Return(7);
        return asm.Assemble();
    }

    /// <summary>Instructions that do nothing to A (they load into X).</summary>
    private static void Padding(BpfAssembler asm, int count)
    {
        for (int i = 0; i < count; i++)
            asm.Emit(Bpf.Ldx | Bpf.Imm, (uint)i);
    }
}
