using Ptracer.Strace;
using Xunit;

namespace Ptracer.Tests.Strace;

/// <summary>Formatting a line allocates nothing once the buffers have grown.</summary>
public sealed class DecoderAllocationTests
{
    [Fact]
    public void WarmFormattingDoesNotAllocate()
    {
        using var f = new DecoderFixture(new DecodeOptions { Verbose = false });
        ulong path = f.PutString("/etc/ld.so.cache");
        ulong buf = f.PutString("hello\n\tworld\u0001\u0002 and a longer tail to cut at thirty-two bytes");
        ulong st = f.Put(DecoderFixture.Stat(0x81a4, 36231));
        ulong act = f.PutLongs(0x401615, 0x04000000, 0x408810, 1 << 11);
        ulong set = f.PutLongs(0x0000000180000000);
        ulong argv = f.PutStringArray("/bin/true", "--ignored");
        ulong envp = f.PutStringArray("A=1", "B=two");
        ulong[][] lines =
        [
            [0, unchecked((ulong)-100), path, 0x80000, 0],
            [1, 3, buf, 64],
            [2, 3, path, st, 0x1000],
            [3, 10, act, 0, 8],
            [4, 0, set, set, 8],
            [5, 0, 8192, 3, 0x22, 0xffffffff, 0],
            [6, path, argv, envp],
            [7, 2],
        ];
        string[] names = ["openat", "read", "newfstatat", "rt_sigaction", "rt_sigprocmask", "mmap", "execve", "close"];
        long[] returns = [3, 14, 0, 0, 0, 0x7ffff7fc0000, 0, -9];

        void RunAll()
        {
            for (int i = 0; i < lines.Length; i++)
            {
                long ret = returns[i];
                f.Line(names[i], lines[i][1..], Math.Abs(ret), isError: ret < 0);
            }
        }

        // Line() itself builds a string for the test; measure the formatter's calls only.
        var b = new TextBuilder(4096);
        var ctx = f.Context;
        var defs = Array.ConvertAll(names, n => Ptracer.Syscalls.SyscallTable.X86_64.ByName(n)!);
        RunAll();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 100; round++)
        {
            for (int i = 0; i < lines.Length; i++)
            {
                b.Clear();
                ctx.Def = defs[i];
                ctx.Args.Clear();
                lines[i].AsSpan(1).CopyTo(ctx.Args);
                ctx.IsError = false;
                f.Formatter.FormatEntry(ctx, b);
                ctx.IsError = returns[i] < 0;
                ctx.ReturnValue = returns[i];
                f.Formatter.FormatExit(ctx, b);
                f.Formatter.FormatReturn(ctx, b);
            }
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }
}
