using System.Buffers.Binary;
using Ptracer.Syscalls;

namespace Ptracer.Strace;

/// <summary>Return values: numbers, errnos, and strace's annotations (Timeout, flags, dates...).</summary>
public sealed partial class SyscallFormatter
{
    private void PrintReturn()
    {
        SyscallDef def = _c.Def;
        if (def.Return == ReturnKind.NoReturn && !Failed)
        {
            _b.Append((byte)'?');
            return;
        }
        if (Failed)
        {
            PrintErrno((int)-Ret);
            return;
        }
        long rv = Is32 ? (int)Ret : Ret;
        switch (def.Return)
        {
            case ReturnKind.Hex:
                _b.AppendHex(Is32 ? (uint)rv : (ulong)rv);
                return;
            case ReturnKind.Fd:
                PrintFd((ulong)rv);
                return;
            case ReturnKind.Octal:
                PrintModeNumber((ulong)rv);
                return;
            case ReturnKind.Personality:
                _b.AppendHex((uint)rv).Append(" ("u8);
                if (Raw)
                {
                    _b.AppendHex((uint)rv & 0xff).Append((byte)'|').AppendHex((uint)rv & ~0xffu).Append((byte)')');
                    return;
                }
                AppendPersonality((uint)rv);
                _b.Append((byte)')');
                return;
            case ReturnKind.SchedPolicy:
                _b.Append(rv);
                if (Xlats.SchedPolicies.Lookup((ulong)rv) is { } policy) _b.Append(" ("u8).Append(policy).Append((byte)')');
                return;
            case ReturnKind.Time:
                _b.Append(rv).Append(" ("u8);
                AppendDate(rv, 0, withFraction: false);
                _b.Append((byte)')');
                return;
            case ReturnKind.TimexState:
                _b.Append(rv);
                string? state = rv switch
                {
                    0 => "TIME_OK", 1 => "TIME_INS", 2 => "TIME_DEL", 3 => "TIME_OOP", 4 => "TIME_WAIT", 5 => "TIME_ERROR",
                    _ => null,
                };
                if (state is not null) _b.Append(" ("u8).Append(state).Append((byte)')');
                return;
            case ReturnKind.Ioprio:
                _b.Append(rv);
                if (Raw) return;
                _b.Append(" ("u8);
                PrintIoprioValue((uint)rv);
                _b.Append((byte)')');
                return;
            case ReturnKind.ThreadArea:
                // strace's set_thread_area: the slot the kernel chose or kept (when -e verbose= covers the call, as by default).
                _b.Append(rv);
                Span<byte> desc = stackalloc byte[4];
                if (_c.Memory.TryRead(Reg(0), desc))
                    _b.Append(" (entry_number="u8).Append((ulong)BinaryPrimitives.ReadUInt32LittleEndian(desc)).Append((byte)')');
                return;
            case ReturnKind.SignalHandler:
                if (rv == 0) _b.Append("0 (SIG_DFL)"u8);
                else if (rv == 1) _b.Append("0x1 (SIG_IGN)"u8);
                else _b.AppendHex(Is32 ? (uint)rv : (ulong)rv);
                return;
            case ReturnKind.Sigmask:
            case ReturnKind.OldSigmask:
                {
                    _b.AppendHex((uint)rv).Append(def.Return == ReturnKind.Sigmask ? " (mask "u8 : " (old mask "u8);
                    Span<byte> set = stackalloc byte[4];
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(set, (uint)rv);
                    AppendSigset(_b, set, Raw, VerboseSigset);
                    _b.Append((byte)')');
                    return;
                }
        }
        if (AnnotatedReturn(def.Name, rv)) return;
        _b.Append(rv);
    }

    /// <summary>-1 ENOENT (No such file or directory); ? ERESTARTSYS (...); -1 (errno N) when unnamed.</summary>
    private void PrintErrno(int errno)
    {
        string? name = ErrnoNames.Name(errno);
        if (name is null)
        {
            _b.Append("-1 (errno "u8).Append(errno).Append((byte)')');
            return;
        }
        _b.Append(ErrnoNames.IsRestart(errno) ? "? "u8 : "-1 "u8);
        _b.Append(name).Append(" ("u8).Append(ErrnoNames.Message(errno)).Append((byte)')');
    }

