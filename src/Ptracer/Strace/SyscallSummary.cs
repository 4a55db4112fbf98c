using System.Globalization;
using Ptracer.Syscalls;

namespace Ptracer.Strace;

/// <summary>-S: the column the -c table is sorted by (descending, except name).</summary>
public enum SummarySort
{
    Time,
    MinTime,
    MaxTime,
    AvgTime,
    Calls,
    Errors,
    Name,
    Nothing,
}

/// <summary>
/// -c / -C: counts, errors and time per syscall, printed in strace's table. Time is the tracee's system CPU time
/// between entry and exit by default (what wait4 reports at the stops), wall-clock latency with -w. Rows start in
/// syscall-number order and are sorted stably, as strace's are.
/// </summary>
public sealed class SyscallSummary
{
    private readonly Dictionary<(SyscallArch, int), Row> _rows = [];

    public void Record(SyscallArch arch, int number, string name, long elapsedTicks, bool failed)
    {
        if (!_rows.TryGetValue((arch, number), out Row? row))
        {
            row = new Row(arch, number, name);
            _rows.Add((arch, number), row);
        }
        row.Calls++;
        if (failed) row.Errors++;
        row.Ticks += Math.Max(0, elapsedTicks);
    }

    public void Write(TextBuilder b, SummarySort sort)
    {
        List<Row> rows = [.. _rows.Values.OrderBy(r => r.Arch).ThenBy(r => r.Number)];
        rows = sort switch
        {
            SummarySort.Time => [.. rows.OrderByDescending(r => r.Ticks)],
            SummarySort.Calls => [.. rows.OrderByDescending(r => r.Calls)],
            SummarySort.Errors => [.. rows.OrderByDescending(r => r.Errors)],
            SummarySort.Name => [.. rows.OrderBy(r => r.Name, StringComparer.Ordinal)],
            _ => rows,
        };
        long totalTicks = rows.Sum(r => r.Ticks);
        long totalCalls = rows.Sum(r => r.Calls);
        long totalErrors = rows.Sum(r => r.Errors);

        b.Append("% time     seconds  usecs/call     calls    errors syscall\n");
        const string rule = "------ ----------- ----------- --------- --------- ----------------\n";
        b.Append(rule);
        foreach (Row row in rows)
        {
            double percent = totalTicks == 0 ? 0 : 100.0 * row.Ticks / totalTicks;
            AppendRow(b, percent, row.Ticks, row.Calls, row.Errors, row.Name);
        }
        b.Append(rule);
        AppendRow(b, 100.0, totalTicks, totalCalls, totalErrors, "total");
    }

    // strace: "%6.2f %11.6f %11lu %9lu %9.u %s" (the errors column is blank for 0).
    private static void AppendRow(TextBuilder b, double percent, long ticks, long calls, long errors, string name)
    {
        double seconds = ticks / (double)TimeSpan.TicksPerSecond;
        long usecsPerCall = calls == 0 ? 0 : ticks / 10 / calls;
        b.Append(Pad(percent.ToString("F2", CultureInfo.InvariantCulture), 6)).Append((byte)' ');
        b.Append(Pad(seconds.ToString("F6", CultureInfo.InvariantCulture), 11)).Append((byte)' ');
        b.Append(Pad(usecsPerCall.ToString(CultureInfo.InvariantCulture), 11)).Append((byte)' ');
        b.Append(Pad(calls.ToString(CultureInfo.InvariantCulture), 9)).Append((byte)' ');
        b.Append(Pad(errors == 0 ? "" : errors.ToString(CultureInfo.InvariantCulture), 9)).Append((byte)' ');
        b.Append(name).Append((byte)'\n');
    }

    private static string Pad(string s, int width) => s.Length >= width ? s : new string(' ', width - s.Length) + s;

    private sealed class Row(SyscallArch arch, int number, string name)
    {
        public SyscallArch Arch { get; } = arch;
        public int Number { get; } = number;
        public string Name { get; } = name;
        public long Calls { get; set; }
        public long Errors { get; set; }
        public long Ticks { get; set; }
    }
}
