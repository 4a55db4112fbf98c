using System.Buffers.Binary;

namespace Ptracer.Strace;

/// <summary>Sockets: families, types, protocols, options, socket addresses, msghdr.</summary>
public sealed partial class SyscallFormatter
{
    private const int AfUnix = 1, AfInet = 2, AfInet6 = 10, AfNetlink = 16, AfPacket = 17;

    private void PrintSocketFamily(ulong value) => PrintXval(Xlats.AddressFamilies, (uint)value, "AF_???");

    /// <summary>SOCK_STREAM|SOCK_CLOEXEC; an unknown type prints the whole value.</summary>
    private void PrintSocketType(ulong value)
    {
        value = (uint)value;
        if (VerboseParts && Xlats.SocketTypes.Lookup(value & 0xf) is not null)
        {
            PrintXval(Xlats.SocketTypes, value & 0xf, null);
            if ((value & ~0xfUL) == 0) return;
            _b.Append((byte)'|');
            PrintFlags(Xlats.SocketTypeFlags, value & ~0xfUL, "SOCK_???");
            return;
        }
        if (Raw)
        {
            if (Xlats.SocketTypes.Lookup(value & 0xf) is null)
            {
                _b.AppendHex(value);
                return;
            }
            _b.AppendHex(value & 0xf);
            if ((value & ~0xfUL) != 0) _b.Append((byte)'|').AppendHex(value & ~0xfUL);
            return;
        }
        // strace's tprint_sock_type: a known type by name, then the rest as flags; an unknown type leaves the whole
        // value to the flags printer (SOCK_CLOEXEC|SOCK_NONBLOCK|0xc, 0xc /* SOCK_??? */).
        ulong type = value & 0xf;
        string? name = Xlats.SocketTypes.Lookup(type);
        if (name is null)
        {
            PrintFlags(Xlats.SocketTypeFlags, value, "SOCK_???");
            return;
        }
        _b.Append(name);
        if ((value & ~0xfUL) == 0) return;
        _b.Append((byte)'|');
        PrintFlags(Xlats.SocketTypeFlags, value & ~0xfUL, "SOCK_???");
    }

    /// <summary>The protocol of socket/socketpair, by the family in the first argument.</summary>
    private void PrintSocketProtocol(ulong value, ulong family)
    {
        if (BeginVerbose(out int mark))
        {
            PrintSocketProtocol(value, family);
            int namesAt = VerboseNames();
            PrintSocketProtocol(value, family);
            EndVerbose(mark, namesAt);
            return;
        }
        int proto = (int)value;
        if (Raw)
        {
            if ((int)family == AfPacket) _b.Append("htons("u8).AppendHex(BinaryPrimitives.ReverseEndianness((ushort)proto)).Append((byte)')');
            else if ((int)family is AfInet or AfInet6 or AfNetlink) _b.AppendHex((uint)proto);
            else _b.Append(proto);
            return;
        }
        switch ((int)family)
        {
            case AfInet:
            case AfInet6:
                PrintXval(Xlats.IpProtocols, (uint)proto, "IPPROTO_???");
                return;
            case AfNetlink:
                PrintXval(Xlats.NetlinkProtocols, (uint)proto, "NETLINK_???");
                return;
            case AfPacket:
                {
                    ushort host = BinaryPrimitives.ReverseEndianness((ushort)proto);
                    string? name = Xlats.EthernetProtocols.Lookup(host);
                    _b.Append("htons("u8);
                    if (name is not null) _b.Append(name);
                    else _b.AppendHex(host).Append(" /* ETH_P_??? */"u8);
                    _b.Append((byte)')');
                    return;
                }
            default:
                _b.Append(proto);
                return;
        }
    }

    private void PrintSocketLevel(ulong value) => PrintXval(Xlats.SocketLevels, (uint)value, "SOL_??");

    private void PrintSocketOption(ulong value, ulong level)
    {
        uint opt = (uint)value;
        switch ((int)level)
        {
            case 1: PrintXval(Xlats.SocketOptions, opt, "SO_???"); break;
            case 6: PrintXval(Xlats.TcpOptions, opt, "TCP_???"); break;
            case 0: PrintXval(Xlats.IpOptions, opt, "IP_???"); break;
            case 41: PrintXval(Xlats.Ipv6Options, opt, "IPV6_???"); break;
            default: _b.Append((int)value); break;
        }
    }

