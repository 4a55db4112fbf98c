using System.Buffers.Binary;

namespace Ptracer.Strace;

/// <summary>struct stat, stat64, statx, statfs, utsname, sysinfo, rusage, dirents.</summary>
public sealed partial class SyscallFormatter
{
    private static long L(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadInt64LittleEndian(s[at..]);
    private static ulong UL(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt64LittleEndian(s[at..]);
    private static int I(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadInt32LittleEndian(s[at..]);
    private static uint UI(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt32LittleEndian(s[at..]);

    private void AppendMakedev(ulong dev)
    {
        if (BeginVerbose(out int mark))
        {
            AppendMakedev(dev);
            int namesAt = VerboseNames();
            AppendMakedev(dev);
            EndVerbose(mark, namesAt);
            return;
        }
        if (Raw)
        {
            _b.AppendHex(dev);
            return;
        }
        _b.Append("makedev("u8).AppendHex(DevMajor(dev)).Append(", "u8).AppendHex(DevMinor(dev)).Append((byte)')');
    }

    private static ushort U16(ReadOnlySpan<byte> s, int at) => System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(s[at..]);

    /// <summary>
    /// struct stat (x86_64), struct stat64 (i386), or with <paramref name="oldI386Layout"/> the i386 struct stat of
    /// stat/lstat/fstat (asm/stat.h: 32-bit dev, ino, size and times, 16-bit mode, nlink, uid and gid).
    /// </summary>
    private void PrintStat(ulong address, bool oldI386Layout = false)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        bool s32 = Is32;
        Span<byte> s = stackalloc byte[144];
        if (!_c.Memory.TryRead(address, s[..(oldI386Layout ? 64 : s32 ? 96 : 144)]))
        {
            _b.AppendHex(address);
            return;
        }
        ulong dev, ino, nlink, rdev, blocks;
        uint mode, uid, gid;
        long size, blksize, atime, atimeNs, mtime, mtimeNs, ctime, ctimeNs;
        if (oldI386Layout)
        {
            dev = UI(s, 0); ino = UI(s, 4); mode = U16(s, 8); nlink = U16(s, 10); uid = U16(s, 12); gid = U16(s, 14);
            rdev = UI(s, 16); size = UI(s, 20); blksize = UI(s, 24); blocks = UI(s, 28);
            atime = UI(s, 32); atimeNs = UI(s, 36); mtime = UI(s, 40); mtimeNs = UI(s, 44);
            ctime = UI(s, 48); ctimeNs = UI(s, 52);
        }
        else if (s32)
        {
            dev = UL(s, 0); mode = UI(s, 16); nlink = UI(s, 20); uid = UI(s, 24); gid = UI(s, 28);
            rdev = UL(s, 32); size = L(s, 44); blksize = I(s, 52); blocks = UL(s, 56);
            atime = I(s, 64); atimeNs = UI(s, 68); mtime = I(s, 72); mtimeNs = UI(s, 76);
            ctime = I(s, 80); ctimeNs = UI(s, 84); ino = UL(s, 88);
        }
        else
        {
            dev = UL(s, 0); ino = UL(s, 8); nlink = UL(s, 16); mode = UI(s, 24); uid = UI(s, 28); gid = UI(s, 32);
            rdev = UL(s, 40); size = L(s, 48); blksize = L(s, 56); blocks = UL(s, 64);
            atime = L(s, 72); atimeNs = L(s, 80); mtime = L(s, 88); mtimeNs = L(s, 96);
            ctime = L(s, 104); ctimeNs = L(s, 112);
        }
        bool device = (mode & 0xf000) is 0x2000 or 0x6000;
        _b.Append((byte)'{');
        if (Abbrev)
        {
            _b.Append("st_mode="u8);
            PrintModeWithType(mode);
            if (device)
            {
                _b.Append(", st_rdev="u8);
                AppendMakedev(rdev);
            }
            else _b.Append(", st_size="u8).Append(size);
            _b.Append(", ...}"u8);
            return;
        }
        _b.Append("st_dev="u8);
        AppendMakedev(dev);
        _b.Append(", st_ino="u8).Append(ino).Append(", st_mode="u8);
        PrintModeWithType(mode);
        _b.Append(", st_nlink="u8).Append(nlink).Append(", st_uid="u8).Append((ulong)uid).Append(", st_gid="u8).Append((ulong)gid)
          .Append(", st_blksize="u8).Append(blksize).Append(", st_blocks="u8).Append(blocks);
        if (device)
        {
            _b.Append(", st_rdev="u8);
            AppendMakedev(rdev);
        }
        else _b.Append(", st_size="u8).Append(size);
        _b.Append(", st_atime="u8);
        AppendTimeWithComment(atime, atimeNs);
        _b.Append(", st_atime_nsec="u8).Append(atimeNs).Append(", st_mtime="u8);
        AppendTimeWithComment(mtime, mtimeNs);
        _b.Append(", st_mtime_nsec="u8).Append(mtimeNs).Append(", st_ctime="u8);
        AppendTimeWithComment(ctime, ctimeNs);
        _b.Append(", st_ctime_nsec="u8).Append(ctimeNs).Append((byte)'}');
    }

    /// <summary>struct statx.</summary>
    private void PrintStatx(ulong address)
    {
        Span<byte> s = stackalloc byte[256];
        if (!TryReadStruct(address, s)) return;
        uint mask = UI(s, 0);
        _b.Append("{stx_mask="u8);
        PrintFlags(Xlats.StatxMask, mask, "STATX_???");
        if (Abbrev)
        {
            _b.Append(", stx_attributes="u8);
            PrintFlags(Xlats.StatxAttributes, UL(s, 8), "STATX_ATTR_???");
            _b.Append(", stx_mode="u8);
            PrintModeWithType(BinaryPrimitives.ReadUInt16LittleEndian(s[28..]));
            _b.Append(", stx_size="u8).Append(UL(s, 40)).Append(", ...}"u8);
            return;
        }
        _b.Append(", stx_blksize="u8).Append((ulong)UI(s, 4)).Append(", stx_attributes="u8);
        PrintFlags(Xlats.StatxAttributes, UL(s, 8), "STATX_ATTR_???");
        _b.Append(", stx_nlink="u8).Append((ulong)UI(s, 16)).Append(", stx_uid="u8).Append((ulong)UI(s, 20))
          .Append(", stx_gid="u8).Append((ulong)UI(s, 24)).Append(", stx_mode="u8);
        PrintModeWithType(BinaryPrimitives.ReadUInt16LittleEndian(s[28..]));
        _b.Append(", stx_ino="u8).Append(UL(s, 32)).Append(", stx_size="u8).Append(UL(s, 40))
          .Append(", stx_blocks="u8).Append(UL(s, 48)).Append(", stx_attributes_mask="u8);
        PrintFlags(Xlats.StatxAttributes, UL(s, 56), "STATX_ATTR_???");
        // Each time only when the returned mask has it (STATX_ATIME 0x20, BTIME 0x800, CTIME 0x80, MTIME 0x40), as
        // strace 6.1 prints them (checked: a STATX_MODE request on a filesystem returning no ctime/mtime).
        if ((mask & 0x20) != 0) AppendStatxTime("stx_atime"u8, s, 64);
        if ((mask & 0x800) != 0) AppendStatxTime("stx_btime"u8, s, 80);
        if ((mask & 0x80) != 0) AppendStatxTime("stx_ctime"u8, s, 96);
        if ((mask & 0x40) != 0) AppendStatxTime("stx_mtime"u8, s, 112);
        _b.Append(", stx_rdev_major="u8).Append((ulong)UI(s, 128)).Append(", stx_rdev_minor="u8).Append((ulong)UI(s, 132))
          .Append(", stx_dev_major="u8).Append((ulong)UI(s, 136)).Append(", stx_dev_minor="u8).Append((ulong)UI(s, 140));
        if ((mask & 0x1000) != 0) _b.Append(", stx_mnt_id="u8).AppendHex(UL(s, 144));
        if ((mask & 0x2000) != 0)
            _b.Append(", stx_dio_mem_align="u8).Append((ulong)UI(s, 152)).Append(", stx_dio_offset_align="u8).Append((ulong)UI(s, 156));
        _b.Append((byte)'}');
    }

    private void AppendStatxTime(ReadOnlySpan<byte> name, ReadOnlySpan<byte> s, int at)
    {
        long sec = L(s, at);
        long nsec = UI(s, at + 8);
        _b.Append(", "u8).Append(name).Append("={tv_sec="u8).Append(sec).Append(", tv_nsec="u8).Append(nsec).Append((byte)'}');
        if (sec == 0 && nsec == 0) return; // strace leaves the epoch uncommented (a btime the filesystem does not keep)
        _b.Append(" /* "u8);
        AppendDate(sec, nsec, withFraction: true);
        _b.Append(" */"u8);
    }

    /// <summary>struct statfs (x86_64) or statfs64.</summary>
    private void PrintStatfs(ulong address)
    {
        Span<byte> s = stackalloc byte[120];
        if (!TryReadStruct(address, s)) return;
        ulong type = UL(s, 0);
        _b.Append("{f_type="u8);
        PrintXval(Xlats.FsMagics, type, null);
        _b.Append(", f_bsize="u8).Append(L(s, 8)).Append(", f_blocks="u8).Append(UL(s, 16))
          .Append(", f_bfree="u8).Append(UL(s, 24)).Append(", f_bavail="u8).Append(UL(s, 32))
          .Append(", f_files="u8).Append(UL(s, 40)).Append(", f_ffree="u8).Append(UL(s, 48))
          .Append(", f_fsid={val=["u8).AppendHex(UI(s, 56)).Append(", "u8).AppendHex(UI(s, 60)).Append("]}"u8)
          .Append(", f_namelen="u8).Append(L(s, 64)).Append(", f_frsize="u8).Append(L(s, 72))
          .Append(", f_flags="u8);
        PrintFlags(Xlats.StatfsFlags, UL(s, 80), "ST_???");
        _b.Append((byte)'}');
    }

    /// <summary>struct utsname.</summary>
    private void PrintUtsname(ulong address)
    {
        Span<byte> s = stackalloc byte[6 * 65];
        if (!TryReadStruct(address, s)) return;
        _b.Append("{sysname="u8);
        PrintCharArray(s[..65]);
        _b.Append(", nodename="u8);
        PrintCharArray(s.Slice(65, 65));
        if (Abbrev)
        {
            _b.Append(", ...}"u8);
            return;
        }
        _b.Append(", release="u8);
        PrintCharArray(s.Slice(130, 65));
        _b.Append(", version="u8);
        PrintCharArray(s.Slice(195, 65));
        _b.Append(", machine="u8);
        PrintCharArray(s.Slice(260, 65));
        _b.Append(", domainname="u8);
        PrintCharArray(s.Slice(325, 65));
        _b.Append((byte)'}');
    }

    /// <summary>struct sysinfo (always printed in full).</summary>
    private void PrintSysinfo(ulong address)
    {
        Span<byte> s = stackalloc byte[112];
        if (!TryReadStruct(address, s)) return;
        _b.Append("{uptime="u8).Append(L(s, 0)).Append(", loads=["u8).Append(UL(s, 8)).Append(", "u8).Append(UL(s, 16))
          .Append(", "u8).Append(UL(s, 24)).Append("], totalram="u8).Append(UL(s, 32)).Append(", freeram="u8).Append(UL(s, 40))
          .Append(", sharedram="u8).Append(UL(s, 48)).Append(", bufferram="u8).Append(UL(s, 56))
          .Append(", totalswap="u8).Append(UL(s, 64)).Append(", freeswap="u8).Append(UL(s, 72))
          .Append(", procs="u8).Append((ulong)BinaryPrimitives.ReadUInt16LittleEndian(s[80..]))
          .Append(", totalhigh="u8).Append(UL(s, 88)).Append(", freehigh="u8).Append(UL(s, 96))
          .Append(", mem_unit="u8).Append((ulong)UI(s, 104)).Append((byte)'}');
    }

    private static readonly string[] RusageNames =
    [
        "ru_maxrss", "ru_ixrss", "ru_idrss", "ru_isrss", "ru_minflt", "ru_majflt", "ru_nswap", "ru_inblock",
        "ru_oublock", "ru_msgsnd", "ru_msgrcv", "ru_nsignals", "ru_nvcsw", "ru_nivcsw",
    ];

    /// <summary>struct rusage.</summary>
    private void PrintRusage(ulong address)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        int w = WordSize;
        Span<byte> s = stackalloc byte[144];
        int size = 18 * w;
        if (!_c.Memory.TryRead(address, s[..size]))
        {
            _b.AppendHex(address);
            return;
        }
        _b.Append("{ru_utime="u8);
        AppendTimePair((long)Word(s, 0), (long)Word(s, w), nanoseconds: false);
        _b.Append(", ru_stime="u8);
        AppendTimePair((long)Word(s, 2 * w), (long)Word(s, 3 * w), nanoseconds: false);
        if (Abbrev)
        {
            _b.Append(", ...}"u8);
            return;
        }
        string[] names = RusageNames;
        for (int i = 0; i < names.Length; i++)
        {
            ulong v = Word(s, (4 + i) * w);
            _b.Append(", "u8).Append(names[i]).Append((byte)'=');
            if (Is32) _b.Append((int)v);
            else _b.Append((long)v);
        }
        _b.Append((byte)'}');
    }

    /// <summary>getdents64 / getdents buffer: "/* N entries */" after the address, or the entries with -v.</summary>
    private void PrintDirents(ulong address, long length, bool is64)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        if (!Failed && length == 0 && !Abbrev)
        {
            _b.Append("[]"u8);
            return;
        }
        if (Failed || length <= 0)
        {
            _b.AppendHex(address);
            if (!Failed && length == 0) _b.Append(" /* 0 entries */"u8);
            return;
        }
        int n = (int)Math.Min(length, 1 << 20);
        Span<byte> d = Scratch(n);
        if (!_c.Memory.TryRead(address, d))
        {
            _b.AppendHex(address);
            return;
        }
        if (Abbrev)
        {
            int count = 0;
            for (int at = 0; at + (is64 ? 19 : 18) <= n;)
            {
                int reclen = BinaryPrimitives.ReadUInt16LittleEndian(d[(at + (is64 ? 16 : 2 * WordSize))..]);
                if (reclen == 0) break;
                count++;
                at += reclen;
            }
            _b.AppendHex(address).Append(" /* "u8).Append(count).Append(" entries */"u8);
            return;
        }
        _b.Append((byte)'[');
        int index = 0;
        int w = WordSize;
        for (int at = 0; at < n; index++)
        {
            int headerLen = is64 ? 19 : 2 * w + 2;
            if (at + headerLen > n) break;
            ulong ino = is64 ? UL(d, at) : Word(d, at);
            long off = is64 ? L(d, at + 8) : (long)Word(d, at + w);
            int reclen = BinaryPrimitives.ReadUInt16LittleEndian(d[(at + (is64 ? 16 : 2 * w))..]);
            if (reclen == 0 || at + reclen > n) break;
            if (index > 0) _b.Append(", "u8);
            if (index >= ArrayLimit)
            {
                _b.Append("..."u8);
                break;
            }
            byte type = is64 ? d[at + 18] : d[at + reclen - 1];
            ReadOnlySpan<byte> name = d.Slice(at + headerLen, reclen - headerLen - (is64 ? 0 : 1));
            int nul = name.IndexOf((byte)0);
            if (nul >= 0) name = name[..nul];
            _b.Append("{d_ino="u8).Append(ino).Append(", d_off="u8).Append(off).Append(", d_reclen="u8).Append(reclen)
              .Append(", d_type="u8);
            AppendDirentType(type);
            _b.Append(", d_name="u8);
            Quote(name);
            _b.Append((byte)'}');
            at += reclen;
        }
        _b.Append((byte)']');
    }

    private void AppendDirentType(byte type)
    {
        switch (type)
        {
            case 0: _b.Append("DT_UNKNOWN"u8); break;
            case 1: _b.Append("DT_FIFO"u8); break;
            case 2: _b.Append("DT_CHR"u8); break;
            case 4: _b.Append("DT_DIR"u8); break;
            case 6: _b.Append("DT_BLK"u8); break;
            case 8: _b.Append("DT_REG"u8); break;
            case 10: _b.Append("DT_LNK"u8); break;
            case 12: _b.Append("DT_SOCK"u8); break;
            case 14: _b.Append("DT_WHT"u8); break;
            default: _b.Append((int)type); break;
        }
    }
}
