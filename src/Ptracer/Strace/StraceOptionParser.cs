using System.Globalization;

namespace Ptracer.Strace;

/// <summary>
/// Parses strace's command line: getopt-style short options that may be bundled (-fvx, -s8, -ofile), long options
/// with "=" or a separate value, and the command after the first non-option word or "--" (strace(1), SYNOPSIS).
/// </summary>
public static class StraceOptionParser
{
    // Short options that take a value (strace 6.1's optstring, the subset with arguments).
    private const string ShortWithValue = "abeEIoOpPsSuUX";

    public static StraceOptions Parse(IReadOnlyList<string> args)
    {
        var options = new StraceOptions();
        int tCount = 0, qCount = 0;
        int i = 0;
        for (; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg == "--") { i++; break; }
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                i = ParseLong(options, args, i);
                continue;
            }
            if (arg.Length < 2 || arg[0] != '-') break;
            for (int j = 1; j < arg.Length; j++)
            {
                char c = arg[j];
                if (ShortWithValue.Contains(c))
                {
                    string value;
                    if (j + 1 < arg.Length) value = arg[(j + 1)..];
                    else if (i + 1 < args.Count) value = args[++i];
                    else throw new StraceUsageException($"option requires an argument -- '{c}'");
                    ApplyValue(options, c, value);
                    break;
                }
                switch (c)
                {
                    case 'f':
                        if (options.FollowForks) options.OutputSeparately = true;
                        options.FollowForks = true;
                        break;
                    case 'F': options.FollowForks = true; break;
                    case 'v': options.Decode.Verbose = true; break;
                    case 'x':
                        options.Decode.HexStrings = options.Decode.HexStrings == HexStringMode.None ? HexStringMode.NonAscii : HexStringMode.All;
                        break;
                    case 'y':
                        options.Decode.Fds = options.Decode.Fds == FdDecoding.None ? FdDecoding.Path : FdDecoding.Details;
                        break;
                    case 't': tCount++; break;
                    case 'T': options.SyscallTimes = true; break;
                    case 'r': options.RelativeTimestamps = true; break;
                    case 'q': qCount++; break;
                    case 'c': options.SummaryOnly = true; break;
                    case 'C': options.SummaryWithTrace = true; break;
                    case 'w': options.SummaryWallClock = true; break;
                    case 'n': options.SyscallNumbers = true; break;
                    case 'i': options.InstructionPointer = true; break;
                    case 'A': options.AppendOutput = true; break;
                    case 'V': options.ShowVersion = true; break;
                    case 'z': options.Status = StatusFilter.Successful; break;
                    case 'Z': options.Status = StatusFilter.Failed; break;
                    default: throw new StraceUsageException($"invalid option -- '{c}'");
                }
            }
        }
        for (; i < args.Count; i++) options.Command.Add(args[i]);

        options.Timestamps = tCount switch
        {
            0 => TimestampStyle.None,
            1 => TimestampStyle.Seconds,
            2 => TimestampStyle.Microseconds,
            _ => TimestampStyle.Epoch,
        };
        options.Quiet = qCount;
        Validate(options);
        return options;
    }

    private static void Validate(StraceOptions options)
    {
        if (options.ShowVersion) return;
        if (options.Command.Count == 0 && options.AttachPids.Count == 0)
            throw new StraceUsageException("must have PROG [ARGS] or -p PID");
        if (options.Command.Count > 0 && options.AttachPids.Count > 0)
            throw new StraceUsageException("-p and a command are mutually exclusive");
        if (options.OutputSeparately && options.OutputFile is null)
            options.OutputSeparately = false; // strace: -ff without -o is -f
    }

    private static int ParseLong(StraceOptions options, IReadOnlyList<string> args, int i)
    {
        string arg = args[i][2..];
        string name = arg, value = "";
        bool hasValue = false;
        int eq = arg.IndexOf('=');
        if (eq >= 0)
        {
            name = arg[..eq];
            value = arg[(eq + 1)..];
            hasValue = true;
        }

        string Value()
        {
            if (hasValue) return value;
            if (i + 1 >= args.Count) throw new StraceUsageException($"option '--{name}' requires an argument");
            return args[++i];
        }

        switch (name)
        {
            case "json": options.Json = true; break;
            case "version": options.ShowVersion = true; break;
            case "summary-only": options.SummaryOnly = true; break;
            case "summary": options.SummaryWithTrace = true; break;
            case "summary-wall-clock": options.SummaryWallClock = true; break;
            case "summary-sort-by": ApplyValue(options, 'S', Value()); break;
            case "syscall-number": options.SyscallNumbers = true; break;
            case "instruction-pointer": options.InstructionPointer = true; break;
            case "output-append-mode": options.AppendOutput = true; break;
            case "signal": ApplyExpression(options, "signal=" + Value()); break;
            case "inject": ApplyExpression(options, "inject=" + Value()); break;
            case "fault": ApplyExpression(options, "fault=" + Value()); break;
            case "seccomp-bpf": options.SeccompBpf = true; break;
            case "no-seccomp-bpf": options.SeccompBpf = false; break;
            case "follow-forks": options.FollowForks = true; break;
            case "output-separately": options.OutputSeparately = true; break;
            case "output": ApplyValue(options, 'o', Value()); break;
            case "attach": ApplyValue(options, 'p', Value()); break;
            case "string-limit": ApplyValue(options, 's', Value()); break;
            case "columns": ApplyValue(options, 'a', Value()); break;
            case "env": ApplyValue(options, 'E', Value()); break;
            case "verbose": options.Decode.Verbose = true; break;
            case "syscall-times": options.SyscallTimes = true; break;
            case "relative-timestamps": options.RelativeTimestamps = true; break;
            case "absolute-timestamps":
                options.Timestamps = hasValue ? ParseTimestampFormat(value) : TimestampStyle.Seconds;
                break;
            case "timestamps":
                options.Timestamps = hasValue ? ParseTimestampFormat(value) : TimestampStyle.Seconds;
                break;
            case "quiet": options.Quiet = Math.Max(options.Quiet, 1); break;
            case "trace": ApplyExpression(options, "trace=" + Value()); break;
            case "status": ApplyExpression(options, "status=" + Value()); break;
            case "successful-only": options.Status = StatusFilter.Successful; break;
            case "failed-only": options.Status = StatusFilter.Failed; break;
            case "decode-fds":
                options.Decode.Fds = hasValue && value is "all" or "socket" ? FdDecoding.Details : FdDecoding.Path;
                break;
            default: throw new StraceUsageException($"unrecognized option '--{name}'");
        }
        return i;
    }

    private static TimestampStyle ParseTimestampFormat(string value) => value switch
    {
        "none" => TimestampStyle.None,
        "time" or "format:time" => TimestampStyle.Seconds,
        "unix" or "format:unix" => TimestampStyle.Epoch,
        _ when value.Contains("precision:us") || value.Contains("precision:ms") => TimestampStyle.Microseconds,
        _ => throw new StraceUsageException($"invalid timestamp format '{value}'"),
    };

    private static void ApplyValue(StraceOptions options, char option, string value)
    {
        switch (option)
        {
            case 'o': options.OutputFile = value; break;
            case 'p':
                foreach (string part in value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid <= 0)
                        throw new StraceUsageException($"Invalid process id: '{part}'");
                    options.AttachPids.Add(pid);
                }
                break;
            case 's': options.Decode.StringLimit = ParseNonNegative(value, "string limit"); break;
            case 'a': options.AlignColumn = ParseNonNegative(value, "column"); break;
            case 'e': ApplyExpression(options, value); break;
            case 'E': options.EnvironmentChanges.Add(value); break;
            case 'S':
                options.SummarySort = value switch
                {
                    "time" or "time_total" or "total_time" => SummarySort.Time,
                    "calls" or "count" => SummarySort.Calls,
                    "errors" or "error" => SummarySort.Errors,
                    "name" or "syscall" or "syscall_name" => SummarySort.Name,
                    "nothing" or "none" => SummarySort.Nothing,
                    _ => throw new StraceUsageException($"invalid sortby: '{value}'"),
                };
                break;
            case 'X':
                options.Decode.VerboseConstants = value == "verbose";
                options.Decode.RawConstants = value switch
                {
                    "raw" => true,
                    "abbrev" or "verbose" => false,
                    _ => throw new StraceUsageException($"invalid -X argument: '{value}'"),
                };
                break;
            default: throw new StraceUsageException($"option -{option} is not supported yet");
        }
    }

    private static int ParseNonNegative(string value, string what)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            throw new StraceUsageException($"invalid {what} '{value}'");
        return n;
    }

    /// <summary>-e EXPR: [QUALIFIER=][!]VALUE1[,VALUE2]...; a bare list means trace=.</summary>
    private static void ApplyExpression(StraceOptions options, string expression)
    {
        string qualifier = "trace", value = expression;
        int eq = expression.IndexOf('=');
        if (eq >= 0)
        {
            qualifier = expression[..eq];
            value = expression[(eq + 1)..];
        }
        switch (qualifier)
        {
            case "t" or "trace":
                // As in strace 6.1, a later -e trace= replaces an earlier one.
                options.Trace = SyscallSelection.Parse(value);
                break;
            case "status":
                options.Status = ParseStatus(value);
                break;
            case "inject":
                options.Injections.Add(InjectionRule.Parse(value, fault: false));
                break;
            case "fault":
                options.Injections.Add(InjectionRule.Parse(value, fault: true));
                break;
            case "s" or "signal" or "signals":
                options.Signals = ParseSignalSet(value);
                break;
            case "abbrev" or "a" or "verbose" or "v" or "raw" or "x" or "quiet" or "q" or "silent" or "silence":
                // Accepted; these qualifiers change defaults that the current renderer already uses.
                break;
            default:
                throw new StraceUsageException($"invalid qualifier '{qualifier}'");
        }
    }

    /// <summary>signal=[!]SET: names with or without SIG, numbers, all, none.</summary>
    private static bool[] ParseSignalSet(string value)
    {
        bool negate = value.StartsWith('!');
        if (negate) value = value[1..];
        bool[] set = new bool[65];
        foreach (string part in value.Split(','))
        {
            if (part == "all") { Array.Fill(set, true); continue; }
            if (part == "none") continue;
            int sig = -1;
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 64) sig = n;
            else
            {
                string name = part.StartsWith("SIG", StringComparison.OrdinalIgnoreCase) ? part.ToUpperInvariant() : "SIG" + part.ToUpperInvariant();
                for (int i = 1; i <= 64; i++)
                    if (SignalNames.Name(i) == name) sig = i;
            }
            if (sig < 0) throw new StraceUsageException($"invalid signal '{part}'");
            set[sig] = true;
        }
        if (negate)
            for (int i = 1; i <= 64; i++) set[i] = !set[i];
        return set;
    }

    private static StatusFilter ParseStatus(string value)
    {
        bool negate = value.StartsWith('!');
        if (negate) value = value[1..];
        StatusFilter result = StatusFilter.None;
        foreach (string part in value.Split(','))
        {
            result |= part switch
            {
                "successful" => StatusFilter.Successful,
                "failed" => StatusFilter.Failed,
                "unfinished" => StatusFilter.Unfinished,
                "unavailable" => StatusFilter.Unavailable,
                "detached" => StatusFilter.Detached,
                "all" => StatusFilter.All,
                "none" => StatusFilter.None,
                _ => throw new StraceUsageException($"invalid status '{part}'"),
            };
        }
        return negate ? StatusFilter.All & ~result : result;
    }
}
