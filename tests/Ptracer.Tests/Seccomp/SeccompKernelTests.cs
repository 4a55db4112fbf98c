using Ptracer.Native;
using Ptracer.Seccomp;
using Xunit;
using static Ptracer.Tests.Seccomp.SeccompTestData;

namespace Ptracer.Tests.Seccomp;

/// <summary>Filters installed by the real kernel in a child process (tracees/seccomp_load.c).</summary>
public class SeccompKernelTests
{
    // asm/unistd_64.h and asm/unistd_32.h
    private const int GetpidX64 = 39, GetppidX64 = 110, GetuidX64 = 102, GetpidI386 = 20, GetppidI386 = 64;
    private const int ENOSYS = 38, EINVAL = 22;
    private const int X32Bit = 0x40000000;

    [Fact]
    public void Allowed_syscalls_run()
    {
        LoaderRun run = SeccompLoader.Run(SeccompFilterCompiler.Compile(new SeccompPolicy(SeccompAction.Allow)), "x64:39");
        Assert.True(run.Finished, run.ToString());
        Assert.True(run.Result("x64:39").Ret > 1);
    }

    [Theory]
    [InlineData("Errno", 77)]
    [InlineData("Trace", ENOSYS)]      // SECCOMP_RET_TRACE with no tracer attached fails with ENOSYS
    [InlineData("UserNotif", ENOSYS)]  // no listener fd was asked for
    [InlineData("Log", 0)]
    [InlineData("Allow", 0)]
    public void Actions_that_return_to_the_caller_behave_as_seccomp_2_says(string name, int expectedErrno)
    {
        SeccompAction action = name switch
        {
            "Errno" => SeccompAction.Errno(77),
            "Trace" => SeccompAction.Trace(5),
            "UserNotif" => SeccompAction.UserNotif,
            "Log" => SeccompAction.Log,
            _ => SeccompAction.Allow,
        };
        var policy = new SeccompPolicy(SeccompAction.Allow);
        policy.X86_64.Add(GetppidX64, action);

        LoaderRun run = SeccompLoader.Run(SeccompFilterCompiler.Compile(policy), "x64:110", "x64:39");

        Assert.True(run.Finished, run.ToString());
        Assert.Equal(expectedErrno, run.ErrnoOf("x64:110"));
        Assert.Equal(0, run.ErrnoOf("x64:39"));
    }

