using System.Globalization;
using Ptracer.Spawn;

namespace Ptracer.Strace;

/// <summary>
/// -u USERNAME: the user's uid and gid from /etc/passwd and its groups from /etc/group (what getpwnam and
/// initgroups give on a system whose NSS is files, as here).
/// </summary>
public static class UserAccount
{
    public static SpawnUser Lookup(string name, string passwd = "/etc/passwd", string group = "/etc/group")
    {
        if (Ptracer.Native.Interop.Libc.getuid() != 0)
            throw new StraceUsageException("You must be root to use the -u/--username option");
        foreach (string line in File.ReadLines(passwd))
        {
            string[] f = line.Split(':');
            if (f.Length < 4 || f[0] != name) continue;
            uint uid = uint.Parse(f[2], CultureInfo.InvariantCulture);
            uint gid = uint.Parse(f[3], CultureInfo.InvariantCulture);
            return new SpawnUser(uid, gid, GroupsOf(name, gid, group));
        }
        throw new StraceUsageException($"Cannot find user '{name}'");
    }

    /// <summary>initgroups(3): the primary group and every group that lists the user as a member.</summary>
    private static List<uint> GroupsOf(string name, uint primary, string group)
    {
        var groups = new List<uint> { primary };
        foreach (string line in File.ReadLines(group))
        {
            string[] f = line.Split(':');
            if (f.Length < 4 || !uint.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out uint gid)) continue;
            if (f[3].Split(',').Contains(name) && !groups.Contains(gid)) groups.Add(gid);
        }
        return groups;
    }
}
