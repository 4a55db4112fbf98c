using System.Globalization;

namespace Ptracer.Strace;

/// <summary>
/// Parses strace 6.1's command line as its getopt_long does: short options that may be bundled (-fvx, -s8, -ofile),
/// long options with "=" or a separate value, unique prefixes of long options (--foll is --follow-forks), and the
/// command after the first non-option word or "--". Errors read as strace's do (glibc's getopt messages, strace's
/// own), and those strace follows with "Try '... -h'" set <see cref="StraceUsageException.ShowHelpHint"/>.
/// </summary>
public static class StraceOptionParser
{
    // strace 6.1's optstring (checked with gdb on /usr/bin/strace's getopt_long call).
    private const string ShortOptions = "aAbcCdDeEfFhiIknoOpPqrsStTuUvVwxXyYzZ";
    private const string ShortWithValue = "abeEIoOpPsSuUX";

    private enum Arg { None, Required, Optional }

    private readonly record struct LongOption(string Name, Arg Arg, string Id);

    // strace 6.1's longopts table in its order (the order of glibc's "is ambiguous; possibilities:" list), then
    // options of later strace versions and ptracer's own.
    private static readonly LongOption[] LongOptions =
    [
        new("columns", Arg.Required, "a"), new("output-append-mode", Arg.None, "A"), new("detach-on", Arg.Required, "b"),
        new("summary-only", Arg.None, "c"), new("summary", Arg.None, "C"), new("debug", Arg.None, "d"),
        new("daemonize", Arg.Optional, "daemonize"), new("daemonised", Arg.Optional, "daemonize"),
        new("daemonized", Arg.Optional, "daemonize"), new("env", Arg.Required, "E"),
        new("follow-forks", Arg.None, "follow-forks"), new("output-separately", Arg.None, "output-separately"),
        new("help", Arg.None, "h"), new("instruction-pointer", Arg.None, "i"), new("interruptible", Arg.Required, "I"),
        new("stack-traces", Arg.None, "k"), new("syscall-number", Arg.None, "n"), new("output", Arg.Required, "o"),
        new("summary-syscall-overhead", Arg.Required, "O"), new("attach", Arg.Required, "p"),
        new("trace-path", Arg.Required, "P"), new("relative-timestamps", Arg.Optional, "r"),
        new("string-limit", Arg.Required, "s"), new("summary-sort-by", Arg.Required, "S"),
        new("absolute-timestamps", Arg.Optional, "timestamps"), new("timestamps", Arg.Optional, "timestamps"),
        new("syscall-times", Arg.Optional, "T"), new("user", Arg.Required, "u"), new("summary-columns", Arg.Required, "U"),
        new("no-abbrev", Arg.None, "v"), new("version", Arg.None, "V"), new("summary-wall-clock", Arg.None, "w"),
        new("strings-in-hex", Arg.Optional, "strings-in-hex"), new("const-print-style", Arg.Required, "X"),
        new("pidns-translation", Arg.None, "pidns-translation"), new("successful-only", Arg.None, "z"),
        new("failed-only", Arg.None, "Z"), new("failing-only", Arg.None, "Z"), new("seccomp-bpf", Arg.None, "seccomp-bpf"),
        new("tips", Arg.Optional, "tips"), new("trace", Arg.Required, "=trace"), new("abbrev", Arg.Required, "=abbrev"),
        new("verbose", Arg.Required, "=verbose"), new("raw", Arg.Required, "=raw"), new("signals", Arg.Required, "=signal"),
        new("status", Arg.Required, "=status"), new("read", Arg.Required, "=read"), new("write", Arg.Required, "=write"),
        new("fault", Arg.Required, "=fault"), new("inject", Arg.Required, "=inject"), new("kvm", Arg.Required, "=kvm"),
        new("quiet", Arg.Optional, "=quiet"), new("silent", Arg.Optional, "=quiet"), new("silence", Arg.Optional, "=quiet"),
        new("decode-fds", Arg.Optional, "=decode-fds"), new("decode-pids", Arg.Required, "=decode-pids"),
        new("secontext", Arg.Optional, "secontext"),
        // strace 6.2+ and ptracer.
        new("syscall-limit", Arg.Required, "syscall-limit"), new("kill-on-exit", Arg.None, "kill-on-exit"),
        new("json", Arg.None, "json"), new("no-seccomp-bpf", Arg.None, "no-seccomp-bpf"),
    ];

