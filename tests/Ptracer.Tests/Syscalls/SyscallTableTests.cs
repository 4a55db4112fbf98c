using System.Collections;
using System.Text.RegularExpressions;
using Ptracer.Syscalls;
using Ptracer.Tests.TestSupport;
using Xunit;

namespace Ptracer.Tests.Syscalls;

public sealed partial class SyscallTableTests
{
    private const string HeaderDir = "/usr/include/x86_64-linux-gnu/asm";

    public static TheoryData<string> Abis => new() { "x86_64", "i386" };

    [Theory]
    [MemberData(nameof(Abis))]
    public void EveryEntryRoundTripsByNumberAndName(string abi)
    {
        SyscallTableSet table = TableOf(abi);
        Assert.NotEmpty(table.All);
        foreach (SyscallDef def in table.All)
        {
            Assert.Same(def, table.ByNumber(def.Number));
            // An i386 socketcall/ipc subcall shares its name with the kernel's syscall of that name, which the name finds.
            SyscallDef named = table.ByName(def.Name)!;
            if (!ReferenceEquals(def, named))
            {
                Assert.True(Ptracer.Strace.I386Subcalls.MultiplexerOf(def.Number) is not null, $"{def.Name} {def.Number} is named twice");
                Assert.True(named.Number < def.Number);
            }
            Assert.Same(named, table.ByName(def.Name.AsSpan()));
            Assert.True(table.TryGetNumber(def.Name, out int number));
            Assert.Equal(named.Number, number);
        }
    }

    [Theory]
    [InlineData(1, "socket")]
    [InlineData(8, "socketpair")]
    [InlineData(9, "send")]
    [InlineData(10, "recv")]
    [InlineData(20, "sendmmsg")]
    public void I386SocketcallSubcallsHaveNumbersOfTheirOwn(int call, string name)
    {
        SyscallDef? def = SyscallTable.I386.ByNumber(Ptracer.Strace.I386Subcalls.FirstSocketSubcall + call);
        Assert.Equal(name, def?.Name);
        Assert.Equal(Ptracer.Strace.I386Subcalls.Socketcall, Ptracer.Strace.I386Subcalls.MultiplexerOf(def!.Number));
    }

    [Theory]
    [InlineData("x86_64", "read", 0)]
    [InlineData("x86_64", "openat", 257)]
    [InlineData("x86_64", "execve", 59)]
    [InlineData("x86_64", "clone3", 435)]
    [InlineData("x86_64", "newfstatat", 262)]
    [InlineData("x86_64", "pread64", 17)]
    [InlineData("i386", "execve", 11)]
    [InlineData("i386", "socketcall", 102)]
    [InlineData("i386", "_llseek", 140)]
    [InlineData("i386", "_newselect", 142)]
    [InlineData("i386", "mmap2", 192)]
    public void KnownNumbers(string abi, string name, int number)
    {
        SyscallTableSet table = TableOf(abi);
        Assert.True(table.TryGetNumber(name, out int found));
        Assert.Equal(number, found);
        Assert.Equal(name, table.ByNumber(number)?.Name);
    }

    [Theory]
    [InlineData("x86_64", "unistd_64.h")]
    [InlineData("i386", "unistd_32.h")]
    public void EveryHeaderSyscallIsInTheTable(string abi, string header)
    {
        SyscallTableSet table = TableOf(abi);
        var numbers = ReadHeader(Path.Combine(HeaderDir, header));
        Assert.NotEmpty(numbers);
        foreach ((string name, int number) in numbers)
            Assert.Equal(name, table.ByNumber(number)?.Name);
        // The i386 table also numbers socketcall and ipc subcalls past the kernel's syscalls (I386Subcalls).
        var kernel = table.All.Where(d => Ptracer.Strace.I386Subcalls.MultiplexerOf(d.Number) is null).ToList();
        Assert.Equal(numbers.Count, kernel.Count);
        Assert.Equal(numbers.Values.Max(), kernel.Max(d => d.Number));
    }

    [Fact]
    public void GapsAndOutOfRangeNumbersHaveNoEntry()
    {
        Assert.Null(SyscallTable.X86_64.ByNumber(-1));
        Assert.Null(SyscallTable.X86_64.ByNumber(335));
        Assert.Null(SyscallTable.X86_64.ByNumber(SyscallTable.X86_64.MaxNumber + 1));
        Assert.Null(SyscallTable.X86_64.ByNumber(long.MaxValue));
        Assert.Null(SyscallTable.I386.ByNumber(222));
        Assert.Null(SyscallTable.X86_64.ByName("no_such_syscall"));
        Assert.False(SyscallTable.I386.TryGetNumber("newfstatat", out _));
    }

