using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Ptracer.Tests.Differential;

/// <summary>
/// The C# twin of /work/shared/tools/strace-diff: builds a C case with
/// <c>gcc -O1 -static -pthread -w</c>, runs it under the reference strace and
/// under the tracer with ASLR off (<c>setarch -R</c>), the same fixed
/// environment and a fresh copy of the program in the same working directory,
/// normalises both logs (<see cref="StraceLogNormaliser"/>) and compares them,
/// the exit status and the program's stdout.
/// </summary>
internal sealed class DifferentialRunner
{
    /// <summary>The fixed environment of both tracers (and so of the traced program), in this order.</summary>
    public static readonly IReadOnlyList<string> Environment = new[] { "PATH=/usr/bin:/bin", "HOME=/tmp", "LC_ALL=C" };

    private readonly IReadOnlyList<string> reference;
    private readonly IReadOnlyList<string> tracer;
    private readonly string workDir;
    private readonly TimeSpan timeout;
    private readonly int retries;

    public DifferentialRunner(IReadOnlyList<string> reference, IReadOnlyList<string> tracer, string workDir, TimeSpan timeout, int retries)
    {
        this.reference = reference;
        this.tracer = tracer;
        this.workDir = workDir;
        this.timeout = timeout;
        this.retries = retries;
    }

    public IReadOnlyList<string> Tracer => tracer;

    /// <summary>One traced run: how the tracer ended, the program's stdout, the log and the tracer's stderr.</summary>
    public sealed record TraceRun(ChildExit Exit, byte[] Stdout, string Log, string Stderr);

    /// <summary>The outcome of comparing one (case, options) run.</summary>
    public sealed record Comparison(List<string> Problems, TraceRun Reference, TraceRun Tracer, List<string> Expected, List<string> Actual, int Attempts);

    /// <summary>
    /// Build <paramref name="source"/> (cached by content in the temp folder).
    /// </summary>
    public static string Build(string source, bool m32 = false)
    {
        var text = File.ReadAllBytes(source);
        var hash = Convert.ToHexStringLower(SHA1.HashData(text))[..16] + (m32 ? "-m32" : "");
        var cache = Path.Combine(Path.GetTempPath(), "ptracer-diff-cache");
        Directory.CreateDirectory(cache);
        var exe = Path.Combine(cache, hash + "-" + Path.GetFileNameWithoutExtension(source));
        if (File.Exists(exe))
            return exe;
        // build under a unique name and rename: concurrent test runs share the cache
        var partial = exe + ".tmp" + System.Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8];
        var psi = new ProcessStartInfo("gcc")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (m32)
            psi.ArgumentList.Add("-m32");
        foreach (var a in new[] { "-O1", "-static", "-pthread", "-w", "-o", partial, source })
            psi.ArgumentList.Add(a);
        using var gcc = Process.Start(psi) ?? throw new InvalidOperationException("cannot start gcc");
        var stderr = gcc.StandardError.ReadToEndAsync();
        gcc.StandardOutput.ReadToEnd();
        gcc.WaitForExit();
        if (gcc.ExitCode != 0)
        {
            File.Delete(partial);
            var err = stderr.Result.Trim();
            throw new InvalidOperationException("gcc failed: " + (err.Length > 400 ? err[^400..] : err));
        }
        File.Move(partial, exe, overwrite: true);
        return exe;
    }

    /// <summary>Run the program under one tracer in a fresh work directory.</summary>
    public TraceRun Trace(IReadOnlyList<string> tracerCommand, IReadOnlyList<string> options, string exe, IReadOnlyList<string> args)
    {
        if (Directory.Exists(workDir))
            Directory.Delete(workDir, recursive: true);
        Directory.CreateDirectory(workDir);
        var logDir = Directory.CreateTempSubdirectory("sdlog");
        try
        {
            var log = Path.Combine(logDir.FullName, "log");
            var name = Path.GetFileName(exe);
            var local = Path.Combine(workDir, name);
            File.Copy(exe, local);   // keeps the mode bits on Unix
            var argv = new List<string> { "setarch", "-R" };
            argv.AddRange(tracerCommand);
            argv.Add("-o");
            argv.Add(log);
            argv.AddRange(options);
            argv.Add("./" + name);
            argv.AddRange(args);
            var result = ChildProcess.Run(argv, Environment, workDir, timeout);
            var text = File.Exists(log) ? new UTF8Encoding(false, false).GetString(File.ReadAllBytes(log)) : "";
            var stdout = result.Exit == ChildExit.Timeout ? Array.Empty<byte>() : result.Stdout;
            return new TraceRun(result.Exit, stdout, text, Encoding.UTF8.GetString(result.Stderr));
        }
        finally
        {
            logDir.Delete(recursive: true);
        }
    }

    /// <summary>Run one (case, options) under both tracers, retrying a mismatch <c>retries</c> times.</summary>
    public Comparison Compare(string source, IReadOnlyList<string> options, IReadOnlyList<string> args, bool m32 = false)
    {
        var exe = Build(source, m32);
        bool follow = options.Any(o => o.StartsWith("-f", StringComparison.Ordinal));
        Comparison? last = null;
        for (int attempt = 1; attempt <= 1 + retries; attempt++)   // scheduling can reorder a racy program's log
        {
            var r = Trace(reference, options, exe, args);
            var t = Trace(tracer, options, exe, args);
            var expected = StraceLogNormaliser.Normalise(r.Log, follow);
            var actual = StraceLogNormaliser.Normalise(t.Log, follow);
            var problems = new List<string>();
            if (r.Exit != t.Exit)
                problems.Add($"exit status: reference {r.Exit}, tracer {t.Exit}");
            if (!r.Stdout.AsSpan().SequenceEqual(t.Stdout))
                problems.Add($"the program's stdout differs:\n    reference: {Printable(r.Stdout)}\n    tracer:    {Printable(t.Stdout)}");
            if (!expected.SequenceEqual(actual))
                problems.Add("log differs:\n" + string.Join("\n", LineDiff.Unified(expected, actual, "reference", "tracer", 1, 80).Select(l => "    " + l)));
            last = new Comparison(problems, r, t, expected, actual, attempt);
            if (problems.Count == 0)
                break;
        }
        return last!;
    }

    private static string Printable(byte[] bytes)
    {
        var sb = new StringBuilder("\"");
        foreach (var b in bytes.Take(300))
        {
            sb.Append(b switch
            {
                (byte)'\n' => "\\n",
                (byte)'\t' => "\\t",
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                >= 0x20 and < 0x7f => ((char)b).ToString(),
                _ => $"\\x{b:x2}",
            });
        }
        sb.Append('"');
        if (bytes.Length > 300)
            sb.Append("...");
        return sb.ToString();
    }
}

