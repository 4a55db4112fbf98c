using System.Buffers.Binary;
using Ptracer.Syscalls;

namespace Ptracer.Strace;

/// <summary>Syscalls whose layout depends on other arguments: fcntl, ioctl, futex, prctl, clone, open's mode...</summary>
public sealed partial class SyscallFormatter
{
    // PrintedAtEntry markers for the special layouts (any value below Args.Length means "more at exit").
    private const int SpecialDone = 1000;

    /// <summary>Handles the entry of a syscall with its own layout; false for the generic walk.</summary>
    private bool SpecialEntry()
    {
        switch (_c.Def.Name)
        {
            case "clone":
                if (Kinds.Length < 5) return false;
                CloneEntry();
                return true;
            case "clone3":
                Clone3Entry();
                return true;
            case "fcntl":
            case "fcntl64":
                FcntlEntry();
                return true;
            case "ioctl":
                IoctlEntry();
                return true;
            case "futex":
            case "futex_time64":
                FutexEntry();
                return true;
            case "prctl":
                PrctlEntry();
                return true;
            case "sendfile":
            case "sendfile64":
                SendfileEntry();
                return true;
            case "ptrace":
                PtraceEntry();
                return true;
            case "kcmp":
                KcmpEntry();
                return true;
            case "arch_prctl":
                ArchPrctlEntry();
                return true;
            case "mbind":
            case "set_mempolicy":
            case "migrate_pages":
                MempolicyEntry();
                return true;
            case "get_mempolicy":
                return true; // everything is printed at exit: the first two arguments are outputs
            case "add_key":
            case "request_key":
            case "keyctl":
                KeyEntry();
                return true;
            case "fsconfig":
                FsconfigEntry();
                return true;
            case "mount_setattr":
                MountSetattrEntry();
                return true;
            case "landlock_create_ruleset":
            case "landlock_add_rule":
            case "landlock_restrict_self":
                LandlockEntry();
                return true;
            case "io_uring_setup":
            case "io_uring_enter":
            case "io_uring_register":
                IoUringEntry();
                return true;
            case "quotactl":
            case "quotactl_fd":
                QuotactlEntry();
                return true;
            case "name_to_handle_at":
                NameToHandleEntry();
                return true;
            case "sched_setattr":
                PrintInt(Reg(0));
                _b.Append(", "u8);
                PrintSchedAttr(Reg(1));
                _c.PrintedAtEntry = 2;
                return true;
            case "swapon":
                SwaponEntry();
                return true;
            case "reboot":
                RebootEntry();
                return true;
            case "open_by_handle_at":
                OpenByHandleEntry();
                return true;
            default:
                return false;
        }
    }

    /// <summary>kcmp: the indexes are descriptors for KCMP_FILE, absent for the whole-resource types.</summary>
    private void KcmpEntry()
    {
        PrintInt(Reg(0));
        _b.Append(", "u8);
        PrintInt(Reg(1));
        _b.Append(", "u8);
        uint type = (uint)Reg(2);
        PrintXval(Xlats.KcmpTypes, type, "KCMP_???");
        _c.PrintedAtEntry = SpecialDone;
        switch (type)
        {
            case 0: // KCMP_FILE
                _b.Append(", "u8);
                PrintFd(Reg(3));
                _b.Append(", "u8);
                PrintFd(Reg(4));
                return;
            case 1: case 2: case 3: case 4: case 5: case 6: // VM FILES FS SIGHAND IO SYSVSEM
                return;
            default:
                _b.Append(", "u8).AppendHex(Reg(3)).Append(", "u8).AppendHex(Reg(4));
                return;
        }
    }

    /// <summary>Handles the exit of a syscall with its own layout; false for the generic walk.</summary>
    private bool SpecialExit()
    {
        switch (_c.Def.Name)
        {
            case "clone":
                if (Kinds.Length < 5) return false;
                CloneExit();
                return true;
            case "clone3":
                Clone3Exit();
                return true;
            case "fcntl":
            case "fcntl64":
                FcntlExit();
                return true;
            case "ioctl":
                IoctlExit();
                return true;
            case "futex":
            case "futex_time64":
                return true;
            case "prctl":
                PrctlExit();
                return true;
            case "sendfile":
            case "sendfile64":
                SendfileExit();
                return true;
            case "ptrace":
                PtraceExit();
                return true;
            case "get_mempolicy":
                GetMempolicyExit();
                return true;
            case "keyctl":
                if (_c.PrintedAtEntry == 1) KeyctlExit();
                return true;
            case "quotactl":
            case "quotactl_fd":
                QuotactlExit();
                return true;
            case "name_to_handle_at":
                NameToHandleExit();
                return true;
            case "sched_setattr":
                SchedSetattrExit();
                return true;
            case "arch_prctl":
                ArchPrctlExit();
                return true;
            default:
                return false;
        }
    }

    /// <summary>Arguments strace leaves out: open's mode without O_CREAT/O_TMPFILE, mknod's device for other types.</summary>
    private bool SkipArg(ArgKind kind, int index)
    {
        // syslog: the actions that take no buffer print only the action (strace's syslog decoder).
        if (index > 0 && _c.Def.Name == "syslog")
            return (int)ArgValue(0) is 0 or 1 or 5 or 6 or 7 or 9 or 10;
        switch (kind)
        {
            case ArgKind.Mode:
                {
                    string name = _c.Def.Name;
                    if (name is "open" or "openat" or "mq_open")
                    {
                        ulong flags = ArgValue(index - 1);
                        return (flags & 0x40) == 0 && (flags & 0x400000) == 0;
                    }
                    return false;
                }
            case ArgKind.MqAttrIn:
                return _c.Def.Name == "mq_open" && (ArgValue(index - 2) & 0x40) == 0;
            case ArgKind.Pointer:
                return _c.Def.Name == "mremap" && index == 4 && (ArgValue(3) & 2) == 0;
            case ArgKind.DevT:
                {
                    string name = _c.Def.Name;
                    if (name is "mknod" or "mknodat")
                    {
                        ulong type = ArgValue(index - 1) & 0xf000;
                        return type != 0x2000 && type != 0x6000;
                    }
                    return false;
                }
            default:
                return false;
        }
    }

    // ------------------------------------------------------------------ fcntl

    private const int FGetlk = 5, FSetlk = 6, FSetlkw = 7, FGetlk64 = 12, FSetlk64 = 13, FSetlkw64 = 14;
    private const int FOfdGetlk = 36, FOfdSetlk = 37, FOfdSetlkw = 38, FSetownEx = 15, FGetownEx = 16;