    /// <summary>Returns with strace's decoded annotation; false for a plain number.</summary>
    private bool AnnotatedReturn(string name, long rv)
    {
        switch (name)
        {
            case "poll":
            case "ppoll":
            case "ppoll_time64":
                PollReturn(rv, name != "poll");
                return true;
            case "select":
            case "_newselect":
            case "pselect6":
            case "pselect6_time64":
                SelectReturn(rv);
                return true;
            case "fcntl":
            case "fcntl64":
                return FcntlReturn(rv);
            case "prctl":
                return PrctlReturn(rv);
            case "membarrier":
                if (Reg(0) != 0 || rv <= 0) return false; // MEMBARRIER_CMD_QUERY: the supported commands
                _b.AppendHex((ulong)rv).Append(" ("u8);
                PrintFlags(Xlats.MembarrierQueryFlags, (ulong)rv, null);
                _b.Append((byte)')');
                return true;
            case "rt_sigtimedwait":
            case "rt_sigtimedwait_time64":
                if (rv <= 0) return false;
                _b.Append(rv).Append(" ("u8);
                SignalNames.Append(_b, (int)rv);
                _b.Append((byte)')');
                return true;
            default:
                return false;
        }
    }

    private void PollReturn(long rv, bool hasTimeout)
    {
        _b.Append(rv);
        if (rv == 0)
        {
            _b.Append(" (Timeout)"u8);
            return;
        }
        if (!_o.Structures) return; // -e verbose= without this call: no list of ready descriptors
        ulong address = Reg(0), count = Reg(1);
        Span<byte> e = stackalloc byte[8];
        _b.Append(" ("u8);
        // strace formats this list into a 1024-byte buffer: it stops with "..." after -s entries (unless -v) or
        // when the next entry would come within 27 bytes of the buffer's end.
        int start = _b.Length, printed = 0;
        int limit = Abbrev ? _o.StringLimit : int.MaxValue;
        const int budget = 1024 - 27;
        for (ulong i = 0; i < count; i++)
        {
            if (!_c.Memory.TryRead(address + 8 * i, e))
            {
                _b.Append(_b.Length == start ? "["u8 : ", "u8).AppendHex(address + 8 * i);
                break;
            }
            int fd = I(e, 0);
            ushort revents = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(e[6..]);
            if (revents == 0) continue;
            _b.Append(_b.Length == start ? "["u8 : ", "u8);
            if (printed >= limit)
            {
                _b.Append("..."u8);
                break;
            }
            int entryStart = _b.Length;
            _b.Append("{fd="u8).Append(fd).Append(", revents="u8);
            PrintFlags(Xlats.PollEvents, revents, "POLL???");
            if (_b.Length - start + 1 >= budget)
            {
                _b.Truncate(entryStart);
                _b.Append("..."u8);
                break;
            }
            _b.Append((byte)'}');
            printed++;
        }
        if (_b.Length == start) _b.Append("[]"u8);
        else _b.Append((byte)']');
        if (hasTimeout && Reg(2) != 0)
        {
            _b.Append(", left "u8);
            if (_c.Def.Name == "ppoll_time64") PrintTimespec64(Reg(2));
            else PrintTimeAt(Reg(2), nanoseconds: true);
        }
        _b.Append((byte)')');
    }

    private void SelectReturn(long rv)
    {
        _b.Append(rv);
        if (rv == 0)
        {
            _b.Append(" (Timeout)"u8);
            return;
        }
        int nfds = (int)Reg(0);
        _b.Append(" ("u8);
        bool any = false;
        ReadOnlySpan<byte> inName = "in"u8, outName = "out"u8, exceptName = "except"u8;
        for (int set = 0; set < 3; set++)
        {
            ulong address = Reg(1 + set);
            if (address == 0 || nfds <= 0) continue;
            int bytes = (nfds + 7) / 8;
            int words = (bytes + WordSize - 1) / WordSize;
            Span<byte> bits = Scratch2(words * WordSize);
            if (!_c.Memory.TryRead(address, bits)) continue;
            bool has = false;
            for (int fd = 0; fd < nfds; fd++)
            {
                if ((bits[fd >> 3] & (1 << (fd & 7))) == 0) continue;
                if (!has)
                {
                    if (any) _b.Append(", "u8);
                    _b.Append(set == 0 ? inName : set == 1 ? outName : exceptName).Append(" ["u8);
                    has = true;
                    any = true;
                }
                else _b.Append((byte)' ');
                _b.Append(fd);
            }
            if (has) _b.Append((byte)']');
        }
        ulong timeout = Reg(4);
        if (timeout != 0)
        {
            if (any) _b.Append(", "u8);
            _b.Append("left "u8);
            string name = _c.Def.Name;
            if (!_o.Structures) PrintAddress(timeout);
            else if (name == "pselect6_time64") PrintTimespec64(timeout);
            else PrintTimeAt(timeout, nanoseconds: name == "pselect6");
        }
        _b.Append((byte)')');
    }

