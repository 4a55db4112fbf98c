namespace Ptracer.Strace;

/// <summary>NUMA memory policy calls: mbind, set_mempolicy, get_mempolicy, migrate_pages (strace's numa.c).</summary>
public sealed partial class SyscallFormatter
{
    private const ulong MpolModeFlags = 0xe000; // MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES | MPOL_F_NUMA_BALANCING
    private const ulong MpolMax = 5;            // MPOL_PREFERRED_MANY, the last mode strace 6.1 knows

    private void MempolicyEntry()
    {
        _c.PrintedAtEntry = SpecialDone;
        switch (_c.Def.Name)
        {
            case "mbind":
                PrintAddress(Reg(0));
                _b.Append(", "u8).Append(Reg(1)).Append(", "u8);
                PrintMempolicyMode(Reg(2));
                _b.Append(", "u8);
                PrintNodemask(Reg(3), Reg(4));
                _b.Append(", "u8).Append(Reg(4)).Append(", "u8);
                PrintFlags(Xlats.MbindFlags, (uint)Reg(5), "MPOL_???");
                return;
            case "set_mempolicy":
                PrintMempolicyMode(Reg(0));
                _b.Append(", "u8);
                PrintNodemask(Reg(1), Reg(2));
                _b.Append(", "u8).Append(Reg(2));
                return;
            default: // migrate_pages(pid, maxnode, old_nodes, new_nodes)
                PrintInt(Reg(0));
                _b.Append(", "u8).Append(Reg(1)).Append(", "u8);
                PrintNodemask(Reg(2), Reg(1));
                _b.Append(", "u8);
                PrintNodemask(Reg(3), Reg(1));
                return;
        }
    }

    /// <summary>get_mempolicy(mode, nodemask, maxnode, addr, flags), all printed at exit.</summary>
    private void GetMempolicyExit()
    {
        ulong flags = (uint)Reg(4);
        ulong mode = Reg(0);
        if (Failed || mode == 0 || !_c.Memory.TryRead(mode, out int value)) PrintAddress(mode);
        else if ((flags & 1) != 0) _b.Append((byte)'[').Append(value).Append((byte)']'); // MPOL_F_NODE: a node
        else
        {
            _b.Append((byte)'[');
            PrintMempolicyMode((ulong)(long)value);
            _b.Append((byte)']');
        }
        _b.Append(", "u8);
        if (Failed) PrintAddress(Reg(1));
        else PrintNodemask(Reg(1), Reg(2));
        _b.Append(", "u8).Append(Reg(2)).Append(", "u8);
        PrintAddress(Reg(3));
        _b.Append(", "u8);
        PrintFlags(Xlats.GetMempolicyFlags, flags, "MPOL_???");
    }

    /// <summary>A policy with its optional mode flags: MPOL_BIND|MPOL_F_STATIC_NODES.</summary>
    private void PrintMempolicyMode(ulong value)
    {
        ulong mode = value & ~MpolModeFlags, flags = value & MpolModeFlags;
        if (mode > MpolMax || flags == 0)
        {
            PrintXval(Xlats.MempolicyModes, mode > MpolMax ? value : mode, "MPOL_???");
            return;
        }
        PrintXval(Xlats.MempolicyModes, mode, "MPOL_???");
        _b.Append((byte)'|');
        PrintFlags(Xlats.MempolicyModeFlags, flags, null);
    }

    /// <summary>A node mask of <paramref name="maxNodes"/> bits as an array of words: [0x00000000000001].</summary>
    private void PrintNodemask(ulong address, ulong maxNodes)
    {
        int bits = 8 * WordSize;
        ulong words = maxNodes / (ulong)bits + (maxNodes % (ulong)bits != 0 ? 1UL : 0);
        if (words == 0 || address == 0)
        {
            PrintAddress(address);
            return;
        }
        if (!TryReadWord(address, out _))
        {
            _b.AppendHex(address);
            return;
        }
        _b.Append((byte)'[');
        int limit = ArrayLimit;
        for (ulong i = 0; i < words; i++)
        {
            if (i > 0) _b.Append(", "u8);
            if (i >= (ulong)limit)
            {
                _b.Append("..."u8);
                break;
            }
            if (!TryReadWord(address + i * (ulong)WordSize, out ulong word))
            {
                _b.Append("... /* "u8).AppendHex(address + i * (ulong)WordSize).Append(" */"u8);
                break;
            }
            AppendPaddedHex(word, 2 * WordSize);
        }
        _b.Append((byte)']');
    }

    /// <summary>C's %#0*lx: "0x" and zero padding within <paramref name="width"/> characters; zero without "0x".</summary>
    private void AppendPaddedHex(ulong value, int width)
    {
        int digits = value == 0 ? 1 : (64 - System.Numerics.BitOperations.LeadingZeroCount(value) + 3) / 4;
        int pad = width - digits - (value == 0 ? 0 : 2);
        if (value != 0) _b.Append("0x"u8);
        for (int i = 0; i < pad; i++) _b.Append((byte)'0');
        _b.AppendHexDigits(value);
    }
}
