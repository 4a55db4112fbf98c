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

/// <summary>The decoding options of strace that decoders read.</summary>
public sealed class DecodeOptions
{
    /// <summary>-s: maximum string bytes printed (32 by default).</summary>
    public int StringLimit { get; set; } = 32;

    /// <summary>-v: print structures and vectors in full (no "..." abbreviation, envp as a vector).</summary>
    public bool Verbose { get; set; }

    /// <summary>-x / -xx.</summary>
    public HexStringMode HexStrings { get; set; }

    /// <summary>-y / -yy.</summary>
    public FdDecoding Fds { get; set; }

    /// <summary>-X raw: constants and flags printed as numbers.</summary>
    public bool RawConstants { get; set; }

    /// <summary>-X verbose: constants and flags printed as numbers followed by their names in a comment.</summary>
    public bool VerboseConstants { get; set; }

    /// <summary>Maximum number of elements of arrays (argv, iovec, ...) printed before "..." (strace: the -s value).</summary>
    public int ArrayLimit => StringLimit;
}
