using System.Text;
using System.Text.RegularExpressions;

namespace Ptracer.Tests.Differential;

/// <summary>
/// Normalises a strace-format log so that two runs of the same program can be
/// compared line by line. This is a port of normalise() in
/// /work/shared/tools/strace-diff with two deliberate differences, both marked
/// below: the `&lt;unfinished ...&gt;` join is exact, and the envp pointer of
/// the first execve line is masked.
/// </summary>
internal static partial class StraceLogNormaliser
{
    private const string Unfinished = "<unfinished ...>";

    [GeneratedRegex(@"^(?:\[pid\s+)?(\d+)\]?\s+(.*)$")]
    private static partial Regex PidLine();

    [GeneratedRegex(@"^(?:clone3?|fork|vfork)\(.*\)\s*= (\d+)")]
    private static partial Regex ChildCreated();

    [GeneratedRegex(@"^<\.\.\. [\w]+ resumed>(.*)$")]
    private static partial Regex Resumed();

    [GeneratedRegex(@"^set_tid_address\(.*\)\s*= (\d+)")]
    private static partial Regex SetTidAddress();

    [GeneratedRegex(@"\bsi_pid=(\d+)")]
    private static partial Regex SiPid();

    [GeneratedRegex(@"^\d+(:\d+:\d+)?(\.\d+)? ")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"getrandom\(""(?:[^""\\]|\\.)*""(\.\.\.)?")]
    private static partial Regex GetRandom();

    [GeneratedRegex(@"^(T )?getppid\(\)\s*= \d+")]
    private static partial Regex GetPpid();

    [GeneratedRegex(@"\b(pipe|socket|anon_inode):\[\d+\]")]
    private static partial Regex InodeName();

    [GeneratedRegex(@"\b(d_ino|st_ino|stx_ino)=\d+")]
    private static partial Regex InodeField();

    [GeneratedRegex(@"<\d+\.\d+>")]
    private static partial Regex Duration();

    [GeneratedRegex(@"\s+= ")]
    private static partial Regex Alignment();

    // The first execve's envp pointer: `0x7fffffffedf0 /* 3 vars */`.
    [GeneratedRegex(@"0x[0-9a-f]+ (/\* \d+ vars? \*/)", RegexOptions.RightToLeft)]
    private static partial Regex EnvpPointer();

    /// <summary>
    /// Split a log into one list of lines per process (in order of first
    /// appearance), with each `&lt;unfinished ...&gt;` line joined to its
    /// `&lt;... NAME resumed&gt;` line.
    /// </summary>
    public static (Dictionary<string, List<string>> PerPid, List<string> Order) Streams(string text, bool follow)
    {
        var per = new Dictionary<string, List<string>>();
        var order = new List<string>();
        foreach (var line in SplitLines(text))
        {
            string pid = "-", body = line;
            if (follow)
            {
                var m = PidLine().Match(line);
                if (m.Success)
                {
                    pid = m.Groups[1].Value;
                    body = m.Groups[2].Value;
                }
            }
            if (!per.TryGetValue(pid, out var lines))
            {
                per[pid] = lines = new List<string>();
                order.Add(pid);
            }
            var r = Resumed().Match(body);
            if (r.Success && lines.Count > 0 && lines[^1].EndsWith(Unfinished, StringComparison.Ordinal))
            {
                // Deliberate difference from strace-diff, which strips the
                // marker and then every trailing blank: strace prints the
                // entering half as `wait4(123, ` + ` <unfinished ...>`, so
                // dropping exactly " <unfinished ...>" rebuilds the line as it
                // reads when the call was not interrupted by another process's
                // output (`wait4(123, [{...}], 0, NULL)`), where strace-diff's
                // join gives `wait4(123,[{...}]...`. Whether strace splits a
                // line depends on scheduling, and a tracer that interleaves its
                // output differently must still compare equal.
                var last = lines[^1];
                var head = last.EndsWith(" " + Unfinished, StringComparison.Ordinal)
                    ? last[..^(Unfinished.Length + 1)]
                    : last[..^Unfinished.Length].TrimEnd();
                lines[^1] = head + r.Groups[1].Value;
            }
            else
            {
                lines.Add(body);
            }
        }
        return (per, order);
    }

    /// <summary>The normalised lines of a log: `PIDn body`, one process after another.</summary>
    public static List<string> Normalise(string text, bool follow)
    {
        var (per, order) = Streams(text, follow);
        var result = new List<string>();
        if (order.Count == 0)
            return result;

        // Deliberate difference from strace-diff: mask the envp pointer of the
        // first execve line (the last `0x... /* N vars */` in it: envp follows argv). That execve is the tracer's own exec of the
        // program, so the pointer is an address inside the tracer's pre-exec
        // copy of the environment (on its stack or heap): it depends on the
        // tracer's own argv length and memory layout, not on the traced
        // program, and it differs between strace and any other tracer.
        var first = per[order[0]];
        if (first.Count > 0 && first[0].StartsWith("execve(", StringComparison.Ordinal))
            first[0] = EnvpPointer().Replace(first[0], "ENVP $1", 1);

        // number processes by descent from the first one, in the order each was created
        var names = new Dictionary<string, string>();
        var nameOrder = new List<string>();   // insertion order, as a Python dict
        void Name(string raw, string name)
        {
            if (names.TryAdd(raw, name))
                nameOrder.Add(raw);
        }
        var queue = new Queue<string>();
        queue.Enqueue(order[0]);
        while (queue.Count > 0)
        {
            var pid = queue.Dequeue();
            if (names.ContainsKey(pid))
                continue;
            Name(pid, "PID" + (names.Count + 1));
            if (per.TryGetValue(pid, out var bodies))
            {
                foreach (var body in bodies)
                {
                    var m = ChildCreated().Match(body);
                    if (m.Success)
                        queue.Enqueue(m.Groups[1].Value);
                }
            }
        }
        foreach (var pid in order)
        {
            if (!names.ContainsKey(pid))
                Name(pid, "PID" + (names.Count + 1));
        }
        foreach (var body in per[order[0]])   // a thread's id as the first process sees it
        {
            var m = SetTidAddress().Match(body);
            if (m.Success && !names.ContainsKey(m.Groups[1].Value))
                Name(m.Groups[1].Value, "PID1");
        }
        foreach (var pid in order)   // senders seen only in siginfo
        {
            foreach (var body in per[pid])
            {
                foreach (Match m in SiPid().Matches(body))
                {
                    if (!names.ContainsKey(m.Groups[1].Value))
                        Name(m.Groups[1].Value, "PID" + (names.Count + 1));
                }
            }
        }

        var replacers = nameOrder
            .Where(raw => raw != "-")
            .Select(raw => (Pattern: new Regex(@"(?<![\w.])" + Regex.Escape(raw) + @"(?![\w.])"), Name: names[raw]))
            .ToList();
        // one process after another (a stable sort, as Python's sorted)
        foreach (var pid in order.OrderBy(p => int.Parse(names[p].AsSpan(3))))
        {
            foreach (var original in per[pid])
            {
                var body = original;
                foreach (var (pattern, name) in replacers)
                    body = pattern.Replace(body, name);
                body = Timestamp().Replace(body, "T ", 1);
                body = GetRandom().Replace(body, "getrandom(\"RANDOM\"");
                body = GetPpid().Replace(body, "${1}getppid() = PPID", 1);
                body = InodeName().Replace(body, "$1:[INODE]");
                body = InodeField().Replace(body, "$1=INODE");
                body = Duration().Replace(body, "<T>");
                body = Alignment().Replace(body, " = ");   // column alignment is cosmetic
                result.Add(names[pid] + " " + body.TrimEnd());
            }
        }
        return result;
    }

    /// <summary>Python's str.splitlines(): no empty last line, every line-break kind.</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var cur = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                lines.Add(cur.ToString());
                cur.Clear();
            }
            else
            {
                cur.Append(c);
            }
        }
        if (cur.Length > 0)
            lines.Add(cur.ToString());
        return lines;
    }
}
