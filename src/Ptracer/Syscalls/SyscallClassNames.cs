namespace Ptracer.Syscalls;

/// <summary>The names strace accepts for its syscall classes in -e trace=.</summary>
public static class SyscallClassNames
{
    // Case-sensitive like strace. The forms without '%' are the deprecated ones strace still takes;
    // "stat", "fstat"... without '%' are syscall names, not classes.
    private static readonly Dictionary<string, SyscallClass> Names = new(StringComparer.Ordinal)
    {
        ["%file"] = SyscallClass.File,
        ["file"] = SyscallClass.File,
        ["%process"] = SyscallClass.Process,
        ["process"] = SyscallClass.Process,
        ["%net"] = SyscallClass.Network,
        ["%network"] = SyscallClass.Network,
        ["network"] = SyscallClass.Network,
        ["%signal"] = SyscallClass.Signal,
        ["signal"] = SyscallClass.Signal,
        ["%ipc"] = SyscallClass.Ipc,
        ["ipc"] = SyscallClass.Ipc,
        ["%desc"] = SyscallClass.Desc,
        ["desc"] = SyscallClass.Desc,
        ["%memory"] = SyscallClass.Memory,
        ["memory"] = SyscallClass.Memory,
        ["%creds"] = SyscallClass.Creds,
        ["%clock"] = SyscallClass.Clock,
        ["%stat"] = SyscallClass.Stat,
        ["%lstat"] = SyscallClass.LStat,
        ["%fstat"] = SyscallClass.FStat,
        ["%%stat"] = SyscallClass.StatLike,
        ["%statfs"] = SyscallClass.StatFs,
        ["%fstatfs"] = SyscallClass.FStatFs,
        ["%%statfs"] = SyscallClass.StatFsLike,
        ["%pure"] = SyscallClass.Pure,
        ["%seccomp_default"] = SyscallClass.SeccompDefault,
    };

    /// <summary>Parses one class name ("%file", "%net", "process"...).</summary>
    public static bool TryParse(string name, out SyscallClass cls) => Names.TryGetValue(name, out cls);

    /// <summary>Parses one class name; throws <see cref="FormatException"/> for anything else.</summary>
    public static SyscallClass Parse(string name) =>
        TryParse(name, out SyscallClass cls) ? cls : throw new FormatException($"unknown syscall class '{name}'");
}