    private void FcntlEntry()
    {
        PrintFd(Reg(0));
        _b.Append(", "u8);
        int cmd = (int)Reg(1);
        PrintXval(Xlats.FcntlCommands, (uint)cmd, "F_???");
        ulong arg = Reg(2);
        _c.PrintedAtEntry = SpecialDone;
        switch (cmd)
        {
            case 1: case 3: case 9: case 11: case 1025: case 1032: case 1034: case 17:
                return; // F_GETFD, F_GETFL, F_GETOWN, F_GETSIG, F_GETLEASE, F_GETPIPE_SZ, F_GET_SEALS...
            case 2: // F_SETFD
                _b.Append(", "u8);
                PrintFlags(Xlats.FdFlags, (uint)arg, "FD_???");
                return;
            case 4: // F_SETFL
                _b.Append(", "u8);
                PrintOpenFlags(arg);
                return;
            case 0: case 1030: case 8: case 1031: // F_DUPFD, F_DUPFD_CLOEXEC, F_SETOWN, F_SETPIPE_SZ
                _b.Append(", "u8).Append((int)arg);
                return;
            case 10: // F_SETSIG
                _b.Append(", "u8);
                PrintSignal(arg);
                return;
            case 1026: // F_NOTIFY
                _b.Append(", "u8);
                PrintFlags(Xlats.DnotifyFlags, (uint)arg, "DN_???");
                return;
            case 1024: // F_SETLEASE
                _b.Append(", "u8);
                PrintXval(Xlats.LockTypes, (uint)arg, "F_???");
                return;
            case 1033: // F_ADD_SEALS
                _b.Append(", "u8);
                PrintFlags(Xlats.FcntlSeals, (uint)arg, "F_SEAL_???");
                return;
            case FSetlk: case FSetlkw: case FOfdSetlk: case FOfdSetlkw: case FSetlk64: case FSetlkw64:
                _b.Append(", "u8);
                PrintFlock(arg, withPid: false, wide: !Is32 || cmd >= FGetlk64);
                return;
            case FGetlk: case FOfdGetlk: case FGetlk64: case FGetownEx:
                _b.Append(", "u8);
                _c.PrintedAtEntry = 2;
                return;
            case FSetownEx:
                _b.Append(", "u8);
                PrintOwnerEx(arg);
                return;
            default:
                _b.Append(", "u8).AppendHex(arg);
                return;
        }
    }

    private void FcntlExit()
    {
        if (_c.PrintedAtEntry != 2) return;
        int cmd = (int)Reg(1);
        ulong arg = Reg(2);
        if (Failed)
        {
            PrintAddress(arg);
            return;
        }
        if (!_o.Structures) PrintAddress(arg); // -e verbose= without fcntl
        else if (cmd == FGetownEx) PrintOwnerEx(arg);
        else PrintFlock(arg, withPid: true, wide: !Is32 || cmd >= FGetlk64);
    }

    private void PrintFlock(ulong address, bool withPid, bool wide)
    {
        if (address == 0 || !_o.Structures) // -e verbose= without this call: the address only
        {
            PrintAddress(address);
            return;
        }
        Span<byte> s = stackalloc byte[32];
        int size = !Is32 ? 32 : wide ? 24 : 16;
        if (!_c.Memory.TryRead(address, s[..size]))
        {
            _b.AppendHex(address);
            return;
        }
        short type = BinaryPrimitives.ReadInt16LittleEndian(s);
        short whence = BinaryPrimitives.ReadInt16LittleEndian(s[2..]);
        long start, len;
        int pid;
        if (!Is32) { start = L(s, 8); len = L(s, 16); pid = I(s, 24); }
        else if (wide) { start = L(s, 4); len = L(s, 12); pid = I(s, 20); }
        else { start = I(s, 4); len = I(s, 8); pid = I(s, 12); }
        _b.Append("{l_type="u8);
        PrintXval(Xlats.LockTypes, (ushort)type, "F_???");
        _b.Append(", l_whence="u8);
        PrintXval(Xlats.Whence, (ushort)whence, "SEEK_???");
        _b.Append(", l_start="u8).Append(start).Append(", l_len="u8).Append(len);
        if (withPid) _b.Append(", l_pid="u8).Append(pid);
        _b.Append((byte)'}');
    }

    private void PrintOwnerEx(ulong address)
    {
        Span<byte> s = stackalloc byte[8];
        if (!TryReadStruct(address, s)) return;
        _b.Append("{type="u8);
        PrintXval(Xlats.OwnerTypes, UI(s, 0), "F_OWNER_???");
        _b.Append(", pid="u8).Append(I(s, 4)).Append((byte)'}');
    }

    // ------------------------------------------------------------------ ioctl

    private const uint TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404;
    private const uint TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, FIONREAD = 0x541B, FIONBIO = 0x5421;
    private const uint TIOCGPGRP = 0x540F, TIOCSPGRP = 0x5410, TIOCOUTQ = 0x5411, FIOASYNC = 0x5452;
    private const uint FIOCLEX = 0x5451, FIONCLEX = 0x5450, TIOCNOTTY = 0x5422, TIOCEXCL = 0x540C, TIOCNXCL = 0x540D;
    private const uint TIOCSCTTY = 0x540E, TIOCGPTN = 0x80045430, TIOCSPTLCK = 0x40045431, TIOCGSID = 0x5429;
    private const uint TCFLSH = 0x540B, TCXONC = 0x540A, TCSBRK = 0x5409, TIOCSBRK = 0x5427, TIOCCBRK = 0x5428;

    /// <summary>The request: its name, or _IOC(dir, type, nr, size).</summary>
    private void PrintIoctlRequest(uint request)
    {
        if (BeginVerbose(out int mark))
        {
            PrintIoctlRequest(request);
            int namesAt = VerboseNames();
            PrintIoctlRequest(request);
            EndVerbose(mark, namesAt);
            return;
        }
        string? name = Raw ? null : Xlats.IoctlNames.Lookup(request);
        if (name is not null)
        {
            _b.Append(name);
            return;
        }
        if (Raw)
        {
            _b.AppendHex(request);
            return;
        }
        uint dir = request >> 30, size = (request >> 16) & 0x3fff, type = (request >> 8) & 0xff, nr = request & 0xff;
        _b.Append("_IOC("u8);
        _b.Append(dir switch
        {
            0 => "_IOC_NONE"u8,
            1 => "_IOC_WRITE"u8,
            2 => "_IOC_READ"u8,
            _ => "_IOC_READ|_IOC_WRITE"u8,
        });
        _b.Append(", "u8).AppendHex(type).Append(", "u8).AppendHex(nr).Append(", "u8).AppendHex(size).Append((byte)')');
    }

    private void IoctlEntry()
    {
        PrintFd(Reg(0));
        _b.Append(", "u8);
        uint req = (uint)Reg(1);
        PrintIoctlRequest(req);
        ulong arg = Reg(2);
        _c.PrintedAtEntry = SpecialDone;
        switch (req)
        {
            case FIOCLEX: case FIONCLEX: case TIOCNOTTY: case TIOCEXCL: case TIOCNXCL: case TIOCSBRK: case TIOCCBRK:
            case 0x541d: case 0x5437: case 0x541f: // TIOCCONS, TIOCVHANGUP, TIOCSSERIAL
            case 0xc0045877: case 0xc0045878: case 0x125f: case 0x1261: // FIFREEZE, FITHAW, BLKRRPART, BLKFLSBUF
                return;
            case FIONREAD: case TIOCOUTQ: case TIOCGPGRP: case TIOCGPTN: case TIOCGSID: case TCGETS: case TIOCGWINSZ:
            case 0x8910: case 0x8913: case 0x8915: case 0x8917: case 0x8919: case 0x891b: case 0x891d: case 0x8921:
            case 0x8927: case 0x8933: case 0x8942:
                _b.Append(", "u8);
                _c.PrintedAtEntry = 2;
                return;
            case 0x8912: // SIOCGIFCONF: the length passed in, for "in => out"
                _b.Append(", "u8);
                _c.SavedValue = arg != 0 && _c.Memory.TryRead(arg, out int ifcLen) ? ifcLen : long.MinValue;
                _c.PrintedAtEntry = 2;
                return;
            case 0x8914: case 0x8916: case 0x8918: case 0x891a: case 0x891c: case 0x891e: case 0x8922: case 0x8923:
            case 0x8924: case 0x8943:
                _b.Append(", "u8);
                PrintIfreq(arg, req, failed: false);
                return;
            case FIONBIO: case FIOASYNC: case TIOCSPGRP: case TIOCSPTLCK:
                _b.Append(", "u8);
                PrintIntAt(arg);
                return;
            case TCSETS: case TCSETSW: case TCSETSF:
                _b.Append(", "u8);
                PrintTermios(arg);
                return;
            case TIOCSWINSZ:
                _b.Append(", "u8);
                PrintWinsize(arg);
                return;
            case 0x4020940d: // FICLONERANGE: struct file_clone_range
                {
                    _b.Append(", "u8);
                    Span<byte> r = stackalloc byte[32];
                    if (!TryReadStruct(arg, r)) return;
                    _b.Append("{src_fd="u8);
                    PrintFd((ulong)(long)BinaryPrimitives.ReadInt64LittleEndian(r));
                    _b.Append(", src_offset="u8).Append(UL(r, 8)).Append(", src_length="u8).Append(UL(r, 16))
                      .Append(", dest_offset="u8).Append(UL(r, 24)).Append((byte)'}');
                    return;
                }
            case TIOCSCTTY: case TCSBRK: case 0x5425: case 0x40049409: case 0x1262: // TCSBRKP, FICLONE, BLKRASET
                _b.Append(", "u8).Append((int)arg);
                return;
            case TCFLSH:
                _b.Append(", "u8);
                PrintXval(Xlats.TcflshArgs, (uint)arg, "TC???");
                return;
            case TCXONC:
                _b.Append(", "u8);
                PrintXval(Xlats.TcxoncArgs, (uint)arg, "TC???");
                return;
            default:
                _b.Append(", "u8);
                // Requests strace knows take a pointer (NULL when 0); a few take a number; unknown ones are hex.
                if (Xlats.IoctlNames.Lookup(req) is not null && !IoctlTakesNumber(req)) PrintAddress(arg);
                else _b.AppendHex(arg);
                return;
        }
    }

