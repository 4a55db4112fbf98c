using System.Globalization;
using Ptracer.Engine;
using Ptracer.Syscalls;

namespace Ptracer.Strace;

/// <summary>
/// One -e inject=SET[:error=E|:retval=N][:signal=S][:delay_enter=D][:delay_exit=D][:when=EXPR] or -e fault=SET[...]
/// rule (strace(1), "Tampering"). A syscall in SET is tampered with on the invocations that <c>when</c> selects,
/// counted per thread and syscall.
/// </summary>
public sealed class InjectionRule
{
    public required SyscallSelection Syscalls { get; init; }

    /// <summary>Fail the syscall with this errno (it is not run).</summary>
    public int? Error { get; init; }

    /// <summary>Skip the syscall and return this value.</summary>
    public long? ReturnValue { get; init; }

    /// <summary>Deliver this signal when the syscall returns.</summary>
    public int? Signal { get; init; }

    public long DelayEnterMicroseconds { get; init; }
    public long DelayExitMicroseconds { get; init; }

    /// <summary>when=FIRST[..LAST][+[STEP]]: the first invocation tampered with (1-based).</summary>
    public int First { get; init; } = 1;

    public int Last { get; init; } = int.MaxValue;

    /// <summary>0: only <see cref="First"/> (and the range up to <see cref="Last"/> when given).</summary>
    public int Step { get; init; }

    /// <summary>Whether the <paramref name="invocation"/>-th call (1-based) is tampered with.</summary>
    public bool Selects(int invocation)
    {
        if (invocation < First || invocation > Last) return false;
        if (Step == 0) return Last != int.MaxValue || invocation == First;
        return (invocation - First) % Step == 0;
    }

    /// <summary>Parses the value of inject= (or fault=, where a missing action means error=ENOSYS).</summary>
    public static InjectionRule Parse(string value, bool fault)
    {
        string[] parts = value.Split(':');
        SyscallSelection set = SyscallSelection.Parse(parts[0]);
        int? error = null, signal = null;
        long? retval = null;
        long delayEnter = 0, delayExit = 0;
        int first = 1, last = int.MaxValue, step = 1;
        bool whenGiven = false;
        foreach (string part in parts.Skip(1))
        {
            int eq = part.IndexOf('=');
            if (eq < 0) throw new StraceUsageException($"invalid inject expression '{value}'");
            string key = part[..eq], arg = part[(eq + 1)..];
            switch (key)
            {
                case "error": error = ParseErrno(arg); break;
                case "retval": retval = ParseNumber(arg, "retval"); break;
                case "signal": signal = ParseSignal(arg); break;
                case "delay_enter": delayEnter = ParseDelay(arg); break;
                case "delay_exit": delayExit = ParseDelay(arg); break;
                case "when":
                    (first, last, step) = ParseWhen(arg);
                    whenGiven = true;
                    break;
                default: throw new StraceUsageException($"invalid inject expression '{value}'");
            }
        }
        if (error is not null && retval is not null)
            throw new StraceUsageException($"invalid inject expression '{value}': error and retval are mutually exclusive");
        if (fault && error is null && retval is null) error = 38; // ENOSYS, strace's default for fault=
        if (!fault && error is null && retval is null && signal is null && delayEnter == 0 && delayExit == 0)
            throw new StraceUsageException($"invalid inject expression '{value}'");
        if (!whenGiven) step = 1;
        return new InjectionRule
        {
            Syscalls = set,
            Error = error,
            ReturnValue = retval,
            Signal = signal,
            DelayEnterMicroseconds = delayEnter,
            DelayExitMicroseconds = delayExit,
            First = first,
            Last = last,
            Step = step,
        };
    }

    private static (int First, int Last, int Step) ParseWhen(string arg)
    {
        // FIRST, FIRST+, FIRST+STEP, FIRST..LAST, FIRST..LAST+STEP
        int first, last = int.MaxValue, step = 0;
        string range = arg;
        int plus = arg.IndexOf('+');
        if (plus >= 0)
        {
            range = arg[..plus];
            string stepText = arg[(plus + 1)..];
            step = stepText.Length == 0 ? 1 : (int)ParseNumber(stepText, "when");
            if (step <= 0) throw new StraceUsageException($"invalid when= '{arg}'");
        }
        int dots = range.IndexOf("..", StringComparison.Ordinal);
        if (dots >= 0)
        {
            first = (int)ParseNumber(range[..dots], "when");
            last = (int)ParseNumber(range[(dots + 2)..], "when");
            if (step == 0) step = 1;
        }
        else
        {
            first = (int)ParseNumber(range, "when");
        }
        if (first < 1 || last < first) throw new StraceUsageException($"invalid when= '{arg}'");
        return (first, last, step);
    }

