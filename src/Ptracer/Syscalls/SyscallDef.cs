namespace Ptracer.Syscalls;

/// <summary>One entry of a generated syscall table.</summary>
/// <param name="Name">The name strace prints (e.g. "newfstatat", "pread64").</param>
/// <param name="Number">The number in its ABI's table.</param>
/// <param name="Args">The kind of each argument; its length is the argument count strace prints.</param>
/// <param name="Return">How the return value is printed.</param>
/// <param name="Classes">strace's classes for -e trace=%CLASS.</param>
public sealed record SyscallDef(string Name, int Number, ArgKind[] Args, ReturnKind Return, SyscallClass Classes);
