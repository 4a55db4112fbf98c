namespace Ptracer.Strace;

/// <summary>How strings are printed (-x, -xx).</summary>
public enum HexStringMode : byte
{
    /// <summary>Default: printable ASCII as is, C escapes (\n, \t...), octal for other bytes.</summary>
    None,
    /// <summary>-x: non-ASCII bytes as \xNN.</summary>
    NonAscii,
    /// <summary>-xx: every byte as \xNN.</summary>
    All,
    /// <summary>--strings-in-hex=non-ascii-chars: the default escapes, with \xNN instead of octal.</summary>
    NonAsciiChars,
}

/// <summary>What -y / -yy print next to descriptors.</summary>
public enum FdDecoding : byte
{
    None,
    /// <summary>-y: 3&lt;/path&gt;</summary>
    Path,
    /// <summary>-yy: with socket endpoints and device numbers.</summary>
    Details,
}

/// <summary>-X: how named constants and flags are printed.</summary>
public enum ConstantStyle : byte
{
    /// <summary>Names (the default).</summary>
    Abbrev,
    /// <summary>Numbers only.</summary>
    Raw,
    /// <summary>Numbers with the names in a comment: 0x3 /* PROT_READ|PROT_WRITE */.</summary>
    Verbose,
}

/// <summary>The decoding options of strace that decoders read.</summary>
public sealed class DecodeOptions
{
    /// <summary>-s: maximum string bytes printed (32 by default).</summary>
    public int StringLimit { get; set; } = 32;

    /// <summary>-v: print structures and vectors in full (no "..." abbreviation, envp as a vector).</summary>
    public bool Verbose { get; set; }

    /// <summary>-e verbose=: false for a syscall outside the set, whose structure arguments then print as addresses.</summary>
    public bool Structures { get; set; } = true;

    /// <summary>-x / -xx.</summary>
    public HexStringMode HexStrings { get; set; }

    /// <summary>-y / -yy.</summary>
    public FdDecoding Fds { get; set; }

    /// <summary>-X raw|abbrev|verbose.</summary>
    public ConstantStyle ConstantStyle { get; set; }

    /// <summary>-X raw: constants and flags printed as numbers.</summary>
    public bool RawConstants
    {
        get => ConstantStyle == ConstantStyle.Raw;
        set => ConstantStyle = value ? ConstantStyle.Raw : ConstantStyle.Abbrev;
    }

    /// <summary>-X verbose: constants and flags printed as numbers followed by their names in a comment.</summary>
    public bool VerboseConstants
    {
        get => ConstantStyle == ConstantStyle.Verbose;
        set => ConstantStyle = value ? ConstantStyle.Verbose : ConstantStyle.Abbrev;
    }

    /// <summary>Maximum number of elements of arrays (argv, iovec, ...) printed before "..." (strace: the -s value).</summary>
    public int ArrayLimit => StringLimit;
}
