using System.Text;
using Xunit;

namespace Ptracer.Tests.Differential;

/// <summary>
/// Runs every differential case (../shared/strace-cases beside the clone and
/// tests/strace-cases) once per `// strace-diff:` options line under strace
/// and under `ptracer trace`, and requires the same normalised log, exit
/// status and program stdout. See DifferentialRunner for what is compared.
///
/// Environment:
///   PTRACER_TRACER      tracer command (default: `Ptracer.Cli trace`, the
///                       CLI apphost beside this assembly, else `dotnet
///                       Ptracer.Cli.dll trace`). PTRACER_TRACER=strace checks
///                       the cases and the runner.
///   PTRACER_REFERENCE   reference command (default: strace)
///   PTRACER_DIFF_TIMEOUT seconds per traced run (default 60)
///   PTRACER_DIFF_RETRIES reruns of a mismatching run (default 1)
///   PTRACER_DIFF_KEEP   folder to write both logs of each failing run to
///   PTRACER_REPO_ROOT   repository root (default: the folder with Ptracer.slnx
///                       above this assembly)
/// </summary>
[Collection(StraceDifferentialCollection.Name)]
[Trait("Category", "Differential")]
public sealed class StraceDifferentialTests
{
    private const string NoCases = "<no cases found>";
    private readonly DifferentialSetup setup;

    public StraceDifferentialTests(DifferentialSetup setup) => this.setup = setup;

    public static TheoryData<string, string> Runs() => Data(DifferentialCases.All);

    private static TheoryData<string, string> Data(Func<string, IEnumerable<(string CaseId, string Options)>> runs)
    {
        var data = new TheoryData<string, string>();
        var root = DifferentialCases.RepoRoot();
        if (root != null)
        {
            foreach (var (caseId, options) in runs(root))
                data.Add(caseId, options);
        }
        if (data.Count == 0)
            data.Add(NoCases, "");
        return data;
    }

    /// <summary>The `// strace-diff-m32:` runs: the case built as an i386 program (gcc -m32, gcc-multilib).</summary>
    public static TheoryData<string, string> RunsM32() => Data(DifferentialCases.AllM32);

    [Theory]
    [MemberData(nameof(RunsM32))]
    public void Tracer_log_matches_strace_for_i386_program(string @case, string options) => Check(@case, options, m32: true);

    [Theory]
    [MemberData(nameof(Runs))]
    public void Tracer_log_matches_strace(string @case, string options) => Check(@case, options, m32: false);

    private void Check(string @case, string options, bool m32)
    {
        var root = DifferentialCases.RepoRoot();
        Assert.True(root != null && @case != NoCases,
            $"no differential cases: no Ptracer.slnx above {AppContext.BaseDirectory}, or no .c files in tests/strace-cases");
        var source = DifferentialCases.CasePath(root!, @case);
        Assert.True(File.Exists(source), $"case file {source} is missing");
        var runner = setup.Runner();
        var (_, args) = DifferentialCases.Parse(source);
        var opts = ShellWords.Split(options);

        var result = runner.Compare(source, opts, args, m32);
        if (result.Problems.Count == 0)
            return;

        var message = new StringBuilder();
        message.Append($"{@case}{(m32 ? " (-m32)" : "")} [{options}] differs from strace");
        message.Append($" ({result.Attempts} attempt{(result.Attempts == 1 ? "" : "s")}; tracer: {string.Join(' ', runner.Tracer)})\n  ");
        message.Append(string.Join("\n  ", result.Problems));
        AppendTail(message, "tracer stderr", result.Tracer.Stderr);
        AppendTail(message, "reference stderr", result.Reference.Stderr);
        setup.Keep(@case, options, result);
        Assert.Fail(message.ToString());
    }

    private static void AppendTail(StringBuilder message, string what, string text)
    {
        text = text.Trim();
        if (text.Length == 0)
            return;
        if (text.Length > 1500)
            text = "..." + text[^1500..];
        message.Append($"\n  {what}:\n    ").Append(text.Replace("\n", "\n    "));
    }
}

/// <summary>
/// The differential runs share one working directory per test process, so
/// they must not run in parallel with each other; they also do not run in
/// parallel with other tests, whose load could reorder racy programs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StraceDifferentialCollection : ICollectionFixture<DifferentialSetup>
{
    public const string Name = "strace-differential";
}

