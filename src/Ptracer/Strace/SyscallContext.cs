using Ptracer.Engine;
using Ptracer.Syscalls;

namespace Ptracer.Strace;

/// <summary>
/// One syscall as the decoders see it: the definition, the six raw arguments captured at entry, and at exit
/// the return value. Reused per tracee; valid only while the tracee is stopped.
/// </summary>
public sealed class SyscallContext
{
    private readonly ulong[] _args = new ulong[6];

    public SyscallContext(TraceeMemory memory) => Memory = memory;

    /// <summary>The tracee's memory (the thread that made the call).</summary>
    public TraceeMemory Memory { get; private set; }

    /// <summary>The thread id (for /proc/PID/fd lookups).</summary>
    public int Pid => Memory.Pid;

    public SyscallArch Arch { get; set; }
    public SyscallDef Def { get; set; } = null!;
    public Span<ulong> Args => _args;
    public ulong Arg(int i) => _args[i];

    /// <summary>True at the exit stop.</summary>
    public bool Exiting { get; set; }

    /// <summary>The raw return value (rax) at exit; an errno is -errno.</summary>
    public long ReturnValue { get; set; }

    /// <summary>At exit: the value is an error (-4095..-1).</summary>
    public bool IsError { get; set; }

    /// <summary>The number of arguments printed at entry (set by the formatter; read back at exit).</summary>
    public int PrintedAtEntry { get; set; }

    /// <summary>Values a decoder keeps from entry to exit (e.g. an in/out length before the kernel changes it).</summary>
    public long SavedValue { get; set; }

    /// <summary>The entry's formatted arguments, kept by renderers that print whole events at exit (JSON).</summary>
    public string? EntryText { get; set; }

    public void Rebind(TraceeMemory memory) => Memory = memory;
}
