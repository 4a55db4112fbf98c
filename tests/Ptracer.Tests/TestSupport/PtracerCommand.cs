namespace Ptracer.Tests.TestSupport;

/// <summary>
/// The `ptracer` command from the build output beside this assembly: the CLI's apphost if there is one, else its
/// dll run by the dotnet host. The CLI assembly is Ptracer.Cli; only the published NativeAOT binary is named ptracer.
/// PTRACER_BINARY overrides it (e.g. with a published dist/ptracer).
/// </summary>
internal static class PtracerCommand
{
    private static readonly Lazy<IReadOnlyList<string>> s_argv = new(Find);

    /// <summary>argv prefix that runs ptracer (one element for an executable, two for dotnet + dll).</summary>
    public static IReadOnlyList<string> Argv => s_argv.Value;

    private static IReadOnlyList<string> Find()
    {
        string? overridden = Environment.GetEnvironmentVariable("PTRACER_BINARY");
        if (!string.IsNullOrEmpty(overridden)) return [overridden];
        string dir = AppContext.BaseDirectory;
        foreach (string name in new[] { "ptracer", "Ptracer.Cli" })
        {
            string apphost = Path.Combine(dir, name);
            if (File.Exists(apphost)) return [apphost];
        }
        foreach (string name in new[] { "ptracer", "Ptracer.Cli" })
        {
            string dll = Path.Combine(dir, name + ".dll");
            if (File.Exists(dll)) return [DotnetHost(), dll];
        }
        throw new InvalidOperationException($"no ptracer or Ptracer.Cli apphost or dll in {dir} (build src/Ptracer.Cli, or set PTRACER_BINARY)");
    }

    /// <summary>The dotnet host by full path: commands run with PATH=/usr/bin:/bin only.</summary>
    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        string? self = Environment.ProcessPath;
        if (self != null && Path.GetFileName(self) == "dotnet") return self;
        foreach (string d in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (d.Length > 0 && File.Exists(Path.Combine(d, "dotnet"))) return Path.Combine(d, "dotnet");
        return "dotnet";
    }
}
