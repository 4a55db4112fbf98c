namespace Ptracer.Strace;

/// <summary>One named value of a constant or flag table.</summary>
internal readonly record struct XlatEntry(ulong Value, string Name);

/// <summary>One errno: number, name and the message strace prints.</summary>
internal readonly record struct ErrnoEntry(int Number, string Name, string Message);

/// <summary>
/// A table of named constants (generated into Constants.g.cs). For flag sets the entries are in strace's printing
/// order; for plain values the first entry with a value wins. Small non-negative values are indexed directly.
/// </summary>
internal sealed class Xlat
{
    private readonly string?[]? _direct;

    public Xlat(bool isFlags, XlatEntry[] entries)
    {
        IsFlags = isFlags;
        Entries = entries;
        ulong max = 0;
        foreach (XlatEntry e in entries) max = Math.Max(max, e.Value);
        if (max < 512)
        {
            _direct = new string?[max + 1];
            foreach (XlatEntry e in entries) _direct[e.Value] ??= e.Name;
        }
    }

    public bool IsFlags { get; }
    public XlatEntry[] Entries { get; }

    /// <summary>The name of <paramref name="value"/>, or null.</summary>
    public string? Lookup(ulong value)
    {
        if (_direct is not null) return value < (ulong)_direct.Length ? _direct[value] : null;
        foreach (XlatEntry e in Entries)
            if (e.Value == value) return e.Name;
        return null;
    }

    /// <summary>The value of <paramref name="name"/> (for tests and special cases).</summary>
    public ulong ValueOf(string name)
    {
        foreach (XlatEntry e in Entries)
            if (e.Name == name) return e.Value;
        throw new KeyNotFoundException(name);
    }
}
