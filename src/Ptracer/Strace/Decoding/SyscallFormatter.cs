using Ptracer.Syscalls;

namespace Ptracer.Strace;

/// <summary>
/// Prints a syscall's arguments and return value as strace 6.1 does. One instance per renderer (one tracer
/// thread); it keeps scratch buffers, so formatting allocates nothing once they have grown.
/// </summary>
/// <remarks>
/// Arguments are printed in order; the first argument the kernel writes (an output) and everything after it
/// are printed at exit, as strace does. Syscalls whose layout depends on other arguments (open's mode, fcntl,
/// ioctl, clone, ...) are switched on <see cref="SyscallDef.Name"/> in Special.cs.
/// </remarks>
public sealed partial class SyscallFormatter
{
    private readonly DecodeOptions _o;
    private SyscallContext _c = null!;
    private TextBuilder _b = null!;
    private byte[] _buf = new byte[4096];
    private byte[] _buf2 = new byte[256];

    public SyscallFormatter(DecodeOptions options) => _o = options;

    public DecodeOptions Options => _o;

    /// <summary>
    /// Appends what strace prints at syscall entry: the arguments up to the first output argument, separated by
    /// ", ", with a trailing ", " when more arguments follow at exit. Sets <see cref="SyscallContext.PrintedAtEntry"/>.
    /// </summary>
    public void FormatEntry(SyscallContext ctx, TextBuilder b)
    {
        _c = ctx;
        _b = b;
        ctx.PrintedAtEntry = 0;
        ctx.SavedValue = 0;
        if (SpecialEntry()) return;
        ctx.PrintedAtEntry = PrintArgs(0, entering: true);
    }

    /// <summary>Appends the arguments not printed at entry (without the closing parenthesis).</summary>
    public void FormatExit(SyscallContext ctx, TextBuilder b)
    {
        _c = ctx;
        _b = b;
        if (SpecialExit()) return;
        if (ctx.PrintedAtEntry < ctx.Def.Args.Length) PrintArgs(ctx.PrintedAtEntry, entering: false);
    }

    /// <summary>Appends what follows "= ": the return value, an errno, or strace's annotation.</summary>
    public void FormatReturn(SyscallContext ctx, TextBuilder b)
    {
        _c = ctx;
        _b = b;
        PrintReturn();
    }

    /// <summary>True for argument kinds the kernel writes (printed at exit).</summary>
    public static bool IsOutput(ArgKind kind) => kind switch
    {
        ArgKind.PathOut or ArgKind.ReadBuffer or ArgKind.IovecOut or ArgKind.SigsetOut or ArgKind.SigactionOut
            or ArgKind.RlimitOut or ArgKind.SockaddrOut or ArgKind.SocklenPtr or ArgKind.IntPairOut
            or ArgKind.IntPtrOut or ArgKind.MsghdrOut or ArgKind.TimespecOut or ArgKind.TimevalOut
            or ArgKind.TimezoneOut or ArgKind.ItimervalOut or ArgKind.ItimerspecOut or ArgKind.StatOut
            or ArgKind.StatfsOut or ArgKind.StatxOut or ArgKind.UtsnameOut or ArgKind.RusageOut or ArgKind.TmsOut
            or ArgKind.SysinfoOut or ArgKind.WaitStatusOut or ArgKind.SiginfoOut or ArgKind.DirentsOut
            or ArgKind.OldDirentsOut or ArgKind.SchedParamOut or ArgKind.CpuSetOut or ArgKind.SigaltstackOut
            => true,
        _ => IsOutputExtra(kind),
    };

    // ------------------------------------------------------------------ argument walk

    private bool Is32 => _c.Arch == SyscallArch.I386;
    private int WordSize => Is32 ? 4 : 8;
    private bool Failed => _c.IsError;
    private long Ret => _c.ReturnValue;
    private ArgKind[] Kinds => _c.Def.Args;

