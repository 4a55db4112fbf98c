using Ptracer.Strace;
using Ptracer.Syscalls;
using Xunit;

namespace Ptracer.Tests.Strace;

/// <summary>strace 6.1's command line: getopt_long's rules, strace's messages, the qualifiers' sets.</summary>
public sealed class StraceOptionParserTests
{
    private static StraceUsageException Fails(params string[] args) =>
        Assert.Throws<StraceUsageException>(() => StraceOptionParser.Parse(args));

    [Fact]
    public void A_unique_prefix_of_a_long_option_is_that_option()
    {
        StraceOptions o = StraceOptionParser.Parse(["--foll", "--string-l=7", "--col", "50", "true"]);
        Assert.True(o.FollowForks);
        Assert.Equal(7, o.Decode.StringLimit);
        Assert.Equal(50, o.AlignColumn);
        Assert.Equal("option '--out' is ambiguous; possibilities: '--output-append-mode' '--output-separately' '--output'",
            Fails("--out", "log", "true").Message);
    }

    [Fact]
    public void Dash_k_and_its_long_form_ask_for_stack_traces()
    {
        Assert.True(StraceOptionParser.Parse(["-k", "true"]).StackTrace);
        Assert.True(StraceOptionParser.Parse(["--stack-traces", "true"]).StackTrace);
        Assert.False(StraceOptionParser.Parse(["true"]).StackTrace);
    }

    [Fact]
    public void Prefixes_of_aliases_of_one_option_are_not_ambiguous()
    {
        Assert.Equal(1, StraceOptionParser.Parse(["--daemoni", "true"]).Daemonize);
        Assert.Equal(StatusFilter.Failed, StraceOptionParser.Parse(["--fail", "true"]).Status);
    }

    [Fact]
    public void An_ambiguous_prefix_lists_the_candidates_in_table_order()
    {
        StraceUsageException e = Fails("--su", "true");
        Assert.Equal("option '--su' is ambiguous; possibilities: '--summary-only' '--summary' '--summary-syscall-overhead' " +
                     "'--summary-sort-by' '--summary-columns' '--summary-wall-clock' '--successful-only'", e.Message);
        Assert.True(e.ShowHelpHint);
    }

    [Theory]
    [InlineData(new[] { "--bogus", "true" }, "unrecognized option '--bogus'", true)]
    [InlineData(new[] { "-j", "true" }, "invalid option -- 'j'", true)]
    [InlineData(new[] { "-o" }, "option requires an argument -- 'o'", true)]
    [InlineData(new[] { "--output" }, "option '--output' requires an argument", true)]
    [InlineData(new[] { "--follow-forks=1", "true" }, "option '--follow-forks' doesn't allow an argument", true)]
    [InlineData(new[] { "-b", "open", "true" }, "Syscall 'open' for -b isn't supported", false)]
    [InlineData(new[] { "-I", "5", "true" }, "invalid -I argument: '5'", true)]
    [InlineData(new[] { "--interruptible=x", "true" }, "invalid --interruptible argument: 'x'", true)]
    [InlineData(new[] { "-U", "name", "true" }, "-U/--summary-columns must be given with (-c/--summary-only or -C/--summary)", true)]
    [InlineData(new[] { "-c", "-U", "foo", "true" }, "unknown column name: 'foo'", true)]
    [InlineData(new[] { "-c", "-U", "time,time_total,time_percent,min", "true" },
        "call summary column has been provided more than once: 'time_percent' (-U option residual: 'time_percent,min')", true)]
    [InlineData(new[] { "-D", "-p", "1" }, "PROG [ARGS] must be specified with -D/--daemonize", true)]
    [InlineData(new[] { "-DDDD", "true" }, "Too many -D's (4), maximum supported -D count is 3", true)]
    [InlineData(new[] { "-D", "--daemonize", "true" }, "-D and --daemonize cannot be provided simultaneously", false)]
    [InlineData(new[] { "-e", "quiet=foo", "true" }, "invalid quiet 'foo'", false)]
    [InlineData(new[] { "-e", "read=x", "true" }, "invalid descriptor 'x'", false)]
    [InlineData(new[] { "-e", "foo=bar", "true" }, "invalid system call 'foo=bar'", false)]
    [InlineData(new[] { "--decode-pids=foo", "true" }, "invalid decode-pids 'foo'", false)]
    [InlineData(new[] { "-e", "kvm=x", "true" }, "invalid -e kvm= argument: 'x'", false)]
    [InlineData(new[] { "-t", "--absolute-timestamps", "true" }, "-t and --absolute-timestamps cannot be provided simultaneously", false)]
    [InlineData(new[] { "-c", "-C", "true" }, "-c/--summary-only and -C/--summary are mutually exclusive", true)]
    [InlineData(new[] { "-w", "true" }, "-w/--summary-wall-clock must be given with (-c/--summary-only or -C/--summary)", true)]
    [InlineData(new[] { "--syscall-limit=0", "true" }, "invalid --syscall-limit argument: '0'", true)]
    public void Errors_read_as_strace_6_1s(string[] args, string message, bool hint)
    {
        StraceUsageException e = Fails(args);
        Assert.Equal(message, e.Message);
        Assert.Equal(hint, e.ShowHelpHint);
    }