    public static StraceOptions Parse(IReadOnlyList<string> args) => new State().Parse(args);

    /// <summary>What strace counts while parsing and checks once everything is read.</summary>
    private sealed class State
    {
        private readonly StraceOptions _o = new();
        private int _tShort, _qShort, _fShort, _yShort, _zCount, _dShort, _dLong;
        private int _xShort = -1, _xLong = -1;
        private bool _timestampsLong, _followLong, _outputSeparatelyLong, _decodeFdsSet, _optF, _sortSet;
        private int _cflag; // 1: -c, 2: -C
        private bool _help, _quietSet;

        public StraceOptions Parse(IReadOnlyList<string> args)
        {
            int i = 0;
            for (; i < args.Count; i++)
            {
                string arg = args[i];
                if (arg == "--") { i++; break; }
                if (arg.StartsWith("--", StringComparison.Ordinal)) i = ParseLong(args, i);
                else if (arg.Length >= 2 && arg[0] == '-') i = ParseShortCluster(args, i);
                else break;
            }
            for (; i < args.Count; i++) _o.Command.Add(args[i]);
            if (_help)
            {
                _o.ShowHelp = true;
                return _o;
            }
            Validate();
            return _o;
        }

        private int ParseShortCluster(IReadOnlyList<string> args, int i)
        {
            string arg = args[i];
            for (int j = 1; j < arg.Length; j++)
            {
                char c = arg[j];
                if (!ShortOptions.Contains(c)) throw Help($"invalid option -- '{c}'");
                if (!ShortWithValue.Contains(c))
                {
                    Apply(c.ToString(), null, $"-{c}");
                    continue;
                }
                string value;
                if (j + 1 < arg.Length) value = arg[(j + 1)..];
                else if (i + 1 < args.Count) value = args[++i];
                else throw Help($"option requires an argument -- '{c}'");
                Apply(c.ToString(), value, $"-{c}");
                break;
            }
            return i;
        }

        private int ParseLong(IReadOnlyList<string> args, int i)
        {
            string text = args[i][2..];
            int eq = text.IndexOf('=');
            string name = eq >= 0 ? text[..eq] : text;
            string? value = eq >= 0 ? text[(eq + 1)..] : null;
            LongOption option = FindLong(name, args[i]);
            switch (option.Arg)
            {
                case Arg.None when value is not null:
                    throw Help($"option '--{option.Name}' doesn't allow an argument");
                case Arg.Required when value is null:
                    if (i + 1 >= args.Count) throw Help($"option '--{option.Name}' requires an argument");
                    value = args[++i];
                    break;
            }
            Apply(option.Id, value, $"--{option.Name}");
            return i;
        }

        /// <summary>glibc: an exact name wins; else a unique prefix, or prefixes that all mean the same option.</summary>
        private static LongOption FindLong(string name, string argument)
        {
            foreach (LongOption o in LongOptions)
                if (o.Name == name) return o;
            LongOption? first = null;
            var ambiguous = new List<LongOption>();
            foreach (LongOption o in LongOptions)
            {
                if (!o.Name.StartsWith(name, StringComparison.Ordinal)) continue;
                if (first is null) first = o;
                else if (o.Arg != first.Value.Arg || o.Id != first.Value.Id) ambiguous.Add(o);
            }
            if (first is null || name.Length == 0) throw Help($"unrecognized option '{argument}'");
            if (ambiguous.Count > 0)
            {
                string list = string.Join(" ", new[] { first.Value }.Concat(ambiguous).Select(o => $"'--{o.Name}'"));
                throw Help($"option '--{name}' is ambiguous; possibilities: {list}");
            }
            return first.Value;
        }