    /// <summary>setsockopt's optval (or getsockopt's at exit) of <paramref name="length"/> bytes.</summary>
    private void PrintSockoptValue(ulong address, long length, ulong level, ulong option, bool isSet)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        if (length <= 0)
        {
            if (length == 0) _b.Append("\"\""u8);
            else _b.AppendHex(address);
            return;
        }
        int lvl = (int)level, opt = (int)option;
        if (isSet && lvl == 1 && opt is 26 or 51 && length == 2 * WordSize) // SO_ATTACH_FILTER, SO_ATTACH_REUSEPORT_CBPF
        {
            PrintSockFprog(address);
            return;
        }
        if (isSet && lvl == 0 && opt is 35 or 36 && length >= 8) // IP_ADD_MEMBERSHIP, IP_DROP_MEMBERSHIP: struct ip_mreq
        {
            Span<byte> m = stackalloc byte[8];
            if (!TryReadStruct(address, m)) return;
            _b.Append("{imr_multiaddr="u8);
            PrintInAddr(m[..4]);
            _b.Append(", imr_interface="u8);
            PrintInAddr(m[4..]);
            _b.Append((byte)'}');
            return;
        }
        if (lvl == 1 && opt == 13 && length >= 8) // SO_LINGER
        {
            Span<byte> l = stackalloc byte[8];
            if (_c.Memory.TryRead(address, l))
            {
                _b.Append("{l_onoff="u8).Append(I(l, 0)).Append(", l_linger="u8).Append(I(l, 4)).Append((byte)'}');
                return;
            }
        }
        if (lvl == 1 && opt == 17 && length >= 12) // SO_PEERCRED
        {
            Span<byte> c = stackalloc byte[12];
            if (_c.Memory.TryRead(address, c))
            {
                _b.Append("{pid="u8).Append(I(c, 0)).Append(", uid="u8);
                AppendId(UI(c, 4));
                _b.Append(", gid="u8);
                AppendId(UI(c, 8));
                _b.Append((byte)'}');
                return;
            }
        }
        if (!SockoptIsInt(lvl, opt))
        {
            PrintBuffer(address, (ulong)length);
            return;
        }
        if (length >= 4)
        {
            if (_c.Memory.TryRead(address, out int v)) _b.Append((byte)'[').Append(v).Append((byte)']');
            else _b.AppendHex(address);
            return;
        }
        // An int option with a short length: setsockopt shows the address, getsockopt the bytes.
        if (isSet) _b.AppendHex(address);
        else PrintBuffer(address, (ulong)length, forceHex: !(lvl == 1 && opt is 3 or 38 or 39)); // SO_TYPE, SO_PROTOCOL, SO_DOMAIN: plain
    }

    private void AppendId(uint id)
    {
        if (id == uint.MaxValue) _b.Append(-1);
        else _b.Append((ulong)id);
    }

    /// <summary>Options whose value strace prints as [int]; the others are printed as bytes.</summary>
    private static bool SockoptIsInt(int level, int option) => level switch
    {
        1 => option is not (20 or 21 or 66 or 67 or 25 or 28 or 31 or 26 or 50 or 51 or 52 or 55 or 59 or 61),
        6 => option is not (11 or 13 or 14 or 26 or 28 or 31 or 32 or 33 or 35),
        0 => option is not (4 or 9 or 35 or 36 or 37 or 38 or 39 or 40 or 41 or 32 or 16 or 17),
        _ => true,
    };

    /// <summary>socklen_t* at exit: [len] or [in => out]; [in] when the call failed.</summary>
    private void PrintSocklen(ulong address)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        long saved = _c.SavedValue;
        if (Failed || !_c.Memory.TryRead(address, out int outLen))
        {
            if (saved == long.MinValue) _b.AppendHex(address);
            else _b.Append((byte)'[').Append(saved).Append((byte)']');
            return;
        }
        _b.Append((byte)'[');
        if (saved != long.MinValue && saved != outLen) _b.Append(saved).Append(" => "u8);
        _b.Append(outLen).Append((byte)']');
    }

    /// <summary>The length a kernel-written sockaddr has at exit: *addrlen, capped by the length passed in.</summary>
    private long SockaddrOutLength(ulong lenAddress)
    {
        if (lenAddress == 0 || !_c.Memory.TryRead(lenAddress, out int outLen)) return -1;
        long saved = _c.SavedValue;
        if (saved != long.MinValue && saved >= 0 && outLen > saved) return saved;
        return outLen;
    }

    /// <summary>struct sockaddr of <paramref name="length"/> bytes.</summary>
    private void PrintSockaddr(ulong address, long length)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        if (length < 2)
        {
            if (length <= 0) _b.AppendHex(address);
            else _b.Append("{sa_family=???}"u8);
            return;
        }
        int n = (int)Math.Min(length, 128);
        Span<byte> sa = Scratch2(128);
        sa.Clear();
        if (!_c.Memory.TryRead(address, sa[..n]))
        {
            _b.AppendHex(address);
            return;
        }
        AppendSockaddr(sa, n);
    }

    private void AppendSockaddr(ReadOnlySpan<byte> sa, int length)
    {
        int family = BinaryPrimitives.ReadUInt16LittleEndian(sa);
        _b.Append("{sa_family="u8);
        PrintXval(Xlats.AddressFamilies, (ulong)family, "AF_???");
        switch (family)
        {
            case AfUnix:
                if (length > 2)
                {
                    ReadOnlySpan<byte> path = sa[2..length];
                    _b.Append(", sun_path="u8);
                    if (path[0] == 0)
                    {
                        _b.Append((byte)'@');
                        Quote(path[1..]);
                    }
                    else
                    {
                        int nul = path.IndexOf((byte)0);
                        Quote(nul >= 0 ? path[..nul] : path);
                    }
                }
                break;
            case AfInet when Raw && length >= 8:
                _b.Append(", sin_port="u8);
                Quote(sa.Slice(2, 2), forceHex: true);
                _b.Append(", sin_addr="u8);
                Quote(sa.Slice(4, 4), forceHex: true);
                break;
            case AfInet6 when Raw && length >= 24:
                _b.Append(", sin6_port="u8);
                Quote(sa.Slice(2, 2), forceHex: true);
                _b.Append(", sin6_flowinfo="u8);
                Quote(sa.Slice(4, 4), forceHex: true);
                _b.Append(", sin6_addr="u8);
                Quote(sa.Slice(8, 16), forceHex: true);
                if (length >= 28) _b.Append(", sin6_scope_id="u8).Append(BinaryPrimitives.ReadUInt32LittleEndian(sa[24..]));
                break;
            case AfInet:
                if (length >= 8)
                {
                    _b.Append(", sin_port=htons("u8).Append(BinaryPrimitives.ReadUInt16BigEndian(sa[2..]))
                      .Append("), sin_addr=inet_addr(\""u8);
                    AppendIpv4(sa.Slice(4, 4));
                    _b.Append("\")"u8);
                }
                break;
            case AfInet6:
                if (length >= 24)
                {
                    _b.Append(", sin6_port=htons("u8).Append(BinaryPrimitives.ReadUInt16BigEndian(sa[2..]))
                      .Append("), sin6_flowinfo=htonl("u8).Append(BinaryPrimitives.ReadUInt32BigEndian(sa[4..]))
                      .Append("), inet_pton(AF_INET6, \""u8);
                    AppendIpv6(_b, sa.Slice(8, 16));
                    _b.Append("\", &sin6_addr)"u8);
                    if (length >= 28)
                    {
                        _b.Append(", sin6_scope_id="u8);
                        PrintIfindex(BinaryPrimitives.ReadUInt32LittleEndian(sa[24..]));
                    }
                }
                break;
            case AfNetlink:
                if (length >= 12)
                {
                    _b.Append(", nl_pid="u8).Append(BinaryPrimitives.ReadInt32LittleEndian(sa[4..]))
                      .Append(", nl_groups="u8);
                    uint groups = BinaryPrimitives.ReadUInt32LittleEndian(sa[8..]);
                    Span<byte> hex = stackalloc byte[8];
                    for (int i = 7; i >= 0; i--, groups >>= 4) hex[i] = HexDigit((int)(groups & 15));
                    _b.Append(hex);
                }
                break;
            case AfPacket:
                if (length >= 20)
                {
                    ushort proto = BinaryPrimitives.ReadUInt16BigEndian(sa[2..]);
                    _b.Append(", sll_protocol=htons("u8);
                    string? name = Xlats.EthernetProtocols.Lookup(proto);
                    if (name is not null) _b.Append(name);
                    else _b.AppendHex(proto).Append(" /* ETH_P_??? */"u8);
                    _b.Append("), sll_ifindex="u8).Append(BinaryPrimitives.ReadInt32LittleEndian(sa[4..]))
                      .Append(", sll_hatype="u8).Append(BinaryPrimitives.ReadUInt16LittleEndian(sa[8..]))
                      .Append(", sll_pkttype="u8).Append((int)sa[10])
                      .Append(", sll_halen="u8).Append((int)sa[11]);
                    int halen = Math.Min((int)sa[11], 8);
                    _b.Append(", sll_addr=["u8);
                    for (int i = 0; i < halen; i++)
                    {
                        if (i > 0) _b.Append(", "u8);
                        _b.AppendHex(sa[12 + i]);
                    }
                    _b.Append((byte)']');
                }
                break;
            default:
                if (length > 2)
                {
                    _b.Append(", sa_data="u8);
                    Quote(sa[2..length]);
                }
                break;
        }
        if (length > 2 && ((family == AfInet && length < 8) || (family == AfInet6 && length < 24)))
        {
            _b.Append(", sa_data="u8);
            Quote(sa[2..length]);
        }
        _b.Append((byte)'}');
    }

    /// <summary>An in_addr field: inet_addr("1.2.3.4"), or its bytes with -X raw.</summary>
    private void PrintInAddr(ReadOnlySpan<byte> a)
    {
        if (Raw)
        {
            Quote(a, forceHex: true);
            return;
        }
        _b.Append("inet_addr(\""u8);
        AppendIpv4(a);
        _b.Append("\")"u8);
    }

    private void AppendIpv4(ReadOnlySpan<byte> a)
    {
        for (int i = 0; i < 4; i++)
        {
            if (i > 0) _b.Append((byte)'.');
            _b.Append((int)a[i]);
        }
    }

    /// <summary>inet_ntop(AF_INET6): the longest run of two or more zero groups as ::, IPv4-mapped as ::ffff:a.b.c.d.</summary>
    internal static void AppendIpv6(TextBuilder b, ReadOnlySpan<byte> a)
    {
        Span<int> w = stackalloc int[8];
        for (int i = 0; i < 8; i++) w[i] = (a[2 * i] << 8) | a[2 * i + 1];
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8;)
        {
            if (w[i] != 0)
            {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) j++;
            if (j - i > bestLen)
            {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) bestStart = -1;
        bool v4 = bestStart == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff));
        for (int i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                b.Append((byte)':');
                if (i + bestLen == 8) b.Append((byte)':');
                i += bestLen - 1;
                continue;
            }
            if (v4 && i == 6)
            {
                if (i != 0) b.Append((byte)':');
                b.Append((int)a[12]).Append((byte)'.').Append((int)a[13]).Append((byte)'.').Append((int)a[14]).Append((byte)'.').Append((int)a[15]);
                break;
            }
            if (i != 0) b.Append((byte)':');
            b.AppendHexDigits((ulong)w[i]);
        }
    }

    /// <summary>Control messages: [{cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[0, 1]}].</summary>
    private void PrintCmsgs(ulong address, ulong length)
    {
        int n = (int)Math.Min(length, 4096);
        // Not a scratch buffer: -y's descriptor paths (SCM_RIGHTS) are read into Scratch2 while this is in use.
        Span<byte> c = stackalloc byte[Math.Max(n, 16)];
        if (address == 0 || !_c.Memory.TryRead(address, c[..n]))
        {
            PrintAddress(address);
            return;
        }
        int w = WordSize;
        int header = Is32 ? 12 : 16;
        _b.Append((byte)'[');
        int at = 0, count = 0;
        while (at + header <= n)
        {
            ulong len = Word(c, at);
            int level = I(c, at + w), type = I(c, at + w + 4);
            if (count > 0) _b.Append(", "u8);
            if (count >= ArrayLimit)
            {
                _b.Append("..."u8);
                break;
            }
            count++;
            _b.Append("{cmsg_len="u8).Append(len).Append(", cmsg_level="u8);
            PrintXval(Xlats.SocketLevels, (uint)level, "SOL_??");
            _b.Append(", cmsg_type="u8);
            int dataLen = (int)Math.Min(len, (ulong)(n - at)) - header;
            ReadOnlySpan<byte> data = dataLen > 0 ? c.Slice(at + header, dataLen) : default;
            if (level == 1) PrintXval(Xlats.ScmTypes, (uint)type, "SCM_???");
            else _b.AppendHex((uint)type);
            if (level == 1 && type == 1) // SCM_RIGHTS
            {
                _b.Append(", cmsg_data=["u8);
                for (int i = 0; i + 4 <= data.Length; i += 4)
                {
                    if (i > 0) _b.Append(", "u8);
                    PrintFd((ulong)(long)I(data, i));
                }
                _b.Append((byte)']');
            }
            else if (level == 1 && type == 2) // SCM_CREDENTIALS: nothing when truncated
            {
                if (data.Length >= 12)
                    _b.Append(", cmsg_data={pid="u8).Append(I(data, 0)).Append(", uid="u8).Append((ulong)UI(data, 4))
                      .Append(", gid="u8).Append((ulong)UI(data, 8)).Append((byte)'}');
            }
            else if (data.Length > 0)
            {
                _b.Append(", cmsg_data="u8);
                Quote(data, forceHex: true);
            }
            _b.Append((byte)'}');
            if (len < (ulong)header) break;
            at += (int)((len + (ulong)w - 1) & ~(ulong)(w - 1));
        }
        _b.Append((byte)']');
    }

    /// <summary>A failed recvmsg: only the name length that was passed in, {msg_namelen=N}.</summary>
    private void PrintMsghdrNamelen(ulong address)
    {
        if (address == 0 || !_c.Memory.TryRead(address + (ulong)WordSize, out uint namelen))
        {
            PrintAddress(address);
            return;
        }
        _b.Append("{msg_namelen="u8).Append((ulong)namelen).Append((byte)'}');
    }

    /// <summary>struct msghdr (sendmsg at entry, recvmsg at exit with the data length).</summary>
    private void PrintMsghdr(ulong address, long dataLength)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        int w = WordSize;
        Span<byte> m = stackalloc byte[56];
        int size = Is32 ? 28 : 56;
        if (!_c.Memory.TryRead(address, m[..size]))
        {
            _b.AppendHex(address);
            return;
        }
        ulong name = Word(m, 0);
        uint namelen = BinaryPrimitives.ReadUInt32LittleEndian(m[w..]);
        ulong iov = Word(m, 2 * w);
        ulong iovlen = Word(m, 3 * w);
        ulong control = Word(m, 4 * w);
        ulong controllen = Word(m, 5 * w);
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(m[(6 * w)..]);
        _b.Append("{msg_name="u8);
        if (name == 0) _b.Append("NULL"u8);
        else PrintSockaddr(name, namelen);
        _b.Append(", msg_namelen="u8).Append(namelen);
        _b.Append(", msg_iov="u8);
        _iovNetlink = _c.Def.Name is "sendmsg" or "recvmsg" ? NetlinkFamilyOf(Reg(0)) : NotNetlink;
        PrintIovec(iov, iovlen, dataLength);
        _iovNetlink = NotNetlink;
        _b.Append(", msg_iovlen="u8).Append(iovlen);
        if (controllen != 0)
        {
            _b.Append(", msg_control="u8);
            PrintCmsgs(control, controllen);
        }
        _b.Append(", msg_controllen="u8).Append(controllen);
        _b.Append(", msg_flags="u8);
        PrintFlags(Xlats.MsgFlags, flags, "MSG_???");
        _b.Append((byte)'}');
    }

    /// <summary>
    /// struct iovec[count]; the data printed is limited to <paramref name="dataLength"/> bytes in all
    /// (-1: each iov_len; -2: the buffers' addresses, as strace prints a failed readv).
    /// </summary>
    private void PrintIovec(ulong address, ulong count, long dataLength)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        int w = WordSize;
        Span<byte> e = stackalloc byte[16];
        // strace reads the whole array first: an unreadable array prints as its address.
        if (count > 0 && !_c.Memory.TryRead(address, e[..(2 * w)]))
        {
            _b.AppendHex(address);
            return;
        }
        _b.Append((byte)'[');
        int limit = ArrayLimit;
        long remaining = dataLength;
        for (ulong i = 0; i < count; i++)
        {
            if (i > 0) _b.Append(", "u8);
            if (i >= (ulong)limit)
            {
                _b.Append("..."u8);
                break;
            }
            ulong at = address + i * (ulong)(2 * w);
            if (!_c.Memory.TryRead(at, e[..(2 * w)]))
            {
                _b.Append("..."u8);
                break;
            }
            ulong b = Word(e, 0), len = Word(e, w);
            _b.Append("{iov_base="u8);
            if (dataLength == -2) PrintAddress(b);
            else if (dataLength < 0) PrintIovBuffer(b, len);
            else if (remaining <= 0 && dataLength >= 0) PrintBufferOrEmpty(b, 0);
            else
            {
                ulong take = Math.Min(len, (ulong)remaining);
                PrintIovBuffer(b, take);
                remaining -= (long)take;
            }
            _b.Append(", iov_len="u8).Append(len).Append((byte)'}');
        }
        _b.Append((byte)']');
    }

    /// <summary>The netlink family of the msghdr being printed (its iovecs hold netlink messages), or NotNetlink.</summary>
    private int _iovNetlink = NotNetlink;

    private void PrintIovBuffer(ulong address, ulong length)
    {
        if (_iovNetlink != NotNetlink) PrintNetlink(address, length, _iovNetlink);
        else PrintBuffer(address, length);
    }

    private void PrintBufferOrEmpty(ulong address, ulong length)
    {
        if (address == 0) _b.Append("NULL"u8);
        else PrintBuffer(address, length);
    }
}
