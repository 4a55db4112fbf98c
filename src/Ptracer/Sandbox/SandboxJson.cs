using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ptracer.Sandbox;

/// <summary>
/// A policy file (JSON). Every member is optional:
/// <code>
/// { "base": "default" | "judge" | "none",
///   "allowSyscalls": ["name", ...], "killSyscalls": ["name", ...], "errnoSyscalls": { "name": errno, ... },
///   "allowFork": bool, "allowThreads": bool, "allowExec": bool, "allowNetwork": bool,
///   "restrictFiles": bool, "readPaths": ["/dir", "file", ...], "writePaths": [...],
///   "deniedReadErrno": 13, "killOnDeniedWrite": true }
/// </code>
/// Relative paths are taken relative to the policy file's directory.
/// </summary>
public sealed class SandboxPolicyFile
{
    public string? Base { get; set; }
    public List<string>? AllowSyscalls { get; set; }
    public List<string>? KillSyscalls { get; set; }
    public Dictionary<string, int>? ErrnoSyscalls { get; set; }
    public bool? AllowFork { get; set; }
    public bool? AllowThreads { get; set; }
    public bool? AllowExec { get; set; }
    public bool? AllowNetwork { get; set; }
    public bool? RestrictFiles { get; set; }
    public List<string>? ReadPaths { get; set; }
    public List<string>? WritePaths { get; set; }
    public int? DeniedReadErrno { get; set; }
    public bool? KillOnDeniedWrite { get; set; }

    /// <summary>Reads and checks a policy file.</summary>
    /// <exception cref="SandboxPolicyException">The file cannot be read, is not valid JSON, or names an unknown base or syscall.</exception>
    public static SandboxPolicy Load(string path)
    {
        SandboxPolicyFile? file;
        try
        {
            using FileStream stream = File.OpenRead(path);
            file = JsonSerializer.Deserialize(stream, SandboxJsonContext.Default.SandboxPolicyFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new SandboxPolicyException($"cannot read policy file '{path}': {e.Message}");
        }
        if (file is null) throw new SandboxPolicyException($"policy file '{path}' is empty");
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
        return file.ToPolicy(Path.GetFileName(path), directory);
    }

    public SandboxPolicy ToPolicy(string name, string baseDirectory)
    {
        SandboxPolicy policy = SandboxPolicy.ByName(Base ?? "default")
            ?? throw new SandboxPolicyException($"unknown base policy '{Base}' (none, default or judge)");
        policy.Name = name;
        if (AllowSyscalls is not null) policy.AllowSyscalls.UnionWith(AllowSyscalls);
        if (KillSyscalls is not null) policy.KillSyscalls.UnionWith(KillSyscalls);
        if (ErrnoSyscalls is not null)
            foreach ((string syscall, int errno) in ErrnoSyscalls)
            {
                if (errno is <= 0 or > 4095) throw new SandboxPolicyException($"errno {errno} for '{syscall}' is out of range 1..4095");
                policy.ErrnoSyscalls[syscall] = errno;
            }
        if (AllowFork is { } fork) policy.AllowFork = fork;
        if (AllowThreads is { } threads) policy.AllowThreads = threads;
        if (AllowExec is { } exec) policy.AllowExec = exec;
        if (AllowNetwork is { } network) policy.AllowNetwork = network;
        if (RestrictFiles is { } files) policy.RestrictFiles = files;
        if (ReadPaths is not null) policy.ReadPaths.AddRange(ReadPaths.Select(p => Path.GetFullPath(p, baseDirectory)));
        if (WritePaths is not null) policy.WritePaths.AddRange(WritePaths.Select(p => Path.GetFullPath(p, baseDirectory)));
        if ((ReadPaths is not null || WritePaths is not null) && RestrictFiles is null) policy.RestrictFiles = true;
        if (DeniedReadErrno is { } denied) policy.DeniedReadErrno = denied;
        if (KillOnDeniedWrite is { } kill) policy.KillOnDeniedWrite = kill;
        if (policy.FirstUnknownSyscallName() is { } unknown)
            throw new SandboxPolicyException($"unknown syscall '{unknown}' in policy '{name}'");
        return policy;
    }
}

/// <summary>A policy (file or option) is not valid.</summary>
public sealed class SandboxPolicyException(string message) : Exception(message);

/// <summary>Serialises results and reads policy files (source-generated: NativeAOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SandboxResult))]
[JsonSerializable(typeof(SandboxPolicyFile))]
public sealed partial class SandboxJsonContext : JsonSerializerContext;

/// <summary>Parses the CLI's durations (1s, 250ms, 1.5s, 2m) and sizes (64M, 512K, 1G, 100 bytes).</summary>
public static class SandboxUnits
{
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        (string number, double scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 1.0),
            _ when text.EndsWith("us", StringComparison.Ordinal) => (text[..^2], 0.001),
            _ when text.EndsWith('s') => (text[..^1], 1000.0),
            _ when text.EndsWith('m') => (text[..^1], 60_000.0),
            _ => (text, 1000.0), // a bare number is seconds
        };
        if (!double.TryParse(number, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out double n)
            || n < 0 || double.IsInfinity(n * scale))
            return false;
        value = TimeSpan.FromMilliseconds(n * scale);
        return true;
    }

    public static bool TryParseSize(string text, out long value)
    {
        value = 0;
        string upper = text.ToUpperInvariant();
        if (upper.EndsWith("IB", StringComparison.Ordinal)) upper = upper[..^2];
        else if (upper.EndsWith('B') && upper.Length > 1 && !char.IsDigit(upper[^2])) upper = upper[..^1];
        else if (upper.EndsWith('B')) upper = upper[..^1];
        long scale = 1;
        if (upper.Length > 0)
        {
            switch (upper[^1])
            {
                case 'K': scale = 1L << 10; upper = upper[..^1]; break;
                case 'M': scale = 1L << 20; upper = upper[..^1]; break;
                case 'G': scale = 1L << 30; upper = upper[..^1]; break;
                case 'T': scale = 1L << 40; upper = upper[..^1]; break;
            }
        }
        if (!double.TryParse(upper, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out double n)
            || n < 0 || n * scale > long.MaxValue)
            return false;
        value = (long)Math.Round(n * scale);
        return true;
    }
}
