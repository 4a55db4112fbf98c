using System.Buffers.Binary;
using System.Numerics;

namespace Ptracer.Strace;

/// <summary>Signal names as strace prints them: SIGUSR1, SIGRTMIN (32), SIGRT_n (32 + n), else the number.</summary>
public static class SignalNames
{
    private static readonly string[] Names = Build();
    private static readonly string[] ShortNames = Array.ConvertAll(Names, n => n.StartsWith("SIG", StringComparison.Ordinal) ? n[3..] : n);

    private static string[] Build()
    {
        var names = new string[129];
        for (int i = 0; i < names.Length; i++) names[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (XlatEntry e in Xlats.SignalNumbers.Entries) names[e.Value] = e.Name;
        names[32] = "SIGRTMIN";
        for (int i = 33; i <= 64; i++) names[i] = "SIGRT_" + (i - 32).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return names;
    }

    /// <summary>The name strace prints for <paramref name="sig"/> (the number when it has none).</summary>
    public static string Name(int sig) =>
        (uint)sig < (uint)Names.Length ? Names[sig] : sig.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when the signal has a name (1..64).</summary>
    public static bool IsNamed(int sig) => sig >= 1 && sig <= 64;

    internal static void Append(TextBuilder b, int sig)
    {
        if ((uint)sig < (uint)Names.Length) b.Append(Names[sig]);
        else b.Append(sig);
    }

    /// <summary>The name inside a signal set: without "SIG" (USR1, RTMIN, RT_3), or the number.</summary>
    internal static void AppendShort(TextBuilder b, int sig)
    {
        if (sig >= 1 && sig <= 64) b.Append(ShortNames[sig]);
        else b.Append(sig);
    }
}

/// <summary>errno names and the messages strace prints.</summary>
public static class ErrnoNames
{
    private static readonly string?[] NamesByNumber = new string?[531];
    private static readonly string?[] MessagesByNumber = new string?[531];

    static ErrnoNames()
    {
        foreach (ErrnoEntry e in Xlats.Errnos)
        {
            NamesByNumber[e.Number] = e.Name;
            MessagesByNumber[e.Number] = e.Message;
        }
    }

    /// <summary>The errno's name (ENOENT), or null when strace has none.</summary>
    public static string? Name(int errno) => (uint)errno < (uint)NamesByNumber.Length ? NamesByNumber[errno] : null;

    /// <summary>strerror's text (or strace's own for the restart codes).</summary>
    public static string Message(int errno) =>
        (uint)errno < (uint)MessagesByNumber.Length && MessagesByNumber[errno] is { } m
            ? m
            : "Unknown error " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The restart codes strace prints as "? ERESTARTSYS (...)" (the syscall is restarted).</summary>
    public static bool IsRestart(int errno) => errno is 512 or 513 or 514 or 516;

    /// <summary>The value of a named errno (for tests).</summary>
    public static int Number(string name)
    {
        foreach (ErrnoEntry e in Xlats.Errnos)
            if (e.Name == name) return e.Number;
        throw new KeyNotFoundException(name);
    }
}

/// <summary>siginfo_t as strace prints it in "--- SIGxxx {...} ---" lines and in decoded arguments.</summary>
public static class SiginfoFormatter
{
    /// <summary>Formats a 128-byte x86_64 siginfo_t.</summary>
    public static void Format(ReadOnlySpan<byte> siginfo, TextBuilder b) => Format(siginfo, b, null);