    private static int ParseErrno(string arg)
    {
        if (int.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 && n < 4096) return n;
        for (int e = 1; e < 4096; e++)
            if (ErrnoNames.Name(e) == arg) return e;
        throw new StraceUsageException($"invalid error '{arg}'");
    }

    private static int ParseSignal(string arg)
    {
        if (int.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 64) return n;
        string name = arg.StartsWith("SIG", StringComparison.Ordinal) ? arg : "SIG" + arg;
        for (int s = 1; s <= 64; s++)
            if (SignalNames.Name(s) == name) return s;
        throw new StraceUsageException($"invalid signal '{arg}'");
    }

    /// <summary>A delay in microseconds; suffixes s, ms, us, ns as strace 6.1 accepts.</summary>
    private static long ParseDelay(string arg)
    {
        (string digits, long scaleNs) = arg switch
        {
            _ when arg.EndsWith("ms", StringComparison.Ordinal) => (arg[..^2], 1_000_000L),
            _ when arg.EndsWith("us", StringComparison.Ordinal) => (arg[..^2], 1_000L),
            _ when arg.EndsWith("ns", StringComparison.Ordinal) => (arg[..^2], 1L),
            _ when arg.EndsWith('s') => (arg[..^1], 1_000_000_000L),
            _ => (arg, 1_000L),
        };
        return ParseNumber(digits, "delay") * scaleNs / 1000;
    }

    private static long ParseNumber(string text, string what)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
            throw new StraceUsageException($"invalid {what} '{text}'");
        return n;
    }
}

/// <summary>
/// Applies injection rules at syscall stops. Counters are kept per thread and syscall number, as strace counts.
/// Delays sleep on the tracer thread: exact for one tracee, and they hold the other tracees' stops back meanwhile.
/// </summary>
public sealed class FaultInjector
{
    private readonly IReadOnlyList<InjectionRule> _rules;

    public FaultInjector(IReadOnlyList<InjectionRule> rules) => _rules = rules;

    /// <summary>At syscall entry. Returns true when the syscall's result will be an injected one.</summary>
    public bool OnEntry(Tracee tracee, InjectionState state)
    {
        state.Active = null;
        foreach (InjectionRule rule in _rules)
        {
            if (!rule.Syscalls.Contains(tracee.Arch, tracee.SyscallNumber)) continue;
            int invocation = state.Count(tracee.Arch, tracee.SyscallNumber);
            if (!rule.Selects(invocation)) return false;
            state.Active = rule;
            if (rule.DelayEnterMicroseconds > 0) Thread.Sleep(TimeSpan.FromMicroseconds(rule.DelayEnterMicroseconds));
            if (rule.Error is int errno) tracee.BlockSyscall(-errno);
            else if (rule.ReturnValue is long value) tracee.BlockSyscall(value);
            return rule.Error is not null || rule.ReturnValue is not null;
        }
        return false;
    }

    /// <summary>At syscall exit: the signal and the exit delay of the rule applied at entry.</summary>
    public void OnExit(Tracee tracee, InjectionState state)
    {
        if (state.Active is not { } rule) return;
        state.Active = null;
        if (rule.DelayExitMicroseconds > 0) Thread.Sleep(TimeSpan.FromMicroseconds(rule.DelayExitMicroseconds));
        if (rule.Signal is int signal) tracee.InjectSignal(signal);
    }

    /// <summary>The x86_64 and i386 numbers the rules can touch (they must stop under a seccomp filter too).</summary>
    public IEnumerable<int> Numbers(SyscallArch arch) => _rules.SelectMany(r => r.Syscalls.SelectedNumbers(arch));
}

/// <summary>A thread's invocation counters and the rule applied to its current syscall.</summary>
public sealed class InjectionState
{
    private int[] _x86_64 = [];
    private int[] _i386 = [];

    internal InjectionRule? Active { get; set; }

    /// <summary>Counts one more invocation and returns its number (1-based).</summary>
    internal int Count(SyscallArch arch, int number)
    {
        ref int[] counters = ref arch == SyscallArch.I386 ? ref _i386 : ref _x86_64;
        if ((uint)number >= (uint)counters.Length) Array.Resize(ref counters, Math.Max(number + 1, 512));
        return ++counters[number];
    }
}