        private void Apply(string id, string? value, string optName)
        {
            StraceUsageException BadArg() => Help($"invalid {optName} argument: '{value}'");
            switch (id)
            {
                case "a": _o.AlignColumn = ParseUInt(value!) ?? throw BadArg(); break;
                case "A": _o.AppendOutput = true; break;
                case "b":
                    if (value != "execve") throw new StraceUsageException($"Syscall '{value}' for -b isn't supported");
                    _o.DetachOnExecve = true;
                    break;
                case "c" or "C":
                    int flag = id == "c" ? 1 : 2;
                    if (_cflag != 0 && _cflag != flag)
                        throw Help("-c/--summary-only and -C/--summary are mutually exclusive");
                    _cflag = flag;
                    break;
                case "d": break; // strace's own debugging output; ptracer has none to give
                case "D": _dShort++; break;
                case "daemonize":
                    _dLong = value switch
                    {
                        null or "grandchild" => 1,
                        "pgroup" or "pgrp" => 2,
                        "session" => 3,
                        _ => throw BadArg(),
                    };
                    break;
                case "e": Qualify(value!); break;
                case "E": _o.EnvironmentChanges.Add(value!); break;
                case "f": _fShort++; break;
                case "follow-forks": _followLong = true; break;
                case "output-separately": _outputSeparatelyLong = true; break;
                case "F": _optF = true; break;
                case "h": _help = true; break;
                case "i": _o.InstructionPointer = true; break;
                case "I":
                    _o.Interruptible = value switch
                    {
                        "1" or "anywhere" => 1,
                        "2" or "waiting" => 2,
                        "3" or "never" => 3,
                        "4" or "never_tstp" => 4,
                        _ => throw BadArg(),
                    };
                    break;
                case "k": _o.StackTrace = true; break;
                case "n": _o.SyscallNumbers = true; break;
                case "o": _o.OutputFile = value; break;
                case "O": _o.SummaryOverheadNs = ParseDuration(value!, 1000) ?? throw BadArg(); break;
                case "p": AddPids(value!); break;
                case "P": _o.TracePaths.Add(value!); break;
                case "q": _qShort++; break;
                case "r":
                    _o.RelativeTimestamps = true;
                    _o.RelativeDigits = value is null ? 6 : PrecisionDigits(value) ?? throw BadArg();
                    break;
                case "s":
                    int? limit = ParseUInt(value!);
                    if (limit is null || (uint)limit.Value > uint.MaxValue / 4) throw BadArg();
                    _o.Decode.StringLimit = limit.Value;
                    break;
                case "S":
                    _o.SummarySort = ParseSort(value!);
                    _sortSet = true;
                    break;
                case "t": _tShort++; break;
                case "timestamps":
                    _timestampsLong = true;
                    if (!ParseTimestampFormat(value ?? "time")) throw BadArg();
                    break;
                case "T":
                    _o.SyscallTimes = true;
                    _o.SyscallTimeDigits = value is null ? 6 : PrecisionDigits(value) ?? throw BadArg();
                    break;
                case "u": _o.User = value; break;
                case "U": _o.SummaryColumns = ParseColumns(value!); break;
                case "v": _o.Abbrev = SyscallSelection.Parse("none"); break;
                case "V": _o.ShowVersion = true; break;
                case "w": _o.SummaryWallClock = true; break;
                case "x": _xShort = Math.Min(Math.Max(_xShort, 0) + 1, 2); break;
                case "strings-in-hex":
                    _xLong = value switch
                    {
                        null or "all" => 2,
                        "non-ascii" => 1,
                        "none" => 0,
                        "non-ascii-chars" => 3,
                        _ => throw BadArg(),
                    };
                    break;
                case "X":
                    _o.Decode.ConstantStyle = value switch
                    {
                        "raw" => ConstantStyle.Raw,
                        "abbrev" => ConstantStyle.Abbrev,
                        "verbose" => ConstantStyle.Verbose,
                        _ => throw BadArg(),
                    };
                    break;
                case "y": _yShort++; break;
                case "Y": _o.DecodePidComm = true; break;
                case "pidns-translation": break; // one PID namespace: nothing to translate
                case "z" or "Z":
                    _o.Status = id == "z" ? StatusFilter.Successful : StatusFilter.Failed;
                    _zCount++;
                    break;
                case "seccomp-bpf": _o.SeccompBpf = true; break;
                case "no-seccomp-bpf": _o.SeccompBpf = false; break;
                case "tips": if (!ValidTips(value ?? "")) throw BadArg(); break;
                case "secontext":
                    throw new StraceUsageException("SELinux context printing (--secontext option) is not supported by this build of strace");
                case "syscall-limit":
                    if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n <= 0) throw BadArg();
                    _o.SyscallLimit = n;
                    break;
                case "kill-on-exit": _o.KillOnExit = true; break;
                case "json": _o.Json = true; break;
                default:
                    // "=qualifier": the long form of -e qualifier=VALUE (--quiet alone is -q).
                    if (id == "=quiet" && value is null) { _qShort = Math.Max(_qShort, 1); break; }
                    if (id == "=decode-fds" && value is null) value = "path";
                    ApplyQualifier(id[1..], value!);
                    break;
            }
        }