/// <summary>A small line diff (longest common subsequence) printed in unified format.</summary>
internal static class LineDiff
{
    public static List<string> Unified(IReadOnlyList<string> a, IReadOnlyList<string> b, string nameA, string nameB, int context, int maxLines)
    {
        var ops = Script(a, b);   // (kind, index in a, index in b): ' ' '-' '+'
        var output = new List<string> { "--- " + nameA, "+++ " + nameB };
        var changed = Enumerable.Range(0, ops.Count).Where(k => ops[k].Kind != ' ').ToList();
        int c = 0;
        while (c < changed.Count)
        {
            // one hunk: changes whose gaps of equal lines are at most 2*context
            int last = c;
            while (last + 1 < changed.Count && changed[last + 1] - changed[last] - 1 <= 2 * context)
                last++;
            int start = Math.Max(0, changed[c] - context);
            int end = Math.Min(ops.Count, changed[last] + context + 1);
            int aLen = 0, bLen = 0;
            for (int k = start; k < end; k++)
            {
                if (ops[k].Kind != '+') aLen++;
                if (ops[k].Kind != '-') bLen++;
            }
            output.Add($"@@ -{ops[start].A + 1},{aLen} +{ops[start].B + 1},{bLen} @@");
            for (int k = start; k < end; k++)
            {
                var o = ops[k];
                output.Add(o.Kind + " " + (o.Kind == '+' ? b[o.B] : a[o.A]));
            }
            c = last + 1;
        }
        if (output.Count > maxLines + 2)
        {
            output = output.Take(maxLines + 2).ToList();
            output.Add("...");
        }
        return output;
    }

    private static List<(char Kind, int A, int B)> Script(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        // trim the common head and tail, then an LCS table over the middle
        int head = 0;
        while (head < a.Count && head < b.Count && a[head] == b[head])
            head++;
        int tail = 0;
        while (tail < a.Count - head && tail < b.Count - head && a[a.Count - 1 - tail] == b[b.Count - 1 - tail])
            tail++;
        int n = a.Count - head - tail, m = b.Count - head - tail;
        var ops = new List<(char, int, int)>();
        for (int k = 0; k < head; k++)
            ops.Add((' ', k, k));
        if ((long)n * m > 4_000_000)
        {
            // too big for the table: everything in the middle differs
            for (int k = 0; k < n; k++)
                ops.Add(('-', head + k, head));
            for (int k = 0; k < m; k++)
                ops.Add(('+', head + n, head + k));
        }
        else
        {
            var lcs = new int[n + 1, m + 1];
            for (int x = n - 1; x >= 0; x--)
                for (int y = m - 1; y >= 0; y--)
                    lcs[x, y] = a[head + x] == b[head + y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
            int p = 0, q = 0;
            while (p < n || q < m)
            {
                if (p < n && q < m && a[head + p] == b[head + q])
                {
                    ops.Add((' ', head + p, head + q));
                    p++;
                    q++;
                }
                else if (p < n && (q == m || lcs[p + 1, q] >= lcs[p, q + 1]))
                {
                    ops.Add(('-', head + p, head + q));
                    p++;
                }
                else
                {
                    ops.Add(('+', head + p, head + q));
                    q++;
                }
            }
        }
        for (int k = 0; k < tail; k++)
            ops.Add((' ', a.Count - tail + k, b.Count - tail + k));
        return ops;
    }
}
