namespace Ptracer.Strace;

/// <summary>Flag sets and named constants (strace's printflags / printxval).</summary>
public sealed partial class SyscallFormatter
{
    /// <summary>
    /// NAME|NAME|0x...: names in table order, unknown bits in hex; nothing known: 0x... /* DFLT */;
    /// zero: <paramref name="zeroName"/> or 0. With -X raw, hex.
    /// </summary>
    private void PrintFlags(Xlat table, ulong value, string? dflt, string? zeroName = null)
    {
        if (BeginVerbose(out int mark))
        {
            PrintFlags(table, value, dflt, zeroName);
            int namesAt = VerboseNames();
            PrintFlags(table, value, dflt, zeroName);
            EndVerbose(mark, namesAt);
            return;
        }
        if (Raw)
        {
            _b.AppendHex(value);
            return;
        }
        if (value == 0)
        {
            if (zeroName is not null) _b.Append(zeroName);
            else _b.Append((byte)'0');
            return;
        }
        if (!AppendFlagNames(table, ref value, first: true))
        {
            _b.AppendHex(value);
            if (dflt is not null) _b.Append(" /* "u8).Append(dflt).Append(" */"u8);
            return;
        }
        if (value != 0) _b.Append((byte)'|').AppendHex(value);
    }

    /// <summary>Appends the names of the bits of <paramref name="value"/> set in <paramref name="table"/>, clearing
    /// them; returns whether any was printed.</summary>
    private bool AppendFlagNames(Xlat table, ref ulong value, bool first)
    {
        bool any = false;
        foreach (XlatEntry e in table.Entries)
        {
            if (e.Value == 0 || (value & e.Value) != e.Value) continue;
            if (!first || any) _b.Append((byte)'|');
            _b.Append(e.Name);
            value &= ~e.Value;
            any = true;
            if (value == 0) break;
        }
        return any;
    }

    /// <summary>NAME, or 0x... /* DFLT */ (or the number when <paramref name="dflt"/> is null). -X raw: the number.</summary>
    private void PrintXval(Xlat table, ulong value, string? dflt, bool decimalUnknown = false)
    {
        if (BeginVerbose(out int mark))
        {
            PrintXval(table, value, dflt, decimalUnknown);
            int namesAt = VerboseNames();
            PrintXval(table, value, dflt, decimalUnknown);
            EndVerbose(mark, namesAt);
            return;
        }
        string? name = Raw ? null : table.Lookup(value);
        if (name is not null)
        {
            _b.Append(name);
            return;
        }
        if (decimalUnknown)
        {
            _b.Append((long)value);
            return;
        }
        _b.AppendHex(value);
        if (dflt is not null && !Raw) _b.Append(" /* "u8).Append(dflt).Append(" */"u8);
    }

    /// <summary>A signed int constant: NAME or decimal.</summary>
    private void PrintXvalInt(Xlat table, int value, string? dflt)
    {
        if (BeginVerbose(out int mark))
        {
            PrintXvalInt(table, value, dflt);
            int namesAt = VerboseNames();
            PrintXvalInt(table, value, dflt);
            EndVerbose(mark, namesAt);
            return;
        }
        string? name = Raw ? null : table.Lookup(unchecked((ulong)(long)value));
        if (name is not null) _b.Append(name);
        else if (dflt is null) _b.Append(value);
        else
        {
            _b.AppendHex((uint)value);
            if (!Raw) _b.Append(" /* "u8).Append(dflt).Append(" */"u8);
        }
    }

    // ------------------------------------------------------------------ specific sets

    /// <summary>open/openat flags: access mode first (O_RDONLY...), then the others.</summary>
    private void PrintOpenFlags(ulong value, bool accessMode = true)
    {
        if (BeginVerbose(out int mark))
        {
            PrintOpenFlags(value, accessMode);
            int namesAt = VerboseNames();
            PrintOpenFlags(value, accessMode);
            EndVerbose(mark, namesAt);
            return;
        }
        value = (uint)value;
        if (Raw)
        {
            _b.AppendHex(value);
            return;
        }
        if (!accessMode)
        {
            PrintFlags(Xlats.OpenFlags, value, "O_???");
            return;
        }
        _b.Append(Xlats.OpenAccessModes.Lookup(value & 3)!);
        value &= ~3UL;
        if (value == 0) return;
        AppendFlagNames(Xlats.OpenFlags, ref value, first: false);
        if (value != 0) _b.Append((byte)'|').AppendHex(value);
    }

    private void PrintMmapProt(ulong value) => PrintFlags(Xlats.MmapProt, value & 0xffffffff, "PROT_???", "PROT_NONE");

