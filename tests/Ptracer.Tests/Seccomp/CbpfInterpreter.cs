using System.Runtime.InteropServices;
using Ptracer.Native;
using Ptracer.Seccomp;

namespace Ptracer.Tests.Seccomp;

/// <summary>
/// Runs a classic BPF program over a seccomp_data the way the kernel's seccomp does, and checks a program
/// with the rules the kernel applies before accepting it (bpf_check_classic and seccomp_check_filter):
/// only the instructions seccomp allows, loads of aligned words inside seccomp_data, jumps inside the program,
/// scratch memory written before read, a final return.
/// </summary>
internal static class CbpfInterpreter
{
    public const int SeccompDataSize = 64;

    public static uint Run(ReadOnlySpan<SockFilter> program, SeccompData data) => Run(program, data, out _);

    /// <summary>Returns the program's result; <paramref name="executed"/> counts the instructions run.</summary>
    public static uint Run(ReadOnlySpan<SockFilter> program, SeccompData data, out int executed)
    {
        Validate(program);
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<SeccompData>(ref data));
        var machine = new Machine(bytes);
        executed = 0;
        for (int pc = 0; ; pc++)
        {
            executed++;
            SockFilter insn = program[pc];
            if (Bpf.Class(insn.Code) == Bpf.Ret)
                return Bpf.RetSource(insn.Code) == Bpf.A ? machine.A : insn.K;
            if (Bpf.Class(insn.Code) == Bpf.Jmp)
                pc += machine.JumpOffset(insn);
            else if (!machine.Step(insn))
                return 0; // Division by a zero X: the kernel's interpreter returns 0.
        }
    }

    /// <summary>Throws <see cref="InvalidDataException"/> where the kernel would refuse the program (EINVAL).</summary>
    public static void Validate(ReadOnlySpan<SockFilter> program)
    {
        if (program.Length is 0 or > Bpf.MaxInstructions)
            throw new InvalidDataException($"Program length {program.Length} is outside 1..{Bpf.MaxInstructions}.");
        for (int pc = 0; pc < program.Length; pc++)
            ValidateInstruction(program, pc);
        if (Bpf.Class(program[^1].Code) != Bpf.Ret)
            throw new InvalidDataException("The last instruction is not a return.");
        ValidateMemoryInitialised(program);
    }

    private static void ValidateInstruction(ReadOnlySpan<SockFilter> program, int pc)
    {
        SockFilter insn = program[pc];
        if (!IsAllowedInSeccomp(insn.Code))
            throw new InvalidDataException($"Instruction {pc}: opcode 0x{insn.Code:x} is not allowed in a seccomp filter.");
        if (insn.Code == (Bpf.Ld | Bpf.W | Bpf.Abs) && (insn.K % 4 != 0 || insn.K >= SeccompDataSize))
            throw new InvalidDataException($"Instruction {pc}: load offset {insn.K} is not an aligned word of seccomp_data.");
        if (UsesScratch(insn.Code) && insn.K >= Bpf.MemoryWords)
            throw new InvalidDataException($"Instruction {pc}: scratch slot {insn.K} does not exist.");
        if (insn.Code == (Bpf.Alu | Bpf.Div | Bpf.K) && insn.K == 0)
            throw new InvalidDataException($"Instruction {pc}: division by constant zero.");
        if ((insn.Code == (Bpf.Alu | Bpf.Lsh | Bpf.K) || insn.Code == (Bpf.Alu | Bpf.Rsh | Bpf.K)) && insn.K >= 32)
            throw new InvalidDataException($"Instruction {pc}: shift by {insn.K}.");
        if (Bpf.Class(insn.Code) == Bpf.Jmp)
            ValidateJump(program.Length, pc, insn);
    }

    private static bool UsesScratch(ushort code) =>
        code == Bpf.St || code == Bpf.Stx || code == (Bpf.Ld | Bpf.Mem) || code == (Bpf.Ldx | Bpf.Mem);


    private static void ValidateJump(int length, int pc, SockFilter insn)
    {
        long furthest = Bpf.Op(insn.Code) == Bpf.Ja ? insn.K : Math.Max(insn.JumpTrue, insn.JumpFalse);
        if (pc + 1 + furthest >= length)
            throw new InvalidDataException($"Instruction {pc}: jump leaves the program.");
    }

    /// <summary>bpf_check_classic's check_load_and_stores: a slot must be stored on every path before it is loaded.</summary>
    private static void ValidateMemoryInitialised(ReadOnlySpan<SockFilter> program)
    {
        var valid = new ushort[program.Length];
        Array.Fill(valid, ushort.MaxValue);
        valid[0] = 0;
        for (int pc = 0; pc < program.Length; pc++)
        {
            SockFilter insn = program[pc];
            ushort memory = valid[pc];
            if (insn.Code == Bpf.St || insn.Code == Bpf.Stx)
                memory |= (ushort)(1 << (int)insn.K);
            else if (UsesScratch(insn.Code) && (memory & (1 << (int)insn.K)) == 0)
                throw new InvalidDataException($"Instruction {pc}: scratch slot {insn.K} may be read before it is written.");
            foreach (int next in Successors(insn, pc))
                valid[next] &= memory;
        }
    }

    private static IEnumerable<int> Successors(SockFilter insn, int pc)
    {
        ushort cls = Bpf.Class(insn.Code);
        if (cls == Bpf.Ret)
            return [];
        if (cls != Bpf.Jmp)
            return [pc + 1];
        if (Bpf.Op(insn.Code) == Bpf.Ja)
            return [pc + 1 + (int)insn.K];
        return [pc + 1 + insn.JumpTrue, pc + 1 + insn.JumpFalse];
    }

    /// <summary>The opcode list of seccomp_check_filter (kernel/seccomp.c), plus the two LEN loads it rewrites.</summary>
    private static readonly HashSet<ushort> AllowedInSeccomp = BuildAllowed();

    private static bool IsAllowedInSeccomp(ushort code) => AllowedInSeccomp.Contains(code);

    private static HashSet<ushort> BuildAllowed()
    {
        var allowed = new HashSet<ushort>
        {
            Bpf.Ld | Bpf.W | Bpf.Abs, Bpf.Ld | Bpf.W | Bpf.Len, Bpf.Ldx | Bpf.W | Bpf.Len,
            Bpf.Ld | Bpf.Imm, Bpf.Ldx | Bpf.Imm, Bpf.Ld | Bpf.Mem, Bpf.Ldx | Bpf.Mem, Bpf.St, Bpf.Stx,
            Bpf.Alu | Bpf.Neg, Bpf.Misc | Bpf.Tax, Bpf.Misc | Bpf.Txa, Bpf.Ret | Bpf.K, Bpf.Ret | Bpf.A, Bpf.Jmp | Bpf.Ja,
        };
        foreach (ushort op in new[] { Bpf.Add, Bpf.Sub, Bpf.Mul, Bpf.Div, Bpf.And, Bpf.Or, Bpf.Xor, Bpf.Lsh, Bpf.Rsh })
            allowed.UnionWith([(ushort)(Bpf.Alu | op | Bpf.K), (ushort)(Bpf.Alu | op | Bpf.X)]);
        foreach (ushort op in new[] { Bpf.Jeq, Bpf.Jgt, Bpf.Jge, Bpf.Jset })
            allowed.UnionWith([(ushort)(Bpf.Jmp | op | Bpf.K), (ushort)(Bpf.Jmp | op | Bpf.X)]);
        return allowed;
    }

    private ref struct Machine(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private readonly Span<uint> _memory = new uint[Bpf.MemoryWords];
        public uint A;
        private uint _x;

        /// <summary>Executes a load, store, ALU or MISC instruction; false on division by zero.</summary>
        public bool Step(SockFilter insn)
        {
            switch (Bpf.Class(insn.Code))
            {
                case Bpf.Ld: A = Load(insn); break;
                case Bpf.Ldx: _x = Load(insn); break;
                case Bpf.St: _memory[(int)insn.K] = A; break;
                case Bpf.Stx: _memory[(int)insn.K] = _x; break;
                case Bpf.Alu: return Alu(insn);
                default: if (Bpf.MiscOp(insn.Code) == Bpf.Tax) _x = A; else A = _x; break;
            }
            return true;
        }

        private readonly uint Load(SockFilter insn) => Bpf.Mode(insn.Code) switch
        {
            Bpf.Abs => MemoryMarshal.Read<uint>(_data[(int)insn.K..]),
            Bpf.Len => SeccompDataSize,
            Bpf.Mem => _memory[(int)insn.K],
            _ => insn.K,
        };

        private bool Alu(SockFilter insn)
        {
            uint operand = Bpf.Src(insn.Code) == Bpf.X ? _x : insn.K;
            if (Bpf.Op(insn.Code) == Bpf.Div && operand == 0)
                return false;
            A = Bpf.Op(insn.Code) switch
            {
                Bpf.Add => A + operand,
                Bpf.Sub => A - operand,
                Bpf.Mul => A * operand,
                Bpf.Div => A / operand,
                Bpf.Or => A | operand,
                Bpf.And => A & operand,
                Bpf.Xor => A ^ operand,
                Bpf.Lsh => operand >= 32 ? 0 : A << (int)operand,
                Bpf.Rsh => operand >= 32 ? 0 : A >> (int)operand,
                _ => (uint)-(int)A,
            };
            return true;
        }

        /// <summary>How far past the next instruction a jump goes.</summary>
        public readonly int JumpOffset(SockFilter insn)
        {
            if (Bpf.Op(insn.Code) == Bpf.Ja)
                return (int)insn.K;
            uint operand = Bpf.Src(insn.Code) == Bpf.X ? _x : insn.K;
            bool taken = Bpf.Op(insn.Code) switch
            {
                Bpf.Jeq => A == operand,
                Bpf.Jgt => A > operand,
                Bpf.Jge => A >= operand,
                _ => (A & operand) != 0,
            };
            return taken ? insn.JumpTrue : insn.JumpFalse;
        }
    }
}
