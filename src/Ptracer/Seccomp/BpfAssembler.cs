using Ptracer.Native;

namespace Ptracer.Seccomp;

/// <summary>
/// Builds a classic BPF program with symbolic, forward-only labels. Conditional jumps reach at most 255
/// instructions (8-bit jt/jf), so when a target is further away the assembler routes that branch through an
/// unconditional <c>ja</c> placed right after the jump (its offset is 32 bits).
/// </summary>
public sealed class BpfAssembler
{
    private readonly List<Item> _items = [];
    private readonly List<int> _labelPositions = [];

    /// <summary>Instructions emitted so far, before trampolines are added.</summary>
    public int Count => _items.Count;

    public BpfLabel NewLabel()
    {
        _labelPositions.Add(-1);
        return new BpfLabel(_labelPositions.Count - 1);
    }

    /// <summary>Binds the label to the next instruction emitted.</summary>
    public void Mark(BpfLabel label)
    {
        if (_labelPositions[label.Id] >= 0)
            throw new InvalidOperationException($"Label {label.Id} is already marked.");
        _labelPositions[label.Id] = _items.Count;
    }

    /// <summary>Emits a non-jump instruction as is.</summary>
    public void Emit(SockFilter instruction)
    {
        if (Bpf.Class(instruction.Code) == Bpf.Jmp)
            throw new ArgumentException("Emit jumps with Jump or JumpIf, so that their offsets are resolved.", nameof(instruction));
        _items.Add(Item.Plain(instruction));
    }

    public void Emit(ushort code, uint k) => Emit(new SockFilter(code, 0, 0, k));

    /// <summary>A = 32-bit word at byte offset <paramref name="offset"/> of the input.</summary>
    public void LoadAbsolute(uint offset) => Emit(Bpf.Ld | Bpf.W | Bpf.Abs, offset);

    public void LoadImmediate(uint value) => Emit(Bpf.Ld | Bpf.Imm, value);

    public void Alu(BpfAluOp op, uint k) => Emit((ushort)(Bpf.Alu | (ushort)op | Bpf.K), k);

    public void Return(uint value) => Emit(Bpf.Ret | Bpf.K, value);

    public void ReturnA() => Emit(Bpf.Ret | Bpf.A, 0);

    /// <summary>Unconditional jump (ja).</summary>
    public void Jump(BpfLabel target) => _items.Add(Item.Always(target.Id));

    /// <summary>Jumps to <paramref name="ifTrue"/> when "A op k" holds, else to <paramref name="ifFalse"/>; null means the next instruction.</summary>
    public void JumpIf(BpfJumpCondition condition, uint k, BpfLabel? ifTrue, BpfLabel? ifFalse)
    {
        const int next = -1;
        _items.Add(Item.Conditional((ushort)(Bpf.Jmp | (ushort)condition | Bpf.K), k, ifTrue?.Id ?? next, ifFalse?.Id ?? next));
    }

    /// <summary>Resolves labels, inserts trampolines where needed and returns the program.</summary>
    public SockFilter[] Assemble()
    {
        int[] targets = ResolveTargets();
        var layout = new Layout(_items, targets);
        layout.Solve();
        if (layout.Length > Bpf.MaxInstructions)
            throw new BpfProgramTooLargeException(layout.Length);
        SockFilter[] program = layout.Emit();
        if (program.Length == 0 || Bpf.Class(program[^1].Code) != Bpf.Ret)
            throw new InvalidOperationException("A BPF program must end with a return instruction.");
        return program;
    }

    /// <summary>Item index each jump branch goes to, [item, branch] flattened as 2*i (true/ja) and 2*i+1 (false).</summary>
    private int[] ResolveTargets()
    {
        var targets = new int[_items.Count * 2];
        for (int i = 0; i < _items.Count; i++)
        {
            if (_items[i].Kind == ItemKind.Plain)
                continue;
            targets[2 * i] = ResolveTarget(i, _items[i].TrueLabel);
            targets[2 * i + 1] = _items[i].Kind == ItemKind.Conditional ? ResolveTarget(i, _items[i].FalseLabel) : -1;
        }
        return targets;
    }