    [Fact]
    public void Warnings_are_kept_in_strace_order_and_parsing_goes_on()
    {
        StraceOptions o = StraceOptionParser.Parse(["-F", "-S", "name", "-z", "-Z", "true"]);
        Assert.Equal(
        [
            "option -F is deprecated, please use -f/--follow-forks instead",
            "-S/--summary-sort-by has no effect without (-c/--summary-only or -C/--summary)",
            "Only the last of -z/--successful-only/-Z/--failed-only options will take effect. See status qualifier for more complex filters.",
        ], o.Warnings);
        Assert.True(o.FollowForks);
        Assert.Equal(StatusFilter.Failed, o.Status);
    }

    [Theory]
    [InlineData("-q", QuietMessages.Attach | QuietMessages.Personality)]
    [InlineData("-qq", QuietMessages.Attach | QuietMessages.Personality | QuietMessages.Exit)]
    [InlineData("-qqq", QuietMessages.All)]
    [InlineData("--quiet", QuietMessages.Attach | QuietMessages.Personality)]
    [InlineData("--quiet=exit,superseded", QuietMessages.Exit | QuietMessages.ThreadExecve)]
    [InlineData("--quiet=!attach", QuietMessages.All & ~QuietMessages.Attach)]
    [InlineData("--silence=none", QuietMessages.None)]
    public void Quiet_sets(string option, QuietMessages expected) =>
        Assert.Equal(expected, StraceOptionParser.Parse([option, "true"]).Quiet);

    [Fact]
    public void A_command_traced_into_a_file_has_no_attach_messages_unless_quiet_is_given()
    {
        Assert.Equal(QuietMessages.Attach | QuietMessages.Personality, StraceOptionParser.Parse(["-o", "log", "true"]).Quiet);
        Assert.Equal(QuietMessages.None, StraceOptionParser.Parse(["-o", "log", "-e", "quiet=none", "true"]).Quiet);
        Assert.Equal(QuietMessages.None, StraceOptionParser.Parse(["true"]).Quiet);
    }

    [Theory]
    [InlineData(new[] { "-t" }, TimestampStyle.Time, 0)]
    [InlineData(new[] { "-tt" }, TimestampStyle.Time, 6)]
    [InlineData(new[] { "-ttt" }, TimestampStyle.Unix, 6)]
    [InlineData(new[] { "--absolute-timestamps" }, TimestampStyle.Time, 0)]
    [InlineData(new[] { "--absolute-timestamps=ms" }, TimestampStyle.Time, 3)]
    [InlineData(new[] { "--timestamps=unix,ns" }, TimestampStyle.Unix, 9)]
    [InlineData(new[] { "--absolute-timestamps=format:unix,precision:s" }, TimestampStyle.Unix, 0)]
    [InlineData(new[] { "--absolute-timestamps=none" }, TimestampStyle.None, 0)]
    public void Absolute_timestamps(string[] option, TimestampStyle style, int digits)
    {
        StraceOptions o = StraceOptionParser.Parse([.. option, "true"]);
        Assert.Equal(style, o.Timestamps);
        Assert.Equal(digits, o.TimestampDigits);
    }

    [Fact]
    public void Relative_timestamps_and_syscall_times_take_a_precision()
    {
        StraceOptions o = StraceOptionParser.Parse(["--relative-timestamps=ms", "--syscall-times=ns", "true"]);
        Assert.Equal(3, o.RelativeDigits);
        Assert.Equal(9, o.SyscallTimeDigits);
        Assert.Equal(6, StraceOptionParser.Parse(["-r", "-T", "true"]).SyscallTimeDigits);
    }

    [Fact]
    public void Descriptor_sets()
    {
        StraceOptions o = StraceOptionParser.Parse(["-e", "read=3,1024", "--write=!1", "true"]);
        Assert.True(o.ReadDump!.Contains(3));
        Assert.True(o.ReadDump.Contains(1024));
        Assert.False(o.ReadDump.Contains(4));
        Assert.False(o.WriteDump!.Contains(1));
        Assert.True(o.WriteDump.Contains(5000));
        Assert.True(StraceOptionParser.Parse(["-e", "read=all", "true"]).ReadDump!.Contains(77));
        Assert.False(StraceOptionParser.Parse(["-e", "write=none", "true"]).WriteDump!.Contains(1));
    }

