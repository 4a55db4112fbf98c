using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text;
using Ptracer.Native;

namespace Ptracer.Strace;

/// <summary>Descriptors: N, N&lt;path&gt; with -y, socket and device details with -yy.</summary>
public sealed partial class SyscallFormatter
{
    private const int AtFdCwd = -100;

    /// <summary>A descriptor argument (int).</summary>
    private void PrintFd(ulong value)
    {
        int fd = (int)value;
        _b.Append(fd);
        if (_o.Fds != FdDecoding.None && fd >= 0) AppendFdDetails(_c.Pid, fd);
    }

    /// <summary>A dirfd: AT_FDCWD (with -y the working directory) or a descriptor.</summary>
    private void PrintDirFd(ulong value)
    {
        if (BeginVerbose(out int mark))
        {
            PrintDirFd(value);
            int namesAt = VerboseNames();
            PrintDirFd(value);
            EndVerbose(mark, namesAt);
            return;
        }
        int fd = (int)value;
        if (fd == AtFdCwd && !Raw)
        {
            _b.Append("AT_FDCWD"u8);
            if (_o.Fds != FdDecoding.None) AppendLinkTarget(_c.Pid, -1);
            return;
        }
        PrintFd(value);
    }

    /// <summary>Appends &lt;path&gt; for descriptor <paramref name="fd"/> of <paramref name="pid"/> (nothing if it is not open).</summary>
    internal void AppendFdDetails(int pid, int fd)
    {
        if (_o.Fds == FdDecoding.Details && TryAppendDetails(pid, fd)) return;
        AppendLinkTarget(pid, fd);
    }

    /// <summary>Builds "/proc/PID/fd/N" (or "/proc/PID/cwd" for fd -1), NUL-terminated.</summary>
    private static int ProcFdPath(Span<byte> path, int pid, int fd) =>
        fd < 0 ? ProcPath.Format(path, pid, "/cwd"u8) : ProcPath.Format(path, pid, "/fd/"u8, fd);

    /// <summary>readlink of /proc/PID/fd/N into the second scratch buffer; the length or -1.</summary>
    private unsafe int ReadFdLink(int pid, int fd)
    {
        Span<byte> path = stackalloc byte[48];
        ProcFdPath(path, pid, fd);
        Span<byte> target = Scratch2(4096);
        nint n;
        fixed (byte* p = path)
        fixed (byte* t = target)
            n = FdNative.ReadLink(p, t, target.Length);
        return (int)n;
    }

    private void AppendLinkTarget(int pid, int fd)
    {
        int n = ReadFdLink(pid, fd);
        if (n <= 0) return;
        ReadOnlySpan<byte> target = _buf2.AsSpan(0, n);
        ReadOnlySpan<byte> deleted = " (deleted)"u8;
        bool isDeleted = target.EndsWith(deleted);
        if (isDeleted) target = target[..^deleted.Length];
        _b.Append((byte)'<');
        QuoteFdPath(_b, target, _o.HexStrings);
        _b.Append((byte)'>');
        if (isDeleted) _b.Append("(deleted)"u8);
    }

    /// <summary>A path inside &lt;&gt;: escaped like a string, with '&lt;' and '&gt;' in octal, no quotes.</summary>
    internal static void QuoteFdPath(TextBuilder b, ReadOnlySpan<byte> path, HexStringMode mode)
    {
        int start = 0;
        for (int i = 0; i <= path.Length; i++)
        {
            if (i < path.Length && path[i] != '<' && path[i] != '>') continue;
            if (i > start) Quote(b, path[start..i], mode, quotes: false);
            if (i < path.Length)
            {
                if (mode == HexStringMode.All) b.Append(path[i] == '<' ? "\\x3c"u8 : "\\x3e"u8);
                else b.Append(path[i] == '<' ? "\\74"u8 : "\\76"u8);
            }
            start = i + 1;
        }
    }

    // ------------------------------------------------------------------ -yy