    private static bool IoctlTakesNumber(uint req) => req is 0x541c or 0x541e or 0x542e or 0x542f or 0x80045438
        or 0x80045439 or 0x5441 or 0x80285442 or 0xc0285443 or 0x5453 or 0x5454 or 0x5455 or 0x5458 or 0x5459
        or 0x545a or 0x545b or 0x545c or 0x545d or 0x5460 or 0x40045436 or 0x1 or 0x2 or 0x80087601 or 0x40087602;

    private void IoctlExit()
    {
        if (_c.PrintedAtEntry != 2) return;
        uint req = (uint)Reg(1);
        ulong arg = Reg(2);
        if (Failed)
        {
            if (req is >= 0x8910 and <= 0x8943 and not 0x8912) PrintIfreq(arg, req, failed: true);
            else PrintAddress(arg);
            return;
        }
        switch (req)
        {
            case TCGETS: PrintTermios(arg); break;
            case TIOCGWINSZ: PrintWinsize(arg); break;
            case 0x8912: PrintIfconf(arg); break;
            case >= 0x8910 and <= 0x8943: PrintIfreq(arg, req, failed: false); break;
            default: PrintIntAt(arg); break;
        }
    }

    /// <summary>struct ifreq for the SIOC[GS]IF* requests: {ifr_name="lo", ifr_flags=IFF_UP|IFF_LOOPBACK}.</summary>
    private void PrintIfreq(ulong address, uint req, bool failed)
    {
        Span<byte> r = stackalloc byte[40];
        if (address == 0 || !_c.Memory.TryRead(address, r))
        {
            PrintAddress(address);
            return;
        }
        ReadOnlySpan<byte> name = r[..16];
        ReadOnlySpan<byte> u = r[16..];
        _b.Append((byte)'{');
        if (req == 0x8910) // SIOCGIFNAME: index in, name out
        {
            _b.Append("ifr_ifindex="u8).Append(I(u, 0));
            if (!failed)
            {
                _b.Append(", ifr_name="u8);
                PrintCharArray(name);
            }
            _b.Append((byte)'}');
            return;
        }
        _b.Append("ifr_name="u8);
        PrintCharArray(name);
        if (failed)
        {
            _b.Append((byte)'}');
            return;
        }
        switch (req)
        {
            case 0x8913: case 0x8914:
                _b.Append(", ifr_flags="u8);
                PrintFlags(Xlats.InterfaceFlags, (ushort)BinaryPrimitives.ReadInt16LittleEndian(u), "IFF_???");
                break;
            case 0x8933: _b.Append(", ifr_ifindex="u8).Append(I(u, 0)); break;
            case 0x891d: case 0x891e: _b.Append(", ifr_metric="u8).Append(I(u, 0)); break;
            case 0x8921: case 0x8922: _b.Append(", ifr_mtu="u8).Append(I(u, 0)); break;
            case 0x8942: case 0x8943: _b.Append(", ifr_qlen="u8).Append(I(u, 0)); break;
            case 0x8915: case 0x8916: _b.Append(", ifr_addr="u8); AppendSockaddr(u[..16], 16); break;
            case 0x8917: case 0x8918: _b.Append(", ifr_dstaddr="u8); AppendSockaddr(u[..16], 16); break;
            case 0x8919: case 0x891a: _b.Append(", ifr_broadaddr="u8); AppendSockaddr(u[..16], 16); break;
            case 0x891b: case 0x891c: _b.Append(", ifr_netmask="u8); AppendSockaddr(u[..16], 16); break;
            case 0x8927: case 0x8924:
                {
                    _b.Append(", ifr_hwaddr={sa_family="u8);
                    PrintXval(Xlats.ArpHardware, BinaryPrimitives.ReadUInt16LittleEndian(u), "ARPHRD_???");
                    _b.Append(", sa_data="u8);
                    for (int i = 0; i < 6; i++)
                    {
                        if (i > 0) _b.Append((byte)':');
                        _b.Append(HexDigit(u[2 + i] >> 4)).Append(HexDigit(u[2 + i] & 15));
                    }
                    _b.Append((byte)'}');
                    break;
                }
            case 0x8923:
                _b.Append(", ifr_newname="u8);
                PrintCharArray(u[..16]);
                break;
        }
        _b.Append((byte)'}');
    }

    /// <summary>struct ifconf: {ifc_len=256 => 80 /* 2 * sizeof(struct ifreq) */, ifc_buf=[...]}.</summary>
    private void PrintIfconf(ulong address)
    {
        Span<byte> c = stackalloc byte[16];
        if (address == 0 || !_c.Memory.TryRead(address, c))
        {
            PrintAddress(address);
            return;
        }
        int len = I(c, 0);
        ulong buf = UL(c, 8);
        _b.Append("{ifc_len="u8);
        if (buf != 0 && _c.SavedValue != long.MinValue && _c.SavedValue != len) _b.Append(_c.SavedValue).Append(" => "u8);
        _b.Append(len);
        if (len % 40 == 0) _b.Append(" /* "u8).Append(len / 40).Append(" * sizeof(struct ifreq) */"u8);
        _b.Append(", ifc_buf="u8);
        if (buf == 0)
        {
            _b.Append("NULL}"u8);
            return;
        }
        _b.Append((byte)'[');
        Span<byte> r = stackalloc byte[40];
        for (int i = 0; i < len / 40; i++)
        {
            if (i > 0) _b.Append(", "u8);
            if (i >= ArrayLimit || !_c.Memory.TryRead(buf + (ulong)(40 * i), r))
            {
                _b.Append("..."u8);
                break;
            }
            _b.Append("{ifr_name="u8);
            PrintCharArray(r[..16]);
            _b.Append(", ifr_addr="u8);
            AppendSockaddr(r.Slice(16, 16), 16);
            _b.Append((byte)'}');
        }
        _b.Append("]}"u8);
    }

    private void PrintWinsize(ulong address)
    {
        Span<byte> s = stackalloc byte[8];
        if (!TryReadStruct(address, s)) return;
        _b.Append("{ws_row="u8).Append((ulong)BinaryPrimitives.ReadUInt16LittleEndian(s))
          .Append(", ws_col="u8).Append((ulong)BinaryPrimitives.ReadUInt16LittleEndian(s[2..]))
          .Append(", ws_xpixel="u8).Append((ulong)BinaryPrimitives.ReadUInt16LittleEndian(s[4..]))
          .Append(", ws_ypixel="u8).Append((ulong)BinaryPrimitives.ReadUInt16LittleEndian(s[6..])).Append((byte)'}');
    }

