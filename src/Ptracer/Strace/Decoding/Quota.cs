namespace Ptracer.Strace;

/// <summary>quotactl and quotactl_fd (strace's quota.c): QCMD(Q_*, *QUOTA), then what the command takes.</summary>
public sealed partial class SyscallFormatter
{
    private const uint QSync = 0x800001, QQuotaon = 0x800002, QQuotaoff = 0x800003, QGetfmt = 0x800004,
        QGetinfo = 0x800005, QGetquota = 0x800007, QXquotasync = 0x5807;

    /// <summary>quotactl(cmd, special, id, addr) or quotactl_fd(fd, cmd, id, addr).</summary>
    private void QuotactlEntry()
    {
        bool byFd = _c.Def.Name == "quotactl_fd";
        uint qcmd = (uint)Reg(byFd ? 1 : 0);
        if (byFd) PrintFd(Reg(0));
        else PrintQcmd(qcmd);
        _b.Append(", "u8);
        if (byFd) PrintQcmd(qcmd);
        else PrintPath(Reg(1));
        _c.PrintedAtEntry = SpecialDone;
        uint cmd = qcmd >> 8, id = (uint)Reg(2);
        ulong data = Reg(3);
        switch (cmd)
        {
            case QSync: case QQuotaoff: case QXquotasync:
                return;
            case QQuotaon:
                _b.Append(", "u8);
                PrintXval(Xlats.QuotaFormats, id, "QFMT_VFS_???");
                _b.Append(", "u8);
                PrintPath(data);
                return;
            case QGetfmt: case QGetinfo: // the struct at exit, no id
                _b.Append(", "u8);
                _c.PrintedAtEntry = 1;
                return;
            case QGetquota:
                _b.Append(", "u8).Append((ulong)id).Append(", "u8);
                _c.PrintedAtEntry = 1;
                return;
            default:
                _b.Append(", "u8).Append((ulong)id).Append(", "u8);
                PrintAddress(data);
                return;
        }
    }

    private void QuotactlExit()
    {
        if (_c.PrintedAtEntry != 1) return;
        uint cmd = (uint)Reg(_c.Def.Name == "quotactl_fd" ? 1 : 0) >> 8;
        ulong data = Reg(3);
        if (cmd == QGetfmt && !Failed && data != 0 && _c.Memory.TryRead(data, out uint format))
        {
            _b.Append((byte)'[');
            PrintXval(Xlats.QuotaFormats, format, "QFMT_VFS_???");
            _b.Append((byte)']');
            return;
        }
        PrintAddress(data);
    }

    /// <summary>QCMD(Q_GETQUOTA, USRQUOTA); with -X raw the unsigned number.</summary>
    private void PrintQcmd(uint qcmd)
    {
        if (BeginVerbose(out int mark))
        {
            PrintQcmd(qcmd);
            int namesAt = VerboseNames();
            PrintQcmd(qcmd);
            EndVerbose(mark, namesAt);
            return;
        }
        if (Raw)
        {
            _b.Append((ulong)qcmd);
            return;
        }
        _b.Append("QCMD("u8);
        PrintXval(Xlats.QuotaCommands, qcmd >> 8, "Q_???");
        _b.Append(", "u8);
        PrintXval(Xlats.QuotaTypes, qcmd & 0xff, "???QUOTA");
        _b.Append((byte)')');
    }
}