    [Fact]
    public void Trap_raises_SIGSYS_with_the_syscall_arch_and_data()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow);
        policy.X86_64.Add(GetppidX64, SeccompAction.Trap(9));

        LoaderRun run = SeccompLoader.Run(SeccompFilterCompiler.Compile(policy), "x64:110");

        Assert.True(run.Finished, run.ToString());
        Assert.Contains("sigsys nr=110 arch=0xc000003e data=9", run.Lines);
    }

    [Fact]
    public void KillProcess_kills_the_process_with_SIGSYS()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow);
        policy.X86_64.Add(GetppidX64, SeccompAction.KillProcess);

        LoaderRun run = SeccompLoader.Run(SeccompFilterCompiler.Compile(policy), "x64:39", "x64:110", "x64:39");

        Assert.True(run.Loaded, run.ToString());
        Assert.Equal(0, run.ErrnoOf("x64:39"));
        Assert.False(run.Finished);
        Assert.Equal(SeccompLoader.KilledBySigsys, run.ExitCode);
    }

    [Fact]
    public void KillProcess_from_another_thread_kills_the_whole_process()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow);
        policy.X86_64.Add(GetppidX64, SeccompAction.KillProcess);

        LoaderRun run = SeccompLoader.Run(SeccompFilterCompiler.Compile(policy), "thread:110");

        Assert.DoesNotContain("joined", run.Lines);
        Assert.Equal(SeccompLoader.KilledBySigsys, run.ExitCode);
    }

    [Fact]
    public void KillThread_kills_only_the_calling_thread()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow);
        policy.X86_64.Add(GetppidX64, SeccompAction.KillThread);

        LoaderRun run = SeccompLoader.Run(SeccompFilterCompiler.Compile(policy), "thread:110");

        Assert.True(run.Finished, run.ToString());
        Assert.Contains("joined", run.Lines);
        Assert.DoesNotContain(run.Lines, l => l.StartsWith("thread ret=", StringComparison.Ordinal));
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void Argument_conditions_decide_in_the_kernel_as_in_the_interpreter()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow);
        policy.X86_64.Add(GetpidX64, SeccompAction.Errno(1), ArgCondition.Gt(0, 0x1_0000_0000));
        policy.X86_64.Add(GetpidX64, SeccompAction.Errno(2), ArgCondition.Eq(1, 7, ArgWidth.Bits32));
        policy.X86_64.Add(GetpidX64, SeccompAction.Errno(3), ArgCondition.MaskedEq(2, 0xf0, 0x30));
        policy.X86_64.Add(GetpidX64, SeccompAction.Errno(4), ArgCondition.Le(3, 5), ArgCondition.Ne(4, 0));
        policy.X86_64.Add(GetpidX64, SeccompAction.Errno(5), ArgCondition.Ge(5, 0xffff_ffff_0000_0000));
        SockFilter[] program = SeccompFilterCompiler.Compile(policy);
        ulong[][] cases =
        [
            [0x1_0000_0001], [0x1_0000_0000, 0, 0, 6], [0, 0xffff_ffff_0000_0007, 0, 6], [0, 8, 0, 6], [0, 0, 0x1234, 6],
            [0, 0, 0x1244, 6], [0, 0, 0, 5, 1], [0, 0, 0, 5, 0], [0, 0, 0, 6, 1, 0xffff_ffff_0000_0000], [0, 0, 0, 6, 0, 0xfff],
        ];

        string[] ops = cases.Select(args => "x64:39:" + string.Join(':', args.Select(a => $"0x{a:x}"))).ToArray();
        LoaderRun run = SeccompLoader.Run(program, ops);

        Assert.True(run.Finished, run.ToString());
        for (int i = 0; i < cases.Length; i++)
        {
            SeccompAction decided = SeccompAction.FromReturnValue(CbpfInterpreter.Run(program, X86_64(GetpidX64, cases[i])));
            Assert.Equal(ObservedErrno(decided), run.ErrnoOf(ops[i]));
        }
        Assert.Equal([1, 0, 2, 0, 3, 0, 4, 0, 5, 0], ops.Select(run.ErrnoOf));
    }

    [Fact]
    public void Int_0x80_from_a_64_bit_process_is_decided_by_the_i386_rules()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow) { I386 = new SeccompRuleSet() };
        policy.I386.Add(GetpidI386, SeccompAction.Errno(3));
        policy.X86_64.Add(GetppidI386, SeccompAction.Errno(4)); // 64 is semget on x86_64: must not apply to i386

        LoaderRun run = SeccompLoader.Run(SeccompFilterCompiler.Compile(policy), "i386:20", "i386:64", "x64:39");

        Assert.True(run.Finished, run.ToString());
        Assert.Equal(3, run.ErrnoOf("i386:20"));
        Assert.Equal(0, run.ErrnoOf("i386:64"));
        Assert.True(run.Result("i386:64").Ret > 1);
        Assert.Equal(0, run.ErrnoOf("x64:39"));
    }

    [Fact]
    public void Int_0x80_arguments_are_compared_on_32_bits_because_seccomp_sees_the_upper_register_halves()
    {
        // The kernel shows int 0x80 callers' full 64-bit rbx in seccomp_data.args[0]; getpid's i386 entry point
        // ignores it. A 64-bit comparison would let 0x1_0000_0005 slip past a rule about 5.
        var policy = new SeccompPolicy(SeccompAction.Allow) { I386 = new SeccompRuleSet() };
        policy.I386.Add(GetpidI386, SeccompAction.Errno(1), ArgCondition.Eq(0, 5));

        LoaderRun run = SeccompLoader.Run(SeccompFilterCompiler.Compile(policy), "i386:20:0x100000005", "i386:20:5", "i386:20:6");

        Assert.True(run.Finished, run.ToString());
        Assert.Equal(1, run.ErrnoOf("i386:20:0x100000005"));
        Assert.Equal(1, run.ErrnoOf("i386:20:5"));
        Assert.Equal(0, run.ErrnoOf("i386:20:6"));
    }

    [Fact]
    public void Int_0x80_is_killed_when_the_policy_has_no_i386_rules()
    {
        LoaderRun run = SeccompLoader.Run(SeccompFilterCompiler.Compile(new SeccompPolicy(SeccompAction.Allow)), "x64:39", "i386:20");

        Assert.Equal(0, run.ErrnoOf("x64:39"));
        Assert.False(run.Finished);
        Assert.Equal(SeccompLoader.KilledBySigsys, run.ExitCode);
    }

    [Fact]
    public void X32_numbers_are_killed_by_default()
    {
        LoaderRun run = SeccompLoader.Run(SeccompFilterCompiler.Compile(new SeccompPolicy(SeccompAction.Allow)), "x64:0x40000027");

        Assert.True(run.Loaded, run.ToString());
        Assert.Equal(SeccompLoader.KilledBySigsys, run.ExitCode);
    }

    [Fact]
    public void X32_numbers_masked_to_x86_64_follow_its_rules()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow) { X32 = X32Handling.UseX86_64Rules };
        policy.X86_64.Add(GetpidX64, SeccompAction.Errno(5));

        LoaderRun run = SeccompLoader.Run(SeccompFilterCompiler.Compile(policy), "x64:0x40000027", "x64:0x40000066");

        Assert.True(run.Finished, run.ToString());
        Assert.Equal(5, run.ErrnoOf("x64:0x40000027"));
        // Allowed; this kernel has no x32 ABI (CONFIG_X86_X32_ABI) or runs it: either way it is not blocked.
        Assert.NotEqual(5, run.ErrnoOf("x64:0x40000066"));
    }

    [Fact]
    public void Three_hundred_rule_filter_is_accepted_and_decides_as_the_interpreter_says()
    {
        (SeccompPolicy policy, Dictionary<int, SeccompAction> expected) = SeccompFilterCompilerTests.ThreeHundredRulePolicy();
        SockFilter[] program = SeccompFilterCompiler.Compile(policy);
        int[] numbers = [1000, 1003, 1006, 1450, 1501, 1897, 1001, GetpidX64, GetuidX64];

        LoaderRun run = SeccompLoader.Run(program, numbers.Select(n => $"x64:{n}").ToArray());

        Assert.True(run.Loaded, run.ToString());
        Assert.True(run.Finished, run.ToString());
        foreach (int nr in numbers)
        {
            SeccompAction decided = SeccompAction.FromReturnValue(CbpfInterpreter.Run(program, X86_64(nr)));
            Assert.Equal(expected.GetValueOrDefault(nr, SeccompAction.Allow), decided);
            int unfiltered = nr >= 1000 ? ENOSYS : 0; // numbers from 1000 up are no syscalls at all
            Assert.Equal(ObservedErrno(decided, unfiltered), run.ErrnoOf($"x64:{nr}"));
        }
        Assert.Equal(151, run.ErrnoOf("x64:1450"));
    }

    [Fact]
    public void Traced_syscalls_filter_is_accepted_and_only_the_listed_syscalls_are_traced()
    {
        SockFilter[] program = SeccompFilterCompiler.ForTracedSyscalls([GetpidX64], [GetpidI386]);

        LoaderRun run = SeccompLoader.Run(program, "x64:39", "x64:110", "i386:20", "i386:64", "x64:0x4000006e");

        // Without a tracer, SECCOMP_RET_TRACE fails the syscall with ENOSYS: that marks the traced ones.
        Assert.True(run.Finished, run.ToString());
        Assert.Equal(ENOSYS, run.ErrnoOf("x64:39"));
        Assert.Equal(0, run.ErrnoOf("x64:110"));
        Assert.Equal(ENOSYS, run.ErrnoOf("i386:20"));
        Assert.Equal(0, run.ErrnoOf("i386:64"));
        Assert.Equal(ENOSYS, run.ErrnoOf("x64:0x4000006e"));
    }

    public static TheoryData<string> InvalidPrograms() => new(InvalidProgramsByName.Keys);

    private static readonly Dictionary<string, SockFilter[]> InvalidProgramsByName = new()
    {
        ["misaligned load"] = [new(Bpf.Ld | Bpf.W | Bpf.Abs, 0, 0, 2), Allow()],
        ["load past seccomp_data"] = [new(Bpf.Ld | Bpf.W | Bpf.Abs, 0, 0, 64), Allow()],
        ["byte load"] = [new(Bpf.Ld | Bpf.B | Bpf.Abs, 0, 0, 0), Allow()],
        ["no final return"] = [Allow(), new(Bpf.Ld | Bpf.Imm, 0, 0, 0)],
        ["jump out of the program"] = [new(Bpf.Jmp | Bpf.Jeq | Bpf.K, 5, 0, 0), Allow()],
        ["scratch read before write"] = [new(Bpf.Ld | Bpf.Mem, 0, 0, 3), Allow()],
    };

    [Theory]
    [MemberData(nameof(InvalidPrograms))]
    public void Kernel_and_interpreter_refuse_the_same_malformed_programs(string name)
    {
        SockFilter[] program = InvalidProgramsByName[name];

        LoaderRun run = SeccompLoader.Run(program, "x64:39");

        Assert.Contains($"load-failed errno={EINVAL}", run.Lines);
        Assert.Equal(3, run.ExitCode);
        Assert.Throws<InvalidDataException>(() => CbpfInterpreter.Validate(program));
    }

    private static SockFilter Allow() => new(Bpf.Ret | Bpf.K, 0, 0, SeccompAction.Allow.ReturnValue);

    /// <summary>The errno a caller sees for an action that returns to it.</summary>
    private static int ObservedErrno(SeccompAction action, int unfiltered = 0) => action.Kind switch
    {
        SeccompActionKind.Allow or SeccompActionKind.Log => unfiltered,
        SeccompActionKind.Errno => action.Data,
        SeccompActionKind.Trace or SeccompActionKind.UserNotif => ENOSYS,
        _ => throw new InvalidOperationException($"{action} does not return to the caller"),
    };
}
