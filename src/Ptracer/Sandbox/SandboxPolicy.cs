using Ptracer.Seccomp;
using Ptracer.Syscalls;

namespace Ptracer.Sandbox;

/// <summary>
/// A syscall and file policy. A seccomp filter decides most syscalls in the kernel (allowed ones never stop); the
/// ones that need a look at their arguments (paths, signal targets, wait results) stop in the runner's handler,
/// which allows them, fails them with an errno (soft ban) or kills the tree (DisallowedSyscall).
/// </summary>
public sealed class SandboxPolicy
{
    /// <summary>Syscalls a <c>default</c> policy kills: they reach beyond the program (kernel state, other processes, namespaces, mounts).</summary>
    public static IReadOnlyList<string> DangerousSyscalls { get; } =
    [
        "ptrace", "process_vm_readv", "process_vm_writev", "mount", "umount2", "pivot_root", "chroot", "setns", "unshare",
        "reboot", "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module", "create_module",
        "bpf", "perf_event_open", "keyctl", "add_key", "request_key", "swapon", "swapoff", "iopl", "ioperm",
        "acct", "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "sethostname", "setdomainname",
        "quotactl", "quotactl_fd", "lookup_dcookie", "open_by_handle_at", "name_to_handle_at", "userfaultfd",
        "fanotify_init", "syslog", "vhangup", "uselib", "_sysctl", "nfsservctl", "get_kernel_syms", "query_module",
        "fsopen", "fsmount", "fsconfig", "fspick", "move_mount", "open_tree", "mount_setattr",
        "io_uring_setup", "io_uring_enter", "io_uring_register", "kcmp", "pidfd_getfd",
    ];

    /// <summary>Syscalls that reach the network; killed when <see cref="AllowNetwork"/> is false.</summary>
    public static IReadOnlyList<string> NetworkSyscalls { get; } =
        ["socket", "socketpair", "connect", "bind", "listen", "accept", "accept4"];

    /// <summary>What a <c>judge</c> policy lets the program read besides the given files: the loader, libc, time zones, /dev/null and random.</summary>
    public static IReadOnlyList<string> JudgeReadPaths { get; } =
    [
        "/etc/ld.so.cache", "/etc/ld.so.preload", "/etc/localtime", "/lib", "/lib64", "/lib32", "/usr/lib", "/usr/lib64",
        "/usr/lib32", "/usr/local/lib", "/usr/share/zoneinfo", "/dev/null", "/dev/zero", "/dev/urandom", "/dev/random",
        "/sys/devices/system/cpu/online", "/sys/devices/system/cpu/possible", "/proc/sys/vm/overcommit_memory",
        "/sys/kernel/mm/transparent_hugepage/enabled",
    ];

    private SandboxPolicy(string name) => Name = name;

    /// <summary>none, default, judge, or a policy file's name.</summary>
    public string Name { get; set; }

    /// <summary>Install a filter at all. Only <c>none</c> turns it off... and still gets an accounting filter (wait4/waitid).</summary>
    public bool Restrict { get; set; } = true;

    /// <summary>Syscalls that kill the tree when called.</summary>
    public HashSet<string> KillSyscalls { get; } = new(StringComparer.Ordinal);

    /// <summary>Syscalls failed with an errno without running them (soft bans).</summary>
    public Dictionary<string, int> ErrnoSyscalls { get; } = new(StringComparer.Ordinal);

    /// <summary>Syscalls allowed whatever else the policy says (they are removed from the kill and errno sets).</summary>
    public HashSet<string> AllowSyscalls { get; } = new(StringComparer.Ordinal);

    /// <summary>fork, vfork and clone of a process.</summary>
    public bool AllowFork { get; set; } = true;

    /// <summary>clone with CLONE_THREAD (when <see cref="AllowFork"/> is false). Threads share memory, so a path check can race a sibling thread rewriting the path.</summary>
    public bool AllowThreads { get; set; } = true;

    /// <summary>execve/execveat after the program's own start.</summary>
    public bool AllowExec { get; set; } = true;

    public bool AllowNetwork { get; set; } = true;

    /// <summary>Signals (kill, tgkill, ...), pidfd_open and prlimit64 only for processes of the tree.</summary>
    public bool ConfineToTree { get; set; } = true;

    /// <summary>i386 (int 0x80) and x32 syscalls kill the tree; when false they are allowed unchecked (only for <c>none</c>).</summary>
    public bool NativeAbiOnly { get; set; } = true;

    /// <summary>Check the paths of open, stat, exec and the other path syscalls against the lists below.</summary>
    public bool RestrictFiles { get; set; }

    /// <summary>Files or directories (a directory covers everything under it) the program may open for reading, stat or execute.</summary>
    public List<string> ReadPaths { get; } = [];

    /// <summary>Files or directories the program may open for writing, create, remove or change (reading them too).</summary>
    public List<string> WritePaths { get; } = [];

    /// <summary>The errno for a denied read, stat or exec of a path (a soft ban).</summary>
    public int DeniedReadErrno { get; set; } = 13; // EACCES

    /// <summary>A denied write kills (true) or fails with EACCES (false).</summary>
    public bool KillOnDeniedWrite { get; set; } = true;

    /// <summary>No restrictions except that the program cannot signal the runner; i386/x32 allowed.</summary>
    public static SandboxPolicy None() => new("none")
    {
        Restrict = false,
        ConfineToTree = false,
        NativeAbiOnly = false,
    };

