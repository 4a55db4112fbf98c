using Ptracer.Native;
using Ptracer.Seccomp;
using Xunit;
using Xunit.Abstractions;
using static Ptracer.Tests.Seccomp.SeccompTestData;

namespace Ptracer.Tests.Seccomp;

public class SeccompFilterCompilerTests(ITestOutputHelper output)
{
    private const int X32Bit = 0x40000000;

    public static TheoryData<string> AllActions() => new(ActionsByName.Keys);

    private static readonly Dictionary<string, SeccompAction> ActionsByName = new()
    {
        ["Allow"] = SeccompAction.Allow,
        ["Trace"] = SeccompAction.Trace(42),
        ["Errno"] = SeccompAction.Errno(13),
        ["KillProcess"] = SeccompAction.KillProcess,
        ["KillThread"] = SeccompAction.KillThread,
        ["Trap"] = SeccompAction.Trap(3),
        ["Log"] = SeccompAction.Log,
        ["UserNotif"] = SeccompAction.UserNotif,
    };

    [Theory]
    [MemberData(nameof(AllActions))]
    public void Every_action_is_returned_for_its_syscall(string name)
    {
        var policy = new SeccompPolicy(SeccompAction.Errno(1));
        policy.X86_64.Add(39, ActionsByName[name]);

        SockFilter[] program = SeccompFilterCompiler.Compile(policy);

        Assert.Equal(ActionsByName[name], Run(program, X86_64(39)));
        Assert.Equal(SeccompAction.Errno(1), Run(program, X86_64(38)));
        Assert.Equal(SeccompAction.Errno(1), Run(program, X86_64(40)));
    }

    [Theory]
    [MemberData(nameof(AllActions))]
    public void Default_action_applies_to_unlisted_syscalls(string name)
    {
        var policy = new SeccompPolicy(ActionsByName[name]);
        policy.X86_64.Add([0, 1, 2], SeccompAction.Errno(5));

        SockFilter[] program = SeccompFilterCompiler.Compile(policy);

        foreach (int nr in new[] { 3, 39, 231, 1000, int.MaxValue >> 2 })
            Assert.Equal(ActionsByName[name], Run(program, X86_64(nr)));
        Assert.Equal(SeccompAction.Errno(5), Run(program, X86_64(2)));
    }

    [Fact]
    public void Empty_policy_returns_its_default()
    {
        SockFilter[] program = SeccompFilterCompiler.Compile(new SeccompPolicy(SeccompAction.Log));
        Assert.Equal(SeccompAction.Log, Run(program, X86_64(0)));
        Assert.Equal(SeccompAction.Log, Run(program, X86_64(500)));
    }

    public static TheoryData<ArgOp, ArgWidth> OperatorsAndWidths()
    {
        var data = new TheoryData<ArgOp, ArgWidth>();
        foreach (ArgOp op in Enum.GetValues<ArgOp>())
            foreach (ArgWidth width in Enum.GetValues<ArgWidth>())
                data.Add(op, width);
        return data;
    }

    [Theory]
    [MemberData(nameof(OperatorsAndWidths))]
    public void Each_comparison_operator_agrees_with_its_definition_around_the_boundaries(ArgOp op, ArgWidth width)
    {
        ulong[] values = width == ArgWidth.Bits32
            ? [0, 1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 1000]
            : [0, 1, 0xffffffff, 0x1_0000_0000, 0x1_0000_0001, 0x7fff_ffff_ffff_ffff, 0xffff_ffff_ffff_ffff, 0x5_0000_0003];
        foreach (ulong value in values)
        {
            ArgCondition condition = MakeCondition(op, value, width);
            var policy = new SeccompPolicy(SeccompAction.Allow);
            policy.X86_64.Add(16, SeccompAction.Errno(1), condition);
            SockFilter[] program = SeccompFilterCompiler.Compile(policy);

            foreach (ulong arg in Probes(value))
            {
                SeccompAction expected = PolicyOracle.Holds(condition, arg) ? SeccompAction.Errno(1) : SeccompAction.Allow;
                Assert.True(expected == Run(program, X86_64(16, 0, arg)), $"{condition} with arg1 = 0x{arg:x}");
            }
        }
    }

