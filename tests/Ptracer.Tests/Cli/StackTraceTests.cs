using System.Text;
using System.Text.RegularExpressions;
using Ptracer.Tests.Differential;
using Ptracer.Tests.TestSupport;
using Xunit;

namespace Ptracer.Tests.Cli;

/// <summary>
/// -k against strace 6.1 (built with libdw) on a dynamically linked program: the same frames, symbols, offsets and
/// module-relative addresses, after each syscall and after exit_group's "+++ exited" line.
/// </summary>
public sealed partial class StackTraceTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private static readonly IReadOnlyList<string> Env = ["PATH=/usr/bin:/bin", "HOME=/tmp", "LC_ALL=C"];

    [GeneratedRegex(@"= \d+$", RegexOptions.Multiline)]
    private static partial Regex PidResult();

    private static string Log(IReadOnlyList<string> tracer, string program, string options)
    {
        string log = Path.Combine(Path.GetTempPath(), $"ptracer-k-{Guid.NewGuid():N}.log");
        try
        {
            // ASLR off (as the differential runner): mmap results and stack addresses must not differ by chance.
            ChildResult r = ChildProcess.Run(["setarch", "-R", .. tracer, "-o", log, .. options.Split(' '), program], Env, Path.GetTempPath(), Limit);
            Assert.Equal(new ChildExit("exit", 0), r.Exit);
            return PidResult().Replace(File.ReadAllText(log), "= PID");
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Theory]
    [InlineData("-k -e trace=write,getppid,getpid,exit_group", "(f3+0x")]
    [InlineData("-k -e trace=openat,read,close,mmap", "ld-linux-x86-64.so.2(")]
    public void Stack_traces_match_strace(string options, string frame)
    {
        string program = TraceeBuilder.Build("stack_frames");
        string expected = Log(["strace"], program, options);
        string actual = Log([.. PtracerCommand.Argv, "trace"], program, options);
        Assert.Contains(frame, expected); // the reference really unwound into these frames
        Assert.Equal(expected, actual);
    }
}
