using Ptracer.Sandbox;
using Xunit;

namespace Ptracer.Tests.Sandbox;

/// <summary>Path resolution as the kernel does it, seen from this process (its own pid stands for the tracee).</summary>
public sealed class PathResolverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ptracer-paths-").FullName;
    private static int Self => Environment.ProcessId;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (PathResolution, string) Resolve(string path, bool follow = true)
    {
        PathResolution r = PathResolver.Resolve(Self, Self, -100, path, follow, out string resolved);
        return (r, resolved);
    }

    [Fact]
    public void DotDotAndDotAreRemoved()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "a", "b"));
        Assert.Equal((PathResolution.Resolved, Path.Combine(_dir, "a")), Resolve($"{_dir}/a/./b/../"));
    }

    [Fact]
    public void SymlinksAreFollowedAndDotDotIsPhysical()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "real", "inner"));
        File.CreateSymbolicLink(Path.Combine(_dir, "link"), "real/inner");
        // link/.. is real, not _dir: the kernel resolves the symlink before "..".
        Assert.Equal((PathResolution.Resolved, Path.Combine(_dir, "real")), Resolve($"{_dir}/link/.."));
        File.CreateSymbolicLink(Path.Combine(_dir, "abs"), "/etc");
        Assert.Equal((PathResolution.Resolved, "/etc/hostname"), Resolve($"{_dir}/abs/hostname"));
    }

    [Fact]
    public void FinalSymlinkIsKeptWithoutFollow()
    {
        File.CreateSymbolicLink(Path.Combine(_dir, "final"), "/etc/passwd");
        Assert.Equal((PathResolution.Resolved, "/etc/passwd"), Resolve($"{_dir}/final"));
        Assert.Equal((PathResolution.Resolved, Path.Combine(_dir, "final")), Resolve($"{_dir}/final", follow: false));
    }

    [Fact]
    public void SymlinkLoopsAreUnresolvable()
    {
        File.CreateSymbolicLink(Path.Combine(_dir, "loop"), "loop");
        Assert.Equal(PathResolution.Unresolvable, Resolve($"{_dir}/loop/x").Item1);
    }

    [Fact]
    public void RelativePathsUseTheCwdOfTheProcess()
    {
        string cwd = PathResolver.ReadLink($"/proc/{Self}/cwd")!;
        Assert.Equal((PathResolution.Resolved, Path.Combine(cwd == "/" ? "" : cwd, "x").Replace("//", "/")), Resolve("x"));
    }

    [Theory]
    [InlineData("/proc/self/fd/0")]
    [InlineData("/proc/self/root/etc/passwd")]
    [InlineData("/proc/1/root")]
    [InlineData("/proc/1/cwd/x")]
    [InlineData("/proc/thread-self/fd/1")]
    [InlineData("/proc/1/task/1/root/etc")]
    [InlineData("/dev/fd/0")]
    [InlineData("/dev/stdin")]
    [InlineData("/proc/./self/../self/exe")]
    public void ProcMagicLinksAreEscapes(string path) => Assert.Equal(PathResolution.Escape, Resolve(path).Item1);

    [Fact]
    public void ProcSelfMeansTheTraceeNotTheRunner()
    {
        PathResolver.Resolve(12345, 12346, -100, "/proc/self/status", true, out string resolved);
        Assert.Equal("/proc/12345/status", resolved);
        PathResolver.Resolve(12345, 12346, -100, "/proc/thread-self/stat", true, out resolved);
        Assert.Equal("/proc/12345/task/12346/stat", resolved);
    }

    [Fact]
    public void ASlashAfterTheLastNameFollowsItEvenWithoutFollow()
    {
        File.CreateSymbolicLink(Path.Combine(_dir, "dirlink"), "/etc");
        // lstat("dirlink/") looks at /etc, as the kernel's trailing-slash lookup does.
        Assert.Equal((PathResolution.Resolved, "/etc"), Resolve($"{_dir}/dirlink/", follow: false));
        Assert.Equal((PathResolution.Resolved, Path.Combine(_dir, "dirlink")), Resolve($"{_dir}/dirlink", follow: false));
    }

    [Fact]
    public void PathsLongerThanPathMaxAreUnresolvable()
    {
        string longPath = "/" + string.Join('/', Enumerable.Repeat("abcdefgh", 600));
        Assert.Equal(PathResolution.Unresolvable, Resolve(longPath).Item1);
    }

    [Fact]
    public void BytesThatAreNotUtf8ResolveAsTheyAre()
    {
        var resolver = new PathResolver();
        byte[] path = [.. "/tmp/x"u8, 0xff, 0xfe];
        Assert.Equal(PathResolution.Resolved, resolver.Resolve(Self, Self, -100, path, followFinal: true));
        Assert.Equal(path, resolver.Result.ToArray());
        Assert.True(PathResolver.IsUnder(resolver.Result, "/tmp"u8));
    }

    [Fact]
    public void ResolvingAtASyscallStopAllocatesNothing()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "real"));
        File.CreateSymbolicLink(Path.Combine(_dir, "link"), "real");
        var resolver = new PathResolver();
        byte[] path = System.Text.Encoding.UTF8.GetBytes($"{_dir}/link/../real/./file");
        byte[] relative = "relative/file"u8.ToArray();
        resolver.Resolve(Self, Self, -100, path, followFinal: true); // warm up (first calls may resolve P/Invoke stubs)
        resolver.Resolve(Self, Self, -100, relative, followFinal: true);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            resolver.Resolve(Self, Self, -100, path, followFinal: true);
            resolver.Resolve(Self, Self, -100, relative, followFinal: false);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        resolver.Resolve(Self, Self, -100, path, followFinal: true);
        Assert.Equal(Path.Combine(_dir, "real", "file"), System.Text.Encoding.UTF8.GetString(resolver.Result));
    }

    [Theory]
    [InlineData("/usr/lib/x", "/usr/lib", true)]
    [InlineData("/usr/lib", "/usr/lib", true)]
    [InlineData("/usr/libexec", "/usr/lib", false)]
    [InlineData("/anything", "/", true)]
    public void RulesCoverTheirSubtree(string path, string rule, bool under) => Assert.Equal(under, PathResolver.IsUnder(path, rule));
}