    /// <summary>Formats a 128-byte x86_64 siginfo_t; with -X raw (<see cref="DecodeOptions.RawConstants"/>) as numbers.</summary>
    public static void Format(ReadOnlySpan<byte> siginfo, TextBuilder b, DecodeOptions? options)
    {
        bool raw = options?.RawConstants == true;
        if (siginfo.Length < 48)
        {
            b.Append("{}"u8);
            return;
        }
        int signo = I32(siginfo, 0);
        int errno = I32(siginfo, 4);
        int code = I32(siginfo, 8);
        b.Append("{si_signo="u8);
        if (raw) b.Append(signo);
        else SignalNames.Append(b, signo);
        b.Append(", si_code="u8);
        if (raw) b.AppendHex((uint)code);
        else AppendCode(b, signo, code);
        if (errno != 0)
        {
            b.Append(", si_errno="u8);
            string? name = ErrnoNames.Name(errno);
            if (name is not null) b.Append(name);
            else b.Append(errno);
        }
        if (code <= 0 || code == 0x80 && signo != 11 && signo != 7 && signo != 4 && signo != 8)
        {
            // Sent by a process (or the kernel without details).
            switch (code)
            {
                case 0x80:
                    break;
                case -2: // SI_TIMER
                    b.Append(", si_timerid="u8).AppendHex((uint)I32(siginfo, 16));
                    b.Append(", si_overrun="u8).Append(I32(siginfo, 20));
                    AppendValue(b, siginfo);
                    break;
                case 0: // SI_USER
                case -6: // SI_TKILL
                    AppendSender(b, siginfo);
                    break;
                default:
                    // strace's printsiginfo: other user codes (SI_QUEUE, SI_MESGQ, made-up ones) show the value when
                    // its pointer is not NULL.
                    AppendSender(b, siginfo);
                    if (I64(siginfo, 24) != 0) AppendValue(b, siginfo);
                    break;
            }
        }
        else
        {
            switch (signo)
            {
                case 17: // SIGCHLD
                    AppendSender(b, siginfo);
                    b.Append(", si_status="u8);
                    int status = I32(siginfo, 24);
                    if (code == 1 || raw) b.Append(status);
                    else SignalNames.Append(b, status);
                    b.Append(", si_utime="u8).Append(I64(siginfo, 32));
                    b.Append(", si_stime="u8).Append(I64(siginfo, 40));
                    break;
                case 4: case 8: case 11: case 7: // SIGILL SIGFPE SIGSEGV SIGBUS
                    b.Append(", si_addr="u8);
                    AppendPointer(b, (ulong)I64(siginfo, 16));
                    break;
                case 29: // SIGIO / SIGPOLL
                    b.Append(", si_band="u8).Append(I64(siginfo, 16));
                    b.Append(", si_fd="u8).Append(I32(siginfo, 24));
                    break;
                case 31: // SIGSYS
                    b.Append(", si_call_addr="u8);
                    AppendPointer(b, (ulong)I64(siginfo, 16));
                    b.Append(", si_syscall="u8);
                    uint arch = (uint)I32(siginfo, 28);
                    int nr = I32(siginfo, 24);
                    string? name = SyscallNameOf(arch, nr);
                    if (name is not null) b.Append("__NR_"u8).Append(name);
                    else b.Append(nr);
                    b.Append(", si_arch="u8);
                    if (arch == 0xC000003E) b.Append("AUDIT_ARCH_X86_64"u8);
                    else if (arch == 0x40000003) b.Append("AUDIT_ARCH_I386"u8);
                    else b.AppendHex(arch);
                    break;
                default:
                    if (code != 0x80) AppendSender(b, siginfo);
                    break;
            }
        }
        b.Append((byte)'}');
    }

    private static string? SyscallNameOf(uint arch, int nr) => arch switch
    {
        0xC000003E => Ptracer.Syscalls.SyscallTable.Lookup(Ptracer.Syscalls.SyscallArch.X86_64, nr)?.Name,
        0x40000003 => Ptracer.Syscalls.SyscallTable.Lookup(Ptracer.Syscalls.SyscallArch.I386, nr)?.Name,
        _ => null,
    };

    private static void AppendSender(TextBuilder b, ReadOnlySpan<byte> s)
    {
        b.Append(", si_pid="u8).Append(I32(s, 16));
        b.Append(", si_uid="u8).Append((ulong)(uint)I32(s, 20));
    }

    private static void AppendValue(TextBuilder b, ReadOnlySpan<byte> s)
    {
        b.Append(", si_int="u8).Append(I32(s, 24));
        b.Append(", si_ptr="u8);
        AppendPointer(b, (ulong)I64(s, 24));
    }

    private static void AppendPointer(TextBuilder b, ulong p)
    {
        if (p == 0) b.Append("NULL"u8);
        else b.AppendHex(p);
    }

    private static void AppendCode(TextBuilder b, int signo, int code)
    {
        string? name = null;
        if (code <= 0 || code == 0x80) name = Xlats.SiCodes.Lookup(unchecked((ulong)(long)code));
        if (name is null && code > 0)
        {
            Xlat? table = signo switch
            {
                4 => Xlats.SiCodesIll,
                8 => Xlats.SiCodesFpe,
                11 => Xlats.SiCodesSegv,
                7 => Xlats.SiCodesBus,
                5 => Xlats.SiCodesTrap,
                17 => Xlats.SiCodesChld,
                29 => Xlats.SiCodesPoll,
                31 => Xlats.SiCodesSys,
                _ => null,
            };
            name = table?.Lookup((ulong)code);
        }
        if (name is not null) b.Append(name);
        else b.AppendHex((uint)code);
    }