    [Fact]
    public void LookupPicksTheTableOfTheArch()
    {
        Assert.Same(SyscallTable.X86_64, SyscallTable.For(SyscallArch.X86_64));
        Assert.Same(SyscallTable.I386, SyscallTable.For(SyscallArch.I386));
        Assert.Same(SyscallTable.X86_64, SyscallTable.For(SyscallArch.X32));
        Assert.Equal("openat", SyscallTable.Lookup(SyscallArch.X86_64, 257)?.Name);
        Assert.Equal("openat", SyscallTable.Lookup(SyscallArch.X32, SyscallTable.X32SyscallBit | 257)?.Name);
        Assert.Null(SyscallTable.Lookup(SyscallArch.X86_64, SyscallTable.X32SyscallBit | 257));
        Assert.Equal("execve", SyscallTable.Lookup(SyscallArch.I386, 11)?.Name);
        Assert.Null(SyscallTable.Lookup(SyscallArch.I386, -1));
    }

    [Fact]
    public void LookupDoesNotAllocate()
    {
        SyscallTable.Lookup(SyscallArch.X86_64, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int found = 0;
        for (long n = -2; n < 600; n++)
        {
            if (SyscallTable.Lookup(SyscallArch.X86_64, n) is not null) found++;
            if (SyscallTable.Lookup(SyscallArch.I386, n) is not null) found++;
            if (SyscallTable.Lookup(SyscallArch.X32, n | SyscallTable.X32SyscallBit) is not null) found++;
        }
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(found > 700);
    }

    [Theory]
    [InlineData("x86_64", "read", new[] { ArgKind.Fd, ArgKind.ReadBuffer, ArgKind.Size }, ReturnKind.Decimal)]
    [InlineData("x86_64", "openat", new[] { ArgKind.AtDirFd, ArgKind.Path, ArgKind.OpenFlags, ArgKind.Mode }, ReturnKind.Fd)]
    [InlineData("x86_64", "mmap", new[] { ArgKind.Pointer, ArgKind.ULong, ArgKind.MmapProt, ArgKind.MmapFlags, ArgKind.Fd, ArgKind.Hex }, ReturnKind.Hex)]
    [InlineData("x86_64", "execve", new[] { ArgKind.Path, ArgKind.StringArray, ArgKind.EnvArray }, ReturnKind.Decimal)]
    [InlineData("x86_64", "exit_group", new[] { ArgKind.Int }, ReturnKind.NoReturn)]
    [InlineData("x86_64", "wait4", new[] { ArgKind.Pid, ArgKind.WaitStatusOut, ArgKind.WaitOptions, ArgKind.RusageOut }, ReturnKind.Pid)]
    [InlineData("x86_64", "umask", new[] { ArgKind.Umask }, ReturnKind.Octal)]
    [InlineData("x86_64", "getpid", new ArgKind[0], ReturnKind.Pid)]
    [InlineData("i386", "mmap", new[] { ArgKind.OldMmapArgs }, ReturnKind.Hex)]
    [InlineData("i386", "mmap2", new[] { ArgKind.Pointer, ArgKind.ULong, ArgKind.MmapProt, ArgKind.MmapFlags, ArgKind.Fd, ArgKind.PageOffset }, ReturnKind.Hex)]
    [InlineData("i386", "_llseek", new[] { ArgKind.Fd, ArgKind.Offset64HiLo, ArgKind.Offset64PtrOut, ArgKind.Whence }, ReturnKind.Decimal)]
    [InlineData("i386", "setuid", new[] { ArgKind.Uid16 }, ReturnKind.Decimal)]
    [InlineData("i386", "setuid32", new[] { ArgKind.Uid }, ReturnKind.Decimal)]
    public void Signatures(string abi, string name, ArgKind[] args, ReturnKind ret)
    {
        SyscallDef def = TableOf(abi).ByName(name)!;
        Assert.Equal(args, def.Args);
        Assert.Equal(ret, def.Return);
    }

    [Theory]
    [InlineData("openat", SyscallClass.File | SyscallClass.Desc)]
    [InlineData("execve", SyscallClass.File | SyscallClass.Process | SyscallClass.SeccompDefault)]
    [InlineData("exit_group", SyscallClass.Process)]
    [InlineData("kill", SyscallClass.Signal | SyscallClass.Process)]
    [InlineData("getpid", SyscallClass.Pure)]
    [InlineData("newfstatat", SyscallClass.File | SyscallClass.Desc | SyscallClass.FStat | SyscallClass.StatLike)]
    [InlineData("statfs", SyscallClass.File | SyscallClass.StatFs | SyscallClass.StatFsLike)]
    [InlineData("sendfile", SyscallClass.Desc | SyscallClass.Network)]
    [InlineData("prctl", SyscallClass.Creds)]
    [InlineData("clock_gettime", SyscallClass.Clock)]
    [InlineData("shmat", SyscallClass.Ipc | SyscallClass.Memory)]
    [InlineData("pidfd_open", SyscallClass.Desc)]
    [InlineData("nanosleep", SyscallClass.None)]
    public void X86_64Classes(string name, SyscallClass classes) =>
        Assert.Equal(classes, SyscallTable.X86_64.ByName(name)!.Classes);

    [Fact]
    public void EveryArgumentListFitsTheArgumentRegisters()
    {
        foreach (SyscallDef def in SyscallTable.X86_64.All)
            Assert.True(Registers(def, wide: true) <= 6, def.Name);
        foreach (SyscallDef def in SyscallTable.I386.All)
            Assert.True(Registers(def, wide: false) <= 6, def.Name);
    }

    [Theory]
    [InlineData("%file", SyscallClass.File)]
    [InlineData("file", SyscallClass.File)]
    [InlineData("%process", SyscallClass.Process)]
    [InlineData("process", SyscallClass.Process)]
    [InlineData("%net", SyscallClass.Network)]
    [InlineData("%network", SyscallClass.Network)]
    [InlineData("network", SyscallClass.Network)]
    [InlineData("%signal", SyscallClass.Signal)]
    [InlineData("signal", SyscallClass.Signal)]
    [InlineData("%ipc", SyscallClass.Ipc)]
    [InlineData("ipc", SyscallClass.Ipc)]
    [InlineData("%desc", SyscallClass.Desc)]
    [InlineData("desc", SyscallClass.Desc)]
    [InlineData("%memory", SyscallClass.Memory)]
    [InlineData("memory", SyscallClass.Memory)]
    [InlineData("%creds", SyscallClass.Creds)]
    [InlineData("%clock", SyscallClass.Clock)]
    [InlineData("%stat", SyscallClass.Stat)]
    [InlineData("%lstat", SyscallClass.LStat)]
    [InlineData("%fstat", SyscallClass.FStat)]
    [InlineData("%%stat", SyscallClass.StatLike)]
    [InlineData("%statfs", SyscallClass.StatFs)]
    [InlineData("%fstatfs", SyscallClass.FStatFs)]
    [InlineData("%%statfs", SyscallClass.StatFsLike)]
    [InlineData("%pure", SyscallClass.Pure)]
    [InlineData("%seccomp_default", SyscallClass.SeccompDefault)]
    public void ClassNamesParse(string name, SyscallClass expected)
    {
        Assert.True(SyscallClassNames.TryParse(name, out SyscallClass cls));
        Assert.Equal(expected, cls);
        Assert.Equal(expected, SyscallClassNames.Parse(name));
    }

    [Theory]
    [InlineData("net")]
    [InlineData("creds")]
    [InlineData("pure")]
    [InlineData("stat")]
    [InlineData("%FILE")]
    [InlineData("%")]
    [InlineData("")]
    public void NonClassNamesDoNotParse(string name)
    {
        Assert.False(SyscallClassNames.TryParse(name, out _));
        Assert.Throws<FormatException>(() => SyscallClassNames.Parse(name));
    }

    [Fact]
    public void GeneratedTablesAreUpToDate()
    {
        string root = RepoRoot();
        string outDir = Directory.CreateTempSubdirectory("ptracer-gen-syscalls-").FullName;
        try
        {
            RunGenerator(root, outDir);
            foreach (string file in new[] { "SyscallTable.X86_64.g.cs", "SyscallTable.I386.g.cs" })
            {
                string committed = File.ReadAllText(Path.Combine(root, "src", "Ptracer", "Syscalls", file));
                Assert.True(committed == File.ReadAllText(Path.Combine(outDir, file)),
                    $"{file} is stale: run python3 tools/gen-syscalls.py");
            }
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    private static SyscallTableSet TableOf(string abi) => abi == "i386" ? SyscallTable.I386 : SyscallTable.X86_64;

    private static int Registers(SyscallDef def, bool wide) =>
        def.Args.Sum(kind => kind switch
        {
            ArgKind.SigreturnMask => 0,
            ArgKind.OffsetLoHi or ArgKind.Offset64HiLo => 2,
            ArgKind.Offset64 or ArgKind.UInt64 or ArgKind.FanotifyMask => wide ? 1 : 2,
            _ => 1,
        });

    private static Dictionary<string, int> ReadHeader(string path) =>
        File.ReadLines(path)
            .Select(line => HeaderLine().Match(line))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value));

    // posix_spawn, not System.Diagnostics.Process: the tests' tracers must be the only reapers of children.
    private static void RunGenerator(string root, string outDir)
    {
        string errors = Path.Combine(outDir, "stderr");
        string[] environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Select(e => $"{e.Key}={e.Value}").ToArray();
        int pid = PosixSpawn.Start(FindOnPath("python3"),
            ["python3", Path.Combine(root, "tools", "gen-syscalls.py"), "--out-dir", outDir],
            stderrPath: errors, environment: environment);
        int status = TestNative.Reap(pid, TimeSpan.FromSeconds(60));
        Assert.True(status == 0, $"gen-syscalls.py failed ({status:x}): {File.ReadAllText(errors)}");
        File.Delete(errors);
    }

    private static string FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists) ?? throw new FileNotFoundException(program + " is not on PATH");

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tools", "gen-syscalls.py")))
                return dir.FullName;
        }
        throw new InvalidOperationException("cannot find the repository root from " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^#define\s+__NR_(\w+)\s+(\d+)\s*$")]
    private static partial Regex HeaderLine();
}