        /// <summary>-e EXPR: QUALIFIER=VALUE for a known qualifier, anything else is a trace= list.</summary>
        private void Qualify(string expression)
        {
            int eq = expression.IndexOf('=');
            string? qualifier = eq > 0 ? CanonicalQualifier(expression[..eq]) : null;
            if (qualifier is null) ApplyQualifier("trace", expression);
            else ApplyQualifier(qualifier, expression[(eq + 1)..]);
        }

        private static string? CanonicalQualifier(string name) => name switch
        {
            "trace" or "t" => "trace",
            "abbrev" or "a" => "abbrev",
            "verbose" or "v" => "verbose",
            "raw" or "x" => "raw",
            "signal" or "signals" or "s" => "signal",
            "status" => "status",
            "read" or "reads" or "r" => "read",
            "write" or "writes" or "w" => "write",
            "fault" => "fault",
            "inject" => "inject",
            "kvm" => "kvm",
            "quiet" or "silent" or "silence" or "q" => "quiet",
            "decode-fd" or "decode-fds" => "decode-fds",
            "decode-pid" or "decode-pids" => "decode-pids",
            _ => null,
        };

        private void ApplyQualifier(string qualifier, string value)
        {
            switch (qualifier)
            {
                // As in strace 6.1, a later trace= replaces an earlier one.
                case "trace": _o.Trace = SyscallSelection.Parse(value); break;
                case "abbrev": _o.Abbrev = SyscallSelection.Parse(value); break;
                case "verbose": _o.VerboseSet = SyscallSelection.Parse(value); break;
                case "raw": _o.Raw = SyscallSelection.Parse(value); break;
                case "signal": _o.Signals = ParseSignalSet(value); break;
                case "status": _o.Status = ParseStatus(value); break;
                case "read": _o.ReadDump = ParseFdSet(value); break;
                case "write": _o.WriteDump = ParseFdSet(value); break;
                case "inject": _o.Injections.Add(InjectionRule.Parse(value, fault: false)); break;
                case "fault": _o.Injections.Add(InjectionRule.Parse(value, fault: true)); break;
                case "kvm":
                    if (value != "vcpu") throw new StraceUsageException($"invalid -e kvm= argument: '{value}'");
                    break; // KVM exit reasons: no tracee here runs a vcpu that ptracer could inspect
                case "quiet": _quietSet = true; _o.Quiet = (QuietMessages)ParseNamedSet(value, "quiet", QuietName) & QuietMessages.All; break;
                case "decode-fds": ApplyDecodeFds(value); break;
                case "decode-pids":
                    _o.DecodePidComm = (ParseNamedSet(value, "decode-pids", p => p switch { "comm" => 1, "pidns" => 2, _ => (int?)null }) & 1) != 0;
                    break;
            }
        }