    /// <summary>-X raw termios flags: each delay, speed and size field as its own number, as strace prints them.</summary>
    private void PrintTermiosRawFlags(uint iflag, uint oflag, uint cflag, uint lflag)
    {
        _b.Append("{c_iflag="u8).AppendHex(iflag).Append(", c_oflag="u8);
        foreach (uint mask in (ReadOnlySpan<uint>)[0x100, 0x600, 0x1800, 0x2000, 0x4000, 0x8000])
            _b.AppendHex(oflag & mask).Append((byte)'|');
        _b.AppendHex(oflag & ~0xff00u).Append(", c_cflag="u8);
        _b.AppendHex(cflag & 0x100f).Append((byte)'|');
        if ((cflag & 0x100f0000) != 0) _b.AppendHex((cflag >> 16) & 0x100f).Append("<<IBSHIFT|"u8);
        _b.AppendHex(cflag & 0x30).Append((byte)'|').AppendHex(cflag & ~0x100f103fu);
        _b.Append(", c_lflag="u8).AppendHex(lflag);
    }

    /// <summary>termios's c_line and c_cc (with -v) and the closing brace.</summary>
    private void PrintTermiosTail(ReadOnlySpan<byte> s)
    {
        _b.Append(", c_line="u8);
        byte line = s[16];
        if (line < LineDisciplines.Length) _b.Append(LineDisciplines[line]);
        else _b.AppendHex(line).Append(" /* N_??? */"u8);
        _b.Append(", c_cc=["u8);
        for (int i = 0; i < 19; i++)
        {
            if (i > 0) _b.Append(", "u8);
            _b.Append((byte)'[');
            if (i < ControlChars.Length) _b.Append(ControlChars[i]);
            else _b.Append(i);
            _b.Append("]="u8).AppendHex(s[17 + i]);
        }
        _b.Append("]}"u8);
    }

    /// <summary>
    /// struct termios: {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD,
    /// c_lflag=ISIG|ICANON|..., ...}; with -v also c_line and c_cc. (strace leaves a trailing "|" after the delay and
    /// size fields when no flag follows, and prints nothing for an empty set.)
    /// </summary>
    private void PrintTermios(ulong address)
    {
        Span<byte> s = stackalloc byte[36];
        if (!TryReadStruct(address, s)) return;
        uint iflag = UI(s, 0), oflag = UI(s, 4), cflag = UI(s, 8), lflag = UI(s, 12);
        if (Raw)
        {
            PrintTermiosRawFlags(iflag, oflag, cflag, lflag);
            if (!Abbrev) PrintTermiosTail(s);
            else _b.Append(", ...}"u8);
            return;
        }
        _b.Append("{c_iflag="u8);
        AppendBitNames(iflag, TermiosIflags);
        _b.Append(", c_oflag="u8);
        _b.Append((oflag & 0x100) != 0 ? "NL1|"u8 : "NL0|"u8);
        _b.Append(((oflag >> 9) & 3) switch { 0 => "CR0|"u8, 1 => "CR1|"u8, 2 => "CR2|"u8, _ => "CR3|"u8 });
        _b.Append(((oflag >> 11) & 3) switch { 0 => "TAB0|"u8, 1 => "TAB1|"u8, 2 => "TAB2|"u8, _ => "XTABS|"u8 });
        _b.Append((oflag & 0x2000) != 0 ? "BS1|"u8 : "BS0|"u8);
        _b.Append((oflag & 0x4000) != 0 ? "VT1|"u8 : "VT0|"u8);
        _b.Append((oflag & 0x8000) != 0 ? "FF1|"u8 : "FF0|"u8);
        AppendBitNames(oflag & ~0xff00u, TermiosOflags);
        _b.Append(", c_cflag="u8);
        _b.Append(TermiosSpeed(cflag & 0x100f));
        _b.Append((byte)'|');
        uint ispeed = (cflag >> 16) & 0x100f;
        if (ispeed != 0) _b.Append(TermiosSpeed(ispeed)).Append("<<IBSHIFT|"u8);
        _b.Append(((cflag >> 4) & 3) switch { 0 => "CS5|"u8, 1 => "CS6|"u8, 2 => "CS7|"u8, _ => "CS8|"u8 });
        AppendBitNames(cflag & ~0x100f103fu, TermiosCflags);
        _b.Append(", c_lflag="u8);
        AppendBitNames(lflag, TermiosLflags);
        if (Abbrev)
        {
            _b.Append(", ...}"u8);
            return;
        }
        PrintTermiosTail(s);
    }

    private static readonly (uint Bit, string Name)[] TermiosIflags =
    [
        (0x1, "IGNBRK"), (0x2, "BRKINT"), (0x4, "IGNPAR"), (0x8, "PARMRK"), (0x10, "INPCK"), (0x20, "ISTRIP"),
        (0x40, "INLCR"), (0x80, "IGNCR"), (0x100, "ICRNL"), (0x200, "IUCLC"), (0x400, "IXON"), (0x800, "IXANY"),
        (0x1000, "IXOFF"), (0x2000, "IMAXBEL"), (0x4000, "IUTF8"),
    ];

    private static readonly (uint Bit, string Name)[] TermiosOflags =
    [
        (0x1, "OPOST"), (0x2, "OLCUC"), (0x4, "ONLCR"), (0x8, "OCRNL"), (0x10, "ONOCR"), (0x20, "ONLRET"),
        (0x40, "OFILL"), (0x80, "OFDEL"),
    ];

    private static readonly (uint Bit, string Name)[] TermiosCflags =
    [
        (0x40, "CSTOPB"), (0x80, "CREAD"), (0x100, "PARENB"), (0x200, "PARODD"), (0x400, "HUPCL"), (0x800, "CLOCAL"),
        (0x40000000, "CMSPAR"), (0x80000000, "CRTSCTS"),
    ];

    private static readonly (uint Bit, string Name)[] TermiosLflags =
    [
        (0x1, "ISIG"), (0x2, "ICANON"), (0x4, "XCASE"), (0x8, "ECHO"), (0x10, "ECHOE"), (0x20, "ECHOK"),
        (0x40, "ECHONL"), (0x80, "NOFLSH"), (0x8000, "IEXTEN"), (0x200, "ECHOCTL"), (0x400, "ECHOPRT"),
        (0x800, "ECHOKE"), (0x1000, "FLUSHO"), (0x4000, "PENDIN"), (0x100, "TOSTOP"), (0x10000, "EXTPROC"),
    ];

    private static readonly string[] LineDisciplines =
    [
        "N_TTY", "N_SLIP", "N_MOUSE", "N_PPP", "N_STRIP", "N_AX25", "N_X25", "N_6PACK", "N_MASC", "N_R3964",
        "N_PROFIBUS_FDL", "N_IRDA", "N_SMSBLOCK", "N_HDLC", "N_SYNC_PPP", "N_HCI", "N_GIGASET_M101", "N_SLCAN",
        "N_PPS", "N_V253", "N_CAIF", "N_GSM0710", "N_TI_WL", "N_TRACESINK", "N_TRACEROUTER", "N_NCI", "N_SPEAKUP",
        "N_NULL", "N_MCTP", "N_DEVELOPMENT",
    ];

    private static readonly string[] ControlChars =
    [
        "VINTR", "VQUIT", "VERASE", "VKILL", "VEOF", "VTIME", "VMIN", "VSWTC", "VSTART", "VSTOP", "VSUSP", "VEOL",
        "VREPRINT", "VDISCARD", "VWERASE", "VLNEXT", "VEOL2",
    ];