    /// <summary>Ordinary programs run; the dangerous syscalls kill; signals stay inside the tree.</summary>
    public static SandboxPolicy Default()
    {
        var policy = new SandboxPolicy("default");
        policy.KillSyscalls.UnionWith(DangerousSyscalls);
        return policy;
    }

    /// <summary>
    /// One single-threaded process: no fork, no threads, no exec after the first, no network; reads only from
    /// <see cref="JudgeReadPaths"/> and the given files, writes only to its stdout/stderr descriptors and the given files.
    /// </summary>
    public static SandboxPolicy Judge()
    {
        var policy = new SandboxPolicy("judge")
        {
            AllowFork = false,
            AllowThreads = false,
            AllowExec = false,
            AllowNetwork = false,
            RestrictFiles = true,
        };
        policy.KillSyscalls.UnionWith(DangerousSyscalls);
        policy.ReadPaths.AddRange(JudgeReadPaths);
        return policy;
    }

    /// <summary>A built-in policy by name, or null.</summary>
    public static SandboxPolicy? ByName(string name) => name switch
    {
        "none" => None(),
        "default" => Default(),
        "judge" => Judge(),
        _ => null,
    };

    // SECCOMP_RET_DATA tags of the filter's TRACE rules: why the syscall stopped.
    internal const ushort TagKill = 1, TagFile = 2, TagWait = 3, TagExec = 4, TagSignal = 5, TagNonNative = 6;

    private const ulong CloneThread = 0x00010000;

    /// <summary>
    /// The first name the policy lists that is no syscall of x86_64 or i386 (a typo in a policy must not pass
    /// silently), or null. Plain loops: it runs at every start.
    /// </summary>
    public string? FirstUnknownSyscallName()
    {
        foreach (string name in KillSyscalls)
            if (!IsKnownSyscall(name)) return name;
        foreach (string name in ErrnoSyscalls.Keys)
            if (!IsKnownSyscall(name)) return name;
        foreach (string name in AllowSyscalls)
            if (!IsKnownSyscall(name)) return name;
        return null;
    }

    // Some dangerous syscalls are gone from today's tables (create_module, nfsservctl, ...): known all the same.
    private static bool IsKnownSyscall(string name) =>
        SyscallTable.X86_64.TryGetNumber(name, out _) || SyscallTable.I386.TryGetNumber(name, out _) || DangerousSyscalls.Contains(name);

    /// <summary>The seccomp policy the runner installs.</summary>
    public SeccompPolicy ToSeccompPolicy()
    {
        var policy = new SeccompPolicy(SeccompAction.Allow);
        SeccompRuleSet rules = policy.X86_64;
        var decided = new HashSet<int>();

        void Rule(string name, SeccompAction action)
        {
            if (!SyscallTable.X86_64.TryGetNumber(name, out int nr) || !decided.Add(nr)) return;
            rules.Add(nr, action);
        }

        // Accounting: a parent reaping a child adds the child's CPU time to its own rusage; the runner subtracts it.
        Rule("wait4", SeccompAction.Trace(TagWait));
        Rule("waitid", SeccompAction.Trace(TagWait));

        foreach (string name in AllowSyscalls) Rule(name, SeccompAction.Allow);

        if (Restrict)
        {
            // clone3 passes its flags in memory, where the filter cannot see them: ENOSYS makes libc fall back to clone.
            Rule("clone3", SeccompAction.Errno(38));
        }
        foreach (string name in KillSyscalls) Rule(name, SeccompAction.Trace(TagKill));
        foreach ((string name, int errno) in ErrnoSyscalls) Rule(name, SeccompAction.Errno(errno));
        if (Restrict)
        {
            if (!AllowFork)
            {
                Rule("fork", SeccompAction.Trace(TagKill));
                Rule("vfork", SeccompAction.Trace(TagKill));
                if (SyscallTable.X86_64.TryGetNumber("clone", out int clone) && decided.Add(clone))
                {
                    if (AllowThreads) rules.Add(clone, SeccompAction.Allow, ArgCondition.MaskedEq(0, CloneThread, CloneThread));
                    rules.Add(clone, SeccompAction.Trace(TagKill));
                }
            }
            if (!AllowNetwork)
                foreach (string name in NetworkSyscalls) Rule(name, SeccompAction.Trace(TagKill));
            if (!AllowExec)
            {
                Rule("execve", SeccompAction.Trace(TagExec));
                Rule("execveat", SeccompAction.Trace(TagExec));
            }
        }
        if (ConfineToTree)
        {
            foreach (string name in new[] { "kill", "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo", "pidfd_open" })
                Rule(name, SeccompAction.Trace(TagSignal));
            if (SyscallTable.X86_64.TryGetNumber("prlimit64", out int prlimit) && decided.Add(prlimit))
            {
                rules.Add(prlimit, SeccompAction.Allow, ArgCondition.Eq(0, 0, ArgWidth.Bits32));
                rules.Add(prlimit, SeccompAction.Trace(TagSignal));
            }
        }
        if (RestrictFiles)
            foreach (string name in FileRules.TracedSyscalls) Rule(name, SeccompAction.Trace(TagFile));

        if (NativeAbiOnly)
        {
            policy.I386Action = SeccompAction.Trace(TagNonNative);
            policy.X32 = X32Handling.Return(SeccompAction.Trace(TagNonNative));
        }
        else
        {
            policy.I386Action = SeccompAction.Allow;
            policy.X32 = X32Handling.UseX86_64Rules;
        }
        return policy;
    }
}
