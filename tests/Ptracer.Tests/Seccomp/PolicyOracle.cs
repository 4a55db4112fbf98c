using Ptracer.Native;
using Ptracer.Seccomp;

namespace Ptracer.Tests.Seccomp;

/// <summary>What a policy means, written directly from its definition and independent of the compiler.</summary>
internal static class PolicyOracle
{
    public static SeccompAction Evaluate(SeccompPolicy policy, SeccompData data)
    {
        uint nr = (uint)data.Nr;
        if (data.Arch == SeccompTestData.ArchX86_64)
        {
            bool x32 = nr >= 0x40000000 && nr < 0x80000000;
            if (x32 && !policy.X32.MaskToX86_64)
                return policy.X32.Action;
            return Table(policy, policy.X86_64, x32 ? nr & ~0x40000000u : nr, data, argsAre32Bit: false);
        }
        if (data.Arch == SeccompTestData.ArchI386)
            return policy.I386 is null ? policy.I386Action : Table(policy, policy.I386, nr, data, argsAre32Bit: true);
        return SeccompAction.KillProcess;
    }

    private static SeccompAction Table(SeccompPolicy policy, SeccompRuleSet rules, uint nr, SeccompData data, bool argsAre32Bit)
    {
        if (nr <= int.MaxValue)
        {
            foreach (SeccompRule rule in rules.RulesFor((int)nr))
                if (rule.Conditions.All(c => Holds(c, SeccompTestData.Arg(data, c.Index), argsAre32Bit)))
                    return rule.Action;
        }
        return rules.DefaultAction ?? policy.DefaultAction;
    }

    /// <param name="argsAre32Bit">i386: every argument is its low 32 bits, whatever the condition's width.</param>
    public static bool Holds(ArgCondition c, ulong arg, bool argsAre32Bit = false)
    {
        if (c.Width == ArgWidth.Bits32 || argsAre32Bit)
            arg &= uint.MaxValue;
        return c.Op switch
        {
            ArgOp.Equal => arg == c.Value,
            ArgOp.NotEqual => arg != c.Value,
            ArgOp.Less => arg < c.Value,
            ArgOp.LessOrEqual => arg <= c.Value,
            ArgOp.Greater => arg > c.Value,
            ArgOp.GreaterOrEqual => arg >= c.Value,
            _ => (arg & c.Mask) == c.Value,
        };
    }
}