    private static int I32(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadInt32LittleEndian(s[at..]);
    private static long I64(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadInt64LittleEndian(s[at..]);
}

/// <summary>Signal sets, sigaction and siginfo arguments.</summary>
public sealed partial class SyscallFormatter
{
    /// <summary>[USR1 RTMIN] or ~[...] when more than half the bits are set.</summary>
    internal static void AppendSigset(TextBuilder b, ReadOnlySpan<byte> set, bool raw = false, bool verbose = false)
    {
        int bits = set.Length * 8;
        int count = 0;
        for (int i = 0; i < set.Length; i++) count += BitOperations.PopCount(set[i]);
        bool invert = count * 2 > bits;
        if (invert) b.Append((byte)'~');
        b.Append((byte)'[');
        bool first = true;
        for (int i = 0; i < bits; i++)
        {
            bool set1 = (set[i >> 3] & (1 << (i & 7))) != 0;
            if (set1 == invert) continue;
            if (!first) b.Append((byte)' ');
            first = false;
            if (raw || verbose) b.Append(i + 1);
            if (verbose) b.Append(" /* "u8);
            if (!raw) SignalNames.AppendShort(b, i + 1);
            if (verbose) b.Append(" */"u8);
        }
        b.Append((byte)']');
    }

    /// <summary>A sigset_t* of <paramref name="size"/> bytes: NULL, the set, or the address when the size or memory is bad.</summary>
    private void PrintSigsetAt(ulong address, ulong size)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        if (size == 0 || size > 8 || size % (ulong)WordSize != 0)
        {
            _b.AppendHex(address);
            return;
        }
        Span<byte> set = Scratch2((int)size);
        if (!_c.Memory.TryRead(address, set))
        {
            _b.AppendHex(address);
            return;
        }
        AppendSigset(_b, set, Raw, VerboseSigset);
    }

    /// <summary>The sigsetsize argument that goes with the set in argument <paramref name="index"/>.</summary>
    private ulong SigsetSizeFor(int index)
    {
        switch (_c.Def.Name)
        {
            case "signalfd":
            case "signalfd4":
                return ArgValue(index + 1);
            default:
                return ArgValue(Kinds.Length - 1);
        }
    }

    private void PrintSigHandler(ulong handler)
    {
        if (BeginVerbose(out int mark))
        {
            PrintSigHandler(handler);
            int namesAt = VerboseNames();
            PrintSigHandler(handler);
            EndVerbose(mark, namesAt);
            return;
        }
        ulong err = Is32 ? uint.MaxValue : ulong.MaxValue;
        if (Raw) _b.AppendHex(handler);
        else if (handler == 0) _b.Append("SIG_DFL"u8);
        else if (handler == 1) _b.Append("SIG_IGN"u8);
        else if (handler == err) _b.Append("SIG_ERR"u8);
        else _b.AppendHex(handler);
    }

    /// <summary>struct sigaction (the kernel's layout for rt_sigaction).</summary>
    private void PrintSigaction(ulong address)
    {
        int w = WordSize;
        Span<byte> s = Scratch2(3 * w + 8);
        if (!TryReadStruct(address, s)) return;
        ulong handler = Word(s, 0), flags = Word(s, w), restorer = Word(s, 2 * w);
        _b.Append("{sa_handler="u8);
        PrintSigHandler(handler);
        _b.Append(", sa_mask="u8);
        AppendSigset(_b, s.Slice(3 * w, 8), Raw, VerboseSigset);
        _b.Append(", sa_flags="u8);
        PrintFlags(Xlats.SigactionFlags, flags, "SA_???");
        if ((flags & 0x04000000) != 0)
        {
            _b.Append(", sa_restorer="u8);
            PrintAddress(restorer);
        }
        _b.Append((byte)'}');
    }

    private ulong Word(ReadOnlySpan<byte> s, int at) =>
        Is32 ? BinaryPrimitives.ReadUInt32LittleEndian(s[at..]) : BinaryPrimitives.ReadUInt64LittleEndian(s[at..]);

    /// <summary>A siginfo_t* argument.</summary>
    private void PrintSiginfoAt(ulong address)
    {
        Span<byte> s = Scratch2(128);
        if (!TryReadStruct(address, s)) return;
        SiginfoFormatter.Format(s, _b, _o);
    }

    /// <summary>stack_t (sigaltstack).</summary>
    private void PrintStackT(ulong address)
    {
        int w = WordSize;
        Span<byte> s = Scratch2(3 * w);
        if (!TryReadStruct(address, s)) return;
        _b.Append("{ss_sp="u8);
        PrintAddress(Word(s, 0));
        _b.Append(", ss_flags="u8);
        PrintFlags(Xlats.SigaltstackFlags, BinaryPrimitives.ReadUInt32LittleEndian(s[w..]), "SS_???");
        _b.Append(", ss_size="u8).Append(Word(s, 2 * w));
        _b.Append((byte)'}');
    }
}
