using System.Text;
using Ptracer.Engine;
using Ptracer.Native;
using Ptracer.Syscalls;
using Ptracer.Tests.TestSupport;
using Xunit;

namespace Ptracer.Tests.Engine;

/// <summary>Reading and writing tracee memory through <see cref="Tracee.Memory"/> at syscall entries (tracees/memory.c).</summary>
public sealed class MemoryTests
{
    private const ulong Marker = 0x5eed;

    private static string Pattern(int length)
    {
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++) text.Append((char)('a' + i % 26));
        return text.ToString();
    }

    /// <summary>What the handler read at the marker syscall; asserted by the test after the run.</summary>
    private sealed class Observations
    {
        public TraceeString Known, KnownShort, KnownExact, Big, BigTruncated, Unterminated;
        public List<string>? Array, ArrayViaPointer;
        public byte[]? BigBytes;
        public int BigBytesRead;
        public ulong ArgvAddress, ArgvTop, ScratchTop;
        public List<string>? ArgvBefore, ArgvWritten;
        public string? ExecPath;
    }

    private sealed class MemoryHandler(bool rewriteArgv) : RecordingHandler
    {
        public Observations Seen { get; } = new();

        public override void OnSyscallEntry(Tracee tracee)
        {
            base.OnSyscallEntry(tracee);
            if (tracee.Arch != SyscallArch.X86_64) return;
            try
            {
                if (tracee.SyscallNumber == X64Syscalls.Getpid && tracee.Arguments[5] == Marker) AtMarker(tracee);
                if (tracee.SyscallNumber == X64Syscalls.Execve && rewriteArgv) AtExec(tracee);
            }
            catch (Exception e)
            {
                Fail(e);
            }
        }

        private void AtMarker(Tracee tracee)
        {
            TraceeMemory memory = tracee.Memory;
            ReadOnlySpan<ulong> args = tracee.Arguments;
            Seen.Known = memory.ReadString(args[0]);
            Seen.KnownShort = memory.ReadString(args[0], maxLength: 5);
            Seen.KnownExact = memory.ReadString(args[0], maxLength: 21);
            Seen.Array = memory.ReadStringArray(args[1]);
            Seen.ArrayViaPointer = [memory.ReadString(memory.ReadPointer(args[1])).Value, memory.ReadString(memory.ReadPointer(args[1] + 8)).Value];
            Seen.Big = memory.ReadString(args[2]);
            Seen.BigTruncated = memory.ReadString(args[2], maxLength: 4096);
            Seen.BigBytes = new byte[5001];
            Seen.BigBytesRead = memory.Read(args[2], Seen.BigBytes);
            Seen.Unterminated = memory.ReadString(args[4]);
            memory.WriteBytes(args[3], "patched!\0"u8);
            Record("marker", tracee);
        }

        private void AtExec(Tracee tracee)
        {
            string path = tracee.Memory.ReadString(tracee.Arguments[0]).Value;
            if (path != "/bin/echo") return;
            Seen.ExecPath = path;
            Seen.ArgvBefore = tracee.Memory.ReadStringArray(tracee.Arguments[1]);
            UserRegs regs = tracee.GetRegisters();
            Seen.ScratchTop = Registers.ScratchTop(regs);
            Seen.ArgvAddress = tracee.Memory.WriteStringArray(Seen.ScratchTop, ["echo", "rewritten", "argv"], out Seen.ArgvTop);
            Seen.ArgvWritten = tracee.Memory.ReadStringArray(Seen.ArgvAddress);
            Registers.SetExecArgv(ref regs, isExecveat: false, Seen.ArgvAddress);
            tracee.SetRegisters(regs);
            Record("argv-replaced", tracee);
        }
    }

    [Fact]
    public async Task ReadStrings_Arrays_AcrossPages_ReportTruncationAndFaults_AndWriteBytes()
    {
        using var stdout = new TestPipe();
        var handler = new MemoryHandler(rewriteArgv: false);
        TraceResult result = await TraceSession.RunToEnd(Tracees.Options("memory", stdout: stdout.WriteFd), handler);
        handler.ThrowIfFailed();
        Assert.Equal(0, result.ExitCode);
        Assert.Single(handler.Of("marker"));
        Observations seen = handler.Seen;

        Assert.Equal(new TraceeString("hello from the tracee", Truncated: false, Faulted: false), seen.Known);
        Assert.Equal(new TraceeString("hello", Truncated: true, Faulted: false), seen.KnownShort);
        Assert.Equal(new TraceeString("hello from the tracee", Truncated: false, Faulted: false), seen.KnownExact);

        Assert.Equal(["alpha", "beta", "gamma"], seen.Array);
        Assert.Equal(["alpha", "beta"], seen.ArrayViaPointer);

        // 5000 bytes from 96 bytes before a page boundary: three pages read as one string.
        string pattern = Pattern(5000);
        Assert.False(seen.Big.Truncated);
        Assert.False(seen.Big.Faulted);
        Assert.Equal(pattern, seen.Big.Value);
        Assert.True(seen.BigTruncated.Truncated);
        Assert.Equal(pattern[..4096], seen.BigTruncated.Value);
        Assert.Equal(5001, seen.BigBytesRead);
        Assert.Equal(Encoding.ASCII.GetBytes(pattern + "\0"), seen.BigBytes);

        // Bytes without a NUL up to an unmapped page: reported as a fault, with the readable prefix, never as truncation.
        Assert.True(seen.Unterminated.Faulted);
        Assert.False(seen.Unterminated.Truncated);
        Assert.Equal(new string('x', 16), seen.Unterminated.Value);

        // The program saw the buffer the tracer wrote; echo ran with its own argv.
        Assert.Equal("buffer=patched!\noriginal\n", stdout.Drain());
    }

    [Fact]
    public async Task WriteStringArrayBelowTheStack_ReplacesExecArgv()
    {
        using var stdout = new TestPipe();
        var handler = new MemoryHandler(rewriteArgv: true);
        TraceResult result = await TraceSession.RunToEnd(Tracees.Options("memory", stdout: stdout.WriteFd), handler);
        handler.ThrowIfFailed();
        Assert.Equal(0, result.ExitCode);
        Observations seen = handler.Seen;

        Assert.Equal("/bin/echo", seen.ExecPath);
        Assert.Equal(["echo", "original"], seen.ArgvBefore);
        Assert.Equal(["echo", "rewritten", "argv"], seen.ArgvWritten);
        Assert.True(seen.ArgvAddress < seen.ScratchTop);
        Assert.Equal(seen.ArgvAddress, seen.ArgvTop);
        Assert.Equal(0UL, seen.ArgvAddress % 16);
        Assert.Equal("buffer=patched!\nrewritten argv\n", stdout.Drain());
    }
}
