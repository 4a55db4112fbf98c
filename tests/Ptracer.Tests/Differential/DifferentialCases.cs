using System.Text;
using System.Text.RegularExpressions;

namespace Ptracer.Tests.Differential;

/// <summary>
/// Finds the differential C cases and the runs each one asks for, the same
/// way /work/shared/tools/strace-diff does: every <c>// strace-diff: OPTIONS</c>
/// line of a case is one run (a case without such a line is one run with no
/// options), and the last <c>// args: ...</c> line gives the program's
/// arguments. Both lines are split like POSIX shell words (Python's
/// shlex.split).
/// </summary>
internal static partial class DifferentialCases
{
    /// <summary>Prefix of a case id for the shared cases (../shared/strace-cases).</summary>
    public const string SharedSuite = "shared";

    /// <summary>Prefix of a case id for this repository's cases (tests/strace-cases).</summary>
    public const string OwnSuite = "own";

    [GeneratedRegex(@"^\s*//\s*strace-diff:(.*)$")]
    private static partial Regex OptionsLine();

    /// <summary>A run of the case built as a 32-bit (i386) program: <c>// strace-diff-m32: OPTIONS</c>.</summary>
    [GeneratedRegex(@"^\s*//\s*strace-diff-m32:(.*)$")]
    private static partial Regex OptionsLineM32();

    [GeneratedRegex(@"^\s*//\s*args:(.*)$")]
    private static partial Regex ArgsLine();

    /// <summary>
    /// The repository root: the first folder holding Ptracer.slnx, walking up
    /// from the test assembly's folder (or PTRACER_REPO_ROOT when set). Null
    /// when there is none.
    /// </summary>
    public static string? RepoRoot()
    {
        var forced = Environment.GetEnvironmentVariable("PTRACER_REPO_ROOT");
        if (!string.IsNullOrEmpty(forced))
            return Path.GetFullPath(forced);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ptracer.slnx")))
                return dir.FullName;
        }
        return null;
    }

    /// <summary>The folder of a suite; it may not exist (shared/ is beside the clone).</summary>
    public static string SuiteDirectory(string repoRoot, string suite) => suite switch
    {
        SharedSuite => Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "strace-cases")),
        OwnSuite => Path.Combine(repoRoot, "tests", "strace-cases"),
        _ => throw new ArgumentException($"unknown suite '{suite}'", nameof(suite)),
    };

    /// <summary>"own/c01-open-flags.c" -> its full path.</summary>
    public static string CasePath(string repoRoot, string caseId)
    {
        int slash = caseId.IndexOf('/');
        if (slash <= 0)
            throw new ArgumentException($"bad case id '{caseId}'", nameof(caseId));
        return Path.Combine(SuiteDirectory(repoRoot, caseId[..slash]), caseId[(slash + 1)..]);
    }

    /// <summary>Every (case id, options text) pair of both suites, in a stable order.</summary>
    public static IEnumerable<(string CaseId, string Options)> All(string repoRoot) =>
        from suite in new[] { SharedSuite, OwnSuite }
        from name in CaseFiles(repoRoot, suite)
        from options in Parse(Path.Combine(SuiteDirectory(repoRoot, suite), name)).OptionLines
        select ($"{suite}/{name}", options);

    /// <summary>Every (case id, options text) pair of the runs built with gcc -m32 (this repository's cases only).</summary>
    public static IEnumerable<(string CaseId, string Options)> AllM32(string repoRoot) =>
        from name in CaseFiles(repoRoot, OwnSuite)
        from line in File.ReadAllLines(Path.Combine(SuiteDirectory(repoRoot, OwnSuite), name))
        let m = OptionsLineM32().Match(line)
        where m.Success
        select ($"{OwnSuite}/{name}", m.Groups[1].Value.Trim());

    /// <summary>The .c files of a suite, sorted as Python's sorted(os.listdir()); none when the folder is absent.</summary>
    private static List<string> CaseFiles(string repoRoot, string suite)
    {
        var dir = SuiteDirectory(repoRoot, suite);
        if (!Directory.Exists(dir))
            return [];
        var files = Directory.GetFiles(dir, "*.c").Select(Path.GetFileName).OfType<string>().ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>The raw option texts (one per run) and the program arguments of one case.</summary>
    public static (List<string> OptionLines, List<string> Args) Parse(string path)
    {
        var options = new List<string>();
        var args = new List<string>();
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(path));
        foreach (var line in text.Split('\n'))
        {
            var l = line.TrimEnd('\r');
            var m = OptionsLine().Match(l);
            if (m.Success)
                options.Add(m.Groups[1].Value.Trim());
            m = ArgsLine().Match(l);
            if (m.Success)
                args = ShellWords.Split(m.Groups[1].Value);
        }
        if (options.Count == 0)
            options.Add("");
        return (options, args);
    }
}

/// <summary>POSIX shell word splitting, as Python's shlex.split (no comments).</summary>
internal static class ShellWords
{
    public static List<string> Split(string s)
    {
        var words = new List<string>();
        var cur = new StringBuilder();
        bool inWord = false;
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                if (inWord)
                {
                    words.Add(cur.ToString());
                    cur.Clear();
                    inWord = false;
                }
                i++;
            }
            else if (c == '\'')
            {
                inWord = true;
                int end = s.IndexOf('\'', i + 1);
                if (end < 0)
                    throw new FormatException("no closing quotation in: " + s);
                cur.Append(s, i + 1, end - i - 1);
                i = end + 1;
            }
            else if (c == '"')
            {
                inWord = true;
                i++;
                while (true)
                {
                    if (i >= s.Length)
                        throw new FormatException("no closing quotation in: " + s);
                    char d = s[i];
                    if (d == '"')
                    {
                        i++;
                        break;
                    }
                    // inside double quotes a backslash only escapes \ " $ ` and newline
                    if (d == '\\' && i + 1 < s.Length && s[i + 1] is '\\' or '"' or '$' or '`' or '\n')
                    {
                        cur.Append(s[i + 1]);
                        i += 2;
                        continue;
                    }
                    cur.Append(d);
                    i++;
                }
            }
            else if (c == '\\')
            {
                inWord = true;
                if (i + 1 >= s.Length)
                    throw new FormatException("no escaped character in: " + s);
                cur.Append(s[i + 1]);
                i += 2;
            }
            else
            {
                inWord = true;
                cur.Append(c);
                i++;
            }
        }
        if (inWord)
            words.Add(cur.ToString());
        return words;
    }
}