    private bool FcntlReturn(long rv)
    {
        int cmd = (int)Reg(1);
        switch (cmd)
        {
            case 1: // F_GETFD
                if (rv == 0) return false;
                _b.AppendHex((ulong)rv).Append(" (flags "u8);
                PrintFlags(Xlats.FdFlags, (ulong)rv, null);
                _b.Append((byte)')');
                return true;
            case 3: // F_GETFL
                _b.AppendHex((ulong)rv).Append(" (flags "u8);
                _names = true; // strace names F_GETFL's and F_GETLEASE's results even with -X raw/verbose
                PrintOpenFlags((ulong)rv);
                _names = false;
                _b.Append((byte)')');
                return true;
            case 1025: // F_GETLEASE
                _b.AppendHex((ulong)rv).Append(" ("u8);
                _names = true;
                PrintXval(Xlats.LockTypes, (ulong)rv, "F_???");
                _names = false;
                _b.Append((byte)')');
                return true;
            case 11: // F_GETSIG
                if (rv == 0) return false;
                _b.Append(rv).Append(" ("u8);
                SignalNames.Append(_b, (int)rv);
                _b.Append((byte)')');
                return true;
            case 1034: // F_GET_SEALS
                if (rv == 0) return false;
                _b.AppendHex((ulong)rv).Append(" (seals "u8);
                PrintFlags(Xlats.FcntlSeals, (ulong)rv, null);
                _b.Append((byte)')');
                return true;
            case 0: // F_DUPFD
            case 1030: // F_DUPFD_CLOEXEC
                PrintFd((ulong)rv);
                return true;
            default:
                return false;
        }
    }

    private bool PrctlReturn(long rv)
    {
        switch ((uint)Reg(0))
        {
            case 3: // PR_GET_DUMPABLE
                _b.Append(rv);
                if (rv is >= 0 and <= 2)
                {
                    _b.Append(" ("u8);
                    PrintDumpable((ulong)rv);
                    _b.Append((byte)')');
                }
                return true;
            case 27: // PR_GET_SECUREBITS
                if (rv == 0) return false;
                _b.AppendHex((ulong)rv).Append(" ("u8);
                AppendSecurebits((ulong)rv);
                _b.Append((byte)')');
                return true;
            case 34: // PR_MCE_KILL_GET
                _b.Append(rv);
                string? mce = rv switch { 0 => "PR_MCE_KILL_LATE", 1 => "PR_MCE_KILL_EARLY", 2 => "PR_MCE_KILL_DEFAULT", _ => null };
                if (mce is not null) _b.Append(" ("u8).Append(mce).Append((byte)')');
                return true;
            case 52: // PR_GET_SPECULATION_CTRL
                if (rv == 0) return false;
                _b.AppendHex((ulong)rv);
                if (Raw) return true;
                _b.Append(" ("u8);
                PrintSpecValue((ulong)rv);
                _b.Append((byte)')');
                return true;
            default:
                return false;
        }
    }

    private void AppendSecurebits(ulong v)
    {
        ReadOnlySpan<byte> names0 = "SECBIT_NOROOT"u8;
        bool any = false;
        for (int bit = 0; bit < 8; bit++)
        {
            if ((v & (1UL << bit)) == 0) continue;
            if (any) _b.Append((byte)'|');
            any = true;
            _b.Append(bit switch
            {
                0 => names0,
                1 => "SECBIT_NOROOT_LOCKED"u8,
                2 => "SECBIT_NO_SETUID_FIXUP"u8,
                3 => "SECBIT_NO_SETUID_FIXUP_LOCKED"u8,
                4 => "SECBIT_KEEP_CAPS"u8,
                5 => "SECBIT_KEEP_CAPS_LOCKED"u8,
                6 => "SECBIT_NO_CAP_AMBIENT_RAISE"u8,
                _ => "SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED"u8,
            });
            v &= ~(1UL << bit);
        }
        if (v != 0)
        {
            if (any) _b.Append((byte)'|');
            _b.AppendHex(v);
        }
    }
}
