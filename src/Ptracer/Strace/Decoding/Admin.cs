namespace Ptracer.Strace;

/// <summary>Administrative calls with their own layouts: swapon, reboot.</summary>
public sealed partial class SyscallFormatter
{
    /// <summary>swapon(path, flags): SWAP_FLAG_PREFER|5 (the priority is in the low 15 bits), or the priority alone.</summary>
    private void SwaponEntry()
    {
        _c.PrintedAtEntry = SpecialDone;
        PrintPath(Reg(0));
        _b.Append(", "u8);
        uint flags = (uint)Reg(1), priority = flags & 0x7fff;
        flags &= ~0x7fffu;
        if (flags != 0)
        {
            PrintFlags(Xlats.SwapFlags, flags, "SWAP_FLAG_???");
            _b.Append((byte)'|');
        }
        _b.Append((ulong)priority);
    }

    /// <summary>reboot(magic, magic2, cmd[, arg]): the argument string only for LINUX_REBOOT_CMD_RESTART2.</summary>
    private void RebootEntry()
    {
        _c.PrintedAtEntry = SpecialDone;
        PrintXval(Xlats.RebootMagic1, (uint)Reg(0), "LINUX_REBOOT_MAGIC_???");
        _b.Append(", "u8);
        PrintXval(Xlats.RebootMagic2, (uint)Reg(1), "LINUX_REBOOT_MAGIC_???");
        _b.Append(", "u8);
        uint cmd = (uint)Reg(2);
        PrintXval(Xlats.RebootCommands, cmd, "LINUX_REBOOT_CMD_???");
        if (cmd != 0xa1b2c3d4) return; // LINUX_REBOOT_CMD_RESTART2
        _b.Append(", "u8);
        PrintString(Reg(3));
    }
}
