namespace Ptracer.Syscalls;

/// <summary>One ABI's syscalls, by number and by name.</summary>
public sealed class SyscallTableSet
{
    private readonly SyscallDef?[] byNumber;
    private readonly short[] numbersByName;

    /// <param name="entries">The table, indexed by number; null for a gap.</param>
    /// <param name="numbersByName">The numbers in ordinal order of their names, one per name (gen-syscalls.py).</param>
    /// <remarks>No dictionary and no LINQ: this runs at every start of the tool.</remarks>
    internal SyscallTableSet(SyscallDef?[] entries, short[] numbersByName)
    {
        byNumber = entries;
        this.numbersByName = numbersByName;
        int count = 0;
        foreach (SyscallDef? def in entries)
        {
            if (def is not null) count++;
        }
        var all = new SyscallDef[count];
        count = 0;
        foreach (SyscallDef? def in entries)
        {
            if (def is not null) all[count++] = def;
        }
        All = all;
    }

    /// <summary>Every syscall of the table, in number order.</summary>
    public IReadOnlyList<SyscallDef> All { get; }

    /// <summary>The highest number the table has an entry for.</summary>
    public int MaxNumber => byNumber.Length - 1;

    /// <summary>The syscall numbered <paramref name="number"/>, or null for a gap or a number out of range.</summary>
    public SyscallDef? ByNumber(int number) => (uint)number < (uint)byNumber.Length ? byNumber[number] : null;

    /// <inheritdoc cref="ByNumber(int)"/>
    public SyscallDef? ByNumber(long number) =>
        (ulong)number < (ulong)byNumber.Length ? byNumber[number] : null;

    /// <summary>The syscall strace prints as <paramref name="name"/>, or null.</summary>
    public SyscallDef? ByName(string name) => ByName(name.AsSpan());

    /// <inheritdoc cref="ByName(string)"/>
    public SyscallDef? ByName(ReadOnlySpan<char> name)
    {
        int low = 0, high = numbersByName.Length - 1;
        while (low <= high)
        {
            int middle = (low + high) >>> 1;
            SyscallDef def = byNumber[numbersByName[middle]]!;
            int order = name.SequenceCompareTo(def.Name);
            if (order == 0) return def;
            if (order < 0) high = middle - 1;
            else low = middle + 1;
        }
        return null;
    }

    /// <summary>The number of the syscall named <paramref name="name"/>.</summary>
    public bool TryGetNumber(string name, out int number)
    {
        SyscallDef? def = ByName(name);
        number = def?.Number ?? -1;
        return def is not null;
    }
}
