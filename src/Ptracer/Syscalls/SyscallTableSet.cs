namespace Ptracer.Syscalls;

/// <summary>One ABI's syscalls, by number and by name.</summary>
public sealed class SyscallTableSet
{
    private readonly SyscallDef?[] byNumber;
    private readonly Dictionary<string, SyscallDef> byName;
    private readonly Dictionary<string, SyscallDef>.AlternateLookup<ReadOnlySpan<char>> byNameSpan;

    internal SyscallTableSet(SyscallDef?[] entries)
    {
        byNumber = entries;
        SyscallDef[] all = entries.OfType<SyscallDef>().ToArray();
        All = all;
        // First wins: an i386 socketcall subcall (numbered past the kernel's syscalls) shares its name with the
        // syscall of the same name, which is the one a name stands for.
        byName = new Dictionary<string, SyscallDef>(StringComparer.Ordinal);
        foreach (SyscallDef def in all) byName.TryAdd(def.Name, def);
        byNameSpan = byName.GetAlternateLookup<ReadOnlySpan<char>>();
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
    public SyscallDef? ByName(string name) => byName.GetValueOrDefault(name);

    /// <inheritdoc cref="ByName(string)"/>
    public SyscallDef? ByName(ReadOnlySpan<char> name) =>
        byNameSpan.TryGetValue(name, out SyscallDef? def) ? def : null;

    /// <summary>The number of the syscall named <paramref name="name"/>.</summary>
    public bool TryGetNumber(string name, out int number)
    {
        bool found = byName.TryGetValue(name, out SyscallDef? def);
        number = found ? def!.Number : -1;
        return found;
    }
}
