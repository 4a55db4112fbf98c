using Ptracer.Engine;
using Ptracer.Syscalls;
using Ptracer.Tests.TestSupport;
using Xunit;

namespace Ptracer.Tests.Engine;

/// <summary>Blocking a syscall at its entry and replacing a result at its exit change what the program sees.</summary>
public sealed class SyscallControlTests
{
    private sealed class ControlHandler(string blockedPath, long mkdirResult) : RecordingHandler
    {
        public override void OnSyscallEntry(Tracee tracee)
        {
            base.OnSyscallEntry(tracee);
            if (tracee.Arch != SyscallArch.X86_64) return;
            switch (tracee.SyscallNumber)
            {
                case X64Syscalls.Getuid:
                    tracee.BlockSyscall(4242);
                    Record("blocked", tracee, X64Syscalls.Getuid);
                    break;
                case X64Syscalls.Mkdir or X64Syscalls.Mkdirat:
                    ulong pathArgument = tracee.Arguments[tracee.SyscallNumber == X64Syscalls.Mkdir ? 0 : 1];
                    if (tracee.Memory.ReadString(pathArgument).Value == blockedPath)
                    {
                        tracee.BlockSyscall(mkdirResult);
                        Record("blocked", tracee, tracee.SyscallNumber);
                    }
                    break;
            }
        }

        public override void OnSyscallExit(Tracee tracee)
        {
            if (tracee.Arch == SyscallArch.X86_64 && tracee.SyscallNumber == X64Syscalls.Getppid)
            {
                tracee.SetReturnValue(777);
                Record("replaced", tracee, tracee.ReturnValue, tracee.IsError ? 1 : 0);
            }
            base.OnSyscallExit(tracee);
            Record("error-flag", tracee, tracee.SyscallNumber, tracee.IsError ? 1 : 0);
        }
    }

    [Theory]
    [InlineData(-TestNative.EPERM, "mkdir=-1 errno=1")]
    [InlineData(0, "mkdir=0 errno=0")]
    public async Task BlockAtEntry_AndReplaceAtExit_ChangeWhatTheProgramPrints(long mkdirResult, string mkdirLine)
    {
        string directory = Path.Combine(Path.GetTempPath(), $"ptracer-block-{Guid.NewGuid():N}");
        using var stdout = new TestPipe();
        var handler = new ControlHandler(directory, mkdirResult);

        TraceResult result = await TraceSession.RunToEnd(Tracees.Options("block", [directory], stdout: stdout.WriteFd), handler);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"getuid=4242\n{mkdirLine}\ngetppid=777\n", stdout.Drain());
        Assert.False(Directory.Exists(directory), "the blocked mkdir did not run");

        // The exit stop of a blocked syscall reports the value the tracer chose, with the error flag to match.
        List<TraceEvent> blocked = handler.Of("blocked");
        Assert.Equal(2, blocked.Count);
        List<TraceEvent> exits = handler.Of("exit");
        TraceEvent getuidExit = exits.Single(e => e.Value == X64Syscalls.Getuid && e.Sequence > blocked[0].Sequence);
        Assert.Equal(4242, getuidExit.Extra);
        TraceEvent mkdirExit = exits.First(e => e.Value == blocked[1].Value && e.Sequence > blocked[1].Sequence);
        Assert.Equal(mkdirResult, mkdirExit.Extra);
        TraceEvent mkdirFlag = handler.Of("error-flag").First(e => e.Value == blocked[1].Value && e.Sequence > blocked[1].Sequence);
        Assert.Equal(mkdirResult < 0 ? 1 : 0, mkdirFlag.Extra);
        TraceEvent replaced = Assert.Single(handler.Of("replaced"));
        Assert.Equal(777, replaced.Value);
        Assert.Equal(0, replaced.Extra);
    }

    [Fact]
    public async Task Untouched_ProgramPrintsRealValues()
    {
        // The control case: the same program under a tracer that changes nothing.
        string directory = Path.Combine(Path.GetTempPath(), $"ptracer-block-{Guid.NewGuid():N}");
        using var stdout = new TestPipe();
        try
        {
            TraceResult result = await TraceSession.RunToEnd(Tracees.Options("block", [directory], stdout: stdout.WriteFd), new RecordingHandler());
            Assert.Equal(0, result.ExitCode);
            string[] lines = stdout.Drain().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal($"getuid={GetUid()}", lines[0]);
            Assert.Equal("mkdir=0 errno=0", lines[1]);
            Assert.Equal($"getppid={Environment.ProcessId}", lines[2]);
            Assert.True(Directory.Exists(directory));
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory);
        }
    }

    private static int GetUid() => int.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:")).Split('\t')[1]);
}
