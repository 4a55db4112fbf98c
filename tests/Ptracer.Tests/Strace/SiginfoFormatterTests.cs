using System.Buffers.Binary;
using Ptracer.Strace;
using Xunit;

namespace Ptracer.Tests.Strace;

/// <summary>siginfo as strace prints it in "--- SIGxxx {...} ---" lines; ErrnoNames.</summary>
public sealed class SiginfoFormatterTests
{
    private static byte[] Siginfo(int signo, int code, params (int Offset, long Value, int Size)[] fields)
    {
        var s = new byte[128];
        BinaryPrimitives.WriteInt32LittleEndian(s, signo);
        BinaryPrimitives.WriteInt32LittleEndian(s.AsSpan(8), code);
        foreach (var (offset, value, size) in fields)
        {
            if (size == 4) BinaryPrimitives.WriteInt32LittleEndian(s.AsSpan(offset), (int)value);
            else BinaryPrimitives.WriteInt64LittleEndian(s.AsSpan(offset), value);
        }
        return s;
    }

    private static string Format(byte[] siginfo)
    {
        var b = new TextBuilder();
        SiginfoFormatter.Format(siginfo, b);
        return b.ToString();
    }

    [Fact]
    public void SentByKill() =>
        Assert.Equal("{si_signo=SIGUSR1, si_code=SI_USER, si_pid=1234, si_uid=0}", Format(Siginfo(10, 0, (16, 1234, 4), (20, 0, 4))));

    [Fact]
    public void SentByTgkill() =>
        Assert.Equal("{si_signo=SIGTERM, si_code=SI_TKILL, si_pid=3841, si_uid=0}", Format(Siginfo(15, -6, (16, 3841, 4))));

    [Fact]
    public void Sigqueue() =>
        Assert.Equal("{si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=12434, si_uid=0, si_int=42, si_ptr=0x2a}",
            Format(Siginfo(10, -1, (16, 12434, 4), (24, 42, 8))));

    [Fact]
    public void Timer() =>
        Assert.Equal("{si_signo=SIGALRM, si_code=SI_TIMER, si_timerid=0, si_overrun=0, si_int=0, si_ptr=NULL}",
            Format(Siginfo(14, -2)));

    [Fact]
    public void ChildExitedAndKilled()
    {
        Assert.Equal("{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=3898, si_uid=0, si_status=0, si_utime=0, si_stime=0}",
            Format(Siginfo(17, 1, (16, 3898, 4))));
        Assert.Equal("{si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=12435, si_uid=0, si_status=SIGTERM, si_utime=0, si_stime=0}",
            Format(Siginfo(17, 2, (16, 12435, 4), (24, 15, 4))));
        Assert.Equal("{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=3899, si_uid=0, si_status=7, si_utime=3, si_stime=4}",
            Format(Siginfo(17, 1, (16, 3899, 4), (24, 7, 4), (32, 3, 8), (40, 4, 8))));
    }

    [Fact]
    public void Segv()
    {
        Assert.Equal("{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL}", Format(Siginfo(11, 1)));
        Assert.Equal("{si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=0x8}", Format(Siginfo(11, 2, (16, 8, 8))));
        Assert.Equal("{si_signo=SIGSEGV, si_code=SI_KERNEL, si_addr=NULL}", Format(Siginfo(11, 0x80)));
    }

    [Fact]
    public void ErrnoTable()
    {
        Assert.Equal("ENOENT", ErrnoNames.Name(2));
        Assert.Equal("No such file or directory", ErrnoNames.Message(2));
        Assert.Equal("EAGAIN", ErrnoNames.Name(11));
        Assert.Equal("ERESTARTSYS", ErrnoNames.Name(512));
        Assert.Equal("To be restarted if SA_RESTART is set", ErrnoNames.Message(512));
        Assert.Equal("To be restarted if no handler", ErrnoNames.Message(514));
        Assert.Null(ErrnoNames.Name(134));
        Assert.Null(ErrnoNames.Name(519));
        Assert.Equal("Unknown error 517", ErrnoNames.Message(517));
    }
}
