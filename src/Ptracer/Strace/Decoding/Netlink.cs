using System.Buffers.Binary;
using Ptracer.Native;
using System.Buffers.Text;

namespace Ptracer.Strace;

/// <summary>
/// Netlink messages in socket buffers (strace's decode_netlink): nlmsghdr with the family's type and flag names,
/// then the payload (rtnetlink's ifinfomsg and ifaddrmsg; other payloads as hex bytes).
/// </summary>
public sealed partial class SyscallFormatter
{
    private const int NotNetlink = -2, NetlinkUnbound = -1, NetlinkRoute = 0;
    private const int NlmsgHeader = 16;

    /// <summary>
    /// The netlink protocol of a descriptor: <see cref="NotNetlink"/>, <see cref="NetlinkUnbound"/> (strace learns
    /// the protocol from sock_diag, which lists bound sockets only), or NETLINK_ROUTE etc. Read from
    /// /proc/PID/net/netlink (the tracee's network namespace).
    /// </summary>
    private int NetlinkFamilyOf(ulong fdValue)
    {
        int fd = (int)fdValue;
        if (fd < 0) return NotNetlink;
        int n = ReadFdLink(_c.Pid, fd);
        if (n <= 9) return NotNetlink;
        ReadOnlySpan<byte> target = _buf2.AsSpan(0, n);
        if (!target.StartsWith("socket:["u8) || !Utf8Parser.TryParse(target[8..^1], out ulong inode, out _)) return NotNetlink;
        if (!IsNetlinkSocket(fd)) return NotNetlink;
        string table;
        try
        {
            table = File.ReadAllText($"/proc/{_c.Pid}/net/netlink");
        }
        catch (IOException)
        {
            return NotNetlink;
        }
        catch (UnauthorizedAccessException)
        {
            return NotNetlink;
        }
        // sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode
        foreach (string line in table.Split('\n'))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 10 || !ulong.TryParse(f[9], out ulong lineInode) || lineInode != inode) continue;
            if (!int.TryParse(f[1], out int protocol) || !long.TryParse(f[2], out long portId)) return NotNetlink;
            return portId == 0 ? NetlinkUnbound : protocol;
        }
        return NotNetlink;
    }

    /// <summary>Whether the socket's protocol name (the system.sockprotoname attribute of its /proc fd link) is NETLINK.</summary>
    private unsafe bool IsNetlinkSocket(int fd)
    {
        Span<byte> path = stackalloc byte[48];
        ProcFdPath(path, _c.Pid, fd);
        Span<byte> proto = stackalloc byte[16];
        nint len;
        fixed (byte* p = path)
        fixed (byte* name = "system.sockprotoname\0"u8)
        fixed (byte* v = proto)
            len = FdNative.GetXattr(p, name, v, proto.Length);
        return len >= 7 && proto.StartsWith("NETLINK"u8);
    }

    /// <summary>One netlink message, or an array of them, in a buffer of <paramref name="length"/> bytes.</summary>
    private void PrintNetlink(ulong address, ulong length, int family)
    {
        Span<byte> h = stackalloc byte[NlmsgHeader];
        bool isArray = false;
        for (int element = 0; ; element++)
        {
            if (length < NlmsgHeader)
            {
                PrintBuffer(address, length, forceHex: true);
                break;
            }
            if (!_c.Memory.TryRead(address, h))
            {
                if (isArray) _b.Append("... /* "u8).AppendHex(address).Append(" */"u8);
                else _b.AppendHex(address);
                break;
            }
            if (Abbrev && element == _o.StringLimit)
            {
                _b.Append("..."u8);
                break;
            }
            uint len = BinaryPrimitives.ReadUInt32LittleEndian(h);
            ulong aligned = ((ulong)len + 3) & ~3UL;
            ulong nextAddress = 0, nextLength = 0;
            if (len >= NlmsgHeader)
            {
                nextLength = length >= aligned ? length - aligned : 0;
                if (nextLength != 0) nextAddress = address + aligned;
            }
            if (!isArray && nextAddress != 0)
            {
                _b.Append((byte)'[');
                isArray = true;
            }
            PrintNlmsg(address, length, h, family);
            if (nextAddress == 0) break;
            _b.Append(", "u8);
            address = nextAddress;
            length = nextLength;
        }
        if (isArray) _b.Append((byte)']');
    }

    private void PrintNlmsg(ulong address, ulong length, ReadOnlySpan<byte> h, int family)
    {
        uint len = BinaryPrimitives.ReadUInt32LittleEndian(h);
        ushort type = BinaryPrimitives.ReadUInt16LittleEndian(h[4..]);
        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(h[6..]);
        ulong messageLength = Math.Min(len, length);
        bool payload = messageLength > NlmsgHeader;
        if (payload) _b.Append((byte)'[');
        _b.Append("{nlmsg_len="u8).Append((ulong)len).Append(", nlmsg_type="u8);
        if (type >= 0x10 && family == NetlinkRoute) PrintXval(Xlats.RtmTypes, type, "RTM_???");
        else PrintXval(Xlats.NlmsgTypes, type, "NLMSG_???");
        _b.Append(", nlmsg_flags="u8);
        PrintNlmsgFlags(flags, type, family);
        _b.Append(", nlmsg_seq="u8).Append((ulong)BinaryPrimitives.ReadUInt32LittleEndian(h[8..]));
        _b.Append(", nlmsg_pid="u8).Append(BinaryPrimitives.ReadInt32LittleEndian(h[12..])).Append((byte)'}');
        if (!payload) return;
        _b.Append(", "u8);
        PrintNlmsgPayload(address + NlmsgHeader, messageLength - NlmsgHeader, type, family);
        _b.Append((byte)']');
    }

    /// <summary>NLM_F_* with the request-specific names of the message kind (get, new, delete).</summary>
    private void PrintNlmsgFlags(ushort flags, ushort type, int family)
    {
        Xlat? specific = null;
        if (family == NetlinkRoute && type >= 0x10 && type < 0x64)
            specific = ((type - 0x10) & 3) switch { 0 => Xlats.NetlinkNewFlags, 1 => Xlats.NetlinkDeleteFlags, 2 => Xlats.NetlinkGetFlags, _ => null };
        else if (family == 4) // NETLINK_SOCK_DIAG: requests
            specific = Xlats.NetlinkGetFlags;
        if (specific is null)
        {
            PrintFlags(Xlats.NetlinkFlags, flags, "NLM_F_???");
            return;
        }
        if (BeginVerbose(out int mark))
        {
            PrintTwoFlagTables(flags, specific);
            int namesAt = VerboseNames();
            PrintTwoFlagTables(flags, specific);
            EndVerbose(mark, namesAt);
            return;
        }
        PrintTwoFlagTables(flags, specific);
    }

    private void PrintTwoFlagTables(ulong flags, Xlat specific)
    {
        if (Raw || flags == 0)
        {
            _b.AppendHex(flags);
            return;
        }
        bool any = AppendFlagNames(Xlats.NetlinkFlags, ref flags, first: true);
        if (flags != 0) any |= AppendFlagNames(specific, ref flags, first: !any);
        if (flags == 0) return;
        if (any) _b.Append((byte)'|');
        _b.AppendHex(flags);
        if (!any) _b.Append(" /* NLM_F_??? */"u8);
    }

    private void PrintNlmsgPayload(ulong address, ulong length, ushort type, int family)
    {
        if (family == NetlinkRoute && type >= 0x10)
        {
            int kind = (type - 0x10) >> 2; // LINK, ADDR, ROUTE, ...
            if (kind == 0 && length >= 16 && TryPrintIfinfomsg(address)) return;
            if (kind == 1 && length >= 8 && TryPrintIfaddrmsg(address)) return;
        }
        if (type == 3 && length >= 4 && _c.Memory.TryRead(address, out int done)) // NLMSG_DONE
        {
            _b.Append(done);
            return;
        }
        PrintBuffer(address, length, forceHex: true);
    }

    private bool TryPrintIfinfomsg(ulong address)
    {
        Span<byte> s = stackalloc byte[16];
        if (!_c.Memory.TryRead(address, s)) return false;
        _b.Append("{ifi_family="u8);
        PrintXval(Xlats.AddressFamilies, s[0], "AF_???");
        _b.Append(", ifi_type="u8);
        PrintXval(Xlats.ArpHardware, BinaryPrimitives.ReadUInt16LittleEndian(s[2..]), "ARPHRD_???");
        _b.Append(", ifi_index="u8);
        PrintIfindex(BinaryPrimitives.ReadUInt32LittleEndian(s[4..]));
        _b.Append(", ifi_flags="u8);
        PrintFlags(Xlats.InterfaceFlags, BinaryPrimitives.ReadUInt32LittleEndian(s[8..]), "IFF_???");
        _b.Append(", ifi_change="u8).AppendHex(BinaryPrimitives.ReadUInt32LittleEndian(s[12..])).Append((byte)'}');
        return true;
    }

    private bool TryPrintIfaddrmsg(ulong address)
    {
        Span<byte> s = stackalloc byte[8];
        if (!_c.Memory.TryRead(address, s)) return false;
        _b.Append("{ifa_family="u8);
        PrintXval(Xlats.AddressFamilies, s[0], "AF_???");
        _b.Append(", ifa_prefixlen="u8).Append((ulong)s[1]).Append(", ifa_flags="u8);
        PrintFlags(Xlats.IfaFlags, s[2], "IFA_F_???");
        _b.Append(", ifa_scope="u8);
        PrintXval(Xlats.RtScopes, s[3], null, decimalUnknown: true);
        _b.Append(", ifa_index="u8);
        PrintIfindex(BinaryPrimitives.ReadUInt32LittleEndian(s[4..]));
        _b.Append((byte)'}');
        return true;
    }

    /// <summary>An interface index: if_nametoindex("lo") when the tracer can name it, else the number.</summary>
    private void PrintIfindex(uint index)
    {
        string? name = index == 0 ? null : InterfaceName(index);
        if (name is null) _b.Append((ulong)index);
        else _b.Append("if_nametoindex(\""u8).Append(name).Append("\")"u8);
    }

    private static unsafe string? InterfaceName(uint index)
    {
        byte* name = stackalloc byte[16]; // IF_NAMESIZE
        return FdNative.IfIndexToName(index, name) == null ? null : new string((sbyte*)name);
    }
}
