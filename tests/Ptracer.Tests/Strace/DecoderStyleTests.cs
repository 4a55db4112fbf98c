using Ptracer.Strace;
using Xunit;

namespace Ptracer.Tests.Strace;

/// <summary>
/// The constant print styles (-X raw/abbrev/verbose) and decoders added for the differential cases c52-c97,
/// against lines strace 6.1 printed for the same values on this machine.
/// </summary>
public sealed class DecoderStyleTests
{
    private static DecoderFixture Verbose() => new(new DecodeOptions { VerboseConstants = true });

    private static DecoderFixture Raw() => new(new DecodeOptions { RawConstants = true });

    [Fact]
    public void VerboseStylePutsTheNumberFirstAndTheNamesInAComment()
    {
        using var f = Verbose();
        ulong path = f.PutString("x");
        Assert.Equal("openat(-100 /* AT_FDCWD */, \"x\", 0x40000040 /* O_RDONLY|O_CREAT|0x40000000 */, 0644) = 3",
            f.Line("openat", [unchecked((ulong)-100), path, 0x40000040, 420 /* 0644 */], 3));
        Assert.Equal("access(\"x\", 0 /* F_OK */) = 0", f.Line("access", [path, 0], 0));
    }

    [Fact]
    public void VerboseStyleKeepsUnknownValuesAndSplitsSocketTypes()
    {
        using var f = Verbose();
        Assert.Equal("socket(0x2 /* AF_INET */, 0x1 /* SOCK_STREAM */|0x80000 /* SOCK_CLOEXEC */, 0 /* IPPROTO_IP */) = 3",
            f.Line("socket", [2, 0x80001, 0], 3));
        Assert.Equal("clock_gettime(0x63 /* CLOCK_??? */, NULL) = -1 EINVAL (Invalid argument)",
            f.Line("clock_gettime", [99, 0], 22, isError: true));
        // strace 6.1 nests the comment of an unknown map type.
        Assert.Equal("mmap(NULL, 4096, 0x104 /* PROT_EXEC|0x100 */, 0xf /* 0xf /* MAP_??? */ */, -1, 0) = -1 EBADF (Bad file descriptor)",
            f.Line("mmap", [0, 4096, 0x104, 0xf, unchecked((ulong)-1), 0], 9, isError: true));
    }

    [Fact]
    public void VerboseSignalSetsNameEachSignal()
    {
        using var f = Verbose();
        ulong set = f.PutLongs((1L << 9) | (1L << 35));
        Assert.Equal("rt_sigprocmask(0x7 /* SIG_??? */, [10 /* USR1 */ 36 /* RT_4 */], NULL, 8) = -1 EINVAL (Invalid argument)",
            f.Line("rt_sigprocmask", [7, set, 0, 8], 22, isError: true));
    }

    [Fact]
    public void NodemasksAreWordsInPaddedHex()
    {
        using var f = new DecoderFixture();
        ulong nodes = f.PutLongs(1);
        Assert.Equal("set_mempolicy(MPOL_INTERLEAVE, [0x00000000000001], 64) = 0", f.Line("set_mempolicy", [3, nodes, 64], 0));
        Assert.Equal("mbind(0x200014000, 4096, 0x63 /* MPOL_??? */, [0x00000000000001], 64, 0) = -1 EINVAL (Invalid argument)",
            f.Line("mbind", [0x200014000, 4096, 99, nodes, 64, 0], 22, isError: true));
    }

    [Fact]
    public void KeyctlNamesCommandsSerialsAndPermissions()
    {
        using var f = new DecoderFixture();
        Assert.Equal("keyctl(KEYCTL_SETPERM, 12345678, KEY_POS_VIEW|KEY_POS_READ|KEY_POS_WRITE|KEY_POS_SEARCH|KEY_POS_LINK|KEY_POS_SETATTR|KEY_USR_VIEW) = -1 ENOKEY (Required key not available)",
            f.Line("keyctl", [5, 12345678, 0x3f010000, 0, 0], 126, isError: true));
        Assert.Equal("keyctl(KEYCTL_UNLINK, 12345678, KEY_SPEC_SESSION_KEYRING) = -1 ENOKEY (Required key not available)",
            f.Line("keyctl", [9, 12345678, unchecked((ulong)-3), 0, 0], 126, isError: true));
        Assert.Equal("keyctl(0x270f /* KEYCTL_??? */, 0x1, 0x2, 0x3, 0x4) = -1 EOPNOTSUPP (Operation not supported)",
            f.Line("keyctl", [9999, 1, 2, 3, 4], 95, isError: true));
    }

    [Fact]
    public void QuotactlCommandsAndTheirRawForm()
    {
        using (var f = new DecoderFixture())
            Assert.Equal("quotactl(QCMD(Q_SYNC, GRPQUOTA), NULL) = 0", f.Line("quotactl", [0x80000101, 0, 0, 0], 0));
        using (var f = Raw())
        {
            ulong dev = f.PutString("/dev/nonexistent");
            Assert.Equal("quotactl(19088640, \"/dev/nonexistent\", 0, NULL) = -1 ENOENT (No such file or directory)",
                f.Line("quotactl", [0x1234500, dev, 0, 0], 2, isError: true));
        }
    }

    [Fact]
    public void FutexWakeOpFieldsFollowStraceQuirks()
    {
        using var f = Raw();
        Assert.Equal("futex(0x4a62d4, 0x5, 1, 1, 0x4a62d0, 0x1<<28 /* FUTEX_OP_??? */|0x1<<12|0x4<<24 /* FUTEX_OP_CMP_??? */|0) = 0",
            f.Line("futex", [0x4a62d4, 5, 1, 1, 0x4a62d0, 0x14001000], 0));
    }
}