    /// <summary>-yy: sockets as PROTO:[details], devices as path&lt;char M:m&gt;. False to fall back to -y.</summary>
    /// <summary>-yy for a pidfd: &lt;pid:N&gt;, N from the "Pid:" line of /proc/PID/fdinfo/FD.</summary>
    private unsafe bool TryAppendPidfd(int pid, int fd)
    {
        Span<byte> path = stackalloc byte[56];
        int n = ProcFdPath(path, pid, fd);
        int slash = path[..n].LastIndexOf((byte)'/');
        Span<byte> fdText = stackalloc byte[12];
        path[(slash + 1)..n].CopyTo(fdText);
        int fdLength = n - slash - 1;
        "/fdinfo/"u8.CopyTo(path[(slash - 3)..]);
        int end = slash - 3 + 8;
        fdText[..fdLength].CopyTo(path[end..]);
        path[end + fdLength] = 0;
        Span<byte> info = Scratch2(1024);
        nint got;
        fixed (byte* p = path)
        fixed (byte* i = info)
        {
            int file = FdNative.Open(p, 0x80000); // O_RDONLY|O_CLOEXEC
            if (file < 0) return false;
            got = FdNative.Read(file, i, info.Length);
            FdNative.Close(file);
        }
        if (got <= 0) return false;
        ReadOnlySpan<byte> text = info[..(int)got];
        int at = text.IndexOf("\nPid:\t"u8);
        if (at < 0) return false;
        text = text[(at + 6)..];
        int eol = text.IndexOf((byte)'\n');
        if (eol >= 0) text = text[..eol];
        _b.Append("<pid:"u8).Append(text).Append((byte)'>');
        return true;
    }

    private unsafe bool TryAppendDetails(int pid, int fd)
    {
        int n = ReadFdLink(pid, fd);
        if (n <= 0) return false;
        ReadOnlySpan<byte> target = _buf2.AsSpan(0, n);
        if (target.SequenceEqual("anon_inode:[pidfd]"u8)) return TryAppendPidfd(pid, fd);
        if (target.StartsWith("socket:["u8) && target[^1] == ']')
        {
            if (!Utf8Parser.TryParse(target[8..^1], out ulong inode, out _)) return false;
            Span<byte> path = stackalloc byte[48];
            ProcFdPath(path, pid, fd);
            Span<byte> proto = stackalloc byte[64];
            nint len;
            fixed (byte* p = path)
            fixed (byte* name = "system.sockprotoname\0"u8)
            fixed (byte* v = proto)
                len = FdNative.GetXattr(p, name, v, proto.Length);
            if (len <= 0) return false;
            ReadOnlySpan<byte> protoName = proto[..(int)len];
            int nul = protoName.IndexOf((byte)0);
            if (nul >= 0) protoName = protoName[..nul];
            _b.Append((byte)'<').Append(protoName).Append(":["u8);
            if (!SocketDetails.TryAppend(_b, protoName, inode)) _b.Append(inode);
            _b.Append("]>"u8);
            return true;
        }
        if (target.Length > 0 && target[0] == '/')
        {
            Span<byte> path = stackalloc byte[48];
            ProcFdPath(path, pid, fd);
            Span<byte> st = stackalloc byte[256];
            int rc;
            fixed (byte* p = path)
            fixed (byte* s = st)
                rc = FdNative.Stat(p, s);
            if (rc != 0) return false;
            uint mode = BinaryPrimitives.ReadUInt32LittleEndian(st[24..]);
            uint type = mode & 0xf000;
            if (type != 0x2000 && type != 0x6000) return false;
            ulong rdev = BinaryPrimitives.ReadUInt64LittleEndian(st[40..]);
            n = ReadFdLink(pid, fd);
            if (n <= 0) return false;
            _b.Append((byte)'<');
            QuoteFdPath(_b, _buf2.AsSpan(0, n), _o.HexStrings);
            _b.Append(type == 0x2000 ? "<char "u8 : "<block "u8);
            _b.Append(DevMajor(rdev)).Append((byte)':').Append(DevMinor(rdev)).Append(">>"u8);
            return true;
        }
        return false;
    }

    internal static ulong DevMajor(ulong dev) => ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffUL);
    internal static ulong DevMinor(ulong dev) => (dev & 0xff) | ((dev >> 12) & ~0xffUL);
}

