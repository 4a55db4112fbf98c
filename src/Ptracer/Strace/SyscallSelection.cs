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

    private SyscallSelection(bool[] x86_64, bool[] i386, bool unnamed)
    {
        _x86_64 = x86_64;
        _i386 = i386;
        IsAll = unnamed && x86_64.All(x => x) && i386.All(x => x);
        IsNone = !unnamed && !x86_64.Any(x => x) && !i386.Any(x => x);
    }

    /// <summary>Nothing selected.</summary>
    public bool IsNone { get; }

    /// <summary>Everything selected.</summary>
    public bool IsAll { get; }

    /// <summary>
    /// Numbers the tables do not name (gaps, numbers past the end) are always selected: strace 6.1 gives a number
    /// without a sysent entry the default qualifiers (traced), whatever -e trace= says, and prints it as
    /// syscall_0xNNN (checked with trace=none, trace=getpid, trace=%file and trace=!getpid).
    /// </summary>
    public bool Contains(SyscallArch arch, int number)
    {
        bool[] set = arch == SyscallArch.I386 ? _i386 : _x86_64;
        SyscallDef? def = (uint)number < (uint)set.Length ? SyscallTable.For(arch).ByNumber(number) : null;
        return def is null || set[number];
    }

    /// <summary>The selected numbers of one ABI that the table names.</summary>
    public IEnumerable<int> SelectedNumbers(SyscallArch arch) => Selected(arch).Select(d => d.Number);

    /// <summary>The selected names of one ABI (for the seccomp filter and tests).</summary>
    public IEnumerable<SyscallDef> Selected(SyscallArch arch)
    {
        SyscallTableSet table = SyscallTable.For(arch);
        bool[] set = arch == SyscallArch.I386 ? _i386 : _x86_64;
        foreach (SyscallDef def in table.All)
            if ((uint)def.Number < (uint)set.Length && set[def.Number]) yield return def;
    }

    /// <summary>Parses the value of trace=.</summary>
    public static SyscallSelection Parse(string expression)
    {
        string expr = expression;
        bool negate = expr.StartsWith('!');
        if (negate) expr = expr[1..];

        bool[] x64 = new bool[SyscallTable.X86_64.MaxNumber + 1];
        bool[] x86 = new bool[SyscallTable.I386.MaxNumber + 1];
        bool unnamed = false;
        foreach (string raw in expr.Split(','))
        {
            string element = raw.Trim();
            if (element.Length == 0) throw new StraceUsageException($"invalid system call '{expression}'");
            bool optional = element.StartsWith('?');
            if (optional) element = element[1..];
            // "none" is a whole set, not an element of a list (strace 6.1: trace=open,none is invalid).
            if (element == "none" && !optional && expr.Contains(','))
                throw new StraceUsageException($"invalid system call '{element}'");
            // NAME@64, NAME@32, NAME@x32: the element for one personality only (strace 6.1).
            bool only64 = false, only32 = false, onlyX32 = false;
            int at = element.LastIndexOf('@');
            if (at > 0)
            {
                string designator = element[(at + 1)..];
                switch (designator)
                {
                    case "64": only64 = true; break;
                    case "32": only32 = true; break;
                    case "x32": onlyX32 = true; break;
                    default:
                        throw new StraceUsageException($"incorrect personality designator '{designator}' in qualification '{raw.Trim()}'");
                }
                element = element[..at];
            }
            bool any = !only64 && !only32 && !onlyX32;
            unnamed |= any && (element == "all" || element.StartsWith('%'));
            bool matched;
            if (onlyX32) matched = Apply(SyscallTable.X86_64, new bool[x64.Length], element); // no x32 tracees here
            else
            {
                matched = (any || only64) && Apply(SyscallTable.X86_64, x64, element);
                matched |= (any || only32) && Apply(SyscallTable.I386, x86, element);
            }
            if (!matched && !optional)
                throw new StraceUsageException($"invalid system call '{element}'");
        }
        if (negate)
        {
            Invert(x64);
            Invert(x86);
            unnamed = !unnamed;
        }
        return new SyscallSelection(x64, x86, unnamed);
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
}

/// <summary>A malformed option or argument: one line for the user, exit status 1.</summary>
public sealed class StraceUsageException(string message) : Exception(message)
{
    /// <summary>strace follows this error with "Try 'NAME -h' for more information.".</summary>
    public bool ShowHelpHint { get; init; }
}