    /// <summary>Names of the set bits in table order, then the unknown rest in hex; nothing for zero.</summary>
    private void AppendBitNames(uint value, (uint Bit, string Name)[] table)
    {
        bool any = false;
        foreach ((uint bit, string name) in table)
        {
            if ((value & bit) == 0) continue;
            if (any) _b.Append((byte)'|');
            _b.Append(name);
            value &= ~bit;
            any = true;
        }
        if (value != 0)
        {
            if (any) _b.Append((byte)'|');
            _b.AppendHex(value);
        }
    }

    private static ReadOnlySpan<byte> TermiosSpeed(uint speed) => speed switch
    {
        0 => "B0"u8, 1 => "B50"u8, 2 => "B75"u8, 3 => "B110"u8, 4 => "B134"u8, 5 => "B150"u8, 6 => "B200"u8,
        7 => "B300"u8, 8 => "B600"u8, 9 => "B1200"u8, 10 => "B1800"u8, 11 => "B2400"u8, 12 => "B4800"u8,
        13 => "B9600"u8, 14 => "B19200"u8, 15 => "B38400"u8, 0x1001 => "B57600"u8, 0x1002 => "B115200"u8,
        0x1003 => "B230400"u8, 0x1004 => "B460800"u8, 0x1005 => "B500000"u8, 0x1006 => "B576000"u8,
        0x1007 => "B921600"u8, 0x1008 => "B1000000"u8, 0x1009 => "B1152000"u8, 0x100a => "B1500000"u8,
        0x100b => "B2000000"u8, 0x100c => "B2500000"u8, 0x100d => "B3000000"u8, 0x100e => "B3500000"u8,
        0x100f => "B4000000"u8, 0x1000 => "BOTHER"u8, _ => "B???"u8,
    };

    // ------------------------------------------------------------------ futex

    private void PrintFutexOp(uint op)
    {
        if (BeginVerbose(out int mark))
        {
            PrintFutexOp(op);
            int namesAt = VerboseNames();
            PrintFutexOp(op);
            EndVerbose(mark, namesAt);
            return;
        }
        if (Raw)
        {
            _b.AppendHex(op);
            return;
        }
        uint cmd = op & ~0x180u;
        string? name = Xlats.FutexOps.Lookup(cmd);
        if (name is null)
        {
            _b.AppendHex(op).Append(" /* FUTEX_??? */"u8);
            return;
        }
        _b.Append(name);
        if ((op & 0x80) != 0) _b.Append("_PRIVATE"u8);
        if ((op & 0x100) != 0) _b.Append("|FUTEX_CLOCK_REALTIME"u8);
    }

    private void FutexEntry()
    {
        ulong uaddr = Reg(0), timeout = Reg(3), uaddr2 = Reg(4);
        uint op = (uint)Reg(1), val = (uint)Reg(2), val3 = (uint)Reg(5);
        uint cmd = op & ~0x180u;
        bool known = Xlats.FutexOps.Lookup(cmd) is not null;
        PrintAddress(uaddr);
        _b.Append(", "u8);
        PrintFutexOp(op);
        _c.PrintedAtEntry = SpecialDone;
        if (!known)
        {
            _b.Append(", "u8).Append((ulong)val).Append(", "u8);
            PrintAddress(timeout);
            _b.Append(", "u8);
            PrintAddress(uaddr2);
            _b.Append(", "u8).Append((ulong)val3);
            return;
        }
        switch (cmd)
        {
            case 0: // WAIT
                _b.Append(", "u8).Append((ulong)val).Append(", "u8);
                PrintFutexTimeout(timeout);
                break;
            case 1: case 2: // WAKE, FD
                _b.Append(", "u8).Append((ulong)val);
                break;
            case 3: // REQUEUE
                _b.Append(", "u8).Append((ulong)val).Append(", "u8).Append((ulong)(uint)timeout).Append(", "u8);
                PrintAddress(uaddr2);
                break;
            case 4: case 12: // CMP_REQUEUE, CMP_REQUEUE_PI
                _b.Append(", "u8).Append((ulong)val).Append(", "u8).Append((ulong)(uint)timeout).Append(", "u8);
                PrintAddress(uaddr2);
                _b.Append(", "u8).Append((ulong)val3);
                break;
            case 5: // WAKE_OP
                _b.Append(", "u8).Append((ulong)val).Append(", "u8).Append((ulong)(uint)timeout).Append(", "u8);
                PrintAddress(uaddr2);
                _b.Append(", "u8);
                PrintFutexWakeOp(val3);
                break;
            case 6: case 13: // LOCK_PI, LOCK_PI2
                _b.Append(", "u8);
                PrintFutexTimeout(timeout);
                break;
            case 7: case 8: // UNLOCK_PI, TRYLOCK_PI
                break;
            case 9: // WAIT_BITSET
                _b.Append(", "u8).Append((ulong)val).Append(", "u8);
                PrintFutexTimeout(timeout);
                _b.Append(", "u8);
                PrintFutexBitset(val3);
                break;
            case 10: // WAKE_BITSET
                _b.Append(", "u8).Append((ulong)val).Append(", "u8);
                PrintFutexBitset(val3);
                break;
            case 11: // WAIT_REQUEUE_PI
                _b.Append(", "u8).Append((ulong)val).Append(", "u8);
                PrintFutexTimeout(timeout);
                _b.Append(", "u8);
                PrintAddress(uaddr2);
                break;
        }
    }

    private void PrintFutexTimeout(ulong address)
    {
        if (_c.Def.Name == "futex_time64") PrintTimespec64(address);
        else PrintTimeAt(address, nanoseconds: true);
    }

    private void PrintFutexBitset(uint bitset)
    {
        if (BeginVerbose(out int mark))
        {
            PrintFutexBitset(bitset);
            int namesAt = VerboseNames();
            PrintFutexBitset(bitset);
            EndVerbose(mark, namesAt);
            return;
        }
        if (bitset == uint.MaxValue && !Raw) _b.Append("FUTEX_BITSET_MATCH_ANY"u8);
        else _b.AppendHex(bitset);
    }

    private void PrintFutexWakeOp(uint v)
    {
        uint op = (v >> 28) & 0xf, cmp = (v >> 24) & 0xf, oparg = (v >> 12) & 0xfff, cmparg = v & 0xfff;
        if ((op & 8) != 0) _b.Append("FUTEX_OP_OPARG_SHIFT<<28|"u8);
        PrintWakeOpField(Xlats.FutexWakeOps, op & 7, "<<28"u8, "FUTEX_OP_???"u8);
        _b.Append((byte)'|').AppendHex(oparg).Append("<<12|"u8);
        PrintWakeOpField(Xlats.FutexWakeCmps, cmp, "<<24"u8, "FUTEX_OP_CMP_???"u8);
        _b.Append((byte)'|').AppendHex(cmparg);
    }

    /// <summary>
    /// A field of FUTEX_WAKE_OP's encoded operation as strace 6.1 prints it: NAME&lt;&lt;28, "0x1 /* NAME */&lt;&lt;28"
    /// (-X verbose), and for an unknown value (always with -X raw) "0x1&lt;&lt;28 /* FUTEX_OP_??? */".
    /// </summary>
    private void PrintWakeOpField(Xlat table, uint value, ReadOnlySpan<byte> shift, ReadOnlySpan<byte> unknown)
    {
        string? name = Raw ? null : table.Lookup(value);
        if (name is null) _b.AppendHex(value).Append(shift).Append(" /* "u8).Append(unknown).Append(" */"u8);
        else if (VerboseParts) _b.AppendHex(value).Append(" /* "u8).Append(name).Append(" */"u8).Append(shift);
        else _b.Append(name).Append(shift);
    }