        private void ApplyDecodeFds(string value)
        {
            int set = ParseNamedSet(value, "decode-fds", p => p switch
            {
                "path" => 1,
                "socket" => 2,
                "dev" => 4,
                "pidfd" => 8,
                _ => (int?)null,
            }) & 0xf;
            _o.Decode.Fds = set == 0 ? FdDecoding.None : set == 1 ? FdDecoding.Path : FdDecoding.Details;
            _decodeFdsSet = true;
        }

        private static int? QuietName(string name) => name switch
        {
            "attach" => (int)QuietMessages.Attach,
            "exit" or "exits" => (int)QuietMessages.Exit,
            "path-resolution" => (int)QuietMessages.PathResolution,
            "personality" => (int)QuietMessages.Personality,
            "thread-execve" or "superseded" => (int)QuietMessages.ThreadExecve,
            _ => null,
        };

        /// <summary>[!]NAME[,NAME]..., all, none: strace's qualify_tokens; an unknown name is "invalid WHAT 'NAME'".</summary>
        private static int ParseNamedSet(string value, string what, Func<string, int?> lookup)
        {
            bool negate = value.StartsWith('!');
            string list = negate ? value[1..] : value;
            int set = 0;
            // "all" and "none" name the whole set, not an element of a list (strace's qualify_tokens).
            if (list == "all") set = ~0;
            else if (list != "none")
            {
                foreach (string part in list.Split(','))
                    set |= lookup(part) ?? throw new StraceUsageException($"invalid {what} '{part}'");
            }
            return negate ? ~set : set;
        }