    /// <summary>Raw argument register <paramref name="r"/> (0 when the syscall has fewer).</summary>
    /// <remarks>
    /// Not truncated for i386: like strace, which prints the whole register an int 0x80 from 64-bit code left in the
    /// upper half (`write(1, 0x1000479004, 1099511627780)`); a 32-bit process's registers are zero-extended anyway.
    /// </remarks>
    private ulong Reg(int r) => (uint)r < 6u ? _c.Args[r] : 0;

    /// <summary>The register of printed argument <paramref name="index"/>.</summary>
    private int RegisterOf(int index)
    {
        ArgKind[] kinds = Kinds;
        int r = 0;
        for (int i = 0; i < index && i < kinds.Length; i++) r += RegisterCount(kinds[i]);
        return r;
    }

    /// <summary>The value of printed argument <paramref name="index"/> (its first register).</summary>
    private ulong ArgValue(int index) => Reg(RegisterOf(index));

    /// <summary>
    /// Prints arguments from <paramref name="start"/>. At entry it stops before the first output argument,
    /// appending ", " if something was printed and more follows, and returns that argument's index.
    /// </summary>
    private int PrintArgs(int start, bool entering)
    {
        ArgKind[] kinds = Kinds;
        int reg = RegisterOf(start);
        bool first = true;
        for (int i = start; i < kinds.Length; i++)
        {
            ArgKind kind = kinds[i];
            int width = RegisterCount(kind);
            if (IsHidden(kind) || SkipArg(kind, i))
            {
                reg += width;
                continue;
            }
            if (entering && (IsOutput(kind) || IsOutputHere(kind)))
            {
                SaveForExit(i, reg);
                if (!first) _b.Append(", "u8);
                return i;
            }
            if (!first) _b.Append(", "u8);
            first = false;
            PrintArg(kind, i, reg);
            reg += width;
        }
        return kinds.Length;
    }

    /// <summary>Reads at entry what an output argument needs at exit (in/out lengths).</summary>
    private void SaveForExit(int index, int reg)
    {
        ArgKind[] kinds = Kinds;
        for (int i = index; i < kinds.Length; i++)
        {
            if (kinds[i] == ArgKind.SocklenPtr)
            {
                ulong p = Reg(RegisterOf(i));
                _c.SavedValue = p != 0 && _c.Memory.TryRead(p, out int len) ? len : long.MinValue;
                return;
            }
        }
        _ = reg;
    }

    // ------------------------------------------------------------------ small printers shared by all files

    private void Sep() => _b.Append(", "u8);

    private void PrintAddress(ulong address)
    {
        if (address == 0) _b.Append("NULL"u8);
        else _b.AppendHex(address);
    }

    private void PrintHex(ulong value) => _b.AppendHex(value);

    private void PrintInt(ulong value) => _b.Append((int)value);

    private void PrintUInt(ulong value) => _b.Append((ulong)(uint)value);

    private void PrintLong(ulong value)
    {
        if (Is32) _b.Append((int)value);
        else _b.Append((long)value);
    }

    private void PrintULong(ulong value) => _b.Append(Is32 ? (uint)value : value);

    /// <summary>strace's %#03o: 000, 005, 0644.</summary>
    private void PrintModeNumber(ulong value)
    {
        Span<byte> digits = stackalloc byte[24];
        int n = 0;
        do { digits[n++] = (byte)('0' + (int)(value & 7)); value >>= 3; } while (value != 0);
        digits[n++] = (byte)'0';
        while (n < 3) digits[n++] = (byte)'0';
        for (int i = n - 1; i >= 0; i--) _b.Append(digits[i]);
    }

    /// <summary>%#o: 0 for zero, else 0NNN.</summary>
    private void PrintOctal(ulong value)
    {
        if (value == 0)
        {
            _b.Append((byte)'0');
            return;
        }
        _b.AppendOctal(value);
    }

