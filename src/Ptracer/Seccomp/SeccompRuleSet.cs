namespace Ptracer.Seccomp;

/// <summary>One rule: the action taken when every condition holds (no conditions: always).</summary>
public sealed record SeccompRule(SeccompAction Action, IReadOnlyList<ArgCondition> Conditions)
{
    public bool IsUnconditional => Conditions.Count == 0;
}

/// <summary>
/// The rules of one syscall ABI (one table of numbers). A syscall's rules are tried in the order they were
/// added; the first whose conditions all hold decides. When none does, <see cref="DefaultAction"/> applies,
/// or the policy's default when that is null.
/// </summary>
public sealed class SeccompRuleSet
{
    /// <summary>Syscall numbers the x86_64 entry path treats as x32 start here (asm/unistd.h __X32_SYSCALL_BIT).</summary>
    internal const int X32SyscallBit = 0x40000000;

    // A plain dictionary: the numbers are sorted once, when the filter is emitted (a sorted tree cost more at every start).
    private readonly Dictionary<int, List<SeccompRule>> _rules = [];

    /// <summary>For syscalls of this ABI that no rule decides; null: the policy's default.</summary>
    public SeccompAction? DefaultAction { get; set; }

    /// <summary>Syscall numbers with rules, ascending.</summary>
    public IEnumerable<int> Numbers
    {
        get
        {
            var numbers = new int[_rules.Count];
            _rules.Keys.CopyTo(numbers, 0);
            Array.Sort(numbers);
            return numbers;
        }
    }

    public int Count => _rules.Count;

    /// <summary>Appends a rule for syscall <paramref name="number"/>.</summary>
    public SeccompRuleSet Add(int number, SeccompAction action, params ArgCondition[] conditions)
    {
        // Numbers at or above the x32 bit are not table entries; the policy's X32 option handles them.
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(number, X32SyscallBit);
        if (!_rules.TryGetValue(number, out var list))
            _rules[number] = list = [];
        list.Add(new SeccompRule(action, conditions.ToArray()));
        return this;
    }

    /// <summary>Appends an unconditional rule for each number.</summary>
    public SeccompRuleSet Add(IEnumerable<int> numbers, SeccompAction action)
    {
        foreach (int number in numbers)
            Add(number, action);
        return this;
    }

    public IReadOnlyList<SeccompRule> RulesFor(int number) =>
        _rules.TryGetValue(number, out var list) ? list : [];
}