        private void Validate()
        {
            StraceOptions o = _o;
            if (o.ShowVersion) return;
            if (o.Command.Count == 0 && o.AttachPids.Count == 0) throw Help("must have PROG [ARGS] or -p PID");
            if (o.Command.Count > 0 && o.AttachPids.Count > 0)
                throw new StraceUsageException("-p and a command are mutually exclusive");
            if (_dLong > 0)
            {
                if (_dShort > 0) throw new StraceUsageException("-D and --daemonize cannot be provided simultaneously");
                _dShort = _dLong;
            }
            if (o.Command.Count == 0 && _dShort > 0) throw Help("PROG [ARGS] must be specified with -D/--daemonize");
            if (_dShort > 3) throw Help($"Too many -D's ({_dShort}), maximum supported -D count is 3");
            o.Daemonize = _dShort;
            if (_tShort > 0)
            {
                if (_timestampsLong) throw new StraceUsageException("-t and --absolute-timestamps cannot be provided simultaneously");
                ParseTimestampFormat(_tShort == 1 ? "time" : _tShort == 2 ? "time,us" : "unix,us");
            }
            if (_xLong >= 0)
            {
                if (_xShort >= 0) throw new StraceUsageException("-x and --strings-in-hex cannot be provided simultaneously");
                _xShort = _xLong;
            }
            o.Decode.HexStrings = _xShort switch
            {
                1 => HexStringMode.NonAscii,
                2 => HexStringMode.All,
                3 => HexStringMode.NonAsciiChars,
                _ => HexStringMode.None,
            };
            if (_yShort > 0)
            {
                if (_decodeFdsSet) throw new StraceUsageException("-y and --decode-fds cannot be provided simultaneously");
                o.Decode.Fds = _yShort == 1 ? FdDecoding.Path : FdDecoding.Details;
            }
            if (_fShort > 0)
            {
                if (_followLong) throw new StraceUsageException("-f and --follow-forks cannot be provided simultaneously");
                if (_fShort >= 2 && _outputSeparatelyLong)
                    throw new StraceUsageException("-ff and --output-separately cannot be provided simultaneously");
                _followLong = true;
                _outputSeparatelyLong = _fShort >= 2;
            }
            o.FollowForks = _followLong;
            o.OutputSeparately = _outputSeparatelyLong;
            // strace: a command traced into a file implies -q (attach/detach and personality messages off) unless
            // -q or quiet= says otherwise.
            if (o.OutputFile is not null && o.Command.Count > 0 && !_quietSet && _qShort == 0) _qShort = 1;
            if (_qShort > 0)
            {
                o.Quiet = _qShort switch
                {
                    1 => QuietMessages.Attach | QuietMessages.Personality,
                    2 => QuietMessages.Attach | QuietMessages.Personality | QuietMessages.Exit,
                    _ => QuietMessages.All,
                };
            }
            if (o.SeccompBpf == true && !o.FollowForks)
            {
                o.Warnings.Add("--seccomp-bpf cannot be used without -f/--follow-forks, disabling");
                o.SeccompBpf = null;
            }
            if (o.SeccompBpf == true && o.DetachOnExecve)
            {
                o.Warnings.Add("--seccomp-bpf is not enabled because it is not compatible with -b");
                o.SeccompBpf = false;
            }
            if (o.SeccompBpf == true && o.SyscallLimit > 0)
            {
                o.Warnings.Add("--seccomp-bpf is not enabled because it is not compatible with --syscall-limit");
                o.SeccompBpf = false;
            }
            if (_optF)
            {
                if (o.FollowForks) o.Warnings.Add("deprecated option -F ignored");
                else
                {
                    o.Warnings.Add("option -F is deprecated, please use -f/--follow-forks instead");
                    o.FollowForks = true;
                }
            }
            o.SummaryOnly = _cflag == 1;
            o.SummaryWithTrace = _cflag == 2;
            if (o.OutputSeparately && o.OutputFile is ['|' or '!', ..])
                throw Help("piping the output and -ff/--output-separately are mutually exclusive");
            if (o.OutputSeparately && o.Summary)
                throw Help("(-c/--summary-only or -C/--summary) and -ff/--output-separately are mutually exclusive");
            if (o.SummaryWallClock && !o.Summary)
                throw Help("-w/--summary-wall-clock must be given with (-c/--summary-only or -C/--summary)");
            if (o.SummaryColumns is not null && !o.Summary)
                throw Help("-U/--summary-columns must be given with (-c/--summary-only or -C/--summary)");
            if (_sortSet && !o.Summary)
                o.Warnings.Add("-S/--summary-sort-by has no effect without (-c/--summary-only or -C/--summary)");
            if (o.SummaryOnly) WarnIgnoredWithSummaryOnly();
            if (o.OutputFile is null)
            {
                if (o.OutputSeparately && !o.FollowForks)
                    o.Warnings.Add("--output-separately has no effect without -o/--output");
                if (o.AppendOutput) o.Warnings.Add("-A/--output-append-mode has no effect without -o/--output");
                o.OutputSeparately = false; // -ff without -o is -f
            }
            NormalizeSyscallSets();
            if (_zCount > 1)
            {
                o.Warnings.Add("Only the last of -z/--successful-only/-Z/--failed-only options will take effect. " +
                               "See status qualifier for more complex filters.");
            }
        }

        /// <summary>abbrev=none is -v for every syscall, raw=none and verbose=all are the defaults: no lookup per stop.</summary>
        private void NormalizeSyscallSets()
        {
            StraceOptions o = _o;
            if (o.Abbrev is { IsNone: true }) o.Decode.Verbose = true;
            if (o.Abbrev is { IsNone: true } or { IsAll: true }) o.Abbrev = null;
            if (o.Raw is { IsNone: true }) o.Raw = null;
            if (o.VerboseSet is { IsAll: true }) o.VerboseSet = null;
        }