    private int ResolveTarget(int from, int labelId)
    {
        int target = labelId < 0 ? from + 1 : _labelPositions[labelId];
        if (labelId >= 0 && target < 0)
            throw new InvalidOperationException($"Label {labelId} is used by a jump but never marked.");
        // cBPF jumps are unsigned offsets from the next instruction: only forward, and within the program.
        if (target <= from)
            throw new InvalidOperationException($"Jump at instruction {from} goes backwards to label {labelId}; cBPF jumps are forward only.");
        if (target >= _items.Count)
            throw new InvalidOperationException($"Jump at instruction {from} goes past the last instruction.");
        return target;
    }

    private enum ItemKind : byte { Plain, Always, Conditional }

    private readonly record struct Item(ItemKind Kind, SockFilter Instruction, int TrueLabel, int FalseLabel)
    {
        public static Item Plain(SockFilter insn) => new(ItemKind.Plain, insn, -1, -1);
        public static Item Always(int label) => new(ItemKind.Always, new SockFilter(Bpf.Jmp | Bpf.Ja, 0, 0, 0), label, -1);
        public static Item Conditional(ushort code, uint k, int t, int f) => new(ItemKind.Conditional, new SockFilter(code, 0, 0, k), t, f);
    }

    /// <summary>
    /// Positions of items once trampolines are inserted. Trampolines only ever get added, each addition only
    /// lengthens distances, so repeating until nothing changes terminates (at most two per conditional jump).
    /// </summary>
    private sealed class Layout(List<Item> items, int[] targets)
    {
        private readonly bool[] _trampoline = new bool[items.Count * 2];
        private readonly int[] _position = new int[items.Count + 1];

        public int Length => _position[items.Count];

        public void Solve()
        {
            do
                ComputePositions();
            while (AddNeededTrampolines());
        }

        private void ComputePositions()
        {
            for (int i = 0; i < items.Count; i++)
                _position[i + 1] = _position[i] + 1 + TrampolineCount(i);
        }

        private int TrampolineCount(int i) => (_trampoline[2 * i] ? 1 : 0) + (_trampoline[2 * i + 1] ? 1 : 0);

        private bool AddNeededTrampolines()
        {
            bool added = false;
            for (int i = 0; i < items.Count; i++)
            {
                if (items[i].Kind != ItemKind.Conditional)
                    continue;
                for (int branch = 2 * i; branch <= 2 * i + 1; branch++)
                {
                    if (!_trampoline[branch] && Distance(i, targets[branch]) > byte.MaxValue)
                        added = _trampoline[branch] = true;
                }
            }
            return added;
        }

        private int Distance(int fromItem, int toItem) => _position[toItem] - (_position[fromItem] + 1);

        public SockFilter[] Emit()
        {
            var program = new SockFilter[Length];
            for (int i = 0; i < items.Count; i++)
                EmitItem(program, i);
            return program;
        }

        private void EmitItem(SockFilter[] program, int i)
        {
            Item item = items[i];
            int at = _position[i];
            SockFilter insn = item.Instruction;
            if (item.Kind == ItemKind.Always)
                insn.K = (uint)Distance(i, targets[2 * i]);
            else if (item.Kind == ItemKind.Conditional)
                insn = EmitConditional(program, i, insn);
            program[at] = insn;
        }

        private SockFilter EmitConditional(SockFilter[] program, int i, SockFilter insn)
        {
            int slot = _position[i] + 1;
            // Trampolines sit right after the jump: first the true branch's, then the false branch's.
            insn.JumpTrue = (byte)BranchOffset(program, i, 2 * i, ref slot);
            insn.JumpFalse = (byte)BranchOffset(program, i, 2 * i + 1, ref slot);
            return insn;
        }

        private int BranchOffset(SockFilter[] program, int i, int branch, ref int slot)
        {
            if (!_trampoline[branch])
                return Distance(i, targets[branch]);
            program[slot] = JumpAlways(slot, _position[targets[branch]]);
            return slot++ - (_position[i] + 1);
        }

        private static SockFilter JumpAlways(int at, int target) => new(Bpf.Jmp | Bpf.Ja, 0, 0, (uint)(target - (at + 1)));
    }
}
