using System.Text;
using Ptracer.Native;

namespace Ptracer.Seccomp;

/// <summary>Prints a cBPF program one instruction a line, with absolute jump targets and seccomp names.</summary>
public static class BpfDisassembler
{
    public static string Format(ReadOnlySpan<SockFilter> program)
    {
        var text = new StringBuilder();
        for (int pc = 0; pc < program.Length; pc++)
            text.Append(pc.ToString("D4")).Append(": ").AppendLine(Format(program[pc], pc));
        return text.ToString();
    }

    public static string Format(SockFilter insn, int pc)
    {
        ushort code = insn.Code;
        return Bpf.Class(code) switch
        {
            Bpf.Ld => FormatLoad("ld", insn),
            Bpf.Ldx => FormatLoad("ldx", insn),
            Bpf.St => $"st M[{insn.K}]",
            Bpf.Stx => $"stx M[{insn.K}]",
            Bpf.Alu => FormatAlu(insn),
            Bpf.Jmp => FormatJump(insn, pc),
            Bpf.Ret => Bpf.RetSource(code) == Bpf.A ? "ret A" : $"ret {SeccompAction.FromReturnValue(insn.K)} (0x{insn.K:x8})",
            _ => Bpf.MiscOp(code) == Bpf.Txa ? "txa" : "tax",
        };
    }

    private static string FormatLoad(string name, SockFilter insn) => Bpf.Mode(insn.Code) switch
    {
        Bpf.Imm => $"{name} #0x{insn.K:x}",
        Bpf.Abs => $"{name} [{insn.K}]{FieldName(insn.K)}",
        Bpf.Mem => $"{name} M[{insn.K}]",
        Bpf.Len => $"{name} #len",
        _ => $"{name} ?mode 0x{insn.Code:x}",
    };

    private static string FieldName(uint offset) => offset switch
    {
        SeccompDataLayout.Nr => " ; nr",
        SeccompDataLayout.Arch => " ; arch",
        SeccompDataLayout.InstructionPointer => " ; ip.lo",
        SeccompDataLayout.InstructionPointer + 4 => " ; ip.hi",
        >= SeccompDataLayout.Args and < SeccompDataLayout.Size =>
            $" ; args[{(offset - SeccompDataLayout.Args) / 8}].{((offset % 8) == 0 ? "lo" : "hi")}",
        _ => "",
    };

    private static string FormatAlu(SockFilter insn)
    {
        string op = Bpf.Op(insn.Code) switch
        {
            Bpf.Add => "add", Bpf.Sub => "sub", Bpf.Mul => "mul", Bpf.Div => "div", Bpf.Or => "or", Bpf.And => "and",
            Bpf.Lsh => "lsh", Bpf.Rsh => "rsh", Bpf.Neg => "neg", Bpf.Mod => "mod", Bpf.Xor => "xor", _ => "?alu",
        };
        if (Bpf.Op(insn.Code) == Bpf.Neg)
            return op;
        return Bpf.Src(insn.Code) == Bpf.X ? $"{op} x" : $"{op} #0x{insn.K:x}";
    }

    private static string FormatJump(SockFilter insn, int pc)
    {
        if (Bpf.Op(insn.Code) == Bpf.Ja)
            return $"ja {pc + 1 + insn.K}";
        string op = Bpf.Op(insn.Code) switch
        {
            Bpf.Jeq => "jeq", Bpf.Jgt => "jgt", Bpf.Jge => "jge", Bpf.Jset => "jset", _ => "?jmp",
        };
        string operand = Bpf.Src(insn.Code) == Bpf.X ? "x" : $"#0x{insn.K:x}";
        return $"{op} {operand} jt {pc + 1 + insn.JumpTrue} jf {pc + 1 + insn.JumpFalse}";
    }
}
