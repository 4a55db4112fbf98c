using System.Text.RegularExpressions;
using Ptracer.Syscalls;

namespace Ptracer.Strace;

/// <summary>
/// The set of syscalls named by -e trace=EXPR, resolved per ABI to a table lookup (no work per stop).
/// EXPR is a comma-separated list of names, %classes, /regexes, "all" and "none", optionally negated with a leading
/// "!"; a "?" before an element ignores it when it names nothing (strace(1), "Filtering").
/// </summary>
public sealed class SyscallSelection
{
    private readonly bool[] _x86_64;
    private readonly bool[] _i386;

    private SyscallSelection(bool[] x86_64, bool[] i386)
    {
        _x86_64 = x86_64;
        _i386 = i386;
    }

    /// <summary>Everything selected.</summary>
    public bool IsAll => _x86_64.All(x => x) && _i386.All(x => x);

    public bool Contains(SyscallArch arch, int number)
    {
        bool[] set = arch == SyscallArch.I386 ? _i386 : _x86_64;
        return (uint)number < (uint)set.Length ? set[number] : !IsEmptySelection(set);
    }

    /// <summary>The selected names of one ABI (for the seccomp filter and tests).</summary>
    public IEnumerable<SyscallDef> Selected(SyscallArch arch)
    {
        SyscallTableSet table = SyscallTable.For(arch);
        bool[] set = arch == SyscallArch.I386 ? _i386 : _x86_64;
        foreach (SyscallDef def in table.All)
            if ((uint)def.Number < (uint)set.Length && set[def.Number]) yield return def;
    }

    /// <summary>Parses the value of trace= (several -e trace= accumulate as strace's do: each adds to the set).</summary>
    public static SyscallSelection Parse(string expression, SyscallSelection? previous = null)
    {
        string expr = expression;
        bool negate = expr.StartsWith('!');
        if (negate) expr = expr[1..];

        bool[] x64 = new bool[SyscallTable.X86_64.MaxNumber + 1];
        bool[] x86 = new bool[SyscallTable.I386.MaxNumber + 1];
        foreach (string raw in expr.Split(','))
        {
            string element = raw.Trim();
            if (element.Length == 0) throw new StraceUsageException($"invalid system call '{expression}'");
            bool optional = element.StartsWith('?');
            if (optional) element = element[1..];
            bool matched = Apply(SyscallTable.X86_64, x64, element) | Apply(SyscallTable.I386, x86, element);
            if (!matched && !optional)
                throw new StraceUsageException($"invalid system call '{element}'");
        }
        if (negate)
        {
            Invert(x64);
            Invert(x86);
        }
        if (previous is not null)
        {
            for (int i = 0; i < x64.Length; i++) x64[i] |= previous._x86_64[i];
            for (int i = 0; i < x86.Length; i++) x86[i] |= previous._i386[i];
        }
        return new SyscallSelection(x64, x86);
    }

    private static bool Apply(SyscallTableSet table, bool[] set, string element)
    {
        if (element == "all")
        {
            Array.Fill(set, true);
            return true;
        }
        if (element == "none") return true;
        if (element.StartsWith('/'))
        {
            var regex = new Regex(element[1..], RegexOptions.CultureInvariant);
            return Mark(table, set, def => regex.IsMatch(def.Name));
        }
        if (element.StartsWith('%') || SyscallClassNames.TryParse(element, out _) && table.ByName(element) is null)
        {
            if (!SyscallClassNames.TryParse(element, out SyscallClass cls))
                throw new StraceUsageException($"invalid system call '{element}'");
            Mark(table, set, def => (def.Classes & cls) != 0);
            return true;
        }
        return Mark(table, set, def => def.Name == element);
    }

    private static bool Mark(SyscallTableSet table, bool[] set, Func<SyscallDef, bool> predicate)
    {
        bool any = false;
        foreach (SyscallDef def in table.All)
        {
            if (!predicate(def)) continue;
            set[def.Number] = true;
            any = true;
        }
        return any;
    }

    private static void Invert(bool[] set)
    {
        for (int i = 0; i < set.Length; i++) set[i] = !set[i];
    }

    private static bool IsEmptySelection(bool[] set) => !set.Contains(true);
}

/// <summary>A malformed option or argument: one line for the user, exit status 1.</summary>
public sealed class StraceUsageException(string message) : Exception(message);
