using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ptracer.Snapshot;

/// <summary>
/// The on-disk snapshot, version 1 (see FORMAT.md beside this file): DIR/snapshot.json holds this manifest, and
/// DIR/pages.bin the saved pages, 4096 bytes each, in the order the manifest's page runs name them.
/// </summary>
public sealed class SnapshotManifest
{
    public const int CurrentVersion = 1;
    public const string ManifestFile = "snapshot.json";
    public const string PagesFile = "pages.bin";

    public int FormatVersion { get; set; } = CurrentVersion;
    public string Architecture { get; set; } = "x86_64";
    /// <summary>The executable (its /proc/PID/exe at the snapshot point): the restorer executes it as its stub.</summary>
    public string Executable { get; set; } = "";
    public List<string> Arguments { get; set; } = [];
    /// <summary>The process id at the snapshot point (glibc caches it as the main thread's tid at <see cref="TidAddress"/>).</summary>
    public int Pid { get; set; }
    /// <summary>The syscall the program was about to make; restore makes it again.</summary>
    public string Syscall { get; set; } = "";
    /// <summary>user_regs_struct, 27 words in sys/user.h order, at the syscall-entry stop (rax = -ENOSYS there).</summary>
    public List<ulong> Registers { get; set; } = [];
    /// <summary>The XSAVE area (x87, SSE, AVX ...) as PTRACE_GETREGSET NT_X86_XSTATE returned it, base64.</summary>
    public string XState { get; set; } = "";
    public ulong SignalMask { get; set; }
    public List<SavedSignalAction> SignalActions { get; set; } = [];
    public ulong TidAddress { get; set; }
    public ulong RobustListHead { get; set; }
    public ulong RobustListLength { get; set; }
    public ulong RseqAddress { get; set; }
    public uint RseqLength { get; set; }
    public uint RseqSignature { get; set; }
    public SavedMmLayout Layout { get; set; } = new();
    public List<SavedMapping> Mappings { get; set; } = [];
    public List<SavedFile> Files { get; set; } = [];
    public List<SavedDescriptor> Descriptors { get; set; } = [];
    public long PageCount { get; set; }
}

/// <summary>A disposition set with rt_sigaction (struct kernel_sigaction, x86_64).</summary>
public sealed record SavedSignalAction(int Signal, ulong Handler, ulong Flags, ulong Restorer, ulong Mask);

/// <summary>The mm fields prctl(PR_SET_MM_MAP) sets (/proc/PID/stat fields 26-28 and 45-51; brk as last returned by brk).</summary>
public sealed class SavedMmLayout
{
    public ulong StartCode { get; set; }
    public ulong EndCode { get; set; }
    public ulong StartData { get; set; }
    public ulong EndData { get; set; }
    public ulong StartBrk { get; set; }
    public ulong Brk { get; set; }
    public ulong StartStack { get; set; }
    public ulong ArgStart { get; set; }
    public ulong ArgEnd { get; set; }
    public ulong EnvStart { get; set; }
    public ulong EnvEnd { get; set; }
}

public enum MappingKind { File, Anonymous, Stack, Vdso }

/// <summary>One line of /proc/PID/maps and the pages of it that were saved.</summary>
public sealed class SavedMapping
{
    public ulong Start { get; set; }
    public ulong End { get; set; }
    /// <summary>The maps permission field, e.g. "r-xp" (p private, s shared).</summary>
    public string Permissions { get; set; } = "";
    public ulong Offset { get; set; }
    /// <summary>The file, for <see cref="MappingKind.File"/>; the maps name otherwise ("[heap]", "[vdso]", "").</summary>
    public string Name { get; set; } = "";
    public MappingKind Kind { get; set; }
    public List<PageRun> Pages { get; set; } = [];
}

/// <summary>Pages [FirstPage, FirstPage+Count) of a mapping, stored at page index <see cref="DataPage"/> of pages.bin.</summary>
public sealed record PageRun(long FirstPage, long Count, long DataPage);

/// <summary>A file the snapshot depends on, with what it must still be at restore time.</summary>
public sealed record SavedFile(string Path, long Size, string Sha256);

/// <summary>A read-only regular file open at the snapshot point, reopened at the same number and offset.</summary>
public sealed record SavedDescriptor(int Fd, string Path, int Flags, long Offset);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(SnapshotManifest))]
internal sealed partial class SnapshotJsonContext : JsonSerializerContext;

/// <summary>A snapshot or a restore that cannot be done; the message is one line naming the reason.</summary>
public sealed class SnapshotException(string message) : Exception(message);

internal static class SnapshotFiles
{
    public static void Write(string directory, SnapshotManifest manifest)
    {
        File.WriteAllText(Path.Combine(directory, SnapshotManifest.ManifestFile),
            JsonSerializer.Serialize(manifest, SnapshotJsonContext.Default.SnapshotManifest) + "\n");
    }

    public static SnapshotManifest Read(string directory)
    {
        string path = Path.Combine(directory, SnapshotManifest.ManifestFile);
        if (!File.Exists(path)) throw new SnapshotException($"'{directory}' is not a snapshot (no {SnapshotManifest.ManifestFile})");
        SnapshotManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(File.ReadAllBytes(path), SnapshotJsonContext.Default.SnapshotManifest);
        }
        catch (JsonException e)
        {
            throw new SnapshotException($"'{path}' is not a valid snapshot manifest: {e.Message}");
        }
        if (manifest is null) throw new SnapshotException($"'{path}' is empty");
        if (manifest.FormatVersion != SnapshotManifest.CurrentVersion)
            throw new SnapshotException($"'{path}' has format version {manifest.FormatVersion}; this ptracer reads version {SnapshotManifest.CurrentVersion}");
        if (manifest.Architecture != "x86_64" || manifest.Registers.Count != 27)
            throw new SnapshotException($"'{path}' is not an x86_64 snapshot");
        return manifest;
    }

    public static string Sha256Of(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }
}
