using System.Globalization;

namespace Ptracer.Snapshot;

/// <summary>One line of /proc/PID/maps.</summary>
internal readonly record struct MapsEntry(ulong Start, ulong End, string Permissions, ulong Offset, ulong Inode, string Name)
{
    public bool Shared => Permissions.Length > 3 && Permissions[3] == 's';
    public bool Writable => Permissions.Length > 1 && Permissions[1] == 'w';
    public bool IsVdsoPart => Name is "[vdso]" or "[vvar]" or "[vvar_vclock]";

    /// <summary>mmap's prot from the permission letters.</summary>
    public int Protection => ProtectionOf(Permissions);

    public static int ProtectionOf(string permissions) =>
        (permissions[0] == 'r' ? 1 : 0) | (permissions[1] == 'w' ? 2 : 0) | (permissions[2] == 'x' ? 4 : 0);
}

internal static class ProcMaps
{
    public static List<MapsEntry> Read(int pid)
    {
        var entries = new List<MapsEntry>();
        foreach (string line in File.ReadLines($"/proc/{pid}/maps")) entries.Add(Parse(line));
        return entries;
    }

    // "start-end perms offset dev inode [name]": the name starts after the inode and may contain spaces.
    public static MapsEntry Parse(string line)
    {
        string[] f = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        int dash = f[0].IndexOf('-');
        return new MapsEntry(
            ulong.Parse(f[0].AsSpan(0, dash), NumberStyles.HexNumber),
            ulong.Parse(f[0].AsSpan(dash + 1), NumberStyles.HexNumber),
            f[1],
            ulong.Parse(f[2], NumberStyles.HexNumber),
            ulong.Parse(f[4], CultureInfo.InvariantCulture),
            f.Length > 5 ? f[5].Trim() : "");
    }
}