    // ------------------------------------------------------------------ prctl, arch_prctl

    private void PrctlEntry()
    {
        uint option = (uint)Reg(0);
        ulong a2 = Reg(1), a3 = Reg(2), a4 = Reg(3), a5 = Reg(4);
        PrintXval(Xlats.PrctlOptions, option, "PR_???");
        _c.PrintedAtEntry = SpecialDone;
        switch (option)
        {
            case 3: case 7: case 13: case 21: case 30: case 27: case 46: case 56: case 31: case 32:
                return; // getters without arguments
            case 2: case 16: case 40: case 37: case 5: case 9: case 11: case 19: case 25:
                _b.Append(", "u8);
                _c.PrintedAtEntry = 2; // getters that write through a pointer
                return;
            case 1: // PR_SET_PDEATHSIG
                _b.Append(", "u8);
                if (a2 == 0) _b.Append((byte)'0');
                else PrintSignal(a2);
                return;
            case 4: // PR_SET_DUMPABLE
                _b.Append(", "u8);
                PrintDumpable(a2);
                return;
            case 15: // PR_SET_NAME
                _b.Append(", "u8);
                PrintCString(a2, 15);
                return;
            case 8: case 29: case 36: case 14: // SET_KEEPCAPS, SET_TIMERSLACK, SET_CHILD_SUBREAPER, SET_TIMING
                _b.Append(", "u8).Append(a2);
                return;
            case 28: // PR_SET_SECUREBITS
                _b.Append(", "u8);
                PrintFlags(Xlats.SecureBits, a2, "SECBIT_???");
                return;
            case 33: // PR_MCE_KILL
                _b.Append(", "u8);
                PrintXval(Xlats.PrMceKillOps, a2, "PR_MCE_KILL_???");
                _b.Append(", "u8);
                if (a2 == 1) PrintXval(Xlats.PrMceKillPolicies, a3, "PR_MCE_KILL_???");
                else _b.AppendHex(a3);
                _b.Append(", "u8).AppendHex(a4).Append(", "u8).AppendHex(a5);
                return;
            case 35: // PR_SET_MM
                _b.Append(", "u8);
                PrintXval(Xlats.PrSetMmOps, a2, "PR_SET_MM_???");
                _b.Append(", "u8).AppendHex(a3).Append(", "u8).AppendHex(a4).Append(", "u8).AppendHex(a5);
                return;
            case 62: // PR_SCHED_CORE
                _b.Append(", "u8);
                PrintXval(Xlats.PrSchedCoreOps, a2, "PR_SCHED_CORE_???");
                _b.Append(", "u8).Append((int)a3).Append(", "u8);
                PrintPidType(a4);
                _b.Append(", "u8);
                if (a2 == 0) PrintAddress(a5);
                else _b.AppendHex(a5);
                return;
            case 23: case 24: // PR_CAPBSET_READ/DROP
                _b.Append(", "u8);
                PrintXval(Xlats.Capabilities, a2, "CAP_???");
                return;
            case 22: // PR_SET_SECCOMP
                _b.Append(", "u8);
                PrintXval(Xlats.SeccompModes, a2, "SECCOMP_MODE_???");
                if (a2 == 2)
                {
                    _b.Append(", "u8);
                    PrintSockFprog(a3);
                }
                return;
            case 0x59616d61: // PR_SET_PTRACER
                _b.Append(", "u8);
                if ((int)a2 == -1) PrintNamedValue("PR_SET_PTRACER_ANY"u8, -1);
                else _b.Append((int)a2);
                return;
            case 52: // PR_GET_SPECULATION_CTRL
                _b.Append(", "u8);
                PrintSpecMisfeature(a2);
                return;
            case 53: // PR_SET_SPECULATION_CTRL
                _b.Append(", "u8);
                PrintSpecMisfeature(a2);
                _b.Append(", "u8);
                PrintSpecValue(a3);
                return;
            case 47: // PR_CAP_AMBIENT
                _b.Append(", "u8);
                PrintXval(Xlats.PrCapAmbientOps, a2, "PR_CAP_AMBIENT_???");
                _b.Append(", "u8);
                if ((int)a2 is 1 or 2 or 3) PrintXval(Xlats.Capabilities, a3, "CAP_???");
                else _b.AppendHex(a3);
                _b.Append(", "u8).AppendHex(a4).Append(", "u8).AppendHex(a5);
                return;
            case 38: case 39: case 41: case 42: case 34: case 58: // NO_NEW_PRIVS, THP_DISABLE, MCE_KILL_GET, GET_IO_FLUSHER: all four
                _b.Append(", "u8);
                if (option is 38 or 41) _b.Append(a2);
                else _b.AppendHex(a2);
                _b.Append(", "u8).AppendHex(a3).Append(", "u8).AppendHex(a4).Append(", "u8).AppendHex(a5);
                return;
            case 0x53564d41: // PR_SET_VMA
                _b.Append(", "u8);
                if (a2 == 0) PrintNamedValue("PR_SET_VMA_ANON_NAME"u8, 0);
                else _b.AppendHex(a2).Append(" /* PR_SET_VMA_??? */"u8);
                _b.Append(", "u8);
                PrintAddress(a3);
                _b.Append(", "u8).Append(a4).Append(", "u8);
                PrintString(a5);
                return;
            default:
                _b.Append(", "u8).AppendHex(a2).Append(", "u8).AppendHex(a3).Append(", "u8).AppendHex(a4)
                  .Append(", "u8).AppendHex(a5);
                return;
        }
    }

    private void PrctlExit()
    {
        if (_c.PrintedAtEntry != 2) return;
        uint option = (uint)Reg(0);
        ulong a2 = Reg(1);
        if (Failed || a2 == 0)
        {
            PrintAddress(a2);
            return;
        }
        switch (option)
        {
            case 16: // PR_GET_NAME
                PrintStringInBuffer(a2, 16);
                break;
            case 40: // PR_GET_TID_ADDRESS
                if (TryReadWord(a2, out ulong w)) _b.Append((byte)'[').AppendHex(w).Append((byte)']');
                else _b.AppendHex(a2);
                break;
            case 25: // PR_GET_TSC
                if (_c.Memory.TryRead(a2, out int tsc))
                {
                    _b.Append((byte)'[');
                    PrintXval(Xlats.PrTscModes, (uint)tsc, "PR_TSC_???");
                    _b.Append((byte)']');
                }
                else _b.AppendHex(a2);
                break;
            case 2: // PR_GET_PDEATHSIG
                if (_c.Memory.TryRead(a2, out int sig))
                {
                    _b.Append((byte)'[');
                    if (sig == 0) _b.Append((byte)'0');
                    else SignalNames.Append(_b, sig);
                    _b.Append((byte)']');
                }
                else _b.AppendHex(a2);
                break;
            default:
                PrintIntAt(a2);
                break;
        }
    }

    private void PrintDumpable(ulong v)
    {
        switch (v)
        {
            case 0: _b.Append("SUID_DUMP_DISABLE"u8); break;
            case 1: _b.Append("SUID_DUMP_USER"u8); break;
            case 2: _b.Append("SUID_DUMP_ROOT"u8); break;
            default: _b.AppendHex(v).Append(" /* SUID_DUMP_??? */"u8); break;
        }
    }

    private void PrintSpecMisfeature(ulong v) => PrintXval(Xlats.PrSpecMisfeatures, v, "PR_SPEC_???");

