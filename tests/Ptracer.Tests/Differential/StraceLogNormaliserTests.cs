using Xunit;

namespace Ptracer.Tests.Differential;

/// <summary>The differential runner's own pieces, checked without tracing anything.</summary>
public sealed class StraceLogNormaliserTests
{
    [Fact]
    public void Pids_are_numbered_by_descent_and_unfinished_lines_are_joined_exactly()
    {
        const string log =
            "100   execve(\"./p\", [\"./p\"], 0x7fffffffedf8 /* 3 vars */) = 0\n" +
            "100   set_tid_address(0x4af650)         = 100\n" +
            "100   clone(child_stack=NULL, flags=SIGCHLD, child_tidptr=0x4af650) = 205\n" +
            "100   wait4(205,  <unfinished ...>\n" +
            "205   getppid()                         = 100\n" +
            "205   exit_group(7)                     = ?\n" +
            "205   +++ exited with 7 +++\n" +
            "100   <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 7}], 0, NULL) = 205\n" +
            "100   --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=205, si_uid=0, si_status=7, si_utime=0, si_stime=0} ---\n" +
            "100   vfork( <unfinished ...>\n" +
            "100   <... vfork resumed>)              = 206\n" +
            "100   +++ exited with 0 +++\n";
        var lines = StraceLogNormaliser.Normalise(log, follow: true);
        Assert.Equal(new[]
        {
            "PID1 execve(\"./p\", [\"./p\"], ENVP /* 3 vars */) = 0",
            "PID1 set_tid_address(0x4af650) = PID1",
            "PID1 clone(child_stack=NULL, flags=SIGCHLD, child_tidptr=0x4af650) = PID2",
            "PID1 wait4(PID2, [{WIFEXITED(s) && WEXITSTATUS(s) == 7}], 0, NULL) = PID2",
            "PID1 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=PID2, si_uid=0, si_status=7, si_utime=0, si_stime=0} ---",
            "PID1 vfork() = PID3",
            "PID1 +++ exited with 0 +++",
            "PID2 getppid() = PID1",   // the pid is replaced before the getppid mask, as in strace-diff
            "PID2 exit_group(7) = ?",
            "PID2 +++ exited with 7 +++",
        }, lines);
    }

    [Fact]
    public void Split_and_unsplit_forms_of_a_call_compare_equal()
    {
        var split = StraceLogNormaliser.Normalise(
            "1 rt_sigprocmask(SIG_SETMASK, [],  <unfinished ...>\n2 rseq(0x1, 0x20, 0, 0x53053053) = 0\n1 <... rt_sigprocmask resumed>NULL, 8) = 0\n", true);
        var whole = StraceLogNormaliser.Normalise(
            "1 rt_sigprocmask(SIG_SETMASK, [], NULL, 8) = 0\n2 rseq(0x1, 0x20, 0, 0x53053053) = 0\n", true);
        Assert.Equal(whole, split);
    }

    [Fact]
    public void Only_the_first_execve_envp_pointer_is_masked()
    {
        var lines = StraceLogNormaliser.Normalise(
            "execve(\"./p\", [\"./p\", \"0x1 /* 1 var */\"], 0x7ffe0 /* 1 var */) = 0\n" +
            "execve(\"./p\", [\"./p\"], 0x7fffffffeb90 /* 2 vars */) = 0\n", false);
        Assert.Equal("PID1 execve(\"./p\", [\"./p\", \"0x1 /* 1 var */\"], ENVP /* 1 var */) = 0", lines[0]);
        Assert.Equal("PID1 execve(\"./p\", [\"./p\"], 0x7fffffffeb90 /* 2 vars */) = 0", lines[1]);
    }

    [Fact]
    public void Volatile_values_are_masked()
    {
        var lines = StraceLogNormaliser.Normalise(
            "getrandom(\"\\x8c\\xf7\\xda\\x20\", 4, GRND_NONBLOCK) = 4\n" +
            "set_tid_address(0x4ac650)               = 3865\n" +
            "getpid()                                = 3865\n" +
            "pipe2([3<pipe:[9166]>, 4<pipe:[9166]>], 0) = 0\n" +
            "getdents64(3, [{d_ino=11657570, d_off=1}], 4096) = 24\n", false);
        Assert.Equal(new[]
        {
            "PID1 getrandom(\"RANDOM\", 4, GRND_NONBLOCK) = 4",
            "PID1 set_tid_address(0x4ac650) = PID1",
            "PID1 getpid() = PID1",
            "PID1 pipe2([3<pipe:[INODE]>, 4<pipe:[INODE]>], 0) = 0",
            "PID1 getdents64(3, [{d_ino=INODE, d_off=1}], 4096) = 24",
        }, lines);
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("-e trace=%file -y", new[] { "-e", "trace=%file", "-y" })]
    [InlineData("-e 'trace=!write, read' -s\t4", new[] { "-e", "trace=!write, read", "-s", "4" })]
    [InlineData("a\"b c\"d e\\ f \"x\\\"y\\n\"", new[] { "ab cd", "e f", "x\"y\\n" })]
    public void Option_lines_split_like_shlex(string text, string[] words)
    {
        Assert.Equal(words, ShellWords.Split(text));
    }

    [Fact]
    public void The_diff_shows_changed_lines_with_context()
    {
        var diff = LineDiff.Unified(new[] { "a", "b", "c", "d", "e" }, new[] { "a", "b", "X", "d", "e" }, "reference", "tracer", 1, 80);
        Assert.Equal(new[] { "--- reference", "+++ tracer", "@@ -2,3 +2,3 @@", "  b", "- c", "+ X", "  d" }, diff);
    }
}
