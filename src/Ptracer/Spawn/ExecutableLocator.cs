namespace Ptracer.Spawn;

/// <summary>Finds a command on PATH the way execvp(3) and strace do before exec.</summary>
public static class ExecutableLocator
{
    /// <summary>
    /// A name containing '/' is used as given; otherwise the first PATH entry holding an executable regular file
    /// with that name. When none does, the name comes back unchanged and exec reports the error.
    /// </summary>
    public static string Resolve(string name, string? path)
    {
        if (name.Contains('/') || name.Length == 0) return name;
        foreach (string dir in (path ?? "/usr/local/bin:/usr/bin:/bin").Split(':'))
        {
            string candidate = Path.Combine(dir.Length == 0 ? "." : dir, name);
            if (IsExecutableFile(candidate)) return candidate;
        }
        return name;
    }

    private static bool IsExecutableFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return false;
            UnixFileMode mode = info.UnixFileMode;
            return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