/// <summary>Socket endpoint details for -yy, from /proc/net and the UNIX sock_diag netlink interface.</summary>
internal static class SocketDetails
{
    public static bool TryAppend(TextBuilder b, ReadOnlySpan<byte> proto, ulong inode)
    {
        try
        {
            if (proto.SequenceEqual("TCP"u8)) return AppendInet(b, "/proc/net/tcp", inode, v6: false);
            if (proto.SequenceEqual("UDP"u8)) return AppendInet(b, "/proc/net/udp", inode, v6: false);
            if (proto.SequenceEqual("TCPv6"u8)) return AppendInet(b, "/proc/net/tcp6", inode, v6: true);
            if (proto.SequenceEqual("UDPv6"u8)) return AppendInet(b, "/proc/net/udp6", inode, v6: true);
            if (proto.StartsWith("UNIX"u8)) return AppendUnix(b, inode);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return false;
    }

    // TCP and UDP endpoints come from NETLINK_SOCK_DIAG (inet_diag), which also lists bound, unconnected sockets.
    private static bool AppendInet(TextBuilder b, string file, ulong inode, bool v6)
    {
        byte protocol = file.Contains("tcp", StringComparison.Ordinal) ? (byte)6 : (byte)17;
        return InetDiag.TryAppend(b, v6 ? (byte)10 : (byte)2, protocol, inode);
    }

    private static bool AppendUnix(TextBuilder b, ulong inode)
    {
        UnixDiag.Query(inode, out ulong peer, out string? path);
        b.Append(inode);
        if (peer != 0) b.Append("->"u8).Append(peer);
        if (path is null)
        {
            foreach (string line in File.ReadLines("/proc/net/unix"))
            {
                string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length >= 8 && ulong.TryParse(f[6], out ulong ino) && ino == inode)
                {
                    path = f[7];
                    break;
                }
            }
        }
        if (path is not null)
        {
            b.Append(",\""u8);
            SyscallFormatter.Quote(b, Encoding.UTF8.GetBytes(path), HexStringMode.None, quotes: false);
            b.Append((byte)'"');
        }
        return true;
    }
}

/// <summary>NETLINK_SOCK_DIAG dump of the TCP or UDP sockets of one family, looking for one inode.</summary>
internal static unsafe partial class InetDiag
{
    public static bool TryAppend(TextBuilder b, byte family, byte protocol, ulong inode)
    {
        int fd = UnixDiag.OpenDiag();
        if (fd < 0) return false;
        try
        {
            Span<byte> req = stackalloc byte[16 + 56];
            req.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(req, (uint)req.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(req[4..], 20);          // SOCK_DIAG_BY_FAMILY
            BinaryPrimitives.WriteUInt16LittleEndian(req[6..], 1 | 0x300);   // NLM_F_REQUEST | NLM_F_DUMP
            req[16] = family;
            req[17] = protocol;
            BinaryPrimitives.WriteUInt32LittleEndian(req[20..], uint.MaxValue); // all states
            if (!UnixDiag.SendAll(fd, req)) return false;
            Span<byte> buf = stackalloc byte[32768];
            while (true)
            {
                int got = UnixDiag.ReceiveInto(fd, buf);
                if (got <= 0) return false;
                int at = 0;
                while (at + 16 <= got)
                {
                    int len = (int)BinaryPrimitives.ReadUInt32LittleEndian(buf[at..]);
                    int type = BinaryPrimitives.ReadUInt16LittleEndian(buf[(at + 4)..]);
                    if (len < 16 || at + len > got) return false;
                    if (type == 3 || type == 2) return false; // NLMSG_DONE, NLMSG_ERROR
                    ReadOnlySpan<byte> msg = buf.Slice(at + 16, len - 16);
                    if (msg.Length >= 72 && BinaryPrimitives.ReadUInt32LittleEndian(msg[68..]) == (uint)inode)
                    {
                        bool v6 = family == 10;
                        AppendEndpoint(b, msg.Slice(8, 16), BinaryPrimitives.ReadUInt16BigEndian(msg[4..]), v6);
                        ushort dport = BinaryPrimitives.ReadUInt16BigEndian(msg[6..]);
                        ReadOnlySpan<byte> dst = msg.Slice(24, 16);
                        if (dport != 0 || dst[..(v6 ? 16 : 4)].IndexOfAnyExcept((byte)0) >= 0)
                        {
                            b.Append("->"u8);
                            AppendEndpoint(b, dst, dport, v6);
                        }
                        return true;
                    }
                    at += (len + 3) & ~3;
                }
            }
        }
        finally
        {
            UnixDiag.CloseDiag(fd);
        }
    }

    private static void AppendEndpoint(TextBuilder b, ReadOnlySpan<byte> addr, ushort port, bool v6)
    {
        if (v6)
        {
            b.Append((byte)'[');
            SyscallFormatter.AppendIpv6(b, addr[..16]);
            b.Append((byte)']');
        }
        else
        {
            b.Append((int)addr[0]).Append((byte)'.').Append((int)addr[1]).Append((byte)'.').Append((int)addr[2])
              .Append((byte)'.').Append((int)addr[3]);
        }
        b.Append((byte)':').Append((int)port);
    }
}

/// <summary>NETLINK_SOCK_DIAG query of one AF_UNIX socket: its peer's inode and bound name.</summary>
internal static unsafe partial class UnixDiag
{
    internal static int OpenDiag() => FdNative.Socket(16 /* AF_NETLINK */, 3 /* SOCK_RAW */ | 0x80000 /* SOCK_CLOEXEC */, 4 /* NETLINK_SOCK_DIAG */);

