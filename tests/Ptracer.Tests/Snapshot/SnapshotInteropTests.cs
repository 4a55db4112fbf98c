using System.Runtime.InteropServices;
using Ptracer.Native;
using Ptracer.Snapshot;
using Ptracer.Tests.Differential;
using Ptracer.Tests.TestSupport;
using Xunit;

namespace Ptracer.Tests.Snapshot;

/// <summary>The snapshot interop definitions against the system headers, and the /proc/PID/maps parser.</summary>
public sealed class SnapshotInteropTests
{
    [Fact]
    public void Structs_and_constants_match_the_headers()
    {
        ChildResult r = ChildProcess.Run([TraceeBuilder.Build("snap-layout")], [], Path.GetTempPath(), TimeSpan.FromSeconds(30));
        Dictionary<string, long> c = SnapshotFixture.Text(r.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ')).ToDictionary(f => f[0], f => long.Parse(f[1]));
        Assert.Equal(c["prctl_mm_map.size"], Marshal.SizeOf<PrctlMmMap>());
        Assert.Equal(c["prctl_mm_map.auxv"], (long)Marshal.OffsetOf<PrctlMmMap>(nameof(PrctlMmMap.Auxv)));
        Assert.Equal(c["prctl_mm_map.exe_fd"], (long)Marshal.OffsetOf<PrctlMmMap>(nameof(PrctlMmMap.ExeFd)));
        Assert.Equal(c["ptrace_rseq_configuration.size"], Marshal.SizeOf<RseqConfiguration>());
        Assert.Equal(c["ptrace_rseq_configuration.signature"], (long)Marshal.OffsetOf<RseqConfiguration>(nameof(RseqConfiguration.Signature)));
        Assert.Equal(c["user_regs_struct.size"], Marshal.SizeOf<UserRegs>());
        Assert.Equal(c["user_regs_struct.fs_base"], (long)Marshal.OffsetOf<UserRegs>(nameof(UserRegs.FsBase)));
        Assert.Equal(Interop.Regset.GETSIGMASK, c["PTRACE_GETSIGMASK"]);
        Assert.Equal(Interop.Regset.SETSIGMASK, c["PTRACE_SETSIGMASK"]);
        Assert.Equal(Interop.Regset.GET_RSEQ_CONFIGURATION, c["PTRACE_GET_RSEQ_CONFIGURATION"]);
        Assert.Equal(Interop.Regset.PR_SET_MM, c["PR_SET_MM"]);
        Assert.Equal(Interop.Regset.PR_SET_MM_MAP, c["PR_SET_MM_MAP"]);
    }

    [Theory]
    [InlineData("7f03b48bf000-7f03b48c1000 r-xp 00000000 00:00 0                          [vdso]", 0x7f03b48bf000UL, 0x7f03b48c1000UL, "r-xp", 0UL, "[vdso]")]
    [InlineData("55d3ba13b000-55d3ba15c000 rw-p 00000000 00:00 0 ", 0x55d3ba13b000UL, 0x55d3ba15c000UL, "rw-p", 0UL, "")]
    [InlineData("7fa7b651b000-7fa7b651d000 rw-p 00033000 fe:00 331651   /tmp/with space/lib x.so (deleted)", 0x7fa7b651b000UL, 0x7fa7b651d000UL, "rw-p", 0x33000UL, "/tmp/with space/lib x.so (deleted)")]
    public void Maps_lines_parse_with_names_that_hold_spaces(string line, ulong start, ulong end, string perms, ulong offset, string name)
    {
        var e = ProcMaps.Parse(line);
        Assert.Equal((start, end, perms, offset, name), (e.Start, e.End, e.Permissions, e.Offset, e.Name));
        Assert.Equal(perms[1] == 'w', e.Writable);
    }
}
