namespace Ptracer.Syscalls;

/// <summary>The numbers of a table's syscalls in ordinal order of their names, one per name (gen-syscalls.py).</summary>
internal delegate ReadOnlySpan<short> SyscallNameOrder();

/// <summary>One ABI's syscalls, by number and by name.</summary>
/// <remarks>
/// An entry is built the first time it is looked up and kept: a sandbox start looks up a few dozen syscalls, and
/// building all ~900 entries of both tables was a fifth of a millisecond of every start. No dictionary and no LINQ.
/// </remarks>
public sealed class SyscallTableSet
{
    private readonly SyscallDef?[] byNumber;
    private readonly Func<int, SyscallDef?> create;
    private readonly Func<int, string?> nameOf;
    private readonly SyscallNameOrder nameOrder;
    private SyscallDef[]? all;

    /// <param name="size">The highest number with an entry, plus one.</param>
    /// <param name="create">Builds the entry of a number; null for a gap.</param>
    /// <param name="nameOf">The name of a number without building its entry; null for a gap.</param>
    /// <param name="nameOrder">The numbers in ordinal order of their names.</param>
    internal SyscallTableSet(int size, Func<int, SyscallDef?> create, Func<int, string?> nameOf, SyscallNameOrder nameOrder)
    {
        byNumber = new SyscallDef?[size];
        this.create = create;
        this.nameOf = nameOf;
        this.nameOrder = nameOrder;
    }

    /// <summary>Every syscall of the table, in number order.</summary>
    public IReadOnlyList<SyscallDef> All => all ??= BuildAll();

    /// <summary>The highest number the table has an entry for.</summary>
    public int MaxNumber => byNumber.Length - 1;

    /// <summary>The syscall numbered <paramref name="number"/>, or null for a gap or a number out of range.</summary>
    public SyscallDef? ByNumber(int number) =>
        (uint)number < (uint)byNumber.Length ? byNumber[number] ?? Build(number) : null;

    /// <inheritdoc cref="ByNumber(int)"/>
    public SyscallDef? ByNumber(long number) =>
        (ulong)number < (ulong)byNumber.Length ? byNumber[number] ?? Build((int)number) : null;

    /// <summary>The syscall strace prints as <paramref name="name"/>, or null.</summary>
    public SyscallDef? ByName(string name) => ByName(name.AsSpan());

    /// <inheritdoc cref="ByName(string)"/>
    public SyscallDef? ByName(ReadOnlySpan<char> name)
    {
        int number = NumberOf(name);
        return number < 0 ? null : ByNumber(number);
    }

    /// <summary>The number of the syscall named <paramref name="name"/>.</summary>
    public bool TryGetNumber(string name, out int number)
    {
        number = NumberOf(name);
        return number >= 0;
    }

    /// <summary>A binary search over the names, building no entry; -1 when no syscall has the name.</summary>
    private int NumberOf(ReadOnlySpan<char> name)
    {
        ReadOnlySpan<short> order = nameOrder();
        int low = 0, high = order.Length - 1;
        while (low <= high)
        {
            int middle = (low + high) >>> 1;
            int comparison = name.SequenceCompareTo(nameOf(order[middle]));
            if (comparison == 0) return order[middle];
            if (comparison < 0) high = middle - 1;
            else low = middle + 1;
        }
        return -1;
    }

    /// <summary>Builds and publishes one entry; of two threads racing, both get the one published first.</summary>
    private SyscallDef? Build(int number)
    {
        SyscallDef? def = create(number);
        return def is null ? null : Interlocked.CompareExchange(ref byNumber[number], def, null) ?? def;
    }

    private SyscallDef[] BuildAll()
    {
        var defs = new List<SyscallDef>(byNumber.Length);
        for (int number = 0; number < byNumber.Length; number++)
        {
            if (ByNumber(number) is { } def) defs.Add(def);
        }
        return [.. defs];
    }
}