    /// <summary>
    /// Reads the structure an argument points to. When it cannot, prints what strace prints instead (NULL, or the
    /// bare address of unreadable memory) and returns false.
    /// </summary>
    private bool TryReadStruct(ulong address, Span<byte> buffer)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return false;
        }
        if (_c.Memory.TryRead(address, buffer)) return true;
        _b.AppendHex(address);
        return false;
    }

    /// <summary>Reads a pointer-sized word of the tracee (4 bytes for i386).</summary>
    private bool TryReadWord(ulong address, out ulong value)
    {
        if (Is32)
        {
            bool ok = _c.Memory.TryRead(address, out uint v);
            value = v;
            return ok;
        }
        return _c.Memory.TryRead(address, out value);
    }

    /// <summary>A scratch buffer of at least <paramref name="size"/> bytes (grown once, then reused).</summary>
    private Span<byte> Scratch(int size)
    {
        if (_buf.Length < size) _buf = new byte[Math.Max(size, _buf.Length * 2)];
        return _buf.AsSpan(0, size);
    }

    /// <summary>A second scratch buffer, for structures read while a string is in the first.</summary>
    private Span<byte> Scratch2(int size)
    {
        if (_buf2.Length < size) _buf2 = new byte[Math.Max(size, _buf2.Length * 2)];
        return _buf2.AsSpan(0, size);
    }

    /// <summary>-X raw, unless an annotation that strace always names is being printed.</summary>
    private bool Raw => (_o.RawConstants || _verbosePass == VerbosePass.Number) && !_names;

    private enum VerbosePass : byte { None, Number, Names }

    private VerbosePass _verbosePass;

    /// <summary>
    /// -X verbose (strace's XLAT_STYLE_VERBOSE): a constant printer calls this first; when it returns true the printer
    /// calls itself twice, once for the number (-X raw) and once for the names, with <see cref="VerboseNames"/> and
    /// <see cref="EndVerbose"/> between and after. The outer printer alone does this: nested printers print as usual.
    /// </summary>
    private bool BeginVerbose(out int mark)
    {
        mark = _b.Length;
        if (!_o.VerboseConstants || _o.RawConstants || _names || _verbosePass != VerbosePass.None) return false;
        _verbosePass = VerbosePass.Number;
        return true;
    }

    /// <summary>-X verbose for a value strace prints in parts, each with its own comment.</summary>
    private bool VerboseParts => _o.VerboseConstants && !_o.RawConstants && !_names && _verbosePass == VerbosePass.None;

    /// <summary>-X verbose for the signals of a set: [10 /* USR1 */].</summary>
    private bool VerboseSigset => _o.VerboseConstants && !Raw;

    /// <summary>A value strace names inline: the name, the number (-X raw), or "NUMBER /* NAME */" (-X verbose).</summary>
    private void PrintNamedValue(ReadOnlySpan<byte> name, long value)
    {
        if (Raw)
        {
            _b.Append(value);
            return;
        }
        if (VerboseParts) _b.Append(value).Append(" /* "u8).Append(name).Append(" */"u8);
        else _b.Append(name);
    }

    /// <summary>Set by a printer whose names rendering always goes in the comment, even "0xf /* MAP_??? */".</summary>
    private bool _verboseAlwaysComment;

    private int VerboseNames()
    {
        _verbosePass = VerbosePass.Names;
        return _b.Length;
    }

    /// <summary>
    /// Joins the two renderings: "NUMBER /* NAMES */", or the names rendering alone when it begins with the number
    /// (an unknown value, "0x80 /* X_??? */", or a plain number).
    /// </summary>
    private void EndVerbose(int mark, int namesAt)
    {
        _verbosePass = VerbosePass.None;
        int numberLength = namesAt - mark;
        ReadOnlySpan<byte> written = _b.Written;
        bool always = _verboseAlwaysComment;
        _verboseAlwaysComment = false;
        if (!always && written[namesAt..].StartsWith(written.Slice(mark, numberLength)))
        {
            _b.Remove(mark, numberLength);
            return;
        }
        _b.Insert(namesAt, " /* "u8);
        _b.Append(" */"u8);
    }

    private bool _names;

    /// <summary>The array element limit: -s unless -v.</summary>
    private int ArrayLimit => _o.Verbose ? int.MaxValue : _o.ArrayLimit;

    /// <summary>Whether structures are abbreviated with "..." (no -v).</summary>
    private bool Abbrev => !_o.Verbose;
}
