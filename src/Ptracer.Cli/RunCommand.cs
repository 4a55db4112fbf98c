using System.Text.Json;
using Ptracer.Sandbox;

namespace Ptracer.Cli;

/// <summary>`ptracer run [OPTIONS] -- PROGRAM [ARGS...]`: the sandbox runner.</summary>
internal static class RunCommand
{
    /// <summary>The process exit status for each verdict (usage errors are 2).</summary>
    public static int ExitStatus(SandboxStatus status) => status switch
    {
        SandboxStatus.Normal => 0,
        SandboxStatus.NonzeroExitStatus => 1,
        SandboxStatus.TimeLimitExceeded => 3,
        SandboxStatus.MemoryLimitExceeded => 4,
        SandboxStatus.OutputLimitExceeded => 5,
        SandboxStatus.DisallowedSyscall => 6,
        SandboxStatus.Signalled => 7,
        _ => 8,
    };

    public const int UsageError = 2;

    public const string Usage = """
        usage: ptracer run [OPTIONS] -- PROGRAM [ARGS...]

        limits (durations: 1s 250ms 1.5s 2m; sizes: 64M 512K 1G 4096):
          --time-limit D          CPU time, user+system of the whole tree (watchdog, ~10 ms)
          --wall-time-limit D     wall time (default: time limit x2 + 1s)
          --memory-limit S        peak memory of the tree (RSS)
          --address-space-limit S RLIMIT_AS of each process
          --stack-limit S         RLIMIT_STACK
          --output-limit S        bytes per output file (RLIMIT_FSIZE) and per stdout/stderr pipe
          --process-limit N       live processes + threads (default 256)
          --open-files-limit N    RLIMIT_NOFILE
        streams and environment:
          --stdin FILE  --stdout FILE  --stderr FILE   (default: the runner's own)
          --workdir DIR           working directory of the program
          --env NAME=VALUE        set a variable (NAME alone: copy the runner's); repeatable
          --clear-env             start from an empty environment
        policy:
          --policy NAME|FILE      none, default (the default), judge, or a JSON policy file
          --allow-read PATH       a file or directory the program may read (turns file rules on)
          --allow-write PATH      a file or directory the program may write (turns file rules on)
          --allow-syscall NAME    allow a syscall the policy would stop
          --deny-syscall NAME[:ERRNO]  kill on NAME, or fail it with ERRNO (a number or EACCES-style name)
        result:
          --result FILE           write the result as JSON
          --quiet                 no summary line on stderr
        exit status: 0 Normal, 1 NonzeroExitStatus, 2 usage error, 3 TimeLimitExceeded, 4 MemoryLimitExceeded,
                     5 OutputLimitExceeded, 6 DisallowedSyscall, 7 Signalled, 8 RunnerError

        """;

