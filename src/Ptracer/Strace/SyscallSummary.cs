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
        long ticks = Math.Max(0, elapsedTicks - OverheadTicks);
        row.Calls++;
        if (failed) row.Errors++;
        row.Ticks += ticks;
        if (row.Calls == 1 || ticks < row.MinTicks) row.MinTicks = ticks;
        if (ticks > row.MaxTicks) row.MaxTicks = ticks;
    }

    /// <summary>-O: subtracted from every call's time (100 ns ticks).</summary>
    public long OverheadTicks { get; init; }

    private static readonly SummaryColumn[] DefaultColumns =
    [
        SummaryColumn.TimePercent, SummaryColumn.TotalTime, SummaryColumn.AvgTime, SummaryColumn.Calls,
        SummaryColumn.Errors, SummaryColumn.Name,
    ];

    /// <summary>
    /// One table per ABI that made calls, as strace's call_summary: x86_64's first and untitled, then "System call
    /// usage summary for 32 bit mode:" (and x32's) over the table of that ABI's calls.
    /// </summary>
    public void Write(TextBuilder b, SummarySort sort, IReadOnlyList<SummaryColumn>? columns = null)
    {
        columns ??= DefaultColumns;
        foreach (SyscallArch arch in new[] { SyscallArch.X86_64, SyscallArch.I386, SyscallArch.X32 })
        {
            List<Row> rows = [.. _rows.Values.Where(r => r.Arch == arch).OrderBy(r => r.Number)];
            if (rows.Count == 0 && (arch != SyscallArch.X86_64 || _rows.Count > 0)) continue;
            if (arch != SyscallArch.X86_64)
                b.Append("System call usage summary for ").Append(arch == SyscallArch.I386 ? "32 bit" : "x32").Append(" mode:\n");
            WriteTable(b, rows, sort, columns);
        }
    }

    private static void WriteTable(TextBuilder b, List<Row> rows, SummarySort sort, IReadOnlyList<SummaryColumn> columns)
    {
        rows = sort switch
        {
            SummarySort.Time => [.. rows.OrderByDescending(r => r.Ticks)],
            SummarySort.MinTime => [.. rows.OrderByDescending(r => r.MinTicks)],
            SummarySort.MaxTime => [.. rows.OrderByDescending(r => r.MaxTicks)],
            SummarySort.AvgTime => [.. rows.OrderByDescending(r => r.Calls == 0 ? 0 : r.Ticks / r.Calls)],
            SummarySort.Calls => [.. rows.OrderByDescending(r => r.Calls)],
            SummarySort.Errors => [.. rows.OrderByDescending(r => r.Errors)],
            SummarySort.Name => [.. rows.OrderBy(r => r.Name, StringComparer.Ordinal)],
            _ => rows,
        };
        var total = new Row(SyscallArch.X86_64, -1, "total")
        {
            Ticks = rows.Sum(r => r.Ticks),
            Calls = rows.Sum(r => r.Calls),
            Errors = rows.Sum(r => r.Errors),
            MinTicks = rows.Count == 0 ? 0 : rows.Min(r => r.MinTicks),
            MaxTicks = rows.Count == 0 ? 0 : rows.Max(r => r.MaxTicks),
        };

        var header = new List<string>();
        var rule = new List<string>();
        foreach (SummaryColumn c in columns)
        {
            (string title, int width) = Layout(c);
            bool last = c == columns[^1];
            header.Add(c == SummaryColumn.Name ? (last ? title : title.PadRight(width)) : title.PadLeft(width));
            rule.Add(new string('-', width));
        }
        b.Append(string.Join(' ', header)).Append((byte)'\n');
        string ruleLine = string.Join(' ', rule) + "\n";
        b.Append(ruleLine);
        foreach (Row row in rows) AppendRow(b, row, total.Ticks, columns);
        b.Append(ruleLine);
        AppendRow(b, total, total.Ticks, columns, isTotal: true);
    }

    private static (string Title, int Width) Layout(SummaryColumn column) => column switch
    {
        SummaryColumn.TimePercent => ("% time", 6),
        SummaryColumn.TotalTime => ("seconds", 11),
        SummaryColumn.MinTime => ("shortest", 8),
        SummaryColumn.MaxTime => ("longest", 8),
        SummaryColumn.AvgTime => ("usecs/call", 11),
        SummaryColumn.Calls => ("calls", 9),
        SummaryColumn.Errors => ("errors", 9),
        _ => ("syscall", 16),
    };

    // strace: "%6.2f %11.6f %11lu %9lu %9.u %s" for the default columns (errors blank for 0).
    private static void AppendRow(TextBuilder b, Row row, long totalTicks, IReadOnlyList<SummaryColumn> columns, bool isTotal = false)
    {
        var cells = new List<string>(columns.Count);
        foreach (SummaryColumn c in columns)
        {
            (_, int width) = Layout(c);
            string cell = c switch
            {
                // The total's share is 100.00 even when no time was measured (strace 6.1).
                SummaryColumn.TimePercent => (isTotal ? 100.0 : totalTicks == 0 ? 0 : 100.0 * row.Ticks / totalTicks).ToString("F2", CultureInfo.InvariantCulture),
                SummaryColumn.TotalTime => Seconds(row.Ticks),
                SummaryColumn.MinTime => Seconds(row.MinTicks),
                SummaryColumn.MaxTime => Seconds(row.MaxTicks),
                SummaryColumn.AvgTime => (row.Calls == 0 ? 0 : row.Ticks / 10 / row.Calls).ToString(CultureInfo.InvariantCulture),
                SummaryColumn.Calls => row.Calls.ToString(CultureInfo.InvariantCulture),
                SummaryColumn.Errors => row.Errors == 0 ? "" : row.Errors.ToString(CultureInfo.InvariantCulture),
                _ => row.Name,
            };
            bool last = c == columns[^1];
            cells.Add(c == SummaryColumn.Name ? (last ? cell : cell.PadRight(width)) : Pad(cell, width));
        }
        b.Append(string.Join(' ', cells)).Append((byte)'\n');
    }

    private static string Seconds(long ticks) => (ticks / (double)TimeSpan.TicksPerSecond).ToString("F6", CultureInfo.InvariantCulture);

    private static string Pad(string s, int width) => s.Length >= width ? s : new string(' ', width - s.Length) + s;

    private sealed class Row(SyscallArch arch, int number, string name)
    {
        public SyscallArch Arch { get; } = arch;
        public int Number { get; } = number;
        public string Name { get; } = name;
        public long Calls { get; set; }
        public long Errors { get; set; }
        public long Ticks { get; set; }
        public long MinTicks { get; set; }
        public long MaxTicks { get; set; }
    }
}