        private void WarnIgnoredWithSummaryOnly()
        {
            StraceOptions o = _o;
            if (o.InstructionPointer) o.Warnings.Add("-i/--instruction-pointer has no effect with -c/--summary-only");
            if (o.SyscallNumbers) o.Warnings.Add("-n/--syscall-number has no effect with -c/--summary-only");
            if (o.RelativeTimestamps) o.Warnings.Add("-r/--relative-timestamps has no effect with -c/--summary-only");
            if (o.Timestamps != TimestampStyle.None) o.Warnings.Add("-t/--absolute-timestamps has no effect with -c/--summary-only");
            if (o.SyscallTimes) o.Warnings.Add("-T/--syscall-times has no effect with -c/--summary-only");
            if (o.Decode.Fds != FdDecoding.None) o.Warnings.Add("-y/--decode-fds has no effect with -c/--summary-only");
        }

        /// <summary>--absolute-timestamps=[[format:]FORMAT][,[precision:]PRECISION]: none, time, unix; s, ms, us, ns.</summary>
        private bool ParseTimestampFormat(string value)
        {
            TimestampStyle style = TimestampStyle.Time;
            int digits = 0;
            foreach (string raw in value.Split(','))
            {
                string token = raw;
                bool isFormat = token.StartsWith("format:", StringComparison.Ordinal);
                bool isPrecision = token.StartsWith("precision:", StringComparison.Ordinal);
                if (isFormat) token = token["format:".Length..];
                if (isPrecision) token = token["precision:".Length..];
                TimestampStyle? format = token switch
                {
                    "none" => TimestampStyle.None,
                    "time" => TimestampStyle.Time,
                    "unix" => TimestampStyle.Unix,
                    _ => null,
                };
                if (format is not null && !isPrecision) style = format.Value;
                else if (PrecisionDigits(token) is { } d && !isFormat) digits = d;
                else return false;
            }
            _o.Timestamps = style;
            _o.TimestampDigits = digits;
            return true;
        }