    /// <summary>A pid type, which strace prints as a decimal number with the name in a comment.</summary>
    private void PrintPidType(ulong v)
    {
        _b.Append((long)v);
        if (Raw) return;
        string? name = Xlats.PidTypes.Lookup(v);
        _b.Append(" /* "u8).Append(name ?? "PIDTYPE_???").Append(" */"u8);
    }

    private void PrintSpecValue(ulong v)
    {
        ReadOnlySpan<ulong> bits = [1, 2, 4, 8, 16];
        if (v == 0)
        {
            _b.Append((byte)'0');
            return;
        }
        bool any = false;
        for (int i = 0; i < bits.Length; i++)
        {
            if ((v & bits[i]) == 0) continue;
            if (any) _b.Append((byte)'|');
            _b.Append(i switch
            {
                0 => "PR_SPEC_PRCTL"u8, 1 => "PR_SPEC_ENABLE"u8, 2 => "PR_SPEC_DISABLE"u8,
                3 => "PR_SPEC_FORCE_DISABLE"u8, _ => "PR_SPEC_DISABLE_NOEXEC"u8,
            });
            v &= ~bits[i];
            any = true;
        }
        if (v != 0)
        {
            if (any) _b.Append((byte)'|');
            _b.AppendHex(v);
        }
    }

    private static bool IsArchGet(uint code) => code is 0x1003 or 0x1004 or 0x1021 or 0x1022 or 0x1024;

    /// <summary>arch_prctl(code[, arg]): nothing more for ARCH_GET_CPUID, [value] at exit for ARCH_GET_*, else hex.</summary>
    private void ArchPrctlEntry()
    {
        uint code = (uint)Reg(0);
        PrintXval(Xlats.ArchPrctlCodes, code, "ARCH_???");
        _c.PrintedAtEntry = SpecialDone;
        if (code == 0x1011) return; // ARCH_GET_CPUID
        _b.Append(", "u8);
        if (IsArchGet(code)) _c.PrintedAtEntry = 1;
        else _b.AppendHex(Reg(1));
    }

    private void ArchPrctlExit()
    {
        if (_c.PrintedAtEntry != 1) return;
        ulong v = Reg(1);
        if (Failed || v == 0 || !_c.Memory.TryRead(v, out ulong value))
        {
            PrintAddress(v);
            return;
        }
        _b.Append((byte)'[');
        PrintAddress(value);
        _b.Append((byte)']');
    }

    /// <summary>arch_prctl's second argument for callers outside the special layout (none on x86_64).</summary>
    private void PrintArchPrctlArg(ulong v) => _b.AppendHex(v);

    // ------------------------------------------------------------------ ptrace

    private void PtraceEntry()
    {
        ulong req = Reg(0), addr = Reg(2), data = Reg(3);
        PrintXval(Xlats.PtraceRequests, req, "PTRACE_???");
        _c.PrintedAtEntry = SpecialDone;
        switch (req)
        {
            case 0: // TRACEME
                return;
            case 8: case 16: case 0x4207: case 0x4208: // KILL, ATTACH, INTERRUPT, LISTEN
                _b.Append(", "u8).Append((int)Reg(1));
                return;
        }
        _b.Append(", "u8).Append((int)Reg(1)).Append(", "u8);
        switch (req)
        {
            case 1: case 2: case 3: // PEEKTEXT, PEEKDATA, PEEKUSER: the word is written to *data
                if (req == 3) PrintUserOffset(addr);
                else _b.AppendHex(addr);
                _b.Append(", "u8);
                _c.PrintedAtEntry = 3;
                return;
            case 4: case 5: case 6: // POKE*
                if (req == 6) PrintUserOffset(addr);
                else _b.AppendHex(addr);
                _b.Append(", "u8).AppendHex(data);
                return;
            case 0x4209: // PEEKSIGINFO: {off, flags, nr}, then the siginfo array at exit
                PrintPeeksiginfoArgs(addr);
                _b.Append(", "u8);
                _c.PrintedAtEntry = 3;
                return;
            case 0x420a: // GETSIGMASK: the size, then the set at exit
                _b.Append(addr).Append(", "u8);
                _c.PrintedAtEntry = 3;
                return;
            case 0x420b: // SETSIGMASK
                _b.Append(addr).Append(", "u8);
                PrintSigsetAt(data, addr);
                return;
            case 0x420c: // SECCOMP_GET_FILTER: the filter index, then the program at exit
                _b.Append(addr).Append(", "u8);
                _c.PrintedAtEntry = 3;
                return;
            case 7: case 9: case 17: case 24: case 31: case 32: case 33: case 0x4208: // resume requests: a signal
                PrintAddress(addr);
                _b.Append(", "u8);
                if (data == 0) _b.Append((byte)'0');
                else PrintSignal(data);
                return;
            case 0x4200: case 0x4206: // SETOPTIONS, SEIZE
                PrintAddress(addr);
                _b.Append(", "u8);
                PrintPtraceOptions(data);
                return;
            case 12: case 14: // GETREGS, GETFPREGS: no address
                _c.PrintedAtEntry = 3;
                return;
            case 13: // SETREGS
                PrintUserRegs(data);
                return;
            case 0x4204: // GETREGSET
                PrintNoteType(addr);
                _b.Append(", "u8);
                _c.PrintedAtEntry = 3;
                return;
            case 0x4205: // SETREGSET
                PrintNoteType(addr);
                _b.Append(", "u8);
                PrintRegsetIovec(data, addr);
                return;
            case 0x4201: case 0x4202: // GETEVENTMSG, GETSIGINFO
                PrintAddress(addr);
                _b.Append(", "u8);
                _c.PrintedAtEntry = 3;
                return;
            case 0x4203: // SETSIGINFO
                PrintAddress(addr);
                _b.Append(", "u8);
                PrintSiginfoAt(data);
                return;
            case 0x420e: // GET_SYSCALL_INFO: the size, then the struct
                _b.Append(addr).Append(", "u8);
                PrintAddress(data);
                return;
            default:
                _b.AppendHex(addr).Append(", "u8).AppendHex(data);
                return;
        }
    }

    private void PtraceExit()
    {
        if (_c.PrintedAtEntry != 3) return;
        ulong req = Reg(0), addr = Reg(2), data = Reg(3);
        if (Failed && req == 0x4204 && data != 0)
        {
            PrintRegsetIovec(data, addr, contents: false);
            return;
        }
        if (req == 0x420a && !Failed)
        {
            PrintSigsetAt(data, addr);
            return;
        }
        if (Failed || data == 0)
        {
            PrintAddress(data);
            return;
        }
        switch (req)
        {
            case 1: case 2: case 3: case 0x4201:
                if (_c.Memory.TryRead(data, out ulong word))
                {
                    _b.Append((byte)'[');
                    if (req == 0x4201) _b.Append(word);
                    else _b.AppendHex(word);
                    _b.Append((byte)']');
                }
                else _b.AppendHex(data);
                break;
            case 12:
                PrintUserRegs(data);
                break;
            case 0x4204:
                PrintRegsetIovec(data, addr);
                break;
            case 0x4202:
                PrintSiginfoAt(data);
                break;
            default:
                PrintAddress(data);
                break;
        }
    }

