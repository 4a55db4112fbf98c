namespace Ptracer.ExecProxy;

/// <summary>
/// A snapshot of the environment a traced tree started with. An intercepted exec carries
/// <c>MPROXY_CHANGED_ENVS</c>: the names whose values differ from the snapshot or are new, colon-separated, in the
/// order of the exec's environment. Names removed since the snapshot are not reported.
/// </summary>
public sealed class EnvBaseline
{
    public const string ChangedEnvsName = "MPROXY_CHANGED_ENVS";
    public const string HookBypassName = "MPROXY_HOOK_BYPASS";
    /// <summary>Tells the shim where the broker listens.</summary>
    public const string BrokerSocketName = "PTRACER_BROKER_SOCKET";

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public EnvBaseline(IEnumerable<string> environment)
    {
        foreach (string entry in environment)
        {
            (string name, string value) = Split(entry);
            _values.TryAdd(name, value); // getenv(3) finds the first of duplicates
        }
    }

    /// <summary>The environment of this process.</summary>
    public static EnvBaseline FromCurrentProcess() =>
        new(Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().Select(e => $"{e.Key}={e.Value}"));

    /// <summary>Names the exec machinery injects itself; never reported as changed, never passed on by the broker.</summary>
    public static bool IsInjected(string name) => name is ChangedEnvsName or HookBypassName or BrokerSocketName;

    /// <summary>The value of MPROXY_CHANGED_ENVS for <paramref name="current"/> (empty when nothing changed).</summary>
    public string ChangedKeys(IEnumerable<string> current)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var changed = new List<string>();
        foreach (string entry in current)
        {
            (string name, string value) = Split(entry);
            if (name.Length == 0 || IsInjected(name) || !seen.Add(name)) continue;
            if (!_values.TryGetValue(name, out string? old) || old != value) changed.Add(name);
        }
        return string.Join(':', changed);
    }

    /// <summary>
    /// <paramref name="envp"/> without any previous MPROXY_HOOK_BYPASS, MPROXY_CHANGED_ENVS or broker socket entry,
    /// followed by MPROXY_HOOK_BYPASS=1, MPROXY_CHANGED_ENVS=... and the broker socket.
    /// </summary>
    public List<string> InjectEnvVars(IReadOnlyList<string> envp, string brokerSocket)
    {
        var result = new List<string>(envp.Count + 3);
        foreach (string e in envp)
            if (!IsInjected(Split(e).Name)) result.Add(e);
        string changed = ChangedKeys(envp);
        result.Add($"{HookBypassName}=1");
        result.Add($"{ChangedEnvsName}={changed}");
        result.Add($"{BrokerSocketName}={brokerSocket}");
        return result;
    }

    public static (string Name, string Value) Split(string entry)
    {
        int eq = entry.IndexOf('=');
        return eq < 0 ? (entry, "") : (entry[..eq], entry[(eq + 1)..]);
    }
}

/// <summary>
/// The broker's environment filter. From a request's environment it keeps the names listed in its
/// MPROXY_CHANGED_ENVS and those matching a keep pattern, then drops those matching a drop pattern; everything else
/// is dropped. The kept variables are laid over the runner's own environment (the broker's, or the remote login's).
/// Patterns are names with '*' as a wildcard (e.g. <c>LC_*</c>).
/// </summary>
public sealed class EnvFilter(IEnumerable<string>? keep = null, IEnumerable<string>? drop = null)
{
    private readonly string[] _keep = keep?.ToArray() ?? [];
    private readonly string[] _drop = drop?.ToArray() ?? [];

    /// <summary>The variables of <paramref name="requestEnv"/> that pass the filter, in their order.</summary>
    public List<KeyValuePair<string, string>> Apply(IReadOnlyList<string> requestEnv)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (string e in requestEnv)
        {
            (string name, string value) = EnvBaseline.Split(e);
            if (name == EnvBaseline.ChangedEnvsName)
                foreach (string n in value.Split(':', StringSplitOptions.RemoveEmptyEntries)) changed.Add(n);
        }
        var result = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string e in requestEnv)
        {
            (string name, string value) = EnvBaseline.Split(e);
            if (name.Length == 0 || EnvBaseline.IsInjected(name) || !seen.Add(name)) continue;
            if (!(changed.Contains(name) || _keep.Any(p => Glob(p, name)))) continue;
            if (_drop.Any(p => Glob(p, name))) continue;
            result.Add(new(name, value));
        }
        return result;
    }

    /// <summary><paramref name="baseEnv"/> with <paramref name="overlay"/> set on top (replacing or appending).</summary>
    public static List<string> Overlay(IEnumerable<string> baseEnv, IReadOnlyList<KeyValuePair<string, string>> overlay)
    {
        var names = new HashSet<string>(overlay.Select(kv => kv.Key), StringComparer.Ordinal);
        var result = baseEnv.Where(e => !names.Contains(EnvBaseline.Split(e).Name)).ToList();
        result.AddRange(overlay.Select(kv => $"{kv.Key}={kv.Value}"));
        return result;
    }

    internal static bool Glob(string pattern, string name)
    {
        if (!pattern.Contains('*')) return pattern == name;
        string[] parts = pattern.Split('*');
        if (!name.StartsWith(parts[0], StringComparison.Ordinal)) return false;
        int at = parts[0].Length;
        for (int i = 1; i < parts.Length - 1; i++)
        {
            int found = name.IndexOf(parts[i], at, StringComparison.Ordinal);
            if (found < 0) return false;
            at = found + parts[i].Length;
        }
        string last = parts[^1];
        return name.Length - at >= last.Length && name.EndsWith(last, StringComparison.Ordinal);
    }
}