        private void AddPids(string value)
        {
            foreach (string part in value.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid <= 0)
                    throw new StraceUsageException($"Invalid process id: '{part}'");
                if (pid == Environment.ProcessId) throw new StraceUsageException("I'm sorry, I can't let you do that, Dave.");
                _o.AttachPids.Add(pid);
            }
        }
    }

    private static StraceUsageException Help(string message) => new(message) { ShowHelpHint = true };

    private static int? ParseUInt(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;

    /// <summary>s, ms, us, ns: the digits printed after the second.</summary>
    private static int? PrecisionDigits(string unit) => unit switch
    {
        "s" => 0,
        "ms" => 3,
        "us" => 6,
        "ns" => 9,
        _ => null,
    };

    /// <summary>NUMBER[s|ms|us|ns] in nanoseconds; a bare number is in <paramref name="defaultUnitNs"/>.</summary>
    private static long? ParseDuration(string value, long defaultUnitNs)
    {
        int end = 0;
        while (end < value.Length && (char.IsAsciiDigit(value[end]) || value[end] == '.')) end++;
        if (end == 0 || !double.TryParse(value[..end], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double n))
            return null;
        long? unit = value[end..] switch
        {
            "" => defaultUnitNs,
            "s" => 1_000_000_000,
            "ms" => 1_000_000,
            "us" => 1000,
            "ns" => 1,
            _ => null,
        };
        return unit is null ? null : (long)(n * unit.Value);
    }

    private static SummarySort ParseSort(string value) => value switch
    {
        "time" or "time-total" or "total_time" or "time_total" => SummarySort.Time,
        "min-time" or "shortest" or "min_time" => SummarySort.MinTime,
        "max-time" or "longest" or "max_time" => SummarySort.MaxTime,
        "avg-time" or "avg_time" => SummarySort.AvgTime,
        "calls" or "count" => SummarySort.Calls,
        "errors" or "error" => SummarySort.Errors,
        "name" or "syscall" or "syscall_name" => SummarySort.Name,
        "nothing" or "none" => SummarySort.Nothing,
        _ => throw Help($"invalid sortby: '{value}'"),
    };

    private static List<SummaryColumn> ParseColumns(string value)
    {
        var columns = new List<SummaryColumn>();
        string[] parts = value.Split(',');
        for (int i = 0; i < parts.Length; i++)
        {
            SummaryColumn column = parts[i] switch
            {
                "time-percent" or "time_percent" or "time" => SummaryColumn.TimePercent,
                "total-time" or "total_time" or "time-total" or "time_total" => SummaryColumn.TotalTime,
                "min-time" or "min_time" or "shortest" => SummaryColumn.MinTime,
                "max-time" or "max_time" or "longest" => SummaryColumn.MaxTime,
                "avg-time" or "avg_time" => SummaryColumn.AvgTime,
                "calls" or "count" => SummaryColumn.Calls,
                "errors" or "error" => SummaryColumn.Errors,
                "name" or "syscall" or "syscall_name" => SummaryColumn.Name,
                _ => throw Help($"unknown column name: '{parts[i]}'"),
            };
            if (columns.Contains(column))
            {
                throw Help($"call summary column has been provided more than once: '{parts[i]}' " +
                           $"(-U option residual: '{string.Join(',', parts[i..])}')");
            }
            columns.Add(column);
        }
        return columns;
    }

    /// <summary>--tips=[[id:]ID][,[format:]FORMAT]: accepted and checked; ptracer has no tips to show.</summary>
    private static bool ValidTips(string value)
    {
        if (value.Length == 0) return true;
        foreach (string raw in value.Split(','))
        {
            string token = raw.StartsWith("id:", StringComparison.Ordinal) ? raw[3..] : raw;
            token = token.StartsWith("format:", StringComparison.Ordinal) ? token[7..] : token;
            bool ok = token is "random" or "none" or "compact" or "full"
                      || int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out _);
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>read=/write=: [!]FD[,FD]..., all, none.</summary>
    private static FdSet ParseFdSet(string value)
    {
        bool negate = value.StartsWith('!');
        string list = negate ? value[1..] : value;
        var fds = new List<int>();
        bool all = list == "all";
        if (!all && list != "none")
        {
            foreach (string part in list.Split(','))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int fd))
                    throw new StraceUsageException($"invalid descriptor '{part}'");
                fds.Add(fd);
            }
        }
        bool[] listed = new bool[all || fds.Count == 0 ? 0 : fds.Max() + 1];
        if (!all)
            foreach (int fd in fds) listed[fd] = true;
        return new FdSet(listed, negated: all != negate);
    }

    /// <summary>signal=[!]SET: names with or without SIG, numbers, all, none.</summary>
    private static bool[] ParseSignalSet(string value)
    {
        bool negate = value.StartsWith('!');
        if (negate) value = value[1..];
        bool[] set = new bool[65];
        if (value == "all") Array.Fill(set, true);
        foreach (string part in value is "all" or "none" ? [] : value.Split(','))
        {
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
        StatusFilter result = value == "all" ? StatusFilter.All : StatusFilter.None;
        foreach (string part in value is "all" or "none" ? [] : value.Split(','))
        {
            result |= part switch
            {
                "successful" => StatusFilter.Successful,
                "failed" => StatusFilter.Failed,
                "unfinished" => StatusFilter.Unfinished,
                "unavailable" => StatusFilter.Unavailable,
                "detached" => StatusFilter.Detached,
                _ => throw new StraceUsageException($"invalid status '{part}'"),
            };
        }
        return negate ? StatusFilter.All & ~result : result;
    }
}