    [Fact]
    public void Abbrev_none_is_v_and_raw_verbose_sets_are_per_syscall()
    {
        Assert.True(StraceOptionParser.Parse(["-e", "abbrev=none", "true"]).Decode.Verbose);
        Assert.True(StraceOptionParser.Parse(["-v", "true"]).Decode.Verbose);
        Assert.False(StraceOptionParser.Parse(["-v", "-e", "abbrev=all", "true"]).Decode.Verbose);
        StraceOptions o = StraceOptionParser.Parse(["-e", "abbrev=%file", "--raw=read", "true"]);
        Assert.True(o.Abbrev!.Contains(SyscallArch.X86_64, 2 /* open */));
        Assert.False(o.Abbrev.Contains(SyscallArch.X86_64, 0 /* read */));
        Assert.True(o.Raw!.Contains(SyscallArch.X86_64, 0));
        Assert.Null(StraceOptionParser.Parse(["-e", "raw=none", "true"]).Raw);
    }

    [Fact]
    public void Personality_designators_select_one_abi()
    {
        SyscallSelection only32 = StraceOptionParser.Parse(["-e", "trace=getpid@32", "true"]).Trace!;
        Assert.True(only32.Contains(SyscallArch.I386, 20));
        Assert.False(only32.Contains(SyscallArch.X86_64, 39));
        SyscallSelection only64 = StraceOptionParser.Parse(["-e", "trace=%process@64", "true"]).Trace!;
        Assert.True(only64.Contains(SyscallArch.X86_64, 59 /* execve */));
        Assert.False(only64.Contains(SyscallArch.I386, 11 /* execve */));
        Assert.Equal("incorrect personality designator '65' in qualification 'getpid@65'", Fails("-e", "trace=getpid@65", "true").Message);
        Assert.Equal("invalid system call 'none'", Fails("-e", "trace=open,none", "true").Message);
        Assert.Equal("invalid status 'all'", Fails("-e", "status=all,failed", "true").Message);
    }

    [Fact]
    public void Options_that_run_and_detach()
    {
        StraceOptions o = StraceOptionParser.Parse(["-b", "execve", "--syscall-limit=5", "-u", "nobody", "-I", "never_tstp", "-DD",
            "--kill-on-exit", "-P", "/tmp/x", "--trace-path=y", "-Y", "true"]);
        Assert.True(o.DetachOnExecve);
        Assert.Equal(5, o.SyscallLimit);
        Assert.Equal("nobody", o.User);
        Assert.Equal(4, o.Interruptible);
        Assert.Equal(2, o.Daemonize);
        Assert.True(o.KillOnExit);
        Assert.Equal(["/tmp/x", "y"], o.TracePaths);
        Assert.True(o.DecodePidComm);
        Assert.Equal(3, StraceOptionParser.Parse(["--daemonize=session", "true"]).Daemonize);
    }

    [Fact]
    public void Summary_columns_and_sort_keys()
    {
        StraceOptions o = StraceOptionParser.Parse(["-c", "-U", "name,shortest,longest,avg_time,total-time,time,count,error", "-S", "max-time", "true"]);
        Assert.Equal(
        [
            SummaryColumn.Name, SummaryColumn.MinTime, SummaryColumn.MaxTime, SummaryColumn.AvgTime, SummaryColumn.TotalTime,
            SummaryColumn.TimePercent, SummaryColumn.Calls, SummaryColumn.Errors,
        ], o.SummaryColumns);
        Assert.Equal(SummarySort.MaxTime, o.SummarySort);
        Assert.Equal(5_000_000, StraceOptionParser.Parse(["-c", "-O", "5ms", "true"]).SummaryOverheadNs);
        Assert.Equal(7_000, StraceOptionParser.Parse(["-c", "-O", "7", "true"]).SummaryOverheadNs);
    }

    [Fact]
    public void Accepted_options_without_effect_here_parse()
    {
        foreach (string[] args in new[]
        {
            new[] { "--tips", "true" }, ["--tips=id:3,format:full", "true"], ["--pidns-translation", "true"],
            ["-e", "kvm=vcpu", "true"], ["-d", "true"], ["--decode-pids=pidns", "true"], ["--seccomp-bpf", "-f", "true"],
            ["-X", "verbose", "true"], ["--const-print-style=abbrev", "true"], ["--strings-in-hex=none", "true"],
        })
        {
            StraceOptionParser.Parse(args);
        }
    }
}