    internal static void CloseDiag(int fd) => FdNative.Close(fd);

    internal static bool SendAll(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data) return FdNative.Send(fd, p, data.Length, 0) == data.Length;
    }

    internal static int ReceiveInto(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer) return (int)FdNative.Recv(fd, p, buffer.Length, 0);
    }

    public static void Query(ulong inode, out ulong peer, out string? path)
    {
        peer = 0;
        path = null;
        int fd = FdNative.Socket(16 /* AF_NETLINK */, 3 /* SOCK_RAW */ | 0x80000 /* SOCK_CLOEXEC */, 4 /* NETLINK_SOCK_DIAG */);
        if (fd < 0) return;
        try
        {
            Span<byte> req = stackalloc byte[16 + 24];
            req.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(req, (uint)req.Length);      // nlmsg_len
            BinaryPrimitives.WriteUInt16LittleEndian(req[4..], 20);               // SOCK_DIAG_BY_FAMILY
            BinaryPrimitives.WriteUInt16LittleEndian(req[6..], 1);                // NLM_F_REQUEST
            req[16] = 1;                                                          // sdiag_family = AF_UNIX
            BinaryPrimitives.WriteUInt32LittleEndian(req[20..], uint.MaxValue);   // udiag_states
            BinaryPrimitives.WriteUInt32LittleEndian(req[24..], (uint)inode);     // udiag_ino
            BinaryPrimitives.WriteUInt32LittleEndian(req[28..], 1 | 4);           // UDIAG_SHOW_NAME | UDIAG_SHOW_PEER
            BinaryPrimitives.WriteUInt32LittleEndian(req[32..], uint.MaxValue);   // cookie: any
            BinaryPrimitives.WriteUInt32LittleEndian(req[36..], uint.MaxValue);
            fixed (byte* p = req)
                if (FdNative.Send(fd, p, req.Length, 0) != req.Length) return;
            Span<byte> resp = stackalloc byte[8192];
            nint got;
            fixed (byte* p = resp)
                got = FdNative.Recv(fd, p, resp.Length, 0);
            if (got < 16 + 16) return;
            ReadOnlySpan<byte> msg = resp[..(int)got];
            if (BinaryPrimitives.ReadUInt16LittleEndian(msg[4..]) != 20) return;
            int len = (int)BinaryPrimitives.ReadUInt32LittleEndian(msg);
            // struct unix_diag_msg is 16 bytes, then attributes.
            int at = 16 + 16;
            while (at + 4 <= len && at + 4 <= msg.Length)
            {
                int alen = BinaryPrimitives.ReadUInt16LittleEndian(msg[at..]);
                int type = BinaryPrimitives.ReadUInt16LittleEndian(msg[(at + 2)..]);
                if (alen < 4 || at + alen > msg.Length) break;
                ReadOnlySpan<byte> data = msg.Slice(at + 4, alen - 4);
                if (type == 0 && data.Length > 0) // UNIX_DIAG_NAME
                {
                    if (data[0] == 0) path = "@" + Encoding.UTF8.GetString(data[1..]);
                    else
                    {
                        int nul = data.IndexOf((byte)0);
                        path = Encoding.UTF8.GetString(nul >= 0 ? data[..nul] : data);
                    }
                }
                else if (type == 2 && data.Length >= 4) // UNIX_DIAG_PEER
                {
                    peer = BinaryPrimitives.ReadUInt32LittleEndian(data);
                }
                at += (alen + 3) & ~3;
            }
        }
        finally
        {
            FdNative.Close(fd);
        }
    }
}