    public static int Run(string[] args)
    {
        var parsed = Parse(args, out string? error);
        if (parsed is null)
        {
            if (error is null)
            {
                Console.Out.Write(Usage);
                return 0;
            }
            Console.Error.WriteLine($"ptracer run: {error}");
            Console.Error.WriteLine("usage: ptracer run [OPTIONS] -- PROGRAM [ARGS...]  (ptracer run --help)");
            return UsageError;
        }

        SandboxResult result = new SandboxRunner(parsed.Options).Run();
        if (parsed.ResultFile is { } resultFile)
        {
            try
            {
                File.WriteAllText(resultFile, JsonSerializer.Serialize(result, SandboxJsonContext.Default.SandboxResult) + "\n");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"ptracer run: cannot write the result to '{resultFile}': {e.Message}");
                return ExitStatus(SandboxStatus.RunnerError);
            }
        }
        if (!parsed.Quiet) Console.Error.WriteLine(Summary(result));
        return ExitStatus(result.Status);
    }

    internal static string Summary(SandboxResult r)
    {
        string outcome = r.Signal is { } s ? $"signal={s}" : r.ExitCode is { } c ? $"exit={c}" : "not run";
        string line = $"ptracer run: {r.Status} {outcome} cpu={r.CpuTimeMs:0.0}ms wall={r.WallTimeMs:0.0}ms memory={r.MemoryBytes / 1024}KiB";
        return r.Detail is null || r.Status == SandboxStatus.Normal ? line : $"{line} ({r.Detail})";
    }

    internal sealed record Parsed(SandboxOptions Options, string? ResultFile, bool Quiet);

    /// <summary>Parses the options; null with a null error for --help.</summary>
    internal static Parsed? Parse(string[] args, out string? error)
    {
        error = null;
        var limits = new SandboxLimits();
        string? policyName = null, workdir = null, resultFile = null;
        SandboxStream stdin = SandboxStream.Inherit, stdout = SandboxStream.Inherit, stderr = SandboxStream.Inherit;
        var env = new List<string>();
        bool clearEnv = false, quiet = false;
        var allowRead = new List<string>();
        var allowWrite = new List<string>();
        var allowSyscalls = new List<string>();
        var denySyscalls = new List<string>();
        int i = 0;
        for (; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg == "--") { i++; break; }
            if (arg is "-h" or "--help") return null;
            if (!arg.StartsWith('-') || arg == "-") break;
            string name = arg, value = "";
            int eq = arg.IndexOf('=');
            bool flag = arg is "--clear-env" or "--quiet";
            if (eq > 0) { name = arg[..eq]; value = arg[(eq + 1)..]; }
            else if (!flag)
            {
                if (i + 1 >= args.Length) { error = $"option '{arg}' needs a value"; return null; }
                value = args[++i];
            }
            switch (name)
            {
                case "--time-limit": if (!Duration(value, name, out TimeSpan cpu, ref error)) return null; limits = limits with { CpuTime = cpu }; break;
                case "--wall-time-limit": if (!Duration(value, name, out TimeSpan wall, ref error)) return null; limits = limits with { WallTime = wall }; break;
                case "--memory-limit": if (!Size(value, name, out long mem, ref error)) return null; limits = limits with { MemoryBytes = mem }; break;
                case "--address-space-limit": if (!Size(value, name, out long asz, ref error)) return null; limits = limits with { AddressSpaceBytes = asz }; break;
                case "--stack-limit": if (!Size(value, name, out long stack, ref error)) return null; limits = limits with { StackBytes = stack }; break;
                case "--output-limit": if (!Size(value, name, out long output, ref error)) return null; limits = limits with { OutputBytes = output }; break;
                case "--process-limit": if (!Count(value, name, out int procs, ref error)) return null; limits = limits with { Processes = procs }; break;
                case "--open-files-limit": if (!Count(value, name, out int files, ref error)) return null; limits = limits with { OpenFiles = files }; break;
                case "--stdin": stdin = SandboxStream.File(value); break;
                case "--stdout": stdout = SandboxStream.File(value); break;
                case "--stderr": stderr = SandboxStream.File(value); break;
                case "--workdir": workdir = value; break;
                case "--env": env.Add(value.Contains('=') ? value : $"{value}={Environment.GetEnvironmentVariable(value)}"); break;
                case "--clear-env": clearEnv = true; break;
                case "--quiet": quiet = true; break;
                case "--policy": policyName = value; break;
                case "--allow-read": allowRead.Add(value); break;
                case "--allow-write": allowWrite.Add(value); break;
                case "--allow-syscall": allowSyscalls.Add(value); break;
                case "--deny-syscall": denySyscalls.Add(value); break;
                case "--result": resultFile = value; break;
                default: error = $"unknown option '{name}'"; return null;
            }
        }
        if (i >= args.Length) { error = "no program given"; return null; }

        SandboxPolicy policy;
        try
        {
            policy = policyName is null ? SandboxPolicy.Default()
                : SandboxPolicy.ByName(policyName) ?? SandboxPolicyFile.Load(policyName);
        }
        catch (SandboxPolicyException e)
        {
            error = e.Message;
            return null;
        }
        if (allowRead.Count > 0 || allowWrite.Count > 0)
        {
            if (!policy.RestrictFiles)
            {
                policy.RestrictFiles = true;
                policy.ReadPaths.AddRange(SandboxPolicy.JudgeReadPaths);
            }
            policy.ReadPaths.AddRange(allowRead.Select(p => Path.GetFullPath(p)));
            policy.WritePaths.AddRange(allowWrite.Select(p => Path.GetFullPath(p)));
        }
        foreach (string s in allowSyscalls)
        {
            policy.AllowSyscalls.Add(s);
            policy.KillSyscalls.Remove(s);
            policy.ErrnoSyscalls.Remove(s);
        }
        foreach (string s in denySyscalls)
        {
            int colon = s.IndexOf(':');
            if (colon < 0)
            {
                policy.KillSyscalls.Add(s);
                continue;
            }
            string sys = s[..colon];
            if (!ParseErrno(s[(colon + 1)..], out int errno)) { error = $"bad errno in --deny-syscall '{s}'"; return null; }
            policy.ErrnoSyscalls[sys] = errno;
            policy.KillSyscalls.Remove(sys);
        }
        if (policy.FirstUnknownSyscallName() is { } unknown) { error = $"unknown syscall '{unknown}'"; return null; }

        IReadOnlyList<string>? environment = null;
        if (clearEnv) environment = env;
        else if (env.Count > 0)
        {
            var merged = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
                merged[(string)e.Key] = $"{e.Key}={e.Value}";
            foreach (string e in env) merged[e[..e.IndexOf('=')]] = e;
            environment = [.. merged.Values];
        }

        var options = new SandboxOptions
        {
            Program = args[i],
            Arguments = args[i..],
            Environment = environment,
            WorkingDirectory = workdir,
            Stdin = stdin,
            Stdout = stdout,
            Stderr = stderr,
            Limits = limits,
            Policy = policy,
        };
        return new Parsed(options, resultFile, quiet);
    }

    private static readonly Dictionary<string, int> s_errnos = new(StringComparer.Ordinal)
    {
        ["EPERM"] = 1, ["ENOENT"] = 2, ["EIO"] = 5, ["EBADF"] = 9, ["EAGAIN"] = 11, ["ENOMEM"] = 12, ["EACCES"] = 13,
        ["EFAULT"] = 14, ["EBUSY"] = 16, ["EEXIST"] = 17, ["EINVAL"] = 22, ["ENOSPC"] = 28, ["EROFS"] = 30, ["ENOSYS"] = 38,
        ["EAFNOSUPPORT"] = 97, ["ECONNREFUSED"] = 111,
    };

    private static bool ParseErrno(string text, out int errno) =>
        (s_errnos.TryGetValue(text.ToUpperInvariant(), out errno) || int.TryParse(text, out errno)) && errno is > 0 and <= 4095;

    private static bool Duration(string value, string name, out TimeSpan result, ref string? error)
    {
        if (SandboxUnits.TryParseDuration(value, out result) && result > TimeSpan.Zero) return true;
        error = $"bad duration '{value}' for {name} (e.g. 1s, 250ms, 1.5s)";
        return false;
    }

    private static bool Size(string value, string name, out long result, ref string? error)
    {
        if (SandboxUnits.TryParseSize(value, out result) && result > 0) return true;
        error = $"bad size '{value}' for {name} (e.g. 64M, 512K, 1G)";
        return false;
    }

    private static bool Count(string value, string name, out int result, ref string? error)
    {
        if (int.TryParse(value, out result) && result > 0) return true;
        error = $"bad number '{value}' for {name}";
        return false;
    }
}