    [Fact]
    public void Comparisons_are_unsigned_and_64_bit_ones_use_both_halves()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow);
        policy.X86_64.Add(9, SeccompAction.Errno(1), ArgCondition.Gt(1, 0x1_0000_0000));
        policy.X86_64.Add(9, SeccompAction.Errno(2), ArgCondition.Lt(1, 0x10, ArgWidth.Bits32));
        SockFilter[] program = SeccompFilterCompiler.Compile(policy);

        Assert.Equal(SeccompAction.Errno(1), Run(program, X86_64(9, 0, 0x1_0000_0001)));
        Assert.Equal(SeccompAction.Errno(1), Run(program, X86_64(9, 0, ulong.MaxValue))); // -1 is huge, not negative
        Assert.Equal(SeccompAction.Errno(2), Run(program, X86_64(9, 0, 0x1_0000_0000))); // not greater; low word 0 < 0x10
        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(9, 0, 0x10)));
        Assert.Equal(SeccompAction.Errno(2), Run(program, X86_64(9, 0, 0xf)));
    }

    [Fact]
    public void Thirty_two_bit_comparisons_ignore_the_upper_half()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow);
        policy.X86_64.Add(2, SeccompAction.Errno(1), ArgCondition.Eq(0, 5, ArgWidth.Bits32));
        policy.X86_64.Add(3, SeccompAction.Errno(1), ArgCondition.Eq(0, 5));
        SockFilter[] program = SeccompFilterCompiler.Compile(policy);

        Assert.Equal(SeccompAction.Errno(1), Run(program, X86_64(2, 0xffff_ffff_0000_0005)));
        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(3, 0xffff_ffff_0000_0005)));
        Assert.Equal(SeccompAction.Errno(1), Run(program, X86_64(3, 5)));
    }

    [Fact]
    public void Masked_equality_tests_only_the_masked_bits()
    {
        const ulong accessModeMask = 3, writeOnly = 1;
        var policy = new SeccompPolicy(SeccompAction.Allow);
        policy.X86_64.Add(2, SeccompAction.Errno(30), ArgCondition.MaskedEq(1, accessModeMask, writeOnly, ArgWidth.Bits32));
        policy.X86_64.Add(3, SeccompAction.Errno(31), ArgCondition.MaskedEq(0, 0xff00_0000_ff00_0000, 0x1200_0000_3400_0000));
        policy.X86_64.Add(4, SeccompAction.Errno(32), ArgCondition.MaskedEq(0, 0, 0));
        SockFilter[] program = SeccompFilterCompiler.Compile(policy);

        Assert.Equal(SeccompAction.Errno(30), Run(program, X86_64(2, 0, 0x80041)));
        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(2, 0, 0x80042)));
        Assert.Equal(SeccompAction.Errno(31), Run(program, X86_64(3, 0x12ab_cdef_34ff_ffff)));
        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(3, 0x13ab_cdef_34ff_ffff)));
        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(3, 0x12ab_cdef_35ff_ffff)));
        Assert.Equal(SeccompAction.Errno(32), Run(program, X86_64(4, ulong.MaxValue)));
    }

    [Fact]
    public void Every_argument_index_is_read_from_its_own_slot()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow);
        for (int i = 0; i < 6; i++)
            policy.X86_64.Add(100 + i, SeccompAction.Errno(i + 1), ArgCondition.Eq(i, 0x1234_5678_9abc_def0));
        SockFilter[] program = SeccompFilterCompiler.Compile(policy);

        for (int i = 0; i < 6; i++)
        {
            var args = new ulong[6];
            args[i] = 0x1234_5678_9abc_def0;
            Assert.Equal(SeccompAction.Errno(i + 1), Run(program, X86_64(100 + i, args)));
            args[i] = 0;
            args[(i + 1) % 6] = 0x1234_5678_9abc_def0;
            Assert.Equal(SeccompAction.Allow, Run(program, X86_64(100 + i, args)));
        }
    }

    [Fact]
    public void A_rule_matches_only_when_all_its_conditions_hold()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow);
        policy.X86_64.Add(0, SeccompAction.Errno(9), ArgCondition.Eq(0, 3), ArgCondition.Ge(2, 100), ArgCondition.Ne(1, 0));
        SockFilter[] program = SeccompFilterCompiler.Compile(policy);

        Assert.Equal(SeccompAction.Errno(9), Run(program, X86_64(0, 3, 1, 100)));
        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(0, 4, 1, 100)));
        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(0, 3, 0, 100)));
        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(0, 3, 1, 99)));
    }

    [Fact]
    public void Rules_are_tried_in_order_then_fall_back_to_the_syscall_then_the_table_then_the_policy_default()
    {
        var policy = new SeccompPolicy(SeccompAction.KillProcess);
        policy.X86_64.DefaultAction = SeccompAction.Errno(38);
        policy.X86_64.Add(1, SeccompAction.Errno(1), ArgCondition.Eq(0, 1));
        policy.X86_64.Add(1, SeccompAction.Errno(2), ArgCondition.Le(0, 2));
        policy.X86_64.Add(1, SeccompAction.Allow);
        policy.X86_64.Add(1, SeccompAction.Errno(99)); // after an unconditional rule: never reached
        policy.X86_64.Add(2, SeccompAction.Errno(3), ArgCondition.Eq(0, 1));
        policy.I386 = new SeccompRuleSet();
        policy.I386.Add(2, SeccompAction.Errno(4), ArgCondition.Eq(0, 1));
        SockFilter[] program = SeccompFilterCompiler.Compile(policy);

        Assert.Equal(SeccompAction.Errno(1), Run(program, X86_64(1, 1)));
        Assert.Equal(SeccompAction.Errno(2), Run(program, X86_64(1, 0)));
        Assert.Equal(SeccompAction.Errno(2), Run(program, X86_64(1, 2)));
        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(1, 3)));
        Assert.Equal(SeccompAction.Errno(3), Run(program, X86_64(2, 1)));
        Assert.Equal(SeccompAction.Errno(38), Run(program, X86_64(2, 0)));
        Assert.Equal(SeccompAction.Errno(38), Run(program, X86_64(3)));
        Assert.Equal(SeccompAction.Errno(4), Run(program, I386(2, 1)));
        Assert.Equal(SeccompAction.KillProcess, Run(program, I386(2, 0)));
        Assert.Equal(SeccompAction.KillProcess, Run(program, I386(1, 1)));
    }

    [Fact]
    public void I386_syscalls_use_their_own_rules()
    {
        // Number 20 is writev on x86_64 and getpid on i386 (asm/unistd_64.h, asm/unistd_32.h).
        var policy = new SeccompPolicy(SeccompAction.Allow) { I386 = new SeccompRuleSet() };
        policy.X86_64.Add(39, SeccompAction.Errno(1));
        policy.I386.Add(20, SeccompAction.Errno(2));
        SockFilter[] program = SeccompFilterCompiler.Compile(policy);

        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(20)));
        Assert.Equal(SeccompAction.Errno(1), Run(program, X86_64(39)));
        Assert.Equal(SeccompAction.Errno(2), Run(program, I386(20)));
        Assert.Equal(SeccompAction.Allow, Run(program, I386(39)));
    }

    [Fact]
    public void I386_conditions_compare_32_bits_whatever_their_width()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow) { I386 = new SeccompRuleSet() };
        policy.I386.Add(20, SeccompAction.Errno(1), ArgCondition.Eq(0, 5));
        policy.I386.Add(20, SeccompAction.Errno(2), ArgCondition.Lt(1, 3));
        SockFilter[] program = SeccompFilterCompiler.Compile(policy);

        Assert.Equal(SeccompAction.Errno(1), Run(program, I386(20, 0xffff_ffff_0000_0005)));
        Assert.Equal(SeccompAction.Errno(2), Run(program, I386(20, 0, 0x7_0000_0002)));
        Assert.Equal(SeccompAction.Allow, Run(program, I386(20, 0, 3)));
    }

    [Fact]
    public void I386_conditions_on_values_wider_than_32_bits_are_refused()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow) { I386 = new SeccompRuleSet() };
        policy.I386.Add(20, SeccompAction.Errno(1), ArgCondition.Eq(0, 0x1_0000_0000));
        Assert.Throws<ArgumentException>(() => SeccompFilterCompiler.Compile(policy));
    }

    [Theory]
    [InlineData("KillProcess")]
    [InlineData("Trace")]
    [InlineData("Errno")]
    public void I386_without_rules_gets_the_policy_chosen_action(string name)
    {
        var policy = new SeccompPolicy(SeccompAction.Allow) { I386Action = ActionsByName[name] };
        SockFilter[] program = SeccompFilterCompiler.Compile(policy);

        foreach (int nr in new[] { 0, 1, 20, 11, 400 })
            Assert.Equal(ActionsByName[name], Run(program, I386(nr)));
        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(20)));
    }

    [Fact]
    public void I386_is_killed_by_default()
    {
        SockFilter[] program = SeccompFilterCompiler.Compile(new SeccompPolicy(SeccompAction.Allow));
        Assert.Equal(SeccompAction.KillProcess, Run(program, I386(20)));
    }

    [Fact]
    public void X32_syscalls_are_killed_by_default_even_when_the_default_allows()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow);
        policy.X86_64.Add(39, SeccompAction.Allow);
        SockFilter[] program = SeccompFilterCompiler.Compile(policy);

        foreach (int nr in new[] { X32Bit, X32Bit | 39, X32Bit | 512, 0x7fffffff })
            Assert.Equal(SeccompAction.KillProcess, Run(program, X86_64(nr)));
        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(39)));
    }

    [Fact]
    public void X32_syscalls_can_be_masked_to_the_x86_64_rules()
    {
        var policy = new SeccompPolicy(SeccompAction.Errno(38)) { X32 = X32Handling.UseX86_64Rules };
        policy.X86_64.Add(39, SeccompAction.Allow);
        policy.X86_64.Add(1, SeccompAction.Errno(5), ArgCondition.Eq(0, 2));
        SockFilter[] program = SeccompFilterCompiler.Compile(policy);

        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(X32Bit | 39)));
        Assert.Equal(SeccompAction.Errno(5), Run(program, X86_64(X32Bit | 1, 2)));
        Assert.Equal(SeccompAction.Errno(38), Run(program, X86_64(X32Bit | 1, 3)));
        Assert.Equal(SeccompAction.Errno(38), Run(program, X86_64(X32Bit | 512)));
    }

    [Fact]
    public void X32_syscalls_can_get_a_fixed_action()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow) { X32 = X32Handling.Return(SeccompAction.Errno(22)) };
        SockFilter[] program = SeccompFilterCompiler.Compile(policy);
        Assert.Equal(SeccompAction.Errno(22), Run(program, X86_64(X32Bit | 0)));
        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(0)));
    }

    [Fact]
    public void Negative_numbers_are_not_x32_and_reach_the_default()
    {
        // The kernel answers nr -1 with ENOSYS; it is no x32 call, so the policy default decides.
        var policy = new SeccompPolicy(SeccompAction.Errno(38));
        policy.X86_64.Add(0, SeccompAction.Allow);
        SockFilter[] program = SeccompFilterCompiler.Compile(policy);
        Assert.Equal(SeccompAction.Errno(38), Run(program, X86_64(-1)));
        Assert.Equal(SeccompAction.Errno(38), Run(program, X86_64(int.MinValue)));
    }

    [Theory]
    [InlineData(ArchAarch64)]
    [InlineData(0u)]
    [InlineData(0x4000003Eu)] // EM_X86_64 without __AUDIT_ARCH_64BIT
    [InlineData(0xC0000003u)] // EM_386 with __AUDIT_ARCH_64BIT
    public void Unknown_architectures_are_killed(uint arch)
    {
        var policy = new SeccompPolicy(SeccompAction.Allow) { I386 = new SeccompRuleSet(), I386Action = SeccompAction.Allow };
        SockFilter[] program = SeccompFilterCompiler.Compile(policy);
        Assert.Equal(SeccompAction.KillProcess, Run(program, Make(arch, 39)));
    }

    [Fact]
    public void Three_hundred_rules_each_with_its_own_action()
    {
        (SeccompPolicy policy, Dictionary<int, SeccompAction> expected) = ThreeHundredRulePolicy();
        SockFilter[] program = SeccompFilterCompiler.Compile(policy);

        Assert.True(program.Length <= Bpf.MaxInstructions);
        Assert.Contains(program, i => i.Code == (Bpf.Jmp | Bpf.Ja)); // long enough to need trampolines
        int maxExecuted = 0;
        foreach ((int nr, SeccompAction action) in expected)
        {
            Assert.Equal(action, Run(program, X86_64(nr), out int executed));
            maxExecuted = Math.Max(maxExecuted, executed);
        }
        foreach (int absent in new[] { 0, 1, 2, 231, 999, 1001, 1451, 1898, 1900, 5000, 0x3fffffff })
            Assert.Equal(SeccompAction.Allow, Run(program, X86_64(absent)));
        // ~600 segments: arch (2) + nr and x32 checks (3) + ceil(log2 600) = 10 jumps + trampolines + ret.
        Assert.True(maxExecuted <= 20, $"{maxExecuted} instructions executed");
        output.WriteLine($"300 rules: {program.Length} instructions, at most {maxExecuted} executed per syscall");
    }

    /// <summary>Numbers 1000, 1003, ... 1897 (gaps between them), each with a distinct action.</summary>
    internal static (SeccompPolicy, Dictionary<int, SeccompAction>) ThreeHundredRulePolicy()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow);
        var expected = new Dictionary<int, SeccompAction>();
        for (int i = 0; i < 300; i++)
        {
            int nr = 1000 + 3 * i;
            SeccompAction action = i % 3 == 2 ? SeccompAction.Trace((ushort)i) : SeccompAction.Errno(i + 1);
            policy.X86_64.Add(nr, action);
            expected[nr] = action;
        }
        return (policy, expected);
    }

    [Fact]
    public void Conditional_rules_longer_than_a_jump_reach_are_trampolined()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow);
        for (int i = 0; i < 80; i++)
            policy.X86_64.Add(5, SeccompAction.Errno(i + 1), ArgCondition.Eq(0, (ulong)i << 32 | (uint)i), ArgCondition.Ne(1, 7));
        policy.X86_64.Add(6, SeccompAction.Errno(100));
        SockFilter[] program = SeccompFilterCompiler.Compile(policy);

        Assert.Contains(program, i => i.Code == (Bpf.Jmp | Bpf.Ja));
        for (int i = 0; i < 80; i++)
        {
            Assert.Equal(SeccompAction.Errno(i + 1), Run(program, X86_64(5, (ulong)i << 32 | (uint)i, 0)));
            Assert.Equal(SeccompAction.Allow, Run(program, X86_64(5, (ulong)i << 32 | (uint)i, 7)));
        }
        Assert.Equal(SeccompAction.Errno(100), Run(program, X86_64(6)));
        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(5, 1)));
    }

    [Fact]
    public void Policies_too_large_for_the_kernel_are_refused_clearly()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow);
        for (int nr = 0; nr < 3000; nr++)
            policy.X86_64.Add(nr * 2, SeccompAction.Errno(nr % 4000 + 1));
        var error = Assert.Throws<BpfProgramTooLargeException>(() => SeccompFilterCompiler.Compile(policy));
        Assert.True(error.InstructionCount > Bpf.MaxInstructions);
    }

    [Fact]
    public void Neighbouring_syscalls_with_the_same_action_share_one_leaf()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow);
        policy.X86_64.Add(Enumerable.Range(0, 400), SeccompAction.Trace());
        SockFilter[] program = SeccompFilterCompiler.Compile(policy);
        Assert.True(program.Length < 20, $"{program.Length} instructions");
    }

    [Fact]
    public void Random_policies_agree_with_their_definition()
    {
        var random = new Random(20240601);
        for (int round = 0; round < 40; round++)
        {
            SeccompPolicy policy = RandomPolicy(random);
            SockFilter[] program = SeccompFilterCompiler.Compile(policy);
            for (int probe = 0; probe < 400; probe++)
            {
                SeccompData data = RandomData(random);
                SeccompAction expected = PolicyOracle.Evaluate(policy, data);
                Assert.True(expected == Run(program, data), $"round {round} probe {probe}: nr {data.Nr} arch 0x{data.Arch:x}");
            }
        }
    }

    [Fact]
    public void Traced_syscalls_filter_traces_the_listed_numbers_of_each_abi_and_allows_the_rest()
    {
        // openat 257, execve 59 on x86_64; open 5, execve 11 on i386.
        SockFilter[] program = SeccompFilterCompiler.ForTracedSyscalls([257, 59, 59], [5, 11]);
        output.WriteLine(BpfDisassembler.Format(program));

        Assert.Equal(SeccompAction.Trace(), Run(program, X86_64(257)));
        Assert.Equal(SeccompAction.Trace(), Run(program, X86_64(59)));
        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(0)));
        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(5)));
        Assert.Equal(SeccompAction.Trace(), Run(program, I386(5)));
        Assert.Equal(SeccompAction.Trace(), Run(program, I386(11)));
        Assert.Equal(SeccompAction.Allow, Run(program, I386(257)));
        Assert.Equal(SeccompAction.Trace(), Run(program, X86_64(X32Bit | 1)));
        Assert.Equal(SeccompAction.Trace(), Run(program, X86_64(X32Bit | 257)));
        Assert.Equal(SeccompAction.KillProcess, Run(program, Make(ArchAarch64, 257)));
    }

    [Fact]
    public void Traced_syscalls_filter_with_empty_sets_still_traces_x32()
    {
        SockFilter[] program = SeccompFilterCompiler.ForTracedSyscalls([], []);
        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(1)));
        Assert.Equal(SeccompAction.Allow, Run(program, I386(1)));
        Assert.Equal(SeccompAction.Trace(), Run(program, X86_64(X32Bit | 1)));
    }

    [Fact]
    public void Traced_syscalls_by_name_use_each_table_that_has_the_name()
    {
        // asm/unistd_64.h: accept 43, openat 257; asm/unistd_32.h: socketcall 102, openat 295 (no accept).
        SockFilter[] program = SeccompFilterCompiler.ForTracedSyscalls(["openat", "accept", "socketcall"]);

        Assert.Equal(SeccompAction.Trace(), Run(program, X86_64(257)));
        Assert.Equal(SeccompAction.Trace(), Run(program, X86_64(43)));
        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(102)));
        Assert.Equal(SeccompAction.Allow, Run(program, X86_64(295)));
        Assert.Equal(SeccompAction.Trace(), Run(program, I386(295)));
        Assert.Equal(SeccompAction.Trace(), Run(program, I386(102)));
        Assert.Equal(SeccompAction.Allow, Run(program, I386(257)));
        Assert.Equal(SeccompAction.Allow, Run(program, I386(43)));
        Assert.Throws<ArgumentException>(() => SeccompFilterCompiler.ForTracedSyscalls(["no_such_syscall"]));
    }

    [Fact]
    public void Rule_numbers_outside_the_table_range_are_rejected()
    {
        var rules = new SeccompRuleSet();
        Assert.Throws<ArgumentOutOfRangeException>(() => rules.Add(-1, SeccompAction.Allow));
        Assert.Throws<ArgumentOutOfRangeException>(() => rules.Add(X32Bit | 1, SeccompAction.Allow));
    }

    private static SeccompAction Run(SockFilter[] program, SeccompData data) => Run(program, data, out _);

    private static SeccompAction Run(SockFilter[] program, SeccompData data, out int executed) =>
        SeccompAction.FromReturnValue(CbpfInterpreter.Run(program, data, out executed));

    private static ArgCondition MakeCondition(ArgOp op, ulong value, ArgWidth width) => op == ArgOp.MaskedEqual
        ? ArgCondition.MaskedEq(1, value | 0xf0f0, value, width)
        : new ArgCondition(1, op, value, width);

    /// <summary>Arguments around a value: itself, ±1, ±1 in the high word, and the extremes.</summary>
    private static IEnumerable<ulong> Probes(ulong value)
    {
        yield return value;
        yield return value + 1;
        yield return value - 1;
        yield return value + 0x1_0000_0000;
        yield return value - 0x1_0000_0000;
        yield return value ^ 0xf0f0;
        yield return value ^ 0xffff_ffff_0000_0000;
        yield return 0;
        yield return ulong.MaxValue;
        yield return uint.MaxValue;
    }

    private static SeccompPolicy RandomPolicy(Random random)
    {
        var policy = new SeccompPolicy(RandomAction(random))
        {
            X32 = random.Next(3) switch { 0 => X32Handling.Kill, 1 => X32Handling.UseX86_64Rules, _ => X32Handling.Return(RandomAction(random)) },
            I386Action = RandomAction(random),
        };
        if (random.Next(2) == 0)
            policy.I386 = new SeccompRuleSet();
        FillRandomRules(random, policy.X86_64, i386: false);
        if (policy.I386 is not null)
            FillRandomRules(random, policy.I386, i386: true);
        return policy;
    }

    private static void FillRandomRules(Random random, SeccompRuleSet rules, bool i386)
    {
        if (random.Next(3) == 0)
            rules.DefaultAction = RandomAction(random);
        int count = random.Next(0, 120);
        for (int i = 0; i < count; i++)
        {
            int nr = random.Next(0, 40);
            var conditions = Enumerable.Range(0, random.Next(0, 3)).Select(_ => RandomCondition(random, i386)).ToArray();
            rules.Add(nr * random.Next(1, 12), RandomAction(random), conditions);
        }
    }

    private static readonly ulong[] InterestingValues = [0, 1, 2, 7, 0xffffffff, 0x1_0000_0000, 0x1_0000_0007, ulong.MaxValue, 0x8000_0000_0000_0000];

    private static ArgCondition RandomCondition(Random random, bool i386)
    {
        var op = (ArgOp)random.Next(0, 7);
        var width = random.Next(2) == 0 ? ArgWidth.Bits32 : ArgWidth.Bits64;
        ulong value = InterestingValues[random.Next(InterestingValues.Length)];
        if (width == ArgWidth.Bits32 || i386)
            value &= uint.MaxValue;
        int index = random.Next(0, 3);
        return op == ArgOp.MaskedEqual ? ArgCondition.MaskedEq(index, value | 0x5, value, width) : new ArgCondition(index, op, value, width);
    }

    private static SeccompAction RandomAction(Random random) => random.Next(8) switch
    {
        0 => SeccompAction.Allow,
        1 => SeccompAction.KillProcess,
        2 => SeccompAction.KillThread,
        3 => SeccompAction.Log,
        4 => SeccompAction.UserNotif,
        5 => SeccompAction.Trap((ushort)random.Next(3)),
        6 => SeccompAction.Trace((ushort)random.Next(3)),
        _ => SeccompAction.Errno(random.Next(1, 5)),
    };

    private static SeccompData RandomData(Random random)
    {
        uint arch = random.Next(10) switch { < 5 => ArchX86_64, < 9 => ArchI386, _ => ArchAarch64 };
        int nr = random.Next(8) switch
        {
            0 => X32Bit | random.Next(0, 480),
            1 => -random.Next(1, 3),
            _ => random.Next(0, 480),
        };
        var args = Enumerable.Range(0, 6).Select(_ => RandomArg(random)).ToArray();
        return Make(arch, nr, args);
    }

    private static ulong RandomArg(Random random) => random.Next(3) switch
    {
        0 => InterestingValues[random.Next(InterestingValues.Length)],
        1 => InterestingValues[random.Next(InterestingValues.Length)] + (ulong)random.Next(-1, 2),
        _ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 33),
    };
}