    /// <summary>mmap flags: the map type, the flags, unknown bits, then N&lt;&lt;MAP_HUGE_SHIFT.</summary>
    private void PrintMmapFlags(ulong value)
    {
        if (BeginVerbose(out int mark))
        {
            PrintMmapFlags(value);
            int namesAt = VerboseNames();
            PrintMmapFlags(value);
            _verboseAlwaysComment = true; // strace 6.1 prints an unknown map type as "0xf /* 0xf /* MAP_??? */ */"
            EndVerbose(mark, namesAt);
            return;
        }
        value = (uint)value;
        if (Raw)
        {
            _b.AppendHex(value);
            return;
        }
        ulong type = value & 0xf;
        ulong huge = (value >> 26) & 0x3f;
        ulong flags = value & ~0xfUL & ~(0x3fUL << 26);
        if (type == 0) _b.Append("MAP_FILE"u8);
        else PrintXval(Xlats.MmapTypes, type, "MAP_???");
        AppendFlagNames(Xlats.MmapFlags, ref flags, first: false);
        if (flags != 0) _b.Append((byte)'|').AppendHex(flags);
        if (huge != 0) _b.Append((byte)'|').Append(huge).Append("<<MAP_HUGE_SHIFT"u8);
    }

    /// <summary>A file mode with its type: S_IFREG|S_ISUID|0755, or the number when the type is unknown.</summary>
    private void PrintModeWithType(ulong mode)
    {
        if (BeginVerbose(out int mark))
        {
            PrintModeWithType(mode);
            int namesAt = VerboseNames();
            PrintModeWithType(mode);
            EndVerbose(mark, namesAt);
            return;
        }
        mode = (ushort)mode;
        if (Raw)
        {
            PrintModeNumber(mode);
            return;
        }
        ulong type = mode & 0xf000;
        if (type != 0)
        {
            string? name = Xlats.FileTypes.Lookup(type);
            if (name is null)
            {
                PrintModeNumber(mode);
                return;
            }
            _b.Append(name).Append((byte)'|');
        }
        ulong special = mode & 0xe00;
        if (special != 0)
        {
            AppendFlagNames(Xlats.ModeSpecialBits, ref special, first: true);
            _b.Append((byte)'|');
        }
        PrintModeNumber(mode & 0x1ff);
    }

    /// <summary>A signal number: SIGxxx, SIGRTMIN, SIGRT_n, or the number.</summary>
    private void PrintSignal(ulong value)
    {
        if (BeginVerbose(out int mark))
        {
            PrintSignal(value);
            int namesAt = VerboseNames();
            PrintSignal(value);
            EndVerbose(mark, namesAt);
            return;
        }
        int sig = (int)value;
        if (Raw)
        {
            _b.Append(sig);
            return;
        }
        SignalNames.Append(_b, sig);
    }

    /// <summary>clone's flags: names, unknown bits, then the exit signal.</summary>
    private void PrintCloneFlags(ulong value, bool withSignal)
    {
        if (VerboseParts)
        {
            ulong vflags = withSignal ? value & ~0xffUL : value, vsig = withSignal ? value & 0xff : 0;
            if (vflags != 0 || vsig == 0) PrintFlags(Xlats.CloneFlags, vflags, null);
            if (vsig == 0) return;
            if (vflags != 0) _b.Append((byte)'|');
            PrintSignal(vsig);
            return;
        }
        if (Raw)
        {
            ulong rawFlags = withSignal ? value & ~0xffUL : value;
            ulong rawSig = withSignal ? value & 0xff : 0;
            if (rawFlags != 0 || rawSig == 0) _b.AppendHex(rawFlags);
            if (rawSig != 0)
            {
                if (rawFlags != 0) _b.Append((byte)'|');
                _b.Append(rawSig);
            }
            return;
        }
        ulong sig = withSignal ? value & 0xff : 0;
        ulong flags = withSignal ? value & ~0xffUL : value;
        bool any = AppendFlagNames(Xlats.CloneFlags, ref flags, first: true);
        if (flags != 0)
        {
            if (any) _b.Append((byte)'|');
            _b.AppendHex(flags);
            any = true;
        }
        if (sig != 0)
        {
            if (any) _b.Append((byte)'|');
            SignalNames.Append(_b, (int)sig);
            any = true;
        }
        if (!any) _b.Append((byte)'0');
    }

    /// <summary>A resource limit value: RLIM64_INFINITY, N*1024, or N.</summary>
    private void PrintRlimValue(ulong value, bool is32)
    {
        if (BeginVerbose(out int mark))
        {
            PrintRlimValue(value, is32);
            int namesAt = VerboseNames();
            PrintRlimValue(value, is32);
            EndVerbose(mark, namesAt);
            return;
        }
        if (Raw)
        {
            _b.Append(value);
            return;
        }
        if (is32 ? value == uint.MaxValue : value == ulong.MaxValue)
        {
            _b.Append(is32 ? "RLIM_INFINITY"u8 : "RLIM64_INFINITY"u8);
            return;
        }
        if (value > 1024 && value % 1024 == 0) _b.Append(value / 1024).Append("*1024"u8);
        else _b.Append(value);
    }
}
