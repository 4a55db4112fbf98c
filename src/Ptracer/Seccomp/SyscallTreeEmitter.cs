namespace Ptracer.Seccomp;

/// <summary>
/// Emits the number lookup of one ABI, with A holding seccomp_data.nr. The 32-bit number space is cut into
/// segments: each syscall with rules is a segment of its own, the gaps between are the default, and neighbours
/// that end in the same plain action merge into one. A balanced tree of <c>jge</c> over the segment starts
/// finds a segment in ceil(log2(segments)) jumps; each leaf is a <c>ret</c> or the syscall's argument checks.
/// </summary>
internal static class SyscallTreeEmitter
{
    /// <param name="argsAre32Bit">Compare every argument on its low 32 bits (the i386 ABI).</param>
    public static void Emit(BpfAssembler asm, SeccompRuleSet rules, SeccompAction defaultAction, bool argsAre32Bit)
    {
        List<Segment> segments = BuildSegments(rules, defaultAction, argsAre32Bit);
        EmitTree(asm, segments, 0, segments.Count);
    }

    /// <summary>What a segment does: a plain action, or ordered conditional rules then a fallback.</summary>
    private sealed record Outcome(SeccompAction Fallback, IReadOnlyList<SeccompRule> Conditional)
    {
        public bool IsPlain => Conditional.Count == 0;
    }

    private sealed record Segment(uint Start, Outcome Outcome);

    private static List<Segment> BuildSegments(SeccompRuleSet rules, SeccompAction defaultAction, bool argsAre32Bit)
    {
        var segments = new List<Segment>();
        var gap = new Outcome(defaultAction, []);
        uint next = 0;
        foreach (int number in rules.Numbers)
        {
            if ((uint)number > next)
                Append(segments, new Segment(next, gap));
            Append(segments, new Segment((uint)number, OutcomeOf(number, rules.RulesFor(number), defaultAction, argsAre32Bit)));
            next = (uint)number + 1;
        }
        Append(segments, new Segment(next, gap));
        return segments;
    }

    private static void Append(List<Segment> segments, Segment segment)
    {
        if (segments.Count > 0 && segments[^1].Outcome.IsPlain && segment.Outcome.IsPlain &&
            segments[^1].Outcome.Fallback == segment.Outcome.Fallback)
            return;
        segments.Add(segment);
    }

    /// <summary>Rules after the first unconditional one can never decide; that one is the syscall's fallback.</summary>
    /// <remarks>Plain loops, not LINQ: this runs for every syscall with a rule at every sandbox start.</remarks>
    private static Outcome OutcomeOf(int number, IReadOnlyList<SeccompRule> rules, SeccompAction defaultAction, bool argsAre32Bit)
    {
        SeccompAction fallback = defaultAction;
        int conditionalCount = 0;
        bool anyDiffers = false;
        for (; conditionalCount < rules.Count; conditionalCount++)
        {
            if (rules[conditionalCount].IsUnconditional)
            {
                fallback = rules[conditionalCount].Action;
                break;
            }
        }
        for (int i = 0; i < conditionalCount; i++) anyDiffers |= rules[i].Action != fallback;
        if (!anyDiffers) return new Outcome(fallback, []);
        var conditional = new SeccompRule[conditionalCount];
        for (int i = 0; i < conditionalCount; i++)
            conditional[i] = argsAre32Bit ? rules[i] with { Conditions = To32Bit(number, rules[i].Conditions) } : rules[i];
        return new Outcome(fallback, conditional);
    }

    private static ArgCondition[] To32Bit(int number, IReadOnlyList<ArgCondition> conditions)
    {
        var narrowed = new ArgCondition[conditions.Count];
        for (int i = 0; i < narrowed.Length; i++) narrowed[i] = To32Bit(number, conditions[i]);
        return narrowed;
    }

    private static ArgCondition To32Bit(int number, ArgCondition c)
    {
        if (c.Width == ArgWidth.Bits32)
            return c;
        if (c.Value > uint.MaxValue)
            throw new ArgumentException($"Syscall {number}: {c} cannot hold for a 32-bit argument.");
        return new ArgCondition(c.Index, c.Op, c.Value, ArgWidth.Bits32, c.Mask);
    }

    /// <summary>Emits the search over segments [lo, hi); A is known to lie in [segments[lo].Start, segments[hi].Start).</summary>
    private static void EmitTree(BpfAssembler asm, List<Segment> segments, int lo, int hi)
    {
        if (hi - lo == 1)
        {
            EmitLeaf(asm, segments[lo].Outcome);
            return;
        }
        int mid = (lo + hi) / 2;
        var upper = asm.NewLabel();
        asm.JumpIf(BpfJumpCondition.GreaterOrEqual, segments[mid].Start, upper, null);
        EmitTree(asm, segments, lo, mid);
        asm.Mark(upper);
        EmitTree(asm, segments, mid, hi);
    }

    private static void EmitLeaf(BpfAssembler asm, Outcome outcome)
    {
        foreach (SeccompRule rule in outcome.Conditional)
        {
            var nextRule = asm.NewLabel();
            foreach (ArgCondition condition in rule.Conditions)
                ArgConditionEmitter.Emit(asm, condition, nextRule);
            asm.Return(rule.Action.ReturnValue);
            asm.Mark(nextRule);
        }
        asm.Return(outcome.Fallback.ReturnValue);
    }
}