    private void PrintPtraceOptions(ulong v)
    {
        if (BeginVerbose(out int mark))
        {
            PrintPtraceOptions(v);
            int namesAt = VerboseNames();
            PrintPtraceOptions(v);
            EndVerbose(mark, namesAt);
            return;
        }
        if (Raw || v == 0)
        {
            _b.AppendHex(v);
            return;
        }
        ReadOnlySpan<ulong> bits = [1, 2, 4, 8, 0x10, 0x20, 0x40, 0x80, 0x100000, 0x200000];
        bool any = false;
        for (int i = 0; i < bits.Length; i++)
        {
            if ((v & bits[i]) == 0) continue;
            if (any) _b.Append((byte)'|');
            _b.Append(i switch
            {
                0 => "PTRACE_O_TRACESYSGOOD"u8, 1 => "PTRACE_O_TRACEFORK"u8, 2 => "PTRACE_O_TRACEVFORK"u8,
                3 => "PTRACE_O_TRACECLONE"u8, 4 => "PTRACE_O_TRACEEXEC"u8, 5 => "PTRACE_O_TRACEVFORKDONE"u8,
                6 => "PTRACE_O_TRACEEXIT"u8, 7 => "PTRACE_O_TRACESECCOMP"u8, 8 => "PTRACE_O_EXITKILL"u8,
                _ => "PTRACE_O_SUSPEND_SECCOMP"u8,
            });
            v &= ~bits[i];
            any = true;
        }
        if (v != 0)
        {
            if (any) _b.Append((byte)'|');
            _b.AppendHex(v);
            if (!any) _b.Append(" /* PTRACE_O_??? */"u8);
        }
    }

    private void PrintNoteType(ulong type)
    {
        if (BeginVerbose(out int mark))
        {
            PrintNoteType(type);
            int namesAt = VerboseNames();
            PrintNoteType(type);
            EndVerbose(mark, namesAt);
            return;
        }
        if (Raw)
        {
            _b.AppendHex(type);
            return;
        }
        switch (type)
        {
            case 1: _b.Append("NT_PRSTATUS"u8); break;
            case 2: _b.Append("NT_FPREGSET"u8); break;
            case 3: _b.Append("NT_PRPSINFO"u8); break;
            case 4: _b.Append("NT_TASKSTRUCT"u8); break;
            case 6: _b.Append("NT_AUXV"u8); break;
            case 0x200: _b.Append("NT_386_TLS"u8); break;
            case 0x202: _b.Append("NT_X86_XSTATE"u8); break;
            default: _b.AppendHex(type).Append(" /* NT_??? */"u8); break;
        }
    }

    private static readonly string[] UserRegNames =
    [
        "r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax", "rcx", "rdx", "rsi", "rdi",
        "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base", "gs_base", "ds", "es", "fs", "gs",
    ];

    /// <summary>struct user_regs_struct (x86_64): {r15=0x1, ..., gs=0}.</summary>
    private void PrintUserRegs(ulong address)
    {
        Span<byte> regs = stackalloc byte[27 * 8];
        if (address == 0 || !_c.Memory.TryRead(address, regs))
        {
            PrintAddress(address);
            return;
        }
        _b.Append((byte)'{');
        for (int i = 0; i < UserRegNames.Length; i++)
        {
            if (i > 0) _b.Append(", "u8);
            _b.Append(UserRegNames[i]).Append((byte)'=').AppendHex(UL(regs, 8 * i));
        }
        _b.Append((byte)'}');
    }

    /// <summary>GETREGSET/SETREGSET's iovec: {iov_base={regs}, iov_len=N} for NT_PRSTATUS, else the address.</summary>
    /// <summary>PEEKSIGINFO's struct ptrace_peeksiginfo_args: {off=0, flags=PTRACE_PEEKSIGINFO_SHARED, nr=4}.</summary>
    private void PrintPeeksiginfoArgs(ulong address)
    {
        Span<byte> a = stackalloc byte[16];
        if (!TryReadStruct(address, a)) return;
        _b.Append("{off="u8).Append(UL(a, 0)).Append(", flags="u8);
        PrintFlags(Xlats.PeeksiginfoFlags, UI(a, 8), "PTRACE_PEEKSIGINFO_???");
        _b.Append(", nr="u8).Append(I(a, 12)).Append((byte)'}');
    }

    /// <summary>An offset in struct user for PEEKUSER/POKEUSER: 8*RAX for the registers, else the number.</summary>
    private void PrintUserOffset(ulong offset)
    {
        if (BeginVerbose(out int mark))
        {
            PrintUserOffset(offset);
            int namesAt = VerboseNames();
            PrintUserOffset(offset);
            EndVerbose(mark, namesAt);
            return;
        }
        if (!Raw && !Is32 && offset % 8 == 0 && offset / 8 < (ulong)UserRegNames.Length)
            _b.Append("8*"u8).Append(UserRegNames[offset / 8].ToUpperInvariant());
        else _b.AppendHex(offset);
    }

    private void PrintRegsetIovec(ulong address, ulong type, bool contents = true)
    {
        Span<byte> iov = stackalloc byte[16];
        if (address == 0 || !_c.Memory.TryRead(address, iov))
        {
            PrintAddress(address);
            return;
        }
        ulong b = UL(iov, 0), len = UL(iov, 8);
        _b.Append("{iov_base="u8);
        if (contents && type == 1 && len == 27 * 8) PrintUserRegs(b);
        else PrintAddress(b);
        _b.Append(", iov_len="u8).Append(len).Append((byte)'}');
    }

    // ------------------------------------------------------------------ sendfile

    private void SendfileEntry()
    {
        PrintFd(Reg(0));
        _b.Append(", "u8);
        PrintFd(Reg(1));
        _b.Append(", "u8);
        ulong off = Reg(2);
        PrintOffsetAt(off, narrow: Is32 && _c.Def.Name == "sendfile");
        _c.PrintedAtEntry = 2;
    }

    private void SendfileExit()
    {
        ulong off = Reg(2);
        if (!Failed && off != 0)
        {
            _b.Append(" => "u8);
            PrintOffsetAt(off, narrow: Is32 && _c.Def.Name == "sendfile");
        }
        _b.Append(", "u8);
        PrintULong(Reg(3));
    }

    // ------------------------------------------------------------------ poll, select

    /// <summary>struct pollfd[] at entry: [{fd=0, events=POLLIN}] (fd &lt; 0: only the fd).</summary>
    private void PrintPollFds(ulong address, ulong count)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        Span<byte> e = stackalloc byte[8];
        if (count > 0 && !_c.Memory.TryRead(address, e))
        {
            _b.AppendHex(address);
            return;
        }
        _b.Append((byte)'[');
        int limit = ArrayLimit;
        for (ulong i = 0; i < count; i++)
        {
            if (i > 0) _b.Append(", "u8);
            if (i >= (ulong)limit || !_c.Memory.TryRead(address + 8 * i, e))
            {
                _b.Append("..."u8);
                break;
            }
            int fd = I(e, 0);
            _b.Append("{fd="u8);
            PrintFd((ulong)(long)fd);
            if (fd >= 0)
            {
                _b.Append(", events="u8);
                PrintFlags(Xlats.PollEvents, BinaryPrimitives.ReadUInt16LittleEndian(e[4..]), "POLL???");
            }
            _b.Append((byte)'}');
        }
        _b.Append((byte)']');
    }

    /// <summary>select's fd_set: [0 3] for the first <paramref name="nfds"/> bits; NULL; the address when unreadable.</summary>
    private void PrintFdSet(ulong address, int nfds)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        if (nfds < 0)
        {
            _b.AppendHex(address);
            return;
        }
        int bytes = Math.Min((nfds + 7) / 8, 1024 * 128);
        int words = (bytes + WordSize - 1) / WordSize;
        Span<byte> set = Scratch(Math.Max(words * WordSize, 1));
        if (words > 0 && !_c.Memory.TryRead(address, set[..(words * WordSize)]))
        {
            _b.AppendHex(address);
            return;
        }
        _b.Append((byte)'[');
        bool first = true;
        for (int fd = 0; fd < nfds; fd++)
        {
            if ((set[fd >> 3] & (1 << (fd & 7))) == 0) continue;
            if (!first) _b.Append((byte)' ');
            first = false;
            PrintFd((ulong)fd);
        }
        _b.Append((byte)']');
    }
}
