using System.Buffers.Binary;
using System.Text;
using Ptracer.Engine;
using Ptracer.Syscalls;
using Ptracer.Tests.TestSupport;
using Xunit;

namespace Ptracer.Tests.Engine;

/// <summary>Signal-delivery-stops (tracees/signals.c): re-injection, suppression and replacement of signals.</summary>
public sealed class SignalTests
{
    private const int SI_TKILL = -6; // raise(3) sends with tgkill

    private const string FullOutput =
        "usr1 handled\nafter usr1\nafter usr2\nhup raised\nhup handled\nhup unblocked\nsurvived SIGTERM\n";

    /// <summary>Records each signal with its siginfo (si_signo, si_code) and each line the program writes; maps SIGTERM.</summary>
    private sealed class SignalHandler(int deliverForSigterm) : RecordingHandler
    {
        public override int OnSignal(Tracee tracee, in SignalDelivery signal)
        {
            base.OnSignal(tracee, signal);
            int signo = BinaryPrimitives.ReadInt32LittleEndian(signal.SigInfo);
            int code = BinaryPrimitives.ReadInt32LittleEndian(signal.SigInfo[8..]);
            Record("siginfo", tracee, signo, code);
            return signal.Signal == TestNative.SIGTERM ? deliverForSigterm : signal.Signal;
        }

        public override void OnSyscallEntry(Tracee tracee)
        {
            base.OnSyscallEntry(tracee);
            if (tracee.Arch == SyscallArch.X86_64 && tracee.SyscallNumber == X64Syscalls.Write && tracee.Arguments[0] == 1)
            {
                byte[] text = new byte[(int)Math.Min(tracee.Arguments[2], 256)];
                int n = tracee.Memory.Read(tracee.Arguments[1], text);
                Lines.Add((Encoding.ASCII.GetString(text, 0, n), Events.Count));
            }
        }

        /// <summary>The lines written, with the number of events recorded before each.</summary>
        public List<(string Text, int Position)> Lines { get; } = [];
    }

    [Fact]
    public async Task HandledSignalIsReinjected_SuppressedSigtermIsSurvived()
    {
        using var stdout = new TestPipe();
        var handler = new SignalHandler(deliverForSigterm: 0);
        TraceResult result = await TraceSession.RunToEnd(Tracees.Options("signals", stdout: stdout.WriteFd), handler);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, result.Signal);
        // SIGUSR1 reached the program's handler; SIGTERM, suppressed by the tracer, did not kill it.
        Assert.Equal(FullOutput, stdout.Drain());

        // Every raised signal was offered to the tracer in order, the ignored SIGUSR2 included, each with its siginfo.
        List<TraceEvent> signals = handler.Of("signal");
        Assert.Equal(new long[] { TestNative.SIGUSR1, TestNative.SIGUSR2, TestNative.SIGHUP, TestNative.SIGTERM }, signals.Select(e => e.Value));
        List<TraceEvent> siginfo = handler.Of("siginfo");
        Assert.All(siginfo, e => Assert.Equal(SI_TKILL, e.Extra));
        Assert.Equal(signals.Select(e => e.Value), siginfo.Select(e => e.Value));

        // The blocked SIGHUP stopped the tracee only once unblocked: after "hup raised" was written, before "hup handled".
        int hup = signals.Single(e => e.Value == TestNative.SIGHUP).Sequence;
        Assert.True(handler.Lines.Single(l => l.Text == "hup raised\n").Position <= hup);
        Assert.True(handler.Lines.Single(l => l.Text == "hup handled\n").Position > hup);
    }

    [Fact]
    public async Task SigtermDelivered_KillsTheProgram()
    {
        using var stdout = new TestPipe();
        var handler = new SignalHandler(deliverForSigterm: TestNative.SIGTERM);
        TraceResult result = await TraceSession.RunToEnd(Tracees.Options("signals", stdout: stdout.WriteFd), handler);

        Assert.Equal(TestNative.SIGTERM, result.Signal);
        Assert.Equal(128 + TestNative.SIGTERM, result.ExitCode);
        Assert.Equal(FullOutput.Replace("survived SIGTERM\n", ""), stdout.Drain());
        TraceEvent killed = Assert.Single(handler.Of("killed"));
        Assert.Equal(TestNative.SIGTERM, killed.Value);
    }

    [Fact]
    public async Task SigtermReplacedBySigusr1_RunsTheUsr1Handler()
    {
        using var stdout = new TestPipe();
        var handler = new SignalHandler(deliverForSigterm: TestNative.SIGUSR1);
        TraceResult result = await TraceSession.RunToEnd(Tracees.Options("signals", stdout: stdout.WriteFd), handler);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(FullOutput.Replace("survived SIGTERM\n", "usr1 handled\nsurvived SIGTERM\n"), stdout.Drain());
    }
}