/// <summary>
/// Per test process: the tracer and reference commands and the working
/// directory. Paths that the traced programs see (the working directory,
/// the program's name) appear in both logs alike, so the directory only has
/// to be the same for the two runs of one comparison. It is unique per
/// process (and of fixed length) so that concurrent `dotnet test` runs on
/// one machine do not clash.
/// </summary>
public sealed class DifferentialSetup : IDisposable
{
    private readonly string workDir = "/tmp/ptracer-diff-" + Guid.NewGuid().ToString("N")[..8];
    private DifferentialRunner? runner;

    internal DifferentialRunner Runner()
    {
        if (runner != null)
            return runner;
        foreach (var tool in new[] { "gcc", "setarch" })
        {
            Assert.True(InPath(tool), $"the differential tests need '{tool}' in PATH");
        }
        var reference = Command("PTRACER_REFERENCE") ?? new List<string> { "strace" };
        Assert.True(reference[0].Contains('/') || InPath(reference[0], "/usr/bin:/bin"),
            $"the reference tracer '{reference[0]}' is not in /usr/bin:/bin (the PATH the runs get)");
        var tracer = Command("PTRACER_TRACER") ?? DefaultTracer();
        var timeout = TimeSpan.FromSeconds(double.TryParse(System.Environment.GetEnvironmentVariable("PTRACER_DIFF_TIMEOUT"), out var t) ? t : 60);
        int retries = int.TryParse(System.Environment.GetEnvironmentVariable("PTRACER_DIFF_RETRIES"), out var n) ? n : 1;
        return runner = new DifferentialRunner(reference, tracer, workDir, timeout, retries);
    }

    internal void Keep(string caseId, string options, DifferentialRunner.Comparison result)
    {
        var keep = System.Environment.GetEnvironmentVariable("PTRACER_DIFF_KEEP");
        if (string.IsNullOrEmpty(keep))
            return;
        Directory.CreateDirectory(keep);
        var name = new string($"{caseId} {options}".Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
        var b = Path.Combine(keep, name);
        File.WriteAllText(b + ".reference", string.Join("\n", result.Expected) + "\n");
        File.WriteAllText(b + ".tracer", string.Join("\n", result.Actual) + "\n");
        File.WriteAllText(b + ".reference.raw", result.Reference.Log);
        File.WriteAllText(b + ".tracer.raw", result.Tracer.Log);
        File.WriteAllText(b + ".tracer.stderr", result.Tracer.Stderr);
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(workDir))
                Directory.Delete(workDir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static List<string>? Command(string variable)
    {
        var text = System.Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return ShellWords.Split(text);
    }

    /// <summary>
    /// `ptracer trace` from the build output beside this assembly: the CLI's
    /// apphost if there is one, else its dll run by the dotnet host. The CLI
    /// assembly is named Ptracer.Cli (only the published AOT binary is
    /// renamed to ptracer); plain "ptracer" is accepted too.
    /// </summary>
    private static List<string> DefaultTracer()
    {
        var dir = AppContext.BaseDirectory;
        var names = new[] { "ptracer", "Ptracer.Cli" };
        foreach (var name in names)
        {
            var apphost = Path.Combine(dir, name);
            if (File.Exists(apphost))
                return new List<string> { apphost, "trace" };
        }
        foreach (var name in names)
        {
            var dll = Path.Combine(dir, name + ".dll");
            if (File.Exists(dll))
                return new List<string> { DotnetHost(), dll, "trace" };
        }
        Assert.Fail($"no tracer: no ptracer or Ptracer.Cli apphost or dll in {dir} (build src/Ptracer.Cli, or set PTRACER_TRACER)");
        return new List<string>();
    }

    /// <summary>The dotnet host by full path: the runs get PATH=/usr/bin:/bin only.</summary>
    private static string DotnetHost()
    {
        var host = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
            return host;
        var self = System.Environment.ProcessPath;
        if (self != null && Path.GetFileName(self) == "dotnet")
            return self;
        foreach (var d in (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            if (d.Length > 0 && File.Exists(Path.Combine(d, "dotnet")))
                return Path.Combine(d, "dotnet");
        }
        return "dotnet";
    }

    private static bool InPath(string tool, string? path = null)
    {
        path ??= System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        return path.Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, tool)));
    }
}
