namespace Ptracer.Strace;

/// <summary>The mount API: fsopen, fsconfig, fsmount, move_mount, open_tree, fspick, mount_setattr (strace's fsmount.c...).</summary>
public sealed partial class SyscallFormatter
{
    /// <summary>The flag table of an unsigned flag argument of the mount API, or null.</summary>
    private (Xlat Table, string Dflt)? MountApiFlags(int index) => (_c.Def.Name, index) switch
    {
        ("fsopen", 1) => (Xlats.FsopenFlags, "FSOPEN_???"),
        ("fsmount", 1) => (Xlats.FsmountFlags, "FSMOUNT_???"),
        ("fsmount", 2) => (Xlats.MountAttrs, "MOUNT_ATTR_???"),
        ("move_mount", 4) => (Xlats.MoveMountFlags, "MOVE_MOUNT_???"),
        ("fspick", 2) => (Xlats.FspickFlags, "FSPICK_???"),
        _ => null,
    };

    private void FsconfigEntry()
    {
        _c.PrintedAtEntry = SpecialDone;
        PrintFd(Reg(0));
        _b.Append(", "u8);
        uint cmd = (uint)Reg(1);
        PrintXval(Xlats.FsconfigCommands, cmd, "FSCONFIG_???");
        _b.Append(", "u8);
        PrintString(Reg(2));
        _b.Append(", "u8);
        ulong value = Reg(3);
        int aux = (int)Reg(4);
        switch (cmd)
        {
            case 1: // SET_STRING
                PrintString(value);
                break;
            case 2: // SET_BINARY
                PrintBuffer(value, (ulong)Math.Max(aux, 0));
                break;
            case 3: case 4: // SET_PATH, SET_PATH_EMPTY
                PrintPath(value);
                break;
            default:
                PrintAddress(value);
                break;
        }
        _b.Append(", "u8);
        switch (cmd)
        {
            case 3: case 4:
                PrintDirFd((ulong)aux);
                break;
            case 5: // SET_FD
                PrintFd((ulong)aux);
                break;
            default:
                _b.Append(aux);
                break;
        }
    }

    /// <summary>mount_setattr(dirfd, path, flags, struct mount_attr *, size).</summary>
    private void MountSetattrEntry()
    {
        _c.PrintedAtEntry = SpecialDone;
        PrintDirFd(Reg(0));
        _b.Append(", "u8);
        PrintPath(Reg(1));
        _b.Append(", "u8);
        PrintFlags(Xlats.AtFlags, (uint)Reg(2), "AT_???");
        _b.Append(", "u8);
        ulong address = Reg(3), size = Reg(4);
        Span<byte> s = stackalloc byte[32];
        if (size < 32) PrintAddress(address);
        else if (TryReadStruct(address, s))
        {
            ulong set = UL(s, 0);
            _b.Append("{attr_set="u8);
            PrintFlags(Xlats.MountAttrs, set, "MOUNT_ATTR_???");
            _b.Append(", attr_clr="u8);
            PrintFlags(Xlats.MountAttrs, UL(s, 8), "MOUNT_ATTR_???");
            _b.Append(", propagation="u8);
            PrintXval(Xlats.MountFlags, UL(s, 16), "MS_???");
            _b.Append(", userns_fd="u8);
            if ((set & 0x100000) != 0) PrintFd(UL(s, 24)); // MOUNT_ATTR_IDMAP
            else _b.Append(UL(s, 24));
            PrintNonzeroTail(address, 32, size);
            _b.Append((byte)'}');
        }
        _b.Append(", "u8).Append(size);
    }
}
